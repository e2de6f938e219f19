/* analysis.c: runs normalisation, word breaking and the extractors in order. */
#include "analysis.h"

#include <stdlib.h>
#include <string.h>

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

tracuu_status_t tracuu_analyze(tracuu_analyzer_t *a, const char *text,
                               size_t len, int flags, tracuu_analysis_t *out)
{
    memset(out, 0, sizeof *out);
    if (tracuu_normalize(text, len, &out->norm) != 0)
        return TRACUU_ERR_ICU;
    tracuu_status_t st =
        tracuu_tokenize(a->tok, out->norm.s, out->norm.len, 0, &out->tokens);
    if (st != TRACUU_OK)
        return st;
    if (flags & TRACUU_ANALYZE_DOCUMENT) {
        tracuu_header_extract(out->norm.s, out->norm.len, &out->header);
        tracuu_extract_symbols_dates(out->norm.s, out->norm.len,
                                     &out->symbols, &out->dates);
        tracuu_movements_extract(out->norm.s, out->norm.len, &out->movements);
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
    tracuu_tokens_free(&an->tokens);
    tracuu_header_free(&an->header);
    tracuu_symbols_free(&an->symbols);
    tracuu_dates_free(&an->dates);
    tracuu_movements_free(&an->movements);
}
