/* main.c: tracuu-query command line. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "build.h"
#include "buf.h"
#include "fields.h"
#include "list.h"
#include "index.h"
#include "output.h"
#include "encoding.h"
#include "parse.h"
#include "rank.h"
#include "record.h"
#include "schema.h"
#include "snippet.h"
#include "version.h"

static const char *prog = "tracuu-query";

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: tracuu-query [OPTION]... QUERY...\n"
            "       tracuu-query [OPTION]... --list cites|dates|movements [QUERY...]\n"
            "Search a tracuu index. Every word must match; diacritics are\n"
            "optional (thi dua = thi đua = THI ĐUA), and plans with the accents\n"
            "typed rank first. Options come before the query.\n"
            "\n"
            "Query language:\n"
            "  word            a syllable or code; all words must match; a\n"
            "                  document symbol (34-CT/TW) also matches citations\n"
            "  \"a b c\"         a phrase: the syllables adjacent, in order\n"
            "  -word, NOT word exclude plans that match\n");
    for (size_t i = 0; tracuu_fields[i].name; i++)
        fprintf(f, "  %s:  %s\n", tracuu_fields[i].name, tracuu_fields[i].help);
    fprintf(f,
            "\n"
            "Options:\n"
            "  -d, --db DIR      the index (default: $TRACUU_DB, else\n"
            "                    $XDG_DATA_HOME/tracuu/index, else\n"
            "                    ~/.local/share/tracuu/index)\n"
            "      --json        JSON output (with a format_version)\n"
            "      --paths       only the paths of matching plans\n"
            "      --count       only the number of matching plans\n"
            "  -n, --limit N     at most N results (default 10)\n"
            "      --offset N    skip the first N results\n"
            "      --color WHEN  mark matches in colour: auto, always, never\n"
            "      --sort KEY    date (issue date, oldest first), -date (newest\n"
            "                    first; plans of unknown date last), relevance\n"
            "      --list WHAT   cites, dates or movements of the matching plans\n"
            "                    (all plans without a query), with counts\n"
            "  -h, --help        this help\n"
            "  -V, --version     version\n"
            "\n"
            "Exit status: 0 something matched, 1 nothing matched, 2 usage or\n"
            "query error (the message says what is wrong).\n");
}

static int parse_count(const char *opt, const char *arg, unsigned *out)
{
    char *end = NULL;
    long n = strtol(arg, &end, 10);
    if (!*arg || *end || n < 0 || n > 1000000) {
        fprintf(stderr, "%s: %s wants a number from 0 to 1000000, not '%s'\n",
                prog, opt, arg);
        return -1;
    }
    *out = (unsigned)n;
    return 0;
}

typedef struct opts {
    const char *db;
    tracuu_format_t format;
    bool count;
    unsigned limit, offset;
    int color; /* -1 auto, 0 never, 1 always */
    int sort;  /* 0 relevance, 1 date ascending, -1 date descending */
    tracuu_list_kind_t list;
} opts_t;

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

/* The query words joined by spaces, checked to be UTF-8. */
static char *join_args(int argc, char **argv)
{
    tracuu_buf_t b = {0};
    for (int i = 0; i < argc; i++) {
        if (i)
            tracuu_buf_putc(&b, ' ');
        tracuu_buf_puts(&b, argv[i]);
    }
    if (!b.s)
        tracuu_buf_puts(&b, "");
    return tracuu_buf_steal(&b);
}

/* One hit, read from the index before anything is printed, so that an
 * index changed meanwhile can be reopened and the search run again. */
/* A body position where the query matched, and its highlight run. */
typedef struct hitpos {
    unsigned pos;
    int group;
} hitpos_t;

#define GROUP_NUMBER 63  /* a cited number or a year asked for */
#define GROUP_DAY 62     /* the day of the month of a day asked for */
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

typedef struct fetched {
    double score;
    char *path;      /* exact bytes, from the path value slot */
    char *data;      /* document data; NULL for --paths */
    size_t len;
    char *ck;        /* its checkpoints (schema.h); NULL for --paths */
    size_t ck_len;
    hitpos_t *hp;    /* where the query matched, by body position */
    size_t n_hp;
} fetched_t;

static void free_fetched(fetched_t *f, size_t n)
{
    for (size_t i = 0; f && i < n; i++) {
        free(f[i].path);
        free(f[i].data);
        free(f[i].ck);
        free(f[i].hp);
    }
    free(f);
}

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

static void free_want_terms(want_term_t *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(w[i].term);
    free(w);
}

static int by_pos(const void *a, const void *b)
{
    const hitpos_t *x = a, *y = b;
    return (x->pos > y->pos) - (x->pos < y->pos);
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

/* Where each run of w matched in document id: a phrase where all its
 * syllables follow each other (anywhere its syllables are, if never). */
static tracuu_status_t fetch_positions(tracuu_db_t *db, unsigned id,
                                       const want_term_t *w, size_t n_w,
                                       fetched_t *f)
{
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
        }
        if (st == TRACUU_OK && f->n_hp == before && n > 1) {
            /* Never whole (the phrase matched in the title, say). */
            for (size_t k = 0; k < n; k++) {
                f->hp = tracuu_xrealloc(f->hp,
                                        (f->n_hp + np[k] + 1) * sizeof *f->hp);
                for (size_t j = 0; j < np[k]; j++)
                    f->hp[f->n_hp++] = (hitpos_t){pos[k][j], w[i].group};
            }
        }
        for (size_t k = 0; k < n; k++)
            free(pos[k]);
        i += n;
    }
    if (st == TRACUU_OK && f->n_hp)
        qsort(f->hp, f->n_hp, sizeof *f->hp, by_pos);
    return st;
}

static tracuu_status_t fetch_hits(tracuu_db_t *db, const tracuu_mset_t *m,
                                  bool paths_only, const want_term_t *w,
                                  size_t n_w, fetched_t **out)
{
    size_t n = tracuu_mset_size(m);
    fetched_t *f = tracuu_xcalloc(n + 1, sizeof *f);
    tracuu_status_t st = TRACUU_OK;
    for (size_t i = 0; i < n && st == TRACUU_OK; i++) {
        unsigned id = tracuu_mset_docid(m, i);
        f[i].score = tracuu_mset_score(m, i);
        st = tracuu_db_get_value(db, id, TRACUU_SLOT_PATH, &f[i].path, NULL);
        if (st == TRACUU_OK && !paths_only)
            st = tracuu_db_get_data(db, id, &f[i].data, &f[i].len);
        if (st == TRACUU_OK && !paths_only)
            st = tracuu_db_get_value(db, id, TRACUU_SLOT_CHECKPOINTS, &f[i].ck,
                                     &f[i].ck_len);
        if (st == TRACUU_OK && !paths_only)
            st = fetch_positions(db, id, w, n_w, &f[i]);
    }
    if (st != TRACUU_OK) {
        free_fetched(f, n);
        return st;
    }
    *out = f;
    return TRACUU_OK;
}

/* The text of a plan whose text the index does not keep (plain text
 * files): read again by the same reader, provided the file is still the
 * one indexed, and normalised when normalise (else the snippet code
 * normalises only what it shows). NULL (and *why set) otherwise. */
static char *reread(const char *path, json_t *meta, bool normalise,
                    size_t *len, const char **why)
{
    json_int_t size = json_integer_value(json_object_get(meta, "size"));
    json_int_t mtime = json_integer_value(json_object_get(meta, "mtime"));
    struct stat st;
    *why = NULL;
    if (!path || stat(path, &st) != 0) {
        *why = "file gone since indexing; re-index";
        return NULL;
    }
    if ((json_int_t)st.st_size != size || (json_int_t)st.st_mtime != mtime) {
        *why = "file changed since indexing; re-index";
        return NULL;
    }
    /* Plain text is decoded as the text reader decodes it (encoding.h);
     * the other readers (and libzip, libxml2) stay out of this program. */
    tracuu_buf_t raw = {0}, dec = {0};
    FILE *fp = fopen(path, "rb");
    if (fp) {
        tracuu_buf_reserve(&raw, (size_t)st.st_size);
        raw.len = fread(raw.s, 1, (size_t)st.st_size, fp);
        raw.s[raw.len] = '\0';
        fclose(fp);
    }
    if (!fp || raw.len != (size_t)st.st_size) {
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

/* Snippets of bytes [from, to) of the source: normalised (unless they are
 * already), the query's citations and dates found in them. want_span:
 * none unless one of those is there. false when the bytes are not the
 * text indexed. */
static bool region_snippets(tracuu_analyzer_t *a, const source_t *src,
                            size_t from, size_t to, const tracuu_plan_t *plan,
                            bool want_span, tracuu_snippet_t **sn,
                            size_t *n_sn)
{
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
    if (!want_span || n_spans)
        tracuu_snippets_slice(a, text, len, at > 0, more_after,
                              plan->highlight,
                              plan->n_highlight, spans, n_spans, 2, sn, n_sn);
    free(spans);
    if (!src->normalised)
        tracuu_norm_free(&norm);
    free(bytes);
    return true;
}

/* Is one's text that of a snippet in sn[0..n)? */
static bool shown_already(const tracuu_snippet_t *sn, size_t n,
                          const tracuu_snippet_t *one)
{
    for (size_t i = 0; i < n; i++)
        if (sn[i].text && one->text && strcmp(sn[i].text, one->text) == 0)
            return true;
    return false;
}

/* The snippets of a hit, cut from the regions where its positions say the
 * query matched: around the numbers its citations and dates are written
 * with (where the extractors find them again), then where most of its
 * words meet. false when the index has no checkpoints for it, a citation
 * or date cannot be placed, or the file is not what the index says: the
 * whole text is searched then. *why is set when the file cannot be used. */
static bool snippets_at_positions(tracuu_analyzer_t *a, const fetched_t *f,
                                  json_t *meta, const char *stored,
                                  size_t stored_len, const tracuu_plan_t *plan,
                                  tracuu_snippet_t **out, size_t *n_out,
                                  const char **why)
{
    *out = NULL;
    *n_out = 0;
    ckpts_t ckv, *ck = &ckv;
    size_t first;
    ck_init(ck, f->ck, f->ck_len);
    if (!ck_get(ck, 0, &first)) {
        ck_free(ck);
        return false;
    }
    bool spans_wanted = plan->n_cites || plan->n_days;
    size_t n_numbers = 0;
    for (size_t i = 0; i < f->n_hp; i++)
        n_numbers += f->hp[i].group == GROUP_NUMBER;
    if (spans_wanted && n_numbers == 0) {
        ck_free(ck); /* not written with its numbers as syllables */
        return false;
    }
    if (f->n_hp == 0) {
        ck_free(ck); /* matched on no body word: no passage to show */
        return true;
    }
    source_t src = {stored, stored_len, true, -1};
    char *again = NULL;
    if (stored_len == 0 &&
        json_is_false(json_object_get(meta, "text_stored"))) {
        src.normalised = false;
        src.text = NULL;
        if (json_is_true(json_object_get(meta, "raw"))) {
            /* Its bytes are its text: only the regions shown are read. */
            json_int_t size = json_integer_value(json_object_get(meta, "size"));
            json_int_t mtime = json_integer_value(json_object_get(meta, "mtime"));
            struct stat st;
            src.fd = f->path ? open(f->path, O_RDONLY | O_CLOEXEC) : -1;
            if (src.fd < 0 || fstat(src.fd, &st) != 0)
                *why = "file gone since indexing; re-index";
            else if ((json_int_t)st.st_size != size ||
                     (json_int_t)st.st_mtime != mtime)
                *why = "file changed since indexing; re-index";
            else
                src.len = (size_t)st.st_size;
        } else {
            again = reread(f->path, meta, false, &src.len, why);
            src.text = again;
        }
        if (*why) {
            if (src.fd >= 0)
                close(src.fd);
            ck_free(ck);
            return true;
        }
    }
    tracuu_snippet_t *sn = tracuu_xcalloc(3, sizeof *sn);
    size_t n = 0;
    bool bad = false;
    /* A citation or date asked for: around the numbers it is written
     * with. */
    unsigned done_to = 0;
    size_t tried = 0;
    bool days_only = single_days(plan);
    for (size_t i = 0; i < f->n_hp && n < 2 && !bad && tried < MAX_NUMBER_HITS;
         i++) {
        unsigned p = f->hp[i].pos;
        if (f->hp[i].group != GROUP_NUMBER || (done_to && p < done_to))
            continue;
        if (days_only && !day_near(f->hp, f->n_hp, i))
            continue;
        tried++;
        size_t from, to;
        region_bytes(ck, src.len, p > NUMBER_POS ? p - NUMBER_POS : 0,
                     p + NUMBER_POS, &from, &to);
        tracuu_snippet_t *one = NULL;
        size_t n_one = 0;
        if (to > from)
            bad = !region_snippets(a, &src, from, to, plan, true, &one, &n_one);
        if (n_one) {
            /* Two numbers a checkpoint apart can give the same passage. */
            if (!shown_already(sn, n, &one[0])) {
                sn[n++] = one[0];
                one[0] = (tracuu_snippet_t){0};
            }
            done_to = p + NUMBER_POS;
        }
        tracuu_snippets_free(one, n_one);
    }
    /* Numbers everywhere but not the citation or date near any tried:
     * the extractors go through the whole text instead. */
    bad = bad || (spans_wanted && n == 0 && plan->n_highlight == 0);
    /* The query's words: where most of them meet. */
    unsigned lo[MAX_REGIONS], hi[MAX_REGIONS];
    size_t n_reg = n < 2 && !bad ? pick_regions(f->hp, f->n_hp, lo, hi) : 0;
    tracuu_snippet_t *per[MAX_REGIONS] = {0};
    size_t n_per[MAX_REGIONS] = {0};
    for (size_t r = 0; r < n_reg && !bad; r++) {
        size_t from, to;
        region_bytes(ck, src.len, lo[r], hi[r], &from, &to);
        if (to > from)
            bad = !region_snippets(a, &src, from, to, plan, false, &per[r],
                                   &n_per[r]);
    }
    /* The first of each region in turn, then the second ones. */
    for (size_t round = 0; round < 2; round++)
        for (size_t r = 0; r < n_reg; r++)
            if (round < n_per[r] && n < 2 &&
                !shown_already(sn, n, &per[r][round])) {
                sn[n++] = per[r][round];
                per[r][round] = (tracuu_snippet_t){0};
            }
    for (size_t r = 0; r < n_reg; r++)
        tracuu_snippets_free(per[r], n_per[r]);
    if (src.fd >= 0)
        close(src.fd);
    free(again);
    ck_free(ck);
    if (bad) {
        /* The file's bytes are not the text indexed, or the citation was
         * not found where its numbers are: search the text whole. */
        tracuu_snippets_free(sn, n);
        return false;
    }
    *out = sn;
    *n_out = n;
    return true;
}

static void print_hits(tracuu_analyzer_t *a, const fetched_t *f, size_t n,
                       const tracuu_plan_t *plan, const opts_t *o,
                       tracuu_printer_t *pr)
{
    for (size_t i = 0; i < n; i++) {
        if (o->format == TRACUU_FORMAT_PATHS) {
            tracuu_hit_t h = {o->offset + i + 1, f[i].path, NULL, f[i].score,
                              NULL, NULL, 0, NULL};
            pr->hit(pr, &h);
            continue;
        }
        const char *js, *text;
        size_t jl, tl;
        tracuu_record_split(f[i].data, f[i].len, &js, &jl, &text, &tl);
        json_t *meta = json_loadb(js, jl, 0, NULL);
        const char *path = f[i].path;
        const char *title = json_string_value(json_object_get(meta, "title"));
        const char *issued = json_string_value(json_object_get(meta, "issued"));
        char *again = NULL;
        const char *why = NULL;
        tracuu_snippet_t *sn = NULL;
        size_t n_sn = 0;
        if (!snippets_at_positions(a, &f[i], meta, text, tl, plan, &sn, &n_sn,
                                   &why)) {
            /* Spans of citations and dates index normalised text. */
            bool raw = false;
            if (tl == 0 &&
                json_is_false(json_object_get(meta, "text_stored"))) {
                raw = !plan->n_cites && !plan->n_days;
                again = reread(path, meta, !raw, &tl, &why);
                text = again ? again : "";
            }
            tracuu_span_t *spans = NULL;
            size_t n_spans = 0;
            want_spans(plan, text, tl, &spans, &n_spans);
            tracuu_snippets_text(a, text, tl, raw, plan->highlight,
                                 plan->n_highlight, spans, n_spans, 2, &sn,
                                 &n_sn);
            free(spans);
        }
        tracuu_hit_t h = {o->offset + i + 1, path ? path : "?", title,
                          f[i].score, issued, sn, n_sn, why};
        pr->hit(pr, &h);
        tracuu_snippets_free(sn, n_sn);
        free(again);
        json_decref(meta);
    }
}

/* Offset of the first control character (C0 but tab and line feed, DEL,
 * C1) in UTF-8 s, or -1. */
static long control_at(const char *s)
{
    for (size_t i = 0; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
            return (long)i;
        if (c == 0xC2 && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] < 0xA0)
            return (long)i;
    }
    return -1;
}

static int search(const opts_t *o, const char *query)
{
    size_t valid = tracuu_utf8_valid_prefix(query, strlen(query));
    if (valid != strlen(query)) {
        fprintf(stderr, "%s: the query is not valid UTF-8 (bad byte at "
                        "offset %zu); check the terminal's encoding\n",
                prog, valid);
        return 2;
    }
    long ctl = control_at(query);
    if (ctl >= 0) {
        fprintf(stderr, "%s: the query contains a control character (byte "
                        "0x%02x at offset %ld); type only text\n",
                prog, (unsigned char)query[ctl], ctl);
        return 2;
    }
    if (!*query && o->list == TRACUU_LIST_NONE) {
        fprintf(stderr, "%s: empty query\n", prog);
        return 2;
    }
    tracuu_analyzer_t *a = NULL;
    if (tracuu_analyzer_new(&a) != TRACUU_OK) {
        fprintf(stderr, "%s: cannot open ICU's word breaker\n", prog);
        return 2;
    }
    /* The whole query goes through the document normaliser first, so
     * NFD, old tone placement and stray controls are handled once. */
    tracuu_norm_t norm;
    if (tracuu_normalize(query, strlen(query), &norm) != 0) {
        tracuu_analyzer_free(a);
        fprintf(stderr, "%s: cannot normalise the query\n", prog);
        return 2;
    }
    tracuu_parsed_t parsed;
    tracuu_plan_t plan = {0};
    char *err = NULL;
    int rc = 2;
    parsed.v = NULL;
    parsed.n = 0;
    if (*query && (!tracuu_query_parse(norm.s, tracuu_query_known_field,
                                       &parsed, &err) ||
                   !tracuu_query_build(a, &parsed, &plan, &err))) {
        /* A long query is not echoed whole. */
        size_t shown = tracuu_utf8_cut(query, strlen(query), 80);
        fprintf(stderr, "%s: bad query \"%.*s%s\": %s\n", prog, (int)shown,
                query, shown < strlen(query) ? "…" : "", err);
        goto out;
    }
    char *db_path = tracuu_index_path(o->db);
    char *msg = NULL;
    tracuu_db_t *db = NULL;
    if (!db_path) {
        fprintf(stderr, "%s: no index given and no home directory: use --db "
                        "DIR or set TRACUU_DB\n", prog);
        goto out;
    }
    if (tracuu_index_open(db_path, TRACUU_DB_READ, &db, &msg) != TRACUU_OK) {
        fprintf(stderr, "%s: %s\n", prog, msg);
        free(msg);
        free(db_path);
        goto out;
    }
    free(db_path);
    if (o->list != TRACUU_LIST_NONE) {
        long rows = tracuu_list_print(db, *query ? plan.q_match : NULL, o->list,
                                      *query ? query : NULL,
                                      o->format == TRACUU_FORMAT_JSON, stdout);
        rc = rows < 0 ? 2 : rows > 0 ? 0 : 1;
        tracuu_db_close(db);
        goto out;
    }
    tracuu_search_opts_t so = {o->offset, o->count ? 0 : o->limit,
                               o->sort ? TRACUU_SLOT_ISSUED : -1, o->sort < 0,
                               o->count};
    tracuu_mset_t *m = NULL;
    fetched_t *hits = NULL;
    want_term_t *wt = NULL;
    size_t n_wt = o->format == TRACUU_FORMAT_PATHS ? 0 : want_terms(&plan, &wt);
    tracuu_status_t st;
    /* An indexer committing meanwhile makes the revision read go stale:
     * reopen and run the search again (a few times at most). */
    for (int attempt = 0;; attempt++) {
        if (o->count || o->sort)
            st = tracuu_db_search(db, o->count ? plan.q_match : plan.q, &so,
                                  &m);
        else
            st = tracuu_rank(db, &plan, o->offset, o->limit, &m);
        if (st == TRACUU_OK && !o->count)
            st = fetch_hits(db, m, o->format == TRACUU_FORMAT_PATHS, wt,
                            n_wt, &hits);
        if (st != TRACUU_ERR_DB_MODIFIED || attempt == 10)
            break;
        tracuu_mset_free(m);
        m = NULL;
        tracuu_db_reopen(db);
    }
    if (st != TRACUU_OK) {
        fprintf(stderr, "%s: search failed: %s\n", prog,
                tracuu_db_last_error(db));
        free_want_terms(wt, n_wt);
        tracuu_mset_free(m);
        tracuu_db_close(db);
        goto out;
    }
    unsigned total = tracuu_mset_total(m);
    if (o->count) {
        printf("%u\n", total);
    } else {
        tracuu_printer_t pr;
        bool color = o->color == 1 || (o->color == -1 && isatty(1));
        tracuu_printer_init(&pr, o->format, stdout, color);
        char *desc = tracuu_q_describe(plan.q);
        pr.begin(&pr, query, desc, total, o->offset, o->limit);
        free(desc);
        print_hits(a, hits, tracuu_mset_size(m), &plan, o, &pr);
        pr.end(&pr);
    }
    free_fetched(hits, tracuu_mset_size(m));
    free_want_terms(wt, n_wt);
    rc = total > 0 ? 0 : 1;
    tracuu_mset_free(m);
    tracuu_db_close(db);
out:
    free(err);
    tracuu_plan_free(&plan);
    tracuu_parsed_free(&parsed);
    tracuu_norm_free(&norm);
    tracuu_analyzer_free(a);
    return rc;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'J'},
        {"paths", no_argument, NULL, 'P'},
        {"count", no_argument, NULL, 'C'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, 'O'},
        {"color", required_argument, NULL, 'K'},
        {"sort", required_argument, NULL, 'S'},
        {"list", required_argument, NULL, 'L'},
        {"colour", required_argument, NULL, 'K'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    opts_t o = {NULL, TRACUU_FORMAT_TEXT, false, 10, 0, -1, 0, TRACUU_LIST_NONE};
    int c;
    while ((c = getopt_long(argc, argv, "+d:n:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            o.db = optarg;
            break;
        case 'J':
            o.format = TRACUU_FORMAT_JSON;
            break;
        case 'P':
            o.format = TRACUU_FORMAT_PATHS;
            break;
        case 'C':
            o.count = true;
            break;
        case 'n':
            if (parse_count("--limit", optarg, &o.limit) != 0)
                return 2;
            break;
        case 'O':
            if (parse_count("--offset", optarg, &o.offset) != 0)
                return 2;
            break;
        case 'K':
            if (strcmp(optarg, "auto") == 0)
                o.color = -1;
            else if (strcmp(optarg, "always") == 0)
                o.color = 1;
            else if (strcmp(optarg, "never") == 0)
                o.color = 0;
            else {
                fprintf(stderr, "%s: --color wants auto, always or never\n", prog);
                return 2;
            }
            break;
        case 'S':
            if (strcmp(optarg, "date") == 0)
                o.sort = 1;
            else if (strcmp(optarg, "-date") == 0)
                o.sort = -1;
            else if (strcmp(optarg, "relevance") == 0)
                o.sort = 0;
            else {
                fprintf(stderr, "%s: --sort wants date, -date or relevance, "
                                "not '%s'\n", prog, optarg);
                return 2;
            }
            break;
        case 'L':
            if (!tracuu_list_parse(optarg, &o.list)) {
                fprintf(stderr, "%s: --list wants cites, dates or movements, "
                                "not '%s'\n", prog, optarg);
                return 2;
            }
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("tracuu-query %s (index schema %s)\n", TRACUU_VERSION,
                   TRACUU_SCHEMA_VERSION);
            return 0;
        default:
            fprintf(stderr, "Try 'tracuu-query --help'.\n");
            return 2;
        }
    }
    if (optind >= argc && o.list == TRACUU_LIST_NONE) {
        fprintf(stderr, "%s: no query given\nTry 'tracuu-query --help'.\n", prog);
        return 2;
    }
    char *query = join_args(argc - optind, argv + optind);
    int rc = search(&o, query);
    free(query);
    return rc;
}
