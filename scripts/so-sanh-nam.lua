-- so-sanh-nam.lua - so sánh kết quả năm nay với kết quả năm trước.
--
-- Năm nay: một tệp kết quả (.csv của `dvht assess --csv`) hoặc dữ liệu đầu
-- vào (tệp, thư mục) để đánh giá ngay. Năm trước: tệp kết quả .csv của năm
-- trước. Mỗi đơn vị (theo mã) được xếp vào: tăng, giảm, giữ nguyên, mới
-- (chỉ có năm nay), không còn (chỉ có năm trước), không so sánh được (lỗi dữ
-- liệu ở một trong hai năm, hoặc kết quả không có trong bộ tiêu chí).
-- Thứ bậc kết quả theo bộ tiêu chí (plan.results, thấp đến cao). Một mã
-- xuất hiện nhiều lần: lấy dòng đầu tiên, như khi đánh giá.
--
--   dvht run scripts/so-sanh-nam.lua [--plan BỘ_TIÊU_CHÍ] [-o so-sanh-nam.xlsx] [--csv so-sanh-nam.csv] NĂM_NAY... NĂM_TRƯỚC.csv

local USAGE = [[
Cách dùng: dvht run scripts/so-sanh-nam.lua [--plan BỘ_TIÊU_CHÍ] [-o so-sanh-nam.xlsx] [--csv so-sanh-nam.csv] NĂM_NAY... NĂM_TRƯỚC.csv
  NĂM_NAY       tệp kết quả năm nay (.csv của "dvht assess --csv"), hoặc các tệp, thư mục dữ liệu để đánh giá
  NĂM_TRƯỚC.csv tệp kết quả năm trước (.csv của "dvht assess --csv")
  -o            bảng tính kết quả (mặc định: so-sanh-nam.xlsx)
  --csv         thêm một tệp CSV, mỗi đơn vị một dòng
  --limit N     số đơn vị in ra màn hình cho mỗi nhóm (mặc định 10)
]]

local opts, pos = dvht.args(arg, { ["--plan"] = "value", ["-o"] = "value", ["--csv"] = "value", ["--limit"] = "value" })
if #pos < 2 then
  io.stderr:write(USAGE)
  return dvht.exit.USAGE
end
local limit = math.tointeger(tonumber(opts["--limit"] or "10"))
if not limit or limit < 0 then dvht.fail(dvht.exit.USAGE, "--limit cần một số nguyên không âm") end
local last_path = pos[#pos]
local this_paths = table.move(pos, 1, #pos - 1, 1, {})
local xlsx, csv = opts["-o"] or "so-sanh-nam.xlsx", opts["--csv"]
for _, out in ipairs { xlsx, csv } do
  for _, p in ipairs(pos) do
    if out == p then dvht.fail(dvht.exit.USAGE, "tệp kết quả \"%s\" trùng với một tệp đầu vào", out) end
  end
end

local plan = dvht.load_plan(opts["--plan"])

local function results_file(path)
  if #this_paths ~= 1 or not path:lower():match("%.csv$") then return nil end
  local ok, t = pcall(dvht.read_results, path)
  return ok and t or nil
end

-- this year: { list = { { code, name, result } ... } (first row of a code), by_code }
local function this_year()
  local t = results_file(this_paths[1])
  local list, by_code = {}, {}
  local function add(code, name, result)
    if code ~= "" and not by_code[code] then
      by_code[code] = { code = code, name = name, result = result }
      list[#list + 1] = by_code[code]
    end
  end
  if t then
    for _, row in ipairs(t.rows) do add(row.ma_don_vi, "", row.ket_qua) end
  else
    local ok, outcomes = pcall(dvht.evaluate, plan, this_paths)
    if not ok then dvht.fail(dvht.exit.INPUT, "%s", tostring(outcomes)) end
    for _, u in dvht.units(plan, outcomes) do add(u.code, u.name, u.result) end
  end
  return list, by_code
end

local ok, last = pcall(dvht.read_results, last_path)
if not ok then dvht.fail(dvht.exit.INPUT, "%s", tostring(last)) end
local now_list, now = this_year()

local function rank(id)
  local r = plan.result_by_id[id]
  return r and r.rank
end

local GROUPS = {
  { id = "tang", label = "Tăng" },
  { id = "giam", label = "Giảm" },
  { id = "giu_nguyen", label = "Giữ nguyên" },
  { id = "moi", label = "Mới (chỉ có năm nay)" },
  { id = "khong_con", label = "Không còn (chỉ có năm trước)" },
  { id = "khong_so_sanh", label = "Không so sánh được (lỗi dữ liệu)" },
}
local LABEL = {}
for _, g in ipairs(GROUPS) do LABEL[g.id] = g.label end

local function change(before, after)
  if before == nil then return "moi" end
  if after == nil then return "khong_con" end
  local rb, ra = rank(before), rank(after)
  if not (rb and ra) then return "khong_so_sanh" end
  if ra > rb then return "tang" elseif ra < rb then return "giam" end
  return "giu_nguyen"
end

local rows, count = {}, {}
for _, g in ipairs(GROUPS) do count[g.id] = 0 end
local function add(code, name, before, after)
  local c = change(before, after)
  rows[#rows + 1] = { code = code, name = name or "", before = before or "", after = after or "", change = c }
  count[c] = count[c] + 1
end
for _, u in ipairs(now_list) do
  local row = last.by_code[u.code]
  add(u.code, u.name, row and row.ket_qua, u.result)
end
local listed = {}
for _, row in ipairs(last.rows) do
  local code = row.ma_don_vi
  if code ~= "" and not now[code] and not listed[code] then
    listed[code] = true
    add(code, "", row.ket_qua, nil)
  end
end

local function label(id)
  if id == "" then return "" end
  if id == "loi" then return "Lỗi dữ liệu" end
  local r = plan.result_by_id[id]
  return r and r.label or id
end

-- terminal
print(("So sánh kết quả: năm nay %s, năm trước %s (bộ tiêu chí: %s)"):format(
  table.concat(this_paths, ", "), last_path, plan.id or plan.dir))
print(("Số đơn vị: %d"):format(#rows))
for _, g in ipairs(GROUPS) do print(("  %s: %d"):format(g.label, count[g.id])) end
for _, g in ipairs(GROUPS) do
  if g.id ~= "giu_nguyen" and count[g.id] > 0 and limit > 0 then
    print("")
    print(g.label .. ":")
    local n = 0
    for _, r in ipairs(rows) do
      if r.change == g.id then
        n = n + 1
        if n <= limit then
          local name = r.name ~= "" and (" " .. r.name) or ""
          print(("  %s%s: %s → %s"):format(r.code, name, r.before ~= "" and label(r.before) or "—",
            r.after ~= "" and label(r.after) or "—"))
        end
      end
    end
    if n > limit then print(("  … và %d đơn vị khác (xem bảng tính)"):format(n - limit)) end
  end
end

-- files
local summary = {}
for _, g in ipairs(GROUPS) do summary[#summary + 1] = { g.label, count[g.id] } end
summary[#summary + 1] = { "Tổng số đơn vị", #rows }
local detail = {}
for i, r in ipairs(rows) do
  detail[#detail + 1] = { i, r.code, r.name, label(r.before), label(r.after), LABEL[r.change] }
end
dvht.write_workbook(xlsx, {
  { name = "Tổng hợp", title = "So sánh kết quả đánh giá, xếp loại “Đơn vị học tập” với năm trước",
    header = { "Thay đổi", "Số đơn vị" }, rows = summary, widths = { 36, 12 } },
  { name = "Chi tiết", header = { "STT", "Mã đơn vị", "Tên đơn vị", "Năm trước", "Năm nay", "Thay đổi" },
    rows = detail, widths = { 5, 14, 40, 16, 16, 30 } },
})
print("")
print("Bảng tính: " .. xlsx)
if csv then
  local crows = {}
  for _, r in ipairs(rows) do crows[#crows + 1] = { r.code, r.name, r.before, r.after, r.change } end
  dvht.write_csv(csv, { "ma_don_vi", "ten_don_vi", "ket_qua_nam_truoc", "ket_qua_nam_nay", "thay_doi" }, crows)
  print("Kết quả dạng CSV: " .. csv)
end
return dvht.exit.OK
