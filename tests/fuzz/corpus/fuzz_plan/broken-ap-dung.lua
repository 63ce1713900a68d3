-- Planted mistakes (warnings): TC3.5 left for no unit type at all; TC3.4 given
-- to vocational institutions without a measure for them.
inherit "hanoi-2025"
plan { id = "broken-ap-dung" }
change "tc3_5" {
  applies = except_types { "co_quan_nha_nuoc", "su_nghiep_cong_lap", "mam_non_cong_lap",
                           "co_so_giao_duc", "to_chuc_kinh_te", "khac" },
}
change "tc3_4" {
  applies = only_types { "pho_thong", "giao_duc_nghe_nghiep" },
  measure = ordinal { "muc_chuyen_doi_so", muc_1 = "co_ban", muc_2 = "tot", for_types = { "pho_thong", "dai_hoc" } },
}
