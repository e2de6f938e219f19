/* test_index.c: the index's stub (parse, read, repair), leftovers of runs that died, abandoned writers, unwritable indexes. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "index.h"
#include "schema.h"
#include "xdb.h"

#include "testutil.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    return tt_make_dir(dir, sizeof dir, "/tmp/tracuu-test-index.XXXXXX");
}

static int teardown(void **state)
{
    (void)state;
    return tt_remove_dir(dir);
}

/* dir/name in a buffer of the caller's. */
static const char *at(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
    return buf;
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static bool exists(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

/* Parse text; its message (new) in *msg. */
static bool parse(const char *text, char names[][64], unsigned *n, char **msg)
{
    return tracuu_stub_parse(text, strlen(text), names, n, msg);
}

static void test_stub_accepts_only_what_it_writes(void **state)
{
    (void)state;
    char names[TRACUU_MAX_SHARDS][64];
    unsigned n = 9;
    char *msg = NULL;
    assert_true(parse("auto shard-0\nauto shard-12\n", names, &n, &msg));
    assert_null(msg);
    assert_int_equal(n, 2);
    assert_string_equal(names[0], "shard-0");
    assert_string_equal(names[1], "shard-12");
    char *text = tracuu_stub_format((const char(*)[64])names, n);
    assert_string_equal(text, "auto shard-0\nauto shard-12\n");
    free(text);
    /* Each refused with the line it is on. */
    static const struct {
        const char *text, *why;
    } bad[] = {
        {"", "empty"},
        {"hello world\n", "line 1: not \"auto shard-N\""},
        {"auto shard-1\nremote :/usr/bin/touch pwned\n", "line 2: not"},
        {"auto ../outside\n", "line 1: not"},
        {"auto /srv/other/index\n", "line 1: not"},
        {"auto shard-1/../../x\n", "line 1: not"},
        {"glass shard-1\n", "line 1: not"},
        {"auto shard-\n", "line 1: not"},
        {"auto shard-01\n", "line 1: not"},
        {"auto shard-1234567890\n", "line 1: not"},
        {"auto shard-1 \n", "line 1: not"},
        {"auto shard-1\r\n", "line 1: not"},
        {"auto  shard-1\n", "line 1: not"},
        {"auto shard-1\n\n", "line 2: not"},
        {"auto shard-1", "line 1: cut short"},
        {"auto shard-1\nauto shard-1\n", "line 2: a shard listed twice"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        n = 9;
        assert_false(parse(bad[i].text, names, &n, &msg));
        assert_int_equal(n, 0);
        assert_non_null(msg);
        if (!strstr(msg, bad[i].why))
            fail_msg("[%s]: message [%s], want [%s]", bad[i].text, msg, bad[i].why);
        free(msg);
    }
    /* NUL bytes inside a line. */
    assert_false(tracuu_stub_parse("auto shard-1\0\n", 14, names, &n, &msg));
    free(msg);
    /* More shards than an index has. */
    char many[(TRACUU_MAX_SHARDS + 1) * 16] = "";
    for (unsigned i = 0; i <= TRACUU_MAX_SHARDS; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), "auto shard-%u\n", i);
    assert_false(parse(many, names, &n, &msg));
    assert_non_null(strstr(msg, "line 17: more shards"));
    free(msg);
}

/* Write the stub of the index at dir/name as text. */
static void put_stub(const char *name, const char *text)
{
    char p[160];
    snprintf(p, sizeof p, "%s/%s/" TRACUU_STUB_NAME, dir, name);
    put(p, text);
}

/* A committed index of n shards at dir/name, doc documents in each. */
static void make_index(const char *name, unsigned n, unsigned docs)
{
    char p[160];
    tracuu_index_t *ix = NULL;
    char *msg = NULL;
    assert_int_equal(tracuu_index_open_shards(at(p, sizeof p, name), n, &ix, &msg),
                     TRACUU_OK);
    for (unsigned k = 0; k < ix->n; k++)
        for (unsigned d = 0; d < docs; d++) {
            char uid[32];
            snprintf(uid, sizeof uid, "Q/srv/%u-%u.txt", k, d);
            tracuu_doc_t *doc = tracuu_doc_new();
            assert_int_equal(tracuu_doc_add_boolean(doc, uid, strlen(uid)), TRACUU_OK);
            assert_int_equal(tracuu_doc_add_posting(doc, "thi", 3, 1), TRACUU_OK);
            assert_int_equal(tracuu_db_replace(ix->shards[k], uid, doc, NULL), TRACUU_OK);
            tracuu_doc_free(doc);
        }
    tracuu_index_close(ix);
}

static unsigned count_docs(const char *name)
{
    char p[160];
    tracuu_db_t *r = NULL;
    char *msg = NULL;
    tracuu_status_t st = tracuu_index_open(at(p, sizeof p, name), TRACUU_DB_READ, &r, &msg);
    if (st != TRACUU_OK)
        fail_msg("open %s: %s", name, msg);
    unsigned n = 0;
    assert_int_equal(tracuu_db_doccount(r, &n), TRACUU_OK);
    tracuu_db_close(r);
    return n;
}

/* A damaged stub stops reader and writer with a message naming it, and
 * the writer removes nothing; --repair lists the shards again. */
static void test_damaged_stub_is_refused_and_repaired(void **state)
{
    (void)state;
    char p[160], q[160];
    make_index("dmg", 3, 2);
    assert_int_equal(count_docs("dmg"), 6);
    static const char *const garbage[] = {
        "hello world\n", "", "auto ../outside\n", "auto shard-0\nauto shard-9\n",
        "remote :/usr/bin/touch pwned\n"};
    for (size_t i = 0; i < sizeof garbage / sizeof *garbage; i++) {
        put_stub("dmg", garbage[i]);
        tracuu_index_t *ix = NULL;
        tracuu_db_t *r = NULL;
        char *msg = NULL;
        assert_int_not_equal(tracuu_index_open_shards(at(p, sizeof p, "dmg"), 2, &ix, &msg),
                             TRACUU_OK);
        assert_null(ix);
        assert_non_null(strstr(msg, at(q, sizeof q, "dmg/XAPIANDB")));
        assert_non_null(strstr(msg, "--repair"));
        free(msg);
        assert_int_not_equal(tracuu_index_open(p, TRACUU_DB_READ, &r, &msg), TRACUU_OK);
        assert_non_null(strstr(msg, "XAPIANDB"));
        free(msg);
        for (unsigned k = 0; k < 3; k++) {
            char s[32];
            snprintf(s, sizeof s, "dmg/shard-%u/iamglass", k);
            assert_true(exists(at(q, sizeof q, s)));
        }
    }
    assert_false(exists(at(q, sizeof q, "pwned")));
    /* Repair: every shard found, with its documents, named in the message. */
    mkdir(at(q, sizeof q, "dmg/shard-7"), 0700); /* not a database */
    char *msg = NULL;
    assert_int_equal(tracuu_index_repair(p, &msg), TRACUU_OK);
    assert_non_null(strstr(msg, "shard-0 (2 documents), shard-1 (2 documents), "
                                "shard-2 (2 documents)"));
    assert_non_null(strstr(msg, "left aside: shard-7 (not a database)"));
    free(msg);
    assert_int_equal(count_docs("dmg"), 6);
    /* Nothing to repair from: an error, nothing written. */
    mkdir(at(p, sizeof p, "empty"), 0700);
    assert_int_not_equal(tracuu_index_repair(p, &msg), TRACUU_OK);
    assert_non_null(strstr(msg, "no shard"));
    free(msg);
    assert_false(exists(at(q, sizeof q, "empty/XAPIANDB")));
}

/* A stub that is a link, a FIFO, a device or too large is refused at
 * once (no hang, no endless read). */
static void test_stub_that_is_no_file_is_refused(void **state)
{
    (void)state;
    char p[160], s[160];
    make_index("odd", 1, 1);
    at(s, sizeof s, "odd/" TRACUU_STUB_NAME);
    struct {
        const char *what, *why;
    } cases[] = {{"link", "symbolic link"}, {"fifo", "not a regular file"},
                 {"big", "too large"}};
    for (size_t i = 0; i < 3; i++) {
        unlink(s);
        if (i == 0)
            assert_int_equal(symlink("/dev/zero", s), 0);
        else if (i == 1)
            assert_int_equal(mkfifo(s, 0600), 0);
        else {
            FILE *f = fopen(s, "w");
            for (int k = 0; k < 1000; k++)
                fputs("auto shard-0\n", f);
            fclose(f);
        }
        char names[TRACUU_MAX_SHARDS][64];
        unsigned n = 0;
        char *msg = NULL;
        assert_int_equal(tracuu_stub_read(at(p, sizeof p, "odd"), names, &n, &msg),
                         TRACUU_ERR_DB_CORRUPT);
        if (!strstr(msg, cases[i].why) || !strstr(msg, s))
            fail_msg("%s: [%s]", cases[i].what, msg);
        free(msg);
    }
    unlink(s);
}

/* A listed shard that is a link to another index is refused. */
static void test_listed_shard_must_be_a_directory_inside(void **state)
{
    (void)state;
    char p[160], q[160];
    make_index("other", 1, 5);
    make_index("mine", 1, 1);
    at(p, sizeof p, "mine/shard-5");
    assert_int_equal(symlink(at(q, sizeof q, "other/shard-0"), p), 0);
    put_stub("mine", "auto shard-5\n");
    tracuu_db_t *r = NULL;
    char *msg = NULL;
    assert_int_equal(tracuu_index_open(at(p, sizeof p, "mine"), TRACUU_DB_READ, &r, &msg),
                     TRACUU_ERR_DB_CORRUPT);
    assert_non_null(strstr(msg, "shard-5, which is not a directory"));
    free(msg);
}

/* A kill -9 while merged shards were removed: a shard directory without
 * its version file but with tables, listed nowhere, and a trash-*
 * directory. The next writer removes both; anything else stays. */
static void test_leftovers_of_a_cut_removal_are_removed(void **state)
{
    (void)state;
    char p[160], q[160];
    make_index("cut", 1, 2);
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "cd '%s/cut' && cp -r shard-0 shard-4 && rm shard-4/iamglass && "
             "cp -r shard-0 trash-shard-3 && rm trash-shard-3/iamglass && "
             "mkdir shard-6 notes trash-notes && touch notes/keep trash-notes/keep",
             dir);
    assert_int_equal(system(cmd), 0);
    tracuu_index_t *ix = NULL;
    char *msg = NULL;
    assert_int_equal(tracuu_index_open_shards(at(p, sizeof p, "cut"), 1, &ix, &msg),
                     TRACUU_OK);
    tracuu_index_close(ix);
    assert_false(exists(at(q, sizeof q, "cut/shard-4")));
    assert_false(exists(at(q, sizeof q, "cut/trash-shard-3")));
    assert_true(exists(at(q, sizeof q, "cut/shard-6")));
    assert_true(exists(at(q, sizeof q, "cut/notes/keep")));
    assert_true(exists(at(q, sizeof q, "cut/trash-notes/keep")));
    assert_int_equal(count_docs("cut"), 2);
    /* A merge leaves no trash behind either. */
    assert_int_equal(tracuu_index_open_shards(p, 1, &ix, &msg), TRACUU_OK);
    assert_int_equal(tracuu_index_grow(ix, 2, &msg), TRACUU_OK);
    assert_int_equal(tracuu_index_merge(ix, &msg), TRACUU_OK);
    tracuu_index_close(ix);
    snprintf(cmd, sizeof cmd, "ls '%s/cut' | grep -q trash-shard", dir);
    assert_int_not_equal(system(cmd), 0);
    assert_int_equal(count_docs("cut"), 2);
}

/* A new index directory and its shards are private to their owner. */
static void test_new_index_is_private(void **state)
{
    (void)state;
    char p[160];
    make_index("new/deeper/idx", 2, 1);
    static const char *const dirs[] = {"new", "new/deeper", "new/deeper/idx",
                                       "new/deeper/idx/shard-0",
                                       "new/deeper/idx/shard-1"};
    for (size_t i = 0; i < 5; i++) {
        struct stat sb;
        assert_int_equal(stat(at(p, sizeof p, dirs[i]), &sb), 0);
        if ((sb.st_mode & 0777) != 0700)
            fail_msg("%s: mode %o", dirs[i], sb.st_mode & 0777);
    }
    /* An existing directory keeps its mode, and its shards follow it. */
    mkdir(at(p, sizeof p, "shared"), 0755);
    chmod(p, 0755);
    make_index("shared", 1, 1);
    struct stat sb;
    assert_int_equal(stat(at(p, sizeof p, "shared/shard-0"), &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0755);
}

/* An old index of one database (no stub) is read and written as before. */
static void test_single_database_index_keeps_working(void **state)
{
    (void)state;
    char p[160];
    tracuu_db_t *w = NULL;
    char *msg = NULL;
    assert_int_equal(tracuu_index_open(at(p, sizeof p, "old"), TRACUU_DB_WRITE, &w, &msg),
                     TRACUU_OK);
    tracuu_doc_t *doc = tracuu_doc_new();
    assert_int_equal(tracuu_doc_add_boolean(doc, "Q/a", 3), TRACUU_OK);
    assert_int_equal(tracuu_db_replace(w, "Q/a", doc, NULL), TRACUU_OK);
    tracuu_doc_free(doc);
    tracuu_db_close(w);
    assert_int_equal(count_docs("old"), 1);
    tracuu_index_t *ix = NULL;
    assert_int_equal(tracuu_index_open_shards(p, 3, &ix, &msg), TRACUU_OK);
    assert_true(ix->single);
    assert_int_equal(ix->n, 1);
    tracuu_index_close(ix);
    assert_false(exists(at(p, sizeof p, "old/" TRACUU_STUB_NAME)));
}

/* Abandoned: what was pending is not committed; the lock is released. */
static void test_abandon_drops_pending_changes(void **state)
{
    (void)state;
    char p[160];
    tracuu_db_t *w = NULL;
    char *msg = NULL;
    assert_int_equal(tracuu_index_open(at(p, sizeof p, "ab"), TRACUU_DB_WRITE, &w, &msg),
                     TRACUU_OK);
    const char *uids[] = {"Q/one", "Q/two", "Q/three"};
    for (unsigned i = 0; i < 3; i++) {
        tracuu_doc_t *doc = tracuu_doc_new();
        assert_int_equal(tracuu_doc_add_boolean(doc, uids[i], strlen(uids[i])), TRACUU_OK);
        assert_int_equal(tracuu_db_replace(w, uids[i], doc, NULL), TRACUU_OK);
        tracuu_doc_free(doc);
        if (i == 0)
            assert_int_equal(tracuu_db_commit(w), TRACUU_OK);
    }
    assert_int_equal(tracuu_db_set_metadata(w, "k", "pending"), TRACUU_OK);
    tracuu_db_abandon(w);
    tracuu_db_abandon(NULL);
    assert_int_equal(count_docs("ab"), 1);
    /* The lock is free, and the next writer sees the committed state. */
    assert_int_equal(tracuu_index_open(p, TRACUU_DB_WRITE, &w, &msg), TRACUU_OK);
    unsigned id = 0;
    assert_int_equal(tracuu_db_lookup(w, "Q/one", &id), TRACUU_OK);
    assert_int_equal(tracuu_db_lookup(w, "Q/two", &id), TRACUU_ERR_NOT_FOUND);
    char *v = NULL;
    assert_int_equal(tracuu_db_get_metadata(w, "k", &v), TRACUU_OK);
    assert_string_equal(v, "");
    free(v);
    tracuu_db_close(w);
    /* A reader abandoned is just closed. */
    tracuu_db_t *r = NULL;
    assert_int_equal(tracuu_index_open(p, TRACUU_DB_READ, &r, &msg), TRACUU_OK);
    tracuu_db_abandon(r);
}

/* A reader of shards reopened after a merge replaced them reads the
 * merged shard; one whose revision went stale is told so distinctly. */
static void test_reader_of_shards_reopens_after_a_merge(void **state)
{
    (void)state;
    char p[160];
    make_index("rm", 2, 3);
    tracuu_db_t *r = NULL;
    char *msg = NULL;
    assert_int_equal(tracuu_index_open(at(p, sizeof p, "rm"), TRACUU_DB_READ, &r, &msg),
                     TRACUU_OK);
    tracuu_index_t *ix = NULL;
    assert_int_equal(tracuu_index_open_shards(p, 2, &ix, &msg), TRACUU_OK);
    tracuu_doc_t *doc = tracuu_doc_new();
    assert_int_equal(tracuu_doc_add_boolean(doc, "Q/new", 5), TRACUU_OK);
    assert_int_equal(tracuu_db_replace(ix->shards[1], "Q/new", doc, NULL), TRACUU_OK);
    tracuu_doc_free(doc);
    assert_int_equal(tracuu_db_commit(ix->shards[1]), TRACUU_OK);
    assert_int_equal(tracuu_index_merge(ix, &msg), TRACUU_OK);
    tracuu_index_close(ix);
    assert_int_equal(tracuu_db_reopen(r), TRACUU_OK);
    unsigned n = 0, id = 0;
    assert_int_equal(tracuu_db_doccount(r, &n), TRACUU_OK);
    assert_int_equal(n, 7);
    assert_int_equal(tracuu_db_lookup(r, "Q/new", &id), TRACUU_OK);
    tracuu_q_t *q = tracuu_q_term("thi", 3, 1);
    tracuu_search_opts_t o = {0, 10, -1, false, true, false, 0};
    tracuu_mset_t *m = NULL;
    assert_int_equal(tracuu_db_search(r, q, &o, &m), TRACUU_OK);
    assert_int_equal(tracuu_mset_total(m), 6);
    tracuu_mset_free(m);
    tracuu_q_free(q);
    tracuu_db_close(r);
    assert_int_not_equal(TRACUU_ERR_DB_MODIFIED, TRACUU_ERR_DB);
    assert_string_equal(tracuu_status_str(TRACUU_ERR_DB_MODIFIED),
                        "the index was modified while reading");
}

/* Replace documents 0..n-1 of db with terms of generation gen. */
static void rewrite(tracuu_db_t *db, unsigned n, unsigned gen)
{
    for (unsigned d = 0; d < n; d++) {
        char uid[32], t[32];
        snprintf(uid, sizeof uid, "Q/srv/%u.txt", d);
        tracuu_doc_t *doc = tracuu_doc_new();
        assert_int_equal(tracuu_doc_add_boolean(doc, uid, strlen(uid)), TRACUU_OK);
        for (unsigned k = 0; k < 8; k++) {
            snprintf(t, sizeof t, "g%u-w%u-%u", gen, k, d % 97);
            assert_int_equal(tracuu_doc_add_posting(doc, t, strlen(t), k + 1), TRACUU_OK);
        }
        assert_int_equal(tracuu_db_replace(db, uid, doc, NULL), TRACUU_OK);
        tracuu_doc_free(doc);
    }
    assert_int_equal(tracuu_db_commit(db), TRACUU_OK);
}

/* A reader whose revision a writer's commits overwrote gets
 * TRACUU_ERR_DB_MODIFIED (not a generic error), and a reopen cures it. */
static void test_stale_reader_gets_its_own_status(void **state)
{
    (void)state;
    char p[160];
    tracuu_index_t *ix = NULL;
    char *msg = NULL;
    assert_int_equal(tracuu_index_open_shards(at(p, sizeof p, "stale"), 1, &ix, &msg),
                     TRACUU_OK);
    rewrite(ix->shards[0], 3000, 0);
    tracuu_db_t *r = NULL;
    assert_int_equal(tracuu_index_open(p, TRACUU_DB_READ, &r, &msg), TRACUU_OK);
    for (unsigned gen = 1; gen <= 4; gen++)
        rewrite(ix->shards[0], 3000, gen);
    tracuu_index_close(ix);
    tracuu_termlist_t *tl = NULL;
    assert_int_equal(tracuu_db_terms(r, 0, "g", &tl), TRACUU_ERR_DB_MODIFIED);
    assert_non_null(strstr(tracuu_db_last_error(r), "DatabaseModifiedError"));
    assert_int_equal(tracuu_db_reopen(r), TRACUU_OK);
    assert_int_equal(tracuu_db_terms(r, 0, "g4-w0-", &tl), TRACUU_OK);
    assert_int_equal(tl->n, 97);
    tracuu_termlist_free(tl);
    tracuu_db_close(r);
}

/* Root, or CI (where a skip is a failure): else false, with a message. */
static bool have_root(void)
{
    if (geteuid() == 0)
        return true;
    const char *ci = getenv("CI");
    if (ci && strcmp(ci, "true") == 0)
        fail_msg("needs root (CI=true)");
    printf("skipped: needs root\n");
    return false;
}

/* A read-only file system is named as such, not as another writer. */
static void test_read_only_index_is_named(void **state)
{
    (void)state;
    if (!have_root())
        return;
    char p[160], q[160];
    make_index("ro", 1, 1);
    at(p, sizeof p, "ro");
    assert_int_equal(mount(p, p, NULL, MS_BIND, NULL), 0);
    assert_int_equal(mount(NULL, p, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL), 0);
    tracuu_index_t *ix = NULL;
    char *msg = NULL;
    tracuu_status_t st = tracuu_index_open_shards(p, 1, &ix, &msg);
    umount(p);
    assert_int_equal(st, TRACUU_ERR_DB_ACCESS);
    assert_null(strstr(msg, "another"));
    if (!strstr(msg, "Read-only file system") || !strstr(msg, at(q, sizeof q, "ro/shard-0")))
        fail_msg("[%s]", msg);
    free(msg);
}

/* Fill a writer at path on a full file system until a commit fails;
 * then close it (abandon when abandon). Runs in a child: an abort is
 * seen as its status. Returns the child's wait status. */
static int fill_and_close(const char *path, bool abandon)
{
    pid_t pid = fork();
    if (pid == 0) {
        tracuu_db_t *w = NULL;
        char *msg = NULL;
        if (tracuu_db_open(path, TRACUU_DB_WRITE, &w, &msg) != TRACUU_OK)
            _exit(3);
        static char data[65536];
        unsigned seed = 12345;
        tracuu_status_t st = TRACUU_OK;
        for (unsigned d = 0; d < 200 && st == TRACUU_OK; d++) {
            for (size_t i = 0; i < sizeof data; i++)
                data[i] = (char)((seed = seed * 1103515245u + 12345u) >> 16);
            char uid[32];
            snprintf(uid, sizeof uid, "Q%u", d);
            tracuu_doc_t *doc = tracuu_doc_new();
            tracuu_doc_add_boolean(doc, uid, strlen(uid));
            tracuu_doc_set_data(doc, data, sizeof data);
            st = tracuu_db_replace(w, uid, doc, NULL);
            tracuu_doc_free(doc);
            if (st == TRACUU_OK && d % 2)
                st = tracuu_db_commit(w);
        }
        if (st == TRACUU_OK)
            _exit(4); /* never filled */
        if (abandon)
            tracuu_db_abandon(w);
        else
            tracuu_db_close(w);
        _exit(0);
    }
    int ws = 0;
    waitpid(pid, &ws, 0);
    return ws;
}

/* On a full disk neither closing nor abandoning a writer aborts. */
static void test_full_disk_writer_closes_without_abort(void **state)
{
    (void)state;
    if (!have_root())
        return;
    char p[160], db[200];
    for (int abandon = 0; abandon < 2; abandon++) {
        at(p, sizeof p, "full");
        mkdir(p, 0700);
        assert_int_equal(mount("tmpfs", p, "tmpfs", 0, "size=1m"), 0);
        snprintf(db, sizeof db, "%s/db", p);
        int ws = fill_and_close(db, abandon);
        umount(p);
        if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
            fail_msg("%s on a full disk: %s %d", abandon ? "abandon" : "close",
                     WIFSIGNALED(ws) ? "signal" : "exit",
                     WIFSIGNALED(ws) ? WTERMSIG(ws) : WEXITSTATUS(ws));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stub_accepts_only_what_it_writes),
        cmocka_unit_test(test_damaged_stub_is_refused_and_repaired),
        cmocka_unit_test(test_stub_that_is_no_file_is_refused),
        cmocka_unit_test(test_listed_shard_must_be_a_directory_inside),
        cmocka_unit_test(test_leftovers_of_a_cut_removal_are_removed),
        cmocka_unit_test(test_new_index_is_private),
        cmocka_unit_test(test_single_database_index_keeps_working),
        cmocka_unit_test(test_abandon_drops_pending_changes),
        cmocka_unit_test(test_reader_of_shards_reopens_after_a_merge),
        cmocka_unit_test(test_stale_reader_gets_its_own_status),
        cmocka_unit_test(test_read_only_index_is_named),
        cmocka_unit_test(test_full_disk_writer_closes_without_abort),
    };
    return cmocka_run_group_tests_name("index", tests, setup, teardown);
}
