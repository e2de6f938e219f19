/* fields.h: the field:value clauses of the query language. */
#ifndef TRACUU_FIELDS_H
#define TRACUU_FIELDS_H

#include <stdbool.h>

#include "build.h"
#include "parse.h"

/* One field of the query language. */
typedef struct tracuu_field {
    const char *name;     /* as typed before ':' */
    const char *prefix;   /* term prefix for word fields, else NULL */
    const char *help;     /* one line for --help */
} tracuu_field_t;

/* The fields, ending with an all-NULL entry. */
extern const tracuu_field_t tracuu_fields[];

/* Build the query of a structured clause (cites:, number:, date:,
 * issued:, period:, kind:, type:); next is the clause after it or NULL.
 * Sets *used_next when next (a date: after cites:) was consumed. Returns
 * NULL with *err a new message when the value is malformed. */
tracuu_q_t *tracuu_field_query(tracuu_analyzer_t *a, const tracuu_clause_t *c,
                               const tracuu_clause_t *next, bool *used_next,
                               tracuu_plan_t *plan, char **err);

/* When a free word is a document symbol ("34-CT/TW"), the query for it as
 * a citation or an own number, else NULL. */
tracuu_q_t *tracuu_field_symbol_word(const char *value, tracuu_plan_t *plan);

#endif
