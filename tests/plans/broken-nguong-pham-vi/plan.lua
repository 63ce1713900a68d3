-- Planted mistakes: thresholds outside 0–100 %, a threshold written as text, and one that is not a number (0/0).
inherit "hanoi-2025"
plan { id = "broken-nguong-pham-vi" }
change "tc2_2" {
  measure = percent { "hoan_thanh_boi_duong", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 120 },
}
change "tc2_3" {
  measure = percent { "chuyen_doi_so", of = "tong_thanh_vien", muc_1 = "90%", muc_2 = 95 },
}
change "tc2_4" {
  measure = percent { "ngoai_ngu", of = "tong_thanh_vien", muc_1 = 0/0, muc_2 = 70 },
}
