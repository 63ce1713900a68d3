-- Input tables and their columns.
-- A header cell matches a column by its key or by its label.
-- type:      "text", "yes_no", "count" (whole number >= 0), "unit_type", "choice"
-- required:  the column must be present and the cell filled
-- default:   value used when the cell is empty (counts: 0)
-- total:     a count may not exceed the column named here
-- needed_by: indicators that use the column

---------------------------------------------------------------------------
-- Table "Đơn vị": one row per unit (required)
---------------------------------------------------------------------------

table_kind {
  id = "don_vi",
  label = "Đơn vị",
  identify = { "ma_don_vi", "loai_don_vi" },  -- a header row with these columns is this table
  required = true,
}

column {
  table = "don_vi", key = "ma_don_vi", label = "Mã đơn vị",
  type = "text", required = true, unique = true, role = "code",
}

column {
  table = "don_vi", key = "ten_don_vi", label = "Tên đơn vị",
  type = "text", required = true, role = "name",
}

column {
  table = "don_vi", key = "loai_don_vi", label = "Loại đơn vị",
  type = "unit_type", required = true, role = "unit_type",
  note = "Mã hoặc tên loại đơn vị",
}

-- Public (state-funded). Empty cell: yes, except where unit_types.lua says otherwise.
column {
  table = "don_vi", key = "cong_lap", label = "Công lập",
  type = "yes_no", default = true,
  needed_by = { "tc1_3" },
}

column {
  table = "don_vi", key = "cap_quan_ly", label = "Cấp quản lý",
  type = "choice", default = "huyen",
  choices = {
    { id = "thanh_pho", label = "Cấp thành phố" },
    { id = "huyen", label = "Cấp huyện" },
    { id = "xa", label = "Cấp xã/phường" },
  },
}

-- All TC2 percentages and the members' part of TC3.1 are taken over this total.
column {
  table = "don_vi", key = "tong_thanh_vien", label = "Tổng số thành viên",
  type = "count", required = true, min = 1,
  needed_by = { "tc2_1", "tc2_2", "tc2_3", "tc2_4", "tc2_5", "tc3_1" },
}

column {
  table = "don_vi", key = "tuan_thu_ky_luat", label = "Số thành viên tuân thủ kỷ luật, nội quy",
  type = "count", default = 0, total = "tong_thanh_vien",
  needed_by = { "tc2_1" },
}

column {
  table = "don_vi", key = "hoan_thanh_boi_duong", label = "Số thành viên hoàn thành chương trình học tập, bồi dưỡng",
  type = "count", default = 0, total = "tong_thanh_vien",
  needed_by = { "tc2_2" },
}

column {
  table = "don_vi", key = "chuyen_doi_so", label = "Số thành viên được đào tạo, tham gia chuyển đổi số",
  type = "count", default = 0, total = "tong_thanh_vien",
  needed_by = { "tc2_3" },
}

column {
  table = "don_vi", key = "ngoai_ngu", label = "Số thành viên có chứng chỉ ngoại ngữ/tiếng dân tộc thiểu số",
  type = "count", default = 0, total = "tong_thanh_vien",
  needed_by = { "tc2_4" },
}

column {
  table = "don_vi", key = "lao_dong_tien_tien", label = "Số thành viên đạt \"Lao động tiên tiến\" trở lên",
  type = "count", default = 0, total = "tong_thanh_vien",
  needed_by = { "tc2_5" },
}

column {
  table = "don_vi", key = "cong_dan_hoc_tap", label = "Số thành viên đạt \"Công dân học tập\"",
  type = "count", default = 0, total = "tong_thanh_vien",
  needed_by = { "tc3_1" },
}

-- Learners: filled in by education institutions only (TC3.1).
column {
  table = "don_vi", key = "tong_nguoi_hoc", label = "Tổng số người học",
  type = "count", default = 0,
  note = "Chỉ cơ sở giáo dục",
  needed_by = { "tc3_1" },
}

column {
  table = "don_vi", key = "nguoi_hoc_cdht", label = "Số người học đạt \"Công dân học tập\"",
  type = "count", default = 0, total = "tong_nguoi_hoc",
  note = "Chỉ cơ sở giáo dục",
  needed_by = { "tc3_1" },
}

column {
  table = "don_vi", key = "ke_hoach_hoc_tap", label = "Có kế hoạch học tập hằng năm",
  type = "yes_no",
  needed_by = { "tc1_1" },
}

column {
  table = "don_vi", key = "che_do_dao_tao", label = "Thực hiện chế độ đào tạo, có quy định khuyến khích",
  type = "yes_no",
  needed_by = { "tc1_2" },
}

column {
  table = "don_vi", key = "ho_tro_mam_non_tu_thuc", label = "Tập huấn, hỗ trợ giáo viên mầm non dân lập, tư thục",
  type = "yes_no",
  note = "Chỉ nhà trẻ, trường mẫu giáo, trường mầm non công lập",
  needed_by = { "tc1_2" },
}

column {
  table = "don_vi", key = "kinh_phi_dao_tao", label = "Bố trí đủ kinh phí đào tạo, bồi dưỡng",
  type = "yes_no",
  note = "Chỉ đơn vị công lập",
  needed_by = { "tc1_3" },
}

column {
  table = "don_vi", key = "trang_bi_chuyen_doi_so", label = "Triển khai chuyển đổi số, trang bị thiết bị",
  type = "yes_no",
  needed_by = { "tc1_4" },
}

column {
  table = "don_vi", key = "hoc_tap_suot_doi", label = "Tham gia hoạt động học tập suốt đời",
  type = "yes_no",
  needed_by = { "tc1_5" },
}

column {
  table = "don_vi", key = "chia_se_tri_thuc", label = "Tạo lập môi trường học tập, chia sẻ tri thức",
  type = "yes_no",
  needed_by = { "tc3_2" },
}

column {
  table = "don_vi", key = "xac_nhan_mam_non_tu_thuc", label = "Có xác nhận của cơ sở mầm non dân lập, tư thục",
  type = "yes_no",
  note = "Chỉ nhà trẻ, trường mẫu giáo, trường mầm non công lập",
  needed_by = { "tc3_2" },
}

column {
  table = "don_vi", key = "tap_the_ldtt", label = "Đạt \"Tập thể lao động tiên tiến\" trở lên",
  type = "yes_no",
  needed_by = { "tc3_3" },
}

column {
  table = "don_vi", key = "muc_chuyen_doi_so", label = "Mức độ chuyển đổi số (QĐ 4725)",
  type = "choice", default = "chua_dat",
  choices = {
    { id = "chua_dat", label = "Chưa đạt" },
    { id = "co_ban", label = "Mức đáp ứng cơ bản" },
    { id = "tot", label = "Mức đáp ứng tốt" },
  },
  note = "Chỉ cơ sở giáo dục phổ thông, cơ sở giáo dục đại học",
  needed_by = { "tc3_4" },
}

column {
  table = "don_vi", key = "kiem_dinh_gdnn", label = "Đạt kiểm định chất lượng GDNN",
  type = "yes_no",
  note = "Chỉ cơ sở giáo dục nghề nghiệp",
  needed_by = { "tc3_5" },
}

---------------------------------------------------------------------------
-- Minutes of the self-assessment meeting (optional, text only): printed by
-- "dvht bien-ban" / "dvht bao-cao" in the header and meeting block. They take
-- no part in the assessment; an empty cell prints as a dotted line.
-- Dates: 15/01/2025 (or a date cell); times: 14:00 15/01/2025 or 14 giờ 00 ngày 15/01/2025.
---------------------------------------------------------------------------

column {
  table = "don_vi", key = "co_quan_chu_quan", label = "Cơ quan chủ quản",
  type = "text", note = "In ở góc trái đầu biên bản",
}

column {
  table = "don_vi", key = "ngay_bien_ban", label = "Ngày lập biên bản",
  type = "text", note = "Ví dụ 15/01/2025",
}

column {
  table = "don_vi", key = "thoi_gian_hop", label = "Thời gian họp",
  type = "text", note = "Ví dụ 14:00 15/01/2025",
}

column {
  table = "don_vi", key = "dia_diem_hop", label = "Địa điểm họp",
  type = "text",
}

column {
  table = "don_vi", key = "chu_tri", label = "Chủ trì",
  type = "text", note = "Họ và tên người chủ trì",
}

column {
  table = "don_vi", key = "chuc_vu_chu_tri", label = "Chức vụ người chủ trì",
  type = "text",
}

column {
  table = "don_vi", key = "thu_ky", label = "Thư ký",
  type = "text", note = "Họ và tên thư ký",
}

column {
  table = "don_vi", key = "chuc_vu_thu_ky", label = "Chức vụ thư ký",
  type = "text",
}

column {
  table = "don_vi", key = "thanh_phan_khac", label = "Thành phần khác",
  type = "text",
}

column {
  table = "don_vi", key = "ket_thuc_hop", label = "Thời gian kết thúc",
  type = "text", note = "Ví dụ 16:30 15/01/2025",
}

column {
  table = "don_vi", key = "lanh_dao_don_vi", label = "Lãnh đạo đơn vị",
  type = "text", note = "Họ và tên, in dưới chữ ký",
}

---------------------------------------------------------------------------
-- Table "Thành viên": one row per member (optional).
-- When a unit has member rows, its totals and counts are computed from them:
-- staff (nguoi_hoc empty or "không") make up tong_thanh_vien,
-- learners (nguoi_hoc = "có") make up tong_nguoi_hoc.
-- A side without any member row (e.g. a school that lists its staff only)
-- keeps the numbers typed on the unit row.
-- role = "learner": the yes/no column that tells a learner from staff
-- counts:           unit column that a "có" adds 1 to, for staff
-- learner_counts:   unit column that a "có" adds 1 to, for learners
-- A new counted column needs only a column { ... } here (and the unit column it counts).
---------------------------------------------------------------------------

table_kind {
  id = "thanh_vien",
  label = "Thành viên",
  identify = { "ma_don_vi", "ho_ten" },
  staff_total = "tong_thanh_vien",
  learner_total = "tong_nguoi_hoc",
}

column {
  table = "thanh_vien", key = "ma_don_vi", label = "Mã đơn vị",
  type = "text", required = true, role = "code",
}

column {
  table = "thanh_vien", key = "ho_ten", label = "Họ và tên",
  type = "text", required = true,
}

column {
  table = "thanh_vien", key = "chuc_vu", label = "Chức vụ",
  type = "text",
}

column {
  table = "thanh_vien", key = "nguoi_hoc", label = "Người học",
  type = "yes_no", default = false, role = "learner",
}

column {
  table = "thanh_vien", key = "tuan_thu_ky_luat", label = "Tuân thủ kỷ luật, nội quy",
  type = "yes_no", counts = "tuan_thu_ky_luat",
}

column {
  table = "thanh_vien", key = "hoan_thanh_boi_duong", label = "Hoàn thành chương trình học tập, bồi dưỡng",
  type = "yes_no", counts = "hoan_thanh_boi_duong",
}

column {
  table = "thanh_vien", key = "chuyen_doi_so", label = "Được đào tạo, tham gia chuyển đổi số",
  type = "yes_no", counts = "chuyen_doi_so",
}

column {
  table = "thanh_vien", key = "ngoai_ngu", label = "Có chứng chỉ ngoại ngữ/tiếng dân tộc thiểu số",
  type = "yes_no", counts = "ngoai_ngu",
}

column {
  table = "thanh_vien", key = "lao_dong_tien_tien", label = "Đạt “Lao động tiên tiến” trở lên",
  type = "yes_no", counts = "lao_dong_tien_tien",
}

column {
  table = "thanh_vien", key = "cong_dan_hoc_tap", label = "Đạt “Công dân học tập”",
  type = "yes_no", counts = "cong_dan_hoc_tap", learner_counts = "nguoi_hoc_cdht",
}

---------------------------------------------------------------------------
-- Table "Minh chứng": evidence list (optional); fills the "Minh chứng" column of the minutes.
---------------------------------------------------------------------------

table_kind {
  id = "minh_chung",
  label = "Minh chứng",
  identify = { "ma_don_vi", "ma_minh_chung" },
}

column {
  table = "minh_chung", key = "ma_don_vi", label = "Mã đơn vị",
  type = "text", required = true, role = "code",
}

column {
  table = "minh_chung", key = "ma_minh_chung", label = "Mã minh chứng",
  type = "text", required = true,
  note = "TC1-01 … TC3-05",
}

column {
  table = "minh_chung", key = "ten_minh_chung", label = "Tên minh chứng",
  type = "text",
}

column {
  table = "minh_chung", key = "tep", label = "Tệp",
  type = "text",
}
