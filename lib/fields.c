/* fields.c: cites:, number:, date:, issued:, period:, kind:, type: clauses. */
#include "fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abbrev.h"
#include "buf.h"
#include "date.h"
#include "fold.h"
#include "i18n.h"
#include "movement.h"
#include "relation.h"
#include "scan.h"
#include "schema.h"
#include "symbol.h"
#include "xdb.h"

const tracuu_field_t tracuu_fields[] = {
    {"title", TRACUU_PREFIX_TITLE, N_("words of the plan's title")},
    {"movement", TRACUU_PREFIX_MOVEMENT,
     N_("words in order inside one movement name: movement:\"dân vận khéo\"")},
    {"issuer", TRACUU_PREFIX_ISSUER, N_("words of the issuing body")},
    {"signer", TRACUU_PREFIX_SIGNER, N_("words of the signer's role or name")},
    {"cites", NULL,
     N_("plans citing a document: cites:34-CT/TW, cites:\"chỉ thị 34\"; "
        "narrow by the cited document's date or issuer: cites:11/CT-UBND@2020, "
        "cites:11/CT-UBND date:2020, cites:\"19/CT-TTg@Thủ tướng\"; part of "
        "a symbol: cites:79/2010/ (number and year), cites:/CT-TTg (type and "
        "issuer), cites:\"nghị quyết\" (a type; with date:2024, of that year)")},
    {"rel", NULL,
     N_("plans by their relation to what they cite: can-cu, thuc-hien, "
        "huong-dan, sua-doi, thay-the, bai-bo, mentioned; after cites:, the "
        "relation to that document: cites:34-CT/TW rel:thuc-hien")},
    {"number", NULL, N_("the plan's own number: number:01/KH-UBND-CD")},
    {"date", NULL,
     N_("plans mentioning a day, month, year or range: date:07/4/2014, "
        "date:2024-02, date:2024, date:2024-01-01..2024-06-30, date:..2020")},
    {"issued", NULL, N_("the plan's own issue date, same forms as date:")},
    {"period", NULL, N_("plans whose period (giai đoạn …) covers a year: period:2023")},
    {"kind", NULL,
     N_("plans naming a movement of a kind: phong-trao, cuoc-van-dong, "
        "chu-de-thi-dua, chu-de, phuong-cham, de-an, chuyen-de")},
    {"type", NULL, N_("the plan's document type: type:\"kế hoạch\", type:\"quyết định\"")},
    {NULL, NULL, NULL},
};

static char *message(const char *fmt, const char *field, const char *value)
{
    tracuu_buf_t b = {0};
    tracuu_buf_printf(&b, fmt, field, value);
    return tracuu_buf_steal(&b);
}

typedef struct qvec {
    tracuu_q_t **v;
    size_t n;
} qvec_t;

static void qv_push_term(qvec_t *l, const char *term)
{
    l->v = tracuu_xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n++] = tracuu_q_term(term, strlen(term), 1);
}

static tracuu_q_t *qv_or(qvec_t *l)
{
    tracuu_q_t *q = l->n ? tracuu_q_combine(TRACUU_Q_OR, l->v, l->n)
                         : tracuu_q_none();
    free(l->v);
    l->v = NULL;
    l->n = 0;
    return q;
}

/* Matches, but adds no weight: structured clauses filter. */
static tracuu_q_t *boolean(tracuu_q_t *q)
{
    return tracuu_q_scale(q, 0.0);
}

static long next_day(long ymd)
{
    int y = (int)(ymd / 10000), m = (int)(ymd / 100 % 100), d = (int)(ymd % 100);
    if (d < tracuu_date_days_in_month(y, m))
        return ymd + 1;
    if (m < 12)
        return (long)y * 10000 + (m + 1) * 100 + 1;
    return (long)(y + 1) * 10000 + 101;
}

static long month_end(long ymd)
{
    int y = (int)(ymd / 10000), m = (int)(ymd / 100 % 100);
    return (long)y * 10000 + m * 100 + tracuu_date_days_in_month(y, m);
}

/* The fewest year, month and day terms covering [first, last]: each is
 * before + digits (+ after), e.g. "Y2024", "XCD34/CT/TW@202402". */
#define MAX_RANGE_TERMS 4000
static bool expand_days(long first, long last, const char *pre_y,
                        const char *pre_m, const char *pre_d, const char *mid,
                        qvec_t *out)
{
    char term[512];
    long cur = first;
    while (cur <= last) {
        if (out->n >= MAX_RANGE_TERMS)
            return false;
        int y = (int)(cur / 10000);
        if (cur % 10000 == 101 && (long)y * 10000 + 1231 <= last) {
            snprintf(term, sizeof term, "%s%s%04d", pre_y, mid, y);
            cur = (long)(y + 1) * 10000 + 101;
        } else if (cur % 100 == 1 && month_end(cur) <= last) {
            snprintf(term, sizeof term, "%s%s%06ld", pre_m, mid, cur / 100);
            cur = next_day(month_end(cur));
        } else {
            snprintf(term, sizeof term, "%s%s%08ld", pre_d, mid, cur);
            cur = next_day(cur);
        }
        qv_push_term(out, term);
    }
    return true;
}

/* The days a date: value covers; false when it is not a date or range. */
static bool parse_days(const char *v, long *first, long *last)
{
    tracuu_date_t a, b;
    size_t n = strlen(v);
    if (strstr(v, "..")) {
        if (!tracuu_date_parse_range(v, n, &a, &b))
            return false;
        *first = a.year ? tracuu_date_first_ymd(&a) : 19000101;
        *last = b.year ? tracuu_date_last_ymd(&b) : 21001231;
        return *first <= *last;
    }
    if (!tracuu_date_parse_query(v, n, &a))
        return false;
    *first = tracuu_date_first_ymd(&a);
    *last = tracuu_date_last_ymd(&a);
    return true;
}

static void want_days(tracuu_plan_t *plan, long first, long last)
{
    plan->days = tracuu_xrealloc(plan->days, (plan->n_days + 1) * sizeof *plan->days);
    plan->days[plan->n_days++] = (tracuu_want_days_t){first, last};
}

static void want_cite(tracuu_plan_t *plan, const char *key)
{
    plan->cites = tracuu_xrealloc(plan->cites,
                                  (plan->n_cites + 1) * sizeof *plan->cites);
    snprintf(plan->cites[plan->n_cites].key, sizeof plan->cites[0].key, "%s", key);
    plan->n_cites++;
}

static const char *const date_error = N_(
    "%s:%s is not a date or range (use dd/mm/yyyy, yyyy-mm-dd, yyyy-mm, "
    "yyyy, A..B, A.. or ..B, with a real calendar day)");

static tracuu_q_t *date_clause(const tracuu_clause_t *c, tracuu_plan_t *plan,
                               char **err)
{
    long first, last;
    if (!parse_days(c->value, &first, &last)) {
        *err = message(_(date_error), c->field, c->value);
        return NULL;
    }
    qvec_t terms = {0};
    if (!expand_days(first, last, TRACUU_PREFIX_YEAR, TRACUU_PREFIX_MONTH,
                     TRACUU_PREFIX_DAY, "", &terms)) {
        tracuu_q_free(qv_or(&terms));
        *err = message(_("%s:%s spans too many days"), c->field, c->value);
        return NULL;
    }
    if (!c->negated)
        want_days(plan, first, last);
    return boolean(qv_or(&terms));
}

static tracuu_q_t *issued_clause(const tracuu_clause_t *c, char **err)
{
    long first, last;
    if (!parse_days(c->value, &first, &last)) {
        *err = message(_(date_error), c->field, c->value);
        return NULL;
    }
    char lo[16], hi[16];
    snprintf(lo, sizeof lo, "%08ld", first);
    snprintf(hi, sizeof hi, "%08ld", last);
    return tracuu_q_value_range(TRACUU_SLOT_ISSUED, lo, hi);
}

static tracuu_q_t *period_clause(const tracuu_clause_t *c, char **err)
{
    long first, last;
    if (!parse_days(c->value, &first, &last) || last / 10000 - first / 10000 > 200) {
        *err = message(_("%s:%s is not a year or a range of years (period:2023, "
                       "period:2021..2025)"), c->field, c->value);
        return NULL;
    }
    qvec_t terms = {0};
    char term[32];
    for (long y = first / 10000; y <= last / 10000; y++) {
        snprintf(term, sizeof term, "%s%04ld", TRACUU_PREFIX_PERIOD, y);
        qv_push_term(&terms, term);
    }
    return boolean(qv_or(&terms));
}

/* Every folded word of issuer as a cited-issuer term of key (AND); NULL
 * when it has none. */
static tracuu_q_t *issuer_words(const char *key, const char *issuer)
{
    tracuu_buf_t folded = {0};
    tracuu_fold_ascii(issuer, strlen(issuer), &folded);
    qvec_t words = {0};
    char term[512];
    char *save = NULL;
    for (char *w = strtok_r(folded.s ? folded.s : "", " ,.;:()-\"", &save); w;
         w = strtok_r(NULL, " ,.;:()-\"", &save)) {
        snprintf(term, sizeof term, "%s%s@%s", TRACUU_PREFIX_CITES_ISSUER, key, w);
        qv_push_term(&words, term);
    }
    tracuu_buf_free(&folded);
    if (words.n == 0) {
        free(words.v);
        return NULL;
    }
    tracuu_q_t *q = tracuu_q_combine(TRACUU_Q_AND, words.v, words.n);
    free(words.v);
    return q;
}

/* Narrow a cited symbol by what follows '@' (or a date: clause): a date
 * or range of the cited document, else words of its issuer. */
static tracuu_q_t *cite_narrowed(const char *key, const char *narrow,
                                 const char *field, char **err)
{
    long first, last;
    if (parse_days(narrow, &first, &last)) {
        qvec_t terms = {0};
        char mid[300];
        snprintf(mid, sizeof mid, "%s@", key);
        if (!expand_days(first, last, TRACUU_PREFIX_CITES_DATE,
                         TRACUU_PREFIX_CITES_DATE, TRACUU_PREFIX_CITES_DATE, mid,
                         &terms)) {
            tracuu_q_free(qv_or(&terms));
            *err = message(_("%s:…@%s spans too many days"), field, narrow);
            return NULL;
        }
        return boolean(qv_or(&terms));
    }
    tracuu_q_t *q = issuer_words(key, narrow);
    if (!q) {
        *err = message(_("%s: nothing after '@' (give a date or issuer: "
                       "cites:11/CT-UBND@2020)%s"), field, "");
        return NULL;
    }
    /* An abbreviation finds the issuer written out, and the other way. */
    unsigned scopes = TRACUU_ABBREV_ANY | TRACUU_ABBREV_ISSUER;
    char *lf = tracuu_abbrev_expand(narrow, scopes);
    if (!lf)
        lf = tracuu_abbrev_contract(narrow, scopes);
    tracuu_q_t *ql = lf ? issuer_words(key, lf) : NULL;
    free(lf);
    if (ql) {
        tracuu_q_t *two[2] = {q, ql};
        q = tracuu_q_combine(TRACUU_Q_OR, two, 2);
    }
    return boolean(q);
}

static tracuu_q_t *term_q(const char *prefix, const char *fmt,
                           const char *a, const char *b)
{
    tracuu_buf_t t = {0};
    tracuu_buf_puts(&t, prefix);
    tracuu_buf_printf(&t, fmt, a, b);
    tracuu_q_t *q = boolean(tracuu_q_term(t.s, t.len, 1));
    tracuu_buf_free(&t);
    return q;
}

/* The relation a rel: value names, or an error. */
static bool relation_value(const tracuu_clause_t *c, tracuu_relation_t *r,
                           char **err)
{
    *r = tracuu_relation_parse(c->value, strlen(c->value));
    if (*r != TRACUU_REL_LAST)
        return true;
    *err = message(_("%s:%s is not a relation (can-cu, thuc-hien, huong-dan, "
                   "sua-doi, thay-the, bai-bo, mentioned)"), c->field, c->value);
    return false;
}

static tracuu_q_t *rel_clause(const tracuu_clause_t *c, char **err)
{
    tracuu_relation_t r;
    if (!relation_value(c, &r, err))
        return NULL;
    return term_q(TRACUU_PREFIX_REL, "%s%s", tracuu_relation_slug(r), "");
}

/* A document type named alone (cites:"nghị quyết", cites:NQ): its code. */
static const char *type_alone(const char *v)
{
    tracuu_buf_t f = {0};
    tracuu_buf_put_collapsed(&f, v, strlen(v), NULL);
    const tracuu_doctype_t *dt = tracuu_doctype_find(f.s ? f.s : "", f.len,
                                                     true);
    tracuu_buf_t folded = {0};
    tracuu_fold_ascii(f.s ? f.s : "", f.len, &folded);
    const tracuu_typeword_t *tw =
        dt ? NULL : tracuu_typeword_find(folded.s ? folded.s : "", folded.len);
    tracuu_buf_free(&f);
    tracuu_buf_free(&folded);
    return dt ? dt->code : tw ? tw->code : NULL;
}

/* Part of a symbol: "79/2010/" (number and year), "/CT-TTg" (codes),
 * or a type alone narrowed by a year; NULL when v is none of those. */
static tracuu_q_t *cites_part(const char *v, const tracuu_clause_t *next,
                              bool *used_next)
{
    long number = 0;
    int year = 0, used = 0;
    if (sscanf(v, "%ld/%4d%n", &number, &year, &used) == 2 && number > 0 &&
        year >= 1900 && (v[used] == '\0' || !strcmp(v + used, "/"))) {
        char y[16];
        snprintf(y, sizeof y, "%d", year);
        char nb[24];
        snprintf(nb, sizeof nb, "%ld", number);
        return term_q(TRACUU_PREFIX_CITES_YEAR, "%s/%s", nb, y);
    }
    if (v[0] == '/' && v[1]) {
        tracuu_buf_t t = {0};
        tracuu_buf_printf(&t, "1%s", v);
        tracuu_symbol_t *sym = tracuu_xcalloc(1, sizeof *sym);
        tracuu_q_t *q = NULL;
        if (tracuu_symbol_parse_query(t.s, t.len, sym))
            q = term_q(TRACUU_PREFIX_CITES_CODES, "%s%s",
                       strrchr(sym->key, '/') + 1, "");
        free(sym);
        tracuu_buf_free(&t);
        return q;
    }
    const char *type = type_alone(v);
    if (!type)
        return NULL;
    if (next && next->field && !strcmp(next->field, "date") &&
        !next->negated && strlen(next->value) == 4 &&
        strspn(next->value, "0123456789") == 4) {
        *used_next = true;
        return term_q(TRACUU_PREFIX_CITES_TYPE, "%s@%s", type, next->value);
    }
    return term_q(TRACUU_PREFIX_CITES_TYPE, "%s%s", type, "");
}

/* cites:KEY followed by rel:R: the plan's relation to that document. */
static tracuu_q_t *cites_rel(const char *key, const tracuu_clause_t *next,
                             bool *used_next, char **err)
{
    tracuu_relation_t r;
    if (!relation_value(next, &r, err))
        return NULL;
    *used_next = true;
    return term_q(TRACUU_PREFIX_CITES_REL, "%s@%s", key,
                  tracuu_relation_slug(r));
}

/* cites:"luật thi đua khen thưởng": the plans naming that law or code
 * (XCN, the name folded as the indexer folds it), or NULL when value is
 * no such name ("Luật" or "Bộ luật" and at least one word). */
static tracuu_q_t *cite_name_query(const char *value)
{
    tracuu_buf_t k = {0};
    tracuu_citename_key(value, strlen(value), &k);
    tracuu_buf_puts(&k, "");
    tracuu_q_t *q = NULL;
    const char *rest = strncmp(k.s, "luat ", 5) == 0      ? k.s + 5
                       : strncmp(k.s, "bo luat ", 8) == 0 ? k.s + 8 : NULL;
    if (rest && *rest && !tracuu_scan_is_digit(*rest)) {
        tracuu_buf_t t = {0};
        tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_CITES_NAME, k.s);
        if (t.len <= TRACUU_TERM_MAX)
            q = boolean(tracuu_q_term(t.s, t.len, 1));
        tracuu_buf_free(&t);
    }
    tracuu_buf_free(&k);
    return q;
}

static tracuu_q_t *cites_clause(const tracuu_clause_t *c,
                                const tracuu_clause_t *next, bool *used_next,
                                tracuu_plan_t *plan, char **err)
{
    char *value = tracuu_xstrdup(c->value);
    char *at = strchr(value, '@');
    if (at)
        *at++ = '\0';
    tracuu_symbol_t *sym = tracuu_xcalloc(1, sizeof *sym);
    tracuu_q_t *q = NULL;
    if (tracuu_symbol_parse_query(value, strlen(value), sym)) {
        if (!c->negated)
            want_cite(plan, sym->key);
        const char *narrow = at;
        if (!at && next && next->field && !strcmp(next->field, "rel") &&
            !next->negated) {
            q = cites_rel(sym->key, next, used_next, err);
        } else if (!narrow && next && next->field &&
                   strcmp(next->field, "date") == 0 && !next->negated) {
            narrow = next->value;
            *used_next = true;
        }
        if (*used_next && !narrow) {
            /* cites:KEY rel:R, done */
        } else if (narrow) {
            q = cite_narrowed(sym->key, narrow, c->field, err);
        } else {
            tracuu_buf_t t = {0};
            tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_CITES, sym->key);
            q = boolean(tracuu_q_term(t.s, t.len, 1));
            tracuu_buf_free(&t);
        }
    } else {
        char code[32];
        long number = 0;
        if (!at && tracuu_symbol_parse_type_number(value, strlen(value), code,
                                                   sizeof code, &number)) {
            char term[64];
            snprintf(term, sizeof term, "%s%s#%ld", TRACUU_PREFIX_CITES_TYPE,
                     code, number);
            q = boolean(tracuu_q_term(term, strlen(term), 1));
        } else if (!at && (q = cites_part(value, next, used_next))) {
            /* a part of a symbol */
        } else if (!at && (q = cite_name_query(value)) != NULL) {
            /* a law or code by its name */
        } else {
            *err = message(_("%s:%s is not a document symbol (34-CT/TW, "
                           "19/CT-TTg, 98/2023/NĐ-CP), a type and number "
                           "(\"chỉ thị 34\") nor the name of a law or code "
                           "(\"luật thi đua khen thưởng\")"), c->field, c->value);
        }
    }
    free(sym);
    free(value);
    return q;
}

static tracuu_q_t *number_clause(const tracuu_clause_t *c, char **err)
{
    tracuu_symbol_t *sym = tracuu_xcalloc(1, sizeof *sym);
    tracuu_q_t *q = NULL;
    if (tracuu_symbol_parse_query(c->value, strlen(c->value), sym)) {
        tracuu_buf_t t = {0};
        tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_NUMBER, sym->key);
        q = boolean(tracuu_q_term(t.s, t.len, 1));
        tracuu_buf_free(&t);
    } else {
        *err = message(_("%s:%s is not a document number (01/KH-UBND-CD)"),
                       c->field, c->value);
    }
    free(sym);
    return q;
}

static tracuu_q_t *kind_clause(const tracuu_clause_t *c, char **err)
{
    tracuu_movement_kind_t k;
    if (!tracuu_movement_kind_parse(c->value, strlen(c->value), &k)) {
        *err = message(_("%s:%s is not a kind of movement (phong-trao, "
                       "cuoc-van-dong, chu-de-thi-dua, chu-de, phuong-cham, "
                       "de-an, chuyen-de)"), c->field, c->value);
        return NULL;
    }
    tracuu_buf_t t = {0};
    tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_KIND, tracuu_movement_kind_key(k));
    tracuu_q_t *q = boolean(tracuu_q_term(t.s, t.len, 1));
    tracuu_buf_free(&t);
    return q;
}

static tracuu_q_t *type_clause(const tracuu_clause_t *c)
{
    tracuu_buf_t t = {0}, folded = {0};
    /* Blanks collapsed, as the stored type. */
    tracuu_buf_put_collapsed(&t, c->value, strlen(c->value), NULL);
    tracuu_buf_puts(&folded, TRACUU_PREFIX_TYPE);
    tracuu_fold_ascii(t.s ? t.s : "", t.len, &folded);
    tracuu_buf_free(&t);
    t = folded;
    folded = (tracuu_buf_t){0};
    tracuu_q_t *q = boolean(tracuu_q_term(t.s, t.len, 1));
    tracuu_buf_free(&t);
    tracuu_buf_free(&folded);
    return q;
}

tracuu_q_t *tracuu_field_query(tracuu_analyzer_t *a, const tracuu_clause_t *c,
                               const tracuu_clause_t *next, bool *used_next,
                               tracuu_plan_t *plan, char **err)
{
    (void)a;
    *used_next = false;
    *err = NULL;
    if (strcmp(c->field, "cites") == 0)
        return cites_clause(c, next, used_next, plan, err);
    if (strcmp(c->field, "number") == 0)
        return number_clause(c, err);
    if (strcmp(c->field, "rel") == 0)
        return rel_clause(c, err);
    if (strcmp(c->field, "date") == 0)
        return date_clause(c, plan, err);
    if (strcmp(c->field, "issued") == 0)
        return issued_clause(c, err);
    if (strcmp(c->field, "period") == 0)
        return period_clause(c, err);
    if (strcmp(c->field, "kind") == 0)
        return kind_clause(c, err);
    if (strcmp(c->field, "type") == 0)
        return type_clause(c);
    *err = message(_("%s: is not a structured field%s"), c->field, "");
    return NULL;
}

tracuu_q_t *tracuu_field_symbol_word(const char *value, tracuu_plan_t *plan)
{
    /* Only what looks like one: a digit and a separator. */
    if (!strpbrk(value, "0123456789") || !strpbrk(value, "/-"))
        return NULL;
    tracuu_symbol_t *sym = tracuu_xcalloc(1, sizeof *sym);
    tracuu_q_t *q = NULL;
    if (tracuu_symbol_parse_query(value, strlen(value), sym)) {
        tracuu_buf_t t = {0};
        tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_CITES, sym->key);
        tracuu_q_t *two[2] = {tracuu_q_term(t.s, t.len, 1), NULL};
        tracuu_buf_clear(&t);
        tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_NUMBER, sym->key);
        two[1] = tracuu_q_term(t.s, t.len, 1);
        q = tracuu_q_combine(TRACUU_Q_OR, two, 2);
        tracuu_buf_free(&t);
        want_cite(plan, sym->key);
    }
    free(sym);
    return q;
}
