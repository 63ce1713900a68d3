-- Planted mistakes: a new indicator without its text, and a levelled one
-- whose level texts are missing.
inherit "hanoi-2025"
plan { id = "broken-loi-van" }
indicator {
  id = "tc3_6", criterion = "tc3", number = 6, evidence = "TC3-06",
  measure = yes_no "tap_the_ldtt",
}
change "tc2_5" { levels = { "- Mức độ 1: Tối thiểu 90% thành viên trong đơn vị đạt danh hiệu “Lao động tiên tiến”." } }
