-- Planted mistake: a plan with a single overall result; the loader needs at
-- least "not passed" and one passing result. Found when the plan is loaded.
inherit "hanoi-2025"
plan {
  id = "broken-tai",
  results = { { id = "dat", label = "Đạt" } },
}
