/* progress.h: the progress line of an indexing run, and its closing summary. */
#ifndef TRACUU_PROGRESS_H
#define TRACUU_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- the progress line ---- */

typedef struct tracuu_progress tracuu_progress_t;

/* Start a progress line on out (usually stdout) for a run over
 * total_files files of total_bytes bytes. The line shows only when
 * enabled and out is a terminal; otherwise every call below does
 * nothing (the handle is still valid). Returns a new handle; end it with
 * tracuu_progress_end. */
tracuu_progress_t *tracuu_progress_start(FILE *out, size_t total_files,
                                         uint64_t total_bytes, bool enabled);

/* Report done_files files and done_bytes bytes done, now working on
 * current (a path, borrowed; may be NULL). Redraws the line in place
 * ("\r") at most ten times a second, and always for the last file:
 *   [ 120/4567] 12.3/456.7 MB  3.4 MB/s  ETA 2:11  …/2024/KH-01.docx
 * cut to the terminal's width (the path loses its beginning first).
 * Safe to call from several threads. */
void tracuu_progress_update(tracuu_progress_t *p, size_t done_files,
                            uint64_t done_bytes, const char *current);

/* The progress line for a terminal cols wide into out (size bytes):
 * counts ("[ 12/400]"), mb ("1.2/10.3 MB"), rate ("0.5 MB/s"), eta
 * ("ETA 0:12") and name (the current file, escaped already; may be
 * NULL) joined by spaces, within cols - 1 columns; a shortened name
 * begins after a '/' or space ("…thi đua.docx"). What does not fit
 * goes whole, never cut inside a word: first the file name (shortened
 * from its beginning while at least MIN_NAME columns of it fit), then
 * the ETA, the rate, the megabytes; the counts always stay. Exposed for
 * tests. */
void tracuu_progress_compose(const char *counts, const char *mb,
                             const char *rate, const char *eta,
                             const char *name, size_t cols, char *out,
                             size_t size);

/* Print a message (a line, e.g. a warning) above the progress line:
 * the line is cleared, msg printed to stream, the line redrawn later. */
void tracuu_progress_message(tracuu_progress_t *p, FILE *stream,
                             const char *msg);

/* Clear the line and free p. Accepts NULL. */
void tracuu_progress_end(tracuu_progress_t *p);

/* Format "ETA" seconds as m:ss or h:mm:ss into buf (size >= 16);
 * "--:--" when unknown (negative). Exposed for tests. */
void tracuu_progress_eta(double seconds, char *buf, size_t size);

/* Fit the UTF-8 path into at most cols terminal columns, appending to
 * out (size bytes, NUL-terminated): whole when it fits, else "…" and
 * its end. Combining marks take no column. Exposed for tests. */
void tracuu_progress_fit(const char *path, size_t cols, char *out,
                         size_t size);

/* ---- the summary ---- */

typedef enum tracuu_outcome {
    TRACUU_OUTCOME_INDEXED = 0,
    TRACUU_OUTCOME_UNCHANGED,
    TRACUU_OUTCOME_SKIPPED,
    TRACUU_OUTCOME_FAILED,
    TRACUU_OUTCOME_UNSUPPORTED, /* a type no reader handles: named, not read */
    TRACUU_OUTCOME_LAST
} tracuu_outcome_t;

typedef struct tracuu_summary tracuu_summary_t;

/* A new, empty summary; free with tracuu_summary_free. */
tracuu_summary_t *tracuu_summary_new(void);

/* Count one file of format (e.g. "docx"; NULL counts as "other") with
 * outcome; reason (borrowed, may be NULL) is grouped for skipped and
 * failed files by its general part: the text before the first ':' and
 * without a parenthesis holding numbers ("file too large (300 MB; …)"
 * and "antiword failed (exit 1): …" group as "file too large" and
 * "antiword failed"). Not thread-safe: call from one thread. */
void tracuu_summary_add(tracuu_summary_t *s, const char *format,
                        tracuu_outcome_t outcome, const char *reason);

/* Files counted with format (NULL: any) and outcome. */
size_t tracuu_summary_count(const tracuu_summary_t *s, const char *format,
                            tracuu_outcome_t outcome);

/* Print the table of formats by outcome, then the reasons of skipped and
 * failed files with their counts, most frequent first:
 *   format    indexed  unchanged  skipped  failed  unsupported
 *   docx          120         10        2       1            0
 *   gif             0          0        0       0            3
 *   ...
 *   total         200         10       17       1            3
 *   skipped: 12 scanned, no text (use --ocr); 3 png image, not a document
 *   failed: 1 damaged PDF
 * Nothing when nothing was counted. */
void tracuu_summary_print(const tracuu_summary_t *s, FILE *out);

void tracuu_summary_free(tracuu_summary_t *s);

#endif
