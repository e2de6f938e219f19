/* test_progress.c: the progress line (only on a terminal) and the run summary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

static void test_eta_formats(void **state)
{
    (void)state;
    char b[16];
    tracuu_progress_eta(0, b, sizeof b);
    assert_string_equal(b, "0:00");
    tracuu_progress_eta(75, b, sizeof b);
    assert_string_equal(b, "1:15");
    tracuu_progress_eta(3725, b, sizeof b);
    assert_string_equal(b, "1:02:05");
    tracuu_progress_eta(-1, b, sizeof b);
    assert_string_equal(b, "--:--");
}

static void test_fit_keeps_the_end_of_long_paths(void **state)
{
    (void)state;
    char b[256];
    tracuu_progress_fit("a/b.docx", 20, b, sizeof b);
    assert_string_equal(b, "a/b.docx");
    /* 12 columns: an ellipsis and the last 11 characters */
    tracuu_progress_fit("/lưu trữ/2024/Kế hoạch.docx", 12, b, sizeof b);
    assert_string_equal(b, "… hoạch.docx");
    /* decomposed letters: a combining mark takes no column */
    tracuu_progress_fit("/x/Ke\xCC\x82\xCC\x81 hoa\xCC\xA3" "ch", 9, b, sizeof b);
    assert_string_equal(b, "…Ke\xCC\x82\xCC\x81 hoa\xCC\xA3" "ch");
    tracuu_progress_fit("abc", 0, b, sizeof b);
    assert_string_equal(b, "");
}

static void test_nothing_written_when_not_a_terminal(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    tracuu_progress_t *p = tracuu_progress_start(f, 3, 3000, true);
    tracuu_progress_update(p, 1, 1000, "a.docx");
    tracuu_progress_update(p, 3, 3000, "c.pdf");
    tracuu_progress_end(p);
    assert_int_equal(ftell(f), 0);
    fclose(f);
}

static void test_line_on_a_terminal_is_redrawn_in_place(void **state)
{
    (void)state;
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        skip();
    int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    assert_true(slave >= 0);
    FILE *f = fdopen(slave, "w");
    assert_non_null(f);
    tracuu_progress_t *p = tracuu_progress_start(f, 1000, 1000000000ull, true);
    /* a thousand updates in a burst: the line is drawn at most ten times a
     * second, plus the first and the last */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t i = 1; i <= 1000; i++)
        tracuu_progress_update(p, i, i * 1000000ull, "/lưu trữ/2024/Kế hoạch.docx");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    tracuu_progress_end(p);
    fflush(f);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    static char buf[65536];
    ssize_t n = 0, r;
    fcntl(master, F_SETFL, O_NONBLOCK);
    while (n < (ssize_t)sizeof buf - 1 &&
           (r = read(master, buf + n, sizeof buf - 1 - (size_t)n)) > 0)
        n += r;
    assert_true(n > 0);
    buf[n] = '\0';
    size_t draws = 0;
    for (char *s = strstr(buf, "\r["); s; s = strstr(s + 1, "\r["))
        draws++;
    assert_true(draws >= 2);
    assert_true((double)draws <= 2 + secs * 10 + 1);
    assert_non_null(strstr(buf, "[1000/1000] 1000.0/1000.0 MB"));
    assert_non_null(strstr(buf, "MB/s  ETA 0:00"));
    assert_non_null(strstr(buf, "Kế hoạch.docx"));
    /* the end clears the line for what follows */
    assert_true(n >= 4 && memcmp(buf + n - 4, "\r\033[K", 4) == 0);
    fclose(f);
    close(master);
}

static void test_disabled_progress_stays_silent_on_a_terminal(void **state)
{
    (void)state;
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        skip();
    int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    FILE *f = fdopen(slave, "w");
    tracuu_progress_t *p = tracuu_progress_start(f, 2, 10, false); /* --quiet */
    tracuu_progress_update(p, 2, 10, "a.txt");
    tracuu_progress_end(p);
    fputs("x", f);
    fflush(f);
    char buf[64];
    ssize_t n = read(master, buf, sizeof buf);
    assert_int_equal(n, 1);
    fclose(f);
    close(master);
}

static void test_summary_counts_and_groups_reasons(void **state)
{
    (void)state;
    tracuu_summary_t *s = tracuu_summary_new();
    tracuu_summary_add(s, "docx", TRACUU_OUTCOME_INDEXED, NULL);
    tracuu_summary_add(s, "docx", TRACUU_OUTCOME_INDEXED, NULL);
    tracuu_summary_add(s, "docx", TRACUU_OUTCOME_UNCHANGED, NULL);
    tracuu_summary_add(s, "pdf", TRACUU_OUTCOME_SKIPPED, "scanned, no text (use --ocr)");
    tracuu_summary_add(s, "pdf", TRACUU_OUTCOME_SKIPPED, "scanned, no text (use --ocr)");
    tracuu_summary_add(s, "pdf", TRACUU_OUTCOME_FAILED,
                       "damaged PDF: pdfinfo failed (exit 1): Syntax Error");
    tracuu_summary_add(s, "txt", TRACUU_OUTCOME_SKIPPED, "file too large (300 MB; the limit is 200 MB)");
    tracuu_summary_add(s, "txt", TRACUU_OUTCOME_SKIPPED, "file too large (250 MB; the limit is 200 MB)");
    tracuu_summary_add(s, NULL, TRACUU_OUTCOME_SKIPPED, "png image, not a document");
    tracuu_summary_add(s, "gif", TRACUU_OUTCOME_UNSUPPORTED, "unsupported file type (.gif)");
    tracuu_summary_add(s, "gif", TRACUU_OUTCOME_UNSUPPORTED, "unsupported file type (.gif)");
    assert_int_equal(tracuu_summary_count(s, "gif", TRACUU_OUTCOME_UNSUPPORTED), 2);
    assert_int_equal(tracuu_summary_count(s, "docx", TRACUU_OUTCOME_INDEXED), 2);
    assert_int_equal(tracuu_summary_count(s, NULL, TRACUU_OUTCOME_SKIPPED), 5);
    assert_int_equal(tracuu_summary_count(s, "other", TRACUU_OUTCOME_SKIPPED), 1);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    tracuu_summary_print(s, f);
    fclose(f);
    assert_non_null(strstr(text, "  format     indexed  unchanged  skipped  failed  unsupported\n"));
    assert_non_null(strstr(text, "  docx             2          1        0       0            0\n"));
    assert_non_null(strstr(text, "  gif              0          0        0       0            2\n"));
    assert_non_null(strstr(text, "  pdf              0          0        2       1            0\n"));
    assert_non_null(strstr(text, "  total            2          1        5       1            2\n"));
    /* unsupported files are in the table, not in the lists of reasons */
    assert_null(strstr(text, "unsupported file type"));
    assert_non_null(strstr(text, "  skipped: 2 file too large; 2 scanned, no text (use --ocr); "
                                 "1 png image, not a document\n"));
    assert_non_null(strstr(text, "  failed: 1 damaged PDF\n"));
    free(text);
    tracuu_summary_free(s);
    tracuu_summary_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eta_formats),
        cmocka_unit_test(test_fit_keeps_the_end_of_long_paths),
        cmocka_unit_test(test_nothing_written_when_not_a_terminal),
        cmocka_unit_test(test_line_on_a_terminal_is_redrawn_in_place),
        cmocka_unit_test(test_disabled_progress_stays_silent_on_a_terminal),
        cmocka_unit_test(test_summary_counts_and_groups_reasons),
    };
    return cmocka_run_group_tests_name("progress", tests, NULL, NULL);
}
