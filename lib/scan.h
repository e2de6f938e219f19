/* scan.h: the one set of text-scanning helpers the extractors share (characters, dashes, code points, word lists). */
#ifndef TRACUU_SCAN_H
#define TRACUU_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * date.c, symbol.c, header.c and movement.c each carried a private copy
 * of these. Where the copies disagreed, this is what was chosen (the
 * extractors read normalised text, normalize.h, so most differences could
 * not show; the 200 benchmark queries and the three lists on ../shared
 * and the benchmark corpus gave the same bytes before and after):
 *
 * - Whitespace. date.c and symbol.c: space, tab, LF, CR, FF, VT;
 *   header.c's is_blank_byte, its folded skip_ws and movement.c's
 *   space_cp: space, tab, CR, LF. Chosen: the wider set (normalised text
 *   holds no FF or VT: a form feed became LF, VT was dropped).
 *   movement.c's is_ws adds Markdown's '*': that is tracuu_scan_is_gap.
 * - Dashes. date.c and movement.c's dash_cp: '-', U+2010..U+2015 and
 *   U+2212; symbol.c stopped at U+2014, so "34―CT/TW" with a horizontal
 *   bar (U+2015) was no symbol. Chosen: U+2015 is a dash everywhere (it
 *   is typed as one in Vietnamese texts, as the em dash is).
 * - The code point before a position. date.c took a malformed sequence
 *   as its last byte alone (U+FFFD); symbol.c backed up over up to three
 *   continuation bytes whatever they formed. Chosen: date.c's (only
 *   invalid UTF-8 can tell them apart, and normalised text has none).
 * - An uppercase start. header.c and movement.c: the first code point
 *   has a different lowercase (ICU simple case mapping); symbol.c also
 *   required a Latin, Greek or Cyrillic letter, so a Roman numeral Ⅰ or a
 *   circled Ⓐ was not uppercase. Chosen: the case mapping alone.
 * - Word lists. date.c matched '|'-separated spellings, symbol.c
 *   NULL-terminated arrays, header.c and movement.c counted arrays by
 *   prefix: tracuu_scan_in_alts and tracuu_scan_in_list match a whole
 *   word exactly, tracuu_scan_starts_word a folded prefix ending a word.
 * - word_at in date.c (read the word of letters and marks at a position)
 *   and in symbol.c (is this folded word at that index of a window) were
 *   two operations with one name; each stays in its file (symbol.c's is
 *   now fwin_word_at), built on these helpers.
 * - symbol.c's stop_symbol (“ ” ‘ ’ « ») is narrower than movement.c's
 *   quote_cp on purpose: an apostrophe or „ does not end an issuer's
 *   phrase; tracuu_scan_is_quote_cp is movement.c's set.
 */

/* An ASCII digit. */
static inline bool tracuu_scan_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* ASCII whitespace: space, tab, LF, CR, FF, VT. */
static inline bool tracuu_scan_is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Whitespace or Markdown's '*', a gap between words of a plan typed in
 * Markdown ("**Phong trào** thi đua"). */
static inline bool tracuu_scan_is_gap(int c)
{
    return tracuu_scan_is_space(c) || c == '*';
}

/* An ASCII letter or digit. */
static inline bool tracuu_scan_is_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* The first position from i (at most max bytes on) that is not
 * whitespace, below len. */
size_t tracuu_scan_skip_space(const char *t, size_t len, size_t i, size_t max);
/* The same backwards: the first position at or before i, at most max
 * bytes back, whose preceding byte is not whitespace. */
size_t tracuu_scan_skip_space_back(const char *t, size_t i, size_t max);
/* Skip gaps (tracuu_scan_is_gap) from i below n; *newlines (when not
 * NULL) is increased by each LF skipped. */
size_t tracuu_scan_skip_gap(const char *t, size_t n, size_t i,
                            size_t *newlines);

/* A dash code point: '-', U+2010..U+2015 (hyphen .. horizontal bar),
 * U+2212 minus. */
bool tracuu_scan_is_dash_cp(uint32_t cp);
/* The byte length of a dash at t[i] (i may be >= len), 0 when none. */
size_t tracuu_scan_dash_len(const char *t, size_t len, size_t i);
/* Quotation marks: " ' “ ” ‘ ’ « » „. */
bool tracuu_scan_is_quote_cp(uint32_t cp);

/* The code point at t[i] (0 when i >= len); *next (when not NULL) gets
 * the position after it. */
uint32_t tracuu_scan_cp_at(const char *t, size_t len, size_t i, size_t *next);
/* The code point ending at t[pos) (0 when pos is 0); *start (when not
 * NULL) gets its first byte. A malformed sequence is its last byte alone,
 * U+FFFD. */
uint32_t tracuu_scan_cp_before(const char *t, size_t pos, size_t *start);
/* t[i] (below len) opens with an uppercase letter: a code point whose
 * lowercase differs. */
bool tracuu_scan_upper_at(const char *t, size_t len, size_t i);
/* t[i] (below len) opens with a lowercase letter (its uppercase differs). */
bool tracuu_scan_lower_at(const char *t, size_t len, size_t i);

/* s[0..n) is one of the words of the NULL-terminated list. */
bool tracuu_scan_in_list(const char *const *list, const char *s, size_t n);
/* s[0..n) is one of the '|'-separated alternatives of alts ("nam|nim"). */
bool tracuu_scan_in_alts(const char *alts, const char *s, size_t n);
/* The NUL-terminated s starts with p followed by no ASCII letter or digit
 * (a whole folded word or words). */
bool tracuu_scan_starts_word(const char *s, const char *p);
/* The end of the run of ASCII lowercase letters at f[i] (i when none). */
size_t tracuu_scan_word_end(const char *f, size_t n, size_t i);

#ifdef __cplusplus
}
#endif
#endif
