/* test_fold.c: case and diacritic folding tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "fold.h"

static char *folded(const char *s)
{
    static tracuu_buf_t b;
    tracuu_buf_free(&b);
    tracuu_fold_ascii(s, strlen(s), &b);
    return b.s ? b.s : "";
}

static char *lowered(const char *s)
{
    static tracuu_buf_t b;
    tracuu_buf_free(&b);
    tracuu_fold_lower(s, strlen(s), &b);
    return b.s ? b.s : "";
}

static void test_fold_removes_every_vietnamese_diacritic(void **state)
{
    (void)state;
    assert_string_equal(folded("Thi đua, khen thưởng"), "thi dua, khen thuong");
    assert_string_equal(folded("ĐẢNG ỦY XÃ TÂN VIỆT"), "dang uy xa tan viet");
    assert_string_equal(folded("Ủy ban nhân dân tỉnh Tây Ninh"),
                        "uy ban nhan dan tinh tay ninh");
    /* All 134 toned vowels of one base fold to it. */
    assert_string_equal(folded("àáảãạăằắẳẵặâầấẩẫậ"), "aaaaaaaaaaaaaaaaa");
    assert_string_equal(folded("ỳýỷỹỵ ùúủũụưừứửữự"), "yyyyy uuuuuuuuuuu");
    assert_string_equal(folded("ơờớởỡợ ôồốổỗộ"), "oooooo oooooo");
}

static void test_fold_d_with_stroke_becomes_d(void **state)
{
    (void)state;
    /* Đ/đ have no decomposition: the table maps them explicitly. */
    assert_string_equal(folded("Đ đ"), "d d");
    assert_int_equal(tracuu_cp_fold(0x0110), 'd');
}

static void test_fold_drops_combining_marks_of_nfd_text(void **state)
{
    (void)state;
    /* "Kế hoạch" in NFD: e + circumflex + acute, o + a + dot below. */
    assert_string_equal(folded("Ke\xcc\x82\xcc\x81 hoa\xcc\xa3\x63h"),
                        "ke hoach");
}

static void test_lower_keeps_diacritics(void **state)
{
    (void)state;
    assert_string_equal(lowered("KẾ HOẠCH THI ĐUA"), "kế hoạch thi đua");
    assert_string_equal(lowered("Ủy Ban"), "ủy ban");
}

static void test_tone_table_round_trips(void **state)
{
    (void)state;
    /* ổ = ô + hook; moving tones relies on this. */
    assert_int_equal(tracuu_cp_tone(0x1ED5), TRACUU_TONE_HOOK);
    assert_int_equal(tracuu_cp_untoned(0x1ED5), 0x00F4);
    assert_int_equal(tracuu_cp_with_tone(0x00F4, TRACUU_TONE_HOOK), 0x1ED5);
    /* Uppercase: Ỏ (U+1ECE) is O with hook. */
    assert_int_equal(tracuu_cp_untoned(0x1ECE), 'O');
    assert_int_equal(tracuu_cp_with_tone('O', TRACUU_TONE_HOOK), 0x1ECE);
    /* ô, â, ê, ă with the dot below: ộ ậ ệ ặ (ICU decomposes ộ as ọ +
     * circumflex, so a plain pair composition would fail). */
    assert_int_equal(tracuu_cp_with_tone(0x00F4, TRACUU_TONE_DOT), 0x1ED9);
    assert_int_equal(tracuu_cp_with_tone(0x00E2, TRACUU_TONE_DOT), 0x1EAD);
    assert_int_equal(tracuu_cp_with_tone(0x00EA, TRACUU_TONE_DOT), 0x1EC7);
    assert_int_equal(tracuu_cp_with_tone(0x0103, TRACUU_TONE_DOT), 0x1EB7);
    assert_int_equal(tracuu_cp_with_tone(0x01A1, TRACUU_TONE_DOT), 0x1EE3); /* ợ */
    /* Breve, circumflex and horn are not tones. */
    assert_int_equal(tracuu_cp_tone(0x0103), TRACUU_TONE_NONE);  /* ă */
    assert_int_equal(tracuu_cp_tone(0x01A1), TRACUU_TONE_NONE);  /* ơ */
    assert_true(tracuu_cp_is_vowel(0x01B0));                     /* ư */
    assert_false(tracuu_cp_is_vowel('d'));
    assert_false(tracuu_cp_is_vowel(0x0111));                    /* đ */
}

static void test_folded_map_points_to_source_bytes(void **state)
{
    (void)state;
    const char *s = "Số: 01/KH";
    tracuu_folded_t f;
    tracuu_folded_make(s, strlen(s), &f);
    assert_string_equal(f.s, "so: 01/kh");
    assert_int_equal(f.src[0], 0);   /* S */
    assert_int_equal(f.src[1], 1);   /* ố starts at byte 1 (3 bytes) */
    assert_int_equal(f.src[2], 4);   /* ':' */
    assert_int_equal(f.src[f.len], strlen(s));
    tracuu_folded_free(&f);
}

static void test_folded_map_survives_growth(void **state)
{
    (void)state;
    /* An invalid byte becomes U+FFFD (3 bytes): the map must grow. */
    char s[64];
    memset(s, 0xFF, sizeof s);
    tracuu_folded_t f;
    tracuu_folded_make(s, sizeof s, &f);
    assert_int_equal(f.len, 3 * sizeof s);
    assert_int_equal(f.src[f.len - 1], sizeof s - 1);
    tracuu_folded_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_removes_every_vietnamese_diacritic),
        cmocka_unit_test(test_fold_d_with_stroke_becomes_d),
        cmocka_unit_test(test_fold_drops_combining_marks_of_nfd_text),
        cmocka_unit_test(test_lower_keeps_diacritics),
        cmocka_unit_test(test_tone_table_round_trips),
        cmocka_unit_test(test_folded_map_points_to_source_bytes),
        cmocka_unit_test(test_folded_map_survives_growth),
    };
    return cmocka_run_group_tests_name("fold", tests, NULL, NULL);
}
