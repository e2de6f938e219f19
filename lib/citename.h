/* citename.h: names of cited laws and codes as the citing text writes them ("Luật Thi đua, khen thưởng"). */
#ifndef TRACUU_CITENAME_H
#define TRACUU_CITENAME_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "distinct.h"
#include "span.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Longest name kept, in bytes ("Luật Người lao động Việt Nam đi làm việc
 * ở nước ngoài theo hợp đồng" is 85). */
#define TRACUU_CITENAME_MAX 160
/* Distinct names kept per document (the first ones met). The most in
 * ../shared is 61, in one law. */
#define TRACUU_CITENAMES_MAX 1000

/* One name of a law or code: its type word ("Luật", "Bộ luật") and the
 * capitalised words after it, up to what ends a name: "số", "năm 2022",
 * "ngày 15/6", a digit, ";", ".", "(", a line whose first word is
 * capitalised, "và"/"của" before a capitalised word or "các", a comma not
 * followed by a lowercase word of the name, words no name holds ("quy
 * định", "được", "về", "trong", ...). Names with commas keep them ("Luật
 * Thi đua, khen thưởng"). */
typedef struct tracuu_citename {
    char name[TRACUU_CITENAME_MAX + 1]; /* as written, spaces collapsed */
    char key[TRACUU_CITENAME_MAX + 1];  /* tracuu_citename_key of name */
    tracuu_span_t span;                 /* bytes of the name in the text */
    unsigned count;                     /* occurrences (distinct lists) */
} tracuu_citename_t;

typedef struct tracuu_citenames {
    tracuu_citename_t *items; /* in text order of first occurrence */
    size_t n, cap;
    tracuu_tally_t tally;
} tracuu_citenames_t;

/* Read the name whose type word begins at t[i] (normalised text of len
 * bytes) into out; false when no name begins there (not "Luật" or "Bộ
 * luật" with a capital first letter on a word boundary, or no capitalised
 * word after it). */
bool tracuu_citename_read(const char *t, size_t len, size_t i,
                          tracuu_citename_t *out);

/* Every name of text[0..len), each distinct one once with its count, the
 * first max only. out: new contents, free with tracuu_citenames_free. */
void tracuu_citenames_extract(const char *text, size_t len, size_t max,
                              tracuu_citenames_t *out);
void tracuu_citenames_free(tracuu_citenames_t *c);

/* The search key of a name or of a cites:"..." phrase: folded (lowercase,
 * no diacritics, đ -> d), words of letters and digits apart by one space:
 * "Luật Thi đua, khen thưởng" -> "luat thi dua khen thuong". Appended to
 * out. */
void tracuu_citename_key(const char *s, size_t n, tracuu_buf_t *out);

#ifdef __cplusplus
}
#endif
#endif
