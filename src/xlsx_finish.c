/* xlsx_finish.c - workbook_close() and the read-back check, here or on a
 * thread of its own. */
#include "xlsx_finish.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <unzip.h>

#define SHEET_END "</worksheet>"

int xlsx_finish_init(xlsx_finish *f, lxw_workbook *wb, const char *tmp, int verify,
                     const long *streamed, size_t nsheets)
{
    memset(f, 0, sizeof *f);
    if (nsheets > 0) {
        f->streamed = malloc(nsheets * sizeof *f->streamed);
        if (!f->streamed) return -1;
        memcpy(f->streamed, streamed, nsheets * sizeof *f->streamed);
    }
    f->wb = wb;
    f->tmp = tmp;
    f->verify = verify;
    f->nsheets = nsheets;
    f->err = LXW_NO_ERROR;
    return 0;
}

static void set_why(xlsx_finish *f, const char *fmt, const char *part)
{
    if (part)
        snprintf(f->why, sizeof f->why, fmt, part);
    else
        snprintf(f->why, sizeof f->why, "%s", fmt);
}

/* Keeps the last sizeof tail bytes of a stream read in pieces. */
static void keep_tail(char *tail, size_t cap, size_t *tlen, const char *buf, size_t n)
{
    size_t k = n < cap ? n : cap;

    if (*tlen + k > cap) {
        size_t drop = *tlen + k - cap;
        memmove(tail, tail + drop, *tlen - drop);
        *tlen -= drop;
    }
    memcpy(tail + *tlen, buf + n - k, k);
    *tlen += k;
}

/* libxlsxwriter assembles every part in temp files without checking its
 * writes (a full /tmp gives a truncated part and a "successful" close), so
 * the finished file is read back before it replaces the target: every zip
 * member must decompress with a good CRC and every XML part must be
 * complete, well-formed XML. A constant_memory sheet's part is the bulk of
 * a big file and all its rows came from a temp file already checked (by
 * the caller): it must hold at least those bytes and end with its closing
 * tag instead of being parsed again. A lost write cuts the end or shortens
 * the part by a whole stdio buffer (4 KiB or more), more than the part's
 * few hundred bytes outside the rows. Sets f->why on a failure. */
static void verify_xlsx(xlsx_finish *f)
{
    char name[512], buf[16384], tail[64];
    unz_file_info64 info;
    unzFile z;
    int rc, n;

    z = unzOpen64(f->tmp);
    if (!z) {
        set_why(f, "tệp tạo ra không phải tệp zip hợp lệ", NULL);
        return;
    }
    for (rc = unzGoToFirstFile(z); rc == UNZ_OK && !f->why[0]; rc = unzGoToNextFile(z)) {
        XML_Parser parser = NULL;
        size_t len, tlen = 0;
        long streamed = -1;
        unsigned long long total = 0;
        int sheet_no = 0, used = 0;

        if (unzGetCurrentFileInfo64(z, &info, name, sizeof name, NULL, 0, NULL, 0) != UNZ_OK ||
            unzOpenCurrentFile(z) != UNZ_OK) {
            set_why(f, "tệp tạo ra có mục zip không đọc được", NULL);
            break;
        }
        len = strlen(name);
        if (sscanf(name, "xl/worksheets/sheet%d.xml%n", &sheet_no, &used) == 1 &&
            (size_t)used == len && sheet_no >= 1 && (size_t)sheet_no <= f->nsheets)
            streamed = f->streamed[sheet_no - 1];
        if (streamed < 0 && ((len > 4 && strcmp(name + len - 4, ".xml") == 0) ||
                             (len > 5 && strcmp(name + len - 5, ".rels") == 0))) {
            parser = XML_ParserCreate(NULL);
            if (!parser) {
                unzCloseCurrentFile(z);
                set_why(f, "không đủ bộ nhớ để kiểm tra tệp", NULL);
                break;
            }
        }
        while ((n = unzReadCurrentFile(z, buf, sizeof buf)) > 0) {
            if (parser && XML_Parse(parser, buf, n, 0) == XML_STATUS_ERROR) break;
            if (streamed >= 0) {
                keep_tail(tail, sizeof tail, &tlen, buf, (size_t)n);
                total += (unsigned)n;
            }
        }
        if (streamed >= 0)
            while (tlen > 0 && (tail[tlen - 1] == '\n' || tail[tlen - 1] == '\r' ||
                                tail[tlen - 1] == ' ' || tail[tlen - 1] == '\t'))
                tlen--;
        if (n < 0 || unzCloseCurrentFile(z) != UNZ_OK)
            set_why(f, "phần \"%s\" của tệp tạo ra bị hỏng", name);
        else if ((parser && (n > 0 || XML_Parse(parser, "", 0, 1) == XML_STATUS_ERROR)) ||
                 (streamed >= 0 &&
                  (total < (unsigned long long)streamed || tlen < sizeof SHEET_END - 1 ||
                   memcmp(tail + tlen - (sizeof SHEET_END - 1), SHEET_END, sizeof SHEET_END - 1) !=
                       0)))
            set_why(f,
                    "phần \"%s\" của tệp tạo ra không trọn vẹn (thư mục tạm có thể đã "
                    "đầy)",
                    name);
        if (parser) XML_ParserFree(parser);
    }
    if (!f->why[0] && rc != UNZ_END_OF_LIST_OF_FILE)
        set_why(f, "tệp tạo ra có danh mục zip hỏng", NULL);
    unzClose(z);
}

void xlsx_finish_run(xlsx_finish *f)
{
    lxw_workbook *wb = f->wb;

    f->wb = NULL;
    errno = 0;
    f->err = workbook_close(wb); /* frees wb whatever happens */
    f->err_errno = errno;
    if (f->err == LXW_NO_ERROR && f->verify) verify_xlsx(f);
}

static void *finish_main(void *arg)
{
    xlsx_finish_run(arg);
    return NULL;
}

int xlsx_finish_start(xlsx_finish *f)
{
    if (pthread_create(&f->thread, NULL, finish_main, f) != 0) return -1;
    f->started = 1;
    return 0;
}

void xlsx_finish_wait(xlsx_finish *f)
{
    if (!f->started) return;
    pthread_join(f->thread, NULL);
    f->started = 0;
}

void xlsx_finish_free(xlsx_finish *f)
{
    xlsx_finish_wait(f);
    free(f->streamed);
    f->streamed = NULL;
    f->nsheets = 0;
}
