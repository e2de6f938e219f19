/* run.h: one indexing run: walk, skip unchanged, analyse, write, delete. */
#ifndef TRACUU_RUN_H
#define TRACUU_RUN_H

#include <stdbool.h>
#include <stddef.h>

typedef struct tracuu_run_opts {
    const char *db_path;
    const char *const *paths;
    size_t n_paths;
    unsigned jobs;          /* analysing threads; 1 = all in this thread */
    bool no_delete;         /* keep documents whose files are gone */
    bool ocr;               /* run OCR on scanned PDFs */
    bool retry_failed;      /* read again files that failed before */
    bool follow_symlinks;   /* follow links that lead outside the paths */
    bool quiet;             /* no summary */
    bool verbose;           /* a line per file, with format and encoding */
} tracuu_run_opts_t;

/* Run; returns the process exit status: 0 every file indexed, 2 some
 * skipped or failed, 1 fatal (messages already printed on stderr: a path
 * that does not exist, an index that cannot be written, a merge that
 * failed), 128 + the signal after a SIGINT or SIGTERM (what was indexed
 * is committed, nothing is removed). */
int tracuu_run(const tracuu_run_opts_t *opts);

#endif
