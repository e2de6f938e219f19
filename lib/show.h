/* show.h: --show: one document's record, citations, dates, movements and
 * (--text) its stored text. */
#ifndef TRACUU_SHOW_H
#define TRACUU_SHOW_H

#include <jansson.h>
#include <stdbool.h>

#include "output.h"
#include "xdb.h"

/* The record's fields of h from a document's data JSON (borrowed from
 * meta: valid while meta is). */
void tracuu_hit_record(tracuu_hit_t *h, const json_t *meta);

/* Print the documents ids[0..n) (those a path or a number: query found)
 * through p: each one's path, record, citations (symbol, type, date,
 * issuer), dates with their roles, movements, and with text its stored
 * text or a line saying the index keeps none. Returns false on an index
 * error (said on stderr). */
bool tracuu_show_print(tracuu_db_t *db, const unsigned *ids, size_t n,
                       const char *asked, bool text, tracuu_printer_t *p);
/* tracuu_show_print; more: ids are the first of more documents found
 * (said as "more": true after the documents). */
bool tracuu_show_print_more(tracuu_db_t *db, const unsigned *ids, size_t n,
                            const char *asked, bool text, bool more,
                            tracuu_printer_t *p);

/* The document indexed for path (made absolute; a file gone since keeps
 * its entry): *id, or 0 when none. READ statuses. */
tracuu_status_t tracuu_show_lookup(tracuu_db_t *db, const char *path,
                                   unsigned *id);

/* The document indexed under path exactly as the index stores it (an
 * absolute path): nothing resolved, no file looked at, so the answer
 * says nothing of what exists outside the index. *id, or 0 when none.
 * READ statuses. */
tracuu_status_t tracuu_show_lookup_stored(tracuu_db_t *db, const char *path,
                                          unsigned *id);

#endif
