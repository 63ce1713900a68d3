/* fuzz_xlsx.c - libFuzzer target: the streaming XLSX reader (zip, workbook,
 * shared strings, styles, every sheet) on arbitrary bytes, with small
 * limits so a zip bomb is refused quickly; inputs read within those limits
 * are also read through the prefetcher and compared (fuzz_prefetch.h). */
#include <stdint.h>

#include "fuzz_common.h"
#include "fuzz_prefetch.h"
#include "text_norm.h"
#include "xlsx_reader.h"

static const char *const yes_words[] = {"có", "x", "1", "đạt", "TRUE", NULL};
static const char *const no_words[] = {"không", "0", "FALSE", "", NULL};

/* Reads src; returns 1 if it ended cleanly within 100,000 rows. */
static int drain(row_source *src)
{
    row r;
    int rows = 0, st;
    while ((st = row_source_next(src, &r)) == ROW_OK && rows++ < 100000) {
        for (size_t c = 0; c < r.ncells && c < 64; c++) {
            size_t len = r.lens[c];
            const char *cell = text_trim(r.cells[c], &len);
            free(text_nfc(cell, len));
        }
    }
    /* reading on after the end or an error must stay safe */
    (void)row_source_next(src, &r);
    return st == ROW_END;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_temp(".xlsx", data, size);
    if (!path) return 0;
    xlsx_limits lim = {
        .max_uncompressed = 64u << 20, .max_shared_strings = 100000, .max_shared_bytes = 16u << 20};
    char err[1024];
    xlsx_book *b = xlsx_open(path, &lim, err, sizeof err);
    if (!b) return 0;
    size_t n = xlsx_sheet_count(b);
    int clean = n <= 8;
    for (size_t i = 0; i < n && i < 16; i++) {
        (void)xlsx_sheet_name(b, i);
        (void)xlsx_sheet_hidden(b, i);
        row_source *src = xlsx_sheet_rows(b, i, err, sizeof err);
        if (!src) continue;
        clean &= drain(src);
        row_source_close(src);
    }
    /* a source stays usable after its book is closed */
    row_source *src = n ? xlsx_sheet_rows(b, 0, err, sizeof err) : NULL;
    xlsx_close(b);
    if (src) {
        drain(src);
        row_source_close(src);
    }
    /* within the small limits: the same through the prefetcher */
    if (clean) {
        static const int flags[] = {2, 3, 4};
        roster_spec spec = {.code_col = 1,
                            .learner_col = 5,
                            .flag_cols = flags,
                            .nflags = 3,
                            .yes_words = yes_words,
                            .no_words = no_words};
        fuzz_check_prefetch(path, 1, &spec);
    }
    return 0;
}
