/* read_image.c: scanned pages as images (JPEG, PNG, TIFF of one or many pages) through tesseract. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read_impl.h"
#include "subproc.h"

tracuu_read_status_t tracuu_read_ocr(const char *image, unsigned pages,
                                     const tracuu_read_opts_t *o,
                                     tracuu_buf_t *b, tracuu_read_result_t *out)
{
    /* One run reads every page of a TIFF: its time is each page's. */
    unsigned long secs = (unsigned long)o->seconds * (pages ? pages : 1);
    tracuu_subproc_limits_t lim = {secs > 86400 ? 86400 : (unsigned)secs,
                                   o->mem_mb, 0, 0};
    tracuu_subproc_result_t res;
    const char *argv[] = {"tesseract", image, "-", "-l", "vie", NULL};
    bool ok = tracuu_subproc_run(argv, &lim, &res);
    tracuu_read_status_t rs = TRACUU_READ_OK;
    if (!ok && res.end == TRACUU_SUBPROC_NOT_FOUND) {
        rs = tracuu_read_say(out, TRACUU_READ_FAIL,
                             "OCR needs tesseract (Debian: tesseract-ocr)");
    } else if (!ok && strstr(res.err.s ? res.err.s : "", "vie")) {
        rs = tracuu_read_say(out, TRACUU_READ_FAIL, "OCR needs tesseract's "
                             "Vietnamese data (Debian: tesseract-ocr-vie)");
    } else if (!ok) {
        tracuu_buf_t d = {0};
        tracuu_subproc_describe("tesseract", &lim, &res, &d);
        rs = tracuu_read_say(out, TRACUU_READ_FAIL, "%s", d.s);
        tracuu_buf_free(&d);
    } else {
        tracuu_buf_append(b, res.out.s, res.out.len);
    }
    tracuu_subproc_result_free(&res);
    return rs;
}

static uint32_t get32(const unsigned char *p, bool le)
{
    return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                    (uint32_t)p[3] << 24
              : (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 |
                    (uint32_t)p[0] << 24;
}

/* The pages of a TIFF file: the length of its chain of image directories,
 * followed no further than max + 1 and never backwards (a loop). 0 when
 * the chain is damaged before the first page. */
static unsigned tiff_pages(int fd, unsigned max)
{
    unsigned char h[8];
    struct stat st;
    if (pread(fd, h, 8, 0) != 8 || fstat(fd, &st) != 0)
        return 0;
    bool le = h[0] == 'I';
    uint64_t off = get32(h + 4, le), last = 0;
    unsigned n = 0;
    while (off >= 8 && off > last && off + 2 <= (uint64_t)st.st_size && n <= max) {
        unsigned char c[2], next[4];
        if (pread(fd, c, 2, (off_t)off) != 2)
            break;
        unsigned entries = le ? (unsigned)c[0] | (unsigned)c[1] << 8
                              : (unsigned)c[1] | (unsigned)c[0] << 8;
        n++;
        if (pread(fd, next, 4, (off_t)(off + 2 + 12 * (uint64_t)entries)) != 4)
            break;
        last = off;
        off = get32(next, le);
    }
    return n;
}

/* The pages of the image at path: a TIFF's directories, 1 for others. */
static tracuu_read_status_t count_pages(const char *path, unsigned *pages,
                                        tracuu_read_result_t *out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return tracuu_read_say(out, TRACUU_READ_FAIL, "cannot open: %s",
                               strerror(errno));
    unsigned char h[4] = {0};
    bool tiff = pread(fd, h, 4, 0) == 4 &&
                (memcmp(h, "II*\0", 4) == 0 || memcmp(h, "MM\0*", 4) == 0);
    *pages = tiff ? tiff_pages(fd, TRACUU_READ_MAX_OCR_PAGES) : 1;
    close(fd);
    if (*pages == 0)
        return tracuu_read_say(out, TRACUU_READ_FAIL,
                               "damaged TIFF (no image directory)");
    if (*pages > TRACUU_READ_MAX_OCR_PAGES)
        return tracuu_read_say(out, TRACUU_READ_SKIP,
                               "TIFF of over %u pages (the OCR limit)",
                               TRACUU_READ_MAX_OCR_PAGES);
    return TRACUU_READ_OK;
}

tracuu_read_status_t tracuu_read_image(const char *path,
                                       const tracuu_read_opts_t *o,
                                       tracuu_read_result_t *out)
{
    /* "--ocr" in the reason: a later run with --ocr reads it again. */
    if (!o->ocr)
        return tracuu_read_say(out, TRACUU_READ_SKIP, "image: use --ocr");
    unsigned pages = 0;
    tracuu_read_status_t rs = count_pages(path, &pages, out);
    if (rs != TRACUU_READ_OK)
        return rs;
    out->pages = pages;
    tracuu_buf_t text = {0};
    rs = tracuu_read_ocr(path, pages, o, &text, out);
    if (rs == TRACUU_READ_OK) {
        out->ocr = true;
        /* tesseract ends each page with a form feed */
        for (size_t i = 0; i < text.len; i++)
            if (text.s[i] == '\f')
                text.s[i] = '\n';
        rs = tracuu_read_finish(out, &text, "UTF-8", false);
        if (rs == TRACUU_READ_SKIP)
            tracuu_read_say(out, rs, "image, no text found by OCR");
    }
    tracuu_buf_free(&text);
    return rs;
}
