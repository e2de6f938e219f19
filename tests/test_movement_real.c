/* test_movement_real.c: the movement recogniser on sentences of the
 * hand-read sample (tests/fixtures/movements-sample.tsv, ../shared/corpus):
 * unquoted names and where they end, lists, national names with no
 * introducer, provincial variants, OCR spellings and typos grouped under
 * the canonical name of data/movements.tsv, and what is no name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "movement.h"
#include "movtest.h"

/* 2957e4f4f0e41373: the plan's own emulation, unquoted, up to "(gọi tắt". */
static void test_unquoted_own_emulation(void **state)
{
    (void)state;
    tracuu_movements_t m = run(
        "h ban hành Kế hoạch\nphát động phong trào thi đua thực hiện thành công cuộc bầu cử "
        "đại biểu Quốc hội\nkhóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026 - "
        "2031 (gọi tắt là\nphong trào thi đua), cụ thể như sau:\n");
    assert_int_equal(m.n, 1);
    expect(&m, 0, "phong-trao",
           "thực hiện thành công cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng "
           "nhân dân các cấp nhiệm kỳ 2026 - 2031",
           "Thực hiện thành công cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng "
           "nhân dân các cấp nhiệm kỳ 2026 - 2031");
    assert_false(m.v[0].quoted);
    tracuu_movements_free(&m);
}

/* f069c23c942c1ec6: "các phong trào A, B gắn với cuộc vận động C và …":
 * the plural introduces national names, each found; "gắn với" and "và
 * các phong trào thi đua yêu nước" end them. */
static void test_plural_list_of_national_names(void **state)
{
    (void)state;
    tracuu_movements_t m = run(
        "trong phòng, chống và kiểm soát ma túy; tiếp tục triển khai hiệu quả các phong\n"
        "trào toàn dân bảo vệ an ninh Tổ quốc, toàn dân tham gia phòng, chống ma túy gắn\n"
        "với cuộc vận động toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh và\n"
        "các phong trào thi đua yêu nước khác để huy động tối đa sức mạnh");
    assert_int_equal(m.n, 3);
    expect(&m, 0, "phong-trao", "toàn dân bảo vệ an ninh Tổ quốc",
           "Toàn dân bảo vệ an ninh Tổ quốc");
    expect(&m, 1, "phong-trao", "toàn dân tham gia phòng, chống ma túy",
           "Toàn dân tham gia phòng, chống ma túy");
    expect(&m, 2, "cuoc-van-dong",
           "toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
           "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh");
    tracuu_movements_free(&m);
}

/* 99c7d8fff9e4572e: national movements listed with no introducer. */
static void test_names_without_introducer(void **state)
{
    (void)state;
    tracuu_movements_t m = run(
        "tâm do Thủ tướng Chính phủ phát động như Phong trào thi đua xây dựng Nông thôn\n"
        "mới; Chung tay vì người nghèo - không để ai bị bỏ lại phía sau; Đẩy mạnh phát\n"
        "triển kết cấu hạ tầng đồng bộ, hiện đại, thực hành tiết kiệm, chống lãng phí;\n"
        "Thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời; Chung tay xóa nhà tạm,\n"
        "nhà dột nát; Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở;");
    assert_int_equal(m.n, 6);
    expect(&m, 0, "phong-trao", "xây dựng Nông thôn mới",
           "Cả nước chung sức xây dựng nông thôn mới");
    expect(&m, 1, "phong-trao", "Chung tay vì người nghèo - không để ai bị bỏ lại phía sau",
           "Vì người nghèo – Không để ai bị bỏ lại phía sau");
    expect(&m, 3, "phong-trao", "Thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời",
           "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời");
    expect(&m, 4, "phong-trao", "Chung tay xóa nhà tạm, nhà dột nát",
           "Xóa nhà tạm, nhà dột nát");
    tracuu_movements_free(&m);
}

/* Seed 003 and 24c7124ec6b2bf61: a provincial variant linked to its
 * national movement; a typo ("xây dụng") grouped under the right name. */
static void test_provincial_variant_and_typo(void **state)
{
    (void)state;
    tracuu_movements_t m = run(
        "phong trào thi đua “Tây Ninh chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025; "
        "gắn với cuộc vận động “Toàn\ndân đoàn kết xây dụng nông thôn mới, đô thị văn minh” và "
        "các phong trào thi đua\ntại cơ sở.");
    assert_int_equal(m.n, 2);
    expect(&m, 0, "phong-trao", "Tây Ninh chung sức xây dựng nông thôn mới",
           "Cả nước chung sức xây dựng nông thôn mới");
    expect(&m, 1, "cuoc-van-dong", "Toàn dân đoàn kết xây dụng nông thôn mới, đô thị văn minh",
           "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh");
    tracuu_movements_free(&m);
}

/* examples/plans/…-ocr.txt: diacritics dropped or misread by OCR. */
static void test_ocr_spellings(void **state)
{
    (void)state;
    tracuu_movements_t m = run(
        "phong trao thi dua “Dan van khéo” nam 2025 va phong trao “Ca nuéc chung strc xay "
        "dung nong thon méi”.");
    assert_int_equal(m.n, 2);
    expect(&m, 0, "phong-trao", "Dan van khéo", "Dân vận khéo");
    expect(&m, 1, "phong-trao", "Ca nuéc chung strc xay dung nong thon méi",
           "Cả nước chung sức xây dựng nông thôn mới");
    tracuu_movements_free(&m);
}

/* Programmes and projects: the kind from the introducer, or the table's
 * ("chương trình “Bình dân học vụ số”" is the phong trào). */
static void test_programmes_and_projects(void **state)
{
    (void)state;
    tracuu_movements_t m = run(
        "ghiệp khoa học\nvà công nghệ thuộc Chương trình phát triển sản phẩm quốc gia đến năm "
        "2020.\n\nc) Triển khai chương trình Phát\ntriển công dân số\n\n- Bảo đảm; "
        "triển khai Đề án 06. Thực hiện chương trình “Bình dân học vụ số”.");
    assert_int_equal(m.n, 4);
    expect(&m, 0, "chuong-trinh", "phát triển sản phẩm quốc gia đến năm 2020",
           "Phát triển sản phẩm quốc gia đến năm 2020");
    expect(&m, 1, "chuong-trinh", "Phát triển công dân số", "Phát triển công dân số");
    assert_string_equal(m.v[2].name, "06");
    assert_string_equal(tracuu_movement_kind_key(m.v[2].kind), "de-an");
    assert_true(strncmp(m.v[2].canonical, "Phát triển ứng dụng dữ liệu về dân cư", 20) == 0);
    expect(&m, 3, "phong-trao", "Bình dân học vụ số", "Bình dân học vụ số");
    tracuu_movements_free(&m);
}

/* movements-negatives.tsv: documents, plurals, fields, the common noun. */
static void test_no_names(void **state)
{
    (void)state;
    tracuu_movements_t m = run(
        "Thực hiện Chương trình số 30-CTr/TU ngày 12/3/2021; các phong trào thi đua; "
        "phong trào thể dục, thể thao quần chúng; phong trào thanh niên tình nguyện; "
        "người lao động đơn phương chấm dứt hợp đồng lao động trái pháp luật; "
        "ngày Hội đồng nhân dân tỉnh họp; Chương trình xây dựng luật, pháp lệnh; "
        "KINH PHÍ THỰC HIỆN ĐỀ ÁN\n\n1. Nguồn; thi Đề án; là ngày hội của toàn dân.");
    assert_int_equal(m.n, 0);
    tracuu_movements_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unquoted_own_emulation),
        cmocka_unit_test(test_plural_list_of_national_names),
        cmocka_unit_test(test_names_without_introducer),
        cmocka_unit_test(test_provincial_variant_and_typo),
        cmocka_unit_test(test_ocr_spellings),
        cmocka_unit_test(test_programmes_and_projects),
        cmocka_unit_test(test_no_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
