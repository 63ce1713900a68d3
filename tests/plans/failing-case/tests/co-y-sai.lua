-- Two cases: the first is right, the second is wrong on purpose
-- (55 % reaches Mức độ 1 of TC2.4 in 2025, not "khong_dat").
return {
  { name = "55% là mức 1",
    unit = { loai_don_vi = "co_quan_nha_nuoc", tong_thanh_vien = 100, ngoai_ngu = 55 },
    expect = { tc2_4 = "muc_1" } },
  { name = "cố ý sai",
    unit = { loai_don_vi = "co_quan_nha_nuoc", tong_thanh_vien = 100, ngoai_ngu = 55 },
    expect = { tc2_4 = "khong_dat", ket_qua = "khong_dat" } },
}
