/* output.c: the text, JSON and paths printers. */
#include "output.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"

/* Write n bytes of s to f as text for a terminal (escape.h). */
static void put_text(FILE *f, const char *s, size_t n)
{
    tracuu_buf_t b = {0};
    tracuu_escape_text(&b, s, n);
    fwrite(b.s, 1, b.len, f);
    tracuu_buf_free(&b);
}

/* s escaped as a file name (new; free with free()). */
static char *name_of(const char *s)
{
    tracuu_buf_t b = {0};
    tracuu_escape_name(&b, s, strlen(s));
    return tracuu_buf_steal(&b);
}

/* --- text --- */

static void text_begin(tracuu_printer_t *p, const char *query,
                       const char *parsed, unsigned total, unsigned offset,
                       unsigned limit)
{
    (void)p;
    (void)query;
    (void)parsed;
    (void)total;
    (void)offset;
    (void)limit;
}

static void text_snippet(tracuu_printer_t *p, const tracuu_snippet_t *s)
{
    const char *on = p->color ? "\033[1;31m" : "[";
    const char *off = p->color ? "\033[0m" : "]";
    size_t at = 0;
    fputs("   ", p->f);
    for (size_t m = 0; m < s->n_marks; m++) {
        put_text(p->f, s->text + at, s->marks[m].start - at);
        fputs(on, p->f);
        put_text(p->f, s->text + s->marks[m].start, s->marks[m].len);
        fputs(off, p->f);
        at = s->marks[m].start + s->marks[m].len;
    }
    put_text(p->f, s->text + at, strlen(s->text + at));
    fputc('\n', p->f);
}

/* Paths, titles and snippets come from the files and the index, both
 * untrusted: every one is escaped (escape.h), so a name holding a line
 * feed or a terminal sequence shows as \n or \e, never acts. */
static void text_hit(tracuu_printer_t *p, const tracuu_hit_t *h)
{
    char *path = name_of(h->path);
    if (p->color)
        fprintf(p->f, "\033[1m%zu. %s\033[0m\n", h->rank, path);
    else
        fprintf(p->f, "%zu. %s\n", h->rank, path);
    free(path);
    if (h->title && *h->title) {
        fputs("   ", p->f);
        put_text(p->f, h->title, strlen(h->title));
        fputc('\n', p->f);
    }
    if (h->issued) {
        fputs("   ngày ban hành: ", p->f);
        put_text(p->f, h->issued, strlen(h->issued));
        fputc('\n', p->f);
    }
    for (size_t i = 0; i < h->n_snippets; i++)
        text_snippet(p, &h->snippets[i]);
    if (h->note)
        fprintf(p->f, "   (%s)\n", h->note);
}

static void text_end(tracuu_printer_t *p)
{
    (void)p;
}

/* --- paths --- */

/* Raw bytes, for xargs: NUL-terminated with -0 (the only form a name with
 * a line feed survives), else one a line, escaped on a terminal. */
static void paths_hit(tracuu_printer_t *p, const tracuu_hit_t *h)
{
    if (p->null) {
        fwrite(h->path, 1, strlen(h->path) + 1, p->f);
    } else if (p->tty) {
        char *path = name_of(h->path);
        fprintf(p->f, "%s\n", path);
        free(path);
    } else {
        fprintf(p->f, "%s\n", h->path);
    }
}

/* --- JSON --- */

static void json_begin(tracuu_printer_t *p, const char *query,
                       const char *parsed, unsigned total, unsigned offset,
                       unsigned limit)
{
    json_t *o = json_object();
    json_object_set_new(o, "format_version",
                        json_integer(TRACUU_JSON_FORMAT_VERSION));
    json_object_set_new(o, "query", json_string(query));
    json_object_set_new(o, "parsed", json_string(parsed ? parsed : ""));
    json_object_set_new(o, "total", json_integer(total));
    json_object_set_new(o, "offset", json_integer(offset));
    json_object_set_new(o, "limit", json_integer(limit));
    json_object_set_new(o, "hits", json_array());
    p->state = o;
}

/* The n bytes at s in base64 (RFC 4648, padded), as a JSON string. */
static json_t *base64(const char *s, size_t n)
{
    static const char al[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *u = (const unsigned char *)s;
    tracuu_buf_t b = {0};
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)u[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)u[i + 1] << 8;
        if (i + 2 < n)
            v |= u[i + 2];
        char q[4] = {al[v >> 18], al[(v >> 12) & 63],
                     i + 1 < n ? al[(v >> 6) & 63] : '=',
                     i + 2 < n ? al[v & 63] : '='};
        tracuu_buf_append(&b, q, 4);
    }
    json_t *j = json_string(b.s ? b.s : "");
    tracuu_buf_free(&b);
    return j;
}

static void json_hit(tracuu_printer_t *p, const tracuu_hit_t *h)
{
    json_t *o = p->state;
    json_t *hit = json_object();
    json_object_set_new(hit, "rank", json_integer((json_int_t)h->rank));
    /* JSON holds UTF-8 only: a file name that is not comes out with
     * U+FFFD in place of its bad bytes, and its exact bytes in base64 as
     * "path_bytes" (only then). */
    json_t *path = json_string(h->path);
    json_t *bytes = NULL;
    if (!path) {
        tracuu_buf_t b = {0};
        size_t n = strlen(h->path), i = 0;
        while (i < n)
            tracuu_buf_put_cp(&b, tracuu_utf8_next(h->path, n, &i));
        path = json_string(b.s ? b.s : "");
        tracuu_buf_free(&b);
        bytes = base64(h->path, n);
    }
    json_object_set_new(hit, "path", path);
    if (bytes)
        json_object_set_new(hit, "path_bytes", bytes);
    json_object_set_new(hit, "title", json_string(h->title ? h->title : ""));
    json_object_set_new(hit, "score", json_real(h->score));
    json_object_set_new(hit, "issued",
                        h->issued ? json_string(h->issued) : json_null());
    json_t *sn = json_array();
    for (size_t i = 0; i < h->n_snippets; i++) {
        const tracuu_snippet_t *s = &h->snippets[i];
        json_t *so = json_object();
        json_object_set_new(so, "text", json_string(s->text));
        json_t *marks = json_array();
        for (size_t m = 0; m < s->n_marks; m++) {
            json_t *mo = json_object();
            json_object_set_new(mo, "start", json_integer((json_int_t)s->marks[m].start));
            json_object_set_new(mo, "length", json_integer((json_int_t)s->marks[m].len));
            json_array_append_new(marks, mo);
        }
        json_object_set_new(so, "matches", marks);
        json_array_append_new(sn, so);
    }
    json_object_set_new(hit, "snippets", sn);
    if (h->note)
        json_object_set_new(hit, "note", json_string(h->note));
    json_array_append_new(json_object_get(o, "hits"), hit);
}

static void json_end(tracuu_printer_t *p)
{
    json_t *o = p->state;
    json_dumpf(o, p->f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', p->f);
    json_decref(o);
    p->state = NULL;
}

void tracuu_printer_init(tracuu_printer_t *p, tracuu_format_t format, FILE *f,
                         bool color, bool tty, bool null)
{
    memset(p, 0, sizeof *p);
    p->f = f;
    p->color = color;
    p->tty = tty;
    p->null = null;
    switch (format) {
    case TRACUU_FORMAT_JSON:
        p->begin = json_begin;
        p->hit = json_hit;
        p->end = json_end;
        break;
    case TRACUU_FORMAT_PATHS:
        p->begin = text_begin;
        p->hit = paths_hit;
        p->end = text_end;
        break;
    case TRACUU_FORMAT_TEXT:
    default:
        p->begin = text_begin;
        p->hit = text_hit;
        p->end = text_end;
        break;
    }
}

bool tracuu_format_wants_snippets(tracuu_format_t format)
{
    return format != TRACUU_FORMAT_PATHS;
}
