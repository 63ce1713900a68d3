/* test_prefetch.c - reading ahead on worker threads (prefetch.h).
 *
 * Every case compares what a prefetched file gives (rows, line numbers,
 * source names, error messages) with what the readers give directly, for
 * CSV files and XLSX workbooks written with libxlsxwriter, with 1 to 4
 * worker threads; and checks the paths where the queue cannot serve a
 * request (order changed, a sheet asked for again, two sheets at once),
 * files dropped unread, stopping while workers wait, and sources used
 * after stop. Run under ASan and valgrind by tests/run-all. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "csv_reader.h"
#include "prefetch.h"
#include "roster.h"
#include "sbuf.h"
#include "tap.h"
#include "xlsx_reader.h"

static char tmpdir[64];

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* "name\nline:cell|cell\n...END" or "...ERROR msg"; at most max rows
 * (0: all), then "STOP". Closes src. */
static char *dump(row_source *src, size_t max)
{
    sbuf b = {0};
    sb_fmt(&b, "%s\n", src->name);
    row r;
    int st;
    size_t n = 0;
    while ((st = row_source_next(src, &r)) == ROW_OK) {
        sb_fmt(&b, "%ld:", r.line);
        for (size_t i = 0; i < r.ncells; i++) {
            if (strlen(r.cells[i]) != r.lens[i]) sb_fmt(&b, "<bad len>");
            sb_add(&b, r.cells[i], r.lens[i]);
            sb_add(&b, "|", 1);
        }
        sb_add(&b, "\n", 1);
        if (max && ++n == max) {
            sb_fmt(&b, "STOP");
            row_source_close(src);
            return b.p;
        }
    }
    sb_fmt(&b, st == ROW_END ? "END" : "ERROR %s", src->err);
    /* a finished source keeps answering the same */
    if (row_source_next(src, &r) != st) sb_fmt(&b, " <changed>");
    row_source_close(src);
    return b.p;
}

/* The reference: every table of path read directly, tables separated by
 * "\n--\n"; an unreadable file or table gives its message. */
static char *dump_direct(const char *path)
{
    char err[1024];
    sbuf b = {0};
    size_t n = strlen(path);
    if (n > 5 && strcmp(path + n - 5, ".xlsx") == 0) {
        xlsx_book *book = xlsx_open(path, NULL, err, sizeof err);
        if (!book) {
            sb_fmt(&b, "OPEN %s", err);
            return b.p;
        }
        for (size_t i = 0; i < xlsx_sheet_count(book); i++) {
            row_source *src = xlsx_sheet_rows(book, i, err, sizeof err);
            char *d = src ? dump(src, 0) : NULL;
            sb_fmt(&b, "%s[%s%s]\n", i ? "\n--\n" : "", xlsx_sheet_name(book, i),
                   xlsx_sheet_hidden(book, i) ? " hidden" : "");
            if (d)
                sb_add(&b, d, strlen(d));
            else
                sb_fmt(&b, "ROWS %s", err);
            free(d);
        }
        xlsx_close(book);
    } else {
        row_source *src = csv_open(path, err, sizeof err);
        char *d = src ? dump(src, 0) : NULL;
        sb_fmt(&b, "[]\n");
        if (d)
            sb_add(&b, d, strlen(d));
        else
            sb_fmt(&b, "ROWS %s", err);
        free(d);
    }
    return b.p;
}

/* The same through a prefetched file; *directs counts tables that had to
 * be read directly (0 expected in order). */
static char *dump_prefetched(pf_file *f, int *directs)
{
    char err[1024];
    sbuf b = {0};
    if (pf_file_wait_open(f, err, sizeof err) != 0) {
        sb_fmt(&b, "OPEN %s", err);
        pf_file_release(f);
        return b.p;
    }
    for (size_t i = 0; i < pf_file_sheet_count(f); i++) {
        int direct = 0;
        row_source *src = pf_file_rows(f, i, err, sizeof err, &direct);
        if (direct) (*directs)++;
        char *d = src ? dump(src, 0) : NULL;
        const char *name = pf_file_sheet_name(f, i);
        sb_fmt(&b, "%s[%s%s]\n", i ? "\n--\n" : "", name ? name : "",
               pf_file_sheet_hidden(f, i) ? " hidden" : "");
        if (d)
            sb_add(&b, d, strlen(d));
        else
            sb_fmt(&b, "ROWS %s", direct ? "(direct)" : err);
        free(d);
    }
    pf_file_release(f);
    return b.p;
}

/* ---- fixtures ---- */

static char *path_of(const char *name)
{
    size_t n = strlen(tmpdir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p) abort();
    snprintf(p, n, "%s/%s", tmpdir, name);
    return p;
}

static void write_bytes(const char *path, const char *s, size_t n)
{
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(s, 1, n, fp) != n) abort();
    fclose(fp);
}

/* A CSV of `rows` rows (5 columns, Vietnamese text, a quoted newline
 * every 97th row so line numbers and rows differ); `bad_at` > 0 puts an
 * invalid UTF-8 byte in that row. */
static char *make_csv(const char *name, size_t rows, size_t bad_at)
{
    sbuf b = {0};
    sb_fmt(&b, "\xEF\xBB\xBFma_don_vi;ho_ten;chuc_vu;tuan_thu_ky_luat;ghi_chu\r\n");
    for (size_t i = 1; i <= rows; i++) {
        sb_fmt(&b, "HN-%06zu;Nguyễn Văn %zu;Giáo viên;%s;", i / 7, i, i % 3 ? "x" : "");
        if (i == bad_at)
            sb_fmt(&b, "sai \xC3 mã");
        else if (i % 97 == 0)
            sb_fmt(&b, "\"hai\ndòng\"");
        else if (i % 5 == 0)
            sb_fmt(&b, "  ");
        sb_fmt(&b, "\r\n");
        if (i % 400 == 0) sb_fmt(&b, ";;;;\r\n"); /* a blank row, skipped */
    }
    char *p = path_of(name);
    write_bytes(p, b.p, b.n);
    free(b.p);
    return p;
}

/* A workbook: a small units sheet, a hidden list sheet and a roster of
 * `rows` rows (shared strings, numbers, empty cells, a gap row). */
static char *make_xlsx(const char *name, size_t rows)
{
    char *p = path_of(name);
    lxw_workbook *wb = workbook_new(p);
    lxw_worksheet *units = workbook_add_worksheet(wb, "Đơn vị");
    lxw_worksheet *lists = workbook_add_worksheet(wb, "Danh sách");
    lxw_worksheet *members = workbook_add_worksheet(wb, "Thành viên");
    const char *head[] = {"Mã đơn vị", "Tên đơn vị", "Tổng số thành viên"};
    for (int c = 0; c < 3; c++)
        worksheet_write_string(units, 0, (lxw_col_t)c, head[c], NULL);
    for (int r = 1; r <= 20; r++) {
        char code[32];
        snprintf(code, sizeof code, "HN-%03d", r);
        worksheet_write_string(units, (lxw_row_t)r, 0, code, NULL);
        worksheet_write_string(units, (lxw_row_t)r, 1, "Trường THCS Ái Mộ", NULL);
        worksheet_write_number(units, (lxw_row_t)r, 2, 10 + r, NULL);
    }
    worksheet_write_string(lists, 0, 0, "có", NULL);
    worksheet_hide(lists);
    worksheet_write_string(members, 0, 0, "Mã đơn vị", NULL);
    worksheet_write_string(members, 0, 1, "Họ và tên", NULL);
    worksheet_write_string(members, 0, 2, "Người học", NULL);
    for (size_t r = 1; r <= rows; r++) {
        char code[32], nm[64];
        snprintf(code, sizeof code, "HN-%03zu", r % 20 + 1);
        snprintf(nm, sizeof nm, "Trần Thị %zu", r);
        lxw_row_t row = (lxw_row_t)(r + r / 1000); /* a gap now and then */
        worksheet_write_string(members, row, 0, code, NULL);
        worksheet_write_string(members, row, 1, nm, NULL);
        if (r % 4 == 0) worksheet_write_string(members, row, 2, "x", NULL);
        if (r % 9 == 0) worksheet_write_number(members, row, 4, (double)r / 8, NULL);
    }
    if (workbook_close(wb) != LXW_NO_ERROR) printf("# cannot write %s\n", p);
    return p;
}

/* ---- cases ---- */

/* Every file read in order through the prefetcher equals direct reading. */
static void check_in_order(char **paths, size_t n, unsigned threads, size_t budget,
                           const char *what)
{
    prefetch *p = prefetch_start((const char *const *)paths, n, threads, budget);
    CHECK(p != NULL, "%s: started with %u threads, budget %zu", what, threads, budget);
    if (!p) return;
    int same = 1, directs = 0;
    for (size_t i = 0; i < n; i++) {
        pf_file *f = prefetch_take(p, paths[i]);
        if (!f) {
            same = 0;
            printf("# %s: %s not taken\n", what, paths[i]);
            continue;
        }
        char *got = dump_prefetched(f, &directs);
        char *want = dump_direct(paths[i]);
        if (strcmp(got, want) != 0) {
            same = 0;
            printf("# %s: %s differs\n# got  %.300s\n# want %.300s\n", what, paths[i], got, want);
        }
        free(got);
        free(want);
    }
    prefetch_stop(p);
    CHECK(same, "%s (%u threads, budget %zu): rows, lines, names and errors as read directly", what,
          threads, budget);
    CHECK(directs == 0,
          "%s (%u threads, budget %zu): every table served from the queue (%d direct)", what,
          threads, budget, directs);
}

static void test_mixed_files(void)
{
    char *paths[8];
    paths[0] = make_csv("a.csv", 5000, 0);
    paths[1] = make_xlsx("b.xlsx", 6000);
    paths[2] = make_csv("c.csv", 3, 0);
    paths[3] = make_csv("d.csv", 3000, 2500); /* invalid UTF-8 in row 2500 */
    paths[4] = path_of("missing.csv");        /* cannot be opened */
    paths[5] = path_of("broken.xlsx");        /* not a zip */
    write_bytes(paths[5], "PK\x03\x04 not really", 15);
    paths[6] = make_xlsx("g.xlsx", 10);
    paths[7] = path_of("empty.csv");
    write_bytes(paths[7], "", 0);
    /* budget 1: only the file being read holds chunks (workers ahead wait) */
    for (unsigned t = 1; t <= 4; t++) {
        check_in_order(paths, 8, t, 0, "CSV and XLSX files, good and bad");
        check_in_order(paths, 8, t, 1, "CSV and XLSX files, good and bad");
    }
    for (size_t i = 0; i < 8; i++)
        free(paths[i]);
}

static void test_many_small_files(void)
{
    enum { N = 120 };
    char *paths[N];
    for (size_t i = 0; i < N; i++) {
        char name[32];
        snprintf(name, sizeof name, "small-%03zu.%s", i, i % 10 == 3 ? "xlsx" : "csv");
        paths[i] = i % 10 == 3 ? make_xlsx(name, i) : make_csv(name, i % 17, 0);
    }
    check_in_order(paths, N, 3, 0, "120 small files");
    check_in_order(paths, N, 2, 100000, "120 small files");
    for (size_t i = 0; i < N; i++)
        free(paths[i]);
}

/* Tables asked for out of order, again, or two at once are read directly;
 * files passed over are dropped; an unknown path is not taken. */
static void test_out_of_order(void)
{
    char *paths[3] = {make_xlsx("o1.xlsx", 3000), make_csv("o2.csv", 2000, 0),
                      make_xlsx("o3.xlsx", 50)};
    prefetch *p = prefetch_start((const char *const *)paths, 3, 2, 0);
    char err[1024];
    int direct = 0;

    CHECK(prefetch_take(p, "/no/such/file.csv") == NULL, "a path not listed is not taken");
    pf_file *f = prefetch_take(p, paths[0]);
    CHECK(f && pf_file_wait_open(f, err, sizeof err) == 0, "first workbook opens");
    /* sheet 3 first: sheets 1 and 2 are dropped */
    row_source *s3 = pf_file_rows(f, 2, err, sizeof err, &direct);
    CHECK(s3 && !direct, "third sheet served from the queue");
    /* a second table while the first is open: read directly */
    row_source *s1 = pf_file_rows(f, 0, err, sizeof err, &direct);
    CHECK(!s1 && direct, "another table of the file while one is read: read directly");
    char *got = s3 ? dump(s3, 10) : NULL;
    CHECK(got &&
              strstr(got,
                     " [Thành viên]\n1:Mã đơn vị|Họ và tên|Người học|\n2:HN-002|Trần Thị 1|\n") &&
              strstr(got, "STOP"),
          "first rows of the roster, closed early");
    free(got);
    /* a dropped sheet, and the closed one again: direct */
    CHECK(!pf_file_rows(f, 0, err, sizeof err, &direct) && direct,
          "a sheet before the one read: read directly");
    CHECK(!pf_file_rows(f, 2, err, sizeof err, &direct) && direct,
          "the same sheet again: read directly");
    pf_file_release(f);

    /* the CSV is passed over: taking the third file drops it */
    pf_file *g = prefetch_take(p, paths[2]);
    CHECK(g != NULL, "a later file is taken");
    CHECK(prefetch_take(p, paths[1]) == NULL, "a file passed over is not taken any more");
    int directs = 0;
    char *a = g ? dump_prefetched(g, &directs) : NULL;
    char *b = dump_direct(paths[2]);
    CHECK(a && strcmp(a, b) == 0 && directs == 0, "the later file reads as directly");
    free(a);
    free(b);
    prefetch_stop(p);
    for (size_t i = 0; i < 3; i++)
        free(paths[i]);
}

/* Stopping while workers wait on full queues (budget 1: the file being
 * read holds a few chunks, the others none), with a source still open:
 * nothing hangs, the source then fails with a message, everything is freed
 * (ASan, valgrind). */
static void test_stop_early(void)
{
    char *paths[4] = {make_csv("s1.csv", 40000, 0), make_csv("s2.csv", 40000, 0),
                      make_xlsx("s3.xlsx", 20000), make_csv("s4.csv", 10, 0)};
    prefetch *p = prefetch_start((const char *const *)paths, 4, 2, 1);
    char err[1024];
    int direct;
    pf_file *f = prefetch_take(p, paths[0]);
    pf_file_wait_open(f, err, sizeof err);
    row_source *src = pf_file_rows(f, 0, err, sizeof err, &direct);
    row r;
    int ok = src != NULL;
    for (int i = 0; ok && i < 100; i++)
        ok = row_source_next(src, &r) == ROW_OK;
    CHECK(ok, "100 rows read before stop");
    sleep_ms(50); /* let the workers fill their queues */
    prefetch_stop(p);
    int st = ROW_OK;
    long n = 0;
    while (src && (st = row_source_next(src, &r)) == ROW_OK)
        n++;
    CHECK(st == ROW_ERROR && strstr(src->err, "đã dừng") && n < 39900,
          "after stop, the source gives what was queued (%ld rows) then an error", n);
    row_source_close(src);
    pf_file_release(f);

    /* stop with nothing taken */
    p = prefetch_start((const char *const *)paths, 4, 4, 0);
    sleep_ms(20);
    prefetch_stop(p);
    CHECK(1, "stop with nothing taken returns");
    prefetch_stop(NULL);
    for (size_t i = 0; i < 4; i++)
        free(paths[i]);
}

/* ---- rosters added up by the workers ---- */

static const char *const YES[] = {"x", "có", "1", NULL};
static const char *const NO[] = {"không", "0", NULL};

/* A roster of the layout of make_csv(): code in column 1, yes/no in 4 and
 * 5 (column 5 is free text: most of its cells are bad yes/no values). */
static const int FLAGS[] = {4, 5};
static const roster_spec SPEC = {1, 0, FLAGS, 2, YES, NO};
static const int FLAGS2[] = {4};
static const roster_spec SPEC2 = {1, 3, FLAGS2, 1, YES, NO};

static char *dump_roster(const roster *r)
{
    sbuf b = {0};
    for (size_t u = 0; u < r->nunits; u++) {
        const roster_unit *ru = &r->units[u];
        sb_fmt(&b, "%s@%ld s%ld l%ld", ru->code, ru->first_line, ru->staff, ru->learners);
        for (size_t k = 0; k < r->nflags * 2; k++)
            sb_fmt(&b, " %ld", ru->yes[k]);
        sb_add(&b, "\n", 1);
    }
    for (size_t i = 0; i < r->nbad; i++)
        sb_fmt(&b, "bad %ld:%d '%s'\n", r->bad[i].line, r->bad[i].column, r->bad[i].value);
    sb_fmt(&b, "bad_total %ld", r->bad_total);
    return b.p;
}

/* A roster's sums as text, or "ERROR msg". */
static char *sums_text(int failed, roster *agg, const char *err)
{
    if (failed) {
        sbuf b = {0};
        sb_fmt(&b, "ERROR %s", err);
        return b.p;
    }
    char *d = dump_roster(agg);
    roster_free(agg);
    return d;
}

/* The reference: roster_aggregate over the CSV read directly, after its
 * header row. */
static char *aggregate_direct(const char *path, const roster_spec *spec)
{
    char err[1024];
    row r;
    row_source *src = csv_open(path, err, sizeof err);
    if (!src) return NULL;
    roster agg;
    char *d = NULL;
    if (row_source_next(src, &r) == ROW_OK)
        d = sums_text(roster_aggregate(src, spec, &agg, err, sizeof err) != 0, &agg, err);
    row_source_close(src);
    return d;
}

/* Reads the header of a file, then the sums as dvht.tables does
 * (pf_aggregate on the queue). *served counts the files whose sums (or
 * reading error) a worker made, in whole or in part. */
static char *aggregate_prefetched(prefetch *p, pf_file *f, const roster_spec *spec, int *served)
{
    char err[1024];
    int direct;
    row r;
    roster agg;
    char *d = NULL;
    size_t before = prefetch_worker_sums(p);
    pf_file_wait_open(f, err, sizeof err);
    row_source *src = pf_file_rows(f, 0, err, sizeof err, &direct);
    if (src && row_source_next(src, &r) == ROW_OK) {
        int failed = pf_aggregate(src, spec, &agg, err, sizeof err) != 0;
        if (prefetch_worker_sums(p) > before) (*served)++;
        d = sums_text(failed, &agg, err);
    }
    row_source_close(src);
    pf_file_release(f);
    return d;
}

static void test_rosters(void)
{
    enum { N = 6 };
    char *paths[N];
    for (size_t i = 0; i < N; i++) {
        char name[32];
        snprintf(name, sizeof name, "roster-%zu.csv", i);
        /* 12,000 rows: more than the queue the file being read may hold,
         * so the template exists before a worker starts the next file, and
         * the worker is still in the first file when it comes */
        paths[i] = make_csv(name, i == 4 ? 5000 : 12000, i == 3 ? 9000 : 0);
    }
    /* one worker, budget 1: file i+1 starts once file i is read */
    prefetch *p = prefetch_start((const char *const *)paths, N, 1, 1);
    int same = 1, served = 0, first_served = 0;
    for (size_t i = 0; i < N; i++) {
        /* file 2 is added up with another spec than the template's */
        const roster_spec *spec = i == 2 ? &SPEC2 : &SPEC;
        char *got = aggregate_prefetched(p, prefetch_take(p, paths[i]), spec, &served);
        if (i == 0) first_served = served;
        char *want = aggregate_direct(paths[i], spec);
        if (!got || !want || strcmp(got, want) != 0) {
            same = 0;
            printf("# %s differs\n# got  %.200s\n# want %.200s\n", paths[i], got ? got : "",
                   want ? want : "");
        }
        free(got);
        free(want);
    }
    prefetch_stop(p);
    CHECK(same, "rosters: sums, first lines, bad cells and errors as added up directly");
    /* the first file's rows after the queued ones: the worker was blocked
     * on a full queue when the consumer began (and made the template) */
    CHECK(first_served == 1, "rosters: the worker added up the rest of the first file");
    /* files 1, 3, 4, 5: the template's spec (3 ends in a reading error) */
    CHECK(served == 5, "rosters: the workers added up every file of the same layout (%d of 5)",
          served);

    /* rows asked for after the header of a file a worker added up: the
     * rest comes from the file itself, the same as read directly */
    p = prefetch_start((const char *const *)paths, N, 1, 1);
    int directs = 0;
    free(aggregate_prefetched(p, prefetch_take(p, paths[0]), &SPEC, &served));
    for (size_t i = 1; i < N; i++) {
        char *got = dump_prefetched(prefetch_take(p, paths[i]), &directs);
        char *want = dump_direct(paths[i]);
        CHECK(got && strcmp(got, want) == 0, "rosters: %s read as rows after its sums were made",
              paths[i] + strlen(tmpdir) + 1);
        free(got);
        free(want);
    }
    prefetch_stop(p);
    for (size_t i = 0; i < N; i++)
        free(paths[i]);
}

/* A roster whose yes/no column 4 holds a bad value every `every` rows. */
static char *make_bad_csv(const char *name, size_t rows, size_t every)
{
    sbuf b = {0};
    sb_fmt(&b, "ma_don_vi;ho_ten;chuc_vu;tuan_thu_ky_luat;ghi_chu\n");
    for (size_t i = 1; i <= rows; i++)
        sb_fmt(&b, "HN-%06zu;Người %zu;Giáo viên;%s;x\n", i % 50, i, i % every ? "x" : "sai");
    char *p = path_of(name);
    write_bytes(p, b.p, b.n);
    free(b.p);
    return p;
}

/* More bad cells than a roster keeps (ROSTER_MAX_BAD), split between the
 * rows the consumer adds up and the rest a worker adds up: the first 1000
 * in row order and the total, as one pass gives them. */
static void test_roster_bad_cap(void)
{
    char *paths[2] = {make_bad_csv("bad-a.csv", 12000, 10), make_bad_csv("bad-b.csv", 3000, 1)};
    prefetch *p = prefetch_start((const char *const *)paths, 2, 1, 1);
    int served = 0;
    for (size_t i = 0; i < 2; i++) {
        char *got = aggregate_prefetched(p, prefetch_take(p, paths[i]), &SPEC, &served);
        char *want = aggregate_direct(paths[i], &SPEC);
        size_t kept = 0;
        for (const char *q = want ? want : ""; (q = strstr(q, "bad ")) != NULL; q++)
            kept++;
        CHECK(got && want && strcmp(got, want) == 0 && kept == ROSTER_MAX_BAD,
              "bad cells: %s keeps the first %d and the total, as added up directly",
              paths[i] + strlen(tmpdir) + 1, ROSTER_MAX_BAD);
        free(got);
        free(want);
    }
    prefetch_stop(p);
    CHECK(served == 2, "bad cells: a worker added up (part of) both files (%d of 2)", served);
    for (size_t i = 0; i < 2; i++)
        free(paths[i]);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dvht-prefetch.XXXXXX");
    if (!mkdtemp(tmpdir)) return 2;
    test_mixed_files();
    test_many_small_files();
    test_out_of_order();
    test_stop_early();
    test_rosters();
    test_roster_bad_cap();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    if (system(cmd) != 0) printf("# could not remove %s\n", tmpdir);
    return tap_done();
}
