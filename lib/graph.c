/* graph.c: the citation graph: resolving a citation to an indexed document, and walking what a plan rests on or what rests on it. */
#include "graph.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "fold.h"
#include "i18n.h"
#include "record.h"
#include "schema.h"
#include "show.h"
#include "symbol.h"

/* ---- Resolution ---- */

/* Most documents one number may have before resolution gives up. */
#define CANDIDATES_MAX 64

/* Words of an issuer that name no particular body. */
static const char *const generic_words[] = {
    "uy", "ban", "nhan", "dan", "hoi", "dong", "tinh", "thanh", "pho",
    "chinh", "phu", "thu", "tuong", "bo", "truong", "quoc", "so", "huyen",
    "xa", "phuong", "trung", "uong", "dang", "cua", "ve", "va", "ubnd",
    "hdnd", "tw", "thuong", "vu", "tu", "chu", "tich", "cong", "hoa",
    "nghia", "viet", "nam", "cap", "tai", NULL};

static bool in_list(const char *const *l, const char *w)
{
    for (size_t i = 0; l[i]; i++)
        if (!strcmp(l[i], w))
            return true;
    return false;
}

/* The terms of document id with prefix+key+"@" (the part after "@"). */
static tracuu_status_t key_terms(tracuu_db_t *db, unsigned id,
                                 const char *prefix, const char *key,
                                 tracuu_termlist_t **out)
{
    tracuu_buf_t p = {0};
    tracuu_buf_printf(&p, "%s%s@", prefix, key);
    tracuu_status_t st = tracuu_db_terms(db, id, p.s, out);
    tracuu_buf_free(&p);
    return st;
}

/* What the citation says of the cited document: its date's digits (the
 * most precise, "" when none) and the distinctive words of its issuer. */
typedef struct said {
    char date[9];
    tracuu_termlist_t *issuer; /* distinctive words only (others "") */
    size_t n_issuer;
} said_t;

static tracuu_status_t said_of(tracuu_db_t *db, unsigned citing,
                               const char *key, said_t *s)
{
    memset(s, 0, sizeof *s);
    tracuu_termlist_t *d = NULL;
    tracuu_status_t st = key_terms(db, citing, TRACUU_PREFIX_CITES_DATE, key, &d);
    for (size_t i = 0; st == TRACUU_OK && i < d->n; i++)
        if (strlen(d->terms[i]) > strlen(s->date) && strlen(d->terms[i]) <= 8)
            strcpy(s->date, d->terms[i]);
    tracuu_termlist_free(d);
    if (st == TRACUU_OK)
        st = key_terms(db, citing, TRACUU_PREFIX_CITES_ISSUER, key, &s->issuer);
    for (size_t i = 0; st == TRACUU_OK && i < s->issuer->n; i++) {
        if (in_list(generic_words, s->issuer->terms[i]))
            s->issuer->terms[i][0] = '\0';
        else
            s->n_issuer++;
    }
    return st;
}

/* Candidate id agrees with what the citation said: the date it gives,
 * at its precision, is the candidate's issue date; with no date, the
 * issuer it names shares a distinctive word with the candidate's issuing
 * body (a date is the firmer of the two: a Chỉ thị "của Bộ Chính trị"
 * is headed "BAN CHẤP HÀNH TRUNG ƯƠNG"). *firm: the date agreed. */
static tracuu_status_t agrees(tracuu_db_t *db, unsigned id, const said_t *s,
                              bool *yes, bool *firm)
{
    *yes = true;
    *firm = false;
    if (s->date[0]) {
        char *issued = NULL;
        size_t n = 0;
        tracuu_status_t st = tracuu_db_get_value(db, id, TRACUU_SLOT_ISSUED,
                                                 &issued, &n);
        if (st != TRACUU_OK)
            return st;
        size_t k = strlen(s->date);
        *yes = n < k || memcmp(issued, s->date, k) == 0;
        *firm = n >= k && *yes;
        free(issued);
        if (n >= k)
            return TRACUU_OK;
    }
    if (!s->n_issuer)
        return TRACUU_OK;
    tracuu_termlist_t *words = NULL;
    tracuu_status_t st = tracuu_db_terms(db, id, TRACUU_PREFIX_ISSUER, &words);
    if (st != TRACUU_OK)
        return st;
    bool shared = false;
    for (size_t i = 0; i < s->issuer->n && !shared; i++)
        for (size_t j = 0; j < words->n && !shared; j++)
            shared = s->issuer->terms[i][0] &&
                     !strcmp(s->issuer->terms[i], words->terms[j]);
    /* A body the index does not know the issuer of is not contradicted. */
    *yes = shared || words->n == 0;
    *firm = shared;
    tracuu_termlist_free(words);
    return TRACUU_OK;
}

/* The documents whose own number is key, but citing: ids (at most
 * CANDIDATES_MAX), *n of them. */
static tracuu_status_t numbered(tracuu_db_t *db, const char *key,
                                unsigned citing, unsigned *ids, size_t *n)
{
    tracuu_buf_t t = {0};
    tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_NUMBER, key);
    tracuu_q_t *q = tracuu_q_term(t.s, t.len, 1);
    tracuu_buf_free(&t);
    if (!q)
        return TRACUU_ERR_NOMEM;
    tracuu_search_opts_t so = {0, CANDIDATES_MAX, -1, false, false, true, 0};
    tracuu_mset_t *m = NULL;
    tracuu_status_t st = tracuu_db_search(db, q, &so, &m);
    tracuu_q_free(q);
    *n = 0;
    for (size_t i = 0; st == TRACUU_OK && i < tracuu_mset_size(m); i++)
        if (tracuu_mset_docid(m, i) != citing)
            ids[(*n)++] = tracuu_mset_docid(m, i);
    tracuu_mset_free(m);
    return st;
}

tracuu_status_t tracuu_graph_resolve(tracuu_db_t *db, unsigned citing,
                                     const char *key, tracuu_resolved_t *how,
                                     unsigned *target)
{
    unsigned ids[CANDIDATES_MAX];
    size_t n = 0, kept = 0;
    *how = TRACUU_RESOLVED_NONE;
    *target = 0;
    tracuu_status_t st = numbered(db, key, citing, ids, &n);
    if (st != TRACUU_OK || n == 0)
        return st;
    said_t s;
    st = said_of(db, citing, key, &s);
    bool firm_any = false;
    for (size_t i = 0; st == TRACUU_OK && i < n; i++) {
        bool yes, firm;
        st = agrees(db, ids[i], &s, &yes, &firm);
        if (st == TRACUU_OK && yes) {
            ids[kept++] = ids[i];
            firm_any |= firm;
        }
    }
    /* A number without a year ("01/KH-UBND") is given every year by
     * every body: one holder is the cited one only when what the
     * citation said (date or issuer) agreed with it. */
    bool year = strchr(key, '/') != strrchr(key, '/');
    bool known = year || firm_any;
    tracuu_termlist_free(s.issuer);
    if (st != TRACUU_OK || kept == 0)
        return st;
    if (kept == 1 && known) {
        *how = TRACUU_RESOLVED_ONE;
        *target = ids[0];
    } else {
        *how = TRACUU_RESOLVED_AMBIGUOUS;
    }
    return TRACUU_OK;
}

/* ---- The walk ---- */

typedef struct gnode {
    unsigned id;        /* 0: a cited document the archive does not hold */
    char *key;          /* the citation's key for those, else NULL */
    bool ambiguous;     /* several indexed documents fit that key */
    unsigned depth;
    long parent_edge;   /* the edge it was reached by, -1 for the root */
} gnode_t;

typedef struct gedge {
    size_t citing, cited; /* node indexes */
    tracuu_relation_t rel;
} gedge_t;

typedef struct graph {
    tracuu_db_t *db;
    tracuu_graph_dir_t dir;
    unsigned depth;
    gnode_t *nodes;
    size_t n_nodes, cap_nodes;
    gedge_t *edges;
    size_t n_edges, cap_edges;
    bool truncated;
} graph_t;

static size_t add_node(graph_t *g, unsigned id, const char *key,
                       bool ambiguous, unsigned depth, bool *added)
{
    *added = false;
    for (size_t i = 0; i < g->n_nodes; i++)
        if (id ? g->nodes[i].id == id
               : !g->nodes[i].id && !strcmp(g->nodes[i].key, key))
            return i;
    if (g->n_nodes == g->cap_nodes) {
        g->cap_nodes = g->cap_nodes ? 2 * g->cap_nodes : 16;
        g->nodes = tracuu_xrealloc(g->nodes, g->cap_nodes * sizeof *g->nodes);
    }
    gnode_t *n = &g->nodes[g->n_nodes];
    n->id = id;
    n->key = id ? NULL : tracuu_xstrdup(key);
    n->ambiguous = ambiguous;
    n->depth = depth;
    n->parent_edge = -1;
    *added = true;
    return g->n_nodes++;
}

static void add_edge(graph_t *g, size_t citing, size_t cited,
                     tracuu_relation_t rel, size_t reached, bool added)
{
    for (size_t i = 0; i < g->n_edges; i++)
        if (g->edges[i].citing == citing && g->edges[i].cited == cited) {
            g->edges[i].rel = tracuu_relation_stronger(g->edges[i].rel, rel);
            return;
        }
    if (g->n_edges == g->cap_edges) {
        g->cap_edges = g->cap_edges ? 2 * g->cap_edges : 16;
        g->edges = tracuu_xrealloc(g->edges, g->cap_edges * sizeof *g->edges);
    }
    g->edges[g->n_edges] = (gedge_t){citing, cited, rel};
    if (added)
        g->nodes[reached].parent_edge = (long)g->n_edges;
    g->n_edges++;
}

/* The strongest relation document id has to key ("XCR<key>@<slug>"
 * terms); a mention when the index says none. */
static tracuu_status_t relation_of(tracuu_db_t *db, unsigned id,
                                   const char *key, tracuu_relation_t *rel)
{
    tracuu_termlist_t *tl = NULL;
    *rel = TRACUU_REL_MENTIONED;
    tracuu_status_t st = key_terms(db, id, TRACUU_PREFIX_CITES_REL, key, &tl);
    for (size_t i = 0; st == TRACUU_OK && i < tl->n; i++) {
        tracuu_relation_t r = tracuu_relation_parse(tl->terms[i],
                                                    strlen(tl->terms[i]));
        if (r != TRACUU_REL_LAST)
            *rel = tracuu_relation_stronger(*rel, r);
    }
    tracuu_termlist_free(tl);
    return st;
}

/* The citations of node k's document, resolved, as edges from it. */
static tracuu_status_t expand_cites(graph_t *g, size_t k)
{
    tracuu_termlist_t *tl = NULL;
    unsigned id = g->nodes[k].id, depth = g->nodes[k].depth + 1;
    tracuu_status_t st = tracuu_db_terms(g->db, id, TRACUU_PREFIX_CITES, &tl);
    for (size_t i = 0; st == TRACUU_OK && i < tl->n; i++) {
        const char *key = tl->terms[i];
        if (*key < '0' || *key > '9')
            continue; /* XCD, XCI, XCL, XCR, XCT terms */
        tracuu_resolved_t how;
        unsigned target;
        tracuu_relation_t rel;
        st = tracuu_graph_resolve(g->db, id, key, &how, &target);
        if (st == TRACUU_OK)
            st = relation_of(g->db, id, key, &rel);
        if (st != TRACUU_OK)
            break;
        if (g->n_nodes >= TRACUU_GRAPH_NODES_MAX) {
            g->truncated = true;
            break;
        }
        bool added;
        size_t to = add_node(g, how == TRACUU_RESOLVED_ONE ? target : 0, key,
                             how == TRACUU_RESOLVED_AMBIGUOUS, depth, &added);
        if (to != k)
            add_edge(g, k, to, rel, to, added);
    }
    tracuu_termlist_free(tl);
    return st;
}

/* The documents citing the citation key that resolves to node k, as
 * edges to it. */
static tracuu_status_t expand_citing_key(graph_t *g, size_t k, const char *key)
{
    tracuu_buf_t t = {0};
    tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_CITES, key);
    tracuu_q_t *q = tracuu_q_term(t.s, t.len, 1);
    tracuu_buf_free(&t);
    if (!q)
        return TRACUU_ERR_NOMEM;
    tracuu_search_opts_t so = {0, TRACUU_GRAPH_NODES_MAX, -1, false, false, true, 0};
    tracuu_mset_t *m = NULL;
    tracuu_status_t st = tracuu_db_search(g->db, q, &so, &m);
    tracuu_q_free(q);
    unsigned id = g->nodes[k].id, depth = g->nodes[k].depth + 1;
    for (size_t i = 0; st == TRACUU_OK && i < tracuu_mset_size(m); i++) {
        unsigned c = tracuu_mset_docid(m, i), target;
        tracuu_resolved_t how;
        tracuu_relation_t rel;
        if (c == id)
            continue;
        st = tracuu_graph_resolve(g->db, c, key, &how, &target);
        if (st != TRACUU_OK || how != TRACUU_RESOLVED_ONE || target != id)
            continue;
        st = relation_of(g->db, c, key, &rel);
        if (g->n_nodes >= TRACUU_GRAPH_NODES_MAX) {
            g->truncated = true;
            break;
        }
        bool added;
        size_t from = add_node(g, c, NULL, false, depth, &added);
        add_edge(g, from, k, rel, from, added);
    }
    tracuu_mset_free(m);
    return st;
}

static tracuu_status_t expand_cited_by(graph_t *g, size_t k)
{
    tracuu_termlist_t *own = NULL;
    tracuu_status_t st = tracuu_db_terms(g->db, g->nodes[k].id,
                                         TRACUU_PREFIX_NUMBER, &own);
    for (size_t i = 0; st == TRACUU_OK && i < own->n; i++)
        st = expand_citing_key(g, k, own->terms[i]);
    tracuu_termlist_free(own);
    return st;
}

static tracuu_status_t walk(graph_t *g, unsigned root)
{
    bool added;
    add_node(g, root, NULL, false, 0, &added);
    tracuu_status_t st = TRACUU_OK;
    for (size_t k = 0; st == TRACUU_OK && k < g->n_nodes && !g->truncated;
         k++) {
        if (!g->nodes[k].id || g->nodes[k].depth >= g->depth)
            continue;
        st = g->dir == TRACUU_GRAPH_CITES_OF ? expand_cites(g, k)
                                              : expand_cited_by(g, k);
    }
    return st;
}

static void graph_free(graph_t *g)
{
    for (size_t i = 0; i < g->n_nodes; i++)
        free(g->nodes[i].key);
    free(g->nodes);
    free(g->edges);
}

/* ---- Printing ---- */

/* A node's record: number, date, title, path (those it has). */
typedef struct card {
    char *data;
    json_t *meta;
    char *path;
    tracuu_hit_t h;
    char display[TRACUU_SYMBOL_KEY_MAX + 1];
} card_t;

static void card_load(tracuu_db_t *db, const gnode_t *n, card_t *c)
{
    memset(c, 0, sizeof *c);
    if (!n->id) {
        tracuu_symbol_t sym;
        bool ok = tracuu_symbol_parse_query(n->key, strlen(n->key), &sym);
        snprintf(c->display, sizeof c->display, "%s", ok ? sym.display : n->key);
        c->h.number = c->display;
        return;
    }
    size_t len = 0, jl, tl;
    const char *js, *text;
    if (tracuu_db_get_data(db, n->id, &c->data, &len) == TRACUU_OK) {
        tracuu_record_split(c->data, len, &js, &jl, &text, &tl);
        c->meta = json_loadb(js, jl, 0, NULL);
        tracuu_hit_record(&c->h, c->meta);
    }
    if (tracuu_db_get_value(db, n->id, TRACUU_SLOT_PATH, &c->path, NULL) ==
        TRACUU_OK)
        c->h.path = c->path;
}

static void card_free(card_t *c)
{
    json_decref(c->meta);
    free(c->data);
    free(c->path);
}

/* A relation as text shows it: its Vietnamese name under a Vietnamese
 * locale ("căn cứ"), else its search value ("can-cu"). */
static const char *rel_label(tracuu_relation_t r)
{
    return tracuu_i18n_vi() ? tracuu_relation_name(r) : tracuu_relation_slug(r);
}

/* One line (text) or member set (structured) for node k. */
static void print_card(tracuu_printer_t *p, const card_t *c, const gnode_t *n)
{
    if (p->structured) {
        p->map_key(p, "number");
        tracuu_print_str(p, c->h.number);
        p->map_key(p, "issued");
        tracuu_print_str(p, c->h.issued);
        p->map_key(p, "title");
        tracuu_print_str(p, c->h.title);
        p->map_key(p, "type");
        tracuu_print_str(p, c->h.type);
        p->map_key(p, "issuer");
        tracuu_print_str(p, c->h.issuer);
        if (c->h.path)
            tracuu_print_path(p, c->h.path);
        p->map_key(p, "held");
        tracuu_print_str(p, n->id ? "yes" : n->ambiguous ? "ambiguous" : "no");
        return;
    }
    char dmy[TRACUU_DMY_SIZE];
    tracuu_date_dmy(c->h.issued, dmy);
    tracuu_print_str(p, c->h.number ? c->h.number : _("(no number)"));
    if (*dmy) {
        p->literal(p, "  ");
        tracuu_print_str(p, dmy);
    }
    if (c->h.title) {
        p->literal(p, "  ");
        tracuu_print_str(p, c->h.title);
    }
    if (c->h.path) {
        p->literal(p, "  ");
        p->name(p, c->h.path);
    } else {
        p->literal(p, "  ");
        p->literal(p, n->ambiguous ? _("(several indexed plans have this number)")
                                   : _("(not in the index)"));
    }
}

/* Text: node k's line at its depth, then the nodes it reached. */
static void print_tree(const graph_t *g, tracuu_printer_t *p, size_t k,
                       long via, unsigned level)
{
    card_t c;
    card_load(g->db, &g->nodes[k], &c);
    for (unsigned i = 0; i < level; i++)
        p->literal(p, "    ");
    if (via >= 0) {
        const char *arrow = g->dir == TRACUU_GRAPH_CITES_OF ? "→ " : "← ";
        p->literal(p, arrow);
        p->literal(p, rel_label(g->edges[via].rel));
        p->literal(p, ": ");
    }
    print_card(p, &c, &g->nodes[k]);
    bool tree = via < 0 || g->nodes[k].parent_edge == via;
    if (!tree) {
        p->literal(p, "  ");
        p->literal(p, _("(shown above)"));
    }
    p->separator(p);
    card_free(&c);
    if (!tree)
        return;
    for (size_t e = 0; e < g->n_edges; e++) {
        const gedge_t *ed = &g->edges[e];
        size_t from = g->dir == TRACUU_GRAPH_CITES_OF ? ed->citing : ed->cited;
        size_t to = g->dir == TRACUU_GRAPH_CITES_OF ? ed->cited : ed->citing;
        if (from == k)
            print_tree(g, p, to, (long)e, level + 1);
    }
}

static void print_structured(const graph_t *g, tracuu_printer_t *p)
{
    tracuu_print_document(p);
    p->map_key(p, "direction");
    tracuu_print_str(p, g->dir == TRACUU_GRAPH_CITES_OF ? "cites-of"
                                                        : "cited-by");
    p->map_key(p, "depth");
    p->integer(p, g->depth);
    p->map_key(p, "truncated");
    tracuu_print_str(p, g->truncated ? "yes" : "no");
    p->map_key(p, "nodes");
    p->begin_list(p);
    for (size_t k = 0; k < g->n_nodes; k++) {
        card_t c;
        card_load(g->db, &g->nodes[k], &c);
        p->begin_map(p);
        p->map_key(p, "node");
        p->integer(p, (long long)k);
        p->map_key(p, "depth");
        p->integer(p, g->nodes[k].depth);
        print_card(p, &c, &g->nodes[k]);
        p->end(p);
        card_free(&c);
    }
    p->end(p);
    p->map_key(p, "edges");
    p->begin_list(p);
    for (size_t e = 0; e < g->n_edges; e++) {
        p->begin_map(p);
        p->map_key(p, "citing");
        p->integer(p, (long long)g->edges[e].citing);
        p->map_key(p, "cited");
        p->integer(p, (long long)g->edges[e].cited);
        p->map_key(p, "relation");
        tracuu_print_str(p, tracuu_relation_slug(g->edges[e].rel));
        p->end(p);
    }
    p->end(p);
    p->end(p);
}

/* s as the inside of a DOT string: quotes and backslashes escaped,
 * control characters dropped, at most max bytes (cut at a character). */
static void dot_str(FILE *f, const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0;
    if (n > max)
        n = tracuu_utf8_cut(s, n, max);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fputc('\\', f);
        if (c >= 0x20 && c != 0x7f)
            fputc(c, f);
    }
}

static void print_dot(const graph_t *g, FILE *f)
{
    fputs("digraph citations {\n  rankdir=LR;\n"
          "  node [shape=box, fontsize=10];\n", f);
    for (size_t k = 0; k < g->n_nodes; k++) {
        card_t c;
        card_load(g->db, &g->nodes[k], &c);
        char dmy[TRACUU_DMY_SIZE];
        tracuu_date_dmy(c.h.issued, dmy);
        fprintf(f, "  n%zu [label=\"", k);
        dot_str(f, c.h.number ? c.h.number : _("(no number)"), 200);
        if (*dmy)
            fprintf(f, "\\n%s", dmy);
        if (c.h.title) {
            fputs("\\n", f);
            dot_str(f, c.h.title, 80);
        }
        fputs("\"", f);
        if (!g->nodes[k].id)
            fputs(", style=dashed", f);
        if (k == 0)
            fputs(", penwidth=2", f);
        fputs("];\n", f);
        card_free(&c);
    }
    for (size_t e = 0; e < g->n_edges; e++)
        fprintf(f, "  n%zu -> n%zu [label=\"%s\"];\n", g->edges[e].citing,
                g->edges[e].cited, rel_label(g->edges[e].rel));
    fputs("}\n", f);
}

bool tracuu_graph_print(tracuu_db_t *db, unsigned root, tracuu_graph_dir_t dir,
                        unsigned depth, tracuu_printer_t *p, bool dot,
                        FILE *f, const char *prog)
{
    graph_t g = {.db = db, .dir = dir, .depth = depth};
    tracuu_status_t st = walk(&g, root);
    if (st != TRACUU_OK) {
        fprintf(stderr, "%s: %s\n", prog, tracuu_db_last_error(db));
        graph_free(&g);
        return false;
    }
    if (dot)
        print_dot(&g, f);
    else if (p->structured)
        print_structured(&g, p);
    else
        print_tree(&g, p, 0, -1, 0);
    if (g.truncated)
        fprintf(stderr, _("%s: the graph stops at %d documents\n"), prog,
                TRACUU_GRAPH_NODES_MAX);
    graph_free(&g);
    return true;
}
