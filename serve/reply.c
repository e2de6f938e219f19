/* reply.c: tracuu-serve's replies: every one with the same safety
 * headers; errors as JSON for the API, as a small page for a browser. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "output.h"
#include "serve.h"

/* The page's scripts and styles come from tracuu-serve only; nothing
 * inline runs, no other site is asked, no site may frame the page. */
#define CSP "default-src 'none'; script-src 'self'; style-src 'self'; " \
            "img-src 'self'; connect-src 'self'; form-action 'self'; "   \
            "base-uri 'none'; frame-ancestors 'none'"

/* The headers every reply has. */
void serve_headers(struct MHD_Response *r)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
}

/* A reply with one more header name: value (none when name is NULL). */
static enum MHD_Result reply(struct MHD_Connection *c, unsigned status,
                             const char *type, const char *name,
                             const char *value, const char *body, size_t len)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    serve_headers(r);
    MHD_add_response_header(r, "Content-Type", type);
    if (name)
        MHD_add_response_header(r, name, value);
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

enum MHD_Result serve_reply(struct MHD_Connection *c, unsigned status,
                            const char *type, const char *body, size_t len)
{
    return reply(c, status, type, NULL, NULL, body, len);
}

enum MHD_Result serve_reply_with(struct MHD_Connection *c, unsigned status,
                                 const char *type, const char *name,
                                 const char *value, const char *body,
                                 size_t len)
{
    return reply(c, status, type, name, value, body, len);
}

enum MHD_Result serve_download(struct MHD_Connection *c, const char *type,
                               const char *filename, const char *body,
                               size_t len)
{
    tracuu_buf_t d = {0};
    tracuu_buf_printf(&d, "attachment; filename=\"%s\"", filename);
    enum MHD_Result ret = reply(c, 200, type, "Content-Disposition", d.s,
                                body, len);
    tracuu_buf_free(&d);
    return ret;
}

/* msg without "tracuu-serve: " before it and the line feed after. */
static void bare(tracuu_buf_t *b, const char *msg)
{
    size_t pl = strlen(SERVE_PROG ": ");
    if (!msg)
        msg = "?";
    if (strncmp(msg, SERVE_PROG ": ", pl) == 0)
        msg += pl;
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n')
        n--;
    tracuu_buf_append(b, msg, n);
}

enum MHD_Result serve_json_error(struct MHD_Connection *c, unsigned status,
                                 const char *msg)
{
    tracuu_buf_t m = {0};
    bare(&m, msg);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        return MHD_NO;
    tracuu_printer_t pr;
    tracuu_printer_init(&pr, TRACUU_FORMAT_JSON, f, false, false, false);
    tracuu_print_document(&pr);
    pr.map_key(&pr, "error");
    pr.string(&pr, m.s, m.len);
    pr.end(&pr);
    fclose(f);
    enum MHD_Result ret = serve_reply(c, status, "application/json", out,
                                      len);
    free(out);
    tracuu_buf_free(&m);
    return ret;
}

/* s escaped for HTML text and attribute values. */
static void html_escape(tracuu_buf_t *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '<': tracuu_buf_puts(b, "&lt;"); break;
        case '>': tracuu_buf_puts(b, "&gt;"); break;
        case '&': tracuu_buf_puts(b, "&amp;"); break;
        case '"': tracuu_buf_puts(b, "&quot;"); break;
        case '\'': tracuu_buf_puts(b, "&#39;"); break;
        default: tracuu_buf_putc(b, s[i]);
        }
    }
}

enum MHD_Result serve_html_error(struct MHD_Connection *c, unsigned status,
                                 const char *msg)
{
    tracuu_buf_t m = {0}, b = {0};
    bare(&m, msg);
    tracuu_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta "
                        "charset=\"utf-8\"><title>tracuu</title></head>"
                        "<body><h1>");
    tracuu_buf_printf(&b, "%u", status);
    tracuu_buf_puts(&b, "</h1><p>");
    html_escape(&b, m.s, m.len);
    tracuu_buf_printf(&b, "</p><p><a href=\"/\">%s</a></p></body></html>\n",
                      _("Back to the search"));
    enum MHD_Result ret = serve_reply(c, status, "text/html; charset=utf-8",
                                      b.s, b.len);
    tracuu_buf_free(&m);
    tracuu_buf_free(&b);
    return ret;
}
