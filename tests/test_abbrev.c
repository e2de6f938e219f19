/* test_abbrev.c: the abbreviation table (data/abbreviations.tsv) as the
 * query reads it: spellings, case, scopes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
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
        cmocka_unit_test(test_size),
    };
    return cmocka_run_group_tests_name("abbrev", tests, NULL, NULL);
}
