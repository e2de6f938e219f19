/* fold.c: Latin letter tables built once from ICU decompositions. */
#include "fold.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

/* Code points covered by the table: Latin-1 to Latin Extended-B, and
 * Latin Extended Additional (every precomposed Vietnamese letter). */
#define LOW_END 0x0250
#define EXT_BEGIN 0x1E00
#define EXT_END 0x1F00

typedef struct letter {
    uint32_t lower;
    uint32_t upper;
    uint32_t untoned;    /* same case, tone removed */
    uint16_t fold;       /* lowercase ASCII base, 0 for none */
    uint8_t tone;
    uint8_t vowel;
} letter_t;

static letter_t table[LOW_END + (EXT_END - EXT_BEGIN)];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static letter_t *slot(uint32_t cp)
{
    if (cp < LOW_END)
        return &table[cp];
    if (cp >= EXT_BEGIN && cp < EXT_END)
        return &table[LOW_END + (cp - EXT_BEGIN)];
    return NULL;
}

tracuu_tone_t tracuu_tone_of_mark(uint32_t m)
{
    switch (m) {
    case 0x0300: return TRACUU_TONE_GRAVE;
    case 0x0301: return TRACUU_TONE_ACUTE;
    case 0x0309: return TRACUU_TONE_HOOK;
    case 0x0303: return TRACUU_TONE_TILDE;
    case 0x0323: return TRACUU_TONE_DOT;
    default: return TRACUU_TONE_NONE;
    }
}

static bool is_base_vowel(uint32_t lower_ascii)
{
    return lower_ascii && strchr("aeiouy", (int)lower_ascii) != NULL;
}

static void fill_letter(const UNormalizer2 *nfd, const UNormalizer2 *nfc,
                        uint32_t cp)
{
    letter_t *l = slot(cp);
    l->lower = (uint32_t)u_tolower((UChar32)cp);
    l->upper = (uint32_t)u_toupper((UChar32)cp);
    l->untoned = cp;
    l->fold = 0;

    UChar d[8];
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = unorm2_getDecomposition(nfd, (UChar32)cp, d, 8, &err);
    UChar32 base = (UChar32)cp;
    if (U_SUCCESS(err) && n > 0) {
        base = d[0];
        /* Rebuild the letter without its tone mark, keeping the others. */
        UChar32 rebuilt = base;
        for (int32_t i = 1; i < n; i++) {
            tracuu_tone_t t = tracuu_tone_of_mark(d[i]);
            if (t != TRACUU_TONE_NONE) {
                l->tone = (uint8_t)t;
                continue;
            }
            UChar32 c = unorm2_composePair(nfc, rebuilt, d[i]);
            if (c >= 0)
                rebuilt = c;
        }
        l->untoned = (uint32_t)rebuilt;
    }
    UChar32 lb = u_tolower(base);
    if (lb < 0x80 && u_isalpha(lb))
        l->fold = (uint16_t)lb;
    if (cp == 0x0110 || cp == 0x0111) /* Đ đ: no decomposition */
        l->fold = 'd';
    l->vowel = is_base_vowel(l->fold) && u_isalpha((UChar32)cp);
}

static void build(void)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err))
        abort(); /* ICU data missing: nothing can work */
    for (uint32_t cp = 0; cp < LOW_END; cp++)
        fill_letter(nfd, nfc, cp);
    for (uint32_t cp = EXT_BEGIN; cp < EXT_END; cp++)
        fill_letter(nfd, nfc, cp);
}

void tracuu_fold_init(void)
{
    pthread_once(&once, build);
}

uint32_t tracuu_cp_lower(uint32_t cp)
{
    tracuu_fold_init();
    const letter_t *l = slot(cp);
    return l ? l->lower : (uint32_t)u_tolower((UChar32)cp);
}

uint32_t tracuu_cp_upper(uint32_t cp)
{
    tracuu_fold_init();
    const letter_t *l = slot(cp);
    return l ? l->upper : (uint32_t)u_toupper((UChar32)cp);
}

uint32_t tracuu_cp_fold(uint32_t cp)
{
    tracuu_fold_init();
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (cp >= 0x0300 && cp <= 0x036F)
        return 0;
    const letter_t *l = slot(cp);
    if (l && l->fold)
        return l->fold;
    if (l)
        return l->lower;
    return (uint32_t)u_tolower((UChar32)cp);
}

tracuu_tone_t tracuu_cp_tone(uint32_t cp)
{
    tracuu_fold_init();
    const letter_t *l = slot(cp);
    return l && l->vowel ? (tracuu_tone_t)l->tone : TRACUU_TONE_NONE;
}

uint32_t tracuu_cp_untoned(uint32_t cp)
{
    tracuu_fold_init();
    const letter_t *l = slot(cp);
    return l && l->vowel ? l->untoned : cp;
}

uint32_t tracuu_cp_with_tone(uint32_t cp, tracuu_tone_t tone)
{
    static const UChar marks[] = {0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323};
    if (tone == TRACUU_TONE_NONE || tone > TRACUU_TONE_DOT || cp > 0xFFFF)
        return cp;
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err))
        return cp;
    /* Normalise letter + mark rather than compose the pair: ộ is ọ plus a
     * circumflex in Unicode's decomposition, so ô + dot below only
     * composes after canonical reordering. */
    UChar in[2] = {(UChar)cp, marks[tone]};
    UChar res[4];
    int32_t n = unorm2_normalize(nfc, in, 2, res, 4, &err);
    if (U_FAILURE(err) || n != 1)
        return cp;
    return res[0];
}

bool tracuu_cp_is_vowel(uint32_t cp)
{
    tracuu_fold_init();
    const letter_t *l = slot(cp);
    return l && l->vowel;
}

void tracuu_fold_lower(const char *s, size_t len, tracuu_buf_t *out)
{
    tracuu_buf_reserve(out, len);
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            tracuu_buf_putc(out, (char)((c >= 'A' && c <= 'Z') ? c + 32 : c));
            i++;
            continue;
        }
        tracuu_buf_put_cp(out, tracuu_cp_lower(tracuu_utf8_next(s, len, &i)));
    }
}

void tracuu_fold_ascii(const char *s, size_t len, tracuu_buf_t *out)
{
    tracuu_buf_reserve(out, len);
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            tracuu_buf_putc(out, (char)((c >= 'A' && c <= 'Z') ? c + 32 : c));
            i++;
            continue;
        }
        uint32_t f = tracuu_cp_fold(tracuu_utf8_next(s, len, &i));
        if (f)
            tracuu_buf_put_cp(out, f);
    }
}

/* Record that folded bytes [from, to) came from source offset at. */
static void map_bytes(size_t **src, size_t *cap, size_t from, size_t to,
                      size_t at)
{
    if (to + 1 > *cap) {
        while (to + 1 > *cap)
            *cap *= 2;
        *src = tracuu_xrealloc(*src, *cap * sizeof **src);
    }
    for (size_t k = from; k < to; k++)
        (*src)[k] = at;
}

/* The folded letter of each Latin letter of Vietnamese's range
 * (tracuu_latin_letter_len) whose folded form is one ASCII letter, by
 * code point: U+00C0-U+01B0, then U+1EA0-U+1EF9; 0 for the others. */
static char latin_fold[0x1B0 - 0xC0 + 1 + 0x1EF9 - 0x1EA0 + 1];
static pthread_once_t latin_once = PTHREAD_ONCE_INIT;

static void build_latin_fold(void)
{
    for (uint32_t cp = 0xC0; cp <= 0x1EF9; cp = cp == 0x1B0 ? 0x1EA0 : cp + 1) {
        uint32_t f = tracuu_cp_fold(cp);
        latin_fold[cp <= 0x1B0 ? cp - 0xC0 : cp - 0x1EA0 + (0x1B0 - 0xC0 + 1)] =
            f >= 'a' && f <= 'z' ? (char)f : 0;
    }
}

/* The folded ASCII letter of the letter of n (2 or 3) bytes at u, or 0. */
static char latin_folded(const unsigned char *u, size_t n)
{
    if (n == 2) {
        unsigned cp = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
        return cp <= 0x1B0 ? latin_fold[cp - 0xC0] : 0;
    }
    unsigned cp = 0x1000u | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    return latin_fold[cp - 0x1EA0 + (0x1B0 - 0xC0 + 1)];
}

void tracuu_folded_make(const char *text, size_t len, tracuu_folded_t *out)
{
    pthread_once(&latin_once, build_latin_fold);
    tracuu_buf_t b = {0};
    tracuu_buf_reserve(&b, len);
    size_t cap = len + 1;
    size_t *src = tracuu_xmalloc(cap * sizeof *src);
    size_t i = 0;
    while (i < len) {
        /* ASCII runs straight into the reserved buffers. */
        if ((unsigned char)text[i] < 0x80 && b.len + 1 < cap &&
            b.len + 1 < b.cap) {
            size_t room = cap - 1 - b.len;
            if (b.cap - 1 - b.len < room)
                room = b.cap - 1 - b.len;
            size_t k = 0;
            while (k < room && i < len && (unsigned char)text[i] < 0x80) {
                char c = text[i];
                b.s[b.len] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
                src[b.len++] = i++;
                k++;
            }
            b.s[b.len] = '\0';
            continue;
        }
        size_t at = i;
        size_t before = b.len;
        /* A letter of Vietnamese folds to one ASCII letter (the text's
         * bytes would fit the buffers as they are reserved, and its folded
         * form is shorter). */
        size_t ll = tracuu_latin_letter_len((const unsigned char *)text + i,
                                            len - i);
        char a = ll > 1 ? latin_folded((const unsigned char *)text + i, ll) : 0;
        if (a && b.len + 1 < b.cap && b.len + 1 < cap) {
            b.s[b.len] = a;
            src[b.len++] = at;
            b.s[b.len] = '\0';
            i += ll;
            continue;
        }
        if ((unsigned char)text[i] < 0x80) {
            char c = text[i++];
            tracuu_buf_putc(&b, (char)((c >= 'A' && c <= 'Z') ? c + 32 : c));
        } else {
            uint32_t f = tracuu_cp_fold(tracuu_utf8_next(text, len, &i));
            if (f)
                tracuu_buf_put_cp(&b, f);
        }
        map_bytes(&src, &cap, before, b.len, at);
    }
    map_bytes(&src, &cap, b.len, b.len, len);
    src[b.len] = len;
    out->len = b.len;
    out->s = tracuu_buf_steal(&b);
    out->src = src;
}

void tracuu_folded_free(tracuu_folded_t *f)
{
    if (!f)
        return;
    free(f->s);
    free(f->src);
    f->s = NULL;
    f->src = NULL;
    f->len = 0;
}

static bool folded_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*';
}

size_t tracuu_folded_match(const char *f, size_t n, size_t i, const char *p)
{
    while (*p) {
        if (*p == ' ') {
            size_t k = i;
            while (k < n && folded_blank(f[k]))
                k++;
            if (k == i)
                return 0;
            i = k;
            p++;
            continue;
        }
        if (i >= n || f[i] != *p)
            return 0;
        i++;
        p++;
    }
    bool alnum = i < n && ((f[i] >= 'a' && f[i] <= 'z') ||
                           (f[i] >= 'A' && f[i] <= 'Z') ||
                           (f[i] >= '0' && f[i] <= '9'));
    return alnum ? 0 : i;
}

size_t tracuu_latin_letter_len(const unsigned char *u, size_t n)
{
    if (n == 0)
        return 0;
    if ((u[0] | 0x20) >= 'a' && (u[0] | 0x20) <= 'z')
        return 1;
    if (n >= 2 && u[0] >= 0xC3 && u[0] <= 0xC6 && (u[1] & 0xC0) == 0x80) {
        unsigned cp = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
        return (cp <= 0x17F && cp != 0xD7 && cp != 0xF7) ||
                       (cp >= 0x1A0 && cp <= 0x1B0)
                   ? 2
                   : 0;
    }
    if (n >= 3 && u[0] == 0xE1 && (u[1] == 0xBA || u[1] == 0xBB) &&
        (u[2] & 0xC0) == 0x80) {
        unsigned cp = 0x1000u | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
        return cp >= 0x1EA0 && cp <= 0x1EF9 ? 3 : 0;
    }
    return 0;
}
