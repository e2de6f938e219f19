/* test_abbrev.c: the abbreviation table (data/abbreviations.tsv) as the
 * query reads it: spellings, case, scopes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "abbrev.h"

static void expect(const char *abbr, unsigned scopes, const char *want)
{
    const char *got = tracuu_abbrev_long(abbr, strlen(abbr), scopes);
    if (!want && got)
        fail_msg("%s: want none, got \"%s\"", abbr, got);
    if (want && (!got || strcmp(got, want) != 0))
        fail_msg("%s: want \"%s\", got \"%s\"", abbr, want, got ? got : "(none)");
}

static void test_spellings(void **state)
{
    (void)state;
    expect("UBND", TRACUU_ABBREV_ANY, "Ủy ban nhân dân");
    expect("ubnd", TRACUU_ABBREV_ANY, "Ủy ban nhân dân");
    /* Each spelling of a row: Đ typed as D (OCR), & and - or nothing. */
    expect("HĐND", TRACUU_ABBREV_ANY, "Hội đồng nhân dân");
    expect("HDND", TRACUU_ABBREV_ANY, "Hội đồng nhân dân");
    expect("GD&ĐT", TRACUU_ABBREV_ANY, "Giáo dục và Đào tạo");
    expect("GD-ĐT", TRACUU_ABBREV_ANY, "Giáo dục và Đào tạo");
    expect("gdđt", TRACUU_ABBREV_ANY, "Giáo dục và Đào tạo");
    expect("Hội LHPN", TRACUU_ABBREV_ANY, "Hội Liên hiệp Phụ nữ");
    expect("KT-XH", TRACUU_ABBREV_ANY, "kinh tế - xã hội");
    /* Not an abbreviation, or only its letters. */
    expect("thi", TRACUU_ABBREV_ANY, NULL);
    expect("", TRACUU_ABBREV_ANY, NULL);
    expect("--", TRACUU_ABBREV_ANY, NULL);
}

/* TU is the syllable tu in free text ("TU BỔ"), Tỉnh ủy as an issuer. */
static void test_scopes(void **state)
{
    (void)state;
    expect("TU", TRACUU_ABBREV_ANY, NULL);
    expect("TU", TRACUU_ABBREV_ANY | TRACUU_ABBREV_ISSUER, "Tỉnh ủy");
    expect("TTg", TRACUU_ABBREV_ISSUER, "Thủ tướng Chính phủ");
    expect("TTg", TRACUU_ABBREV_ANY, NULL);
}

/* Both ways: an abbreviation written out, a long form abbreviated (the
 * longest one, the rest kept as written). */
static void test_expand_and_contract(void **state)
{
    (void)state;
    char *s = tracuu_abbrev_expand("UBND tỉnh Nghệ An", TRACUU_ABBREV_ANY);
    assert_string_equal(s, "Ủy ban nhân dân tỉnh Nghệ An");
    free(s);
    assert_null(tracuu_abbrev_expand("thi đua khen thưởng", TRACUU_ABBREV_ANY));
    s = tracuu_abbrev_contract("Ủy ban nhân dân thành phố", TRACUU_ABBREV_ANY);
    assert_string_equal(s, "ubnd thanh pho");
    free(s);
    s = tracuu_abbrev_contract("HỘI ĐỒNG NHÂN DÂN", TRACUU_ABBREV_ANY);
    assert_string_equal(s, "hdnd");
    free(s);
    /* Whole words only: "nhân dân" alone is no long form here. */
    assert_null(tracuu_abbrev_contract("nhân dân", TRACUU_ABBREV_ANY));
}

/* The table holds at least the 60 abbreviations the issue asks for. */
static void test_size(void **state)
{
    (void)state;
    assert_true(tracuu_abbrev_count() >= 60);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spellings),
        cmocka_unit_test(test_scopes),
        cmocka_unit_test(test_expand_and_contract),
        cmocka_unit_test(test_size),
    };
    return cmocka_run_group_tests_name("abbrev", tests, NULL, NULL);
}
