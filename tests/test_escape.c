/* test_escape.c: escaping file names and text for a terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "escape.h"

static char *name(const char *s, size_t n)
{
    static tracuu_buf_t b;
    tracuu_buf_free(&b);
    tracuu_escape_name(&b, s, n);
    return b.s;
}

static char *text(const char *s, size_t n)
{
    static tracuu_buf_t b;
    tracuu_buf_free(&b);
    tracuu_escape_text(&b, s, n);
    return b.s;
}

#define NAME(lit) name(lit, sizeof lit - 1)
#define TEXT(lit) text(lit, sizeof lit - 1)

static void test_escape_keeps_vietnamese_unchanged(void **state)
{
    (void)state;
    const char *s = "/kho/Kế hoạch thi đua năm 2024 – ĐẢNG ỦY (bản 2).txt";
    assert_string_equal(name(s, strlen(s)), s);
    assert_string_equal(text(s, strlen(s)), s);
    assert_false(tracuu_escape_needed(s, strlen(s)));
    /* Four-byte characters and U+00A0 (first after the C1 block) too. */
    assert_string_equal(NAME("\xf0\x9f\x93\x84 \xc2\xa0x"), "\xf0\x9f\x93\x84 \xc2\xa0x");
    assert_string_equal(NAME(""), "");
}

static void test_escape_name_c0_controls_and_esc(void **state)
{
    (void)state;
    assert_string_equal(NAME("a\nb"), "a\\nb");
    assert_string_equal(NAME("a\tb\rc"), "a\\tb\\rc");
    assert_string_equal(NAME("\x1b]0;owned\x07.txt"), "\\e]0;owned\\a.txt");
    assert_string_equal(NAME("\x1b[2J"), "\\e[2J");
    assert_string_equal(NAME("x\x01y\x7fz"), "x\\x01y\\x7fz");
    assert_string_equal(NAME("back\\slash"), "back\\\\slash");
    assert_true(tracuu_escape_needed("a\nb", 3));
    assert_true(tracuu_escape_needed("a\\b", 3));
}

static void test_escape_name_nul_byte_inside(void **state)
{
    (void)state;
    assert_string_equal(name("a\0b", 3), "a\\x00b");
}

static void test_escape_c1_controls_both_bytes(void **state)
{
    (void)state;
    /* U+009B is CSI on terminals that honour 8-bit controls. */
    assert_string_equal(NAME("a\xc2\x9b" "31mb"), "a\\xc2\\x9b31mb");
    assert_string_equal(NAME("\xc2\x80\xc2\x9f"), "\\xc2\\x80\\xc2\\x9f");
    /* A lone 0x9B (Latin-1 CSI) is invalid UTF-8: escaped too. */
    assert_string_equal(NAME("\x9b" "2J"), "\\x9b2J");
}

static void test_escape_invalid_utf8_each_byte(void **state)
{
    (void)state;
    /* Latin-1 "café", a Windows-1258 name, overlong '/', a surrogate,
     * a truncated sequence at the end, a code point above U+10FFFF. */
    assert_string_equal(NAME("caf\xe9"), "caf\\xe9");
    assert_string_equal(NAME("\xc0\xaf"), "\\xc0\\xaf");
    assert_string_equal(NAME("\xed\xa0\x80"), "\\xed\\xa0\\x80");
    assert_string_equal(NAME("ok\xe1\xba"), "ok\\xe1\\xba");
    assert_string_equal(NAME("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");
    /* After a bad byte, valid text resumes unchanged. */
    assert_string_equal(NAME("\xff" "đua"), "\\xffđua");
    assert_true(tracuu_escape_needed("caf\xe9", 4));
}

static void test_escape_text_blanks_become_spaces(void **state)
{
    (void)state;
    assert_string_equal(TEXT("KẾ HOẠCH\nthi\tđua\r\n2024"),
                        "KẾ HOẠCH thi đua  2024");
    assert_string_equal(TEXT("a\\b"), "a\\b");
    assert_string_equal(TEXT("x\x1b[31my\x1b[0m"), "x\\e[31my\\e[0m");
    assert_string_equal(TEXT("\xc2\x85z\x7f"), "\\xc2\\x85z\\x7f");
}

static void test_escape_appends_to_what_buffer_holds(void **state)
{
    (void)state;
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, "1. ");
    tracuu_escape_name(&b, "a\nb", 3);
    tracuu_escape_text(&b, "", 0);
    assert_string_equal(b.s, "1. a\\nb");
    assert_int_equal(b.len, strlen("1. a\\nb"));
    tracuu_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_keeps_vietnamese_unchanged),
        cmocka_unit_test(test_escape_name_c0_controls_and_esc),
        cmocka_unit_test(test_escape_name_nul_byte_inside),
        cmocka_unit_test(test_escape_c1_controls_both_bytes),
        cmocka_unit_test(test_escape_invalid_utf8_each_byte),
        cmocka_unit_test(test_escape_text_blanks_become_spaces),
        cmocka_unit_test(test_escape_appends_to_what_buffer_holds),
    };
    return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
