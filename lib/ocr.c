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

/* Add cand to out[0..*n) when it is a syllable and new. */
static void keep(const char *cand, size_t len,
                 char out[][TRACUU_OCR_READING_MAX], size_t *n)
{
    if (*n >= TRACUU_OCR_READINGS_MAX || len < 2 || len > SYLLABLE_LETTERS ||
        !tracuu_syllable_folded_valid(cand, len))
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

/* A word in capitals without a digit (a code, a numeral: NĐ, XIII), or a
 * Roman numeral in small letters (ii, xiv; of i, v and x alone: "mdi",
 * "ddi", "vdi" are mới, đối, với): never OCR damage to read. */
static bool code_or_numeral(const char *orig, size_t olen, const char *w,
                            size_t len)
{
    bool lower = false, digit = false;
    for (size_t i = 0; i < olen;) {
        uint32_t cp = tracuu_utf8_next(orig, olen, &i);
        lower = lower || tracuu_cp_upper(cp) != cp;
        digit = digit || (cp >= '0' && cp <= '9') || cp == 0xA2 ||
                cp == 0xA7 || cp == 0x20AC;
    }
    /* A word in capitals without a digit or a glyph (K¢ is Kế) is a code
     * (NĐ); OCR keeps some accents of small letters ("méi", "đirc"). */
    return (!lower && !digit) || strspn(w, "ivx") == len;
}

size_t tracuu_ocr_readings(const char *orig, size_t olen, const char *w,
                           size_t len, char out[][TRACUU_OCR_READING_MAX])
{
    size_t n = 0;
    if (len < 2 || len > SYLLABLE_LETTERS + 2 ||
        tracuu_syllable_folded_valid(w, len) || !has_letter(w, len) ||
        code_or_numeral(orig, olen, w, len))
        return 0;
    char buf[TRACUU_OCR_READING_MAX];
    for (const tracuu_ocr_confusion_t *c = tracuu_ocr_confusions;
         c->seen && n < TRACUU_OCR_READINGS_MAX; c++) {
        size_t sl = strlen(c->seen);
        bool digit = c->seen[0] >= '0' && c->seen[0] <= '9';
        if (c->written && !memmem(orig, olen, c->written, strlen(c->written)))
            continue;
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

/* The length of the OCR glyph at f[i] ("¢", "§", "€"), else 0. */
static size_t glyph_at(const char *f, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)f + i;
    if (i + 1 < n && u[0] == 0xC2 && (u[1] == 0xA2 || u[1] == 0xA7))
        return 2;
    if (i + 2 < n && u[0] == 0xE2 && u[1] == 0x82 && u[2] == 0xAC)
        return 3;
    return 0;
}

static bool alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* The end of the word at folded f[i]: letters, digits and glyphs. */
static size_t word_end(const char *f, size_t n, size_t i)
{
    while (i < n) {
        size_t g = alnum(f[i]) ? 1 : glyph_at(f, n, i);
        if (!g)
            break;
        i += g;
    }
    return i;
}

/* The first reading of the folded word f[i..e), or NULL. */
static const char *first_reading(const char *text, size_t base,
                                 const tracuu_folded_t *F, size_t i, size_t e,
                                 char rd[][TRACUU_OCR_READING_MAX])
{
    if (e - i < 2 || e - i > SYLLABLE_LETTERS + 2 ||
        tracuu_syllable_folded_valid(F->s + i, e - i))
        return NULL;
    size_t from = base + F->src[i], to = base + F->src[e];
    return tracuu_ocr_readings(text + from, to - from, F->s + i, e - i, rd)
               ? rd[0]
               : NULL;
}

void tracuu_ocr_mend(const char *text, size_t base, tracuu_folded_t *F)
{
    char *f = F->s;
    size_t n = F->len, o = 0;
    char rd[TRACUU_OCR_READINGS_MAX][TRACUU_OCR_READING_MAX];
    for (size_t i = 0; i < n;) {
        size_t e = alnum(f[i]) ? word_end(f, n, i) : i + 1;
        const char *r = e > i + 1 ? first_reading(text, base, F, i, e, rd)
                                  : NULL;
        size_t m = r ? strlen(r) : 0; /* never longer than the word */
        if (r || o != i)
            for (size_t k = 0; k < (r ? m : e - i); k++) {
                F->src[o + k] = F->src[r ? i : i + k];
                f[o + k] = r ? r[k] : f[i + k];
            }
        o += r ? m : e - i;
        i = e;
    }
    F->src[o] = F->src[n];
    f[o] = '\0';
    F->len = o;
}
