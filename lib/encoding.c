/* encoding.c: detect and convert the character encodings of Vietnamese text. */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "fold.h"
#include "syllable.h"

/* Bytes of a file that the detector decodes with every candidate. */
#define SAMPLE (256u << 10)

typedef struct enc_def {
    const char *name;   /* what we report */
    const char *iconv;  /* glibc iconv name, or NULL for our own decoder */
    size_t unit;        /* bytes skipped on an invalid sequence */
} enc_def_t;

static const enc_def_t encs[TRACUU_ENC_LAST] = {
    [TRACUU_ENC_UTF8] = {"UTF-8", NULL, 1},
    [TRACUU_ENC_UTF16LE] = {"UTF-16LE", "UTF-16LE", 2},
    [TRACUU_ENC_UTF16BE] = {"UTF-16BE", "UTF-16BE", 2},
    [TRACUU_ENC_CP1258] = {"windows-1258", "CP1258", 1},
    [TRACUU_ENC_TCVN3] = {"TCVN3", "TCVN5712-1", 1},
    [TRACUU_ENC_VNI] = {"VNI", NULL, 1},
    [TRACUU_ENC_VISCII] = {"VISCII", "VISCII", 1},
};

/* The legacy 8-bit encodings, tried on bytes that are not UTF-8. */
static const tracuu_enc_t legacy[] = {
    TRACUU_ENC_CP1258, TRACUU_ENC_TCVN3, TRACUU_ENC_VNI, TRACUU_ENC_VISCII,
};
#define N_LEGACY (sizeof legacy / sizeof *legacy)

const char *tracuu_enc_name(tracuu_enc_t e)
{
    return e < TRACUU_ENC_LAST ? encs[e].name : "unknown";
}

/* Windows-1252 bytes 0x80-0x9F (0 where undefined: the byte stands for
 * the C1 control of the same number, as in Latin-1). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static uint32_t cp1252_char(unsigned char b)
{
    if (b >= 0x80 && b < 0xA0 && cp1252_high[b - 0x80])
        return cp1252_high[b - 0x80];
    return b;
}

/* The Windows-1252 byte of code point cp, or -1. */
static int cp1252_byte(uint32_t cp)
{
    if (cp < 0x100)
        return (int)cp;
    for (int i = 0; i < 32; i++)
        if (cp1252_high[i] == cp)
            return 0x80 + i;
    return -1;
}

/* ---- VNI: a vowel letter followed by a byte carrying its marks. ---- */

typedef enum vni_kind { VNI_NONE = 0, VNI_LETTER, VNI_TONE, VNI_CIRC, VNI_BREVE } vni_kind_t;

typedef struct vni_byte {
    unsigned char byte;
    vni_kind_t kind;
    uint32_t letter;      /* VNI_LETTER */
    tracuu_tone_t tone;   /* VNI_TONE, and the tone a shape byte adds */
} vni_byte_t;

/* Lowercase and uppercase fonts share the scheme: the uppercase mark
 * bytes are the uppercase Latin-1 letters of the lowercase ones. */
static const vni_byte_t vni_table[] = {
    {0xF9, VNI_TONE, 0, TRACUU_TONE_ACUTE}, {0xD9, VNI_TONE, 0, TRACUU_TONE_ACUTE},
    {0xF8, VNI_TONE, 0, TRACUU_TONE_GRAVE}, {0xD8, VNI_TONE, 0, TRACUU_TONE_GRAVE},
    {0xFB, VNI_TONE, 0, TRACUU_TONE_HOOK},  {0xDB, VNI_TONE, 0, TRACUU_TONE_HOOK},
    {0xF5, VNI_TONE, 0, TRACUU_TONE_TILDE}, {0xD5, VNI_TONE, 0, TRACUU_TONE_TILDE},
    {0xEF, VNI_TONE, 0, TRACUU_TONE_DOT},   {0xCF, VNI_TONE, 0, TRACUU_TONE_DOT},
    {0xE2, VNI_CIRC, 0, TRACUU_TONE_NONE},  {0xC2, VNI_CIRC, 0, TRACUU_TONE_NONE},
    {0xE1, VNI_CIRC, 0, TRACUU_TONE_ACUTE}, {0xC1, VNI_CIRC, 0, TRACUU_TONE_ACUTE},
    {0xE0, VNI_CIRC, 0, TRACUU_TONE_GRAVE}, {0xC0, VNI_CIRC, 0, TRACUU_TONE_GRAVE},
    {0xE5, VNI_CIRC, 0, TRACUU_TONE_HOOK},  {0xC5, VNI_CIRC, 0, TRACUU_TONE_HOOK},
    {0xE3, VNI_CIRC, 0, TRACUU_TONE_TILDE}, {0xC3, VNI_CIRC, 0, TRACUU_TONE_TILDE},
    {0xE4, VNI_CIRC, 0, TRACUU_TONE_DOT},   {0xC4, VNI_CIRC, 0, TRACUU_TONE_DOT},
    {0xEA, VNI_BREVE, 0, TRACUU_TONE_NONE}, {0xCA, VNI_BREVE, 0, TRACUU_TONE_NONE},
    {0xE9, VNI_BREVE, 0, TRACUU_TONE_ACUTE}, {0xC9, VNI_BREVE, 0, TRACUU_TONE_ACUTE},
    {0xE8, VNI_BREVE, 0, TRACUU_TONE_GRAVE}, {0xC8, VNI_BREVE, 0, TRACUU_TONE_GRAVE},
    {0xFA, VNI_BREVE, 0, TRACUU_TONE_HOOK},  {0xDA, VNI_BREVE, 0, TRACUU_TONE_HOOK},
    {0xFC, VNI_BREVE, 0, TRACUU_TONE_TILDE}, {0xDC, VNI_BREVE, 0, TRACUU_TONE_TILDE},
    {0xEB, VNI_BREVE, 0, TRACUU_TONE_DOT},  {0xCB, VNI_BREVE, 0, TRACUU_TONE_DOT},
    {0xF4, VNI_LETTER, 0x01A1, 0}, /* ơ */ {0xD4, VNI_LETTER, 0x01A0, 0}, /* Ơ */
    {0xF6, VNI_LETTER, 0x01B0, 0}, /* ư */ {0xD6, VNI_LETTER, 0x01AF, 0}, /* Ư */
    {0xF1, VNI_LETTER, 0x0111, 0}, /* đ */ {0xD1, VNI_LETTER, 0x0110, 0}, /* Đ */
    {0xED, VNI_LETTER, 0x00ED, 0}, /* í */ {0xCD, VNI_LETTER, 0x00CD, 0},
    {0xEC, VNI_LETTER, 0x00EC, 0}, /* ì */ {0xCC, VNI_LETTER, 0x00CC, 0},
    {0xE6, VNI_LETTER, 0x1EC9, 0}, /* ỉ */ {0xC6, VNI_LETTER, 0x1EC8, 0},
    {0xF3, VNI_LETTER, 0x0129, 0}, /* ĩ */ {0xD3, VNI_LETTER, 0x0128, 0},
    {0xF2, VNI_LETTER, 0x1ECB, 0}, /* ị */ {0xD2, VNI_LETTER, 0x1ECA, 0},
    {0xEE, VNI_LETTER, 0x1EF5, 0}, /* ỵ */ {0xCE, VNI_LETTER, 0x1EF4, 0},
};

static const vni_byte_t *vni_index[256];
static pthread_once_t vni_once = PTHREAD_ONCE_INIT;

static void vni_build(void)
{
    for (size_t i = 0; i < sizeof vni_table / sizeof *vni_table; i++)
        vni_index[vni_table[i].byte] = &vni_table[i];
}

static const vni_byte_t *vni_lookup(unsigned char b)
{
    pthread_once(&vni_once, vni_build);
    return vni_index[b];
}

/* The letter with a circumflex or breve, or 0 when it takes none. */
static uint32_t vni_shape(uint32_t base, vni_kind_t kind)
{
    static const struct {
        uint32_t base, circ, breve;
    } shapes[] = {
        {'a', 0x00E2, 0x0103}, {'A', 0x00C2, 0x0102}, {'e', 0x00EA, 0},
        {'E', 0x00CA, 0},      {'o', 0x00F4, 0},      {'O', 0x00D4, 0},
    };
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++)
        if (shapes[i].base == base)
            return kind == VNI_CIRC ? shapes[i].circ : shapes[i].breve;
    return 0;
}

static bool vni_base(uint32_t c)
{
    return (c < 0x80 && strchr("aeiouyAEIOUY", (int)c) && c) ||
           c == 0x01A1 || c == 0x01A0 || c == 0x01B0 || c == 0x01AF;
}

typedef struct vni_state {
    uint32_t base;   /* pending vowel, 0 when none */
    bool shaped;
    tracuu_tone_t tone;
} vni_state_t;

/* The letter with a tone. The dot below under a circumflex or breve is
 * composed here: Unicode composes ộ from ọ + circumflex, not from ô + dot,
 * so a pairwise composition (tracuu_cp_with_tone) misses those eight. */
static uint32_t with_tone(uint32_t cp, tracuu_tone_t tone)
{
    static const uint32_t dotted[][2] = {
        {0x00E2, 0x1EAD}, {0x00C2, 0x1EAC}, {0x0103, 0x1EB7}, {0x0102, 0x1EB6},
        {0x00EA, 0x1EC7}, {0x00CA, 0x1EC6}, {0x00F4, 0x1ED9}, {0x00D4, 0x1ED8},
    };
    if (tone == TRACUU_TONE_DOT)
        for (size_t i = 0; i < sizeof dotted / sizeof *dotted; i++)
            if (dotted[i][0] == cp)
                return dotted[i][1];
    return tracuu_cp_with_tone(cp, tone);
}

static void vni_flush(vni_state_t *st, tracuu_buf_t *out)
{
    if (!st->base)
        return;
    uint32_t cp = st->base;
    if (st->tone != TRACUU_TONE_NONE)
        cp = with_tone(cp, st->tone);
    tracuu_buf_put_cp(out, cp);
    *st = (vni_state_t){0};
}

static void decode_vni(const unsigned char *s, size_t n, tracuu_buf_t *out)
{
    vni_state_t st = {0};
    for (size_t i = 0; i < n; i++) {
        unsigned char b = s[i];
        const vni_byte_t *v = b >= 0x80 ? vni_lookup(b) : NULL;
        if (!v) {
            vni_flush(&st, out);
            uint32_t cp = cp1252_char(b);
            if (vni_base(cp))
                st.base = cp;
            else
                tracuu_buf_put_cp(out, cp);
            continue;
        }
        switch (v->kind) {
        case VNI_LETTER:
            vni_flush(&st, out);
            if (vni_base(v->letter))
                st.base = v->letter;
            else
                tracuu_buf_put_cp(out, v->letter);
            break;
        case VNI_TONE:
            if (st.base && st.tone == TRACUU_TONE_NONE) {
                st.tone = v->tone;
            } else {
                vni_flush(&st, out);
                tracuu_buf_put_cp(out, cp1252_char(b));
            }
            break;
        case VNI_CIRC:
        case VNI_BREVE: {
            uint32_t shaped = st.base && !st.shaped && st.tone == TRACUU_TONE_NONE
                                  ? vni_shape(st.base, v->kind)
                                  : 0;
            if (shaped) {
                st.base = shaped;
                st.shaped = true;
                st.tone = v->tone;
            } else {
                vni_flush(&st, out);
                tracuu_buf_put_cp(out, cp1252_char(b));
            }
            break;
        }
        case VNI_NONE:
            break;
        }
    }
    vni_flush(&st, out);
}

/* ---- iconv-backed and UTF-8 decoders ---- */

static void put_fffd(tracuu_buf_t *out)
{
    tracuu_buf_put_cp(out, 0xFFFD);
}

static size_t decode_utf8(const char *s, size_t n, tracuu_buf_t *out)
{
    size_t bad = 0, i = 0;
    while (i < n) {
        size_t ok = tracuu_utf8_valid_prefix(s + i, n - i);
        tracuu_buf_append(out, s + i, ok);
        i += ok;
        if (i < n) {
            size_t j = i;
            tracuu_utf8_next(s, n, &j); /* one byte for an invalid one */
            put_fffd(out);
            bad++;
            i = j > i ? j : i + 1;
        }
    }
    return bad;
}

static size_t decode_iconv(const enc_def_t *d, const char *s, size_t n,
                           tracuu_buf_t *out)
{
    iconv_t cd = iconv_open("UTF-8", d->iconv);
    if (cd == (iconv_t)-1) {
        /* No converter in this C library: keep the ASCII, mark the rest. */
        size_t bad = 0;
        for (size_t i = 0; i < n; i++) {
            if ((unsigned char)s[i] < 0x80 && d->unit == 1) {
                tracuu_buf_putc(out, s[i]);
            } else {
                put_fffd(out);
                bad++;
            }
        }
        return bad;
    }
    char *in = (char *)s;
    size_t left = n, bad = 0;
    while (left) {
        tracuu_buf_reserve(out, left > (1u << 20) ? (4u << 20) : left * 4 + 64);
        char *o = out->s + out->len;
        size_t oleft = out->cap - out->len - 1;
        size_t r = iconv(cd, &in, &left, &o, &oleft);
        int err = errno;
        out->len = (size_t)(o - out->s);
        if (r != (size_t)-1 || err == E2BIG)
            continue;
        /* EILSEQ, or EINVAL for a sequence cut at the end: skip a unit */
        size_t skip = left < d->unit ? left : d->unit;
        in += skip;
        left -= skip;
        put_fffd(out);
        bad++;
    }
    for (;;) { /* a letter may still wait for a combining mark */
        tracuu_buf_reserve(out, 64);
        char *o = out->s + out->len;
        size_t oleft = out->cap - out->len - 1;
        size_t r = iconv(cd, NULL, NULL, &o, &oleft);
        int err = errno;
        out->len = (size_t)(o - out->s);
        if (r != (size_t)-1 || err != E2BIG)
            break;
    }
    out->s[out->len] = '\0';
    iconv_close(cd);
    return bad;
}

size_t tracuu_enc_decode(tracuu_enc_t e, const char *s, size_t n,
                         tracuu_buf_t *out)
{
    tracuu_buf_reserve(out, n);
    switch (e) {
    case TRACUU_ENC_UTF8:
        return decode_utf8(s, n, out);
    case TRACUU_ENC_VNI:
        decode_vni((const unsigned char *)s, n, out);
        return 0;
    default:
        if (e >= TRACUU_ENC_LAST)
            return decode_utf8(s, n, out);
        return decode_iconv(&encs[e], s, n, out);
    }
}

/* ---- detection ---- */

static double score_of(const char *s, size_t n, tracuu_syllable_score_t *sc)
{
    *sc = (tracuu_syllable_score_t){0};
    tracuu_syllable_score(s, n, sc);
    return tracuu_syllable_share(sc);
}

tracuu_enc_t tracuu_enc_utf16_unmarked(const unsigned char *s, size_t n)
{
    size_t m = n < 4096 ? n : 4096;
    m &= ~(size_t)1;
    if (m < 8)
        return TRACUU_ENC_UTF8;
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < m; i += 2) {
        even += s[i] == 0;
        odd += s[i + 1] == 0;
    }
    size_t pairs = m / 2;
    if (odd * 4 > pairs && even * 20 < pairs)
        return TRACUU_ENC_UTF16LE;
    if (even * 4 > pairs && odd * 20 < pairs)
        return TRACUU_ENC_UTF16BE;
    return TRACUU_ENC_UTF8;
}

/* A prefix of at most SAMPLE bytes, cut after a line break if one is near. */
/* The first line breaks within the first cap bytes of s[0..n). */
static size_t sample_upto(const char *s, size_t n, size_t cap)
{
    if (n <= cap)
        return n;
    for (size_t i = cap; i > cap - cap / 16; i--)
        if (s[i - 1] == '\n')
            return i;
    return cap;
}

static size_t sample_len(const char *s, size_t n)
{
    return sample_upto(s, n, SAMPLE);
}

static void finish(tracuu_enc_info_t *info, tracuu_enc_info_t got)
{
    if (info)
        *info = got;
}

/* Decode with e, then repair legacy-font lines inside Unicode text
 * (bytes already in a legacy encoding hold no second layer); valid: s is
 * known to be valid UTF-8. */
static void decode_and_repair(tracuu_enc_t e, const char *s, size_t n,
                              bool valid, tracuu_buf_t *out,
                              tracuu_enc_info_t *got)
{
    if (e != TRACUU_ENC_UTF8 && e != TRACUU_ENC_UTF16LE && e != TRACUU_ENC_UTF16BE) {
        tracuu_enc_decode(e, s, n, out);
        got->repaired = TRACUU_ENC_UTF8;
        got->repaired_lines = 0;
        return;
    }
    if (e == TRACUU_ENC_UTF8 && valid) {
        /* Checked already: no second decoding, no copy. */
        got->repaired = tracuu_enc_repair(s, n, TRACUU_ENC_UTF8, out,
                                          &got->repaired_lines);
        return;
    }
    tracuu_buf_t tmp = {0};
    tracuu_enc_decode(e, s, n, &tmp);
    got->repaired = tracuu_enc_repair(tmp.s ? tmp.s : "", tmp.len,
                                      TRACUU_ENC_UTF8, out,
                                      &got->repaired_lines);
    tracuu_buf_free(&tmp);
}

void tracuu_enc_detect(const char *s, size_t n, tracuu_buf_t *out,
                       tracuu_enc_info_t *info)
{
    const unsigned char *u = (const unsigned char *)s;
    tracuu_enc_info_t got = {TRACUU_ENC_UTF8, false, 0, TRACUU_ENC_UTF8, 0};
    size_t skip = 0;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        got.bom = true;
        skip = 3;
    } else if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        got.enc = TRACUU_ENC_UTF16LE;
        got.bom = true;
        skip = 2;
    } else if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        got.enc = TRACUU_ENC_UTF16BE;
        got.bom = true;
        skip = 2;
    } else {
        got.enc = tracuu_enc_utf16_unmarked(u, n);
    }
    s += skip;
    n -= skip;
    bool marked = got.bom || got.enc != TRACUU_ENC_UTF8;
    if (marked || tracuu_utf8_valid_prefix(s, n) == n) {
        /* Unicode, known by its marks or its validity: nothing to choose,
         * so the share of syllables is not measured (-1). */
        decode_and_repair(got.enc, s, n, !marked, out, &got);
        got.share = -1;
        finish(info, got);
        return;
    }
    /* Not UTF-8: try every decoder on a sample; UTF-8 with a few bad
     * bytes stays a candidate. */
    size_t m = sample_len(s, n);
    tracuu_enc_t best = TRACUU_ENC_UTF8;
    double best_share = -1;
    size_t best_good = 0;
    tracuu_enc_t cands[N_LEGACY + 1];
    cands[0] = TRACUU_ENC_UTF8;
    memcpy(cands + 1, legacy, sizeof legacy);
    tracuu_buf_t tmp = {0};
    for (size_t k = 0; k < N_LEGACY + 1; k++) {
        tracuu_buf_clear(&tmp);
        tracuu_enc_decode(cands[k], s, m, &tmp);
        tracuu_syllable_score_t sc;
        double share = score_of(tmp.s ? tmp.s : "", tmp.len, &sc);
        if (share > best_share || (share == best_share && sc.good > best_good)) {
            best = cands[k];
            best_share = share;
            best_good = sc.good;
        }
    }
    tracuu_buf_free(&tmp);
    got.enc = best;
    got.share = best_share < 0 ? 0 : best_share;
    decode_and_repair(best, s, n, false, out, &got);
    finish(info, got);
}

/* ---- repair of legacy-font text carried as Latin-1 characters ---- */

/* Bytes of line s[0..n) when every character is a Windows-1252 byte and
 * some is not ASCII; false otherwise. */
static bool line_bytes(const char *s, size_t n, tracuu_buf_t *bytes)
{
    tracuu_buf_clear(bytes);
    /* Plain ASCII lines (most lines of most files) have nothing to
     * repair: say so before decoding anything. */
    size_t k = 0;
    while (k < n && (unsigned char)s[k] < 0x80)
        k++;
    if (k == n)
        return false;
    tracuu_buf_reserve(bytes, n);
    bool high = false;
    size_t i = 0;
    while (i < n) {
        uint32_t cp = tracuu_utf8_next(s, n, &i);
        int b = cp1252_byte(cp);
        if (b < 0)
            return false;
        high = high || b >= 0x80;
        tracuu_buf_putc(bytes, (char)b);
    }
    return high;
}

/* Is line s[0..n) a candidate: Windows-1252 characters only, with a
 * non-ASCII word that is not a syllable? Fills bytes and sc. */
static bool candidate(const char *s, size_t n, tracuu_buf_t *bytes,
                      tracuu_syllable_score_t *sc)
{
    if (!line_bytes(s, n, bytes))
        return false;
    score_of(s, n, sc);
    return sc->good < sc->marked;
}

static size_t line_end(const char *s, size_t n, size_t i)
{
    const char *nl = memchr(s + i, '\n', n - i);
    return nl ? (size_t)(nl - s) : n;
}

/* Better: at least two more valid words of two letters or more (symbols
 * such as µ or × decode to one-letter words: à, ư), and fewer invalid
 * words. */
static bool better(const tracuu_syllable_score_t *now,
                   const tracuu_syllable_score_t *was)
{
    size_t bad_now = now->marked - now->good, bad_was = was->marked - was->good;
    size_t long_now = now->good - now->single_good;
    size_t long_was = was->good - was->single_good;
    return long_now >= long_was + 2 && bad_now < bad_was;
}

tracuu_enc_t tracuu_enc_repair(const char *s, size_t n, tracuu_enc_t hint,
                               tracuu_buf_t *out, size_t *lines)
{
    tracuu_buf_t bytes = {0}, dec = {0};
    tracuu_enc_t use = hint;
    size_t changed = 0;
    if (hint == TRACUU_ENC_UTF8) {
        /* Pick the legacy encoding that fixes most words over all lines. */
        tracuu_syllable_score_t total[N_LEGACY] = {{0}}, was_total = {0};
        size_t seen = 0;
        for (size_t i = 0; i < n && seen < SAMPLE;) {
            size_t e = line_end(s, n, i);
            tracuu_syllable_score_t was;
            if (candidate(s + i, e - i, &bytes, &was)) {
                seen += e - i;
                was_total.marked += was.marked;
                was_total.good += was.good;
                was_total.single_good += was.single_good;
                for (size_t k = 0; k < N_LEGACY; k++) {
                    tracuu_buf_clear(&dec);
                    tracuu_enc_decode(legacy[k], bytes.s, bytes.len, &dec);
                    tracuu_syllable_score(dec.s, dec.len, &total[k]);
                }
            }
            i = e + 1;
        }
        double best_share = tracuu_syllable_share(&was_total) + 0.2;
        for (size_t k = 0; k < N_LEGACY && seen; k++) {
            double share = tracuu_syllable_share(&total[k]);
            if (share > best_share && share >= 0.5 && better(&total[k], &was_total)) {
                best_share = share;
                use = legacy[k];
            }
        }
    }
    tracuu_buf_reserve(out, n);
    if (use == TRACUU_ENC_UTF8) {
        /* Nothing to repair: the text as it is. */
        tracuu_buf_append(out, s, n);
        n = 0;
    }
    for (size_t i = 0; i < n;) {
        size_t e = line_end(s, n, i);
        tracuu_syllable_score_t was, now = {0};
        bool done = false;
        bool take = use != TRACUU_ENC_UTF8 &&
                    (hint != TRACUU_ENC_UTF8 ? line_bytes(s + i, e - i, &bytes)
                                             : candidate(s + i, e - i, &bytes, &was));
        if (take) {
            tracuu_buf_clear(&dec);
            tracuu_enc_decode(use, bytes.s, bytes.len, &dec);
            tracuu_syllable_score(dec.s, dec.len, &now);
            if (hint != TRACUU_ENC_UTF8 || better(&now, &was)) {
                tracuu_buf_append(out, dec.s, dec.len);
                changed++;
                done = true;
            }
        }
        if (!done)
            tracuu_buf_append(out, s + i, e - i);
        if (e < n)
            tracuu_buf_putc(out, '\n');
        i = e + 1;
    }
    if (!out->s)
        tracuu_buf_reserve(out, 1);
    tracuu_buf_free(&bytes);
    tracuu_buf_free(&dec);
    if (lines)
        *lines = changed;
    return changed ? use : TRACUU_ENC_UTF8;
}

tracuu_enc_t tracuu_enc_from_font(const char *font)
{
    if (!font)
        return TRACUU_ENC_UTF8;
    while (*font == ' ')
        font++;
    if (strncasecmp(font, ".Vn", 3) == 0)
        return TRACUU_ENC_TCVN3;
    if (strncasecmp(font, "VNI-", 4) == 0 || strncasecmp(font, "VNI ", 4) == 0)
        return TRACUU_ENC_VNI;
    if (strncasecmp(font, "VISCII", 6) == 0)
        return TRACUU_ENC_VISCII;
    return TRACUU_ENC_UTF8;
}
