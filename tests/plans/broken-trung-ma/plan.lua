-- Planted mistakes: the same indicator id twice in one plan, an evidence
-- code and an indicator number already used by TC3.6.
inherit "hanoi-2025"
plan { id = "broken-trung-ma" }
indicator {
  id = "tc3_6", criterion = "tc3", number = 6, evidence = "TC3-06",
  text = "Đơn vị có thư viện điện tử cho thành viên.",
  measure = yes_no "tap_the_ldtt",
}
indicator {
  id = "tc3_6", criterion = "tc3", number = 7, evidence = "TC3-07",
  text = "Đơn vị có phòng đọc cho thành viên.",
  measure = yes_no "tap_the_ldtt",
}
indicator {
  id = "tc3_8", criterion = "tc3", number = 6, evidence = "TC3-06",
  text = "Đơn vị có câu lạc bộ đọc sách.",
  measure = yes_no "tap_the_ldtt",
}
