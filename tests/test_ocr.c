/* test_ocr.c: readings of words damaged by OCR, from the real damage of
 * ../shared/seeds/002 and the OCR example plans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "ocr.h"

/* The readings of w joined by ' ' ("" for none). */
static const char *readings(const char *w)
{
    static char out[64];
    char rd[TRACUU_OCR_READINGS_MAX][TRACUU_OCR_READING_MAX];
    size_t n = tracuu_ocr_readings(w, strlen(w), w, strlen(w), rd);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, " ");
        strcat(out, rd[i]);
    }
    return out;
}

static void test_damaged_words(void **state)
{
    (void)state;
    assert_string_equal(readings("s6"), "so");     /* số */
    assert_string_equal(readings("b6"), "bo");     /* Bộ */
    {
        char rd[TRACUU_OCR_READINGS_MAX][TRACUU_OCR_READING_MAX];
        assert_int_equal(tracuu_ocr_readings("B6", 2, "b6", 2, rd), 1);
        assert_string_equal(rd[0], "bo");
        /* Capitals without a digit are codes: NĐ (Nghị định), not "no". */
        assert_int_equal(tracuu_ocr_readings("NĐ", 3, "nd", 2, rd), 0);
        assert_int_equal(tracuu_ocr_readings("nd", 2, "nd", 2, rd), 2);
        assert_string_equal(rd[0], "no");
    }
    assert_string_equal(readings("1am"), "lam");   /* làm */
    assert_string_equal(readings("dirc"), "duc");  /* đức */
    assert_string_equal(readings("ciia"), "cua");  /* của */
    assert_string_equal(readings("nidm"), "nam");  /* năm */
    assert_string_equal(readings("phd"), "pho pha"); /* phố (or phá) */
    assert_string_equal(readings("s6i"), "soi");   /* sôi */
    assert_string_equal(readings("tr0ng"), "trong");
    assert_string_equal(readings("rnot"), "mot");  /* một */
}

/* Valid syllables, numbers and codes no confusion turns into a syllable
 * are left alone. */
static void test_left_alone(void **state)
{
    (void)state;
    assert_string_equal(readings("so"), "");
    assert_string_equal(readings("thi"), "");
    assert_string_equal(readings("2024"), "");
    assert_string_equal(readings("ubnd"), "");
    assert_string_equal(readings("qd"), "");
    assert_string_equal(readings("x"), "");
    assert_string_equal(readings("iii"), "");      /* a numeral */
    assert_string_equal(readings("xiv"), "");
    assert_string_equal(readings("internationalisation"), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_damaged_words),
        cmocka_unit_test(test_left_alone),
    };
    return cmocka_run_group_tests_name("ocr", tests, NULL, NULL);
}
