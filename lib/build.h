/* build.h: a parsed query becomes an index query, through the one analyser. */
#ifndef TRACUU_BUILD_H
#define TRACUU_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"
#include "parse.h"
#include "xdb.h"

/* A run of syllables to mark in snippets: one word, or a phrase. */
typedef struct tracuu_hl {
    char **folded;        /* folded forms, n of them */
    char **exact;         /* exact forms; NULL entries where the query had
                             no diacritics (any accents then match) */
    size_t n;
} tracuu_hl_t;

/* A cited symbol or a span of days the query asks for: matches are
 * found again in each hit's text to show them in its snippets. */
typedef struct tracuu_want_cite {
    char key[256];        /* canonical symbol key (symbol.h) */
} tracuu_want_cite_t;

typedef struct tracuu_want_days {
    long first, last;     /* yyyymmdd, inclusive */
} tracuu_want_days_t;

typedef struct tracuu_plan {
    tracuu_q_t *q;        /* what to run */
    tracuu_q_t *q_match;  /* the same matches without ranking boosts, for
                             counting and listing */
    tracuu_q_t *q_exact;  /* every exact (accented) form asked for (AND),
                             weighted as in q; NULL when the query has none */
    tracuu_q_t *q_first;  /* for a query of plain words only: the same
                             matches as q_match AND q_exact, with nearly
                             the same weights, from each word's exact term
                             (its folded one when it has no accent) alone:
                             an exact form implies the folded one, and its
                             postings are shorter; NULL otherwise */
    tracuu_q_t *q_words;  /* the ranking of the query's plain words: its
                             syllables two by two as phrases, and its
                             abbreviations as written; weighted to rank
                             the plans holding them first (rank.c);
                             NULL when there is none */
    tracuu_q_t **pairs_v; /* q_words' parts: the pairs of syllables as */
    size_t n_pairs;       /* phrases, the abbreviations as written */
    tracuu_q_t **asis_v;  /* (tracuu_plan_words) */
    size_t n_asis;
    tracuu_q_t **exact_v; /* (while building: copies of the exact terms, */
    size_t n_exact;
    tracuu_q_t **first_v; /*  each plain word's term for q_first, */
    size_t n_first;
    bool not_simple;      /*  and whether the query is more than words) */
    tracuu_hl_t *highlight;
    size_t n_highlight;
    tracuu_want_cite_t *cites;
    size_t n_cites;
    tracuu_want_days_t *days;
    size_t n_days;
} tracuu_plan_t;

/* True for the field names the query language knows. */
bool tracuu_query_known_field(const char *name);

/* Build the plan for p (new; free with tracuu_plan_free). Returns false
 * with *err a new message when a clause cannot be searched (e.g. has no
 * words); free it with free(). */
bool tracuu_query_build(tracuu_analyzer_t *a, const tracuu_parsed_t *p,
                        tracuu_plan_t *out, char **err);
void tracuu_plan_free(tracuu_plan_t *plan);

/* plan's q_words (new; NULL when it has none), each of its phrases and
 * abbreviations filtered by within when given: a few documents ranked by
 * the words check only those (Xapian moves a phrase on to the next
 * document holding it, reading the positions of every document on the
 * way: 'công an đề án quốc tế' on 5,000 plans, 20 ranked, 44.6 M -> 32.7 M
 * instructions). */
tracuu_q_t *tracuu_plan_words(const tracuu_plan_t *plan,
                              const tracuu_q_t *within);

#endif
