/* test_tokenize.c: ICU syllable tokens, offsets, positions, term forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "analysis.h"
#include "tokenize.h"

static tracuu_tokenizer_t *tk;

static int setup(void **state)
{
    (void)state;
    return tracuu_tokenizer_new(&tk) == TRACUU_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    tracuu_tokenizer_free(tk);
    return 0;
}

/* The tokens of s joined with '|'. */
static char *joined(const char *s)
{
    static tracuu_buf_t b;
    tracuu_tokens_t t = {0};
    assert_int_equal(tracuu_tokenize(tk, s, strlen(s), 0, &t), TRACUU_OK);
    tracuu_buf_clear(&b);
    tracuu_buf_puts(&b, "");
    for (size_t i = 0; i < t.n; i++) {
        if (i)
            tracuu_buf_putc(&b, '|');
        tracuu_buf_append(&b, s + t.v[i].start, t.v[i].end - t.v[i].start);
        assert_int_equal(t.v[i].pos, i);
    }
    tracuu_tokens_free(&t);
    return b.s;
}

static void test_syllables_are_tokens(void **state)
{
    (void)state;
    assert_string_equal(joined("Phát động phong trào thi đua"),
                        "Phát|động|phong|trào|thi|đua");
    /* Across a line break and blank lines from PDF text (seed 000). */
    assert_string_equal(joined("triển khai công tác thi \n\nđua, khen thưởng"),
                        "triển|khai|công|tác|thi|đua|khen|thưởng");
}

/* A glyph OCR writes for a letter stays in its word (one token, one
 * position) so that its reading stands where the word stood; "&" between
 * capitals is a code's. */
static void test_ocr_glyphs_stay_in_their_word(void **state)
{
    (void)state;
    assert_string_equal(joined("thực hi\u00a2n tốt"), "thực|hi\u00a2n|tốt");
    assert_string_equal(joined("ti\u20acu chí, kinh t& xã"),
                        "ti\u20acu|chí|kinh|t&|xã");
    assert_string_equal(joined("D\u00a7y mạnh"), "D\u00a7y|mạnh");
    assert_string_equal(joined("K\u00a2 hoạch"), "K\u00a2|hoạch");
    assert_string_equal(joined("R&D và AT&T, Q&A"), "R|D|và|AT|T|Q|A");
    assert_string_equal(joined("giá 5 \u00a2, § 3"), "giá|5|3");
}

static void test_quotes_and_punctuation_are_not_tokens(void **state)
{
    (void)state;
    assert_string_equal(joined("phong trào thi đua “Dân vận khéo”;"),
                        "phong|trào|thi|đua|Dân|vận|khéo");
}

static void test_symbols_and_dates_break_into_pieces(void **state)
{
    (void)state;
    assert_string_equal(joined("Chỉ thị số 34-CT/TW ngày 07/4/2014"),
                        "Chỉ|thị|số|34|CT|TW|ngày|07|4|2014");
    assert_string_equal(joined("đạt tỷ lệ 93,5%"), "đạt|tỷ|lệ|93,5");
}

static void test_offsets_point_into_the_text(void **state)
{
    (void)state;
    const char *s = "Kế hoạch số 01";
    tracuu_tokens_t t = {0};
    assert_int_equal(tracuu_tokenize(tk, s, strlen(s), 5, &t), TRACUU_OK);
    assert_int_equal(t.n, 4);
    assert_int_equal(t.v[1].start, strlen("Kế "));
    assert_int_equal(t.v[1].end, strlen("Kế hoạch"));
    assert_int_equal(t.v[0].pos, 5); /* positions continue from first_pos */
    assert_int_equal(t.v[3].kind, TRACUU_TOKEN_NUMBER);
    assert_int_equal(t.v[0].kind, TRACUU_TOKEN_WORD);
    tracuu_tokens_free(&t);
}

static void test_overlong_tokens_are_skipped(void **state)
{
    (void)state;
    char s[200];
    memset(s, 'x', 150);
    strcpy(s + 150, " thi đua");
    assert_string_equal(joined(s), "thi|đua");
}

static void forms(const char *tok, const char *exact, const char *folded)
{
    tracuu_buf_t e = {0}, f = {0};
    tracuu_term_forms(tok, strlen(tok), &e, &f);
    assert_string_equal(e.s, exact);
    assert_string_equal(f.s, folded);
    tracuu_buf_free(&e);
    tracuu_buf_free(&f);
}

static void test_term_forms_exact_and_folded(void **state)
{
    (void)state;
    forms("THƯỞNG", "thưởng", "thuong");
    forms("Đảng", "đảng", "dang");
    forms("UBND", "ubnd", "ubnd");
    forms("2014", "2014", "2014");
}

static void test_lone_i_and_y_are_one_letter(void **state)
{
    (void)state;
    /* kỹ/kĩ, lý/lí, sỹ/sĩ, mỹ/mĩ, kỷ/kỉ merge ... */
    forms("kỹ", "kĩ", "ki");
    forms("kĩ", "kĩ", "ki");
    forms("Lý", "lí", "li");
    forms("sỹ", "sĩ", "si");
    forms("kỷ", "kỉ", "ki");
    /* ... but never tay/tai, tuy/tui, quy, or a standalone y/ý. */
    forms("tay", "tay", "tay");
    forms("tuy", "tuy", "tuy");
    forms("quý", "quý", "quy");
    forms("ý", "ý", "y");
    forms("y", "y", "y");
}

static void test_analysis_runs_normalise_then_break(void **state)
{
    (void)state;
    tracuu_analyzer_t *a = NULL;
    assert_int_equal(tracuu_analyzer_new(&a), TRACUU_OK);
    tracuu_analysis_t an;
    const char *s = "Văn hoá và Đảng uỷ";
    assert_int_equal(tracuu_analyze(a, s, strlen(s), TRACUU_ANALYZE_TOKENS, &an),
                     TRACUU_OK);
    assert_int_equal(an.tokens.n, 5);
    tracuu_buf_t e = {0};
    const tracuu_token_t *t = &an.tokens.v[1];
    tracuu_term_forms(an.norm.s + t->start, t->end - t->start, &e, NULL);
    assert_string_equal(e.s, "hóa");
    tracuu_buf_free(&e);
    tracuu_analysis_free(&an);
    tracuu_analyzer_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syllables_are_tokens),
        cmocka_unit_test(test_ocr_glyphs_stay_in_their_word),
        cmocka_unit_test(test_quotes_and_punctuation_are_not_tokens),
        cmocka_unit_test(test_symbols_and_dates_break_into_pieces),
        cmocka_unit_test(test_offsets_point_into_the_text),
        cmocka_unit_test(test_overlong_tokens_are_skipped),
        cmocka_unit_test(test_term_forms_exact_and_folded),
        cmocka_unit_test(test_lone_i_and_y_are_one_letter),
        cmocka_unit_test(test_analysis_runs_normalise_then_break),
    };
    return cmocka_run_group_tests_name("tokenize", tests, setup, teardown);
}
