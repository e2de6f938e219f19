/* parse.h: the query language: words, "phrases", field:value, -exclusion,
 * OR and (groups). */
#ifndef TRACUU_PARSE_H
#define TRACUU_PARSE_H

#include <stdbool.h>
#include <stddef.h>

struct tracuu_parsed;

typedef struct tracuu_clause {
    char *field;     /* lowercase field name, NULL for free text */
    char *value;     /* the words (quotes removed), normalised text */
    bool quoted;     /* value was "…" */
    bool negated;    /* -clause or NOT clause */
    /* A (group) or an OR: value and field are NULL and this is set. */
    struct tracuu_parsed *group;
} tracuu_clause_t;

/* A list of clauses, all of which must match (AND), or, when is_or, any
 * of which may (OR; each item is then a group or a lone clause). */
typedef struct tracuu_parsed {
    tracuu_clause_t *v;
    size_t n;
    bool is_or;
} tracuu_parsed_t;

/* Queries longer than this, or with more clauses, are refused: nobody
 * types them, and they would cost more than any answer is worth. */
#define TRACUU_QUERY_MAX_BYTES 4096
#define TRACUU_QUERY_MAX_CLAUSES 256
#define TRACUU_QUERY_MAX_DEPTH 16

/* Parse normalised query text. On success fills out (new; free with
 * tracuu_parsed_free) and returns true; otherwise *err is a new message
 * saying what is wrong (free with free()) and out is empty.
 * known_field(name) says whether name: is a field (else an error). */
bool tracuu_query_parse(const char *q, bool (*known_field)(const char *),
                        tracuu_parsed_t *out, char **err);
void tracuu_parsed_free(tracuu_parsed_t *p);

#endif
