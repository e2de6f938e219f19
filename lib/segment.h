/* segment.h: Vietnamese word segmentation of a sequence of syllable tokens. */
#ifndef TRACUU_SEGMENT_H
#define TRACUU_SEGMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "tokenize.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Which term form of tracuu_term_forms() the syllables are given in. Each
 * has its own model: exact (lowercase, accented) decides better; folded
 * (no diacritics, d for đ) is the only one possible for a query typed
 * without accents. Index and query must use the same form to agree. */
typedef enum tracuu_seg_form {
    TRACUU_SEG_EXACT = 0,
    TRACUU_SEG_FOLDED = 1,
} tracuu_seg_form_t;

/* One syllable: its term form (borrowed; need not be NUL-terminated). A
 * form holding an ASCII digit counts as a number, whatever it says. */
typedef struct tracuu_seg_tok {
    const char *s;
    size_t len;
    unsigned flags;
} tracuu_seg_tok_t;

/* A word boundary is certain before this token: punctuation, a line break
 * or a token the caller dropped lies between it and the one before. */
#define TRACUU_SEG_BREAK 1u

/* A segmenter: one form's model (dictionary and learned weights),
 * compiled in from data/segment-vi.tsv (see scripts/learn-segment). */
typedef struct tracuu_segmenter tracuu_segmenter_t;

/* The segmenter of form: built on the first call for that form
 * (thread-safe; 25-40 ms, 4 MB), then immutable and shared by every
 * thread; borrowed, never freed (it lives until the process ends). Aborts
 * when out of memory, as tracuu_xmalloc does. */
const tracuu_segmenter_t *tracuu_segmenter(tracuu_seg_form_t form);

/* Decide the words of toks[0..n) (syllables in sg's form): starts[i]
 * becomes 1 when token i begins a word, 0 when it continues the word of
 * token i-1 (starts[0] is 1). Words are 1 to 4 syllables. No allocation;
 * safe to call from many threads at once. */
void tracuu_segment(const tracuu_segmenter_t *sg, const tracuu_seg_tok_t *toks,
                    size_t n, uint8_t *starts);

/* The number of weights of sg's model, and in *n_words (may be NULL) of
 * its dictionary words (for tests and reports). */
size_t tracuu_segmenter_size(const tracuu_segmenter_t *sg, size_t *n_words);

/* Calls fn(word, len, ctx) for each word of two to four syllables in the
 * tokens toks of normalised text, in text order: the word's syllables in
 * folded form (tracuu_term_forms) apart by one space ("an toan"). Words
 * never span punctuation, a line break or a number; a run of more than
 * 256 syllables without one is cut there. Stops at and returns the first
 * non-zero value fn returns; 0 otherwise. The one word splitter of index
 * and query. */
/* True when only spaces or tabs lie in text[from..to): a word may go on
 * across it (no punctuation, no line break). */
bool tracuu_words_joined(const char *text, uint32_t from, uint32_t to);

typedef int (*tracuu_word_fn)(const char *word, size_t len, void *ctx);
int tracuu_words_each(const char *text, const tracuu_tokens_t *toks,
                      tracuu_word_fn fn, void *ctx);

/* The same fed a token at a time, with its folded form already made
 * (the indexer folds every token once): push each token of a text in
 * order (folded may be empty for a token with no term), then end (which
 * gives the last words and frees what the run holds). Both return the
 * first non-zero value of fn, else 0. */
#define TRACUU_WORD_RUN_MAX 256
typedef struct tracuu_word_run {
    tracuu_buf_t f, w;            /* the run's folded syllables; a word */
    size_t off[TRACUU_WORD_RUN_MAX];
    tracuu_seg_tok_t seg[TRACUU_WORD_RUN_MAX];
    size_t n;
    uint32_t last_end;            /* end of the token pushed last */
} tracuu_word_run_t;
int tracuu_word_run_push(tracuu_word_run_t *r, const char *text,
                         const tracuu_token_t *t, const char *folded,
                         size_t len, tracuu_word_fn fn, void *ctx);
int tracuu_word_run_end(tracuu_word_run_t *r, tracuu_word_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif
#endif
