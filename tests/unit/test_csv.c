/* test_csv.c - the CSV row source. Each case writes a file into a fresh
 * temporary directory and compares a dump of what the reader returns.
 *
 * Throughput: DVHT_CSV_BENCH_MB=100 build/tests/test_csv writes a file of
 * that size and prints the reading speed as a TAP comment. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csv_reader.h"
#include "sbuf.h"
#include "tap.h"

static char tmpdir[256];

/* ---- files ---- */

/* Writes len bytes to tmpdir/name; returns the path (caller frees). */
static char *write_file(const char *name, const char *bytes, size_t len)
{
    char *path = malloc(strlen(tmpdir) + strlen(name) + 2);
    if (!path) abort();
    sprintf(path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(bytes, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

/* Appends one cell, showing CR and LF as \r and \n so dumps stay on one
 * line per row. */
static void dump_cell(sbuf *b, const char *c, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (c[i] == '\n')
            sb_str(b, "\\n");
        else if (c[i] == '\r')
            sb_str(b, "\\r");
        else
            sb_add(b, c + i, 1);
    }
}

/* Reads a whole source: one "line:cell|cell" per row, then "END" or
 * "ERR <message>". The caller frees the result. */
static char *dump_source(row_source *src)
{
    sbuf b = {0};
    row r;
    int st;
    sb_str(&b, "");
    while ((st = row_source_next(src, &r)) == ROW_OK) {
        sb_fmt(&b, "%ld:", r.line);
        for (size_t i = 0; i < r.ncells; i++) {
            if (i) sb_str(&b, "|");
            dump_cell(&b, r.cells[i], r.lens[i]);
            if (strlen(r.cells[i]) != r.lens[i]) sb_str(&b, "<BADLEN>");
        }
        sb_str(&b, "\n");
    }
    if (st == ROW_END)
        sb_str(&b, "END");
    else
        sb_fmt(&b, "ERR %s", src->err);
    return b.p;
}

/* Writes content to name and returns the dump of reading it back. */
static char *dump_bytes(const char *name, const char *bytes, size_t len, char *delim)
{
    char *path = write_file(name, bytes, len), err[512];
    row_source *src = csv_open(path, err, sizeof err);
    char *out;
    if (src) {
        out = dump_source(src);
        if (delim) *delim = csv_delimiter(src);
        row_source_close(src);
    } else {
        out = strdup(err);
    }
    free(path);
    return out;
}

#define DUMP(name, lit) dump_bytes(name, lit, sizeof(lit) - 1, NULL)

/* CSV is the literal's bytes, including embedded NULs. */
#define EXPECT(name, csv, want, what)                                                              \
    do {                                                                                           \
        char *got_ = dump_bytes(name, csv, sizeof(csv) - 1, NULL);                                 \
        CHECK_STR(got_, want, what);                                                               \
        free(got_);                                                                                \
    } while (0)

/* Like EXPECT, and also checks the delimiter. */
#define EXPECT_DELIM(name, csv, want_delim, want, what)                                            \
    do {                                                                                           \
        char d_ = 0;                                                                               \
        char *got_ = dump_bytes(name, csv, sizeof(csv) - 1, &d_);                                  \
        CHECK_STR(got_, want, what);                                                               \
        CHECK(d_ == (want_delim), "%s: delimiter '%c'", what, want_delim);                         \
        free(got_);                                                                                \
    } while (0)

/* ---- cases ---- */

static void test_bom_semicolon_crlf(void)
{
    EXPECT_DELIM("bom.csv",
                 "\xEF\xBB\xBFma_don_vi;ten_don_vi;tong_thanh_vien\r\n"
                 "THCS01;Trường THCS Lê Lợi;45\r\n"
                 "THCS02;\"Trường \"\"A\"\"; cơ sở 2\";30\r\n",
                 ';',
                 "1:ma_don_vi|ten_don_vi|tong_thanh_vien\n"
                 "2:THCS01|Trường THCS Lê Lợi|45\n"
                 "3:THCS02|Trường \"A\"; cơ sở 2|30\n"
                 "END",
                 "BOM stripped, ';' detected, CRLF");
    EXPECT_DELIM("nobom.csv", "a,b\n1,2\n", ',', "1:a|b\n2:1|2\nEND", "no BOM, ',' and LF");
}

static void test_quoted_newlines(void)
{
    EXPECT("qnl.csv",
           "a,b\n"
           "1,\"line1\nline2\r\nline3\rline4\"\n"
           "2,x\r\n"
           "3,\"\r\n\"\n"
           "4,y\n",
           "1:a|b\n"
           "2:1|line1\\nline2\\nline3\\nline4\n"
           "6:2|x\n"
           "7:3|\\n\n"
           "9:4|y\n"
           "END",
           "newlines inside quotes become LF and count as physical lines");
}

static void test_quotes(void)
{
    EXPECT("dq.csv", "\"a \"\"b\"\" c\",\"\"\"\",\"\",\"x,y\"\n", "1:a \"b\" c|\"||x,y\nEND",
           "doubled quotes, empty quoted cell, quoted delimiter");
    EXPECT("midq.csv", "ab\"cd,5\" man hinh,\"x\"y z\n", "1:ab\"cd|5\" man hinh|xy z\nEND",
           "quotes inside unquoted cells kept literally");
    EXPECT("spaces.csv", " a , \"b\" \n", "1: a | \"b\" \nEND",
           "unquoted cells keep their spaces; a quote after a space is text");
}

static void test_line_endings(void)
{
    EXPECT("cr.csv", "a,b\r1,2\r\r3,4", "1:a|b\n2:1|2\n4:3|4\nEND", "lone CR line endings");
    EXPECT("mixed.csv", "a,b\r\n1,2\n3,4\r5,6\r\n", "1:a|b\n2:1|2\n3:3|4\n4:5|6\nEND",
           "mixed CRLF, LF, CR");
    EXPECT("nonl.csv", "a,b\n1,2", "1:a|b\n2:1|2\nEND", "last line without newline");
    EXPECT("nonlq.csv", "a,b\n1,\"2\"", "1:a|b\n2:1|2\nEND", "quoted last cell at EOF");
    EXPECT("trail.csv", "a,b,\n1,,\n", "1:a|b|\n2:1||\nEND", "trailing empty cells kept");
}

static void test_blank_rows(void)
{
    EXPECT("blank.csv", "\n\r\nma,ten\n\n,,\n\"\",\n1,2\n \t, \xc2\xa0\n\n3,4\n\n",
           "3:ma|ten\n7:1|2\n10:3|4\nEND",
           "blank and white-space-only rows skipped, lines still counted");
    EXPECT("semi-blank.csv", "a;b;c\n;;;\n;;x\n", "1:a|b|c\n3:||x\nEND", ";;; skipped");
}

static void test_empty_and_header_only(void)
{
    EXPECT("empty.csv", "", "END", "empty file: ROW_END at once");
    EXPECT("bomonly.csv", "\xEF\xBB\xBF", "END", "BOM only");
    EXPECT("newlines.csv", "\r\n\n\n", "END", "newlines only");
    EXPECT("header.csv", "ma_don_vi;ten_don_vi\r\n", "1:ma_don_vi|ten_don_vi\nEND",
           "only a header");
    EXPECT("one.csv", "x", "1:x\nEND", "one byte");
}

static void test_delimiter_detection(void)
{
    EXPECT_DELIM("d1.csv", "a;b,c;d\n1;2,3;4\n", ';', "1:a|b,c|d\n2:1|2,3|4\nEND", "';' wins 2:1");
    EXPECT_DELIM("d2.csv", "a;b,c\n", ',', "1:a;b|c\nEND", "tie -> ','");
    EXPECT_DELIM("d3.csv", "a\tb\tc\n1\t2\t3\n", '\t', "1:a|b|c\n2:1|2|3\nEND", "TAB only");
    EXPECT_DELIM("d4.csv", "a\tb,c\n", ',', "1:a\tb|c\nEND", "TAB with ',' -> ','");
    EXPECT_DELIM("d5.csv", "\"x;y;z\",b\n", ',', "1:x;y;z|b\nEND", "quoted ';' not counted");
    EXPECT_DELIM("d6.csv", "onecolumn\nvalue\n", ',', "1:onecolumn\n2:value\nEND", "none -> ','");
    EXPECT_DELIM("d7.csv", "\n\na;b\n", ';', "3:a|b\nEND", "leading blank lines passed over");
    EXPECT_DELIM("d8.csv", "\"h\nx\";b;c,d\n", ';', "1:h\\nx|b|c,d\nEND",
                 "first row spans two lines");
}

static void test_invalid_utf8(void)
{
    char want[1024];
    static const char csv[] = "a,b\n1,2\n\"x\ny\xff\",3\n4,5\n";
    char *path = write_file("don-vi.csv", csv, sizeof csv - 1);
    row_source *src = csv_open(path, NULL, 0);
    CHECK(src != NULL, "open don-vi.csv");
    if (!src) return;
    char *got = dump_source(src);
    snprintf(want, sizeof want,
             "1:a|b\n2:1|2\nERR Tệp \"%s\", dòng 4: dữ liệu không phải UTF-8 hợp lệ (hãy lưu tệp "
             "với mã hóa UTF-8).",
             path);
    CHECK_STR(got, want, "invalid UTF-8 names the physical line of the bad byte");
    row r;
    CHECK(row_source_next(src, &r) == ROW_ERROR, "the error is sticky");
    free(got);
    row_source_close(src);
    free(path);

    got = DUMP("latin1.csv", "ma,ten\nX1,Tr\xf0\xeang\n");
    CHECK(strstr(got, "dòng 2: dữ liệu không phải UTF-8") != NULL, "Latin-1 text rejected");
    free(got);
}

static void test_nul_and_overlong(void)
{
    char *got = DUMP("nul2.csv", "a,b\n\n1,x\0y\n");
    CHECK(strstr(got, "1:a|b\nERR Tệp") == got &&
              strstr(got, "nul2.csv\", dòng 3: dữ liệu không") != NULL,
          "NUL byte is invalid UTF-8 on line 3");
    free(got);
    got = DUMP("overlong.csv", "a\n\xc0\xaf\n");
    CHECK(strstr(got, "overlong.csv\", dòng 2: dữ liệu không phải UTF-8") != NULL, "overlong '/'");
    free(got);
    got = DUMP("split.csv", "a,\xe1\xbb,b\n");
    CHECK(strstr(got, "dòng 1: dữ liệu không phải UTF-8") != NULL, "sequence cut by a delimiter");
    free(got);
}

static void test_unterminated_quote(void)
{
    char *got = DUMP("unterm.csv", "a,b\n1,2\n3,\"abc\n\ndef\n");
    CHECK(strncmp(got, "1:a|b\n2:1|2\nERR Tệp \"", 21) == 0, "rows before the error are returned");
    CHECK(strstr(got, "unterm.csv\", dòng 3: ô bắt đầu bằng dấu ngoặc kép") != NULL,
          "unterminated quote names the line where the cell started");
    free(got);
}

static void test_open_errors(void)
{
    char err[512], want[700];
    char path[300];
    snprintf(path, sizeof path, "%s/khong-co.csv", tmpdir);
    CHECK(csv_open(path, err, sizeof err) == NULL, "missing file -> NULL");
    snprintf(want, sizeof want, "Không mở được tệp \"%s\": No such file or directory", path);
    CHECK_STR(err, want, "missing file message");
    CHECK(csv_open(tmpdir, err, sizeof err) == NULL, "directory -> NULL");
    CHECK(strstr(err, "Không mở được tệp \"") == err && strstr(err, "thư mục") != NULL,
          "directory message: %s", err);
    CHECK(csv_open(path, NULL, 0) == NULL, "err may be NULL");

    char *p = write_file("ten.csv", "a\n", 2);
    row_source *src = csv_open(p, err, sizeof err);
    CHECK(src && strcmp(src->name, p) == 0, "name is the path as given");
    CHECK(src && csv_delimiter(src) == 0, "delimiter unknown before the first row");
    row_source_close(src);
    row_source_close(NULL);
    free(p);
}

/* A CR at byte 65535 and its LF at 65536 straddle the first read block. */
static void test_block_boundaries(void)
{
    size_t block = 64 * 1024, n;
    char *buf = malloc(block * 3);
    if (!buf) abort();
    n = (size_t)sprintf(buf, "a,b\r\nx,");
    memset(buf + n, 'p', block - 1 - n);
    n = block - 1;
    n += (size_t)sprintf(buf + n, "\r\ny,\"q");
    size_t qlen = block * 2 - 1 - (n - 1);   /* q's before the quoted CRLF */
    memset(buf + n, 'q', block * 2 - 1 - n); /* quoted CRLF at 2 * block - 1 */
    n = block * 2 - 1;
    n += (size_t)sprintf(buf + n, "\r\nq\"\r\nz,1\r\n");
    char *path = write_file("boundary.csv", buf, n), err[256];
    row_source *src = csv_open(path, err, sizeof err);
    row r;
    CHECK(src && row_source_next(src, &r) == ROW_OK && r.line == 1, "boundary: header");
    CHECK(src && row_source_next(src, &r) == ROW_OK && r.line == 2 && r.lens[1] == block - 8,
          "boundary: row 2 ends with CR|LF across blocks");
    CHECK(src && row_source_next(src, &r) == ROW_OK && r.line == 3 && r.lens[1] == qlen + 2 &&
              r.cells[1][qlen] == '\n' && r.cells[1][qlen - 1] == 'q' &&
              r.cells[1][qlen + 1] == 'q',
          "boundary: quoted CR|LF across blocks becomes one LF");
    CHECK(src && row_source_next(src, &r) == ROW_OK && r.line == 5 && strcmp(r.cells[0], "z") == 0,
          "boundary: line count after it");
    CHECK(src && row_source_next(src, &r) == ROW_END, "boundary: end");
    row_source_close(src);
    free(path);
    free(buf);
}

/* A header wider than one read block still decides the delimiter. */
static void test_wide_header(void)
{
    sbuf b = {0};
    for (int i = 0; i < 8000; i++)
        sb_fmt(&b, "%scot_%04d", i ? ";" : "", i);
    sb_str(&b, "\n1;2\n");
    char *path = write_file("wide.csv", b.p, b.n), err[256];
    row_source *src = csv_open(path, err, sizeof err);
    row r;
    CHECK(src && row_source_next(src, &r) == ROW_OK && r.ncells == 8000 &&
              strcmp(r.cells[7999], "cot_7999") == 0,
          "8000-column header (%zu bytes) split on ';'", b.n);
    CHECK(src && csv_delimiter(src) == ';', "wide header: delimiter ';'");
    CHECK(src && row_source_next(src, &r) == ROW_OK && r.ncells == 2 && r.line == 2,
          "wide header: next row");
    row_source_close(src);
    free(path);
    free(b.p);
}

static void test_limits(void)
{
    size_t big = 1024 * 1024;
    char *buf = malloc(big + 16);
    if (!buf) abort();
    memcpy(buf, "a\n\"", 3);
    memset(buf + 3, 'x', big + 1);
    memcpy(buf + 3 + big + 1, "\"\n", 2);
    char *got = dump_bytes("bigcell.csv", buf, big + 6, NULL);
    CHECK(strstr(got, "1:a\nERR Tệp") == got &&
              strstr(got, "dòng 2: có một ô dài hơn 1 MiB") != NULL,
          "a cell over 1 MiB is refused");
    free(got);
    memcpy(buf, "a\n", 2);
    memset(buf + 2, 'x', big);
    buf[2 + big] = '\n';
    got = dump_bytes("maxcell.csv", buf, big + 3, NULL);
    CHECK(strncmp(got, "1:a\n2:xxx", 9) == 0 && strstr(got, "\nEND") != NULL,
          "a cell of exactly 1 MiB is accepted");
    free(got);
    free(buf);

    sbuf b = {0};
    sb_str(&b, "h\n");
    for (int i = 0; i < 16384; i++)
        sb_str(&b, "1,");
    sb_str(&b, "\n");
    got = dump_bytes("cells.csv", b.p, b.n, NULL);
    CHECK(strstr(got, "1:h\nERR Tệp") == got &&
              strstr(got, "dòng 2: dòng này có hơn 16384 ô") != NULL,
          "16385 cells refused");
    free(got);
    b.n -= 2; /* drop the last ",": 16384 cells */
    sb_str(&b, "\n");
    char *path = write_file("cells-ok.csv", b.p, b.n), err[256];
    row_source *src = csv_open(path, err, sizeof err);
    row r;
    CHECK(src && row_source_next(src, &r) == ROW_OK && row_source_next(src, &r) == ROW_OK &&
              r.ncells == 16384,
          "16384 cells accepted");
    row_source_close(src);
    free(path);
    free(b.p);
}

/* ---- a 10,000-row round trip ---- */

static void make_cell(char *out, size_t size, int rowno, int col)
{
    static const char *names[] = {"Trường THCS Lê Lợi", "UBND phường Hàng Bạc",
                                  "Công ty \"Đồng Tâm\"", "Trạm y tế; cơ sở 2",
                                  "Mầm non Hoa Sen, Cầu Giấy"};
    if (col == 0)
        snprintf(out, size, "DV%05d", rowno);
    else if (col == 1)
        snprintf(out, size, "%s", names[rowno % 5]);
    else if (col == 2 && rowno % 100 == 7)
        snprintf(out, size, "dòng một\ndòng hai");
    else if (col == 2)
        snprintf(out, size, "%d", rowno * 7 % 1000);
    else
        snprintf(out, size, "%s", rowno % 3 ? "có" : "");
}

/* Writes a cell with quotes when it needs them (as a spreadsheet does). */
static void put_cell(sbuf *b, const char *c)
{
    if (!strpbrk(c, "\";\n")) {
        sb_str(b, c);
        return;
    }
    sb_str(b, "\"");
    for (const char *p = c; *p; p++) {
        if (*p == '"')
            sb_str(b, "\"\"");
        else if (*p == '\n')
            sb_str(b, "\r\n");
        else
            sb_add(b, p, 1);
    }
    sb_str(b, "\"");
}

static void test_round_trip(void)
{
    enum { ROWS = 10000, COLS = 4 };
    sbuf b = {0};
    char cell[128];
    sb_str(&b, "\xEF\xBB\xBFma_don_vi;ten_don_vi;tong_thanh_vien;ke_hoach_hoc_tap\r\n");
    for (int i = 0; i < ROWS; i++) {
        for (int c = 0; c < COLS; c++) {
            if (c) sb_str(&b, ";");
            make_cell(cell, sizeof cell, i, c);
            put_cell(&b, cell);
        }
        sb_str(&b, "\r\n");
    }
    char *path = write_file("round.csv", b.p, b.n), err[256];
    row_source *src = csv_open(path, err, sizeof err);
    row r;
    int bad = 0, rows = 0;
    long line = 2;
    CHECK(src && row_source_next(src, &r) == ROW_OK && r.ncells == COLS, "round trip: header");
    while (src && row_source_next(src, &r) == ROW_OK) {
        int ok = r.ncells == COLS && r.line == line;
        for (int c = 0; ok && c < COLS; c++) {
            make_cell(cell, sizeof cell, rows, c);
            ok = strcmp(r.cells[c], cell) == 0 && r.lens[c] == strlen(cell);
        }
        if (!ok && bad++ < 3) printf("# row %d (line %ld) differs\n", rows, r.line);
        line += rows % 100 == 7 ? 2 : 1;
        rows++;
    }
    CHECK(rows == ROWS && bad == 0, "round trip: %d rows, %d differ", rows, bad);
    CHECK(src && src->err[0] == '\0', "round trip: no error");
    row_source_close(src);
    free(path);
    free(b.p);
}

/* ---- optional throughput measurement ---- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void bench(long mb)
{
    sbuf b = {0};
    char cell[128];
    sb_str(&b, "ma_don_vi,ten_don_vi,tong_thanh_vien,ke_hoach_hoc_tap\n");
    for (int i = 0; b.n < (size_t)mb * 1000000; i++) {
        for (int c = 0; c < 4; c++) {
            if (c) sb_str(&b, ",");
            make_cell(cell, sizeof cell, i, c);
            put_cell(&b, cell);
        }
        sb_str(&b, "\n");
    }
    char *path = write_file("bench.csv", b.p, b.n), err[256];
    size_t bytes = b.n, cells = 0;
    free(b.p);
    double t0 = now_s();
    row_source *src = csv_open(path, err, sizeof err);
    row r;
    while (src && row_source_next(src, &r) == ROW_OK)
        cells += r.ncells;
    double t = now_s() - t0;
    CHECK(src && src->err[0] == '\0', "bench: read without error");
    double mbytes = (double)bytes / 1e6;
    printf("# csv read: %.1f MB, %zu cells in %.3f s = %.0f MB/s\n", mbytes, cells, t, mbytes / t);
    row_source_close(src);
    unlink(path);
    free(path);
}

static void remove_tmpdir(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%.200s'", tmpdir);
    if (system(cmd) != 0) printf("# could not remove %s\n", tmpdir);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/dvht-csv-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 2;
    }
    const char *mb = getenv("DVHT_CSV_BENCH_MB");
    if (mb) {
        bench(atol(mb));
    } else {
        test_bom_semicolon_crlf();
        test_quoted_newlines();
        test_quotes();
        test_line_endings();
        test_blank_rows();
        test_empty_and_header_only();
        test_delimiter_detection();
        test_invalid_utf8();
        test_nul_and_overlong();
        test_unterminated_quote();
        test_open_errors();
        test_block_boundaries();
        test_wide_header();
        test_limits();
        test_round_trip();
    }
    remove_tmpdir();
    return tap_done();
}
