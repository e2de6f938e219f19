/* walk.h: the files under the paths given on the command line. */
#ifndef TRACUU_WALK_H
#define TRACUU_WALK_H

#include <stddef.h>
#include <stdint.h>

typedef struct tracuu_walk_file {
    char *path;        /* absolute, symlinks resolved */
    int64_t mtime_ns;  /* nanoseconds since the epoch */
    int64_t ctime_ns;
    uint64_t ino;
    uint64_t size;
    uint64_t dev;      /* the device holding it (with ino: which file) */
} tracuu_walk_file_t;

/* A regular file under the roots that no reader handles (a .gif, a
 * Thumbs.db, a .zip): named and counted, never read. */
typedef struct tracuu_walk_other {
    char *path;        /* absolute, symlinks resolved */
    char *what;        /* what it is: ".gif", "no extension: binary data" */
} tracuu_walk_other_t;

/* The file's mtime in whole seconds (rounded down). */
int64_t tracuu_walk_mtime_s(const tracuu_walk_file_t *f);

/* A problem met while walking (an unreadable directory, a loop ...). */
typedef void (*tracuu_walk_warn_fn)(void *ctx, const char *path,
                                     const char *reason);

/* A supported file found (borrowed: f and its path are valid during
 * the call only). */
typedef void (*tracuu_walk_file_fn)(void *ctx, const tracuu_walk_file_t *f);

typedef struct tracuu_walk {
    char **roots;               /* absolute forms of the paths given */
    size_t n_roots;
    char **blind;               /* directories that could not be read (real
                                   paths): what lies below is unknown */
    size_t n_blind;
    size_t n_problems;          /* paths reported through warn */
    tracuu_walk_other_t *others;/* unsupported files, sorted by path, no
                                   duplicates; not reported through warn */
    size_t n_others, cap_others;
} tracuu_walk_t;

/* Follow symbolic links that lead outside the roots too. */
#define TRACUU_WALK_FOLLOW_LINKS 1u

/* Walk paths[0..n), handing each supported file to on_file as it is
 * found (each real path once; nothing per file is kept, so memory does
 * not grow with the tree), and keep the regular files of other types in
 * w->others (new contents; free with tracuu_walk_free). Files come in
 * the order of their paths (byte order, directory by directory, each
 * root in turn); a file reached through a symbolic link or named as a
 * PATH comes at the end of the walk, unless the walk met it in its own
 * directory. Directories are followed recursively (hidden ones too, but
 * not the version control directories .git, .svn, .hg and .bzr, skipped
 * without a word unless given as a path),
 * symbolic links to files and directories too, each directory once; a
 * link whose target lies outside every root (real paths) is reported and
 * not followed, unless flags has TRACUU_WALK_FOLLOW_LINKS (a link in an
 * indexed folder must not make a private file elsewhere searchable).
 * Problems go to warn and are counted; the walk goes on. */
void tracuu_walk(const char *const *paths, size_t n, unsigned flags,
                 tracuu_walk_t *w, tracuu_walk_warn_fn warn, void *ctx,
                 tracuu_walk_file_fn on_file, void *file_ctx);
void tracuu_walk_free(tracuu_walk_t *w);

/* True when path is one of the roots or lies below one. */
int tracuu_walk_under_roots(const tracuu_walk_t *w, const char *path);
/* True when path lies in (or is) a directory the walk could not read. */
int tracuu_walk_under_blind(const tracuu_walk_t *w, const char *path);

#endif
