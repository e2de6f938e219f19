/* test_threads.c: queries made, searched and freed by several threads at
 * once, each with its own database handle, as tracuu-serve's workers do.
 * No query may share an object with another thread's: Xapian 1.4 counts
 * references without atomics, and a copy of its static MatchAll made by
 * each worker lost counts until a worker crashed in libxapian. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "xdb.h"

#include "testutil.h"

#define THREADS 4
#define ROUNDS 1000000

static char dir[64];
static char path[128];

/* 40 documents holding "ke", the even ones "chan" too. */
static int setup(void **state)
{
    (void)state;
    tracuu_db_t *db = tt_make_db(dir, sizeof dir, path, sizeof path,
                                 "/tmp/tracuu-test-threads.XXXXXX");
    if (!db)
        return -1;
    for (unsigned i = 0; i < 40; i++) {
        tracuu_doc_t *d = tracuu_doc_new();
        char uid[32];
        snprintf(uid, sizeof uid, "Qdoc%u", i);
        tracuu_doc_add_posting(d, "ke", 2, 1);
        if (i % 2 == 0)
            tracuu_doc_add_posting(d, "chan", 4, 2);
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

/* One worker: the queries the ranking builds for every request (every
 * document but those holding a word, a value range over every document,
 * nothing), made, combined, searched now and then, and freed. Returns
 * the number of wrong answers. */
static void *worker(void *arg)
{
    size_t *wrong = arg;
    tracuu_db_t *db = NULL;
    if (tracuu_db_open(path, TRACUU_DB_READ, &db, NULL) != TRACUU_OK) {
        (*wrong)++;
        return NULL;
    }
    for (int r = 0; r < ROUNDS; r++) {
        tracuu_q_t *lacking[2] = {tracuu_q_all(), tracuu_q_term("chan", 4, 1)};
        tracuu_q_t *q = tracuu_q_combine(TRACUU_Q_AND_NOT, lacking, 2);
        tracuu_q_t *every = tracuu_q_value_range(3, NULL, NULL);
        tracuu_q_t *none = tracuu_q_none();
        if (r % 500 == 0) {
            tracuu_search_opts_t o = {0, 50, -1, false, true, false, 0};
            tracuu_mset_t *m = NULL;
            if (tracuu_db_search(db, q, &o, &m) != TRACUU_OK ||
                tracuu_mset_total(m) != 20)
                (*wrong)++;
            tracuu_mset_free(m);
        }
        tracuu_q_free(q);
        tracuu_q_free(every);
        tracuu_q_free(none);
    }
    tracuu_db_close(db);
    return NULL;
}

static void test_workers_share_no_query(void **state)
{
    (void)state;
    pthread_t t[THREADS];
    size_t wrong[THREADS] = {0};
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, worker, &wrong[i]), 0);
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(pthread_join(t[i], NULL), 0);
        assert_int_equal(wrong[i], 0);
    }
    /* Every document still reachable the same way afterwards. */
    tracuu_db_t *db = NULL;
    assert_int_equal(tracuu_db_open(path, TRACUU_DB_READ, &db, NULL), TRACUU_OK);
    tracuu_q_t *q = tracuu_q_all();
    tracuu_search_opts_t o = {0, 50, -1, false, true, false, 0};
    tracuu_mset_t *m = NULL;
    assert_int_equal(tracuu_db_search(db, q, &o, &m), TRACUU_OK);
    assert_int_equal(tracuu_mset_total(m), 40);
    tracuu_mset_free(m);
    tracuu_q_free(q);
    tracuu_db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workers_share_no_query),
    };
    return cmocka_run_group_tests_name("threads", tests, setup, teardown);
}
