/* test_xlsx.c - unit tests of the XLSX reader. Fixtures are made in a
 * temporary folder: with libxlsxwriter (what Excel-like writers produce),
 * with openpyxl when python3 has it, and by hand with minizip for the
 * corner cases and for hostile files. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zip.h>

#include "sbuf.h"
#include "tap.h"
#include "text_norm.h"
#include "xlsx_reader.h"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL  "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG  "http://schemas.openxmlformats.org/package/2006/relationships"
#define CORRUPT "không phải tệp Excel (.xlsx) hợp lệ hoặc đã bị hỏng"

static char tmpdir[64];

/* Path of a fixture in the temporary folder (a few stay valid at once). */
static const char *fx(const char *name)
{
    static char bufs[8][512];
    static int next;
    char *b = bufs[next++ % 8];
    snprintf(b, sizeof bufs[0], "%s/%s", tmpdir, name);
    return b;
}

/* ---- reading helpers ---- */

static int bad_rows; /* rows whose lens disagree with the cell text */

/* Every row of src as "line:cell|cell\n", then "ERROR: msg" if reading
 * failed; the caller frees the result. */
static char *dump_source(row_source *src)
{
    sbuf b = {0};
    sb_add(&b, "", 0);
    row r;
    int st;
    while ((st = row_source_next(src, &r)) == ROW_OK) {
        sb_fmt(&b, "%ld:", r.line);
        for (size_t i = 0; i < r.ncells; i++) {
            if (i) sb_add(&b, "|", 1);
            if (strlen(r.cells[i]) != r.lens[i] || !text_valid_utf8(r.cells[i], r.lens[i], NULL))
                bad_rows++;
            sb_add(&b, r.cells[i], r.lens[i]);
        }
        sb_add(&b, "\n", 1);
    }
    if (st == ROW_ERROR) sb_fmt(&b, "ERROR: %s", src->err);
    return b.p;
}

static char *dump_sheet(xlsx_book *book, size_t i)
{
    char err[1024];
    row_source *src = xlsx_sheet_rows(book, i, err, sizeof err);
    if (!src) {
        sbuf b = {0};
        sb_fmt(&b, "OPEN: %s", err);
        return b.p;
    }
    char *s = dump_source(src);
    row_source_close(src);
    return s;
}

/* Opens path, dumps its first sheet, closes; "BOOK: msg" if it won't open. */
static char *dump_file(const char *path, const xlsx_limits *lim)
{
    char err[1024];
    xlsx_book *book = xlsx_open(path, lim, err, sizeof err);
    if (!book) {
        sbuf b = {0};
        sb_fmt(&b, "BOOK: %s", err);
        return b.p;
    }
    char *s = dump_sheet(book, 0);
    xlsx_close(book);
    return s;
}

#define CHECK_DUMP(got_expr, want, what)                                                           \
    do {                                                                                           \
        char *got_ = (got_expr);                                                                   \
        CHECK_STR(got_, want, what);                                                               \
        free(got_);                                                                                \
    } while (0)

/* ---- writing hand-made workbooks ---- */

typedef struct zpart {
    const char *name;
    const char *data;
    size_t len; /* 0: strlen(data) */
} zpart;

static int write_zip(const char *path, const zpart *parts, size_t n)
{
    zipFile z = zipOpen(path, APPEND_STATUS_CREATE);
    if (!z) return 0;
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
        ok &= zipOpenNewFileInZip(z, parts[i].name, NULL, NULL, 0, NULL, 0, NULL, Z_DEFLATED,
                                  Z_DEFAULT_COMPRESSION) == ZIP_OK;
        ok &= zipWriteInFileInZip(z, parts[i].data, (unsigned)len) == ZIP_OK;
        ok &= zipCloseFileInZip(z) == ZIP_OK;
    }
    ok &= zipClose(z, NULL) == ZIP_OK;
    return ok;
}

static const char WB_ONE[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"
    "<sheet name=\"Trang 1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char RELS_ONE[] =
    "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
    "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

#define SHEET(rows) "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>" rows "</sheetData></worksheet>"
#define SST(items)  "<sst xmlns=\"" NS_MAIN "\">" items "</sst>"

/* A one-sheet workbook; wb NULL takes WB_ONE, sst and styles NULL are left out. */
static void make_book(const char *path, const char *wb, const char *sheet, const char *sst,
                      const char *styles)
{
    zpart p[6];
    size_t n = 0;
    p[n++] = (zpart){"xl/workbook.xml", wb ? wb : WB_ONE, 0};
    p[n++] = (zpart){"xl/_rels/workbook.xml.rels", RELS_ONE, 0};
    p[n++] = (zpart){"xl/worksheets/sheet1.xml", sheet, 0};
    if (sst) p[n++] = (zpart){"xl/sharedStrings.xml", sst, 0};
    if (styles) p[n++] = (zpart){"xl/styles.xml", styles, 0};
    if (!write_zip(path, p, n)) printf("# cannot write %s\n", path);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *d = malloc((size_t)n + 1);
    if (d && fread(d, 1, (size_t)n, f) != (size_t)n) {
        free(d);
        d = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return d;
}

static void write_all(const char *path, const char *d, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fwrite(d, 1, n, f);
    fclose(f);
}

static void put_le32(char *p, unsigned long v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (char)((v >> (8 * i)) & 0xFF);
}

/* Makes entry lie: its local and central headers declare size bytes. */
static int patch_declared_size(const char *path, const char *entry, unsigned long size)
{
    size_t n, elen = strlen(entry);
    char *d = read_all(path, &n);
    int hits = 0;
    for (size_t i = 0; d && i + 46 + elen <= n; i++) {
        if (memcmp(d + i, "PK\3\4", 4) == 0 && memcmp(d + i + 30, entry, elen) == 0) {
            put_le32(d + i + 22, size);
            hits++;
        } else if (memcmp(d + i, "PK\1\2", 4) == 0 && memcmp(d + i + 46, entry, elen) == 0) {
            put_le32(d + i + 24, size);
            hits++;
        }
    }
    if (d) write_all(path, d, n);
    free(d);
    return hits == 2;
}

/* ---- libxlsxwriter fixture ---- */

static void make_lxw_book(const char *path)
{
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Đơn vị");
    lxw_worksheet *ws2 = workbook_add_worksheet(wb, "Thành viên");
    lxw_worksheet *ws3 = workbook_add_worksheet(wb, "Ẩn");
    lxw_format *date = workbook_add_format(wb), *dt = workbook_add_format(wb);
    lxw_format *pct = workbook_add_format(wb), *bold = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    format_set_num_format(dt, "dd/mm/yyyy hh:mm");
    format_set_num_format(pct, "0.00%");
    format_set_bold(bold);

    const char *head[] = {"Mã đơn vị", "Tên đơn vị", "Tổng số thành viên", "Ngày", "Công lập"};
    for (int c = 0; c < 5; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], bold);
    worksheet_write_string(ws, 1, 0, "DV01", NULL);
    worksheet_write_string(ws, 1, 1, "Trường THCS Nguyễn Trãi", NULL);
    worksheet_write_number(ws, 1, 2, 45, NULL);
    lxw_datetime d1 = {2025, 1, 5, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 3, &d1, date);
    worksheet_write_boolean(ws, 1, 4, 1, NULL);
    worksheet_write_blank(ws, 2, 1, bold); /* a formatted but empty row */
    worksheet_write_string(ws, 3, 0, "DV02", NULL);
    worksheet_write_number(ws, 3, 2, 0.5, NULL);
    lxw_datetime d2 = {2025, 3, 1, 10, 30, 0};
    worksheet_write_datetime(ws, 3, 3, &d2, dt);
    worksheet_write_boolean(ws, 3, 4, 0, NULL);
    worksheet_write_string(ws, 4, 4, "x", NULL);
    worksheet_write_number(ws, 5, 0, 1234567, NULL);
    worksheet_write_number(ws, 5, 1, -3.25, NULL);
    worksheet_write_number(ws, 5, 2, 1e-5, NULL);
    worksheet_write_number(ws, 5, 3, 12.0, NULL);
    worksheet_write_formula_str(ws, 6, 0, "=\"a\"&\"b\"", NULL, "ab");
    worksheet_write_number(ws, 6, 1, 0.25, pct);
    worksheet_write_string(ws, 6, 2, "To\xcc\x82\xcc\x89ng", NULL); /* NFD "Tổng" */
    worksheet_write_string(ws, 6, 3, "dòng 1\ndòng 2", NULL);

    worksheet_write_string(ws2, 0, 0, "Mã đơn vị", NULL);
    worksheet_write_string(ws2, 0, 1, "Họ tên", NULL);
    worksheet_write_string(ws2, 1, 0, "DV01", NULL);
    worksheet_write_string(ws2, 1, 1, "Nguyễn Văn An", NULL);
    worksheet_write_string(ws3, 0, 0, "bí mật", NULL);
    worksheet_hide(ws3);
    if (workbook_close(wb) != LXW_NO_ERROR) printf("# libxlsxwriter failed on %s\n", path);
}

static const char LXW_SHEET1[] = "1:Mã đơn vị|Tên đơn vị|Tổng số thành viên|Ngày|Công lập\n"
                                 "2:DV01|Trường THCS Nguyễn Trãi|45|2025-01-05|TRUE\n"
                                 "4:DV02||0.5|2025-03-01 10:30:00|FALSE\n"
                                 "5:||||x\n"
                                 "6:1234567|-3.25|1e-05|12\n"
                                 "7:ab|0.25|To\xcc\x82\xcc\x89ng|dòng 1\ndòng 2\n";

static void test_libxlsxwriter(void)
{
    const char *path = fx("lxw.xlsx");
    make_lxw_book(path);
    char err[1024];
    xlsx_book *b = xlsx_open(path, NULL, err, sizeof err);
    CHECK(b != NULL, "libxlsxwriter workbook opens");
    if (!b) {
        printf("#   %s\n", err);
        return;
    }
    CHECK(xlsx_sheet_count(b) == 3, "three sheets");
    CHECK_STR(xlsx_sheet_name(b, 0), "Đơn vị", "sheet 1 name");
    CHECK_STR(xlsx_sheet_name(b, 1), "Thành viên", "sheet 2 name");
    CHECK_STR(xlsx_sheet_name(b, 2), "Ẩn", "sheet 3 name");
    CHECK(!xlsx_sheet_hidden(b, 0) && !xlsx_sheet_hidden(b, 1) && xlsx_sheet_hidden(b, 2),
          "only the third sheet is hidden");
    CHECK(xlsx_sheet_name(b, 3) == NULL, "no fourth sheet name");
    CHECK_DUMP(dump_sheet(b, 0), LXW_SHEET1, "strings, numbers, dates, booleans, gaps, blank row");
    CHECK_DUMP(dump_sheet(b, 1), "1:Mã đơn vị|Họ tên\n2:DV01|Nguyễn Văn An\n", "second sheet");
    CHECK_DUMP(dump_sheet(b, 2), "1:bí mật\n", "hidden sheet still readable");

    row_source *src = xlsx_sheet_rows(b, 0, err, sizeof err);
    char want[600];
    snprintf(want, sizeof want, "%s [Đơn vị]", path);
    CHECK_STR(src ? src->name : NULL, want, "source name is \"path [sheet]\"");
    row_source_close(src);

    CHECK(xlsx_sheet_rows(b, 3, err, sizeof err) == NULL, "sheet index out of range refused");
    CHECK(strstr(err, "không có trang tính số 4") != NULL, "out of range message: %s", err);
    xlsx_close(b);
}

/* Two sources open at once, read in turn, outliving the book. */
static void test_interleaved_sources(void)
{
    char err[1024];
    xlsx_book *b = xlsx_open(fx("lxw.xlsx"), NULL, err, sizeof err);
    if (!b) {
        CHECK(0, "reopen libxlsxwriter workbook: %s", err);
        return;
    }
    row_source *s1 = xlsx_sheet_rows(b, 0, err, sizeof err);
    row_source *s2 = xlsx_sheet_rows(b, 1, err, sizeof err);
    xlsx_close(b);
    CHECK(s1 && s2, "two sheets open at once");
    if (!s1 || !s2) {
        row_source_close(s1);
        row_source_close(s2);
        return;
    }
    row r1, r2;
    int a = row_source_next(s1, &r1), c = row_source_next(s2, &r2);
    CHECK(a == ROW_OK && c == ROW_OK && r1.ncells == 5 && r2.ncells == 2, "first rows of both");
    a = row_source_next(s1, &r1);
    c = row_source_next(s2, &r2);
    CHECK(a == ROW_OK && strcmp(r1.cells[0], "DV01") == 0 && r1.line == 2,
          "sheet 1 row 2 after close");
    CHECK(c == ROW_OK && strcmp(r2.cells[1], "Nguyễn Văn An") == 0, "sheet 2 row 2 after close");
    char *rest = dump_source(s1);
    CHECK_STR(rest, strstr(LXW_SHEET1, "4:DV02"), "rest of sheet 1");
    free(rest);
    CHECK(row_source_next(s1, &r1) == ROW_END, "ROW_END repeats");
    row_source_close(s1);
    row_source_close(s2);
}

/* ---- openpyxl fixture ---- */

static const char *python_with_openpyxl(void)
{
    static const char *cands[] = {"python3", "/usr/bin/python3"};
    for (size_t i = 0; i < 2; i++) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "%s -c 'import openpyxl' >/dev/null 2>&1", cands[i]);
        if (system(cmd) == 0) return cands[i];
    }
    return NULL;
}

static void test_openpyxl(void)
{
    const char *py = python_with_openpyxl();
    if (!py) {
        printf("ok - # SKIP openpyxl is not installed\n");
        return;
    }
    const char *script = fx("make.py"), *path = fx("openpyxl.xlsx");
    FILE *f = fopen(script, "w");
    if (!f) return;
    fputs("import sys, datetime, openpyxl\n"
          "wb = openpyxl.Workbook()\n"
          "ws = wb.active\n"
          "ws.title = 'Đơn vị'\n"
          "ws.append(['Mã đơn vị', 'Tên đơn vị', 'Tổng số thành viên'])\n"
          "ws.append(['DV01', 'Trường Tiểu học Lê Lợi', 12])\n"
          "ws.append(['DV02', 'Trường Mầm non Hoa Sen', 3.5])\n"
          "ws.append([True, datetime.datetime(2025, 1, 5), datetime.date(2024, 2, 29),\n"
          "           datetime.datetime(2025, 1, 5, 8, 15), None, 'cuối'])\n"
          "ws2 = wb.create_sheet('Ẩn')\n"
          "ws2.sheet_state = 'hidden'\n"
          "ws2.append(['x'])\n"
          "wb.save(sys.argv[1])\n",
          f);
    fclose(f);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "%s '%s' '%s'", py, script, path);
    CHECK(system(cmd) == 0, "openpyxl wrote the fixture");
    char err[1024];
    xlsx_book *b = xlsx_open(path, NULL, err, sizeof err);
    CHECK(b != NULL, "openpyxl workbook opens");
    if (!b) return;
    CHECK(xlsx_sheet_count(b) == 2 && xlsx_sheet_hidden(b, 1) && !xlsx_sheet_hidden(b, 0),
          "openpyxl sheets and hidden state");
    CHECK_DUMP(dump_sheet(b, 0),
               "1:Mã đơn vị|Tên đơn vị|Tổng số thành viên\n"
               "2:DV01|Trường Tiểu học Lê Lợi|12\n"
               "3:DV02|Trường Mầm non Hoa Sen|3.5\n"
               "4:TRUE|2025-01-05|2024-02-29|2025-01-05 08:15:00||cuối\n",
               "openpyxl rows");
    xlsx_close(b);
}

/* ---- hand-made parts ---- */

static void test_missing_refs(void)
{
    const char *p = fx("noref.xlsx");
    make_book(p, NULL,
              SHEET("<row><c t=\"inlineStr\"><is><t>a</t></is></c><c><v>1</v></c></row>"
                    "<row/>"
                    "<row><c><v>2</v></c><c r=\"D3\"><v>4</v></c><c><v>5</v></c></row>"
                    "<row r=\"10\"><c r=\"B10\"><v>7</v></c></row>"
                    "<row><c><v>8</v></c><c r=\"C11\" t=\"inlineStr\"><is><t></t></is></c></row>"
                    "<row><c r=\"A12\" s=\"0\"/><c r=\"B12\" t=\"inlineStr\"><is/></c></row>"
                    "<row r=\"13\"><c r=\"C13\"><v>9</v></c><c r=\"A13\"><v>3</v></c></row>"),
              NULL, NULL);
    CHECK_DUMP(dump_file(p, NULL), "1:a|1\n3:2|||4|5\n10:|7\n11:8\n13:3||9\n",
               "rows and cells without r count on; empty rows skipped; out-of-order cells placed");
}

static const char SST_RICH[] =
    SST("<si><t>Trường học</t></si>"
        "<si><r><t>Nguyễn </t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">Văn An </t></r></si>"
        "<si><r><t>東京</t></r><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr "
        "fontId=\"1\"/></si>"
        "<si><t/></si>"
        "<si><t>a&amp;b &lt;c&gt; &#x1EC7;</t></si>");

static void test_rich_text(void)
{
    const char *p = fx("rich.xlsx");
    make_book(
        p, NULL,
        SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
              "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
              "<c r=\"E1\" t=\"s\"><v>4</v></c></row>"
              "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><r><t>Hà </t></r><r><t>Nội</t></r>"
              "<rPh sb=\"0\" eb=\"1\"><t>ハノイ</t></rPh></is></c></row>"
              "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>3</v></c></row>"),
        SST_RICH, NULL);
    CHECK_DUMP(dump_file(p, NULL), "1:Trường học|Nguyễn Văn An |東京||a&b <c> ệ\n2:|Hà Nội\n",
               "rich runs joined, phonetic runs dropped, empty shared string is an empty cell");
}

static void test_escapes(void)
{
    const char *p = fx("escape.xlsx");
    make_book(
        p, NULL,
        SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
              "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
              "<c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"s\"><v>5</v></c></row>"
              "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>x_x0009_y</t></is></c>"
              "<c r=\"B2\" t=\"str\"><f>A1</f><v>a_x000D_b</v></c>"
              "<c r=\"C2\" t=\"s\"><v>6</v></c></row>"),
        SST("<si><t>a_x000D_b</t></si><si><t>_x005F_x0041_</t></si><si><t>_x0041_</t></si>"
            "<si><t>_xD83D__xDE00_ _xD83D_ _x0000_</t></si><si><t>_x00e9_ _x12_ _x00E9</t></si>"
            "<si><t>__x0041__</t></si><si><t>_x001F_</t></si>"),
        NULL);
    CHECK_DUMP(
        dump_file(p, NULL),
        "1:a\rb|_x0041_|A|\xF0\x9F\x98\x80 _xD83D_ _x0000_|é _x12_ _x00E9|_A_\n"
        "2:x\ty|a\rb|\x1F\n",
        "_xHHHH_ escapes decoded (escaped underscore, surrogate pair, lone surrogate, NUL kept)");
}

static const char STYLES[] =
    "<styleSheet xmlns=\"" NS_MAIN "\"><numFmts count=\"8\">"
    "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"0.00%\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"[Red]#,##0\"/>"
    "<numFmt numFmtId=\"167\" formatCode=\"&quot;Ngày &quot;0\"/>"
    "<numFmt numFmtId=\"168\" formatCode=\"\\d0_s*m\"/>"
    "<numFmt numFmtId=\"169\" formatCode=\"[$-42A]d mmmm yyyy\"/>"
    "<numFmt numFmtId=\"170\" formatCode=\"#,##0 &quot;đ&quot;;[Red]-#,##0 &quot;đ&quot;\"/>"
    "<numFmt numFmtId=\"171\" formatCode=\"h:mm\"/>"
    "</numFmts>"
    "<cellStyleXfs count=\"2\"><xf numFmtId=\"14\"/><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"11\"><xf numFmtId=\"0\" xfId=\"0\"/><xf numFmtId=\"164\"/><xf "
    "numFmtId=\"165\"/>"
    "<xf numFmtId=\"166\"><alignment horizontal=\"left\"/></xf><xf numFmtId=\"167\"/><xf "
    "numFmtId=\"168\"/>"
    "<xf numFmtId=\"169\"/><xf numFmtId=\"170\"/><xf numFmtId=\"171\"/><xf numFmtId=\"14\"/>"
    "<xf numFmtId=\"10\"/></cellXfs></styleSheet>";

static void test_number_formats(void)
{
    const char *p = fx("formats.xlsx");
    make_book(
        p, NULL,
        SHEET(
            "<row r=\"1\"><c r=\"A1\" s=\"0\"><v>45658.25</v></c><c r=\"B1\" "
            "s=\"1\"><v>45658.25</v></c>"
            "<c r=\"C1\" s=\"2\"><v>45658.25</v></c><c r=\"D1\" s=\"3\"><v>45658.25</v></c>"
            "<c r=\"E1\" s=\"4\"><v>45658.25</v></c><c r=\"F1\" s=\"5\"><v>45658.25</v></c>"
            "<c r=\"G1\" s=\"6\"><v>45658.25</v></c><c r=\"H1\" s=\"7\"><v>45658.25</v></c>"
            "<c r=\"I1\" s=\"8\"><v>45658.25</v></c><c r=\"J1\" s=\"9\"><v>45658.25</v></c>"
            "<c r=\"K1\" s=\"10\"><v>45658.25</v></c><c r=\"L1\" s=\"99\"><v>45658.25</v></c></row>"
            "<row r=\"2\"><c r=\"A2\" s=\"9\"><v>1</v></c><c s=\"9\"><v>59</v></c><c "
            "s=\"9\"><v>60</v></c>"
            "<c s=\"9\"><v>61</v></c><c s=\"9\"><v>45658</v></c><c s=\"8\"><v>0.75</v></c>"
            "<c s=\"9\"><v>2958465</v></c><c s=\"9\"><v>2958466</v></c><c s=\"9\"><v>-1</v></c>"
            "<c s=\"9\"><v>45658.999999</v></c></row>"
            "<row r=\"3\"><c><v>0.30000000000000004</v></c><c><v>1.0E+2</v></c><c><v>-0</v></c>"
            "<c><v>1E-3</v></c><c><v>123456789012345678</v></c><c><v> 7 </v></c>"
            "<c><v>0012</v></c><c><v>1e21</v></c></row>"),
        NULL, STYLES);
    CHECK_DUMP(
        dump_file(p, NULL),
        "1:45658.25|2025-01-01 06:00:00|45658.25|45658.25|45658.25|45658.25|2025-01-01 06:00:00|"
        "45658.25|2025-01-01 06:00:00|2025-01-01 06:00:00|45658.25|45658.25\n"
        "2:1900-01-01|1900-02-28|1900-02-29|1900-03-01|2025-01-01|18:00:00|9999-12-31|2958466|-1|"
        "2025-01-02\n"
        "3:0.30000000000000004|100|0|0.001|123456789012345680|7|12|1e+21\n",
        "date formats (built-in, custom, 1900 leap bug) vs number formats; shortest numbers");
}

static void test_date1904(void)
{
    const char *p = fx("d1904.xlsx");
    make_book(p,
              "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL
              "\"><workbookPr date1904=\"1\"/><sheets>"
              "<sheet name=\"Trang 1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
              SHEET("<row r=\"1\"><c r=\"A1\" s=\"9\"><v>0</v></c><c r=\"B1\" s=\"9\"><v>1</v></c>"
                    "<c r=\"C1\" s=\"9\"><v>45000.75</v></c><c r=\"D1\" s=\"9\"><v>60</v></c>"
                    "<c r=\"E1\"><v>60</v></c></row>"),
              NULL, STYLES);
    CHECK_DUMP(dump_file(p, NULL), "1:1904-01-01|1904-01-02|2027-03-16 18:00:00|1904-03-01|60\n",
               "date1904 epoch");
}

static void test_cell_types(void)
{
    const char *p = fx("types.xlsx");
    make_book(
        p, NULL,
        SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Đơn vị</t></is></c>"
              "<c r=\"B1\" t=\"str\"><f>CONCAT(\"a\",\"b\")</f><v>ab</v></c>"
              "<c r=\"C1\" t=\"e\"><f>NA()</f><v>#N/A</v></c>"
              "<c r=\"D1\" t=\"b\"><v>1</v></c><c r=\"E1\" t=\"b\"><v>0</v></c>"
              "<c r=\"F1\" t=\"d\"><v>2025-01-05T00:00:00</v></c>"
              "<c r=\"G1\" t=\"d\"><v>2025-01-05T10:20:30.000Z</v></c>"
              "<c r=\"H1\" t=\"n\"><f>1+1</f></c><c r=\"I1\" t=\"e\"><v>#DIV/0!</v></c></row>"),
        NULL, NULL);
    CHECK_DUMP(dump_file(p, NULL),
               "1:Đơn vị|ab|#N/A|TRUE|FALSE|2025-01-05|2025-01-05 10:20:30||#DIV/0!\n",
               "inlineStr, str, e, b, d; a formula without value is empty");
}

/* Prefixed elements, an absolute target and a workbook that is not at
 * xl/workbook.xml (found through the package relationships). */
static void test_package_layout(void)
{
    const char *p = fx("layout.xlsx");
    zpart parts[] = {
        {"_rels/.rels",
         "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
         "/officeDocument\" Target=\"xl/book.xml\"/></Relationships>",
         0},
        {"xl/book.xml",
         "<x:workbook xmlns:x=\"" NS_MAIN "\" xmlns:rel=\"" NS_REL "\"><x:sheets>"
         "<x:sheet name=\"Một\" sheetId=\"1\" rel:id=\"r7\"/><x:sheet name=\"Hai\" sheetId=\"2\" "
         "state=\"veryHidden\" rel:id=\"r8\"/><x:sheet name=\"Mất\" sheetId=\"3\" rel:id=\"r9\"/>"
         "</x:sheets></x:workbook>",
         0},
        {"xl/_rels/book.xml.rels",
         "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"r7\" Type=\"" NS_REL
         "/worksheet\" Target=\"/xl/worksheets/a.xml\"/><Relationship Id=\"r8\" Type=\"" NS_REL
         "/worksheet\" Target=\"./sub/../worksheets/b.xml\"/><Relationship Id=\"r5\" Type=\"" NS_REL
         "/sharedStrings\" Target=\"strings.xml\"/></Relationships>",
         0},
        {"xl/worksheets/a.xml",
         "<x:worksheet xmlns:x=\"" NS_MAIN
         "\"><x:sheetData><x:row x:r=\"2\" r=\"2\"><x:c r=\"A2\" t=\"s\">"
         "<x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>",
         0},
        {"XL/Worksheets/B.xml", SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"), 0},
        {"xl/strings.xml", SST("<si><t>chuỗi</t></si>"), 0},
    };
    write_zip(p, parts, sizeof parts / sizeof parts[0]);
    char err[1024];
    xlsx_book *b = xlsx_open(p, NULL, err, sizeof err);
    CHECK(b != NULL, "package with non-default layout opens");
    if (!b) {
        printf("#   %s\n", err);
        return;
    }
    CHECK(xlsx_sheet_count(b) == 3 && xlsx_sheet_hidden(b, 1) && !xlsx_sheet_hidden(b, 0),
          "veryHidden counts as hidden");
    CHECK_DUMP(dump_sheet(b, 0), "2:chuỗi\n",
               "prefixed elements, absolute target, custom sst name");
    CHECK_DUMP(dump_sheet(b, 1), "1:1\n", "relative target with . and .., part name case");
    char *m = dump_sheet(b, 2);
    CHECK(strstr(m, "OPEN: Tệp \"") == m &&
              strstr(m, "thiếu liên kết tới dữ liệu của trang tính \"Mất\""),
          "sheet without relationship: %s", m);
    free(m);
    xlsx_close(b);
}

/* ---- hostile and broken files ---- */

static void expect_book_error(const char *path, const xlsx_limits *lim, const char *want,
                              const char *what)
{
    char err[1024];
    xlsx_book *b = xlsx_open(path, lim, err, sizeof err);
    CHECK(b == NULL && strstr(err, want) != NULL && text_valid_utf8(err, strlen(err), NULL), "%s",
          what);
    if (b || !strstr(err, want))
        printf("#   got '%s'\n#   want '%s'\n", b ? "(opened)" : err, want);
    xlsx_close(b);
}

static void test_not_xlsx(void)
{
    const char *p = fx("ghi chú.xlsx");
    write_all(p, "Mã đơn vị,Tên\nDV01,abc\n", strlen("Mã đơn vị,Tên\nDV01,abc\n"));
    char want[700];
    snprintf(want, sizeof want, "Tệp \"%s\" " CORRUPT ".", p);
    char err[1024];
    xlsx_book *b = xlsx_open(p, NULL, err, sizeof err);
    CHECK(b == NULL, "text file renamed .xlsx refused");
    CHECK_STR(err, want, "text file message");

    const char *empty = fx("empty.xlsx");
    write_all(empty, "", 0);
    expect_book_error(empty, NULL, "tệp rỗng", "empty file");
    expect_book_error(fx("khong-co.xlsx"), NULL, "Không mở được tệp", "missing file");
    expect_book_error(fx("khong-co.xlsx"), NULL, "tệp không tồn tại", "missing file says so");
    expect_book_error(tmpdir, NULL, "thư mục", "a directory");

    const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest of an OLE2 file";
    const char *xls = fx("old.xlsx");
    write_all(xls, ole, sizeof ole);
    expect_book_error(xls, NULL, "Excel 97-2003 (.xls)",
                      "old .xls or encrypted workbook recognised");

    /* a valid zip that is no workbook */
    const char *z = fx("nowb.xlsx");
    zpart parts[] = {{"xl/worksheets/sheet1.xml", SHEET(""), 0}};
    write_zip(z, parts, 1);
    expect_book_error(z, NULL, CORRUPT ": thiếu phần \"xl/workbook.xml\"",
                      "zip without workbook.xml");

    /* small error buffers cut messages on a character boundary */
    char small[3];
    xlsx_open(p, NULL, small, sizeof small);
    CHECK_STR(small, "T", "a message cut inside \"ệ\" drops the partial character");
}

static void test_truncated(void)
{
    size_t n;
    char *d = read_all(fx("lxw.xlsx"), &n);
    if (!d) {
        CHECK(0, "read libxlsxwriter fixture");
        return;
    }
    int all = 1;
    /* n - 1 would only lose the high byte of the (zero) zip comment length */
    size_t cuts[] = {1, 4, 30, n / 4, n / 2, 3 * n / 4, n - 30, n - 23};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        const char *p = fx("cut.xlsx");
        write_all(p, d, cuts[i]);
        char err[1024];
        xlsx_book *b = xlsx_open(p, NULL, err, sizeof err);
        if (b || !strstr(err, CORRUPT)) {
            all = 0;
            printf("#   cut at %zu: %s\n", cuts[i], b ? "opened" : err);
        }
        xlsx_close(b);
    }
    CHECK(all, "truncated copies are refused as damaged");
    free(d);
}

/* Flips bytes all over a valid file: whatever happens must be a clean
 * success or a clean Vietnamese error (ASan/valgrind watch the rest). */
static void test_corrupted_bytes(void)
{
    size_t n;
    char *d = read_all(fx("lxw.xlsx"), &n);
    if (!d) return;
    int clean = 1, errors = 0;
    for (size_t pos = 0; pos < n; pos += n / 397 + 1) {
        char saved = d[pos];
        d[pos] = (char)(d[pos] ^ (0x55 + (int)(pos % 7)));
        const char *p = fx("flip.xlsx");
        write_all(p, d, n);
        d[pos] = saved;
        char err[1024];
        xlsx_book *b = xlsx_open(p, NULL, err, sizeof err);
        if (!b) {
            errors++;
            clean &= strncmp(err, "Tệp \"", strlen("Tệp \"")) == 0 &&
                     text_valid_utf8(err, strlen(err), NULL);
            continue;
        }
        for (size_t i = 0; i < xlsx_sheet_count(b); i++) {
            char *m = dump_sheet(b, i);
            char *e = strstr(m, "ERROR: ");
            if (!e) e = strstr(m, "OPEN: ");
            if (e) {
                errors++;
                clean &= strstr(e, ": Tệp \"") != NULL;
            }
            clean &= text_valid_utf8(m, strlen(m), NULL);
            free(m);
        }
        xlsx_close(b);
    }
    CHECK(clean && errors > 0, "%d damaged copies reported cleanly", errors);
    free(d);
}

static void test_bad_xml(void)
{
    const char *p = fx("badxml.xlsx");
    make_book(
        p, NULL,
        SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></row>"),
        NULL, NULL);
    char err[1024];
    xlsx_book *b = xlsx_open(p, NULL, err, sizeof err);
    row_source *src = b ? xlsx_sheet_rows(b, 0, err, sizeof err) : NULL;
    row r;
    CHECK(src && row_source_next(src, &r) == ROW_OK && r.line == 1,
          "row before the damage is read");
    int st = src ? row_source_next(src, &r) : ROW_OK;
    char want[700];
    snprintf(want, sizeof want, "Tệp \"%s\", trang tính \"Trang 1\", dòng 2: lỗi XML", p);
    CHECK(st == ROW_ERROR && strncmp(src->err, want, strlen(want)) == 0, "malformed XML: %s",
          src ? src->err : err);
    CHECK(src && strstr(src->err, "thẻ đóng không khớp với thẻ mở; tệp có thể đã bị hỏng."),
          "malformed XML cause");
    CHECK(src && row_source_next(src, &r) == ROW_ERROR, "ROW_ERROR repeats");
    row_source_close(src);
    xlsx_close(b);

    const char *u = fx("badutf8.xlsx");
    make_book(
        u, NULL,
        SHEET("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Tr\xC6\xB0\xE1\xBB\x9Dng \xFF</t>"
              "</is></c></row>"),
        NULL, NULL);
    char *m = dump_file(u, NULL);
    CHECK(strstr(m, "ERROR: Tệp \"") &&
              strstr(m, "trang tính \"Trang 1\", dòng 3: phần "
                        "\"xl/worksheets/sheet1.xml\" chứa byte không phải UTF-8 hợp lệ"),
          "invalid UTF-8 in a sheet: %s", m);
    free(m);

    const char *s = fx("badutf8sst.xlsx");
    make_book(s, NULL, SHEET(""), SST("<si><t>\xC3\x28</t></si>"), NULL);
    expect_book_error(s, NULL, "\"xl/sharedStrings.xml\" chứa byte không phải UTF-8 hợp lệ",
                      "invalid UTF-8 in shared strings");

    const char *w = fx("badwb.xlsx");
    make_book(w, "<workbook><sheets><sheet name=\"a\" r:id=\"rId1\"></sheets></workbook>",
              SHEET(""), NULL, NULL);
    expect_book_error(w, NULL, CORRUPT ": lỗi XML trong phần \"xl/workbook.xml\"",
                      "malformed workbook.xml");

    const char *bad_ref = fx("badref.xlsx");
    make_book(bad_ref, NULL, SHEET("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>"), NULL, NULL);
    m = dump_file(bad_ref, NULL);
    CHECK(strstr(m, "dòng 1: tham chiếu ô \"1A\" không hợp lệ") != NULL, "bad cell reference: %s",
          m);
    free(m);

    const char *bad_num = fx("badnum.xlsx");
    make_book(bad_num, NULL, SHEET("<row r=\"4\"><c r=\"C4\"><v>mười</v></c></row>"), NULL, NULL);
    m = dump_file(bad_num, NULL);
    CHECK(strstr(m, "dòng 4: ô C4: giá trị số \"mười\" không hợp lệ.") != NULL, "bad number: %s",
          m);
    free(m);
}

static void test_shared_index(void)
{
    const char *p = fx("sstidx.xlsx");
    make_book(
        p, NULL,
        SHEET(
            "<row r=\"6\"><c r=\"A6\" t=\"s\"><v> 1\n</v></c></row>"
            "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>0</v></c><c r=\"B7\" t=\"s\"><v>2</v></c></row>"),
        SST("<si><t>a</t></si><si><t>b</t></si>"), NULL);
    char want[800];
    snprintf(
        want, sizeof want,
        "6:b\nERROR: Tệp \"%s\", trang tính \"Trang 1\", dòng 7: ô B7: tham chiếu chuỗi dùng chung "
        "số 2 nhưng tệp chỉ có 2 chuỗi.",
        p);
    CHECK_DUMP(dump_file(p, NULL), want, "shared string index out of range");

    const char *q = fx("nosst.xlsx");
    make_book(q, NULL, SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"), NULL, NULL);
    char *m = dump_file(q, NULL);
    CHECK(strstr(m, "tham chiếu chuỗi dùng chung số 0 nhưng tệp chỉ có 0 chuỗi") != NULL,
          "shared string without a table: %s", m);
    free(m);

    const char *x = fx("sstbad.xlsx");
    make_book(x, NULL, SHEET("<row r=\"2\"><c r=\"D2\" t=\"s\"><v>-1</v></c></row>"),
              SST("<si><t>a</t></si>"), NULL);
    m = dump_file(x, NULL);
    CHECK(strstr(m, "dòng 2: ô D2: chỉ số chuỗi dùng chung \"-1\" không hợp lệ.") != NULL,
          "malformed shared string index: %s", m);
    free(m);

    /* the relationship exists, the part does not */
    const char *y = fx("nopart.xlsx");
    zpart parts[] = {{"xl/workbook.xml", WB_ONE, 0}, {"xl/_rels/workbook.xml.rels", RELS_ONE, 0}};
    write_zip(y, parts, 2);
    m = dump_file(y, NULL);
    CHECK(strstr(m, "OPEN: Tệp \"") &&
              strstr(m, CORRUPT ": thiếu phần \"xl/worksheets/sheet1.xml\"."),
          "missing worksheet part: %s", m);
    free(m);
}

/* head, n copies of fill, tail; the caller frees it. */
static char *padded(const char *head, char fill, size_t n, const char *tail)
{
    size_t h = strlen(head), t = strlen(tail);
    char *s = malloc(h + n + t + 1);
    if (!s) abort();
    memcpy(s, head, h);
    memset(s + h, fill, n);
    memcpy(s + h + n, tail, t + 1);
    return s;
}

static void test_limits(void)
{
    const char *p = fx("manysst.xlsx");
    sbuf sst = {0};
    sb_add(&sst, "<sst xmlns=\"" NS_MAIN "\" uniqueCount=\"11\">",
           strlen("<sst xmlns=\"" NS_MAIN "\" uniqueCount=\"11\">"));
    for (int i = 0; i < 11; i++)
        sb_fmt(&sst, "<si><t>chuỗi %d</t></si>", i);
    sb_add(&sst, "</sst>", 6);
    make_book(p, NULL, SHEET("<row><c t=\"s\"><v>10</v></c></row>"), sst.p, NULL);
    free(sst.p);
    xlsx_limits ten = {0, 10, 0};
    expect_book_error(p, &ten, "có quá nhiều chuỗi dùng chung (hơn 10)", "too many shared strings");
    xlsx_limits eleven = {0, 11, 0};
    CHECK_DUMP(dump_file(p, &eleven), "1:chuỗi 10\n", "exactly at the shared string limit");
    xlsx_limits bytes = {0, 0, 64};
    expect_book_error(p, &bytes, "bảng chuỗi dùng chung vượt quá giới hạn 64 byte",
                      "shared string bytes limit");

    /* a part honestly declaring a size past the limit */
    size_t big = 6u << 20;
    const char *bomb = fx("bomb.xlsx");
    char *part = padded("<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row><c><v>1</v></c></row>",
                        ' ', big, "</sheetData></worksheet>");
    make_book(bomb, NULL, part, NULL, NULL);
    free(part);
    xlsx_limits mib = {1u << 20, 0, 0};
    char *m = dump_file(bomb, &mib);
    CHECK(strstr(m, "OPEN: Tệp \"") &&
              strstr(m, "phần \"xl/worksheets/sheet1.xml\" khi giải nén vượt quá "
                        "giới hạn 1 MiB"),
          "declared size over the limit: %s", m);
    free(m);
    CHECK_DUMP(dump_file(bomb, NULL), "1:1\n", "the same part under the default limit");

    /* the same part lying about its size: inflating stops, reading fails */
    CHECK(patch_declared_size(bomb, "xl/worksheets/sheet1.xml", 4000), "size fields patched");
    m = dump_file(bomb, &mib);
    CHECK(strncmp(m, "1:1\nERROR: Tệp \"", strlen("1:1\nERROR: Tệp \"")) == 0 &&
              strstr(m, "tệp có thể đã bị hỏng."),
          "lying zip bomb: %s", strstr(m, "ERROR") ? strstr(m, "ERROR") : m);
    free(m);

    /* a lying bomb in the shared strings, read at open */
    const char *bomb2 = fx("bomb2.xlsx");
    part = padded("<sst xmlns=\"" NS_MAIN "\"><si><t>", 'a', big, "</t></si></sst>");
    make_book(bomb2, NULL, SHEET(""), part, NULL);
    free(part);
    CHECK(patch_declared_size(bomb2, "xl/sharedStrings.xml", 100), "size fields patched");
    expect_book_error(bomb2, &mib, CORRUPT ": phần \"xl/sharedStrings.xml\" bị hỏng",
                      "lying zip bomb in shared strings");

    /* one giant tag: expat would buffer it whole */
    const char *tag = fx("bigtag.xlsx");
    part = padded("<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\" x=\"", 'a', big,
                  "\"/></sheetData></worksheet>");
    make_book(tag, NULL, part, NULL, NULL);
    free(part);
    m = dump_file(tag, NULL);
    CHECK(strstr(m, "chứa một thẻ XML dài bất thường") != NULL, "giant tag refused: %.300s", m);
    free(m);

    /* a cell longer than the cell limit */
    const char *cell = fx("bigcell.xlsx");
    part =
        padded("<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"2\"><c r=\"B2\" t=\"str\"><v>",
               'a', XLSX_MAX_CELL_BYTES + 1, "</v></c></row></sheetData></worksheet>");
    make_book(cell, NULL, part, NULL, NULL);
    free(part);
    m = dump_file(cell, NULL);
    CHECK(strstr(m, "dòng 2: ô B2: nội dung ô dài quá 1 MiB") != NULL, "giant cell refused: %.300s",
          m);
    free(m);

    /* deep nesting */
    sbuf deep = {0};
    sb_fmt(&deep, "<worksheet xmlns=\"%s\"><sheetData>", NS_MAIN);
    for (int i = 0; i < 300; i++)
        sb_add(&deep, "<a>", 3);
    for (int i = 0; i < 300; i++)
        sb_add(&deep, "</a>", 4);
    sb_add(&deep, "</sheetData></worksheet>", strlen("</sheetData></worksheet>"));
    const char *dp = fx("deep.xlsx");
    make_book(dp, NULL, deep.p, NULL, NULL);
    free(deep.p);
    m = dump_file(dp, NULL);
    CHECK(strstr(m, "lồng thẻ XML quá sâu") != NULL, "deep nesting refused: %s", m);
    free(m);
}

static void test_entities(void)
{
    const char *p = fx("laughs.xlsx");
    make_book(p, NULL, SHEET(""),
              "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\">"
              "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c "
              "\"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
              "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e "
              "\"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
              "]><sst><si><t>&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;</t></si></sst>",
              NULL);
    expect_book_error(p, NULL, "chứa khai báo DTD", "billion laughs refused");

    const char *q = fx("xxe.xlsx");
    make_book(q, NULL,
              "<!DOCTYPE worksheet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" SHEET(
                  "<row><c t=\"inlineStr\"><is><t>&x;</t></is></c></row>"),
              NULL, NULL);
    char *m = dump_file(q, NULL);
    CHECK(strstr(m, "ERROR: ") && strstr(m, "chứa khai báo DTD") && !strstr(m, "root:"),
          "external entity refused: %s", m);
    free(m);
}

/* ---- a full-height sheet ---- */

static long maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Written in a child so that libxlsxwriter's memory does not count. */
static int make_big_book(const char *path, long rows)
{
    pid_t pid = fork();
    if (pid < 0) return 0;
    if (pid == 0) {
        lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = tmpdir};
        lxw_workbook *wb = workbook_new_opt(path, &opt);
        lxw_worksheet *ws = workbook_add_worksheet(wb, "Thành viên");
        for (long r = 0; r < rows; r++) {
            worksheet_write_number(ws, (lxw_row_t)r, 0, (double)(r + 1), NULL);
            worksheet_write_number(ws, (lxw_row_t)r, 1, (double)(r % 7) / 4, NULL);
        }
        _exit(workbook_close(wb) == LXW_NO_ERROR ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void test_big_sheet(void)
{
    const char *slow = getenv("DVHT_SKIP_SLOW"), *quick = getenv("DVHT_QUICK");
    if ((slow && *slow && strcmp(slow, "0") != 0) || (quick && *quick && strcmp(quick, "0") != 0)) {
        printf("ok - # SKIP full-height sheet (DVHT_SKIP_SLOW or DVHT_QUICK is set)\n");
        return;
    }
    const long rows = 1048576;
    const char *p = fx("big.xlsx");
    double t0 = now_s();
    CHECK(make_big_book(p, rows), "libxlsxwriter wrote %ld rows", rows);
    double t1 = now_s();
    long rss0 = maxrss_kb();
    char err[1024];
    xlsx_book *b = xlsx_open(p, NULL, err, sizeof err);
    row_source *src = b ? xlsx_sheet_rows(b, 0, err, sizeof err) : NULL;
    if (!src) {
        CHECK(0, "open big sheet: %s", err);
        xlsx_close(b);
        return;
    }
    long count = 0, wrong = 0, last = 0;
    row r;
    int st;
    char want[32];
    static const char *quarters[] = {"0", "0.25", "0.5", "0.75", "1", "1.25", "1.5"};
    while ((st = row_source_next(src, &r)) == ROW_OK) {
        count++;
        snprintf(want, sizeof want, "%ld", count);
        if (r.line != count || r.ncells != 2 || strcmp(r.cells[0], want) != 0 ||
            strcmp(r.cells[1], quarters[(count - 1) % 7]) != 0)
            wrong++;
        last = r.line;
    }
    double t2 = now_s();
    long rss1 = maxrss_kb();
    CHECK(st == ROW_END && count == rows && last == rows && wrong == 0,
          "%ld rows streamed (%ld wrong)", count, wrong);
    CHECK(rss1 - rss0 < 64 * 1024, "peak memory grew by %ld KiB (< 64 MiB)", rss1 - rss0);
    struct stat sst;
    stat(p, &sst);
    printf("# wrote in %.2f s; read %ld rows (%.1f MB zip) in %.2f s = %.0f rows/s; peak RSS %ld "
           "KiB\n",
           t1 - t0, count, (double)sst.st_size / 1e6, t2 - t1, (double)count / (t2 - t1), rss1);
    row_source_close(src);
    xlsx_close(b);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dvht-xlsx-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    test_libxlsxwriter();
    test_interleaved_sources();
    test_openpyxl();
    test_missing_refs();
    test_rich_text();
    test_escapes();
    test_number_formats();
    test_date1904();
    test_cell_types();
    test_package_layout();
    test_not_xlsx();
    test_truncated();
    test_corrupted_bytes();
    test_bad_xml();
    test_shared_index();
    test_limits();
    test_entities();
    test_big_sheet();
    CHECK(bad_rows == 0, "every cell's length matches its text and is valid UTF-8");

    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (getenv("DVHT_KEEP_FIXTURES"))
        printf("# fixtures kept in %s\n", tmpdir);
    else if (system(cmd) != 0)
        printf("# could not remove %s\n", tmpdir);
    return tap_done();
}
