/* list.c: counts of cited documents, dates, movements, issuers, years,
 * types and signers over matching plans. */
#include "list.h"
#include "listtext.h"

#include <assert.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "i18n.h"
#include "fold.h"
#include "movement.h"
#include "output.h"
#include "rank.h"
#include "record.h"
#include "schema.h"
#include "symbol.h"

#define LIST_FIELDS 5     /* TAB-separated fields of a listing term */
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
    unsigned rep;    /* the plans of the term shown alone (the group's
                        commonest, most complete spelling) */
    spelling_t *names; /* cites: the names plans wrote for the document */
    size_t n_names;
} row_t;

typedef struct rows {
    row_t *v;
    size_t n, cap;
} rows_t;

const char tracuu_list_names[] =
    "cites, dates, movements, issuers, years, types or signers";

bool tracuu_list_parse(const char *s, tracuu_list_kind_t *out)
{
    static const struct {
        const char *name;
        tracuu_list_kind_t kind;
    } names[] = {{"cites", TRACUU_LIST_CITES},
                 {"dates", TRACUU_LIST_DATES},
                 {"movements", TRACUU_LIST_MOVEMENTS},
                 {"issuers", TRACUU_LIST_ISSUERS},
                 {"years", TRACUU_LIST_YEARS},
                 {"types", TRACUU_LIST_TYPES},
                 {"signers", TRACUU_LIST_SIGNERS}};
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

/* A record's list (issuers, years, types, signers): no listing term,
 * read from each plan's data. */
static bool from_record(tracuu_list_kind_t kind)
{
    return kind >= TRACUU_LIST_ISSUERS;
}

/* A citation's listing term (display TAB date TAB type TAB issuer)
 * groups under the cited document's canonical key, as cites: finds it:
 * its date, type and issuer as each plan wrote them fold into one row.
 * New; free with free(). */
static char *cite_key(const char *term)
{
    const char *tab = strchr(term, '\t');
    size_t n = tab ? (size_t)(tab - term) : strlen(term);
    tracuu_symbol_t *sym = tracuu_xcalloc(1, sizeof *sym);
    char *key = tracuu_symbol_parse_query(term, n, sym)
                    ? tracuu_xstrdup(sym->key) : tracuu_xstrndup(term, n);
    free(sym);
    return key;
}

/* The fifth field of a citation's listing term (its name), or "". */
static const char *cite_name(const char *term)
{
    const char *f = term;
    for (int i = 0; i < 4 && f; i++) {
        f = strchr(f, '\t');
        if (f)
            f++;
    }
    return f ? f : "";
}

/* A law or code cited by name alone (a term without a display) groups
 * under "=" and its name's key, as cites:"..." finds it. New; free with
 * free(). */
static char *name_group(const char *term)
{
    const char *name = cite_name(term);
    tracuu_buf_t g = {0};
    tracuu_buf_putc(&g, '=');
    tracuu_citename_key(name, strlen(name), &g);
    return tracuu_buf_steal(&g);
}

/* Movements (kind TAB canonical TAB spelling) group by kind and the key
 * of the canonical name without diacritics (case, dashes, punctuation,
 * OCR-dropped marks aside); a record's field by its folded form (case,
 * diacritics and spacing aside). */
static char *group_of(tracuu_list_kind_t kind, const char *term)
{
    if (from_record(kind)) {
        tracuu_buf_t g = {0};
        tracuu_fold_ascii(term, strlen(term), &g);
        tracuu_buf_puts(&g, "");
        return tracuu_buf_steal(&g);
    }
    if (kind == TRACUU_LIST_CITES)
        return *term == '\t' ? name_group(term) : cite_key(term);
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
    *row = (row_t){tracuu_xstrdup(term), group_of(kind, term), plans, NULL, 0,
                   plans, NULL, 0};
    const char *name = kind == TRACUU_LIST_CITES ? cite_name(term) : "";
    if (*name) {
        row->names = tracuu_xcalloc(1, sizeof *row->names);
        row->names[0] = (spelling_t){tracuu_xstrdup(name), plans};
        row->n_names = 1;
    }
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

/* Add the spellings ys[0..*yn) to xs's (ys's are freed, emptied). */
static void add_spelling_list(spelling_t **xs, size_t *xn, spelling_t **ys,
                              size_t *yn)
{
    for (size_t i = 0; i < *yn; i++) {
        size_t k = 0;
        while (k < *xn && strcmp((*xs)[k].s, (*ys)[i].s) != 0)
            k++;
        if (k < *xn) {
            (*xs)[k].plans += (*ys)[i].plans;
            free((*ys)[i].s);
            continue;
        }
        *xs = tracuu_xrealloc(*xs, (*xn + 1) * sizeof **xs);
        (*xs)[(*xn)++] = (*ys)[i];
    }
    free(*ys);
    *ys = NULL;
    *yn = 0;
}

/* Add the spellings and names of y to x's (y's are freed). */
static void add_spellings(row_t *x, row_t *y)
{
    add_spelling_list(&x->spell, &x->n_spell, &y->spell, &y->n_spell);
    add_spelling_list(&x->names, &x->n_names, &y->names, &y->n_names);
}

static void free_spellings(row_t *r)
{
    for (size_t i = 0; i < r->n_spell; i++)
        free(r->spell[i].s);
    free(r->spell);
    for (size_t i = 0; i < r->n_names; i++)
        free(r->names[i].s);
    free(r->names);
    r->spell = r->names = NULL;
    r->n_spell = r->n_names = 0;
}

static int by_group(const void *a, const void *b)
{
    const row_t *x = a, *y = b;
    int c = strcmp(x->group, y->group);
    return c ? c : strcmp(x->term, y->term);
}

/* Most plans first, then by name; the row of plans whose field is
 * unknown (an empty name) last. */
static int by_count(const void *a, const void *b)
{
    const row_t *x = a, *y = b;
    if (!*x->group != !*y->group)
        return *x->group ? -1 : 1;
    if (x->plans != y->plans)
        return x->plans > y->plans ? -1 : 1;
    return strcmp(x->group, y->group);
}

/* Merge rows of one group (first spelling kept, counts added). For
 * per-plan counting, a plan holding two spellings of a group counts
 * twice: rare, and visible in the output as the larger count. */
/* Fields of a listing term that are not empty. */
static int filled(const char *term)
{
    int n = *term && *term != '\t';
    for (const char *t = strchr(term, '\t'); t; t = strchr(t + 1, '\t'))
        n += t[1] && t[1] != '\t';
    return n;
}

/* Whether y's term shows its group better than x's: more plans write it
 * so, or as many and it says more (a date, an issuer). */
static bool better(const row_t *y, const row_t *x)
{
    if (y->rep != x->rep)
        return y->rep > x->rep;
    return filled(y->term) > filled(x->term);
}

/* Rows of one term as one (sorted by_group first), plans and rep
 * added: how many plans write each spelling. */
static void merge_same_terms(rows_t *r)
{
    size_t o = 0;
    for (size_t i = 1; i < r->n; i++) {
        row_t *x = &r->v[o], *y = &r->v[i];
        if (!x->spell && !y->spell && strcmp(x->term, y->term) == 0 &&
            strcmp(x->group, y->group) == 0) {
            x->plans += y->plans;
            x->rep += y->rep;
            add_spelling_list(&x->names, &x->n_names, &y->names, &y->n_names);
            free(y->term);
            free(y->group);
        } else {
            r->v[++o] = *y;
        }
    }
    r->n = o + 1;
}

static void merge(rows_t *r)
{
    if (r->n == 0)
        return;
    qsort(r->v, r->n, sizeof *r->v, by_group);
    merge_same_terms(r);
    size_t o = 0;
    for (size_t i = 1; i < r->n; i++) {
        if (strcmp(r->v[i].group, r->v[o].group) == 0) {
            r->v[o].plans += r->v[i].plans;
            if (!r->v[o].spell && better(&r->v[i], &r->v[o])) {
                char *t = r->v[o].term;
                r->v[o].term = r->v[i].term;
                r->v[i].term = t;
                r->v[o].rep = r->v[i].rep;
            }
            if (r->v[o].spell && r->v[i].spell &&
                canonical_len(r->v[i].term) > canonical_len(r->v[o].term)) {
                /* The canonical name with its diacritics is shown. */
                char *t = r->v[o].term;
                r->v[o].term = r->v[i].term;
                r->v[i].term = t;
            }
            add_spellings(&r->v[o], &r->v[i]);
            free_spellings(&r->v[i]);
            free(r->v[i].term);
            free(r->v[i].group);
        } else {
            r->v[++o] = r->v[i];
        }
    }
    r->n = o + 1;
}

/* Drop the rows from the n-th on (a plan read again). */
static void drop_rows(rows_t *r, size_t n)
{
    for (size_t i = n; i < r->n; i++) {
        free(r->v[i].term);
        free(r->v[i].group);
        free_spellings(&r->v[i]);
    }
    r->n = n;
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

const char *tracuu_list_role_name(char letter)
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
#define MAX_COLUMNS 5

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
        {{"symbol", 0, -22, true},
         {"type", 2, -24, true},
         {"date", 1, -10, true},
         {"issuer", 3, -28, true},
         {"name", 4, 0, true}},
        5, " ", true};
    static const table_t dates = {
        "dates", {{"date", 0, -10, false}, {"role", 1, 0, false}}, 2, "  ",
        false};
    static const table_t movements = {
        "movements", {{"kind", 0, -15, false}, {"name", 1, 0, false}}, 2, " ",
        false};
    static const table_t records[] = {
        {"issuers", {{"issuer", 0, 0, true}}, 1, "", false},
        {"years", {{"year", 0, 0, true}}, 1, "", false},
        {"types", {{"type", 0, 0, true}}, 1, "", false},
        {"signers", {{"signer", 0, 0, true}}, 1, "", false},
    };
    if (from_record(kind))
        return &records[kind - TRACUU_LIST_ISSUERS];
    return kind == TRACUU_LIST_CITES ? &cites
           : kind == TRACUU_LIST_DATES ? &dates : &movements;
}

/* v for a query: its double quotes (which would end the phrase) as
 * spaces. */
static void put_quoted(tracuu_buf_t *b, const char *v)
{
    tracuu_buf_putc(b, '"');
    for (; *v; v++)
        tracuu_buf_putc(b, *v == '"' ? ' ' : *v);
    tracuu_buf_putc(b, '"');
}

/* Whether folded name a holds folded name b as whole words. */
static bool holds_words(const char *a, const char *b)
{
    size_t n = strlen(b);
    if (!n || strlen(a) <= n)
        return false;
    for (const char *at = strstr(a, b); at; at = strstr(at + 1, b))
        if ((at == a || at[-1] == ' ') && (at[n] == '\0' || at[n] == ' '))
            return true;
    return false;
}

/* An issuer's or signer's words match the longer names holding them
 * ("QUỐC HỘI" in "ỦY BAN THƯỜNG VỤ QUỐC HỘI"): those among the rows are
 * excluded, so the query finds the row's plans alone. */
static void exclude_longer(tracuu_buf_t *b, tracuu_list_kind_t kind,
                           const row_t *r, const rows_t *all)
{
    for (size_t i = 0; all && i < all->n; i++) {
        if (!holds_words(all->v[i].group, r->group))
            continue;
        tracuu_buf_puts(b, kind == TRACUU_LIST_ISSUERS ? " -issuer:"
                                                       : " -signer:");
        put_quoted(b, all->v[i].term);
    }
}

/* The query that finds a row's plans among those of query (NULL: every
 * plan), new (free with free()), or NULL when the row is of plans where
 * the field is unknown. */
static char *row_query(tracuu_list_kind_t kind, const row_t *r,
                       char *fld[LIST_FIELDS], const rows_t *all,
                       const char *query)
{
    const char *term = r->term;
    bool by_name = kind == TRACUU_LIST_CITES && *r->group == '=';
    if (!*fld[0] && !by_name)
        return NULL;
    tracuu_buf_t b = {0};
    if (query && *query)
        tracuu_buf_printf(&b, "(%s) ", query);
    switch (kind) {
    case TRACUU_LIST_CITES:
        if (by_name) {
            tracuu_buf_puts(&b, "cites:");
            put_quoted(&b, fld[4]);
        } else {
            tracuu_buf_printf(&b, "cites:%s", fld[0]);
        }
        break;
    case TRACUU_LIST_DATES:
        tracuu_buf_printf(&b, "%s:%s", term[0] == 'i' ? "issued" : "date",
                          fld[0]);
        break;
    case TRACUU_LIST_MOVEMENTS:
        tracuu_buf_puts(&b, "movement:");
        put_quoted(&b, fld[1]);
        break;
    case TRACUU_LIST_YEARS:
        tracuu_buf_printf(&b, "issued:%s", fld[0]);
        break;
    default:
        tracuu_buf_puts(&b, kind == TRACUU_LIST_ISSUERS ? "issuer:"
                            : kind == TRACUU_LIST_TYPES ? "type:" : "signer:");
        put_quoted(&b, fld[0]);
        if (kind != TRACUU_LIST_TYPES)
            exclude_longer(&b, kind, r, all);
        break;
    }
    return tracuu_buf_steal(&b);
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
    fld[1] = (char *)tracuu_list_role_name(copy[0]);
    fld[2] = fld[3] = fld[4] = "";
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
        char buf[TRACUU_LIST_TEXT_SIZE];
        if (p->format == TRACUU_FORMAT_TEXT)
            v = tracuu_list_text_value(col->key, v, buf);
        tracuu_print_str(p, col->nullable && !*v ? "-" : v);
    }
    print_spellings(p, r, fld[1]);
    p->separator(p);
}

/* Structured: a map of the columns, then the count and the query. */
static void struct_row(tracuu_printer_t *p, tracuu_list_kind_t kind,
                       const row_t *r, char *fld[LIST_FIELDS],
                       const rows_t *all, const char *asked)
{
    const table_t *t = table_of(kind);
    unsigned plans = r->plans;
    char *query = row_query(kind, r, fld, all, asked);
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
    p->map_key(p, "query");
    tracuu_print_str(p, query);
    p->end(p);
    free(query);
}

/* The name most plans wrote for a cited document (the first met of
 * those as common); borrowed from r. */
static char *commonest_name(const row_t *r)
{
    size_t best = 0;
    for (size_t i = 1; i < r->n_names; i++)
        if (r->names[i].plans > r->names[best].plans)
            best = i;
    return r->names[best].s;
}

static void print_row(tracuu_printer_t *p, tracuu_list_kind_t kind,
                      const row_t *r, const rows_t *all, const char *asked)
{
    assert(table_of(kind)->n_cols <= MAX_COLUMNS);
    char *copy = tracuu_xstrdup(r->term);
    char *fld[LIST_FIELDS], date[ISO_DATE_SIZE];
    fields_of(kind, copy, date, fld);
    if (r->n_names)
        fld[4] = commonest_name(r);
    if (p->structured)
        struct_row(p, kind, r, fld, all, asked);
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
    bool sheet = p->format == TRACUU_FORMAT_CSV || p->format == TRACUU_FORMAT_XLSX;
    if (!t->header && !sheet) /* a sheet's columns are always named */
        return;
    bool text = p->format == TRACUU_FORMAT_TEXT;
    p->width(p, TEXT_COUNT_WIDTH);
    tracuu_print_str(p, text ? tracuu_list_text_heading("plans") : "plans");
    p->literal(p, "  ");
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *key = t->cols[c].key;
        if (c)
            p->literal(p, t->gap);
        p->width(p, t->cols[c].width);
        tracuu_print_str(p, text ? tracuu_list_text_heading(key) : key);
    }
    p->separator(p);
}

/* A plan counts once per cited document, however many ways it wrote
 * its date or issuer: its rows (mine, emptied) go to rows one a group,
 * the one saying most kept. */
static void once_per_group(rows_t *mine, rows_t *rows)
{
    if (mine->n)
        qsort(mine->v, mine->n, sizeof *mine->v, by_group);
    for (size_t i = 0; i < mine->n;) {
        size_t best = i, j = i + 1;
        for (; j < mine->n && strcmp(mine->v[j].group, mine->v[i].group) == 0; j++)
            if (filled(mine->v[j].term) > filled(mine->v[best].term))
                best = j;
        if (rows->n == rows->cap) {
            rows->cap = rows->cap ? rows->cap * 2 : FIRST_ROWS;
            rows->v = tracuu_xrealloc(rows->v, rows->cap * sizeof *rows->v);
        }
        for (size_t k = i; k < j; k++) {
            if (k == best)
                continue;
            add_spellings(&mine->v[best], &mine->v[k]);
            free(mine->v[k].term);
            free(mine->v[k].group);
        }
        rows->v[rows->n++] = mine->v[best];
        i = j;
    }
    free(mine->v);
    *mine = (rows_t){0};
}

/* Over the whole index, a cited document's plans are those holding its
 * key (XC), the term cites: searches: a plan that wrote two dates for it
 * counts once. */
static tracuu_status_t count_cited(tracuu_db_t *db, rows_t *rows)
{
    tracuu_status_t st = TRACUU_OK;
    tracuu_buf_t t = {0};
    for (size_t i = 0; st == TRACUU_OK && i < rows->n; i++) {
        unsigned n = 0;
        tracuu_buf_clear(&t);
        const char *g = rows->v[i].group;
        if (*g == '=')
            tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_CITES_NAME, g + 1);
        else
            tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_CITES, g);
        st = tracuu_db_termfreq(db, t.s, &n);
        if (st == TRACUU_OK && n)
            rows->v[i].plans = n;
    }
    tracuu_buf_free(&t);
    return st;
}

/* A plan's record field of kind from its data: the issuer, type or
 * signer, or the year of its issue date ("" when unknown); new, free
 * with free(). */
static char *record_field(tracuu_list_kind_t kind, const char *data,
                          size_t len)
{
    const char *js, *text;
    size_t jl, tl;
    tracuu_record_split(data, len, &js, &jl, &text, &tl);
    json_t *meta = json_loadb(js, jl, 0, NULL);
    const char *key = kind == TRACUU_LIST_ISSUERS ? "issuer"
                      : kind == TRACUU_LIST_TYPES ? "type"
                      : kind == TRACUU_LIST_SIGNERS ? "signer" : "issued";
    const char *v = json_string_value(json_object_get(meta, key));
    char *out = tracuu_xstrdup(v ? v : "");
    if (kind == TRACUU_LIST_YEARS && strlen(out) > 4)
        out[4] = '\0';
    /* A TAB would split the row's fields. */
    for (char *c = out; *c; c++)
        if (*c == '\t')
            *c = ' ';
    json_decref(meta);
    return out;
}

/* One plan's rows: its listing terms, or its record's field. */
static tracuu_status_t plan_rows(tracuu_db_t *db, unsigned id,
                                 tracuu_list_kind_t kind, rows_t *rows)
{
    if (from_record(kind)) {
        char *data = NULL;
        size_t len = 0;
        tracuu_status_t st = tracuu_db_get_data(db, id, &data, &len);
        if (st == TRACUU_OK) {
            char *v = record_field(kind, data, len);
            add_row(rows, kind, v, 1);
            free(v);
        }
        free(data);
        return st;
    }
    tracuu_termlist_t *tl = NULL;
    tracuu_status_t st = tracuu_db_terms(db, id, prefix_of(kind), &tl);
    rows_t mine = {0};
    for (size_t k = 0; tl && k < tl->n; k++)
        add_row(kind == TRACUU_LIST_CITES ? &mine : rows, kind, tl->terms[k], 1);
    tracuu_termlist_free(tl);
    once_per_group(&mine, rows);
    return st;
}

/* The rows of the plans matching q: each plan's listing terms. An index
 * changed meanwhile is reopened and the plan read again (TRACUU_STALLED_
 * REOPENS at most in a row); a plan removed meanwhile is left out. */
static tracuu_status_t collect_matching(tracuu_db_t *db, const tracuu_q_t *q,
                                        tracuu_list_kind_t kind, rows_t *rows)
{
    unsigned count = 0;
    tracuu_db_doccount(db, &count);
    /* One plan, one row: its files collapsed (schema.h, slot 6). */
    tracuu_search_opts_t so = {0, count ? count : 1, -1, false, true,
                               tracuu_index_has_dups(db), 0};
    tracuu_mset_t *m = NULL;
    tracuu_q_t *all = q ? NULL : tracuu_q_all();
    tracuu_status_t st = tracuu_db_search(db, q ? q : all, &so, &m);
    tracuu_q_free(all);
    int stalled = 0;
    for (size_t i = 0; st == TRACUU_OK && i < tracuu_mset_size(m);) {
        size_t before = rows->n;
        st = plan_rows(db, tracuu_mset_docid(m, i), kind, rows);
        if (tracuu_index_moved(st) && ++stalled <= TRACUU_STALLED_REOPENS) {
            drop_rows(rows, before);
            tracuu_db_reopen(db);
            st = TRACUU_OK;
            continue;
        }
        if (st == TRACUU_ERR_NOT_FOUND)
            st = TRACUU_OK;
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

/* Whether a cited document's row shows the name of key (a name row's
 * group without its "="). */
static bool named_by_symbol(const rows_t *r, const char *key)
{
    bool found = false;
    tracuu_buf_t k = {0};
    for (size_t i = 0; i < r->n && !found; i++) {
        if (*r->v[i].group == '=' || !r->v[i].n_names)
            continue;
        const char *name = commonest_name(&r->v[i]);
        tracuu_buf_clear(&k);
        tracuu_citename_key(name, strlen(name), &k);
        tracuu_buf_puts(&k, "");
        found = strcmp(k.s, key) == 0;
    }
    tracuu_buf_free(&k);
    return found;
}

/* A law cited by name gets a row of its own only when no row of a
 * symbol shows that name (its plans are then cites:"name"'s). */
static void drop_named(rows_t *r)
{
    bool *drop = tracuu_xcalloc(r->n + 1, sizeof *drop);
    for (size_t i = 0; i < r->n; i++)
        drop[i] = *r->v[i].group == '=' && named_by_symbol(r, r->v[i].group + 1);
    size_t o = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (drop[i]) {
            free(r->v[i].term);
            free(r->v[i].group);
            free_spellings(&r->v[i]);
        } else {
            r->v[o++] = r->v[i];
        }
    }
    r->n = o;
    free(drop);
}

long tracuu_list_print(tracuu_db_t *db, const tracuu_q_t *q,
                       tracuu_list_kind_t kind, const char *query,
                       unsigned limit, tracuu_printer_t *p)
{
    assert(kind != TRACUU_LIST_NONE);
    rows_t rows = {0};
    /* The whole index's counts are its terms' unless a plan is in several
     * files; then each plan is read, its files collapsed. */
    bool each = q || from_record(kind) || tracuu_index_has_dups(db);
    tracuu_status_t st = each ? collect_matching(db, q, kind, &rows)
                              : collect_all(db, kind, &rows);
    merge(&rows);
    if (st == TRACUU_OK && kind == TRACUU_LIST_CITES && !each)
        st = count_cited(db, &rows);
    if (kind == TRACUU_LIST_CITES)
        drop_named(&rows);
    if (st != TRACUU_OK) {
        tracuu_buf_t b = {0};
        const char *e = tracuu_db_last_error(db);
        tracuu_escape_text(&b, e, strlen(e));
        fflush(p->f);
        fprintf(stderr, "%s: %s\n", tracuu_prog(), b.s);
        tracuu_buf_free(&b);
        free_rows(&rows);
        return -1;
    }
    if (rows.n)
        qsort(rows.v, rows.n, sizeof *rows.v,
              kind == TRACUU_LIST_DATES ? by_group : by_count);
    size_t shown = limit && limit < rows.n ? limit : rows.n;
    print_head(p, kind, query);
    for (size_t i = 0; i < shown; i++)
        print_row(p, kind, &rows.v[i], &rows, q ? query : NULL);
    if (p->structured) {
        p->end(p); /* items */
        p->end(p); /* the document, written out */
    }
    long n = (long)shown;
    free_rows(&rows);
    return n;
}
