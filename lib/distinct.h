/* distinct.h: the distinct items an extractor meets in one text, with a cap on how many are kept. */
#ifndef TRACUU_DISTINCT_H
#define TRACUU_DISTINCT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How many items an extraction met and kept. */
typedef struct tracuu_tally {
    size_t found;    /* occurrences */
    size_t distinct; /* distinct items among them, counted up to
                        TRACUU_DISTINCT_COUNT_MAX (then "at least") */
    size_t kept;     /* distinct items kept: the first ones met */
} tracuu_tally_t;

/* Distinct items past the cap are told apart by a 40-bit hash, and only
 * this many are counted (a table of 16 MB at most). */
#define TRACUU_DISTINCT_COUNT_MAX ((size_t)1 << 20)

/* A set of identities (byte strings naming what an item adds to the
 * index). The first max distinct ones are kept, with their indexes
 * 0, 1, ... in the order met; later ones are only counted. Zero it and set
 * max before use; free with tracuu_distinct_free. */
typedef struct tracuu_distinct {
    uint64_t *slots;   /* 0 empty, else hash bits << 24 | (index + 1),
                          index + 1 == 0xFFFFFF for an item not kept */
    size_t n_slots;    /* a power of two */
    char *ids;         /* the kept identities, one after another */
    size_t *id_end;    /* where kept identity i ends in ids */
    size_t ids_len, ids_cap;
    size_t max;        /* the most items kept; at most
                          TRACUU_DISTINCT_COUNT_MAX */
    tracuu_tally_t tally;
} tracuu_distinct_t;

/* What tracuu_distinct_add found. */
#define TRACUU_DISTINCT_NEW ((size_t)-1)     /* new and kept: its index is
                                                tally.kept - 1 */
#define TRACUU_DISTINCT_DROPPED ((size_t)-2) /* past the cap: not kept */

/* Count one occurrence of the item with identity id[0..n): the index of
 * the kept item it repeats, TRACUU_DISTINCT_NEW or TRACUU_DISTINCT_DROPPED.
 * Amortised constant time. */
size_t tracuu_distinct_add(tracuu_distinct_t *d, const void *id, size_t n);

/* Free the contents of d (not d itself); accepts NULL. Keeps the tally. */
void tracuu_distinct_free(tracuu_distinct_t *d);

#ifdef __cplusplus
}
#endif
#endif
