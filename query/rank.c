/* rank.c: the matches with the forms as typed first, then the others. */
#include "rank.h"

#include <stdlib.h>

static tracuu_q_t *pair(tracuu_qop_t op, const tracuu_q_t *a,
                        const tracuu_q_t *b);

/* Runs q (taken), ranked higher by the query's words when it has any. */
static tracuu_status_t run(tracuu_db_t *db, const tracuu_plan_t *plan,
                           tracuu_q_t *q, unsigned offset, unsigned limit,
                           tracuu_mset_t **out)
{
    /* Totals exact: a page says "11–20 of 163", never an estimate. */
    tracuu_search_opts_t so = {offset, limit, -1, false, true};
    *out = NULL;
    if (!q)
        return TRACUU_ERR_NOMEM;
    if (!plan->q_words) {
        tracuu_status_t st = tracuu_db_search(db, q, &so, out);
        tracuu_q_free(q);
        return st;
    }
    /* The words' weights (phrases of two syllables among them) only for
     * the page: counting every match with them checked the positions of
     * each (free queries of the benchmark 26 -> 51 ms); the total is
     * counted on q alone. */
    tracuu_search_opts_t count = {0, 0, -1, false, true};
    tracuu_mset_t *all = NULL;
    tracuu_status_t st = tracuu_db_search(db, q, &count, &all);
    tracuu_q_t *two[2] = {q, tracuu_q_copy(plan->q_words)};
    tracuu_q_t *ranked = tracuu_q_combine(TRACUU_Q_AND_MAYBE, two, 2);
    so.exact_total = false;
    if (st == TRACUU_OK)
        st = ranked ? tracuu_db_search(db, ranked, &so, out) : TRACUU_ERR_NOMEM;
    if (st == TRACUU_OK)
        tracuu_mset_set_total(*out, tracuu_mset_total(all));
    tracuu_mset_free(all);
    tracuu_q_free(ranked);
    return st;
}

static tracuu_q_t *pair(tracuu_qop_t op, const tracuu_q_t *a,
                        const tracuu_q_t *b)
{
    tracuu_q_t *two[2] = {tracuu_q_copy(a), tracuu_q_copy(b)};
    return tracuu_q_combine(op, two, 2);
}

tracuu_status_t tracuu_rank(tracuu_db_t *db, const tracuu_plan_t *plan,
                            unsigned offset, unsigned limit,
                            tracuu_mset_t **out)
{
    *out = NULL;
    if (!plan->q_exact)
        return run(db, plan, tracuu_q_copy(plan->q_match), offset, limit,
                   out);
    /* First tier: the matches with every form as typed, weighted with them. */
    tracuu_mset_t *first = NULL, *rest = NULL;
    tracuu_q_t *q1 = plan->q_first
                         ? tracuu_q_copy(plan->q_first)
                         : pair(TRACUU_Q_AND, plan->q_match, plan->q_exact);
    tracuu_status_t st = run(db, plan, q1, offset, limit, &first);
    if (st != TRACUU_OK)
        return st;
    unsigned got = (unsigned)tracuu_mset_size(first);
    unsigned n_first = tracuu_mset_total(first);
    /* A short page means the first tier was read to its end, so its count
     * is exact; the second tier fills the rest of the page. */
    if (got < limit && got > 0)
        n_first = offset + got;
    unsigned rest_offset = got || offset < n_first ? 0 : offset - n_first;
    /* The rest as a filter, not q_match AND_NOT q_exact: Xapian then checks
     * a phrase's positions only in documents that lack a form as typed (a
     * rare phrase of common syllables, 5 plans of 20,000: 30 -> 25 ms),
     * the weights being q_match's either way. */
    tracuu_q_t *lacking[2] = {tracuu_q_all(), tracuu_q_copy(plan->q_exact)};
    tracuu_q_t *filter[2] = {tracuu_q_copy(plan->q_match),
                             tracuu_q_combine(TRACUU_Q_AND_NOT, lacking, 2)};
    st = run(db, plan, tracuu_q_combine(TRACUU_Q_FILTER, filter, 2),
             rest_offset,
             got < limit ? limit - got : 0, &rest);
    if (st != TRACUU_OK) {
        tracuu_mset_free(first);
        return st;
    }
    *out = tracuu_mset_concat(first, rest);
    tracuu_mset_set_total(*out, n_first + tracuu_mset_total(rest));
    tracuu_mset_free(first);
    tracuu_mset_free(rest);
    return *out ? TRACUU_OK : TRACUU_ERR_NOMEM;
}

bool tracuu_index_moved(tracuu_status_t st)
{
    return st == TRACUU_ERR_DB_MODIFIED;
}
