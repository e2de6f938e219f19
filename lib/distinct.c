/* distinct.c: an open-addressing set of identities, kept up to a cap and counted past it. */
#include "distinct.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define INDEX_BITS 24
#define INDEX_MASK (((uint64_t)1 << INDEX_BITS) - 1)
#define NOT_KEPT INDEX_MASK /* index + 1 of an item past the cap */

static uint64_t hash_bytes(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    /* Mix the high bits down: they are the stored hash, the low ones the
     * starting slot. */
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return h;
}

static void grow(tracuu_distinct_t *d)
{
    size_t n = d->n_slots ? d->n_slots * 2 : 64;
    uint64_t *v = tracuu_xcalloc(n, sizeof *v);
    for (size_t i = 0; i < d->n_slots; i++) {
        uint64_t s = d->slots[i];
        if (!s)
            continue;
        size_t j = (size_t)(s >> INDEX_BITS) & (n - 1);
        while (v[j])
            j = (j + 1) & (n - 1);
        v[j] = s;
    }
    free(d->slots);
    d->slots = v;
    d->n_slots = n;
}

static bool same_kept(const tracuu_distinct_t *d, size_t k, const void *id,
                      size_t n)
{
    size_t from = k ? d->id_end[k - 1] : 0;
    return d->id_end[k] - from == n && memcmp(d->ids + from, id, n) == 0;
}

static void keep(tracuu_distinct_t *d, const void *id, size_t n)
{
    size_t k = d->tally.kept;
    if (d->ids_len + n > d->ids_cap) {
        d->ids_cap = (d->ids_len + n) * 2;
        d->ids = tracuu_xrealloc(d->ids, d->ids_cap);
    }
    memcpy(d->ids + d->ids_len, id, n);
    d->ids_len += n;
    if ((k & (k - 1)) == 0) /* 0, 1, 2, 4, ...: room for twice as many */
        d->id_end = tracuu_xrealloc(d->id_end, (k ? 2 * k : 1) * sizeof *d->id_end);
    d->id_end[k] = d->ids_len;
    d->tally.kept++;
}

size_t tracuu_distinct_add(tracuu_distinct_t *d, const void *id, size_t n)
{
    d->tally.found++;
    if (d->max > TRACUU_DISTINCT_COUNT_MAX)
        d->max = TRACUU_DISTINCT_COUNT_MAX; /* every kept one is in the table */
    if (d->tally.distinct * 2 >= d->n_slots &&
        d->tally.distinct < TRACUU_DISTINCT_COUNT_MAX)
        grow(d);
    uint64_t h = hash_bytes(id, n) >> INDEX_BITS;
    size_t j = (size_t)h & (d->n_slots - 1);
    for (; d->slots[j]; j = (j + 1) & (d->n_slots - 1)) {
        uint64_t s = d->slots[j];
        if (s >> INDEX_BITS != h)
            continue;
        uint64_t k = s & INDEX_MASK;
        if (k == NOT_KEPT)
            return TRACUU_DISTINCT_DROPPED;
        if (same_kept(d, (size_t)k - 1, id, n))
            return (size_t)k - 1;
    }
    bool kept = d->tally.kept < d->max;
    if (d->tally.distinct < TRACUU_DISTINCT_COUNT_MAX) {
        d->tally.distinct++;
        d->slots[j] = h << INDEX_BITS | (kept ? d->tally.kept + 1 : NOT_KEPT);
    }
    if (!kept)
        return TRACUU_DISTINCT_DROPPED;
    keep(d, id, n);
    return TRACUU_DISTINCT_NEW;
}

void tracuu_distinct_free(tracuu_distinct_t *d)
{
    if (!d)
        return;
    free(d->slots);
    free(d->ids);
    free(d->id_end);
    d->slots = NULL;
    d->ids = NULL;
    d->id_end = NULL;
    d->n_slots = d->ids_len = d->ids_cap = 0;
}
