-- Planted mistake (warning): the roll-up asks for level 3, which no indicator
-- reaches (levels are 1 and 2), so a unit is never "Đạt mức độ 2".
inherit "hanoi-2025"
plan { id = "broken-tong-hop" }
rollup {
  criterion = function(c)
    local lowest = 2
    for _, ind in ipairs(c.indicators) do
      if ind.level < lowest then lowest = ind.level end
    end
    return lowest >= 1, lowest
  end,
  unit = function(u)
    for _, crit in ipairs(u.criteria) do
      if not crit.met then return "khong_dat" end
    end
    for _, ind in ipairs(u.indicators) do
      if ind.level < 3 then return "muc_1" end
    end
    return "muc_2"
  end,
}
