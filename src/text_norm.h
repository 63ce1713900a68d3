/* text_norm.h - UTF-8 validation, NFC normalisation and the folded keys
 * used to match column headers and words ("Tổng số thành viên" ==
 * "  TỔNG SỐ THÀNH VIÊN " == its NFD spelling).
 *
 * Every function takes an explicit length; the input need not be
 * NUL-terminated. Returned strings are malloc'd and NUL-terminated; the
 * caller frees them with free(). Pure-ASCII input never reaches libutf8proc
 * (these run for every cell of every table). */
#ifndef DVHT_TEXT_NORM_H
#define DVHT_TEXT_NORM_H

#include <stddef.h>
#include <stdint.h>

/* 1 if s[0..len) is well-formed UTF-8, else 0 and, when bad_offset is not
 * NULL, the offset of the first byte of the first ill-formed sequence.
 * Rejects overlong forms, surrogates (U+D800..U+DFFF), code points above
 * U+10FFFF, truncated sequences and stray continuation bytes. The NUL byte
 * is rejected too: every string here ends up NUL-terminated, so an
 * embedded NUL would silently cut it. */
int text_valid_utf8(const char *s, size_t len, size_t *bad_offset);

/* 1 if every byte of s[0..len) is below 0x80 (the empty string is ASCII). */
int text_is_ascii(const char *s, size_t len);

/* 1 if s[0..len) is certainly valid UTF-8 in NFC without asking
 * libutf8proc: no NUL, and every character below U+0300 (ASCII, Latin-1,
 * Latin Extended-A and -B) or in Latin Extended Additional (U+1E00..
 * U+1EFF): all of combining class 0 and NFC quick check "yes", which covers
 * Vietnamese text typed composed. 0 means "not known": normalise it. */
int text_is_nfc_latin(const char *s, size_t len);

/* 1 if cp is white space for trimming and matching: ASCII HT LF VT FF CR
 * and space, U+0085, the Unicode separators (Zs, Zl, Zp, which include the
 * no-break space U+00A0) and U+FEFF (a BOM or zero-width no-break space
 * pasted from another program). */
int text_is_space(int32_t cp);

/* NFC copy of s[0..len). NULL if the input is not valid UTF-8 (see
 * text_valid_utf8) or memory runs out. */
char *text_nfc(const char *s, size_t len);

/* Matching key of s[0..len): NFC, full Unicode case folding, surrounding
 * white space (text_is_space) removed and every inner run of it replaced
 * by one ASCII space. NULL on invalid UTF-8 or out of memory. */
char *text_fold_key(const char *s, size_t len);

/* Trims white space (text_is_space) from both ends without copying:
 * returns a pointer into s to the first kept byte and stores the kept
 * length in *len. Bytes that do not decode are kept, never trimmed. */
const char *text_trim(const char *s, size_t *len);

#endif
