/* test_scan.c: the shared text-scanning helpers (lib/scan.h) and the choices made where the extractors' copies disagreed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"
#include "scan.h"
#include "symbol.h"

static void test_scan_space_set_is_the_wider_one(void **state)
{
    (void)state;
    const char *yes = " \t\n\r\f\v";
    for (const char *p = yes; *p; p++)
        assert_true(tracuu_scan_is_space((unsigned char)*p));
    assert_false(tracuu_scan_is_space('*'));
    assert_true(tracuu_scan_is_gap('*'));
    assert_false(tracuu_scan_is_space(0xA0));
    assert_false(tracuu_scan_is_space(-62)); /* a UTF-8 lead byte as char */
}

static void test_scan_dashes_include_the_horizontal_bar(void **state)
{
    (void)state;
    const char *t = "-\xE2\x80\x90\xE2\x80\x93\xE2\x80\x94\xE2\x80\x95"
                    "\xE2\x88\x92\xE2\x80\x96";
    size_t len = strlen(t), i = 0;
    size_t want[] = {1, 3, 3, 3, 3, 3};
    for (size_t k = 0; k < 6; k++) {
        assert_int_equal(tracuu_scan_dash_len(t, len, i), want[k]);
        i += want[k];
    }
    assert_int_equal(tracuu_scan_dash_len(t, len, i), 0); /* U+2016 ‖ */
    assert_int_equal(tracuu_scan_dash_len(t, len, len), 0);
    assert_true(tracuu_scan_is_dash_cp(0x2015));
    assert_false(tracuu_scan_is_dash_cp(0x2016));
    /* A dash cut by the end of the text is none. */
    assert_int_equal(tracuu_scan_dash_len("\xE2\x80", 2, 0), 0);
}

/* symbol.c stopped at U+2014: "34―CT/TW" with a horizontal bar was no
 * symbol; date.c already took it as a dash. */
static void test_scan_symbol_and_date_read_the_horizontal_bar(void **state)
{
    (void)state;
    const char *t = "Chỉ thị số 34\xE2\x80\x95" "CT/TW của Bộ Chính trị";
    tracuu_symbols_t s;
    assert_int_equal(tracuu_symbols_extract(t, strlen(t), &s), 0);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.items[0].key, "34/CT-TW");
    tracuu_symbols_free(&s);

    const char *p = "giai đoạn 2021\xE2\x80\x95" "2025";
    tracuu_dates_t d;
    tracuu_dates_extract(p, strlen(p), NULL, 0, &d);
    assert_int_equal(d.n_periods, 1);
    assert_int_equal(d.periods[0].from_year, 2021);
    assert_int_equal(d.periods[0].to_year, 2025);
    tracuu_dates_free(&d);
}

static void test_scan_code_points_forward_and_back(void **state)
{
    (void)state;
    const char *t = "aĐ\xE2\x80\x95";
    size_t len = strlen(t), next;
    assert_int_equal(tracuu_scan_cp_at(t, len, 1, &next), 0x110);
    assert_int_equal(next, 3);
    assert_int_equal(tracuu_scan_cp_at(t, len, len, &next), 0);
    assert_int_equal(next, len);
    size_t start;
    assert_int_equal(tracuu_scan_cp_before(t, len, &start), 0x2015);
    assert_int_equal(start, 3);
    assert_int_equal(tracuu_scan_cp_before(t, 1, &start), 'a');
    assert_int_equal(tracuu_scan_cp_before(t, 0, &start), 0);
    assert_int_equal(start, 0);
    /* A malformed ending is its last byte alone. */
    const char *bad = "a\xC4";
    assert_int_equal(tracuu_scan_cp_before(bad, 2, &start), 0xFFFD);
    assert_int_equal(start, 1);
}

static void test_scan_case_of_the_first_letter(void **state)
{
    (void)state;
    const char *t = "Đà nẵng 7 \xE2\x85\xA0"; /* Ⅰ, a Roman numeral */
    size_t len = strlen(t);
    assert_true(tracuu_scan_upper_at(t, len, 0));
    assert_false(tracuu_scan_lower_at(t, len, 0));
    assert_true(tracuu_scan_lower_at(t, len, 5));
    assert_false(tracuu_scan_upper_at(t, len, 12)); /* '7' */
    assert_false(tracuu_scan_lower_at(t, len, 12));
    assert_true(tracuu_scan_upper_at(t, len, 14)); /* the case mapping */
    assert_false(tracuu_scan_upper_at(t, len, len));
}

static void test_scan_word_lists(void **state)
{
    (void)state;
    static const char *const list[] = {"ve", "ban hanh", NULL};
    assert_true(tracuu_scan_in_list(list, "ban hanh", 8));
    assert_false(tracuu_scan_in_list(list, "ban", 3));
    assert_false(tracuu_scan_in_list(list, "vee", 3));
    assert_true(tracuu_scan_in_alts("nam|nim|nidm", "nidm", 4));
    assert_true(tracuu_scan_in_alts("nam|nim|nidm", "nam", 3));
    assert_false(tracuu_scan_in_alts("nam|nim|nidm", "ni", 2));
    assert_false(tracuu_scan_in_alts("", "", 0));
    assert_true(tracuu_scan_starts_word("bo truong bo", "bo truong"));
    assert_true(tracuu_scan_starts_word("so", "so"));
    assert_false(tracuu_scan_starts_word("son la", "so"));
    assert_true(tracuu_scan_starts_word("so: 12", "so"));
    assert_int_equal(tracuu_scan_word_end("phong trao", 10, 0), 5);
    assert_int_equal(tracuu_scan_word_end("phong trao", 10, 5), 5);
}

static void test_scan_skips_are_bounded(void **state)
{
    (void)state;
    const char *t = "a   \n\t b";
    size_t len = strlen(t);
    assert_int_equal(tracuu_scan_skip_space(t, len, 1, SIZE_MAX), 7);
    assert_int_equal(tracuu_scan_skip_space(t, len, 1, 2), 3);
    assert_int_equal(tracuu_scan_skip_space(t, len, len, 5), len);
    assert_int_equal(tracuu_scan_skip_space_back(t, 7, SIZE_MAX), 1);
    assert_int_equal(tracuu_scan_skip_space_back(t, 7, 3), 4);
    size_t nl = 0;
    assert_int_equal(tracuu_scan_skip_gap("**a\n *\nb", 8, 3, &nl), 7);
    assert_int_equal(nl, 2);
    assert_int_equal(tracuu_scan_skip_gap("**a", 3, 0, NULL), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scan_space_set_is_the_wider_one),
        cmocka_unit_test(test_scan_dashes_include_the_horizontal_bar),
        cmocka_unit_test(test_scan_symbol_and_date_read_the_horizontal_bar),
        cmocka_unit_test(test_scan_code_points_forward_and_back),
        cmocka_unit_test(test_scan_case_of_the_first_letter),
        cmocka_unit_test(test_scan_word_lists),
        cmocka_unit_test(test_scan_skips_are_bounded),
    };
    return cmocka_run_group_tests_name("scan", tests, NULL, NULL);
}
