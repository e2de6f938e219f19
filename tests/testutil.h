/* testutil.h: helpers shared by the cmocka tests (header-only). */
#ifndef TRACUU_TESTUTIL_H
#define TRACUU_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xdb.h"

/* The shared data folder (../shared beside the checkout, or $TRACUU_SHARED),
 * or NULL when absent. Tests that need it call tt_need_shared() instead. */
static inline const char *tt_shared_dir(void)
{
    const char *env = getenv("TRACUU_SHARED");
    const char *dir = env && *env ? env : "../shared";
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return dir;
    return NULL;
}

/* Returns the shared folder. When it is missing: under CI (CI=true) the
 * test program fails at once; otherwise it prints the one "skipped" line
 * and exits 0, so a lone clone still passes. Call it before running the
 * cmocka group. */
static inline const char *tt_need_shared(const char *prog)
{
    const char *dir = tt_shared_dir();
    if (dir)
        return dir;
    const char *ci = getenv("CI");
    if (ci && strcmp(ci, "true") == 0) {
        fprintf(stderr, "%s: FAILED: ../shared not found (required under CI)\n",
                prog);
        exit(1);
    }
    printf("skipped: ../shared not found (%s)\n", prog);
    exit(0);
}

/* Read a whole file (new; free with free()), NULL on failure. */
static inline char *tt_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n - 1 == 0) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        if (len)
            *len = n;
    }
    return buf;
}

/* A scratch directory made from template (ending in XXXXXX, at most
 * size - 1 bytes) into dir: 0, or -1. For cmocka group setups. */
static inline int tt_make_dir(char *dir, size_t size, const char *template)
{
    snprintf(dir, size, "%s", template);
    return mkdtemp(dir) ? 0 : -1;
}

/* A scratch directory from template into dir (see tt_make_dir) and a new
 * database "db" in it, its path into path, open for writing: the
 * database, or NULL. */
static inline tracuu_db_t *tt_make_db(char *dir, size_t dsize, char *path,
                                      size_t psize, const char *template)
{
    tracuu_db_t *db = NULL;
    if (tt_make_dir(dir, dsize, template))
        return NULL;
    snprintf(path, psize, "%s/db", dir);
    if (tracuu_db_open(path, TRACUU_DB_WRITE, &db, NULL) != TRACUU_OK)
        return NULL;
    return db;
}

/* Remove the scratch directory dir and all it holds: 0, or -1. */
static inline int tt_remove_dir(const char *dir)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
