/* test_record.c: unique terms, titles and stored data of index documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "buf.h"
#include "record.h"
#include "schema.h"

static void test_uid_is_prefix_and_path(void **state)
{
    (void)state;
    tracuu_buf_t b = {0};
    tracuu_record_uid("/srv/luu-tru/kế hoạch.txt", &b);
    assert_string_equal(b.s, "Q/srv/luu-tru/kế hoạch.txt");
    tracuu_buf_free(&b);
}

static void test_long_uid_is_hashed_and_stays_unique(void **state)
{
    (void)state;
    char p1[600], p2[600];
    memset(p1, 0, sizeof p1);
    strcpy(p1, "/");
    for (int i = 0; i < 60; i++)
        strcat(p1, "đề/"); /* multi-byte, so the cut must respect UTF-8 */
    strcpy(p2, p1);
    strcat(p1, "a.txt");
    strcat(p2, "b.txt");
    tracuu_buf_t a = {0}, b = {0};
    tracuu_record_uid(p1, &a);
    tracuu_record_uid(p2, &b);
    assert_true(a.len <= TRACUU_UID_MAX);
    assert_true(b.len <= TRACUU_UID_MAX);
    assert_string_not_equal(a.s, b.s);
    assert_int_equal(tracuu_utf8_valid_prefix(a.s, a.len), a.len);
    tracuu_buf_free(&a);
    tracuu_buf_free(&b);
}

static void test_hex_values_sort_as_numbers(void **state)
{
    (void)state;
    char x[17], y[17];
    tracuu_record_hex(9, x);
    tracuu_record_hex(10, y);
    assert_string_equal(x, "0000000000000009");
    assert_true(strcmp(x, y) < 0);
}

/* Two stats that differ only below the second, or only in ctime or
 * inode, give two signatures (an edit within a second is seen). */
static void test_signature_tells_ns_ctime_inode_apart(void **state)
{
    (void)state;
    char a[TRACUU_RECORD_SIG_LEN + 1], b[TRACUU_RECORD_SIG_LEN + 1];
    tracuu_record_signature(1700000000123456789LL, 1700000000123456789LL, 42,
                            18, a);
    assert_int_equal(strlen(a), TRACUU_RECORD_SIG_LEN);
    assert_string_equal(a, "17979cfe3d85cd15-17979cfe3d85cd15-"
                           "000000000000002a-0000000000000012");
    tracuu_record_signature(1700000000123456790LL, 1700000000123456789LL, 42,
                            18, b);
    assert_string_not_equal(a, b);
    tracuu_record_signature(1700000000123456789LL, 1700000000999999999LL, 42,
                            18, b);
    assert_string_not_equal(a, b);
    tracuu_record_signature(1700000000123456789LL, 1700000000123456789LL, 43,
                            18, b);
    assert_string_not_equal(a, b);
}

static void test_title_falls_back_to_first_line(void **state)
{
    (void)state;
    tracuu_analyzer_t *a = NULL;
    assert_int_equal(tracuu_analyzer_new(&a), TRACUU_OK);
    /* Seed 001 opens with a sentence, no header: the first line serves. */
    const char *s = "\n  Năm 2023, xã Tân Việt tổ chức, triển khai phong trào thi "
                    "đua trong điều kiện \ncòn nhiều khó khăn";
    tracuu_analysis_t an;
    assert_int_equal(tracuu_analyze(a, s, strlen(s), TRACUU_ANALYZE_DOCUMENT, &an),
                     TRACUU_OK);
    char *t = tracuu_record_title(&an);
    assert_string_equal(t, "Năm 2023, xã Tân Việt tổ chức, triển khai phong "
                           "trào thi đua trong điều kiện");
    free(t);
    tracuu_analysis_free(&an);
    tracuu_analyzer_free(a);
}

static void test_data_keeps_metadata_then_text(void **state)
{
    (void)state;
    const char data[] = "{\"path\":\"/a.txt\"}\nKẾ HOẠCH\nthi đua";
    const char *js, *text;
    size_t jl, tl;
    tracuu_record_split(data, sizeof data - 1, &js, &jl, &text, &tl);
    assert_int_equal(jl, strlen("{\"path\":\"/a.txt\"}"));
    assert_int_equal(tl, strlen("KẾ HOẠCH\nthi đua"));
    assert_memory_equal(text, "KẾ HOẠCH", strlen("KẾ HOẠCH"));
}

/* Checkpoints point into the original bytes even where normalising
 * changed their length (NFD, old tone placement): word k*32 of the body,
 * counted from 1, starts where checkpoint k says, in either text. */
static void test_checkpoints_point_at_words(void **state)
{
    (void)state;
    tracuu_analyzer_t *a = NULL;
    assert_int_equal(tracuu_analyzer_new(&a), TRACUU_OK);
    tracuu_buf_t b = {0};
    /* "Hoà" in NFD, old tone placement (5 bytes; "Hòa" in NFC is 4), then
     * a number: body position 2i+1 is "Hoà", 2i+2 is i. */
    for (int i = 0; i < 100; i++)
        tracuu_buf_printf(&b, "Hoa\xcc\x80 %d ", i);
    tracuu_analysis_t an;
    assert_int_equal(tracuu_analyze(a, b.s, b.len, TRACUU_ANALYZE_TOKENS, &an),
                     TRACUU_OK);
    assert_int_equal(an.tokens.n, 200);
    assert_true(an.norm.len < b.len);
    for (int stored = 0; stored < 2; stored++) {
        char *ck = tracuu_record_checkpoints(&an, stored);
        const char *text = stored ? an.norm.s : b.s;
        size_t off = 0, k = 0;
        for (char *p = ck, *end; *p; p = end, k++) {
            off += strtoul(p, &end, 10);
            assert_true(end > p);
            char want[16];
            if (k == 0) {
                assert_int_equal(off, 0);
                continue;
            }
            /* Position 32k is the number 16k - 1. */
            snprintf(want, sizeof want, "%zu ", 16 * k - 1);
            assert_memory_equal(text + off, want, strlen(want));
        }
        /* Positions up to 200: checkpoints 0..6. */
        assert_int_equal(k, 7);
        free(ck);
    }
    tracuu_analysis_free(&an);
    tracuu_buf_free(&b);
    tracuu_analyzer_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uid_is_prefix_and_path),
        cmocka_unit_test(test_long_uid_is_hashed_and_stays_unique),
        cmocka_unit_test(test_hex_values_sort_as_numbers),
        cmocka_unit_test(test_signature_tells_ns_ctime_inode_apart),
        cmocka_unit_test(test_title_falls_back_to_first_line),
        cmocka_unit_test(test_data_keeps_metadata_then_text),
        cmocka_unit_test(test_checkpoints_point_at_words),
    };
    return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
