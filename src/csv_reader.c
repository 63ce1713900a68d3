/* csv_reader.c - see csv_reader.h.
 *
 * The file is read with read(2) into one block buffer; a small state
 * machine walks it and copies cell bytes into the row buffer `data`, where
 * each cell is stored NUL-terminated at offs[i]. Runs of ordinary bytes are
 * found with a byte-class table and copied with memcpy, so the cost per byte
 * is one table look-up. Each cell is checked for valid UTF-8 once complete. */
#include "csv_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text_norm.h"

#define READ_BLOCK ((size_t)64 * 1024)
#define SNIFF_MAX  ((size_t)1024 * 1024) /* bytes looked at to guess the delimiter */

enum parse_state {
    ST_FIELD_START, /* nothing of the current cell read yet */
    ST_UNQUOTED,    /* inside a cell that did not start with a quote */
    ST_QUOTED,      /* inside "..." */
    ST_QUOTE_SEEN   /* read a quote inside "...": end of cell or "" */
};

/* Byte classes of the parser; the delimiter's is set once it is known.
 * CL_CHECK marks NUL and non-ASCII bytes: only cells holding one need the
 * UTF-8 check, which saves a second pass over most cells. */
enum { CL_PLAIN = 0, CL_DELIM = 1, CL_QUOTE = 2, CL_NEWLINE = 4, CL_CHECK = 8 };

typedef struct csv_source {
    row_source base; /* first member: a row_source * points to a csv_source */
    int fd;
    int failed; /* a ROW_ERROR was returned; base.err keeps its message */
    int at_eof; /* read(2) returned 0 */
    char delim; /* 0 until guessed */
    unsigned char cls[256];

    unsigned char *buf; /* file bytes buf[pos..len) not parsed yet */
    size_t cap, len, pos;

    long line;   /* physical line of the byte at buf[pos], 1-based */
    int skip_lf; /* the last newline was a CR: an LF right after belongs to it */
    int state;   /* enum parse_state */

    /* The row being built. Owned here; lent to the caller until next(). */
    char *data;
    size_t data_len, data_cap;
    size_t *offs, *lens;
    const char **cells;
    size_t ncells, cells_cap;
    size_t field_off;   /* where the current cell starts in data */
    unsigned field_cls; /* classes of the cell's bytes, OR-ed (CL_CHECK) */
    long field_line;    /* line where the current cell starts */
    long row_line;      /* line where the current row starts */
} csv_source;

/* Sets base.err to 'Tệp "name", dòng N: <message>' (no line if line <= 0),
 * makes the source fail from now on and returns ROW_ERROR. */
static int fail(csv_source *s, long line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        snprintf(s->base.err, sizeof s->base.err, "Tệp \"%.480s\", dòng %ld: %.500s", s->base.name,
                 line, msg);
    else
        snprintf(s->base.err, sizeof s->base.err, "Tệp \"%.480s\": %.500s", s->base.name, msg);
    s->failed = 1;
    return ROW_ERROR;
}

static int fail_oom(csv_source *s)
{
    return fail(s, s->row_line, "không đủ bộ nhớ để đọc dòng này.");
}

/* ---- reading the file ---- */

/* Appends up to cap - len bytes from the file to buf. Returns the count
 * (0 at end of file, which also sets at_eof) or -1 with base.err set. */
static long read_more(csv_source *s)
{
    for (;;) {
        ssize_t n = read(s->fd, s->buf + s->len, s->cap - s->len);
        if (n >= 0) {
            s->len += (size_t)n;
            if (n == 0) s->at_eof = 1;
            return (long)n;
        }
        if (errno != EINTR) return fail(s, 0, "lỗi khi đọc tệp (%s).", strerror(errno));
    }
}

/* Doubles buf (only while guessing the delimiter). 0 or ROW_ERROR. */
static int grow_buf(csv_source *s)
{
    unsigned char *nb = realloc(s->buf, s->cap * 2);
    if (!nb) return fail_oom(s);
    s->buf = nb;
    s->cap *= 2;
    return 0;
}

/* ---- guessing the delimiter ---- */

/* Counts ',' ';' TAB outside quotes in the first logical row of p[0..len)
 * (leading blank lines are passed over). Returns 1 if the row's end was
 * seen, 0 if p ends before it. */
static int sniff_scan(const unsigned char *p, size_t len, size_t counts[3])
{
    int in_quotes = 0, seen = 0;
    counts[0] = counts[1] = counts[2] = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = p[i];
        if (c == '"') {
            in_quotes = !in_quotes;
            seen = 1;
        } else if (in_quotes) {
            continue;
        } else if (c == '\n' || c == '\r') {
            if (seen) return 1;
        } else {
            seen = 1;
            counts[0] += c == ',';
            counts[1] += c == ';';
            counts[2] += c == '\t';
        }
    }
    return 0;
}

static char choose_delim(const size_t counts[3])
{
    if (counts[1] > counts[0]) return ';';
    if (counts[0] == 0 && counts[2] > 0) return '\t';
    return ',';
}

/* Fills buf with at least 3 bytes (or the whole file) and skips a BOM. */
static int skip_bom(csv_source *s)
{
    while (s->len < 3 && !s->at_eof)
        if (read_more(s) < 0) return ROW_ERROR;
    if (s->len >= 3 && memcmp(s->buf, "\xEF\xBB\xBF", 3) == 0) s->pos = 3;
    return 0;
}

/* Reads ahead (up to SNIFF_MAX bytes) to the end of the first row, picks
 * the delimiter and sets up the byte classes. 0 or ROW_ERROR. */
static int sniff(csv_source *s)
{
    size_t counts[3];
    if (skip_bom(s) < 0) return ROW_ERROR;
    while (!sniff_scan(s->buf + s->pos, s->len - s->pos, counts) && !s->at_eof &&
           s->len < SNIFF_MAX) {
        if (s->len == s->cap && grow_buf(s) < 0) return ROW_ERROR;
        if (read_more(s) < 0) return ROW_ERROR;
    }
    s->delim = choose_delim(counts);
    memset(s->cls, CL_PLAIN, sizeof s->cls);
    s->cls[(unsigned char)s->delim] = CL_DELIM;
    s->cls['"'] = CL_QUOTE;
    s->cls['\r'] = s->cls['\n'] = CL_NEWLINE;
    s->cls[0] = CL_CHECK;
    memset(s->cls + 0x80, CL_CHECK, 0x80);
    return 0;
}

/* ---- building the row ---- */

/* Makes room for extra more bytes in data (the slow path: callers check
 * the room first). */
static int grow_data(csv_source *s, size_t extra)
{
    size_t cap = s->data_cap ? s->data_cap : 256;
    while (cap - s->data_len < extra)
        cap *= 2;
    char *nd = realloc(s->data, cap);
    if (!nd) return fail_oom(s);
    s->data = nd;
    s->data_cap = cap;
    return 0;
}

/* Grows offs, lens and cells together so that one more cell fits. */
static int grow_cells(csv_source *s)
{
    size_t cap = s->cells_cap ? s->cells_cap * 2 : 32;
    size_t *no = realloc(s->offs, cap * sizeof *no);
    if (no) s->offs = no;
    size_t *nl = realloc(s->lens, cap * sizeof *nl);
    if (nl) s->lens = nl;
    const char **nc = realloc((void *)s->cells, cap * sizeof *nc);
    if (nc) s->cells = nc;
    if (!no || !nl || !nc) return fail_oom(s);
    s->cells_cap = cap;
    return 0;
}

/* Appends n bytes to the current cell, enforcing the size limits. */
static int append(csv_source *s, const void *bytes, size_t n)
{
    if (n == 0) return 0;
    if (s->data_len - s->field_off + n > CSV_MAX_FIELD_BYTES)
        return fail(s, s->field_line,
                    "có một ô dài hơn 1 MiB; tệp có thể bị hỏng hoặc không phải tệp CSV.");
    if (s->data_len + n >= CSV_MAX_ROW_BYTES)
        return fail(s, s->row_line,
                    "dòng này dài hơn 64 MiB; tệp có thể bị hỏng hoặc không phải tệp CSV.");
    if (s->data_cap - s->data_len <= n && grow_data(s, n + 1) < 0) return ROW_ERROR;
    memcpy(s->data + s->data_len, bytes, n);
    s->data_len += n;
    return 0;
}

static long count_lf(const char *p, size_t n)
{
    long lf = 0;
    for (size_t i = 0; i < n; i++)
        lf += p[i] == '\n';
    return lf;
}

/* Closes the current cell: checks it, NUL-terminates it, records it. */
static int end_field(csv_source *s)
{
    size_t flen = s->data_len - s->field_off, bad;
    /* no cell text yet (a file of one lone CR): no buffer to point into */
    const char *f = s->data ? s->data + s->field_off : "";
    if ((s->field_cls & CL_CHECK) && !text_valid_utf8(f, flen, &bad))
        return fail(s, s->field_line + count_lf(f, bad),
                    "dữ liệu không phải UTF-8 hợp lệ (hãy lưu tệp với mã hóa UTF-8).");
    if (s->ncells >= CSV_MAX_CELLS)
        return fail(s, s->row_line,
                    "dòng này có hơn %u ô; tệp có thể bị hỏng hoặc không phải tệp CSV.",
                    CSV_MAX_CELLS);
    if (s->ncells == s->cells_cap && grow_cells(s) < 0) return ROW_ERROR;
    /* room for the NUL; data is still NULL when no cell had text yet */
    if ((!s->data || s->data_len == s->data_cap) && grow_data(s, 1) < 0) return ROW_ERROR;
    s->data[s->data_len++] = '\0';
    s->offs[s->ncells] = s->field_off;
    s->lens[s->ncells] = flen;
    s->ncells++;
    s->field_off = s->data_len;
    s->field_cls = 0;
    return 0;
}

/* ---- the state machine ---- */

static void count_newline(csv_source *s, unsigned char c)
{
    s->line++;
    s->skip_lf = c == '\r';
}

/* p points at a delimiter or a newline that ends the current cell. Sets
 * *r to 1 if it also ended the row, -1 on error. */
static const unsigned char *on_separator(csv_source *s, const unsigned char *p, int *r)
{
    if (end_field(s) < 0) {
        *r = -1;
        return p;
    }
    s->state = ST_FIELD_START;
    if (s->cls[*p] & CL_NEWLINE) {
        count_newline(s, *p);
        *r = 1;
    }
    return p + 1;
}

static const unsigned char *on_field_start(csv_source *s, const unsigned char *p)
{
    s->field_line = s->line;
    if (*p == '"') {
        s->state = ST_QUOTED;
        return p + 1;
    }
    s->state = ST_UNQUOTED;
    return p;
}

static const unsigned char *scan_unquoted(csv_source *s, const unsigned char *p,
                                          const unsigned char *end, int *r)
{
    const unsigned char *q = p;
    unsigned k, seen = 0;
    while (q < end && !((k = s->cls[*q]) & (CL_DELIM | CL_NEWLINE)))
        seen |= k, q++;
    s->field_cls |= seen;
    if (append(s, p, (size_t)(q - p)) < 0) {
        *r = -1;
        return q;
    }
    return q == end ? q : on_separator(s, q, r);
}

/* Inside quotes a delimiter is text and any newline becomes one LF. */
static const unsigned char *scan_quoted(csv_source *s, const unsigned char *p,
                                        const unsigned char *end, int *r)
{
    const unsigned char *q = p;
    unsigned k, seen = 0;
    while (q < end && !((k = s->cls[*q]) & (CL_QUOTE | CL_NEWLINE)))
        seen |= k, q++;
    s->field_cls |= seen;
    if (append(s, p, (size_t)(q - p)) < 0) {
        *r = -1;
        return q;
    }
    if (q == end) return q;
    if (*q == '"') {
        s->state = ST_QUOTE_SEEN;
        return q + 1;
    }
    count_newline(s, *q);
    if (append(s, "\n", 1) < 0) *r = -1;
    return q + 1;
}

/* After a quote inside "...": "" is a literal quote; a delimiter or newline
 * ends the cell; anything else is kept as text after the closing quote,
 * as Excel does with "ab"cd. */
static const unsigned char *on_quote_seen(csv_source *s, const unsigned char *p, int *r)
{
    if (*p == '"') {
        s->state = ST_QUOTED;
        if (append(s, "\"", 1) < 0) *r = -1;
        return p + 1;
    }
    if (s->cls[*p] & (CL_DELIM | CL_NEWLINE)) return on_separator(s, p, r);
    s->state = ST_UNQUOTED;
    return p;
}

/* Parses buf[pos..len). Returns 1 when a row was completed, 0 when the
 * buffer ran out first, ROW_ERROR on error. */
static int scan(csv_source *s)
{
    const unsigned char *p = s->buf + s->pos, *end = s->buf + s->len;
    int r = 0;
    while (p < end && r == 0) {
        if (s->skip_lf) {
            s->skip_lf = 0;
            if (*p == '\n') {
                p++;
                continue;
            }
        }
        switch (s->state) {
        case ST_FIELD_START:
            p = on_field_start(s, p);
            break;
        case ST_UNQUOTED:
            p = scan_unquoted(s, p, end, &r);
            break;
        case ST_QUOTED:
            p = scan_quoted(s, p, end, &r);
            break;
        default:
            p = on_quote_seen(s, p, &r);
            break;
        }
    }
    s->pos = (size_t)(p - s->buf);
    return r < 0 ? ROW_ERROR : r;
}

static void start_row(csv_source *s)
{
    s->ncells = 0;
    s->data_len = 0;
    s->field_off = 0;
    s->field_cls = 0;
    s->state = ST_FIELD_START;
    s->row_line = s->line;
}

static int finish_at_eof(csv_source *s)
{
    if (s->state == ST_QUOTED)
        return fail(s, s->field_line,
                    "ô bắt đầu bằng dấu ngoặc kép (\") ở dòng này nhưng thiếu dấu ngoặc kép "
                    "đóng cho đến hết tệp.");
    if (s->state == ST_FIELD_START && s->ncells == 0) return ROW_END;
    return end_field(s) < 0 ? ROW_ERROR : ROW_OK;
}

/* Reads one row, blank or not. ROW_OK, ROW_END or ROW_ERROR. */
static int parse_row(csv_source *s)
{
    start_row(s);
    for (;;) {
        if (s->pos == s->len) {
            if (s->at_eof) return finish_at_eof(s);
            s->pos = s->len = 0;
            if (read_more(s) < 0) return ROW_ERROR;
            continue;
        }
        int r = scan(s);
        if (r) return r;
    }
}

/* A row is blank when each cell is empty or only white space (text_is_space):
 * such a line carries no data, whatever the consumer does with spaces. */
static int row_is_blank(const csv_source *s)
{
    for (size_t i = 0; i < s->ncells; i++) {
        size_t n = s->lens[i];
        if (n == 0) continue;
        text_trim(s->data + s->offs[i], &n);
        if (n) return 0;
    }
    return 1;
}

static int csv_next(row_source *src, row *out)
{
    csv_source *s = (csv_source *)src;
    if (s->failed) return ROW_ERROR;
    if (!s->delim && sniff(s) < 0) return ROW_ERROR;
    int r;
    do
        r = parse_row(s);
    while (r == ROW_OK && row_is_blank(s));
    if (r != ROW_OK) return r;
    for (size_t i = 0; i < s->ncells; i++)
        s->cells[i] = s->data + s->offs[i];
    out->ncells = s->ncells;
    out->cells = s->cells;
    out->lens = s->lens;
    out->line = s->row_line;
    return ROW_OK;
}

static void csv_close(row_source *src)
{
    csv_source *s = (csv_source *)src;
    if (s->fd >= 0) close(s->fd);
    free(s->buf);
    free(s->data);
    free(s->offs);
    free(s->lens);
    free((void *)s->cells);
    free(s);
}

char csv_delimiter(const row_source *src)
{
    return ((const csv_source *)src)->delim;
}

/* ---- opening ---- */

static void set_err(char *err, size_t errlen, const char *path, const char *why)
{
    if (err && errlen) snprintf(err, errlen, "Không mở được tệp \"%s\": %s", path, why);
}

/* Opens path read-only; a directory is refused here rather than failing
 * on the first read. Returns the descriptor or -1 with err set. */
static int open_file(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        set_err(err, errlen, path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        set_err(err, errlen, path, "đây là một thư mục, không phải tệp.");
        close(fd);
        return -1;
    }
    return fd;
}

row_source *csv_open(const char *path, char *err, size_t errlen)
{
    int fd = open_file(path, err, errlen);
    if (fd < 0) return NULL;
    csv_source *s = calloc(1, sizeof *s);
    unsigned char *buf = malloc(READ_BLOCK);
    if (!s || !buf) {
        free(s);
        free(buf);
        close(fd);
        set_err(err, errlen, path, "không đủ bộ nhớ.");
        return NULL;
    }
    s->base.next = csv_next;
    s->base.close = csv_close;
    snprintf(s->base.name, sizeof s->base.name, "%s", path);
    s->fd = fd;
    s->buf = buf;
    s->cap = READ_BLOCK;
    s->line = 1;
    s->row_line = 1;
    return &s->base;
}
