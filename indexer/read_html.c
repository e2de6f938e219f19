/* read_html.c: HTML pages, scripts and styles dropped, blocks on lines of their own. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "read_impl.h"

/* Longest title kept, in bytes. */
#define MAX_TITLE 500

/* Elements whose content is not text of the page. */
static const char *const dropped[] = {
    "script", "style", "noscript", "template", "head", "svg", "math",
    "iframe", "object", "embed", "select", "canvas", "audio", "video", NULL,
};

/* Elements that begin and end a line. */
static const char *const blocks[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
    "dt", "dd", "table", "tr", "td", "th", "thead", "tbody", "tfoot",
    "caption", "blockquote", "pre", "section", "article", "header", "footer",
    "nav", "aside", "main", "figure", "figcaption", "address", "form",
    "fieldset", "legend", "hr", "center", "body", "html", "title", NULL,
};

static bool in_list(const char *const *list, const xmlChar *name)
{
    for (size_t i = 0; list[i]; i++)
        if (xmlStrcasecmp(name, (const xmlChar *)list[i]) == 0)
            return true;
    return false;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void ensure_newline(tracuu_buf_t *b)
{
    if (b->len && b->s[b->len - 1] != '\n')
        tracuu_buf_putc(b, '\n');
}

/* Append text with runs of white space made one space (HTML rendering),
 * none at the start of a line; in pre, as it is. */
static void put_text(tracuu_buf_t *b, const char *t, bool pre)
{
    if (pre) {
        tracuu_buf_puts(b, t);
        return;
    }
    for (; *t; t++) {
        if (is_space(*t)) {
            if (!b->len || b->s[b->len - 1] == '\n' || b->s[b->len - 1] == ' ')
                continue;
            tracuu_buf_putc(b, ' ');
        } else {
            tracuu_buf_putc(b, *t);
        }
    }
}

static void trim_line_end(tracuu_buf_t *b)
{
    while (b->len && b->s[b->len - 1] == ' ')
        b->len--;
    if (b->s)
        b->s[b->len] = '\0';
}

static void leave(xmlNodePtr n, tracuu_buf_t *b, int *pre)
{
    if (n->type != XML_ELEMENT_NODE)
        return;
    if (xmlStrcasecmp(n->name, (const xmlChar *)"pre") == 0 && *pre > 0)
        (*pre)--;
    if (in_list(blocks, n->name)) {
        trim_line_end(b);
        ensure_newline(b);
    }
}

/* Walk the tree without recursion, so any depth is safe. */
static void walk(xmlNodePtr root, tracuu_buf_t *b)
{
    int pre = 0;
    xmlNodePtr n = root;
    while (n) {
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE) {
            if (!in_list(dropped, n->name)) {
                descend = true;
                if (xmlStrcasecmp(n->name, (const xmlChar *)"br") == 0) {
                    trim_line_end(b);
                    tracuu_buf_putc(b, '\n');
                } else if (in_list(blocks, n->name)) {
                    trim_line_end(b);
                    ensure_newline(b);
                }
                if (xmlStrcasecmp(n->name, (const xmlChar *)"pre") == 0)
                    pre++;
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                   n->content) {
            put_text(b, (const char *)n->content, pre > 0);
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        if (descend)
            leave(n, b, &pre);
        while (n && n != root && !n->next) {
            n = n->parent;
            if (n)
                leave(n, b, &pre);
        }
        if (!n || n == root)
            break;
        n = n->next;
    }
}

/* The text of <title>, white space collapsed, or NULL. */
static char *find_title(xmlNodePtr root)
{
    xmlNodePtr n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE &&
            xmlStrcasecmp(n->name, (const xmlChar *)"title") == 0) {
            xmlChar *c = xmlNodeGetContent(n);
            tracuu_buf_t t = {0};
            put_text(&t, c ? (const char *)c : "", false);
            xmlFree(c);
            trim_line_end(&t);
            if (t.len > MAX_TITLE) {
                t.len = tracuu_utf8_valid_prefix(t.s, MAX_TITLE);
                t.s[t.len] = '\0';
            }
            if (!t.len) {
                tracuu_buf_free(&t);
                return NULL;
            }
            return tracuu_buf_steal(&t);
        }
        if (n->type == XML_ELEMENT_NODE && n->children &&
            xmlStrcasecmp(n->name, (const xmlChar *)"body") != 0) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next)
            n = n->parent;
        if (!n || n == root)
            break;
        n = n->next;
    }
    return NULL;
}

/* Does the page declare its charset in its first bytes? */
static bool declares_charset(const char *s, size_t n)
{
    size_t m = n < 4096 ? n : 4096;
    for (size_t i = 0; i + 8 <= m; i++)
        if (strncasecmp(s + i, "charset=", 8) == 0 ||
            strncasecmp(s + i, "charset ", 8) == 0)
            return true;
    return false;
}

tracuu_read_status_t tracuu_read_html_memory(const char *data, size_t len,
                                             const char *charset,
                                             const tracuu_read_opts_t *o,
                                             tracuu_read_result_t *out)
{
    (void)o;
    if (len > (size_t)0x7FFFFFFF)
        return tracuu_read_say(out, TRACUU_READ_SKIP, "HTML too large");
    tracuu_buf_t conv = {0};
    const char *enc = charset;
    const char *label = charset;
    bool bom = len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE ||
                            (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0));
    if (!enc && !bom && !declares_charset(data, len)) {
        if (tracuu_utf8_valid_prefix(data, len) == len) {
            enc = label = "UTF-8";
        } else {
            tracuu_enc_info_t info;
            tracuu_enc_detect(data, len, &conv, &info);
            data = conv.s;
            len = conv.len;
            enc = "UTF-8";
            label = tracuu_enc_name(info.enc);
        }
    }
    tracuu_read_xml_init();
    htmlDocPtr doc = htmlReadMemory(data, (int)len, "page.html", enc,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                        HTML_PARSE_COMPACT);
    tracuu_buf_free(&conv);
    if (!doc)
        return tracuu_read_say(out, TRACUU_READ_FAIL, "cannot parse the HTML");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    tracuu_buf_t text = {0};
    if (root) {
        out->title = find_title(root);
        walk(root, &text);
    }
    char found[64];
    snprintf(found, sizeof found, "%s",
             label ? label : doc->encoding ? (const char *)doc->encoding : "UTF-8");
    if (strcasecmp(found, "utf-8") == 0 || strcasecmp(found, "utf8") == 0)
        snprintf(found, sizeof found, "UTF-8");
    xmlFreeDoc(doc);
    tracuu_read_status_t rs = tracuu_read_finish(out, &text, found, true);
    tracuu_buf_free(&text);
    return rs;
}

tracuu_read_status_t tracuu_read_html(const char *path,
                                      const tracuu_read_opts_t *o,
                                      tracuu_read_result_t *out)
{
    tracuu_buf_t raw = {0};
    tracuu_read_status_t rs = tracuu_read_slurp(path, o->max_mb, &raw, out);
    if (rs == TRACUU_READ_OK)
        rs = tracuu_read_html_memory(raw.s ? raw.s : "", raw.len, NULL, o, out);
    tracuu_buf_free(&raw);
    return rs;
}
