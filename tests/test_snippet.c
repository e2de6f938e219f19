/* test_snippet.c: snippets: runs of syllables, accents, spans, long texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "parse.h"
#include "snippet.h"

static tracuu_analyzer_t *an;

static int setup(void **state)
{
    (void)state;
    return tracuu_analyzer_new(&an) == TRACUU_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    tracuu_analyzer_free(an);
    return 0;
}

/* Snippets of text for query q, the marked words joined by '|'. */
static char *marked(const char *q, const char *text, size_t *n_snippets,
                    const tracuu_span_t *spans, size_t n_spans)
{
    tracuu_parsed_t p;
    tracuu_plan_t plan;
    char *err = NULL;
    assert_true(tracuu_query_parse(q, tracuu_query_known_field, &p, &err));
    assert_true(tracuu_query_build(an, &p, &plan, &err));
    tracuu_snippet_t *sn = NULL;
    size_t n = 0;
    tracuu_snip_query_t sq = {plan.highlight, plan.n_highlight, spans,
                              n_spans, 2};
    tracuu_snippets_spans(an, text, strlen(text), &sq, &sn, &n);
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, "");
    for (size_t i = 0; i < n && i < 1; i++)
        for (size_t m = 0; m < sn[i].n_marks; m++) {
            if (b.len)
                tracuu_buf_putc(&b, '|');
            tracuu_buf_append(&b, sn[i].text + sn[i].marks[m].start,
                              sn[i].marks[m].len);
        }
    *n_snippets = n;
    tracuu_snippets_free(sn, n);
    tracuu_plan_free(&plan);
    tracuu_parsed_free(&p);
    return tracuu_buf_steal(&b);
}

static void test_phrase_marks_only_adjacent_runs(void **state)
{
    (void)state;
    size_t n;
    char *m = marked("\"dân vận khéo\"",
                     "công tác dân vận chính quyền; phong trào “Dân vận khéo”", &n,
                     NULL, 0);
    assert_string_equal(m, "Dân vận khéo");
    free(m);
}

static void test_accents_typed_must_match_unless_text_has_none(void **state)
{
    (void)state;
    size_t n;
    /* "thị" is not "thí" once the query has accents on it; an unaccented
     * "thi" (as OCR leaves text) may be either, so it is marked. */
    char *m = marked("thí", "Chỉ thị số 34; thi cử; thí điểm", &n, NULL, 0);
    assert_string_equal(m, "thi|thí");
    free(m);
    m = marked("\"phát động\"", "Phat dong phong trao", &n, NULL, 0);
    assert_string_equal(m, "Phat dong");
    free(m);
}

static void test_long_text_match_far_in_is_found(void **state)
{
    (void)state;
    /* 50 KB where the phrase's syllables abound but never in a row, then
     * the phrase after an opening quote. */
    tracuu_buf_t t = {0};
    for (int i = 0; i < 2000; i++)
        tracuu_buf_puts(&t, "nhân dân vận hành quy phạm ");  /* dân, vận: not the phrase */
    tracuu_buf_puts(&t, "phong trào thi đua “Dân vận khéo” giai đoạn 2021 - 2025");
    size_t n;
    char *m = marked("\"dân vận khéo\"", t.s, &n, NULL, 0);
    assert_int_equal(n, 1);
    assert_string_equal(m, "Dân vận khéo");
    free(m);
    tracuu_buf_free(&t);
}

static void test_spans_are_marked_and_win(void **state)
{
    (void)state;
    const char *text = "Thực hiện Chỉ thị số 05-\nCT/TW của Bộ Chính trị về việc "
                       "đẩy mạnh học tập";
    const char *sym = strstr(text, "05-");
    tracuu_span_t sp = {(size_t)(sym - text), (size_t)(sym - text) + strlen("05-\nCT/TW")};
    size_t n;
    char *m = marked("học", text, &n, &sp, 1);
    assert_int_equal(n, 1);
    assert_string_equal(m, "05|CT/TW|học");
    free(m);
}

/* A matched word or phrase is one span; matches apart by more than one
 * space, or by punctuation and a space, stay apart. */
static void test_one_span_per_run_of_matches(void **state)
{
    (void)state;
    size_t n;
    char *m = marked("thi đua khen thưởng",
                     "công tác thi đua, khen thưởng năm 2024 và thi đua khen thưởng",
                     &n, NULL, 0);
    assert_string_equal(m, "thi đua|khen thưởng|thi đua khen thưởng");
    free(m);
}

static void test_words_starting_with_accented_letters_are_marked(void **state)
{
    (void)state;
    size_t n;
    /* Tokens whose first letter is not ASCII (Ủ, Đ, ứ) are matched by
     * their folded first letter, any case, typed with accents or not. */
    char *m = marked("uy ban",
                     "7. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã", &n,
                     NULL, 0);
    assert_string_equal(m, "Ủy ban");
    free(m);
    m = marked("\"ứng dụng\"",
               "THÚC ĐẨY ỨNG DỤNG công nghệ thông tin, chuyển đổi số", &n,
               NULL, 0);
    assert_string_equal(m, "ỨNG DỤNG");
    free(m);
    m = marked("đẩy", "Thúc đẩy ứng dụng; ĐẨY MẠNH; đầy đủ", &n, NULL, 0);
    assert_string_equal(m, "đẩy|ĐẨY");
    free(m);
    /* The lone y of a syllable after a consonant is an i (kỹ/kĩ). */
    m = marked("kĩ thuật", "hỗ trợ kỹ thuật; kí kết", &n, NULL, 0);
    assert_string_equal(m, "kỹ thuật");
    free(m);
}

static void test_no_match_gives_no_snippet(void **state)
{
    (void)state;
    size_t n = 9;
    char *m = marked("xyzzy", "thi đua khen thưởng", &n, NULL, 0);
    assert_int_equal(n, 0);
    free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phrase_marks_only_adjacent_runs),
        cmocka_unit_test(test_accents_typed_must_match_unless_text_has_none),
        cmocka_unit_test(test_long_text_match_far_in_is_found),
        cmocka_unit_test(test_spans_are_marked_and_win),
        cmocka_unit_test(test_words_starting_with_accented_letters_are_marked),
        cmocka_unit_test(test_one_span_per_run_of_matches),
        cmocka_unit_test(test_no_match_gives_no_snippet),
    };
    return cmocka_run_group_tests_name("snippet", tests, setup, teardown);
}
