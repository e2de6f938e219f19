/* parse.c: splits a query into clauses; the analyser does the rest. */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* Opening and closing quote marks users type or paste. */
static size_t open_quote(const char *s)
{
    if (*s == '"')
        return 1;
    if (strncmp(s, "\xE2\x80\x9C", 3) == 0 || strncmp(s, "\xE2\x80\x9D", 3) == 0)
        return 3; /* “ ” */
    return 0;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

static void push(tracuu_parsed_t *p, tracuu_clause_t c)
{
    p->v = tracuu_xrealloc(p->v, (p->n + 1) * sizeof *p->v);
    p->v[p->n++] = c;
}

static bool fail(tracuu_parsed_t *out, char **err, const char *fmt,
                 const char *detail)
{
    tracuu_parsed_free(out);
    tracuu_buf_t b = {0};
    tracuu_buf_printf(&b, fmt, detail);
    *err = tracuu_buf_steal(&b);
    return false;
}

/* Length of a field name at s ("cites" in "cites:34-CT/TW"), or 0. */
static size_t field_name(const char *s)
{
    size_t n = 0;
    while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'))
        n++;
    return n > 0 && s[n] == ':' ? n : 0;
}

bool tracuu_query_parse(const char *q, bool (*known_field)(const char *),
                        tracuu_parsed_t *out, char **err)
{
    out->v = NULL;
    out->n = 0;
    *err = NULL;
    const char *s = q;
    while (*s) {
        while (is_space(*s))
            s++;
        if (!*s)
            break;
        tracuu_clause_t c = {0};
        if (*s == '-' && s[1] && !is_space(s[1]) && s[1] != '-') {
            c.negated = true;
            s++;
        } else if (strncmp(s, "NOT", 3) == 0 && is_space(s[3])) {
            c.negated = true;
            s += 3;
            while (is_space(*s))
                s++;
            if (!*s)
                return fail(out, err, "NOT with nothing after it%s", "");
        }
        size_t fl = field_name(s);
        if (fl) {
            char *name = tracuu_xstrndup(s, fl);
            for (char *k = name; *k; k++)
                *k = (char)(*k | 0x20);
            if (!known_field(name)) {
                tracuu_buf_t b = {0};
                tracuu_buf_printf(&b, "unknown field '%s:' (see tracuu-query "
                                      "--help for the fields)", name);
                free(name);
                tracuu_parsed_free(out);
                *err = tracuu_buf_steal(&b);
                return false;
            }
            c.field = name;
            s += fl + 1;
        }
        size_t ql = open_quote(s);
        if (ql) {
            s += ql;
            const char *e = s;
            size_t cl = 0;
            while (*e && !(cl = open_quote(e)))
                e++;
            if (!*e) {
                free(c.field);
                return fail(out, err, "unbalanced quote: no closing quote "
                                      "after \"%s", s);
            }
            c.value = tracuu_xstrndup(s, (size_t)(e - s));
            c.quoted = true;
            s = e + cl;
        } else {
            const char *e = s;
            while (*e && !is_space(*e))
                e++;
            c.value = tracuu_xstrndup(s, (size_t)(e - s));
            s = e;
        }
        bool blank = true;
        for (const char *k = c.value; *k && blank; k++)
            blank = is_space(*k);
        if (blank && c.field) {
            tracuu_buf_t b = {0};
            tracuu_buf_printf(&b, "field '%s:' has no value", c.field);
            free(c.field);
            free(c.value);
            tracuu_parsed_free(out);
            *err = tracuu_buf_steal(&b);
            return false;
        }
        if (blank) {
            free(c.value);
            free(c.field);
            continue;
        }
        push(out, c);
    }
    if (out->n == 0)
        return fail(out, err, "empty query%s", "");
    return true;
}

void tracuu_parsed_free(tracuu_parsed_t *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].field);
        free(p->v[i].value);
    }
    free(p->v);
    p->v = NULL;
    p->n = 0;
}
