-- Work in C that the step budget cannot see: each is priced before it runs.
inherit "hanoi-2025"
plan { id = "bombs-in-c" }
local s = ("a"):rep(60)
local ok1 = pcall(string.find, s, ".-.-.-.-.-.-.-.-.-.-.-.-x")
local ok2 = pcall(string.gsub, s, "a*a*a*a*a*b", "")
local ok3 = pcall(string.rep, "", 1e15)
local ok4 = pcall(table.move, {}, 1, math.maxinteger - 1, 2)
local t = {}
for i = 1, 100 do t[i] = s end
local ok5 = pcall(table.sort, t)
change "tc1_1" { measure = function(u) return (tostring(u.ten_don_vi):find("^%s*(.-)%s*$")) and 2 or 0 end }
