-- Test plan: a points-based scheme (2015 style). Each indicator is worth points;
-- the unit passes at 80 points or more. Nothing here needs a change to the C core.

plan {
  id = "points-2015",
  name = "Bộ tiêu chí thử nghiệm chấm điểm “Đơn vị học tập”",
  year = 2015,
  valid_from = "2015-01-01",
  valid_to = "2015-12-31",
  place = "Hà Nội",
  issuer = "Ủy ban nhân dân thành phố Hà Nội",
  plan_ref = "……/KH-UBND",

  results = {
    { id = "khong_dat", label = "Không đạt" },
    { id = "dat", label = "Đạt" },
  },

  -- one level only: an indicator is met or not
  levels = {
    { id = "dat", label = "Đạt" },
  },

  yes_words = { "có", "x", "1", "đạt", "yes", "true" },
  no_words = { "không", "0", "không đạt", "no", "false", "" },
}

include "schema.lua"    -- unit types and the unit table
include "criteria.lua"  -- criteria and indicators, with their points

local PASS_POINTS = 80  -- least total of points for "Đạt"

rollup {
  -- criterion: met when every applicable indicator is met (level 1), else level 0
  criterion = function(c)
    for _, ind in ipairs(c.indicators) do
      if not ind.met then
        return false, 0
      end
    end
    return true, 1
  end,

  -- unit: add up the points of the met indicators; "dat" at PASS_POINTS or more
  unit = function(u)
    local total = 0
    for _, ind in ipairs(u.indicators) do
      if ind.met then
        total = total + (ind.points or 0)
      end
    end
    if total >= PASS_POINTS then
      return "dat"
    end
    return "khong_dat"
  end,
}
