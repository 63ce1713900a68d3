/* prefetch.h - input files read ahead on worker threads.
 *
 * A run reads its input files one after the other, in an order known
 * before the first is opened, and most of its reading time is parsing
 * (expat for XLSX, the CSV state machine), which needs nothing from Lua.
 * prefetch_start() takes that list; worker threads open the files in
 * order, at most 8 files per thread ahead of the one being consumed (and
 * one open workbook per thread), and stream each table (every sheet, in
 * workbook order) into chunks of rows held in memory: a few chunks for the
 * file being read, a shared budget for the others, so memory stays bounded
 * whatever the size of the files.
 *
 * The consumer (the Lua thread) takes the files in the same order. What it
 * reads through them is exactly what csv_open()/xlsx_sheet_rows() would
 * give it: the same rows, line numbers, source names and error messages.
 * Where the queue cannot serve a request (a sheet asked for again, out of
 * order, or while another sheet of the file is still being read), the
 * caller is told to read that table directly instead, so any reading order
 * stays correct; only the expected order is faster.
 *
 * Member rosters: once the consumer adds up one roster from the queue with
 * pf_aggregate(), workers add up later tables with the same header row
 * themselves, so the consumer mostly takes the sums.
 *
 * Thread use: one prefetch object per consumer thread; every function here
 * is called by that thread. Workers touch only their own readers. */
#ifndef DVHT_PREFETCH_H
#define DVHT_PREFETCH_H

#include <stddef.h>

#include "roster.h"
#include "row_source.h"

typedef struct prefetch prefetch;
typedef struct pf_file pf_file;

/* Upper bound on worker threads. */
#define PREFETCH_MAX_THREADS 16

/* Default bytes of rows held ahead for the files after the one being read
 * (that one may always hold a few chunks more). */
#define PREFETCH_BUDGET ((size_t)24 * 1024 * 1024)

/* The number of worker threads to use by default: the processors online,
 * at most PREFETCH_MAX_THREADS. */
unsigned prefetch_default_threads(void);

/* Starts reading paths[0..n) ahead with `threads` workers (1 or more),
 * holding at most `budget` bytes of rows ahead (0: PREFETCH_BUDGET). The
 * paths are copied. Returns NULL when out of memory or when no thread can
 * be started (the caller then reads directly). */
prefetch *prefetch_start(const char *const *paths, size_t n, unsigned threads, size_t budget);

/* The file `path` if it is among the files not taken yet: files listed
 * before it are dropped unread. NULL when it is not (read it directly).
 * The file stays valid until pf_file_release(). */
pf_file *prefetch_take(prefetch *p, const char *path);

/* Waits until the worker has opened the file. Returns 0, or -1 with the
 * reader's message (an XLSX that cannot be opened). A CSV file always
 * opens here; a CSV that cannot be read fails in pf_file_rows(). */
int pf_file_wait_open(pf_file *f, char *err, size_t errlen);

/* After a successful pf_file_wait_open(): the tables of the file (1 for a
 * CSV), and for XLSX each sheet's name and whether it is hidden (name is
 * NULL for a CSV). Names live as long as the file. */
size_t pf_file_sheet_count(const pf_file *f);
const char *pf_file_sheet_name(const pf_file *f, size_t i);
int pf_file_sheet_hidden(const pf_file *f, size_t i);

/* The rows of table i (0-based) from the queue. Returns the source, or
 * NULL with *direct = 0 and the reader's message in err (the table could
 * not be opened), or NULL with *direct = 1 when the queue cannot serve it:
 * read it directly then. Tables before i are dropped. */
row_source *pf_file_rows(pf_file *f, size_t i, char *err, size_t errlen, int *direct);

/* How many tables the consumer took as sums a worker made (of the whole
 * table or of its rest), or as the reading error a worker met while adding
 * it up (for tests and the benchmark: the roster path is invisible in the
 * results). */
size_t prefetch_worker_sums(const prefetch *p);

/* The rest of src added up with spec, exactly as roster_aggregate() would
 * (the same sums, units in the same order, first lines, bad cells and
 * messages); any row_source. For a source from pf_file_rows() that has
 * returned its header row, the spec becomes a template: workers add up
 * the rest of later tables with the same header row themselves (from
 * their header on, or from the middle of a table they had begun), and the
 * sums they made are taken here. */
int pf_aggregate(row_source *src, const roster_spec *spec, roster *out, char *err, size_t errlen);

/* The consumer is done with the file (sources from it may stay open). */
void pf_file_release(pf_file *f);

/* Stops the workers (they drop what is left), waits for them and frees
 * everything. Files and sources still held stay valid: each is freed by
 * its own release or close. NULL is allowed. */
void prefetch_stop(prefetch *p);

#endif
