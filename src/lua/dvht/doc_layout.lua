-- doc_layout.lua - drawing administrative documents (minutes, report,
-- evidence guide) on a worksheet: a grid of columns given in millimetres,
-- named spans of that grid, Times New Roman formats, and row heights
-- estimated from the wrapped text, so that a printed page shows every text
-- whole (a spreadsheet does not grow a row by itself once a height is set,
-- and LibreOffice/Excel never split a row across pages).
--
-- The layouts (layout_*.lua) call only what is here and the worksheet
-- methods of dvht.workbook; an office edits a layout, not this file.
local core = require "dvht.core"

local M = {}

M.FONT = "Times New Roman"
M.MAX_ROW_PT = 409          -- Excel's highest row
M.LINE_FACTOR = 1.155       -- line pitch / font size (Times New Roman: LibreOffice 1.108, Excel 1.15)
M.ROW_PAD_PT = 3            -- room above and below the text of a cell
M.CELL_PAD_PT = 6           -- left + right inner margins of a cell (LibreOffice)
M.EXCEL_PAD_PT = 3          -- the same in Excel
M.BOLD_FACTOR = 1.08        -- bold text is wider than regular
M.FLOW_CHUNK_PT = 160       -- a long flowing text is cut into rows about this high

-- Column widths are stored in characters of the workbook's default font
-- (Calibri 11). Excel draws a character as 7 pixels (5.25 pt); LibreOffice
-- measures the digit of Carlito, Calibri's metric twin: 5.577 pt. A grid
-- column of n mm is as wide as n mm in LibreOffice and about 6 % narrower in
-- Excel; heights are estimated for the narrower Excel column, so that a
-- text shows whole in both.
M.LO_CHAR_PT = 5.577
M.EXCEL_CHAR_PT = 5.25

-- Advance widths of Times New Roman (1/1000 em) for ASCII 32..126.
local ASCII = {
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
  500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
  921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
  556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
  333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
  500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
}

-- Vietnamese letters: lower case, the same in upper case, and the base letter.
local VI_LOWER = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
local VI_UPPER = "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ"
local VI_BASE = "aaaaaaaaaaaaaaaaaaeeeeeeeeeeeeiiiiiioooooooooooooooooouuuuuuuuuuuuyyyyyyd"

local TO_UPPER, WIDTH = {}, {}
do
  local lows, ups = {}, {}
  for _, c in utf8.codes(VI_LOWER) do lows[#lows + 1] = c end
  for _, c in utf8.codes(VI_UPPER) do ups[#ups + 1] = c end
  for i, lc in ipairs(lows) do
    local base = VI_BASE:byte(i)
    TO_UPPER[lc] = ups[i]
    WIDTH[lc] = ASCII[base - 31]
    WIDTH[ups[i]] = ASCII[base - 32 - 31]
  end
  for c = 32, 126 do WIDTH[c] = ASCII[c - 31] end
  for c = 97, 122 do TO_UPPER[c] = c - 32 end
  WIDTH[0x01A1], WIDTH[0x01B0] = 560, 560  -- ơ ư: the horn adds a little
  WIDTH[0x2026] = 1000                     -- …
  WIDTH[0x2013], WIDTH[0x2014] = 500, 1000 -- – —
  WIDTH[0x201C], WIDTH[0x201D] = 444, 444  -- “ ”
  WIDTH[0x2018], WIDTH[0x2019] = 333, 333  -- ‘ ’
  WIDTH[0xA0] = 250
end
local DEFAULT_WIDTH = 556

-- Upper case, Vietnamese letters included ("Trường Mầm non" -> "TRƯỜNG MẦM NON").
function M.upper(s)
  local out = {}
  for _, c in utf8.codes(s) do out[#out + 1] = utf8.char(TO_UPPER[c] or c) end
  return table.concat(out)
end

-- Width of a text in points at a font size.
function M.text_width(s, size, bold)
  local units = 0
  for _, c in utf8.codes(s) do units = units + (WIDTH[c] or DEFAULT_WIDTH) end
  return units * size / 1000 * (bold and M.BOLD_FACTOR or 1)
end

-- Number of lines one paragraph takes when wrapped at width_pt (greedy, by
-- words; a word longer than a line is broken, as spreadsheets do).
local function paragraph_lines(par, width_pt, size, bold)
  if par == "" then return 1 end
  local space = M.text_width(" ", size, bold)
  local lines, used = 1, 0
  for word in par:gmatch("%S+") do
    local w = M.text_width(word, size, bold)
    local need = used > 0 and used + space + w or w
    if need <= width_pt then
      used = need
    else
      if used > 0 then lines = lines + 1 end
      while w > width_pt do
        lines = lines + 1
        w = w - width_pt
      end
      used = w
    end
  end
  -- leading spaces (" - Bảng chấm công") take room too
  local lead = #(par:match("^ *"))
  if lead > 0 and used + lead * space > width_pt then lines = lines + 1 end
  return lines
end

-- Lines of each paragraph of text ("\n" separated): list of counts.
function M.paragraphs(text, width_pt, size, bold)
  local out = {}
  text = tostring(text or "")
  for par in (text .. "\n"):gmatch("(.-)\n") do
    out[#out + 1] = { text = par, lines = paragraph_lines(par, width_pt, size, bold) }
  end
  return out
end

-- Height in points that shows text whole in a cell of inner width width_pt.
function M.text_height(text, width_pt, size, bold)
  local n = 0
  for _, p in ipairs(M.paragraphs(text, width_pt, size, bold)) do n = n + p.lines end
  return n * size * M.LINE_FACTOR + M.ROW_PAD_PT
end

-- A grid column of mm millimetres: the width to give set_column, and its
-- width in points in LibreOffice and in Excel.
function M.column_width(mm)
  local px = math.floor(mm * 72 / 25.4 / M.LO_CHAR_PT * 7)  -- stored width x 7, never wider than mm
  local w = math.max(0, (px - 5) / 7)
  return w, px / 7 * M.LO_CHAR_PT, px / 7 * M.EXCEL_CHAR_PT
end

-- Dotted placeholders ---------------------------------------------------------

M.DOT = "…"

function M.dots(n) return M.DOT:rep(n) end

-- Dates -----------------------------------------------------------------------

local function valid_date(d, m, y)
  if not (d and m and y) or m < 1 or m > 12 or d < 1 or y < 1900 or y > 2200 then return nil end
  local days = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
  if y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0) then days[2] = 29 end
  if d > days[m] then return nil end
  return { day = d, month = m, year = y }
end

-- Excel serial day number -> date (1900 system; serial 60 does not exist).
local function from_serial(n)
  local days = math.floor(n)
  if days < 61 or days > 109574 then return nil end
  local z = days - 25569 + 719468  -- days since 0000-03-01 (1970-01-01 is serial 25569)
  local era = z // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400 + (m <= 2 and 1 or 0)
  local t = valid_date(d, m, y)
  if t then
    local mins = math.floor((n - days) * 1440 + 0.5)
    if mins > 0 and mins < 1440 then t.hour, t.minute = mins // 60, mins % 60 end
  end
  return t
end

-- Reads "15/01/2025", "15-01-2025", "15.01.2025", "2025-01-15", an Excel
-- serial (45672, 45672.5833), each optionally with a time "14:00", "14h00",
-- "14 giờ 00" before or after it. Returns { day, month, year, hour?, minute? }
-- or nil.
function M.parse_datetime(s)
  if s == nil then return nil end
  s = core.trim(tostring(s))
  if s == "" then return nil end
  local serial = tonumber(s)
  if serial then return from_serial(serial) end
  local t
  local y, m, d = s:match("(%d%d%d%d)%-(%d%d?)%-(%d%d?)")
  if y then
    t = valid_date(tonumber(d), tonumber(m), tonumber(y))
  else
    d, m, y = s:match("(%d%d?)[/%.%-](%d%d?)[/%.%-](%d%d%d%d)")
    if d then t = valid_date(tonumber(d), tonumber(m), tonumber(y)) end
    if not t then
      d, m, y = s:match("ngày%s*(%d%d?)%s*tháng%s*(%d%d?)%s*năm%s*(%d%d%d%d)")
      if d then t = valid_date(tonumber(d), tonumber(m), tonumber(y)) end
    end
  end
  if not t then return nil end
  local rest = s:gsub("%d%d?%d?%d?[/%.%-]%d%d?[/%.%-]%d%d?%d?%d?", " ")
  local hh, mm = rest:match("(%d%d?)%s*[:hH]%s*(%d%d)")
  if not hh then hh, mm = rest:match("(%d%d?)%s*giờ%s*(%d%d?)") end
  if not hh then hh = rest:match("(%d%d?)%s*giờ") mm = hh and "0" end
  if hh and tonumber(hh) < 24 and tonumber(mm) < 60 then
    t.hour, t.minute = tonumber(hh), tonumber(mm)
  end
  return t
end

-- Nghị định 30/2020: a day below 10 and the months 1 and 2 take a leading zero.
function M.day_text(d) return ("%02d"):format(d) end

function M.month_text(m) return m <= 2 and ("%02d"):format(m) or tostring(m) end

-- "Hà Nội, ngày 05 tháng 02 năm 2025"; without a date: dotted.
function M.date_line(place, date)
  place = (place and place ~= "") and place or M.dots(6)
  if not date then
    return ("%s, ngày %s tháng %s năm %s"):format(place, M.dots(3), M.dots(3), M.dots(4))
  end
  return ("%s, ngày %s tháng %s năm %d"):format(place, M.day_text(date.day), M.month_text(date.month), date.year)
end

-- "14 giờ 00 ngày 15 tháng 01 năm 2025" (the wording of the minutes).
function M.time_text(t)
  local out = ""
  if t.hour then out = ("%d giờ %02d "):format(t.hour, t.minute) end
  return out .. ("ngày %s tháng %s năm %d"):format(M.day_text(t.day), M.month_text(t.month), t.year)
end

-- The document ----------------------------------------------------------------
--
-- Cells are collected, then written by finish(): the page breaks are known
-- only once every row height is, and a row that starts a printed page gets
-- the top line its table cells need there.

local Doc = {}
Doc.__index = Doc

-- layout: { grid = { mm, ... }, spans = { name = { first, last } },
--           font = "Times New Roman", size = 13, page = { ... } }
function M.new(wb, ws, layout)
  local d = setmetatable({
    wb = wb, ws = ws, row = 0, layout = layout,
    font = layout.font or M.FONT, size = layout.size or 13,
    spans = layout.spans or {}, grid_pt = {}, grid_excel_pt = {}, fmts = {}, heights = {},
    cells = {}, groups = {},
  }, Doc)
  for i, mm in ipairs(layout.grid) do
    local w, lo, excel = M.column_width(mm)
    ws:set_column(i - 1, i - 1, w)
    d.grid_pt[i], d.grid_excel_pt[i] = lo, excel
  end
  d.ncols = #layout.grid
  d.spans.all = d.spans.all or { 1, d.ncols }
  return d
end

-- A span: a name of layout.spans or { first, last } (1-based grid columns).
-- Returns the 0-based first and last column.
function Doc:span(s)
  local t = type(s) == "table" and s or self.spans[s]
  if not t then error(("bố cục: không có vùng cột \"%s\""):format(tostring(s)), 2) end
  local a, b = t[1], t[2] or t[1]
  if a < 1 or b > self.ncols or a > b then
    error(("bố cục: vùng cột \"%s\" = {%d, %d} nằm ngoài lưới %d cột"):format(tostring(s), a, b, self.ncols), 2)
  end
  return a - 1, b - 1
end

-- Inner text width of a span in points: the narrower of LibreOffice's and
-- Excel's, so that the estimated height shows the text whole in both.
function Doc:inner_width(c1, c2)
  local lo, excel = 0, 0
  for c = c1 + 1, c2 + 1 do
    lo, excel = lo + self.grid_pt[c], excel + self.grid_excel_pt[c]
  end
  return math.max(1, math.min(lo - M.CELL_PAD_PT, excel - M.EXCEL_PAD_PT))
end

local function border_sides(b)
  if b == true or b == 1 then return { top = 1, bottom = 1, left = 1, right = 1 } end
  if type(b) ~= "table" then return nil end
  local t = {}
  for side, v in pairs(b) do t[side] = v == true and 1 or v end
  return t
end

-- Style (table) -> format, cached. Keys: bold, italic, underline, size,
-- align, valign, border (true = thin on every side, or { top, bottom, left,
-- right }), wrap (default true), color, indent.
function Doc:fmt(style)
  style = style or {}
  local parts = {}
  for k, v in pairs(style) do
    if type(v) == "table" then
      local sub = {}
      for k2, v2 in pairs(v) do sub[#sub + 1] = k2 .. "=" .. tostring(v2) end
      table.sort(sub)
      v = "{" .. table.concat(sub, ",") .. "}"
    end
    parts[#parts + 1] = k .. "=" .. tostring(v)
  end
  table.sort(parts)
  local key = table.concat(parts, ";")
  local f = self.fmts[key]
  if f then return f end
  local spec = { font = self.font, size = style.size or self.size, valign = style.valign or "top",
    wrap = style.wrap ~= false, bold = style.bold or nil, italic = style.italic or nil,
    underline = style.underline or nil, align = style.align, color = style.color, indent = style.indent,
    border = border_sides(style.border) }
  f = self.wb:format(spec)
  self.fmts[key] = f
  return f
end

local function style_size(doc, style) return (style and style.size) or doc.size end

-- Lines of a text in a span, paragraph by paragraph.
local function paragraphs_of(doc, text, c1, c2, style)
  return M.paragraphs(text or "", doc:inner_width(c1, c2), style_size(doc, style), style and style.bold)
end

local function lines_height(doc, lines, style)
  return lines * style_size(doc, style) * M.LINE_FACTOR + M.ROW_PAD_PT
end

-- The style of one piece of a cell drawn over several rows: the outer
-- lines only, none between the pieces.
local function piece_style(style, first, last)
  local s = {}
  for k, v in pairs(style or {}) do s[k] = v end
  local b = border_sides(s.border)
  if b then
    s.border = { left = b.left, right = b.right, top = first and b.top or nil, bottom = last and b.bottom or nil }
  end
  return s
end

-- Draws n rows at once. cells: { { span =, text =, style =, row = 1,
-- rows = 1, flow = bool }, ... }: row is the first row of the cell in the
-- block, rows how many it covers. A cell over several rows is merged, or,
-- with flow = true, its paragraphs are poured into the rows one after the
-- other (no merge: the block may then break across pages between its rows
-- without cutting a text). What a flowing cell that ends on the last row
-- cannot fit there goes into rows added at the end of the block, a
-- paragraph each, drawn without lines between them. Returns the first row
-- (0-based) of the block.
function Doc:block(n, cells)
  local lh = self.size * M.LINE_FACTOR
  local h = {}
  for i = 1, n do h[i] = lh + M.ROW_PAD_PT end
  local items, merged, flows = {}, {}, {}
  for _, cell in ipairs(cells) do
    local c1, c2 = self:span(cell.span)
    local r1 = cell.row or 1
    local it = { c1 = c1, c2 = c2, r1 = r1, r2 = r1 + (cell.rows or 1) - 1, text = cell.text, style = cell.style }
    if it.r1 == it.r2 and not cell.flow then
      local need = lines_height(self, 0, it.style)
      for _, p in ipairs(paragraphs_of(self, it.text, c1, c2, it.style)) do need = need + p.lines * style_size(self, it.style) * M.LINE_FACTOR end
      h[r1] = math.max(h[r1], math.min(need, M.MAX_ROW_PT))
      items[#items + 1] = it
    elseif cell.flow then
      flows[#flows + 1] = it
    else
      merged[#merged + 1] = it
    end
  end
  -- flowing cells: paragraphs go down the rows; a row grows for its first
  -- paragraph, the last row (or rows added after it) for the rest
  local extra = 0
  local others = {}  -- row heights the other cells ask for
  for i = 1, n do others[i] = h[i] end
  for _, it in ipairs(flows) do
    local size = style_size(self, it.style)
    local plh = size * M.LINE_FACTOR
    local pieces = { {} }
    local row, used = it.r1, 0
    for _, p in ipairs(paragraphs_of(self, it.text, it.c1, it.c2, it.style)) do
      local cap = h[row] or (lh + M.ROW_PAD_PT)
      -- a paragraph that does not fit in the row goes to the next row of
      -- the cell; on the block's last row, once this text is what makes the
      -- row high, it opens a row of its own (where a page may break)
      local need = (used + p.lines) * plh + M.ROW_PAD_PT
      local tail = it.r2 == n and row >= n and used * plh + M.ROW_PAD_PT >= (others[row] or 0)
      if used > 0 and need > cap and (row < it.r2 or (tail and need > M.FLOW_CHUNK_PT)) then
        row, used = row + 1, 0
        pieces[#pieces + 1] = {}
        if row > n + extra then extra = extra + 1 end
      end
      local piece = pieces[#pieces]
      piece[#piece + 1] = p.text
      used = used + p.lines
      local need = used * plh + M.ROW_PAD_PT
      h[row] = math.max(h[row] or (lh + M.ROW_PAD_PT), math.min(need, M.MAX_ROW_PT))
    end
    it.pieces = pieces
  end
  for i = n + 1, n + extra do h[i] = h[i] or (lh + M.ROW_PAD_PT) end
  -- merged cells over several rows take the height they miss from their rows
  table.sort(merged, function(a, b) return (a.r2 - a.r1) < (b.r2 - b.r1) end)
  for _, it in ipairs(merged) do
    local need = 0
    for _, p in ipairs(paragraphs_of(self, it.text, it.c1, it.c2, it.style)) do need = need + p.lines end
    need = lines_height(self, need, it.style)
    local sum = 0
    for i = it.r1, it.r2 do sum = sum + h[i] end
    if sum < need then
      local add = (need - sum) / (it.r2 - it.r1 + 1)
      for i = it.r1, it.r2 do h[i] = math.min(M.MAX_ROW_PT, h[i] + add) end
    end
  end
  local top = self.row
  local total = n + extra
  local function add(r1, c1, r2, c2, text, style)
    self.cells[#self.cells + 1] = { r1 = top + r1 - 1, c1 = c1, r2 = top + r2 - 1, c2 = c2, text = text, style = style }
  end
  for _, it in ipairs(items) do
    if extra > 0 and it.r2 == n then
      -- continued by empty pieces down the added rows
      add(it.r1, it.c1, it.r1, it.c2, it.text, piece_style(it.style, true, false))
      for i = n + 1, total do add(i, it.c1, i, it.c2, "", piece_style(it.style, false, i == total)) end
    else
      add(it.r1, it.c1, it.r2, it.c2, it.text, it.style)
    end
  end
  for _, it in ipairs(merged) do
    add(it.r1, it.c1, it.r2 == n and total or it.r2, it.c2, it.text, it.style)
  end
  for _, it in ipairs(flows) do
    local last = it.r2 == n and total or it.r2
    for i = it.r1, last do
      local piece = it.pieces[i - it.r1 + 1]
      add(i, it.c1, i, it.c2, piece and table.concat(piece, "\n") or "", piece_style(it.style, i == it.r1, i == last))
    end
  end
  for i = 1, total do
    local hh = math.ceil(h[i] * 4) / 4
    self.ws:set_row(top + i - 1, hh)
    self.heights[top + i] = hh
  end
  self.row = top + total
  if #merged > 0 then self.groups[#self.groups + 1] = { top, top + total - 1 } end
  return top
end

-- One row of cells: { { span, text, style }, ... }.
function Doc:row_of(cells)
  local list = {}
  for _, c in ipairs(cells) do
    list[#list + 1] = { span = c.span or c[1], text = c.text or c[2], style = c.style or c[3] }
  end
  return self:block(1, list)
end

-- One text over a span (default: the whole width).
function Doc:line(text, style, span)
  return self:block(1, { { span = span or "all", text = text, style = style } })
end

-- An empty row of height pt.
function Doc:gap(pt)
  local r = self.row
  pt = pt or self.size * M.LINE_FACTOR
  self.ws:set_row(r, pt)
  self.heights[r + 1] = pt
  self.row = r + 1
  return r
end

-- prefix followed by dots up to the end of the line of span (for handwriting).
function Doc:fill(prefix, span, style)
  local c1, c2 = self:span(span or "all")
  style = style or {}
  local size = style.size or self.size
  local room = self:inner_width(c1, c2) - M.text_width(prefix, size, style.bold)
  local dot = M.text_width(M.DOT, size, style.bold)
  local n = math.floor(room / dot) - 1
  if n < 3 then return prefix end
  return prefix .. M.dots(n)
end

-- Rows repeated at the top of every printed page (0-based, inclusive).
function Doc:repeat_rows(r1, r2)
  self.repeat_first, self.repeat_last = r1, r2 or r1
end

-- Keeps the rows drawn by fn on one printed page when they fit on one.
-- opts.soft: only when the whole group (with what it must stay with) fits
-- on a page; otherwise the group is ignored and its rows flow.
function Doc:keep(fn, opts)
  local first = self.row
  fn()
  self:group(first, self.row - 1, opts and opts.soft)
end

-- Keeps rows first .. last (0-based) on one printed page (see keep).
function Doc:group(first, last, soft)
  if last > first then self.groups[#self.groups + 1] = { first, last, soft = soft or nil } end
end

-- Paper sizes (mm), portrait.
M.PAPER_MM = { A4 = { 210, 297 }, A3 = { 297, 420 }, A5 = { 148, 210 }, LETTER = { 215.9, 279.4 },
  LEGAL = { 215.9, 355.6 } }
M.PAGE_SAFETY_PT = 6  -- rounding of row heights by the spreadsheet programs

-- Manual page breaks that keep every group (rows drawn inside doc:keep, a
-- block with merged rows) on one page, as a word processor keeps a table
-- row whole. Rows are placed the way LibreOffice does: the printable height
-- is the paper minus the top and bottom margins (the page header prints
-- inside the top margin) and the repeated rows come first on every page
-- after the one where they stand.
function Doc:page_breaks(page)
  local paper = M.PAPER_MM[tostring(page.paper or "A4"):upper()]
  if not paper then return {} end
  local m = page.margins or {}
  local height_mm = page.landscape and paper[1] or paper[2]
  local avail = (height_mm - (m.top or 20) - (m.bottom or 20)) * 72 / 25.4 - M.PAGE_SAFETY_PT
  local h = {}
  for r = 0, self.row - 1 do h[r] = self.heights[r + 1] or 15 end
  local rep = 0
  if self.repeat_first then
    for r = self.repeat_first, self.repeat_last do rep = rep + h[r] end
  end
  -- the last row each row must stay with: hard groups, then the soft
  -- groups whose extent still fits on a page
  local reach = {}
  local function apply(g)
    for r = g[1], g[2] do reach[r] = math.max(reach[r] or r, g[2]) end
  end
  for _, g in ipairs(self.groups) do
    if not g.soft then apply(g) end
  end
  for _, g in ipairs(self.groups) do
    if g.soft then
      local e, total = g[2], 0
      for r = g[1], g[2] do e = math.max(e, reach[r] or r) end
      for r = g[1], e do total = total + h[r] end
      if total <= avail - rep then apply({ g[1], e }) end
    end
  end
  local breaks, y, page_top = {}, 0, 0
  local r = 0
  while r < self.row do
    -- the segment r .. e: overlapping groups are chained
    local e = reach[r] or r
    local k = r
    while k <= e do
      if reach[k] and reach[k] > e then e = reach[k] end
      k = k + 1
    end
    local seg = 0
    for i = r, e do seg = seg + h[i] end
    local top = (self.repeat_last and r > self.repeat_last) and rep or 0
    if y + seg > avail and y > page_top and seg <= avail - top then
      breaks[#breaks + 1] = r
      y, page_top = top, top
    end
    for i = r, e do
      if y + h[i] > avail and y > page_top then
        breaks[#breaks + 1] = i
        local t = (self.repeat_last and i > self.repeat_last) and rep or 0
        y, page_top = t, t
      end
      y = y + h[i]
    end
    r = e + 1
  end
  return breaks
end

-- The lines a table needs where a page breaks: a row that starts a page
-- gets its top line, the row before the break its bottom line.
local function close_at_breaks(cells, breaks)
  local starts, ends = {}, {}
  for _, b in ipairs(breaks) do starts[b], ends[b - 1] = true, true end
  for _, c in ipairs(cells) do
    local b = border_sides(c.style and c.style.border)
    if b and (b.left or b.right) and (starts[c.r1] or ends[c.r2]) then
      local s = {}
      for k, v in pairs(c.style) do s[k] = v end
      s.border = { left = b.left, right = b.right, top = b.top, bottom = b.bottom }
      if starts[c.r1] then s.border.top = s.border.top or 1 end
      if ends[c.r2] then s.border.bottom = s.border.bottom or 1 end
      c.style = s
    end
  end
end

-- Page setup, page breaks, then the cells. page = { paper, landscape,
-- margins = { top, bottom, left, right } (mm), header, footer, fit_width,
-- keep_together = false to leave the breaks to the spreadsheet program }.
function Doc:finish(page)
  page = page or self.layout.page or {}
  local setup = {
    paper = page.paper or "A4",
    landscape = page.landscape or false,
    margins = page.margins or { top = 20, bottom = 20, left = 30, right = 15 },
    fit_width = page.fit_width or 1,
    fit_height = 0,
    header = page.header,
    footer = page.footer,
    center_horizontally = page.center_horizontally,
    start_page = page.start_page or 1,  -- every document (sheet) is numbered from 1
  }
  if self.repeat_first then setup.repeat_rows = { self.repeat_first, self.repeat_last } end
  self.ws:print_setup(setup)
  if page.keep_together ~= false and self.ws.page_breaks then
    local breaks = self:page_breaks(setup)
    if #breaks > 0 then
      self.ws:page_breaks(breaks)
      close_at_breaks(self.cells, breaks)
    end
  end
  for _, c in ipairs(self.cells) do
    local fmt = self:fmt(c.style)
    if c.r1 == c.r2 and c.c1 == c.c2 then
      self.ws:write(c.r1, c.c1, c.text or "", fmt)
    else
      self.ws:merge(c.r1, c.c1, c.r2, c.c2, c.text or "", fmt)
    end
  end
end

return M
