-- plan_fields.lua - the values a plan gives, checked before compilation.
--
-- Each field of plan { }, unit_type { }, table_kind { }, column { },
-- criterion { } and indicator { } must have the type the engine expects
-- (a string, an integer, a list of strings, a default of the column's
-- type...), and every string a plan gives must be valid UTF-8: any of them
-- may reach a workbook, a document or a message. A missing field is left to
-- the compilation and to `dvht check`; a field given with the wrong type is
-- reported here, at the file:line of the declaration or of the `change`
-- that set it. plan.load stops at the first finding, plan_check lists all.
local core = require "dvht.core"
local values = require "dvht.values"

local M = {}

-- Where a field of a declaration was set: the `change` that set it, or the
-- declaration itself.
function M.field_at(C, item, field)
  local pos = C.field_at and C.field_at[item]
  return pos and pos[field] or item.where
end

-- A value as a message shows it: strings quoted (never bytes that are not
-- UTF-8: the message is UTF-8 itself), other types named.
local TYPE_NAME = { table = "một bảng", ["function"] = "một hàm", boolean = "%s", ["nil"] = "trống" }

function M.shown(v)
  if type(v) == "string" then
    if not core.valid_utf8(v) then return "một chuỗi không phải UTF-8 hợp lệ" end
    return "\"" .. values.shown(v) .. "\""
  end
  if type(v) == "number" then
    if v ~= v then return "NaN (0/0)" end
    if v == math.huge or v == -math.huge then return v > 0 and "vô cực" or "âm vô cực" end
    if math.type(v) == "integer" then return tostring(v) end
    return (("%.14g"):format(v):gsub("%.", ","))
  end
  return (TYPE_NAME[type(v)] or type(v)):format(tostring(v))
end

-- Value kinds: kind -> test(v, C) returning true, or false and what is
-- wanted ("một số nguyên"...), and optionally what is wrong in v.
local LIST_OF_STRINGS = "một danh sách chữ { \"…\", \"…\" }"

local function is_integer(v) return math.type(v) == "integer" end

local KINDS = {
  string = function(v) return type(v) == "string", "một chuỗi chữ trong dấu nháy \"…\"" end,
  integer = function(v) return is_integer(v), "một số nguyên" end,
  count = function(v)
    return is_integer(v) and v >= 0 and v <= values.MAX_COUNT,
      ("một số nguyên từ 0 đến %d"):format(values.MAX_COUNT)
  end,
  number = function(v)
    return type(v) == "number" and v == v and v ~= math.huge and v ~= -math.huge, "một số"
  end,
  table = function(v) return type(v) == "table", "một bảng { … }" end,
  strings = function(v)
    if type(v) ~= "table" then return false, LIST_OF_STRINGS end
    for i, s in ipairs(v) do
      if type(s) ~= "string" then return false, LIST_OF_STRINGS, ("mục thứ %d là %s"):format(i, M.shown(s)) end
    end
    return true
  end,
  -- { { id = "…", label = "…" }, … } (levels, results, choices)
  entries = function(v)
    local want = "một danh sách { { id = \"…\", label = \"…\" }, … }"
    if type(v) ~= "table" then return false, want end
    for i, e in ipairs(v) do
      if type(e) ~= "table" then return false, want, ("mục thứ %d là %s"):format(i, M.shown(e)) end
      if type(e.id) ~= "string" or e.id == "" then
        return false, want, ("mục thứ %d có id = %s"):format(i, M.shown(e.id))
      end
      if type(e.label) ~= "string" then
        return false, want, ("mục thứ %d ('%s') có label = %s"):format(i, e.id, M.shown(e.label))
      end
    end
    return true
  end,
}

-- True when v is of the value kind ("strings", "integer"...).
function M.fits(kind, v) return (KINDS[kind](v)) end

-- The fields of each kind of declaration that have a type.
local FIELDS = {
  meta = {
    id = "string", name = "string", year = "integer", place = "string", issuer = "string",
    plan_ref = "string", plan_date = "string", evidence_policy = "string",
    legal_basis = "strings", yes_words = "strings", no_words = "strings",
    levels = "entries", results = "entries",
  },
  unit_types = { label = "string", aliases = "strings", groups = "strings", defaults = "table" },
  table_kinds = { label = "string", identify = "strings", staff_total = "string", learner_total = "string" },
  columns = {
    key = "string", label = "string", note = "string", role = "string", min = "count", total = "string",
    counts = "string", learner_counts = "string", needed_by = "strings", choices = "entries",
  },
  criteria = { number = "integer", title = "string" },
  indicators = {
    criterion = "string", number = "integer", text = "string", label = "string",
    evidence = "string", evidence_label = "string", evidence_hint = "string",
    guide_text = "string", guide_evidence_hint = "string",
    levels = "strings", guide_levels = "strings", points = "number",
  },
}

local KIND_ORDER = { "unit_types", "table_kinds", "columns", "criteria", "indicators" }

-- "cột 'ngoai_ngu'", "plan { ... }": the declaration in a message.
local KIND_WORD = {
  unit_types = "loại đơn vị", table_kinds = "bảng", columns = "cột", criteria = "tiêu chí", indicators = "chỉ tiêu",
}

local function item_name(kind, item)
  if kind == "meta" then return "plan { ... }" end
  return ("%s '%s'"):format(KIND_WORD[kind], tostring(kind == "columns" and item.key or item.id))
end

-- Ordered ids of a kind (declaration order).
local function ordered(C, kind)
  local out = {}
  for _, id in ipairs(C.order[kind] or {}) do out[#out + 1] = C[kind][id] end
  return out
end
M.ordered = ordered

-- The field names of each kind, sorted (findings come in a stable order).
local FIELD_NAMES = {}
for kind, fields in pairs(FIELDS) do
  local names = {}
  for name in pairs(fields) do names[#names + 1] = name end
  table.sort(names)
  FIELD_NAMES[kind] = names
end

local function check_fields(report, kind, item, at_of)
  for _, name in ipairs(FIELD_NAMES[kind]) do
    local v = item[name]
    if v ~= nil then
      local ok, want, detail = KINDS[FIELDS[kind][name]](v)
      if not ok then
        report("gia-tri", at_of(name), "%s: '%s' phải là %s (%s)", item_name(kind, item), name, want,
          detail or ("đang là " .. M.shown(v)))
      end
    end
  end
end

-- Entries of levels, results and choices: ids unique.
local function check_unique_ids(report, list, at, what)
  if type(list) ~= "table" then return end
  local seen = {}
  for _, e in ipairs(list) do
    if type(e) == "table" and type(e.id) == "string" then
      if seen[e.id] then report("trung-ma", at, "%s: mã '%s' có hai lần", what, e.id) end
      seen[e.id] = true
    end
  end
end

-- The value an empty cell of column `col` may take: what is wrong with v,
-- or nil when it fits the column's type.
local function default_problem(C, col, v)
  local t = col.type
  if t == "count" then
    local ok, want = KINDS.count(v)
    if not ok then return want end
  elseif t == "yes_no" then
    if type(v) ~= "boolean" then return "true hoặc false, viết không có dấu nháy" end
  elseif t == "choice" then
    local ids = {}
    for _, ch in ipairs(type(col.choices) == "table" and col.choices or {}) do
      if type(ch) == "table" then
        if ch.id == v then return nil end
        ids[#ids + 1] = tostring(ch.id)
      end
    end
    return ("một trong các mã của choices (%s)"):format(table.concat(ids, ", "))
  elseif t == "unit_type" then
    if type(v) ~= "string" or not C.unit_types[v] then return "mã một loại đơn vị của bộ tiêu chí" end
  elseif t == "text" or t == "date" then
    if type(v) ~= "string" then return "một chuỗi chữ trong dấu nháy \"…\"" end
  end
  return nil
end

local function check_defaults(C, report)
  -- the units table: the one holding the column of type unit_type
  local units = {}
  for _, c in ipairs(ordered(C, "columns")) do
    if c.type == "unit_type" then units.table = c.table end
  end
  for _, c in ipairs(ordered(C, "columns")) do
    if c.table == units.table then units[c.key] = c end
    if c.default ~= nil then
      local want = default_problem(C, c, c.default)
      if want then
        report("gia-tri", M.field_at(C, c, "default"), "cột '%s' (kiểu %s): giá trị mặc định 'default' phải là %s (đang là %s)",
          tostring(c.key), tostring(c.type), want, M.shown(c.default))
      end
    end
  end
  for _, t in ipairs(ordered(C, "unit_types")) do
    if type(t.defaults) == "table" then
      local keys = {}
      for k in pairs(t.defaults) do keys[#keys + 1] = tostring(k) end
      table.sort(keys)
      for _, key in ipairs(keys) do
        local c, v = units[key], t.defaults[key]
        local want = c and default_problem(C, c, v)
        if want then
          report("gia-tri", M.field_at(C, t, "defaults"), "loại đơn vị '%s': giá trị mặc định của cột '%s' (kiểu %s) phải là %s (đang là %s)",
            t.id, key, tostring(c.type), want, M.shown(v))
        end
      end
    end
  end
end

local valid_utf8 = core.valid_utf8

-- True when every string in v (keys too, and in nested tables) is valid
-- UTF-8: the quick pass over every declaration (bad_utf8 finds the place).
local function all_utf8(v)
  if type(v) == "string" then return valid_utf8(v) end
  if type(v) ~= "table" then return true end
  local stack, n, seen = { v }, 1, { [v] = true }
  while n > 0 do
    local t = stack[n]
    stack[n], n = nil, n - 1
    for k, x in next, t do
      if type(k) == "string" and not valid_utf8(k) then return false end
      local tx = type(x)
      if tx == "string" then
        if not valid_utf8(x) then return false end
      elseif tx == "table" and not seen[x] then
        seen[x], n = true, n + 1
        stack[n] = x
      end
    end
  end
  return true
end

-- The path to the first string of v that is not valid UTF-8 ("" for v itself).
local function bad_utf8(v)
  local stack, seen = { { v, "" } }, {}
  while #stack > 0 do
    local top = table.remove(stack)
    local x, path = top[1], top[2]
    if type(x) == "string" then
      if not core.valid_utf8(x) then return path end
    elseif type(x) == "table" and not seen[x] then
      seen[x] = true
      for k, y in next, x do
        if type(k) == "string" and not core.valid_utf8(k) then return path end
        local p = type(k) == "string" and (path == "" and k or path .. "." .. k) or ("%s[%s]"):format(path, tostring(k))
        stack[#stack + 1] = { y, p }
      end
    end
  end
  return nil
end

local INTERNAL = { where = true, plan_dir = true, changed_at = true }

local function check_utf8(report, kind, item, at_of)
  local bad = false
  for k, v in next, item do
    if not INTERNAL[k] and ((type(k) == "string" and not valid_utf8(k)) or not all_utf8(v)) then
      bad = true
      break
    end
  end
  if not bad then return end
  -- report each field in name order
  local names = {}
  for k in pairs(item) do
    if not INTERNAL[k] then names[#names + 1] = k end
  end
  table.sort(names, function(a, b) return tostring(a) < tostring(b) end)
  for _, k in ipairs(names) do
    local path
    if type(k) == "string" and not valid_utf8(k) then
      path = "?"
    elseif not all_utf8(item[k]) then
      path = bad_utf8(item[k])
      if path then path = tostring(k) .. ((path == "" or path:sub(1, 1) == "[") and "" or ".") .. path end
    end
    if path then
      report("gia-tri", at_of(k), "%s: chữ ở '%s' không phải UTF-8 hợp lệ (hãy gõ thẳng chữ có dấu, không viết mã \\ddd hay \\xHH)",
        item_name(kind, item), path)
    end
  end
end

-- Checks every declaration of the collector C. report(rule, at, fmt, ...)
-- is called for each finding (rule: a code of plan_check.RULES).
function M.validate(C, report)
  local meta_at = function(name) return C.meta_at[name] or C.meta.where end
  -- one quick pass over everything declared; field by field only when it fails
  local all = { C.meta, C.text_replacements }
  for _, kind in ipairs(KIND_ORDER) do all[#all + 1] = C[kind] end
  local utf8_ok = all_utf8(all)
  if not utf8_ok then check_utf8(report, "meta", C.meta, meta_at) end
  check_fields(report, "meta", C.meta, meta_at)
  check_unique_ids(report, C.meta.levels, meta_at("levels"), "plan { levels = ... }")
  check_unique_ids(report, C.meta.results, meta_at("results"), "plan { results = ... }")
  for _, kind in ipairs(KIND_ORDER) do
    for _, item in ipairs(ordered(C, kind)) do
      local at_of = function(name) return M.field_at(C, item, name) end
      if not utf8_ok then check_utf8(report, kind, item, at_of) end
      check_fields(report, kind, item, at_of)
      if kind == "columns" then
        check_unique_ids(report, item.choices, at_of("choices"), ("cột '%s', choices"):format(tostring(item.key)))
      end
    end
  end
  check_defaults(C, report)
end

return M
