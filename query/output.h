/* output.h: one printer interface with text, JSON and paths implementations. */
#ifndef TRACUU_QUERY_OUTPUT_H
#define TRACUU_QUERY_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "snippet.h"

/* Version of the JSON output's shape; bump on incompatible changes. */
#define TRACUU_JSON_FORMAT_VERSION 1

typedef struct tracuu_hit {
    size_t rank;           /* 1-based, offset included */
    const char *path;
    const char *title;
    double score;
    const char *issued;    /* YYYY-MM-DD or NULL when unknown */
    const tracuu_snippet_t *snippets;
    size_t n_snippets;
    const char *note;      /* why there is no snippet (file changed), or NULL */
} tracuu_hit_t;

typedef struct tracuu_printer tracuu_printer_t;
struct tracuu_printer {
    void (*begin)(tracuu_printer_t *p, const char *query, const char *parsed,
                  unsigned total, unsigned offset, unsigned limit);
    void (*hit)(tracuu_printer_t *p, const tracuu_hit_t *h);
    void (*end)(tracuu_printer_t *p);
    FILE *f;
    bool color;            /* text: bold marks (a terminal) */
    bool tty;              /* paths: f is a terminal (names escaped) */
    bool null;             /* paths: NUL-terminated raw names (-0) */
    void *state;           /* implementation's own */
};

typedef enum tracuu_format {
    TRACUU_FORMAT_TEXT = 0,
    TRACUU_FORMAT_JSON,
    TRACUU_FORMAT_PATHS,
} tracuu_format_t;

/* Set up p for format writing to f. Text escapes every path, title and
 * snippet (escape.h); paths prints names raw one a line, escaped when tty,
 * NUL-terminated and raw when null; JSON writes a name that is not UTF-8
 * with U+FFFD for its bad bytes plus "path_bytes", its bytes in base64. */
void tracuu_printer_init(tracuu_printer_t *p, tracuu_format_t format, FILE *f,
                         bool color, bool tty, bool null);

/* Whether the printer needs snippets (paths does not). */
bool tracuu_format_wants_snippets(tracuu_format_t format);

#endif
