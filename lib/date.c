/* date.c: dates, periods and their roles in Vietnamese administrative text, one linear scan. */
#include "date_impl.h"

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
    if (!tracuu_dt_word_before(s->t, s->len, q, &l->w))
        return;
    l->has_word = true;
    l->kw_start = l->w.start;
    kw_t k = tracuu_dt_keyword_of(&l->w);
    if (k == TRACUU_KW_NONE && tracuu_dt_loose_ngay(&l->w))
        k = TRACUU_KW_NGAY;
    if (k == TRACUU_KW_NAM && l->w.fold[1] == 'a') {
        /* "Việt Nam 2024" is no year */
        word_t v;
        size_t r = tracuu_scan_skip_space_back(s->t, l->w.start, WS_MAX);
        if (r < l->w.start && tracuu_dt_word_before(s->t, s->len, r, &v) &&
            tracuu_dt_keyword_of(&v) == TRACUU_KW_VIET)
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
        if (!tracuu_dt_word_before(t, s->len, q, &w))
            return false;
        kw_t k = tracuu_dt_keyword_of(&w);
        if (k == TRACUU_KW_LUAT) {
            if (w.capital) /* older laws: "Luật báo chí ngày ..." */
                return have_after && strcmp(after.lower, "này") != 0 &&
                       strcmp(after.fold, "nay") != 0;
            word_t b; /* "Bộ luật"; otherwise a plain word: "pháp luật" */
            size_t r = tracuu_scan_skip_space_back(t, w.start, WS_MAX);
            if (r < w.start && tracuu_dt_word_before(t, s->len, r, &b) &&
                tracuu_dt_keyword_of(&b) == TRACUU_KW_BO && b.capital)
                return true;
        }
        if (k == TRACUU_KW_PHAP || k == TRACUU_KW_LENH) {
            word_t b; /* "Hiến pháp", "Pháp lệnh" */
            size_t r = tracuu_scan_skip_space_back(t, w.start, WS_MAX);
            if (r < w.start && tracuu_dt_word_before(t, s->len, r, &b) &&
                b.capital &&
                tracuu_dt_keyword_of(&b) ==
                    (k == TRACUU_KW_PHAP ? TRACUU_KW_HIEN : TRACUU_KW_PHAP))
                return true;
        }
        /* (not năm: "Luật Biển Việt Nam ngày ...") */
        if (k == TRACUU_KW_STOP || k == TRACUU_KW_NGAY ||
            k == TRACUU_KW_THANG || k == TRACUU_KW_SO || k == TRACUU_KW_TU ||
            k == TRACUU_KW_DEN || k == TRACUU_KW_TOI || k == TRACUU_KW_TRUOC)
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
    return cp >= 0x80 &&
           (tracuu_cp_lower(cp) != cp || tracuu_cp_upper(cp) != cp);
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
            cls_t c = tracuu_dt_classify(cp);
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
        if (i == 0 || !tracuu_scan_is_space((unsigned char)t[i - 1]) ||
            only_digits_first)
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
        if (tracuu_dt_word_before(t, s->len, r, &w) &&
            tracuu_dt_keyword_of(&w) == TRACUU_KW_SO)
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
        if (!tracuu_dt_word_before(t, s->len, q, &w))
            break;
        k[n] = tracuu_dt_keyword_of(&w);
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
        return i + 1 < 3 &&
               (k[i + 1] == TRACUU_KW_DEN || k[i + 1] == TRACUU_KW_TOI ||
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
    size_t p = place_end,
           plim = place_end > PLACE_MAX ? place_end - PLACE_MAX : 0;
    while (p > plim) {
        size_t st;
        uint32_t cp = tracuu_scan_cp_before(t, p, &st);
        cls_t c = tracuu_dt_classify(cp);
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
        if (!tracuu_dt_word_at(t, s->len, j, &w))
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
    if (tracuu_dt_word_before(t, s->len, r, &w) && tracuu_dt_loose_ngay(&w)) {
        if (tracuu_dt_parse_month(t, s->len, p, &h) == OK &&
            fits(s, w.start, h.end)) {
            emit(s, &h, w.start, false);
            s->consumed = h.end;
        }
        return;
    }
    /* quarter: roman numeral or 1-4, then "Quý" */
    size_t e = q;
    size_t b = e;
    while (b > 0 && b + 4 > e &&
           (t[b - 1] == 'I' || t[b - 1] == 'V' ||
            (t[b - 1] >= '1' && t[b - 1] <= '4')))
        b--;
    if (b == e || b == 0 || t[b - 1] != ' ')
        return;
    size_t rr = tracuu_scan_skip_space_back(t, b, WS_MAX);
    if (!tracuu_dt_word_before(t, s->len, rr, &w) ||
        tracuu_dt_keyword_of(&w) != TRACUU_KW_QUY)
        return;
    long y;
    int nd;
    size_t end = tracuu_dt_read_num(t, s->len, p, &y, &nd);
    if (nd != 4 || !tracuu_dt_year_ok(y) ||
        !tracuu_dt_clean_end(t, s->len, end) || !fits(s, w.start, end))
        return;
    h.y = (int)y;
    h.m = h.d = 0;
    h.start = p;
    h.end = end;
    push_date(s, &h, w.start, TRACUU_DATE_MENTIONED);
    s->consumed = end;
}

/* A 4-digit year at p: periods and "năm Y". */
/* The years listed after the year h: "năm 2024, 2025 và 2026". */
static void year_list(scan_t *s, hit_t h)
{
    const char *t = s->t;
    long y2;
    int nd;
    word_t w;
    for (int n = 0; n < 8; n++) {
        size_t i = tracuu_scan_skip_space(t, s->len, h.end, WS_MAX);
        bool sep = false;
        if (i < s->len && t[i] == ',') {
            i = tracuu_scan_skip_space(t, s->len, i + 1, WS_MAX);
            sep = true;
        }
        if (tracuu_dt_word_at(t, s->len, i, &w) &&
            tracuu_dt_keyword_of(&w) == TRACUU_KW_VA) {
            i = tracuu_scan_skip_space(t, s->len, w.end, WS_MAX);
            sep = true;
        }
        size_t j = tracuu_dt_read_num(t, s->len, i, &y2, &nd);
        if (!sep || nd != 4 || !tracuu_dt_year_ok(y2) ||
            !tracuu_dt_clean_end(t, s->len, j) ||
            tracuu_dt_class_at(t, s->len, j) == C_LETTER ||
            tracuu_scan_dash_len(
                t, s->len, tracuu_scan_skip_space(t, s->len, j, WS_MAX)) ||
            !fits(s, i, j))
            return;
        h.y = (int)y2;
        h.start = i;
        h.end = j;
        push_date(s, &h, i, TRACUU_DATE_MENTIONED);
        s->consumed = j;
    }
}

static void try_year(scan_t *s, size_t p, const left_t *l)
{
    const char *t = s->t;
    long y, y2;
    int nd;
    size_t e = tracuu_dt_read_num(t, s->len, p, &y, &nd);
    if (nd != 4 || !tracuu_dt_year_ok(y))
        return;
    size_t end;
    if (tracuu_dt_parse_year_pair(t, s->len, y, e, &y2, &end)) {
        if (fits(s, p, end)) {
            push_period(s, (int)y, (int)y2, p, end);
            s->consumed = end;
        }
        return;
    }
    if (l->kw != TRACUU_KW_NAM ||
        tracuu_dt_class_at(t, s->len, e) == C_LETTER ||
        !tracuu_dt_clean_end(t, s->len, e))
        return;
    size_t nam = l->kw_start;
    /* the word before "năm" */
    word_t w0;
    kw_t k0 = TRACUU_KW_NONE;
    size_t r = tracuu_scan_skip_space_back(t, nam, WS_MAX);
    if (r < nam && tracuu_dt_word_before(t, s->len, r, &w0))
        k0 = tracuu_dt_keyword_of(&w0);
    /* "(từ) năm Y1 đến năm Y2" */
    size_t c = tracuu_scan_skip_space(t, s->len, e, WS_MAX);
    word_t w;
    if (tracuu_dt_word_at(t, s->len, c, &w) &&
        (tracuu_dt_keyword_of(&w) == TRACUU_KW_DEN ||
         tracuu_dt_keyword_of(&w) == TRACUU_KW_TOI)) {
        size_t i = tracuu_scan_skip_space(t, s->len, w.end, WS_MAX);
        if (tracuu_dt_word_at(t, s->len, i, &w) &&
            tracuu_dt_keyword_of(&w) == TRACUU_KW_NAM)
            i = tracuu_scan_skip_space(t, s->len, w.end, WS_MAX);
        size_t j = tracuu_dt_read_num(t, s->len, i, &y2, &nd);
        if (nd == 4 && tracuu_dt_year_ok(y2) && y2 > y &&
            tracuu_dt_clean_end(t, s->len, j) &&
            tracuu_dt_class_at(t, s->len, j) != C_LETTER) {
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
    year_list(s, h);
}

/* Everything that can start at the digit run at p. */
/* The digits at p (p > 0) sit inside a symbol or a number: "34-CT",
 * "1.000", "93,5", "QH-2021", "10:30", "QĐ–2024". */
static bool inside_token(const char *t, size_t len, size_t p)
{
    assert(p > 0);
    unsigned char c = (unsigned char)t[p - 1];
    if ((c == '-' || c == '.') && p >= 2 &&
        (tracuu_scan_is_digit((unsigned char)t[p - 2]) ||
         tracuu_dt_class_before(t, p - 1) == C_LETTER))
        return true;
    if ((c == ',' || c == ':') && p >= 2 &&
        tracuu_scan_is_digit((unsigned char)t[p - 2]))
        return true;
    return c >= 0x80 && p >= 3 && tracuu_scan_dash_len(t, len, p - 3) == 3 &&
           tracuu_dt_class_before(t, p - 3) == C_LETTER;
}

static void try_at(scan_t *s, size_t p)
{
    assert(p < s->len && tracuu_scan_is_digit((unsigned char)s->t[p]));
    const char *t = s->t;
    size_t len = s->len;
    left_t l;
    hit_t a = {0}, b = {0};
    shape_t r;

    if (p > 0 && t[p - 1] == '/') {
        try_after_slash(s, p);
        return;
    }
    if (p > 0 && inside_token(t, len, p))
        return;
    left_of(s, p, &l);
    if (l.has_word && l.glued && l.kw != TRACUU_KW_NGAY &&
        l.kw != TRACUU_KW_THANG && l.kw != TRACUU_KW_NAM)
        return; /* digits glued to a word: OCR "s6", "t6", "16n"; QH15 */

    bool ngay = l.kw == TRACUU_KW_NGAY;
    size_t start = ngay ? l.kw_start : p;

    r = tracuu_dt_parse_full(t, len, p, ngay, &a);
    if (r != NO) {
        if (r == OK && fits(s, start, a.end))
            emit(s, &a, start, ngay);
        s->consumed = a.end;
        return;
    }
    if (ngay || l.kw == TRACUU_KW_TU) {
        r = tracuu_dt_parse_day_range(t, len, p, &a, &b);
        if (r != NO) {
            if (r == OK && fits(s, start, b.end)) {
                emit(s, &a, start, false);
                size_t bs = b.start;
                word_t w; /* the second day's own "ngày" */
                size_t q = tracuu_scan_skip_space_back(t, bs, WS_MAX);
                if (tracuu_dt_word_before(t, len, q, &w) &&
                    tracuu_dt_loose_ngay(&w))
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
        r = tracuu_dt_parse_month(t, len, p, &a);
        if (r != NO) {
            if (r == OK && fits(s, l.kw_start, a.end))
                emit(s, &a, l.kw_start, false);
            s->consumed = a.end;
            return;
        }
        r = tracuu_dt_parse_month_range(t, len, p, &a, &b);
        if (r != NO) {
            if (r == OK && fits(s, l.kw_start, b.end)) {
                emit(s, &a, l.kw_start, false);
                size_t bs = b.start;
                word_t w;
                size_t q2 = tracuu_scan_skip_space_back(t, bs, WS_MAX);
                if (tracuu_dt_word_before(t, len, q2, &w) &&
                    tracuu_dt_keyword_of(&w) == TRACUU_KW_THANG)
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
        if (p >= s->consumed &&
            (p == 0 || !tracuu_scan_is_digit((unsigned char)text[p - 1])))
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
    out->tally_dates =
        (tracuu_tally_t){out->n_dates, out->n_dates, out->n_dates};
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

