/* syllable.h: is a word a well-formed Vietnamese syllable (by phonotactics)? */
#ifndef TRACUU_SYLLABLE_H
#define TRACUU_SYLLABLE_H

#include <stdbool.h>
#include <stddef.h>

/* True when the UTF-8 word w[0..len) spells one Vietnamese syllable:
 * an initial consonant (b, c, ch, d, đ, g, gh, gi, h, k, kh, l, m, n, ng,
 * ngh, nh, p, ph, qu, r, s, t, th, tr, v, x or none), a rhyme from the
 * table of Vietnamese rhymes, and at most one tone mark, which a rhyme
 * ending in c, ch, p or t allows only as sắc or nặng; c/k, g/gh and
 * ng/ngh follow the spelling rules. Any case; precomposed letters or
 * base letters followed by combining marks (as CP1258 writes them).
 * The set is derived from these rules, so the project ships no list.
 * False for anything else, including empty or over-long words. */
bool tracuu_syllable_valid(const char *w, size_t len);

/* True when the folded word w[0..len) (lowercase ASCII letters, no
 * marks, d for đ: tracuu_term_forms' folded form) is the folded form of
 * some syllable tracuu_syllable_valid accepts with some marks ("nuoc" for
 * nước, "duc" for đức; not "hoic", "ciu" or "diroc"). Cheap: the test
 * that nearly every word of a text passes. */
bool tracuu_syllable_folded_valid(const char *w, size_t len);

/* Counts of words in a text, for telling encodings apart. */
typedef struct tracuu_syllable_score {
    size_t words;       /* words (runs of non-separators) seen */
    size_t marked;      /* of which contain a non-ASCII character */
    size_t good;        /* marked words that are valid syllables */
    size_t single_good; /* of which are one letter (à, ý, ở): weak evidence,
                         * as symbols (µ, ×) decode to such letters */
} tracuu_syllable_score_t;

/* Score the UTF-8 text s[0..len): words are separated by white space,
 * ASCII digits and punctuation, and Unicode punctuation; any other
 * character (©, §, U+FFFD, ...) counts as part of a word, so a wrong
 * decoding shows up as invalid words. Adds to *sc. */
void tracuu_syllable_score(const char *s, size_t len,
                           tracuu_syllable_score_t *sc);

/* good / marked, or 0 when no word has a non-ASCII character. */
double tracuu_syllable_share(const tracuu_syllable_score_t *sc);

#endif
