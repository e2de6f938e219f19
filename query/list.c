/* list.c: counts of cited documents, dates and movements over matching plans. */
#include "list.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "fold.h"
#include "movement.h"
#include "output.h"
#include "rank.h"
#include "schema.h"

typedef struct row {
    char *term;      /* the listing term without its prefix */
    char *group;     /* what rows are counted under */
    unsigned plans;
    json_t *spell;   /* movements: {spelling: plans} of the group */
} row_t;

typedef struct rows {
    row_t *v;
    size_t n, cap;
} rows_t;

bool tracuu_list_parse(const char *s, tracuu_list_kind_t *out)
{
    static const struct {
        const char *name;
        tracuu_list_kind_t kind;
    } names[] = {{"cites", TRACUU_LIST_CITES},
                 {"dates", TRACUU_LIST_DATES},
                 {"movements", TRACUU_LIST_MOVEMENTS}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].kind;
            return true;
        }
    }
    return false;
}

static const char *prefix_of(tracuu_list_kind_t kind)
{
    switch (kind) {
    case TRACUU_LIST_CITES: return TRACUU_PREFIX_CITES_LIST;
    case TRACUU_LIST_DATES: return TRACUU_PREFIX_DATE_LIST;
    case TRACUU_LIST_MOVEMENTS: return TRACUU_PREFIX_MOVEMENT_LIST;
    default: return NULL;
    }
}

/* Movements (kind TAB canonical TAB spelling) group by kind and the key
 * of the canonical name without diacritics (case, dashes, punctuation,
 * OCR-dropped marks aside). */
static char *group_of(tracuu_list_kind_t kind, const char *term)
{
    if (kind != TRACUU_LIST_MOVEMENTS)
        return tracuu_xstrdup(term);
    const char *tab = strchr(term, '\t');
    const char *name = tab ? tab + 1 : term;
    const char *tab2 = strchr(name, '\t');
    tracuu_buf_t a = {0};
    tracuu_fold_ascii(name, tab2 ? (size_t)(tab2 - name) : strlen(name), &a);
    char *key = tracuu_movement_key(a.s, a.len);
    tracuu_buf_free(&a);
    tracuu_buf_t b = {0};
    tracuu_buf_append(&b, term, tab ? (size_t)(tab - term) : 0);
    tracuu_buf_putc(&b, '\t');
    tracuu_buf_puts(&b, key ? key : name);
    free(key);
    return tracuu_buf_steal(&b);
}

static void add_row(rows_t *r, tracuu_list_kind_t kind, const char *term,
                    unsigned plans)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 256;
        r->v = tracuu_xrealloc(r->v, r->cap * sizeof *r->v);
    }
    r->v[r->n++] = (row_t){tracuu_xstrdup(term), group_of(kind, term), plans,
                           NULL};
    const char *t2 = kind == TRACUU_LIST_MOVEMENTS ? strchr(term, '\t') : NULL;
    t2 = t2 ? strchr(t2 + 1, '\t') : NULL;
    if (t2) {
        r->v[r->n - 1].spell = json_object();
        json_object_set_new(r->v[r->n - 1].spell, t2 + 1, json_integer(plans));
    }
}

/* Bytes of the canonical name in a movement's term. */
static size_t canonical_len(const char *term)
{
    const char *a = strchr(term, '\t');
    const char *b = a ? strchr(a + 1, '\t') : NULL;
    return b ? (size_t)(b - a) : 0;
}

/* Add the spellings of y to x's. */
static void add_spellings(row_t *x, const row_t *y)
{
    const char *s;
    json_t *v;
    json_object_foreach(y->spell, s, v) {
        json_t *old = json_object_get(x->spell, s);
        json_int_t n = json_integer_value(v) + (old ? json_integer_value(old) : 0);
        json_object_set_new(x->spell, s, json_integer(n));
    }
}

static int by_group(const void *a, const void *b)
{
    const row_t *x = a, *y = b;
    int c = strcmp(x->group, y->group);
    return c ? c : strcmp(x->term, y->term);
}

static int by_count(const void *a, const void *b)
{
    const row_t *x = a, *y = b;
    if (x->plans != y->plans)
        return x->plans > y->plans ? -1 : 1;
    return strcmp(x->group, y->group);
}

/* Merge rows of one group (first spelling kept, counts added). For
 * per-plan counting, a plan holding two spellings of a group counts
 * twice: rare, and visible in the output as the larger count. */
static void merge(rows_t *r)
{
    if (r->n == 0)
        return;
    qsort(r->v, r->n, sizeof *r->v, by_group);
    size_t o = 0;
    for (size_t i = 1; i < r->n; i++) {
        if (strcmp(r->v[i].group, r->v[o].group) == 0) {
            r->v[o].plans += r->v[i].plans;
            if (r->v[o].spell && r->v[i].spell) {
                add_spellings(&r->v[o], &r->v[i]);
                /* The canonical name with its diacritics is shown. */
                if (canonical_len(r->v[i].term) > canonical_len(r->v[o].term)) {
                    char *t = r->v[o].term;
                    r->v[o].term = r->v[i].term;
                    r->v[i].term = t;
                }
            }
            json_decref(r->v[i].spell);
            free(r->v[i].term);
            free(r->v[i].group);
        } else {
            r->v[++o] = r->v[i];
        }
    }
    r->n = o + 1;
}

static void free_rows(rows_t *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].term);
        free(r->v[i].group);
        json_decref(r->v[i].spell);
    }
    free(r->v);
}

static const char *role_name(char letter)
{
    switch (letter) {
    case 'i': return "issued";
    case 'c': return "cited";
    case 'd': return "deadline";
    default: return "mentioned";
    }
}

/* "20140407" -> "2014-04-07", "201404" -> "2014-04". */
static void iso(const char *digits, char out[16])
{
    size_t n = strlen(digits);
    if (n >= 8)
        snprintf(out, 16, "%.4s-%.2s-%.2s", digits, digits + 4, digits + 6);
    else if (n >= 6)
        snprintf(out, 16, "%.4s-%.2s", digits, digits + 4);
    else
        snprintf(out, 16, "%.4s", digits);
}

/* Split a TAB-separated term into at most 4 fields (pointers into a copy). */
static size_t split(char *s, char *f[4])
{
    size_t n = 0;
    f[n++] = s;
    for (char *p = s; *p && n < 4; p++) {
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    }
    for (size_t i = n; i < 4; i++)
        f[i] = "";
    return n;
}

/* Print s, escaped (escape.h: the index is untrusted), padded with
 * spaces to width characters (not bytes). */
static void pad(FILE *f, const char *s, int width)
{
    tracuu_buf_t b = {0};
    tracuu_escape_text(&b, s, strlen(s));
    fputs(b.s, f);
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)b.s; *p; p++)
        n += (*p & 0xC0) != 0x80;
    for (; n < width; n++)
        fputc(' ', f);
    tracuu_buf_free(&b);
}

/* "  [Dan van khéo 2; dân vận khéo 5]": the spellings of a movement,
 * unless its canonical name is the only one. */
static void print_spellings(FILE *f, json_t *spell, const char *canonical)
{
    if (!spell || (json_object_size(spell) == 1 &&
                   json_object_get(spell, canonical)))
        return;
    const char *s;
    json_t *v;
    const char *sep = "  [";
    json_object_foreach(spell, s, v) {
        fputs(sep, f);
        pad(f, s, 0);
        fprintf(f, " %lld", (long long)json_integer_value(v));
        sep = "; ";
    }
    fputc(']', f);
}

static void print_row(tracuu_list_kind_t kind, const row_t *r, bool json,
                      json_t *items, FILE *f)
{
    char *copy = tracuu_xstrdup(r->term);
    char *fld[4];
    json_t *o = json ? json_object() : NULL;
    if (kind == TRACUU_LIST_CITES) {
        split(copy, fld);
        if (json) {
            json_object_set_new(o, "symbol", json_string(fld[0]));
            json_object_set_new(o, "type", *fld[2] ? json_string(fld[2]) : json_null());
            json_object_set_new(o, "date", *fld[1] ? json_string(fld[1]) : json_null());
            json_object_set_new(o, "issuer", *fld[3] ? json_string(fld[3]) : json_null());
        } else {
            fprintf(f, "%6u  ", r->plans);
            pad(f, fld[0], 22);
            fputc(' ', f);
            pad(f, *fld[2] ? fld[2] : "-", 24);
            fputc(' ', f);
            pad(f, *fld[1] ? fld[1] : "-", 10);
            fputc(' ', f);
            pad(f, *fld[3] ? fld[3] : "-", 0);
            fputc('\n', f);
        }
    } else if (kind == TRACUU_LIST_DATES) {
        char date[16];
        iso(copy + 1, date);
        if (json) {
            json_object_set_new(o, "date", json_string(date));
            json_object_set_new(o, "role", json_string(role_name(copy[0])));
        } else {
            fprintf(f, "%6u  %-10s  %s\n", r->plans, date, role_name(copy[0]));
        }
    } else {
        split(copy, fld);
        if (json) {
            json_object_set_new(o, "kind", json_string(fld[0]));
            json_object_set_new(o, "name", json_string(fld[1]));
            if (r->spell)
                json_object_set(o, "spellings", r->spell);
        } else {
            fprintf(f, "%6u  ", r->plans);
            pad(f, fld[0], 15);
            fputc(' ', f);
            pad(f, fld[1], 0);
            print_spellings(f, r->spell, fld[1]);
            fputc('\n', f);
        }
    }
    if (json) {
        json_object_set_new(o, "plans", json_integer(r->plans));
        json_array_append_new(items, o);
    }
    free(copy);
}

static const char *kind_name(tracuu_list_kind_t kind)
{
    return kind == TRACUU_LIST_CITES ? "cites"
           : kind == TRACUU_LIST_DATES ? "dates" : "movements";
}

/* The rows of the plans matching q: each plan's listing terms. An index
 * changed meanwhile is reopened and the plan read again (TRACUU_STALLED_
 * REOPENS at most in a row); a plan removed meanwhile is left out. */
static tracuu_status_t collect_matching(tracuu_db_t *db, const tracuu_q_t *q,
                                        tracuu_list_kind_t kind, rows_t *rows)
{
    const char *prefix = prefix_of(kind);
    unsigned count = 0;
    tracuu_db_doccount(db, &count);
    tracuu_search_opts_t so = {0, count ? count : 1, -1, false, true};
    tracuu_mset_t *m = NULL;
    tracuu_status_t st = tracuu_db_search(db, q, &so, &m);
    int stalled = 0;
    for (size_t i = 0; st == TRACUU_OK && i < tracuu_mset_size(m);) {
        tracuu_termlist_t *tl = NULL;
        st = tracuu_db_terms(db, tracuu_mset_docid(m, i), prefix, &tl);
        if (tracuu_index_moved(st) && ++stalled <= TRACUU_STALLED_REOPENS) {
            tracuu_db_reopen(db);
            st = TRACUU_OK;
            continue;
        }
        if (st == TRACUU_ERR_NOT_FOUND)
            st = TRACUU_OK;
        for (size_t k = 0; tl && k < tl->n; k++)
            add_row(rows, kind, tl->terms[k], 1);
        tracuu_termlist_free(tl);
        stalled = 0;
        i++;
    }
    tracuu_mset_free(m);
    return st;
}

/* The rows of every plan: the listing terms of the whole index. */
static tracuu_status_t collect_all(tracuu_db_t *db, tracuu_list_kind_t kind,
                                   rows_t *rows)
{
    tracuu_termlist_t *tl = NULL;
    tracuu_status_t st = TRACUU_OK;
    for (int k = 0; k <= TRACUU_STALLED_REOPENS; k++) {
        st = tracuu_db_terms(db, 0, prefix_of(kind), &tl);
        if (!tracuu_index_moved(st))
            break;
        tracuu_db_reopen(db);
    }
    for (size_t i = 0; st == TRACUU_OK && i < tl->n; i++)
        add_row(rows, kind, tl->terms[i], tl->freqs[i]);
    tracuu_termlist_free(tl);
    return st;
}

long tracuu_list_print(tracuu_db_t *db, const tracuu_q_t *q,
                       tracuu_list_kind_t kind, const char *query, bool json,
                       FILE *f)
{
    rows_t rows = {0};
    tracuu_status_t st = q ? collect_matching(db, q, kind, &rows)
                           : collect_all(db, kind, &rows);
    if (st != TRACUU_OK) {
        tracuu_buf_t b = {0};
        const char *e = tracuu_db_last_error(db);
        tracuu_escape_text(&b, e, strlen(e));
        fflush(f);
        fprintf(stderr, "tracuu-query: %s\n", b.s);
        tracuu_buf_free(&b);
        free_rows(&rows);
        return -1;
    }
    merge(&rows);
    if (rows.n)
        qsort(rows.v, rows.n, sizeof *rows.v,
              kind == TRACUU_LIST_DATES ? by_group : by_count);
    json_t *doc = NULL, *items = NULL;
    if (json) {
        doc = json_object();
        items = json_array();
        json_object_set_new(doc, "format_version",
                            json_integer(TRACUU_JSON_FORMAT_VERSION));
        json_object_set_new(doc, "list", json_string(kind_name(kind)));
        json_object_set_new(doc, "query", query ? json_string(query) : json_null());
    } else if (kind == TRACUU_LIST_CITES) {
        fprintf(f, "%6s  %-22s %-24s %-10s %s\n", "plans", "symbol", "type",
                "date", "issuer");
    }
    for (size_t i = 0; i < rows.n; i++)
        print_row(kind, &rows.v[i], json, items, f);
    if (json) {
        json_object_set_new(doc, "items", items);
        json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', f);
        json_decref(doc);
    }
    long n = (long)rows.n;
    free_rows(&rows);
    return n;
}
