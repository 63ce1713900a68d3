-- Planted mistakes: fields of the wrong type (a minimum written as text, a
-- default that does not fit its column, a list holding a table, a number
-- written as text), a text that is not UTF-8 (written with \ddd codes) and an
-- indicator id that is a column of the results CSV.
inherit "hanoi-2025"
plan { id = "broken-gia-tri", name = { "Bộ tiêu chí" } }
change "tong_thanh_vien" { min = "1" }
change "ngoai_ngu" { default = -1 }
change "khac" { defaults = { cong_lap = "không" } }
change "co_quan_nha_nuoc" { aliases = { "Cơ quan", { "UBND" } } }
change "tc2_4" { number = "4" }
change "tc1" { title = "Ti\234u ch\237 1" }
indicator { id = "ket_qua", criterion = "tc1", number = 9, text = "Có", evidence = "TC1-09", measure = yes_no "cong_lap" }
