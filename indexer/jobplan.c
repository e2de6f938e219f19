/* jobplan.c: a run's jobs in walk order, kept out of memory past a few MB. */
#include "jobplan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Jobs kept in memory before the plan moves to a file: about 8,000
 * files of paths of 60 bytes (most runs). Past that a run's memory no
 * longer grows with the tree (a million new files plan about 120 MB, in
 * the file). */
#define PLAN_MEM_BYTES (1u << 20)
#define PLAN_IO_BYTES (64u << 10)

struct tracuu_jobplan {
    unsigned char *mem;  /* the jobs while in memory */
    size_t len, cap;     /* len: bytes in mem (or in the write buffer) */
    int fd;              /* the file, or -1 */
    uint64_t flushed;    /* bytes written to the file */
};

/* A job as stored: the header, then the path and its NUL. */
typedef struct rec {
    int64_t mtime_ns, ctime_ns;
    uint64_t ino, size, dev;
    uint32_t old_docid;
    uint32_t path_len;
    uint8_t home;
    uint8_t failed_before;
} rec_t;

tracuu_jobplan_t *tracuu_jobplan_new(void)
{
    tracuu_jobplan_t *p = tracuu_xcalloc(1, sizeof *p);
    p->fd = -1;
    return p;
}

void tracuu_jobplan_free(tracuu_jobplan_t *p)
{
    if (!p)
        return;
    if (p->fd >= 0)
        close(p->fd);
    free(p->mem);
    free(p);
}

static int write_all(int fd, const unsigned char *s, size_t n)
{
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Move the plan to an unlinked file; mem becomes its write buffer. */
static int to_file(tracuu_jobplan_t *p)
{
    const char *dir = getenv("TMPDIR");
    tracuu_buf_t t = {0};
    tracuu_buf_printf(&t, "%s/tracuu-plan-XXXXXX", dir && *dir ? dir : "/tmp");
    p->fd = mkstemp(t.s);
    int e = errno;
    if (p->fd >= 0)
        unlink(t.s);
    tracuu_buf_free(&t);
    errno = e;
    return p->fd < 0 ? -1 : 0;
}

static int flush(tracuu_jobplan_t *p)
{
    if (p->fd < 0 || !p->len)
        return 0;
    if (write_all(p->fd, p->mem, p->len) != 0)
        return -1;
    p->flushed += p->len;
    p->len = 0;
    return 0;
}

int tracuu_jobplan_add(tracuu_jobplan_t *p, const tracuu_jobplan_job_t *j)
{
    size_t n = strlen(j->file.path);
    rec_t r;
    memset(&r, 0, sizeof r); /* the padding too: it is written out */
    r.mtime_ns = j->file.mtime_ns;
    r.ctime_ns = j->file.ctime_ns;
    r.ino = j->file.ino;
    r.size = j->file.size;
    r.dev = j->file.dev;
    r.old_docid = j->old_docid;
    r.path_len = (uint32_t)n;
    r.home = j->home;
    r.failed_before = j->failed_before;
    size_t need = sizeof r + n + 1;
    if (p->fd < 0 && p->len + need > PLAN_MEM_BYTES && to_file(p) != 0)
        return -1;
    if (p->fd >= 0 && p->len + need > PLAN_IO_BYTES && flush(p) != 0)
        return -1;
    if (p->len + need > p->cap) {
        size_t cap = p->cap ? p->cap : 4096;
        while (cap < p->len + need)
            cap *= 2;
        p->mem = tracuu_xrealloc(p->mem, cap);
        p->cap = cap;
    }
    memcpy(p->mem + p->len, &r, sizeof r);
    memcpy(p->mem + p->len + sizeof r, j->file.path, n + 1);
    p->len += need;
    return 0;
}

int tracuu_jobplan_finish(tracuu_jobplan_t *p)
{
    if (flush(p) != 0)
        return -1;
    if (p->fd >= 0) {
        /* The write buffer is not needed again. */
        free(p->mem);
        p->mem = NULL;
        p->cap = 0;
    }
    return 0;
}

/* n bytes at the cursor's offset into dst (the file through c's buffer):
 * 1, 0 at the end, -1 on error. */
static int get(const tracuu_jobplan_t *p, tracuu_jobplan_cursor_t *c, void *dst,
               size_t n)
{
    uint64_t end = p->fd >= 0 ? p->flushed : p->len;
    if (c->off + n > end)
        return c->off == end ? 0 : (errno = EIO, -1);
    if (p->fd < 0) {
        memcpy(dst, p->mem + c->off, n);
        c->off += n;
        return 1;
    }
    unsigned char *d = dst;
    while (n) {
        if (c->off < c->buf_off || c->off >= c->buf_off + c->buf_len) {
            if (!c->buf)
                c->buf = tracuu_xmalloc(PLAN_IO_BYTES);
            ssize_t got = pread(p->fd, c->buf, PLAN_IO_BYTES, (off_t)c->off);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                return got == 0 ? (errno = EIO, -1) : -1;
            c->buf_off = c->off;
            c->buf_len = (size_t)got;
        }
        size_t at = (size_t)(c->off - c->buf_off);
        size_t take = c->buf_len - at < n ? c->buf_len - at : n;
        memcpy(d, c->buf + at, take);
        d += take;
        n -= take;
        c->off += take;
    }
    return 1;
}

int tracuu_jobplan_next(const tracuu_jobplan_t *p, tracuu_jobplan_cursor_t *c,
                     tracuu_jobplan_job_t *j)
{
    rec_t r;
    int rc = get(p, c, &r, sizeof r);
    if (rc <= 0)
        return rc;
    tracuu_buf_clear(&c->path);
    tracuu_buf_reserve(&c->path, (size_t)r.path_len + 1);
    if (get(p, c, c->path.s, (size_t)r.path_len + 1) != 1)
        return -1;
    c->path.len = r.path_len;
    *j = (tracuu_jobplan_job_t){
        {c->path.s, r.mtime_ns, r.ctime_ns, r.ino, r.size, r.dev},
        r.old_docid, r.home, r.failed_before != 0};
    return 1;
}

void tracuu_jobplan_cursor_free(tracuu_jobplan_cursor_t *c)
{
    free(c->buf);
    tracuu_buf_free(&c->path);
    memset(c, 0, sizeof *c);
}
