/* lua_tables.c - module "dvht.tables": input tables (CSV files and XLSX
 * sheets) as Lua objects, and a one-pass member-roster aggregator in C so a
 * million roster rows never become a million Lua tables. */
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "csv_reader.h"
#include "host_libs.h"
#include "prefetch.h"
#include "roster.h"
#include "text_norm.h"
#include "row_source.h"
#include "xlsx_reader.h"

#define FILE_MT     "dvht.tables.file"
#define SOURCE_MT   "dvht.tables.source"
#define PREFETCH_MT "dvht.tables.prefetch"

typedef struct tfile {
    xlsx_book *book; /* NULL for CSV, and until needed when read ahead */
    pf_file *pf;     /* read ahead by a prefetch object, or NULL */
    char *path;
} tfile;

typedef struct tprefetch {
    prefetch *p; /* NULL once closed, or when no thread could start */
    size_t sums; /* prefetch_worker_sums, kept past close */
} tprefetch;

typedef struct tsource {
    row_source *src;
} tsource;

/* The "nil, message" answer of a function that could not do its job. */
static int push_failure(lua_State *L, const char *msg)
{
    lua_pushnil(L);
    lua_pushstring(L, msg);
    return 2;
}

/* Pushes a new file object for path, read ahead as pf (or NULL); it is in
 * a consistent state, holding pf, before anything can fail. */
static tfile *new_file(lua_State *L, const char *path, pf_file *pf)
{
    tfile *f = lua_newuserdatauv(L, sizeof *f, 0);
    f->book = NULL;
    f->pf = pf;
    f->path = NULL;
    luaL_setmetatable(L, FILE_MT);
    f->path = strdup(path);
    if (!f->path) luaL_error(L, "không đủ bộ nhớ");
    return f;
}

/* file = open(path) -> file object, or nil, message */
static int l_open(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    tfile *f = new_file(L, path, NULL);
    if (xlsx_is_workbook_path(path)) {
        char err[1024];
        f->book = xlsx_open(path, NULL, err, sizeof err);
        if (!f->book) return push_failure(L, err);
    }
    return 1;
}

static tfile *check_file(lua_State *L)
{
    tfile *f = luaL_checkudata(L, 1, FILE_MT);
    if (!f->path) luaL_error(L, "tệp đã đóng");
    return f;
}

/* file:sheets() -> { { name =, hidden = }, ... }; a CSV file has one. */
static int l_file_sheets(lua_State *L)
{
    tfile *f = check_file(L);
    size_t n = f->pf ? pf_file_sheet_count(f->pf) : f->book ? xlsx_sheet_count(f->book) : 1;
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 2);
        const char *name = f->pf     ? pf_file_sheet_name(f->pf, i)
                           : f->book ? xlsx_sheet_name(f->book, i)
                                     : NULL;
        if (name) {
            lua_pushstring(L, name);
            lua_setfield(L, -2, "name");
            lua_pushboolean(L,
                            f->pf ? pf_file_sheet_hidden(f->pf, i) : xlsx_sheet_hidden(f->book, i));
            lua_setfield(L, -2, "hidden");
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* Opens table i (1-based) of f with the readers themselves. */
static row_source *open_direct(tfile *f, lua_Integer i, char *err, size_t errlen)
{
    if (!xlsx_is_workbook_path(f->path)) return csv_open(f->path, err, errlen);
    if (!f->book && !(f->book = xlsx_open(f->path, NULL, err, errlen))) return NULL;
    return xlsx_sheet_rows(f->book, (size_t)i - 1, err, errlen);
}

/* file:rows(i) -> source, or nil, message. One open source per XLSX. */
static int l_file_rows(lua_State *L)
{
    tfile *f = check_file(L);
    lua_Integer i = luaL_optinteger(L, 2, 1);
    if (!xlsx_is_workbook_path(f->path)) {
        i = 1; /* a CSV file is one table, whatever the number asked */
    } else {
        size_t n = f->pf ? pf_file_sheet_count(f->pf) : xlsx_sheet_count(f->book);
        if (i < 1 || (size_t)i > n) return luaL_error(L, "không có trang tính số %d", (int)i);
    }
    tsource *s = lua_newuserdatauv(L, sizeof *s, 1);
    s->src = NULL;
    luaL_setmetatable(L, SOURCE_MT);
    lua_pushvalue(L, 1); /* keep the file alive while the source is */
    lua_setiuservalue(L, -2, 1);
    char err[1024];
    int direct = 1;
    if (f->pf) s->src = pf_file_rows(f->pf, (size_t)i - 1, err, sizeof err, &direct);
    if (!s->src && direct) s->src = open_direct(f, i, err, sizeof err);
    if (!s->src) return push_failure(L, err);
    return 1;
}

static int l_file_close(lua_State *L)
{
    tfile *f = luaL_checkudata(L, 1, FILE_MT);
    if (f->book) xlsx_close(f->book);
    f->book = NULL;
    if (f->pf) pf_file_release(f->pf);
    f->pf = NULL;
    free(f->path);
    f->path = NULL;
    return 0;
}

static tsource *check_source(lua_State *L)
{
    tsource *s = luaL_checkudata(L, 1, SOURCE_MT);
    if (!s->src) luaL_error(L, "bảng đã đóng");
    return s;
}

static int l_source_name(lua_State *L)
{
    lua_pushstring(L, check_source(L)->src->name);
    return 1;
}

/* source:next([cells]) -> cells, line | nil at the end | false, message.
 * Given a table, refills and returns it (a reader that copies the cells
 * out needs no new table per row).
 * Cells come trimmed of surrounding white space (NBSP included). */
static int l_source_next(lua_State *L)
{
    tsource *s = check_source(L);
    row r;
    int st = row_source_next(s->src, &r);
    if (st == ROW_END) {
        lua_pushnil(L);
        return 1;
    }
    if (st == ROW_ERROR) {
        lua_pushboolean(L, 0);
        lua_pushstring(L, s->src->err);
        return 2;
    }
    if (lua_istable(L, 2)) {
        /* the caller's table, refilled: no table per row for the GC */
        lua_Integer old = (lua_Integer)lua_rawlen(L, 2);
        lua_settop(L, 2);
        for (lua_Integer i = (lua_Integer)r.ncells + 1; i <= old; i++) {
            lua_pushnil(L);
            lua_rawseti(L, 2, i);
        }
    } else {
        lua_createtable(L, (int)r.ncells, 0);
    }
    // stack = { ..., cells }
    for (size_t i = 0; i < r.ncells; i++) {
        size_t len = r.lens[i];
        const char *cell = text_trim(r.cells[i], &len);
        lua_pushlstring(L, cell, len);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_pushinteger(L, r.line);
    return 2;
}

/* The text of cell i (1-based) of a row, trimmed; "" when absent. */
static const char *row_cell(const row *r, lua_Integer i, size_t *len)
{
    if (i < 1 || (size_t)i > r->ncells) {
        *len = 0;
        return "";
    }
    *len = r->lens[i - 1];
    return text_trim(r->cells[i - 1], len);
}

/* What next_typed needs of a reading plan as plain arrays, built from the
 * plan's tables on first use and kept in plan.shape: per column its cell
 * index, what types it (a memo, "text" or nothing) and whether a typed
 * value is noted in present. Reading it per cell from the Lua tables cost
 * more than the typing itself (callgrind: 35,000 instructions a row). */
enum { TYPED_BY_NOTHING, TYPED_BY_MEMO, TYPED_AS_TEXT };

typedef struct typing_shape {
    lua_Integer ncols, code;
    int *idx;                     /* [1..ncols]: cell index, 0 = absent */
    unsigned char *kind, *counts; /* [1..ncols] */
} typing_shape;

/* The shape of the plan at index 2, built when missing. Raises on a plan
 * that is not one. */
static const typing_shape *typing_shape_of(lua_State *L)
{
    typing_shape *sh;
    lua_Integer n, ncols;

    if (lua_getfield(L, 2, "shape") == LUA_TUSERDATA) {
        sh = lua_touserdata(L, -1);
        lua_pop(L, 1); /* the plan keeps it */
        return sh;
    }
    lua_pop(L, 1);
    lua_getfield(L, 2, "idx");
    lua_getfield(L, 2, "memos");
    lua_getfield(L, 2, "counts");
    // stack = { ..., idx, memos, counts }
    if (!lua_istable(L, -3) || !lua_istable(L, -2) || !lua_istable(L, -1))
        luaL_error(L, "next_typed: kế hoạch đọc không hợp lệ");
    ncols = (lua_Integer)lua_rawlen(L, -3);
    sh = lua_newuserdatauv(L, sizeof *sh + (size_t)(ncols + 1) * (sizeof(int) + 2), 0);
    sh->ncols = ncols;
    sh->idx = (int *)(sh + 1);
    sh->kind = (unsigned char *)(sh->idx + ncols + 1);
    sh->counts = sh->kind + ncols + 1;
    for (n = 1; n <= ncols; n++) {
        lua_rawgeti(L, -4, n);
        sh->idx[n] = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        switch (lua_rawgeti(L, -3, n)) {
        case LUA_TTABLE:
            sh->kind[n] = TYPED_BY_MEMO;
            break;
        case LUA_TSTRING:
            sh->kind[n] =
                strcmp(lua_tostring(L, -1), "text") == 0 ? TYPED_AS_TEXT : TYPED_BY_NOTHING;
            break;
        default:
            sh->kind[n] = TYPED_BY_NOTHING;
        }
        lua_pop(L, 1);
        lua_rawgeti(L, -2, n);
        sh->counts[n] = (unsigned char)lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    lua_getfield(L, 2, "code");
    sh->code = lua_tointeger(L, -1);
    lua_pop(L, 1);
    lua_setfield(L, 2, "shape");
    lua_pop(L, 3);
    return sh;
}

/* Pushes the NFC form of s[0..len), or nil when it is not UTF-8. */
static void push_nfc_or_nil(lua_State *L, const char *s, size_t len)
{
    if (text_is_nfc_latin(s, len)) {
        lua_pushlstring(L, s, len);
        return;
    }
    char *nfc = text_nfc(s, len);
    if (!nfc) {
        lua_pushnil(L);
        return;
    }
    lua_pushstring(L, nfc);
    free(nfc);
}

/* source:next_typed(plan) -> values, present, line, misses, code, typed |
 * nil | false, message. One row of a units table typed in one call from the
 * memos input.lua keeps per column. plan, built once per table by
 * input.lua: arrays over its columns, in reading order (the unit type
 * first) - idx (cell index, 0: absent), keys, memos (typed value by cell
 * text; "text": the cell's NFC form; false: none), defaults ({ [unit type
 * or false] = { value } }), counts (true: note the key in present when
 * typed) - and type_key, width (room for values), code (cell index of the
 * unit code, 0: none), miss (a table refilled with column number, cell
 * text pairs). idx, counts and which columns have memos are read once
 * (plan.shape); a memo may be replaced by another table. A cell C cannot
 * type (a memo or default not known yet, a text column, an empty required
 * cell) is left to Lua: misses counts the pairs in plan.miss; typed counts
 * the values C set. Defaults depend on the unit type, so when the type
 * cell is a miss, values is false and plan.miss holds every cell. */
static int l_source_next_typed(lua_State *L)
{
    tsource *s = check_source(L);
    row r;
    int st;
    lua_Integer width, nmiss = 0, nset = 0, n;
    size_t len;
    const char *cell;

    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    const typing_shape *sh = typing_shape_of(L);
    st = row_source_next(s->src, &r);
    if (st == ROW_END) {
        lua_pushnil(L);
        return 1;
    }
    if (st == ROW_ERROR) {
        lua_pushboolean(L, 0);
        lua_pushstring(L, s->src->err);
        return 2;
    }
    lua_getfield(L, 2, "keys");     /* 3 */
    lua_getfield(L, 2, "memos");    /* 4 */
    lua_getfield(L, 2, "defaults"); /* 5 */
    lua_getfield(L, 2, "miss");     /* 6 */
    lua_getfield(L, 2, "type_key"); /* 7 */
    for (int k = 3; k <= 6; k++)
        if (!lua_istable(L, k)) return luaL_error(L, "next_typed: kế hoạch đọc không hợp lệ");
    lua_getfield(L, 2, "width");
    width = lua_tointeger(L, -1);
    lua_pop(L, 1);
    lua_createtable(L, 0, width > 0 && width <= 4096 ? (int)width : 0); /* 8: values */
    /* present: sized for the count cells typed in this row (no rehash as
     * it fills; most rows of a roster run have none) */
    int npresent = 0;
    for (n = 1; n <= sh->ncols; n++)
        if (sh->counts[n]) {
            (void)row_cell(&r, sh->idx[n], &len);
            npresent += len > 0;
        }
    lua_createtable(L, 0, npresent); /* 9: present */
    // stack = { src, plan, keys, memos, defaults, miss, type_key, values, present }
    for (n = 1; n <= sh->ncols; n++) {
        int resolved = 0;

        cell = row_cell(&r, sh->idx[n], &len);
        if (len == 0) {
            /* empty: the column's default for this unit type, once known */
            if (lua_rawgeti(L, 5, n) == LUA_TTABLE) { /* 10: defaults of column n */
                lua_pushvalue(L, 7);
                if (lua_rawget(L, 8) == LUA_TNIL) { /* 11: values[type_key] */
                    lua_pop(L, 1);
                    lua_pushboolean(L, 0);
                }
                if (lua_rawget(L, 10) == LUA_TTABLE) { /* 11: { value } */
                    resolved = 1;
                    lua_rawgeti(L, 3, n);                    /* 12: key */
                    if (lua_rawgeti(L, 11, 1) != LUA_TNIL) { /* 13: value */
                        lua_rawset(L, 8);                    /* values[key] = value */
                        nset++;
                    }
                }
            }
        } else if (sh->kind[n] != TYPED_BY_NOTHING) {
            lua_rawgeti(L, 3, n); /* 10: key */
            if (sh->kind[n] == TYPED_BY_MEMO) {
                lua_rawgeti(L, 4, n); /* 11: memo */
                lua_pushlstring(L, cell, len);
                lua_rawget(L, 11); /* 12: the typed value, or nil */
            } else {
                push_nfc_or_nil(L, cell, len); /* 11: free text (Lua's values.nfc) */
            }
            if (!lua_isnil(L, -1)) {
                resolved = 1;
                lua_pushvalue(L, 10);
                lua_pushvalue(L, -2);
                lua_rawset(L, 8); /* values[key] = value */
                nset++;
                if (sh->counts[n]) {
                    lua_pushvalue(L, 10);
                    lua_pushboolean(L, 1);
                    lua_rawset(L, 9); /* present[key] = true */
                }
            }
        }
        lua_settop(L, 9);
        if (resolved) continue;
        if (n == 1) {
            /* the unit type is a miss: Lua types the whole row */
            for (lua_Integer c = 1; c <= sh->ncols; c++) {
                cell = row_cell(&r, sh->idx[c], &len);
                lua_pushinteger(L, c);
                lua_rawseti(L, 6, 2 * c - 1);
                lua_pushlstring(L, cell, len);
                lua_rawseti(L, 6, 2 * c);
            }
            nmiss = sh->ncols;
            nset = 0;
            lua_pushboolean(L, 0);
            lua_replace(L, 8);
            break;
        }
        lua_pushinteger(L, n);
        lua_rawseti(L, 6, 2 * nmiss + 1);
        lua_pushlstring(L, cell, len);
        lua_rawseti(L, 6, 2 * nmiss + 2);
        nmiss++;
    }
    lua_pushinteger(L, r.line);
    lua_pushinteger(L, nmiss);
    cell = row_cell(&r, sh->code, &len);
    push_nfc_or_nil(L, cell, len);
    if (lua_isnil(L, -1)) return luaL_error(L, "chuỗi không phải UTF-8 hợp lệ");
    lua_pushinteger(L, nset);
    // stack = { ..., values, present, line, nmiss, code (NFC), nset }
    return 6;
}

/* source:skip() -> number of rows read and dropped (the rest of the
 * source) | false, message. The reading floor of bench/floor.lua. */
static int l_source_skip(lua_State *L)
{
    tsource *s = check_source(L);
    row r;
    lua_Integer n = 0;
    int st;
    while ((st = row_source_next(s->src, &r)) == ROW_OK)
        n++;
    if (st == ROW_ERROR) {
        lua_pushboolean(L, 0);
        lua_pushstring(L, s->src->err);
        return 2;
    }
    lua_pushinteger(L, n);
    return 1;
}

static int l_source_close(lua_State *L)
{
    tsource *s = luaL_checkudata(L, 1, SOURCE_MT);
    row_source_close(s->src);
    s->src = NULL;
    return 0;
}

/* Reads an array of strings at t[field] into a NULL-terminated C array. */
static const char **string_list(lua_State *L, int t, const char *field)
{
    lua_getfield(L, t, field);
    size_t n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
    const char **v = lua_newuserdatauv(L, (n + 1) * sizeof *v, 0);
    // stack = { ..., list, v }  (v anchors the array; strings stay in list)
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, -2, (lua_Integer)i + 1);
        v[i] = lua_tostring(L, -1);
        lua_pop(L, 1);
        if (!v[i]) v[i] = "";
    }
    v[n] = NULL;
    return v;
}

static int int_field(lua_State *L, int t, const char *field)
{
    lua_getfield(L, t, field);
    int v = (int)luaL_optinteger(L, -1, 0);
    lua_pop(L, 1);
    return v;
}

/* Pushes { [code] = { line =, staff =, learners =, staff_yes = {..},
 * learner_yes = {..} } } and the list of { line =, column =, value = } bad
 * yes/no cells (column is the 1-based column index). */
static void push_roster(lua_State *L, const roster *r)
{
    lua_createtable(L, 0, (int)r->nunits);
    for (size_t u = 0; u < r->nunits; u++) {
        const roster_unit *ru = &r->units[u];
        lua_createtable(L, 0, 5);
        lua_pushinteger(L, ru->first_line);
        lua_setfield(L, -2, "line");
        lua_pushinteger(L, ru->staff);
        lua_setfield(L, -2, "staff");
        lua_pushinteger(L, ru->learners);
        lua_setfield(L, -2, "learners");
        for (int side = 0; side < 2; side++) {
            lua_createtable(L, (int)r->nflags, 0);
            for (size_t k = 0; k < r->nflags; k++) {
                lua_pushinteger(L, ru->yes[k * 2 + (size_t)side]);
                lua_rawseti(L, -2, (lua_Integer)k + 1);
            }
            lua_setfield(L, -2, side ? "learner_yes" : "staff_yes");
        }
        lua_setfield(L, -2, ru->code);
    }
    lua_createtable(L, (int)r->nbad, 0);
    for (size_t i = 0; i < r->nbad; i++) {
        lua_createtable(L, 0, 3);
        lua_pushinteger(L, r->bad[i].line);
        lua_setfield(L, -2, "line");
        lua_pushinteger(L, r->bad[i].column);
        lua_setfield(L, -2, "column");
        lua_pushstring(L, r->bad[i].value);
        lua_setfield(L, -2, "value");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* source:aggregate{ code = i, learner = i|0, flags = { i, ... },
 *                   yes = { words }, no = { words } }
 * -> units, bad_cells | false, message. Reads the rest of the source. */
static int l_source_aggregate(lua_State *L)
{
    tsource *s = check_source(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    roster_spec spec = {0};
    spec.code_col = int_field(L, 2, "code");
    spec.learner_col = int_field(L, 2, "learner");
    lua_getfield(L, 2, "flags");
    // stack = { src, spec, flags }
    size_t nflags = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
    int *cols = lua_newuserdatauv(L, (nflags + 1) * sizeof *cols, 0);
    for (size_t i = 0; i < nflags; i++) {
        lua_rawgeti(L, 3, (lua_Integer)i + 1);
        cols[i] = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
    }
    spec.flag_cols = cols;
    spec.nflags = nflags;
    spec.yes_words = string_list(L, 2, "yes");
    spec.no_words = string_list(L, 2, "no");
    roster r;
    char err[1024];
    /* read ahead: a worker may have added the table up already */
    if (pf_aggregate(s->src, &spec, &r, err, sizeof err) != 0) {
        lua_pushboolean(L, 0);
        lua_pushstring(L, err);
        return 2;
    }
    push_roster(L, &r);
    roster_free(&r);
    return 2;
}

/* ---- reading ahead ---- */

/* prefetch(paths [, threads]) -> reader that opens these files ahead, in
 * this order, on `threads` worker threads (default: one per processor;
 * 0: none, every file is then read when opened). */
static int l_prefetch(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer threads = luaL_optinteger(L, 2, (lua_Integer)prefetch_default_threads());
    if (threads < 0 || threads > PREFETCH_MAX_THREADS)
        return luaL_error(L, "số luồng đọc phải từ 0 đến %d", PREFETCH_MAX_THREADS);
    size_t n = lua_rawlen(L, 1);
    tprefetch *t = lua_newuserdatauv(L, sizeof *t, 0);
    t->p = NULL;
    t->sums = 0;
    luaL_setmetatable(L, PREFETCH_MT);
    if (threads == 0 || n == 0) return 1;
    const char **paths = lua_newuserdatauv(L, n * sizeof *paths, 0);
    // stack = { paths, threads, t, path array }
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, 1, (lua_Integer)i + 1);
        paths[i] = lua_tostring(L, -1);
        lua_pop(L, 1); /* the string stays in the table */
        if (!paths[i])
            return luaL_error(L, "prefetch: đường dẫn số %d không phải chuỗi", (int)i + 1);
    }
    t->p = prefetch_start(paths, n, (unsigned)threads, 0);
    lua_pop(L, 1);
    return 1;
}

/* reader:open(path) -> as open(path); read ahead when path is one of the
 * files still to come. */
static int l_prefetch_open(lua_State *L)
{
    tprefetch *t = luaL_checkudata(L, 1, PREFETCH_MT);
    const char *path = luaL_checkstring(L, 2);
    pf_file *pf = t->p ? prefetch_take(t->p, path) : NULL;
    if (!pf) {
        lua_remove(L, 1);
        return l_open(L);
    }
    new_file(L, path, pf);
    char err[1024];
    if (pf_file_wait_open(pf, err, sizeof err) != 0) return push_failure(L, err);
    return 1;
}

/* reader:stats() -> { worker_sums = tables whose sums a worker made } */
static int l_prefetch_stats(lua_State *L)
{
    tprefetch *t = luaL_checkudata(L, 1, PREFETCH_MT);
    lua_createtable(L, 0, 1);
    lua_pushinteger(L, (lua_Integer)(t->p ? prefetch_worker_sums(t->p) : t->sums));
    lua_setfield(L, -2, "worker_sums");
    return 1;
}

static int l_prefetch_close(lua_State *L)
{
    tprefetch *t = luaL_checkudata(L, 1, PREFETCH_MT);
    if (t->p) t->sums = prefetch_worker_sums(t->p);
    prefetch_stop(t->p);
    t->p = NULL;
    return 0;
}

int luaopen_dvht_tables(lua_State *L)
{
    static const luaL_Reg file_methods[] = {
        {"sheets", l_file_sheets}, {"rows", l_file_rows}, {"close", l_file_close}, {NULL, NULL}};
    static const luaL_Reg source_methods[] = {{"next", l_source_next},
                                              {"name", l_source_name},
                                              {"aggregate", l_source_aggregate},
                                              {"next_typed", l_source_next_typed},
                                              {"skip", l_source_skip},
                                              {"close", l_source_close},
                                              {NULL, NULL}};
    luaL_newmetatable(L, FILE_MT);
    luaL_newlib(L, file_methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, l_file_close);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, l_file_close);
    lua_setfield(L, -2, "__close");
    lua_pop(L, 1);
    luaL_newmetatable(L, SOURCE_MT);
    luaL_newlib(L, source_methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, l_source_close);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, l_source_close);
    lua_setfield(L, -2, "__close");
    lua_pop(L, 1);
    static const luaL_Reg prefetch_methods[] = {{"open", l_prefetch_open},
                                                {"stats", l_prefetch_stats},
                                                {"close", l_prefetch_close},
                                                {NULL, NULL}};
    luaL_newmetatable(L, PREFETCH_MT);
    luaL_newlib(L, prefetch_methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, l_prefetch_close);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, l_prefetch_close);
    lua_setfield(L, -2, "__close");
    lua_pop(L, 1);
    static const luaL_Reg fns[] = {{"open", l_open}, {"prefetch", l_prefetch}, {NULL, NULL}};
    luaL_newlib(L, fns);
    lua_pushinteger(L, PREFETCH_MAX_THREADS);
    lua_setfield(L, -2, "MAX_THREADS");
    return 1;
}
