/* test_output.c: the printers of tracuu-query (text, JSON, paths, CSV). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

/* A printer of format writing to memory; out() gives what it wrote. */
static FILE *mem;
static char *mem_s;
static size_t mem_n;

static tracuu_printer_t open_printer(tracuu_format_t format, bool tty,
                                     bool null)
{
    mem = open_memstream(&mem_s, &mem_n);
    assert_non_null(mem);
    tracuu_printer_t p;
    tracuu_printer_init(&p, format, mem, false, tty, null);
    return p;
}

/* What the printer wrote (valid until the next open_printer). */
static const char *out(void)
{
    fclose(mem);
    return mem_s;
}

static int free_out(void **state)
{
    (void)state;
    free(mem_s);
    mem_s = NULL;
    return 0;
}

static const tracuu_snippet_t *one_snippet(void)
{
    static tracuu_mark_t marks[] = {{5, 7}}; /* "hoạch" */
    static tracuu_snippet_t s = {"Kế hoạch thi đua", marks, 1};
    return &s;
}

static void test_text_hit_marks_and_escapes(void **state)
{
    (void)state;
    tracuu_printer_t p = open_printer(TRACUU_FORMAT_TEXT, false, false);
    p.marks = true; /* a terminal without colour, or --marks */
    tracuu_hit_t h = {.rank = 3, .path = "/kho/a\nb.txt",
                      .title = "KẾ HOẠCH\x1b[31m", .score = 0.5,
                      .issued = "2024-07-24", .snippets = one_snippet(),
                      .n_snippets = 1};
    tracuu_print_results_begin(&p, "ke hoach", "Query(x)", 9, true, 2, 10, 1, NULL);
    tracuu_print_hit(&p, &h);
    tracuu_print_results_end(&p);
    assert_string_equal(out(),
                        "Showing 3–3 of 9\n"
                        "3. /kho/a\\nb.txt\n"
                        "   KẾ HOẠCH\\e[31m\n"
                        "   ngày ban hành: 24/07/2024\n"
                        "   Kế [hoạch] thi đua\n");
}

/* In a pipe (no colour, no --marks) a snippet has no brackets: a symbol
 * in it can be found by grep. */
static void test_text_snippet_plain_in_a_pipe(void **state)
{
    (void)state;
    tracuu_printer_t p = open_printer(TRACUU_FORMAT_TEXT, false, false);
    tracuu_hit_t h = {.rank = 1, .path = "a.txt", .snippets = one_snippet(),
                      .n_snippets = 1};
    tracuu_print_hit(&p, &h);
    tracuu_print_results_end(&p);
    assert_string_equal(out(), "1. a.txt\n   Kế hoạch thi đua\n");
}

/* Widths count characters, not bytes: "Đà" is two wide. */
static void test_text_width_counts_characters(void **state)
{
    (void)state;
    tracuu_printer_t p = open_printer(TRACUU_FORMAT_TEXT, false, false);
    p.width(&p, 6);
    p.integer(&p, 42);
    p.literal(&p, "|");
    p.width(&p, -5);
    tracuu_print_str(&p, "Đà");
    p.literal(&p, "|");
    p.width(&p, 4);
    tracuu_print_str(&p, "Đà");
    p.literal(&p, "|");
    tracuu_print_str(&p, NULL); /* null: nothing in text */
    p.map_key(&p, "ignored");
    p.separator(&p);
    assert_string_equal(out(), "    42|Đà   |  Đà|\n");
}

static void test_paths_raw_escaped_on_tty_and_nul(void **state)
{
    (void)state;
    tracuu_hit_t h = {.rank = 1, .path = "/kho/a\nb.txt"};
    tracuu_printer_t p = open_printer(TRACUU_FORMAT_PATHS, false, false);
    tracuu_print_hit(&p, &h);
    assert_string_equal(out(), "/kho/a\nb.txt\n");
    free(mem_s);
    p = open_printer(TRACUU_FORMAT_PATHS, true, false);
    tracuu_print_hit(&p, &h);
    assert_string_equal(out(), "/kho/a\\nb.txt\n");
    free(mem_s);
    p = open_printer(TRACUU_FORMAT_PATHS, true, true);
    tracuu_print_hit(&p, &h);
    fclose(mem);
    assert_int_equal(mem_n, strlen(h.path) + 1);
    assert_memory_equal(mem_s, "/kho/a\nb.txt", strlen(h.path) + 1);
}

static void test_json_document_nests_and_versions(void **state)
{
    (void)state;
    tracuu_printer_t p = open_printer(TRACUU_FORMAT_JSON, false, false);
    tracuu_hit_t h = {.rank = 1, .path = "/kho/\xff.txt", .title = "T",
                      .score = 0.25, .snippets = one_snippet(),
                      .n_snippets = 1, .note = "file changed"};
    tracuu_print_results_begin(&p, "q", NULL, 1, true, 0, 10, 1, NULL);
    tracuu_print_hit(&p, &h);
    tracuu_print_results_end(&p);
    assert_null(p.state); /* freed when the document ended */
    const char *s = out();
    assert_non_null(strstr(s, "\"format_version\": 3,"));
    assert_null(strstr(s, "\"parsed\""));
    assert_non_null(strstr(s, "\"path\": \"/kho/\xef\xbf\xbd.txt\",\n"
                              "      \"path_bytes\": \"L2toby//LnR4dA==\""));
    assert_non_null(strstr(s, "\"issued\": null,"));
    /* "Kế hoạch": "hoạch" is characters 3..8, bytes 5..12. */
    assert_non_null(strstr(s, "\"start\": 3,\n"));
    assert_non_null(strstr(s, "\"length\": 5,\n"));
    assert_non_null(strstr(s, "\"start_bytes\": 5,\n"));
    assert_non_null(strstr(s, "\"length_bytes\": 7\n"));
    assert_non_null(strstr(s, "\"note\": \"file changed\"\n    }\n  ]\n}\n"));
}

/* The record in text: one labelled line a field, the date dd/mm/yyyy;
 * unknown fields have no line. */
static void test_text_hit_shows_the_record(void **state)
{
    (void)state;
    tracuu_printer_t p = open_printer(TRACUU_FORMAT_TEXT, false, false);
    tracuu_hit_t h = {.rank = 1, .path = "/kho/a.txt", .title = "KẾ HOẠCH",
                      .issued = "2025-11-19", .number = "141/KH-UBND",
                      .type = "KẾ HOẠCH", .signer = "Phạm Văn Thịnh",
                      .signer_role = "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"};
    tracuu_print_results_begin(&p, "q", NULL, 1, true, 0, 10, 1, NULL);
    tracuu_print_hit(&p, &h);
    assert_string_equal(out(),
                        "1. /kho/a.txt\n"
                        "   KẾ HOẠCH\n"
                        "   số, ký hiệu: 141/KH-UBND\n"
                        "   ngày ban hành: 19/11/2025\n"
                        "   tên loại: KẾ HOẠCH\n"
                        "   người ký: Phạm Văn Thịnh (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)\n");
}

/* CSV: a BOM, the header row, RFC 4180 quoting (a comma, a quote, a line
 * break), CR LF rows, controls escaped, no cell starting a formula. */
static void test_csv_quotes_and_disarms_formulas(void **state)
{
    (void)state;
    tracuu_printer_t p = open_printer(TRACUU_FORMAT_CSV, false, false);
    tracuu_hit_t h = {.rank = 2, .path = "/kho/a,b.txt",
                      .title = "Kế hoạch \"thi đua\", khen thưởng",
                      .issued = "2024-07-04", .number = "=1+1",
                      .issuer = "UBND\x1b[31m", .note = "file changed"};
    tracuu_print_results_begin(&p, "q", NULL, 9, true, 1, 1, 1, NULL);
    tracuu_print_hit(&p, &h);
    tracuu_print_results_end(&p);
    assert_string_equal(out(),
                        "\xEF\xBB\xBF"
                        "Số thứ tự,Số và ký hiệu,Ngày tháng,Tên loại,"
                        "Cơ quan ban hành,Trích yếu nội dung,Người ký,"
                        "Số trang,Tên tệp,Ghi chú\r\n"
                        "2,\"'=1+1\",04/07/2024,,UBND\\e[31m,"
                        "\"Kế hoạch \"\"thi đua\"\", khen thưởng\",,,"
                        "\"/kho/a,b.txt\",file changed\r\n");
}

/* An estimated total says so; a plan's other files follow its record
 * (text), fill "also" (JSON, the bad byte as U+FFFD), and are named,
 * escaped, in the sheet's Ghi chú. */
static void test_estimate_and_other_files(void **state)
{
    (void)state;
    char *also[] = {"/kho/a.pdf", "/kho/\x1b.txt"};
    tracuu_hit_t h = {.rank = 1, .path = "/kho/a.docx", .also = also,
                      .n_also = 2};
    tracuu_printer_t p = open_printer(TRACUU_FORMAT_TEXT, false, false);
    tracuu_print_results_begin(&p, "q", NULL, 12300, false, 0, 10, 1, NULL);
    tracuu_print_hit(&p, &h);
    assert_string_equal(out(), "Showing 1–1 of about 12300\n"
                               "1. /kho/a.docx\n"
                               "   also: /kho/a.pdf, /kho/\\e.txt\n");
    free(mem_s);
    mem_s = NULL;
    p = open_printer(TRACUU_FORMAT_JSON, false, false);
    tracuu_print_results_begin(&p, "q", NULL, 12300, false, 0, 10, 1, NULL);
    tracuu_print_hit(&p, &h);
    tracuu_print_results_end(&p);
    const char *s = out();
    assert_non_null(strstr(s, "\"total\": 12300,\n  \"total_exact\": false,"));
    assert_non_null(strstr(s, "\"also\": [\n        \"/kho/a.pdf\",\n"
                              "        \"/kho/\\u001B.txt\"\n      ]"));
    free(mem_s);
    mem_s = NULL;
    p = open_printer(TRACUU_FORMAT_CSV, false, false);
    tracuu_print_hit(&p, &h);
    assert_non_null(
        strstr(out(), ",\"cùng văn bản: /kho/a.pdf, /kho/\\e.txt\"\r\n"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_text_snippet_plain_in_a_pipe, free_out),
        cmocka_unit_test_teardown(test_text_hit_marks_and_escapes, free_out),
        cmocka_unit_test_teardown(test_text_width_counts_characters, free_out),
        cmocka_unit_test_teardown(test_paths_raw_escaped_on_tty_and_nul,
                                  free_out),
        cmocka_unit_test_teardown(test_json_document_nests_and_versions,
                                  free_out),
        cmocka_unit_test_teardown(test_text_hit_shows_the_record, free_out),
        cmocka_unit_test_teardown(test_estimate_and_other_files, free_out),
        cmocka_unit_test_teardown(test_csv_quotes_and_disarms_formulas,
                                  free_out),
    };
    return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
