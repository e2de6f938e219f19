/* search.c: one search for tracuu-query and tracuu-serve (search.h). */
#include "search.h"

#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "i18n.h"
#include "rank.h"
#include "record.h"
#include "schema.h"
#include "show.h"
#include "suggest.h"

/* How often the whole search is run again when the index changed under
 * it (fetch_hits goes on by itself after a reopen; this is for the
 * search, and for a hit removed meanwhile). */
#define SEARCH_ATTEMPTS 10
#define QUERY_SHOWN 80      /* bytes of a bad query echoed */

/* "PROG: what msg\n", msg escaped (it may quote a path or the index's
 * own words); new. */
static char *said(const char *prog, const char *what, const char *msg)
{
    tracuu_buf_t b = {0}, e = {0};
    tracuu_escape_text(&e, msg ? msg : "?", msg ? strlen(msg) : 1);
    tracuu_buf_printf(&b, "%s: %s%s\n", prog, what, e.s);
    tracuu_buf_free(&e);
    return tracuu_buf_steal(&b);
}

static void free_also(tracuu_fetched_t *f)
{
    for (size_t k = 0; k < f->n_also; k++)
        free(f->also[k]);
    free(f->also);
    f->also = NULL;
    f->n_also = 0;
}

static void free_fetched(tracuu_fetched_t *f, size_t n)
{
    for (size_t i = 0; f && i < n; i++) {
        free(f[i].path);
        free(f[i].data);
        free(f[i].ck);
        free(f[i].hp);
        free_also(&f[i]);
    }
    free(f);
}
/* The paths of the other documents of docid id's duplicate group, in
 * path order, into f->also (none when it is alone). */
static tracuu_status_t fetch_also(tracuu_db_t *db, unsigned id, tracuu_fetched_t *f)
{
    char *key = NULL;
    unsigned n = 0;
    tracuu_buf_t t = {0};
    tracuu_status_t st = tracuu_db_get_value(db, id, TRACUU_SLOT_DUP, &key,
                                             NULL);
    if (st == TRACUU_OK && *key) {
        tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_DUP, key);
        st = tracuu_db_termfreq(db, t.s, &n);
    }
    tracuu_mset_t *m = NULL;
    if (st == TRACUU_OK && n > 1) {
        tracuu_q_t *q = tracuu_q_term(t.s, t.len, 1);
        tracuu_search_opts_t so = {0, n, TRACUU_SLOT_PATH, false, true,
                                   false, 0};
        st = q ? tracuu_db_search(db, q, &so, &m) : TRACUU_ERR_NOMEM;
        tracuu_q_free(q);
    }
    for (size_t i = 0; st == TRACUU_OK && i < tracuu_mset_size(m); i++) {
        unsigned other = tracuu_mset_docid(m, i);
        char *path = NULL;
        if (other == id)
            continue;
        st = tracuu_db_get_value(db, other, TRACUU_SLOT_PATH, &path, NULL);
        if (st != TRACUU_OK)
            break;
        f->also = tracuu_xrealloc(f->also, (f->n_also + 1) * sizeof *f->also);
        f->also[f->n_also++] = path;
    }
    tracuu_mset_free(m);
    tracuu_buf_free(&t);
    free(key);
    return st;
}

static tracuu_status_t fetch_one(tracuu_db_t *db, const tracuu_mset_t *m,
                                 size_t i, bool paths_only,
                                 const tracuu_wants_t *w, tracuu_fetched_t *f)
{
    assert(i < tracuu_mset_size(m)); /* w NULL: no snippets wanted */
    unsigned id = tracuu_mset_docid(m, i);
    f->score = tracuu_mset_score(m, i);
    f->id = id;
    f->shard = tracuu_db_part_of(db, id, &f->remote);
    tracuu_status_t st = tracuu_db_get_value(db, id, TRACUU_SLOT_PATH,
                                             &f->path, NULL);
    if (st == TRACUU_OK && !paths_only)
        st = tracuu_db_get_data(db, id, &f->data, &f->len);
    if (st == TRACUU_OK && w)
        st = tracuu_db_get_value(db, id, TRACUU_SLOT_CHECKPOINTS, &f->ck,
                                 &f->ck_len);
    if (st == TRACUU_OK && w)
        st = tracuu_passage_positions(db, id, w, &f->hp, &f->n_hp);
    if (st == TRACUU_OK && !paths_only)
        st = fetch_also(db, id, f);
    if (st != TRACUU_OK) {
        free(f->path);
        free(f->data);
        free(f->ck);
        free(f->hp);
        free_also(f);
        memset(f, 0, sizeof *f);
    }
    return st;
}

/* Everything the printers need of every hit, read before anything is
 * printed. An index changed meanwhile is reopened and the reading goes on
 * at the hit it stopped at: document ids stay (a re-indexed file keeps
 * its id), and with thousands of hits and an indexer committing every
 * hundred files, starting over could never finish. It gives up after
 * TRACUU_STALLED_REOPENS reopens in a row that read nothing; a document
 * removed meanwhile (TRACUU_ERR_NOT_FOUND after a reopen) makes the
 * caller run the search again. */
static tracuu_status_t fetch_hits(tracuu_db_t *db, const tracuu_mset_t *m,
                                  bool paths_only, const tracuu_wants_t *w,
                                  tracuu_fetched_t **out)
{
    size_t n = tracuu_mset_size(m);
    tracuu_fetched_t *f = tracuu_xcalloc(n + 1, sizeof *f);
    tracuu_status_t st = TRACUU_OK;
    int stalled = 0;
    bool reopened = false;
    for (size_t i = 0; i < n;) {
        st = fetch_one(db, m, i, paths_only, w, &f[i]);
        if (st == TRACUU_OK) {
            stalled = 0;
            i++;
            continue;
        }
        if (st == TRACUU_ERR_NOT_FOUND && reopened) {
            st = TRACUU_ERR_DB_MODIFIED; /* search again */
            break;
        }
        if (!tracuu_index_moved(st) || ++stalled > TRACUU_STALLED_REOPENS)
            break;
        tracuu_db_reopen(db);
        reopened = true;
    }
    if (st != TRACUU_OK) {
        free_fetched(f, n);
        return st;
    }
    *out = f;
    return TRACUU_OK;
}

/* Every hit of f[0..n) through pr, ranked from r's offset + 1. */
static void print_hits(tracuu_analyzer_t *a, const tracuu_fetched_t *f,
                       size_t n, const tracuu_plan_t *plan,
                       const tracuu_request_t *r, tracuu_printer_t *pr)
{
    unsigned offset = r->offset;
    for (size_t i = 0; i < n; i++) {
        if (pr->format == TRACUU_FORMAT_PATHS) {
            tracuu_hit_t h = {.rank = offset + i + 1, .path = f[i].path,
                              .score = f[i].score, .also = f[i].also,
                              .n_also = f[i].n_also};
            tracuu_print_hit(pr, &h);
            continue;
        }
        const char *js, *text;
        size_t jl, tl;
        tracuu_record_split(f[i].data, f[i].len, &js, &jl, &text, &tl);
        json_t *meta = json_loadb(js, jl, 0, NULL);
        const char *path = f[i].path;
        const char *why = NULL;
        tracuu_snippet_t *sn = NULL;
        size_t n_sn = 0;
        tracuu_hit_source_t src = {path,  meta,      text,     tl,
                                   f[i].ck, f[i].ck_len, f[i].hp, f[i].n_hp};
        if (tracuu_format_wants_snippets(pr->format))
            tracuu_passage_snippets(a, plan, &src, &sn, &n_sn, &why);
        tracuu_hit_t h = {.rank = offset + i + 1,
                          .path = path ? path : "?", .score = f[i].score,
                          .snippets = sn, .n_snippets = n_sn, .note = why,
                          .also = f[i].also, .n_also = f[i].n_also,
                          .id = r->ids ? f[i].id : 0,
                          .shard = f[i].shard};
        tracuu_passage_remote_note(&h, f[i].remote);
        tracuu_hit_record(&h, meta);
        tracuu_print_hit(pr, &h);
        tracuu_snippets_free(sn, n_sn);
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

char *tracuu_search_check(const char *prog, const char *query)
{
    tracuu_buf_t b = {0};
    size_t valid = tracuu_utf8_valid_prefix(query, strlen(query));
    long ctl;
    if (valid != strlen(query))
        tracuu_buf_printf(&b, _("%s: the query is not valid UTF-8 (bad byte "
                                "at offset %zu); check the terminal's "
                                "encoding\n"), prog, valid);
    else if ((ctl = control_at(query)) >= 0)
        tracuu_buf_printf(&b, _("%s: the query contains a control character "
                                "(byte 0x%02x at offset %ld); type only "
                                "text\n"),
                          prog, (unsigned char)query[ctl], ctl);
    return b.s; /* NULL when nothing was said */
}

bool tracuu_search_every(const char *query, bool empty_ok, char **rest,
                         bool *empty)
{
    tracuu_buf_t b = {0};
    bool star = false;
    tracuu_buf_puts(&b, "");
    for (const char *s = query; *s;) {
        size_t sp = strspn(s, " ");
        size_t w = strcspn(s + sp, " ");
        if (w == 1 && s[sp] == '*') {
            star = true;
        } else if (w) {
            if (b.len)
                tracuu_buf_putc(&b, ' ');
            tracuu_buf_append(&b, s + sp, w);
        }
        s += sp + w;
    }
    *rest = tracuu_buf_steal(&b);
    *empty = false;
    if (**rest)
        return false;
    if (star || empty_ok)
        return true;
    *empty = true;
    return false;
}

void tracuu_prepared_free(tracuu_prepared_t *pq)
{
    free(pq->err);
    tracuu_plan_free(&pq->plan);
    tracuu_parsed_free(&pq->parsed);
    tracuu_norm_free(&pq->norm);
    tracuu_analyzer_free(pq->a);
}

/* What is wrong with query: its first 80 bytes (a long query is not
 * echoed whole), escaped like a file name (a tab or line feed shows). */
static char *bad_query(const char *prog, const char *query, const char *err)
{
    size_t shown = tracuu_utf8_cut(query, strlen(query), QUERY_SHOWN);
    tracuu_buf_t qb = {0}, eb = {0}, b = {0};
    tracuu_escape_name(&qb, query, shown);
    tracuu_escape_text(&eb, err, strlen(err));
    tracuu_buf_printf(&b, _("%s: bad query \"%s%s\": %s\n"), prog, qb.s,
                      shown < strlen(query) ? "…" : "", eb.s);
    tracuu_buf_free(&qb);
    tracuu_buf_free(&eb);
    return tracuu_buf_steal(&b);
}

bool tracuu_search_prepare(const char *prog, const char *query, bool every,
                           tracuu_prepared_t *pq, char **msg)
{
    tracuu_buf_t b = {0};
    memset(pq, 0, sizeof *pq);
    *msg = NULL;
    if (tracuu_analyzer_new(&pq->a) != TRACUU_OK) {
        tracuu_buf_printf(&b, _("%s: cannot open ICU's word breaker\n"), prog);
        *msg = tracuu_buf_steal(&b);
        return false;
    }
    /* The whole query goes through the document normaliser first, so
     * NFD, old tone placement and stray controls are handled once. */
    if (tracuu_normalize(query, strlen(query), &pq->norm) != 0) {
        tracuu_buf_printf(&b, _("%s: cannot normalise the query\n"), prog);
        *msg = tracuu_buf_steal(&b);
        return false;
    }
    if (every) {
        pq->plan.q = tracuu_q_all();
        pq->plan.q_match = tracuu_q_all();
        return true;
    }
    if (!tracuu_query_parse(pq->norm.s, tracuu_query_known_field,
                            &pq->parsed, &pq->err) ||
        !tracuu_query_build(pq->a, &pq->parsed, &pq->plan, &pq->err)) {
        *msg = bad_query(prog, query, pq->err);
        return false;
    }
    return true;
}

void tracuu_found_free(tracuu_found_t *fd)
{
    if (fd->hits)
        free_fetched(fd->hits, tracuu_mset_size(fd->m));
    tracuu_wants_free(fd->wants);
    tracuu_mset_free(fd->m);
    memset(fd, 0, sizeof *fd);
}

tracuu_status_t tracuu_search_run(tracuu_db_t *db, const tracuu_prepared_t *pq,
                                  const tracuu_request_t *r, tracuu_found_t *fd)
{
    const tracuu_plan_t *plan = &pq->plan;
    memset(fd, 0, sizeof *fd);
    if (r->snippets)
        fd->wants = tracuu_wants_new(plan);
    /* One hit per plan, but paths only: every matching file (it feeds
     * other tools, which want the files the query matched); a count
     * counts every plan, a page counts as far as the plan's bound
     * (rank.h) and estimates beyond. */
    bool per_plan = !r->paths_only;
    tracuu_search_opts_t so = {r->offset, r->count ? 0 : r->limit,
                               r->sort != TRACUU_SORT_RELEVANCE
                                   ? TRACUU_SLOT_ISSUED : -1,
                               r->sort == TRACUU_SORT_DATE_DOWN, r->count,
                               per_plan && tracuu_index_has_dups(db),
                               tracuu_count_bound(plan)};
    tracuu_status_t st;
    for (int attempt = 0;; attempt++) {
        if (r->count || r->sort != TRACUU_SORT_RELEVANCE)
            st = tracuu_db_search(db, r->count ? plan->q_match : plan->q,
                                  &so, &fd->m);
        else
            st = tracuu_rank(db, plan, r->offset, r->limit, per_plan, &fd->m);
        if (st == TRACUU_OK && !r->count)
            st = fetch_hits(db, fd->m, r->paths_only, fd->wants, &fd->hits);
        if (!tracuu_index_moved(st) || attempt == SEARCH_ATTEMPTS)
            return st;
        tracuu_mset_free(fd->m);
        fd->m = NULL;
        tracuu_db_reopen(db);
    }
}

bool tracuu_search_print(tracuu_printer_t *p, const tracuu_prepared_t *pq,
                         const char *query, const tracuu_request_t *r,
                         const tracuu_found_t *fd, const char *suggestion)
{
    char *desc = tracuu_q_describe(pq->plan.q);
    tracuu_print_results_begin(p, query, desc, tracuu_mset_total(fd->m),
                               tracuu_mset_total_exact(fd->m), r->offset,
                               r->limit, (unsigned)tracuu_mset_size(fd->m),
                               suggestion);
    free(desc);
    print_hits(pq->a, fd->hits, tracuu_mset_size(fd->m), &pq->plan, r, p);
    tracuu_print_results_end(p);
    return !p->failed;
}

char *tracuu_search_accents(tracuu_db_t *db, const char *query,
                            const tracuu_found_t *fd)
{
    unsigned top[3];
    size_t n = 0;
    while (n < 3 && n < tracuu_mset_size(fd->m)) {
        top[n] = tracuu_mset_docid(fd->m, n);
        n++;
    }
    return n ? tracuu_suggest_accents(db, query, top, n) : NULL;
}

/* The documents a number: query finds, every file holding it (not one
 * per plan). */
static bool number_targets(const char *prog, tracuu_db_t *db,
                           const char *target, size_t max, unsigned **ids,
                           size_t *n, bool *more, char **msg)
{
    tracuu_prepared_t pq;
    memset(&pq, 0, sizeof pq);
    bool ok = false;
    unsigned count = 0;
    tracuu_mset_t *m = NULL;
    if ((*msg = tracuu_search_check(prog, target)) == NULL &&
        tracuu_search_prepare(prog, target, false, &pq, msg)) {
        tracuu_db_doccount(db, &count);
        if (max && count > max) /* one more than max says there are more */
            count = (unsigned)max + 1;
        tracuu_search_opts_t so = {0, count ? count : 1, -1, false, true,
                                   false, 0};
        ok = tracuu_db_search(db, pq.plan.q_match, &so, &m) == TRACUU_OK;
        if (!ok)
            *msg = said(prog, _("search failed: "), tracuu_db_last_error(db));
        for (size_t i = 0; ok && i < tracuu_mset_size(m); i++) {
            if (max && *n == max) {
                *more = true;
                break;
            }
            *ids = tracuu_xrealloc(*ids, (*n + 1) * sizeof **ids);
            (*ids)[(*n)++] = tracuu_mset_docid(m, i);
        }
    }
    tracuu_mset_free(m);
    tracuu_prepared_free(&pq);
    return ok;
}

bool tracuu_search_targets(const char *prog, tracuu_db_t *db,
                           const char *target, unsigned **ids, size_t *n,
                           char **msg)
{
    bool more = false;
    return tracuu_search_targets_max(prog, db, target, 0, ids, n, &more, msg);
}

bool tracuu_search_targets_max(const char *prog, tracuu_db_t *db,
                               const char *target, size_t max,
                               unsigned **ids, size_t *n, bool *more,
                               char **msg)
{
    *ids = NULL;
    *n = 0;
    *msg = NULL;
    *more = false;
    if (strncmp(target, "number:", 7) == 0)
        return number_targets(prog, db, target, max, ids, n, more, msg);
    unsigned id = 0;
    if (tracuu_show_lookup(db, target, &id) != TRACUU_OK) {
        *msg = said(prog, "", tracuu_db_last_error(db));
        return false;
    }
    if (id) {
        *ids = tracuu_xmalloc(sizeof **ids);
        (*ids)[(*n)++] = id;
    }
    return true;
}
