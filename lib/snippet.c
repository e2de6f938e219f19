/* snippet.c: best windows of matched syllables, cut from the stored text. */
#include "snippet.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fold.h"
#include "normalize.h"
#include "tokenize.h"

/* Syllables shown around the matches. */
#define WINDOW 28
/* Syllables shown before a window's first match. */
#define LEAD_TOKENS 3
#define MAX_TERMS 64
#define SPAN_HIT (MAX_TERMS - 1)

/* The exact and folded forms of the tokens that may match a run, in two
 * arenas (no allocation per token): token i's forms are at offsets
 * at_exact[i] and at_folded[i], NUL-terminated; at_exact[i] is NO_FORMS
 * for a token whose folded form cannot be any run's syllable. */
#define NO_FORMS ((size_t)-1)
typedef struct forms {
    tracuu_buf_t exact, folded;
    size_t *at_exact, *at_folded;
    size_t n;
} forms_t;

/* The first byte of the folded form tracuu_term_forms gives token
 * tok[0..len), or 0 when that form is empty. Folding goes code point by
 * code point, and the lone i/y rule changes only a syllable's last
 * letter after a consonant, so that byte is the first of the first code
 * point's own folded form that is not empty. tmp: scratch. */
static unsigned char folded_first(const char *tok, size_t len,
                                  tracuu_buf_t tmp[2])
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)tok[i];
        if (c < 0x80)
            return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
        size_t from = i;
        tracuu_utf8_next(tok, len, &i);
        tracuu_buf_clear(&tmp[0]);
        tracuu_buf_clear(&tmp[1]);
        tracuu_term_forms(tok + from, i - from, &tmp[0], &tmp[1]);
        if (tmp[1].len)
            return (unsigned char)tmp[1].s[0];
    }
    return 0;
}

/* may[b]: some syllable of the runs hl[0..n_hl) folds to a form whose
 * first byte is b (may[0]: an empty form). */
static void first_bytes(const tracuu_hl_t *hl, size_t n_hl, bool may[256])
{
    memset(may, 0, 256 * sizeof *may);
    for (size_t r = 0; r < n_hl && r < SPAN_HIT; r++)
        for (size_t k = 0; k < hl[r].n; k++)
            may[(unsigned char)hl[r].folded[k][0]] = true;
}

static void forms_make(const char *text, const tracuu_tokens_t *tk,
                       const tracuu_hl_t *hl, size_t n_hl, forms_t *f)
{
    bool may[256];
    first_bytes(hl, n_hl, may);
    tracuu_buf_t tmp[2] = {{0}, {0}};
    memset(&f->exact, 0, sizeof f->exact);
    memset(&f->folded, 0, sizeof f->folded);
    f->n = tk->n;
    f->at_exact = tracuu_xmalloc((tk->n + 1) * sizeof *f->at_exact);
    f->at_folded = tracuu_xmalloc((tk->n + 1) * sizeof *f->at_folded);
    for (size_t i = 0; i < tk->n; i++) {
        const char *tok = text + tk->v[i].start;
        size_t len = tk->v[i].end - tk->v[i].start;
        if (!may[folded_first(tok, len, tmp)]) {
            f->at_exact[i] = f->at_folded[i] = NO_FORMS;
            continue;
        }
        f->at_exact[i] = f->exact.len;
        f->at_folded[i] = f->folded.len;
        tracuu_term_forms(tok, len, &f->exact, &f->folded);
        tracuu_buf_putc(&f->exact, '\0');
        tracuu_buf_putc(&f->folded, '\0');
    }
    tracuu_buf_free(&tmp[0]);
    tracuu_buf_free(&tmp[1]);
}

static void forms_free(forms_t *f)
{
    tracuu_buf_free(&f->exact);
    tracuu_buf_free(&f->folded);
    free(f->at_exact);
    free(f->at_folded);
}

static bool syllable_matches(const forms_t *f, size_t i, const tracuu_hl_t *h,
                             size_t k)
{
    if (f->at_exact[i] == NO_FORMS)
        return false;
    const char *folded = f->folded.s + f->at_folded[i];
    const char *exact = f->exact.s + f->at_exact[i];
    if (strcmp(folded, h->folded[k]) != 0)
        return false;
    return !h->exact[k] || strcmp(exact, h->exact[k]) == 0 ||
           strcmp(exact, folded) == 0;
}

/* Mark in hit[] (index of the run) every token starting or inside a
 * matching run. Returns the number of tokens marked. */
static size_t mark_runs(const forms_t *f, const tracuu_hl_t *hl, size_t n_hl,
                        int *hit)
{
    size_t marked = 0;
    for (size_t i = 0; i < f->n; i++)
        hit[i] = -1;
    for (size_t i = 0; i < f->n; i++) {
        for (size_t r = 0; r < n_hl && r < SPAN_HIT; r++) {
            const tracuu_hl_t *h = &hl[r];
            if (i + h->n > f->n)
                continue;
            size_t k = 0;
            while (k < h->n && syllable_matches(f, i + k, h, k))
                k++;
            if (k < h->n)
                continue;
            for (k = 0; k < h->n; k++) {
                marked += hit[i + k] < 0;
                hit[i + k] = (int)r;
            }
        }
    }
    return marked;
}

/* Score of a window holding count matches of the runs in seen: distinct
 * terms weigh most. */
static int score_of(unsigned long long seen, int count)
{
    int distinct = __builtin_popcountll(seen);
    if (seen & (1ULL << SPAN_HIT))
        distinct += 4;
    return distinct * 100 + count;
}

/* sc[from]: the score of tokens [from, from+WINDOW), for every from in
 * [0, n), in one pass (the windows slide one token at a time). */
static void window_scores(const int *hit, size_t n, int *sc)
{
    size_t per_run[MAX_TERMS] = {0};
    unsigned long long seen = 0;
    int count = 0;
    size_t end = 0; /* tokens [from, end) are counted */
    for (size_t from = 0; from < n; from++) {
        for (; end < n && end < from + WINDOW; end++) {
            if (hit[end] < 0)
                continue;
            assert(hit[end] < MAX_TERMS); /* a run's index, or SPAN_HIT */
            count++;
            if (per_run[hit[end]]++ == 0)
                seen |= 1ULL << hit[end];
        }
        sc[from] = score_of(seen, count);
        if (hit[from] >= 0) {
            count--;
            if (--per_run[hit[from]] == 0)
                seen &= ~(1ULL << hit[from]);
        }
    }
}

/* A text broken into tokens, and which of them matched (hit[i]: the run
 * of token i, or -1). */
typedef struct marked {
    const char *text;
    const tracuu_tokens_t *tk;
    const int *hit;
} marked_t;

/* True when gap[0..n), between two matched words, leaves them one span:
 * one space ("[Dân vận khéo]") or punctuation without space inside a code
 * ("[34-CT/TW]"). */
static bool joins(const char *gap, size_t n)
{
    if (n == 1 && gap[0] == ' ')
        return true;
    if (n == 0 || n > 2)
        return false;
    for (size_t k = 0; k < n; k++)
        if (gap[k] != '-' && gap[k] != '/' && gap[k] != '.' && gap[k] != '&')
            return false;
    return true;
}

/* Snippet *sn of tokens [from, to) of m. lead, trail: text was left out
 * before or after the window. */
static void cut(const marked_t *m, size_t from, size_t to, bool lead,
                bool trail, tracuu_snippet_t *sn)
{
    const char *text = m->text;
    const tracuu_tokens_t *tk = m->tk;
    const int *hit = m->hit;
    assert(from < to && to <= tk->n);
    tracuu_buf_t b = {0};
    tracuu_mark_t *marks = tracuu_xcalloc(to - from + 1, sizeof *marks);
    size_t nm = 0;
    if (lead)
        tracuu_buf_puts(&b, "… ");
    for (size_t i = from; i < to; i++) {
        const tracuu_token_t *t = &tk->v[i];
        /* The text between tokens, white space collapsed. */
        if (i > from) {
            size_t gs = tk->v[i - 1].end;
            bool space = false;
            for (size_t k = gs; k < t->start; k++) {
                char c = text[k];
                if (c == ' ' || c == '\n' || c == '\t') {
                    space = true;
                } else {
                    if (space && b.len && b.s[b.len - 1] != ' ')
                        tracuu_buf_putc(&b, ' ');
                    space = false;
                    tracuu_buf_putc(&b, c);
                }
            }
            if (space && b.len && b.s[b.len - 1] != ' ')
                tracuu_buf_putc(&b, ' ');
        }
        if (hit[i] >= 0 && nm && i > from && hit[i - 1] >= 0 &&
            joins(b.s + marks[nm - 1].start + marks[nm - 1].len,
                  b.len - marks[nm - 1].start - marks[nm - 1].len))
            marks[nm - 1].len = b.len + (t->end - t->start) - marks[nm - 1].start;
        else if (hit[i] >= 0)
            marks[nm++] = (tracuu_mark_t){b.len, t->end - t->start};
        tracuu_buf_append(&b, text + t->start, t->end - t->start);
    }
    if (trail)
        tracuu_buf_puts(&b, " …");
    sn->text = tracuu_buf_steal(&b);
    sn->marks = marks;
    sn->n_marks = nm;
}

/* Mark tokens inside a span; the run index SPAN_HIT scores as several
 * distinct terms, so the window around a cited symbol wins. */
static size_t mark_spans(const tracuu_tokens_t *tk, const tracuu_span_t *sp,
                         size_t n_sp, int *hit)
{
    size_t marked = 0, k = 0;
    for (size_t i = 0; i < tk->n; i++) {
        while (k < n_sp && sp[k].end <= tk->v[i].start)
            k++;
        for (size_t j = k; j < n_sp && sp[j].start < tk->v[i].end; j++) {
            if (sp[j].end > tk->v[i].start) {
                marked += hit[i] < 0;
                hit[i] = SPAN_HIT;
                break;
            }
        }
    }
    return marked;
}

static int by_start(const void *a, const void *b)
{
    const tracuu_span_t *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

static void tracuu_snippets_free_one(tracuu_snippet_t *s);

/* A snippet found in one region, with its score, before the best are
 * chosen across regions. */
typedef struct found {
    tracuu_snippet_t sn;
    int score;
} found_t;

typedef struct found_list {
    found_t *v;
    size_t n;
} found_list_t;

/* Bytes [rs, re) of text, and whether the text goes on around them
 * (beyond rs and re, or beyond the text: a slice of a longer one). */
typedef struct region {
    const char *text;
    size_t rs, re;
    bool more_before, more_after;
} region_t;

/* Mark in hit[0..tk->n) the tokens of text matching sq's runs and
 * inside its spans. Returns the number marked. */
static size_t mark_all(const char *text, const tracuu_tokens_t *tk,
                       const tracuu_snip_query_t *sq, int *hit)
{
    forms_t f;
    forms_make(text, tk, sq->hl, sq->n_hl, &f);
    size_t n_hits = mark_runs(&f, sq->hl, sq->n_hl, hit);
    forms_free(&f);
    if (sq->n_spans)
        n_hits += mark_spans(tk, sq->spans, sq->n_spans, hit);
    return n_hits;
}

/* The best scoring start of a window (sc) at a match of hit[0..n), a
 * little before it, that overlaps none of starts[0..taken); its score,
 * or 0 when there is none. */
static int best_window(const int *hit, const int *sc, size_t n,
                       const size_t *starts, size_t taken, size_t *best_from)
{
    int best = 0;
    for (size_t i = 0; i < n; i++) {
        if (hit[i] < 0)
            continue;
        /* Start a little before the first match of the window. */
        size_t from = i > LEAD_TOKENS ? i - LEAD_TOKENS : 0;
        bool overlaps = false;
        for (size_t k = 0; k < taken; k++)
            overlaps |= from < starts[k] + WINDOW && starts[k] < from + WINDOW;
        if (!overlaps && sc[from] > best) {
            best = sc[from];
            *best_from = from;
        }
    }
    return best;
}

/* The best windows of r (up to sq->max, in normalised text), appended to
 * *fl. */
static void best_in_text(tracuu_analyzer_t *a, const region_t *r,
                         const tracuu_snip_query_t *sq, found_list_t *fl)
{
    assert(r->rs <= r->re);
    tracuu_tokens_t tk = {0};
    if (tracuu_analyzer_tokenize(a, r->text + r->rs, r->re - r->rs, &tk) !=
            TRACUU_OK || tk.n == 0) {
        tracuu_tokens_free(&tk);
        return;
    }
    for (size_t i = 0; i < tk.n; i++) {
        tk.v[i].start += r->rs;
        tk.v[i].end += r->rs;
    }
    int *hit = tracuu_xmalloc(tk.n * sizeof *hit);
    size_t n_hits = mark_all(r->text, &tk, sq, hit);
    size_t *starts = tracuu_xcalloc(sq->max + 1, sizeof *starts);
    int *sc = NULL;
    if (n_hits) {
        sc = tracuu_xmalloc(tk.n * sizeof *sc);
        window_scores(hit, tk.n, sc);
    }
    marked_t m = {r->text, &tk, hit};
    for (size_t taken = 0; n_hits && taken < sq->max; taken++) {
        size_t from = 0;
        int best = best_window(hit, sc, tk.n, starts, taken, &from);
        if (best == 0)
            break;
        size_t to = from + WINDOW < tk.n ? from + WINDOW : tk.n;
        fl->v = tracuu_xrealloc(fl->v, (fl->n + 1) * sizeof *fl->v);
        found_t *fd = &fl->v[fl->n++];
        fd->score = best;
        cut(&m, from, to, from > 0 || r->more_before,
            to < tk.n || r->more_after, &fd->sn);
        starts[taken] = from;
    }
    free(sc);
    free(starts);
    free(hit);
    tracuu_tokens_free(&tk);
}

/* The best windows of bytes [rs, re) of t (up to sq->max), appended to
 * *fl. Raw text (not yet normalised: read again from its file) is
 * normalised region by region, which is all a snippet needs; spans are
 * left out then (they index normalised text). */
static void best_in(tracuu_analyzer_t *a, const tracuu_snip_text_t *t,
                    size_t rs, size_t re, const tracuu_snip_query_t *sq,
                    found_list_t *fl)
{
    if (!t->raw) {
        region_t r = {t->s, rs, re, rs > 0, re < t->len};
        best_in_text(a, &r, sq, fl);
        return;
    }
    tracuu_norm_t n;
    if (tracuu_normalize(t->s + rs, re - rs, &n) != 0)
        return;
    tracuu_snip_query_t no_spans = *sq;
    no_spans.spans = NULL;
    no_spans.n_spans = 0;
    region_t r = {n.s, 0, n.len, rs > 0, re < t->len};
    best_in_text(a, &r, &no_spans, fl);
    tracuu_norm_free(&n);
}

/* Texts longer than this are searched for the query's syllables first,
 * and only the few regions where most of them meet are broken into words
 * (the snippets are a couple of lines; a law is hundreds of KB). */
#define SMALL_TEXT 4096
#define REGION_BEFORE 160
#define REGION_AFTER 420
#define MAX_REGIONS 4
#define MAX_PER_RUN 256
#define NEAR 300

typedef struct cand {
    size_t at;    /* byte offset in the text */
    int run;      /* highlight run, or SPAN_HIT */
    int score;
} cand_t;

/* In folded text Vietnamese letters are ASCII; what is left above 0x80
 * is punctuation (“ ”) or another script, and bounds a word either way. */
static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int by_at(const void *a, const void *b)
{
    const cand_t *x = a, *y = b;
    return (x->at > y->at) - (x->at < y->at);
}

static int by_cand_score(const void *a, const void *b)
{
    const cand_t *x = a, *y = b;
    if (x->score != y->score)
        return y->score - x->score;
    return (x->at > y->at) - (x->at < y->at);
}

static void push_cand(cand_t **v, size_t *n, size_t *cap, size_t at, int run)
{
    if (*n == *cap)
        *v = tracuu_xrealloc(*v, (*cap *= 2) * sizeof **v);
    (*v)[(*n)++] = (cand_t){at, run, 0};
}

/* Do the run's other syllables follow the first, which ends at f[i]? */
static bool rest_follows(const tracuu_folded_t *f, size_t i,
                         const tracuu_hl_t *h)
{
    for (size_t k = 1; k < h->n; k++) {
        size_t gap = 0;
        while (i < f->len && !is_alnum(f->s[i]) && gap++ < 16)
            i++;
        size_t wl = strlen(h->folded[k]);
        if (i + wl > f->len || memcmp(f->s + i, h->folded[k], wl) != 0 ||
            (i + wl < f->len && is_alnum(f->s[i + wl])))
            return false;
        i += wl;
    }
    return true;
}

/* Where in text the query's runs (a phrase whole) and the spans occur, each
 * scored by the distinct runs found near it; best first. */
static size_t candidates(const char *text, size_t len,
                         const tracuu_snip_query_t *sq, cand_t **out)
{
    const tracuu_hl_t *hl = sq->hl;
    size_t n_hl = sq->n_hl;
    const tracuu_span_t *spans = sq->spans;
    size_t n_spans = sq->n_spans;
    size_t cap = 64, n = 0;
    cand_t *c = tracuu_xmalloc(cap * sizeof *c);
    tracuu_folded_t f;
    tracuu_folded_make(text, len, &f);
    for (size_t r = 0; r < n_hl && r < SPAN_HIT; r++) {
        const char *needle = hl[r].folded[0];
        size_t nl = strlen(needle);
        const char *p = f.s;
        size_t found = 0;
        while (nl && found < MAX_PER_RUN &&
               (p = memmem(p, f.len - (size_t)(p - f.s), needle, nl)) != NULL) {
            size_t i = (size_t)(p - f.s);
            bool left = i == 0 || !is_alnum(f.s[i - 1]);
            bool right = i + nl >= f.len || !is_alnum(f.s[i + nl]);
            if (left && right && rest_follows(&f, i + nl, &hl[r])) {
                push_cand(&c, &n, &cap, f.src[i], (int)r);
                found++;
            }
            p += nl;
        }
    }
    tracuu_folded_free(&f);
    for (size_t i = 0; i < n_spans && i < MAX_PER_RUN; i++)
        push_cand(&c, &n, &cap, spans[i].start, SPAN_HIT);
    qsort(c, n, sizeof *c, by_at);
    /* Distinct runs within NEAR bytes after each candidate. */
    for (size_t i = 0; i < n; i++) {
        unsigned long long seen = 0;
        int count = 0;
        for (size_t j = i; j < n && c[j].at < c[i].at + NEAR; j++) {
            seen |= 1ULL << c[j].run;
            count++;
        }
        c[i].score = score_of(seen, count);
    }
    qsort(c, n, sizeof *c, by_cand_score);
    *out = c;
    return n;
}

static size_t utf8_back(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static int by_score(const void *a, const void *b)
{
    const found_t *x = a, *y = b;
    return (y->score > x->score) - (y->score < x->score);
}

/* The best max of fl into *out (the rest freed), fl's array freed. */
static void keep_best(found_list_t *fl, size_t max, tracuu_snippet_t **out,
                      size_t *n)
{
    found_t *fs = fl->v;
    size_t n_fs = fl->n;
    if (n_fs == 0) {
        free(fs);
        return;
    }
    qsort(fs, n_fs, sizeof *fs, by_score);
    size_t keep = n_fs < max ? n_fs : max;
    tracuu_snippet_t *sn = tracuu_xcalloc(keep, sizeof *sn);
    for (size_t i = 0; i < n_fs; i++) {
        if (i < keep)
            sn[i] = fs[i].sn;
        else
            tracuu_snippets_free_one(&fs[i].sn);
    }
    free(fs);
    *out = sn;
    *n = keep;
}

/* A copy of spans sorted by start (new), or NULL when there are none. */
static tracuu_span_t *sorted_copy(const tracuu_span_t *spans, size_t n)
{
    if (n == 0)
        return NULL;
    tracuu_span_t *v = tracuu_xmalloc(n * sizeof *v);
    memcpy(v, spans, n * sizeof *v);
    qsort(v, n, sizeof *v, by_start);
    return v;
}

void tracuu_snippets_spans(tracuu_analyzer_t *a, const char *text, size_t len,
                           const tracuu_snip_query_t *sq,
                           tracuu_snippet_t **out, size_t *n)
{
    tracuu_snip_text_t t = {text, len, false, false, false};
    tracuu_snippets_text(a, &t, sq, out, n);
}

/* Up to MAX_REGIONS regions of t, around the best candidates and not
 * overlapping, searched for windows into *fl. */
static void best_in_regions(tracuu_analyzer_t *a, const tracuu_snip_text_t *t,
                            const tracuu_snip_query_t *sq, found_list_t *fl)
{
    cand_t *c = NULL;
    size_t n_c = candidates(t->s, t->len, sq, &c);
    size_t taken[MAX_REGIONS][2];
    size_t regions = 0;
    for (size_t i = 0; i < n_c && regions < MAX_REGIONS; i++) {
        size_t rs = c[i].at > REGION_BEFORE ? c[i].at - REGION_BEFORE : 0;
        size_t re = c[i].at + REGION_AFTER;
        bool overlaps = false;
        for (size_t k = 0; k < regions; k++)
            overlaps |= rs < taken[k][1] && taken[k][0] < re;
        if (overlaps)
            continue;
        re = re < t->len ? utf8_back(t->s, re) : t->len;
        rs = utf8_back(t->s, rs);
        taken[regions][0] = rs;
        taken[regions][1] = re;
        regions++;
        best_in(a, t, rs, re, sq, fl);
    }
    free(c);
}

void tracuu_snippets_text(tracuu_analyzer_t *a, const tracuu_snip_text_t *t,
                          const tracuu_snip_query_t *sq,
                          tracuu_snippet_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (sq->max == 0 || t->len == 0)
        return;
    tracuu_span_t *sorted = sorted_copy(sq->spans, sq->n_spans);
    tracuu_snip_query_t q = *sq;
    q.spans = sorted;
    found_list_t fl = {NULL, 0};
    if (t->len <= SMALL_TEXT)
        best_in(a, t, 0, t->len, &q, &fl);
    else
        best_in_regions(a, t, &q, &fl);
    free(sorted);
    keep_best(&fl, sq->max, out, n);
}

void tracuu_snippets_slice(tracuu_analyzer_t *a, const tracuu_snip_text_t *t,
                           const tracuu_snip_query_t *sq,
                           tracuu_snippet_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (sq->max == 0 || t->len == 0)
        return;
    assert(!t->raw);
    tracuu_span_t *sorted = sorted_copy(sq->spans, sq->n_spans);
    tracuu_snip_query_t q = *sq;
    q.spans = sorted;
    found_list_t fl = {NULL, 0};
    region_t r = {t->s, 0, t->len, t->more_before, t->more_after};
    best_in_text(a, &r, &q, &fl);
    free(sorted);
    keep_best(&fl, sq->max, out, n);
}

static void tracuu_snippets_free_one(tracuu_snippet_t *s)
{
    free(s->text);
    free(s->marks);
}

void tracuu_snippets_free(tracuu_snippet_t *s, size_t n)
{
    if (!s)
        return;
    for (size_t i = 0; i < n; i++) {
        free(s[i].text);
        free(s[i].marks);
    }
    free(s);
}
