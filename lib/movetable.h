/* movetable.h: the national movements of data/movements.tsv, compiled in. */
#ifndef TRACUU_MOVETABLE_H
#define TRACUU_MOVETABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "movement.h"

/* A row of the table: the movement's canonical name and kind. */
typedef struct tracuu_mt_row {
    const char *canonical;
    tracuu_movement_kind_t kind;
} tracuu_mt_row_t;

/* The row (of kind prefer when two are) whose canonical name or a variant has the same folded words as
 * name (case, diacritics, tone placement, punctuation aside), also after a
 * trailing period ("giai đoạn 2021 - 2025") or scope is dropped, or within
 * a small edit distance of one (typos, OCR); NULL when none. */
const tracuu_mt_row_t *tracuu_mt_lookup(const char *name, size_t len,
                                        tracuu_movement_kind_t prefer);

/* A name of the table written out at folded position i of folded text
 * f[0..n) (words in order, blanks and punctuation between them free).
 * anywhere: only the rows a plan may name without an introducer. Returns
 * the folded end and sets *row and *province (the match is a "<Tỉnh> …"
 * variant: the province's name stands before it), or 0. */
size_t tracuu_mt_match(const char *f, size_t n, size_t i, bool anywhere,
                       const tracuu_mt_row_t **row, bool *province);

#endif
