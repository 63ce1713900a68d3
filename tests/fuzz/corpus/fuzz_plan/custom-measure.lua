inherit "hanoi-2025"
change "tc3_3" {
  measure = function(u)
    local n = 0
    for k, v in pairs(u) do if v == true then n = n + 1 end end
    return n > 5 and 2 or (n > 2 and 1 or 0)
  end,
  applies = function(u) return u.tong_thanh_vien > 0, "không có thành viên" end,
}
