/* read_doc.c: Word 97-2003 (.doc) through antiword or catdoc, RTF through unrtf. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_impl.h"
#include "subproc.h"

static tracuu_subproc_limits_t limits(const tracuu_read_opts_t *o)
{
    return (tracuu_subproc_limits_t){o->seconds, o->mem_mb, 0, 0};
}

static tracuu_read_status_t failed(const char *prog,
                                   const tracuu_subproc_limits_t *lim,
                                   const tracuu_subproc_result_t *res,
                                   tracuu_read_result_t *out)
{
    const char *err = res->err.s ? res->err.s : "";
    if (strstr(err, "encrypted") || strstr(err, "password"))
        return tracuu_read_say(out, TRACUU_READ_SKIP, "encrypted Word document");
    tracuu_buf_t b = {0};
    tracuu_subproc_describe(prog, lim, res, &b);
    tracuu_read_say(out, TRACUU_READ_FAIL, "%s", b.s);
    tracuu_buf_free(&b);
    return TRACUU_READ_FAIL;
}

/* antiword's tables come as "|cell|cell|" lines: make each cell a line,
 * as the other readers do, so that a table reads like the text around. */
static void cells_as_lines(const tracuu_buf_t *in, tracuu_buf_t *out)
{
    const char *s = in->s ? in->s : "";
    size_t n = in->len;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n;
        if (e > i && s[i] == '|' && s[e - 1] == '|') {
            for (size_t k = i + 1; k < e; k++) {
                size_t c = k;
                while (c < e && s[c] != '|')
                    c++;
                size_t a = k, z = c;
                while (a < z && s[a] == ' ')
                    a++;
                while (z > a && s[z - 1] == ' ')
                    z--;
                if (z > a) {
                    tracuu_buf_append(out, s + a, z - a);
                    tracuu_buf_putc(out, '\n');
                }
                k = c;
            }
        } else {
            tracuu_buf_append(out, s + i, e - i);
            if (e < n)
                tracuu_buf_putc(out, '\n');
        }
        i = e + 1;
    }
}

tracuu_read_status_t tracuu_read_doc(const char *path, const tracuu_read_opts_t *o,
                                     tracuu_read_result_t *out)
{
    tracuu_subproc_limits_t lim = limits(o);
    tracuu_subproc_result_t res;
    /* -w 0: no wrapping, a paragraph per line. */
    const char *anti[] = {"antiword", "-m", "UTF-8.txt", "-w", "0", path, NULL};
    bool ok = tracuu_subproc_run(anti, &lim, &res);
    const char *prog = "antiword";
    if (!ok && res.end != TRACUU_SUBPROC_TIMED_OUT) {
        /* catdoc also reads Word 6 and 95, which antiword refuses */
        tracuu_subproc_result_t alt;
        const char *cat[] = {"catdoc", "-d", "utf-8", "-w", path, NULL};
        bool alt_ok = tracuu_subproc_run(cat, &lim, &alt);
        if (alt_ok || res.end == TRACUU_SUBPROC_NOT_FOUND) {
            tracuu_subproc_result_free(&res);
            res = alt;
            ok = alt_ok;
            prog = "catdoc";
        } else {
            tracuu_subproc_result_free(&alt);
        }
    }
    if (!ok) {
        tracuu_read_status_t rs = failed(prog, &lim, &res, out);
        tracuu_subproc_result_free(&res);
        return rs;
    }
    tracuu_buf_t text = {0};
    if (strcmp(prog, "antiword") == 0)
        cells_as_lines(&res.out, &text);
    else
        tracuu_buf_append(&text, res.out.s, res.out.len);
    tracuu_subproc_result_free(&res);
    tracuu_read_status_t rs = tracuu_read_finish(out, &text, "UTF-8", true);
    tracuu_buf_free(&text);
    return rs;
}

/* Do the braces of the RTF file at path balance? A truncated file (a
 * cut download, a half-copied disk) leaves groups open, and unrtf reads
 * what is there without a word. Escaped braces and \binN data skipped. */
static bool rtf_balanced(const char *path, size_t max_bytes)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return true; /* unrtf will say why it cannot read it */
    long depth = 0;
    size_t seen = 0;
    int c;
    bool ok = true;
    while (ok && seen++ < max_bytes && (c = getc(f)) != EOF) {
        if (c == '\\') {
            int d = getc(f);
            if (d == EOF || !isalpha(d))
                continue; /* \{ \} \\ \' and other control symbols */
            char word[8];
            size_t wl = 0;
            while (d != EOF && isalpha(d)) {
                if (wl < sizeof word - 1)
                    word[wl++] = (char)d;
                d = getc(f);
            }
            word[wl] = '\0';
            long n = 0;
            if (d == '-')
                d = getc(f);
            while (d != EOF && isdigit(d) && n < (1L << 30)) {
                n = n * 10 + (d - '0');
                d = getc(f);
            }
            if (d != ' ' && d != EOF)
                ungetc(d, f); /* not a delimiter: a brace, say */
            /* \binN: N raw bytes that may hold anything. */
            if (strcmp(word, "bin") == 0 && n > 0 && fseek(f, n, SEEK_CUR) != 0)
                ok = false;
            continue;
        }
        if (c == '{')
            depth++;
        else if (c == '}' && --depth < 0)
            ok = false;
    }
    fclose(f);
    return ok && depth == 0;
}

tracuu_read_status_t tracuu_read_rtf(const char *path, const tracuu_read_opts_t *o,
                                     tracuu_read_result_t *out)
{
    if (!rtf_balanced(path, o->max_mb << 20)) {
        out->reason = tracuu_xstrdup("damaged RTF: its groups do not close "
                                     "(truncated?)");
        return TRACUU_READ_FAIL;
    }
    tracuu_subproc_limits_t lim = limits(o);
    tracuu_subproc_result_t res;
    /* unrtf's text output loses every letter outside Latin-1; its HTML
     * output writes them as character references. */
    const char *argv[] = {"unrtf", "--html", "--nopict", path, NULL};
    if (!tracuu_subproc_run(argv, &lim, &res)) {
        tracuu_read_status_t rs = failed("unrtf", &lim, &res, out);
        tracuu_subproc_result_free(&res);
        return rs;
    }
    tracuu_read_status_t rs =
        tracuu_read_html_memory(res.out.s, res.out.len, NULL, o, out);
    free(out->title); /* unrtf titles the page with the file name */
    out->title = NULL;
    tracuu_subproc_result_free(&res);
    return rs;
}
