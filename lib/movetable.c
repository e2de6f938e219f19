/* movetable.c: the national movements of data/movements.tsv (embedded at
 * build time as tracuu_movement_table), parsed once. */
#include "movetable.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fold.h"

extern const char *const tracuu_movement_table[];

typedef struct pat {
    char *words;   /* folded words, one space apart */
    size_t row;
    bool anywhere; /* may stand without an introducer */
    bool province; /* from a "<Tỉnh> …" variant */
} pat_t;

/* The patterns of one first word, [from, to) of T.pats, in an open
 * addressing table keyed by that word: a position whose word opens no
 * table name is turned away by one hash and one probe or two. */
typedef struct slot {
    const char *word; /* the first word, in T.pats[from].words */
    size_t len;
    size_t from, to;
    bool anywhere; /* one of them may stand without an introducer */
} slot_t;

enum { FIRST_WORD_MAX = 24 };

static struct {
    tracuu_mt_row_t *rows;
    size_t n_rows;
    pat_t *pats;
    size_t n_pats;
    slot_t *slots; /* n_slots, a power of two over twice the patterns */
    size_t n_slots;
    bool pair[37][37]; /* the first two characters of a first word */
} T;

static pthread_once_t once = PTHREAD_ONCE_INIT;

static bool alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool alnum_any(char c)
{
    return alnum(c) || (c >= 'A' && c <= 'Z');
}

/* Folded words of s, one space apart. New. */
static char *folded_words(const char *s, size_t len)
{
    tracuu_folded_t F;
    tracuu_folded_make(s, len, &F);
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, "");
    for (size_t i = 0; i < F.len; i++) {
        char c = F.s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (alnum(c))
            tracuu_buf_putc(&b, c);
        else if (b.len && b.s[b.len - 1] != ' ')
            tracuu_buf_putc(&b, ' ');
    }
    while (b.len && b.s[b.len - 1] == ' ')
        b.s[--b.len] = '\0';
    tracuu_folded_free(&F);
    return tracuu_buf_steal(&b);
}

/* Introducer words a variant opens with, dropped from its pattern. */
static const char *const intro_words[] = {
    "phong trao thi dua ", "phong trao ", "cuoc van dong ", "chuong trinh ",
    "de an ", "ngay hoi ", "ngay ", "dot thi dua ", "mo hinh ",
};

static size_t words_of(const char *w)
{
    size_t k = 1;
    for (; *w; w++)
        k += *w == ' ';
    return k;
}

static void add_pat(const char *s, size_t len, size_t row, bool province)
{
    char *w = folded_words(s, len);
    const char *p = w;
    bool intro = false;
    for (size_t i = 0; i < sizeof intro_words / sizeof *intro_words; i++) {
        size_t k = strlen(intro_words[i]);
        if (strncmp(p, intro_words[i], k) == 0 && p[k]) {
            p += k;
            intro = true;
            break;
        }
    }
    if (!*p || !alnum(*p)) {
        free(w);
        return;
    }
    tracuu_movement_kind_t kind = T.rows[row].kind;
    /* Without an introducer only the movements and campaigns of three
     * words or more; words a law uses for other things stay out. */
    bool anywhere = !intro && words_of(p) >= 3 &&
                    (kind == TRACUU_MOVEMENT_PHONG_TRAO ||
                     kind == TRACUU_MOVEMENT_CUOC_VAN_DONG) &&
                    strcmp(p, "thuc hanh tiet kiem chong lang phi") != 0 &&
                    strcmp(p, "vi su tien bo cua phu nu") != 0 &&
                    strncmp(p, "quy ", 4) != 0; /* the fund, no movement */
    T.pats = tracuu_xrealloc(T.pats, (T.n_pats + 1) * sizeof *T.pats);
    T.pats[T.n_pats++] = (pat_t){tracuu_xstrdup(p), row, anywhere, province};
    free(w);
}

static size_t first_len(const char *w)
{
    size_t k = 0;
    while (w[k] && w[k] != ' ')
        k++;
    return k;
}

static int by_words(const void *a, const void *b)
{
    const pat_t *x = a, *y = b;
    /* Grouped by first word, the longer first: the longest name wins. */
    size_t lx = first_len(x->words), ly = first_len(y->words);
    int c = memcmp(x->words, y->words, lx < ly ? lx : ly);
    if (!c && lx != ly)
        c = lx < ly ? -1 : 1;
    return c ? c : (int)strlen(y->words) - (int)strlen(x->words);
}

static size_t hash_word(const char *w, size_t len)
{
    return tracuu_fnv1a32(w, len, TRACUU_FNV32_INIT) & (T.n_slots - 1);
}

/* The slot of first word w[0..len): the one holding it, or the empty one
 * where it would go. */
static slot_t *slot_of(const char *w, size_t len)
{
    size_t h = hash_word(w, len);
    while (T.slots[h].word &&
           (T.slots[h].len != len || memcmp(T.slots[h].word, w, len) != 0))
        h = (h + 1) & (T.n_slots - 1);
    return &T.slots[h];
}

/* A folded character's index in T.pair: a-z, 0-9, 36 for any other. */
static int pair_index(char c)
{
    if (c >= 'A' && c <= 'Z')
        c = (char)(c - 'A' + 'a');
    return c >= 'a' && c <= 'z' ? c - 'a' : c >= '0' && c <= '9' ? 26 + c - '0' : 36;
}

static void index_first_words(void)
{
    T.n_slots = 64;
    while (T.n_slots < 2 * T.n_pats)
        T.n_slots *= 2;
    T.slots = tracuu_xcalloc(T.n_slots, sizeof *T.slots);
    for (size_t i = 0; i < T.n_pats; i++) {
        const char *w = T.pats[i].words;
        size_t len = first_len(w);
        slot_t *sl = slot_of(w, len);
        if (!sl->word)
            *sl = (slot_t){w, len, i, i, false};
        sl->to = i + 1;
        sl->anywhere = sl->anywhere || T.pats[i].anywhere;
        T.pair[pair_index(w[0])][pair_index(w[1])] = true;
    }
}

static void add_variants(const char *v, size_t row)
{
    while (*v) {
        const char *e = strstr(v, " | ");
        size_t len = e ? (size_t)(e - v) : strlen(v);
        bool province = len > 7 && memcmp(v, "<T\xE1\xBB\x89nh>", 8) == 0;
        if (province && v[8] != ':')
            add_pat(v + 8, len - 8, row, true);
        else if (!province && len)
            add_pat(v, len, row, false);
        v += len;
        if (e)
            v += 3;
    }
}

static void load(void)
{
    for (size_t i = 0; tracuu_movement_table[i]; i++) {
        const char *line = tracuu_movement_table[i];
        const char *t1 = strchr(line, '\t');
        const char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2 || strncmp(line, "canonical\t", 10) == 0)
            continue;
        tracuu_movement_kind_t kind;
        if (!tracuu_movement_kind_parse(t1 + 1, (size_t)(t2 - t1 - 1), &kind))
            continue;
        const char *t3 = strchr(t2 + 1, '\t');
        size_t vlen = t3 ? (size_t)(t3 - t2 - 1) : strlen(t2 + 1);
        T.rows = tracuu_xrealloc(T.rows, (T.n_rows + 1) * sizeof *T.rows);
        T.rows[T.n_rows] = (tracuu_mt_row_t){
            tracuu_xstrndup(line, (size_t)(t1 - line)), kind};
        add_pat(line, (size_t)(t1 - line), T.n_rows, false);
        char *v = tracuu_xstrndup(t2 + 1, vlen);
        add_variants(v, T.n_rows);
        free(v);
        T.n_rows++;
    }
    qsort(T.pats, T.n_pats, sizeof *T.pats, by_words);
    index_first_words();
}

/* Pattern words p at folded f[i]: blanks, dashes, commas and line breaks
 * between words free; the end of the last word, or 0. */
static size_t match_words(const char *f, size_t n, size_t i, const char *p)
{
    while (*p) {
        if (*p == ' ') {
            size_t gap = 0;
            while (i < n && !alnum(f[i])) {
                char c = f[i];
                if (c == '.' || c == ';' || c == '(' || c == ')' ||
                    c == ':' || c == '"' || ++gap > 8)
                    return 0;
                if ((unsigned char)c >= 0x80) {
                    /* Only a dash (– —), no quotation mark. */
                    if (n - i < 3 || (unsigned char)c != 0xE2 ||
                        (unsigned char)f[i + 1] != 0x80 ||
                        ((unsigned char)f[i + 2] != 0x93 &&
                         (unsigned char)f[i + 2] != 0x94))
                        return 0;
                    i += 2;
                }
                i++;
            }
            p++;
            continue;
        }
        char c = i < n ? f[i] : 0;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != *p)
            return 0;
        i++;
        p++;
    }
    return i < n && alnum(f[i]) ? 0 : i;
}

size_t tracuu_mt_match(const char *f, size_t n, size_t i, bool anywhere,
                       const tracuu_mt_row_t **row, bool *province)
{
    pthread_once(&once, load);
    if (i >= n || !T.pair[pair_index(f[i])][pair_index(i + 1 < n ? f[i + 1] : 0)])
        return 0; /* most words: no first word opens with these two */
    char w[FIRST_WORD_MAX];
    size_t len = 0;
    for (; i + len < n && alnum_any(f[i + len]); len++) {
        if (len == FIRST_WORD_MAX)
            return 0; /* longer than any first word */
        char c = f[i + len];
        w[len] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    if (!len)
        return 0;
    const slot_t *sl = slot_of(w, len);
    if (!sl->word || (anywhere && !sl->anywhere))
        return 0;
    for (size_t j = sl->from; j < sl->to; j++) {
        if (anywhere && !T.pats[j].anywhere)
            continue;
        size_t e = match_words(f, n, i, T.pats[j].words);
        if (e) {
            *row = &T.rows[T.pats[j].row];
            *province = T.pats[j].province;
            return e;
        }
    }
    return 0;
}

/* Levenshtein distance of a and b, or limit + 1 when above limit: only
 * the cells within limit of the diagonal are computed, every value above
 * limit kept as limit + 1. */
static size_t distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b), over = limit + 1;
    if ((la > lb ? la - lb : lb - la) > limit || lb > 400)
        return over;
    size_t prev[402], cur[402];
    for (size_t j = 0; j <= lb + 1; j++)
        prev[j] = j <= limit ? j : over;
    for (size_t i = 1; i <= la; i++) {
        size_t lo = i > limit ? i - limit : 1;
        size_t hi = i + limit < lb ? i + limit : lb;
        cur[lo - 1] = lo == 1 && i <= limit ? i : over;
        size_t best = cur[lo - 1];
        for (size_t j = lo; j <= hi; j++) {
            size_t d = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < d)
                d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            cur[j] = d < over ? d : over;
            best = cur[j] < best ? cur[j] : best;
        }
        cur[hi + 1] = over;
        if (best > limit)
            return over;
        memcpy(prev + lo - 1, cur + lo - 1, (hi - lo + 3) * sizeof *prev);
    }
    return prev[lb];
}

/* Drop a trailing period or scope: " giai doan …", " den nam …" when it
 * closes the name, " nam 2025", " tren dia ban …". */
static void drop_tail(char *w)
{
    static const char *const tails[] = {" giai doan ", " tren dia ban ",
                                        " nam 2", " trong nam 2"};
    for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
        char *p = strstr(w, tails[i]);
        if (p)
            *p = '\0';
    }
}

/* The digits of a and b, in order, are the same. */
static bool same_digits(const char *a, const char *b)
{
    for (;;) {
        while (*a && !(*a >= '0' && *a <= '9'))
            a++;
        while (*b && !(*b >= '0' && *b <= '9'))
            b++;
        if (*a != *b)
            return false;
        if (!*a)
            return true;
        a++;
        b++;
    }
}

static const tracuu_mt_row_t *find_key(const char *w, bool fuzzy,
                                       tracuu_movement_kind_t prefer)
{
    const tracuu_mt_row_t *any = NULL;
    for (size_t j = 0; j < T.n_pats; j++)
        if (strcmp(T.pats[j].words, w) == 0) {
            any = &T.rows[T.pats[j].row];
            if (any->kind == prefer)
                return any;
        }
    if (any)
        return any;
    /* "Tây Ninh chung sức …": a province's name (five words at most)
     * before a "<Tỉnh> …" variant. */
    size_t wl = strlen(w);
    for (size_t j = 0; j < T.n_pats; j++) {
        size_t pl = strlen(T.pats[j].words);
        if (!T.pats[j].province || pl + 2 > wl || w[wl - pl - 1] != ' ' ||
            strcmp(w + wl - pl, T.pats[j].words) != 0)
            continue;
        size_t words = 1;
        for (size_t i = 0; i < wl - pl - 1; i++)
            words += w[i] == ' ';
        if (words <= 5)
            return &T.rows[T.pats[j].row];
    }
    size_t len = strlen(w);
    if (!fuzzy || len < 12)
        return NULL;
    /* One edit in ten letters (OCR "Ca nuéc chung strc …"); the numbers
     * must agree ("đến năm 2025" is not "đến năm 2030"). */
    size_t limit = len / 10;
    for (size_t j = 0; j < T.n_pats; j++)
        if (T.pats[j].words[0] == w[0] && same_digits(w, T.pats[j].words) &&
            distance(w, T.pats[j].words, limit) <= limit)
            return &T.rows[T.pats[j].row];
    return NULL;
}

const tracuu_mt_row_t *tracuu_mt_lookup(const char *name, size_t len,
                                        tracuu_movement_kind_t prefer)
{
    pthread_once(&once, load);
    char *w = folded_words(name, len);
    const tracuu_mt_row_t *r = find_key(w, true, prefer);
    if (!r) {
        drop_tail(w);
        r = find_key(w, true, prefer);
    }
    free(w);
    return r;
}
