-- Test plan: the bundled plan plus one counted column, declared in Lua
-- only (a unit count and the member yes/no column that adds up to it).
inherit "hanoi-2025"

plan {
  id = "them-cot-thanh-vien",
}

column {
  table = "don_vi", key = "tinh_nguyen", label = "Số thành viên tham gia hoạt động tình nguyện",
  type = "count", default = 0, total = "tong_thanh_vien",
}

column {
  table = "thanh_vien", key = "tham_gia_tinh_nguyen", label = "Tham gia hoạt động tình nguyện",
  type = "yes_no", counts = "tinh_nguyen",
}
