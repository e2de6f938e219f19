/* test_header.c: type, title, number, issuer, date line, signer and recipients of plans. */
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

/* Normalise s and extract its header into h; returns the normalised text
 * (free with free()). */
static char *extract(const char *s, tracuu_header_t *h)
{
    tracuu_norm_t n;
    assert_int_equal(tracuu_normalize(s, strlen(s), &n), 0);
    tracuu_header_extract(n.s, n.len, h);
    char *text = n.s;
    n.s = NULL;
    tracuu_norm_free(&n);
    return text;
}

static void assert_span_text(const char *text, tracuu_span_t sp,
                             const char *want)
{
    assert_true(sp.end > sp.start);
    char *got = strndup(text + sp.start, sp.end - sp.start);
    assert_string_equal(got, want);
    free(got);
}

/* ---- Type and title ------------------------------------------------------ */

static void test_title_spans_lines_separated_by_one_blank_line(void **state)
{
    (void)state;
    /* Seed 000: each line of the PDF is followed by a blank line. */
    tracuu_header_t h;
    char *t = extract(" KẾ HOẠCH \nThực hiện phong trào thi đua \n\n"
                      "triển khai công tác thi đua, khen thưởng năm 2024 \n\n \n\n \n\n"
                      "Thực hiện Kế hoạch số 47/KH-LĐLĐ, ngày 28/02/2024 của Ban Thường vụ \n\n"
                      "Liên đoàn Lao động tỉnh về việc phát động phong trào thi đua;\n",
                      &h);
    assert_string_equal(h.doc_type, "KẾ HOẠCH");
    assert_string_equal(h.title, "KẾ HOẠCH Thực hiện phong trào thi đua triển "
                                 "khai công tác thi đua, khen thưởng năm 2024");
    tracuu_header_free(&h);
    free(t);
}

static void test_title_markdown_marks_stripped(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("\n\nSố: 01/KH-UBND-CD\n\nTrường Tây, ngày 07 tháng 01 năm 2025\n\n"
                      "## KẾ HOẠCH\n\n### Phát động phong trào thi đua thực hiện "
                      "thắng lợi nhiệm vụ năm 2025\n\nCăn cứ Luật Thi đua, khen thưởng năm 2022;\n",
                      &h);
    assert_string_equal(h.doc_type, "KẾ HOẠCH");
    assert_string_equal(h.title, "KẾ HOẠCH Phát động phong trào thi đua thực "
                                 "hiện thắng lợi nhiệm vụ năm 2025");
    assert_string_equal(h.number, "01/KH-UBND-CD");
    assert_string_equal(h.place, "Trường Tây");
    assert_span_text(t, h.date_line, "Trường Tây, ngày 07 tháng 01 năm 2025");
    assert_span_text(t, h.number_span, "01/KH-UBND-CD");
    tracuu_header_free(&h);
    free(t);
}

static void test_title_null_without_type_line(void **state)
{
    (void)state;
    /* Seed 002 (OCR) starts with the title and has no type line. */
    tracuu_header_t h;
    char *t = extract(" Phat dong phong trao thi dua thue hién thang loi\n"
                      "nhiém vu phat trién kinh té - xa hoi, dim bao\n"
                      "quoc phong - an ninh nam 2024\n\n"
                      "Thyc hi¢nK¢é hoach 53/KH-UBND ngay 14 thang 3 nidm 2024 ciia Uy ban\n"
                      "nhan dan thanh phd Tay Ninh vé phat dong phong trao thi dua thyc hién thing\n",
                      &h);
    assert_null(h.doc_type);
    assert_null(h.title);
    assert_null(h.number);
    /* "… 53/KH-UBND ngay 14 thang 3 …" is a cited date, not the header's. */
    assert_null(h.place);
    assert_int_equal(h.date_line.end, 0);
    tracuu_header_free(&h);
    free(t);
}

static void test_type_line_broken_in_two(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("BỘ CÔNG\nTHƯƠNG\n-------\n\nCỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM\n"
                      "Độc lập - Tự do - Hạnh phúc\n---------------\n\nSố: 3361/QĐ-BCT\n\n"
                      "Hà Nội, ngày\n18 tháng 11 năm 2025\n\nQUYẾT\nĐỊNH\n\n"
                      "VỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH SỬA ĐỔI, BỔ\nSUNG BAN HÀNH\n\n"
                      "BỘ\nTRƯỞNG BỘ CÔNG THƯƠNG\n\nCăn cứ Nghị định số 40/2025/NĐ-CP;\n",
                      &h);
    assert_string_equal(h.doc_type, "QUYẾT ĐỊNH");
    assert_string_equal(h.title, "QUYẾT ĐỊNH VỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH "
                                 "SỬA ĐỔI, BỔ SUNG BAN HÀNH");
    assert_string_equal(h.issuer, "BỘ CÔNG THƯƠNG");
    assert_string_equal(h.number, "3361/QĐ-BCT");
    assert_string_equal(h.place, "Hà Nội");
    assert_span_text(t, h.date_line, "Hà Nội, ngày\n18 tháng 11 năm 2025");
    tracuu_header_free(&h);
    free(t);
}

static void test_uppercase_title_goes_on_over_a_line_of_years(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("Số: 144/KH-UBND\n\nBắc Ninh, ngày 24\ntháng 11 năm 2025\n\nKẾ HOẠCH\n\n"
                      "PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TỈNH BẮC NINH GIAI ĐOẠN\n2026 - 2030\n\n"
                      "Căn cứ Nghị quyết số\n57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n",
                      &h);
    assert_string_equal(h.title, "KẾ HOẠCH PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ "
                                 "TỈNH BẮC NINH GIAI ĐOẠN 2026 - 2030");
    assert_span_text(t, h.date_line, "Bắc Ninh, ngày 24\ntháng 11 năm 2025");
    tracuu_header_free(&h);
    free(t);
}

static void test_uppercase_title_may_open_with_thuc_hien(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("KẾ HOẠCH\n\nTHỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024 CỦA\n"
                      "THỦ TƯỚNG CHÍNH PHỦ VỀ VIỆC TĂNG CƯỜNG THỰC HIỆN CÔNG TÁC DÂN SỐ\n\n"
                      "Thực hiện Chỉ thị số 27/CT-TTg\nngày 15 tháng 8 năm 2024 của Thủ tướng;\n",
                      &h);
    assert_string_equal(h.title, "KẾ HOẠCH THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 "
                                 "THÁNG 8 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ VIỆC "
                                 "TĂNG CƯỜNG THỰC HIỆN CÔNG TÁC DÂN SỐ");
    tracuu_header_free(&h);
    free(t);
}

static void test_type_followed_by_body_has_type_alone(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("KẾ HOẠCH\n\nThực hiện Kế hoạch số 08/KH-SLĐTBXH ngày 12/01/2024 "
                      "của Sở Lao động.\n",
                      &h);
    assert_string_equal(h.title, "KẾ HOẠCH");
    tracuu_header_free(&h);
    free(t);
}

static void test_letter_with_vv_line_is_cong_van(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("BỘ TÀI CHÍNH\nCỤC THUẾ\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                      "Độc lập - Tự do - Hạnh phúc\n---------------\n\nSố:\n5680/CT-CS\n"
                      "V/v thuế TNCN từ tiền lương, tiền công.\n\nHà Nội, ngày 01 tháng 12 năm 2025\n\n"
                      "Kính gửi: Ban Tuyên giáo và Dân vận Trung ương\n",
                      &h);
    assert_string_equal(h.doc_type, "CÔNG VĂN");
    assert_string_equal(h.title, "V/v thuế TNCN từ tiền lương, tiền công.");
    assert_string_equal(h.number, "5680/CT-CS");
    assert_string_equal(h.issuer, "BỘ TÀI CHÍNH CỤC THUẾ");
    assert_string_equal(h.place, "Hà Nội");
    tracuu_header_free(&h);
    free(t);
}

/* ---- Number ---------------------------------------------------------- */

static void test_number_on_the_line_after_so(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("ỦY BAN NHÂN\nDÂN\nTHÀNH PHỐ HỒ CHÍ MINH\n--------\n\nCỘNG HÒA XÃ\n"
                      "HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n\n"
                      "Số:\n2820/QĐ-UBND\n\nThành phố Hồ\nChí Minh, ngày 19 tháng 11 năm 2025\n\n"
                      "QUYẾT ĐỊNH\n\nBAN HÀNH KẾ HOẠCH TRIỂN KHAI QUYẾT ĐỊNH SỐ\n"
                      "06/QĐ-TTG NGÀY 02 THÁNG 01 NĂM 2025\n\nỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH\n\n"
                      "Căn cứ Luật Tổ chức chính\nquyền địa phương số 72/2025/QH15;\n",
                      &h);
    assert_string_equal(h.number, "2820/QĐ-UBND");
    assert_span_text(t, h.number_span, "2820/QĐ-UBND");
    assert_string_equal(h.issuer, "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH");
    assert_string_equal(h.place, "Thành phố Hồ Chí Minh");
    assert_span_text(t, h.date_line,
                     "Thành phố Hồ\nChí Minh, ngày 19 tháng 11 năm 2025");
    assert_string_equal(h.title, "QUYẾT ĐỊNH BAN HÀNH KẾ HOẠCH TRIỂN KHAI QUYẾT "
                                 "ĐỊNH SỐ 06/QĐ-TTG NGÀY 02 THÁNG 01 NĂM 2025");
    tracuu_header_free(&h);
    free(t);
}

static void test_number_spaced_around_dash_and_without_colon(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("LIÊN ĐOÀN LAO ĐỘNG TỈNH\n-----\nSố: 221/KH - LĐLĐ\n\nKẾ HOẠCH\n\nX\n", &h);
    assert_string_equal(h.number, "221/KH-LĐLĐ");
    assert_span_text(t, h.number_span, "221/KH - LĐLĐ");
    tracuu_header_free(&h);
    free(t);
    t = extract("ỦY BAN NHÂN\nDÂN\nTỈNH QUẢNG TRỊ\n--------\n\nSố 2696/QĐ-UBND\n\n"
                "QUYẾT ĐỊNH\n\nVỀ VIỆC X\n", &h);
    assert_string_equal(h.number, "2696/QĐ-UBND");
    tracuu_header_free(&h);
    free(t);
    t = extract("QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc\n"
                "Luật số: 60/2024/QH15\n\nLUẬT\n\nDỮ LIỆU\n\nCăn cứ Hiến pháp;\n", &h);
    assert_string_equal(h.number, "60/2024/QH15");
    assert_string_equal(h.issuer, "QUỐC HỘI");
    assert_string_equal(h.title, "LUẬT DỮ LIỆU");
    tracuu_header_free(&h);
    free(t);
}

/* A scan's header (examples/plans/xa-hoa-my-thuong-…-ocr.txt): "Số:"
 * read as "S6:" is still the number line, and the issuer above it stops
 * there; "s6" without a colon in a sentence is no number line. */
static void test_number_line_as_a_scan_reads_it(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("UY BAN NHAN DAN\nXA HOA MY THUONG\nS6: 27/KH-UBND\n\n"
                      "CONG HOA XA HOI CHU NGHIA VIET NAM\nDoc lap - Tu do - Hanh phuc\n\n"
                      "Hoa My Thuong, ngay 18 thang 3 nidm 2025\n\nKE HOACH\n"
                      "Phat dong phong trao thi dua\n\nThyc hién Chi thi s6 34-CT/TW;\n",
                      &h);
    assert_string_equal(h.number, "27/KH-UBND");
    assert_span_text(t, h.number_span, "27/KH-UBND");
    assert_string_equal(h.issuer, "UY BAN NHAN DAN XA HOA MY THUONG");
    tracuu_header_free(&h);
    free(t);
    t = extract("ỦY BAN NHÂN DÂN XÃ AN BÌNH\nS0 : 05/KH-UBND\n\nKẾ HOẠCH\n\nX\n", &h);
    assert_string_equal(h.number, "05/KH-UBND");
    tracuu_header_free(&h);
    free(t);
    t = extract("ỦY BAN NHÂN DÂN XÃ AN BÌNH\nS6 34-CT/TW của Bộ Chính trị\n\nKẾ HOẠCH\n\nX\n", &h);
    assert_null(h.number);
    tracuu_header_free(&h);
    free(t);
}

static void test_quantity_line_is_no_number(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("KẾ HOẠCH\n\nSố lượng: 12/15 đơn vị\n", &h);
    assert_null(h.number);
    tracuu_header_free(&h);
    free(t);
}

/* ---- Issuer -------------------------------------------------------------- */

static void test_issuer_before_number_in_one_table_row(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("CHÍNH PHỦ_______ Số: 172/2025/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT "
                      "NAMĐộc lập – Tự do – Hạnh phúc________________________ Hà Nội, ngày 30 "
                      "tháng 6 năm 2025\n\nNGHỊ ĐỊNH\n\nQuy định về xử lý kỷ luật cán bộ, "
                      "công chức\n\n_____________\n\nCăn cứ Luật Tổ chức Chính phủ ngày 18 "
                      "tháng 02 năm 2025;\n",
                      &h);
    assert_string_equal(h.issuer, "CHÍNH PHỦ");
    assert_string_equal(h.number, "172/2025/NĐ-CP");
    assert_string_equal(h.place, "Hà Nội");
    assert_span_text(t, h.date_line, "Hà Nội, ngày 30 tháng 6 năm 2025");
    assert_string_equal(h.title, "NGHỊ ĐỊNH Quy định về xử lý kỷ luật cán bộ, công chức");
    tracuu_header_free(&h);
    free(t);
}

static void test_issuer_from_authority_line_when_header_has_none(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("--------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh "
                      "phúc---------\nSố: 1663/NQ-UBTVQH15\n\nNGHỊ QUYẾT\n\nVề việc sắp xếp các "
                      "đơn vị hành chính cấp xã của tỉnh Đồng Tháp năm 2025\n\n---------\n\n"
                      "ỦY BAN THƯỜNG VỤ QUỐC HỘI\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ "
                      "nghĩa Việt Nam;\n",
                      &h);
    assert_string_equal(h.issuer, "ỦY BAN THƯỜNG VỤ QUỐC HỘI");
    assert_string_equal(h.doc_type, "NGHỊ QUYẾT");
    assert_string_equal(h.title, "NGHỊ QUYẾT Về việc sắp xếp các đơn vị hành chính "
                                 "cấp xã của tỉnh Đồng Tháp năm 2025");
    assert_null(h.place);
    tracuu_header_free(&h);
    free(t);
}

static void test_issuer_from_opening_sentence(void **state)
{
    (void)state;
    tracuu_header_t h;
    /* Seed 001: no header at all. */
    char *t = extract(" Năm 2023, xã Tân Việt tổ chức, triển khai phong trào thi đua trong điều kiện \n"
                      "còn nhiều khó khăn. Phát huy kết quả đạt được trong công tác thi đua, khen thưởng năm 2023; \n"
                      " nhằm thực hiện thắng lợi các mục tiêu, nhiệm vụ đề ra; UBND xã ban hành Kế \n"
                      "hoạch công tác thi đua, khen thưởng năm 2024, cụ thể như sau:\n",
                      &h);
    assert_string_equal(h.issuer, "UBND xã");
    assert_null(h.doc_type);
    tracuu_header_free(&h);
    free(t);
    /* Seed 003: two bodies plan together; the first named is the issuer. */
    t = extract("## KẾ HOẠCH\n\n### Phát động phong trào thi đua năm 2025\n\n"
                "Phát huy những kết quả đạt được năm 2024, phấn đấu hoàn thành xuất sắc "
                "nhiệm vụ năm 2025; Ủy ban nhân dân xã Trường Tây phối hợp Ban chấp hành "
                "Công đoàn cơ sở xã xây dựng kế hoạch phát động phong trào thi đua năm 2025:\n",
                &h);
    assert_string_equal(h.issuer, "Ủy ban nhân dân xã Trường Tây");
    tracuu_header_free(&h);
    free(t);
    /* Seed 004: after a sentence that ends with a full stop. */
    t = extract(" KẾ HOẠCH  \n\nTriển khai công tác thi đua, khen thưởng năm 2024 \n\n \n\n"
                "Thực hiện Kế hoạch số 08/KH-SLĐTBXH ngày 12/01/2024 của Sở Lao \n\n"
                "động - Thương binh và Xã hội về công tác thi đua, khen thưởng năm 2024. \n\n"
                "Trung tâm Dịch vụ việc làm xây dựng và ban hành Kế hoạch công tác thi \n\n"
                "đua, khen thưởng năm 2024 với những nội dung cụ thể như sau: \n",
                &h);
    assert_string_equal(h.issuer, "Trung tâm Dịch vụ việc làm");
    tracuu_header_free(&h);
    free(t);
}

static void test_opening_sentence_without_a_body_gives_no_issuer(void **state)
{
    (void)state;
    tracuu_header_t h;
    /* The subject is no organisation: unknown, not guessed. */
    char *t = extract("KẾ HOẠCH\n\nTổng kết năm\n\n\nChúng tôi xây dựng kế hoạch như sau:\n", &h);
    assert_null(h.issuer);
    tracuu_header_free(&h);
    free(t);
}

/* ---- Signature and recipients ------------------------------------------- */

static void test_signature_after_recipients_with_broken_role(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("KẾ HOẠCH\n\nX\n\ntheo quy định./.\n\nNơi nhận:\n- Văn phòng Chính phủ\n"
                      "- Bộ Công an (qua Cục A03) (để báo cáo)\n- Lưu: VTUB, NC (TP, Vinh).\n\n"
                      "TM. ỦY BAN NHÂN\nDÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nBùi Thanh An\n\n"
                      "FILE ĐƯỢC ĐÍNH KÈM THEO\nVĂN BẢN\n",
                      &h);
    assert_string_equal(h.signer_role, "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH");
    assert_string_equal(h.signer, "Bùi Thanh An");
    assert_int_equal(h.n_signatures, 1);
    assert_int_equal(h.n_recipients, 3);
    assert_string_equal(h.recipients[0], "Văn phòng Chính phủ");
    assert_string_equal(h.recipients[1], "Bộ Công an (qua Cục A03) (để báo cáo)");
    assert_string_equal(h.recipients[2], "Lưu: VTUB, NC (TP, Vinh)");
    tracuu_header_free(&h);
    free(t);
}

static void test_signature_role_broken_mid_word_pair(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("nghiêm túc thực hiện./.\n\nNơi nhận:\n- Như Điều 3;\n\nKT. BỘ\nTRƯỞNG\n"
                      "THỨ TRƯỞNG\n(Đã ký)\nNguyễn Văn Thắng\n",
                      &h);
    assert_string_equal(h.signer_role, "KT. BỘ TRƯỞNG / THỨ TRƯỞNG");
    assert_string_equal(h.signer, "Nguyễn Văn Thắng");
    tracuu_header_free(&h);
    free(t);
}

static void test_signature_prefix_glued_to_role(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("xem xét, giải quyết./.\n\nNơi nhận:\n- CT, PCT UBND tỉnh;\n\n"
                      "KT.CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrương Công Thái\n",
                      &h);
    assert_string_equal(h.signer_role, "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH");
    assert_string_equal(h.signer, "Trương Công Thái");
    tracuu_header_free(&h);
    free(t);
}

static void test_two_signature_blocks_in_markdown_bold(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("## KẾ HOẠCH\n\n### Phát động phong trào thi đua\n\nTrên đây là Kế hoạch "
                      "của Ủy ban nhân dân và Ban Chấp hành Công đoàn xã Trường Tây./.\n\n"
                      "**TM. BCH CÔNG ĐOÀN  \nCHỦ TỊCH**\n\n\n\n**Hoàng Trung Hiếu**\n\n"
                      "**TM. ỦY BAN NHÂN DÂN  \nCHỦ TỊCH**\n\n\n\n**Phạm Hồng Oanh**\n\n"
                      "Nơi nhận:\n\n- Hội đồng TĐKT thị xã;\n- TT.Đảng ủy, TT. HĐND xã;\n"
                      "- Lưu: VT, VP.UBND xã.\n",
                      &h);
    assert_int_equal(h.n_signatures, 2);
    assert_string_equal(h.signatures[0].role, "TM. BCH CÔNG ĐOÀN / CHỦ TỊCH");
    assert_string_equal(h.signatures[0].name, "Hoàng Trung Hiếu");
    assert_string_equal(h.signatures[1].role, "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH");
    assert_string_equal(h.signatures[1].name, "Phạm Hồng Oanh");
    assert_string_equal(h.signer, "Hoàng Trung Hiếu");
    assert_int_equal(h.n_recipients, 3);
    assert_string_equal(h.recipients[1], "TT.Đảng ủy, TT. HĐND xã");
    assert_string_equal(h.recipients[2], "Lưu: VT, VP.UBND xã");
    tracuu_header_free(&h);
    free(t);
}

static void test_ocr_role_on_the_recipients_line(void **state)
{
    (void)state;
    tracuu_header_t h;
    /* Seed 002: the two columns of the footer fell on one line. */
    char *t = extract("Trén day 1a Ké hoach phat dong thi dua cia Phong Tu phap\nthanh phé./.\n\n"
                      "Noi nhin: TRUONG PHONG\n- UBND.TP (Phong Noi vu);\n- Luu: VT, PTP.\n\n"
                      "Lwu Manh Tua\n ",
                      &h);
    assert_string_equal(h.signer_role, "TRUONG PHONG");
    assert_string_equal(h.signer, "Lwu Manh Tua");
    assert_int_equal(h.n_recipients, 2);
    assert_string_equal(h.recipients[0], "UBND.TP (Phong Noi vu)");
    assert_string_equal(h.recipients[1], "Luu: VT, PTP");
    tracuu_header_free(&h);
    free(t);
}

static void test_signature_without_a_name(void **state)
{
    (void)state;
    tracuu_header_t h;
    /* Seed 000 ends before the name. */
    char *t = extract("kết quả tốt./. \n\n \n\nNơi nhận: \n\n- TT LĐLĐ tỉnh; \n\n"
                      "- HĐ TĐ - KT huyện; \n\n- Lưu: VP. \n\nTM. BAN THƯỜNG VỤ \n\nPHÓ CHỦ TỊCH \n ",
                      &h);
    assert_string_equal(h.signer_role, "TM. BAN THƯỜNG VỤ / PHÓ CHỦ TỊCH");
    assert_null(h.signer);
    assert_int_equal(h.n_recipients, 3);
    assert_string_equal(h.recipients[1], "HĐ TĐ - KT huyện");
    tracuu_header_free(&h);
    free(t);
}

static void test_name_far_below_role(void **state)
{
    (void)state;
    tracuu_header_t h;
    /* Seed 004: eight blank lines for the signature itself. */
    char *t = extract("thực hiện./. \n\nNơi nhận: \n- Sở Lao động (B/c); \n\n- Lưu: VT, (H02b). \n\n \n\n"
                      "GIÁM ĐỐC  \n \n\n \n\n \n\n \n\n \n\n \n\n \n\nVũ Quang Khải \n ",
                      &h);
    assert_string_equal(h.signer_role, "GIÁM ĐỐC");
    assert_string_equal(h.signer, "Vũ Quang Khải");
    assert_string_equal(h.recipients[0], "Sở Lao động (B/c)");
    assert_string_equal(h.recipients[1], "Lưu: VT, (H02b)");
    tracuu_header_free(&h);
    free(t);
}

static void test_role_name_and_recipients_broken_over_lines(void **state)
{
    (void)state;
    tracuu_header_t h;
    /* Corpus e5fc434b… and 5eaeb632…: the PDF's narrow columns. */
    char *t = extract("Quyết định này./.\n\nNơi nhận:\n-\nNhư Điều 3;\n- Lãnh\nđạo KTNN;\n"
                      "- Đảng ủy\nKTNN;\n- Lưu:\nVT, Vụ TCCB.\n\nTỔNG KIỂM TOÁN NHÀ\nNƯỚC\nNgô\n"
                      "Văn Tuấn\n\nQUY ĐỊNH\n",
                      &h);
    assert_string_equal(h.signer_role, "TỔNG KIỂM TOÁN NHÀ NƯỚC");
    assert_string_equal(h.signer, "Ngô Văn Tuấn");
    assert_int_equal(h.n_recipients, 4);
    assert_string_equal(h.recipients[0], "Như Điều 3");
    assert_string_equal(h.recipients[1], "Lãnh đạo KTNN");
    assert_string_equal(h.recipients[2], "Đảng ủy KTNN");
    assert_string_equal(h.recipients[3], "Lưu: VT, Vụ TCCB");
    tracuu_header_free(&h);
    free(t);
    t = extract("11 năm 2025./.\n\nNơi nhận:\n- Chính phủ;\n- Lưu: VT.\n\nCHỦ\nTỊCH\n"
                "Phùng Thị Hồng Hà\n\nPhụ lục I\n", &h);
    assert_string_equal(h.signer_role, "CHỦ TỊCH");
    assert_string_equal(h.signer, "Phùng Thị Hồng Hà");
    tracuu_header_free(&h);
    free(t);
    t = extract("thi hành./.\n\nNơi nhận:\n- Như Điều 3;\n\nKT. BỘ TRƯỞNG,\nCHỦ NHIỆM\n"
                "PHÓ CHỦ NHIỆM\nTrịnh Mạnh Linh\n", &h);
    assert_string_equal(h.signer_role, "KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM");
    tracuu_header_free(&h);
    free(t);
    t = extract("thi hành./.\n\nNơi nhận:\n- Như Điều 3;\n\nKT.\nBỘ TRƯỞNG\n"
                "THỨ TRƯỞNG\nLê Văn A\n", &h);
    assert_string_equal(h.signer_role, "KT. BỘ TRƯỞNG / THỨ TRƯỞNG");
    tracuu_header_free(&h);
    free(t);
}

static void test_no_signature_without_anchor(void **state)
{
    (void)state;
    tracuu_header_t h;
    char *t = extract("KẾ HOẠCH\n\nX\n\nCHỦ TỊCH\nNguyễn Văn A\n", &h);
    assert_null(h.signer_role);
    assert_null(h.signer);
    assert_int_equal(h.n_signatures, 0);
    tracuu_header_free(&h);
    free(t);
}

/* ---- Robustness ------------------------------------------------------- */

static void test_empty_and_degenerate_input(void **state)
{
    (void)state;
    tracuu_header_t h;
    tracuu_header_extract("", 0, &h);
    assert_null(h.title);
    tracuu_header_free(&h);
    tracuu_header_extract(NULL, 0, &h);
    tracuu_header_free(&h);
    tracuu_header_free(NULL);
    const char *odd[] = {
        "\n\n\n", "KẾ HOẠCH", "Số:", "Số:\n", "Nơi nhận:", "Nơi nhận:\n- ",
        "./.", "TM.\nKT.", ",ngày", "A, ngày 1", "A, ngày 1 tháng", "|||",
        "QUYẾT\n", "Số: 1/", "CHÍNH PHỦ Số", "x xây dựng kế hoạch",
    };
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        /* Exact length, no terminating NUL read past: copy into a fitted buffer. */
        size_t n = strlen(odd[i]);
        char *b = malloc(n ? n : 1);
        memcpy(b, odd[i], n);
        tracuu_header_extract(b, n, &h);
        tracuu_header_free(&h);
        free(b);
    }
}

static void test_huge_and_adversarial_input(void **state)
{
    (void)state;
    size_t n = 3u << 20;
    char *b = malloc(n);
    /* Pseudo-random bytes drawn from the characters the parser cares for. */
    const char alphabet[] = "\n\n  -_|:,./*#SsốốNơi nhận:TM.KT.ngàythángnăm0123456789ABC";
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        b[i] = alphabet[(x >> 16) % (sizeof alphabet - 1)];
    }
    tracuu_header_t h;
    tracuu_header_extract(b, n, &h);
    tracuu_header_free(&h);
    /* One enormous line, and a long run of role lines. */
    memset(b, 'A', n);
    tracuu_header_extract(b, n, &h);
    tracuu_header_free(&h);
    size_t p = 0;
    const char *role = "Nơi nhận:\nCHỦ TỊCH\n";
    while (p + strlen(role) < n) {
        memcpy(b + p, role, strlen(role));
        p += strlen(role);
    }
    tracuu_header_extract(b, p, &h);
    assert_true(h.n_signatures <= 4);
    tracuu_header_free(&h);
    free(b);
}

/* ---- The seeds, whole ----------------------------------------------------- */

static const char *shared;

static tracuu_header_t seed_header(const char *name, char **text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/seeds/%s", shared, name);
    size_t len = 0;
    char *raw = tt_read_file(path, &len);
    assert_non_null(raw);
    tracuu_norm_t n;
    assert_int_equal(tracuu_normalize(raw, len, &n), 0);
    free(raw);
    tracuu_header_t h;
    tracuu_header_extract(n.s, n.len, &h);
    *text = n.s;
    n.s = NULL;
    tracuu_norm_free(&n);
    return h;
}

static void test_seed_000_no_header_block(void **state)
{
    (void)state;
    char *t;
    tracuu_header_t h = seed_header("000_ffb5641f03d939c8.txt", &t);
    assert_string_equal(h.title, "KẾ HOẠCH Thực hiện phong trào thi đua triển khai "
                                 "công tác thi đua, khen thưởng năm 2024");
    assert_null(h.number);
    assert_null(h.place);
    assert_string_equal(h.issuer, "Ban Thường vụ Liên đoàn Lao động huyện");
    assert_string_equal(h.signer_role, "TM. BAN THƯỜNG VỤ / PHÓ CHỦ TỊCH");
    assert_null(h.signer);
    assert_int_equal(h.n_recipients, 5);
    assert_string_equal(h.recipients[4], "Lưu: VP");
    tracuu_header_free(&h);
    free(t);
}

static void test_seed_001_body_only(void **state)
{
    (void)state;
    char *t;
    tracuu_header_t h = seed_header("001_1c875772783dc719.txt", &t);
    assert_null(h.doc_type);
    assert_null(h.title);
    assert_string_equal(h.issuer, "UBND xã");
    assert_string_equal(h.signer_role, "CHỦ TỊCH");
    assert_string_equal(h.signer, "Vũ Xuân Hào");
    assert_int_equal(h.n_recipients, 7);
    assert_string_equal(h.recipients[0], "Ban TĐKT - Phòng Nội vụ huyện");
    tracuu_header_free(&h);
    free(t);
}

static void test_seed_002_ocr(void **state)
{
    (void)state;
    char *t;
    tracuu_header_t h = seed_header("002_0293d23315c98476.txt", &t);
    assert_null(h.title);
    assert_null(h.place);
    assert_string_equal(h.issuer, "Phong Tu phép thanh phé Tay Ninh");
    assert_string_equal(h.signer, "Lwu Manh Tua");
    tracuu_header_free(&h);
    free(t);
}

static void test_seed_003_markdown(void **state)
{
    (void)state;
    char *t;
    tracuu_header_t h = seed_header("003_d36215ba802502f1.txt", &t);
    assert_string_equal(h.title, "KẾ HOẠCH Phát động phong trào thi đua thực hiện "
                                 "thắng lợi nhiệm vụ phát triển Kinh tế - Văn hóa xã "
                                 "hội – Quốc phòng an ninh năm 2025");
    assert_string_equal(h.number, "01/KH-UBND-CD");
    assert_string_equal(h.place, "Trường Tây");
    assert_span_text(t, h.date_line, "Trường Tây, ngày 07 tháng 01 năm 2025");
    assert_string_equal(h.issuer, "Ủy ban nhân dân xã Trường Tây");
    assert_int_equal(h.n_signatures, 2);
    assert_string_equal(h.signatures[1].name, "Phạm Hồng Oanh");
    assert_int_equal(h.n_recipients, 8);
    tracuu_header_free(&h);
    free(t);
}

static void test_seed_004_plain(void **state)
{
    (void)state;
    char *t;
    tracuu_header_t h = seed_header("004_8c345a5aecb11603.txt", &t);
    assert_string_equal(h.title, "KẾ HOẠCH Triển khai công tác thi đua, khen thưởng năm 2024");
    assert_string_equal(h.issuer, "Trung tâm Dịch vụ việc làm");
    assert_string_equal(h.signer_role, "GIÁM ĐỐC");
    assert_string_equal(h.signer, "Vũ Quang Khải");
    assert_int_equal(h.n_recipients, 6);
    tracuu_header_free(&h);
    free(t);
}

int main(void)
{
    const struct CMUnitTest unit[] = {
        cmocka_unit_test(test_title_spans_lines_separated_by_one_blank_line),
        cmocka_unit_test(test_title_markdown_marks_stripped),
        cmocka_unit_test(test_title_null_without_type_line),
        cmocka_unit_test(test_type_line_broken_in_two),
        cmocka_unit_test(test_uppercase_title_goes_on_over_a_line_of_years),
        cmocka_unit_test(test_uppercase_title_may_open_with_thuc_hien),
        cmocka_unit_test(test_type_followed_by_body_has_type_alone),
        cmocka_unit_test(test_letter_with_vv_line_is_cong_van),
        cmocka_unit_test(test_number_on_the_line_after_so),
        cmocka_unit_test(test_number_spaced_around_dash_and_without_colon),
        cmocka_unit_test(test_quantity_line_is_no_number),
        cmocka_unit_test(test_issuer_before_number_in_one_table_row),
        cmocka_unit_test(test_issuer_from_authority_line_when_header_has_none),
        cmocka_unit_test(test_issuer_from_opening_sentence),
        cmocka_unit_test(test_opening_sentence_without_a_body_gives_no_issuer),
        cmocka_unit_test(test_signature_after_recipients_with_broken_role),
        cmocka_unit_test(test_signature_role_broken_mid_word_pair),
        cmocka_unit_test(test_signature_prefix_glued_to_role),
        cmocka_unit_test(test_two_signature_blocks_in_markdown_bold),
        cmocka_unit_test(test_ocr_role_on_the_recipients_line),
        cmocka_unit_test(test_signature_without_a_name),
        cmocka_unit_test(test_name_far_below_role),
        cmocka_unit_test(test_role_name_and_recipients_broken_over_lines),
        cmocka_unit_test(test_no_signature_without_anchor),
        cmocka_unit_test(test_empty_and_degenerate_input),
        cmocka_unit_test(test_huge_and_adversarial_input),
    };
    int failed = cmocka_run_group_tests_name("header", unit, NULL, NULL);
    shared = tt_need_shared("test_header");
    const struct CMUnitTest seeds[] = {
        cmocka_unit_test(test_seed_000_no_header_block),
        cmocka_unit_test(test_seed_001_body_only),
        cmocka_unit_test(test_number_line_as_a_scan_reads_it),
        cmocka_unit_test(test_seed_002_ocr),
        cmocka_unit_test(test_seed_003_markdown),
        cmocka_unit_test(test_seed_004_plain),
    };
    failed += cmocka_run_group_tests_name("header_seeds", seeds, NULL, NULL);
    return failed;
}
