/* jobplan.h: a run's jobs in walk order, kept out of memory past a few MB. */
#ifndef TRACUU_JOBPLAN_H
#define TRACUU_JOBPLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "walk.h"

/* One file to (re)index, as planned. */
typedef struct tracuu_jobplan_job {
    tracuu_walk_file_t file; /* file.path borrowed (see tracuu_jobplan_next) */
    unsigned old_docid;      /* the stale document of a changed file, or 0 */
    uint8_t home;            /* the shard that knows the file, or new */
    bool failed_before;      /* a failure is remembered for this file */
} tracuu_jobplan_job_t;

typedef struct tracuu_jobplan tracuu_jobplan_t;

/* A new, empty plan; free with tracuu_jobplan_free. */
tracuu_jobplan_t *tracuu_jobplan_new(void);
void tracuu_jobplan_free(tracuu_jobplan_t *p);

/* Append a copy of j (its path too). The first PLAN_MEM_BYTES of jobs
 * are kept in memory, the rest in an unlinked file in $TMPDIR (or /tmp).
 * Returns 0, or -1 with errno set (the file cannot be made or written:
 * the plan is then unusable). */
int tracuu_jobplan_add(tracuu_jobplan_t *p, const tracuu_jobplan_job_t *j);

/* After the last add: write out what is buffered. 0, or -1 with errno. */
int tracuu_jobplan_finish(tracuu_jobplan_t *p);

/* A reader of a finished plan, from its first job; any number at once
 * (one per thread). Zero it before the first call; free with
 * tracuu_jobplan_cursor_free. */
typedef struct tracuu_jobplan_cursor {
    uint64_t off;        /* the next job's offset */
    unsigned char *buf;  /* bytes of the file from buf_off */
    uint64_t buf_off;
    size_t buf_len;
    tracuu_buf_t path;   /* the last job's path */
} tracuu_jobplan_cursor_t;

/* The next job into *j (its path borrowed from c, valid until the next
 * call): 1, or 0 after the last, or -1 with errno on a read error. */
int tracuu_jobplan_next(const tracuu_jobplan_t *p, tracuu_jobplan_cursor_t *c,
                     tracuu_jobplan_job_t *j);
void tracuu_jobplan_cursor_free(tracuu_jobplan_cursor_t *c);

#endif
