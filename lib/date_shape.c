/* date_shape.c: the date shapes: characters, words, keywords, the calendar and the forms a date or period is written in. */
#include "date_impl.h"

/* ---- characters ---------------------------------------------------- */

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

cls_t tracuu_dt_classify(uint32_t cp)
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

cls_t tracuu_dt_class_before(const char *t, size_t pos)
{
    if (pos == 0)
        return C_OTHER;
    size_t s;
    return tracuu_dt_classify(tracuu_scan_cp_before(t, pos, &s));
}

cls_t tracuu_dt_class_at(const char *t, size_t len, size_t pos)
{
    if (pos >= len)
        return C_OTHER;
    size_t i = pos;
    return tracuu_dt_classify(tracuu_scan_cp_at(t, len, i, &i));
}

/* ---- numbers and words --------------------------------------------- */

/* Digits at t[i]: value (when at most 6 digits) and count. */
size_t tracuu_dt_read_num(const char *t, size_t len, size_t i, long *val,
                          int *nd)
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
bool tracuu_dt_word_at(const char *t, size_t len, size_t pos, word_t *w)
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
        cls_t c = tracuu_dt_classify(cp);
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
        put_utf8(w,
                 cp < 0x80 ? (uint32_t)fold_letter(cp) : tracuu_cp_lower(cp));
        letters++;
    }
    w->fold[w->nfold] = '\0';
    w->lower[w->nlower] = '\0';
    w->end = i;
    return letters > 0;
}

/* The word ending at t[pos) (no space between); false when none. */
bool tracuu_dt_word_before(const char *t, size_t len, size_t pos, word_t *w)
{
    assert(pos <= len);
    size_t i = pos;
    int n = 0;
    while (i > 0 && n <= WORD_MAX) {
        size_t s;
        cls_t c = tracuu_dt_classify(tracuu_scan_cp_before(t, i, &s));
        if (c != C_LETTER && c != C_MARK)
            break;
        i = s;
        n++;
    }
    if (i == pos)
        return false;
    bool more = n > WORD_MAX;
    /* a word must start with a letter, not a stray mark */
    while (i < pos && tracuu_dt_class_at(t, len, i) == C_MARK) {
        size_t j = i;
        tracuu_scan_cp_at(t, len, j, &j);
        i = j;
    }
    if (!tracuu_dt_word_at(t, len, i, w) || w->end != pos)
        return false;
    if (more)
        w->longer = true;
    return true;
}

/* ---- keywords ------------------------------------------------------ */

kw_t tracuu_dt_keyword_of(const word_t *w)
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

bool tracuu_dt_loose_ngay(const word_t *w)
{
    return tracuu_dt_keyword_of(w) == TRACUU_KW_NGAY ||
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

bool tracuu_dt_year_ok(long y)
{
    return y >= YEAR_MIN && y <= YEAR_MAX;
}

/* ---- the shapes ---------------------------------------------------- */

/* h is the date d.m.y written over [start, end): OK when that day
 * exists, BAD when it does not (31/02/2024). */
static shape_t hit_date(hit_t *h, size_t start, size_t end, long y, long m,
                        long d)
{
    h->start = start;
    h->end = end;
    h->d = (int)d;
    h->m = (int)m;
    h->y = (int)y;
    return tracuu_date_valid(h->y, h->m, h->d) ? OK : BAD;
}

/* After a complete numeric date: reject what continues as a symbol or a
 * longer number ("1/2/2024/QĐ", "1/2/2024-KH", "1.2.2024.5"). */
bool tracuu_dt_clean_end(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return true;
    unsigned char c = (unsigned char)t[i];
    if (tracuu_scan_is_digit(c) || c == '/')
        return false;
    size_t dl = tracuu_scan_dash_len(t, len, i);
    if (dl && tracuu_dt_class_at(t, len, i + dl) == C_LETTER)
        return false;
    if (c == '.' && i + 1 < len &&
        tracuu_scan_is_digit((unsigned char)t[i + 1]))
        return false;
    return true;
}

/* "07 tháng 01 năm 2025", spaces and line breaks optional between parts. */
static shape_t parse_long(const char *t, size_t len, size_t p, hit_t *h)
{
    long d, m, y;
    int nd;
    word_t w;
    size_t i = tracuu_dt_read_num(t, len, p, &d, &nd);
    if (nd < 1 || nd > 2)
        return NO;
    i = tracuu_scan_skip_space(t, len, i, WS_MAX);
    if (!tracuu_dt_word_at(t, len, i, &w) || !loose_thang(&w))
        return NO;
    i = tracuu_scan_skip_space(t, len, w.end, WS_MAX);
    size_t j = tracuu_dt_read_num(t, len, i, &m, &nd);
    if (nd < 1 || nd > 2)
        return NO;
    i = tracuu_scan_skip_space(t, len, j, WS_MAX);
    /* another date word typed for "năm" happens: "ngày 01 tháng 01 ngày
     * 2012", "ngày 15 tháng 9 tháng 2022"; four digits must follow */
    if (!tracuu_dt_word_at(t, len, i, &w) ||
        !(loose_nam(&w) || tracuu_dt_loose_ngay(&w) ||
          tracuu_dt_keyword_of(&w) == TRACUU_KW_THANG))
        return NO;
    i = tracuu_scan_skip_space(t, len, w.end, WS_MAX);
    j = tracuu_dt_read_num(t, len, i, &y, &nd);
    if (nd != 4 || tracuu_dt_class_at(t, len, j) == C_LETTER)
        return NO;
    return hit_date(h, p, j, y, m, d);
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
    size_t i = tracuu_dt_read_num(t, len, p, &d, &nd);
    if (nd < 1 || nd > 2)
        return NO;
    size_t j = read_sep(t, len, i, spaced, &s1);
    if (!j)
        return NO;
    i = tracuu_dt_read_num(t, len, j, &m, &nd);
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
    i = tracuu_dt_read_num(t, len, j, &y, &nd);
    if (nd != 4 || !tracuu_dt_clean_end(t, len, i))
        return NO;
    return hit_date(h, p, i, y, m, d);
}

shape_t tracuu_dt_parse_full(const char *t, size_t len, size_t p, bool spaced,
                             hit_t *h)
{
    shape_t r = parse_long(t, len, p, h);
    if (r != NO)
        return r;
    return parse_numeric(t, len, p, spaced, h);
}

/* After "ngày": optional spaces then the digits of a full date (the word
 * may be glued: "ngày03"). */
shape_t tracuu_dt_parse_after_ngay(const char *t, size_t len, size_t i,
                                   hit_t *h)
{
    i = tracuu_scan_skip_space(t, len, i, WS_MAX);
    if (i >= len || !tracuu_scan_is_digit((unsigned char)t[i]))
        return NO;
    return tracuu_dt_parse_full(t, len, i, true, h);
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
    if (!tracuu_dt_word_at(t, len, i, &w))
        return 0;
    kw_t k = tracuu_dt_keyword_of(&w);
    if (k != TRACUU_KW_DEN && k != TRACUU_KW_TOI && k != TRACUU_KW_VA)
        return 0;
    return tracuu_scan_skip_space(t, len, w.end, WS_MAX);
}

/* "ngày 15/11 đến ngày 20/11/2025", "ngày 17 đến ngày 20 tháng 11 năm
 * 2025", "ngày 17 tháng 10 đến ngày 29 tháng 11 năm 2006", "16-20/11/2025":
 * the first day takes the missing month and year from the second. */
shape_t tracuu_dt_parse_day_range(const char *t, size_t len, size_t p, hit_t *a,
                                  hit_t *b)
{
    long d, m = 0;
    int nd;
    size_t i = tracuu_dt_read_num(t, len, p, &d, &nd);
    if (nd < 1 || nd > 2)
        return NO;
    size_t end_a = i;
    size_t j = tracuu_scan_skip_space(t, len, i, WS_MAX);
    word_t w;
    if (j < len && t[j] == '/') {
        j = tracuu_dt_read_num(t, len, j + 1, &m, &nd);
        if (nd < 1 || nd > 2)
            return NO;
        end_a = j;
    } else if (tracuu_dt_word_at(t, len, j, &w) &&
               tracuu_dt_keyword_of(&w) == TRACUU_KW_THANG) {
        j = tracuu_scan_skip_space(t, len, w.end, WS_MAX);
        size_t k = tracuu_dt_read_num(t, len, j, &m, &nd);
        if (nd < 1 || nd > 2)
            return NO;
        end_a = k;
    }
    a->start = p;
    a->end = end_a;
    size_t c = read_connector(t, len, end_a);
    if (!c)
        return NO;
    if (tracuu_dt_word_at(t, len, c, &w) && tracuu_dt_loose_ngay(&w))
        c = tracuu_scan_skip_space(t, len, w.end, WS_MAX);
    if (c >= len || !tracuu_scan_is_digit((unsigned char)t[c]))
        return NO;
    shape_t r = tracuu_dt_parse_full(t, len, c, true, b);
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
shape_t tracuu_dt_parse_month(const char *t, size_t len, size_t p, hit_t *h)
{
    long m, y;
    int nd;
    size_t i = tracuu_dt_read_num(t, len, p, &m, &nd);
    if (nd < 1 || nd > 2)
        return NO;
    size_t j = tracuu_scan_skip_space(t, len, i, WS_MAX);
    word_t w;
    if (j < len && t[j] == '/') {
        j++;
        if (j < len && t[j] == ' ')
            j++;
    } else if (tracuu_dt_word_at(t, len, j, &w) &&
               tracuu_dt_keyword_of(&w) == TRACUU_KW_NAM) {
        j = tracuu_scan_skip_space(t, len, w.end, WS_MAX);
    } else {
        return NO;
    }
    size_t k = tracuu_dt_read_num(t, len, j, &y, &nd);
    if (nd != 4 || !tracuu_dt_clean_end(t, len, k))
        return NO;
    h->start = p;
    h->end = k;
    h->d = 0;
    h->m = (int)m;
    h->y = (int)y;
    return (tracuu_dt_year_ok(y) && m >= 1 && m <= 12) ? OK : BAD;
}

/* "11 - 12/2025", "11 đến tháng 12 năm 2025": two months, one year. */
shape_t tracuu_dt_parse_month_range(const char *t, size_t len, size_t p,
                                    hit_t *a, hit_t *b)
{
    long m;
    int nd;
    size_t i = tracuu_dt_read_num(t, len, p, &m, &nd);
    if (nd < 1 || nd > 2)
        return NO;
    size_t c = read_connector(t, len, i);
    if (!c)
        return NO;
    word_t w;
    if (tracuu_dt_word_at(t, len, c, &w) &&
        tracuu_dt_keyword_of(&w) == TRACUU_KW_THANG)
        c = tracuu_scan_skip_space(t, len, w.end, WS_MAX);
    if (c >= len || !tracuu_scan_is_digit((unsigned char)t[c]))
        return NO;
    shape_t r = tracuu_dt_parse_month(t, len, c, b);
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
    return tracuu_dt_year_ok(a->y) ? OK : BAD;
}

/* "Y1 - Y2" (any dash, spaces and line breaks around it), Y1 < Y2. */
bool tracuu_dt_parse_year_pair(const char *t, size_t len, long y1,
                               size_t after_y1, long *y2, size_t *end)
{
    size_t i = tracuu_scan_skip_space(t, len, after_y1, WS_MAX);
    size_t dl = tracuu_scan_dash_len(t, len, i);
    if (!dl)
        return false;
    i = tracuu_scan_skip_space(t, len, i + dl, WS_MAX);
    int nd;
    size_t j = tracuu_dt_read_num(t, len, i, y2, &nd);
    if (nd != 4 || !tracuu_dt_year_ok(*y2) || *y2 <= y1 || *y2 - y1 > 100)
        return false;
    if (!tracuu_dt_clean_end(t, len, j) ||
        tracuu_dt_class_at(t, len, j) == C_LETTER)
        return false;
    *end = j;
    return true;
}

