/* fuzz_analysis.c: libFuzzer harness for the normaliser and tokeniser, through the analyser. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "fuzz_util.h"

static tracuu_analyzer_t *analyzer;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!analyzer && tracuu_analyzer_new(&analyzer) != TRACUU_OK)
        abort();
    /* Raw bytes, as a reader could hand them over after a bad decode:
     * the normaliser promises valid UTF-8 out of anything. */
    int flags = size && (data[0] & 1) ? TRACUU_ANALYZE_DOCUMENT
                                      : TRACUU_ANALYZE_TOKENS;
    tracuu_analysis_t an;
    tracuu_status_t st =
        tracuu_analyze(analyzer, (const char *)data, size, flags, &an);
    if (st == TRACUU_OK) {
        const tracuu_norm_t *n = &an.norm;
        FUZZ_CHECK(n->s != NULL && n->s[n->len] == '\0');
        fuzz_check_utf8(n->s, n->len);
        FUZZ_CHECK(n->orig_len == size);
        for (size_t i = 1; i < n->n_anchors; i++)
            FUZZ_CHECK(n->anchors[i - 1].norm <= n->anchors[i].norm);
        size_t prev_end = 0, prev_orig = 0;
        tracuu_buf_t exact = {0}, folded = {0};
        for (size_t i = 0; i < an.tokens.n; i++) {
            const tracuu_token_t *t = &an.tokens.v[i];
            tracuu_span_t sp = {t->start, t->end};
            fuzz_check_span(n->s, n->len, sp);
            FUZZ_CHECK(t->start < t->end);
            FUZZ_CHECK(t->start >= prev_end);
            FUZZ_CHECK(t->end - t->start <= TRACUU_TOKEN_MAX);
            FUZZ_CHECK(i == 0 || t->pos > an.tokens.v[i - 1].pos);
            prev_end = t->end;
            /* Offsets map back into the original bytes, in order (a
             * document's analysis drops the map once its checkpoints are
             * taken: memory per document is bounded). */
            if (flags == TRACUU_ANALYZE_TOKENS) {
                size_t o = tracuu_norm_orig_offset(n, t->start);
                FUZZ_CHECK(o <= size);
                FUZZ_CHECK(o >= prev_orig);
                prev_orig = o;
                FUZZ_CHECK(tracuu_norm_orig_offset(n, t->end) <= size);
            }
            tracuu_buf_clear(&exact);
            tracuu_buf_clear(&folded);
            tracuu_term_forms(n->s + t->start, t->end - t->start, &exact,
                              &folded);
            fuzz_check_utf8(exact.s, exact.len);
            fuzz_check_utf8(folded.s, folded.len);
            FUZZ_CHECK(folded.len > 0);
        }
        tracuu_buf_free(&exact);
        tracuu_buf_free(&folded);
        /* The header fields are normalised text too. */
        const tracuu_header_t *h = &an.header;
        fuzz_check_str(h->doc_type);
        fuzz_check_str(h->title);
        fuzz_check_str(h->number);
        fuzz_check_str(h->issuer);
        fuzz_check_str(h->place);
        fuzz_check_str(h->signer_role);
        fuzz_check_str(h->signer);
        for (size_t i = 0; i < h->n_recipients; i++)
            fuzz_check_str(h->recipients[i]);
    }
    tracuu_analysis_free(&an);

    /* One word through the tone placement rules. */
    if (size <= 64) {
        tracuu_norm_t w;
        if (fuzz_normalize(data, size, &w) == 0) {
            tracuu_buf_t out = {0};
            tracuu_normalize_word(w.s, w.len, &out);
            fuzz_check_utf8(out.s, out.len);
            tracuu_buf_free(&out);
        }
        tracuu_norm_free(&w);
    }
    return 0;
}
