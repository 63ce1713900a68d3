/* exit_codes.h - the process exit status of dvht, one meaning each.
 * Documented in docs/ and README; exposed to Lua as dvht.exit. */
#ifndef DVHT_EXIT_CODES_H
#define DVHT_EXIT_CODES_H

enum dvht_exit {
    EXIT_OK = 0,          /* done; every unit assessed, no data problem */
    EXIT_DATA_ERRORS = 1, /* done, outputs written, but some units are "loi" */
    EXIT_USAGE = 2,       /* bad command line */
    EXIT_PLAN = 3,        /* the plan cannot be loaded or a rule failed */
    EXIT_INPUT = 4,       /* an input file cannot be read at all */
    EXIT_OUTPUT = 5,      /* an output cannot be written */
    EXIT_INTERNAL = 6     /* out of memory or an unexpected failure */
};

#endif
