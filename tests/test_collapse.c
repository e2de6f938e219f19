/* test_collapse.c: one hit per plan (the duplicate key, slot 6) and totals
 * exact up to a bound, against a real database. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "xdb.h"

#include "testutil.h"

static char dir[64];
static char path[128];

/* 300 documents holding "ke": documents 3k, 3k+1 and 3k+2 share the
 * duplicate key k (100 plans of three files each); each also holds
 * "hoach" when k < 40, the even ones "chan", and the plan 7's third file
 * alone holds "pdf". */
static int setup(void **state)
{
    (void)state;
    tracuu_db_t *db = tt_make_db(dir, sizeof dir, path, sizeof path,
                                 "/tmp/tracuu-test-collapse.XXXXXX");
    if (!db)
        return -1;
    for (unsigned i = 0; i < 300; i++) {
        tracuu_doc_t *d = tracuu_doc_new();
        char uid[32], key[32], term[40];
        snprintf(uid, sizeof uid, "Qdoc%u", i);
        snprintf(key, sizeof key, "r%016x", i / 3);
        snprintf(term, sizeof term, "%s%s", TRACUU_PREFIX_DUP, key);
        tracuu_doc_add_posting(d, "ke", 2, 1);
        if (i / 3 < 40)
            tracuu_doc_add_posting(d, "hoach", 5, 2);
        if (i % 2 == 0)
            tracuu_doc_add_posting(d, "chan", 4, 4);
        if (i == 23)
            tracuu_doc_add_posting(d, "pdf", 3, 3);
        tracuu_doc_add_boolean(d, uid, strlen(uid));
        tracuu_doc_add_boolean(d, term, strlen(term));
        tracuu_doc_set_value(d, TRACUU_SLOT_DUP, key, strlen(key));
        char *back = NULL;
        assert_int_equal(tracuu_doc_get_value(d, TRACUU_SLOT_DUP, &back),
                         TRACUU_OK);
        assert_string_equal(back, key);
        free(back);
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

/* Runs word, or "hoach AND chan" for "hoach+chan", "hoach AND_MAYBE chan"
 * for "hoach|chan". */
static tracuu_mset_t *run(const char *word, tracuu_search_opts_t o)
{
    tracuu_db_t *db = NULL;
    assert_int_equal(tracuu_db_open(path, TRACUU_DB_READ, &db, NULL),
                     TRACUU_OK);
    tracuu_q_t *q = tracuu_q_term(word, strlen(word), 1);
    if (strcmp(word, "hoach+chan") == 0) {
        tracuu_q_free(q);
        tracuu_q_t *two[2] = {tracuu_q_term("hoach", 5, 1),
                              tracuu_q_term("chan", 4, 1)};
        q = tracuu_q_combine(TRACUU_Q_AND, two, 2);
    } else if (strcmp(word, "hoach|chan") == 0) {
        tracuu_q_free(q);
        tracuu_q_t *two[2] = {tracuu_q_term("hoach", 5, 1),
                              tracuu_q_term("chan", 4, 1)};
        q = tracuu_q_combine(TRACUU_Q_AND_MAYBE, two, 2);
    }
    tracuu_mset_t *m = NULL;
    assert_int_equal(tracuu_db_search(db, q, &o, &m), TRACUU_OK);
    tracuu_q_free(q);
    tracuu_db_close(db);
    return m;
}

static void test_files_of_one_plan_are_one_hit(void **state)
{
    (void)state;
    tracuu_mset_t *m = run("hoach", (tracuu_search_opts_t){0, 200, -1, false,
                                                            true, true, 0});
    assert_int_equal(tracuu_mset_total(m), 40);
    assert_int_equal(tracuu_mset_size(m), 40);
    assert_true(tracuu_mset_total_exact(m));
    tracuu_mset_free(m);
    m = run("hoach", (tracuu_search_opts_t){0, 200, -1, false, true, false, 0});
    assert_int_equal(tracuu_mset_total(m), 120);
    tracuu_mset_free(m);
    /* The one file matching stands for its plan. */
    m = run("pdf", (tracuu_search_opts_t){0, 10, -1, false, true, true, 0});
    assert_int_equal(tracuu_mset_size(m), 1);
    assert_int_equal(tracuu_mset_docid(m, 0), 24);
    tracuu_mset_free(m);
}

static void test_total_is_exact_within_the_bound(void **state)
{
    (void)state;
    /* 100 plans, counted up to 150 matches: exact though the page is 10. */
    tracuu_mset_t *m = run("ke", (tracuu_search_opts_t){0, 10, -1, false,
                                                         false, true, 150});
    assert_int_equal(tracuu_mset_size(m), 10);
    assert_int_equal(tracuu_mset_total(m), 100);
    assert_true(tracuu_mset_total_exact(m));
    tracuu_mset_free(m);
    /* Without collapsing, 60 matches of an AND past a bound of 30: an
     * estimate (a term's count alone is known exactly, its frequency). */
    m = run("hoach+chan", (tracuu_search_opts_t){0, 10, -1, false, false,
                                                  false, 30});
    assert_int_equal(tracuu_mset_size(m), 10);
    assert_false(tracuu_mset_total_exact(m));
    tracuu_mset_free(m);
    m = run("hoach+chan", (tracuu_search_opts_t){0, 10, -1, false, false,
                                                  false, 150});
    assert_true(tracuu_mset_total_exact(m));
    assert_int_equal(tracuu_mset_total(m), 60);
    tracuu_mset_free(m);
    /* Collapsed, 100 plans past a bound of 50: an estimate too. */
    m = run("ke", (tracuu_search_opts_t){20, 10, -1, false, false, true, 50});
    assert_int_equal(tracuu_mset_size(m), 10);
    assert_false(tracuu_mset_total_exact(m));
    assert_true(tracuu_mset_total(m) >= 30);
    tracuu_mset_free(m);
}

static void test_a_hit_can_be_left_out(void **state)
{
    (void)state;
    tracuu_mset_t *m = run("hoach", (tracuu_search_opts_t){0, 3, TRACUU_SLOT_DUP,
                                                            false, true, true, 0});
    assert_int_equal(tracuu_mset_size(m), 3);
    unsigned last = tracuu_mset_docid(m, 2);
    tracuu_mset_remove(m, 1);
    tracuu_mset_remove(m, 7); /* none: nothing */
    assert_int_equal(tracuu_mset_size(m), 2);
    assert_int_equal(tracuu_mset_docid(m, 1), last);
    tracuu_mset_set_exact(m, false);
    tracuu_mset_t *both = tracuu_mset_concat(m, NULL);
    assert_false(tracuu_mset_total_exact(both));
    tracuu_mset_free(both);
    tracuu_mset_free(m);
}

/* Scores of another search added: the order and weights Xapian gives
 * the two as one query (hoach AND_MAYBE chan), a page of it cut out. */
static void test_scores_add_up(void **state)
{
    (void)state;
    tracuu_search_opts_t all = {0, 300, -1, false, false, false, 0};
    tracuu_mset_t *both = run("hoach|chan", all);
    assert_int_equal(tracuu_mset_size(both), 120);
    for (unsigned offset = 0; offset <= 115; offset += 23) {
        tracuu_mset_t *m = run("hoach", all);
        tracuu_mset_t *more = run("chan", all);
        assert_int_equal(tracuu_mset_add_scores(m, more, offset, 10),
                         TRACUU_OK);
        size_t want = offset + 10 <= 120 ? 10 : 120 - offset;
        assert_int_equal(tracuu_mset_size(m), want);
        assert_int_equal(tracuu_mset_total(m), 120);
        for (size_t i = 0; i < want; i++) {
            assert_int_equal(tracuu_mset_docid(m, i),
                             tracuu_mset_docid(both, offset + i));
            double d = tracuu_mset_score(m, i) -
                       tracuu_mset_score(both, offset + i);
            assert_true(d < 1e-9 && d > -1e-9);
        }
        tracuu_mset_free(m);
        tracuu_mset_free(more);
    }
    /* The first page holds the documents with both words (the even
     * ones); without extra scores the order stays. */
    tracuu_mset_t *m = run("hoach", all);
    unsigned second = tracuu_mset_docid(m, 1);
    assert_int_equal(tracuu_mset_add_scores(m, NULL, 1, 1), TRACUU_OK);
    assert_int_equal(tracuu_mset_size(m), 1);
    assert_int_equal(tracuu_mset_docid(m, 0), second);
    tracuu_mset_free(m);
    assert_int_equal(tracuu_mset_docid(both, 0) % 2, 1); /* docid 1 = doc 0 */
    tracuu_mset_free(both);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files_of_one_plan_are_one_hit),
        cmocka_unit_test(test_total_is_exact_within_the_bound),
        cmocka_unit_test(test_a_hit_can_be_left_out),
        cmocka_unit_test(test_scores_add_up),
    };
    return cmocka_run_group_tests_name("collapse", tests, setup, teardown);
}
