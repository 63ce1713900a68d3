/* atomic_file.c - temp file + fsync + rename; see atomic_file.h. */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Longest part of the target's base name kept in the temp name, so that
 * ".<base>.XXXXXX" stays below the usual NAME_MAX of 255 bytes. */
#define TMP_BASE_MAX   200
#define TMP_SUFFIX_LEN 6
#define TMP_ATTEMPTS   100

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t seed_state(void)
{
    static unsigned counter;
    struct timespec ts;
    uint64_t s;

    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) ts.tv_sec = ts.tv_nsec = 0;
    s = (uint64_t)ts.tv_sec * 1000000007ull ^ (uint64_t)ts.tv_nsec;
    s ^= (uint64_t)getpid() << 32;
    s ^= (uint64_t)(++counter) * 0x2545F4914F6CDD1Dull;
    s ^= (uint64_t)(uintptr_t)&ts;
    return s;
}

/* Length of the longest prefix of s (at most max bytes) that does not end
 * inside a UTF-8 sequence. */
static size_t utf8_prefix(const char *s, size_t len, size_t max)
{
    if (len <= max) return len;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

/* 1 if path exists and is neither a regular file nor a folder. */
static int is_special(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

/* Copies the finished temp file into a special file; 0 or -1 with errno. */
static int copy_into(const char *tmp, const char *path)
{
    char buf[65536];
    int in = open(tmp, O_RDONLY | O_CLOEXEC), out = -1, rc = -1;
    if (in < 0) return -1;
    out = open(path, O_WRONLY | O_CLOEXEC);
    if (out < 0) goto done;
    for (;;) {
        ssize_t n = read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) goto done;
        if (n == 0) break;
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) {
                if (w == 0) errno = EIO;
                goto done;
            }
            off += w;
        }
    }
    rc = 0;
done:;
    int saved = errno;
    if (out >= 0 && close(out) != 0 && rc == 0) saved = errno, rc = -1;
    close(in);
    errno = saved;
    return rc;
}

int atomic_begin(const char *path, char **tmp_out)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const char *slash, *base;
    size_t dirlen, baselen, keep, i;
    uint64_t state;
    struct stat st;
    int have_mode, fd = -1, attempt;
    char *tmp, *suffix;

    if (tmp_out) *tmp_out = NULL;
    if (!path || !*path || !tmp_out) {
        errno = EINVAL;
        return -1;
    }

    slash = strrchr(path, '/');
    base = slash ? slash + 1 : path;
    dirlen = slash ? (size_t)(slash - path) + 1 : 0; /* keeps the '/' */
    baselen = strlen(base);
    if (baselen == 0 || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
        errno = EISDIR;
        return -1;
    }
    keep = utf8_prefix(base, baselen, TMP_BASE_MAX);

    /* A device or a pipe (/dev/full, /dev/stdout) is written into, never
     * renamed over: its temp file goes to the temp folder. */
    const char *dir = path;
    if (is_special(path)) {
        const char *t = getenv("TMPDIR");
        dir = t && *t == '/' ? t : "/tmp";
        dirlen = strlen(dir);
        while (dirlen > 1 && dir[dirlen - 1] == '/')
            dirlen--;
    }

    /* "<dir>/" "." "<base>" "." "XXXXXX" NUL */
    tmp = malloc(dirlen + 2 + keep + 1 + TMP_SUFFIX_LEN + 1);
    if (!tmp) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(tmp, dir, dirlen);
    if (dir != path) tmp[dirlen++] = '/';
    tmp[dirlen] = '.';
    memcpy(tmp + dirlen + 1, base, keep);
    tmp[dirlen + 1 + keep] = '.';
    suffix = tmp + dirlen + 1 + keep + 1;
    suffix[TMP_SUFFIX_LEN] = '\0';

    have_mode = stat(path, &st) == 0 && S_ISREG(st.st_mode);

    state = seed_state();
    for (attempt = 0; attempt < TMP_ATTEMPTS; attempt++) {
        uint64_t r = splitmix64(&state);
        for (i = 0; i < TMP_SUFFIX_LEN; i++) {
            suffix[i] = alphabet[r % (sizeof alphabet - 1)];
            r /= sizeof alphabet - 1;
        }
        /* 0666 is reduced by the umask, like any newly created file. */
        fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) break;
    }
    if (fd < 0) {
        int saved = errno;
        free(tmp);
        errno = saved;
        return -1;
    }

    /* Replacing a file keeps its permission bits (best effort). */
    if (have_mode) (void)fchmod(fd, st.st_mode & 07777);

    *tmp_out = tmp;
    return fd;
}

/* fsync the directory holding path so that the rename itself is durable.
 * Some file systems refuse fsync on directories: ignored. */
static void sync_parent_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir;
    int fd;

    if (!slash) {
        dir = NULL;
        fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    } else {
        size_t n = slash == path ? 1 : (size_t)(slash - path);
        dir = malloc(n + 1);
        if (!dir) return;
        memcpy(dir, path, n);
        dir[n] = '\0';
        fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    }
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

int atomic_commit(int fd, const char *tmp, const char *path)
{
    int saved;

    if (fd < 0 || !tmp || !path) {
        atomic_abort(fd, tmp);
        errno = EINVAL;
        return -1;
    }
    if (fsync(fd) != 0) goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (is_special(path)) {
        int rc = copy_into(tmp, path);
        saved = errno;
        unlink(tmp);
        errno = saved;
        return rc;
    }
    if (rename(tmp, path) != 0) goto fail;
    sync_parent_dir(path);
    return 0;

fail:
    saved = errno;
    atomic_abort(fd, tmp);
    errno = saved;
    return -1;
}

void atomic_abort(int fd, const char *tmp)
{
    int saved = errno;

    if (fd >= 0) close(fd);
    if (tmp) unlink(tmp);
    errno = saved;
}

const char *atomic_strerror_vi(int errnum)
{
    switch (errnum) {
    case 0:
        return "không rõ nguyên nhân";
    case ENOSPC:
        return "ổ đĩa đã đầy";
#ifdef EDQUOT
    case EDQUOT:
        return "đã vượt hạn mức dung lượng đĩa";
#endif
    case EACCES:
    case EPERM:
        return "không có quyền ghi";
    case ENOENT:
        return "thư mục không tồn tại";
    case EROFS:
        return "hệ thống tệp chỉ cho phép đọc";
    case EISDIR:
        return "đường dẫn là một thư mục";
    case ENOTDIR:
        return "một phần của đường dẫn không phải là thư mục";
    case ENAMETOOLONG:
        return "tên tệp quá dài";
    case EFBIG:
        return "tệp vượt quá kích thước cho phép";
    case EIO:
        return "lỗi vào/ra trên thiết bị lưu trữ";
    case EMFILE:
    case ENFILE:
        return "đang mở quá nhiều tệp";
    case ENOMEM:
        return "không đủ bộ nhớ";
    case EBUSY:
        return "tệp hoặc thư mục đang bận";
    case ETXTBSY:
        return "tệp đang được sử dụng";
    case ELOOP:
        return "quá nhiều liên kết tượng trưng trong đường dẫn";
    case EXDEV:
        return "tệp tạm và tệp đích nằm trên hai hệ thống tệp khác nhau";
    case EEXIST:
        return "tệp đã tồn tại";
    case EINVAL:
        return "đường dẫn không hợp lệ";
    case ENXIO:
    case ENODEV:
        return "thiết bị không tồn tại";
    default:
        return "lỗi hệ thống";
    }
}

int same_file(const char *a, const char *b)
{
    struct stat sa, sb;

    if (!a || !b || stat(a, &sa) != 0 || stat(b, &sb) != 0) return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
