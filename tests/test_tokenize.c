/* test_tokenize.c: ICU syllable tokens, offsets, positions, term forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "normalize.h"
#include "tokenize.h"
#include "testutil.h"

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

/* The tokens of text[0..len) with the plain path and through ICU alone
 * are the same (offsets, positions, kinds); false, said, when not. */
static bool same_both_ways(const char *text, size_t len, const char *what)
{
    tracuu_tokens_t plain = {0}, icu = {0};
    assert_int_equal(tracuu_tokenize(tk, text, len, 7, &plain), TRACUU_OK);
    tracuu_tokenizer_icu_only(tk, true);
    assert_int_equal(tracuu_tokenize(tk, text, len, 7, &icu), TRACUU_OK);
    tracuu_tokenizer_icu_only(tk, false);
    size_t i = 0;
    while (i < plain.n && i < icu.n &&
           memcmp(&plain.v[i], &icu.v[i], sizeof plain.v[i]) == 0)
        i++;
    bool same = i == plain.n && i == icu.n;
    if (!same) {
        size_t at = i < icu.n ? icu.v[i].start : i < plain.n ? plain.v[i].start : 0;
        fprintf(stderr, "%s: token %zu differs (plain %zu tokens, ICU %zu), "
                "near byte %zu: \"%.40s\"\n", what, i, plain.n, icu.n, at,
                text + (at > 10 ? at - 10 : 0));
    }
    tracuu_tokens_free(&plain);
    tracuu_tokens_free(&icu);
    return same;
}

/* Random text from pieces the rules treat apart: letters of every kind
 * the plain path knows and some it leaves to ICU, digits, the ASCII
 * punctuation that joins letters or digits (. ' : , ;), '_' and '&',
 * OCR glyphs, spaces, tabs and line breaks, a combining mark, a soft
 * hyphen, CJK, an emoji and a joiner. */
static void test_plain_path_breaks_as_icu_on_random_text(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "Z", "đ", "Đ", "ư", "ạ", "ế", "Ỹ", "ß", "×", "÷", "ǅ", "ƒ", "ɐ",
        "0", "7", ".", ",", "'", "’", ":", ";", "_", "&", "-", "/", "(", ")",
        "\"", "%", "¢", "€", "§", " ", " ", " ", "\t", "\n", "\r\n",
        "\xcc\x81", "\xc2\xad", "中", "😀", "\xe2\x80\x8d", "\xc2\xa0",
        "\xff", "\xe1\xba", "kế", "hoạch", "34-CT/TW", "1.000", "TP.HCM",
        "!", "#", "$", "*", "+", "<", "=", ">", "?", "@", "[", "\\", "]", "^",
        "`", "{", "|", "}", "~", "\x01", "\x7f"};
    size_t n = sizeof pieces / sizeof pieces[0];
    unsigned seed = 20261206;
    char text[512];
    size_t bad = 0;
    for (int round = 0; round < 40000; round++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        int k = (int)(seed >> 16) % 24;
        for (int j = 0; j < k; j++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % n];
            size_t pl = strlen(p);
            memcpy(text + len, p, pl);
            len += pl;
        }
        text[len] = 0;
        bad += !same_both_ways(text, len, "random text");
    }
    assert_int_equal(bad, 0);
}

/* The same on every text of the corpus as the analyser sees it
 * (normalised) and as read. */
static void test_plain_path_breaks_as_icu_on_the_corpus(void **state)
{
    (void)state;
    const char *shared = tt_need_shared("test_tokenize");
    if (!shared)
        return;
    static const char *const dirs[] = {"corpus/tnt305_tailieu_vanban/docs",
                                       "corpus/vlc_laws/docs", "seeds"};
    size_t files = 0, bad = 0;
    for (size_t d = 0; d < 3; d++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", shared, dirs[d]);
        DIR *dir = opendir(path);
        assert_non_null(dir);
        for (struct dirent *e; (e = readdir(dir)) != NULL;) {
            size_t nl = strlen(e->d_name);
            if (nl < 5 || strcmp(e->d_name + nl - 4, ".txt") != 0)
                continue;
            snprintf(path, sizeof path, "%s/%s/%s", shared, dirs[d], e->d_name);
            FILE *f = fopen(path, "rb");
            assert_non_null(f);
            tracuu_buf_t b = {0};
            char chunk[65536];
            for (size_t r; (r = fread(chunk, 1, sizeof chunk, f)) > 0;)
                tracuu_buf_append(&b, chunk, r);
            fclose(f);
            tracuu_norm_t norm = {0};
            assert_int_equal(tracuu_normalize(b.s ? b.s : "", b.len, &norm),
                             TRACUU_OK);
            bad += !same_both_ways(b.s ? b.s : "", b.len, path);
            bad += !same_both_ways(norm.s ? norm.s : "", norm.len, path);
            tracuu_norm_free(&norm);
            tracuu_buf_free(&b);
            files++;
        }
        closedir(dir);
    }
    assert_true(files > 390);
    assert_int_equal(bad, 0);
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
        cmocka_unit_test(test_plain_path_breaks_as_icu_on_random_text),
        cmocka_unit_test(test_plain_path_breaks_as_icu_on_the_corpus),
    };
    return cmocka_run_group_tests_name("tokenize", tests, setup, teardown);
}
