/* lua_workbook.c - the "dvht.workbook" Lua module over libxlsxwriter 1.1.4.
 *
 * Objects (full userdata, one metatable each):
 *   dvht.workbook   owns the lxw_workbook, the temp file and the bookkeeping
 *                   this module needs (sheet names, merged areas, ...).
 *   dvht.worksheet  { owner, index } into the workbook's sheet table.
 *   dvht.format     { owner, lxw_format* } (formats belong to the workbook).
 *   dvht.chart      { owner, lxw_chart* }.
 * Every child keeps its workbook alive through user value 1, so a child can
 * always read `owner`; once the workbook is closed or discarded owner->wb is
 * NULL and every use of a child raises a Lua error instead of touching freed
 * libxlsxwriter memory.
 *
 * libxlsxwriter and strings: every string this module hands over is copied
 * by the library before the call returns (cell text goes to the shared string
 * table or an inline copy, formulas/URLs/header/footer/validation/conditional
 * strings and chart names and ranges are lxw_strdup'ed, sheet and defined
 * names are copied into the workbook, format fields into fixed arrays), so
 * Lua-owned strings only have to live for the duration of the call. Option
 * tables are read with raw access: their values stay anchored by the table,
 * which stays on the stack for the whole call.
 *
 * Known 1.1.4 pitfalls handled here: empty sheet names (out-of-bounds read),
 * case-sensitive duplicate sheet names, inline validation lists (a 258-byte
 * buffer filled by strcat), header/footer "&G" placeholders (double free),
 * chart and defined-name references with an empty sheet part, hidden first
 * sheets that silently become visible, two sheets left selected after
 * activate(), overlapping merged ranges (Excel then "repairs" the file),
 * constant_memory temp files that leak on discard, black given as 0, a
 * leaked copy per list-from-range validation, "scale" silently cancelling
 * "fit to pages", text/blank conditional rules built on the wrong column,
 * and unchecked writes to its temp files (the output is read back). */
#include "lua_workbook.h"

#include "atomic_file.h"
#include "row_writer.h"
#include "xlsx_finish.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <utf8proc.h>
#include <xlsxwriter.h>

#define WB_MT    "dvht.workbook"
#define WS_MT    "dvht.worksheet"
#define FMT_MT   "dvht.format"
#define CHART_MT "dvht.chart"

#define SHEET_NAME_MAX         31    /* Excel: characters (UTF-16 units) */
#define CELL_TEXT_MAX          32767 /* Excel: characters in one cell */
#define VALIDATION_TITLE_MAX   32    /* LXW_VALIDATION_MAX_TITLE_LENGTH */
#define VALIDATION_MESSAGE_MAX 255   /* LXW_VALIDATION_MAX_STRING_LENGTH */
#define INLINE_LIST_MAX        255   /* inline list, commas included (exclusive) */
#define FORMAT_FIELD_MAX       (LXW_FORMAT_FIELD_LEN - 1)
#define DEFINED_NAME_MAX       (LXW_DEFINED_NAME_LENGTH - 1)
#define SEEN_FORMATS           8 /* formats ws:write_row remembers as checked */

enum wb_state { WB_OPEN, WB_CLOSING, WB_WRITTEN, WB_FAILED, WB_DISCARDED };

typedef struct merge_area {
    lxw_row_t r1, r2;
    lxw_col_t c1, c2;
} merge_area;

typedef struct sheet_rec {
    lxw_worksheet *ws;
    char *name;   /* as given */
    char *folded; /* NFC + case folded, for duplicate checks */
    int hidden;
    int has_breaks;           /* libxlsxwriter leaks a second set of page breaks */
    long streamed;            /* constant_memory: bytes of rows in its temp file, else -1 */
    lxw_row_t background_row; /* the last row handed to the row writer */
    merge_area *merges;
    size_t nmerges, capmerges;
} sheet_rec;

typedef struct lwb {
    lxw_workbook *wb; /* non-NULL only while state == WB_OPEN */
    int state;
    int constant_memory;
    int verify;   /* re-read the written file before renaming it */
    int fit_text; /* texts Excel cannot take are made to fit (cell_text) */
    /* the formats' metatable (the registry keeps it for the state's life):
     * a userdata with it is a format, told without a registry lookup */
    const void *fmt_mt;
    /* background: rows of ws:write_row go to a row writer thread
     * (constant_memory only); every other call waits for it first */
    int background;
    row_writer *rw;      /* started by the first such row */
    xlsx_finish *finish; /* WB_CLOSING: libxlsxwriter's close, maybe on a thread */
    rw_cell *cellbuf;
    size_t cellcap;
    char *path; /* the target file */
    char *tmp;  /* the temp file next to it; NULL once renamed or removed */
    sheet_rec *sheets;
    size_t nsheets, capsheets;
    char **names; /* folded defined names */
    size_t nnames, capnames;
} lwb;

typedef struct lsheet {
    lwb *owner;
    size_t index;
} lsheet;

typedef struct lfmt {
    lwb *owner;
    lxw_format *fmt;
} lfmt;

typedef struct lchart {
    lwb *owner;
    lxw_chart *chart;
    int inserted;
} lchart;

/* ------------------------------------------------------------------------
 * UTF-8
 * ---------------------------------------------------------------------- */

/* Offset of the first byte that does not start a well-formed UTF-8
 * sequence (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF),
 * or len if the whole string is valid. */
static size_t utf8_bad_offset(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, n, k;

    while (i < len) {
        unsigned c = s[i];
        unsigned lo = 0x80, hi = 0xBF;

        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c == 0xE0)
            n = 2, lo = 0xA0;
        else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
            n = 2;
        else if (c == 0xED)
            n = 2, hi = 0x9F;
        else if (c == 0xF0)
            n = 3, lo = 0x90;
        else if (c >= 0xF1 && c <= 0xF3)
            n = 3;
        else if (c == 0xF4)
            n = 3, hi = 0x8F;
        else
            return i;
        if (len - i <= n || s[i + 1] < lo || s[i + 1] > hi) return i;
        for (k = 2; k <= n; k++)
            if ((s[i + k] & 0xC0) != 0x80) return i;
        i += n + 1;
    }
    return len;
}

/* Length in UTF-16 code units (what Excel counts) of valid UTF-8. */
static size_t utf16_units(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i, n = 0;

    for (i = 0; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) n++;
        if (s[i] >= 0xF0) n++; /* a supplementary character is a surrogate pair */
    }
    return n;
}

static int is_ascii(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) return 0;
    return 1;
}

/* NFC + Unicode case folding; malloc'd, NULL on failure. */
static char *fold_name(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n;

    n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (n < 0) return NULL;
    return (char *)out;
}

/* ------------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------- */

/* Like luaL_argerror, in Vietnamese. Never returns. */
static int arg_error(lua_State *L, int arg, const char *msg)
{
    lua_Debug ar;
    const char *fname = "?";

    if (lua_getstack(L, 0, &ar)) {
        lua_getinfo(L, "n", &ar);
        if (ar.name) fname = ar.name;
        if (ar.namewhat && strcmp(ar.namewhat, "method") == 0) {
            arg--;
            if (arg == 0) return luaL_error(L, "lời gọi '%s' không hợp lệ: %s", fname, msg);
        }
    }
    return luaL_error(L, "đối số #%d của '%s' không hợp lệ: %s", arg, fname, msg);
}

static int arg_errorf(lua_State *L, int arg, const char *fmt, ...)
{
    const char *msg;
    va_list ap;

    va_start(ap, fmt);
    msg = lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    return arg_error(L, arg, msg);
}

/* Raises an error if s (len bytes) holds a NUL byte or is not UTF-8. */
static void check_utf8(lua_State *L, const char *s, size_t len, const char *what)
{
    const char *nul = memchr(s, '\0', len);
    size_t bad;

    if (nul) luaL_error(L, "%s chứa ký tự NUL (byte thứ %d)", what, (int)(nul - s) + 1);
    bad = utf8_bad_offset(s, len);
    if (bad < len)
        luaL_error(L, "%s không phải chuỗi UTF-8 hợp lệ (byte thứ %d)", what, (int)bad + 1);
}

/* The Vietnamese text for an errno value; unknown values keep strerror. */
static const char *push_os_reason(lua_State *L, int errnum)
{
    const char *vi = atomic_strerror_vi(errnum);

    if (errnum != 0 && strcmp(vi, atomic_strerror_vi(-1)) == 0)
        return lua_pushfstring(L, "%s (%s)", vi, strerror(errnum));
    return lua_pushstring(L, vi);
}

/* 'Không ghi được tệp "x.xlsx": <reason>'. Never returns. */
static int file_error(lua_State *L, const char *path, int errnum)
{
    const char *reason = push_os_reason(L, errnum);
    return luaL_error(L, "Không ghi được tệp \"%s\": %s", path ? path : "?", reason);
}

static const char *cell_name(char *buf, lxw_row_t row, lxw_col_t col)
{
    lxw_rowcol_to_cell(buf, row, col);
    return buf;
}

/* ------------------------------------------------------------------------
 * Option tables
 * ---------------------------------------------------------------------- */

/* 1 if argument arg is a table, 0 if it is absent or nil. */
static int opt_table(lua_State *L, int arg, const char *what)
{
    int t = lua_type(L, arg);

    if (t == LUA_TNONE || t == LUA_TNIL) return 0;
    if (t != LUA_TTABLE)
        arg_errorf(L, arg, "%s phải là một bảng (nhận được %s)", what, luaL_typename(L, arg));
    return 1;
}

static void check_table(lua_State *L, int arg, const char *what)
{
    if (!opt_table(L, arg, what)) arg_errorf(L, arg, "cần %s (một bảng)", what);
}

/* Raises an error for any key of table t not in keys (NULL-terminated). */
static void check_keys(lua_State *L, int t, const char *what, const char *const *keys)
{
    t = lua_absindex(L, t);
    lua_pushnil(L);               // stack = { ..., nil }
    while (lua_next(L, t) != 0) { // stack = { ..., k, v }
        const char *k;
        size_t i;
        int known = 0;

        if (lua_type(L, -2) != LUA_TSTRING)
            luaL_error(L, "%s: khóa kiểu %s không hợp lệ (chỉ dùng khóa là chuỗi)", what,
                       luaL_typename(L, -2));
        k = lua_tostring(L, -2);
        for (i = 0; keys[i]; i++)
            if (strcmp(k, keys[i]) == 0) known = 1;
        if (!known) luaL_error(L, "%s: không có tùy chọn \"%s\"", what, k);
        lua_pop(L, 1); // stack = { ..., k }
    }
}

/* Pushes t[key] without metamethods and returns its type. */
static int rawfield(lua_State *L, int t, const char *key)
{
    t = lua_absindex(L, t);
    lua_pushstring(L, key);  // stack = { ..., key }
    return lua_rawget(L, t); // stack = { ..., t[key] }
}

static int field_type_error(lua_State *L, const char *what, const char *key, const char *want)
{
    return luaL_error(L, "%s: \"%s\" phải là %s (nhận được %s)", what, key, want,
                      luaL_typename(L, -1));
}

/* Boolean option: def when absent. */
static int opt_bool(lua_State *L, int t, const char *key, const char *what, int def)
{
    int v = def;
    int ty = rawfield(L, t, key); // stack = { ..., t[key] }

    if (ty == LUA_TBOOLEAN)
        v = lua_toboolean(L, -1);
    else if (ty != LUA_TNIL)
        field_type_error(L, what, key, "true/false");
    lua_pop(L, 1); // stack = { ... }
    return v;
}

/* Formats a number for a formula without depending on the C locale. */
static const char *push_number_text(lua_State *L, double d)
{
    char buf[64], *p;

    if (d == floor(d) && fabs(d) < 1e15) return lua_pushfstring(L, "%I", (lua_Integer)d);
    snprintf(buf, sizeof buf, "%.17g", d);
    for (p = buf; *p; p++)
        if (*p == ',') *p = '.';
    return lua_pushstring(L, buf);
}

/* Finite number option: 1 and *out when present, 0 when absent. */
static int opt_number(lua_State *L, int t, const char *key, const char *what, double lo, double hi,
                      double *out)
{
    int ty = rawfield(L, t, key); // stack = { ..., t[key] }

    if (ty == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (ty != LUA_TNUMBER) field_type_error(L, what, key, "một số");
    *out = (double)lua_tonumber(L, -1);
    if (!isfinite(*out) || *out < lo || *out > hi) {
        const char *v = push_number_text(L, *out);
        const char *slo = push_number_text(L, lo);
        const char *shi = push_number_text(L, hi);
        luaL_error(L, "%s: \"%s\" = %s nằm ngoài khoảng %s..%s", what, key, v, slo, shi);
    }
    lua_pop(L, 1); // stack = { ... }
    return 1;
}

/* Integer option in [lo, hi]: 1 and *out when present, 0 when absent. */
static int opt_integer(lua_State *L, int t, const char *key, const char *what, lua_Integer lo,
                       lua_Integer hi, lua_Integer *out)
{
    int ty = rawfield(L, t, key); // stack = { ..., t[key] }
    int isint = 0;

    if (ty == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (ty == LUA_TNUMBER) *out = lua_tointegerx(L, -1, &isint);
    if (!isint) {
        field_type_error(L, what, key, "một số nguyên");
        return 0; /* not reached: field_type_error raises */
    }
    if (*out < lo || *out > hi)
        luaL_error(L, "%s: \"%s\" = %I nằm ngoài khoảng %I..%I", what, key, *out, lo, hi);
    lua_pop(L, 1); // stack = { ... }
    return 1;
}

/* UTF-8 string option or NULL. The string stays anchored by table t. */
static const char *opt_text(lua_State *L, int t, const char *key, const char *what, size_t *lenp)
{
    const char *s = NULL;
    size_t len = 0;
    int ty = rawfield(L, t, key); // stack = { ..., t[key] }

    if (ty == LUA_TSTRING) {
        s = lua_tolstring(L, -1, &len);
        check_utf8(L, s, len, lua_pushfstring(L, "%s: \"%s\"", what, key));
        lua_pop(L, 1); // stack = { ..., t[key] }
    } else if (ty != LUA_TNIL)
        field_type_error(L, what, key, "một chuỗi");
    lua_pop(L, 1); // stack = { ... }
    if (lenp) *lenp = len;
    return s;
}

/* A UTF-8 string argument. */
static const char *check_text(lua_State *L, int arg, const char *what, size_t *lenp)
{
    size_t len;
    const char *s;

    if (lua_type(L, arg) != LUA_TSTRING)
        arg_errorf(L, arg, "%s phải là một chuỗi (nhận được %s)", what, luaL_typename(L, arg));
    s = lua_tolstring(L, arg, &len);
    check_utf8(L, s, len, what);
    if (lenp) *lenp = len;
    return s;
}

static const char *opt_text_arg(lua_State *L, int arg, const char *what, size_t *lenp)
{
    if (lua_isnoneornil(L, arg)) {
        if (lenp) *lenp = 0;
        return NULL;
    }
    return check_text(L, arg, what, lenp);
}

/* "#RRGGBB" or 0xRRGGBB at stack index idx, as an lxw colour. */
static lxw_color_t to_color(lua_State *L, int idx, const char *what)
{
    unsigned long v = 0;
    int ok = 0;

    if (lua_type(L, idx) == LUA_TNUMBER) {
        int isint;
        lua_Integer i = lua_tointegerx(L, idx, &isint);
        if (isint && i >= 0 && i <= 0xFFFFFF) {
            v = (unsigned long)i;
            ok = 1;
        }
    } else if (lua_type(L, idx) == LUA_TSTRING) {
        size_t len, k;
        const char *s = lua_tolstring(L, idx, &len);
        if (len == 7 && s[0] == '#') {
            ok = 1;
            for (k = 1; k < 7; k++) {
                int c = (unsigned char)s[k], d;
                if (c >= '0' && c <= '9')
                    d = c - '0';
                else if (c >= 'a' && c <= 'f')
                    d = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F')
                    d = c - 'A' + 10;
                else {
                    ok = 0;
                    break;
                }
                v = v * 16 + (unsigned long)d;
            }
        }
    }
    if (!ok) luaL_error(L, "%s: màu phải có dạng \"#RRGGBB\" hoặc 0xRRGGBB", what);
    /* libxlsxwriter reads 0 as "no colour"; black has its own value. */
    return v == 0 ? LXW_COLOR_BLACK : (lxw_color_t)v;
}

static int opt_color(lua_State *L, int t, const char *key, const char *what, lxw_color_t *out)
{
    int ty = rawfield(L, t, key); // stack = { ..., v }

    if (ty != LUA_TNIL) {
        const char *label = lua_pushfstring(L, "%s: \"%s\"", what, key);
        // stack = { ..., v, label }
        *out = to_color(L, -2, label);
        lua_pop(L, 1); // stack = { ..., v }
    }
    lua_pop(L, 1); // stack = { ... }
    return ty != LUA_TNIL;
}

/* A keyword option: index into names[] (NULL-terminated) or -1 if absent. */
static int opt_enum(lua_State *L, int t, const char *key, const char *what,
                    const char *const *names, const char *list)
{
    int ty = rawfield(L, t, key); // stack = { ..., t[key] }
    int i, found = -1;

    if (ty == LUA_TSTRING) {
        const char *s = lua_tostring(L, -1);
        for (i = 0; names[i]; i++)
            if (strcmp(s, names[i]) == 0) found = i;
        if (found < 0)
            luaL_error(L, "%s: \"%s\" = \"%s\" không hợp lệ (dùng một trong: %s)", what, key, s,
                       list);
    } else if (ty != LUA_TNIL)
        field_type_error(L, what, key, "một chuỗi");
    lua_pop(L, 1); // stack = { ... }
    return found;
}

/* ------------------------------------------------------------------------
 * Object access
 * ---------------------------------------------------------------------- */

static const char *state_text(const lwb *w)
{
    switch (w->state) {
    case WB_WRITTEN:
        return "đã được ghi và đóng";
    case WB_FAILED:
        return "đã đóng do ghi lỗi";
    case WB_CLOSING:
        return "đang được đóng";
    default:
        return "đã bị hủy (không được ghi)";
    }
}

/* Waits for the row writer, if any: the workbook is then this thread's.
 * A cell it failed to write raises here (and at every later call). */
static void wb_sync(lua_State *L, lwb *w)
{
    lxw_worksheet *ws = NULL;
    lxw_row_t row = 0;
    lxw_col_t col = 0;
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    const char *sheet = "?";
    lxw_error err;
    size_t i;

    if (!w->rw) return;
    err = row_writer_sync(w->rw, &ws, &row, &col);
    if (err == LXW_NO_ERROR) return;
    for (i = 0; i < w->nsheets; i++)
        if (w->sheets[i].ws == ws) sheet = w->sheets[i].name;
    luaL_error(L, "Không ghi được ô %s trên trang tính \"%s\": %s", cell_name(cell, row, col),
               sheet, lxw_strerror(err));
}

static lwb *check_wb(lua_State *L, int idx)
{
    lwb *w = luaL_testudata(L, idx, WB_MT);

    if (!w) {
        arg_errorf(L, idx, "cần một sổ tính (workbook.new), nhận được %s", luaL_typename(L, idx));
        return NULL; /* not reached: arg_errorf raises */
    }
    if (!w->wb)
        luaL_error(L, "Sổ tính \"%s\" %s; không dùng được nữa", w->path ? w->path : "?",
                   state_text(w));
    wb_sync(L, w);
    return w;
}

static const char *sheet_label(const lwb *w, size_t i)
{
    return (w->sheets && i < w->nsheets) ? w->sheets[i].name : "?";
}

/* The open sheet at idx and its record; sync: wait for the row writer. */
static sheet_rec *check_sheet_ex(lua_State *L, int idx, lwb **wout, int sync)
{
    lsheet *s = luaL_testudata(L, idx, WS_MT);
    lwb *w = s ? s->owner : NULL;

    if (wout) *wout = w; /* set first: callers never see it unset, even on paths that raise */
    if (!s) {
        arg_errorf(L, idx, "cần một trang tính (wb:add_sheet), nhận được %s",
                   luaL_typename(L, idx));
        return NULL; /* not reached: arg_errorf raises */
    }
    if (!w) {
        luaL_error(L, "trang tính chưa được khởi tạo");
        return NULL; /* not reached: luaL_error raises */
    }
    if (!w->wb || s->index >= w->nsheets) {
        luaL_error(L, "Sổ tính \"%s\" %s; không dùng được trang tính \"%s\" nữa",
                   w->path ? w->path : "?", state_text(w), sheet_label(w, s->index));
        return NULL; /* not reached: luaL_error raises */
    }
    if (sync) wb_sync(L, w);
    return &w->sheets[s->index];
}

static sheet_rec *check_sheet(lua_State *L, int idx, lwb **wout)
{
    return check_sheet_ex(L, idx, wout, 1);
}

/* The format at idx, or NULL when it is no format: its metatable is the
 * formats' (compared by address, without luaL_testudata's registry
 * lookup: a city summary checks a format for every cell). */
static const lfmt *as_format(lua_State *L, int idx, const lwb *w)
{
    const lfmt *f = NULL;

    idx = lua_absindex(L, idx); /* the metatable is pushed above it */
    if (w && lua_type(L, idx) == LUA_TUSERDATA && lua_getmetatable(L, idx)) {
        if (lua_topointer(L, -1) == w->fmt_mt) f = lua_touserdata(L, idx);
        lua_pop(L, 1);
    }
    return f;
}

/* An optional format argument that must belong to workbook w. */
static lxw_format *opt_format(lua_State *L, int idx, lwb *w)
{
    const lfmt *f;

    if (lua_isnoneornil(L, idx)) return NULL;
    f = as_format(L, idx, w);
    if (!f) {
        arg_errorf(L, idx, "cần một định dạng (wb:format) hoặc nil, nhận được %s",
                   luaL_typename(L, idx));
        return NULL; /* not reached: arg_errorf raises */
    }
    if (f->owner != w || !f->fmt) arg_error(L, idx, "định dạng này thuộc về một sổ tính khác");
    return f->fmt;
}

static lxw_row_t check_row(lua_State *L, int arg)
{
    int isint = 0;
    lua_Integer v = 0;

    if (lua_type(L, arg) == LUA_TNUMBER) v = lua_tointegerx(L, arg, &isint);
    if (!isint)
        arg_errorf(L, arg, "số dòng phải là số nguyên (nhận được %s)",
                   lua_type(L, arg) == LUA_TNUMBER ? lua_tostring(L, arg) : luaL_typename(L, arg));
    if (v < 0 || v >= LXW_ROW_MAX)
        arg_errorf(L, arg, "số dòng %I nằm ngoài khoảng 0..%d", v, LXW_ROW_MAX - 1);
    return (lxw_row_t)v;
}

static lxw_col_t check_col(lua_State *L, int arg)
{
    int isint = 0;
    lua_Integer v = 0;

    if (lua_type(L, arg) == LUA_TNUMBER) v = lua_tointegerx(L, arg, &isint);
    if (!isint)
        arg_errorf(L, arg, "số cột phải là số nguyên (nhận được %s)",
                   lua_type(L, arg) == LUA_TNUMBER ? lua_tostring(L, arg) : luaL_typename(L, arg));
    if (v < 0 || v >= LXW_COL_MAX)
        arg_errorf(L, arg, "số cột %I nằm ngoài khoảng 0..%d", v, LXW_COL_MAX - 1);
    return (lxw_col_t)v;
}

/* Reads r1, c1, r2, c2 at arg..arg+3 and orders them. */
static void check_area(lua_State *L, int arg, merge_area *a)
{
    lxw_row_t r1 = check_row(L, arg), r2 = check_row(L, arg + 2);
    lxw_col_t c1 = check_col(L, arg + 1), c2 = check_col(L, arg + 3);

    a->r1 = r1 < r2 ? r1 : r2;
    a->r2 = r1 < r2 ? r2 : r1;
    a->c1 = c1 < c2 ? c1 : c2;
    a->c2 = c1 < c2 ? c2 : c1;
}

/* Raises 'Không <what> trên trang tính "X": <lxw_strerror>'. */
static int sheet_fail(lua_State *L, lwb *w, sheet_rec *r, const char *what, lxw_error err)
{
    const char *hint = "";

    if (w->constant_memory && err == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)
        hint = " (ở chế độ constant_memory chỉ được ghi các dòng theo thứ tự "
               "tăng dần)";
    return luaL_error(L, "%s trên trang tính \"%s\": %s%s", what, r->name, lxw_strerror(err), hint);
}

/* ------------------------------------------------------------------------
 * Sheet names
 * ---------------------------------------------------------------------- */

/* NULL if name is a valid sheet name (ignoring duplicates); otherwise
 * pushes and returns a Vietnamese reason that names it. */
static const char *sheet_name_problem(lua_State *L, const char *name, size_t len)
{
    static const char forbidden[] = "[]:*?/\\";
    size_t i, units;

    if (len == 0) return lua_pushstring(L, "tên trang tính không được để trống");
    if (memchr(name, '\0', len) || utf8_bad_offset(name, len) < len)
        return lua_pushstring(L, "tên trang tính không phải chuỗi UTF-8 hợp lệ");
    units = utf16_units(name, len);
    if (units > SHEET_NAME_MAX)
        return lua_pushfstring(L,
                               "tên trang tính \"%s\" dài %d ký tự, Excel chỉ cho "
                               "phép tối đa %d",
                               name, (int)units, SHEET_NAME_MAX);
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c != 0 && strchr(forbidden, c))
            return lua_pushfstring(L,
                                   "tên trang tính \"%s\" chứa ký tự không được "
                                   "phép '%c' (không dùng [ ] : * ? / \\)",
                                   name, (int)c);
        if (c < 0x20 || c == 0x7F)
            return lua_pushfstring(L, "tên trang tính \"%s\" chứa ký tự điều khiển", name);
    }
    if (name[0] == '\'' || name[len - 1] == '\'')
        return lua_pushfstring(L,
                               "tên trang tính \"%s\" không được bắt đầu hoặc kết "
                               "thúc bằng dấu nháy đơn (')",
                               name);
    if (len == 7) {
        static const char reserved[] = "history";
        for (i = 0; i < 7; i++)
            if ((name[i] | 0x20) != reserved[i]) break;
        if (i == 7) return lua_pushfstring(L, "tên trang tính \"%s\" được Excel dành riêng", name);
    }
    return NULL;
}

/* workbook.valid_sheet_name(name) -> true | false, why */
static int l_valid_sheet_name(lua_State *L)
{
    size_t len;
    const char *name, *why;

    if (lua_type(L, 1) != LUA_TSTRING) {
        lua_pushboolean(L, 0);
        lua_pushfstring(L, "tên trang tính phải là một chuỗi (nhận được %s)", luaL_typename(L, 1));
        return 2;
    }
    name = lua_tolstring(L, 1, &len);
    why = sheet_name_problem(L, name, len); // stack = { name, why? }
    if (!why) {
        lua_pushboolean(L, 1);
        return 1;
    }
    lua_pushboolean(L, 0); // stack = { name, why, false }
    lua_insert(L, -2);     // stack = { name, false, why }
    return 2;
}

/* ------------------------------------------------------------------------
 * Workbook
 * ---------------------------------------------------------------------- */

static void free_sheets(lwb *w)
{
    size_t i;

    for (i = 0; i < w->nsheets; i++) {
        free(w->sheets[i].name);
        free(w->sheets[i].folded);
        free(w->sheets[i].merges);
    }
    free(w->sheets);
    w->sheets = NULL;
    w->nsheets = w->capsheets = 0;
    for (i = 0; i < w->nnames; i++)
        free(w->names[i]);
    free(w->names);
    w->names = NULL;
    w->nnames = w->capnames = 0;
}

/* Drops the unwritten workbook and its temp file. Safe to call repeatedly. */
static void wb_discard(lwb *w)
{
    size_t i;

    row_writer_stop(w->rw, 1); /* before the sheets it writes go */
    w->rw = NULL;
    if (w->finish) {
        /* a close that runs cannot be stopped: wait, then drop its file;
         * one that never started gives the workbook back, to be freed */
        if (!w->finish->started) {
            w->wb = w->finish->wb;
            w->finish->wb = NULL;
        }
        xlsx_finish_free(w->finish);
        free(w->finish);
        w->finish = NULL;
    }
    if (w->wb) {
        /* lxw_workbook_free() does not close the per-sheet temp files of
         * constant_memory mode (only workbook_close() does). */
        for (i = 0; i < w->nsheets; i++) {
            lxw_worksheet *ws = w->sheets[i].ws;
            if (ws && ws->optimize_tmpfile) {
                fclose(ws->optimize_tmpfile);
                ws->optimize_tmpfile = NULL;
                ws->file = NULL;
            }
        }
        lxw_workbook_free(w->wb);
        w->wb = NULL;
    }
    if (w->tmp) {
        unlink(w->tmp);
        free(w->tmp);
        w->tmp = NULL;
    }
    if (w->state == WB_OPEN || w->state == WB_CLOSING) w->state = WB_DISCARDED;
}

static int wb_gc(lua_State *L)
{
    lwb *w = luaL_checkudata(L, 1, WB_MT);

    wb_discard(w);
    free_sheets(w);
    free(w->path);
    w->path = NULL;
    free(w->cellbuf);
    w->cellbuf = NULL;
    w->cellcap = 0;
    return 0;
}

/* __close: leaving a <close> scope without wb:close() discards; so does
 * wb:discard() (a written workbook stays as it is). */
static int wb_toclose(lua_State *L)
{
    lwb *w = luaL_checkudata(L, 1, WB_MT);

    wb_discard(w);
    return 0;
}

static int wb_tostring(lua_State *L)
{
    lwb *w = luaL_checkudata(L, 1, WB_MT);

    if (w->wb)
        lua_pushfstring(L, "dvht.workbook (\"%s\")", w->path ? w->path : "?");
    else
        lua_pushfstring(L, "dvht.workbook (\"%s\", %s)", w->path ? w->path : "?", state_text(w));
    return 1;
}

/* workbook.new(path [, opts]) */
static int l_new(lua_State *L)
{
    static const char *const keys[] = {"constant_memory", "tmpdir",   "use_zip64", "verify",
                                       "background",      "fit_text", NULL};
    static const char what[] = "tùy chọn của workbook.new";
    lxw_workbook_options opts;
    const char *path, *tmpdir = NULL;
    size_t plen;
    struct stat st;
    lwb *w;
    char *tmp = NULL;
    int fd, verify = 1, background = 0, fit_text = 0;

    memset(&opts, 0, sizeof opts);
    if (lua_type(L, 1) != LUA_TSTRING)
        arg_errorf(L, 1, "cần đường dẫn tệp (chuỗi), nhận được %s", luaL_typename(L, 1));
    path = lua_tolstring(L, 1, &plen);
    if (plen == 0) arg_error(L, 1, "đường dẫn tệp trống");
    if (memchr(path, '\0', plen)) arg_error(L, 1, "đường dẫn tệp chứa ký tự NUL");
    if (opt_table(L, 2, "tùy chọn")) {
        check_keys(L, 2, what, keys);
        opts.constant_memory = (uint8_t)opt_bool(L, 2, "constant_memory", what, 0);
        opts.use_zip64 = (uint8_t)opt_bool(L, 2, "use_zip64", what, 0);
        verify = opt_bool(L, 2, "verify", what, 1);
        background = opt_bool(L, 2, "background", what, 0);
        fit_text = opt_bool(L, 2, "fit_text", what, 0);
        tmpdir = opt_text(L, 2, "tmpdir", what, NULL);
        if (tmpdir && !*tmpdir) tmpdir = NULL;
        if (tmpdir && (stat(tmpdir, &st) != 0 || !S_ISDIR(st.st_mode)))
            return luaL_error(L, "%s: thư mục tạm \"%s\" không tồn tại", what, tmpdir);
    }

    /* A consistent, empty object first: __gc can clean up from here on. */
    w = lua_newuserdatauv(L, sizeof *w, 0); // stack = { path, opts?, w }
    memset(w, 0, sizeof *w);
    w->state = WB_DISCARDED;
    luaL_setmetatable(L, WB_MT);
    w->path = strdup(path);
    if (!w->path) return luaL_error(L, "Không tạo được sổ tính \"%s\": không đủ bộ nhớ", path);

    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return file_error(L, path, EISDIR);
    fd = atomic_begin(path, &tmp);
    if (fd < 0) return file_error(L, path, errno);
    close(fd); /* libxlsxwriter reopens the temp file by name at close */
    w->tmp = tmp;

    opts.tmpdir = (char *)tmpdir; /* copied by workbook_new_opt */
    w->wb = workbook_new_opt(tmp, &opts);
    if (!w->wb) return luaL_error(L, "Không tạo được sổ tính \"%s\": không đủ bộ nhớ", path);
    w->state = WB_OPEN;
    w->constant_memory = opts.constant_memory;
    luaL_getmetatable(L, FMT_MT);
    w->fmt_mt = lua_topointer(L, -1);
    lua_pop(L, 1);
    w->verify = verify;
    w->fit_text = fit_text;
    w->background = background && opts.constant_memory;
    return 1;
}

/* Makes sheet i the only selected and active sheet. */
static void activate_sheet(lwb *w, size_t i)
{
    size_t j;

    for (j = 0; j < w->nsheets; j++) {
        if (j != i) {
            w->sheets[j].ws->selected = 0;
            w->sheets[j].ws->active = 0;
        }
    }
    worksheet_activate(w->sheets[i].ws);
    w->sheets[i].hidden = 0;
}

static int lxw_error_uses_errno(lxw_error err)
{
    switch (err) {
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
        return 1;
    default:
        return 0;
    }
}

/* Everything before libxlsxwriter's own close, on this thread: the active
 * sheet made visible, the row writer stopped, the rows of constant_memory
 * sheets flushed and checked. Then the workbook goes to w->finish (state
 * WB_CLOSING). Raises on a failure (the workbook is then discarded). */
static void close_begin(lua_State *L, lwb *w)
{
    size_t active, i;
    int saved;
    long *streamed;

    /* The active sheet must be visible: libxlsxwriter would otherwise show
     * a hidden first sheet, or Excel open on a hidden one. */
    if (w->nsheets > 0) {
        active = w->wb->active_sheet;
        if (active >= w->nsheets || w->sheets[active].hidden) {
            for (i = 0; i < w->nsheets && w->sheets[i].hidden; i++)
                ;
            if (i == w->nsheets) {
                luaL_error(L,
                           "Không ghi được tệp \"%s\": mọi trang tính đều bị "
                           "ẩn, cần ít nhất một trang tính hiển thị",
                           w->path);
                return; /* not reached: luaL_error raises */
            }
            activate_sheet(w, i);
        }
    }

    /* check_wb waited for the row writer: every row it had is written */
    row_writer_stop(w->rw, 0);
    w->rw = NULL;

    /* In constant_memory mode rows already went to per-sheet temp files;
     * a failed write there is only visible as the stream's error flag. */
    for (i = 0; i < w->nsheets; i++) {
        FILE *f = w->sheets[i].ws->optimize_tmpfile;
        int flushed;
        if (!f) continue;
        /* The pending last row first (libxlsxwriter would write it during
         * workbook_close without checking): every row is then in the
         * checked file, and its size bounds the part the check reads. */
        lxw_worksheet_write_single_row(w->sheets[i].ws);
        flushed = fflush(f);
        saved = errno;
        w->sheets[i].streamed = flushed == 0 ? ftell(f) : -1;
        if (flushed != 0 || ferror(f)) {
            const char *reason =
                flushed != 0 ? push_os_reason(L, saved) : lua_pushstring(L, "lỗi khi ghi");
            wb_discard(w);
            w->state = WB_FAILED;
            luaL_error(L, "Không ghi được tệp \"%s\": %s (tệp tạm của trang tính \"%s\")", w->path,
                       reason, w->sheets[i].name);
            return; /* not reached: luaL_error raises */
        }
    }

    streamed = malloc((w->nsheets ? w->nsheets : 1) * sizeof *streamed);
    w->finish = malloc(sizeof *w->finish);
    if (!streamed || !w->finish) {
        free(streamed);
        free(w->finish);
        w->finish = NULL;
        wb_discard(w);
        w->state = WB_FAILED;
        luaL_error(L, "Không ghi được tệp \"%s\": không đủ bộ nhớ", w->path);
        return; /* not reached: luaL_error raises */
    }
    for (i = 0; i < w->nsheets; i++)
        streamed[i] = w->sheets[i].streamed;
    if (xlsx_finish_init(w->finish, w->wb, w->tmp, w->verify, streamed, w->nsheets) != 0) {
        free(streamed);
        free(w->finish);
        w->finish = NULL;
        wb_discard(w);
        w->state = WB_FAILED;
        luaL_error(L, "Không ghi được tệp \"%s\": không đủ bộ nhớ", w->path);
        return; /* not reached: luaL_error raises */
    }
    free(streamed);
    w->wb = NULL; /* the finisher's now */
    w->state = WB_CLOSING;
}

/* After the finisher ran: its outcome reported, or the file moved into
 * place. */
static int close_end(lua_State *L, lwb *w)
{
    xlsx_finish *f = w->finish;
    lxw_error err;
    int saved, fd;
    char why[sizeof f->why];

    if (!f || !w->tmp) return luaL_error(L, "sổ tính \"%s\" không đang được đóng", w->path);
    xlsx_finish_wait(f);
    err = f->err;
    saved = f->err_errno;
    memcpy(why, f->why, sizeof why);
    xlsx_finish_free(f);
    free(f);
    w->finish = NULL;
    w->state = WB_FAILED;
    if (err != LXW_NO_ERROR) {
        const char *reason;
        wb_discard(w); /* removes the temp file */
        if (err == LXW_ERROR_MEMORY_MALLOC_FAILED)
            reason = lua_pushstring(L, "không đủ bộ nhớ");
        else if (saved != 0 && lxw_error_uses_errno(err))
            reason = push_os_reason(L, saved);
        else
            reason = lua_pushstring(L, "thư viện libxlsxwriter báo lỗi");
        return luaL_error(L, "Không ghi được tệp \"%s\": %s (libxlsxwriter: %s)", w->path, reason,
                          lxw_strerror(err));
    }
    if (why[0]) {
        wb_discard(w);
        return luaL_error(L, "Không ghi được tệp \"%s\": %s", w->path, why);
    }

    /* libxlsxwriter wrote and closed the temp file; make it durable and
     * move it into place. */
    fd = open(w->tmp, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        saved = errno;
        wb_discard(w);
        return file_error(L, w->path, saved);
    }
    if (atomic_commit(fd, w->tmp, w->path) != 0) {
        saved = errno; /* atomic_commit removed the temp file */
        free(w->tmp);
        w->tmp = NULL;
        return file_error(L, w->path, saved);
    }
    free(w->tmp);
    w->tmp = NULL;
    w->state = WB_WRITTEN;
    lua_pushboolean(L, 1);
    return 1;
}

/* wb:start_close() -> boolean: libxlsxwriter's close (assembling and
 * zipping every part) and the check of the written file go to a thread of
 * their own; the next wb:close() waits for it and reports as usual. false
 * when no thread could start: wb:close() then does it all. */
static int wb_start_close(lua_State *L)
{
    lwb *w = check_wb(L, 1);

    close_begin(L, w);
    lua_pushboolean(L, xlsx_finish_start(w->finish) == 0);
    return 1;
}

/* wb:close() -> true */
static int wb_close(lua_State *L)
{
    lwb *w = luaL_testudata(L, 1, WB_MT);

    if (w && w->state == WB_CLOSING) {
        if (!w->finish->started) xlsx_finish_run(w->finish);
        return close_end(L, w);
    }
    w = check_wb(L, 1);
    close_begin(L, w);
    xlsx_finish_run(w->finish);
    return close_end(L, w);
}

/* ------------------------------------------------------------------------
 * Formats
 * ---------------------------------------------------------------------- */

static const char *const align_names[] = {"left",    "center",        "right",       "fill",
                                          "justify", "center_across", "distributed", NULL};
static const uint8_t align_values[] = {
    LXW_ALIGN_LEFT,    LXW_ALIGN_CENTER,        LXW_ALIGN_RIGHT,      LXW_ALIGN_FILL,
    LXW_ALIGN_JUSTIFY, LXW_ALIGN_CENTER_ACROSS, LXW_ALIGN_DISTRIBUTED};
static const char *const valign_names[] = {"top",      "vcenter",      "center", "bottom",
                                           "vjustify", "vdistributed", NULL};
static const uint8_t valign_values[] = {LXW_ALIGN_VERTICAL_TOP,     LXW_ALIGN_VERTICAL_CENTER,
                                        LXW_ALIGN_VERTICAL_CENTER,  LXW_ALIGN_VERTICAL_BOTTOM,
                                        LXW_ALIGN_VERTICAL_JUSTIFY, LXW_ALIGN_VERTICAL_DISTRIBUTED};
static const char *const border_names[] = {"none",
                                           "thin",
                                           "medium",
                                           "dashed",
                                           "dotted",
                                           "thick",
                                           "double",
                                           "hair",
                                           "medium_dashed",
                                           "dash_dot",
                                           "medium_dash_dot",
                                           "dash_dot_dot",
                                           "medium_dash_dot_dot",
                                           "slant_dash_dot",
                                           NULL};
#define BORDER_STYLE_MAX LXW_BORDER_SLANT_DASH_DOT

/* A border style (number 0..13 or name) at stack index idx. */
static uint8_t to_border(lua_State *L, int idx, const char *what)
{
    int i;

    if (lua_type(L, idx) == LUA_TNUMBER) {
        int isint;
        lua_Integer v = lua_tointegerx(L, idx, &isint);
        if (isint && v >= 0 && v <= BORDER_STYLE_MAX) return (uint8_t)v;
    } else if (lua_type(L, idx) == LUA_TSTRING) {
        const char *s = lua_tostring(L, idx);
        for (i = 0; border_names[i]; i++)
            if (strcmp(s, border_names[i]) == 0) return (uint8_t)i;
    }
    luaL_error(L,
               "%s: kiểu viền phải là số 0..%d hoặc tên như \"thin\", "
               "\"medium\", \"thick\", \"double\"",
               what, BORDER_STYLE_MAX);
    return 0;
}

typedef struct fmt_spec {
    const char *font, *num_format;
    double size;
    int has_size, bold, italic, strikeout, wrap, shrink;
    int underline;     /* 0 none, else LXW_UNDERLINE_* */
    int align, valign; /* -1 unset, else LXW_ALIGN_* */
    int border[4];     /* top, bottom, left, right; -1 unset */
    int has_color, has_bg, has_border_color;
    lxw_color_t color, bg, border_color;
    lua_Integer num_format_index, indent, rotation; /* -1 / 0 / INT_MIN unset */
    int has_num_format_index, has_indent, has_rotation;
    int locked, hidden; /* -1 unset */
} fmt_spec;

static void init_fmt_spec(fmt_spec *f)
{
    int i;

    memset(f, 0, sizeof *f);
    f->align = f->valign = -1;
    f->locked = f->hidden = -1;
    for (i = 0; i < 4; i++)
        f->border[i] = -1;
}

/* Fills f (already initialised) from the options table t. */
static void parse_format(lua_State *L, int t, fmt_spec *f)
{
    static const char *const keys[] = {"font",      "size",   "bold",   "italic",   "underline",
                                       "strikeout", "color",  "bg",     "border",   "border_color",
                                       "align",     "valign", "wrap",   "shrink",   "num_format",
                                       "indent",    "locked", "hidden", "rotation", NULL};
    static const char what[] = "định dạng";
    static const char *const underline_names[] = {"single", "double", "single_accounting",
                                                  "double_accounting", NULL};
    static const char *const sides[] = {"top", "bottom", "left", "right", NULL};
    size_t len;
    int ty, i;

    check_keys(L, t, what, keys);

    f->font = opt_text(L, t, "font", what, &len);
    if (f->font && (len == 0 || len > FORMAT_FIELD_MAX))
        luaL_error(L, "%s: tên phông chữ phải dài 1..%d byte", what, FORMAT_FIELD_MAX);
    f->has_size = opt_number(L, t, "size", what, 1.0, 409.0, &f->size);
    f->bold = opt_bool(L, t, "bold", what, 0);
    f->italic = opt_bool(L, t, "italic", what, 0);
    f->strikeout = opt_bool(L, t, "strikeout", what, 0);
    f->wrap = opt_bool(L, t, "wrap", what, 0);
    f->shrink = opt_bool(L, t, "shrink", what, 0);

    ty = rawfield(L, t, "underline"); // stack = { ..., underline }
    if (ty == LUA_TBOOLEAN) f->underline = lua_toboolean(L, -1) ? LXW_UNDERLINE_SINGLE : 0;
    lua_pop(L, 1); // stack = { ... }
    if (ty != LUA_TBOOLEAN) {
        i = opt_enum(L, t, "underline", what, underline_names,
                     "true, \"single\", \"double\", \"single_accounting\", "
                     "\"double_accounting\"");
        if (i >= 0) f->underline = LXW_UNDERLINE_SINGLE + i;
    }

    f->has_color = opt_color(L, t, "color", what, &f->color);
    f->has_bg = opt_color(L, t, "bg", what, &f->bg);
    f->has_border_color = opt_color(L, t, "border_color", what, &f->border_color);

    ty = rawfield(L, t, "border"); // stack = { ..., border }
    if (ty == LUA_TTABLE) {
        int bt = lua_gettop(L);
        check_keys(L, bt, "định dạng: border", sides);
        for (i = 0; i < 4; i++) {
            if (rawfield(L, bt, sides[i]) != LUA_TNIL) // stack = { ..., border, side }
                f->border[i] = to_border(L, -1, "định dạng: border");
            lua_pop(L, 1); // stack = { ..., border }
        }
    } else if (ty != LUA_TNIL) {
        uint8_t b = to_border(L, -1, "định dạng: border");
        for (i = 0; i < 4; i++)
            f->border[i] = b;
    }
    lua_pop(L, 1); // stack = { ... }

    i = opt_enum(L, t, "align", what, align_names,
                 "\"left\", \"center\", \"right\", \"fill\", \"justify\", "
                 "\"center_across\", \"distributed\"");
    if (i >= 0) f->align = align_values[i];
    i = opt_enum(L, t, "valign", what, valign_names,
                 "\"top\", \"vcenter\", \"bottom\", \"vjustify\", \"vdistributed\"");
    if (i >= 0) f->valign = valign_values[i];

    ty = rawfield(L, t, "num_format"); // stack = { ..., num_format }
    lua_pop(L, 1);                     // stack = { ... }
    if (ty == LUA_TNUMBER)
        f->has_num_format_index =
            opt_integer(L, t, "num_format", what, 0, 255, &f->num_format_index);
    else {
        f->num_format = opt_text(L, t, "num_format", what, &len);
        if (f->num_format && (len == 0 || len > FORMAT_FIELD_MAX))
            luaL_error(L, "%s: \"num_format\" phải dài 1..%d byte", what, FORMAT_FIELD_MAX);
    }
    f->has_indent = opt_integer(L, t, "indent", what, 0, 15, &f->indent);
    ty = rawfield(L, t, "locked"); // stack = { ..., locked }
    lua_pop(L, 1);
    if (ty != LUA_TNIL) f->locked = opt_bool(L, t, "locked", what, 1);
    ty = rawfield(L, t, "hidden"); // stack = { ..., hidden }
    lua_pop(L, 1);
    if (ty != LUA_TNIL) f->hidden = opt_bool(L, t, "hidden", what, 0);
    f->has_rotation = opt_integer(L, t, "rotation", what, -90, 270, &f->rotation);
    if (f->has_rotation && f->rotation > 90 && f->rotation != 270)
        luaL_error(L, "%s: \"rotation\" phải trong khoảng -90..90 hoặc bằng 270", what);
}

static void apply_format(lxw_format *x, const fmt_spec *f)
{
    if (f->font) format_set_font_name(x, f->font);
    if (f->has_size) format_set_font_size(x, f->size);
    if (f->bold) format_set_bold(x);
    if (f->italic) format_set_italic(x);
    if (f->underline) format_set_underline(x, (uint8_t)f->underline);
    if (f->strikeout) format_set_font_strikeout(x);
    if (f->has_color) format_set_font_color(x, f->color);
    if (f->has_bg) format_set_bg_color(x, f->bg);
    if (f->border[0] >= 0) format_set_top(x, (uint8_t)f->border[0]);
    if (f->border[1] >= 0) format_set_bottom(x, (uint8_t)f->border[1]);
    if (f->border[2] >= 0) format_set_left(x, (uint8_t)f->border[2]);
    if (f->border[3] >= 0) format_set_right(x, (uint8_t)f->border[3]);
    if (f->has_border_color) format_set_border_color(x, f->border_color);
    if (f->align >= 0) format_set_align(x, (uint8_t)f->align);
    if (f->valign >= 0) format_set_align(x, (uint8_t)f->valign);
    if (f->wrap) format_set_text_wrap(x);
    if (f->shrink) format_set_shrink(x);
    if (f->num_format) format_set_num_format(x, f->num_format);
    if (f->has_num_format_index) format_set_num_format_index(x, (uint8_t)f->num_format_index);
    if (f->has_indent) format_set_indent(x, (uint8_t)f->indent);
    if (f->locked == 0) format_set_unlocked(x);
    if (f->hidden == 1) format_set_hidden(x);
    if (f->has_rotation) format_set_rotation(x, (int16_t)f->rotation);
}

/* wb:format([opts]) -> fmt */
static int wb_format(lua_State *L)
{
    lwb *w = check_wb(L, 1);
    fmt_spec spec;
    lfmt *f;
    lxw_format *x;

    init_fmt_spec(&spec);
    if (opt_table(L, 2, "thuộc tính định dạng")) parse_format(L, 2, &spec);
    lua_settop(L, 2);
    f = lua_newuserdatauv(L, sizeof *f, 1); // stack = { wb, opts, f }
    f->owner = NULL;
    f->fmt = NULL;
    luaL_setmetatable(L, FMT_MT);
    lua_pushvalue(L, 1);         // stack = { wb, opts, f, wb }
    lua_setiuservalue(L, -2, 1); // stack = { wb, opts, f }
    x = workbook_add_format(w->wb);
    if (!x) return luaL_error(L, "Không tạo được định dạng: không đủ bộ nhớ");
    apply_format(x, &spec);
    /* libxlsxwriter gives a format identical to an earlier one that one's
     * index but does not store it, so every cell written with the copy
     * would hash the whole format again. Formats are immutable here, so
     * the index is taken once, now. */
    x->xf_index = lxw_format_get_xf_index(x);
    f->owner = w;
    f->fmt = x;
    return 1;
}

static int fmt_tostring(lua_State *L)
{
    lfmt *f = luaL_checkudata(L, 1, FMT_MT);
    lua_pushfstring(L, "dvht.format (%p)", (void *)f);
    return 1;
}

/* ------------------------------------------------------------------------
 * Worksheets
 * ---------------------------------------------------------------------- */

/* wb:add_sheet(name) -> ws */
static int wb_add_sheet(lua_State *L)
{
    lwb *w = check_wb(L, 1);
    const char *name, *why;
    size_t len, i;
    char *copy, *folded;
    lxw_worksheet *ws;
    lsheet *s;

    if (lua_type(L, 2) != LUA_TSTRING)
        arg_errorf(L, 2, "tên trang tính phải là một chuỗi (nhận được %s)", luaL_typename(L, 2));
    lua_settop(L, 2);
    name = lua_tolstring(L, 2, &len);
    why = sheet_name_problem(L, name, len);
    if (why) return luaL_error(L, "Tên trang tính không hợp lệ: %s", why);

    s = lua_newuserdatauv(L, sizeof *s, 1); // stack = { wb, name, s }
    s->owner = NULL;
    s->index = 0;
    luaL_setmetatable(L, WS_MT);
    lua_pushvalue(L, 1);         // stack = { wb, name, s, wb }
    lua_setiuservalue(L, -2, 1); // stack = { wb, name, s }

    if (w->nsheets == w->capsheets) {
        size_t cap = w->capsheets ? w->capsheets * 2 : 8;
        sheet_rec *grown = realloc(w->sheets, cap * sizeof *grown);
        if (!grown) return luaL_error(L, "Không tạo được trang tính: không đủ bộ nhớ");
        w->sheets = grown;
        w->capsheets = cap;
    }

    /* No Lua error may be raised while copy/folded are not yet owned. */
    folded = fold_name(name);
    if (!folded) return luaL_error(L, "Không tạo được trang tính: không đủ bộ nhớ");
    for (i = 0; i < w->nsheets; i++) {
        if (strcmp(w->sheets[i].folded, folded) == 0) {
            free(folded);
            return luaL_error(L,
                              "Tên trang tính không hợp lệ: tên trang tính \"%s\" "
                              "trùng với trang tính \"%s\" đã có (Excel không phân "
                              "biệt chữ hoa, chữ thường)",
                              name, w->sheets[i].name);
        }
    }
    copy = strdup(name);
    if (!copy) {
        free(folded);
        return luaL_error(L, "Không tạo được trang tính: không đủ bộ nhớ");
    }
    ws = workbook_add_worksheet(w->wb, name);
    if (!ws) {
        free(folded);
        free(copy);
        return luaL_error(L, "Không tạo được trang tính \"%s\"", name);
    }
    memset(&w->sheets[w->nsheets], 0, sizeof w->sheets[0]);
    w->sheets[w->nsheets].ws = ws;
    w->sheets[w->nsheets].name = copy;
    w->sheets[w->nsheets].folded = folded;
    w->sheets[w->nsheets].streamed = -1;
    s->index = w->nsheets++;
    s->owner = w;
    return 1;
}

static int ws_tostring(lua_State *L)
{
    lsheet *s = luaL_checkudata(L, 1, WS_MT);

    if (s->owner && s->owner->wb)
        lua_pushfstring(L, "dvht.worksheet (\"%s\")", sheet_label(s->owner, s->index));
    else
        lua_pushfstring(L, "dvht.worksheet (\"%s\", sổ tính đã đóng)",
                        s->owner ? sheet_label(s->owner, s->index) : "?");
    return 1;
}

/* ws:name() -> string */
static int ws_name(lua_State *L)
{
    sheet_rec *r = check_sheet(L, 1, NULL);

    lua_pushstring(L, r->name);
    return 1;
}

/* Replaces the string at idx by a copy whose NUL bytes and bytes that do
 * not start well-formed UTF-8 are each U+FFFD; returns the copy. */
static const char *repair_text(lua_State *L, int idx, size_t *lenp)
{
    size_t len, at = 0;
    const char *s = lua_tolstring(L, idx, &len);
    luaL_Buffer b;

    luaL_buffinit(L, &b);
    while (at < len) {
        size_t good = utf8_bad_offset(s + at, len - at);
        const char *nul = memchr(s + at, '\0', good);
        if (nul) good = (size_t)(nul - (s + at));
        luaL_addlstring(&b, s + at, good);
        at += good;
        if (at < len) {
            luaL_addstring(&b, "\xef\xbf\xbd");
            at++;
        }
    }
    luaL_pushresult(&b);
    lua_replace(L, idx);
    return lua_tolstring(L, idx, lenp);
}

/* The text of the string at idx, checked for a cell: valid UTF-8 without
 * NUL, at most Excel's limit. Where it is not, a workbook opened with
 * fit_text gets it made to fit (the value at idx is replaced): a NUL or a
 * byte that is not UTF-8 becomes U+FFFD (a file name from a Windows zip),
 * and a text over the limit is cut at a character boundary and ended with
 * "…" (a page pasted into a cell); any other workbook raises. The message
 * names the cell, so it is built only on failure: this runs for every cell. */
static const char *cell_text(lua_State *L, int idx, size_t *lenp, lwb *w, lxw_row_t row,
                             lxw_col_t col)
{
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    size_t len, units, cut, kept;
    const char *s = lua_tolstring(L, idx, &len);

    *lenp = len;
    if (memchr(s, '\0', len) || utf8_bad_offset(s, len) < len) {
        if (!w->fit_text)
            check_utf8(L, s, len,
                       lua_pushfstring(L, "Giá trị của ô %s", cell_name(cell, row, col)));
        s = repair_text(L, idx, &len);
        *lenp = len;
    }
    /* a UTF-8 text has no more UTF-16 units than bytes */
    if (len <= CELL_TEXT_MAX) return s;
    units = utf16_units(s, len);
    if (units <= CELL_TEXT_MAX) return s;
    if (!w->fit_text)
        luaL_error(L, "Giá trị của ô %s dài %d ký tự, Excel chỉ cho phép tối đa %d",
                   cell_name(cell, row, col), (int)units, CELL_TEXT_MAX);
    /* keep whole characters worth CELL_TEXT_MAX - 1 units ("…" is one) */
    for (cut = 0, kept = 0; cut < len;) {
        size_t n = 1, u = 1;
        unsigned char c = (unsigned char)s[cut];
        if (c >= 0xF0)
            n = 4, u = 2;
        else if (c >= 0xE0)
            n = 3;
        else if (c >= 0xC0)
            n = 2;
        if (kept + u > CELL_TEXT_MAX - 1) break;
        kept += u;
        cut += n;
    }
    lua_pushlstring(L, s, cut);
    lua_pushliteral(L, "\xe2\x80\xa6");
    lua_concat(L, 2);
    lua_replace(L, idx);
    return lua_tolstring(L, idx, lenp);
}

/* Writes the Lua value at idx into a cell. */
static lxw_error write_value(lua_State *L, int idx, lwb *w, lxw_worksheet *ws, lxw_row_t row,
                             lxw_col_t col, lxw_format *fmt)
{
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    size_t len;
    const char *s;
    double d;

    switch (lua_type(L, idx)) {
    case LUA_TNONE:
    case LUA_TNIL:
        /* Without a format there is nothing to write: Excel has no blank,
         * unformatted cells. */
        return fmt ? worksheet_write_blank(ws, row, col, fmt) : LXW_NO_ERROR;
    case LUA_TSTRING:
        s = cell_text(L, idx, &len, w, row, col);
        if (len == 0) return fmt ? worksheet_write_blank(ws, row, col, fmt) : LXW_NO_ERROR;
        return worksheet_write_string(ws, row, col, s, fmt);
    case LUA_TNUMBER:
        d = (double)lua_tonumber(L, idx);
        if (!isfinite(d))
            luaL_error(L, "Giá trị của ô %s không phải số hữu hạn (NaN hoặc vô cực)",
                       cell_name(cell, row, col));
        return worksheet_write_number(ws, row, col, d, fmt);
    case LUA_TBOOLEAN:
        return worksheet_write_boolean(ws, row, col, lua_toboolean(L, idx), fmt);
    default:
        arg_errorf(L, idx,
                   "giá trị của ô %s phải là chuỗi, số, boolean hoặc nil "
                   "(nhận được %s)",
                   cell_name(cell, row, col), luaL_typename(L, idx));
        return LXW_NO_ERROR;
    }
}

/* ws:write(row, col, value [, fmt]) */
static int ws_write(lua_State *L)
{
    lwb *w;
    sheet_rec *r = check_sheet(L, 1, &w);
    lxw_row_t row = check_row(L, 2);
    lxw_col_t col = check_col(L, 3);
    lxw_format *fmt = opt_format(L, 5, w);
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    lxw_error err;

    err = write_value(L, 4, w, r->ws, row, col, fmt);
    if (err)
        return sheet_fail(
            L, w, r, lua_pushfstring(L, "Không ghi được ô %s", cell_name(cell, row, col)), err);
    return 0;
}

/* The Lua value at idx as a cell for the row writer (checked as
 * write_value checks it; a string stays on the Lua stack until queued). */
static void to_rw_cell(lua_State *L, int idx, lwb *w, lxw_row_t row, lxw_col_t col, lxw_format *fmt,
                       rw_cell *c)
{
    char cell[LXW_MAX_CELL_NAME_LENGTH];

    c->format = fmt;
    c->number = 0;
    c->text = NULL;
    c->len = 0;
    switch (lua_type(L, idx)) {
    case LUA_TSTRING:
        c->text = cell_text(L, idx, &c->len, w, row, col);
        if (c->len > 0) {
            c->kind = RW_STRING;
            return;
        }
        break;
    case LUA_TNUMBER:
        c->number = (double)lua_tonumber(L, idx);
        if (!isfinite(c->number))
            luaL_error(L, "Giá trị của ô %s không phải số hữu hạn (NaN hoặc vô cực)",
                       cell_name(cell, row, col));
        c->kind = RW_NUMBER;
        return;
    case LUA_TBOOLEAN:
        c->number = lua_toboolean(L, idx);
        c->kind = RW_BOOLEAN;
        return;
    default:
        break;
    }
    /* nil or "": without a format there is nothing to write */
    c->kind = fmt ? RW_BLANK : RW_SKIP;
}

/* Whether ws:write_row on w goes to the row writer (started here). */
static int use_row_writer(lwb *w)
{
    if (!w->background) return 0;
    if (!w->rw && !(w->rw = row_writer_start())) w->background = 0; /* write here instead */
    return w->rw != NULL;
}

/* ws:write_row(row, col, values, n [, fmts]): values[1..n] into row, from
 * col on (nil: an empty cell). fmts is one format for every cell or an
 * array of n formats (nil entries: none). One call per row instead of one
 * per cell: a city summary writes millions of cells. In a workbook opened
 * with background = true the checked row goes to the row writer thread. */
static int ws_write_row(lua_State *L)
{
    lwb *w;
    sheet_rec *r = check_sheet_ex(L, 1, &w, 0);
    lxw_row_t row = check_row(L, 2);
    lxw_col_t col = check_col(L, 3);
    lua_Integer n, i;
    lxw_format *one = NULL;
    int per_cell, queued, nseen = 0;
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    struct {
        const void *ud;
        lxw_format *fmt;
    } seen[SEEN_FORMATS];

    if (!r || !w) return 0; /* not reached: check_sheet_ex raises */
    luaL_checktype(L, 4, LUA_TTABLE);
    n = luaL_checkinteger(L, 5);
    if (n < 0 || n > (lua_Integer)LXW_COL_MAX - col)
        arg_errorf(L, 5, "số ô %I nằm ngoài khoảng 0..%d", n, (int)(LXW_COL_MAX - col));
    per_cell = lua_type(L, 6) == LUA_TTABLE;
    if (!per_cell) one = opt_format(L, 6, w);
    queued = use_row_writer(w);
    if (!queued) {
        wb_sync(L, w);
    } else {
        /* constant_memory takes rows in order: refused here, not later */
        if (row < r->background_row)
            return sheet_fail(L, w, r,
                              lua_pushfstring(L, "Không ghi được ô %s", cell_name(cell, row, col)),
                              LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
        if ((size_t)n > w->cellcap) {
            rw_cell *grown = realloc(w->cellbuf, (size_t)n * sizeof *grown);
            if (!grown)
                return luaL_error(L, "Không ghi được dòng %d: không đủ bộ nhớ", (int)row + 1);
            w->cellbuf = grown;
            w->cellcap = (size_t)n;
        }
    }
    lua_settop(L, 6);
    for (i = 0; i < n; i++) {
        lxw_col_t c = (lxw_col_t)(col + i);
        lxw_format *fmt = one;
        lxw_error err;

        if (per_cell) {
            int fi, k;
            void *ud;
            lua_rawgeti(L, 6, i + 1); // stack = { ..., fmts, values queued so far, fmt }
            fi = lua_gettop(L);
            /* a row uses a few formats over and over: each is checked once
             * per call (it cannot go away while the call runs) */
            ud = lua_type(L, fi) == LUA_TUSERDATA ? lua_touserdata(L, fi) : NULL;
            for (k = 0; k < nseen && seen[k].ud != ud; k++)
                ;
            if (ud && k < nseen) {
                fmt = seen[k].fmt;
            } else {
                const lfmt *f = as_format(L, fi, w);
                if (!f && !lua_isnil(L, fi))
                    arg_errorf(L, 6,
                               "định dạng thứ %I phải là một định dạng (wb:format) hoặc nil "
                               "(nhận được %s)",
                               i + 1, luaL_typename(L, fi));
                if (f && (f->owner != w || !f->fmt))
                    arg_errorf(L, 6, "định dạng thứ %I thuộc về một sổ tính khác", i + 1);
                fmt = f ? f->fmt : NULL;
                if (f && nseen < SEEN_FORMATS) {
                    seen[nseen].ud = ud;
                    seen[nseen++].fmt = fmt;
                }
            }
            lua_pop(L, 1);
        }
        // stack = { ..., fmts, values queued so far, value }
        lua_rawgeti(L, 4, i + 1);
        switch (lua_type(L, -1)) {
        case LUA_TNIL:
        case LUA_TSTRING:
        case LUA_TNUMBER:
        case LUA_TBOOLEAN:
            break;
        default:
            arg_errorf(L, 4,
                       "giá trị thứ %I (ô %s) phải là chuỗi, số, boolean hoặc nil (nhận được %s)",
                       i + 1, cell_name(cell, row, c), luaL_typename(L, -1));
        }
        if (queued) {
            /* the value stays on the stack: its text is copied when queued */
            luaL_checkstack(L, 2, "dòng quá dài");
            to_rw_cell(L, lua_gettop(L), w, row, c, fmt, &w->cellbuf[i]);
            continue;
        }
        err = write_value(L, lua_gettop(L), w, r->ws, row, c, fmt);
        if (err)
            return sheet_fail(
                L, w, r, lua_pushfstring(L, "Không ghi được ô %s", cell_name(cell, row, c)), err);
        lua_settop(L, 6);
    }
    if (queued) {
        int st = row_writer_put(w->rw, r->ws, row, col, w->cellbuf, (size_t)n);
        if (st < 0) return luaL_error(L, "Không ghi được dòng %d: không đủ bộ nhớ", (int)row + 1);
        if (st > 0) wb_sync(L, w); /* raises the writer's error */
        r->background_row = row;
    }
    return 0;
}

/* ws:write_formula(row, col, formula [, fmt [, cached]]) */
static int ws_write_formula(lua_State *L)
{
    lwb *w;
    sheet_rec *r = check_sheet(L, 1, &w);
    lxw_row_t row = check_row(L, 2);
    lxw_col_t col = check_col(L, 3);
    size_t len;
    const char *formula = check_text(L, 4, "công thức", &len);
    lxw_format *fmt = opt_format(L, 5, w);
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    lxw_error err;

    if (len == 0 || (len == 1 && formula[0] == '=')) arg_error(L, 4, "công thức trống");
    switch (lua_type(L, 6)) {
    case LUA_TNONE:
    case LUA_TNIL:
        err = worksheet_write_formula(r->ws, row, col, formula, fmt);
        break;
    case LUA_TNUMBER: {
        double d = (double)lua_tonumber(L, 6);
        if (!isfinite(d)) arg_error(L, 6, "giá trị tính sẵn phải là số hữu hạn");
        err = worksheet_write_formula_num(r->ws, row, col, formula, fmt, d);
        break;
    }
    case LUA_TSTRING: {
        const char *cached = check_text(L, 6, "giá trị tính sẵn", NULL);
        err = worksheet_write_formula_str(r->ws, row, col, formula, fmt, cached);
        break;
    }
    default:
        return arg_errorf(L, 6,
                          "giá trị tính sẵn phải là số, chuỗi hoặc nil "
                          "(nhận được %s)",
                          luaL_typename(L, 6));
    }
    if (err)
        return sheet_fail(
            L, w, r,
            lua_pushfstring(L, "Không ghi được công thức vào ô %s", cell_name(cell, row, col)),
            err);
    return 0;
}

/* ws:write_url(row, col, url [, fmt [, text [, tooltip]]]) */
static int ws_write_url(lua_State *L)
{
    static const char *const schemes[] = {"http://", "https://",  "ftp://",    "ftps://",
                                          "mailto:", "internal:", "external:", NULL};
    lwb *w;
    sheet_rec *r = check_sheet(L, 1, &w);
    lxw_row_t row = check_row(L, 2);
    lxw_col_t col = check_col(L, 3);
    size_t len, tlen, i;
    const char *url = check_text(L, 4, "địa chỉ liên kết", &len);
    lxw_format *fmt = opt_format(L, 5, w);
    const char *text = opt_text_arg(L, 6, "chữ hiển thị của liên kết", &tlen);
    const char *tip = opt_text_arg(L, 7, "chú thích của liên kết", NULL);
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    lxw_error err;
    int ok = 0;

    /* libxlsxwriter looks for "internal:"/"external:"/"mailto:" anywhere in
     * the string, so only accept them (and web links) as a prefix. */
    for (i = 0; schemes[i]; i++) {
        size_t n = strlen(schemes[i]);
        if (len > n && strncmp(url, schemes[i], n) == 0) ok = 1;
    }
    if (!ok)
        arg_error(L, 4,
                  "địa chỉ liên kết phải bắt đầu bằng http://, https://, "
                  "ftp://, mailto:, internal: hoặc external:");
    {
        const char *hit = strstr(url + 1, "internal:");
        if (!hit) hit = strstr(url + 1, "external:");
        if (hit)
            arg_error(L, 4,
                      "\"internal:\"/\"external:\" chỉ được đứng ở đầu địa chỉ "
                      "liên kết");
    }
    if (text && tlen == 0) text = NULL;
    if (text) text = cell_text(L, 6, &tlen, w, row, col);
    err = worksheet_write_url_opt(r->ws, row, col, url, fmt, text, tip);
    if (err)
        return sheet_fail(
            L, w, r,
            lua_pushfstring(L, "Không ghi được liên kết vào ô %s", cell_name(cell, row, col)), err);
    return 0;
}

static const char *area_name(char *buf, const merge_area *a)
{
    lxw_rowcol_to_range(buf, a->r1, a->c1, a->r2, a->c2);
    return buf;
}

/* ws:merge(r1, c1, r2, c2, value [, fmt]) */
static int ws_merge(lua_State *L)
{
    lwb *w;
    sheet_rec *r = check_sheet(L, 1, &w);
    merge_area a;
    lxw_format *fmt;
    char buf[LXW_MAX_CELL_RANGE_LENGTH], buf2[LXW_MAX_CELL_RANGE_LENGTH];
    const char *text = "";
    int vt;
    size_t i;
    lxw_error err;

    check_area(L, 2, &a);
    fmt = opt_format(L, 7, w);
    if (a.r1 == a.r2 && a.c1 == a.c2)
        arg_errorf(L, 2, "vùng gộp %s chỉ có một ô", area_name(buf, &a));
    for (i = 0; i < r->nmerges; i++) {
        const merge_area *m = &r->merges[i];
        if (a.r1 <= m->r2 && m->r1 <= a.r2 && a.c1 <= m->c2 && m->c1 <= a.c2)
            return luaL_error(L,
                              "Không gộp được vùng %s trên trang tính \"%s\": chồng "
                              "lên vùng đã gộp %s",
                              area_name(buf, &a), r->name, area_name(buf2, m));
    }
    vt = lua_type(L, 6);
    if (vt == LUA_TSTRING) {
        size_t len;
        text = cell_text(L, 6, &len, w, a.r1, a.c1);
    } else if (vt != LUA_TNIL && vt != LUA_TNONE && vt != LUA_TNUMBER && vt != LUA_TBOOLEAN)
        arg_errorf(L, 6, "giá trị phải là chuỗi, số, boolean hoặc nil (nhận được %s)",
                   luaL_typename(L, 6));

    if (r->nmerges == r->capmerges) {
        size_t cap = r->capmerges ? r->capmerges * 2 : 8;
        merge_area *grown = realloc(r->merges, cap * sizeof *grown);
        if (!grown) return luaL_error(L, "Không gộp được vùng: không đủ bộ nhớ");
        r->merges = grown;
        r->capmerges = cap;
    }
    err = worksheet_merge_range(r->ws, a.r1, a.c1, a.r2, a.c2, text, fmt);
    if (!err && (vt == LUA_TNUMBER || vt == LUA_TBOOLEAN))
        err = write_value(L, 6, w, r->ws, a.r1, a.c1, fmt);
    if (err)
        return sheet_fail(L, w, r, lua_pushfstring(L, "Không gộp được vùng %s", area_name(buf, &a)),
                          err);
    r->merges[r->nmerges++] = a;
    return 0;
}

/* The { hidden = bool, level = 0..7 } options of set_column/set_row. */
static int row_col_options(lua_State *L, int arg, lxw_row_col_options *o)
{
    static const char *const keys[] = {"hidden", "level", NULL};
    static const char what[] = "tùy chọn dòng/cột";
    lua_Integer level = 0;

    memset(o, 0, sizeof *o);
    if (!opt_table(L, arg, what)) return 0;
    check_keys(L, arg, what, keys);
    o->hidden = (uint8_t)opt_bool(L, arg, "hidden", what, 0);
    if (opt_integer(L, arg, "level", what, 0, 7, &level)) o->level = (uint8_t)level;
    return 1;
}

/* ws:set_column(first_col, last_col, width [, fmt [, opts]]) */
static int ws_set_column(lua_State *L)
{
    lwb *w;
    sheet_rec *r = check_sheet(L, 1, &w);
    lxw_col_t c1 = check_col(L, 2), c2 = check_col(L, 3);
    double width = LXW_DEF_COL_WIDTH;
    lxw_format *fmt = opt_format(L, 5, w);
    lxw_row_col_options o;
    int has_opts = row_col_options(L, 6, &o);
    lxw_error err;

    if (!lua_isnoneornil(L, 4)) {
        if (lua_type(L, 4) != LUA_TNUMBER)
            arg_errorf(L, 4, "độ rộng cột phải là số hoặc nil (nhận được %s)", luaL_typename(L, 4));
        width = (double)lua_tonumber(L, 4);
        if (!(width >= 0 && width <= 255)) arg_error(L, 4, "độ rộng cột phải trong khoảng 0..255");
    }
    if (c1 > c2) {
        lxw_col_t t = c1;
        c1 = c2;
        c2 = t;
    }
    err = worksheet_set_column_opt(r->ws, c1, c2, width, fmt, has_opts ? &o : NULL);
    if (err) return sheet_fail(L, w, r, "Không đặt được độ rộng cột", err);
    return 0;
}

/* ws:set_row(row, height_or_nil [, fmt [, opts]]) */
static int ws_set_row(lua_State *L)
{
    lwb *w;
    sheet_rec *r = check_sheet(L, 1, &w);
    lxw_row_t row = check_row(L, 2);
    double height = LXW_DEF_ROW_HEIGHT;
    lxw_format *fmt = opt_format(L, 4, w);
    lxw_row_col_options o;
    int has_opts = row_col_options(L, 5, &o);
    lxw_error err;

    if (!lua_isnoneornil(L, 3)) {
        if (lua_type(L, 3) != LUA_TNUMBER)
            arg_errorf(L, 3, "chiều cao dòng phải là số hoặc nil (nhận được %s)",
                       luaL_typename(L, 3));
        height = (double)lua_tonumber(L, 3);
        if (!(height >= 0 && height <= 409))
            arg_error(L, 3, "chiều cao dòng phải trong khoảng 0..409");
    }
    err = worksheet_set_row_opt(r->ws, row, height, fmt, has_opts ? &o : NULL);
    if (err) return sheet_fail(L, w, r, "Không đặt được chiều cao dòng", err);
    return 0;
}

/* ws:freeze(row, col) */
static int ws_freeze(lua_State *L)
{
    sheet_rec *r = check_sheet(L, 1, NULL);
    lxw_row_t row = check_row(L, 2);
    lxw_col_t col = check_col(L, 3);

    worksheet_freeze_panes(r->ws, row, col);
    return 0;
}

/* ws:autofilter(r1, c1, r2, c2) */
static int ws_autofilter(lua_State *L)
{
    lwb *w;
    sheet_rec *r = check_sheet(L, 1, &w);
    merge_area a;
    lxw_error err;

    check_area(L, 2, &a);
    err = worksheet_autofilter(r->ws, a.r1, a.c1, a.r2, a.c2);
    if (err) return sheet_fail(L, w, r, "Không đặt được bộ lọc", err);
    return 0;
}

/* Reads { a, b, ... } integers from t[key] into out[n]; 0 when absent. */
static int opt_int_list(lua_State *L, int t, const char *key, const char *what, int n,
                        const char *shape, lua_Integer *out)
{
    int ty = rawfield(L, t, key), i; // stack = { ..., list }

    if (ty == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (ty != LUA_TTABLE || lua_rawlen(L, -1) != (lua_Unsigned)n) {
        luaL_error(L, "%s: \"%s\" phải có dạng %s", what, key, shape);
        return 0; /* not reached: luaL_error raises */
    }
    for (i = 0; i < n; i++) {
        int isint = 0;
        if (lua_rawgeti(L, -1, i + 1) == LUA_TNUMBER) // stack = { ..., list, v }
            out[i] = lua_tointegerx(L, -1, &isint);
        if (!isint) {
            luaL_error(L, "%s: \"%s\" phải có dạng %s", what, key, shape);
            return 0; /* not reached: luaL_error raises */
        }
        lua_pop(L, 1); // stack = { ..., list }
    }
    lua_pop(L, 1); // stack = { ... }
    return 1;
}

/* Header/footer text: at most 255 characters, no image placeholders. */
static const char *opt_header(lua_State *L, int t, const char *key, const char *what)
{
    size_t len;
    const char *s = opt_text(L, t, key, what, &len);

    if (!s) return NULL;
    if (utf16_units(s, len) > LXW_HEADER_FOOTER_MAX)
        luaL_error(L, "%s: \"%s\" dài %d ký tự, Excel chỉ cho phép tối đa %d", what, key,
                   (int)utf16_units(s, len), LXW_HEADER_FOOTER_MAX);
    if (strstr(s, "&G") || strstr(s, "&[Picture]"))
        luaL_error(L, "%s: \"%s\" không hỗ trợ hình ảnh (&G, &[Picture])", what, key);
    return s;
}

/* ws:print_setup{ ... } */
static int ws_print_setup(lua_State *L)
{
    static const char *const keys[] = {"paper",
                                       "landscape",
                                       "margins",
                                       "header",
                                       "footer",
                                       "repeat_rows",
                                       "fit_width",
                                       "fit_height",
                                       "center_horizontally",
                                       "center_vertically",
                                       "print_area",
                                       "gridlines",
                                       "scale",
                                       "start_page",
                                       NULL};
    static const char *const margin_keys[] = {"left", "right", "top", "bottom", NULL};
    static const char what[] = "print_setup";
    lwb *w;
    sheet_rec *r = check_sheet(L, 1, &w);
    lua_Integer paper = -1, fit_w = 0, fit_h = 0, scale = 0, start = 0, rows[2], area[4];
    double margins[4] = {-1, -1, -1, -1};
    const char *header, *footer;
    int ty, i, has_rows, has_area, has_fit_w, has_fit_h, has_scale, has_start;
    int landscape = -1, center_h, center_v, gridlines = -1;
    lxw_error err;

    check_table(L, 2, "bảng thiết lập trang in");
    lua_settop(L, 2);
    check_keys(L, 2, what, keys);

    ty = rawfield(L, 2, "paper"); // stack = { ws, t, paper }
    if (ty == LUA_TSTRING) {
        static const char *const names[] = {"Letter", "Legal", "A3", "A4", "A5", NULL};
        static const int codes[] = {1, 5, 8, 9, 11};
        const char *s = lua_tostring(L, -1);
        for (i = 0; names[i]; i++) {
            size_t k, n = strlen(names[i]);
            if (strlen(s) != n) continue;
            for (k = 0; k < n && ((s[k] | 0x20) == (names[i][k] | 0x20)); k++)
                ;
            if (k == n) paper = codes[i];
        }
        if (paper < 0)
            luaL_error(L,
                       "%s: khổ giấy \"%s\" không rõ (dùng \"A4\", \"A3\", "
                       "\"A5\", \"Letter\", \"Legal\" hoặc mã số 0..255)",
                       what, s);
        lua_pop(L, 1); // stack = { ws, t }
    } else {
        lua_pop(L, 1); // stack = { ws, t }
        if (!opt_integer(L, 2, "paper", what, 0, 255, &paper)) paper = -1;
    }

    ty = rawfield(L, 2, "landscape"); // stack = { ws, t, landscape }
    lua_pop(L, 1);                    // stack = { ws, t }
    if (ty != LUA_TNIL) landscape = opt_bool(L, 2, "landscape", what, 0);

    ty = rawfield(L, 2, "margins"); // stack = { ws, t, margins }
    if (ty == LUA_TTABLE) {
        check_keys(L, 3, "print_setup: margins", margin_keys);
        for (i = 0; i < 4; i++) {
            double mm;
            if (opt_number(L, 3, margin_keys[i], "print_setup: margins (mm)", 0, 500, &mm))
                margins[i] = mm / 25.4; /* libxlsxwriter wants inches */
        }
    } else if (ty != LUA_TNIL)
        field_type_error(L, what, "margins",
                         "một bảng { left, right, top, bottom } "
                         "tính bằng mm");
    lua_pop(L, 1); // stack = { ws, t }

    header = opt_header(L, 2, "header", what);
    footer = opt_header(L, 2, "footer", what);

    ty = rawfield(L, 2, "repeat_rows"); // stack = { ws, t, repeat_rows }
    lua_pop(L, 1);                      // stack = { ws, t }
    if (ty == LUA_TNUMBER) {
        has_rows = opt_integer(L, 2, "repeat_rows", what, 0, LXW_ROW_MAX - 1, rows);
        if (has_rows) rows[1] = rows[0];
    } else
        has_rows = opt_int_list(L, 2, "repeat_rows", what, 2, "{ dòng_đầu, dòng_cuối }", rows);
    has_area = opt_int_list(L, 2, "print_area", what, 4, "{ r1, c1, r2, c2 }", area);
    for (i = 0; has_rows && i < 2; i++)
        if (rows[i] < 0 || rows[i] >= LXW_ROW_MAX)
            luaL_error(L, "%s: \"repeat_rows\" có số dòng ngoài khoảng 0..%d", what,
                       LXW_ROW_MAX - 1);
    for (i = 0; has_area && i < 4; i++)
        if (area[i] < 0 || area[i] >= ((i % 2) ? LXW_COL_MAX : LXW_ROW_MAX))
            luaL_error(L, "%s: \"print_area\" có dòng/cột nằm ngoài trang tính", what);

    has_fit_w = opt_integer(L, 2, "fit_width", what, 0, 32767, &fit_w);
    has_fit_h = opt_integer(L, 2, "fit_height", what, 0, 32767, &fit_h);
    has_scale = opt_integer(L, 2, "scale", what, 10, 400, &scale);
    if (has_scale && (has_fit_w || has_fit_h))
        return luaL_error(L,
                          "%s: dùng \"scale\" hoặc \"fit_width\"/\"fit_height\", "
                          "không dùng cả hai (Excel chỉ giữ một cách co giãn)",
                          what);
    /* the number of the sheet's first printed page (each sheet of a
     * workbook of documents starts again at 1) */
    has_start = opt_integer(L, 2, "start_page", what, 1, 65535, &start);
    center_h = opt_bool(L, 2, "center_horizontally", what, 0);
    center_v = opt_bool(L, 2, "center_vertically", what, 0);
    ty = rawfield(L, 2, "gridlines"); // stack = { ws, t, gridlines }
    lua_pop(L, 1);                    // stack = { ws, t }
    if (ty != LUA_TNIL) gridlines = opt_bool(L, 2, "gridlines", what, 0);

    /* Everything is valid: apply. */
    if (paper >= 0) worksheet_set_paper(r->ws, (uint8_t)paper);
    if (landscape == 1)
        worksheet_set_landscape(r->ws);
    else if (landscape == 0)
        worksheet_set_portrait(r->ws);
    worksheet_set_margins(r->ws, margins[0], margins[1], margins[2], margins[3]);
    if (header && (err = worksheet_set_header(r->ws, header)) != LXW_NO_ERROR)
        return sheet_fail(L, w, r, "Không đặt được đầu trang", err);
    if (footer && (err = worksheet_set_footer(r->ws, footer)) != LXW_NO_ERROR)
        return sheet_fail(L, w, r, "Không đặt được chân trang", err);
    if (has_rows && (err = worksheet_repeat_rows(r->ws, (lxw_row_t)rows[0], (lxw_row_t)rows[1])) !=
                        LXW_NO_ERROR)
        return sheet_fail(L, w, r, "Không đặt được dòng tiêu đề in lặp lại", err);
    if (has_area &&
        (err = worksheet_print_area(r->ws, (lxw_row_t)area[0], (lxw_col_t)area[1],
                                    (lxw_row_t)area[2], (lxw_col_t)area[3])) != LXW_NO_ERROR)
        return sheet_fail(L, w, r, "Không đặt được vùng in", err);
    if (has_fit_w || has_fit_h) worksheet_fit_to_pages(r->ws, (uint16_t)fit_w, (uint16_t)fit_h);
    if (has_scale) worksheet_set_print_scale(r->ws, (uint16_t)scale);
    if (has_start) worksheet_set_start_page(r->ws, (uint16_t)start);
    if (center_h) worksheet_center_horizontally(r->ws);
    if (center_v) worksheet_center_vertically(r->ws);
    if (gridlines >= 0)
        worksheet_gridlines(r->ws, gridlines ? LXW_SHOW_ALL_GRIDLINES : LXW_SHOW_SCREEN_GRIDLINES);
    return 0;
}

static int cmp_row(const void *a, const void *b)
{
    lxw_row_t x = *(const lxw_row_t *)a, y = *(const lxw_row_t *)b;
    return x < y ? -1 : x > y;
}

/* ws:page_breaks({ row, ... }): a manual page break above each row (0-based,
 * at least 1); replaces the sheet's breaks. Excel keeps at most 1023. */
static int ws_page_breaks(lua_State *L)
{
    lwb *w;
    sheet_rec *r = check_sheet(L, 1, &w);
    lxw_row_t *breaks;
    size_t n, i, k = 0;
    lxw_error err;

    check_table(L, 2, "danh sách dòng ngắt trang");
    if (r->has_breaks)
        return luaL_error(L,
                          "page_breaks: trang tính \"%s\" đã có chỗ ngắt trang; chỉ "
                          "đặt một lần",
                          r->name);
    n = lua_rawlen(L, 2);
    if (n == 0) return 0;
    if (n > LXW_BREAKS_MAX)
        return luaL_error(L,
                          "page_breaks: Excel chỉ cho phép tối đa %d chỗ ngắt trang "
                          "(nhận được %d)",
                          LXW_BREAKS_MAX, (int)n);
    breaks = lua_newuserdatauv(L, (n + 1) * sizeof *breaks, 0); // stack = { ws, t, buf }
    for (i = 0; i < n; i++) {
        int isint = 0;
        lua_Integer v = 0;
        if (lua_rawgeti(L, 2, (lua_Integer)i + 1) == LUA_TNUMBER) // stack = { ws, t, buf, v }
            v = lua_tointegerx(L, -1, &isint);
        lua_pop(L, 1); // stack = { ws, t, buf }
        if (!isint || v < 1 || v >= LXW_ROW_MAX)
            return luaL_error(L,
                              "page_breaks: phần tử %d phải là số dòng nguyên "
                              "1..%d",
                              (int)i + 1, LXW_ROW_MAX - 1);
        breaks[i] = (lxw_row_t)v;
    }
    qsort(breaks, n, sizeof *breaks, cmp_row);
    for (i = 0; i < n; i++)
        if (k == 0 || breaks[i] != breaks[k - 1]) breaks[k++] = breaks[i];
    breaks[k] = 0; /* the list ends with 0; libxlsxwriter copies it */
    err = worksheet_set_h_pagebreaks(r->ws, breaks);
    r->has_breaks = 1;
    if (err) return sheet_fail(L, w, r, "Không đặt được chỗ ngắt trang", err);
    return 0;
}

/* ws:hide() */
static int ws_hide(lua_State *L)
{
    sheet_rec *r = check_sheet(L, 1, NULL);

    worksheet_hide(r->ws);
    r->hidden = 1;
    return 0;
}

/* ws:activate() */
static int ws_activate(lua_State *L)
{
    lwb *w;
    sheet_rec *r = check_sheet(L, 1, &w);

    if (!r) return 0; /* not reached: check_sheet raises */
    activate_sheet(w, (size_t)(r - w->sheets));
    return 0;
}

/* ws:protect([password [, opts]]) - every option means "still allowed". */
static int ws_protect(lua_State *L)
{
    static const char *const keys[] = {
        "select_locked_cells", "select_unlocked_cells", "format_cells", "format_columns",
        "format_rows",         "insert_columns",        "insert_rows",  "insert_hyperlinks",
        "delete_columns",      "delete_rows",           "sort",         "autofilter",
        "pivot_tables",        "edit_scenarios",        "edit_objects", NULL};
    static const char what[] = "tùy chọn bảo vệ trang tính";
    sheet_rec *r = check_sheet(L, 1, NULL);
    const char *password = NULL;
    lxw_protection p;

    memset(&p, 0, sizeof p);
    if (!lua_isnoneornil(L, 2)) {
        size_t len;
        password = check_text(L, 2, "mật khẩu", &len);
        if (!is_ascii(password, len))
            arg_error(L, 2,
                      "mật khẩu chỉ được dùng ký tự ASCII (Excel băm mật khẩu có "
                      "dấu khác đi)");
        if (len > 255) arg_error(L, 2, "mật khẩu dài quá 255 ký tự");
        if (len == 0) password = NULL;
    }
    if (opt_table(L, 3, what)) {
        check_keys(L, 3, what, keys);
        p.no_select_locked_cells = !opt_bool(L, 3, "select_locked_cells", what, 1);
        p.no_select_unlocked_cells = !opt_bool(L, 3, "select_unlocked_cells", what, 1);
        p.format_cells = (uint8_t)opt_bool(L, 3, "format_cells", what, 0);
        p.format_columns = (uint8_t)opt_bool(L, 3, "format_columns", what, 0);
        p.format_rows = (uint8_t)opt_bool(L, 3, "format_rows", what, 0);
        p.insert_columns = (uint8_t)opt_bool(L, 3, "insert_columns", what, 0);
        p.insert_rows = (uint8_t)opt_bool(L, 3, "insert_rows", what, 0);
        p.insert_hyperlinks = (uint8_t)opt_bool(L, 3, "insert_hyperlinks", what, 0);
        p.delete_columns = (uint8_t)opt_bool(L, 3, "delete_columns", what, 0);
        p.delete_rows = (uint8_t)opt_bool(L, 3, "delete_rows", what, 0);
        p.sort = (uint8_t)opt_bool(L, 3, "sort", what, 0);
        p.autofilter = (uint8_t)opt_bool(L, 3, "autofilter", what, 0);
        p.pivot_tables = (uint8_t)opt_bool(L, 3, "pivot_tables", what, 0);
        p.scenarios = (uint8_t)opt_bool(L, 3, "edit_scenarios", what, 0);
        p.objects = (uint8_t)opt_bool(L, 3, "edit_objects", what, 0);
    }
    worksheet_protect(r->ws, password, &p);
    return 0;
}

/* ws:set_tab_color(color) */
static int ws_set_tab_color(lua_State *L)
{
    sheet_rec *r = check_sheet(L, 1, NULL);

    worksheet_set_tab_color(r->ws, to_color(L, 2, "set_tab_color"));
    return 0;
}

/* Pushes "text" as an Excel string literal: "a""b". */
static const char *push_quoted(lua_State *L, const char *s)
{
    luaL_Buffer b;

    luaL_buffinit(L, &b);
    luaL_addchar(&b, '"');
    for (; *s; s++) {
        if (*s == '"') luaL_addchar(&b, '"');
        luaL_addchar(&b, *s);
    }
    luaL_addchar(&b, '"');
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

/* A validation bound at t[key]: number or formula text. Pushes nothing net;
 * the returned text (formula or number as text) is anchored in the table or
 * pushed onto the stack (then *pushed is incremented). */
typedef struct bound {
    int present, is_formula;
    double number;
    const char *formula;
} bound;

static void opt_bound(lua_State *L, int t, const char *key, const char *what, bound *b)
{
    int ty = rawfield(L, t, key); // stack = { ..., v }

    memset(b, 0, sizeof *b);
    if (ty == LUA_TNUMBER) {
        b->present = 1;
        b->number = (double)lua_tonumber(L, -1);
        if (!isfinite(b->number)) luaL_error(L, "%s: \"%s\" phải là số hữu hạn", what, key);
    } else if (ty == LUA_TSTRING) {
        size_t len;
        b->present = b->is_formula = 1;
        b->formula = lua_tolstring(L, -1, &len);
        check_utf8(L, b->formula, len, key);
        if (len == 0) luaL_error(L, "%s: \"%s\" là công thức trống", what, key);
    } else if (ty != LUA_TNIL)
        field_type_error(L, what, key, "một số hoặc một công thức (chuỗi)");
    lua_pop(L, 1); // stack = { ... }
}

/* Length check for a validation title or message. */
static const char *opt_limited(lua_State *L, int t, const char *key, const char *what, size_t max)
{
    size_t len, units;
    const char *s = opt_text(L, t, key, what, &len);

    if (!s) return NULL;
    units = utf16_units(s, len);
    if (units > max)
        luaL_error(L, "%s: \"%s\" dài %d ký tự, Excel chỉ cho phép tối đa %d", what, key,
                   (int)units, (int)max);
    return len ? s : NULL;
}

static uint8_t onoff(int v)
{
    return v ? LXW_VALIDATION_ON : LXW_VALIDATION_OFF;
}

/* ws:validation(r1, c1, r2, c2, opts) */
static int ws_validation(lua_State *L)
{
    static const char *const keys[] = {
        "type",        "source",        "list",       "criteria",     "value",
        "min",         "max",           "formula",    "input_title",  "input_message",
        "error_title", "error_message", "error_type", "ignore_blank", "dropdown",
        "show_input",  "show_error",    NULL};
    static const char *const types[] = {"list",   "whole", "decimal", "length",
                                        "custom", "any",   NULL};
    static const char *const criteria[] = {"between", "not_between", "==", "!=", ">",
                                           "<",       ">=",          "<=", NULL};
    static const uint8_t criteria_values[] = {LXW_VALIDATION_CRITERIA_BETWEEN,
                                              LXW_VALIDATION_CRITERIA_NOT_BETWEEN,
                                              LXW_VALIDATION_CRITERIA_EQUAL_TO,
                                              LXW_VALIDATION_CRITERIA_NOT_EQUAL_TO,
                                              LXW_VALIDATION_CRITERIA_GREATER_THAN,
                                              LXW_VALIDATION_CRITERIA_LESS_THAN,
                                              LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
                                              LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO};
    static const char *const error_types[] = {"stop", "warning", "information", NULL};
    static const char what[] = "validation";
    lwb *w;
    sheet_rec *r = check_sheet(L, 1, &w);
    merge_area a;
    lxw_data_validation v;
    int type, crit, et, top, retype_list = 0;
    bound bmin, bmax, bval;
    lxw_error err;
    char buf[LXW_MAX_CELL_RANGE_LENGTH];

    check_area(L, 2, &a);
    check_table(L, 6, "bảng tùy chọn kiểm tra dữ liệu");
    lua_settop(L, 6);
    check_keys(L, 6, what, keys);
    memset(&v, 0, sizeof v);

    type = opt_enum(L, 6, "type", what, types,
                    "\"list\", \"whole\", \"decimal\", \"length\", \"custom\", \"any\"");
    if (type < 0) return luaL_error(L, "%s: thiếu \"type\"", what);

    v.input_title = (char *)opt_limited(L, 6, "input_title", what, VALIDATION_TITLE_MAX);
    v.error_title = (char *)opt_limited(L, 6, "error_title", what, VALIDATION_TITLE_MAX);
    v.input_message = (char *)opt_limited(L, 6, "input_message", what, VALIDATION_MESSAGE_MAX);
    v.error_message = (char *)opt_limited(L, 6, "error_message", what, VALIDATION_MESSAGE_MAX);
    et = opt_enum(L, 6, "error_type", what, error_types, "\"stop\", \"warning\", \"information\"");
    v.error_type =
        (uint8_t)(et < 0 ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_STOP + et);
    v.ignore_blank = onoff(opt_bool(L, 6, "ignore_blank", what, 1));
    v.show_input = onoff(opt_bool(L, 6, "show_input", what, 1));
    v.show_error = onoff(opt_bool(L, 6, "show_error", what, 1));
    v.dropdown = onoff(opt_bool(L, 6, "dropdown", what, 1));

    top = lua_gettop(L); /* texts pushed below stay until the call returns */
    if (type == 0) {     /* list */
        size_t slen;
        const char *source = opt_text(L, 6, "source", what, &slen);
        int lt = rawfield(L, 6, "list"); // stack = { ..., list }
        if ((source != NULL) == (lt != LUA_TNIL))
            return luaL_error(L,
                              "%s: kiểu \"list\" cần đúng một trong \"source\" "
                              "(vùng ô, ví dụ \"=DanhMuc!$A$1:$A$8\") hoặc \"list\"",
                              what);
        if (source) {
            if (slen == 0 || (slen == 1 && source[0] == '='))
                return luaL_error(L, "%s: \"source\" trống", what);
            /* 1.1.4 copies a LIST_FORMULA formula twice and leaks the first
             * copy; CUSTOM_FORMULA is copied once and otherwise handled
             * alike, so store it as that and retype the stored copy below. */
            v.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
            v.value_formula = (char *)source;
            retype_list = 1;
        } else {
            /* libxlsxwriter 1.1.4 joins inline items into a 258-byte buffer
             * while it limits their length in characters: only short ASCII
             * lists are safe. Anything else belongs in a sheet range. */
            size_t n = 0, i, total = 0;
            char **items;
            if (lt != LUA_TTABLE || (n = lua_rawlen(L, -1)) == 0)
                return luaL_error(L, "%s: \"list\" phải là một mảng chuỗi không rỗng", what);
            items = lua_newuserdatauv(L, (n + 1) * sizeof *items, 0);
            // stack = { ..., list, items }
            for (i = 0; i < n; i++) {
                size_t len;
                const char *s;
                if (lua_rawgeti(L, -2, (lua_Integer)i + 1) != LUA_TSTRING)
                    return luaL_error(L, "%s: phần tử %d của \"list\" không phải chuỗi", what,
                                      (int)i + 1);
                s = lua_tolstring(L, -1, &len); // anchored by the list table
                lua_pop(L, 1);                  // stack = { ..., list, items }
                if (len == 0 || !is_ascii(s, len) || memchr(s, ',', len) || memchr(s, '"', len) ||
                    memchr(s, '\0', len))
                    return luaL_error(L,
                                      "%s: danh sách trực tiếp chỉ nhận mục ASCII, "
                                      "không rỗng, không chứa dấu phẩy hay dấu nháy "
                                      "kép (mục %d); hãy ghi danh sách vào một vùng ô "
                                      "và dùng \"source\"",
                                      what, (int)i + 1);
                total += len + (i ? 1 : 0);
                items[i] = (char *)s;
            }
            items[n] = NULL;
            if (total >= INLINE_LIST_MAX)
                return luaL_error(L,
                                  "%s: danh sách trực tiếp dài %d ký tự (kể cả dấu "
                                  "phẩy), phải ngắn hơn %d; hãy dùng \"source\"",
                                  what, (int)total, INLINE_LIST_MAX);
            v.validate = LXW_VALIDATION_TYPE_LIST;
            v.value_list = items;
        }
    } else if (type == 4) { /* custom */
        size_t flen;
        const char *f = opt_text(L, 6, "formula", what, &flen);
        if (!f || flen == 0) return luaL_error(L, "%s: kiểu \"custom\" cần \"formula\"", what);
        v.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
        v.value_formula = (char *)f;
    } else if (type == 5) { /* any: only input messages */
        v.validate = LXW_VALIDATION_TYPE_ANY;
        if (!v.input_title && !v.input_message)
            return luaL_error(L,
                              "%s: kiểu \"any\" chỉ dùng để hiện \"input_title\"/"
                              "\"input_message\"",
                              what);
    } else { /* whole, decimal, length */
        static const uint8_t num_types[] = {
            LXW_VALIDATION_TYPE_INTEGER, LXW_VALIDATION_TYPE_DECIMAL, LXW_VALIDATION_TYPE_LENGTH};
        static const uint8_t formula_types[] = {LXW_VALIDATION_TYPE_INTEGER_FORMULA,
                                                LXW_VALIDATION_TYPE_DECIMAL_FORMULA,
                                                LXW_VALIDATION_TYPE_LENGTH_FORMULA};
        int is_between, any_formula;
        opt_bound(L, 6, "min", what, &bmin);
        opt_bound(L, 6, "max", what, &bmax);
        opt_bound(L, 6, "value", what, &bval);
        crit = opt_enum(L, 6, "criteria", what, criteria,
                        "\"between\", \"not_between\", \"==\", \"!=\", \">\", \"<\", "
                        "\">=\", \"<=\"");
        if (crit < 0) {
            if (bval.present)
                crit = 2;
            else if (bmin.present && bmax.present)
                crit = 0;
            else if (bmin.present)
                crit = 6;
            else if (bmax.present)
                crit = 7;
            else
                return luaL_error(L, "%s: cần \"min\", \"max\" hoặc \"value\"", what);
            if (bval.present && (bmin.present || bmax.present))
                return luaL_error(L,
                                  "%s: dùng \"value\" hoặc \"min\"/\"max\", không "
                                  "dùng cả hai",
                                  what);
        }
        is_between = crit <= 1;
        if (is_between && !(bmin.present && bmax.present))
            return luaL_error(L, "%s: điều kiện \"%s\" cần cả \"min\" và \"max\"", what,
                              criteria[crit]);
        if (!is_between && !bval.present) {
            /* ">=" with min, "<=" with max read naturally too. */
            if (bmin.present && !bmax.present)
                bval = bmin;
            else if (bmax.present && !bmin.present)
                bval = bmax;
            else
                return luaL_error(L, "%s: điều kiện \"%s\" cần \"value\"", what, criteria[crit]);
        }
        any_formula = is_between ? (bmin.is_formula || bmax.is_formula) : bval.is_formula;
        v.criteria = criteria_values[crit];
        if (!any_formula) {
            v.validate = num_types[type - 1];
            v.minimum_number = bmin.number;
            v.maximum_number = bmax.number;
            v.value_number = bval.number;
        } else {
            /* libxlsxwriter wants all bounds as formulas then. */
            v.validate = formula_types[type - 1];
            if (is_between) {
                v.minimum_formula =
                    (char *)(bmin.is_formula ? bmin.formula : push_number_text(L, bmin.number));
                v.maximum_formula =
                    (char *)(bmax.is_formula ? bmax.formula : push_number_text(L, bmax.number));
            } else
                v.value_formula = (char *)bval.formula;
        }
    }
    err = worksheet_data_validation_range(r->ws, a.r1, a.c1, a.r2, a.c2, &v);
    if (!err && retype_list) {
        lxw_data_val_obj *it, *last = NULL;
        STAILQ_FOREACH(it, r->ws->data_validations, list_pointers)
        last = it;
        if (last) last->validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    }
    lua_settop(L, top);
    if (err)
        return sheet_fail(
            L, w, r,
            lua_pushfstring(L, "Không đặt được kiểm tra dữ liệu cho %s", area_name(buf, &a)), err);
    return 0;
}

/* ws:conditional(r1, c1, r2, c2, opts) */
static int ws_conditional(lua_State *L)
{
    static const char *const keys[] = {"type",    "criteria", "value",        "min", "max",
                                       "formula", "format",   "stop_if_true", NULL};
    static const char *const types[] = {"cell", "formula", "text", "blanks", "no_blanks", NULL};
    static const char *const cell_criteria[] = {
        "==", "!=", ">", "<", ">=", "<=", "between", "not_between", NULL};
    static const uint8_t cell_values[] = {LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                          LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO,
                                          LXW_CONDITIONAL_CRITERIA_GREATER_THAN,
                                          LXW_CONDITIONAL_CRITERIA_LESS_THAN,
                                          LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
                                          LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO,
                                          LXW_CONDITIONAL_CRITERIA_BETWEEN,
                                          LXW_CONDITIONAL_CRITERIA_NOT_BETWEEN};
    static const char *const text_criteria[] = {"containing", "not_containing", "begins_with",
                                                "ends_with", NULL};
    static const char what[] = "conditional";
    lwb *w;
    sheet_rec *r = check_sheet(L, 1, &w);
    merge_area a;
    lxw_conditional_format cf;
    int type, crit, top;
    char first[LXW_MAX_CELL_NAME_LENGTH], buf[LXW_MAX_CELL_RANGE_LENGTH];
    lxw_error err;

    check_area(L, 2, &a);
    check_table(L, 6, "bảng tùy chọn định dạng có điều kiện");
    lua_settop(L, 6);
    check_keys(L, 6, what, keys);
    memset(&cf, 0, sizeof cf);

    type = opt_enum(L, 6, "type", what, types,
                    "\"cell\", \"formula\", \"text\", \"blanks\", \"no_blanks\"");
    if (type < 0) return luaL_error(L, "%s: thiếu \"type\"", what);
    if (rawfield(L, 6, "format") != LUA_TNIL) { // stack = { ..., format }
        const lfmt *f = as_format(L, -1, w);
        if (!f) return field_type_error(L, what, "format", "một định dạng (wb:format)");
        if (f->owner != w || !f->fmt)
            return luaL_error(L, "%s: định dạng này thuộc về một sổ tính khác", what);
        cf.format = f->fmt;
    }
    lua_pop(L, 1); // stack = { ... }
    if (!cf.format)
        return luaL_error(L, "%s: thiếu \"format\" (một định dạng tạo bằng wb:format)", what);
    cf.stop_if_true = (uint8_t)opt_bool(L, 6, "stop_if_true", what, 0);

    /* Text and blank rules are written as formulas on the top-left cell:
     * libxlsxwriter 1.1.4 builds its own with the wrong column. */
    lxw_rowcol_to_cell(first, a.r1, a.c1);
    top = lua_gettop(L);
    if (type == 0) { /* cell */
        bound bv, bmin, bmax;
        crit = opt_enum(L, 6, "criteria", what, cell_criteria,
                        "\"==\", \"!=\", \">\", \"<\", \">=\", \"<=\", \"between\", "
                        "\"not_between\"");
        if (crit < 0) return luaL_error(L, "%s: kiểu \"cell\" cần \"criteria\"", what);
        cf.type = LXW_CONDITIONAL_TYPE_CELL;
        cf.criteria = cell_values[crit];
        opt_bound(L, 6, "value", what, &bv);
        opt_bound(L, 6, "min", what, &bmin);
        opt_bound(L, 6, "max", what, &bmax);
        if (crit >= 6) {
            if (!bmin.present || !bmax.present)
                return luaL_error(L, "%s: \"%s\" cần \"min\" và \"max\"", what,
                                  cell_criteria[crit]);
            /* Strings are literal text here, numbers are numbers. */
            if (bmin.is_formula)
                cf.min_value_string = (char *)push_quoted(L, bmin.formula);
            else
                cf.min_value = bmin.number;
            if (bmax.is_formula)
                cf.max_value_string = (char *)push_quoted(L, bmax.formula);
            else
                cf.max_value = bmax.number;
            if (!bmin.is_formula && bmax.is_formula)
                cf.min_value_string = (char *)push_number_text(L, bmin.number);
            if (bmin.is_formula && !bmax.is_formula)
                cf.max_value_string = (char *)push_number_text(L, bmax.number);
        } else {
            if (!bv.present)
                return luaL_error(L, "%s: \"%s\" cần \"value\"", what, cell_criteria[crit]);
            if (bv.is_formula)
                cf.value_string = (char *)push_quoted(L, bv.formula);
            else
                cf.value = bv.number;
        }
    } else if (type == 1) { /* formula */
        size_t flen;
        const char *f = opt_text(L, 6, "formula", what, &flen);
        if (!f || flen == 0) return luaL_error(L, "%s: kiểu \"formula\" cần \"formula\"", what);
        cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
        cf.value_string = (char *)f;
    } else if (type == 2) { /* text */
        size_t vlen;
        const char *text, *lit;
        crit = opt_enum(L, 6, "criteria", what, text_criteria,
                        "\"containing\", \"not_containing\", \"begins_with\", "
                        "\"ends_with\"");
        text = opt_text(L, 6, "value", what, &vlen);
        if (crit < 0 || !text || vlen == 0)
            return luaL_error(L,
                              "%s: kiểu \"text\" cần \"criteria\" và \"value\" "
                              "(chuỗi không rỗng)",
                              what);
        lit = push_quoted(L, text);
        cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
        switch (crit) {
        case 0:
            cf.value_string = (char *)lua_pushfstring(L, "NOT(ISERROR(SEARCH(%s,%s)))", lit, first);
            break;
        case 1:
            cf.value_string = (char *)lua_pushfstring(L, "ISERROR(SEARCH(%s,%s))", lit, first);
            break;
        case 2:
            cf.value_string = (char *)lua_pushfstring(L, "LEFT(%s,%d)=%s", first,
                                                      (int)utf16_units(text, vlen), lit);
            break;
        default:
            cf.value_string = (char *)lua_pushfstring(L, "RIGHT(%s,%d)=%s", first,
                                                      (int)utf16_units(text, vlen), lit);
            break;
        }
    } else { /* blanks, no_blanks */
        cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
        cf.value_string =
            (char *)lua_pushfstring(L, "LEN(TRIM(%s))%s", first, type == 3 ? "=0" : ">0");
    }
    err = worksheet_conditional_format_range(r->ws, a.r1, a.c1, a.r2, a.c2, &cf);
    lua_settop(L, top);
    if (err)
        return sheet_fail(L, w, r,
                          lua_pushfstring(L,
                                          "Không đặt được định dạng có điều kiện "
                                          "cho %s",
                                          area_name(buf, &a)),
                          err);
    return 0;
}

/* ------------------------------------------------------------------------
 * Charts
 * ---------------------------------------------------------------------- */

/* Parses one "$A$1"-style cell reference; returns the end or NULL. */
static const char *parse_cell_ref(const char *p, const char *end)
{
    long col = 0, row = 0;
    int nl = 0, nd = 0;

    if (p < end && *p == '$') p++;
    while (p < end && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) && nl < 4) {
        col = col * 26 + ((*p | 0x20) - 'a' + 1);
        p++, nl++;
    }
    if (nl == 0 || nl > 3 || col > LXW_COL_MAX) return NULL;
    if (p < end && *p == '$') p++;
    while (p < end && *p >= '0' && *p <= '9' && nd < 8) {
        row = row * 10 + (*p - '0');
        p++, nd++;
    }
    if (nd == 0 || row < 1 || row > LXW_ROW_MAX) return NULL;
    return p;
}

/* NULL if ref is "[=]Sheet!$A$1[:$B$2]" naming an existing sheet of w;
 * otherwise pushes and returns the reason. */
static const char *chart_ref_problem(lua_State *L, lwb *w, const char *ref, size_t len)
{
    const char *p = ref, *end = ref + len;
    char name[4 * SHEET_NAME_MAX + 1];
    size_t n = 0, i;

    if (p < end && *p == '=') p++;
    if (len >= LXW_MAX_FORMULA_RANGE_LENGTH)
        return lua_pushfstring(L, "tham chiếu \"%s\" quá dài", ref);
    if (p < end && *p == '\'') {
        for (p++;; p++) {
            if (p == end) return lua_pushfstring(L, "tham chiếu \"%s\" thiếu dấu nháy đóng", ref);
            if (*p == '\'') {
                if (p + 1 < end && p[1] == '\'')
                    p++;
                else {
                    p++;
                    break;
                }
            }
            if (n + 1 >= sizeof name)
                return lua_pushfstring(L, "tham chiếu \"%s\": tên trang tính quá dài", ref);
            name[n++] = *p;
        }
    } else {
        for (; p < end && *p != '!'; p++) {
            unsigned char c = (unsigned char)*p;
            if (!(c >= 0x80 || c == '_' || c == '.' || (c >= '0' && c <= '9') ||
                  ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
                return lua_pushfstring(L,
                                       "tham chiếu \"%s\": tên trang tính có khoảng "
                                       "trắng hoặc ký tự đặc biệt phải đặt trong dấu "
                                       "nháy đơn, ví dụ ='Thống kê'!$B$2:$B$4",
                                       ref);
            if (n + 1 >= sizeof name)
                return lua_pushfstring(L, "tham chiếu \"%s\": tên trang tính quá dài", ref);
            name[n++] = *p;
        }
    }
    name[n] = '\0';
    if (p == end || *p != '!' || n == 0)
        return lua_pushfstring(L,
                               "tham chiếu \"%s\" phải có dạng "
                               "='Tên trang'!$A$1:$A$9",
                               ref);
    for (i = 0; i < w->nsheets && strcmp(w->sheets[i].name, name) != 0; i++)
        ;
    if (i == w->nsheets)
        return lua_pushfstring(L,
                               "tham chiếu \"%s\": không có trang tính \"%s\" trong "
                               "sổ tính",
                               ref, name);
    p = parse_cell_ref(p + 1, end);
    if (p && p < end && *p == ':') p = parse_cell_ref(p + 1, end);
    if (!p || p != end) return lua_pushfstring(L, "tham chiếu \"%s\": vùng ô không hợp lệ", ref);
    return NULL;
}

/* Text for a chart title/name: plain text, or "=Sheet!$A$1" (checked). */
static const char *chart_text(lua_State *L, lwb *w, int t, const char *key, const char *what)
{
    size_t len;
    const char *s = opt_text(L, t, key, what, &len);
    const char *why;

    if (!s) return NULL;
    if (len > 0 && s[0] == '=' && (why = chart_ref_problem(L, w, s, len)) != NULL)
        luaL_error(L, "%s: \"%s\": %s", what, key, why);
    if (len == 0) return NULL;
    return s;
}

static const char *chart_range(lua_State *L, lwb *w, int t, const char *key, const char *what,
                               int required)
{
    size_t len;
    const char *s = opt_text(L, t, key, what, &len);
    const char *why;

    if (!s || len == 0) {
        if (required) luaL_error(L, "%s: thiếu \"%s\"", what, key);
        return NULL;
    }
    if ((why = chart_ref_problem(L, w, s, len)) != NULL)
        luaL_error(L, "%s: \"%s\": %s", what, key, why);
    return s;
}

typedef struct series_spec {
    const char *name, *categories, *values;
    int labels, has_color;
    lxw_color_t color;
} series_spec;

/* wb:chart{ type, title, series = { ... }, x_axis, y_axis, style, legend } */
static int wb_chart(lua_State *L)
{
    static const char *const keys[] = {"type",   "title", "series", "x_axis",
                                       "y_axis", "style", "legend", NULL};
    static const char *const series_keys[] = {"name",        "categories", "values",
                                              "data_labels", "color",      NULL};
    static const char *const types[] = {"column", "bar", "pie", "line", "doughnut", "area", NULL};
    static const uint8_t type_values[] = {LXW_CHART_COLUMN, LXW_CHART_BAR,      LXW_CHART_PIE,
                                          LXW_CHART_LINE,   LXW_CHART_DOUGHNUT, LXW_CHART_AREA};
    static const char *const legends[] = {"none", "right", "left", "top", "bottom", NULL};
    static const uint8_t legend_values[] = {LXW_CHART_LEGEND_NONE, LXW_CHART_LEGEND_RIGHT,
                                            LXW_CHART_LEGEND_LEFT, LXW_CHART_LEGEND_TOP,
                                            LXW_CHART_LEGEND_BOTTOM};
    static const char what[] = "biểu đồ";
    lwb *w = check_wb(L, 1);
    const char *title, *x_axis, *y_axis;
    lua_Integer style = 0;
    int type, legend, has_style, st, no_axes;
    size_t n = 0, i;
    series_spec *ss;
    lchart *c;
    lxw_chart *x;

    check_table(L, 2, "bảng mô tả biểu đồ");
    lua_settop(L, 2);
    check_keys(L, 2, what, keys);
    type = opt_enum(L, 2, "type", what, types,
                    "\"column\", \"bar\", \"pie\", \"line\", \"doughnut\", \"area\"");
    if (type < 0) return luaL_error(L, "%s: thiếu \"type\"", what);
    no_axes = type_values[type] == LXW_CHART_PIE || type_values[type] == LXW_CHART_DOUGHNUT;
    title = chart_text(L, w, 2, "title", what);
    x_axis = chart_text(L, w, 2, "x_axis", what);
    y_axis = chart_text(L, w, 2, "y_axis", what);
    if (no_axes && (x_axis || y_axis))
        return luaL_error(L, "%s: biểu đồ \"%s\" không có trục, bỏ \"x_axis\"/\"y_axis\"", what,
                          types[type]);
    has_style = opt_integer(L, 2, "style", what, 1, 48, &style);
    legend = opt_enum(L, 2, "legend", what, legends,
                      "\"none\", \"right\", \"left\", \"top\", \"bottom\"");

    st = rawfield(L, 2, "series"); // stack = { wb, t, series }
    if (st != LUA_TTABLE || (n = lua_rawlen(L, 3)) == 0)
        return luaL_error(L,
                          "%s: \"series\" phải là một mảng không rỗng các chuỗi số "
                          "liệu { name, categories, values }",
                          what);
    ss = lua_newuserdatauv(L, n * sizeof *ss, 0); // stack = { wb, t, series, ss }
    for (i = 0; i < n; i++) {
        const char *swhat;
        if (lua_rawgeti(L, 3, (lua_Integer)i + 1) != LUA_TTABLE)
            return luaL_error(L, "%s: phần tử %d của \"series\" phải là một bảng", what,
                              (int)i + 1);
        // stack = { wb, t, series, ss, s_i }
        swhat = lua_pushfstring(L, "%s: series[%d]", what, (int)i + 1);
        // stack = { wb, t, series, ss, s_i, swhat }
        check_keys(L, 5, swhat, series_keys);
        ss[i].name = chart_text(L, w, 5, "name", swhat);
        ss[i].categories = chart_range(L, w, 5, "categories", swhat, 0);
        ss[i].values = chart_range(L, w, 5, "values", swhat, 1);
        ss[i].labels = opt_bool(L, 5, "data_labels", swhat, 0);
        ss[i].has_color = opt_color(L, 5, "color", swhat, &ss[i].color);
        lua_pop(L, 2); // stack = { wb, t, series, ss }
    }

    c = lua_newuserdatauv(L, sizeof *c, 1); // stack = { wb, t, series, ss, c }
    c->owner = NULL;
    c->chart = NULL;
    c->inserted = 0;
    luaL_setmetatable(L, CHART_MT);
    lua_pushvalue(L, 1);         // stack = { wb, t, series, ss, c, wb }
    lua_setiuservalue(L, -2, 1); // stack = { wb, t, series, ss, c }

    x = workbook_add_chart(w->wb, type_values[type]);
    if (!x) return luaL_error(L, "Không tạo được biểu đồ: không đủ bộ nhớ");
    for (i = 0; i < n; i++) {
        lxw_chart_series *s = chart_add_series(x, ss[i].categories, ss[i].values);
        if (!s) return luaL_error(L, "Không tạo được chuỗi số liệu %d của biểu đồ", (int)i + 1);
        if (ss[i].name) chart_series_set_name(s, ss[i].name);
        if (ss[i].labels) chart_series_set_labels(s);
        if (ss[i].has_color) {
            lxw_chart_fill fill;
            memset(&fill, 0, sizeof fill);
            fill.color = ss[i].color;
            chart_series_set_fill(s, &fill);
        }
    }
    if (title) chart_title_set_name(x, title);
    if (x_axis) chart_axis_set_name(x->x_axis, x_axis);
    if (y_axis) chart_axis_set_name(x->y_axis, y_axis);
    if (has_style) chart_set_style(x, (uint8_t)style);
    if (legend >= 0) chart_legend_set_position(x, legend_values[legend]);
    c->owner = w;
    c->chart = x;
    return 1;
}

static int chart_tostring(lua_State *L)
{
    lchart *c = luaL_checkudata(L, 1, CHART_MT);
    lua_pushfstring(L, "dvht.chart (%p%s)", (void *)c, c->inserted ? ", đã chèn" : "");
    return 1;
}

/* ws:insert_chart(row, col, chart [, { x_scale, y_scale, x_offset, y_offset,
 * description }]) */
static int ws_insert_chart(lua_State *L)
{
    static const char *const keys[] = {"x_scale",  "y_scale",     "x_offset",
                                       "y_offset", "description", NULL};
    static const char what[] = "tùy chọn chèn biểu đồ";
    lwb *w;
    sheet_rec *r = check_sheet(L, 1, &w);
    lxw_row_t row = check_row(L, 2);
    lxw_col_t col = check_col(L, 3);
    lchart *c = luaL_testudata(L, 4, CHART_MT);
    lxw_chart_options o;
    lua_Integer off;
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    lxw_error err;

    if (!c)
        return arg_errorf(L, 4, "cần một biểu đồ (wb:chart), nhận được %s", luaL_typename(L, 4));
    if (c->owner != w || !c->chart) return arg_error(L, 4, "biểu đồ này thuộc về một sổ tính khác");
    if (c->inserted)
        return arg_error(L, 4,
                         "biểu đồ này đã được chèn; mỗi biểu đồ chỉ chèn được "
                         "một lần");
    memset(&o, 0, sizeof o);
    o.x_scale = o.y_scale = 1.0;
    if (opt_table(L, 5, what)) {
        check_keys(L, 5, what, keys);
        opt_number(L, 5, "x_scale", what, 0.01, 100, &o.x_scale);
        opt_number(L, 5, "y_scale", what, 0.01, 100, &o.y_scale);
        if (opt_integer(L, 5, "x_offset", what, 0, 100000, &off)) o.x_offset = (int32_t)off;
        if (opt_integer(L, 5, "y_offset", what, 0, 100000, &off)) o.y_offset = (int32_t)off;
        o.description = (char *)opt_text(L, 5, "description", what, NULL);
    }
    err = worksheet_insert_chart_opt(r->ws, row, col, c->chart, &o);
    if (err)
        return sheet_fail(
            L, w, r,
            lua_pushfstring(L, "Không chèn được biểu đồ vào ô %s", cell_name(cell, row, col)), err);
    c->inserted = 1;
    return 0;
}

/* ------------------------------------------------------------------------
 * Workbook-level settings
 * ---------------------------------------------------------------------- */

/* Excel defined names: a letter, '_' or '\' first, then letters, digits,
 * '_' and '.'; non-ASCII letters are allowed; no cell-reference look-alikes. */
static const char *defined_name_problem(lua_State *L, const char *name, size_t len)
{
    size_t i, letters = 0;
    unsigned char c0 = (unsigned char)name[0];

    if (len == 0) return lua_pushstring(L, "tên vùng trống");
    if (len > DEFINED_NAME_MAX)
        return lua_pushfstring(L, "tên vùng \"%s\" dài quá %d byte", name, DEFINED_NAME_MAX);
    if (!(c0 >= 0x80 || c0 == '_' || c0 == '\\' || ((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z')))
        return lua_pushfstring(L,
                               "tên vùng \"%s\" phải bắt đầu bằng chữ cái, '_' hoặc "
                               "'\\'",
                               name);
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (!(c >= 0x80 || c == '_' || c == '\\' || c == '.' || (c >= '0' && c <= '9') ||
              ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
            return lua_pushfstring(L, "tên vùng \"%s\" chứa ký tự không được phép '%c'", name,
                                   (int)c);
    }
    /* "A1", "XFD100", "R1C1"-like names are cell references. */
    while (letters < len && ((name[letters] | 0x20) >= 'a' && (name[letters] | 0x20) <= 'z'))
        letters++;
    if (letters >= 1 && letters <= 3 && letters < len) {
        for (i = letters; i < len && name[i] >= '0' && name[i] <= '9'; i++)
            ;
        if (i == len) return lua_pushfstring(L, "tên vùng \"%s\" trùng dạng địa chỉ ô", name);
    }
    /* R, C, R1, C2, RC, R1C1, ... (the whole name). */
    i = 0;
    if ((name[i] | 0x20) == 'r')
        for (i++; i < len && name[i] >= '0' && name[i] <= '9'; i++)
            ;
    if (i < len && (name[i] | 0x20) == 'c')
        for (i++; i < len && name[i] >= '0' && name[i] <= '9'; i++)
            ;
    if (i > 0 && i == len)
        return lua_pushfstring(L, "tên vùng \"%s\" trùng dạng địa chỉ ô kiểu R1C1", name);
    return NULL;
}

/* wb:define_name(name, formula) */
static int wb_define_name(lua_State *L)
{
    lwb *w = check_wb(L, 1);
    size_t nlen, flen, i;
    const char *name = check_text(L, 2, "tên vùng", &nlen);
    const char *formula = check_text(L, 3, "công thức của tên vùng", &flen);
    const char *why, *body;
    char *folded;
    lxw_error err;

    if ((why = defined_name_problem(L, name, nlen)) != NULL) return arg_error(L, 2, why);
    body = formula[0] == '=' ? formula + 1 : formula;
    if (*body == '\0') return arg_error(L, 3, "công thức trống");
    if (strlen(body) > DEFINED_NAME_MAX)
        return arg_errorf(L, 3, "công thức của tên vùng dài quá %d byte", DEFINED_NAME_MAX);
    if (w->nnames == w->capnames) {
        size_t cap = w->capnames ? w->capnames * 2 : 8;
        char **grown = realloc(w->names, cap * sizeof *grown);
        if (!grown) return luaL_error(L, "Không tạo được tên vùng: không đủ bộ nhớ");
        w->names = grown;
        w->capnames = cap;
    }
    folded = fold_name(name);
    if (!folded) return luaL_error(L, "Không tạo được tên vùng: không đủ bộ nhớ");
    for (i = 0; i < w->nnames; i++) {
        if (strcmp(w->names[i], folded) == 0) {
            free(folded);
            return luaL_error(L, "Tên vùng \"%s\" đã được định nghĩa", name);
        }
    }
    err = workbook_define_name(w->wb, name, formula);
    if (err) {
        free(folded);
        return luaL_error(L, "Không tạo được tên vùng \"%s\": %s", name, lxw_strerror(err));
    }
    w->names[w->nnames++] = folded;
    return 0;
}

/* wb:set_properties{ title, subject, author, manager, company, category,
 * keywords, comments, status } */
static int wb_set_properties(lua_State *L)
{
    static const char *const keys[] = {"title",    "subject",  "author",   "manager", "company",
                                       "category", "keywords", "comments", "status",  NULL};
    static const char what[] = "thuộc tính tài liệu";
    lwb *w = check_wb(L, 1);
    lxw_doc_properties p;
    lxw_error err;

    check_table(L, 2, "bảng thuộc tính tài liệu");
    lua_settop(L, 2);
    check_keys(L, 2, what, keys);
    memset(&p, 0, sizeof p);
    p.title = (char *)opt_text(L, 2, "title", what, NULL);
    p.subject = (char *)opt_text(L, 2, "subject", what, NULL);
    p.author = (char *)opt_text(L, 2, "author", what, NULL);
    p.manager = (char *)opt_text(L, 2, "manager", what, NULL);
    p.company = (char *)opt_text(L, 2, "company", what, NULL);
    p.category = (char *)opt_text(L, 2, "category", what, NULL);
    p.keywords = (char *)opt_text(L, 2, "keywords", what, NULL);
    p.comments = (char *)opt_text(L, 2, "comments", what, NULL);
    p.status = (char *)opt_text(L, 2, "status", what, NULL);
    err = workbook_set_properties(w->wb, &p); /* copies every string */
    if (err) return luaL_error(L, "Không đặt được thuộc tính tài liệu: %s", lxw_strerror(err));
    return 0;
}

/* ------------------------------------------------------------------------
 * Registration
 * ---------------------------------------------------------------------- */

static const luaL_Reg wb_methods[] = {{"format", wb_format},
                                      {"add_sheet", wb_add_sheet},
                                      {"chart", wb_chart},
                                      {"define_name", wb_define_name},
                                      {"set_properties", wb_set_properties},
                                      {"close", wb_close},
                                      {"start_close", wb_start_close},
                                      {"discard", wb_toclose},
                                      {NULL, NULL}};

static const luaL_Reg wb_meta[] = {
    {"__gc", wb_gc}, {"__close", wb_toclose}, {"__tostring", wb_tostring}, {NULL, NULL}};

static const luaL_Reg ws_methods[] = {{"name", ws_name},
                                      {"write", ws_write},
                                      {"write_row", ws_write_row},
                                      {"write_formula", ws_write_formula},
                                      {"write_url", ws_write_url},
                                      {"merge", ws_merge},
                                      {"set_column", ws_set_column},
                                      {"set_row", ws_set_row},
                                      {"freeze", ws_freeze},
                                      {"autofilter", ws_autofilter},
                                      {"print_setup", ws_print_setup},
                                      {"page_breaks", ws_page_breaks},
                                      {"hide", ws_hide},
                                      {"activate", ws_activate},
                                      {"protect", ws_protect},
                                      {"set_tab_color", ws_set_tab_color},
                                      {"validation", ws_validation},
                                      {"conditional", ws_conditional},
                                      {"insert_chart", ws_insert_chart},
                                      {NULL, NULL}};

static const luaL_Reg ws_meta[] = {{"__tostring", ws_tostring}, {NULL, NULL}};
static const luaL_Reg fmt_meta[] = {{"__tostring", fmt_tostring}, {NULL, NULL}};
static const luaL_Reg chart_meta[] = {{"__tostring", chart_tostring}, {NULL, NULL}};
static const luaL_Reg no_methods[] = {{NULL, NULL}};

static const luaL_Reg module_funcs[] = {
    {"new", l_new}, {"valid_sheet_name", l_valid_sheet_name}, {NULL, NULL}};

static void new_class(lua_State *L, const char *name, const luaL_Reg *meta, const luaL_Reg *methods)
{
    luaL_newmetatable(L, name); // stack = { mt }
    luaL_setfuncs(L, meta, 0);
    lua_newtable(L); // stack = { mt, methods }
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index"); // stack = { mt }
    lua_pop(L, 1);                  // stack = { }
}

int luaopen_dvht_workbook(lua_State *L)
{
    new_class(L, WB_MT, wb_meta, wb_methods);
    new_class(L, WS_MT, ws_meta, ws_methods);
    new_class(L, FMT_MT, fmt_meta, no_methods);
    new_class(L, CHART_MT, chart_meta, no_methods);
    luaL_newlib(L, module_funcs);
    return 1;
}
