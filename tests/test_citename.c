/* test_citename.c: names of cited laws and codes, on sentences of
 * ../shared/corpus (tnt305 plans; the file is given): where a name ends
 * ("số", "năm 2025", "ngày", ";", a line opening "Căn cứ"), names holding
 * commas and "và", names across a PDF's line breaks, what is no name, the
 * name a symbol gets and the one it must not get (an amending law's). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "citename.h"
#include "symbol.h"

static tracuu_citenames_t names_of(const char *text)
{
    tracuu_citenames_t c;
    tracuu_citenames_extract(text, strlen(text), TRACUU_CITENAMES_MAX, &c);
    return c;
}

/* The names of text, in order, joined by " | ". */
static void expect_names(const char *text, const char *want)
{
    tracuu_citenames_t c = names_of(text);
    char got[1024] = "";
    for (size_t i = 0; i < c.n; i++) {
        if (i)
            strcat(got, " | ");
        strcat(got, c.items[i].name);
    }
    assert_string_equal(got, want);
    tracuu_citenames_free(&c);
}

/* The name given to the citation of symbol key in text. */
static void expect_symbol_name(const char *text, const char *key,
                               const char *want)
{
    tracuu_symbols_t s;
    tracuu_symbols_extract(text, strlen(text), &s);
    const char *got = NULL;
    for (size_t i = 0; i < s.n; i++)
        if (strcmp(s.items[i].key, key) == 0)
            got = s.items[i].name;
    assert_non_null(got);
    assert_string_equal(got, want);
    tracuu_symbols_free(&s);
}

/* seeds/004: the name holds a comma; "năm 2022" ends it. */
static void test_name_with_a_comma_ends_at_its_year(void **state)
{
    (void)state;
    expect_names("Căn cứ Luật Thi đua, khen thưởng năm 2022;\n",
                 "Luật Thi đua, khen thưởng");
    tracuu_citenames_t c = names_of("theo Luật Thi đua, khen thưởng năm 2022");
    assert_int_equal(c.n, 1);
    assert_string_equal(c.items[0].key, "luat thi dua khen thuong");
    tracuu_citenames_free(&c);
}

/* 1f9faa032326f975, ce4ad96dbd9a518d: a PDF's line breaks inside the name
 * and before "ngày". */
static void test_names_across_line_breaks(void **state)
{
    (void)state;
    expect_names("Căn cứ Luật Tổ chức chính\nquyền địa phương ngày 16 tháng 6 "
                 "năm 2025;\n\nCăn cứ Luật Ngân sách Nhà nước\nngày 25 tháng 6 "
                 "năm 2025;\n\nCăn cứ Luật Giao dịch điện\ntử ngày 22 tháng 6 "
                 "năm 2023;\n",
                 "Luật Tổ chức chính quyền địa phương | Luật Ngân sách Nhà nước"
                 " | Luật Giao dịch điện tử");
}

/* 8d9779edcdd6c422: a list of names apart by commas, one of them holding
 * a comma ("Thuế xuất khẩu, thuế nhập khẩu"). */
static void test_list_of_names(void **state)
{
    (void)state;
    expect_names("của Luật Đấu thầu,\nLuật Đầu tư theo phương thức đối tác công "
                 "tư, Luật Hải quan, Luật Thuế giá trị\ngia tăng, Luật Thuế xuất "
                 "khẩu, thuế nhập khẩu, Luật Đầu tư, Luật Đầu tư công, Luật\n"
                 "Quản lý, sử dụng tài sản công số 90/2025/QH15;\n",
                 "Luật Đấu thầu | Luật Hải quan | Luật Thuế giá trị gia tăng | "
                 "Luật Thuế xuất khẩu, thuế nhập khẩu | Luật Đầu tư | "
                 "Luật Đầu tư công | Luật Quản lý, sử dụng tài sản công");
}

/* e3cc96834c0a575f, 046d4a5b8d446144: capitals and "và" inside a name;
 * "và các văn bản" after it is another item. */
static void test_va_inside_and_after_a_name(void **state)
{
    (void)state;
    expect_names("Điều 71 Luật Khoa học, Công nghệ và Đổi mới sáng tạo số\n"
                 "93/2025/QH15 ngày 27/6/2025.",
                 "Luật Khoa học, Công nghệ và Đổi mới sáng tạo");
    expect_names("theo quy định của Luật Ngân\nsách nhà nước, Luật Đầu tư công và "
                 "các văn bản hướng dẫn thi hành.",
                 "Luật Ngân sách nhà nước | Luật Đầu tư công");
    expect_names("Căn cứ Luật Phí và\nlệ phí số 97/2025/QH13;", "Luật Phí và lệ phí");
}

/* 750314c2c5666d56, cfc85d8b3511af54: a name run on into its sentence
 * whose end nothing confirms is not taken; one the sentence's own words
 * close is. */
static void test_name_in_running_text(void **state)
{
    (void)state;
    expect_names("khoản 2 Điều 95 của Luật Đất đai thì căn cứ vào nguồn gốc sử "
                 "dụng đất của bên chuyển quyền để xem xét bồi thường", "");
    expect_names("quy định tại khoản 1 Điều 28 của Luật Bảo hiểm xã hội.\n",
                 "Luật Bảo hiểm xã hội");
    expect_names("trước ngày Luật Dữ liệu có hiệu lực thi hành", "Luật Dữ liệu");
    expect_names("theo quy định của Bộ luật Lao động; chi phí đóng bảo hiểm",
                 "Bộ luật Lao động");
}

/* What is no name: lowercase "luật", "Luật số", "Luật sư". */
static void test_no_names(void **state)
{
    (void)state;
    expect_names("các văn bản pháp luật có liên quan; Luật số 56/2024/QH15; "
                 "Luật sư Nguyễn Văn A; LUẬT\n", "");
}

/* 27e00d593ec30fac: a symbol gets the name written before its "số",
 * not the "luật" inside "quy phạm pháp luật". */
static void test_symbol_gets_its_name(void **state)
{
    (void)state;
    const char *t = "Căn cứ Luật Tổ chức\nchính quyền địa phương số 72/2025/QH15;\n\n"
                    "Căn cứ Luật Ban\nhành văn bản quy phạm pháp luật số "
                    "64/2025/QH15 được sửa đổi, bổ sung";
    expect_symbol_name(t, "72/2025/QH15", "Luật Tổ chức chính quyền địa phương");
    expect_symbol_name(t, "64/2025/QH15",
                       "Luật Ban hành văn bản quy phạm pháp luật");
}

/* 8d9779edcdd6c422 and c05552433ef48b49: the symbol after a list of
 * amended laws is the amending law's (no name); an amending law whose own
 * symbol comes first leaves each amended law its own. */
static void test_amending_law_gets_no_inner_name(void **state)
{
    (void)state;
    expect_symbol_name("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đấu "
                       "thầu, Luật Đầu tư công, Luật\nQuản lý, sử dụng tài sản "
                       "công số 90/2025/QH15;\n", "90/2025/QH15", "");
    expect_symbol_name("cứ Luật Nhà ở số 27/2023/QH15; Luật số 43/2024/QH15 sửa "
                       "đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, "
                       "Luật Nhà ở số 27/2023/QH15;", "31/2024/QH15", "Luật Đất đai");
}

/* The search key: folded, punctuation gone; a query's phrase gives the
 * same. */
static void test_key_of_a_typed_name(void **state)
{
    (void)state;
    tracuu_buf_t b = {0};
    tracuu_citename_key("luật thi đua khen thưởng", strlen("luật thi đua khen thưởng"), &b);
    tracuu_buf_puts(&b, "");
    assert_string_equal(b.s, "luat thi dua khen thuong");
    tracuu_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_with_a_comma_ends_at_its_year),
        cmocka_unit_test(test_names_across_line_breaks),
        cmocka_unit_test(test_list_of_names),
        cmocka_unit_test(test_va_inside_and_after_a_name),
        cmocka_unit_test(test_name_in_running_text),
        cmocka_unit_test(test_no_names),
        cmocka_unit_test(test_symbol_gets_its_name),
        cmocka_unit_test(test_amending_law_gets_no_inner_name),
        cmocka_unit_test(test_key_of_a_typed_name),
    };
    return cmocka_run_group_tests_name("citename", tests, NULL, NULL);
}
