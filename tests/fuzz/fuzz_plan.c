/* fuzz_plan.c - libFuzzer target: the plan loader and sandbox. Each input
 * becomes the plan.lua of a plan folder (it may `inherit "hanoi-2025"`),
 * which is loaded with require("dvht.plan").load in a fresh Lua state with
 * small limits; a plan that loads assesses a few units. The engine must
 * answer with a message, never crash, hang or leak. */
#include <lauxlib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fuzz_common.h"
#include "host_libs.h"
#include "lua_host.h"

#ifndef DVHT_SRC_ROOT
#define DVHT_SRC_ROOT "."
#endif

/* Loads the plan folder given as ... and assesses three typed units. */
static const char driver[] =
    "local dir = ...\n"
    "local plan, err = require('dvht.plan').load(dir)\n"
    "if not plan then return false end\n"
    "local input, assess = require('dvht.input'), require('dvht.assess')\n"
    "local units = {\n"
    "  { ma_don_vi = 'A1', ten_don_vi = 'Trường A', loai_don_vi = 'pho_thong', tong_thanh_vien = "
    "'40',\n"
    "    tuan_thu_ky_luat = '39', ngoai_ngu = '30', tong_nguoi_hoc = '500', nguoi_hoc_cdht = "
    "'490',\n"
    "    ke_hoach_hoc_tap = 'có', muc_chuyen_doi_so = 'tot' },\n"
    "  { ma_don_vi = 'B2', ten_don_vi = 'Công ty B', loai_don_vi = 'to_chuc_kinh_te', "
    "tong_thanh_vien = '7' },\n"
    "  { ma_don_vi = 'C3', ten_don_vi = 'Khác', loai_don_vi = 'khac', tong_thanh_vien = '0' },\n"
    "}\n"
    "for _, raw in ipairs(units) do\n"
    "  local ok, rec, problems = pcall(input.unit_from_values, plan, raw)\n"
    "  if ok then assess.unit(plan, rec, problems) end\n"
    "end\n"
    "return true\n";

static void setup(lua_State *L)
{
    lua_gc(L, LUA_GCGEN, 0, 0);
    host_open_libs(L);
    lua_getglobal(L, "package");
    lua_pushstring(L, DVHT_SRC_ROOT "/src/lua/?.lua");
    lua_setfield(L, -2, "path");
    lua_pushliteral(L, "");
    lua_setfield(L, -2, "cpath");
    lua_pop(L, 1);
    luaL_requiref(L, "dvht.core", luaopen_dvht_core, 0);
    lua_createtable(L, 0, 3);
    lua_pushstring(L, DVHT_SRC_ROOT "/src/lua");
    lua_setfield(L, -2, "lua");
    lua_pushstring(L, DVHT_SRC_ROOT "/rules");
    lua_setfield(L, -2, "rules");
    lua_pushstring(L, DVHT_SRC_ROOT "/docs");
    lua_setfield(L, -2, "docs");
    lua_setfield(L, -2, "paths");
    lua_pop(L, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the plan folder: plan/ in the temp folder, plan.lua = the input */
    static char dir[128];
    if (!dir[0]) {
        const char *tmp = fuzz_temp_dir();
        if (!tmp) return 0;
        snprintf(dir, sizeof dir, "%s/plan", tmp);
        if (mkdir(dir, 0700) != 0) return 0;
    }
    char file[160];
    snprintf(file, sizeof file, "%s/plan.lua", dir);
    FILE *f = fopen(file, "wb");
    if (!f) return 0;
    if (size) fwrite(data, 1, size, f);
    fclose(f);

    host_limits lim = {.heap_limit = (size_t)256 << 20,
                       .guard_memory = (size_t)16 << 20,
                       .guard_steps = 200000,
                       .guard_seconds = 5};
    lua_State *L = host_new(&lim);
    if (!L) return 0;
    if (host_set_engine_dir(L, DVHT_SRC_ROOT "/src/lua") != 0) {
        host_close(L);
        return 0;
    }
    setup(L);
    if (luaL_loadbuffer(L, driver, sizeof driver - 1, "=fuzz_plan") == LUA_OK) {
        lua_pushstring(L, dir);
        (void)host_docall(L, 1, 0);
    }
    host_close(L);
    return 0;
}
