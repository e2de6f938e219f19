/* walk.h: the files under the paths given on the command line. */
#ifndef TRACUU_WALK_H
#define TRACUU_WALK_H

#include <stddef.h>
#include <stdint.h>

typedef struct tracuu_walk_file {
    char *path;      /* absolute, symlinks resolved */
    int64_t mtime;
    uint64_t size;
} tracuu_walk_file_t;

/* A problem met while walking (an unreadable directory, a loop ...). */
typedef void (*tracuu_walk_warn_fn)(void *ctx, const char *path,
                                     const char *reason);

typedef struct tracuu_walk {
    tracuu_walk_file_t *files;  /* sorted by path, no duplicates */
    size_t n, cap;
    char **roots;               /* absolute forms of the paths given */
    size_t n_roots;
    size_t n_problems;          /* paths reported through warn */
} tracuu_walk_t;

/* Collect the supported files under paths[0..n) into w (new contents;
 * free with tracuu_walk_free). Directories are followed recursively,
 * symbolic links to files and directories too, each directory once.
 * Problems go to warn and are counted; the walk goes on. */
void tracuu_walk(const char *const *paths, size_t n, tracuu_walk_t *w,
                 tracuu_walk_warn_fn warn, void *ctx);
void tracuu_walk_free(tracuu_walk_t *w);

/* True when path is one of the roots or lies below one. */
int tracuu_walk_under_roots(const tracuu_walk_t *w, const char *path);

#endif
