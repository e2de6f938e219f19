/* normalize.c: one pass over UTF-8 producing NFC text with unified tone marks. */
#include "normalize.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "buf.h"
#include "fold.h"

#define MAX_WORD_CPS 24

typedef struct state {
    tracuu_buf_t out;
    tracuu_anchor_t *a;
    size_t na, cap;
    const UNormalizer2 *nfc;
    size_t seg_out, seg_in;   /* start of the current NFC segment */
    bool seg_dirty;           /* it holds something not in NFC */
    bool in_word;
    bool word_ascii;          /* no tone mark to move: skip the rewrite */
    size_t word_out, word_in;
    bool failed;
} state_t;

static void anchor(state_t *st, size_t norm, size_t orig)
{
    if (st->na > 0) {
        tracuu_anchor_t *last = &st->a[st->na - 1];
        if (last->norm == norm) {
            last->orig = orig;
            return;
        }
        if (last->orig + norm == orig + last->norm)
            return; /* same offset as before: nothing to record */
    }
    if (st->na == st->cap) {
        st->cap = st->cap ? st->cap + st->cap / 2 : 16;
        st->a = tracuu_xrealloc(st->a, st->cap * sizeof *st->a);
    }
    st->a[st->na].norm = (uint32_t)norm;
    st->a[st->na].orig = (uint32_t)orig;
    st->na++;
}

/* Drop anchors past norm: the bytes after it are being rewritten. */
static void unanchor_after(state_t *st, size_t norm)
{
    while (st->na > 1 && st->a[st->na - 1].norm > norm)
        st->na--;
}

/* Replace out[from..) with repl[0..n), the original bytes being
 * [in_from, in_to). */
static void rewrite_tail(state_t *st, size_t from, const char *repl, size_t n,
                         size_t in_from, size_t in_to)
{
    st->out.len = from;
    tracuu_buf_append(&st->out, repl, n);
    unanchor_after(st, from);
    anchor(st, from, in_from);
    anchor(st, st->out.len, in_to);
}

/* Put the pending segment in NFC; a new segment starts at (out.len, at). */
static void flush_nfc(state_t *st, size_t at)
{
    if (st->seg_dirty) {
        const char *seg = st->out.s + st->seg_out;
        int32_t n8 = (int32_t)(st->out.len - st->seg_out);
        UErrorCode err = U_ZERO_ERROR;
        int32_t n16 = 0;
        u_strFromUTF8(NULL, 0, &n16, seg, n8, &err);
        err = U_ZERO_ERROR;
        UChar *u = tracuu_xmalloc(((size_t)n16 + 1) * sizeof *u);
        UChar *v = tracuu_xmalloc(((size_t)n16 * 3 + 4) * sizeof *v);
        u_strFromUTF8(u, n16 + 1, NULL, seg, n8, &err);
        int32_t nv = unorm2_normalize(st->nfc, u, n16, v, n16 * 3 + 4, &err);
        char *r = NULL;
        int32_t nr = 0;
        if (U_SUCCESS(err)) {
            u_strToUTF8(NULL, 0, &nr, v, nv, &err);
            err = U_ZERO_ERROR;
            r = tracuu_xmalloc((size_t)nr + 1);
            u_strToUTF8(r, nr + 1, NULL, v, nv, &err);
        }
        if (U_SUCCESS(err))
            rewrite_tail(st, st->seg_out, r, (size_t)nr, st->seg_in, at);
        else
            st->failed = true;
        free(r);
        free(u);
        free(v);
        st->seg_dirty = false;
    }
    st->seg_out = st->out.len;
    st->seg_in = at;
}

/* Words tracuu_normalize_word leaves as they are, remembered per thread
 * by their bytes (direct-mapped): a plan says the same words again and
 * again, and the rule ran on every word with a letter outside ASCII (9%
 * of indexing the corpus's laws). */
#define KEPT_SLOTS 2048
#define KEPT_BYTES 31
typedef struct kept {
    unsigned char len;
    char w[KEPT_BYTES];
} kept_t;
static _Thread_local kept_t kept[KEPT_SLOTS];

static kept_t *kept_slot(const char *w, size_t n)
{
    return &kept[tracuu_fnv1a32(w, n, TRACUU_FNV32_INIT) % KEPT_SLOTS];
}

static void flush_word(state_t *st, size_t at)
{
    if (!st->in_word)
        return;
    st->in_word = false;
    if (st->word_ascii)
        return;
    const char *w = st->out.s + st->word_out;
    size_t n = st->out.len - st->word_out;
    kept_t *k = n <= KEPT_BYTES ? kept_slot(w, n) : NULL;
    if (k && k->len == n && memcmp(k->w, w, n) == 0)
        return;
    tracuu_buf_t fixed = {0};
    if (tracuu_normalize_word(w, n, &fixed)) {
        rewrite_tail(st, st->word_out, fixed.s, fixed.len, st->word_in, at);
        st->seg_out = st->out.len;
        st->seg_in = at;
    } else if (k) {
        k->len = (unsigned char)n;
        memcpy(k->w, w, n);
    }
    tracuu_buf_free(&fixed);
}

static bool is_dropped(uint32_t cp)
{
    return (cp >= 0x80 && cp < 0xA0) || cp == 0xAD || cp == 0xFEFF ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2064) || cp == 0x180E;
}

static bool is_space(uint32_t cp)
{
    return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000 || cp == 0x1680;
}

static bool is_word_cp(uint32_t cp)
{
    return u_isalpha((UChar32)cp) ||
           (U_GET_GC_MASK((UChar32)cp) & U_GC_M_MASK) != 0;
}

/* One ASCII byte: returns the byte to emit, or 0 to drop it. */
static char ascii_out(const char *text, size_t len, size_t i)
{
    char c = text[i];
    if (c == '\r')
        return (i + 1 < len && text[i + 1] == '\n') ? 0 : '\n';
    if (c == '\f' || c == '\v')
        return '\n';
    if (c == '\t' || c == '\n')
        return c;
    if ((unsigned char)c < 0x20 || c == 0x7F)
        return 0;
    return c;
}

/* A run of ASCII from text[i], written straight into the reserved
 * buffer; every ASCII character is an NFC boundary. Returns its end. */
static size_t ascii_run(state_t *st, const char *text, size_t len, size_t i)
{
    flush_nfc(st, i);
    tracuu_buf_reserve(&st->out, len - i + 1);
    bool last_same = false;
    while (i < len && (unsigned char)text[i] < 0x80) {
        char ch = text[i];
        bool letter = (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
        if (!letter && st->in_word) {
            st->out.s[st->out.len] = '\0';
            flush_word(st, i);
            tracuu_buf_reserve(&st->out, len - i + 1);
        } else if (letter && !st->in_word) {
            st->in_word = true;
            st->word_ascii = true;
            st->word_out = st->out.len;
            st->word_in = i;
        }
        char o = (ch >= 0x20 && ch < 0x7F) || ch == '\n' || ch == '\t'
                     ? ch
                     : ascii_out(text, len, i);
        i++;
        if (o)
            st->out.s[st->out.len++] = o;
        last_same = o != 0 && o == ch; /* a dropped NUL is no letter */
        if (!last_same)
            anchor(st, st->out.len, i);
    }
    st->out.s[st->out.len] = '\0';
    /* A combining mark after the run belongs with its last letter. */
    st->seg_out = last_same ? st->out.len - 1 : st->out.len;
    st->seg_in = last_same ? i - 1 : i;
    return i;
}

tracuu_status_t tracuu_normalize(const char *text, size_t len,
                                 tracuu_norm_t *out)
{
    memset(out, 0, sizeof *out);
    if (len >= UINT32_MAX / 2)
        return TRACUU_ERR_ARG; /* anchors are 32 bits; NFC may grow it */
    state_t st = {0};
    UErrorCode err = U_ZERO_ERROR;
    st.nfc = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err))
        return TRACUU_ERR_ICU;
    tracuu_fold_init();
    tracuu_buf_reserve(&st.out, len);
    anchor(&st, 0, 0);

    size_t i = 0;
    while (i < len) {
        size_t at = i;
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            i = ascii_run(&st, text, len, i);
            continue;
        }
        size_t before = i;
        size_t ll = tracuu_latin_letter_len((const unsigned char *)text + i,
                                            len - i);
        if (ll) {
            /* A letter NFC keeps, in a word: what the checks below give
             * it (a fifth of indexing the laws went to them). */
            i += ll;
            flush_nfc(&st, at);
            if (!st.in_word) {
                st.in_word = true;
                st.word_out = st.out.len;
                st.word_in = at;
            }
            st.word_ascii = false;
            tracuu_buf_append(&st.out, text + before, ll);
            continue;
        }
        uint32_t cp = tracuu_utf8_next(text, len, &i);
        bool invalid = cp == 0xFFFD && i - before == 1;
        if (is_dropped(cp) || is_space(cp) || cp == 0x2028 || cp == 0x2029) {
            flush_nfc(&st, at);
            flush_word(&st, at);
            if (is_space(cp))
                tracuu_buf_putc(&st.out, ' ');
            else if (!is_dropped(cp))
                tracuu_buf_putc(&st.out, '\n');
            anchor(&st, st.out.len, i);
            continue;
        }
        if (unorm2_hasBoundaryBefore(st.nfc, (UChar32)cp))
            flush_nfc(&st, at);
        if (u_getIntPropertyValue((UChar32)cp, UCHAR_NFC_QUICK_CHECK) !=
            UNORM_YES)
            st.seg_dirty = true;
        if (!is_word_cp(cp)) {
            flush_nfc(&st, at);
            flush_word(&st, at);
        } else {
            if (!st.in_word) {
                st.in_word = true;
                st.word_out = st.out.len;
                st.word_in = at;
            }
            st.word_ascii = false;
        }
        if (invalid) {
            tracuu_buf_put_cp(&st.out, 0xFFFD);
            anchor(&st, st.out.len, i);
        } else {
            tracuu_buf_append(&st.out, text + before, i - before);
        }
    }
    flush_nfc(&st, len);
    flush_word(&st, len);
    anchor(&st, st.out.len, len);
    if (st.failed) {
        tracuu_buf_free(&st.out);
        free(st.a);
        return TRACUU_ERR_ICU;
    }
    if (!st.out.s)
        tracuu_buf_puts(&st.out, "");
    out->len = st.out.len;
    out->s = tracuu_buf_steal(&st.out);
    out->anchors = st.a;
    out->n_anchors = st.na;
    out->orig_len = len;
    return TRACUU_OK;
}

size_t tracuu_norm_orig_offset(const tracuu_norm_t *n, size_t pos)
{
    if (!n->n_anchors)
        return pos;
    size_t lo = 0, hi = n->n_anchors;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (n->anchors[mid].norm <= pos)
            lo = mid;
        else
            hi = mid;
    }
    const tracuu_anchor_t *a = &n->anchors[lo];
    size_t o = a->orig + (pos - a->norm);
    if (lo + 1 < n->n_anchors && o > n->anchors[lo + 1].orig)
        o = n->anchors[lo + 1].orig;
    return o > n->orig_len ? n->orig_len : o;
}

void tracuu_norm_free(tracuu_norm_t *n)
{
    if (!n)
        return;
    free(n->s);
    free(n->anchors);
    memset(n, 0, sizeof *n);
}

/* --- tone placement within one syllable --- */

static uint32_t lower_base(uint32_t cp)
{
    return tracuu_cp_lower(tracuu_cp_untoned(cp));
}

static bool pair_is(const uint32_t *v, uint32_t a, uint32_t b)
{
    return lower_base(v[0]) == a && lower_base(v[1]) == b;
}

/* Put the tone of cluster v[0..2) on v[to], keeping each letter's case. */
static void move_tone(uint32_t *v, int to)
{
    tracuu_tone_t t = tracuu_cp_tone(v[0]);
    if (t == TRACUU_TONE_NONE)
        t = tracuu_cp_tone(v[1]);
    v[0] = tracuu_cp_untoned(v[0]);
    v[1] = tracuu_cp_untoned(v[1]);
    v[to] = tracuu_cp_with_tone(v[to], t);
}

/* Same letter as like (case-wise) but the lowercase base want. */
static uint32_t same_case(uint32_t like, uint32_t want)
{
    return tracuu_cp_lower(like) == like ? want : tracuu_cp_upper(want);
}

bool tracuu_normalize_word(const char *w, size_t len, tracuu_buf_t *out)
{
    uint32_t cp[MAX_WORD_CPS];
    size_t n = 0, i = 0;
    while (i < len && n < MAX_WORD_CPS)
        cp[n++] = tracuu_utf8_next(w, len, &i);
    if (i < len || n < 2)
        return false;
    size_t v0 = 0;
    while (v0 < n && !tracuu_cp_is_vowel(cp[v0]))
        v0++;
    size_t v1 = v0;
    while (v1 < n && tracuu_cp_is_vowel(cp[v1]))
        v1++;
    if (v1 - v0 != 2)
        return false; /* only vowel pairs move */
    for (size_t k = v1; k < n; k++)
        if (tracuu_cp_is_vowel(cp[k]) || !u_isalpha((UChar32)cp[k]))
            return false; /* not one syllable */
    uint32_t before[2] = {cp[v0], cp[v0 + 1]};
    bool after_q = v0 > 0 && tracuu_cp_lower(cp[v0 - 1]) == 'q';
    bool has_final = v1 < n;
    int toned = 0;
    for (size_t k = v0; k < v1; k++)
        toned += tracuu_cp_tone(cp[k]) != TRACUU_TONE_NONE;
    if (v1 - v0 == 2 && toned == 1 && !after_q) {
        uint32_t *v = cp + v0;
        if (pair_is(v, 'o', 'a') || pair_is(v, 'o', 'e') ||
            pair_is(v, 'u', 'y')) {
            move_tone(v, has_final ? 1 : 0);
        } else if (has_final &&
                   (pair_is(v, 0x01B0, 'o') || pair_is(v, 'u', 0x01A1))) {
            tracuu_tone_t t = tracuu_cp_tone(v[0]);
            if (t == TRACUU_TONE_NONE)
                t = tracuu_cp_tone(v[1]);
            v[0] = same_case(v[0], 0x01B0);                   /* ư */
            v[1] = tracuu_cp_with_tone(same_case(v[1], 0x01A1), t); /* ơ */
        }
    }
    if (before[0] == cp[v0] && before[1] == cp[v0 + 1])
        return false;
    for (size_t k = 0; k < n; k++)
        tracuu_buf_put_cp(out, cp[k]);
    return true;
}
