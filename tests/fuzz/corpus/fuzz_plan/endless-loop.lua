inherit "hanoi-2025"
change "tc1_1" { measure = function(u) while true do end end }
