change "tc2_2" {
  measure = percent { "hoan_thanh_boi_duong", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 95 },

change "tc2_3" { evidence = "TC2-03" }
