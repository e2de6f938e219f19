/* tokenize.h: ICU word breaking into syllable tokens, and their term forms. */
#ifndef TRACUU_TOKENIZE_H
#define TRACUU_TOKENIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tracuu_token_kind {
    TRACUU_TOKEN_WORD = 0,  /* letters (a syllable, or a code like UBND) */
    TRACUU_TOKEN_NUMBER,    /* digits, possibly with , or . inside (93,5) */
} tracuu_token_kind_t;

/* 12 bytes (was 24): a text of 16 MB has up to 8.4 million tokens, the
 * largest part of indexing's memory. With the array sized once (not
 * doubled by copying), 16 MB of plain text (the example plans repeated)
 * take 90-102 MB of peak RSS instead of 150 MB. Offsets fit 32 bits as
 * ICU's break iterators count in int32_t anyway. */
typedef struct tracuu_token {
    uint32_t start, end;    /* byte offsets in the tokenised text */
    uint32_t pos : 31;      /* 0, 1, 2, ... in text order */
    tracuu_token_kind_t kind : 1;
} tracuu_token_t;

typedef struct tracuu_tokens {
    tracuu_token_t *v;
    size_t n, cap;
} tracuu_tokens_t;

/* A word breaker. Not thread-safe: one per thread. */
typedef struct tracuu_tokenizer tracuu_tokenizer_t;

/* New tokenizer in *out (free with tracuu_tokenizer_free), or NULL and
 * TRACUU_ERR_ICU when ICU cannot open its word break rules. */
tracuu_status_t tracuu_tokenizer_new(tracuu_tokenizer_t **out);
void tracuu_tokenizer_free(tracuu_tokenizer_t *t);

/* Break UTF-8 text[0..len) into tokens appended to out (whose contents are
 * the caller's; free with tracuu_tokens_free). Tokens longer than
 * TRACUU_TOKEN_MAX bytes are skipped (binary junk, base64). Positions
 * continue from first_pos. A glyph OCR writes for a letter ("hi¢n",
 * "ti€u", "hi&u", "D§y", "kinh t&"; lib/ocr.h reads them) stays in its
 * word, which ICU would break there: one token, one position. An "&"
 * only in a word with a small letter (R&D stays two). TRACUU_ERR_ARG for
 * a text of 2 GB or more. */
#define TRACUU_TOKEN_MAX 64
tracuu_status_t tracuu_tokenize(tracuu_tokenizer_t *t, const char *text,
                                size_t len, uint32_t first_pos,
                                tracuu_tokens_t *out);
/* The same, stopping once out holds max tokens. */
tracuu_status_t tracuu_tokenize_max(tracuu_tokenizer_t *t, const char *text,
                                    size_t len, uint32_t first_pos,
                                    size_t max, tracuu_tokens_t *out);
void tracuu_tokens_free(tracuu_tokens_t *toks);
/* Every chunk through ICU when on, none cut on the plain path (the tokens
 * are the same either way: tests compare them). */
void tracuu_tokenizer_icu_only(tracuu_tokenizer_t *t, bool on);

/* The two forms a token is indexed and searched by, appended to exact
 * and folded (either may be NULL):
 * exact  - lowercase, with the lone i/y of a syllable unified to i
 *          (kỹ/kĩ, lý/lí, sỹ/sĩ; never tay/tai, quy, or a lone y/ý);
 * folded - exact without any diacritic, đ -> d.
 * The input is one token of normalised text (tone placement unified). */
void tracuu_term_forms(const char *tok, size_t len, tracuu_buf_t *exact,
                       tracuu_buf_t *folded);

#ifdef __cplusplus
}
#endif
#endif
