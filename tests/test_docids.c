/* test_docids.c: a set of document ids as a query (tracuu_q_docids), what
 * the ranking uses to weigh the words' phrases over a pool of the best
 * matches only, against a real database. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xdb.h"

#include "testutil.h"

static char dir[64];
static char path[128];

/* 50 documents holding "ke" (ids 1..50), the odd ones "le" too. */
static int setup(void **state)
{
    (void)state;
    tracuu_db_t *db = tt_make_db(dir, sizeof dir, path, sizeof path,
                                 "/tmp/tracuu-test-docids.XXXXXX");
    if (!db)
        return -1;
    for (unsigned i = 1; i <= 50; i++) {
        tracuu_doc_t *d = tracuu_doc_new();
        char uid[32];
        snprintf(uid, sizeof uid, "Qdoc%u", i);
        tracuu_doc_add_posting(d, "ke", 2, 1);
        if (i % 2)
            tracuu_doc_add_posting(d, "le", 2, 2);
        tracuu_doc_add_boolean(d, uid, strlen(uid));
        tracuu_db_replace(db, uid, d, NULL);
        tracuu_doc_free(d);
    }
    tracuu_db_close(db);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return tt_remove_dir(dir);
}

/* The ids word FILTER ids[0..n) finds, ascending, into got; their count. */
static size_t within(const char *word, const unsigned *ids, size_t n,
                     unsigned *got, double *weight)
{
    tracuu_db_t *db = NULL;
    assert_int_equal(tracuu_db_open(path, TRACUU_DB_READ, &db, NULL),
                     TRACUU_OK);
    tracuu_q_t *pool = tracuu_q_docids(db, ids, n);
    assert_non_null(pool);
    tracuu_q_t *two[2] = {tracuu_q_term(word, strlen(word), 1), pool};
    tracuu_q_t *q = tracuu_q_combine(TRACUU_Q_FILTER, two, 2);
    tracuu_search_opts_t so = {0, 100, -1, false, true, false, 0};
    tracuu_mset_t *m = NULL;
    assert_int_equal(tracuu_db_search(db, q, &so, &m), TRACUU_OK);
    size_t k = tracuu_mset_size(m);
    for (size_t i = 0; i < k; i++)
        got[i] = tracuu_mset_docid(m, i);
    *weight = k ? tracuu_mset_score(m, 0) : 0;
    assert_int_equal(tracuu_mset_total(m), k);
    tracuu_mset_free(m);
    tracuu_q_free(q);
    tracuu_db_close(db);
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && got[j - 1] > got[j]; j--) {
            unsigned t = got[j];
            got[j] = got[j - 1];
            got[j - 1] = t;
        }
    return k;
}

static void test_only_the_ids(void **state)
{
    (void)state;
    /* Unsorted, repeated, and one id no document has. */
    const unsigned ids[] = {40, 7, 3, 7, 999};
    unsigned got[100];
    double w;
    assert_int_equal(within("ke", ids, 5, got, &w), 3);
    assert_int_equal(got[0], 3);
    assert_int_equal(got[1], 7);
    assert_int_equal(got[2], 40);
    /* And within the query's own matches: 3 and 7 hold "le", 40 not. */
    assert_int_equal(within("le", ids, 5, got, &w), 2);
    assert_int_equal(got[0], 3);
    assert_int_equal(got[1], 7);
}

static void test_adds_no_weight(void **state)
{
    (void)state;
    const unsigned one[] = {5};
    unsigned got[100];
    double pooled;
    assert_int_equal(within("le", one, 1, got, &pooled), 1);
    /* The same document's weight for "le" alone. */
    tracuu_db_t *db = NULL;
    assert_int_equal(tracuu_db_open(path, TRACUU_DB_READ, &db, NULL),
                     TRACUU_OK);
    tracuu_q_t *q = tracuu_q_term("le", 2, 1);
    tracuu_search_opts_t so = {0, 100, -1, false, true, false, 0};
    tracuu_mset_t *m = NULL;
    assert_int_equal(tracuu_db_search(db, q, &so, &m), TRACUU_OK);
    double alone = -1;
    for (size_t i = 0; i < tracuu_mset_size(m); i++)
        if (tracuu_mset_docid(m, i) == 5)
            alone = tracuu_mset_score(m, i);
    assert_true(alone > 0);
    assert_true(pooled > alone - 1e-9 && pooled < alone + 1e-9);
    tracuu_mset_free(m);
    tracuu_q_free(q);
    tracuu_db_close(db);
}

static void test_nothing_to_pool(void **state)
{
    (void)state;
    tracuu_db_t *db = NULL;
    assert_int_equal(tracuu_db_open(path, TRACUU_DB_READ, &db, NULL),
                     TRACUU_OK);
    const unsigned ids[] = {1};
    assert_null(tracuu_q_docids(db, ids, 0));
    assert_null(tracuu_q_docids(NULL, ids, 1));
    tracuu_db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_only_the_ids),
        cmocka_unit_test(test_adds_no_weight),
        cmocka_unit_test(test_nothing_to_pool),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
