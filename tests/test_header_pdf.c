/* test_header_pdf.c: the header of a plan read from a PDF, whose text (pdftotext) moved the colon of "Số:" to the next line and lost the space of "KẾ HOẠCH" (issue 19: the PDF version of a seed plan was titled "Số"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "header.h"
#include "normalize.h"
#include "testutil.h"

static void extract(const char *s, tracuu_header_t *h)
{
    tracuu_norm_t n;
    assert_int_equal(tracuu_normalize(s, strlen(s), &n), 0);
    tracuu_header_extract(n.s, n.len, h);
    tracuu_norm_free(&n);
}

/* The first lines pdftotext gives for ../shared/seeds/003 printed to PDF
 * by LibreOffice (soffice --convert-to pdf). */
static void test_seed_003_as_pdf(void **state)
{
    (void)state;
    tracuu_header_t h;
    extract("Số\n: 01/KH-UBND-CD\nTrường Tây, ngày 07 tháng 01 năm 2025\n"
            "## KẾHOẠCH\n### Phát động phong trào thi đua thực hiện thắ\n"
            "ng lợi nhiệm vụ phát triể\nn Kinh tế\n"
            "- Văn hoá xã hội – Quố\nc phòng an ninh năm 2025\n"
            "Căn cứ Luật Thi đua, khen thưởng năm 2022;\n",
            &h);
    assert_non_null(h.number);
    assert_string_equal(h.number, "01/KH-UBND-CD");
    assert_non_null(h.doc_type);
    assert_string_equal(h.doc_type, "KẾ HOẠCH");
    assert_non_null(h.title);
    /* The words pdftotext broke after a stacked diacritic stay broken. */
    assert_string_equal(h.title, "KẾ HOẠCH Phát động phong trào thi đua thực "
                                 "hiện thắ ng lợi nhiệm vụ phát triể n Kinh tế "
                                 "- Văn hóa xã hội – Quố c phòng an ninh năm "
                                 "2025");
    assert_non_null(h.place);
    tracuu_header_free(&h);
}

/* Seed 004 the same way: the type glued, the title on the next lines. */
static void test_seed_004_as_pdf(void **state)
{
    (void)state;
    tracuu_header_t h;
    extract("KẾHOẠCH\nTriể\nn khai công tác thi đua, khen thưởng năm 2024\n"
            "Thực hiện Kế hoạch số 08/KH-SLĐTBXH ngày 12/01/2024 của Sở Lao\n",
            &h);
    assert_non_null(h.doc_type);
    assert_string_equal(h.doc_type, "KẾ HOẠCH");
    tracuu_header_free(&h);
}

/* Not every glued uppercase word is a type, nor every "Số" a number. */
static void test_no_false_type_or_number(void **state)
{
    (void)state;
    tracuu_header_t h;
    extract("KẾHOẠCHNĂM\n\nSố\nlượng đảng viên: 120\n\nNội dung.\n", &h);
    assert_null(h.doc_type);
    assert_null(h.number);
    tracuu_header_free(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_003_as_pdf),
        cmocka_unit_test(test_seed_004_as_pdf),
        cmocka_unit_test(test_no_false_type_or_number),
    };
    return cmocka_run_group_tests_name("header_pdf", tests, NULL, NULL);
}
