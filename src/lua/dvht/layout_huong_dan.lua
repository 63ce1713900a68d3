-- layout_huong_dan.lua - the evidence guide ("Hướng dẫn thu thập và sắp xếp
-- minh chứng") of the official form: every criterion and indicator of the
-- plan with the suggested evidence and the code to file it under.
--
-- An office may change this file without recompiling dvht: copy it, edit
-- the copy and print with  dvht huong-dan-minh-chung --layout sua.lua ...
-- Sizes: grid columns in mm (they add up to the printable width), fonts in
-- points, margins in mm (Nghị định 30/2020).
-- draw(doc, g, ctx) receives the document (doc_layout.lua), the guide
-- g = { year, criteria = { { number, title, indicators = { { number,
-- code, rows = { { kind, text, hint, code } } } } } } } and ctx.

local L = {}

L.size = 13
L.title_size = 14

L.page = {
  paper = "A4", landscape = false,
  margins = { top = 20, bottom = 20, left = 30, right = 15 },
  header = "&C&\"Times New Roman,Regular\"&13&P",
}

-- 165 mm: TT | Nội dung tiêu chí | Minh chứng | Ký hiệu minh chứng
L.grid = { 23, 68, 50, 24 }
L.spans = { tt = { 1, 1 }, content = { 2, 2 }, evidence = { 3, 3 }, code = { 4, 4 } }

-- Texts of the form (the two double spaces are the form's).
L.text = {
  title = "HƯỚNG DẪN THU THẬP VÀ SẮP XẾP  MINH CHỨNG",
  note = "( Lưu ý: Đây  chỉ là các minh chứng mang tính gợi ý; đơn vị có thể cung cấp các minh chứng khác liên quan đến các chỉ tiêu cho phù hợp với thực tiễn của từng đơn vị; liệt kê từng minh chứng đã có vào ô tương ứng)",
  col_tt = "TT",
  col_content = "Nội dung tiêu chí",
  col_evidence = "Minh chứng",
  col_code = "Ký hiệu minh chứng",
  criterion = "Tiêu chí %s",
  indicator = "Chỉ tiêu %s",
}

local HEAD = { bold = true, align = "center", valign = "vcenter", border = true }
local CELL = { border = true, valign = "top" }
local CELL_BOLD = { border = true, bold = true, valign = "top" }
local CELL_CODE = { border = true, align = "center", valign = "vcenter" }

local function indicator_rows(doc, gi)
  local rows, n = gi.rows, #gi.rows
  local cells = {
    { span = "tt", row = 1, rows = n, text = L.text.indicator:format(tostring(gi.number)), style = CELL_BOLD, flow = true },
  }
  for i, row in ipairs(rows) do
    cells[#cells + 1] = { span = "content", row = i, text = row.text, style = CELL }
  end
  -- the indicator's own rows share one hint and one code; each extra row
  -- (the preschool rows) has its own
  cells[#cells + 1] = { span = "evidence", row = 1, rows = gi.main_rows, text = rows[1].hint, style = CELL,
    flow = true }
  cells[#cells + 1] = { span = "code", row = 1, rows = gi.main_rows, text = gi.code, style = CELL_CODE, flow = true }
  for i = gi.main_rows + 1, n do
    cells[#cells + 1] = { span = "evidence", row = i, text = rows[i].hint, style = CELL, flow = i == n }
    cells[#cells + 1] = { span = "code", row = i, text = gi.code, style = CELL_CODE }
  end
  doc:block(n, cells)
end

function L.draw(doc, g, ctx)
  doc:line(L.text.title, { bold = true, align = "center", size = L.title_size })
  doc:gap(6)
  doc:line(L.text.note, { italic = true, align = "justify" })
  doc:gap(8)
  local head = doc:row_of {
    { "tt", L.text.col_tt, HEAD }, { "content", L.text.col_content, HEAD },
    { "evidence", L.text.col_evidence, HEAD }, { "code", L.text.col_code, HEAD },
  }
  doc:repeat_rows(head, head)
  doc:group(head, head + 1)
  for _, c in ipairs(g.criteria) do
    local first = doc:row_of {
      { "tt", L.text.criterion:format(tostring(c.number)), CELL_BOLD },
      { "content", c.title, CELL_BOLD },
      { "evidence", "", CELL },
      { "code", "", CELL },
    }
    for i, gi in ipairs(c.indicators) do
      indicator_rows(doc, gi)
      if i == 1 then doc:group(first, first + 1) end
    end
  end
end

return L
