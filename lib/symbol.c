/* symbol.c: finds document symbols by stopping at digits and looking around: the grammar, the canonical key and the scan. */
#include "symbol_impl.h"

/* ---- characters ---- */

/* Letters that may appear in a code: ASCII, Đ đ, Ư ư. */
static bool is_code_letter(uint32_t cp)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           cp == 0x110 || cp == 0x111 || cp == 0x1AF || cp == 0x1B0;
}

static bool is_code_upper(uint32_t cp)
{
    return (cp >= 'A' && cp <= 'Z') || cp == 0x110 || cp == 0x1AF;
}

/* Cyrillic capitals that look like Latin ones, as some texts type them
 * inside codes ("NĐ-СР"): the Latin letter, or 0. */
static char cyrillic_lookalike(uint32_t cp)
{
    switch (cp) {
    case 0x410: return 'A';
    case 0x412: return 'B';
    case 0x415: return 'E';
    case 0x41A: return 'K';
    case 0x41C: return 'M';
    case 0x41D: return 'H';
    case 0x41E: return 'O';
    case 0x420: return 'P';
    case 0x421: return 'C';
    case 0x422: return 'T';
    case 0x425: return 'X';
    default: return 0;
    }
}

/* Any letter or combining mark of the scripts a Vietnamese text holds;
 * used for word boundaries. */
bool tracuu_sym_is_letter(uint32_t cp)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
        return true;
    if (cp >= 0xC0 && cp <= 0x24F)
        return cp != 0xD7 && cp != 0xF7;
    return cp >= 0x250 &&
           cp < 0x2000; /* IPA, marks, Greek .. Latin Ext. Add. */
}

static bool at_word_end(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return true;
    if (tracuu_scan_is_digit(t[i]))
        return false;
    return !tracuu_sym_is_letter(tracuu_scan_cp_at(t, len, i, NULL));
}

/* ---- the symbol grammar ---- */

/* Whitespace from i, at most MAX_WS_BYTES bytes and MAX_WS_NL line
 * breaks (none unless allow_nl); *saw is set when any was skipped. */
static size_t skip_ws(const char *t, size_t len, size_t i, bool allow_nl,
                      bool *saw)
{
    size_t j = i;
    int nl = 0;
    while (j < len && j - i < MAX_WS_BYTES && tracuu_scan_is_space(t[j])) {
        if (t[j] == '\n') {
            if (!allow_nl || nl == MAX_WS_NL)
                break;
            nl++;
        }
        j++;
    }
    if (saw && j > i)
        *saw = true;
    return j;
}

/* A separator at i: spaces, then / or a dash (a doubled dash "- -" is
 * OCR damage), then whitespace that may hold line breaks ("05-\nCT").
 * With allow_space, spaces alone separate too (SEP_SPACE). Returns the
 * position after it, or i with *kind = SEP_NONE. */
static size_t parse_sep(const char *t, size_t len, size_t i, bool allow_space,
                        bool query, sep_kind_t *kind, bool *ws)
{
    size_t j = i;
    bool saw = false;
    int spaces = 0;
    while (j < len && (t[j] == ' ' || t[j] == '\t') &&
           (query || spaces < MAX_SPACES_BEFORE)) {
        j++;
        spaces++;
        saw = true;
    }
    size_t d;
    *kind = SEP_NONE;
    if (j < len && t[j] == '/') {
        *kind = SEP_SLASH;
        j++;
    } else if ((d = tracuu_scan_dash_len(t, len, j)) > 0) {
        *kind = SEP_DASH;
        j += d;
    } else if (allow_space && saw) {
        *kind = SEP_SPACE;
        if (ws)
            *ws = true;
        return j;
    } else {
        return i;
    }
    j = skip_ws(t, len, j, !query, &saw);
    if (*kind == SEP_DASH && (d = tracuu_scan_dash_len(t, len, j)) > 0)
        j = skip_ws(t, len, j + d, !query, &saw);
    if (ws)
        *ws = saw;
    return j;
}

static bool ends_with_qh(const code_t *c)
{
    return c->n >= 2 && (c->txt[c->n - 2] == 'Q' || c->txt[c->n - 2] == 'q') &&
           (c->txt[c->n - 1] == 'H' || c->txt[c->n - 1] == 'h');
}

static void txt_put(code_t *c, const char *s, size_t n)
{
    if (c->n + n < sizeof c->txt) {
        memcpy(c->txt + c->n, s, n);
        c->n += n;
        c->txt[c->n] = '\0';
    }
}

/* A code at i: code letters (with & inside: CTTN&BĐG), then up to three
 * digits (QH14, and "QH 11" with its space), then a word boundary. */
static bool parse_code(const char *t, size_t len, size_t i, code_t *c)
{
    size_t j = i;
    int letters = 0;
    c->start = i;
    c->upper = c->lower = 0;
    c->n = 0;
    c->txt[0] = '\0';
    while (j < len && j - i <= MAX_CODE_BYTES) {
        size_t next;
        uint32_t cp = tracuu_scan_cp_at(t, len, j, &next);
        char latin = cyrillic_lookalike(cp);
        if (is_code_letter(cp) || latin) {
            letters++;
            if (latin || is_code_upper(cp))
                c->upper++;
            else
                c->lower++;
            if (latin)
                txt_put(c, &latin, 1);
            else
                txt_put(c, t + j, next - j);
            j = next;
            continue;
        }
        if (cp == '&' && letters > 0 && next < len &&
            is_code_letter(tracuu_scan_cp_at(t, len, next, NULL))) {
            txt_put(c, "&", 1);
            j = next;
            continue;
        }
        break;
    }
    if (letters == 0)
        return false;
    /* "QH 11": a legislature number set apart by one space. */
    if (ends_with_qh(c) && j + 1 < len && t[j] == ' ' &&
        tracuu_scan_is_digit(t[j + 1])) {
        size_t k = j + 1;
        while (k < len && tracuu_scan_is_digit(t[k]) && k - j <= 3)
            k++;
        if (k - j - 1 <= 2 && at_word_end(t, len, k))
            j++;
    }
    size_t d0 = j;
    while (j < len && tracuu_scan_is_digit(t[j]) && j - d0 <= MAX_CODE_DIGITS)
        j++;
    if (j - d0 > MAX_CODE_DIGITS || j - i > MAX_CODE_BYTES)
        return false;
    txt_put(c, t + d0, j - d0);
    if (!at_word_end(t, len, j))
        return false;
    c->end = j;
    return true;
}

static bool code_all_lower(const code_t *c)
{
    return c->upper == 0;
}

/* Looks like an issuer or unit code: mostly capitals ("TTg", "SoNNMT"). */
static bool looks_code(const code_t *c, int min_upper)
{
    return c->upper >= min_upper && c->lower * 2 <= c->upper;
}

static const tracuu_issuer_t *code_issuer(const code_t *c)
{
    return tracuu_issuer_find(c->txt, c->n);
}

static const tracuu_doctype_t *code_type(const code_t *c)
{
    return tracuu_doctype_find(c->txt, c->n, false);
}

/* Type code written as the table spells it or in capitals: "CTr", "CTR",
 * but not "ctr" (required when spaces alone separate: "34 CT/TW"). */
static bool type_case_ok(const code_t *c, const tracuu_doctype_t *type)
{
    if (c->lower == 0)
        return true;
    return strlen(type->code) == c->n && memcmp(c->txt, type->code, c->n) == 0;
}

/* The number at t[i] and its sub-number ("66.2/2025/NQ-CP": one or two
 * digits) into p; returns the position after them, 0 when they are no
 * symbol's number. */
static size_t read_number(const char *t, size_t len, size_t i, parsed_t *p)
{
    size_t j = i;
    long n = 0;
    while (j < len && tracuu_scan_is_digit(t[j]) && j - i <= MAX_DIGITS) {
        n = n * 10 + (t[j] - '0');
        j++;
    }
    if (j - i > MAX_DIGITS || n <= 0)
        return 0;
    p->number = n;
    /* "66.2/2025/NQ-CP": a sub-number of one or two digits. */
    if (j + 1 < len && t[j] == '.' && tracuu_scan_is_digit(t[j + 1])) {
        size_t k = j + 1;
        int sub = 0;
        while (k < len && tracuu_scan_is_digit(t[k]) && k - j <= 3)
            sub = sub * 10 + (t[k++] - '0');
        if (k - j - 1 > 2 || sub == 0)
            return 0;
        p->subnumber = sub;
        j = k;
    }
    return j;
}

/* The number and the separators and codes after it, without judging
 * them yet. i is the first digit. */
bool tracuu_sym_scan_parts(const char *t, size_t len, size_t i, bool query,
                           parsed_t *p)
{
    assert(i < len && tracuu_scan_is_digit((unsigned char)t[i]));
    memset(p, 0, sizeof *p);
    p->start = i;
    p->query = query;
    size_t j = read_number(t, len, i, p);
    if (j == 0)
        return false;

    bool ws = false;
    sep_kind_t k;
    size_t after = parse_sep(t, len, j, true, query, &k, &ws);
    if (k == SEP_NONE)
        return false;
    if (k == SEP_SPACE && !query) {
        /* "34 CT/TW": spaces only, no line break, before a type code. */
        for (size_t q = j; q < after; q++)
            if (t[q] == '\n')
                return false;
    }
    p->sep1 = k;
    j = after;

    /* N/YYYY/...: the year of a legal-normative symbol. */
    if (j + 4 <= len && tracuu_scan_is_digit(t[j]) &&
        (k == SEP_SLASH || query)) {
        size_t y = j;
        int year = 0;
        while (y < len && tracuu_scan_is_digit(t[y]) && y - j < 5) {
            year = year * 10 + (t[y] - '0');
            y++;
        }
        if (y - j != 4 || year < MIN_YEAR || year > MAX_YEAR)
            return false;
        sep_kind_t k2;
        size_t after2 = parse_sep(t, len, y, query, query, &k2, NULL);
        if (k2 == SEP_NONE || (!query && k2 == SEP_SPACE))
            return false;
        p->year_dash = k2 == SEP_DASH;
        p->year = year;
        j = after2;
    }

    code_t c;
    if (!parse_code(t, len, j, &c))
        return false;
    c.sep = k;
    c.sep_ws = ws;
    p->codes[p->ncodes++] = c;
    j = c.end;
    while (p->ncodes < MAX_CODES) {
        bool w = false;
        size_t a = parse_sep(t, len, j, query, query, &k, &w);
        if (k == SEP_NONE || !parse_code(t, len, a, &c))
            break;
        c.sep = k;
        c.sep_ws = w;
        p->codes[p->ncodes++] = c;
        j = c.end;
    }
    p->end = j;
    return p->end - p->start <= TRACUU_SYMBOL_KEY_MAX;
}

/* Drop the units from index i on. */
static void cut_codes(parsed_t *p, int i)
{
    if (i < p->ncodes) {
        p->ncodes = i;
        p->end = p->codes[i - 1].end;
    }
}

/* Units after the issuer (2169/QĐ-BNN-TCCB): dash-separated capitals;
 * spaced or broken dashes only before codes in capitals ("BVTV- KH"). */
static void judge_units(parsed_t *p, int first, bool lower_ok)
{
    for (int i = first; i < p->ncodes; i++) {
        const code_t *c = &p->codes[i];
        bool ok;
        if (p->query)
            ok = c->sep != SEP_SPACE || c->lower == 0; /* "34 CT TW nội dung" */
        else if (c->sep != SEP_DASH)
            ok = false;
        else if (c->sep_ws)
            ok = c->lower == 0 && c->end - c->start >= 2;
        else
            ok = looks_code(c, 1) || code_issuer(c) ||
                 (lower_ok && code_all_lower(c) && c->end - c->start <= 6);
        if (!ok) {
            cut_codes(p, i);
            return;
        }
    }
}

/* Recount the letters of c->txt by case. */
static void count_case(code_t *c)
{
    c->upper = c->lower = 0;
    size_t q = 0;
    while (q < c->n) {
        uint32_t cp = tracuu_utf8_next(c->txt, c->n, &q);
        if (is_code_upper(cp))
            c->upper++;
        else if (is_code_letter(cp))
            c->lower++;
    }
}

/* "27/CTTg", "92/2017/NĐCP": a type code glued to an issuer code, when
 * the whole is no code of its own, becomes two codes. */
static void split_glued(parsed_t *p)
{
    code_t *c0 = &p->codes[0];
    if (p->ncodes >= MAX_CODES || code_type(c0) || code_issuer(c0))
        return;
    for (size_t k = 1; k < c0->n; k++) {
        if (((unsigned char)c0->txt[k] & 0xC0) == 0x80)
            continue;
        const tracuu_doctype_t *ty = tracuu_doctype_find(c0->txt, k, false);
        const tracuu_issuer_t *is =
            ty ? tracuu_issuer_find(c0->txt + k, c0->n - k) : NULL;
        if (!is)
            continue;
        code_t a = *c0, b = *c0;
        a.n = k;
        a.txt[k] = '\0';
        memmove(b.txt, c0->txt + k, c0->n - k);
        b.n = c0->n - k;
        b.txt[b.n] = '\0';
        count_case(&a);
        count_case(&b);
        b.sep = SEP_DASH;
        b.sep_ws = false;
        memmove(&p->codes[2], &p->codes[1],
                (size_t)(p->ncodes - 1) * sizeof p->codes[0]);
        p->codes[0] = a;
        p->codes[1] = b;
        p->ncodes++;
        return;
    }
}

/* Decide whether the parts form a symbol, given what precedes them. */
bool tracuu_sym_judge(parsed_t *p, const before_t *b)
{
    split_glued(p);
    const code_t *c0 = &p->codes[0];
    const tracuu_doctype_t *type = code_type(c0);

    if (type && p->ncodes >= 2) {
        const code_t *c1 = &p->codes[1];
        const tracuu_issuer_t *iss = code_issuer(c1);
        if (!p->query) {
            if (p->sep1 == SEP_SPACE &&
                (!type_case_ok(c0, type) || c1->sep == SEP_SPACE))
                return false;
            /* The Party form is N-TYPE/ISSUER: a dash after the number
             * wants a slash after the type. */
            if (p->sep1 == SEP_DASH && c1->sep != SEP_SLASH)
                return false;
            if (code_all_lower(c0) || code_all_lower(c1)) {
                if (!iss)
                    return false;
            } else if (!iss && !looks_code(c1, 1)) {
                return false;
            }
        }
        p->type = type;
        judge_units(p, 2, code_all_lower(c1));
        return true;
    }

    /* No type code: công văn (3543/UBND-NC), laws (68/2020/QH14). A
     * type code alone ("12/KH") is an unfinished symbol. */
    if (p->query)
        return !type;
    if (p->sep1 != SEP_SLASH || type || b->blocked || p->year_dash)
        return false;
    bool known = code_issuer(c0) != NULL;
    if (p->year) {
        if (!known && !looks_code(c0, 2))
            return false;
    } else if (!looks_code(c0, 2)) {
        return false;
    }
    judge_units(p, 1, false);
    /* A lone unknown code ("30/HĐTĐ") only after a type word. */
    if (!known && !p->year && p->ncodes < 2 && !b->word)
        return false;
    return true;
}

/* ---- canonical spellings ---- */

/* Append code text[c] uppercased (đ -> Đ, ư -> Ư); "TƯ" at its end
 * becomes TW. */
static void put_upper(tracuu_buf_t *out, const char *s, size_t n)
{
    size_t i = 0;
    size_t at = out->len;
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x80) {
            tracuu_buf_putc(out,
                            (char)((ch >= 'a' && ch <= 'z') ? ch - 32 : ch));
            i++;
            continue;
        }
        uint32_t cp = tracuu_utf8_next(s, n, &i);
        if (cp == 0x111)
            cp = 0x110;
        else if (cp == 0x1B0)
            cp = 0x1AF;
        tracuu_buf_put_cp(out, cp);
    }
    /* Ư is C6 AF in UTF-8. */
    if (out->len >= at + 3 && out->s[out->len - 3] == 'T' &&
        (unsigned char)out->s[out->len - 2] == 0xC6 &&
        (unsigned char)out->s[out->len - 1] == 0xAF) {
        out->len -= 2;
        tracuu_buf_putc(out, 'W');
    }
}

static bool has_upper(const code_t *c)
{
    return c->upper > 0;
}

/* Key form (upper) or display form of code i. */
static void put_code(tracuu_buf_t *out, const parsed_t *p, int i, bool upper)
{
    const code_t *c = &p->codes[i];
    const char *s = c->txt;
    size_t n = c->n;
    const char *canon = NULL;
    if (i == 0 && p->type)
        canon = p->type->code;
    else {
        const tracuu_issuer_t *iss = tracuu_issuer_find(s, n);
        if (iss)
            canon = iss->code;
    }
    if (canon) {
        s = canon;
        n = strlen(canon);
    }
    if (upper || (!canon && !has_upper(c)))
        put_upper(out, s, n);
    else
        tracuu_buf_append(out, s, n);
}

void tracuu_sym_copy_str(char *dst, size_t cap, const char *src, size_t n)
{
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Fill key, display, number, year, type_code, issuer, party, raw. */
bool tracuu_sym_fill_symbol(const char *t, const parsed_t *p,
                            tracuu_symbol_t *s)
{
    memset(s, 0, sizeof *s);
    tracuu_buf_t b = {0};
    int first_issuer = p->type ? 1 : 0;

    /* key */
    tracuu_buf_printf(&b, "%ld", p->number);
    if (p->subnumber)
        tracuu_buf_printf(&b, ".%d", p->subnumber);
    tracuu_buf_putc(&b, '/');
    if (p->year)
        tracuu_buf_printf(&b, "%d/", p->year);
    for (int i = 0; i < p->ncodes; i++) {
        if (i > 0)
            tracuu_buf_putc(&b, '-');
        put_code(&b, p, i, true);
    }
    if (b.len > TRACUU_SYMBOL_KEY_MAX) {
        tracuu_buf_free(&b);
        return false;
    }
    tracuu_sym_copy_str(s->key, sizeof s->key, b.s, b.len);

    /* issuer part */
    tracuu_buf_clear(&b);
    for (int i = first_issuer; i < p->ncodes; i++) {
        if (i > first_issuer)
            tracuu_buf_putc(&b, '-');
        put_code(&b, p, i, false);
    }
    tracuu_sym_copy_str(s->issuer, sizeof s->issuer, b.s ? b.s : "", b.len);

    /* Party or state */
    if (p->type) {
        const code_t *c1 = &p->codes[1];
        const tracuu_issuer_t *iss = code_issuer(c1);
        bool written_party = p->sep1 == SEP_DASH && c1->sep == SEP_SLASH;
        if (iss && iss->side != TRACUU_ISSUER_EITHER)
            s->party = iss->side == TRACUU_ISSUER_PARTY;
        else
            s->party = written_party;
        tracuu_sym_copy_str(s->type_code, sizeof s->type_code, p->type->code,
                            strlen(p->type->code));
    }

    /* display */
    tracuu_buf_clear(&b);
    tracuu_buf_printf(&b, "%02ld", p->number);
    if (p->subnumber)
        tracuu_buf_printf(&b, ".%d", p->subnumber);
    if (s->party && !p->year) {
        tracuu_buf_putc(&b, '-');
        put_code(&b, p, 0, false);
        tracuu_buf_putc(&b, '/');
        tracuu_buf_puts(&b, s->issuer);
    } else {
        tracuu_buf_putc(&b, '/');
        if (p->year)
            tracuu_buf_printf(&b, "%d/", p->year);
        if (p->type) {
            put_code(&b, p, 0, false);
            tracuu_buf_putc(&b, '-');
        }
        tracuu_buf_puts(&b, s->issuer);
    }
    tracuu_sym_copy_str(s->display, sizeof s->display, b.s, b.len);
    tracuu_buf_free(&b);

    s->number = p->number;
    s->subnumber = p->subnumber;
    s->year = p->year;
    s->span.start = p->start;
    s->span.end = p->end;
    tracuu_sym_copy_str(s->raw, sizeof s->raw, t + p->start, p->end - p->start);
    return true;
}

/* ---- the scan ---- */

/* Is the word ending at i "số" (any case, also "so")? "số347/TTr-CP". */
static bool after_so_word(const char *t, size_t i)
{
    size_t a, b;
    uint32_t o = tracuu_scan_cp_before(t, i, &a);
    uint32_t s = tracuu_scan_cp_before(t, a, &b);
    if (tracuu_cp_fold(o) != 'o' || tracuu_cp_fold(s) != 's')
        return false;
    return b == 0 || !tracuu_sym_is_letter(tracuu_scan_cp_before(t, b, NULL));
}

/* May a number start at i? Not inside a word ("QH14"), a decimal
 * ("93,5"), a date or range ("07/4/2014", "2021-2025") or a standard
 * ("QCVN 01:2022/BQP"). */
static bool start_ok(const char *t, size_t i)
{
    if (i == 0)
        return true;
    size_t ps;
    uint32_t prev = tracuu_scan_cp_before(t, i, &ps);
    if (tracuu_sym_is_letter(prev) && after_so_word(t, i))
        return true;
    if (tracuu_sym_is_letter(prev) || prev == '/' || prev == '_' ||
        prev == '&' || prev == '@' || prev == '%' ||
        tracuu_scan_dash_len(t, i, ps) > 0)
        return false;
    if (prev == '.' || prev == ',' || prev == ':') {
        if (ps > 0 && tracuu_scan_is_digit(t[ps - 1]))
            return false;
    }
    /* "661: 2018/BVTV" */
    size_t j = i;
    int spaces = 0;
    while (j > 0 && t[j - 1] == ' ' && spaces < 2) {
        j--;
        spaces++;
    }
    if (spaces && j >= 2 && t[j - 1] == ':' && tracuu_scan_is_digit(t[j - 2]))
        return false;
    return true;
}

static void push(tracuu_symbols_t *out, const tracuu_symbol_t *s)
{
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 16;
        out->items = tracuu_xrealloc(out->items, out->cap * sizeof *out->items);
    }
    out->items[out->n] = *s;
    out->items[out->n++].count = 1;
}

typedef void (*sink_fn)(void *ctx, const tracuu_symbol_t *s);

/* Whether the law named at t[at] is one of those an amending law
 * changes, the symbol after it being the amending law's: "Căn cứ Luật
 * sửa đổi, bổ sung một số điều của Luật Đấu thầu, ..., Luật Quản lý, sử
 * dụng tài sản công số 90/2025/QH15". Told by "sửa đổi" earlier in the
 * clause or "của" right before, with no number in the clause before the
 * name ("Luật số 43/2024/QH15 sửa đổi, bổ sung một số điều của Luật Đất
 * đai số 31/2024/QH15, ..." gives each law its own). */
static bool amended_name(const char *t, size_t at)
{
    size_t from = at > 400 ? at - 400 : 0, i = at;
    while (i > from && t[i - 1] != ';' && t[i - 1] != '.' && t[i - 1] != ':')
        i--;
    for (size_t k = i; k < at; k++)
        if (tracuu_scan_is_digit(t[k]))
            return false;
    static const char *const marks[] = {"sửa đổi", "Sửa đổi", "SỬA ĐỔI"};
    for (size_t k = 0; k < 3; k++)
        if (memmem(t + i, at - i, marks[k], strlen(marks[k])))
            return true;
    size_t j = tracuu_scan_skip_space_back(t, at, 8), n = strlen("của");
    return j >= n && memcmp(t + j - n, "của", n) == 0 &&
           (j == n || t[j - n - 1] == ' ' || t[j - n - 1] == '\n');
}

/* The name of a law or code right before its "số": "Luật Nhà ở số
 * 27/2023/QH15", "Luật Ban hành văn bản quy phạm pháp luật số ..." (its
 * type word is found where the name begins, not the "luật" inside it).
 * Not a name that ends earlier ("Luật Đất đai năm 2013 số ..."). */
static void cited_name(const char *t, size_t len, size_t so_start,
                       tracuu_symbol_t *s)
{
    s->name[0] = '\0';
    bool law = strncmp(s->issuer, "QH", 2) == 0 ||
               (s->word && (strcmp(s->word->code, "LUAT") == 0 ||
                            strcmp(s->word->code, "BLUAT") == 0));
    if (!law)
        return;
    tracuu_citename_t *nm = tracuu_xmalloc(sizeof *nm);
    size_t from = so_start > TRACUU_CITENAME_MAX ? so_start - TRACUU_CITENAME_MAX : 0;
    /* From the farthest: "Luật Sửa đổi, ... của Luật Đất đai số ..." is
     * the amending law's name, not the one inside it. */
    for (size_t i = from; i < so_start; i++) {
        if ((t[i] == 'L' || t[i] == 'B') && tracuu_citename_read(t, len, i, nm) &&
            tracuu_scan_skip_space(t, len, nm->span.end, 8) == so_start) {
            if (!amended_name(t, i))
                memcpy(s->name, nm->name, sizeof s->name);
            break;
        }
    }
    free(nm);
}

/* Every symbol of text[0..len), in text order, to fn. */
static void scan(const char *text, size_t len, sink_fn fn, void *ctx)
{
    tracuu_symbol_t *s = tracuu_xmalloc(sizeof *s);
    size_t i = 0;
    while (i < len) {
        if (!tracuu_scan_is_digit(text[i])) {
            i++;
            continue;
        }
        size_t run_end = i;
        while (run_end < len && tracuu_scan_is_digit(text[run_end]))
            run_end++;
        parsed_t p;
        if (!start_ok(text, i) ||
            !tracuu_sym_scan_parts(text, len, i, false, &p)) {
            i = run_end;
            continue;
        }
        before_t b;
        tracuu_sym_scan_before(text, len, i, &b);
        if (!tracuu_sym_judge(&p, &b) || !tracuu_sym_fill_symbol(text, &p, s)) {
            i = run_end;
            continue;
        }
        s->own = tracuu_sym_is_own(text, &p, &b);
        if (!s->own) {
            s->word = b.word;
            s->word_span = b.word_span;
            if (!b.word && b.so)
                tracuu_sym_find_named_word(text, len, b.so_start, s);
            if (b.so)
                cited_name(text, len, b.so_start, s);
            tracuu_sym_scan_after(text, len, s);
        }
        fn(ctx, s);
        i = p.end > run_end ? p.end : run_end;
    }
    free(s);
}

static void sink_all(void *ctx, const tracuu_symbol_t *s)
{
    push(ctx, s);
}

int tracuu_symbols_extract(const char *text, size_t len, tracuu_symbols_t *out)
{
    if (!out)
        return -1;
    memset(out, 0, sizeof *out);
    if (!text)
        return len == 0 ? 0 : -1;
    scan(text, len, sink_all, out);
    out->tally = (tracuu_tally_t){out->n, out->n, out->n};
    return 0;
}

typedef struct distinct_sink {
    const char *text;
    size_t len;
    tracuu_relation_reader_t rel; /* citations' relations */
    size_t rel_budget;       /* occurrences still read for a relation */
    tracuu_symbols_t *out;
    tracuu_distinct_t set;
    tracuu_span_t *spans;
    size_t n_spans, cap_spans;
    tracuu_buf_t id;
} distinct_sink_t;

/* What makes two occurrences give the same index terms (record.c). */
static void identity(const tracuu_symbol_t *s, tracuu_buf_t *id)
{
    tracuu_buf_clear(id);
    tracuu_buf_printf(id, "%d\t%s\t%s\t%s\t%p\t%ld\t%d-%d-%d\t%s\t%s",
                      s->own, s->key, s->display, s->type_code,
                      (const void *)s->word, s->number, s->date.year,
                      s->date.month, s->date.day, s->issuer_phrase, s->name);
}

static bool digit_between(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (tracuu_scan_is_digit(t[i]))
            return true;
    return false;
}

static void sink_distinct(void *ctx, const tracuu_symbol_t *s)
{
    distinct_sink_t *k = ctx;
    tracuu_span_t *last = k->n_spans ? &k->spans[k->n_spans - 1] : NULL;
    if (last && !digit_between(k->text, last->end, s->span.start)) {
        if (s->span.end > last->end)
            last->end = s->span.end;
    } else {
        if (k->n_spans == k->cap_spans) {
            k->cap_spans = k->cap_spans ? k->cap_spans * 2 : 16;
            k->spans =
                tracuu_xrealloc(k->spans, k->cap_spans * sizeof *k->spans);
        }
        k->spans[k->n_spans++] = s->span;
    }
    unsigned rel = 0;
    if (!s->own && k->rel_budget > 0) {
        k->rel_budget--;
        rel = 1u << tracuu_relation_read(&k->rel, tracuu_relation_start(s),
                                         s->span.end, tracuu_relation_guide(s));
    }
    identity(s, &k->id);
    size_t at = tracuu_distinct_add(&k->set, k->id.s, k->id.len);
    if (at == TRACUU_DISTINCT_NEW) {
        push(k->out, s);
        k->out->items[k->out->n - 1].rels = rel;
    } else if (at != TRACUU_DISTINCT_DROPPED) {
        if (k->out->items[at].count < UINT_MAX)
            k->out->items[at].count++;
        k->out->items[at].rels |= rel;
    }
}

int tracuu_symbols_extract_distinct(const char *text, size_t len, size_t max,
                                    tracuu_symbols_t *out,
                                    tracuu_span_t **spans, size_t *n_spans)
{
    *spans = NULL;
    *n_spans = 0;
    if (!out)
        return -1;
    memset(out, 0, sizeof *out);
    if (!text)
        return len == 0 ? 0 : -1;
    distinct_sink_t k = {.text = text, .len = len, .out = out,
                         .rel_budget = TRACUU_RELATION_READS_MAX,
                         .set = {.max = max}};
    tracuu_relation_reader_init(&k.rel, text, len);
    scan(text, len, sink_distinct, &k);
    tracuu_relation_reader_free(&k.rel);
    out->tally = k.set.tally;
    tracuu_distinct_free(&k.set);
    tracuu_buf_free(&k.id);
    *spans = k.spans;
    *n_spans = k.n_spans;
    return 0;
}

void tracuu_symbols_free(tracuu_symbols_t *s)
{
    if (!s)
        return;
    free(s->items);
    s->items = NULL;
    s->n = s->cap = 0;
}

