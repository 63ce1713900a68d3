-- Cells as units type them: codes or labels, yes/no words, empty cells,
-- and the data errors that leave a unit unassessed (ket_qua = "loi").
-- loi = "…": a piece of the expected error message.

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
  -- Unit type by code, label, alias, any case, composed or decomposed (NFD)
  { name = "Loại đơn vị gõ bằng tên", unit = don_vi("Cơ sở giáo dục phổ thông"), expect = { tc3_4 = "muc_2" } },
  { name = "Loại đơn vị gõ tên khác, chữ hoa", unit = don_vi("TRƯỜNG THCS"), expect = { tc3_4 = "muc_2" } },
  { name = "Loại đơn vị gõ kiểu NFD", unit = don_vi("Tru\u{31B}o\u{31B}\u{300}ng THCS"), expect = { tc3_4 = "muc_2", ket_qua = "muc_2" } },
  { name = "Loại đơn vị không có trong bộ tiêu chí", unit = don_vi("Bệnh viện"),
    expect = { ket_qua = "loi", loi = "không có trong bộ tiêu chí" } },
  { name = "Thiếu loại đơn vị", unit = don_vi(""), expect = { ket_qua = "loi", loi = "ô bắt buộc" } },

  -- Yes/no words
  { name = "Có/không: x", unit = don_vi("co_quan_nha_nuoc", { ke_hoach_hoc_tap = "x" }), expect = { tc1_1 = "dat" } },
  { name = "Có/không: 1", unit = don_vi("co_quan_nha_nuoc", { ke_hoach_hoc_tap = "1" }), expect = { tc1_1 = "dat" } },
  { name = "Có/không: Đạt", unit = don_vi("co_quan_nha_nuoc", { ke_hoach_hoc_tap = "Đạt" }), expect = { tc1_1 = "dat" } },
  { name = "Có/không: YES", unit = don_vi("co_quan_nha_nuoc", { ke_hoach_hoc_tap = "YES" }), expect = { tc1_1 = "dat" } },
  { name = "Có/không: true", unit = don_vi("co_quan_nha_nuoc", { ke_hoach_hoc_tap = "true" }), expect = { tc1_1 = "dat" } },
  { name = "Có/không: KHÔNG", unit = don_vi("co_quan_nha_nuoc", { ke_hoach_hoc_tap = "KHÔNG" }), expect = { tc1_1 = "khong_dat" } },
  { name = "Có/không: không đạt", unit = don_vi("co_quan_nha_nuoc", { ke_hoach_hoc_tap = "không đạt" }), expect = { tc1_1 = "khong_dat" } },
  { name = "Có/không: 0", unit = don_vi("co_quan_nha_nuoc", { ke_hoach_hoc_tap = "0" }), expect = { tc1_1 = "khong_dat" } },
  { name = "Có/không: no", unit = don_vi("co_quan_nha_nuoc", { ke_hoach_hoc_tap = "no" }), expect = { tc1_1 = "khong_dat" } },
  { name = "Có/không: ô trống là không", unit = don_vi("co_quan_nha_nuoc", { ke_hoach_hoc_tap = "" }), expect = { tc1_1 = "khong_dat" } },
  { name = "Có/không: chữ lạ là lỗi", unit = don_vi("co_quan_nha_nuoc", { ke_hoach_hoc_tap = "có lẽ" }),
    expect = { ket_qua = "loi", loi = "không phải giá trị có/không" } },

  -- Counts
  { name = "Số lớn hơn tổng số thành viên", unit = don_vi("co_quan_nha_nuoc", { ngoai_ngu = 101 }),
    expect = { ket_qua = "loi", loi = "lớn hơn \"Tổng số thành viên\"" } },
  { name = "Số âm", unit = don_vi("co_quan_nha_nuoc", { ngoai_ngu = "-1" }), expect = { ket_qua = "loi", loi = "số âm" } },
  { name = "Số lẻ thập phân", unit = don_vi("co_quan_nha_nuoc", { ngoai_ngu = "12,5" }),
    expect = { ket_qua = "loi", loi = "không phải số nguyên" } },
  { name = "Số có .0 vẫn là số nguyên", unit = don_vi("co_quan_nha_nuoc", { ngoai_ngu = "80.0" }), expect = { tc2_4 = "muc_2" } },
  { name = "Tổng số thành viên bằng 0", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = 0 }),
    expect = { ket_qua = "loi", loi = "phải lớn hơn hoặc bằng 1" } },
  { name = "Thiếu tổng số thành viên", unit = don_vi("co_quan_nha_nuoc", { tong_thanh_vien = "" }),
    expect = { ket_qua = "loi", loi = "Tổng số thành viên" } },
  { name = "Số người học vượt tổng số người học", unit = don_vi("pho_thong", { nguoi_hoc_cdht = 1001 }),
    expect = { ket_qua = "loi", loi = "Tổng số người học" } },
  { name = "Trường phổ thông không có tổng số người học", unit = don_vi("pho_thong", { tong_nguoi_hoc = 0, nguoi_hoc_cdht = 0 }),
    expect = { ket_qua = "loi", loi = "phải lớn hơn 0 để tính chỉ tiêu TC3.1" } },
  { name = "Ô số để trống là 0", unit = don_vi("co_quan_nha_nuoc", { ngoai_ngu = "" }), expect = { tc2_4 = "khong_dat" } },

  -- Choices. From 2026 an empty "Cấp quản lý" means cấp xã/phường; the 2025
  -- values (huyen, "Cấp huyện") are still read.
  { name = "Cấp quản lý: để trống", unit = don_vi("co_quan_nha_nuoc", { cap_quan_ly = "" }), expect = { ket_qua = "muc_2" } },
  { name = "Cấp quản lý: huyen", unit = don_vi("co_quan_nha_nuoc", { cap_quan_ly = "huyen" }), expect = { ket_qua = "muc_2" } },
  { name = "Cấp quản lý: Cấp huyện", unit = don_vi("co_quan_nha_nuoc", { cap_quan_ly = "Cấp huyện" }), expect = { ket_qua = "muc_2" } },
  { name = "Cấp quản lý: thanh_pho", unit = don_vi("co_quan_nha_nuoc", { cap_quan_ly = "thanh_pho" }), expect = { ket_qua = "muc_2" } },
  { name = "Cấp quản lý: Cấp xã/phường", unit = don_vi("co_quan_nha_nuoc", { cap_quan_ly = "cấp xã/phường" }), expect = { ket_qua = "muc_2" } },
  { name = "Cấp quản lý không hợp lệ", unit = don_vi("co_quan_nha_nuoc", { cap_quan_ly = "tỉnh" }),
    expect = { ket_qua = "loi", loi = "không phải giá trị hợp lệ" } },
  { name = "Mức chuyển đổi số không hợp lệ", unit = don_vi("pho_thong", { muc_chuyen_doi_so = "giỏi" }),
    expect = { ket_qua = "loi", loi = "không phải giá trị hợp lệ" } },
}
