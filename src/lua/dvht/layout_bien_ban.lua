-- layout_bien_ban.lua - the minutes ("Biên bản tự đánh giá, xếp loại Đơn vị
-- học tập"), laid out as the official form.
--
-- An office may change this file (texts, column widths, fonts, margins)
-- without recompiling dvht: copy it, edit the copy and print with
--   dvht bien-ban --layout ban-sua.lua ...
-- Sizes: grid columns in millimetres (they add up to the printable width:
-- A4 210 mm minus the left and right margins), fonts in points, margins in
-- mm (Nghị định 30/2020: top and bottom 20-25, left 30-35, right 15-20).
-- draw(doc, u, ctx) receives the document (doc_layout.lua), the unit's facts
-- (doc_facts.lua) and ctx = { plan, D = doc_layout, F = doc_facts }.

local L = {}

L.size = 13                        -- body text, Times New Roman
L.title_size = 14

L.page = {
  paper = "A4", landscape = false,
  margins = { top = 20, bottom = 20, left = 30, right = 15 },
  header = "&C&\"Times New Roman,Regular\"&13&P",  -- page number, top centre
}

-- 165 mm: TT | Nội dung tiêu chí | Minh chứng | Tự đánh giá; the other
-- spans (header halves, signatures) are drawn on the same grid.
L.grid = { 23, 17, 18, 23, 25, 32, 27 }
L.spans = {
  tt = { 1, 1 }, content = { 2, 4 }, evidence = { 5, 6 }, verdict = { 7, 7 },
  left = { 1, 3 }, right = { 4, 7 },
  person = { 1, 4 }, role = { 5, 7 },
  sign1 = { 1, 2 }, sign2 = { 3, 5 }, sign3 = { 6, 7 },
}

-- Texts of the form (mau-bien-ban-va-bao-cao-tu-danh-gia.txt).
L.text = {
  governing = "CƠ QUAN CHỦ QUẢN",
  nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  motto = "Độc lập - Tự do - Hạnh phúc",
  title = "BIÊN BẢN",
  subtitle = "Tự đánh giá, xếp loại Đơn vị học tập năm %s",
  -- plan reference, plan date, issuer, unit, year
  opening = "Thực hiện Kế hoạch số %s ngày %s của %s về việc triển khai thực hiện việc đánh giá, xếp loại “Đơn vị học tập”………, %s đã tiến hành tự đánh giá, xếp loại Đơn vị học tập năm %s theo quy định. Nội dung cụ thể như sau:",
  time = "* Thời gian: ",
  time_blank = "* Thời gian: ….… giờ …… ngày ….. tháng ….. năm ….. ",
  place = "* Địa điểm: ",
  place_blank = "* Địa điểm ………………………………………………",
  members = "* Thành phần: ",
  chair = "1. Chủ trì: ",
  chair_blank = "1. Chủ trì: Ông/Bà ",
  secretary = "2. Thư ký: ",
  secretary_blank = "2. Thư ký: Ông/Bà ",
  role = "Chức vụ: ",
  role_blank = "Chức vụ: ",
  others = "3. Thành phần khác: ",
  others_blank = "3. Thành phần khác: …..……………………………………………………",
  results_intro = "Kết quả tự đánh giá, xếp loại như sau:",
  col_tt = "TT",
  col_content = "Nội dung tiêu chí",
  col_evidence = "Minh chứng",
  col_evidence_note = "(đây chỉ là các minh chứng gợi ý, đơn vị có thể cung cấp các minh chứng khác liên quan đến các chỉ tiêu cho phù hợp với thực tiễn của từng đơn vị; liệt kê từng minh chứng đã có vào ô tương ứng)",
  col_verdict = "Tự đánh giá, xếp loại (Đạt/Không đạt)",
  criterion = "Tiêu chí %s",
  indicator = "Chỉ tiêu %s",
  missing = "Chưa có minh chứng. Gợi ý:",
  review = "* Tự nhận xét, đánh giá:",
  strengths = "- Ưu điểm:",
  weaknesses = "- Tồn tại, hạn chế:",
  results = "- Kết quả tự đánh giá: ",
  results_na = "(không tính %d chỉ tiêu không áp dụng đối với đơn vị)",
  -- met/applicable (percent) for indicators, then for criteria
  met_line = "+ Số lượng các chỉ tiêu đạt %s (%s); số lượng các tiêu chí đạt %s (%s)",
  not_met_line = "+ Số lượng các chỉ tiêu không đạt %s (%s); số lượng các tiêu chí không đạt %s (%s)",
  level_line = "- Mức tự đánh giá Đơn vị học tập năm %s: %s",
  agreed = "Kết quả đánh giá, xếp loại trên đã được tất cả các thành viên của Hội đồng tự đánh giá nhất trí và ký tên vào biên bản.",
  closed = "Buổi tự đánh giá kết thúc vào hồi %s.",
  closed_blank = "Buổi tự đánh giá kết thúc vào hồi ….. giờ ….. ngày …./…../202…",
  sign1 = "THƯ KÝ", sign1_note = "(Ký, ghi rõ họ tên)",
  sign2 = "CÁC THÀNH VIÊN KHÁC", sign2_note = "(Ký, ghi rõ họ tên)",
  sign3 = "LÃNH ĐẠO ĐƠN VỊ", sign3_note = "(Ký, đóng dấu ghi rõ họ tên)",
}

-- Styles (doc_layout.lua: bold, italic, size, align, valign, border, wrap).
local CENTER = { align = "center" }
local BOLD_CENTER = { bold = true, align = "center" }
local ITALIC_CENTER = { italic = true, align = "center" }
local PARA = { align = "justify" }
local HEAD = { bold = true, align = "center", valign = "vcenter", border = { top = 1, left = 1, right = 1 } }
local HEAD_NOTE = { italic = true, align = "center", valign = "top", border = { bottom = 1, left = 1, right = 1 } }
local HEAD_EMPTY = { border = { bottom = 1, left = 1, right = 1 } }
local CELL = { border = true, valign = "top" }
local CELL_CENTER = { border = true, align = "center", valign = "vcenter" }
local CELL_BOLD = { border = true, bold = true, valign = "top" }
local CELL_BOLD_CENTER = { border = true, bold = true, align = "center", valign = "vcenter" }
local CELL_MISSING = { border = true, italic = true, valign = "top" }

-- "Ông/Bà Nguyễn Văn A" unless the name already says Ông or Bà.
local function person(name)
  if name:match("^Ông%s") or name:match("^Bà%s") or name:match("^Ông/Bà") then return name end
  return "Ông/Bà " .. name
end

local function header(doc, u, ctx)
  local D = ctx.D
  local m = u.meeting
  -- the national motto stays right under the nation's name, however many
  -- lines the names on the left take
  doc:block(2, {
    { span = "left", row = 1, text = m.co_quan_chu_quan and D.upper(m.co_quan_chu_quan) or L.text.governing, style = CENTER },
    { span = "left", row = 2, text = D.upper(u.name), style = BOLD_CENTER },
    { span = "right", row = 1, rows = 2, text = L.text.nation .. "\n" .. L.text.motto, style = BOLD_CENTER },
  })
  doc:gap(8)
  doc:line(D.date_line(u.place, u.date), ITALIC_CENTER, "right")
  doc:gap(10)
  doc:line(L.text.title, { bold = true, align = "center", size = L.title_size })
  doc:line(L.text.subtitle:format(tostring(u.year)), { bold = true, align = "center", size = L.title_size })
  doc:gap(10)
end

local function meeting(doc, u, ctx)
  local D, meta, m = ctx.D, ctx.plan.meta, u.meeting
  local plan_date = meta.plan_date and D.parse_datetime(meta.plan_date)
  doc:line(L.text.opening:format(meta.plan_ref or "……/KH-UBND",
    plan_date and ("%02d/%02d/%d"):format(plan_date.day, plan_date.month, plan_date.year) or "…./…./202….",
    meta.issuer or "…………", u.name, tostring(u.year)), PARA)
  local t = D.parse_datetime(m.thoi_gian_hop)
  if t then doc:line(L.text.time .. D.time_text(t))
  elseif m.thoi_gian_hop then doc:line(L.text.time .. m.thoi_gian_hop)
  else doc:line(L.text.time_blank) end
  doc:line(m.dia_diem_hop and (L.text.place .. m.dia_diem_hop) or L.text.place_blank)
  doc:line(L.text.members)
  doc:row_of {
    { "person", m.chu_tri and (L.text.chair .. person(m.chu_tri)) or doc:fill(L.text.chair_blank, "person") },
    { "role", m.chuc_vu_chu_tri and (L.text.role .. m.chuc_vu_chu_tri) or doc:fill(L.text.role_blank, "role") },
  }
  doc:row_of {
    { "person", m.thu_ky and (L.text.secretary .. person(m.thu_ky)) or doc:fill(L.text.secretary_blank, "person") },
    { "role", m.chuc_vu_thu_ky and (L.text.role .. m.chuc_vu_thu_ky) or doc:fill(L.text.role_blank, "role") },
  }
  doc:line(m.thanh_phan_khac and (L.text.others .. m.thanh_phan_khac) or L.text.others_blank, PARA)
  doc:line(L.text.results_intro)
end

-- The table header: the labels repeat on every page; the note under
-- "Minh chứng" is printed once (a row of its own, drawn without a line
-- between the two rows so that they read as one header).
local function table_header(doc)
  local first = doc:row_of {
    { "tt", L.text.col_tt, HEAD }, { "content", L.text.col_content, HEAD },
    { "evidence", L.text.col_evidence, HEAD }, { "verdict", L.text.col_verdict, HEAD },
  }
  doc:repeat_rows(first, first)
  doc:row_of {
    { "tt", "", HEAD_EMPTY }, { "content", "", HEAD_EMPTY },
    { "evidence", L.text.col_evidence_note, HEAD_NOTE }, { "verdict", "", HEAD_EMPTY },
  }
  -- the header starts a page with the first row under it
  doc:group(first, first + 2)
end

-- Evidence cell text and style for a group of rows without listed evidence.
local function hint_cell(u, hint, applies)
  if u.tracked and applies then
    return L.text.missing .. "\n" .. hint, CELL_MISSING
  end
  return hint, CELL
end

local function indicator_rows(doc, u, fi)
  local rows, n = fi.rows, #fi.rows
  local cells = {
    { span = "tt", row = 1, rows = n, text = L.text.indicator:format(tostring(fi.number)), style = CELL_BOLD, flow = true },
  }
  for i, row in ipairs(rows) do
    cells[#cells + 1] = { span = "content", row = i, text = row.text, style = CELL }
  end
  if fi.evidence ~= "" then
    cells[#cells + 1] = { span = "evidence", row = 1, rows = n, text = fi.evidence, style = CELL, flow = true }
  else
    local main_applies = rows[1].verdict ~= "Không áp dụng"
    local text, style = hint_cell(u, rows[1].hint, main_applies)
    cells[#cells + 1] = { span = "evidence", row = 1, rows = fi.main_rows, text = text, style = style, flow = true }
    for i = fi.main_rows + 1, n do
      text, style = hint_cell(u, rows[i].hint, rows[i].verdict ~= "Không áp dụng")
      cells[#cells + 1] = { span = "evidence", row = i, text = text, style = style, flow = i == n }
    end
  end
  if not fi.applicable then
    cells[#cells + 1] = { span = "verdict", row = 1, rows = n, text = rows[1].verdict, style = CELL_CENTER, flow = true }
  else
    for i, row in ipairs(rows) do
      cells[#cells + 1] = { span = "verdict", row = i, text = row.verdict, style = CELL_CENTER }
    end
  end
  doc:block(n, cells)
end

-- Returns the first row of the table's last block.
local function assessment_table(doc, u)
  table_header(doc)
  local last_block = doc.row
  for _, cf in ipairs(u.criteria) do
    last_block = doc.row
    -- a criterion's row stays on the page of its first indicator's first row
    local first = doc:row_of {
      { "tt", L.text.criterion:format(tostring(cf.number)), CELL_BOLD },
      { "content", cf.title, CELL_BOLD },
      { "evidence", "", CELL },
      { "verdict", cf.verdict, CELL_BOLD_CENTER },
    }
    if cf.indicators[1] then
      indicator_rows(doc, u, cf.indicators[1])
      doc:group(first, first + 1)
    end
    for i = 2, #cf.indicators do
      last_block = doc.row
      indicator_rows(doc, u, cf.indicators[i])
    end
  end
  return last_block
end

local function conclusion(doc, u, ctx)
  local c, p = u.counts, u.pct
  doc:gap(8)
  doc:keep(function()
    doc:line(L.text.review, { bold = true })
    doc:line(doc:fill(L.text.strengths))
    doc:line(doc:fill(""))
    doc:line(doc:fill(L.text.weaknesses))
    doc:line(doc:fill(""))
  end)
  doc:keep(function()
    doc:line(L.text.results .. (c.ind_na > 0 and L.text.results_na:format(c.ind_na) or ""))
    doc:line(L.text.met_line:format(("%d/%d"):format(c.ind_met, c.ind_app), p.ind_met,
      ("%d/%d"):format(c.crit_met, c.crit_app), p.crit_met))
    doc:line(L.text.not_met_line:format(("%d/%d"):format(c.ind_not, c.ind_app), p.ind_not,
      ("%d/%d"):format(c.crit_not, c.crit_app), p.crit_not))
    doc:line(L.text.level_line:format(tostring(u.year), u.result_label), { bold = true })
  end)
end

-- The closing lines and the signatures stay on one page.
local function signatures(doc, u, ctx)
  doc:keep(function()
    doc:line(L.text.agreed, PARA)
    local t = ctx.D.parse_datetime(u.meeting.ket_thuc_hop)
    if t then doc:line(L.text.closed:format(ctx.D.time_text(t)))
    elseif u.meeting.ket_thuc_hop then doc:line(L.text.closed:format(u.meeting.ket_thuc_hop))
    else doc:line(L.text.closed_blank) end
    doc:gap(14)
    doc:row_of {
      { "sign1", L.text.sign1, BOLD_CENTER }, { "sign2", L.text.sign2, BOLD_CENTER },
      { "sign3", L.text.sign3, BOLD_CENTER },
    }
    doc:row_of {
      { "sign1", L.text.sign1_note, ITALIC_CENTER }, { "sign2", L.text.sign2_note, ITALIC_CENTER },
      { "sign3", L.text.sign3_note, ITALIC_CENTER },
    }
    doc:gap(72)
    doc:row_of {
      { "sign1", u.meeting.thu_ky or "", BOLD_CENTER }, { "sign2", "", BOLD_CENTER },
      { "sign3", u.meeting.lanh_dao_don_vi or "", BOLD_CENTER },
    }
  end)
end

function L.draw(doc, u, ctx)
  header(doc, u, ctx)
  meeting(doc, u, ctx)
  local last_block = assessment_table(doc, u)
  conclusion(doc, u, ctx)
  signatures(doc, u, ctx)
  -- the table's last rows go with the conclusion when it all fits on a
  -- page: the header rows repeated on a page of signatures only look wrong
  doc:group(last_block, doc.row - 1, true)
end

return L
