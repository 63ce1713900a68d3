-- Planted mistakes: a missing comma in one file, a missing "}" in another.
-- Both are reported: dvht check does not stop at the first one.
inherit "hanoi-2025"
plan { id = "broken-cu-phap" }
change "tc2_1" {
  measure = percent { "tuan_thu_ky_luat", of = "tong_thanh_vien", muc_1 = 90 muc_2 = 95 },
}
change "tc2_2" {
  measure = percent { "hoan_thanh_boi_duong", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 95 },

change "tc2_3" { evidence = "TC2-03" }
