/* movement.c: finds the names of movements, campaigns and themes after their introducers. */
#include "movement.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fold.h"
#include "normalize.h"

/* Every scan is bounded by these (bytes of folded text unless said). */
enum {
    WINDOW = 1 << 20,     /* source bytes folded at a time */
    OVERLAP = 1 << 14,    /* ... plus this much, for names crossing the cut */
    NAME_BYTES = 900,     /* longest quoted name */
    FILLER_BYTES = 80,    /* between an introducer and its quote */
    FILLER_NEWLINES = 8,  /* a heading with the quote a few lines below */
    LIST_MAX = 40,        /* names after one introducer */
    UNQUOTED_BYTES = 400, /* longest unquoted name */
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Tables -------------------------------------------------------------- */

/* Introducers, folded; the longer of two with a common start comes first.
 * Only "phong trào thi đua" may introduce an unquoted name. */
static const struct {
    const char *folded;
    tracuu_movement_kind_t kind;
    bool unquoted;
} introducers[] = {
    {"phong trao thi dua", TRACUU_MOVEMENT_PHONG_TRAO, true},
    {"phong trao", TRACUU_MOVEMENT_PHONG_TRAO, false},
    {"cuoc van dong", TRACUU_MOVEMENT_CUOC_VAN_DONG, false},
    {"chu de thi dua", TRACUU_MOVEMENT_CHU_DE_THI_DUA, false},
    {"chu de", TRACUU_MOVEMENT_CHU_DE, false},
    {"chuyen de", TRACUU_MOVEMENT_CHUYEN_DE, false},
    {"phuong cham", TRACUU_MOVEMENT_PHUONG_CHAM, false},
    {"de an", TRACUU_MOVEMENT_DE_AN, false},
};

static const struct {
    const char *name;
    const char *key;
    const char *folded;
} kinds[TRACUU_MOVEMENT_KIND_LAST] = {
    [TRACUU_MOVEMENT_PHONG_TRAO] = {"phong trào", "phong-trao", "phong trao"},
    [TRACUU_MOVEMENT_CUOC_VAN_DONG] = {"cuộc vận động", "cuoc-van-dong", "cuoc van dong"},
    [TRACUU_MOVEMENT_CHU_DE_THI_DUA] = {"chủ đề thi đua", "chu-de-thi-dua", "chu de thi dua"},
    [TRACUU_MOVEMENT_CHU_DE] = {"chủ đề", "chu-de", "chu de"},
    [TRACUU_MOVEMENT_PHUONG_CHAM] = {"phương châm", "phuong-cham", "phuong cham"},
    [TRACUU_MOVEMENT_DE_AN] = {"đề án", "de-an", "de an"},
    [TRACUU_MOVEMENT_CHUYEN_DE] = {"chuyên đề", "chuyen-de", "chuyen de"},
};

/* Words an unquoted movement name opens with: what the movement does.
 * "phong trào thi đua yêu nước …" is the generic emulation, no name. */
static const char *const unquoted_openers[] = {
    "thuc hien", "day manh", "day nhanh", "chu dong", "xay dung", "nang cao",
    "hoan thanh", "bao ve", "phat trien", "cai cach", "chung tay",
    "chung suc", "doi moi", "ung dung", "dam bao", "bao dam", "tang cuong",
    "giam ngheo",
};

/* Quotation marks: opening, closing. */
static const struct {
    const char *open;
    const char *close;
} quotes[] = {
    {"\xE2\x80\x9C", "\xE2\x80\x9D"}, /* “ ” */
    {"\"", "\""},
};

/* ---- Folded-text helpers -------------------------------------------------- */

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (c >= 'A' && c <= 'Z');
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*';
}

static size_t skip_ws(const char *f, size_t n, size_t i, size_t *newlines)
{
    while (i < n && is_ws(f[i])) {
        if (f[i] == '\n' && newlines)
            (*newlines)++;
        i++;
    }
    return i;
}

/* An opening quotation mark at f[i]: its index in quotes[], or -1. */
static int quote_at(const char *f, size_t n, size_t i)
{
    for (size_t q = 0; q < COUNT(quotes); q++) {
        size_t k = strlen(quotes[q].open);
        if (n - i >= k && memcmp(f + i, quotes[q].open, k) == 0)
            return (int)q;
    }
    return -1;
}

/* A list bullet ("- ", "+ ") opening a line at f[p]: the position after
 * it, else p. */
static size_t skip_bullet(const char *f, size_t n, size_t p)
{
    if (p < n && p > 0 && (f[p] == '-' || f[p] == '+')) {
        size_t k = p;
        while (k > 0 && (f[k - 1] == ' ' || f[k - 1] == '\t'))
            k--;
        if (k == 0 || f[k - 1] == '\n')
            return skip_ws(f, n, p + 1, NULL);
    }
    return p;
}

/* A word of letters at f[i]: returns its end, or i. */
static size_t word_end(const char *f, size_t n, size_t i)
{
    while (i < n && f[i] >= 'a' && f[i] <= 'z')
        i++;
    return i;
}

/* ---- Output -------------------------------------------------------------- */

typedef struct sink {
    tracuu_movements_t *out;
    size_t cap;
    tracuu_distinct_t *set; /* a distinct extraction, or NULL */
    bool any;               /* a name was met; where it starts: */
    size_t last_start;
    tracuu_buf_t id;
} sink_t;

/* Append source t[s..e) collapsed: blanks to one space, '*' dropped,
 * closing punctuation trimmed. */
static char *clean_name(const char *t, size_t s, size_t e)
{
    tracuu_buf_t b = {0};
    tracuu_buf_put_collapsed(&b, t + s, e - s, "*");
    while (b.len && (b.s[b.len - 1] == ',' || b.s[b.len - 1] == ';' ||
                     b.s[b.len - 1] == ':' || b.s[b.len - 1] == '.' ||
                     b.s[b.len - 1] == ' '))
        b.s[--b.len] = '\0';
    if (!b.len) {
        tracuu_buf_free(&b);
        return NULL;
    }
    return tracuu_buf_steal(&b);
}

static bool has_letter(const char *s)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        uint32_t cp = tracuu_utf8_next(s, n, &i);
        uint32_t f = tracuu_cp_fold(cp);
        if (f >= 'a' && f <= 'z')
            return true;
    }
    return false;
}

static void emit(sink_t *k, const char *t, size_t s, size_t e,
                 tracuu_movement_kind_t kind, bool quoted)
{
    tracuu_movements_t *m = k->out;
    if (k->any && s <= k->last_start)
        return; /* seen from the window before */
    char *name = clean_name(t, s, e);
    if (!name)
        return;
    if (!has_letter(name)) {
        free(name);
        return;
    }
    while (s < e && (t[s] == ' ' || t[s] == '\n' || t[s] == '\t' ||
                     t[s] == '\r' || t[s] == '*'))
        s++;
    k->any = true;
    k->last_start = s;
    if (k->set) {
        tracuu_buf_clear(&k->id);
        tracuu_buf_printf(&k->id, "%d\t%s", (int)kind, name);
        size_t at = tracuu_distinct_add(k->set, k->id.s, k->id.len);
        if (at != TRACUU_DISTINCT_NEW) {
            if (at != TRACUU_DISTINCT_DROPPED && m->v[at].count < UINT_MAX)
                m->v[at].count++;
            free(name);
            return;
        }
    }
    if (m->n == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 16;
        m->v = tracuu_xrealloc(m->v, k->cap * sizeof *m->v);
    }
    m->v[m->n++] = (tracuu_movement_t){kind, name, {s, e}, quoted, 1};
}

/* ---- The grammar --------------------------------------------------------- */

/* "Đề án" and not "để an toàn": in text with diacritics the first word is
 * đề (grave or no tone) and the second án (acute or none, not ăn). */
static bool de_an_spelled(const char *t, size_t s, size_t e)
{
    size_t i = s;
    uint32_t d = tracuu_utf8_next(t, e, &i);
    uint32_t v = i < e ? tracuu_utf8_next(t, e, &i) : 0;
    tracuu_tone_t tv = tracuu_cp_tone(v);
    if (tracuu_cp_fold(d) != 'd' || tracuu_cp_fold(v) != 'e' ||
        (tv != TRACUU_TONE_NONE && tv != TRACUU_TONE_GRAVE))
        return false;
    while (i < e && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' ||
                     t[i] == '\r'))
        i++;
    uint32_t a = i < e ? tracuu_utf8_next(t, e, &i) : 0;
    tracuu_tone_t ta = tracuu_cp_tone(a);
    return tracuu_cp_lower(tracuu_cp_untoned(a)) == 'a' &&
           (ta == TRACUU_TONE_NONE || ta == TRACUU_TONE_ACUTE);
}

/* Between an introducer and its quote: ':' , "năm 2024" (OCR "nim 2024"),
 * "về", "là", "như", "do <body> phát động (như)". Returns the position of
 * the opening quote, or 0 when anything else stands between. */
static size_t filler(const char *f, size_t n, size_t p)
{
    size_t start = p, newlines = 0;
    for (int tokens = 0; tokens < 8; tokens++) {
        p = skip_ws(f, n, p, &newlines);
        if (p >= n || p - start > FILLER_BYTES || newlines > FILLER_NEWLINES)
            return 0;
        if (quote_at(f, n, p) >= 0)
            return p;
        if (f[p] == ':') {
            p++;
            continue;
        }
        size_t b = skip_bullet(f, n, p);
        if (b != p) {
            p = b;
            continue;
        }
        size_t w = word_end(f, n, p);
        if (w == p || (w < n && is_alnum(f[w])))
            return 0;
        size_t wl = w - p;
        if ((wl == 2 && (memcmp(f + p, "ve", 2) == 0 ||
                         memcmp(f + p, "la", 2) == 0)) ||
            (wl == 3 && memcmp(f + p, "nhu", 3) == 0)) {
            p = w;
            continue;
        }
        /* A year: "năm 2024", OCR'd "nim 2024", "nidm 2024". */
        size_t y = skip_ws(f, n, w, NULL);
        if (wl >= 2 && wl <= 5 && y > w && n - y >= 4 && f[y] >= '0' &&
            f[y] <= '9' && f[y + 1] >= '0' && f[y + 1] <= '9' &&
            f[y + 2] >= '0' && f[y + 2] <= '9' && f[y + 3] >= '0' &&
            f[y + 3] <= '9' && (n - y == 4 || !is_alnum(f[y + 4]))) {
            p = y + 4;
            continue;
        }
        /* "do tỉnh phát động như". */
        if (wl == 2 && memcmp(f + p, "do", 2) == 0) {
            size_t q = w, found = 0;
            for (int k = 0; k < 6 && !found; k++) {
                q = skip_ws(f, n, q, NULL);
                found = tracuu_folded_match(f, n, q, "phat dong");
                size_t qe = word_end(f, n, q);
                if (qe == q)
                    return 0;
                if (!found)
                    q = qe;
            }
            if (!found)
                return 0;
            p = found;
            continue;
        }
        return 0;
    }
    return 0;
}

/* The closing mark of quote q opened at f[p]: the index of the first byte
 * of the name's end, or 0 when unclosed, nested or too long. */
static size_t closing(const char *f, size_t n, size_t p, int q)
{
    size_t open_len = strlen(quotes[q].open);
    size_t close_len = strlen(quotes[q].close);
    size_t limit = p + open_len + NAME_BYTES < n ? p + open_len + NAME_BYTES : n;
    for (size_t i = p + open_len; i + close_len <= limit; i++) {
        if (memcmp(f + i, quotes[q].close, close_len) == 0)
            return i;
        if (q == 0 && quote_at(f, n, i) == 0)
            return 0; /* “ … “ : unbalanced */
    }
    return 0;
}

/* A list of quoted names from the opening quote at f[p]: “A”; “B” và “C”.
 * Returns the folded position after the last closing quote. */
static size_t quoted_list(const char *f, size_t n, const size_t *src,
                          const char *t, size_t base, size_t p,
                          tracuu_movement_kind_t kind, sink_t *k)
{
    size_t end = p;
    for (int names = 0; names < LIST_MAX; names++) {
        int q = quote_at(f, n, p);
        if (q < 0)
            break;
        size_t c = closing(f, n, p, q);
        if (!c)
            break;
        size_t a = p + strlen(quotes[q].open);
        emit(k, t, base + src[a], base + src[c], kind, true);
        end = c + strlen(quotes[q].close);
        /* A separator, then another quote, continues the list. */
        size_t r = skip_ws(f, n, end, NULL);
        if (r < n && (f[r] == ',' || f[r] == ';'))
            r = skip_ws(f, n, r + 1, NULL);
        size_t w = tracuu_folded_match(f, n, r, "va");
        if (!w)
            w = tracuu_folded_match(f, n, r, "hoac");
        if (w)
            r = skip_ws(f, n, w, NULL);
        r = skip_bullet(f, n, r);
        if (r == end || quote_at(f, n, r) < 0)
            break;
        p = r;
    }
    return end;
}

/* "Phong trào thi đua thực hiện Đề án … giai đoạn 2021 - 2025": the name
 * runs from a verb to the period, within one clause. Returns the folded
 * end of the name, or 0. */
static size_t unquoted_name(const char *f, size_t n, const size_t *src,
                            const char *t, size_t base, size_t p, sink_t *k)
{
    size_t newlines = 0;
    p = skip_ws(f, n, p, &newlines);
    if (newlines > 3)
        return 0;
    bool verb = false;
    for (size_t i = 0; i < COUNT(unquoted_openers) && !verb; i++)
        verb = tracuu_folded_match(f, n, p, unquoted_openers[i]) != 0;
    if (!verb)
        return 0;
    size_t limit = p + UNQUOTED_BYTES < n ? p + UNQUOTED_BYTES : n;
    for (size_t i = p; i < limit; i++) {
        char c = f[i];
        if (c == '.' || c == ';' || c == ':' || c == '(' || c == ')' ||
            c == '/' || quote_at(f, n, i) >= 0 ||
            memcmp(f + i, "\xE2\x80\x9D", n - i >= 3 ? 3 : 0) == 0)
            return 0; /* the clause ends, or a quote or a number comes */
        if (i > p && !is_alnum(f[i - 1]) && tracuu_folded_match(f, n, i, "phong trao"))
            return 0;
        if (i == p || is_alnum(f[i - 1]))
            continue;
        size_t g = tracuu_folded_match(f, n, i, "giai doan");
        if (!g)
            continue;
        size_t y = skip_ws(f, n, g, NULL);
        if (y == g || n - y < 4 || !(f[y] >= '1' && f[y] <= '2'))
            return 0;
        size_t e = i;
        while (e > p && (is_ws(f[e - 1]) || f[e - 1] == ','))
            e--;
        size_t words = 0;
        for (size_t j = p; j < e; j++)
            words += f[j] == ' ' || f[j] == '\n';
        if (words < 3 || words > 60)
            return 0;
        emit(k, t, base + src[p], base + src[e], TRACUU_MOVEMENT_PHONG_TRAO,
             false);
        return e;
    }
    return 0;
}

/* Scan folded window f (source t + base) for introducers starting before
 * folded position core. */
static void scan(const char *t, size_t base, const tracuu_folded_t *F,
                 size_t core_src_end, sink_t *k)
{
    const char *f = F->s;
    size_t n = F->len;
    for (size_t i = 0; i < n && base + F->src[i] < core_src_end; i++) {
        if (i > 0 && is_alnum(f[i - 1]))
            continue;
        char c = f[i];
        if (c != 'p' && c != 'c' && c != 'd')
            continue;
        for (size_t j = 0; j < COUNT(introducers); j++) {
            size_t e = tracuu_folded_match(f, n, i, introducers[j].folded);
            if (!e)
                continue;
            tracuu_movement_kind_t kind = introducers[j].kind;
            if (kind == TRACUU_MOVEMENT_DE_AN &&
                !de_an_spelled(t, base + F->src[i], base + F->src[e]))
                break;
            size_t after = 0, q = filler(f, n, e);
            if (q)
                after = quoted_list(f, n, F->src, t, base, q, kind, k);
            else if (introducers[j].unquoted)
                after = unquoted_name(f, n, F->src, t, base, e, k);
            if (after > i)
                i = after - 1; /* introducers inside names are words */
            break;
        }
    }
}

static void scan_windows(const char *text, size_t len, sink_t *k)
{
    size_t ws = 0;
    while (ws < len) {
        /* Cut after a line break so no word is split. */
        size_t core = len - ws > WINDOW ? ws + WINDOW : len;
        if (core < len) {
            const char *nl = memchr(text + core, '\n',
                                    len - core < OVERLAP ? len - core : OVERLAP);
            if (nl)
                core = (size_t)(nl - text) + 1;
        }
        size_t we = len - core > OVERLAP ? core + OVERLAP : len;
        tracuu_folded_t F;
        tracuu_folded_make(text + ws, we - ws, &F);
        scan(text, ws, &F, core, k);
        tracuu_folded_free(&F);
        ws = core;
    }
}

int tracuu_movements_extract(const char *text, size_t len,
                             tracuu_movements_t *out)
{
    memset(out, 0, sizeof *out);
    if (!text || !len)
        return 0;
    sink_t k = {.out = out};
    scan_windows(text, len, &k);
    out->tally = (tracuu_tally_t){out->n, out->n, out->n};
    return 0;
}

int tracuu_movements_extract_distinct(const char *text, size_t len,
                                      size_t max, tracuu_movements_t *out)
{
    memset(out, 0, sizeof *out);
    if (!text || !len)
        return 0;
    tracuu_distinct_t set = {.max = max};
    sink_t k = {.out = out, .set = &set};
    scan_windows(text, len, &k);
    out->tally = set.tally;
    tracuu_distinct_free(&set);
    tracuu_buf_free(&k.id);
    return 0;
}

void tracuu_movements_free(tracuu_movements_t *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++)
        free(m->v[i].name);
    free(m->v);
    m->v = NULL;
    m->n = 0;
}

/* ---- Queries, keys and kinds ---------------------------------------------- */

static bool quote_cp(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D ||
           cp == 0x2018 || cp == 0x2019 || cp == 0xAB || cp == 0xBB ||
           cp == 0x201E;
}

static bool dash_cp(uint32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

static bool space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
}

char *tracuu_movement_normalize(const char *s, size_t len)
{
    if (!s)
        return NULL;
    tracuu_norm_t n;
    if (tracuu_normalize(s, len, &n) != 0)
        return tracuu_xstrdup("");
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, "");
    bool space = false;
    size_t i = 0;
    while (i < n.len) {
        uint32_t cp = tracuu_utf8_next(n.s, n.len, &i);
        if (space_cp(cp) || cp == '*') {
            space = b.len > 0;
            continue;
        }
        if (quote_cp(cp) && (b.len == 0 || i >= n.len)) {
            continue; /* an opening quote, or the closing one */
        }
        if (space)
            tracuu_buf_putc(&b, ' ');
        space = false;
        tracuu_buf_put_cp(&b, cp);
    }
    /* Trailing quotes after trailing blanks ("“dân vận khéo” "). */
    while (b.len) {
        size_t k = b.len;
        while (k > 0 && ((unsigned char)b.s[k - 1] & 0xC0) == 0x80)
            k--;
        if (k == 0)
            break;
        size_t j = k - 1;
        uint32_t cp = tracuu_utf8_next(b.s, b.len, &j);
        if (!quote_cp(cp) && cp != ' ')
            break;
        b.len = k - 1;
        b.s[b.len] = '\0';
    }
    tracuu_norm_free(&n);
    return tracuu_buf_steal(&b);
}

char *tracuu_movement_key(const char *s, size_t len)
{
    if (!s)
        return NULL;
    char *norm = tracuu_movement_normalize(s, len);
    tracuu_buf_t low = {0};
    tracuu_fold_lower(norm, strlen(norm), &low);
    free(norm);
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, "");
    bool space = false;
    size_t i = 0;
    while (i < low.len) {
        uint32_t cp = tracuu_utf8_next(low.s, low.len, &i);
        if (dash_cp(cp)) {
            /* "a - b", "a – b", "a-b" are one spelling. */
            if (b.len && b.s[b.len - 1] == ' ')
                b.s[--b.len] = '\0';
            tracuu_buf_putc(&b, '-');
            space = false;
            while (i < low.len && low.s[i] == ' ')
                i++;
            continue;
        }
        bool punct = cp < 0x80 && !(cp >= '0' && cp <= '9') &&
                     !(cp >= 'a' && cp <= 'z') && !space_cp(cp);
        if (space_cp(cp) || punct || quote_cp(cp) || cp == 0x2026) {
            space = b.len > 0 && b.s[b.len - 1] != '-';
            continue;
        }
        if (space)
            tracuu_buf_putc(&b, ' ');
        space = false;
        tracuu_buf_put_cp(&b, cp);
    }
    tracuu_buf_free(&low);
    return tracuu_buf_steal(&b);
}

const char *tracuu_movement_kind_name(tracuu_movement_kind_t k)
{
    return (unsigned)k < TRACUU_MOVEMENT_KIND_LAST ? kinds[k].name : "";
}

const char *tracuu_movement_kind_key(tracuu_movement_kind_t k)
{
    return (unsigned)k < TRACUU_MOVEMENT_KIND_LAST ? kinds[k].key : "";
}

bool tracuu_movement_kind_parse(const char *s, size_t len,
                                tracuu_movement_kind_t *out)
{
    if (!s)
        return false;
    tracuu_buf_t f = {0};
    tracuu_fold_ascii(s, len, &f);
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, "");
    for (size_t i = 0; i < f.len; i++) {
        char c = f.s[i];
        if (c == '-' || c == '_' || space_cp((unsigned char)c)) {
            if (b.len && b.s[b.len - 1] != ' ')
                tracuu_buf_putc(&b, ' ');
        } else {
            tracuu_buf_putc(&b, c);
        }
    }
    while (b.len && b.s[b.len - 1] == ' ')
        b.s[--b.len] = '\0';
    bool ok = false;
    if (strcmp(b.s, "phong trao thi dua") == 0) {
        *out = TRACUU_MOVEMENT_PHONG_TRAO;
        ok = true;
    }
    for (int k = 0; k < TRACUU_MOVEMENT_KIND_LAST && !ok; k++)
        if (strcmp(b.s, kinds[k].folded) == 0) {
            *out = (tracuu_movement_kind_t)k;
            ok = true;
        }
    tracuu_buf_free(&f);
    tracuu_buf_free(&b);
    return ok;
}
