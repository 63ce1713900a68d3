/* fuzz_prefetch.h - a differential check for the fuzz targets: the input
 * read through the prefetcher (a worker thread, chunked queues, roster
 * sums made by the worker) must give exactly what the readers give
 * directly: the same rows, lines and messages, and the same roster sums.
 * A difference aborts, which libFuzzer reports as a crash. */
#ifndef DVHT_FUZZ_PREFETCH_H
#define DVHT_FUZZ_PREFETCH_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv_reader.h"
#include "prefetch.h"
#include "roster.h"
#include "xlsx_reader.h"

typedef struct fp_digest {
    uint64_t h;
    long rows;
    int status;
    char err[1024];
} fp_digest;

static void fp_mix(fp_digest *d, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        d->h = (d->h ^ b[i]) * 1099511628211u;
}

/* Reads src to its end (at most max rows) into d; closes src. */
static void fp_digest_source(row_source *src, fp_digest *d, long max)
{
    row r;
    int st;
    d->h = 1469598103934665603u;
    d->rows = 0;
    while (d->rows < max && (st = row_source_next(src, &r)) == ROW_OK) {
        fp_mix(d, &r.line, sizeof r.line);
        fp_mix(d, &r.ncells, sizeof r.ncells);
        for (size_t i = 0; i < r.ncells; i++) {
            fp_mix(d, &r.lens[i], sizeof r.lens[i]);
            fp_mix(d, r.cells[i], r.lens[i]);
        }
        d->rows++;
    }
    d->status = d->rows < max ? st : ROW_OK;
    snprintf(d->err, sizeof d->err, "%s", d->status == ROW_ERROR ? src->err : "");
    row_source_close(src);
}

static void fp_same(const fp_digest *a, const fp_digest *b)
{
    if (a->h != b->h || a->rows != b->rows || a->status != b->status || strcmp(a->err, b->err) != 0)
        abort();
}

/* Sums of a roster (after its header row) as one digest. */
static void fp_digest_roster(const roster *r, fp_digest *d)
{
    d->h = 1469598103934665603u;
    for (size_t u = 0; u < r->nunits; u++) {
        fp_mix(d, r->units[u].code, strlen(r->units[u].code));
        fp_mix(d, &r->units[u].first_line, sizeof(long));
        fp_mix(d, &r->units[u].staff, sizeof(long));
        fp_mix(d, &r->units[u].learners, sizeof(long));
        fp_mix(d, r->units[u].yes, r->nflags * 2 * sizeof(long));
    }
    for (size_t i = 0; i < r->nbad; i++)
        fp_mix(d, &r->bad[i], sizeof r->bad[i].line + sizeof r->bad[i].column);
    fp_mix(d, &r->bad_total, sizeof r->bad_total);
}

/* Header, then the sums: 1 ok, 0 no header, -1 error (message in d). */
static int fp_roster(row_source *src, const roster_spec *spec, fp_digest *d)
{
    row r;
    roster agg;
    int rc = 0;
    memset(d, 0, sizeof *d);
    if (row_source_next(src, &r) == ROW_OK) {
        if (pf_aggregate(src, spec, &agg, d->err, sizeof d->err) != 0) {
            rc = -1;
        } else {
            fp_digest_roster(&agg, d);
            roster_free(&agg);
            rc = 1;
        }
    }
    row_source_close(src);
    return rc;
}

/* The check: every table of path directly and through a prefetcher; then
 * the first table's roster sums three times (directly, from the queue, by
 * the worker) with spec. */
static void fuzz_check_prefetch(const char *path, int is_xlsx, const roster_spec *spec)
{
    enum { MAX_TABLES = 8 };
    char err[1024];
    fp_digest want[MAX_TABLES], got;
    size_t n = 1;
    int open_ok = 1;
    char open_err[1024] = "";
    memset(want, 0, sizeof want);
    if (is_xlsx) {
        xlsx_book *b = xlsx_open(path, NULL, open_err, sizeof open_err);
        open_ok = b != NULL;
        n = b ? xlsx_sheet_count(b) : 0;
        if (n > MAX_TABLES) n = MAX_TABLES;
        for (size_t i = 0; i < n; i++) {
            row_source *src = xlsx_sheet_rows(b, i, err, sizeof err);
            if (src)
                fp_digest_source(src, &want[i], 20000);
            else
                want[i].status = 99, snprintf(want[i].err, sizeof want[i].err, "%s", err);
        }
        if (b) xlsx_close(b);
    } else {
        row_source *src = csv_open(path, err, sizeof err);
        if (src)
            fp_digest_source(src, &want[0], 20000);
        else
            want[0].status = 99, snprintf(want[0].err, sizeof want[0].err, "%s", err);
    }

    const char *paths[3] = {path, path, path};
    prefetch *p = prefetch_start(paths, 3, 1, 0);
    if (!p) return;
    pf_file *f = prefetch_take(p, path);
    if (!f) abort();
    if ((pf_file_wait_open(f, err, sizeof err) == 0) != open_ok) abort();
    if (!open_ok && strcmp(err, open_err) != 0) abort();
    for (size_t i = 0; open_ok && i < n; i++) {
        int direct = 0;
        row_source *src = pf_file_rows(f, i, err, sizeof err, &direct);
        if (direct) abort(); /* in order, one at a time: always from the queue */
        if (src) {
            fp_digest_source(src, &got, 20000);
        } else {
            memset(&got, 0, sizeof got);
            got.status = 99;
            snprintf(got.err, sizeof got.err, "%s", err);
        }
        fp_same(&want[i], &got);
    }
    pf_file_release(f);

    /* roster sums: directly, from the queue (makes the template), by the worker */
    if (open_ok && n > 0 && want[0].status != 99) {
        fp_digest d0, d1, d2;
        row_source *src = NULL;
        xlsx_book *b = NULL;
        if (is_xlsx) {
            b = xlsx_open(path, NULL, err, sizeof err);
            src = b ? xlsx_sheet_rows(b, 0, err, sizeof err) : NULL;
        } else {
            src = csv_open(path, err, sizeof err);
        }
        int r0 = src ? fp_roster(src, spec, &d0) : -2;
        if (b) xlsx_close(b);
        for (int k = 1; k <= 2 && r0 != -2; k++) {
            int direct = 0;
            fp_digest *d = k == 1 ? &d1 : &d2;
            pf_file *g = prefetch_take(p, path);
            if (!g || pf_file_wait_open(g, err, sizeof err) != 0) abort();
            row_source *s = pf_file_rows(g, 0, err, sizeof err, &direct);
            int rk = s ? fp_roster(s, spec, d) : -2;
            pf_file_release(g);
            if (rk != r0 || (rk == 1 && d->h != d0.h) || (rk == -1 && strcmp(d->err, d0.err) != 0))
                abort();
        }
    }
    prefetch_stop(p);
}

#endif
