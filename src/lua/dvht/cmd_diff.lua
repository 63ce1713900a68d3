-- cmd_diff.lua - "dvht diff": what if the units were assessed under another
-- plan, or under the same plan with other thresholds (--set). Prints a
-- summary (counts, transition matrix, changed units with the indicators
-- that differ), writes a workbook and, with --csv, one row per unit.
local core = require "dvht.core"
local cli = require "dvht.cli"
local planlib = require "dvht.plan"
local overrides = require "dvht.overrides"
local input = require "dvht.input"
local assess = require "dvht.assess"
local whatif = require "dvht.whatif"
local csv_write = require "dvht.csv_write"
local diff_workbook = require "dvht.diff_workbook"
local progress = require "dvht.progress"
local cmd_assess = require "dvht.cmd_assess"

local EXIT = core.exit
local M = {}

local SPEC = cli.with_plan_options { ["--plan"] = "list", ["--set"] = "list", ["-o"] = "value",
  ["--output"] = "value", ["--csv"] = "value", ["--limit"] = "value", ["--quiet"] = "flag", ["-q"] = "flag" }

local USAGE = [[
Cách dùng:
  dvht diff --plan A --plan B [-o so-sanh.xlsx] [--csv so-sanh.csv] TỆP...
  dvht diff [--plan A] --set CHỈ_TIÊU.MỨC=GIÁ_TRỊ [--set ...] [-o ...] [--csv ...] TỆP...
So sánh kết quả của cùng các đơn vị theo hai bộ tiêu chí A và B (hoặc theo bộ
tiêu chí A và chính nó sau khi đặt lại ngưỡng bằng --set; --set đi kèm hai
--plan thì áp dụng cho B). Ví dụ: --set tc2_4.muc_1=60 --set tc2_4.muc_2=80;
chỉ tiêu có nhiều phần đo thì ghi thêm cột: --set tc3_1.nguoi_hoc_cdht.muc_1=96.
  --limit N   số đơn vị đổi kết quả in ra màn hình (mặc định 20; 0: không in)]]

local function usage_fail(fmt, ...)
  cli.fail(EXIT.USAGE, "%s\n%s", fmt:format(...), USAGE)
end

-- Loads a plan with optional overrides; limits were set by cli.load_plan.
local function load(spec, list)
  local plan, err = planlib.load(spec, { overrides = list })
  if not plan then cli.fail(EXIT.PLAN, "Lỗi bộ tiêu chí: %s", err) end
  return plan
end

-- A bundled plan by its name; any other with its folder.
local function plan_name(plan)
  local s = plan.id or plan.dir
  if plan.dir and plan.dir ~= s and plan.dir ~= core.paths.rules .. "/" .. tostring(plan.id) then
    s = s .. " (" .. plan.dir .. ")"
  end
  return s
end

local function set_text(list)
  local t = {}
  for _, o in ipairs(list or {}) do t[#t + 1] = o.text end
  return table.concat(t, ", ")
end

-- Reads the files once per plan, or once for both when the plans read
-- input the same way; assesses under each plan.
local function assess_both(planA, planB, files, quiet)
  local prog = progress.new(quiet)
  local dataA, err = input.read(planA, files, { progress = prog.file })
  if not dataA then prog.done() cli.fail(EXIT.INPUT, "%s", err) end
  local dataB, read_once = nil, whatif.schema_key(planA) == whatif.schema_key(planB)
  if read_once then
    dataB = whatif.fresh(dataA)
  else
    dataB, err = input.read(planB, files, {})
    if not dataB then prog.done() cli.fail(EXIT.INPUT, "%s", err) end
  end
  local outA, errA = assess.run(planA, dataA, prog.units)
  if not outA then prog.done() cli.fail(EXIT.PLAN, "%s", errA) end
  local outB, errB = assess.run(planB, dataB, prog.units)
  if not outB then prog.done() cli.fail(EXIT.PLAN, "%s", errB) end
  prog.done()
  return dataA, outA, outB, read_once
end

-- Text width in characters (Vietnamese letters are several bytes).
local function width(s) return utf8.len(s) or #s end
local function pad(s, n, right)
  local fill = (" "):rep(math.max(0, n - width(s)))
  return right and fill .. s or s .. fill
end

local function report(cmp, info, limit)
  local out = {}
  local function add(fmt, ...) out[#out + 1] = select("#", ...) > 0 and fmt:format(...) or fmt end
  local planA, planB = info.plan_a, info.plan_b
  add("So sánh kết quả đánh giá giữa hai bộ tiêu chí")
  for _, line in ipairs(info.lines) do add("  %s %s", line[1], line[2]) end
  add("")
  local c = cmp.counts
  local labels = { "Số đơn vị so sánh:" }
  for _, d in ipairs(whatif.DIRECTIONS) do labels[#labels + 1] = d.label .. ":" end
  local w = width(labels[1])
  for i = 2, #labels do w = math.max(w, width(labels[i]) + 2) end
  add("%s %6d", pad(labels[1], w), c.total)
  for i, d in ipairs(whatif.DIRECTIONS) do add("  %s %6d", pad(labels[i + 1], w - 2), c[d.id]) end

  add("")
  add("Chuyển kết quả (hàng: theo A, cột: theo B):")
  local ids = cmp.result_ids
  local names = { "A \\ B" }
  for _, id in ipairs(ids) do names[#names + 1] = whatif.result_label(planA, planB, id) end
  local first = 0
  for _, n in ipairs(names) do first = math.max(first, width(n)) end
  local cells = { pad(names[1], first) }
  for j = 2, #names do cells[#cells + 1] = pad(names[j], math.max(width(names[j]), 6), true) end
  add("  " .. table.concat(cells, "  "))
  for i, ida in ipairs(ids) do
    local line = cmp.matrix[ida] or {}
    cells = { pad(names[i + 1], first) }
    for j, idb in ipairs(ids) do
      cells[#cells + 1] = pad(tostring(line[idb] or 0), math.max(width(names[j + 1]), 6), true)
    end
    add("  " .. table.concat(cells, "  "))
  end

  add("")
  if #cmp.indicators == 0 then
    add("Không có chỉ tiêu nào đổi giá trị.")
  else
    add("Chỉ tiêu đổi giá trị (số đơn vị):")
    for _, s in ipairs(cmp.indicators) do
      add("  %s: %d đơn vị (tăng mức %d, giảm mức %d, khác %d)", s.label, s.n, s.tang, s.giam, s.khac)
    end
  end

  if c.changed > 0 and limit > 0 then
    add("")
    local shown = math.min(limit, c.changed)
    if shown < c.changed then
      add("Đơn vị đổi kết quả (%d/%d đơn vị đầu tiên; đầy đủ trong bảng tính):", shown, c.changed)
    else
      add("Đơn vị đổi kết quả:")
    end
    local n = 0
    for _, r in ipairs(cmp.rows) do
      if r.dir ~= "giu_nguyen" and n < shown then
        n = n + 1
        add("  %s %s: %s → %s (%s)", r.code, r.name, whatif.result_label(planA, planB, r.a),
          whatif.result_label(planA, planB, r.b), whatif.DIRECTION_LABEL[r.dir]:lower())
        for _, ch in ipairs(r.changes) do add("      %s", whatif.change_text(ch)) end
      end
    end
  end
  return table.concat(out, "\n") .. "\n"
end

function M.run(args)
  local opts, files = cli.parse(args, SPEC)
  local plans, sets = opts["--plan"] or {}, opts["--set"] or {}
  if #files == 0 then usage_fail("thiếu tệp dữ liệu.") end
  if #plans > 2 then usage_fail("dvht diff so sánh đúng hai bộ tiêu chí (nhận được %d lần --plan).", #plans) end
  if #plans < 2 and #sets == 0 then
    usage_fail("cần hai bộ tiêu chí (--plan A --plan B) hoặc một bộ tiêu chí và ít nhất một --set.")
  end
  local limit = 20
  if opts["--limit"] then
    limit = math.tointeger(tonumber(opts["--limit"]))
    if not limit or limit < 0 then usage_fail("--limit cần một số nguyên không âm (nhận được \"%s\").", opts["--limit"]) end
  end
  local parsed = {}
  for _, s in ipairs(sets) do
    local o, err = overrides.parse(s)
    if not o then usage_fail("--set %s", err) end
    parsed[#parsed + 1] = o
  end
  local xlsx = opts["-o"] or opts["--output"] or "so-sanh.xlsx"
  local csv = opts["--csv"]
  if csv and (csv == xlsx or core.same_file(csv, xlsx)) then
    usage_fail("tệp CSV và bảng tính phải khác nhau (\"%s\").", csv)
  end
  cmd_assess.check_outputs({ xlsx, csv }, files)

  -- plan A: the first --plan, or the default plan; limits apply to both
  local optsA = {}
  for k, v in pairs(opts) do optsA[k] = v end
  optsA["--plan"] = plans[1]
  local planA = cli.load_plan(optsA)
  local planB = load(plans[2] or planA.dir, #parsed > 0 and parsed or nil)
  local quiet = opts["--quiet"] or opts["-q"]
  local data, outA, outB = assess_both(planA, planB, files, quiet)
  local cmp = whatif.compare(planA, outA, planB, outB)

  local info = { plan_a = planA, plan_b = planB, lines = {
    { "Bộ tiêu chí A:", plan_name(planA) },
    { "Bộ tiêu chí B:", plan_name(planB) },
  } }
  if #parsed > 0 then info.lines[#info.lines + 1] = { "Ngưỡng đặt lại (B):", set_text(parsed) } end
  info.lines[#info.lines + 1] = { "Dữ liệu:", ("%d đơn vị từ %d tệp"):format(#outA, #data.files) }

  local written = {}
  if csv then
    local ok, err = csv_write.write(csv, whatif.CSV_HEADER, whatif.csv_rows(cmp))
    if not ok then cli.fail(EXIT.OUTPUT, "%s", err) end
  end
  local ok, err = diff_workbook.write(xlsx, cmp, info)
  if not ok then cli.fail(EXIT.OUTPUT, "%s", err) end
  written[#written + 1] = "Bảng tính: " .. xlsx
  if csv then written[#written + 1] = "Kết quả dạng CSV: " .. csv end
  if not quiet then
    io.stdout:write(report(cmp, info, limit))
    io.stdout:write("\n", table.concat(written, "\n"), "\n")
  end
  return EXIT.OK
end

return M
