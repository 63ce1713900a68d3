-- Planted mistakes: thresholds outside 0–100 %, and a threshold written as text.
inherit "hanoi-2025"
plan { id = "broken-nguong-pham-vi" }
change "tc2_2" {
  measure = percent { "hoan_thanh_boi_duong", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 120 },
}
change "tc2_3" {
  measure = percent { "chuyen_doi_so", of = "tong_thanh_vien", muc_1 = "90%", muc_2 = 95 },
}
