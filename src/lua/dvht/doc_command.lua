-- doc_command.lua - what "dvht bien-ban" and "dvht bao-cao" share: choose the
-- units, load the layout (bundled, or --layout FILE.lua), draw one sheet
-- per unit and write one workbook, or one file per unit into a folder.
local core = require "dvht.core"
local cli = require "dvht.cli"
local workbook = require "dvht.workbook"
local cmd_assess = require "dvht.cmd_assess"
local D = require "dvht.doc_layout"
local F = require "dvht.doc_facts"
local vi = require "dvht.vi"

local EXIT = core.exit
local M = {}

-- Layouts ------------------------------------------------------------------------

-- The bundled layout module, or the edited copy given by --layout.
function M.load_layout(module, path)
  if not path then return require("dvht." .. module) end
  local f = io.open(path, "rb")
  if not f then cli.fail(EXIT.USAGE, "không mở được tệp bố cục \"%s\"", path) end
  f:close()
  local chunk, err = core.load_text(path, "@" .. path)
  if not chunk then cli.fail(EXIT.PLAN, "Lỗi trong tệp bố cục: %s", tostring(err)) end
  local ok, layout = pcall(chunk)
  if not ok then cli.fail(EXIT.PLAN, "Lỗi trong tệp bố cục %s: %s", path, tostring(layout)) end
  if type(layout) ~= "table" or type(layout.draw) ~= "function" or type(layout.grid) ~= "table" then
    cli.fail(EXIT.PLAN, "Tệp bố cục %s phải trả về một bảng có grid = { ... } và hàm draw(doc, u, ctx) (xem %s.lua)",
      path, module)
  end
  return layout
end

-- A layout error keeps its message apart from output errors.
local LayoutError = {}
LayoutError.__tostring = function(e) return e.message end

local function draw(layout, wb, name, facts, ctx)
  local ws = wb:add_sheet(name)
  local ok, err = pcall(function()
    local doc = D.new(wb, ws, layout)
    layout.draw(doc, facts, ctx)
    doc:finish(layout.page)
  end)
  if not ok then error(setmetatable({ message = tostring(err) }, LayoutError), 0) end
end

-- Writes units (list of facts) into one workbook, one sheet each.
-- Returns true, or nil, message, is_layout_error.
function M.write_workbook(path, layout, units, ctx, title)
  local ok, err = pcall(function()
    local wb <close> = workbook.new(path, { fit_text = true })
    wb:set_properties { title = title, subject = ctx.plan.name, company = ctx.plan.meta.issuer }
    local used = {}
    for _, facts in ipairs(units) do draw(layout, wb, M.sheet_name(facts.code, used), facts, ctx) end
    wb:close()
  end)
  if ok then return true end
  return nil, tostring(err), getmetatable(err) == LayoutError
end

-- Names ----------------------------------------------------------------------------

local function utf8_prefix(s, max_chars)
  local n = 0
  for pos in utf8.codes(s) do
    n = n + 1
    if n > max_chars then return s:sub(1, pos - 1) end
  end
  return s
end

-- A sheet name from a unit code: without []:*?/\ , at most 31 characters,
-- different (case-insensitively) from the names already used.
function M.sheet_name(code, used)
  local base = code:gsub("[%[%]:%*%?/\\]", "_"):gsub("^'+", ""):gsub("'+$", "")
  if base == "" then base = "Đơn vị" end
  base = utf8_prefix(base, 31)
  local name, i = base, 1
  while used[core.fold(name)] or not workbook.valid_sheet_name(name) do
    i = i + 1
    local suffix = (" (%d)"):format(i)
    name = utf8_prefix(base, 31 - #suffix) .. suffix
  end
  used[core.fold(name)] = true
  return name
end

-- A file name from a unit code (no path separators or characters Windows
-- refuses), unique in the folder.
function M.file_name(code, used)
  local base = code:gsub("[/\\:%*%?\"<>|%c]", "_"):gsub("^%.+", "_")
  if base == "" then base = "don-vi" end
  local name, i = base, 1
  while used[core.fold(name)] do
    i = i + 1
    name = ("%s (%d)"):format(base, i)
  end
  used[core.fold(name)] = true
  return name .. ".xlsx"
end

-- Units ----------------------------------------------------------------------------

local function error_message(rec, what)
  local lines = { ("đơn vị %s có lỗi dữ liệu, chưa lập được %s:"):format(rec.code, what) }
  for _, e in ipairs(rec.errors or {}) do
    lines[#lines + 1] = ("  - %s, dòng %s, cột \"%s\": %s"):format(tostring(e.file), tostring(e.line),
      e.column or "", e.message)
  end
  return table.concat(lines, "\n")
end

-- The outcomes asked for: every unit (--all) or the codes of --unit.
local function select_units(outcomes, opts)
  if opts["--all"] then return outcomes end
  local by_code, by_fold = {}, {}
  for _, o in ipairs(outcomes) do
    by_code[o.rec.code] = by_code[o.rec.code] or o
    local ok, f = pcall(core.fold, o.rec.code)
    if ok then by_fold[f] = by_fold[f] or o end
  end
  local out, seen = {}, {}
  for _, arg in ipairs(opts["--unit"]) do
    for code in arg:gmatch("[^,]+") do
      code = core.trim(code)
      local o = by_code[code] or by_fold[core.fold(code)]
      if not o then cli.fail(EXIT.USAGE, "không có đơn vị mã \"%s\" trong dữ liệu", code) end
      if not seen[o] then
        seen[o] = true
        out[#out + 1] = o
      end
    end
  end
  return out
end

-- The command ----------------------------------------------------------------------

-- spec: { name = "bien-ban", layout = "layout_bien_ban", what = "biên bản",
--         title = "Biên bản ... năm %s" }
function M.run(args, spec)
  local opts, files = cli.parse(args, cli.with_plan_options {
    ["-o"] = "value", ["--output"] = "value", ["--unit"] = "list", ["--all"] = "flag",
    ["--layout"] = "value", ["--evidence"] = "value", ["--quiet"] = "flag", ["-q"] = "flag",
  })
  local usage = ("Cách dùng: dvht %s [--plan THƯ_MỤC] (--unit MÃ | --all) -o TỆP.xlsx|THƯ_MỤC [--layout BỐ_CỤC.lua] [--evidence THƯ_MỤC_MINH_CHỨNG] TỆP...\n"
    .. "  -o TỆP.xlsx: một sổ tính, mỗi đơn vị một trang tính; -o THƯ_MỤC: mỗi đơn vị một tệp THƯ_MỤC/MÃ.xlsx"):format(spec.name)
  if #files == 0 then cli.fail(EXIT.USAGE, "thiếu tệp dữ liệu.\n%s", usage) end
  if not opts["--all"] and not opts["--unit"] then cli.fail(EXIT.USAGE, "cần --unit MÃ hoặc --all.\n%s", usage) end
  if opts["--all"] and opts["--unit"] then cli.fail(EXIT.USAGE, "dùng --unit hoặc --all, không dùng cả hai") end
  local out = opts["-o"] or opts["--output"]
  if not out then cli.fail(EXIT.USAGE, "thiếu -o TỆP.xlsx hoặc -o THƯ_MỤC.\n%s", usage) end
  local lfs = require "lfs"
  local single = out:lower():match("%.xlsx$") ~= nil
  local mode = lfs.attributes(out, "mode")
  if single and mode == "directory" then single = false end
  if not single and mode and mode ~= "directory" then
    cli.fail(EXIT.USAGE, "\"%s\" đã có và không phải thư mục; hãy ghi vào TỆP.xlsx hoặc một thư mục", out)
  end
  if single then cmd_assess.check_outputs({ out }, files) end
  local quiet = opts["--quiet"] or opts["-q"]
  local evidence_dir = opts["--evidence"]
  if evidence_dir and lfs.attributes(evidence_dir, "mode") ~= "directory" then
    cli.fail(EXIT.INPUT, "thư mục minh chứng \"%s\" không tồn tại hoặc không phải thư mục", evidence_dir)
  end

  local plan = cli.load_plan(opts)
  local layout = M.load_layout(spec.layout, opts["--layout"])
  -- documents written by an earlier run into the output folder are never read as data
  local exclude = { out }
  if not single and mode == "directory" then
    for name in lfs.dir(out) do
      if name:lower():match("%.xlsx$") then exclude[#exclude + 1] = out:gsub("/+$", "") .. "/" .. name end
    end
  end
  local data, outcomes = cmd_assess.load_and_assess(plan, files, { quiet = quiet, exclude = exclude,
    evidence_dir = evidence_dir })
  local chosen = select_units(outcomes, opts)
  if #chosen == 0 then cli.fail(EXIT.INPUT, "không có đơn vị nào trong dữ liệu") end

  local ctx = { plan = plan, data = data, D = D, F = F, vi = vi }
  local units, failed = {}, 0
  for _, o in ipairs(chosen) do
    if o.result == "loi" then
      failed = failed + 1
      io.stderr:write("dvht: ", error_message(o.rec, spec.what), "\n")
    else
      units[#units + 1] = F.unit(plan, o, ctx)
    end
  end
  if #units == 0 then
    io.stderr:write(("dvht: không lập được %s nào (xem lỗi dữ liệu ở trên; dvht explain MÃ để xem chi tiết)\n"):format(spec.what))
    return EXIT.DATA_ERRORS
  end

  local title = spec.title:format(tostring(plan.meta.year or ""))
  local written = {}
  local function write(path, list)
    local ok, err, layout_error = M.write_workbook(path, layout, list, ctx, title)
    if not ok then
      if layout_error then cli.fail(EXIT.PLAN, "Lỗi khi vẽ %s theo bố cục%s: %s", spec.what,
        opts["--layout"] and (" " .. opts["--layout"]) or "", err) end
      cli.fail(EXIT.OUTPUT, "không ghi được \"%s\": %s", path, err)
    end
    written[#written + 1] = path
  end
  if single then
    write(out, units)
  else
    if not mode then
      local ok, err = lfs.mkdir(out)
      if not ok then cli.fail(EXIT.OUTPUT, "không tạo được thư mục \"%s\": %s", out, tostring(err)) end
    end
    local used = {}
    for _, u in ipairs(units) do
      local path = out:gsub("/+$", "") .. "/" .. M.file_name(u.code, used)
      cmd_assess.check_outputs({ path }, files)
      write(path, { u })
    end
  end
  if not quiet then
    if single then
      io.stdout:write(("Đã lập %s cho %d đơn vị: %s\n"):format(spec.what, #units, out))
    else
      io.stdout:write(("Đã lập %s cho %d đơn vị trong thư mục %s:\n"):format(spec.what, #units, out))
      for _, p in ipairs(written) do io.stdout:write("  ", p, "\n") end
    end
  end
  return failed > 0 and EXIT.DATA_ERRORS or EXIT.OK
end

return M
