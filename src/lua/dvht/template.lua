-- template.lua - the data-entry workbook units fill in, laid out from the
-- plan: an instructions sheet, one sheet per table kind ("Đơn vị",
-- "Thành viên", "Minh chứng") headed by the plan's column labels, and a
-- hidden sheet of lists that the dropdowns point to (libxlsxwriter 1.1.4
-- cannot write non-ASCII inline lists safely).
--
-- The header row is frozen and locked (sheet protection without password);
-- every cell below it stays editable. The workbook holds no data rows, so
-- reading it back before it is filled gives no unit.
local workbook = require "dvht.workbook"
local assess = require "dvht.assess"

local M = {}

local FONT = "Times New Roman"
local LISTS = "Danh mục"      -- hidden sheet of dropdown lists
local GUIDE = "Hướng dẫn"
local LAST_ROW = 1048575        -- validations and formats cover the whole column
local YES, NO = "Có", "Không"

-- Excel limits on validation texts (UTF-16 units; Vietnamese stays in the BMP).
local TITLE_MAX, MESSAGE_MAX = 32, 255

local function clip(s, n)
  if utf8.len(s) <= n then return s end
  return s:sub(1, utf8.offset(s, n) - 1) .. "…"
end

local function excel_col(c) -- 0-based -> "A", "AB"
  return require("dvht.input").column_letters(c + 1)
end

local function sheet_ref(sheet, col, first, last)
  return ("='%s'!$%s$%d:$%s$%d"):format(sheet:gsub("'", "''"), excel_col(col), first + 1, excel_col(col), last + 1)
end

-- Lists ------------------------------------------------------------------------------

-- The dropdown lists, one column each of the hidden sheet (title in row 1):
-- { { name =, title =, items = { ... } } ... }.
local function list_columns(plan)
  local cols, seen = {}, {}
  local function add(name, title, items)
    if #items > 0 and not seen[name] then
      cols[#cols + 1] = { name = name, title = title, items = items }
      seen[name] = true
    end
  end
  local types = {}
  for _, t in ipairs(plan.unit_type_list) do types[#types + 1] = t.label end
  add("unit_type", "Loại đơn vị", types)
  add("yes_no", "Có/không", { YES, NO })
  for _, kind in ipairs(plan.table_kind_list) do
    for _, col in ipairs(kind.columns) do
      if col.type == "choice" then
        local items = {}
        for _, ch in ipairs(col.choices or {}) do items[#items + 1] = ch.label end
        add("choice:" .. col.key, col.label, items)
      end
    end
  end
  local codes = {}
  for _, ind in ipairs(plan.indicators) do
    if ind.evidence then codes[#codes + 1] = ind.evidence end
  end
  add("evidence", "Mã minh chứng", codes)
  return cols
end

-- { [list name] = range formula } of the columns above.
local function list_refs(cols)
  local refs = {}
  for c, l in ipairs(cols) do refs[l.name] = sheet_ref(LISTS, c - 1, 1, #l.items) end
  return refs
end

local function write_lists(wb, F, cols)
  local ws = wb:add_sheet(LISTS)
  for c, l in ipairs(cols) do
    ws:write(0, c - 1, l.title, F.head)
    for r, item in ipairs(l.items) do ws:write(r, c - 1, item, F.plain) end
  end
  ws:set_column(0, math.max(#cols, 1) - 1, 30)
  ws:hide()
end

-- Data sheets --------------------------------------------------------------------------

local function count_note(col, plan)
  local parts = { ("Nhập số nguyên từ %d trở lên."):format(col.min or 0) }
  local total = col.total and plan.columns[col.total]
  if total then parts[#parts + 1] = ("Không lớn hơn \"%s\"."):format(total.label) end
  return table.concat(parts, " ")
end

-- How to fill one column, for the input message and the instructions.
local function how_to(plan, kind, col)
  local s
  if col.type == "count" then
    s = count_note(col, plan)
  elseif col.type == "yes_no" then
    local by_type = false
    for _, t in ipairs(kind == plan.units_table and plan.unit_type_list or {}) do
      by_type = by_type or (t.defaults and t.defaults[col.key] ~= nil)
    end
    if by_type then
      s = "Chọn Có hoặc Không (để trống thì lấy giá trị mặc định theo loại đơn vị)."
    else
      s = ("Chọn Có hoặc Không (để trống là %s)."):format(col.default == true and "Có" or "Không")
    end
  elseif col.type == "unit_type" then
    s = "Chọn loại đơn vị trong danh sách."
  elseif col.type == "choice" then
    s = "Chọn một giá trị trong danh sách."
  elseif kind == plan.units_table and col.key == plan.code_key then
    s = "Mã riêng của đơn vị, không trùng với đơn vị khác."
  elseif kind == plan.units_table and col.key == plan.name_key then
    s = "Tên đầy đủ của đơn vị."
  elseif col.key == plan.code_key then
    s = "Mã đơn vị, đúng như ở trang \"" .. (plan.units_table.label or "Đơn vị") .. "\"."
  elseif col.key == "ma_minh_chung" and not col.note then
    s = "Mã minh chứng (TC1-01 …)."
  elseif not col.note then
    s = "Nhập chữ."
  end
  if col.note then s = (s and s .. " " or "") .. col.note .. "." end
  if col.required then s = s .. " Bắt buộc." end
  return s
end
M.how_to = how_to

local function width_of(plan, col)
  if col.key == plan.name_key or col.key == "ho_ten" or col.key == "ten_minh_chung" then return 36 end
  if col.type == "unit_type" then return 30 end
  if col.type == "choice" then return 24 end
  if col.type == "text" then return 16 end
  return 16
end

local function validate(ws, plan, kind, c, col, lists, code_col_ref)
  local base = {
    input_title = clip(col.label, TITLE_MAX),
    input_message = clip(how_to(plan, kind, col), MESSAGE_MAX),
  }
  local function with(t)
    for k, v in pairs(base) do t[k] = t[k] or v end
    return t
  end
  local v
  if col.type == "count" then
    v = with { type = "whole", criteria = ">=", value = col.min or 0, error_type = "stop",
      error_title = "Giá trị không hợp lệ", error_message = count_note(col, plan) }
  elseif col.type == "yes_no" and lists.yes_no then
    v = with { type = "list", source = lists.yes_no, error_type = "warning",
      error_title = "Giá trị có/không", error_message = "Hãy chọn Có hoặc Không trong danh sách." }
  elseif col.type == "unit_type" and lists.unit_type then
    v = with { type = "list", source = lists.unit_type, error_type = "warning",
      error_title = "Loại đơn vị", error_message = "Hãy chọn một loại đơn vị trong danh sách." }
  elseif col.type == "choice" and lists["choice:" .. col.key] then
    v = with { type = "list", source = lists["choice:" .. col.key], error_type = "warning",
      error_title = "Giá trị không có trong danh sách", error_message = "Hãy chọn một giá trị trong danh sách." }
  elseif col.key == "ma_minh_chung" and lists.evidence then
    v = with { type = "list", source = lists.evidence, error_type = "warning",
      error_title = "Mã minh chứng", error_message = "Mã minh chứng không có trong danh sách (TC1-01 … )." }
  elseif col.key == plan.code_key and code_col_ref then
    v = with { type = "list", source = code_col_ref, error_type = "warning",
      error_title = "Mã đơn vị", error_message = "Mã này chưa có ở trang Đơn vị." }
  else
    v = with { type = "any" }
  end
  ws:validation(1, c, LAST_ROW, c, v)
end

-- One data sheet: header row from the plan, formats, validations, frozen
-- and locked header. Returns the sheet.
local function write_table(wb, F, plan, kind, lists, code_col_ref)
  local ws = wb:add_sheet(kind.label or kind.id)
  for i, col in ipairs(kind.columns) do
    local c = i - 1
    local fmt = (col.type == "text" or col.type == "date") and F.input_text
      or (col.type == "count" and F.input_num) or (col.type == "yes_no" and F.input_center) or F.input
    ws:set_column(c, c, width_of(plan, col), fmt)
    ws:write(0, c, col.label, col.required and F.head_required or F.head)
    validate(ws, plan, kind, c, col, lists, code_col_ref)
  end
  ws:set_row(0, 60)
  local frozen_cols = 0
  if kind == plan.units_table then frozen_cols = 2 end
  ws:freeze(1, frozen_cols)
  ws:protect(nil, { format_cells = true, format_columns = true, format_rows = true, insert_rows = true,
    delete_rows = true, sort = true, autofilter = true })
  ws:print_setup { paper = "A4", landscape = true, fit_width = 1, fit_height = 0, repeat_rows = { 0, 0 },
    margins = { left = 10, right = 10, top = 15, bottom = 15 } }
  return ws
end

-- Instructions ---------------------------------------------------------------------------

local KIND_TEXT = {
  text = "Chữ", yes_no = "Có/không", count = "Số nguyên", unit_type = "Loại đơn vị",
  choice = "Chọn trong danh sách", date = "Ngày",
}

-- Column widths of the instructions sheet (characters).
local GUIDE_WIDTHS = { 18, 44, 18, 10, 70 }

-- Lines a wrapped text takes in a column `width` characters wide: neither
-- Excel nor LibreOffice grows a row for wrapped text written by a program.
local function text_lines(text, width)
  local n = 0
  for para in (text .. "\n"):gmatch("(.-)\n") do
    -- a column `width` wide holds about 1.2 * width characters of 12 pt Times
    n = n + math.max(1, math.ceil((utf8.len(para) or #para) / math.max(1, width * 1.2 - 2)))
  end
  return n
end

local function row_height(lines) return 16 * lines + 2 end

local function write_guide(wb, F, plan)
  local ws = wb:add_sheet(GUIDE)
  local r = 0
  local full = 0
  for _, w in ipairs(GUIDE_WIDTHS) do full = full + w end
  local function line(text, fmt, height)
    ws:merge(r, 0, r, 4, text, fmt or F.guide)
    ws:set_row(r, height or row_height(text_lines(text, full)))
    r = r + 1
  end
  line("HƯỚNG DẪN NHẬP LIỆU", F.title, 24)
  line(plan.name or "", F.subtitle, 32)
  r = r + 1
  local units_label = plan.units_table.label or "Đơn vị"
  local steps = {
    ("1. Trang \"%s\": mỗi đơn vị một dòng, bắt đầu từ dòng 2. Các cột in đậm nền cam là bắt buộc."):format(units_label),
    "2. Chọn giá trị trong danh sách thả xuống ở các cột Loại đơn vị, Có/không và các cột lựa chọn; ô có/không để trống được hiểu là Không (trừ cột có giá trị mặc định, ví dụ Công lập).",
    "3. Các cột số chỉ nhận số nguyên không âm; số thành viên đạt từng nội dung không được lớn hơn Tổng số thành viên.",
  }
  for _, kind in ipairs(plan.table_kind_list) do
    if kind ~= plan.units_table and (kind.staff_total or kind.learner_total) then
      steps[#steps + 1] = ("%d. Trang \"%s\" (không bắt buộc): mỗi thành viên một dòng. Khi đơn vị có danh sách thành viên, "
        .. "tổng số và các số lượng được tính từ danh sách (người học tính riêng); có thể để trống các cột số ở trang \"%s\". "
        .. "Số nhập tay khác với số tính từ danh sách sẽ được báo trong trang \"Lỗi dữ liệu\" của bảng tổng hợp.")
        :format(#steps + 1, kind.label or kind.id, units_label)
    elseif kind ~= plan.units_table then
      steps[#steps + 1] = ("%d. Trang \"%s\" (không bắt buộc): mỗi minh chứng một dòng, ghi mã đơn vị, mã minh chứng (TC1-01 …) và tên văn bản, tài liệu.")
        :format(#steps + 1, kind.label or kind.id)
    end
  end
  steps[#steps + 1] = ("%d. Không sửa, không xóa dòng tiêu đề (dòng 1). Có thể đổi tên hoặc thứ tự các trang; chương trình nhận ra bảng theo dòng tiêu đề.")
    :format(#steps + 1)
  steps[#steps + 1] = ("%d. Lưu tệp dạng Excel (.xlsx) và gửi về đơn vị tổng hợp. Mỗi mã đơn vị chỉ khai báo một lần trong toàn bộ các tệp gửi về.")
    :format(#steps + 1)
  for _, s in ipairs(steps) do line(s, F.guide) end
  r = r + 1
  line("Các cột của từng trang", F.bold)
  local head = { "Trang", "Cột", "Kiểu", "Bắt buộc", "Cách nhập" }
  for c, h in ipairs(head) do ws:write(r, c - 1, h, F.head) end
  r = r + 1
  for _, kind in ipairs(plan.table_kind_list) do
    for _, col in ipairs(kind.columns) do
      ws:write(r, 0, kind.label or kind.id, F.cell)
      ws:write(r, 1, col.label, F.cell)
      ws:write(r, 2, KIND_TEXT[col.type] or col.type, F.cell)
      ws:write(r, 3, col.required and "Có" or "", F.cell_center)
      local how = how_to(plan, kind, col)
      ws:write(r, 4, how, F.cell)
      ws:set_row(r, row_height(math.max(text_lines(col.label, GUIDE_WIDTHS[2]), text_lines(how, GUIDE_WIDTHS[5]))))
      r = r + 1
    end
  end
  r = r + 1
  line("Loại đơn vị (chọn tên trong danh sách hoặc gõ mã)", F.bold)
  ws:write(r, 0, "STT", F.head)
  ws:write(r, 1, "Tên loại đơn vị", F.head)
  ws:merge(r, 2, r, 3, "Mã", F.head)
  r = r + 1
  for i, t in ipairs(plan.unit_type_list) do
    ws:write(r, 0, i, F.cell_center)
    ws:write(r, 1, t.label, F.cell)
    ws:merge(r, 2, r, 3, t.id, F.cell)
    ws:set_row(r, row_height(text_lines(t.label, GUIDE_WIDTHS[2])))
    r = r + 1
  end
  r = r + 1
  line("Mã minh chứng (trang \"Minh chứng\" và tên tệp, thư mục minh chứng bắt đầu bằng mã)", F.bold)
  ws:write(r, 0, "Mã", F.head)
  ws:write(r, 1, "Chỉ tiêu", F.head)
  r = r + 1
  for _, ind in ipairs(plan.indicators) do
    if ind.evidence then
      ws:write(r, 0, ind.evidence, F.cell_center)
      ws:write(r, 1, assess.indicator_label(ind), F.cell)
      r = r + 1
    end
  end
  for c, w in ipairs(GUIDE_WIDTHS) do ws:set_column(c - 1, c - 1, w) end
  ws:print_setup { paper = "A4", landscape = false, fit_width = 1, fit_height = 0,
    margins = { left = 15, right = 15, top = 15, bottom = 15 } }
  return ws
end

local function formats(wb)
  local function f(t)
    t.font = t.font or FONT
    t.size = t.size or 12
    return wb:format(t)
  end
  return {
    title = f { bold = true, size = 14, align = "center", valign = "vcenter" },
    subtitle = f { italic = true, align = "center", valign = "vcenter", wrap = true },
    guide = f { wrap = true, valign = "top" },
    bold = f { bold = true },
    plain = f {},
    head = f { bold = true, wrap = true, align = "center", valign = "vcenter", bg = "#DDEBF7", border = 1 },
    head_required = f { bold = true, wrap = true, align = "center", valign = "vcenter", bg = "#FCE4D6", border = 1 },
    cell = f { wrap = true, valign = "top", border = 1 },
    cell_center = f { align = "center", valign = "top", border = 1 },
    input = f { locked = false },
    input_text = f { locked = false, num_format = "@" },
    input_num = f { locked = false, num_format = "0", align = "right" },
    input_center = f { locked = false, align = "center" },
  }
end

-- Writes the template for `plan` to `path` (atomically). Returns true or
-- nil, message.
function M.write(path, plan)
  local ok, err = pcall(function()
    local wb <close> = workbook.new(path, { fit_text = true })
    wb:set_properties { title = "Mẫu nhập liệu đánh giá, xếp loại “Đơn vị học tập”", subject = plan.name,
      company = plan.meta.issuer }
    local F = formats(wb)
    local guide = write_guide(wb, F, plan)
    local cols = list_columns(plan)
    local refs = list_refs(cols)
    -- the units sheet first; the other sheets offer its codes in a dropdown
    local kinds, code_ref = { plan.units_table }, nil
    for _, kind in ipairs(plan.table_kind_list) do
      if kind ~= plan.units_table then kinds[#kinds + 1] = kind end
    end
    for i, col in ipairs(plan.units_table.columns) do
      if col.key == plan.code_key then
        code_ref = sheet_ref(plan.units_table.label or plan.units_table.id, i - 1, 1, 9999)
      end
    end
    for _, kind in ipairs(kinds) do
      write_table(wb, F, plan, kind, refs, kind ~= plan.units_table and code_ref or nil)
    end
    write_lists(wb, F, cols) -- last: Excel dislikes a hidden first sheet
    guide:activate()
    wb:close()
  end)
  if not ok then return nil, tostring(err) end
  return true
end

return M
