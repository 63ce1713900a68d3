/* tap.h - a tiny TAP producer for C unit tests. Each check prints
 * "ok - what" or "not ok - what (file:line)"; tap_done() prints the
 * summary line and returns the exit status. */
#ifndef DVHT_TAP_H
#define DVHT_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_passed, tap_failed;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (cond) {                                                                                \
            tap_passed++;                                                                          \
            printf("ok - ");                                                                       \
        } else {                                                                                   \
            tap_failed++;                                                                          \
            printf("not ok - [%s:%d] ", __FILE__, __LINE__);                                       \
        }                                                                                          \
        printf(__VA_ARGS__);                                                                       \
        putchar('\n');                                                                             \
    } while (0)

#define CHECK_STR(got, want, what)                                                                 \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        int same_ = g_ && w_ && strcmp(g_, w_) == 0;                                               \
        CHECK(same_, "%s", what);                                                                  \
        if (!same_) printf("#   got  '%s'\n#   want '%s'\n", g_ ? g_ : "(null)", w_);              \
    } while (0)

static inline int tap_done(void)
{
    printf("%d passed, %d failed\n", tap_passed, tap_failed);
    return tap_failed ? 1 : 0;
}

#endif
