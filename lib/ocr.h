/* ocr.h: the likely readings of a word damaged by OCR ("s6" -> "so",
 * "1am" -> "lam", "dirc" -> "duc"), from the confusions of
 * tracuu_ocr_confusions (lib/doctables.c). */
#ifndef TRACUU_OCR_H
#define TRACUU_OCR_H

#include <stddef.h>

#include "fold.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes of a reading, its NUL included. */
#define TRACUU_OCR_READING_MAX 16
/* Readings given per word at most. */
#define TRACUU_OCR_READINGS_MAX 2

/* When the word orig[0..olen) as written, folded w[0..len)
 * (tracuu_term_forms), holds a letter and is not the fold of a Vietnamese
 * syllable (tracuu_syllable_folded_valid: "nu6c", "dirợc", "hoic" are
 * not; "nuoc" is nước's), the syllables one confusion away from it (one
 * confusion at one place, or a digit confusion at every place: "B6" ->
 * "bo"), in the order of the table, into out; returns how many. None for
 * a syllable, a number, a word in capitals without a digit or glyph
 * (codes and numerals: NĐ, UBND, XIII), a Roman numeral of i, v, x (ii,
 * xiv), or what no confusion turns into a syllable. A glyph OCR writes
 * for a letter is one ("hi¢n" -> "hien"; the tokenizer keeps it in its
 * word). On ../shared/corpus (clean text) 390 words in 5.0 million get a
 * reading ("TTr", "IoT", "NH4"); in the seeds and the OCR example plans
 * 171 in 14,745 ("s6", "ciia", "dirc", "hi¢n", "mdi"). */
size_t tracuu_ocr_readings(const char *orig, size_t olen, const char *w,
                           size_t len, char out[][TRACUU_OCR_READING_MAX]);

/* Each word of the folded text F (folded from text + base) that has a
 * reading (tracuu_ocr_readings: "qu6c", "dirc", "hi¢n") replaced in F by
 * its first one, F->src kept (the reading's bytes map to the word's
 * start), so that extractors scanning F read "quoc gia" where the scan
 * wrote "qu6c gia". A reading is never longer than its word: F shrinks
 * or stays. */
void tracuu_ocr_mend(const char *text, size_t base, tracuu_folded_t *F);

#ifdef __cplusplus
}
#endif
#endif
