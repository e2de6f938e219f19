/* segment.h: Vietnamese word segmentation of a sequence of syllable tokens. */
#ifndef TRACUU_SEGMENT_H
#define TRACUU_SEGMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>


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

#ifdef __cplusplus
}
#endif
#endif
