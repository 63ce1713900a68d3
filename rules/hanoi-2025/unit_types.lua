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
