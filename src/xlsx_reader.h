/* xlsx_reader.h - a streaming reader for XLSX workbooks behind the
 * row_source interface.
 *
 * xlsx_open() reads the small parts once (workbook, relationships, styles
 * and the shared strings table, which is the only part held in memory).
 * xlsx_sheet_rows() then streams one worksheet: its XML is inflated and
 * parsed in 64 KiB chunks and next() stops as soon as one row is complete,
 * so a sheet of 1,048,576 rows is read in bounded memory.
 *
 * Cell values come out as text, valid UTF-8, NUL-terminated:
 *   - strings (shared, inline, formula results) as written, with the
 *     _xHHHH_ escapes decoded and phonetic runs (<rPh>) left out;
 *   - numbers in their shortest round-trip form ("12", "0.5");
 *   - numbers with a date or time format as "YYYY-MM-DD",
 *     "YYYY-MM-DD HH:MM:SS" or, for a pure time, "HH:MM:SS";
 *   - booleans as "TRUE"/"FALSE", errors as their text ("#N/A").
 * Cells sit in their column (gaps are empty strings); empty trailing cells
 * are omitted and rows whose cells are all empty are skipped. row.line is
 * the sheet row number.
 *
 * Hostile input (not a zip, truncated or corrupt data, a part inflating
 * past the limit, malformed XML, a DTD, too many shared strings, ...) is
 * reported with a Vietnamese message naming the file (and the sheet and
 * row when streaming); it never crashes and never grows memory past the
 * limits. After ROW_ERROR every further next() returns ROW_ERROR again. */
#ifndef DVHT_XLSX_READER_H
#define DVHT_XLSX_READER_H

#include <stddef.h>

#include "row_source.h"

typedef struct xlsx_book xlsx_book;

/* A zero field takes its default. */
typedef struct xlsx_limits {
    unsigned long long max_uncompressed; /* per part; default 1 GiB */
    size_t max_shared_strings;           /* default 5,000,000 */
    size_t max_shared_bytes;             /* text of all shared strings; default 256 MiB */
} xlsx_limits;

#define XLSX_DEFAULT_MAX_UNCOMPRESSED   (1024ull * 1024 * 1024)
#define XLSX_DEFAULT_MAX_SHARED_STRINGS ((size_t)5000000)
#define XLSX_DEFAULT_MAX_SHARED_BYTES   ((size_t)256 * 1024 * 1024)

/* Longest cell text and row text accepted while streaming a sheet. */
#define XLSX_MAX_CELL_BYTES ((size_t)1024 * 1024)
#define XLSX_MAX_ROW_BYTES  ((size_t)64 * 1024 * 1024)

/* 1 if path names a workbook this reader takes (.xlsx, .xlsm, any case);
 * other tables are CSV. */
int xlsx_is_workbook_path(const char *path);

/* Opens the workbook at path (lim may be NULL). Returns NULL and a
 * Vietnamese message in err[0..errlen) on failure (err may be NULL). */
xlsx_book *xlsx_open(const char *path, const xlsx_limits *lim, char *err, size_t errlen);

/* Sheets in workbook order; names are UTF-8 and live as long as the book. */
size_t xlsx_sheet_count(const xlsx_book *b);
const char *xlsx_sheet_name(const xlsx_book *b, size_t i);
int xlsx_sheet_hidden(const xlsx_book *b, size_t i); /* hidden or veryHidden */

/* Streams sheet i. Several sources may be open at once, each with its own
 * handle on the file. The source's name is "path [sheet name]". Returns
 * NULL and a Vietnamese message on failure. */
row_source *xlsx_sheet_rows(xlsx_book *b, size_t i, char *err, size_t errlen);

/* Releases the book. Sources still open keep what they need alive and stay
 * usable until row_source_close(). */
void xlsx_close(xlsx_book *b);

#endif
