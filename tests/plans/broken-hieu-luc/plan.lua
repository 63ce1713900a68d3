-- Planted mistakes: a month 13, and a plan that ends before it starts.
inherit "hanoi-2025"
plan {
  id = "broken-hieu-luc",
  year = 2027,
  valid_from = "2027-01-01",
  valid_to = "2026-13-31",
}
