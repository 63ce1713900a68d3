-- Planted mistakes: a measure on a column the schema does not declare, and a
-- percentage over a yes/no column.
inherit "hanoi-2025"
plan { id = "broken-cot" }
change "tc2_4" {
  measure = percent { "ngoai_ngu_b1", of = "tong_thanh_vien", muc_1 = 50, muc_2 = 70 },
}
change "tc2_5" {
  measure = percent { "tap_the_ldtt", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 95 },
}
