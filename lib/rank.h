/* rank.h: one page of hits, the plans spelt as the query is first. */
#ifndef TRACUU_RANK_H
#define TRACUU_RANK_H

#include "build.h"
#include "xdb.h"

/* Matches counted exactly before a total becomes an estimate (said as
 * such: "of about", JSON total_exact false; --count counts every one). */
#define TRACUU_COUNT_BOUND 1000
/* The same for a query whose matches are checked by their positions (a
 * phrase): each match counted is such a check. On 5,000 plans a phrase
 * of common syllables cost 30.0 M instructions counting to 1,000, 24.2 M
 * to 100, 17.9 M for the page alone; the benchmark's 35 phrases 33.0 M
 * against 21.3 M at the median. */
#define TRACUU_COUNT_BOUND_POSITIONS 100

/* The bound plan's totals are exact up to. */
unsigned tracuu_count_bound(const tracuu_plan_t *plan);

/* Hits [offset, offset + limit) of plan by relevance, into *out (new; free
 * with tracuu_mset_free); with per_plan one per plan (its files
 * collapsed: schema.h, slot 6; a plan whose files fall in both tiers
 * below is shown in the first), else one per matching file; its total
 * exact up to TRACUU_COUNT_BOUND matches, else an estimate
 * (tracuu_mset_total_exact).
 *
 * Plans with the forms as typed come first: the matches having every
 * exact (accented) form the query asked for, weighted with them, then the
 * others (OCR text, plans written without diacritics or other accents). Xapian adds an AND_MAYBE
 * weight match by match, so a phrase would be checked on every match of
 * its common words; two tiers let it stop at the page. A plan whose
 * query has no accents is run as it is. */
tracuu_status_t tracuu_rank(tracuu_db_t *db, const tracuu_plan_t *plan,
                            unsigned offset, unsigned limit, bool per_plan,
                            tracuu_mset_t **out);

/* False when the index holds no plan in several files (its
 * TRACUU_META_DUPS is "0"): searches then need not collapse; true
 * otherwise, unknown included. */
bool tracuu_index_has_dups(tracuu_db_t *db);

/* True when st says the index changed under the reader (an indexer
 * committed twice meanwhile): reopen it (tracuu_db_reopen) and read
 * again. The one place that decides what "retry" means. */
bool tracuu_index_moved(tracuu_status_t st);

/* How often a reader may reopen the index without reading anything
 * between two reopens before it gives up. */
#define TRACUU_STALLED_REOPENS 5

#endif
