/* test_union.c: several databases searched as one (tracuu_db_union): ids
 * mapped back to their part, metadata only where the parts agree, no
 * pool of document ids over a union, ascending sort by value with the
 * documents lacking it last, a remote shard that is down named. */
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
static char path[2][128];

/* Part p: 10 documents holding "ke" and "pN" (N = p); value slot 3 the
 * date "20N0-01-ii" except for every fifth; metadata "same" = "1" in
 * both, "differ" = "N". */
static int make_part(unsigned p)
{
    tracuu_db_t *db = NULL;
    snprintf(path[p], sizeof path[p], "%s/db%u", dir, p);
    if (tracuu_db_open(path[p], TRACUU_DB_WRITE, &db, NULL) != TRACUU_OK)
        return -1;
    for (unsigned i = 1; i <= 10; i++) {
        tracuu_doc_t *d = tracuu_doc_new();
        char uid[32], part[8], date[16];
        snprintf(uid, sizeof uid, "Q%u-%u", p, i);
        snprintf(part, sizeof part, "p%u", p);
        snprintf(date, sizeof date, "20%u0-01-%02u", p, i);
        tracuu_doc_add_posting(d, "ke", 2, 1);
        tracuu_doc_add_posting(d, part, strlen(part), 2);
        if (i % 5)
            tracuu_doc_set_value(d, 3, date, strlen(date));
        tracuu_doc_add_boolean(d, uid, strlen(uid));
        tracuu_db_replace(db, uid, d, NULL);
        tracuu_doc_free(d);
    }
    char differ[4];
    snprintf(differ, sizeof differ, "%u", p);
    tracuu_db_set_metadata(db, "same", "1");
    tracuu_db_set_metadata(db, "differ", differ);
    tracuu_db_close(db);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    if (tt_make_dir(dir, sizeof dir, "/tmp/tracuu-test-union.XXXXXX"))
        return -1;
    return make_part(0) || make_part(1);
}

static int teardown(void **state)
{
    (void)state;
    return tt_remove_dir(dir);
}

static tracuu_db_t *open_union(void)
{
    tracuu_db_t *parts[2] = {NULL, NULL}, *u = NULL;
    for (int p = 0; p < 2; p++)
        assert_int_equal(tracuu_db_open(path[p], TRACUU_DB_READ, &parts[p], NULL),
                         TRACUU_OK);
    const char *names[2] = {"first", "second"};
    assert_int_equal(tracuu_db_union(parts, names, 2, &u, NULL), TRACUU_OK);
    assert_null(parts[0]);
    return u;
}

static void test_ids_map_to_their_part(void **state)
{
    (void)state;
    tracuu_db_t *u = open_union();
    unsigned n = 0;
    assert_int_equal(tracuu_db_doccount(u, &n), TRACUU_OK);
    assert_int_equal(n, 20);
    tracuu_q_t *q = tracuu_q_term("p1", 2, 1);
    tracuu_search_opts_t so = {0, 20, -1, false, true, false, 0};
    tracuu_mset_t *m = NULL;
    assert_int_equal(tracuu_db_search(u, q, &so, &m), TRACUU_OK);
    assert_int_equal(tracuu_mset_size(m), 10);
    for (size_t i = 0; i < tracuu_mset_size(m); i++) {
        bool remote = true;
        const char *name = tracuu_db_part_of(u, tracuu_mset_docid(m, i), &remote);
        assert_non_null(name);
        assert_string_equal(name, "second");
        assert_false(remote);
    }
    tracuu_mset_free(m);
    tracuu_q_free(q);
    assert_false(tracuu_db_is_remote(u));
    tracuu_db_close(u);
}

static void test_metadata_where_parts_agree(void **state)
{
    (void)state;
    tracuu_db_t *u = open_union();
    char *v = NULL;
    assert_int_equal(tracuu_db_get_metadata(u, "same", &v), TRACUU_OK);
    assert_string_equal(v, "1");
    free(v);
    assert_int_equal(tracuu_db_get_metadata(u, "differ", &v), TRACUU_OK);
    assert_string_equal(v, ""); /* not the first part's "0" */
    free(v);
    tracuu_db_close(u);
}

static void test_no_pool_over_a_union(void **state)
{
    (void)state;
    tracuu_db_t *u = open_union();
    unsigned ids[2] = {1, 2};
    assert_null(tracuu_q_docids(u, ids, 2));
    tracuu_db_close(u);
}

/* --sort date: dated documents of both parts by date, then the undated,
 * as on one database. */
static void test_sort_up_undated_last(void **state)
{
    (void)state;
    tracuu_db_t *u = open_union();
    tracuu_q_t *q = tracuu_q_term("ke", 2, 1);
    tracuu_search_opts_t so = {0, 20, 3, false, true, false, 0};
    tracuu_mset_t *m = NULL;
    assert_int_equal(tracuu_db_search(u, q, &so, &m), TRACUU_OK);
    assert_int_equal(tracuu_mset_size(m), 20);
    assert_int_equal(tracuu_mset_total(m), 20);
    char *prev = NULL;
    for (size_t i = 0; i < 20; i++) {
        char *v = NULL;
        assert_int_equal(tracuu_db_get_value(u, tracuu_mset_docid(m, i), 3, &v, NULL),
                         TRACUU_OK);
        if (i < 16)
            assert_true(*v && (!prev || strcmp(prev, v) <= 0));
        else
            assert_string_equal(v, "");
        free(prev);
        prev = v;
    }
    free(prev);
    tracuu_mset_free(m);
    /* A page across the boundary: hits 15-18. */
    tracuu_search_opts_t page = {14, 4, 3, false, false, false, 0};
    assert_int_equal(tracuu_db_search(u, q, &page, &m), TRACUU_OK);
    assert_int_equal(tracuu_mset_size(m), 4);
    char *v = NULL;
    tracuu_db_get_value(u, tracuu_mset_docid(m, 1), 3, &v, NULL);
    assert_string_equal(v, "2010-01-09");
    free(v);
    tracuu_db_get_value(u, tracuu_mset_docid(m, 2), 3, &v, NULL);
    assert_string_equal(v, "");
    free(v);
    tracuu_mset_free(m);
    tracuu_q_free(q);
    tracuu_db_close(u);
}

/* Nothing listens on port 1 of the loopback: refused at once, the
 * message Xapian's. */
static void test_remote_down(void **state)
{
    (void)state;
    tracuu_db_t *db = NULL;
    char *msg = NULL;
    assert_int_not_equal(tracuu_db_open_remote("127.0.0.1", 1, 1000, 1000, &db, &msg),
                         TRACUU_OK);
    assert_null(db);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "127.0.0.1:1"));
    free(msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ids_map_to_their_part),
        cmocka_unit_test(test_metadata_where_parts_agree),
        cmocka_unit_test(test_no_pool_over_a_union),
        cmocka_unit_test(test_sort_up_undated_last),
        cmocka_unit_test(test_remote_down),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
