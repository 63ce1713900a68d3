/* text_norm.c - see text_norm.h. Unicode data (composition, case folding,
 * categories) comes from libutf8proc; only the UTF-8 byte grammar (RFC 3629,
 * Unicode table 3-7) is written out here because it is the hot path. */
#include "text_norm.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#define HIGH_BITS 0x8080808080808080ull
#define LOW_BITS  0x0101010101010101ull

/* Eight bytes at p are all ASCII and none is NUL. */
static int word_is_plain_ascii(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    uint64_t has_zero = (v - LOW_BITS) & ~v & HIGH_BITS;
    return ((v & HIGH_BITS) | has_zero) == 0;
}

static int is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* Length of the well-formed multi-byte sequence at p (lead byte >= 0x80),
 * or 0 if it is ill-formed. avail >= 1 bytes are readable. */
static size_t utf8_seq_len(const unsigned char *p, size_t avail)
{
    unsigned char c = p[0];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */

    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        return 0; /* continuation byte, C0/C1 overlong lead, F5..FF */
    }
    if (avail < n || p[1] < lo || p[1] > hi) return 0;
    for (size_t i = 2; i < n; i++)
        if (!is_cont(p[i])) return 0;
    return n;
}

int text_valid_utf8(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        if (len - i >= 8 && word_is_plain_ascii(p + i)) {
            i += 8;
            continue;
        }
        if (p[i] && p[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = p[i] ? utf8_seq_len(p + i, len - i) : 0;
        if (n == 0) {
            if (bad_offset) *bad_offset = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

int text_is_ascii(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    for (; len - i >= 8; i += 8) {
        uint64_t v;
        memcpy(&v, p + i, sizeof v);
        if (v & HIGH_BITS) return 0;
    }
    for (; i < len; i++)
        if (p[i] >= 0x80) return 0;
    return 1;
}

int text_is_nfc_latin(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned char b = p[i];
        if (b < 0x80) {
            if (b == 0) return 0;
            i++;
        } else if (b >= 0xC2 && b <= 0xCB) { /* U+0080..U+02FF */
            if (len - i < 2 || !is_cont(p[i + 1])) return 0;
            i += 2;
        } else if (b == 0xE1) { /* U+1E00..U+1EFF: E1 B8..BB xx */
            if (len - i < 3 || p[i + 1] < 0xB8 || p[i + 1] > 0xBB || !is_cont(p[i + 2])) return 0;
            i += 3;
        } else {
            return 0;
        }
    }
    return 1;
}

static int ascii_space(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

int text_is_space(int32_t cp)
{
    if (cp < 0x80) return cp >= 0 && ascii_space((int)cp);
    if (cp == 0x85 || cp == 0xFEFF) return 1;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

static char *dup_bytes(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    if (!out) return NULL;
    if (len) memcpy(out, s, len);
    out[len] = '\0';
    return out;
}

/* utf8proc_map over valid, non-empty input; the result is malloc'd by
 * libutf8proc with the system allocator, so free() releases it. */
static char *map_utf8(const char *s, size_t len, int options)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                                      (utf8proc_option_t)(UTF8PROC_STABLE | options));
    if (n < 0) return NULL;
    return (char *)out;
}

char *text_nfc(const char *s, size_t len)
{
    if (text_is_nfc_latin(s, len)) return dup_bytes(s, len);
    if (text_is_ascii(s, len)) return NULL; /* ASCII with a NUL */
    if (!text_valid_utf8(s, len, NULL)) return NULL;
    return map_utf8(s, len, UTF8PROC_COMPOSE);
}

/* ASCII key: lower case, trimmed, inner white-space runs -> one space. */
static char *fold_ascii(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    if (!out) return NULL;
    size_t n = 0;
    int pending_space = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\0') { /* not a string: see text_valid_utf8 */
            free(out);
            return NULL;
        }
        if (ascii_space(c)) {
            pending_space = n > 0;
            continue;
        }
        if (pending_space) out[n++] = ' ';
        pending_space = 0;
        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    out[n] = '\0';
    return out;
}

/* Trims and collapses white space of the valid UTF-8 string s in place;
 * the output never grows, so writing behind the read position is safe. */
static void collapse_space_inplace(char *s)
{
    utf8proc_uint8_t *p = (utf8proc_uint8_t *)s;
    size_t r = 0, w = 0, len = strlen(s);
    int pending_space = 0;
    while (r < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + r, (utf8proc_ssize_t)(len - r), &cp);
        if (n <= 0) n = 1, cp = -1; /* cannot happen on mapped output */
        if (text_is_space(cp)) {
            pending_space = w > 0;
        } else {
            if (pending_space) p[w++] = ' ';
            pending_space = 0;
            memmove(p + w, p + r, (size_t)n);
            w += (size_t)n;
        }
        r += (size_t)n;
    }
    p[w] = '\0';
}

char *text_fold_key(const char *s, size_t len)
{
    if (text_is_ascii(s, len)) return fold_ascii(s, len);
    if (!text_valid_utf8(s, len, NULL)) return NULL;
    char *out = map_utf8(s, len, UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (out) collapse_space_inplace(out);
    return out;
}

/* Start of the code point that ends just before s + end (end > 0). */
static size_t prev_cp_start(const char *s, size_t end)
{
    size_t i = end - 1;
    while (i > 0 && end - i < 4 && is_cont((unsigned char)s[i]))
        i--;
    return i;
}

/* Decodes the code point in s[at..end); -1 if it does not decode. */
static int32_t cp_at(const char *s, size_t at, size_t end, utf8proc_ssize_t *n)
{
    unsigned char c = (unsigned char)s[at];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    utf8proc_int32_t cp;
    *n = utf8proc_iterate((const utf8proc_uint8_t *)s + at, (utf8proc_ssize_t)(end - at), &cp);
    return *n > 0 ? cp : -1;
}

const char *text_trim(const char *s, size_t *len)
{
    size_t start = 0, end = *len;
    utf8proc_ssize_t n;

    while (start < end && text_is_space(cp_at(s, start, end, &n)))
        start += (size_t)n;
    while (end > start) {
        size_t b = prev_cp_start(s, end);
        if (b < start || !text_is_space(cp_at(s, b, end, &n)) || b + (size_t)n != end) break;
        end = b;
    }
    *len = end - start;
    return s + start;
}
