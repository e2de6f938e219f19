/* movement.c: finds the names of movements, campaigns and themes after their introducers. */
#include "movement.h"

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fold.h"
#include "movetable.h"
#include "ocr.h"
#include "normalize.h"
#include "scan.h"

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

/* How the name after an introducer may stand: only in quotes, or also
 * unquoted as a movement, a programme, a project, a motto, a festival,
 * or after "Ngày" only a "Ngày toàn dân …". */
enum mode {
    QUOTED, EMULATION, MOVEMENT, PROGRAMME, PROJECT, MOTTO, FESTIVAL, DAY
};

/* Introducers, folded; the longer of two with a common start comes first. */
static const struct {
    const char *folded;
    tracuu_movement_kind_t kind;
    enum mode mode;
} introducers[] = {
    {"phong trao thi dua", TRACUU_MOVEMENT_PHONG_TRAO, EMULATION},
    {"phong trao", TRACUU_MOVEMENT_PHONG_TRAO, MOVEMENT},
    {"phuong cham", TRACUU_MOVEMENT_PHUONG_CHAM, MOTTO},
    {"cuoc van dong", TRACUU_MOVEMENT_CUOC_VAN_DONG, MOVEMENT},
    {"chu de thi dua", TRACUU_MOVEMENT_CHU_DE_THI_DUA, QUOTED},
    {"chu de", TRACUU_MOVEMENT_CHU_DE, QUOTED},
    {"chuyen de", TRACUU_MOVEMENT_CHUYEN_DE, QUOTED},
    {"chuong trinh", TRACUU_MOVEMENT_CHUONG_TRINH, PROGRAMME},
    {"de an", TRACUU_MOVEMENT_DE_AN, PROJECT},
    {"dot thi dua", TRACUU_MOVEMENT_PHONG_TRAO, EMULATION},
    {"khau hieu", TRACUU_MOVEMENT_KHAU_HIEU, QUOTED},
    {"mo hinh", TRACUU_MOVEMENT_MO_HINH, QUOTED},
    {"ngay hoi", TRACUU_MOVEMENT_NGAY_HOI, FESTIVAL},
    {"ngay", TRACUU_MOVEMENT_NGAY_HOI, DAY},
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
    [TRACUU_MOVEMENT_CHUONG_TRINH] = {"chương trình", "chuong-trinh", "chuong trinh"},
    [TRACUU_MOVEMENT_KHAU_HIEU] = {"khẩu hiệu", "khau-hieu", "khau hieu"},
    [TRACUU_MOVEMENT_MO_HINH] = {"mô hình", "mo-hinh", "mo hinh"},
    [TRACUU_MOVEMENT_NGAY_HOI] = {"ngày hội", "ngay-hoi", "ngay hoi"},
};

/* Words an unquoted name opens with after "phong trào thi đua": what the
 * movement does. "phong trào thi đua yêu nước …" is the generic
 * emulation: no name. */
static const char *const emulation_openers[] = {
    "thuc hien", "day manh", "day nhanh", "chu dong", "xay dung", "nang cao",
    "hoan thanh", "bao ve", "phat trien", "cai cach", "chung tay",
    "chung suc", "doi moi", "ung dung", "tang cuong",
    "giam ngheo", "toan dan", "thuc hanh", "van dong", "lap thanh tich",
    "binh dan hoc vu", "hoc tap va lam theo", "xoa nha", "vi nguoi ngheo",
    "ca nuoc",
};
/* After "phong trào", "cuộc vận động": fewer ("phong trào thanh niên",
 * "phong trào đổi mới sáng tạo của tổ chức" are fields of activity). */
static const char *const movement_openers[] = {
    "toan dan", "binh dan hoc vu", "hoc tap va lam theo", "thuc hanh tiet kiem",
    "xoa nha", "vi nguoi ngheo", "chung tay", "chung suc", "ca nuoc",
    "den on",
};

/* Lower-case words an unquoted programme or project name opens with;
 * a verb only with its period ("… đến năm 2020"). */
static const char *const programme_openers[] = {
    "muc tieu quoc gia", "quoc gia", "hanh dong quoc gia",
};
/* What follows "mục tiêu quốc gia", "quốc gia" in a programme's name. */
static const char *const programme_words[] = {
    "giam ngheo", "xay dung", "phat trien", "phong", "ve", "khac phuc",
    "bao ve", "dam bao", "nang cao", "ho tro", "cham soc", "tiet kiem",
    "ung pho", "quan ly", "chuyen doi", "1719",
};
static const char *const verb_openers[] = {
    "phat trien", "thi diem", "nang cao", "dau tu", "tuyen chon",
    "day manh", "nghien cuu", "chuyen doi", "tang cuong", "xay dung",
    "ho tro",
};

/* Capitalised words after "Chương trình", "Đề án", "Ngày hội" that are
 * no name: documents, the common noun, councils. */
static const char *const not_names[] = {
    "so", "hanh dong cua", "hanh dong thuc hien", "cong tac", "phoi hop",
    "lam viec", "ky niem", "nghi su", "giam sat", "dao tao", "boi duong",
    "nay", "tong the", "chi tiet", "chinh phu", "ke hoach", "du an",
    "trien khai", "thuc hien", "muc tieu", "xay dung luat", "dong", "nghi",
    "cua", "co cau", "kinh phi", "mtqg", "tren", "do", "la", "va", "cap",
    "chi dao", "hoat dong", "tai", "dai hoi", "lay", "quan ly van ban",
    "phan mem",
};

/* Words that end an unquoted name (the name stands before them). */
static const char *const name_stops[] = {
    "gan voi", "gan lien", "nham", "tren dia ban", "tren pham vi",
    "duoc", "thong qua", "gop phan", "va cac", "va phong trao",
    "va cuoc van dong", "va chuong trinh", "va de an", "phong trao",
    "cuoc van dong", "ke hoach", "thi dua yeu nuoc", "sau day", "goi tat",
    "trong do", "tu nam", "tu ngay", "la", "theo dung",
    "va nguon", "va kinh phi", "cho giai doan", "hoac",
};

/* Words after a comma that continue a name ("an toàn, vệ sinh lao
 * động", "phòng, chống", "…, tầm nhìn đến năm 2035"). */
static const char *const comma_words[] = {
    "chong", "ve sinh", "tam nhin", "dinh huong", "den nam",
};

/* Words an unquoted name cannot end with: it was cut short. */
static const char *const dangling[] = {"trong", "cua", "va", "ve", "cho",
                                       "voi", "hien", "cac", "o"};

/* Words before an introducer that make it plural or a class. */
static const char *const plurals[] = {"cac", "nhung", "moi", "nhieu", "thi",
                                      "quy", "ban", "luat", NULL};

/* Quotation marks: opening, closing. */
static const struct {
    const char *open;
    const char *close;
} quotes[] = {
    {"\xE2\x80\x9C", "\xE2\x80\x9D"}, /* “ ” */
    {"\"", "\""},
};

/* ---- Folded-text helpers -------------------------------------------------- */

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
            return tracuu_scan_skip_gap(f, n, p + 1, NULL);
    }
    return p;
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

/* Append s[0..n) with the years of its period written in full: "đến
 * 2030" as "đến năm 2030", "tầm nhìn 2035" as "tầm nhìn đến năm 2035"
 * (one programme, however its period was written). */
static void put_years(tracuu_buf_t *o, const char *s, size_t n)
{
    static const struct {
        const char *as, *full;
    } forms[] = {
        {"\xC4\x91\xE1\xBA\xBFn ", "\xC4\x91\xE1\xBA\xBFn n\xC4\x83m "},
        {"t\xE1\xBA\xA7m nh\xC3\xACn ",
         "t\xE1\xBA\xA7m nh\xC3\xACn \xC4\x91\xE1\xBA\xBFn n\xC4\x83m "},
    };
    for (size_t j = 0; j < n;) {
        size_t k = 0;
        for (size_t f = 0; f < COUNT(forms) && !k; f++) {
            size_t l = strlen(forms[f].as), d = j + l;
            while (d < n && s[d] >= '0' && s[d] <= '9')
                d++;
            if (n - j > l && memcmp(s + j, forms[f].as, l) == 0 &&
                d - j - l == 4 && (j == 0 || s[j - 1] == ' ')) {
                tracuu_buf_puts(o, forms[f].full);
                k = l;
            }
        }
        if (!k)
            tracuu_buf_putc(o, s[j]);
        j += k ? k : 1;
    }
}

/* The canonical name of a name no table row knows: the first letter
 * upper, a title in capitals in usual case. New. */
static char *own_canonical(const char *name)
{
    size_t n = strlen(name), i = 0;
    bool lower = false;
    while (i < n && !lower) {
        uint32_t cp = tracuu_utf8_next(name, n, &i);
        lower = tracuu_cp_upper(cp) != cp;
    }
    tracuu_buf_t b = {0};
    if (!lower)
        tracuu_fold_lower(name, n, &b);
    else
        tracuu_buf_append(&b, name, n);
    i = 0;
    uint32_t cp = tracuu_utf8_next(b.s, b.len, &i);
    tracuu_buf_t o = {0};
    tracuu_buf_put_cp(&o, tracuu_cp_upper(cp));
    put_years(&o, b.s + i, b.len - i);
    tracuu_buf_free(&b);
    return tracuu_buf_steal(&o);
}

static void emit_row(sink_t *k, const char *t, size_t s, size_t e,
                     tracuu_movement_kind_t kind, bool quoted,
                     const tracuu_mt_row_t *row)
{
    tracuu_movements_t *m = k->out;
    if (k->any && s <= k->last_start)
        return; /* seen from the window before */
    char *name = clean_name(t, s, e);
    if (!name || strchr(",.;:)]`", name[0])) {
        free(name); /* "“phong trào thi đua”, e.g. …": a closing quote */
        return;
    }
    bool letter = has_letter(name);
    if (!row && !letter)
        row = tracuu_mt_lookup(name, strlen(name), kind); /* "Đề án 06" */
    if (!row && !letter) {
        free(name);
        return;
    }
    while (s < e && (t[s] == ' ' || t[s] == '\n' || t[s] == '\t' ||
                     t[s] == '\r' || t[s] == '*'))
        s++;
    k->any = true;
    k->last_start = s;
    if (row)
        kind = row->kind;
    /* Distinct by the kind met and the name; the table is looked up once
     * per distinct name. */
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
    if (!row)
        row = tracuu_mt_lookup(name, strlen(name), kind);
    if (row)
        kind = row->kind;
    if (m->n == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 16;
        m->v = tracuu_xrealloc(m->v, k->cap * sizeof *m->v);
    }
    char *canon = row ? tracuu_xstrdup(row->canonical) : own_canonical(name);
    m->v[m->n++] = (tracuu_movement_t){kind, name, canon, {s, e}, quoted, 1};
}

static void emit(sink_t *k, const char *t, size_t s, size_t e,
                 tracuu_movement_kind_t kind, bool quoted)
{
    emit_row(k, t, s, e, kind, quoted, NULL);
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

/* No letter of source t[s..e) bears a tone ("phương châm", not "phương
 * chấm"). */
static bool toneless(const char *t, size_t s, size_t e)
{
    size_t i = s;
    while (i < e)
        if (tracuu_cp_tone(tracuu_utf8_next(t, e, &i)) != TRACUU_TONE_NONE)
            return false;
    return true;
}

/* Between an introducer and its quote: ':' , "năm 2024" (OCR "nim 2024"),
 * "về", "là", "như", "do <body> phát động (như)". Returns the position of
 * the opening quote, or 0 when anything else stands between. */
static size_t filler(const char *f, size_t n, size_t p)
{
    size_t start = p, newlines = 0;
    for (int tokens = 0; tokens < 8; tokens++) {
        p = tracuu_scan_skip_gap(f, n, p, &newlines);
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
        size_t w = tracuu_scan_word_end(f, n, p);
        if (w == p || (w < n && tracuu_scan_is_alnum(f[w])))
            return 0;
        size_t wl = w - p;
        if ((wl == 2 && (memcmp(f + p, "ve", 2) == 0 ||
                         memcmp(f + p, "la", 2) == 0)) ||
            (wl == 3 && memcmp(f + p, "nhu", 3) == 0)) {
            p = w;
            continue;
        }
        /* A year: "năm 2024", OCR'd "nim 2024", "nidm 2024". */
        size_t y = tracuu_scan_skip_gap(f, n, w, NULL);
        if (wl >= 2 && wl <= 5 && y > w && n - y >= 4 && f[y] >= '0' &&
            f[y] <= '9' && f[y + 1] >= '0' && f[y + 1] <= '9' &&
            f[y + 2] >= '0' && f[y + 2] <= '9' && f[y + 3] >= '0' &&
            f[y + 3] <= '9' && (n - y == 4 || !tracuu_scan_is_alnum(f[y + 4]))) {
            p = y + 4;
            continue;
        }
        /* "do tỉnh phát động như". */
        if (wl == 2 && memcmp(f + p, "do", 2) == 0) {
            size_t q = w, found = 0;
            for (int k = 0; k < 6 && !found; k++) {
                q = tracuu_scan_skip_gap(f, n, q, NULL);
                found = tracuu_folded_match(f, n, q, "phat dong");
                size_t qe = tracuu_scan_word_end(f, n, q);
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
        size_t r = tracuu_scan_skip_gap(f, n, end, NULL);
        if (r < n && (f[r] == ',' || f[r] == ';'))
            r = tracuu_scan_skip_gap(f, n, r + 1, NULL);
        size_t w = tracuu_folded_match(f, n, r, "va");
        if (!w)
            w = tracuu_folded_match(f, n, r, "hoac");
        if (w)
            r = tracuu_scan_skip_gap(f, n, w, NULL);
        r = skip_bullet(f, n, r);
        if (r == end || quote_at(f, n, r) < 0)
            break;
        p = r;
    }
    return end;
}

/* Any of words[0..nw) at folded f[i]: its end, or 0. */
static size_t any_at(const char *f, size_t n, size_t i,
                     const char *const *words, size_t nw)
{
    for (size_t j = 0; j < nw; j++) {
        size_t e = tracuu_folded_match(f, n, i, words[j]);
        if (e)
            return e;
    }
    return 0;
}

/* The folded start of the word after the one at p (same line), or 0. */
static size_t next_word(const char *f, size_t n, size_t p)
{
    while (p < n && tracuu_scan_is_alnum(f[p]))
        p++;
    p = tracuu_scan_skip_gap(f, n, p, NULL);
    return p < n && tracuu_scan_is_alnum(f[p]) ? p : 0;
}

/* The word before folded position i is one of plurals[]. */
static bool plural_before(const char *f, size_t i)
{
    size_t e = i;
    while (e > 0 && tracuu_scan_is_gap(f[e - 1]))
        e--;
    size_t s = e;
    while (s > 0 && tracuu_scan_is_alnum(f[s - 1]))
        s--;
    return tracuu_scan_in_list(plurals, f + s, e - s);
}

/* The words before folded position i, blanks and ':' aside, are w (one
 * space between words, as folded). */
static bool words_before(const char *f, size_t i, const char *w)
{
    size_t wl = strlen(w), e = i;
    while (e > 0 && (tracuu_scan_is_gap(f[e - 1]) || f[e - 1] == ':'))
        e--;
    if (e < wl || memcmp(f + e - wl, w, wl) != 0)
        return false;
    return e == wl || !tracuu_scan_is_alnum(f[e - wl - 1]);
}

/* A programme's words after "… quốc gia" at folded p. */
static bool programme_opens(const char *f, size_t n, size_t p)
{
    size_t e = any_at(f, n, p, programme_openers, COUNT(programme_openers));
    if (!e)
        return false;
    e = tracuu_scan_skip_gap(f, n, e, NULL);
    return any_at(f, n, e, programme_words, COUNT(programme_words)) != 0;
}

/* Whether an unquoted name may open at folded p (source sp, the next
 * word sp2) after an introducer of this mode: an opener, or a
 * capitalised name. *dated: only with its period. */
static bool may_open(const char *f, size_t n, size_t p, const char *t,
                     size_t len, size_t sp, size_t sp2, enum mode mode,
                     bool *dated)
{
    *dated = false;
    if (p >= n || !tracuu_scan_is_alnum(f[p]))
        return false;
    bool digit = f[p] >= '0' && f[p] <= '9';
    switch (mode) {
    case DAY:
        return tracuu_folded_match(f, n, p, "toan dan") != 0;
    case MOTTO:
        return !any_at(f, n, p, not_names, COUNT(not_names));
    case EMULATION:
        return any_at(f, n, p, emulation_openers, COUNT(emulation_openers));
    case MOVEMENT:
        return any_at(f, n, p, movement_openers, COUNT(movement_openers));
    case FESTIVAL:
        if (tracuu_folded_match(f, n, p, "toan dan") ||
            tracuu_folded_match(f, n, p, "dai doan ket") ||
            tracuu_folded_match(f, n, p, "quoc phong toan dan"))
            return true;
        break;
    case PROGRAMME:
        if (programme_opens(f, n, p) || digit)
            return true;
        break;
    case PROJECT:
        if (digit)
            return true;
        break;
    default:
        return false;
    }
    if (any_at(f, n, p, not_names, COUNT(not_names)))
        return false;
    /* "chương trình Phát triển công dân số": a capital, then lower case. */
    if (tracuu_scan_upper_at(t, len, sp) && sp2 && !tracuu_scan_upper_at(t, len, sp2))
        return true;
    *dated = mode != FESTIVAL &&
             any_at(f, n, p, verb_openers, COUNT(verb_openers)) != 0;
    return *dated || (tracuu_scan_upper_at(t, len, sp) && mode == PROJECT);
}

/* A year of four digits at folded f[i], alone: its end, or 0. */
static size_t year_at(const char *f, size_t n, size_t i)
{
    size_t d = i;
    while (d < n && f[d] >= '0' && f[d] <= '9')
        d++;
    return d - i == 4 && (d == n || !tracuu_scan_is_alnum(f[d])) ? d : 0;
}

/* Folded f[p..e) holds a period: "đến năm 2030", "đến 2030", "năm
 * 2025", "giai đoạn …", "tầm nhìn …". */
static bool has_period(const char *f, size_t p, size_t e)
{
    static const char *const periods[] = {"giai doan", "tam nhin"};
    static const char *const years[] = {"den nam", "den", "nam"};
    for (size_t i = p; i < e; i++) {
        if (i > p && tracuu_scan_is_alnum(f[i - 1]))
            continue;
        if (any_at(f, e, i, periods, COUNT(periods)))
            return true;
        for (size_t j = 0; j < COUNT(years); j++) {
            size_t w = tracuu_folded_match(f, e, i, years[j]);
            if (w && year_at(f, e, tracuu_scan_skip_gap(f, e, w, NULL)))
                return true;
        }
    }
    return false;
}

/* "giai đoạn 2021 - 2025", "giai đoạn II" at folded i: its end, or 0. */
static size_t period_at(const char *f, size_t n, size_t i)
{
    size_t g = tracuu_folded_match(f, n, i, "giai doan");
    if (!g)
        return 0;
    size_t y = tracuu_scan_skip_gap(f, n, g, NULL), e = y, end = y;
    while (e < n && (tracuu_scan_is_alnum(f[e]) || f[e] == ' ' || f[e] == '-' ||
                     (f[e] == '\n' && e > y && f[e - 1] == '-'))) {
        /* "giai đoạn 2021 -⏎2025", "giai đoạn II": years and numerals,
         * not the words after them ("… 2030 của Trung ương"). */
        size_t w = e;
        while (w < n && tracuu_scan_is_alnum(f[w]))
            w++;
        if (w == e) {
            e++;
            continue;
        }
        if (strspn(f + e, "0123456789") < w - e &&
            strspn(f + e, "ivxl") < w - e)
            break;
        e = end = w;
    }
    return end > y ? end : 0;
}

/* Words that end an unquoted name, with their diacritics (folded,
 * "có" would stop "cơ sở"): the verb of the sentence, a conjunction. */
static const char *const exact_stops[] = {
    "có", "bao gồm", "trình thủ tướng", "trình chính phủ", "trình cấp",
    "trình ủy ban", "trình hội đồng", "xem xét", "tập trung", "vào", "đối với",
    "đã", "phải", "chỉ", "khi", "thì", "để", "do", "tại", "đang", "sẽ",
    "như", "bằng", "qua", "hằng", "trước", "sau", "giao", "phối hợp",
};

/* Source word(s) w (lower case, one space between words) at t[p]: case
 * aside, blanks free, up to a word's end. */
static bool exact_at(const char *t, size_t len, size_t p, const char *w)
{
    size_t i = p, j = 0, wl = strlen(w);
    while (j < wl) {
        if (w[j] == ' ') {
            if (i >= len || !tracuu_scan_is_gap(t[i]))
                return false;
            while (i < len && tracuu_scan_is_gap(t[i]))
                i++;
            j++;
            continue;
        }
        if (i >= len)
            return false;
        uint32_t a = tracuu_cp_lower(tracuu_utf8_next(t, len, &i));
        uint32_t b = tracuu_utf8_next(w, wl, &j);
        if (a != b)
            return false;
    }
    size_t k = i;
    uint32_t next = i < len ? tracuu_utf8_next(t, len, &k) : ' ';
    return !(tracuu_cp_fold(next) >= 'a' && tracuu_cp_fold(next) <= 'z') &&
           !(next >= '0' && next <= '9');
}

static bool exact_stop(const char *t, size_t len, size_t p)
{
    if (exact_at(t, len, p, "giao thông"))
        return false; /* "an toàn giao thông", not "giao" (assigns) */
    for (size_t j = 0; j < COUNT(exact_stops); j++)
        if (exact_at(t, len, p, exact_stops[j]))
            return true;
    return false;
}

/* Whether a comma before folded w goes on with the name opened at p:
 * in a motto or an emulation, before the words of comma_words[], and in
 * a "toàn dân …" movement ("toàn dân tích cực phát hiện, tố giác tội
 * phạm") unless another name of a list follows. */
static bool comma_continues(const char *f, size_t n, size_t p, size_t w,
                            enum mode mode)
{
    if (mode == MOTTO || mode == EMULATION ||
        any_at(f, n, w, comma_words, COUNT(comma_words)))
        return true;
    if (mode != MOVEMENT || !tracuu_folded_match(f, n, p, "toan dan") ||
        tracuu_folded_match(f, n, w, "toan dan"))
        return false;
    const tracuu_mt_row_t *row;
    bool province;
    return tracuu_mt_match(f, n, w, false, &row, &province) == 0;
}

/* After a period ending at folded pe, ", định hướng …" or ", tầm nhìn …"
 * goes on with it ("giai đoạn 2021 - 2025, định hướng đến năm 2030"):
 * the comma's position, else 0. */
static size_t orientation_after(const char *f, size_t n, size_t pe)
{
    size_t c = tracuu_scan_skip_gap(f, n, pe, NULL);
    if (c >= n || f[c] != ',')
        return 0;
    size_t w = tracuu_scan_skip_gap(f, n, c + 1, NULL);
    return tracuu_folded_match(f, n, w, "dinh huong") ||
                   tracuu_folded_match(f, n, w, "tam nhin")
               ? c
               : 0;
}

/* A line break at folded i inside an unquoted name: true when it ends
 * the name, else *next is where the name goes on. A blank line ends it
 * unless the sentence runs on in lower case (text from PDF has blank
 * lines between lines); a list item ("1.", "a)") or a bullet opening the
 * next line ends it. */
static bool line_ends_name(const char *f, size_t n, const char *t, size_t len,
                           size_t base, const size_t *src, size_t i,
                           size_t *next)
{
    size_t nl = 0, w = tracuu_scan_skip_gap(f, n, i, &nl);
    size_t d = w;
    while (d < n && tracuu_scan_is_alnum(f[d]) && d - w < 3)
        d++;
    if (d > w && d < n &&
        (f[d] == ')' || (f[d] == '.' && f[w] >= '0' && f[w] <= '9')))
        return true;
    if (nl > 2 || skip_bullet(f, n, w) != w ||
        (nl == 2 && (w >= n || tracuu_scan_upper_at(t, len, base + src[w]))))
        return true;
    *next = w;
    return false;
}

/* Where an unquoted name opened at folded p ends: the clause's end, a
 * conjunction, a following introducer, a date or a symbol. Returns the
 * end, 0 when it runs too long. */
static size_t name_end(const char *f, size_t n, const char *t, size_t len,
                       size_t base, const size_t *src, size_t p,
                       enum mode mode)
{
    size_t limit = p + UNQUOTED_BYTES < n ? p + UNQUOTED_BYTES : n;
    size_t i = p, words = 0;
    while (i < limit) {
        char c = f[i];
        if (c == '.' || c == ';' || c == ':' || c == '(' || c == ')' ||
            c == '?' || c == '!' || c == '/' || c == '[' || c == '"')
            break;
        if ((unsigned char)c >= 0x80) {
            /* A dash ("kinh tế – xã hội") is part of the name. */
            if (n - i >= 3 && (unsigned char)c == 0xE2 &&
                (unsigned char)f[i + 1] == 0x80 &&
                ((unsigned char)f[i + 2] == 0x93 ||
                 (unsigned char)f[i + 2] == 0x94)) {
                i += 3;
                continue;
            }
            break;
        }
        if (c == ',') {
            if (!comma_continues(f, n, p, tracuu_scan_skip_gap(f, n, i + 1, NULL), mode))
                break;
            i++;
            continue;
        }
        if (c == '\n') {
            if (line_ends_name(f, n, t, len, base, src, i, &i))
                break;
            continue;
        }
        if (!tracuu_scan_is_alnum(c) || (i > p && tracuu_scan_is_alnum(f[i - 1]))) {
            i++;
            continue;
        }
        size_t pe = period_at(f, n, i);
        if (pe && !(i = orientation_after(f, n, pe)))
            return pe;
        if (pe)
            continue;
        if (i > p && mode != MOTTO &&
            (any_at(f, n, i, name_stops, COUNT(name_stops)) ||
             exact_stop(t, len, base + src[i]) ||
             (tracuu_folded_match(f, n, i, "theo huong") &&
              has_period(f, p, i)))) /* "…, tầm nhìn 2035 theo hướng" */
            break;
        if (++words > 40)
            return 0;
        size_t w0 = i;
        while (i < n && tracuu_scan_is_alnum(f[i]))
            i++;
        if (i < n && f[i] == '/') {
            bool digit = false;
            for (size_t d = w0; d < i; d++)
                digit = digit || (f[d] >= '0' && f[d] <= '9');
            if (!digit && i + 1 < n && f[i + 1] >= 'a' && f[i + 1] <= 'z') {
                i++; /* "phòng, chống HIV/AIDS" */
                continue;
            }
            i = w0; /* a date or a symbol: "26/6", "135/QĐ-TTg" */
            break;
        }
        if (i - w0 == 2 && memcmp(f + w0, "so", 2) == 0 && i + 1 < n &&
            f[i] == ' ' && f[i + 1] >= '0' && f[i + 1] <= '9') {
            i = w0; /* "số 30-CTr/TU" */
            break;
        }
    }
    while (i > p && (tracuu_scan_is_gap(f[i - 1]) || f[i - 1] == ',' || f[i - 1] == '-'))
        i--;
    return i;
}

/* "“Chương trình điều chỉnh mức sinh …”": the kind word inside the
 * quotes, the name the rest of them. Returns the folded end, or 0. */
static size_t quoted_kind(const char *f, size_t n, const size_t *src,
                          const char *t, size_t base, size_t is, size_t p,
                          tracuu_movement_kind_t kind, sink_t *k)
{
    size_t c = closing(f, n, is - 3, 0);
    if (!c || c <= p)
        return 0;
    /* “chương trình đào tạo cao đẳng”: a curriculum; “cụm từ” quotes
     * words a law amends, no name. */
    if (any_at(f, n, tracuu_scan_skip_gap(f, n, p, NULL), not_names, COUNT(not_names)) ||
        words_before(f, is - 3, "cum tu"))
        return 0;
    emit(k, t, base + src[p], base + src[c], kind, true);
    return c + 3;
}

/* A name of the table at folded p after an introducer of this kind: a
 * short one ("06", "Đề án 06") only after its own introducer, one of
 * another kind only when it may stand anywhere ("chương trình vì sự
 * tiến bộ của phụ nữ" is a class of programmes, not the movement).
 * Returns the folded end, or 0. */
static size_t table_after(const char *f, size_t n, const size_t *src,
                          const char *t, size_t base, size_t p,
                          tracuu_movement_kind_t kind, sink_t *k)
{
    const tracuu_mt_row_t *row = NULL;
    bool province = false;
    size_t e = tracuu_mt_match(f, n, p, false, &row, &province);
    if (!e)
        return 0;
    size_t tw = 1;
    for (size_t j = p; j < e; j++)
        tw += f[j] == ' ' || f[j] == '\n';
    if (row->kind != kind &&
        (tw < 3 || !tracuu_mt_match(f, n, p, true, &row, &province)))
        return 0;
    size_t pe = period_at(f, n, tracuu_scan_skip_gap(f, n, e, NULL));
    emit_row(k, t, base + src[p], base + src[pe ? pe : e], kind, false, row);
    return pe ? pe : e;
}

/* The names of a list after a plural introducer ("các phong trào toàn
 * dân bảo vệ an ninh Tổ quốc, toàn dân tham gia phòng, chống ma túy"):
 * each a name of the table or a "toàn dân …" movement, apart by a comma,
 * a semicolon or "và". "các phong trào thi đua" alone names none.
 * Returns the folded end of the last, or 0. */
static size_t plural_list(const char *f, size_t n, const size_t *src,
                          const char *t, size_t base, size_t len, size_t is,
                          size_t p,
                          tracuu_movement_kind_t kind, enum mode mode,
                          sink_t *k)
{
    if ((mode != MOVEMENT && mode != EMULATION) ||
        !(words_before(f, is, "cac") || words_before(f, is, "nhung")))
        return 0;
    size_t end = 0;
    for (int names = 0; names < LIST_MAX; names++) {
        size_t newlines = 0;
        p = tracuu_scan_skip_gap(f, n, p, &newlines);
        if (newlines > 1 || p >= n)
            break;
        size_t e = table_after(f, n, src, t, base, p, kind, k);
        if (!e && tracuu_folded_match(f, n, p, "toan dan")) {
            e = name_end(f, n, t, len, base, src, p, MOVEMENT);
            if (e > p)
                emit_row(k, t, base + src[p], base + src[e], kind, false,
                         NULL);
        }
        if (!e || e <= p)
            break;
        end = e;
        p = tracuu_scan_skip_gap(f, n, e, NULL);
        if (p < n && (f[p] == ',' || f[p] == ';'))
            p = tracuu_scan_skip_gap(f, n, p + 1, NULL);
        size_t w = tracuu_folded_match(f, n, p, "va");
        if (w)
            p = w;
    }
    return end;
}

/* An unquoted name after the introducer at folded [is, p): a national
 * one of the table, else one the introducer's mode admits. Returns the
 * folded end of the name, or 0. */
static size_t unquoted_name(const char *f, size_t n, const size_t *src,
                            const char *t, size_t base, size_t len, size_t is,
                            size_t p, tracuu_movement_kind_t kind,
                            enum mode mode, sink_t *k)
{
    if (plural_before(f, is))
        return plural_list(f, n, src, t, base, len, is, p, kind, mode, k);
    if ((mode == PROGRAMME || mode == PROJECT) && is >= 3 &&
        memcmp(f + is - 3, "\xE2\x80\x9C", 3) == 0)
        return quoted_kind(f, n, src, t, base, is, p, kind, k);
    size_t newlines = 0;
    p = tracuu_scan_skip_gap(f, n, p, &newlines);
    if (mode == MOTTO && p < n && f[p] == ':')
        p = tracuu_scan_skip_gap(f, n, p + 1, &newlines);
    if (newlines > 1 || p >= n)
        return 0;
    size_t e = table_after(f, n, src, t, base, p, kind, k);
    if (e)
        return e;
    size_t p2 = next_word(f, n, p);
    bool dated;
    if (!may_open(f, n, p, t, len, base + src[p], p2 ? base + src[p2] : 0,
                  mode, &dated))
        return 0;
    e = name_end(f, n, t, len, base, src, p, mode);
    if (!e || e <= p || (dated && !has_period(f, p, e)))
        return 0;
    bool digits = f[p] >= '0' && f[p] <= '9';
    size_t words = 1;
    for (size_t j = p; j < e; j++)
        words += tracuu_scan_is_gap(f[j]) && !tracuu_scan_is_gap(f[j + 1]);
    if (words < 3 && !digits)
        return 0;
    /* "nâng cao chất lượng trong Phong trào “…”": cut short, no name. */
    size_t lw = e;
    while (lw > p && tracuu_scan_is_alnum(f[lw - 1]))
        lw--;
    if (any_at(f, e, lw, dangling, COUNT(dangling)) == e)
        return 0;
    emit_row(k, t, base + src[p], base + src[e], kind, false, NULL);
    return e;
}

/* Folded i opens the title of a cited act: "Chỉ thị số 05-CT/TW về đẩy
 * mạnh học tập và làm theo …" (a symbol shortly before "về", "về đẩy
 * mạnh"). */
static bool act_title(const char *f, size_t i)
{
    if (!words_before(f, i, "ve") && !words_before(f, i, "ve day manh") &&
        !words_before(f, i, "ve tiep tuc day manh"))
        return false;
    for (size_t j = i > 60 ? i - 60 : 0; j < i; j++)
        if (f[j] == '/')
            return true;
    return false;
}

/* A national name of the table standing alone at folded i ("đẩy mạnh học
 * tập và làm theo tư tưởng …", "Tây Ninh chung sức …"). Returns the end,
 * or 0. */
static size_t table_name(const char *f, size_t n, const size_t *src,
                         const char *t, size_t len, size_t base, size_t i,
                         sink_t *k)
{
    const tracuu_mt_row_t *row = NULL;
    bool province = false;
    size_t e = tracuu_mt_match(f, n, i, true, &row, &province);
    if (!e || plural_before(f, i) || act_title(f, i))
        return 0;
    size_t s = i;
    /* "Tây Ninh chung sức …": the province's capitalised words. */
    for (int w = 0; province && w < 3 && s > 0; w++) {
        size_t a = s;
        while (a > 0 && (f[a - 1] == ' ' || f[a - 1] == '\t'))
            a--;
        size_t b = a;
        while (b > 0 && tracuu_scan_is_alnum(f[b - 1]))
            b--;
        if (b == a || !tracuu_scan_upper_at(t, len, base + src[b]))
            break;
        s = b;
    }
    emit_row(k, t, base + src[s], base + src[e], row->kind, false, row);
    return e;
}

/* The introducers opening with folded letter c: [r[0], r[1]) of
 * introducers[] (those of one first letter stand together). */
static unsigned char intro_first[26][2];
static pthread_once_t intro_once = PTHREAD_ONCE_INIT;

static void index_introducers(void)
{
    for (size_t j = 0; j < COUNT(introducers); j++) {
        unsigned char *r = intro_first[introducers[j].folded[0] - 'a'];
        if (r[1] == 0)
            r[0] = (unsigned char)j;
        r[1] = (unsigned char)(j + 1);
    }
}

static const unsigned char *intro_range(char c)
{
    static const unsigned char none[2] = {0, 0};
    return c >= 'a' && c <= 'z' ? intro_first[c - 'a'] : none;
}

/* Scan folded window f (source t + base) for introducers starting before
 * folded position core. */
static void scan(const char *t, size_t len, size_t base,
                 const tracuu_folded_t *F, size_t core_src_end, sink_t *k)
{
    const char *f = F->s;
    size_t n = F->len;
    /* The folded end of the core: src[] rises with i. */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (base + F->src[mid] < core_src_end)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t core = lo;
    for (size_t i = 0; i < core; i++) {
        char c = f[i];
        if (!tracuu_scan_is_alnum(c) || (i > 0 && tracuu_scan_is_alnum(f[i - 1])))
            continue;
        size_t after = 0;
        bool intro = false;
        const unsigned char *r = intro_range(c);
        for (size_t j = r[0]; j < r[1] && !intro; j++) {
            if (c != introducers[j].folded[0])
                continue; /* were one letter's introducers apart */
            size_t e = tracuu_folded_match(f, n, i, introducers[j].folded);
            if (!e)
                continue;
            intro = true;
            tracuu_movement_kind_t kind = introducers[j].kind;
            if (kind == TRACUU_MOVEMENT_DE_AN &&
                !de_an_spelled(t, base + F->src[i], base + F->src[e]))
                break;
            if (kind == TRACUU_MOVEMENT_PHUONG_CHAM &&
                !toneless(t, base + F->src[i], base + F->src[e]))
                break; /* "đơn phương chấm dứt" */
            size_t q = filler(f, n, e);
            if (q)
                after = quoted_list(f, n, F->src, t, base, q, kind, k);
            else if (introducers[j].mode != QUOTED)
                after = unquoted_name(f, n, F->src, t, base, len, i, e, kind,
                                      introducers[j].mode, k);
        }
        if (!intro)
            after = table_name(f, n, F->src, t, len, base, i, k);
        if (after > i)
            i = after - 1; /* introducers inside names are words */
    }
}

static void scan_windows(const char *text, size_t len, sink_t *k)
{
    pthread_once(&intro_once, index_introducers);
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
        /* Read as the scan meant it: "phong trào toàn dân bảo vệ an ninh
         * T6 quốc" is the national movement. */
        tracuu_ocr_mend(text, ws, &F);
        scan(text, len, ws, &F, core, k);
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
    for (size_t i = 0; i < m->n; i++) {
        free(m->v[i].name);
        free(m->v[i].canonical);
    }
    free(m->v);
    m->v = NULL;
    m->n = 0;
}

/* ---- Queries, keys and kinds ---------------------------------------------- */

char *tracuu_movement_normalize(const char *s, size_t len)
{
    if (!s)
        return NULL;
    tracuu_norm_t n;
    if (tracuu_normalize(s, len, &n) != TRACUU_OK)
        return tracuu_xstrdup("");
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, "");
    bool space = false;
    size_t i = 0;
    while (i < n.len) {
        uint32_t cp = tracuu_utf8_next(n.s, n.len, &i);
        if (tracuu_scan_is_space((int)cp) || cp == '*') {
            space = b.len > 0;
            continue;
        }
        if (tracuu_scan_is_quote_cp(cp) && (b.len == 0 || i >= n.len)) {
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
        if (!tracuu_scan_is_quote_cp(cp) && cp != ' ')
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
        if (tracuu_scan_is_dash_cp(cp)) {
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
                     !(cp >= 'a' && cp <= 'z') && !tracuu_scan_is_space((int)cp);
        if (tracuu_scan_is_space((int)cp) || punct ||
            tracuu_scan_is_quote_cp(cp) || cp == 0x2026) {
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
        if (c == '-' || c == '_' || tracuu_scan_is_space((unsigned char)c)) {
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
