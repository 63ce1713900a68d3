/* xlsx_finish.h - finishing a libxlsxwriter workbook: workbook_close()
 * (assemble every part, zip them) and reading the result back, here or on
 * a thread of its own.
 *
 * Zipping a city summary (a sheet part of a hundred megabytes of XML) takes
 * one core for over a second; on a thread it overlaps with what the caller
 * still has to do (the results CSV). Nothing here touches Lua: the outcome
 * is a libxlsxwriter error with its errno, or a Vietnamese reason why the
 * written file failed the check, and the caller turns it into a message.
 *
 *     xlsx_finish f;
 *     xlsx_finish_init(&f, wb, tmp, verify, streamed, nsheets);
 *     if (xlsx_finish_start(&f) != 0) xlsx_finish_run(&f);   // no thread
 *     ... other work ...
 *     xlsx_finish_wait(&f);
 *     if (f.err != LXW_NO_ERROR || f.why[0]) -> report, remove f.tmp
 *     xlsx_finish_free(&f);
 */
#ifndef DVHT_XLSX_FINISH_H
#define DVHT_XLSX_FINISH_H

#include <pthread.h>
#include <stddef.h>

#include <xlsxwriter.h>

typedef struct xlsx_finish {
    lxw_workbook *wb; /* consumed by the run (workbook_close frees it);
                         until a run starts, still the caller's to free */
    const char *tmp;  /* the file libxlsxwriter writes; the caller's */
    int verify;       /* read the written file back */
    /* per sheet: bytes of rows a constant_memory sheet had in its temp file
     * (checked by the caller), or -1; a copy owned here */
    long *streamed;
    size_t nsheets;
    int started; /* a thread runs xlsx_finish_run */
    pthread_t thread;
    /* outcome */
    lxw_error err; /* workbook_close() */
    int err_errno; /* errno right after a failed workbook_close() */
    char why[640]; /* "" or why the written file is not good */
} xlsx_finish;

/* Fills f. Returns 0, or -1 when out of memory (f is then empty and wb was
 * not touched). */
int xlsx_finish_init(xlsx_finish *f, lxw_workbook *wb, const char *tmp, int verify,
                     const long *streamed, size_t nsheets);

/* Runs the finishing on a new thread. Returns 0, or -1 when no thread can
 * start (nothing was done: call xlsx_finish_run). */
int xlsx_finish_start(xlsx_finish *f);

/* Finishes on this thread. */
void xlsx_finish_run(xlsx_finish *f);

/* Waits for a started thread; returns at once otherwise. */
void xlsx_finish_wait(xlsx_finish *f);

/* Waits if needed and frees what f owns (not f itself, not tmp, not a
 * workbook no run has taken). */
void xlsx_finish_free(xlsx_finish *f);

#endif
