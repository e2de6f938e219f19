/* test_relation.c: relation types of citations (lib/relation.c) on real sentences and on the hand-checked sample.
 *
 *   test_relation                  the unit tests, then the sample's score
 *   test_relation --dump FILE...   one line per citation of each file:
 *                                  path, line, symbol, relation (the input
 *                                  of scripts/score-relations)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "normalize.h"
#include "relation.h"
#include "symbol.h"
#include "testutil.h"

typedef struct rels {
    tracuu_norm_t norm;
    tracuu_symbols_t syms;
    tracuu_relation_t *rel;
} rels_t;

static int rels_of(const char *text, size_t len, rels_t *r)
{
    memset(r, 0, sizeof *r);
    if (tracuu_normalize(text, len, &r->norm) != 0)
        return -1;
    if (tracuu_symbols_extract(r->norm.s, r->norm.len, &r->syms) != 0)
        return -1;
    r->rel = calloc(r->syms.n + 1, sizeof *r->rel);
    if (!r->rel)
        return -1;
    return tracuu_relations_classify(r->norm.s, r->norm.len, &r->syms,
                                     r->rel);
}

static void rels_free(rels_t *r)
{
    free(r->rel);
    tracuu_symbols_free(&r->syms);
    tracuu_norm_free(&r->norm);
}

/* The relation slug of the citation whose display form is sym in text. */
static const char *rel_in(const char *text, const char *sym)
{
    static char slug[32];
    rels_t r;
    assert_int_equal(rels_of(text, strlen(text), &r), 0);
    snprintf(slug, sizeof slug, "(%s not found)", sym);
    for (size_t i = 0; i < r.syms.n; i++)
        if (!strcmp(r.syms.items[i].display, sym)) {
            snprintf(slug, sizeof slug, "%s", tracuu_relation_slug(r.rel[i]));
            break;
        }
    rels_free(&r);
    return slug;
}

/* Sentences of ../shared/corpus, as written there. */
static void test_preamble(void **state)
{
    (void)state;
    const char *t =
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n"
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của "
        "Chính phủ về công tác văn thư;\n"
        "Theo đề nghị của Sở Tài chính tại Công văn số 11033/STC-CSTH ngày "
        "29 tháng 10 năm 2025.\n";
    assert_string_equal(rel_in(t, "72/2025/QH15"), "can-cu");
    assert_string_equal(rel_in(t, "30/2020/NĐ-CP"), "can-cu");
    assert_string_equal(rel_in(t, "11033/STC-CSTH"), "mentioned");
}

static void test_implements(void **state)
{
    (void)state;
    const char *t =
        "QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch "
        "triển khai Quyết định số 06/QĐ-TTg ngày 02 tháng 01 năm 2025 của "
        "Thủ tướng Chính phủ.\n"
        "Tổ chức quán triệt, triển khai thực hiện Chỉ thị số 41-CT/TW, "
        "Kế hoạch số 319-KH/TU.\n";
    assert_string_equal(rel_in(t, "06/QĐ-TTg"), "thuc-hien");
    assert_string_equal(rel_in(t, "41-CT/TW"), "thuc-hien");
    assert_string_equal(rel_in(t, "319-KH/TU"), "thuc-hien");
}

static void test_acts(void **state)
{
    (void)state;
    const char *t =
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký và thay thế "
        "Quyết định số 15/2023/QĐ-UBND ngày 10 tháng 4 năm 2023.\n"
        "Điều 4. Bãi bỏ Quyết định số 29/2024/QĐ-UBND.\n"
        "2. Luật Du lịch số 44/2005/QH11 hết hiệu lực kể từ ngày Luật "
        "này có hiệu lực thi hành.\n"
        "Điều 140. Sửa đổi, bổ sung Điều 4 của Luật Quy hoạch đô thị số "
        "30/2009/QH12 như sau:\n";
    assert_string_equal(rel_in(t, "15/2023/QĐ-UBND"), "thay-the");
    assert_string_equal(rel_in(t, "29/2024/QĐ-UBND"), "bai-bo");
    assert_string_equal(rel_in(t, "44/2005/QH11"), "bai-bo");
    assert_string_equal(rel_in(t, "30/2009/QH12"), "sua-doi");
}

static void test_mentions(void **state)
{
    (void)state;
    const char *t =
        "Việc chôn cất thực hiện theo quy định tại Nghị định số "
        "23/2016/NĐ-CP ngày 05 tháng 4 năm 2016.\n"
        "Các quy định nêu trên tiếp tục được cụ thể hóa tại Quyết định số "
        "1077/QĐ-TTPVHCC.\n"
        "Sở Tư pháp tham mưu sửa đổi, bổ sung hoặc thay thế Quyết định số "
        "12/2021/QĐ-UBND.\n";
    assert_string_equal(rel_in(t, "23/2016/NĐ-CP"), "mentioned");
    assert_string_equal(rel_in(t, "1077/QĐ-TTPVHCC"), "mentioned");
    assert_string_equal(rel_in(t, "12/2021/QĐ-UBND"), "mentioned");
}

static void test_guidance_and_title(void **state)
{
    (void)state;
    const char *t =
        "3. Việc chôn cất người qua đời thực hiện theo hướng dẫn tại Nghị "
        "định số 23/2016/NĐ-CP ngày 05 tháng 4 năm 2016 của Chính phủ.\n"
        "Căn cứ Quyết định số 178/QĐ-TTg ngày 10 tháng 02 năm 2025 của Thủ "
        "tướng Chính phủ ban hành Kế hoạch triển khai Thông báo kết luận số "
        "196-TB/TW;\n";
    assert_string_equal(rel_in(t, "23/2016/NĐ-CP"), "huong-dan");
    assert_string_equal(rel_in(t, "178/QĐ-TTg"), "can-cu");
    assert_string_equal(rel_in(t, "196-TB/TW"), "mentioned");
}

static void test_parse(void **state)
{
    (void)state;
    assert_int_equal(tracuu_relation_parse("can-cu", 6), TRACUU_REL_CAN_CU);
    assert_int_equal(tracuu_relation_parse("căn cứ", strlen("căn cứ")),
                     TRACUU_REL_CAN_CU);
    assert_int_equal(tracuu_relation_parse("thuc-hien", 9),
                     TRACUU_REL_THUC_HIEN);
    assert_int_equal(tracuu_relation_parse("mentioned", 9),
                     TRACUU_REL_MENTIONED);
    assert_int_equal(tracuu_relation_parse("dẫn chiếu", strlen("dẫn chiếu")),
                     TRACUU_REL_MENTIONED);
    assert_int_equal(tracuu_relation_parse("canc", 4), TRACUU_REL_LAST);
}

/* One line per citation of path to f; false when unreadable. */
static bool dump_file(const char *path, FILE *f)
{
    size_t len;
    char *text = tt_read_file(path, &len);
    if (!text)
        return false;
    rels_t r;
    bool ok = rels_of(text, len, &r) == 0;
    for (size_t i = 0; ok && i < r.syms.n; i++) {
        const tracuu_symbol_t *s = &r.syms.items[i];
        if (s->own)
            continue;
        size_t o = tracuu_norm_orig_offset(&r.norm, s->span.start);
        unsigned line = 1;
        for (size_t k = 0; k < o && k < len; k++)
            line += text[k] == '\n';
        fprintf(f, "%s\t%u\t%s\t%s\n", path, line, s->display,
                tracuu_relation_slug(r.rel[i]));
    }
    rels_free(&r);
    free(text);
    return ok;
}

/* The distinct files of a sample (tests/fixtures/NAME.tsv), under dir. */
static size_t sample_files(const char *dir, const char *name, char ***out)
{
    char path[4096];
    snprintf(path, sizeof path, "tests/fixtures/%s.tsv", name);
    size_t len;
    char *tsv = tt_read_file(path, &len);
    assert_non_null(tsv);
    char **files = NULL;
    size_t n = 0;
    for (char *line = strtok(tsv, "\n"); line; line = strtok(NULL, "\n")) {
        char *tab = strchr(line, '\t');
        if (!tab || !strncmp(line, "file\t", 5))
            continue;
        *tab = '\0';
        snprintf(path, sizeof path, "%s/%s", dir, line);
        if (n && !strcmp(files[n - 1], path))
            continue;
        files = realloc(files, (n + 1) * sizeof *files);
        assert_non_null(files);
        files[n++] = strdup(path);
    }
    free(tsv);
    *out = files;
    return n;
}

/* A hand-checked sample (tests/fixtures/relations-sample.md) scored by
 * scripts/score-relations: issue 21's target is accuracy >= 0.9. */
static void score_sample(const char *name)
{
    const char *dir = tt_need_shared("test_relation");
    if (!dir)
        skip();
    char **files;
    size_t n = sample_files(dir, name, &files);
    assert_true(n > 30);
    char out[256];
    snprintf(out, sizeof out, "/tmp/tracuu-%s-found.%d.tsv", name,
             (int)getpid());
    FILE *f = fopen(out, "w");
    assert_non_null(f);
    for (size_t i = 0; i < n; i++) {
        assert_true(dump_file(files[i], f));
        free(files[i]);
    }
    free(files);
    assert_int_equal(fclose(f), 0);
    char cmd[768];
    snprintf(cmd, sizeof cmd,
             "python3 scripts/score-relations --sample tests/fixtures/%s.tsv "
             "--min-accuracy 0.9 %s | grep '^accuracy'", name, out);
    int rc = system(cmd);
    unlink(out);
    assert_int_equal(rc, 0);
}

/* The sample the rules were written against: 0.909. */
static void test_sample(void **state)
{
    (void)state;
    score_sample("relations-sample");
}

/* Drawn at random after the rules were written, never tuned on: 0.900. */
static void test_heldout(void **state)
{
    (void)state;
    score_sample("relations-heldout");
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--dump")) {
        int rc = 0;
        for (int i = 2; i < argc; i++)
            if (!dump_file(argv[i], stdout)) {
                fprintf(stderr, "test_relation: cannot read %s\n", argv[i]);
                rc = 1;
            }
        return rc;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_preamble),
        cmocka_unit_test(test_implements),
        cmocka_unit_test(test_acts),
        cmocka_unit_test(test_mentions),
        cmocka_unit_test(test_guidance_and_title),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_sample),
        cmocka_unit_test(test_heldout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
