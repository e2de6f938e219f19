/* tokenize.c: syllable tokens from ICU's root word break rules over UTF-8,
 * plain chunks of letters cut without it. */
#include "tokenize.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "fold.h"

/* Texts from this size on have their token array sized before breaking. */
#define PRESIZE_BYTES 65536
/* Bytes of a word joined at an OCR glyph at most ("nghi€ng" has 9). */
#define OCR_WORD_MAX 12

struct tracuu_tokenizer {
    UBreakIterator *bi;
    bool icu_only; /* no plain path (tests compare the two) */
};

tracuu_status_t tracuu_tokenizer_new(tracuu_tokenizer_t **out)
{
    *out = NULL;
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "vi", NULL, 0, &err);
    if (U_FAILURE(err))
        return TRACUU_ERR_ICU;
    tracuu_tokenizer_t *t = tracuu_xcalloc(1, sizeof *t);
    t->bi = bi;
    *out = t;
    return TRACUU_OK;
}

void tracuu_tokenizer_free(tracuu_tokenizer_t *t)
{
    if (!t)
        return;
    ubrk_close(t->bi);
    free(t);
}

static void push(tracuu_tokens_t *out, size_t s, size_t e, uint32_t pos,
                 tracuu_token_kind_t kind)
{
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap + out->cap / 2 : 256;
        out->v = tracuu_xrealloc(out->v, out->cap * sizeof *out->v);
    }
    out->v[out->n++] = (tracuu_token_t){(uint32_t)s, (uint32_t)e, pos & 0x7FFFFFFFu,
                                        kind};
}

/* How many tokens text[0..len) may give, from above for the texts met
 * (every start of a run of letters or digits, and every letter after
 * U+3000, where each character can be a word): a document's array is
 * then allocated once, not grown by copying (twice its size at once). */
static size_t tokens_bound(const char *text, size_t len)
{
    size_t n = 0;
    bool in = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        bool alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        if (c >= 0xC0)
            n += c >= 0xE3; /* a lead byte from U+3000 on: CJK and kin */
        bool word = alnum || c >= 0x80;
        n += word && !in;
        in = word;
    }
    return n + 16;
}

/* The bytes of an OCR glyph for a letter at text[i] ("¢" for ê in
 * "hi¢n", "€", "&", "§"), else 0. */
static size_t ocr_glyph(const char *text, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)text + i;
    if (i < len && u[0] == '&')
        return 1;
    if (i + 1 < len && u[0] == 0xC2 && (u[1] == 0xA2 || u[1] == 0xA7))
        return 2;
    if (i + 2 < len && u[0] == 0xE2 && u[1] == 0x82 && u[2] == 0xAC)
        return 3;
    return 0;
}

static bool has_lower_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'a' && s[i] <= 'z')
            return true;
    return false;
}

/* Where text[v->end] holds an OCR glyph, the end of v grown through the
 * glyph and the word right after it ("hi¢n" one word, not "hi" and "n";
 * *merged then), or through the glyph alone at a word's end ("t&"); 0
 * for none. An "&" only in a word with a small letter (never R&D,
 * AT&T), and the whole no longer than a damaged syllable can be. */
static size_t glyph_join(const char *text, size_t len, const tracuu_token_t *v,
                         const tracuu_token_t *next, bool *merged)
{
    size_t e = v->end, g = ocr_glyph(text, len, e);
    *merged = false;
    if (!g || v->kind != TRACUU_TOKEN_WORD ||
        (text[e] == '&' && !has_lower_ascii(text + v->start, e - v->start)))
        return 0;
    size_t to = e + g;
    if (next && next->start == to) {
        if (next->kind != TRACUU_TOKEN_WORD)
            return 0;
        to = next->end;
        *merged = true;
    }
    return to - v->start <= OCR_WORD_MAX ? to : 0;
}

/* Joins in out->v[from..] the words ICU broke at an OCR glyph (see
 * glyph_join), the positions after them moved back. */
static void join_glyphs(const char *text, size_t len, tracuu_tokens_t *out,
                        size_t from)
{
    size_t k = from;
    uint32_t shift = 0;
    for (size_t i = from; i < out->n; i++) {
        tracuu_token_t v = out->v[i];
        v.pos -= shift;
        bool merged;
        size_t to = glyph_join(text, len, &v,
                               i + 1 < out->n ? &out->v[i + 1] : NULL, &merged);
        if (to) {
            v.end = (uint32_t)to;
            i += merged;
            shift += merged;
        }
        out->v[k++] = v;
    }
    out->n = k;
}

tracuu_status_t tracuu_tokenize(tracuu_tokenizer_t *t, const char *text,
                                size_t len, uint32_t first_pos,
                                tracuu_tokens_t *out)
{
    return tracuu_tokenize_max(t, text, len, first_pos, SIZE_MAX, out);
}

/* ICU's word breaks over text[s..e), a region that starts and ends where
 * ICU breaks whatever surrounds it: tokens into out from *pos, *glyphs
 * set when a break lands on an OCR glyph. */
static tracuu_status_t icu_region(tracuu_tokenizer_t *t, const char *text,
                                  size_t len, size_t s, size_t e,
                                  uint32_t *pos, size_t max,
                                  tracuu_tokens_t *out, bool *glyphs)
{
    UErrorCode err = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text + s, (int64_t)(e - s), &err);
    if (U_FAILURE(err))
        return TRACUU_ERR_ICU;
    ubrk_setUText(t->bi, &ut, &err);
    if (U_FAILURE(err)) {
        utext_close(&ut);
        return TRACUU_ERR_ICU;
    }
    int32_t start = ubrk_first(t->bi);
    for (int32_t end = ubrk_next(t->bi); end != UBRK_DONE && out->n < max;
         start = end, end = ubrk_next(t->bi)) {
        int32_t status = ubrk_getRuleStatus(t->bi);
        if (status < UBRK_WORD_NONE_LIMIT) {
            *glyphs = *glyphs || ocr_glyph(text, len, s + (size_t)start);
            continue; /* spaces and punctuation */
        }
        if ((size_t)(end - start) > TRACUU_TOKEN_MAX)
            continue;
        tracuu_token_kind_t kind = status < UBRK_WORD_NUMBER_LIMIT
                                       ? TRACUU_TOKEN_NUMBER
                                       : TRACUU_TOKEN_WORD;
        push(out, s + (size_t)start, s + (size_t)end, (*pos)++, kind);
    }
    /* Detach the iterator from the text before the UText goes away. */
    static const UChar empty[1] = {0};
    ubrk_setText(t->bi, empty, 0, &err);
    utext_close(&ut);
    return TRACUU_OK;
}

/* The plain path. Most of a plan is chunks of letters between spaces,
 * where ICU's rules (UAX #29) can only make the letters one word: ICU
 * breaks on both sides of a space, a tab or a line break whatever
 * surrounds it, and nothing in a chunk of letters with ASCII punctuation
 * at its ends joins across them (a '.' or a quote joins letters only
 * between letters; '_', '&' and '@', a letter to ICU, are left to it). Such chunks are cut
 * here; the rest of the text goes to ICU a region at a time, each region
 * starting and ending at those spaces (on the corpus's laws ICU took 16%
 * of indexing). tests/test_tokenize.c compares the two on the corpus and
 * on random text. */
static bool is_sep(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static bool plain_punct(unsigned char c)
{
    return c > ' ' && c < 0x7F && c != '_' && c != '&' && c != '@' &&
           !(c >= '0' && c <= '9') && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* True when text[i..j) (no separator in it) is plain: ASCII punctuation,
 * then letters or digits or neither, then ASCII punctuation; its token
 * is then text[*ts..*te) (none when empty), a number when *number. */
static bool plain_chunk(const char *text, size_t i, size_t j, size_t *ts,
                        size_t *te, bool *number)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t k = i;
    while (k < j && plain_punct(u[k]))
        k++;
    *ts = k;
    *number = k < j && u[k] >= '0' && u[k] <= '9';
    if (*number) {
        while (k < j && u[k] >= '0' && u[k] <= '9')
            k++;
    } else {
        for (size_t b; k < j && (b = tracuu_latin_letter_len(u + k, j - k)) != 0;)
            k += b;
    }
    *te = k;
    while (k < j && plain_punct(u[k]))
        k++;
    return k == j;
}

tracuu_status_t tracuu_tokenize_max(tracuu_tokenizer_t *t, const char *text,
                                    size_t len, uint32_t first_pos,
                                    size_t max, tracuu_tokens_t *out)
{
    if (len >= INT32_MAX || first_pos >= (1u << 31))
        return TRACUU_ERR_ARG; /* ICU counts in int32_t; pos has 31 bits */
    if (len >= PRESIZE_BYTES && out->cap - out->n < len / 64) {
        size_t want = out->n + tokens_bound(text, len);
        if (want > max)
            want = max;
        if (want > out->cap) {
            out->cap = want;
            out->v = tracuu_xrealloc(out->v, out->cap * sizeof *out->v);
        }
    }
    uint32_t pos = first_pos;
    size_t from = out->n;
    bool glyphs = false, pending = false;
    size_t rs = 0; /* where the text not yet broken starts */
    tracuu_status_t st = TRACUU_OK;
    for (size_t i = 0, j; i < len && out->n < max && st == TRACUU_OK; i = j) {
        if (is_sep((unsigned char)text[i])) {
            j = i + 1;
            continue;
        }
        for (j = i; j < len && !is_sep((unsigned char)text[j]); j++)
            ;
        size_t ts, te;
        bool number;
        if (t->icu_only || !plain_chunk(text, i, j, &ts, &te, &number)) {
            pending = true;
            continue;
        }
        if (pending)
            st = icu_region(t, text, len, rs, i, &pos, max, out, &glyphs);
        pending = false;
        rs = j;
        if (st == TRACUU_OK && te > ts && te - ts <= TRACUU_TOKEN_MAX &&
            out->n < max)
            push(out, ts, te, pos++,
                 number ? TRACUU_TOKEN_NUMBER : TRACUU_TOKEN_WORD);
    }
    if (st == TRACUU_OK && pending && out->n < max)
        st = icu_region(t, text, len, rs, len, &pos, max, out, &glyphs);
    if (st == TRACUU_OK && glyphs)
        join_glyphs(text, len, out, from);
    return st;
}

void tracuu_tokenizer_icu_only(tracuu_tokenizer_t *t, bool on)
{
    t->icu_only = on;
}

void tracuu_tokens_free(tracuu_tokens_t *toks)
{
    if (!toks)
        return;
    free(toks->v);
    memset(toks, 0, sizeof *toks);
}

static bool is_consonant_letter(uint32_t lower)
{
    return (lower >= 'a' && lower <= 'z' && !strchr("aeiouy", (int)lower)) ||
           lower == 0x0111; /* đ */
}

/* A syllable made of consonants and then one i or y: the i/y may be
 * spelt either way (kỹ/kĩ). Returns the byte offset of that vowel in the
 * lowercase form, or -1. */
static long lone_iy(const char *s, size_t len)
{
    size_t i = 0, last = 0;
    size_t n_cons = 0;
    uint32_t cp = 0;
    while (i < len) {
        last = i;
        cp = tracuu_utf8_next(s, len, &i);
        if (i == len)
            break;
        if (!is_consonant_letter(cp))
            return -1;
        n_cons++;
    }
    if (n_cons == 0)
        return -1;
    uint32_t base = tracuu_cp_untoned(cp);
    if (base != 'y')
        return -1;
    /* "qu" + y: the u is the vowel (quy); "gi" cannot precede y. */
    return (long)last;
}

void tracuu_term_forms(const char *tok, size_t len, tracuu_buf_t *exact,
                       tracuu_buf_t *folded)
{
    /* Plain ASCII (most codes and numbers, OCR text): one pass. */
    bool ascii = true;
    for (size_t i = 0; i < len && ascii; i++)
        ascii = (unsigned char)tok[i] < 0x80;
    if (ascii) {
        size_t e0 = exact ? exact->len : 0, f0 = folded ? folded->len : 0;
        if (exact)
            tracuu_fold_lower(tok, len, exact);
        if (folded)
            tracuu_fold_lower(tok, len, folded);
        long iy = lone_iy(exact ? exact->s + e0 : folded->s + f0, len);
        if (iy >= 0) {
            if (exact)
                exact->s[e0 + (size_t)iy] = 'i';
            if (folded)
                folded->s[f0 + (size_t)iy] = 'i';
        }
        return;
    }
    /* The lowercase form is built in exact itself when there is one (no
     * buffer per token: this runs for every word indexed). */
    tracuu_buf_t low = {0};
    tracuu_buf_t *l = exact ? exact : &low;
    size_t l0 = l->len;
    tracuu_fold_lower(tok, len, l);
    long iy = lone_iy(l->s + l0, l->len - l0);
    if (iy >= 0) {
        /* Rewrite the final y (any tone) as i with the same tone. */
        size_t at = l0 + (size_t)iy, j = at;
        uint32_t y = tracuu_utf8_next(l->s, l->len, &j);
        l->len = at;
        tracuu_buf_put_cp(l, tracuu_cp_with_tone('i', tracuu_cp_tone(y)));
    }
    if (folded)
        tracuu_fold_ascii(l->s + l0, l->len - l0, folded);
    tracuu_buf_free(&low);
}
