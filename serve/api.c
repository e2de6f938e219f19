/* api.c: tracuu-serve's JSON API, through the same search (lib/search.h)
 * and the same printers (lib/output.h) as tracuu-query --json. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "list.h"
#include "output.h"
#include "schema.h"
#include "search.h"
#include "serve.h"
#include "show.h"
#include "suggest.h"
#include "xlsx.h"

#define XLSX_TYPE \
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* A request's text parameter name into *out (borrowed; "" when absent):
 * false when it is too long or holds a NUL byte (said as JSON). */
static bool text_arg(struct MHD_Connection *c, const char *name,
                     const char **out, enum MHD_Result *ret)
{
    const char *v = NULL;
    size_t n = 0;
    *out = "";
    if (MHD_lookup_connection_value_n(c, MHD_GET_ARGUMENT_KIND, name,
                                      strlen(name), &v, &n) != MHD_YES || !v)
        return true;
    tracuu_buf_t b = {0};
    if (n > SERVE_QUERY_MAX)
        tracuu_buf_printf(&b, _("%s= is %zu bytes long; at most %d are "
                                "taken"), name, n, SERVE_QUERY_MAX);
    else if (strlen(v) != n)
        tracuu_buf_printf(&b, _("%s= holds a NUL byte"), name);
    if (b.s) {
        *ret = serve_json_error(c, n > SERVE_QUERY_MAX ? 414 : 400, b.s);
        tracuu_buf_free(&b);
        return false;
    }
    *out = v;
    return true;
}

/* A number parameter from min to max into *out (dflt when absent):
 * false when it is no such number (a 400 naming the parameter and the
 * range, as JSON). */
static bool count_arg(struct MHD_Connection *c, const char *name,
                      unsigned dflt, unsigned min, unsigned max,
                      unsigned *out, enum MHD_Result *ret)
{
    const char *v;
    if (!text_arg(c, name, &v, ret))
        return false;
    *out = dflt;
    if (!*v)
        return true;
    char *end = NULL;
    long n = strtol(v, &end, 10);
    if (*end || n < (long)min || n > (long)max || v[0] < '0' || v[0] > '9') {
        tracuu_buf_t b = {0};
        tracuu_buf_printf(&b, _("%s= wants a whole number from %u to %u, "
                                "not '%s'"), name, min, max, v);
        *ret = serve_json_error(c, 400, b.s);
        tracuu_buf_free(&b);
        return false;
    }
    *out = (unsigned)n;
    return true;
}

/* A printer of format writing into a memory stream *f (open_memstream
 * of *out, *len); false when it cannot be set up (said as JSON). */
static bool printer_open(struct MHD_Connection *c, tracuu_format_t format,
                         tracuu_printer_t *pr, FILE **f, char **out,
                         size_t *len, enum MHD_Result *ret)
{
    *out = NULL;
    *len = 0;
    if (!(*f = open_memstream(out, len))) {
        *ret = serve_json_error(c, 500, "open_memstream failed");
        return false;
    }
    if (format != TRACUU_FORMAT_XLSX) {
        tracuu_printer_init(pr, format, *f, false, false, false);
        return true;
    }
    char *err = NULL;
    if (tracuu_xlsx_printer_init(pr, NULL, *f, &err))
        return true;
    *ret = serve_json_error(c, 500, err);
    free(err);
    fclose(*f);
    free(*out);
    return false;
}

/* Queue what the printer wrote into f (open_memstream of *outp, *len):
 * JSON, or a sheet to download. */
static enum MHD_Result printed(struct MHD_Connection *c,
                               tracuu_format_t format, FILE *f, char **outp,
                               size_t *len)
{
    fclose(f); /* *outp and *len final only now */
    char *out = *outp;
    enum MHD_Result ret;
    if (format == TRACUU_FORMAT_JSON)
        ret = serve_reply(c, 200, "application/json", out, *len);
    else if (format == TRACUU_FORMAT_CSV)
        ret = serve_download(c, "text/csv; charset=utf-8", "tracuu.csv", out,
                             *len);
    else
        ret = serve_download(c, XLSX_TYPE, "tracuu.xlsx", out, *len);
    free(out);
    return ret;
}

/* The query q=, checked and prepared: false when it cannot be searched
 * (said as JSON). empty_ok: an empty query asks for every plan (a sort,
 * a list, an export). */
static bool query_arg(struct MHD_Connection *c, bool empty_ok,
                      const char **q, tracuu_prepared_t *pq, bool *every,
                      enum MHD_Result *ret)
{
    memset(pq, 0, sizeof *pq);
    if (!text_arg(c, "q", q, ret))
        return false;
    char *msg = tracuu_search_check(SERVE_PROG, *q);
    if (msg) {
        *ret = serve_json_error(c, 400, msg);
        free(msg);
        return false;
    }
    char *rest = NULL;
    bool empty;
    *every = tracuu_search_every(*q, empty_ok, &rest, &empty);
    bool ok = !empty &&
              tracuu_search_prepare(SERVE_PROG, rest, *every, pq, &msg);
    if (empty)
        *ret = serve_json_error(c, 400, _("empty query (\"*\" asks for "
                                          "every plan)"));
    else if (!ok)
        *ret = serve_json_error(c, 400, msg);
    free(msg);
    free(rest);
    return ok;
}

/* The sort= parameter. */
static bool sort_arg(struct MHD_Connection *c, tracuu_sort_t *sort,
                     enum MHD_Result *ret)
{
    const char *s;
    if (!text_arg(c, "sort", &s, ret))
        return false;
    if (!*s || strcmp(s, "relevance") == 0)
        *sort = TRACUU_SORT_RELEVANCE;
    else if (strcmp(s, "date") == 0)
        *sort = TRACUU_SORT_DATE_UP;
    else if (strcmp(s, "-date") == 0)
        *sort = TRACUU_SORT_DATE_DOWN;
    else {
        *ret = serve_json_error(c, 400, _("sort= wants date, -date or "
                                          "relevance"));
        return false;
    }
    return true;
}

/* The request's offset, limit and sort into *r. */
static bool request_args(struct MHD_Connection *c, bool sheet,
                         tracuu_request_t *r, enum MHD_Result *ret)
{
    memset(r, 0, sizeof *r);
    unsigned max = sheet ? SERVE_EXPORT_MAX : SERVE_LIMIT_MAX;
    if (!count_arg(c, "limit", sheet ? max : SERVE_LIMIT_DEFAULT, 1, max,
                   &r->limit, ret) ||
        !count_arg(c, "offset", 0, 0, SERVE_OFFSET_MAX, &r->offset, ret) ||
        !sort_arg(c, &r->sort, ret))
        return false;
    r->snippets = !sheet;
    r->ids = !sheet;
    return true;
}

/* GET /api/search (JSON), /api/export.csv, /api/export.xlsx. */
static enum MHD_Result api_search(struct MHD_Connection *c,
                                  tracuu_format_t format)
{
    bool sheet = format != TRACUU_FORMAT_JSON;
    enum MHD_Result ret = MHD_NO;
    tracuu_request_t r;
    tracuu_prepared_t pq = {0};
    const char *q;
    bool every;
    char *msg = NULL;
    if (!request_args(c, sheet, &r, &ret) ||
        !query_arg(c, sheet || r.sort != TRACUU_SORT_RELEVANCE, &q, &pq,
                   &every, &ret)) {
        tracuu_prepared_free(&pq);
        return ret;
    }
    tracuu_db_t *db = serve_handle(&msg);
    tracuu_found_t fd = {0};
    char *fix = NULL, *out = NULL;
    size_t len = 0;
    tracuu_printer_t pr;
    FILE *f = NULL;
    if (!db) {
        ret = serve_json_error(c, 503, msg);
    } else if (tracuu_search_run(db, &pq, &r, &fd) != TRACUU_OK) {
        tracuu_buf_t b = {0};
        tracuu_buf_printf(&b, "%s%s", _("search failed: "),
                          tracuu_db_last_error(db));
        ret = serve_json_error(c, 500, b.s);
        tracuu_buf_free(&b);
    } else if (printer_open(c, format, &pr, &f, &out, &len, &ret)) {
        if (!every && !sheet)
            fix = tracuu_mset_total(fd.m) == 0
                      ? tracuu_suggest_query(db, q)
                      : tracuu_search_accents(db, q, &fd);
        if (tracuu_search_print(&pr, &pq, q, &r, &fd, fix))
            ret = printed(c, format, f, &out, &len);
        else {
            fclose(f);
            free(out);
            ret = serve_json_error(c, 500, _("the workbook could not be "
                                             "written"));
        }
    }
    free(fix);
    free(msg);
    tracuu_found_free(&fd);
    tracuu_prepared_free(&pq);
    return ret;
}

/* The list's rows as JSON into *out, *len (new; free with free()):
 * false on an index error (said as JSON). */
static bool list_json(struct MHD_Connection *c, tracuu_db_t *db,
                      const tracuu_prepared_t *pq, bool every,
                      tracuu_list_kind_t kind, const char *q, unsigned limit,
                      char **out, size_t *len, enum MHD_Result *ret)
{
    tracuu_printer_t pr;
    FILE *f;
    if (!printer_open(c, TRACUU_FORMAT_JSON, &pr, &f, out, len, ret))
        return false;
    long rows = tracuu_list_print(db, every ? NULL : pq->plan.q_match, kind,
                                  *q ? q : NULL, limit, &pr);
    fclose(f); /* *out and *len final only now */
    if (rows >= 0)
        return true;
    free(*out);
    *out = NULL;
    *ret = serve_json_error(c, 500, tracuu_db_last_error(db));
    return false;
}

/* GET /api/list/WHAT?q=&limit=: a list's rows, as --list WHAT --json.
 * A list of every plan (q=* or none) is kept for the index's revision
 * (facets.c): the page asks for them on every load. */
static enum MHD_Result api_list(struct MHD_Connection *c, const char *what)
{
    tracuu_list_kind_t kind;
    enum MHD_Result ret = MHD_NO;
    if (!tracuu_list_parse(what, &kind)) {
        tracuu_buf_t b = {0};
        tracuu_buf_printf(&b, _("/api/list/ wants %s"), tracuu_list_names);
        ret = serve_json_error(c, 404, b.s);
        tracuu_buf_free(&b);
        return ret;
    }
    unsigned limit;
    tracuu_prepared_t pq = {0};
    const char *q;
    bool every;
    char *msg = NULL, *out = NULL, *rev = NULL;
    size_t len = 0;
    tracuu_buf_t key = {0};
    if (!count_arg(c, "limit", SERVE_LIST_MAX, 1, SERVE_LIST_MAX, &limit,
                   &ret) ||
        !query_arg(c, true, &q, &pq, &every, &ret)) {
        tracuu_prepared_free(&pq);
        return ret;
    }
    if (every) { /* the revision before the handle is reopened */
        rev = serve_index_revision();
        tracuu_buf_printf(&key, "%s\n%u\n%s", what, limit, q);
    }
    if (rev && serve_facets_get(rev, key.s, &out, &len)) {
        ret = serve_reply_with(c, 200, "application/json", "X-Tracuu-Cache",
                               "hit", out, len);
    } else {
        tracuu_db_t *db = serve_handle(&msg);
        if (!db)
            ret = serve_json_error(c, 503, msg);
        else if (list_json(c, db, &pq, every, kind, q, limit, &out, &len,
                           &ret)) {
            if (rev)
                serve_facets_put(rev, key.s, out, len);
            ret = serve_reply_with(c, 200, "application/json",
                                   "X-Tracuu-Cache", rev ? "miss" : "none",
                                   out, len);
        }
    }
    free(out);
    free(rev);
    free(msg);
    tracuu_buf_free(&key);
    tracuu_prepared_free(&pq);
    return ret;
}

/* A document id: digits only, 1 to UINT_MAX; 0 when s is none. */
unsigned serve_docid(const char *s)
{
    unsigned long long v = 0;
    if (!*s || *s == '0' || strlen(s) > 10)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        v = v * 10 + (unsigned)(*s - '0');
    }
    return v <= 0xFFFFFFFFull ? (unsigned)v : 0;
}

/* The documents show asks for: id=N (as search hits give it), else
 * path= or number= (as --show takes them; the first SERVE_LIMIT_MAX
 * holding a number, *more when there are more). False when none is
 * given or it cannot be read (said as JSON). */
static bool show_ids(struct MHD_Connection *c, tracuu_db_t *db,
                     const char **asked, unsigned **ids, size_t *n,
                     bool *more, enum MHD_Result *ret)
{
    const char *id, *path, *number;
    if (!text_arg(c, "id", &id, ret) || !text_arg(c, "path", &path, ret) ||
        !text_arg(c, "number", &number, ret))
        return false;
    char *msg = NULL;
    bool ok = true;
    int code = 400; /* a request asking wrong; 500 when the index fails */
    *asked = *id ? id : *path ? path : number;
    if (*id) {
        unsigned docid = serve_docid(id);
        char *p = NULL;
        *ids = NULL;
        *n = 0;
        if (docid && tracuu_db_get_value(db, docid, TRACUU_SLOT_PATH, &p,
                                         NULL) == TRACUU_OK) {
            *ids = tracuu_xmalloc(sizeof **ids);
            (*ids)[(*n)++] = docid;
        }
        free(p);
    } else if (*path) {
        /* The path as the index stores it, never resolved here: the
         * server's files outside the index stay unseen. */
        unsigned docid = 0;
        *ids = NULL;
        *n = 0;
        if (tracuu_show_lookup_stored(db, path, &docid) != TRACUU_OK) {
            msg = tracuu_xstrdup(tracuu_db_last_error(db));
            ok = false;
            code = 500;
        } else if (docid) {
            *ids = tracuu_xmalloc(sizeof **ids);
            (*ids)[(*n)++] = docid;
        }
    } else if (*number) {
        tracuu_buf_t t = {0};
        tracuu_buf_printf(&t, "number:%s", number);
        /* At most a page of search hits; "more" says there are more. */
        ok = tracuu_search_targets_max(SERVE_PROG, db, t.s, SERVE_LIMIT_MAX,
                                       ids, n, more, &msg);
        tracuu_buf_free(&t);
    } else {
        msg = tracuu_xstrdup(_("/api/show wants id=, path= or number="));
        ok = false;
    }
    if (ok && !*n)
        msg = tracuu_xstrdup(_("nothing indexed under that name"));
    if (msg)
        *ret = serve_json_error(c, ok ? 404 : code, msg);
    free(msg);
    return ok && *n;
}

/* GET /api/show?id=N|path=P|number=S[&text=1]: as --show --json. */
static enum MHD_Result api_show(struct MHD_Connection *c)
{
    enum MHD_Result ret = MHD_NO;
    char *msg = NULL, *out = NULL;
    const char *asked, *text;
    unsigned *ids = NULL;
    size_t n = 0, len = 0;
    bool more = false;
    tracuu_printer_t pr;
    FILE *f;
    if (!text_arg(c, "text", &text, &ret))
        return ret;
    tracuu_db_t *db = serve_handle(&msg);
    if (!db)
        ret = serve_json_error(c, 503, msg);
    else if (show_ids(c, db, &asked, &ids, &n, &more, &ret) &&
             printer_open(c, TRACUU_FORMAT_JSON, &pr, &f, &out, &len, &ret)) {
        if (tracuu_show_print_more(db, ids, n, asked,
                                   *text && strcmp(text, "0"), more, &pr)) {
            ret = printed(c, TRACUU_FORMAT_JSON, f, &out, &len);
        } else {
            fclose(f);
            free(out);
            ret = serve_json_error(c, 500, tracuu_db_last_error(db));
        }
    }
    free(ids);
    free(msg);
    return ret;
}

enum MHD_Result serve_api(struct MHD_Connection *c, const char *url)
{
    if (strcmp(url, "/api/search") == 0)
        return api_search(c, TRACUU_FORMAT_JSON);
    if (strcmp(url, "/api/export.csv") == 0)
        return api_search(c, TRACUU_FORMAT_CSV);
    if (strcmp(url, "/api/export.xlsx") == 0)
        return api_search(c, TRACUU_FORMAT_XLSX);
    if (strcmp(url, "/api/show") == 0)
        return api_show(c);
    if (strncmp(url, "/api/list/", 10) == 0)
        return api_list(c, url + 10);
    return serve_json_error(c, 404, _("no such API: /api/search, "
                                      "/api/list/WHAT, /api/show, "
                                      "/api/export.csv, /api/export.xlsx"));
}
