/* reader.c: pick the reader for a file by its content, and the readers' shared helpers. */
#include "reader.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <pthread.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "read_impl.h"
#include "sniff.h"

typedef struct format {
    tracuu_fmt_t fmt;
    const char *name;
    const char *exts[6];
    tracuu_reader_fn read;
} format_t;

/* The formats read, the extensions that announce them, their readers. */
static const format_t formats[] = {
    {TRACUU_FMT_TEXT, "txt", {"txt", "md", "markdown", "text", NULL}, tracuu_read_text},
    {TRACUU_FMT_DOCX, "docx", {"docx", "docm", "dotx", NULL}, tracuu_read_docx},
    {TRACUU_FMT_ODT, "odt", {"odt", "ott", NULL}, tracuu_read_odt},
    {TRACUU_FMT_PDF, "pdf", {"pdf", NULL}, tracuu_read_pdf},
    {TRACUU_FMT_DOC, "doc", {"doc", "dot", NULL}, tracuu_read_doc},
    {TRACUU_FMT_RTF, "rtf", {"rtf", NULL}, tracuu_read_rtf},
    {TRACUU_FMT_HTML, "html", {"html", "htm", "xhtml", NULL}, tracuu_read_html},
    {TRACUU_FMT_IMAGE, "image", {"jpg", "jpeg", "png", "tif", "tiff", NULL}, tracuu_read_image},
    {TRACUU_FMT_XLSX, "xlsx", {"xlsx", "xlsm", NULL}, tracuu_read_xlsx},
    {TRACUU_FMT_ODS, "ods", {"ods", "ots", NULL}, tracuu_read_ods},
    {TRACUU_FMT_CSV, "csv", {"csv", "tsv", NULL}, tracuu_read_csv},
};
#define N_FORMATS (sizeof formats / sizeof *formats)

/* Extensions of files that are never documents: not even opened. */
static const char *const never_exts[] = {
    "gif", "bmp", "webp", "svg", "ico",
    "mp3", "mp4", "m4a", "avi", "mkv", "mov", "wav", "flac", "ogg", "wmv",
    "zip", "rar", "7z", "gz", "bz2", "xz", "tar", "tgz", "iso", "dmg",
    "exe", "dll", "so", "o", "a", "class", "jar", "pyc", "bin", "dat",
    "xls", "ppt", "pptx", "odp", "db", "sqlite", "lnk",
    "tmp", "bak", "log", "ini", "cfg", "json", "xml", "js", "css",
    "c", "h", "py", "sh", NULL,
};

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

static const format_t *format_by_ext(const char *ext)
{
    for (size_t i = 0; i < N_FORMATS; i++)
        for (size_t k = 0; formats[i].exts[k]; k++)
            if (strcasecmp(ext, formats[i].exts[k]) == 0)
                return &formats[i];
    return NULL;
}

static const format_t *format_of(tracuu_fmt_t fmt)
{
    for (size_t i = 0; i < N_FORMATS; i++)
        if (formats[i].fmt == fmt)
            return &formats[i];
    return NULL;
}

int tracuu_read_classify(const char *path, char *what, size_t size)
{
    const char *ext = extension(path);
    if (format_by_ext(ext))
        return 1;
    for (size_t i = 0; never_exts[i]; i++)
        if (strcasecmp(ext, never_exts[i]) == 0) {
            snprintf(what, size, ".%s", ext);
            return 0;
        }
    tracuu_sniff_t s;
    if (!tracuu_sniff_file(path, TRACUU_FMT_TEXT, &s)) {
        snprintf(what, size, "cannot read: %s", strerror(errno));
        return -1;
    }
    if (s.fmt != TRACUU_FMT_TEXT && format_of(s.fmt) != NULL)
        return 1;
    const char *kind = s.fmt == TRACUU_FMT_TEXT ? "text" : s.what;
    if (*ext)
        snprintf(what, size, ".%s: %s", ext, kind);
    else
        snprintf(what, size, "no extension: %s", kind);
    return 0;
}

bool tracuu_read_supported(const char *path)
{
    char what[128];
    return tracuu_read_classify(path, what, sizeof what) == 1;
}

const char *tracuu_read_ext_row(const char *path, char *buf, size_t size)
{
    const char *ext = extension(path);
    size_t n = strlen(ext);
    bool ok = n > 0 && n <= 8 && size > 8;
    for (size_t i = 0; ok && i < n; i++)
        ok = (ext[i] >= 'a' && ext[i] <= 'z') || (ext[i] >= 'A' && ext[i] <= 'Z') ||
             (ext[i] >= '0' && ext[i] <= '9');
    if (!ok) {
        snprintf(buf, size, "other");
        return buf;
    }
    for (size_t i = 0; i <= n; i++)
        buf[i] = (char)(ext[i] >= 'A' && ext[i] <= 'Z' ? ext[i] + 32 : ext[i]);
    return buf;
}

const char *tracuu_read_format_name(const char *path)
{
    const format_t *f = format_by_ext(extension(path));
    return f ? f->name : "other";
}

static tracuu_read_opts_t fill_opts(const tracuu_read_opts_t *in)
{
    tracuu_read_opts_t o = in ? *in : (tracuu_read_opts_t){0};
    /* TRACUU_CONVERT_SECONDS shortens the converters' time limit (tests
     * of a hanging converter need not wait a minute). */
    const char *env = getenv("TRACUU_CONVERT_SECONDS");
    if (!o.seconds && env && *env) {
        char *end = NULL;
        long v = strtol(env, &end, 10);
        if (*end == '\0' && v > 0 && v <= 3600)
            o.seconds = (unsigned)v;
    }
    if (!o.seconds)
        o.seconds = TRACUU_READ_SECONDS;
    if (!o.mem_mb)
        o.mem_mb = TRACUU_READ_MEM_MB;
    if (!o.max_mb)
        o.max_mb = TRACUU_READ_MAX_MB;
    if (!o.ocr_dpi)
        o.ocr_dpi = TRACUU_READ_OCR_DPI;
    return o;
}

/* Open path for reading without following a link or blocking on a FIFO,
 * and check it is a regular file (the walk's one when o has its inode).
 * Returns the descriptor, or -1 with out's reason set (*rs). */
static int open_checked(const char *path, const tracuu_read_opts_t *o,
                        struct stat *st, tracuu_read_result_t *out,
                        tracuu_read_status_t *rs)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int e = errno;
        struct stat l;
        if (e == ELOOP && lstat(path, &l) == 0 && S_ISLNK(l.st_mode))
            *rs = tracuu_read_say(out, TRACUU_READ_SKIP,
                                  "a symbolic link, not read (it was not "
                                  "one when the folders were walked?)");
        else
            *rs = tracuu_read_say(out, TRACUU_READ_FAIL, "cannot open: %s",
                                  strerror(e));
        return -1;
    }
    const char *bad = NULL;
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode))
        bad = "not a regular file";
    else if (o->ino && ((uint64_t)st->st_ino != o->ino ||
                        (uint64_t)st->st_dev != o->dev))
        bad = "replaced by another file since the folders were walked";
    if (bad) {
        close(fd);
        *rs = tracuu_read_say(out, TRACUU_READ_SKIP, "%s", bad);
        return -1;
    }
    return fd;
}

/* The name through which readers and converters (other processes) read
 * the open file fd: /proc/PID/fd/N, or path when /proc does not show it. */
static void fd_name(int fd, const struct stat *st, const char *path,
                    char *buf, size_t size)
{
    snprintf(buf, size, "/proc/%ld/fd/%d", (long)getpid(), fd);
    struct stat via;
    if (stat(buf, &via) != 0 || via.st_ino != st->st_ino ||
        via.st_dev != st->st_dev)
        snprintf(buf, size, "%s", path);
}

static tracuu_read_status_t read_open(const char *path, const char *name,
                                      const format_t *by_ext,
                                      tracuu_read_opts_t *o,
                                      tracuu_read_result_t *out)
{
    tracuu_sniff_t s;
    if (!tracuu_sniff_file(name, by_ext ? by_ext->fmt : TRACUU_FMT_TEXT, &s))
        return tracuu_read_say(out, TRACUU_READ_FAIL, "cannot read: %s",
                               strerror(errno));
    const format_t *f = format_of(s.fmt);
    /* Text by content; a .csv or .tsv name says how to cut it in cells. */
    if (s.fmt == TRACUU_FMT_TEXT && by_ext && by_ext->fmt == TRACUU_FMT_CSV)
        f = by_ext;
    /* An image is never text: a text file named .jpg is mislabelled or
     * hostile, and is named rather than indexed. */
    if (s.fmt == TRACUU_FMT_TEXT && by_ext && by_ext->fmt == TRACUU_FMT_IMAGE)
        return tracuu_read_say(out, TRACUU_READ_SKIP,
                               "named .%s but holds text, not an image",
                               extension(path));
    if (!f) {
        out->format = s.what;
        if (strncmp(s.what, "encrypted", 9) == 0)
            return tracuu_read_say(out, TRACUU_READ_SKIP, "%s", s.what);
        return tracuu_read_say(out, TRACUU_READ_SKIP, "%s, not a document",
                               s.what);
    }
    out->format = f->name;
    o->name = path;
    tracuu_read_status_t rs = f->read(name, o, out);
    out->format = f->name;
    if (out->title &&
        tracuu_utf8_valid_prefix(out->title, strlen(out->title)) !=
            strlen(out->title)) {
        /* A title in bytes that are not the declared UTF-8 (an HTML
         * <title>, a docx property): U+FFFD for each bad byte. */
        tracuu_buf_t fixed = {0};
        tracuu_enc_decode(TRACUU_ENC_UTF8, out->title, strlen(out->title),
                          &fixed);
        free(out->title);
        out->title = tracuu_buf_steal(&fixed);
    }
    if (rs != TRACUU_READ_OK && !out->reason)
        tracuu_read_say(out, rs, "unreadable %s", f->name);
    return rs;
}

tracuu_read_status_t tracuu_read_file_opts(const char *path,
                                           const tracuu_read_opts_t *opts,
                                           tracuu_read_result_t *out)
{
    memset(out, 0, sizeof *out);
    tracuu_read_opts_t o = fill_opts(opts);
    const format_t *by_ext = format_by_ext(extension(path));
    out->format = by_ext ? by_ext->name : "unknown";
    struct stat st;
    tracuu_read_status_t rs = TRACUU_READ_FAIL;
    int fd = open_checked(path, &o, &st, out, &rs);
    if (fd < 0)
        return rs;
    if (st.st_size == 0) {
        close(fd);
        return tracuu_read_say(out, TRACUU_READ_SKIP, "empty file");
    }
    char name[64 + PATH_MAX];
    fd_name(fd, &st, path, name, sizeof name);
    rs = read_open(path, name, by_ext, &o, out);
    close(fd);
    return rs;
}

tracuu_read_status_t tracuu_read_file(const char *path,
                                      tracuu_read_result_t *out)
{
    return tracuu_read_file_opts(path, NULL, out);
}

void tracuu_read_result_free(tracuu_read_result_t *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->encoding);
    free(r->reason);
    free(r->title);
    memset(r, 0, sizeof *r);
}

/* ---- helpers shared by the readers ---- */

tracuu_read_status_t tracuu_read_say(tracuu_read_result_t *out,
                                     tracuu_read_status_t st,
                                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    free(out->reason);
    out->reason = n >= 0 ? s : tracuu_xstrdup("unknown reason");
    return st;
}

tracuu_read_status_t tracuu_read_slurp(const char *path, size_t max_mb,
                                       tracuu_buf_t *b,
                                       tracuu_read_result_t *out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return tracuu_read_say(out, TRACUU_READ_FAIL, "cannot open: %s",
                               strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return tracuu_read_say(out, TRACUU_READ_SKIP, "not a regular file");
    }
    size_t max = max_mb << 20;
    if ((uint64_t)st.st_size > max) {
        close(fd);
        return tracuu_read_say(out, TRACUU_READ_SKIP,
                               "file too large (%lld MB; the limit is %zu MB)",
                               (long long)(st.st_size >> 20), max_mb);
    }
    tracuu_buf_reserve(b, (size_t)st.st_size);
    for (;;) {
        tracuu_buf_reserve(b, 1 << 16);
        size_t want = b->cap - b->len - 1;
        ssize_t r = read(fd, b->s + b->len, want);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            close(fd);
            return tracuu_read_say(out, TRACUU_READ_FAIL, "cannot read: %s",
                                   strerror(e));
        }
        if (r == 0)
            break;
        b->len += (size_t)r;
        b->s[b->len] = '\0';
        if (b->len > max) { /* it grew while we read */
            close(fd);
            return tracuu_read_say(out, TRACUU_READ_SKIP,
                                   "file too large (the limit is %zu MB)", max_mb);
        }
    }
    close(fd);
    return TRACUU_READ_OK;
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    xmlInitParser();
}

void tracuu_read_xml_init(void)
{
    pthread_once(&xml_once, xml_init);
}

void tracuu_read_enc_label(tracuu_buf_t *b, const char *name,
                           tracuu_enc_t repaired)
{
    if (repaired == TRACUU_ENC_UTF8)
        tracuu_buf_puts(b, name);
    else
        tracuu_buf_printf(b, "%s (in %s)", tracuu_enc_name(repaired), name);
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r\n\f\v", s[i]) || !s[i])
            return false;
    return true;
}

tracuu_read_status_t tracuu_read_finish(tracuu_read_result_t *out,
                                        tracuu_buf_t *text, const char *enc,
                                        bool repair)
{
    tracuu_buf_t fixed = {0};
    if (tracuu_utf8_valid_prefix(text->s ? text->s : "", text->len) != text->len) {
        tracuu_enc_decode(TRACUU_ENC_UTF8, text->s, text->len, &fixed);
        tracuu_buf_free(text);
        *text = fixed;
        fixed = (tracuu_buf_t){0};
    }
    tracuu_enc_t repaired = TRACUU_ENC_UTF8;
    if (repair && text->len) {
        repaired = tracuu_enc_repair(text->s, text->len, TRACUU_ENC_UTF8,
                                     &fixed, NULL);
        if (repaired != TRACUU_ENC_UTF8) {
            tracuu_buf_free(text);
            *text = fixed;
        } else {
            tracuu_buf_free(&fixed);
        }
    }
    if (blank(text->s, text->len)) {
        tracuu_buf_free(text);
        return tracuu_read_say(out, TRACUU_READ_SKIP, "no text");
    }
    tracuu_buf_t label = {0};
    tracuu_read_enc_label(&label, enc, repaired);
    free(out->encoding);
    out->encoding = tracuu_buf_steal(&label);
    out->len = text->len;
    out->text = tracuu_buf_steal(text);
    return TRACUU_READ_OK;
}
