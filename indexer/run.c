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
    uint64_t bytes;
} counts_t;

/* One file to (re)index and, once analysed, its document. */
typedef struct job {
    const tracuu_walk_file_t *file;
    tracuu_doc_t *doc;
    char *uid;
    tracuu_read_status_t rs;
    char *reason;
    size_t bytes;
    bool ready;
} job_t;

typedef struct pipeline {
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
static void prepare(tracuu_analyzer_t *a, job_t *j)
{
    tracuu_read_result_t r;
    j->rs = tracuu_read_file(j->file->path, &r);
    if (j->rs != TRACUU_READ_OK) {
        j->reason = r.reason;
        r.reason = NULL;
        tracuu_read_result_free(&r);
        return;
    }
    j->bytes = r.len;
    tracuu_analysis_t an;
    tracuu_status_t st = tracuu_analyze(a, r.text, r.len,
                                        TRACUU_ANALYZE_DOCUMENT, &an);
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
            prepare(a, j);
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

/* Write the analysed jobs in order, committing in batches. */
static int write_jobs(const tracuu_run_opts_t *o, tracuu_db_t *db,
                      pipeline_t *p, bool threaded, tracuu_analyzer_t *a,
                      seen_t *seen, counts_t *c)
{
    size_t batch_docs = 0;
    uint64_t batch_bytes = 0;
    for (size_t i = 0; i < p->n; i++) {
        job_t *j = threaded ? wait_job(p, i) : &p->jobs[i];
        if (!threaded)
            prepare(a, j);
        if (j->rs == TRACUU_READ_OK) {
            unsigned id = 0;
            if (tracuu_db_replace(db, j->uid, j->doc, &id) != TRACUU_OK)
                return fatal_db(db, o->db_path, "cannot add a document");
            seen_add(seen, id);
            c->indexed++;
            c->bytes += j->bytes;
            batch_docs++;
            batch_bytes += j->bytes;
            if (o->verbose)
                printf("indexed %s\n", j->file->path);
        } else {
            if (j->rs == TRACUU_READ_SKIP)
                c->skipped++;
            else
                c->failed++;
            fprintf(stderr, "%s: %s: %s: %s\n", prog, j->file->path,
                    j->rs == TRACUU_READ_SKIP ? "skipped" : "failed",
                    j->reason ? j->reason : "unknown reason");
        }
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

/* Split the walked files into unchanged ones and jobs. */
static job_t *plan_jobs(tracuu_db_t *db, const tracuu_walk_t *w, seen_t *seen,
                        counts_t *c, size_t *n_jobs)
{
    job_t *jobs = tracuu_xcalloc(w->n + 1, sizeof *jobs);
    size_t n = 0;
    tracuu_buf_t uid = {0};
    for (size_t i = 0; i < w->n; i++) {
        const tracuu_walk_file_t *f = &w->files[i];
        c->seen++;
        tracuu_buf_clear(&uid);
        tracuu_record_uid(f->path, &uid);
        unsigned docid = 0;
        if (tracuu_db_lookup(db, uid.s, &docid) == TRACUU_OK &&
            unchanged(db, docid, f)) {
            seen_add(seen, docid);
            c->unchanged++;
            continue;
        }
        jobs[n].file = f;
        jobs[n].uid = tracuu_xstrndup(uid.s, uid.len);
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
    p.jobs = plan_jobs(db, &w, &seen, &c, &p.n);
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
        rc = write_jobs(o, db, &p, threaded, a, &seen, &c);
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
    if (rc == 0 && tracuu_db_commit(db) != TRACUU_OK)
        rc = fatal_db(db, o->db_path, "cannot commit");
    for (size_t i = 0; i < p.n; i++) {
        tracuu_doc_free(p.jobs[i].doc);
        free(p.jobs[i].uid);
        free(p.jobs[i].reason);
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
               c.skipped + c.failed, mb, secs, secs > 0 ? mb / secs : 0.0);
    }
    if (rc)
        return rc;
    return c.skipped + c.failed ? 2 : 0;
}
