-- gan-muc-tiep-theo.lua - đơn vị gần đạt kết quả cao hơn.
--
-- Với mỗi đơn vị chưa đạt kết quả cao nhất: kết quả tiếp theo (Không đạt →
-- Đạt mức độ 1, Đạt mức độ 1 → Đạt mức độ 2) cần mọi chỉ tiêu áp dụng đạt
-- mức tương ứng. Với mỗi chỉ tiêu đo theo tỷ lệ còn dưới mức đó, kịch bản
-- tính chính xác số thành viên (hoặc người học) cần thêm: số k nhỏ nhất để
-- (số hiện có + k) / tổng ≥ ngưỡng, tính bằng số nguyên như khi đánh giá.
-- Đơn vị còn chỉ tiêu khác (có/không, mức chuyển đổi số...) dưới mức đó
-- thì thêm thành viên thôi chưa đủ; các chỉ tiêu này được ghi ở cột
-- "Điều kiện khác còn thiếu".
--
--   dvht run scripts/gan-muc-tiep-theo.lua [--plan BỘ_TIÊU_CHÍ] [--toi-da N] [-o gan-muc.xlsx] [--csv gan-muc.csv] TỆP...

local USAGE = [[
Cách dùng: dvht run scripts/gan-muc-tiep-theo.lua [--plan BỘ_TIÊU_CHÍ] [--toi-da N] [-o gan-muc.xlsx] [--csv gan-muc.csv] TỆP...
  TỆP...       tệp hoặc thư mục dữ liệu đơn vị (.csv, .xlsx)
  --toi-da N   chỉ liệt kê đơn vị cần thêm không quá N thành viên ở mỗi chỉ tiêu
  -o           bảng tính kết quả (mặc định: gan-muc.xlsx)
  --csv        thêm một tệp CSV, mỗi dòng một chỉ tiêu của một đơn vị
]]

local opts, files = dvht.args(arg, { ["--plan"] = "value", ["--toi-da"] = "value", ["-o"] = "value",
  ["--csv"] = "value" })
if #files == 0 then
  io.stderr:write(USAGE)
  return dvht.exit.USAGE
end
local max_need
if opts["--toi-da"] then
  max_need = math.tointeger(tonumber(opts["--toi-da"]))
  if not max_need or max_need < 0 then dvht.fail(dvht.exit.USAGE, "--toi-da cần một số nguyên không âm") end
end
local xlsx, csv = opts["-o"] or "gan-muc.xlsx", opts["--csv"]

local plan = dvht.load_plan(opts["--plan"])
local ok, outcomes = pcall(dvht.evaluate, plan, files)
if not ok then dvht.fail(dvht.exit.INPUT, "%s", tostring(outcomes)) end

-- The level an indicator must reach for the next result: the level with
-- the same id ("muc_1", "muc_2"), as in the bundled plan.
local level_index = {}
for i, lv in ipairs(plan.levels) do level_index[lv.id] = i end

local function column_label(key)
  local c = plan.columns[key]
  return c and c.label or key
end

local indicators = {}
for _, ind in dvht.indicators(plan) do indicators[#indicators + 1] = ind end

-- units: { u, next, needs = { { ind, part, k, ... } }, blockers = { "TC1.3", ... }, total }
local units, no_level = {}, 0
for _, u in dvht.units(plan, outcomes) do
  local nxt = u.result ~= "loi" and dvht.next_result(plan, u.result)
  local target = nxt and level_index[nxt.id]
  if nxt and not target then no_level = no_level + 1 end
  if target then
    local entry = { u = u, next = nxt, target = target, needs = {}, blockers = {}, total = 0, max = 0 }
    local level_id = plan.levels[target].id
    for _, ind in ipairs(indicators) do
      local r = dvht.result(plan, u, ind)
      if r and r.applicable and r.level < target then
        local blocked = #r.parts == 0 -- a measure written as a function
        for _, p in ipairs(r.parts) do
          if p.level < target then
            if p.kind == "percent" and p.thresholds[level_id] then
              local k = dvht.members_needed(p.count, p.total, p.thresholds[level_id])
              if k then
                entry.needs[#entry.needs + 1] = { ind = ind, part = p, k = k, threshold = p.thresholds[level_id] }
                entry.total = entry.total + k
                entry.max = math.max(entry.max, k)
              else
                blocked = true
              end
            else
              blocked = true
            end
          end
        end
        if blocked then entry.blockers[#entry.blockers + 1] = ind.label end
      end
    end
    if #entry.needs > 0 and (not max_need or entry.max <= max_need) then units[#units + 1] = entry end
  end
end

-- closest first: members only before other conditions, then fewest members
table.sort(units, function(a, b)
  local oa, ob = #a.blockers == 0, #b.blockers == 0
  if oa ~= ob then return oa end
  if a.total ~= b.total then return a.total < b.total end
  return a.u.code < b.u.code
end)

local function threshold_text(t)
  return (tostring(t):gsub("%.0$", ""):gsub("%.", ",")) .. "%"
end

local only_members = 0
for _, e in ipairs(units) do
  if #e.blockers == 0 then only_members = only_members + 1 end
end
print(("Đơn vị có chỉ tiêu tỷ lệ dưới mức của kết quả tiếp theo: %d (chỉ cần thêm thành viên: %d)%s"):format(
  #units, only_members, max_need and (", cần thêm không quá " .. max_need .. " ở mỗi chỉ tiêu") or ""))
for _, e in ipairs(units) do
  print(("%s %s: %s → %s"):format(e.u.code, e.u.name, e.u.result_label, e.next.label))
  for _, n in ipairs(e.needs) do
    print(("  %s %s: cần thêm %d (%d/%d = %s, ngưỡng %s)"):format(n.ind.label, column_label(n.part.column), n.k,
      n.part.count, n.part.total, n.part.percent, threshold_text(n.threshold)))
  end
  if #e.blockers > 0 then print("  Điều kiện khác còn thiếu: " .. table.concat(e.blockers, ", ")) end
end
if no_level > 0 then
  print(("(%d đơn vị có kết quả tiếp theo không ứng với mức nào của chỉ tiêu; không xét)"):format(no_level))
end

-- files: one row per unit and indicator part
local header = { "Mã đơn vị", "Tên đơn vị", "Kết quả", "Kết quả tiếp theo", "Chỉ tiêu", "Cột", "Số hiện có",
  "Tổng", "Tỷ lệ", "Ngưỡng", "Cần thêm", "Chỉ cần thêm thành viên", "Điều kiện khác còn thiếu" }
local xrows, crows = {}, {}
for _, e in ipairs(units) do
  for _, n in ipairs(e.needs) do
    local only = #e.blockers == 0
    xrows[#xrows + 1] = { e.u.code, e.u.name, e.u.result_label, e.next.label, n.ind.label,
      column_label(n.part.column), n.part.count, n.part.total, n.part.percent, threshold_text(n.threshold), n.k,
      only and "Có" or "Không", table.concat(e.blockers, ", ") }
    crows[#crows + 1] = { e.u.code, e.u.result, e.next.id, n.ind.id, n.part.column, n.part.count, n.part.total,
      n.threshold, n.k, only and "co" or "khong", table.concat(e.blockers, " ") }
  end
end
dvht.write_workbook(xlsx, {
  { name = "Gần mức tiếp theo", header = header, rows = xrows,
    title = "Đơn vị gần đạt kết quả cao hơn: số thành viên cần thêm ở mỗi chỉ tiêu",
    widths = { 12, 36, 14, 16, 9, 40, 10, 8, 9, 9, 9, 12, 20 } },
})
print("")
print("Bảng tính: " .. xlsx)
if csv then
  dvht.write_csv(csv, { "ma_don_vi", "ket_qua", "ket_qua_tiep_theo", "chi_tieu", "cot", "so_hien_co", "tong",
    "nguong", "can_them", "chi_can_them_thanh_vien", "dieu_kien_khac" }, crows)
  print("Kết quả dạng CSV: " .. csv)
end
return dvht.exit.OK
