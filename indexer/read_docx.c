/* read_docx.c: Word (.docx) files: paragraphs, tables, notes, headers, and fonts that imply a legacy encoding. */
#include "read_zip.h"

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
    if (!b->len || tracuu_zipx_declares_dtd(b))
        return;
    tracuu_read_xml_init();
    xmlTextReaderPtr r = xmlReaderForMemory(
        b->s, (int)b->len, "styles.xml", NULL,
        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!r)
        return;
    tracuu_xml_err_t err = {0};
    xmlTextReaderSetStructuredErrorHandler(r, tracuu_zipx_on_xml_error, &err);
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
            char *type_attr = tracuu_xml_attr(r, "type"),
                 *def = tracuu_xml_attr(r, "default");
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
        if (tracuu_enc_repair(w->run.s, w->run.len, enc, w->out, &lines) !=
            TRACUU_ENC_UTF8) {
            w->legacy_seen = true;
            w->legacy = enc;
        }
    } else {
        tracuu_buf_append(w->out, w->run.s, w->run.len);
    }
    tracuu_buf_clear(&w->run);
}

/* Handle one element start; returns true to skip its subtree. */
static bool word_element(void *ctx, xmlTextReaderPtr r)
{
    wstate_t *w = ctx;
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

static void word_end(void *ctx, xmlTextReaderPtr r)
{
    wstate_t *w = ctx;
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
        tracuu_zipx_ensure_newline(w->out);
    }
}

static tracuu_buf_t *word_text_to(void *ctx)
{
    wstate_t *w = ctx;
    return w->in_t >= 0 ? &w->run : NULL;
}

/* Append the text of a WordprocessingML part to out. */
static tracuu_read_status_t word_part(const tracuu_buf_t *b, const char *name,
                                      const styles_t *styles, tracuu_buf_t *out,
                                      tracuu_enc_t *legacy,
                                      tracuu_read_result_t *res)
{
    static const tracuu_zipx_walk_t cb = {word_element, word_end,
                                          word_text_to};
    wstate_t w = {.styles = styles, .out = out, .in_t = -1, .in_ppr = -1};
    tracuu_read_status_t rs = tracuu_zipx_walk(b, name, &cb, &w, res);
    flush_run(&w);
    if (w.legacy_seen)
        *legacy = w.legacy;
    tracuu_buf_free(&w.run);
    xmlFree(w.run_font);
    xmlFree(w.run_style);
    xmlFree(w.para_style);
    return rs;
}

/* A part other than the body that cannot be read (damaged XML, a bad
 * checksum) is left out, so the body is still indexed; refusals (a DTD,
 * a zip bomb, encryption) stand. */
tracuu_read_status_t tracuu_zipx_secondary(tracuu_read_status_t rs,
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
                                       const styles_t *styles,
                                       tracuu_buf_t *out, tracuu_enc_t *legacy,
                                       tracuu_read_result_t *res)
{
    size_t n = 0;
    char **names = tracuu_zipx_names_like(d, prefix, &n);
    tracuu_buf_t raw = {0}, text = {0}, seen = {0}, key = {0};
    tracuu_read_status_t rs = TRACUU_READ_OK;
    for (size_t i = 0; i < n && rs == TRACUU_READ_OK; i++) {
        if (tracuu_zip_part(d, names[i], &raw, res, &rs) <= 0) {
            rs = tracuu_zipx_secondary(rs, res);
            continue;
        }
        tracuu_buf_clear(&text);
        rs = tracuu_zipx_secondary(
            word_part(&raw, names[i], styles, &text, legacy, res), res);
        if (rs != TRACUU_READ_OK || !text.len)
            continue;
        /* the same header on first, even and odd pages: keep one */
        tracuu_buf_clear(&key);
        tracuu_buf_putc(&key, '\0');
        tracuu_buf_append(&key, text.s, text.len);
        tracuu_buf_putc(&key, '\0');
        if (!seen.len || !memmem(seen.s, seen.len, key.s, key.len)) {
            tracuu_buf_append(&seen, key.s, key.len);
            tracuu_zipx_ensure_newline(out);
            tracuu_buf_append(out, text.s, text.len);
        }
    }
    tracuu_buf_free(&raw);
    tracuu_buf_free(&text);
    tracuu_buf_free(&seen);
    tracuu_buf_free(&key);
    tracuu_zipx_free_names(names, n);
    return rs;
}

tracuu_read_status_t tracuu_read_docx(const char *path,
                                      const tracuu_read_opts_t *o,
                                      tracuu_read_result_t *out)
{
    tracuu_zipdoc_t d;
    tracuu_buf_t raw = {0}, text = {0};
    tracuu_read_status_t rs = tracuu_zipx_open_main(
        path, "docx", o, "word/document.xml",
        "no word/document.xml (not a Word document)", &d, &raw, out);
    if (rs != TRACUU_READ_OK)
        return rs;
    styles_t styles = {0};
    tracuu_enc_t legacy = TRACUU_ENC_UTF8;
    tracuu_buf_t sraw = {0};
    if (tracuu_zip_part(&d, "word/styles.xml", &sraw, out, &rs) < 0) {
        tracuu_buf_clear(&sraw);
        if ((rs = tracuu_zipx_secondary(rs, out)) != TRACUU_READ_OK) {
            tracuu_buf_free(&sraw);
            goto done;
        }
    }
    styles_read(&sraw, &styles);
    tracuu_buf_free(&sraw);
    rs = word_part(&raw, "word/document.xml", &styles, &text, &legacy, out);
    static const char *const notes[] = {"word/footnotes.xml",
                                        "word/endnotes.xml"};
    tracuu_buf_t part = {0};
    for (size_t i = 0; i < 2 && rs == TRACUU_READ_OK; i++) {
        int k = tracuu_zip_part(&d, notes[i], &raw, out, &rs);
        tracuu_buf_clear(&part);
        if (k > 0)
            rs = word_part(&raw, notes[i], &styles, &part, &legacy, out);
        rs = tracuu_zipx_secondary(rs, out);
        if (k > 0 && rs == TRACUU_READ_OK && part.len) {
            tracuu_zipx_ensure_newline(&text);
            tracuu_buf_append(&text, part.s, part.len);
        }
    }
    tracuu_buf_free(&part);
    if (rs == TRACUU_READ_OK)
        rs = word_parts(&d, "word/header", &styles, &text, &legacy, out);
    if (rs == TRACUU_READ_OK)
        rs = word_parts(&d, "word/footer", &styles, &text, &legacy, out);
    if (rs == TRACUU_READ_OK)
        rs = tracuu_zipx_title(&d, "docProps/core.xml", &raw, out);
    if (rs == TRACUU_READ_OK)
        rs = tracuu_zipx_pages(&d, "docProps/app.xml", "Pages", NULL, &raw, out);
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

