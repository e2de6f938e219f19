/* args.h: tracuu-query's arguments in GNU order (options anywhere before
 * a "--"), with a "-word" that is no option kept as a query word, and
 * the modes that cannot go together. */
#ifndef TRACUU_QUERY_ARGS_H
#define TRACUU_QUERY_ARGS_H

#include <getopt.h>
#include <stdbool.h>

/* argv[1..argc) reordered into *out: every option (with its argument)
 * first, then "--", then every query word in the order typed. An
 * argument is an option when it is "--" followed by a name of longopts
 * (or a prefix of exactly one: getopt's rule; "--name=value" too), or
 * "-X" with X a short option of shortopts (getopt's letters, ':' after
 * one that takes an argument; its argument is the next word, or joined
 * "-n3" when it is all digits). Anything else that begins with '-'
 * ("-khen", "-dân", "-2024", "-") is a query word: an exclusion. After
 * "--" everything is a query word. "--" followed by a name no option
 * has stays an option (getopt says it is unknown). *out is new (free
 * with free(); its strings are argv's); *out_argc its length;
 * (*out)[0] is argv[0]. */
void tracuu_args_order(int argc, char **argv, const struct option *longopts,
                       const char *shortopts, int *out_argc, char ***out);

/* The modes a command line chose (the option as typed, or NULL). */
typedef struct tracuu_modes {
    const char *format;  /* "--json", "--paths", "--format csv", ... */
    const char *count;   /* "--count" */
    const char *list;    /* "--list" */
    const char *show;    /* "--show" */
    const char *graph;   /* "--cited-by", "--cites-of" */
    const char *sort;    /* "--sort" */
    const char *offset;  /* "--offset" */
    const char *null;    /* "-0/--null" */
    const char *text;    /* "--text" */
    const char *marks;   /* "--marks" */
} tracuu_modes_t;

/* Record that opt chose the output format: false, with both options in
 * *a and *b, when another one chose a different format before. */
bool tracuu_modes_set_format(tracuu_modes_t *m, const char *opt,
                             const char **a, const char **b);

/* The first pair of modes of m that cannot go together, in *a and *b:
 * false when there is none. */
bool tracuu_modes_conflict(const tracuu_modes_t *m, const char **a,
                           const char **b);

/* Whether --color=auto may colour a terminal: not when $NO_COLOR is set
 * to anything but "" (no-color.org), nor when $TERM is "dumb". */
bool tracuu_color_wanted(void);

#endif
