/* fold.h: table-driven case and diacritic folding of Vietnamese text. */
#ifndef TRACUU_FOLD_H
#define TRACUU_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Vietnamese tone marks, in the order of the alphabet's tradition. */
typedef enum tracuu_tone {
    TRACUU_TONE_NONE = 0,
    TRACUU_TONE_GRAVE,  /* huyền  à */
    TRACUU_TONE_ACUTE,  /* sắc    á */
    TRACUU_TONE_HOOK,   /* hỏi    ả */
    TRACUU_TONE_TILDE,  /* ngã    ã */
    TRACUU_TONE_DOT,    /* nặng   ạ */
} tracuu_tone_t;

/* Build the tables (from ICU's decompositions, once). Safe to call from
 * several threads and many times; every function below calls it. */
void tracuu_fold_init(void);

/* Lowercase of one code point (ICU simple case mapping). */
uint32_t tracuu_cp_lower(uint32_t cp);
/* Uppercase of one code point. */
uint32_t tracuu_cp_upper(uint32_t cp);
/* The letter with every diacritic removed and lowercased: 'ệ' -> 'e',
 * 'Đ' -> 'd'. Returns 0 for a combining mark (to be dropped) and the
 * lowercase code point itself for anything with no Latin base. */
uint32_t tracuu_cp_fold(uint32_t cp);
/* Tone mark carried by a Vietnamese vowel letter (NONE for the rest). */
tracuu_tone_t tracuu_cp_tone(uint32_t cp);
/* The same letter without its tone mark, keeping case and the vowel's
 * own marks (breve, circumflex, horn): 'Ổ' -> 'Ô'. */
uint32_t tracuu_cp_untoned(uint32_t cp);
/* The letter cp (untoned) carrying tone; cp itself when no such letter. */
uint32_t tracuu_cp_with_tone(uint32_t cp, tracuu_tone_t tone);
/* True for a, ă, â, e, ê, i, o, ô, ơ, u, ư, y in any case and tone. */
bool tracuu_cp_is_vowel(uint32_t cp);
/* Bytes of the letter at u[0..n) when it is a Latin letter of
 * Vietnamese's range: ASCII letters, U+00C0-U+017F but the signs U+00D7
 * and U+00F7, U+01A0-U+01B0, U+1EA0-U+1EF9; else 0 (also for a broken
 * sequence). Each is alphabetic, a word letter to UAX #29 (ALetter), and
 * a starter NFC keeps as it is (test_fold checks all three with ICU). */
size_t tracuu_latin_letter_len(const unsigned char *u, size_t n);

/* Append the lowercase form of UTF-8 s[0..len) to out. */
void tracuu_fold_lower(const char *s, size_t len, tracuu_buf_t *out);
/* Append the folded form: lowercase, no diacritics, đ -> d. */
void tracuu_fold_ascii(const char *s, size_t len, tracuu_buf_t *out);

/* A folded copy of a text with, for each folded byte, the byte offset in
 * the source of the character that produced it. Extractors scan the
 * folded text (plain ASCII for Vietnamese) and report source offsets. */
typedef struct tracuu_folded {
    char *s;      /* folded text, NUL-terminated */
    size_t len;
    size_t *src;  /* len + 1 entries; src[len] == source length */
} tracuu_folded_t;

/* Fill out from text[0..len). The result is new; free with
 * tracuu_folded_free(). */
void tracuu_folded_make(const char *text, size_t len, tracuu_folded_t *out);
/* Free the contents of f (not f itself). Accepts an empty struct. */
void tracuu_folded_free(tracuu_folded_t *f);

/* Match pattern p (folded ASCII) at f[i] in folded text f[0..n): a space
 * in p matches any run of blanks (space, tab, CR, LF, and Markdown's '*'),
 * so "phong trao" matches "Phong ⏎ trào"; the match must end at a word's
 * end. Returns the offset after it, or 0. */
size_t tracuu_folded_match(const char *f, size_t n, size_t i, const char *p);

/* The tone a combining mark (U+0300 grave ... U+0323 dot below) stands
 * for, NONE for any other code point. */
tracuu_tone_t tracuu_tone_of_mark(uint32_t cp);

#ifdef __cplusplus
}
#endif
#endif
