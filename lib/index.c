/* index.c: index location, creation and schema version check. */
#include "index.h"
#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "remotes.h"
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

/* mkdir -p of path (with_last) or of its parents. A directory tracuu
 * creates is private to its owner (0700): an index holds the text of
 * every plan indexed. Existing directories keep their mode. */
static int make_dirs(const char *path, bool with_last)
{
    char *p = tracuu_xstrdup(path);
    size_t len = strlen(p);
    int rc = 0;
    for (size_t i = 1; i <= len && rc == 0; i++) {
        if (p[i] != '/' && !(p[i] == '\0' && with_last))
            continue;
        char c = p[i];
        p[i] = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST)
            rc = -1;
        p[i] = c;
    }
    free(p);
    return rc;
}

static char *message(const char *path, const char *what, const char *detail)
{
    tracuu_buf_t b = {0};
    tracuu_buf_printf(&b, "%s: %s", path, what);
    if (detail && *detail)
        tracuu_buf_printf(&b, " (%s)", detail);
    return tracuu_buf_steal(&b);
}

#define STUB TRACUU_STUB_NAME

/* Open the index at path for reading: the shards its stub lists, or the
 * one database of an index made before shards. */
static tracuu_status_t open_reader(const char *path, tracuu_db_t **db,
                                   char **msg)
{
    tracuu_status_t st = TRACUU_OK;
    for (int attempt = 0; attempt < 3; attempt++) {
        free(*msg);
        *msg = NULL;
        char names[TRACUU_MAX_SHARDS][TRACUU_SHARD_NAME_MAX];
        unsigned n = 0;
        char *detail = NULL;
        st = tracuu_stub_read(path, names, &n, msg);
        if (st == TRACUU_OK) {
            st = tracuu_db_open_shards(path, (const char(*)[TRACUU_SHARD_NAME_MAX])names, n, db,
                                       &detail);
        } else if (st == TRACUU_ERR_NOT_FOUND) {
            tracuu_buf_t p = {0};
            tracuu_buf_printf(&p, "%s/iamglass", path);
            struct stat sb;
            bool one = stat(p.s, &sb) == 0;
            tracuu_buf_free(&p);
            if (!one) {
                *msg = message(path, _("no index here (no XAPIANDB and no "
                                       "database; run tracuu-index first)"),
                               NULL);
                return TRACUU_ERR_DB_OPENING;
            }
            st = tracuu_db_open(path, TRACUU_DB_READ, db, &detail);
        }
        if (st != TRACUU_OK && !*msg)
            *msg = message(path, tracuu_status_str(st), detail);
        free(detail);
        /* The stub was read just before a merge replaced the shards it
         * listed: the new stub lists the merged one. */
        if (st != TRACUU_ERR_DB_OPENING)
            break;
    }
    return st;
}

/* Whether dir holds a database Xapian began to create and never
 * finished (a kill before it renamed v.tmp to iamglass): no iamglass,
 * nothing but its lock, v.tmp and empty .glass tables. Such a directory
 * holds nothing, yet Xapian takes it for a database and fails to open it
 * ever after. */
static bool unfinished_db(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool unfinished = true, tables = false;
    tracuu_buf_t p = {0};
    for (struct dirent *e; unfinished && (e = readdir(d)) != NULL;) {
        const char *n = e->d_name;
        size_t l = strlen(n);
        struct stat sb;
        if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
            continue;
        tracuu_buf_clear(&p);
        tracuu_buf_printf(&p, "%s/%s", dir, n);
        if (lstat(p.s, &sb) != 0 || !S_ISREG(sb.st_mode))
            unfinished = false;
        else if (l > 6 && strcmp(n + l - 6, ".glass") == 0) {
            unfinished = sb.st_size == 0;
            tables = true;
        } else
            unfinished = strcmp(n, "flintlock") == 0 || strcmp(n, "v.tmp") == 0;
    }
    closedir(d);
    tracuu_buf_free(&p);
    return unfinished && tables;
}

/* Remove the files of database directory dir, but keep (a name, or
 * NULL); 0, or -1 with errno. A directory already gone is 0. */
static int remove_db_files(const char *dir, const char *keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? 0 : -1;
    int rc = 0;
    tracuu_buf_t p = {0};
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            (keep && strcmp(e->d_name, keep) == 0))
            continue;
        tracuu_buf_clear(&p);
        tracuu_buf_printf(&p, "%s/%s", dir, e->d_name);
        if (unlink(p.s) != 0)
            rc = -1;
    }
    closedir(d);
    tracuu_buf_free(&p);
    return rc;
}

tracuu_status_t tracuu_index_open(const char *path, tracuu_db_mode_t mode,
                                  tracuu_db_t **out, char **msg)
{
    *out = NULL;
    *msg = NULL;
    struct stat st_path;
    if (mode == TRACUU_DB_READ && stat(path, &st_path) != 0) {
        *msg = message(path, _("no index here (run tracuu-index first)"),
                       NULL);
        return TRACUU_ERR_DB_OPENING;
    }
    if (mode == TRACUU_DB_READ && !S_ISDIR(st_path.st_mode)) {
        *msg = message(path, _("not an index: a file, where an index is the "
                               "directory tracuu-index -d DIR makes"), NULL);
        return TRACUU_ERR_DB_OPENING;
    }
    tracuu_db_t *db = NULL;
    tracuu_status_t st = TRACUU_OK;
    if (mode == TRACUU_DB_READ) {
        if ((st = open_reader(path, &db, msg)) != TRACUU_OK)
            return st;
    } else {
        if (make_dirs(path, true) != 0) {
            *msg = message(path, _("cannot create the index directory"),
                           strerror(errno));
            return errno == EACCES || errno == EROFS ? TRACUU_ERR_DB_ACCESS
                                                     : TRACUU_ERR_IO;
        }
        char *detail = NULL;
        st = tracuu_db_open(path, mode, &db, &detail);
        /* What an unfinished creation left goes; its lock stays, held
         * or not by the next writer. */
        if (st == TRACUU_ERR_DB_OPENING && unfinished_db(path) &&
            remove_db_files(path, "flintlock") == 0) {
            /* A run killed while Xapian created this database: it is
             * made anew (it never held a document). */
            free(detail);
            detail = NULL;
            st = tracuu_db_open(path, mode, &db, &detail);
        }
        if (st == TRACUU_ERR_DB_ACCESS) {
            /* detail names the file or directory and the reason. */
            tracuu_buf_t b = {0};
            tracuu_buf_printf(&b, _("cannot write the index: %s"), detail);
            *msg = tracuu_buf_steal(&b);
            free(detail);
            return st;
        }
        if (st != TRACUU_OK) {
            const char *what = st == TRACUU_ERR_DB_LOCKED
                                   ? _("another tracuu-index is writing "
                                       "this index")
                                   : tracuu_status_str(st);
            *msg = message(path, what, detail);
            free(detail);
            return st;
        }
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
                          _("index schema version %s, this program needs %s; "
                            "re-index: remove the index and run tracuu-index "
                            "again"),
                          *version ? version : "(none)", TRACUU_SCHEMA_VERSION);
        *msg = message(path, _("index of another version"), b.s);
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

/* Where a merge writes before its database is renamed into place. */
#define MERGE_TMP "merge.tmp"
/* A database being removed is first renamed TRASH + its name, so that a
 * removal cut short (kill -9) leaves a name the next writer removes. */
#define TRASH "trash-"

/* The length of a shard name at s (at most max bytes): "shard-" and 1
 * to 9 digits without a leading zero; 0 when s holds none. */
static size_t shard_name_len(const char *s, size_t max)
{
    if (max < 7 || memcmp(s, "shard-", 6) != 0)
        return 0;
    size_t d = 0;
    while (6 + d < max && d < 10 && s[6 + d] >= '0' && s[6 + d] <= '9')
        d++;
    if (d == 0 || d > 9 || (d > 1 && s[6] == '0'))
        return 0;
    return 6 + d;
}

static bool bad_stub(unsigned line, const char *what, unsigned *n, char **msg)
{
    tracuu_buf_t b = {0};
    if (line)
        tracuu_buf_printf(&b, "line %u: ", line);
    tracuu_buf_puts(&b, what);
    *msg = tracuu_buf_steal(&b);
    *n = 0;
    return false;
}

bool tracuu_stub_parse(const char *s, size_t len, char names[][TRACUU_SHARD_NAME_MAX],
                       unsigned *n, char **msg)
{
    *n = 0;
    *msg = NULL;
    if (len == 0)
        return bad_stub(0, "empty: it lists no shard", n, msg);
    if (len > TRACUU_STUB_MAX)
        return bad_stub(0, "too large to be a list of shards", n, msg);
    unsigned line = 0;
    size_t at = 0;
    while (at < len) {
        line++;
        const char *l = s + at;
        const char *nl = memchr(l, '\n', len - at);
        size_t ll = nl ? (size_t)(nl - l) : len - at;
        size_t name = ll > 5 && memcmp(l, "auto ", 5) == 0
                          ? shard_name_len(l + 5, ll - 5) : 0;
        if (name == 0 || 5 + name != ll)
            return bad_stub(line, "not \"auto shard-N\"", n, msg);
        if (!nl)
            return bad_stub(line, "cut short (no end of line)", n, msg);
        if (*n == TRACUU_MAX_SHARDS)
            return bad_stub(line, "more shards than an index has", n, msg);
        for (unsigned k = 0; k < *n; k++)
            if (strlen(names[k]) == name && memcmp(names[k], l + 5, name) == 0)
                return bad_stub(line, "a shard listed twice", n, msg);
        memcpy(names[*n], l + 5, name);
        names[(*n)++][name] = '\0';
        at += ll + 1;
    }
    return true;
}

char *tracuu_stub_format(const char names[][TRACUU_SHARD_NAME_MAX], unsigned n)
{
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, "");
    for (unsigned i = 0; i < n; i++)
        tracuu_buf_printf(&b, "auto %s\n", names[i]);
    return tracuu_buf_steal(&b);
}

/* The bytes of the stub file at file, checked (a regular file, not a
 * link, FIFO or device, of at most TRACUU_STUB_MAX bytes): 0, or -1 with
 * errno (ENOENT: no stub) and *why a static reason when it is refused. */
static int slurp_stub(const char *file, char *buf, size_t *len,
                      const char **why)
{
    *why = NULL;
    *len = 0;
    int fd = open(file, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ELOOP)
            *why = "a symbolic link";
        return -1;
    }
    struct stat st;
    int rc = -1;
    if (fstat(fd, &st) != 0)
        goto out;
    if (!S_ISREG(st.st_mode)) {
        *why = "not a regular file (a FIFO, device or directory)";
        goto out;
    }
    if (st.st_size > TRACUU_STUB_MAX) {
        *why = "too large to be a list of shards";
        goto out;
    }
    for (;;) {
        ssize_t r = read(fd, buf + *len, TRACUU_STUB_MAX + 1 - *len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            rc = r == 0 ? 0 : -1;
            break;
        }
        *len += (size_t)r;
        if (*len > TRACUU_STUB_MAX) {
            *why = "too large to be a list of shards";
            break;
        }
    }
out:;
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

/* Each listed shard is a directory inside dir (not a link): 0, or the
 * status with *msg a new message. */
static tracuu_status_t check_listed(const char *dir, const char *stub,
                                    char names[][TRACUU_SHARD_NAME_MAX], unsigned n, char **msg)
{
    tracuu_buf_t p = {0};
    tracuu_status_t st = TRACUU_OK;
    for (unsigned i = 0; i < n && st == TRACUU_OK; i++) {
        tracuu_buf_clear(&p);
        tracuu_buf_printf(&p, "%s/%s", dir, names[i]);
        struct stat sb;
        bool there = lstat(p.s, &sb) == 0;
        bool gone = !there && errno == ENOENT;
        if (!there || !S_ISDIR(sb.st_mode)) {
            tracuu_buf_clear(&p);
            tracuu_buf_printf(&p, gone ? _("%s: lists %s, which is not there; "
                                           "tracuu-index --repair rebuilds "
                                           "it from the shards there")
                                       : _("%s: lists %s, which is not a "
                                           "directory; tracuu-index --repair "
                                           "rebuilds it from the shards "
                                           "there"),
                              stub, names[i]);
            *msg = tracuu_buf_steal(&p);
            st = gone ? TRACUU_ERR_DB_OPENING : TRACUU_ERR_DB_CORRUPT;
        }
    }
    tracuu_buf_free(&p);
    return st;
}

tracuu_status_t tracuu_stub_read(const char *dir, char names[][TRACUU_SHARD_NAME_MAX],
                                 unsigned *n, char **msg)
{
    *n = 0;
    *msg = NULL;
    tracuu_buf_t file = {0};
    tracuu_buf_printf(&file, "%s/%s", dir, STUB);
    char *buf = tracuu_xmalloc(TRACUU_STUB_MAX + 1);
    size_t len = 0;
    const char *why = NULL;
    char *perr = NULL;
    tracuu_status_t st = TRACUU_OK;
    tracuu_buf_t m = {0};
    if (slurp_stub(file.s, buf, &len, &why) != 0 && !why) {
        st = errno == ENOENT ? TRACUU_ERR_NOT_FOUND : TRACUU_ERR_IO;
        if (st == TRACUU_ERR_IO)
            tracuu_buf_printf(&m, _("%s: cannot read the index's list of "
                                    "shards (%s)"), file.s, strerror(errno));
    } else if (why || !tracuu_stub_parse(buf, len, names, n, &perr)) {
        st = TRACUU_ERR_DB_CORRUPT;
        tracuu_buf_printf(&m, _("%s: not a list of shards this program "
                                "wrote (%s); tracuu-index --repair rebuilds "
                                "it from the shards there"), file.s,
                          why ? why : perr);
    } else {
        st = check_listed(dir, file.s, names, *n, msg);
    }
    if (m.s)
        *msg = tracuu_buf_steal(&m);
    if (st != TRACUU_OK)
        *n = 0;
    free(perr);
    free(buf);
    tracuu_buf_free(&file);
    return st;
}

/* Write the stub listing the n shards names, atomically. */
static int write_stub(const char *path, char names[][TRACUU_SHARD_NAME_MAX], unsigned n)
{
    tracuu_buf_t tmp = {0}, dst = {0};
    tracuu_buf_printf(&tmp, "%s/%s.tmp", path, STUB);
    tracuu_buf_printf(&dst, "%s/%s", path, STUB);
    char *text = tracuu_stub_format((const char(*)[TRACUU_SHARD_NAME_MAX])names, n);
    size_t len = strlen(text);
    /* Never through a link or over a file someone left there. */
    unlink(tmp.s);
    int fd = open(tmp.s, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  0666);
    int rc = -1;
    if (fd >= 0) {
        rc = write(fd, text, len) == (ssize_t)len && fsync(fd) == 0 ? 0 : -1;
        int saved = errno;
        rc |= close(fd);
        errno = saved;
        if (rc == 0)
            rc = rename(tmp.s, dst.s);
        if (rc != 0) {
            saved = errno;
            unlink(tmp.s);
            errno = saved;
        }
    }
    free(text);
    tracuu_buf_free(&tmp);
    tracuu_buf_free(&dst);
    return rc;
}

/* Remove a database directory (a Xapian database has no subdirectories).
 * Returns -1 when something stays. */
static int remove_db_dir(const char *dir)
{
    if (remove_db_files(dir, NULL) != 0)
        return -1;
    return rmdir(dir) != 0 && errno != ENOENT ? -1 : 0;
}

/* A shard name neither listed nor on disk (a directory left by a run that
 * died is never reused: it may hold documents merged away since), in
 * name. Returns -1 when none is found. */
static int unused_name(const tracuu_index_t *ix, char name[TRACUU_SHARD_NAME_MAX])
{
    tracuu_buf_t p = {0};
    int rc = -1;
    for (unsigned i = 0; i < 10000 && rc != 0; i++) {
        snprintf(name, TRACUU_SHARD_NAME_MAX, "shard-%u", i);
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

/* True when dir looks like a Xapian glass database: its version file,
 * or tables left after a removal that unlinked the version file first. */
static bool looks_like_db(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool db = false;
    struct dirent *e;
    while (!db && (e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        db = strcmp(e->d_name, "iamglass") == 0 ||
             (l > 6 && strcmp(e->d_name + l - 6, ".glass") == 0);
    }
    closedir(d);
    return db;
}

/* Remove the database directory name in the index at path: renamed to
 * a trash name first, so that a removal cut short is finished by the
 * next writer (remove_unlisted). */
static int discard_db(const char *path, const char *name)
{
    tracuu_buf_t from = {0}, to = {0};
    tracuu_buf_printf(&from, "%s/%s", path, name);
    tracuu_buf_printf(&to, "%s/" TRASH "%s", path, name);
    remove_db_dir(to.s);
    int rc = rename(from.s, to.s) == 0 || errno == ENOENT ? 0 : -1;
    if (rc == 0)
        rc = remove_db_dir(to.s);
    tracuu_buf_free(&from);
    tracuu_buf_free(&to);
    return rc;
}

/* Remove what runs that died left in the index directory: shards the
 * stub does not list (a merge's copy renamed but never listed, or shards
 * merged but not yet removed, even when their version file is gone), an
 * unfinished merge and removals cut short (trash-shard-N). Only a writer that
 * read the stub and holds the lock of every listed shard calls this:
 * another run would have to hold them to write anything. */
static void remove_unlisted(const tracuu_index_t *ix)
{
    DIR *d = opendir(ix->path);
    if (!d)
        return;
    tracuu_buf_t p = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *nm = e->d_name;
        bool shard = shard_name_len(nm, strlen(nm)) == strlen(nm);
        size_t tl = strlen(TRASH), nl = strlen(nm);
        bool trash = nl > tl && strncmp(nm, TRASH, tl) == 0 &&
                     shard_name_len(nm + tl, nl - tl) == nl - tl;
        bool ours = shard || trash || strcmp(nm, MERGE_TMP) == 0;
        for (unsigned k = 0; k < ix->n && ours; k++)
            ours = strcmp(ix->names[k], nm) != 0;
        tracuu_buf_clear(&p);
        tracuu_buf_printf(&p, "%s/%s", ix->path, nm);
        struct stat st;
        if (!ours || lstat(p.s, &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        /* Only a Xapian database of ours, nothing else of that name. */
        if (shard && !looks_like_db(p.s))
            continue;
        if (trash)
            remove_db_dir(p.s);
        else
            discard_db(ix->path, nm);
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

/* The permission bits of the directory at path (0700 when unknown). */
static mode_t dir_mode(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? sb.st_mode & 07777 : 0700;
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
    struct stat sb;
    tracuu_status_t st = TRACUU_OK;
    /* A new shard is as private as the index directory. */
    if (!ix->single && lstat(p.s, &sb) != 0 && errno == ENOENT)
        mkdir(p.s, dir_mode(ix->path));
    if (lstat(p.s, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        *out = NULL;
        *msg = message(p.s, _("not a directory: not a shard of this index"),
                       NULL);
        st = TRACUU_ERR_DB_CORRUPT;
    } else {
        st = tracuu_index_open(p.s, TRACUU_DB_WRITE, out, msg);
    }
    tracuu_buf_free(&p);
    if (st == TRACUU_ERR_DB_LOCKED) {
        /* Name the index, not the shard the user never chose. */
        free(*msg);
        *msg = message(ix->path, _("another tracuu-index is writing this "
                                   "index; try again when it has finished"),
                       NULL);
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
    char names[TRACUU_MAX_SHARDS][TRACUU_SHARD_NAME_MAX];
    unsigned n = 0;
    tracuu_status_t st = tracuu_stub_read(path, names, &n, msg);
    if (st != TRACUU_OK && st != TRACUU_ERR_NOT_FOUND) {
        /* Never take a stub that cannot be read for an index without
         * shards: its shards would be removed as unlisted. */
        tracuu_index_close(ix);
        return st;
    }
    tracuu_buf_t p = {0};
    bool create = false;
    if (st == TRACUU_ERR_NOT_FOUND) {
        tracuu_buf_printf(&p, "%s/iamglass", path);
        struct stat sb;
        ix->single = stat(p.s, &sb) == 0; /* one database, made before shards */
        if (!ix->single) {
            create = true;
            n = want < 1 ? 1 : want > TRACUU_MAX_SHARDS ? TRACUU_MAX_SHARDS : want;
            /* Shards a run that died before writing the stub left. */
            for (unsigned i = n; i < TRACUU_MAX_SHARDS; i++) {
                tracuu_buf_clear(&p);
                tracuu_buf_printf(&p, "%s/shard-%u", path, i);
                if (lstat(p.s, &sb) == 0)
                    n = i + 1;
            }
            for (unsigned i = 0; i < n; i++)
                snprintf(names[i], TRACUU_SHARD_NAME_MAX, "shard-%u", i);
        } else {
            n = 1;
            snprintf(names[0], TRACUU_SHARD_NAME_MAX, ".");
        }
    }
    tracuu_buf_free(&p);
    st = TRACUU_OK;
    for (unsigned i = 0; i < n && st == TRACUU_OK; i++) {
        st = open_shard(ix, names[i], &ix->shards[i], msg);
        if (st == TRACUU_OK) {
            memcpy(ix->names[i], names[i], TRACUU_SHARD_NAME_MAX);
            ix->n = i + 1;
        }
    }
    if (st == TRACUU_OK && create && write_stub(path, ix->names, n) != 0) {
        *msg = message(path, _("cannot write the index's shard list"),
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
        char name[TRACUU_SHARD_NAME_MAX];
        if (unused_name(ix, name) != 0) {
            *msg = message(ix->path, _("cannot name a new shard"), NULL);
            st = TRACUU_ERR_IO;
        } else {
            st = open_shard(ix, name, &ix->shards[ix->n], msg);
        }
        if (st == TRACUU_OK)
            memcpy(ix->names[ix->n++], name, TRACUU_SHARD_NAME_MAX);
    }
    if (st == TRACUU_OK && ix->n > old && write_stub(ix->path, ix->names, ix->n) != 0) {
        *msg = message(ix->path, _("cannot write the index's shard list"),
                       strerror(errno));
        st = TRACUU_ERR_IO;
    }
    if (st != TRACUU_OK) {
        /* The new shards are empty and listed nowhere: take them away. */
        for (unsigned i = old; i < ix->n; i++) {
            tracuu_db_abandon(ix->shards[i]);
            ix->shards[i] = NULL;
            discard_db(ix->path, ix->names[i]);
        }
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
    char name[TRACUU_SHARD_NAME_MAX];
    /* What a merge that died left. */
    if (remove_db_dir(tmp.s) != 0) {
        *msg = message(ix->path, _("cannot remove an unfinished merge"),
                       strerror(errno));
        st = TRACUU_ERR_IO;
    } else if (unused_name(ix, name) != 0) {
        *msg = message(ix->path, _("cannot name the merged shard"), NULL);
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
            *msg = message(ix->path, _("cannot merge the shards"), detail);
            remove_db_dir(tmp.s);
        }
        free(detail);
    }
    tracuu_db_t *merged = NULL;
    if (st == TRACUU_OK) {
        tracuu_buf_printf(&dst, "%s/%s", ix->path, name);
        if (rename(tmp.s, dst.s) != 0) {
            *msg = message(ix->path, _("cannot rename the merged shard"),
                           strerror(errno));
            remove_db_dir(tmp.s);
            st = TRACUU_ERR_IO;
        }
    }
    /* Hold the merged shard's lock before readers and writers are sent
     * to it, so no other run writes it while the old shards go. */
    if (st == TRACUU_OK)
        chmod(dst.s, dir_mode(ix->path)); /* as the shards it replaces */
    if (st == TRACUU_OK && (st = open_shard(ix, name, &merged, msg)) != TRACUU_OK)
        discard_db(ix->path, name);
    char list[1][TRACUU_SHARD_NAME_MAX];
    memcpy(list[0], name, TRACUU_SHARD_NAME_MAX);
    if (st == TRACUU_OK && write_stub(ix->path, list, 1) != 0) {
        *msg = message(ix->path, _("cannot write the index's shard list"),
                       strerror(errno));
        tracuu_db_abandon(merged);
        discard_db(ix->path, name);
        st = TRACUU_ERR_IO;
    }
    if (st == TRACUU_OK) {
        for (unsigned i = 0; i < ix->n; i++)
            tracuu_db_close(ix->shards[i]);
        ix->shards[0] = merged;
        memcpy(ix->names[0], name, TRACUU_SHARD_NAME_MAX);
        ix->n = 1;
        remove_unlisted(ix); /* the old shards, now listed nowhere */
    }
    for (unsigned i = 0; i < TRACUU_MAX_SHARDS; i++)
        free(srcs[i]);
    tracuu_buf_free(&tmp);
    tracuu_buf_free(&dst);
    return st;
}

static int cmp_ulong(const void *a, const void *b)
{
    unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
    return (x > y) - (x < y);
}

/* The numbers N of the names shard-N in dir, ascending, in *out (new;
 * free with free()); how many. */
static size_t shard_numbers(const char *dir, unsigned long **out)
{
    size_t n = 0, cap = 16;
    *out = tracuu_xmalloc(cap * sizeof **out);
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l == 0 || shard_name_len(e->d_name, l) != l)
            continue;
        if (n == cap)
            *out = tracuu_xrealloc(*out, (cap *= 2) * sizeof **out);
        (*out)[n++] = strtoul(e->d_name + 6, NULL, 10);
    }
    if (d)
        closedir(d);
    qsort(*out, n, sizeof **out, cmp_ulong);
    return n;
}

/* Why the directory at p is not a shard of this index, or NULL with *db
 * it opened for writing (its lock held). *locked when another writer
 * holds it. */
static const char *check_shard(const char *p, tracuu_db_t **db, bool *locked)
{
    *db = NULL;
    *locked = false;
    struct stat sb;
    if (lstat(p, &sb) != 0 || !S_ISDIR(sb.st_mode) || !looks_like_db(p))
        return _("not a database");
    char *detail = NULL, *version = NULL;
    tracuu_status_t st = tracuu_db_open(p, TRACUU_DB_WRITE, db, &detail);
    free(detail);
    *locked = st == TRACUU_ERR_DB_LOCKED;
    if (st != TRACUU_OK)
        return tracuu_status_str(st);
    const char *why = NULL;
    if (tracuu_db_get_metadata(*db, TRACUU_META_SCHEMA, &version) != TRACUU_OK ||
        strcmp(version, TRACUU_SCHEMA_VERSION) != 0)
        why = _("not a database of this index's schema");
    free(version);
    if (why) {
        tracuu_db_abandon(*db);
        *db = NULL;
    }
    return why;
}

/* The shard-N databases of this schema in the index at path, in order
 * of N, opened for writing (their locks held) into dbs and names; what
 * else is named like a shard is described in aside. -1 with *msg a new
 * message when one is locked or there are too many. */
static int find_shards(const char *path, tracuu_db_t **dbs,
                       char names[][TRACUU_SHARD_NAME_MAX], unsigned *n, tracuu_buf_t *aside,
                       char **msg)
{
    *n = 0;
    int rc = 0;
    unsigned long *nums = NULL;
    size_t count = shard_numbers(path, &nums);
    tracuu_buf_t p = {0};
    for (size_t i = 0; i < count && rc == 0; i++) {
        char nm[TRACUU_SHARD_NAME_MAX];
        snprintf(nm, sizeof nm, "shard-%lu", nums[i]);
        tracuu_buf_clear(&p);
        tracuu_buf_printf(&p, "%s/%s", path, nm);
        tracuu_db_t *db = NULL;
        bool locked = false;
        const char *why = check_shard(p.s, &db, &locked);
        if (locked) {
            *msg = message(path, _("another tracuu-index is writing this index;"
                                   " try again when it has finished"), NULL);
            rc = -1;
        } else if (why) {
            tracuu_buf_printf(aside, "%s%s (%s)", aside->len ? ", " : "", nm,
                              why);
        } else if (*n == TRACUU_MAX_SHARDS) {
            *msg = message(path, _("more shard databases than an index has"),
                           NULL);
            tracuu_db_abandon(db);
            rc = -1;
        } else {
            dbs[*n] = db;
            snprintf(names[(*n)++], TRACUU_SHARD_NAME_MAX, "%s", nm);
        }
    }
    free(nums);
    tracuu_buf_free(&p);
    return rc;
}

tracuu_status_t tracuu_index_repair(const char *path, char **msg)
{
    *msg = NULL;
    tracuu_buf_t p = {0}, out = {0}, aside = {0};
    tracuu_buf_printf(&p, "%s/iamglass", path);
    struct stat sb;
    tracuu_status_t st = TRACUU_OK;
    if (lstat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        *msg = message(path, _("no index here"), strerror(errno ? errno : ENOTDIR));
        st = TRACUU_ERR_DB_OPENING;
    } else if (stat(p.s, &sb) == 0) {
        /* One database made before shards: no stub is needed. */
        tracuu_buf_clear(&p);
        tracuu_buf_printf(&p, "%s/%s", path, STUB);
        if (unlink(p.s) == 0 || errno == ENOENT)
            tracuu_buf_printf(&out, _("%s: one database, no list of shards "
                                      "needed; %s removed"), path, STUB);
        else {
            tracuu_buf_t w = {0};
            tracuu_buf_printf(&w, _("cannot remove %s"), STUB);
            *msg = message(path, w.s, strerror(errno));
            tracuu_buf_free(&w);
            st = TRACUU_ERR_IO;
        }
    } else {
        tracuu_db_t *dbs[TRACUU_MAX_SHARDS] = {0};
        char names[TRACUU_MAX_SHARDS][TRACUU_SHARD_NAME_MAX];
        unsigned n = 0;
        if (find_shards(path, dbs, names, &n, &aside, msg) != 0) {
            st = TRACUU_ERR_DB_LOCKED;
        } else if (n == 0) {
            *msg = message(path, _("no shard-N database of this index found; "
                                   "nothing written"), aside.s);
            st = TRACUU_ERR_DB_OPENING;
        } else if (write_stub(path, names, n) != 0) {
            *msg = message(path, _("cannot write the index's shard list"),
                           strerror(errno));
            st = TRACUU_ERR_IO;
        } else {
            tracuu_buf_printf(&out, _("%s: %s rewritten, listing"), path, STUB);
            for (unsigned i = 0; i < n; i++) {
                unsigned docs = 0;
                tracuu_db_doccount(dbs[i], &docs);
                tracuu_buf_printf(&out, "%s %s ", i ? "," : "", names[i]);
                tracuu_buf_printf(&out, docs == 1 ? _("(%u document)")
                                                  : _("(%u documents)"), docs);
            }
            if (aside.len)
                tracuu_buf_printf(&out, _("; left aside: %s"), aside.s);
        }
        for (unsigned i = 0; i < n; i++)
            tracuu_db_abandon(dbs[i]); /* read only: nothing to commit */
    }
    if (st == TRACUU_OK)
        *msg = tracuu_buf_steal(&out);
    tracuu_buf_free(&out);
    tracuu_buf_free(&aside);
    tracuu_buf_free(&p);
    return st;
}

/* ---- several indexes and remote shards as one ---- */

void tracuu_strv_free(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

/* Check the schema version of a remote shard (named name). */
static tracuu_status_t remote_version(tracuu_db_t *db, const char *name,
                                      char **msg)
{
    char *version = NULL;
    tracuu_status_t st = tracuu_db_get_metadata(db, TRACUU_META_SCHEMA,
                                                &version);
    tracuu_buf_t b = {0};
    if (st != TRACUU_OK)
        tracuu_buf_printf(&b, _("shard %s: %s"), name,
                          tracuu_db_last_error(db));
    else if (strcmp(version, TRACUU_SCHEMA_VERSION) != 0) {
        tracuu_buf_printf(&b,
                          _("shard %s: index schema version %s, this program "
                            "needs %s; re-index it"),
                          name, *version ? version : "(none)",
                          TRACUU_SCHEMA_VERSION);
        st = TRACUU_ERR_DB_VERSION;
    }
    free(version);
    *msg = st == TRACUU_OK ? NULL : tracuu_buf_steal(&b);
    return st;
}

/* Open the remote shard name ("HOST:PORT") of s, its version checked. */
static tracuu_status_t open_remote(const tracuu_sources_t *s,
                                   const char *name, tracuu_db_t **db,
                                   char **msg)
{
    char host[TRACUU_HOST_MAX + 1];
    unsigned port = 0;
    tracuu_buf_t b = {0};
    *db = NULL;
    *msg = NULL;
    if (!tracuu_remote_split(name, host, &port)) {
        tracuu_buf_printf(&b, _("shard %s: not HOST:PORT"), name);
        *msg = tracuu_buf_steal(&b);
        return TRACUU_ERR_ARG;
    }
    char *detail = NULL;
    tracuu_status_t st = tracuu_db_open_remote(
        host, port, s->call_ms ? s->call_ms : TRACUU_CALL_MS_DEFAULT,
        s->connect_ms ? s->connect_ms : TRACUU_CONNECT_MS_DEFAULT, db,
        &detail);
    if (st != TRACUU_OK) {
        tracuu_buf_printf(&b, _("shard %s: cannot search it (%s)"), name,
                          detail ? detail : tracuu_status_str(st));
        *msg = tracuu_buf_steal(&b);
        free(detail);
        return st == TRACUU_ERR_DB ? TRACUU_ERR_DB_OPENING : st;
    }
    if ((st = remote_version(*db, name, msg)) != TRACUU_OK) {
        tracuu_db_close(*db);
        *db = NULL;
    }
    return st;
}

/* Open source i of s (the dbs, then the remotes) into *db, its name in
 * *name (borrowed). */
static tracuu_status_t open_source(const tracuu_sources_t *s, size_t i,
                                   tracuu_db_t **db, const char **name,
                                   char **msg)
{
    if (i < s->n_dbs) {
        *name = s->dbs[i];
        return tracuu_index_open(s->dbs[i], TRACUU_DB_READ, db, msg);
    }
    *name = s->remotes[i - s->n_dbs];
    return open_remote(s, *name, db, msg);
}

tracuu_status_t tracuu_index_open_sources(const tracuu_sources_t *s,
                                          tracuu_db_t **out, char **msg,
                                          char ***missing, size_t *n_missing)
{
    size_t n = s->n_dbs + s->n_remotes, got = 0;
    tracuu_db_t **parts = tracuu_xcalloc(n + 1, sizeof *parts);
    const char **names = tracuu_xcalloc(n + 1, sizeof *names);
    *out = NULL;
    *msg = NULL;
    *missing = tracuu_xcalloc(n + 1, sizeof **missing);
    *n_missing = 0;
    tracuu_status_t st = TRACUU_OK;
    for (size_t i = 0; i < n && st == TRACUU_OK; i++) {
        const char *name = NULL;
        char *why = NULL;
        st = open_source(s, i, &parts[got], &name, &why);
        if (st == TRACUU_ERR_DB_OPENING && s->partial && i >= s->n_dbs) {
            /* A shard down: left out, said by the caller. */
            (*missing)[(*n_missing)++] = why;
            st = TRACUU_OK;
            continue;
        }
        if (st != TRACUU_OK)
            *msg = why;
        else
            names[got++] = name;
    }
    if (st == TRACUU_OK && got == 0) {
        st = TRACUU_ERR_DB_OPENING;
        *msg = tracuu_xstrdup(_("no index or shard could be searched"));
    }
    if (st == TRACUU_OK && got == 1) {
        *out = parts[0];
        parts[0] = NULL;
    } else if (st == TRACUU_OK) {
        char *detail = NULL;
        st = tracuu_db_union(parts, names, got, out, &detail);
        if (st != TRACUU_OK)
            *msg = message(names[0], tracuu_status_str(st), detail);
        free(detail);
    }
    for (size_t i = 0; i < got; i++)
        tracuu_db_close(parts[i]);
    free(parts);
    free(names);
    if (st != TRACUU_OK) {
        tracuu_strv_free(*missing);
        *missing = NULL;
        *n_missing = 0;
    }
    return st;
}

/* The remotes file into *file when c needs it (read when any remote is
 * searched, for its timeouts, and for its shards when c names no
 * source). false with *msg set when it is refused. */
static bool read_remotes_file(const tracuu_cli_sources_t *c,
                              tracuu_remotes_t *file, char **msg)
{
    memset(file, 0, sizeof *file);
    const char *env = getenv("TRACUU_DB");
    bool named = c->n_dbs || c->n_remotes || (env && *env);
    if (named && !c->n_remotes)
        return true;
    char *path = tracuu_remotes_path();
    tracuu_status_t st = path ? tracuu_remotes_read(path, file, msg)
                              : TRACUU_ERR_NOT_FOUND;
    free(path);
    return st == TRACUU_OK || st == TRACUU_ERR_NOT_FOUND;
}

tracuu_status_t tracuu_index_open_cli(const tracuu_cli_sources_t *c,
                                      tracuu_db_t **out, char **path,
                                      char **msg, char ***missing,
                                      size_t *n_missing)
{
    tracuu_remotes_t file;
    *out = NULL;
    *path = NULL;
    *missing = NULL;
    *n_missing = 0;
    *msg = NULL;
    if (!read_remotes_file(c, &file, msg))
        return TRACUU_ERR_ARG;
    tracuu_sources_t s = {c->dbs, c->n_dbs, c->remotes, c->n_remotes,
                          c->call_ms ? c->call_ms : file.call_ms,
                          c->connect_ms ? c->connect_ms : file.connect_ms,
                          c->partial};
    const char *one[1] = {NULL};
    if (!c->n_dbs && !c->n_remotes && file.n) { /* TRACUU_DB unset */
        s.remotes = (const char *const *)file.names;
        s.n_remotes = file.n;
    } else if (!c->n_dbs && !c->n_remotes) {
        *path = tracuu_index_path(NULL);
        if (!*path) {
            tracuu_remotes_free(&file);
            *msg = tracuu_xstrdup(_("no index given and no home directory: "
                                    "use --db DIR or set TRACUU_DB"));
            return TRACUU_ERR_DB_OPENING;
        }
        one[0] = *path;
        s.dbs = one;
        s.n_dbs = 1;
    } else if (c->n_dbs == 1 && !c->n_remotes) {
        *path = tracuu_xstrdup(c->dbs[0]);
    }
    tracuu_status_t st = tracuu_index_open_sources(&s, out, msg, missing,
                                                   n_missing);
    tracuu_remotes_free(&file);
    if (st != TRACUU_OK) {
        free(*path);
        *path = NULL;
    }
    return st;
}
