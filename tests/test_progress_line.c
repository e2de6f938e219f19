/* test_progress_line.c: the progress line at narrow terminals: the file
 * name goes first, then the ETA, never a word cut. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "progress.h"

static void line(size_t cols, const char *name, char *out, size_t size)
{
    tracuu_progress_compose("[ 12/400]", "1.2/10.3 MB", "0.5 MB/s",
                            "ETA 0:12", name, cols, out, size);
}

static void test_wide_terminal_shows_everything(void **state)
{
    (void)state;
    char b[256];
    line(100, "/kho/2024/Kế hoạch.docx", b, sizeof b);
    assert_string_equal(b, "[ 12/400] 1.2/10.3 MB  0.5 MB/s  ETA 0:12  "
                           "/kho/2024/Kế hoạch.docx");
}

static void test_name_shortened_then_dropped_first(void **state)
{
    (void)state;
    char b[256];
    line(60, "/kho/2024/Kế hoạch thi đua.docx", b, sizeof b);
    assert_string_equal(b, "[ 12/400] 1.2/10.3 MB  0.5 MB/s  ETA 0:12  "
                           "…thi đua.docx");
    line(50, "/kho/2024/Kế hoạch thi đua.docx", b, sizeof b);
    assert_string_equal(b, "[ 12/400] 1.2/10.3 MB  0.5 MB/s  ETA 0:12");
}

static void test_eta_then_rate_go_whole(void **state)
{
    (void)state;
    char b[256];
    line(40, "a.txt", b, sizeof b); /* 41 columns with the ETA */
    assert_string_equal(b, "[ 12/400] 1.2/10.3 MB  0.5 MB/s");
    line(30, "a.txt", b, sizeof b);
    assert_string_equal(b, "[ 12/400] 1.2/10.3 MB");
    line(12, "a.txt", b, sizeof b);
    assert_string_equal(b, "[ 12/400]");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wide_terminal_shows_everything),
        cmocka_unit_test(test_name_shortened_then_dropped_first),
        cmocka_unit_test(test_eta_then_rate_go_whole),
    };
    return cmocka_run_group_tests_name("progress_line", tests, NULL, NULL);
}
