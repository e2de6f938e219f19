/* search.h: one search, as tracuu-query and tracuu-serve run it: a query
 * checked, normalised, parsed and built (prepared), run with an offset,
 * a limit and a sort, its hits read whole from the index (record,
 * checkpoints, match positions, the plan's other files) before anything
 * is printed, then printed through any printer (output.h) with their
 * snippets. Both programs call these functions; neither has a search of
 * its own (DESIGN.md, Programs). */
#ifndef TRACUU_SEARCH_H
#define TRACUU_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"
#include "build.h"
#include "normalize.h"
#include "output.h"
#include "parse.h"
#include "passage.h"
#include "xdb.h"

/* How the hits are ordered. */
typedef enum tracuu_sort {
    TRACUU_SORT_DATE_DOWN = -1, /* newest first, unknown dates last */
    TRACUU_SORT_RELEVANCE = 0,
    TRACUU_SORT_DATE_UP = 1,
} tracuu_sort_t;

/* What a query turns into before the index is searched. */
typedef struct tracuu_prepared {
    tracuu_analyzer_t *a;
    tracuu_norm_t norm;
    tracuu_parsed_t parsed;
    tracuu_plan_t plan;
    char *err;
} tracuu_prepared_t;

/* Why query cannot be searched, as a line "PROG: ...\n" (new; free with
 * free()), or NULL when it can: not UTF-8, or a control character (C0
 * but tab and line feed, DEL, C1). */
char *tracuu_search_check(const char *prog, const char *query);

/* The query without its words "*" (every plan), into *rest (new; free
 * with free()). True when nothing else narrows it and every plan is
 * asked for: by a "*", or by an empty query when empty_ok (beside a
 * sort, a list or an export). *empty: the query is empty and !empty_ok
 * (a mistake the caller says). */
bool tracuu_search_every(const char *query, bool empty_ok, char **rest,
                         bool *empty);

/* Normalise, parse and build query into *pq (free with
 * tracuu_prepared_free whatever it returns); false when it cannot, *msg
 * then the line "PROG: ...\n" saying why (new; free with free()). every:
 * a plan matching every document. */
bool tracuu_search_prepare(const char *prog, const char *query, bool every,
                           tracuu_prepared_t *pq, char **msg);
void tracuu_prepared_free(tracuu_prepared_t *pq);

/* One hit, read from the index before anything is printed, so that an
 * index changed meanwhile can be reopened and the search run again. */
typedef struct tracuu_fetched {
    double score;
    char *path;      /* exact bytes, from the path value slot */
    char *data;      /* document data; NULL for paths only */
    size_t len;
    char *ck;        /* its checkpoints (schema.h); NULL without snippets */
    size_t ck_len;
    tracuu_hitpos_t *hp; /* where the query matched, by body position */
    size_t n_hp;
    char **also;     /* the plan's other files (schema.h, slot 6) */
    size_t n_also;
    unsigned id;     /* its document id */
    const char *shard; /* the index or shard of a union it is in */
    bool remote;       /* that is a remote shard */
} tracuu_fetched_t;

/* What to search for a prepared query. */
typedef struct tracuu_request {
    unsigned offset;
    unsigned limit;       /* > 0 */
    tracuu_sort_t sort;
    bool count;           /* only the total, every plan counted exactly */
    bool paths_only;      /* every matching file (not one per plan), no
                           * records read */
    bool snippets;        /* read what the snippets need */
    bool ids;             /* each hit printed with its document id */
} tracuu_request_t;

/* What a search found: the match set and, unless counting, its hits. */
typedef struct tracuu_found {
    tracuu_mset_t *m;
    tracuu_fetched_t *hits; /* tracuu_mset_size(m) of them */
    tracuu_wants_t *wants;  /* what snippets look for, or NULL */
} tracuu_found_t;

/* Run r for pq on db into *fd (free with tracuu_found_free whatever it
 * returns). An indexer committing meanwhile makes the revision read go
 * stale: the index is reopened and the search run again (10 more times
 * at most); a reading of hits goes on where it stopped. READ statuses,
 * the message in tracuu_db_last_error(db). */
tracuu_status_t tracuu_search_run(tracuu_db_t *db, const tracuu_prepared_t *pq,
                                  const tracuu_request_t *r,
                                  tracuu_found_t *fd);
void tracuu_found_free(tracuu_found_t *fd);

/* The results of fd through p: the header (query, the parsed query,
 * totals, suggestion: may be NULL), every hit with its record and (when
 * the format wants them) its snippets, the end. False when p failed. */
bool tracuu_search_print(tracuu_printer_t *p, const tracuu_prepared_t *pq,
                         const char *query, const tracuu_request_t *r,
                         const tracuu_found_t *fd, const char *suggestion);

/* The query as the first three plans of fd write it (suggest.h): new
 * (free with free()), or NULL. */
char *tracuu_search_accents(tracuu_db_t *db, const char *query,
                            const tracuu_found_t *fd);

/* The documents a --show target names: the one indexed for a path, or
 * those a number:SYMBOL query finds; *ids new (free with free()). False
 * when the target cannot be searched or read, *msg then the line
 * "PROG: ...\n" saying why (new; free with free()). */
bool tracuu_search_targets(const char *prog, tracuu_db_t *db,
                           const char *target, unsigned **ids, size_t *n,
                           char **msg);
/* tracuu_search_targets keeping the first max documents of a number:
 * query (the best matches; max 0: all), *more set when it finds more. */
bool tracuu_search_targets_max(const char *prog, tracuu_db_t *db,
                               const char *target, size_t max,
                               unsigned **ids, size_t *n, bool *more,
                               char **msg);

#endif
