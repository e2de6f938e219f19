/* output.h: one printer interface for every output of tracuu-query, with
 * text, JSON and paths implementations (a CSV or spreadsheet printer is
 * one more implementation of the same struct). */
#ifndef TRACUU_QUERY_OUTPUT_H
#define TRACUU_QUERY_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "snippet.h"

/* Version of the JSON output's shape; bump on incompatible changes. The
 * only place it is written out is tracuu_print_document. */
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

typedef enum tracuu_format {
    TRACUU_FORMAT_TEXT = 0,
    TRACUU_FORMAT_JSON,
    TRACUU_FORMAT_PATHS,
} tracuu_format_t;

/* A structure printer. A structured format (JSON) shows the nesting and
 * the keys; the text and paths formats show values only, laid out by
 * their callers with width, literal and separator, which structured
 * formats ignore. Strings come from the files and the index, both
 * untrusted: text escapes every one (escape.h). */
typedef struct tracuu_printer tracuu_printer_t;
struct tracuu_printer {
    void (*begin_map)(tracuu_printer_t *p);
    void (*begin_list)(tracuu_printer_t *p);
    /* Close the innermost map or list; closing the outermost writes the
     * document out. */
    void (*end)(tracuu_printer_t *p);
    void (*map_key)(tracuu_printer_t *p, const char *key);
    /* s[0..n) (UTF-8); s NULL: null (text: nothing). */
    void (*string)(tracuu_printer_t *p, const char *s, size_t n);
    /* A file name: text escapes it as a name (escape.h); paths writes it
     * raw, escaped on a terminal. */
    void (*name)(tracuu_printer_t *p, const char *s);
    void (*integer)(tracuu_printer_t *p, long long v);
    void (*real)(tracuu_printer_t *p, double v);
    /* Text layout: the next value padded to |w| characters, right-aligned
     * when w > 0, left when w < 0; s as it is. Structured: nothing. */
    void (*width)(tracuu_printer_t *p, int w);
    void (*literal)(tracuu_printer_t *p, const char *s);
    /* End of a record: a line feed (a NUL byte for paths with -0). */
    void (*separator)(tracuu_printer_t *p);
    bool structured;       /* keys and nesting shown */
    tracuu_format_t format;
    FILE *f;
    bool color;            /* text: bold marks (a terminal) */
    bool tty;              /* paths: f is a terminal (names escaped) */
    bool null;             /* paths: NUL-terminated raw names (-0) */
    int pad;               /* text: the width of the next value */
    void *state;           /* implementation's own */
};

/* Set up p for format writing to f. Text escapes every path, title and
 * snippet (escape.h); paths prints names raw one a line, escaped when tty,
 * NUL-terminated and raw when null; JSON writes a name that is not UTF-8
 * with U+FFFD for its bad bytes plus "path_bytes", its bytes in base64. */
void tracuu_printer_init(tracuu_printer_t *p, tracuu_format_t format, FILE *f,
                         bool color, bool tty, bool null);

/* A NUL-terminated string (NULL: null). */
void tracuu_print_str(tracuu_printer_t *p, const char *s);

/* Open the outermost map of a structured document and write its
 * format_version (nothing for text and paths). */
void tracuu_print_document(tracuu_printer_t *p);

/* The results of a search: begin (a structured header and the opening of
 * its "hits" list), each hit, end. */
void tracuu_print_results_begin(tracuu_printer_t *p, const char *query,
                                const char *parsed, unsigned total,
                                unsigned offset, unsigned limit);
void tracuu_print_hit(tracuu_printer_t *p, const tracuu_hit_t *h);
void tracuu_print_results_end(tracuu_printer_t *p);

/* Whether the printer needs snippets (paths does not). */
bool tracuu_format_wants_snippets(tracuu_format_t format);

#endif
