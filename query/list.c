/* list.c: counts of cited documents, dates and movements over matching plans. */
#include "list.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "fold.h"
#include "movement.h"
#include "output.h"
#include "rank.h"
#include "schema.h"

#define LIST_FIELDS 4     /* TAB-separated fields of a listing term */
#define ISO_DATE_SIZE 16  /* room for "YYYY-MM-DD" */
#define FIRST_ROWS 256    /* rows allocated at first */

/* One spelling of a movement and the plans that write it so. */
typedef struct spelling {
    char *s;
    unsigned plans;
} spelling_t;

typedef struct row {
    char *term;      /* the listing term without its prefix */
    char *group;     /* what rows are counted under */
    unsigned plans;
    spelling_t *spell; /* movements: the group's spellings, in order met */
    size_t n_spell;
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
        r->cap = r->cap ? r->cap * 2 : FIRST_ROWS;
        r->v = tracuu_xrealloc(r->v, r->cap * sizeof *r->v);
    }
    row_t *row = &r->v[r->n++];
    *row = (row_t){tracuu_xstrdup(term), group_of(kind, term), plans, NULL, 0};
    const char *t2 = kind == TRACUU_LIST_MOVEMENTS ? strchr(term, '\t') : NULL;
    t2 = t2 ? strchr(t2 + 1, '\t') : NULL;
    if (t2) {
        row->spell = tracuu_xcalloc(1, sizeof *row->spell);
        row->spell[0] = (spelling_t){tracuu_xstrdup(t2 + 1), plans};
        row->n_spell = 1;
    }
}

/* Bytes of the canonical name in a movement's term. */
static size_t canonical_len(const char *term)
{
    const char *a = strchr(term, '\t');
    const char *b = a ? strchr(a + 1, '\t') : NULL;
    return b ? (size_t)(b - a) : 0;
}

/* Add the spellings of y to x's (y's are freed). */
static void add_spellings(row_t *x, row_t *y)
{
    for (size_t i = 0; i < y->n_spell; i++) {
        size_t k = 0;
        while (k < x->n_spell && strcmp(x->spell[k].s, y->spell[i].s) != 0)
            k++;
        if (k < x->n_spell) {
            x->spell[k].plans += y->spell[i].plans;
            free(y->spell[i].s);
            continue;
        }
        x->spell = tracuu_xrealloc(x->spell, (x->n_spell + 1) * sizeof *x->spell);
        x->spell[x->n_spell++] = y->spell[i];
    }
    free(y->spell);
    y->spell = NULL;
    y->n_spell = 0;
}

static void free_spellings(row_t *r)
{
    for (size_t i = 0; i < r->n_spell; i++)
        free(r->spell[i].s);
    free(r->spell);
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
                /* The canonical name with its diacritics is shown. */
                if (canonical_len(r->v[i].term) > canonical_len(r->v[o].term)) {
                    char *t = r->v[o].term;
                    r->v[o].term = r->v[i].term;
                    r->v[i].term = t;
                }
                add_spellings(&r->v[o], &r->v[i]);
            }
            free_spellings(&r->v[i]);
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
        free_spellings(&r->v[i]);
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
static void iso(const char *digits, char out[ISO_DATE_SIZE])
{
    size_t n = strlen(digits);
    if (n >= 8)
        snprintf(out, ISO_DATE_SIZE, "%.4s-%.2s-%.2s", digits, digits + 4, digits + 6);
    else if (n >= 6)
        snprintf(out, ISO_DATE_SIZE, "%.4s-%.2s", digits, digits + 4);
    else
        snprintf(out, ISO_DATE_SIZE, "%.4s", digits);
}

/* Split a TAB-separated term into at most LIST_FIELDS fields (pointers
 * into a copy). */
static size_t split(char *s, char *f[LIST_FIELDS])
{
    size_t n = 0;
    f[n++] = s;
    for (char *p = s; *p && n < LIST_FIELDS; p++) {
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    }
    for (size_t i = n; i < LIST_FIELDS; i++)
        f[i] = "";
    return n;
}

/* A column of a table: its JSON key, the field of the term it shows, its
 * text width (printf's convention: negative, left-aligned) and whether
 * an empty field is null (text: "-"). */
typedef struct column {
    const char *key;
    int field;
    int width;
    bool nullable;
} column_t;

#define TEXT_COUNT_WIDTH 6 /* the plans column, right-aligned */
#define MAX_COLUMNS 4

typedef struct table {
    const char *name;            /* --list's argument, in JSON */
    column_t cols[MAX_COLUMNS];
    size_t n_cols;
    const char *gap;             /* text: between two columns */
    bool header;                 /* text: a line of column names first */
} table_t;

static const table_t *table_of(tracuu_list_kind_t kind)
{
    static const table_t cites = {
        "cites",
        {{"symbol", 0, -22, false},
         {"type", 2, -24, true},
         {"date", 1, -10, true},
         {"issuer", 3, 0, true}},
        4, " ", true};
    static const table_t dates = {
        "dates", {{"date", 0, -10, false}, {"role", 1, 0, false}}, 2, "  ",
        false};
    static const table_t movements = {
        "movements", {{"kind", 0, -15, false}, {"name", 1, 0, false}}, 2, " ",
        false};
    return kind == TRACUU_LIST_CITES ? &cites
           : kind == TRACUU_LIST_DATES ? &dates : &movements;
}

/* The fields of a row's term: TAB-separated, or for a date its ISO form
 * and its role. copy: the term's copy the fields point into; date: room
 * for the ISO form. */
static void fields_of(tracuu_list_kind_t kind, char *copy, char date[ISO_DATE_SIZE],
                      char *fld[LIST_FIELDS])
{
    if (kind != TRACUU_LIST_DATES) {
        split(copy, fld);
        return;
    }
    iso(copy + 1, date);
    fld[0] = date;
    fld[1] = (char *)role_name(copy[0]);
    fld[2] = fld[3] = "";
}

/* A movement's spellings: text "  [Dan van khéo 2; dân vận khéo 5]"
 * unless its canonical name (canonical) is the only one; structured
 * "spellings": {spelling: plans}. */
static void print_spellings(tracuu_printer_t *p, const row_t *r,
                            const char *canonical)
{
    if (!r->spell)
        return;
    if (p->structured) {
        p->map_key(p, "spellings");
        p->begin_map(p);
        for (size_t i = 0; i < r->n_spell; i++) {
            p->map_key(p, r->spell[i].s);
            p->integer(p, r->spell[i].plans);
        }
        p->end(p);
        return;
    }
    if (r->n_spell == 1 && strcmp(r->spell[0].s, canonical) == 0)
        return;
    for (size_t i = 0; i < r->n_spell; i++) {
        p->literal(p, i ? "; " : "  [");
        tracuu_print_str(p, r->spell[i].s);
        p->literal(p, " ");
        p->integer(p, r->spell[i].plans);
    }
    p->literal(p, "]");
}

/* Text: the count, then the columns ("-" for an empty nullable field). */
static void text_row(tracuu_printer_t *p, const table_t *t, const row_t *r,
                     char *fld[LIST_FIELDS])
{
    unsigned plans = r->plans;
    p->width(p, TEXT_COUNT_WIDTH);
    p->integer(p, plans);
    p->literal(p, "  ");
    for (size_t c = 0; c < t->n_cols; c++) {
        const column_t *col = &t->cols[c];
        const char *v = fld[col->field];
        if (c)
            p->literal(p, t->gap);
        p->width(p, col->width);
        tracuu_print_str(p, col->nullable && !*v ? "-" : v);
    }
    print_spellings(p, r, fld[1]);
    p->separator(p);
}

/* Structured: a map of the columns, then the count. */
static void struct_row(tracuu_printer_t *p, const table_t *t, const row_t *r,
                       char *fld[LIST_FIELDS])
{
    unsigned plans = r->plans;
    p->begin_map(p);
    for (size_t c = 0; c < t->n_cols; c++) {
        const column_t *col = &t->cols[c];
        const char *v = fld[col->field];
        p->map_key(p, col->key);
        tracuu_print_str(p, col->nullable && !*v ? NULL : v);
    }
    print_spellings(p, r, fld[1]);
    p->map_key(p, "plans");
    p->integer(p, plans);
    p->end(p);
}

static void print_row(tracuu_printer_t *p, tracuu_list_kind_t kind,
                      const row_t *r)
{
    assert(table_of(kind)->n_cols <= MAX_COLUMNS);
    char *copy = tracuu_xstrdup(r->term);
    char *fld[LIST_FIELDS], date[ISO_DATE_SIZE];
    fields_of(kind, copy, date, fld);
    if (p->structured)
        struct_row(p, table_of(kind), r, fld);
    else
        text_row(p, table_of(kind), r, fld);
    free(copy);
}

/* The table's opening: the document and its "items" list, or the text
 * header line. */
static void print_head(tracuu_printer_t *p, tracuu_list_kind_t kind,
                       const char *query)
{
    const table_t *t = table_of(kind);
    if (p->structured) {
        tracuu_print_document(p);
        p->map_key(p, "list");
        tracuu_print_str(p, t->name);
        p->map_key(p, "query");
        tracuu_print_str(p, query);
        p->map_key(p, "items");
        p->begin_list(p);
        return;
    }
    if (!t->header)
        return;
    p->width(p, TEXT_COUNT_WIDTH);
    tracuu_print_str(p, "plans");
    p->literal(p, "  ");
    for (size_t c = 0; c < t->n_cols; c++) {
        if (c)
            p->literal(p, t->gap);
        p->width(p, t->cols[c].width);
        tracuu_print_str(p, t->cols[c].key);
    }
    p->separator(p);
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
                       tracuu_list_kind_t kind, const char *query,
                       tracuu_printer_t *p)
{
    assert(kind != TRACUU_LIST_NONE);
    rows_t rows = {0};
    tracuu_status_t st = q ? collect_matching(db, q, kind, &rows)
                           : collect_all(db, kind, &rows);
    if (st != TRACUU_OK) {
        tracuu_buf_t b = {0};
        const char *e = tracuu_db_last_error(db);
        tracuu_escape_text(&b, e, strlen(e));
        fflush(p->f);
        fprintf(stderr, "tracuu-query: %s\n", b.s);
        tracuu_buf_free(&b);
        free_rows(&rows);
        return -1;
    }
    merge(&rows);
    if (rows.n)
        qsort(rows.v, rows.n, sizeof *rows.v,
              kind == TRACUU_LIST_DATES ? by_group : by_count);
    print_head(p, kind, query);
    for (size_t i = 0; i < rows.n; i++)
        print_row(p, kind, &rows.v[i]);
    if (p->structured) {
        p->end(p); /* items */
        p->end(p); /* the document, written out */
    }
    long n = (long)rows.n;
    free_rows(&rows);
    return n;
}
