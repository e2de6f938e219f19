/* test_passage.c: a hit's passages cut where its positions say the query
 * matched, on the example plans, with positions and checkpoints made by
 * the same analyser the indexer runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unistd.h>

#include "build.h"
#include "fold.h"
#include "parse.h"
#include "passage.h"
#include "record.h"
#include "testutil.h"

#define PLAN_2025 "examples/plans/xa-tan-lac-hoa-ke-hoach-thi-dua-2025.txt"
#define PLAN_NFD "examples/plans/huyen-dong-thuy-ke-hoach-vi-nguoi-ngheo-2024-nfd.txt"

/* Words around a place its snippet must come from: a region reaches 10
 * positions before a match and 40 after, widened to the checkpoints (32
 * apart) and to whole words. */
#define BEFORE 46
#define AFTER 80

static tracuu_analyzer_t *an;

static int setup(void **state)
{
    (void)state;
    return tracuu_analyzer_new(&an) == TRACUU_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    tracuu_analyzer_free(an);
    return 0;
}

/* A plain text plan as the index has it: the data's JSON of a file read
 * again ("raw"), its checkpoints, and the positions where query q's runs
 * and numbers are, found the way the index finds them (body position =
 * token + 1). */
typedef struct fixture {
    tracuu_parsed_t parsed;
    tracuu_plan_t plan;
    json_t *meta;
    char *ck;
    tracuu_hitpos_t *hp;
    size_t n_hp;
    char **around; /* per hp: the text from BEFORE words before it to AFTER after */
} fixture_t;

/* Text [from, to) of s with each run of white space made one space. */
static char *collapsed(const char *s, size_t from, size_t to)
{
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, "");
    for (size_t i = from; i < to; i++) {
        bool blank = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
        if (!blank)
            tracuu_buf_putc(&b, s[i]);
        else if (b.len && b.s[b.len - 1] != ' ')
            tracuu_buf_putc(&b, ' ');
    }
    return tracuu_buf_steal(&b);
}

static char *folded_token(const tracuu_analysis_t *a, size_t i)
{
    const tracuu_token_t *t = &a->tokens.v[i];
    tracuu_buf_t e = {0}, f = {0};
    tracuu_buf_puts(&f, "");
    tracuu_term_forms(a->norm.s + t->start, t->end - t->start, &e, &f);
    tracuu_buf_free(&e);
    return tracuu_buf_steal(&f);
}

static void push_hp(fixture_t *fx, const tracuu_analysis_t *a, size_t i,
                    int group)
{
    fx->hp = realloc(fx->hp, (fx->n_hp + 1) * sizeof *fx->hp);
    fx->around = realloc(fx->around, (fx->n_hp + 1) * sizeof *fx->around);
    assert_non_null(fx->hp);
    assert_non_null(fx->around);
    size_t first = i >= BEFORE ? i - BEFORE : 0;
    size_t last = i + AFTER < a->tokens.n ? i + AFTER : a->tokens.n - 1;
    fx->around[fx->n_hp] = collapsed(a->norm.s, a->tokens.v[first].start,
                                     a->tokens.v[last].end);
    fx->hp[fx->n_hp++] = (tracuu_hitpos_t){a->tokens.v[i].pos + 1, group};
}

static void fixture_make(fixture_t *fx, const char *path, const char *q,
                         const char *number)
{
    memset(fx, 0, sizeof *fx);
    char *err = NULL;
    assert_true(tracuu_query_parse(q, tracuu_query_known_field, &fx->parsed,
                                   &err));
    assert_true(tracuu_query_build(an, &fx->parsed, &fx->plan, &err));
    size_t len = 0;
    char *bytes = tt_read_file(path, &len);
    assert_non_null(bytes);
    tracuu_analysis_t a;
    assert_int_equal(tracuu_analyze(an, bytes, len, TRACUU_ANALYZE_DOCUMENT,
                                     &a),
                     TRACUU_OK);
    fx->ck = tracuu_record_checkpoints(&a, false);
    size_t n = a.tokens.n;
    char **fold = calloc(n + 1, sizeof *fold);
    for (size_t i = 0; i < n; i++)
        fold[i] = folded_token(&a, i);
    for (size_t i = 0; i < n; i++) {
        for (size_t r = 0; r < fx->plan.n_highlight; r++) {
            const tracuu_hl_t *h = &fx->plan.highlight[r];
            bool all = i + h->n <= n;
            for (size_t k = 0; all && k < h->n; k++)
                all = strcmp(fold[i + k], h->folded[k]) == 0;
            if (all)
                push_hp(fx, &a, i, (int)r);
        }
        if (number && strcmp(fold[i], number) == 0)
            push_hp(fx, &a, i, TRACUU_GROUP_NUMBER);
    }
    for (size_t i = 0; i < n; i++)
        free(fold[i]);
    free(fold);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    fx->meta = json_pack("{s:I, s:I, s:b, s:b}", "size", (json_int_t)st.st_size,
                         "mtime", (json_int_t)st.st_mtime, "text_stored", 0,
                         "raw", 1);
    tracuu_analysis_free(&a);
    free(bytes);
}

static void fixture_free(fixture_t *fx)
{
    tracuu_plan_free(&fx->plan);
    tracuu_parsed_free(&fx->parsed);
    json_decref(fx->meta);
    free(fx->ck);
    for (size_t i = 0; i < fx->n_hp; i++)
        free(fx->around[i]);
    free(fx->around);
    free(fx->hp);
}

/* Each place the query matched, alone: its snippet is cut from the text
 * around that place, so the positions led to the right bytes. The text
 * is the file's, or stored[0..stored_len) when not NULL, with checkpoints
 * ck. */
static void each_place_shown(fixture_t *fx, const char *path,
                             const char *stored, size_t stored_len,
                             const char *ck)
{
    for (size_t k = 0; k < fx->n_hp; k++) {
        tracuu_hit_source_t h = {path, fx->meta,   stored,     stored_len,
                                 ck,   strlen(ck), &fx->hp[k], 1};
        tracuu_snippet_t *sn;
        size_t n;
        const char *why;
        tracuu_passage_snippets(an, &fx->plan, &h, &sn, &n, &why);
        assert_null(why);
        assert_true(n >= 1);
        /* The snippet's text without its leading and trailing "… ". */
        const char *t = sn[0].text;
        size_t tl = strlen(t);
        if (strncmp(t, "… ", 4) == 0) {
            t += 4;
            tl -= 4;
        }
        if (tl >= 4 && strcmp(t + tl - 4, " …") == 0)
            tl -= 4;
        assert_true(tl > 0);
        assert_true(sn[0].n_marks > 0);
        char *inner = strndup(t, tl);
        if (!strstr(fx->around[k], inner))
            fail_msg("place %zu: [%s] not near it", k, inner);
        free(inner);
        tracuu_snippets_free(sn, n);
    }
}

static void snippets_of(const fixture_t *fx, const char *path, const char *ck,
                        tracuu_snippet_t **sn, size_t *n, const char **why)
{
    tracuu_hit_source_t h = {path, fx->meta, NULL, 0, ck,
                             ck ? strlen(ck) : 0, fx->hp, fx->n_hp};
    tracuu_passage_snippets(an, &fx->plan, &h, sn, n, why);
}

/* The marked words of snippet s, folded, joined by '|'. */
static char *marks_of(const tracuu_snippet_t *s)
{
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, "");
    for (size_t m = 0; m < s->n_marks; m++) {
        if (b.len)
            tracuu_buf_putc(&b, '|');
        tracuu_fold_ascii(s->text + s->marks[m].start, s->marks[m].len, &b);
    }
    return tracuu_buf_steal(&b);
}

static void test_phrase_passages_come_from_where_it_matched(void **state)
{
    (void)state;
    fixture_t fx;
    fixture_make(&fx, PLAN_2025, "\"thi đua\"", NULL);
    assert_true(fx.n_hp >= 5); /* "thi đua" 10 times, in the title too */
    tracuu_snippet_t *sn;
    size_t n;
    const char *why;
    snippets_of(&fx, PLAN_2025, fx.ck, &sn, &n, &why);
    assert_null(why);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++) {
        char *m = marks_of(&sn[i]);
        assert_true(strncmp(m, "thi dua", 7) == 0);
        free(m);
    }
    assert_string_not_equal(sn[0].text, sn[1].text);
    tracuu_snippets_free(sn, n);
    each_place_shown(&fx, PLAN_2025, NULL, 0, fx.ck);
    fixture_free(&fx);
}

/* A file in NFD: its checkpoints are offsets in its own bytes, the
 * snippet is the normalised (NFC) text. */
static void test_nfd_file_gives_nfc_passages(void **state)
{
    (void)state;
    fixture_t fx;
    fixture_make(&fx, PLAN_NFD, "\"người nghèo\"", NULL);
    assert_true(fx.n_hp > 0);
    tracuu_snippet_t *sn;
    size_t n;
    const char *why;
    snippets_of(&fx, PLAN_NFD, fx.ck, &sn, &n, &why);
    assert_null(why);
    assert_true(n >= 1);
    assert_non_null(strstr(sn[0].text, "người nghèo"));
    char *m = marks_of(&sn[0]);
    assert_true(strncmp(m, "nguoi ngheo", 11) == 0);
    free(m);
    tracuu_snippets_free(sn, n);
    each_place_shown(&fx, PLAN_NFD, NULL, 0, fx.ck);
    fixture_free(&fx);
}

/* The example plans one after another, decomposed (NFD), in a file of
 * their own (new path; unlink and free it): a long text whose bytes and
 * normalised text drift further apart at every accent. */
static char *long_nfd_file(void)
{
    static const char *const plans[] = {
        PLAN_2025,
        "examples/plans/ldld-huyen-dong-thuy-ke-hoach-thi-dua-2024.txt",
        "examples/plans/so-vhttdl-ha-lam-ke-hoach-thi-dua-2024.txt",
        "examples/plans/dang-uy-xa-hoa-my-thuong-chuong-trinh-dan-van-kheo-2024.txt",
        "examples/plans/huyen-dong-thuy-quyet-dinh-1022-khen-thuong-nong-thon-moi.txt",
    };
    tracuu_buf_t all = {0};
    for (size_t i = 0; i < sizeof plans / sizeof *plans; i++) {
        size_t len = 0;
        char *t = tt_read_file(plans[i], &len);
        assert_non_null(t);
        tracuu_buf_append(&all, t, len);
        tracuu_buf_putc(&all, '\n');
        free(t);
    }
    UErrorCode err = U_ZERO_ERROR;
    int32_t n16 = 0;
    u_strFromUTF8(NULL, 0, &n16, all.s, (int32_t)all.len, &err);
    err = U_ZERO_ERROR;
    UChar *u = calloc((size_t)n16 + 1, sizeof *u);
    UChar *d = calloc((size_t)n16 * 4 + 1, sizeof *d);
    u_strFromUTF8(u, n16 + 1, NULL, all.s, (int32_t)all.len, &err);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
    int32_t nd = unorm2_normalize(nfd, u, n16, d, n16 * 4 + 1, &err);
    char *out = calloc((size_t)nd * 3 + 1, 1);
    int32_t n8 = 0;
    u_strToUTF8(out, nd * 3 + 1, &n8, d, nd, &err);
    assert_false(U_FAILURE(err));
    assert_true((size_t)n8 > all.len + 1000); /* it did decompose */
    char *path = strdup("/tmp/test_passage_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, out, (size_t)n8), n8);
    close(fd);
    free(out);
    free(d);
    free(u);
    tracuu_buf_free(&all);
    return path;
}

static void test_long_nfd_file_places_found(void **state)
{
    (void)state;
    char *path = long_nfd_file();
    fixture_t fx;
    fixture_make(&fx, path, "\"thi đua\"", NULL);
    assert_true(fx.n_hp >= 20);
    each_place_shown(&fx, path, NULL, 0, fx.ck);
    fixture_free(&fx);
    unlink(path);
    free(path);
}

/* A converted plan: the index keeps its normalised text, and the
 * checkpoints are offsets in that text. */
static void test_stored_text_places_found(void **state)
{
    (void)state;
    char *path = long_nfd_file();
    fixture_t fx;
    fixture_make(&fx, path, "\"thi đua\"", NULL);
    size_t len = 0;
    char *bytes = tt_read_file(path, &len);
    tracuu_analysis_t a;
    assert_int_equal(tracuu_analyze(an, bytes, len, TRACUU_ANALYZE_TOKENS, &a),
                     TRACUU_OK);
    char *ck = tracuu_record_checkpoints(&a, true);
    json_object_set_new(fx.meta, "text_stored", json_true());
    json_object_del(fx.meta, "raw");
    unlink(path); /* the text comes from the index alone */
    each_place_shown(&fx, path, a.norm.s, a.norm.len, ck);
    free(ck);
    tracuu_analysis_free(&a);
    free(bytes);
    fixture_free(&fx);
    free(path);
}

/* A cited symbol is shown where its number stands, marked whole, and no
 * passage twice. */
static void test_citation_passage_at_its_number(void **state)
{
    (void)state;
    fixture_t fx;
    fixture_make(&fx, PLAN_2025, "cites:34-CT/TW", "34");
    assert_true(fx.n_hp > 0);
    tracuu_snippet_t *sn;
    size_t n;
    const char *why;
    snippets_of(&fx, PLAN_2025, fx.ck, &sn, &n, &why);
    assert_null(why);
    assert_true(n >= 1);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(strstr(sn[i].text, "34-CT/TW"));
        char *m = marks_of(&sn[i]);
        assert_non_null(strstr(m, "34-ct/tw"));
        free(m);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(sn[i].text, sn[j].text);
    }
    tracuu_snippets_free(sn, n);
    fixture_free(&fx);
}

/* Without checkpoints the whole text is searched: the same words found. */
static void test_without_checkpoints_the_whole_text_is_searched(void **state)
{
    (void)state;
    fixture_t fx;
    fixture_make(&fx, PLAN_2025, "\"thi đua\"", NULL);
    tracuu_snippet_t *sn;
    size_t n;
    const char *why;
    snippets_of(&fx, PLAN_2025, NULL, &sn, &n, &why);
    assert_null(why);
    assert_true(n >= 1);
    char *m = marks_of(&sn[0]);
    assert_true(strncmp(m, "thi dua", 7) == 0);
    free(m);
    tracuu_snippets_free(sn, n);
    fixture_free(&fx);
}

/* A file changed since it was indexed is said so, and nothing is cut
 * from bytes that are no longer the text indexed. */
static void test_changed_file_is_reported(void **state)
{
    (void)state;
    fixture_t fx;
    fixture_make(&fx, PLAN_2025, "\"thi đua\"", NULL);
    json_object_set_new(
        fx.meta, "mtime",
        json_integer(json_integer_value(json_object_get(fx.meta, "mtime")) + 1));
    tracuu_snippet_t *sn;
    size_t n;
    const char *why;
    snippets_of(&fx, PLAN_2025, fx.ck, &sn, &n, &why);
    assert_non_null(why);
    assert_string_equal(why, "file changed since indexing; re-index");
    assert_int_equal(n, 0);
    tracuu_snippets_free(sn, n);
    snippets_of(&fx, "examples/plans/no-such-plan.txt", fx.ck, &sn, &n, &why);
    assert_non_null(why);
    assert_string_equal(why, "file gone since indexing; re-index");
    assert_int_equal(n, 0);
    tracuu_snippets_free(sn, n);
    fixture_free(&fx);
}

/* A hit that matched on no body word (its title only) has no passage. */
static void test_no_body_position_no_passage(void **state)
{
    (void)state;
    fixture_t fx;
    fixture_make(&fx, PLAN_2025, "\"thi đua\"", NULL);
    size_t had = fx.n_hp;
    fx.n_hp = 0;
    tracuu_snippet_t *sn;
    size_t n;
    const char *why;
    snippets_of(&fx, PLAN_2025, fx.ck, &sn, &n, &why);
    assert_null(why);
    assert_int_equal(n, 0);
    tracuu_snippets_free(sn, n);
    fx.n_hp = had;
    fixture_free(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phrase_passages_come_from_where_it_matched),
        cmocka_unit_test(test_nfd_file_gives_nfc_passages),
        cmocka_unit_test(test_long_nfd_file_places_found),
        cmocka_unit_test(test_stored_text_places_found),
        cmocka_unit_test(test_citation_passage_at_its_number),
        cmocka_unit_test(test_without_checkpoints_the_whole_text_is_searched),
        cmocka_unit_test(test_changed_file_is_reported),
        cmocka_unit_test(test_no_body_position_no_passage),
    };
    return cmocka_run_group_tests_name("passage", tests, setup, teardown);
}
