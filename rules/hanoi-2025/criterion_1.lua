-- Tiêu chí 1. Texts are copied from the form (minutes table); guide_* fields hold
-- the wording of the evidence guide where it differs from the minutes.
-- evidence:       code under which the unit files its proof (TC1-01 …)
-- evidence_label: the same code as the evidence guide prints it
-- measure:        what is checked; yes_no "column" = the unit's yes/no cell
-- applies:        which units the indicator is for (missing = every unit)

criterion {
  id = "tc1", number = 1,
  title = "Về điều kiện xây dựng “Đơn vị học tập”",
}

-- Chỉ tiêu 1
indicator {
  id = "tc1_1", criterion = "tc1", number = 1,
  evidence = "TC1-01", evidence_label = "TC1 - 01",
  text = "Ban hành kế hoạch hằng năm cho thành viên trong đơn vị được học tập thường xuyên, tổ chức triển khai, thực hiện kế hoạch",
  evidence_hint = "- Kế hoạch học tập, bồi dưỡng thường xuyên của đơn vị;\n- Hình ảnh, tài liệu, học liệu, bài giảng…",
  measure = yes_no "ke_hoach_hoc_tap",
}

-- Chỉ tiêu 2. Public preschools must meet the second row as well (both must hold).
indicator {
  id = "tc1_2", criterion = "tc1", number = 2,
  evidence = "TC1-02", evidence_label = "TC1 - 02",
  text = "Thực hiện đầy đủ các chế độ về đào tạo, bồi dưỡng theo quy định hiện hành, có quy định của đơn vị nhằm khuyến khích, động viên thành viên trong đơn vị tích cực học tập",
  guide_text = "Thực hiện đầy đủ các chế độ về đào tạo, bồi dưỡng theo quy định hiện hành, có quy định của đơn vị nhằm khuyến khích, động viên thành viên trong đơn vị tích cực học tập.",
  evidence_hint = "Các văn bản có quy định cụ thể của đơn vị nhằm động viên các thành viên học tập (học phí, phương tiện, động viên, khen thưởng...)",
  measure = all_of {
    yes_no "che_do_dao_tao",
    yes_no {
      "ho_tro_mam_non_tu_thuc",
      for_types = { "mam_non_cong_lap" },
      text = "Đơn vị cấp huyện là nhà trẻ, trường mẫu giáo, trường mầm non công lập tham gia thực hiện tập huấn, bồi dưỡng nâng cao chuyên môn nghiệp vụ, hỗ trợ cho giáo viên của các cơ sở giáo dục mầm non dân lập, tư thục trên địa bàn theo quy định.",
      evidence_hint = "Kế hoạch về việc tổ chức tập huấn, bồi dưỡng chuyên môn nghiệp vụ, hỗ trợ cho giáo viên của các cơ sở giáo dục mầm non dân lập, tư thục trên địa bàn; Chương trình; Giấy mời; Danh sách GV dự tập huấn, ….",
    },
  },
}

-- Chỉ tiêu 3. Only units whose column cong_lap is "có" (state agencies, public service units).
indicator {
  id = "tc1_3", criterion = "tc1", number = 3,
  evidence = "TC1-03", evidence_label = "TC1 - 03",
  text = "Bố trí đủ kinh phí từ ngân sách nhà nước hằng năm để thực hiện công tác đào tạo, bồi dưỡng đối với thành viên trong đơn vị (đối với đơn vị là cơ quan, đơn vị sự nghiệp công lập của nhà nước).",
  evidence_hint = "- Nguồn lực tài chính;\n- Cơ sở vật chất, trang thiết bị và các điều kiện khác phục vụ học tập, bồi dưỡng.\n- Các văn bản, minh chứng về việc chi kinh phí cho công tác đào tạo, bồi dưỡng…",
  measure = yes_no "kinh_phi_dao_tao",
  applies = when_yes "cong_lap",
}

-- Chỉ tiêu 4
indicator {
  id = "tc1_4", criterion = "tc1", number = 4,
  evidence = "TC1-04", evidence_label = "TC1 - 04",
  text = "Đơn vị cấp huyện/cấp thành phố triển khai chuyển đổi số, các thành viên trong đơn vị được trang bị các dụng cụ, thiết bị học tập đáp ứng nhu cầu làm việc và học tập trong bối cảnh chuyển đổi số",
  evidence_hint = "Các văn bản chỉ đạo; kế hoạch; hợp đồng mua sắm trang thiết bị … liên quan đến công tác chuyển đổi số; hình ảnh phòng làm việc có trang bị máy tính, thiết bị CNTT…",
  measure = yes_no "trang_bi_chuyen_doi_so",
}

-- Chỉ tiêu 5
indicator {
  id = "tc1_5", criterion = "tc1", number = 5,
  evidence = "TC1-05", evidence_label = "TC1 - 05",
  text = "Tham gia các hoạt động phục vụ việc học tập suốt đời cho người dân.",
  evidence_hint = "- Các văn bản chỉ đạo; Kế hoạch; Chương trình, hình ảnh… tổ chức Tuần lễ hưởng ứng học tập suốt đời…\n- Tham gia tổ chức hoặc phối hợp tổ chức các chuyên đề, lớp học tại trung tâm học tập cộng đồng.\n- Tham gia tổ chức hoặc trực tiếp giảng dạy các chương trình xóa mù chữ, chương trình giáo dục thường xuyên đáp ứng yêu cầu người học.\n- Biên soạn, cung cấp, hỗ trợ tài liệu phục vụ việc học tập suốt đời cho người dân……",
  guide_evidence_hint = "- Các văn bản chỉ đạo; Kế hoạch; Chương trình, hình ảnh… tổ chức Tuần lễ hưởng ứng học tập suốt đời…\n- Tham gia tổ chức hoặc phối hợp tổ chức các chuyên đề, lớp học tại trung tâm học tập cộng đồng.\n- Tham gia tổ chức hoặc trực tiếp giảng dạy các chương trình xóa mù chữ, chương trình giáo dục thường xuyên đáp ứng yêu cầu người học.\n- Biên soạn, cung cấp, hỗ trợ tài liệu phục vụ việc học tập suốt đời …",
  measure = yes_no "hoc_tap_suot_doi",
}
