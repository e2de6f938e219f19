/* read_sheet.c: spreadsheets (.xlsx, .ods, .csv, .tsv): each sheet's name, then its cells row by row. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read_impl.h"

/* The text a reader builds: a sheet's name on a line of its own, then
 * one line per row, its cells (white space made one space) apart by a
 * tab, empty cells left out, so that no two cells' words run together
 * and a register's "Số | ngày | trích yếu" row reads as one line. */
typedef struct sheet_text {
    tracuu_buf_t out;
    tracuu_buf_t cell;    /* the cell being read, raw */
    bool row_has;         /* a cell of this row is in out */
} sheet_text_t;

static void sheet_name(sheet_text_t *t, const char *name)
{
    if (t->out.len && t->out.s[t->out.len - 1] != '\n')
        tracuu_buf_putc(&t->out, '\n');
    if (t->out.len)
        tracuu_buf_putc(&t->out, '\n');
    tracuu_buf_t line = {0};
    tracuu_buf_put_collapsed(&line, name ? name : "", name ? strlen(name) : 0, NULL);
    if (line.len) {
        tracuu_buf_append(&t->out, line.s, line.len);
        tracuu_buf_putc(&t->out, '\n');
    }
    tracuu_buf_free(&line);
    t->row_has = false;
}

static void cell_end(sheet_text_t *t)
{
    tracuu_buf_t c = {0};
    tracuu_buf_put_collapsed(&c, t->cell.s ? t->cell.s : "", t->cell.len, NULL);
    if (c.len) {
        if (t->row_has)
            tracuu_buf_putc(&t->out, '\t');
        tracuu_buf_append(&t->out, c.s, c.len);
        t->row_has = true;
    }
    tracuu_buf_free(&c);
    tracuu_buf_clear(&t->cell);
}

static void row_end(sheet_text_t *t)
{
    if (t->row_has)
        tracuu_buf_putc(&t->out, '\n');
    t->row_has = false;
}

static void sheet_text_free(sheet_text_t *t)
{
    tracuu_buf_free(&t->out);
    tracuu_buf_free(&t->cell);
}

static bool is_text_node(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static bool named(xmlTextReaderPtr r, const char *name)
{
    return strcmp(tracuu_xml_local(r), name) == 0;
}

/* ---- OpenDocument spreadsheets: content.xml ---- */

typedef struct ods_state {
    sheet_text_t *t;
    int cell;   /* depth of the open table-cell, or -1 */
    int par;    /* open text:p inside it */
} ods_state_t;

/* Returns true when the element's subtree is to be skipped. */
static bool ods_element(ods_state_t *s, xmlTextReaderPtr r)
{
    bool empty = xmlTextReaderIsEmptyElement(r);
    if (named(r, "annotation") || named(r, "tracked-changes"))
        return true;
    if (named(r, "table")) {
        char *name = tracuu_xml_attr(r, "name");
        sheet_name(s->t, name);
        xmlFree(name);
    } else if ((named(r, "table-cell") || named(r, "covered-table-cell")) &&
               !empty && s->cell < 0) {
        s->cell = xmlTextReaderDepth(r);
    } else if (s->cell >= 0 && (named(r, "p") || named(r, "h"))) {
        tracuu_buf_putc(&s->t->cell, ' '); /* paragraphs of a cell */
        s->par += !empty;
    } else if (s->par && (named(r, "s") || named(r, "tab") ||
                          named(r, "line-break"))) {
        tracuu_buf_putc(&s->t->cell, ' ');
    }
    return false;
}

static void ods_end(ods_state_t *s, xmlTextReaderPtr r)
{
    if (s->cell >= 0 && xmlTextReaderDepth(r) == s->cell) {
        cell_end(s->t);
        s->cell = -1;
        s->par = 0;
    } else if (s->par && (named(r, "p") || named(r, "h"))) {
        s->par--;
    } else if (named(r, "table-row")) {
        row_end(s->t);
    }
}

static tracuu_read_status_t ods_content(const tracuu_buf_t *b, sheet_text_t *t,
                                        tracuu_read_result_t *out)
{
    tracuu_read_status_t rs = TRACUU_READ_OK;
    tracuu_xml_err_t err;
    xmlTextReaderPtr r = tracuu_xml_open(b, "content.xml", &err, out, &rs);
    if (!r)
        return rs;
    ods_state_t s = {t, -1, 0};
    int ret = xmlTextReaderRead(r);
    while (ret == 1) {
        int type = xmlTextReaderNodeType(r);
        bool skip = false;
        if (type == XML_READER_TYPE_ELEMENT)
            skip = ods_element(&s, r);
        else if (type == XML_READER_TYPE_END_ELEMENT)
            ods_end(&s, r);
        else if (s.par && is_text_node(type))
            tracuu_buf_puts(&t->cell, (const char *)xmlTextReaderConstValue(r));
        ret = skip ? xmlTextReaderNext(r) : xmlTextReaderRead(r);
    }
    if (ret < 0)
        rs = tracuu_xml_failed("content.xml", &err, out);
    xmlFreeTextReader(r);
    return rs;
}

tracuu_read_status_t tracuu_read_ods(const char *path, const tracuu_read_opts_t *o,
                                     tracuu_read_result_t *out)
{
    tracuu_zipdoc_t d;
    tracuu_read_status_t rs = tracuu_zip_open(path, "ods", o, &d, out);
    if (rs != TRACUU_READ_OK)
        return rs;
    tracuu_buf_t raw = {0};
    sheet_text_t t = {0};
    int got = tracuu_zip_part(&d, "content.xml", &raw, out, &rs);
    if (got == 0)
        rs = tracuu_read_say(out, TRACUU_READ_FAIL,
                             "no content.xml (not an OpenDocument file)");
    if (got > 0)
        rs = ods_content(&raw, &t, out);
    if (rs == TRACUU_READ_OK)
        rs = tracuu_read_finish(out, &t.out, "UTF-8", true);
    tracuu_buf_free(&raw);
    sheet_text_free(&t);
    tracuu_zip_close(&d);
    return rs;
}

/* ---- Office Open XML spreadsheets ---- */

/* Strings the cells refer to by number (xl/sharedStrings.xml), one
 * after another in all, each ended by a NUL. */
typedef struct strings {
    tracuu_buf_t all;
    size_t *off;
    size_t n;
} strings_t;

static void strings_free(strings_t *s)
{
    tracuu_buf_free(&s->all);
    free(s->off);
}

static const char *string_at(const strings_t *s, const char *index)
{
    char *end = NULL;
    unsigned long i = index ? strtoul(index, &end, 10) : 0;
    if (!index || end == index || i >= s->n)
        return "";
    return s->all.s + s->off[i];
}

/* Read xl/sharedStrings.xml: each <si>'s <t> texts, leaving out the
 * phonetic runs (<rPh>). */
static tracuu_read_status_t shared_strings(const tracuu_buf_t *b, strings_t *s,
                                           tracuu_read_result_t *out)
{
    const char *name = "xl/sharedStrings.xml";
    tracuu_read_status_t rs = TRACUU_READ_OK;
    tracuu_xml_err_t err;
    xmlTextReaderPtr r = tracuu_xml_open(b, name, &err, out, &rs);
    if (!r)
        return rs;
    size_t cap = 0;
    bool in_si = false, in_t = false;
    int ret = xmlTextReaderRead(r);
    while (ret == 1) {
        int type = xmlTextReaderNodeType(r);
        bool skip = false, empty = xmlTextReaderIsEmptyElement(r);
        if (type == XML_READER_TYPE_ELEMENT && named(r, "si")) {
            if (s->n == cap) {
                cap = cap ? 2 * cap : 64;
                s->off = tracuu_xrealloc(s->off, cap * sizeof *s->off);
            }
            s->off[s->n++] = s->all.len;
            in_si = !empty;
            if (empty)
                tracuu_buf_append(&s->all, "", 1);
        } else if (type == XML_READER_TYPE_ELEMENT && named(r, "rPh")) {
            skip = true;
        } else if (type == XML_READER_TYPE_ELEMENT && named(r, "t")) {
            in_t = in_si && !empty;
        } else if (type == XML_READER_TYPE_END_ELEMENT && named(r, "t")) {
            in_t = false;
        } else if (type == XML_READER_TYPE_END_ELEMENT && named(r, "si")) {
            tracuu_buf_append(&s->all, "", 1);
            in_si = false;
        } else if (in_t && is_text_node(type)) {
            tracuu_buf_puts(&s->all, (const char *)xmlTextReaderConstValue(r));
        }
        ret = skip ? xmlTextReaderNext(r) : xmlTextReaderRead(r);
    }
    if (in_si)
        tracuu_buf_append(&s->all, "", 1);
    if (ret < 0)
        rs = tracuu_xml_failed(name, &err, out);
    xmlFreeTextReader(r);
    return rs;
}

/* ---- dates: Excel keeps them as day numbers with a date format ---- */

/* The cell styles (xf) whose number format shows a date. */
typedef struct date_styles {
    bool *is_date;
    size_t n;
    bool from_1904;  /* the workbook counts days from 1904 */
} date_styles_t;

#define MAX_XF 65536
#define MAX_NUMFMT 4096

/* A format code shows a date when it has a day or a year outside its
 * quoted text, escapes and [colour] or [$-locale] sections. */
static bool code_is_date(const char *code)
{
    bool quoted = false, bracket = false;
    for (const char *p = code; p && *p; p++) {
        if (quoted) {
            quoted = *p != '"';
        } else if (bracket) {
            bracket = *p != ']';
        } else if (*p == '"') {
            quoted = true;
        } else if (*p == '[') {
            bracket = true;
        } else if (*p == '\\' && p[1]) {
            p++;
        } else if (strchr("dDyY", *p)) {
            return true;
        }
    }
    return false;
}

/* Built-in formats 14-22 and 45-47 and the East Asian ones 27-36, 50-58. */
static bool builtin_date(long id)
{
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
           (id >= 50 && id <= 58);
}

typedef struct numfmt {
    long id;
    bool date;
} numfmt_t;

static bool fmt_is_date(const numfmt_t *f, size_t n, long id)
{
    for (size_t i = 0; i < n; i++)
        if (f[i].id == id)
            return f[i].date;
    return builtin_date(id);
}

/* Read xl/styles.xml: <numFmts> then <cellXfs>'s <xf numFmtId>. A part
 * that cannot be read leaves every number a number. */
static void date_styles_read(const tracuu_buf_t *b, date_styles_t *ds)
{
    tracuu_read_result_t scratch = {0};
    tracuu_read_status_t rs;
    tracuu_xml_err_t err;
    xmlTextReaderPtr r = tracuu_xml_open(b, "xl/styles.xml", &err, &scratch, &rs);
    tracuu_read_result_free(&scratch);
    if (!r)
        return;
    numfmt_t *fmts = NULL;
    size_t nf = 0, cap = 0;
    int xfs = -1;  /* depth of <cellXfs> */
    while (xmlTextReaderRead(r) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_END_ELEMENT && named(r, "cellXfs"))
            xfs = -1;
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (named(r, "numFmt") && nf < MAX_NUMFMT) {
            char *id = tracuu_xml_attr(r, "numFmtId");
            char *code = tracuu_xml_attr(r, "formatCode");
            fmts = nf == cap ? tracuu_xrealloc(fmts, (cap = cap ? 2 * cap : 16) *
                                                         sizeof *fmts)
                             : fmts;
            fmts[nf++] = (numfmt_t){id ? strtol(id, NULL, 10) : -1,
                                    code_is_date(code)};
            xmlFree(id);
            xmlFree(code);
        } else if (named(r, "cellXfs") && !xmlTextReaderIsEmptyElement(r)) {
            xfs = xmlTextReaderDepth(r);
        } else if (xfs >= 0 && xmlTextReaderDepth(r) == xfs + 1 && named(r, "xf") &&
                   ds->n < MAX_XF) {
            char *id = tracuu_xml_attr(r, "numFmtId");
            ds->is_date = tracuu_xrealloc(ds->is_date, (ds->n + 1) * sizeof *ds->is_date);
            ds->is_date[ds->n++] = id && fmt_is_date(fmts, nf, strtol(id, NULL, 10));
            xmlFree(id);
        }
    }
    xmlFreeTextReader(r);
    free(fmts);
}

/* The day number v of a date-formatted cell as dd/mm/yyyy, the way the
 * plans write dates; false when it is no day of years 1900-9999. */
static bool serial_date(double v, bool from_1904, char out[32])
{
    if (!(v >= 1 && v < 2958466))
        return false;
    long days = (long)floor(v);
    /* Days since 1970-01-01: Excel's 1900 count wrongly has 29/02/1900
     * (day 60), so its day 61 is 01/03/1900. */
    if (from_1904)
        days += 1462 - 25569;
    else
        days -= days >= 61 ? 25569 : 25568;
    /* civil date from days (Howard Hinnant's algorithm) */
    long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    long y = yoe + era * 400 + (m <= 2);
    snprintf(out, 32, "%02d/%02d/%04d", (int)d, (int)m, (int)y);
    return true;
}

/* ---- worksheets ---- */

typedef struct cell_state {
    sheet_text_t *t;
    const strings_t *strs;
    const date_styles_t *ds;
    char *type, *style;     /* the open <c>'s t and s attributes */
    bool in_v, in_is_t;     /* inside <v>, inside <is><t> */
    tracuu_buf_t v;
} cell_state_t;

/* Put the open cell's value in the text: a shared string, inline text,
 * a formula's text result, a date as dd/mm/yyyy, or the number. */
static void xlsx_cell_end(cell_state_t *c)
{
    const char *t = c->type ? c->type : "n";
    const char *v = c->v.s ? c->v.s : "";
    char date[32];
    unsigned long xf = c->style ? strtoul(c->style, NULL, 10) : 0;
    if (strcmp(t, "s") == 0)
        tracuu_buf_puts(&c->t->cell, string_at(c->strs, v));
    else if (strcmp(t, "n") == 0 && *v && xf < c->ds->n && c->ds->is_date[xf] &&
             serial_date(strtod(v, NULL), c->ds->from_1904, date))
        tracuu_buf_puts(&c->t->cell, date);
    else if (strcmp(t, "b") != 0)
        tracuu_buf_puts(&c->t->cell, v);
    cell_end(c->t);
    xmlFree(c->type);
    xmlFree(c->style);
    c->type = c->style = NULL;
    tracuu_buf_clear(&c->v);
}

static void xlsx_node(cell_state_t *c, xmlTextReaderPtr r, int type)
{
    bool empty = xmlTextReaderIsEmptyElement(r);
    if (type == XML_READER_TYPE_ELEMENT && named(r, "c")) {
        xmlFree(c->type);
        xmlFree(c->style);
        c->type = (char *)tracuu_xml_attr(r, "t");
        c->style = (char *)tracuu_xml_attr(r, "s");
        tracuu_buf_clear(&c->v);
        if (empty)
            xlsx_cell_end(c);
    } else if (type == XML_READER_TYPE_END_ELEMENT && named(r, "c")) {
        xlsx_cell_end(c);
    } else if (named(r, "v")) {
        c->in_v = type == XML_READER_TYPE_ELEMENT && !empty;
    } else if (named(r, "t")) {
        c->in_is_t = type == XML_READER_TYPE_ELEMENT && !empty;
    } else if ((type == XML_READER_TYPE_END_ELEMENT ||
                (type == XML_READER_TYPE_ELEMENT && empty)) && named(r, "row")) {
        row_end(c->t);
    } else if (is_text_node(type) && (c->in_v || c->in_is_t)) {
        const char *s = (const char *)xmlTextReaderConstValue(r);
        tracuu_buf_puts(c->in_v ? &c->v : &c->t->cell, s ? s : "");
    }
}

static tracuu_read_status_t xlsx_sheet(const tracuu_buf_t *b, const char *name,
                                       cell_state_t *c, tracuu_read_result_t *out)
{
    tracuu_read_status_t rs = TRACUU_READ_OK;
    tracuu_xml_err_t err;
    xmlTextReaderPtr r = tracuu_xml_open(b, name, &err, out, &rs);
    if (!r)
        return rs;
    int ret = xmlTextReaderRead(r);
    while (ret == 1) {
        int type = xmlTextReaderNodeType(r);
        /* a phonetic guide (rPh) of inline text is no text of the cell */
        bool skip = type == XML_READER_TYPE_ELEMENT && named(r, "rPh");
        if (!skip)
            xlsx_node(c, r, type);
        ret = skip ? xmlTextReaderNext(r) : xmlTextReaderRead(r);
    }
    if (ret < 0)
        rs = tracuu_xml_failed(name, &err, out);
    xmlFreeTextReader(r);
    if (c->type || c->style || c->t->cell.len) /* a cell cut short */
        xlsx_cell_end(c);
    row_end(c->t);
    return rs;
}

/* ---- the workbook: its sheets, in order, and the parts holding them ---- */

typedef struct sheet_ref {
    char *name, *rid;  /* xmlFree */
    char *part;        /* the part holding it; new */
} sheet_ref_t;

typedef struct workbook {
    sheet_ref_t *v;
    size_t n;
} workbook_t;

/* Sheets read at most, and relationships looked at to find them. */
#define MAX_SHEETS 1024
#define MAX_RELS 8192

static void workbook_free(workbook_t *w)
{
    for (size_t i = 0; i < w->n; i++) {
        xmlFree(w->v[i].name);
        xmlFree(w->v[i].rid);
        free(w->v[i].part);
    }
    free(w->v);
}

static tracuu_read_status_t workbook_read(const tracuu_buf_t *b, workbook_t *w,
                                          date_styles_t *ds,
                                          tracuu_read_result_t *out)
{
    const char *name = "xl/workbook.xml";
    tracuu_read_status_t rs = TRACUU_READ_OK;
    tracuu_xml_err_t err;
    xmlTextReaderPtr r = tracuu_xml_open(b, name, &err, out, &rs);
    if (!r)
        return rs;
    int ret;
    while ((ret = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        if (named(r, "workbookPr")) {
            char *d = tracuu_xml_attr(r, "date1904");
            ds->from_1904 = d && (strcmp(d, "1") == 0 || strcasecmp(d, "true") == 0);
            xmlFree(d);
        } else if (named(r, "sheet") && w->n < MAX_SHEETS) {
            w->v = tracuu_xrealloc(w->v, (w->n + 1) * sizeof *w->v);
            w->v[w->n++] = (sheet_ref_t){tracuu_xml_attr(r, "name"),
                                         tracuu_xml_attr(r, "id"), NULL};
        }
    }
    if (ret < 0)
        rs = tracuu_xml_failed(name, &err, out);
    xmlFreeTextReader(r);
    return rs;
}

/* The sheets' parts from xl/_rels/workbook.xml.rels (rels, maybe
 * empty): each relationship's target, under xl/ unless absolute;
 * sheetN.xml for a sheet the relationships do not name. */
static void sheet_parts(workbook_t *w, const tracuu_buf_t *rels)
{
    tracuu_read_result_t scratch = {0};
    tracuu_read_status_t rs;
    tracuu_xml_err_t err;
    xmlTextReaderPtr r = rels->len ? tracuu_xml_open(rels, "xl/_rels/workbook.xml.rels",
                                                     &err, &scratch, &rs)
                                   : NULL;
    tracuu_read_result_free(&scratch);
    for (size_t seen = 0; r && seen < MAX_RELS && xmlTextReaderRead(r) == 1;) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
            !named(r, "Relationship"))
            continue;
        seen++;
        char *id = tracuu_xml_attr(r, "Id"), *target = tracuu_xml_attr(r, "Target");
        for (size_t i = 0; id && target && i < w->n; i++) {
            sheet_ref_t *s = &w->v[i];
            if (s->part || !s->rid || strcmp(s->rid, id) != 0)
                continue;
            tracuu_buf_t part = {0};
            tracuu_buf_printf(&part, "%s%s", target[0] == '/' ? "" : "xl/",
                              target + (target[0] == '/'));
            s->part = tracuu_buf_steal(&part);
        }
        xmlFree(id);
        xmlFree(target);
    }
    if (r)
        xmlFreeTextReader(r);
    for (size_t i = 0; i < w->n; i++) {
        if (w->v[i].part)
            continue;
        tracuu_buf_t part = {0};
        tracuu_buf_printf(&part, "xl/worksheets/sheet%zu.xml", i + 1);
        w->v[i].part = tracuu_buf_steal(&part);
    }
}

/* Every sheet's name and cells into c->t. */
static tracuu_read_status_t xlsx_sheets(tracuu_zipdoc_t *d, const workbook_t *w,
                                        cell_state_t *c, tracuu_read_result_t *out)
{
    tracuu_read_status_t rs = TRACUU_READ_OK;
    tracuu_buf_t raw = {0};
    for (size_t i = 0; i < w->n && rs == TRACUU_READ_OK; i++) {
        const char *part = w->v[i].part;
        int got = tracuu_zip_part(d, part, &raw, out, &rs);
        if (got > 0) {
            sheet_name(c->t, w->v[i].name);
            rs = xlsx_sheet(&raw, part, c, out);
        } else if (got == 0) {
            rs = tracuu_read_say(out, TRACUU_READ_FAIL, "no %s (sheet \"%s\")",
                                 part, w->v[i].name ? w->v[i].name : "?");
        }
    }
    tracuu_buf_free(&raw);
    return rs;
}

/* xl/sharedStrings.xml and xl/styles.xml, when there are. */
static tracuu_read_status_t xlsx_tables(tracuu_zipdoc_t *d, strings_t *strs,
                                        date_styles_t *ds, tracuu_read_result_t *out)
{
    tracuu_read_status_t rs = TRACUU_READ_OK;
    tracuu_buf_t raw = {0};
    int got = tracuu_zip_part(d, "xl/sharedStrings.xml", &raw, out, &rs);
    if (got > 0)
        rs = shared_strings(&raw, strs, out);
    if (rs == TRACUU_READ_OK &&
        tracuu_zip_part(d, "xl/styles.xml", &raw, out, &rs) > 0)
        date_styles_read(&raw, ds);
    tracuu_buf_free(&raw);
    return rs;
}

tracuu_read_status_t tracuu_read_xlsx(const char *path, const tracuu_read_opts_t *o,
                                      tracuu_read_result_t *out)
{
    tracuu_zipdoc_t d;
    tracuu_read_status_t rs = tracuu_zip_open(path, "xlsx", o, &d, out);
    if (rs != TRACUU_READ_OK)
        return rs;
    tracuu_buf_t raw = {0};
    workbook_t w = {0};
    strings_t strs = {0};
    date_styles_t ds = {0};
    sheet_text_t t = {0};
    int got = tracuu_zip_part(&d, "xl/workbook.xml", &raw, out, &rs);
    if (got == 0)
        rs = tracuu_read_say(out, TRACUU_READ_FAIL,
                             "no xl/workbook.xml (not an Excel workbook)");
    if (got > 0)
        rs = workbook_read(&raw, &w, &ds, out);
    if (rs == TRACUU_READ_OK &&
        tracuu_zip_part(&d, "xl/_rels/workbook.xml.rels", &raw, out, &rs) >= 0)
        sheet_parts(&w, &raw);
    if (rs == TRACUU_READ_OK)
        rs = xlsx_tables(&d, &strs, &ds, out);
    cell_state_t c = {.t = &t, .strs = &strs, .ds = &ds};
    if (rs == TRACUU_READ_OK)
        rs = xlsx_sheets(&d, &w, &c, out);
    if (rs == TRACUU_READ_OK)
        rs = tracuu_read_finish(out, &t.out, "UTF-8", true);
    tracuu_buf_free(&c.v);
    sheet_text_free(&t);
    strings_free(&strs);
    free(ds.is_date);
    workbook_free(&w);
    tracuu_buf_free(&raw);
    tracuu_zip_close(&d);
    return rs;
}

/* ---- comma- and tab-separated values ---- */

/* The separator of a .csv: whichever of , ; and tab its first lines
 * hold most of outside quotes (a Vietnamese Excel writes ;). */
static char csv_separator(const char *s, size_t n)
{
    size_t count[3] = {0}, lines = 0;
    static const char seps[3] = {',', ';', '\t'};
    bool quoted = false;
    for (size_t i = 0; i < n && lines < 20; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == '\n')
            lines++;
        else if (!quoted)
            for (int k = 0; k < 3; k++)
                count[k] += s[i] == seps[k];
    }
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (count[k] > count[best])
            best = k;
    return seps[best];
}

/* Cut text (UTF-8) into rows and cells: quoted cells may hold the
 * separator, line breaks and doubled quotes. */
static void csv_cells(const char *s, size_t n, char sep, sheet_text_t *t)
{
    bool quoted = false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (quoted && ch == '"' && i + 1 < n && s[i + 1] == '"') {
            tracuu_buf_putc(&t->cell, '"');
            i++;
        } else if (ch == '"' && (quoted || t->cell.len == 0 ||
                                 strspn(t->cell.s, " \t") == t->cell.len)) {
            quoted = !quoted;
        } else if (!quoted && ch == sep) {
            cell_end(t);
        } else if (!quoted && (ch == '\n' || ch == '\r')) {
            cell_end(t);
            row_end(t);
        } else {
            tracuu_buf_putc(&t->cell, ch);
        }
    }
    cell_end(t);
    row_end(t);
}

tracuu_read_status_t tracuu_read_csv(const char *path, const tracuu_read_opts_t *o,
                                     tracuu_read_result_t *out)
{
    /* the text reader finds the encoding (UTF-8, UTF-16, legacy) */
    tracuu_read_status_t rs = tracuu_read_text(path, o, out);
    if (rs != TRACUU_READ_OK)
        return rs;
    const char *name = o->name ? o->name : path; /* path: /proc/PID/fd/N */
    size_t len = strlen(name);
    char sep = len > 4 && strcasecmp(name + len - 4, ".tsv") == 0
                   ? '\t' : csv_separator(out->text, out->len);
    sheet_text_t t = {0};
    csv_cells(out->text, out->len, sep, &t);
    char *enc = out->encoding;
    out->encoding = NULL;
    free(out->text);
    out->text = NULL;
    out->len = 0;
    rs = tracuu_read_finish(out, &t.out, enc, false);
    free(enc);
    sheet_text_free(&t);
    return rs;
}
