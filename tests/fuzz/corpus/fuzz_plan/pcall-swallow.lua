inherit "hanoi-2025"
rollup {
  criterion = function(c) local ok = pcall(function() while true do end end) return true, 2 end,
  unit = function(u) while not pcall(error) do end return "muc_2" end,
}
