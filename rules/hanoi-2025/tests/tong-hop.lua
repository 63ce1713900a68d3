-- The roll-up (rollup.lua): criterion and unit results, and the counts of the
-- minutes ("Số lượng các chỉ tiêu đạt …", denominators = applicable ones).
--   chi_tieu_dat / chi_tieu_ap_dung: indicators met / applicable
--   tieu_chi_dat / tieu_chi_ap_dung: criteria met / applicable

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
  -- Every indicator at Mức độ 2: how many apply to each type
  { name = "Cơ quan nhà nước đạt hết: mức 2, 13 chỉ tiêu", unit = don_vi("co_quan_nha_nuoc"),
    expect = { ket_qua = "muc_2", chi_tieu_dat = 13, chi_tieu_ap_dung = 13, tieu_chi_dat = 3, tieu_chi_ap_dung = 3 } },
  { name = "Sự nghiệp công lập đạt hết: 13 chỉ tiêu", unit = don_vi("su_nghiep_cong_lap"),
    expect = { ket_qua = "muc_2", chi_tieu_dat = 13, chi_tieu_ap_dung = 13 } },
  { name = "Mầm non công lập đạt hết: 13 chỉ tiêu", unit = don_vi("mam_non_cong_lap"),
    expect = { ket_qua = "muc_2", chi_tieu_dat = 13, chi_tieu_ap_dung = 13 } },
  { name = "Phổ thông đạt hết: 14 chỉ tiêu (có TC3.4)", unit = don_vi("pho_thong"),
    expect = { ket_qua = "muc_2", chi_tieu_dat = 14, chi_tieu_ap_dung = 14, tieu_chi_ap_dung = 3 } },
  { name = "Đại học đạt hết: 14 chỉ tiêu", unit = don_vi("dai_hoc"),
    expect = { ket_qua = "muc_2", chi_tieu_dat = 14, chi_tieu_ap_dung = 14 } },
  { name = "Nghề nghiệp đạt hết: 14 chỉ tiêu (có TC3.5)", unit = don_vi("giao_duc_nghe_nghiep"),
    expect = { ket_qua = "muc_2", chi_tieu_dat = 14, chi_tieu_ap_dung = 14 } },
  { name = "Tổ chức kinh tế đạt hết: 11 chỉ tiêu (không TC1.3, TC2.4)", unit = don_vi("to_chuc_kinh_te"),
    expect = { ket_qua = "muc_2", chi_tieu_dat = 11, chi_tieu_ap_dung = 11, tieu_chi_dat = 3 } },
  { name = "Loại khác đạt hết: 12 chỉ tiêu (không TC1.3)", unit = don_vi("khac"),
    expect = { ket_qua = "muc_2", chi_tieu_dat = 12, chi_tieu_ap_dung = 12 } },

  -- A yes/no indicator that is met counts as Mức độ 2; one at Mức độ 1 makes the unit Mức độ 1
  { name = "Một chỉ tiêu mức 1: đơn vị mức 1, vẫn đủ chỉ tiêu đạt", unit = don_vi("co_quan_nha_nuoc", { lao_dong_tien_tien = 92 }),
    expect = { ket_qua = "muc_1", tc2_5 = "muc_1", chi_tieu_dat = 13, tieu_chi_dat = 3 } },
  { name = "Mọi chỉ tiêu tỉ lệ ở mức 1: đơn vị mức 1", unit = don_vi("pho_thong", {
      tuan_thu_ky_luat = 90, hoan_thanh_boi_duong = 90, chuyen_doi_so = 90, ngoai_ngu = 50,
      lao_dong_tien_tien = 90, cong_dan_hoc_tap = 90, nguoi_hoc_cdht = 950, muc_chuyen_doi_so = "co_ban" }),
    expect = { ket_qua = "muc_1", tc1_1 = "dat", tc2_1 = "muc_1", tc2_4 = "muc_1", tc3_1 = "muc_1", tc3_4 = "muc_1",
      chi_tieu_dat = 14, tieu_chi_dat = 3 } },

  -- One indicator not met: its criterion is not met, the unit is Không đạt
  { name = "TC1.1 không đạt: tiêu chí 1 không đạt", unit = don_vi("co_quan_nha_nuoc", { ke_hoach_hoc_tap = "không" }),
    expect = { ket_qua = "khong_dat", tc1_1 = "khong_dat", chi_tieu_dat = 12, chi_tieu_ap_dung = 13, tieu_chi_dat = 2, tieu_chi_ap_dung = 3 } },
  { name = "TC1.4 không đạt", unit = don_vi("co_quan_nha_nuoc", { trang_bi_chuyen_doi_so = "" }),
    expect = { ket_qua = "khong_dat", tc1_4 = "khong_dat", tieu_chi_dat = 2 } },
  { name = "TC1.5 không đạt", unit = don_vi("dai_hoc", { hoc_tap_suot_doi = "0" }),
    expect = { ket_qua = "khong_dat", tc1_5 = "khong_dat", tieu_chi_dat = 2 } },
  { name = "TC3.3 không đạt", unit = don_vi("su_nghiep_cong_lap", { tap_the_ldtt = "không" }),
    expect = { ket_qua = "khong_dat", tc3_3 = "khong_dat", chi_tieu_dat = 12, tieu_chi_dat = 2 } },
  { name = "Hai tiêu chí không đạt", unit = don_vi("co_quan_nha_nuoc", { ke_hoach_hoc_tap = "không", ngoai_ngu = 10 }),
    expect = { ket_qua = "khong_dat", chi_tieu_dat = 11, tieu_chi_dat = 1, tieu_chi_ap_dung = 3 } },
  { name = "Không đạt chỉ tiêu nào", unit = {
      loai_don_vi = "co_quan_nha_nuoc", tong_thanh_vien = 40 },
    expect = { ket_qua = "khong_dat", tc1_1 = "khong_dat", tc2_1 = "khong_dat", tc1_3 = "khong_dat",
      chi_tieu_dat = 0, chi_tieu_ap_dung = 13, tieu_chi_dat = 0, tieu_chi_ap_dung = 3 } },
  { name = "Không đạt dù các chỉ tiêu khác mức 2 (kinh tế, TC3.3)", unit = don_vi("to_chuc_kinh_te", { tap_the_ldtt = "không" }),
    expect = { ket_qua = "khong_dat", chi_tieu_dat = 10, chi_tieu_ap_dung = 11, tieu_chi_dat = 2 } },
}
