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
    void *state;           /* implementation's own */
};

typedef enum tracuu_format {
    TRACUU_FORMAT_TEXT = 0,
    TRACUU_FORMAT_JSON,
    TRACUU_FORMAT_PATHS,
} tracuu_format_t;

/* Set up p for format writing to f. */
void tracuu_printer_init(tracuu_printer_t *p, tracuu_format_t format, FILE *f,
                         bool color);

/* Whether the printer needs snippets (paths does not). */
bool tracuu_format_wants_snippets(tracuu_format_t format);

#endif
