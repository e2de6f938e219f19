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
#include <zip.h>

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
    /* a PNG named .doc is a scan: read with OCR, as any image */
    g = read_fix(FIX "image.doc");
    assert_int_equal(g.st, TRACUU_READ_SKIP);
    assert_string_equal(g.r.reason, "image: use --ocr");
    assert_string_equal(g.r.format, "image");
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

/* A name swapped for a symbolic link (or a FIFO) after the walk is
 * refused, not followed: the walk passes real paths, so the reader opens
 * with O_NOFOLLOW, and converters read the file it opened. */
static void test_symbolic_link_fifo_and_other_file_refused(void **state)
{
    (void)state;
    char dir[] = "/tmp/tracuu-test-link-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char real[256], link[256], pdf[256], fifo[256];
    snprintf(real, sizeof real, "%s/plan.txt", dir);
    snprintf(link, sizeof link, "%s/link.txt", dir);
    snprintf(pdf, sizeof pdf, "%s/link.pdf", dir);
    snprintf(fifo, sizeof fifo, "%s/fifo.txt", dir);
    FILE *f = fopen(real, "w");
    assert_non_null(f);
    fputs("Kế hoạch thi đua năm 2025\n", f);
    fclose(f);
    assert_int_equal(symlink(real, link), 0);
    char *fix = realpath(FIX "plan.pdf", NULL);
    assert_non_null(fix);
    assert_int_equal(symlink(fix, pdf), 0);
    assert_int_equal(mkfifo(fifo, 0600), 0);

    got_t g = read_fix(real);
    assert_int_equal(g.st, TRACUU_READ_OK);
    has(&g, "thi đua");
    got_free(&g);
    const char *refused[] = {link, pdf};
    for (size_t i = 0; i < 2; i++) {
        g = read_fix(refused[i]);
        assert_int_equal(g.st, TRACUU_READ_SKIP);
        if (!strstr(g.r.reason, "a symbolic link"))
            fail_msg("%s: %s", refused[i], g.r.reason);
        got_free(&g);
    }
    g = read_fix(fifo); /* must not block */
    assert_int_equal(g.st, TRACUU_READ_SKIP);
    assert_string_equal(g.r.reason, "not a regular file");
    got_free(&g);
    /* the walk saw another file under this name */
    struct stat st;
    assert_int_equal(stat(fix, &st), 0);
    tracuu_read_opts_t o = {.dev = (uint64_t)st.st_dev,
                            .ino = (uint64_t)st.st_ino + 1};
    g = read_with(fix, &o);
    assert_int_equal(g.st, TRACUU_READ_SKIP);
    assert_non_null(strstr(g.r.reason, "replaced by another file"));
    got_free(&g);
    if (tracuu_subproc_have("pdftotext")) { /* the walk's own file: read */
        o.ino = (uint64_t)st.st_ino;
        g = read_with(fix, &o);
        assert_int_equal(g.st, TRACUU_READ_OK);
        has(&g, "thi đua");
        got_free(&g);
    }
    unlink(real);
    unlink(link);
    unlink(pdf);
    unlink(fifo);
    rmdir(dir);
    free(fix);
}

static void test_supported_by_extension_or_content(void **state)
{
    (void)state;
    assert_true(tracuu_read_supported("/nowhere/a.DOCX"));
    assert_true(tracuu_read_supported("/nowhere/b.pdf"));
    assert_true(tracuu_read_supported("/nowhere/c.htm"));
    assert_true(tracuu_read_supported("/nowhere/d.jpg"));
    assert_true(tracuu_read_supported("/nowhere/d.TIF"));
    assert_true(tracuu_read_supported("/nowhere/e.xlsx"));
    assert_true(tracuu_read_supported("/nowhere/e.ods"));
    assert_true(tracuu_read_supported("/nowhere/e.csv"));
    assert_true(tracuu_read_supported("/nowhere/e.tsv"));
    assert_false(tracuu_read_supported("/nowhere/d.gif"));
    char what[64], row[16];
    assert_int_equal(tracuu_read_classify("/nowhere/Thumbs.db", what, sizeof what), 0);
    assert_string_equal(what, ".db");
    assert_int_equal(tracuu_read_classify("/nowhere/x.GIF", what, sizeof what), 0);
    assert_string_equal(what, ".GIF");
    assert_string_equal(tracuu_read_ext_row("/a/x.GIF", row, sizeof row), "gif");
    assert_string_equal(tracuu_read_ext_row("/a/.DS_Store", row, sizeof row), "other");
    assert_string_equal(tracuu_read_ext_row("/a.b/NOTES", row, sizeof row), "other");
    assert_string_equal(tracuu_read_ext_row("/a/x.verylongext", row, sizeof row), "other");
    assert_int_equal(tracuu_read_classify("/nowhere/no-extension", what, sizeof what), -1);
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
    assert_string_equal(tracuu_read_format_name("x/y/scan.JPG"), "image");
    assert_string_equal(tracuu_read_format_name("x/y/so.xlsx"), "xlsx");
    assert_string_equal(tracuu_read_format_name("x/y/so.tsv"), "csv");
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
        {"\x89PNG\r\n\x1A\n", 8, TRACUU_FMT_IMAGE, "png image"},
        {"\xFF\xD8\xFF\xE0\0\x10JFIF", 10, TRACUU_FMT_IMAGE, "jpeg image"},
        {"II*\0\x08\0\0\0", 8, TRACUU_FMT_IMAGE, "tiff image"},
        {"MM\0*\0\0\0\x08", 8, TRACUU_FMT_IMAGE, "tiff image"},
        {"GIF89a", 6, TRACUU_FMT_OTHER, "gif image"},
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

/* ---- images and spreadsheets, made here ---- */

static char *temp_dir(void)
{
    char dir[] = "/tmp/tracuu-test-sheet-XXXXXX";
    assert_non_null(mkdtemp(dir));
    return tracuu_xstrdup(dir);
}

static char *put_file(const char *dir, const char *name, const void *data, size_t n)
{
    char *path = NULL;
    assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
    return path;
}

/* A zip of parts: name, content, name, content, ..., NULL. */
static char *put_zip(const char *dir, const char *name, const char *const *parts)
{
    char *path = NULL;
    assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (size_t i = 0; parts[i]; i += 2) {
        zip_source_t *src = zip_source_buffer(z, parts[i + 1], strlen(parts[i + 1]), 0);
        assert_non_null(src);
        assert_true(zip_file_add(z, parts[i], src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    return path;
}

static void remove_dir(char *dir)
{
    char *cmd = NULL;
    assert_true(asprintf(&cmd, "rm -rf '%s'", dir) > 0);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(dir);
}

static void test_images_are_read_only_with_ocr(void **state)
{
    (void)state;
    char *dir = temp_dir();
    static const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR";
    char *paths[] = {put_file(dir, "scan.png", png, sizeof png - 1),
                     put_file(dir, "scan.JPG", "\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11),
                     put_file(dir, "scan.tiff", "II*\0\x08\0\0\0\0\0\0\0\0\0", 14),
                     /* no extension: known by its first bytes */
                     put_file(dir, "scan", png, sizeof png - 1)};
    for (size_t i = 0; i < 4; i++) {
        assert_true(tracuu_read_supported(paths[i]));
        got_t g = read_fix(paths[i]);
        assert_int_equal(g.st, TRACUU_READ_SKIP);
        /* "--ocr" in the reason: a run with --ocr reads it again */
        assert_string_equal(g.r.reason, "image: use --ocr");
        assert_string_equal(g.r.format, "image");
        got_free(&g);
        free(paths[i]);
    }
    /* an image is never text: named, not indexed */
    char *text = put_file(dir, "named.jpg", "not an image", 12);
    got_t g = read_fix(text);
    assert_int_equal(g.st, TRACUU_READ_SKIP);
    assert_string_equal(g.r.reason, "named .jpg but holds text, not an image");
    got_free(&g);
    free(text);
    remove_dir(dir);
}

/* A TIFF whose image directories (no tags) are at offsets[0..n), each
 * linking to the next, the last to link (0: none). */
static void put_tiff(const char *dir, const char *name, const unsigned *offsets,
                     size_t n, unsigned link)
{
    unsigned char b[256] = "II*\0";
    memcpy(b + 4, &offsets[0], 4);
    for (size_t i = 0; i < n; i++) {
        unsigned next = i + 1 < n ? offsets[i + 1] : link;
        memset(b + offsets[i], 0, 2);
        memcpy(b + offsets[i] + 2, &next, 4);
    }
    free(put_file(dir, name, b, sizeof b));
}

static void test_tiff_pages_go_to_ocr_in_one_run(void **state)
{
    (void)state;
    /* tesseract as it answers a TIFF: each page's text and a form feed */
    char *bin = fake_program("tesseract",
                             "[ \"$2 $3 $4\" = \"- -l vie\" ] || exit 9\n"
                             "printf 'Số: 12/KH-UBND\\n\\fTrang hai: 34-CT/TW\\n\\f'");
    const char *old = getenv("PATH");
    char *saved = tracuu_xstrdup(old ? old : "/usr/bin:/bin");
    char path[8192];
    snprintf(path, sizeof path, "%s:%s", bin, saved);
    setenv("PATH", path, 1);
    char *dir = temp_dir();
    tracuu_read_opts_t o = {.ocr = true};
    put_tiff(dir, "two.tif", (const unsigned[]){16, 64}, 2, 0);
    put_tiff(dir, "loop.tif", (const unsigned[]){16, 64}, 2, 16);
    static const struct { const char *name; tracuu_read_status_t st; unsigned pages; } cases[] = {
        {"two.tif", TRACUU_READ_OK, 2},
        {"loop.tif", TRACUU_READ_OK, 2}, /* the chain back to page 1 ends it */
    };
    for (size_t i = 0; i < 2; i++) {
        char file[512];
        snprintf(file, sizeof file, "%s/%s", dir, cases[i].name);
        got_t g = read_with(file, &o);
        assert_int_equal(g.st, cases[i].st);
        assert_int_equal(g.r.pages, cases[i].pages);
        assert_true(g.r.ocr);
        assert_string_equal(g.r.format, "image");
        has(&g, "Số: 12/KH-UBND\n");
        has(&g, "\nTrang hai: 34-CT/TW\n");
        lacks(&g, "\f");
        got_free(&g);
    }
    /* a directory past the end: nothing to read, tesseract not run */
    char *file = put_file(dir, "none.tif", "II*\0\0\x10\0\0", 8);
    got_t g = read_with(file, &o);
    assert_int_equal(g.st, TRACUU_READ_FAIL);
    assert_string_equal(g.r.reason, "damaged TIFF (no image directory)");
    got_free(&g);
    free(file);
    setenv("PATH", saved, 1);
    free(saved);
    remove_fake(bin, "tesseract");
    remove_dir(dir);
}

#define XL_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define XL_R "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

/* A register of documents, as an office keeps one: two sheets, shared
 * and inline strings, rich text with a phonetic guide, dates as day
 * numbers (a built-in and a custom format), a formula, a boolean. */
static const char *const register_xlsx[] = {
    "[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>",
    "xl/workbook.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " XL_NS " " XL_R ">"
    "<workbookPr/><sheets><sheet name=\"Sổ đi 2025\" sheetId=\"1\" r:id=\"rId7\"/>"
    "<sheet name=\"Văn bản đến\" sheetId=\"2\" r:id=\"rId8\"/></sheets></workbook>",
    "xl/_rels/workbook.xml.rels",
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId8\" Type=\"ws\" Target=\"worksheets/den.xml\"/>"
    "<Relationship Id=\"rId7\" Type=\"ws\" Target=\"/xl/worksheets/di.xml\"/></Relationships>",
    "xl/sharedStrings.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst " XL_NS " count=\"4\">"
    "<si><t>Số, ký hiệu</t></si><si><t>Ngày</t></si><si><t>Trích yếu</t></si>"
    "<si><r><t xml:space=\"preserve\">Kế hoạch phát động </t></r><r><rPr><b/></rPr>"
    "<t>phong trào thi đua</t></r><rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>"
    "<si><t>12/KH-UBND</t></si></sst>",
    "xl/styles.xml",
    "<?xml version=\"1.0\"?><styleSheet " XL_NS "><numFmts count=\"2\">"
    "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"&quot;Ngày &quot;0\"/></numFmts>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"165\"/></cellXfs></styleSheet>",
    "xl/worksheets/di.xml",
    "<?xml version=\"1.0\"?><worksheet " XL_NS "><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
    "<c r=\"C1\" t=\"s\"><v>2</v></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" s=\"1\"><v>45664</v></c>"
    "<c r=\"C2\" t=\"s\"><v>3</v></c><c r=\"D2\" t=\"b\"><v>1</v></c></row>"
    "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>34-CT/TW</t></is></c>"
    "<c r=\"B4\" s=\"2\"><v>41736.5</v></c><c r=\"C4\"/>"
    "<c r=\"D4\" s=\"3\"><v>19</v></c><c r=\"E4\"><f>SUM(D4,1)</f><v>20</v></c></row>"
    "</sheetData></worksheet>",
    "xl/worksheets/den.xml",
    "<?xml version=\"1.0\"?><worksheet " XL_NS "><sheetData><row r=\"1\">"
    "<c t=\"str\"><f>\"98/2023/\"&amp;\"NĐ-CP\"</f><v>98/2023/NĐ-CP</v></c>"
    "<c t=\"inlineStr\"><is><t>Nghị định\nquy định chi tiết</t></is></c></row>"
    "</sheetData></worksheet>",
    NULL,
};

static void test_xlsx_sheets_rows_and_cells_in_order(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char *path = put_zip(dir, "so-van-ban.xlsx", register_xlsx);
    tracuu_sniff_t s;
    assert_true(tracuu_sniff_file(path, TRACUU_FMT_TEXT, &s));
    assert_int_equal(s.fmt, TRACUU_FMT_XLSX);
    got_t g = read_fix(path);
    if (g.st != TRACUU_READ_OK)
        fail_msg("xlsx: %s", g.r.reason);
    assert_string_equal(g.r.format, "xlsx");
    /* sheets in the workbook's order, each name a line before its rows;
     * a day number with a date format is the date; a number format's
     * text, a formula and a boolean are not text of the plan */
    assert_string_equal(g.norm,
                        "Sổ đi 2025\n"
                        "Số, ký hiệu\tNgày\tTrích yếu\n"
                        "12/KH-UBND\t07/01/2025\tKế hoạch phát động phong trào thi đua\n"
                        "34-CT/TW\t07/04/2014\t19\t20\n"
                        "\n"
                        "Văn bản đến\n"
                        "98/2023/NĐ-CP\tNghị định quy định chi tiết\n");
    got_free(&g);
    free(path);
    remove_dir(dir);
}

static const char *const register_ods[] = {
    "mimetype", "application/vnd.oasis.opendocument.spreadsheet",
    "content.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>"
    "<office:spreadsheet><table:table table:name=\"Sổ đi 2025\">"
    "<table:table-column table:number-columns-repeated=\"3\"/>"
    "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Số, ký hiệu</text:p>"
    "</table:table-cell><table:table-cell><text:p>Ngày</text:p></table:table-cell></table:table-row>"
    "<table:table-row><table:table-cell><text:p>12/KH-UBND</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"date\" office:date-value=\"2025-01-07\">"
    "<text:p>07/01/2025</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"1020\"/>"
    "<table:table-cell><office:annotation><text:p>GHI CHÚ ẨN</text:p></office:annotation>"
    "<text:p>Kế hoạch<text:s text:c=\"2\"/>phát động</text:p><text:p>phong trào</text:p>"
    "</table:table-cell></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"1000\"><table:table-cell/></table:table-row>"
    "</table:table><table:table table:name=\"Văn bản đến\"><table:table-row>"
    "<table:table-cell><text:p>98/2023/NĐ-CP</text:p></table:table-cell>"
    "<table:covered-table-cell/></table:table-row></table:table>"
    "</office:spreadsheet></office:body></office:document-content>",
    NULL,
};

static void test_ods_sheets_rows_and_cells_in_order(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char *path = put_zip(dir, "so-van-ban.ods", register_ods);
    tracuu_sniff_t s;
    assert_true(tracuu_sniff_file(path, TRACUU_FMT_TEXT, &s));
    assert_int_equal(s.fmt, TRACUU_FMT_ODS);
    got_t g = read_fix(path);
    if (g.st != TRACUU_READ_OK)
        fail_msg("ods: %s", g.r.reason);
    assert_string_equal(g.r.format, "ods");
    assert_string_equal(g.norm,
                        "Sổ đi 2025\n"
                        "Số, ký hiệu\tNgày\n"
                        "12/KH-UBND\t07/01/2025\tKế hoạch phát động phong trào\n"
                        "\n"
                        "Văn bản đến\n"
                        "98/2023/NĐ-CP\n");
    got_free(&g);
    free(path);
    remove_dir(dir);
}

static void test_csv_and_tsv_cells_in_any_encoding(void **state)
{
    (void)state;
    char *dir = temp_dir();
    /* a Vietnamese Excel's CSV: ; between cells, quoted cells holding ;
     * a line break and doubled quotes */
    static const char csv[] =
        "\xEF\xBB\xBFSố, ký hiệu;Ngày;Trích yếu\r\n"
        "12/KH-UBND;07/01/2025;\"Kế hoạch phát động\r\nphong trào \"\"thi đua\"\"; năm 2025\"\r\n"
        "34-CT/TW;07/04/2014;Chỉ thị\r\n";
    char *path = put_file(dir, "so.csv", csv, sizeof csv - 1);
    got_t g = read_fix(path);
    if (g.st != TRACUU_READ_OK)
        fail_msg("csv: %s", g.r.reason);
    assert_string_equal(g.r.format, "csv");
    assert_string_equal(g.norm,
                        "Số, ký hiệu\tNgày\tTrích yếu\n"
                        "12/KH-UBND\t07/01/2025\tKế hoạch phát động phong trào \"thi đua\"; năm 2025\n"
                        "34-CT/TW\t07/04/2014\tChỉ thị\n");
    got_free(&g);
    free(path);
    /* a TSV in TCVN3 (the .VnTime fonts' encoding), commas inside cells */
    static const char tsv[] =
        "S\xE8"", k\xFD"" hi\xD6""u\tNg\xB5""y\tTr\xDD""ch y\xD5""u\n"
        "12/KH-UBND\t07/01/2025\tK\xD5"" ho\xB9""ch ph\xB8""t \xAE""\xE9""ng phong tr\xB5""o thi \xAE""ua, khen th\xAD""\xEB""ng\n";
    path = put_file(dir, "den.tsv", tsv, sizeof tsv - 1);
    g = read_fix(path);
    if (g.st != TRACUU_READ_OK)
        fail_msg("tsv: %s", g.r.reason);
    assert_string_equal(g.r.encoding, "TCVN3");
    has(&g, "12/KH-UBND\t07/01/2025\tKế hoạch phát động phong trào thi đua, khen thưởng\n");
    got_free(&g);
    free(path);
    remove_dir(dir);
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
        cmocka_unit_test(test_symbolic_link_fifo_and_other_file_refused),
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
        cmocka_unit_test(test_images_are_read_only_with_ocr),
        cmocka_unit_test(test_tiff_pages_go_to_ocr_in_one_run),
        cmocka_unit_test(test_xlsx_sheets_rows_and_cells_in_order),
        cmocka_unit_test(test_ods_sheets_rows_and_cells_in_order),
        cmocka_unit_test(test_csv_and_tsv_cells_in_any_encoding),
        cmocka_unit_test(test_readers_run_in_parallel),
    };
    return cmocka_run_group_tests_name("reader", tests, NULL, NULL);
}
