/* suggest.c: corrections of misspelt query words and field names. */
#include "suggest.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abbrev.h"
#include "buf.h"
#include "fields.h"
#include "fold.h"
#include "schema.h"
#include "syllable.h"
#include "tokenize.h"

/* Edits at most between a word and its correction. */
#define MAX_EDITS 2
/* Letters of the longest syllable the spelling data holds ("nghieng"). */
#define SYLLABLE_MAX 7

static bool word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The correction of word[0..len) (folded) when the index holds no such
 * syllable; new, or NULL. */
static char *correct(tracuu_db_t *db, const char *word, size_t len)
{
    if (tracuu_abbrev_long(word, len, TRACUU_ABBREV_ANY))
        return NULL;
    tracuu_buf_t f = {0};
    tracuu_fold_ascii(word, len, &f);
    char *fix = NULL;
    unsigned freq = 1;
    bool letters = f.len >= 2 && f.len <= SYLLABLE_MAX &&
                   strspn(f.s, "abcdefghijklmnopqrstuvwxyz") == f.len;
    if (letters && tracuu_db_termfreq(db, f.s, &freq) == TRACUU_OK &&
        freq == 0 && tracuu_db_spelling(db, f.s, MAX_EDITS, &fix) == TRACUU_OK &&
        fix && (tracuu_db_termfreq(db, fix, &freq) != TRACUU_OK ||
                freq == 0)) {
        free(fix); /* spelling data of a document since removed */
        fix = NULL;
    }
    tracuu_buf_free(&f);
    return fix;
}

/* The query with each word replaced by fix(word) where that is not NULL
 * (new), or NULL when none was. Words: runs of letters (any script). A
 * run followed by ':' is a field name, one after it a field's value, an
 * upper-case OR/AND/NOT an operator: kept. */
static char *rewrite_words(const char *query, bool values,
                           char *(*fix)(void *, const char *, size_t),
                           void *ctx)
{
    tracuu_buf_t out = {0};
    bool changed = false;
    const char *p = query;
    while (*p) {
        if (!word_byte((unsigned char)*p)) {
            tracuu_buf_putc(&out, *p++);
            continue;
        }
        const char *w = p;
        while (*p && word_byte((unsigned char)*p))
            p++;
        size_t len = (size_t)(p - w);
        bool keep = *p == ':' || (w > query && w[-1] == ':' && !values) ||
                    (len <= 3 && (!strncmp(w, "OR", len) ||
                                  !strncmp(w, "AND", len) ||
                                  !strncmp(w, "NOT", len)));
        char *f = keep ? NULL : fix(ctx, w, len);
        if (f) {
            tracuu_buf_puts(&out, f);
            changed = true;
            free(f);
        } else {
            tracuu_buf_append(&out, w, len);
        }
    }
    if (!changed) {
        tracuu_buf_free(&out);
        return NULL;
    }
    return tracuu_buf_steal(&out);
}

static char *correct_word(void *db, const char *word, size_t len)
{
    return correct(db, word, len);
}

char *tracuu_suggest_query(tracuu_db_t *db, const char *query)
{
    return rewrite_words(query, true, correct_word, db);
}

/* How often the first plans found write each syllable of an unaccented
 * query, and the spelling chosen for each of its words. */
#define ACCENT_DOCS 3
#define ACCENT_WORDS 16
#define ACCENT_FORMS 8
#define ACCENT_PICKS 3
typedef struct written {
    char folded[SYLLABLE_MAX + 1];
    unsigned long long all;            /* occurrences, any spelling */
    char *forms[ACCENT_FORMS];         /* accented spellings (exact terms) */
    unsigned long long counts[ACCENT_FORMS];
    size_t n;
} written_t;

typedef struct accents {
    written_t w[ACCENT_WORDS];         /* the distinct syllables */
    size_t n;
    struct {
        const char *at;                /* a run of letters of the query */
        size_t len;
        int word;                      /* its w[], -1 when kept as typed */
        const char *pick;              /* its spelling; NULL as typed */
    } run[ACCENT_WORDS];
    size_t n_runs;
} accents_t;

static const char letters[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* The distinct syllable f (folded) in a: its index, added when new. */
static int word_of(accents_t *a, const tracuu_buf_t *f)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->w[i].folded, f->s) == 0)
            return (int)i;
    memcpy(a->w[a->n].folded, f->s, f->len + 1);
    return (int)a->n++;
}

/* The runs of letters of query into a: field names and values, the
 * operators, abbreviations and what is no syllable kept as typed. */
static void accent_words(const char *query, accents_t *a)
{
    tracuu_buf_t f = {0};
    for (const char *p = query; *p && a->n_runs < ACCENT_WORDS;) {
        size_t len = strspn(p, letters);
        if (!len) {
            p++;
            continue;
        }
        tracuu_buf_clear(&f);
        tracuu_term_forms(p, len, NULL, &f);
        bool keep = p[len] == ':' || (p > query && p[-1] == ':') ||
                    (len <= 3 && (!strncmp(p, "OR", len) ||
                                  !strncmp(p, "AND", len) ||
                                  !strncmp(p, "NOT", len))) ||
                    f.len > SYLLABLE_MAX ||
                    !tracuu_syllable_folded_valid(f.s, f.len) ||
                    tracuu_abbrev_long(p, len, TRACUU_ABBREV_ANY);
        a->run[a->n_runs].at = p;
        a->run[a->n_runs].len = len;
        a->run[a->n_runs].pick = NULL;
        a->run[a->n_runs++].word = keep ? -1 : word_of(a, &f);
        p += len;
    }
    tracuu_buf_free(&f);
}
/* Add the exact term form (wdf times in a plan) to the word it folds to. */
static void tally_form(accents_t *a, const char *form, unsigned wdf)
{
    tracuu_buf_t f = {0};
    tracuu_fold_ascii(form, strlen(form), &f);
    for (size_t i = 0; f.len && i < a->n; i++) {
        written_t *w = &a->w[i];
        if (strcmp(w->folded, f.s) != 0)
            continue;
        size_t k = 0;
        while (k < w->n && strcmp(w->forms[k], form) != 0)
            k++;
        if (k == w->n && w->n < ACCENT_FORMS)
            w->forms[w->n++] = tracuu_xstrdup(form);
        if (k < w->n)
            w->counts[k] += wdf;
        break;
    }
    tracuu_buf_free(&f);
}

/* Count in plan docid the spellings of a's words: every occurrence is
 * one of its folded term's positions, the accented ones also their exact
 * term's (wdf). */
static void tally_plan(tracuu_db_t *db, unsigned docid, accents_t *a)
{
    tracuu_termlist_t *tl = NULL;
    for (size_t i = 0; i < a->n; i++) {
        unsigned *pos = NULL;
        size_t n = 0;
        const char *f = a->w[i].folded;
        if (tracuu_db_positions(db, docid, f, strlen(f), 1u << 20, &pos,
                                &n) == TRACUU_OK)
            a->w[i].all += n; /* the folded term's wdf, read cheaply */
        free(pos);
    }
    if (tracuu_db_terms(db, docid, TRACUU_PREFIX_EXACT, &tl) != TRACUU_OK)
        return;
    for (size_t j = 0; j < tl->n; j++) {
        unsigned char c = (unsigned char)tl->terms[j][0];
        bool may = c >= 0x80; /* đ */
        for (size_t i = 0; i < a->n && !may; i++)
            may = a->w[i].folded[0] == (char)c;
        if (may)
            tally_form(a, tl->terms[j], tl->freqs[j]);
    }
    tracuu_termlist_free(tl);
}

/* The spellings of w the plans write most, most first (the folded form
 * for "as typed", counted as its folded term less the accented ones),
 * up to ACCENT_PICKS, into v; their number. */
static size_t picks(const written_t *w, const char *v[ACCENT_PICKS])
{
    unsigned long long accented = 0, c[ACCENT_PICKS];
    for (size_t k = 0; k < w->n; k++)
        accented += w->counts[k];
    size_t n = 0;
    for (size_t k = 0; k <= w->n; k++) {
        const char *s = k < w->n ? w->forms[k] : w->folded;
        unsigned long long x = k < w->n ? w->counts[k]
                               : w->all > accented ? w->all - accented : 0;
        size_t at = n;
        while (at > 0 && c[at - 1] < x)
            at--;
        if (at >= ACCENT_PICKS)
            continue;
        for (size_t j = (n < ACCENT_PICKS ? n : ACCENT_PICKS - 1); j > at; j--) {
            v[j] = v[j - 1];
            c[j] = c[j - 1];
        }
        v[at] = s;
        c[at] = x;
        n += n < ACCENT_PICKS;
    }
    return n;
}

/* The accented words of the segmenter's dictionary (lib/segment.c): the
 * "d" lines at the head of its data, in byte order. */
extern const char tracuu_segment_text[];

static int cmp_line(const char *line, const char *key)
{
    size_t i = 0;
    while (key[i] && line[i] == key[i])
        i++;
    unsigned char l = line[i] == '\n' ? 0 : (unsigned char)line[i];
    return (int)l - (int)(unsigned char)key[i];
}

/* True when "a b" is a word of the dictionary. */
static bool dict_word(const char *a, const char *b)
{
    static const char *lo0, *hi0;
    if (!lo0) {
        lo0 = strstr(tracuu_segment_text, "\nd\t");
        hi0 = lo0 ? strstr(lo0, "\n0\t") : NULL;
        if (!lo0 || !hi0)
            return false;
    }
    char key[64];
    if (snprintf(key, sizeof key, "d\t%s %s", a, b) >= (int)sizeof key)
        return false;
    const char *lo = lo0 + 1, *hi = hi0 + 1; /* line starts */
    while (lo < hi) {
        const char *mid = lo + (hi - lo) / 2;
        while (mid > lo && mid[-1] != '\n')
            mid--;
        int c = cmp_line(mid, key);
        if (c == 0)
            return true;
        if (c < 0)
            lo = strchr(mid, '\n') + 1;
        else
            hi = mid;
    }
    return false;
}

/* Runs k and k + 1 as one word of the dictionary when their likeliest
 * spellings are none: "van dong" is vận động, though văn is the more
 * written alone. */
static void pick_pair(accents_t *a, size_t k)
{
    const char *x[ACCENT_PICKS], *y[ACCENT_PICKS];
    size_t nx = picks(&a->w[a->run[k].word], x);
    size_t ny = picks(&a->w[a->run[k + 1].word], y);
    const char *px = a->run[k].pick ? a->run[k].pick : x[0];
    if (nx == 0 || ny == 0 || dict_word(px, y[0]))
        return;
    for (size_t i = 0; i < nx; i++)
        for (size_t j = 0; j < ny; j++)
            if (dict_word(x[i], y[j])) {
                a->run[k].pick = x[i];
                a->run[k + 1].pick = y[j];
                return;
            }
}

/* The query with each run's pick (its first letter upper when the run's
 * was); new, or NULL when none differs from the run. */
static char *write_picks(const char *query, const accents_t *a)
{
    tracuu_buf_t b = {0};
    const char *p = query;
    bool changed = false;
    for (size_t k = 0; k < a->n_runs; k++) {
        tracuu_buf_append(&b, p, (size_t)(a->run[k].at - p));
        p = a->run[k].at + a->run[k].len;
        const char *pick = a->run[k].pick;
        if (!pick || pick[strspn(pick, letters)] == '\0') { /* as typed */
            tracuu_buf_append(&b, a->run[k].at, a->run[k].len);
            continue;
        }
        size_t i = 0;
        uint32_t first = tracuu_utf8_next(pick, strlen(pick), &i);
        bool up = a->run[k].at[0] >= 'A' && a->run[k].at[0] <= 'Z';
        tracuu_buf_put_cp(&b, up ? tracuu_cp_upper(first) : first);
        tracuu_buf_puts(&b, pick + i);
        changed = true;
    }
    tracuu_buf_puts(&b, p);
    if (!changed) {
        tracuu_buf_free(&b);
        return NULL;
    }
    return tracuu_buf_steal(&b);
}

/* Each run's most written spelling, then pairs that make a word. */
static void choose(accents_t *a)
{
    for (size_t k = 0; k < a->n_runs; k++) {
        const char *v[ACCENT_PICKS];
        if (a->run[k].word >= 0 && picks(&a->w[a->run[k].word], v))
            a->run[k].pick = v[0];
    }
    for (size_t k = 0; k + 1 < a->n_runs; k++) {
        const char *gap = a->run[k].at + a->run[k].len;
        if (a->run[k].word >= 0 && a->run[k + 1].word >= 0 &&
            gap + strspn(gap, " ") == a->run[k + 1].at)
            pick_pair(a, k);
    }
}

char *tracuu_suggest_accents(tracuu_db_t *db, const char *query,
                             const unsigned *docids, size_t n)
{
    for (const char *p = query; *p; p++)
        if ((unsigned char)*p >= 0x80)
            return NULL; /* typed with diacritics: as the user meant */
    accents_t a = {.n = 0};
    accent_words(query, &a);
    for (size_t d = 0; d < n && d < ACCENT_DOCS && a.n; d++)
        tally_plan(db, docids[d], &a);
    choose(&a);
    char *out = write_picks(query, &a);
    for (size_t i = 0; i < a.n; i++)
        for (size_t k = 0; k < a.w[i].n; k++)
            free(a.w[i].forms[k]);
    return out;
}

/* Edit distance (insertions, deletions, substitutions, transpositions of
 * neighbours) between a and b, short ASCII names; cut at limit + 1. */
static size_t distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 31 || lb > 31)
        return limit + 1;
    size_t d[32][32];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

const char *tracuu_suggest_field(const char *name)
{
    const char *best = NULL;
    size_t best_d = MAX_EDITS + 1;
    for (size_t i = 0; tracuu_fields[i].name; i++) {
        size_t d = distance(name, tracuu_fields[i].name, MAX_EDITS);
        if (d < best_d) {
            best_d = d;
            best = tracuu_fields[i].name;
        }
    }
    return best;
}
