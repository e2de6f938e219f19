/* run.c: the indexing run: walk, plan, one thread per shard reading, analysing and writing. */
#include "run.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "analysis.h"
#include "buf.h"
#include "dups.h"
#include "escape.h"
#include "index.h"
#include "jobplan.h"
#include "progress.h"
#include "reader.h"
#include "record.h"
#include "schema.h"
#include "subproc.h"
#include "walk.h"

/* The largest file (or converted text) indexed, in MB: a law is under
 * one, a plan a few dozen KB; past this a file is reported, not read, so
 * that memory stays bounded (about 8 bytes of RAM per byte of text, per
 * thread). */
#define MAX_TEXT_MB 16
/* New files that make a run write in parallel (and merge at its end):
 * at least 1/GROW_FRACTION as many as the documents indexed (plan_jobs). */
#define GROW_FRACTION 8
/* Commit after this many documents or bytes of text, whichever first,
 * per shard: a crash loses at most one batch of each. Small batches are
 * faster, not slower: Xapian 1.4 keeps each term's pending postings in a
 * map walked for every new document, so at 1,000 documents a batch those
 * walks were a fifth of all indexing (cache misses); at 100 the commits
 * cost a little more and the walks far less (15-19% less CPU measured,
 * index 2% larger). */
#define BATCH_DOCS 100
#define BATCH_BYTES (4u << 20)
/* A file modified less than this before the run started, or during it,
 * is "racily clean" (git's rule): it may change again within the file
 * system's timestamp granularity without its stat changing, so its
 * document keeps a hash of the bytes read and the next run compares them
 * too. File systems stamp times from a clock that lags by a tick or so;
 * two seconds also cover a little skew. */
#define RACY_MARGIN_NS 2000000000LL

static const char *prog = "tracuu-index";

typedef struct counts {
    size_t seen, indexed, unchanged, removed, skipped, failed;
    size_t failed_before;  /* not read again: failed before, unchanged */
    size_t unsupported;    /* of a type no reader handles: named, counted */
    uint64_t bytes;
} counts_t;

/* Files that could not be indexed are remembered in the index's metadata
 * (as omindex does), under this prefix and the file's unique term, as
 * "<signature> <reason>\t<path>" (the stat signature of schema.h's slot
 * 5; "~" and the hash of its bytes after it for a racily clean file,
 * whose bytes are compared too); they are
 * read again only when they change (a chmod too: the ctime), with
 * --retry-failed, or with --ocr when the reason asked for it. */
#define FAILED_KEY "tracuu.failed:"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The signal that asked the run to stop, or 0. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    if (stop_signal) {
        /* A second one: stop now. */
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    stop_signal = sig;
    tracuu_subproc_cancel();
}

static void catch_stop_signals(struct sigaction old[2])
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sa.sa_flags = SA_RESTART; /* the converters' poll still wakes up */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old[0]);
    sigaction(SIGTERM, &sa, &old[1]);
}

/* A message on stderr, after what stdout holds (they may be one file). */
static void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void errorf(const char *fmt, ...)
{
    fflush(stdout);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

/* s for a message: a file's name (or a reason quoting one) is untrusted,
 * so control bytes and bytes that are not UTF-8 are escaped (lib/escape.h).
 * Into b; returns b->s. */
static const char *shown(tracuu_buf_t *b, const char *s)
{
    tracuu_buf_clear(b);
    tracuu_buf_puts(b, "");
    tracuu_escape_name(b, s, strlen(s));
    return b->s;
}

static void warn_walk(void *ctx, const char *path, const char *reason)
{
    (void)ctx;
    tracuu_buf_t p = {0}, w = {0};
    errorf("%s: %s: skipped: %s\n", prog, shown(&p, path), shown(&w, reason));
    tracuu_buf_free(&p);
    tracuu_buf_free(&w);
}

static int64_t wall_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* A file written too close to the run's start (run_ns) for its stat to
 * be trusted next time (RACY_MARGIN_NS): a later write in the same tick
 * could leave the mtime as it is. (A write long after sets a later one.) */
static bool racy(const tracuu_walk_file_t *f, int64_t run_ns)
{
    return f->mtime_ns >= run_ns - RACY_MARGIN_NS;
}

/* A hash of the file's bytes (FNV-1a, 64 bits) as 16 hex digits in
 * out[17]; false when it cannot be read. */
static bool file_hash(const char *path, char out[17])
{
    /* Not blocking and not following: the file may have been swapped for
     * a FIFO or a link since the walk; only a regular file is hashed. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return false;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return false;
    }
    uint64_t h = TRACUU_FNV64_INIT;
    unsigned char buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        h = tracuu_fnv1a64(buf, (size_t)n, h);
    close(fd);
    if (n < 0)
        return false;
    tracuu_record_hex(h, out);
    return true;
}

/* Does f's content still hash to the 16 hex digits at hash? */
static bool same_bytes(const tracuu_walk_file_t *f, const char *hash)
{
    char h[17];
    return file_hash(f->path, h) && strncmp(h, hash, 16) == 0;
}

/* The stat signature of f (schema.h, slot 5) in sig. */
static void signature(const tracuu_walk_file_t *f,
                      char sig[TRACUU_RECORD_SIG_LEN + 1])
{
    tracuu_record_signature(f->mtime_ns, f->ctime_ns, f->ino, f->size, sig);
}

/* One file to (re)index, as planned. A run plans every file before it
 * reads one (the plan's totals share the new files out among the shards
 * and give the progress line its end); the plan is kept in walk order
 * in memory for the first few MB, then in a file (jobplan.h), so that a
 * run's memory does not grow with the tree. */
typedef tracuu_jobplan_job_t job_t;

/* A file no shard holds a document or a failure of. */
#define HOME_NEW UINT8_MAX

/* A job being done: the file read, analysed and, when it reads, its
 * document; freed when the job is done (work_free). */
typedef struct work {
    const tracuu_walk_file_t *file;
    tracuu_buf_t uid;      /* the file's unique term */
    tracuu_doc_t *doc;
    tracuu_read_status_t rs;
    char *reason;
    char *note;            /* what the caps left out (analysis.h), or NULL */
    const char *format;    /* static, from the reader */
    char *encoding;
    size_t bytes;
    char racy_hash[17];    /* a racily clean file's hash (racy), or "" */
} work_t;

static void work_free(work_t *j)
{
    tracuu_buf_free(&j->uid);
    tracuu_doc_free(j->doc);
    free(j->reason);
    free(j->note);
    free(j->encoding);
    memset(j, 0, sizeof *j);
}

/* Read, analyse and build the document of one job (any thread). */
static void prepare(tracuu_analyzer_t *a, work_t *j, bool ocr, int64_t run_ns)
{
    /* The hash of a racy file is taken before it is read: if it changes
     * in between, the next run sees other bytes than the hash says. */
    char sig[TRACUU_RECORD_SIG_LEN + 32];
    signature(j->file, sig);
    if (racy(j->file, run_ns)) {
        if (!file_hash(j->file->path, j->racy_hash))
            strcpy(j->racy_hash, "unreadable"); /* never a hash */
        size_t n = strlen(sig);
        snprintf(sig + n, sizeof sig - n, " racy %s", j->racy_hash);
    }
    tracuu_read_result_t r;
    tracuu_read_opts_t ro = {.ocr = ocr, .max_mb = MAX_TEXT_MB,
                             .dev = j->file->dev, .ino = j->file->ino};
    j->rs = tracuu_read_file_opts(j->file->path, &ro, &r);
    j->format = r.format;
    if (j->rs != TRACUU_READ_OK) {
        j->reason = r.reason;
        r.reason = NULL;
        tracuu_read_result_free(&r);
        return;
    }
    j->bytes = r.len;
    j->encoding = r.encoding ? tracuu_xstrdup(r.encoding) : NULL;
    tracuu_analysis_t an;
    tracuu_status_t st = tracuu_analyze(a, r.text, r.len,
                                        TRACUU_ANALYZE_DOCUMENT, &an);
    /* Plain text (any encoding) is read again for snippets; converted
     * formats keep their text in the index. */
    bool txt = r.format && strcmp(r.format, "txt") == 0;
    tracuu_file_info_t info = {
        .path = j->file->path,
        .mtime = tracuu_walk_mtime_s(j->file),
        .size = j->file->size,
        .mtime_ns = j->file->mtime_ns,
        .ctime_ns = j->file->ctime_ns,
        .ino = j->file->ino,
        .signature = sig,
        .format = r.format,
        .encoding = r.encoding,
        .pages = r.pages,
        .store_text = !txt,
        /* Valid UTF-8 without a BOM decodes to itself, byte for byte. */
        .same_bytes = txt && r.encoding && strcmp(r.encoding, "UTF-8") == 0 &&
                      r.len == j->file->size};
    if (st == TRACUU_OK && an.tokens.n == 0) {
        /* Only blanks, controls or symbols (a file of no-break spaces,
         * say): nothing anyone could find. */
        j->rs = TRACUU_READ_SKIP;
        j->reason = tracuu_xstrdup("no text (no words in it)");
        tracuu_analysis_free(&an);
        tracuu_read_result_free(&r);
        return;
    }
    if (st == TRACUU_OK)
        j->note = tracuu_analysis_truncated(&an);
    if (st == TRACUU_OK)
        st = tracuu_record_build(a, &an, &info, j->uid.s, &j->doc);
    if (st != TRACUU_OK) {
        j->rs = TRACUU_READ_FAIL;
        tracuu_buf_t b = {0};
        tracuu_buf_printf(&b, "cannot analyse: %s", tracuu_status_str(st));
        j->reason = tracuu_buf_steal(&b);
    }
    tracuu_analysis_free(&an);
    tracuu_read_result_free(&r);
}

typedef struct seen {
    unsigned *ids;
    size_t n, cap;
} seen_t;

static void seen_add(seen_t *s, unsigned id)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        s->ids = tracuu_xrealloc(s->ids, s->cap * sizeof *s->ids);
    }
    s->ids[s->n++] = id;
}

static int cmp_uint(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x > y) - (x < y);
}

/* Is the stored document for file up to date? Its stat signature must
 * be the same and, when it was racily clean, its bytes too. */
static bool unchanged(tracuu_db_t *db, unsigned docid,
                      const tracuu_walk_file_t *f)
{
    char *v = NULL;
    char want[TRACUU_RECORD_SIG_LEN + 1];
    signature(f, want);
    bool same = tracuu_db_get_value(db, docid, TRACUU_SLOT_STAT, &v, NULL) ==
                    TRACUU_OK &&
                strncmp(v, want, TRACUU_RECORD_SIG_LEN) == 0;
    if (same && v[TRACUU_RECORD_SIG_LEN]) {
        const char *racy_hash = v + TRACUU_RECORD_SIG_LEN;
        same = strncmp(racy_hash, " racy ", 6) == 0 &&
               strlen(racy_hash + 6) == 16 && same_bytes(f, racy_hash + 6);
    }
    free(v);
    return same;
}

/* Delete documents of shard db not seen in this run whose file is gone
 * or lies under a root walked now. Returns -1 on an index error. */
static int delete_unseen(tracuu_db_t *db, seen_t *seen, const tracuu_walk_t *w,
                         size_t *removed)
{
    unsigned *ids = NULL;
    size_t n = 0;
    if (tracuu_db_all_docids(db, &ids, &n) != TRACUU_OK)
        return -1;
    if (seen->n)
        qsort(seen->ids, seen->n, sizeof *seen->ids, cmp_uint);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (seen->n && bsearch(&ids[i], seen->ids, seen->n, sizeof *ids,
                               cmp_uint))
            continue;
        char *path = NULL;
        if (tracuu_db_get_value(db, ids[i], TRACUU_SLOT_PATH, &path, NULL) !=
            TRACUU_OK) {
            rc = -1;
            break;
        }
        struct stat st;
        bool gone = stat(path, &st) != 0 && errno == ENOENT;
        /* Below a directory that could not be read, nothing is known to
         * be gone. */
        if (tracuu_walk_under_blind(w, path))
            gone = false;
        else if (tracuu_walk_under_roots(w, path))
            gone = true;
        if (gone) {
            if (tracuu_db_delete(db, ids[i]) != TRACUU_OK)
                rc = -1;
            else
                (*removed)++;
        }
        free(path);
    }
    free(ids);
    return rc;
}

static int fatal_db(tracuu_db_t *db, const char *path, const char *what)
{
    tracuu_buf_t p = {0}, e = {0};
    errorf("%s: %s: %s: %s\n", prog, shown(&p, path), what,
           shown(&e, tracuu_db_last_error(db)));
    tracuu_buf_free(&p);
    tracuu_buf_free(&e);
    return 1;
}

static void failed_key(const char *uid, tracuu_buf_t *key)
{
    tracuu_buf_clear(key);
    tracuu_buf_puts(key, FAILED_KEY);
    tracuu_buf_puts(key, uid + 1); /* without the Q */
}

/* The remembered failure of file, if it still applies: its reason (new;
 * free with free()) or NULL. */
static char *failed_before(tracuu_db_t *db, const char *uid,
                           const tracuu_walk_file_t *f, bool *remembered)
{
    tracuu_buf_t key = {0};
    failed_key(uid, &key);
    char *v = NULL;
    char *reason = NULL;
    *remembered = false;
    if (tracuu_db_get_metadata(db, key.s, &v) == TRACUU_OK && *v) {
        *remembered = true;
        char want[TRACUU_RECORD_SIG_LEN + 1];
        signature(f, want);
        const char *r = v + TRACUU_RECORD_SIG_LEN;
        bool same = strncmp(v, want, TRACUU_RECORD_SIG_LEN) == 0;
        if (same && *r == '~') {
            /* Racily clean when it failed: its bytes must be the same. */
            same = strlen(r) > 17 && same_bytes(f, r + 1);
            r += 17;
        }
        if (same && *r == ' ') {
            r++;
            const char *tab = strchr(r, '\t');
            reason = tracuu_xstrndup(r, tab ? (size_t)(tab - r) : strlen(r));
        }
    }
    free(v);
    tracuu_buf_free(&key);
    return reason;
}

static tracuu_status_t remember_failure(tracuu_db_t *db, const work_t *j)
{
    tracuu_buf_t key = {0}, v = {0};
    failed_key(j->uid.s, &key);
    char sig[TRACUU_RECORD_SIG_LEN + 1];
    signature(j->file, sig);
    tracuu_buf_printf(&v, "%s%s%s %s\t%s", sig, j->racy_hash[0] ? "~" : "",
                      j->racy_hash,
                      j->reason ? j->reason : "unknown reason", j->file->path);
    tracuu_status_t st = tracuu_db_set_metadata(db, key.s, v.s);
    tracuu_buf_free(&key);
    tracuu_buf_free(&v);
    return st;
}

static tracuu_status_t forget_failure(tracuu_db_t *db, const char *uid)
{
    tracuu_buf_t key = {0};
    failed_key(uid, &key);
    tracuu_status_t st = tracuu_db_set_metadata(db, key.s, "");
    tracuu_buf_free(&key);
    return st;
}

/* Forget the failures of files that are gone. */
static tracuu_status_t prune_failures(tracuu_db_t *db)
{
    tracuu_termlist_t *keys = NULL;
    tracuu_status_t st = tracuu_db_metadata_keys(db, FAILED_KEY, &keys);
    for (size_t i = 0; st == TRACUU_OK && i < keys->n; i++) {
        char *v = NULL;
        if (tracuu_db_get_metadata(db, keys->terms[i], &v) != TRACUU_OK)
            continue;
        const char *tab = strchr(v, '\t');
        struct stat sb;
        if (tab && stat(tab + 1, &sb) != 0 && errno == ENOENT)
            st = tracuu_db_set_metadata(db, keys->terms[i], "");
        free(v);
    }
    tracuu_termlist_free(keys);
    return st;
}

/* A warning, above the progress line when one is showing. */
static void warn(tracuu_progress_t *pg, const char *path, const char *what,
                 const char *reason)
{
    tracuu_buf_t m = {0}, p = {0}, w = {0};
    tracuu_buf_printf(&m, "%s: %s: %s: %s", prog, shown(&p, path), what,
                      shown(&w, reason));
    tracuu_progress_message(pg, stderr, m.s);
    tracuu_buf_free(&m);
    tracuu_buf_free(&p);
    tracuu_buf_free(&w);
}

/* One shard's share of the run: its jobs, and the documents it keeps. */
typedef struct shard_run {
    tracuu_db_t *db;
    seen_t seen;
} shard_run_t;

/* What the threads share, under mu. */
typedef struct run {
    const tracuu_run_opts_t *o;
    const tracuu_walk_t *w;
    shard_run_t shards[TRACUU_MAX_SHARDS];
    unsigned n_shards;
    unsigned n_threads;
    tracuu_jobplan_t *plan;    /* every job, in walk order */
    int plan_errno;         /* the plan could not be written or read */
    size_t n_jobs, n_new;   /* jobs planned; of them, new files */
    uint64_t job_bytes;     /* their bytes */
    uint64_t load0[TRACUU_MAX_SHARDS]; /* bytes of the jobs of each shard
                                          that knows its file */
    uint64_t share;         /* bytes of jobs each shard should get */
    counts_t c;
    tracuu_summary_t *sum;
    tracuu_progress_t *pg;
    size_t done_files;
    uint64_t done_bytes;
    int rc;                 /* 1 once a thread hit a fatal index error */
    int64_t run_ns;         /* when the run started (wall clock) */
    tracuu_dups_t dups;     /* the duplicate keys of what was written */
    pthread_mutex_t mu;
    pthread_mutex_t commit_mu; /* one commit at a time (commit_batch) */
} run_t;

/* Account for one finished job (any thread). */
static void finish_job(run_t *r, const work_t *j)
{
    pthread_mutex_lock(&r->mu);
    if (j->rs == TRACUU_READ_OK) {
        r->c.indexed++;
        r->c.bytes += j->bytes;
        tracuu_summary_add(r->sum, j->format, TRACUU_OUTCOME_INDEXED, NULL);
        if (j->note)
            warn(r->pg, j->file->path, "indexed in part", j->note);
        if (r->o->verbose) {
            tracuu_buf_t m = {0}, p = {0};
            tracuu_buf_printf(&m, "indexed %s (%s, %s)",
                              shown(&p, j->file->path), j->format,
                              j->encoding ? j->encoding : "?");
            tracuu_progress_message(r->pg, stdout, m.s);
            tracuu_buf_free(&m);
            tracuu_buf_free(&p);
        }
    } else {
        bool skip = j->rs == TRACUU_READ_SKIP;
        *(skip ? &r->c.skipped : &r->c.failed) += 1;
        const char *why = j->reason ? j->reason : "unknown reason";
        warn(r->pg, j->file->path, skip ? "skipped" : "failed", why);
        tracuu_summary_add(r->sum, j->format,
                           skip ? TRACUU_OUTCOME_SKIPPED : TRACUU_OUTCOME_FAILED,
                           why);
    }
    r->done_files++;
    r->done_bytes += j->file->size;
    tracuu_progress_update(r->pg, r->done_files, r->done_bytes, j->file->path);
    pthread_mutex_unlock(&r->mu);
}

static void fatal(run_t *r, tracuu_db_t *db, const char *what)
{
    pthread_mutex_lock(&r->mu);
    if (!r->rc)
        fatal_db(db, r->o->db_path, what);
    r->rc = 1;
    pthread_mutex_unlock(&r->mu);
}

/* False once a thread hit a fatal error: after a failed write (a full
 * disk) no writer commits again. */
static bool may_write(run_t *r)
{
    pthread_mutex_lock(&r->mu);
    bool ok = r->rc == 0;
    pthread_mutex_unlock(&r->mu);
    return ok;
}

/* Free space a commit of a batch of text_bytes wants on the index's file
 * system: Xapian 1.4 writes a commit's changed blocks beside the old ones
 * (the index is about 1.3 times its text), and a commit that fails on a
 * full disk can stop inside Xapian (std::terminate; the shim then exits
 * 1) rather than throw. Twice the text and 1 MB: on tmpfs of 400 KB to
 * 2 MB every run then stops before a commit that would fail. */
#define COMMIT_ROOM(text_bytes) (2 * (uint64_t)(text_bytes) + (1u << 20))

/* Is there room on path's file system for a commit of text_bytes? A file
 * system that cannot say is taken to have room. */
static bool room_for_commit(const char *path, uint64_t text_bytes)
{
    struct statvfs vs;
    if (statvfs(path, &vs) != 0 || vs.f_blocks == 0)
        return true;
    return (uint64_t)vs.f_bavail * vs.f_frsize >= COMMIT_ROOM(text_bytes);
}

/* Stop the run for want of room (reported once). */
static void no_room(run_t *r, uint64_t text_bytes)
{
    pthread_mutex_lock(&r->mu);
    if (!r->rc) {
        tracuu_buf_t p = {0};
        errorf("%s: %s: cannot commit: %s (less than %llu KB free)\n", prog,
               shown(&p, r->o->db_path), strerror(ENOSPC),
               (unsigned long long)(COMMIT_ROOM(text_bytes) >> 10));
        tracuu_buf_free(&p);
    }
    r->rc = 1;
    pthread_mutex_unlock(&r->mu);
}

/* Commit shard db's batch (text_bytes of text), unless another writer
 * failed or the disk has no room for it. Commits take turns, so that none
 * starts after one failed: a second commit on the disk that just failed
 * can throw through Xapian's own noexcept code (terminate, SIGABRT)
 * instead of failing; for the same reason a commit is not started on a
 * disk without room for it. */
static int commit_batch(run_t *r, tracuu_db_t *db, uint64_t text_bytes)
{
    pthread_mutex_lock(&r->commit_mu);
    int rc = may_write(r) ? 0 : -1;
    if (rc == 0 && !room_for_commit(r->o->db_path, text_bytes)) {
        no_room(r, text_bytes);
        rc = -1;
    }
    if (rc == 0 && tracuu_db_commit(db) != TRACUU_OK) {
        fatal(r, db, "cannot commit");
        rc = -1;
    }
    pthread_mutex_unlock(&r->commit_mu);
    return rc;
}

/* Remember the duplicate key of a document written (any thread). */
static void note_dup_key(run_t *r, const tracuu_doc_t *doc)
{
    char *key = NULL;
    if (tracuu_doc_get_value(doc, TRACUU_SLOT_DUP, &key) != TRACUU_OK)
        return;
    pthread_mutex_lock(&r->mu);
    tracuu_dups_add(&r->dups, key);
    pthread_mutex_unlock(&r->mu);
    free(key);
}

/* The shard of the next job: the one that knows its file, or, for a new
 * file, the next in walk order whose share is not yet full (every reader
 * of the plan makes the same choices: load starts as r->load0). */
static unsigned home_of(const run_t *r, uint64_t load[], unsigned *k,
                        const job_t *j)
{
    if (j->home != HOME_NEW)
        return j->home;
    while (*k + 1 < r->n_shards && load[*k] >= r->share)
        (*k)++;
    load[*k] += j->file.size;
    return *k;
}

/* The plan could not be read: a fatal error of the run (said once). */
static void plan_lost(run_t *r)
{
    pthread_mutex_lock(&r->mu);
    if (!r->rc)
        errorf("%s: cannot read the run's plan: %s\n", prog, strerror(errno));
    r->rc = 1;
    pthread_mutex_unlock(&r->mu);
}

/* Index the jobs of shard k read through cur, committing in batches.
 * Returns -1 after a fatal error (reported). */
static int index_jobs(run_t *r, tracuu_analyzer_t *a, unsigned k,
                      tracuu_jobplan_cursor_t *cur)
{
    shard_run_t *sh = &r->shards[k];
    size_t batch_docs = 0;
    uint64_t batch_bytes = 0;
    uint64_t load[TRACUU_MAX_SHARDS];
    memcpy(load, r->load0, sizeof load);
    unsigned next_new = 0;
    job_t jb, *job = &jb;
    int got;
    while (!stop_signal && (got = tracuu_jobplan_next(r->plan, cur, job)) != 0) {
        if (got < 0) {
            plan_lost(r);
            return -1;
        }
        if (home_of(r, load, &next_new, job) != k)
            continue;
        if (!may_write(r))
            break; /* another thread failed: stop here */
        work_t w = {.file = &job->file}, *j = &w;
        tracuu_record_uid(job->file.path, &j->uid);
        prepare(a, j, r->o->ocr, r->run_ns);
        if (stop_signal && j->rs != TRACUU_READ_OK) {
            /* Its converter was stopped: not a failure of the file. */
            work_free(j);
            break;
        }
        if (j->rs == TRACUU_READ_OK) {
            unsigned id = 0;
            tracuu_status_t st = tracuu_db_replace(sh->db, j->uid.s, j->doc, &id);
            if (st == TRACUU_OK && job->failed_before)
                st = forget_failure(sh->db, j->uid.s);
            if (st != TRACUU_OK) {
                fatal(r, sh->db, "cannot add a document");
                work_free(j);
                return -1;
            }
            seen_add(&sh->seen, id);
            note_dup_key(r, j->doc);
            batch_docs++;
            batch_bytes += j->bytes;
        } else {
            /* A changed file that no longer reads keeps its last good
             * document: nothing indexed is lost to a bad copy. */
            if (job->old_docid)
                seen_add(&sh->seen, job->old_docid);
            if (remember_failure(sh->db, j) != TRACUU_OK) {
                fatal(r, sh->db, "cannot remember a failure");
                work_free(j);
                return -1;
            }
        }
        tracuu_doc_free(j->doc);
        j->doc = NULL;
        finish_job(r, j);
        work_free(j);
        if (batch_docs >= BATCH_DOCS || batch_bytes >= BATCH_BYTES) {
            if (commit_batch(r, sh->db, batch_bytes) != 0)
                return -1;
            batch_docs = 0;
            batch_bytes = 0;
        }
    }
    return commit_batch(r, sh->db, batch_bytes);
}

static int index_shard(run_t *r, tracuu_analyzer_t *a, unsigned k)
{
    tracuu_jobplan_cursor_t cur = {0};
    int rc = index_jobs(r, a, k, &cur);
    tracuu_jobplan_cursor_free(&cur);
    return rc;
}

typedef struct thread_arg {
    run_t *r;
    unsigned first;   /* this thread writes shards first, first + step, ... */
} thread_arg_t;

static void *shard_thread(void *arg)
{
    thread_arg_t *t = arg;
    run_t *r = t->r;
    tracuu_analyzer_t *a = NULL;
    if (tracuu_analyzer_new(&a) != TRACUU_OK) {
        pthread_mutex_lock(&r->mu);
        fprintf(stderr, _("%s: cannot open ICU's word breaker\n"), prog);
        r->rc = 1;
        pthread_mutex_unlock(&r->mu);
        return NULL;
    }
    for (unsigned k = t->first; k < r->n_shards; k += r->n_threads)
        if (index_shard(r, a, k) != 0)
            break;
    tracuu_analyzer_free(a);
    return NULL;
}

/* The files of types no reader handles: each is named on stderr (unless
 * quiet) and counted under its extension, but is no reason for exit 2:
 * an archive folder's Thumbs.db or .zip is not a failure. */
static void account_others(run_t *r, const tracuu_walk_t *w)
{
    for (size_t i = 0; i < w->n_others; i++) {
        const tracuu_walk_other_t *f = &w->others[i];
        char row[16];
        tracuu_buf_t why = {0};
        tracuu_buf_printf(&why, "unsupported file type (%s)", f->what);
        r->c.seen++;
        r->c.unsupported++;
        tracuu_summary_add(r->sum, tracuu_read_ext_row(f->path, row, sizeof row),
                           TRACUU_OUTCOME_UNSUPPORTED, why.s);
        if (!r->o->quiet)
            warn(NULL, f->path, "not read", why.s);
        tracuu_buf_free(&why);
    }
}

/* Decide for the walked file f: unchanged (counted), skipped as failed
 * before (counted, told under --verbose), or a job, filled into *j
 * (true). uid is scratch space. */
static bool plan_file(run_t *r, tracuu_index_t *ix,
                      const tracuu_walk_file_t *f, tracuu_buf_t *uid,
                      job_t *j)
{
    const tracuu_run_opts_t *o = r->o;
    counts_t *c = &r->c;
    c->seen++;
    tracuu_buf_clear(uid);
    tracuu_record_uid(f->path, uid);
    unsigned docid = 0, home = HOME_NEW;
    for (unsigned k = 0; k < ix->n && home == HOME_NEW; k++)
        if (tracuu_db_lookup(ix->shards[k], uid->s, &docid) == TRACUU_OK)
            home = k;
    bool found = home != HOME_NEW;
    if (found && unchanged(ix->shards[home], docid, f)) {
        seen_add(&r->shards[home].seen, docid);
        c->unchanged++;
        tracuu_summary_add(r->sum, tracuu_read_format_name(f->path),
                           TRACUU_OUTCOME_UNCHANGED, NULL);
        return false;
    }
    bool remembered = false;
    char *reason = NULL;
    for (unsigned k = found ? home : 0; k < ix->n; k++) {
        reason = failed_before(ix->shards[k], uid->s, f, &remembered);
        if (remembered)
            home = k;
        if (remembered || found)
            break;
    }
    bool retry =
        o->retry_failed || (o->ocr && reason && strstr(reason, "--ocr"));
    if (reason && !retry) {
        if (found)
            seen_add(&r->shards[home].seen, docid);
        c->failed_before++;
        tracuu_buf_t why = {0};
        tracuu_buf_printf(&why, "failed before: %s (--retry-failed)", reason);
        tracuu_summary_add(r->sum, tracuu_read_format_name(f->path),
                           TRACUU_OUTCOME_SKIPPED, why.s);
        if (o->verbose)
            warn(NULL, f->path, "skipped", why.s);
        tracuu_buf_free(&why);
        free(reason);
        return false;
    }
    free(reason);
    j->file = *f;
    j->old_docid = found ? docid : 0;
    j->home = (uint8_t)home;
    j->failed_before = remembered;
    return true;
}

/* More shards when the new files are many beside what the index holds
 * (a first run, or a large addition): up to want. */
static void grow_for_new(tracuu_index_t *ix, unsigned want, size_t n_new)
{
    unsigned total = 0;
    for (unsigned k = 0; k < ix->n; k++) {
        unsigned count = 0;
        if (tracuu_db_doccount(ix->shards[k], &count) == TRACUU_OK)
            total += count;
    }
    if (n_new && want > ix->n && (uint64_t)n_new * GROW_FRACTION >= total) {
        char *msg = NULL;
        if (tracuu_index_grow(ix, want, &msg) != TRACUU_OK) {
            fprintf(stderr, "%s: %s; writing with %u thread%s\n", prog, msg,
                    ix->n, ix->n == 1 ? "" : "s");
            free(msg);
        }
    }
}

/* New files go to the shards in walk order, a run of them to each, so
 * that every shard gets about as many bytes to index and the merged
 * database numbers its documents in walk order (boolean matches, all of
 * one weight, are listed in that order): the shares are set here, each
 * reader of the plan takes its run (home_of). */
static void spread_jobs(run_t *r, tracuu_index_t *ix)
{
    r->share = r->job_bytes / ix->n + 1;
    r->n_shards = ix->n;
    for (unsigned k = 0; k < ix->n; k++)
        r->shards[k].db = ix->shards[k];
}

/* What the walk hands on: the index to plan against, scratch space. */
typedef struct planner {
    run_t *r;
    tracuu_index_t *ix;
    tracuu_buf_t uid;
} planner_t;

/* One walked file: unchanged, remembered failure, or a job of the plan
 * (written out as the walk goes: nothing per file stays in memory). */
static void plan_one(void *ctx, const tracuu_walk_file_t *f)
{
    planner_t *p = ctx;
    run_t *r = p->r;
    job_t j;
    if (!plan_file(r, p->ix, f, &p->uid, &j))
        return;
    if (!r->plan_errno && tracuu_jobplan_add(r->plan, &j) != 0)
        r->plan_errno = errno ? errno : EIO;
    r->n_jobs++;
    r->n_new += j.home == HOME_NEW;
    r->job_bytes += f->size;
    if (j.home != HOME_NEW)
        r->load0[j.home] += f->size;
}

/* Split the walked files into unchanged ones, remembered failures and
 * each shard's jobs. A file stays in the shard that holds its document
 * or its failure; new files are shared out among want shards when they
 * are at least an eighth as many as the documents indexed, else among
 * the shards there are. An eighth: on the benchmark's plans a second
 * thread saves 0.18 s per MB of new text (2.69 MB/s with one, 5.08 with
 * two) and the merge at the end costs 0.01 s per MB of all the text
 * (11.2 s for 1,121 MB), so writing in parallel pays from about a
 * sixteenth on; an eighth keeps a margin. Returns 0, or 1 when the plan
 * could not be kept (said). */
static int walk_and_plan(run_t *r, tracuu_index_t *ix, unsigned want,
                         tracuu_walk_t *w)
{
    const tracuu_run_opts_t *o = r->o;
    planner_t p = {r, ix, {0}};
    r->plan = tracuu_jobplan_new();
    tracuu_walk(o->paths, o->n_paths,
                o->follow_symlinks ? TRACUU_WALK_FOLLOW_LINKS : 0, w,
                warn_walk, NULL, plan_one, &p);
    tracuu_buf_free(&p.uid);
    r->c.skipped += w->n_problems;
    if (!r->plan_errno && tracuu_jobplan_finish(r->plan) != 0)
        r->plan_errno = errno ? errno : EIO;
    if (r->plan_errno) {
        errorf("%s: cannot keep the run's plan in %s: %s\n", prog,
               getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR")
                                                      : "/tmp",
               strerror(r->plan_errno));
        r->rc = 1;
        return 1;
    }
    grow_for_new(ix, want, r->n_new);
    spread_jobs(r, ix);
    return 0;
}

static void free_shard_runs(run_t *r)
{
    for (unsigned k = 0; k < TRACUU_MAX_SHARDS; k++)
        free(r->shards[k].seen.ids);
    tracuu_jobplan_free(r->plan);
    r->plan = NULL;
}

/* Every path given must exist: a root that is missing (a share not
 * mounted, a typo) would otherwise make every document under it look
 * gone, and a first run create an empty index. Checked before the index
 * is opened; returns 1 (reported) or 0. */
static int check_roots(const tracuu_run_opts_t *o)
{
    int rc = 0;
    for (size_t i = 0; i < o->n_paths; i++) {
        struct stat st;
        if (stat(o->paths[i], &st) != 0) {
            int e = errno;
            tracuu_buf_t p = {0};
            errorf(_("%s: %s: %s; nothing indexed or removed\n"), prog,
                   shown(&p, o->paths[i]), strerror(e));
            tracuu_buf_free(&p);
            rc = 1;
        }
    }
    return rc;
}

/* Give up every writer after a fatal error, without another commit: the
 * index keeps what was committed before (it is crash-safe). The one place
 * that gives up the shards' pending changes. */
static void stop_writers(tracuu_index_t *ix)
{
    for (unsigned k = 0; k < ix->n; k++) {
        /* Not tracuu_db_close: it commits, and a commit on the disk that
         * just failed can throw out of Xapian's destructor (SIGABRT). */
        tracuu_db_abandon(ix->shards[k]);
        ix->shards[k] = NULL;
    }
}

/* After the threads: remove what is gone, forget failures of files that
 * are gone, commit; then merge several shards into one. Returns the exit
 * status so far (0, or 1 reported). */
static int finish_index(run_t *r, tracuu_index_t *ix, const tracuu_walk_t *w)
{
    const tracuu_run_opts_t *o = r->o;
    int rc = 0;
    for (unsigned k = 0; rc == 0 && k < ix->n; k++) {
        shard_run_t *sh = &r->shards[k];
        if (!o->no_delete &&
            delete_unseen(sh->db, &sh->seen, w, &r->c.removed) != 0)
            rc = fatal_db(sh->db, o->db_path, "cannot remove documents");
        else if (prune_failures(sh->db) != TRACUU_OK)
            rc = fatal_db(sh->db, o->db_path, "cannot forget failures");
        else if (tracuu_db_commit(sh->db) != TRACUU_OK)
            rc = fatal_db(sh->db, o->db_path, "cannot commit");
    }
    if (rc == 0 && ix->n > 1) {
        /* One database takes less room than several (on 20,000 plans
         * 38% less) and numbers the documents in walk order; the merge
         * costs about 5% of a run that wrote two shards. */
        unsigned n = ix->n;
        char *msg = NULL;
        if (!o->quiet)
            printf(_("%s: merging %u shards\n"), prog, n);
        if (tracuu_index_merge(ix, &msg) != TRACUU_OK) {
            errorf(_("%s: %s; the index stays in %u shards, complete"
                     " (the next run merges them)\n"), prog, msg, n);
            free(msg);
            rc = 1;
        }
    }
    return rc;
}

static void print_summary(const counts_t *c, const tracuu_dups_found_t *d,
                          tracuu_summary_t *sum, double secs)
{
    double mb = (double)c->bytes / 1e6;
    printf(_("%s: %zu files seen, %zu indexed, %zu unchanged, %zu removed, "
             "%zu skipped or failed, %zu unsupported; %.2f MB in %.2f s "
             "(%.2f MB/s); %zu plans in several files (%zu files, %zu "
             "named now)\n"),
           prog, c->seen, c->indexed, c->unchanged, c->removed,
           c->skipped + c->failed + c->failed_before, c->unsupported, mb, secs,
           secs > 0 ? mb / secs : 0.0, d->groups, d->files, d->new_groups);
    if (c->failed_before)
        printf(_("%s: %zu files failed before and are unchanged "
                 "(--retry-failed reads them again)\n"),
               prog, c->failed_before);
    tracuu_summary_print(sum, stdout);
}

/* After a complete run: name the plans that gained a file (unless quiet),
 * count them into *d, and record their number in the first shard
 * (TRACUU_META_DUPS) for the readers. A failure is said; the index is
 * fine, the number stays unknown. */
static void report_dups(run_t *r, tracuu_index_t *ix, tracuu_dups_found_t *d)
{
    const tracuu_run_opts_t *o = r->o;
    if (tracuu_dups_report(&r->dups, o->db_path, o->quiet ? NULL : prog,
                           d) != 0)
        return;
    char n[32];
    snprintf(n, sizeof n, "%zu", d->groups);
    if (tracuu_db_set_metadata(ix->shards[0], TRACUU_META_DUPS, n) !=
            TRACUU_OK ||
        tracuu_db_commit(ix->shards[0]) != TRACUU_OK)
        errorf("%s: cannot record the duplicates: %s\n", prog,
               tracuu_db_last_error(ix->shards[0]));
}

/* Run the shard threads (one per shard at most: a shard has one writer). */
static void run_threads(run_t *r, unsigned jobs, unsigned n_shards)
{
    r->n_threads = jobs < n_shards ? jobs : n_shards;
    thread_arg_t *args = tracuu_xcalloc(r->n_threads, sizeof *args);
    pthread_t *tids = tracuu_xcalloc(r->n_threads, sizeof *tids);
    for (unsigned t = 0; t < r->n_threads; t++)
        args[t] = (thread_arg_t){r, t};
    if (r->n_threads == 1) {
        shard_thread(&args[0]);
    } else {
        for (unsigned t = 0; t < r->n_threads; t++)
            pthread_create(&tids[t], NULL, shard_thread, &args[t]);
        for (unsigned t = 0; t < r->n_threads; t++)
            pthread_join(tids[t], NULL);
    }
    free(args);
    free(tids);
}

int tracuu_run(const tracuu_run_opts_t *o)
{
    double t0 = now();
    if (check_roots(o) != 0)
        return 1;
    char *msg = NULL;
    tracuu_index_t *ix = NULL;
    unsigned jobs = o->jobs ? o->jobs : 1;
    if (tracuu_index_open_shards(o->db_path, jobs, &ix, &msg) != TRACUU_OK) {
        errorf("%s: %s\n", prog, msg);
        free(msg);
        return 1;
    }
    /* Unknown until this run ends complete (report_dups). */
    if (tracuu_db_set_metadata(ix->shards[0], TRACUU_META_DUPS, "") !=
        TRACUU_OK) {
        errorf("%s: %s\n", prog, tracuu_db_last_error(ix->shards[0]));
        tracuu_index_close(ix);
        return 1;
    }
    struct sigaction old_sa[2];
    stop_signal = 0;
    catch_stop_signals(old_sa);
    tracuu_walk_t w;
    run_t r = {.o = o, .w = &w};
    r.sum = tracuu_summary_new();
    pthread_mutex_init(&r.mu, NULL);
    pthread_mutex_init(&r.commit_mu, NULL);
    int rc = walk_and_plan(&r, ix, jobs, &w);
    r.run_ns = wall_ns();
    account_others(&r, &w);
    if (rc == 0) {
        r.pg = tracuu_progress_start(stdout, r.n_jobs, r.job_bytes, !o->quiet);
        run_threads(&r, jobs, ix->n);
        tracuu_progress_end(r.pg);
        rc = r.rc;
    }
    if (rc == 0 && !stop_signal)
        rc = finish_index(&r, ix, &w);
    tracuu_dups_found_t dups = {0, 0, 0};
    if (rc == 0 && !stop_signal)
        report_dups(&r, ix, &dups);
    if (rc)
        stop_writers(ix);
    counts_t c = r.c;
    free_shard_runs(&r);
    pthread_mutex_destroy(&r.mu);
    pthread_mutex_destroy(&r.commit_mu);
    tracuu_walk_free(&w);
    tracuu_index_close(ix);
    int sig = stop_signal;
    sigaction(SIGINT, &old_sa[0], NULL);
    sigaction(SIGTERM, &old_sa[1], NULL);
    if (sig) {
        errorf("%s: stopped by %s: %zu files indexed and kept, nothing "
               "removed; the next run does the rest\n", prog,
               sig == SIGINT ? "SIGINT" : "SIGTERM", c.indexed);
        tracuu_summary_free(r.sum);
        tracuu_dups_free(&r.dups);
        return 128 + sig;
    }
    tracuu_dups_free(&r.dups);
    if (!o->quiet && r.rc == 0)
        print_summary(&c, &dups, r.sum, now() - t0);
    tracuu_summary_free(r.sum);
    if (rc)
        return rc;
    return c.skipped + c.failed + c.failed_before ? 2 : 0;
}
