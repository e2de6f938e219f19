/* test_movement.c: movement names after their introducers, on text from the seeds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "movement.h"
#include "normalize.h"
#include "testutil.h"

typedef struct found {
    char *text;
    tracuu_movements_t m;
} found_t;

/* Normalise s and extract its movements. */
static found_t run(const char *s)
{
    tracuu_norm_t n;
    assert_int_equal(tracuu_normalize(s, strlen(s), &n), 0);
    found_t f;
    assert_int_equal(tracuu_movements_extract(n.s, n.len, &f.m), 0);
    f.text = n.s;
    n.s = NULL;
    tracuu_norm_free(&n);
    return f;
}

static void done(found_t *f)
{
    tracuu_movements_free(&f->m);
    free(f->text);
}

/* The i-th movement has this kind and name, and its span holds the name
 * as written (line breaks and all). */
static void expect(const found_t *f, size_t i, tracuu_movement_kind_t kind,
                   const char *name)
{
    assert_true(i < f->m.n);
    assert_string_equal(f->m.v[i].name, name);
    assert_int_equal(f->m.v[i].kind, kind);
    tracuu_span_t sp = f->m.v[i].span;
    assert_true(sp.end > sp.start);
    char *k1 = tracuu_movement_key(f->text + sp.start, sp.end - sp.start);
    char *k2 = tracuu_movement_key(name, strlen(name));
    assert_string_equal(k1, k2);
    free(k1);
    free(k2);
}

/* ---- Introducers --------------------------------------------------------- */

static void test_phong_trao_thi_dua_quote_after_line_break(void **state)
{
    (void)state;
    found_t f = run("Kế hoạch số 4900/KH-UBND ngày 23/12/2021 của UBND tỉnh về phát động "
                    "Phong trào thi đua \n\n“Xây dựng, duy tu, bảo dưỡng, sửa chữa đường "
                    "giao thông nông thôn” giai đoạn 2021 \n\n- 2025.");
    assert_int_equal(f.m.n, 1);
    expect(&f, 0, TRACUU_MOVEMENT_PHONG_TRAO,
           "Xây dựng, duy tu, bảo dưỡng, sửa chữa đường giao thông nông thôn");
    assert_true(f.m.v[0].quoted);
    done(&f);
}

static void test_name_spans_line_breaks(void **state)
{
    (void)state;
    found_t f = run("- Tiếp tục đẩy mạnh thực hiện phong trào thi đua “Tây Ninh chung sức xây dựng \n\n"
                    "nông thôn mới”; củng cố, duy trì chất lượng các tiêu chí");
    assert_int_equal(f.m.n, 1);
    expect(&f, 0, TRACUU_MOVEMENT_PHONG_TRAO, "Tây Ninh chung sức xây dựng nông thôn mới");
    assert_string_equal(f.text + f.m.v[0].span.end, "”; củng cố, duy trì chất lượng các tiêu chí");
    done(&f);
}

static void test_introducer_broken_across_lines(void **state)
{
    (void)state;
    found_t f = run("triển khai thực hiện có hiệu quả phong \n\ntrào thi đua “Tây Ninh thi đua "
                    "xây dựng xã hội học tập, đẩy mạnh học tập suốt đời”. Tăng cường giáo dục; "
                    "Công văn số 260/UBND-KT của UBND tỉnh về việc tổ chức phong \n\ntrào “Tết "
                    "trồng cây đời đời nhớ ơn Bác Hồ” năm 2024.");
    assert_int_equal(f.m.n, 2);
    expect(&f, 0, TRACUU_MOVEMENT_PHONG_TRAO,
           "Tây Ninh thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời");
    expect(&f, 1, TRACUU_MOVEMENT_PHONG_TRAO, "Tết trồng cây đời đời nhớ ơn Bác Hồ");
    done(&f);
}

static void test_cuoc_van_dong(void **state)
{
    (void)state;
    found_t f = run("đẩy mạnh thực hiện Cuộc vận động “Người Việt Nam ưu \n\ntiên dùng hàng Việt "
                    "Nam”; thực hiện tốt Chỉ thị số 04/CT-UBND");
    assert_int_equal(f.m.n, 1);
    expect(&f, 0, TRACUU_MOVEMENT_CUOC_VAN_DONG, "Người Việt Nam ưu tiên dùng hàng Việt Nam");
    done(&f);
}

static void test_chu_de_thi_dua_heading_with_quote_lines_below(void **state)
{
    (void)state;
    found_t f = run("tượng, đúng thành tích, hướng vào thực chất. \n\nII. CHỦ ĐỀ THI ĐUA \n\n\n\n"
                    "“Điều hành linh hoạt, chủ động kịp thời, kỷ cương trách nhiệm, tăng tốc \n\n"
                    "sáng tạo, hiệu quả bền vững” \n\nIII. NỘI DUNG THI ĐUA \n\n");
    assert_int_equal(f.m.n, 1);
    expect(&f, 0, TRACUU_MOVEMENT_CHU_DE_THI_DUA,
           "Điều hành linh hoạt, chủ động kịp thời, kỷ cương trách nhiệm, tăng tốc sáng "
           "tạo, hiệu quả bền vững");
    done(&f);
}

static void test_chu_de_thi_dua_with_colon_and_broken(void **state)
{
    (void)state;
    found_t f = run("Song với chủ đề thi \nđua “Nêu cao tinh thần đoàn kết, ý chí quyết tâm, phấn "
                    "đấu thực hiện thắng lợi \nmục tiêu phát triển kinh tế - xã hội năm 2023”, cùng "
                    "với sự lãnh đạo\n\nChủ đề thi đua: “Đoàn kết, kỷ cương, sáng tạo, tăng tốc, "
                    "hiệu quả”\nI. MỤC ĐÍCH, YÊU CẦU\n");
    assert_int_equal(f.m.n, 2);
    expect(&f, 0, TRACUU_MOVEMENT_CHU_DE_THI_DUA,
           "Nêu cao tinh thần đoàn kết, ý chí quyết tâm, phấn đấu thực hiện thắng lợi mục "
           "tiêu phát triển kinh tế - xã hội năm 2023");
    expect(&f, 1, TRACUU_MOVEMENT_CHU_DE_THI_DUA,
           "Đoàn kết, kỷ cương, sáng tạo, tăng tốc, hiệu quả");
    done(&f);
}

static void test_chu_de(void **state)
{
    (void)state;
    found_t f = run("- Phát động toàn đơn vị hưởng ứng thi đua cải cách hành chính năm 2024 với \n\n"
                    "chủ đề “Đẩy mạnh cải cách hành chính; thực hiện đạo đức và văn hóa công vụ; xây \n\n"
                    "dựng nền hành chính hiện đại, năng động, trách nhiệm và linh hoạt”. Nội dung như sau:");
    assert_int_equal(f.m.n, 1);
    expect(&f, 0, TRACUU_MOVEMENT_CHU_DE,
           "Đẩy mạnh cải cách hành chính; thực hiện đạo đức và văn hóa công vụ; xây dựng "
           "nền hành chính hiện đại, năng động, trách nhiệm và linh hoạt");
    done(&f);
}

static void test_phuong_cham(void **state)
{
    (void)state;
    found_t f = run("- Thực hiện tốt phong trào thi đua “Lương y như từ mẫu” với phương châm “Siết \n\n"
                    "chặt kỷ cương, tăng cường y đức, nâng cao nghiệp vụ”. Nâng cao chất lượng khám; "
                    "tích cực thi đua theo phương châm “Ngành ngành thi đua, người người thi đua, "
                    "nhà nhà thi đua”.");
    assert_int_equal(f.m.n, 3);
    expect(&f, 0, TRACUU_MOVEMENT_PHONG_TRAO, "Lương y như từ mẫu");
    expect(&f, 1, TRACUU_MOVEMENT_PHUONG_CHAM,
           "Siết chặt kỷ cương, tăng cường y đức, nâng cao nghiệp vụ");
    expect(&f, 2, TRACUU_MOVEMENT_PHUONG_CHAM,
           "Ngành ngành thi đua, người người thi đua, nhà nhà thi đua");
    done(&f);
}

static void test_de_an_and_not_de_an_toan(void **state)
{
    (void)state;
    found_t f = run("Tiếp tục \n\ntriển khai có hiệu quả Đề án “Xác định danh tính hài cốt liệt sỹ còn "
                    "thiếu thông tin”, Kế hoạch thực hiện Đề án \n\n“Trồng một tỷ cây xanh giai đoạn "
                    "2021 - 2025” trên địa bàn tỉnh; bảo đảm để an “toàn”.");
    assert_int_equal(f.m.n, 2);
    expect(&f, 0, TRACUU_MOVEMENT_DE_AN, "Xác định danh tính hài cốt liệt sỹ còn thiếu thông tin");
    expect(&f, 1, TRACUU_MOVEMENT_DE_AN, "Trồng một tỷ cây xanh giai đoạn 2021 - 2025");
    done(&f);
}

static void test_chuyen_de_with_year_and_ve(void **state)
{
    (void)state;
    found_t f = run("gắn với thực hiện Chuyên đề năm 2024 về \n\n“Đẩy mạnh học tập và làm theo tư "
                    "tưỏng Hồ Chí Minh về thực hành tiết kiệm, đấu \n\ntranh phòng, chống tham "
                    "nhũng, tiêu cực, lãng phí”. \n\n");
    assert_int_equal(f.m.n, 1);
    /* tưỏng (a typo) is stored as normalised: tưởng. */
    expect(&f, 0, TRACUU_MOVEMENT_CHUYEN_DE,
           "Đẩy mạnh học tập và làm theo tư tưởng Hồ Chí Minh về thực hành tiết kiệm, đấu "
           "tranh phòng, chống tham nhũng, tiêu cực, lãng phí");
    done(&f);
}

static void test_ocr_forms_without_diacritics(void **state)
{
    (void)state;
    /* Seed 002, as OCR left it. */
    found_t f = run("chi dao cua Cép ty, Chinh quyén cac cip gan véi viéc thuc hién c6 hiéu qua\n"
                    "phong trao thi dua “Hoc tap va 1am theo tu tuong, dao dirc, phong cach HO Chi\n"
                    "Minh” va K& hoach sé 184-KH/TU ngay 27/12/2023 ctia Ban Thuong vu Tinh\n"
                    "uy vé thuc hién Chuyén dé nim 2024“D§y manh hoc tap va lam theo tu tudng,\n"
                    "dao durc, phong cach HO Chi Minh vé thuc hanh tiét kiém, dau tranh phong,\n"
                    "chéng tham nhiing, tiéu cuc, lang phi” 10ng ghép vao cudc hop co quan");
    assert_int_equal(f.m.n, 2);
    expect(&f, 0, TRACUU_MOVEMENT_PHONG_TRAO,
           "Hoc tap va 1am theo tu tuong, dao dirc, phong cach HO Chi Minh");
    expect(&f, 1, TRACUU_MOVEMENT_CHUYEN_DE,
           "D§y manh hoc tap va lam theo tu tudng, dao durc, phong cach HO Chi Minh vé thuc "
           "hanh tiét kiém, dau tranh phong, chéng tham nhiing, tiéu cuc, lang phi");
    done(&f);
}

static void test_straight_quotes(void **state)
{
    (void)state;
    found_t f = run("đẩy mạnh phong trào thi đua \"Dân vận khéo\" giai đoạn 2021 - 2025");
    assert_int_equal(f.m.n, 1);
    expect(&f, 0, TRACUU_MOVEMENT_PHONG_TRAO, "Dân vận khéo");
    done(&f);
}

/* ---- Lists ------------------------------------------------------------ */

static void test_list_after_one_introducer_with_semicolons(void **state)
{
    (void)state;
    found_t f = run("phong trào thi đua “Tây Ninh chung sức xây dựng nông thôn mới”; “Tây Ninh chung "
                    "tay vì người nghèo – Không để ai bị bỏ lại phía sau”; “Doanh nghiệp Tây Ninh hội "
                    "nhập và phát triển”; “Tây Ninh đẩy mạnh phát triển kết cấu hạ tầng đồng bộ,\n\n"
                    "hiện đại và thực hành tiết kiệm, chống lãng phí” và các phong trào thi đua do "
                    "tỉnh phát động như “Thi đua xây dựng Chính quyền điện tử”, “Dân vận khéo”, "
                    "“Đoàn kết, sáng tạo, nâng cao năng suất, chất lượng, hiệu quả, hội nhập quốc "
                    "tế” và các phong trào thi đua trên các lĩnh vực kinh tế");
    assert_int_equal(f.m.n, 7);
    expect(&f, 0, TRACUU_MOVEMENT_PHONG_TRAO, "Tây Ninh chung sức xây dựng nông thôn mới");
    expect(&f, 1, TRACUU_MOVEMENT_PHONG_TRAO,
           "Tây Ninh chung tay vì người nghèo – Không để ai bị bỏ lại phía sau");
    expect(&f, 2, TRACUU_MOVEMENT_PHONG_TRAO, "Doanh nghiệp Tây Ninh hội nhập và phát triển");
    expect(&f, 3, TRACUU_MOVEMENT_PHONG_TRAO,
           "Tây Ninh đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại và thực hành "
           "tiết kiệm, chống lãng phí");
    expect(&f, 4, TRACUU_MOVEMENT_PHONG_TRAO, "Thi đua xây dựng Chính quyền điện tử");
    expect(&f, 5, TRACUU_MOVEMENT_PHONG_TRAO, "Dân vận khéo");
    expect(&f, 6, TRACUU_MOVEMENT_PHONG_TRAO,
           "Đoàn kết, sáng tạo, nâng cao năng suất, chất lượng, hiệu quả, hội nhập quốc tế");
    done(&f);
}

static void test_list_with_introducers_between_and_kind_change(void **state)
{
    (void)state;
    found_t f = run("Trong đó trọng tâm là các phong trào thi đua: “Cán bộ, công chức, viên \n"
                    "chức, người lao động thi đua thực hiện văn hóa công sở”, phong trào “Toàn dân \n"
                    "đoàn kết xây dựng đời sống văn hóa”, phong trào thi đua “Cả nước chung sức xây \n"
                    "dựng nông thôn mới” và Phong trào thi đua “Cả nước thi đua xây dựng xã hội học \n"
                    "tập, đẩy mạnh học tập suốt đời” giai đoạn 2023 - 2030. Đẩy \n\nmạnh phong trào "
                    "thi đua “Dạy tốt, học tốt” và Cuộc vận động “Mỗi thầy giáo, cô giáo là một "
                    "tấm gương đạo đức, tự học và sáng tạo”, triển khai");
    assert_int_equal(f.m.n, 6);
    expect(&f, 0, TRACUU_MOVEMENT_PHONG_TRAO,
           "Cán bộ, công chức, viên chức, người lao động thi đua thực hiện văn hóa công sở");
    expect(&f, 1, TRACUU_MOVEMENT_PHONG_TRAO, "Toàn dân đoàn kết xây dựng đời sống văn hóa");
    expect(&f, 2, TRACUU_MOVEMENT_PHONG_TRAO, "Cả nước chung sức xây dựng nông thôn mới");
    expect(&f, 3, TRACUU_MOVEMENT_PHONG_TRAO,
           "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời");
    expect(&f, 4, TRACUU_MOVEMENT_PHONG_TRAO, "Dạy tốt, học tốt");
    expect(&f, 5, TRACUU_MOVEMENT_CUOC_VAN_DONG,
           "Mỗi thầy giáo, cô giáo là một tấm gương đạo đức, tự học và sáng tạo");
    done(&f);
}

static void test_list_as_bullets(void **state)
{
    (void)state;
    found_t f = run("Các cuộc vận động:\n- “Người Việt Nam ưu tiên dùng hàng Việt Nam”;\n"
                    "- “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”.\n"
                    "- Tuyên truyền gương “người tốt, việc tốt”.\n");
    assert_int_equal(f.m.n, 2);
    expect(&f, 0, TRACUU_MOVEMENT_CUOC_VAN_DONG, "Người Việt Nam ưu tiên dùng hàng Việt Nam");
    expect(&f, 1, TRACUU_MOVEMENT_CUOC_VAN_DONG,
           "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh");
    done(&f);
}

/* ---- Pitfalls ------------------------------------------------------------ */

static void test_scare_quotes_are_no_movements(void **state)
{
    (void)state;
    found_t f = run("tuyên truyền gương “người tốt, việc tốt”, các gương điển hình tiên tiến; "
                    "kịp thời phát hiện, xử lý những vấn đề “nóng”, bức xúc xã hội. Phòng ngừa tình \n"
                    "trạng suy thoái, “tự diễn biến”, “tự chuyển hóa” với việc thực hiện Chỉ thị. "
                    "Tổ chức thực hiện có hiệu quả \n\n“Ngày hội Đại đoàn kết toàn dân tộc”, đẩy mạnh. "
                    "Chỉ thị số 05-\nCT/TW của Bộ Chính trị về việc đẩy mạnh “học tập và làm theo tư "
                    "tưởng, đạo đức, phong cách Hồ Chí Minh”; các phong trào thi đua yêu nước.");
    /* The kind word inside the quotes ("“Ngày hội …”") and a national
     * name of data/movements.tsv are movements (movements-sample.md); the
     * scare quotes and the umbrella "các phong trào thi đua yêu nước" not. */
    assert_int_equal(f.m.n, 2);
    expect(&f, 0, TRACUU_MOVEMENT_NGAY_HOI, "Đại đoàn kết toàn dân tộc");
    expect(&f, 1, TRACUU_MOVEMENT_CUOC_VAN_DONG,
           "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh");
    done(&f);
}

static void test_title_of_a_resolution_is_no_movement(void **state)
{
    (void)state;
    found_t f = run("thực hiện Nghị quyết số 33-NQ/TW, ngày 09/6/2014 của Ban \n\nChấp hành Trung ương "
                    "về “Xây dựng và phát triển văn hóa, con người Việt Nam đáp \n\nứng yêu cầu phát "
                    "triển bền vững đất nước”. Tiếp tục thực hiện Chi thi s6 34-CT/TW ngay 07/4/2014 "
                    "ctia B6 Chinh tr\nvé “Tiép tuc d6i mdi cong tac thi dua, khen thuong”, phat huy");
    assert_int_equal(f.m.n, 0);
    done(&f);
}

static void test_introducer_then_other_words_before_quote(void **state)
{
    (void)state;
    /* "phong trào thi đua tiếp tục đẩy mạnh việc “…”": no name after the
     * introducer, but the quoted one is a national campaign of the table. */
    found_t f = run("về phát động phong trào thi đua tiếp tục đẩy mạnh việc “Học tập và làm "
                    "theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” trên địa bàn tỉnh");
    assert_int_equal(f.m.n, 1);
    expect(&f, 0, TRACUU_MOVEMENT_CUOC_VAN_DONG,
           "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh");
    done(&f);
}

static void test_unclosed_or_nested_quotes(void **state)
{
    (void)state;
    /* The unclosed quote is no quoted name; "Dân vận khéo" is one of the
     * table, found without its quotes. */
    found_t f = run("phong trào thi đua “Dân vận khéo và phong trào “Tuổi cao, gương sáng” nữa");
    assert_int_equal(f.m.n, 2);
    expect(&f, 0, TRACUU_MOVEMENT_PHONG_TRAO, "Dân vận khéo");
    assert_false(f.m.v[0].quoted);
    expect(&f, 1, TRACUU_MOVEMENT_PHONG_TRAO, "Tuổi cao, gương sáng");
    done(&f);
    f = run("phong trào thi đua “Xanh hóa trường học");
    assert_int_equal(f.m.n, 0);
    done(&f);
}

/* ---- Unquoted names ------------------------------------------------------- */

static void test_unquoted_name_closed_by_a_period(void **state)
{
    (void)state;
    found_t f = run("Tiếp tục thực hiện có hiệu quả Phong \n\ntrào thi đua thực hiện Đề án Cơ cấu lại "
                    "ngành nông nghiệp tỉnh Tây Ninh theo hướng \n\nnâng cao giá trị gia tăng và phát "
                    "triển bền vững giai đoạn 2021 - 2025; Phong trào thi \n\n\n\nđua thực hiện "
                    "Chương trình Quốc gia Mỗi xã một sản phẩm trên địa bàn tỉnh Tây Ninh \n\ngiai "
                    "đoạn 2021 - 2025.");
    assert_int_equal(f.m.n, 2);
    expect(&f, 0, TRACUU_MOVEMENT_PHONG_TRAO,
           "thực hiện Đề án Cơ cấu lại ngành nông nghiệp tỉnh Tây Ninh theo hướng nâng cao "
           "giá trị gia tăng và phát triển bền vững giai đoạn 2021 - 2025");
    assert_false(f.m.v[0].quoted);
    /* The name stops before "trên địa bàn …" (movements-sample.md). */
    expect(&f, 1, TRACUU_MOVEMENT_PHONG_TRAO,
           "thực hiện Chương trình Quốc gia Mỗi xã một sản phẩm");
    done(&f);
}

static void test_unquoted_left_out_without_a_sure_end(void **state)
{
    (void)state;
    found_t f = run("về phát động phong trào thi đua thực hiện nhiệm vụ cải cách hành chính và kiểm "
                    "soát thủ tục hành chính trên địa bàn tỉnh \n\nTây Ninh. Kế hoạch số 995/KH-UBND "
                    "về phát động phong trào thi đua thực hiện công tác phổ biến, \n\ngiáo dục pháp "
                    "luật; hòa giải ở cơ sở và xây dựng xã, phường, thị trấn đạt chuẩn tiếp \n\ncận "
                    "pháp luật trên địa bàn tỉnh Tây Ninh giai đoạn 2021 - 2025. Phát động phong "
                    "trào thi đua yêu nước trên địa bàn thành phố Tây Ninh giai đoạn 2021 - 2025. "
                    "Thực hiện phong trào thi đua hoàn thành xuất sắc nhiệm vụ thu, nộp ngân sách "
                    "nhà nước trên \n\nđịa bàn huyện năm 2024, đảm bảo thu đúng.");
    /* A plan's own emulation is a name (movements-sample.md); it ends
     * before "trên địa bàn", at ';'. The umbrella term is none. */
    assert_int_equal(f.m.n, 3);
    expect(&f, 0, TRACUU_MOVEMENT_PHONG_TRAO,
           "thực hiện nhiệm vụ cải cách hành chính và kiểm soát thủ tục hành chính");
    expect(&f, 1, TRACUU_MOVEMENT_PHONG_TRAO,
           "thực hiện công tác phổ biến, giáo dục pháp luật");
    expect(&f, 2, TRACUU_MOVEMENT_PHONG_TRAO,
           "hoàn thành xuất sắc nhiệm vụ thu, nộp ngân sách nhà nước");
    done(&f);
}

/* ---- Queries, keys, kinds ------------------------------------------------ */

static void test_query_normalised_like_names(void **state)
{
    (void)state;
    char *q = tracuu_movement_normalize("  “dân vận \n khéo”  ", strlen("  “dân vận \n khéo”  "));
    assert_string_equal(q, "dân vận khéo");
    free(q);
    q = tracuu_movement_normalize("\"Toàn dân đoàn kết xây dựng đời sống văn hoá\"",
                                  strlen("\"Toàn dân đoàn kết xây dựng đời sống văn hoá\""));
    assert_string_equal(q, "Toàn dân đoàn kết xây dựng đời sống văn hóa");
    free(q);
    q = tracuu_movement_normalize("", 0);
    assert_string_equal(q, "");
    free(q);
    assert_null(tracuu_movement_normalize(NULL, 0));
}

static void test_key_merges_case_dash_spacing_and_tone_placement(void **state)
{
    (void)state;
    const char *a = "Tây Ninh chung tay vì người nghèo – Không để ai bị bỏ lại phía sau";
    const char *b = "tây ninh chung tay vì người nghèo-không để ai bị bỏ lại  phía sau";
    char *ka = tracuu_movement_key(a, strlen(a)), *kb = tracuu_movement_key(b, strlen(b));
    assert_string_equal(ka, kb);
    assert_string_equal(ka, "tây ninh chung tay vì người nghèo-không để ai bị bỏ lại phía sau");
    free(ka);
    free(kb);
    const char *c = "Toàn dân đoàn kết xây dựng đời sống văn hoá";
    const char *d = "Toàn dân đoàn kết xây dựng đời sống văn hóa";
    ka = tracuu_movement_key(c, strlen(c));
    kb = tracuu_movement_key(d, strlen(d));
    assert_string_equal(ka, kb);
    free(ka);
    free(kb);
    /* Diacritics are kept: different words stay apart. */
    ka = tracuu_movement_key("Dân vận khéo", strlen("Dân vận khéo"));
    kb = tracuu_movement_key("Dân vân kheo", strlen("Dân vân kheo"));
    assert_string_not_equal(ka, kb);
    free(ka);
    free(kb);
}

static void test_kind_names_and_parsing(void **state)
{
    (void)state;
    tracuu_movement_kind_t k;
    assert_true(tracuu_movement_kind_parse("cuộc vận động", strlen("cuộc vận động"), &k));
    assert_int_equal(k, TRACUU_MOVEMENT_CUOC_VAN_DONG);
    assert_true(tracuu_movement_kind_parse("Cuoc-Van-Dong", strlen("Cuoc-Van-Dong"), &k));
    assert_int_equal(k, TRACUU_MOVEMENT_CUOC_VAN_DONG);
    assert_true(tracuu_movement_kind_parse("phong trào thi đua", strlen("phong trào thi đua"), &k));
    assert_int_equal(k, TRACUU_MOVEMENT_PHONG_TRAO);
    assert_true(tracuu_movement_kind_parse("chủ đề thi đua", strlen("chủ đề thi đua"), &k));
    assert_int_equal(k, TRACUU_MOVEMENT_CHU_DE_THI_DUA);
    assert_true(tracuu_movement_kind_parse("de an", 5, &k));
    assert_int_equal(k, TRACUU_MOVEMENT_DE_AN);
    assert_false(tracuu_movement_kind_parse("nghị quyết", strlen("nghị quyết"), &k));
    assert_false(tracuu_movement_kind_parse("", 0, &k));
    assert_string_equal(tracuu_movement_kind_name(TRACUU_MOVEMENT_CHUYEN_DE), "chuyên đề");
    assert_string_equal(tracuu_movement_kind_key(TRACUU_MOVEMENT_PHUONG_CHAM), "phuong-cham");
    assert_string_equal(tracuu_movement_kind_name(TRACUU_MOVEMENT_KIND_LAST), "");
    for (int i = 0; i < TRACUU_MOVEMENT_KIND_LAST; i++) {
        const char *key = tracuu_movement_kind_key((tracuu_movement_kind_t)i);
        assert_true(tracuu_movement_kind_parse(key, strlen(key), &k));
        assert_int_equal(k, i);
    }
}

/* ---- Robustness ------------------------------------------------------- */

static void test_name_across_the_window_cut(void **state)
{
    (void)state;
    /* Over a megabyte of filler, then a name that crosses the first
     * window's end: found once, whole. */
    size_t fill = (1u << 20) - 20; /* the cut falls inside the first name */
    const char *tail = "phong trào thi đua “Dân vận \nkhéo” và phong trào “Tuổi cao, gương sáng”\n";
    size_t n = fill + strlen(tail);
    char *b = malloc(n);
    for (size_t i = 0; i < fill; i++)
        b[i] = (i % 64 == 63 || i == fill - 1) ? '\n' : 'x';
    memcpy(b + fill, tail, strlen(tail));
    tracuu_movements_t m;
    assert_int_equal(tracuu_movements_extract(b, n, &m), 0);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.v[0].name, "Dân vận khéo");
    assert_string_equal(m.v[1].name, "Tuổi cao, gương sáng");
    tracuu_movements_free(&m);
    free(b);
}

static void test_empty_huge_and_adversarial_input(void **state)
{
    (void)state;
    tracuu_movements_t m;
    assert_int_equal(tracuu_movements_extract("", 0, &m), 0);
    assert_int_equal(m.n, 0);
    tracuu_movements_free(&m);
    assert_int_equal(tracuu_movements_extract(NULL, 0, &m), 0);
    tracuu_movements_free(&m);
    tracuu_movements_free(NULL);
    /* Truncated introducers and quotes at the very end of the buffer. */
    const char *ends[] = {"phong", "phong trào", "phong trào thi đua", "phong trào “",
                          "phong trào “x", "phong trào \"", "chủ đề thi đua:", "Đề án “a”",
                          "đề", "\xE2\x80", "phong trào thi đua thực hiện a b c giai đoạn",
                          "phong trào thi đua do", "phong trào thi đua do x y phát"};
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        size_t n = strlen(ends[i]);
        char *b = malloc(n);
        memcpy(b, ends[i], n);
        assert_int_equal(tracuu_movements_extract(b, n, &m), 0);
        tracuu_movements_free(&m);
        free(b);
    }
    /* Three megabytes of introducers and quotes in every order. */
    const char *parts[] = {"phong trào thi đua ", "“", "”", "; ", " và ", "\n\n",
                           "Dân vận khéo", "cuộc vận động ", "giai đoạn 2021 - 2025 ",
                           "thực hiện ", "do tỉnh phát động như ", "\"", "Đề án "};
    size_t cap = 3u << 20, n = 0;
    char *b = malloc(cap);
    uint32_t x = 7;
    while (1) {
        x = x * 1103515245u + 12345u;
        const char *p = parts[(x >> 16) % (sizeof parts / sizeof *parts)];
        size_t k = strlen(p);
        if (n + k > cap)
            break;
        memcpy(b + n, p, k);
        n += k;
    }
    assert_int_equal(tracuu_movements_extract(b, n, &m), 0);
    for (size_t i = 0; i < m.n; i++) {
        assert_true(m.v[i].span.end <= n);
        assert_true(m.v[i].span.start < m.v[i].span.end);
        if (i)
            assert_true(m.v[i - 1].span.start < m.v[i].span.start);
    }
    tracuu_movements_free(&m);
    free(b);
}

/* ---- The seeds against the checked list ----------------------------------- */

static const char *shared;

typedef struct entry {
    char *kind_key; /* "phong-trao" */
    char *key;      /* tracuu_movement_key of the name */
    char *name;
} entry_t;

typedef struct set {
    entry_t v[512];
    size_t n;
} set_t;

static bool set_has(const set_t *s, const char *kind, const char *key)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i].kind_key, kind) == 0 && strcmp(s->v[i].key, key) == 0)
            return true;
    return false;
}

static void set_add(set_t *s, const char *kind, const char *name, size_t len)
{
    char *key = tracuu_movement_key(name, len);
    if (set_has(s, kind, key) || s->n >= 512) {
        free(key);
        return;
    }
    s->v[s->n++] = (entry_t){strdup(kind), key, strndup(name, len)};
}

static void set_free(set_t *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].kind_key);
        free(s->v[i].key);
        free(s->v[i].name);
    }
    s->n = 0;
}

static void test_seed_movements_equal_checked_list(void **state)
{
    (void)state;
    static const char *const seeds[] = {
        "000_ffb5641f03d939c8.txt", "001_1c875772783dc719.txt", "002_0293d23315c98476.txt",
        "003_d36215ba802502f1.txt", "004_8c345a5aecb11603.txt",
    };
    static set_t got, want;
    char path[512];
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
        snprintf(path, sizeof path, "%s/seeds/%s", shared, seeds[i]);
        size_t len = 0;
        char *raw = tt_read_file(path, &len);
        assert_non_null(raw);
        tracuu_norm_t n;
        assert_int_equal(tracuu_normalize(raw, len, &n), 0);
        tracuu_movements_t m;
        tracuu_movements_extract(n.s, n.len, &m);
        for (size_t j = 0; j < m.n; j++)
            set_add(&got, tracuu_movement_kind_key(m.v[j].kind), m.v[j].name,
                    strlen(m.v[j].name));
        tracuu_movements_free(&m);
        tracuu_norm_free(&n);
        free(raw);
    }
    size_t len = 0;
    char *list = tt_read_file("tests/fixtures/seed-movements.txt", &len);
    assert_non_null(list);
    for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || !line[0])
            continue;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        size_t before = want.n;
        set_add(&want, line, tab + 1, strlen(tab + 1));
        assert_int_equal(want.n, before + 1); /* no duplicate in the list */
    }
    free(list);
    size_t missing = 0, extra = 0;
    for (size_t i = 0; i < want.n; i++)
        if (!set_has(&got, want.v[i].kind_key, want.v[i].key)) {
            printf("  missing: %s\t%s\n", want.v[i].kind_key, want.v[i].name);
            missing++;
        }
    for (size_t i = 0; i < got.n; i++)
        if (!set_has(&want, got.v[i].kind_key, got.v[i].key)) {
            printf("  not in the checked list: %s\t%s\n", got.v[i].kind_key, got.v[i].name);
            extra++;
        }
    printf("  %zu distinct movement names over the seeds\n", got.n);
    assert_true(want.n >= 35);
    assert_int_equal(missing, 0);
    assert_int_equal(extra, 0);
    set_free(&got);
    set_free(&want);
}

/* ---- Distinct extraction (documents) ------------------------------------- */

static void test_distinct_counts_each_kind_and_name_once(void **state)
{
    (void)state;
    /* Not a name of the table, whose kind would be the table's. */
    const char *t = "phong trào “Vì biển đảo quê hương”, phong trào “Vì biển đảo quê hương” và "
                    "cuộc vận động “Vì biển đảo quê hương”; phong trào “Vì biển  đảo\nquê hương”.";
    tracuu_movements_t m;
    assert_int_equal(tracuu_movements_extract_distinct(t, strlen(t), 100, &m), 0);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.v[0].name, "Vì biển đảo quê hương");
    assert_int_equal(m.v[0].kind, TRACUU_MOVEMENT_PHONG_TRAO);
    assert_int_equal(m.v[0].count, 3);
    assert_int_equal(m.v[1].kind, TRACUU_MOVEMENT_CUOC_VAN_DONG);
    assert_int_equal(m.v[1].count, 1);
    assert_int_equal(m.tally.found, 4);
    assert_int_equal(m.tally.distinct, 2);
    tracuu_movements_free(&m);
}

/* Over several windows of the scan, names repeated and new: the distinct
 * list counts what the full list holds, and keeps the first max. */
static void test_distinct_over_windows_and_the_cap(void **state)
{
    (void)state;
    tracuu_buf_t b = {0};
    for (int i = 0; i < 20000; i++) /* 1.2 MB: two windows */
        tracuu_buf_printf(&b, "phong trào “Dân vận khéo %d”, chủ đề “Năm %d”%s",
                          i % 40, i % 3, i % 7 ? " " : "\n");
    tracuu_movements_t all, m;
    tracuu_movements_extract(b.s, b.len, &all);
    tracuu_movements_extract_distinct(b.s, b.len, 30, &m);
    assert_true(b.len > (1u << 20));
    assert_int_equal(all.n, 40000);
    assert_int_equal(m.tally.found, all.n);
    assert_int_equal(m.tally.distinct, 43);
    assert_int_equal(m.n, 30);
    assert_string_equal(m.v[0].name, "Dân vận khéo 0");
    assert_int_equal(m.v[0].count, 500);
    assert_string_equal(m.v[1].name, "Năm 0");
    assert_int_equal(m.v[1].count, 6667);
    tracuu_movements_free(&all);
    tracuu_movements_free(&m);
    tracuu_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest unit[] = {
        cmocka_unit_test(test_phong_trao_thi_dua_quote_after_line_break),
        cmocka_unit_test(test_name_spans_line_breaks),
        cmocka_unit_test(test_introducer_broken_across_lines),
        cmocka_unit_test(test_cuoc_van_dong),
        cmocka_unit_test(test_chu_de_thi_dua_heading_with_quote_lines_below),
        cmocka_unit_test(test_chu_de_thi_dua_with_colon_and_broken),
        cmocka_unit_test(test_chu_de),
        cmocka_unit_test(test_phuong_cham),
        cmocka_unit_test(test_de_an_and_not_de_an_toan),
        cmocka_unit_test(test_chuyen_de_with_year_and_ve),
        cmocka_unit_test(test_ocr_forms_without_diacritics),
        cmocka_unit_test(test_straight_quotes),
        cmocka_unit_test(test_list_after_one_introducer_with_semicolons),
        cmocka_unit_test(test_list_with_introducers_between_and_kind_change),
        cmocka_unit_test(test_list_as_bullets),
        cmocka_unit_test(test_scare_quotes_are_no_movements),
        cmocka_unit_test(test_title_of_a_resolution_is_no_movement),
        cmocka_unit_test(test_introducer_then_other_words_before_quote),
        cmocka_unit_test(test_unclosed_or_nested_quotes),
        cmocka_unit_test(test_unquoted_name_closed_by_a_period),
        cmocka_unit_test(test_unquoted_left_out_without_a_sure_end),
        cmocka_unit_test(test_query_normalised_like_names),
        cmocka_unit_test(test_key_merges_case_dash_spacing_and_tone_placement),
        cmocka_unit_test(test_kind_names_and_parsing),
        cmocka_unit_test(test_name_across_the_window_cut),
        cmocka_unit_test(test_empty_huge_and_adversarial_input),
        cmocka_unit_test(test_distinct_counts_each_kind_and_name_once),
        cmocka_unit_test(test_distinct_over_windows_and_the_cap),
    };
    int failed = cmocka_run_group_tests_name("movement", unit, NULL, NULL);
    shared = tt_need_shared("test_movement");
    const struct CMUnitTest seeds[] = {
        cmocka_unit_test(test_seed_movements_equal_checked_list),
    };
    failed += cmocka_run_group_tests_name("movement_seeds", seeds, NULL, NULL);
    return failed;
}
