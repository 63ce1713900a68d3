/* fuzz_common.h - helpers shared by the libFuzzer targets: the readers take
 * a path, so each input is written to one temp file per process. */
#ifndef DVHT_FUZZ_COMMON_H
#define DVHT_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The per-process temp folder (made on first use), or NULL. */
static const char *fuzz_temp_dir(void)
{
    static char dir[64];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/dvht-fuzz.XXXXXX");
        if (!mkdtemp(dir)) {
            dir[0] = '\0';
            return NULL;
        }
    }
    return dir;
}

/* Writes data to the file "input<suffix>" of the temp folder; returns its
 * path (static storage) or NULL. */
static const char *fuzz_write_temp(const char *suffix, const unsigned char *data, size_t size)
{
    static char path[160];
    const char *dir = fuzz_temp_dir();
    if (!dir) return NULL;
    snprintf(path, sizeof path, "%s/input%s", dir, suffix);
    FILE *f = fopen(path, "wb");
    if (!f) return NULL;
    if (size && fwrite(data, 1, size, f) != size) {
        fclose(f);
        return NULL;
    }
    if (fclose(f) != 0) return NULL;
    return path;
}

#endif
