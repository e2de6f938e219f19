/* listby.c: a table per group of the matching plans (--list WHAT --by …), built from the lists themselves: each group is a row of one list, and its table the other list over that row's query. */
#include "listby.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* The list of kind over q as JSON (as --list --json prints it), or NULL
 * on an error. */
static json_t *list_json(tracuu_db_t *db, const tracuu_q_t *q,
                         tracuu_list_kind_t kind, const char *query,
                         unsigned limit)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return NULL;
    tracuu_printer_t mp;
    tracuu_printer_init(&mp, TRACUU_FORMAT_JSON, mem, false, false, false);
    long rows = tracuu_list_print(db, q, kind, query, limit, &mp);
    fclose(mem);
    json_t *j = rows >= 0 ? json_loadb(buf, len, 0, NULL) : NULL;
    free(buf);
    return j;
}

/* A JSON value through the printer (lists' rows hold strings, integers,
 * nulls, lists and maps). */
static void print_json(tracuu_printer_t *p, json_t *v)
{
    const char *k;
    json_t *x;
    size_t i;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        p->begin_map(p);
        json_object_foreach(v, k, x) {
            p->map_key(p, k);
            print_json(p, x);
        }
        p->end(p);
        break;
    case JSON_ARRAY:
        p->begin_list(p);
        json_array_foreach(v, i, x)
            print_json(p, x);
        p->end(p);
        break;
    case JSON_STRING:
        p->string(p, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        p->integer(p, json_integer_value(v));
        break;
    case JSON_REAL:
        p->real(p, json_real_value(v));
        break;
    case JSON_TRUE:
    case JSON_FALSE:
        tracuu_print_str(p, json_is_true(v) ? "true" : "false");
        break;
    default:
        tracuu_print_str(p, NULL);
    }
}

/* A group's label: the first string member of its row but "query". */
static const char *label_of(json_t *row, const char **key)
{
    const char *k;
    json_t *x;
    json_object_foreach(row, k, x) {
        if (strcmp(k, "query") != 0 && json_is_string(x)) {
            *key = k;
            return json_string_value(x);
        }
    }
    *key = "group";
    return "";
}

/* The group a row of the outer list (when not NULL) narrowed. */
typedef struct outer {
    const char *key, *label;
} outer_t;

/* One group: its heading and table (text), or its member (structured). */
static bool print_group(tracuu_db_t *db, json_t *row, const outer_t *out,
                        tracuu_list_kind_t kind, unsigned limit,
                        tracuu_printer_t *p, tracuu_list_match_fn match,
                        void *ctx)
{
    const char *key, *label = label_of(row, &key);
    const char *gquery = json_string_value(json_object_get(row, "query"));
    long long plans = json_integer_value(json_object_get(row, "plans"));
    tracuu_q_t *gq = NULL;
    if (!gquery || !match(gquery, &gq, ctx))
        return false;
    bool ok = true;
    if (!p->structured) {
        if (out) {
            p->literal(p, out->label);
            p->literal(p, " / ");
        }
        p->literal(p, label);
        p->literal(p, ": ");
        p->integer(p, plans);
        p->literal(p, plans == 1 ? _(" plan") : _(" plans"));
        p->separator(p);
        ok = tracuu_list_print(db, gq, kind, gquery, limit, p) >= 0;
        p->separator(p);
    } else {
        json_t *items = list_json(db, gq, kind, gquery, limit);
        ok = items != NULL;
        p->begin_map(p);
        if (out) {
            p->map_key(p, out->key);
            tracuu_print_str(p, out->label);
        }
        p->map_key(p, key);
        tracuu_print_str(p, label);
        p->map_key(p, "plans");
        p->integer(p, plans);
        p->map_key(p, "query");
        tracuu_print_str(p, gquery);
        p->map_key(p, "items");
        json_t *its = items ? json_object_get(items, "items") : NULL;
        if (its)
            print_json(p, its);
        else
            tracuu_print_str(p, NULL);
        p->end(p);
        json_decref(items);
    }
    tracuu_q_free(gq);
    return ok;
}

/* Years newest first (the list gives them most plans first). */
static int newest_first(const void *a, const void *b)
{
    const char *x = json_string_value(json_object_get(*(json_t *const *)a, "year"));
    const char *y = json_string_value(json_object_get(*(json_t *const *)b, "year"));
    return strcmp(y ? y : "", x ? x : "");
}

static void sort_years(json_t *rows)
{
    size_t n = json_array_size(rows);
    json_t **v = calloc(n + 1, sizeof *v);
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        v[i] = json_incref(json_array_get(rows, i));
    qsort(v, n, sizeof *v, newest_first);
    json_array_clear(rows);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(rows, v[i]);
    free(v);
}

/* The rows of list by over q (years newest first), or NULL. */
static json_t *groups_of(tracuu_db_t *db, const tracuu_q_t *q,
                         const char *query, tracuu_list_kind_t by)
{
    json_t *groups = list_json(db, q, by, query, 0);
    json_t *rows = groups ? json_object_get(groups, "items") : NULL;
    if (!json_is_array(rows)) {
        json_decref(groups);
        return NULL;
    }
    if (by == TRACUU_LIST_YEARS)
        sort_years(rows);
    json_incref(rows);
    json_decref(groups);
    return rows;
}

/* The groups of by2 inside the group of row (by's): each printed. */
static long inner_groups(tracuu_db_t *db, json_t *row, tracuu_list_kind_t kind,
                         tracuu_list_kind_t by2, unsigned limit,
                         tracuu_printer_t *p, tracuu_list_match_fn match,
                         void *ctx)
{
    const char *gquery = json_string_value(json_object_get(row, "query"));
    tracuu_q_t *gq = NULL;
    if (!gquery || !match(gquery, &gq, ctx))
        return -1;
    json_t *rows = groups_of(db, gq, gquery, by2);
    tracuu_q_free(gq);
    if (!rows)
        return -1;
    outer_t out;
    out.label = label_of(row, &out.key);
    long shown = 0;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        if (!print_group(db, r, &out, kind, limit, p, match, ctx)) {
            shown = -1;
            break;
        }
        shown++;
    }
    json_decref(rows);
    return shown;
}

long tracuu_list_by(tracuu_db_t *db, const tracuu_q_t *q, const char *query,
                    tracuu_list_kind_t kind, const char *kind_name,
                    tracuu_list_kind_t by, tracuu_list_kind_t by2,
                    const char *by_name, unsigned limit,
                    tracuu_printer_t *p, tracuu_list_match_fn match,
                    void *ctx)
{
    json_t *rows = groups_of(db, q, query, by);
    if (!rows)
        return -1;
    if (p->structured) {
        tracuu_print_document(p);
        p->map_key(p, "list");
        tracuu_print_str(p, kind_name);
        p->map_key(p, "by");
        tracuu_print_str(p, by_name);
        p->map_key(p, "query");
        tracuu_print_str(p, query);
        p->map_key(p, "groups");
        p->begin_list(p);
    }
    long shown = 0;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        long n = by2 != TRACUU_LIST_NONE
                     ? inner_groups(db, row, kind, by2, limit, p, match, ctx)
                     : print_group(db, row, NULL, kind, limit, p, match, ctx)
                           ? 1 : -1;
        if (n < 0) {
            shown = -1;
            break;
        }
        shown += n;
    }
    if (p->structured) {
        p->end(p);
        p->end(p);
    }
    json_decref(rows);
    return shown;
}
