/* output.c: the text, JSON, paths and CSV printers, and the search results
 * written through them. */
#include "output.h"

#include <assert.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "i18n.h"
#include "wrap.h"

/* --- text: values only, escaped, padded to the width asked --- */

/* Characters (not bytes) in UTF-8 s[0..n). */
static int chars_in(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Write s[0..n), already escaped, padded to p->pad; the pad is used up. */
static void text_put_padded(tracuu_printer_t *p, const char *s, size_t n)
{
    int w = p->pad < 0 ? -p->pad : p->pad;
    int fill = w - chars_in(s, n);
    if (p->pad > 0)
        for (int i = 0; i < fill; i++)
            fputc(' ', p->f);
    fwrite(s, 1, n, p->f);
    if (p->pad < 0)
        for (int i = 0; i < fill; i++)
            fputc(' ', p->f);
    p->pad = 0;
}

static void text_nothing(tracuu_printer_t *p)
{
    (void)p;
}

static void text_map_key(tracuu_printer_t *p, const char *key)
{
    (void)p;
    (void)key;
}

static void text_string(tracuu_printer_t *p, const char *s, size_t n)
{
    if (!s)
        return;
    tracuu_buf_t b = {0};
    tracuu_escape_text(&b, s, n);
    text_put_padded(p, b.s ? b.s : "", b.len);
    tracuu_buf_free(&b);
}

static void text_name(tracuu_printer_t *p, const char *s)
{
    tracuu_buf_t b = {0};
    tracuu_escape_name(&b, s, strlen(s));
    text_put_padded(p, b.s ? b.s : "", b.len);
    tracuu_buf_free(&b);
}

static void text_integer(tracuu_printer_t *p, long long v)
{
    char s[32];
    int n = snprintf(s, sizeof s, "%lld", v);
    text_put_padded(p, s, (size_t)n);
}

static void text_real(tracuu_printer_t *p, double v)
{
    char s[64];
    int n = snprintf(s, sizeof s, "%g", v);
    text_put_padded(p, s, (size_t)n);
}

static void text_width(tracuu_printer_t *p, int w)
{
    p->pad = w;
}

static void text_literal(tracuu_printer_t *p, const char *s)
{
    fputs(s, p->f);
}

static void text_separator(tracuu_printer_t *p)
{
    fputc('\n', p->f);
}

/* --- paths: raw bytes, for xargs --- */

/* NUL-terminated with -0 (the only form a name with a line feed
 * survives), else one a line, escaped on a terminal. */
static void paths_name(tracuu_printer_t *p, const char *s)
{
    if (p->tty && !p->null)
        text_name(p, s);
    else
        fputs(s, p->f);
}

static void paths_separator(tracuu_printer_t *p)
{
    fputc(p->null ? '\0' : '\n', p->f);
}

/* --- JSON: jansson values, written out when the outermost closes --- */

#define JSON_MAX_DEPTH 8

typedef struct json_state {
    json_t *open[JSON_MAX_DEPTH]; /* borrowed but open[0], the document */
    int depth;
    char *key;                    /* the next value's, in a map */
} json_state_t;

/* Add v (taken) to the innermost container. A value jansson refuses (a
 * string that is not UTF-8) leaves its key out, as it always has. */
static void json_add(tracuu_printer_t *p, json_t *v)
{
    json_state_t *s = p->state;
    assert(s && s->depth > 0); /* a value goes into an open map or list */
    json_t *top = s->open[s->depth - 1];
    if (json_is_object(top)) {
        assert(s->key);
        json_object_set_new(top, s->key, v);
        free(s->key);
        s->key = NULL;
    } else {
        json_array_append_new(top, v);
    }
}

/* The state lives from the opening of a document to its end. */
static void json_open(tracuu_printer_t *p, json_t *c)
{
    if (!p->state)
        p->state = tracuu_xcalloc(1, sizeof(json_state_t));
    json_state_t *s = p->state;
    assert(s->depth < JSON_MAX_DEPTH);
    if (s->depth > 0)
        json_add(p, c);
    s->open[s->depth++] = c;
}

static void json_begin_map(tracuu_printer_t *p)
{
    json_open(p, json_object());
}

static void json_begin_list(tracuu_printer_t *p)
{
    json_open(p, json_array());
}

static void json_end(tracuu_printer_t *p)
{
    json_state_t *s = p->state;
    assert(s && s->depth > 0);
    if (--s->depth > 0)
        return;
    json_dumpf(s->open[0], p->f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', p->f);
    json_decref(s->open[0]);
    free(s->key);
    free(s);
    p->state = NULL;
}

static void json_map_key(tracuu_printer_t *p, const char *key)
{
    json_state_t *s = p->state;
    assert(s && s->depth > 0);
    free(s->key);
    s->key = tracuu_xstrdup(key);
}

static void json_string_(tracuu_printer_t *p, const char *s, size_t n)
{
    json_add(p, s ? json_stringn(s, n) : json_null());
}

static void json_name(tracuu_printer_t *p, const char *s)
{
    json_add(p, json_string(s));
}

static void json_integer_(tracuu_printer_t *p, long long v)
{
    json_add(p, json_integer((json_int_t)v));
}

static void json_real_(tracuu_printer_t *p, double v)
{
    json_add(p, json_real(v));
}

static void json_width(tracuu_printer_t *p, int w)
{
    (void)p;
    (void)w;
}

static void json_boolean_(tracuu_printer_t *p, bool v)
{
    json_add(p, json_boolean(v));
}

static void json_literal(tracuu_printer_t *p, const char *s)
{
    (void)p;
    (void)s;
}

/* --- CSV: RFC 4180 cells, one row a record --- */

/* A cell: escaped as text is (no control character reaches the file or
 * a terminal), quoted when it holds a comma, a quote or a line break,
 * and kept from starting as a spreadsheet formula. */
static void csv_cell(tracuu_printer_t *p, const char *s, size_t n, bool name)
{
    tracuu_buf_t b = {0};
    if (name)
        tracuu_escape_name(&b, s, n);
    else
        tracuu_escape_text(&b, s, n);
    const char *v = b.s ? b.s : "";
    if (p->col++)
        fputc(',', p->f);
    bool formula = *v && strchr("=+-@", *v);
    bool quote = formula || strpbrk(v, ",\"\r\n") != NULL;
    if (quote)
        fputc('"', p->f);
    if (formula)
        fputc('\'', p->f);
    for (const char *c = v; *c; c++) {
        if (*c == '"')
            fputc('"', p->f);
        fputc(*c, p->f);
    }
    if (quote)
        fputc('"', p->f);
    tracuu_buf_free(&b);
}

static void csv_string(tracuu_printer_t *p, const char *s, size_t n)
{
    csv_cell(p, s ? s : "", s ? n : 0, false);
}

static void csv_name(tracuu_printer_t *p, const char *s)
{
    csv_cell(p, s, strlen(s), true);
}

static void csv_integer(tracuu_printer_t *p, long long v)
{
    char s[32];
    int n = snprintf(s, sizeof s, "%lld", v);
    csv_cell(p, s, (size_t)n, false);
}

static void csv_real(tracuu_printer_t *p, double v)
{
    char s[64];
    int n = snprintf(s, sizeof s, "%g", v);
    csv_cell(p, s, (size_t)n, false);
}

static void csv_separator(tracuu_printer_t *p)
{
    fputs("\r\n", p->f);
    p->col = 0;
}

static void csv_nothing_literal(tracuu_printer_t *p, const char *s)
{
    (void)p;
    (void)s;
}

static void csv_nothing_width(tracuu_printer_t *p, int w)
{
    (void)p;
    (void)w;
}

void tracuu_printer_init(tracuu_printer_t *p, tracuu_format_t format, FILE *f,
                         bool color, bool tty, bool null)
{
    if (format == TRACUU_FORMAT_JSON) {
        *p = (tracuu_printer_t){json_begin_map, json_begin_list, json_end,
                                json_map_key, json_string_, json_name,
                                json_integer_, json_real_, json_width,
                                json_literal, text_nothing, true, format, f,
                                color, tty, null, 0, 0, false, NULL, false, 0, 0,
                                json_boolean_, NULL};
        return;
    }
    *p = (tracuu_printer_t){text_nothing, text_nothing, text_nothing,
                            text_map_key, text_string, text_name,
                            text_integer, text_real, text_width, text_literal,
                            text_separator, false, format, f, color, tty,
                            null, 0, 0, false, NULL, false, 0, 0, NULL, NULL};
    if (format == TRACUU_FORMAT_PATHS) {
        p->name = paths_name;
        p->separator = paths_separator;
    }
    if (format == TRACUU_FORMAT_CSV) {
        p->string = csv_string;
        p->name = csv_name;
        p->integer = csv_integer;
        p->real = csv_real;
        p->width = csv_nothing_width;
        p->literal = csv_nothing_literal;
        p->separator = csv_separator;
        fputs("\xEF\xBB\xBF", f); /* the byte order mark Excel wants */
    }
}

void tracuu_print_bool(tracuu_printer_t *p, bool v)
{
    if (p->boolean)
        p->boolean(p, v);
    else
        p->literal(p, v ? "true" : "false");
}

void tracuu_print_str(tracuu_printer_t *p, const char *s)
{
    p->string(p, s, s ? strlen(s) : 0);
}

void tracuu_print_document(tracuu_printer_t *p)
{
    if (!p->structured)
        return;
    p->begin_map(p);
    p->map_key(p, "format_version");
    p->integer(p, p->format_version ? p->format_version
                                    : TRACUU_JSON_FORMAT_VERSION);
    if (p->shards_missing && p->shards_missing[0]) {
        p->map_key(p, "shards_missing");
        p->begin_list(p);
        for (size_t i = 0; p->shards_missing[i]; i++)
            tracuu_print_str(p, p->shards_missing[i]);
        p->end(p);
    }
}

const char *const tracuu_sheet_columns[] = {
    "Số thứ tự", "Số và ký hiệu", "Ngày tháng", "Tên loại",
    "Cơ quan ban hành", "Trích yếu nội dung", "Người ký", "Số trang",
    "Tên tệp", "Ghi chú", NULL,
};

void tracuu_date_dmy(const char *iso, char out[TRACUU_DMY_SIZE])
{
    out[0] = '\0';
    if (!iso)
        return;
    size_t n = strlen(iso);
    if (n == 10)
        snprintf(out, TRACUU_DMY_SIZE, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    else if (n == 7)
        snprintf(out, TRACUU_DMY_SIZE, "%.2s/%.4s", iso + 5, iso);
    else if (n == 4)
        snprintf(out, TRACUU_DMY_SIZE, "%.4s", iso);
}

static bool is_sheet(const tracuu_printer_t *p)
{
    return p->format == TRACUU_FORMAT_CSV || p->format == TRACUU_FORMAT_XLSX;
}

/* Text: where the page lies among all the matches, when some are not
 * on it ("Showing 11–20 of 163"). */
static void text_showing(tracuu_printer_t *p, unsigned total, bool exact,
                         unsigned offset, unsigned shown)
{
    if ((exact && shown == total) || p->format != TRACUU_FORMAT_TEXT)
        return;
    char line[96];
    if (shown)
        snprintf(line, sizeof line,
                 exact ? _("Showing %u–%u of %u") : _("Showing %u–%u of about %u"),
                 offset + 1, offset + shown, total);
    else
        snprintf(line, sizeof line,
                 exact ? _("Showing %u of %u") : _("Showing %u of about %u"),
                 offset, total);
    p->literal(p, line);
    p->separator(p);
}

void tracuu_print_results_begin(tracuu_printer_t *p, const char *query,
                                const char *parsed, unsigned total,
                                bool exact, unsigned offset, unsigned limit,
                                unsigned shown, const char *suggestion)
{
    if (is_sheet(p)) {
        for (size_t i = 0; tracuu_sheet_columns[i]; i++)
            tracuu_print_str(p, tracuu_sheet_columns[i]);
        p->separator(p);
        return;
    }
    if (!p->structured) {
        text_showing(p, total, exact, offset, shown);
        return;
    }
    tracuu_print_document(p);
    p->map_key(p, "query");
    tracuu_print_str(p, query);
    if (p->format_version == 2) { /* dropped in 3: a debug string */
        p->map_key(p, "parsed");
        tracuu_print_str(p, parsed ? parsed : "");
    }
    p->map_key(p, "total");
    p->integer(p, total);
    p->map_key(p, "total_exact");
    tracuu_print_bool(p, exact);
    p->map_key(p, "offset");
    p->integer(p, offset);
    p->map_key(p, "limit");
    p->integer(p, limit);
    if (suggestion) {
        p->map_key(p, "suggestion");
        tracuu_print_str(p, suggestion);
    }
    p->map_key(p, "hits");
    p->begin_list(p);
}

void tracuu_print_results_end(tracuu_printer_t *p)
{
    if (p->format == TRACUU_FORMAT_XLSX) {
        p->end(p); /* the workbook, written out */
        return;
    }
    if (!p->structured)
        return;
    p->end(p); /* hits */
    p->end(p); /* the document, written out */
}

/* --- a hit as text --- */

static void text_snippet(tracuu_printer_t *p, const tracuu_snippet_t *s)
{
    const char *on = p->color ? "\033[1;31m" : p->marks ? "[" : "";
    const char *off = p->color ? "\033[0m" : p->marks ? "]" : "";
    size_t at = 0;
    p->literal(p, "   ");
    for (size_t m = 0; m < s->n_marks; m++) {
        assert(s->marks[m].start >= at);
        p->string(p, s->text + at, s->marks[m].start - at);
        p->literal(p, on);
        p->string(p, s->text + s->marks[m].start, s->marks[m].len);
        p->literal(p, off);
        at = s->marks[m].start + s->marks[m].len;
    }
    tracuu_print_str(p, s->text + at);
    p->separator(p);
}

/* Paths, titles and snippets come from the files and the index, both
 * untrusted: every one is escaped, so a name holding a line feed or a
 * terminal sequence shows as \n or \e, never acts. */
/* A labelled line of the record: "   label: value", nothing when the
 * value is unknown. */
static void text_field(tracuu_printer_t *p, const char *label, const char *v)
{
    if (!v || !*v)
        return;
    p->literal(p, "   ");
    p->literal(p, label);
    p->literal(p, ": ");
    tracuu_print_str(p, v);
    p->separator(p);
}

/* "Tống Thanh Hải (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)": the name, its role
 * after it; either alone when the other is unknown. New; free with
 * free(); NULL when neither is known. */
static char *signer_of(const tracuu_hit_t *h)
{
    bool name = h->signer && *h->signer;
    bool role = h->signer_role && *h->signer_role;
    if (!name && !role)
        return NULL;
    tracuu_buf_t b = {0};
    if (name && role)
        tracuu_buf_printf(&b, "%s (%s)", h->signer, h->signer_role);
    else
        tracuu_buf_puts(&b, name ? h->signer : h->signer_role);
    return tracuu_buf_steal(&b);
}

/* The record as text: the title, then one labelled line a field. */
static void text_record(tracuu_printer_t *p, const tracuu_hit_t *h)
{
    if (h->title && *h->title) {
        p->literal(p, "   ");
        tracuu_print_str(p, h->title);
        p->separator(p);
    }
    char dmy[TRACUU_DMY_SIZE];
    tracuu_date_dmy(h->issued, dmy);
    char *signer = signer_of(h);
    text_field(p, "số, ký hiệu", h->number);
    text_field(p, "ngày ban hành", dmy);
    text_field(p, "tên loại", h->type);
    text_field(p, "cơ quan ban hành", h->issuer);
    text_field(p, "người ký", signer);
    free(signer);
    char pages[16] = "";
    if (h->pages)
        snprintf(pages, sizeof pages, "%u", h->pages);
    text_field(p, "số trang", pages);
}

/* The record as members of the open map. */
static void struct_record(tracuu_printer_t *p, const tracuu_hit_t *h)
{
    static const char *const keys[] = {"issued", "number", "type", "issuer",
                                       "signer", "signer_role", "place",
                                       "format"};
    const char *v[] = {h->issued, h->number, h->type, h->issuer, h->signer,
                       h->signer_role, h->place, h->format};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        p->map_key(p, keys[i]);
        tracuu_print_str(p, v[i]);
    }
    p->map_key(p, "pages");
    if (h->pages)
        p->integer(p, h->pages);
    else
        tracuu_print_str(p, NULL);
}

void tracuu_print_record(tracuu_printer_t *p, const tracuu_hit_t *h)
{
    if (!p->structured) {
        text_record(p, h);
        return;
    }
    p->map_key(p, "title");
    tracuu_print_str(p, h->title ? h->title : "");
    struct_record(p, h);
}

/* Paths, titles and snippets come from the files and the index, both
 * untrusted: every one is escaped, so a name holding a line feed or a
 * terminal sequence shows as \n or \e, never acts. The record's fields
 * each have a line of their own, labelled as the archive's sheet names
 * them. */
static void text_hit_lines(tracuu_printer_t *p, const tracuu_hit_t *h);

/* A hit as text, its lines wrapped to p->wrap columns when asked. */
static void text_hit(tracuu_printer_t *p, const tracuu_hit_t *h)
{
    char *s = NULL;
    size_t n = 0;
    FILE *mem = p->wrap > 0 ? open_memstream(&s, &n) : NULL;
    if (!mem) {
        text_hit_lines(p, h);
        return;
    }
    FILE *out = p->f;
    p->f = mem;
    text_hit_lines(p, h);
    fclose(mem);
    p->f = out;
    tracuu_wrap_write(out, s, n, p->wrap);
    free(s);
}

static void text_hit_lines(tracuu_printer_t *p, const tracuu_hit_t *h)
{
    p->literal(p, p->color ? "\033[1m" : "");
    p->integer(p, (long long)h->rank);
    p->literal(p, ". ");
    p->name(p, h->path);
    p->literal(p, p->color ? "\033[0m" : "");
    p->separator(p);
    text_record(p, h);
    if (h->n_also) {
        p->literal(p, "   also: ");
        for (size_t i = 0; i < h->n_also; i++) {
            p->literal(p, i ? ", " : "");
            p->name(p, h->also[i]);
        }
        p->separator(p);
    }
    for (size_t i = 0; i < h->n_snippets; i++)
        text_snippet(p, &h->snippets[i]);
    if (h->note) { /* a static string of ours */
        p->literal(p, "   (");
        p->literal(p, h->note);
        p->literal(p, ")");
        p->separator(p);
    }
}

/* The sheet's "Ghi chú": the hit's note, then the plan's other files
 * ("cùng văn bản: a.pdf, a.txt", the same document), escaped as names;
 * NULL when neither. New; free with free(). */
static char *sheet_note(const tracuu_hit_t *h)
{
    if (!h->n_also)
        return h->note ? tracuu_xstrdup(h->note) : NULL;
    tracuu_buf_t b = {0};
    if (h->note)
        tracuu_buf_printf(&b, "%s; ", h->note);
    tracuu_buf_puts(&b, "cùng văn bản: ");
    for (size_t i = 0; i < h->n_also; i++) {
        tracuu_buf_puts(&b, i ? ", " : "");
        tracuu_escape_name(&b, h->also[i], strlen(h->also[i]));
    }
    return tracuu_buf_steal(&b);
}

/* A row of the sheet, in the order of tracuu_sheet_columns; "Số trang"
 * empty when the format gives no page count (plain text). */
static void sheet_hit(tracuu_printer_t *p, const tracuu_hit_t *h)
{
    char dmy[TRACUU_DMY_SIZE];
    tracuu_date_dmy(h->issued, dmy);
    char *signer = signer_of(h);
    p->integer(p, (long long)h->rank);
    tracuu_print_str(p, h->number);
    tracuu_print_str(p, dmy);
    tracuu_print_str(p, h->type);
    tracuu_print_str(p, h->issuer);
    tracuu_print_str(p, h->title);
    tracuu_print_str(p, signer);
    char pages[16] = "";
    if (h->pages)
        snprintf(pages, sizeof pages, "%u", h->pages);
    tracuu_print_str(p, h->pages ? pages : NULL);
    p->name(p, h->path);
    char *note = sheet_note(h);
    tracuu_print_str(p, note);
    free(note);
    p->separator(p);
    free(signer);
}

/* --- a hit, structured --- */

/* The n bytes at s in base64 (RFC 4648, padded); new, free with free(). */
static char *base64(const char *s, size_t n)
{
    static const char al[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *u = (const unsigned char *)s;
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, "");
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
    return tracuu_buf_steal(&b);
}

/* A file name as UTF-8: U+FFFD for its bad bytes. */
static void struct_name(tracuu_printer_t *p, const char *path)
{
    size_t n = strlen(path);
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, "");
    for (size_t i = 0; i < n;)
        tracuu_buf_put_cp(&b, tracuu_utf8_next(path, n, &i));
    p->name(p, b.s);
    tracuu_buf_free(&b);
}

/* Structured formats hold UTF-8 only: a file name that is not comes out
 * with U+FFFD in place of its bad bytes, and its exact bytes in base64
 * as "path_bytes" (only then). */
static void struct_path(tracuu_printer_t *p, const char *path)
{
    size_t n = strlen(path);
    p->map_key(p, "path");
    if (tracuu_utf8_valid_prefix(path, n) == n) {
        p->name(p, path);
        return;
    }
    struct_name(p, path);
    char *bytes = base64(path, n);
    p->map_key(p, "path_bytes");
    tracuu_print_str(p, bytes);
    free(bytes);
}

/* A match within a snippet's text: from format 3 "start" and "length"
 * in characters (code points, as JavaScript's and Python's strings
 * count them: slicing by them gives the matched text) and "start_bytes"
 * and "length_bytes" in UTF-8 bytes; format 2 had the bytes alone, as
 * "start" and "length". */
static void struct_mark(tracuu_printer_t *p, const char *text,
                        const tracuu_mark_t *mk)
{
    p->begin_map(p);
    if (p->format_version == 2) {
        p->map_key(p, "start");
        p->integer(p, (long long)mk->start);
        p->map_key(p, "length");
        p->integer(p, (long long)mk->len);
        p->end(p);
        return;
    }
    p->map_key(p, "start");
    p->integer(p, (long long)chars_in(text, mk->start));
    p->map_key(p, "length");
    p->integer(p, (long long)chars_in(text + mk->start, mk->len));
    p->map_key(p, "start_bytes");
    p->integer(p, (long long)mk->start);
    p->map_key(p, "length_bytes");
    p->integer(p, (long long)mk->len);
    p->end(p);
}

static void struct_snippet(tracuu_printer_t *p, const tracuu_snippet_t *s)
{
    p->begin_map(p);
    p->map_key(p, "text");
    tracuu_print_str(p, s->text);
    p->map_key(p, "matches");
    p->begin_list(p);
    for (size_t m = 0; m < s->n_marks; m++)
        struct_mark(p, s->text, &s->marks[m]);
    p->end(p);
    p->end(p);
}

void tracuu_print_path(tracuu_printer_t *p, const char *path)
{
    if (p->structured)
        struct_path(p, path);
    else
        p->name(p, path);
}

static void struct_hit(tracuu_printer_t *p, const tracuu_hit_t *h)
{
    p->begin_map(p);
    p->map_key(p, "rank");
    p->integer(p, (long long)h->rank);
    if (h->id) {
        p->map_key(p, "id");
        p->integer(p, (long long)h->id);
    }
    struct_path(p, h->path);
    p->map_key(p, "title");
    tracuu_print_str(p, h->title ? h->title : "");
    p->map_key(p, "score");
    p->real(p, h->score);
    struct_record(p, h);
    p->map_key(p, "also");
    p->begin_list(p);
    for (size_t i = 0; i < h->n_also; i++)
        struct_name(p, h->also[i]);
    p->end(p);
    p->map_key(p, "snippets");
    p->begin_list(p);
    for (size_t i = 0; i < h->n_snippets; i++)
        struct_snippet(p, &h->snippets[i]);
    p->end(p);
    if (h->note) {
        p->map_key(p, "note");
        tracuu_print_str(p, h->note);
    }
    if (h->shard) {
        p->map_key(p, "shard");
        tracuu_print_str(p, h->shard);
    }
    if (h->snippet_unavailable) {
        p->map_key(p, "snippet_unavailable");
        tracuu_print_bool(p, true);
    }
    p->end(p);
}

void tracuu_print_hit(tracuu_printer_t *p, const tracuu_hit_t *h)
{
    if (p->structured) {
        struct_hit(p, h);
    } else if (is_sheet(p)) {
        sheet_hit(p, h);
    } else if (p->format == TRACUU_FORMAT_PATHS) {
        p->name(p, h->path);
        p->separator(p);
    } else {
        text_hit(p, h);
    }
}

bool tracuu_format_wants_snippets(tracuu_format_t format)
{
    return format == TRACUU_FORMAT_TEXT || format == TRACUU_FORMAT_JSON;
}
