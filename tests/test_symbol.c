/* test_symbol.c: document symbols in text and queries, on lines taken from the seeds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "buf.h"
#include "doctables.h"
#include "fold.h"
#include "symbol.h"

/* ---- helpers ---- */

static tracuu_symbols_t extract(const char *text)
{
    tracuu_symbols_t s;
    assert_int_equal(tracuu_symbols_extract(text, strlen(text), &s), 0);
    return s;
}

/* The key of the only symbol in text. */
static void expect_one_key(const char *text, const char *key)
{
    tracuu_symbols_t s = extract(text);
    if (s.n != 1)
        fail_msg("%zu symbols in \"%s\", expected 1 (%s)", s.n, text, key);
    assert_string_equal(s.items[0].key, key);
    tracuu_symbols_free(&s);
}

static void expect_no_symbol(const char *text)
{
    tracuu_symbols_t s = extract(text);
    if (s.n != 0)
        fail_msg("\"%s\" gave symbol %s (raw \"%s\")", text, s.items[0].key,
                 s.items[0].raw);
    tracuu_symbols_free(&s);
}

/* The first symbol of text, copied (the array is freed). */
static tracuu_symbol_t first_symbol(const char *text)
{
    tracuu_symbols_t s = extract(text);
    if (s.n == 0)
        fail_msg("no symbol in \"%s\"", text);
    tracuu_symbol_t one = s.items[0];
    tracuu_symbols_free(&s);
    return one;
}

static const char *query_key(const char *q, tracuu_symbol_t *out)
{
    if (!tracuu_symbol_parse_query(q, strlen(q), out))
        return NULL;
    return out->key;
}

/* ---- spellings that must compare equal ---- */

static void test_symbol_party_and_state_spellings_share_a_key(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "thực hiện Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị",
        "thực hiện Chỉ thị số 34/CT-TW ngày 07/4/2014 của Bộ Chính trị",
        "thực hiện Chỉ thị số 34 CT/TW ngày 07/4/2014 của Bộ Chính trị",
        "thực hiện Chỉ thị số 34-CT/ TW ngày 07/4/2014",
        "thực hiện Chỉ thị số 34- CT/TW ngày 07/4/2014",
        "thực hiện Chỉ thị số 34–CT/TW ngày 07/4/2014",   /* en dash */
        "thực hiện Chỉ thị số 34—CT/TW ngày 07/4/2014",   /* em dash */
        "thực hiện Chỉ thị số 34 – CT/TW ngày 07/4/2014",
        "thực hiện chỉ thị số 34-ct/tw ngày 07/4/2014",
        "THỰC HIỆN CHỈ THỊ SỐ 34-CT/TW NGÀY 07/4/2014",
        "thực hiện Chỉ thị số 34-CT/TƯ ngày 07/4/2014",   /* TƯ is TW */
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        expect_one_key(texts[i], "34/CT-TW");
}

static void test_symbol_split_across_lines(void **state)
{
    (void)state;
    /* Seed 001 breaks the symbol after the dash. */
    const char *t = "tình trạng suy thoái, “tự diễn biến”, “tự chuyển hóa” với "
                    "việc thực hiện Chỉ thị số 05-\nCT/TW của Bộ Chính trị về "
                    "việc đẩy mạnh “học tập và làm theo tư tưởng";
    tracuu_symbol_t s = first_symbol(t);
    assert_string_equal(s.key, "5/CT-TW");
    assert_string_equal(s.raw, "05-\nCT/TW");
    assert_string_equal(s.display, "05-CT/TW");
    assert_int_equal(s.span.end - s.span.start, strlen("05-\nCT/TW"));
    assert_memory_equal(t + s.span.start, "05-\nCT/TW", s.span.end - s.span.start);
    assert_non_null(s.word);
    assert_string_equal(s.word->code, "CT");
    assert_string_equal(s.issuer_phrase, "Bộ Chính trị");

    /* A blank line too (seed 000 puts one between every two lines). */
    expect_one_key("Chỉ thị số 05- \n\nCT/TW, ngày 23/6/2021", "5/CT-TW");
    /* And a break after the type: "TT-\nBCT". */
    expect_one_key("Thông tư số 09/2025/TT-\nBCT ngày 01 tháng 02", "9/2025/TT-BCT");
}

static void test_symbol_stray_spaces_from_seed_000(void **state)
{
    (void)state;
    expect_one_key("các nội dung của Kế hoạch số 2035/KH- UBND \n\nngày 21/8/2014",
                   "2035/KH-UBND");
    expect_one_key("Tăng cường thực hiện Kế hoạch số 221/KH - LĐLĐ ngày 14/4/2021",
                   "221/KH-LĐLĐ");
    expect_one_key("tổ chức thực hiện Kết luận số 14- KL/TW, \n\nngày 22/9/2021",
                   "14/KL-TW");
    /* Seed 004. */
    expect_one_key("thực hiện tốt Nghị quyết số 358- NQ/ĐU \n\nngày 03/01/2023",
                   "358/NQ-ĐU");
}

static void test_symbol_lost_dd_restored_where_safe(void **state)
{
    (void)state;
    tracuu_symbol_t a = first_symbol(
        "- Tiếp tục triển khai thực hiện Quyết định số 1022/QD-UBND ngày 10/5/2021");
    tracuu_symbol_t b = first_symbol("Quyết định số 1022/QĐ-UBND ngày 10/5/2021");
    assert_string_equal(a.key, "1022/QĐ-UBND");
    assert_string_equal(a.key, b.key);
    assert_string_equal(a.type_code, "QĐ");
    assert_string_equal(a.display, "1022/QĐ-UBND");

    expect_one_key("Nghị định số 98/2023/ND-CP", "98/2023/NĐ-CP");
    expect_one_key("Nghị định số 98/2023/NĐ-CP", "98/2023/NĐ-CP");
    /* Seed 002 (OCR): a doubled dash and HĐND without its Đ. */
    tracuu_symbols_t all = extract(
        "Tap trung thuc hién thing loi Nghi quyét s6 05-NQ/TU ngay 12/12/2023\n"
        "21/NQ- -HDND ngay 19/12/2023 cta Hoi dong nhan dan thanh phd");
    assert_int_equal(all.n, 2);
    assert_string_equal(all.items[0].key, "5/NQ-TU");
    assert_string_equal(all.items[1].key, "21/NQ-HĐND");
    assert_string_equal(all.items[1].raw, "21/NQ- -HDND");
    assert_string_equal(all.items[1].display, "21/NQ-HĐND");
    assert_int_equal(all.items[1].date.day, 19);
    tracuu_symbols_free(&all);
    expect_one_key("Nghị quyết số 358-NQ/DU", "358/NQ-ĐU");
    /* HD is hướng dẫn: never made HĐ (hợp đồng). */
    expect_one_key("Hướng dẫn số 12/HD-UBND", "12/HD-UBND");
}

static void test_symbol_leading_zeros_dropped_from_key(void **state)
{
    (void)state;
    tracuu_symbol_t a = first_symbol("Kế hoạch số 0125/KH-UBND ngày 02/01/2025");
    tracuu_symbol_t b = first_symbol("Kế hoạch số 125/KH-UBND ngày 02/01/2025");
    assert_string_equal(a.key, "125/KH-UBND");
    assert_string_equal(a.key, b.key);
    assert_int_equal(a.number, 125);
    tracuu_symbol_t c = first_symbol("Số: 01/KH-UBND-CD");
    assert_string_equal(c.key, "1/KH-UBND-CD");
    assert_string_equal(c.display, "01/KH-UBND-CD"); /* NĐ 30: 0 below 10 */
    assert_int_equal(c.number, 1);
    assert_string_equal(c.issuer, "UBND-CD");
}

static void test_symbol_forms_of_real_text(void **state)
{
    (void)state;
    /* State with unit (seed 000). */
    tracuu_symbol_t a = first_symbol(
        "với thực hiện tốt Quyết định số 2169/QĐ-BNN-TCCB ngày 12/6/2020 của Bộ");
    assert_string_equal(a.key, "2169/QĐ-BNN-TCCB");
    assert_string_equal(a.type_code, "QĐ");
    assert_string_equal(a.issuer, "BNN-TCCB");
    assert_int_equal(a.year, 0);
    /* Legal-normative (seed 003). */
    tracuu_symbol_t b = first_symbol(
        "Căn cứ Thông tư số 01/2024/TT-BNV ngày 24 tháng 02 năm 2024 của Bộ Nội vụ");
    assert_string_equal(b.key, "1/2024/TT-BNV");
    assert_int_equal(b.year, 2024);
    assert_string_equal(b.display, "01/2024/TT-BNV");
    /* Công văn without type code (seed 000). */
    tracuu_symbol_t c = first_symbol("Công văn số 3543/UBND-NC ngày 12/10/2021");
    assert_string_equal(c.key, "3543/UBND-NC");
    assert_string_equal(c.type_code, "");
    assert_string_equal(c.issuer, "UBND-NC");
    assert_string_equal(tracuu_symbol_search_type(&c), "CV");
    tracuu_symbol_t d = first_symbol(
        "2021 - 2025, Công văn số 30/HĐTĐ ngày 25/01/2024 của Hội đồng Thi đua - Khen");
    assert_string_equal(d.key, "30/HĐTĐ");
    /* Laws carry no type code; the word in front names them. */
    tracuu_symbol_t e = first_symbol(
        "Căn cứ Luật Tổ chức chính\nquyền địa phương số 72/2025/QH15;");
    assert_string_equal(e.key, "72/2025/QH15");
    assert_non_null(e.word);
    assert_string_equal(e.word->code, "LUAT");
    assert_string_equal(tracuu_symbol_search_type(&e), "LUAT");
    expect_one_key("Luật số: 66/2006/QH 11", "66/2006/QH11");
    /* Party forms. */
    tracuu_symbol_t f = first_symbol(
        "động số 131-CTr/TU, ngày 18/9/2018 của Ban Thường vụ Tỉnh ủy về");
    assert_string_equal(f.key, "131/CTR-TU");
    assert_string_equal(f.display, "131-CTr/TU");
    assert_string_equal(f.type_code, "CTr");
    assert_true(f.party);
    tracuu_symbol_t g = first_symbol("Công văn số 399-CV/TU, ngày 20/10/2021");
    assert_string_equal(g.key, "399/CV-TU");
    assert_true(g.party);
    /* State written with an unknown Party-looking issuer stays as written. */
    tracuu_symbol_t h = first_symbol("Quyết định số 03-QĐ/BCĐ ngày 13/8/2025");
    assert_string_equal(h.key, "3/QĐ-BCĐ");
    assert_string_equal(h.display, "03-QĐ/BCĐ");
}

static void test_symbol_unusual_spellings_from_the_corpus(void **state)
{
    (void)state;
    /* A sub-number. */
    expect_one_key("Căn cứ Nghị quyết số\n66.2/2025/NQ-CP ngày 28 tháng 8",
                   "66.2/2025/NQ-CP");
    /* "số" glued to the number. */
    expect_one_key("tại Tờ trình số347/TTr-CP và", "347/TTR-CP");
    /* Cyrillic С and Р typed for Latin C and P. */
    expect_one_key("Nghị quyết số 66/NQ-\xd0\xa1\xd0\xa0 ngày 26/3/2025", "66/NQ-CP");
    /* A type glued to its issuer. */
    expect_one_key("Nghị định số 92/2017/NĐCP ngày 07/8/2017", "92/2017/NĐ-CP");
    /* A dash after the year. */
    expect_one_key("(gọi tắt là Nghị định số 255/2025-NĐ-CP)", "255/2025/NĐ-CP");
    /* Titles are uppercase: TTG is TTg. */
    tracuu_symbol_t a = first_symbol("TRIỂN KHAI QUYẾT ĐỊNH SỐ\n06/QĐ-TTG NGÀY 02");
    assert_string_equal(a.key, "6/QĐ-TTG");
    assert_string_equal(a.display, "06/QĐ-TTg");
    /* Issuer with & inside. */
    expect_one_key("Công văn số 9086/BNV-CTTN&BĐG ngày 08 tháng 10",
                   "9086/BNV-CTTN&BĐG");
    /* Old laws. */
    expect_one_key("Số: 18-L/CTN", "18/L-CTN");
}

/* ---- what must stay apart ---- */

static void expect_keys_differ(const char *a, const char *b)
{
    tracuu_symbol_t x = first_symbol(a);
    tracuu_symbol_t y = first_symbol(b);
    if (strcmp(x.key, y.key) == 0)
        fail_msg("\"%s\" and \"%s\" share key %s", a, b, x.key);
}

static void test_symbol_must_stay_apart(void **state)
{
    (void)state;
    expect_keys_differ("Hợp đồng số 12/HĐ-UBND", "Hướng dẫn số 12/HD-UBND");
    expect_keys_differ("Đề án số 5/ĐA-UBND", "Dự án số 5/DA-UBND");
    expect_keys_differ("Chỉ thị số 131-CT/TU", "Chương trình số 131-CTr/TU");
    expect_keys_differ("Thông tư số 3/TT-BNV", "Tờ trình số 3/TTr-BNV");
    expect_keys_differ("Quyết định số 8-QĐ/TW", "Quy định số 8-QĐi/TW");
    expect_keys_differ("Quyết định số 8/QĐ-UBND", "Quy định số 8/QyĐ-UBND");
    expect_keys_differ("Quy định số 8-QĐi/TW", "Quy định số 8/QyĐ-TW");
    expect_keys_differ("Chỉ thị số 5-CT/TW", "Chỉ thị số 5-CT/TU");
    expect_keys_differ("Chỉ thị số 5-CT/TU", "Chỉ thị số 5-CT/HU");
    expect_keys_differ("Chỉ thị số 5-CT/HU", "Chỉ thị số 5-CT/ĐU");
    expect_keys_differ("Chỉ thị số 5-CT/TƯ", "Chỉ thị số 5-CT/TU");
    expect_keys_differ("Thông tư số 01/2024/TT-BNV", "Thông tư số 01/2011/TT-BNV");
    expect_keys_differ("Nghị định số 01/2024/NĐ-CP", "Nghị quyết số 01/NQ-CP");
    /* CD is not restored to CĐ (công điện): it is a unit code elsewhere. */
    expect_keys_differ("Công điện số 12/CĐ-TTg", "Công điện số 12/CD-TTg");
    expect_one_key("Số: 01/KH-UBND-CD", "1/KH-UBND-CD");
    expect_one_key("Quy định số 08-QDi/TW", "8/QĐI-TW");

    tracuu_symbol_t tw = first_symbol("Chỉ thị số 5-CT/TƯ");
    assert_string_equal(tw.key, "5/CT-TW");
    assert_string_equal(tw.display, "05-CT/TW");
    tracuu_symbol_t qdi = first_symbol("Quy định số 08-QĐi/TW");
    assert_string_equal(qdi.key, "8/QĐI-TW");
    assert_string_equal(qdi.type_code, "QĐi");
    tracuu_symbol_t hd = first_symbol("Hợp đồng số 12/HĐ-UBND");
    assert_string_equal(hd.type_code, "HĐ");
}

/* ---- what is not a symbol ---- */

static void test_symbol_non_symbols_are_ignored(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Kết quả thực hiện hoàn thành 17/17 chỉ tiêu phát triển kinh tế - xã hội.",
        "ngày 07/4/2014 của Bộ Chính trị",
        "ngày 07-4-2014",
        "đạt 93,5% kế hoạch",
        "Sở GD&ĐT phối hợp",
        "phát triển KT-XH, bảo đảm QP-AN",
        "chiếm 1/2 diện tích; 2/3 thành viên",
        "giai đoạn 2021-2025",
        "giai đoạn 2021 - 2025, nhiệm kỳ 2020-2025",
        "Kế hoạch 5 năm (2021 - 2025)",
        "Điện thoại: 0276-3822-123; 0276.3822.123",
        "rà phá bom mìn vật nổ (QCVN 01:2022/BQP);",
        "Tiêu chuẩn cơ sở 661: 2018/BVTV quy trình",
        "theo mẫu số 01-ĐĐN-CT kèm theo Nghị quyết này",
        "tốc độ tới 80 km/h và lượng mưa 37 mm/h",
        "Nitrit (NO2--N), Phosphat (PO43- -P)",
        "lưu lượng từ 50 m3/ngày trở lên",
        "Bậc thợ 3/7",
        "1- Người bệnh có trách nhiệm tôn trọng thầy thuốc",
        "Quyết định số .../2025/QĐ-TTg ngày ... tháng ...",
        "Kế hoạch số 12/KH",            /* a type code alone: unfinished */
        "hộ thoát nước 12 ha/năm",
        "Thông tư số 123/abc-xyz",
        "năm 2024\n- Tổ chức thực hiện",
        "chỉ đạo 5 - UBND xã",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        expect_no_symbol(texts[i]);
}

/* ---- own number ---- */

static void test_symbol_own_number_is_not_a_citation(void **state)
{
    (void)state;
    /* Seed 003's header and first lines. */
    const char *t =
        "ỦY BAN NHÂN DÂN\nXÃ TRƯỜNG TÂY\nSố: 01/KH-UBND-CD\n"
        "Trường Tây, ngày 07 tháng 01 năm 2025\nKẾ HOẠCH\n"
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính "
        "phủ Quy định chi tiết thi hành một số điều của Luật Thi đua, Khen thưởng;\n";
    tracuu_symbols_t s = extract(t);
    assert_int_equal(s.n, 2);
    assert_true(s.items[0].own);
    assert_string_equal(s.items[0].key, "1/KH-UBND-CD");
    assert_null(s.items[0].word);
    assert_int_equal(s.items[0].date.year, 0);
    assert_false(s.items[1].own);
    assert_string_equal(s.items[1].key, "98/2023/NĐ-CP");
    tracuu_symbols_free(&s);

    /* "Số:" on its own line, the number on the next (the corpus). */
    tracuu_symbols_t u = extract("UBND\n---------------\n\nSố:\n2820/QĐ-UBND\n\n"
                                 "Thành phố Hồ\nChí Minh, ngày 19 tháng 11 năm 2025");
    assert_int_equal(u.n, 1);
    assert_true(u.items[0].own);
    tracuu_symbols_free(&u);

    /* A law's header. */
    tracuu_symbol_t law = first_symbol("QUỐC HỘI\nLuật số: 68/2020/QH14\nHà Nội");
    assert_true(law.own);

    /* Citations with "số:" and titles in capitals are not own numbers. */
    tracuu_symbol_t c1 = first_symbol("Phụ lục\n\n(Kèm\ntheo Quyết định số: 01779/QĐ-UBND ngày 19/11/2025");
    assert_false(c1.own);
    tracuu_symbol_t c2 = first_symbol("KẾ HOẠCH\n\nTRIỂN KHAI THỰC HIỆN\n"
                                      "CHỈ THỊ SỐ 32/CT-TTG NGÀY 21/10/2025");
    assert_false(c2.own);
    assert_string_equal(c2.word->code, "CT");
}

/* ---- citation context ---- */

static void test_symbol_citation_type_date_and_issuer(void **state)
{
    (void)state;
    /* Seed 000, last page. */
    tracuu_symbol_t a = first_symbol(
        "ngày 21/8/2014 của UBND tỉnh thực hiện Chỉ thị số 34-CT/TW ngày 07/4/2014 "
        "của \n\nBộ Chính trị về tiếp tục đổi mới công tác thi đua");
    assert_string_equal(a.key, "34/CT-TW");
    assert_string_equal(a.word->word, "Chỉ thị");
    assert_int_equal(a.date.year, 2014);
    assert_int_equal(a.date.month, 4);
    assert_int_equal(a.date.day, 7);
    assert_int_equal(a.date.role, TRACUU_DATE_CITED);
    assert_string_equal(a.issuer_phrase, "Bộ Chính trị");

    /* The date after a comma. */
    tracuu_symbol_t b = first_symbol(
        "Triển khai, thực hiện Nghị quyết số 41-NQ/TW, ngày 10/10/2023 của Bộ "
        "Chính trị về định hướng");
    assert_string_equal(b.word->code, "NQ");
    assert_int_equal(b.date.year, 2023);
    assert_int_equal(b.date.day, 10);
    assert_string_equal(b.issuer_phrase, "Bộ Chính trị");

    /* A date in words, an issuer followed by a capitalised verb. */
    tracuu_symbol_t c = first_symbol(
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính "
        "phủ Quy định chi tiết thi hành");
    assert_string_equal(c.word->word, "Nghị định");
    assert_int_equal(c.date.year, 2023);
    assert_int_equal(c.date.month, 12);
    assert_int_equal(c.date.day, 31);
    assert_string_equal(c.issuer_phrase, "Chính phủ");

    /* An issuer broken across lines with blank lines (seed 000). */
    tracuu_symbol_t d = first_symbol(
        "Thực hiện Kế hoạch số 47/KH-LĐLĐ, ngày 28/02/2024 của Ban Thường vụ \n\n"
        "Liên đoàn Lao động tỉnh về việc phát động phong trào thi đua");
    assert_string_equal(d.issuer_phrase, "Ban Thường vụ Liên đoàn Lao động tỉnh");
    assert_int_equal(d.date.month, 2);

    /* "và" inside a name goes on, lowercase "và các" ends it (seed 004). */
    tracuu_symbol_t e = first_symbol(
        "Thực hiện Kế hoạch số 08/KH-SLĐTBXH ngày 12/01/2024 của Sở Lao \n\n"
        "động - Thương binh và Xã hội về công tác thi đua");
    assert_string_equal(e.issuer_phrase, "Sở Lao động - Thương binh và Xã hội");
    tracuu_symbol_t f = first_symbol(
        "Nghị quyết số 06/NQ-CP ngày 21/01/2021 của Chính phủ và các bộ, ngành");
    assert_string_equal(f.issuer_phrase, "Chính phủ");

    /* Type word broken across lines, long type words. */
    tracuu_symbol_t g = first_symbol("đẩy mạnh thực hiện Kế \n\nhoạch số 870/KH-UBND ngày 29/4/2020");
    assert_string_equal(g.word->word, "Kế hoạch");
    tracuu_symbol_t h = first_symbol(
        "Chương trình hành động số 131-CTr/TU, ngày 18/9/2018 của Ban Thường vụ "
        "Tỉnh ủy về thực hiện");
    assert_string_equal(h.word->word, "Chương trình hành động");
    assert_string_equal(h.issuer_phrase, "Ban Thường vụ Tỉnh ủy");
    tracuu_symbol_t i = first_symbol("Thông báo Kết luận số 99- TB/TW ngày 21 tháng 11 năm 2025.");
    assert_string_equal(i.word->word, "Thông báo kết luận");

    /* No issuer given, a topic follows instead (seed 004). */
    tracuu_symbol_t j = first_symbol("Chỉ thị số 11/CT-UBND ngày 13/10/2020 về phát động");
    assert_string_equal(j.issuer_phrase, "");
    assert_int_equal(j.date.year, 2020);

    /* The issuer before the date. */
    tracuu_symbol_t k = first_symbol("Chỉ thị số 11/CT-UBND của UBND tỉnh ngày 23/11/2021 về");
    assert_string_equal(k.issuer_phrase, "UBND tỉnh");
    assert_int_equal(k.date.year, 2021);
    assert_int_equal(k.date.month, 11);

    /* No type word: nothing guessed. */
    tracuu_symbol_t l = first_symbol("theo 45/2020/NĐ-CP");
    assert_null(l.word);
    assert_int_equal(l.date.year, 0);
}

static void test_symbol_citation_context_in_ocr_text(void **state)
{
    (void)state;
    /* Seed 002 lost most diacritics. */
    tracuu_symbol_t a = first_symbol(
        " Tiép tuc thuc hién Chi thi s6 34-CT/TW ngay 07/4/2014 ctia B6 Chinh tr\n");
    assert_string_equal(a.key, "34/CT-TW");
    assert_non_null(a.word);
    assert_string_equal(a.word->code, "CT");
    assert_int_equal(a.date.year, 2014);
    assert_string_equal(a.issuer_phrase, "B6 Chinh tr");
    tracuu_symbol_t b = first_symbol(
        "Tiép tuc ddy manh thyc hién Ké hoach s 50/KH-UBND ngay 12/3/2021\n"
        "cia UBND thanh phé vé xay dung");
    assert_string_equal(b.word->code, "KH");
    assert_string_equal(b.issuer_phrase, "UBND thanh phé");
}

/* ---- queries ---- */

static void test_symbol_query_spellings_match_the_extractor(void **state)
{
    (void)state;
    tracuu_symbol_t q;
    static const char *const same[] = {
        "34-CT/TW", "34/CT-TW", "34 CT TW", "34-ct/tw", " 34–CT/TW ",
        "34 - CT / TW", "034-CT/TW", "34-CT/TƯ",
    };
    tracuu_symbol_t t = first_symbol("Chỉ thị số 34-CT/TW ngày 07/4/2014");
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        const char *k = query_key(same[i], &q);
        if (!k)
            fail_msg("query \"%s\" not parsed", same[i]);
        assert_string_equal(k, t.key);
    }
    assert_string_equal(query_key("98/2023/ND-CP", &q), "98/2023/NĐ-CP");
    assert_int_equal(q.year, 2023);
    assert_string_equal(q.display, "98/2023/NĐ-CP");
    assert_string_equal(query_key("98 2023 nd cp", &q), "98/2023/NĐ-CP");
    assert_string_equal(query_key("1022/QD-UBND", &q),
                        first_symbol("Quyết định số 1022/QD-UBND").key);
    assert_string_equal(query_key("01/KH-UBND-CD", &q), "1/KH-UBND-CD");
    assert_string_equal(query_key("3543/UBND-NC", &q), "3543/UBND-NC");
    assert_string_equal(query_key("30/HĐTĐ", &q), "30/HĐTĐ");
    assert_string_equal(query_key("11/CT-UBND", &q), "11/CT-UBND");
    assert_string_equal(query_key("05-CT/TW", &q),
                        first_symbol("Chỉ thị số 05-\nCT/TW").key);
    assert_string_equal(query_key("21/NQ-HĐND", &q),
                        first_symbol("21/NQ- -HDND ngay").key);
    assert_string_equal(query_key("131-ctr/tu", &q), "131/CTR-TU");
    assert_string_equal(query_key("01 KH UBND CD", &q), "1/KH-UBND-CD");
    assert_string_equal(query_key("68/2020/QH14", &q), "68/2020/QH14");
    assert_string_equal(q.type_code, "");

    static const char *const bad[] = {
        "", "   ", "34", "CT/TW", "34-", "34-CT", "abc", "2021-2025",
        "34-CT/TW extra", "12/KH", "07/4/2014", "17/17", "0/CT-TW",
        "34-CT/TW/", "1234567/CT-TW",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (tracuu_symbol_parse_query(bad[i], strlen(bad[i]), &q))
            fail_msg("query \"%s\" parsed as %s", bad[i], q.key);
    }
    assert_false(tracuu_symbol_parse_query(NULL, 0, &q));
}

static void expect_type_number(const char *s, const char *code, long n)
{
    char out[16];
    long num = -1;
    if (!tracuu_symbol_parse_type_number(s, strlen(s), out, sizeof out, &num))
        fail_msg("\"%s\" not parsed", s);
    assert_string_equal(out, code);
    assert_int_equal(num, n);
}

static void test_symbol_type_and_number_queries(void **state)
{
    (void)state;
    expect_type_number("chỉ thị 34", "CT", 34);
    expect_type_number("chi thi 34", "CT", 34);
    expect_type_number("Chỉ thị số 34", "CT", 34);
    expect_type_number("CHỈ THỊ SỐ: 034", "CT", 34);
    expect_type_number("CT 34", "CT", 34);
    expect_type_number("ct 34", "CT", 34);
    expect_type_number("chương trình hành động 131", "CTr", 131);
    expect_type_number("CTr 131", "CTr", 131);
    expect_type_number("công văn 3543", "CV", 3543);
    expect_type_number("QD 1022", "QĐ", 1022);
    expect_type_number("quyết định 1022", "QĐ", 1022);
    expect_type_number("hd 5", "HD", 5);
    expect_type_number("hướng dẫn 5", "HD", 5);
    expect_type_number("hợp đồng 5", "HĐ", 5);
    expect_type_number("HĐ 5", "HĐ", 5);
    expect_type_number("luật 45", "LUAT", 45);
    expect_type_number("thông tri 3", "TT", 3);

    char out[16];
    long n;
    static const char *const bad[] = {
        "34", "chỉ thị", "xyz 34", "chỉ thị 0", "chỉ thị 34a", "", "34 chỉ thị",
        "chỉ thị 1234567",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(tracuu_symbol_parse_type_number(bad[i], strlen(bad[i]), out,
                                                     sizeof out, &n));
    char tiny[2];
    assert_false(tracuu_symbol_parse_type_number("chỉ thị 34", strlen("chỉ thị 34"),
                                                 tiny, sizeof tiny, &n));
}

/* ---- the whole seed paragraph, and robustness ---- */

static void test_symbol_seed_000_paragraph(void **state)
{
    (void)state;
    /* Seed 000, lines 482-496, as extracted (blank line between lines). */
    const char *t =
        "- Thực hiện tốt Công văn số 399-CV/TU, ngày 20/10/2021 của Ban Thường vụ \n\n"
        "Tỉnh ủy về việc quán triệt, triển khai và tổ chức thực hiện Kết luận số 14- KL/TW, \n\n"
        "ngày 22/9/2021 của Bộ Chính trị về chủ trương khuyến khích và bảo vệ cán bộ năng \n\n"
        "động, sáng tạo vì lợi ích chung; Nghị định số 73/2023/NĐ-CP ngày 29/9/2023 của \n\n"
        "Chính phủ quy định về khuyến khích cán bộ, công chức, viên chức năng động, \n\n"
        "sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung. \n\n"
        "- Thực hiện tốt Công văn số 987-CV/TU, ngày 22/11/2023 của Ban Thường vụ \n";
    tracuu_symbols_t s = extract(t);
    assert_int_equal(s.n, 4);
    static const char *const keys[] = {"399/CV-TU", "14/KL-TW", "73/2023/NĐ-CP",
                                       "987/CV-TU"};
    static const char *const issuers[] = {"Ban Thường vụ Tỉnh ủy", "Bộ Chính trị",
                                          "Chính phủ", "Ban Thường vụ"};
    static const int days[] = {20, 22, 29, 22};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(s.items[i].key, keys[i]);
        assert_string_equal(s.items[i].issuer_phrase, issuers[i]);
        assert_int_equal(s.items[i].date.day, days[i]);
        assert_false(s.items[i].own);
        assert_true(s.items[i].span.start < s.items[i].span.end);
        if (i)
            assert_true(s.items[i - 1].span.end <= s.items[i].span.start);
    }
    tracuu_symbols_free(&s);
}

static void test_symbol_survives_adversarial_input(void **state)
{
    (void)state;
    tracuu_symbols_t s;
    assert_int_equal(tracuu_symbols_extract(NULL, 0, &s), 0);
    assert_int_equal(s.n, 0);
    assert_int_equal(tracuu_symbols_extract(NULL, 5, &s), -1);
    assert_int_equal(tracuu_symbols_extract("x", 1, NULL), -1);
    tracuu_symbols_free(NULL);

    /* Truncated at every byte: no read past the end (ASan watches). */
    const char *full = "Số: 01/KH-UBND-CD Chỉ thị số 34-CT/TW, ngày 07/4/2014 của Bộ";
    size_t fl = strlen(full);
    for (size_t n = 0; n <= fl; n++) {
        char *copy = tracuu_xmalloc(n ? n : 1);
        memcpy(copy, full, n);
        assert_int_equal(tracuu_symbols_extract(copy, n, &s), 0);
        tracuu_symbols_free(&s);
        free(copy);
    }

    /* Large and repetitive: linear time, every symbol found. */
    static const char *const units[] = {
        "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị; ",
        "1/", "1-A/", "9999999999", "12/KH-", "- -", "của ", "Số: ",
        "1/2/3/4/5/6/", "\xef\xbf\xbd", "12 CT ", "\n\n\n\n", "34-CT/TW-A-B-C-D-E-F-G",
    };
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        tracuu_buf_t b = {0};
        size_t reps = 1000000 / strlen(units[u]) + 1;
        for (size_t r = 0; r < reps; r++)
            tracuu_buf_puts(&b, units[u]);
        clock_t c0 = clock();
        assert_int_equal(tracuu_symbols_extract(b.s, b.len, &s), 0);
        double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
        if (u == 0)
            assert_int_equal(s.n, reps);
        if (secs > 20.0)
            fail_msg("unit %zu took %.1f s on %zu bytes", u, secs, b.len);
        for (size_t i = 0; i < s.n; i++) {
            assert_true(strlen(s.items[i].key) <= TRACUU_SYMBOL_KEY_MAX);
            assert_true(s.items[i].span.end <= b.len);
        }
        tracuu_symbols_free(&s);
        tracuu_buf_free(&b);
    }
}

static void test_symbol_keys_are_uppercase_and_short(void **state)
{
    (void)state;
    tracuu_symbols_t s = extract(
        "34-ct/tw; 131-CTr/TU; 08-QĐi/TW; 5/QyĐ-UBND; 12/kh-ubnd; 19/CT-TTg; "
        "1/2024/tt-bnv; 66.2/2025/NQ-CP; 01/KH-UBND-CD-A-B-C-D");
    assert_true(s.n >= 9);
    for (size_t i = 0; i < s.n; i++) {
        const char *k = s.items[i].key;
        assert_true(strlen(k) <= TRACUU_SYMBOL_KEY_MAX);
        for (const char *p = k; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                fail_msg("lowercase in key %s", k);
        assert_null(strstr(k, "\xc4\x91")); /* đ */
    }
    tracuu_symbols_free(&s);
}

/* ---- the tables ---- */

static void test_symbol_tables_are_consistent(void **state)
{
    (void)state;
    tracuu_buf_t f = {0};
    for (const tracuu_typeword_t *tw = tracuu_typewords; tw->word; tw++) {
        tracuu_buf_clear(&f);
        tracuu_fold_ascii(tw->word, strlen(tw->word), &f);
        if (strcmp(f.s, tw->folded) != 0)
            fail_msg("type word %s folds to %s, table says %s", tw->word, f.s,
                     tw->folded);
        if (!tracuu_doctype_find(tw->code, strlen(tw->code), true))
            fail_msg("type word %s names unknown code %s", tw->word, tw->code);
        assert_ptr_equal(tracuu_typeword_find(tw->folded, strlen(tw->folded)), tw);
    }
    tracuu_buf_free(&f);
    for (const tracuu_doctype_t *t = tracuu_doctypes; t->code; t++) {
        assert_ptr_equal(tracuu_doctype_find(t->code, strlen(t->code), true), t);
        if (t->lost_dd) {
            /* The lost spelling differs only by Đ -> D and names no other type. */
            assert_true(strlen(t->lost_dd) + 1 == strlen(t->code));
            assert_ptr_equal(tracuu_doctype_find(t->lost_dd, strlen(t->lost_dd), true), t);
        }
    }
    for (const tracuu_issuer_t *i = tracuu_issuers; i->code; i++) {
        assert_ptr_equal(tracuu_issuer_find(i->code, strlen(i->code)), i);
        assert_null(tracuu_doctype_find(i->code, strlen(i->code), false));
    }
    /* The pairs that must stay apart are apart in the tables too. */
    assert_ptr_not_equal(tracuu_doctype_find("HD", 2, false),
                         tracuu_doctype_find("HĐ", 3, false));
    assert_ptr_not_equal(tracuu_doctype_find("DA", 2, false),
                         tracuu_doctype_find("ĐA", 3, false));
    assert_ptr_not_equal(tracuu_issuer_find("TU", 2), tracuu_issuer_find("TƯ", 3));
    assert_ptr_equal(tracuu_issuer_find("TƯ", 3), tracuu_issuer_find("TW", 2));
    assert_true(tracuu_code_equal("ttg", 3, "TTg"));
    assert_false(tracuu_code_equal("TT", 2, "TTg"));
    assert_false(tracuu_code_equal("HD", 2, "HĐ"));
}

/* ---- distinct extraction (documents) ---- */

static void test_symbol_distinct_counts_repeats_and_joins_spans(void **state)
{
    (void)state;
    const char *t = "số 34-CT/TW, số 34-CT/TW và số 34-CT/TW; số 19/CT-TTg "
                    "ngày 5 tháng 6 năm 2024 và số 34-CT/TW.";
    tracuu_symbols_t s;
    tracuu_span_t *sp = NULL;
    size_t n_sp = 0;
    assert_int_equal(tracuu_symbols_extract_distinct(t, strlen(t), 100, &s,
                                                     &sp, &n_sp), 0);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.items[0].key, "34/CT-TW");
    assert_int_equal(s.items[0].count, 4);
    assert_string_equal(s.items[1].key, "19/CT-TTG");
    assert_int_equal(s.items[1].count, 1);
    assert_int_equal(s.tally.found, 5);
    assert_int_equal(s.tally.distinct, 2);
    assert_int_equal(s.tally.kept, 2);
    /* The first four are one span (no digit between them), the date
     * keeps the last apart. */
    assert_int_equal(n_sp, 2);
    assert_int_equal(sp[0].start, strlen("số "));
    assert_int_equal(sp[0].end, strstr(t, " ngày") - t);
    assert_int_equal(sp[1].end, strlen(t) - 1);
    free(sp);
    tracuu_symbols_free(&s);
}

static void test_symbol_distinct_keeps_the_first_up_to_the_cap(void **state)
{
    (void)state;
    tracuu_buf_t b = {0};
    for (int i = 1; i <= 50; i++)
        tracuu_buf_printf(&b, "số %d-CT/TW ", i);
    tracuu_buf_puts(&b, "số 3-CT/TW số 40-CT/TW");
    tracuu_symbols_t s;
    tracuu_span_t *sp = NULL;
    size_t n_sp = 0;
    tracuu_symbols_extract_distinct(b.s, b.len, 10, &s, &sp, &n_sp);
    assert_int_equal(s.n, 10);
    assert_string_equal(s.items[0].key, "1/CT-TW");
    assert_string_equal(s.items[9].key, "10/CT-TW");
    assert_int_equal(s.items[2].count, 2); /* a kept one still counts */
    assert_int_equal(s.tally.found, 52);
    assert_int_equal(s.tally.distinct, 50);
    assert_int_equal(s.tally.kept, 10);
    /* Every symbol is still skipped by the date extractor. */
    assert_int_equal(sp[0].start, strlen("số "));
    assert_int_equal(sp[n_sp - 1].end, b.len);
    free(sp);
    tracuu_symbols_free(&s);
    tracuu_buf_free(&b);
}

/* The joined spans give the dates every span apart gives. */
static void test_symbol_distinct_spans_give_the_same_dates(void **state)
{
    (void)state;
    const char *t =
        "Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, Nghị "
        "định số 98/2023/NĐ-CP ngày 31/12/2023, số 34-CT/TW, 34/CT-TW (ngày "
        "07/4/2014); 1022/QĐ-UBND, ngày 20/11/2025 số 12/KH-UBND 2024/KH "
        "năm 2024 và 21/NQ-HĐND ngày 5 tháng 6 năm 2024 đến ngày 30/6/2024.";
    tracuu_symbols_t all, dist;
    tracuu_dates_t d1, d2;
    tracuu_symbols_extract(t, strlen(t), &all);
    tracuu_span_t *sp1 = calloc(all.n + 1, sizeof *sp1), *sp2 = NULL;
    for (size_t i = 0; i < all.n; i++)
        sp1[i] = all.items[i].span;
    size_t n2 = 0;
    tracuu_symbols_extract_distinct(t, strlen(t), 100, &dist, &sp2, &n2);
    assert_true(n2 < all.n);
    tracuu_dates_extract(t, strlen(t), sp1, all.n, &d1);
    tracuu_dates_extract(t, strlen(t), sp2, n2, &d2);
    assert_true(d1.n_dates >= 5);
    assert_int_equal(d1.n_dates, d2.n_dates);
    for (size_t i = 0; i < d1.n_dates; i++) {
        assert_int_equal(d1.dates[i].day, d2.dates[i].day);
        assert_int_equal(d1.dates[i].year, d2.dates[i].year);
        assert_int_equal(d1.dates[i].role, d2.dates[i].role);
        assert_int_equal(d1.dates[i].span.start, d2.dates[i].span.start);
    }
    free(sp1);
    free(sp2);
    tracuu_dates_free(&d1);
    tracuu_dates_free(&d2);
    tracuu_symbols_free(&all);
    tracuu_symbols_free(&dist);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_symbol_party_and_state_spellings_share_a_key),
        cmocka_unit_test(test_symbol_split_across_lines),
        cmocka_unit_test(test_symbol_stray_spaces_from_seed_000),
        cmocka_unit_test(test_symbol_lost_dd_restored_where_safe),
        cmocka_unit_test(test_symbol_leading_zeros_dropped_from_key),
        cmocka_unit_test(test_symbol_forms_of_real_text),
        cmocka_unit_test(test_symbol_unusual_spellings_from_the_corpus),
        cmocka_unit_test(test_symbol_must_stay_apart),
        cmocka_unit_test(test_symbol_non_symbols_are_ignored),
        cmocka_unit_test(test_symbol_own_number_is_not_a_citation),
        cmocka_unit_test(test_symbol_citation_type_date_and_issuer),
        cmocka_unit_test(test_symbol_citation_context_in_ocr_text),
        cmocka_unit_test(test_symbol_query_spellings_match_the_extractor),
        cmocka_unit_test(test_symbol_type_and_number_queries),
        cmocka_unit_test(test_symbol_seed_000_paragraph),
        cmocka_unit_test(test_symbol_survives_adversarial_input),
        cmocka_unit_test(test_symbol_keys_are_uppercase_and_short),
        cmocka_unit_test(test_symbol_tables_are_consistent),
        cmocka_unit_test(test_symbol_distinct_counts_repeats_and_joins_spans),
        cmocka_unit_test(test_symbol_distinct_keeps_the_first_up_to_the_cap),
        cmocka_unit_test(test_symbol_distinct_spans_give_the_same_dates),
    };
    return cmocka_run_group_tests_name("symbol", tests, NULL, NULL);
}
