/* passage.c: the passages of a hit: where the query matched it, from the
 * positions the index holds for its words and numbers, and the snippets
 * cut there (the region around those positions, found through the
 * checkpoints, read from the file or the stored text); the whole text
 * when the positions cannot be used. */
#include "passage.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "encoding.h"
#include "normalize.h"
#include "output.h"
#include "record.h"
#include "schema.h"

typedef tracuu_hitpos_t hitpos_t;
#define GROUP_NUMBER TRACUU_GROUP_NUMBER
#define GROUP_DAY TRACUU_GROUP_DAY

#define DAY_BEFORE 6     /* "ngày 24 tháng 7 năm 2024": the day is at most */
#define DAY_AFTER 3      /* 6 words before its year ("2024-07-24": after) */
#define MAX_POSITIONS 4096
#define MAX_NUMBERS 16   /* numbers looked for (cited, years) */

/* A term whose body positions show where a hit matched. */
typedef struct want_term {
    char *term;
    int group;
    unsigned k, n;   /* syllable k of a run of n (a phrase: n > 1) */
} want_term_t;

static bool wanted_numbers(const tracuu_plan_t *plan, char num[][24],
                           size_t *n);

/* The query asks for single days and nothing else to find again: its
 * years are tried only where the day's number stands near them. */
static bool single_days(const tracuu_plan_t *plan)
{
    if (plan->n_cites || !plan->n_days)
        return false;
    for (size_t k = 0; k < plan->n_days; k++)
        if (plan->days[k].first != plan->days[k].last)
            return false;
    return true;
}

static void push_want(want_term_t **w, size_t *n, const char *term, int group,
                      unsigned k, unsigned of)
{
    *w = tracuu_xrealloc(*w, (*n + 1) * sizeof **w);
    (*w)[(*n)++] = (want_term_t){tracuu_xstrdup(term), group, k, of};
}

/* The terms to look for in each hit: every syllable of the highlight
 * runs, each with its run; the numbers the query's citations and dates
 * are written with (GROUP_NUMBER), as the index has them: the syllable
 * "34" of 34-CT/TW, "2014" of 07/4/2014, "05" and "5" alike. */
static size_t want_terms(const tracuu_plan_t *plan, want_term_t **out)
{
    size_t n = 0;
    want_term_t *w = NULL;
    for (size_t r = 0; r < plan->n_highlight && r < GROUP_DAY; r++)
        for (size_t k = 0; k < plan->highlight[r].n; k++)
            push_want(&w, &n, plan->highlight[r].folded[k], (int)r,
                      (unsigned)k, (unsigned)plan->highlight[r].n);
    char num[MAX_NUMBERS][24];
    size_t n_num = 0;
    if (wanted_numbers(plan, num, &n_num))
        for (size_t i = 0; i < n_num; i++) {
            push_want(&w, &n, num[i], GROUP_NUMBER, 0, 1);
            /* "5" is also written "05", "005". */
            size_t len = strlen(num[i]);
            for (size_t zeros = 1; len < 3 && zeros + len <= 3; zeros++) {
                char padded[8];
                memset(padded, '0', zeros);
                memcpy(padded + zeros, num[i], len + 1);
                push_want(&w, &n, padded, GROUP_NUMBER, 0, 1);
            }
        }
    for (size_t k = 0; single_days(plan) && k < plan->n_days; k++) {
        char day[8];
        int d = (int)(plan->days[k].first % 100);
        snprintf(day, sizeof day, "%d", d);
        push_want(&w, &n, day, GROUP_DAY, 0, 1);
        if (d < 10) {
            snprintf(day, sizeof day, "0%d", d);
            push_want(&w, &n, day, GROUP_DAY, 0, 1);
        }
    }
    *out = w;
    return n;
}

struct tracuu_wants {
    want_term_t *v;
    size_t n;
};

tracuu_wants_t *tracuu_wants_new(const tracuu_plan_t *plan)
{
    tracuu_wants_t *w = tracuu_xcalloc(1, sizeof *w);
    w->n = want_terms(plan, &w->v);
    return w;
}

void tracuu_wants_free(tracuu_wants_t *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i].term);
    free(w->v);
    free(w);
}

static bool has_pos(const unsigned *v, size_t n, unsigned p)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo] == p;
}

/* v[0..n) in position order, v being runs of ascending positions
 * (run k ends at ends[k]): merged two by two, stable (a qsort of the
 * whole was a third of a free-word query's snippets: 3.9 M of 9.1 M
 * instructions for 10 hits of 'công an đề án quốc tế'). */
static void merge_runs(hitpos_t *v, size_t n, size_t *ends, size_t n_runs)
{
    if (n_runs < 2)
        return;
    hitpos_t *tmp = tracuu_xcalloc(n, sizeof *tmp);
    hitpos_t *from = v, *to = tmp;
    while (n_runs > 1) {
        size_t k = 0, out = 0;
        for (size_t r = 0; r < n_runs; r += 2) {
            size_t a = r ? ends[r - 1] : 0, a_end = ends[r];
            size_t b = a_end, b_end = r + 1 < n_runs ? ends[r + 1] : a_end;
            while (a < a_end && b < b_end)
                to[out++] = from[b].pos < from[a].pos ? from[b++] : from[a++];
            while (a < a_end)
                to[out++] = from[a++];
            while (b < b_end)
                to[out++] = from[b++];
            ends[k++] = out;
        }
        n_runs = k;
        hitpos_t *t = from;
        from = to;
        to = t;
    }
    if (from != v)
        memcpy(v, from, n * sizeof *v);
    free(tmp);
}

/* Where each run of w matched in document id: a phrase where all its
 * syllables follow each other (anywhere its syllables are, if never). */
tracuu_status_t tracuu_passage_positions(tracuu_db_t *db, unsigned id,
                                         const tracuu_wants_t *wants,
                                         tracuu_hitpos_t **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    const want_term_t *w = wants ? wants->v : NULL;
    size_t n_w = wants ? wants->n : 0;
    struct {
        tracuu_hitpos_t *hp;
        size_t n_hp;
    } got = {NULL, 0}, *f = &got;
    /* Where each block of ascending positions ends: one a want or a
     * phrase, one a syllable of a phrase never whole. */
    size_t *ends = tracuu_xcalloc(2 * n_w + 1, sizeof *ends), n_ends = 0;
    tracuu_status_t st = TRACUU_OK;
    for (size_t i = 0; i < n_w && st == TRACUU_OK;) {
        size_t n = w[i].k == 0 && w[i].n > 0 && i + w[i].n <= n_w ? w[i].n : 1;
        unsigned *pos[n];
        size_t np[n];
        memset(pos, 0, sizeof pos);
        for (size_t k = 0; k < n && st == TRACUU_OK; k++)
            st = tracuu_db_positions(db, id, w[i + k].term,
                                     strlen(w[i + k].term), MAX_POSITIONS,
                                     &pos[k], &np[k]);
        size_t before = f->n_hp;
        if (st == TRACUU_OK) {
            f->hp = tracuu_xrealloc(f->hp, (f->n_hp + np[0] + 1) * sizeof *f->hp);
            for (size_t j = 0; j < np[0]; j++) {
                bool all = true;
                for (size_t k = 1; k < n && all; k++)
                    all = has_pos(pos[k], np[k], pos[0][j] + (unsigned)k);
                if (all)
                    f->hp[f->n_hp++] = (hitpos_t){pos[0][j], w[i].group};
            }
            if (f->n_hp > before)
                ends[n_ends++] = f->n_hp;
        }
        if (st == TRACUU_OK && f->n_hp == before && n > 1) {
            /* Never whole (the phrase matched in the title, say). */
            for (size_t k = 0; k < n; k++) {
                f->hp = tracuu_xrealloc(f->hp,
                                        (f->n_hp + np[k] + 1) * sizeof *f->hp);
                for (size_t j = 0; j < np[k]; j++)
                    f->hp[f->n_hp++] = (hitpos_t){pos[k][j], w[i].group};
                if (np[k])
                    ends[n_ends++] = f->n_hp;
            }
        }
        for (size_t k = 0; k < n; k++)
            free(pos[k]);
        i += n;
    }
    if (st != TRACUU_OK) {
        free(got.hp);
        free(ends);
        return st;
    }
    merge_runs(got.hp, got.n_hp, ends, n_ends);
    free(ends);
    *out = got.hp;
    *n_out = got.n_hp;
    return TRACUU_OK;
}

/* Where a hit's text shows what the query asked for: the cited symbols
 * and the dates it names, found again by the extractors. */
static void want_spans(const tracuu_plan_t *plan, const char *text, size_t len,
                       tracuu_span_t **spans, size_t *n)
{
    *spans = NULL;
    *n = 0;
    if (!plan->n_cites && !plan->n_days)
        return;
    tracuu_symbols_t sy;
    tracuu_dates_t dt;
    tracuu_extract_symbols_dates(text, len, &sy, &dt);
    *spans = tracuu_xcalloc(sy.n + dt.n_dates + 1, sizeof **spans);
    for (size_t i = 0; i < sy.n; i++)
        for (size_t k = 0; k < plan->n_cites; k++)
            if (strcmp(sy.items[i].key, plan->cites[k].key) == 0) {
                (*spans)[(*n)++] = sy.items[i].span;
                break;
            }
    for (size_t i = 0; i < dt.n_dates; i++) {
        long first = tracuu_date_first_ymd(&dt.dates[i]);
        long last = tracuu_date_last_ymd(&dt.dates[i]);
        for (size_t k = 0; k < plan->n_days; k++)
            if (first <= plan->days[k].last && plan->days[k].first <= last &&
                last - first < 10000) {
                (*spans)[(*n)++] = dt.dates[i].span;
                break;
            }
    }
    tracuu_symbols_free(&sy);
    tracuu_dates_free(&dt);
}

/* Open the file a hit was indexed from, provided it is still the one
 * indexed: a regular file (not a FIFO, a device or a symbolic link put in
 * its place: opening never blocks, never follows a link) of the size and
 * mtime recorded. The descriptor (close it), or -1 with *why set. */
static int open_indexed(const char *path, json_t *meta, struct stat *st,
                        const char **why)
{
    json_int_t size = json_integer_value(json_object_get(meta, "size"));
    json_int_t mtime = json_integer_value(json_object_get(meta, "mtime"));
    int fd = path ? open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
                  : -1;
    if (fd < 0 && errno == ELOOP)
        *why = "file replaced by a symbolic link since indexing; re-index";
    else if (fd < 0 || fstat(fd, st) != 0)
        *why = "file gone since indexing; re-index";
    else if (!S_ISREG(st->st_mode))
        *why = "file replaced by something not a regular file; re-index";
    else if ((json_int_t)st->st_size != size ||
             (json_int_t)st->st_mtime != mtime)
        *why = "file changed since indexing; re-index";
    else
        return fd;
    if (fd >= 0)
        close(fd);
    return -1;
}

/* The text of a plan whose text the index does not keep (plain text
 * files): read again by the same reader, provided the file is still the
 * one indexed, and normalised when normalise (else the snippet code
 * normalises only what it shows). NULL (and *why set) otherwise. */
static char *reread(const char *path, json_t *meta, bool normalise,
                    size_t *len, const char **why)
{
    struct stat st;
    *why = NULL;
    int fd = open_indexed(path, meta, &st, why);
    if (fd < 0)
        return NULL;
    /* Plain text is decoded as the text reader decodes it (encoding.h);
     * the other readers (and libzip, libxml2) stay out of this program. */
    tracuu_buf_t raw = {0}, dec = {0};
    tracuu_buf_reserve(&raw, (size_t)st.st_size);
    ssize_t got = 1;
    while (raw.len < (size_t)st.st_size && got > 0) {
        got = read(fd, raw.s + raw.len, (size_t)st.st_size - raw.len);
        if (got < 0 && errno == EINTR)
            got = 1;
        else if (got > 0)
            raw.len += (size_t)got;
    }
    raw.s[raw.len] = '\0';
    close(fd);
    if (raw.len != (size_t)st.st_size) {
        tracuu_buf_free(&raw);
        *why = "file unreadable now";
        return NULL;
    }
    tracuu_enc_detect(raw.s, raw.len, &dec, NULL);
    tracuu_buf_free(&raw);
    if (!dec.s)
        tracuu_buf_puts(&dec, "");
    char *text = NULL;
    if (!normalise) {
        *len = dec.len;
        text = tracuu_buf_steal(&dec);
    } else {
        tracuu_norm_t n;
        if (tracuu_normalize(dec.s, dec.len, &n) == 0) {
            text = n.s;
            *len = n.len;
            n.s = NULL;
        }
        tracuu_norm_free(&n);
    }
    tracuu_buf_free(&dec);
    return text;
}

/* ---- snippets from the matched positions ---- */

#define MAX_REGIONS 2
#define NEAR_POS 24      /* positions a region's matches may spread over */
#define BEFORE_POS 10    /* positions shown before a region's first match */
#define AFTER_POS 40     /* and after it */
#define MAX_NUMBER_HITS 12 /* places a number is tried at */
#define NUMBER_POS 14    /* positions around a number that may be the one */

/* The checkpoints of a hit's text: the byte offsets its checkpoints value
 * gives (decimal deltas apart by spaces, schema.h), read only as far as a
 * region needs (a long law has thousands; its snippets want a few). */
typedef struct ckpts {
    const char *p, *end; /* what is left to read; the NUL at end ends the
                            last number */
    size_t *v;           /* the offsets read so far */
    size_t n, cap, off;
} ckpts_t;

static void ck_init(ckpts_t *c, const char *ck, size_t len)
{
    *c = (ckpts_t){ck, ck ? ck + len : NULL, NULL, 0, 0, 0};
}

static void ck_free(ckpts_t *c)
{
    free(c->v);
}

/* Is there a checkpoint k? *at is its offset then. */
static bool ck_get(ckpts_t *c, size_t k, size_t *at)
{
    while (c->n <= k && c->p && c->p < c->end) {
        char *end;
        unsigned long long d = strtoull(c->p, &end, 10);
        if (end == c->p) {
            c->p = c->end;
            break;
        }
        if (c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 64;
            c->v = tracuu_xrealloc(c->v, c->cap * sizeof *c->v);
        }
        c->off += (size_t)d;
        c->v[c->n++] = c->off;
        c->p = end;
    }
    if (k >= c->n)
        return false;
    *at = c->v[k];
    return true;
}

/* Up to MAX_REGIONS ranges of body positions [lo, hi], best first: where
 * the most distinct runs of the query meet. */
static size_t pick_regions(const hitpos_t *hp, size_t n, unsigned lo[],
                           unsigned hi[])
{
    int *score = tracuu_xcalloc(n + 1, sizeof *score);
    for (size_t i = 0; i < n; i++) {
        unsigned long long seen = 0;
        int count = 0;
        if (hp[i].group >= GROUP_DAY) {
            score[i] = -1;
            continue;
        }
        for (size_t j = i; j < n && hp[j].pos < hp[i].pos + NEAR_POS; j++) {
            if (hp[j].group >= GROUP_DAY)
                continue;
            seen |= 1ULL << hp[j].group;
            count++;
        }
        score[i] = __builtin_popcountll(seen) * 100 + (count < 99 ? count : 99);
    }
    size_t k = 0;
    while (k < MAX_REGIONS) {
        size_t best = n;
        for (size_t i = 0; i < n; i++) {
            if (score[i] < 0 || (best < n && score[i] <= score[best]))
                continue;
            bool overlaps = false;
            for (size_t r = 0; r < k; r++)
                overlaps |= hp[i].pos + AFTER_POS >= lo[r] &&
                            hp[i].pos <= hi[r] + BEFORE_POS;
            if (overlaps)
                score[i] = -1;
            else
                best = i;
        }
        if (best == n)
            break;
        lo[k] = hp[best].pos > BEFORE_POS ? hp[best].pos - BEFORE_POS : 0;
        hi[k] = hp[best].pos + AFTER_POS;
        score[best] = -1;
        k++;
    }
    free(score);
    return k;
}

/* Bytes [*from, *to) of the text holding body positions [lo, hi]. */
static void region_bytes(ckpts_t *ck, size_t text_len, unsigned lo,
                         unsigned hi, size_t *from, size_t *to)
{
    size_t a = lo / TRACUU_CHECKPOINT, b = hi / TRACUU_CHECKPOINT + 1;
    if (!ck_get(ck, a, from))
        *from = text_len;
    if (!ck_get(ck, b, to))
        *to = text_len;
    if (*from > text_len)
        *from = text_len;
    if (*to > text_len || *to < *from)
        *to = text_len;
    assert(*from <= *to && *to <= text_len);
}

/* The numbers a cited symbol or a date of the query must be written
 * with: each cited number, each year of the days asked for. False when
 * there is none to go by (every citation and date is looked for in the
 * whole text then). */
static bool wanted_numbers(const tracuu_plan_t *plan, char num[][24],
                           size_t *n)
{
    *n = 0;
    for (size_t k = 0; k < plan->n_cites; k++) {
        const char *key = plan->cites[k].key;
        while (*key == '0')
            key++;
        size_t d = strspn(key, "0123456789");
        if (d == 0 || d > 10 || *n == MAX_NUMBERS)
            return false;
        snprintf(num[(*n)++], 24, "%.*s", (int)d, key);
    }
    for (size_t k = 0; k < plan->n_days; k++) {
        long y0 = plan->days[k].first / 10000, y1 = plan->days[k].last / 10000;
        if (y1 - y0 >= MAX_NUMBERS)
            return false;
        for (long y = y0; y <= y1; y++) {
            if (*n == MAX_NUMBERS)
                return false;
            snprintf(num[(*n)++], 24, "%ld", y);
        }
    }
    return *n > 0;
}

/* Is the number at hp[i] (a year) near a day of the month asked for? */
static bool day_near(const hitpos_t *hp, size_t n, size_t i)
{
    unsigned p = hp[i].pos;
    for (size_t j = i; j-- > 0 && hp[j].pos + DAY_BEFORE >= p;)
        if (hp[j].group == GROUP_DAY && hp[j].pos != p)
            return true;
    for (size_t j = i + 1; j < n && hp[j].pos <= p + DAY_AFTER; j++)
        if (hp[j].group == GROUP_DAY && hp[j].pos != p)
            return true;
    return false;
}

/* Where the text of a hit comes from: in memory (stored in the index,
 * or a file decoded whole), or a file whose bytes are its text, read
 * region by region. */
typedef struct source {
    const char *text;  /* the whole text, or NULL */
    size_t len;        /* its length, or the file's */
    bool normalised;   /* it is the index's normalised text */
    int fd;            /* the file, when text is NULL */
} source_t;

#define SNAP 24          /* bytes a region may grow by to whole words */

static bool blank_byte(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Bytes [from, to) of the source widened to whole words (to the blanks at
 * most SNAP bytes away), at least to whole characters, into *buf (new);
 * *at is where they start. false when the file cannot be read or its
 * bytes are not UTF-8 (it is not the text indexed). */
static bool region_read(const source_t *src, size_t from, size_t to,
                        char **buf, size_t *len, size_t *at)
{
    assert(from <= to && to <= src->len);
    assert(src->text || src->fd >= 0);
    size_t f = from > SNAP ? from - SNAP : 0;
    size_t t = to + SNAP < src->len ? to + SNAP : src->len;
    char *b = tracuu_xmalloc(t - f + 1);
    if (src->text) {
        memcpy(b, src->text + f, t - f);
    } else if (pread(src->fd, b, t - f, (off_t)f) != (ssize_t)(t - f)) {
        free(b);
        return false;
    }
    /* In b: s from from back to a blank, e from to on to a blank. */
    size_t s = from - f, e = to - f, n = t - f;
    while (s > 0 && !blank_byte(b[s - 1]) && from - f - s < SNAP)
        s--;
    while (s > 0 && ((unsigned char)b[s] & 0xC0) == 0x80)
        s--;
    while (e < n && e > s && !blank_byte(b[e - 1]) && e - (to - f) < SNAP)
        e++;
    while (e < n && ((unsigned char)b[e] & 0xC0) == 0x80)
        e++;
    if (!src->normalised && tracuu_utf8_valid_prefix(b + s, e - s) != e - s) {
        free(b);
        return false;
    }
    memmove(b, b + s, e - s);
    b[e - s] = '\0';
    *buf = b;
    *len = e - s;
    *at = f + s;
    return true;
}

/* The cutting of one hit's snippets from the regions its positions
 * name. */
typedef struct passage {
    tracuu_analyzer_t *a;
    const tracuu_plan_t *plan;
    const tracuu_hit_source_t *f;
    ckpts_t ck;
    source_t src;
    char *again;           /* the file decoded whole, when it was */
    tracuu_snippet_t *sn;  /* the snippets so far (room for 3) */
    size_t n;
    bool bad;              /* the file is not the text indexed, or a
                              citation is not where its numbers are */
} passage_t;

/* Snippets of bytes [from, to) of ps's source: normalised (unless they are
 * already), the query's citations and dates found in them. want_span:
 * none unless one of those is there. false when the bytes are not the
 * text indexed. */
static bool region_snippets(const passage_t *ps, size_t from, size_t to,
                            bool want_span, tracuu_snippet_t **sn,
                            size_t *n_sn)
{
    tracuu_analyzer_t *a = ps->a;
    const source_t *src = &ps->src;
    const tracuu_plan_t *plan = ps->plan;
    *sn = NULL;
    *n_sn = 0;
    char *bytes;
    size_t len, at;
    if (!region_read(src, from, to, &bytes, &len, &at))
        return false;
    bool more_after = at + len < src->len;
    tracuu_norm_t norm = {0};
    const char *text = bytes;
    if (!src->normalised) {
        if (tracuu_normalize(bytes, len, &norm) != 0) {
            free(bytes);
            return true;
        }
        text = norm.s;
        len = norm.len;
    }
    tracuu_span_t *spans = NULL;
    size_t n_spans = 0;
    want_spans(plan, text, len, &spans, &n_spans);
    if (!want_span || n_spans) {
        tracuu_snip_text_t t = {text, len, false, at > 0, more_after};
        tracuu_snip_query_t sq = {plan->highlight, plan->n_highlight, spans,
                                  n_spans, SNIPPETS_PER_HIT};
        tracuu_snippets_slice(a, &t, &sq, sn, n_sn);
    }
    free(spans);
    if (!src->normalised)
        tracuu_norm_free(&norm);
    free(bytes);
    return true;
}

/* The words of snippet text t without the "… " before and after them:
 * [*from, *from + *len). */
static void inner_text(const char *t, const char **from, size_t *len)
{
    static const char mark[] = "\xe2\x80\xa6"; /* … */
    size_t n = strlen(t);
    if (n >= 4 && memcmp(t, mark, 3) == 0 && t[3] == ' ') {
        t += 4;
        n -= 4;
    }
    if (n >= 4 && t[n - 4] == ' ' && memcmp(t + n - 3, mark, 3) == 0)
        n -= 4;
    *from = t;
    *len = n;
}

/* Add *one to sn[0..*n) unless a snippet there shows all its words; one
 * that shows all of a snippet's words takes its place. (Two numbers of a
 * citation, or a number and the words near it, can lead to one passage,
 * cut once shorter.) *one is taken or left to the caller to free. */
static void add_snippet(tracuu_snippet_t *sn, size_t *n, tracuu_snippet_t *one)
{
    assert(*n <= SNIPPETS_PER_HIT); /* sn has room for one more */
    if (!one->text)
        return;
    const char *a, *b;
    size_t la, lb;
    inner_text(one->text, &a, &la);
    for (size_t i = 0; i < *n; i++) {
        if (!sn[i].text)
            continue;
        inner_text(sn[i].text, &b, &lb);
        if (la <= lb && memmem(b, lb, a, la))
            return;
        if (la > lb && memmem(a, la, b, lb)) {
            free(sn[i].text);
            free(sn[i].marks);
            sn[i] = *one;
            *one = (tracuu_snippet_t){0};
            return;
        }
    }
    sn[(*n)++] = *one;
    *one = (tracuu_snippet_t){0};
}

/* Whether positions can show where f matched: WHOLE_TEXT when the index
 * has no checkpoints for it or a citation or date asked for is not
 * written with its numbers as syllables, NO_PASSAGE when it matched on
 * no body word. */
typedef enum usable { USABLE, WHOLE_TEXT, NO_PASSAGE } usable_t;

static usable_t positions_usable(const tracuu_hit_source_t *f,
                                 const tracuu_plan_t *plan, ckpts_t *ck)
{
    size_t first;
    if (!ck_get(ck, 0, &first))
        return WHOLE_TEXT;
    size_t n_numbers = 0;
    for (size_t i = 0; i < f->n_hp; i++)
        n_numbers += f->hp[i].group == GROUP_NUMBER;
    if ((plan->n_cites || plan->n_days) && n_numbers == 0)
        return WHOLE_TEXT;
    return f->n_hp == 0 ? NO_PASSAGE : USABLE;
}

/* Where ps's text comes from: the index's stored text, else its file read
 * again (region by region when its bytes are its text). false, with *why
 * set, when the file cannot be used. */
static bool open_source(passage_t *ps, const char **why)
{
    const tracuu_hit_source_t *f = ps->f;
    ps->src = (source_t){f->stored, f->stored_len, true, -1};
    if (f->stored_len != 0 ||
        !json_is_false(json_object_get(f->meta, "text_stored")))
        return true;
    ps->src.normalised = false;
    ps->src.text = NULL;
    if (json_is_true(json_object_get(f->meta, "raw"))) {
        /* Its bytes are its text: only the regions shown are read. */
        struct stat st;
        ps->src.fd = open_indexed(f->path, f->meta, &st, why);
        if (ps->src.fd >= 0)
            ps->src.len = (size_t)st.st_size;
    } else {
        ps->again = reread(f->path, f->meta, false, &ps->src.len, why);
        ps->src.text = ps->again;
    }
    return *why == NULL;
}

/* A citation or date asked for: snippets around the numbers it is
 * written with (MAX_NUMBER_HITS of them tried at most). */
static void at_numbers(passage_t *ps)
{
    const tracuu_hit_source_t *f = ps->f;
    unsigned done_to = 0;
    size_t tried = 0;
    bool days_only = single_days(ps->plan);
    for (size_t i = 0; i < f->n_hp && ps->n < SNIPPETS_PER_HIT && !ps->bad &&
                       tried < MAX_NUMBER_HITS;
         i++) {
        unsigned p = f->hp[i].pos;
        if (f->hp[i].group != GROUP_NUMBER || (done_to && p < done_to))
            continue;
        if (days_only && !day_near(f->hp, f->n_hp, i))
            continue;
        tried++;
        size_t from, to;
        region_bytes(&ps->ck, ps->src.len, p > NUMBER_POS ? p - NUMBER_POS : 0,
                     p + NUMBER_POS, &from, &to);
        tracuu_snippet_t *one = NULL;
        size_t n_one = 0;
        if (to > from)
            ps->bad = !region_snippets(ps, from, to, true, &one, &n_one);
        if (n_one) {
            add_snippet(ps->sn, &ps->n, &one[0]);
            done_to = p + NUMBER_POS;
        }
        tracuu_snippets_free(one, n_one);
    }
}

/* The query's words: snippets where most of them meet, the first of each
 * region in turn, then the second ones. */
static void at_words(passage_t *ps)
{
    unsigned lo[MAX_REGIONS], hi[MAX_REGIONS];
    size_t n_reg = ps->n < SNIPPETS_PER_HIT && !ps->bad
                       ? pick_regions(ps->f->hp, ps->f->n_hp, lo, hi) : 0;
    tracuu_snippet_t *per[MAX_REGIONS] = {0};
    size_t n_per[MAX_REGIONS] = {0};
    for (size_t r = 0; r < n_reg && !ps->bad; r++) {
        size_t from, to;
        region_bytes(&ps->ck, ps->src.len, lo[r], hi[r], &from, &to);
        if (to > from)
            ps->bad = !region_snippets(ps, from, to, false, &per[r],
                                       &n_per[r]);
    }
    for (size_t round = 0; round < SNIPPETS_PER_HIT; round++)
        for (size_t r = 0; r < n_reg; r++)
            if (round < n_per[r] && ps->n < SNIPPETS_PER_HIT)
                add_snippet(ps->sn, &ps->n, &per[r][round]);
    for (size_t r = 0; r < n_reg; r++)
        tracuu_snippets_free(per[r], n_per[r]);
}

/* The snippets of a hit, cut from the regions where its positions say the
 * query matched: around the numbers its citations and dates are written
 * with (where the extractors find them again), then where most of its
 * words meet. false when the index has no checkpoints for it, a citation
 * or date cannot be placed, or the file is not what the index says: the
 * whole text is searched then. *why is set when the file cannot be used. */
static bool snippets_at_positions(tracuu_analyzer_t *a,
                                  const tracuu_hit_source_t *f,
                                  const tracuu_plan_t *plan,
                                  tracuu_snippet_t **out, size_t *n_out,
                                  const char **why)
{
    *out = NULL;
    *n_out = 0;
    passage_t ps = {a, plan, f, {0}, {NULL, 0, true, -1}, NULL, NULL, 0,
                    false};
    ck_init(&ps.ck, f->ck, f->ck_len);
    usable_t u = positions_usable(f, plan, &ps.ck);
    if (u != USABLE || !open_source(&ps, why)) {
        if (ps.src.fd >= 0)
            close(ps.src.fd);
        free(ps.again);
        ck_free(&ps.ck);
        return u != WHOLE_TEXT;
    }
    /* Room for SNIPPETS_PER_HIT and the one add_snippet may be given. */
    ps.sn = tracuu_xcalloc(SNIPPETS_PER_HIT + 1, sizeof *ps.sn);
    at_numbers(&ps);
    /* Numbers everywhere but not the citation or date near any tried:
     * the extractors go through the whole text instead. */
    ps.bad = ps.bad || ((plan->n_cites || plan->n_days) && ps.n == 0 &&
                        plan->n_highlight == 0);
    at_words(&ps);
    if (ps.src.fd >= 0)
        close(ps.src.fd);
    free(ps.again);
    ck_free(&ps.ck);
    if (ps.bad) {
        /* The file's bytes are not the text indexed, or the citation was
         * not found where its numbers are: search the text whole. */
        tracuu_snippets_free(ps.sn, ps.n);
        return false;
    }
    *out = ps.sn;
    *n_out = ps.n;
    return true;
}

void tracuu_passage_snippets(tracuu_analyzer_t *a, const tracuu_plan_t *plan,
                             const tracuu_hit_source_t *h,
                             tracuu_snippet_t **sn, size_t *n_sn,
                             const char **why)
{
    *sn = NULL;
    *n_sn = 0;
    *why = NULL;
    if (snippets_at_positions(a, h, plan, sn, n_sn, why))
        return;
    /* The whole text. Spans of citations and dates index normalised
     * text. */
    const char *text = h->stored ? h->stored : "";
    size_t tl = h->stored_len;
    char *again = NULL;
    bool raw = false;
    if (tl == 0 && json_is_false(json_object_get(h->meta, "text_stored"))) {
        raw = !plan->n_cites && !plan->n_days;
        again = reread(h->path, h->meta, !raw, &tl, why);
        text = again ? again : "";
        if (!again)
            tl = 0;
    }
    tracuu_span_t *spans = NULL;
    size_t n_spans = 0;
    want_spans(plan, text, tl, &spans, &n_spans);
    tracuu_snip_text_t t = {text, tl, raw, false, false};
    tracuu_snip_query_t sq = {plan->highlight, plan->n_highlight, spans,
                              n_spans, SNIPPETS_PER_HIT};
    tracuu_snippets_text(a, &t, &sq, sn, n_sn);
    free(spans);
    free(again);
}

void tracuu_passage_remote_note(tracuu_hit_t *h, bool remote)
{
    if (!remote || !h->note || h->n_snippets)
        return;
    h->note = TRACUU_NOTE_REMOTE;
    h->snippet_unavailable = true;
}
