/* lua_host.h - the embedded Lua state: a capped allocator, an instruction
 * budget enforced by a count hook that pcall cannot swallow, and docall()
 * with a traceback message handler (after lua.c). */
#ifndef DVHT_LUA_HOST_H
#define DVHT_LUA_HOST_H

#include <stddef.h>
#include <lua.h>

typedef struct host_limits {
    size_t heap_limit;   /* bytes for the whole Lua heap; 0 = unlimited */
    size_t guard_memory; /* bytes a guarded (plan) call may add; 0 = unlimited */
    long guard_steps;    /* VM instructions per guarded call; 0 = unlimited */
    long guard_seconds;  /* wall time per guarded call, checked with the
                            budget (a loop of costly instructions); 0 = none */
} host_limits;

/* Defaults, overridable by DVHT_LUA_MEM (MiB), DVHT_RULE_MEM (MiB),
 * DVHT_RULE_STEPS (instructions) and DVHT_RULE_TIME (seconds), and by the
 * command line. */
void host_default_limits(host_limits *lim);

/* Creates a state with the capped allocator; NULL when out of memory. */
lua_State *host_new(const host_limits *lim);
void host_close(lua_State *L);

/* Changes the limits of a running state (the CLI reads them late). */
void host_set_limits(lua_State *L, const host_limits *lim);
size_t host_heap_peak(lua_State *L);

/* lua_pcall with a traceback message handler; returns the pcall status and
 * leaves the results (or the message) on the stack like lua_pcall. */
int host_docall(lua_State *L, int narg, int nres);

/* Names the folder of the engine's own Lua files (trusted code). Returns
 * 0, or -1 when out of memory. */
int host_set_engine_dir(lua_State *L, const char *dir);

/* Whether the Lua function calling the running C function is plan code in
 * a guarded call with a budget: anything but the engine's own files (all
 * code when no engine folder was named), or a caller a tail call hid. */
int host_plan_calling(lua_State *L);

/* Charges `steps` of work done in C, out of the hook's reach (a pattern
 * match, a sort), to the running guarded call before it is done. When the
 * budget cannot cover it the call is killed as by the hook (pcall cannot
 * swallow it) and this raises. Outside a guarded call it does nothing.
 * what: the work as the message names it ("tìm kiếm theo mẫu"); hint:
 * appended to the message (" (…)" or ""). Both must be static texts. */
void host_charge(lua_State *L, double steps, const char *what, const char *hint);

/* Lua: ok, ... = guarded_call(f, ...). Runs plan code with the budget and
 * the memory cap. When a limit is hit the call is killed: every further
 * instruction raises until control is back here, so a pcall inside the
 * rule cannot swallow it. Returns false, message on any error. */
int host_guarded_call(lua_State *L);

#endif
