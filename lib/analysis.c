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
    if (flags & TRACUU_ANALYZE_DOCUMENT)
        tracuu_header_extract(out->norm.s, out->norm.len, &out->header);
    return TRACUU_OK;
}

tracuu_status_t tracuu_analyzer_tokenize(tracuu_analyzer_t *a, const char *s,
                                         size_t len, tracuu_tokens_t *out)
{
    return tracuu_tokenize(a->tok, s, len, 0, out);
}

void tracuu_analysis_free(tracuu_analysis_t *an)
{
    if (!an)
        return;
    tracuu_norm_free(&an->norm);
    tracuu_tokens_free(&an->tokens);
    tracuu_header_free(&an->header);
}
