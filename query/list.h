/* list.h: --list cites|dates|movements: tables over the matching plans. */
#ifndef TRACUU_QUERY_LIST_H
#define TRACUU_QUERY_LIST_H

#include <stdbool.h>
#include <stdio.h>

#include "output.h"
#include "xdb.h"

typedef enum tracuu_list_kind {
    TRACUU_LIST_NONE = 0,
    TRACUU_LIST_CITES,
    TRACUU_LIST_DATES,
    TRACUU_LIST_MOVEMENTS,
} tracuu_list_kind_t;

/* Parse the argument of --list; false when unknown. */
bool tracuu_list_parse(const char *s, tracuu_list_kind_t *out);

/* Print the table of kind (not TRACUU_LIST_NONE) over the plans matching
 * q (every plan when q is NULL) through printer p. Returns the number of
 * rows printed, or -1 on an index error (message on stderr). */
long tracuu_list_print(tracuu_db_t *db, const tracuu_q_t *q,
                       tracuu_list_kind_t kind, const char *query,
                       tracuu_printer_t *p);

#endif
