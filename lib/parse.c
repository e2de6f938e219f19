/* parse.c: a recursive-descent parser of the query language into clauses
 * and groups; the analyser and the field handlers do the rest.
 *
 *   query   := or
 *   or      := and ("OR" and)*
 *   and     := unary+
 *   unary   := ("-" | "NOT") unary | primary
 *   primary := "(" or ")" | [field ":"] (word | "phrase")
 */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "suggest.h"

typedef struct parser {
    const char *s;
    bool (*known_field)(const char *);
    size_t clauses;
    char *err;
} parser_t;

/* Opening and closing quote marks users type or paste. */
static size_t quote_len(const char *s)
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

static void skip_space(parser_t *ps)
{
    while (is_space(*ps->s))
        ps->s++;
}

/* Where a bare word ends: at white space, a parenthesis or a quote. */
static bool word_end(const char *s)
{
    return !*s || is_space(*s) || *s == '(' || *s == ')' || quote_len(s);
}

static bool keyword(const char *s, const char *kw)
{
    size_t n = strlen(kw);
    return strncmp(s, kw, n) == 0 && word_end(s + n);
}

static void error(parser_t *ps, const char *fmt, const char *detail)
{
    if (ps->err)
        return;
    tracuu_buf_t b = {0};
    tracuu_buf_printf(&b, fmt, detail);
    ps->err = tracuu_buf_steal(&b);
}

/* The limits of parse.h as text, for the messages. */
#define STR_(x) #x
#define STR(x) STR_(x)
/* Bytes of a query quoted in an error. */
#define QUOTED_BYTES 40

/* The start of text quoted in an error: QUOTED_BYTES at most, whole
 * characters (new; free with free()). */
static char *quoted_start(const char *s)
{
    return tracuu_xstrndup(s, tracuu_utf8_cut(s, strlen(s), QUOTED_BYTES));
}

static void push(tracuu_parsed_t *p, tracuu_clause_t c)
{
    p->v = tracuu_xrealloc(p->v, (p->n + 1) * sizeof *p->v);
    p->v[p->n++] = c;
}

static void clause_free(tracuu_clause_t *c)
{
    free(c->field);
    free(c->value);
    if (c->group) {
        tracuu_parsed_free(c->group);
        free(c->group);
    }
}

/* Length of a field name at s (letters, any script, then ':'), or 0. */
static size_t field_name(const char *s)
{
    size_t n = 0;
    /* ASCII letters and any other script's (tiêuđề: is a field too). */
    while (s[n] && (((s[n] | 0x20) >= 'a' && (s[n] | 0x20) <= 'z') ||
                    (unsigned char)s[n] >= 0x80))
        n++;
    /* "name:" with nothing after it is a field too (with no value). */
    return n > 0 && s[n] == ':' && s[n + 1] != ':' ? n : 0;
}

static tracuu_parsed_t *parse_or(parser_t *ps, int depth);

/* A quoted phrase or a bare word at ps->s into *value. */
static bool parse_value(parser_t *ps, char **value, bool *quoted)
{
    size_t ql = quote_len(ps->s);
    if (ql) {
        const char *start = ps->s + ql, *e = start;
        size_t cl = 0;
        while (*e && !(cl = quote_len(e)))
            e++;
        if (!*e) {
            char *shown = quoted_start(start);
            error(ps, _("unbalanced quote: no closing quote after \"%s"), shown);
            free(shown);
            return false;
        }
        *value = tracuu_xstrndup(start, (size_t)(e - start));
        *quoted = true;
        ps->s = e + cl;
        return true;
    }
    /* A bare word; a quoted part inside it (cites:11/CT-UBND@"UBND
     * tỉnh") belongs to it, without its quotes. */
    tracuu_buf_t b = {0};
    const char *e = ps->s;
    for (;;) {
        const char *w = e;
        while (*e && !is_space(*e) && *e != '(' && *e != ')' && !quote_len(e))
            e++;
        tracuu_buf_append(&b, w, (size_t)(e - w));
        size_t ql = quote_len(e);
        if (!ql || e == ps->s)
            break;
        const char *q = e + ql, *qe = q;
        size_t cl = 0;
        while (*qe && !(cl = quote_len(qe)))
            qe++;
        if (!*qe) {
            tracuu_buf_free(&b);
            char *shown = quoted_start(q);
            error(ps, _("unbalanced quote: no closing quote after \"%s"), shown);
            free(shown);
            return false;
        }
        tracuu_buf_append(&b, q, (size_t)(qe - q));
        e = qe + cl;
    }
    if (!b.s)
        tracuu_buf_puts(&b, "");
    *value = tracuu_buf_steal(&b);
    *quoted = false;
    ps->s = e;
    return true;
}

static bool blank(const char *v)
{
    for (; *v; v++)
        if (!is_space(*v))
            return false;
    return true;
}

/* The error of a field the language does not know, with the closest
 * one when there is one ("citse:" -> cites:). */
static void unknown_field(parser_t *ps, const char *name)
{
    if (ps->err)
        return;
    tracuu_buf_t b = {0};
    const char *near = tracuu_suggest_field(name);
    if (near)
        tracuu_buf_printf(&b, _("unknown field '%s:' (did you mean %s:?)"),
                          name, near);
    else
        tracuu_buf_printf(&b, _("unknown field '%s:' (see tracuu-query "
                                "--help for the fields)"), name);
    ps->err = tracuu_buf_steal(&b);
}

/* One unary item appended to list; false on error or at a list's end. */
static bool parse_unary(parser_t *ps, tracuu_parsed_t *list, int depth)
{
    skip_space(ps);
    bool negated = false;
    for (;;) {
        if (*ps->s == '-' && ps->s[1] && !is_space(ps->s[1]) && ps->s[1] != '-') {
            negated = !negated;
            ps->s++;
        } else if (keyword(ps->s, "NOT")) {
            negated = !negated;
            ps->s += 3;
            skip_space(ps);
            if (!*ps->s || *ps->s == ')' || keyword(ps->s, "OR")) {
                error(ps, _("NOT with nothing after it%s"), "");
                return false;
            }
        } else {
            break;
        }
    }
    if (++ps->clauses > TRACUU_QUERY_MAX_CLAUSES) {
        error(ps, _("too many words and clauses (at most %s)"),
              STR(TRACUU_QUERY_MAX_CLAUSES));
        return false;
    }
    tracuu_clause_t c = {0};
    c.negated = negated;
    if (*ps->s == '(') {
        if (depth >= TRACUU_QUERY_MAX_DEPTH) {
            error(ps, _("parentheses nested too deep (at most %s)"),
                  STR(TRACUU_QUERY_MAX_DEPTH));
            return false;
        }
        ps->s++;
        c.group = parse_or(ps, depth + 1);
        if (!c.group)
            return false;
        skip_space(ps);
        if (*ps->s != ')') {
            error(ps, _("unbalanced parenthesis: no ')' for a '('%s"), "");
            clause_free(&c);
            return false;
        }
        ps->s++;
        push(list, c);
        return true;
    }
    size_t fl = field_name(ps->s);
    if (fl) {
        char *name = tracuu_xstrndup(ps->s, fl);
        for (char *k = name; *k; k++)
            if ((unsigned char)*k < 0x80)
                *k = (char)(*k | 0x20);
        if (!ps->known_field(name)) {
            unknown_field(ps, name);
            free(name);
            return false;
        }
        c.field = name;
        ps->s += fl + 1;
    }
    if (!parse_value(ps, &c.value, &c.quoted)) {
        clause_free(&c);
        return false;
    }
    if (blank(c.value)) {
        if (c.field)
            error(ps, _("field '%s:' has no value"), c.field);
        clause_free(&c);
        return !c.field; /* an empty "" is nothing */
    }
    push(list, c);
    return true;
}

static tracuu_parsed_t *parse_and(parser_t *ps, int depth)
{
    tracuu_parsed_t *list = tracuu_xcalloc(1, sizeof *list);
    for (;;) {
        skip_space(ps);
        if (!*ps->s || *ps->s == ')' || keyword(ps->s, "OR"))
            break;
        if (!parse_unary(ps, list, depth) && ps->err)
            break;
    }
    if (!ps->err && list->n == 0)
        error(ps, "%s", depth == 0 && !*ps->s ? _("empty query")
                        : keyword(ps->s, "OR") ? _("OR with nothing before it")
                                               : _("nothing to search for in ()"));
    if (ps->err) {
        tracuu_parsed_free(list);
        free(list);
        return NULL;
    }
    return list;
}

static tracuu_parsed_t *parse_or(parser_t *ps, int depth)
{
    tracuu_parsed_t *first = parse_and(ps, depth);
    if (!first)
        return NULL;
    skip_space(ps);
    if (!keyword(ps->s, "OR"))
        return first;
    tracuu_parsed_t *any = tracuu_xcalloc(1, sizeof *any);
    any->is_or = true;
    push(any, (tracuu_clause_t){.group = first});
    while (keyword(ps->s, "OR")) {
        ps->s += 2;
        skip_space(ps);
        if (!*ps->s || *ps->s == ')' || keyword(ps->s, "OR"))
            error(ps, _("OR with nothing after it%s"), "");
        tracuu_parsed_t *next = ps->err ? NULL : parse_and(ps, depth);
        if (!next) {
            tracuu_parsed_free(any);
            free(any);
            return NULL;
        }
        push(any, (tracuu_clause_t){.group = next});
        skip_space(ps);
    }
    return any;
}

bool tracuu_query_parse(const char *q, bool (*known_field)(const char *),
                        tracuu_parsed_t *out, char **err)
{
    memset(out, 0, sizeof *out);
    *err = NULL;
    if (strlen(q) > TRACUU_QUERY_MAX_BYTES) {
        tracuu_buf_t b = {0};
        tracuu_buf_printf(&b, _("query too long (at most %s bytes)"),
                          STR(TRACUU_QUERY_MAX_BYTES));
        *err = tracuu_buf_steal(&b);
        return false;
    }
    parser_t ps = {q, known_field, 0, NULL};
    tracuu_parsed_t *top = parse_or(&ps, 0);
    skip_space(&ps);
    if (top && *ps.s == ')')
        error(&ps, _("unbalanced parenthesis: a ')' with no '('%s"), "");
    if (ps.err) {
        if (top) {
            tracuu_parsed_free(top);
            free(top);
        }
        *err = ps.err;
        return false;
    }
    *out = *top;
    free(top);
    return true;
}

void tracuu_parsed_free(tracuu_parsed_t *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        clause_free(&p->v[i]);
    free(p->v);
    p->v = NULL;
    p->n = 0;
}
