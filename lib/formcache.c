/* formcache.c: the term forms of a document's words, computed once each. */
#include "formcache.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

#include "tokenize.h"

/* Words cached at most (a slot table of twice as many), and the longest
 * word cached: longer ones (codes, numbers) rarely repeat. */
#define CACHE_WORDS 8192u
#define CACHE_WORD_MAX 64u
/* Texts of fewer tokens compute every form (a title, a name). */
#define CACHE_MIN_TOKENS 256u

typedef struct tracuu_formslot {
    uint32_t hash;     /* 0: empty */
    uint32_t off;      /* in bytes: the word, its exact form, its folded */
    uint8_t len, elen, flen;
} formslot_t;

void tracuu_formcache_init(tracuu_formcache_t *c, size_t n)
{
    memset(c, 0, sizeof *c);
    if (n < CACHE_MIN_TOKENS)
        return;
    size_t want = n < CACHE_WORDS ? n : CACHE_WORDS;
    c->cap = 64;
    while (c->cap < 2 * want)
        c->cap *= 2;
    c->slots = tracuu_xcalloc(c->cap, sizeof *c->slots);
}

void tracuu_formcache_free(tracuu_formcache_t *c)
{
    free(c->slots);
    tracuu_buf_free(&c->bytes);
    memset(c, 0, sizeof *c);
}

static uint32_t hash_of(const char *s, size_t n)
{
    uint32_t h = tracuu_fnv1a32(s, n, TRACUU_FNV32_INIT);
    return h ? h : 1;
}

/* The slot of tok (its own or the empty one where it would go). */
static formslot_t *slot_of(tracuu_formcache_t *c, const char *tok, size_t len,
                           uint32_t h)
{
    size_t i = h & (c->cap - 1);
    for (;;) {
        formslot_t *s = &c->slots[i];
        if (!s->hash || (s->hash == h && s->len == len &&
                         memcmp(c->bytes.s + s->off, tok, len) == 0))
            return s;
        i = (i + 1) & (c->cap - 1);
    }
}

void tracuu_formcache_forms(tracuu_formcache_t *c, const char *tok,
                            size_t len, tracuu_buf_t *exact,
                            tracuu_buf_t *folded)
{
    if (!c->cap || len > CACHE_WORD_MAX) {
        tracuu_term_forms(tok, len, exact, folded);
        return;
    }
    uint32_t h = hash_of(tok, len);
    formslot_t *s = slot_of(c, tok, len, h);
    if (s->hash) {
        const char *b = c->bytes.s + s->off + s->len;
        tracuu_buf_append(exact, b, s->elen);
        tracuu_buf_append(folded, b + s->elen, s->flen);
        return;
    }
    size_t e0 = exact->len, f0 = folded->len;
    tracuu_term_forms(tok, len, exact, folded);
    size_t el = exact->len - e0, fl = folded->len - f0;
    if (c->used >= CACHE_WORDS || el > UINT8_MAX || fl > UINT8_MAX ||
        c->bytes.len + len + el + fl > UINT32_MAX)
        return;
    *s = (formslot_t){h, (uint32_t)c->bytes.len, (uint8_t)len, (uint8_t)el,
                      (uint8_t)fl};
    tracuu_buf_append(&c->bytes, tok, len);
    tracuu_buf_append(&c->bytes, exact->s + e0, el);
    tracuu_buf_append(&c->bytes, folded->s + f0, fl);
    c->used++;
}
