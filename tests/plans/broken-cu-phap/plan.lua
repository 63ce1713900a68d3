-- Planted mistakes: a missing comma in one file, a missing "}" in another.
-- Both are reported: dvht check does not stop at the first one.
inherit "hanoi-2025"
plan { id = "broken-cu-phap" }
include "thieu-dau-phay.lua"
include "thieu-ngoac.lua"
