/* read_zip.c: the zip and XML guards every zip reader shares: bounded entries and sizes, no DTDs, errors kept. */
#include "read_zip.h"

/* ---- the archive ---- */

tracuu_read_status_t tracuu_zip_open(const char *path, const char *fmt,
                                     const tracuu_read_opts_t *o,
                                     tracuu_zipdoc_t *d,
                                     tracuu_read_result_t *out)
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
            return tracuu_read_say(out, TRACUU_READ_FAIL,
                                   "multi-disk zip archive");
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
char **tracuu_zipx_names_like(tracuu_zipdoc_t *d, const char *prefix, size_t *n)
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

void tracuu_zipx_free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* ---- XML ---- */

void tracuu_zipx_on_xml_error(void *ctx, xmlErrorPtr e)
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
bool tracuu_zipx_declares_dtd(const tracuu_buf_t *b)
{
    return memmem(b->s, b->len, "<!DOCTYPE", 9) ||
           memmem(b->s, b->len, "<!ENTITY", 8);
}

xmlTextReaderPtr tracuu_xml_open(const tracuu_buf_t *b, const char *name,
                                 tracuu_xml_err_t *err,
                                 tracuu_read_result_t *out,
                                 tracuu_read_status_t *rs)
{
    if (tracuu_zipx_declares_dtd(b)) {
        *rs = tracuu_read_say(out, TRACUU_READ_SKIP,
                              "%s declares a DTD or entities (refused)", name);
        return NULL;
    }
    tracuu_read_xml_init();
    /* No XML_PARSE_NOENT, DTDLOAD or HUGE: entities stay unexpanded,
     * nothing is fetched, and libxml2 keeps its depth and size limits. */
    xmlTextReaderPtr r =
        xmlReaderForMemory(b->s, (int)b->len, name, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR |
                               XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
    if (!r) {
        *rs = tracuu_read_say(out, TRACUU_READ_FAIL, "cannot parse %s", name);
        return NULL;
    }
    memset(err, 0, sizeof *err);
    xmlTextReaderSetStructuredErrorHandler(r, tracuu_zipx_on_xml_error, err);
    return r;
}

tracuu_read_status_t tracuu_xml_failed(const char *name,
                                       const tracuu_xml_err_t *err,
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

void tracuu_zipx_ensure_newline(tracuu_buf_t *b)
{
    if (b->len && b->s[b->len - 1] != '\n')
        tracuu_buf_putc(b, '\n');
}

/* The text of the first element named name (dc:title), trimmed, with
 * runs of white space made one space; NULL when absent or empty. */
static char *first_element_text(const tracuu_buf_t *b, const char *name,
                                const char *part)
{
    if (!b->len || tracuu_zipx_declares_dtd(b))
        return NULL;
    tracuu_read_xml_init();
    xmlTextReaderPtr r = xmlReaderForMemory(
        b->s, (int)b->len, part, NULL,
        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!r)
        return NULL;
    tracuu_xml_err_t err = {0};
    xmlTextReaderSetStructuredErrorHandler(r, tracuu_zipx_on_xml_error, &err);
    tracuu_buf_t t = {0};
    int depth = -1;
    while (xmlTextReaderRead(r) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (depth < 0 && type == XML_READER_TYPE_ELEMENT &&
            strcmp(tracuu_xml_local(r), name) == 0 &&
            !xmlTextReaderIsEmptyElement(r)) {
            depth = xmlTextReaderDepth(r);
        } else if (depth >= 0 && type == XML_READER_TYPE_END_ELEMENT &&
                   xmlTextReaderDepth(r) == depth) {
            break;
        } else if (depth >= 0 &&
                   (type == XML_READER_TYPE_TEXT ||
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

tracuu_read_status_t tracuu_zipx_open_main(const char *path, const char *fmt,
                                           const tracuu_read_opts_t *o,
                                           const char *part,
                                           const char *missing,
                                           tracuu_zipdoc_t *d,
                                           tracuu_buf_t *raw,
                                           tracuu_read_result_t *out)
{
    tracuu_read_status_t rs = tracuu_zip_open(path, fmt, o, d, out);
    if (rs != TRACUU_READ_OK)
        return rs;
    int got = tracuu_zip_part(d, part, raw, out, &rs);
    if (got == 0)
        rs = tracuu_read_say(out, TRACUU_READ_FAIL, "%s", missing);
    if (got <= 0) {
        tracuu_buf_free(raw);
        tracuu_zip_close(d);
    }
    return rs;
}

/* The attribute attr (its qualified name) of the first element named
 * name (local name) in the XML of b, or NULL; new, free with free(). */
static char *first_element_attr(const tracuu_buf_t *b, const char *name,
                                const char *attr, const char *part)
{
    if (!b->len || tracuu_zipx_declares_dtd(b))
        return NULL;
    tracuu_read_xml_init();
    xmlTextReaderPtr r = xmlReaderForMemory(
        b->s, (int)b->len, part, NULL,
        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!r)
        return NULL;
    tracuu_xml_err_t err = {0};
    xmlTextReaderSetStructuredErrorHandler(r, tracuu_zipx_on_xml_error, &err);
    char *v = NULL;
    while (!v && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
            strcmp(tracuu_xml_local(r), name) != 0)
            continue;
        xmlChar *a = xmlTextReaderGetAttribute(r, (const xmlChar *)attr);
        v = tracuu_xstrdup(a ? (const char *)a : "");
        xmlFree(a);
    }
    xmlFreeTextReader(r);
    return v;
}

tracuu_read_status_t tracuu_zipx_pages(tracuu_zipdoc_t *d, const char *part,
                                       const char *element, const char *attr,
                                       tracuu_buf_t *raw,
                                       tracuu_read_result_t *out)
{
    tracuu_read_status_t rs = TRACUU_READ_OK;
    if (tracuu_zip_part(d, part, raw, out, &rs) > 0) {
        char *v = attr ? first_element_attr(raw, element, attr, part)
                       : first_element_text(raw, element, part);
        char *end = NULL;
        unsigned long n = v ? strtoul(v, &end, 10) : 0;
        if (v && end != v && *end == '\0' && n > 0 && n <= TRACUU_MAX_PAGES)
            out->pages = (unsigned)n;
        free(v);
    }
    return tracuu_zipx_secondary(rs, out);
}

tracuu_read_status_t tracuu_zipx_title(tracuu_zipdoc_t *d, const char *part,
                                       tracuu_buf_t *raw,
                                       tracuu_read_result_t *out)
{
    tracuu_read_status_t rs = TRACUU_READ_OK;
    if (tracuu_zip_part(d, part, raw, out, &rs) > 0)
        out->title = first_element_text(raw, "title", part);
    return tracuu_zipx_secondary(rs, out);
}

tracuu_read_status_t tracuu_zipx_walk(const tracuu_buf_t *b, const char *name,
                                      const tracuu_zipx_walk_t *cb, void *ctx,
                                      tracuu_read_result_t *res)
{
    tracuu_read_status_t rs = TRACUU_READ_OK;
    tracuu_xml_err_t err;
    xmlTextReaderPtr r = tracuu_xml_open(b, name, &err, res, &rs);
    if (!r)
        return rs;
    int ret = xmlTextReaderRead(r);
    while (ret == 1) {
        int type = xmlTextReaderNodeType(r);
        bool skip = false;
        tracuu_buf_t *to;
        if (type == XML_READER_TYPE_ELEMENT) {
            skip = cb->element(ctx, r);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            cb->end(ctx, r);
        } else if ((type == XML_READER_TYPE_TEXT ||
                    type == XML_READER_TYPE_CDATA ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                   (to = cb->text_to(ctx)) != NULL) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (v)
                tracuu_buf_puts(to, v);
        }
        ret = skip ? xmlTextReaderNext(r) : xmlTextReaderRead(r);
    }
    if (ret < 0)
        rs = tracuu_xml_failed(name, &err, res);
    xmlFreeTextReader(r);
    return rs;
}
