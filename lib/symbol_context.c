/* symbol_context.c: what surrounds a symbol: the type word and "số" before it, its issuer phrase and date after it. */
#include "symbol_impl.h"

/* ---- context windows ---- */

static void fwin_make(const char *t, size_t len, size_t from, size_t to,
                      fwin_t *w)
{
    if (to > len)
        to = len;
    /* Start on a character boundary. */
    while (from < to && ((unsigned char)t[from] & 0xC0) == 0x80)
        from++;
    tracuu_folded_t f;
    tracuu_folded_make(t + from, to - from, &f);
    w->s = tracuu_xmalloc(f.len + 1);
    w->src = tracuu_xmalloc((f.len + 1) * sizeof *w->src);
    w->from = from;
    w->to = to;
    size_t n = 0;
    for (size_t i = 0; i < f.len; i++) {
        char c = f.s[i];
        if (tracuu_scan_is_space(c)) {
            if (n > 0 && w->s[n - 1] == ' ')
                continue;
            c = ' ';
        }
        w->s[n] = c;
        w->src[n] = from + f.src[i];
        n++;
    }
    w->s[n] = '\0';
    w->src[n] = to;
    w->n = n;
    tracuu_folded_free(&f);
}

static void fwin_free(fwin_t *w)
{
    free(w->s);
    free(w->src);
    w->s = NULL;
    w->src = NULL;
}

static bool fchar_word(char c)
{
    return (c >= 'a' && c <= 'z') || tracuu_scan_is_digit(c) ||
           (unsigned char)c >= 0x80;
}

/* Does w end (at n) with the word f, on a word boundary? */
static bool ends_with_word(const fwin_t *w, size_t n, const char *f,
                           bool text_start)
{
    size_t l = strlen(f);
    if (l == 0 || n < l || memcmp(w->s + n - l, f, l) != 0)
        return false;
    if (n == l)
        return text_start;
    return !fchar_word(w->s[n - l - 1]);
}

/* Does w hold the word f at i, on word boundaries? */
static bool fwin_word_at(const fwin_t *w, size_t i, const char *f)
{
    size_t l = strlen(f);
    if (i + l > w->n || memcmp(w->s + i, f, l) != 0)
        return false;
    if (i > 0 && fchar_word(w->s[i - 1]))
        return false;
    return i + l == w->n || !fchar_word(w->s[i + l]);
}

static size_t trim_end(const fwin_t *w, size_t n)
{
    while (n > 0 && w->s[n - 1] == ' ')
        n--;
    return n;
}

/* The longest type word ending at n. */
static const tracuu_typeword_t *typeword_ending(const fwin_t *w, size_t n,
                                                bool text_start)
{
    const tracuu_typeword_t *best = NULL;
    for (const tracuu_typeword_t *tw = tracuu_typewords; tw->word; tw++) {
        if (ends_with_word(w, n, tw->folded, text_start) &&
            (!best || strlen(tw->folded) > strlen(best->folded)))
            best = tw;
    }
    return best;
}

/* The longest type word starting at i. */
static const tracuu_typeword_t *typeword_at(const fwin_t *w, size_t i)
{
    const tracuu_typeword_t *best = NULL;
    for (const tracuu_typeword_t *tw = tracuu_typewords; tw->word; tw++) {
        if (fwin_word_at(w, i, tw->folded) &&
            (!best || strlen(tw->folded) > strlen(best->folded)))
            best = tw;
    }
    return best;
}

void tracuu_sym_scan_before(const char *t, size_t len, size_t start,
                            before_t *b)
{
    memset(b, 0, sizeof *b);
    size_t from = start > BEFORE_WINDOW ? start - BEFORE_WINDOW : 0;
    fwin_t w;
    fwin_make(t, len, from, start, &w);
    bool at0 = w.from == 0;
    size_t n = trim_end(&w, w.n);
    if (n > 0 && w.s[n - 1] == ':') {
        b->colon = true;
        n = trim_end(&w, n - 1);
    }
    for (const char *const *so = tracuu_so_words; *so; so++) {
        if (ends_with_word(&w, n, *so, at0)) {
            b->so = true;
            n -= strlen(*so);
            b->so_start = w.src[n];
            n = trim_end(&w, n);
            break;
        }
    }
    const tracuu_typeword_t *tw = typeword_ending(&w, n, at0);
    if (tw) {
        size_t l = strlen(tw->folded);
        b->word = tw;
        b->word_span.start = w.src[n - l];
        b->word_span.end = w.src[n];
    }
    for (const char *const *bl = tracuu_symbol_blockers; *bl; bl++) {
        if (ends_with_word(&w, n, *bl, at0)) {
            b->blocked = true;
            break;
        }
    }
    fwin_free(&w);
}

/* "Luật Tổ chức chính quyền địa phương số 72/2025/QH15", "Báo cáo thẩm
 * tra số 116/BC-BĐT": the nearest capitalised type word earlier in the
 * same clause, which must name the symbol's type when it has one. */
void tracuu_sym_find_named_word(const char *t, size_t len, size_t so_start,
                                tracuu_symbol_t *s)
{
    size_t from = so_start > LAW_LOOKBACK ? so_start - LAW_LOOKBACK : 0;
    fwin_t w;
    fwin_make(t, len, from, so_start, &w);
    for (size_t i = w.n; i-- > 0;) {
        char c = w.s[i];
        if (c == ';' || c == '.' || c == ':' || tracuu_scan_is_digit(c) ||
            c == '(' || c == ')')
            break;
        if (i > 0 && w.s[i - 1] != ' ')
            continue;
        const tracuu_typeword_t *tw = typeword_at(&w, i);
        if (!tw)
            continue;
        uint32_t cp = tracuu_scan_cp_at(t, len, w.src[i], NULL);
        if (tracuu_cp_lower(cp) == cp)
            continue; /* "pháp luật" is not a law's name */
        if (s->type_code[0] && strcmp(tw->code, s->type_code) != 0)
            break;
        s->word = tw;
        s->word_span.start = w.src[i];
        s->word_span.end = w.src[i + strlen(tw->folded)];
        break;
    }
    fwin_free(&w);
}

static bool line_start_before(const char *t, size_t i)
{
    while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t'))
        i--;
    return i == 0 || t[i - 1] == '\n';
}

/* The document's own number: "Số: 01/KH-UBND-CD", "Số" opening its
 * line, or a type word opening its line before "số:", within the
 * header. */
bool tracuu_sym_is_own(const char *t, const parsed_t *p, const before_t *b)
{
    if (p->start >= HEADER_BYTES || !b->so)
        return false;
    bool capital = t[b->so_start] == 'S';
    if (!b->word)
        return capital && (b->colon || line_start_before(t, b->so_start));
    /* "Luật số: 68/2020/QH14". A title in capitals ("LUẬT SỐ ...") may
     * as well cite another document ("... TRIỂN KHAI CHỈ THỊ SỐ
     * 32/CT-TTG"): only the colon tells. */
    return b->colon && line_start_before(t, b->word_span.start);
}

/* ---- citation context after the symbol ---- */

static size_t win_index(const fwin_t *w, size_t offset)
{
    size_t i = 0;
    while (i < w->n && w->src[i] < offset)
        i++;
    return i;
}

static size_t skip_punct(const fwin_t *w, size_t i, bool comma)
{
    while (i < w->n && (w->s[i] == ' ' || (comma && w->s[i] == ',')))
        i++;
    return i;
}

static bool stop_char(char c)
{
    return c == ',' || c == ';' || c == '.' || c == ':' || c == '(' ||
           c == ')' || c == '"' || c == '!' || c == '?';
}

/* A word starting a new line as a list item: "-", "+", "2.", "a)". */
static bool bullet_word(const char *t, size_t s, size_t e)
{
    unsigned char c = (unsigned char)t[s];
    if (c == '-' || c == '+' || c == '*' || tracuu_scan_dash_len(t, e, s) > 0 ||
        (c == 0xE2 && s + 2 < e)) /* • and other symbols */
        return true;
    size_t i = s;
    while (i < e && tracuu_scan_is_digit(t[i]))
        i++;
    return i > s && i < e && (t[i] == '.' || t[i] == ')');
}

/* lw is the lowercased word (or two words); lower_initial tells whether
 * it was written with a lowercase first letter. */
static bool stop_word(const char *lw, size_t n, bool lower_initial)
{
    if (tracuu_scan_in_list(tracuu_issuer_stops_any, lw, n))
        return true;
    return lower_initial && tracuu_scan_in_list(tracuu_issuer_stops, lw, n);
}

/* Quotes and other symbols that end a phrase: “ ” ‘ ’ « ». */
static bool stop_symbol(const char *t, size_t len, size_t i)
{
    uint32_t cp = tracuu_scan_cp_at(t, len, i, NULL);
    return cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 ||
           cp == 0xAB || cp == 0xBB;
}

typedef struct word {
    size_t s, e;        /* source bytes, cut at a stop character */
    bool last;          /* a stop character ended it */
    bool new_line;      /* a line break before it */
} word_t;

/* Split the source words of the window from index i. */
static size_t words_from(const char *t, const fwin_t *w, size_t i,
                         word_t *out, size_t max)
{
    size_t n = 0;
    size_t prev_end = w->src[i < w->n ? i : w->n];
    while (i < w->n && n < max) {
        while (i < w->n && w->s[i] == ' ')
            i++;
        if (i >= w->n)
            break;
        size_t j = i;
        while (j < w->n && w->s[j] != ' ')
            j++;
        word_t wd = {w->src[i], w->src[j], false, false};
        for (size_t q = prev_end; q < wd.s; q++)
            if (t[q] == '\n')
                wd.new_line = true;
        size_t len = wd.e;
        for (size_t q = wd.s; q < wd.e; q++) {
            if (stop_char(t[q]) || stop_symbol(t, len, q)) {
                wd.e = q;
                wd.last = true;
                break;
            }
        }
        out[n++] = wd;
        prev_end = w->src[j];
        if (wd.last)
            break;
        i = j;
    }
    return n;
}

/* "của Ban Thường vụ Tỉnh ủy về ..." -> "Ban Thường vụ Tỉnh ủy". i is
 * the window index of the first word after "của". */
static void take_issuer_phrase(const char *t, size_t len, const fwin_t *w,
                               size_t i, tracuu_symbol_t *s)
{
    word_t wd[PHRASE_MAX_WORDS + 2];
    size_t n = words_from(t, w, i, wd, PHRASE_MAX_WORDS + 2);
    tracuu_buf_t lw = {0};
    tracuu_buf_t lw2 = {0};
    tracuu_buf_t out = {0};
    size_t first = 0, last = 0;
    size_t taken = 0;
    for (size_t k = 0; k < n && taken < PHRASE_MAX_WORDS; k++) {
        if (wd[k].e <= wd[k].s)
            break;
        if (wd[k].new_line && bullet_word(t, wd[k].s, wd[k].e))
            break;
        if (tracuu_scan_is_digit(t[wd[k].s]))
            break;
        tracuu_buf_clear(&lw);
        tracuu_fold_lower(t + wd[k].s, wd[k].e - wd[k].s, &lw);
        bool lower_initial = !tracuu_scan_upper_at(t, len, wd[k].s);
        if (stop_word(lw.s, lw.len, lower_initial))
            break;
        if (k + 1 < n && wd[k + 1].e > wd[k + 1].s) {
            tracuu_buf_clear(&lw2);
            tracuu_buf_append(&lw2, lw.s, lw.len);
            tracuu_buf_putc(&lw2, ' ');
            tracuu_fold_lower(t + wd[k + 1].s, wd[k + 1].e - wd[k + 1].s,
                              &lw2);
            if (stop_word(lw2.s, lw2.len, lower_initial))
                break;
        }
        if ((lw.len == 3 && memcmp(lw.s, "và", 3) == 0) ||
            (lw.len == 2 && memcmp(lw.s, "va", 2) == 0)) {
            /* "Thương binh và Xã hội" goes on; "và các" (a stop),
             * "và Kế hoạch số" end the issuer. */
            if (k + 1 >= n || wd[k].last ||
                !tracuu_scan_upper_at(t, len, wd[k + 1].s) ||
                typeword_at(w, win_index(w, wd[k + 1].s)))
                break;
        }
        if (stop_symbol(t, len, wd[k].s))
            break;
        if (taken == 0)
            first = wd[k].s;
        if (out.len + 1 + (wd[k].e - wd[k].s) > TRACUU_SYMBOL_PHRASE_MAX)
            break;
        if (out.len)
            tracuu_buf_putc(&out, ' ');
        tracuu_buf_append(&out, t + wd[k].s, wd[k].e - wd[k].s);
        last = wd[k].e;
        taken++;
        if (wd[k].last)
            break;
    }
    /* A lone dash left at the end ("Hội đồng Thi đua -") goes. */
    while (out.len >= 2 && out.s[out.len - 1] == '-' &&
           out.s[out.len - 2] == ' ') {
        out.len -= 2;
        out.s[out.len] = '\0';
    }
    if (taken > 0 && out.len > 0) {
        tracuu_sym_copy_str(s->issuer_phrase, sizeof s->issuer_phrase, out.s,
                            out.len);
        s->issuer_phrase_span.start = first;
        s->issuer_phrase_span.end = last;
    }
    tracuu_buf_free(&lw);
    tracuu_buf_free(&lw2);
    tracuu_buf_free(&out);
}

/* At i: "của" (or an OCR spelling) followed by a space? Returns the
 * index after it, or 0. */
static size_t cua_at(const fwin_t *w, size_t i)
{
    for (const char *const *c = tracuu_cua_words; *c; c++) {
        if (fwin_word_at(w, i, *c)) {
            size_t j = i + strlen(*c);
            if (j < w->n && w->s[j] == ' ')
                return j + 1;
        }
    }
    return 0;
}

static bool try_date(const char *t, size_t len, const fwin_t *w, size_t i,
                     size_t min_start, tracuu_symbol_t *s)
{
    if (i >= w->n)
        return false;
    if (!fwin_word_at(w, i, "ngay") && !tracuu_scan_is_digit(w->s[i]))
        return false;
    tracuu_date_t d;
    memset(&d, 0, sizeof d);
    size_t pos = w->src[i];
    if (!tracuu_date_parse_at(t, len, pos, &d))
        return false;
    if (d.year == 0 || d.month == 0 || d.span.start < min_start ||
        d.span.start > pos + DATE_MAX_GAP || d.span.end <= d.span.start ||
        d.span.end > len)
        return false;
    d.role = TRACUU_DATE_CITED;
    s->date = d;
    return true;
}

void tracuu_sym_scan_after(const char *t, size_t len, tracuu_symbol_t *s)
{
    fwin_t w;
    fwin_make(t, len, s->span.end, s->span.end + AFTER_WINDOW, &w);
    size_t i = skip_punct(&w, 0, true);
    bool dated = try_date(t, len, &w, i, s->span.end, s);
    if (dated)
        i = skip_punct(&w, win_index(&w, s->date.span.end), true);
    size_t j = cua_at(&w, i);
    if (j) {
        take_issuer_phrase(t, len, &w, j, s);
        if (!dated && s->issuer_phrase[0]) {
            /* "Chỉ thị số 11/CT-UBND của UBND tỉnh ngày 13/10/2020" */
            size_t k = skip_punct(&w, win_index(&w, s->issuer_phrase_span.end),
                                  true);
            try_date(t, len, &w, k, s->issuer_phrase_span.end, s);
        }
    }
    fwin_free(&w);
}

