/* read_docx.c: Word (.docx) and OpenDocument (.odt) files: paragraphs, tables, notes, headers; the zip and XML guards every zip reader shares. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "read_impl.h"

/* A zip with more entries than this is not a text document. */
#define MAX_ENTRIES 20000
/* Styles followed through basedOn, and styles kept. */
#define MAX_STYLE_CHAIN 10
#define MAX_STYLES 4096
/* Longest title kept, in bytes. */
#define MAX_TITLE 500

/* ---- the archive ---- */

tracuu_read_status_t tracuu_zip_open(const char *path, const char *fmt,
                                     const tracuu_read_opts_t *o,
                                     tracuu_zipdoc_t *d, tracuu_read_result_t *out)
{
    int err = 0;
    memset(d, 0, sizeof *d);
    d->fmt = fmt;
    d->max_mb = o->max_mb;
    d->left = o->max_mb << 20;
    d->z = zip_open(path, ZIP_RDONLY, &err);
    if (!d->z) {
        switch (err) {
        case ZIP_ER_NOZIP:
            return tracuu_read_say(out, TRACUU_READ_FAIL, "not a zip archive "
                                   "(a damaged or mislabelled %s)", fmt);
        case ZIP_ER_INCONS:
        case ZIP_ER_EOF:
        case ZIP_ER_READ:
        case ZIP_ER_SEEK:
            return tracuu_read_say(out, TRACUU_READ_FAIL,
                                   "damaged zip archive (truncated?)");
        case ZIP_ER_MULTIDISK:
            return tracuu_read_say(out, TRACUU_READ_FAIL, "multi-disk zip archive");
        default: {
            zip_error_t ze;
            zip_error_init_with_code(&ze, err);
            tracuu_read_status_t rs = tracuu_read_say(
                out, TRACUU_READ_FAIL, "cannot open zip archive: %s",
                zip_error_strerror(&ze));
            zip_error_fini(&ze);
            return rs;
        }
        }
    }
    if (zip_get_num_entries(d->z, 0) > MAX_ENTRIES) {
        zip_discard(d->z);
        d->z = NULL;
        return tracuu_read_say(out, TRACUU_READ_SKIP,
                               "zip archive with over %d entries", MAX_ENTRIES);
    }
    return TRACUU_READ_OK;
}

void tracuu_zip_close(tracuu_zipdoc_t *d)
{
    if (d->z)
        zip_discard(d->z);
    d->z = NULL;
}

/* The bytes of all parts together may not pass the limit: that stops
 * zip bombs whatever sizes the archive claims. */
int tracuu_zip_part(tracuu_zipdoc_t *d, const char *name, tracuu_buf_t *b,
                     tracuu_read_result_t *out, tracuu_read_status_t *rs)
{
    tracuu_buf_clear(b);
    zip_int64_t idx = zip_name_locate(d->z, name, 0);
    if (idx < 0)
        return 0;
    zip_file_t *f = zip_fopen_index(d->z, (zip_uint64_t)idx, 0);
    if (!f) {
        int code = zip_error_code_zip(zip_get_error(d->z));
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD ||
            code == ZIP_ER_ENCRNOTSUPP)
            *rs = tracuu_read_say(out, TRACUU_READ_SKIP, "encrypted %s", d->fmt);
        else
            *rs = tracuu_read_say(out, TRACUU_READ_FAIL, "cannot read %s: %s",
                                  name, zip_strerror(d->z));
        return -1;
    }
    for (;;) {
        tracuu_buf_reserve(b, 1 << 16);
        zip_int64_t r = zip_fread(f, b->s + b->len, 1 << 16);
        if (r < 0) {
            *rs = tracuu_read_say(out, TRACUU_READ_FAIL, "damaged %s in the "
                                  "zip archive: %s", name,
                                  zip_error_strerror(zip_file_get_error(f)));
            zip_fclose(f);
            return -1;
        }
        if (r == 0)
            break;
        if ((size_t)r > d->left) {
            *rs = tracuu_read_say(out, TRACUU_READ_SKIP,
                                  "%s expands past %zu MB (a zip bomb?)",
                                  d->fmt, d->max_mb);
            zip_fclose(f);
            return -1;
        }
        d->left -= (size_t)r;
        b->len += (size_t)r;
        b->s[b->len] = '\0';
    }
    zip_fclose(f);
    if (!b->s)
        tracuu_buf_reserve(b, 1);
    return 1;
}

/* Names of entries starting with prefix and ending in ".xml", sorted
 * (new array of new strings; free with free_names). */
static char **names_like(tracuu_zipdoc_t *d, const char *prefix, size_t *n)
{
    zip_int64_t total = zip_get_num_entries(d->z, 0);
    char **names = NULL;
    size_t k = 0;
    for (zip_int64_t i = 0; i < total; i++) {
        const char *nm = zip_get_name(d->z, (zip_uint64_t)i, 0);
        size_t len = nm ? strlen(nm) : 0;
        if (!nm || strncmp(nm, prefix, strlen(prefix)) != 0 || len < 4 ||
            strcmp(nm + len - 4, ".xml") != 0)
            continue;
        names = tracuu_xrealloc(names, (k + 1) * sizeof *names);
        names[k++] = tracuu_xstrdup(nm);
    }
    for (size_t i = 1; i < k; i++) /* few names: insertion sort */
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    *n = k;
    return names;
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* ---- XML ---- */

static void on_xml_error(void *ctx, xmlErrorPtr e)
{
    tracuu_xml_err_t *x = ctx;
    if (x->msg[0] || !e || !e->message)
        return;
    snprintf(x->msg, sizeof x->msg, "%s", e->message);
    size_t n = strlen(x->msg);
    while (n && (x->msg[n - 1] == '\n' || x->msg[n - 1] == ' '))
        x->msg[--n] = '\0';
}

/* Office XML never declares a DTD; one that does may hold entity bombs
 * or external entities, so it is refused before parsing. */
static bool declares_dtd(const tracuu_buf_t *b)
{
    return memmem(b->s, b->len, "<!DOCTYPE", 9) || memmem(b->s, b->len, "<!ENTITY", 8);
}

xmlTextReaderPtr tracuu_xml_open(const tracuu_buf_t *b, const char *name,
                                 tracuu_xml_err_t *err, tracuu_read_result_t *out,
                                 tracuu_read_status_t *rs)
{
    if (declares_dtd(b)) {
        *rs = tracuu_read_say(out, TRACUU_READ_SKIP,
                              "%s declares a DTD or entities (refused)", name);
        return NULL;
    }
    tracuu_read_xml_init();
    /* No XML_PARSE_NOENT, DTDLOAD or HUGE: entities stay unexpanded,
     * nothing is fetched, and libxml2 keeps its depth and size limits. */
    xmlTextReaderPtr r = xmlReaderForMemory(
        b->s, (int)b->len, name, NULL,
        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
    if (!r) {
        *rs = tracuu_read_say(out, TRACUU_READ_FAIL, "cannot parse %s", name);
        return NULL;
    }
    memset(err, 0, sizeof *err);
    xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, err);
    return r;
}

tracuu_read_status_t tracuu_xml_failed(const char *name, const tracuu_xml_err_t *err,
                                       tracuu_read_result_t *out)
{
    return tracuu_read_say(out, TRACUU_READ_FAIL, "damaged XML in %s: %s", name,
                           err->msg[0] ? err->msg : "parse error");
}

const char *tracuu_xml_local(xmlTextReaderPtr r)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    return n ? (const char *)n : "";
}

char *tracuu_xml_attr(xmlTextReaderPtr r, const char *want)
{
    char *v = NULL;
    if (xmlTextReaderMoveToFirstAttribute(r) != 1)
        return NULL;
    do {
        if (strcmp(tracuu_xml_local(r), want) == 0) {
            v = (char *)xmlTextReaderValue(r);
            break;
        }
    } while (xmlTextReaderMoveToNextAttribute(r) == 1);
    xmlTextReaderMoveToElement(r);
    return v;
}

static void ensure_newline(tracuu_buf_t *b)
{
    if (b->len && b->s[b->len - 1] != '\n')
        tracuu_buf_putc(b, '\n');
}

/* The text of the first element named name (dc:title), trimmed, with
 * runs of white space made one space; NULL when absent or empty. */
static char *first_element_text(const tracuu_buf_t *b, const char *name,
                                const char *part)
{
    if (!b->len || declares_dtd(b))
        return NULL;
    tracuu_read_xml_init();
    xmlTextReaderPtr r = xmlReaderForMemory(
        b->s, (int)b->len, part, NULL,
        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!r)
        return NULL;
    tracuu_xml_err_t err;
    xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, &err);
    tracuu_buf_t t = {0};
    int depth = -1;
    while (xmlTextReaderRead(r) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (depth < 0 && type == XML_READER_TYPE_ELEMENT &&
            strcmp(tracuu_xml_local(r), name) == 0 && !xmlTextReaderIsEmptyElement(r)) {
            depth = xmlTextReaderDepth(r);
        } else if (depth >= 0 && type == XML_READER_TYPE_END_ELEMENT &&
                   xmlTextReaderDepth(r) == depth) {
            break;
        } else if (depth >= 0 && (type == XML_READER_TYPE_TEXT ||
                                  type == XML_READER_TYPE_CDATA ||
                                  type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                   t.len < MAX_TITLE) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            for (; v && *v && t.len < MAX_TITLE; v++) {
                bool sp = *v == ' ' || *v == '\t' || *v == '\n' || *v == '\r';
                if (sp && (!t.len || t.s[t.len - 1] == ' '))
                    continue;
                tracuu_buf_putc(&t, sp ? ' ' : *v);
            }
        }
    }
    xmlFreeTextReader(r);
    while (t.len && t.s[t.len - 1] == ' ')
        t.s[--t.len] = '\0';
    /* a cut in the middle of a UTF-8 sequence */
    t.len = tracuu_utf8_valid_prefix(t.s ? t.s : "", t.len);
    if (!t.len) {
        tracuu_buf_free(&t);
        return NULL;
    }
    t.s[t.len] = '\0';
    return tracuu_buf_steal(&t);
}

/* ---- Word: styles, for fonts that imply a legacy encoding ---- */

typedef struct style {
    char *id, *based_on, *font;
} style_t;

typedef struct styles {
    style_t *v;
    size_t n;
    char *default_font;       /* docDefaults */
    char *default_para;       /* id of the default paragraph style */
} styles_t;

static void styles_free(styles_t *s)
{
    for (size_t i = 0; i < s->n; i++) {
        xmlFree(s->v[i].id);
        xmlFree(s->v[i].based_on);
        xmlFree(s->v[i].font);
    }
    free(s->v);
    xmlFree(s->default_font);
    xmlFree(s->default_para);
    memset(s, 0, sizeof *s);
}

/* The font a w:rFonts element names for Latin text. */
static char *rfonts_font(xmlTextReaderPtr r)
{
    char *f = tracuu_xml_attr(r, "hAnsi");
    if (!f)
        f = tracuu_xml_attr(r, "ascii");
    return f;
}

/* Read word/styles.xml; failures leave s empty (styles only hint). */
static void styles_read(const tracuu_buf_t *b, styles_t *s)
{
    if (!b->len || declares_dtd(b))
        return;
    tracuu_read_xml_init();
    xmlTextReaderPtr r = xmlReaderForMemory(
        b->s, (int)b->len, "styles.xml", NULL,
        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!r)
        return;
    tracuu_xml_err_t err;
    xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, &err);
    style_t *cur = NULL;
    bool in_defaults = false;
    while (xmlTextReaderRead(r) == 1) {
        int type = xmlTextReaderNodeType(r);
        const char *nm = tracuu_xml_local(r);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (strcmp(nm, "style") == 0)
                cur = NULL;
            else if (strcmp(nm, "rPrDefault") == 0)
                in_defaults = false;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (strcmp(nm, "style") == 0 && s->n < MAX_STYLES) {
            s->v = tracuu_xrealloc(s->v, (s->n + 1) * sizeof *s->v);
            cur = &s->v[s->n++];
            memset(cur, 0, sizeof *cur);
            cur->id = tracuu_xml_attr(r, "styleId");
            char *type_attr = tracuu_xml_attr(r, "type"), *def = tracuu_xml_attr(r, "default");
            if (type_attr && strcmp(type_attr, "paragraph") == 0 && def &&
                (strcmp(def, "1") == 0 || strcmp(def, "true") == 0) &&
                !s->default_para && cur->id)
                s->default_para = (char *)xmlStrdup((xmlChar *)cur->id);
            xmlFree(type_attr);
            xmlFree(def);
            if (xmlTextReaderIsEmptyElement(r))
                cur = NULL;
        } else if (strcmp(nm, "rPrDefault") == 0) {
            in_defaults = !xmlTextReaderIsEmptyElement(r);
        } else if (strcmp(nm, "basedOn") == 0 && cur && !cur->based_on) {
            cur->based_on = tracuu_xml_attr(r, "val");
        } else if (strcmp(nm, "rFonts") == 0) {
            if (cur && !cur->font)
                cur->font = rfonts_font(r);
            else if (!cur && in_defaults && !s->default_font)
                s->default_font = rfonts_font(r);
        }
    }
    xmlFreeTextReader(r);
}

static const style_t *style_find(const styles_t *s, const char *id)
{
    for (size_t i = 0; id && i < s->n; i++)
        if (s->v[i].id && strcmp(s->v[i].id, id) == 0)
            return &s->v[i];
    return NULL;
}

/* The font of style id, following basedOn (borrowed), or NULL. */
static const char *style_font(const styles_t *s, const char *id)
{
    for (int k = 0; id && k < MAX_STYLE_CHAIN; k++) {
        const style_t *st = style_find(s, id);
        if (!st)
            return NULL;
        if (st->font)
            return st->font;
        id = st->based_on;
    }
    return NULL;
}

/* ---- Word: the text of one part ---- */

typedef struct wstate {
    const styles_t *styles;
    tracuu_buf_t *out;
    tracuu_buf_t run;         /* text of the current run */
    char *run_font, *run_style, *para_style; /* xmlFree */
    int in_t;                 /* depth of the open w:t, or -1 */
    int in_ppr;               /* depth of the open w:pPr, or -1 */
    bool legacy_seen;
    tracuu_enc_t legacy;
} wstate_t;

static void set_str(char **slot, char *v)
{
    xmlFree(*slot);
    *slot = v;
}

static void flush_run(wstate_t *w)
{
    if (!w->run.len)
        return;
    const char *font = w->run_font;
    if (!font)
        font = style_font(w->styles, w->run_style);
    if (!font)
        font = style_font(w->styles, w->para_style ? w->para_style
                                                   : w->styles->default_para);
    if (!font)
        font = w->styles->default_font;
    tracuu_enc_t enc = tracuu_enc_from_font(font);
    if (enc != TRACUU_ENC_UTF8) {
        size_t lines = 0;
        if (tracuu_enc_repair(w->run.s, w->run.len, enc, w->out, &lines) != TRACUU_ENC_UTF8) {
            w->legacy_seen = true;
            w->legacy = enc;
        }
    } else {
        tracuu_buf_append(w->out, w->run.s, w->run.len);
    }
    tracuu_buf_clear(&w->run);
}

/* Handle one element start; returns true to skip its subtree. */
static bool word_element(wstate_t *w, xmlTextReaderPtr r)
{
    const char *nm = tracuu_xml_local(r);
    int depth = xmlTextReaderDepth(r);
    bool empty = xmlTextReaderIsEmptyElement(r);
    if (strcmp(nm, "delText") == 0 || strcmp(nm, "instrText") == 0 ||
        strcmp(nm, "Fallback") == 0 || strcmp(nm, "sym") == 0)
        return true;
    if (strcmp(nm, "footnote") == 0 || strcmp(nm, "endnote") == 0) {
        char *type = tracuu_xml_attr(r, "type");
        bool special = type && strcmp(type, "normal") != 0;
        xmlFree(type);
        return special; /* separators, continuation notices */
    }
    if (strcmp(nm, "p") == 0) {
        flush_run(w);
        set_str(&w->para_style, NULL);
    } else if (strcmp(nm, "pPr") == 0 && !empty) {
        w->in_ppr = depth;
    } else if (strcmp(nm, "pStyle") == 0) {
        set_str(&w->para_style, tracuu_xml_attr(r, "val"));
    } else if (strcmp(nm, "r") == 0) {
        flush_run(w);
        set_str(&w->run_font, NULL);
        set_str(&w->run_style, NULL);
    } else if (w->in_ppr >= 0) {
        /* paragraph properties: tab stops and the mark's font are not text */
    } else if (strcmp(nm, "rFonts") == 0) {
        set_str(&w->run_font, rfonts_font(r));
    } else if (strcmp(nm, "rStyle") == 0) {
        set_str(&w->run_style, tracuu_xml_attr(r, "val"));
    } else if (strcmp(nm, "t") == 0 && !empty) {
        w->in_t = depth;
    } else if (strcmp(nm, "tab") == 0 || strcmp(nm, "ptab") == 0) {
        tracuu_buf_putc(&w->run, '\t');
    } else if (strcmp(nm, "br") == 0 || strcmp(nm, "cr") == 0) {
        tracuu_buf_putc(&w->run, '\n');
    } else if (strcmp(nm, "noBreakHyphen") == 0) {
        tracuu_buf_putc(&w->run, '-');
    }
    return false;
}

static void word_end(wstate_t *w, xmlTextReaderPtr r)
{
    const char *nm = tracuu_xml_local(r);
    int depth = xmlTextReaderDepth(r);
    if (depth == w->in_t)
        w->in_t = -1;
    if (depth == w->in_ppr)
        w->in_ppr = -1;
    if (strcmp(nm, "r") == 0) {
        flush_run(w);
    } else if (strcmp(nm, "p") == 0) {
        flush_run(w);
        tracuu_buf_putc(w->out, '\n');
    } else if (strcmp(nm, "tc") == 0) {
        flush_run(w);
        ensure_newline(w->out);
    }
}

/* Append the text of a WordprocessingML part to out. */
static tracuu_read_status_t word_part(const tracuu_buf_t *b, const char *name,
                                      const styles_t *styles, tracuu_buf_t *out,
                                      tracuu_enc_t *legacy,
                                      tracuu_read_result_t *res)
{
    tracuu_read_status_t rs = TRACUU_READ_OK;
    tracuu_xml_err_t err;
    xmlTextReaderPtr r = tracuu_xml_open(b, name, &err, res, &rs);
    if (!r)
        return rs;
    wstate_t w = {.styles = styles, .out = out, .in_t = -1, .in_ppr = -1};
    int ret = xmlTextReaderRead(r);
    while (ret == 1) {
        int type = xmlTextReaderNodeType(r);
        bool skip = false;
        if (type == XML_READER_TYPE_ELEMENT) {
            skip = word_element(&w, r);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            word_end(&w, r);
        } else if (w.in_t >= 0 && (type == XML_READER_TYPE_TEXT ||
                                   type == XML_READER_TYPE_CDATA ||
                                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (v)
                tracuu_buf_puts(&w.run, v);
        }
        ret = skip ? xmlTextReaderNext(r) : xmlTextReaderRead(r);
    }
    flush_run(&w);
    if (ret < 0)
        rs = tracuu_xml_failed(name, &err, res);
    if (w.legacy_seen)
        *legacy = w.legacy;
    tracuu_buf_free(&w.run);
    xmlFree(w.run_font);
    xmlFree(w.run_style);
    xmlFree(w.para_style);
    xmlFreeTextReader(r);
    return rs;
}

/* A part other than the body that cannot be read (damaged XML, a bad
 * checksum) is left out, so the body is still indexed; refusals (a DTD,
 * a zip bomb, encryption) stand. */
static tracuu_read_status_t secondary(tracuu_read_status_t rs,
                                      tracuu_read_result_t *res)
{
    if (rs != TRACUU_READ_FAIL)
        return rs;
    free(res->reason);
    res->reason = NULL;
    return TRACUU_READ_OK;
}

/* Append the text of parts (headers, footers), each different text once. */
static tracuu_read_status_t word_parts(tracuu_zipdoc_t *d, const char *prefix,
                                       const styles_t *styles, tracuu_buf_t *out,
                                       tracuu_enc_t *legacy,
                                       tracuu_read_result_t *res)
{
    size_t n = 0;
    char **names = names_like(d, prefix, &n);
    tracuu_buf_t raw = {0}, text = {0}, seen = {0}, key = {0};
    tracuu_read_status_t rs = TRACUU_READ_OK;
    for (size_t i = 0; i < n && rs == TRACUU_READ_OK; i++) {
        if (tracuu_zip_part(d, names[i], &raw, res, &rs) <= 0) {
            rs = secondary(rs, res);
            continue;
        }
        tracuu_buf_clear(&text);
        rs = secondary(word_part(&raw, names[i], styles, &text, legacy, res), res);
        if (rs != TRACUU_READ_OK || !text.len)
            continue;
        /* the same header on first, even and odd pages: keep one */
        tracuu_buf_clear(&key);
        tracuu_buf_putc(&key, '\0');
        tracuu_buf_append(&key, text.s, text.len);
        tracuu_buf_putc(&key, '\0');
        if (!seen.len || !memmem(seen.s, seen.len, key.s, key.len)) {
            tracuu_buf_append(&seen, key.s, key.len);
            ensure_newline(out);
            tracuu_buf_append(out, text.s, text.len);
        }
    }
    tracuu_buf_free(&raw);
    tracuu_buf_free(&text);
    tracuu_buf_free(&seen);
    tracuu_buf_free(&key);
    free_names(names, n);
    return rs;
}

tracuu_read_status_t tracuu_read_docx(const char *path,
                                      const tracuu_read_opts_t *o,
                                      tracuu_read_result_t *out)
{
    tracuu_zipdoc_t d;
    tracuu_read_status_t rs = tracuu_zip_open(path, "docx", o, &d, out);
    if (rs != TRACUU_READ_OK)
        return rs;
    tracuu_buf_t raw = {0}, text = {0};
    styles_t styles = {0};
    tracuu_enc_t legacy = TRACUU_ENC_UTF8;
    int got = tracuu_zip_part(&d, "word/document.xml", &raw, out, &rs);
    if (got == 0)
        rs = tracuu_read_say(out, TRACUU_READ_FAIL,
                             "no word/document.xml (not a Word document)");
    if (got <= 0)
        goto done;
    tracuu_buf_t sraw = {0};
    if (tracuu_zip_part(&d, "word/styles.xml", &sraw, out, &rs) < 0) {
        tracuu_buf_clear(&sraw);
        if ((rs = secondary(rs, out)) != TRACUU_READ_OK) {
            tracuu_buf_free(&sraw);
            goto done;
        }
    }
    styles_read(&sraw, &styles);
    tracuu_buf_free(&sraw);
    rs = word_part(&raw, "word/document.xml", &styles, &text, &legacy, out);
    static const char *const notes[] = {"word/footnotes.xml", "word/endnotes.xml"};
    tracuu_buf_t part = {0};
    for (size_t i = 0; i < 2 && rs == TRACUU_READ_OK; i++) {
        int k = tracuu_zip_part(&d, notes[i], &raw, out, &rs);
        tracuu_buf_clear(&part);
        if (k > 0)
            rs = word_part(&raw, notes[i], &styles, &part, &legacy, out);
        rs = secondary(rs, out);
        if (k > 0 && rs == TRACUU_READ_OK && part.len) {
            ensure_newline(&text);
            tracuu_buf_append(&text, part.s, part.len);
        }
    }
    tracuu_buf_free(&part);
    if (rs == TRACUU_READ_OK)
        rs = word_parts(&d, "word/header", &styles, &text, &legacy, out);
    if (rs == TRACUU_READ_OK)
        rs = word_parts(&d, "word/footer", &styles, &text, &legacy, out);
    if (rs == TRACUU_READ_OK) {
        if (tracuu_zip_part(&d, "docProps/core.xml", &raw, out, &rs) > 0)
            out->title = first_element_text(&raw, "title", "docProps/core.xml");
        rs = secondary(rs, out);
    }
    if (rs == TRACUU_READ_OK) {
        tracuu_buf_t label = {0};
        tracuu_read_enc_label(&label, "UTF-8", legacy);
        rs = tracuu_read_finish(out, &text, label.s, true);
        tracuu_buf_free(&label);
    }
done:
    styles_free(&styles);
    tracuu_buf_free(&raw);
    tracuu_buf_free(&text);
    tracuu_zip_close(&d);
    return rs;
}

/* ---- OpenDocument ---- */

typedef struct ostate {
    tracuu_buf_t *out, *notes, *target;
    int in_par;       /* open text:p / text:h */
    int note_body;    /* depth of the open text:note-body, or -1 */
    int hf;           /* depth of the open header/footer, or -1 */
    bool need_hf;     /* styles.xml: text only inside headers and footers */
} ostate_t;

static bool is_header_footer(const char *nm)
{
    return strncmp(nm, "header", 6) == 0 || strncmp(nm, "footer", 6) == 0;
}

static bool odf_element(ostate_t *s, xmlTextReaderPtr r)
{
    const char *nm = tracuu_xml_local(r);
    int depth = xmlTextReaderDepth(r);
    bool empty = xmlTextReaderIsEmptyElement(r);
    if (strcmp(nm, "note-citation") == 0 || strcmp(nm, "tracked-changes") == 0 ||
        strcmp(nm, "annotation") == 0 || strcmp(nm, "deletion") == 0)
        return true;
    if (s->need_hf && s->hf < 0) {
        if (is_header_footer(nm) && !empty)
            s->hf = depth;
        return false;
    }
    if ((strcmp(nm, "p") == 0 || strcmp(nm, "h") == 0) && !empty) {
        s->in_par++;
    } else if ((strcmp(nm, "p") == 0 || strcmp(nm, "h") == 0) && empty) {
        tracuu_buf_putc(s->target, '\n');
    } else if (strcmp(nm, "note-body") == 0 && !empty && s->note_body < 0) {
        s->note_body = depth;
        s->target = s->notes;
    } else if (s->in_par && strcmp(nm, "s") == 0) {
        char *c = tracuu_xml_attr(r, "c");
        long k = c ? strtol(c, NULL, 10) : 1;
        xmlFree(c);
        for (long i = 0; i < (k < 1 ? 1 : k > 200 ? 200 : k); i++)
            tracuu_buf_putc(s->target, ' ');
    } else if (s->in_par && strcmp(nm, "tab") == 0) {
        tracuu_buf_putc(s->target, '\t');
    } else if (s->in_par && strcmp(nm, "line-break") == 0) {
        tracuu_buf_putc(s->target, '\n');
    }
    return false;
}

static void odf_end(ostate_t *s, xmlTextReaderPtr r)
{
    const char *nm = tracuu_xml_local(r);
    int depth = xmlTextReaderDepth(r);
    if (depth == s->hf) {
        s->hf = -1;
        return;
    }
    if (s->need_hf && s->hf < 0)
        return;
    if (strcmp(nm, "p") == 0 || strcmp(nm, "h") == 0) {
        if (s->in_par > 0)
            s->in_par--;
        tracuu_buf_putc(s->target, '\n');
    } else if (depth == s->note_body) {
        s->note_body = -1;
        s->target = s->out;
    } else if (strcmp(nm, "table-cell") == 0) {
        ensure_newline(s->target);
    }
}

/* Append the text of an OpenDocument part to out (notes to notes). */
static tracuu_read_status_t odf_part(const tracuu_buf_t *b, const char *name,
                                     bool need_hf, tracuu_buf_t *out,
                                     tracuu_buf_t *notes,
                                     tracuu_read_result_t *res)
{
    tracuu_read_status_t rs = TRACUU_READ_OK;
    tracuu_xml_err_t err;
    xmlTextReaderPtr r = tracuu_xml_open(b, name, &err, res, &rs);
    if (!r)
        return rs;
    ostate_t s = {out, notes, out, 0, -1, -1, need_hf};
    int ret = xmlTextReaderRead(r);
    while (ret == 1) {
        int type = xmlTextReaderNodeType(r);
        bool skip = false;
        if (type == XML_READER_TYPE_ELEMENT)
            skip = odf_element(&s, r);
        else if (type == XML_READER_TYPE_END_ELEMENT)
            odf_end(&s, r);
        else if (s.in_par && (!s.need_hf || s.hf >= 0) &&
                 (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                  type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (v)
                tracuu_buf_puts(s.target, v);
        }
        ret = skip ? xmlTextReaderNext(r) : xmlTextReaderRead(r);
    }
    if (ret < 0)
        rs = tracuu_xml_failed(name, &err, res);
    xmlFreeTextReader(r);
    return rs;
}

tracuu_read_status_t tracuu_read_odt(const char *path,
                                     const tracuu_read_opts_t *o,
                                     tracuu_read_result_t *out)
{
    tracuu_zipdoc_t d;
    tracuu_read_status_t rs = tracuu_zip_open(path, "odt", o, &d, out);
    if (rs != TRACUU_READ_OK)
        return rs;
    tracuu_buf_t raw = {0}, text = {0}, notes = {0};
    int got = tracuu_zip_part(&d, "content.xml", &raw, out, &rs);
    if (got == 0)
        rs = tracuu_read_say(out, TRACUU_READ_FAIL,
                             "no content.xml (not an OpenDocument file)");
    if (got <= 0)
        goto done;
    rs = odf_part(&raw, "content.xml", false, &text, &notes, out);
    if (rs == TRACUU_READ_OK && notes.len) {
        ensure_newline(&text);
        tracuu_buf_append(&text, notes.s, notes.len);
    }
    if (rs == TRACUU_READ_OK) {
        tracuu_buf_t hf = {0};
        if (tracuu_zip_part(&d, "styles.xml", &raw, out, &rs) > 0) {
            tracuu_buf_clear(&notes);
            rs = odf_part(&raw, "styles.xml", true, &hf, &notes, out);
        }
        rs = secondary(rs, out);
        if (rs == TRACUU_READ_OK && hf.len) {
            ensure_newline(&text);
            tracuu_buf_append(&text, hf.s, hf.len);
        }
        tracuu_buf_free(&hf);
    }
    if (rs == TRACUU_READ_OK) {
        if (tracuu_zip_part(&d, "meta.xml", &raw, out, &rs) > 0)
            out->title = first_element_text(&raw, "title", "meta.xml");
        rs = secondary(rs, out);
    }
    if (rs == TRACUU_READ_OK)
        rs = tracuu_read_finish(out, &text, "UTF-8", true);
done:
    tracuu_buf_free(&raw);
    tracuu_buf_free(&text);
    tracuu_buf_free(&notes);
    tracuu_zip_close(&d);
    return rs;
}
