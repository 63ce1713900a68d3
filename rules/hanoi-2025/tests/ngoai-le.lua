-- Exceptions by unit type: who takes which indicator, and the extra rows
-- of public preschools. "khong_ap_dung" = Không áp dụng (left out of counts).

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
  -- TC2.4: not for economic organisations (tổ chức kinh tế)
  { name = "TC2.4 tổ chức kinh tế: không áp dụng dù 0%", unit = don_vi("to_chuc_kinh_te", { ngoai_ngu = 0 }),
    expect = { tc2_4 = "khong_ap_dung", ket_qua = "muc_2" } },
  { name = "TC2.4 gõ \"Doanh nghiệp\" (tên khác của tổ chức kinh tế)", unit = don_vi("Doanh nghiệp", { ngoai_ngu = 0 }),
    expect = { tc2_4 = "khong_ap_dung" } },
  { name = "TC2.4 loại khác vẫn áp dụng", unit = don_vi("khac", { ngoai_ngu = 0 }),
    expect = { tc2_4 = "khong_dat", ket_qua = "khong_dat" } },

  -- TC1.3 kinh phí: only public units (cong_lap); empty cong_lap = yes, except to_chuc_kinh_te and khac
  { name = "TC1.3 cơ quan nhà nước thiếu kinh phí", unit = don_vi("co_quan_nha_nuoc", { kinh_phi_dao_tao = "không" }),
    expect = { tc1_3 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC1.3 sự nghiệp công lập, ô kinh phí trống", unit = don_vi("su_nghiep_cong_lap", { kinh_phi_dao_tao = "" }),
    expect = { tc1_3 = "khong_dat" } },
  { name = "TC1.3 trường phổ thông công lập (mặc định)", unit = don_vi("pho_thong", { cong_lap = "" }),
    expect = { tc1_3 = "dat" } },
  { name = "TC1.3 trường phổ thông tư thục: không áp dụng", unit = don_vi("pho_thong", { cong_lap = "không", kinh_phi_dao_tao = "không" }),
    expect = { tc1_3 = "khong_ap_dung", ket_qua = "muc_2" } },
  { name = "TC1.3 cơ quan ghi công lập = không: không áp dụng", unit = don_vi("co_quan_nha_nuoc", { cong_lap = "không", kinh_phi_dao_tao = "không" }),
    expect = { tc1_3 = "khong_ap_dung" } },
  { name = "TC1.3 tổ chức kinh tế (mặc định không công lập)", unit = don_vi("to_chuc_kinh_te", { kinh_phi_dao_tao = "không" }),
    expect = { tc1_3 = "khong_ap_dung", ket_qua = "muc_2" } },
  { name = "TC1.3 tổ chức kinh tế ghi công lập = có", unit = don_vi("to_chuc_kinh_te", { cong_lap = "có", kinh_phi_dao_tao = "không" }),
    expect = { tc1_3 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC1.3 loại khác (mặc định không công lập)", unit = don_vi("khac", { kinh_phi_dao_tao = "không" }),
    expect = { tc1_3 = "khong_ap_dung" } },
  { name = "TC1.3 loại khác ghi công lập = x", unit = don_vi("khac", { cong_lap = "x" }),
    expect = { tc1_3 = "dat" } },

  -- TC1.2: public preschools must also train/support private preschool teachers
  { name = "TC1.2 mầm non công lập thiếu hỗ trợ tư thục", unit = don_vi("mam_non_cong_lap", { ho_tro_mam_non_tu_thuc = "không" }),
    expect = { tc1_2 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC1.2 mầm non công lập thiếu chế độ đào tạo", unit = don_vi("mam_non_cong_lap", { che_do_dao_tao = "không" }),
    expect = { tc1_2 = "khong_dat" } },
  { name = "TC1.2 mầm non công lập đủ cả hai", unit = don_vi("mam_non_cong_lap"),
    expect = { tc1_2 = "dat", ket_qua = "muc_2" } },
  { name = "TC1.2 trường phổ thông không cần hỗ trợ tư thục", unit = don_vi("pho_thong", { ho_tro_mam_non_tu_thuc = "" }),
    expect = { tc1_2 = "dat", ket_qua = "muc_2" } },
  { name = "TC1.2 cơ quan thiếu chế độ đào tạo", unit = don_vi("co_quan_nha_nuoc", { che_do_dao_tao = "" }),
    expect = { tc1_2 = "khong_dat" } },

  -- TC3.2: public preschools must also have the private preschools' confirmation
  { name = "TC3.2 mầm non công lập thiếu xác nhận", unit = don_vi("Trường mầm non công lập", { xac_nhan_mam_non_tu_thuc = "không" }),
    expect = { tc3_2 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC3.2 mầm non công lập thiếu chia sẻ tri thức", unit = don_vi("mam_non_cong_lap", { chia_se_tri_thuc = "không" }),
    expect = { tc3_2 = "khong_dat" } },
  { name = "TC3.2 đại học không cần xác nhận", unit = don_vi("dai_hoc", { xac_nhan_mam_non_tu_thuc = "" }),
    expect = { tc3_2 = "dat" } },

  -- TC3.1: preschools and other units count members only
  { name = "TC3.1 mầm non: không xét người học", unit = don_vi("mam_non_cong_lap", { tong_nguoi_hoc = 300, nguoi_hoc_cdht = 10 }),
    expect = { tc3_1 = "muc_2" } },
  { name = "TC3.1 mầm non: không cần số người học", unit = don_vi("mam_non_cong_lap", { tong_nguoi_hoc = 0, nguoi_hoc_cdht = 0 }),
    expect = { tc3_1 = "muc_2", ket_qua = "muc_2" } },
  { name = "TC3.1 cơ quan: không xét người học", unit = don_vi("co_quan_nha_nuoc", { tong_nguoi_hoc = "", nguoi_hoc_cdht = "" }),
    expect = { tc3_1 = "muc_2" } },

  -- TC3.4: only general-education schools and universities
  { name = "TC3.4 phổ thông áp dụng", unit = don_vi("pho_thong"), expect = { tc3_4 = "muc_2" } },
  { name = "TC3.4 đại học áp dụng", unit = don_vi("dai_hoc"), expect = { tc3_4 = "muc_2" } },
  { name = "TC3.4 nghề nghiệp: không áp dụng", unit = don_vi("giao_duc_nghe_nghiep", { muc_chuyen_doi_so = "chua_dat" }),
    expect = { tc3_4 = "khong_ap_dung", ket_qua = "muc_2" } },
  { name = "TC3.4 mầm non: không áp dụng", unit = don_vi("mam_non_cong_lap", { muc_chuyen_doi_so = "chua_dat" }),
    expect = { tc3_4 = "khong_ap_dung" } },
  { name = "TC3.4 cơ quan: không áp dụng", unit = don_vi("co_quan_nha_nuoc", { muc_chuyen_doi_so = "" }),
    expect = { tc3_4 = "khong_ap_dung" } },

  -- TC3.5: only vocational institutions
  { name = "TC3.5 nghề nghiệp chưa kiểm định", unit = don_vi("giao_duc_nghe_nghiep", { kiem_dinh_gdnn = "không" }),
    expect = { tc3_5 = "khong_dat", ket_qua = "khong_dat" } },
  { name = "TC3.5 nghề nghiệp đã kiểm định", unit = don_vi("Trường cao đẳng"), expect = { tc3_5 = "dat" } },
  { name = "TC3.5 phổ thông: không áp dụng", unit = don_vi("pho_thong", { kiem_dinh_gdnn = "không" }),
    expect = { tc3_5 = "khong_ap_dung", ket_qua = "muc_2" } },
  { name = "TC3.5 đại học: không áp dụng", unit = don_vi("dai_hoc", { kiem_dinh_gdnn = "" }),
    expect = { tc3_5 = "khong_ap_dung" } },
}
