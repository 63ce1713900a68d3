/* fuzz_csv.c - libFuzzer target: the CSV reader, the cell helpers the Lua
 * binding applies to every cell (trim, fold) and the member-roster
 * aggregator, on arbitrary bytes; and the same input read through the
 * prefetcher, compared with direct reading (fuzz_prefetch.h). */
#include <stdint.h>

#include "csv_reader.h"
#include "fuzz_common.h"
#include "fuzz_prefetch.h"
#include "roster.h"
#include "text_norm.h"

static const char *const yes_words[] = {"có", "x", "1", "đạt", "yes", "true", NULL};
static const char *const no_words[] = {"không", "0", "không đạt", "no", "false", "", NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_temp(".csv", data, size);
    if (!path) return 0;
    char err[1024];
    row_source *src = csv_open(path, err, sizeof err);
    if (src) {
        row r;
        int n = 0;
        while (row_source_next(src, &r) == ROW_OK && n++ < 10000) {
            for (size_t i = 0; i < r.ncells && i < 64; i++) {
                size_t len = r.lens[i];
                const char *cell = text_trim(r.cells[i], &len);
                char *key = text_fold_key(cell, len);
                free(key);
            }
        }
        /* reading on after the end or an error must stay safe */
        (void)row_source_next(src, &r);
        row_source_close(src);
    }
    src = csv_open(path, err, sizeof err);
    if (src) {
        static const int flags[] = {3, 4, 5, 6, 7, 8};
        roster_spec spec = {.code_col = 1,
                            .learner_col = 2,
                            .flag_cols = flags,
                            .nflags = 6,
                            .yes_words = yes_words,
                            .no_words = no_words};
        roster out;
        if (roster_aggregate(src, &spec, &out, err, sizeof err) == 0) roster_free(&out);
        row_source_close(src);
        fuzz_check_prefetch(path, 0, &spec);
    }
    return 0;
}
