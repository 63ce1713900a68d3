-- Planted mistake (warning): "cấp quận" appears in no text of the plan, so
-- the replacement does nothing (the texts say "cấp huyện").
inherit "hanoi-2025"
plan { id = "broken-thay-chu" }
replace_text { ["Đơn vị cấp quận"] = "Đơn vị cấp xã/phường" }
