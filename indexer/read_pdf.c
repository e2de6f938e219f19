/* read_pdf.c: PDF through pdftotext, and scanned pages through pdftoppm and tesseract. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read_impl.h"
#include "subproc.h"

/* A page with fewer visible characters than this has no text layer. */
#define MIN_PAGE_CHARS 10

typedef struct pdfinfo {
    unsigned pages;
    char *title;       /* new, or NULL */
    bool encrypted;
} pdfinfo_t;

static tracuu_subproc_limits_t limits(const tracuu_read_opts_t *o)
{
    return (tracuu_subproc_limits_t){o->seconds, o->mem_mb, 0, 0};
}

/* Report a converter that did not exit 0. */
static tracuu_read_status_t converter_failed(const char *prog,
                                             const tracuu_subproc_limits_t *lim,
                                             const tracuu_subproc_result_t *res,
                                             tracuu_read_result_t *out)
{
    const char *err = res->err.s ? res->err.s : "";
    if (strstr(err, "Incorrect password"))
        return tracuu_read_say(out, TRACUU_READ_SKIP,
                               "encrypted PDF (needs a password)");
    if (res->end == TRACUU_SUBPROC_EXITED && res->exit_code == 3)
        return tracuu_read_say(out, TRACUU_READ_SKIP,
                               "encrypted PDF (copying text not allowed)");
    tracuu_buf_t b = {0};
    tracuu_subproc_describe(prog, lim, res, &b);
    if (res->end == TRACUU_SUBPROC_EXITED && res->exit_code == 1)
        tracuu_read_say(out, TRACUU_READ_FAIL, "damaged PDF: %s", b.s);
    else
        tracuu_read_say(out, TRACUU_READ_FAIL, "%s", b.s);
    tracuu_buf_free(&b);
    return TRACUU_READ_FAIL;
}

/* The value after "Key:" on its line of pdfinfo's output, trimmed. */
static char *info_field(const char *text, const char *key)
{
    size_t k = strlen(key);
    for (const char *l = text; l && *l;) {
        if (strncmp(l, key, k) == 0 && l[k] == ':') {
            const char *v = l + k + 1;
            while (*v == ' ' || *v == '\t')
                v++;
            size_t n = strcspn(v, "\n");
            while (n && (v[n - 1] == ' ' || v[n - 1] == '\r'))
                n--;
            return tracuu_xstrndup(v, n);
        }
        l = strchr(l, '\n');
        if (l)
            l++;
    }
    return NULL;
}

static tracuu_read_status_t read_info(const char *path, const tracuu_read_opts_t *o,
                                      pdfinfo_t *info, tracuu_read_result_t *out)
{
    const char *argv[] = {"pdfinfo", "-enc", "UTF-8", path, NULL};
    tracuu_subproc_limits_t lim = limits(o);
    tracuu_subproc_result_t res;
    if (!tracuu_subproc_run(argv, &lim, &res)) {
        tracuu_read_status_t rs = converter_failed("pdfinfo", &lim, &res, out);
        tracuu_subproc_result_free(&res);
        return rs;
    }
    char *pages = info_field(res.out.s, "Pages");
    char *enc = info_field(res.out.s, "Encrypted");
    info->pages = pages ? (unsigned)strtoul(pages, NULL, 10) : 0;
    info->encrypted = enc && strncmp(enc, "yes", 3) == 0;
    info->title = info_field(res.out.s, "Title");
    if (info->title && (!info->title[0] ||
                        tracuu_utf8_valid_prefix(info->title, strlen(info->title)) !=
                            strlen(info->title))) {
        free(info->title);
        info->title = NULL;
    }
    free(pages);
    free(enc);
    tracuu_subproc_result_free(&res);
    return TRACUU_READ_OK;
}

/* Visible characters in s[0..n): anything but white space. */
static size_t visible(const char *s, size_t n)
{
    size_t k = 0, i = 0;
    while (i < n) {
        uint32_t cp = tracuu_utf8_next(s, n, &i);
        k += !(cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
               cp == 0xA0);
    }
    return k;
}

/* OCR of page p (1-based) into b, with its image in dir. */
static tracuu_read_status_t ocr_page(const char *path, unsigned p, const char *dir,
                                     const tracuu_read_opts_t *o, tracuu_buf_t *b,
                                     tracuu_read_result_t *out)
{
    char page[16], dpi[16];
    snprintf(page, sizeof page, "%u", p);
    snprintf(dpi, sizeof dpi, "%u", o->ocr_dpi);
    tracuu_buf_t base_b = {0}, image_b = {0};
    tracuu_buf_printf(&base_b, "%s/page", dir);
    tracuu_buf_printf(&image_b, "%s/page.pgm", dir);
    const char *base = base_b.s, *image = image_b.s;
    tracuu_subproc_limits_t lim = limits(o);
    tracuu_subproc_result_t res;
    const char *raster[] = {"pdftoppm", "-r", dpi, "-gray", "-f", page, "-l", page,
                            "-singlefile", path, base, NULL};
    if (!tracuu_subproc_run(raster, &lim, &res)) {
        tracuu_read_status_t rs = converter_failed("pdftoppm", &lim, &res, out);
        tracuu_subproc_result_free(&res);
        unlink(image);
        tracuu_buf_free(&base_b);
        tracuu_buf_free(&image_b);
        return rs;
    }
    tracuu_subproc_result_free(&res);
    tracuu_read_status_t rs = tracuu_read_ocr(image, 1, o, b, out);
    unlink(image);
    tracuu_buf_free(&base_b);
    tracuu_buf_free(&image_b);
    return rs;
}

/* Replace the text of the pages in need (no text layer) by their OCR. */
static tracuu_read_status_t ocr_pages(const char *path, const tracuu_read_opts_t *o,
                                      char **pages, size_t n,
                                      tracuu_read_result_t *out)
{
    const char *tmp = getenv("TMPDIR");
    tracuu_buf_t dir_b = {0};
    tracuu_buf_printf(&dir_b, "%s/tracuu-ocr-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    char *dir = dir_b.s;
    if (!mkdtemp(dir)) {
        tracuu_buf_free(&dir_b);
        return tracuu_read_say(out, TRACUU_READ_FAIL,
                               "cannot make a folder for OCR images: %s",
                               strerror(errno));
    }
    tracuu_read_status_t rs = TRACUU_READ_OK;
    for (size_t p = 0; p < n && p < TRACUU_READ_MAX_OCR_PAGES && rs == TRACUU_READ_OK; p++) {
        if (visible(pages[p], strlen(pages[p])) >= MIN_PAGE_CHARS)
            continue;
        tracuu_buf_t b = {0};
        rs = ocr_page(path, (unsigned)p + 1, dir, o, &b, out);
        if (rs == TRACUU_READ_OK) {
            free(pages[p]);
            pages[p] = tracuu_buf_steal(&b);
            out->ocr = true;
        }
        tracuu_buf_free(&b);
    }
    rmdir(dir);
    tracuu_buf_free(&dir_b);
    return rs;
}

/* Split pdftotext's output at the form feed ending each page (new
 * array of new strings). */
static char **split_pages(const tracuu_buf_t *text, size_t *n)
{
    size_t cap = 8, k = 0;
    char **pages = tracuu_xcalloc(cap, sizeof *pages);
    const char *s = text->s ? text->s : "", *end = s + text->len;
    for (;;) {
        const char *ff = memchr(s, '\f', (size_t)(end - s));
        const char *stop = ff ? ff : end;
        if (!ff && stop == s && k > 0)
            break; /* nothing after the last page's form feed */
        if (k == cap) {
            cap *= 2;
            pages = tracuu_xrealloc(pages, cap * sizeof *pages);
        }
        pages[k++] = tracuu_xstrndup(s, (size_t)(stop - s));
        if (!ff)
            break;
        s = ff + 1;
    }
    *n = k;
    return pages;
}

/* A rule under the header's columns ("-------") that pdftotext glued to
 * the next column's first line ("--------------Số: 2813/QĐ-UBND",
 * "------CỘNG HÒA XÃ HỘI") ends its line, as in the document: the header
 * then reads the number and the issuer as the .docx and .txt give them.
 * Rules of three dashes or underscores and more; new text into out. */
static void unglue_rules(const tracuu_buf_t *text, tracuu_buf_t *out)
{
    const char *s = text->s ? text->s : "";
    size_t n = text->len;
    tracuu_buf_puts(out, "");
    for (size_t i = 0; i < n;) {
        size_t r = i;
        while (r < n && (s[r] == '-' || s[r] == '_'))
            r++;
        tracuu_buf_append(out, s + i, r - i);
        if (r - i >= 3 && r < n && s[r] != '\n' && s[r] != ' ')
            tracuu_buf_putc(out, '\n');
        const char *nl = memchr(s + r, '\n', n - r);
        size_t e = nl ? (size_t)(nl - s) + 1 : n;
        tracuu_buf_append(out, s + r, e - r);
        i = e;
    }
}

tracuu_read_status_t tracuu_read_pdf(const char *path, const tracuu_read_opts_t *o,
                                     tracuu_read_result_t *out)
{
    pdfinfo_t info = {0};
    tracuu_read_status_t rs = read_info(path, o, &info, out);
    if (rs != TRACUU_READ_OK)
        return rs;
    out->pages = info.pages;
    out->title = info.title;
    /* Reading order, not -layout: -layout puts the two columns of the
     * document header (issuer | motto, number | place and date) side by
     * side on one line and pads words with runs of spaces, which splits
     * phrases; reading order keeps each column's lines together. */
    const char *argv[] = {"pdftotext", "-enc", "UTF-8", "-eol", "unix", path, "-", NULL};
    tracuu_subproc_limits_t lim = limits(o);
    tracuu_subproc_result_t res;
    if (!tracuu_subproc_run(argv, &lim, &res)) {
        rs = converter_failed("pdftotext", &lim, &res, out);
        tracuu_subproc_result_free(&res);
        return rs;
    }
    size_t n = 0;
    char **pages = split_pages(&res.out, &n);
    tracuu_subproc_result_free(&res);
    size_t with_text = 0;
    for (size_t p = 0; p < n; p++)
        with_text += visible(pages[p], strlen(pages[p])) >= MIN_PAGE_CHARS;
    if (with_text < n && o->ocr) {
        rs = ocr_pages(path, o, pages, n, out);
    } else if (!with_text) {
        rs = tracuu_read_say(out, TRACUU_READ_SKIP,
                             info.encrypted ? "encrypted PDF with no text"
                                            : "scanned, no text (use --ocr)");
    }
    tracuu_buf_t text = {0};
    for (size_t p = 0; p < n; p++) {
        if (rs == TRACUU_READ_OK) {
            tracuu_buf_puts(&text, pages[p]);
            if (text.len && text.s[text.len - 1] != '\n')
                tracuu_buf_putc(&text, '\n');
        }
        free(pages[p]);
    }
    free(pages);
    if (rs == TRACUU_READ_OK) {
        tracuu_buf_t lines = {0};
        unglue_rules(&text, &lines);
        tracuu_buf_free(&text);
        text = lines;
        rs = tracuu_read_finish(out, &text, "UTF-8", true);
        if (rs == TRACUU_READ_SKIP)
            tracuu_read_say(out, rs, "scanned, no text (use --ocr)");
    }
    tracuu_buf_free(&text);
    return rs;
}
