/* args.c: tracuu-query's arguments in GNU order, and conflicting modes. */
#include "args.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* The long option arg ("--name" or "--name=v", without the dashes) names:
 * exactly, or as the prefix of one option only. NULL when none. */
static const struct option *long_match(const char *arg,
                                       const struct option *longopts)
{
    size_t n = strcspn(arg, "=");
    const struct option *found = NULL;
    int hits = 0;
    for (const struct option *o = longopts; o->name; o++) {
        if (strncmp(o->name, arg, n) != 0)
            continue;
        if (strlen(o->name) == n)
            return o;
        if (!found || found->has_arg != o->has_arg || found->val != o->val)
            hits++;
        found = o;
    }
    return hits == 1 ? found : NULL;
}

/* How many words argv[i] takes as an option (1 or 2: with its argument),
 * 0 when it is a query word, -1 when it is the last word and wants an
 * argument. */
static int option_words(char **argv, int i, int argc,
                        const struct option *longopts, const char *shortopts)
{
    const char *a = argv[i];
    if (a[0] != '-' || a[1] == '\0')
        return 0;
    if (a[1] == '-') {
        const struct option *o = long_match(a + 2, longopts);
        if (!o) /* "--nosuch": getopt says it is unknown */
            return 1;
        bool joined = strchr(a, '=') != NULL;
        if (o->has_arg != required_argument || joined)
            return 1;
        return i + 1 < argc ? 2 : -1;
    }
    const char *s = strchr(shortopts, a[1]);
    if (!s || a[1] == ':' || a[1] == '+')
        return 0;
    bool takes = s[1] == ':';
    if (a[2] == '\0')
        return !takes ? 1 : i + 1 < argc ? 2 : -1;
    if (!takes)
        return 0; /* "-hello": a word, not -h -e -l... */
    for (const char *d = a + 2; *d; d++)
        if (!isdigit((unsigned char)*d))
            return 0; /* "-dân", "-other": words */
    return 1;         /* "-n3" */
}

void tracuu_args_order(int argc, char **argv, const struct option *longopts,
                       const char *shortopts, int *out_argc, char ***out)
{
    char **v = tracuu_xcalloc((size_t)argc + 2, sizeof *v);
    char **words = tracuu_xcalloc((size_t)argc + 1, sizeof *words);
    int n = 0, nw = 0;
    v[n++] = argv[0];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            while (++i < argc)
                words[nw++] = argv[i];
            break;
        }
        int k = option_words(argv, i, argc, longopts, shortopts);
        if (k < 0) { /* alone at the end: getopt says it wants one */
            v[n++] = argv[i];
            free(words);
            *out_argc = n;
            *out = v;
            return;
        }
        if (k == 0) {
            words[nw++] = argv[i];
            continue;
        }
        for (int j = 0; j < k; j++)
            v[n++] = argv[i + j];
        i += k - 1;
    }
    v[n++] = "--";
    for (int j = 0; j < nw; j++)
        v[n++] = words[j];
    free(words);
    *out_argc = n;
    *out = v;
}

/* "--json" -> "json", "--format csv" -> "csv". */
static const char *format_name(const char *opt)
{
    if (strncmp(opt, "--format ", 9) == 0)
        return opt + 9;
    return opt + 2;
}

bool tracuu_modes_set_format(tracuu_modes_t *m, const char *opt,
                             const char **a, const char **b)
{
    if (m->format && strcmp(format_name(m->format), format_name(opt)) != 0) {
        *a = m->format;
        *b = opt;
        return false;
    }
    m->format = opt;
    return true;
}

static bool format_is(const tracuu_modes_t *m, const char *name)
{
    return m->format && strcmp(format_name(m->format), name) == 0;
}

/* Whether the format chosen is one of names (a space-separated list). */
static bool format_in(const tracuu_modes_t *m, const char *names)
{
    if (!m->format)
        return false;
    const char *f = format_name(m->format);
    size_t n = strlen(f);
    for (const char *s = names; *s;) {
        size_t w = strcspn(s, " ");
        if (w == n && strncmp(s, f, n) == 0)
            return true;
        s += w + (s[w] == ' ');
    }
    return false;
}

/* One rule: when mode x was chosen, y (or a format of ys) may not be. */
static bool clash(const char *x, const char *y, const char **a,
                  const char **b)
{
    if (!x || !y)
        return false;
    *a = x;
    *b = y;
    return true;
}

bool tracuu_modes_conflict(const tracuu_modes_t *m, const char **a,
                           const char **b)
{
    const char *fmt = m->format;
    bool not_text = fmt && !format_is(m, "text");
    if (clash(m->show, m->list, a, b) || clash(m->show, m->count, a, b) ||
        clash(m->show, m->sort, a, b) || clash(m->show, m->offset, a, b) ||
        clash(m->list, m->count, a, b) || clash(m->list, m->offset, a, b) ||
        clash(m->list, m->sort, a, b))
        return true;
    if (clash(m->graph, m->show, a, b) || clash(m->graph, m->list, a, b) ||
        clash(m->graph, m->count, a, b) || clash(m->graph, m->sort, a, b) ||
        clash(m->graph, m->offset, a, b))
        return true;
    if (m->graph && format_in(m, "paths csv xlsx"))
        return clash(m->graph, fmt, a, b);
    if (m->show && format_in(m, "paths csv xlsx"))
        return clash(m->show, fmt, a, b);
    if (m->list && format_is(m, "paths"))
        return clash(m->list, fmt, a, b);
    if (m->count && not_text)
        return clash(m->count, fmt, a, b);
    if (m->null && (m->count || m->list))
        return clash(m->null, m->count ? m->count : m->list, a, b);
    if (m->null && fmt && !format_is(m, "paths"))
        return clash(m->null, fmt, a, b);
    if (m->marks && (m->count || not_text))
        return clash(m->marks, m->count ? m->count : fmt, a, b);
    return false;
}

bool tracuu_color_wanted(void)
{
    const char *no = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    if (no && *no)
        return false; /* https://no-color.org: any value but empty */
    return !(term && strcmp(term, "dumb") == 0);
}
