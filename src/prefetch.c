/* prefetch.c - see prefetch.h.
 *
 * One mutex guards the whole state (workers hand over chunks of about a
 * thousand rows, so it is taken rarely); `work` wakes workers (a file to
 * start, room in a queue, a sheet dropped, stop), `data` wakes the consumer
 * (a file opened, a chunk queued, a worker gone).
 *
 * Per file, chunks flow in one FIFO in sheet order. A chunk carries the
 * rows of one sheet; the last chunk of a sheet carries how it ended
 * (ROW_END, ROW_ERROR with the message, or the sheet could not be opened).
 * `dropped` is the highest sheet the consumer no longer wants: the worker
 * stops a sheet it sees dropped and never queues chunks for it.
 *
 * Rosters: once the consumer starts adding up a member roster from the
 * queue (pf_aggregate), its header row and roster_spec become a template.
 * A worker whose sheet has the same header row adds the rest of that
 * sheet up itself: from the header on when the template was there first,
 * else from the next chunk boundary (the chunks queued before stay rows).
 * It queues one chunk holding the sums (CH_AGGREGATED). A consumer adding
 * up with the same spec sums the queued rows, then merges the worker's
 * sums (roster_merge: the result of one pass); one that reads rows instead
 * reads the sheet directly from after the rows it had, so nothing it sees
 * changes.
 *
 * Lifetimes: files belong to the prefetch object, which counts a reference
 * for its owner, one per file taken and not released and one per open
 * source; whoever drops the last one frees everything. A released file's
 * chunks are freed at once. */
#include "prefetch.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv_reader.h"
#include "roster.h"
#include "xlsx_reader.h"

#define CHUNK_ROWS  1024
#define CHUNK_BYTES ((size_t)256 * 1024)
/* The first chunk of a table is small (most tables of a city run are a
 * few rows); each next one doubles, up to CHUNK_BYTES. */
#define CHUNK_FIRST ((size_t)8 * 1024)
/* Chunks the file being read (or next to be) may always have queued, so it
 * never waits for the others; beyond that all files share the budget
 * (PREFETCH_BUDGET by default), enough to parse a few files ahead whole,
 * which is what keeps all workers busy. */
#define QUEUE_MIN     8
#define MAX_TEMPLATES 16

/* CH_AGGREGATED: no rows; the rest of the sheet added up (agg), or the
 * reader's message (err) if reading it failed. */
enum chunk_end { CH_MORE = 0, CH_END, CH_ERROR, CH_OPEN_FAILED, CH_AGGREGATED };

/* Rows of one sheet; cells are stored NUL-terminated in bytes. */
typedef struct chunk {
    struct chunk *next;
    size_t sheet;
    size_t mem;                  /* bytes allocated, counted against the budget while queued */
    int end;                     /* enum chunk_end: how the sheet ends after these rows */
    size_t want;                 /* bytes to allocate for the text */
    char *err;                   /* CH_ERROR, CH_OPEN_FAILED, CH_AGGREGATED: the reader's message */
    roster *agg;                 /* CH_AGGREGATED: the sums, or NULL with err */
    const roster_spec *agg_spec; /* CH_AGGREGATED: the template's spec */
    char *bytes;                 /* allocated once: cells point into it */
    size_t nbytes, bytes_cap;
    const char **cells;
    size_t *lens;
    size_t ncells, cells_cap, lens_cap;
    size_t *row_first; /* row r: cells [row_first[r], row_first[r+1]) */
    long *row_line;
    size_t nrows, first_cap, rows_cap;
} chunk;

typedef struct sheet_info {
    char *name; /* NULL for a CSV */
    int hidden;
    char *src_name; /* the reader's source name, set when it opened */
} sheet_info;

struct pf_file {
    prefetch *owner;
    char *path;
    size_t index; /* in the list */
    int is_xlsx;
    int opened, worker_done, released;
    char *open_err; /* XLSX that could not be opened */
    sheet_info *sheets;
    size_t nsheets;
    chunk *head, *tail;
    size_t nqueued;
    long dropped; /* sheets 0..dropped are not wanted (-1: none) */
    int reading;  /* a source of this file reads from the queue */
};

/* A roster layout the consumer added up: its header row and spec. */
typedef struct roster_template {
    size_t ncells;
    char **cells;
    size_t *lens;
    roster_spec *spec;
} roster_template;

struct prefetch {
    pthread_mutex_t mu;
    pthread_cond_t work, data;
    pthread_t threads[PREFETCH_MAX_THREADS];
    unsigned nthreads;
    int refs;
    int stopping;
    pf_file *files; /* never moved: files are handed out by address */
    size_t nfiles;
    size_t next_start; /* next file a worker opens */
    size_t next_take;  /* next file the consumer may take */
    unsigned window;   /* files started ahead of the one being consumed */
    size_t queued_mem; /* chunk bytes queued in all files */
    size_t budget;
    /* threads waiting on work / data: wake-ups are sent only to waiters
     * (a city run hands over thousands of small files) */
    int workers_waiting, consumer_waiting;
    unsigned books_open; /* workbooks open in workers */
    unsigned max_books;  /* ahead of the consumer's: one per worker, and one */
    roster_template templates[MAX_TEMPLATES];
    size_t ntemplates;
    size_t worker_sums; /* consumer only: tables taken as a worker's sums */
};

typedef struct pf_source {
    row_source base; /* first member */
    pf_file *f;
    size_t sheet;
    chunk *cur;
    size_t pos;
    int done; /* ROW_END or ROW_ERROR was returned: returned again */
    int status;
    long returned;    /* rows returned so far */
    row_source *dsrc; /* reading directly (after CH_AGGREGATED), or NULL */
    xlsx_book *dbook;
    size_t hdr_n; /* the first row, copied: a roster template's header */
    char **hdr;
    size_t *hdr_lens;
    /* pf_aggregate: rows are being added up with this spec, and a worker's
     * sums of the rest of the sheet (made with the same spec) end it */
    const roster_spec *summing;
    roster *partial; /* those sums, taken by pf_aggregate */
} pf_source;

/* ---- helpers ---- */

static void free_header(char **cells, size_t *lens, size_t n)
{
    for (size_t i = 0; cells && i < n; i++)
        free(cells[i]);
    free(cells);
    free(lens);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

/* A copy of row r's cells (a header row, compared with the templates'):
 * 0, or -1 when out of memory (nothing kept). */
static int copy_header(const row *r, char ***cells_out, size_t **lens_out)
{
    char **cells = calloc(r->ncells + 1, sizeof *cells);
    size_t *lens = calloc(r->ncells + 1, sizeof *lens);
    int ok = cells && lens;
    for (size_t i = 0; ok && i < r->ncells; i++) {
        ok = (cells[i] = malloc(r->lens[i] + 1)) != NULL;
        if (ok) memcpy(cells[i], r->cells[i], r->lens[i] + 1);
        lens[i] = r->lens[i];
    }
    if (!ok) {
        free_header(cells, lens, r->ncells);
        return -1;
    }
    *cells_out = cells;
    *lens_out = lens;
    return 0;
}

static void chunk_free(chunk *c)
{
    if (!c) return;
    if (c->agg) {
        roster_free(c->agg);
        free(c->agg);
    }
    free(c->err);
    free(c->bytes);
    free((void *)c->cells);
    free(c->lens);
    free(c->row_first);
    free(c->row_line);
    free(c);
}

/* A chunk for sheet whose text bytes will be about `cap`. */
static chunk *chunk_new(size_t sheet, size_t cap)
{
    chunk *c = calloc(1, sizeof *c);
    if (c) {
        c->sheet = sheet;
        c->want = cap;
    }
    return c;
}

/* The size of the chunk after one of `cap` bytes. */
static size_t next_cap(size_t cap)
{
    return cap >= CHUNK_BYTES / 2 ? CHUNK_BYTES : cap * 2;
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * size);
    if (!q) return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* Appends a row: 0, 1 when its text does not fit in the chunk's bytes
 * (queue the chunk, then add the row to a new one), or -1 when out of
 * memory. The bytes are allocated once, so cells point into them. */
static int chunk_add(chunk *c, const row *r)
{
    size_t bytes = 0;
    for (size_t i = 0; i < r->ncells; i++)
        bytes += r->lens[i] + 1;
    if (!c->bytes) {
        size_t cap = bytes > c->want ? bytes : c->want;
        if (!(c->bytes = malloc(cap))) return -1;
        c->bytes_cap = cap;
    } else if (c->nbytes + bytes > c->bytes_cap) {
        return 1;
    }
    size_t need = c->ncells + r->ncells;
    if (grow((void **)&c->cells, &c->cells_cap, need, sizeof *c->cells) != 0 ||
        grow((void **)&c->lens, &c->lens_cap, need, sizeof *c->lens) != 0 ||
        grow((void **)&c->row_first, &c->first_cap, c->nrows + 2, sizeof *c->row_first) != 0 ||
        grow((void **)&c->row_line, &c->rows_cap, c->nrows + 2, sizeof *c->row_line) != 0)
        return -1;
    c->row_first[c->nrows] = c->ncells;
    c->row_line[c->nrows] = r->line;
    for (size_t i = 0; i < r->ncells; i++) {
        char *dst = c->bytes + c->nbytes;
        if (r->lens[i]) memcpy(dst, r->cells[i], r->lens[i]);
        dst[r->lens[i]] = '\0';
        c->cells[c->ncells] = dst;
        c->lens[c->ncells] = r->lens[i];
        c->ncells++;
        c->nbytes += r->lens[i] + 1;
    }
    c->nrows++;
    c->row_first[c->nrows] = c->ncells;
    return 0;
}

static int chunk_full(const chunk *c)
{
    return c->nrows >= CHUNK_ROWS || c->nbytes >= c->bytes_cap;
}

/* What the chunk holds, for the budget. */
static void chunk_measure(chunk *c)
{
    c->mem = sizeof *c + c->bytes_cap + c->cells_cap * sizeof *c->cells +
             c->lens_cap * sizeof *c->lens + c->first_cap * sizeof *c->row_first +
             c->rows_cap * sizeof *c->row_line;
}

static void prefetch_free(prefetch *p);

/* With p->mu held: wait for / wake the workers or the consumer. */
static void wait_work(prefetch *p)
{
    p->workers_waiting++;
    pthread_cond_wait(&p->work, &p->mu);
    p->workers_waiting--;
}

static void wait_data(prefetch *p)
{
    p->consumer_waiting++;
    pthread_cond_wait(&p->data, &p->mu);
    p->consumer_waiting--;
}

static void wake_workers(prefetch *p)
{
    if (p->workers_waiting) pthread_cond_broadcast(&p->work);
}

static void wake_consumer(prefetch *p)
{
    if (p->consumer_waiting) pthread_cond_broadcast(&p->data);
}

/* With p->mu held: drops one reference; on the last one unlocks and frees
 * p. Returns 1 when p is gone (the caller must not unlock it). */
static int unref(prefetch *p)
{
    if (--p->refs > 0) return 0;
    pthread_mutex_unlock(&p->mu);
    prefetch_free(p);
    return 1;
}

/* With p->mu held: the first queued chunk of f, taken off the queue. */
static chunk *dequeue(pf_file *f)
{
    chunk *c = f->head;
    if (!c) return NULL;
    f->head = c->next;
    if (!f->head) f->tail = NULL;
    f->nqueued--;
    f->owner->queued_mem -= c->mem;
    c->next = NULL;
    return c;
}

/* With p->mu held: frees every queued chunk of f. */
static void free_queue(pf_file *f)
{
    while (f->head)
        chunk_free(dequeue(f));
}

/* With p->mu held: frees queued chunks of sheets up to f->dropped. */
static void drop_queued(pf_file *f)
{
    while (f->head && (long)f->head->sheet <= f->dropped)
        chunk_free(dequeue(f));
}

/* ---- the worker side ---- */

/* Whether the worker should stop sheet s of f. With p->mu held. */
static int unwanted(const prefetch *p, const pf_file *f, size_t s)
{
    return p->stopping || f->released || (long)s <= f->dropped;
}

/* Queues c, waiting for room. Returns 0, or -1 when the sheet is not
 * wanted any more (c is freed then). */
static int push(prefetch *p, pf_file *f, chunk *c)
{
    chunk_measure(c);
    pthread_mutex_lock(&p->mu);
    /* the consumer's file (taken, or next) always has room for QUEUE_MIN
     * chunks; beyond that, and for files further ahead, the budget rules */
    while (!unwanted(p, f, c->sheet) && !(f->index <= p->next_take && f->nqueued < QUEUE_MIN) &&
           p->queued_mem + c->mem > p->budget)
        wait_work(p);
    if (unwanted(p, f, c->sheet)) {
        pthread_mutex_unlock(&p->mu);
        chunk_free(c);
        return -1;
    }
    if (f->tail)
        f->tail->next = c;
    else
        f->head = c;
    f->tail = c;
    f->nqueued++;
    p->queued_mem += c->mem;
    wake_consumer(p);
    pthread_mutex_unlock(&p->mu);
    return 0;
}

/* A last chunk of sheet s without rows: how the sheet ended. -1 if even
 * that cannot be allocated (the consumer then reports lack of memory). */
static int push_end(prefetch *p, pf_file *f, size_t s, int end, const char *err)
{
    chunk *c = chunk_new(s, 0);
    if (!c) return -1;
    c->end = end;
    if (err && !(c->err = dup_str(err))) {
        free(c);
        return -1;
    }
    return push(p, f, c);
}

static const char OOM_MSG[] = "không đủ bộ nhớ để đọc trước dữ liệu";
static const char STOPPED_MSG[] = "việc đọc trước dữ liệu đã dừng";

/* 'Tệp "name": msg', as the readers word a message about a whole file. */
static void file_message(char *out, size_t n, const char *name, const char *msg)
{
    snprintf(out, n, "Tệp \"%s\": %s.", name, msg);
}

/* push_end for a worker out of memory: the message names the file. */
static int push_oom(prefetch *p, pf_file *f, size_t s, int end)
{
    char msg[1024];
    file_message(msg, sizeof msg, f->path, OOM_MSG);
    return push_end(p, f, s, end, msg);
}

/* With p->mu held: the template whose header row is cells[0..n), or NULL
 * (templates live as long as p). */
static const roster_template *find_template(const prefetch *p, const char *const *cells,
                                            const size_t *lens, size_t n)
{
    for (size_t t = 0; t < p->ntemplates; t++) {
        const roster_template *tp = &p->templates[t];
        size_t i = 0;
        if (tp->ncells != n) continue;
        while (i < n && tp->lens[i] == lens[i] && memcmp(tp->cells[i], cells[i], lens[i]) == 0)
            i++;
        if (i == n) return tp;
    }
    return NULL;
}

/* The spec of the roster template whose header is row r, or NULL. */
static const roster_spec *template_for(prefetch *p, const row *r)
{
    pthread_mutex_lock(&p->mu);
    const roster_template *tp = find_template(p, r->cells, r->lens, r->ncells);
    pthread_mutex_unlock(&p->mu);
    return tp ? tp->spec : NULL;
}

/* Adds up the rest of sheet s with spec and queues the sums (or the
 * reader's message) as the sheet's last chunk. */
static void aggregate_rest(prefetch *p, pf_file *f, size_t s, row_source *src,
                           const roster_spec *spec)
{
    char err[1024];
    chunk *c = chunk_new(s, 0);
    roster *agg = malloc(sizeof *agg);
    if (!c || !agg) {
        free(agg);
        chunk_free(c);
        push_oom(p, f, s, CH_ERROR);
        return;
    }
    c->end = CH_AGGREGATED;
    c->agg_spec = spec;
    if (roster_aggregate(src, spec, agg, err, sizeof err) == 0) {
        c->agg = agg;
    } else {
        free(agg);
        if (!(c->err = dup_str(err))) {
            chunk_free(c);
            push_oom(p, f, s, CH_ERROR);
            return;
        }
    }
    push(p, f, c);
}

/* Streams sheet s of f (book is NULL for a CSV) into the queue. */
static void stream_sheet(prefetch *p, pf_file *f, xlsx_book *book, size_t s)
{
    char err[1024];
    row_source *src =
        book ? xlsx_sheet_rows(book, s, err, sizeof err) : csv_open(f->path, err, sizeof err);
    if (!src) {
        push_end(p, f, s, CH_OPEN_FAILED, err);
        return;
    }
    char *name = dup_str(src->name);
    pthread_mutex_lock(&p->mu);
    f->sheets[s].src_name = name;
    pthread_mutex_unlock(&p->mu);
    if (!name) {
        row_source_close(src);
        push_oom(p, f, s, CH_OPEN_FAILED);
        return;
    }
    size_t cap = CHUNK_FIRST;
    chunk *c = chunk_new(s, cap);
    int first = 1;
    /* the header row while no template has it: one may come (the consumer
     * starts adding up a roster of that layout) before this sheet is read,
     * and the rest of the sheet is then added up here */
    char **hdr = NULL;
    size_t *hdr_lens = NULL, hdr_n = 0;
    for (;;) {
        row r;
        int st = c ? row_source_next(src, &r) : ROW_ERROR;
        if (st == ROW_OK) {
            int added = chunk_add(c, &r);
            if (added == 1) { /* no room for its text: a new chunk */
                if (push(p, f, c) != 0) {
                    c = NULL;
                    break; /* the sheet is not wanted any more */
                }
                cap = next_cap(cap);
                c = chunk_new(s, cap);
                added = c ? chunk_add(c, &r) : -1;
            }
            if (added != 0) {
                chunk_free(c);
                c = NULL; /* reported below as lack of memory */
                continue;
            }
            if (first) {
                first = 0;
                const roster_spec *spec = template_for(p, &r);
                if (spec) {
                    /* the header goes as it is; the rest is added up here */
                    if (push(p, f, c) == 0) aggregate_rest(p, f, s, src, spec);
                    c = NULL;
                    break;
                }
                if (copy_header(&r, &hdr, &hdr_lens) == 0) hdr_n = r.ncells;
            }
            if (!chunk_full(c)) continue;
            if (push(p, f, c) != 0) {
                c = NULL;
                break; /* the sheet is not wanted any more */
            }
            c = NULL;
            if (hdr) {
                row h = {hdr_n, (const char *const *)hdr, hdr_lens, 0};
                const roster_spec *spec = template_for(p, &h);
                if (spec) {
                    /* the queued rows are read as rows, the rest summed */
                    aggregate_rest(p, f, s, src, spec);
                    break;
                }
            }
            cap = next_cap(cap);
            c = chunk_new(s, cap);
            continue;
        }
        if (!c) {
            push_oom(p, f, s, CH_ERROR);
        } else {
            c->end = st == ROW_END ? CH_END : CH_ERROR;
            if (st == ROW_ERROR && !(c->err = dup_str(src->err))) {
                chunk_free(c);
                push_oom(p, f, s, CH_ERROR);
            } else {
                push(p, f, c);
            }
        }
        break;
    }
    free_header(hdr, hdr_lens, hdr_n);
    row_source_close(src);
}

/* Opens f and streams every sheet the consumer may still want. */
static void read_file(prefetch *p, pf_file *f)
{
    char err[1024] = "";
    xlsx_book *book = NULL;
    size_t n = 1;
    sheet_info *sheets = NULL;
    if (f->is_xlsx) {
        book = xlsx_open(f->path, NULL, err, sizeof err);
        n = book ? xlsx_sheet_count(book) : 0;
    }
    int ok = !f->is_xlsx || book != NULL;
    if (ok && n > 0) {
        sheets = calloc(n, sizeof *sheets);
        for (size_t i = 0; sheets && i < n && book; i++) {
            sheets[i].hidden = xlsx_sheet_hidden(book, i);
            if (!(sheets[i].name = dup_str(xlsx_sheet_name(book, i)))) {
                for (size_t k = 0; k < i; k++)
                    free(sheets[k].name);
                free(sheets);
                sheets = NULL;
            }
        }
        if (!sheets) {
            ok = 0;
            file_message(err, sizeof err, f->path, OOM_MSG);
        }
    }
    pthread_mutex_lock(&p->mu);
    f->opened = 1;
    if (ok) {
        f->sheets = sheets;
        f->nsheets = n;
    } else {
        if (!err[0]) file_message(err, sizeof err, f->path, OOM_MSG);
        f->open_err = dup_str(err);
    }
    wake_consumer(p);
    pthread_mutex_unlock(&p->mu);
    for (size_t s = 0; ok && s < n; s++) {
        pthread_mutex_lock(&p->mu);
        int skip = unwanted(p, f, s);
        int stop = p->stopping || f->released;
        pthread_mutex_unlock(&p->mu);
        if (stop) break;
        if (!skip) stream_sheet(p, f, book, s);
    }
    if (book) xlsx_close(book);
}

/* Whether a worker may start file f (the next one): within the window
 * ahead of the consumer, and, for a workbook, while few are open (each
 * holds its shared strings in memory), unless the consumer needs it now. */
static int may_start(const prefetch *p, const pf_file *f)
{
    if (f->index >= p->next_take + p->window) return 0;
    return !f->is_xlsx || f->index <= p->next_take || p->books_open < p->max_books;
}

static void *worker(void *arg)
{
    prefetch *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stopping && p->next_start < p->nfiles && !may_start(p, &p->files[p->next_start]))
            wait_work(p);
        if (p->stopping || p->next_start >= p->nfiles) break;
        pf_file *f = &p->files[p->next_start++];
        int book = f->is_xlsx && !f->released;
        p->books_open += book;
        if (!f->released) {
            pthread_mutex_unlock(&p->mu);
            read_file(p, f);
            pthread_mutex_lock(&p->mu);
        }
        p->books_open -= book;
        f->opened = f->worker_done = 1;
        wake_consumer(p);
        wake_workers(p); /* a book closed */
    }
    wake_workers(p);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* ---- the consumer side ---- */

unsigned prefetch_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) return 1;
    return n > PREFETCH_MAX_THREADS ? PREFETCH_MAX_THREADS : (unsigned)n;
}

static void prefetch_free(prefetch *p)
{
    for (size_t i = 0; i < p->nfiles; i++) {
        pf_file *f = &p->files[i];
        free_queue(f);
        for (size_t k = 0; k < f->nsheets; k++) {
            free(f->sheets[k].name);
            free(f->sheets[k].src_name);
        }
        free(f->sheets);
        free(f->open_err);
        free(f->path);
    }
    for (size_t t = 0; t < p->ntemplates; t++) {
        free_header(p->templates[t].cells, p->templates[t].lens, p->templates[t].ncells);
        roster_spec_free(p->templates[t].spec);
    }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->data);
    free(p->files);
    free(p);
}

prefetch *prefetch_start(const char *const *paths, size_t n, unsigned threads, size_t budget)
{
    if (threads < 1) threads = 1;
    if (threads > PREFETCH_MAX_THREADS) threads = PREFETCH_MAX_THREADS;
    prefetch *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->files = calloc(n ? n : 1, sizeof *p->files);
    if (!p->files || pthread_mutex_init(&p->mu, NULL) != 0) {
        free(p->files);
        free(p);
        return NULL;
    }
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->data, NULL);
    p->refs = 1;
    p->window = threads * 8;
    p->max_books = threads + 1;
    p->budget = budget ? budget : PREFETCH_BUDGET;
    for (size_t i = 0; i < n; i++) {
        pf_file *f = &p->files[i];
        if (!(f->path = dup_str(paths[i]))) {
            prefetch_free(p);
            return NULL;
        }
        p->nfiles++;
        f->owner = p;
        f->index = i;
        f->dropped = -1;
        f->is_xlsx = xlsx_is_workbook_path(f->path);
    }
    for (unsigned t = 0; t < threads; t++) {
        if (pthread_create(&p->threads[t], NULL, worker, p) != 0) break;
        p->nthreads++;
    }
    if (p->nthreads == 0) {
        p->stopping = 1;
        prefetch_stop(p);
        return NULL;
    }
    return p;
}

/* With p->mu held: the consumer gives up file f (taken or not). */
static void release_locked(prefetch *p, pf_file *f)
{
    f->released = 1;
    free_queue(f);
    wake_workers(p);
}

pf_file *prefetch_take(prefetch *p, const char *path)
{
    pthread_mutex_lock(&p->mu);
    size_t k = p->next_take;
    while (k < p->nfiles && strcmp(p->files[k].path, path) != 0)
        k++;
    if (k >= p->nfiles) {
        pthread_mutex_unlock(&p->mu);
        return NULL;
    }
    for (size_t i = p->next_take; i < k; i++)
        release_locked(p, &p->files[i]); /* listed before, never taken */
    pf_file *f = &p->files[k];
    p->next_take = k + 1;
    p->refs++; /* the consumer's hold on f */
    wake_workers(p);
    pthread_mutex_unlock(&p->mu);
    return f;
}

int pf_file_wait_open(pf_file *f, char *err, size_t errlen)
{
    prefetch *p = f->owner;
    pthread_mutex_lock(&p->mu);
    while (!f->opened && !p->stopping)
        wait_data(p);
    int rc = 0;
    if (!f->opened || f->open_err) {
        if (err && errlen) {
            if (f->open_err)
                snprintf(err, errlen, "%s", f->open_err);
            else
                file_message(err, errlen, f->path, STOPPED_MSG);
        }
        rc = -1;
    }
    pthread_mutex_unlock(&p->mu);
    return rc;
}

size_t pf_file_sheet_count(const pf_file *f)
{
    return f->nsheets;
}

const char *pf_file_sheet_name(const pf_file *f, size_t i)
{
    return i < f->nsheets ? f->sheets[i].name : NULL;
}

int pf_file_sheet_hidden(const pf_file *f, size_t i)
{
    return i < f->nsheets ? f->sheets[i].hidden : 0;
}

static int pf_next(row_source *src, row *out);
static void pf_close(row_source *src);

row_source *pf_file_rows(pf_file *f, size_t i, char *err, size_t errlen, int *direct)
{
    prefetch *p = f->owner;
    *direct = 1;
    pthread_mutex_lock(&p->mu);
    if (!f->opened || f->open_err || i >= f->nsheets || (long)i <= f->dropped || f->reading ||
        f->released || p->stopping) {
        pthread_mutex_unlock(&p->mu);
        return NULL;
    }
    f->dropped = (long)i - 1;
    drop_queued(f);
    wake_workers(p);
    /* the first chunk of sheet i: its rows, or why it could not be opened */
    while (!f->head && !f->worker_done && !p->stopping)
        wait_data(p);
    chunk *c = f->head;
    if (!c || c->sheet != i) { /* the worker stopped before it */
        pthread_mutex_unlock(&p->mu);
        return NULL;
    }
    if (c->end == CH_OPEN_FAILED) {
        dequeue(f);
        f->dropped = (long)i;
        wake_workers(p);
        pthread_mutex_unlock(&p->mu);
        if (c->err)
            snprintf(err, errlen, "%s", c->err);
        else
            file_message(err, errlen, f->path, OOM_MSG);
        chunk_free(c);
        *direct = 0;
        return NULL;
    }
    pf_source *s = calloc(1, sizeof *s);
    if (!s) {
        pthread_mutex_unlock(&p->mu);
        return NULL; /* read directly */
    }
    s->base.next = pf_next;
    s->base.close = pf_close;
    snprintf(s->base.name, sizeof s->base.name, "%s",
             f->sheets[i].src_name ? f->sheets[i].src_name : f->path);
    s->f = f;
    s->sheet = i;
    f->reading = 1;
    p->refs++; /* the source's */
    pthread_mutex_unlock(&p->mu);
    *direct = 0;
    return &s->base;
}

/* The next chunk of s's sheet, waiting for it; NULL if the workers were
 * stopped before it came. */
static chunk *pop_chunk(pf_source *s)
{
    pf_file *f = s->f;
    prefetch *p = f->owner;
    pthread_mutex_lock(&p->mu);
    while (!f->head && !f->worker_done && !p->stopping)
        wait_data(p);
    chunk *c = f->head;
    if (c && c->sheet == s->sheet) {
        dequeue(f);
        wake_workers(p);
    } else {
        c = NULL;
    }
    pthread_mutex_unlock(&p->mu);
    return c;
}

/* Ends s with status; msg: a reader's message, or NULL with ours (own) for
 * what went wrong here, which then names the source. */
static int finish(pf_source *s, int status, const char *msg, const char *own)
{
    s->done = 1;
    s->status = status;
    if (status != ROW_ERROR) return status;
    if (msg)
        snprintf(s->base.err, sizeof s->base.err, "%s", msg);
    else
        file_message(s->base.err, sizeof s->base.err, s->base.name, own ? own : OOM_MSG);
    return status;
}

/* Keeps a copy of row r, the source's first: a roster template's header
 * (none when out of memory). */
static void keep_header(pf_source *s, const row *r)
{
    if (copy_header(r, &s->hdr, &s->hdr_lens) == 0) s->hdr_n = r->ncells;
}

/* Goes on reading s's sheet with the readers themselves, after the rows
 * already returned (the worker added the rest up, unasked). */
static int go_direct(pf_source *s)
{
    pf_file *f = s->f;
    char err[1024];
    if (f->is_xlsx) {
        s->dbook = xlsx_open(f->path, NULL, err, sizeof err);
        s->dsrc = s->dbook ? xlsx_sheet_rows(s->dbook, s->sheet, err, sizeof err) : NULL;
    } else {
        s->dsrc = csv_open(f->path, err, sizeof err);
    }
    if (!s->dsrc) return finish(s, ROW_ERROR, err, NULL);
    row r;
    for (long k = 0; k < s->returned; k++) {
        int st = row_source_next(s->dsrc, &r);
        if (st != ROW_OK)
            return finish(s, ROW_ERROR, st == ROW_ERROR ? s->dsrc->err : NULL,
                          "tệp đã thay đổi trong khi đang đọc");
    }
    return ROW_OK;
}

static int pf_next(row_source *src, row *out)
{
    pf_source *s = (pf_source *)src;
    if (s->done) return s->status;
    if (s->dsrc) {
        int st = row_source_next(s->dsrc, out);
        if (st == ROW_OK) return ROW_OK;
        return finish(s, st, st == ROW_ERROR ? s->dsrc->err : NULL, NULL);
    }
    for (;;) {
        chunk *c = s->cur;
        if (c && s->pos < c->nrows) {
            size_t r = s->pos++;
            size_t first = c->row_first[r];
            out->ncells = c->row_first[r + 1] - first;
            out->cells = c->cells + first;
            out->lens = c->lens + first;
            out->line = c->row_line[r];
            if (s->returned++ == 0) keep_header(s, out);
            return ROW_OK;
        }
        if (c && c->end == CH_END) return finish(s, ROW_END, NULL, NULL);
        if (c && c->end == CH_AGGREGATED && s->summing &&
            roster_spec_equal(c->agg_spec, s->summing)) {
            /* the rest of the sheet, added up by the worker (or why
             * reading it failed) */
            s->partial = c->agg;
            c->agg = NULL;
            s->f->owner->worker_sums++;
            finish(s, s->partial ? ROW_END : ROW_ERROR, c->err, NULL);
            chunk_free(c);
            s->cur = NULL;
            return s->status;
        }
        if (c && c->end == CH_AGGREGATED) {
            chunk_free(c);
            s->cur = NULL;
            if (go_direct(s) != ROW_OK) return s->status;
            return pf_next(src, out);
        }
        if (c && c->end != CH_MORE) return finish(s, ROW_ERROR, c->err, NULL);
        chunk_free(c);
        s->pos = 0;
        s->cur = pop_chunk(s);
        if (!s->cur) return finish(s, ROW_ERROR, NULL, STOPPED_MSG);
    }
}

/* Makes the header and spec of s a roster template for the workers. */
static void add_template(pf_source *s, const roster_spec *spec)
{
    prefetch *p = s->f->owner;
    if (s->returned != 1 || s->hdr_n == 0 || !s->hdr) return;
    pthread_mutex_lock(&p->mu);
    /* a known header keeps its first spec */
    int known = find_template(p, (const char *const *)s->hdr, s->hdr_lens, s->hdr_n) != NULL;
    roster_spec *copy = !known && p->ntemplates < MAX_TEMPLATES ? roster_spec_copy(spec) : NULL;
    if (copy) {
        roster_template *tp = &p->templates[p->ntemplates++];
        tp->spec = copy;
        tp->ncells = s->hdr_n;
        tp->cells = s->hdr; /* moved */
        tp->lens = s->hdr_lens;
        s->hdr = NULL;
        s->hdr_lens = NULL;
        s->hdr_n = 0;
    }
    pthread_mutex_unlock(&p->mu);
}

static void pf_close(row_source *src)
{
    pf_source *s = (pf_source *)src;
    pf_file *f = s->f;
    prefetch *p = f->owner;
    long sheet = (long)s->sheet;
    chunk_free(s->cur);
    if (s->partial) {
        roster_free(s->partial);
        free(s->partial);
    }
    row_source_close(s->dsrc);
    if (s->dbook) xlsx_close(s->dbook);
    free_header(s->hdr, s->hdr_lens, s->hdr_n);
    free(s);
    pthread_mutex_lock(&p->mu);
    f->reading = 0;
    if (sheet > f->dropped) f->dropped = sheet;
    drop_queued(f);
    wake_workers(p);
    if (!unref(p)) pthread_mutex_unlock(&p->mu);
}

size_t prefetch_worker_sums(const prefetch *p)
{
    return p ? p->worker_sums : 0;
}

int pf_aggregate(row_source *src, const roster_spec *spec, roster *out, char *err, size_t errlen)
{
    pf_source *s = src->next == pf_next ? (pf_source *)src : NULL;
    if (!s) return roster_aggregate(src, spec, out, err, errlen);
    add_template(s, spec);
    s->summing = spec;
    int rc = roster_aggregate(src, spec, out, err, errlen);
    s->summing = NULL;
    roster *part = s->partial;
    s->partial = NULL;
    if (!part) return rc;
    if (rc == 0 && roster_merge(out, part) != 0) {
        roster_free(out);
        file_message(err, errlen, src->name, OOM_MSG);
        rc = -1;
    }
    roster_free(part);
    free(part);
    return rc;
}

void pf_file_release(pf_file *f)
{
    prefetch *p = f->owner;
    pthread_mutex_lock(&p->mu);
    release_locked(p, f);
    if (!unref(p)) pthread_mutex_unlock(&p->mu);
}

void prefetch_stop(prefetch *p)
{
    if (!p) return;
    pthread_mutex_lock(&p->mu);
    p->stopping = 1;
    pthread_cond_broadcast(&p->work);
    pthread_cond_broadcast(&p->data);
    pthread_mutex_unlock(&p->mu);
    for (unsigned t = 0; t < p->nthreads; t++)
        pthread_join(p->threads[t], NULL);
    p->nthreads = 0;
    pthread_mutex_lock(&p->mu);
    if (!unref(p)) pthread_mutex_unlock(&p->mu); /* the owner's */
}
