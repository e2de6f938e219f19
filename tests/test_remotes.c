/* test_remotes.c: --remote HOST:PORT and the user's remotes file (parsing, refusing a file others may write). */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "remotes.h"

#include "testutil.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    return tt_make_dir(dir, sizeof dir, "/tmp/tracuu-test-remotes.XXXXXX");
}

static int teardown(void **state)
{
    (void)state;
    return tt_remove_dir(dir);
}

static void test_host_port_split(void **state)
{
    (void)state;
    char host[TRACUU_HOST_MAX + 1];
    unsigned port = 0;
    assert_true(tracuu_remote_split("127.0.0.1:5001", host, &port));
    assert_string_equal(host, "127.0.0.1");
    assert_int_equal(port, 5001);
    assert_true(tracuu_remote_split("shard-2.tinh.gov.vn:65535", host, &port));
    assert_string_equal(host, "shard-2.tinh.gov.vn");
    assert_int_equal(port, 65535);
    assert_true(tracuu_remote_split("[::1]:7000", host, &port));
    assert_string_equal(host, "::1");
    assert_int_equal(port, 7000);
    static const char *const bad[] = {
        "", "host", "host:", ":5001", "host:0", "host:65536", "host:50x1",
        "host:-1", "ho st:1", "host;rm -rf:1", "[::1]7000", "[zz]:1",
        "host:123456", "a/b:1", "host: 1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(tracuu_remote_split(bad[i], host, &port));
    /* A listening address may ask for any free port (tracuu-serve). */
    assert_true(tracuu_hostport_split("[::1]:0", host, &port));
    assert_string_equal(host, "::1");
    assert_int_equal(port, 0);
    assert_false(tracuu_hostport_split("host:65536", host, &port));
    assert_false(tracuu_hostport_split("ho st:1", host, &port));
}

static void test_file_with_comments_and_timeouts(void **state)
{
    (void)state;
    const char text[] = "# shards of the province\n"
                        "\n"
                        "  10.0.0.1:5001   # district 1\n"
                        "10.0.0.2:5002\r\n"
                        "timeout 2.5\n"
                        "connect-timeout 1\n"
                        "[fe80::1]:5003";
    tracuu_remotes_t r;
    char *msg = NULL;
    assert_true(tracuu_remotes_parse(text, sizeof text - 1, "remotes", &r, &msg));
    assert_null(msg);
    assert_int_equal(r.n, 3);
    assert_string_equal(r.names[0], "10.0.0.1:5001");
    assert_string_equal(r.names[1], "10.0.0.2:5002");
    assert_string_equal(r.names[2], "[fe80::1]:5003");
    assert_int_equal(r.call_ms, 2500);
    assert_int_equal(r.connect_ms, 1000);
    tracuu_remotes_free(&r);
}

/* Each bad line is refused with the file and the line named. */
static void test_bad_lines_are_named(void **state)
{
    (void)state;
    static const struct { const char *text, *want; } cases[] = {
        {"10.0.0.1:5001\nnot-a-shard\n", "remotes: line 2: not HOST:PORT"},
        {"10.0.0.1:99999\n", "remotes: line 1: not HOST:PORT"},
        {"# x\n\ntimeout 0\n", "remotes: line 3: a timeout wants seconds"},
        {"timeout soon\n", "remotes: line 1: a timeout wants seconds"},
        {"retries 3\n", "remotes: line 1: not HOST:PORT, timeout S"},
        {"h:1 h:2\n", "remotes: line 1: not HOST:PORT, timeout S"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tracuu_remotes_t r;
        char *msg = NULL;
        assert_false(tracuu_remotes_parse(cases[i].text, strlen(cases[i].text),
                                          "remotes", &r, &msg));
        assert_non_null(msg);
        if (strncmp(msg, cases[i].want, strlen(cases[i].want)) != 0)
            fail_msg("case %zu: '%s', not '%s...'", i, msg, cases[i].want);
        assert_int_equal(r.n, 0);
        free(msg);
    }
    /* A NUL byte inside a line. */
    tracuu_remotes_t r;
    char *msg = NULL;
    assert_false(tracuu_remotes_parse("h:1\0x\n", 6, "remotes", &r, &msg));
    assert_non_null(strstr(msg, "line 1"));
    free(msg);
}

static void test_seconds(void **state)
{
    (void)state;
    unsigned ms = 0;
    assert_true(tracuu_seconds_parse("5", &ms));
    assert_int_equal(ms, 5000);
    assert_true(tracuu_seconds_parse("0.2", &ms));
    assert_int_equal(ms, 200);
    assert_false(tracuu_seconds_parse("0", &ms));
    assert_false(tracuu_seconds_parse("-1", &ms));
    assert_false(tracuu_seconds_parse("3601", &ms));
    assert_false(tracuu_seconds_parse("5s", &ms));
    assert_false(tracuu_seconds_parse("", &ms));
    assert_false(tracuu_seconds_parse("nan", &ms));
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(chmod(path, mode), 0);
}

/* A file its group or others may write is refused, naming it; one only
 * its owner writes is read; none is no shard. */
static void test_file_others_may_write_is_refused(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/remotes", dir);
    tracuu_remotes_t r;
    char *msg = NULL;
    assert_int_equal(tracuu_remotes_read(path, &r, &msg), TRACUU_ERR_NOT_FOUND);
    assert_null(msg);
    write_file(path, "127.0.0.1:5001\n", 0666);
    assert_int_equal(chmod(path, 0666), 0); /* past the umask */
    assert_int_equal(tracuu_remotes_read(path, &r, &msg), TRACUU_ERR_ARG);
    assert_non_null(strstr(msg, path));
    assert_non_null(strstr(msg, "writable by others"));
    free(msg);
    assert_int_equal(chmod(path, 0620), 0);
    assert_int_equal(tracuu_remotes_read(path, &r, &msg), TRACUU_ERR_ARG);
    free(msg);
    assert_int_equal(chmod(path, 0600), 0);
    assert_int_equal(tracuu_remotes_read(path, &r, &msg), TRACUU_OK);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.names[0], "127.0.0.1:5001");
    tracuu_remotes_free(&r);
    /* A symbolic link to it is not followed. */
    char link[160];
    snprintf(link, sizeof link, "%s/link", dir);
    assert_int_equal(symlink(path, link), 0);
    assert_int_equal(tracuu_remotes_read(link, &r, &msg), TRACUU_ERR_ARG);
    assert_non_null(strstr(msg, "symbolic link"));
    free(msg);
    /* A directory in its place. */
    char sub[160];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(tracuu_remotes_read(sub, &r, &msg), TRACUU_ERR_ARG);
    assert_non_null(strstr(msg, "not a regular file"));
    free(msg);
}

static void test_path_from_environment(void **state)
{
    (void)state;
    char *old_xdg = getenv("XDG_CONFIG_HOME") ? strdup(getenv("XDG_CONFIG_HOME")) : NULL;
    setenv("XDG_CONFIG_HOME", "/cfg", 1);
    char *p = tracuu_remotes_path();
    assert_string_equal(p, "/cfg/tracuu/remotes");
    free(p);
    setenv("XDG_CONFIG_HOME", "relative", 1); /* not absolute: ignored */
    setenv("HOME", "/home/u", 1);
    p = tracuu_remotes_path();
    assert_string_equal(p, "/home/u/.config/tracuu/remotes");
    free(p);
    if (old_xdg)
        setenv("XDG_CONFIG_HOME", old_xdg, 1);
    else
        unsetenv("XDG_CONFIG_HOME");
    free(old_xdg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_host_port_split),
        cmocka_unit_test(test_file_with_comments_and_timeouts),
        cmocka_unit_test(test_bad_lines_are_named),
        cmocka_unit_test(test_seconds),
        cmocka_unit_test_setup_teardown(test_file_others_may_write_is_refused,
                                        setup, teardown),
        cmocka_unit_test(test_path_from_environment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
