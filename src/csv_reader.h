/* csv_reader.h - a streaming CSV reader behind the row_source interface.
 *
 * Input: UTF-8 with or without BOM; delimiter ',' or ';' (or TAB) guessed
 * from the first row; CRLF, LF or lone CR line endings; RFC 4180 quoting.
 * Cells come out as written (not trimmed, not normalised); a newline inside
 * a quoted cell comes out as a single LF. Rows whose cells are all empty
 * (or hold only white space) are skipped. All cells are kept, trailing
 * empty ones included. row.line is the physical line where the row starts
 * (newlines inside quoted cells are counted).
 *
 * Memory is bounded by the longest row: the file is read in 64 KiB blocks.
 * Limits on hostile input, each reported as ROW_ERROR: a cell longer than
 * CSV_MAX_FIELD_BYTES, a row with more than CSV_MAX_CELLS cells or more
 * than CSV_MAX_ROW_BYTES bytes of cell text. After ROW_ERROR every further
 * next() returns ROW_ERROR with the same message. */
#ifndef DVHT_CSV_READER_H
#define DVHT_CSV_READER_H

#include <stddef.h>

#include "row_source.h"

#define CSV_MAX_FIELD_BYTES ((size_t)1024 * 1024)
#define CSV_MAX_CELLS       16384u
#define CSV_MAX_ROW_BYTES   ((size_t)64 * 1024 * 1024)

/* Opens path for reading. Returns NULL and a Vietnamese message in
 * err[0..errlen) if the file cannot be opened (err may be NULL). The
 * returned source's name is path as given; row_source_close() frees it. */
row_source *csv_open(const char *path, char *err, size_t errlen);

/* The delimiter chosen for src (',', ';' or '\t'), or 0 before the first
 * call to next(). src must come from csv_open(). */
char csv_delimiter(const row_source *src);

#endif
