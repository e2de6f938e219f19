/* test_reader.c: reading every format into text, and refusing what is not a document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "normalize.h"
#include "reader.h"
#include "sniff.h"
#include "subproc.h"
#include "testutil.h"

#define FIX "tests/fixtures/ingest/"
#define META_TITLE "Kế hoạch phát động phong trào thi đua năm 2025"

/* Skip a test whose converter is missing, but fail under CI, where
 * scripts/deps.sh must have installed it. */
static void need(const char *program)
{
    if (tracuu_subproc_have(program))
        return;
    const char *ci = getenv("CI");
    if (ci && strcmp(ci, "true") == 0)
        fail_msg("%s is not installed (required under CI)", program);
    printf("skipped: %s not installed\n", program);
    skip();
}

typedef struct got {
    tracuu_read_status_t st;
    tracuu_read_result_t r;
    char *norm; /* normalised text, or "" */
} got_t;

static got_t read_with(const char *path, const tracuu_read_opts_t *o)
{
    got_t g;
    g.st = tracuu_read_file_opts(path, o, &g.r);
    if (g.st == TRACUU_READ_OK) {
        assert_non_null(g.r.text);
        assert_int_equal(strlen(g.r.text), g.r.len);
        assert_int_equal(tracuu_utf8_valid_prefix(g.r.text, g.r.len), g.r.len);
        tracuu_norm_t n;
        assert_int_equal(tracuu_normalize(g.r.text, g.r.len, &n), 0);
        g.norm = tracuu_xstrdup(n.s);
        tracuu_norm_free(&n);
    } else {
        assert_non_null(g.r.reason);
        g.norm = tracuu_xstrdup("");
    }
    assert_non_null(g.r.format);
    return g;
}

static got_t read_fix(const char *path)
{
    return read_with(path, NULL);
}

static void got_free(got_t *g)
{
    tracuu_read_result_free(&g->r);
    free(g->norm);
}

static void has(const got_t *g, const char *needle)
{
    if (!strstr(g->norm, needle))
        fail_msg("missing \"%s\" in:\n%s", needle, g->norm);
}

static void lacks(const got_t *g, const char *needle)
{
    if (strstr(g->norm, needle))
        fail_msg("unexpected \"%s\" in:\n%s", needle, g->norm);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The lines of the administrative header, each a line of its own. */
static void has_header_block(const got_t *g)
{
    has(g, "ỦY BAN NHÂN DÂN\nXÃ TRƯỜNG TÂY\nSố: 01/KH-UBND-CD\n");
    has(g, "\nĐộc lập - Tự do - Hạnh phúc\nTrường Tây, ngày 07 tháng 01 năm 2025\n");
    has(g, "\nKẾ HOẠCH\n");
}

static void test_docx_paragraphs_table_notes_headers(void **state)
{
    (void)state;
    got_t g = read_fix(FIX "plan.docx");
    assert_int_equal(g.st, TRACUU_READ_OK);
    assert_string_equal(g.r.format, "docx");
    assert_string_equal(g.r.title, META_TITLE);
    has_header_block(&g);
    has(&g, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n");
    /* runs split inside a word join; a tab stays; field codes and
     * deleted text do not show */
    has(&g, "Thực hiện Nghị quyết số 10/NQ-HĐND,\tngày 19/12/2024 của Hội đồng nhân dân");
    lacks(&g, "ĐÃ XÓA");
    lacks(&g, "PAGE");
    /* the footnote after the body; separators skipped */
    has(&g, "Phương châm “Ngành ngành thi đua, người người thi đua, nhà nhà thi đua”.\n");
    has(&g, "Theo phương châm của Chủ tịch Hồ Chí Minh.");
    lacks(&g, "SEPARATOR");
    /* header2 repeats header1: once */
    assert_int_equal(count(g.norm, "Dự thảo lần 2"), 1);
    has(&g, "Trang 1");
    got_free(&g);
}

static void test_docx_vntime_runs_are_decoded(void **state)
{
    (void)state;
    got_t g = read_fix(FIX "plan.docx");
    assert_int_equal(g.st, TRACUU_READ_OK);
    /* a run with its own .VnTime font, and a paragraph whose style has it */
    has(&g, "\nỦy ban nhân dân xã Trường Tây phối hợp Ban chấp hành Công đoàn cơ sở\n");
    has(&g, "\nthi đua yêu nước\n");
    assert_string_equal(g.r.encoding, "TCVN3 (in UTF-8)");
    got_free(&g);
}

static void test_odt_paragraphs_spaces_notes_headers(void **state)
{
    (void)state;
    got_t g = read_fix(FIX "plan.odt");
    assert_int_equal(g.st, TRACUU_READ_OK);
    assert_string_equal(g.r.format, "odt");
    assert_string_equal(g.r.title, META_TITLE);
    assert_string_equal(g.r.encoding, "UTF-8");
    has_header_block(&g);
    /* text:s c="3", text:tab, text:line-break */
    has(&g, "HĐND, ngày   19/12/2024\tcủa Hội đồng nhân dân xã Trường Tây về Kế hoạch\n"
            "phát triển kinh tế - xã hội năm 2025.\n");
    /* the note leaves the sentence whole and follows the body */
    has(&g, "nhà nhà thi đua”.\n");
    has(&g, "\nTheo phương châm của Chủ tịch Hồ Chí Minh.\n");
    lacks(&g, "ĐÃ XÓA");
    has(&g, "Dự thảo lần 2\nTrang 1");
    got_free(&g);
}

static void test_pdf_reading_order_keeps_header_columns_apart(void **state)
{
    (void)state;
    need("pdftotext");
    got_t g = read_fix(FIX "plan.pdf");
    assert_int_equal(g.st, TRACUU_READ_OK);
    assert_string_equal(g.r.format, "pdf");
    assert_int_equal(g.r.pages, 1);
    assert_false(g.r.ocr);
    assert_string_equal(g.r.title, META_TITLE);
    has(&g, "ỦY BAN NHÂN DÂN\nXÃ TRƯỜNG TÂY\nSố: 01/KH-UBND-CD\n");
    has(&g, "Căn cứ Luật Thi đua, khen thưởng năm 2022;");
    has(&g, "98/2023/NĐ-CP");
    /* -layout would have put both columns on one line */
    const char *l = strstr(g.norm, "ỦY BAN NHÂN DÂN");
    assert_non_null(l);
    const char *nl = strchr(l, '\n');
    assert_null(memmem(l, (size_t)(nl - l), "CỘNG HÒA", strlen("CỘNG HÒA")));
    got_free(&g);
}

static void test_doc_through_antiword(void **state)
{
    (void)state;
    need("antiword");
    got_t g = read_fix(FIX "plan.doc");
    assert_int_equal(g.st, TRACUU_READ_OK);
    assert_string_equal(g.r.format, "doc");
    has(&g, "\nKẾ HOẠCH\n");
    /* table cells come out as lines, never joined by "|" */
    has(&g, "\nỦY BAN NHÂN DÂN\n");
    has(&g, "\nSố: 01/KH-UBND-CD\n");
    lacks(&g, "|");
    has(&g, "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ "
            "Quy định chi tiết thi hành một số điều của Luật Thi đua, Khen thưởng;\n");
    got_free(&g);
}

static void test_rtf_through_unrtf_keeps_vietnamese(void **state)
{
    (void)state;
    need("unrtf");
    got_t g = read_fix(FIX "plan.rtf");
    assert_int_equal(g.st, TRACUU_READ_OK);
    assert_string_equal(g.r.format, "rtf");
    has(&g, "Căn cứ Luật Thi đua, khen thưởng năm 2022;\n");
    has(&g, "Phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển");
    has(&g, "\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n");
    got_free(&g);
}

static void test_html_drops_scripts_and_keeps_blocks(void **state)
{
    (void)state;
    got_t g = read_fix(FIX "plan.html");
    assert_int_equal(g.st, TRACUU_READ_OK);
    assert_string_equal(g.r.format, "html");
    assert_string_equal(g.r.title, META_TITLE);
    has_header_block(&g);
    lacks(&g, "KHÔNG PHẢI");
    lacks(&g, "color");
    lacks(&g, "chú thích");
    /* white space collapsed, entities decoded, list items on lines */
    has(&g, "\nPhương châm “Ngành ngành thi đua, người người thi đua, nhà nhà thi đua”.\n");
    has(&g, "\nHội đồng nhân dân\nCông đoàn cơ sở\n");
    got_free(&g);
}

static void test_legacy_text_files_decode(void **state)
{
    (void)state;
    static const struct {
        const char *file, *enc;
    } cases[] = {
        {FIX "tcvn3.txt", "TCVN3"},
        {FIX "viscii.txt", "VISCII"},
        {FIX "cp1258.txt", "windows-1258"},
        {FIX "vni.txt", "VNI"},
        {FIX "utf16le.txt", "UTF-16LE"},
        {FIX "utf8.txt", "UTF-8"},
        {FIX "tcvn3-as-utf8.txt", "TCVN3 (in UTF-8)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        got_t g = read_fix(cases[i].file);
        assert_int_equal(g.st, TRACUU_READ_OK);
        assert_string_equal(g.r.format, "txt");
        if (strcmp(g.r.encoding, cases[i].enc) != 0)
            fail_msg("%s: encoding %s, not %s", cases[i].file, g.r.encoding, cases[i].enc);
        has(&g, "Ủy ban nhân dân xã Trường Tây phối hợp Ban chấp hành Công đoàn cơ sở xã");
        has(&g, "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ.");
        got_free(&g);
    }
}

static void test_content_decides_not_the_extension(void **state)
{
    (void)state;
    got_t g = read_fix(FIX "docx-named.txt");
    assert_int_equal(g.st, TRACUU_READ_OK);
    assert_string_equal(g.r.format, "docx");
    has_header_block(&g);
    got_free(&g);
    g = read_fix(FIX "image.doc");
    assert_int_equal(g.st, TRACUU_READ_SKIP);
    assert_string_equal(g.r.reason, "png image, not a document");
    got_free(&g);
    g = read_fix(FIX "binary.txt");
    assert_int_equal(g.st, TRACUU_READ_SKIP);
    assert_string_equal(g.r.reason, "binary data, not a document");
    got_free(&g);
}

static void test_blank_and_empty_files_are_skipped(void **state)
{
    (void)state;
    got_t g = read_fix(FIX "blank.txt");
    assert_int_equal(g.st, TRACUU_READ_SKIP);
    assert_string_equal(g.r.reason, "no text (only white space)");
    got_free(&g);
    char path[] = "/tmp/tracuu-test-empty-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    g = read_fix(path);
    assert_int_equal(g.st, TRACUU_READ_SKIP);
    assert_string_equal(g.r.reason, "empty file");
    got_free(&g);
    unlink(path);
    g = read_fix(FIX "no-such-file.txt");
    assert_int_equal(g.st, TRACUU_READ_FAIL);
    assert_true(strncmp(g.r.reason, "cannot open: ", 13) == 0);
    got_free(&g);
}

static void test_zip_bomb_stops_at_the_limit(void **state)
{
    (void)state;
    tracuu_read_opts_t o = {.max_mb = 1};
    got_t g = read_with(FIX "bomb.docx", &o);
    assert_int_equal(g.st, TRACUU_READ_SKIP);
    assert_string_equal(g.r.reason, "docx expands past 1 MB (a zip bomb?)");
    got_free(&g);
}

static void test_hostile_xml_is_refused(void **state)
{
    (void)state;
    got_t g = read_fix(FIX "entities.docx");
    assert_int_equal(g.st, TRACUU_READ_SKIP);
    assert_string_equal(g.r.reason,
                        "word/document.xml declares a DTD or entities (refused)");
    got_free(&g);
    g = read_fix(FIX "deep.docx");
    assert_int_equal(g.st, TRACUU_READ_FAIL);
    assert_true(strncmp(g.r.reason, "damaged XML in word/document.xml: ", 34) == 0);
    got_free(&g);
}

static void test_damaged_footnotes_leave_the_body_readable(void **state)
{
    (void)state;
    got_t g = read_fix(FIX "bad-footnotes.docx");
    assert_int_equal(g.st, TRACUU_READ_OK);
    has_header_block(&g);
    has(&g, "Dự thảo lần 2");
    lacks(&g, "Theo phương châm");
    got_free(&g);
}

static void test_truncated_files_fail_with_a_reason(void **state)
{
    (void)state;
    got_t g = read_fix(FIX "truncated.docx");
    assert_int_equal(g.st, TRACUU_READ_FAIL);
    assert_string_equal(g.r.reason, "not a zip archive (a damaged or mislabelled docx)");
    got_free(&g);
    need("pdfinfo");
    g = read_fix(FIX "truncated.pdf");
    assert_int_equal(g.st, TRACUU_READ_FAIL);
    assert_true(strncmp(g.r.reason, "damaged PDF: ", 13) == 0);
    got_free(&g);
}

static void test_encrypted_pdf_is_skipped(void **state)
{
    (void)state;
    need("pdfinfo");
    got_t g = read_fix(FIX "encrypted.pdf");
    assert_int_equal(g.st, TRACUU_READ_SKIP);
    assert_string_equal(g.r.reason, "encrypted PDF (needs a password)");
    got_free(&g);
}

static void test_scanned_pdf_needs_ocr(void **state)
{
    (void)state;
    need("pdftotext");
    got_t g = read_fix(FIX "scanned.pdf");
    assert_int_equal(g.st, TRACUU_READ_SKIP);
    assert_string_equal(g.r.reason, "scanned, no text (use --ocr)");
    assert_string_equal(g.r.format, "pdf");
    got_free(&g);
}

static void test_scanned_pdf_with_ocr_finds_the_text(void **state)
{
    (void)state;
    need("pdftoppm");
    need("tesseract");
    tracuu_read_opts_t o = {.ocr = true};
    got_t g = read_with(FIX "scanned.pdf", &o);
    if (g.st != TRACUU_READ_OK)
        fail_msg("OCR failed: %s", g.r.reason);
    assert_true(g.r.ocr);
    has(&g, "Luật Thi đua, khen thưởng năm 2022");
    has(&g, "98/2023/NĐ-CP");
    has(&g, "Hội đồng");
    got_free(&g);
}

/* A directory with a fake program that never ends, first in PATH. */
static char *fake_program(const char *name, const char *script)
{
    char dir[] = "/tmp/tracuu-test-bin-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\n%s\n", script);
    fclose(f);
    chmod(path, 0755);
    return tracuu_xstrdup(dir);
}

static void remove_fake(char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
    rmdir(dir);
    free(dir);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_hanging_pdftotext_is_killed_at_the_limit(void **state)
{
    (void)state;
    need("pdfinfo");
    char *dir = fake_program("pdftotext", "sleep 30");
    const char *old = getenv("PATH");
    char *saved = tracuu_xstrdup(old ? old : "/usr/bin:/bin");
    char path[8192];
    snprintf(path, sizeof path, "%s:%s", dir, saved);
    setenv("PATH", path, 1);
    tracuu_read_opts_t o = {.seconds = 1};
    double t0 = now();
    got_t g = read_with(FIX "plan.pdf", &o);
    double took = now() - t0;
    setenv("PATH", saved, 1);
    free(saved);
    remove_fake(dir, "pdftotext");
    assert_int_equal(g.st, TRACUU_READ_FAIL);
    assert_string_equal(g.r.reason, "pdftotext timed out after 1 s");
    assert_true(took < 5.0);
    got_free(&g);
}

static void test_subprocess_limits(void **state)
{
    (void)state;
    tracuu_subproc_result_t res;
    tracuu_subproc_limits_t lim = {.seconds = 5, .max_out = 1 << 20};
    const char *yes[] = {"sh", "-c", "exec cat /dev/zero", NULL};
    assert_false(tracuu_subproc_run(yes, &lim, &res));
    assert_int_equal(res.end, TRACUU_SUBPROC_TOO_MUCH);
    tracuu_subproc_result_free(&res);

    const char *none[] = {"tracuu-no-such-program", NULL};
    assert_false(tracuu_subproc_run(none, &lim, &res));
    assert_int_equal(res.end, TRACUU_SUBPROC_NOT_FOUND);
    tracuu_subproc_result_free(&res);

    const char *fails[] = {"sh", "-c", "echo oops >&2; exit 3", NULL};
    assert_false(tracuu_subproc_run(fails, &lim, &res));
    tracuu_buf_t b = {0};
    tracuu_subproc_describe("sh", &lim, &res, &b);
    assert_string_equal(b.s, "sh failed (exit 3): oops");
    tracuu_buf_free(&b);
    tracuu_subproc_result_free(&res);

    /* the child sees its memory limit */
    lim.mem_mb = 300;
    const char *ulimit[] = {"sh", "-c", "ulimit -v", NULL};
    assert_true(tracuu_subproc_run(ulimit, &lim, &res));
    assert_string_equal(res.out.s, "307200\n");
    tracuu_subproc_result_free(&res);

    const char *env[] = {"sh", "-c", "echo $OMP_THREAD_LIMIT", NULL};
    assert_true(tracuu_subproc_run(env, &lim, &res));
    assert_string_equal(res.out.s, "1\n");
    tracuu_subproc_result_free(&res);
}

static void test_supported_by_extension_or_content(void **state)
{
    (void)state;
    assert_true(tracuu_read_supported("/nowhere/a.DOCX"));
    assert_true(tracuu_read_supported("/nowhere/b.pdf"));
    assert_true(tracuu_read_supported("/nowhere/c.htm"));
    assert_false(tracuu_read_supported("/nowhere/d.jpg"));
    assert_false(tracuu_read_supported("/nowhere/no-extension"));
    /* a PDF without extension is found by its content; text is not */
    char pdf[] = "/tmp/tracuu-test-noext-XXXXXX";
    int fd = mkstemp(pdf);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "%PDF-1.4\n", 9), 9);
    close(fd);
    assert_true(tracuu_read_supported(pdf));
    fd = open(pdf, O_WRONLY | O_TRUNC);
    assert_int_equal(write(fd, "Kế hoạch\n", strlen("Kế hoạch\n")), (ssize_t)strlen("Kế hoạch\n"));
    close(fd);
    assert_false(tracuu_read_supported(pdf));
    unlink(pdf);
    assert_string_equal(tracuu_read_format_name("x/y/Kế hoạch.odt"), "odt");
    assert_string_equal(tracuu_read_format_name("x/y/z.xyz"), "other");
}

static void test_sniff_magic_numbers(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t n;
        tracuu_fmt_t fmt;
        const char *what;
    } cases[] = {
        {"%PDF-1.7", 8, TRACUU_FMT_PDF, "pdf"},
        {"junk\n%PDF-1.4", 13, TRACUU_FMT_PDF, "pdf"},
        {"{\\rtf1\\ansi", 11, TRACUU_FMT_RTF, "rtf"},
        {"\n <!DOCTYPE html><html>", 23, TRACUU_FMT_HTML, "html"},
        {"\x89PNG\r\n\x1A\n", 8, TRACUU_FMT_OTHER, "png image"},
        {"\x7F" "ELF\2\1\1\0", 8, TRACUU_FMT_OTHER, "ELF executable"},
        {"Uû ban nh\xA9n d\xA9n", 16, TRACUU_FMT_TEXT, "text"},
        {"\x02\x05\x06 VISCII", 10, TRACUU_FMT_TEXT, "text"},
        {"ab\0cd", 5, TRACUU_FMT_BINARY, "binary data"},
        {"\xFF\xFEK\0", 4, TRACUU_FMT_TEXT, "text"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tracuu_sniff_t s = tracuu_sniff_bytes((const unsigned char *)cases[i].bytes, cases[i].n);
        assert_int_equal(s.fmt, cases[i].fmt);
        assert_string_equal(s.what, cases[i].what);
    }
}

static void *read_twice(void *arg)
{
    const char *path = arg;
    for (int i = 0; i < 3; i++) {
        tracuu_read_result_t r;
        if (tracuu_read_file(path, &r) != TRACUU_READ_OK)
            return (void *)1;
        tracuu_read_result_free(&r);
    }
    return NULL;
}

static void test_readers_run_in_parallel(void **state)
{
    (void)state;
    static const char *const files[] = {FIX "plan.docx", FIX "plan.odt", FIX "plan.html",
                                        FIX "tcvn3.txt"};
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, read_twice, (void *)files[i]), 0);
    for (int i = 0; i < 4; i++) {
        void *rv = NULL;
        pthread_join(t[i], &rv);
        assert_null(rv);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_docx_paragraphs_table_notes_headers),
        cmocka_unit_test(test_docx_vntime_runs_are_decoded),
        cmocka_unit_test(test_odt_paragraphs_spaces_notes_headers),
        cmocka_unit_test(test_pdf_reading_order_keeps_header_columns_apart),
        cmocka_unit_test(test_doc_through_antiword),
        cmocka_unit_test(test_rtf_through_unrtf_keeps_vietnamese),
        cmocka_unit_test(test_html_drops_scripts_and_keeps_blocks),
        cmocka_unit_test(test_legacy_text_files_decode),
        cmocka_unit_test(test_content_decides_not_the_extension),
        cmocka_unit_test(test_blank_and_empty_files_are_skipped),
        cmocka_unit_test(test_zip_bomb_stops_at_the_limit),
        cmocka_unit_test(test_hostile_xml_is_refused),
        cmocka_unit_test(test_damaged_footnotes_leave_the_body_readable),
        cmocka_unit_test(test_truncated_files_fail_with_a_reason),
        cmocka_unit_test(test_encrypted_pdf_is_skipped),
        cmocka_unit_test(test_scanned_pdf_needs_ocr),
        cmocka_unit_test(test_scanned_pdf_with_ocr_finds_the_text),
        cmocka_unit_test(test_hanging_pdftotext_is_killed_at_the_limit),
        cmocka_unit_test(test_subprocess_limits),
        cmocka_unit_test(test_supported_by_extension_or_content),
        cmocka_unit_test(test_sniff_magic_numbers),
        cmocka_unit_test(test_readers_run_in_parallel),
    };
    return cmocka_run_group_tests_name("reader", tests, NULL, NULL);
}
