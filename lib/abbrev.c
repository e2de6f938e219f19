/* abbrev.c: the abbreviation table, compiled in from data/abbreviations.tsv
 * (Makefile: tracuu_abbreviation_table), parsed once. */
#include "abbrev.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fold.h"

extern const char *const tracuu_abbreviation_table[];

typedef struct abbrev {
    char *key;          /* folded, letters and digits only */
    char *long_form;    /* as the table writes it */
    char *long_key;     /* the long form folded, words apart by one space */
    bool first;         /* the row's first spelling (the one contracted to) */
    unsigned scope;
} abbrev_t;

static abbrev_t *table;
static size_t n_table;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* text folded to lowercase ASCII, its words (letters and digits) apart by
 * one space. */
static void words_of(const char *text, size_t len, tracuu_buf_t *out)
{
    tracuu_buf_t f = {0};
    tracuu_fold_ascii(text, len, &f);
    bool gap = false;
    for (size_t i = 0; i < f.len; i++) {
        char c = f.s[i];
        bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (word && gap && out->len)
            tracuu_buf_putc(out, ' ');
        if (word)
            tracuu_buf_putc(out, c);
        gap = !word;
    }
    if (!out->s)
        tracuu_buf_puts(out, "");
    tracuu_buf_free(&f);
}

/* text folded to lowercase ASCII with only its letters and digits. */
static void key_of(const char *text, size_t len, tracuu_buf_t *out)
{
    tracuu_buf_t f = {0};
    tracuu_fold_ascii(text, len, &f);
    for (size_t i = 0; i < f.len; i++) {
        char c = f.s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            tracuu_buf_putc(out, c);
    }
    tracuu_buf_free(&f);
}

static unsigned scope_of(const char *s, size_t len)
{
    static const struct { const char *name; unsigned scope; } names[] = {
        {"any", TRACUU_ABBREV_ANY},
        {"issuer", TRACUU_ABBREV_ISSUER},
        {"signer", TRACUU_ABBREV_SIGNER},
        {"symbol-code", TRACUU_ABBREV_SYMBOL},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == len && memcmp(names[i].name, s, len) == 0)
            return names[i].scope;
    return 0;
}

/* One row: "A | B | C" TAB long form TAB scope ...; each spelling an entry. */
static void add_row(const char *line)
{
    const char *t1 = strchr(line, '\t');
    const char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t2)
        return;
    const char *t3 = strchr(t2 + 1, '\t');
    unsigned scope = scope_of(t2 + 1, t3 ? (size_t)(t3 - t2 - 1) : strlen(t2 + 1));
    if (!scope)
        return; /* the header line */
    bool first = true;
    for (const char *p = line; p < t1;) {
        const char *bar = memchr(p, '|', (size_t)(t1 - p));
        const char *end = bar ? bar : t1;
        tracuu_buf_t key = {0};
        key_of(p, (size_t)(end - p), &key);
        if (key.len) {
            table = tracuu_xrealloc(table, (n_table + 1) * sizeof *table);
            table[n_table].key = tracuu_buf_steal(&key);
            table[n_table].long_form =
                tracuu_xstrndup(t1 + 1, (size_t)(t2 - t1 - 1));
            tracuu_buf_t lk = {0};
            words_of(t1 + 1, (size_t)(t2 - t1 - 1), &lk);
            table[n_table].long_key = tracuu_buf_steal(&lk);
            table[n_table].first = first;
            table[n_table].scope = scope;
            n_table++;
            first = false;
        }
        tracuu_buf_free(&key);
        p = bar ? bar + 1 : t1;
    }
}

/* The abbreviation of each row as written, by its key (for contracting;
 * the key is its letters, lowercase ASCII: enough to search by). */
static void abbrev_written(const abbrev_t *a, tracuu_buf_t *out)
{
    tracuu_buf_puts(out, a->key);
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(((const abbrev_t *)a)->key, ((const abbrev_t *)b)->key);
}

static void load(void)
{
    for (size_t i = 0; tracuu_abbreviation_table[i]; i++)
        add_row(tracuu_abbreviation_table[i]);
    qsort(table, n_table, sizeof *table, cmp_key);
}

const char *tracuu_abbrev_long(const char *text, size_t len, unsigned scopes)
{
    pthread_once(&table_once, load);
    tracuu_buf_t key = {0};
    key_of(text, len, &key);
    const char *found = NULL;
    if (key.len) {
        abbrev_t want = {.key = key.s};
        const abbrev_t *a = bsearch(&want, table, n_table, sizeof *table,
                                    cmp_key);
        /* Rows sharing a key (CT: chỉ thị as a symbol code, ...) are
         * adjacent: take the first whose scope is asked for. */
        if (a) {
            while (a > table && strcmp(a[-1].key, key.s) == 0)
                a--;
            for (; a < table + n_table && strcmp(a->key, key.s) == 0; a++)
                if (a->scope & scopes) {
                    found = a->long_form;
                    break;
                }
        }
    }
    tracuu_buf_free(&key);
    return found;
}

char *tracuu_abbrev_expand(const char *text, unsigned scopes)
{
    const char *lf = tracuu_abbrev_long(text, strlen(text), scopes);
    if (lf)
        return tracuu_xstrdup(lf);
    tracuu_buf_t out = {0};
    bool any = false;
    for (const char *p = text; *p;) {
        size_t sp = strspn(p, " ");
        tracuu_buf_append(&out, p, sp);
        p += sp;
        size_t w = strcspn(p, " ");
        lf = w ? tracuu_abbrev_long(p, w, scopes) : NULL;
        if (lf)
            tracuu_buf_puts(&out, lf);
        else
            tracuu_buf_append(&out, p, w);
        any = any || lf;
        p += w;
    }
    if (!any) {
        tracuu_buf_free(&out);
        return NULL;
    }
    return tracuu_buf_steal(&out);
}

char *tracuu_abbrev_contract(const char *text, unsigned scopes)
{
    pthread_once(&table_once, load);
    tracuu_buf_t w = {0};
    words_of(text, strlen(text), &w);
    bool any = false;
    for (int round = 0; round < 1; round++) {
        /* The longest long form in w, as whole words. */
        const abbrev_t *best = NULL;
        size_t at = 0;
        for (size_t i = 0; i < n_table; i++) {
            const abbrev_t *a = &table[i];
            size_t ll = strlen(a->long_key);
            if (!a->first || !(a->scope & scopes) || !ll ||
                (best && ll <= strlen(best->long_key)))
                continue;
            for (const char *p = strstr(w.s, a->long_key); p;
                 p = strstr(p + 1, a->long_key)) {
                size_t o = (size_t)(p - w.s);
                if ((o == 0 || w.s[o - 1] == ' ') &&
                    (p[ll] == '\0' || p[ll] == ' ')) {
                    best = a;
                    at = o;
                    break;
                }
            }
        }
        if (!best)
            break;
        tracuu_buf_t out = {0};
        tracuu_buf_append(&out, w.s, at);
        abbrev_written(best, &out);
        tracuu_buf_puts(&out, w.s + at + strlen(best->long_key));
        tracuu_buf_free(&w);
        w = out;
        any = true;
    }
    if (!any) {
        tracuu_buf_free(&w);
        return NULL;
    }
    return tracuu_buf_steal(&w);
}

size_t tracuu_abbrev_count(void)
{
    pthread_once(&table_once, load);
    return n_table;
}
