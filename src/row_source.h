/* row_source.h - a pull iterator over the rows of one table (a CSV file or
 * one sheet of an XLSX workbook). Readers implement it; the Lua binding and
 * the roster aggregator consume it without knowing the file format. */
#ifndef DVHT_ROW_SOURCE_H
#define DVHT_ROW_SOURCE_H

#include <stddef.h>

/* One row. Cells are NUL-terminated, valid UTF-8 (readers reject invalid
 * input), not normalised. Empty trailing cells may be omitted. The memory
 * belongs to the source and stays valid until the next call to next(). */
typedef struct row {
    size_t ncells;
    const char *const *cells;
    const size_t *lens;
    long line; /* CSV: physical line where the row starts (1-based);
                  XLSX: the sheet row number (1-based) */
} row;

enum row_status { ROW_END = 0, ROW_OK = 1, ROW_ERROR = -1 };

typedef struct row_source row_source;
struct row_source {
    /* Fills *out with the next non-blank row. Returns ROW_OK, ROW_END or
     * ROW_ERROR (then err holds a Vietnamese message naming file and line). */
    int (*next)(row_source *src, row *out);
    void (*close)(row_source *src); /* frees src itself */
    char name[512];                 /* "a.csv" or "b.xlsx [Trang tính 1]" */
    char err[1024];
};

static inline int row_source_next(row_source *src, row *out)
{
    return src->next(src, out);
}
static inline void row_source_close(row_source *src)
{
    if (src) src->close(src);
}

#endif
