/* roster.h - one pass over a member roster ("Thành viên"), counting per
 * unit code the staff, the learners and the yes answers of each member
 * column, apart for staff and learners. Which columns count what is
 * decided by the plan (Lua) and arrives here as column indices. */
#ifndef DVHT_ROSTER_H
#define DVHT_ROSTER_H

#include <stddef.h>

#include "row_source.h"

typedef struct roster_spec {
    int code_col;         /* 1-based column of the unit code */
    int learner_col;      /* 1-based "is a learner" column, 0 = none */
    const int *flag_cols; /* 1-based yes/no member columns */
    size_t nflags;
    const char *const *yes_words; /* folded spellings, NULL-terminated */
    const char *const *no_words;
} roster_spec;

typedef struct roster_unit {
    char *code;
    size_t code_len;
    long first_line;
    long staff, learners;
    long *yes; /* yes[k*2] staff, yes[k*2+1] learners answering yes to flag k */
} roster_unit;

#define ROSTER_MAX_BAD 1000
typedef struct roster_bad {
    long line;
    int column; /* 1-based */
    char value[80];
} roster_bad;

typedef struct roster {
    roster_unit *units;
    size_t nunits, cap;
    size_t nflags;
    size_t *slots; /* open addressing: index+1 into units, 0 = empty */
    size_t nslots;
    roster_bad *bad; /* the first ROSTER_MAX_BAD bad cells, in row order */
    size_t nbad, badcap;
    long bad_total;
} roster;

/* A deep copy of spec, or NULL when out of memory; roster_spec_free()
 * frees it. Two specs are equal when they count the same columns with the
 * same words. */
roster_spec *roster_spec_copy(const roster_spec *spec);
int roster_spec_equal(const roster_spec *a, const roster_spec *b);
void roster_spec_free(roster_spec *spec);

/* Returns 0, or -1 with a Vietnamese message (a reader error). */
int roster_aggregate(row_source *src, const roster_spec *spec, roster *out, char *err,
                     size_t errlen);
void roster_free(roster *r);

/* Adds part (the sums of the rows after those of into, with the same spec)
 * to into, as if one roster_aggregate() had read them all: the same units
 * in the same order, first lines, bad cells and totals. part is left to
 * roster_free(). Returns 0, or -1 when out of memory (into is then
 * partly merged: free it). */
int roster_merge(roster *into, roster *part);

/* 1 yes, 0 no, -1 neither: the shared yes/no reading of a cell. */
int roster_yes_no(const char *cell, size_t len, const char *const *yes, const char *const *no);

#endif
