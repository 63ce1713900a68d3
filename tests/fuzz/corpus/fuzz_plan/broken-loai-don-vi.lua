-- Planted mistake: "doanh_nghiep" is not a unit type of the plan (the type is
-- "to_chuc_kinh_te"; "Doanh nghiệp" is only a name a unit may type).
inherit "hanoi-2025"
plan { id = "broken-loai-don-vi" }
change "tc2_4" {
  applies = except_types { "to_chuc_kinh_te", "doanh_nghiep" },
}
