-- measures.lua - how an indicator is measured and to whom it applies.
--
-- The plan language builds plain descriptor tables (yes_no "col",
-- percent { "count", of = "total", muc_1 = 90 }, ordinal, all_of,
-- only_types, except_types, when_yes); compile() turns them into fast
-- evaluator closures once per run. Thresholds are compared exactly in
-- integers: count * 10000 >= round(threshold * 100) * total.
local M = {}


local here, fail = require("dvht.sandbox").here, require("dvht.sandbox").fail
local shown = require("dvht.plan_fields").shown

-- Builders (run inside the sandbox, called by plan code) -------------------

-- Normalises `yes_no "col"` and `yes_no { "col", ... }` to a table.
local function spec_of(kind, arg, at)
  if type(arg) == "string" then return { kind = kind, column = arg, where = at } end
  if type(arg) ~= "table" or type(arg[1]) ~= "string" then
    fail(at, "%s cần tên cột, ví dụ %s \"ten_cot\" hoặc %s { \"ten_cot\", ... }", kind, kind, kind)
  end
  local s = { kind = kind, where = at }
  for k, v in pairs(arg) do s[k] = v end
  s.column, s[1] = arg[1], nil
  return s
end

M.builders = {}

function M.builders.yes_no(arg) return spec_of("yes_no", arg, here(2)) end

function M.builders.percent(arg)
  local s = spec_of("percent", arg, here(2))
  if type(s.of) ~= "string" then
    fail(s.where, "percent cần 'of = \"cot_tong\"' (cột tổng số làm mẫu số)")
  end
  return s
end

function M.builders.ordinal(arg) return spec_of("ordinal", arg, here(2)) end

function M.builders.all_of(parts)
  local at = here(2)
  if type(parts) ~= "table" or #parts == 0 then fail(at, "all_of cần một danh sách các phép đo") end
  return { kind = "all_of", parts = parts, where = at }
end

local function type_list(kind, arg, at)
  if type(arg) == "string" then arg = { arg } end
  if type(arg) ~= "table" or #arg == 0 then
    fail(at, "%s cần danh sách mã loại đơn vị, ví dụ %s { \"pho_thong\" }", kind, kind)
  end
  return { kind = kind, types = arg, where = at }
end

function M.builders.only_types(arg) return type_list("only_types", arg, here(2)) end
function M.builders.except_types(arg) return type_list("except_types", arg, here(2)) end
function M.builders.when_yes(col)
  local at = here(2)
  if type(col) ~= "string" then fail(at, "when_yes cần tên một cột có/không") end
  return { kind = "when_yes", column = col, where = at }
end

-- Compilation (trusted side) ----------------------------------------------

-- Resolves a list of type or group ids to a set of type ids.
function M.type_set(plan, list, at)
  local set = {}
  for _, id in ipairs(list) do
    if plan.unit_types[id] then
      set[id] = true
    elseif plan.groups[id] then
      for t in pairs(plan.groups[id]) do set[t] = true end
    else
      fail(at, "không có loại đơn vị hay nhóm '%s' trong bộ tiêu chí", tostring(id))
    end
  end
  return set
end

local function type_labels(plan, set)
  local names = {}
  for _, t in ipairs(plan.unit_type_list) do
    if set[t.id] then names[#names + 1] = t.label end
  end
  return table.concat(names, ", ")
end

local function need_column(plan, col, at, want)
  local c = plan.columns[col]
  if not c then fail(at, "cột '%s' chưa được khai báo trong schema.lua", tostring(col)) end
  if want and c.type ~= want then
    fail(at, "cột '%s' có kiểu '%s', phép đo cần kiểu '%s'", col, c.type, want)
  end
  return c
end

-- Threshold in hundredths of a percent, checked to be 0..100 (a NaN fails
-- every comparison, so the test is written to let only 0..100 through).
local function hundredths(v, at, name)
  if type(v) ~= "number" or not (v >= 0 and v <= 100) then
    fail(at, "ngưỡng %s phải là số từ 0 đến 100 (đang là %s)", name, shown(v))
  end
  return math.floor(v * 100 + 0.5)
end

local compile_part

local function compile_percent(plan, s)
  need_column(plan, s.column, s.where, "count")
  need_column(plan, s.of, s.where, "count")
  local th, shown = {}, {}
  for i, lv in ipairs(plan.levels) do
    local v = s[lv.id]
    if v == nil then fail(s.where, "thiếu ngưỡng %s = ... (%s)", lv.id, lv.label) end
    th[i], shown[i] = hundredths(v, s.where, lv.id), v
    if i > 1 and th[i] < th[i - 1] then
      fail(s.where, "ngưỡng %s (%s%%) thấp hơn ngưỡng %s (%s%%)", lv.id, v, plan.levels[i - 1].id, shown[i - 1])
    end
  end
  local count_col, total_col, n = s.column, s.of, #th
  s.thresholds = shown
  s.eval = function(u)
    local count, total = u[count_col], u[total_col]
    if total == nil or total <= 0 then return nil, total_col end
    local level = 0
    for i = n, 1, -1 do
      if count * 10000 >= th[i] * total then level = i break end
    end
    return level, count, total
  end
  return s
end

local function compile_ordinal(plan, s)
  local c = need_column(plan, s.column, s.where, "choice")
  local at = {}
  for i, lv in ipairs(plan.levels) do
    local choice = s[lv.id]
    if choice == nil then fail(s.where, "thiếu %s = \"...\" (giá trị đạt %s)", lv.id, lv.label) end
    if not c.choice_by_id[choice] then
      fail(s.where, "cột '%s' không có giá trị '%s'", s.column, tostring(choice))
    end
    at[choice] = i
  end
  local col = s.column
  s.eval = function(u) return at[u[col]] or 0, u[col] end
  return s
end

local function compile_yes_no(plan, s)
  need_column(plan, s.column, s.where, "yes_no")
  local col, top = s.column, #plan.levels
  s.eval = function(u) return u[col] and top or 0, u[col] end
  return s
end

function compile_part(plan, s, at)
  if type(s) ~= "table" then fail(at, "phép đo không hợp lệ (cần yes_no, percent, ordinal hoặc all_of)") end
  if s.for_types ~= nil then
    local list = s.for_types
    if type(list) == "string" then list = { list } end
    if type(list) ~= "table" then
      fail(s.where or at, "for_types cần danh sách mã loại đơn vị, ví dụ for_types = { \"pho_thong\" }")
    end
    s.type_set = M.type_set(plan, list, s.where)
  end
  if s.kind == "percent" then return compile_percent(plan, s) end
  if s.kind == "ordinal" then return compile_ordinal(plan, s) end
  if s.kind == "yes_no" then return compile_yes_no(plan, s) end
  fail(s.where or at, "phép đo loại '%s' không được hỗ trợ ở đây", tostring(s.kind))
end

-- Returns { parts = {...}, levelled = bool, custom = fn? }.
function M.compile_measure(plan, m, at)
  if type(m) == "function" then return { custom = m, parts = {}, levelled = true } end
  if type(m) ~= "table" then fail(at, "chỉ tiêu thiếu 'measure = ...' (cách đo)") end
  local parts = {}
  if m.kind == "all_of" then
    for _, p in ipairs(m.parts) do parts[#parts + 1] = compile_part(plan, p, m.where) end
  else
    parts[1] = compile_part(plan, m, at)
  end
  local levelled = false
  for _, p in ipairs(parts) do
    if p.kind ~= "yes_no" then levelled = true end
  end
  return { parts = parts, levelled = levelled }
end

-- Returns a function(u) -> applies, reason (trusted) or the plan function,
-- whether it is plan code, and for the built-in kinds what it tests
-- ({ kind, column | set, reason }: assess.lua inlines it).
function M.compile_applies(plan, a, at)
  if a == nil then return nil end
  if type(a) == "function" then return a, true end
  if type(a) ~= "table" then fail(at, "'applies' không hợp lệ") end
  if a.kind == "when_yes" then
    local c = need_column(plan, a.column, a.where, "yes_no")
    local col = a.column
    local reason = ("chỉ áp dụng khi \"%s\" là có"):format(c.label)
    return function(u)
      if u[col] then return true end
      return false, reason
    end, false, { kind = "when_yes", column = col, reason = reason }
  end
  local set = M.type_set(plan, a.types, a.where)
  local labels = type_labels(plan, set)
  local type_key = plan.type_key
  if a.kind == "only_types" then
    local reason = "chỉ áp dụng cho: " .. labels
    return function(u)
      if set[u[type_key]] then return true end
      return false, reason
    end, false, { kind = "only_types", set = set, reason = reason }
  elseif a.kind == "except_types" then
    local reason = "không áp dụng cho: " .. labels
    return function(u)
      if set[u[type_key]] then return false, reason end
      return true
    end, false, { kind = "except_types", set = set, reason = reason }
  end
  fail(a.where or at, "'applies' loại '%s' không được hỗ trợ", tostring(a.kind))
end

return M
