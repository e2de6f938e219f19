/* facets.c: the page asks every list of the whole index (q=*: its
 * facets) on each load, and each scans the whole index; the answers are
 * kept here, one set per server, for the index's revision: a commit of
 * the indexer changes the revision and drops them. Lists of a query are
 * not kept. The worker threads share the set under one lock. */
#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "serve.h"

#define FACETS_MAX 64 /* answers kept: the lists times a few limits */

typedef struct facet {
    char *key;
    char *body;
    size_t len;
} facet_t;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *kept_rev; /* the revision of every kept answer */
static facet_t kept[FACETS_MAX];
static size_t n_kept;

/* file's inode, size, modification and change times into b ("-" when
 * it is missing). */
static void stamp(tracuu_buf_t *b, const char *file)
{
    struct stat st;
    if (stat(file, &st) != 0) {
        tracuu_buf_printf(b, "%s -\n", file);
        return;
    }
    tracuu_buf_printf(b, "%s %ju %jd %jd.%09ld %jd.%09ld\n", file,
                      (uintmax_t)st.st_ino, (intmax_t)st.st_size,
                      (intmax_t)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                      (intmax_t)st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *serve_index_revision(void)
{
    tracuu_buf_t b = {0}, p = {0};
    tracuu_buf_printf(&p, "%s/XAPIANDB", serve_index_path);
    stamp(&b, p.s);
    char **names = NULL;
    size_t n = 0;
    DIR *d = opendir(serve_index_path);
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        names = tracuu_xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = tracuu_xstrdup(e->d_name);
    }
    if (d)
        closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    /* The one database of an index before shards, and each shard's. */
    p.len = 0;
    tracuu_buf_printf(&p, "%s/iamglass", serve_index_path);
    stamp(&b, p.s);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        p.len = 0;
        tracuu_buf_printf(&p, "%s/%s/iamglass", serve_index_path, names[i]);
        if (stat(p.s, &st) == 0)
            stamp(&b, p.s);
        free(names[i]);
    }
    free(names);
    tracuu_buf_free(&p);
    return b.s ? b.s : tracuu_xstrdup("");
}

/* Drop every kept answer (lock held). */
static void drop_all(void)
{
    for (size_t i = 0; i < n_kept; i++) {
        free(kept[i].key);
        free(kept[i].body);
    }
    n_kept = 0;
    free(kept_rev);
    kept_rev = NULL;
}

bool serve_facets_get(const char *rev, const char *key, char **body,
                      size_t *len)
{
    bool found = false;
    *body = NULL;
    *len = 0;
    pthread_mutex_lock(&lock);
    if (kept_rev && strcmp(kept_rev, rev) != 0)
        drop_all();
    for (size_t i = 0; kept_rev && i < n_kept && !found; i++)
        if (strcmp(kept[i].key, key) == 0) {
            *body = tracuu_xmalloc(kept[i].len + 1);
            memcpy(*body, kept[i].body, kept[i].len);
            *len = kept[i].len;
            found = true;
        }
    pthread_mutex_unlock(&lock);
    return found;
}

void serve_facets_put(const char *rev, const char *key, const char *body,
                      size_t len)
{
    pthread_mutex_lock(&lock);
    if (kept_rev && strcmp(kept_rev, rev) != 0)
        drop_all();
    bool have = false;
    for (size_t i = 0; i < n_kept && !have; i++)
        have = strcmp(kept[i].key, key) == 0;
    if (!have && n_kept < FACETS_MAX) {
        if (!kept_rev)
            kept_rev = tracuu_xstrdup(rev);
        kept[n_kept].key = tracuu_xstrdup(key);
        kept[n_kept].body = tracuu_xmalloc(len + 1);
        memcpy(kept[n_kept].body, body, len);
        kept[n_kept++].len = len;
    }
    pthread_mutex_unlock(&lock);
}
