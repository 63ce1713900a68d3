/* lua_core.c - module "dvht.core": the small C services the Lua engine needs
 * (guarded calls, text-only chunk loading, Unicode keys, clocks, atomic
 * file writes). Each binding is a thin wrapper over one C function. */
#include <errno.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "exit_codes.h"
#include "host_libs.h"
#include "lua_host.h"
#include "text_norm.h"

/* chunk = load_text(path, chunkname, env): loads a Lua source file as text
 * only (binary chunks are refused), with env as its _ENV. A UTF-8 byte
 * order mark at the start (Windows Notepad writes one) is skipped; it
 * holds no line break, so line numbers stay right. */
static int l_load_text(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    const char *chunkname = luaL_optstring(L, 2, path);
    lua_settop(L, 3); /* stack = { path, chunkname, env } */
    FILE *f = fopen(path, "rb");
    if (!f) {
        lua_pushnil(L);
        lua_pushfstring(L, "không mở được tệp \"%s\": %s", path, atomic_strerror_vi(errno));
        return 2;
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        luaL_addlstring(&b, buf, n);
    int failed = ferror(f);
    fclose(f);
    if (failed) return luaL_error(L, "không đọc được tệp \"%s\"", path);
    luaL_pushresult(&b);
    // stack = { path, chunkname, env, source }
    size_t len;
    const char *src = lua_tolstring(L, -1, &len);
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) {
        src += 3;
        len -= 3;
    }
    if (len > 0 && src[0] == LUA_SIGNATURE[0]) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: tệp là mã Lua đã biên dịch; chỉ chấp nhận mã nguồn dạng văn bản",
                        path);
        return 2;
    }
    if (!text_valid_utf8(src, len, NULL)) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: tệp không phải UTF-8 hợp lệ", path);
        return 2;
    }
    if (luaL_loadbufferx(L, src, len, chunkname, "t") != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    if (!lua_isnoneornil(L, 3)) {
        lua_pushvalue(L, 3);
        if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1); /* first upvalue is _ENV */
    }
    return 1;
}

/* key = fold(s): NFC, case-folded, trimmed, spaces collapsed. */
static int l_fold(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    char *k = text_fold_key(s, len);
    if (!k) return luaL_error(L, "chuỗi không phải UTF-8 hợp lệ");
    lua_pushstring(L, k);
    free(k);
    return 1;
}

static int l_nfc(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    /* ASCII and composed Vietnamese are NFC already: the string itself */
    if (text_is_nfc_latin(s, len)) {
        lua_settop(L, 1);
        return 1;
    }
    char *k = text_nfc(s, len);
    if (!k) return luaL_error(L, "chuỗi không phải UTF-8 hợp lệ");
    lua_pushstring(L, k);
    free(k);
    return 1;
}

/* trim(s): s without white space (text_is_space: NBSP and the Unicode
 * spaces too) at either end, as the readers trim every cell; linear, and
 * never cuts a character. */
static int l_trim(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    size_t kept = len;
    const char *t = text_trim(s, &kept);
    if (kept == len) {
        lua_settop(L, 1);
        return 1;
    }
    lua_pushlstring(L, t, kept);
    return 1;
}

static int l_valid_utf8(lua_State *L)
{
    size_t len, bad = 0;
    const char *s = luaL_checklstring(L, 1, &len);
    int ok = text_valid_utf8(s, len, &bad);
    lua_pushboolean(L, ok);
    if (ok) return 1;
    lua_pushinteger(L, (lua_Integer)bad + 1);
    return 2;
}

/* where(level) -> "file:line:" of a Lua function on the call stack. */
static int l_where(lua_State *L)
{
    luaL_where(L, (int)luaL_optinteger(L, 1, 1));
    return 1;
}

/* traceback(msg, level): the message with a stack traceback (the debug
 * library itself is not opened). */
static int l_traceback(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL && !lua_isnoneornil(L, 1)) { /* non-string error object */
        lua_settop(L, 1);
        return 1;
    }
    luaL_traceback(L, L, msg, (int)luaL_optinteger(L, 2, 1));
    return 1;
}

static int l_isatty(lua_State *L)
{
    lua_pushboolean(L, isatty((int)luaL_checkinteger(L, 1)));
    return 1;
}

static int l_clock(lua_State *L)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec / 1e9);
    return 1;
}

static int l_peak_rss(lua_State *L)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    lua_pushinteger(L, (lua_Integer)ru.ru_maxrss * 1024);
    return 1;
}

/* set_limits{ heap_mib =, rule_mib =, rule_steps =, rule_seconds = } (nil
 * fields: the default). */
static int l_set_limits(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    host_limits lim;
    host_default_limits(&lim);
    lua_getfield(L, 1, "heap_mib");
    if (!lua_isnil(L, -1)) lim.heap_limit = (size_t)luaL_checkinteger(L, -1) << 20;
    lua_getfield(L, 1, "rule_mib");
    if (!lua_isnil(L, -1)) lim.guard_memory = (size_t)luaL_checkinteger(L, -1) << 20;
    lua_getfield(L, 1, "rule_steps");
    if (!lua_isnil(L, -1)) lim.guard_steps = (long)luaL_checkinteger(L, -1);
    lua_getfield(L, 1, "rule_seconds");
    if (!lua_isnil(L, -1)) lim.guard_seconds = (long)luaL_checkinteger(L, -1);
    lua_pop(L, 4);
    host_set_limits(L, &lim);
    return 0;
}

static int l_limits(lua_State *L)
{
    host_limits lim;
    host_default_limits(&lim);
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, (lua_Integer)(lim.heap_limit >> 20));
    lua_setfield(L, -2, "heap_mib");
    lua_pushinteger(L, (lua_Integer)(lim.guard_memory >> 20));
    lua_setfield(L, -2, "rule_mib");
    lua_pushinteger(L, (lua_Integer)lim.guard_steps);
    lua_setfield(L, -2, "rule_steps");
    lua_pushinteger(L, (lua_Integer)lim.guard_seconds);
    lua_setfield(L, -2, "rule_seconds");
    return 1;
}

/* Writes data[0..len) to fd; 0, or -1 with errno. */
static int write_all(int fd, const char *data, size_t len)
{
    for (size_t off = 0; off < len;) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            if (w == 0) errno = EIO;
            return -1;
        }
        off += (size_t)w;
    }
    return 0;
}

/* Appends s[0..n) to buf (of WRITE_BUF bytes, *used filled), writing it out
 * when full; 0, or -1 with errno. */
#define WRITE_BUF 65536
static int buffered(int fd, char *buf, size_t *used, const char *s, size_t n)
{
    if (*used + n > WRITE_BUF) {
        if (write_all(fd, buf, *used) != 0) return -1;
        *used = 0;
        if (n > WRITE_BUF) return write_all(fd, s, n);
    }
    memcpy(buf + *used, s, n);
    *used += n;
    return 0;
}

/* ok, err = write_file(path, content [, sep]): temp file + fsync + rename.
 * content is a string, or an array of strings written as
 * table.concat(content, sep) would join them, without joining them in
 * memory first. */
static int l_write_file(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    size_t len = 0, seplen = 0;
    const char *data = NULL, *sep = luaL_optlstring(L, 3, "", &seplen);
    lua_Integer n = 0;
    if (lua_type(L, 2) == LUA_TTABLE) {
        n = (lua_Integer)lua_rawlen(L, 2);
        for (lua_Integer i = 1; i <= n; i++) {
            if (lua_rawgeti(L, 2, i) != LUA_TSTRING)
                return luaL_error(L, "write_file: phần %I không phải chuỗi", i);
            lua_pop(L, 1);
        }
    } else {
        data = luaL_checklstring(L, 2, &len);
    }
    char *buf = data ? NULL : malloc(WRITE_BUF);
    if (!data && !buf) return luaL_error(L, "Không ghi được tệp \"%s\": không đủ bộ nhớ", path);
    char *tmp = NULL;
    int fd = atomic_begin(path, &tmp);
    if (fd < 0) {
        free(buf);
        goto fail;
    }
    int bad = 0;
    if (data) {
        bad = write_all(fd, data, len);
    } else {
        size_t used = 0;
        for (lua_Integer i = 1; i <= n && !bad; i++) {
            lua_rawgeti(L, 2, i); /* a string: checked above */
            const char *part = lua_tolstring(L, -1, &len);
            bad = (i > 1 && buffered(fd, buf, &used, sep, seplen) != 0) ||
                  buffered(fd, buf, &used, part, len) != 0;
            lua_pop(L, 1);
        }
        if (!bad) bad = write_all(fd, buf, used);
        free(buf);
    }
    if (bad) {
        int e = errno;
        atomic_abort(fd, tmp);
        free(tmp);
        errno = e;
        goto fail;
    }
    int rc = atomic_commit(fd, tmp, path);
    int e = errno;
    free(tmp);
    errno = e;
    if (rc != 0) goto fail;
    lua_pushboolean(L, 1);
    return 1;
fail:
    lua_pushnil(L);
    lua_pushfstring(L, "Không ghi được tệp \"%s\": %s", path, atomic_strerror_vi(errno));
    return 2;
}

static int l_same_file(lua_State *L)
{
    lua_pushboolean(L, same_file(luaL_checkstring(L, 1), luaL_checkstring(L, 2)));
    return 1;
}

static int l_heap_peak(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)host_heap_peak(L));
    return 1;
}

static void push_exit_codes(lua_State *L)
{
    static const struct {
        const char *name;
        int code;
    } codes[] = {{"OK", EXIT_OK},
                 {"DATA_ERRORS", EXIT_DATA_ERRORS},
                 {"USAGE", EXIT_USAGE},
                 {"PLAN", EXIT_PLAN},
                 {"INPUT", EXIT_INPUT},
                 {"OUTPUT", EXIT_OUTPUT},
                 {"INTERNAL", EXIT_INTERNAL}};
    lua_createtable(L, 0, (int)(sizeof codes / sizeof codes[0]));
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        lua_pushinteger(L, codes[i].code);
        lua_setfield(L, -2, codes[i].name);
    }
}

/* core.new_table([narr [, nrec]]) -> a table with room for narr items and
 * nrec fields: a record filled key by key is otherwise rehashed at every
 * power of two. */
static int l_new_table(lua_State *L)
{
    lua_Integer narr = luaL_optinteger(L, 1, 0), nrec = luaL_optinteger(L, 2, 0);

    luaL_argcheck(L, narr >= 0 && narr <= (1 << 20), 1, "ngoài khoảng 0..1048576");
    luaL_argcheck(L, nrec >= 0 && nrec <= (1 << 20), 2, "ngoài khoảng 0..1048576");
    lua_createtable(L, (int)narr, (int)nrec);
    return 1;
}

int luaopen_dvht_core(lua_State *L)
{
    static const luaL_Reg fns[] = {{"guarded_call", host_guarded_call},
                                   {"load_text", l_load_text},
                                   {"fold", l_fold},
                                   {"nfc", l_nfc},
                                   {"trim", l_trim},
                                   {"valid_utf8", l_valid_utf8},
                                   {"where", l_where},
                                   {"isatty", l_isatty},
                                   {"traceback", l_traceback},
                                   {"clock", l_clock},
                                   {"peak_rss", l_peak_rss},
                                   {"heap_peak", l_heap_peak},
                                   {"set_limits", l_set_limits},
                                   {"limits", l_limits},
                                   {"write_file", l_write_file},
                                   {"same_file", l_same_file},
                                   {"new_table", l_new_table},
                                   {NULL, NULL}};
    luaL_newlib(L, fns);
    push_exit_codes(L);
    lua_setfield(L, -2, "exit");
    return 1;
}
