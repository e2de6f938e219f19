/* walk.c: recursive directory walk that survives loops and unreadable entries. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "i18n.h"
#include "reader.h"

#define MAX_DEPTH 256

typedef struct dirid {
    dev_t dev;
    ino_t ino;
    bool listed; /* its entries were read (visit_dir) */
} dirid_t;

/* A file reached through a symbolic link or named as a PATH: it may be
 * one the walk meets in its own directory too, which is known only at
 * the end (deferred). Few in a tree; kept until then. */
typedef struct linked {
    tracuu_walk_file_t f;  /* f.path: its real path, owned */
} linked_t;

typedef struct walker {
    tracuu_walk_t *w;
    bool follow;     /* follow links that leave the roots */
    tracuu_walk_warn_fn warn;
    void *ctx;
    tracuu_walk_file_fn on_file;
    void *file_ctx;
    dirid_t *seen;   /* directories entered, against loops: a hash set */
    size_t n_seen, cap_seen;  /* cap_seen a power of two, or 0 */
    linked_t *linked;
    size_t n_linked, cap_linked;
} walker_t;

static void problem(walker_t *k, const char *path, const char *reason)
{
    k->w->n_problems++;
    if (k->warn)
        k->warn(k->ctx, path, reason);
}

static size_t dir_slot(const walker_t *k, dev_t dev, ino_t ino)
{
    uint64_t h = ((uint64_t)ino * 0x9E3779B97F4A7C15ULL) ^ (uint64_t)dev;
    h ^= h >> 29;
    size_t i = (size_t)h & (k->cap_seen - 1);
    while (k->seen[i].ino || k->seen[i].dev) {
        if (k->seen[i].dev == dev && k->seen[i].ino == ino)
            break;
        i = (i + 1) & (k->cap_seen - 1);
    }
    return i;
}

static bool entered(const walker_t *k, dev_t dev, ino_t ino)
{
    if (!k->cap_seen)
        return false;
    size_t i = dir_slot(k, dev, ino);
    return k->seen[i].ino || k->seen[i].dev;
}

/* True the first time a directory is met (a hash set of device and
 * inode: a tree of a million directories is no quadratic scan). */
static bool enter_once(walker_t *k, const struct stat *st)
{
    if (entered(k, st->st_dev, st->st_ino))
        return false;
    if (2 * (k->n_seen + 1) > k->cap_seen) {
        dirid_t *old = k->seen;
        size_t old_cap = k->cap_seen;
        k->cap_seen = old_cap ? old_cap * 2 : 64;
        k->seen = tracuu_xcalloc(k->cap_seen, sizeof *k->seen);
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].ino || old[i].dev)
                k->seen[dir_slot(k, old[i].dev, old[i].ino)] = old[i];
        free(old);
    }
    k->seen[dir_slot(k, st->st_dev, st->st_ino)] =
        (dirid_t){st->st_dev, st->st_ino, false};
    k->n_seen++;
    return true;
}

/* Whether the walk read the entries of the directory (dev, ino): one
 * entered but unreadable (execute-only, say) met none of its files. */
static bool listed(const walker_t *k, dev_t dev, ino_t ino)
{
    return entered(k, dev, ino) && k->seen[dir_slot(k, dev, ino)].listed;
}

static tracuu_walk_file_t file_of(char *path, const struct stat *st)
{
    return (tracuu_walk_file_t){
        path, (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec,
        (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec,
        (uint64_t)st->st_ino, (uint64_t)st->st_size, (uint64_t)st->st_dev};
}

/* A supported file: real is its real path when known (an entry met in
 * its own directory), else NULL (a link, a PATH): deferred. */
static void add_file(walker_t *k, const char *path, const char *real,
                     const struct stat *st)
{
    if (real) {
        tracuu_walk_file_t f = file_of((char *)real, st);
        k->on_file(k->file_ctx, &f);
        return;
    }
    char *r = realpath(path, NULL);
    if (!r) {
        problem(k, path, strerror(errno));
        return;
    }
    if (k->n_linked == k->cap_linked) {
        k->cap_linked = k->cap_linked ? k->cap_linked * 2 : 16;
        k->linked = tracuu_xrealloc(k->linked,
                                    k->cap_linked * sizeof *k->linked);
    }
    k->linked[k->n_linked++] = (linked_t){file_of(r, st)};
}

static void add_other(walker_t *k, const char *path, const char *real,
                      const char *what)
{
    char *r = real ? tracuu_xstrdup(real) : realpath(path, NULL);
    if (!r) {
        problem(k, path, strerror(errno));
        return;
    }
    tracuu_walk_t *w = k->w;
    if (w->n_others == w->cap_others) {
        w->cap_others = w->cap_others ? w->cap_others * 2 : 64;
        w->others = tracuu_xrealloc(w->others,
                                    w->cap_others * sizeof *w->others);
    }
    w->others[w->n_others++] = (tracuu_walk_other_t){r, tracuu_xstrdup(what)};
}

/* Version control directories: their files are history, not documents,
 * and there are many (ripgrep and others skip them too). */
static bool vcs_dir(const char *name)
{
    static const char *const vcs[] = {".git", ".svn", ".hg", ".bzr", NULL};
    for (size_t i = 0; vcs[i]; i++)
        if (strcmp(name, vcs[i]) == 0)
            return true;
    return false;
}

int64_t tracuu_walk_mtime_s(const tracuu_walk_file_t *f)
{
    int64_t s = f->mtime_ns / 1000000000;
    return f->mtime_ns % 1000000000 < 0 ? s - 1 : s;
}

static void add_path(char ***v, size_t *n, char *path)
{
    *v = tracuu_xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = path;
}

/* A directory that cannot be read: reported, and remembered so that the
 * documents below it are not taken for gone. */
static void blind(walker_t *k, const char *path, int err)
{
    problem(k, path, strerror(err));
    char *real = realpath(path, NULL);
    if (real)
        add_path(&k->w->blind, &k->w->n_blind, real);
}

/* A symbolic link whose target lies outside every root: reported, and
 * true (not to be followed), unless links are followed. */
static bool leaves_roots(walker_t *k, const char *path)
{
    struct stat lst;
    if (k->follow || lstat(path, &lst) != 0 || !S_ISLNK(lst.st_mode))
        return false;
    char *real = realpath(path, NULL);
    bool out = real && !tracuu_walk_under_roots(k->w, real);
    if (out) {
        tracuu_buf_t m = {0};
        tracuu_buf_printf(&m, _("symbolic link to %s, outside the paths "
                                "given (--follow-symlinks follows it)"), real);
        problem(k, path, m.s);
        tracuu_buf_free(&m);
    }
    free(real);
    return out;
}

/* A directory's entry, sorted as its path sorts: a directory's name as
 * if it ended in '/' (so "a.txt" before "a/b.txt", as strcmp orders the
 * whole paths). */
typedef struct entry {
    char *name;
    bool dir;
} entry_t;

static int by_name(const void *a, const void *b)
{
    const entry_t *x = a, *y = b;
    const unsigned char *p = (const unsigned char *)x->name;
    const unsigned char *q = (const unsigned char *)y->name;
    while (*p && *p == *q)
        p++, q++;
    unsigned c = *p ? *p : x->dir ? '/' : 0;
    unsigned d = *q ? *q : y->dir ? '/' : 0;
    if (c != d || (!*p && !*q))
        return (c > d) - (c < d);
    return (*p ? 0 : 1) - (*q ? 0 : 1); /* one is a prefix and a dir */
}

static void visit(walker_t *k, const char *path, const char *real, int depth,
                  bool named);

/* Is the entry e of directory path a version control directory? */
static bool skip_vcs(const char *path, const struct dirent *e)
{
    if (!vcs_dir(e->d_name) || (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN))
        return false;
    tracuu_buf_t sub = {0};
    struct stat vst;
    tracuu_buf_printf(&sub, "%s/%s", path, e->d_name);
    bool dir = lstat(sub.s, &vst) == 0 && S_ISDIR(vst.st_mode);
    tracuu_buf_free(&sub);
    return dir;
}

/* The entries of directory d, sorted (by_name); *n of them. */
static entry_t *read_entries(DIR *d, const char *path, size_t *n)
{
    entry_t *v = NULL;
    size_t cap = 0;
    struct dirent *e;
    *n = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            skip_vcs(path, e))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            v = tracuu_xrealloc(v, cap * sizeof *v);
        }
        v[(*n)++] = (entry_t){tracuu_xstrdup(e->d_name), e->d_type == DT_DIR};
    }
    if (*n)
        qsort(v, *n, sizeof *v, by_name);
    return v;
}

static void visit_dir(walker_t *k, const char *path,
                      const struct stat *st, int depth)
{
    DIR *d = opendir(path);
    if (!d) {
        blind(k, path, errno);
        return;
    }
    /* The directory's real path, once: its entries' real paths are it
     * and their names (no realpath, a dozen system calls, per file). */
    char *real_dir = realpath(path, NULL);
    if (!real_dir) {
        int e = errno;
        closedir(d);
        blind(k, path, e);
        return;
    }
    size_t n = 0;
    entry_t *names = read_entries(d, path, &n);
    closedir(d);
    k->seen[dir_slot(k, st->st_dev, st->st_ino)].listed = true;
    tracuu_buf_t child = {0}, real = {0};
    bool slash = path[strlen(path) - 1] == '/';
    bool real_slash = real_dir[strlen(real_dir) - 1] == '/';
    for (size_t i = 0; i < n; i++) {
        tracuu_buf_clear(&child);
        tracuu_buf_printf(&child, "%s%s%s", path, slash ? "" : "/",
                          names[i].name);
        tracuu_buf_clear(&real);
        tracuu_buf_printf(&real, "%s%s%s", real_dir, real_slash ? "" : "/",
                          names[i].name);
        visit(k, child.s, real.s, depth + 1, false);
        free(names[i].name);
    }
    tracuu_buf_free(&child);
    tracuu_buf_free(&real);
    free(names);
    free(real_dir);
}

/* A path that stat cannot follow: why, said. */
static void unreachable(walker_t *k, const char *path)
{
    int e = errno;
    struct stat lst;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
        problem(k, path, e == ELOOP ? "symbolic link loop"
                                    : "dangling symbolic link");
    else
        problem(k, path, strerror(e));
}

/* real: the path's real path when it is an entry of a directory walked
 * (NULL for a PATH given); named: the user gave this path. An entry that
 * is a symbolic link is followed: its real path is found then. */
static void visit(walker_t *k, const char *path, const char *real, int depth,
                  bool named)
{
    struct stat st;
    if ((real ? lstat(path, &st) : stat(path, &st)) != 0) {
        unreachable(k, path);
        return;
    }
    if (S_ISLNK(st.st_mode)) {
        real = NULL;
        if (stat(path, &st) != 0) {
            unreachable(k, path);
            return;
        }
    }
    if (S_ISDIR(st.st_mode)) {
        if (!real && leaves_roots(k, path))
            return;
        if (depth >= MAX_DEPTH)
            problem(k, path, "directory tree too deep");
        else if (enter_once(k, &st))
            visit_dir(k, path, &st, depth);
        else if (named)
            problem(k, path, "directory already visited (link loop?)");
        return;
    }
    if (!real && leaves_roots(k, path))
        return;
    if (!S_ISREG(st.st_mode)) {
        problem(k, path, "not a regular file");
        return;
    }
    char what[160];
    int sup = tracuu_read_classify(path, what, sizeof what);
    if (sup < 0)
        problem(k, path, what);
    else if (sup == 0)
        add_other(k, path, real, what);
    else
        add_file(k, path, real, &st);
}

static int by_path_linked(const void *a, const void *b)
{
    const linked_t *x = a, *y = b;
    return strcmp(x->f.path, y->f.path);
}

static int by_path_other(const void *a, const void *b)
{
    const tracuu_walk_other_t *x = a, *y = b;
    return strcmp(x->path, y->path);
}

/* Was the file at real path p met in its own directory? Then the walk
 * entered that directory (every entry of one is visited). */
static bool met_in_place(const walker_t *k, const char *p)
{
    const char *slash = strrchr(p, '/');
    if (!slash)
        return false;
    char *dir = tracuu_xstrndup(p, slash == p ? 1 : (size_t)(slash - p));
    struct stat st;
    bool met = stat(dir, &st) == 0 && listed(k, st.st_dev, st.st_ino);
    free(dir);
    return met;
}

/* The deferred files (links, PATHs given): each real path once, unless
 * the walk met it in place. */
static void flush_linked(walker_t *k)
{
    if (k->n_linked > 1)
        qsort(k->linked, k->n_linked, sizeof *k->linked, by_path_linked);
    for (size_t i = 0; i < k->n_linked; i++) {
        tracuu_walk_file_t *f = &k->linked[i].f;
        bool dup = i && strcmp(f->path, k->linked[i - 1].f.path) == 0;
        if (!dup && !met_in_place(k, f->path))
            k->on_file(k->file_ctx, f);
    }
    for (size_t i = 0; i < k->n_linked; i++)
        free(k->linked[i].f.path);
    free(k->linked);
}

void tracuu_walk(const char *const *paths, size_t n, unsigned flags,
                 tracuu_walk_t *w, tracuu_walk_warn_fn warn, void *ctx,
                 tracuu_walk_file_fn on_file, void *file_ctx)
{
    memset(w, 0, sizeof *w);
    walker_t k = {.w = w, .warn = warn, .ctx = ctx, .on_file = on_file,
                  .file_ctx = file_ctx,
                  .follow = (flags & TRACUU_WALK_FOLLOW_LINKS) != 0};
    /* Every root first: a link under one may lead into another. */
    w->roots = tracuu_xcalloc(n + 1, sizeof *w->roots);
    for (size_t i = 0; i < n; i++) {
        char *real = realpath(paths[i], NULL);
        if (real)
            w->roots[w->n_roots++] = real;
    }
    for (size_t i = 0; i < n; i++)
        visit(&k, paths[i], NULL, 0, true);
    flush_linked(&k);
    free(k.seen);
    if (w->n_others > 1) {
        qsort(w->others, w->n_others, sizeof *w->others, by_path_other);
        size_t o = 1;
        for (size_t i = 1; i < w->n_others; i++) {
            if (strcmp(w->others[i].path, w->others[o - 1].path) == 0) {
                free(w->others[i].path);
                free(w->others[i].what);
            } else {
                w->others[o++] = w->others[i];
            }
        }
        w->n_others = o;
    }
}

void tracuu_walk_free(tracuu_walk_t *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n_roots; i++)
        free(w->roots[i]);
    free(w->roots);
    for (size_t i = 0; i < w->n_blind; i++)
        free(w->blind[i]);
    free(w->blind);
    for (size_t i = 0; i < w->n_others; i++) {
        free(w->others[i].path);
        free(w->others[i].what);
    }
    free(w->others);
    memset(w, 0, sizeof *w);
}

static int under_any(char *const *dirs, size_t n_dirs, const char *path)
{
    for (size_t i = 0; i < n_dirs; i++) {
        size_t n = strlen(dirs[i]);
        if (strncmp(path, dirs[i], n) == 0 &&
            (path[n] == '\0' || path[n] == '/' ||
             (n > 0 && dirs[i][n - 1] == '/')))
            return 1;
    }
    return 0;
}

int tracuu_walk_under_roots(const tracuu_walk_t *w, const char *path)
{
    return under_any(w->roots, w->n_roots, path);
}

int tracuu_walk_under_blind(const tracuu_walk_t *w, const char *path)
{
    return under_any(w->blind, w->n_blind, path);
}
