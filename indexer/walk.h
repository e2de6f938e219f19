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

typedef struct tracuu_walk {
    tracuu_walk_file_t *files;  /* sorted by path, no duplicates */
    size_t n, cap;
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

/* Collect the supported files under paths[0..n) into w (new contents;
 * free with tracuu_walk_free), and the regular files of other types into
 * w->others. Directories are followed recursively (hidden ones too, but
 * not the version control directories .git, .svn, .hg and .bzr, skipped
 * without a word unless given as a path),
 * symbolic links to files and directories too, each directory once; a
 * link whose target lies outside every root (real paths) is reported and
 * not followed, unless flags has TRACUU_WALK_FOLLOW_LINKS (a link in an
 * indexed folder must not make a private file elsewhere searchable).
 * Problems go to warn and are counted; the walk goes on. */
void tracuu_walk(const char *const *paths, size_t n, unsigned flags,
                 tracuu_walk_t *w, tracuu_walk_warn_fn warn, void *ctx);
void tracuu_walk_free(tracuu_walk_t *w);

/* True when path is one of the roots or lies below one. */
int tracuu_walk_under_roots(const tracuu_walk_t *w, const char *path);
/* True when path lies in (or is) a directory the walk could not read. */
int tracuu_walk_under_blind(const tracuu_walk_t *w, const char *path);

#endif
