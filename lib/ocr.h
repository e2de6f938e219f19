/* ocr.h: the likely readings of a word damaged by OCR ("s6" -> "so",
 * "1am" -> "lam", "dirc" -> "duc"), from the confusions of
 * tracuu_ocr_confusions (lib/doctables.c). */
#ifndef TRACUU_OCR_H
#define TRACUU_OCR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes of a reading, its NUL included. */
#define TRACUU_OCR_READING_MAX 16
/* Readings given per word at most. */
#define TRACUU_OCR_READINGS_MAX 2

/* When the word orig[0..olen) as written, folded w[0..len)
 * (tracuu_term_forms), holds a letter and is not a Vietnamese syllable
 * (tracuu_syllable_valid, with some tone), the syllables one confusion
 * away from it (one confusion at one place, or a digit confusion at every
 * place: "B6" -> "bo"), in the order of the table, into out; returns how
 * many. None for a syllable, a number, a word in capitals without a digit
 * (codes and numerals: NĐ, UBND, XIII), a Roman numeral (ii, xiv), or
 * what no confusion turns into a syllable. On ../shared/corpus (clean
 * text) 258 words in 5.0 million get a reading ("TTr", "nh4", "1a"); in the
 * seeds and the OCR example plans 109 in 14,753 ("s6", "ciia", "dirc"). */
size_t tracuu_ocr_readings(const char *orig, size_t olen, const char *w,
                           size_t len, char out[][TRACUU_OCR_READING_MAX]);

#ifdef __cplusplus
}
#endif
#endif
