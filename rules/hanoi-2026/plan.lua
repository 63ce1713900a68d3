-- Bundled plan: Hà Nội, year 2026.
-- It starts from the 2025 plan and states only what changes; everything not
-- named here (criteria, unit types, columns, roll-up) is the 2025 plan's.

inherit "hanoi-2025"

plan {
  id = "hanoi-2026",
  name = "Bộ tiêu chí đánh giá, xếp loại “Đơn vị học tập” năm 2026",
  year = 2026,
  valid_from = "2026-01-01",
  valid_to = "2026-12-31",

  -- Number of the city's plan, shown in the minutes; keep the dots until it is known.
  plan_ref = "……/KH-UBND",
}

---------------------------------------------------------------------------
-- Districts were abolished on 1 July 2025; communes and wards ("cấp xã/phường")
-- took their place. The 2025 texts say "cấp huyện" in two phrases only:
--   "Đơn vị cấp huyện/cấp thành phố …"   (TC1.4, TC3.2, TC3.3, TC3.4, TC3.5)
--   "Đơn vị cấp huyện là nhà trẻ, …"    (extra rows of TC1.2 and TC3.2 for
--                                          public preschools, now run by communes/wards)
-- Whole phrases are replaced, so a "cấp huyện" added to a later text is not
-- changed without anyone noticing. They read:
--   "Đơn vị cấp xã/phường/cấp thành phố …" and "Đơn vị cấp xã/phường là nhà trẻ, …".
-- The choice "Cấp huyện" of the column cap_quan_ly is a value of the data, not a
-- text of the criteria: it stays valid (see below).
---------------------------------------------------------------------------
replace_text {
  ["Đơn vị cấp huyện/cấp thành phố"] = "Đơn vị cấp xã/phường/cấp thành phố",
  ["Đơn vị cấp huyện là nhà trẻ"] = "Đơn vị cấp xã/phường là nhà trẻ",
}

-- Management level: an empty cell now means "cấp xã/phường" (there is no
-- district level any more). "huyen" / "Cấp huyện" is still accepted, so that
-- data typed for 2025 can be read with this plan.
change "cap_quan_ly" {
  default = "xa",
  choices = {
    { id = "thanh_pho", label = "Cấp thành phố" },
    { id = "xa", label = "Cấp xã/phường" },
    { id = "huyen", label = "Cấp huyện" },
  },
}

---------------------------------------------------------------------------
-- TC2.4 (foreign-language certificates): thresholds raised from 50 % / 70 %
-- to 60 % / 80 %. The texts of both levels say the new numbers.
---------------------------------------------------------------------------
change "tc2_4" {
  levels = {
    "- Mức độ 1: Tối thiểu 60% thành viên trong đơn vị có chứng nhận hoặc chứng chỉ ngoại ngữ hoặc tiếng dân tộc thiểu số đáp ứng yêu cầu công việc hoặc vị trí việc làm (không bao gồm thành viên trong đơn vị là tổ chức kinh tế).",
    "- Mức độ 2: Tối thiểu 80% thành viên trong đơn vị có trình độ ngoại ngữ hoặc tiếng dân tộc thiểu số đáp ứng yêu cầu công việc hoặc vị trí việc làm (không bao gồm thành viên trong đơn vị là tổ chức kinh tế).",
  },
  measure = percent { "ngoai_ngu", of = "tong_thanh_vien", muc_1 = 60, muc_2 = 80 },
}
