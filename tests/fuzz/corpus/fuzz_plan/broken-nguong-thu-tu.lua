-- Planted mistake: Mức độ 2 (90 %) below Mức độ 1 (95 %).
inherit "hanoi-2025"
plan { id = "broken-nguong-thu-tu" }
change "tc2_1" {
  measure = percent { "tuan_thu_ky_luat", of = "tong_thanh_vien", muc_1 = 95, muc_2 = 90 },
}
