/* build.c: clauses to Xapian queries: folded terms match, exact ones rank. */
#include "build.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fields.h"
#include "fold.h"
#include "schema.h"
#include "tokenize.h"

extern const char *const tracuu_query_stopwords[];

/* Weight given to exact (accented) matches relative to folded ones: high
 * enough that a plan with the accents a user typed ranks above one that
 * matches only without them (OCR text). */
#define EXACT_BOOST 8.0

static const tracuu_field_t *find_field(const char *name)
{
    for (size_t i = 0; tracuu_fields[i].name; i++)
        if (strcmp(name, tracuu_fields[i].name) == 0)
            return &tracuu_fields[i];
    return NULL;
}

bool tracuu_query_known_field(const char *name)
{
    return find_field(name) != NULL;
}

typedef struct qlist {
    tracuu_q_t **v;
    size_t n;
} qlist_t;

static void qpush(qlist_t *l, tracuu_q_t *q)
{
    l->v = tracuu_xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n++] = q;
}

static bool is_stopword(const char *exact)
{
    for (size_t i = 0; tracuu_query_stopwords[i]; i++)
        if (strcmp(exact, tracuu_query_stopwords[i]) == 0)
            return true;
    return false;
}

/* Append syllable (folded, exact) to the highlight run being built. */
static void hl_push(tracuu_hl_t *h, const char *folded, const char *exact)
{
    h->folded = tracuu_xrealloc(h->folded, (h->n + 1) * sizeof(char *));
    h->exact = tracuu_xrealloc(h->exact, (h->n + 1) * sizeof(char *));
    h->folded[h->n] = tracuu_xstrdup(folded);
    h->exact[h->n] = strcmp(folded, exact) ? tracuu_xstrdup(exact) : NULL;
    h->n++;
}

static void hl_free(tracuu_hl_t *h)
{
    for (size_t i = 0; i < h->n; i++) {
        free(h->folded[i]);
        free(h->exact[i]);
    }
    free(h->folded);
    free(h->exact);
}

static void add_highlight(tracuu_plan_t *plan, tracuu_hl_t *h)
{
    if (h->n == 0)
        return;
    plan->highlight = tracuu_xrealloc(plan->highlight,
                                      (plan->n_highlight + 1) * sizeof *h);
    plan->highlight[plan->n_highlight++] = *h;
    memset(h, 0, sizeof *h);
}

/* One text clause: its folded terms (a phrase when several) into match,
 * its exact terms into boost. Returns the number of syllables. */
static size_t text_clause(tracuu_analyzer_t *a, const tracuu_clause_t *c,
                          const char *prefix, bool may_drop, qlist_t *match,
                          qlist_t *boost, tracuu_plan_t *plan)
{
    tracuu_analysis_t an;
    size_t n = 0;
    if (tracuu_analyze(a, c->value, strlen(c->value), TRACUU_ANALYZE_TOKENS,
                       &an) != TRACUU_OK) {
        tracuu_analysis_free(&an);
        return 0;
    }
    qlist_t parts = {0}, exacts = {0};
    tracuu_q_t *first = NULL;
    tracuu_hl_t hl = {0};
    tracuu_buf_t exact = {0}, folded = {0};
    bool all_stop = true;
    for (size_t i = 0; i < an.tokens.n; i++) {
        const tracuu_token_t *t = &an.tokens.v[i];
        tracuu_buf_clear(&exact);
        tracuu_buf_clear(&folded);
        tracuu_term_forms(an.norm.s + t->start, t->end - t->start, &exact,
                          &folded);
        if (folded.len == 0)
            continue;
        all_stop = all_stop && is_stopword(exact.s);
        tracuu_buf_t term = {0};
        tracuu_buf_puts(&term, prefix);
        tracuu_buf_append(&term, folded.s, folded.len);
        qpush(&parts, tracuu_q_term(term.s, term.len, 1));
        tracuu_buf_free(&term);
        if (!c->negated) {
            hl_push(&hl, folded.s, exact.s);
            if (exact.len != folded.len || strcmp(exact.s, folded.s) != 0) {
                tracuu_buf_t e = {0};
                tracuu_buf_puts(&e, *prefix ? prefix : TRACUU_PREFIX_EXACT);
                tracuu_buf_append(&e, exact.s, exact.len);
                if (!*prefix)
                    qpush(&exacts, tracuu_q_term(e.s, e.len, 1));
                tracuu_buf_free(&e);
            }
        }
        if (n == 0 && !*prefix) {
            /* The word's term for the first ranking tier (rank.h). */
            if (exacts.n)
                first = tracuu_q_scale(tracuu_q_copy(exacts.v[0]), EXACT_BOOST);
            else
                first = tracuu_q_term(folded.s, folded.len, 1);
        }
        n++;
    }
    tracuu_buf_free(&exact);
    tracuu_buf_free(&folded);
    tracuu_analysis_free(&an);
    bool dropped = may_drop && all_stop && n == 1 && !c->quoted;
    if (!dropped)
        add_highlight(plan, &hl);
    hl_free(&hl);
    /* A dropped function word asks for no form either. */
    for (size_t i = 0; i < exacts.n; i++) {
        if (dropped) {
            tracuu_q_free(exacts.v[i]);
            continue;
        }
        qpush(boost, tracuu_q_copy(exacts.v[i]));
        plan->exact_v = tracuu_xrealloc(
            plan->exact_v, (plan->n_exact + 1) * sizeof *plan->exact_v);
        plan->exact_v[plan->n_exact++] = exacts.v[i];
    }
    free(exacts.v);
    if (!dropped && n == 1 && first && !c->quoted && !c->negated) {
        plan->first_v = tracuu_xrealloc(
            plan->first_v, (plan->n_first + 1) * sizeof *plan->first_v);
        plan->first_v[plan->n_first++] = first;
        first = NULL;
    } else if (!dropped && n > 0) {
        plan->not_simple = true;
    }
    tracuu_q_free(first);
    if (n == 0 || dropped) {
        for (size_t i = 0; i < parts.n; i++)
            tracuu_q_free(parts.v[i]);
        free(parts.v);
        return n;
    }
    /* Several syllables in one clause ("…", thi-dua, 34-CT/TW) must be
     * adjacent. */
    qpush(match, tracuu_q_combine(n > 1 ? TRACUU_Q_PHRASE : TRACUU_Q_AND,
                                  parts.v, parts.n));
    free(parts.v);
    return n;
}

static tracuu_q_t *combine_list(tracuu_qop_t op, qlist_t *l)
{
    tracuu_q_t *q = tracuu_q_combine(op, l->v, l->n);
    free(l->v);
    l->v = NULL;
    l->n = 0;
    return q;
}

/* Free n queries and the array holding them. */
static void free_qs(tracuu_q_t **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        tracuu_q_free(v[i]);
    free(v);
}

static void free_list(qlist_t *l)
{
    free_qs(l->v, l->n);
    l->v = NULL;
    l->n = 0;
}

static tracuu_q_t *build_list(tracuu_analyzer_t *a, const tracuu_parsed_t *p,
                              qlist_t *boost, tracuu_plan_t *out, char **err);

/* The query of one item of an OR: its group, or the lone clause. */
static tracuu_q_t *build_item(tracuu_analyzer_t *a, const tracuu_clause_t *c,
                              qlist_t *boost, tracuu_plan_t *out, char **err)
{
    if (c->group)
        return build_list(a, c->group, boost, out, err);
    tracuu_parsed_t one = {(tracuu_clause_t *)c, 1, false};
    return build_list(a, &one, boost, out, err);
}

/* An AND list (or an OR of items): its clauses become match, negs;
 * exact forms go into boost. NULL with *err set
 * when a clause cannot be searched. */
static tracuu_q_t *build_list(tracuu_analyzer_t *a, const tracuu_parsed_t *p,
                              qlist_t *boost, tracuu_plan_t *out, char **err)
{
    if (p->is_or) {
        out->not_simple = true;
        qlist_t any = {0};
        for (size_t i = 0; i < p->n && !*err; i++) {
            tracuu_q_t *q = build_item(a, &p->v[i], boost, out, err);
            if (q)
                qpush(&any, q);
        }
        if (*err) {
            free_list(&any);
            return NULL;
        }
        return combine_list(TRACUU_Q_OR, &any);
    }
    qlist_t match = {0}, negs = {0};
    /* Function words go only when some other positive clause stays. */
    size_t n_content = 0;
    for (size_t i = 0; i < p->n; i++) {
        const tracuu_clause_t *c = &p->v[i];
        if (c->negated)
            continue;
        if (c->group) {
            n_content++;
            continue;
        }
        tracuu_buf_t low = {0};
        tracuu_fold_lower(c->value, strlen(c->value), &low);
        n_content += c->quoted || c->field || !is_stopword(low.s);
        tracuu_buf_free(&low);
    }
    for (size_t i = 0; i < p->n && !*err; i++) {
        const tracuu_clause_t *c = &p->v[i];
        if (c->group) {
            out->not_simple = true;
            tracuu_q_t *gq = build_list(a, c->group, boost, out, err);
            if (gq)
                qpush(c->negated ? &negs : &match, gq);
            continue;
        }
        const char *prefix = "";
        const tracuu_field_t *f = c->field ? find_field(c->field) : NULL;
        if (f && !f->prefix) {
            out->not_simple = true;
            bool used_next = false;
            const tracuu_clause_t *next = i + 1 < p->n ? &p->v[i + 1] : NULL;
            if (next && next->group)
                next = NULL;
            tracuu_q_t *fq = tracuu_field_query(a, c, next, &used_next, out, err);
            if (fq)
                qpush(c->negated ? &negs : &match, fq);
            i += used_next;
            continue;
        }
        if (f)
            prefix = f->prefix;
        size_t m0 = match.n;
        size_t n = text_clause(a, c, prefix, n_content > 0,
                               c->negated ? &negs : &match, boost, out);
        /* A free word that is a document symbol also matches it as a
         * citation or an own number. */
        tracuu_q_t *sym = !c->field && !c->negated && !c->quoted && match.n > m0
                              ? tracuu_field_symbol_word(c->value, out)
                              : NULL;
        if (sym) {
            out->not_simple = true;
            tracuu_q_t *two[2] = {match.v[match.n - 1], sym};
            match.v[match.n - 1] = tracuu_q_combine(TRACUU_Q_OR, two, 2);
        }
        if (n == 0 && !*err) {
            tracuu_buf_t b = {0};
            tracuu_buf_printf(&b, "'%s%s%.*s' has no word to search for",
                              c->field ? c->field : "", c->field ? ":" : "",
                              (int)tracuu_utf8_cut(c->value, strlen(c->value), 60),
                              c->value);
            *err = tracuu_buf_steal(&b);
        }
    }
    if (*err) {
        free_list(&match);
        free_list(&negs);
        return NULL;
    }
    tracuu_q_t *q = match.n ? combine_list(TRACUU_Q_AND, &match) : tracuu_q_all();
    if (negs.n) {
        out->not_simple = true;
        tracuu_q_t *two[2] = {q, combine_list(TRACUU_Q_OR, &negs)};
        q = tracuu_q_combine(TRACUU_Q_AND_NOT, two, 2);
    }
    free(match.v);
    free(negs.v);
    return q;
}

bool tracuu_query_build(tracuu_analyzer_t *a, const tracuu_parsed_t *p,
                        tracuu_plan_t *out, char **err)
{
    memset(out, 0, sizeof *out);
    *err = NULL;
    qlist_t boost = {0};
    tracuu_q_t *q = build_list(a, p, &boost, out, err);
    if (!q) {
        free_list(&boost);
        tracuu_plan_free(out);
        if (!*err)
            *err = tracuu_xstrdup("out of memory building the query");
        return false;
    }
    out->q_match = tracuu_q_copy(q);
    if (out->n_exact)
        out->q_exact = tracuu_q_scale(
            tracuu_q_combine(TRACUU_Q_AND, out->exact_v, out->n_exact),
            EXACT_BOOST);
    free(out->exact_v);
    out->exact_v = NULL;
    out->n_exact = 0;
    if (out->q_exact && !out->not_simple && out->n_first) {
        /* The combination owns the queries, not their array. */
        out->q_first =
            tracuu_q_combine(TRACUU_Q_AND, out->first_v, out->n_first);
        free(out->first_v);
    } else {
        free_qs(out->first_v, out->n_first);
    }
    out->first_v = NULL;
    out->n_first = 0;
    if (boost.n) {
        tracuu_q_t *b = tracuu_q_scale(combine_list(TRACUU_Q_OR, &boost),
                                       EXACT_BOOST);
        tracuu_q_t *two[2] = {q, b};
        q = tracuu_q_combine(TRACUU_Q_AND_MAYBE, two, 2);
    }
    free(boost.v);
    out->q = q;
    return true;
}

void tracuu_plan_free(tracuu_plan_t *plan)
{
    if (!plan)
        return;
    tracuu_q_free(plan->q);
    tracuu_q_free(plan->q_match);
    tracuu_q_free(plan->q_exact);
    tracuu_q_free(plan->q_first);
    free_qs(plan->first_v, plan->n_first);
    free_qs(plan->exact_v, plan->n_exact);
    for (size_t i = 0; i < plan->n_highlight; i++)
        hl_free(&plan->highlight[i]);
    free(plan->highlight);
    free(plan->cites);
    free(plan->days);
    memset(plan, 0, sizeof *plan);
}
