/* listby.h: --list WHAT --by year|issuer|type|signer: a table per group of the matching plans (the cited documents of each year, the movements of each issuer). */
#ifndef TRACUU_LISTBY_H
#define TRACUU_LISTBY_H

#include <stdbool.h>

#include "list.h"
#include "output.h"
#include "xdb.h"

/* The plans a query string finds (the query built as tracuu-query builds
 * it): *q new (free with tracuu_q_free); false when it cannot be built
 * (said on stderr). */
typedef bool (*tracuu_list_match_fn)(const char *query, tracuu_q_t **q,
                                     void *ctx);

/* The groups are the rows of --list by over the plans q matches (query
 * its text, NULL for every plan), most plans first (years: newest
 * first); for each, the table of kind over that group's plans (its row's
 * query, built by match), at most limit rows (0: all). Text: a heading
 * line a group ("2025: 82 plans") then its table; structured: "groups",
 * each with its label, "plans", "query" and "items". by_name and
 * kind_name are the lists' names as typed ("years", "cites"). With by2
 * (not NONE) the groups are those of by2 within each group of by ("ỦY
 * BAN NHÂN DÂN TỈNH X / 2025": the movements of each issuer each year),
 * each structured group carrying both labels. Returns the
 * number of groups shown, or -1 on an error (said on stderr). */
long tracuu_list_by(tracuu_db_t *db, const tracuu_q_t *q, const char *query,
                    tracuu_list_kind_t kind, const char *kind_name,
                    tracuu_list_kind_t by, tracuu_list_kind_t by2,
                    const char *by_name, unsigned limit,
                    tracuu_printer_t *p, tracuu_list_match_fn match,
                    void *ctx);

#endif
