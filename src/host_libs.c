/* host_libs.c - which libraries the trusted state opens (after Lua's
 * linit.c: copy this list and edit it to choose libraries). Plans never see
 * these directly: src/lua/dvht/sandbox.lua builds their allow-listed
 * environment. The debug library is not opened at all. */
#include "host_libs.h"

#include <math.h>

#include <lauxlib.h>
#include <lualib.h>

#include "lua_host.h"
#include "pattern_cost.h"

int luaopen_lfs(lua_State *L); /* from liblua5.4-filesystem */

static const luaL_Reg opened[] = {
    {LUA_GNAME, luaopen_base},          {LUA_LOADLIBNAME, luaopen_package},
    {LUA_COLIBNAME, luaopen_coroutine}, {LUA_TABLIBNAME, luaopen_table},
    {LUA_IOLIBNAME, luaopen_io},        {LUA_OSLIBNAME, luaopen_os},
    {LUA_STRLIBNAME, luaopen_string},   {LUA_MATHLIBNAME, luaopen_math},
    {LUA_UTF8LIBNAME, luaopen_utf8},    {NULL, NULL}};

/* Loaded on require only, never placed in the plan environment. */
static const luaL_Reg preloaded[] = {{"lfs", luaopen_lfs},
                                     {"dvht.core", luaopen_dvht_core},
                                     {"dvht.workbook", luaopen_dvht_workbook},
                                     {"dvht.tables", luaopen_dvht_tables},
                                     {NULL, NULL}};

/* Library functions whose work in C can be unbounded, out of the
 * instruction hook's reach: a call from plan code is first charged its
 * worst case, so it is refused instead of running for hours. The engine's
 * own calls are not charged.
 *   string.find/match/gmatch/gsub  backtracking (pattern_cost.h)
 *   string.rep of ""               one pass per copy and no memory used:
 *                                  ("").rep("", 1e15) (other copies are
 *                                  bounded by the memory cap)
 *   table.move                     one step per index, present or not
 *   table.sort (no comparator)     n log n comparisons, each as long as
 *                                  the strings compared
 *   os.date                        one strftime per byte of the format
 * and string.dump, which plans may not use at all (bytecode is the way out
 * of a Lua sandbox; it is also reachable as ("").dump). */
enum guarded_kind {
    G_FIND = PATTERN_FIND,
    G_MATCH = PATTERN_MATCH,
    G_GMATCH = PATTERN_GMATCH,
    G_GSUB = PATTERN_GSUB,
    G_REP,
    G_MOVE,
    G_SORT,
    G_DATE,
    G_DUMP,
    G_COUNT
};

static const struct {
    const char *lib, *name;
} guarded_names[G_COUNT] = {
    {LUA_STRLIBNAME, "find"}, {LUA_STRLIBNAME, "match"}, {LUA_STRLIBNAME, "gmatch"},
    {LUA_STRLIBNAME, "gsub"}, {LUA_STRLIBNAME, "rep"},   {LUA_TABLIBNAME, "move"},
    {LUA_TABLIBNAME, "sort"}, {LUA_OSLIBNAME, "date"},   {LUA_STRLIBNAME, "dump"}};

static lua_CFunction originals[G_COUNT];

static const char PATTERN_WHAT[] = "tìm kiếm theo mẫu";
static const char PATTERN_HINT[] = " (mẫu có nhiều phần lặp như \".-\", \".*\" trên một chuỗi dài)";

/* lstrlib.c's posrelatI(): a start position as an offset into s. */
static size_t start_offset(lua_Integer pos, size_t len)
{
    if (pos > 0) return (size_t)pos - 1 < len ? (size_t)pos - 1 : len;
    if (pos == 0 || pos < -(lua_Integer)len) return 0;
    return len + (size_t)pos;
}

/* The worst case of table.sort(t) without a comparator: n log2 n
 * comparisons, a string one as long as the longest string of t. */
static double sort_cost(lua_State *L)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
    size_t longest = 0;

    for (lua_Integer i = 1; i <= n; i++) {
        size_t len;
        if (lua_rawgeti(L, 1, i) == LUA_TSTRING) {
            (void)lua_tolstring(L, -1, &len);
            if (len > longest) longest = len;
        }
        lua_pop(L, 1);
    }
    return (double)n * (log2((double)n + 1) + 1) * ((double)longest / 16 + 1);
}

static int guarded_call(lua_State *L, enum guarded_kind kind)
{
    if (host_plan_calling(L)) {
        size_t n, plen, from = 0;
        const char *s, *p;
        lua_Integer a, b;

        switch (kind) {
        case G_REP:
            (void)luaL_checklstring(L, 1, &n);
            (void)luaL_optlstring(L, 3, "", &plen);
            a = luaL_checkinteger(L, 2);
            if (n + plen == 0) host_charge(L, a > 0 ? (double)a : 0, "string.rep", "");
            break;
        case G_MOVE:
            a = luaL_checkinteger(L, 2);
            b = luaL_checkinteger(L, 3);
            host_charge(L, b >= a ? (double)b - (double)a + 1 : 0, "table.move", "");
            break;
        case G_SORT:
            if (lua_type(L, 1) == LUA_TTABLE && lua_isnoneornil(L, 2))
                host_charge(L, sort_cost(L), "table.sort", " (mảng dài hoặc chuỗi dài)");
            break;
        case G_DATE:
            if (lua_type(L, 1) == LUA_TSTRING) {
                (void)lua_tolstring(L, 1, &n);
                host_charge(L, (double)n, "os.date", " (định dạng ngày quá dài)");
            }
            break;
        case G_DUMP:
            luaL_where(L, 1);
            lua_pushliteral(L, "không được dùng string.dump trong bộ tiêu chí");
            lua_concat(L, 2);
            return lua_error(L);
        default:
            s = luaL_checklstring(L, 1, &n);
            p = luaL_checklstring(L, 2, &plen);
            if (kind != G_GSUB) from = start_offset(luaL_optinteger(L, 3, 1), n);
            host_charge(L,
                        pattern_cost((enum pattern_call)kind, s + from, n - from, p, plen,
                                     kind == G_FIND && lua_toboolean(L, 4)),
                        PATTERN_WHAT, PATTERN_HINT);
        }
    }
    return originals[kind](L);
}

/* One entry point per guarded function: the kind is all that differs. */
#define GUARDED(fn, kind)                                                                          \
    static int fn(lua_State *L)                                                                    \
    {                                                                                              \
        return guarded_call(L, kind);                                                              \
    }
GUARDED(guarded_find, G_FIND)
GUARDED(guarded_match, G_MATCH)
GUARDED(guarded_gmatch, G_GMATCH)
GUARDED(guarded_gsub, G_GSUB)
GUARDED(guarded_rep, G_REP)
GUARDED(guarded_move, G_MOVE)
GUARDED(guarded_sort, G_SORT)
GUARDED(guarded_date, G_DATE)
GUARDED(guarded_dump, G_DUMP)
#undef GUARDED

/* Puts the guarded functions in the libraries (the string library is also
 * the strings' metatable __index: s:find(...) is guarded too). */
static void guard_functions(lua_State *L)
{
    static const lua_CFunction guarded[G_COUNT] = {
        [G_FIND] = guarded_find, [G_MATCH] = guarded_match, [G_GMATCH] = guarded_gmatch,
        [G_GSUB] = guarded_gsub, [G_REP] = guarded_rep,     [G_MOVE] = guarded_move,
        [G_SORT] = guarded_sort, [G_DATE] = guarded_date,   [G_DUMP] = guarded_dump};
    for (int i = 0; i < G_COUNT; i++) {
        lua_getglobal(L, guarded_names[i].lib);
        lua_getfield(L, -1, guarded_names[i].name);
        // stack = { lib, original }
        lua_CFunction f = lua_tocfunction(L, -1);
        lua_pop(L, 1);
        if (f && f != guarded[i]) originals[i] = f;
        lua_pushcfunction(L, guarded[i]);
        lua_setfield(L, -2, guarded_names[i].name);
        lua_pop(L, 1);
    }
}

void host_open_libs(lua_State *L)
{
    for (const luaL_Reg *lib = opened; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    guard_functions(L);
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    // stack = { package.preload }
    for (const luaL_Reg *lib = preloaded; lib->func; lib++) {
        lua_pushcfunction(L, lib->func);
        lua_setfield(L, -2, lib->name);
    }
    lua_pop(L, 1);
    /* Strings share one metatable whose __index is the string library; hide
     * it so no code can reach and patch the shared library through "". */
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}
