/* pattern_cost.h - an upper bound on the work of Lua's pattern matching.
 *
 * string.find, match, gmatch and gsub run their matcher in C, where the
 * instruction budget of a rule cannot reach: a pattern such as
 * ".-.-.-.-.-.-x" on a few dozen characters backtracks for hours. Before
 * plan code may run one, the host charges its worst case to the rule's
 * budget (lua_host.c) and refuses the call when the budget cannot cover it.
 *
 * The bound follows Lua 5.4's lstrlib.c: the matcher tries each start
 * position (one when anchored with '^'), and from there every way the
 * quantified items ('*', '+', '-', '?') can split the subject. An item
 * "c*" can take at most as many bytes as the longest run of bytes matching
 * c, so its choices are counted from the subject, not from its length (a
 * "%s*" over text with single spaces has two). Each way costs at most one
 * step per pattern byte, and a "%b" or a back-reference ("%1") may scan the
 * rest of the subject. A plain find (no special characters, or plain =
 * true) costs the bytes scanned plus the bytes compared at each place its
 * first byte occurs. */
#ifndef DVHT_PATTERN_COST_H
#define DVHT_PATTERN_COST_H

#include <stddef.h>

enum pattern_call { PATTERN_FIND, PATTERN_MATCH, PATTERN_GMATCH, PATTERN_GSUB };

/* The bound, in matcher steps, of one call on subject s[0..n) (the part
 * from its init position on) with pattern p[0..plen). plain: string.find's
 * fourth argument. A malformed pattern gets a small bound: Lua rejects it
 * before matching much. Saturates at 1e18. */
double pattern_cost(enum pattern_call call, const char *s, size_t n, const char *p, size_t plen,
                    int plain);

#endif
