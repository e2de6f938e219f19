/* test_symbol_corpus.c: recall and precision of the symbol extractor on the hand-checked corpus sample. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "normalize.h"
#include "symbol.h"
#include "testutil.h"

#define FIXTURE "tests/fixtures/symbols-sample.tsv"
#define MIN_RECALL 0.99
#define MIN_PRECISION 0.99

static const char *shared;

typedef struct row {
    char *file;
    size_t offset;
    char *raw;  /* unescaped */
    char *key;  /* "-" for no symbol */
} row_t;

/* ---- the fixture ---- */

static char *unescape(const char *s, size_t n)
{
    tracuu_buf_t b = {0};
    tracuu_buf_reserve(&b, n);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            char c = s[++i];
            tracuu_buf_putc(&b, c == 'n' ? '\n' : c == 't' ? '\t' : c);
        } else {
            tracuu_buf_putc(&b, s[i]);
        }
    }
    return tracuu_buf_steal(&b);
}

/* Rows of the fixture (new; free with free_rows). */
static row_t *load_rows(size_t *n_out)
{
    size_t len = 0;
    char *text = tt_read_file(FIXTURE, &len);
    if (!text)
        fail_msg("cannot read %s (run from the repository root)", FIXTURE);
    row_t *rows = NULL;
    size_t n = 0, cap = 0;
    char *line = text;
    while (line < text + len) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        size_t ll = nl ? (size_t)(nl - line) : (size_t)(text + len - line);
        if (ll > 0 && line[0] != '#') {
            char *f[4];
            size_t fl[4];
            int nf = 0;
            char *p = line;
            while (nf < 4) {
                char *tab = memchr(p, '\t', (size_t)(line + ll - p));
                f[nf] = p;
                fl[nf] = tab ? (size_t)(tab - p) : (size_t)(line + ll - p);
                nf++;
                if (!tab)
                    break;
                p = tab + 1;
            }
            if (nf != 4)
                fail_msg("bad fixture line: %.*s", (int)ll, line);
            if (n == cap) {
                cap = cap ? cap * 2 : 256;
                rows = tracuu_xrealloc(rows, cap * sizeof *rows);
            }
            rows[n].file = tracuu_xstrndup(f[0], fl[0]);
            rows[n].offset = (size_t)strtoull(f[1], NULL, 10);
            rows[n].raw = unescape(f[2], fl[2]);
            rows[n].key = tracuu_xstrndup(f[3], fl[3]);
            n++;
        }
        line += ll + 1;
    }
    free(text);
    *n_out = n;
    return rows;
}

static void free_rows(row_t *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].file);
        free(rows[i].raw);
        free(rows[i].key);
    }
    free(rows);
}

/* ---- the sampling frame (see the fixture's header) ---- */

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t dash_or_slash(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return 0;
    if (t[i] == '/' || t[i] == '-')
        return 1;
    if (i + 2 < len && (unsigned char)t[i] == 0xE2) {
        unsigned char b1 = (unsigned char)t[i + 1], b2 = (unsigned char)t[i + 2];
        if ((b1 == 0x80 && b2 >= 0x90 && b2 <= 0x94) || (b1 == 0x88 && b2 == 0x92))
            return 3;
    }
    return 0;
}

/* Length of a code letter at i (A-Z a-z Đ đ Ư ư, Cyrillic look-alikes). */
static size_t code_letter(const char *t, size_t len, size_t i)
{
    unsigned char c = (unsigned char)t[i];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
        return 1;
    if (i + 1 >= len)
        return 0;
    unsigned char d = (unsigned char)t[i + 1];
    if ((c == 0xC4 && (d == 0x90 || d == 0x91)) || (c == 0xC6 && (d == 0xAF || d == 0xB0)))
        return 2;
    if (c == 0xD0 && (d == 0x90 || d == 0x92 || d == 0x95 || d == 0x9A || d == 0x9C ||
                      d == 0x9D || d == 0x9E || d == 0xA0 || d == 0xA1 || d == 0xA2 ||
                      d == 0xA5))
        return 2;
    return 0;
}

static size_t blanks(const char *t, size_t len, size_t i, int max)
{
    int k = 0;
    while (i < len && k < max && (t[i] == ' ' || t[i] == '\t')) {
        i++;
        k++;
    }
    return i;
}

static bool sep_after_blanks(const char *t, size_t len, size_t i)
{
    return dash_or_slash(t, len, blanks(t, len, i, 3)) > 0;
}

/* Is text[o] the start of a candidate? */
static bool is_candidate(const char *t, size_t len, size_t o)
{
    if (o >= len || !digit(t[o]) || (o > 0 && digit(t[o - 1])))
        return false;
    size_t j = o;
    while (j < len && digit(t[j]))
        j++;
    if (sep_after_blanks(t, len, j))
        return true;
    if (j + 1 < len && t[j] == '.' && digit(t[j + 1])) {
        if (sep_after_blanks(t, len, j + 2))
            return true;
        if (j + 2 < len && digit(t[j + 2]) && sep_after_blanks(t, len, j + 3))
            return true;
    }
    size_t k = blanks(t, len, j, 3);
    if (k == j)
        return false;
    size_t l, m = k;
    while (m < len && (l = code_letter(t, len, m)) > 0)
        m += l;
    return m > k && sep_after_blanks(t, len, m);
}

/* ---- one file ---- */

typedef struct counts {
    size_t rows, symbols, tp, tn, fn, fp, files, extracted;
} counts_t;

static void check_file(const row_t *rows, size_t n, counts_t *c)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", shared, rows[0].file);
    size_t len = 0;
    char *text = tt_read_file(path, &len);
    if (!text)
        fail_msg("cannot read %s", path);
    tracuu_norm_t norm;
    assert_int_equal(tracuu_normalize(text, len, &norm), 0);
    tracuu_symbols_t syms;
    assert_int_equal(tracuu_symbols_extract(norm.s, norm.len, &syms), 0);
    size_t *starts = tracuu_xmalloc((syms.n + 1) * sizeof *starts);
    for (size_t i = 0; i < syms.n; i++) {
        starts[i] = tracuu_norm_orig_offset(&norm, syms.items[i].span.start);
        /* The frame holds every place a symbol can start. */
        if (!is_candidate(text, len, starts[i]))
            fail_msg("%s: symbol %s at %zu is outside the sampling frame",
                     rows[0].file, syms.items[i].key, starts[i]);
    }
    c->files++;
    c->extracted += syms.n;
    for (size_t r = 0; r < n; r++) {
        const row_t *row = &rows[r];
        size_t rl = strlen(row->raw);
        if (row->offset + rl > len || memcmp(text + row->offset, row->raw, rl) != 0)
            fail_msg("fixture row %s:%zu does not match the file", row->file,
                     row->offset);
        if (!is_candidate(text, len, row->offset))
            fail_msg("fixture row %s:%zu is not a candidate", row->file, row->offset);
        const tracuu_symbol_t *found = NULL;
        for (size_t i = 0; i < syms.n; i++)
            if (starts[i] == row->offset)
                found = &syms.items[i];
        bool want = strcmp(row->key, "-") != 0;
        c->rows++;
        if (want)
            c->symbols++;
        if (want && found && strcmp(found->key, row->key) == 0) {
            c->tp++;
            continue;
        }
        if (!want && !found) {
            c->tn++;
            continue;
        }
        if (want)
            c->fn++;
        if (found)
            c->fp++;
        printf("  mismatch %s:%zu \"%s\": expected %s, got %s\n", row->file,
               row->offset, row->raw, row->key, found ? found->key : "nothing");
    }
    free(starts);
    tracuu_symbols_free(&syms);
    tracuu_norm_free(&norm);
    free(text);
}

static void test_symbol_corpus_sample_recall_and_precision(void **state)
{
    (void)state;
    size_t n;
    row_t *rows = load_rows(&n);
    assert_true(n >= 400);
    counts_t c = {0};
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && strcmp(rows[j].file, rows[i].file) == 0)
            j++;
        check_file(rows + i, j - i, &c);
        i = j;
    }
    double recall = c.symbols ? (double)c.tp / (double)c.symbols : 0.0;
    double precision = c.tp + c.fp ? (double)c.tp / (double)(c.tp + c.fp) : 0.0;
    printf("symbols-sample: %zu candidates in %zu files, %zu symbols, %zu "
           "non-symbols rejected: recall %.4f (%zu/%zu), precision %.4f "
           "(%zu/%zu); %zu symbols extracted from those files in all\n",
           c.rows, c.files, c.symbols, c.tn, recall, c.tp, c.symbols, precision,
           c.tp, c.tp + c.fp, c.extracted);
    assert_true(c.symbols >= 200);
    assert_true(recall >= MIN_RECALL);
    assert_true(precision >= MIN_PRECISION);
    free_rows(rows, n);
}

/* ---- the seeds: who cites what ---- */

typedef struct seed_fact {
    const char *query;     /* as a user types it */
    const char *files;     /* seeds citing it: their numbers, "000 002 004" */
} seed_fact_t;

static void test_symbol_seed_citations(void **state)
{
    (void)state;
    static const char *const seeds[] = {
        "000_ffb5641f03d939c8.txt", "001_1c875772783dc719.txt",
        "002_0293d23315c98476.txt", "003_d36215ba802502f1.txt",
        "004_8c345a5aecb11603.txt",
    };
    static const seed_fact_t facts[] = {
        {"34-CT/TW", "000 002 004"},
        {"19/CT-TTg", "001 004"},
        {"05-CT/TW", "000 001"},
        {"1022/QĐ-UBND", "000"},
        {"98/2023/ND-CP", "003"},
        {"11/CT-UBND", "000 004"},
    };
    tracuu_symbols_t syms[5];
    for (int f = 0; f < 5; f++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/seeds/%s", shared, seeds[f]);
        size_t len = 0;
        char *text = tt_read_file(path, &len);
        if (!text)
            fail_msg("cannot read %s", path);
        tracuu_norm_t norm;
        assert_int_equal(tracuu_normalize(text, len, &norm), 0);
        assert_int_equal(tracuu_symbols_extract(norm.s, norm.len, &syms[f]), 0);
        tracuu_norm_free(&norm);
        free(text);
    }
    for (size_t k = 0; k < sizeof facts / sizeof *facts; k++) {
        tracuu_symbol_t q;
        assert_true(tracuu_symbol_parse_query(facts[k].query, strlen(facts[k].query), &q));
        char got[32] = "";
        for (int f = 0; f < 5; f++) {
            bool cites = false;
            for (size_t i = 0; i < syms[f].n; i++)
                if (!syms[f].items[i].own && strcmp(syms[f].items[i].key, q.key) == 0)
                    cites = true;
            if (cites) {
                char num[8];
                snprintf(num, sizeof num, "%s%.3s", got[0] ? " " : "", seeds[f]);
                strncat(got, num, sizeof got - strlen(got) - 1);
            }
        }
        if (strcmp(got, facts[k].files) != 0)
            fail_msg("%s (%s) cited by \"%s\", expected \"%s\"", facts[k].query, q.key,
                     got, facts[k].files);
    }
    /* 11/CT-UBND names two directives: the date tells them apart. */
    int years[5] = {0};
    for (int f = 0; f < 5; f++)
        for (size_t i = 0; i < syms[f].n; i++)
            if (strcmp(syms[f].items[i].key, "11/CT-UBND") == 0)
                years[f] = syms[f].items[i].date.year;
    assert_int_equal(years[0], 2021);
    assert_int_equal(years[4], 2020);
    /* Seed 003's own number is a number, not a citation. */
    size_t owns = 0;
    for (int f = 0; f < 5; f++)
        for (size_t i = 0; i < syms[f].n; i++)
            if (syms[f].items[i].own) {
                owns++;
                assert_int_equal(f, 3);
                assert_string_equal(syms[f].items[i].key, "1/KH-UBND-CD");
            }
    assert_int_equal(owns, 1);
    for (int f = 0; f < 5; f++)
        tracuu_symbols_free(&syms[f]);
}

int main(int argc, char **argv)
{
    (void)argc;
    shared = tt_need_shared(argv[0]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_symbol_corpus_sample_recall_and_precision),
        cmocka_unit_test(test_symbol_seed_citations),
    };
    return cmocka_run_group_tests_name("symbol_corpus", tests, NULL, NULL);
}
