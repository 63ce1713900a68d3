change "tc2_1" {
  measure = percent { "tuan_thu_ky_luat", of = "tong_thanh_vien", muc_1 = 90 muc_2 = 95 },
}
