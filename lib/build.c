/* build.c: clauses to Xapian queries: folded terms match, exact ones rank. */
#include "build.h"

#include <stdlib.h>
#include <string.h>

#include "abbrev.h"
#include "buf.h"
#include "fields.h"
#include "fold.h"
#include "i18n.h"
#include "schema.h"
#include "tokenize.h"

extern const char *const tracuu_query_stopwords[];

/* Weight given to exact (accented) matches relative to folded ones: high
 * enough that a plan with the accents a user typed ranks above one that
 * matches only without them (OCR text). */
#define EXACT_BOOST 8.0
/* Weight of two of the query's syllables found next to each other. */
#define PAIR_BOOST 12.0
/* Weight of an abbreviation as the query writes it, above its long form
 * (which matches too): the plans writing "PCCC" first among those holding
 * the other words near it (more drowned those: known items MRR 0.788
 * with 4, 0.796 with 2). */
#define ASIS_BOOST 2.0
/* Bytes of a clause quoted in a message. */
#define CLAUSE_SHOWN 60

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

/* The terms of one text clause, before it is known to stay. */
typedef struct terms {
    qlist_t parts;      /* folded terms, in order */
    qlist_t exacts;     /* exact forms that differ from the folded ones */
    tracuu_q_t *first;  /* the word's term for the first ranking tier */
    tracuu_hl_t hl;     /* what the snippets mark */
    bool all_stop;      /* every syllable a function word */
    size_t n;           /* syllables */
} terms_t;

/* The term of syllable exact/folded of clause c into *t. */
static void add_syllable(const tracuu_clause_t *c, const char *prefix,
                         const tracuu_buf_t *exact,
                         const tracuu_buf_t *folded, terms_t *t)
{
    t->all_stop = t->all_stop && is_stopword(exact->s);
    tracuu_buf_t term = {0};
    tracuu_buf_puts(&term, prefix);
    tracuu_buf_append(&term, folded->s, folded->len);
    qpush(&t->parts, tracuu_q_term(term.s, term.len, 1));
    tracuu_buf_free(&term);
    if (!c->negated) {
        hl_push(&t->hl, folded->s, exact->s);
        if (exact->len != folded->len || strcmp(exact->s, folded->s) != 0) {
            tracuu_buf_t e = {0};
            tracuu_buf_puts(&e, *prefix ? prefix : TRACUU_PREFIX_EXACT);
            tracuu_buf_append(&e, exact->s, exact->len);
            if (!*prefix)
                qpush(&t->exacts, tracuu_q_term(e.s, e.len, 1));
            tracuu_buf_free(&e);
        }
    }
    if (t->n == 0 && !*prefix) {
        /* The word's term for the first ranking tier (rank.h). */
        if (t->exacts.n)
            t->first = tracuu_q_scale(tracuu_q_copy(t->exacts.v[0]),
                                      EXACT_BOOST);
        else
            t->first = tracuu_q_term(folded->s, folded->len, 1);
    }
    t->n++;
}

/* The terms of clause c (prefix: its field's, or "") into *t; false when
 * it cannot be analysed. */
static bool clause_terms(tracuu_analyzer_t *a, const tracuu_clause_t *c,
                         const char *prefix, terms_t *t)
{
    memset(t, 0, sizeof *t);
    t->all_stop = true;
    tracuu_analysis_t an;
    if (tracuu_analyze(a, c->value, strlen(c->value), TRACUU_ANALYZE_TOKENS,
                       &an) != TRACUU_OK) {
        tracuu_analysis_free(&an);
        return false;
    }
    tracuu_buf_t exact = {0}, folded = {0};
    for (size_t i = 0; i < an.tokens.n; i++) {
        const tracuu_token_t *tk = &an.tokens.v[i];
        tracuu_buf_clear(&exact);
        tracuu_buf_clear(&folded);
        tracuu_term_forms(an.norm.s + tk->start, tk->end - tk->start, &exact,
                          &folded);
        if (folded.len)
            add_syllable(c, prefix, &exact, &folded, t);
    }
    tracuu_buf_free(&exact);
    tracuu_buf_free(&folded);
    tracuu_analysis_free(&an);
    return true;
}

/* The exact forms and the first-tier term of t into boost and plan (a
 * dropped function word asks for no form either); t's are taken. */
static void keep_forms(const tracuu_clause_t *c, terms_t *t, bool dropped,
                       qlist_t *boost, tracuu_plan_t *plan)
{
    for (size_t i = 0; i < t->exacts.n; i++) {
        if (dropped) {
            tracuu_q_free(t->exacts.v[i]);
            continue;
        }
        qpush(boost, tracuu_q_copy(t->exacts.v[i]));
        plan->exact_v = tracuu_xrealloc(
            plan->exact_v, (plan->n_exact + 1) * sizeof *plan->exact_v);
        plan->exact_v[plan->n_exact++] = t->exacts.v[i];
    }
    free(t->exacts.v);
    t->exacts = (qlist_t){0};
    if (!dropped && t->n == 1 && t->first && !c->quoted && !c->negated) {
        plan->first_v = tracuu_xrealloc(
            plan->first_v, (plan->n_first + 1) * sizeof *plan->first_v);
        plan->first_v[plan->n_first++] = t->first;
        t->first = NULL;
    } else if (!dropped && t->n > 0) {
        plan->not_simple = true;
    }
    tracuu_q_free(t->first);
    t->first = NULL;
}

/* One text clause: its folded terms (a phrase when several) into match,
 * its exact terms into boost. Returns the number of syllables. */
static size_t text_clause(tracuu_analyzer_t *a, const tracuu_clause_t *c,
                          const char *prefix, bool may_drop, qlist_t *match,
                          qlist_t *boost, tracuu_plan_t *plan)
{
    terms_t t;
    if (!clause_terms(a, c, prefix, &t))
        return 0;
    bool dropped = may_drop && t.all_stop && t.n == 1 && !c->quoted;
    if (!dropped)
        add_highlight(plan, &t.hl);
    hl_free(&t.hl);
    keep_forms(c, &t, dropped, boost, plan);
    if (t.n == 0 || dropped) {
        for (size_t i = 0; i < t.parts.n; i++)
            tracuu_q_free(t.parts.v[i]);
        free(t.parts.v);
        return t.n;
    }
    /* Several syllables in one clause ("…", thi-dua, 34-CT/TW) must be
     * adjacent. */
    qpush(match, tracuu_q_combine(t.n > 1 ? TRACUU_Q_PHRASE : TRACUU_Q_AND,
                                  t.parts.v, t.parts.n));
    free(t.parts.v);
    return t.n;
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

/* What building a query carries along: exact forms go into boost, the
 * rest of the plan into out; *err is set when a clause cannot be
 * searched. */
typedef struct builder {
    tracuu_analyzer_t *a;
    qlist_t *boost;
    qlist_t *asis;      /* abbreviations as written, to rank first */
    tracuu_plan_t *out;
    char **err;
} builder_t;

static tracuu_q_t *build_list(builder_t *b, const tracuu_parsed_t *p);

/* The query of one item of an OR: its group, or the lone clause. */
static tracuu_q_t *build_item(builder_t *b, const tracuu_clause_t *c)
{
    if (c->group)
        return build_list(b, c->group);
    tracuu_parsed_t one = {(tracuu_clause_t *)c, 1, false};
    return build_list(b, &one);
}

static tracuu_q_t *build_or(builder_t *b, const tracuu_parsed_t *p)
{
    b->out->not_simple = true;
    qlist_t any = {0};
    for (size_t i = 0; i < p->n && !*b->err; i++) {
        tracuu_q_t *q = build_item(b, &p->v[i]);
        if (q)
            qpush(&any, q);
    }
    if (*b->err) {
        free_list(&any);
        return NULL;
    }
    return combine_list(TRACUU_Q_OR, &any);
}

/* The positive clauses of p that are not function words: those go only
 * when some other positive clause stays. */
static size_t content_clauses(const tracuu_parsed_t *p)
{
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
    return n_content;
}

/* The abbreviations a clause of field (NULL: free text) may stand for. */
static unsigned abbrev_scopes(const char *field)
{
    unsigned scopes = TRACUU_ABBREV_ANY;
    if (field && strcmp(field, "issuer") == 0)
        scopes |= TRACUU_ABBREV_ISSUER;
    if (field && strcmp(field, "signer") == 0)
        scopes |= TRACUU_ABBREV_SIGNER;
    return scopes;
}

/* c's value with each abbreviation its field knows written out; new,
 * NULL when none is. */
static char *expand_abbrevs(const tracuu_clause_t *c)
{
    return tracuu_abbrev_expand(c->value, abbrev_scopes(c->field));
}

/* In a field (issuer:, signer:, title:), the long forms of c's value
 * abbreviated ("ủy ban nhân dân tỉnh" -> "ubnd tinh"), else NULL: a
 * field's words may be written either way. */
static char *other_form(const tracuu_clause_t *c)
{
    char *lf = expand_abbrevs(c);
    if (lf || !c->field)
        return lf;
    return tracuu_abbrev_contract(c->value, abbrev_scopes(c->field));
}

/* When clause c holds abbreviations (data/abbreviations.tsv) its field
 * knows, the clause with their long forms under prefix as a phrase
 * ("UBND" -> "ủy ban nhân dân", marked in snippets too), or in a field
 * the long forms it holds abbreviated; NULL otherwise. */
static tracuu_q_t *abbrev_query(builder_t *b, const tracuu_clause_t *c,
                                const char *prefix)
{
    char *lf = other_form(c);
    if (!lf)
        return NULL;
    tracuu_clause_t lc = {NULL, lf, true, c->negated, NULL};
    terms_t t;
    bool ok = clause_terms(b->a, &lc, prefix, &t);
    free(lf);
    if (!ok)
        return NULL;
    if (!c->negated)
        add_highlight(b->out, &t.hl);
    hl_free(&t.hl);
    free_qs(t.exacts.v, t.exacts.n);
    tracuu_q_free(t.first);
    if (t.n == 0) {
        free(t.parts.v);
        return NULL;
    }
    tracuu_q_t *q = tracuu_q_combine(t.n > 1 ? TRACUU_Q_PHRASE : TRACUU_Q_AND,
                                     t.parts.v, t.parts.n);
    free(t.parts.v);
    return q;
}

/* When the free word c is a date ("07/04/2014", "7-4-2014", "2014-04-07",
 * "02/2024": a separator and a valid day or month; a bare 2024 stays a
 * word), what date:c matches (any spelling of that day in the text, the
 * dates' days marked in snippets); NULL otherwise. */
static tracuu_q_t *date_word(builder_t *b, const tracuu_clause_t *c)
{
    tracuu_date_t d;
    const char *v = c->value;
    if (!strpbrk(v, "/-.") || strstr(v, "..") ||
        !tracuu_date_parse_query(v, strlen(v), &d))
        return NULL;
    tracuu_clause_t dc = {"date", c->value, false, false, NULL};
    bool used_next = false;
    char *err = NULL;
    tracuu_q_t *q = tracuu_field_query(b->a, &dc, NULL, &used_next, b->out,
                                       &err);
    free(err);
    return q;
}

/* A free word or text field clause c into match (or negs); a free word
 * that is a document symbol also matches it as a citation or an own
 * number. */
static void word_clause(builder_t *b, const tracuu_clause_t *c,
                        const char *prefix, bool may_drop, qlist_t *match,
                        qlist_t *negs)
{
    size_t m0 = match->n, n0 = negs->n;
    size_t n = text_clause(b->a, c, prefix, may_drop,
                           c->negated ? negs : match, b->boost, b->out);
    qlist_t *to = c->negated ? negs : match;
    tracuu_q_t *ab = to->n > (c->negated ? n0 : m0)
                         ? abbrev_query(b, c, prefix)
                         : NULL;
    if (ab) {
        /* The abbreviation as written, or its long form. */
        b->out->not_simple = true;
        if (!c->negated)
            qpush(b->asis, tracuu_q_copy(to->v[to->n - 1]));
        tracuu_q_t *two[2] = {to->v[to->n - 1], ab};
        to->v[to->n - 1] = tracuu_q_combine(TRACUU_Q_OR, two, 2);
    }
    tracuu_q_t *sym = !c->field && !c->negated && !c->quoted && match->n > m0
                          ? tracuu_field_symbol_word(c->value, b->out)
                          : NULL;
    if (!sym && !c->field && !c->negated && !c->quoted && match->n > m0)
        sym = date_word(b, c);
    if (sym) {
        b->out->not_simple = true;
        tracuu_q_t *two[2] = {match->v[match->n - 1], sym};
        match->v[match->n - 1] = tracuu_q_combine(TRACUU_Q_OR, two, 2);
    }
    if (n == 0 && !*b->err) {
        tracuu_buf_t e = {0};
        tracuu_buf_printf(&e, _("'%s%s%.*s' has no word to search for"),
                          c->field ? c->field : "", c->field ? ":" : "",
                          (int)tracuu_utf8_cut(c->value, strlen(c->value),
                                               CLAUSE_SHOWN),
                          c->value);
        *b->err = tracuu_buf_steal(&e);
    }
}

/* Clause i of p into match or negs; returns how many clauses it took (a
 * field may take the next as its value). */
static size_t build_clause(builder_t *b, const tracuu_parsed_t *p, size_t i,
                           bool may_drop, qlist_t *match, qlist_t *negs)
{
    const tracuu_clause_t *c = &p->v[i];
    if (c->group) {
        b->out->not_simple = true;
        tracuu_q_t *gq = build_list(b, c->group);
        if (gq)
            qpush(c->negated ? negs : match, gq);
        return 1;
    }
    const tracuu_field_t *f = c->field ? find_field(c->field) : NULL;
    if (f && !f->prefix) {
        b->out->not_simple = true;
        bool used_next = false;
        const tracuu_clause_t *next = i + 1 < p->n ? &p->v[i + 1] : NULL;
        if (next && next->group)
            next = NULL;
        tracuu_q_t *fq = tracuu_field_query(b->a, c, next, &used_next, b->out,
                                            b->err);
        if (fq)
            qpush(c->negated ? negs : match, fq);
        return 1 + used_next;
    }
    word_clause(b, c, f ? f->prefix : "", may_drop, match, negs);
    return 1;
}

/* An AND list (or an OR of items): its clauses become match, negs;
 * exact forms go into boost. NULL with *err set
 * when a clause cannot be searched. */
static tracuu_q_t *build_list(builder_t *b, const tracuu_parsed_t *p)
{
    if (p->is_or)
        return build_or(b, p);
    qlist_t match = {0}, negs = {0};
    bool may_drop = content_clauses(p) > 0;
    for (size_t i = 0; i < p->n && !*b->err;)
        i += build_clause(b, p, i, may_drop, &match, &negs);
    if (*b->err) {
        free_list(&match);
        free_list(&negs);
        return NULL;
    }
    tracuu_q_t *q = match.n ? combine_list(TRACUU_Q_AND, &match) : tracuu_q_all();
    if (negs.n) {
        b->out->not_simple = true;
        tracuu_q_t *two[2] = {q, combine_list(TRACUU_Q_OR, &negs)};
        q = tracuu_q_combine(TRACUU_Q_AND_NOT, two, 2);
    }
    free(match.v);
    free(negs.v);
    return q;
}

/* The text of p's plain clauses (free, unquoted, not negated) in their
 * order, abbreviations written out (expanded: new; NULL when none). */
static char *plain_text(const tracuu_parsed_t *p)
{
    tracuu_buf_t text = {0};
    for (size_t i = 0; i < p->n; i++) {
        const tracuu_clause_t *c = &p->v[i];
        if (c->group || c->field || c->quoted || c->negated)
            continue;
        if (text.len)
            tracuu_buf_putc(&text, ' ');
        char *lf = expand_abbrevs(c);
        tracuu_buf_puts(&text, lf ? lf : c->value);
        free(lf);
    }
    return text.len ? tracuu_buf_steal(&text) : (tracuu_buf_free(&text), NULL);
}

/* Each two syllables next to each other in toks (words, no punctuation
 * between) as a phrase: plans holding the query's syllables together rank
 * above those holding them apart. */
static void push_pairs(const char *text, const tracuu_tokens_t *toks,
                       qlist_t *out)
{
    tracuu_buf_t f1 = {0}, f2 = {0};
    for (size_t i = 1; i < toks->n; i++) {
        const tracuu_token_t *a = &toks->v[i - 1], *b = &toks->v[i];
        if (a->kind != TRACUU_TOKEN_WORD || b->kind != TRACUU_TOKEN_WORD)
            continue;
        tracuu_buf_clear(&f1);
        tracuu_buf_clear(&f2);
        tracuu_term_forms(text + a->start, a->end - a->start, NULL, &f1);
        tracuu_term_forms(text + b->start, b->end - b->start, NULL, &f2);
        if (!f1.len || !f2.len)
            continue;
        tracuu_q_t *two[2] = {tracuu_q_term(f1.s, f1.len, 1),
                              tracuu_q_term(f2.s, f2.len, 1)};
        qpush(out, tracuu_q_combine(TRACUU_Q_PHRASE, two, 2));
    }
    tracuu_buf_free(&f1);
    tracuu_buf_free(&f2);
}

/* p's plain words' syllables two by two as phrases, into *pairs (none
 * when p has fewer than two plain syllables). Word terms (the
 * segmenter's words of each plan) were tried beside them: known items
 * 0.796 with them, 0.805 without, and indexing took 27% longer. */
static void words_pairs(tracuu_analyzer_t *a, const tracuu_parsed_t *p,
                        qlist_t *pairs)
{
    if (p->is_or)
        return;
    char *text = plain_text(p);
    tracuu_tokens_t toks = {0};
    if (text && tracuu_analyzer_tokenize(a, text, strlen(text), &toks) ==
                    TRACUU_OK) {
        push_pairs(text, &toks, pairs);
    }
    tracuu_tokens_free(&toks);
    free(text);
}

/* OR of v[0..n), each filtered by within when given, scaled by boost;
 * NULL when n is 0. */
static tracuu_q_t *scaled_or(tracuu_q_t *const *v, size_t n,
                             const tracuu_q_t *within, double boost)
{
    if (!n)
        return NULL;
    qlist_t l = {0};
    for (size_t i = 0; i < n; i++) {
        tracuu_q_t *one = tracuu_q_copy(v[i]);
        if (within) {
            tracuu_q_t *two[2] = {one, tracuu_q_copy(within)};
            one = tracuu_q_combine(TRACUU_Q_FILTER, two, 2);
        }
        qpush(&l, one);
    }
    return tracuu_q_scale(combine_list(TRACUU_Q_OR, &l), boost);
}

tracuu_q_t *tracuu_plan_words(const tracuu_plan_t *plan,
                              const tracuu_q_t *within)
{
    tracuu_q_t *two[2] = {
        scaled_or(plan->asis_v, plan->n_asis, within, ASIS_BOOST),
        scaled_or(plan->pairs_v, plan->n_pairs, within, PAIR_BOOST)};
    if (!two[0] && !two[1])
        return NULL;
    if (!two[0] || !two[1])
        return two[0] ? two[0] : two[1];
    return tracuu_q_combine(TRACUU_Q_OR, two, 2);
}

bool tracuu_query_build(tracuu_analyzer_t *a, const tracuu_parsed_t *p,
                        tracuu_plan_t *out, char **err)
{
    memset(out, 0, sizeof *out);
    *err = NULL;
    qlist_t boost = {0};
    qlist_t asis = {0};
    builder_t b = {a, &boost, &asis, out, err};
    tracuu_q_t *q = build_list(&b, p);
    if (!q) {
        free_list(&boost);
        free_list(&asis);
        tracuu_plan_free(out);
        if (!*err)
            *err = tracuu_xstrdup(_("out of memory building the query"));
        return false;
    }
    out->q_match = tracuu_q_copy(q);
    qlist_t pairs = {0};
    words_pairs(a, p, &pairs);
    out->pairs_v = pairs.v;
    out->n_pairs = pairs.n;
    out->asis_v = asis.v;
    out->n_asis = asis.n;
    out->q_words = tracuu_plan_words(out, NULL);
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
    tracuu_q_free(plan->q_words);
    free_qs(plan->pairs_v, plan->n_pairs);
    free_qs(plan->asis_v, plan->n_asis);
    free_qs(plan->first_v, plan->n_first);
    free_qs(plan->exact_v, plan->n_exact);
    for (size_t i = 0; i < plan->n_highlight; i++)
        hl_free(&plan->highlight[i]);
    free(plan->highlight);
    free(plan->cites);
    free(plan->days);
    memset(plan, 0, sizeof *plan);
}
