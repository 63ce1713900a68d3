/* test_workbook.c - tests for the dvht.workbook Lua module (lua_workbook.c)
 * and the atomic output helpers (atomic_file.c).
 *
 * Lua snippets run table-driven, each in a fresh lua_State, and must either
 * succeed or fail with an expected Vietnamese message. One full workbook is
 * then built and read back with python3 + openpyxl (values, Vietnamese text,
 * merged ranges, panes, filter, page setup, fonts, validation, ...). Every
 * test leaves no temp file behind; that is checked too. */
#include "atomic_file.h"
#include "host_libs.h"
#include "lua_workbook.h"
#include "tap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <unzip.h>

static char dir[256];

/* The workbook built for the openpyxl read-back (rows/cols are 0-based). */
static const char build_script[] =
    "local wb = W.new(DIR .. '/bao-cao.xlsx')\n"
    "wb:set_properties{ title = 'Báo cáo đánh giá', author = 'Phòng Giáo dục', company = 'UBND "
    "Quận Mẫu', subject = 'Đơn vị học tập' }\n"
    "local title = wb:format{ font = 'Times New Roman', size = 13, bold = true, align = 'center', "
    "valign = 'vcenter', wrap = true, border = 1 }\n"
    "local head = wb:format{ bold = true, bg = '#C6EFCE', border = { top = 1, bottom = 2, left = "
    "1, right = 1 }, color = 0x9C0006 }\n"
    "local pct = wb:format{ num_format = '0.0%', italic = true, underline = true, indent = 1, "
    "locked = false, rotation = 90, color = '#000000' }\n"
    "local ws = wb:add_sheet('Tổng hợp')\n"
    "assert(ws:name() == 'Tổng hợp')\n"
    "ws:merge(0, 0, 0, 4, 'BÁO CÁO ĐÁNH GIÁ ĐƠN VỊ HỌC TẬP', title)\n"
    "for i, h in ipairs{ 'Tên đơn vị', 'Số học viên', 'Tỉ lệ', 'Đạt', 'Xếp loại' } do ws:write(1, "
    "i - 1, h, head) end\n"
    "ws:write(2, 0, 'Phường Đông Hòa')\n"
    "ws:write(2, 1, 42)\n"
    "ws:write(2, 2, 0.875, pct)\n"
    "ws:write(2, 3, true)\n"
    "ws:write(2, 4, nil, head)\n"
    "ws:write(3, 0, '', head)\n"
    "ws:write(3, 1, -7.25)\n"
    "ws:write(3, 2, '=không phải công thức')\n"
    "ws:write_formula(4, 1, '=SUM(B3:B4)', nil, 34.75)\n"
    "ws:write_url(5, 0, 'https://example.org/dvht', nil, 'Trang thông tin')\n"
    "ws:write_url(6, 0, \"internal:'Thống kê'!A1\")\n"
    "ws:merge(7, 0, 7, 1, 12.5, head)\n"
    "ws:set_column(0, 0, 30)\n"
    "ws:set_column(5, 5, 10, nil, { hidden = true })\n"
    "ws:set_row(0, 30, title)\n"
    "ws:set_row(10, nil, nil, { hidden = true })\n"
    "ws:freeze(2, 1)\n"
    "ws:autofilter(1, 0, 3, 4)\n"
    "ws:print_setup{ paper = 'A4', landscape = true, margins = { left = 20, right = 15, top = "
    "25.4, bottom = 12.7 },\n"
    "                header = '&CBÁO CÁO', footer = '&CTrang &P/&N', repeat_rows = { 0, 1 }, "
    "fit_width = 1, fit_height = 0,\n"
    "                center_horizontally = true, print_area = { 0, 0, 20, 4 }, gridlines = true }\n"
    "ws:validation(2, 4, 20, 4, { type = 'list', source = '=DanhMuc!$A$1:$A$3', input_title = 'Xếp "
    "loại',\n"
    "                             input_message = 'Chọn một mức xếp loại', error_title = 'Sai giá "
    "trị',\n"
    "                             error_message = 'Chỉ chọn trong danh sách' })\n"
    "ws:validation(2, 1, 20, 1, { type = 'whole', min = 0, error_message = 'Phải là số nguyên "
    "không âm' })\n"
    "ws:validation(2, 2, 20, 2, { type = 'decimal', min = 0, max = 1, error_type = 'warning' })\n"
    "ws:validation(2, 3, 2, 3, { type = 'list', list = { 'Co', 'Khong' }, dropdown = true })\n"
    "ws:validation(21, 0, 21, 0, { type = 'length', max = 100 })\n"
    "ws:validation(22, 0, 22, 0, { type = 'custom', formula = '=ISNUMBER(A23)' })\n"
    "ws:validation(23, 0, 23, 0, { type = 'any', input_message = 'Ghi chú tự do' })\n"
    "ws:validation(24, 0, 24, 0, { type = 'whole', min = 1, max = '=$B$3' })\n"
    "ws:conditional(2, 1, 20, 1, { type = 'cell', criteria = '>=', value = 40, format = head })\n"
    "ws:conditional(2, 0, 20, 1, { type = 'text', criteria = 'containing', value = 'Phường', "
    "format = head })\n"
    "ws:conditional(2, 2, 20, 2, { type = 'cell', criteria = 'between', min = 0.5, max = 1, format "
    "= pct })\n"
    "ws:conditional(2, 3, 20, 3, { type = 'formula', formula = '=$D3=TRUE', format = head, "
    "stop_if_true = true })\n"
    "ws:conditional(2, 4, 20, 4, { type = 'blanks', format = head })\n"
    "ws:set_tab_color('#FF0000')\n"
    "local dm = wb:add_sheet('DanhMuc')\n"
    "for i, v in ipairs{ 'Tốt', 'Khá', 'Đạt' } do dm:write(i - 1, 0, v) end\n"
    "dm:hide()\n"
    "wb:define_name('XepLoai', '=DanhMuc!$A$1:$A$3')\n"
    "local tk = wb:add_sheet('Thống kê')\n"
    "tk:write(0, 0, 'Mức')\n"
    "tk:write(0, 1, 'Số đơn vị')\n"
    "for i, r in ipairs{ { 'Tốt', 5 }, { 'Khá', 3 }, { 'Đạt', 2 } } do tk:write(i, 0, r[1]); "
    "tk:write(i, 1, r[2]) end\n"
    "local ch = wb:chart{ type = 'column', title = 'Thống kê xếp loại',\n"
    "                     series = { { name = 'Số đơn vị', categories = \"='Thống "
    "kê'!$A$2:$A$4\",\n"
    "                                  values = \"='Thống kê'!$B$2:$B$4\", data_labels = true, "
    "color = '#4472C4' } },\n"
    "                     x_axis = 'Mức', y_axis = 'Số đơn vị', style = 10, legend = 'bottom' }\n"
    "tk:insert_chart(5, 0, ch, { x_scale = 1.5, y_scale = 1.2 })\n"
    "local pie = wb:chart{ type = 'pie', series = { { categories = \"='Thống kê'!$A$2:$A$4\", "
    "values = \"='Thống kê'!$B$2:$B$4\" } } }\n"
    "tk:insert_chart(5, 8, pie)\n"
    "local unused = wb:chart{ type = 'bar', series = { { values = \"='Thống kê'!$B$2:$B$4\", name "
    "= \"='Thống kê'!$B$1\" } } }\n"
    "assert(tostring(unused):find('dvht.chart', 1, true))\n"
    "tk:protect('matkhau', { format_cells = true, select_locked_cells = false })\n"
    "tk:print_setup{ paper = 9, scale = 85, center_vertically = true, repeat_rows = 0 }\n"
    "ws:activate()\n"
    "tk:activate()\n"
    "assert(wb:close() == true)\n";
static const char check_script[] =
    "import sys, zipfile\n"
    "d = sys.argv[1]\n"
    "def check(name, cond, detail=''):\n"
    "    print('%s\\t%s\\t%s' % ('ok' if cond else 'fail', name, detail))\n"
    "def near(a, b):\n"
    "    return a is not None and abs(float(a) - b) < 1e-6\n"
    "try:\n"
    "    import openpyxl\n"
    "    p = d + '/bao-cao.xlsx'\n"
    "    wb = openpyxl.load_workbook(p)\n"
    "    check('tên các trang tính', wb.sheetnames == ['Tổng hợp', 'DanhMuc', 'Thống kê'], "
    "repr(wb.sheetnames))\n"
    "    check('trang tính được kích hoạt', wb.active.title == 'Thống kê', wb.active.title)\n"
    "    ws = wb['Tổng hợp']\n"
    "    check('chữ tiếng Việt trong ô gộp', ws['A1'].value == 'BÁO CÁO ĐÁNH GIÁ ĐƠN VỊ HỌC TẬP', "
    "repr(ws['A1'].value))\n"
    "    merged = sorted(str(r) for r in ws.merged_cells.ranges)\n"
    "    check('vùng gộp', merged == ['A1:E1', 'A8:B8'], repr(merged))\n"
    "    check('ô gộp chứa số', ws['A8'].value == 12.5, repr(ws['A8'].value))\n"
    "    check('chuỗi', ws['A3'].value == 'Phường Đông Hòa', repr(ws['A3'].value))\n"
    "    check('số nguyên', ws['B3'].value == 42, repr(ws['B3'].value))\n"
    "    check('số thực', ws['C3'].value == 0.875 and ws['B4'].value == -7.25, "
    "repr((ws['C3'].value, ws['B4'].value)))\n"
    "    check('boolean', ws['D3'].value is True, repr(ws['D3'].value))\n"
    "    check('chuỗi bắt đầu bằng = vẫn là chuỗi', ws['C4'].value == '=không phải công thức' and "
    "ws['C4'].data_type == 's', repr(ws['C4'].value))\n"
    "    check('ô trống có định dạng (nil)', ws['E3'].value is None and ws['E3'].font.b is True, "
    "repr(ws['E3'].value))\n"
    "    check('ô trống có định dạng (\"\")', ws['A4'].value is None and ws['A4'].font.b is True, "
    "repr(ws['A4'].value))\n"
    "    check('công thức', ws['B5'].value == '=SUM(B3:B4)', repr(ws['B5'].value))\n"
    "    check('liên kết', ws['A6'].value == 'Trang thông tin' and ws['A6'].hyperlink is not None "
    "and ws['A6'].hyperlink.target == 'https://example.org/dvht', repr(ws['A6'].value))\n"
    "    check('liên kết nội bộ', ws['A7'].hyperlink is not None and ws['A7'].hyperlink.location "
    "== \"'Thống kê'!A1\", repr(ws['A7'].hyperlink.location if ws['A7'].hyperlink else None))\n"
    "    check('cố định ô', ws.freeze_panes == 'B3', repr(ws.freeze_panes))\n"
    "    check('bộ lọc', ws.auto_filter.ref == 'A2:E4', repr(ws.auto_filter.ref))\n"
    "    check('khổ giấy A4 = 9', str(ws.page_setup.paperSize) == '9', "
    "repr(ws.page_setup.paperSize))\n"
    "    check('in ngang', ws.page_setup.orientation == 'landscape', "
    "repr(ws.page_setup.orientation))\n"
    "    m = ws.page_margins\n"
    "    check('lề (mm -> inch)', near(m.left, 20 / 25.4) and near(m.right, 15 / 25.4) and "
    "near(m.top, 1.0) and near(m.bottom, 0.5), repr((m.left, m.right, m.top, m.bottom)))\n"
    "    check('dòng tiêu đề in lặp lại', ws.print_title_rows == '$1:$2', "
    "repr(ws.print_title_rows))\n"
    "    check('vùng in', list(ws.print_area) == ['$A$1:$E$21'] or ws.print_area == '$A$1:$E$21', "
    "repr(ws.print_area))\n"
    "    check('co giãn theo trang', ws.sheet_properties.pageSetUpPr is not None and "
    "ws.sheet_properties.pageSetUpPr.fitToPage and str(ws.page_setup.fitToHeight) == '0', "
    "repr((ws.page_setup.fitToWidth, ws.page_setup.fitToHeight)))\n"
    "    check('căn giữa ngang, in lưới', ws.print_options.horizontalCentered is True and "
    "ws.print_options.gridLines is True, repr((ws.print_options.horizontalCentered, "
    "ws.print_options.gridLines)))\n"
    "    check('đầu trang / chân trang', ws.oddHeader.center.text == 'BÁO CÁO' and "
    "ws.oddFooter.center.text == 'Trang &P/&N', repr((ws.oddHeader.center.text, "
    "ws.oddFooter.center.text)))\n"
    "    a1 = ws['A1']\n"
    "    check('phông chữ tiêu đề', a1.font.name == 'Times New Roman' and a1.font.sz == 13 and "
    "a1.font.b is True, repr((a1.font.name, a1.font.sz, a1.font.b)))\n"
    "    check('căn lề tiêu đề', a1.alignment.horizontal == 'center' and a1.alignment.vertical == "
    "'center' and a1.alignment.wrap_text is True and a1.border.left.style == 'thin', "
    "repr((a1.alignment.horizontal, a1.alignment.vertical)))\n"
    "    h = ws['A2']\n"
    "    check('nền, viền, màu chữ', h.fill.fill_type == 'solid' and h.fill.fgColor.rgb == "
    "'FFC6EFCE' and h.border.bottom.style == 'medium' and h.border.top.style == 'thin' and "
    "h.font.color.rgb == 'FF9C0006', repr((h.fill.fgColor.rgb, h.border.bottom.style, "
    "h.font.color.rgb)))\n"
    "    c = ws['C3']\n"
    "    check('định dạng số, nghiêng, gạch chân', c.number_format == '0.0%' and c.font.i is True "
    "and c.font.u == 'single', repr((c.number_format, c.font.i, c.font.u)))\n"
    "    check('thụt lề, mở khóa, xoay chữ, màu đen', c.alignment.indent == 1 and "
    "c.protection.locked is False and c.alignment.textRotation == 90 and c.font.color is not None "
    "and c.font.color.rgb == 'FF000000', repr((c.alignment.indent, c.protection.locked, "
    "c.alignment.textRotation)))\n"
    "    check('độ rộng cột', abs(ws.column_dimensions['A'].width - 30) < 1, "
    "repr(ws.column_dimensions['A'].width))\n"
    "    check('cột ẩn', ws.column_dimensions['F'].hidden is True, '')\n"
    "    check('chiều cao dòng, dòng ẩn', ws.row_dimensions[1].height == 30 and "
    "ws.row_dimensions[11].hidden is True, repr(ws.row_dimensions[1].height))\n"
    "    dvs = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}\n"
    "    dv = dvs.get('E3:E21')\n"
    "    check('kiểm tra dữ liệu: danh sách từ vùng ô', dv is not None and dv.type == 'list' and "
    "dv.formula1 == 'DanhMuc!$A$1:$A$3', repr(dv.formula1 if dv else sorted(dvs)))\n"
    "    check('kiểm tra dữ liệu: lời nhắc tiếng Việt', dv is not None and dv.promptTitle == 'Xếp "
    "loại' and dv.prompt == 'Chọn một mức xếp loại' and dv.errorTitle == 'Sai giá trị' and "
    "dv.error == 'Chỉ chọn trong danh sách', repr((dv.promptTitle, dv.prompt) if dv else None))\n"
    "    dv = dvs.get('B3:B21')\n"
    "    check('kiểm tra dữ liệu: số nguyên >= 0', dv is not None and dv.type == 'whole' and "
    "dv.operator == 'greaterThanOrEqual' and dv.formula1 == '0', repr((dv.type, dv.operator, "
    "dv.formula1) if dv else None))\n"
    "    dv = dvs.get('C3:C21')\n"
    "    check('kiểm tra dữ liệu: số thực giữa 0 và 1', dv is not None and dv.type == 'decimal' "
    "and dv.formula1 == '0' and dv.formula2 == '1' and dv.errorStyle == 'warning', repr((dv.type, "
    "dv.formula1, dv.formula2, dv.errorStyle) if dv else None))\n"
    "    dv = dvs.get('D3')\n"
    "    check('kiểm tra dữ liệu: danh sách ASCII trực tiếp', dv is not None and dv.type == 'list' "
    "and dv.formula1 == '\"Co,Khong\"', repr(dv.formula1 if dv else None))\n"
    "    dv = dvs.get('A22')\n"
    "    check('kiểm tra dữ liệu: độ dài', dv is not None and dv.type == 'textLength' and "
    "dv.operator == 'lessThanOrEqual' and dv.formula1 == '100', repr((dv.type, dv.operator, "
    "dv.formula1) if dv else None))\n"
    "    dv = dvs.get('A23')\n"
    "    check('kiểm tra dữ liệu: công thức', dv is not None and dv.type == 'custom' and "
    "dv.formula1 == 'ISNUMBER(A23)', repr((dv.type, dv.formula1) if dv else None))\n"
    "    dv = dvs.get('A24')\n"
    "    check('kiểm tra dữ liệu: chỉ lời nhắc', dv is not None and dv.prompt == 'Ghi chú tự do', "
    "repr(dv.prompt if dv else None))\n"
    "    dv = dvs.get('A25')\n"
    "    check('kiểm tra dữ liệu: cận là công thức', dv is not None and dv.type == 'whole' and "
    "dv.formula1 == '1' and dv.formula2 == '$B$3', repr((dv.formula1, dv.formula2) if dv else "
    "None))\n"
    "    cfs = {}\n"
    "    for cf in ws.conditional_formatting:\n"
    "        for r in cf.rules:\n"
    "            cfs[str(cf.sqref)] = r\n"
    "    r = cfs.get('B3:B21')\n"
    "    check('định dạng có điều kiện: >=', r is not None and r.type == 'cellIs' and r.operator "
    "== 'greaterThanOrEqual' and r.formula == ['40'], repr(r.formula if r else sorted(cfs)))\n"
    "    r = cfs.get('A3:B21')\n"
    "    check('định dạng có điều kiện: chứa chữ (ô đầu A3)', r is not None and r.type == "
    "'expression' and r.formula == ['NOT(ISERROR(SEARCH(\"Phường\",A3)))'], repr(r.formula if r "
    "else sorted(cfs)))\n"
    "    r = cfs.get('C3:C21')\n"
    "    check('định dạng có điều kiện: between', r is not None and r.operator == 'between' and "
    "r.formula == ['0.5', '1'], repr(r.formula if r else None))\n"
    "    r = cfs.get('D3:D21')\n"
    "    check('định dạng có điều kiện: công thức', r is not None and r.type == 'expression' and "
    "r.formula == ['$D3=TRUE'] and r.stopIfTrue, repr(r.formula if r else None))\n"
    "    r = cfs.get('E3:E21')\n"
    "    check('định dạng có điều kiện: ô trống', r is not None and r.formula == "
    "['LEN(TRIM(E3))=0'], repr(r.formula if r else None))\n"
    "    check('màu thẻ trang tính', ws.sheet_properties.tabColor is not None and "
    "ws.sheet_properties.tabColor.rgb == 'FFFF0000', '')\n"
    "    check('trang tính ẩn', wb['DanhMuc'].sheet_state == 'hidden' and ws.sheet_state == "
    "'visible', wb['DanhMuc'].sheet_state)\n"
    "    check('danh mục tiếng Việt', [wb['DanhMuc'].cell(row=i, column=1).value for i in (1, 2, "
    "3)] == ['Tốt', 'Khá', 'Đạt'], '')\n"
    "    tk = wb['Thống kê']\n"
    "    check('bảo vệ trang tính', tk.protection.sheet is True and tk.protection.formatCells is "
    "False and tk.protection.selectLockedCells is True and tk.protection.password is not None, "
    "repr((tk.protection.sheet, tk.protection.formatCells)))\n"
    "    check('thiết lập in trang thứ hai', str(tk.page_setup.paperSize) == '9' and "
    "str(tk.page_setup.scale) == '85' and tk.print_options.verticalCentered is True and "
    "tk.print_title_rows == '$1:$1', repr((tk.page_setup.scale, tk.print_title_rows)))\n"
    "    dn = wb.defined_names.get('XepLoai')\n"
    "    check('tên vùng', dn is not None and dn.attr_text == 'DanhMuc!$A$1:$A$3', "
    "repr(dn.attr_text if dn else None))\n"
    "    check('thuộc tính tài liệu', wb.properties.title == 'Báo cáo đánh giá' and "
    "wb.properties.creator == 'Phòng Giáo dục' and wb.properties.subject == 'Đơn vị học tập', "
    "repr((wb.properties.title, wb.properties.creator)))\n"
    "    z = zipfile.ZipFile(p)\n"
    "    names = z.namelist()\n"
    "    check('công ty trong app.xml', 'UBND Quận Mẫu' in "
    "z.read('docProps/app.xml').decode('utf-8'), '')\n"
    "    sel = sum(z.read(n).decode('utf-8').count('tabSelected=\"1\"') for n in names if "
    "n.startswith('xl/worksheets/sheet'))\n"
    "    check('chỉ một trang tính được chọn', sel == 1, str(sel))\n"
    "    charts = sorted(n for n in names if n.startswith('xl/charts/chart'))\n"
    "    check('hai biểu đồ đã chèn (biểu đồ không chèn bị bỏ)', charts == "
    "['xl/charts/chart1.xml', 'xl/charts/chart2.xml'], repr(charts))\n"
    "    c1 = z.read('xl/charts/chart1.xml').decode('utf-8') if charts else ''\n"
    "    check('biểu đồ cột: tiêu đề, chuỗi, trục', '<c:barDir val=\"col\"/>' in c1 and 'Thống kê "
    "xếp loại' in c1 and \"'Thống kê'!$B$2:$B$4\" in c1 and 'Số đơn vị' in c1 and 'Mức' in c1 and "
    "'<c:dLbls>' in c1 and '<c:legendPos val=\"b\"/>' in c1 and '<c:style val=\"10\"/>' in c1, "
    "'')\n"
    "    c2 = z.read('xl/charts/chart2.xml').decode('utf-8') if len(charts) > 1 else ''\n"
    "    check('biểu đồ tròn', '<c:pieChart>' in c2, '')\n"
    "    d1 = z.read('xl/drawings/drawing1.xml').decode('utf-8')\n"
    "    check('biểu đồ đặt tại A6', '<xdr:col>0</xdr:col>' in d1 and '<xdr:row>5</xdr:row>' in "
    "d1, '')\n"
    "\n"
    "    wb2 = openpyxl.load_workbook(d + '/an.xlsx')\n"
    "    check('trang đầu bị ẩn vẫn ẩn, trang hiện được kích hoạt', wb2['Ẩn'].sheet_state == "
    "'hidden' and wb2.active.title == 'Hiện', repr((wb2['Ẩn'].sheet_state, wb2.active.title)))\n"
    "    wb3 = openpyxl.load_workbook(d + '/cm.xlsx')\n"
    "    s3 = wb3['Dữ liệu']\n"
    "    vals = [(s3.cell(row=i, column=1).value, s3.cell(row=i, column=2).value) for i in "
    "range(1, 4)]\n"
    "    r4 = [s3.cell(row=4, column=c) for c in range(1, 5)]\n"
    "    check('write_row: giá trị và định dạng trùng nhau', [c.value for c in r4] == ['Đơn vị 4', "
    "4, None, "
    "True] and [c.font.b for c in r4] == [True, True, True, False] and r4[3].font.i and "
    "r4[0].style_id == r4[1].style_id == r4[2].style_id != r4[3].style_id, repr([(c.value, "
    "c.font.b, "
    "c.style_id) for c in r4]))\n"
    "    c5 = s3.cell(row=5, column=2)\n"
    "    check('write_row: một định dạng cho cả hàng', c5.value == 'chung' and c5.font.b and "
    "s3.cell(row=5, column=1).value is None, repr((c5.value, c5.font.b)))\n"
    "    check('constant_memory: giá trị', vals == [('Đơn vị 1', 1), ('Đơn vị 2', 2), ('Đơn vị 3', "
    "3)], repr(vals))\n"
    "    wb4 = openpyxl.load_workbook(d + '/keep.xlsx')\n"
    "    check('ghi đè tệp đã có', wb4.sheetnames == ['Mới'] and wb4['Mới']['A1'].value == 'mới', "
    "repr(wb4.sheetnames))\n"
    "except Exception as e:\n"
    "    import traceback\n"
    "    check('đọc lại bằng openpyxl không lỗi', False, traceback.format_exc().replace('\\n', ' | "
    "'))\n";

static const char an_script[] = "local wb = W.new(DIR .. '/an.xlsx')\n"
                                "local a = wb:add_sheet('Ẩn')\n"
                                "local b = wb:add_sheet('Hiện')\n"
                                "a:hide()\n"
                                "b:write(0, 0, 'x')\n"
                                "assert(wb:close())\n";

static const char cm_script[] =
    "local wb = W.new(DIR .. '/cm.xlsx', { constant_memory = true })\n"
    "local s = wb:add_sheet('Dữ liệu')\n"
    "for i = 0, 2 do s:write(i, 0, 'Đơn vị ' .. (i + 1)); s:write(i, 1, i + 1) end\n"
    "local b1, b2 = wb:format { bold = true }, wb:format { bold = true }\n"
    "local it = wb:format { italic = true }\n"
    "s:write_row(3, 0, { 'Đơn vị 4', 4, nil, true }, 4, { b1, b2, b2, it })\n"
    "s:write_row(4, 1, { 'chung' }, 1, b2)\n"
    "assert(wb:close())\n";

static const char keep_script[] = "local wb = W.new(DIR .. '/keep.xlsx')\n"
                                  "wb:add_sheet('Mới'):write(0, 0, 'mới')\n"
                                  "assert(wb:close())\n";

/* Writes far more than the file size limits set for it below. */
static const char big_script[] =
    "local wb = W.new(DIR .. '/full.xlsx')\n"
    "local ws = wb:add_sheet('A')\n"
    "for r = 0, 4999 do for c = 0, 4 do\n"
    "  ws:write(r, c, string.format('Đơn vị %d-%d-%d', r, c, (r * 7919 + c * 104729) % 1000003))\n"
    "end end\n"
    "wb:close()\n";

/* Two sheets whose parts compress well: under a 32 KiB limit libxlsxwriter
 * truncates its own temp files silently and still reports success, while
 * the (small) output file can be written. */
#define TRUNCATING_SCRIPT(cm) TRUNCATING_SCRIPT_CLOSE(cm, "wb:close()")
#define TRUNCATING_SCRIPT_CLOSE(cm, close)                                                         \
    "local wb = W.new(DIR .. '/full.xlsx', { constant_memory = " cm " })\n"                        \
    "for s = 1, 2 do\n"                                                                            \
    "  local ws = wb:add_sheet('S' .. s)\n"                                                        \
    "  for r = 0, 3000 do for c = 0, 4 do\n"                                                       \
    "    ws:write(r, c, string.format('Đơn vị %d-%d-%d', r, c, (r * 7919 + c * 104729) % "     \
    "1000003))\n"                                                                                  \
    "  end end\n"                                                                                  \
    "end\n" close "\n"

static const char prelude[] = "W = require 'dvht.workbook'\n"
                              "function fresh(name)\n"
                              "  local wb = W.new(DIR .. '/' .. name .. '.xlsx')\n"
                              "  return wb, wb:add_sheet('Trang 1')\n"
                              "end\n";

/* ------------------------------------------------------------------------
 * Helpers
 * ---------------------------------------------------------------------- */

static lua_State *new_state(void)
{
    lua_State *L = luaL_newstate();

    if (!L) {
        fprintf(stderr, "luaL_newstate failed\n");
        exit(2);
    }
    luaL_openlibs(L);
    luaL_requiref(L, "dvht.workbook", luaopen_dvht_workbook, 0);
    lua_pop(L, 1);
    luaL_requiref(L, "dvht.tables", luaopen_dvht_tables, 0); /* to read a workbook back */
    lua_pop(L, 1);
    lua_pushstring(L, dir);
    lua_setglobal(L, "DIR");
    if (luaL_dostring(L, prelude) != LUA_OK) {
        fprintf(stderr, "prelude: %s\n", lua_tostring(L, -1));
        exit(2);
    }
    return L;
}

/* Runs code in L: 1 on success, else 0 with the error text in msg. */
static int run_in(lua_State *L, const char *code, char *msg, size_t size)
{
    int ok = luaL_dostring(L, code) == LUA_OK;

    msg[0] = '\0';
    if (!ok)
        snprintf(msg, size, "%s",
                 lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(lỗi không phải chuỗi)");
    lua_settop(L, 0);
    return ok;
}

/* Runs code in a fresh state, closed afterwards (so open workbooks are
 * collected). */
static int run_lua(const char *code, char *msg, size_t size)
{
    lua_State *L = new_state();
    int ok = run_in(L, code, msg, size);

    lua_close(L);
    return ok;
}

/* want == NULL: the snippet must succeed; else fail with want in the text. */
static void expect(const char *what, int ok, const char *msg, const char *want)
{
    if (!want) {
        CHECK(ok, "%s", what);
        if (!ok) printf("#   lỗi: %s\n", msg);
    } else {
        int good = !ok && strstr(msg, want) != NULL;
        CHECK(good, "%s", what);
        if (!good)
            printf("#   cần lỗi chứa: %s\n#   nhận được: %s\n", want, ok ? "(không lỗi)" : msg);
    }
}

struct lua_case {
    const char *what, *code, *want;
};

static void run_cases(const struct lua_case *c, size_t n)
{
    char msg[8192];
    size_t i;

    for (i = 0; i < n; i++)
        expect(c[i].what, run_lua(c[i].code, msg, sizeof msg), msg, c[i].want);
}

/* dir/name; four rotating buffers so that two results can be compared. */
static const char *in_dir(const char *name)
{
    static char buf[4][512];
    static int next;
    char *b = buf[next++ % 4];

    snprintf(b, sizeof buf[0], "%s/%s", dir, name);
    return b;
}

static int exists(const char *name)
{
    struct stat st;
    return lstat(in_dir(name), &st) == 0;
}

/* Temp files are the only dot files the tests create. */
static int count_temps(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    if (!d) return -1;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) n++;
    closedir(d);
    return n;
}

static int write_text(const char *name, const char *text, mode_t mode)
{
    int fd = open(in_dir(name), O_WRONLY | O_CREAT | O_TRUNC, mode);
    size_t len = strlen(text);
    int ok;

    if (fd < 0) return 0;
    ok = write(fd, text, len) == (ssize_t)len;
    close(fd);
    return ok && chmod(in_dir(name), mode) == 0;
}

/* Reads at most size-1 bytes of a file into buf (NUL-terminated). */
static size_t read_text(const char *name, char *buf, size_t size)
{
    int fd = open(in_dir(name), O_RDONLY);
    ssize_t n;

    buf[0] = '\0';
    if (fd < 0) return 0;
    n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0) n = 0;
    buf[n] = '\0';
    return (size_t)n;
}

/* ------------------------------------------------------------------------
 * Lua error and success cases
 * ---------------------------------------------------------------------- */

#define NEWWB "local wb = W.new(DIR .. '/n.xlsx'); "
#define FRESH "local wb, ws = fresh('t'); "

static const struct lua_case cases[] = {
    /* write_row */
    {"write_row: giá trị là bảng",
     NEWWB "local ws = wb:add_sheet('A'); ws:write_row(0, 0, { 1, {} }, 2)",
     "đối số #3 của 'write_row' không hợp lệ: giá trị thứ 2 (ô B1) phải là chuỗi, số, boolean hoặc "
     "nil"},
    {"write_row: định dạng không phải wb:format",
     NEWWB "local ws = wb:add_sheet('A'); ws:write_row(0, 0, { 1, 2 }, 2, { nil, 5 })",
     "đối số #5 của 'write_row' không hợp lệ: định dạng thứ 2 phải là một định dạng"},
    {"write_row: định dạng là một trang tính",
     NEWWB "local ws = wb:add_sheet('A'); ws:write_row(0, 0, { 1, 2 }, 2, { nil, ws })",
     "định dạng thứ 2 phải là một định dạng (wb:format) hoặc nil (nhận được userdata)"},
    {"write_row: định dạng của sổ tính khác, sau một định dạng đúng",
     NEWWB "local other = W.new(DIR .. '/fx.xlsx'); local f = other:format{ bold = true }; "
           "local g = wb:format{ italic = true }; local ws = wb:add_sheet('A'); "
           "ws:write_row(0, 0, { 1, 2, 3 }, 3, { g, g, f })",
     "định dạng thứ 3 thuộc về một sổ tính khác"},
    {"write_row: chuỗi không phải UTF-8",
     NEWWB "local ws = wb:add_sheet('A'); ws:write_row(3, 2, { 'a', '\\255' }, 2)",
     "Giá trị của ô D4 không phải chuỗi UTF-8 hợp lệ"},
    {"write_row: số ô âm", NEWWB "local ws = wb:add_sheet('A'); ws:write_row(0, 0, {}, -1)",
     "số ô -1 nằm ngoài khoảng"},
    {"write_row: vượt cột cuối",
     NEWWB "local ws = wb:add_sheet('A'); ws:write_row(0, 16383, { 1, 2 }, 2)",
     "số ô 2 nằm ngoài khoảng 0..1"},
    /* sheet names */
    {"tên trang tính rỗng", NEWWB "wb:add_sheet('')",
     "Tên trang tính không hợp lệ: tên trang tính không được để trống"},
    {"tên trang tính 32 ký tự tiếng Việt", NEWWB "wb:add_sheet(string.rep('đ', 32))",
     "dài 32 ký tự, Excel chỉ cho phép tối đa 31"},
    {"tên trang tính 31 ký tự tiếng Việt hợp lệ",
     NEWWB "local ws = wb:add_sheet(string.rep('đ', 31)); assert(ws:name() == string.rep('đ', "
           "31)); assert(wb:close())",
     NULL},
    {"tên trang tính trùng (tiếng Việt, khác chữ hoa/thường)",
     NEWWB "wb:add_sheet('Tổng hợp'); wb:add_sheet('TỔNG HỢP')",
     "tên trang tính \"TỔNG HỢP\" trùng với trang tính \"Tổng hợp\""},
    {"tên trang tính trùng (ASCII)", NEWWB "wb:add_sheet('Sheet'); wb:add_sheet('sheet')",
     "trùng với trang tính \"Sheet\""},
    {"tên trang tính trùng (dạng tổ hợp NFD)",
     NEWWB "wb:add_sheet('Thống kê'); wb:add_sheet('Tho\\204\\130\\204\\129ng ke\\204\\130')",
     "trùng với trang tính"},
    {"tên trang tính bắt đầu bằng dấu nháy đơn", NEWWB "wb:add_sheet(\"'Tổng\")",
     "không được bắt đầu hoặc kết thúc bằng dấu nháy đơn"},
    {"tên trang tính kết thúc bằng dấu nháy đơn", NEWWB "wb:add_sheet(\"Tổng'\")",
     "không được bắt đầu hoặc kết thúc bằng dấu nháy đơn"},
    {"dấu nháy đơn ở giữa tên hợp lệ", NEWWB "wb:add_sheet(\"Năm'24\"); assert(wb:close())", NULL},
    {"tên trang tính History", NEWWB "wb:add_sheet('history')", "được Excel dành riêng"},
    {"tên trang tính không phải chuỗi", NEWWB "wb:add_sheet(42)",
     "tên trang tính phải là một chuỗi"},
    {"tên trang tính không phải UTF-8", NEWWB "wb:add_sheet('\\xFFab')",
     "không phải chuỗi UTF-8 hợp lệ"},
    {"valid_sheet_name",
     "local ok, why = W.valid_sheet_name('a:b')\n"
     "assert(ok == false and why:find('không được phép', 1, true) and why:find('a:b', 1, true))\n"
     "assert(W.valid_sheet_name('Thống kê') == true)\n"
     "local ok2, why2 = W.valid_sheet_name('')\n"
     "assert(ok2 == false and why2:find('trống', 1, true))\n"
     "local ok3, why3 = W.valid_sheet_name(string.rep('ư', 32))\n"
     "assert(ok3 == false and why3:find('32', 1, true))\n"
     "assert(select('#', W.valid_sheet_name(1)) == 2)\n",
     NULL},

    /* cell values */
    {"chuỗi không phải UTF-8", FRESH "ws:write(0, 0, 'a\\xC3\\x28')",
     "Giá trị của ô A1 không phải chuỗi UTF-8 hợp lệ (byte thứ 2)"},
    {"UTF-8 dạng dài (overlong)", FRESH "ws:write(0, 0, '\\xC0\\xAF')",
     "không phải chuỗi UTF-8 hợp lệ"},
    {"UTF-8 nửa cặp thay thế (surrogate)", FRESH "ws:write(0, 0, '\\xED\\xA0\\x80')",
     "không phải chuỗi UTF-8 hợp lệ"},
    {"UTF-8 lớn hơn U+10FFFF", FRESH "ws:write(0, 0, '\\xF4\\x90\\x80\\x80')",
     "không phải chuỗi UTF-8 hợp lệ"},
    {"UTF-8 bị cắt cụt", FRESH "ws:write(2, 1, 'ab\\xE1\\xBB')",
     "Giá trị của ô B3 không phải chuỗi UTF-8 hợp lệ (byte thứ 3)"},
    {"ký tự NUL trong chuỗi", FRESH "ws:write(0, 0, 'a\\0b')", "chứa ký tự NUL"},
    {"giá trị kiểu bảng", FRESH "ws:write(0, 0, {})", "phải là chuỗi, số, boolean hoặc nil"},
    {"giá trị NaN", FRESH "ws:write(0, 0, 0/0)", "không phải số hữu hạn"},
    {"giá trị vô cực", FRESH "ws:write(0, 0, math.huge)", "không phải số hữu hạn"},
    {"chuỗi quá 32767 ký tự", FRESH "ws:write(0, 0, string.rep('ă', 32768))",
     "dài 32768 ký tự, Excel chỉ cho phép tối đa 32767"},
    {"chuỗi 32767 ký tự hợp lệ", FRESH "ws:write(0, 0, string.rep('ă', 32767)); assert(wb:close())",
     NULL},
    {"số dòng vượt giới hạn", FRESH "ws:write(1048576, 0, 1)",
     "số dòng 1048576 nằm ngoài khoảng 0..1048575"},
    {"số cột âm", FRESH "ws:write(0, -1, 1)", "số cột -1 nằm ngoài khoảng 0..16383"},
    {"số dòng không nguyên", FRESH "ws:write(1.5, 0, 1)", "số dòng phải là số nguyên"},
    {"đối tượng self sai kiểu", FRESH "ws.write(wb, 0, 0, 1)", "cần một trang tính"},
    {"đối số sai được đánh số như phương thức", FRESH "ws:write('x', 0, 1)",
     "đối số #1 của 'write' không hợp lệ"},
    {"công thức trống", FRESH "ws:write_formula(0, 0, '=')", "công thức trống"},
    {"công thức với giá trị tính sẵn",
     FRESH "ws:write_formula(0, 0, '=\"a\"', nil, 'a'); ws:write_formula(1, 0, '=1+1', nil, 2); "
           "ws:write_formula(2, 0, 'A1'); assert(wb:close())",
     NULL},
    {"giá trị tính sẵn sai kiểu", FRESH "ws:write_formula(0, 0, '=1', nil, true)",
     "giá trị tính sẵn phải là số, chuỗi hoặc nil"},

    /* use after close */
    {"ghi sau khi đóng", FRESH "assert(wb:close()); ws:write(0, 0, 1)",
     "đã được ghi và đóng; không dùng được trang tính \"Trang 1\" nữa"},
    {"đóng hai lần", FRESH "assert(wb:close()); wb:close()",
     "đã được ghi và đóng; không dùng được nữa"},
    {"add_sheet sau khi đóng", FRESH "assert(wb:close()); wb:add_sheet('B')",
     "không dùng được nữa"},
    {"định dạng của sổ tính khác",
     "local a, wa = fresh('c2'); local b = fresh('c3'); local f = b:format{ bold = true }; "
     "wa:write(0, 0, 1, f)",
     "định dạng này thuộc về một sổ tính khác"},
    {"định dạng của sổ tính đã đóng",
     "local a = fresh('c4'); local f = a:format{}; assert(a:close()); local b, wb2 = fresh('c5'); "
     "wb2:write(0, 0, 1, f)",
     "thuộc về một sổ tính khác"},
    {"dùng trang tính sau khi <close> hủy sổ tính",
     "local keep\n"
     "do local wb <close> = W.new(DIR .. '/c6.xlsx'); keep = wb:add_sheet('A') end\n"
     "assert(io.open(DIR .. '/c6.xlsx') == nil)\n"
     "keep:write(0, 0, 1)\n",
     "đã bị hủy (không được ghi)"},
    {"<close> khi có lỗi không để lại tệp",
     "local ok = pcall(function() local wb <close> = W.new(DIR .. '/c7.xlsx'); "
     "wb:add_sheet('A'):write(0, 0, 1); error('x') end)\n"
     "assert(not ok and io.open(DIR .. '/c7.xlsx') == nil)\n",
     NULL},
    {"<close> sau wb:close() giữ tệp",
     "do local wb <close> = W.new(DIR .. '/c8.xlsx'); wb:add_sheet('A'); assert(wb:close()) end\n"
     "local f = assert(io.open(DIR .. '/c8.xlsx', 'rb')); assert(f:read(2) == 'PK'); f:close()\n",
     NULL},
    {"sổ tính không có trang tính nào", "local wb = W.new(DIR .. '/c10.xlsx'); assert(wb:close())",
     NULL},
    {"tostring",
     "local wb, ws = fresh('c9'); assert(tostring(wb):find('c9.xlsx', 1, true)); "
     "assert(tostring(ws):find('Trang 1', 1, true))\n"
     "assert(tostring(wb:format()):find('dvht.format', 1, true)); assert(wb:close()); "
     "assert(tostring(wb):find('đã được ghi', 1, true))\n",
     NULL},

    /* formats */
    {"định dạng: tùy chọn lạ", NEWWB "wb:format{ blod = true }",
     "định dạng: không có tùy chọn \"blod\""},
    {"định dạng: khóa không phải chuỗi", NEWWB "wb:format{ true }",
     "khóa kiểu number không hợp lệ"},
    {"định dạng: màu sai", NEWWB "wb:format{ color = '#12345' }",
     "\"color\": màu phải có dạng \"#RRGGBB\""},
    {"định dạng: màu số vượt", NEWWB "wb:format{ bg = 0x1000000 }", "màu phải có dạng"},
    {"định dạng: căn lề sai", NEWWB "wb:format{ align = 'middle' }",
     "\"align\" = \"middle\" không hợp lệ"},
    {"định dạng: cỡ chữ", NEWWB "wb:format{ size = 500 }",
     "\"size\" = 500 nằm ngoài khoảng 1..409"},
    {"định dạng: góc xoay", NEWWB "wb:format{ rotation = 100 }", "-90..90"},
    {"định dạng: kiểu sai", NEWWB "wb:format{ bold = 1 }", "\"bold\" phải là true/false"},
    {"định dạng: kiểu viền sai", NEWWB "wb:format{ border = { top = 99 } }",
     "kiểu viền phải là số"},
    {"định dạng: cạnh viền lạ", NEWWB "wb:format{ border = { middle = 1 } }",
     "không có tùy chọn \"middle\""},
    {"định dạng: tên phông quá dài", NEWWB "wb:format{ font = string.rep('x', 200) }",
     "tên phông chữ"},
    {"định dạng: mọi tùy chọn",
     NEWWB "wb:format{ font = 'Arial', size = 11, bold = true, italic = true, underline = "
           "'double', strikeout = true,\n"
           "  color = 0, bg = 0xFFFF00, border = { top = 'thin', bottom = 'double', left = 3, "
           "right = 'hair' },\n"
           "  border_color = '#808080', align = 'center_across', valign = 'top', wrap = true, "
           "shrink = true,\n"
           "  num_format = 14, indent = 2, locked = true, hidden = true, rotation = 270 }\n"
           "wb:format(); wb:format(nil); wb:format{ num_format = '#,##0 \"đồng\"', border = 5 }; "
           "wb:add_sheet('A'); assert(wb:close())\n",
     NULL},

    /* merges */
    {"gộp chồng lên vùng đã gộp", FRESH "ws:merge(0, 0, 1, 2, 'a'); ws:merge(1, 2, 3, 3, 'b')",
     "Không gộp được vùng C2:D4 trên trang tính \"Trang 1\": chồng lên vùng đã gộp A1:C2"},
    {"gộp một ô", FRESH "ws:merge(0, 0, 0, 0, 'a')", "vùng gộp A1 chỉ có một ô"},
    {"gộp: giá trị sai kiểu", FRESH "ws:merge(0, 0, 0, 1, {})",
     "giá trị phải là chuỗi, số, boolean hoặc nil"},
    {"gộp vùng đảo ngược, boolean, nil",
     FRESH "ws:merge(3, 3, 2, 2, true); ws:merge(4, 0, 4, 1, nil); ws:merge(5, 0, 6, 0, ''); "
           "assert(wb:close())",
     NULL},

    /* print setup, rows, columns */
    {"print_setup: tùy chọn lạ", FRESH "ws:print_setup{ papr = 'A4' }",
     "print_setup: không có tùy chọn \"papr\""},
    {"print_setup: khổ giấy lạ", FRESH "ws:print_setup{ paper = 'B9' }",
     "khổ giấy \"B9\" không rõ"},
    {"print_setup: hình ảnh trong đầu trang", FRESH "ws:print_setup{ header = '&L&G' }",
     "không hỗ trợ hình ảnh"},
    {"print_setup: chân trang quá dài", FRESH "ws:print_setup{ footer = string.rep('ư', 256) }",
     "\"footer\" dài 256 ký tự, Excel chỉ cho phép tối đa 255"},
    {"print_setup: scale cùng fit", FRESH "ws:print_setup{ scale = 80, fit_width = 1 }",
     "không dùng cả hai"},
    {"print_setup: lề âm", FRESH "ws:print_setup{ margins = { left = -1 } }", "nằm ngoài khoảng"},
    {"print_setup: lề không phải bảng", FRESH "ws:print_setup{ margins = 10 }",
     "\"margins\" phải là"},
    {"print_setup: repeat_rows sai dạng", FRESH "ws:print_setup{ repeat_rows = { 1 } }",
     "\"repeat_rows\" phải có dạng"},
    {"print_setup: print_area sai", FRESH "ws:print_setup{ print_area = { 0, 0, 1, 16384 } }",
     "nằm ngoài trang tính"},
    {"print_setup: không phải bảng", FRESH "ws:print_setup('A4')", "bảng thiết lập trang in"},
    {"print_setup: mã số, chữ thường, lưới tắt",
     FRESH "ws:print_setup{ paper = 'a3' }; ws:print_setup{ paper = 8, landscape = false, "
           "gridlines = false, fit_height = 2 }; assert(wb:close())",
     NULL},
    {"set_column: độ rộng âm", FRESH "ws:set_column(0, 1, -2)",
     "độ rộng cột phải trong khoảng 0..255"},
    {"set_row: tùy chọn lạ", FRESH "ws:set_row(0, 20, nil, { hiden = true })",
     "không có tùy chọn \"hiden\""},
    {"set_row/set_column hợp lệ",
     FRESH "ws:set_row(0, nil, wb:format{ bold = true }, { level = 1 }); ws:set_column(3, 1, nil, "
           "nil, { level = 2, hidden = true }); assert(wb:close())",
     NULL},

    /* data validation */
    {"danh sách trực tiếp có dấu",
     FRESH "ws:validation(0, 0, 9, 0, { type = 'list', list = { 'Tốt', 'Khá' } })",
     "danh sách trực tiếp chỉ nhận mục ASCII"},
    {"danh sách trực tiếp quá dài",
     FRESH "local t = {}; for i = 1, 30 do t[i] = string.format('muc%05d', i) end; "
           "ws:validation(0, 0, 9, 0, { type = 'list', list = t })",
     "dài 269 ký tự (kể cả dấu phẩy), phải ngắn hơn 255"},
    {"danh sách trực tiếp có dấu phẩy",
     FRESH "ws:validation(0, 0, 9, 0, { type = 'list', list = { 'a,b' } })", "không chứa dấu phẩy"},
    {"danh sách: cả source lẫn list",
     FRESH "ws:validation(0, 0, 9, 0, { type = 'list', source = '=A1:A2', list = { 'a' } })",
     "cần đúng một trong"},
    {"tiêu đề lời nhắc 33 ký tự",
     FRESH "ws:validation(0, 0, 0, 0, { type = 'any', input_title = string.rep('ă', 33) })",
     "\"input_title\" dài 33 ký tự, Excel chỉ cho phép tối đa 32"},
    {"tiêu đề lời nhắc 32 ký tự hợp lệ",
     FRESH "ws:validation(0, 0, 0, 0, { type = 'any', input_title = string.rep('ă', 32) }); "
           "assert(wb:close())",
     NULL},
    {"thông báo lỗi 256 ký tự",
     FRESH
     "ws:validation(0, 0, 0, 0, { type = 'whole', min = 0, error_message = string.rep('ơ', 256) })",
     "\"error_message\" dài 256 ký tự, Excel chỉ cho phép tối đa 255"},
    {"kiểm tra dữ liệu thiếu type", FRESH "ws:validation(0, 0, 0, 0, { min = 0 })",
     "validation: thiếu \"type\""},
    {"số nguyên thiếu cận", FRESH "ws:validation(0, 0, 0, 0, { type = 'whole' })",
     "cần \"min\", \"max\" hoặc \"value\""},
    {"between thiếu max",
     FRESH "ws:validation(0, 0, 0, 0, { type = 'decimal', criteria = 'between', min = 0 })",
     "cần cả \"min\" và \"max\""},
    {"custom thiếu công thức", FRESH "ws:validation(0, 0, 0, 0, { type = 'custom' })",
     "kiểu \"custom\" cần \"formula\""},
    {"any không có lời nhắc", FRESH "ws:validation(0, 0, 0, 0, { type = 'any' })",
     "kiểu \"any\" chỉ dùng"},
    {"tiêu chí, giá trị và công thức",
     FRESH "ws:validation(0, 0, 0, 0, { type = 'whole', criteria = '!=', value = 3 })\n"
           "ws:validation(0, 1, 0, 1, { type = 'decimal', criteria = 'not_between', min = '=$A$1', "
           "max = 5 })\n"
           "ws:validation(0, 2, 0, 2, { type = 'length', value = '=$B$1', ignore_blank = false, "
           "show_error = false })\n"
           "ws:validation(0, 3, 0, 3, { type = 'list', source = '=XepLoai', dropdown = false, "
           "show_input = false })\n"
           "assert(wb:close())\n",
     NULL},

    /* conditional formats */
    {"định dạng có điều kiện thiếu format",
     FRESH "ws:conditional(0, 0, 9, 0, { type = 'cell', criteria = '>', value = 1 })",
     "conditional: thiếu \"format\""},
    {"định dạng có điều kiện: format sai kiểu",
     FRESH "ws:conditional(0, 0, 9, 0, { type = 'blanks', format = 'đậm' })",
     "\"format\" phải là một định dạng"},
    {"định dạng có điều kiện: format của sổ tính khác",
     FRESH
     "local b = fresh('cf2'); ws:conditional(0, 0, 9, 0, { type = 'blanks', format = b:format{} })",
     "conditional: định dạng này thuộc về một sổ tính khác"},
    {"định dạng có điều kiện: cell thiếu criteria",
     FRESH "ws:conditional(0, 0, 9, 0, { type = 'cell', value = 1, format = wb:format{} })",
     "kiểu \"cell\" cần \"criteria\""},
    {"định dạng có điều kiện: between thiếu max",
     FRESH "ws:conditional(0, 0, 9, 0, { type = 'cell', criteria = 'between', min = 1, format = "
           "wb:format{} })",
     "cần \"min\" và \"max\""},
    {"định dạng có điều kiện: text thiếu value",
     FRESH
     "ws:conditional(0, 0, 9, 0, { type = 'text', criteria = 'containing', format = wb:format{} })",
     "kiểu \"text\" cần"},
    {"định dạng có điều kiện: các kiểu hợp lệ",
     FRESH
     "local f = wb:format{ bg = '#FFC7CE' }\n"
     "ws:conditional(0, 0, 9, 0, { type = 'cell', criteria = '==', value = 'Đạt', format = f })\n"
     "ws:conditional(0, 1, 9, 1, { type = 'cell', criteria = 'not_between', min = 'a', max = 3, "
     "format = f })\n"
     "ws:conditional(0, 2, 9, 2, { type = 'text', criteria = 'begins_with', value = 'Phường', "
     "format = f })\n"
     "ws:conditional(0, 3, 9, 3, { type = 'text', criteria = 'ends_with', value = 'x\"y', format = "
     "f })\n"
     "ws:conditional(0, 4, 9, 4, { type = 'text', criteria = 'not_containing', value = 'Xã', "
     "format = f })\n"
     "ws:conditional(0, 5, 9, 5, { type = 'no_blanks', format = f })\n"
     "assert(wb:close())\n",
     NULL},

    /* charts */
    {"biểu đồ: trang tính không có",
     FRESH "wb:chart{ type = 'column', series = { { values = \"='Không có'!$B$2:$B$4\" } } }",
     "không có trang tính \"Không có\" trong sổ tính"},
    {"biểu đồ: tên có khoảng trắng không đặt trong nháy",
     FRESH "wb:add_sheet('Thống kê'); wb:chart{ type = 'column', series = { { values = '=Thống "
           "kê!$B$2:$B$4' } } }",
     "phải đặt trong dấu nháy đơn"},
    {"biểu đồ: thiếu tên trang tính",
     FRESH "wb:chart{ type = 'column', series = { { values = '=!$B$2' } } }", "phải có dạng"},
    {"biểu đồ: vùng ô sai",
     FRESH "wb:chart{ type = 'column', series = { { values = \"='Trang 1'!B0\" } } }",
     "vùng ô không hợp lệ"},
    {"biểu đồ: thiếu values", FRESH "wb:chart{ type = 'column', series = { { name = 'a' } } }",
     "series[1]: thiếu \"values\""},
    {"biểu đồ: series rỗng", FRESH "wb:chart{ type = 'column', series = {} }",
     "\"series\" phải là một mảng không rỗng"},
    {"biểu đồ: kiểu lạ",
     FRESH "wb:chart{ type = 'radar', series = { { values = \"='Trang 1'!$A$1:$A$2\" } } }",
     "\"type\" = \"radar\" không hợp lệ"},
    {"biểu đồ tròn có trục",
     FRESH
     "wb:chart{ type = 'pie', x_axis = 'a', series = { { values = \"='Trang 1'!$A$1:$A$2\" } } }",
     "không có trục"},
    {"biểu đồ: style ngoài khoảng",
     FRESH
     "wb:chart{ type = 'line', style = 49, series = { { values = \"='Trang 1'!$A$1:$A$2\" } } }",
     "\"style\" = 49 nằm ngoài khoảng 1..48"},
    {"biểu đồ chèn hai lần",
     FRESH "local ch = wb:chart{ type = 'area', series = { { values = \"='Trang 1'!$A$1:$A$2\" } } "
           "}; ws:insert_chart(0, 0, ch); ws:insert_chart(10, 0, ch)",
     "biểu đồ này đã được chèn"},
    {"biểu đồ của sổ tính khác",
     FRESH "local b = fresh('ch2'); local ch = b:chart{ type = 'line', series = { { values = "
           "\"='Trang 1'!$A$1:$A$2\" } } }; ws:insert_chart(0, 0, ch)",
     "biểu đồ này thuộc về một sổ tính khác"},
    {"chèn thứ không phải biểu đồ", FRESH "ws:insert_chart(0, 0, {})", "cần một biểu đồ"},
    {"biểu đồ doughnut, tên chuỗi từ ô, trang tính không cần nháy",
     FRESH "wb:add_sheet('SoLieu'):write(0, 0, 1)\n"
           "local ch = wb:chart{ type = 'doughnut', title = '=SoLieu!$A$1', legend = 'none', "
           "series = { { name = '=SoLieu!$A$1', values = '=SoLieu!$A$1:$A$1' } } }\n"
           "ws:insert_chart(0, 0, ch, { x_offset = 5, y_offset = 5, description = 'Biểu đồ vành "
           "khuyên' }); assert(wb:close())\n",
     NULL},

    /* defined names */
    {"tên vùng dạng địa chỉ ô", FRESH "wb:define_name('AB12', '=A1')", "trùng dạng địa chỉ ô"},
    {"tên vùng dạng R1C1", FRESH "wb:define_name('R1C1', '=A1')", "R1C1"},
    {"tên vùng dạng RC", FRESH "wb:define_name('rc', '=A1')", "R1C1"},
    {"tên vùng giống R1C1 nhưng hợp lệ",
     FRESH "wb:define_name('Rcount', '=A1'); wb:define_name('R2D2', '=A2'); "
           "wb:define_name('ABCD1', '=A3'); assert(wb:close())",
     NULL},
    {"tên vùng bắt đầu bằng số", FRESH "wb:define_name('1abc', '=A1')",
     "phải bắt đầu bằng chữ cái"},
    {"tên vùng có khoảng trắng", FRESH "wb:define_name('Danh muc', '=A1')",
     "chứa ký tự không được phép ' '"},
    {"tên vùng trùng", FRESH "wb:define_name('DanhMục', '=A1'); wb:define_name('DANHMỤC', '=A2')",
     "Tên vùng \"DANHMỤC\" đã được định nghĩa"},
    {"tên vùng: công thức quá dài", FRESH "wb:define_name('X', '=' .. string.rep('A', 200))",
     "dài quá 127 byte"},
    {"tên vùng hợp lệ",
     FRESH "wb:define_name('Danh_Mục.1', \"='Trang 1'!$A$1:$A$3\"); assert(wb:close())", NULL},

    /* protection, links, tab colour, properties */
    {"mật khẩu có dấu", FRESH "ws:protect('mậtkhẩu')", "mật khẩu chỉ được dùng ký tự ASCII"},
    {"bảo vệ: tùy chọn lạ", FRESH "ws:protect(nil, { format_cell = true })",
     "không có tùy chọn \"format_cell\""},
    {"bảo vệ không mật khẩu",
     FRESH "ws:protect(); ws:protect('', { sort = true, edit_objects = true, select_unlocked_cells "
           "= false }); assert(wb:close())",
     NULL},
    {"liên kết: giao thức lạ", FRESH "ws:write_url(0, 0, 'javascript:alert(1)')",
     "phải bắt đầu bằng http://"},
    {"liên kết: internal: ở giữa", FRESH "ws:write_url(0, 0, 'https://x.vn/?q=internal:a')",
     "chỉ được đứng ở đầu"},
    {"liên kết hợp lệ",
     FRESH "ws:write_url(0, 0, 'mailto:phong@example.vn', nil, 'Gửi thư', 'Địa chỉ thư'); "
           "assert(wb:close())",
     NULL},
    {"màu thẻ sai", FRESH "ws:set_tab_color('red')", "set_tab_color: màu phải có dạng"},
    {"thuộc tính tài liệu: khóa lạ", FRESH "wb:set_properties{ titel = 'x' }",
     "không có tùy chọn \"titel\""},
    {"thuộc tính tài liệu: không phải UTF-8", FRESH "wb:set_properties{ title = '\\xFF' }",
     "\"title\" không phải chuỗi UTF-8 hợp lệ"},

    /* visibility */
    {"mọi trang tính đều ẩn",
     "local wb = W.new(DIR .. '/h.xlsx'); wb:add_sheet('A'):hide(); wb:close()",
     "mọi trang tính đều bị ẩn"},
    {"kích hoạt trang tính ẩn làm nó hiện lại",
     "local wb = W.new(DIR .. '/h2.xlsx'); local a = wb:add_sheet('A'); a:hide(); a:activate(); "
     "assert(wb:close())",
     NULL},

    /* options of new() */
    {"constant_memory: ghi dòng lùi",
     "local wb = W.new(DIR .. '/cm2.xlsx', { constant_memory = true }); local ws = "
     "wb:add_sheet('A'); ws:write(5, 0, 1); ws:write(2, 0, 1)",
     "chỉ được ghi các dòng theo thứ tự tăng dần"},
    {"constant_memory: hủy không rò rỉ",
     "local wb = W.new(DIR .. '/cm3.xlsx', { constant_memory = true }); wb:add_sheet('A'):write(0, "
     "0, 'x'); wb:add_sheet('B'):write(0, 0, 1)",
     NULL},
    {"background: ghi dòng lùi bị từ chối ngay",
     "local wb = W.new(DIR .. '/bg1.xlsx', { constant_memory = true, background = true }); local "
     "ws = wb:add_sheet('A'); ws:write_row(5, 0, { 1 }, 1); ws:write_row(2, 0, { 1 }, 1)",
     "chỉ được ghi các dòng theo thứ tự tăng dần"},
    {"background: chữ không phải UTF-8 bị từ chối ngay",
     "local wb = W.new(DIR .. '/bg2.xlsx', { constant_memory = true, background = true }); local "
     "ws = wb:add_sheet('A'); ws:write_row(0, 0, { 'a', 'b\xC3' }, 2)",
     "Giá trị của ô B1"},
    {"background: số không hữu hạn bị từ chối ngay",
     "local wb = W.new(DIR .. '/bg3.xlsx', { constant_memory = true, background = true }); local "
     "ws = wb:add_sheet('A'); ws:write_row(0, 0, { 1, 0/0 }, 2)",
     "ô B1 không phải số hữu hạn"},
    {"background: định dạng sai bị từ chối ngay",
     "local wb = W.new(DIR .. '/bg4.xlsx', { constant_memory = true, background = true }); local "
     "ws = wb:add_sheet('A'); ws:write_row(0, 0, { 1, 2 }, 2, { nil, 7 })",
     "định dạng thứ 2 phải là một định dạng"},
    {"background: hủy giữa chừng không rò rỉ",
     "local wb = W.new(DIR .. '/bg5.xlsx', { constant_memory = true, background = true }); local "
     "ws = wb:add_sheet('A'); for r = 0, 3000 do ws:write_row(r, 0, { 'Đơn vị ' .. r, r }, 2) "
     "end",
     NULL},
    {"background: bỏ qua khi không có constant_memory",
     "local wb = W.new(DIR .. '/bg6.xlsx', { background = true }); local ws = wb:add_sheet('A'); "
     "ws:write_row(3, 0, { 1 }, 1); ws:write_row(1, 0, { 2 }, 1); assert(wb:close())",
     NULL},
    {"start_close: sổ tính đang đóng không dùng được",
     "local wb = W.new(DIR .. '/sc1.xlsx', { constant_memory = true, background = true }); local "
     "ws = wb:add_sheet('A'); ws:write_row(0, 0, { 1 }, 1); wb:start_close(); ws:write(1, 0, 2)",
     "đang được đóng"},
    {"start_close: hủy khi đang đóng không để lại tệp",
     "do local wb <close> = W.new(DIR .. '/sc2.xlsx', { constant_memory = true, background = "
     "true }); wb:add_sheet('A'):write_row(0, 0, { 'x' }, 1); wb:start_close() end; "
     "assert(io.open(DIR .. '/sc2.xlsx') == nil, 'tệp vẫn được ghi')",
     NULL},
    {"start_close: rồi close ghi tệp, close lần nữa báo đã đóng",
     "local wb = W.new(DIR .. '/sc3.xlsx'); wb:add_sheet('A'):write(0, 0, 'x'); "
     "assert(wb:start_close() == true); assert(wb:close() == true); "
     "assert(io.open(DIR .. '/sc3.xlsx')):close(); wb:close()",
     "đã được ghi và đóng"},
    {"start_close: mọi trang tính ẩn bị từ chối ngay",
     "local wb = W.new(DIR .. '/sc4.xlsx'); wb:add_sheet('A'):hide(); wb:start_close()",
     "mọi trang tính đều bị ẩn"},
    {"new: tùy chọn lạ", "W.new(DIR .. '/o.xlsx', { constant = true })",
     "không có tùy chọn \"constant\""},
    {"new: thư mục tạm không có", "W.new(DIR .. '/o.xlsx', { tmpdir = '/khong/co' })",
     "thư mục tạm \"/khong/co\" không tồn tại"},
    {"new: verify = false",
     "local wb = W.new(DIR .. '/o3.xlsx', { verify = false }); wb:add_sheet('A'); "
     "assert(wb:close())",
     NULL},
    {"new: tmpdir hợp lệ",
     "local wb = W.new(DIR .. '/o2.xlsx', { constant_memory = true, tmpdir = DIR, use_zip64 = true "
     "}); wb:add_sheet('A'):write(0, 0, 'x'); assert(wb:close())",
     NULL},
    {"new: đường dẫn không phải chuỗi", "W.new(nil)", "cần đường dẫn tệp"},
    {"new: đường dẫn rỗng", "W.new('')", "đường dẫn tệp trống"},

    /* output files */
    {"thư mục không tồn tại", "W.new('/nonexistent/dir/x.xlsx')",
     "Không ghi được tệp \"/nonexistent/dir/x.xlsx\": thư mục không tồn tại"},
    {"đường dẫn trong /proc", "W.new('/proc/dvht-thu.xlsx')",
     "Không ghi được tệp \"/proc/dvht-thu.xlsx\": "},
    {"đường dẫn là thư mục", "W.new(DIR)", "đường dẫn là một thư mục"},
    {"đổi tên thất bại lúc đóng",
     "local wb, ws = fresh('ren'); ws:write(0, 0, 1); os.execute(\"mkdir -p '\" .. DIR .. "
     "\"/ren.xlsx/con'\"); wb:close()",
     "/ren.xlsx\": đường dẫn là một thư mục"},
    {"dùng lại sau khi đóng lỗi",
     "local wb, ws = fresh('ren2'); os.execute(\"mkdir -p '\" .. DIR .. \"/ren2.xlsx/con'\"); "
     "assert(not pcall(wb.close, wb)); ws:write(0, 0, 1)",
     "đã đóng do ghi lỗi"},
};

static void test_forbidden_chars(void)
{
    static const char forbidden[] = "[]:*?/\\";
    char code[256], what[64], msg[4096];
    size_t i;

    for (i = 0; forbidden[i]; i++) {
        snprintf(code, sizeof code, NEWWB "wb:add_sheet('Tổng' .. string.char(%d) .. 'hợp')",
                 (int)(unsigned char)forbidden[i]);
        snprintf(what, sizeof what, "tên trang tính chứa '%c'", forbidden[i]);
        expect(what, run_lua(code, msg, sizeof msg), msg, "chứa ký tự không được phép");
    }
}

/* ------------------------------------------------------------------------
 * Lifetime: garbage collection, lua_close, failures while writing
 * ---------------------------------------------------------------------- */

static void test_lifetime(void)
{
    char msg[4096];
    lua_State *L = new_state();
    int ok;

    ok = run_in(
        L, "gcwb = W.new(DIR .. '/gc.xlsx'); gcws = gcwb:add_sheet('A'); gcws:write(0, 0, 'x')",
        msg, sizeof msg);
    CHECK(ok && count_temps() == 1 && !exists("gc.xlsx"),
          "khi sổ tính đang mở: có đúng một tệp tạm, chưa có tệp đích");
    ok = run_in(L, "gcwb = nil; collectgarbage(); collectgarbage(); gcws:write(1, 0, 'y')", msg,
                sizeof msg);
    CHECK(ok && count_temps() == 1, "trang tính còn sống giữ sổ tính khỏi bị thu gom");
    ok = run_in(L, "gcws = nil; collectgarbage(); collectgarbage()", msg, sizeof msg);
    CHECK(ok && count_temps() == 0 && !exists("gc.xlsx"),
          "thu gom rác khi chưa close(): không có tệp, không còn tệp tạm");

    ok = run_in(L,
                "open_wb = W.new(DIR .. '/lc.xlsx'); open_ws = open_wb:add_sheet('A'); open_fmt = "
                "open_wb:format{}",
                msg, sizeof msg);
    CHECK(ok, "mở sổ tính trước lua_close");
    lua_close(L);
    CHECK(count_temps() == 0 && !exists("lc.xlsx"),
          "lua_close khi chưa close(): không có tệp, không còn tệp tạm");
}

/* Runs code in a child process whose writes beyond limit bytes fail with
 * EFBIG (RLIMIT_FSIZE); the child's Lua error text comes back in msg. */
static int run_limited(const char *code, rlim_t limit, char *msg, size_t size)
{
    int fds[2], status = 0;
    size_t got = 0;
    ssize_t n;
    pid_t pid;

    msg[0] = '\0';
    if (pipe(fds) != 0) return 0;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        struct rlimit rl;
        char err[4096];
        close(fds[0]);
        /* libxlsxwriter prints its own [ERROR] lines; a sanitizer or
         * valgrind finding still shows up as a non-zero exit status. */
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) {
            dup2(devnull, 2);
            close(devnull);
        }
        signal(SIGXFSZ, SIG_IGN);
        if (getrlimit(RLIMIT_FSIZE, &rl) == 0) {
            rl.rlim_cur = limit;
            setrlimit(RLIMIT_FSIZE, &rl);
        }
        if (run_lua(code, err, sizeof err)) snprintf(err, sizeof err, "(không lỗi)");
        if (write(fds[1], err, strlen(err)) < 0) _exit(3);
        _exit(0);
    }
    close(fds[1]);
    while (pid > 0 && got < size - 1 && (n = read(fds[0], msg + got, size - 1 - got)) > 0)
        got += (size_t)n;
    msg[got] = '\0';
    close(fds[0]);
    if (pid < 0 || waitpid(pid, &status, 0) != pid) return 0;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Write failures in the middle of wb:close(): the error names the file,
 * no temp file is left and an existing target keeps its old content. */
static void test_write_failure(const char *what, const char *code, rlim_t limit, const char *want)
{
    char msg[4096], buf[64];

    CHECK(write_text("full.xlsx", "cũ", 0644), "%s: tạo tệp đích cũ", what);
    CHECK(run_limited(code, limit, msg, sizeof msg), "%s: tiến trình con kết thúc bình thường",
          what);
    expect(what, 0, msg, want);
    printf("#   %s\n", msg);
    CHECK(count_temps() == 0, "%s: không còn tệp tạm", what);
    read_text("full.xlsx", buf, sizeof buf);
    CHECK_STR(buf, "cũ", "tệp đích cũ còn nguyên");
}

/* The uncompressed size of a zip member, or -1. */
static long long member_size(const char *zip, const char *member)
{
    unz_file_info64 info;
    long long size = -1;
    unzFile z = unzOpen64(zip);

    if (!z) return -1;
    if (unzLocateFile(z, member, 0) == UNZ_OK &&
        unzGetCurrentFileInfo64(z, &info, NULL, 0, NULL, 0, NULL, 0) == UNZ_OK)
        size = (long long)info.uncompressed_size;
    unzClose(z);
    return size;
}

/* The bytes of a zip member (caller frees), or NULL. */
static char *member_bytes(const char *zip, const char *member, size_t *len)
{
    unz_file_info64 info;
    char *buf = NULL;
    unzFile z = unzOpen64(zip);

    *len = 0;
    if (!z) return NULL;
    if (unzLocateFile(z, member, 0) == UNZ_OK &&
        unzGetCurrentFileInfo64(z, &info, NULL, 0, NULL, 0, NULL, 0) == UNZ_OK &&
        unzOpenCurrentFile(z) == UNZ_OK) {
        buf = malloc(info.uncompressed_size + 1);
        if (buf && unzReadCurrentFile(z, buf, (unsigned)info.uncompressed_size) ==
                       (int)info.uncompressed_size) {
            *len = info.uncompressed_size;
        } else {
            free(buf);
            buf = NULL;
        }
        unzCloseCurrentFile(z);
    }
    unzClose(z);
    return buf;
}

/* Rows, formats and other calls interleaved: a workbook whose rows went
 * through the row writer thread is byte for byte the one written in
 * this thread. */
#define BACKGROUND_SCRIPT(name, bg) BACKGROUND_SCRIPT_CLOSE(name, bg, "")
#define BACKGROUND_SCRIPT_CLOSE(name, bg, start)                                                           \
    "local wb = W.new(DIR .. '/" name ".xlsx', { constant_memory = true, background = " bg " })\n"         \
    "local a, b = wb:add_sheet('Tổng hợp'), wb:add_sheet('Thống kê')\n"                             \
    "local f = { wb:format { bold = true }, wb:format { italic = true, border = 1 } }\n"                   \
    "a:write(0, 0, 'Mã', f[1])\n"                                                                         \
    "for r = 1, 5000 do\n"                                                                                 \
    "  a:write_row(r, 0, { r, 'Đơn vị ' .. r, r % 3 == 0, r % 7 == 0 and '' or 'Mức độ 2', nil, " \
    "r / 8 }, 6, { f[1], f[2], nil, f[2], f[1] })\n"                                                       \
    "  if r % 1000 == 0 then f[#f + 1] = wb:format { size = 10 + #f }; b:write(r // 1000, 0, r, "          \
    "f[#f]) end\n"                                                                                         \
    "  if r == 2500 then a:set_column(0, 2, 20) end\n"                                                     \
    "end\n"                                                                                                \
    "b:write_row(10, 1, { 'cuối', 1 }, 2, f[3])\n" start "\nassert(wb:close())\n"

static void test_background_same_bytes(void)
{
    char msg[4096];
    static const char *const parts[] = {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
                                        "xl/styles.xml"};

    expect("background: sổ tính ghi bằng luồng nền",
           run_lua(BACKGROUND_SCRIPT("bg-on", "true"), msg, sizeof msg), msg, NULL);
    expect("background: cùng sổ tính ghi trong luồng chính",
           run_lua(BACKGROUND_SCRIPT("bg-off", "false"), msg, sizeof msg), msg, NULL);
    expect("start_close: cùng sổ tính, đóng và nén trong luồng riêng",
           run_lua(BACKGROUND_SCRIPT_CLOSE("bg-async", "true", "assert(wb:start_close())"), msg,
                   sizeof msg),
           msg, NULL);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        size_t n1, n2, n3;
        char *p1 = member_bytes(in_dir("bg-on.xlsx"), parts[i], &n1);
        char *p2 = member_bytes(in_dir("bg-off.xlsx"), parts[i], &n2);
        char *p3 = member_bytes(in_dir("bg-async.xlsx"), parts[i], &n3);
        CHECK(p1 && p2 && n1 > 0 && n1 == n2 && memcmp(p1, p2, n1) == 0,
              "background: %s giống hệt từng byte (%zu, %zu byte)", parts[i], n1, n2);
        CHECK(p3 && n3 == n2 && memcmp(p3, p2, n2) == 0,
              "start_close: %s giống hệt từng byte (%zu, %zu byte)", parts[i], n3, n2);
        free(p1);
        free(p2);
        free(p3);
    }
}

/* A constant_memory sheet is checked by size and closing tag, not parsed:
 * a file size limit between its rows' temp file and the assembled part
 * cuts the part's end while every row was written. */
static void test_streamed_part_cut(void)
{
    char msg[4096];
    long long size;

    expect("constant_memory: sổ tính mẫu ghi được",
           run_lua(TRUNCATING_SCRIPT("true"), msg, sizeof msg), msg, NULL);
    size = member_size(in_dir("full.xlsx"), "xl/worksheets/sheet1.xml");
    CHECK(size > 65536, "constant_memory: phần trang tính đủ lớn để thử (%lld byte)", size);
    if (size > 65536)
        test_write_failure("constant_memory: phần trang tính bị cắt khi ghép được phát hiện",
                           TRUNCATING_SCRIPT("true"), (rlim_t)(size - 40),
                           "\"xl/worksheets/sheet1.xml\" của tệp tạo ra không trọn vẹn");
}

static void test_readonly_dir(void)
{
    char msg[4096];

    if (geteuid() == 0) {
        printf("# chạy với quyền root: chmod không chặn được ghi, đã thử /proc thay thế\n");
        return;
    }
    if (mkdir(in_dir("chi-doc"), 0555) != 0) {
        CHECK(0, "tạo thư mục chỉ đọc");
        return;
    }
    expect("thư mục chỉ đọc", run_lua("W.new(DIR .. '/chi-doc/x.xlsx')", msg, sizeof msg), msg,
           "không có quyền ghi");
    chmod(in_dir("chi-doc"), 0755);
}

/* ------------------------------------------------------------------------
 * atomic_file.c
 * ---------------------------------------------------------------------- */

static void test_atomic_file(void)
{
    char *tmp = NULL, buf[64];
    struct stat st;
    mode_t mask;
    int fd;

    fd = atomic_begin(in_dir("a.txt"), &tmp);
    CHECK(fd >= 0 && tmp != NULL, "atomic_begin tạo tệp tạm");
    if (fd < 0) return;
    {
        char prefix[512];
        snprintf(prefix, sizeof prefix, "%s/.a.txt.", dir);
        CHECK(strncmp(tmp, prefix, strlen(prefix)) == 0 && strlen(tmp) == strlen(prefix) + 6,
              "tệp tạm nằm cạnh tệp đích: %s", tmp);
    }
    CHECK(write(fd, "xin chào", strlen("xin chào")) == (ssize_t)strlen("xin chào"),
          "ghi vào tệp tạm");
    CHECK(!exists("a.txt"), "tệp đích chưa xuất hiện trước commit");
    CHECK(atomic_commit(fd, tmp, in_dir("a.txt")) == 0, "atomic_commit");
    CHECK(access(tmp, F_OK) != 0, "tệp tạm đã được đổi tên");
    free(tmp);
    read_text("a.txt", buf, sizeof buf);
    CHECK_STR(buf, "xin chào", "nội dung tệp sau commit");
    mask = umask(022);
    umask(mask);
    CHECK(stat(in_dir("a.txt"), &st) == 0 && (st.st_mode & 0777) == (0666 & ~mask),
          "quyền tệp mới theo umask");

    /* Replacing keeps the permission bits of the old file. */
    chmod(in_dir("a.txt"), 0640);
    fd = atomic_begin(in_dir("a.txt"), &tmp);
    CHECK(fd >= 0, "atomic_begin lần hai");
    if (fd >= 0) {
        CHECK(write(fd, "mới", strlen("mới")) > 0, "ghi lần hai");
        CHECK(atomic_commit(fd, tmp, in_dir("a.txt")) == 0, "commit lần hai");
        free(tmp);
    }
    read_text("a.txt", buf, sizeof buf);
    CHECK_STR(buf, "mới", "nội dung được thay");
    CHECK(stat(in_dir("a.txt"), &st) == 0 && (st.st_mode & 0777) == 0640,
          "giữ quyền 0640 của tệp cũ");

    /* Abort leaves nothing. */
    fd = atomic_begin(in_dir("b.txt"), &tmp);
    CHECK(fd >= 0, "atomic_begin cho lần hủy");
    if (fd >= 0) {
        atomic_abort(fd, tmp);
        CHECK(access(tmp, F_OK) != 0 && !exists("b.txt"), "atomic_abort xóa tệp tạm");
        free(tmp);
    }

    /* Failures report errno. */
    tmp = (char *)"sentinel";
    errno = 0;
    fd = atomic_begin("/nonexistent/dir/c.txt", &tmp);
    CHECK(fd == -1 && errno == ENOENT && tmp == NULL,
          "atomic_begin: thư mục không tồn tại -> ENOENT");
    fd = atomic_begin(in_dir("d.txt"), &tmp);
    if (fd >= 0) {
        char dest[600];
        snprintf(dest, sizeof dest, "%s/khong-co/d.txt", dir);
        errno = 0;
        CHECK(atomic_commit(fd, tmp, dest) == -1 && errno == ENOENT,
              "atomic_commit thất bại -> -1, ENOENT");
        CHECK(access(tmp, F_OK) != 0, "atomic_commit thất bại xóa tệp tạm");
        free(tmp);
    }
    CHECK(atomic_begin("", &tmp) == -1 && errno == EINVAL,
          "atomic_begin: đường dẫn rỗng -> EINVAL");
    CHECK(atomic_begin(in_dir(""), &tmp) == -1 && errno == EISDIR,
          "atomic_begin: đường dẫn kết thúc bằng / -> EISDIR");

    CHECK_STR(atomic_strerror_vi(ENOSPC), "ổ đĩa đã đầy", "atomic_strerror_vi(ENOSPC)");
    CHECK_STR(atomic_strerror_vi(EACCES), "không có quyền ghi", "atomic_strerror_vi(EACCES)");
    CHECK_STR(atomic_strerror_vi(EPERM), "không có quyền ghi", "atomic_strerror_vi(EPERM)");
    CHECK_STR(atomic_strerror_vi(ENOENT), "thư mục không tồn tại", "atomic_strerror_vi(ENOENT)");
    CHECK_STR(atomic_strerror_vi(EROFS), "hệ thống tệp chỉ cho phép đọc",
              "atomic_strerror_vi(EROFS)");
    CHECK(atomic_strerror_vi(12345) != NULL, "atomic_strerror_vi với mã lạ");

    CHECK(same_file(in_dir("a.txt"), in_dir("a.txt")) == 1, "same_file: cùng tệp");
    {
        char via[600];
        snprintf(via, sizeof via, "%s/./a.txt", dir);
        CHECK(same_file(in_dir("a.txt"), via) == 1, "same_file: đường dẫn khác, cùng tệp");
    }
    CHECK(link(in_dir("a.txt"), in_dir("a-link.txt")) == 0 &&
              same_file(in_dir("a.txt"), in_dir("a-link.txt")) == 1,
          "same_file: liên kết cứng");
    CHECK(symlink("a.txt", in_dir("a-sym.txt")) == 0 &&
              same_file(in_dir("a-sym.txt"), in_dir("a.txt")) == 1,
          "same_file: liên kết tượng trưng");
    write_text("e.txt", "mới", 0644);
    CHECK(same_file(in_dir("a.txt"), in_dir("e.txt")) == 0, "same_file: hai tệp khác nhau");
    CHECK(same_file(in_dir("a.txt"), in_dir("khong-co.txt")) == 0, "same_file: tệp không tồn tại");
}

/* fit_text: a file name that is not UTF-8, a NUL and a page of text,
 * written (directly and in a row) and read back with the project's reader. */
static const char fit_script[] =
    "local wb = W.new(DIR .. '/fit.xlsx', { fit_text = true, constant_memory = true })\n"
    "local ws = wb:add_sheet('A')\n"
    "ws:write(0, 0, 'l\\225.csv')\n"
    "ws:write_row(1, 0, { 'a\\0b', ('x'):rep(40000) }, 2)\n"
    "assert(wb:close())\n"
    "local f = assert(require('dvht.tables').open(DIR .. '/fit.xlsx'))\n"
    "local src = assert(f:rows(1))\n"
    "local r1, r2 = src:next(), src:next()\n"
    "assert(r1[1] == 'l\\239\\191\\189.csv', r1[1])\n"
    "assert(r2[1] == 'a\\239\\191\\189b', r2[1])\n"
    "assert(utf8.len(r2[2]) == 32767 and r2[2]:sub(-3) == '\\226\\128\\166', #r2[2])\n";

/* ------------------------------------------------------------------------
 * The full workbook, read back with openpyxl
 * ---------------------------------------------------------------------- */

static const char *find_python(void)
{
    static const char *const candidates[] = {"/usr/bin/python3", "python3", NULL};
    char cmd[256];
    int i;

    for (i = 0; candidates[i]; i++) {
        snprintf(cmd, sizeof cmd, "%s -c 'import openpyxl' >/dev/null 2>&1", candidates[i]);
        if (system(cmd) == 0) return candidates[i];
    }
    return NULL;
}

static void test_readback(void)
{
    char msg[8192], cmd[1024], line[4096];
    const char *py;
    struct stat st;
    FILE *f;
    int checks = 0;

    expect("dựng sổ tính đầy đủ (mọi hàm)", run_lua(build_script, msg, sizeof msg), msg, NULL);
    expect("sổ tính có trang đầu bị ẩn", run_lua(an_script, msg, sizeof msg), msg, NULL);
    expect("sổ tính constant_memory", run_lua(cm_script, msg, sizeof msg), msg, NULL);
    expect("fit_text: chữ không phải UTF-8, có NUL hay quá dài được sửa cho vừa, đọc lại đúng",
           run_lua(fit_script, msg, sizeof msg), msg, NULL);
    expect(
        "không có fit_text: chữ không phải UTF-8 bị từ chối",
        run_lua("local wb = W.new(DIR .. '/nofit.xlsx'); wb:add_sheet('A'):write(0, 0, 'l\\225')",
                msg, sizeof msg),
        msg, "không phải chuỗi UTF-8 hợp lệ");
    write_text("keep.xlsx", "cũ", 0640);
    expect("ghi đè tệp đã có", run_lua(keep_script, msg, sizeof msg), msg, NULL);
    CHECK(stat(in_dir("keep.xlsx"), &st) == 0 && (st.st_mode & 0777) == 0640,
          "ghi đè giữ quyền 0640");

    py = find_python();
    CHECK(py != NULL, "có python3 với openpyxl để đọc lại tệp");
    if (!py) return;
    f = fopen(in_dir("check.py"), "w");
    if (!f || fputs(check_script, f) < 0 || fclose(f) != 0) {
        CHECK(0, "ghi check.py");
        return;
    }
    snprintf(cmd, sizeof cmd, "%s '%s/check.py' '%s' > '%s/check.out' 2>&1", py, dir, dir, dir);
    CHECK(system(cmd) == 0, "chạy check.py");
    f = fopen(in_dir("check.out"), "r");
    if (!f) {
        CHECK(0, "đọc kết quả check.py");
        return;
    }
    while (fgets(line, sizeof line, f)) {
        char *name, *detail;
        line[strcspn(line, "\n")] = '\0';
        name = strchr(line, '\t');
        if (!name) {
            printf("# %s\n", line);
            continue;
        }
        *name++ = '\0';
        detail = strchr(name, '\t');
        if (detail) *detail++ = '\0';
        CHECK(strcmp(line, "ok") == 0, "openpyxl: %s", name);
        if (strcmp(line, "ok") != 0 && detail) printf("#   %s\n", detail);
        checks++;
    }
    fclose(f);
    CHECK(checks >= 60, "check.py chạy hết các phép kiểm tra (%d)", checks);
}

int main(void)
{
    char cmd[600];

    setvbuf(stdout, NULL, _IOLBF, 0);
    {
        const char *base = getenv("TMPDIR");
        if (!base || !*base || strlen(base) > 150) base = "/tmp";
        snprintf(dir, sizeof dir, "%s/dvht-workbook-XXXXXX", base);
    }
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }

    test_atomic_file();
    test_forbidden_chars();
    run_cases(cases, sizeof cases / sizeof cases[0]);
    test_lifetime();
    test_readonly_dir();
    test_write_failure("ghi thất bại giữa chừng (EFBIG) báo lỗi rõ ràng", big_script, 4096,
                       "Không ghi được tệp \"");
    test_write_failure("tệp tạm bị cắt cụt được phát hiện khi đọc lại", TRUNCATING_SCRIPT("false"),
                       32768, "của tệp tạo ra không trọn vẹn");
    test_write_failure("constant_memory: lỗi ghi tệp tạm được phát hiện", TRUNCATING_SCRIPT("true"),
                       8192, "(tệp tạm của trang tính \"S1\")");
    test_write_failure("start_close: tệp tạm bị cắt cụt được phát hiện khi đóng xong",
                       TRUNCATING_SCRIPT_CLOSE("false", "wb:start_close(); wb:close()"), 32768,
                       "của tệp tạo ra không trọn vẹn");
    test_write_failure("background: lỗi ghi tệp tạm của luồng nền được phát hiện",
                       BACKGROUND_SCRIPT("full", "true"), 8192,
                       "(tệp tạm của trang tính \"Tổng hợp\")");
    test_streamed_part_cut();
    test_background_same_bytes();
    test_readback();
    CHECK(count_temps() == 0, "không còn tệp tạm nào trong thư mục thử");

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) printf("# không xóa được %s\n", dir);
    return tap_done();
}
