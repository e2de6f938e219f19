/* parse.h: the query language: words, "phrases", field:value, -exclusion. */
#ifndef TRACUU_QUERY_PARSE_H
#define TRACUU_QUERY_PARSE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct tracuu_clause {
    char *field;     /* lowercase field name, NULL for free text */
    char *value;     /* the words (quotes removed), normalised text */
    bool quoted;     /* value was "…" */
    bool negated;    /* -clause or NOT clause */
} tracuu_clause_t;

typedef struct tracuu_parsed {
    tracuu_clause_t *v;
    size_t n;
} tracuu_parsed_t;

/* Parse normalised query text. On success fills out (new; free with
 * tracuu_parsed_free) and returns true; otherwise *err is a new message
 * saying what is wrong (free with free()) and out is empty.
 * known_field(name) says whether name: is a field (else an error). */
bool tracuu_query_parse(const char *q, bool (*known_field)(const char *),
                        tracuu_parsed_t *out, char **err);
void tracuu_parsed_free(tracuu_parsed_t *p);

#endif
