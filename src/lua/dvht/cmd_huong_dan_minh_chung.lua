-- cmd_huong_dan_minh_chung.lua - "dvht huong-dan-minh-chung": the evidence
-- guide of the official form, generated from the plan (criteria,
-- indicators, suggested evidence, codes), laid out by layout_huong_dan.lua.
local core = require "dvht.core"
local cli = require "dvht.cli"
local workbook = require "dvht.workbook"
local doc_command = require "dvht.doc_command"
local D = require "dvht.doc_layout"
local F = require "dvht.doc_facts"
local vi = require "dvht.vi"

local EXIT = core.exit
local M = {}

local SHEET = "Hướng dẫn minh chứng"

-- The guide's rows from the plan, in the guide's wording.
function M.guide(plan)
  local g = { year = plan.meta.year, criteria = {} }
  for _, crit in ipairs(plan.criteria) do
    local c = { number = crit.number, title = crit.title or crit.id, indicators = {} }
    for _, ind in ipairs(crit.indicators) do
      local rows, main_rows = F.form_rows(ind, "guide")
      c.indicators[#c.indicators + 1] = { number = ind.number, code = ind.evidence_label or ind.evidence or "",
        rows = rows, main_rows = main_rows, ind = ind }
    end
    g.criteria[#g.criteria + 1] = c
  end
  return g
end

function M.run(args)
  local opts, rest = cli.parse(args, cli.with_plan_options {
    ["-o"] = "value", ["--output"] = "value", ["--layout"] = "value", ["--quiet"] = "flag", ["-q"] = "flag",
  })
  if #rest > 0 then
    cli.fail(EXIT.USAGE, "lệnh này không đọc tệp dữ liệu (\"%s\").\nCách dùng: dvht huong-dan-minh-chung [--plan THƯ_MỤC] [-o huong-dan-minh-chung.xlsx] [--layout BỐ_CỤC.lua]", rest[1])
  end
  local out = opts["-o"] or opts["--output"] or "huong-dan-minh-chung.xlsx"
  local plan = cli.load_plan(opts)
  local layout = doc_command.load_layout("layout_huong_dan", opts["--layout"])
  local ctx = { plan = plan, D = D, F = F, vi = vi }
  local g = M.guide(plan)
  local layout_error
  local ok, err = pcall(function()
    local wb <close> = workbook.new(out, { fit_text = true })
    wb:set_properties { title = "Hướng dẫn thu thập và sắp xếp minh chứng", subject = plan.name,
      company = plan.meta.issuer }
    local ws = wb:add_sheet(SHEET)
    local drawn, derr = pcall(function()
      local doc = D.new(wb, ws, layout)
      layout.draw(doc, g, ctx)
      doc:finish(layout.page)
    end)
    if not drawn then
      layout_error = true
      error(derr, 0)
    end
    wb:close()
  end)
  if not ok then
    if layout_error then cli.fail(EXIT.PLAN, "Lỗi khi vẽ hướng dẫn minh chứng theo bố cục%s: %s",
      opts["--layout"] and (" " .. opts["--layout"]) or "", tostring(err)) end
    cli.fail(EXIT.OUTPUT, "không ghi được \"%s\": %s", out, tostring(err))
  end
  if not (opts["--quiet"] or opts["-q"]) then
    io.stdout:write(("Đã lập hướng dẫn thu thập và sắp xếp minh chứng (bộ tiêu chí %s): %s\n"):format(plan.id or plan.dir, out))
  end
  return EXIT.OK
end

return M
