-- Planted mistake (warning): TC2.4's thresholds raised to 60 % / 80 % but its
-- level texts still say 50 % / 70 %.
inherit "hanoi-2025"
plan { id = "broken-loi-van-nguong" }
change "tc2_4" {
  measure = percent { "ngoai_ngu", of = "tong_thanh_vien", muc_1 = 60, muc_2 = 80 },
}
