/* test_header_corpus.c: header fields agree with the corpus metadata (../shared/corpus/tnt305_tailieu_vanban). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "buf.h"
#include "header.h"
#include "normalize.h"
#include "testutil.h"

#define CORPUS "corpus/tnt305_tailieu_vanban"

enum { F_NUMBER, F_TYPE, F_ISSUER, F_DATE, F_COUNT };

static const char *const field_names[F_COUNT] = {"number", "type", "issuer", "date"};
static const char *const meta_keys[F_COUNT] = {"so_ky_hieu", "loai_van_ban", "co_quan",
                                               "ngay_ban_hanh"};

/* Disagreements checked by reading the document: the metadata (made with
 * regular expressions) is wrong there. `meta` is what metadata.jsonl holds,
 * `truth` what the text says ("" = the text does not give it). */
static const struct erratum {
    const char *id;
    int field;
    const char *meta;
    const char *truth;
    const char *why;
} errata[] = {
    /* Resolutions of the National Assembly Standing Committee: the type
     * line says NGHỊ QUYẾT, the header has no issuer (the authority line
     * above "Căn cứ" names it) and no place-and-date line (the metadata
     * took the date of the first cited resolution). */
    {"284dd97bc14e3aeb", F_TYPE, "CÔNG VĂN", "NGHỊ QUYẾT", "type line NGHỊ QUYẾT"},
    {"4d98410054b11ab4", F_TYPE, "CÔNG VĂN", "NGHỊ QUYẾT", "type line NGHỊ QUYẾT"},
    {"9e001697662f9728", F_TYPE, "CÔNG VĂN", "NGHỊ QUYẾT", "type line NGHỊ QUYẾT"},
    {"a032a58e6ab2f19d", F_TYPE, "CÔNG VĂN", "NGHỊ QUYẾT", "type line NGHỊ QUYẾT"},
    {"a57bf3febd1d410d", F_TYPE, "CÔNG VĂN", "NGHỊ QUYẾT", "type line NGHỊ QUYẾT"},
    {"d469759e6fcdc805", F_TYPE, "CÔNG VĂN", "NGHỊ QUYẾT", "type line NGHỊ QUYẾT"},
    {"ff9aace5b310314d", F_TYPE, "CÔNG VĂN", "NGHỊ QUYẾT", "type line NGHỊ QUYẾT"},
    {"284dd97bc14e3aeb", F_ISSUER, "", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "authority line"},
    {"4d98410054b11ab4", F_ISSUER, "", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "authority line"},
    {"9e001697662f9728", F_ISSUER, "", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "authority line"},
    {"a032a58e6ab2f19d", F_ISSUER, "Số: 1661/NQ-UBTVQH15", "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
     "the number is no issuer; authority line"},
    {"a57bf3febd1d410d", F_ISSUER, "", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "authority line"},
    {"d469759e6fcdc805", F_ISSUER, "", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "authority line"},
    {"ff9aace5b310314d", F_ISSUER, "", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "authority line"},
    {"284dd97bc14e3aeb", F_DATE, "2025-06-12", "", "no date line; 12/6 is a cited NQ"},
    {"4d98410054b11ab4", F_DATE, "2025-06-12", "", "no date line; 12/6 is a cited NQ"},
    {"9e001697662f9728", F_DATE, "2025-06-12", "", "no date line; 12/6 is a cited NQ"},
    {"a032a58e6ab2f19d", F_DATE, "2025-04-14", "", "no date line; 14/4 is a cited NQ"},
    {"a57bf3febd1d410d", F_DATE, "2025-06-12", "", "no date line; 12/6 is a cited NQ"},
    {"d469759e6fcdc805", F_DATE, "2025-06-12", "", "no date line; 12/6 is a cited NQ"},
    {"ff9aace5b310314d", F_DATE, "2025-06-12", "", "no date line; 12/6 is a cited NQ"},
    /* Decrees laid out as one table row "CHÍNH PHỦ___ Số: … | CỘNG HÒA …". */
    {"4ea650b6faa46d71", F_TYPE, "", "NGHỊ ĐỊNH", "type line NGHỊ ĐỊNH"},
    {"750314c2c5666d56", F_TYPE, "", "NGHỊ ĐỊNH", "type line NGHỊ ĐỊNH"},
    {"c22591f10eec1dab", F_TYPE, "QUY ĐỊNH", "NGHỊ ĐỊNH", "type line NGHỊ ĐỊNH"},
    {"c22591f10eec1dab", F_ISSUER, "CHÍNH PHỦ Số: 170/2025/NĐ-CP", "CHÍNH PHỦ",
     "the number is no part of the issuer"},
    {"de54f5fa3cc24927", F_ISSUER, "CHÍNH PHỦ Số: 172/2025/NĐ-CP", "CHÍNH PHỦ",
     "the number is no part of the issuer"},
    {"e4ddc120fc14463c", F_ISSUER, "CHÍNH PHỦ Số: 171/2025/NĐ-CP", "CHÍNH PHỦ",
     "the number is no part of the issuer"},
    {"4ea650b6faa46d71", F_DATE, "2015-06-19", "", "no date line; 19/6/2015 is a cited law"},
    {"750314c2c5666d56", F_DATE, "2025-02-18", "", "no date line; 18/02 is a cited law"},
    {"c22591f10eec1dab", F_DATE, "2025-02-18", "", "no date line; 18/02 is a cited law"},
    {"4eb6d4a67b3ff8d9", F_DATE, "2025-02-26", "", "no date line; 26/02 is a cited decree"},
    /* Misread headers. */
    {"c6718d0835ffaaad", F_ISSUER, "BỘ C ÔNG THƯƠNG", "BỘ CÔNG THƯƠNG", "text reads BỘ CÔNG THƯƠNG"},
    {"c6718d0835ffaaad", F_DATE, "", "2025-11-21", "\"Hà Nội, ngày 21 tháng\\n11 năm 2025\""},
    {"e5fc434ba0580ac0", F_DATE, "2015-06-24", "2025-11-24",
     "\"Hà Nội, ngày 24 tháng 11 năm\\n2025\""},
};

#define N_ERRATA (sizeof errata / sizeof *errata)

/* Normalised, whitespace-collapsed copy (new; free with free()). */
static char *canon(const char *s)
{
    tracuu_norm_t n;
    if (tracuu_normalize(s, strlen(s), &n) != 0)
        return tracuu_xstrdup(s);
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, "");
    bool space = false;
    for (size_t i = 0; i < n.len; i++) {
        char c = n.s[i];
        if (c == ' ' || c == '\n' || c == '\t') {
            space = b.len > 0;
            continue;
        }
        if (space)
            tracuu_buf_putc(&b, ' ');
        space = false;
        tracuu_buf_putc(&b, c);
    }
    tracuu_norm_free(&n);
    return tracuu_buf_steal(&b);
}

/* The date of the place-and-date line as ISO "yyyy-mm-dd" (new), or "". */
static char *date_iso(const char *text, tracuu_span_t sp)
{
    int v[3] = {0, 0, 0}, k = 0;
    const char *p = text + sp.start, *e = text + sp.end;
    while (p < e && k < 3) {
        if (*p >= '0' && *p <= '9') {
            int x = 0;
            while (p < e && *p >= '0' && *p <= '9')
                x = x * 10 + (*p++ - '0');
            v[k++] = x;
        } else {
            p++;
        }
    }
    char buf[32] = "";
    if (k == 3)
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", v[2], v[1], v[0]);
    return tracuu_xstrdup(buf);
}

static const struct erratum *erratum_for(const char *id, int field)
{
    for (size_t i = 0; i < N_ERRATA; i++)
        if (errata[i].field == field && strcmp(errata[i].id, id) == 0)
            return &errata[i];
    return NULL;
}

static const char *shared;

static void test_header_agrees_with_corpus_metadata(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s/metadata.jsonl", shared, CORPUS);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t docs = 0, raw_ok[F_COUNT] = {0}, ok[F_COUNT] = {0};
    size_t errata_seen = 0;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        json_error_t err;
        json_t *m = json_loads(line, 0, &err);
        assert_non_null(m);
        const char *id = json_string_value(json_object_get(m, "id"));
        const char *file = json_string_value(json_object_get(m, "file"));
        assert_non_null(id);
        assert_non_null(file);
        snprintf(path, sizeof path, "%s/%s/%s", shared, CORPUS, file);
        size_t len = 0;
        char *raw = tt_read_file(path, &len);
        assert_non_null(raw);
        tracuu_norm_t n;
        assert_int_equal(tracuu_normalize(raw, len, &n), 0);
        tracuu_header_t h;
        tracuu_header_extract(n.s, n.len, &h);
        char *got[F_COUNT] = {
            canon(h.number ? h.number : ""),
            canon(h.doc_type ? h.doc_type : ""),
            canon(h.issuer ? h.issuer : ""),
            date_iso(n.s, h.date_line),
        };
        docs++;
        for (int k = 0; k < F_COUNT; k++) {
            const char *mv = json_string_value(json_object_get(m, meta_keys[k]));
            char *want = canon(mv ? mv : "");
            const struct erratum *er = erratum_for(id, k);
            bool agree = strcmp(got[k], want) == 0;
            raw_ok[k] += agree;
            if (er) {
                /* The erratum must still describe the metadata and the text. */
                char *em = canon(er->meta), *et = canon(er->truth);
                if (strcmp(em, want) != 0 || strcmp(et, got[k]) != 0)
                    fail_msg("%s %s: erratum stale: metadata \"%s\", extracted \"%s\"", id,
                             field_names[k], want, got[k]);
                printf("  erratum %s %-6s metadata \"%s\" -> \"%s\" (%s)\n", id,
                       field_names[k], want, got[k], er->why);
                errata_seen++;
                ok[k]++;
                free(em);
                free(et);
            } else if (agree) {
                ok[k]++;
            } else {
                printf("  DISAGREE %s %-6s metadata \"%s\" extracted \"%s\"\n", id,
                       field_names[k], want, got[k]);
            }
            free(want);
        }
        for (int k = 0; k < F_COUNT; k++)
            free(got[k]);
        tracuu_header_free(&h);
        tracuu_norm_free(&n);
        free(raw);
        json_decref(m);
    }
    free(line);
    fclose(f);
    assert_int_equal(docs, 189);
    assert_int_equal(errata_seen, N_ERRATA);
    for (int k = 0; k < F_COUNT; k++) {
        double a = (double)ok[k] / (double)docs, r = (double)raw_ok[k] / (double)docs;
        printf("  %-6s agreement %zu/%zu = %.3f (metadata as is: %zu/%zu = %.3f)\n",
               field_names[k], ok[k], docs, a, raw_ok[k], docs, r);
        assert_true(a >= 0.95);
        /* Even against the metadata's own mistakes most documents agree. */
        assert_true(r >= 0.90);
    }
}

int main(void)
{
    shared = tt_need_shared("test_header_corpus");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_agrees_with_corpus_metadata),
    };
    return cmocka_run_group_tests_name("header_corpus", tests, NULL, NULL);
}
