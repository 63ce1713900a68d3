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
