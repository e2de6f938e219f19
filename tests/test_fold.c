/* test_fold.c: case and diacritic folding tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "buf.h"
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

/* Every code point tracuu_latin_letter_len takes is what the tokenizer
 * and normaliser assume of it, asked of ICU: alphabetic, ALetter to
 * UAX #29, NFC quick check yes, an NFC boundary before it; and it takes
 * exactly the ranges it says (349 code points). */
static void test_latin_letters_are_what_icu_says(void **state)
{
    (void)state;
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    assert_false(U_FAILURE(err));
    size_t taken = 0;
    for (uint32_t cp = 1; cp < 0x20000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        tracuu_buf_t b = {0};
        tracuu_buf_put_cp(&b, cp);
        size_t n = tracuu_latin_letter_len((const unsigned char *)b.s, b.len);
        if (n) {
            assert_int_equal(n, b.len);
            assert_true(u_isalpha((UChar32)cp));
            assert_int_equal(u_getIntPropertyValue((UChar32)cp, UCHAR_WORD_BREAK),
                             U_WB_ALETTER);
            assert_int_equal(u_getIntPropertyValue((UChar32)cp,
                                                   UCHAR_NFC_QUICK_CHECK),
                             UNORM_YES);
            assert_true(unorm2_hasBoundaryBefore(nfc, (UChar32)cp));
            /* A sequence cut short is no letter. */
            assert_int_equal(tracuu_latin_letter_len((const unsigned char *)b.s,
                                                     b.len - 1),
                             0);
            taken++;
        }
        tracuu_buf_free(&b);
    }
    assert_int_equal(taken, 52 + (0x17F - 0xC0 + 1 - 2) + (0x1B0 - 0x1A0 + 1) +
                                (0x1EF9 - 0x1EA0 + 1));
    assert_int_equal(tracuu_latin_letter_len((const unsigned char *)"\xc3" "A", 2), 0);
    assert_int_equal(tracuu_latin_letter_len((const unsigned char *)"\xe1\xba", 2), 0);
    assert_int_equal(tracuu_latin_letter_len((const unsigned char *)"\xc3\x97", 2), 0);
    assert_int_equal(tracuu_latin_letter_len((const unsigned char *)"\xe1\xbb\xb9", 3), 3);
    assert_int_equal(tracuu_latin_letter_len((const unsigned char *)"\xe1\xbb\xba", 3), 0);
}

/* The folded text of every Latin letter tracuu_latin_letter_len takes,
 * each between ASCII, is each letter's tracuu_cp_fold, and each folded
 * byte maps back to its letter's first byte. */
static void test_folded_text_of_every_latin_letter(void **state)
{
    (void)state;
    tracuu_buf_t text = {0}, want = {0};
    size_t starts[1024], n = 0;
    for (uint32_t cp = 0xC0; cp <= 0x1EF9; cp++) {
        tracuu_buf_t one = {0};
        tracuu_buf_put_cp(&one, cp);
        if (tracuu_latin_letter_len((const unsigned char *)one.s, one.len)) {
            tracuu_buf_putc(&text, 'x');
            tracuu_buf_putc(&want, 'x');
            starts[n++] = text.len;
            tracuu_buf_append(&text, one.s, one.len);
            tracuu_buf_put_cp(&want, tracuu_cp_fold(cp));
        }
        tracuu_buf_free(&one);
    }
    assert_int_equal(n, 349 - 52);
    tracuu_folded_t f;
    tracuu_folded_make(text.s, text.len, &f);
    assert_string_equal(f.s, want.s);
    /* Each folded letter sits after an 'x' and maps to its start. */
    size_t k = 0;
    for (size_t i = 0; i < f.len; i++)
        if (f.s[i] == 'x' && i + 1 < f.len && f.s[i + 1] != 'x' && k < n)
            assert_int_equal(f.src[i + 1], starts[k++]);
    assert_int_equal(k, n);
    assert_int_equal(f.src[f.len], text.len);
    tracuu_folded_free(&f);
    tracuu_buf_free(&text);
    tracuu_buf_free(&want);
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
        cmocka_unit_test(test_latin_letters_are_what_icu_says),
        cmocka_unit_test(test_folded_text_of_every_latin_letter),
    };
    return cmocka_run_group_tests_name("fold", tests, NULL, NULL);
}
