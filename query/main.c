/* main.c: tracuu-query command line. */
#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "args.h"
#include "build.h"
#include "buf.h"
#include "escape.h"
#include "fields.h"
#include "list.h"
#include "listby.h"
#include "i18n.h"
#include "index.h"
#include "output.h"
#include "passage.h"
#include "parse.h"
#include "rank.h"
#include "record.h"
#include "remotes.h"
#include "schema.h"
#include "search.h"
#include "graph.h"
#include "show.h"
#include "symbol.h"
#include "snippet.h"
#include "suggest.h"
#include "version.h"
#include "wrap.h"
#include "xlsx.h"

static const char *prog = "tracuu-query";

/* Exit status (README): something matched, nothing did, or a usage,
 * query, index or output error. */
enum { EXIT_MATCH = 0, EXIT_NO_MATCH = 1, EXIT_TROUBLE = 2 };
#define OPT_GO_ON (-1)      /* apply_option: the next option */

#define DEFAULT_LIMIT 10    /* results shown without --limit */
#define MAX_COUNT 1000000   /* the largest --limit and --offset */

typedef enum color { COLOR_AUTO = -1, COLOR_NEVER = 0, COLOR_ALWAYS = 1 } color_t;
typedef tracuu_sort_t sort_t; /* search.h */
#define SORT_DATE_DOWN TRACUU_SORT_DATE_DOWN
#define SORT_RELEVANCE TRACUU_SORT_RELEVANCE
#define SORT_DATE_UP TRACUU_SORT_DATE_UP

/* --help's options naming what to search. */
static void usage_sources(FILE *f)
{
    fputs(_("\n"
            "Options:\n"
            "  -d, --db DIR      the index (default: $TRACUU_DB, else\n"
            "                    $XDG_DATA_HOME/tracuu/index, else\n"
            "                    ~/.local/share/tracuu/index); again for\n"
            "                    several indexes searched as one\n"
            "      --remote HOST:PORT\n"
            "                    a shard xapian-tcpsrv serves, searched with\n"
            "                    the others (again for more; without -d and\n"
            "                    --remote: those ~/.config/tracuu/remotes\n"
            "                    lists, if any)\n"
            "      --partial     a shard that is down is left out, with a\n"
            "                    warning, instead of failing the search\n"
            "      --connect-timeout S\n"
            "                    seconds to connect to a shard (default 5)\n"
            "      --remote-timeout S\n"
            "                    seconds to wait for each answer of a shard\n"
            "                    (default 10)\n"),
          f);
}

static void usage(FILE *f)
{
    fputs(_("Usage: tracuu-query [OPTION]... QUERY...\n"
            "       tracuu-query [OPTION]... --list WHAT [QUERY...]\n"
            "       tracuu-query [OPTION]... --show PATH|number:SYMBOL\n"
            "Search a tracuu index. Every word must match; diacritics are\n"
            "optional (thi dua = thi đua = THI ĐUA), and plans with the accents\n"
            "typed rank first. Options may come before or after the query;\n"
            "a word that begins with '-' and is no option is an exclusion\n"
            "(-khen); after --, every word is a query word.\n"
            "\n"
            "Query language:\n"
            "  word            a syllable or code; all words must match; a\n"
            "                  document symbol (34-CT/TW) also matches citations\n"
            "  \"a b c\"         a phrase: the syllables adjacent, in order\n"
            "  -word, NOT word exclude plans that match\n"
            "  a OR b          either side matches\n"
            "  ( ... )         group: (cites:34-CT/TW OR cites:19/CT-TTg) date:2024\n"
            "  *               every plan (also an empty query beside --sort,\n"
            "                  --list or an export)\n"), f);
    for (size_t i = 0; tracuu_fields[i].name; i++) {
        tracuu_buf_t b = {0};
        tracuu_buf_printf(&b, "  %s:  %s\n", tracuu_fields[i].name,
                          _(tracuu_fields[i].help));
        tracuu_wrap_write(f, b.s, b.len, 79);
        tracuu_buf_free(&b);
    }
    usage_sources(f);
    fputs(_("      --json        JSON output (with a format_version)\n"
            "      --format-version N\n"
            "                    the JSON format to write: 3 (now) or 2\n"
            "      --paths       only the paths of matching plans, one a line\n"
            "                    (escaped on a terminal, raw in a pipe)\n"
            "  -0, --null        with --paths: raw paths ended by NUL bytes\n"
            "                    (for xargs -0; safe with any file name)\n"
            "      --count       only the number of matching plans\n"
            "      --format F    text, json, paths, csv or xlsx: csv and xlsx\n"
            "                    write the archive's sheet (NĐ 30/2020 Phụ lục\n"
            "                    VI columns), every match unless --limit\n"
            "  -o, --output FILE write to FILE (xlsx: give one, or redirect)\n"
            "  -n, --limit N     at most N results (default 10; all or 0:\n"
            "                    every match); with --list, at most N rows\n"
            "      --offset N    skip the first N results\n"), f);
    fputs(_("      --color WHEN  mark matches in colour: auto (a terminal,\n"
            "                    unless NO_COLOR is set or TERM=dumb), always,\n"
            "                    never\n"
            "      --marks       mark matches [like this] without colour, also\n"
            "                    in a pipe (by default only on a terminal)\n"
            "      --width N     wrap text at N columns (default: the\n"
            "                    terminal's width; 0, or in a pipe: no wrapping)\n"
            "      --sort KEY    date (issue date, oldest first), -date (newest\n"
            "                    first; plans of unknown date last), relevance\n"
            "      --list WHAT   cites, dates, movements, issuers, years, types\n"
            "                    or signers of the matching plans (all plans\n"
            "                    without a query), with counts, most first\n"
            "      --show PATH|number:SYMBOL\n"
            "                    one document as indexed: its record, citations,\n"
            "                    dates with their roles, movements\n"
            "      --text        with --show: the text the index keeps\n"
            "      --by G[,H]    with --list: a table for each year, issuer,\n"
            "                    type or signer (--list cites --by year;\n"
            "                    --by issuer,year: each issuer's years)\n"
            "      --cited-by DOC  the plans citing DOC (a path, number:SYMBOL\n"
            "                    or a symbol), with their relation to it\n"
            "      --cites-of DOC  what DOC cites, resolved to the indexed\n"
            "                    documents where the archive holds them\n"
            "      --depth N     follow the chain N levels (default 1)\n"
            "      --format dot  the graph for Graphviz (dot -Tsvg)\n"
            "  -h, --help        this help\n"
            "  -V, --version     version\n"
            "One output mode at a time: --json, --paths, --count, --format,\n"
            "--list and --show do not go together (exit 2 names both).\n"
            "\n"
            "Exit status: 0 something matched, 1 nothing matched, 2 usage,\n"
            "query or index error, or the output could not be written (the\n"
            "message says what is wrong).\n"), f);
}

/* Print "tracuu-query: " what msg on stderr, msg escaped (it may quote a
 * path or the index's own words); stdout goes first, where the two share
 * a terminal. */
static void say(const char *what, const char *msg)
{
    tracuu_buf_t b = {0};
    tracuu_escape_text(&b, msg ? msg : "?", msg ? strlen(msg) : 1);
    fflush(stdout);
    fprintf(stderr, "%s: %s%s\n", prog, what, b.s);
    tracuu_buf_free(&b);
}

/* rc, or 2 when stdout could not be written (a full disk, /dev/full),
 * said once on stderr. A reader gone (EPIPE, `| head -1` with SIGPIPE
 * ignored) is no error: the output was wanted no further. With SIGPIPE's
 * default action the process ends at that write, silently, as always. */
static int output_written(int rc)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return rc;
    if (errno == EPIPE)
        return rc;
    int err = errno ? errno : EIO;
    fprintf(stderr, _("%s: write error: %s\n"), prog, strerror(err));
    return EXIT_TROUBLE;
}

static bool parse_count(const char *opt, const char *arg, unsigned *out)
{
    if (strcmp(opt, "--limit") == 0 && strcmp(arg, "all") == 0) {
        *out = 0; /* every match */
        return true;
    }
    char *end = NULL;
    long n = strtol(arg, &end, 10);
    if (!*arg || *end || n < 0 || n > MAX_COUNT) {
        fprintf(stderr, _("%s: %s wants a number from 0 to %d%s, not '%s'\n"),
                prog, opt, MAX_COUNT,
                strcmp(opt, "--limit") == 0 ? " or all" : "", arg);
        return false;
    }
    *out = (unsigned)n;
    return true;
}

/* -d and --remote given at most this many times each. */
#define MAX_SOURCES 64

typedef struct opts {
    const char *dbs[MAX_SOURCES]; /* -d, in order */
    const char *remotes[MAX_SOURCES]; /* --remote HOST:PORT */
    tracuu_cli_sources_t src;     /* what they and --partial ... make */
    tracuu_format_t format;
    bool count;
    bool null; /* --paths: NUL-terminated */
    unsigned limit, offset; /* limit 0: every match */
    bool limit_set;         /* --limit given (an export is whole without) */
    const char *out_path;   /* -o FILE, or NULL: standard output */
    const char *show;       /* --show PATH|number:..., or NULL */
    const char *graph;      /* --cited-by / --cites-of DOC, or NULL */
    tracuu_graph_dir_t graph_dir;
    unsigned depth;         /* --depth: levels of the graph */
    bool dot;               /* --format dot (a graph) */
    bool text;              /* --show: with the stored text */
    color_t color;
    sort_t sort;
    tracuu_list_kind_t list;
    const char *list_name;  /* --list's argument */
    tracuu_list_kind_t by;  /* --by: a table per group, or NONE */
    tracuu_list_kind_t by2; /* --by A,B: groups of B within A's */
    const char *by_name;
    bool marks;             /* --marks: [matches] in text, even in a pipe */
    int format_version;     /* --format-version, or 0: the current one */
    int width;              /* --width, or -1: the terminal's (wrap.h) */
    tracuu_modes_t modes;   /* the modes chosen, as typed (args.h) */
} opts_t;

/* The query words joined by spaces, checked to be UTF-8. */
static char *join_args(int argc, char **argv)
{
    tracuu_buf_t b = {0};
    for (int i = 0; i < argc; i++) {
        if (i)
            tracuu_buf_putc(&b, ' ');
        tracuu_buf_puts(&b, argv[i]);
    }
    if (!b.s)
        tracuu_buf_puts(&b, "");
    return tracuu_buf_steal(&b);
}

/* Say on stderr that the index at path holds no document, if so: a
 * search of it answers nothing, and silence would look like no match. */
static void empty_index(tracuu_db_t *db, const char *path)
{
    unsigned n = 1;
    if (tracuu_db_doccount(db, &n) != TRACUU_OK || n > 0)
        return;
    tracuu_buf_t b = {0};
    tracuu_buf_printf(&b, _("%s: 0 documents: run tracuu-index -d %s PATH"),
                      path, path);
    say("", b.s);
    tracuu_buf_free(&b);
}

/* The shards --partial left out, for the JSON output. */
static char **shards_missing;

/* The indexes and shards of o, open for reading as one, or NULL (said
 * on stderr); a shard --partial leaves out is warned about. */
static tracuu_db_t *open_index(const opts_t *o)
{
    char *msg = NULL, *path = NULL;
    size_t n_missing = 0;
    tracuu_db_t *db = NULL;
    tracuu_strv_free(shards_missing);
    if (tracuu_index_open_cli(&o->src, &db, &path, &msg, &shards_missing,
                              &n_missing) != TRACUU_OK)
        say("", msg); /* it names the index or shard */
    for (size_t i = 0; i < n_missing; i++) {
        /* Xapian's words for why: escaped (they may quote the shard). */
        tracuu_buf_t b = {0};
        tracuu_escape_text(&b, shards_missing[i], strlen(shards_missing[i]));
        fprintf(stderr, _("%s: warning: %s; left out (--partial): the "
                          "results are from the others\n"),
                prog, b.s);
        tracuu_buf_free(&b);
    }
    if (db && path)
        empty_index(db, path);
    free(msg);
    free(path);
    return db;
}

/* The printer of o's format on standard output (or -o's workbook);
 * false when it cannot be set up (said on stderr). */
static bool printer_for(const opts_t *o, tracuu_printer_t *pr)
{
    if (o->format == TRACUU_FORMAT_XLSX) {
        char *err = NULL;
        bool ok = tracuu_xlsx_printer_init(pr, o->out_path, stdout, &err);
        if (!ok)
            say("", err);
        free(err);
        return ok;
    }
    bool tty = isatty(STDOUT_FILENO);
    bool color = o->color == COLOR_ALWAYS ||
                 (o->color == COLOR_AUTO && tty && tracuu_color_wanted());
    tracuu_printer_init(pr, o->format, stdout, color, tty, o->null);
    pr->marks = o->marks || tty;
    pr->format_version = o->format_version;
    pr->shards_missing = shards_missing;
    pr->wrap = o->width >= 0 ? o->width : tracuu_wrap_width(STDOUT_FILENO);
    return true;
}

/* A line made by lib (search.h: "tracuu-query: ...\n") on stderr, after
 * what stdout holds; false when there was none. */
static bool said(char *msg)
{
    if (!msg)
        return false;
    fflush(stdout);
    fputs(msg, stderr);
    free(msg);
    return true;
}

/* query prepared as pq (search.h): false when it cannot be searched
 * (said on stderr). */
static bool prepare(const char *query, bool every, tracuu_prepared_t *pq)
{
    char *msg = NULL;
    bool ok = tracuu_search_prepare(prog, query, every, pq, &msg);
    said(msg);
    return ok;
}

/* The plans a group's query finds (tracuu_list_match_fn). */
static bool group_match(const char *query, tracuu_q_t **q, void *ctx)
{
    (void)ctx;
    tracuu_prepared_t pq;
    bool ok = prepare(query, false, &pq);
    *q = ok ? tracuu_q_copy(pq.plan.q_match) : NULL;
    tracuu_prepared_free(&pq);
    return ok && *q;
}

static int list(const opts_t *o, tracuu_db_t *db, const tracuu_prepared_t *pq,
                const char *query, bool every)
{
    tracuu_printer_t pr;
    if (!printer_for(o, &pr))
        return EXIT_TROUBLE;
    const tracuu_q_t *q = every ? NULL : pq->plan.q_match;
    unsigned limit = o->limit_set ? o->limit : 0;
    long rows = o->by != TRACUU_LIST_NONE
                    ? tracuu_list_by(db, q, *query ? query : NULL, o->list,
                                     o->list_name, o->by, o->by2, o->by_name,
                                     limit,
                                     &pr, group_match, NULL)
                    : tracuu_list_print(db, q, o->list,
                                        *query ? query : NULL, limit, &pr);
    if (o->format == TRACUU_FORMAT_XLSX)
        pr.end(&pr); /* the workbook, written out */
    if (pr.failed)
        return EXIT_TROUBLE;
    return rows < 0 ? EXIT_TROUBLE : rows > 0 ? EXIT_MATCH : EXIT_NO_MATCH;
}

/* A query that found nothing, with fix its spelling correction: in text
 * mode the plans of fix are shown instead (said on stderr), otherwise fix
 * is suggested on stderr. */
static int search_corrected(const opts_t *o, tracuu_db_t *db,
                            const char *query, const char *fix);

/* Where how the plans found write an unaccented query is said: to a
 * person at a terminal (text output, stderr a terminal) and in --json's
 * "suggestion"; scripts reading --paths, --count or stderr get no
 * chatter (and pay nothing for it). */
static bool tells_accents(const opts_t *o)
{
    return !o->count && (o->format == TRACUU_FORMAT_JSON ||
                         (o->format == TRACUU_FORMAT_TEXT &&
                          isatty(STDERR_FILENO)));
}

static void say_accents(const opts_t *o, const char *written)
{
    if (o->format != TRACUU_FORMAT_TEXT)
        return;
    tracuu_buf_t b = {0};
    tracuu_escape_text(&b, written, strlen(written));
    fflush(stdout);
    fprintf(stderr, _("%s: most often written: %s\n"), prog, b.s);
    tracuu_buf_free(&b);
}

/* False when the output could not be made (said on stderr). */
static bool print_results(const opts_t *o, const tracuu_request_t *r,
                          tracuu_prepared_t *pq, const char *query,
                          const tracuu_found_t *fd, const char *suggestion)
{
    tracuu_printer_t pr;
    if (o->count) {
        tracuu_printer_init(&pr, TRACUU_FORMAT_TEXT, stdout, false, false,
                            false);
        pr.integer(&pr, tracuu_mset_total(fd->m));
        pr.separator(&pr);
        return true;
    }
    return printer_for(o, &pr) &&
           tracuu_search_print(&pr, pq, query, r, fd, suggestion);
}

static int search_and_print(const opts_t *o, tracuu_db_t *db,
                            tracuu_prepared_t *pq, const char *query,
                            bool may_correct)
{
    tracuu_found_t fd;
    tracuu_request_t r = {o->offset, o->limit, o->sort, o->count,
                          o->format == TRACUU_FORMAT_PATHS,
                          tracuu_format_wants_snippets(o->format), false};
    if (r.limit == 0) { /* --limit all: as many as there are plans */
        unsigned n = 0;
        tracuu_db_doccount(db, &n);
        r.limit = n ? n : 1;
    }
    int rc = EXIT_TROUBLE;
    char *fix = NULL;
    if (tracuu_search_run(db, pq, &r, &fd) != TRACUU_OK) {
        say(_("search failed: "), tracuu_db_last_error(db));
    } else if (may_correct && tracuu_mset_total(fd.m) == 0 &&
               (fix = tracuu_suggest_query(db, query)) != NULL &&
               o->format == TRACUU_FORMAT_TEXT && !o->count) {
        rc = search_corrected(o, db, query, fix);
    } else {
        /* A query found as typed without diacritics: how the index
         * writes it most often (issue 18). */
        if (!fix && may_correct && tracuu_mset_total(fd.m) > 0 &&
            tells_accents(o))
            fix = tracuu_search_accents(db, query, &fd);
        bool accents = fix && tracuu_mset_total(fd.m) > 0;
        if (print_results(o, &r, pq, query, &fd, fix)) {
            rc = tracuu_mset_total(fd.m) > 0 ? EXIT_MATCH : EXIT_NO_MATCH;
            if (fix && accents)
                say_accents(o, fix);
            else if (fix && o->format != TRACUU_FORMAT_JSON)
                search_corrected(o, db, query, fix);
        }
    }
    free(fix);
    tracuu_found_free(&fd);
    return rc;
}

static int search_corrected(const opts_t *o, tracuu_db_t *db,
                            const char *query, const char *fix)
{
    tracuu_buf_t b = {0};
    tracuu_escape_text(&b, fix, strlen(fix));
    if (o->format != TRACUU_FORMAT_TEXT || o->count) {
        fflush(stdout);
        fprintf(stderr, _("%s: did you mean: %s\n"), prog, b.s);
        tracuu_buf_free(&b);
        return EXIT_NO_MATCH;
    }
    tracuu_buf_t q = {0};
    tracuu_escape_text(&q, query, strlen(query));
    fflush(stdout);
    fprintf(stderr, _("%s: nothing matches '%s'; showing the plans for '%s'\n"),
            prog, q.s, b.s);
    tracuu_buf_free(&q);
    tracuu_buf_free(&b);
    tracuu_prepared_t pq;
    int rc = prepare(fix, false, &pq)
                 ? search_and_print(o, db, &pq, fix, false)
                 : EXIT_TROUBLE;
    tracuu_prepared_free(&pq);
    return rc;
}

static int search(const opts_t *o, const char *query)
{
    if (said(tracuu_search_check(prog, query)))
        return EXIT_TROUBLE;
    char *rest = NULL;
    bool empty;
    bool every = tracuu_search_every(
        query, o->sort != SORT_RELEVANCE || o->list != TRACUU_LIST_NONE ||
                   o->format == TRACUU_FORMAT_CSV ||
                   o->format == TRACUU_FORMAT_XLSX,
        &rest, &empty);
    if (empty) {
        fprintf(stderr, _("%s: empty query (\"*\" asks for every plan)\n"),
                prog);
        free(rest);
        return EXIT_TROUBLE;
    }
    tracuu_prepared_t pq;
    int rc = EXIT_TROUBLE;
    tracuu_db_t *db = NULL;
    if (prepare(rest, every, &pq) && (db = open_index(o)) != NULL)
        rc = o->list != TRACUU_LIST_NONE
                 ? list(o, db, &pq, query, every)
                 : search_and_print(o, db, &pq, query, !every);
    free(rest);
    tracuu_db_close(db);
    tracuu_prepared_free(&pq);
    return rc;
}

/* The documents --show names (search.h); false when the target cannot
 * be searched or read (said on stderr). */
static bool show_targets(const char *target, tracuu_db_t *db,
                         unsigned **ids, size_t *n)
{
    char *msg = NULL;
    bool ok = tracuu_search_targets(prog, db, target, ids, n, &msg);
    said(msg);
    return ok;
}

/* --show: exit 0 when shown, 1 when nothing is indexed under that name. */
static int show(const opts_t *o)
{
    tracuu_db_t *db = open_index(o);
    if (!db)
        return EXIT_TROUBLE;
    unsigned *ids = NULL;
    size_t n = 0;
    int rc = EXIT_TROUBLE;
    if (show_targets(o->show, db, &ids, &n)) {
        rc = EXIT_NO_MATCH;
        if (!n)
            say(_("nothing indexed for "), o->show);
        tracuu_printer_t pr;
        if (n && printer_for(o, &pr))
            rc = tracuu_show_print(db, ids, n, o->show, o->text, &pr)
                     ? EXIT_MATCH : EXIT_TROUBLE;
    }
    free(ids);
    tracuu_db_close(db);
    return rc;
}

/* --cited-by / --cites-of DOC: DOC a path, number:SYMBOL or a bare
 * symbol; exit 0 when shown, 1 when nothing is indexed under it, 2 when
 * several plans are (their paths said). */
static int graph(const opts_t *o)
{
    tracuu_db_t *db = open_index(o);
    if (!db)
        return EXIT_TROUBLE;
    tracuu_symbol_t *sym = tracuu_xcalloc(1, sizeof *sym);
    tracuu_buf_t t = {0};
    if (access(o->graph, F_OK) != 0 &&
        tracuu_symbol_parse_query(o->graph, strlen(o->graph), sym))
        tracuu_buf_printf(&t, "number:%s", sym->display);
    else
        tracuu_buf_puts(&t, o->graph);
    free(sym);
    unsigned *ids = NULL;
    size_t n = 0;
    int rc = EXIT_TROUBLE;
    if (show_targets(t.s, db, &ids, &n)) {
        rc = n == 1 ? EXIT_MATCH : n ? EXIT_TROUBLE : EXIT_NO_MATCH;
        if (!n)
            say(_("nothing indexed for "), o->graph);
        for (size_t i = 0; n > 1 && i < n; i++) {
            char *path = NULL;
            if (i == 0)
                say(_("several plans have that number, give one's path: "),
                    o->graph);
            if (tracuu_db_get_value(db, ids[i], TRACUU_SLOT_PATH, &path,
                                    NULL) == TRACUU_OK)
                say("  ", path);
            free(path);
        }
        tracuu_printer_t pr;
        if (n == 1 && printer_for(o, &pr) &&
            !tracuu_graph_print(db, ids[0], o->graph_dir, o->depth, &pr,
                                o->dot, stdout, prog))
            rc = EXIT_TROUBLE;
    }
    tracuu_buf_free(&t);
    free(ids);
    tracuu_db_close(db);
    return rc;
}

static const struct option longopts[] = {
    {"cited-by", required_argument, NULL, 'B'},
    {"cites-of", required_argument, NULL, 'U'},
    {"depth", required_argument, NULL, 'D'},
    {"by", required_argument, NULL, 'Y'},
    {"db", required_argument, NULL, 'd'},
    {"remote", required_argument, NULL, 'R'},
    {"partial", no_argument, NULL, 'p'},
    {"connect-timeout", required_argument, NULL, 'c'},
    {"remote-timeout", required_argument, NULL, 't'},
    {"json", no_argument, NULL, 'J'},
    {"paths", no_argument, NULL, 'P'},
    {"count", no_argument, NULL, 'C'},
    {"null", no_argument, NULL, '0'},
    {"limit", required_argument, NULL, 'n'},
    {"offset", required_argument, NULL, 'O'},
    {"color", required_argument, NULL, 'K'},
    {"sort", required_argument, NULL, 'S'},
    {"list", required_argument, NULL, 'L'},
    {"format", required_argument, NULL, 'F'},
    {"show", required_argument, NULL, 'W'},
    {"text", no_argument, NULL, 'T'},
    {"output", required_argument, NULL, 'o'},
    {"colour", required_argument, NULL, 'K'},
    {"marks", no_argument, NULL, 'M'},
    {"format-version", required_argument, NULL, 'v'},
    {"width", required_argument, NULL, 'w'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* The index of word in names[0..n), or -1. */
static int choose(const char *word, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(word, names[i]) == 0)
            return (int)i;
    return -1;
}

/* Say that options a and b cannot go together; the exit status. */
static int modes_clash(const char *a, const char *b)
{
    fprintf(stderr, _("%s: %s and %s cannot go together\n"), prog, a, b);
    fprintf(stderr, _("Try 'tracuu-query --help'.\n"));
    return EXIT_TROUBLE;
}

/* Note in o->modes which mode option c chose, as typed: OPT_GO_ON, or
 * the exit status when it chose another output format than one before. */
static int note_mode(int c, opts_t *o)
{
    static const char *const as_typed[] = {
        "--format text", "--format json", "--format paths", "--format csv",
        "--format xlsx", "--format dot"};
    static const char *const formats[] = {"text", "json", "paths", "csv",
                                          "xlsx", "dot"};
    tracuu_modes_t *m = &o->modes;
    const char *fmt = NULL, *a, *b;
    int v;
    switch (c) {
    case 'J': fmt = "--json"; break;
    case 'P': fmt = "--paths"; break;
    case 'F':
        if ((v = choose(optarg, formats, 6)) >= 0)
            fmt = as_typed[v];
        break;
    case 'B': m->graph = "--cited-by"; break;
    case 'U': m->graph = "--cites-of"; break;
    case 'C': m->count = "--count"; break;
    case 'L': m->list = "--list"; break;
    case 'W': m->show = "--show"; break;
    case 'S': m->sort = "--sort"; break;
    case 'O': m->offset = "--offset"; break;
    case '0': m->null = "-0/--null"; break;
    case 'T': m->text = "--text"; break;
    case 'M': m->marks = "--marks"; break;
    default: break;
    }
    if (fmt && !tracuu_modes_set_format(m, fmt, &a, &b))
        return modes_clash(a, b);
    return OPT_GO_ON;
}

/* --format-version N: the current JSON format or the one before. */
static int format_version(const char *arg, opts_t *o)
{
    char *end = NULL;
    long v = strtol(arg, &end, 10);
    if (*arg && !*end && v >= TRACUU_JSON_FORMAT_OLDEST &&
        v <= TRACUU_JSON_FORMAT_VERSION) {
        o->format_version = (int)v;
        return OPT_GO_ON;
    }
    fprintf(stderr, _("%s: --format-version %s is not supported: this "
                      "version writes format %d or %d\n"),
            prog, arg, TRACUU_JSON_FORMAT_OLDEST, TRACUU_JSON_FORMAT_VERSION);
    return EXIT_TROUBLE;
}

/* One group of --by: year, issuer, type or signer (or the lists'
 * plural names) into *kind; false when none. */
static bool by_group(const char *s, size_t n, tracuu_list_kind_t *kind,
                     const char **name)
{
    static const char *const one[] = {"year", "issuer", "type", "signer"};
    static const char *const many[] = {"years", "issuers", "types", "signers"};
    for (int v = 0; v < 4; v++)
        if ((strlen(one[v]) == n && !strncmp(s, one[v], n)) ||
            (strlen(many[v]) == n && !strncmp(s, many[v], n))) {
            *name = many[v];
            return tracuu_list_parse(many[v], kind);
        }
    return false;
}

/* --by G or --by G,H (the groups of H within each of G). */
static int by_option(opts_t *o)
{
    const char *comma = strchr(optarg, ',');
    size_t n = comma ? (size_t)(comma - optarg) : strlen(optarg);
    const char *name2 = NULL;
    if (by_group(optarg, n, &o->by, &o->by_name) &&
        (!comma || (by_group(comma + 1, strlen(comma + 1), &o->by2, &name2) &&
                    o->by2 != o->by))) {
        if (comma)
            o->by_name = optarg;
        return OPT_GO_ON;
    }
    fprintf(stderr, _("%s: --by wants year, issuer, type or signer, not "
                      "'%s'\n"), prog, optarg);
    return EXIT_TROUBLE;
}

/* --format F. */
static int format_option(opts_t *o)
{
    static const char *const formats[] = {"text", "json", "paths", "csv", "xlsx"};
    static const tracuu_format_t format_v[] = {
        TRACUU_FORMAT_TEXT, TRACUU_FORMAT_JSON, TRACUU_FORMAT_PATHS,
        TRACUU_FORMAT_CSV, TRACUU_FORMAT_XLSX};
    if (strcmp(optarg, "dot") == 0) {
        o->dot = true;
        return OPT_GO_ON;
    }
    int v = choose(optarg, formats, 5);
    if (v < 0) {
        fprintf(stderr, _("%s: --format wants text, json, paths, csv, "
                        "xlsx or dot, not '%s'\n"), prog, optarg);
        return EXIT_TROUBLE;
    }
    o->format = format_v[v];
    return OPT_GO_ON;
}

/* --cited-by, --cites-of, --depth. */
static int graph_option(int c, opts_t *o)
{
    if (c != 'D') {
        o->graph = optarg;
        o->graph_dir = c == 'B' ? TRACUU_GRAPH_CITED_BY : TRACUU_GRAPH_CITES_OF;
        return OPT_GO_ON;
    }
    if (!parse_count("--depth", optarg, &o->depth))
        return EXIT_TROUBLE;
    if (o->depth == 0 || o->depth > TRACUU_GRAPH_DEPTH_MAX) {
        fprintf(stderr, _("%s: --depth wants 1 to %d\n"), prog,
                TRACUU_GRAPH_DEPTH_MAX);
        return EXIT_TROUBLE;
    }
    return OPT_GO_ON;
}

static int timeout_option(int c, opts_t *o);

/* -d DIR or --remote HOST:PORT, one more source; --partial,
 * --connect-timeout, --remote-timeout. */
static int source_option(int c, opts_t *o)
{
    if (c == 'p') {
        o->src.partial = true;
        return OPT_GO_ON;
    }
    if (c == 'c' || c == 't')
        return timeout_option(c, o);
    size_t *n = c == 'd' ? &o->src.n_dbs : &o->src.n_remotes;
    char host[TRACUU_HOST_MAX + 1];
    unsigned port;
    if (*n >= MAX_SOURCES) {
        fprintf(stderr, _("%s: at most %d of %s\n"), prog, MAX_SOURCES,
                c == 'd' ? "-d/--db" : "--remote");
        return EXIT_TROUBLE;
    }
    if (c == 'R' && !tracuu_remote_split(optarg, host, &port)) {
        fprintf(stderr, _("%s: --remote wants HOST:PORT (a port from 1 to "
                          "65535), not '%s'\n"), prog, optarg);
        return EXIT_TROUBLE;
    }
    (c == 'd' ? o->dbs : o->remotes)[(*n)++] = optarg;
    return OPT_GO_ON;
}

/* --connect-timeout S, --remote-timeout S. */
static int timeout_option(int c, opts_t *o)
{
    if (tracuu_seconds_parse(optarg, c == 'c' ? &o->src.connect_ms
                                              : &o->src.call_ms))
        return OPT_GO_ON;
    fprintf(stderr, _("%s: %s wants seconds, more than 0 and at most 3600, "
                      "not '%s'\n"), prog,
            c == 'c' ? "--connect-timeout" : "--remote-timeout", optarg);
    return EXIT_TROUBLE;
}

/* Apply option c (with optarg) to *o: OPT_GO_ON, or the exit status to
 * end with. */
static int apply_option(int c, opts_t *o)
{
    static const char *const colors[] = {"auto", "always", "never"};
    static const color_t color_v[] = {COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER};
    static const char *const sorts[] = {"date", "-date", "relevance"};
    static const sort_t sort_v[] = {SORT_DATE_UP, SORT_DATE_DOWN, SORT_RELEVANCE};
    int v = note_mode(c, o);
    if (v != OPT_GO_ON)
        return v;
    if (c == 'd' || c == 'R' || c == 'p' || c == 'c' || c == 't')
        return source_option(c, o);
    switch (c) {
    case 'M': o->marks = true; return OPT_GO_ON;
    case 'v': return format_version(optarg, o);
    case 'w': {
        unsigned w;
        if (!parse_count("--width", optarg, &w))
            return EXIT_TROUBLE;
        o->width = (int)(w > 1000 ? 1000 : w);
        return OPT_GO_ON;
    }
    case 'J': o->format = TRACUU_FORMAT_JSON; return OPT_GO_ON;
    case 'P': o->format = TRACUU_FORMAT_PATHS; return OPT_GO_ON;
    case 'C': o->count = true; return OPT_GO_ON;
    case '0': o->null = true; return OPT_GO_ON;
    case 'n':
        o->limit_set = true;
        return parse_count("--limit", optarg, &o->limit) ? OPT_GO_ON
                                                         : EXIT_TROUBLE;
    case 'o': o->out_path = optarg; return OPT_GO_ON;
    case 'W': o->show = optarg; return OPT_GO_ON;
    case 'B':
    case 'U':
    case 'D':
        return graph_option(c, o);
    case 'T': o->text = true; return OPT_GO_ON;
    case 'F':
        return format_option(o);
    case 'O':
        return parse_count("--offset", optarg, &o->offset) ? OPT_GO_ON
                                                           : EXIT_TROUBLE;
    case 'K':
        if ((v = choose(optarg, colors, 3)) < 0) {
            fprintf(stderr, _("%s: --color wants auto, always or never\n"), prog);
            return EXIT_TROUBLE;
        }
        o->color = color_v[v];
        return OPT_GO_ON;
    case 'S':
        if ((v = choose(optarg, sorts, 3)) < 0) {
            fprintf(stderr, _("%s: --sort wants date, -date or relevance, "
                            "not '%s'\n"), prog, optarg);
            return EXIT_TROUBLE;
        }
        o->sort = sort_v[v];
        return OPT_GO_ON;
    case 'Y':
        return by_option(o);
    case 'L':
        o->list_name = optarg;
        if (tracuu_list_parse(optarg, &o->list))
            return OPT_GO_ON;
        fprintf(stderr, _("%s: --list wants %s, not '%s'\n"), prog,
                tracuu_list_names, optarg);
        return EXIT_TROUBLE;
    case 'h':
        usage(stdout);
        return output_written(EXIT_MATCH);
    case 'V':
        printf("tracuu-query %s (index schema %s)\n", TRACUU_VERSION,
               TRACUU_SCHEMA_VERSION);
        return output_written(EXIT_MATCH);
    default:
        fprintf(stderr, _("Try 'tracuu-query --help'.\n"));
        return EXIT_TROUBLE;
    }
}

/* Where the output goes (-o FILE: standard output becomes the file; a
 * workbook is written by its own library, so only tried here). An export
 * without --limit is whole. Returns OPT_GO_ON or the exit status. */
static int setup_output(opts_t *o)
{
    bool sheet = o->format == TRACUU_FORMAT_CSV ||
                 o->format == TRACUU_FORMAT_XLSX;
    if (sheet && !o->limit_set)
        o->limit = 0;
    if (!o->out_path) {
        if (o->format == TRACUU_FORMAT_XLSX && !o->count &&
            isatty(STDOUT_FILENO)) {
            fprintf(stderr, _("%s: --format xlsx writes a workbook, not text for "
                            "a terminal: give -o FILE.xlsx or redirect the "
                            "output\n"), prog);
            return EXIT_TROUBLE;
        }
        return OPT_GO_ON;
    }
    FILE *f = o->format == TRACUU_FORMAT_XLSX ? fopen(o->out_path, "wb")
                                              : freopen(o->out_path, "w", stdout);
    if (!f) {
        tracuu_buf_t b = {0};
        tracuu_buf_printf(&b, "%s: %s", o->out_path, strerror(errno));
        say(_("cannot write "), b.s);
        tracuu_buf_free(&b);
        return EXIT_TROUBLE;
    }
    if (o->format == TRACUU_FORMAT_XLSX)
        fclose(f);
    return OPT_GO_ON;
}

/* The options of argv into *o, in any order before a "--" (args.h):
 * OPT_GO_ON or the exit status. *v: argv reordered (new; free with
 * free()), the query words (*v)[optind..*n). */
static int parse_args(int argc, char **argv, opts_t *o, int *n, char ***v)
{
    static const char shortopts[] = "+d:n:o:0hV";
    tracuu_args_order(argc, argv, longopts, shortopts, n, v);
    int c, rc = OPT_GO_ON;
    while (rc == OPT_GO_ON &&
           (c = getopt_long(*n, *v, shortopts, longopts, NULL)) != -1)
        rc = apply_option(c, o);
    const char *a, *b;
    if (rc == OPT_GO_ON && tracuu_modes_conflict(&o->modes, &a, &b))
        rc = modes_clash(a, b);
    return rc;
}

static int run(opts_t *o_, int argc, char **argv);

int main(int argc, char **argv)
{
    opts_t o = {.format = TRACUU_FORMAT_TEXT, .limit = DEFAULT_LIMIT,
                .color = COLOR_AUTO, .sort = SORT_RELEVANCE,
                .list = TRACUU_LIST_NONE, .width = -1};
    tracuu_set_prog(prog);
    tracuu_i18n_init();
    char **v = NULL;
    int rc = parse_args(argc, argv, &o, &argc, &v);
    o.src.dbs = o.dbs;
    o.src.remotes = o.remotes;
    argv = v;
    if (rc == OPT_GO_ON)
        rc = run(&o, argc, argv);
    free(v);
    return rc;
}

/* The command line's work, options read: the exit status. */
static int run(opts_t *o_, int argc, char **argv)
{
    opts_t o = *o_;
    int rc;
    if (o.by != TRACUU_LIST_NONE &&
        (o.list == TRACUU_LIST_NONE || o.by == o.list || o.by2 == o.list ||
         (o.format != TRACUU_FORMAT_TEXT && o.format != TRACUU_FORMAT_JSON))) {
        fprintf(stderr, _("%s: --by goes with --list of another kind, in text "
                        "or JSON (--list cites --by year)\n"), prog);
        return EXIT_TROUBLE;
    }
    if (o.dot && !o.graph) {
        fprintf(stderr, _("%s: --format dot goes with --cited-by or "
                        "--cites-of\n"), prog);
        return EXIT_TROUBLE;
    }
    if (o.graph) {
        if (optind < argc) {
            fprintf(stderr, _("%s: --cited-by and --cites-of take one PATH or "
                            "number and no query\n"), prog);
            return EXIT_TROUBLE;
        }
        if (!o.depth)
            o.depth = 1;
        rc = setup_output(&o);
        return output_written(rc != OPT_GO_ON ? rc : graph(&o));
    }
    if (o.show) {
        if (optind < argc || (o.format != TRACUU_FORMAT_TEXT &&
                              o.format != TRACUU_FORMAT_JSON)) {
            fprintf(stderr, _("%s: --show takes one PATH or number:... and "
                            "prints text or --json\n"), prog);
            return EXIT_TROUBLE;
        }
        rc = setup_output(&o);
        return output_written(rc != OPT_GO_ON ? rc : show(&o));
    }
    if (o.text) {
        fprintf(stderr, _("%s: --text goes with --show\n"), prog);
        return EXIT_TROUBLE;
    }
    if (optind >= argc && o.list == TRACUU_LIST_NONE &&
        o.sort == SORT_RELEVANCE && o.format != TRACUU_FORMAT_CSV &&
        o.format != TRACUU_FORMAT_XLSX) {
        fprintf(stderr, _("%s: no query given (\"*\" asks for every plan)\n"
                        "Try 'tracuu-query --help'.\n"), prog);
        return EXIT_TROUBLE;
    }
    if (o.null && (o.format != TRACUU_FORMAT_PATHS || o.count)) {
        fprintf(stderr, _("%s: -0/--null goes with --paths\n"), prog);
        return EXIT_TROUBLE;
    }
    int out_rc = setup_output(&o);
    if (out_rc != OPT_GO_ON)
        return out_rc;
    char *query = join_args(argc - optind, argv + optind);
    rc = search(&o, query);
    free(query);
    return output_written(rc);
}
