/* test_date.c: unit tests of the date and period extractor on phrases from the seeds and the corpus. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "testutil.h"

/* ---- helpers ------------------------------------------------------- */

typedef struct run {
    const char *text;
    tracuu_dates_t d;
} run_t;

static void run(run_t *r, const char *text)
{
    r->text = text;
    tracuu_dates_extract(text, strlen(text), NULL, 0, &r->d);
}

static void done(run_t *r)
{
    tracuu_dates_free(&r->d);
}

/* "2024-02-28 cited" style description of date i. */
static const char *show(const run_t *r, size_t i)
{
    static char buf[64];
    char v[16];
    tracuu_date_format(&r->d.dates[i], v, sizeof v);
    snprintf(buf, sizeof buf, "%s %s", v,
             tracuu_date_role_name(r->d.dates[i].role));
    return buf;
}

/* The text of date i's span. */
static const char *span_text(const run_t *r, size_t i)
{
    static char buf[256];
    tracuu_span_t s = r->d.dates[i].span;
    size_t n = s.end - s.start;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, r->text + s.start, n);
    buf[n] = '\0';
    return buf;
}

/* The only date of text, as "value role". */
static void expect_one(const char *text, const char *want)
{
    run_t r;
    run(&r, text);
    if (r.d.n_dates != 1)
        fail_msg("\"%s\": %zu dates, want 1 (%s)", text, r.d.n_dates, want);
    assert_string_equal(show(&r, 0), want);
    assert_int_equal(r.d.n_periods, 0);
    done(&r);
}

/* text holds no date and no period. */
static void expect_none(const char *text)
{
    run_t r;
    run(&r, text);
    if (r.d.n_dates || r.d.n_periods)
        fail_msg("\"%s\": %zu dates (first %s), %zu periods, want none", text,
                 r.d.n_dates, r.d.n_dates ? show(&r, 0) : "-", r.d.n_periods);
    done(&r);
}

/* The only period of text. */
static void expect_period(const char *text, int from, int to)
{
    run_t r;
    run(&r, text);
    if (r.d.n_periods != 1)
        fail_msg("\"%s\": %zu periods, want 1", text, r.d.n_periods);
    assert_int_equal(r.d.periods[0].from_year, from);
    assert_int_equal(r.d.periods[0].to_year, to);
    assert_int_equal(r.d.n_dates, 0);
    done(&r);
}

/* ---- forms --------------------------------------------------------- */

static void test_date_slash_forms_with_and_without_zero_padding(void **state)
{
    (void)state;
    /* seed 000 */
    expect_one("thực hiện Kế hoạch số 616/KH-UBND ngày 08/3/2023 của UBND tỉnh",
               "2023-03-08 cited");
    expect_one("Kế hoạch số 47/KH-LĐLĐ, ngày 28/02/2024 của Ban Thường vụ",
               "2024-02-28 cited");
    expect_one("Chỉ thị số 34-CT/TW ngày 7/4/2014 của Bộ Chính trị",
               "2014-04-07 cited");
    /* users also type 07/04/2014 */
    expect_one("được tổ chức ngày 07/04/2014.", "2014-04-07 mentioned");
    run_t r;
    run(&r, "Chỉ thị số 01/CT-UBND ngày 10/01/2024.");
    assert_string_equal(span_text(&r, 0), "ngày 10/01/2024");
    done(&r);
}

static void test_date_dash_and_dot_forms_from_the_corpus(void **state)
{
    (void)state;
    expect_one("theo Quyết định số 1002/QĐ-TTg ngày 24-5-2025 phê duyệt Đề án",
               "2025-05-24 cited");
    expect_one("Hội nghị họp ngày 20.11.2025 tại Hà Nội", "2025-11-20 mentioned");
    /* a space where the slash was: "ngày 21 /05/2010", "ngày 16/6 2025" */
    expect_one("Quyết định số 32/2010/QĐ-UBND ngày 21 /05/2010 của Ủy ban",
               "2010-05-21 cited");
    expect_one("Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6 2025;",
               "2025-06-16 cited");
}

static void test_date_long_form_with_diacritics_and_capitals(void **state)
{
    (void)state;
    expect_one("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của "
               "Chính phủ",
               "2023-12-31 cited");
    expect_one("BAN HÀNH KẾ HOẠCH TRIỂN KHAI QUYẾT ĐỊNH SỐ\n06/QĐ-TTG NGÀY 02 "
               "THÁNG 01 NĂM 2025 CỦA THỦ TƯỚNG",
               "2025-01-02 cited");
    /* glued words seen in law headers */
    expect_one("Hà Nội, ngày03 tháng 12 năm 2004\nLUẬT", "2004-12-03 issued");
    expect_one("Đà Nẵng, ngày\n18 tháng 11năm 2025\n", "2025-11-18 issued");
}

static void test_date_long_form_without_diacritics_and_ocr_damage(void **state)
{
    (void)state;
    /* seed 002, exactly as OCR left it */
    expect_one("Thyc hi¢nK¢é hoach 53/KH-UBND ngay 14 thang 3 nidm 2024 ciia Uy "
               "ban",
               "2024-03-14 cited");
    expect_one("dam bao qudc phong-an ninh nim 2024 duoc phat dong",
               "2024 mentioned");
    expect_one("dam bao quoc phong-an ninh nam\n2024 trén dia ban",
               "2024 mentioned");
    expect_one("hiéu luc ké tir ngay 01/01/2024; Quy ché", "2024-01-01 deadline");
    /* a date word typed for năm, four digits after it */
    expect_one("Luật này có hiệu lực thi hành từ ngày 01 tháng 01 ngày 2012.",
               "2012-01-01 deadline");
    expect_one("Quyết định số 1085/QĐ-TTg ngày 15 tháng 9 tháng 2022 của Thủ tướng",
               "2022-09-15 cited");
    /* OCR turned letters into digits: "ngay 18 16n" is "ngày lễ lớn" */
    expect_none("chao mimg ky niém cac ngay 18 16n. Thuc hién");
    expect_none("cac dot thi dua chao mung ky niém cac ngay 1& 1én, cac su kién");
    expect_none("Tiép tuc thuc hién Chi thi s6 34 cua Tinh uy");
}

static void test_date_words_in_decomposed_form(void **state)
{
    (void)state;
    /* text should arrive in NFC, but "nga" + U+0300 + "y" is still "ngày" */
    run_t r;
    run(&r, "Ha\xcc\x80 Nô\xcc\xa3i, nga\xcc\x80y 12 tha\xcc\x81ng 3 "
            "na\xcc\x86m 2024\n");
    assert_int_equal(r.d.n_dates, 1);
    assert_string_equal(show(&r, 0), "2024-03-12 issued");
    assert_string_equal(span_text(&r, 0),
                        "nga\xcc\x80y 12 tha\xcc\x81ng 3 na\xcc\x86m 2024");
    done(&r);
}

static void test_date_split_across_lines(void **state)
{
    (void)state;
    /* seed 000 keeps blank lines between PDF lines */
    expect_one("theo Kế hoạch số 2316/KH-UBND ngày \n\n14/7/2021 của UBND tỉnh",
               "2021-07-14 cited");
    expect_one("Chỉ thị số 34-CT/TW\n\n ngày 07/4/2014 của Bộ Chính trị",
               "2014-04-07 cited");
    expect_one("Căn cứ Luật Đất đai số\n31/2024/QH15 ngày 18 tháng 01\nnăm 2024,",
               "2024-01-18 cited");
    expect_one("Số: 1760/QĐ-KTNN\n\nHà Nội, ngày 24 tháng 11 năm\n2025\n\nQUYẾT ĐỊNH",
               "2025-11-24 issued");
}

static void test_date_month_precision(void **state)
{
    (void)state;
    expect_one("báo cáo kết quả trong tháng 3 năm 2024.", "2024-03 mentioned");
    expect_one("xong trong tháng 12/2025.", "2025-12 mentioned");
    expect_one("Thời gian hoàn thành: Tháng\n12/2025.", "2025-12 mentioned");
    expect_one("Thời gian thực hiện: Từ tháng 11/2025 đến khi kết thúc",
               "2025-11 deadline");
    /* a blank left for the day in a draft */
    expect_one("Thông tư số /2025/TT-BKHCN\nngày /11/2025 của Bộ trưởng",
               "2025-11 cited");
    run_t r;
    run(&r, "Thời gian thực hiện: Tháng 11 - 12/2025.");
    assert_int_equal(r.d.n_dates, 2);
    assert_string_equal(show(&r, 0), "2025-11 mentioned");
    assert_string_equal(show(&r, 1), "2025-12 mentioned");
    done(&r);
    /* "12 tháng" is a duration, "tháng 13" no month */
    expect_none("trong thời hạn 12 tháng kể từ ngày quyết định có hiệu lực");
    expect_none("trong tháng 13/2024");
}

static void test_date_year_precision(void **state)
{
    (void)state;
    expect_one(" Năm 2023, xã Tân Việt tổ chức, triển khai phong trào",
               "2023 mentioned");
    expect_one("công tác thi đua, khen thưởng năm 2024 với các nội dung",
               "2024 mentioned");
    expect_one("Sở Tài chính\n\nQuý IV/2025\n\nBáo cáo", "2025 mentioned");
    run_t r;
    run(&r, "ổn định sản xuất, kinh doanh năm 2025 và 2026, cắt giảm");
    assert_int_equal(r.d.n_dates, 2);
    assert_string_equal(show(&r, 0), "2025 mentioned");
    assert_string_equal(show(&r, 1), "2026 mentioned");
    done(&r);
    /* "Việt Nam 2045" is no year; nor a five-digit number */
    expect_none("Diễn đàn Việt Nam 2045 khai mạc");
    expect_none("với tổng số năm 20245 lượt");
}

static void test_date_calendar_validation_and_leap_years(void **state)
{
    (void)state;
    assert_true(tracuu_date_valid(2024, 2, 29));
    assert_false(tracuu_date_valid(2023, 2, 29));
    assert_true(tracuu_date_valid(2000, 2, 29));
    assert_false(tracuu_date_valid(1900, 2, 29));
    assert_false(tracuu_date_valid(2024, 4, 31));
    assert_false(tracuu_date_valid(2024, 13, 1));
    assert_false(tracuu_date_valid(2024, 1, 0));
    assert_false(tracuu_date_valid(1850, 1, 1));
    assert_int_equal(tracuu_date_days_in_month(2024, 2), 29);
    assert_int_equal(tracuu_date_days_in_month(2100, 2), 28);
    assert_int_equal(tracuu_date_days_in_month(2024, 0), 0);

    expect_one("họp ngày 29/02/2024 tại", "2024-02-29 mentioned");
    /* an impossible day gives nothing at all: not its month, not its year */
    expect_none("họp ngày 29/02/2023 tại");
    expect_none("họp ngày 31/04/2024 tại");
    expect_none("Nghị định số 12/2024/NĐ-CP ngày 31 tháng 02 năm 2024 của");
    expect_none("ngày 30 tháng 13 năm 2024");
}

/* ---- what is not a date -------------------------------------------- */

static void test_date_rejects_lookalikes(void **state)
{
    (void)state;
    /* seed 001 */
    expect_none("Kết quả thực hiện hoàn thành 17/17 chỉ tiêu phát triển kinh tế");
    expect_none("hỗ trợ kỹ thuật 24/7 và đảm bảo thời gian khắc phục");
    /* the year inside a symbol, with no exclude span given */
    expect_none("Căn cứ Nghị định số 98/2023/NĐ-CP của Chính phủ");
    expect_none("theo Luật số 87/2025/QH15;");
    /* a d/m/yyyy that continues as a symbol */
    expect_none("Quyết định 1/2/2024/QĐ-UBND");
    expect_none("Kế hoạch 12/3/2021-KH của");
    /* decimals, page numbers, counts, numbers glued to letters */
    expect_none("đạt 93,5% kế hoạch năm");
    expect_none("Trang 3/12");
    expect_none("thời gian thực hiện: 3,5 ngày kể từ ngày nhận");
    expect_none("thương binh hạng 1/4, 2/4; bệnh binh hạng 1/3");
    expect_none("Số: 1655/NQ-UBTVQH15");
    expect_none("số 42-44 Hàng Bạc");
    /* seed 000: anniversary counts */
    expect_none("kỷ niệm 70 năm Ngày \n\nChiến thắng Điện Biên Phủ, 80 năm Ngày "
                "thành lập Quân đội nhân dân Việt Nam");
    /* recurring days without a year, and templates */
    expect_none("Định kỳ trước ngày 15/12 hằng năm báo cáo kết quả");
    expect_none("ngày 31 tháng 12 hằng năm");
    expect_none("Ngày Quốc tế lao động: 01 ngày (ngày 01 tháng 5 dương lịch);");
    expect_none("......,\nngày … tháng … năm 20…");
}

static void test_date_law_name_year_is_not_a_date(void **state)
{
    (void)state;
    /* seed 003, and seed 002 as OCR left it */
    expect_none("Căn cứ Luật Thi đua, khen thưởng năm 2022;");
    expect_none("trién khai thi hanh Luat Thi dua, khen thudng\nnam 2022 c6 hiéu");
    expect_none("Căn cứ Bộ luật Lao động năm 2019;");
    expect_none("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992 "
                "đã được sửa đổi");
    expect_none("Pháp lệnh Thi hành án dân sự năm 2004 hết hiệu lực");
    expect_none("Căn cứ Luật Thủy sản năm 2017;");
    /* a year that only follows a law in the sentence is a year */
    expect_one("triển khai Luật Thi đua, khen thưởng trong năm 2024",
               "2024 mentioned");
    expect_one("Luật này có hiệu lực từ năm 2025.", "2025 mentioned");
    /* the full date of a law is its date, cited */
    expect_one("Căn cứ Luật Quy hoạch\nngày 24 tháng 11 năm 2017 được sửa đổi",
               "2017-11-24 cited");
    expect_one("Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 "
               "năm 2025;",
               "2025-02-19 cited");
    expect_one("Luật báo chí ngày 28 tháng 12 năm 1989 đã được sửa đổi",
               "1989-12-28 cited");
}

/* ---- periods ------------------------------------------------------- */

static void test_date_periods_in_every_form(void **state)
{
    (void)state;
    expect_period("trên địa bàn tỉnh Tây Ninh giai đoạn 2021 - 2025.", 2021, 2025);
    expect_period("Nghị quyết Đại hội Đảng bộ các cấp, nhiệm kỳ 2020-2025.", 2020,
                  2025);
    expect_period("kế hoạch 5 năm (2021-2025) theo Nghị quyết", 2021, 2025);
    expect_period("sản phẩm, hàng hóa giai đoạn 2023 - 2030 trên địa bàn", 2023,
                  2030);
    expect_period("Kế hoạch phát triển kinh tế - xã hội 5 năm 2021-\n2025. Phát "
                  "huy",
                  2021, 2025);
    expect_period("Chương trình hành động quốc gia giai đoạn 2024\n- 2030”;", 2024,
                  2030);
    expect_period("GIAI ĐOẠN 2026 –\n2030", 2026, 2030);
    expect_period("giai đoạn 2021- \n\n2030. ", 2021, 2030);
    expect_period("phí trên địa bàn thành phố Huế từ năm học 2025 -\n2026.", 2025,
                  2026);
    expect_period("tài liệu xuất bản từ năm 1945 đến năm 1954 trong vùng", 1945,
                  1954);
    expect_period("Chương trình truyền thông về bình đẳng giới đến năm 2030.", 0,
                  2030);
    expect_period("tầm nhìn đến\nnăm 2050 trên địa bàn tỉnh Tây Ninh", 0, 2050);
    /* no period: reversed, not years, inside a symbol */
    expect_none("từ 2025 - 2021 người");
    expect_none("mưa 1000 - 2000 mm");
    expect_none("ở độ cao 1990 - 2000m so với mực nước biển");
    expect_none("Kế hoạch KH-2021-2025/UBND");

    run_t r;
    run(&r, "giai đoạn 2021 ⏎- 2030, tầm nhìn đến năm 2050 trên địa bàn");
    assert_int_equal(r.d.n_periods, 1); /* "⏎" is a character, no dash */
    assert_int_equal(r.d.periods[0].from_year, 0);
    done(&r);
}

/* ---- roles --------------------------------------------------------- */

/* the head of seed 003 */
static const char seed003_head[] =
    "\n\nSố: 01/KH-UBND-CD\n\nTrường Tây, ngày 07 tháng 01 năm 2025\n\n"
    "## KẾ HOẠCH\n\n### Phát động phong trào thi đua thực hiện thắng lợi nhiệm "
    "vụ phát triển Kinh tế - Văn hoá xã hội – Quốc phòng an ninh năm 2025\n\n"
    "Căn cứ Luật Thi đua, khen thưởng năm 2022;\n\nCăn cứ Nghị định số "
    "98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ Quy định chi tiết;\n";

/* the head of seed 000: no place and date line */
static const char seed000_head[] =
    " KẾ HOẠCH \nThực hiện phong trào thi đua \n\ntriển khai công tác thi đua, "
    "khen thưởng năm 2024 \n\n \n\n \n\nThực hiện Kế hoạch số 47/KH-LĐLĐ, ngày "
    "28/02/2024 của Ban Thường vụ \n\nLiên đoàn Lao động tỉnh về việc phát động "
    "phong trào thi đua;\n";

static size_t count_role(const run_t *r, tracuu_date_role_t role)
{
    size_t n = 0;
    for (size_t i = 0; i < r->d.n_dates; i++)
        n += r->d.dates[i].role == role;
    return n;
}

static void test_date_role_issued_from_the_header_line(void **state)
{
    (void)state;
    run_t r;
    run(&r, seed003_head);
    assert_int_equal(count_role(&r, TRACUU_DATE_ISSUED), 1);
    assert_string_equal(show(&r, 0), "2025-01-07 issued");
    assert_string_equal(span_text(&r, 0), "ngày 07 tháng 01 năm 2025");
    assert_string_equal(show(&r, 1), "2025 mentioned");
    assert_string_equal(show(&r, 2), "2023-12-31 cited"); /* not Luật ... 2022 */
    assert_int_equal(r.d.n_dates, 3);
    done(&r);

    /* place split over two lines, date split too (corpus headers) */
    expect_one("Số:\n2820/QĐ-UBND\n\nThành phố Hồ\nChí Minh, ngày 19 tháng 11 năm "
               "2025\n\nQUYẾT ĐỊNH",
               "2025-11-19 issued");
    expect_one("Số: 141/KH-UBND\n\nCần Thơ, ngày 21\ntháng 11 năm 2025\n\nKẾ HOẠCH",
               "2025-11-21 issued");
    expect_one("Thành phố Huế,\nngày 18 tháng 11 năm 2025\n", "2025-11-18 issued");
    expect_one("Luật số: 53/2019/QH14\nHà Nội, Ngày 26 tháng 11 năm 2019\nLUẬT",
               "2019-11-26 issued");
    /* a flattened header table */
    expect_one("Số: 172/2025/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập – "
               "Tự do – Hạnh phúc________ Hà Nội, ngày 30 tháng 6 năm 2025\n\nNGHỊ "
               "ĐỊNH",
               "2025-06-30 issued");
    expect_one("Số: 01/KH-UBND  Trường Tây, ngày 07 tháng 01 năm 2025\n",
               "2025-01-07 issued");
}

static void test_date_role_issued_needs_a_header_line(void **state)
{
    (void)state;
    run_t r;
    run(&r, seed000_head);
    assert_int_equal(count_role(&r, TRACUU_DATE_ISSUED), 0);
    assert_int_equal(r.d.n_dates, 2);
    assert_string_equal(show(&r, 1), "2024-02-28 cited");
    done(&r);

    /* a place and date in running text: the date does not end its line */
    expect_one("Hội nghị được tổ chức tại\nHà Nội, ngày 20 tháng 11 năm 2025, với "
               "sự tham dự",
               "2025-11-20 mentioned");
    /* no comma, a lowercase start, too many lowercase words */
    expect_one("Hà Nội ngày 20 tháng 11 năm 2025\n", "2025-11-20 mentioned");
    expect_one("các xã, ngày 20 tháng 11 năm 2025\n", "2025-11-20 mentioned");
    expect_one("Trong các ngày lễ của xã, ngày 20 tháng 11 năm 2025\n",
               "2025-11-20 mentioned");
    /* only the first header line is the issue date */
    run(&r, "Hà Nội, ngày 19 tháng 11 năm 2025\n\nMẫu số 01\n\nHà Nội, ngày 20 "
            "tháng 11 năm 2025\n");
    assert_string_equal(show(&r, 0), "2025-11-19 issued");
    assert_string_equal(show(&r, 1), "2025-11-20 mentioned");
    done(&r);
    /* a header-like line deep in a long text is not the issue date */
    size_t pad = 9000;
    char *long_text = malloc(pad + 64);
    assert_non_null(long_text);
    memset(long_text, 'a', pad);
    long_text[pad - 1] = '\n';
    strcpy(long_text + pad, "Hà Nội, ngày 20 tháng 11 năm 2025\n");
    run(&r, long_text);
    assert_int_equal(r.d.n_dates, 1);
    assert_int_equal(r.d.dates[0].role, TRACUU_DATE_MENTIONED);
    done(&r);
    free(long_text);
    /* a month or a template is never the issue date */
    expect_one("Hà Nội, ngày … tháng … năm 2025\n", "2025 mentioned");
}

static void test_date_role_cited_after_a_symbol_or_number(void **state)
{
    (void)state;
    expect_one("Nghị quyết số 10/NQ-HĐND, ngày 19/12/2024 của Hội đồng nhân dân",
               "2024-12-19 cited");
    expect_one("Nghi quyét sO\n21/NQ- -HDND ngay 19/12/2023 cta Hoi dong",
               "2023-12-19 cited");
    expect_one("Kế hoạch số 221/KH - LĐLĐ ngày 14/4/2021 của Ban", "2021-04-14 cited");
    expect_one("Quyết định số 146/QĐ-BVTV-\nKH ngày 16/01/2018 của Cục trưởng",
               "2018-01-16 cited");
    expect_one("Nghị định số 137/2020/NĐ-СР ngày 27/11/2020", "2020-11-27 cited");
    expect_one("Công văn số 1234 ngày 05/3/2024 của Sở", "2024-03-05 cited");
    expect_one("Quyết định số /QĐ-UBND ngày\n/11/2025 của Chủ tịch", "2025-11 cited");
    /* a date is no symbol */
    run_t r;
    run(&r, "Quốc hội Việt Nam”\n(06/01/1946 - 06/01/2026); Phong trào");
    assert_int_equal(r.d.n_dates, 2);
    assert_string_equal(show(&r, 0), "1946-01-06 mentioned");
    assert_string_equal(show(&r, 1), "2026-01-06 mentioned");
    done(&r);
    /* an exclude span given by the symbol extractor */
    const char *t = "theo văn bản 12 ABC ngày 05/3/2024 của Sở";
    size_t at = (size_t)(strstr(t, "12 ABC") - t);
    tracuu_span_t ex = {at, at + 6}; /* "12 ABC" */
    tracuu_dates_t d;
    tracuu_dates_extract(t, strlen(t), &ex, 1, &d);
    assert_int_equal(d.n_dates, 1);
    assert_int_equal(d.dates[0].role, TRACUU_DATE_CITED);
    tracuu_dates_free(&d);
    tracuu_dates_extract(t, strlen(t), NULL, 0, &d);
    assert_int_equal(d.dates[0].role, TRACUU_DATE_MENTIONED);
    tracuu_dates_free(&d);
}

static void test_date_role_deadline(void **state)
{
    (void)state;
    /* seed 003 and 004 */
    expect_one("- Phấn đấu đến ngày 31/5/2025, mỗi ban ngành", "2025-05-31 deadline");
    expect_one("gửi về Phòng Hành chính – Tổng hợp trước ngày 10/02/2024 .",
               "2024-02-10 deadline");
    expect_one("Quyết định này có hiệu lực kể từ ngày 01 tháng\n12 năm 2025.",
               "2025-12-01 deadline");
    expect_one("tính đến hết ngày 31/12/2025;", "2025-12-31 deadline");
    expect_one("Hạn chót: ngày 30/11/2025.", "2025-11-30 deadline");
    expect_one("chậm nhất là ngày 15/12/2025", "2025-12-15 deadline");
    expect_one("Chiều ngày 09 tháng 11 năm 2025, tại trụ sở", "2025-11-09 mentioned");
    /* a year is no deadline */
    expect_one("trước năm 2025, các xã", "2025 mentioned");
}

static void test_date_day_ranges_take_month_and_year_from_the_second(void **state)
{
    (void)state;
    run_t r;
    run(&r, "- Từ ngày 15/11 đến ngày\n20/11/2025, trên địa bàn tỉnh");
    assert_int_equal(r.d.n_dates, 2);
    assert_string_equal(show(&r, 0), "2025-11-15 deadline");
    assert_string_equal(show(&r, 1), "2025-11-20 deadline");
    assert_string_equal(span_text(&r, 0), "ngày 15/11");
    done(&r);
    run(&r, "trong các ngày 17 đến ngày 20 tháng 11 năm 2025 tỉnh Đắk Lắk");
    assert_int_equal(r.d.n_dates, 2);
    assert_string_equal(show(&r, 0), "2025-11-17 mentioned");
    assert_string_equal(show(&r, 1), "2025-11-20 deadline");
    done(&r);
    run(&r, "(Từ ngày 18 tháng 10 đến ngày 29 tháng 11 năm 2005)");
    assert_string_equal(show(&r, 0), "2005-10-18 deadline");
    assert_string_equal(show(&r, 1), "2005-11-29 deadline");
    done(&r);
    run(&r, "Từ ngày 16-20/11/2025, trên các sông");
    assert_int_equal(r.d.n_dates, 2);
    assert_string_equal(show(&r, 0), "2025-11-16 deadline");
    assert_string_equal(show(&r, 1), "2025-11-20 mentioned");
    done(&r);
    run(&r, "nghỉ từ ngày 25/12 đến ngày 05/01/2025");
    assert_string_equal(show(&r, 0), "2024-12-25 deadline");
    done(&r);
    /* no full date after the connector: nothing */
    expect_none("ngày 01/6 và 15/11 hằng năm");
    expect_none("từ ngày 01 tháng 01 và kết thúc vào ngày 31 tháng 12 của cùng năm");
}

/* ---- the API for other modules and for queries --------------------- */

static void test_date_parse_at_after_a_citation(void **state)
{
    (void)state;
    const char *t = "Chỉ thị số 34-CT/TW, ngày 07/4/2014 của Bộ Chính trị";
    size_t pos = strlen("Chỉ thị số 34-CT/TW");
    tracuu_date_t d;
    assert_true(tracuu_date_parse_at(t, strlen(t), pos, &d));
    assert_int_equal(d.year, 2014);
    assert_int_equal(d.month, 4);
    assert_int_equal(d.day, 7);
    assert_int_equal(d.role, TRACUU_DATE_MENTIONED);
    assert_int_equal(d.span.start, pos + 2);
    assert_int_equal(d.span.end, pos + strlen(", ngày 07/4/2014"));

    const char *u = "98/2023/NĐ-CP ngày 31 tháng 12\nnăm 2023 của Chính phủ";
    pos = strlen("98/2023/NĐ-CP");
    assert_true(tracuu_date_parse_at(u, strlen(u), pos, &d));
    assert_int_equal(d.year * 10000 + d.month * 100 + d.day, 20231231);

    const char *o = "53/KH-UBND ngay 14 thang 3 nidm 2024 ciia";
    assert_true(tracuu_date_parse_at(o, strlen(o), 10, &d));
    assert_int_equal(d.day, 14);
    /* straight digits, no "ngày" */
    assert_true(tracuu_date_parse_at("x 12/3/2021", 11, 1, &d));
    assert_int_equal(d.span.start, 2);

    const char *bad = "53/KH-UBND ngày 31/02/2024 của";
    assert_false(tracuu_date_parse_at(bad, strlen(bad), 10, &d));
    assert_false(tracuu_date_parse_at(t, strlen(t), strlen(t) - 3, &d));
    assert_false(tracuu_date_parse_at(t, strlen(t), strlen(t), &d));
    const char *cut = "ngày 12/3/20";
    assert_false(tracuu_date_parse_at(cut, strlen(cut), 0, &d));
    assert_false(tracuu_date_parse_at("ngày 17/17", strlen("ngày 17/17"), 0, &d));
}

static void expect_query(const char *q, int y, int m, int d)
{
    tracuu_date_t x;
    if (!tracuu_date_parse_query(q, strlen(q), &x))
        fail_msg("\"%s\" did not parse", q);
    assert_int_equal(x.year, y);
    assert_int_equal(x.month, m);
    assert_int_equal(x.day, d);
}

static void test_date_parse_query_forms(void **state)
{
    (void)state;
    expect_query("2014-04-07", 2014, 4, 7);
    expect_query("07/4/2014", 2014, 4, 7);
    expect_query("07/04/2014", 2014, 4, 7);
    expect_query("7.4.2014", 2014, 4, 7);
    expect_query("2024-02", 2024, 2, 0);
    expect_query("02/2024", 2024, 2, 0);
    expect_query("2/2024", 2024, 2, 0);
    expect_query("2024", 2024, 0, 0);
    expect_query(" 2024-2-29 ", 2024, 2, 29);
}

static void test_date_parse_query_rejects_impossible_and_malformed(void **state)
{
    (void)state;
    static const char *bad[] = {
        "31/02/2024", "29/02/2023", "2024-13", "13/2024", "2024-02-30", "0/2024",
        "2024-", "-2024", "abc", "", " ", "2024/02-01", "1/2/3/2024", "20245",
        "24", "07/04/14", "2024-02-01x", "1800", "2024..2025", "١٢/٣/٢٠٢٤"};
    tracuu_date_t x;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (tracuu_date_parse_query(bad[i], strlen(bad[i]), &x))
            fail_msg("\"%s\" parsed", bad[i]);
    assert_false(tracuu_date_parse_query(NULL, 0, &x));
}

static void test_date_parse_range_with_open_ends(void **state)
{
    (void)state;
    tracuu_date_t f, t;
    const char *a = "2024-01-01..2024-06-30";
    assert_true(tracuu_date_parse_range(a, strlen(a), &f, &t));
    assert_int_equal(tracuu_date_first_ymd(&f), 20240101);
    assert_int_equal(tracuu_date_last_ymd(&t), 20240630);
    assert_int_equal(t.span.start, 12);

    assert_true(tracuu_date_parse_range("2024-06..", 9, &f, &t));
    assert_int_equal(tracuu_date_first_ymd(&f), 20240601);
    assert_int_equal(t.year, 0);
    assert_int_equal(tracuu_date_last_ymd(&t), 99991231);

    assert_true(tracuu_date_parse_range("..2020", 6, &f, &t));
    assert_int_equal(f.year, 0);
    assert_int_equal(tracuu_date_first_ymd(&f), 0);
    assert_int_equal(tracuu_date_last_ymd(&t), 20201231);

    const char *b = "01/02/2024..29/02/2024";
    assert_true(tracuu_date_parse_range(b, strlen(b), &f, &t));
    const char *c = "2024-06-15..2024-06"; /* ends inside the same month */
    assert_true(tracuu_date_parse_range(c, strlen(c), &f, &t));

    static const char *bad[] = {"2024", "..", "2024-07..2024-06", "2024...2025",
                                "2024..2025..2026", "31/02/2024..2025",
                                "2024..x", "..2020-13", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (tracuu_date_parse_range(bad[i], strlen(bad[i]), &f, &t))
            fail_msg("\"%s\" parsed as a range", bad[i]);
}

static void test_date_format_and_day_bounds(void **state)
{
    (void)state;
    tracuu_date_t d = {.year = 2024, .month = 2, .day = 0};
    char b[16];
    assert_int_equal(tracuu_date_format(&d, b, sizeof b), 7);
    assert_string_equal(b, "2024-02");
    assert_int_equal(tracuu_date_last_ymd(&d), 20240229);
    d.month = 0;
    tracuu_date_format(&d, b, sizeof b);
    assert_string_equal(b, "2024");
    assert_int_equal(tracuu_date_first_ymd(&d), 20240101);
    d.month = 4;
    d.day = 7;
    tracuu_date_format(&d, b, 5);
    assert_string_equal(b, "2024");
    d.year = 0;
    assert_int_equal(tracuu_date_format(&d, b, sizeof b), 0);
    assert_string_equal(b, "");
    assert_string_equal(tracuu_date_role_name(TRACUU_DATE_ISSUED), "issued");
    assert_string_equal(tracuu_date_role_name(TRACUU_DATE_DEADLINE), "deadline");
    assert_string_equal(tracuu_date_role_name(TRACUU_DATE_ROLE_LAST), "?");
}

/* ---- robustness ---------------------------------------------------- */

static void test_date_exclude_spans_are_never_part_of_a_date(void **state)
{
    (void)state;
    const char *t = "ngày 12/3/2021 và 01/02/2024 và năm 2025";
    size_t a = (size_t)(strstr(t, "12/3") - t), b = (size_t)(strstr(t, "01/") - t);
    tracuu_span_t ex[] = {{a, a + 9}, {b, b + 2}};
    tracuu_dates_t d;
    tracuu_dates_extract(t, strlen(t), ex, 2, &d);
    assert_int_equal(d.n_dates, 1); /* only "năm 2025" */
    assert_int_equal(d.dates[0].year, 2025);
    assert_int_equal(d.dates[0].month, 0);
    tracuu_dates_free(&d);
    tracuu_span_t all = {0, strlen(t)};
    tracuu_dates_extract(t, strlen(t), &all, 1, &d);
    assert_int_equal(d.n_dates + d.n_periods, 0);
    tracuu_dates_free(&d);
}

static void test_date_no_crash_on_adversarial_input(void **state)
{
    (void)state;
    tracuu_dates_t d;
    tracuu_dates_extract("", 0, NULL, 0, &d);
    assert_int_equal(d.n_dates, 0);
    tracuu_dates_free(&d);
    tracuu_dates_extract(NULL, 0, NULL, 0, &d);
    tracuu_dates_free(&d);
    tracuu_dates_free(NULL);

    /* texts cut right after every prefix of a date */
    const char *full = "Hà Nội, ngày 24 tháng 11 năm 2025";
    for (size_t n = 0; n <= strlen(full); n++) {
        char *cut = malloc(n ? n : 1); /* exact size: ASan sees any overread */
        assert_non_null(cut);
        memcpy(cut, full, n);
        tracuu_dates_extract(cut, n, NULL, 0, &d);
        assert_true(d.n_dates <= 1);
        tracuu_dates_free(&d);
        tracuu_date_t x;
        tracuu_date_parse_at(cut, n, 0, &x);
        tracuu_date_parse_query(cut, n, &x);
        tracuu_date_t y;
        tracuu_date_parse_range(cut, n, &x, &y);
        free(cut);
    }

    /* repetitive and random texts */
    static const char *units[] = {"1", "1/", "ngày ", "năm 2024 ", "2021 - ",
                                  "/", "\xcc\x81", "\xe2\x80\x93", "tháng 1",
                                  "Luật A ", ", ngày 1/1/2024\n"};
    size_t big = 200000;
    char *buf = malloc(big);
    assert_non_null(buf);
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t ul = strlen(units[u]), n = 0;
        while (n + ul <= big) {
            memcpy(buf + n, units[u], ul);
            n += ul;
        }
        tracuu_dates_extract(buf, n, NULL, 0, &d);
        tracuu_dates_free(&d);
    }
    uint32_t x = 12345;
    static const char alphabet[] = "0123456789/-.,: \nngaythmăđ\xc3\xa1\xe1\xba";
    for (int round = 0; round < 20; round++) {
        for (size_t i = 0; i < big; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = alphabet[(x >> 16) % (sizeof alphabet - 1)];
        }
        tracuu_dates_extract(buf, big, NULL, 0, &d);
        for (size_t i = 0; i < d.n_dates; i++) {
            assert_true(d.dates[i].span.start < d.dates[i].span.end);
            assert_true(d.dates[i].span.end <= big);
            assert_true(tracuu_date_valid(d.dates[i].year,
                                          d.dates[i].month ? d.dates[i].month : 1,
                                          d.dates[i].day ? d.dates[i].day : 1));
        }
        tracuu_dates_free(&d);
    }
    free(buf);
}

/* ---- distinct extraction (documents) ------------------------------ */

static void test_date_distinct_counts_each_date_and_role_once(void **state)
{
    (void)state;
    const char *t = "ngày 5/6/2024, ngày 5 tháng 6 năm 2024 và ngày 05/06/2024; "
                    "hoàn thành trước ngày 5/6/2024; năm 2025; giai đoạn "
                    "2021 - 2025, giai đoạn 2021-2025 và giai đoạn 2026 - 2030.";
    tracuu_dates_t d;
    tracuu_dates_extract_distinct(t, strlen(t), NULL, 0, 100, 100, &d);
    assert_int_equal(d.n_dates, 3);
    assert_int_equal(d.dates[0].day, 5);
    assert_int_equal(d.dates[0].role, TRACUU_DATE_MENTIONED);
    assert_int_equal(d.dates[0].count, 3);
    assert_int_equal(d.dates[1].role, TRACUU_DATE_DEADLINE);
    assert_int_equal(d.dates[1].count, 1);
    assert_int_equal(d.dates[2].year, 2025);
    assert_int_equal(d.dates[2].month, 0);
    assert_int_equal(d.tally_dates.found, 5);
    assert_int_equal(d.tally_dates.distinct, 3);
    assert_int_equal(d.n_periods, 2);
    assert_int_equal(d.periods[0].count, 2);
    assert_int_equal(d.periods[1].from_year, 2026);
    assert_int_equal(d.tally_periods.found, 3);
    tracuu_dates_free(&d);
}

static void test_date_distinct_keeps_the_first_up_to_the_cap(void **state)
{
    (void)state;
    tracuu_buf_t b = {0};
    for (int i = 1; i <= 28; i++)
        tracuu_buf_printf(&b, "ngày %d/2/2024, giai đoạn %d - %d; ", i,
                          2000 + i, 2001 + i);
    tracuu_buf_puts(&b, "ngày 2/2/2024");
    tracuu_dates_t d;
    tracuu_dates_extract_distinct(b.s, b.len, NULL, 0, 10, 5, &d);
    assert_int_equal(d.n_dates, 10);
    assert_int_equal(d.dates[9].day, 10);
    assert_int_equal(d.dates[1].count, 2);
    assert_int_equal(d.tally_dates.found, 29);
    assert_int_equal(d.tally_dates.distinct, 28);
    assert_int_equal(d.tally_dates.kept, 10);
    assert_int_equal(d.n_periods, 5);
    assert_int_equal(d.tally_periods.distinct, 28);
    /* Every occurrence is counted once: as all of them are listed. */
    tracuu_dates_t all;
    tracuu_dates_extract(b.s, b.len, NULL, 0, &all);
    assert_int_equal(all.n_dates, d.tally_dates.found);
    assert_int_equal(all.n_periods, d.tally_periods.found);
    assert_int_equal(all.tally_dates.kept, all.n_dates);
    tracuu_dates_free(&all);
    tracuu_dates_free(&d);
    tracuu_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_slash_forms_with_and_without_zero_padding),
        cmocka_unit_test(test_date_dash_and_dot_forms_from_the_corpus),
        cmocka_unit_test(test_date_long_form_with_diacritics_and_capitals),
        cmocka_unit_test(test_date_long_form_without_diacritics_and_ocr_damage),
        cmocka_unit_test(test_date_words_in_decomposed_form),
        cmocka_unit_test(test_date_split_across_lines),
        cmocka_unit_test(test_date_month_precision),
        cmocka_unit_test(test_date_year_precision),
        cmocka_unit_test(test_date_calendar_validation_and_leap_years),
        cmocka_unit_test(test_date_rejects_lookalikes),
        cmocka_unit_test(test_date_law_name_year_is_not_a_date),
        cmocka_unit_test(test_date_periods_in_every_form),
        cmocka_unit_test(test_date_role_issued_from_the_header_line),
        cmocka_unit_test(test_date_role_issued_needs_a_header_line),
        cmocka_unit_test(test_date_role_cited_after_a_symbol_or_number),
        cmocka_unit_test(test_date_role_deadline),
        cmocka_unit_test(test_date_day_ranges_take_month_and_year_from_the_second),
        cmocka_unit_test(test_date_parse_at_after_a_citation),
        cmocka_unit_test(test_date_parse_query_forms),
        cmocka_unit_test(test_date_parse_query_rejects_impossible_and_malformed),
        cmocka_unit_test(test_date_parse_range_with_open_ends),
        cmocka_unit_test(test_date_format_and_day_bounds),
        cmocka_unit_test(test_date_exclude_spans_are_never_part_of_a_date),
        cmocka_unit_test(test_date_no_crash_on_adversarial_input),
        cmocka_unit_test(test_date_distinct_counts_each_date_and_role_once),
        cmocka_unit_test(test_date_distinct_keeps_the_first_up_to_the_cap),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
