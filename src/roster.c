/* roster.c - member roster aggregation (see roster.h). */
#include "roster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_norm.h"

static int in_list(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(s, *words) == 0) return 1;
    return 0;
}

static void trim(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t'))
        (*s)++, (*len)--;
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

int roster_yes_no(const char *cell, size_t len, const char *const *yes, const char *const *no)
{
    trim(&cell, &len);
    if (len == 0) return 0; /* an empty cell is "no" */
    char small[32];
    if (len < sizeof small) { /* fast path: "1", "x", "0" as typed */
        memcpy(small, cell, len);
        small[len] = '\0';
        if (in_list(small, yes)) return 1;
        if (in_list(small, no)) return 0;
    }
    char *key = text_fold_key(cell, len);
    if (!key) return -1;
    int v = in_list(key, yes) ? 1 : in_list(key, no) ? 0 : -1;
    free(key);
    return v;
}

/* The yes/no readings of the spellings met so far. A roster uses a handful
 * ("x", "", "có", "đạt"): most cells are then read by one short compare
 * instead of a fold and a look-up in the word lists. */
#define MEMO_SLOTS 64
#define MEMO_TEXT  24
typedef struct yes_no_memo {
    struct {
        size_t len;
        int value;
        char text[MEMO_TEXT];
    } e[MEMO_SLOTS];
    size_t n;
} yes_no_memo;

static int memo_yes_no(yes_no_memo *m, const roster_spec *spec, const char *cell, size_t len)
{
    trim(&cell, &len);
    if (len == 0) return 0; /* an empty cell is "no" */
    if (len >= MEMO_TEXT) return roster_yes_no(cell, len, spec->yes_words, spec->no_words);
    for (size_t i = 0; i < m->n; i++)
        if (m->e[i].len == len && memcmp(m->e[i].text, cell, len) == 0) return m->e[i].value;
    int v = roster_yes_no(cell, len, spec->yes_words, spec->no_words);
    if (m->n < MEMO_SLOTS) {
        m->e[m->n].len = len;
        m->e[m->n].value = v;
        memcpy(m->e[m->n].text, cell, len);
        m->n++;
    }
    return v;
}

static size_t hash(const char *s, size_t n)
{
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static int grow_slots(roster *r)
{
    size_t n = r->nslots ? r->nslots * 2 : 1024;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots) return -1;
    for (size_t u = 0; u < r->nunits; u++) {
        size_t i = hash(r->units[u].code, r->units[u].code_len) & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = u + 1;
    }
    free(r->slots);
    r->slots = slots;
    r->nslots = n;
    return 0;
}

static roster_unit *add_unit(roster *r, const char *code, size_t len, long line)
{
    if (r->nunits == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        roster_unit *u = realloc(r->units, cap * sizeof *u);
        if (!u) return NULL;
        r->units = u;
        r->cap = cap;
    }
    roster_unit *u = &r->units[r->nunits];
    u->code = malloc(len + 1);
    u->yes = calloc(r->nflags * 2 + 1, sizeof *u->yes);
    if (!u->code || !u->yes) {
        free(u->code);
        free(u->yes);
        return NULL;
    }
    memcpy(u->code, code, len);
    u->code[len] = '\0';
    u->code_len = len;
    u->first_line = line;
    u->staff = u->learners = 0;
    r->nunits++;
    return u;
}

/* Finds or adds the unit with this code; NULL when out of memory. */
static roster_unit *unit_for(roster *r, const char *code, size_t len, long line)
{
    if ((r->nunits + 1) * 2 > r->nslots && grow_slots(r) != 0) return NULL;
    size_t i = hash(code, len) & (r->nslots - 1);
    for (; r->slots[i]; i = (i + 1) & (r->nslots - 1)) {
        roster_unit *u = &r->units[r->slots[i] - 1];
        if (u->code_len == len && memcmp(u->code, code, len) == 0) return u;
    }
    roster_unit *u = add_unit(r, code, len, line);
    if (u) r->slots[i] = r->nunits;
    return u;
}

/* Room for one more bad cell (most rosters have none: nothing is allocated
 * until the first); 0, or -1 when out of memory. */
static int bad_room(roster *r)
{
    if (r->nbad < r->badcap) return 0;
    size_t cap = r->badcap ? r->badcap * 2 : 16;
    if (cap > ROSTER_MAX_BAD) cap = ROSTER_MAX_BAD;
    roster_bad *b = realloc(r->bad, cap * sizeof *b);
    if (!b) return -1;
    r->bad = b;
    r->badcap = cap;
    return 0;
}

/* 0, or -1 when out of memory. */
static int note_bad(roster *r, long line, int column, const char *value, size_t len)
{
    r->bad_total++;
    if (r->nbad == ROSTER_MAX_BAD) return 0;
    if (bad_room(r) != 0) return -1;
    roster_bad *b = &r->bad[r->nbad++];
    b->line = line;
    b->column = column;
    size_t n = len < sizeof b->value - 1 ? len : sizeof b->value - 1;
    while (n > 0 && n < len && ((unsigned char)value[n] & 0xC0) == 0x80)
        n--; /* UTF-8 boundary */
    memcpy(b->value, value, n);
    b->value[n] = '\0';
    return 0;
}

static const char *cell_at(const row *rw, int col, size_t *len)
{
    if (col < 1 || (size_t)col > rw->ncells) {
        *len = 0;
        return "";
    }
    *len = rw->lens[col - 1];
    return rw->cells[col - 1];
}

/* Adds one member row; 0, or -1 when out of memory. */
static int add_member(roster *r, const roster_spec *spec, yes_no_memo *memo, const row *rw)
{
    size_t len;
    const char *code = cell_at(rw, spec->code_col, &len);
    trim(&code, &len);
    if (len == 0) return note_bad(r, rw->line, spec->code_col, "", 0);
    roster_unit *u = unit_for(r, code, len, rw->line);
    if (!u) return -1;
    int learner = 0;
    if (spec->learner_col) {
        const char *c = cell_at(rw, spec->learner_col, &len);
        learner = memo_yes_no(memo, spec, c, len);
        if (learner < 0) {
            if (note_bad(r, rw->line, spec->learner_col, c, len) != 0) return -1;
            learner = 0;
        }
    }
    if (learner)
        u->learners++;
    else
        u->staff++;
    for (size_t k = 0; k < spec->nflags; k++) {
        const char *c = cell_at(rw, spec->flag_cols[k], &len);
        int yes = memo_yes_no(memo, spec, c, len);
        if (yes < 0) {
            if (note_bad(r, rw->line, spec->flag_cols[k], c, len) != 0) return -1;
        } else if (yes)
            u->yes[k * 2 + (size_t)learner]++;
    }
    return 0;
}

int roster_aggregate(row_source *src, const roster_spec *spec, roster *out, char *err,
                     size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->nflags = spec->nflags;
    yes_no_memo *memo = calloc(1, sizeof *memo);
    if (!memo) {
        snprintf(err, errlen, "%s: không đủ bộ nhớ khi tổng hợp danh sách thành viên", src->name);
        return -1;
    }
    row rw;
    int st;
    while ((st = row_source_next(src, &rw)) == ROW_OK) {
        if (add_member(out, spec, memo, &rw) != 0) {
            free(memo);
            snprintf(err, errlen, "%s: không đủ bộ nhớ khi tổng hợp danh sách thành viên",
                     src->name);
            roster_free(out);
            return -1;
        }
    }
    free(memo);
    if (st == ROW_ERROR) {
        snprintf(err, errlen, "%s", src->err);
        roster_free(out);
        return -1;
    }
    return 0;
}

int roster_merge(roster *into, roster *part)
{
    if (into->nunits == 0 && into->nbad == 0 && into->bad_total == 0) {
        roster_free(into);
        *into = *part; /* nothing to add to: take it whole */
        memset(part, 0, sizeof *part);
        return 0;
    }
    for (size_t i = 0; i < part->nunits; i++) {
        const roster_unit *u = &part->units[i];
        roster_unit *t = unit_for(into, u->code, u->code_len, u->first_line);
        if (!t) return -1;
        t->staff += u->staff;
        t->learners += u->learners;
        for (size_t k = 0; k < into->nflags * 2; k++)
            t->yes[k] += u->yes[k];
    }
    for (size_t i = 0; i < part->nbad && into->nbad < ROSTER_MAX_BAD; i++) {
        if (bad_room(into) != 0) return -1;
        into->bad[into->nbad++] = part->bad[i];
    }
    into->bad_total += part->bad_total;
    return 0;
}

void roster_free(roster *r)
{
    for (size_t u = 0; u < r->nunits; u++) {
        free(r->units[u].code);
        free(r->units[u].yes);
    }
    free(r->units);
    free(r->slots);
    free(r->bad);
    r->units = NULL;
    r->slots = NULL;
    r->bad = NULL;
    r->nunits = r->cap = r->nslots = 0;
    r->nbad = r->badcap = 0;
}

/* ---- specs ---- */

static size_t count_words(const char *const *w)
{
    size_t n = 0;
    while (w && w[n])
        n++;
    return n;
}

static const char **copy_words(const char *const *w)
{
    size_t n = count_words(w);
    const char **c = calloc(n + 1, sizeof *c);
    for (size_t i = 0; c && i < n; i++) {
        size_t len = strlen(w[i]) + 1;
        char *d = malloc(len);
        if (!d) {
            for (size_t k = 0; k < i; k++)
                free((void *)c[k]);
            free(c);
            return NULL;
        }
        c[i] = memcpy(d, w[i], len);
    }
    return c;
}

static void free_words(const char **w)
{
    for (size_t i = 0; w && w[i]; i++)
        free((void *)w[i]);
    free(w);
}

roster_spec *roster_spec_copy(const roster_spec *spec)
{
    roster_spec *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    *c = *spec;
    c->flag_cols = NULL;
    c->yes_words = c->no_words = NULL;
    int *cols = calloc(spec->nflags + 1, sizeof *cols);
    if (cols && spec->nflags) memcpy(cols, spec->flag_cols, spec->nflags * sizeof *cols);
    c->flag_cols = cols;
    c->yes_words = copy_words(spec->yes_words);
    c->no_words = copy_words(spec->no_words);
    if (!cols || !c->yes_words || !c->no_words) {
        roster_spec_free(c);
        return NULL;
    }
    return c;
}

static int same_words(const char *const *a, const char *const *b)
{
    size_t n = count_words(a);
    if (n != count_words(b)) return 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(a[i], b[i]) != 0) return 0;
    return 1;
}

int roster_spec_equal(const roster_spec *a, const roster_spec *b)
{
    return a->code_col == b->code_col && a->learner_col == b->learner_col &&
           a->nflags == b->nflags &&
           (a->nflags == 0 || memcmp(a->flag_cols, b->flag_cols, a->nflags * sizeof(int)) == 0) &&
           same_words(a->yes_words, b->yes_words) && same_words(a->no_words, b->no_words);
}

void roster_spec_free(roster_spec *spec)
{
    if (!spec) return;
    free((void *)spec->flag_cols);
    free_words((const char **)spec->yes_words);
    free_words((const char **)spec->no_words);
    free(spec);
}
