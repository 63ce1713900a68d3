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
