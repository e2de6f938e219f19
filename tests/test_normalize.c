/* test_normalize.c: NFC, controls, tone placement, offsets back to the original. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "buf.h"
#include "normalize.h"
#include "testutil.h"

/* Normalise s; the result stays valid until the next call. */
static const char *norm(const char *s)
{
    static tracuu_norm_t n;
    tracuu_norm_free(&n);
    assert_int_equal(tracuu_normalize(s, strlen(s), &n), 0);
    return n.s;
}

static void test_tone_placement_unifies_old_and_new_styles(void **state)
{
    (void)state;
    /* văn hoá / văn hóa, from seeds 000 and 004. */
    char *a = strdup(norm("văn hoá"));
    assert_string_equal(a, norm("văn hóa"));
    free(a);
    assert_string_equal(norm("văn hoá"), "văn hóa");
    assert_string_equal(norm("Đảng uỷ"), "Đảng ủy");
    assert_string_equal(norm("thuỷ lợi"), "thủy lợi");
    assert_string_equal(norm("sức khoẻ"), "sức khỏe");
    assert_string_equal(norm("đa dạng hoá"), "đa dạng hóa");
    assert_string_equal(norm("lan toả"), "lan tỏa");
    /* Capitals keep their case. */
    assert_string_equal(norm("UỶ BAN"), "ỦY BAN");
    assert_string_equal(norm("HOÀ"), "HÒA");
}

static void test_tone_placement_leaves_what_both_styles_agree_on(void **state)
{
    (void)state;
    const char *same[] = {"hoàn thành", "kế hoạch", "quý", "người", "ngoài",
                          "khuỷu", "quả", "hoạt", "tuyên", "huyện", "thuở",
                          "khuya", "thuyền", "Ngoại", NULL};
    for (size_t i = 0; same[i]; i++)
        assert_string_equal(norm(same[i]), same[i]);
    /* With a final consonant the mark belongs on the second vowel. */
    assert_string_equal(norm("hòan thành"), "hoàn thành");
}

static void test_horn_typos_become_uo_with_horns(void **state)
{
    (void)state;
    /* Typos seen in seed 000: lưọng, thuởng, tưỏng, phưòng. */
    assert_string_equal(norm("chất lưọng"), "chất lượng");
    assert_string_equal(norm("khen thuởng"), "khen thưởng");
    assert_string_equal(norm("tư tưỏng"), "tư tưởng");
    assert_string_equal(norm("xã, phưòng"), "xã, phường");
}

static void test_nfd_title_of_seed_000_becomes_nfc(void **state)
{
    const char *shared = tt_shared_dir();
    (void)state;
    /* " KẾ HOẠCH" as written at the top of seed 000: decomposed. */
    const char *nfd = " KE\xcc\x82\xcc\x81 HOA\xcc\xa3\x43H ";
    assert_string_equal(norm(nfd), " KẾ HOẠCH ");
    if (!shared)
        return;
    char path[512];
    snprintf(path, sizeof path, "%s/seeds/000_ffb5641f03d939c8.txt", shared);
    size_t len = 0;
    char *text = tt_read_file(path, &len);
    assert_non_null(text);
    assert_true(memcmp(text, " K", 2) == 0);
    assert_true(strncmp(text, " KẾ", 4) != 0); /* really NFD on disk */
    tracuu_norm_t n;
    assert_int_equal(tracuu_normalize(text, len, &n), 0);
    assert_true(strncmp(n.s, " KẾ HOẠCH", strlen(" KẾ HOẠCH")) == 0);
    /* Offsets map back: "Thực" on line 2 is at the same place in both
     * once the map is applied. */
    const char *at = strstr(n.s, "Thực hiện");
    assert_non_null(at);
    size_t orig = tracuu_norm_orig_offset(&n, (size_t)(at - n.s));
    assert_true(memcmp(text + orig, "Th", 2) == 0);
    tracuu_norm_free(&n);
    free(text);
}

static void test_controls_and_zero_width_characters_go(void **state)
{
    (void)state;
    assert_string_equal(norm("thi\xe2\x80\x8b\x64ua"), "thidua");   /* ZWSP */
    assert_string_equal(norm("\xef\xbb\xbfKế"), "Kế");              /* BOM */
    assert_string_equal(norm("a\r\nb\rc\fd"), "a\nb\nc\nd");
    assert_string_equal(norm("a\x01\x1b\x7f" "b"), "ab");
    assert_string_equal(norm("số\xc2\xa0\x31"), "số 1");            /* NBSP */
    assert_string_equal(norm("thi\xc2\xad\x64ua"), "thidua");         /* soft hyphen */
    assert_string_equal(norm("a\xc2\x85" "b"), "ab");                /* C1 NEL */
}

static void test_invalid_utf8_becomes_replacement_characters(void **state)
{
    (void)state;
    assert_string_equal(norm("a\xff" "b"), "a\xef\xbf\xbd" "b");
    assert_string_equal(norm("\xe1\xba"), "\xef\xbf\xbd\xef\xbf\xbd");
}

static void test_offsets_map_back_through_every_change(void **state)
{
    (void)state;
    /* NFD, a dropped ZWSP and a moved tone, then plain text. */
    const char *orig = "hoa\xcc\x80 \xe2\x80\x8bthuỷ x";
    tracuu_norm_t n;
    assert_int_equal(tracuu_normalize(orig, strlen(orig), &n), 0);
    assert_string_equal(n.s, "hòa thủy x");
    size_t x = (size_t)(strchr(n.s, 'x') - n.s);
    assert_int_equal(tracuu_norm_orig_offset(&n, x), strlen(orig) - 1);
    assert_int_equal(tracuu_norm_orig_offset(&n, 0), 0);
    size_t t = (size_t)(strstr(n.s, "th") - n.s);
    assert_true(memcmp(orig + tracuu_norm_orig_offset(&n, t), "th", 2) == 0);
    assert_int_equal(tracuu_norm_orig_offset(&n, n.len), strlen(orig));
    tracuu_norm_free(&n);
}

static void test_empty_and_huge_words(void **state)
{
    (void)state;
    assert_string_equal(norm(""), "");
    char big[300];
    memset(big, 'o', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_string_equal(norm(big), big);
}

/* Words said again and again (the normaliser remembers those it keeps)
 * come out as each alone would: 6,000 words, about 900 distinct, those
 * the rule rewrites among them (hoà, thuỷ, khoẻ, lưọng, and with a final
 * consonant). */
static void test_repeated_words_as_each_alone(void **state)
{
    (void)state;
    static const char *const stems[] = {"hoà", "thuỷ", "khoẻ", "lưọng",
                                        "việt", "đảng", "nhân", "hòa"};
    static const char *const tail[] = {"n", "h", "t", "c", "g", "x", "y", "z"};
    static const char *const marked[] = {"ă", "â", "ê", "ô", "ơ", "ư", "đ"};
    tracuu_buf_t text = {0}, want = {0}, word = {0};
    unsigned seed = 7;
    for (int i = 0; i < 6000; i++) {
        tracuu_buf_clear(&word);
        seed = seed * 1103515245u + 12345u;
        if (seed >> 31) {
            tracuu_buf_puts(&word, stems[(seed >> 16) % 8]);
            for (unsigned k = 0; k < (seed >> 12) % 3; k++)
                tracuu_buf_puts(&word, tail[(seed >> (4 + 3 * k)) % 8]);
        } else {
            for (unsigned k = 0; k < 3; k++)
                tracuu_buf_puts(&word, marked[(seed >> (8 + 4 * k)) % 7]);
        }
        if (text.len) {
            tracuu_buf_putc(&text, ' ');
            tracuu_buf_putc(&want, ' ');
        }
        tracuu_buf_append(&text, word.s, word.len);
        if (!tracuu_normalize_word(word.s, word.len, &want))
            tracuu_buf_append(&want, word.s, word.len);
    }
    tracuu_norm_t n;
    assert_int_equal(tracuu_normalize(text.s, text.len, &n), TRACUU_OK);
    assert_string_equal(n.s, want.s);
    assert_string_not_equal(n.s, text.s); /* some were rewritten */
    tracuu_norm_free(&n);
    tracuu_buf_free(&text);
    tracuu_buf_free(&want);
    tracuu_buf_free(&word);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tone_placement_unifies_old_and_new_styles),
        cmocka_unit_test(test_tone_placement_leaves_what_both_styles_agree_on),
        cmocka_unit_test(test_horn_typos_become_uo_with_horns),
        cmocka_unit_test(test_nfd_title_of_seed_000_becomes_nfc),
        cmocka_unit_test(test_controls_and_zero_width_characters_go),
        cmocka_unit_test(test_invalid_utf8_becomes_replacement_characters),
        cmocka_unit_test(test_offsets_map_back_through_every_change),
        cmocka_unit_test(test_empty_and_huge_words),
        cmocka_unit_test(test_repeated_words_as_each_alone),
    };
    return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}
