/* analysis.c: runs normalisation, word breaking and the extractors in order. */
#include "analysis.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

struct tracuu_analyzer {
    tracuu_tokenizer_t *tok;
};

tracuu_status_t tracuu_analyzer_new(tracuu_analyzer_t **out)
{
    *out = NULL;
    tracuu_analyzer_t *a = tracuu_xcalloc(1, sizeof *a);
    tracuu_status_t st = tracuu_tokenizer_new(&a->tok);
    if (st != TRACUU_OK) {
        free(a);
        return st;
    }
    *out = a;
    return TRACUU_OK;
}

void tracuu_analyzer_free(tracuu_analyzer_t *a)
{
    if (!a)
        return;
    tracuu_tokenizer_free(a->tok);
    free(a);
}

/* Keep the tokens of the first TRACUU_WORDS_MAX spellings only. */
static void cap_words(tracuu_analysis_t *an)
{
    tracuu_distinct_t set = {.max = TRACUU_WORDS_MAX};
    tracuu_token_t *v = an->tokens.v;
    size_t kept = 0;
    for (size_t i = 0; i < an->tokens.n; i++) {
        size_t at = tracuu_distinct_add(&set, an->norm.s + v[i].start,
                                        v[i].end - v[i].start);
        if (at != TRACUU_DISTINCT_DROPPED)
            v[kept++] = v[i];
    }
    an->tokens.n = kept;
    an->words = set.tally;
    tracuu_distinct_free(&set);
}

char *tracuu_analysis_checkpoints(const tracuu_analysis_t *an, bool orig)
{
    tracuu_buf_t b = {0};
    size_t prev = 0;
    uint32_t next = 0; /* the next checkpoint's position */
    for (size_t i = 0; i < an->tokens.n; i++) {
        uint32_t pos = an->tokens.v[i].pos + 1;
        if (pos < next)
            continue;
        size_t off = an->tokens.v[i].start;
        if (orig)
            off = tracuu_norm_orig_offset(&an->norm, off);
        if (off < prev)
            off = prev;
        /* Every checkpoint up to this token's begins here. */
        while (next <= pos) {
            tracuu_buf_printf(&b, b.len ? " %zu" : "%zu", off - prev);
            prev = off;
            next += TRACUU_CHECKPOINT;
        }
    }
    return tracuu_buf_steal(&b);
}

/* The extractors for a document: each distinct item once with its count,
 * up to the caps, so that memory stays bounded whatever the text. */
static void extract_distinct(tracuu_analysis_t *an)
{
    const char *s = an->norm.s;
    size_t len = an->norm.len;
    tracuu_span_t *spans = NULL;
    size_t n_spans = 0;
    tracuu_symbols_extract_distinct(s, len, TRACUU_SYMBOLS_MAX, &an->symbols,
                                    &spans, &n_spans);
    tracuu_dates_extract_distinct(s, len, spans, n_spans, TRACUU_DATES_MAX,
                                  TRACUU_PERIODS_MAX, &an->dates);
    free(spans);
    tracuu_movements_extract_distinct(s, len, TRACUU_MOVEMENTS_MAX,
                                      &an->movements);
    tracuu_citenames_extract(s, len, TRACUU_CITENAMES_MAX, &an->citenames);
}

tracuu_status_t tracuu_analyze(tracuu_analyzer_t *a, const char *text,
                               size_t len, int flags, tracuu_analysis_t *out)
{
    memset(out, 0, sizeof *out);
    if (tracuu_normalize(text, len, &out->norm) != 0)
        return TRACUU_ERR_ICU;
    bool doc = flags & TRACUU_ANALYZE_DOCUMENT;
    tracuu_status_t st =
        tracuu_tokenize_max(a->tok, out->norm.s, out->norm.len, 0,
                            doc ? TRACUU_TOKENS_MAX + 1 : SIZE_MAX,
                            &out->tokens);
    if (st != TRACUU_OK)
        return st;
    if (doc && out->tokens.n > TRACUU_TOKENS_MAX) {
        out->tokens.n = TRACUU_TOKENS_MAX;
        out->tokens_cut = true;
    }
    if (flags & TRACUU_ANALYZE_DOCUMENT) {
        cap_words(out);
        out->checkpoints_orig = tracuu_analysis_checkpoints(out, true);
        free(out->norm.anchors);
        out->norm.anchors = NULL;
        out->norm.n_anchors = 0;
        tracuu_header_extract(out->norm.s, out->norm.len, &out->header);
        extract_distinct(out);
    }
    return TRACUU_OK;
}

void tracuu_extract_symbols_dates(const char *s, size_t len,
                                  tracuu_symbols_t *symbols,
                                  tracuu_dates_t *dates)
{
    tracuu_symbols_extract(s, len, symbols);
    /* Symbols come in text order, so their spans are sorted. */
    tracuu_span_t *spans = tracuu_xcalloc(symbols->n + 1, sizeof *spans);
    for (size_t i = 0; i < symbols->n; i++)
        spans[i] = symbols->items[i].span;
    tracuu_dates_extract(s, len, spans, symbols->n, dates);
    free(spans);
}

tracuu_status_t tracuu_analyzer_tokenize(tracuu_analyzer_t *a, const char *s,
                                         size_t len, tracuu_tokens_t *out)
{
    return tracuu_tokenize(a->tok, s, len, 0, out);
}

tracuu_status_t tracuu_analyzer_tokenize_at(tracuu_analyzer_t *a,
                                            const char *s, size_t len,
                                            uint32_t first_pos,
                                            tracuu_tokens_t *out)
{
    return tracuu_tokenize(a->tok, s, len, first_pos, out);
}

void tracuu_analysis_free(tracuu_analysis_t *an)
{
    if (!an)
        return;
    tracuu_norm_free(&an->norm);
    free(an->checkpoints_orig);
    tracuu_tokens_free(&an->tokens);
    tracuu_header_free(&an->header);
    tracuu_symbols_free(&an->symbols);
    tracuu_citenames_free(&an->citenames);
    tracuu_dates_free(&an->dates);
    tracuu_movements_free(&an->movements);
}

/* "1,290,000" */
static void put_count(tracuu_buf_t *b, size_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n);
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            tracuu_buf_putc(b, ',');
        tracuu_buf_putc(b, digits[i]);
    }
}

static void note_tally(tracuu_buf_t *b, const tracuu_tally_t *t,
                       const char *what)
{
    if (t->kept >= t->distinct)
        return;
    if (b->len)
        tracuu_buf_puts(b, "; ");
    put_count(b, t->found);
    tracuu_buf_printf(b, " %s, ", what);
    if (t->distinct >= TRACUU_DISTINCT_COUNT_MAX)
        tracuu_buf_puts(b, "at least ");
    put_count(b, t->distinct);
    tracuu_buf_puts(b, " distinct: kept the first ");
    put_count(b, t->kept);
}

char *tracuu_analysis_truncated(const tracuu_analysis_t *an)
{
    tracuu_buf_t b = {0};
    if (an->tokens_cut) {
        tracuu_buf_puts(&b, "over ");
        put_count(&b, TRACUU_TOKENS_MAX);
        tracuu_buf_puts(&b, " words: kept the first ");
        put_count(&b, TRACUU_TOKENS_MAX);
    }
    note_tally(&b, &an->words, "words");
    note_tally(&b, &an->symbols.tally, "symbols");
    note_tally(&b, &an->dates.tally_dates, "dates");
    note_tally(&b, &an->dates.tally_periods, "periods");
    note_tally(&b, &an->movements.tally, "movement names");
    note_tally(&b, &an->citenames.tally, "names of laws");
    return b.len ? tracuu_buf_steal(&b) : NULL;
}
