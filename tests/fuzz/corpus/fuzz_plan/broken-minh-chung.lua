-- Planted mistake: a new indicator without its evidence code.
inherit "hanoi-2025"
plan { id = "broken-minh-chung" }
indicator {
  id = "tc3_6", criterion = "tc3", number = 6,
  text = "Đơn vị có thư viện điện tử cho thành viên.",
  measure = yes_no "tap_the_ldtt",
}
