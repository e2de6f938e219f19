/* syllable.c: is a word a well-formed Vietnamese syllable (by phonotactics)? */
#include "syllable.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fold.h"

/* The longest syllable, "nghiêng", has seven letters. */
#define MAX_LETTERS 8

/* Initial consonants, longest first so the first match is the longest. */
static const char *const initials[] = {
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s",
    "t", "v", "x", NULL,
};

/* Rhymes (vần) without tone, grouped by nucleus. "oong", "ooc" are in
 * everyday loanwords (xoong, soóc); "êng", "ưm" are rare but real. */
static const char *const rhymes[] = {
    /* a */ "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap",
    "at", "au", "ay",
    /* ă â */ "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", "âc", "âm", "ân", "âng",
    "âp", "ât", "âu", "ây",
    /* e ê */ "e", "ec", "em", "en", "eng", "eo", "ep", "et", "ê", "êch",
    "êm", "ên", "êng", "ênh", "êp", "êt", "êu",
    /* i, iê, yê */ "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu",
    "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu", "y", "yêm", "yên",
    "yêng", "yêt", "yêu",
    /* o ô ơ */ "o", "oc", "oi", "om", "on", "ong", "ooc", "oong", "op",
    "ot", "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt", "ơ", "ơi", "ơm",
    "ơn", "ơp", "ơt",
    /* u uô */ "u", "ua", "uc", "ui", "um", "un", "ung", "up", "ut", "uôc",
    "uôi", "uôm", "uôn", "uông", "uôt",
    /* ư ươ */ "ư", "ưa", "ưc", "ưi", "ưm", "ưng", "ưt", "ưu", "ươc", "ươi",
    "ươm", "ươn", "ương", "ươp", "ươt", "ươu",
    /* glide o */ "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh",
    "oao", "oap", "oat", "oay", "oăc", "oăm", "oăn", "oăng", "oăt", "oe",
    "oem", "oen", "oeo", "oet",
    /* glide u */ "uâ", "uân", "uâng", "uât", "uây", "uê", "uêch", "uên",
    "uênh", "uêt", "uơ", "uy", "uya", "uych", "uyn", "uynh", "uyp", "uyt",
    "uyu", "uyên", "uyêt",
    NULL,
};

static const char **sorted_rhymes;
static size_t n_rhymes;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The rhymes without their marks (ă, â -> a; ê -> e; ô, ơ -> o; ư -> u),
 * each a number of 5 bits a letter, as bits of a set (128 KB: one shift
 * and a load per word, the test every word indexed passes). */
#define FOLDED_RHYME_LETTERS 4
static uint64_t folded_rhymes[(1u << (5 * FOLDED_RHYME_LETTERS)) / 64];

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ASCII letters s[0..n) as a number, 5 bits a letter; 0 when one is no
 * lowercase letter or there are too many. */
static uint32_t letters_code(const char *s, size_t n)
{
    if (n == 0 || n > FOLDED_RHYME_LETTERS)
        return 0;
    uint32_t c = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 'a' || s[i] > 'z')
            return 0;
        c = c << 5 | (uint32_t)(s[i] - 'a' + 1);
    }
    return c;
}

/* The folded rhyme r: its bytes without marks (ă â ê ô ơ ư are the two
 * bytes C4 83, C3 A2, C3 AA, C3 B4, C6 A1, C6 B0). */
static uint32_t fold_rhyme(const char *r)
{
    char f[16];
    size_t n = 0;
    for (size_t i = 0; r[i] && n < sizeof f; i++) {
        unsigned char c = (unsigned char)r[i];
        if (c < 0x80) {
            f[n++] = (char)c;
            continue;
        }
        unsigned char d = (unsigned char)r[++i];
        f[n++] = (c == 0xC4 || d == 0xA2) ? 'a' : d == 0xAA ? 'e'
                 : (d == 0xB4 || d == 0xA1) ? 'o' : 'u';
    }
    return letters_code(f, n);
}

static void init(void)
{
    while (rhymes[n_rhymes])
        n_rhymes++;
    sorted_rhymes = malloc(n_rhymes * sizeof *sorted_rhymes);
    if (!sorted_rhymes)
        abort();
    memcpy(sorted_rhymes, rhymes, n_rhymes * sizeof *sorted_rhymes);
    qsort(sorted_rhymes, n_rhymes, sizeof *sorted_rhymes, cmp_str);
    for (size_t i = 0; i < n_rhymes; i++) {
        uint32_t c = fold_rhyme(rhymes[i]);
        folded_rhymes[c / 64] |= (uint64_t)1 << (c % 64);
    }
}

static bool is_rhyme(const char *r)
{
    return bsearch(&r, sorted_rhymes, n_rhymes, sizeof *sorted_rhymes,
                   cmp_str) != NULL;
}

/* A letter of the Vietnamese alphabet without tone, lowercase. */
static bool vi_letter(uint32_t c)
{
    if (c >= 'a' && c <= 'z')
        return c != 'f' && c != 'j' && c != 'w' && c != 'z';
    return c == 0x0111 /* đ */ || c == 0x0103 /* ă */ || c == 0x00E2 /* â */ ||
           c == 0x00EA /* ê */ || c == 0x00F4 /* ô */ || c == 0x01A1 /* ơ */ ||
           c == 0x01B0 /* ư */;
}

/* Apply a combining vowel mark (circumflex, breve, horn) to c. */
static uint32_t with_shape(uint32_t c, uint32_t mark)
{
    static const struct {
        uint32_t base, mark, out;
    } shapes[] = {
        {'a', 0x0302, 0x00E2}, {'a', 0x0306, 0x0103}, {'e', 0x0302, 0x00EA},
        {'o', 0x0302, 0x00F4}, {'o', 0x031B, 0x01A1}, {'u', 0x031B, 0x01B0},
    };
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++)
        if (shapes[i].base == c && shapes[i].mark == mark)
            return shapes[i].out;
    return 0;
}

static bool starts_with_any(const char *s, const char *const *set)
{
    for (size_t i = 0; set[i]; i++)
        if (strncmp(s, set[i], strlen(set[i])) == 0)
            return true;
    return false;
}

/* Spelling rules that tie the initial to the rhyme's first vowel. */
static bool spelling_ok(const char *ini, const char *rhyme)
{
    static const char *const front[] = {"i", "e", "ê", "y", NULL};
    static const char *const front_no_y[] = {"i", "e", "ê", NULL};
    bool is_front = starts_with_any(rhyme, front);
    if (strcmp(ini, "k") == 0)
        return is_front;
    if (strcmp(ini, "c") == 0)
        return !is_front;
    if (strcmp(ini, "gh") == 0 || strcmp(ini, "ngh") == 0)
        return starts_with_any(rhyme, front_no_y);
    if (strcmp(ini, "g") == 0 || strcmp(ini, "ng") == 0)
        return !starts_with_any(rhyme, front_no_y);
    return true;
}

static bool ends_in_stop(const char *r)
{
    size_t n = strlen(r);
    char last = n ? r[n - 1] : 0;
    return last == 'c' || last == 'p' || last == 't' ||
           (n >= 2 && strcmp(r + n - 2, "ch") == 0);
}

static bool check(const char *letters, tracuu_tone_t tone)
{
    const char *ini = "";
    for (size_t i = 0; initials[i]; i++)
        if (strncmp(letters, initials[i], strlen(initials[i])) == 0) {
            ini = initials[i];
            break;
        }
    const char *rest = letters + strlen(ini);
    bool ok = *rest && is_rhyme(rest) && spelling_ok(ini, rest);
    char shared[64];
    if (!ok && strcmp(ini, "gi") == 0 && strlen(rest) + 2 < sizeof shared) {
        /* gi shares its i with a rhyme in i: gì, gìn, giếng */
        if (!*rest)
            return true;
        shared[0] = 'i';
        strcpy(shared + 1, rest);
        ok = is_rhyme(shared);
        rest = shared;
    }
    if (!ok)
        return false;
    if (ends_in_stop(rest))
        return tone == TRACUU_TONE_ACUTE || tone == TRACUU_TONE_DOT;
    return true;
}

bool tracuu_syllable_valid(const char *w, size_t len)
{
    pthread_once(&once, init);
    uint32_t base[MAX_LETTERS];
    size_t n = 0;
    tracuu_tone_t tone = TRACUU_TONE_NONE;
    size_t i = 0;
    while (i < len) {
        uint32_t cp = tracuu_utf8_next(w, len, &i);
        if (cp == 0x00AD) /* a soft hyphen is invisible */
            continue;
        if (cp == 0x00D0 || cp == 0x00F0) /* Ð, ð typed for Đ, đ */
            cp = 0x0111;
        tracuu_tone_t t = tracuu_tone_of_mark(cp);
        if (t != TRACUU_TONE_NONE) {
            if (!n || tone != TRACUU_TONE_NONE || !tracuu_cp_is_vowel(base[n - 1]))
                return false;
            tone = t;
            continue;
        }
        if (cp == 0x0302 || cp == 0x0306 || cp == 0x031B) {
            uint32_t s = n ? with_shape(base[n - 1], cp) : 0;
            if (!s)
                return false;
            base[n - 1] = s;
            continue;
        }
        uint32_t lower = tracuu_cp_lower(cp);
        t = tracuu_cp_tone(lower);
        if (t != TRACUU_TONE_NONE) {
            if (tone != TRACUU_TONE_NONE)
                return false;
            tone = t;
            lower = tracuu_cp_untoned(lower);
        }
        if (!vi_letter(lower) || n == MAX_LETTERS)
            return false;
        base[n++] = lower;
    }
    if (!n)
        return false;
    char letters[MAX_LETTERS * 2 + 1]; /* every letter is 1 or 2 bytes */
    size_t o = 0;
    for (size_t k = 0; k < n; k++) {
        if (base[k] < 0x80) {
            letters[o++] = (char)base[k];
        } else {
            letters[o++] = (char)(0xC0 | (base[k] >> 6));
            letters[o++] = (char)(0x80 | (base[k] & 0x3F));
        }
    }
    letters[o] = '\0';
    return check(letters, tone);
}

static bool folded_rhyme(const char *r, size_t n)
{
    uint32_t c = letters_code(r, n);
    return c && (folded_rhymes[c / 64] >> (c % 64) & 1);
}

/* The folded initial of w[0..len) (ngh, ng, nh, ch, gh, gi, kh, ph, qu,
 * th, tr or one consonant, d for đ too): its length, 0 for none. */
static size_t folded_initial(const char *w, size_t len)
{
    char b = len > 1 ? w[1] : 0;
    switch (len ? w[0] : 0) {
    case 'n':
        return b == 'g' ? (len > 2 && w[2] == 'h' ? 3 : 2) : b == 'h' ? 2 : 1;
    case 'c': case 'k': case 'p':
        return b == 'h' ? 2 : 1;
    case 'g':
        return b == 'h' || b == 'i' ? 2 : 1;
    case 't':
        return b == 'h' || b == 'r' ? 2 : 1;
    case 'q':
        return b == 'u' ? 2 : len; /* no syllable begins with a lone q */
    case 'b': case 'd': case 'h': case 'l': case 'm': case 'r': case 's':
    case 'v': case 'x':
        return 1;
    default:
        return 0;
    }
}

static bool folded_valid(const char *w, size_t len);

/* Answers for words of up to eight bytes, remembered per thread (the
 * word's bytes and length packed in 64 bits and 4 more; direct-mapped):
 * the same few thousand words are asked of again and again (OCR readings
 * and mending check every word of a plan). */
#define VALID_SLOTS 4096
static _Thread_local uint64_t valid_key[VALID_SLOTS];
static _Thread_local uint8_t valid_ans[VALID_SLOTS]; /* 0 none, 1 no, 2 yes */

bool tracuu_syllable_folded_valid(const char *w, size_t len)
{
    if (len == 0 || len > 8)
        return folded_valid(w, len);
    uint64_t key = 0;
    memcpy(&key, w, len);
    uint32_t h = (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> 40) ^ (uint32_t)len;
    size_t slot = h % VALID_SLOTS;
    uint8_t *ans = &valid_ans[slot];
    if (*ans && valid_key[slot] == key && (*ans >> 2) == len)
        return (*ans & 3) == 2;
    bool ok = folded_valid(w, len);
    valid_key[slot] = key;
    *ans = (uint8_t)((len << 2) | (ok ? 2 : 1));
    return ok;
}

static bool folded_valid(const char *w, size_t len)
{
    pthread_once(&once, init);
    size_t i = folded_initial(w, len);
    const char *r = w + i;
    size_t n = len - i;
    if (i == 2 && w[0] == 'g' && w[1] == 'i') /* gì, gìn, giếng: a shared i */
        return n == 0 || folded_rhyme(r, n) || folded_rhyme(r - 1, n + 1);
    if (!folded_rhyme(r, n))
        return false;
    /* The spelling rules: k, gh, ngh before e, ê, i (k before y too); c,
     * g, ng never there. */
    bool front = r[0] == 'e' || r[0] == 'i';
    char c0 = i ? w[0] : 0;
    if (i == 1 && c0 == 'k')
        return front || r[0] == 'y';
    if (i == 1 && c0 == 'c')
        return !front && r[0] != 'y';
    if ((i == 2 && c0 == 'g' && w[1] == 'h') || i == 3)
        return front;
    if ((i == 1 && c0 == 'g') || (i == 2 && c0 == 'n' && w[1] == 'g'))
        return !front;
    return true;
}

/* Separators between words: ASCII other than letters, and Unicode
 * spaces and general punctuation. */
static bool separator(uint32_t cp)
{
    if (cp < 0x80)
        return !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    return cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 ||
           cp == 0xFEFF;
}

void tracuu_syllable_score(const char *s, size_t len,
                           tracuu_syllable_score_t *sc)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        uint32_t cp = tracuu_utf8_next(s, len, &i);
        if (separator(cp))
            continue;
        bool marked = cp >= 0x80;
        size_t end = i, letters = 1;
        while (i < len) {
            size_t at = i;
            cp = tracuu_utf8_next(s, len, &i);
            if (separator(cp)) {
                i = at;
                break;
            }
            marked = marked || cp >= 0x80;
            letters += !(cp >= 0x0300 && cp <= 0x036F);
            end = i;
        }
        sc->words++;
        if (marked) {
            sc->marked++;
            if (tracuu_syllable_valid(s + start, end - start)) {
                sc->good++;
                sc->single_good += letters == 1;
            }
        }
    }
}

double tracuu_syllable_share(const tracuu_syllable_score_t *sc)
{
    return sc->marked ? (double)sc->good / (double)sc->marked : 0.0;
}
