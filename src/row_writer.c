/* row_writer.c - see row_writer.h.
 *
 * The caller fills one batch (rows, cells, text bytes); a full batch goes
 * into a FIFO of at most QUEUE_MAX batches that the thread empties. One
 * mutex guards the FIFO and the state; `more` wakes the thread, `room`
 * wakes the caller (a batch done, the FIFO drained). */
#include "row_writer.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_ROWS  256
#define BATCH_BYTES ((size_t)128 * 1024)
#define QUEUE_MAX   8

typedef struct rw_row {
    lxw_worksheet *ws;
    lxw_row_t row;
    lxw_col_t col;
    size_t first, n; /* cells[first .. first+n) */
} rw_row;

typedef struct batch {
    struct batch *next;
    rw_row *rows;
    size_t nrows, rows_cap;
    rw_cell *cells; /* texts point into bytes */
    size_t ncells, cells_cap;
    char *bytes; /* allocated once, so the texts never move */
    size_t nbytes, bytes_cap;
} batch;

struct row_writer {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t more, room;
    batch *head, *tail;
    size_t nqueued;
    int busy;     /* the thread is applying a batch */
    int stopping; /* no more batches will come */
    int discard;  /* drop what is queued */
    batch *cur;   /* the caller's, being filled */
    /* the first failure; the caller's out-of-memory counts too */
    lxw_error err;
    lxw_worksheet *err_ws;
    lxw_row_t err_row;
    lxw_col_t err_col;
};

static void batch_free(batch *b)
{
    if (!b) return;
    free(b->rows);
    free(b->cells);
    free(b->bytes);
    free(b);
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap * 2 : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * size);
    if (!q) return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* Writes the rows of b, stopping at the first failure (recorded). */
static void apply(row_writer *w, batch *b)
{
    for (size_t r = 0; r < b->nrows; r++) {
        const rw_row *row = &b->rows[r];
        for (size_t i = 0; i < row->n; i++) {
            const rw_cell *c = &b->cells[row->first + i];
            lxw_col_t col = (lxw_col_t)(row->col + i);
            lxw_error e = LXW_NO_ERROR;
            switch (c->kind) {
            case RW_BLANK:
                e = worksheet_write_blank(row->ws, row->row, col, c->format);
                break;
            case RW_STRING:
                e = worksheet_write_string(row->ws, row->row, col, c->text, c->format);
                break;
            case RW_NUMBER:
                e = worksheet_write_number(row->ws, row->row, col, c->number, c->format);
                break;
            case RW_BOOLEAN:
                e = worksheet_write_boolean(row->ws, row->row, col, c->number != 0, c->format);
                break;
            default:
                break;
            }
            if (e != LXW_NO_ERROR) {
                pthread_mutex_lock(&w->mu);
                if (w->err == LXW_NO_ERROR) {
                    w->err = e;
                    w->err_ws = row->ws;
                    w->err_row = row->row;
                    w->err_col = col;
                }
                pthread_mutex_unlock(&w->mu);
                return;
            }
        }
    }
}

static void *run(void *arg)
{
    row_writer *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->head && !w->stopping)
            pthread_cond_wait(&w->more, &w->mu);
        batch *b = w->head;
        if (!b) break; /* stopping, nothing left */
        w->head = b->next;
        if (!w->head) w->tail = NULL;
        w->nqueued--;
        int skip = w->discard || w->err != LXW_NO_ERROR;
        w->busy = !skip;
        pthread_mutex_unlock(&w->mu);
        if (!skip) apply(w, b);
        batch_free(b);
        pthread_mutex_lock(&w->mu);
        w->busy = 0;
        pthread_cond_broadcast(&w->room);
    }
    pthread_cond_broadcast(&w->room);
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

row_writer *row_writer_start(void)
{
    row_writer *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    if (pthread_mutex_init(&w->mu, NULL) != 0) {
        free(w);
        return NULL;
    }
    pthread_cond_init(&w->more, NULL);
    pthread_cond_init(&w->room, NULL);
    if (pthread_create(&w->thread, NULL, run, w) != 0) {
        pthread_cond_destroy(&w->more);
        pthread_cond_destroy(&w->room);
        pthread_mutex_destroy(&w->mu);
        free(w);
        return NULL;
    }
    return w;
}

/* Hands the caller's batch to the thread, waiting for room. */
static void flush(row_writer *w)
{
    batch *b = w->cur;
    if (!b || b->nrows == 0) return;
    w->cur = NULL;
    pthread_mutex_lock(&w->mu);
    while (w->nqueued >= QUEUE_MAX)
        pthread_cond_wait(&w->room, &w->mu);
    if (w->tail)
        w->tail->next = b;
    else
        w->head = b;
    w->tail = b;
    w->nqueued++;
    pthread_cond_signal(&w->more);
    pthread_mutex_unlock(&w->mu);
}

static int failed(row_writer *w)
{
    pthread_mutex_lock(&w->mu);
    int f = w->err != LXW_NO_ERROR;
    pthread_mutex_unlock(&w->mu);
    return f;
}

static void fail_oom(row_writer *w, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col)
{
    pthread_mutex_lock(&w->mu);
    if (w->err == LXW_NO_ERROR) {
        w->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
        w->err_ws = ws;
        w->err_row = row;
        w->err_col = col;
    }
    pthread_mutex_unlock(&w->mu);
}

int row_writer_put(row_writer *w, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                   const rw_cell *cells, size_t n)
{
    /* an error found by the thread: stop queueing (checked once a batch) */
    if ((!w->cur || w->cur->nrows == 0) && failed(w)) return 1;
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        if (cells[i].kind == RW_STRING) bytes += cells[i].len + 1;
    /* texts must not move once written: a row that does not fit starts a
     * new batch */
    if (w->cur && w->cur->nbytes + bytes > w->cur->bytes_cap) flush(w);
    if (!w->cur) {
        size_t cap = bytes > BATCH_BYTES ? bytes : BATCH_BYTES;
        batch *nb = calloc(1, sizeof *nb);
        if (nb && !(nb->bytes = malloc(cap))) {
            free(nb);
            nb = NULL;
        }
        if (!nb) {
            fail_oom(w, ws, row, col);
            return -1;
        }
        nb->bytes_cap = cap;
        w->cur = nb;
    }
    batch *b = w->cur;
    if (grow((void **)&b->rows, &b->rows_cap, b->nrows + 1, sizeof *b->rows) != 0 ||
        grow((void **)&b->cells, &b->cells_cap, b->ncells + n, sizeof *b->cells) != 0) {
        fail_oom(w, ws, row, col);
        return -1;
    }
    rw_row *r = &b->rows[b->nrows++];
    r->ws = ws;
    r->row = row;
    r->col = col;
    r->first = b->ncells;
    r->n = n;
    for (size_t i = 0; i < n; i++) {
        rw_cell *c = &b->cells[b->ncells++];
        *c = cells[i];
        if (c->kind == RW_STRING) {
            char *dst = b->bytes + b->nbytes;
            memcpy(dst, cells[i].text, cells[i].len);
            dst[cells[i].len] = '\0';
            c->text = dst;
            b->nbytes += cells[i].len + 1;
        }
    }
    if (b->nrows >= BATCH_ROWS || b->nbytes >= BATCH_BYTES) flush(w);
    return 0;
}

lxw_error row_writer_sync(row_writer *w, lxw_worksheet **ws, lxw_row_t *row, lxw_col_t *col)
{
    flush(w);
    pthread_mutex_lock(&w->mu);
    while (w->head || w->busy)
        pthread_cond_wait(&w->room, &w->mu);
    lxw_error e = w->err;
    if (ws) *ws = w->err_ws;
    if (row) *row = w->err_row;
    if (col) *col = w->err_col;
    pthread_mutex_unlock(&w->mu);
    return e;
}

void row_writer_stop(row_writer *w, int discard)
{
    if (!w) return;
    if (discard) {
        batch_free(w->cur);
        w->cur = NULL;
    } else {
        flush(w);
    }
    pthread_mutex_lock(&w->mu);
    w->stopping = 1;
    if (discard) w->discard = 1;
    pthread_cond_signal(&w->more);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    batch_free(w->cur);
    pthread_cond_destroy(&w->more);
    pthread_cond_destroy(&w->room);
    pthread_mutex_destroy(&w->mu);
    free(w);
}
