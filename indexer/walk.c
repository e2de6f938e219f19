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
#include "reader.h"

#define MAX_DEPTH 256

typedef struct dirid {
    dev_t dev;
    ino_t ino;
} dirid_t;

typedef struct walker {
    tracuu_walk_t *w;
    bool follow;     /* follow links that leave the roots */
    tracuu_walk_warn_fn warn;
    void *ctx;
    dirid_t *seen;   /* directories entered, against loops */
    size_t n_seen, cap_seen;
} walker_t;

static void problem(walker_t *k, const char *path, const char *reason)
{
    k->w->n_problems++;
    if (k->warn)
        k->warn(k->ctx, path, reason);
}

static bool enter_once(walker_t *k, const struct stat *st)
{
    for (size_t i = 0; i < k->n_seen; i++)
        if (k->seen[i].dev == st->st_dev && k->seen[i].ino == st->st_ino)
            return false;
    if (k->n_seen == k->cap_seen) {
        k->cap_seen = k->cap_seen ? k->cap_seen * 2 : 64;
        k->seen = tracuu_xrealloc(k->seen, k->cap_seen * sizeof *k->seen);
    }
    k->seen[k->n_seen++] = (dirid_t){st->st_dev, st->st_ino};
    return true;
}

static void add_file(walker_t *k, const char *path, const struct stat *st)
{
    char *real = realpath(path, NULL);
    if (!real) {
        problem(k, path, strerror(errno));
        return;
    }
    tracuu_walk_t *w = k->w;
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 256;
        w->files = tracuu_xrealloc(w->files, w->cap * sizeof *w->files);
    }
    w->files[w->n++] = (tracuu_walk_file_t){
        real, (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec,
        (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec,
        (uint64_t)st->st_ino, (uint64_t)st->st_size, (uint64_t)st->st_dev};
}

static void add_other(walker_t *k, const char *path, const char *what)
{
    char *real = realpath(path, NULL);
    if (!real) {
        problem(k, path, strerror(errno));
        return;
    }
    tracuu_walk_t *w = k->w;
    if (w->n_others == w->cap_others) {
        w->cap_others = w->cap_others ? w->cap_others * 2 : 64;
        w->others = tracuu_xrealloc(w->others,
                                    w->cap_others * sizeof *w->others);
    }
    w->others[w->n_others++] = (tracuu_walk_other_t){real, tracuu_xstrdup(what)};
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
        tracuu_buf_printf(&m, "symbolic link to %s, outside the paths given "
                              "(--follow-symlinks follows it)", real);
        problem(k, path, m.s);
        tracuu_buf_free(&m);
    }
    free(real);
    return out;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void visit(walker_t *k, const char *path, int depth, bool named);

static void visit_dir(walker_t *k, const char *path, int depth)
{
    DIR *d = opendir(path);
    if (!d) {
        blind(k, path, errno);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (vcs_dir(e->d_name) && (e->d_type == DT_DIR || e->d_type == DT_UNKNOWN)) {
            tracuu_buf_t sub = {0};
            struct stat vst;
            tracuu_buf_printf(&sub, "%s/%s", path, e->d_name);
            bool dir = lstat(sub.s, &vst) == 0 && S_ISDIR(vst.st_mode);
            tracuu_buf_free(&sub);
            if (dir)
                continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = tracuu_xrealloc(names, cap * sizeof *names);
        }
        names[n++] = tracuu_xstrdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    tracuu_buf_t child = {0};
    for (size_t i = 0; i < n; i++) {
        tracuu_buf_clear(&child);
        tracuu_buf_printf(&child, "%s%s%s", path,
                          path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
        visit(k, child.s, depth + 1, false);
        free(names[i]);
    }
    tracuu_buf_free(&child);
    free(names);
}

/* named: the user gave this path. */
static void visit(walker_t *k, const char *path, int depth, bool named)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        struct stat lst;
        if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
            problem(k, path, errno == ELOOP ? "symbolic link loop"
                                            : "dangling symbolic link");
        else
            problem(k, path, strerror(errno));
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        if (leaves_roots(k, path))
            return;
        if (depth >= MAX_DEPTH)
            problem(k, path, "directory tree too deep");
        else if (enter_once(k, &st))
            visit_dir(k, path, depth);
        else if (named)
            problem(k, path, "directory already visited (link loop?)");
        return;
    }
    if (leaves_roots(k, path))
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
        add_other(k, path, what);
    else
        add_file(k, path, &st);
}

static int by_path(const void *a, const void *b)
{
    const tracuu_walk_file_t *x = a, *y = b;
    return strcmp(x->path, y->path);
}

static int by_path_other(const void *a, const void *b)
{
    const tracuu_walk_other_t *x = a, *y = b;
    return strcmp(x->path, y->path);
}

void tracuu_walk(const char *const *paths, size_t n, unsigned flags,
                 tracuu_walk_t *w, tracuu_walk_warn_fn warn, void *ctx)
{
    memset(w, 0, sizeof *w);
    walker_t k = {.w = w, .warn = warn, .ctx = ctx,
                  .follow = (flags & TRACUU_WALK_FOLLOW_LINKS) != 0};
    /* Every root first: a link under one may lead into another. */
    w->roots = tracuu_xcalloc(n + 1, sizeof *w->roots);
    for (size_t i = 0; i < n; i++) {
        char *real = realpath(paths[i], NULL);
        if (real)
            w->roots[w->n_roots++] = real;
    }
    for (size_t i = 0; i < n; i++)
        visit(&k, paths[i], 0, true);
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
    if (w->n > 1) {
        qsort(w->files, w->n, sizeof *w->files, by_path);
        size_t o = 1;
        for (size_t i = 1; i < w->n; i++) {
            if (strcmp(w->files[i].path, w->files[o - 1].path) == 0)
                free(w->files[i].path);
            else
                w->files[o++] = w->files[i];
        }
        w->n = o;
    }
}

void tracuu_walk_free(tracuu_walk_t *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n; i++)
        free(w->files[i].path);
    free(w->files);
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
