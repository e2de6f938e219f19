/* test_xdb.c: the C shim over Xapian, against real databases and real failures. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "index.h"
#include "schema.h"
#include "xdb.h"

#include "testutil.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    return tt_make_dir(dir, sizeof dir, "/tmp/tracuu-test-xdb.XXXXXX");
}

static int teardown(void **state)
{
    (void)state;
    return tt_remove_dir(dir);
}

static char *db_path(const char *name)
{
    static char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

static void test_open_missing_database_for_reading(void **state)
{
    (void)state;
    tracuu_db_t *db = (tracuu_db_t *)1;
    char *msg = NULL;
    tracuu_status_t st = tracuu_db_open(db_path("missing"), TRACUU_DB_READ, &db, &msg);
    assert_int_equal(st, TRACUU_ERR_DB_OPENING);
    assert_null(db);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "missing"));
    free(msg);
    assert_string_equal(tracuu_status_str(st), "cannot open the index");
}

static void test_second_writer_is_refused_at_once(void **state)
{
    (void)state;
    tracuu_db_t *w1 = NULL, *w2 = NULL;
    char *msg = NULL;
    assert_int_equal(tracuu_db_open(db_path("locked"), TRACUU_DB_WRITE, &w1, &msg),
                     TRACUU_OK);
    assert_null(msg);
    tracuu_status_t st = tracuu_db_open(db_path("locked"), TRACUU_DB_WRITE, &w2, &msg);
    assert_int_equal(st, TRACUU_ERR_DB_LOCKED);
    assert_null(w2);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "lock"));
    free(msg);
    /* Through the index layer the message names the index. */
    st = tracuu_index_open(db_path("locked"), TRACUU_DB_WRITE, &w2, &msg);
    assert_int_equal(st, TRACUU_ERR_DB_LOCKED);
    assert_non_null(strstr(msg, db_path("locked")));
    assert_non_null(strstr(msg, "another tracuu-index"));
    free(msg);
    /* A reader is fine meanwhile. */
    tracuu_db_t *r = NULL;
    assert_int_equal(tracuu_db_open(db_path("locked"), TRACUU_DB_READ, &r, &msg),
                     TRACUU_OK);
    tracuu_db_close(r);
    tracuu_db_close(w1);
    /* Once closed, a new writer gets it. */
    assert_int_equal(tracuu_db_open(db_path("locked"), TRACUU_DB_WRITE, &w2, &msg),
                     TRACUU_OK);
    tracuu_db_close(w2);
}

static void build_small_db(const char *path)
{
    tracuu_db_t *w = NULL;
    char *msg = NULL;
    assert_int_equal(tracuu_db_open(path, TRACUU_DB_WRITE, &w, &msg), TRACUU_OK);
    const char *words[] = {"phat", "dong", "phong", "trao", "thi", "dua"};
    for (int d = 0; d < 3; d++) {
        tracuu_doc_t *doc = tracuu_doc_new();
        assert_non_null(doc);
        for (unsigned i = 0; i < 6; i++)
            assert_int_equal(tracuu_doc_add_posting(doc, words[(i + (unsigned)d) % 6],
                                                    strlen(words[(i + (unsigned)d) % 6]), i + 1),
                             TRACUU_OK);
        char uid[16];
        snprintf(uid, sizeof uid, "Qdoc%d", d);
        assert_int_equal(tracuu_doc_add_boolean(doc, uid, strlen(uid)), TRACUU_OK);
        assert_int_equal(tracuu_doc_set_value(doc, 3, "20240228", 8), TRACUU_OK);
        assert_int_equal(tracuu_doc_set_data(doc, "data", 4), TRACUU_OK);
        unsigned id = 0;
        assert_int_equal(tracuu_db_replace(w, uid, doc, &id), TRACUU_OK);
        assert_int_equal(id, (unsigned)d + 1);
        tracuu_doc_free(doc);
    }
    assert_int_equal(tracuu_db_set_metadata(w, "k", "v"), TRACUU_OK);
    assert_int_equal(tracuu_db_commit(w), TRACUU_OK);
    tracuu_db_close(w);
}

static void test_corrupt_database_file_is_reported(void **state)
{
    (void)state;
    const char *path = db_path("corrupt");
    build_small_db(path);
    /* Overwrite the postlist table with garbage of the same size. */
    char table[160];
    snprintf(table, sizeof table, "%s/postlist.glass", path);
    FILE *f = fopen(table, "r+b");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    for (long i = 0; i < size; i++)
        fputc((int)((i * 7919) & 0xFF), f);
    fclose(f);
    tracuu_db_t *db = NULL;
    char *msg = NULL;
    tracuu_status_t st = tracuu_db_open(path, TRACUU_DB_READ, &db, &msg);
    if (st == TRACUU_OK) {
        /* Some damage only shows when the table is read. */
        tracuu_q_t *q = tracuu_q_term("thi", 3, 1);
        tracuu_search_opts_t o = {0, 10, -1, false, true, false, 0};
        tracuu_mset_t *m = NULL;
        st = tracuu_db_search(db, q, &o, &m);
        assert_null(m);
        assert_true(strlen(tracuu_db_last_error(db)) > 0);
        tracuu_q_free(q);
        tracuu_db_close(db);
    } else {
        assert_non_null(msg);
        free(msg);
    }
    assert_int_equal(st, TRACUU_ERR_DB_CORRUPT);
}

static void test_documents_round_trip(void **state)
{
    (void)state;
    const char *path = db_path("small");
    build_small_db(path);
    tracuu_db_t *db = NULL;
    char *msg = NULL;
    assert_int_equal(tracuu_db_open(path, TRACUU_DB_READ, &db, &msg), TRACUU_OK);
    unsigned n = 0, id = 0;
    assert_int_equal(tracuu_db_doccount(db, &n), TRACUU_OK);
    assert_int_equal(n, 3);
    assert_int_equal(tracuu_db_lookup(db, "Qdoc1", &id), TRACUU_OK);
    assert_int_equal(id, 2);
    assert_int_equal(tracuu_db_lookup(db, "Qnone", &id), TRACUU_ERR_NOT_FOUND);
    char *v = NULL;
    size_t len = 0;
    assert_int_equal(tracuu_db_get_value(db, 2, 3, &v, &len), TRACUU_OK);
    assert_string_equal(v, "20240228");
    free(v);
    assert_int_equal(tracuu_db_get_metadata(db, "k", &v), TRACUU_OK);
    assert_string_equal(v, "v");
    free(v);
    assert_int_equal(tracuu_db_get_data(db, 99, &v, &len), TRACUU_ERR_NOT_FOUND);
    assert_null(v);
    /* A phrase: "dua phat" is adjacent in the rotated documents 2 and 3
     * only (document 1 ends with dua and starts with phat). */
    tracuu_q_t *parts[2] = {tracuu_q_term("dua", 3, 1), tracuu_q_term("phat", 4, 1)};
    tracuu_q_t *q = tracuu_q_combine(TRACUU_Q_PHRASE, parts, 2);
    tracuu_search_opts_t o = {0, 10, -1, false, true, false, 0};
    tracuu_mset_t *m = NULL;
    assert_int_equal(tracuu_db_search(db, q, &o, &m), TRACUU_OK);
    assert_int_equal(tracuu_mset_total(m), 2);
    assert_int_equal(tracuu_mset_size(m), 2);
    assert_true(tracuu_mset_docid(m, 0) >= 2 && tracuu_mset_docid(m, 1) >= 2);
    tracuu_mset_free(m);
    tracuu_q_free(q);
    tracuu_termlist_t *tl = NULL;
    assert_int_equal(tracuu_db_terms(db, 0, "Q", &tl), TRACUU_OK);
    assert_int_equal(tl->n, 3);
    assert_string_equal(tl->terms[0], "doc0");
    tracuu_termlist_free(tl);
    /* Writing through a reader fails with a message, never an exception. */
    assert_int_equal(tracuu_db_commit(db), TRACUU_ERR_DB);
    assert_non_null(strstr(tracuu_db_last_error(db), "reading"));
    tracuu_db_close(db);
}

static void test_overlong_terms_are_refused(void **state)
{
    (void)state;
    tracuu_doc_t *doc = tracuu_doc_new();
    char big[300];
    memset(big, 'a', sizeof big);
    assert_int_equal(tracuu_doc_add_posting(doc, big, sizeof big, 1), TRACUU_ERR_ARG);
    assert_int_equal(tracuu_doc_add_term(doc, big, 0, 1), TRACUU_ERR_ARG);
    tracuu_doc_free(doc);
    tracuu_doc_free(NULL);
    tracuu_db_close(NULL);
}

static void test_schema_version_mismatch_is_refused(void **state)
{
    (void)state;
    const char *path = db_path("oldschema");
    build_small_db(path); /* documents but no schema stamp */
    tracuu_db_t *db = NULL;
    char *msg = NULL;
    assert_int_equal(tracuu_index_open(path, TRACUU_DB_READ, &db, &msg),
                     TRACUU_ERR_DB_VERSION);
    assert_null(db);
    assert_non_null(strstr(msg, "re-index"));
    free(msg);
    assert_int_equal(tracuu_index_open(path, TRACUU_DB_WRITE, &db, &msg),
                     TRACUU_ERR_DB_VERSION);
    free(msg);
    /* A new index gets the stamp. */
    assert_int_equal(tracuu_index_open(db_path("fresh"), TRACUU_DB_WRITE, &db, &msg),
                     TRACUU_OK);
    char *v = NULL;
    assert_int_equal(tracuu_db_get_metadata(db, TRACUU_META_SCHEMA, &v), TRACUU_OK);
    assert_string_equal(v, TRACUU_SCHEMA_VERSION);
    free(v);
    tracuu_db_close(db);
}

static void test_index_of_shards_is_made_once_and_reopened(void **state)
{
    (void)state;
    const char *path = db_path("sharded");
    tracuu_index_t *ix = NULL;
    char *msg = NULL;
    assert_int_equal(tracuu_index_open_shards(path, 3, &ix, &msg), TRACUU_OK);
    assert_int_equal(ix->n, 3);
    char names[3][64];
    memcpy(names, ix->names, sizeof names);
    /* A second writer is refused with a message naming the index. */
    tracuu_index_t *ix2 = NULL;
    assert_int_equal(tracuu_index_open_shards(path, 3, &ix2, &msg),
                     TRACUU_ERR_DB_LOCKED);
    assert_null(ix2);
    assert_non_null(strstr(msg, path));
    assert_non_null(strstr(msg, "another tracuu-index"));
    free(msg);
    tracuu_index_close(ix);
    /* Reopened with another wish, it keeps its three shards. */
    assert_int_equal(tracuu_index_open_shards(path, 1, &ix, &msg), TRACUU_OK);
    assert_int_equal(ix->n, 3);
    for (unsigned i = 0; i < 3; i++)
        assert_string_equal(ix->names[i], names[i]);
    tracuu_index_close(ix);
    /* Readers open the stub as one index, schema checked. */
    tracuu_db_t *r = NULL;
    assert_int_equal(tracuu_index_open(path, TRACUU_DB_READ, &r, &msg), TRACUU_OK);
    tracuu_db_close(r);
    /* An index of one database, without a stub, is one shard. */
    assert_int_equal(tracuu_index_open(db_path("single"), TRACUU_DB_WRITE, &r, &msg),
                     TRACUU_OK);
    tracuu_db_close(r);
    assert_int_equal(tracuu_index_open_shards(db_path("single"), 4, &ix, &msg),
                     TRACUU_OK);
    assert_int_equal(ix->n, 1);
    tracuu_index_close(ix);
    tracuu_index_close(NULL);
}

/* Add a document with unique term uid to db (committed). */
static void add_doc(tracuu_db_t *db, const char *uid)
{
    tracuu_doc_t *doc = tracuu_doc_new();
    assert_non_null(doc);
    assert_int_equal(tracuu_doc_add_boolean(doc, uid, strlen(uid)), TRACUU_OK);
    assert_int_equal(tracuu_doc_add_term(doc, "thi", 3, 1), TRACUU_OK);
    unsigned id = 0;
    assert_int_equal(tracuu_db_replace(db, uid, doc, &id), TRACUU_OK);
    tracuu_doc_free(doc);
    assert_int_equal(tracuu_db_commit(db), TRACUU_OK);
}

static bool exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* How many documents a reader of the index at path sees. */
static unsigned reader_count(const char *path)
{
    tracuu_db_t *r = NULL;
    char *msg = NULL;
    assert_int_equal(tracuu_index_open(path, TRACUU_DB_READ, &r, &msg), TRACUU_OK);
    unsigned n = 0;
    assert_int_equal(tracuu_db_doccount(r, &n), TRACUU_OK);
    tracuu_db_close(r);
    return n;
}

static void test_shards_grow_and_merge_into_one(void **state)
{
    (void)state;
    const char *path = db_path("grow");
    tracuu_index_t *ix = NULL;
    char *msg = NULL;
    assert_int_equal(tracuu_index_open_shards(path, 1, &ix, &msg), TRACUU_OK);
    assert_int_equal(ix->n, 1);
    add_doc(ix->shards[0], "Q/srv/a.txt");
    assert_int_equal(tracuu_db_set_metadata(ix->shards[0], "tracuu.failed:/srv/x",
                                            "1 2 bad\t/srv/x"), TRACUU_OK);
    assert_int_equal(tracuu_db_commit(ix->shards[0]), TRACUU_OK);
    /* Growing adds empty shards under new names, listed for readers. */
    assert_int_equal(tracuu_index_grow(ix, 3, &msg), TRACUU_OK);
    assert_int_equal(ix->n, 3);
    assert_string_not_equal(ix->names[0], ix->names[1]);
    assert_string_not_equal(ix->names[1], ix->names[2]);
    assert_string_not_equal(ix->names[0], ix->names[2]);
    add_doc(ix->shards[1], "Q/srv/b.txt");
    add_doc(ix->shards[2], "Q/srv/c.txt");
    add_doc(ix->shards[2], "Q/srv/d.txt");
    assert_int_equal(reader_count(path), 4);
    char old[3][160];
    for (unsigned i = 0; i < 3; i++) {
        snprintf(old[i], sizeof old[i], "%s/%s", path, ix->names[i]);
        assert_true(exists(old[i]));
    }
    /* Merged: one shard under a name none of them had, the old ones gone,
     * every document and every metadata entry kept. */
    assert_int_equal(tracuu_index_merge(ix, &msg), TRACUU_OK);
    assert_null(msg);
    assert_int_equal(ix->n, 1);
    for (unsigned i = 0; i < 3; i++) {
        assert_false(exists(old[i]));
        assert_string_not_equal(strrchr(old[i], '/') + 1, ix->names[0]);
    }
    /* The merged shard is written through ix, and its lock is held. */
    add_doc(ix->shards[0], "Q/srv/e.txt");
    tracuu_index_t *ix2 = NULL;
    assert_int_equal(tracuu_index_open_shards(path, 2, &ix2, &msg),
                     TRACUU_ERR_DB_LOCKED);
    free(msg);
    tracuu_index_close(ix);
    assert_int_equal(reader_count(path), 5);
    tracuu_db_t *r = NULL;
    assert_int_equal(tracuu_index_open(path, TRACUU_DB_READ, &r, &msg), TRACUU_OK);
    const char *uids[] = {"Q/srv/a.txt", "Q/srv/b.txt", "Q/srv/c.txt",
                          "Q/srv/d.txt", "Q/srv/e.txt"};
    for (unsigned i = 0; i < 5; i++) {
        unsigned id = 0;
        assert_int_equal(tracuu_db_lookup(r, uids[i], &id), TRACUU_OK);
    }
    char *v = NULL;
    assert_int_equal(tracuu_db_get_metadata(r, "tracuu.failed:/srv/x", &v), TRACUU_OK);
    assert_string_equal(v, "1 2 bad\t/srv/x");
    free(v);
    tracuu_db_close(r);
    /* Reopened, it has one shard whatever the wish; a merge of one shard
     * does nothing. */
    assert_int_equal(tracuu_index_open_shards(path, 2, &ix, &msg), TRACUU_OK);
    assert_int_equal(ix->n, 1);
    char name[64];
    strcpy(name, ix->names[0]);
    assert_int_equal(tracuu_index_merge(ix, &msg), TRACUU_OK);
    assert_string_equal(ix->names[0], name);
    /* A merge that cannot clear what an earlier one left fails with a
     * message, and the index keeps its shards and documents. */
    assert_int_equal(tracuu_index_grow(ix, 2, &msg), TRACUU_OK);
    add_doc(ix->shards[1], "Q/srv/f.txt");
    char junk[200];
    snprintf(junk, sizeof junk, "%s/merge.tmp/sub", path);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", junk);
    assert_int_equal(system(cmd), 0);
    assert_int_not_equal(tracuu_index_merge(ix, &msg), TRACUU_OK);
    assert_non_null(msg);
    assert_non_null(strstr(msg, path));
    assert_non_null(strstr(msg, "merge"));
    free(msg);
    assert_int_equal(ix->n, 2);
    assert_int_equal(reader_count(path), 6);
    /* Once it can, the next merge clears the leftover. */
    assert_int_equal(rmdir(junk), 0);
    snprintf(junk, sizeof junk, "%s/merge.tmp/stale", path);
    FILE *f = fopen(junk, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(tracuu_index_merge(ix, &msg), TRACUU_OK);
    assert_int_equal(ix->n, 1);
    snprintf(junk, sizeof junk, "%s/merge.tmp", path);
    assert_false(exists(junk));
    tracuu_index_close(ix);
    assert_int_equal(reader_count(path), 6);
    /* What runs that died left is removed by the next writer: a database
     * named like a shard that the stub does not list, and an unfinished
     * merge; anything else stays. */
    tracuu_db_t *w = NULL;
    snprintf(junk, sizeof junk, "%s/shard-7", path);
    assert_int_equal(tracuu_db_open(junk, TRACUU_DB_WRITE, &w, &msg), TRACUU_OK);
    tracuu_db_close(w);
    snprintf(cmd, sizeof cmd, "mkdir '%s/shard-notes' '%s/shard-8' '%s/merge.tmp'",
             path, path, path);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(tracuu_index_open_shards(path, 2, &ix, &msg), TRACUU_OK);
    tracuu_index_close(ix);
    assert_false(exists(junk));
    snprintf(junk, sizeof junk, "%s/merge.tmp", path);
    assert_false(exists(junk));
    snprintf(junk, sizeof junk, "%s/shard-notes", path);
    assert_true(exists(junk));
    snprintf(junk, sizeof junk, "%s/shard-8", path);
    assert_true(exists(junk));
    assert_int_equal(reader_count(path), 6);
}

/* A merge of a database that is not there fails with Xapian's message,
 * and writes nothing. */
static void test_compact_reports_a_missing_source(void **state)
{
    (void)state;
    char src[160], dst[160];
    snprintf(src, sizeof src, "%s", db_path("no-such-shard")); /* db_path's buffer is reused */
    snprintf(dst, sizeof dst, "%s", db_path("compact-out"));
    const char *srcs[] = {src};
    char *msg = NULL;
    assert_int_equal(tracuu_db_compact(srcs, 1, dst, &msg), TRACUU_ERR_DB_OPENING);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "no-such-shard"));
    free(msg);
    assert_int_not_equal(access(dst, F_OK), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_missing_database_for_reading),
        cmocka_unit_test(test_second_writer_is_refused_at_once),
        cmocka_unit_test(test_corrupt_database_file_is_reported),
        cmocka_unit_test(test_documents_round_trip),
        cmocka_unit_test(test_overlong_terms_are_refused),
        cmocka_unit_test(test_schema_version_mismatch_is_refused),
        cmocka_unit_test(test_index_of_shards_is_made_once_and_reopened),
        cmocka_unit_test(test_shards_grow_and_merge_into_one),
        cmocka_unit_test(test_compact_reports_a_missing_source),
    };
    return cmocka_run_group_tests_name("xdb", tests, setup, teardown);
}
