-- api.lua - the scripting API given to `dvht run` scripts as the global
-- `dvht`. Documented (in Vietnamese, with examples that the tests run) in
-- docs/huong-dan-kich-ban.md; what is listed there is kept stable. Scripts
-- are trusted: they also see lfs, io, os and the standard libraries.
local core = require "dvht.core"
local cli = require "dvht.cli"

local api = {}

api.version = cli.VERSION
api.exit = core.exit
api.lfs = require "lfs"
api.workbook = require "dvht.workbook"
api.tables = require "dvht.tables"
api.fold = core.fold
api.write_file = core.write_file

local function lazy(name) return require("dvht." .. name) end

-- Plans and data ---------------------------------------------------------------

-- plan = dvht.load_plan("hanoi-2025" | "path/to/plan" [, { set = { "tc2_4.muc_1=60", ... } }])
function api.load_plan(spec, opts)
  local list
  if opts and opts.set then
    list = {}
    for _, s in ipairs(type(opts.set) == "string" and { opts.set } or opts.set) do
      local o, err = lazy("overrides").parse(s)
      if not o then error(err, 2) end
      list[#list + 1] = o
    end
  end
  local plan, err = lazy("plan").load(spec or os.getenv("DVHT_PLAN") or "hanoi-2025", { overrides = list })
  if not plan then error(err, 2) end
  return plan
end

-- data = dvht.read(plan, "file.csv" | { "file.csv", "folder/", ... })
--   -> { units = { rec ... }, problems = { ... }, evidence = { ... }, files = { ... } }
function api.read(plan, paths)
  local data, err = lazy("input").read(plan, type(paths) == "string" and { paths } or paths)
  if not data then error(err, 2) end
  return data
end

-- outcomes = dvht.assess(plan, data): one outcome per unit, in input order.
function api.assess(plan, data)
  local outcomes, err = lazy("assess").run(plan, data)
  if not outcomes then error(err, 2) end
  return outcomes
end

-- outcomes, data = dvht.evaluate(plan, paths): read, then assess.
function api.evaluate(plan, paths)
  local data, err = lazy("input").read(plan, type(paths) == "string" and { paths } or paths)
  if not data then error(err, 2) end
  local outcomes, aerr = lazy("assess").run(plan, data)
  if not outcomes then error(aerr, 2) end
  return outcomes, data
end

-- { [result id or "loi"] = number of units }
function api.tally(outcomes) return lazy("assess").tally(outcomes) end

-- Units and indicators -----------------------------------------------------------

local function result_label(plan, id)
  if id == "loi" then return "Lỗi dữ liệu" end
  local r = plan.result_by_id[id]
  return r and r.label or tostring(id)
end
api.result_label = result_label

-- The unit seen by a script: plain fields, plus the outcome for the
-- functions below.
local function unit_view(plan, o)
  local rec = o.rec
  local type_id = rec.values[plan.type_key]
  local t = type_id and plan.unit_types[type_id]
  return {
    code = rec.code, name = rec.name, type = type_id, type_label = t and t.label or "",
    result = o.result, result_label = result_label(plan, o.result),
    rank = plan.result_by_id[o.result] and plan.result_by_id[o.result].rank or nil,
    file = rec.file, line = rec.line, values = rec.values, errors = rec.errors,
    counts = o.counts, outcome = o,
  }
end

-- for i, u in dvht.units(plan, outcomes) do ... end
function api.units(plan, outcomes)
  local i = 0
  return function()
    i = i + 1
    local o = outcomes[i]
    if o then return i, unit_view(plan, o) end
  end
end

-- A measure part: kind ("percent", "yes_no", "ordinal"), column, of (the
-- total column of a percentage), for_types, thresholds by level id.
local function part_view(plan, p)
  local v = { kind = p.kind, column = p.column, of = p.of, for_types = p.for_types, thresholds = {} }
  for _, lv in ipairs(plan.levels) do v.thresholds[lv.id] = p[lv.id] end
  return v
end

local function indicator_view(plan, ind)
  local parts, kinds = {}, {}
  for _, p in ipairs(ind.m.parts) do
    local v = part_view(plan, p)
    parts[#parts + 1] = v
    kinds[p.kind] = true
  end
  local kind = ind.m.custom and "custom" or (#parts == 1 and parts[1].kind or "all_of")
  return {
    id = ind.id, label = lazy("assess").indicator_label(ind), number = ind.number,
    criterion = ind.criterion, criterion_number = ind.criterion_obj.number,
    evidence = ind.evidence, levelled = ind.m.levelled, kind = kind, parts = parts,
    has_percent = kinds.percent or false,
  }
end

-- for i, ind in dvht.indicators(plan) do ... end   (plan order)
function api.indicators(plan)
  local i = 0
  return function()
    i = i + 1
    local ind = plan.indicators[i]
    if ind then return i, indicator_view(plan, ind) end
  end
end

-- r = dvht.result(plan, u, ind): what the unit reached on an indicator:
-- { value = "muc_1", text = "Mức độ 1 (57,8%)", applicable, level, met,
--   reason, parts = { { kind, column, of, count, total, level, percent, thresholds } } }
-- nil for a unit in error.
function api.result(plan, u, ind)
  local o = u.outcome or u
  local compiled = plan.indicator_by_id[type(ind) == "table" and ind.id or ind]
  if not compiled then error(("không có chỉ tiêu '%s' trong bộ tiêu chí"):format(tostring(ind and ind.id or ind)), 2) end
  local r = o.indicators and o.indicators[compiled.id]
  if not r then return nil end
  local values = o.rec.values
  local parts = {}
  if r.applicable then
    local list = r.parts or lazy("assess").parts(plan, compiled, values) or {}
    for _, p in ipairs(list) do
      local v = part_view(plan, p.part)
      v.level = p.level
      if p.part.kind == "percent" then
        v.count, v.total = p.value, p.total
        v.percent = lazy("vi").pct_floor(p.value, p.total)
      else
        v.value = p.value
      end
      parts[#parts + 1] = v
    end
  end
  return { value = r.value, text = lazy("summary").indicator_text(plan, compiled, r, values),
    applicable = r.applicable, level = r.level, met = r.met, reason = r.reason, parts = parts }
end

-- Exact arithmetic for "how many more": the least k >= 0 with
-- (count + k) / total >= threshold %, compared as the engine does
-- (count * 10000 >= round(threshold * 100) * total); nil when even
-- count + k = total is not enough.
function api.members_needed(count, total, threshold)
  assert(math.type(count) == "integer" and math.type(total) == "integer" and total > 0,
    "members_needed cần số đếm và tổng là số nguyên, tổng > 0")
  local th = math.floor(threshold * 100 + 0.5)
  local need = (th * total + 9999) // 10000 - count
  if need < 0 then need = 0 end
  if count + need > total then return nil end
  return need
end

-- "57,8%": a measured percentage, rounded down to 0,1 % (as every output
-- shows a measured value: 89,99 % never shows as 90,0 %).
function api.percent(count, total) return lazy("vi").pct_floor(count, total) end

-- "66,7%": a share of a whole (12 of 18 units), rounded half up to 0,1 %.
function api.share(count, total) return lazy("vi").pct_round(count, total) end

-- The next result above `id` in plan.results ({ id, label, rank }), or nil.
function api.next_result(plan, id)
  local r = plan.result_by_id[id]
  return r and plan.results[r.rank + 1] or nil
end

-- Results files ------------------------------------------------------------------

-- t = dvht.read_table(path [, sheet number]): the first table of a CSV file
-- or workbook sheet -> { file, header = { ... }, rows = { { [header] = text } }, lines = { ... } }
function api.read_table(path, sheet)
  local tables = api.tables
  local f, err = tables.open(path)
  if not f then error(err, 2) end
  local src, serr = f:rows(sheet or 1)
  if not src then f:close(); error(serr, 2) end
  local t = { file = path, header = {}, rows = {}, lines = {} }
  local first = true
  while true do
    local cells, line = src:next()
    if cells == nil then break end
    if cells == false then src:close(); f:close(); error(line, 2) end
    if first then
      for i, c in ipairs(cells) do t.header[i] = core.trim(c) end
      first = false
    else
      local row = {}
      for i, h in ipairs(t.header) do
        if h ~= "" then row[h] = core.trim(cells[i] or "") end
      end
      t.rows[#t.rows + 1] = row
      t.lines[#t.rows] = line
    end
  end
  src:close()
  f:close()
  return t
end

-- r = dvht.read_results(path): a results CSV of `dvht assess --csv`
-- (columns ma_don_vi, ket_qua, one per indicator, counts) ->
-- { file, header, rows, lines, by_code = { [code] = row } (first row of a code) }
function api.read_results(path)
  local ok, t = pcall(api.read_table, path)
  if not ok then error(t, 2) end
  local have = {}
  for _, h in ipairs(t.header) do have[h] = true end
  for _, need in ipairs { "ma_don_vi", "ket_qua" } do
    if not have[need] then
      error(("%s: không phải tệp kết quả của dvht (thiếu cột \"%s\")"):format(path, need), 2)
    end
  end
  t.by_code = {}
  for _, row in ipairs(t.rows) do
    if row.ma_don_vi ~= "" and not t.by_code[row.ma_don_vi] then t.by_code[row.ma_don_vi] = row end
  end
  return t
end

-- Writing ------------------------------------------------------------------------

-- dvht.write_results(path, plan, outcomes): the results CSV of `dvht assess --csv`.
function api.write_results(path, plan, outcomes)
  local ok, err = lazy("results_csv").write(path, plan, outcomes)
  if not ok then error(err, 2) end
end

-- dvht.write_csv(path, header, rows): any CSV (UTF-8, comma, quoted as
-- needed), written atomically. rows: lists of cells, or tables keyed by
-- the header's names. (The older form write_csv(path, plan, outcomes)
-- writes the results CSV.)
function api.write_csv(path, header, rows)
  if type(header) == "table" and header.indicators and header.results then
    local ok, err = lazy("results_csv").write(path, header, rows)
    if not ok then error(err, 2) end
    return
  end
  local ok, err = lazy("csv_write").write(path, header, rows)
  if not ok then error(err, 2) end
end

-- dvht.write_summary(path, plan, outcomes [, problems [, opts]]): the
-- summary workbook of `dvht assess` (opts.title).
function api.write_summary(path, plan, outcomes, problems, opts)
  local ok, err = lazy("summary").write(path, plan, outcomes, problems or {}, opts or {})
  if not ok then error(tostring(err), 2) end
end

-- dvht.write_workbook(path, { { name = "Trang", title = "...", header = { ... },
--   rows = { { ... } }, widths = { 12, 40, ... } }, ... }): simple tables.
function api.write_workbook(path, sheets)
  local ok, err = lazy("simple_workbook").write(path, sheets)
  if not ok then error(err, 2) end
end

-- dvht.explain(plan, outcome or u) -> text
function api.explain(plan, o) return lazy("explain").text(plan, o.outcome or o) end

-- cmp = dvht.compare(planA, outcomesA, planB, outcomesB): the comparison of
-- `dvht diff` (cmp.counts, cmp.matrix, cmp.rows with code, a, b, dir, changes).
function api.compare(planA, outA, planB, outB)
  return lazy("whatif").compare(planA, outA, planB, outB)
end

-- Files, folders, arguments ----------------------------------------------------------

local function list_dir(path, want)
  local out = {}
  if api.lfs.attributes(path, "mode") ~= "directory" then
    error(("không có thư mục \"%s\""):format(tostring(path)), 3)
  end
  for name in api.lfs.dir(path) do
    if name:sub(1, 1) ~= "." and name:sub(1, 2) ~= "~$" and api.lfs.attributes(path .. "/" .. name, "mode") == want then
      out[#out + 1] = name
    end
  end
  table.sort(out)
  return out
end

-- dvht.dirs(path) -> sorted names of the sub-folders (hidden ones left out)
function api.dirs(path) return list_dir(path, "directory") end

-- dvht.files(path [, ext]) -> sorted names of the files, optionally only
-- those ending in "." .. ext (any case)
function api.files(path, ext)
  local out = {}
  for _, name in ipairs(list_dir(path, "file")) do
    if not ext or name:lower():sub(-#ext - 1) == "." .. ext:lower() then out[#out + 1] = name end
  end
  return out
end

-- dvht.mkdir(path): creates a folder and its parents; fine if it exists.
function api.mkdir(path)
  local sofar = path:sub(1, 1) == "/" and "" or "."
  for part in path:gmatch("[^/]+") do
    sofar = sofar .. "/" .. part
    if api.lfs.attributes(sofar, "mode") == nil then
      local ok, err = api.lfs.mkdir(sofar)
      if not ok then error(("không tạo được thư mục \"%s\": %s"):format(sofar, tostring(err)), 2) end
    end
  end
end

-- opts, positional = dvht.args(arg, { ["--plan"] = "value", ["-o"] = "value",
--   ["--all"] = "flag", ["--set"] = "list" }). A wrong option stops the
-- script with exit code 2 and a message.
function api.args(args, spec) return cli.parse(args, spec or {}) end

-- dvht.fail(code, "message %s", ...): stops the script, prints
-- "dvht: message" and exits with `code` (dvht.exit.USAGE, .INPUT, ...).
function api.fail(code, fmt, ...) cli.fail(code, fmt, ...) end

-- Legacy names kept for older scripts.
api.indicator_label = function(ind)
  return ind.label or lazy("assess").indicator_label(ind)
end

return api
