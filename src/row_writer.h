/* row_writer.h - rows of constant_memory worksheets written by a
 * background thread.
 *
 * A city summary is millions of cells; producing them (Lua) and writing
 * them out (libxlsxwriter: the XML of each cell into the sheet's temp file)
 * take about as long as each other, so they can overlap. The caller checks
 * every value first (types, UTF-8, lengths), then hands whole rows over:
 * they are copied into batches that one thread applies with the
 * worksheet_write_* calls, in order. Between row_writer_put() calls the
 * workbook belongs to that thread: the caller must call row_writer_sync()
 * before any other libxlsxwriter call on the same workbook.
 *
 * A failed worksheet_write_* call is kept (the first one, with its cell)
 * and the rows after it are dropped: row_writer_sync() reports it, then
 * and every time after. */
#ifndef DVHT_ROW_WRITER_H
#define DVHT_ROW_WRITER_H

#include <stddef.h>

#include <xlsxwriter.h>

enum rw_kind {
    RW_SKIP,   /* nothing written (an empty cell without a format) */
    RW_BLANK,  /* worksheet_write_blank */
    RW_STRING, /* worksheet_write_string: text[0..len), no NUL inside */
    RW_NUMBER, /* worksheet_write_number */
    RW_BOOLEAN /* worksheet_write_boolean */
};

typedef struct rw_cell {
    int kind; /* enum rw_kind */
    lxw_format *format;
    double number; /* RW_NUMBER; RW_BOOLEAN: 0 or 1 */
    const char *text;
    size_t len;
} rw_cell;

typedef struct row_writer row_writer;

/* Starts the thread. NULL when out of memory or no thread can start (the
 * caller then writes itself). */
row_writer *row_writer_start(void);

/* Queues cells[0..n) for ws, row `row`, columns col, col+1, ... (texts are
 * copied). Waits while the thread is far behind. Returns 0, -1 when out of
 * memory (nothing queued), or 1 when an earlier write failed (see
 * row_writer_sync; nothing queued). */
int row_writer_put(row_writer *w, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                   const rw_cell *cells, size_t n);

/* Waits until every queued row is written. Returns LXW_NO_ERROR, or the
 * first failed call's error with its sheet and cell (also on every later
 * call). A put that ran out of memory is reported here as
 * LXW_ERROR_MEMORY_MALLOC_FAILED. */
lxw_error row_writer_sync(row_writer *w, lxw_worksheet **ws, lxw_row_t *row, lxw_col_t *col);

/* Stops the thread after the queued rows (or at once with discard, for a
 * workbook being thrown away) and frees w. NULL is allowed. */
void row_writer_stop(row_writer *w, int discard);

#endif
