/* index.c: index location, creation and schema version check. */
#include "index.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
