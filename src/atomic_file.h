/* atomic_file.h - write an output file so that readers only ever see the
 * old file or the complete new one: write to a temporary file in the same
 * directory, fsync it, then rename() it over the target.
 *
 * Typical use:
 *
 *     char *tmp;
 *     int fd = atomic_begin(path, &tmp);
 *     if (fd < 0) -> report atomic_strerror_vi(errno)
 *     ... write(fd, ...); on a write error: atomic_abort(fd, tmp) ...
 *     if (atomic_commit(fd, tmp, path) != 0) -> report atomic_strerror_vi(errno)
 *     free(tmp);
 *
 * The temporary name is ".<basename>.XXXXXX" next to the target, so the
 * rename never crosses a file system. */
#ifndef DVHT_ATOMIC_FILE_H
#define DVHT_ATOMIC_FILE_H

/* Creates a temp file next to `path`; returns fd or -1 with errno.
 * tmp_out gets its malloc'd name (the caller frees it, also after
 * atomic_commit and atomic_abort). The file gets the permission bits of an
 * existing regular file at `path`, otherwise 0666 less the umask. The
 * descriptor is close-on-exec. */
int atomic_begin(const char *path, char **tmp_out);

/* fsync + close + rename(tmp, path), then a best-effort fsync of the
 * directory. On failure the temp file is unlinked and -1 is returned with
 * errno set. `fd` is closed in every case. */
int atomic_commit(int fd, const char *tmp, const char *path);

/* Closes fd (if >= 0) and unlinks tmp (if not NULL). Keeps errno. */
void atomic_abort(int fd, const char *tmp);

/* Vietnamese reason text for common errno values (a static string). */
const char *atomic_strerror_vi(int errnum);

/* 1 if a and b name the same existing file (stat dev+ino), else 0; used to
 * refuse output == input. */
int same_file(const char *a, const char *b);

#endif
