-- test_assess_rules.lua - table-driven checks of the bundled plan: exact
-- threshold arithmetic at the boundaries, every unit-type exception, the
-- roll-up and its counts; the points-based test plan; and a threshold edited
-- in a copy of the plan changing results with no rebuild.
local T = dofile("tests/lua/tap.lua")

local plan = dvht.load_plan("hanoi-2025")
local root = T.tmpdir()

-- A unit meeting everything at level 2; each case overrides some cells.
local BASE = {
  ma_don_vi = "U", ten_don_vi = "Đơn vị thử", loai_don_vi = "co_quan_nha_nuoc", cong_lap = "",
  tong_thanh_vien = 100, tuan_thu_ky_luat = 100, hoan_thanh_boi_duong = 100, chuyen_doi_so = 100,
  ngoai_ngu = 100, lao_dong_tien_tien = 100, cong_dan_hoc_tap = 100, tong_nguoi_hoc = "",
  nguoi_hoc_cdht = "", ke_hoach_hoc_tap = "có", che_do_dao_tao = "có", ho_tro_mam_non_tu_thuc = "",
  kinh_phi_dao_tao = "có", trang_bi_chuyen_doi_so = "có", hoc_tap_suot_doi = "có",
  chia_se_tri_thuc = "có", xac_nhan_mam_non_tu_thuc = "", tap_the_ldtt = "có",
  muc_chuyen_doi_so = "", kiem_dinh_gdnn = "",
}
local KEYS = {}
for k in pairs(BASE) do KEYS[#KEYS + 1] = k end
table.sort(KEYS)

-- name, overrides, expected { field = value } (ket_qua, indicator ids, counts)
local CASES = {
  { "all met: level 2", {}, { ket_qua = "muc_2", chi_tieu_dat = 13, chi_tieu_ap_dung = 13, tieu_chi_dat = 3, tieu_chi_ap_dung = 3 } },
  { "90/100 reaches M1", { tuan_thu_ky_luat = 90 }, { tc2_1 = "muc_1", ket_qua = "muc_1" } },
  { "89/100 fails", { tuan_thu_ky_luat = 89 }, { tc2_1 = "khong_dat", ket_qua = "khong_dat", tieu_chi_dat = 2, chi_tieu_dat = 12 } },
  { "95/100 reaches M2", { hoan_thanh_boi_duong = 95 }, { tc2_2 = "muc_2", ket_qua = "muc_2" } },
  { "94/100 stays M1", { hoan_thanh_boi_duong = 94 }, { tc2_2 = "muc_1" } },
  { "899/1000 fails (89.9 %)", { tong_thanh_vien = 1000, tuan_thu_ky_luat = 1000, hoan_thanh_boi_duong = 1000,
    chuyen_doi_so = 899, ngoai_ngu = 1000, lao_dong_tien_tien = 1000, cong_dan_hoc_tap = 1000 }, { tc2_3 = "khong_dat" } },
  { "900/1000 reaches M1", { tong_thanh_vien = 1000, tuan_thu_ky_luat = 1000, hoan_thanh_boi_duong = 1000,
    chuyen_doi_so = 900, ngoai_ngu = 1000, lao_dong_tien_tien = 1000, cong_dan_hoc_tap = 1000 }, { tc2_3 = "muc_1" } },
  { "949/1000 stays M1", { tong_thanh_vien = 1000, tuan_thu_ky_luat = 1000, hoan_thanh_boi_duong = 1000,
    chuyen_doi_so = 1000, ngoai_ngu = 1000, lao_dong_tien_tien = 949, cong_dan_hoc_tap = 1000 }, { tc2_5 = "muc_1" } },
  { "1 member, 1 yes", { tong_thanh_vien = 1, tuan_thu_ky_luat = 1, hoan_thanh_boi_duong = 1, chuyen_doi_so = 1,
    ngoai_ngu = 1, lao_dong_tien_tien = 1, cong_dan_hoc_tap = 1 }, { ket_qua = "muc_2" } },
  { "1 member, 0 yes", { tong_thanh_vien = 1, tuan_thu_ky_luat = 1, hoan_thanh_boi_duong = 1, chuyen_doi_so = 1,
    ngoai_ngu = 1, lao_dong_tien_tien = 0, cong_dan_hoc_tap = 1 }, { tc2_5 = "khong_dat", ket_qua = "khong_dat" } },
  { "3 members, 2 yes (66.7 %) passes TC2.4 M1", { tong_thanh_vien = 3, tuan_thu_ky_luat = 3, hoan_thanh_boi_duong = 3,
    chuyen_doi_so = 3, ngoai_ngu = 2, lao_dong_tien_tien = 3, cong_dan_hoc_tap = 3 }, { tc2_4 = "muc_1" } },
  { "TC2.4 50/100 = M1", { ngoai_ngu = 50 }, { tc2_4 = "muc_1" } },
  { "TC2.4 49/100 fails", { ngoai_ngu = 49 }, { tc2_4 = "khong_dat" } },
  { "TC2.4 70/100 = M2", { ngoai_ngu = 70 }, { tc2_4 = "muc_2" } },
  { "TC2.4 69/100 = M1", { ngoai_ngu = 69 }, { tc2_4 = "muc_1" } },
  { "economic organisation: TC2.4 and TC1.3 do not apply", { loai_don_vi = "to_chuc_kinh_te", ngoai_ngu = 0 },
    { tc2_4 = "khong_ap_dung", tc1_3 = "khong_ap_dung", ket_qua = "muc_2", chi_tieu_ap_dung = 11 } },
  { "economic organisation by label", { loai_don_vi = "TỔ CHỨC KINH TẾ" }, { tc2_4 = "khong_ap_dung" } },
  { "public economic organisation takes TC1.3", { loai_don_vi = "to_chuc_kinh_te", cong_lap = "có", kinh_phi_dao_tao = "không" },
    { tc1_3 = "khong_dat", ket_qua = "khong_dat" } },
  { "other type: not public by default", { loai_don_vi = "khac", kinh_phi_dao_tao = "" }, { tc1_3 = "khong_ap_dung", ket_qua = "muc_2" } },
  { "public service unit, cong_lap empty = yes", { loai_don_vi = "su_nghiep_cong_lap", kinh_phi_dao_tao = "" },
    { tc1_3 = "khong_dat" } },
  { "public service unit marked not public", { loai_don_vi = "su_nghiep_cong_lap", cong_lap = "không" },
    { tc1_3 = "khong_ap_dung", chi_tieu_ap_dung = 12 } },
  { "public preschool needs the extra TC1.2 and TC3.2 rows", { loai_don_vi = "mam_non_cong_lap" },
    { tc1_2 = "khong_dat", tc3_2 = "khong_dat", ket_qua = "khong_dat" } },
  { "public preschool with the extras", { loai_don_vi = "mam_non_cong_lap", ho_tro_mam_non_tu_thuc = "x",
    xac_nhan_mam_non_tu_thuc = "Đạt" }, { tc1_2 = "dat", tc3_2 = "dat", ket_qua = "muc_2" } },
  { "preschool counts members only for TC3.1", { loai_don_vi = "mam_non_cong_lap", ho_tro_mam_non_tu_thuc = "1",
    xac_nhan_mam_non_tu_thuc = "1", tong_nguoi_hoc = 100, nguoi_hoc_cdht = 0 }, { tc3_1 = "muc_2" } },
  { "school: learners 95/100 = M1", { loai_don_vi = "pho_thong", tong_nguoi_hoc = 100, nguoi_hoc_cdht = 95, muc_chuyen_doi_so = "tot" },
    { tc3_1 = "muc_1", tc3_4 = "muc_2", tc3_5 = "khong_ap_dung", ket_qua = "muc_1", chi_tieu_ap_dung = 14 } },
  { "school: learners 97/100 = M2", { loai_don_vi = "pho_thong", tong_nguoi_hoc = 100, nguoi_hoc_cdht = 97, muc_chuyen_doi_so = "Mức đáp ứng tốt" },
    { tc3_1 = "muc_2", ket_qua = "muc_2" } },
  { "school: learners 94/100 fails", { loai_don_vi = "pho_thong", tong_nguoi_hoc = 100, nguoi_hoc_cdht = 94, muc_chuyen_doi_so = "tot" },
    { tc3_1 = "khong_dat" } },
  { "school: members 89 % fail TC3.1 despite learners", { loai_don_vi = "pho_thong", cong_dan_hoc_tap = 89,
    tong_nguoi_hoc = 100, nguoi_hoc_cdht = 100, muc_chuyen_doi_so = "tot" }, { tc3_1 = "khong_dat" } },
  { "school: TC3.4 basic level = M1", { loai_don_vi = "pho_thong", tong_nguoi_hoc = 10, nguoi_hoc_cdht = 10, muc_chuyen_doi_so = "co_ban" },
    { tc3_4 = "muc_1", ket_qua = "muc_1" } },
  { "school: TC3.4 not reached", { loai_don_vi = "pho_thong", tong_nguoi_hoc = 10, nguoi_hoc_cdht = 10, muc_chuyen_doi_so = "" },
    { tc3_4 = "khong_dat", ket_qua = "khong_dat" } },
  { "school without learners is a data error", { loai_don_vi = "pho_thong", muc_chuyen_doi_so = "tot" }, { ket_qua = "loi" } },
  { "university takes TC3.4", { loai_don_vi = "dai_hoc", tong_nguoi_hoc = 5000, nguoi_hoc_cdht = 4850, muc_chuyen_doi_so = "tot" },
    { tc3_4 = "muc_2", tc3_1 = "muc_2", tc3_5 = "khong_ap_dung" } },
  { "vocational: TC3.5 only, not TC3.4", { loai_don_vi = "giao_duc_nghe_nghiep", tong_nguoi_hoc = 100, nguoi_hoc_cdht = 97,
    kiem_dinh_gdnn = "không", muc_chuyen_doi_so = "tot" }, { tc3_4 = "khong_ap_dung", tc3_5 = "khong_dat", ket_qua = "khong_dat" } },
  { "vocational accredited", { loai_don_vi = "giao_duc_nghe_nghiep", tong_nguoi_hoc = 100, nguoi_hoc_cdht = 97, kiem_dinh_gdnn = "yes" },
    { tc3_5 = "dat", ket_qua = "muc_2" } },
  { "state agency: TC3.4/TC3.5 do not apply", { muc_chuyen_doi_so = "chua_dat", kiem_dinh_gdnn = "không" },
    { tc3_4 = "khong_ap_dung", tc3_5 = "khong_ap_dung", ket_qua = "muc_2" } },
  { "yes/no failure fails the criterion", { hoc_tap_suot_doi = "" }, { tc1_5 = "khong_dat", tieu_chi_dat = 2, ket_qua = "khong_dat" } },
  { "count above total", { ngoai_ngu = 101 }, { ket_qua = "loi" } },
  { "negative count", { ngoai_ngu = -1 }, { ket_qua = "loi" } },
  { "non-integer count", { ngoai_ngu = "50.5" }, { ket_qua = "loi" } },
  { "integral decimal count", { ngoai_ngu = "50.0" }, { tc2_4 = "muc_1" } },
  { "bad yes/no", { tap_the_ldtt = "chưa rõ" }, { ket_qua = "loi" } },
  { "unknown unit type", { loai_don_vi = "hop_tac_xa" }, { ket_qua = "loi" } },
  { "zero members", { tong_thanh_vien = 0, tuan_thu_ky_luat = 0, hoan_thanh_boi_duong = 0, chuyen_doi_so = 0,
    ngoai_ngu = 0, lao_dong_tien_tien = 0, cong_dan_hoc_tap = 0 }, { ket_qua = "loi" } },
}

local function csv_cell(v)
  v = tostring(v)
  if v:find('[,"\n]') then return '"' .. v:gsub('"', '""') .. '"' end
  return v
end

-- Writes all cases as one units CSV (one row each, codes C1, C2, ...).
local lines = { table.concat(KEYS, ",") }
for i, c in ipairs(CASES) do
  local row = {}
  for _, k in ipairs(KEYS) do
    local v = c[2][k]
    if v == nil then v = BASE[k] end
    if k == "ma_don_vi" then v = "C" .. i end
    row[#row + 1] = csv_cell(v)
  end
  lines[#lines + 1] = table.concat(row, ",")
end
local csv = root .. "/cases.csv"
T.write(csv, table.concat(lines, "\n") .. "\n")

local function results_by_code(p, file)
  local outs = dvht.assess(p, dvht.read(p, { file }))
  local by = {}
  for _, o in ipairs(outs) do
    local r = { ket_qua = o.result }
    for id, ind in pairs(o.indicators or {}) do r[id] = ind.value end
    if o.counts then
      r.chi_tieu_dat, r.chi_tieu_ap_dung = o.counts.ind_met, o.counts.ind_app
      r.tieu_chi_dat, r.tieu_chi_ap_dung = o.counts.crit_met, o.counts.crit_app
    end
    by[o.rec.code] = r
  end
  return by
end

local got = results_by_code(plan, csv)
for i, c in ipairs(CASES) do
  local r = got["C" .. i] or {}
  local diffs = {}
  local keys = {}
  for k in pairs(c[3]) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do
    if r[k] ~= c[3][k] then diffs[#diffs + 1] = ("%s = %s, want %s"):format(k, tostring(r[k]), tostring(c[3][k])) end
  end
  T.ok(#diffs == 0, c[1], table.concat(diffs, "; "))
end

-- A threshold edited in a copy of the plan changes results, no rebuild.
do
  local copy = root .. "/plan-copy"
  assert(os.execute(("cp -r rules/hanoi-2025 '%s'"):format(copy)))
  local f = assert(io.open(copy .. "/criterion_2.lua", "rb"))
  local text = f:read("a")
  f:close()
  local edited, n = text:gsub('"tuan_thu_ky_luat", of = "tong_thanh_vien", muc_1 = 90', '"tuan_thu_ky_luat", of = "tong_thanh_vien", muc_1 = 85')
  T.eq(n, 1, "threshold edit applied to the copy")
  T.write(copy .. "/criterion_2.lua", edited)
  local csv2 = root .. "/edge.csv"
  T.write(csv2, table.concat(KEYS, ",") .. "\n" .. (function()
    local row = {}
    for _, k in ipairs(KEYS) do
      local v = BASE[k]
      if k == "tuan_thu_ky_luat" then v = 86 end
      row[#row + 1] = csv_cell(v)
    end
    return table.concat(row, ",")
  end)() .. "\n")
  T.eq(results_by_code(plan, csv2).U.tc2_1, "khong_dat", "86/100 fails TC2.1 with the bundled plan")
  T.eq(results_by_code(dvht.load_plan(copy), csv2).U.tc2_1, "muc_1", "86/100 reaches M1 once M1 is 85 % in the copy")
end

-- The points-based plan (2015 style): same engine, no C change.
do
  local pts = dvht.load_plan("tests/plans/points-2015")
  local p = root .. "/points.csv"
  T.write(p, table.concat({
    "ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien,cong_dan_hoc_tap,ke_hoach_hoc_tap,kinh_phi_dao_tao,hoc_tap_suot_doi,tap_the_ldtt",
    "P100,Đủ điểm,co_quan_nha_nuoc,10,8,có,có,có,có",
    "P80,Thiếu một chỉ tiêu,co_quan_nha_nuoc,10,8,có,không,có,có",
    "P60,Thiếu hai chỉ tiêu,co_quan_nha_nuoc,10,7,có,không,có,có",
  }, "\n") .. "\n")
  local r = results_by_code(pts, p)
  T.eq(r.P100 and r.P100.ket_qua, "dat", "points plan: 100 points = Đạt")
  T.eq(r.P80 and r.P80.ket_qua, "dat", "points plan: 80 points = Đạt")
  T.eq(r.P60 and r.P60.ket_qua, "khong_dat", "points plan: 60 points = Không đạt")
  T.eq(r.P60 and r.P60.tc2_1, "khong_dat", "points plan: 7/10 below 80 % fails")
end

-- Typed values are remembered per column (10,000 spellings, then the memo
-- starts afresh): reading stays exact past the renewal, with the unit type
-- spelled three ways and a required cell empty on some rows.
do
  local p = root .. "/many-values.csv"
  local lines = { "ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien,tuan_thu_ky_luat" }
  local spell = { "co_quan_nha_nuoc", "Cơ quan nhà nước", "CƠ QUAN NHÀ NƯỚC" }
  for i = 1, 12500 do
    local name = i % 500 == 0 and "" or ("Đơn vị " .. i)
    lines[#lines + 1] = ("M%05d,%s,%s,%d,%d"):format(i, name, spell[i % 3 + 1], 20000 + i, 10000 + i)
  end
  T.write(p, table.concat(lines, "\n") .. "\n")
  local data = dvht.read(plan, { p })
  local bad = 0
  for i, rec in ipairs(data.units) do
    local v = rec.values
    local want_name = i % 500 == 0 and "" or ("Đơn vị " .. i)
    if v.tong_thanh_vien ~= 20000 + i or v.tuan_thu_ky_luat ~= 10000 + i or rec.code ~= ("M%05d"):format(i)
      or rec.name ~= want_name or v.loai_don_vi ~= "co_quan_nha_nuoc"
      or not rec.typed_present.tong_thanh_vien or (#rec.errors > 0) ~= (i % 500 == 0) then
      bad = bad + 1
    end
  end
  T.eq(#data.units, 12500, "12,500 rows read")
  T.eq(bad, 0, "every row typed exactly across the memo renewal (10,000 spellings)")
end

-- Rosters in several files: a unit's rows are summed over them (with a
-- warning), codes without a unit are reported in the order of the first
-- roster listing them, then by code.
do
  local dir = root .. "/multi-roster"
  os.execute("mkdir -p '" .. dir .. "'")
  T.write(dir .. "/a-don-vi.csv", "ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien,tuan_thu_ky_luat\n"
    .. "A1,Đơn vị A,co_quan_nha_nuoc,,\nB1,Đơn vị B,co_quan_nha_nuoc,5,9\n")
  local head = "ma_don_vi,ho_ten,nguoi_hoc,tuan_thu_ky_luat\n"
  T.write(dir .. "/b-thanh-vien.csv", head .. "A1,Một,,x\nA1,Hai,,\nZ9,Ba,,x\nY8,Bốn,,x\n")
  T.write(dir .. "/c-thanh-vien.csv", head .. "A1,Năm,,x\nY8,Sáu,,\nX7,Bảy,,x\n")
  local data = dvht.read(plan, { dir })
  local a = data.units[1].values
  T.eq(a.tong_thanh_vien, 3, "a unit's roster rows are summed over two files")
  T.eq(a.tuan_thu_ky_luat, 2, "and so are its yes/no counts")
  local b = data.units[2].values
  T.eq(b.tong_thanh_vien, 5, "a unit with no roster keeps its typed numbers")
  T.eq(#data.units[2].errors, 1, "and, a count above its total, is an error")
  local msgs = {}
  for _, p in ipairs(data.problems) do
    if p.message:find("nhiều bảng") or p.message:find("không có đơn vị nào mang mã") then
      msgs[#msgs + 1] = (p.unit or "?") .. ":" .. (p.message:match("có (%d+) người") or "nhiều")
    end
  end
  T.eq(table.concat(msgs, " "), "A1:nhiều Y8:2 Z9:1 X7:1", "roster problems: summed unit, then unknown codes by first roster and code")
end

-- The collector, paused while reading and assessing, runs again however
-- they end, even when an error ends the coroutine they ran in.
do
  local co = coroutine.create(function() return dvht.assess(plan, {}) end)
  local ok = coroutine.resume(co)
  T.ok(not ok, "a failing assessment inside a coroutine fails")
  T.ok(collectgarbage("isrunning"), "the collector runs again after it")
  co = coroutine.create(function() return dvht.read(plan, { {} }) end)
  ok = coroutine.resume(co)
  T.ok(not ok and collectgarbage("isrunning"), "and after a failing read inside a coroutine")
  local data = dvht.read(plan, { "examples/quan-mau/don-vi.csv" })
  T.ok(data and collectgarbage("isrunning"), "and after a read that works")
end

-- A failure inside the compiled evaluation of built-in measures still names
-- the indicator being evaluated (the general loop runs the unit again).
do
  local assess = require "dvht.assess"
  local input = require "dvht.input"
  local rec = input.unit_from_values(plan, { ma_don_vi = "S1", ten_don_vi = "X", loai_don_vi = "khac",
    tong_thanh_vien = "10", tuan_thu_ky_luat = "5" })
  local ok = assess.unit(plan, rec, {})
  T.eq(ok and ok.result, "khong_dat", "a typed unit is assessed")
  rec.values.tuan_thu_ky_luat = "năm" -- a value of the wrong type behind the reader's back
  local out, err = assess.unit(plan, rec, {})
  T.ok(out == nil, "a failing evaluation returns no outcome")
  T.contains(err, { "TC2.1", "tc2_1", "criterion_2.lua:", "S1" }, "the failure names the indicator, its file:line and the unit")
end

os.execute("rm -rf '" .. root .. "'")
return T.done()
