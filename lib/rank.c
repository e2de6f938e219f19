/* rank.c: the matches with the forms as typed first, then the others. */
#include "rank.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "schema.h"

/* The matches the words' weights reorder: the best RERANK_POOL by the
 * syllables' weights (or the page, when it reaches further). Known items
 * on the corpus: MRR 0.803 for 20 to 100, 0.804 for 200; the ten plans
 * of 149 holding "an toàn giao thông" are the first ten of
 * 'an toan giao thong' from 50 up, five of them for 20. Each plan of the
 * pool costs the positions of the query's pairs of syllables: 'công an
 * đề án quốc tế' on 5,000 plans 36.0 M instructions for 50, 43.7 M for
 * 200. */
#define RERANK_POOL 50

static tracuu_q_t *pair(tracuu_qop_t op, const tracuu_q_t *a,
                        const tracuu_q_t *b);

/* Runs q (taken), ranked higher by the query's words when it has any;
 * one hit per plan (the collapse key), the total exact up to bound
 * matches. */
static tracuu_status_t run(tracuu_db_t *db, const tracuu_plan_t *plan,
                           tracuu_q_t *q, unsigned offset, unsigned limit,
                           unsigned bound, bool dups, tracuu_mset_t **out)
{
    tracuu_search_opts_t so = {offset, limit, -1, false, false, dups, bound};
    *out = NULL;
    if (!q)
        return TRACUU_ERR_NOMEM;
    /* No page (the second tier when the first filled it): the count. */
    if (!plan->q_words || limit == 0) {
        tracuu_status_t st = tracuu_db_search(db, q, &so, out);
        tracuu_q_free(q);
        return st;
    }
    /* The words' weights (phrases of two syllables among them) only for
     * the page, and only over the best RERANK_POOL matches by the
     * syllables' weights: weighing every match checked the positions of
     * each (a query of five common syllables on 2,000 plans: 69 M
     * instructions, 43 M of them the phrases); the total is counted on q
     * alone, and the same search gives the pool. */
    unsigned pool_n = offset + limit > RERANK_POOL ? offset + limit
                                                   : RERANK_POOL;
    tracuu_search_opts_t count = {0, pool_n, -1, false, false, dups,
                                  bound > pool_n ? bound : pool_n};
    tracuu_mset_t *all = NULL;
    tracuu_status_t st = tracuu_db_search(db, q, &count, &all);
    tracuu_q_t *pool = NULL;
    size_t n = st == TRACUU_OK ? tracuu_mset_size(all) : 0;
    if (n) {
        unsigned *ids = tracuu_xcalloc(n, sizeof *ids);
        for (size_t i = 0; i < n; i++)
            ids[i] = tracuu_mset_docid(all, i);
        pool = tracuu_q_docids(db, ids, n);
        free(ids);
    }
    if (st != TRACUU_OK || n == 0 || pool) {
        /* The words' phrases each within the pool (build.h), weighed
         * alone and added to the pool's weights: Xapian's weights add up
         * (a word's weight does not depend on the query's other words),
         * so this is the order q AND_MAYBE the words gives, without
         * reading q's posting lists a second time (on 20,000 plans a
         * query of six common syllables read 321 blocks of postings, a
         * third of them again for the pool). */
        tracuu_q_t *words = pool ? tracuu_plan_words(plan, pool) : NULL;
        tracuu_q_free(pool);
        tracuu_mset_t *more = NULL;
        tracuu_search_opts_t each = {0, (unsigned)n, -1, false,
                                     false, false, 0};
        if (st == TRACUU_OK && words)
            st = tracuu_db_search(db, words, &each, &more);
        if (st == TRACUU_OK)
            st = tracuu_mset_add_scores(all, more, offset, limit);
        tracuu_mset_free(more);
        tracuu_q_free(words);
        tracuu_q_free(q);
        if (st == TRACUU_OK)
            *out = all;
        else
            tracuu_mset_free(all);
        return st;
    }
    /* No pool (a union or a remote shard: a posting source of document
     * ids cannot run there): every match weighed with the words. */
    tracuu_q_t *two[2] = {q, tracuu_q_copy(plan->q_words)};
    tracuu_q_t *ranked = tracuu_q_combine(TRACUU_Q_AND_MAYBE, two, 2);
    so.at_least = 0;
    st = ranked ? tracuu_db_search(db, ranked, &so, out) : TRACUU_ERR_NOMEM;
    if (st == TRACUU_OK) {
        tracuu_mset_set_total(*out, tracuu_mset_total(all));
        tracuu_mset_set_exact(*out, tracuu_mset_total_exact(all));
    }
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

/* True when the plan of the i-th hit of m has another file matching q1
 * (the first tier): its hit is there. */
static bool in_first(tracuu_db_t *db, const tracuu_q_t *q1,
                     const tracuu_mset_t *m, size_t i, tracuu_status_t *st)
{
    char *key = NULL;
    unsigned n = 0;
    tracuu_buf_t t = {0};
    *st = tracuu_db_get_value(db, tracuu_mset_docid(m, i), TRACUU_SLOT_DUP,
                              &key, NULL);
    if (*st == TRACUU_OK && *key) {
        tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_DUP, key);
        *st = tracuu_db_termfreq(db, t.s, &n);
    }
    bool found = false;
    if (*st == TRACUU_OK && n > 1) {
        tracuu_q_t *two[2] = {tracuu_q_copy(q1), tracuu_q_term(t.s, t.len, 1)};
        tracuu_q_t *q = tracuu_q_combine(TRACUU_Q_FILTER, two, 2);
        tracuu_search_opts_t so = {0, 1, -1, false, false, false, 0};
        tracuu_mset_t *one = NULL;
        *st = q ? tracuu_db_search(db, q, &so, &one) : TRACUU_ERR_NOMEM;
        found = tracuu_mset_size(one) > 0;
        tracuu_mset_free(one);
        tracuu_q_free(q);
    }
    free(key);
    tracuu_buf_free(&t);
    return found;
}

/* The hits of rest whose plan has a file in the first tier left out (a
 * plan's .txt with the accents as typed, its OCR'd scan without), the
 * total less them. Only the page's hits are checked: a later page's are
 * left out when it is shown, the total of the pages before being an
 * estimate by as many. */
static tracuu_status_t drop_split(tracuu_db_t *db, const tracuu_q_t *q1,
                                  tracuu_mset_t *rest)
{
    tracuu_status_t st = TRACUU_OK;
    for (size_t i = tracuu_mset_size(rest); st == TRACUU_OK && i-- > 0;) {
        if (in_first(db, q1, rest, i, &st) && st == TRACUU_OK) {
            tracuu_mset_remove(rest, i);
            tracuu_mset_set_total(rest, tracuu_mset_total(rest) - 1);
        }
    }
    return st;
}

/* The second tier, after got hits of the first (n_first of them in all,
 * exact or not): the matches lacking a form as typed, one hit per plan
 * not already in the first, counted as far as the total stays exact up
 * to the plan's bound (not at all past an estimate: a query of five
 * common syllables on 5,000 plans, 6.9 M instructions counting this
 * tier for a page the first filled). */
static tracuu_status_t second_tier(tracuu_db_t *db, const tracuu_plan_t *plan,
                                   const tracuu_q_t *q1, unsigned offset,
                                   unsigned limit, unsigned got,
                                   unsigned n_first, bool first_exact,
                                   bool dups, tracuu_mset_t **rest)
{
    unsigned rest_offset = got || offset < n_first ? 0 : offset - n_first;
    unsigned most = tracuu_count_bound(plan);
    unsigned bound = first_exact && n_first < most ? most - n_first : 0;
    /* The rest as a filter, not q_match AND_NOT q_exact: Xapian then checks
     * a phrase's positions only in documents that lack a form as typed (a
     * rare phrase of common syllables, 5 plans of 20,000: 30 -> 25 ms),
     * the weights being q_match's either way. */
    tracuu_q_t *lacking[2] = {tracuu_q_all(), tracuu_q_copy(plan->q_exact)};
    tracuu_q_t *filter[2] = {tracuu_q_copy(plan->q_match),
                             tracuu_q_combine(TRACUU_Q_AND_NOT, lacking, 2)};
    tracuu_status_t st =
        run(db, plan, tracuu_q_combine(TRACUU_Q_FILTER, filter, 2),
            rest_offset, got < limit ? limit - got : 0, bound, dups, rest);
    if (st == TRACUU_OK && dups)
        st = drop_split(db, q1, *rest);
    return st;
}

tracuu_status_t tracuu_rank(tracuu_db_t *db, const tracuu_plan_t *plan,
                            unsigned offset, unsigned limit, bool per_plan,
                            tracuu_mset_t **out)
{
    *out = NULL;
    bool dups = per_plan && tracuu_index_has_dups(db);
    if (!plan->q_exact)
        return run(db, plan, tracuu_q_copy(plan->q_match), offset, limit,
                   tracuu_count_bound(plan), dups, out);
    /* First tier: the matches with every form as typed, weighted with them. */
    tracuu_mset_t *first = NULL, *rest = NULL;
    tracuu_q_t *q1 = plan->q_first
                         ? tracuu_q_copy(plan->q_first)
                         : pair(TRACUU_Q_AND, plan->q_match, plan->q_exact);
    tracuu_q_t *q1_copy = tracuu_q_copy(q1);
    tracuu_status_t st = run(db, plan, q1, offset, limit,
                             tracuu_count_bound(plan), dups, &first);
    unsigned got = (unsigned)tracuu_mset_size(first);
    unsigned n_first = tracuu_mset_total(first);
    bool first_exact = tracuu_mset_total_exact(first);
    /* A short page means the first tier was read to its end, so its count
     * is exact; the second tier fills the rest of the page. */
    if (got < limit && got > 0) {
        n_first = offset + got;
        first_exact = true;
    }
    if (st == TRACUU_OK)
        st = q1_copy ? second_tier(db, plan, q1_copy, offset, limit, got,
                                   n_first, first_exact, dups, &rest)
                     : TRACUU_ERR_NOMEM;
    tracuu_q_free(q1_copy);
    if (st == TRACUU_OK) {
        *out = tracuu_mset_concat(first, rest);
        tracuu_mset_set_total(*out, n_first + tracuu_mset_total(rest));
        st = *out ? TRACUU_OK : TRACUU_ERR_NOMEM;
    }
    tracuu_mset_free(first);
    tracuu_mset_free(rest);
    return st;
}

unsigned tracuu_count_bound(const tracuu_plan_t *plan)
{
    return tracuu_q_positional(plan->q_match) ? TRACUU_COUNT_BOUND_POSITIONS
                                              : TRACUU_COUNT_BOUND;
}

bool tracuu_index_has_dups(tracuu_db_t *db)
{
    char *v = NULL;
    bool none = tracuu_db_get_metadata(db, TRACUU_META_DUPS, &v) == TRACUU_OK &&
                strcmp(v, "0") == 0;
    free(v);
    return !none;
}

bool tracuu_index_moved(tracuu_status_t st)
{
    return st == TRACUU_ERR_DB_MODIFIED;
}
