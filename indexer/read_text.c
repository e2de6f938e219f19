/* read_text.c: plain text and Markdown files, which must be UTF-8. */
#include "reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

static const char *const text_exts[] = {"txt", "md", "markdown", "text", NULL};

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    return dot ? dot + 1 : "";
}

bool tracuu_read_supported(const char *path)
{
    const char *ext = extension(path);
    for (size_t i = 0; text_exts[i]; i++)
        if (strcasecmp(ext, text_exts[i]) == 0)
            return true;
    return false;
}

static tracuu_read_status_t say(tracuu_read_result_t *out,
                                tracuu_read_status_t st, const char *fmt,
                                const char *detail, size_t n)
{
    tracuu_buf_t b = {0};
    tracuu_buf_printf(&b, fmt, detail ? detail : "", n);
    out->reason = tracuu_buf_steal(&b);
    return st;
}

/* Read the whole of fd into b. Returns 0 or an errno value. */
static int slurp(int fd, tracuu_buf_t *b)
{
    for (;;) {
        tracuu_buf_reserve(b, 1 << 16);
        ssize_t r = read(fd, b->s + b->len, b->cap - b->len - 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (r == 0)
            break;
        b->len += (size_t)r;
        b->s[b->len] = '\0';
    }
    return 0;
}

tracuu_read_status_t tracuu_read_file(const char *path,
                                      tracuu_read_result_t *out)
{
    memset(out, 0, sizeof *out);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return say(out, TRACUU_READ_FAIL, "cannot open: %s", strerror(errno), 0);
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return say(out, TRACUU_READ_SKIP, "not a regular file%s", NULL, 0);
    }
    tracuu_buf_t b = {0};
    tracuu_buf_reserve(&b, (size_t)st.st_size);
    int err = slurp(fd, &b);
    close(fd);
    if (err) {
        tracuu_buf_free(&b);
        return say(out, TRACUU_READ_FAIL, "cannot read: %s", strerror(err), 0);
    }
    size_t start = 0;
    if (b.len >= 3 && memcmp(b.s, "\xEF\xBB\xBF", 3) == 0)
        start = 3; /* UTF-8 byte order mark */
    bool blank = true;
    for (size_t i = start; i < b.len && blank; i++)
        blank = b.s[i] == ' ' || b.s[i] == '\t' || b.s[i] == '\n' ||
                b.s[i] == '\r' || b.s[i] == '\f';
    if (blank) {
        bool empty = b.len == 0;
        tracuu_buf_free(&b);
        return say(out, TRACUU_READ_SKIP,
                   empty ? "empty file%s" : "no text (only white space)%s",
                   NULL, 0);
    }
    size_t valid = tracuu_utf8_valid_prefix(b.s + start, b.len - start);
    if (valid != b.len - start) {
        tracuu_buf_free(&b);
        return say(out, TRACUU_READ_SKIP,
                   "not valid UTF-8%s (first bad byte at offset %zu)", NULL,
                   valid + start);
    }
    if (memchr(b.s + start, '\0', b.len - start)) {
        tracuu_buf_free(&b);
        return say(out, TRACUU_READ_SKIP, "binary data (NUL bytes)%s", NULL, 0);
    }
    out->len = b.len - start;
    if (start)
        memmove(b.s, b.s + start, out->len + 1);
    out->text = tracuu_buf_steal(&b);
    out->encoding = tracuu_xstrdup("UTF-8");
    return TRACUU_READ_OK;
}

void tracuu_read_result_free(tracuu_read_result_t *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->encoding);
    free(r->reason);
    memset(r, 0, sizeof *r);
}
