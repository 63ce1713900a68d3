-- Tiêu chí 2. Texts are copied from the form (minutes table); guide_* fields hold
-- the wording of the evidence guide where it differs from the minutes.
-- A few spaces in the texts are no-break spaces, as in the form.
-- levels:  the rows "- Mức độ 1: …" and "- Mức độ 2: …" of the form
-- percent: count column, of = total column, muc_1 / muc_2 = least percentage for each level
--          (at least: 90 means 90 % or more)

criterion {
  id = "tc2", number = 2,
  title = "Về kết quả học tập của thành viên trong đơn vị",
}

-- Chỉ tiêu 1
indicator {
  id = "tc2_1", criterion = "tc2", number = 1,
  evidence = "TC2-01", evidence_label = "TC2 - 01",
  levels = {
    "- Mức độ 1: Tối thiểu 90% thành viên trong đơn vị tuân thủ kỷ luật lao động, nội quy làm việc trong đơn vị, có tinh thần đoàn kết, hợp tác, chia sẻ và trao đổi.",
    "- Mức độ 2: Tối thiểu 95% thành viên trong đơn vị tuân thủ kỷ luật lao động, nội quy làm việc trong đơn vị, có tinh thần đoàn kết, hợp tác, chia sẻ và trao đổi.",
  },
  evidence_hint = " - Bảng chấm công của đơn vị;\n- Kết quả đánh giá, xếp loại cán bộ, công chức, viên chức hàng năm;\n- Văn bản thể hiện tinh thần hợp tác, chia sẻ, trao đổi….",
  guide_evidence_hint = " - Bảng chấm công của đơn vị;\n- Kết quả đánh giá, xếp loại cán bộ, công chức, viên chức hàng năm;\n- Văn bản thể hiện tinh thần hợp tác, chia sẻ, trao đổi….  (nếu có)\n- Các loại Giấy khen, Bằng khen và hình thức khen thưởng khác đối với tập thể, cá nhân trong đơn vị.",
  measure = percent { "tuan_thu_ky_luat", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 95 },
}

-- Chỉ tiêu 2
indicator {
  id = "tc2_2", criterion = "tc2", number = 2,
  evidence = "TC2-02", evidence_label = "TC2 - 02",
  levels = {
    "- Mức độ 1: Tối thiểu 90% thành viên trong đơn vị hoàn thành đầy đủ các chương trình học tập, bồi dưỡng theo quy định của nhà nước hoặc của đơn vị và đoàn thể được lãnh đạo đơn vị phê duyệt.",
    "- Mức độ 2: Tối thiểu 95% thành viên trong đơn vị hoàn thành đầy đủ các chương trình học tập, bồi dưỡng theo quy định của nhà nước hoặc của đơn vị và đoàn thể được lãnh đạo đơn vị phê duyệt.",
  },
  evidence_hint = "Xác nhận của đơn vị đối với các thành viên đã hoàn thành nhiệm vụ học tập, bồi dưỡng theo quy định kèm theo chương trình học tập, bồi dưỡng; văn bằng, chứng chỉ, chứng nhận hoàn thành khóa học; Giấy mời, Công văn cử đi học…",
  measure = percent { "hoan_thanh_boi_duong", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 95 },
}

-- Chỉ tiêu 3
indicator {
  id = "tc2_3", criterion = "tc2", number = 3,
  evidence = "TC2-03", evidence_label = "TC2 - 03",
  levels = {
    "- Mức độ 1: Tối thiểu 90% thành viên trong đơn vị được đào tạo, bồi dưỡng và tham gia thực hiện chuyển đổi số trong đơn vị.",
    "- Mức độ 2: Tối thiểu 95% thành viên trong đơn vị được đào tạo, bồi dưỡng và tham gia thực hiện chuyển đổi số trong đơn vị.",
  },
  evidence_hint = "Kế hoạch chuyển đổi số của đơn vị; danh sách cán bộ được đào tạo/tập huấn/thực hiện chuyển đổi số…",
  measure = percent { "chuyen_doi_so", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 95 },
}

-- Chỉ tiêu 4. Not for economic organisations (tổ chức kinh tế).
indicator {
  id = "tc2_4", criterion = "tc2", number = 4,
  evidence = "TC2-04", evidence_label = "TC2 – 04",
  levels = {
    "- Mức độ 1: Tối thiểu 50% thành viên trong đơn vị có chứng nhận hoặc chứng chỉ ngoại ngữ hoặc tiếng dân tộc thiểu số đáp ứng yêu cầu công việc hoặc vị trí việc làm (không bao gồm thành viên trong đơn vị là tổ chức kinh tế).",
    "- Mức độ 2: Tối thiểu 70% thành viên trong đơn vị có trình độ ngoại ngữ hoặc tiếng dân tộc thiểu số đáp ứng yêu cầu công việc hoặc vị trí việc làm (không bao gồm thành viên trong đơn vị là tổ chức kinh tế).",
  },
  evidence_hint = "- Danh sách trích ngang đội ngũ nhân sự toàn đơn vị trong đó có thông tin về văn bằng, chứng chỉ ngoại ngữ của các cá nhân được lãnh đạo đơn vị ký, xác nhận; bản photo các văn bằng, chứng chỉ…",
  measure = percent { "ngoai_ngu", of = "tong_thanh_vien", muc_1 = 50, muc_2 = 70 },
  applies = except_types { "to_chuc_kinh_te" },
}

-- Chỉ tiêu 5
indicator {
  id = "tc2_5", criterion = "tc2", number = 5,
  evidence = "TC2-05", evidence_label = "TC2 – 05",
  levels = {
    "- Mức độ 1: Tối thiểu 90% thành viên trong đơn vị đạt danh hiệu “Lao động tiên tiến” (theo Luật Thi đua, Khen thưởng số 06/2022/QH15) trở lên.",
    "- Mức độ 2: Tối thiểu 95% thành viên trong đơn vị đạt danh hiệu “Lao động tiên tiến” (theo Luật Thi đua, Khen thưởng số 06/2022/QH15) trở lên.",
  },
  evidence_hint = "Quyết định công nhận danh hiệu thi đua và khen thưởng hàng năm của thủ trưởng đơn vị và lãnh đạo cấp trên; bằng khen, giấy khen…",
  measure = percent { "lao_dong_tien_tien", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 95 },
}
