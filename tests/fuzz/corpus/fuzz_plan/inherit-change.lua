inherit "hanoi-2025"
plan { id = "thu", year = 2026 }
change "tc2_4" { measure = percent { "ngoai_ngu", of = "tong_thanh_vien", muc_1 = 60, muc_2 = 80 } }
replace_text { ["Mức độ"] = "Mức" }
