-- Planted mistake: the roll-up returns "dat", which is not a result of the plan
-- (results are khong_dat, muc_1, muc_2).
inherit "hanoi-2025"
plan { id = "broken-tong-hop-ket-qua" }
rollup {
  criterion = function(c)
    for _, ind in ipairs(c.indicators) do
      if not ind.met then return false, 0 end
    end
    return true, 2
  end,
  unit = function(u)
    for _, crit in ipairs(u.criteria) do
      if not crit.met then return "khong_dat" end
    end
    return "dat"
  end,
}
