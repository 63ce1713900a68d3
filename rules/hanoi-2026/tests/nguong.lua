-- Thresholds of every levelled indicator of the 2026 plan, at and around each
-- boundary. Only TC2.4 differs from 2025 (60 % / 80 %); the others are inherited.
-- Each case: name, the unit's cells (keys of DATA.md, values as typed in a
-- cell), and the expected result of the listed indicators (others are not
-- checked). "Tối thiểu 90%" means 90 % or more; 89,99 % is not 90 %.

-- A unit that reaches Mức độ 2 everywhere; a case changes only a few cells.
-- Every count is the total (tong_thanh_vien, 100 unless the case says).
local function don_vi(loai, thay)
  local tong = thay and thay.tong_thanh_vien or 100
  local u = {
    loai_don_vi = loai, tong_thanh_vien = tong,
    tuan_thu_ky_luat = tong, hoan_thanh_boi_duong = tong, chuyen_doi_so = tong,
    ngoai_ngu = tong, lao_dong_tien_tien = tong, cong_dan_hoc_tap = tong,
    tong_nguoi_hoc = 1000, nguoi_hoc_cdht = 1000,
    ke_hoach_hoc_tap = "có", che_do_dao_tao = "có", ho_tro_mam_non_tu_thuc = "có",
    kinh_phi_dao_tao = "có", trang_bi_chuyen_doi_so = "có", hoc_tap_suot_doi = "có",
    chia_se_tri_thuc = "có", xac_nhan_mam_non_tu_thuc = "có", tap_the_ldtt = "có",
    muc_chuyen_doi_so = "tot", kiem_dinh_gdnn = "có",
  }
  for k, v in pairs(thay or {}) do u[k] = v end
  return u
end

return {
  -- TC2.1 tuân thủ kỷ luật: Mức độ 1 ≥ 90 %, Mức độ 2 ≥ 95 %
  { name = "TC2.1 89% không đạt", unit = don_vi("co_quan_nha_nuoc", { tuan_thu_ky_luat = 89 }),
    expect = { tc2_1 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC2.1 90% mức 1", unit = don_vi("co_quan_nha_nuoc", { tuan_thu_ky_luat = 90 }),
    expect = { tc2_1 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC2.1 94% mức 1", unit = don_vi("co_quan_nha_nuoc", { tuan_thu_ky_luat = 94 }),
    expect = { tc2_1 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC2.1 95% mức 2", unit = don_vi("co_quan_nha_nuoc", { tuan_thu_ky_luat = 95 }),
    expect = { tc2_1 = "muc_2", ket_qua = "muc_2" } },
  { name = "TC2.1 89,99% không đạt", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = 10000, tuan_thu_ky_luat = 8999 }),
    expect = { tc2_1 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC2.1 90,00% mức 1", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = 10000, tuan_thu_ky_luat = 9000 }),
    expect = { tc2_1 = "muc_1" } },
  { name = "TC2.1 94,99% mức 1", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = 10000, tuan_thu_ky_luat = 9499 }),
    expect = { tc2_1 = "muc_1" } },
  { name = "TC2.1 19/21 = 90,48% mức 1", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = 21, tuan_thu_ky_luat = 19 }),
    expect = { tc2_1 = "muc_1" } },
  { name = "TC2.1 18/21 = 85,71% không đạt", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = 21, tuan_thu_ky_luat = 18 }),
    expect = { tc2_1 = "khong_dat" } },
  { name = "TC2.1 20/21 = 95,24% mức 2", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = 21, tuan_thu_ky_luat = 20 }),
    expect = { tc2_1 = "muc_2" } },

  -- TC2.2 hoàn thành bồi dưỡng: 90 % / 95 %
  { name = "TC2.2 89% không đạt", unit = don_vi("su_nghiep_cong_lap", { hoan_thanh_boi_duong = 89 }),
    expect = { tc2_2 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC2.2 90% mức 1", unit = don_vi("su_nghiep_cong_lap", { hoan_thanh_boi_duong = 90 }),
    expect = { tc2_2 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC2.2 94% mức 1", unit = don_vi("su_nghiep_cong_lap", { hoan_thanh_boi_duong = 94 }),
    expect = { tc2_2 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC2.2 95% mức 2", unit = don_vi("su_nghiep_cong_lap", { hoan_thanh_boi_duong = 95 }),
    expect = { tc2_2 = "muc_2", ket_qua = "muc_2" } },

  -- TC2.3 chuyển đổi số: 90 % / 95 %
  { name = "TC2.3 89% không đạt", unit = don_vi("pho_thong", { chuyen_doi_so = 89 }),
    expect = { tc2_3 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC2.3 90% mức 1", unit = don_vi("pho_thong", { chuyen_doi_so = 90 }),
    expect = { tc2_3 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC2.3 94% mức 1", unit = don_vi("pho_thong", { chuyen_doi_so = 94 }),
    expect = { tc2_3 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC2.3 95% mức 2", unit = don_vi("pho_thong", { chuyen_doi_so = 95 }),
    expect = { tc2_3 = "muc_2", ket_qua = "muc_2" } },

  -- TC2.4 ngoại ngữ: 60 % / 80 % từ năm 2026 (năm 2025: 50 % / 70 %)
  { name = "TC2.4 59% không đạt", unit = don_vi("co_quan_nha_nuoc", { ngoai_ngu = 59 }),
    expect = { tc2_4 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC2.4 60% mức 1", unit = don_vi("co_quan_nha_nuoc", { ngoai_ngu = 60 }),
    expect = { tc2_4 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC2.4 79% mức 1", unit = don_vi("co_quan_nha_nuoc", { ngoai_ngu = 79 }),
    expect = { tc2_4 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC2.4 80% mức 2", unit = don_vi("co_quan_nha_nuoc", { ngoai_ngu = 80 }),
    expect = { tc2_4 = "muc_2", ket_qua = "muc_2" } },
  { name = "TC2.4 59,99% không đạt", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = 10000, ngoai_ngu = 5999 }),
    expect = { tc2_4 = "khong_dat" } },
  { name = "TC2.4 60,00% mức 1", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = 10000, ngoai_ngu = 6000 }),
    expect = { tc2_4 = "muc_1" } },
  { name = "TC2.4 79,99% mức 1", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = 10000, ngoai_ngu = 7999 }),
    expect = { tc2_4 = "muc_1" } },
  { name = "TC2.4 3/5 = 60% mức 1", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = 5, ngoai_ngu = 3 }),
    expect = { tc2_4 = "muc_1" } },
  { name = "TC2.4 4/5 = 80% mức 2", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = 5, ngoai_ngu = 4 }),
    expect = { tc2_4 = "muc_2" } },
  { name = "TC2.4 4/7 = 57,14% nay không đạt (năm 2025 mức 1)", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = 7, ngoai_ngu = 4 }),
    expect = { tc2_4 = "khong_dat" } },
  { name = "TC2.4 5/7 = 71,43% nay mức 1 (năm 2025 mức 2)", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = 7, ngoai_ngu = 5 }),
    expect = { tc2_4 = "muc_1" } },
  { name = "TC2.4 50% nay không đạt (năm 2025 mức 1)", unit = don_vi("co_quan_nha_nuoc", { ngoai_ngu = 50 }),
    expect = { tc2_4 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC2.4 70% nay mức 1 (năm 2025 mức 2)", unit = don_vi("co_quan_nha_nuoc", { ngoai_ngu = 70 }),
    expect = { tc2_4 = "muc_1", ket_qua = "muc_1" } },

  -- TC2.5 lao động tiên tiến: 90 % / 95 %
  { name = "TC2.5 89% không đạt", unit = don_vi("dai_hoc", { lao_dong_tien_tien = 89 }),
    expect = { tc2_5 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC2.5 90% mức 1", unit = don_vi("dai_hoc", { lao_dong_tien_tien = 90 }),
    expect = { tc2_5 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC2.5 94% mức 1", unit = don_vi("dai_hoc", { lao_dong_tien_tien = 94 }),
    expect = { tc2_5 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC2.5 95% mức 2", unit = don_vi("dai_hoc", { lao_dong_tien_tien = 95 }),
    expect = { tc2_5 = "muc_2", ket_qua = "muc_2" } },

  -- TC3.1 công dân học tập, thành viên: 90 % / 95 %
  { name = "TC3.1 thành viên 89% không đạt", unit = don_vi("co_quan_nha_nuoc", { cong_dan_hoc_tap = 89 }),
    expect = { tc3_1 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC3.1 thành viên 90% mức 1", unit = don_vi("co_quan_nha_nuoc", { cong_dan_hoc_tap = 90 }),
    expect = { tc3_1 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC3.1 thành viên 94% mức 1", unit = don_vi("co_quan_nha_nuoc", { cong_dan_hoc_tap = 94 }),
    expect = { tc3_1 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC3.1 thành viên 95% mức 2", unit = don_vi("co_quan_nha_nuoc", { cong_dan_hoc_tap = 95 }),
    expect = { tc3_1 = "muc_2", ket_qua = "muc_2" } },

  -- TC3.1 người học của cơ sở giáo dục: 95 % / 97 % (thành viên vẫn phải 90 % / 95 %)
  { name = "TC3.1 người học 94,9% không đạt", unit = don_vi("pho_thong", { nguoi_hoc_cdht = 949 }),
    expect = { tc3_1 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC3.1 người học 95% mức 1", unit = don_vi("pho_thong", { nguoi_hoc_cdht = 950 }),
    expect = { tc3_1 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC3.1 người học 96,9% mức 1", unit = don_vi("pho_thong", { nguoi_hoc_cdht = 969 }),
    expect = { tc3_1 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC3.1 người học 97% mức 2", unit = don_vi("pho_thong", { nguoi_hoc_cdht = 970 }),
    expect = { tc3_1 = "muc_2", ket_qua = "muc_2" } },
  { name = "TC3.1 đại học: người học 95% mức 1", unit = don_vi("dai_hoc", { nguoi_hoc_cdht = 950 }),
    expect = { tc3_1 = "muc_1" } },
  { name = "TC3.1 nghề nghiệp: người học 94,9% không đạt", unit = don_vi("giao_duc_nghe_nghiep", { nguoi_hoc_cdht = 949 }),
    expect = { tc3_1 = "khong_dat" } },
  { name = "TC3.1 người học 97% nhưng thành viên 94%: mức 1", unit = don_vi("pho_thong", { cong_dan_hoc_tap = 94, nguoi_hoc_cdht = 970 }),
    expect = { tc3_1 = "muc_1" } },
  { name = "TC3.1 thành viên 95% nhưng người học 94,9%: không đạt", unit = don_vi("pho_thong", { cong_dan_hoc_tap = 95, nguoi_hoc_cdht = 949 }),
    expect = { tc3_1 = "khong_dat" } },
  { name = "TC3.1 thành viên 89% dù người học 100%: không đạt", unit = don_vi("dai_hoc", { cong_dan_hoc_tap = 89 }),
    expect = { tc3_1 = "khong_dat" } },

  -- TC3.4 mức chuyển đổi số (QĐ 4725): cơ bản = mức 1, tốt = mức 2
  { name = "TC3.4 chưa đạt", unit = don_vi("pho_thong", { muc_chuyen_doi_so = "chua_dat" }),
    expect = { tc3_4 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC3.4 để trống là chưa đạt", unit = don_vi("pho_thong", { muc_chuyen_doi_so = "" }),
    expect = { tc3_4 = "khong_dat" } },
  { name = "TC3.4 mức đáp ứng cơ bản", unit = don_vi("pho_thong", { muc_chuyen_doi_so = "co_ban" }),
    expect = { tc3_4 = "muc_1", ket_qua = "muc_1" } },
  { name = "TC3.4 gõ tên \"Mức đáp ứng cơ bản\"", unit = don_vi("dai_hoc", { muc_chuyen_doi_so = "Mức đáp ứng cơ bản" }),
    expect = { tc3_4 = "muc_1" } },
  { name = "TC3.4 mức đáp ứng tốt", unit = don_vi("dai_hoc", { muc_chuyen_doi_so = "Mức đáp ứng tốt" }),
    expect = { tc3_4 = "muc_2", ket_qua = "muc_2" } },
}
