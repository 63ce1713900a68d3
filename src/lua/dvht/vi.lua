-- vi.lua - Vietnamese number style: decimal comma, percentages with one
-- decimal. Measured values are rounded DOWN (89,99 % shows as 89,9 %, never
-- as 90,0 %, so a shown value never looks like it passes a threshold it
-- misses); shares of a whole (13/15 indicators) are rounded half up.
local M = {}

local function tenths_text(tenths)
  local whole, frac = tenths // 10, tenths % 10
  return ("%d,%d%%"):format(whole, frac)
end

-- count/total as a percentage rounded down to 0,1 %.
function M.pct_floor(count, total)
  if not total or total <= 0 then return "—" end
  return tenths_text(count * 1000 // total)
end

-- count/total as a percentage rounded half up to 0,1 %.
function M.pct_round(count, total)
  if not total or total <= 0 then return "—" end
  return tenths_text((count * 2000 + total) // (2 * total))
end

-- A threshold number as written in the plan: 90 -> "90", 52.5 -> "52,5".
function M.number(n)
  if math.type(n) == "integer" or n == math.floor(n) then return ("%d"):format(math.floor(n)) end
  return (("%g"):format(n):gsub("%.", ","))
end

-- Thousands separated by dots: 12500 -> "12.500".
function M.int(n)
  local s = tostring(math.floor(n))
  local out = s:reverse():gsub("(%d%d%d)", "%1."):reverse()
  return (out:gsub("^%.", ""):gsub("^%-%.", "-"))
end

return M
