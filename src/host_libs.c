/* host_libs.c - which libraries the trusted state opens (after Lua's
 * linit.c: copy this list and edit it to choose libraries). Plans never see
 * these directly: src/lua/dvht/sandbox.lua builds their allow-listed
 * environment. The debug library is not opened at all. */
#include "host_libs.h"

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

/* The string library's matchers run in C, out of the instruction hook's
 * reach: a call from plan code is first charged its worst case
 * (pattern_cost.h), so a backtracking pattern is refused, not run for
 * hours. The engine's own calls, with its fixed patterns, are not charged.
 * The originals, per call kind: */
static lua_CFunction matchers[4];
static const char *const matcher_names[4] = {"find", "match", "gmatch", "gsub"};

/* lstrlib.c's posrelatI(): a start position as an offset into s. */
static size_t start_offset(lua_Integer pos, size_t len)
{
    if (pos > 0) return (size_t)pos - 1 < len ? (size_t)pos - 1 : len;
    if (pos == 0 || pos < -(lua_Integer)len) return 0;
    return len + (size_t)pos;
}

static int guarded_matcher(lua_State *L, enum pattern_call call)
{
    if (host_plan_calling(L)) {
        size_t n, plen, from = 0;
        const char *s = luaL_checklstring(L, 1, &n);
        const char *p = luaL_checklstring(L, 2, &plen);
        if (call != PATTERN_GSUB) from = start_offset(luaL_optinteger(L, 3, 1), n);
        host_charge(L, pattern_cost(call, s + from, n - from, p, plen,
                                    call == PATTERN_FIND && lua_toboolean(L, 4)));
    }
    return matchers[call](L);
}

static int guarded_find(lua_State *L)
{
    return guarded_matcher(L, PATTERN_FIND);
}
static int guarded_match(lua_State *L)
{
    return guarded_matcher(L, PATTERN_MATCH);
}
static int guarded_gmatch(lua_State *L)
{
    return guarded_matcher(L, PATTERN_GMATCH);
}
static int guarded_gsub(lua_State *L)
{
    return guarded_matcher(L, PATTERN_GSUB);
}

/* Puts the guarded matchers in the string library (also the strings'
 * metatable __index, so s:find(...) is guarded too). */
static void guard_matchers(lua_State *L)
{
    static const lua_CFunction guarded[4] = {guarded_find, guarded_match, guarded_gmatch,
                                             guarded_gsub};
    lua_getglobal(L, LUA_STRLIBNAME);
    // stack = { string }
    for (int i = 0; i < 4; i++) {
        lua_getfield(L, -1, matcher_names[i]);
        lua_CFunction f = lua_tocfunction(L, -1);
        lua_pop(L, 1);
        if (f && f != guarded[i]) matchers[i] = f;
        lua_pushcfunction(L, guarded[i]);
        lua_setfield(L, -2, matcher_names[i]);
    }
    lua_pop(L, 1);
}

void host_open_libs(lua_State *L)
{
    for (const luaL_Reg *lib = opened; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    guard_matchers(L);
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
