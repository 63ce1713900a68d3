-- diff_workbook.lua - the workbook of `dvht diff`: "Tổng hợp thay đổi"
-- (counts, transition matrix, indicators that changed) and "Đơn vị thay
-- đổi" (every unit whose result changed, with the indicators that differ).
local workbook = require "dvht.workbook"
local whatif = require "dvht.whatif"

local M = {}

local FONT = "Times New Roman"

local function formats(wb)
  local base = { font = FONT, size = 11, border = 1, valign = "vcenter" }
  local function f(extra)
    local t = {}
    for k, v in pairs(base) do t[k] = v end
    for k, v in pairs(extra or {}) do t[k] = v end
    return wb:format(t)
  end
  return {
    title = wb:format { font = FONT, size = 14, bold = true, align = "center", valign = "vcenter", wrap = true },
    label = wb:format { font = FONT, size = 11, bold = true },
    plain = wb:format { font = FONT, size = 11 },
    head = f { bold = true, bg = "#DDEBF7", align = "center", wrap = true },
    text = f {}, wrap = f { wrap = true, valign = "top" }, center = f { align = "center" },
    num = f { align = "right" }, pct = f { align = "right", num_format = "0.0%" },
    bold = f { bold = true }, bold_num = f { bold = true, align = "right" },
    up = f { align = "center", bg = "#C6EFCE" }, down = f { align = "center", bg = "#FFC7CE" },
    other = f { align = "center", bg = "#D9D9D9" }, same = f { align = "center" },
    diag = f { align = "right", bg = "#F2F2F2" },
  }
end

local DIR_FORMAT = { tang = "up", giam = "down", khong_so_sanh = "other", giu_nguyen = "same" }

local function print_setup(ws, title, landscape, repeat_rows)
  ws:print_setup { paper = "A4", landscape = landscape, fit_width = 1, fit_height = 0,
    margins = { left = 15, right = 15, top = 20, bottom = 20 },
    header = "&C&\"Times New Roman,Bold\"" .. title:gsub("&", "&&"),
    footer = "&CTrang &P/&N", repeat_rows = repeat_rows }
end

local function summary_sheet(wb, F, cmp, info)
  local ws = wb:add_sheet("Tổng hợp thay đổi")
  local planA, planB = info.plan_a, info.plan_b
  local ids = cmp.result_ids
  local width = math.max(#ids + 2, 6)
  ws:merge(0, 0, 0, width - 1, "So sánh kết quả đánh giá, xếp loại “Đơn vị học tập” giữa hai bộ tiêu chí", F.title)
  ws:set_row(0, 36)
  local row = 2
  for _, line in ipairs(info.lines) do
    ws:write(row, 0, line[1], F.label)
    ws:write(row, 1, line[2], F.plain)
    row = row + 1
  end

  row = row + 1
  ws:write(row, 0, "Kết quả", F.head)
  ws:write(row, 1, "Số đơn vị", F.head)
  ws:write(row, 2, "Tỷ lệ", F.head)
  local total = cmp.counts.total
  local function count_row(label, n, fmt)
    row = row + 1
    ws:write(row, 0, label, fmt or F.text)
    ws:write(row, 1, n, F.num)
    ws:write(row, 2, total > 0 and n / total or 0, F.pct)
  end
  count_row("Số đơn vị so sánh", total, F.bold)
  for _, d in ipairs(whatif.DIRECTIONS) do count_row(d.label, cmp.counts[d.id]) end

  row = row + 2
  ws:write(row, 0, "Chuyển kết quả (hàng: theo bộ tiêu chí A; cột: theo bộ tiêu chí B)", F.label)
  row = row + 1
  ws:write(row, 0, "A \\ B", F.head)
  for j, id in ipairs(ids) do ws:write(row, j, whatif.result_label(planA, planB, id), F.head) end
  ws:write(row, #ids + 1, "Tổng", F.head)
  ws:set_row(row, 30)
  local col_total = {}
  for _, ida in ipairs(ids) do
    row = row + 1
    ws:write(row, 0, whatif.result_label(planA, planB, ida), F.bold)
    local line = cmp.matrix[ida] or {}
    local sum = 0
    for j, idb in ipairs(ids) do
      local n = line[idb] or 0
      sum = sum + n
      col_total[j] = (col_total[j] or 0) + n
      ws:write(row, j, n, ida == idb and F.diag or F.num)
    end
    ws:write(row, #ids + 1, sum, F.bold_num)
  end
  row = row + 1
  ws:write(row, 0, "Tổng", F.bold)
  for j = 1, #ids do ws:write(row, j, col_total[j] or 0, F.bold_num) end
  ws:write(row, #ids + 1, total, F.bold_num)

  row = row + 2
  ws:write(row, 0, "Chỉ tiêu đổi giá trị (số đơn vị)", F.label)
  row = row + 1
  local heads = { "Chỉ tiêu", "Mã", "Số đơn vị đổi giá trị", "Trong đó: tăng mức", "Giảm mức", "Khác (áp dụng/không áp dụng, lỗi)" }
  for c, h in ipairs(heads) do ws:write(row, c - 1, h, F.head) end
  ws:set_row(row, 30)
  if #cmp.indicators == 0 then
    row = row + 1
    ws:merge(row, 0, row, #heads - 1, "Không có chỉ tiêu nào đổi giá trị", F.text)
  end
  for _, s in ipairs(cmp.indicators) do
    row = row + 1
    ws:write(row, 0, s.label, F.text)
    ws:write(row, 1, s.id, F.text)
    ws:write(row, 2, s.n, F.num)
    ws:write(row, 3, s.tang, F.num)
    ws:write(row, 4, s.giam, F.num)
    ws:write(row, 5, s.khac, F.num)
  end
  ws:set_column(0, 0, 34)
  ws:set_column(1, width, 16)
  print_setup(ws, "Tổng hợp thay đổi", false)
end

local function units_sheet(wb, F, cmp, info)
  local ws = wb:add_sheet("Đơn vị thay đổi")
  local planA, planB = info.plan_a, info.plan_b
  -- one column per indicator that changed for at least one listed unit
  local listed, used = {}, {}
  for _, r in ipairs(cmp.rows) do
    if r.dir ~= "giu_nguyen" then
      listed[#listed + 1] = r
      for _, c in ipairs(r.changes) do used[c.id] = true end
    end
  end
  local cols = {}
  for _, s in ipairs(cmp.indicators) do
    if used[s.id] then cols[#cols + 1] = s end
  end
  local head = { "STT", "Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Kết quả A", "Kết quả B", "Hướng", "Chỉ tiêu thay đổi" }
  for _, s in ipairs(cols) do head[#head + 1] = s.label .. " (A → B)" end
  for c, h in ipairs(head) do ws:write(0, c - 1, h, F.head) end
  ws:set_row(0, 30)
  for i, r in ipairs(listed) do
    local rec = r.rec
    local t = (planA.unit_types[rec.values[planA.type_key] or ""] or planB.unit_types[rec.values[planB.type_key] or ""])
    local texts, by_id = {}, {}
    for _, c in ipairs(r.changes) do
      texts[#texts + 1] = whatif.change_text(c, planA, planB)
      by_id[c.id] = c
    end
    ws:write(i, 0, i, F.center)
    ws:write(i, 1, r.code, F.text)
    ws:write(i, 2, r.name, F.text)
    ws:write(i, 3, t and t.label or "", F.text)
    ws:write(i, 4, whatif.result_label(planA, planB, r.a), F.center)
    ws:write(i, 5, whatif.result_label(planA, planB, r.b), F.center)
    ws:write(i, 6, whatif.DIRECTION_LABEL[r.dir], F[DIR_FORMAT[r.dir]])
    ws:write(i, 7, table.concat(texts, "\n"), F.wrap)
    for j, s in ipairs(cols) do
      local c = by_id[s.id]
      ws:write(i, 7 + j, c and ("%s → %s"):format(whatif.value_label(planA, planB, c.a),
        whatif.value_label(planA, planB, c.b)) or nil, F.center)
    end
  end
  if #listed == 0 then
    ws:merge(1, 0, 1, #head - 1, "Không có đơn vị nào đổi kết quả", F.text)
  end
  ws:set_column(0, 0, 5)
  ws:set_column(1, 1, 14)
  ws:set_column(2, 2, 40)
  ws:set_column(3, 3, 24)
  ws:set_column(4, 6, 14)
  ws:set_column(7, 7, 44)
  if #cols > 0 then ws:set_column(8, 7 + #cols, 20) end
  ws:freeze(1, 2)
  ws:autofilter(0, 0, math.max(#listed, 1), #head - 1)
  print_setup(ws, "Đơn vị thay đổi kết quả", true, { 0, 0 })
end

-- info = { plan_a, plan_b, lines = { { label, text } ... } } (shown on top
-- of the first sheet). Returns true, or nil and a message.
function M.write(path, cmp, info)
  local ok, err = pcall(function()
    local wb <close> = workbook.new(path, { fit_text = true })
    wb:set_properties { title = "So sánh kết quả giữa hai bộ tiêu chí" }
    local F = formats(wb)
    summary_sheet(wb, F, cmp, info)
    units_sheet(wb, F, cmp, info)
    wb:close()
  end)
  if not ok then return nil, tostring(err) end
  return true
end

return M
