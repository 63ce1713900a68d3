-- Tiêu chí 3. Texts are copied from the form (minutes table); guide_* fields hold
-- the wording of the evidence guide where it differs from the minutes.
-- A few spaces in the texts are no-break spaces, as in the form.
-- all_of:    every part must hold; the indicator's level is the lowest level of its parts
-- for_types: the part counts only for these unit types or groups (unit_types.lua)

criterion {
  id = "tc3", number = 3,
  title = "Tác dụng của việc xây dựng “Đơn vị học tập”",
}

-- Chỉ tiêu 1. Members for every unit; education institutions (group co_so_giao_duc)
-- must also reach the learners' percentages. Preschools count members only.
indicator {
  id = "tc3_1", criterion = "tc3", number = 1,
  evidence = "TC3-01", evidence_label = "TC3 - 01",
  levels = {
    "- Mức độ 1: Tối thiểu 90% thành viên trong đơn vị đạt danh hiệu “Công dân học tập” theo Bộ tiêu chí và hướng dẫn đánh giá, công nhận “Công dân học tập” giai đoạn 2021-2030 (ban hành tại Quyết định số 324/QĐ-KHVN ngày 25/10/2023 của Ban chấp hành Trung ương Hội Khuyến học Việt Nam.\nĐối với đơn vị là cơ sở giáo dục: tối thiểu 95% người học đạt danh hiệu “Công dân học tập” theo Quyết định số 324/QĐ-KHVN.",
    "- Mức độ 2: Tối thiểu 95% thành viên trong đơn vị đạt danh hiệu “Công dân học tập” theo Quyết định số 324/QĐ-KHVN.\nĐối với Đơn vị là cơ sở giáo dục: tối thiểu 97% người học đạt danh hiệu “Công dân học tập” theo Quyết định số 324/QĐ-KHVN.",
  },
  evidence_hint = "Quyết định công nhận “Công dân học tập” của các thành viên trong đơn vị",
  measure = all_of {
    percent { "cong_dan_hoc_tap", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 95 },
    percent { "nguoi_hoc_cdht", of = "tong_nguoi_hoc", muc_1 = 95, muc_2 = 97, for_types = { "co_so_giao_duc" } },
  },
}

-- Chỉ tiêu 2. Public preschools must meet the second row as well (both must hold).
indicator {
  id = "tc3_2", criterion = "tc3", number = 2,
  evidence = "TC3-02", evidence_label = "TC3 - 02",
  text = "Đơn vị cấp huyện/cấp thành phố thực hiện các hoạt động tạo lập môi trường học tập và chia sẻ tri thức với các đơn vị khác.",
  evidence_hint = "- Các văn bản chỉ đạo, kế hoạch, giấy mời, hình ảnh… thể hiện việc tạo lập môi trường học tập, giao lưu, chia sẻ tri thức/chuyên môn với các đơn vị khác.\n- Các văn bản chỉ đạo, kế hoạch, giấy mời, hình ảnh, danh sách… tổ chức thực hiện hoặc tham gia các hoạt động chuyên môn của cụm.\n- Đường link bài giảng, tài liệu, học liệu được chia sẻ trên môi trường số….",
  measure = all_of {
    yes_no "chia_se_tri_thuc",
    yes_no {
      "xac_nhan_mam_non_tu_thuc",
      for_types = { "mam_non_cong_lap" },
      text = "Đơn vị cấp huyện là nhà trẻ, trường mẫu giáo, trường mầm non công lập có thực hiện hoặc phối hợp thực hiện tập huấn, bồi dưỡng nâng cao chuyên môn nghiệp vụ, hỗ trợ cho giáo viên của các cơ sở giáo dục mầm non dân lập, tư thục trên địa bàn theo quy định.",
      evidence_hint = "Xác nhận của các cơ sở giáo dục mầm non dân lập, tư thục trên địa bàn đối với các thành viên tham gia tập huấn, bồi dưỡng…",
    },
  },
}

-- Chỉ tiêu 3
indicator {
  id = "tc3_3", criterion = "tc3", number = 3,
  evidence = "TC3-03", evidence_label = "TC3 - 03",
  text = "Đơn vị cấp huyện/cấp thành phố đạt danh hiệu thi đua từ “Tập thể lao động tiên tiến” (theo Luật Thi đua, Khen thưởng số 06/2022/QH15) trở lên.",
  evidence_hint = "Quyết định công nhận danh hiệu thi đua, khen thưởng; bằng khen, giấy khen…",
  measure = yes_no "tap_the_ldtt",
}

-- Chỉ tiêu 4. Only general-education schools and universities.
-- ordinal: the choice in column muc_chuyen_doi_so that reaches each level (schema.lua).
indicator {
  id = "tc3_4", criterion = "tc3", number = 4,
  evidence = "TC3-04", evidence_label = "TC3 - 04",
  levels = {
    "- Mức độ 1: Đơn vị cấp huyện/cấp thành phố là cơ sở giáo dục phổ thông/cơ sở giáo dục đại học đạt mức độ chuyển đổi số của đơn vị ở “mức đáp ứng cơ bản” theo Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022 của Bộ trưởng Bộ Giáo dục và Đào tạo",
    "- Mức độ 2: Đơn vị cấp huyện/cấp thành phố là cơ sở giáo dục phổ thông/cơ sở giáo dục đại học đạt mức độ chuyển đổi số của đơn vị ở “mức đáp ứng tốt” theo Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022 của Bộ trưởng Bộ Giáo dục và Đào tạo.",
  },
  guide_levels = {
    "- Mức độ 1: Đơn vị cấp huyện/cấp thành phố là cơ sở giáo dục phổ thông/cơ sở giáo dục đại học đạt mức độ chuyển đổi số của đơn vị ở “mức đáp ứng cơ bản” theo Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022 của Bộ trưởng Bộ Giáo dục và Đào tạo.",
    "- Mức độ 2: Đơn vị cấp huyện/cấp thành phố là cơ sở giáo dục phổ thông/cơ sở giáo dục đại học đạt mức độ chuyển đổi số của đơn vị ở “mức đáp ứng tốt” theo Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022 của Bộ trưởng Bộ Giáo dục và Đào tạo.",
  },
  evidence_hint = "- Các minh chứng theo bộ chỉ số của Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022 của Bộ trưởng Bộ Giáo dục và Đào tạo;\n- Quyết định công nhận mức độ chuyển đổi số của cơ quan quản lý cấp trên",
  measure = ordinal { "muc_chuyen_doi_so", muc_1 = "co_ban", muc_2 = "tot" },
  applies = only_types { "pho_thong", "dai_hoc" },
}

-- Chỉ tiêu 5. Only vocational institutions.
indicator {
  id = "tc3_5", criterion = "tc3", number = 5,
  evidence = "TC3-05", evidence_label = "TC3 - 05",
  text = "Đơn vị cấp huyện/cấp thành phố là cơ sở giáo dục nghề nghiệp đạt kiểm định chất lượng giáo dục nghề nghiệp theo quy định hiện hành.",
  evidence_hint = "Quyết định/ Giấy chứng nhận kiểm định chất lượng giáo dục",
  measure = yes_no "kiem_dinh_gdnn",
  applies = only_types { "giao_duc_nghe_nghiep" },
}
