-- values.lua - reading one cell as the type its column declares.
-- Every parser returns value or nil, message (Vietnamese, without the
-- file/line/column prefix, which the caller adds).
local core = require "dvht.core"

local M = {}

local fold = core.fold
local MAX_COUNT = 1000000000000 -- keeps count * 10000 exact in 64-bit integers
M.MAX_COUNT = MAX_COUNT

-- White space (no-break and other Unicode spaces too) off both ends, as
-- the readers trim cells: in C, in one pass (a pattern such as
-- "[%s]+$" takes time quadratic in an inner run of spaces).
M.trim = core.trim

-- A cell as a message quotes it: whole, or its first characters and "…"
-- (a cell may hold a whole page; a message is one line of a report).
local QUOTE_MAX = 60

local function shown(s)
  if #s <= QUOTE_MAX then return s end
  local n = utf8.len(s)
  if not n then return s:sub(1, QUOTE_MAX) .. "…" end
  if n <= QUOTE_MAX then return s end
  return s:sub(1, utf8.offset(s, QUOTE_MAX) - 1) .. "…"
end
M.shown = shown

local nfc = core.nfc -- one C call: a string already in NFC comes back as it is
M.nfc = nfc

local function yes_no(plan, s)
  local k = fold(s)
  if plan.yes_words[k] then return true end
  if plan.no_words[k] then return false end
  return nil, ("\"%s\" không phải giá trị có/không hợp lệ (dùng: có/không, x hoặc để trống, 1/0, "
    .. "đạt/không đạt, yes/no, true/false)"):format(shown(s))
end
M.yes_no = yes_no

local function count(_, s, col)
  local digits = s:match("^%-?%d+$") or s:match("^(%-?%d+)%.0*$")
  if not digits then
    return nil, ("\"%s\" không phải số nguyên"):format(shown(s))
  end
  if #digits > 13 then return nil, ("\"%s\" quá lớn"):format(shown(s)) end
  local n = math.tointeger(tonumber(digits))
  if n < 0 then return nil, ("số âm \"%s\" không hợp lệ"):format(s) end
  if n > MAX_COUNT then return nil, ("\"%s\" quá lớn"):format(s) end
  if col.min and n < col.min then
    return nil, ("phải lớn hơn hoặc bằng %d (đang là %d)"):format(col.min, n)
  end
  return n
end

local function unit_type(plan, s)
  local id = plan.type_by_key[fold(s)]
  if id then return id end
  return nil, ("loại đơn vị \"%s\" không có trong bộ tiêu chí"):format(shown(s))
end

local function choice(_, s, col)
  local id = col.choice_by_key[fold(s)]
  if id then return id end
  local names = {}
  for _, ch in ipairs(col.choices or {}) do names[#names + 1] = ch.id .. " (" .. ch.label .. ")" end
  return nil, ("\"%s\" không phải giá trị hợp lệ (dùng: %s)"):format(shown(s), table.concat(names, ", "))
end

local PARSERS = {
  text = function(_, s) return nfc(s) end,
  date = function(_, s) return s end,
  yes_no = yes_no,
  count = count,
  unit_type = unit_type,
  choice = choice,
}

-- The value an empty cell takes: the unit type's default for this column,
-- then the column's default, then the type's neutral value.
function M.default(plan, col, type_id)
  local t = type_id and plan.unit_types[type_id]
  if t and t.defaults and t.defaults[col.key] ~= nil then return t.defaults[col.key] end
  if col.default ~= nil then return col.default end
  if col.type == "yes_no" then return false end
  if col.type == "count" then return 0 end
  return nil
end

-- Parses a trimmed, non-empty cell. Results of non-text columns are
-- memoised per column: the same few spellings repeat on every row.
local MEMO_LIMIT = 50000
local memo = setmetatable({}, { __mode = "k" })

function M.parse(plan, col, s)
  local parser = PARSERS[col.type]
  if col.type == "text" then return parser(plan, s, col) end
  local m = memo[col]
  if not m or m.n > MEMO_LIMIT then
    m = { n = 0, v = {}, e = {} }
    memo[col] = m
  end
  local v = m.v[s]
  if v ~= nil then return v end
  local e = m.e[s]
  if e then return nil, e end
  local val, err = parser(plan, s, col)
  m.n = m.n + 1
  if err then m.e[s] = err else m.v[s] = val end
  return val, err
end

return M
