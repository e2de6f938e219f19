/* output.c: the text, JSON and paths printers. */
#include "output.h"

#include <jansson.h>
#include <string.h>

#include "buf.h"

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
        fwrite(s->text + at, 1, s->marks[m].start - at, p->f);
        fputs(on, p->f);
        fwrite(s->text + s->marks[m].start, 1, s->marks[m].len, p->f);
        fputs(off, p->f);
        at = s->marks[m].start + s->marks[m].len;
    }
    fputs(s->text + at, p->f);
    fputc('\n', p->f);
}

static void text_hit(tracuu_printer_t *p, const tracuu_hit_t *h)
{
    if (p->color)
        fprintf(p->f, "\033[1m%zu. %s\033[0m\n", h->rank, h->path);
    else
        fprintf(p->f, "%zu. %s\n", h->rank, h->path);
    if (h->title && *h->title)
        fprintf(p->f, "   %s\n", h->title);
    if (h->issued)
        fprintf(p->f, "   ngày ban hành: %s\n", h->issued);
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

static void paths_hit(tracuu_printer_t *p, const tracuu_hit_t *h)
{
    fprintf(p->f, "%s\n", h->path);
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

static void json_hit(tracuu_printer_t *p, const tracuu_hit_t *h)
{
    json_t *o = p->state;
    json_t *hit = json_object();
    json_object_set_new(hit, "rank", json_integer((json_int_t)h->rank));
    /* JSON holds UTF-8 only: a file name that is not comes out with
     * U+FFFD in place of its bad bytes (--paths prints it exactly). */
    json_t *path = json_string(h->path);
    if (!path) {
        tracuu_buf_t b = {0};
        size_t n = strlen(h->path), i = 0;
        while (i < n)
            tracuu_buf_put_cp(&b, tracuu_utf8_next(h->path, n, &i));
        path = json_string(b.s ? b.s : "");
        tracuu_buf_free(&b);
    }
    json_object_set_new(hit, "path", path);
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
                         bool color)
{
    memset(p, 0, sizeof *p);
    p->f = f;
    p->color = color;
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
