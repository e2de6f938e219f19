/* formcache.h: the term forms of a document's words, computed once each. */
#ifndef TRACUU_FORMCACHE_H
#define TRACUU_FORMCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* A text's words repeat (a law of 100,000 words has a few thousand
 * distinct ones): tracuu_term_forms' exact and folded forms of each are
 * kept by the word's bytes, up to a fixed number of words. Zero it
 * ({0}) before use; free with tracuu_formcache_free. */
typedef struct tracuu_formcache {
    struct tracuu_formslot *slots;
    size_t cap, used;       /* cap: 0 or a power of two */
    tracuu_buf_t bytes;     /* each word, then its exact and folded forms */
} tracuu_formcache_t;

/* Make room for about n words (a text's tokens); a cache for a short
 * text stays empty (computing is as cheap). */
void tracuu_formcache_init(tracuu_formcache_t *c, size_t n);
void tracuu_formcache_free(tracuu_formcache_t *c);

/* tracuu_term_forms(tok, len, exact, folded), both buffers given:
 * appends the same bytes, from the cache when the word was seen. */
void tracuu_formcache_forms(tracuu_formcache_t *c, const char *tok,
                            size_t len, tracuu_buf_t *exact,
                            tracuu_buf_t *folded);

#endif
