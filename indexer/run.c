/* run.c: the indexing pipeline, with analysing threads feeding one writer. */
#include "run.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "analysis.h"
#include "buf.h"
#include "index.h"
#include "progress.h"
#include "reader.h"
#include "record.h"
#include "schema.h"
#include "walk.h"

/* Commit after this many documents or bytes of text, whichever first:
 * a crash loses at most one batch. */
#define BATCH_DOCS 2000
#define BATCH_BYTES (64u << 20)
/* Documents analysed ahead of the writer, per thread. */
#define AHEAD_PER_JOB 8

static const char *prog = "tracuu-index";

typedef struct counts {
    size_t seen, indexed, unchanged, removed, skipped, failed;
    size_t failed_before;  /* not read again: failed before, unchanged */
    uint64_t bytes;
} counts_t;

/* Files that could not be indexed are remembered in the index's metadata
 * (as omindex does), under this prefix and the file's unique term, as
 * "<mtime hex> <size hex> <reason>\t<path>"; they are read again only
 * when they change, with --retry-failed, or with --ocr when the reason
 * asked for it. */
#define FAILED_KEY "tracuu.failed:"

/* One file to (re)index and, once analysed, its document. */
typedef struct job {
    const tracuu_walk_file_t *file;
    tracuu_doc_t *doc;
    char *uid;
    unsigned old_docid;    /* the stale document of a changed file, or 0 */
    bool failed_before;    /* a failure is remembered for this file */
    tracuu_read_status_t rs;
    char *reason;
    const char *format;    /* static, from the reader */
    char *encoding;
    size_t bytes;
    bool ready;
} job_t;

typedef struct pipeline {
    bool ocr;
    job_t *jobs;
    size_t n;
    size_t next_take;     /* next job a worker takes */
    size_t next_write;    /* next job the writer consumes */
    size_t window;
    bool stop;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} pipeline_t;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void warn_walk(void *ctx, const char *path, const char *reason)
{
    (void)ctx;
    fprintf(stderr, "%s: %s: skipped: %s\n", prog, path, reason);
}

/* Read, analyse and build the document of one job (any thread). */
static void prepare(tracuu_analyzer_t *a, job_t *j, bool ocr)
{
    tracuu_read_result_t r;
    tracuu_read_opts_t ro = {.ocr = ocr};
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
    tracuu_file_info_t info = {j->file->path, j->file->mtime, j->file->size,
                               r.format, r.encoding,
                               !r.format || strcmp(r.format, "txt") != 0};
    if (st == TRACUU_OK)
        st = tracuu_record_build(a, &an, &info, j->uid, &j->doc);
    if (st != TRACUU_OK) {
        j->rs = TRACUU_READ_FAIL;
        tracuu_buf_t b = {0};
        tracuu_buf_printf(&b, "cannot analyse: %s", tracuu_status_str(st));
        j->reason = tracuu_buf_steal(&b);
    }
    tracuu_analysis_free(&an);
    tracuu_read_result_free(&r);
}

static void *worker(void *arg)
{
    pipeline_t *p = arg;
    tracuu_analyzer_t *a = NULL;
    if (tracuu_analyzer_new(&a) != TRACUU_OK)
        a = NULL;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->next_take < p->n &&
               p->next_take >= p->next_write + p->window)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->stop || p->next_take >= p->n)
            break;
        job_t *j = &p->jobs[p->next_take++];
        pthread_mutex_unlock(&p->mu);
        if (a) {
            prepare(a, j, p->ocr);
        } else {
            j->rs = TRACUU_READ_FAIL;
            j->reason = tracuu_xstrdup("cannot open ICU's word breaker");
        }
        pthread_mutex_lock(&p->mu);
        j->ready = true;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    tracuu_analyzer_free(a);
    return NULL;
}

/* Wait for job i to be analysed (threaded runs). */
static job_t *wait_job(pipeline_t *p, size_t i)
{
    pthread_mutex_lock(&p->mu);
    while (!p->jobs[i].ready)
        pthread_cond_wait(&p->cv, &p->mu);
    pthread_mutex_unlock(&p->mu);
    return &p->jobs[i];
}

static void release_job(pipeline_t *p, size_t i)
{
    pthread_mutex_lock(&p->mu);
    p->next_write = i + 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
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

/* Is the stored document for file up to date? */
static bool unchanged(tracuu_db_t *db, unsigned docid,
                      const tracuu_walk_file_t *f)
{
    char *mt = NULL, *sz = NULL;
    size_t n1 = 0, n2 = 0;
    char want_mt[17], want_sz[17];
    tracuu_record_hex((uint64_t)f->mtime, want_mt);
    tracuu_record_hex(f->size, want_sz);
    bool same = tracuu_db_get_value(db, docid, TRACUU_SLOT_MTIME, &mt, &n1) ==
                    TRACUU_OK &&
                tracuu_db_get_value(db, docid, TRACUU_SLOT_SIZE, &sz, &n2) ==
                    TRACUU_OK &&
                strcmp(mt, want_mt) == 0 && strcmp(sz, want_sz) == 0;
    free(mt);
    free(sz);
    return same;
}

/* Delete documents not seen in this run whose file is gone or lies
 * under a root walked now. Returns -1 on an index error. */
static int delete_unseen(tracuu_db_t *db, seen_t *seen, const tracuu_walk_t *w,
                         counts_t *c)
{
    unsigned *ids = NULL;
    size_t n = 0;
    if (tracuu_db_all_docids(db, &ids, &n) != TRACUU_OK)
        return -1;
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
        if (gone || tracuu_walk_under_roots(w, path)) {
            if (tracuu_db_delete(db, ids[i]) != TRACUU_OK)
                rc = -1;
            else
                c->removed++;
        }
        free(path);
    }
    free(ids);
    return rc;
}

static int fatal_db(tracuu_db_t *db, const char *path, const char *what)
{
    fprintf(stderr, "%s: %s: %s: %s\n", prog, path, what,
            tracuu_db_last_error(db));
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
        char want[40];
        char mt[17], sz[17];
        tracuu_record_hex((uint64_t)f->mtime, mt);
        tracuu_record_hex(f->size, sz);
        snprintf(want, sizeof want, "%s %s ", mt, sz);
        if (strncmp(v, want, strlen(want)) == 0) {
            const char *r = v + strlen(want);
            const char *tab = strchr(r, '\t');
            reason = tracuu_xstrndup(r, tab ? (size_t)(tab - r) : strlen(r));
        }
    }
    free(v);
    tracuu_buf_free(&key);
    return reason;
}

static tracuu_status_t remember_failure(tracuu_db_t *db, const job_t *j)
{
    tracuu_buf_t key = {0}, v = {0};
    failed_key(j->uid, &key);
    char mt[17], sz[17];
    tracuu_record_hex((uint64_t)j->file->mtime, mt);
    tracuu_record_hex(j->file->size, sz);
    tracuu_buf_printf(&v, "%s %s %s\t%s", mt, sz,
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
    tracuu_buf_t m = {0};
    tracuu_buf_printf(&m, "%s: %s: %s: %s", prog, path, what, reason);
    tracuu_progress_message(pg, stderr, m.s);
    tracuu_buf_free(&m);
}

typedef struct out {
    counts_t *c;
    seen_t *seen;
    tracuu_summary_t *sum;
    tracuu_progress_t *pg;
} out_t;

/* Write the analysed jobs in order, committing in batches. */
static int write_jobs(const tracuu_run_opts_t *o, tracuu_db_t *db,
                      pipeline_t *p, bool threaded, tracuu_analyzer_t *a,
                      out_t *out)
{
    counts_t *c = out->c;
    size_t batch_docs = 0;
    uint64_t batch_bytes = 0, done_bytes = 0;
    for (size_t i = 0; i < p->n; i++) {
        job_t *j = threaded ? wait_job(p, i) : &p->jobs[i];
        if (!threaded)
            prepare(a, j, o->ocr);
        tracuu_status_t st = TRACUU_OK;
        if (j->rs == TRACUU_READ_OK) {
            unsigned id = 0;
            st = tracuu_db_replace(db, j->uid, j->doc, &id);
            if (st == TRACUU_OK && j->failed_before)
                st = forget_failure(db, j->uid);
            if (st != TRACUU_OK)
                return fatal_db(db, o->db_path, "cannot add a document");
            seen_add(out->seen, id);
            c->indexed++;
            c->bytes += j->bytes;
            batch_docs++;
            batch_bytes += j->bytes;
            tracuu_summary_add(out->sum, j->format, TRACUU_OUTCOME_INDEXED, NULL);
            if (o->verbose) {
                tracuu_buf_t m = {0};
                tracuu_buf_printf(&m, "indexed %s (%s, %s)", j->file->path,
                                  j->format, j->encoding ? j->encoding : "?");
                tracuu_progress_message(out->pg, stdout, m.s);
                tracuu_buf_free(&m);
            }
        } else {
            bool skip = j->rs == TRACUU_READ_SKIP;
            *(skip ? &c->skipped : &c->failed) += 1;
            const char *why = j->reason ? j->reason : "unknown reason";
            warn(out->pg, j->file->path, skip ? "skipped" : "failed", why);
            tracuu_summary_add(out->sum, j->format,
                               skip ? TRACUU_OUTCOME_SKIPPED : TRACUU_OUTCOME_FAILED,
                               why);
            /* A changed file that no longer reads keeps its last good
             * document: nothing indexed is lost to a bad copy. */
            if (j->old_docid)
                seen_add(out->seen, j->old_docid);
            if (remember_failure(db, j) != TRACUU_OK)
                return fatal_db(db, o->db_path, "cannot remember a failure");
        }
        done_bytes += j->file->size;
        tracuu_progress_update(out->pg, i + 1, done_bytes, j->file->path);
        tracuu_doc_free(j->doc);
        j->doc = NULL;
        if (threaded)
            release_job(p, i);
        if (batch_docs >= BATCH_DOCS || batch_bytes >= BATCH_BYTES) {
            if (tracuu_db_commit(db) != TRACUU_OK)
                return fatal_db(db, o->db_path, "cannot commit");
            batch_docs = 0;
            batch_bytes = 0;
        }
    }
    return 0;
}

/* Split the walked files into unchanged ones, remembered failures and
 * jobs. */
static job_t *plan_jobs(const tracuu_run_opts_t *o, tracuu_db_t *db,
                        const tracuu_walk_t *w, out_t *out, size_t *n_jobs,
                        uint64_t *job_bytes)
{
    counts_t *c = out->c;
    job_t *jobs = tracuu_xcalloc(w->n + 1, sizeof *jobs);
    size_t n = 0;
    *job_bytes = 0;
    tracuu_buf_t uid = {0};
    for (size_t i = 0; i < w->n; i++) {
        const tracuu_walk_file_t *f = &w->files[i];
        c->seen++;
        tracuu_buf_clear(&uid);
        tracuu_record_uid(f->path, &uid);
        unsigned docid = 0;
        bool found = tracuu_db_lookup(db, uid.s, &docid) == TRACUU_OK;
        if (found && unchanged(db, docid, f)) {
            seen_add(out->seen, docid);
            c->unchanged++;
            tracuu_summary_add(out->sum, tracuu_read_format_name(f->path),
                               TRACUU_OUTCOME_UNCHANGED, NULL);
            continue;
        }
        bool remembered = false;
        char *reason = failed_before(db, uid.s, f, &remembered);
        bool retry = o->retry_failed || (o->ocr && reason && strstr(reason, "--ocr"));
        if (reason && !retry) {
            if (found)
                seen_add(out->seen, docid);
            c->failed_before++;
            tracuu_buf_t why = {0};
            tracuu_buf_printf(&why, "failed before: %s (--retry-failed)", reason);
            tracuu_summary_add(out->sum, tracuu_read_format_name(f->path),
                               TRACUU_OUTCOME_SKIPPED, why.s);
            if (o->verbose)
                warn(NULL, f->path, "skipped", why.s);
            tracuu_buf_free(&why);
            free(reason);
            continue;
        }
        free(reason);
        jobs[n].file = f;
        jobs[n].uid = tracuu_xstrndup(uid.s, uid.len);
        jobs[n].old_docid = found ? docid : 0;
        jobs[n].failed_before = remembered;
        *job_bytes += f->size;
        n++;
    }
    tracuu_buf_free(&uid);
    *n_jobs = n;
    return jobs;
}

int tracuu_run(const tracuu_run_opts_t *o)
{
    double t0 = now();
    char *msg = NULL;
    tracuu_db_t *db = NULL;
    if (tracuu_index_open(o->db_path, TRACUU_DB_WRITE, &db, &msg) != TRACUU_OK) {
        fprintf(stderr, "%s: %s\n", prog, msg);
        free(msg);
        return 1;
    }
    tracuu_walk_t w;
    tracuu_walk(o->paths, o->n_paths, &w, warn_walk, NULL);
    counts_t c = {0};
    c.skipped = w.n_problems;
    seen_t seen = {0};
    pipeline_t p = {0};
    p.ocr = o->ocr;
    out_t out = {&c, &seen, tracuu_summary_new(), NULL};
    uint64_t job_bytes = 0;
    p.jobs = plan_jobs(o, db, &w, &out, &p.n, &job_bytes);
    out.pg = tracuu_progress_start(stdout, p.n, job_bytes, !o->quiet);
    unsigned jobs = o->jobs ? o->jobs : 1;
    bool threaded = jobs > 1 && p.n > 1;
    p.window = (size_t)jobs * AHEAD_PER_JOB;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    pthread_t *tids = tracuu_xcalloc(jobs, sizeof *tids);
    tracuu_analyzer_t *a = NULL;
    int rc = 0;
    if (threaded) {
        for (unsigned i = 0; i < jobs; i++)
            pthread_create(&tids[i], NULL, worker, &p);
    } else if (tracuu_analyzer_new(&a) != TRACUU_OK) {
        fprintf(stderr, "%s: cannot open ICU's word breaker\n", prog);
        rc = 1;
    }
    if (rc == 0)
        rc = write_jobs(o, db, &p, threaded, a, &out);
    tracuu_progress_end(out.pg);
    if (threaded) {
        pthread_mutex_lock(&p.mu);
        p.stop = true;
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
        for (unsigned i = 0; i < jobs; i++)
            pthread_join(tids[i], NULL);
    }
    if (rc == 0 && !o->no_delete && delete_unseen(db, &seen, &w, &c) != 0)
        rc = fatal_db(db, o->db_path, "cannot remove documents");
    if (rc == 0 && prune_failures(db) != TRACUU_OK)
        rc = fatal_db(db, o->db_path, "cannot forget failures");
    if (rc == 0 && tracuu_db_commit(db) != TRACUU_OK)
        rc = fatal_db(db, o->db_path, "cannot commit");
    for (size_t i = 0; i < p.n; i++) {
        tracuu_doc_free(p.jobs[i].doc);
        free(p.jobs[i].uid);
        free(p.jobs[i].reason);
        free(p.jobs[i].encoding);
    }
    free(p.jobs);
    free(tids);
    free(seen.ids);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    tracuu_analyzer_free(a);
    tracuu_walk_free(&w);
    tracuu_db_close(db);
    double secs = now() - t0;
    if (!o->quiet && rc != 1) {
        double mb = (double)c.bytes / 1e6;
        printf("%s: %zu files seen, %zu indexed, %zu unchanged, %zu removed, "
               "%zu skipped or failed; %.2f MB in %.2f s (%.2f MB/s)\n",
               prog, c.seen, c.indexed, c.unchanged, c.removed,
               c.skipped + c.failed + c.failed_before, mb, secs,
               secs > 0 ? mb / secs : 0.0);
        if (c.failed_before)
            printf("%s: %zu files failed before and are unchanged "
                   "(--retry-failed reads them again)\n", prog, c.failed_before);
        tracuu_summary_print(out.sum, stdout);
    }
    tracuu_summary_free(out.sum);
    if (rc)
        return rc;
    return c.skipped + c.failed + c.failed_before ? 2 : 0;
}
