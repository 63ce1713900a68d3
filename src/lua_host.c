/* lua_host.c - allocator, budget hook and protected calls of the Lua state. */
#include "lua_host.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Instructions between two checks of the budget and the clock: few enough
 * that a loop of costly instructions (a C function working through tens of
 * megabytes each time) overshoots --rule-time by seconds, not minutes. */
#define HOOK_STEP 100

enum kill_reason { KILL_NONE = 0, KILL_STEPS, KILL_MEMORY, KILL_HEAP, KILL_PRICED, KILL_TIME };

typedef struct host {
    host_limits lim;
    size_t used, peak;
    size_t guard_base; /* heap size when the outermost guarded call began */
    long steps_left;
    double deadline; /* monotonic seconds when the guarded call must end */
    int guard_depth;
    int killed;   /* enum kill_reason */
    int refusals; /* allocations refused in a row */
    char kill_where[256];
    double kill_cost;                  /* KILL_PRICED: the refused work's bound */
    const char *kill_what, *kill_hint; /* and what it was (static texts) */
    char *engine_src;                  /* "@DIR/": chunk names of the engine's own Lua files */
    size_t engine_len;
    lua_State *L;
} host;

static host *host_of(lua_State *L)
{
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return ud;
}

static size_t env_mib(const char *name, size_t dflt)
{
    const char *v = getenv(name);
    char *end = NULL;
    unsigned long n = v ? strtoul(v, &end, 10) : 0;
    return (v && *v && end && *end == '\0' && n > 0) ? (size_t)n << 20 : dflt;
}

static long env_long(const char *name, long dflt)
{
    const char *v = getenv(name);
    char *end = NULL;
    long n = v ? strtol(v, &end, 10) : 0;
    return (v && *v && end && *end == '\0' && n > 0) ? n : dflt;
}

void host_default_limits(host_limits *lim)
{
    lim->heap_limit = env_mib("DVHT_LUA_MEM", (size_t)2048 << 20);
    lim->guard_memory = env_mib("DVHT_RULE_MEM", (size_t)64 << 20);
    lim->guard_steps = env_long("DVHT_RULE_STEPS", 10000000L);
    lim->guard_seconds = env_long("DVHT_RULE_TIME", 10);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void hook(lua_State *L, lua_Debug *ar);
static void kill_raise(lua_State *L, host *h, int level);

/* Marks the running guarded call as killed and makes the hook fire on every
 * instruction, so no rule code runs again until the call unwinds. */
static void kill_guarded(host *h, int reason)
{
    if (h->killed) return;
    h->killed = reason;
    lua_sethook(h->L, hook, LUA_MASKCOUNT, 1);
}

static void *host_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    host *h = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        h->used -= old;
        return NULL;
    }
    if (nsize > old) {
        size_t after = h->used - old + nsize;
        int over_heap = h->lim.heap_limit && after > h->lim.heap_limit;
        int over_guard =
            h->guard_depth && h->lim.guard_memory && after > h->guard_base + h->lim.guard_memory;
        /* Lua answers a refusal with an emergency collection and one
         * retry; only a second refusal in a row kills the rule. */
        if (over_guard || over_heap) {
            if (h->guard_depth && ++h->refusals >= 2)
                kill_guarded(h, over_guard ? KILL_MEMORY : KILL_HEAP);
            return NULL;
        }
    }
    void *p = realloc(ptr, nsize);
    if (!p) return NULL;
    h->refusals = 0;
    h->used = h->used - old + nsize;
    if (h->used > h->peak) h->peak = h->used;
    return p;
}

static void hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    host *h = host_of(L);
    if (!h->killed) {
        h->steps_left -= HOOK_STEP;
        /* a few instructions can each take long (comparing or joining
         * long strings, shifting a long array): the clock is the backstop */
        if (h->steps_left > 0 && (h->lim.guard_seconds <= 0 || now_seconds() < h->deadline)) return;
        kill_guarded(h, h->steps_left > 0 ? KILL_TIME : KILL_STEPS);
    }
    /* Inside a hook, level 0 is the Lua function being executed. */
    kill_raise(L, h, 0);
}

/* Notes where the rule was stopped (the Lua function `level` frames up),
 * then raises. The position is read without allocating: the heap may be
 * at its cap. */
static void kill_raise(lua_State *L, host *h, int level)
{
    lua_Debug here;
    if (h->kill_where[0] == '\0' && lua_getstack(L, level, &here) && lua_getinfo(L, "Sl", &here) &&
        here.currentline > 0)
        snprintf(h->kill_where, sizeof h->kill_where, "%s:%d: ", here.short_src, here.currentline);
    lua_pushfstring(L, "%squy tắc bị dừng vì vượt giới hạn", h->kill_where);
    lua_error(L);
}

int host_set_engine_dir(lua_State *L, const char *dir)
{
    host *h = host_of(L);
    size_t n = strlen(dir);
    char *src = malloc(n + 3);
    if (!src) return -1;
    snprintf(src, n + 3, "@%s/", dir);
    free(h->engine_src);
    h->engine_src = src;
    h->engine_len = n + 2;
    return 0;
}

int host_plan_calling(lua_State *L)
{
    host *h = host_of(L);
    lua_Debug ar;

    if (h->guard_depth == 0 || h->lim.guard_steps <= 0) return 0;
    if (!h->engine_src) return 1;
    /* level 0 is the C function asking; a tail call hides its caller */
    if (!lua_getstack(L, 0, &ar) || !lua_getinfo(L, "t", &ar) || ar.istailcall) return 1;
    if (!lua_getstack(L, 1, &ar) || !lua_getinfo(L, "S", &ar)) return 1;
    return strncmp(ar.source, h->engine_src, h->engine_len) != 0;
}

void host_charge(lua_State *L, double steps, const char *what, const char *hint)
{
    host *h = host_of(L);
    if (h->guard_depth == 0 || h->lim.guard_steps <= 0) return;
    if (!h->killed && steps < (double)h->steps_left) {
        h->steps_left -= (long)steps;
        return;
    }
    if (!h->killed) {
        h->kill_cost = steps;
        h->kill_what = what;
        h->kill_hint = hint;
    }
    kill_guarded(h, KILL_PRICED);
    kill_raise(L, h, 1); /* level 0 is the C function that charges */
}

lua_State *host_new(const host_limits *lim)
{
    host *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    h->lim = *lim;
    lua_State *L = lua_newstate(host_alloc, h);
    if (!L) {
        free(h);
        return NULL;
    }
    h->L = L;
    return L;
}

void host_close(lua_State *L)
{
    if (!L) return;
    host *h = host_of(L);
    lua_close(L);
    free(h->engine_src);
    free(h);
}

void host_set_limits(lua_State *L, const host_limits *lim)
{
    host_of(L)->lim = *lim;
}

size_t host_heap_peak(lua_State *L)
{
    return host_of(L)->peak;
}

/* Message handler: adds a traceback to string messages (lua.c's msghandler). */
static int msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        msg = lua_pushfstring(L, "(lỗi kiểu %s)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int host_docall(lua_State *L, int narg, int nres)
{
    int base = lua_gettop(L) - narg; /* function index */
    lua_pushcfunction(L, msghandler);
    lua_insert(L, base);
    int status = lua_pcall(L, narg, nres, base);
    lua_remove(L, base);
    return status;
}

static void guard_enter(host *h)
{
    if (h->guard_depth++ > 0) return;
    h->guard_base = h->used;
    h->steps_left = h->lim.guard_steps;
    h->killed = KILL_NONE;
    h->refusals = 0;
    h->kill_where[0] = '\0';
    if (h->lim.guard_seconds > 0) h->deadline = now_seconds() + (double)h->lim.guard_seconds;
    if (h->lim.guard_steps > 0) lua_sethook(h->L, hook, LUA_MASKCOUNT, HOOK_STEP);
}

/* Returns the kill reason of the call that just ended (outermost only). */
static int guard_leave(host *h)
{
    if (--h->guard_depth > 0) return KILL_NONE;
    int reason = h->killed;
    h->killed = KILL_NONE;
    lua_sethook(h->L, NULL, 0, 0);
    return reason;
}

/* A count in Vietnamese: digits grouped by dots ("12.345.678"), or "hơn
 * một triệu tỉ" from 10^15 on. */
static void count_text(char *buf, size_t size, double n)
{
    char digits[24];
    size_t len, k, o = 0;

    if (n >= 1e15) {
        snprintf(buf, size, "hơn một triệu tỉ");
        return;
    }
    snprintf(digits, sizeof digits, "%.0f", n);
    len = strlen(digits);
    for (k = 0; k < len && o + 2 < size; k++) {
        if (k > 0 && (len - k) % 3 == 0) buf[o++] = '.';
        buf[o++] = digits[k];
    }
    buf[o] = '\0';
}

/* What a rule raised, as a message of reasonable length: error({}) or
 * error(nil) said "table: 0x…" or "nil", and a rule could raise a 16 MB
 * string to be printed in full. Replaces the value on top. */
#define MESSAGE_MAX 2000
static void plain_message(lua_State *L)
{
    size_t len;

    if (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER) {
        const char *kind = luaL_typename(L, -1);
        lua_pop(L, 1);
        lua_pushfstring(L, "quy tắc báo lỗi bằng một giá trị kiểu %s, không phải một câu chữ",
                        kind);
        return;
    }
    (void)lua_tolstring(L, -1, &len);
    if (len <= MESSAGE_MAX) return;
    /* cut at a character boundary (a UTF-8 continuation byte is 10xxxxxx) */
    const char *s = lua_tostring(L, -1);
    size_t cut = MESSAGE_MAX;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    lua_pushlstring(L, s, cut);
    lua_pushfstring(L, "… (thông báo dài %I byte, đã cắt bớt)", (lua_Integer)len);
    lua_concat(L, 2);
    lua_remove(L, -2);
}

int host_guarded_call(lua_State *L)
{
    host *h = host_of(L);
    luaL_checktype(L, 1, LUA_TFUNCTION);
    int nargs = lua_gettop(L) - 1;
    int outermost = h->guard_depth == 0;
    guard_enter(h);
    // stack = { f, args... }
    int status = lua_pcall(L, nargs, LUA_MULTRET, 0);
    int reason = guard_leave(h);
    if (outermost && reason != KILL_NONE) {
        lua_settop(L, 0);
        lua_pushboolean(L, 0);
        if (reason == KILL_STEPS)
            lua_pushfstring(L, "%squy tắc chạy quá %I bước lệnh (vòng lặp vô tận?)", h->kill_where,
                            (lua_Integer)h->lim.guard_steps);
        else if (reason == KILL_TIME)
            lua_pushfstring(L, "%squy tắc chạy quá %I giây (vòng lặp vô tận?)", h->kill_where,
                            (lua_Integer)h->lim.guard_seconds);
        else if (reason == KILL_PRICED) {
            char cost[48];
            count_text(cost, sizeof cost, h->kill_cost);
            lua_pushfstring(
                L,
                "%s%s có thể cần tới %s bước, quá số bước còn lại trong giới hạn %I bước lệnh "
                "của quy tắc%s",
                h->kill_where, h->kill_what, cost, (lua_Integer)h->lim.guard_steps, h->kill_hint);
        } else if (reason == KILL_MEMORY)
            lua_pushfstring(L, "%squy tắc dùng quá %I MiB bộ nhớ", h->kill_where,
                            (lua_Integer)(h->lim.guard_memory >> 20));
        else /* the whole heap reached its cap while the rule ran */
            lua_pushfstring(
                L, "%sbộ máy Lua đã dùng hết %I MiB bộ nhớ được phép (--lua-mem) khi chạy quy tắc",
                h->kill_where, (lua_Integer)(h->lim.heap_limit >> 20));
        lua_gc(L, LUA_GCCOLLECT);
        return 2;
    }
    if (status != LUA_OK) {
        // stack = { message }
        plain_message(L);
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushboolean(L, 1);
    lua_insert(L, 1);
    return lua_gettop(L);
}
