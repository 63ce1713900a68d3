-- test_whatif_api.lua - the comparison of `dvht diff` on crafted cases (a
-- unit in error on one side, units on one side only, repeated codes), the
-- --set overrides, the exact "members needed" arithmetic against a brute
-- force search, and the scripting API's readers and writers.
local T = dofile("tests/lua/tap.lua")
local whatif = require "dvht.whatif"
local overrides = require "dvht.overrides"

local root = T.tmpdir()
local plan = dvht.load_plan("hanoi-2025")

-- overrides ------------------------------------------------------------------
do
  local o = overrides.parse("tc3_1.nguoi_hoc_cdht.muc_1=96,5")
  T.ok(o and o.indicator == "tc3_1" and o.part == "nguoi_hoc_cdht" and o.field == "muc_1" and o.value == 96.5,
    "--set with a column and a decimal comma is parsed")
  T.eq(overrides.parse("tc3_4.muc_1=tot").value, "tot", "--set keeps a choice id as text")
  for _, bad in ipairs { "tc2_4", "tc2_4=60", "=60", "tc2_4.muc_1=", "a.b.c.d=1", "tc 2.muc_1=1" } do
    T.ok(overrides.parse(bad) == nil, "--set \"" .. bad .. "\" is refused")
  end
  local p = dvht.load_plan("hanoi-2025", { set = { "tc2_4.muc_1=60", "tc3_1.nguoi_hoc_cdht.muc_2=98" } })
  T.eq(p.indicator_by_id.tc2_4.m.parts[1].thresholds[1], 60, "override reaches the compiled threshold")
  T.eq(p.indicator_by_id.tc3_1.m.parts[2].thresholds[2], 98, "override of a named part")
  T.eq(p.indicator_by_id.tc3_1.m.parts[1].thresholds[2], 95, "the other part keeps its threshold")
  T.eq(plan.indicator_by_id.tc2_4.m.parts[1].thresholds[1], 50, "a plan loaded before is not touched")
  local ok, err = pcall(dvht.load_plan, "hanoi-2025", { set = { "tc2_4.muc_1=abc" } })
  T.ok(not ok and tostring(err):find("--set tc2_4.muc_1=abc", 1, true), "a bad value names the --set", err)
end

-- comparison -------------------------------------------------------------------
local HEADER = "ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien,tuan_thu_ky_luat,hoan_thanh_boi_duong,"
  .. "chuyen_doi_so,ngoai_ngu,lao_dong_tien_tien,cong_dan_hoc_tap,ke_hoach_hoc_tap,che_do_dao_tao,"
  .. "kinh_phi_dao_tao,trang_bi_chuyen_doi_so,hoc_tap_suot_doi,chia_se_tri_thuc,tap_the_ldtt\n"
local function unit(code, ngoai_ngu, tuan_thu)
  return ("%s,Đơn vị %s,co_quan_nha_nuoc,100,%s,100,100,%s,100,100,có,có,có,có,có,có,có\n")
    :format(code, code, tuan_thu or 100, ngoai_ngu)
end
local data_a = root .. "/a.csv"
T.write(data_a, HEADER .. unit("U1", 55) .. unit("U2", 75) .. unit("U3", 70, 94) .. unit("U1", 90)
  .. unit("U4", "x") .. unit("U5", 65))
local A = plan
local B = dvht.load_plan("hanoi-2025", { set = { "tc2_4.muc_1=60", "tc2_4.muc_2=65", "tc2_1.muc_2=94" } })
local outA = dvht.evaluate(A, data_a)
local outB = dvht.evaluate(B, data_a)
local cmp = dvht.compare(A, outA, B, outB)
local by = {}
for _, r in ipairs(cmp.rows) do by[r.code .. "#" .. (by[r.code .. "#1"] and 2 or 1)] = r end
T.eq(by["U1#1"].dir, "giam", "U1 at 55 % falls below the new 60 %")
T.eq(by["U1#1"].changes[1] and whatif.change_text(by["U1#1"].changes[1]), "TC2.4: muc_1 → khong_dat (55,0%)",
  "the indicator responsible, with its percentage")
T.eq(by["U2#1"].dir, "giu_nguyen", "U2 stays at level 2")
T.eq(by["U3#1"].dir, "tang", "U3 rises: TC2.1 at 94 % reaches the new M2")
T.eq(by["U1#2"].dir, "giu_nguyen", "the repeated U1 row is matched with its own row (in error on both sides)")
T.eq(by["U1#2"].a, "loi", "the repeated code is in error")
T.eq(by["U5#1"].dir, "tang", "U5 at 65 % rises to M2 when M2 is 65 %")
T.eq(cmp.counts.total, 6, "every row compared")
T.eq(cmp.matrix.loi.loi, 2, "the matrix counts both units in error")

-- a unit in error on one side only, and units present on one side only
local outB2 = {}
for i, o in ipairs(outB) do outB2[i] = o end
outB2[2] = { rec = outB[2].rec, result = "loi" }
table.remove(outB2, 6)
local extra = { rec = { code = "U9", name = "Đơn vị U9", values = {} }, result = "muc_1" }
outB2[#outB2 + 1] = extra
local cmp2 = dvht.compare(A, outA, B, outB2)
local dirs = {}
for _, r in ipairs(cmp2.rows) do dirs[r.code] = r.dir end
T.eq(dirs.U2, "khong_so_sanh", "error on one side only: not comparable")
T.eq(dirs.U5, "khong_so_sanh", "unit missing under B: not comparable")
T.eq(dirs.U9, "khong_so_sanh", "unit only under B: listed, not comparable")
T.eq(cmp2.counts.total, 7, "units of both sides listed once")
T.eq(cmp2.matrix[""] and cmp2.matrix[""].muc_1, 1, "the matrix has a row for units missing under A")

-- the CSV of diff
local rows = whatif.csv_rows(cmp)
T.eq(table.concat(rows[1], "|"), "U1|muc_1|khong_dat|giam|tc2_4:muc_1>khong_dat", "diff CSV row")

-- schema fingerprint: equal for the same plan, different when a column changes
T.ok(whatif.schema_key(A) == whatif.schema_key(B), "overrides keep the input schema (read once)")
local copy = root .. "/plan"
dvht.mkdir(copy)
for _, f in ipairs(dvht.files(plan.dir, "lua")) do
  local src = assert(io.open(plan.dir .. "/" .. f, "rb")):read("a")
  if f == "schema.lua" then src = src:gsub('label = "Tổng số thành viên"', 'label = "Tổng số cán bộ"', 1) end
  T.write(copy .. "/" .. f, src)
end
T.ok(whatif.schema_key(A) ~= whatif.schema_key(dvht.load_plan(copy)), "a relabelled column changes the schema key")

-- members needed ------------------------------------------------------------------
local function brute(count, total, t)
  for k = 0, total - count do
    if (count + k) * 10000 >= math.floor(t * 100 + 0.5) * total then return k end
  end
  return nil
end
local bad = {}
for _, t in ipairs { 0, 1, 33.33, 50, 52.5, 66.67, 90, 95, 97, 99.99, 100 } do
  for total = 1, 60 do
    for count = 0, total do
      local got, want = dvht.members_needed(count, total, t), brute(count, total, t)
      if got ~= want then bad[#bad + 1] = ("%d/%d at %s: %s, want %s"):format(count, total, t, tostring(got), tostring(want)) end
    end
  end
end
T.ok(#bad == 0, "members_needed equals a brute-force search (11 thresholds, totals 1..60)", bad[1])
T.eq(dvht.members_needed(1139, 1200, 95), 1, "1139/1200 needs 1 more for 95 %")
T.eq(dvht.members_needed(0, 3, 100), 3, "100 % of 3 from none needs 3")

-- readers and writers -----------------------------------------------------------
local csvp = root .. "/x.csv"
dvht.write_csv(csvp, { "a", "b", "c" }, { { "1", "có, không", 'nói "x"' }, { a = "k", c = 3 } })
local text = assert(io.open(csvp, "rb")):read("a")
T.eq(text, 'a,b,c\n1,"có, không","nói ""x"""\nk,,3\n', "write_csv quotes as RFC 4180, keyed rows follow the header")
local t = dvht.read_table(csvp)
T.ok(t.rows[1].b == "có, không" and t.rows[1].c == 'nói "x"' and t.rows[2].c == "3", "read_table reads it back")
T.write(root .. "/semi.csv", "\239\187\191ma_don_vi;ket_qua;tc2_4\r\nX-1;muc_1;muc_1\r\nX-1;loi;\r\nX-2;muc_2;muc_2\r\n")
local r = dvht.read_results(root .. "/semi.csv")
T.ok(#r.rows == 3 and r.by_code["X-1"].ket_qua == "muc_1" and r.by_code["X-2"].tc2_4 == "muc_2",
  "read_results: BOM, semicolons, CRLF; by_code keeps the first row of a code")
T.write(root .. "/not-results.csv", "ma_don_vi,ten_don_vi\nA,B\n")
local ok, err = pcall(dvht.read_results, root .. "/not-results.csv")
T.ok(not ok and tostring(err):find("ket_qua", 1, true), "read_results refuses a file without ket_qua", err)
local wb = root .. "/t.xlsx"
dvht.write_workbook(wb, { { name = "Trang 1", title = "Tiêu đề", header = { "A", "B" }, rows = { { 1, "x" }, { A = 2 } } },
  { name = "Trang 2", rows = { { "chỉ dữ liệu" } } } })
local back = dvht.read_table(wb)
T.ok(dvht.lfs.attributes(wb, "size") > 0, "write_workbook writes a workbook")
T.ok(back.header[1] == "Tiêu đề", "write_workbook: the title is the first row", back.header[1])
dvht.mkdir(root .. "/d/e/f")
T.eq(dvht.lfs.attributes(root .. "/d/e/f", "mode"), "directory", "mkdir makes the parents")
T.write(root .. "/d/B.CSV", "")
T.write(root .. "/d/a.csv", "")
T.write(root .. "/d/c.txt", "")
T.eq(table.concat(dvht.files(root .. "/d", "csv"), ","), "B.CSV,a.csv", "files filters by extension, any case, sorted")
T.eq(table.concat(dvht.dirs(root .. "/d"), ","), "e", "dirs lists sub-folders")
T.eq(dvht.next_result(plan, "muc_1").id, "muc_2", "next_result")
T.eq(dvht.next_result(plan, "muc_2"), nil, "no result above the highest")

-- core.write_file with pieces: written as table.concat would join them
do
  local core = require "dvht.core"
  local function read(path)
    local f = assert(io.open(path, "rb"))
    local t = f:read("a")
    f:close()
    return t
  end
  local big = {}
  for i = 1, 20000 do big[i] = ("dòng %d;%s"):format(i, ("x"):rep(i % 97)) end
  big[#big + 1] = ("y"):rep(70000) -- longer than the write buffer
  big[#big + 1] = ""
  T.ok(core.write_file(root .. "/pieces.csv", big, "\r\n"), "write_file takes an array of pieces")
  T.ok(read(root .. "/pieces.csv") == table.concat(big, "\r\n"), "the pieces are joined as table.concat joins them")
  T.ok(core.write_file(root .. "/one.txt", { "a" }), "one piece, no separator")
  T.eq(read(root .. "/one.txt"), "a", "one piece is written as it is")
  T.ok(core.write_file(root .. "/none.txt", {}, ","), "no piece")
  T.eq(read(root .. "/none.txt"), "", "no piece gives an empty file")
  local ok, err = pcall(core.write_file, root .. "/bad.txt", { "a", 1 })
  T.ok(not ok and tostring(err):find("phần 2", 1, true), "a piece that is not a string is refused", err)
  T.ok(io.open(root .. "/bad.txt") == nil, "nothing is written then")
  local full = "/dev/full"
  if io.open(full, "wb") then
    local done, why = core.write_file(full, big, "\n")
    T.ok(not done and tostring(why):find("đầy", 1, true), "a full disk is reported", why)
  end
end

os.execute("rm -rf '" .. root .. "'")
return T.done()
