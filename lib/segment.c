/* segment.c: Vietnamese word segmentation: an averaged perceptron over syllable n-grams and dictionary matches. */
#include "segment.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* The data, compiled in from data/segment-vi.tsv (comments gone): lines
 * ended by a line feed. */
extern const char tracuu_segment_text[];

/* Templates of scripts/learn-segment's features. */
enum { T_BIAS = 0, T_P, T_N, T_PN, T_PP, T_NN, T_PPN, T_PNN, T_SPAN, T_END,
       T_START, T_LM, T_PAIR, T_SSE, T_LMP, T_LMN, T_SPN, T_SPP, T_COUNT };

#define MAXLEN 4
#define SCALAR_V 445    /* values of the templates without syllables */

/* Open addressing from 64-bit keys (never 0) to rows of width int32s.
 * Strings and n-grams are stored by hash only: two of the ~10^5 entries
 * sharing a 64-bit hash is a chance of about 10^-9. */
typedef struct table {
    uint64_t *key;
    int32_t *val;
    size_t cap, n, width;   /* cap a power of two, n <= cap * 3 / 4 */
} table_t;

/* Rows of the n-gram table: a 2-gram's [dict bits, PN, PP, NN], a
 * 3-gram's [dict bits, PPN, PNN], a 4-gram's [dict bits]. Dict bits:
 * WORD (a dictionary word), LONGER (begins a longer one). */
enum { D_WORD = 1, D_LONGER = 2 };
/* Rows of the unigram array, by syllable id: as the syllable before the
 * boundary [P, LMP lm 0..1, SPP span 0..4], then after it (N, LMN, SPN). */
enum { U_P = 0, U_LMP = 1, U_SPP = 3, U_N = 8, U_LMN = 9, U_SPN = 11,
       U_WIDTH = 16 };

typedef struct model {
    table_t ng;                          /* 2-, 3- and 4-grams */
    int32_t (*uni)[U_WIDTH];             /* by syllable id */
    size_t n_uni, n_words, n_weights;
    int32_t scalar[T_COUNT][SCALAR_V];   /* the templates without syllables */
} model_t;

struct tracuu_segmenter {
    table_t vocab;      /* syllable hash -> [id] (1, 2, ...) */
    uint32_t bos, eos, num;
    model_t m;
};

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
    }
    uint64_t tail = 0;
    memcpy(&tail, s + i, len - i);
    h = mix64(h ^ tail);
    return h ? h : 1;
}

static uint64_t ngram_key(const uint32_t *ids, int k)
{
    uint64_t h = (uint64_t)k;
    for (int j = 0; j < k; j++)
        h = mix64(h ^ ((uint64_t)ids[j] << 8));
    return h ? h : 1;
}

/* The row of key, or NULL. */
static const int32_t *table_get(const table_t *t, uint64_t key)
{
    if (!t->cap)
        return NULL;
    size_t mask = t->cap - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask) {
        if (t->key[i] == key)
            return t->val + i * t->width;
        if (t->key[i] == 0)
            return NULL;
    }
}

static int32_t *table_row(table_t *t, uint64_t key);

static void table_grow(table_t *t, size_t cap)
{
    table_t g = { tracuu_xcalloc(cap, sizeof *g.key),
                  tracuu_xcalloc(cap * t->width, sizeof *g.val), cap, 0,
                  t->width };
    for (size_t i = 0; i < t->cap; i++)
        if (t->key[i])
            memcpy(table_row(&g, t->key[i]), t->val + i * t->width,
                   t->width * sizeof *t->val);
    free(t->key);
    free(t->val);
    *t = g;
}

/* The row of key, made (zeroed) when new. */
static int32_t *table_row(table_t *t, uint64_t key)
{
    if ((t->n + 1) * 4 > t->cap * 3)
        table_grow(t, t->cap ? t->cap * 2 : 1024);
    size_t mask = t->cap - 1, i = key & mask;
    while (t->key[i] && t->key[i] != key)
        i = (i + 1) & mask;
    if (!t->key[i]) {
        t->key[i] = key;
        t->n++;
    }
    return t->val + i * t->width;
}

static uint32_t intern(tracuu_segmenter_t *sg, const char *s, size_t len)
{
    int32_t *row = table_row(&sg->vocab, hash_bytes(s, len));
    if (!row[0])
        row[0] = (int32_t)sg->vocab.n;
    return (uint32_t)row[0];
}

/* The ids of the space-separated syllables of s[0..len), at most max. */
static int intern_all(tracuu_segmenter_t *sg, const char *s, size_t len,
                      uint32_t *ids, int max)
{
    int k = 0;
    size_t i = 0;
    while (i < len && k < max) {
        size_t j = i;
        while (j < len && s[j] != ' ')
            j++;
        ids[k++] = intern(sg, s + i, j - i);
        i = j + 1;
    }
    return k;
}

static int32_t *uni_row(model_t *m, uint32_t id)
{
    if (id >= m->n_uni) {
        size_t n = id + 1 > 2 * m->n_uni ? id + 1 : 2 * m->n_uni;
        m->uni = tracuu_xrealloc(m->uni, n * sizeof *m->uni);
        memset(m->uni + m->n_uni, 0, (n - m->n_uni) * sizeof *m->uni);
        m->n_uni = n;
    }
    return m->uni[id];
}

static void load_dict_word(model_t *m, const uint32_t *ids, int k)
{
    table_row(&m->ng, ngram_key(ids, k))[0] |= D_WORD;
    if (k == 4)
        table_row(&m->ng, ngram_key(ids, 3))[0] |= D_LONGER;
    m->n_words++;
}

/* Where a weight goes: its n-gram row, unigram row or scalar. */
static void load_weight(model_t *m, int t, int v, const uint32_t *ids,
                        int k, int32_t w)
{
    static const signed char ng_col[T_COUNT] = {
        [T_PN] = 1, [T_PP] = 2, [T_NN] = 3, [T_PPN] = 1, [T_PNN] = 2 };
    static const signed char uni_col[T_COUNT] = {
        [T_P] = U_P + 1, [T_N] = U_N + 1, [T_LMP] = U_LMP + 1,
        [T_LMN] = U_LMN + 1, [T_SPP] = U_SPP + 1, [T_SPN] = U_SPN + 1 };
    if (t < 0 || t >= T_COUNT || v < 0 || v >= SCALAR_V)
        return; /* not of this version of the features */
    m->n_weights++;
    if (ng_col[t] && k >= 2)
        table_row(&m->ng, ngram_key(ids, k))[ng_col[t]] = w;
    else if (uni_col[t] && k == 1)
        uni_row(m, ids[0])[uni_col[t] - 1 + (t == T_P || t == T_N ? 0 : v)] = w;
    else if (k == 0)
        m->scalar[t][v] = w;
}

/* One data line of the model (line[0..len), before its line feed):
 * "d\tSYLLABLES" or "T\tV\tSYLLABLES\tW". */
static void load_line(tracuu_segmenter_t *sg, const char *line, size_t len)
{
    uint32_t ids[MAXLEN];
    model_t *m = &sg->m;
    if (len >= 2 && line[0] == 'd' && line[1] == '\t') {
        int k = intern_all(sg, line + 2, len - 2, ids, MAXLEN);
        if (k >= 2)
            load_dict_word(m, ids, k);
        return;
    }
    char *p;
    long t = strtol(line, &p, 10);
    long v = strtol(p + 1, &p, 10);
    const char *syl = p + 1, *tab = memchr(syl, '\t', len - (size_t)(syl - line));
    if (!tab)
        return;
    int k = tab > syl ? intern_all(sg, syl, (size_t)(tab - syl), ids, 3) : 0;
    load_weight(m, (int)t, (int)v, ids, k, (int32_t)strtol(tab + 1, NULL, 10));
}

/* The lines of form's model in the data: from its "m\tFORM" line to the
 * next such line. Sets *n to their number. */
static const char *model_lines(tracuu_seg_form_t form, size_t *n)
{
    const char *start = NULL;
    *n = 0;
    for (const char *l = tracuu_segment_text; *l; l = strchr(l, '\n') + 1) {
        if (l[0] == 'm' && l[1] == '\t') {
            if (start)
                break;
            if ((l[2] == 'f') == (form == TRACUU_SEG_FOLDED))
                start = strchr(l, '\n') + 1;
        } else if (start) {
            (*n)++;
        }
    }
    return start;
}

static tracuu_segmenter_t *build(tracuu_seg_form_t form)
{
    tracuu_segmenter_t *sg = tracuu_xcalloc(1, sizeof *sg);
    size_t n, cap = 1024;
    const char *l = model_lines(form, &n);
    /* Tables big enough from the start: rehashing would double the time. */
    sg->vocab.width = 1;
    sg->m.ng.width = 4;
    while (cap * 3 < n * 4)
        cap *= 2;
    table_grow(&sg->m.ng, cap);
    table_grow(&sg->vocab, 16384);
    sg->bos = intern(sg, "<s>", 3);
    sg->eos = intern(sg, "</s>", 4);
    sg->num = intern(sg, "0", 1);
    for (size_t i = 0; i < n; i++) {
        const char *nl = strchr(l, '\n');
        load_line(sg, l, (size_t)(nl - l));
        l = nl + 1;
    }
    uni_row(&sg->m, (uint32_t)sg->vocab.n); /* every id has a row */
    return sg;
}

static tracuu_segmenter_t *the_segmenter[2];
static pthread_once_t the_once[2] = { PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT };

static void build_exact(void)
{
    the_segmenter[0] = build(TRACUU_SEG_EXACT);
}

static void build_folded(void)
{
    the_segmenter[1] = build(TRACUU_SEG_FOLDED);
}

const tracuu_segmenter_t *tracuu_segmenter(tracuu_seg_form_t form)
{
    bool folded = form == TRACUU_SEG_FOLDED;
    pthread_once(&the_once[folded], folded ? build_folded : build_exact);
    return the_segmenter[folded];
}

size_t tracuu_segmenter_size(const tracuu_segmenter_t *sg, size_t *n_words)
{
    if (n_words)
        *n_words = sg->m.n_words;
    return sg->m.n_weights;
}

static uint32_t syl_id(const tracuu_segmenter_t *sg, const tracuu_seg_tok_t *t)
{
    for (size_t i = 0; i < t->len; i++)
        if (t->s[i] >= '0' && t->s[i] <= '9')
            return sg->num;
    const int32_t *row = table_get(&sg->vocab, hash_bytes(t->s, t->len));
    return row ? (uint32_t)row[0] : 0;
}

/* Syllables are handled in blocks of BLK with PAD more on each side, so
 * that the arrays below live on the stack whatever n is. */
#define BLK 256
#define PAD 4
#define W (BLK + 2 * PAD)

static const int32_t no_row[4];

typedef struct block {
    ptrdiff_t lo;                   /* token of index 0 (<s> before 0) */
    size_t w;                       /* tokens [lo, lo + w) are here */
    uint32_t id[W];
    const int32_t *r2[W], *r3[W];   /* n-gram rows from here, or no_row */
    uint8_t brk[W];
    uint8_t ml[W];      /* longest dictionary word from here */
    uint8_t end[W];     /* longest dictionary word ending here */
    uint8_t span[W];    /* longest word holding here and the one before */
} block_t;

static void block_ids(block_t *b, const tracuu_segmenter_t *sg,
                      const model_t *m, const tracuu_seg_tok_t *toks, size_t n)
{
    for (size_t j = 0; j < b->w; j++) {
        ptrdiff_t t = b->lo + (ptrdiff_t)j;
        b->id[j] = t < 0 ? sg->bos : (size_t)t >= n ? sg->eos
                                                    : syl_id(sg, &toks[t]);
        b->brk[j] = t >= 0 && (size_t)t < n &&
                    (toks[t].flags & TRACUU_SEG_BREAK);
    }
    for (size_t j = 0; j < b->w; j++) {
        const int32_t *r2 = NULL, *r3 = NULL;
        if (b->id[j] && j + 1 < b->w && b->id[j + 1]) {
            r2 = table_get(&m->ng, ngram_key(b->id + j, 2));
            if (j + 2 < b->w && b->id[j + 2])
                r3 = table_get(&m->ng, ngram_key(b->id + j, 3));
        }
        b->r2[j] = r2 ? r2 : no_row;
        b->r3[j] = r3 ? r3 : no_row;
    }
}

static void block_word(block_t *b, size_t a, size_t L)
{
    for (size_t i = a + 1; i < a + L; i++)
        if (b->brk[i])
            return;
    b->ml[a] = (uint8_t)L;
    if (b->end[a + L - 1] < L)
        b->end[a + L - 1] = (uint8_t)L;
    for (size_t i = a + 1; i < a + L; i++)
        if (b->span[i] < L)
            b->span[i] = (uint8_t)L;
}

/* Dictionary matches of every word in the block; none goes over a BREAK. */
static void block_match(block_t *b, const model_t *m)
{
    memset(b->ml, 1, b->w);
    memset(b->end, 1, b->w);
    memset(b->span, 0, b->w);
    for (size_t a = 0; a < b->w; a++) {
        if (b->r2[a][0] & D_WORD)
            block_word(b, a, 2);
        if (b->r3[a][0] & D_WORD)
            block_word(b, a, 3);
        if ((b->r3[a][0] & D_LONGER) && a + 3 < b->w && b->id[a + 3]) {
            const int32_t *r4 = table_get(&m->ng, ngram_key(b->id + a, 4));
            if (r4 && (r4[0] & D_WORD))
                block_word(b, a, 4);
        }
    }
}

/* The score of a word starting at the block's j (a token after the
 * first); lm is the longest matching decision there. */
static int32_t score(const block_t *b, const model_t *m, size_t j, int lm)
{
    int sp = b->span[j], st = b->ml[j], en = b->end[j - 1];
    int pair = b->r2[j - 1][0] & D_WORD;
    const int32_t *ub = m->uni[b->id[j - 1]], *uc = m->uni[b->id[j]];
    return m->scalar[T_BIAS][0] + m->scalar[T_SPAN][sp] +
           m->scalar[T_END][en] + m->scalar[T_START][st] +
           m->scalar[T_LM][lm] + m->scalar[T_PAIR][pair] +
           m->scalar[T_SSE][sp * 100 + st * 10 + en] +
           ub[U_P] + ub[U_LMP + lm] + ub[U_SPP + sp] +
           uc[U_N] + uc[U_LMN + lm] + uc[U_SPN + sp] +
           b->r2[j - 1][1] + b->r2[j - 2][2] + b->r2[j][3] +
           b->r3[j - 2][1] + b->r3[j - 1][2];
}

void tracuu_segment(const tracuu_segmenter_t *sg, const tracuu_seg_tok_t *toks,
                    size_t n, uint8_t *starts)
{
    const model_t *m = &sg->m;
    block_t b;
    size_t lm_next = 0;
    for (size_t b0 = 0; b0 < n; b0 += BLK) {
        size_t b1 = b0 + BLK < n ? b0 + BLK : n;
        b.lo = (ptrdiff_t)b0 - PAD;
        b.w = b1 - b0 + 2 * PAD;
        block_ids(&b, sg, m, toks, n);
        block_match(&b, m);
        for (size_t i = b0; i < b1; i++) {
            size_t j = i - b0 + PAD;
            int lm = 0;
            if (i == lm_next || i == 0 || b.brk[j]) {
                lm = 1;
                lm_next = i + b.ml[j];
            }
            starts[i] = i == 0 || b.brk[j] || score(&b, m, j, lm) > 0;
        }
    }
}
