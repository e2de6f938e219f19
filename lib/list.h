/* list.h: --list cites|dates|movements|issuers|years|types|signers: tables
 * over the matching plans. */
#ifndef TRACUU_LIST_H
#define TRACUU_LIST_H

#include <stdbool.h>
#include <stdio.h>

#include "output.h"
#include "xdb.h"

typedef enum tracuu_list_kind {
    TRACUU_LIST_NONE = 0,
    TRACUU_LIST_CITES,
    TRACUU_LIST_DATES,
    TRACUU_LIST_MOVEMENTS,
    TRACUU_LIST_ISSUERS,   /* from each plan's record (its header) */
    TRACUU_LIST_YEARS,
    TRACUU_LIST_TYPES,
    TRACUU_LIST_SIGNERS,
} tracuu_list_kind_t;

/* The names --list accepts, for messages: "cites, dates, ...". */
extern const char tracuu_list_names[];

/* Parse the argument of --list; false when unknown. */
bool tracuu_list_parse(const char *s, tracuu_list_kind_t *out);

/* Print the table of kind (not TRACUU_LIST_NONE) over the plans matching
 * q (every plan when q is NULL) through printer p: at most limit rows (0:
 * all), most plans first, then by name (dates: by date). Each row carries
 * (JSON "query") the query that finds its plans. Returns the number of
 * rows printed, or -1 on an index error (message on stderr). */
long tracuu_list_print(tracuu_db_t *db, const tracuu_q_t *q,
                       tracuu_list_kind_t kind, const char *query,
                       unsigned limit, tracuu_printer_t *p);

/* The role of a listed date by its letter (schema.h XDL): "issued",
 * "cited", "deadline", "mentioned"; list and --show print them alike. */
const char *tracuu_list_role_name(char letter);

#endif
