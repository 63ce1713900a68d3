/* host_libs.h - the libraries and C modules of the trusted Lua state. */
#ifndef DVHT_HOST_LIBS_H
#define DVHT_HOST_LIBS_H

#include <lua.h>

int luaopen_dvht_core(lua_State *L);     /* lua_core.c */
int luaopen_dvht_workbook(lua_State *L); /* lua_workbook.c */
int luaopen_dvht_tables(lua_State *L);   /* lua_tables.c */

void host_open_libs(lua_State *L);

#endif
