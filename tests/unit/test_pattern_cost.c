/* test_pattern_cost.c - the worst-case bound of Lua pattern matching:
 * classes read as Lua's own matcher reads them (checked against Lua for
 * every byte), exact bounds of small cases, and the backtracking bombs
 * priced far above any rule budget while everyday patterns stay cheap. */
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "pattern_cost.h"
#include "tap.h"

static double cost(enum pattern_call call, const char *s, const char *p)
{
    return pattern_cost(call, s, strlen(s), p, strlen(p), 0);
}

/* "^c*" on a one-byte subject costs (run + 1) * (plen + 1): the run (0 or
 * 1) tells whether the byte is in class c. Lua answers the same question
 * with string.find(byte, "^c$"). */
static void test_classes_agree_with_lua(void)
{
    static const char *const classes[] = {
        ".",     "%a",  "%A",   "%c",    "%C",   "%d",   "%D",    "%g",    "%G",     "%l",
        "%L",    "%p",  "%P",   "%s",    "%S",   "%u",   "%U",    "%w",    "%W",     "%x",
        "%X",    "%z",  "%Z",   "a",     "%%",   "%.",   "%]",    "[abc]", "[^abc]", "[a-f]",
        "[%d_]", "[]]", "[^]]", "[%]x]", "[a-]", "[-a]", "[%a-]", "[z-a]", "[%s%d]", "[^%w]",
    };
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    for (size_t k = 0; k < sizeof classes / sizeof *classes; k++) {
        char p[32], anchored[32];
        int disagree = -1;
        snprintf(p, sizeof p, "^%s*", classes[k]);
        snprintf(anchored, sizeof anchored, "^%s$", classes[k]);
        for (int b = 0; b < 256 && disagree < 0; b++) {
            char s[1] = {(char)b};
            double c = pattern_cost(PATTERN_MATCH, s, 1, p, strlen(p), 0);
            int ours = c / (double)(strlen(p) + 1) > 1.5;
            lua_getglobal(L, "string");
            lua_getfield(L, -1, "find");
            lua_pushlstring(L, s, 1);
            lua_pushstring(L, anchored);
            lua_call(L, 2, 1);
            int lua = !lua_isnil(L, -1);
            lua_pop(L, 2);
            if (ours != lua) disagree = b;
        }
        CHECK(disagree < 0, "class %s: the same bytes as Lua's matcher (first difference: %d)",
              classes[k], disagree);
    }
    lua_close(L);
}

static void test_exact_bounds(void)
{
    static const struct {
        enum pattern_call call;
        const char *s, *p;
        int plain;
        double want;
        const char *what;
    } cases[] = {
        {PATTERN_FIND, "xxabcxx", "abc", 1, 5 + 3, "plain find: 5 places, 'a' at one of them"},
        {PATTERN_FIND, "abab", "b", 0, 4 + 2, "no special characters: a plain find"},
        {PATTERN_FIND, "ab", "abc", 1, 1, "a needle longer than the subject"},
        {PATTERN_MATCH, "  ab  ", "^%s*(.-)%s*$", 0, 3 * 7 * 3 * 13,
         "trim: runs of 2 spaces, '.' takes up to 6, anchored"},
        {PATTERN_GMATCH, "aaa", "^a", 0, 3 * 4, "gmatch takes '^' literally: every start"},
        {PATTERN_FIND, "aaaa", ".-x", 0, 5 * 4 * 5, ".-x: 5 ways, 4 steps, 5 starts"},
        {PATTERN_FIND, "(a)(b)", "%b()", 0, 5 * 7 * 7, "%b scans the rest from each start"},
        {PATTERN_MATCH, "aa", "(a)%1", 0, 6 * 3 * 3, "a back-reference scans too"},
        {PATTERN_MATCH, "aaa", "^a?a?a?", 0, 8 * 8, "'?' has two ways"},
        {PATTERN_GSUB, "a b  c", "%s+", 0, 3 * 4 * 7, "gsub: runs of 2 spaces, every start"},
        {PATTERN_GSUB, "a b  c", "^%s+", 0, 3 * 5, "gsub honours '^'"},
        {PATTERN_MATCH, "abc", "[a", 0, 3 * 4, "malformed: only what precedes the error"},
        {PATTERN_MATCH, "abc", "%f[%a]%a+", 0, 4 * 10 * 4, "a frontier adds no ways"},
        {PATTERN_FIND, "abc", "", 0, 1, "an empty pattern"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        double got = pattern_cost(cases[k].call, cases[k].s, strlen(cases[k].s), cases[k].p,
                                  strlen(cases[k].p), cases[k].plain);
        CHECK(got == cases[k].want, "%s: %.0f (got %.0f)", cases[k].what, cases[k].want, got);
    }
}

static void test_bombs_and_everyday_patterns(void)
{
    char as[61], spaced[10001], long_a[4097];
    memset(as, 'a', 60);
    as[60] = '\0';
    for (int i = 0; i < 10000; i++)
        spaced[i] = i % 7 == 6 ? ' ' : 'x';
    spaced[10000] = '\0';
    memset(long_a, 'a', 4096);
    long_a[4096] = '\0';

    CHECK(cost(PATTERN_FIND, as, ".-.-.-.-.-.-.-.-.-.-.-.-x") >= 1e18,
          "12 '.-' on 60 bytes saturates at 1e18");
    CHECK(cost(PATTERN_MATCH, as, "(.*)(.*)(.*)(.*)c") > 1e9,
          "4 '.*' on 60 bytes: over a billion steps");
    CHECK(cost(PATTERN_GSUB, as, "a*a*a*a*a*b") > 1e9, "5 'a*' on 60 a's: over a billion steps");
    CHECK(pattern_cost(PATTERN_FIND, long_a, 4096, "aaab", 4, 1) > 4096 * 4,
          "plain find: every place of the first byte is compared");
    CHECK(cost(PATTERN_MATCH, spaced, "^%s*(.-)%s*$") < 1e6,
          "trim of 10,000 bytes with single spaces: under a million");
    CHECK(cost(PATTERN_GSUB, spaced, "%s+") < 1e6, "squeezing spaces of 10,000 bytes");
    CHECK(cost(PATTERN_MATCH, "HN-000123", "^HN%-(%d+)$") < 1e3, "a unit code's number");
    CHECK(cost(PATTERN_GMATCH, spaced, "%S+") < 1e8, "the words of 10,000 bytes");
}

int main(void)
{
    test_classes_agree_with_lua();
    test_exact_bounds();
    test_bombs_and_everyday_patterns();
    return tap_done();
}
