/* snippet.h: the passages of a document that best show why it matched. */
#ifndef TRACUU_SNIPPET_H
#define TRACUU_SNIPPET_H

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

/* What snippets are cut around (all borrowed): the runs of syllables in
 * hl[0..n_hl), a syllable matching when its folded form is the run's,
 * and its exact form too where the query gave accents (an unaccented
 * syllable in the text, as OCR leaves them, matches any); the syllables
 * inside spans[0..n_spans) (a cited symbol as written, a date: byte
 * ranges of the normalised text) are matches too and weigh most. */
typedef struct tracuu_snip_query {
    const tracuu_hl_t *hl;
    size_t n_hl;
    const tracuu_span_t *spans;
    size_t n_spans;
    size_t max;                 /* snippets wanted at most */
} tracuu_snip_query_t;

/* A text snippets are cut from (borrowed). */
typedef struct tracuu_snip_text {
    const char *s;
    size_t len;
    bool raw;          /* not normalised yet: only the regions around the
                          matches are, and spans are ignored */
    bool more_before;  /* a slice: the longer text goes on before it, */
    bool more_after;   /*   after it (tracuu_snippets_slice) */
} tracuu_snip_text_t;

/* Up to sq->max snippets of normalised text[0..len) around sq's matches.
 * *out is new (free with tracuu_snippets_free); *n its length (0 when
 * nothing matched). */
void tracuu_snippets_spans(tracuu_analyzer_t *a, const char *text, size_t len,
                           const tracuu_snip_query_t *sq,
                           tracuu_snippet_t **out, size_t *n);
/* The same over t, normalised or raw (t->raw; a text longer than a few
 * KB is searched in the regions where most matches meet). */
void tracuu_snippets_text(tracuu_analyzer_t *a, const tracuu_snip_text_t *t,
                          const tracuu_snip_query_t *sq,
                          tracuu_snippet_t **out, size_t *n);
/* The same over normalised t (not raw) that is a slice of a longer text
 * (t->more_before, t->more_after), searched whole. */
void tracuu_snippets_slice(tracuu_analyzer_t *a, const tracuu_snip_text_t *t,
                           const tracuu_snip_query_t *sq,
                           tracuu_snippet_t **out, size_t *n);
void tracuu_snippets_free(tracuu_snippet_t *s, size_t n);

#endif
