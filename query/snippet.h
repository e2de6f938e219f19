/* snippet.h: the passages of a document that best show why it matched. */
#ifndef TRACUU_QUERY_SNIPPET_H
#define TRACUU_QUERY_SNIPPET_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"
#include "build.h"
#include "span.h"

typedef struct tracuu_mark {
    size_t start, len;    /* bytes within the snippet text */
} tracuu_mark_t;

typedef struct tracuu_snippet {
    char *text;           /* one line, white space collapsed */
    tracuu_mark_t *marks; /* the matched words, in order */
    size_t n_marks;
} tracuu_snippet_t;

/* Up to max snippets of normalised text[0..len) around the runs of
 * syllables in hl[0..n_hl): a syllable matches when its folded form is
 * the run's, and its exact form too where the query gave accents (an
 * unaccented syllable in the text, as OCR leaves them, matches any); the
 * syllables inside spans[0..n_spans) (a cited symbol as written, a date)
 * are matches too and weigh most. *out is new (free with
 * tracuu_snippets_free); *n its length (0 when nothing matched). */
void tracuu_snippets_spans(tracuu_analyzer_t *a, const char *text, size_t len,
                           const tracuu_hl_t *hl, size_t n_hl,
                           const tracuu_span_t *spans, size_t n_spans,
                           size_t max, tracuu_snippet_t **out, size_t *n);
/* The same over text that is not normalised yet (read again from its
 * file) when raw: only the regions around the matches are normalised,
 * and spans are ignored (they index normalised text). */
void tracuu_snippets_text(tracuu_analyzer_t *a, const char *text, size_t len,
                          bool raw, const tracuu_hl_t *hl, size_t n_hl,
                          const tracuu_span_t *spans, size_t n_spans,
                          size_t max, tracuu_snippet_t **out, size_t *n);
/* The same over normalised text[0..len) that is a slice of a longer text
 * (more_before, more_after: the longer text goes on before, after it). */
void tracuu_snippets_slice(tracuu_analyzer_t *a, const char *text, size_t len,
                           bool more_before, bool more_after,
                           const tracuu_hl_t *hl, size_t n_hl,
                           const tracuu_span_t *spans, size_t n_spans,
                           size_t max, tracuu_snippet_t **out, size_t *n);
void tracuu_snippets_free(tracuu_snippet_t *s, size_t n);

#endif
