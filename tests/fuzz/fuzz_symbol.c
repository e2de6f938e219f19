/* fuzz_symbol.c: libFuzzer harness for the document symbol extractor and parsers (lib/symbol.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "symbol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_symbol(const tracuu_symbol_t *y)
{
    size_t kl = strnlen(y->key, sizeof y->key);
    FUZZ_CHECK(kl > 0 && kl <= TRACUU_SYMBOL_KEY_MAX);
    fuzz_check_utf8(y->key, kl);
    FUZZ_CHECK(strnlen(y->display, sizeof y->display) <= TRACUU_SYMBOL_KEY_MAX);
    fuzz_check_str(y->display);
    FUZZ_CHECK(strnlen(y->issuer, sizeof y->issuer) <= TRACUU_SYMBOL_KEY_MAX);
    fuzz_check_str(y->issuer);
    FUZZ_CHECK(strnlen(y->type_code, sizeof y->type_code) < sizeof y->type_code);
    fuzz_check_str(y->type_code);
    FUZZ_CHECK(y->number > 0);
    FUZZ_CHECK(y->subnumber >= 0);
    FUZZ_CHECK(y->year == 0 || (y->year >= 1000 && y->year <= 9999));
    FUZZ_CHECK(tracuu_symbol_search_type(y) != NULL);
    /* The official spelling parses back to the same key. */
    tracuu_symbol_t back;
    FUZZ_CHECK(tracuu_symbol_parse_query(y->display, strlen(y->display), &back));
    FUZZ_CHECK(strcmp(back.key, y->key) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tracuu_norm_t n;
    if (fuzz_normalize(data, size, &n) != 0) {
        tracuu_norm_free(&n);
        return 0;
    }
    tracuu_symbols_t ys = {0};
    FUZZ_CHECK(tracuu_symbols_extract(n.s, n.len, &ys) == 0);
    size_t prev = 0;
    for (size_t i = 0; i < ys.n; i++) {
        const tracuu_symbol_t *y = &ys.items[i];
        check_symbol(y);
        fuzz_check_span(n.s, n.len, y->span);
        FUZZ_CHECK(y->span.start < y->span.end);
        FUZZ_CHECK(y->span.start >= prev);
        prev = y->span.start;
        size_t rl = y->span.end - y->span.start;
        if (rl <= TRACUU_SYMBOL_KEY_MAX)
            FUZZ_CHECK(strlen(y->raw) == rl &&
                       memcmp(y->raw, n.s + y->span.start, rl) == 0);
        if (y->word)
            fuzz_check_span(n.s, n.len, y->word_span);
        FUZZ_CHECK(strnlen(y->issuer_phrase, sizeof y->issuer_phrase) <=
                   TRACUU_SYMBOL_PHRASE_MAX);
        fuzz_check_str(y->issuer_phrase);
        if (y->issuer_phrase[0])
            fuzz_check_span(n.s, n.len, y->issuer_phrase_span);
        if (y->date.year) {
            FUZZ_CHECK(y->date.role == TRACUU_DATE_CITED);
            if (y->date.day)
                FUZZ_CHECK(tracuu_date_valid(y->date.year, y->date.month,
                                             y->date.day));
            fuzz_check_span(n.s, n.len, y->date.span);
        }
    }
    tracuu_symbols_free(&ys);
    tracuu_symbols_free(&ys);

    /* The same text typed as a query. */
    if (n.len <= 256) {
        tracuu_symbol_t y;
        if (tracuu_symbol_parse_query(n.s, n.len, &y))
            check_symbol(&y);
        char code[16];
        long number = -1;
        if (tracuu_symbol_parse_type_number(n.s, n.len, code, sizeof code,
                                            &number)) {
            FUZZ_CHECK(strlen(code) < sizeof code);
            fuzz_check_str(code);
            FUZZ_CHECK(number >= 0);
        }
    }
    tracuu_norm_free(&n);
    return 0;
}
