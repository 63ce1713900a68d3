-- overrides.lua - threshold overrides given on the command line
-- (`dvht diff --set tc2_4.muc_1=60`) or by a script
-- (`dvht.load_plan("hanoi-2025", { set = { "tc2_4.muc_1=60" } })`).
--
-- An override edits the declared measure of an indicator after the plan
-- files have run and before compilation, so the new threshold goes through
-- the same checks (0..100, levels ascending, known choice) as one written in
-- the plan, and any error names the override.
local M = {}

-- Parses "tc2_4.muc_1=60", "tc3_1.nguoi_hoc_cdht.muc_1=96" or
-- "tc3_4.muc_1=tot". Returns { indicator, part, field, value, text }, or
-- nil and a message.
function M.parse(text)
  if type(text) ~= "string" then return nil, "giá trị --set không hợp lệ" end
  local lhs, rhs = text:match("^%s*([^=]-)%s*=%s*(.-)%s*$")
  if not lhs or lhs == "" or rhs == "" then
    return nil, ("\"%s\" không đúng dạng CHỈ_TIÊU.NGƯỠNG=GIÁ_TRỊ (ví dụ tc2_4.muc_1=60)"):format(text)
  end
  local names = {}
  for name in (lhs .. "."):gmatch("([^.]*)%.") do names[#names + 1] = name end
  for _, n in ipairs(names) do
    if not n:match("^[%w_]+$") then
      return nil, ("\"%s\" không đúng dạng CHỈ_TIÊU.NGƯỠNG=GIÁ_TRỊ (ví dụ tc2_4.muc_1=60)"):format(text)
    end
  end
  if #names ~= 2 and #names ~= 3 then
    return nil, ("\"%s\" không đúng dạng CHỈ_TIÊU.NGƯỠNG=GIÁ_TRỊ hoặc CHỈ_TIÊU.CỘT.NGƯỠNG=GIÁ_TRỊ"):format(text)
  end
  -- a number (decimal comma or point) or a choice id of an ordinal measure
  local num = tonumber((rhs:gsub(",", ".")))
  return { indicator = names[1], part = #names == 3 and names[2] or nil, field = names[#names],
    value = num or rhs, text = text }
end

local function fail(at, fmt, ...)
  error(at .. ": " .. fmt:format(...), 0)
end

-- The parts of a declared measure that carry `field`, restricted to the
-- part whose count column is `part` when given.
local function candidates(measure, field, part)
  local parts = measure.kind == "all_of" and measure.parts or { measure }
  local out, columns = {}, {}
  for _, p in ipairs(parts) do
    if type(p) == "table" and p[field] ~= nil then
      columns[#columns + 1] = tostring(p.column)
      if part == nil or p.column == part then out[#out + 1] = p end
    end
  end
  return out, columns
end

-- Applies parsed overrides to the declared indicators (plan.lua's
-- collector, `C.indicators`); only level thresholds (ids of `levels`) may
-- be set. Raises "--set ...: message" on a bad one.
function M.apply(indicators, levels, list)
  local level_ids = {}
  for _, lv in ipairs(type(levels) == "table" and levels or {}) do level_ids[#level_ids + 1] = lv.id end
  for _, o in ipairs(list) do
    local at = "--set " .. o.text
    local known = false
    for _, id in ipairs(level_ids) do known = known or id == o.field end
    if not known then
      fail(at, "'%s' không phải tên một mức của bộ tiêu chí (các mức: %s)", o.field, table.concat(level_ids, ", "))
    end
    local ind = indicators[o.indicator]
    if not ind then fail(at, "không có chỉ tiêu '%s' trong bộ tiêu chí", o.indicator) end
    if type(ind.measure) ~= "table" then
      fail(at, "chỉ tiêu '%s' được đo bằng một hàm riêng; không đặt ngưỡng bằng --set được", o.indicator)
    end
    local found, columns = candidates(ind.measure, o.field, o.part)
    if #found == 0 then
      if o.part and #columns > 0 then
        fail(at, "chỉ tiêu '%s' không có phần đo theo cột '%s' (các cột có ngưỡng %s: %s)",
          o.indicator, o.part, o.field, table.concat(columns, ", "))
      end
      fail(at, "chỉ tiêu '%s' không có ngưỡng '%s'", o.indicator, o.field)
    elseif #found > 1 then
      fail(at, "chỉ tiêu '%s' có nhiều phần đo có ngưỡng '%s' (cột %s); hãy ghi rõ cột, ví dụ %s.%s.%s=...",
        o.indicator, o.field, table.concat(columns, ", "), o.indicator, columns[1], o.field)
    end
    found[1][o.field] = o.value
    found[1].where = at
    ind.changed_at = at
  end
end

return M
