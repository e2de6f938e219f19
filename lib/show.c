/* show.c: one document as indexed: record, citations, dates, movements, text. */
#include "show.h"
#include "i18n.h"
#include "listtext.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "list.h"
#include "rank.h"
#include "record.h"
#include "schema.h"

#define SHOW_FIELDS 5

void tracuu_hit_record(tracuu_hit_t *h, const json_t *meta)
{
#define META(k) json_string_value(json_object_get(meta, k))
    h->title = META("title");
    h->issued = META("issued");
    h->number = META("number");
    h->type = META("type");
    h->issuer = META("issuer");
    h->signer = META("signer");
    h->signer_role = META("signer_role");
    h->place = META("place");
    json_int_t pages = json_integer_value(json_object_get(meta, "pages"));
    h->pages = pages > 0 && pages <= 1000000 ? (unsigned)pages : 0;
    h->format = META("format");
#undef META
}

tracuu_status_t tracuu_show_lookup(tracuu_db_t *db, const char *path,
                                   unsigned *id)
{
    char real[PATH_MAX];
    tracuu_buf_t abs = {0}, uid = {0};
    if (realpath(path, real)) {
        tracuu_buf_puts(&abs, real);
    } else if (path[0] == '/') {
        tracuu_buf_puts(&abs, path);
    } else {
        char cwd[PATH_MAX];
        tracuu_buf_printf(&abs, "%s/%s", getcwd(cwd, sizeof cwd) ? cwd : ".",
                          path);
    }
    tracuu_record_uid(abs.s, &uid);
    tracuu_status_t st = tracuu_db_lookup(db, uid.s, id);
    if (st == TRACUU_ERR_NOT_FOUND) {
        *id = 0;
        st = TRACUU_OK;
    }
    tracuu_buf_free(&abs);
    tracuu_buf_free(&uid);
    return st;
}

tracuu_status_t tracuu_show_lookup_stored(tracuu_db_t *db, const char *path,
                                          unsigned *id)
{
    tracuu_buf_t uid = {0};
    char *stored = NULL;
    size_t len = 0;
    *id = 0;
    tracuu_record_uid(path, &uid);
    tracuu_status_t st = tracuu_db_lookup(db, uid.s, id);
    if (st == TRACUU_OK)
        st = tracuu_db_get_value(db, *id, TRACUU_SLOT_PATH, &stored, &len);
    /* A long path's uid is hashed: the stored path itself decides. */
    if (st == TRACUU_OK && (len != strlen(path) || memcmp(stored, path, len)))
        st = TRACUU_ERR_NOT_FOUND;
    if (st != TRACUU_OK)
        *id = 0;
    if (st == TRACUU_ERR_NOT_FOUND)
        st = TRACUU_OK;
    free(stored);
    tracuu_buf_free(&uid);
    return st;
}

/* Split a TAB-separated listing term into SHOW_FIELDS fields (pointers
 * into s, which is cut). */
static void fields(char *s, char *f[SHOW_FIELDS])
{
    size_t n = 0;
    f[n++] = s;
    for (char *c = s; *c && n < SHOW_FIELDS; c++)
        if (*c == '\t') {
            *c = '\0';
            f[n++] = c + 1;
        }
    while (n < SHOW_FIELDS)
        f[n++] = "";
}

/* A value, or null (text: nothing) when empty. */
static void opt_str(tracuu_printer_t *p, const char *key, const char *v)
{
    p->map_key(p, key);
    if (!p->structured && !*v)
        return;
    if (!p->structured)
        p->literal(p, "  ");
    tracuu_print_str(p, *v ? v : NULL);
}

/* "20140407" -> "2014-04-07" (structured) or "07/04/2014" (text). */
static void date_of(const tracuu_printer_t *p, const char *digits, char *out,
                    size_t size)
{
    char iso[TRACUU_DMY_SIZE];
    size_t n = strlen(digits);
    if (n >= 8)
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", digits, digits + 4, digits + 6);
    else if (n >= 6)
        snprintf(iso, sizeof iso, "%.4s-%.2s", digits, digits + 4);
    else
        snprintf(iso, sizeof iso, "%.4s", digits);
    if (p->structured)
        snprintf(out, size, "%s", iso);
    else
        tracuu_date_dmy(iso, out);
}

/* One listing term as a row: citations (symbol, date, type, issuer,
 * name; a law cited by name alone has no symbol),
 * dates (role letter + digits), movements (kind, name, as written). */
static void show_row(tracuu_printer_t *p, const char *prefix, char *term)
{
    char *f[SHOW_FIELDS], date[TRACUU_DMY_SIZE];
    p->begin_map(p);
    if (!p->structured)
        p->literal(p, "  ");
    if (strcmp(prefix, TRACUU_PREFIX_DATE_LIST) == 0) {
        date_of(p, term + 1, date, sizeof date);
        opt_str(p, "date", date);
        char rb[TRACUU_LIST_TEXT_SIZE];
        const char *role = tracuu_list_role_name(term[0]);
        opt_str(p, "role", p->structured
                               ? role
                               : tracuu_list_text_value("role", role, rb));
    } else if (strcmp(prefix, TRACUU_PREFIX_CITES_LIST) == 0) {
        fields(term, f);
        char iso[TRACUU_DMY_SIZE] = "";
        if (*f[1] && !p->structured)
            tracuu_date_dmy(f[1], iso);
        opt_str(p, "symbol", f[0]);
        opt_str(p, "type", f[2]);
        opt_str(p, "date", p->structured ? f[1] : iso);
        opt_str(p, "issuer", f[3]);
        opt_str(p, "name", f[4]);
    } else {
        fields(term, f);
        opt_str(p, "kind", f[0]);
        opt_str(p, "name", f[1]);
        if (strcmp(f[2], f[1]) != 0)
            opt_str(p, "written", f[2]);
    }
    p->end(p);
    p->separator(p);
}

/* A section: its terms of prefix, under key (structured) or a heading. */
static tracuu_status_t show_terms(tracuu_db_t *db, unsigned id,
                                  tracuu_printer_t *p, const char *key,
                                  const char *heading, const char *prefix)
{
    tracuu_termlist_t *tl = NULL;
    tracuu_status_t st = tracuu_db_terms(db, id, prefix, &tl);
    if (st != TRACUU_OK)
        return st;
    p->map_key(p, key);
    p->begin_list(p);
    if (!p->structured) {
        p->literal(p, heading);
        p->literal(p, ": ");
        p->integer(p, (long long)tl->n);
        p->separator(p);
    }
    for (size_t i = 0; i < tl->n; i++)
        show_row(p, prefix, tl->terms[i]);
    p->end(p);
    tracuu_termlist_free(tl);
    return TRACUU_OK;
}

/* The text as indexed: kept for converted formats (Word, PDF, scans);
 * plain text is read from its file at query time, so the index has none. */
static void show_text(tracuu_printer_t *p, const char *text, size_t len,
                      bool stored, const char *path)
{
    p->map_key(p, "text");
    if (stored && len) {
        if (p->structured) {
            p->string(p, text, len);
            return;
        }
        p->literal(p, _("Văn bản (text as indexed):"));
        p->separator(p);
        /* Line by line: text output makes a line feed inside a string a
         * space. */
        for (size_t at = 0; at < len;) {
            const char *nl = memchr(text + at, '\n', len - at);
            size_t end = nl ? (size_t)(nl - text) : len;
            p->string(p, text + at, end - at);
            p->separator(p);
            at = end + 1;
        }
        return;
    }
    p->string(p, NULL, 0);
    if (!p->structured) {
        p->literal(p, _("(the index keeps no text of this file: plain "
                        "text is read from the file itself, "));
        p->name(p, path);
        p->literal(p, ")");
        p->separator(p);
    }
}

/* One document; the caller retries on an index that moved. */
static tracuu_status_t show_one(tracuu_db_t *db, unsigned id, bool text,
                                tracuu_printer_t *p)
{
    char *data = NULL, *path = NULL;
    size_t len = 0;
    tracuu_status_t st = tracuu_db_get_data(db, id, &data, &len);
    if (st == TRACUU_OK)
        st = tracuu_db_get_value(db, id, TRACUU_SLOT_PATH, &path, NULL);
    if (st != TRACUU_OK) {
        free(data);
        free(path);
        return st;
    }
    const char *js, *body;
    size_t jl, bl;
    tracuu_record_split(data, len, &js, &jl, &body, &bl);
    json_t *meta = json_loadb(js, jl, 0, NULL);
    tracuu_hit_t h = {.path = path};
    tracuu_hit_record(&h, meta);
    p->begin_map(p);
    tracuu_print_path(p, path);
    p->separator(p);
    tracuu_print_record(p, &h);
    st = show_terms(db, id, p, "cites", _("Trích dẫn (cites)"),
                    TRACUU_PREFIX_CITES_LIST);
    if (st == TRACUU_OK)
        st = show_terms(db, id, p, "dates", _("Ngày tháng (dates)"),
                        TRACUU_PREFIX_DATE_LIST);
    if (st == TRACUU_OK)
        st = show_terms(db, id, p, "movements", _("Phong trào (movements)"),
                        TRACUU_PREFIX_MOVEMENT_LIST);
    if (st == TRACUU_OK && text)
        show_text(p, body, bl,
                  json_is_true(json_object_get(meta, "text_stored")), path);
    p->end(p);
    json_decref(meta);
    free(data);
    free(path);
    return st;
}

bool tracuu_show_print(tracuu_db_t *db, const unsigned *ids, size_t n,
                       const char *asked, bool text, tracuu_printer_t *p)
{
    return tracuu_show_print_more(db, ids, n, asked, text, false, p);
}

bool tracuu_show_print_more(tracuu_db_t *db, const unsigned *ids, size_t n,
                            const char *asked, bool text, bool more,
                            tracuu_printer_t *p)
{
    tracuu_print_document(p);
    if (p->structured) {
        p->map_key(p, "show");
        tracuu_print_str(p, asked);
        p->map_key(p, "documents");
        p->begin_list(p);
    }
    tracuu_status_t st = TRACUU_OK;
    for (size_t i = 0; i < n && st == TRACUU_OK; i++) {
        if (i && !p->structured)
            p->separator(p);
        st = show_one(db, ids[i], text, p);
    }
    if (p->structured) {
        p->end(p);
        if (more) {
            p->map_key(p, "more");
            tracuu_print_bool(p, true);
        }
        p->end(p);
    }
    if (st != TRACUU_OK) {
        fflush(p->f);
        fprintf(stderr, "%s: %s\n", tracuu_prog(), tracuu_db_last_error(db));
    }
    return st == TRACUU_OK;
}
