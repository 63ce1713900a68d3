/* lua_workbook.h - the "dvht.workbook" Lua module: XLSX output through
 * libxlsxwriter, with every argument checked and every error reported as a
 * Lua error in Vietnamese.
 *
 * The host preloads it:
 *     luaL_requiref(L, "dvht.workbook", luaopen_dvht_workbook, 0);
 *
 * Lua API (rows and columns are 0-based, like libxlsxwriter):
 *
 *   workbook.new(path [, { constant_memory = bool, tmpdir = str,
 *                          use_zip64 = bool, verify = bool }])  -> wb
 *   workbook.valid_sheet_name(name)                     -> true | false, why
 *
 *   wb:format{ ... }          -> fmt      wb:add_sheet(name)   -> ws
 *   wb:chart{ ... }           -> chart    wb:define_name(name, formula)
 *   wb:set_properties{ ... }              wb:close()           -> true
 *
 *   ws:write(r, c, value [, fmt])         ws:write_formula(r, c, f [, fmt [, cached]])
 *   ws:write_url(r, c, url [, fmt [, text [, tip]]])
 *   ws:merge(r1, c1, r2, c2, value [, fmt])
 *   ws:set_column(c1, c2, width [, fmt [, { hidden, level }]])
 *   ws:set_row(r, height [, fmt [, { hidden, level }]])
 *   ws:freeze(r, c)   ws:autofilter(r1, c1, r2, c2)   ws:print_setup{ ... }
 *   ws:page_breaks{ row, ... }            (manual breaks above these rows; once)
 *   ws:hide()  ws:activate()  ws:protect([password [, opts]])
 *   ws:set_tab_color(color)   ws:validation(r1, c1, r2, c2, opts)
 *   ws:conditional(r1, c1, r2, c2, opts)   ws:insert_chart(r, c, chart [, opts])
 *   ws:name() -> string
 *
 * The file is written to a temporary file next to `path` and renamed over it
 * by wb:close(), after it has been read back (unless verify = false): every
 * zip member must be intact and every XML part complete. A workbook that is
 * garbage collected or leaves a <close> scope without wb:close() is
 * discarded and leaves no file behind. */
#ifndef DVHT_LUA_WORKBOOK_H
#define DVHT_LUA_WORKBOOK_H

#include <lua.h>

int luaopen_dvht_workbook(lua_State *L);

#endif
