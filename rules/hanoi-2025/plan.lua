-- Bundled plan: Hà Nội, year 2025.
-- Entry point. The other files are read in the order of the include lines below.
-- A new year's plan: copy this folder, then change id, name, year and dates here.

plan {
  id = "hanoi-2025",
  name = "Bộ tiêu chí đánh giá, xếp loại “Đơn vị học tập” năm 2025",
  year = 2025,
  valid_from = "2025-01-01",
  valid_to = "2025-12-31",
  place = "Hà Nội",
  issuer = "Ủy ban nhân dân thành phố Hà Nội",

  -- Number of the city's plan, shown in the minutes; keep the dots until it is known.
  plan_ref = "……/KH-UBND",

  -- Documents the form cites (copied from the form; some spaces are no-break spaces).
  legal_basis = {
    "Quyết định số 324/QĐ-KHVN ngày 25/10/2023 của Ban chấp hành Trung ương Hội Khuyến học Việt Nam",
    "Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022 của Bộ trưởng Bộ Giáo dục và Đào tạo",
    "Luật Thi đua, Khen thưởng số 06/2022/QH15",
  },

  -- Overall results of a unit, lowest first. The ids are the ket_qua codes of the result CSV.
  results = {
    { id = "khong_dat", label = "Không đạt" },
    { id = "muc_1", label = "Đạt mức độ 1" },
    { id = "muc_2", label = "Đạt mức độ 2" },
  },

  -- Levels an indicator can reach, lowest first (level 0 = not met).
  -- The threshold names muc_1 / muc_2 in the criterion files refer to these ids.
  levels = {
    { id = "muc_1", label = "Mức độ 1" },
    { id = "muc_2", label = "Mức độ 2" },
  },

  -- Cell values read as yes / no in yes/no columns (any case).
  -- An empty cell is "no", except in a column that has a default.
  yes_words = { "có", "x", "1", "đạt", "yes", "true" },
  no_words = { "không", "0", "không đạt", "no", "false", "" },

  -- An indicator that is met while the unit has no evidence under its code
  -- (table "Minh chứng" or --evidence folder), when evidence is given at all:
  --   "canh_bao"  a warning in "Lỗi dữ liệu", the result stays (default)
  --   "khong_dat" the indicator counts as not met, the result is rolled up again
  --   "loi"       the unit is a data error ("Lỗi dữ liệu") until the evidence is added
  evidence_policy = "canh_bao",
}

include "unit_types.lua"   -- kinds of unit (Loại đơn vị)
include "schema.lua"       -- columns of the input tables
include "criterion_1.lua"  -- Tiêu chí 1
include "criterion_2.lua"  -- Tiêu chí 2
include "criterion_3.lua"  -- Tiêu chí 3
include "rollup.lua"       -- how indicators add up to a criterion and to the unit's result
