/* test_text_norm.c - UTF-8 validation, NFC and matching keys. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tap.h"
#include "text_norm.h"

/* Decomposed (NFD) spellings, as some Vietnamese keyboards type them. */
#define NFD_TONG_SO_TV       "To\xcc\x82\xcc\x89ng so\xcc\x82\xcc\x81 tha\xcc\x80nh vie\xcc\x82n"
#define NFD_TONG_SO_TV_UPPER "TO\xcc\x82\xcc\x89NG SO\xcc\x82\xcc\x81 THA\xcc\x80NH VIE\xcc\x82N"
#define NBSP                 "\xc2\xa0"
#define ZWNBSP               "\xef\xbb\xbf"

static void check_valid(const char *s, size_t len, int want, size_t want_off, const char *what)
{
    size_t off = 12345;
    int got = text_valid_utf8(s, len, &off);
    CHECK(got == want, "valid_utf8 %s -> %d", what, want);
    if (!want)
        CHECK(off == want_off, "valid_utf8 %s: bad offset %zu (got %zu)", what, want_off, off);
}

static void test_valid_utf8(void)
{
    check_valid("", 0, 1, 0, "empty");
    check_valid("plain ascii text, long enough for words", 39, 1, 0, "ascii");
    check_valid("Tổng số thành viên", strlen("Tổng số thành viên"), 1, 0, "Vietnamese");
    check_valid("\xf0\x9f\x98\x80", 4, 1, 0, "4-byte U+1F600");
    check_valid("\xf4\x8f\xbf\xbf", 4, 1, 0, "U+10FFFF");
    check_valid("\xed\x9f\xbf", 3, 1, 0, "U+D7FF");
    check_valid("\xee\x80\x80", 3, 1, 0, "U+E000");
    check_valid("abc\xc0\x80", 5, 0, 3, "overlong NUL C0 80");
    check_valid("ab\xc1\xbf", 4, 0, 2, "overlong C1");
    check_valid("\xe0\x80\xaf", 3, 0, 0, "overlong E0 80 AF");
    check_valid("x\xf0\x8f\xbf\xbf", 5, 0, 1, "overlong F0 8F");
    check_valid("12345678\xed\xa0\x80", 11, 0, 8, "surrogate D800 after 8 ASCII bytes");
    check_valid("\xed\xbf\xbf", 3, 0, 0, "surrogate DFFF");
    check_valid("\xf4\x90\x80\x80", 4, 0, 0, "above U+10FFFF");
    check_valid("a\xf5\x80\x80\x80", 5, 0, 1, "F5 lead");
    check_valid("a\xff", 2, 0, 1, "FF byte");
    check_valid("ab\x80", 3, 0, 2, "stray continuation");
    check_valid("t\xe1\xbb", 3, 0, 1, "truncated at end");
    check_valid("t\xe1\xbbx", 4, 0, 1, "truncated before ASCII");
    check_valid("abcdefghij\0k", 12, 0, 10, "NUL byte");
    check_valid("Tổng\xff", strlen("Tổng") + 1, 0, strlen("Tổng"), "bad byte after Vietnamese");
    CHECK(text_valid_utf8("\xff", 1, NULL) == 0, "bad_offset may be NULL");
}

static void test_is_ascii_and_space(void)
{
    CHECK(text_is_ascii("", 0), "empty is ASCII");
    CHECK(text_is_ascii("0123456789abcdef!", 17), "ASCII");
    CHECK(!text_is_ascii("0123456789abcdeé", strlen("0123456789abcdeé")), "é at the end");
    CHECK(text_is_space(' ') && text_is_space('\t') && text_is_space('\r'), "ASCII spaces");
    CHECK(text_is_space(0xA0) && text_is_space(0xFEFF) && text_is_space(0x3000) &&
              text_is_space(0x2028),
          "NBSP, U+FEFF, ideographic space, line separator");
    CHECK(!text_is_space('a') && !text_is_space(0x110) && !text_is_space(-1) &&
              !text_is_space(0x200B),
          "non-spaces");
}

static void check_nfc(const char *in, size_t len, const char *want, const char *what)
{
    char *got = text_nfc(in, len);
    if (want)
        CHECK_STR(got, want, what);
    else
        CHECK(got == NULL, "%s -> NULL", what);
    free(got);
}

static void test_nfc(void)
{
    check_nfc(NFD_TONG_SO_TV, strlen(NFD_TONG_SO_TV), "Tổng số thành viên", "NFD -> NFC");
    check_nfc("Tổng số", strlen("Tổng số"), "Tổng số", "NFC unchanged");
    check_nfc("ABC def", 7, "ABC def", "ASCII copied");
    check_nfc("abcdef", 3, "abc", "length respected");
    check_nfc("", 0, "", "empty");
    check_nfc("a\xffz", 3, NULL, "invalid UTF-8");
    check_nfc("ab\0c", 4, NULL, "NUL byte");
    check_nfc("\xc3\xa9\0", 3, NULL, "NUL after non-ASCII");
    check_nfc("\xea\xb0\x80", 3, "\xea\xb0\x80", "Hangul syllable stays composed");
    check_nfc("\xe1\x84\x80\xe1\x85\xa1", 6, "\xea\xb0\x80", "Hangul jamo compose");
}

static void check_key(const char *in, size_t len, const char *want, const char *what)
{
    char *got = text_fold_key(in, len);
    if (want)
        CHECK_STR(got, want, what);
    else
        CHECK(got == NULL, "%s -> NULL", what);
    free(got);
}

#define KEY(lit, want, what) check_key(lit, sizeof(lit) - 1, want, what)

static void test_fold_key(void)
{
    const char *want = "tổng số thành viên";
    KEY("Tổng số thành viên", want, "label folds");
    KEY("  TỔNG SỐ THÀNH VIÊN ", want, "upper case and spaces fold");
    KEY(NFD_TONG_SO_TV, want, "NFD folds like NFC");
    KEY(NFD_TONG_SO_TV_UPPER, want, "NFD upper case folds like NFC");
    KEY("\t" NBSP "Tổng  số \t thành" NBSP NBSP "viên" NBSP "\r\n", want,
        "NBSP, tabs and inner runs collapse");
    KEY(ZWNBSP "Tổng số thành viên", want, "U+FEFF trimmed");
    KEY("ĐƠN VỊ HỌC TẬP", "đơn vị học tập", "Đ Ơ Ị Ọ Ậ fold");
    KEY("Đ", "đ", "Đ alone");
    KEY("ƯU TIÊN ẤP ỞỄ", "ưu tiên ấp ởễ", "Ư Ê Ấ Ở Ễ fold");
    KEY("Straße STRASSE", "strasse strasse", "full case folding (ß -> ss)");
    KEY("  MA_DON_VI  ", "ma_don_vi", "ASCII path lower-cases and trims");
    KEY("A \t\v\f B", "a b", "ASCII path collapses runs");
    KEY("ma_don_vi", "ma_don_vi", "ASCII key unchanged");
    KEY("", "", "empty");
    KEY(" \t ", "", "only ASCII spaces");
    KEY(NBSP ZWNBSP NBSP, "", "only Unicode spaces");
    KEY("a\xff", NULL, "invalid UTF-8");
    KEY("ab\0c", NULL, "NUL in ASCII");
    KEY("Đ\0", NULL, "NUL after non-ASCII");
    check_key("ABCDEF", 2, "ab", "length respected");

    char *a = text_fold_key("Mã đơn vị", strlen("Mã đơn vị"));
    char *b = text_fold_key("MÃ ĐƠN VỊ", strlen("MÃ ĐƠN VỊ"));
    CHECK(a && b && strcmp(a, b) == 0, "keys compare equal with strcmp");
    CHECK(a && strcmp(a, "ma don vi") != 0, "diacritics are not stripped");
    free(a);
    free(b);
}

static void check_trim(const char *in, size_t len, const char *want, const char *what)
{
    size_t n = len;
    const char *p = text_trim(in, &n);
    int ok = n == strlen(want) && memcmp(p, want, n) == 0 && p >= in && p + n <= in + len;
    CHECK(ok, "trim %s", what);
    if (!ok) printf("#   got '%.*s'\n#   want '%s'\n", (int)n, p, want);
}

#define TRIM(lit, want, what) check_trim(lit, sizeof(lit) - 1, want, what)

static void test_trim(void)
{
    TRIM("  abc \t", "abc", "ASCII");
    TRIM(NBSP "Mã đơn vị" NBSP ZWNBSP, "Mã đơn vị", "NBSP and U+FEFF");
    TRIM("a  b", "a  b", "inner spaces kept");
    TRIM("   ", "", "all spaces");
    TRIM("", "", "empty");
    TRIM(" \xff ", "\xff", "undecodable byte kept");
    TRIM("viên", "viên", "ends in a multi-byte character");
    TRIM("x\xa0", "x\xa0", "stray continuation byte at the end kept");
}

static size_t put_cp(char *out, int32_t cp)
{
    return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

/* NFC of s by libutf8proc itself (no fast path), compared with s. */
static int utf8proc_keeps(const char *s, size_t len)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    int same = n == (utf8proc_ssize_t)len && memcmp(out, s, len) == 0;
    free(out);
    return same;
}

/* text_is_nfc_latin says "already NFC" only where libutf8proc agrees:
 * every code point of its ranges alone, after each base letter of a
 * sample (nothing in them composes with what precedes it), and the
 * byte-level edges of the ranges. */
static void test_nfc_latin(void)
{
    static const int32_t ranges[][2] = {{0x01, 0x2FF}, {0x1E00, 0x1EFF}};
    static const int32_t bases[] = {'A',  'a',  'E',  'o',   'u',   'y',
                                    0xC2, 0xEA, 0xF4, 0x1A1, 0x1B0, 0x1EA1};
    int singles = 1, pairs = 1, class0 = 1;
    char buf[16];
    for (size_t r = 0; r < 2; r++) {
        for (int32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
            size_t n = put_cp(buf, cp);
            if (!text_is_nfc_latin(buf, n)) singles = 0;
            if (!utf8proc_keeps(buf, n)) singles = 0;
            if (utf8proc_get_property(cp)->combining_class != 0) class0 = 0;
            for (size_t b = 0; b < sizeof bases / sizeof bases[0]; b++) {
                size_t m = put_cp(buf, bases[b]);
                m += put_cp(buf + m, cp);
                if (!text_is_nfc_latin(buf, m) || !utf8proc_keeps(buf, m)) pairs = 0;
            }
        }
    }
    CHECK(singles, "nfc_latin: every code point of U+0001..U+02FF and U+1E00..U+1EFF is NFC");
    CHECK(class0, "nfc_latin: all of combining class 0");
    CHECK(pairs, "nfc_latin: none composes with a preceding base letter");
    CHECK(text_is_nfc_latin("Trường THCS Ái Mộ", strlen("Trường THCS Ái Mộ")),
          "nfc_latin: composed Vietnamese");
    /* not known: NFD marks, other scripts, NUL, broken or cut sequences */
    static const struct {
        const char *s;
        size_t len;
    } no[] = {{"Tru\xCC\x9Bo\xCC\x80ng", 10}, /* NFD: U+031B, U+0300 */
              {"\xCC\x80", 2},                /* U+0300 alone */
              {"\xE2\x84\xAB", 3},            /* U+212B ANGSTROM SIGN: NFC is U+00C5 */
              {"\xE1\xBC\x80", 3},            /* U+1F00 Greek, just past the range */
              {"\xE1\xB7\xBF", 3},            /* U+1DFF, just before it */
              {"a\0b", 3},
              {"\xC3", 1},
              {"\xC3(", 2},
              {"\xE1\xBB", 2},
              {"\xC0\x80", 2}, /* overlong NUL */
              {"\xED\xA0\x80", 3}};
    int all_no = 1;
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (text_is_nfc_latin(no[i].s, no[i].len)) all_no = 0;
    CHECK(all_no, "nfc_latin: NFD, other ranges, NUL and broken UTF-8 are left to libutf8proc");
    char *nfd = text_nfc("Tru\xCC\x9Bo\xCC\x9B\xCC\x80ng", 12);
    CHECK_STR(nfd, "Trường", "nfc: NFD input still composed");
    free(nfd);
    CHECK(text_nfc("a\0b", 3) == NULL, "nfc: an embedded NUL is still refused");
}

int main(void)
{
    test_valid_utf8();
    test_is_ascii_and_space();
    test_nfc();
    test_nfc_latin();
    test_fold_key();
    test_trim();
    return tap_done();
}
