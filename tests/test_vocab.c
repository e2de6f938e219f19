/* test_vocab.c: every extractor reads the one vocabulary (lib/doctables.h): each spelling in a table changes what it finds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "date.h"
#include "doctables.h"
#include "header.h"
#include "symbol.h"

/* ASCII uppercase of a folded spelling ("ke hoach" -> "KE HOACH"), as an
 * OCR'd heading without diacritics reads. */
static void upper_ascii(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; *s && n + 1 < cap; s++)
        out[n++] = (*s >= 'a' && *s <= 'z') ? (char)(*s - 32) : *s;
    out[n] = '\0';
}

/* The role of the one date in text (fails when there is not one). */
static tracuu_date_role_t role_of(const char *text)
{
    tracuu_dates_t d;
    tracuu_dates_extract(text, strlen(text), NULL, 0, &d);
    if (d.n_dates != 1)
        fail_msg("\"%s\": %zu dates, expected 1", text, d.n_dates);
    tracuu_date_role_t role = d.dates[0].role;
    tracuu_dates_free(&d);
    return role;
}

/* Each heading of the table, typed as a plan's type line, is the type
 * header.c reports; a line naming no heading is none. */
static void test_vocab_header_reads_every_heading(void **state)
{
    (void)state;
    size_t n = 0;
    for (const tracuu_heading_t *h = tracuu_headings; h->folded; h++, n++) {
        char line[128], text[512];
        upper_ascii(h->folded, line, sizeof line);
        snprintf(text, sizeof text,
                 "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\n\n%s\n"
                 "Về công tác thi đua năm 2024\n\nCăn cứ Luật Thi đua.\n",
                 line);
        tracuu_header_t hd;
        tracuu_header_extract(text, strlen(text), &hd);
        if (!hd.doc_type || strcmp(hd.doc_type, h->name) != 0)
            fail_msg("heading \"%s\": doc_type %s", line,
                     hd.doc_type ? hd.doc_type : "(none)");
        tracuu_header_free(&hd);
    }
    assert_true(n >= 30);
    const char *none = "ỦY BAN NHÂN DÂN\n\nKE HOACHS\nVề công tác\n";
    tracuu_header_t hd;
    tracuu_header_extract(none, strlen(none), &hd);
    assert_null(hd.doc_type);
    tracuu_header_free(&hd);
}

/* Each spelling of "số" makes the number after it the plan's own
 * (symbol.c), and, where it is a word of letters, makes the date after
 * "số N" a cited one (date.c). */
static void test_vocab_so_spellings_reach_symbols_and_dates(void **state)
{
    (void)state;
    size_t letters = 0;
    for (const char *const *so = tracuu_so_words; *so; so++) {
        char text[256];
        snprintf(text, sizeof text, "%c%s 12/KH-UBND\n", **so - 32, *so + 1);
        tracuu_symbols_t s;
        assert_int_equal(tracuu_symbols_extract(text, strlen(text), &s), 0);
        if (s.n != 1 || !s.items[0].own)
            fail_msg("\"%s\": %zu symbols, own %d", text, s.n,
                     s.n ? s.items[0].own : -1);
        tracuu_symbols_free(&s);

        if (strspn(*so, "abcdefghijklmnopqrstuvwxyz") != strlen(*so))
            continue; /* date.c reads words of letters only */
        letters++;
        snprintf(text, sizeof text, "theo Quyết định %s 15 ngày 03/02/2024",
                 *so);
        if (role_of(text) != TRACUU_DATE_CITED)
            fail_msg("\"%s\": not cited", text);
    }
    assert_true(letters >= 3);
    /* A word not in the table cites nothing. */
    assert_int_not_equal(role_of("theo Quyết định xo 15 ngày 03/02/2024"),
                         TRACUU_DATE_CITED);
}

/* Each spelling, exact and plain, of the deadline words đến, tới and
 * trước makes the date after it a deadline (date.c). */
static void test_vocab_date_keywords_make_deadlines(void **state)
{
    (void)state;
    size_t n = 0;
    for (const tracuu_datekw_t *k = tracuu_datekws; k->kw; k++) {
        if (k->kw != TRACUU_KW_DEN && k->kw != TRACUU_KW_TOI &&
            k->kw != TRACUU_KW_TRUOC)
            continue;
        const char *lists[2] = {k->exact, k->plain};
        for (int l = 0; l < 2; l++) {
            const char *p = lists[l];
            while (p && *p) {
                size_t w = strcspn(p, "|");
                char text[128];
                snprintf(text, sizeof text, "hoàn thành %.*s ngày 15/6/2024",
                         (int)w, p);
                if (role_of(text) != TRACUU_DATE_DEADLINE)
                    fail_msg("\"%s\": no deadline", text);
                n++;
                p += w + (p[w] == '|');
            }
        }
    }
    assert_true(n >= 6);
    assert_int_not_equal(role_of("hoàn thành dan ngày 15/6/2024"),
                         TRACUU_DATE_DEADLINE);
}

/* Each type word in front of "số N/..." is the word symbol.c reports. */
static void test_vocab_symbol_reads_every_type_word(void **state)
{
    (void)state;
    for (const tracuu_typeword_t *tw = tracuu_typewords; tw->word; tw++) {
        char text[256];
        snprintf(text, sizeof text, "thực hiện %s số 12/2024/ABC-XYZ của tỉnh",
                 tw->word);
        tracuu_symbols_t s;
        assert_int_equal(tracuu_symbols_extract(text, strlen(text), &s), 0);
        if (s.n != 1 || s.items[0].word != tw)
            fail_msg("\"%s\": %zu symbols, word %s", text, s.n,
                     s.n && s.items[0].word ? s.items[0].word->word : "-");
        tracuu_symbols_free(&s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vocab_header_reads_every_heading),
        cmocka_unit_test(test_vocab_so_spellings_reach_symbols_and_dates),
        cmocka_unit_test(test_vocab_date_keywords_make_deadlines),
        cmocka_unit_test(test_vocab_symbol_reads_every_type_word),
    };
    return cmocka_run_group_tests_name("vocab", tests, NULL, NULL);
}
