/* host_libs.c - which libraries the trusted state opens (after Lua's
 * linit.c: copy this list and edit it to choose libraries). Plans never see
 * these directly: src/lua/dvht/sandbox.lua builds their allow-listed
 * environment. The debug library is not opened at all. */
#include "host_libs.h"

#include <lauxlib.h>
#include <lualib.h>

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

void host_open_libs(lua_State *L)
{
    for (const luaL_Reg *lib = opened; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
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
