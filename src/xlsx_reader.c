/* xlsx_reader.c - see xlsx_reader.h.
 *
 * Layout: messages and small buffers; zip parts read with a size limit;
 * the expat driver shared by every part; value formatting (escapes,
 * numbers, dates, number formats); one parser per book-level part
 * (relationships, workbook, styles, shared strings); the book; and the
 * worksheet stream, which suspends expat at the end of each row. */
#include "xlsx_reader.h"

#include <errno.h>
#include <expat.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unzip.h>

#include "text_norm.h"

#define CHUNK           (64u * 1024u) /* inflated bytes fed to expat at a time */
#define MAX_DEPTH       256           /* real parts nest about ten deep */
#define MAX_QUIET_BYTES (4ul << 20)   /* bytes without a parse event: one giant token */
#define MAX_SHEETS      100000
#define MAX_RELS        100000
#define MAX_NUMFMTS     100000
#define MAX_XFS         1000000
#define MAX_COLS        16384l   /* column XFD */
#define MAX_ROWS        1048576l /* Excel's last row */
#define MAX_SERIAL      2958466  /* 10000-01-01 in the 1900 system */

static const char WORKBOOK_DEFAULT[] = "xl/workbook.xml";

/* ------------------------------------------------------------------ */
/* Messages and buffers                                                */

/* Cuts s back to a character boundary: vsnprintf may stop inside a
 * multi-byte sequence and every message must stay valid UTF-8. */
static void utf8_fix_tail(char *s)
{
    size_t n = strlen(s), i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0) {
        s[0] = '\0';
        return;
    }
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < need) s[i - 1] = '\0';
}

__attribute__((format(printf, 3, 4))) static void msgf(char *dst, size_t n, const char *fmt, ...)
{
    if (!dst || n == 0) return;
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(dst, n, fmt, ap);
    va_end(ap);
    if (r >= 0 && (size_t)r >= n) utf8_fix_tail(dst);
}

/* Length of the longest prefix of s[0..n) within max bytes that ends on a
 * character boundary, to quote a piece of cell text in a message. */
static int quote_len(const char *s, size_t n, size_t max)
{
    if (n <= max) return (int)n;
    size_t i = max;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return (int)i;
}

/* Grows the array p of elements of size elem so that it holds need of
 * them, doubling but never past max. NULL when out of memory (p intact). */
static void *grow_array(void *p, size_t *cap, size_t need, size_t elem, size_t max)
{
    if (need <= *cap) return p;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n = n > SIZE_MAX / 4 / elem ? need : n * 2;
    if (n > max && need <= max) n = max;
    void *q = realloc(p, n * elem);
    if (q) *cap = n;
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

/* ------------------------------------------------------------------ */
/* The XML context every parser shares                                  */

enum fail_kind { FAIL_NONE, FAIL_CORRUPT, FAIL_PLAIN };

/* The first member of every parser's state; the expat user data always
 * points here so the common handlers find it. */
typedef struct xml_ctx {
    XML_Parser p;
    int kind;         /* enum fail_kind */
    char detail[512]; /* Vietnamese, no final full stop */
    int depth;
    unsigned long events;  /* handler calls so far */
    unsigned long seen;    /* events at the last quiet check */
    unsigned long quiet;   /* bytes fed since the last event */
    const char *part_name; /* part being parsed, for messages */
} xml_ctx;

__attribute__((format(printf, 3, 4))) static void ctx_set(xml_ctx *c, int kind, const char *fmt,
                                                          ...)
{
    if (c->kind != FAIL_NONE) return; /* keep the first, most precise cause */
    c->kind = kind;
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(c->detail, sizeof c->detail, fmt, ap);
    va_end(ap);
    if (r >= 0 && (size_t)r >= sizeof c->detail) utf8_fix_tail(c->detail);
}

/* Records the cause from inside a handler and aborts the parse. */
#define ctx_abort(c, ...)                                                                          \
    do {                                                                                           \
        ctx_set((c), __VA_ARGS__);                                                                 \
        XML_StopParser((c)->p, XML_FALSE);                                                         \
    } while (0)

static void ctx_nomem(xml_ctx *c)
{
    ctx_set(c, FAIL_PLAIN, "không đủ bộ nhớ");
}

/* Counts a start tag; refuses absurd nesting, since expat keeps every open
 * tag on its stack and a hostile part could nest without end. */
static int ctx_enter(xml_ctx *c)
{
    c->events++;
    if (++c->depth > MAX_DEPTH) {
        ctx_abort(c, FAIL_CORRUPT, "phần \"%s\" lồng thẻ XML quá sâu", c->part_name);
        return 0;
    }
    return 1;
}

static void ctx_leave(xml_ctx *c)
{
    c->events++;
    c->depth--;
}

/* Local name of an element or attribute: parts are parsed without
 * namespace processing and some writers prefix everything ("x:row"). */
static const char *lname(const char *name)
{
    const char *local = name;
    for (const char *p = name; *p; p++) /* names are short: no strrchr call */
        if (*p == ':') local = p + 1;
    return local;
}

/* a == lit, for the short literal element names of the sheet handlers
 * (inlined: called for every element of a sheet). */
static inline int name_is(const char *a, const char *lit)
{
    while (*lit && *a == *lit)
        a++, lit++;
    return *a == *lit;
}

static const char *attr(const XML_Char **atts, const char *key)
{
    for (; atts[0]; atts += 2)
        if (strcmp(atts[0], key) == 0) return atts[1];
    return NULL;
}

/* A relationship id attribute ("r:id"), whatever its prefix. */
static const char *attr_rid(const XML_Char **atts)
{
    for (; atts[0]; atts += 2)
        if (strchr(atts[0], ':') && strcmp(lname(atts[0]), "id") == 0) return atts[1];
    return NULL;
}

/* A DOCTYPE never appears in a real part; refusing it keeps external
 * entities and entity-expansion bombs ("billion laughs") out entirely. */
static void XMLCALL on_doctype(void *user, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
    xml_ctx *c = user;
    ctx_abort(c, FAIL_CORRUPT,
              "phần \"%s\" chứa khai báo DTD, điều không được phép trong tệp Excel", c->part_name);
}

/* Text of parts whose text is not needed still counts as progress for
 * quiet_exceeded(). */
static void XMLCALL on_chars_count(void *user, const XML_Char *s, int len)
{
    (void)s, (void)len;
    ((xml_ctx *)user)->events++;
}

static int xml_new(xml_ctx *c, const char *part_name)
{
    c->part_name = part_name;
    c->p = XML_ParserCreate(NULL);
    if (!c->p) {
        ctx_nomem(c);
        return 0;
    }
    XML_SetUserData(c->p, c);
    XML_SetStartDoctypeDeclHandler(c->p, on_doctype);
    XML_SetCharacterDataHandler(c->p, on_chars_count);
    XML_SetParamEntityParsing(c->p, XML_PARAM_ENTITY_PARSING_NEVER);
    return 1;
}

static void xml_free(xml_ctx *c)
{
    if (c->p) XML_ParserFree(c->p);
    c->p = NULL;
}

static const char *xml_error_text(enum XML_Error e)
{
    switch (e) {
    case XML_ERROR_NO_MEMORY:
        return "không đủ bộ nhớ";
    case XML_ERROR_NO_ELEMENTS:
    case XML_ERROR_UNCLOSED_TOKEN:
    case XML_ERROR_PARTIAL_CHAR:
    case XML_ERROR_UNCLOSED_CDATA_SECTION:
        return "nội dung bị cắt cụt";
    case XML_ERROR_INVALID_TOKEN:
        return "ký tự hoặc thẻ không hợp lệ";
    case XML_ERROR_TAG_MISMATCH:
        return "thẻ đóng không khớp với thẻ mở";
    case XML_ERROR_DUPLICATE_ATTRIBUTE:
        return "thuộc tính bị lặp";
    case XML_ERROR_JUNK_AFTER_DOC_ELEMENT:
        return "có nội dung thừa sau phần tử gốc";
    case XML_ERROR_UNDEFINED_ENTITY:
        return "tham chiếu thực thể không xác định";
    case XML_ERROR_BAD_CHAR_REF:
        return "tham chiếu ký tự không hợp lệ";
    case XML_ERROR_UNKNOWN_ENCODING:
    case XML_ERROR_INCORRECT_ENCODING:
        return "bảng mã không được hỗ trợ";
    default:
        return "sai cú pháp XML";
    }
}

/* 1 if the bytes where expat stopped do not start a well-formed UTF-8
 * character: then the part is not UTF-8 and we can say so plainly. */
static int error_is_bad_utf8(XML_Parser p)
{
    int off = 0, size = 0;
    const char *buf = XML_GetInputContext(p, &off, &size);
    if (!buf || off < 0 || off >= size) return 0;
    size_t avail = (size_t)(size - off), bad = 1;
    if (text_valid_utf8(buf + off, avail < 4 ? avail : 4, &bad)) return 0;
    return bad == 0;
}

/* Turns a failed XML_Parse* into a message, unless a handler already
 * recorded the cause. */
static void xml_error(xml_ctx *c)
{
    enum XML_Error e = XML_GetErrorCode(c->p);
    unsigned long line = XML_GetCurrentLineNumber(c->p);
    unsigned long col = XML_GetCurrentColumnNumber(c->p) + 1;
    if (e == XML_ERROR_INVALID_TOKEN && error_is_bad_utf8(c->p))
        ctx_set(c, FAIL_CORRUPT,
                "phần \"%s\" chứa byte không phải UTF-8 hợp lệ (dòng XML %lu, cột %lu)",
                c->part_name, line, col);
    else
        ctx_set(c, FAIL_CORRUPT, "lỗi XML trong phần \"%s\" (dòng XML %lu, cột %lu): %s",
                c->part_name, line, col, xml_error_text(e));
}

/* Expat holds one token whole in memory (and rescans it for every chunk):
 * a part that goes MAX_QUIET_BYTES without any parse event is a giant tag,
 * comment or attribute, never real spreadsheet content. */
static int quiet_exceeded(xml_ctx *c, size_t fed)
{
    if (c->events != c->seen) {
        c->seen = c->events;
        c->quiet = 0;
    } else {
        c->quiet += fed;
    }
    if (c->quiet <= MAX_QUIET_BYTES) return 0;
    ctx_set(c, FAIL_CORRUPT, "phần \"%s\" chứa một thẻ XML dài bất thường", c->part_name);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Zip parts, read with a size limit                                    */

typedef struct part {
    unzFile zip;
    const char *name;
    unsigned long long limit, total;
    int open;
} part;

static void size_text(unsigned long long n, char *out, size_t len)
{
    if (n >= (1ull << 20) && n % (1ull << 20) == 0)
        msgf(out, len, "%llu MiB", n >> 20);
    else
        msgf(out, len, "%llu byte", n);
}

static void part_too_big(part *pt, xml_ctx *c)
{
    char lim[64];
    size_text(pt->limit, lim, sizeof lim);
    ctx_set(c, FAIL_PLAIN,
            "phần \"%s\" khi giải nén vượt quá giới hạn %s; tệp có thể bị hỏng hoặc được tạo ra để "
            "gây hại",
            pt->name, lim);
}

/* Opens the entry called name (ZIP names in an OPC package compare without
 * case). Returns 1, 0 if there is no such entry, -1 with c set. The
 * declared size is checked here; part_read() checks what really comes. */
static int part_open(part *pt, unzFile zip, const char *name, unsigned long long limit, xml_ctx *c)
{
    memset(pt, 0, sizeof *pt);
    pt->zip = zip;
    pt->name = name;
    pt->limit = limit;
    if (unzLocateFile(zip, name, 2) != UNZ_OK) return 0;
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK) {
        ctx_set(c, FAIL_CORRUPT, "không đọc được thông tin phần \"%s\"", name);
        return -1;
    }
    if (info.flag & 1u) {
        ctx_set(c, FAIL_CORRUPT, "phần \"%s\" bị mã hoá", name);
        return -1;
    }
    if (info.uncompressed_size > limit) {
        part_too_big(pt, c);
        return -1;
    }
    if (unzOpenCurrentFile(zip) != UNZ_OK) {
        ctx_set(c, FAIL_CORRUPT, "không giải nén được phần \"%s\"", name);
        return -1;
    }
    pt->open = 1;
    return 1;
}

/* Reads up to n inflated bytes: the count, 0 at the end (after the CRC is
 * verified), -1 with c set. */
static long part_read(part *pt, char *buf, unsigned n, xml_ctx *c)
{
    int r = unzReadCurrentFile(pt->zip, buf, n);
    if (r < 0) {
        ctx_set(c, FAIL_CORRUPT, "dữ liệu nén của phần \"%s\" bị hỏng", pt->name);
        return -1;
    }
    if (r == 0) {
        int cr = unzCloseCurrentFile(pt->zip);
        pt->open = 0;
        if (cr != UNZ_OK) {
            ctx_set(c, FAIL_CORRUPT, "phần \"%s\" bị hỏng (sai mã kiểm tra CRC)", pt->name);
            return -1;
        }
        return 0;
    }
    pt->total += (unsigned)r;
    if (pt->total > pt->limit) {
        part_too_big(pt, c);
        return -1;
    }
    return r;
}

static void part_close(part *pt)
{
    if (pt->open) unzCloseCurrentFile(pt->zip);
    pt->open = 0;
}

/* Feeds the whole part to the parser of c, chunk by chunk. */
static int xml_feed_all(xml_ctx *c, part *pt)
{
    for (;;) {
        void *buf = XML_GetBuffer(c->p, (int)CHUNK);
        if (!buf) {
            ctx_nomem(c);
            return -1;
        }
        long n = part_read(pt, buf, CHUNK, c);
        if (n < 0) return -1;
        if (XML_ParseBuffer(c->p, (int)n, n == 0) != XML_STATUS_OK) {
            xml_error(c);
            return -1;
        }
        if (quiet_exceeded(c, (size_t)n)) return -1;
        if (n == 0) return 0;
    }
}

/* Parses the part called name with the handlers already set on c->p.
 * Returns 1, 0 if the part is absent, -1 with c set. */
static int parse_part(unzFile zip, const char *name, unsigned long long limit, xml_ctx *c)
{
    part pt;
    int r = part_open(&pt, zip, name, limit, c);
    if (r <= 0) return r;
    r = xml_feed_all(c, &pt);
    part_close(&pt);
    return r < 0 ? -1 : 1;
}

/* ------------------------------------------------------------------ */
/* Values: escapes, numbers, dates, number formats                      */

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* The code unit of an "_xHHHH_" escape at s[0..n), or -1. */
static long xesc_at(const char *s, size_t n)
{
    if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_') return -1;
    long v = 0;
    for (int i = 2; i < 6; i++) {
        int h = hexval((unsigned char)s[i]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

static size_t utf8_put(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes, in place, the "_xHHHH_" escapes Excel writes for characters XML
 * cannot carry (_x000D_ is a CR). Decoding is one pass, so the escaped
 * underscore in "_x005F_x0041_" yields the literal text "_x0041_". A pair
 * of surrogate escapes becomes one character; U+0000 and a lone surrogate
 * stay as written, since the result must be NUL-free valid UTF-8. The
 * output is never longer than the input. Returns the new length. */
static size_t decode_xesc(char *s, size_t n)
{
    if (!memchr(s, '_', n)) return n;
    size_t r = 0, w = 0;
    while (r < n) {
        long cp = s[r] == '_' ? xesc_at(s + r, n - r) : -1;
        size_t used = 7;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            long lo = n - r >= 14 ? xesc_at(s + r + 7, n - r - 7) : -1;
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                used = 14;
            } else {
                cp = -1;
            }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = -1;
        }
        if (cp <= 0) {
            s[w++] = s[r++];
            continue;
        }
        w += utf8_put(s + w, (unsigned long)cp);
        r += used;
    }
    return w;
}

static int is_xml_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* Parses the text of a numeric cell (surrounding spaces allowed). Numbers
 * are read and written in the "C" locale c whatever the program's locale
 * is (a Vietnamese one has a decimal comma); c may be 0 if it could not be
 * made. */
static int parse_number(const char *s, locale_t c, double *out)
{
    locale_t old = c ? uselocale(c) : (locale_t)0;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (old) uselocale(old);
    if (end == s) return 0;
    while (is_xml_space(*end))
        end++;
    if (*end || !isfinite(v)) return 0;
    *out = v;
    return 1;
}

/* Shortest text that reads back as the same double: "12", "0.5", "1e-05".
 * Integral values print in full, without exponent ("1234567"). */
static void format_number(double v, locale_t c, char *out, size_t n)
{
    locale_t old = c ? uselocale(c) : (locale_t)0;
    if (v == 0) {
        msgf(out, n, "0"); /* also for -0 */
    } else if (v == floor(v) && fabs(v) < 1e21) {
        msgf(out, n, "%.0f", v);
    } else {
        for (int prec = 15; prec <= 17; prec++) {
            msgf(out, n, "%.*g", prec, v);
            if (strtod(out, NULL) == v) break;
        }
    }
    if (old) uselocale(old);
}

/* Text already in the form format_number() gives an integer: an optional
 * minus sign and up to 15 digits without a leading zero. The common case
 * (counts, codes) then skips strtod and printf. */
static int is_plain_integer(const char *s, size_t n)
{
    size_t i = s[0] == '-' ? 1 : 0;
    if (n <= i || n - i > 15 || (s[i] == '0' && n - i > 1) || (i && s[i] == '0')) return 0;
    for (; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* Proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's
 * civil_from_days). */
static void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long long)yoe + era * 400 + (*m <= 2);
}

/* Writes a date-formatted serial as ISO text. The 1900 system counts from
 * 1899-12-31 and keeps Lotus 1-2-3's phantom 1900-02-29 (serial 60), so
 * serials from 61 on count from 1899-12-30; the 1904 system counts from
 * 1904-01-01. A serial below 1 in the 1900 system is a time of day only.
 * Returns 0 for a serial no date can have (then it stays a number). */
static int format_serial(double serial, int date1904, char *out, size_t n)
{
    if (!(serial >= 0) || serial >= MAX_SERIAL) return 0;
    long long secs = llround(serial * 86400.0);
    long long days = secs / 86400;
    int tod = (int)(secs % 86400);
    char time[16] = "";
    if (tod) msgf(time, sizeof time, "%02d:%02d:%02d", tod / 3600, tod / 60 % 60, tod % 60);
    if (!date1904 && days == 0) {
        msgf(out, n, "%s", tod ? time : "00:00:00");
        return 1;
    }
    long long y = 1900;
    unsigned m = 2, d = 29;
    if (date1904 || days != 60) {
        long long unix_days = date1904 ? days - 24107 : days < 60 ? days + 1 - 25569 : days - 25569;
        civil_from_days(unix_days, &y, &m, &d);
    }
    msgf(out, n, "%04lld-%02u-%02u%s%s", y, m, d, tod ? " " : "", time);
    return 1;
}

/* Built-in number formats that show a date or a time, including the East
 * Asian locale ones (27-36, 50-58). */
static int builtin_format_is_date(long id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

/* 1 if a custom format code shows a date or time: it has a d, m, y, h or s
 * outside quoted text ("đ"), escapes (\d), padding and fill characters (_x,
 * *x) and brackets ([Red], [$-42A], [>=10]). "0.0%" and "#,##0" have none. */
static int format_code_is_date(const char *code)
{
    for (const char *p = code; *p; p++) {
        switch (*p) {
        case '"':
            p = strchr(p + 1, '"');
            if (!p) return 0;
            break;
        case '[':
            p = strchr(p + 1, ']');
            if (!p) return 0;
            break;
        case '\\':
        case '_':
        case '*':
            if (p[1]) p++;
            break;
        case 'd':
        case 'D':
        case 'm':
        case 'M':
        case 'y':
        case 'Y':
        case 'h':
        case 'H':
        case 's':
        case 'S':
            return 1;
        default:
            break;
        }
    }
    return 0;
}

/* Normalises an ISO 8601 cell of type "d" to the text date cells get:
 * "2025-01-05T10:20:30.000Z" -> "2025-01-05 10:20:30", a midnight time is
 * dropped. Anything else is kept as written. Returns the new length. */
static size_t normalize_iso(char *s, size_t n)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:dd";
    for (size_t i = 0; i < sizeof shape - 1; i++) {
        if (i >= n) return n;
        int ok = shape[i] == 'd' ? (s[i] >= '0' && s[i] <= '9') : s[i] == shape[i];
        if (!ok) return n;
    }
    if (memcmp(s + 11, "00:00:00", 8) == 0) return 10;
    s[10] = ' ';
    return 19;
}

/* ------------------------------------------------------------------ */
/* The book                                                             */

typedef struct sheet_info {
    char *name;
    char *rid;
    char *part; /* zip entry, NULL when the relationship is missing */
    int hidden;
} sheet_info;

struct xlsx_book {
    char *path;
    xlsx_limits lim;
    int refs; /* the caller's handle plus one per open source */
    int date1904;
    sheet_info *sheets;
    size_t nsheets, capsheets;
    /* shared strings: NUL-terminated texts back to back in one buffer */
    char *sst;
    size_t sst_len, sst_cap;
    size_t *sst_off;
    size_t nsst, sst_offcap;
    /* per cell style (cellXfs index): 1 if its number format is a date */
    unsigned char *xf_date;
    size_t nxf;
    locale_t cloc; /* "C" numeric locale for strtod and printf */
};

static const char *sst_text(const xlsx_book *b, size_t i, size_t *len)
{
    size_t end = i + 1 < b->nsst ? b->sst_off[i + 1] : b->sst_len;
    *len = end - b->sst_off[i] - 1;
    return b->sst + b->sst_off[i];
}

static int style_is_date(const xlsx_book *b, long s)
{
    return s >= 0 && (size_t)s < b->nxf && b->xf_date[s];
}

/* ------------------------------------------------------------------ */
/* Relationships (the .rels parts)                                      */

typedef struct rel {
    char *id, *type, *target;
} rel;

typedef struct rels_ctx {
    xml_ctx c;
    rel *v;
    size_t n, cap;
} rels_ctx;

static void XMLCALL rels_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    rels_ctx *r = user;
    if (!ctx_enter(&r->c) || strcmp(lname(name), "Relationship") != 0) return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
    const char *mode = attr(atts, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0)) return;
    if (r->n >= MAX_RELS) {
        ctx_abort(&r->c, FAIL_CORRUPT, "phần \"%s\" có quá nhiều liên kết", r->c.part_name);
        return;
    }
    rel *v = grow_array(r->v, &r->cap, r->n + 1, sizeof *v, MAX_RELS);
    if (!v) {
        ctx_nomem(&r->c);
        XML_StopParser(r->c.p, XML_FALSE);
        return;
    }
    r->v = v;
    rel *e = &v[r->n];
    e->id = xstrdup(id);
    e->type = xstrdup(type);
    e->target = xstrdup(target);
    r->n++;
    if (!e->id || !e->type || !e->target) {
        ctx_nomem(&r->c);
        XML_StopParser(r->c.p, XML_FALSE);
    }
}

static void XMLCALL rels_end(void *user, const XML_Char *name)
{
    (void)name;
    ctx_leave(user);
}

static void rels_free(rels_ctx *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].id);
        free(r->v[i].type);
        free(r->v[i].target);
    }
    free(r->v);
    xml_free(&r->c);
}

/* Parses the relationships part name; an absent part is an empty list. */
static int rels_load(rels_ctx *r, unzFile zip, const char *name, unsigned long long limit)
{
    memset(r, 0, sizeof *r);
    if (!xml_new(&r->c, name)) return -1;
    XML_SetElementHandler(r->c.p, rels_start, rels_end);
    return parse_part(zip, name, limit, &r->c);
}

static const rel *rels_by_id(const rels_ctx *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->v[i].id, id) == 0) return &r->v[i];
    return NULL;
}

/* The first relationship whose type ends with "/suffix" (transitional and
 * strict OOXML differ only in the namespace before it). */
static const rel *rels_by_type(const rels_ctx *r, const char *suffix)
{
    size_t m = strlen(suffix);
    for (size_t i = 0; i < r->n; i++) {
        size_t n = strlen(r->v[i].type);
        if (n > m && r->v[i].type[n - m - 1] == '/' && strcmp(r->v[i].type + n - m, suffix) == 0)
            return &r->v[i];
    }
    return NULL;
}

/* Resolves a relationship target into a zip entry name: an absolute target
 * ("/xl/worksheets/sheet1.xml") drops its '/', a relative one is taken
 * from dir (the source part's folder, "xl/"); "." and ".." collapse. */
static char *resolve_target(const char *dir, const char *target)
{
    const char *src = target[0] == '/' ? target + 1 : target;
    size_t dl = target[0] == '/' ? 0 : strlen(dir), tl = strlen(src);
    char *joined = malloc(dl + tl + 1), *out = malloc(dl + tl + 1);
    if (!joined || !out) {
        free(joined);
        free(out);
        return NULL;
    }
    /* the second copy brings src's NUL */
    memcpy(joined, dir, dl); // NOLINT(bugprone-not-null-terminated-result)
    memcpy(joined + dl, src, tl + 1);
    size_t w = 0;
    for (char *seg = joined; *seg;) {
        char *slash = strchr(seg, '/');
        size_t len = slash ? (size_t)(slash - seg) : strlen(seg);
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            while (w > 0 && out[w - 1] != '/')
                w--; /* drop "name/" ... */
            if (w > 0) w--;
            while (w > 0 && out[w - 1] != '/')
                w--;
        } else if (len > 0 && !(len == 1 && seg[0] == '.')) {
            memcpy(out + w, seg, len);
            w += len;
            if (slash) out[w++] = '/';
        }
        seg = slash ? slash + 1 : seg + len;
    }
    out[w] = '\0';
    free(joined);
    return out;
}

/* "xl/" for "xl/workbook.xml", "" for a part at the root. */
static char *part_dir(const char *part)
{
    const char *slash = strrchr(part, '/');
    size_t n = slash ? (size_t)(slash - part) + 1 : 0;
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, part, n);
        d[n] = '\0';
    }
    return d;
}

/* "xl/_rels/workbook.xml.rels" for "xl/workbook.xml". */
static char *rels_name_of(const char *part)
{
    const char *slash = strrchr(part, '/');
    size_t dl = slash ? (size_t)(slash - part) + 1 : 0;
    const char *base = part + dl;
    size_t n = dl + strlen("_rels/") + strlen(base) + strlen(".rels") + 1;
    char *s = malloc(n);
    if (s) msgf(s, n, "%.*s_rels/%s.rels", (int)dl, part, base);
    return s;
}

/* ------------------------------------------------------------------ */
/* Workbook (sheet list, date system)                                    */

typedef struct wb_ctx {
    xml_ctx c;
    xlsx_book *b;
    int in_sheets;
} wb_ctx;

static int add_sheet(wb_ctx *w, const char *name, const char *rid, const char *state)
{
    xlsx_book *b = w->b;
    if (b->nsheets >= MAX_SHEETS) {
        ctx_abort(&w->c, FAIL_CORRUPT, "sổ tính có quá nhiều trang tính");
        return 0;
    }
    sheet_info *v = grow_array(b->sheets, &b->capsheets, b->nsheets + 1, sizeof *v, MAX_SHEETS);
    if (!v) goto nomem;
    b->sheets = v;
    sheet_info *s = &v[b->nsheets];
    memset(s, 0, sizeof *s);
    b->nsheets++;
    s->name = xstrdup(name);
    s->rid = xstrdup(rid);
    s->hidden = state && (strcmp(state, "hidden") == 0 || strcmp(state, "veryHidden") == 0);
    if (s->name && s->rid) return 1;
nomem:
    ctx_nomem(&w->c);
    XML_StopParser(w->c.p, XML_FALSE);
    return 0;
}

static void XMLCALL wb_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    wb_ctx *w = user;
    if (!ctx_enter(&w->c)) return;
    const char *ln = lname(name);
    if (strcmp(ln, "workbookPr") == 0) {
        const char *v = attr(atts, "date1904");
        w->b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(ln, "sheets") == 0) {
        w->in_sheets = 1;
    } else if (w->in_sheets && strcmp(ln, "sheet") == 0) {
        const char *sname = attr(atts, "name"), *rid = attr_rid(atts);
        if (!sname || !rid) {
            ctx_abort(&w->c, FAIL_CORRUPT, "một trang tính trong \"%s\" thiếu tên hoặc liên kết",
                      w->c.part_name);
            return;
        }
        add_sheet(w, sname, rid, attr(atts, "state"));
    }
}

static void XMLCALL wb_end(void *user, const XML_Char *name)
{
    wb_ctx *w = user;
    ctx_leave(&w->c);
    if (strcmp(lname(name), "sheets") == 0) w->in_sheets = 0;
}

/* ------------------------------------------------------------------ */
/* Styles: which cell formats show dates                                */

typedef struct numfmt {
    long id;
    int is_date;
} numfmt;

typedef struct styles_ctx {
    xml_ctx c;
    int in_cellxfs;
    numfmt *fmts;
    size_t nfmt, capfmt;
    long *xf_fmt; /* numFmtId of each cellXfs entry */
    size_t nxf, capxf;
} styles_ctx;

static long attr_long(const XML_Char **atts, const char *key, long dflt)
{
    const char *v = attr(atts, key);
    if (!v) return dflt;
    char *end;
    long n = strtol(v, &end, 10);
    return end != v && *end == '\0' ? n : dflt;
}

static void XMLCALL styles_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    styles_ctx *st = user;
    if (!ctx_enter(&st->c)) return;
    const char *ln = lname(name);
    if (strcmp(ln, "cellXfs") == 0) {
        st->in_cellxfs = 1;
    } else if (strcmp(ln, "numFmt") == 0 && st->nfmt < MAX_NUMFMTS) {
        const char *code = attr(atts, "formatCode");
        numfmt *v = grow_array(st->fmts, &st->capfmt, st->nfmt + 1, sizeof *v, MAX_NUMFMTS);
        if (!v) goto nomem;
        st->fmts = v;
        v[st->nfmt].id = attr_long(atts, "numFmtId", -1);
        v[st->nfmt].is_date = code && format_code_is_date(code);
        st->nfmt++;
    } else if (st->in_cellxfs && strcmp(ln, "xf") == 0 && st->nxf < MAX_XFS) {
        long *v = grow_array(st->xf_fmt, &st->capxf, st->nxf + 1, sizeof *v, MAX_XFS);
        if (!v) goto nomem;
        st->xf_fmt = v;
        v[st->nxf++] = attr_long(atts, "numFmtId", 0);
    }
    return;
nomem:
    ctx_nomem(&st->c);
    XML_StopParser(st->c.p, XML_FALSE);
}

static void XMLCALL styles_end(void *user, const XML_Char *name)
{
    styles_ctx *st = user;
    ctx_leave(&st->c);
    if (strcmp(lname(name), "cellXfs") == 0) st->in_cellxfs = 0;
}

/* A custom format with the same id overrides the built-in one. */
static int numfmt_is_date(const styles_ctx *st, long id)
{
    for (size_t i = 0; i < st->nfmt; i++)
        if (st->fmts[i].id == id) return st->fmts[i].is_date;
    return builtin_format_is_date(id);
}

static int styles_finish(styles_ctx *st, xlsx_book *b)
{
    if (st->nxf == 0) return 1;
    b->xf_date = malloc(st->nxf);
    if (!b->xf_date) {
        ctx_nomem(&st->c);
        return 0;
    }
    for (size_t i = 0; i < st->nxf; i++)
        b->xf_date[i] = (unsigned char)numfmt_is_date(st, st->xf_fmt[i]);
    b->nxf = st->nxf;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Shared strings                                                       */

typedef struct sst_ctx {
    xml_ctx c;
    xlsx_book *b;
    int in_si, in_t, rph;
    size_t start; /* offset of the string being read */
} sst_ctx;

static void sst_too_big(sst_ctx *x)
{
    char lim[64];
    size_text(x->b->lim.max_shared_bytes, lim, sizeof lim);
    ctx_abort(&x->c, FAIL_PLAIN, "bảng chuỗi dùng chung vượt quá giới hạn %s", lim);
}

static int sst_append(sst_ctx *x, const char *s, size_t n)
{
    xlsx_book *b = x->b;
    size_t max = b->lim.max_shared_bytes;
    if (n > max || b->sst_len + 1 > max - n) { /* + 1: the NUL */
        sst_too_big(x);
        return 0;
    }
    char *v = grow_array(b->sst, &b->sst_cap, b->sst_len + n + 1, 1, max);
    if (!v) {
        ctx_nomem(&x->c);
        XML_StopParser(x->c.p, XML_FALSE);
        return 0;
    }
    b->sst = v;
    memcpy(v + b->sst_len, s, n);
    b->sst_len += n;
    return 1;
}

/* Ends one <si>: decodes escapes, terminates, records its offset. */
static void sst_commit(sst_ctx *x)
{
    xlsx_book *b = x->b;
    if (b->nsst >= b->lim.max_shared_strings) {
        ctx_abort(&x->c, FAIL_PLAIN, "có quá nhiều chuỗi dùng chung (hơn %zu)",
                  b->lim.max_shared_strings);
        return;
    }
    if (!sst_append(x, "", 0)) return; /* makes room for the NUL */
    size_t n = decode_xesc(b->sst + x->start, b->sst_len - x->start);
    b->sst_len = x->start + n;
    b->sst[b->sst_len++] = '\0';
    size_t *v =
        grow_array(b->sst_off, &b->sst_offcap, b->nsst + 1, sizeof *v, b->lim.max_shared_strings);
    if (!v) {
        ctx_nomem(&x->c);
        XML_StopParser(x->c.p, XML_FALSE);
        return;
    }
    b->sst_off = v;
    v[b->nsst++] = x->start;
}

static void XMLCALL sst_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    sst_ctx *x = user;
    if (!ctx_enter(&x->c)) return;
    const char *ln = lname(name);
    if (strcmp(ln, "si") == 0) {
        x->in_si = 1;
        x->rph = 0;
        x->start = x->b->sst_len;
    } else if (x->in_si && strcmp(ln, "rPh") == 0) {
        x->rph++; /* phonetic guide (furigana): not part of the text */
    } else if (x->in_si && x->rph == 0 && strcmp(ln, "t") == 0) {
        x->in_t = 1;
    }
}

static void XMLCALL sst_end(void *user, const XML_Char *name)
{
    sst_ctx *x = user;
    ctx_leave(&x->c);
    const char *ln = lname(name);
    if (strcmp(ln, "t") == 0) {
        x->in_t = 0;
    } else if (x->in_si && strcmp(ln, "rPh") == 0) {
        x->rph--;
    } else if (strcmp(ln, "si") == 0 && x->in_si) {
        x->in_si = 0;
        sst_commit(x);
    }
}

static void XMLCALL sst_chars(void *user, const XML_Char *s, int len)
{
    sst_ctx *x = user;
    x->c.events++;
    if (x->in_t && len > 0) sst_append(x, s, (size_t)len);
}

/* ------------------------------------------------------------------ */
/* Opening the book                                                     */

static void book_free(xlsx_book *b)
{
    for (size_t i = 0; i < b->nsheets; i++) {
        free(b->sheets[i].name);
        free(b->sheets[i].rid);
        free(b->sheets[i].part);
    }
    free(b->sheets);
    free(b->sst);
    free(b->sst_off);
    free(b->xf_date);
    if (b->cloc) freelocale(b->cloc);
    free(b->path);
    free(b);
}

static void book_unref(xlsx_book *b)
{
    if (b && --b->refs == 0) book_free(b);
}

/* Where the workbook part is: the officeDocument relationship of the
 * package, or the usual name when the package says nothing. */
static char *find_workbook(unzFile zip, const xlsx_book *b, xml_ctx *c)
{
    rels_ctx r;
    char *wb = NULL;
    if (rels_load(&r, zip, "_rels/.rels", b->lim.max_uncompressed) < 0) {
        *c = r.c;
        c->p = NULL;
    } else {
        const rel *e = rels_by_type(&r, "officeDocument");
        wb = resolve_target("", e ? e->target : WORKBOOK_DEFAULT);
        if (!wb) ctx_nomem(c);
    }
    rels_free(&r);
    return wb;
}

static int load_workbook(xlsx_book *b, unzFile zip, const char *wb_part, xml_ctx *c)
{
    wb_ctx w;
    memset(&w, 0, sizeof w);
    w.b = b;
    int r = -1;
    if (xml_new(&w.c, wb_part)) {
        XML_SetElementHandler(w.c.p, wb_start, wb_end);
        r = parse_part(zip, wb_part, b->lim.max_uncompressed, &w.c);
        if (r == 0) ctx_set(&w.c, FAIL_CORRUPT, "thiếu phần \"%s\"", wb_part);
    }
    if (r <= 0) {
        *c = w.c;
        c->p = NULL;
    }
    xml_free(&w.c);
    return r > 0;
}

typedef struct part_use {
    const char *part, *sheet;
} part_use;

static int cmp_part(const void *a, const void *b)
{
    return strcmp(((const part_use *)a)->part, ((const part_use *)b)->part);
}

/* Two sheets on one part: a real workbook never has them, and a crafted one
 * lists one part thousands of times to multiply its rows (a 46 KB file
 * then filled gigabytes). Sorted, so that many sheets stay cheap. Returns
 * 1, or 0 with the failure in c. */
static int check_distinct_parts(const xlsx_book *b, xml_ctx *c)
{
    size_t n = 0;
    part_use *v = malloc((b->nsheets ? b->nsheets : 1) * sizeof *v);
    if (!v) {
        ctx_nomem(c);
        return 0;
    }
    for (size_t i = 0; i < b->nsheets; i++)
        if (b->sheets[i].part) {
            v[n].part = b->sheets[i].part;
            v[n++].sheet = b->sheets[i].name ? b->sheets[i].name : "?";
        }
    qsort(v, n, sizeof *v, cmp_part);
    for (size_t i = 1; i < n; i++)
        if (strcmp(v[i - 1].part, v[i].part) == 0) {
            ctx_set(c, FAIL_CORRUPT, "hai trang tính \"%s\" và \"%s\" cùng trỏ tới phần \"%s\"",
                    v[i - 1].sheet, v[i].sheet, v[i].part);
            free(v);
            return 0;
        }
    free(v);
    return 1;
}

/* Resolves every sheet's relationship to its zip entry and returns the
 * shared strings and styles parts (defaults when not declared). */
static int load_workbook_rels(xlsx_book *b, unzFile zip, const char *wb_part, char **sst_part,
                              char **styles_part, xml_ctx *c)
{
    char *rels_name = rels_name_of(wb_part), *dir = part_dir(wb_part);
    rels_ctx r;
    int ok = 0;
    memset(&r, 0, sizeof r);
    if (!rels_name || !dir) {
        ctx_nomem(c);
        goto out;
    }
    int found = rels_load(&r, zip, rels_name, b->lim.max_uncompressed);
    if (found <= 0) {
        *c = r.c;
        c->p = NULL;
        if (found == 0) ctx_set(c, FAIL_CORRUPT, "thiếu phần \"%s\"", rels_name);
        goto out;
    }
    for (size_t i = 0; i < b->nsheets; i++) {
        const rel *e = rels_by_id(&r, b->sheets[i].rid);
        if (e && !(b->sheets[i].part = resolve_target(dir, e->target))) goto nomem;
    }
    if (!check_distinct_parts(b, c)) goto out;
    const rel *s = rels_by_type(&r, "sharedStrings"), *st = rels_by_type(&r, "styles");
    *sst_part = resolve_target(dir, s ? s->target : "sharedStrings.xml");
    *styles_part = resolve_target(dir, st ? st->target : "styles.xml");
    if (!*sst_part || !*styles_part) goto nomem;
    ok = 1;
    goto out;
nomem:
    ctx_nomem(c);
out:
    rels_free(&r);
    free(rels_name);
    free(dir);
    return ok;
}

static int load_styles(xlsx_book *b, unzFile zip, const char *name, xml_ctx *c)
{
    styles_ctx st;
    memset(&st, 0, sizeof st);
    int ok = xml_new(&st.c, name);
    if (ok) {
        XML_SetElementHandler(st.c.p, styles_start, styles_end);
        ok = parse_part(zip, name, b->lim.max_uncompressed, &st.c) >= 0 && styles_finish(&st, b);
    }
    if (!ok) {
        *c = st.c;
        c->p = NULL;
    }
    xml_free(&st.c);
    free(st.fmts);
    free(st.xf_fmt);
    return ok;
}

static int load_shared_strings(xlsx_book *b, unzFile zip, const char *name, xml_ctx *c)
{
    sst_ctx x;
    memset(&x, 0, sizeof x);
    x.b = b;
    int ok = xml_new(&x.c, name);
    if (ok) {
        XML_SetElementHandler(x.c.p, sst_start, sst_end);
        XML_SetCharacterDataHandler(x.c.p, sst_chars);
        ok = parse_part(zip, name, b->lim.max_uncompressed, &x.c) >= 0;
    }
    if (!ok) {
        *c = x.c;
        c->p = NULL;
    }
    xml_free(&x.c);
    return ok;
}

/* Reads every book-level part; c holds the cause on failure. */
static int load_book(xlsx_book *b, unzFile zip, xml_ctx *c)
{
    char *wb = find_workbook(zip, b, c), *sst = NULL, *styles = NULL;
    int ok = wb && load_workbook(b, zip, wb, c) &&
             load_workbook_rels(b, zip, wb, &sst, &styles, c) && load_styles(b, zip, styles, c) &&
             load_shared_strings(b, zip, sst, c);
    free(wb);
    free(sst);
    free(styles);
    return ok;
}

static void book_message(const char *path, const xml_ctx *c, char *err, size_t errlen)
{
    if (c->kind == FAIL_PLAIN)
        msgf(err, errlen, "Tệp \"%s\": %s.", path, c->detail);
    else if (c->detail[0])
        msgf(err, errlen, "Tệp \"%s\" không phải tệp Excel (.xlsx) hợp lệ hoặc đã bị hỏng: %s.",
             path, c->detail);
    else
        msgf(err, errlen, "Tệp \"%s\" không phải tệp Excel (.xlsx) hợp lệ hoặc đã bị hỏng.", path);
}

static const char *errno_text(int e)
{
    switch (e) {
    case ENOENT:
        return "tệp không tồn tại";
    case EACCES:
    case EPERM:
        return "không có quyền đọc tệp";
    case EISDIR:
        return "đây là một thư mục, không phải tệp";
    case ENOMEM:
        return "không đủ bộ nhớ";
    default:
        return "lỗi hệ thống khi đọc tệp";
    }
}

/* Checks that path can be read and looks at its first bytes, to tell the
 * common mistakes (missing file, old .xls, password-protected workbook,
 * another file renamed) apart before minizip says only "not a zip". */
static int sniff_file(const char *path, char *err, size_t errlen)
{
    static const unsigned char ole2[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    FILE *f = fopen(path, "rb");
    if (!f) {
        msgf(err, errlen, "Không mở được tệp \"%s\": %s.", path, errno_text(errno));
        return 0;
    }
    unsigned char magic[8];
    size_t n = fread(magic, 1, sizeof magic, f);
    int read_error = ferror(f), e = errno;
    fclose(f);
    xml_ctx c;
    memset(&c, 0, sizeof c);
    if (read_error) {
        msgf(err, errlen, "Không mở được tệp \"%s\": %s.", path, errno_text(e));
        return 0;
    }
    if (n == sizeof ole2 && memcmp(magic, ole2, n) == 0) {
        msgf(err, errlen,
             "Tệp \"%s\" là tệp Excel 97-2003 (.xls) hoặc tệp Excel có đặt mật khẩu; hãy mở tệp "
             "bằng "
             "Excel và lưu lại dưới dạng .xlsx không đặt mật khẩu.",
             path);
        return 0;
    }
    if (n == 0) ctx_set(&c, FAIL_CORRUPT, "tệp rỗng");
    if (n < 4 || memcmp(magic, "PK\3\4", 4) != 0) {
        book_message(path, &c, err, errlen);
        return 0;
    }
    return 1;
}

static void set_limits(xlsx_limits *dst, const xlsx_limits *src)
{
    dst->max_uncompressed =
        src && src->max_uncompressed ? src->max_uncompressed : XLSX_DEFAULT_MAX_UNCOMPRESSED;
    dst->max_shared_strings =
        src && src->max_shared_strings ? src->max_shared_strings : XLSX_DEFAULT_MAX_SHARED_STRINGS;
    dst->max_shared_bytes =
        src && src->max_shared_bytes ? src->max_shared_bytes : XLSX_DEFAULT_MAX_SHARED_BYTES;
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcasecmp(s + n - m, suf) == 0;
}

int xlsx_is_workbook_path(const char *path)
{
    return has_suffix(path, ".xlsx") || has_suffix(path, ".xlsm");
}

xlsx_book *xlsx_open(const char *path, const xlsx_limits *lim, char *err, size_t errlen)
{
    if (err && errlen) err[0] = '\0';
    if (!path || !sniff_file(path, err, errlen)) return NULL;
    xlsx_book *b = calloc(1, sizeof *b);
    if (b && !(b->path = xstrdup(path))) {
        free(b);
        b = NULL;
    }
    if (!b) {
        msgf(err, errlen, "Không mở được tệp \"%s\": không đủ bộ nhớ.", path);
        return NULL;
    }
    b->refs = 1;
    b->cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    set_limits(&b->lim, lim);
    xml_ctx c;
    memset(&c, 0, sizeof c);
    unzFile zip = unzOpen64(path);
    int ok = zip && load_book(b, zip, &c);
    if (zip) unzClose(zip);
    if (!ok) {
        book_message(path, &c, err, errlen);
        book_free(b);
        return NULL;
    }
    return b;
}

size_t xlsx_sheet_count(const xlsx_book *b)
{
    return b ? b->nsheets : 0;
}

const char *xlsx_sheet_name(const xlsx_book *b, size_t i)
{
    return b && i < b->nsheets ? b->sheets[i].name : NULL;
}

int xlsx_sheet_hidden(const xlsx_book *b, size_t i)
{
    return b && i < b->nsheets && b->sheets[i].hidden;
}

void xlsx_close(xlsx_book *b)
{
    book_unref(b);
}

/* ------------------------------------------------------------------ */
/* Streaming a worksheet                                                */

enum cell_type { CT_NUMBER, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR, CT_DATE };

/* Where a cell's text is: in the shared strings (ext) or in the row arena
 * at off (which may move while the row grows). */
typedef struct cref {
    const char *ext;
    size_t off, len;
} cref;

typedef struct sheet_src {
    row_source base; /* first: row_source * is cast back to sheet_src * */
    xml_ctx c;
    xlsx_book *b;
    char *sheet; /* sheet name, for messages */
    unzFile zip; /* a handle of its own, so several sheets can be open */
    part pt;
    int suspended, final_sent, finished, failed;
    /* parse state */
    int in_data, in_row, in_cell, in_is, rph, collect;
    long row_num, prev_row, col, last_col, style;
    int ctype;
    char *cbuf; /* text of the current cell */
    size_t clen, ccap;
    char *arena; /* texts of the current row */
    size_t alen, acap;
    cref *refs; /* per column of the current row */
    size_t nrefs, caprefs;
    const char **cells; /* the row handed out */
    size_t *lens;
    size_t capout;
    int row_ready;
} sheet_src;

#define SHEET_OF(user) ((sheet_src *)((char *)(user)-offsetof(sheet_src, c)))

/* "B" for column 2, "XFD" for 16384. */
static void column_name(long col, char out[4])
{
    char tmp[4];
    int n = 0;
    while (col > 0 && n < 3) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* Aborts the sheet with a message about the current cell. */
#define cell_abort(s, fmt, ...)                                                                    \
    do {                                                                                           \
        char cn_[4];                                                                               \
        column_name((s)->col, cn_);                                                                \
        ctx_abort(&(s)->c, FAIL_PLAIN, "ô %s%ld: " fmt, cn_, (s)->row_num, __VA_ARGS__);           \
    } while (0)

/* Row number of an "r" attribute: 1..1048576, or 0 if malformed. */
static long parse_row_ref(const char *r)
{
    long n = 0;
    if (!*r) return 0;
    for (; *r; r++) {
        if (*r < '0' || *r > '9') return 0;
        n = n * 10 + (*r - '0');
        if (n > MAX_ROWS) return 0;
    }
    return n;
}

/* Column of a cell reference "B7" (1-based), or 0 if malformed. */
static long parse_cell_ref(const char *r)
{
    long col = 0;
    int letters = 0;
    for (; (*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z'); r++) {
        if (++letters > 3) return 0;
        col = col * 26 + ((*r | 0x20) - 'a' + 1);
    }
    if (letters == 0 || col > MAX_COLS) return 0;
    return *r == '\0' || parse_row_ref(r) ? col : 0;
}

/* The CT_ type named by a cell's "t" attribute, -1 if unknown. */
static int cell_type_of(const char *t)
{
    switch (t[0]) {
    case 'n':
        return t[1] ? -1 : CT_NUMBER;
    case 's':
        return !t[1] ? CT_SHARED : name_is(t, "str") ? CT_STR : -1;
    case 'i':
        return name_is(t, "inlineStr") ? CT_INLINE : -1;
    case 'b':
        return t[1] ? -1 : CT_BOOL;
    case 'e':
        return t[1] ? -1 : CT_ERROR;
    case 'd':
        return t[1] ? -1 : CT_DATE;
    default:
        return -1;
    }
}

static void row_begin(sheet_src *s, const XML_Char **atts)
{
    const char *r = attr(atts, "r");
    /* no "r": the row after the previous one */
    long n = r ? parse_row_ref(r) : s->prev_row < MAX_ROWS ? s->prev_row + 1 : 0;
    if (n == 0) {
        if (r)
            ctx_abort(&s->c, FAIL_CORRUPT, "số thứ tự dòng \"%.*s\" không hợp lệ",
                      quote_len(r, strlen(r), 20), r);
        else
            ctx_abort(&s->c, FAIL_CORRUPT, "trang tính có quá %ld dòng", MAX_ROWS);
        return;
    }
    s->row_num = n;
    s->in_row = 1;
    s->nrefs = 0;
    s->alen = 0;
    s->last_col = 0;
}

static void cell_begin(sheet_src *s, const XML_Char **atts)
{
    /* one pass for the one-letter attributes r, t, s (expat refuses
     * repeated attributes, so the first is the only one) */
    const char *r = NULL, *t = NULL, *st = NULL;
    for (const XML_Char **a = atts; a[0]; a += 2) {
        if (!a[0][0] || a[0][1]) continue;
        if (a[0][0] == 'r')
            r = a[1];
        else if (a[0][0] == 't')
            t = a[1];
        else if (a[0][0] == 's')
            st = a[1];
    }
    long col = r ? parse_cell_ref(r) : s->last_col + 1; /* no "r": the next column */
    if (col == 0 || col > MAX_COLS) {
        if (r)
            ctx_abort(&s->c, FAIL_CORRUPT, "tham chiếu ô \"%.*s\" không hợp lệ",
                      quote_len(r, strlen(r), 20), r);
        else
            ctx_abort(&s->c, FAIL_CORRUPT, "dòng có quá %ld ô", MAX_COLS);
        return;
    }
    s->col = col;
    s->ctype = t ? cell_type_of(t) : CT_NUMBER; /* no "t": a number */
    if (s->ctype < 0) {
        cell_abort(s, "kiểu ô \"%.*s\" không hợp lệ", quote_len(t, strlen(t), 20), t);
        return;
    }
    s->style = 0;
    if (st) {
        char *end;
        long n = strtol(st, &end, 10);
        if (end != st && *end == '\0') s->style = n;
    }
    s->in_cell = 1;
    s->in_is = 0;
    s->rph = 0;
    s->collect = 0;
    s->clen = 0;
}

/* The slot of column s->col in the row, growing it; NULL when out of
 * memory (the parse is stopped). */
static cref *col_slot(sheet_src *s)
{
    if ((size_t)s->col > s->nrefs) {
        cref *v = grow_array(s->refs, &s->caprefs, (size_t)s->col, sizeof *v, (size_t)MAX_COLS);
        if (!v) {
            ctx_nomem(&s->c);
            XML_StopParser(s->c.p, XML_FALSE);
            return NULL;
        }
        s->refs = v;
        for (size_t i = s->nrefs; i < (size_t)s->col; i++)
            v[i] = (cref){"", 0, 0};
        s->nrefs = (size_t)s->col;
    }
    return &s->refs[s->col - 1];
}

/* Records a shared string (it outlives the row) for column s->col. */
static int put_shared(sheet_src *s, const char *text, size_t n)
{
    if (n == 0) return 1; /* empty cells only matter as gaps */
    cref *ref = col_slot(s);
    if (!ref) return 0;
    *ref = (cref){text, 0, n};
    return 1;
}

/* Copies a value into the row arena and records it for column s->col. */
static int put_value(sheet_src *s, const char *text, size_t n)
{
    if (n == 0) return 1; /* empty cells only matter as gaps */
    cref *ref = col_slot(s);
    if (!ref) return 0;
    if (s->alen + n + 1 > XLSX_MAX_ROW_BYTES) {
        ctx_abort(&s->c, FAIL_PLAIN, "dòng %ld: nội dung dòng dài quá %zu MiB", s->row_num,
                  XLSX_MAX_ROW_BYTES >> 20);
        return 0;
    }
    char *a = grow_array(s->arena, &s->acap, s->alen + n + 1, 1, XLSX_MAX_ROW_BYTES);
    if (!a) {
        ctx_nomem(&s->c);
        XML_StopParser(s->c.p, XML_FALSE);
        return 0;
    }
    s->arena = a;
    memcpy(a + s->alen, text, n);
    a[s->alen + n] = '\0';
    *ref = (cref){NULL, s->alen, n};
    s->alen += n + 1;
    return 1;
}

/* A shared string index: decimal digits, surrounding white space allowed. */
static int parse_index(const char *s, unsigned long long *out)
{
    while (is_xml_space(*s))
        s++;
    if (*s < '0' || *s > '9') return 0;
    char *end;
    errno = 0;
    *out = strtoull(s, &end, 10);
    while (is_xml_space(*end))
        end++;
    return *end == '\0' && errno == 0;
}

static void shared_value(sheet_src *s)
{
    unsigned long long i;
    if (!parse_index(s->cbuf, &i)) {
        cell_abort(s, "chỉ số chuỗi dùng chung \"%.*s\" không hợp lệ",
                   quote_len(s->cbuf, s->clen, 40), s->cbuf);
        return;
    }
    if (i >= s->b->nsst) {
        cell_abort(s, "tham chiếu chuỗi dùng chung số %llu nhưng tệp chỉ có %zu chuỗi", i,
                   s->b->nsst);
        return;
    }
    size_t len;
    const char *text = sst_text(s->b, (size_t)i, &len);
    put_shared(s, text, len);
}

static void number_value(sheet_src *s)
{
    char out[64];
    double v;
    int date = style_is_date(s->b, s->style);
    if (!date && is_plain_integer(s->cbuf, s->clen)) {
        put_value(s, s->cbuf, s->clen);
        return;
    }
    if (!parse_number(s->cbuf, s->b->cloc, &v)) {
        cell_abort(s, "giá trị số \"%.*s\" không hợp lệ", quote_len(s->cbuf, s->clen, 40), s->cbuf);
        return;
    }
    if (!date || !format_serial(v, s->b->date1904, out, sizeof out))
        format_number(v, s->b->cloc, out, sizeof out);
    put_value(s, out, strlen(out));
}

static void bool_value(sheet_src *s)
{
    const char *v = s->cbuf;
    if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
        put_value(s, "TRUE", 4);
    else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
        put_value(s, "FALSE", 5);
    else
        cell_abort(s, "giá trị đúng/sai \"%.*s\" không hợp lệ", quote_len(s->cbuf, s->clen, 40),
                   s->cbuf);
}

/* Turns the text gathered for the cell into its value. */
static void cell_end(sheet_src *s)
{
    s->in_cell = 0;
    s->last_col = s->col;
    if (s->clen == 0) return;
    switch (s->ctype) {
    case CT_SHARED:
        shared_value(s);
        break;
    case CT_NUMBER:
        number_value(s);
        break;
    case CT_BOOL:
        bool_value(s);
        break;
    case CT_DATE:
        put_value(s, s->cbuf, normalize_iso(s->cbuf, s->clen));
        break;
    case CT_ERROR:
        put_value(s, s->cbuf, s->clen);
        break;
    default: /* inline string, formula string */
        put_value(s, s->cbuf, decode_xesc(s->cbuf, s->clen));
        break;
    }
}

/* Ends a row: a row with any value is handed out by suspending the parser
 * (next() resumes it), so only one row is ever held. */
static void row_end(sheet_src *s)
{
    s->in_row = 0;
    s->prev_row = s->row_num;
    if (s->nrefs == 0) return; /* all empty: skipped */
    if (s->nrefs > s->capout) {
        const char **c = realloc((void *)s->cells, s->nrefs * sizeof *c);
        if (c) s->cells = c;
        size_t *l = realloc(s->lens, s->nrefs * sizeof *l);
        if (l) s->lens = l;
        if (!c || !l) {
            ctx_nomem(&s->c);
            XML_StopParser(s->c.p, XML_FALSE);
            return;
        }
        s->capout = s->nrefs;
    }
    for (size_t i = 0; i < s->nrefs; i++) {
        s->cells[i] = s->refs[i].ext ? s->refs[i].ext : s->arena + s->refs[i].off;
        s->lens[i] = s->refs[i].len;
    }
    s->row_ready = 1;
    XML_StopParser(s->c.p, XML_TRUE);
}

static void XMLCALL sheet_start(void *user, const XML_Char *name, const XML_Char **atts)
{
    sheet_src *s = SHEET_OF(user);
    if (!ctx_enter(&s->c)) return;
    const char *ln = lname(name);
    if (!s->in_data) {
        if (name_is(ln, "sheetData")) s->in_data = 1;
    } else if (!s->in_row) {
        if (name_is(ln, "row")) row_begin(s, atts);
    } else if (!s->in_cell) {
        if (name_is(ln, "c")) cell_begin(s, atts);
    } else if (name_is(ln, "v")) {
        s->collect = s->ctype != CT_INLINE;
    } else if (name_is(ln, "is")) {
        s->in_is = 1;
    } else if (s->in_is && name_is(ln, "rPh")) {
        s->rph++; /* phonetic guide: not part of the text */
    } else if (s->in_is && s->rph == 0 && name_is(ln, "t")) {
        s->collect = 1;
    }
}

static void XMLCALL sheet_end(void *user, const XML_Char *name)
{
    sheet_src *s = SHEET_OF(user);
    ctx_leave(&s->c);
    const char *ln = lname(name);
    if (s->in_cell) {
        if (name_is(ln, "c"))
            cell_end(s);
        else if (name_is(ln, "v") || name_is(ln, "t"))
            s->collect = 0;
        else if (name_is(ln, "rPh") && s->rph > 0)
            s->rph--;
        else if (name_is(ln, "is"))
            s->in_is = 0;
    } else if (s->in_row) {
        if (name_is(ln, "row")) row_end(s);
    } else if (s->in_data && name_is(ln, "sheetData")) {
        s->in_data = 0;
    }
}

static void XMLCALL sheet_chars(void *user, const XML_Char *text, int len)
{
    sheet_src *s = SHEET_OF(user);
    s->c.events++;
    if (!s->collect || len <= 0) return;
    size_t n = (size_t)len;
    if (s->clen + n > XLSX_MAX_CELL_BYTES) {
        cell_abort(s, "nội dung ô dài quá %zu MiB", XLSX_MAX_CELL_BYTES >> 20);
        return;
    }
    char *v = grow_array(s->cbuf, &s->ccap, s->clen + n + 1, 1, XLSX_MAX_CELL_BYTES + 1);
    if (!v) {
        ctx_nomem(&s->c);
        XML_StopParser(s->c.p, XML_FALSE);
        return;
    }
    s->cbuf = v;
    memcpy(v + s->clen, text, n);
    s->clen += n;
    v[s->clen] = '\0';
}

/* Formats the failure into base.err; every later next() repeats it. */
static int sheet_fail(sheet_src *s)
{
    char where[48] = "";
    if (s->in_row)
        msgf(where, sizeof where, ", dòng %ld", s->row_num);
    else if (s->prev_row > 0)
        msgf(where, sizeof where, ", sau dòng %ld", s->prev_row);
    if (s->c.kind == FAIL_NONE) ctx_set(&s->c, FAIL_CORRUPT, "lỗi không xác định");
    msgf(s->base.err, sizeof s->base.err, "Tệp \"%s\", trang tính \"%s\"%s: %s%s.", s->b->path,
         s->sheet, where, s->c.detail, s->c.kind == FAIL_CORRUPT ? "; tệp có thể đã bị hỏng" : "");
    s->failed = 1;
    return ROW_ERROR;
}

/* One step of the parser: resumes it after a row, or feeds it the next
 * chunk (the empty final chunk at the end of the part). */
static enum XML_Status sheet_step(sheet_src *s)
{
    if (s->suspended) return XML_ResumeParser(s->c.p);
    void *buf = XML_GetBuffer(s->c.p, (int)CHUNK);
    if (!buf) {
        ctx_nomem(&s->c);
        return XML_STATUS_ERROR;
    }
    long n = part_read(&s->pt, buf, CHUNK, &s->c);
    if (n < 0) return XML_STATUS_ERROR;
    if (n == 0) s->final_sent = 1;
    enum XML_Status st = XML_ParseBuffer(s->c.p, (int)n, n == 0);
    if (st != XML_STATUS_ERROR && quiet_exceeded(&s->c, (size_t)n)) return XML_STATUS_ERROR;
    return st;
}

static int sheet_next(row_source *src, row *out)
{
    sheet_src *s = (sheet_src *)src;
    if (s->failed) return ROW_ERROR;
    if (s->finished) return ROW_END;
    s->row_ready = 0;
    for (;;) {
        enum XML_Status st = sheet_step(s);
        if (st == XML_STATUS_ERROR) {
            if (s->c.kind == FAIL_NONE) xml_error(&s->c);
            return sheet_fail(s);
        }
        s->suspended = st == XML_STATUS_SUSPENDED;
        if (s->row_ready) {
            out->ncells = s->nrefs;
            out->cells = s->cells;
            out->lens = s->lens;
            out->line = s->row_num;
            return ROW_OK;
        }
        if (!s->suspended && s->final_sent) {
            s->finished = 1;
            return ROW_END;
        }
    }
}

static void sheet_close(row_source *src)
{
    sheet_src *s = (sheet_src *)src;
    if (!s) return;
    part_close(&s->pt);
    if (s->zip) unzClose(s->zip);
    xml_free(&s->c);
    free(s->cbuf);
    free(s->arena);
    free(s->refs);
    free((void *)s->cells);
    free(s->lens);
    free(s->sheet);
    book_unref(s->b);
    free(s);
}

/* Opens the sheet's part on a fresh handle; c holds the cause on failure. */
static int sheet_open_part(sheet_src *s, const sheet_info *si)
{
    if (!si->part) {
        ctx_set(&s->c, FAIL_CORRUPT, "thiếu liên kết tới dữ liệu của trang tính \"%s\"", si->name);
        return 0;
    }
    s->zip = unzOpen64(s->b->path);
    if (!s->zip) {
        ctx_set(&s->c, FAIL_CORRUPT, "không mở lại được tệp nén");
        return 0;
    }
    int r = part_open(&s->pt, s->zip, si->part, s->b->lim.max_uncompressed, &s->c);
    if (r == 0) ctx_set(&s->c, FAIL_CORRUPT, "thiếu phần \"%s\"", si->part);
    return r > 0;
}

row_source *xlsx_sheet_rows(xlsx_book *b, size_t i, char *err, size_t errlen)
{
    if (err && errlen) err[0] = '\0';
    if (!b || i >= b->nsheets) {
        msgf(err, errlen, "Tệp \"%s\" không có trang tính số %zu.", b ? b->path : "", i + 1);
        return NULL;
    }
    const sheet_info *si = &b->sheets[i];
    sheet_src *s = calloc(1, sizeof *s);
    if (!s || !(s->sheet = xstrdup(si->name))) {
        free(s);
        msgf(err, errlen, "Tệp \"%s\": không đủ bộ nhớ.", b->path);
        return NULL;
    }
    s->b = b;
    b->refs++;
    s->base.next = sheet_next;
    s->base.close = sheet_close;
    msgf(s->base.name, sizeof s->base.name, "%s [%s]", b->path, si->name);
    int ok = sheet_open_part(s, si) && xml_new(&s->c, si->part);
    if (!ok) {
        xml_ctx c = s->c;
        c.p = NULL;
        if (c.kind == FAIL_PLAIN)
            msgf(err, errlen, "Tệp \"%s\", trang tính \"%s\": %s.", b->path, si->name, c.detail);
        else
            book_message(b->path, &c, err, errlen);
        sheet_close(&s->base);
        return NULL;
    }
    XML_SetElementHandler(s->c.p, sheet_start, sheet_end);
    XML_SetCharacterDataHandler(s->c.p, sheet_chars);
    return &s->base;
}
