/* test_segment.c: word segmentation of real phrases, F1 and speed on UD Vietnamese VTB's test split. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "normalize.h"
#include "segment.h"
#include "tokenize.h"
#include "testutil.h"

static tracuu_tokenizer_t *tk;
static const tracuu_segmenter_t *sg, *sgf;

static int setup(void **state)
{
    (void)state;
    sg = tracuu_segmenter(TRACUU_SEG_EXACT);
    sgf = tracuu_segmenter(TRACUU_SEG_FOLDED);
    return tracuu_tokenizer_new(&tk) == TRACUU_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    tracuu_tokenizer_free(tk);
    return 0;
}

/* Text as the analyser reads it (normalised, ICU tokens, term forms of
 * the given form), segmented: words joined by '|', syllables by '_'. */
static char *words(const char *text, tracuu_seg_form_t form)
{
    static tracuu_buf_t out;
    tracuu_norm_t nm = {0};
    tracuu_tokens_t t = {0};
    tracuu_buf_t forms = {0};
    assert_int_equal(tracuu_normalize(text, strlen(text), &nm), 0);
    assert_int_equal(tracuu_tokenize(tk, nm.s, nm.len, 0, &t), TRACUU_OK);
    size_t *off = calloc(t.n + 1, sizeof *off);
    for (size_t i = 0; i < t.n; i++) {
        off[i] = forms.len;
        tracuu_term_forms(nm.s + t.v[i].start, t.v[i].end - t.v[i].start,
                          form == TRACUU_SEG_EXACT ? &forms : NULL,
                          form == TRACUU_SEG_FOLDED ? &forms : NULL);
    }
    off[t.n] = forms.len;
    tracuu_seg_tok_t *tok = calloc(t.n + 1, sizeof *tok);
    uint8_t *st = calloc(t.n + 1, 1);
    for (size_t i = 0; i < t.n; i++)
        tok[i] = (tracuu_seg_tok_t){ forms.s + off[i], off[i + 1] - off[i], 0 };
    tracuu_segment(form == TRACUU_SEG_EXACT ? sg : sgf, tok, t.n, st);
    tracuu_buf_clear(&out);
    tracuu_buf_puts(&out, "");
    for (size_t i = 0; i < t.n; i++) {
        if (i)
            tracuu_buf_putc(&out, st[i] ? '|' : '_');
        tracuu_buf_append(&out, tok[i].s, tok[i].len);
    }
    free(off);
    free(tok);
    free(st);
    tracuu_buf_free(&forms);
    tracuu_tokens_free(&t);
    tracuu_norm_free(&nm);
    return out.s;
}

static void test_administrative_phrases(void **state)
{
    (void)state;
    assert_string_equal(words("Ủy ban nhân dân tỉnh", TRACUU_SEG_EXACT),
                        "ủy_ban|nhân_dân|tỉnh");
    /* The old tone placement of the word list and of many plans. */
    assert_string_equal(words("UỶ BAN NHÂN DÂN TỈNH", TRACUU_SEG_EXACT),
                        "ủy_ban|nhân_dân|tỉnh");
    assert_string_equal(words("phát động phong trào thi đua", TRACUU_SEG_EXACT),
                        "phát_động|phong_trào|thi_đua");
    assert_string_equal(words("Khen thưởng", TRACUU_SEG_EXACT), "khen_thưởng");
    assert_string_equal(words("Kế hoạch", TRACUU_SEG_EXACT), "kế_hoạch");
    assert_string_equal(words("cơ quan ban hành", TRACUU_SEG_EXACT),
                        "cơ_quan|ban_hành");
}

static void test_administrative_phrases_folded(void **state)
{
    (void)state;
    assert_string_equal(words("uy ban nhan dan tinh", TRACUU_SEG_FOLDED),
                        "uy_ban|nhan_dan|tinh");
    assert_string_equal(words("Ủy ban nhân dân tỉnh", TRACUU_SEG_FOLDED),
                        "uy_ban|nhan_dan|tinh");
    /* Not "thi dua": folded, VTB's news text has "thì" (then) far more
     * often than "thi đua", and the folded model splits it. */
    assert_string_equal(words("phong trao", TRACUU_SEG_FOLDED), "phong_trao");
    assert_string_equal(words("khen thuong", TRACUU_SEG_FOLDED), "khen_thuong");
    assert_string_equal(words("ke hoach", TRACUU_SEG_FOLDED), "ke_hoach");
    assert_string_equal(words("co quan ban hanh", TRACUU_SEG_FOLDED),
                        "co_quan|ban_hanh");
}

static void test_break_and_edges(void **state)
{
    (void)state;
    uint8_t st[3] = { 9, 9, 9 };
    tracuu_segment(sg, NULL, 0, st);
    assert_int_equal(st[0], 9);
    tracuu_seg_tok_t t[3] = { { "thi", 3, 0 }, { "đua", 4, 0 }, { "2024", 4, 0 } };
    tracuu_segment(sg, t, 3, st);
    assert_memory_equal(st, ((uint8_t[]){ 1, 0, 1 }), 3);
    /* "thi, đua": punctuation the tokenizer dropped lies between. */
    t[1].flags = TRACUU_SEG_BREAK;
    tracuu_segment(sg, t, 3, st);
    assert_memory_equal(st, ((uint8_t[]){ 1, 1, 1 }), 3);
    /* An unknown syllable is a word of its own beside known words. */
    tracuu_seg_tok_t u[2] = { { "xyzzq", 5, 0 }, { "kế", 4, 0 } };
    tracuu_segment(sg, u, 2, st);
    assert_memory_equal(st, ((uint8_t[]){ 1, 1 }), 2);
    /* Every line of the data was taken: the dictionary and the weights. */
    size_t nw = 0;
    assert_true(tracuu_segmenter_size(sg, &nw) > 10000);
    assert_true(nw > 50000);
    assert_true(tracuu_segmenter_size(sgf, &nw) > 10000);
    assert_true(nw > 45000);
}

/* The test split of UD Vietnamese VTB, its syllables in one form. */
typedef struct ud {
    tracuu_buf_t text;           /* the term forms, back to back */
    size_t *off;                 /* syllable i is text[off[i], off[i+1]) */
    uint8_t *gold;               /* 1 where a gold word starts */
    size_t *sent;                /* sentence j is syllables [sent[j], sent[j+1]) */
    size_t n, m, raw_bytes, cap, scap;
} ud_t;

static const char *shared;

static void ud_syllable(ud_t *u, const char *s, size_t len, bool first,
                        tracuu_seg_form_t form)
{
    if (u->n + 2 > u->cap) {
        u->cap = u->cap ? u->cap * 2 : 4096;
        u->off = tracuu_xrealloc(u->off, u->cap * sizeof *u->off);
        u->gold = tracuu_xrealloc(u->gold, u->cap);
    }
    bool letters = true;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x80 &&
            !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
            letters = false;
    tracuu_buf_t nw = {0};
    if (letters && tracuu_normalize_word(s, len, &nw)) {
        s = nw.s;
        len = nw.len;
    }
    u->off[u->n] = u->text.len;
    tracuu_term_forms(s, len, form == TRACUU_SEG_EXACT ? &u->text : NULL,
                      form == TRACUU_SEG_FOLDED ? &u->text : NULL);
    u->gold[u->n++] = first;
    u->off[u->n] = u->text.len;
    tracuu_buf_free(&nw);
}

/* One CoNLL-U line: a word's syllables (FORM split on spaces), or the end
 * of a sentence; comments, ranges and empty nodes are skipped. */
static void ud_line(ud_t *u, char *line, tracuu_seg_form_t form)
{
    if (u->m + 2 > u->scap) {
        u->scap = u->scap ? u->scap * 2 : 1024;
        u->sent = tracuu_xrealloc(u->sent, u->scap * sizeof *u->sent);
    }
    if (!*line) {
        if (u->sent[u->m] < u->n)
            u->sent[++u->m] = u->n;
        return;
    }
    char *tab = strchr(line, '\t');
    if (line[0] == '#' || !tab || strcspn(line, "-.") < (size_t)(tab - line))
        return;
    char *f = tab + 1, *fe = strchr(f, '\t');
    assert_non_null(fe);
    u->raw_bytes += (size_t)(fe - f) + 1;
    for (char *p = f; p < fe;) {
        char *q = memchr(p, ' ', (size_t)(fe - p));
        q = q ? q : fe;
        ud_syllable(u, p, (size_t)(q - p), p == f, form);
        p = q + 1;
    }
}

static void ud_load(ud_t *u, tracuu_seg_form_t form)
{
    char path[4096];
    snprintf(path, sizeof path,
             "%s/corpus/ud_vietnamese_vtb/vi_vtb-ud-test.conllu", shared);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    memset(u, 0, sizeof *u);
    u->scap = 1024;
    u->sent = tracuu_xcalloc(u->scap, sizeof *u->sent);
    char line[8192];
    while (fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\r\n")] = 0;
        ud_line(u, line, form);
    }
    ud_line(u, (char[]){ "" }, form);
    fclose(fp);
}

static void ud_free(ud_t *u)
{
    tracuu_buf_free(&u->text);
    free(u->off);
    free(u->gold);
    free(u->sent);
}

/* The syllables as segmenter tokens; a BREAK starts each sentence. */
static tracuu_seg_tok_t *ud_tokens(const ud_t *u)
{
    tracuu_seg_tok_t *t = tracuu_xcalloc(u->n + 1, sizeof *t);
    for (size_t i = 0; i < u->n; i++)
        t[i] = (tracuu_seg_tok_t){ u->text.s + u->off[i],
                                   u->off[i + 1] - u->off[i], 0 };
    for (size_t j = 0; j < u->m; j++)
        t[u->sent[j]].flags = TRACUU_SEG_BREAK;
    return t;
}

/* Word F1: a predicted word counts when its span is a gold word's. */
static double word_f1(const ud_t *u, const uint8_t *pred)
{
    size_t g = 0, p = 0, c = 0;
    for (size_t i = 0; i < u->n; i++) {
        g += u->gold[i];
        p += pred[i];
        if (!u->gold[i] || !pred[i])
            continue;
        size_t e = i + 1;
        while (e < u->n && !u->gold[e] && !pred[e])
            e++;
        c += e == u->n || (u->gold[e] && pred[e]);
    }
    return 2.0 * (double)c / (double)(g + p);
}

/* F1 of each form on the test split, sentence by sentence (as
 * scripts/learn-segment --eval measures it) and in one call. */
static void check_f1(tracuu_seg_form_t form, double min)
{
    ud_t u;
    ud_load(&u, form);
    tracuu_seg_tok_t *t = ud_tokens(&u);
    uint8_t *pred = tracuu_xcalloc(u.n + 1, 1);
    const tracuu_segmenter_t *s = form == TRACUU_SEG_EXACT ? sg : sgf;
    for (size_t j = 0; j < u.m; j++)
        tracuu_segment(s, t + u.sent[j], u.sent[j + 1] - u.sent[j],
                       pred + u.sent[j]);
    double f1 = word_f1(&u, pred);
    memset(pred, 0, u.n);
    tracuu_segment(s, t, u.n, pred);
    double f1_one = word_f1(&u, pred);
    printf("segment: UD VTB test, %s: %zu sentences, %zu syllables, "
           "word F1 %.4f (one call: %.4f)\n",
           form == TRACUU_SEG_EXACT ? "accented" : "folded", u.m, u.n, f1,
           f1_one);
    assert_true(u.m == 800 && u.n == 13857);
    assert_true(f1 >= min);
    assert_true(f1_one >= min);
    free(pred);
    free(t);
    ud_free(&u);
}

static void test_ud_test_split_f1(void **state)
{
    (void)state;
    check_f1(TRACUU_SEG_EXACT, 0.95);
}

static void test_ud_test_split_f1_folded(void **state)
{
    (void)state;
    check_f1(TRACUU_SEG_FOLDED, 0.91);
}

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif

/* Megabytes of the split's text (words and the spaces between) per
 * second of this thread's CPU time, the split segmented over and over. */
static double speed(tracuu_seg_form_t form)
{
    ud_t u;
    ud_load(&u, form);
    tracuu_seg_tok_t *t = ud_tokens(&u);
    uint8_t *pred = tracuu_xcalloc(u.n + 1, 1);
    const tracuu_segmenter_t *s = form == TRACUU_SEG_EXACT ? sg : sgf;
    struct timespec a, b;
    double secs = 0;
    size_t reps = 0;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    while (secs < 0.5) {
        tracuu_segment(s, t, u.n, pred);
        reps++;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
        secs = (double)(b.tv_sec - a.tv_sec) + 1e-9 * (double)(b.tv_nsec - a.tv_nsec);
    }
    double mbs = (double)u.raw_bytes * (double)reps / secs / 1e6;
    printf("segment: %s, %.1f MB/s (%zu bytes of text x %zu in %.2f s CPU)\n",
           form == TRACUU_SEG_EXACT ? "accented" : "folded", mbs, u.raw_bytes,
           reps, secs);
    free(pred);
    free(t);
    ud_free(&u);
    return mbs;
}

static void test_ud_test_split_speed(void **state)
{
    (void)state;
    double e = speed(TRACUU_SEG_EXACT), f = speed(TRACUU_SEG_FOLDED);
#ifndef SANITIZED
    assert_true(e >= 20.0 && f >= 20.0);
#else
    (void)e;
    (void)f;
    printf("segment: sanitizer build, speed not asserted\n");
#endif
}

int main(void)
{
    const struct CMUnitTest plain[] = {
        cmocka_unit_test(test_administrative_phrases),
        cmocka_unit_test(test_administrative_phrases_folded),
        cmocka_unit_test(test_break_and_edges),
    };
    const struct CMUnitTest corpus[] = {
        cmocka_unit_test(test_ud_test_split_f1),
        cmocka_unit_test(test_ud_test_split_f1_folded),
        cmocka_unit_test(test_ud_test_split_speed),
    };
    int rc = cmocka_run_group_tests_name("segment", plain, setup, teardown);
    shared = tt_need_shared("test_segment");
    return rc | cmocka_run_group_tests_name("segment_ud", corpus, setup, teardown);
}
