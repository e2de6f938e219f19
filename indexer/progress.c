/* progress.c: the progress line of an indexing run, and its closing summary. */
#include "progress.h"

#include "escape.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"

/* Least time between two redraws of the line, in seconds. */
#define REDRAW 0.1

struct tracuu_progress {
    FILE *out;
    bool on;
    size_t total_files;
    uint64_t total_bytes;
    double t0, last;
    bool drawn;
    pthread_mutex_t mu;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t term_cols(FILE *out)
{
    struct winsize ws;
    if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *c = getenv("COLUMNS");
    long n = c ? strtol(c, NULL, 10) : 0;
    return n > 0 && n < 10000 ? (size_t)n : 80;
}

tracuu_progress_t *tracuu_progress_start(FILE *out, size_t total_files,
                                         uint64_t total_bytes, bool enabled)
{
    tracuu_progress_t *p = tracuu_xcalloc(1, sizeof *p);
    p->out = out;
    p->on = enabled && out && isatty(fileno(out));
    p->total_files = total_files;
    p->total_bytes = total_bytes;
    p->t0 = now();
    p->last = -1;
    pthread_mutex_init(&p->mu, NULL);
    return p;
}

void tracuu_progress_eta(double seconds, char *buf, size_t size)
{
    if (seconds < 0 || seconds > 99 * 3600.0) {
        snprintf(buf, size, "--:--");
        return;
    }
    unsigned long s = (unsigned long)(seconds + 0.5);
    if (s >= 3600)
        snprintf(buf, size, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, size, "%lu:%02lu", s / 60, s % 60);
}

static bool combining(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || cp == 0x200D;
}

void tracuu_progress_fit(const char *path, size_t cols, char *out, size_t size)
{
    if (!size)
        return;
    out[0] = '\0';
    if (!path || !cols)
        return;
    size_t len = strlen(path), width = 0, i = 0;
    while (i < len)
        width += !combining(tracuu_utf8_next(path, len, &i));
    size_t start = 0;
    const char *lead = "";
    if (width > cols) {
        /* keep the last cols - 1 columns, after an ellipsis */
        size_t drop = width - (cols - 1);
        i = 0;
        while (i < len && drop)
            drop -= !combining(tracuu_utf8_next(path, len, &i));
        while (i < len) { /* marks of the last dropped letter go too */
            size_t at = i;
            if (!combining(tracuu_utf8_next(path, len, &i))) {
                i = at;
                break;
            }
        }
        start = i;
        lead = "\u2026";
    }
    snprintf(out, size, "%s%s", lead, path + start);
    /* a cut by snprintf must not leave half a character */
    size_t n = strlen(out);
    out[tracuu_utf8_valid_prefix(out, n)] = '\0';
}

/* Columns of UTF-8 s: characters. */
static size_t cols_of(const char *s)
{
    size_t c = 0;
    for (; *s; s++)
        c += ((unsigned char)*s & 0xC0) != 0x80;
    return c;
}

/* The fewest columns of a file name worth showing ("…" and 11 more). */
#define MIN_NAME 12

void tracuu_progress_compose(const char *counts, const char *mb,
                             const char *rate, const char *eta,
                             const char *name, size_t cols, char *out,
                             size_t size)
{
    const char *part[] = {counts, mb, rate, eta};
    size_t n = 4, room = cols > 1 ? cols - 1 : 0, used = 0;
    for (;; n--) { /* the ETA, the rate, the megabytes go, in that order */
        used = 0;
        for (size_t i = 0; i < n; i++)
            used += cols_of(part[i]) + (i == 0 ? 0 : i == 1 ? 1 : 2);
        if (used <= room || n == 1)
            break;
    }
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, "");
    for (size_t i = 0; i < n; i++)
        tracuu_buf_printf(&b, "%s%s", i == 0 ? "" : i == 1 ? " " : "  ",
                          part[i]);
    char fit[1024] = "";
    if (n == 4 && name && *name && used + 2 + MIN_NAME <= room)
        tracuu_progress_fit(name, room - used - 2, fit, sizeof fit);
    const char *shown = fit;
    if (strncmp(fit, "\u2026", 3) == 0) {
        /* shortened: begin after a '/' or space, not inside a word */
        size_t cut = strcspn(fit + 3, "/ ");
        shown = fit[3 + cut] ? fit + 3 + cut + 1 : "";
    }
    if (*shown)
        tracuu_buf_printf(&b, "  %s%s", shown == fit ? "" : "\u2026",
                          shown);
    snprintf(out, size, "%s", b.s);
    out[tracuu_utf8_valid_prefix(out, strlen(out))] = '\0';
    tracuu_buf_free(&b);
}

static void draw(tracuu_progress_t *p, size_t files, uint64_t bytes,
                 const char *current, double t)
{
    double secs = t - p->t0;
    double mb = (double)bytes / 1e6, total_mb = (double)p->total_bytes / 1e6;
    double rate = secs > 0.05 ? mb / secs : 0;
    char eta[16];
    double left = bytes >= p->total_bytes ? 0.0
                  : rate > 0                  ? (total_mb - mb) / rate
                                              : -1.0;
    tracuu_progress_eta(left, eta, sizeof eta);
    int w = 1;
    for (size_t t10 = p->total_files; t10 >= 10; t10 /= 10)
        w++;
    char c_s[64], mb_s[64], rate_s[32], eta_s[32], line[1400];
    snprintf(c_s, sizeof c_s, "[%*zu/%zu]", w, files, p->total_files);
    snprintf(mb_s, sizeof mb_s, "%.1f/%.1f MB", mb, total_mb);
    snprintf(rate_s, sizeof rate_s, "%.1f MB/s", rate);
    snprintf(eta_s, sizeof eta_s, "ETA %s", eta);
    /* A file's name is untrusted: no control byte reaches the terminal. */
    tracuu_buf_t e = {0};
    if (current)
        tracuu_escape_name(&e, current, strlen(current));
    tracuu_progress_compose(c_s, mb_s, rate_s, eta_s, e.s,
                            term_cols(p->out), line, sizeof line);
    tracuu_buf_free(&e);
    fprintf(p->out, "\r%s\033[K", line);
    fflush(p->out);
    p->drawn = true;
    p->last = t;
}

void tracuu_progress_update(tracuu_progress_t *p, size_t done_files,
                            uint64_t done_bytes, const char *current)
{
    if (!p || !p->on)
        return;
    pthread_mutex_lock(&p->mu);
    double t = now();
    if (p->last < 0 || t - p->last >= REDRAW || done_files >= p->total_files)
        draw(p, done_files, done_bytes, current, t);
    pthread_mutex_unlock(&p->mu);
}

static void clear_line(tracuu_progress_t *p)
{
    if (p->drawn) {
        fputs("\r\033[K", p->out);
        fflush(p->out);
        p->drawn = false;
    }
}

void tracuu_progress_message(tracuu_progress_t *p, FILE *stream, const char *msg)
{
    if (p && p->on) {
        pthread_mutex_lock(&p->mu);
        clear_line(p);
        p->last = -1; /* redraw at the next update */
        pthread_mutex_unlock(&p->mu);
    }
    if (stream != stdout)
        fflush(stdout); /* stdout and stderr may be one file */
    fprintf(stream, "%s\n", msg);
}

void tracuu_progress_end(tracuu_progress_t *p)
{
    if (!p)
        return;
    if (p->on)
        clear_line(p);
    pthread_mutex_destroy(&p->mu);
    free(p);
}

/* ---- summary ---- */

typedef struct fmt_row {
    char *name;
    size_t n[TRACUU_OUTCOME_LAST];
} fmt_row_t;

typedef struct reason_row {
    char *key;
    tracuu_outcome_t outcome;
    size_t n;
} reason_row_t;

struct tracuu_summary {
    fmt_row_t *fmts;
    size_t n_fmts;
    reason_row_t *reasons;
    size_t n_reasons;
};

tracuu_summary_t *tracuu_summary_new(void)
{
    return tracuu_xcalloc(1, sizeof(tracuu_summary_t));
}

/* The general part of a reason (new; free with free()). */
static char *reason_key(const char *reason)
{
    if (!reason || !*reason)
        return tracuu_xstrdup("unknown reason");
    size_t n = strcspn(reason, ":");
    /* drop a last parenthesis that holds numbers: "(exit 1)", "(300 MB…)" */
    const char *open = NULL;
    for (size_t i = 0; i < n; i++)
        if (reason[i] == '(')
            open = reason + i;
    if (open) {
        bool digits = false;
        for (const char *c = open; c < reason + n && *c != ')'; c++)
            digits = digits || (*c >= '0' && *c <= '9');
        if (digits)
            n = (size_t)(open - reason);
    }
    while (n && reason[n - 1] == ' ')
        n--;
    return tracuu_xstrndup(reason, n ? n : strlen(reason));
}

void tracuu_summary_add(tracuu_summary_t *s, const char *format,
                        tracuu_outcome_t outcome, const char *reason)
{
    if (!s || outcome >= TRACUU_OUTCOME_LAST)
        return;
    const char *name = format && *format ? format : "other";
    fmt_row_t *row = NULL;
    for (size_t i = 0; i < s->n_fmts && !row; i++)
        if (strcmp(s->fmts[i].name, name) == 0)
            row = &s->fmts[i];
    if (!row) {
        s->fmts = tracuu_xrealloc(s->fmts, (s->n_fmts + 1) * sizeof *s->fmts);
        row = &s->fmts[s->n_fmts++];
        memset(row, 0, sizeof *row);
        row->name = tracuu_xstrdup(name);
    }
    row->n[outcome]++;
    if (outcome != TRACUU_OUTCOME_SKIPPED && outcome != TRACUU_OUTCOME_FAILED)
        return;
    char *key = reason_key(reason);
    for (size_t i = 0; i < s->n_reasons; i++)
        if (s->reasons[i].outcome == outcome && strcmp(s->reasons[i].key, key) == 0) {
            s->reasons[i].n++;
            free(key);
            return;
        }
    s->reasons = tracuu_xrealloc(s->reasons, (s->n_reasons + 1) * sizeof *s->reasons);
    s->reasons[s->n_reasons++] = (reason_row_t){key, outcome, 1};
}

size_t tracuu_summary_count(const tracuu_summary_t *s, const char *format,
                            tracuu_outcome_t outcome)
{
    size_t n = 0;
    for (size_t i = 0; s && outcome < TRACUU_OUTCOME_LAST && i < s->n_fmts; i++)
        if (!format || strcmp(s->fmts[i].name, format) == 0)
            n += s->fmts[i].n[outcome];
    return n;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const fmt_row_t *)a)->name, ((const fmt_row_t *)b)->name);
}

static int by_count(const void *a, const void *b)
{
    const reason_row_t *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->key, y->key);
}

static void print_reasons(const tracuu_summary_t *s, tracuu_outcome_t o,
                          const char *label, FILE *out)
{
    bool first = true;
    for (size_t i = 0; i < s->n_reasons; i++) {
        if (s->reasons[i].outcome != o)
            continue;
        fprintf(out, "%s%zu %s", first ? label : "; ", s->reasons[i].n,
                s->reasons[i].key);
        first = false;
    }
    if (!first)
        fputc('\n', out);
}

void tracuu_summary_print(const tracuu_summary_t *s, FILE *out)
{
    if (!s || !s->n_fmts)
        return;
    fmt_row_t *rows = tracuu_xmalloc(s->n_fmts * sizeof *rows);
    memcpy(rows, s->fmts, s->n_fmts * sizeof *rows);
    qsort(rows, s->n_fmts, sizeof *rows, by_name);
    fprintf(out, "  %-8s %9s %10s %8s %7s %12s\n", "format", "indexed",
            "unchanged", "skipped", "failed", "unsupported");
    size_t tot[TRACUU_OUTCOME_LAST] = {0};
    for (size_t i = 0; i < s->n_fmts; i++) {
        fprintf(out, "  %-8s %9zu %10zu %8zu %7zu %12zu\n", rows[i].name,
                rows[i].n[0], rows[i].n[1], rows[i].n[2], rows[i].n[3],
                rows[i].n[4]);
        for (int k = 0; k < TRACUU_OUTCOME_LAST; k++)
            tot[k] += rows[i].n[k];
    }
    if (s->n_fmts > 1)
        fprintf(out, "  %-8s %9zu %10zu %8zu %7zu %12zu\n", "total", tot[0],
                tot[1], tot[2], tot[3], tot[4]);
    free(rows);
    if (s->n_reasons == 0)
        return;
    reason_row_t *r = tracuu_xmalloc(s->n_reasons * sizeof *r);
    memcpy(r, s->reasons, s->n_reasons * sizeof *r);
    qsort(r, s->n_reasons, sizeof *r, by_count);
    tracuu_summary_t sorted = {NULL, 0, r, s->n_reasons};
    print_reasons(&sorted, TRACUU_OUTCOME_SKIPPED, "  skipped: ", out);
    print_reasons(&sorted, TRACUU_OUTCOME_FAILED, "  failed: ", out);
    free(r);
}

void tracuu_summary_free(tracuu_summary_t *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_fmts; i++)
        free(s->fmts[i].name);
    free(s->fmts);
    for (size_t i = 0; i < s->n_reasons; i++)
        free(s->reasons[i].key);
    free(s->reasons);
    free(s);
}
