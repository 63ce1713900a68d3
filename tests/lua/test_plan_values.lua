-- test_plan_values.lua - a mistake in a value a plan gives (a threshold, a
-- default, a field of the wrong type, a text that is not UTF-8, an id) is a
-- plan error at the plan's file:line, both when the plan is loaded and in
-- `dvht check`; never an error inside the engine.
local T = dofile("tests/lua/tap.lua")
local P = dofile("tests/lua/plan_dirs.lua")
local planlib = require "dvht.plan"
local plan_check = require "dvht.plan_check"

local root = T.tmpdir()

-- A message naming a file of the engine (src/lua/dvht/*.lua) instead of the plan.
local function engine_position(msg) return tostring(msg):find("dvht/[%w_]+%.lua:%d") ~= nil end

local function listing(report)
  local out = {}
  for _, it in ipairs(report and report.items or {}) do out[#out + 1] = plan_check.format_item(it) end
  return table.concat(out, "\n")
end

-- name, plan code (plan.lua from line 3), expected message parts; `line`
-- when the mistake is not on line 3.
local cases = {
  { "NaN threshold", 'change "tc2_4" { measure = percent { "ngoai_ngu", of = "tong_thanh_vien", muc_1 = 0/0, muc_2 = 70 } }',
    { "ngưỡng muc_1", "NaN" } },
  { "infinite threshold", 'change "tc2_4" { measure = percent { "ngoai_ngu", of = "tong_thanh_vien", muc_1 = 50, muc_2 = 1/0 } }',
    { "ngưỡng muc_2", "vô cực" } },
  -- column minimum and defaults: of the column's type
  { "min as text", 'change "tong_thanh_vien" { min = "abc" }', { "'min'", "số nguyên", "\"abc\"" } },
  { "count default too large", 'change "ngoai_ngu" { default = 2^63 }', { "'default'", "số nguyên từ 0" } },
  { "count default NaN", 'change "ngoai_ngu" { default = 0/0 }', { "'default'", "NaN" } },
  { "count default a table", 'change "ngoai_ngu" { default = {} }', { "'default'", "một bảng" } },
  { "count default text", 'change "ngoai_ngu" { default = "abc" }', { "'default'", "\"abc\"" } },
  { "count default negative", 'change "ngoai_ngu" { default = -1 }', { "'default'", "-1" } },
  { "yes/no default text", 'change "cong_lap" { default = "có" }', { "'default'", "true hoặc false" } },
  { "choice default unknown", 'change "cap_quan_ly" { default = "tinh" }', { "'default'", "thanh_pho, huyen, xa", "\"tinh\"" } },
  { "text default a number", 'change "ten_don_vi" { default = 5 }', { "'default'", "chuỗi chữ" } },
  { "unit type default of a wrong type", 'change "khac" { defaults = { ngoai_ngu = 1.5 } }',
    { "loại đơn vị 'khac'", "cột 'ngoai_ngu'", "1,5" } },
  -- metadata and lists
  { "plan name a table", 'plan { name = {} }', { "'name'", "một bảng" } },
  { "plan year text", 'plan { year = "hai nghìn" }', { "'year'", "số nguyên" } },
  { "legal basis a text", 'plan { legal_basis = "Luật" }', { "'legal_basis'", "danh sách chữ" } },
  { "yes words holding a table", 'plan { yes_words = { {} } }', { "'yes_words'", "mục thứ 1" } },
  { "results as texts", 'plan { results = { "a", "b" } }', { "'results'", "mục thứ 1 là \"a\"" } },
  { "results without label", 'plan { results = { { id = "a" }, { id = "b", label = "B" } } }', { "'results'", "label" } },
  { "level ids twice", 'plan { levels = { { id = "muc_1", label = "1" }, { id = "muc_1", label = "2" } } }', { "'muc_1'", "hai lần" } },
  { "plan where", 'plan { where = "x" }', { "'where'" } },
  { "indicator number a table", 'change "tc2_4" { number = {} }', { "'number'", "số nguyên" } },
  { "criterion number a text", 'change "tc1" { number = "1" }', { "'number'", "số nguyên" } },
  { "aliases holding a table", 'change "co_quan_nha_nuoc" { aliases = { {} } }', { "'aliases'", "mục thứ 1" } },
  { "groups a text", 'unit_type { id = "moi", label = "Mới", groups = "abc" }', { "'groups'", "danh sách chữ" } },
  { "choice without label", 'change "muc_chuyen_doi_so" { choices = { { id = "a" } } }', { "'choices'", "label" } },
  { "identify a text", 'change "don_vi" { identify = "ma_don_vi" }', { "'identify'", "danh sách chữ" } },
  { "levels a text", 'change "tc2_4" { levels = "Mức 1" }', { "'levels'", "danh sách chữ" } },
  { "evidence a table", 'change "tc2_4" { evidence = {} }', { "'evidence'", "một bảng" } },
  { "change with a text", 'change "tc1" "abc"', { "change \"tc1\"", "một bảng" } },
  { "change of an id", 'change "tc2_4" { id = "tc2_9" }', { "'id'" } },
  { "for_types a number", 'change "tc3_1" { measure = percent { "cong_dan_hoc_tap", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 95, for_types = 5 } }',
    { "for_types", "danh sách mã loại đơn vị" } },
  { "replace_text of a number", 'replace_text { [1] = "x" }', { "replace_text", "chữ cũ" } },
  -- indicator ids: columns of the results CSV, lowercase ASCII letters, digits and _
  { "indicator id ket_qua", 'indicator { id = "ket_qua", criterion = "tc1", number = 9, text = "Có", evidence = "TC1-09", measure = yes_no "cong_lap" }',
    { "\"ket_qua\"", "tệp kết quả CSV" } },
  { "indicator id ma_don_vi", 'indicator { id = "ma_don_vi", criterion = "tc1", number = 9, text = "Có", evidence = "TC1-09", measure = yes_no "cong_lap" }',
    { "\"ma_don_vi\"", "tệp kết quả CSV" } },
  { "indicator id chi_tieu_dat", 'indicator { id = "chi_tieu_dat", criterion = "tc1", number = 9, text = "Có", evidence = "TC1-09", measure = yes_no "cong_lap" }',
    { "\"chi_tieu_dat\"" } },
  { "indicator id loi", 'indicator { id = "loi", criterion = "tc1", number = 9, text = "Có", evidence = "TC1-09", measure = yes_no "cong_lap" }',
    { "\"loi\"" } },
  { "indicator id in capitals", 'indicator { id = "TC1_9", criterion = "tc1", number = 9, text = "Có", evidence = "TC1-09", measure = yes_no "cong_lap" }',
    { "\"TC1_9\"", "chữ thường không dấu" } },
  { "indicator id with a comma", 'indicator { id = "tc1,9", criterion = "tc1", number = 9, text = "Có", evidence = "TC1-09", measure = yes_no "cong_lap" }',
    { "\"tc1,9\"", "chữ thường không dấu" } },
  { "indicator id with a dot", 'indicator { id = "tc1.9", criterion = "tc1", number = 9, text = "Có", evidence = "TC1-09", measure = yes_no "cong_lap" }',
    { "\"tc1.9\"" } },
  { "indicator id with a space", 'indicator { id = "tc1 9", criterion = "tc1", number = 9, text = "Có", evidence = "TC1-09", measure = yes_no "cong_lap" }',
    { "\"tc1 9\"" } },
  { "indicator id with a diacritic", 'indicator { id = "chỉ_tiêu", criterion = "tc1", number = 9, text = "Có", evidence = "TC1-09", measure = yes_no "cong_lap" }',
    { "\"chỉ_tiêu\"" } },
  -- Lua's syntax messages, in Vietnamese whichever command loads the plan
  { "syntax error", 'plan { name = "x" year = 2026 }', { "thiếu '}' (gần 'year')" } },
  { "unfinished string", 'plan { name = "x }', { "chuỗi chữ thiếu dấu \" đóng" } },
  -- texts that are not UTF-8
  { "plan name not UTF-8", 'plan { name = "\\192\\128" }', { "'name'", "UTF-8" } },
  { "criterion title not UTF-8", 'change "tc1" { title = "\\255\\254" }', { "'title'", "UTF-8" } },
  { "indicator hint not UTF-8", 'change "tc1_1" { evidence_hint = "ho s\\198" }', { "'evidence_hint'", "UTF-8" } },
  { "level text not UTF-8", 'change "tc2_4" { levels = { "- Mức độ 1: 50%", "- M\\225c 70%" } }', { "'levels[2]'", "UTF-8" } },
  { "part text not UTF-8", 'change "tc3_1" { measure = all_of { percent { "cong_dan_hoc_tap", of = "tong_thanh_vien", muc_1 = 90, muc_2 = 95, text = "\\200" } } }',
    { "'measure.parts[1].text'", "UTF-8" } },
  { "unit type label not UTF-8", 'change "khac" { label = "Kh\\225c" }', { "'label'", "UTF-8" } },
  { "choice label not UTF-8", 'change "cap_quan_ly" { choices = { { id = "huyen", label = "C\\225p" } } }', { "'choices[1].label'", "UTF-8" } },
  { "result label not UTF-8", 'plan { results = { { id = "khong_dat", label = "Kh\\244ng" }, { id = "muc_1", label = "1" }, { id = "muc_2", label = "2" } } }',
    { "'results[1].label'", "UTF-8" } },
  { "replace_text not UTF-8", 'replace_text { ["Mức độ"] = "M\\255" }', { "replace_text", "UTF-8" } },
  -- replacing is the engine's work: bounded, refused past it (it ran for minutes)
  { "replace_text of thousands of pairs over a long text",
    'local m = {} for i = 1, 20000 do m["khoa" .. i] = "" end replace_text(m) change "tc1_1" { text = ("a"):rep(100000) }',
    { "replace_text", "quá nhiều cặp thay thế" } },
}

for i, c in ipairs(cases) do
  local dir = P.inheriting(root .. "/p" .. i, c[2])
  local at = dir .. "/plan.lua:" .. (c.line or 3)
  local plan, err = planlib.load(dir)
  T.ok(plan == nil, c[1] .. ": the plan is refused")
  T.contains(err, { at .. ": ", table.unpack(c[3]) }, c[1] .. ": the message names plan.lua:" .. (c.line or 3))
  T.ok(not engine_position(err), c[1] .. ": no engine file in the message", err)
  local report = plan_check.run(dir)
  local found = false
  for _, it in ipairs(report and report.items or {}) do
    found = found or (it.severity == "loi" and it.where == plan_check.display_path(at))
  end
  T.ok(found, c[1] .. ": dvht check reports an error at the same line", listing(report))
  T.ok(not engine_position(listing(report)), c[1] .. ": dvht check names no engine file", listing(report))
end

-- What a rule function returns is checked when it runs: a reason of not
-- applying that is not a text, or a level that is none, is a rule error at
-- the line that wrote the function (and dvht check finds it by probing).
do
  local csv = root .. "/units.csv"
  P.write(csv, "ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien\nA1,Đơn vị A,khac,10\n")
  for i, c in ipairs {
    { "reason a table", 'change "tc1_1" { applies = function(u) return false, {} end }', { "applies", "tc1_1", "một bảng" } },
    { "reason not UTF-8", 'change "tc1_1" { applies = function(u) return false, "\\255" end }', { "applies", "UTF-8" } },
    { "level NaN", 'change "tc2_4" { measure = function(u) return 0/0 end }', { "cách đo", "tc2_4", "NaN" } },
    { "level a text", 'change "tc2_4" { measure = function(u) return "muc_1" end }', { "cách đo", "'muc_1'" } },
  } do
    local dir = P.inheriting(root .. "/rule" .. i, c[2])
    local at = dir .. "/plan.lua:3"
    local plan, err = planlib.load(dir)
    T.ok(plan ~= nil, c[1] .. ": the plan loads", err)
    if plan then
      local ok, e = pcall(dvht.assess, plan, dvht.read(plan, { csv }))
      T.ok(not ok, c[1] .. ": the assessment stops")
      T.contains(e, { at .. ": ", "A1", table.unpack(c[3]) }, c[1] .. ": a rule error at plan.lua:3 naming the unit")
      T.ok(not engine_position(e), c[1] .. ": no engine file in the message", e)
      local report = plan_check.run(dir)
      T.contains(listing(report), { plan_check.display_path(at) .. ": lỗi: ", "[cot]" }, c[1] .. ": dvht check finds it")
    end
  end
end

-- A unit the roll-up kept and a later rule reads: a rule error at that
-- rule's line (it ended in assess.lua).
do
  local csv = root .. "/units-kept.csv"
  P.write(csv, "ma_don_vi,ten_don_vi,loai_don_vi,tong_thanh_vien\nA1,Đơn vị A,khac,10\nA2,Đơn vị B,khac,10\n")
  local dir = P.inheriting(root .. "/kept-unit", 'local saved rollup { criterion = function(c) return true, 2 end, '
    .. 'unit = function(u) saved = u return "muc_2" end }\n'
    .. 'change "tc1_1" { measure = function(u) if saved then local v = saved.values end return 2 end }')
  local plan, err = planlib.load(dir)
  T.ok(plan ~= nil, "kept roll-up unit: the plan loads", err)
  if plan then
    local ok, e = pcall(dvht.assess, plan, dvht.read(plan, { csv }))
    T.ok(not ok, "kept roll-up unit: the assessment stops")
    T.contains(e, { dir .. "/plan.lua:4: ", "chỉ đọc được trong lúc tổng hợp" }, "kept roll-up unit: a rule error at plan.lua:4")
    T.ok(not engine_position(e), "kept roll-up unit: no engine file in the message", e)
  end
end

-- A loop of include or inherit is one clear error naming the files of the loop.
do
  local dir = P.inheriting(root .. "/include-loop", 'include "a.lua"')
  P.write(dir .. "/a.lua", '-- a.lua\ninclude "plan.lua"\n')
  local plan, err = planlib.load(dir)
  T.ok(plan == nil, "include loop: refused")
  T.contains(err, { dir .. "/a.lua:2: ", "vòng lặp", "plan.lua → a.lua → plan.lua" }, "include loop: names the files of the loop")
  local report = plan_check.run(dir)
  T.eq(report.errors, 1, "include loop: dvht check reports one error")
  T.contains(listing(report), { "a.lua:2: lỗi: include \"plan.lua\" tạo vòng lặp" }, "include loop: check names the include line")

  local a, b = root .. "/loop-a", root .. "/loop-b"
  dvht.lfs.mkdir(a)
  dvht.lfs.mkdir(b)
  P.write(a .. "/plan.lua", ('inherit "%s"\nplan { id = "a" }\n'):format(b))
  P.write(b .. "/plan.lua", ('inherit "%s"\nplan { id = "b" }\n'):format(a))
  plan, err = planlib.load(a)
  T.ok(plan == nil, "inherit loop: refused")
  T.contains(err, { b .. "/plan.lua:1: ", "kế thừa vòng tròn", a .. "/plan.lua → " .. b .. "/plan.lua → " .. a .. "/plan.lua" },
    "inherit loop: names the plans of the loop")
  local times, from = 0, 1
  while true do
    local _, e = tostring(err):find(b .. "/plan.lua", from, true)
    if not e then break end
    times, from = times + 1, e + 1
  end
  T.eq(times, 2, "inherit loop: each file named once in the loop (and at the position)")
  report = plan_check.run(a)
  T.contains(listing(report), { b .. "/plan.lua:1: lỗi: kế thừa vòng tròn" }, "inherit loop: check reports it at the inherit line")

  local self = P.inheriting(root .. "/self", "")
  P.write(self .. "/plan.lua", 'inherit "."\nplan { id = "self" }\n')
  plan, err = planlib.load(self)
  T.contains(err, { self .. "/plan.lua:1: ", "kế thừa vòng tròn" }, "a plan inheriting itself: refused at its inherit line")
end

-- A UTF-8 byte order mark at the start of a file (Windows Notepad) is
-- skipped, and the line numbers stay right.
do
  local BOM = "\239\187\191"
  local dir = P.inheriting(root .. "/bom", 'include "them.lua"')
  P.write(dir .. "/plan.lua", BOM .. 'inherit "hanoi-2025"\nplan { id = "bom" }\ninclude "them.lua"\n')
  P.write(dir .. "/them.lua", BOM .. '-- TC2.4 năm sau\nchange "tc2_4" { evidence_hint = "Danh sách" }\n')
  local plan, err = planlib.load(dir)
  T.ok(plan ~= nil, "BOM: a plan whose files start with a BOM loads", err)
  T.eq(plan and plan.indicator_by_id.tc2_4.evidence_hint, "Danh sách", "BOM: the included file took effect")
  P.write(dir .. "/them.lua", BOM .. '-- TC2.4 năm sau\nchange "tc2_4" { evidence_hint = khong_co }\n')
  plan, err = planlib.load(dir)
  T.contains(err, { dir .. "/them.lua:2: ", "khong_co" }, "BOM: an error on line 2 is reported on line 2")
  dvht.lfs.mkdir(dir .. "/tests")
  P.write(dir .. "/tests/ca.lua", BOM .. 'return {\n  { name = "ca", unit = { loai_don_vi = "khac", tong_thanh_vien = 1 }, expect = { ket_qua = "khong_dat" } },\n}\n')
  local cases, terr = require("dvht.plan_tests").load(dir .. "/tests/ca.lua")
  T.ok(cases and #cases == 1, "BOM: a test file with a BOM is read", terr)
  P.write(dir .. "/tests/hong.lua", 'return {\n  { name = "ca" unit = {} },\n}\n')
  cases, terr = require("dvht.plan_tests").load(dir .. "/tests/hong.lua")
  T.contains(terr, { dir .. "/tests/hong.lua:2: thiếu '}'" }, "a syntax error in a test file is in Vietnamese too")
end

os.execute("rm -rf '" .. root .. "'")
return T.done()
