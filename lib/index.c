/* index.c: index location, creation and schema version check. */
#include "index.h"

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

/* Write the stub listing n shards, atomically. */
static int write_stub(const char *path, unsigned n)
{
    tracuu_buf_t tmp = {0}, dst = {0};
    tracuu_buf_printf(&tmp, "%s/%s.tmp", path, STUB);
    tracuu_buf_printf(&dst, "%s/%s", path, STUB);
    FILE *f = fopen(tmp.s, "w");
    int rc = -1;
    if (f) {
        for (unsigned i = 0; i < n; i++)
            fprintf(f, "auto shard-%u\n", i);
        rc = fflush(f) == 0 && fsync(fileno(f)) == 0 ? 0 : -1;
        rc |= fclose(f);
        if (rc == 0)
            rc = rename(tmp.s, dst.s);
    }
    tracuu_buf_free(&tmp);
    tracuu_buf_free(&dst);
    return rc;
}

void tracuu_index_close(tracuu_index_t *ix)
{
    if (!ix)
        return;
    for (unsigned i = 0; i < ix->n; i++)
        tracuu_db_close(ix->shards[i]);
    free(ix->shards);
    free(ix);
}

tracuu_status_t tracuu_index_open_shards(const char *path, unsigned want,
                                         tracuu_index_t **out, char **msg)
{
    *out = NULL;
    *msg = NULL;
    char names[TRACUU_MAX_SHARDS][64];
    tracuu_buf_t p = {0};
    tracuu_buf_printf(&p, "%s/%s", path, STUB);
    unsigned n = read_stub(p.s, names);
    bool create = false;
    bool single = false;
    if (n == 0) {
        tracuu_buf_clear(&p);
        tracuu_buf_printf(&p, "%s/iamglass", path);
        struct stat st;
        single = stat(p.s, &st) == 0; /* one database, made before shards */
        if (!single) {
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
        }
    }
    tracuu_index_t *ix = tracuu_xcalloc(1, sizeof *ix);
    ix->shards = tracuu_xcalloc(n, sizeof *ix->shards);
    tracuu_status_t st = TRACUU_OK;
    for (unsigned i = 0; i < n && st == TRACUU_OK; i++) {
        tracuu_buf_clear(&p);
        if (single)
            tracuu_buf_puts(&p, path);
        else
            tracuu_buf_printf(&p, "%s/%s", path, names[i]);
        st = tracuu_index_open(p.s, TRACUU_DB_WRITE, &ix->shards[i], msg);
        if (st == TRACUU_OK)
            ix->n = i + 1;
        if (st == TRACUU_ERR_DB_LOCKED) {
            /* Name the index, not the shard the user never chose. */
            free(*msg);
            *msg = message(path, "another tracuu-index is writing this index;"
                                 " try again when it has finished", NULL);
        }
    }
    if (st == TRACUU_OK && create && write_stub(path, n) != 0) {
        *msg = message(path, "cannot write the index's shard list",
                       strerror(errno));
        st = TRACUU_ERR_IO;
    }
    tracuu_buf_free(&p);
    if (st != TRACUU_OK) {
        tracuu_index_close(ix);
        return st;
    }
    *out = ix;
    return TRACUU_OK;
}

unsigned tracuu_index_shard_of(const tracuu_index_t *ix, const char *uid)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *c = (const unsigned char *)uid; *c; c++) {
        h ^= *c;
        h *= 0x100000001b3ULL;
    }
    return ix->n ? (unsigned)(h % ix->n) : 0;
}
