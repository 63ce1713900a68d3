-- danh-gia-theo-phuong.lua - đánh giá một quận theo từng phường.
--
-- Thư mục quận có một thư mục con cho mỗi phường (trong đó là các tệp .csv,
-- .xlsx của phường). Kịch bản đánh giá từng phường, ghi cho mỗi phường một
-- bảng tổng hợp (.xlsx) và một tệp kết quả (.csv, dùng được để so sánh năm
-- sau), rồi ghi bảng tổng hợp toàn quận với số đơn vị theo kết quả của
-- từng phường (tong-hop-quan.xlsx và tong-hop-quan.csv).
--
--   dvht run scripts/danh-gia-theo-phuong.lua [--plan BỘ_TIÊU_CHÍ] THƯ_MỤC_QUẬN [THƯ_MỤC_KẾT_QUẢ]

local USAGE = [[
Cách dùng: dvht run scripts/danh-gia-theo-phuong.lua [--plan BỘ_TIÊU_CHÍ] [--set CHỈ_TIÊU.MỨC=GIÁ_TRỊ] THƯ_MỤC_QUẬN [THƯ_MỤC_KẾT_QUẢ]
  THƯ_MỤC_QUẬN     thư mục có một thư mục con cho mỗi phường
  THƯ_MỤC_KẾT_QUẢ  nơi ghi kết quả (mặc định: ket-qua-theo-phuong)
Kết quả: mỗi phường một tệp TÊN_PHƯỜNG.xlsx và TÊN_PHƯỜNG.csv, cùng tong-hop-quan.xlsx và tong-hop-quan.csv.
]]

local opts, pos = dvht.args(arg, { ["--plan"] = "value", ["--set"] = "list" })
if #pos < 1 or #pos > 2 then
  io.stderr:write(USAGE)
  return dvht.exit.USAGE
end
local district, out_dir = pos[1], pos[2] or "ket-qua-theo-phuong"
if dvht.lfs.attributes(district, "mode") ~= "directory" then
  dvht.fail(dvht.exit.INPUT, "không có thư mục \"%s\"", district)
end
local wards = dvht.dirs(district)
if #wards == 0 then dvht.fail(dvht.exit.INPUT, "thư mục \"%s\" không có thư mục phường nào", district) end

local plan = dvht.load_plan(opts["--plan"], { set = opts["--set"] })
dvht.mkdir(out_dir)

-- result ids in the plan's order, then units in error
local ids = {}
for _, r in ipairs(plan.results) do ids[#ids + 1] = r.id end
ids[#ids + 1] = "loi"

local rows, failed = {}, 0
local total = { units = 0 }
local seen_in = {} -- code -> first ward, to warn about a unit filed in two wards
for _, ward in ipairs(wards) do
  local ok, outcomes, data = pcall(dvht.evaluate, plan, district .. "/" .. ward)
  if not ok then
    failed = failed + 1
    io.stderr:write(("Phường %s: không đánh giá được: %s\n"):format(ward, tostring(outcomes)))
  else
    local title = ("Tổng hợp kết quả tự đánh giá, xếp loại “Đơn vị học tập” năm %s – %s"):format(tostring(plan.year), ward)
    dvht.write_summary(out_dir .. "/" .. ward .. ".xlsx", plan, outcomes, data.problems, { title = title })
    dvht.write_results(out_dir .. "/" .. ward .. ".csv", plan, outcomes)
    local tally = dvht.tally(outcomes)
    local row = { ward = ward, units = #outcomes, tally = tally }
    rows[#rows + 1] = row
    total.units = total.units + #outcomes
    for _, id in ipairs(ids) do total[id] = (total[id] or 0) + (tally[id] or 0) end
    for _, u in dvht.units(plan, outcomes) do
      if u.code ~= "" then
        local first = seen_in[u.code]
        if first and first ~= ward then
          io.stderr:write(("Cảnh báo: mã đơn vị %s có ở cả hai thư mục phường %s và %s\n"):format(u.code, first, ward))
        end
        seen_in[u.code] = seen_in[u.code] or ward
      end
    end
  end
end

-- "Đạt" = any result above the lowest one; units in error are left out.
local function passed(t)
  local n = 0
  for i = 2, #plan.results do n = n + (t[plan.results[i].id] or 0) end
  return n
end
local function pass_rate(t, units)
  local assessed = units - (t.loi or 0)
  return assessed > 0 and dvht.share(passed(t), assessed) or "—"
end

-- roll-up: workbook, CSV and the terminal
local header = { "STT", "Phường", "Số đơn vị" }
local csv_header = { "phuong", "so_don_vi" }
for _, id in ipairs(ids) do
  header[#header + 1] = dvht.result_label(plan, id)
  csv_header[#csv_header + 1] = id
end
header[#header + 1] = "Tỷ lệ đạt (không tính đơn vị lỗi)"
local xrows, crows = {}, {}
local function add(n, name, units, t)
  local x, c = { n, name, units }, { name, units }
  for _, id in ipairs(ids) do
    x[#x + 1] = t[id] or 0
    c[#c + 1] = t[id] or 0
  end
  x[#x + 1] = pass_rate(t, units)
  xrows[#xrows + 1] = x
  if n ~= "" then crows[#crows + 1] = c end
end
for i, r in ipairs(rows) do add(i, r.ward, r.units, r.tally) end
add("", "Toàn quận", total.units, total)

local widths = { 5, 28, 10 }
for _ = 1, #ids do widths[#widths + 1] = 14 end
widths[#widths + 1] = 18
dvht.write_workbook(out_dir .. "/tong-hop-quan.xlsx", {
  { name = "Tổng hợp theo phường", header = header, rows = xrows, widths = widths,
    title = ("Tổng hợp kết quả đánh giá, xếp loại “Đơn vị học tập” năm %s theo phường"):format(tostring(plan.year)) },
})
dvht.write_csv(out_dir .. "/tong-hop-quan.csv", csv_header, crows)

-- a cell of n characters, left- or right-aligned (Vietnamese letters take
-- several bytes, so string.format widths would not line up)
local function pad(s, n, right)
  s = tostring(s)
  local fill = (" "):rep(math.max(0, n - (utf8.len(s) or #s)))
  return right and fill .. s or s .. fill
end

print(("Đã đánh giá %d phường, %d đơn vị (bộ tiêu chí: %s)."):format(#rows, total.units, plan.id or plan.dir))
local line = { pad("Phường", 24), pad("Số đơn vị", 10, true) }
for _, id in ipairs(ids) do line[#line + 1] = pad(dvht.result_label(plan, id), 14, true) end
line[#line + 1] = pad("Tỷ lệ đạt", 10, true)
print(table.concat(line, " "))
for _, x in ipairs(xrows) do
  local cells = { pad(x[2], 24), pad(x[3], 10, true) }
  for j = 1, #ids do cells[#cells + 1] = pad(x[3 + j], 14, true) end
  cells[#cells + 1] = pad(x[#x], 10, true)
  print(table.concat(cells, " "))
end
print("Kết quả ghi trong thư mục " .. out_dir .. " (tong-hop-quan.xlsx, tong-hop-quan.csv và mỗi phường một tệp).")
if failed > 0 then return dvht.exit.DATA_ERRORS end
return (total.loi or 0) > 0 and dvht.exit.DATA_ERRORS or dvht.exit.OK
