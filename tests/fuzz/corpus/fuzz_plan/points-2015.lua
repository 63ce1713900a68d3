-- Test plan: a points-based scheme (2015 style). Each indicator is worth points;
-- the unit passes at 80 points or more. Nothing here needs a change to the C core.

plan {
  id = "points-2015",
  name = "Bộ tiêu chí thử nghiệm chấm điểm “Đơn vị học tập”",
  year = 2015,
  valid_from = "2015-01-01",
  valid_to = "2015-12-31",
  place = "Hà Nội",
  issuer = "Ủy ban nhân dân thành phố Hà Nội",
  plan_ref = "……/KH-UBND",

  results = {
    { id = "khong_dat", label = "Không đạt" },
    { id = "dat", label = "Đạt" },
  },

  -- one level only: an indicator is met or not
  levels = {
    { id = "dat", label = "Đạt" },
  },

  yes_words = { "có", "x", "1", "đạt", "yes", "true" },
  no_words = { "không", "0", "không đạt", "no", "false", "" },
}


local PASS_POINTS = 80  -- least total of points for "Đạt"

rollup {
  -- criterion: met when every applicable indicator is met (level 1), else level 0
  criterion = function(c)
    for _, ind in ipairs(c.indicators) do
      if not ind.met then
        return false, 0
      end
    end
    return true, 1
  end,

  -- unit: add up the points of the met indicators; "dat" at PASS_POINTS or more
  unit = function(u)
    local total = 0
    for _, ind in ipairs(u.indicators) do
      if ind.met then
        total = total + (ind.points or 0)
      end
    end
    if total >= PASS_POINTS then
      return "dat"
    end
    return "khong_dat"
  end,
}
-- Criteria and indicators of the test plan. points: what a met indicator adds
-- to the unit's total (read by the rollup in plan.lua). Five indicators, 100 points.

criterion { id = "tc1", number = 1, title = "Điều kiện xây dựng “Đơn vị học tập”" }

indicator {
  id = "tc1_1", criterion = "tc1", number = 1, evidence = "TC1-01", points = 20,
  text = "Có kế hoạch học tập hằng năm cho thành viên trong đơn vị.",
  evidence_hint = "Kế hoạch học tập của đơn vị",
  measure = yes_no "ke_hoach_hoc_tap",
}

indicator {
  id = "tc1_2", criterion = "tc1", number = 2, evidence = "TC1-02", points = 20,
  text = "Bố trí đủ kinh phí cho công tác đào tạo, bồi dưỡng thành viên trong đơn vị.",
  evidence_hint = "Các văn bản về việc chi kinh phí đào tạo, bồi dưỡng",
  measure = yes_no "kinh_phi_dao_tao",
}

indicator {
  id = "tc1_3", criterion = "tc1", number = 3, evidence = "TC1-03", points = 20,
  text = "Tham gia các hoạt động học tập suốt đời cho người dân.",
  evidence_hint = "Kế hoạch, hình ảnh các hoạt động",
  measure = yes_no "hoc_tap_suot_doi",
}

criterion { id = "tc2", number = 2, title = "Kết quả xây dựng “Đơn vị học tập”" }

indicator {
  id = "tc2_1", criterion = "tc2", number = 1, evidence = "TC2-01", points = 20,
  text = "Tối thiểu 80% thành viên trong đơn vị đạt danh hiệu “Công dân học tập”.",
  evidence_hint = "Quyết định công nhận “Công dân học tập”",
  measure = percent { "cong_dan_hoc_tap", of = "tong_thanh_vien", dat = 80 },
}

indicator {
  id = "tc2_2", criterion = "tc2", number = 2, evidence = "TC2-02", points = 20,
  text = "Đơn vị đạt danh hiệu “Tập thể lao động tiên tiến” trở lên.",
  evidence_hint = "Quyết định công nhận danh hiệu thi đua",
  measure = yes_no "tap_the_ldtt",
}
-- Unit types and the unit table of the test plan (a small copy of the bundled plan's).

unit_type { id = "co_quan_nha_nuoc", label = "Cơ quan nhà nước" }
unit_type { id = "pho_thong", label = "Cơ sở giáo dục phổ thông", groups = { "co_so_giao_duc" } }
unit_type { id = "to_chuc_kinh_te", label = "Tổ chức kinh tế", defaults = { cong_lap = false } }

table_kind {
  id = "don_vi",
  label = "Đơn vị",
  identify = { "ma_don_vi", "loai_don_vi" },
  required = true,
}

column { table = "don_vi", key = "ma_don_vi", label = "Mã đơn vị",
         type = "text", required = true, unique = true, role = "code" }
column { table = "don_vi", key = "ten_don_vi", label = "Tên đơn vị",
         type = "text", required = true, role = "name" }
column { table = "don_vi", key = "loai_don_vi", label = "Loại đơn vị",
         type = "unit_type", required = true, role = "unit_type" }
column { table = "don_vi", key = "cong_lap", label = "Công lập",
         type = "yes_no", default = true }
column { table = "don_vi", key = "tong_thanh_vien", label = "Tổng số thành viên",
         type = "count", required = true, min = 1, needed_by = { "tc2_1" } }
column { table = "don_vi", key = "cong_dan_hoc_tap", label = "Số thành viên đạt \"Công dân học tập\"",
         type = "count", default = 0, total = "tong_thanh_vien", needed_by = { "tc2_1" } }
column { table = "don_vi", key = "ke_hoach_hoc_tap", label = "Có kế hoạch học tập hằng năm",
         type = "yes_no", needed_by = { "tc1_1" } }
column { table = "don_vi", key = "kinh_phi_dao_tao", label = "Bố trí đủ kinh phí đào tạo, bồi dưỡng",
         type = "yes_no", needed_by = { "tc1_2" } }
column { table = "don_vi", key = "hoc_tap_suot_doi", label = "Tham gia hoạt động học tập suốt đời",
         type = "yes_no", needed_by = { "tc1_3" } }
column { table = "don_vi", key = "tap_the_ldtt", label = "Đạt \"Tập thể lao động tiên tiến\" trở lên",
         type = "yes_no", needed_by = { "tc2_2" } }
