/* date.c: dates, periods and their roles in Vietnamese administrative text, one linear scan. */
#include "date.h"

#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doctables.h"
#include "fold.h"
#include "scan.h"

/*
 * How it works. Every date or period contains an ASCII digit, so the scan
 * looks only at the start of each digit run and tries a few fixed shapes
 * around it, reading words backwards and forwards with bounded lookahead.
 * Words are compared folded (lowercase, no diacritics): a word written
 * without any diacritic may be one of the plain or OCR spellings in the
 * keyword table below ("nidm" for năm), a word with diacritics must be the
 * exact Vietnamese spelling (so "thắng" is not "tháng" and "nằm" is not
 * "năm"). The full "D tháng M năm Y" shape, whose three numbers already
 * make it unmistakable, accepts any word that looks like tháng or năm, and
 * in the year's place also "ngày" or "tháng" typed by mistake.
 *
 * Each digit run costs a bounded amount of work (every lookahead and
 * lookbehind has a byte or word limit below), so the scan is linear.
 *
 * A shape that is present but names an impossible day (31/02/2024) is
 * consumed without giving anything, so its pieces are not re-read as a
 * month or a year.
 */

#define YEAR_MIN 1900
#define YEAR_MAX 2100
#define WS_MAX 24          /* whitespace allowed between parts of a date */
#define WORD_MAX 16        /* code points of a word kept for comparison */
#define HEADER_WINDOW 8192 /* the issue-date line lies in these first bytes */
#define PLACE_MAX 96       /* bytes of a place name before ", ngày" */
#define TITLE_WORDS 14     /* words between a law's name and its year */
#define SYMBOL_BACK 48     /* bytes of symbol looked at before "ngày" */

/* ---- characters ---------------------------------------------------- */

typedef enum cls { C_OTHER, C_LETTER, C_MARK, C_DIGIT, C_SPACE } cls_t;

/* Folded letter of cp ('a'..'z'), or 0 when cp is not a Latin letter. */
static int fold_letter(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z')
            return (int)(cp + 32);
        return (cp >= 'a' && cp <= 'z') ? (int)cp : 0;
    }
    uint32_t f = tracuu_cp_fold(cp);
    return (f >= 'a' && f <= 'z') ? (int)f : 0;
}

static cls_t classify(uint32_t cp)
{
    if (cp < 0x80) {
        if (tracuu_scan_is_digit((int)cp))
            return C_DIGIT;
        if (tracuu_scan_is_space((int)cp))
            return C_SPACE;
        return fold_letter(cp) ? C_LETTER : C_OTHER;
    }
    if (cp >= 0x0300 && cp <= 0x036F)
        return C_MARK;
    return fold_letter(cp) ? C_LETTER : C_OTHER;
}

static cls_t class_before(const char *t, size_t pos)
{
    if (pos == 0)
        return C_OTHER;
    size_t s;
    return classify(tracuu_scan_cp_before(t, pos, &s));
}

static cls_t class_at(const char *t, size_t len, size_t pos)
{
    if (pos >= len)
        return C_OTHER;
    size_t i = pos;
    return classify(tracuu_scan_cp_at(t, len, i, &i));
}

/* ---- numbers and words --------------------------------------------- */

/* Digits at t[i]: value (when at most 6 digits) and count. */
static size_t read_num(const char *t, size_t len, size_t i, long *val, int *nd)
{
    long v = 0;
    int n = 0;
    while (i < len && tracuu_scan_is_digit((unsigned char)t[i])) {
        if (n < 6)
            v = v * 10 + (t[i] - '0');
        n++;
        i++;
        if (n > 12) { /* a long digit string: skip it whole, it is no date */
            while (i < len && tracuu_scan_is_digit((unsigned char)t[i]))
                i++;
            break;
        }
    }
    *val = n <= 6 ? v : -1;
    *nd = n;
    return i;
}

typedef struct word {
    size_t start, end;
    char fold[WORD_MAX + 1];         /* folded letters */
    char lower[WORD_MAX * 4 + 1];    /* lowercase UTF-8 as written */
    size_t nfold, nlower;
    bool ascii;    /* no diacritic anywhere */
    bool capital;  /* first letter uppercase */
    bool longer;   /* more than WORD_MAX letters: matches nothing */
} word_t;

static void put_utf8(word_t *w, uint32_t cp)
{
    char tmp[4];
    size_t n;
    if (cp < 0x80) {
        tmp[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        tmp[0] = (char)(0xC0 | (cp >> 6));
        tmp[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        tmp[0] = (char)(0xE0 | (cp >> 12));
        tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        tmp[0] = (char)(0xF0 | (cp >> 18));
        tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    if (w->nlower + n < sizeof w->lower) {
        memcpy(w->lower + w->nlower, tmp, n);
        w->nlower += n;
    }
}

/* The word (letters and combining marks) starting at t[pos]; false when
 * no letter is there. */
static bool word_at(const char *t, size_t len, size_t pos, word_t *w)
{
    assert(pos <= len);
    w->start = w->end = pos;
    w->nfold = w->nlower = 0;
    w->ascii = true;
    w->capital = false;
    w->longer = false;
    size_t i = pos;
    int letters = 0;
    while (i < len) {
        size_t at = i;
        uint32_t cp = tracuu_scan_cp_at(t, len, i, &i);
        cls_t c = classify(cp);
        if (c == C_MARK && letters > 0) {
            w->ascii = false;
            continue;
        }
        if (c != C_LETTER) {
            i = at;
            break;
        }
        if (letters == WORD_MAX) {
            w->longer = true; /* stop here: the word matches nothing */
            break;
        }
        if (letters == 0)
            w->capital = tracuu_cp_lower(cp) != cp;
        if (cp >= 0x80)
            w->ascii = false;
        w->fold[w->nfold++] = (char)fold_letter(cp);
        put_utf8(w, cp < 0x80 ? (uint32_t)fold_letter(cp) : tracuu_cp_lower(cp));
        letters++;
    }
    w->fold[w->nfold] = '\0';
    w->lower[w->nlower] = '\0';
    w->end = i;
    return letters > 0;
}

/* The word ending at t[pos) (no space between); false when none. */
static bool word_before(const char *t, size_t len, size_t pos, word_t *w)
{
    assert(pos <= len);
    size_t i = pos;
    int n = 0;
    while (i > 0 && n <= WORD_MAX) {
        size_t s;
        cls_t c = classify(tracuu_scan_cp_before(t, i, &s));
        if (c != C_LETTER && c != C_MARK)
            break;
        i = s;
        n++;
    }
    if (i == pos)
        return false;
    bool more = n > WORD_MAX;
    /* a word must start with a letter, not a stray mark */
    while (i < pos && class_at(t, len, i) == C_MARK) {
        size_t j = i;
        tracuu_scan_cp_at(t, len, j, &j);
        i = j;
    }
    if (!word_at(t, len, i, w) || w->end != pos)
        return false;
    if (more)
        w->longer = true;
    return true;
}

/* ---- keywords ------------------------------------------------------ */

typedef tracuu_dateword_t kw_t;

static kw_t keyword_of(const word_t *w)
{
    if (w->longer || w->nfold == 0)
        return TRACUU_KW_NONE;
    for (const tracuu_datekw_t *e = tracuu_datekws; e->kw; e++) {
        if (!w->ascii ? tracuu_scan_in_alts(e->exact, w->lower, w->nlower)
            : e->plain ? tracuu_scan_in_alts(e->plain, w->fold, w->nfold)
                       : tracuu_scan_in_list(tracuu_so_words, w->fold, w->nfold))
            return e->kw;
    }
    return TRACUU_KW_NONE;
}

/* Shapes accepted inside the three-number "D tháng M năm Y". */
static bool loose_thang(const word_t *w)
{
    return !w->longer && w->nfold >= 4 && w->nfold <= 6 && w->fold[0] == 't' &&
           w->fold[1] == 'h' && w->fold[w->nfold - 1] == 'g';
}

static bool loose_nam(const word_t *w)
{
    return !w->longer && w->nfold >= 3 && w->nfold <= 4 && w->fold[0] == 'n' &&
           w->fold[1] != 'h' && w->fold[w->nfold - 1] == 'm';
}

static bool loose_ngay(const word_t *w)
{
    return keyword_of(w) == TRACUU_KW_NGAY ||
           (!w->longer && w->nfold == 4 && w->fold[0] == 'n' &&
            w->fold[1] == 'g' && w->fold[3] == 'y');
}

/* ---- calendar ------------------------------------------------------ */

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int tracuu_date_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && leap(year) ? 29 : days[month - 1];
}

bool tracuu_date_valid(int year, int month, int day)
{
    if (year < YEAR_MIN || year > YEAR_MAX)
        return false;
    return day >= 1 && day <= tracuu_date_days_in_month(year, month);
}

static bool year_ok(long y)
{
    return y >= YEAR_MIN && y <= YEAR_MAX;
}

/* ---- the shapes ---------------------------------------------------- */

typedef enum shape { NO = 0, BAD, OK } shape_t;

/* A recognised date: values and the bytes from its first digit to the end
 * of its last number. */
typedef struct hit {
    int y, m, d;
    size_t start, end;
} hit_t;

/* After a complete numeric date: reject what continues as a symbol or a
 * longer number ("1/2/2024/QĐ", "1/2/2024-KH", "1.2.2024.5"). */
static bool clean_end(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return true;
    unsigned char c = (unsigned char)t[i];
    if (tracuu_scan_is_digit(c) || c == '/')
        return false;
    size_t dl = tracuu_scan_dash_len(t, len, i);
    if (dl && class_at(t, len, i + dl) == C_LETTER)
        return false;
    if (c == '.' && i + 1 < len && tracuu_scan_is_digit((unsigned char)t[i + 1]))
        return false;
    return true;
}

/* "07 tháng 01 năm 2025", spaces and line breaks optional between parts. */
static shape_t parse_long(const char *t, size_t len, size_t p, hit_t *h)
{
    long d, m, y;
    int nd;
    word_t w;
    size_t i = read_num(t, len, p, &d, &nd);
    if (nd < 1 || nd > 2)
        return NO;
    i = tracuu_scan_skip_space(t, len, i, WS_MAX);
    if (!word_at(t, len, i, &w) || !loose_thang(&w))
        return NO;
    i = tracuu_scan_skip_space(t, len, w.end, WS_MAX);
    size_t j = read_num(t, len, i, &m, &nd);
    if (nd < 1 || nd > 2)
        return NO;
    i = tracuu_scan_skip_space(t, len, j, WS_MAX);
    /* another date word typed for "năm" happens: "ngày 01 tháng 01 ngày
     * 2012", "ngày 15 tháng 9 tháng 2022"; four digits must follow */
    if (!word_at(t, len, i, &w) ||
        !(loose_nam(&w) || loose_ngay(&w) || keyword_of(&w) == TRACUU_KW_THANG))
        return NO;
    i = tracuu_scan_skip_space(t, len, w.end, WS_MAX);
    j = read_num(t, len, i, &y, &nd);
    if (nd != 4 || class_at(t, len, j) == C_LETTER)
        return NO;
    h->start = p;
    h->end = j;
    h->d = (int)d;
    h->m = (int)m;
    h->y = (int)y;
    return tracuu_date_valid(h->y, h->m, h->d) ? OK : BAD;
}

/* A separator between numbers: '/', '-' or '.', with at most one space on
 * each side of a '/' when spaced ("ngày 21 /05/2010"). Returns the index
 * after it, or 0 when there is none; *sep gets the character. */
static size_t read_sep(const char *t, size_t len, size_t i, bool spaced,
                       char *sep)
{
    size_t j = i;
    if (spaced && j < len && t[j] == ' ')
        j++;
    if (j >= len || (t[j] != '/' && t[j] != '-' && t[j] != '.'))
        return 0;
    *sep = t[j];
    if (*sep != '/' && j != i)
        return 0;
    j++;
    if (spaced && *sep == '/' && j < len && t[j] == ' ')
        j++;
    return j;
}

/* d/m/yyyy, d-m-yyyy, d.m.yyyy (one separator throughout). After "ngày"
 * (spaced) a space may stand around a slash or for the second one. */
static shape_t parse_numeric(const char *t, size_t len, size_t p, bool spaced,
                             hit_t *h)
{
    long d, m, y;
    int nd;
    char s1, s2;
    size_t i = read_num(t, len, p, &d, &nd);
    if (nd < 1 || nd > 2)
        return NO;
    size_t j = read_sep(t, len, i, spaced, &s1);
    if (!j)
        return NO;
    i = read_num(t, len, j, &m, &nd);
    if (nd < 1 || nd > 2)
        return NO;
    j = read_sep(t, len, i, spaced, &s2);
    if (!j && spaced && s1 == '/' && i + 1 < len && t[i] == ' ' &&
        tracuu_scan_is_digit((unsigned char)t[i + 1])) {
        j = i + 1; /* "ngày 16/6 2025": a slash typed as a space */
        s2 = s1;
    }
    if (!j || s2 != s1)
        return NO;
    i = read_num(t, len, j, &y, &nd);
    if (nd != 4 || !clean_end(t, len, i))
        return NO;
    h->start = p;
    h->end = i;
    h->d = (int)d;
    h->m = (int)m;
    h->y = (int)y;
    return tracuu_date_valid(h->y, h->m, h->d) ? OK : BAD;
}

static shape_t parse_full(const char *t, size_t len, size_t p, bool spaced,
                          hit_t *h)
{
    shape_t r = parse_long(t, len, p, h);
    if (r != NO)
        return r;
    return parse_numeric(t, len, p, spaced, h);
}

/* After "ngày": optional spaces then the digits of a full date (the word
 * may be glued: "ngày03"). */
static shape_t parse_after_ngay(const char *t, size_t len, size_t i, hit_t *h)
{
    i = tracuu_scan_skip_space(t, len, i, WS_MAX);
    if (i >= len || !tracuu_scan_is_digit((unsigned char)t[i]))
        return NO;
    return parse_full(t, len, i, true, h);
}

/* A connector between the two ends of a range of days or months: a dash,
 * "đến", "tới" or "và"; returns the index after it (and after spaces),
 * 0 when none. */
static size_t read_connector(const char *t, size_t len, size_t i)
{
    i = tracuu_scan_skip_space(t, len, i, WS_MAX);
    size_t dl = tracuu_scan_dash_len(t, len, i);
    if (dl)
        return tracuu_scan_skip_space(t, len, i + dl, WS_MAX);
    word_t w;
    if (!word_at(t, len, i, &w))
        return 0;
    kw_t k = keyword_of(&w);
    if (k != TRACUU_KW_DEN && k != TRACUU_KW_TOI && k != TRACUU_KW_VA)
        return 0;
    return tracuu_scan_skip_space(t, len, w.end, WS_MAX);
}

/* "ngày 15/11 đến ngày 20/11/2025", "ngày 17 đến ngày 20 tháng 11 năm
 * 2025", "ngày 17 tháng 10 đến ngày 29 tháng 11 năm 2006", "16-20/11/2025":
 * the first day takes the missing month and year from the second. */
static shape_t parse_day_range(const char *t, size_t len, size_t p, hit_t *a,
                               hit_t *b)
{
    long d, m = 0;
    int nd;
    size_t i = read_num(t, len, p, &d, &nd);
    if (nd < 1 || nd > 2)
        return NO;
    size_t end_a = i;
    size_t j = tracuu_scan_skip_space(t, len, i, WS_MAX);
    word_t w;
    if (j < len && t[j] == '/') {
        j = read_num(t, len, j + 1, &m, &nd);
        if (nd < 1 || nd > 2)
            return NO;
        end_a = j;
    } else if (word_at(t, len, j, &w) && keyword_of(&w) == TRACUU_KW_THANG) {
        j = tracuu_scan_skip_space(t, len, w.end, WS_MAX);
        size_t k = read_num(t, len, j, &m, &nd);
        if (nd < 1 || nd > 2)
            return NO;
        end_a = k;
    }
    a->start = p;
    a->end = end_a;
    size_t c = read_connector(t, len, end_a);
    if (!c)
        return NO;
    if (word_at(t, len, c, &w) && loose_ngay(&w))
        c = tracuu_scan_skip_space(t, len, w.end, WS_MAX);
    if (c >= len || !tracuu_scan_is_digit((unsigned char)t[c]))
        return NO;
    shape_t r = parse_full(t, len, c, true, b);
    if (r != OK)
        return r;
    a->d = (int)d;
    a->m = m ? (int)m : b->m;
    a->y = b->y;
    /* a range read backwards crosses a new year: 25/12 đến 05/01/2025 */
    if (a->m > b->m || (a->m == b->m && a->d > b->d))
        a->y--;
    return tracuu_date_valid(a->y, a->m, a->d) ? OK : BAD;
}

/* After "tháng": "3 năm 2024" or "3/2024". */
static shape_t parse_month(const char *t, size_t len, size_t p, hit_t *h)
{
    long m, y;
    int nd;
    size_t i = read_num(t, len, p, &m, &nd);
    if (nd < 1 || nd > 2)
        return NO;
    size_t j = tracuu_scan_skip_space(t, len, i, WS_MAX);
    word_t w;
    if (j < len && t[j] == '/') {
        j++;
        if (j < len && t[j] == ' ')
            j++;
    } else if (word_at(t, len, j, &w) && keyword_of(&w) == TRACUU_KW_NAM) {
        j = tracuu_scan_skip_space(t, len, w.end, WS_MAX);
    } else {
        return NO;
    }
    size_t k = read_num(t, len, j, &y, &nd);
    if (nd != 4 || !clean_end(t, len, k))
        return NO;
    h->start = p;
    h->end = k;
    h->d = 0;
    h->m = (int)m;
    h->y = (int)y;
    return (year_ok(y) && m >= 1 && m <= 12) ? OK : BAD;
}

/* "11 - 12/2025", "11 đến tháng 12 năm 2025": two months, one year. */
static shape_t parse_month_range(const char *t, size_t len, size_t p,
                                 hit_t *a, hit_t *b)
{
    long m;
    int nd;
    size_t i = read_num(t, len, p, &m, &nd);
    if (nd < 1 || nd > 2)
        return NO;
    size_t c = read_connector(t, len, i);
    if (!c)
        return NO;
    word_t w;
    if (word_at(t, len, c, &w) && keyword_of(&w) == TRACUU_KW_THANG)
        c = tracuu_scan_skip_space(t, len, w.end, WS_MAX);
    if (c >= len || !tracuu_scan_is_digit((unsigned char)t[c]))
        return NO;
    shape_t r = parse_month(t, len, c, b);
    if (r != OK)
        return r;
    a->start = p;
    a->end = i;
    a->d = 0;
    a->m = (int)m;
    a->y = b->y;
    if (m < 1 || m > 12)
        return BAD;
    if (a->m > b->m)
        a->y--;
    return year_ok(a->y) ? OK : BAD;
}

/* "Y1 - Y2" (any dash, spaces and line breaks around it), Y1 < Y2. */
static bool parse_year_pair(const char *t, size_t len, long y1,
                            size_t after_y1, long *y2, size_t *end)
{
    size_t i = tracuu_scan_skip_space(t, len, after_y1, WS_MAX);
    size_t dl = tracuu_scan_dash_len(t, len, i);
    if (!dl)
        return false;
    i = tracuu_scan_skip_space(t, len, i + dl, WS_MAX);
    int nd;
    size_t j = read_num(t, len, i, y2, &nd);
    if (nd != 4 || !year_ok(*y2) || *y2 <= y1 || *y2 - y1 > 100)
        return false;
    if (!clean_end(t, len, j) || class_at(t, len, j) == C_LETTER)
        return false;
    *end = j;
    return true;
}

/* ---- the scanner --------------------------------------------------- */

typedef struct scan {
    const char *t;
    size_t len;
    const tracuu_span_t *ex;
    size_t nex;
    tracuu_dates_t *out;
    size_t cap_dates, cap_periods;
    tracuu_distinct_t *dset, *pset; /* distinct extraction, or NULL */
    bool issued;      /* the issue date has been found */
    size_t consumed;  /* digits before this belong to an earlier match */
} scan_t;

/* What stands right before the digit run at p. */
typedef struct left {
    kw_t kw;         /* keyword right before (spaces allowed), or NONE */
    size_t kw_start; /* where that keyword starts */
    bool glued;      /* a word touches the digits */
    word_t w;        /* that word */
    bool has_word;
} left_t;

static void left_of(const scan_t *s, size_t p, left_t *l)
{
    memset(l, 0, sizeof *l);
    size_t q = tracuu_scan_skip_space_back(s->t, p, WS_MAX);
    l->glued = q == p;
    if (!word_before(s->t, s->len, q, &l->w))
        return;
    l->has_word = true;
    l->kw_start = l->w.start;
    kw_t k = keyword_of(&l->w);
    if (k == TRACUU_KW_NONE && loose_ngay(&l->w))
        k = TRACUU_KW_NGAY;
    if (k == TRACUU_KW_NAM && l->w.fold[1] == 'a') {
        /* "Việt Nam 2024" is no year */
        word_t v;
        size_t r = tracuu_scan_skip_space_back(s->t, l->w.start, WS_MAX);
        if (r < l->w.start && word_before(s->t, s->len, r, &v) &&
            keyword_of(&v) == TRACUU_KW_VIET)
            k = TRACUU_KW_NONE;
    }
    l->kw = k;
}

/* Is any byte of [a, b) inside an exclude span? */
static bool overlaps_exclude(const scan_t *s, size_t a, size_t b)
{
    size_t lo = 0, hi = s->nex;
    while (lo < hi) { /* first span whose end is after a */
        size_t mid = lo + (hi - lo) / 2;
        if (s->ex[mid].end <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->nex && s->ex[lo].start < b;
}

/* Does an exclude span end in [a, b]? */
static bool exclude_ends_in(const scan_t *s, size_t a, size_t b)
{
    size_t lo = 0, hi = s->nex;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->ex[mid].end < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->nex && s->ex[lo].end <= b;
}

/* Back over what may separate two words of a title: spaces, commas and
 * dashes (at most 8 bytes). */
static size_t skip_title_gap(const char *t, size_t len, size_t q)
{
    size_t lim = q > 8 ? q - 8 : 0;
    while (q > lim) {
        unsigned char c = (unsigned char)t[q - 1];
        if (tracuu_scan_is_space(c) || c == ',' || c == '-') {
            q--;
            continue;
        }
        if (c >= 0x80) {
            size_t st;
            tracuu_scan_cp_before(t, q, &st);
            if (tracuu_scan_dash_len(t, len, st) == q - st) {
                q = st;
                continue;
            }
        }
        break;
    }
    return q;
}

/* A law's title ends right before pos: "Luật Thi đua, khen thưởng",
 * "Bộ luật Lao động", "Hiến pháp nước Cộng hòa ... Việt Nam", "Pháp lệnh
 * ...". Words are walked back across spaces, commas and dashes only; a
 * digit, other punctuation or a clause word (trong, vào, được, này, ...)
 * ends the walk. "Luật" must be capitalised (a lowercase "luật" is an
 * ordinary word: "pháp luật") and followed by a word other than "này". */
static bool law_title_before(const scan_t *s, size_t pos)
{
    const char *t = s->t;
    size_t q = pos;
    word_t w, after;
    bool have_after = false;
    for (int n = 0; n < TITLE_WORDS; n++) {
        q = skip_title_gap(t, s->len, q);
        if (!word_before(t, s->len, q, &w))
            return false;
        kw_t k = keyword_of(&w);
        if (k == TRACUU_KW_LUAT) {
            if (w.capital) /* older laws: "Luật báo chí ngày ..." */
                return have_after && strcmp(after.lower, "này") != 0 &&
                       strcmp(after.fold, "nay") != 0;
            word_t b; /* "Bộ luật"; otherwise a plain word: "pháp luật" */
            size_t r = tracuu_scan_skip_space_back(t, w.start, WS_MAX);
            if (r < w.start && word_before(t, s->len, r, &b) &&
                keyword_of(&b) == TRACUU_KW_BO && b.capital)
                return true;
        }
        if (k == TRACUU_KW_PHAP || k == TRACUU_KW_LENH) {
            word_t b; /* "Hiến pháp", "Pháp lệnh" */
            size_t r = tracuu_scan_skip_space_back(t, w.start, WS_MAX);
            if (r < w.start && word_before(t, s->len, r, &b) && b.capital &&
                keyword_of(&b) == (k == TRACUU_KW_PHAP ? TRACUU_KW_HIEN : TRACUU_KW_PHAP))
                return true;
        }
        /* (not năm: "Luật Biển Việt Nam ngày ...") */
        if (k == TRACUU_KW_STOP || k == TRACUU_KW_NGAY || k == TRACUU_KW_THANG || k == TRACUU_KW_SO ||
            k == TRACUU_KW_TU || k == TRACUU_KW_DEN || k == TRACUU_KW_TOI || k == TRACUU_KW_TRUOC)
            return false;
        after = w;
        have_after = true;
        q = w.start;
    }
    return false;
}

/* A letter of a cased script other than Latin: the Cyrillic "СР" that
 * sometimes stands for CP in symbols. */
static bool cased(uint32_t cp)
{
    return cp >= 0x80 && (tracuu_cp_lower(cp) != cp || tracuu_cp_upper(cp) != cp);
}

/* The date starting at start follows a document symbol (a '/' and a
 * capital letter within the last three tokens) or "số N":
 * "34-CT/TW, ngày", "53/KH-UBND ngay", "21/NQ- -HDND ngay", "số 12 ngày". */
static bool cited_before(const scan_t *s, size_t start)
{
    const char *t = s->t;
    size_t q = tracuu_scan_skip_space_back(t, start, WS_MAX);
    if (q > 0 && t[q - 1] == ',')
        q = tracuu_scan_skip_space_back(t, q - 1, WS_MAX);
    if (s->nex && exclude_ends_in(s, q, start))
        return true;
    /* up to three space-separated tokens of letters, digits, / - . & */
    size_t lim = q > SYMBOL_BACK ? q - SYMBOL_BACK : 0;
    bool slash = false, digit = false, capital = false;
    bool only_digits_first = false;
    size_t first_tok_start = q;
    size_t i = q;
    for (int tok = 0; tok < 3 && i > lim; tok++) {
        size_t e = i;
        bool lower_only = true, any_digit = false, all_digit = true;
        bool tslash = false, tcap = false;
        while (i > lim) {
            size_t st;
            uint32_t cp = tracuu_scan_cp_before(t, i, &st);
            cls_t c = classify(cp);
            if (c == C_DIGIT) {
                any_digit = true;
                lower_only = false;
            } else if (c == C_LETTER || c == C_MARK || cased(cp)) {
                all_digit = false;
                if (c != C_MARK && tracuu_cp_lower(cp) != cp) {
                    tcap = true;
                    lower_only = false;
                }
            } else if (cp == '/' || cp == '-' || cp == '.' || cp == '&' ||
                       cp == '_' || (cp >= 0x2010 && cp <= 0x2015)) {
                all_digit = false;
                lower_only = false;
                if (cp == '/')
                    tslash = true;
            } else {
                break;
            }
            i = st;
        }
        if (i == e)
            break;
        if (lower_only) { /* an ordinary word ends the symbol */
            i = e;
            break;
        }
        if (tok == 0) {
            only_digits_first = all_digit && any_digit;
            first_tok_start = i;
        }
        slash |= tslash;
        digit |= any_digit;
        capital |= tcap;
        if (i == 0 || !tracuu_scan_is_space((unsigned char)t[i - 1]) || only_digits_first)
            break;
        i--; /* one space or break between parts: "221/KH - LĐLĐ" */
    }
    /* a symbol has a type or issuer code: "06/01/1946 - 06/01/2026" is two
     * dates, not a symbol and its date */
    if (slash && capital)
        return true;
    if (only_digits_first) { /* "số 12 ngày" */
        word_t w;
        size_t r = tracuu_scan_skip_space_back(t, first_tok_start, WS_MAX);
        if (word_before(t, s->len, r, &w) && keyword_of(&w) == TRACUU_KW_SO)
            return true;
    }
    return law_title_before(s, start);
}

/* "đến ngày", "trước ngày", "(kể) từ ngày", "đến hết ngày", "hạn chót:
 * ngày", "chậm nhất là ngày"; start is where "ngày" (or the number) is. */
static bool deadline_before(const scan_t *s, size_t start)
{
    const char *t = s->t;
    kw_t k[3] = {TRACUU_KW_NONE, TRACUU_KW_NONE, TRACUU_KW_NONE};
    size_t q = start;
    for (int n = 0; n < 3; n++) {
        q = tracuu_scan_skip_space_back(t, q, WS_MAX);
        while (q > 0 && (t[q - 1] == ':' || t[q - 1] == '(' || t[q - 1] == ' '))
            q--;
        word_t w;
        if (!word_before(t, s->len, q, &w))
            break;
        k[n] = keyword_of(&w);
        q = w.start;
    }
    int i = k[0] == TRACUU_KW_LA ? 1 : 0; /* "hạn chót là ngày" */
    switch (k[i]) {
    case TRACUU_KW_DEN:
    case TRACUU_KW_TOI:
    case TRACUU_KW_TRUOC:
    case TRACUU_KW_TU:
        return true;
    case TRACUU_KW_HET:
        return i + 1 < 3 && (k[i + 1] == TRACUU_KW_DEN || k[i + 1] == TRACUU_KW_TOI ||
                             k[i + 1] == TRACUU_KW_TRUOC);
    case TRACUU_KW_CHOT:
        return i + 1 < 3 && k[i + 1] == TRACUU_KW_HAN;
    case TRACUU_KW_NHAT:
        return i + 1 < 3 && k[i + 1] == TRACUU_KW_CHAM;
    default:
        return false;
    }
}

/* Can a header field start at t[p]: a line start, a '|' or '#', a tab or
 * two spaces (a column gap), or a rule of 3+ '_' or '-' with at most one
 * space ("Hạnh phúc_______ Hà Nội, ngày ..." once the columns of a header
 * table are flattened)? */
static bool column_start(const char *t, size_t p)
{
    if (p == 0)
        return true;
    unsigned char c = (unsigned char)t[p - 1];
    if (c == '\n' || c == '|' || c == '\t' || c == '#')
        return true;
    size_t q = p;
    if (c == ' ') {
        if (p >= 2 && (t[p - 2] == ' ' || t[p - 2] == '\n' || t[p - 2] == '\t'))
            return true;
        q--;
    }
    if (q < 3)
        return false;
    char r = t[q - 1];
    return (r == '_' || r == '-') && t[q - 2] == r && t[q - 3] == r;
}

/* The header line "<Place>, ngày dd tháng mm năm yyyy": kw is where "ngày"
 * starts, end where the year ends. */
static bool header_line(const scan_t *s, size_t kw, size_t end)
{
    const char *t = s->t;
    if (kw > HEADER_WINDOW)
        return false;
    /* the date ends its line */
    size_t i = end, lim = end + 32;
    while (i < s->len && i < lim &&
           (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '|' ||
            t[i] == '*' || t[i] == '_'))
        i++;
    if (i < s->len && t[i] != '\n')
        return false;
    /* a comma before "ngày" (line breaks allowed) */
    size_t q = tracuu_scan_skip_space_back(t, kw, WS_MAX);
    if (q == 0 || t[q - 1] != ',')
        return false;
    size_t place_end = q - 1;
    /* the place: letters, spaces and dots back to the line start, a '|'
     * or a column gap (tab or two spaces) */
    size_t p = place_end, plim = place_end > PLACE_MAX ? place_end - PLACE_MAX : 0;
    while (p > plim) {
        size_t st;
        uint32_t cp = tracuu_scan_cp_before(t, p, &st);
        cls_t c = classify(cp);
        if (cp == ' ' && st > 0 && t[st - 1] == ' ')
            break;
        if (c == C_LETTER || c == C_MARK || cp == ' ' || cp == '.') {
            p = st;
            continue;
        }
        break;
    }
    if (p > 0 && !column_start(t, p))
        return false;
    int words = 0, lower = 0;
    bool first_cap = false;
    size_t j = p;
    while (j < place_end && words <= 8) {
        while (j < place_end && (t[j] == ' ' || t[j] == '.'))
            j++;
        if (j >= place_end)
            break;
        word_t w;
        if (!word_at(t, s->len, j, &w))
            return false;
        if (words == 0)
            first_cap = w.capital;
        if (!w.capital)
            lower++;
        words++;
        j = w.end;
    }
    return words >= 1 && words <= 7 && first_cap && lower <= 2;
}

/* Where a date or period stands in a distinct list: a repeat's index,
 * TRACUU_DISTINCT_DROPPED past the cap, TRACUU_DISTINCT_NEW to list it
 * (always without a set). */
static size_t listed(tracuu_distinct_t *set, const int *id, size_t n)
{
    return set ? tracuu_distinct_add(set, id, n * sizeof *id)
               : TRACUU_DISTINCT_NEW;
}

static void push_date(scan_t *s, const hit_t *h, size_t start,
                      tracuu_date_role_t role)
{
    tracuu_dates_t *o = s->out;
    int id[4] = {h->y, h->m, h->d, (int)role};
    size_t at = listed(s->dset, id, 4);
    if (at != TRACUU_DISTINCT_NEW) {
        if (at != TRACUU_DISTINCT_DROPPED && o->dates[at].count < UINT_MAX)
            o->dates[at].count++;
        return;
    }
    if (o->n_dates == s->cap_dates) {
        s->cap_dates = s->cap_dates ? s->cap_dates * 2 : 16;
        o->dates = tracuu_xrealloc(o->dates, s->cap_dates * sizeof *o->dates);
    }
    tracuu_date_t *d = &o->dates[o->n_dates++];
    d->year = h->y;
    d->month = h->m;
    d->day = h->d;
    d->role = role;
    d->span.start = start;
    d->span.end = h->end;
    d->count = 1;
}

static void push_period(scan_t *s, int from, int to, size_t start, size_t end)
{
    tracuu_dates_t *o = s->out;
    int id[2] = {from, to};
    size_t at = listed(s->pset, id, 2);
    if (at != TRACUU_DISTINCT_NEW) {
        if (at != TRACUU_DISTINCT_DROPPED && o->periods[at].count < UINT_MAX)
            o->periods[at].count++;
        return;
    }
    if (o->n_periods == s->cap_periods) {
        s->cap_periods = s->cap_periods ? s->cap_periods * 2 : 8;
        o->periods =
            tracuu_xrealloc(o->periods, s->cap_periods * sizeof *o->periods);
    }
    tracuu_period_t *p = &o->periods[o->n_periods++];
    p->from_year = from;
    p->to_year = to;
    p->span.start = start;
    p->span.end = end;
    p->count = 1;
}

/* Emit a date whose expression starts at start (the keyword, or the
 * first digit); ngay tells that "ngày" introduced it. */
static void emit(scan_t *s, const hit_t *h, size_t start, bool ngay)
{
    tracuu_date_role_t role = TRACUU_DATE_MENTIONED;
    if (h->d && ngay && !s->issued && header_line(s, start, h->end)) {
        role = TRACUU_DATE_ISSUED;
        s->issued = true;
    } else if (cited_before(s, start)) {
        role = TRACUU_DATE_CITED;
    } else if (h->m && deadline_before(s, start)) {
        role = TRACUU_DATE_DEADLINE;
    }
    push_date(s, h, start, role);
}

static bool fits(const scan_t *s, size_t a, size_t b)
{
    return s->nex == 0 || !overlaps_exclude(s, a, b);
}

/* A digit run preceded by '/': "ngày /11/2025" (a day left blank) or
 * "Quý IV/2025". */
static void try_after_slash(scan_t *s, size_t p)
{
    const char *t = s->t;
    size_t q = p - 1; /* the '/' */
    if (q > 0 && t[q - 1] == ' ')
        q--;
    /* blank day: spaces, dots and ellipses back to "ngày" */
    size_t r = q, lim = q > 24 ? q - 24 : 0;
    while (r > lim) {
        unsigned char c = (unsigned char)t[r - 1];
        if (tracuu_scan_is_space(c) || c == '.' || c == '_')
            r--;
        else if (r >= 3 && (unsigned char)t[r - 3] == 0xE2 &&
                 (unsigned char)t[r - 2] == 0x80 && c == 0xA6) /* … */
            r -= 3;
        else
            break;
    }
    word_t w;
    hit_t h;
    if (word_before(t, s->len, r, &w) && loose_ngay(&w)) {
        if (parse_month(t, s->len, p, &h) == OK && fits(s, w.start, h.end)) {
            emit(s, &h, w.start, false);
            s->consumed = h.end;
        }
        return;
    }
    /* quarter: roman numeral or 1-4, then "Quý" */
    size_t e = q;
    size_t b = e;
    while (b > 0 && b + 4 > e &&
           (t[b - 1] == 'I' || t[b - 1] == 'V' || (t[b - 1] >= '1' && t[b - 1] <= '4')))
        b--;
    if (b == e || b == 0 || t[b - 1] != ' ')
        return;
    size_t rr = tracuu_scan_skip_space_back(t, b, WS_MAX);
    if (!word_before(t, s->len, rr, &w) || keyword_of(&w) != TRACUU_KW_QUY)
        return;
    long y;
    int nd;
    size_t end = read_num(t, s->len, p, &y, &nd);
    if (nd != 4 || !year_ok(y) || !clean_end(t, s->len, end) ||
        !fits(s, w.start, end))
        return;
    h.y = (int)y;
    h.m = h.d = 0;
    h.start = p;
    h.end = end;
    push_date(s, &h, w.start, TRACUU_DATE_MENTIONED);
    s->consumed = end;
}

/* A 4-digit year at p: periods and "năm Y". */
static void try_year(scan_t *s, size_t p, const left_t *l)
{
    const char *t = s->t;
    long y, y2;
    int nd;
    size_t e = read_num(t, s->len, p, &y, &nd);
    if (nd != 4 || !year_ok(y))
        return;
    size_t end;
    if (parse_year_pair(t, s->len, y, e, &y2, &end)) {
        if (fits(s, p, end)) {
            push_period(s, (int)y, (int)y2, p, end);
            s->consumed = end;
        }
        return;
    }
    if (l->kw != TRACUU_KW_NAM || class_at(t, s->len, e) == C_LETTER ||
        !clean_end(t, s->len, e))
        return;
    size_t nam = l->kw_start;
    /* the word before "năm" */
    word_t w0;
    kw_t k0 = TRACUU_KW_NONE;
    size_t r = tracuu_scan_skip_space_back(t, nam, WS_MAX);
    if (r < nam && word_before(t, s->len, r, &w0))
        k0 = keyword_of(&w0);
    /* "(từ) năm Y1 đến năm Y2" */
    size_t c = tracuu_scan_skip_space(t, s->len, e, WS_MAX);
    word_t w;
    if (word_at(t, s->len, c, &w) &&
        (keyword_of(&w) == TRACUU_KW_DEN || keyword_of(&w) == TRACUU_KW_TOI)) {
        size_t i = tracuu_scan_skip_space(t, s->len, w.end, WS_MAX);
        if (word_at(t, s->len, i, &w) && keyword_of(&w) == TRACUU_KW_NAM)
            i = tracuu_scan_skip_space(t, s->len, w.end, WS_MAX);
        size_t j = read_num(t, s->len, i, &y2, &nd);
        if (nd == 4 && year_ok(y2) && y2 > y && clean_end(t, s->len, j) &&
            class_at(t, s->len, j) != C_LETTER) {
            if (fits(s, nam, j)) {
                push_period(s, (int)y, (int)y2, nam, j);
                s->consumed = j;
            }
            return;
        }
    }
    if (!fits(s, nam, e))
        return;
    if (k0 == TRACUU_KW_DEN || k0 == TRACUU_KW_TOI) { /* "đến năm 2030" */
        push_period(s, 0, (int)y, w0.start, e);
        s->consumed = e;
        return;
    }
    s->consumed = e;
    if (law_title_before(s, nam)) /* "Luật Thi đua, khen thưởng năm 2022" */
        return;
    hit_t h = {.y = (int)y, .m = 0, .d = 0, .start = p, .end = e};
    emit(s, &h, nam, false);
    /* a list: "năm 2024, 2025 và 2026" */
    for (int n = 0; n < 8; n++) {
        size_t i = tracuu_scan_skip_space(t, s->len, h.end, WS_MAX);
        bool sep = false;
        if (i < s->len && t[i] == ',') {
            i = tracuu_scan_skip_space(t, s->len, i + 1, WS_MAX);
            sep = true;
        }
        if (word_at(t, s->len, i, &w) && keyword_of(&w) == TRACUU_KW_VA) {
            i = tracuu_scan_skip_space(t, s->len, w.end, WS_MAX);
            sep = true;
        }
        size_t j = read_num(t, s->len, i, &y2, &nd);
        if (!sep || nd != 4 || !year_ok(y2) || !clean_end(t, s->len, j) ||
            class_at(t, s->len, j) == C_LETTER || tracuu_scan_dash_len(t, s->len, tracuu_scan_skip_space(t, s->len, j, WS_MAX)) ||
            !fits(s, i, j))
            return;
        h.y = (int)y2;
        h.start = i;
        h.end = j;
        push_date(s, &h, i, TRACUU_DATE_MENTIONED);
        s->consumed = j;
    }
}

/* Everything that can start at the digit run at p. */
static void try_at(scan_t *s, size_t p)
{
    assert(p < s->len && tracuu_scan_is_digit((unsigned char)s->t[p]));
    const char *t = s->t;
    size_t len = s->len;
    left_t l;
    hit_t a = {0}, b = {0};
    shape_t r;

    if (p > 0) {
        unsigned char c = (unsigned char)t[p - 1];
        if (c == '/') {
            try_after_slash(s, p);
            return;
        }
        /* inside a symbol or a number: "34-CT", "1.000", "93,5", "QH-2021",
         * "10:30" */
        if ((c == '-' || c == '.') && p >= 2 &&
            (tracuu_scan_is_digit((unsigned char)t[p - 2]) ||
             class_before(t, p - 1) == C_LETTER))
            return;
        if ((c == ',' || c == ':') && p >= 2 && tracuu_scan_is_digit((unsigned char)t[p - 2]))
            return;
        if (c >= 0x80 && p >= 3 && tracuu_scan_dash_len(t, len, p - 3) == 3 &&
            class_before(t, p - 3) == C_LETTER)
            return;
    }
    left_of(s, p, &l);
    if (l.has_word && l.glued && l.kw != TRACUU_KW_NGAY && l.kw != TRACUU_KW_THANG &&
        l.kw != TRACUU_KW_NAM)
        return; /* digits glued to a word: OCR "s6", "t6", "16n"; QH15 */

    bool ngay = l.kw == TRACUU_KW_NGAY;
    size_t start = ngay ? l.kw_start : p;

    r = parse_full(t, len, p, ngay, &a);
    if (r != NO) {
        if (r == OK && fits(s, start, a.end))
            emit(s, &a, start, ngay);
        s->consumed = a.end;
        return;
    }
    if (ngay || l.kw == TRACUU_KW_TU) {
        r = parse_day_range(t, len, p, &a, &b);
        if (r != NO) {
            if (r == OK && fits(s, start, b.end)) {
                emit(s, &a, start, false);
                size_t bs = b.start;
                word_t w; /* the second day's own "ngày" */
                size_t q = tracuu_scan_skip_space_back(t, bs, WS_MAX);
                if (word_before(t, len, q, &w) && loose_ngay(&w))
                    bs = w.start;
                emit(s, &b, bs, false);
            }
            s->consumed = b.end > a.end ? b.end : a.end;
            return;
        }
    }
    if (l.kw == TRACUU_KW_THANG) {
        /* not the month of a broken day: "ngày 31 tháng 02 năm 2024" */
        size_t q = tracuu_scan_skip_space_back(t, l.kw_start, WS_MAX);
        if (q > 0 && tracuu_scan_is_digit((unsigned char)t[q - 1]))
            return;
        r = parse_month(t, len, p, &a);
        if (r != NO) {
            if (r == OK && fits(s, l.kw_start, a.end))
                emit(s, &a, l.kw_start, false);
            s->consumed = a.end;
            return;
        }
        r = parse_month_range(t, len, p, &a, &b);
        if (r != NO) {
            if (r == OK && fits(s, l.kw_start, b.end)) {
                emit(s, &a, l.kw_start, false);
                size_t bs = b.start;
                word_t w;
                size_t q2 = tracuu_scan_skip_space_back(t, bs, WS_MAX);
                if (word_before(t, len, q2, &w) && keyword_of(&w) == TRACUU_KW_THANG)
                    bs = w.start;
                emit(s, &b, bs, false);
            }
            s->consumed = b.end;
            return;
        }
        return;
    }
    try_year(s, p, &l);
}

static void scan_all(scan_t *s)
{
    const char *text = s->t;
    size_t len = s->len;
    size_t ei = 0;
    size_t p = 0;
    while (p < len) {
        if (!tracuu_scan_is_digit((unsigned char)text[p])) {
            p++;
            continue;
        }
        size_t run = p;
        while (run < len && tracuu_scan_is_digit((unsigned char)text[run]))
            run++;
        while (ei < s->nex && s->ex[ei].end <= p)
            ei++;
        if (ei < s->nex && s->ex[ei].start <= p) {
            p = s->ex[ei].end > run ? s->ex[ei].end : run;
            continue;
        }
        if (p >= s->consumed && (p == 0 || !tracuu_scan_is_digit((unsigned char)text[p - 1])))
            try_at(s, p);
        p = s->consumed > run ? s->consumed : run;
    }
}

void tracuu_dates_extract(const char *text, size_t len,
                         const tracuu_span_t *exclude, size_t n_exclude,
                         tracuu_dates_t *out)
{
    memset(out, 0, sizeof *out);
    if (!text || len == 0)
        return;
    scan_t s = {.t = text, .len = len, .ex = exclude,
                .nex = exclude ? n_exclude : 0, .out = out};
    scan_all(&s);
    out->tally_dates = (tracuu_tally_t){out->n_dates, out->n_dates, out->n_dates};
    out->tally_periods =
        (tracuu_tally_t){out->n_periods, out->n_periods, out->n_periods};
}

void tracuu_dates_extract_distinct(const char *text, size_t len,
                                  const tracuu_span_t *exclude,
                                  size_t n_exclude, size_t max_dates,
                                  size_t max_periods, tracuu_dates_t *out)
{
    memset(out, 0, sizeof *out);
    if (!text || len == 0)
        return;
    tracuu_distinct_t dset = {.max = max_dates}, pset = {.max = max_periods};
    scan_t s = {.t = text, .len = len, .ex = exclude,
                .nex = exclude ? n_exclude : 0, .out = out,
                .dset = &dset, .pset = &pset};
    scan_all(&s);
    out->tally_dates = dset.tally;
    out->tally_periods = pset.tally;
    tracuu_distinct_free(&dset);
    tracuu_distinct_free(&pset);
}

void tracuu_dates_free(tracuu_dates_t *d)
{
    if (!d)
        return;
    free(d->dates);
    free(d->periods);
    memset(d, 0, sizeof *d);
}

bool tracuu_date_parse_at(const char *text, size_t len, size_t pos,
                          tracuu_date_t *out)
{
    if (!text || pos >= len)
        return false;
    size_t i = tracuu_scan_skip_space(text, len, pos, WS_MAX);
    if (i < len && text[i] == ',')
        i = tracuu_scan_skip_space(text, len, i + 1, WS_MAX);
    size_t start = i;
    word_t w;
    if (word_at(text, len, i, &w) && loose_ngay(&w))
        i = w.end;
    hit_t h;
    if (parse_after_ngay(text, len, i, &h) != OK)
        return false;
    if (start == i) /* no "ngày": the span starts at the digits */
        start = h.start;
    memset(out, 0, sizeof *out);
    out->year = h.y;
    out->month = h.m;
    out->day = h.d;
    out->role = TRACUU_DATE_MENTIONED;
    out->span.start = start;
    out->span.end = h.end;
    return true;
}

/* ---- queries ------------------------------------------------------- */

bool tracuu_date_parse_query(const char *s, size_t len, tracuu_date_t *out)
{
    if (!s)
        return false;
    size_t a = 0, b = len;
    while (a < b && tracuu_scan_is_space((unsigned char)s[a]))
        a++;
    while (b > a && tracuu_scan_is_space((unsigned char)s[b - 1]))
        b--;
    long v[3];
    int nd[3];
    int n = 0;
    char sep = 0;
    size_t i = a;
    while (i < b) {
        if (n == 3 || !tracuu_scan_is_digit((unsigned char)s[i]))
            return false;
        i = read_num(s, b, i, &v[n], &nd[n]);
        n++;
        if (i == b)
            break;
        char c = s[i];
        if (c != '/' && c != '-' && c != '.')
            return false;
        if (sep && c != sep)
            return false;
        sep = c;
        i++;
        if (i == b)
            return false; /* "2024-" */
    }
    int y = 0, m = 0, d = 0;
    if (n == 1 && nd[0] == 4) {
        y = (int)v[0];
    } else if (n == 2 && nd[0] == 4 && nd[1] <= 2) { /* 2024-02 */
        y = (int)v[0];
        m = (int)v[1];
    } else if (n == 2 && nd[0] <= 2 && nd[1] == 4) { /* 02/2024 */
        m = (int)v[0];
        y = (int)v[1];
    } else if (n == 3 && nd[0] == 4 && nd[1] <= 2 && nd[2] <= 2) {
        y = (int)v[0];
        m = (int)v[1];
        d = (int)v[2];
    } else if (n == 3 && nd[0] <= 2 && nd[1] <= 2 && nd[2] == 4) {
        d = (int)v[0];
        m = (int)v[1];
        y = (int)v[2];
    } else {
        return false;
    }
    if (!year_ok(y))
        return false;
    if (n >= 2 && (m < 1 || m > 12))
        return false;
    if (n == 3 && !tracuu_date_valid(y, m, d))
        return false;
    memset(out, 0, sizeof *out);
    out->year = y;
    out->month = m;
    out->day = d;
    out->role = TRACUU_DATE_MENTIONED;
    out->span.start = a;
    out->span.end = b;
    return true;
}

bool tracuu_date_parse_range(const char *s, size_t len, tracuu_date_t *from,
                             tracuu_date_t *to)
{
    if (!s)
        return false;
    size_t k = 0;
    while (k + 1 < len && !(s[k] == '.' && s[k + 1] == '.'))
        k++;
    if (k + 1 >= len)
        return false;
    size_t r = k + 2;
    if (r < len && s[r] == '.')
        return false; /* "..." */
    for (size_t i = r; i + 1 < len; i++)
        if (s[i] == '.' && s[i + 1] == '.')
            return false;
    tracuu_date_t f, t;
    memset(&f, 0, sizeof f);
    memset(&t, 0, sizeof t);
    bool lempty = true, rempty = true;
    for (size_t i = 0; i < k; i++)
        lempty &= tracuu_scan_is_space((unsigned char)s[i]);
    for (size_t i = r; i < len; i++)
        rempty &= tracuu_scan_is_space((unsigned char)s[i]);
    if (lempty && rempty)
        return false;
    if (!lempty && !tracuu_date_parse_query(s, k, &f))
        return false;
    if (!rempty) {
        if (!tracuu_date_parse_query(s + r, len - r, &t))
            return false;
        t.span.start += r;
        t.span.end += r;
    }
    if (!lempty && !rempty &&
        tracuu_date_first_ymd(&f) > tracuu_date_last_ymd(&t))
        return false;
    *from = f;
    *to = t;
    return true;
}

long tracuu_date_first_ymd(const tracuu_date_t *d)
{
    if (!d || d->year == 0)
        return 0;
    return d->year * 10000L + (d->month ? d->month : 1) * 100L +
           (d->day ? d->day : 1);
}

long tracuu_date_last_ymd(const tracuu_date_t *d)
{
    if (!d || d->year == 0)
        return 99991231L;
    int m = d->month ? d->month : 12;
    int day = d->day ? d->day : tracuu_date_days_in_month(d->year, m);
    return d->year * 10000L + m * 100L + day;
}

size_t tracuu_date_format(const tracuu_date_t *d, char *buf, size_t cap)
{
    if (!buf || cap == 0)
        return 0;
    buf[0] = '\0';
    if (!d || d->year <= 0 || d->year > 9999)
        return 0;
    int n;
    if (d->month && d->day)
        n = snprintf(buf, cap, "%04d-%02d-%02d", d->year, d->month, d->day);
    else if (d->month)
        n = snprintf(buf, cap, "%04d-%02d", d->year, d->month);
    else
        n = snprintf(buf, cap, "%04d", d->year);
    if (n < 0)
        return 0;
    return (size_t)n < cap ? (size_t)n : cap - 1;
}

const char *tracuu_date_role_name(tracuu_date_role_t role)
{
    static const char *const names[] = {"mentioned", "issued", "cited",
                                        "deadline"};
    if ((int)role < 0 || role >= TRACUU_DATE_ROLE_LAST)
        return "?";
    return names[role];
}
