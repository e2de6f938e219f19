/* ocr.c: readings of OCR-damaged words from the table of confusions. */
#include "ocr.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "doctables.h"
#include "fold.h"
#include "syllable.h"

/* Letters a syllable has at most ("nghieng"), so longer words are not
 * tried. */
#define SYLLABLE_LETTERS 7

static bool has_letter(const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (w[i] >= 'a' && w[i] <= 'z')
            return true;
    return false;
}

/* True when the folded w[0..len) is a syllable with some tone: one ending
 * in c, ch, p or t takes sắc or nặng, so "duc" (đức) is tried as "dúc"
 * (a combining acute after its first vowel). */
static bool folded_valid(const char *w, size_t len)
{
    if (tracuu_syllable_valid(w, len))
        return true;
    char last = len ? w[len - 1] : 0;
    if (len > SYLLABLE_LETTERS + 2 || !(last == 'c' || last == 'h' ||
                                        last == 'p' || last == 't'))
        return false;
    char t[SYLLABLE_LETTERS + 5];
    size_t v = strcspn(w, "aeiouy");
    if (v >= len)
        return false;
    memcpy(t, w, v + 1);
    memcpy(t + v + 1, "\xcc\x81", 2);
    memcpy(t + v + 3, w + v + 1, len - v - 1);
    return tracuu_syllable_valid(t, len + 2);
}

/* Add cand to out[0..*n) when it is a syllable and new. */
static void keep(const char *cand, size_t len,
                 char out[][TRACUU_OCR_READING_MAX], size_t *n)
{
    if (*n >= TRACUU_OCR_READINGS_MAX || len < 2 || len > SYLLABLE_LETTERS ||
        !folded_valid(cand, len))
        return;
    for (size_t i = 0; i < *n; i++)
        if (strlen(out[i]) == len && memcmp(out[i], cand, len) == 0)
            return;
    memcpy(out[*n], cand, len);
    out[*n][len] = '\0';
    (*n)++;
}

/* w with seen replaced by meant at byte at (every occurrence when all),
 * into buf; its length, or 0 when it does not fit. */
static size_t replace(const char *w, size_t len, const char *seen,
                      const char *meant, size_t at, bool all, char *buf,
                      size_t cap)
{
    size_t sl = strlen(seen), ml = strlen(meant), o = 0;
    for (size_t i = 0; i < len;) {
        bool here = (i == at || (all && i > at)) && i + sl <= len &&
                    memcmp(w + i, seen, sl) == 0;
        const char *src = here ? meant : w + i;
        size_t n = here ? ml : 1;
        if (o + n >= cap)
            return 0;
        memcpy(buf + o, src, n);
        o += n;
        i += here ? sl : 1;
    }
    return o;
}

/* Folded vowel groups of Vietnamese syllables (a, ă, â are all a ...). */
static const char *const nuclei[] = {
    "a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "eo", "eu", "ia",
    "ie", "iu", "oa", "oe", "oi", "oo", "ua", "ue", "ui", "uo", "uu", "uy",
    "ya", "ye", "ieu", "oai", "oao", "oay", "oeo", "uay", "uoi", "uou",
    "uya", "uye", "uyu", "yeu", "uao", "uai", "ueu", NULL};

/* Up to three lowercase letters as one number (5 bits a letter). */
static unsigned code3(const char *s, size_t n)
{
    unsigned c = 0;
    for (size_t i = 0; i < n; i++)
        c = c << 5 | (unsigned)(s[i] - 'a' + 1);
    return c;
}

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
           c == 'y';
}

/* The initial consonant of the folded word w[0..len) (shorter than it):
 * its length, 0 for none. */
static size_t initial_len(const char *w, size_t len)
{
    if (len > 3 && !memcmp(w, "ngh", 3))
        return 3;
    static const char two[] = "ngnhchghgikhphquthtr";
    for (size_t i = 0; len > 2 && i < sizeof two - 1; i += 2)
        if (w[0] == two[i] && w[1] == two[i + 1])
            return 2;
    return len > 1 && strchr("bcdghklmnprstvx", w[0]) ? 1 : 0;
}

/* A quick test that the folded ASCII word w[0..len) has the shape of a
 * syllable: an initial, a vowel group of the list, a final, the spelling
 * rules of c/k, g/gh, ng/ngh. Looser than tracuu_syllable_valid (tones
 * and some pairings are not checked) and far cheaper: a word that passes
 * needs no reading, and nearly every word of a text passes. */
static bool syllable_shape(const char *w, size_t len)
{
    size_t i = initial_len(w, len);
    size_t v = i;
    while (v < len && is_vowel(w[v]))
        v++;
    if (v == i || v - i > 3)
        return false;
    /* The spelling rules: c, g, ng before a, o, u; k, gh, ngh before e,
     * i, y ("ciu" is no syllable: câu, read wrong). */
    bool front = w[i] == 'e' || w[i] == 'i' || w[i] == 'y';
    if ((i == 1 && w[0] == 'c' && front) || (i == 1 && w[0] == 'k' && !front) ||
        (i == 2 && !memcmp(w, "gh", 2) && !front) ||
        (i == 3 && !front) || (i == 2 && !memcmp(w, "ng", 2) && front))
        return false;
    unsigned nc = code3(w + i, v - i);
    bool nucleus = false;
    for (const char *const *p = nuclei; *p && !nucleus; p++)
        nucleus = code3(*p, strlen(*p)) == nc && strlen(*p) == v - i;
    if (!nucleus)
        return false;
    size_t f = len - v;
    const char *fin = w + v;
    return f == 0 ||
           (f == 1 && strchr("cmnpt", fin[0])) ||
           (f == 2 && (!memcmp(fin, "ch", 2) || !memcmp(fin, "ng", 2) ||
                       !memcmp(fin, "nh", 2)));
}

/* A word in capitals without a digit (a code, a numeral: NĐ, XIII), or a
 * Roman numeral in small letters (ii, xiv): never OCR damage to read. */
static bool code_or_numeral(const char *orig, size_t olen, const char *w,
                            size_t len)
{
    bool lower = false, digit = false;
    for (size_t i = 0; i < olen;) {
        uint32_t cp = tracuu_utf8_next(orig, olen, &i);
        lower = lower || tracuu_cp_upper(cp) != cp;
        digit = digit || (cp >= '0' && cp <= '9');
    }
    /* A word in capitals without a digit is a code (NĐ); OCR keeps some
     * accents of small letters ("méi", "đirc"). */
    return (!lower && !digit) || strspn(w, "ivxlcdm") == len;
}

size_t tracuu_ocr_readings(const char *orig, size_t olen, const char *w,
                           size_t len, char out[][TRACUU_OCR_READING_MAX])
{
    size_t n = 0;
    if (len < 2 || len > SYLLABLE_LETTERS + 2 || syllable_shape(w, len) ||
        !has_letter(w, len) || code_or_numeral(orig, olen, w, len) ||
        folded_valid(w, len))
        return 0;
    char buf[TRACUU_OCR_READING_MAX];
    for (const tracuu_ocr_confusion_t *c = tracuu_ocr_confusions;
         c->seen && n < TRACUU_OCR_READINGS_MAX; c++) {
        size_t sl = strlen(c->seen);
        bool digit = c->seen[0] >= '0' && c->seen[0] <= '9';
        for (size_t at = 0; at + sl <= len; at++) {
            if (memcmp(w + at, c->seen, sl) != 0)
                continue;
            size_t m = replace(w, len, c->seen, c->meant, at, digit, buf,
                               sizeof buf);
            if (m)
                keep(buf, m, out, &n);
            if (digit)
                break; /* every occurrence replaced at once */
        }
    }
    return n;
}
