/* pattern_cost.c - an upper bound on the work of Lua's pattern matching;
 * see pattern_cost.h. The pattern is walked as lstrlib.c's match() walks
 * it, and classes are matched as its singlematch() matches them. */
#include "pattern_cost.h"

#include <ctype.h>
#include <string.h>

#define COST_MAX 1e18
#define SPECIALS "^$*+?.([%-"

/* lstrlib.c's match_class(): c against the class letter after '%'. */
static int match_class(int c, int cl)
{
    int res;

    switch (tolower(cl)) {
    case 'a':
        res = isalpha(c);
        break;
    case 'c':
        res = iscntrl(c);
        break;
    case 'd':
        res = isdigit(c);
        break;
    case 'g':
        res = isgraph(c);
        break;
    case 'l':
        res = islower(c);
        break;
    case 'p':
        res = ispunct(c);
        break;
    case 's':
        res = isspace(c);
        break;
    case 'u':
        res = isupper(c);
        break;
    case 'w':
        res = isalnum(c);
        break;
    case 'x':
        res = isxdigit(c);
        break;
    case 'z':
        res = (c == 0);
        break;
    default:
        return cl == c;
    }
    return islower(cl) ? res != 0 : res == 0;
}

/* lstrlib.c's matchbracketclass(): p at '[', ec at the closing ']'. */
static int match_bracket(int c, const unsigned char *p, const unsigned char *ec)
{
    int sig = 1;

    if (*(p + 1) == '^') {
        sig = 0;
        p++;
    }
    while (++p < ec) {
        if (*p == '%') {
            p++;
            if (match_class(c, *p)) return sig;
        } else if (*(p + 1) == '-' && p + 2 < ec) {
            p += 2;
            if (*(p - 2) <= c && c <= *p) return sig;
        } else if (*p == c) {
            return sig;
        }
    }
    return !sig;
}

/* Whether byte c matches the single class p[0..ep). */
static int single_match(int c, const unsigned char *p, const unsigned char *ep)
{
    switch (*p) {
    case '.':
        return 1;
    case '%':
        return match_class(c, p[1]);
    case '[':
        return match_bracket(c, p, ep - 1);
    default:
        return *p == c;
    }
}

/* lstrlib.c's classend(): the end of the single class at p[i], or -1 when
 * the pattern is malformed there (Lua raises before matching past it). */
static long class_end(const unsigned char *p, size_t plen, size_t i)
{
    unsigned char c = p[i++];

    if (c == '%') return i < plen ? (long)i + 1 : -1;
    if (c != '[') return (long)i;
    if (i < plen && p[i] == '^') i++;
    for (;;) { /* look for a ']'; the first byte is a member even if it is one */
        if (i >= plen) return -1;
        if (p[i++] == '%' && i < plen) i++;
        if (i >= plen) return -1;
        if (p[i] == ']') return (long)i + 1;
    }
}

/* The longest run of bytes of s matching the class p[0..ep). */
static size_t longest_run(const unsigned char *s, size_t n, const unsigned char *p,
                          const unsigned char *ep)
{
    size_t best = 0, run = 0;

    if (*p == '.') return n;
    for (size_t k = 0; k < n; k++) {
        if (single_match(s[k], p, ep)) {
            if (++run > best) best = run;
        } else {
            run = 0;
        }
    }
    return best;
}

static double mul(double a, double b)
{
    double r = a * b;
    return r > COST_MAX ? COST_MAX : r;
}

/* lmemfind(): memchr for the first byte, then a compare at each place. */
static double plain_cost(const unsigned char *s, size_t n, const unsigned char *p, size_t plen)
{
    size_t room, hits = 0;
    const unsigned char *at = s, *end;

    if (plen == 0 || plen > n) return 1;
    room = n - plen + 1;
    end = s + room;
    while (at < end && (at = memchr(at, p[0], (size_t)(end - at))) != NULL) {
        hits++;
        at++;
    }
    return (double)room + mul((double)hits, (double)plen);
}

static int has_specials(const unsigned char *p, size_t plen)
{
    for (size_t i = 0; i < plen; i++)
        if (p[i] != '\0' && strchr(SPECIALS, p[i])) return 1;
    return 0;
}

double pattern_cost(enum pattern_call call, const char *subject, size_t n, const char *pattern,
                    size_t plen, int plain)
{
    const unsigned char *s = (const unsigned char *)subject;
    const unsigned char *p = (const unsigned char *)pattern;
    double ways = 1;
    size_t i = 0;
    int anchored = 0, scans = 0;

    if (call == PATTERN_FIND && (plain || !has_specials(p, plen))) return plain_cost(s, n, p, plen);
    /* gmatch takes a leading '^' literally */
    if (call != PATTERN_GMATCH && plen > 0 && p[0] == '^') {
        anchored = 1;
        i = 1;
    }
    while (i < plen) {
        unsigned char c = p[i];
        long e;

        if (c == '(') {
            i += (i + 1 < plen && p[i + 1] == ')') ? 2 : 1;
            continue;
        }
        if (c == ')' || (c == '$' && i + 1 == plen)) {
            i++;
            continue;
        }
        if (c == '%' && i + 1 < plen) {
            unsigned char d = p[i + 1];
            if (d == 'b') { /* a balanced pair: one scan of the rest */
                if (i + 3 >= plen) break;
                scans++;
                i += 4;
                continue;
            }
            if (d == 'f') { /* a frontier: one test */
                i += 2;
                if (i >= plen || p[i] != '[' || (e = class_end(p, plen, i)) < 0) break;
                i = (size_t)e;
                continue;
            }
            if (d >= '0' && d <= '9') { /* a back-reference: one compare */
                scans++;
                i += 2;
                continue;
            }
        }
        e = class_end(p, plen, i);
        if (e < 0) break;
        if ((size_t)e < plen && p[e] != '\0' && strchr("*+-?", p[e])) {
            if (p[e] == '?')
                ways = mul(ways, 2);
            else
                ways = mul(ways, (double)longest_run(s, n, p + i, p + e) + 1);
            i = (size_t)e + 1;
        } else {
            i = (size_t)e;
        }
    }
    double cost = mul(ways, (double)plen + 1);
    if (scans) cost = mul(cost, (double)n + 1);
    if (!anchored) cost = mul(cost, (double)n + 1);
    return cost;
}
