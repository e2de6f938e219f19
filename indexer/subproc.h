/* subproc.h: run a converter program with a time limit and a memory limit. */
#ifndef TRACUU_SUBPROC_H
#define TRACUU_SUBPROC_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Limits for one run. Zero fields take the defaults below. */
typedef struct tracuu_subproc_limits {
    unsigned seconds;       /* wall-clock time; killed past it */
    size_t mem_mb;          /* address space of the child (RLIMIT_AS) */
    size_t max_out;         /* bytes of standard output kept; killed past it */
    size_t max_file_mb;     /* largest file the child may write (RLIMIT_FSIZE) */
} tracuu_subproc_limits_t;

#define TRACUU_SUBPROC_SECONDS 60
#define TRACUU_SUBPROC_MEM_MB 1024
#define TRACUU_SUBPROC_MAX_OUT (256u << 20)
#define TRACUU_SUBPROC_FILE_MB 512

typedef enum tracuu_subproc_end {
    TRACUU_SUBPROC_EXITED = 0,  /* exit_code is set */
    TRACUU_SUBPROC_SIGNALLED,   /* killed by signal sig (e.g. out of memory) */
    TRACUU_SUBPROC_TIMED_OUT,   /* ran past the time limit; killed */
    TRACUU_SUBPROC_TOO_MUCH,    /* wrote more than max_out; killed */
    TRACUU_SUBPROC_NOT_FOUND,   /* the program is not installed */
    TRACUU_SUBPROC_ERROR,       /* pipe, fork or exec failed (errno in sig) */
} tracuu_subproc_end_t;

typedef struct tracuu_subproc_result {
    tracuu_subproc_end_t end;
    int exit_code;
    int sig;
    tracuu_buf_t out;   /* standard output; owned, free with tracuu_subproc_result_free */
    tracuu_buf_t err;   /* first 4 KiB of standard error; owned */
} tracuu_subproc_result_t;

/* Run argv[0] (looked up in PATH) with argv, standard input from
 * /dev/null, in a process group of its own with limits lim (NULL: the
 * defaults); OMP_THREAD_LIMIT=1 in its environment so OCR engines stay
 * on one core. Safe to call from several threads. Fills res (new
 * contents; free with tracuu_subproc_result_free). Returns true when the
 * program exited with status 0. */
bool tracuu_subproc_run(const char *const *argv,
                        const tracuu_subproc_limits_t *lim,
                        tracuu_subproc_result_t *res);

/* True when program is found in PATH (an executable file). */
bool tracuu_subproc_have(const char *program);

/* Append a one-line description of a run that did not exit 0, e.g.
 * "pdftotext timed out after 60 s" or "antiword failed (exit 1): ...". */
void tracuu_subproc_describe(const char *program,
                             const tracuu_subproc_limits_t *lim,
                             const tracuu_subproc_result_t *res,
                             tracuu_buf_t *out);

void tracuu_subproc_result_free(tracuu_subproc_result_t *res);

/* Stop every converter: kill the process groups of those running (they
 * run in their own, away from a terminal's Ctrl-C) and make the running
 * and later tracuu_subproc_run calls fail (TRACUU_SUBPROC_ERROR, EINTR).
 * Async-signal-safe: for a SIGINT or SIGTERM handler. */
void tracuu_subproc_cancel(void);

#endif
