/* index.c: index location, creation and schema version check. */
#include "index.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "schema.h"

char *tracuu_index_path(const char *opt)
{
    if (opt && *opt)
        return tracuu_xstrdup(opt);
    const char *env = getenv("TRACUU_DB");
    if (env && *env)
        return tracuu_xstrdup(env);
    tracuu_buf_t b = {0};
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg == '/')
        tracuu_buf_printf(&b, "%s/tracuu/index", xdg);
    else if (home && *home)
        tracuu_buf_printf(&b, "%s/.local/share/tracuu/index", home);
    else
        return NULL;
    return tracuu_buf_steal(&b);
}

/* mkdir -p of the parents of path. */
static int make_parents(const char *path)
{
    char *p = tracuu_xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

static char *message(const char *path, const char *what, const char *detail)
{
    tracuu_buf_t b = {0};
    tracuu_buf_printf(&b, "%s: %s", path, what);
    if (detail && *detail)
        tracuu_buf_printf(&b, " (%s)", detail);
    return tracuu_buf_steal(&b);
}

tracuu_status_t tracuu_index_open(const char *path, tracuu_db_mode_t mode,
                                  tracuu_db_t **out, char **msg)
{
    *out = NULL;
    *msg = NULL;
    struct stat st_path;
    if (mode == TRACUU_DB_READ && stat(path, &st_path) != 0) {
        *msg = message(path, "no index here (run tracuu-index first)", NULL);
        return TRACUU_ERR_DB_OPENING;
    }
    if (mode == TRACUU_DB_WRITE && make_parents(path) != 0) {
        *msg = message(path, "cannot create the index directory",
                       strerror(errno));
        return TRACUU_ERR_IO;
    }
    tracuu_db_t *db = NULL;
    char *detail = NULL;
    tracuu_status_t st = tracuu_db_open(path, mode, &db, &detail);
    if (st == TRACUU_ERR_DB_OPENING && mode == TRACUU_DB_READ) {
        /* The stub was read just before a merge removed the shards it
         * listed: the new stub lists the merged one. */
        free(detail);
        detail = NULL;
        st = tracuu_db_open(path, mode, &db, &detail);
    }
    if (st != TRACUU_OK) {
        const char *what = st == TRACUU_ERR_DB_LOCKED
                               ? "another tracuu-index is writing this index"
                               : tracuu_status_str(st);
        *msg = message(path, what, detail);
        free(detail);
        return st;
    }
    char *version = NULL;
    unsigned count = 0;
    st = tracuu_db_get_metadata(db, TRACUU_META_SCHEMA, &version);
    if (st == TRACUU_OK)
        st = tracuu_db_doccount(db, &count);
    if (st != TRACUU_OK) {
        *msg = message(path, tracuu_status_str(st), tracuu_db_last_error(db));
    } else if (*version == '\0' && count == 0 && mode == TRACUU_DB_WRITE) {
        st = tracuu_db_set_metadata(db, TRACUU_META_SCHEMA,
                                    TRACUU_SCHEMA_VERSION);
        if (st == TRACUU_OK)
            st = tracuu_db_commit(db);
        if (st != TRACUU_OK)
            *msg = message(path, tracuu_status_str(st),
                           tracuu_db_last_error(db));
    } else if (strcmp(version, TRACUU_SCHEMA_VERSION) != 0) {
        tracuu_buf_t b = {0};
        tracuu_buf_printf(&b,
                          "index schema version %s, this program needs %s; "
                          "re-index: remove the index and run tracuu-index again",
                          *version ? version : "(none)", TRACUU_SCHEMA_VERSION);
        *msg = message(path, "index of another version", b.s);
        tracuu_buf_free(&b);
        st = TRACUU_ERR_DB_VERSION;
    }
    free(version);
    if (st != TRACUU_OK) {
        tracuu_db_close(db);
        return st;
    }
    *out = db;
    return TRACUU_OK;
}

#define STUB "XAPIANDB"
/* Where a merge writes before its database is renamed into place. */
#define MERGE_TMP "merge.tmp"

/* The shard names a stub file lists, at most TRACUU_MAX_SHARDS. */
static unsigned read_stub(const char *stub, char names[][64])
{
    FILE *f = fopen(stub, "r");
    if (!f)
        return 0;
    unsigned n = 0;
    char line[256], backend[32], name[64];
    while (n < TRACUU_MAX_SHARDS && fgets(line, sizeof line, f))
        if (sscanf(line, "%31s %63s", backend, name) == 2)
            snprintf(names[n++], 64, "%s", name);
    fclose(f);
    return n;
}

/* Write the stub listing the n shards names, atomically. */
static int write_stub(const char *path, char names[][64], unsigned n)
{
    tracuu_buf_t tmp = {0}, dst = {0};
    tracuu_buf_printf(&tmp, "%s/%s.tmp", path, STUB);
    tracuu_buf_printf(&dst, "%s/%s", path, STUB);
    FILE *f = fopen(tmp.s, "w");
    int rc = -1;
    if (f) {
        for (unsigned i = 0; i < n; i++)
            fprintf(f, "auto %s\n", names[i]);
        rc = fflush(f) == 0 && fsync(fileno(f)) == 0 ? 0 : -1;
        rc |= fclose(f);
        if (rc == 0)
            rc = rename(tmp.s, dst.s);
    }
    tracuu_buf_free(&tmp);
    tracuu_buf_free(&dst);
    return rc;
}

/* Remove a database directory (a Xapian database has no subdirectories).
 * Returns -1 when something stays. */
static int remove_db_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? 0 : -1;
    int rc = 0;
    tracuu_buf_t p = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        tracuu_buf_clear(&p);
        tracuu_buf_printf(&p, "%s/%s", dir, e->d_name);
        if (unlink(p.s) != 0)
            rc = -1;
    }
    closedir(d);
    tracuu_buf_free(&p);
    if (rmdir(dir) != 0)
        rc = -1;
    return rc;
}

/* A shard name neither listed nor on disk (a directory left by a run that
 * died is never reused: it may hold documents merged away since), in
 * name. Returns -1 when none is found. */
static int unused_name(const tracuu_index_t *ix, char name[64])
{
    tracuu_buf_t p = {0};
    int rc = -1;
    for (unsigned i = 0; i < 10000 && rc != 0; i++) {
        snprintf(name, 64, "shard-%u", i);
        bool listed = false;
        for (unsigned k = 0; k < ix->n && !listed; k++)
            listed = strcmp(ix->names[k], name) == 0;
        if (listed)
            continue;
        tracuu_buf_clear(&p);
        tracuu_buf_printf(&p, "%s/%s", ix->path, name);
        struct stat st;
        if (lstat(p.s, &st) != 0 && errno == ENOENT)
            rc = 0;
    }
    tracuu_buf_free(&p);
    return rc;
}

/* Remove what runs that died left in the index directory: shards the
 * stub does not list (a merge's copy renamed but never listed, or shards
 * merged but not yet removed) and an unfinished merge. Only a writer that
 * holds the lock of every listed shard calls this: another run would have
 * to hold them to write anything. */
static void remove_unlisted(const tracuu_index_t *ix)
{
    DIR *d = opendir(ix->path);
    if (!d)
        return;
    tracuu_buf_t p = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *nm = e->d_name;
        bool shard = strncmp(nm, "shard-", 6) == 0 && nm[6] &&
                     strspn(nm + 6, "0123456789") == strlen(nm + 6);
        bool ours = shard || strcmp(nm, MERGE_TMP) == 0;
        for (unsigned k = 0; k < ix->n && ours; k++)
            ours = strcmp(ix->names[k], nm) != 0;
        if (!ours)
            continue;
        struct stat st;
        if (shard) {
            /* Only a Xapian database of ours, nothing else of that name. */
            tracuu_buf_clear(&p);
            tracuu_buf_printf(&p, "%s/%s/iamglass", ix->path, nm);
            if (stat(p.s, &st) != 0)
                continue;
        }
        tracuu_buf_clear(&p);
        tracuu_buf_printf(&p, "%s/%s", ix->path, nm);
        remove_db_dir(p.s);
    }
    closedir(d);
    tracuu_buf_free(&p);
}

void tracuu_index_close(tracuu_index_t *ix)
{
    if (!ix)
        return;
    for (unsigned i = 0; i < ix->n; i++)
        tracuu_db_close(ix->shards[i]);
    free(ix->path);
    free(ix);
}

/* Open shard name of ix for writing. */
static tracuu_status_t open_shard(const tracuu_index_t *ix, const char *name,
                                  tracuu_db_t **out, char **msg)
{
    tracuu_buf_t p = {0};
    if (ix->single)
        tracuu_buf_puts(&p, ix->path);
    else
        tracuu_buf_printf(&p, "%s/%s", ix->path, name);
    tracuu_status_t st = tracuu_index_open(p.s, TRACUU_DB_WRITE, out, msg);
    tracuu_buf_free(&p);
    if (st == TRACUU_ERR_DB_LOCKED) {
        /* Name the index, not the shard the user never chose. */
        free(*msg);
        *msg = message(ix->path, "another tracuu-index is writing this index;"
                                 " try again when it has finished", NULL);
    }
    return st;
}

tracuu_status_t tracuu_index_open_shards(const char *path, unsigned want,
                                         tracuu_index_t **out, char **msg)
{
    *out = NULL;
    *msg = NULL;
    tracuu_index_t *ix = tracuu_xcalloc(1, sizeof *ix);
    ix->path = tracuu_xstrdup(path);
    char names[TRACUU_MAX_SHARDS][64];
    tracuu_buf_t p = {0};
    tracuu_buf_printf(&p, "%s/%s", path, STUB);
    unsigned n = read_stub(p.s, names);
    bool create = false;
    if (n == 0) {
        tracuu_buf_clear(&p);
        tracuu_buf_printf(&p, "%s/iamglass", path);
        struct stat st;
        ix->single = stat(p.s, &st) == 0; /* one database, made before shards */
        if (!ix->single) {
            create = true;
            n = want < 1 ? 1 : want > TRACUU_MAX_SHARDS ? TRACUU_MAX_SHARDS : want;
            /* Shards a run that died before writing the stub left. */
            for (unsigned i = n; i < TRACUU_MAX_SHARDS; i++) {
                tracuu_buf_clear(&p);
                tracuu_buf_printf(&p, "%s/shard-%u", path, i);
                if (stat(p.s, &st) == 0)
                    n = i + 1;
            }
            for (unsigned i = 0; i < n; i++)
                snprintf(names[i], 64, "shard-%u", i);
        } else {
            n = 1;
            snprintf(names[0], 64, ".");
        }
    }
    tracuu_buf_free(&p);
    tracuu_status_t st = TRACUU_OK;
    for (unsigned i = 0; i < n && st == TRACUU_OK; i++) {
        st = open_shard(ix, names[i], &ix->shards[i], msg);
        if (st == TRACUU_OK) {
            memcpy(ix->names[i], names[i], 64);
            ix->n = i + 1;
        }
    }
    if (st == TRACUU_OK && create && write_stub(path, ix->names, n) != 0) {
        *msg = message(path, "cannot write the index's shard list",
                       strerror(errno));
        st = TRACUU_ERR_IO;
    }
    if (st != TRACUU_OK) {
        tracuu_index_close(ix);
        return st;
    }
    if (!ix->single)
        remove_unlisted(ix);
    *out = ix;
    return TRACUU_OK;
}

tracuu_status_t tracuu_index_grow(tracuu_index_t *ix, unsigned want,
                                  char **msg)
{
    *msg = NULL;
    if (ix->single)
        return TRACUU_OK;
    if (want > TRACUU_MAX_SHARDS)
        want = TRACUU_MAX_SHARDS;
    unsigned old = ix->n;
    tracuu_status_t st = TRACUU_OK;
    while (ix->n < want && st == TRACUU_OK) {
        char name[64];
        if (unused_name(ix, name) != 0) {
            *msg = message(ix->path, "cannot name a new shard", NULL);
            st = TRACUU_ERR_IO;
        } else {
            st = open_shard(ix, name, &ix->shards[ix->n], msg);
        }
        if (st == TRACUU_OK)
            memcpy(ix->names[ix->n++], name, 64);
    }
    if (st == TRACUU_OK && ix->n > old && write_stub(ix->path, ix->names, ix->n) != 0) {
        *msg = message(ix->path, "cannot write the index's shard list",
                       strerror(errno));
        st = TRACUU_ERR_IO;
    }
    if (st != TRACUU_OK) {
        /* The new shards are empty and listed nowhere: take them away. */
        tracuu_buf_t p = {0};
        for (unsigned i = old; i < ix->n; i++) {
            tracuu_db_close(ix->shards[i]);
            ix->shards[i] = NULL;
            tracuu_buf_clear(&p);
            tracuu_buf_printf(&p, "%s/%s", ix->path, ix->names[i]);
            remove_db_dir(p.s);
        }
        tracuu_buf_free(&p);
        ix->n = old;
    }
    return st;
}

tracuu_status_t tracuu_index_merge(tracuu_index_t *ix, char **msg)
{
    *msg = NULL;
    if (ix->single || ix->n < 2)
        return TRACUU_OK;
    tracuu_buf_t tmp = {0}, dst = {0};
    tracuu_buf_printf(&tmp, "%s/%s", ix->path, MERGE_TMP);
    tracuu_status_t st = TRACUU_OK;
    char name[64];
    /* What a merge that died left. */
    if (remove_db_dir(tmp.s) != 0) {
        *msg = message(ix->path, "cannot remove an unfinished merge",
                       strerror(errno));
        st = TRACUU_ERR_IO;
    } else if (unused_name(ix, name) != 0) {
        *msg = message(ix->path, "cannot name the merged shard", NULL);
        st = TRACUU_ERR_IO;
    }
    char *srcs[TRACUU_MAX_SHARDS] = {0};
    for (unsigned i = 0; st == TRACUU_OK && i < ix->n; i++) {
        tracuu_buf_t p = {0};
        tracuu_buf_printf(&p, "%s/%s", ix->path, ix->names[i]);
        srcs[i] = tracuu_buf_steal(&p);
    }
    if (st == TRACUU_OK) {
        char *detail = NULL;
        st = tracuu_db_compact((const char *const *)srcs, ix->n, tmp.s, &detail);
        if (st != TRACUU_OK) {
            *msg = message(ix->path, "cannot merge the shards", detail);
            remove_db_dir(tmp.s);
        }
        free(detail);
    }
    tracuu_db_t *merged = NULL;
    if (st == TRACUU_OK) {
        tracuu_buf_printf(&dst, "%s/%s", ix->path, name);
        if (rename(tmp.s, dst.s) != 0) {
            *msg = message(ix->path, "cannot rename the merged shard",
                           strerror(errno));
            remove_db_dir(tmp.s);
            st = TRACUU_ERR_IO;
        }
    }
    /* Hold the merged shard's lock before readers and writers are sent
     * to it, so no other run writes it while the old shards go. */
    if (st == TRACUU_OK && (st = open_shard(ix, name, &merged, msg)) != TRACUU_OK)
        remove_db_dir(dst.s);
    char list[1][64];
    memcpy(list[0], name, 64);
    if (st == TRACUU_OK && write_stub(ix->path, list, 1) != 0) {
        *msg = message(ix->path, "cannot write the index's shard list",
                       strerror(errno));
        tracuu_db_close(merged);
        remove_db_dir(dst.s);
        st = TRACUU_ERR_IO;
    }
    if (st == TRACUU_OK) {
        for (unsigned i = 0; i < ix->n; i++)
            tracuu_db_close(ix->shards[i]);
        ix->shards[0] = merged;
        memcpy(ix->names[0], name, 64);
        ix->n = 1;
        remove_unlisted(ix); /* the old shards, now listed nowhere */
    }
    for (unsigned i = 0; i < TRACUU_MAX_SHARDS; i++)
        free(srcs[i]);
    tracuu_buf_free(&tmp);
    tracuu_buf_free(&dst);
    return st;
}
