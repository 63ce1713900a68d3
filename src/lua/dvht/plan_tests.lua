-- plan_tests.lua - the table-driven tests that live next to a plan
-- (rules/<plan>/tests/*.lua). Each file returns a list of cases:
--   { name = "…", unit = { loai_don_vi = "pho_thong", tong_thanh_vien = 100, … },
--     expect = { ket_qua = "muc_1", tc2_4 = "khong_dat", … } }
-- A case's unit is built exactly as a row of the units table is
-- (input.unit_from_values), assessed (assess.unit), and compared with
-- `expect`, key by key. Test files are plan data: they run in the sandbox.
local core = require "dvht.core"
local sandbox = require "dvht.sandbox"
local input = require "dvht.input"
local assess = require "dvht.assess"

local M = {}

local COUNT_KEYS = {
  chi_tieu_dat = "ind_met", chi_tieu_ap_dung = "ind_app",
  tieu_chi_dat = "crit_met", tieu_chi_ap_dung = "crit_app",
}

-- The test files of a plan folder, sorted.
function M.files(dir)
  local lfs = require "lfs"
  local tdir = dir .. "/tests"
  local out = {}
  if lfs.attributes(tdir, "mode") ~= "directory" then return out end
  for name in lfs.dir(tdir) do
    if name:match("%.lua$") and name:sub(1, 1) ~= "." then out[#out + 1] = tdir .. "/" .. name end
  end
  table.sort(out)
  return out
end

-- Reads one test file. Returns the list of cases, or nil and a message.
function M.load(path)
  local in_vietnamese = require("dvht.plan").in_vietnamese
  local chunk, err = core.load_text(path, "@" .. path, sandbox.environment({}))
  if not chunk then return nil, in_vietnamese(err) end
  local ok, cases = sandbox.call(chunk)
  if not ok then return nil, in_vietnamese(tostring(cases)) end
  if type(cases) ~= "table" then
    return nil, ("%s: tệp kiểm thử phải trả về một danh sách ca: return { { name = ..., unit = { ... }, expect = { ... } }, ... }"):format(path)
  end
  return cases
end

-- Line of the case in its file (the first line holding its quoted name), for messages.
local function case_line(lines, name)
  if type(name) ~= "string" then return nil end
  local quoted = '"' .. name .. '"'
  local escaped = '"' .. name:gsub('["\\]', "\\%0") .. '"'
  for i, l in ipairs(lines) do
    if l:find(quoted, 1, true) or l:find(escaped, 1, true) then return i end
  end
  return nil
end

local function read_lines(path)
  local f = io.open(path, "rb")
  if not f then return {} end
  local lines = {}
  for l in f:lines() do lines[#lines + 1] = l end
  f:close()
  return lines
end

-- Column of the units table named by key or label (any case, NFC/NFD).
local function column_named(plan, name)
  if plan.columns[name] then return plan.columns[name] end
  local ok, k = pcall(core.fold, name)
  if not ok then return nil end
  for _, col in ipairs(plan.units_table.columns) do
    if core.fold(col.key) == k or core.fold(col.label) == k then return col end
  end
  return nil
end

-- Cell text of a value written in a test: strings as typed, numbers as
-- digits, true/false as the plan's first yes/no word.
local function cell_text(plan, v)
  if type(v) == "string" then return v end
  if math.type(v) == "integer" then return tostring(v) end
  if type(v) == "number" then
    -- 40.0 as "40"; what no integer holds (1e300, 0.5, 0/0) as Lua writes
    -- it, which a count column then refuses as a data error of the case
    return tostring(math.tointeger(v) or v)
  end
  if type(v) == "boolean" then
    local words = v and plan.meta.yes_words or plan.meta.no_words
    return words and words[1] or (v and "có" or "không")
  end
  return nil
end

-- The unit's cells { key = text }, or nil and a message.
local function unit_cells(plan, unit, index, name)
  if type(unit) ~= "table" then return nil, "thiếu 'unit = { ... }' (dữ liệu của đơn vị)" end
  local raw = {}
  for k, v in pairs(unit) do
    local col = type(k) == "string" and column_named(plan, k)
    if not col then
      return nil, ("cột '%s' không có trong bảng đơn vị của bộ tiêu chí"):format(tostring(k))
    end
    local s = cell_text(plan, v)
    if not s then return nil, ("cột '%s': giá trị phải là chữ hoặc số"):format(col.key) end
    if not core.valid_utf8(s) then
      return nil, ("cột '%s': chữ không phải UTF-8 hợp lệ (hãy gõ thẳng chữ có dấu, không viết mã \\ddd hay \\xHH)"):format(col.key)
    end
    raw[col.key] = s
  end
  if raw[plan.code_key] == nil then raw[plan.code_key] = ("CA-%d"):format(index) end
  if plan.name_key and raw[plan.name_key] == nil then raw[plan.name_key] = name end
  -- a required cell left out is an empty cell, as in a table
  for _, col in ipairs(plan.units_table.columns) do
    if col.required and raw[col.key] == nil then raw[col.key] = "" end
  end
  return raw
end

-- Value codes an expectation may use.
local function allowed_values(plan, key)
  local list
  if key == "ket_qua" then
    list = {}
    for _, r in ipairs(plan.results) do list[#list + 1] = r.id end
    list[#list + 1] = "loi"
  else
    local ind = plan.indicator_by_id[key]
    list = { "khong_ap_dung", "khong_dat" }
    if ind.m.levelled then
      for _, lv in ipairs(plan.levels) do list[#list + 1] = lv.id end
    else
      list[#list + 1] = "dat"
    end
  end
  local set = {}
  for _, v in ipairs(list) do set[v] = true end
  return set, list
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  return keys
end

-- Compares an outcome with the expectations. Returns a list of differences.
local function compare(plan, expect, out, problems)
  local diffs = {}
  local function differ(fmt, ...) diffs[#diffs + 1] = fmt:format(...) end
  local errors = {}
  for _, p in ipairs(problems) do
    if p.severity == "loi" then errors[#errors + 1] = (p.column and (p.column .. ": ") or "") .. p.message end
  end
  for _, key in ipairs(sorted_keys(expect)) do
    local want = expect[key]
    if key == "ket_qua" or plan.indicator_by_id[key] then
      local set, list = allowed_values(plan, key)
      local got
      if key == "ket_qua" then got = out.result
      elseif out.result == "loi" then got = "loi"
      else got = out.indicators[key].value end
      if not set[want] then
        differ("%s: giá trị mong đợi '%s' không hợp lệ (dùng: %s)", key, tostring(want), table.concat(list, ", "))
      elseif got ~= want then
        differ("%s = %s, mong đợi %s", key, got, want)
      end
    elseif COUNT_KEYS[key] then
      local got = out.counts and out.counts[COUNT_KEYS[key]]
      if got ~= want then differ("%s = %s, mong đợi %s", key, tostring(got or "loi"), tostring(want)) end
    elseif key == "loi" then
      -- a fragment of the expected data error message (or true: any error)
      local hit = false
      for _, e in ipairs(errors) do
        hit = hit or want == true or (type(want) == "string" and e:find(want, 1, true) ~= nil)
      end
      if not hit then
        differ("mong đợi lỗi dữ liệu %s, %s", want == true and "" or ("\"" .. tostring(want) .. "\""),
          #errors == 0 and "nhưng không có lỗi" or ("nhưng có: " .. table.concat(errors, "; ")))
      end
    else
      differ("khóa '%s' trong expect không phải chỉ tiêu, ket_qua, loi hay %s", key,
        table.concat(sorted_keys(COUNT_KEYS), ", "))
    end
  end
  -- a data error the case did not expect: say what it was
  if out.result == "loi" and expect.ket_qua ~= "loi" and expect.loi == nil and #errors > 0 then
    differ("lỗi dữ liệu: %s", table.concat(errors, "; "))
  end
  return diffs
end

-- Runs one case. Returns { ok, diffs = {...} }.
local function run_case(plan, case, index, path)
  local name = type(case) == "table" and case.name or nil
  if type(case) ~= "table" then return { ok = false, diffs = { "mỗi ca phải là một bảng { name = ..., unit = ..., expect = ... }" } } end
  if type(name) ~= "string" or name == "" then return { ok = false, diffs = { "ca thiếu 'name = \"...\"'" } } end
  if not core.valid_utf8(name) then return { ok = false, diffs = { "tên ca không phải UTF-8 hợp lệ" } } end
  if type(case.expect) ~= "table" or next(case.expect) == nil then
    return { ok = false, diffs = { "thiếu 'expect = { ... }' (kết quả mong đợi)" } }
  end
  local raw, err = unit_cells(plan, case.unit, index, name)
  if not raw then return { ok = false, diffs = { err } } end
  local rec, problems = input.unit_from_values(plan, raw, { file = path, line = index })
  local out, rerr = assess.unit(plan, rec, problems)
  if not out then return { ok = false, diffs = { rerr } } end
  local diffs = compare(plan, case.expect, out, problems)
  return { ok = #diffs == 0, diffs = diffs }
end

-- Runs every test of the plan. Returns a list of results
-- { file (name inside tests/), path, case, line, ok, diffs }.
function M.run(plan)
  local results = {}
  for _, path in ipairs(M.files(plan.dir)) do
    local short = path:match("([^/]+)$")
    local cases, err = M.load(path)
    if not cases then
      results[#results + 1] = { file = short, path = path, case = "(cả tệp)", ok = false, diffs = { err } }
    else
      local lines, seen = read_lines(path), {}
      for i, case in ipairs(cases) do
        local name = type(case) == "table" and type(case.name) == "string" and core.valid_utf8(case.name) and case.name
          or ("ca thứ " .. i)
        local r = run_case(plan, case, i, path)
        if seen[name] then
          r.ok = false
          table.insert(r.diffs, 1, ("tên ca trùng với ca thứ %d"):format(seen[name]))
        end
        seen[name] = seen[name] or i
        r.file, r.path, r.case, r.line = short, path, name, case_line(lines, name)
        results[#results + 1] = r
      end
    end
  end
  return results
end

return M
