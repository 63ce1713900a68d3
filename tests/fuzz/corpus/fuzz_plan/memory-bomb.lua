inherit "hanoi-2025"
change "tc1_2" { measure = function(u) local t = {} for i = 1, 1e9 do t[i] = string.rep("x", 1000) .. i end return 0 end }
