/* record.c: terms, values and data of an index document from an analysis. */
#include "record.h"

#include "relation.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fold.h"
#include "formcache.h"
#include "ocr.h"
#include "schema.h"

void tracuu_record_uid(const char *path, tracuu_buf_t *out)
{
    size_t n = strlen(path);
    size_t plen = strlen(TRACUU_PREFIX_UID);
    tracuu_buf_puts(out, TRACUU_PREFIX_UID);
    if (plen + n <= TRACUU_UID_MAX) {
        tracuu_buf_append(out, path, n);
        return;
    }
    /* Keep a readable head, cut at a UTF-8 boundary, then two hashes. */
    size_t keep = TRACUU_UID_MAX - plen - 33;
    while (keep > 0 && ((unsigned char)path[keep] & 0xC0) == 0x80)
        keep--;
    tracuu_buf_append(out, path, keep);
    tracuu_buf_printf(out, "#%016llx%016llx",
                      (unsigned long long)tracuu_fnv1a64(path, n, TRACUU_FNV64_INIT),
                      (unsigned long long)tracuu_fnv1a64(path, n, 0x84222325cbf29ce4ULL));
}

void tracuu_record_hex(uint64_t v, char out[17])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--) {
        out[i] = hex[v & 15];
        v >>= 4;
    }
    out[16] = '\0';
}

void tracuu_record_signature(int64_t mtime_ns, int64_t ctime_ns, uint64_t ino,
                             uint64_t size, char out[TRACUU_RECORD_SIG_LEN + 1])
{
    const uint64_t v[4] = {(uint64_t)mtime_ns, (uint64_t)ctime_ns, ino, size};
    for (int i = 0; i < 4; i++) {
        tracuu_record_hex(v[i], out + 17 * i);
        out[17 * i + 16] = i < 3 ? '-' : '\0';
    }
}

/* Blanks collapsed, cut after about max bytes at a word's end. */
static char *collapse(const char *s, size_t n, size_t max)
{
    tracuu_buf_t b = {0};
    tracuu_buf_put_collapsed(&b, s, n, NULL);
    if (b.len > max) {
        /* At the next space, or at max itself in a text without any. */
        size_t cut = max;
        while (cut < b.len && cut < max + 40 && b.s[cut] != ' ')
            cut++;
        if (cut >= b.len || b.s[cut] != ' ')
            for (cut = max; cut > 0 && ((unsigned char)b.s[cut] & 0xC0) == 0x80;)
                cut--;
        b.len = cut;
        tracuu_buf_puts(&b, " …");
    }
    if (!b.s)
        tracuu_buf_puts(&b, "");
    return tracuu_buf_steal(&b);
}

char *tracuu_record_title(const tracuu_analysis_t *an)
{
    if (an->header.title && *an->header.title)
        return tracuu_xstrdup(an->header.title);
    const char *s = an->norm.s;
    size_t n = an->norm.len, i = 0;
    /* First line with a letter in it; Markdown marks go. */
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != '\n')
            e++;
        bool letters = false;
        for (size_t k = i; k < e && !letters; k++)
            letters = ((unsigned char)s[k] >= 0x80) ||
                      ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z');
        if (letters) {
            while (i < e && (s[i] == '#' || s[i] == '*' || s[i] == ' '))
                i++;
            return collapse(s + i, e - i, 120);
        }
        i = e + 1;
    }
    return tracuu_xstrdup("");
}

/* Exact terms of one document and how often each occurs: counted here
 * and added once each, which halves the work of Xapian's term map. */
typedef struct counter {
    char **keys;
    unsigned *counts;
    size_t cap, n;
} counter_t;

static void counter_add(counter_t *c, const char *key, size_t len)
{
    if (c->n * 2 >= c->cap) {
        counter_t bigger = {0};
        bigger.cap = c->cap ? c->cap * 2 : 1024;
        bigger.keys = tracuu_xcalloc(bigger.cap, sizeof(char *));
        bigger.counts = tracuu_xcalloc(bigger.cap, sizeof(unsigned));
        for (size_t i = 0; i < c->cap; i++) {
            if (!c->keys[i])
                continue;
            size_t h = tracuu_fnv1a64(c->keys[i], strlen(c->keys[i]), TRACUU_FNV64_INIT);
            size_t j = h & (bigger.cap - 1);
            while (bigger.keys[j])
                j = (j + 1) & (bigger.cap - 1);
            bigger.keys[j] = c->keys[i];
            bigger.counts[j] = c->counts[i];
        }
        bigger.n = c->n;
        free(c->keys);
        free(c->counts);
        *c = bigger;
    }
    size_t j = tracuu_fnv1a64(key, len, TRACUU_FNV64_INIT) & (c->cap - 1);
    while (c->keys[j]) {
        if (strncmp(c->keys[j], key, len) == 0 && c->keys[j][len] == '\0') {
            c->counts[j]++;
            return;
        }
        j = (j + 1) & (c->cap - 1);
    }
    c->keys[j] = tracuu_xstrndup(key, len);
    c->counts[j] = 1;
    c->n++;
}

/* Add every counted term to doc, then empty the counter. */
static tracuu_status_t counter_flush(counter_t *c, tracuu_doc_t *doc)
{
    tracuu_status_t st = TRACUU_OK;
    for (size_t i = 0; i < c->cap; i++) {
        if (!c->keys[i])
            continue;
        if (st == TRACUU_OK) {
            st = tracuu_doc_add_term(doc, c->keys[i], strlen(c->keys[i]),
                                     c->counts[i]);
            if (st == TRACUU_ERR_ARG)
                st = TRACUU_OK; /* an over-long term: skip it */
        }
        free(c->keys[i]);
    }
    free(c->keys);
    free(c->counts);
    memset(c, 0, sizeof *c);
    return st;
}

/* A body word damaged by OCR ("s6", "1am", "dirc") is also indexed under
 * its likely readings (lib/ocr.h) at its position, so that a phrase
 * typed right ("chỉ thị số 34") finds the scan ("Chi thi s6 34"); so is
 * a word of a movement's name. */
static tracuu_status_t add_readings(tracuu_doc_t *doc, const char *orig,
                                    size_t olen, const char *folded,
                                    size_t plen, size_t len, unsigned pos)
{
    char rd[TRACUU_OCR_READINGS_MAX][TRACUU_OCR_READING_MAX];
    size_t n = tracuu_ocr_readings(orig, olen, folded + plen, len - plen, rd);
    tracuu_status_t st = TRACUU_OK;
    char term[TRACUU_OCR_READING_MAX + 8];
    for (size_t i = 0; i < n && st == TRACUU_OK && plen < 8; i++) {
        size_t rl = strlen(rd[i]);
        memcpy(term, folded, plen);
        memcpy(term + plen, rd[i], rl);
        st = tracuu_doc_add_posting(doc, term, plen + rl, pos);
    }
    return st;
}

enum { TOK_EXACT = 1, TOK_READINGS = 2 };

/* Index each token of text under prefix: folded with positions from
 * first_pos, plus the exact form when it differs (TOK_EXACT) and the
 * readings of an OCR-damaged word (TOK_READINGS); repeats more to the
 * folded term's wdf (a name that occurs repeats + 1 times, indexed at
 * the positions of the first). */
static tracuu_status_t add_tokens(tracuu_doc_t *doc, const char *text,
                                  const tracuu_tokens_t *toks,
                                  const char *prefix, unsigned what,
                                  unsigned repeats, uint64_t *digest)
{

    tracuu_buf_t exact = {0}, folded = {0};
    counter_t exacts = {0};
    tracuu_formcache_t forms;
    tracuu_formcache_init(&forms, toks->n);
    size_t plen = strlen(prefix);
    bool exact_too = what & TOK_EXACT;
    tracuu_status_t st = TRACUU_OK;
    for (size_t i = 0; i < toks->n && st == TRACUU_OK; i++) {
        const tracuu_token_t *t = &toks->v[i];
        tracuu_buf_clear(&exact);
        tracuu_buf_clear(&folded);
        tracuu_buf_puts(&exact, TRACUU_PREFIX_EXACT);
        tracuu_buf_puts(&folded, prefix);
        tracuu_formcache_forms(&forms, text + t->start, t->end - t->start,
                               &exact, &folded);
        if (folded.len == plen)
            continue;
        if (digest) /* the text's words in order, for the duplicate key */
            *digest = tracuu_fnv1a64(folded.s + plen, folded.len - plen + 1, *digest);
        st = tracuu_doc_add_posting(doc, folded.s, folded.len, t->pos + 1);
        if (st == TRACUU_OK && (what & TOK_READINGS))
            st = add_readings(doc, text + t->start, t->end - t->start,
                              folded.s, plen, folded.len, t->pos + 1);
        if (st == TRACUU_OK && repeats)
            st = tracuu_doc_add_term(doc, folded.s, folded.len, repeats);
        size_t elen = strlen(TRACUU_PREFIX_EXACT);
        if (st == TRACUU_OK && exact_too &&
            (exact.len - elen != folded.len - plen ||
             memcmp(exact.s + elen, folded.s + plen, folded.len - plen) != 0))
            counter_add(&exacts, exact.s, exact.len);
        if (st == TRACUU_ERR_ARG)
            st = TRACUU_OK; /* an over-long term: skip it */
    }
    tracuu_status_t st2 = counter_flush(&exacts, doc);
    tracuu_formcache_free(&forms);
    tracuu_buf_free(&exact);
    tracuu_buf_free(&folded);
    return st != TRACUU_OK ? st : st2;
}

static tracuu_status_t add_title(tracuu_analyzer_t *a, tracuu_doc_t *doc,
                                 const char *title)
{
    tracuu_tokens_t toks = {0};
    tracuu_status_t st =
        tracuu_analyzer_tokenize(a, title, strlen(title), &toks);
    if (st == TRACUU_OK)
        st = add_tokens(doc, title, &toks, TRACUU_PREFIX_TITLE, 0, 0, NULL);
    tracuu_tokens_free(&toks);
    return st;
}

/* Add prefix + text as a boolean term, lowercase folded when fold. */
static tracuu_status_t add_bool(tracuu_doc_t *doc, const char *prefix,
                                const char *text, bool fold)
{
    tracuu_buf_t t = {0};
    tracuu_buf_puts(&t, prefix);
    if (fold)
        tracuu_fold_ascii(text, strlen(text), &t);
    else
        tracuu_buf_puts(&t, text);
    tracuu_status_t st = TRACUU_OK;
    if (t.len > strlen(prefix) && t.len <= TRACUU_TERM_MAX)
        st = tracuu_doc_add_boolean(doc, t.s, t.len);
    tracuu_buf_free(&t);
    return st;
}

/* Add the syllables of text under prefix with positions from first_pos,
 * counted repeats more times (with their OCR readings for movements). */
static tracuu_status_t add_field_words(tracuu_analyzer_t *a, tracuu_doc_t *doc,
                                       const char *prefix, const char *text,
                                       uint32_t first_pos, unsigned repeats)
{
    if (!text)
        return TRACUU_OK;
    tracuu_tokens_t toks = {0};
    tracuu_status_t st =
        tracuu_analyzer_tokenize_at(a, text, strlen(text), first_pos, &toks);
    unsigned what = strcmp(prefix, TRACUU_PREFIX_MOVEMENT) ? 0 : TOK_READINGS;
    if (st == TRACUU_OK)
        st = add_tokens(doc, text, &toks, prefix, what, repeats, NULL);
    tracuu_tokens_free(&toks);
    return st;
}

static void date_digits(const tracuu_date_t *d, int precision, char out[9])
{
    if (precision >= 3)
        snprintf(out, 9, "%04d%02d%02d", d->year, d->month, d->day);
    else if (precision == 2)
        snprintf(out, 9, "%04d%02d", d->year, d->month);
    else
        snprintf(out, 9, "%04d", d->year);
}

static int date_precision(const tracuu_date_t *d)
{
    return d->year == 0 ? 0 : d->month == 0 ? 1 : d->day == 0 ? 2 : 3;
}

/* The plan's relations to y (XCR, XR) and y's parts for partial
 * symbols: XCS its codes ("cites:/CT-TTg"), XCY number and year
 * ("cites:79/2010/"), XCT its type alone and with the cited year
 * (cites:"nghị quyết"). */
static tracuu_status_t add_cited_parts(tracuu_doc_t *doc,
                                       const tracuu_symbol_t *y,
                                       const char *type)
{
    tracuu_status_t st = TRACUU_OK;
    tracuu_buf_t t = {0};
    for (int r = 0; r < TRACUU_REL_LAST && st == TRACUU_OK; r++) {
        if (!(y->rels & (1u << r)))
            continue;
        tracuu_buf_clear(&t);
        tracuu_buf_printf(&t, "%s%s@%s", TRACUU_PREFIX_CITES_REL, y->key,
                          tracuu_relation_slug((tracuu_relation_t)r));
        st = add_bool(doc, "", t.s, false);
        if (st == TRACUU_OK)
            st = add_bool(doc, TRACUU_PREFIX_REL,
                          tracuu_relation_slug((tracuu_relation_t)r), false);
    }
    const char *codes = strrchr(y->key, '/');
    if (st == TRACUU_OK && codes && codes[1])
        st = add_bool(doc, TRACUU_PREFIX_CITES_CODES, codes + 1, false);
    int year = y->year ? y->year : y->date.year;
    if (st == TRACUU_OK && y->year) {
        tracuu_buf_clear(&t);
        tracuu_buf_printf(&t, "%s%ld/%d", TRACUU_PREFIX_CITES_YEAR, y->number,
                          y->year);
        st = add_bool(doc, "", t.s, false);
    }
    if (st == TRACUU_OK && type && *type)
        st = add_bool(doc, TRACUU_PREFIX_CITES_TYPE, type, false);
    if (st == TRACUU_OK && type && *type && year) {
        tracuu_buf_clear(&t);
        tracuu_buf_printf(&t, "%s%s@%d", TRACUU_PREFIX_CITES_TYPE, type, year);
        st = add_bool(doc, "", t.s, false);
    }
    tracuu_buf_free(&t);
    return st;
}

/* The listing term of a cited document (schema.h, XCL): display, date,
 * type word, issuer and name apart by TABs; the issuer is cut rather than
 * the rest when the term is long. */
static tracuu_status_t add_cite_listing(tracuu_doc_t *doc,
                                        const tracuu_symbol_t *y)
{
    char date[16] = "";
    if (y->date.year)
        tracuu_date_format(&y->date, date, sizeof date);
    tracuu_buf_t t = {0};
    tracuu_buf_printf(&t, "%s%s\t%s\t%s\t", TRACUU_PREFIX_CITES_LIST,
                      y->display, date, y->word ? y->word->word : "");
    size_t rest = 1 + strlen(y->name);
    size_t room = TRACUU_TERM_MAX > t.len + rest ? TRACUU_TERM_MAX - t.len - rest : 0;
    size_t n = strlen(y->issuer_phrase);
    if (n > room) {
        n = room;
        while (n > 0 && ((unsigned char)y->issuer_phrase[n] & 0xC0) == 0x80)
            n--;
    }
    tracuu_buf_append(&t, y->issuer_phrase, n);
    tracuu_buf_putc(&t, '\t');
    tracuu_buf_puts(&t, y->name);
    tracuu_status_t st = TRACUU_OK;
    if (t.len <= TRACUU_TERM_MAX)
        st = tracuu_doc_add_term(doc, t.s, t.len, y->count ? y->count : 1);
    tracuu_buf_free(&t);
    return st;
}

/* A law or code cited by name (with or without its symbol): the search
 * term of the name (XCN) and a listing term without a symbol, so
 * cites:"luật thi đua khen thưởng" and --list cites count the same
 * plans. */
static tracuu_status_t add_citename(tracuu_doc_t *doc,
                                    const tracuu_citename_t *c)
{
    tracuu_status_t st = add_bool(doc, TRACUU_PREFIX_CITES_NAME, c->key, false);
    tracuu_buf_t t = {0};
    bool code = strncmp(c->name, "Bộ luật", strlen("Bộ luật")) == 0;
    tracuu_buf_printf(&t, "%s\t\t%s\t\t%s", TRACUU_PREFIX_CITES_LIST,
                      code ? "Bộ luật" : "Luật", c->name);
    if (st == TRACUU_OK && t.len <= TRACUU_TERM_MAX)
        st = tracuu_doc_add_term(doc, t.s, t.len, c->count ? c->count : 1);
    tracuu_buf_free(&t);
    return st;
}

static tracuu_status_t add_cited(tracuu_doc_t *doc, const tracuu_symbol_t *y)
{
    tracuu_status_t st = add_bool(doc, TRACUU_PREFIX_CITES, y->key, false);
    const char *type = tracuu_symbol_search_type(y);
    tracuu_buf_t t = {0};
    if (st == TRACUU_OK && type && *type) {
        tracuu_buf_printf(&t, "%s%s#%ld", TRACUU_PREFIX_CITES_TYPE, type,
                          y->number);
        st = add_bool(doc, "", t.s, false);
    }
    if (st == TRACUU_OK)
        st = add_cited_parts(doc, y, type);
    char digits[9];
    for (int p = 1; st == TRACUU_OK && p <= date_precision(&y->date); p++) {
        date_digits(&y->date, p, digits);
        tracuu_buf_clear(&t);
        tracuu_buf_printf(&t, "%s%s@%s", TRACUU_PREFIX_CITES_DATE, y->key, digits);
        st = add_bool(doc, "", t.s, false);
    }
    if (st == TRACUU_OK && y->issuer_phrase[0]) {
        tracuu_buf_t folded = {0};
        tracuu_fold_ascii(y->issuer_phrase, strlen(y->issuer_phrase), &folded);
        /* One term per word of the issuer phrase. */
        char *save = NULL;
        for (char *w = strtok_r(folded.s, " ,.;:()-", &save);
             w && st == TRACUU_OK; w = strtok_r(NULL, " ,.;:()-", &save)) {
            tracuu_buf_clear(&t);
            tracuu_buf_printf(&t, "%s%s@%s", TRACUU_PREFIX_CITES_ISSUER, y->key, w);
            st = add_bool(doc, "", t.s, false);
        }
        tracuu_buf_free(&folded);
    }
    if (st == TRACUU_OK)
        st = add_cite_listing(doc, y);
    tracuu_buf_free(&t);
    return st;
}

static const char role_letter[TRACUU_DATE_ROLE_LAST] = {
    [TRACUU_DATE_MENTIONED] = 'm',
    [TRACUU_DATE_ISSUED] = 'i',
    [TRACUU_DATE_CITED] = 'c',
    [TRACUU_DATE_DEADLINE] = 'd',
};

static tracuu_status_t add_date(tracuu_doc_t *doc, const tracuu_date_t *d)
{
    static const char *const prefixes[] = {NULL, TRACUU_PREFIX_YEAR,
                                           TRACUU_PREFIX_MONTH, TRACUU_PREFIX_DAY};
    char digits[9];
    tracuu_status_t st = TRACUU_OK;
    int prec = date_precision(d);
    for (int p = 1; st == TRACUU_OK && p <= prec; p++) {
        date_digits(d, p, digits);
        st = add_bool(doc, prefixes[p], digits, false);
    }
    if (st == TRACUU_OK && prec > 0 && (unsigned)d->role < TRACUU_DATE_ROLE_LAST) {
        date_digits(d, prec, digits);
        char term[32];
        snprintf(term, sizeof term, "%s%c%s", TRACUU_PREFIX_DATE_LIST,
                 role_letter[d->role], digits);
        st = tracuu_doc_add_term(doc, term, strlen(term),
                                 d->count ? d->count : 1);
    }
    return st;
}

static tracuu_status_t add_period(tracuu_doc_t *doc, const tracuu_period_t *p)
{
    int from = p->from_year ? p->from_year : p->to_year;
    if (from <= 0 || p->to_year < from ||
        p->to_year - from > TRACUU_PERIOD_MAX_YEARS)
        return TRACUU_OK;
    tracuu_status_t st = TRACUU_OK;
    char term[16];
    for (int y = from; y <= p->to_year && st == TRACUU_OK; y++) {
        snprintf(term, sizeof term, "%s%04d", TRACUU_PREFIX_PERIOD, y);
        st = tracuu_doc_add_boolean(doc, term, strlen(term));
    }
    return st;
}

/* True when name and canon have the same words (tracuu_movement_key),
 * without normalising both when their bytes say so: equal, or equal but
 * for the case of an ASCII first letter (the canonical name of a name
 * not in the table is the name with its first letter upper). */
static bool same_words(const char *name, const char *canon)
{
    if (name == canon || strcmp(name, canon) == 0)
        return true;
    if ((unsigned char)name[0] < 0x80 && (unsigned char)canon[0] < 0x80 &&
        (name[0] | 0x20) == (canon[0] | 0x20) && strcmp(name + 1, canon + 1) == 0)
        return true;
    char *k1 = tracuu_movement_key(name, strlen(name));
    char *k2 = tracuu_movement_key(canon, strlen(canon));
    bool same = strcmp(k1, k2) == 0;
    free(k1);
    free(k2);
    return same;
}

/* Cut t to at most max bytes at a space, ending it with "…" so a listed
 * name shows it was cut ("… LẬP THÀNH TÍCH …", never "LẬP TH"). */
static void cut_at_word(tracuu_buf_t *t, size_t max)
{
    static const char ell[] = "\xe2\x80\xa6"; /* … */
    size_t n = max - (sizeof ell - 1);
    while (n > 0 && t->s[n] != ' ')
        n--;
    if (n == 0) { /* one long word: at a character */
        n = max - (sizeof ell - 1);
        while (n > 0 && ((unsigned char)t->s[n] & 0xC0) == 0x80)
            n--;
    }
    t->len = n;
    tracuu_buf_puts(t, ell);
}

/* A movement's names: its words as written (XM) and, when it differs,
 * its canonical name's (so movement:"dân vận khéo" finds "Dan van khéo"
 * and "Tây Ninh chung sức …" the national one), each at its own gap;
 * XMN kind TAB canonical TAB name for listing. */
static tracuu_status_t add_movements(tracuu_analyzer_t *a, tracuu_doc_t *doc,
                                     const tracuu_movements_t *m)
{
    tracuu_status_t st = TRACUU_OK;
    tracuu_buf_t t = {0};
    for (size_t i = 0; i < m->n && st == TRACUU_OK; i++) {
        const tracuu_movement_t *mv = &m->v[i];
        if (!mv->name || !*mv->name)
            continue;
        const char *canon = mv->canonical ? mv->canonical : mv->name;
        unsigned count = mv->count ? mv->count : 1;
        uint32_t pos = (uint32_t)(2 * i + 1) * TRACUU_MOVEMENT_GAP;
        st = add_field_words(a, doc, TRACUU_PREFIX_MOVEMENT, mv->name, pos,
                             count - 1);
        if (st == TRACUU_OK && !same_words(mv->name, canon))
            st = add_field_words(a, doc, TRACUU_PREFIX_MOVEMENT, canon,
                                 pos + TRACUU_MOVEMENT_GAP, count - 1);
        if (st == TRACUU_OK)
            st = add_bool(doc, TRACUU_PREFIX_KIND,
                          tracuu_movement_kind_key(mv->kind), false);
        tracuu_buf_clear(&t);
        tracuu_buf_printf(&t, "%s%s\t%s\t%s", TRACUU_PREFIX_MOVEMENT_LIST,
                          tracuu_movement_kind_key(mv->kind), canon, mv->name);
        if (t.len > TRACUU_TERM_MAX)
            cut_at_word(&t, TRACUU_TERM_MAX);
        if (st == TRACUU_OK)
            st = tracuu_doc_add_term(doc, t.s, t.len, count);
    }
    tracuu_buf_free(&t);
    return st;
}

/* The issue date, when the header gives it: YYYYMMDD, or "" */
static void issue_date(const tracuu_analysis_t *an, char out[9])
{
    out[0] = '\0';
    for (size_t i = 0; i < an->dates.n_dates; i++) {
        const tracuu_date_t *d = &an->dates.dates[i];
        if (d->role == TRACUU_DATE_ISSUED && date_precision(d) == 3) {
            date_digits(d, 3, out);
            return;
        }
    }
}

/* Terms from the extractors: citations, own number, dates, periods,
 * movements, header fields. */
static tracuu_status_t add_extracted(tracuu_analyzer_t *a, tracuu_doc_t *doc,
                                     const tracuu_analysis_t *an)
{
    tracuu_status_t st = TRACUU_OK;
    for (size_t i = 0; i < an->symbols.n && st == TRACUU_OK; i++) {
        const tracuu_symbol_t *y = &an->symbols.items[i];
        st = y->own ? add_bool(doc, TRACUU_PREFIX_NUMBER, y->key, false)
                    : add_cited(doc, y);
    }
    for (size_t i = 0; i < an->citenames.n && st == TRACUU_OK; i++)
        st = add_citename(doc, &an->citenames.items[i]);
    for (size_t i = 0; i < an->dates.n_dates && st == TRACUU_OK; i++)
        st = add_date(doc, &an->dates.dates[i]);
    for (size_t i = 0; i < an->dates.n_periods && st == TRACUU_OK; i++)
        st = add_period(doc, &an->dates.periods[i]);
    if (st == TRACUU_OK)
        st = add_movements(a, doc, &an->movements);
    const tracuu_header_t *h = &an->header;
    if (st == TRACUU_OK && h->doc_type)
        st = add_bool(doc, TRACUU_PREFIX_TYPE, h->doc_type, true);
    if (st == TRACUU_OK)
        st = add_field_words(a, doc, TRACUU_PREFIX_ISSUER, h->issuer, 0, 0);
    /* Every signature block (joint plans have several), roles and names,
     * each apart from the others. */
    for (size_t i = 0; i < h->n_signatures && st == TRACUU_OK; i++) {
        uint32_t base = (uint32_t)i * 2 * TRACUU_MOVEMENT_GAP;
        st = add_field_words(a, doc, TRACUU_PREFIX_SIGNER,
                             h->signatures[i].role, base, 0);
        if (st == TRACUU_OK)
            st = add_field_words(a, doc, TRACUU_PREFIX_SIGNER,
                                 h->signatures[i].name,
                                 base + TRACUU_MOVEMENT_GAP, 0);
    }
    char issued[9];
    issue_date(an, issued);
    if (st == TRACUU_OK && issued[0])
        st = tracuu_doc_set_value(doc, TRACUU_SLOT_ISSUED, issued, 8);
    return st;
}

/* The hash of the record's key when the header gives the own number,
 * the issuer and the issue date (NĐ 30/2020: one document), the issuer
 * folded and its words alone; false when one is missing. */
static bool record_digest(const tracuu_analysis_t *an, uint64_t *out)
{
    const char *number = NULL;
    for (size_t i = 0; i < an->symbols.n && !number; i++)
        if (an->symbols.items[i].own)
            number = an->symbols.items[i].key;
    char issued[9];
    issue_date(an, issued);
    const char *issuer = an->header.issuer;
    if (!number || !*number || !issued[0] || !issuer || !*issuer)
        return false;
    tracuu_buf_t f = {0};
    tracuu_fold_ascii(issuer, strlen(issuer), &f);
    uint64_t h = tracuu_fnv1a64(number, strlen(number) + 1, TRACUU_FNV64_INIT);
    h = tracuu_fnv1a64(issued, 9, h);
    bool gap = false;
    for (size_t i = 0; i < f.len; i++) {
        char c = f.s[i];
        bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (word && gap)
            h = tracuu_fnv1a64(" ", 1, h);
        if (word)
            h = tracuu_fnv1a64(&c, 1, h);
        gap = !word && (gap || i > 0);
    }
    tracuu_buf_free(&f);
    *out = h;
    return true;
}

/* Slot TRACUU_SLOT_DUP and its XQ term (schema.h). */
static tracuu_status_t add_dup_key(tracuu_doc_t *doc,
                                   const tracuu_analysis_t *an,
                                   uint64_t text_digest)
{
    uint64_t h;
    char key[2 + 16 + 1], term[sizeof TRACUU_PREFIX_DUP + sizeof key];
    key[0] = record_digest(an, &h) ? 'r' : 't';
    tracuu_record_hex(key[0] == 'r' ? h : text_digest, key + 1);
    snprintf(term, sizeof term, "%s%s", TRACUU_PREFIX_DUP, key);
    tracuu_status_t st = tracuu_doc_set_value(doc, TRACUU_SLOT_DUP, key,
                                              strlen(key));
    return st == TRACUU_OK ? tracuu_doc_add_boolean(doc, term, strlen(term))
                           : st;
}

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    return dot && dot[1] ? dot + 1 : NULL;
}

char *tracuu_record_checkpoints(const tracuu_analysis_t *an, bool stored)
{
    /* A document's were taken before its map was dropped (analysis.h). */
    if (!stored && an->checkpoints_orig)
        return tracuu_xstrdup(an->checkpoints_orig);
    return tracuu_analysis_checkpoints(an, !stored);
}

static char *metadata_json(const tracuu_analysis_t *an,
                           const tracuu_file_info_t *info, const char *title)
{
    json_t *o = json_object();
    /* JSON holds UTF-8 only: a file name that is not is shown with U+FFFD
     * here; its exact bytes are in the path value slot. */
    tracuu_norm_t shown;
    if (tracuu_normalize(info->path, strlen(info->path), &shown) == 0) {
        json_object_set_new(o, "path", json_string(shown.s));
        tracuu_norm_free(&shown);
    }
    json_object_set_new(o, "title", json_string(title));
    json_object_set_new(o, "size", json_integer((json_int_t)info->size));
    json_object_set_new(o, "mtime", json_integer((json_int_t)info->mtime));
    json_object_set_new(o, "mtime_ns", json_integer((json_int_t)info->mtime_ns));
    json_object_set_new(o, "ctime_ns", json_integer((json_int_t)info->ctime_ns));
    json_object_set_new(o, "ino", json_integer((json_int_t)info->ino));
    if (info->format)
        json_object_set_new(o, "format", json_string(info->format));
    if (info->encoding)
        json_object_set_new(o, "encoding", json_string(info->encoding));
    if (info->pages)
        json_object_set_new(o, "pages", json_integer((json_int_t)info->pages));
    json_object_set_new(o, "text_stored", json_boolean(info->store_text));
    if (info->same_bytes && !info->store_text)
        json_object_set_new(o, "raw", json_true());
    const tracuu_header_t *h = &an->header;
    if (h->doc_type)
        json_object_set_new(o, "type", json_string(h->doc_type));
    if (h->number)
        json_object_set_new(o, "number", json_string(h->number));
    if (h->issuer)
        json_object_set_new(o, "issuer", json_string(h->issuer));
    if (h->place)
        json_object_set_new(o, "place", json_string(h->place));
    if (h->signer)
        json_object_set_new(o, "signer", json_string(h->signer));
    if (h->signer_role)
        json_object_set_new(o, "signer_role", json_string(h->signer_role));
    char issued[9];
    issue_date(an, issued);
    if (issued[0]) {
        char iso[11];
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", issued, issued + 4,
                 issued + 6);
        json_object_set_new(o, "issued", json_string(iso));
    }
    /* A document past the caps on distinct citations, dates or movement
     * names says what it left out. */
    char *note = tracuu_analysis_truncated(an);
    if (note)
        json_object_set_new(o, "truncated", json_string(note));
    free(note);
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s;
}

tracuu_status_t tracuu_record_build(tracuu_analyzer_t *a,
                                    const tracuu_analysis_t *an,
                                    const tracuu_file_info_t *info,
                                    const char *uid, tracuu_doc_t **out)
{
    *out = NULL;
    tracuu_doc_t *doc = tracuu_doc_new();
    if (!doc)
        return TRACUU_ERR_NOMEM;
    char *title = tracuu_record_title(an);
    char *json = NULL;
    tracuu_buf_t data = {0}, term = {0};
    uint64_t digest = TRACUU_FNV64_INIT;
    tracuu_status_t st =
        add_tokens(doc, an->norm.s, &an->tokens, "", TOK_EXACT | TOK_READINGS, 0,
                   &digest);
    if (st == TRACUU_OK)
        st = add_dup_key(doc, an, digest);
    if (st == TRACUU_OK)
        st = add_title(a, doc, title);
    if (st == TRACUU_OK)
        st = add_extracted(a, doc, an);
    if (st == TRACUU_OK)
        st = tracuu_doc_add_boolean(doc, uid, strlen(uid));
    const char *ext = extension(info->path);
    if (st == TRACUU_OK && ext) {
        tracuu_buf_puts(&term, TRACUU_PREFIX_EXT);
        tracuu_fold_lower(ext, strlen(ext), &term);
        if (term.len <= TRACUU_TERM_MAX)
            st = tracuu_doc_add_boolean(doc, term.s, term.len);
    }
    char hex[17];
    tracuu_record_hex((uint64_t)info->mtime, hex);
    if (st == TRACUU_OK)
        st = tracuu_doc_set_value(doc, TRACUU_SLOT_MTIME, hex, 16);
    tracuu_record_hex(info->size, hex);
    if (st == TRACUU_OK)
        st = tracuu_doc_set_value(doc, TRACUU_SLOT_SIZE, hex, 16);
    if (st == TRACUU_OK)
        st = tracuu_doc_set_value(doc, TRACUU_SLOT_PATH, info->path,
                                  strlen(info->path));
    char sig[TRACUU_RECORD_SIG_LEN + 1];
    const char *stat_sig = info->signature;
    if (!stat_sig) {
        tracuu_record_signature(info->mtime_ns, info->ctime_ns, info->ino,
                                info->size, sig);
        stat_sig = sig;
    }
    if (st == TRACUU_OK)
        st = tracuu_doc_set_value(doc, TRACUU_SLOT_STAT, stat_sig,
                                  strlen(stat_sig));
    char *ck = tracuu_record_checkpoints(an, info->store_text);
    if (st == TRACUU_OK && ck && *ck)
        st = tracuu_doc_set_value(doc, TRACUU_SLOT_CHECKPOINTS, ck,
                                  strlen(ck));
    free(ck);
    json = metadata_json(an, info, title);
    if (!json)
        st = TRACUU_ERR_NOMEM;
    if (st == TRACUU_OK) {
        tracuu_buf_puts(&data, json);
        tracuu_buf_putc(&data, '\n');
        if (info->store_text)
            tracuu_buf_append(&data, an->norm.s, an->norm.len);
        st = tracuu_doc_set_data(doc, data.s, data.len);
    }
    free(title);
    free(json);
    tracuu_buf_free(&data);
    tracuu_buf_free(&term);
    if (st != TRACUU_OK) {
        tracuu_doc_free(doc);
        return st;
    }
    *out = doc;
    return TRACUU_OK;
}

void tracuu_record_split(const char *data, size_t len, const char **json,
                         size_t *json_len, const char **text,
                         size_t *text_len)
{
    const char *nl = memchr(data, '\n', len);
    size_t j = nl ? (size_t)(nl - data) : len;
    *json = data;
    *json_len = j;
    *text = nl ? nl + 1 : data + len;
    *text_len = nl ? len - j - 1 : 0;
}
