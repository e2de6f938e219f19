/* test_header_sign.c: signature blocks of laws, decrees and resolutions (issue 19 point 6), on text taken from ../shared/corpus. */
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

/* The heading of Luat-Bao-chi-2016-280645, before any body. */
#define LAW_HEAD                                                              \
    "QUỐC HỘI --------\n"                                                   \
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "       \
    "---------------\n"                                                       \
    "Luật số: 103/2016/QH13\nHà Nội, ngày 05 tháng 4 năm 2016\nLUẬT\n"       \
    "BÁO CHÍ\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"   \
    "Quốc hội ban hành Luật báo chí.\nChương I\nNHỮNG QUY ĐỊNH CHUNG\n"     \
    "Điều 1. Phạm vi Điều chỉnh\n"

/* A resolution of the Standing Committee (a032a58e6ab2f19d). */
#define NQ_HEAD                                                               \
    "ỦY BAN THƯỜNG VỤ QUỐC HỘI\n\nSố: 1661/NQ-UBTVQH15\n\nNGHỊ QUYẾT\n\n"  \
    "VỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ CỦA TỈNH ĐIỆN BIÊN NĂM "  \
    "2025\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n\n" \
    "Điều 1. Sắp xếp các đơn vị hành chính cấp xã\n\n"

/* The one-line recipients of those web copies, before " | ". */
#define NQ_RECIPIENTS                                                         \
    "- Chính phủ; - Ban Tổ chức Trung ương; - Ủy ban TW Mặt trận Tổ quốc "  \
    "Việt Nam; - Kiểm toán nhà nước; - Các Bộ, cơ quan ngang Bộ, cơ quan "   \
    "thuộc CP; - Cục Thống kê, Bộ Tài chính; - Tỉnh ủy, HĐND, UBND, Đoàn "  \
    "ĐBQH, Ủy ban MTTQVN tỉnh Điện Biên; - Lưu: HC, PLTP."

/* Normalise s and extract its header into h. */
static void extract(const char *s, tracuu_header_t *h)
{
    tracuu_norm_t n;
    assert_int_equal(tracuu_normalize(s, strlen(s), &n), 0);
    tracuu_header_extract(n.s, n.len, h);
    tracuu_norm_free(&n);
}

/* The extracted signer is role (NULL: none) and name (NULL: none). */
static void expect_signer(const char *text, const char *role, const char *name)
{
    tracuu_header_t h;
    extract(text, &h);
    if (role) {
        assert_non_null(h.signer_role);
        assert_string_equal(h.signer_role, role);
    } else {
        assert_null(h.signer_role);
    }
    if (name) {
        assert_non_null(h.signer);
        assert_string_equal(h.signer, name);
    } else {
        assert_null(h.signer);
    }
    tracuu_header_free(&h);
}

/* Luat-Bao-chi-2016-280645: no "Nơi nhận:", no "./."; the block follows
 * the sentence adopting the law and ends the text. */
static void test_law_after_adoption_sentence(void **state)
{
    (void)state;
    expect_signer(LAW_HEAD
                  "Điều 61. Quy định chi Tiết\n"
                  "Chính phủ, cơ quan có thẩm quyền quy định chi Tiết các "
                  "Điều, Khoản được giao trong Luật.\n"
                  "Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa "
                  "Việt Nam khóa XIII, kỳ họp thứ 11 thông qua ngày 05 tháng "
                  "4 năm 2016.\nCHỦ TỊCH QUỐC HỘI\nNguyễn Thị Kim Ngân",
                  "CHỦ TỊCH QUỐC HỘI", "Nguyễn Thị Kim Ngân");
}

/* Luat-khoang-san-2010-115263: the sentence wrapped over three lines,
 * "thông qua" on the second. */
static void test_law_adoption_sentence_wrapped(void **state)
{
    (void)state;
    expect_signer(LAW_HEAD
                  "Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa "
                  "Việt Nam khóa\nXII, kỳ họp thứ 8 thông qua ngày 17 tháng "
                  "11 năm\n2010.\nCHỦ TỊCH QUỐC HỘI\nNguyễn Phú Trọng\n",
                  "CHỦ TỊCH QUỐC HỘI", "Nguyễn Phú Trọng");
}

/* Luat-quy-hoach-322935: the signature, then a long appendix whose table
 * rows would end the search if it began there. */
static void test_law_signature_before_appendix(void **state)
{
    (void)state;
    expect_signer(LAW_HEAD
                  "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt "
                  "Nam khóa XIV, kỳ họp thứ 4 thông qua ngày 24 tháng 11 năm "
                  "2017.\nCHỦ TỊCH QUỐC HỘI\nNguyễn Thị Kim Ngân\nPHỤ LỤC\n"
                  "(Ban hành kèm theo Luật Quy hoạch số 21/2017/QH14)\n"
                  "PHỤ LỤC I\n21.\nLuật Đầu tư số 67/2014/QH13\n"
                  "Khoản 1 Điều 20, Điều 21\n22.\n"
                  "Luật Đầu tư công số 49/2014/QH13\n",
                  "CHỦ TỊCH QUỐC HỘI", "Nguyễn Thị Kim Ngân");
}

/* Luat-Thi-hanh-an-hinh-su-2019-387991 writes the name with a combining
 * tilde ("Nguyê" U+0303 "n"); the record holds it composed. */
static void test_law_block_with_combining_marks(void **state)
{
    (void)state;
    expect_signer(LAW_HEAD
                  "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt "
                  "Nam khóa XIV, kỳ họp thứ 7 thông qua ngày 14 tháng 6 năm "
                  "2019.\nCHỦ TỊCH QUỐC HỘI\nNguy\xC3\xAA\xCC\x83n Thị Kim Ngân",
                  "CHỦ TỊCH QUỐC HỘI", "Nguyễn Thị Kim Ngân");
}

/* Luat-Dau-khi-1993-18-L-CTN-38474: the name then "(Đã ký)", no role. */
static void test_old_law_name_signed_without_role(void **state)
{
    (void)state;
    expect_signer(LAW_HEAD
                  "Điều 51\nLuật này có hiệu lực từ ngày 01 tháng 9 năm 1993.\n"
                  "Luật này đã được Quốc hội nước Cộng hoà xã hội chủ nghĩa "
                  "Việt Nam khoá IX, kỳ họp thứ ba thông qua ngày 06 tháng 7 "
                  "năm 1993.\nLê Đức Anh\n(Đã ký)",
                  NULL, "Lê Đức Anh");
}

/* Luat-quyen-lap-hoi-1957-102-SL-L-004-36792: no adoption sentence at
 * all; the last lines are read. */
static void test_1957_law_signed_at_the_end(void **state)
{
    (void)state;
    expect_signer("SẮC LỆNH\nLUẬT SỐ 102-SL/L-004 NGÀY 20-5-1957 QUY ĐỊNH "
                  "QUYỀN LẬP HỘI\nCHỦ TỊCH NƯỚC VIỆT NAM DÂN CHỦ CỘNG HOÀ\n"
                  "RA SẮC LỆNH :\nLUẬT\nQUY ĐỊNH QUYỀN LẬP HỘI\nĐiều 1.\n"
                  "Quyền lập hội của nhân dân được tôn trọng.\nĐiều 12.\n"
                  "Chính phủ quy định những chi tiết thi hành luật này.\n"
                  "Hồ Chí Minh\n(Đã ký)",
                  NULL, "Hồ Chí Minh");
}

/* 4ea650b6faa46d71: "( Đã ký) Lê Thành Long" on one line after the
 * one-line recipients. */
static void test_name_glued_after_signed_filler(void **state)
{
    (void)state;
    expect_signer("CHÍNH PHỦ\n\nSố: 175/2025/NĐ-CP\n\nNGHỊ ĐỊNH\n\nQuy định chi "
                  "tiết\n\nCăn cứ Luật Tổ chức Chính phủ;\n\n"
                  "2. Các Bộ trưởng chịu trách nhiệm thi hành Nghị định "
                  "này./.\n\n- Thủ tướng, các Phó Thủ tướng Chính phủ; - Các "
                  "bộ, cơ quan ngang bộ; - Lưu: VT, NC (02). MC\n"
                  "( Đã ký) Lê Thành Long",
                  NULL, "Lê Thành Long");
}

/* e4ddc120fc14463c: a decree's block glued after its one-line recipients,
 * its line breaks lost, the name after "(Đã ký)". */
static void test_decree_block_glued_after_recipients(void **state)
{
    (void)state;
    expect_signer("CHÍNH PHỦ\n\nSố: 171/2025/NĐ-CP\n\nNGHỊ ĐỊNH\n\nQuy định "
                  "về đào tạo, bồi dưỡng công chức\n\nCăn cứ Luật Tổ chức "
                  "Chính phủ;\n\nCác Bộ trưởng, Thủ trưởng cơ quan Nhà nước "
                  "chịu trách nhiệm thi hành Nghị định này.\n\n"
                  "- Thủ tướng, các Phó Thủ tướng Chính phủ; - VPCP: BTCN, các "
                  "PCN, Công báo; - Lưu: VT, TCCV (2) | TM. CHÍNH PHỦKT. THỦ "
                  "TƯỚNGPHÓ THỦ TƯỚNG(Đã ký)Nguyễn Hòa Bình",
                  "TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG",
                  "Nguyễn Hòa Bình");
}

/* a032a58e6ab2f19d: the same glue in a Standing Committee resolution, the
 * name on the next line; 284dd97bc14e3aeb: no name in the text. */
static void test_resolution_block_glued_after_recipients(void **state)
{
    (void)state;
    const char *closing =
        "Nghị quyết này được Ủy ban Thường vụ Quốc hội nước Cộng hòa xã hội "
        "chủ nghĩa Việt Nam khóa XVthông qua ngày 16 tháng 6 năm 2025.\n\n";
    char text[4096];
    snprintf(text, sizeof text, "%s%s%s | TM. ỦY BAN THƯỜNG VỤ QUỐC "
             "HỘICHỦ TỊCH\nTrần Thanh Mẫn", NQ_HEAD, closing, NQ_RECIPIENTS);
    expect_signer(text, "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI / CHỦ TỊCH",
                  "Trần Thanh Mẫn");
    snprintf(text, sizeof text, "%s%s%s | TM. ỦY BAN THƯỜNG VỤ QUỐC "
             "HỘICHỦ TỊCH", NQ_HEAD, closing, NQ_RECIPIENTS);
    expect_signer(text, "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI / CHỦ TỊCH", NULL);
    /* ff9aace5b310314d: the glued role on a line of its own. */
    snprintf(text, sizeof text, "%s%s%s\nTM. ỦY BAN THƯỜNG VỤ QUỐC "
             "HỘICHỦ TỊCH\n", NQ_HEAD, closing, NQ_RECIPIENTS);
    expect_signer(text, "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI / CHỦ TỊCH", NULL);
    /* 9e001697662f9728: the role alone after the recipients. */
    snprintf(text, sizeof text, "%s%s%s\nCHỦ TỊCH\nTrần Thanh Mẫn",
             NQ_HEAD, closing, NQ_RECIPIENTS);
    expect_signer(text, "CHỦ TỊCH", "Trần Thanh Mẫn");
}

/* c05552433ef48b49: a decree signed by a deputy prime minister. */
static void test_decree_signed_for_the_prime_minister(void **state)
{
    (void)state;
    expect_signer("CHÍNH PHỦ\n\nSố: 150/2025/NĐ-CP\n\nNGHỊ ĐỊNH\n\nQuy định "
                  "tổ chức các cơ quan chuyên môn\n\nCăn cứ Luật Tổ chức "
                  "Chính phủ;\n\nCác Bộ trưởng chịu trách nhiệm thi hành Nghị "
                  "định này./.\n\nNơi nhận:\n- Ban Bí thư Trung ương Đảng;\n"
                  "- VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ Cổng TTĐT, các Vụ, "
                  "Cục, đơn vị trực\nthuộc, Công báo;\n- Lưu: VT, CN (2).\n\n"
                  "TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nTrần Hồng Hà\n",
                  "TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG",
                  "Trần Hồng Hà");
}

/* e3cc96834c0a575f: "TL." and "KT." in one block. */
static void test_tl_and_kt_in_one_block(void **state)
{
    (void)state;
    expect_signer("BỘ TÀI CHÍNH\nCỤC THUẾ\n\nSố: 1234/CT-CS\n\nV/v chính sách "
                  "thuế\n\nCục Thuế trả lời để biết./.\n\nNơi nhận:\n"
                  "- Ban Pháp chế (CT);\n- Website CT;\n- Lưu VT, CS\n\n"
                  "TL. CỤC TRƯỞNG\nKT. TRƯỞNG BAN BAN CHÍNH SÁCH,\n"
                  "THUẾ QUỐC TẾ\nNguyễn Thị Thanh Hằng\n",
                  "TL. CỤC TRƯỞNG / KT. TRƯỞNG BAN BAN CHÍNH SÁCH, THUẾ QUỐC TẾ",
                  "Nguyễn Thị Thanh Hằng");
}

/* 1e6fb98e16a75e3d, 6d0e277c7b88a914: a rank before the name, once
 * wrapped after its first word. */
static void test_rank_before_name(void **state)
{
    (void)state;
    const char *head = "BỘ QUỐC PHÒNG\n\nSố: 05/VBHN-BQP\n\nTHÔNG TƯ\n\nQuy "
                       "định về rà phá bom mìn\n\nCăn cứ Luật Quốc phòng;\n\n"
                       "Điều 1. Phạm vi điều chỉnh\n\n";
    char text[2048];
    snprintf(text, sizeof text, "%sNơi nhận:\n- Lưu: VT, NCTH, Dien88.\n\n"
             "XÁC THỰC VĂN\nBẢN HỢP NHẤT\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nĐại\n"
             "tướng Nguyễn Tân Cương\n\nQUY CHẾ\n", head);
    expect_signer(text, "KT. BỘ TRƯỞNG / THỨ TRƯỞNG", "Nguyễn Tân Cương");
    snprintf(text, sizeof text, "%sNơi nhận:\n- Lưu: VT, NCTH. D76.\n\n"
             "XÁC THỰC VĂN BẢN\nHỢP NHẤT\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n"
             "Thượng tướng Võ Minh Lương\n\n[1] Thông tư số 101/2025/TT-BQP\n",
             head);
    expect_signer(text, "KT. BỘ TRƯỞNG / THỨ TRƯỞNG", "Võ Minh Lương");
}

/* What is no signature: a law cut after its adoption sentence
 * (012b8a728c178e7a), a heading in the tail of a text with no anchor, a
 * name with no "(Đã ký)" under it. */
static void test_no_signature(void **state)
{
    (void)state;
    expect_signer(LAW_HEAD
                  "Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa "
                  "Việt Nam khóa XV, kỳ họp thứ 8 thông qua ngày 30 tháng 11 "
                  "năm 2024.\n",
                  NULL, NULL);
    expect_signer("KẾ HOẠCH\n\nX\n\nNội dung.\nCHỦ TỊCH\nNguyễn Văn A\n",
                  NULL, NULL);
    expect_signer("KẾ HOẠCH\n\nX\n\nGiao cho đồng chí\nNguyễn Văn A\n"
                  "theo dõi.\n",
                  NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_law_after_adoption_sentence),
        cmocka_unit_test(test_law_adoption_sentence_wrapped),
        cmocka_unit_test(test_law_signature_before_appendix),
        cmocka_unit_test(test_law_block_with_combining_marks),
        cmocka_unit_test(test_old_law_name_signed_without_role),
        cmocka_unit_test(test_1957_law_signed_at_the_end),
        cmocka_unit_test(test_name_glued_after_signed_filler),
        cmocka_unit_test(test_decree_block_glued_after_recipients),
        cmocka_unit_test(test_resolution_block_glued_after_recipients),
        cmocka_unit_test(test_decree_signed_for_the_prime_minister),
        cmocka_unit_test(test_tl_and_kt_in_one_block),
        cmocka_unit_test(test_rank_before_name),
        cmocka_unit_test(test_no_signature),
    };
    return cmocka_run_group_tests_name("header_sign", tests, NULL, NULL);
}
