/* read_odt.c: OpenDocument (.odt) files: paragraphs, tables, notes, headers. */
#include "read_zip.h"

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

static bool odf_element(void *ctx, xmlTextReaderPtr r)
{
    ostate_t *s = ctx;
    const char *nm = tracuu_xml_local(r);
    int depth = xmlTextReaderDepth(r);
    bool empty = xmlTextReaderIsEmptyElement(r);
    if (strcmp(nm, "note-citation") == 0 ||
        strcmp(nm, "tracked-changes") == 0 || strcmp(nm, "annotation") == 0 ||
        strcmp(nm, "deletion") == 0)
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

static void odf_end(void *ctx, xmlTextReaderPtr r)
{
    ostate_t *s = ctx;
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
        tracuu_zipx_ensure_newline(s->target);
    }
}

static tracuu_buf_t *odf_text_to(void *ctx)
{
    ostate_t *s = ctx;
    return s->in_par && (!s->need_hf || s->hf >= 0) ? s->target : NULL;
}

/* Append the text of an OpenDocument part to out (notes to notes). */
static tracuu_read_status_t odf_part(const tracuu_buf_t *b, const char *name,
                                     bool need_hf, tracuu_buf_t *out,
                                     tracuu_buf_t *notes,
                                     tracuu_read_result_t *res)
{
    static const tracuu_zipx_walk_t cb = {odf_element, odf_end,
                                          odf_text_to};
    ostate_t s = {out, notes, out, 0, -1, -1, need_hf};
    return tracuu_zipx_walk(b, name, &cb, &s, res);
}

tracuu_read_status_t tracuu_read_odt(const char *path,
                                     const tracuu_read_opts_t *o,
                                     tracuu_read_result_t *out)
{
    tracuu_zipdoc_t d;
    tracuu_buf_t raw = {0}, text = {0}, notes = {0};
    tracuu_read_status_t rs = tracuu_zipx_open_main(
        path, "odt", o, "content.xml",
        "no content.xml (not an OpenDocument file)", &d, &raw, out);
    if (rs != TRACUU_READ_OK)
        return rs;
    rs = odf_part(&raw, "content.xml", false, &text, &notes, out);
    if (rs == TRACUU_READ_OK && notes.len) {
        tracuu_zipx_ensure_newline(&text);
        tracuu_buf_append(&text, notes.s, notes.len);
    }
    if (rs == TRACUU_READ_OK) {
        tracuu_buf_t hf = {0};
        if (tracuu_zip_part(&d, "styles.xml", &raw, out, &rs) > 0) {
            tracuu_buf_clear(&notes);
            rs = odf_part(&raw, "styles.xml", true, &hf, &notes, out);
        }
        rs = tracuu_zipx_secondary(rs, out);
        if (rs == TRACUU_READ_OK && hf.len) {
            tracuu_zipx_ensure_newline(&text);
            tracuu_buf_append(&text, hf.s, hf.len);
        }
        tracuu_buf_free(&hf);
    }
    if (rs == TRACUU_READ_OK)
        rs = tracuu_zipx_title(&d, "meta.xml", &raw, out);
    if (rs == TRACUU_READ_OK)
        rs = tracuu_zipx_pages(&d, "meta.xml", "document-statistic",
                               "meta:page-count", &raw, out);
    if (rs == TRACUU_READ_OK)
        rs = tracuu_read_finish(out, &text, "UTF-8", true);
    tracuu_buf_free(&raw);
    tracuu_buf_free(&text);
    tracuu_buf_free(&notes);
    tracuu_zip_close(&d);
    return rs;
}
