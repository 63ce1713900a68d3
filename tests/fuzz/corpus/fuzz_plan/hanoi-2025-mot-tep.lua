-- Bundled plan: Hà Nội, year 2025.
-- Entry point. The other files are read in the order of the include lines below.
-- A new year's plan: copy this folder, then change id, name, year and dates here.

plan {
  id = "hanoi-2025",
  name = "Bộ tiêu chí đánh giá, xếp loại “Đơn vị học tập” năm 2025",
  year = 2025,
  valid_from = "2025-01-01",
  valid_to = "2025-12-31",
  place = "Hà Nội",
  issuer = "Ủy ban nhân dân thành phố Hà Nội",

  -- Number of the city's plan, shown in the minutes; keep the dots until it is known.
  plan_ref = "……/KH-UBND",

  -- Documents the form cites (copied from the form; some spaces are no-break spaces).
  legal_basis = {
    "Quyết định số 324/QĐ-KHVN ngày 25/10/2023 của Ban chấp hành Trung ương Hội Khuyến học Việt Nam",
    "Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022 của Bộ trưởng Bộ Giáo dục và Đào tạo",
    "Luật Thi đua, Khen thưởng số 06/2022/QH15",
  },

  -- Overall results of a unit, lowest first. The ids are the ket_qua codes of the result CSV.
  results = {
    { id = "khong_dat", label = "Không đạt" },
    { id = "muc_1", label = "Đạt mức độ 1" },
    { id = "muc_2", label = "Đạt mức độ 2" },
  },

  -- Levels an indicator can reach, lowest first (level 0 = not met).
  -- The threshold names muc_1 / muc_2 in the criterion files refer to these ids.
  levels = {
    { id = "muc_1", label = "Mức độ 1" },
    { id = "muc_2", label = "Mức độ 2" },
  },

  -- Cell values read as yes / no in yes/no columns (any case).
  -- An empty cell is "no", except in a column that has a default.
  yes_words = { "có", "x", "1", "đạt", "yes", "true" },
  no_words = { "không", "0", "không đạt", "no", "false", "" },

  -- An indicator that is met while the unit has no evidence under its code
  -- (table "Minh chứng" or --evidence folder), when evidence is given at all:
  --   "canh_bao"  a warning in "Lỗi dữ liệu", the result stays (default)
  --   "khong_dat" the indicator counts as not met, the result is rolled up again
  --   "loi"       the unit is a data error ("Lỗi dữ liệu") until the evidence is added
  evidence_policy = "canh_bao",
}

-- Kinds of unit (Loại đơn vị). The id is the code typed in the column loai_don_vi;
-- the label (or an alias) may be typed instead.
-- groups: names used by for_types / only_types in the criterion files.
-- defaults: values of unit columns when the cell is empty, for this kind only.

unit_type {
  id = "co_quan_nha_nuoc",
  label = "Cơ quan nhà nước",
}

unit_type {
  id = "su_nghiep_cong_lap",
  label = "Đơn vị sự nghiệp công lập",
}

-- Public preschools: extra rows of TC1.2 and TC3.2 (counts members only in TC3.1).
unit_type {
  id = "mam_non_cong_lap",
  label = "Nhà trẻ, trường mẫu giáo, trường mầm non công lập",
  aliases = { "Nhà trẻ công lập", "Trường mẫu giáo công lập", "Trường mầm non công lập" },
}

-- Education institutions (group co_so_giao_duc): TC3.1 also counts learners.
unit_type {
  id = "pho_thong",
  label = "Cơ sở giáo dục phổ thông",
  groups = { "co_so_giao_duc" },
  aliases = { "Trường tiểu học", "Trường THCS", "Trường THPT" },
}

unit_type {
  id = "dai_hoc",
  label = "Cơ sở giáo dục đại học",
  groups = { "co_so_giao_duc" },
  aliases = { "Trường đại học" },
}

unit_type {
  id = "giao_duc_nghe_nghiep",
  label = "Cơ sở giáo dục nghề nghiệp",
  groups = { "co_so_giao_duc" },
  aliases = { "Trường cao đẳng", "Trường trung cấp" },
}

-- Economic organisations: not public unless the cell says so; TC2.4 does not apply.
unit_type {
  id = "to_chuc_kinh_te",
  label = "Tổ chức kinh tế",
  defaults = { cong_lap = false },
  aliases = { "Doanh nghiệp" },
}

unit_type {
  id = "khac",
  label = "Khác",
  defaults = { cong_lap = false },
}
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
-- How indicator results add up to a criterion and to the unit's overall result.
-- This is the policy of this plan; an office may change it here.
--
-- Indicators that do not apply to a unit ("Không áp dụng") never reach these
-- functions: they are left out of every count and percentage.
-- Levels are numbers: 0 = not met, 1 = Mức độ 1, 2 = Mức độ 2 (plan.lua, levels).
-- A yes/no indicator that is met gets the highest level (2): it reaches every level.

local TOP_LEVEL = 2  -- Mức độ 2, the last entry of levels in plan.lua

rollup {
  -- Called once per criterion.
  -- c.indicators: the applicable indicators of the criterion, each with
  --   id, level (0 … 2), met (true/false), kind ("yes_no", "percent", "ordinal", …)
  -- Returns: met (true/false), level (0 … 2).
  criterion = function(c)
    local lowest = nil
    for _, ind in ipairs(c.indicators) do
      -- the criterion's level is the lowest level among its indicators
      if lowest == nil or ind.level < lowest then
        lowest = ind.level
      end
    end
    lowest = lowest or 0
    -- "Đạt" when every indicator is met, i.e. the lowest one reaches at least Mức độ 1
    return lowest >= 1, lowest
  end,

  -- Called once per unit.
  -- u.criteria:   the criteria, each with id, met, level, applicable (true/false)
  -- u.indicators: the applicable indicators, as above
  -- Returns: an id of results in plan.lua ("khong_dat", "muc_1" or "muc_2").
  unit = function(u)
    -- any applicable criterion not met: Không đạt
    for _, crit in ipairs(u.criteria) do
      if crit.applicable ~= false and not crit.met then
        return "khong_dat"
      end
    end
    -- any applicable indicator below Mức độ 2: Đạt mức độ 1
    for _, ind in ipairs(u.indicators) do
      if ind.level < TOP_LEVEL then
        return "muc_1"
      end
    end
    -- every applicable indicator reaches Mức độ 2: Đạt mức độ 2
    return "muc_2"
  end,
}
