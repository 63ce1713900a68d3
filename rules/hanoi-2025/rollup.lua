-- How indicator results add up to a criterion and to the unit's overall result.
-- This is the policy of this plan; an office may change it here.
--
-- Indicators that do not apply to a unit ("Không áp dụng") never reach these
-- functions: they are left out of every count and percentage.
-- Levels are numbers: 0 = not met, 1 = Mức độ 1, 2 = Mức độ 2 (plan.lua, levels).
-- A yes/no indicator that is met gets the highest level (2): it reaches every level.

local TOP_LEVEL = 2  -- Mức độ 2, the last entry of levels in plan.lua

rollup {
  -- Called once per criterion.
  -- c.indicators: the applicable indicators of the criterion, each with
  --   id, level (0 … 2), met (true/false), kind ("yes_no", "percent", "ordinal", …)
  -- Returns: met (true/false), level (0 … 2).
  criterion = function(c)
    local lowest = nil
    for _, ind in ipairs(c.indicators) do
      -- the criterion's level is the lowest level among its indicators
      if lowest == nil or ind.level < lowest then
        lowest = ind.level
      end
    end
    lowest = lowest or 0
    -- "Đạt" when every indicator is met, i.e. the lowest one reaches at least Mức độ 1
    return lowest >= 1, lowest
  end,

  -- Called once per unit.
  -- u.criteria:   the criteria, each with id, met, level, applicable (true/false)
  -- u.indicators: the applicable indicators, as above
  -- Returns: an id of results in plan.lua ("khong_dat", "muc_1" or "muc_2").
  unit = function(u)
    -- any applicable criterion not met: Không đạt
    for _, crit in ipairs(u.criteria) do
      if crit.applicable ~= false and not crit.met then
        return "khong_dat"
      end
    end
    -- any applicable indicator below Mức độ 2: Đạt mức độ 1
    for _, ind in ipairs(u.indicators) do
      if ind.level < TOP_LEVEL then
        return "muc_1"
      end
    end
    -- every applicable indicator reaches Mức độ 2: Đạt mức độ 2
    return "muc_2"
  end,
}
