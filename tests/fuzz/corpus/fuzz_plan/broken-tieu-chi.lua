-- Planted mistake: an indicator of criterion "tc4", which is not declared.
inherit "hanoi-2025"
plan { id = "broken-tieu-chi" }
indicator {
  id = "tc4_1", criterion = "tc4", number = 1, evidence = "TC4-01",
  text = "Đơn vị có thư viện điện tử cho thành viên.",
  measure = yes_no "tap_the_ldtt",
}
