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
#include "graph.h"
#include "show.h"
#include "symbol.h"
#include "snippet.h"
#include "suggest.h"
#include "version.h"
#include "wrap.h"
#include "xlsx.h"

static const char *prog = "tracuu-query";

/* How often the whole search is run again when the index changed under
 * it (fetch_hits goes on by itself after a reopen; this is for the
 * search, and for a hit removed meanwhile). */
#define SEARCH_ATTEMPTS 10

/* Exit status (README): something matched, nothing did, or a usage,
 * query, index or output error. */
enum { EXIT_MATCH = 0, EXIT_NO_MATCH = 1, EXIT_TROUBLE = 2 };
#define OPT_GO_ON (-1)      /* apply_option: the next option */

#define DEFAULT_LIMIT 10    /* results shown without --limit */
#define MAX_COUNT 1000000   /* the largest --limit and --offset */
#define QUERY_SHOWN 80      /* bytes of a bad query echoed */

typedef enum color { COLOR_AUTO = -1, COLOR_NEVER = 0, COLOR_ALWAYS = 1 } color_t;
typedef enum sort {
    SORT_DATE_DOWN = -1, /* newest first, unknown dates last */
    SORT_RELEVANCE = 0,
    SORT_DATE_UP = 1,
} sort_t;

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

/* One hit, read from the index before anything is printed, so that an
 * index changed meanwhile can be reopened and the search run again. */
typedef struct fetched {
    double score;
    char *path;      /* exact bytes, from the path value slot */
    char *data;      /* document data; NULL for --paths */
    size_t len;
    char *ck;        /* its checkpoints (schema.h); NULL for --paths */
    size_t ck_len;
    tracuu_hitpos_t *hp; /* where the query matched, by body position */
    size_t n_hp;
    char **also;     /* the plan's other files (schema.h, slot 6) */
    size_t n_also;
    const char *shard; /* the index or shard of a union it is in */
    bool remote;       /* that is a remote shard */
} fetched_t;

static void free_also(fetched_t *f)
{
    for (size_t k = 0; k < f->n_also; k++)
        free(f->also[k]);
    free(f->also);
    f->also = NULL;
    f->n_also = 0;
}

static void free_fetched(fetched_t *f, size_t n)
{
    for (size_t i = 0; f && i < n; i++) {
        free(f[i].path);
        free(f[i].data);
        free(f[i].ck);
        free(f[i].hp);
        free_also(&f[i]);
    }
    free(f);
}

/* The paths of the other documents of docid id's duplicate group, in
 * path order, into f->also (none when it is alone). */
static tracuu_status_t fetch_also(tracuu_db_t *db, unsigned id, fetched_t *f)
{
    char *key = NULL;
    unsigned n = 0;
    tracuu_buf_t t = {0};
    tracuu_status_t st = tracuu_db_get_value(db, id, TRACUU_SLOT_DUP, &key,
                                             NULL);
    if (st == TRACUU_OK && *key) {
        tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_DUP, key);
        st = tracuu_db_termfreq(db, t.s, &n);
    }
    tracuu_mset_t *m = NULL;
    if (st == TRACUU_OK && n > 1) {
        tracuu_q_t *q = tracuu_q_term(t.s, t.len, 1);
        tracuu_search_opts_t so = {0, n, TRACUU_SLOT_PATH, false, true,
                                   false, 0};
        st = q ? tracuu_db_search(db, q, &so, &m) : TRACUU_ERR_NOMEM;
        tracuu_q_free(q);
    }
    for (size_t i = 0; st == TRACUU_OK && i < tracuu_mset_size(m); i++) {
        unsigned other = tracuu_mset_docid(m, i);
        char *path = NULL;
        if (other == id)
            continue;
        st = tracuu_db_get_value(db, other, TRACUU_SLOT_PATH, &path, NULL);
        if (st != TRACUU_OK)
            break;
        f->also = tracuu_xrealloc(f->also, (f->n_also + 1) * sizeof *f->also);
        f->also[f->n_also++] = path;
    }
    tracuu_mset_free(m);
    tracuu_buf_free(&t);
    free(key);
    return st;
}

static tracuu_status_t fetch_one(tracuu_db_t *db, const tracuu_mset_t *m,
                                 size_t i, bool paths_only,
                                 const tracuu_wants_t *w, fetched_t *f)
{
    assert(i < tracuu_mset_size(m)); /* w NULL: no snippets wanted */
    unsigned id = tracuu_mset_docid(m, i);
    f->score = tracuu_mset_score(m, i);
    f->shard = tracuu_db_part_of(db, id, &f->remote);
    tracuu_status_t st = tracuu_db_get_value(db, id, TRACUU_SLOT_PATH,
                                             &f->path, NULL);
    if (st == TRACUU_OK && !paths_only)
        st = tracuu_db_get_data(db, id, &f->data, &f->len);
    if (st == TRACUU_OK && w)
        st = tracuu_db_get_value(db, id, TRACUU_SLOT_CHECKPOINTS, &f->ck,
                                 &f->ck_len);
    if (st == TRACUU_OK && w)
        st = tracuu_passage_positions(db, id, w, &f->hp, &f->n_hp);
    if (st == TRACUU_OK && !paths_only)
        st = fetch_also(db, id, f);
    if (st != TRACUU_OK) {
        free(f->path);
        free(f->data);
        free(f->ck);
        free(f->hp);
        free_also(f);
        memset(f, 0, sizeof *f);
    }
    return st;
}

/* Everything the printers need of every hit, read before anything is
 * printed. An index changed meanwhile is reopened and the reading goes on
 * at the hit it stopped at: document ids stay (a re-indexed file keeps
 * its id), and with thousands of hits and an indexer committing every
 * hundred files, starting over could never finish. It gives up after
 * TRACUU_STALLED_REOPENS reopens in a row that read nothing; a document
 * removed meanwhile (TRACUU_ERR_NOT_FOUND after a reopen) makes the
 * caller run the search again. */
static tracuu_status_t fetch_hits(tracuu_db_t *db, const tracuu_mset_t *m,
                                  bool paths_only, const tracuu_wants_t *w,
                                  fetched_t **out)
{
    size_t n = tracuu_mset_size(m);
    fetched_t *f = tracuu_xcalloc(n + 1, sizeof *f);
    tracuu_status_t st = TRACUU_OK;
    int stalled = 0;
    bool reopened = false;
    for (size_t i = 0; i < n;) {
        st = fetch_one(db, m, i, paths_only, w, &f[i]);
        if (st == TRACUU_OK) {
            stalled = 0;
            i++;
            continue;
        }
        if (st == TRACUU_ERR_NOT_FOUND && reopened) {
            st = TRACUU_ERR_DB_MODIFIED; /* search again */
            break;
        }
        if (!tracuu_index_moved(st) || ++stalled > TRACUU_STALLED_REOPENS)
            break;
        tracuu_db_reopen(db);
        reopened = true;
    }
    if (st != TRACUU_OK) {
        free_fetched(f, n);
        return st;
    }
    *out = f;
    return TRACUU_OK;
}

static void print_hits(tracuu_analyzer_t *a, const fetched_t *f, size_t n,
                       const tracuu_plan_t *plan, const opts_t *o,
                       tracuu_printer_t *pr)
{
    for (size_t i = 0; i < n; i++) {
        if (o->format == TRACUU_FORMAT_PATHS) {
            tracuu_hit_t h = {.rank = o->offset + i + 1, .path = f[i].path,
                              .score = f[i].score, .also = f[i].also,
                              .n_also = f[i].n_also};
            tracuu_print_hit(pr, &h);
            continue;
        }
        const char *js, *text;
        size_t jl, tl;
        tracuu_record_split(f[i].data, f[i].len, &js, &jl, &text, &tl);
        json_t *meta = json_loadb(js, jl, 0, NULL);
        const char *path = f[i].path;
        const char *why = NULL;
        tracuu_snippet_t *sn = NULL;
        size_t n_sn = 0;
        tracuu_hit_source_t src = {path,  meta,      text,     tl,
                                   f[i].ck, f[i].ck_len, f[i].hp, f[i].n_hp};
        if (tracuu_format_wants_snippets(o->format))
            tracuu_passage_snippets(a, plan, &src, &sn, &n_sn, &why);
        tracuu_hit_t h = {.rank = o->offset + i + 1,
                          .path = path ? path : "?", .score = f[i].score,
                          .snippets = sn, .n_snippets = n_sn, .note = why,
                          .also = f[i].also, .n_also = f[i].n_also,
                          .shard = f[i].shard};
        tracuu_passage_remote_note(&h, f[i].remote);
        tracuu_hit_record(&h, meta);
        tracuu_print_hit(pr, &h);
        tracuu_snippets_free(sn, n_sn);
        json_decref(meta);
    }
}

/* Offset of the first control character (C0 but tab and line feed, DEL,
 * C1) in UTF-8 s, or -1. */
static long control_at(const char *s)
{
    for (size_t i = 0; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
            return (long)i;
        if (c == 0xC2 && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] < 0xA0)
            return (long)i;
    }
    return -1;
}

/* Say what is wrong with query: its first 80 bytes (a long query is not
 * echoed whole), escaped like a file name (a tab or line feed shows). */
static void bad_query(const char *query, const char *err)
{
    size_t shown = tracuu_utf8_cut(query, strlen(query), QUERY_SHOWN);
    tracuu_buf_t qb = {0}, eb = {0};
    tracuu_escape_name(&qb, query, shown);
    tracuu_escape_text(&eb, err, strlen(err));
    fprintf(stderr, _("%s: bad query \"%s%s\": %s\n"), prog, qb.s,
            shown < strlen(query) ? "…" : "", eb.s);
    tracuu_buf_free(&qb);
    tracuu_buf_free(&eb);
}

/* Why a query cannot be searched (said on stderr), or 0 when it can. */
static int check_query(const opts_t *o, const char *query)
{
    size_t valid = tracuu_utf8_valid_prefix(query, strlen(query));
    if (valid != strlen(query)) {
        fprintf(stderr, _("%s: the query is not valid UTF-8 (bad byte at "
                        "offset %zu); check the terminal's encoding\n"),
                prog, valid);
        return EXIT_TROUBLE;
    }
    long ctl = control_at(query);
    if (ctl >= 0) {
        fprintf(stderr, _("%s: the query contains a control character (byte "
                        "0x%02x at offset %ld); type only text\n"),
                prog, (unsigned char)query[ctl], ctl);
        return EXIT_TROUBLE;
    }
    (void)o;
    return 0;
}

/* The query without its words "*" (every plan), into *rest (new; free
 * with free()). True when nothing else narrows it: every plan is asked
 * for, by a "*", or by an empty query beside --sort, --list or an export
 * (alone, an empty query is a mistake: said on stderr, *bad set). */
static bool every_plan(const opts_t *o, const char *query, char **rest,
                       bool *bad)
{
    tracuu_buf_t b = {0};
    bool star = false;
    tracuu_buf_puts(&b, "");
    for (const char *s = query; *s;) {
        size_t sp = strspn(s, " ");
        size_t w = strcspn(s + sp, " ");
        if (w == 1 && s[sp] == '*') {
            star = true;
        } else if (w) {
            if (b.len)
                tracuu_buf_putc(&b, ' ');
            tracuu_buf_append(&b, s + sp, w);
        }
        s += sp + w;
    }
    *rest = tracuu_buf_steal(&b);
    *bad = false;
    if (**rest)
        return false;
    if (star || o->sort != SORT_RELEVANCE || o->list != TRACUU_LIST_NONE ||
        o->format == TRACUU_FORMAT_CSV || o->format == TRACUU_FORMAT_XLSX)
        return true;
    fprintf(stderr, _("%s: empty query (\"*\" asks for every plan)\n"), prog);
    *bad = true;
    return false;
}

/* What a query turns into before the index is opened. */
typedef struct prepared {
    tracuu_analyzer_t *a;
    tracuu_norm_t norm;
    tracuu_parsed_t parsed;
    tracuu_plan_t plan;
    char *err;
} prepared_t;

static void prepared_free(prepared_t *pq)
{
    free(pq->err);
    tracuu_plan_free(&pq->plan);
    tracuu_parsed_free(&pq->parsed);
    tracuu_norm_free(&pq->norm);
    tracuu_analyzer_free(pq->a);
}

/* Normalise, parse and build query into *pq (free with prepared_free
 * whatever it returns); false when it cannot (said on stderr). Every plan
 * (every): a plan matching every document. */
static bool prepare(const char *query, bool every, prepared_t *pq)
{
    memset(pq, 0, sizeof *pq);
    if (tracuu_analyzer_new(&pq->a) != TRACUU_OK) {
        fprintf(stderr, _("%s: cannot open ICU's word breaker\n"), prog);
        return false;
    }
    /* The whole query goes through the document normaliser first, so
     * NFD, old tone placement and stray controls are handled once. */
    if (tracuu_normalize(query, strlen(query), &pq->norm) != 0) {
        fprintf(stderr, _("%s: cannot normalise the query\n"), prog);
        return false;
    }
    if (every) {
        pq->plan.q = tracuu_q_all();
        pq->plan.q_match = tracuu_q_all();
        return true;
    }
    if (!tracuu_query_parse(pq->norm.s, tracuu_query_known_field,
                            &pq->parsed, &pq->err) ||
        !tracuu_query_build(pq->a, &pq->parsed, &pq->plan, &pq->err)) {
        bad_query(query, pq->err);
        return false;
    }
    return true;
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
    for (size_t i = 0; i < n_missing; i++)
        fprintf(stderr, _("%s: warning: %s; left out (--partial): the "
                          "results are from the others\n"),
                prog, shards_missing[i]);
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

/* The plans a group's query finds (tracuu_list_match_fn). */
static bool group_match(const char *query, tracuu_q_t **q, void *ctx)
{
    (void)ctx;
    prepared_t pq;
    bool ok = prepare(query, false, &pq);
    *q = ok ? tracuu_q_copy(pq.plan.q_match) : NULL;
    prepared_free(&pq);
    return ok && *q;
}

static int list(const opts_t *o, tracuu_db_t *db, const prepared_t *pq,
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

/* What a search found: the match set and, unless counting, its hits. */
typedef struct found {
    tracuu_mset_t *m;
    fetched_t *hits;
} found_t;

/* Run the search of o for pq into *fd. An indexer committing meanwhile
 * makes the revision read go stale: reopen and run the search again
 * (SEARCH_ATTEMPTS more times at most). */
static tracuu_status_t run_search(const opts_t *o, tracuu_db_t *db,
                                  const prepared_t *pq,
                                  const tracuu_wants_t *wt, found_t *fd)
{
    const tracuu_plan_t *plan = &pq->plan;
    /* One hit per plan, but --paths: every matching file (it feeds other
     * tools, which want the files the query matched); --count counts
     * every plan, a page counts up to TRACUU_COUNT_BOUND matches and
     * estimates beyond. */
    bool per_plan = o->format != TRACUU_FORMAT_PATHS;
    tracuu_search_opts_t so = {o->offset, o->count ? 0 : o->limit,
                               o->sort != SORT_RELEVANCE ? TRACUU_SLOT_ISSUED : -1,
                               o->sort == SORT_DATE_DOWN, o->count,
                               per_plan && tracuu_index_has_dups(db),
                               TRACUU_COUNT_BOUND};
    tracuu_status_t st;
    for (int attempt = 0;; attempt++) {
        if (o->count || o->sort != SORT_RELEVANCE)
            st = tracuu_db_search(db, o->count ? plan->q_match : plan->q,
                                  &so, &fd->m);
        else
            st = tracuu_rank(db, plan, o->offset, o->limit, per_plan,
                             &fd->m);
        if (st == TRACUU_OK && !o->count)
            st = fetch_hits(db, fd->m, o->format == TRACUU_FORMAT_PATHS, wt,
                            &fd->hits);
        if (!tracuu_index_moved(st) || attempt == SEARCH_ATTEMPTS)
            return st;
        tracuu_mset_free(fd->m);
        fd->m = NULL;
        tracuu_db_reopen(db);
    }
}

/* False when the output could not be made (said on stderr). */
static bool print_results(const opts_t *o, prepared_t *pq, const char *query,
                          const found_t *fd, const char *suggestion)
{
    unsigned total = tracuu_mset_total(fd->m);
    tracuu_printer_t pr;
    if (o->count) {
        tracuu_printer_init(&pr, TRACUU_FORMAT_TEXT, stdout, false, false,
                            false);
        pr.integer(&pr, total);
        pr.separator(&pr);
        return true;
    }
    if (!printer_for(o, &pr))
        return false;
    char *desc = tracuu_q_describe(pq->plan.q);
    tracuu_print_results_begin(&pr, query, desc, total,
                               tracuu_mset_total_exact(fd->m), o->offset,
                               o->limit,
                               (unsigned)tracuu_mset_size(fd->m), suggestion);
    free(desc);
    print_hits(pq->a, fd->hits, tracuu_mset_size(fd->m), &pq->plan, o, &pr);
    tracuu_print_results_end(&pr);
    return !pr.failed;
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

/* The query as the first three plans of m write it (suggest.h), or NULL. */
static char *accents_for(const opts_t *o, tracuu_db_t *db, const char *query,
                         const tracuu_mset_t *m)
{
    unsigned top[3];
    size_t n = 0;
    while (tells_accents(o) && n < 3 && n < tracuu_mset_size(m)) {
        top[n] = tracuu_mset_docid(m, n);
        n++;
    }
    return n ? tracuu_suggest_accents(db, query, top, n) : NULL;
}

static void say_accents(const opts_t *o, const char *written)
{
    if (o->format != TRACUU_FORMAT_TEXT)
        return;
    tracuu_buf_t b = {0};
    tracuu_escape_text(&b, written, strlen(written));
    fflush(stdout);
    fprintf(stderr, "%s: most often written: %s\n", prog, b.s);
    tracuu_buf_free(&b);
}

static int search_and_print(const opts_t *o_given, tracuu_db_t *db,
                            prepared_t *pq, const char *query,
                            bool may_correct)
{
    found_t fd = {NULL, NULL};
    opts_t o_all = *o_given, *o = &o_all;
    if (o->limit == 0) { /* --limit all: as many as there are plans */
        unsigned n = 0;
        tracuu_db_doccount(db, &n);
        o->limit = n ? n : 1;
    }
    tracuu_wants_t *wt = tracuu_format_wants_snippets(o->format)
                             ? tracuu_wants_new(&pq->plan) : NULL;
    int rc = EXIT_TROUBLE;
    char *fix = NULL;
    if (run_search(o, db, pq, wt, &fd) != TRACUU_OK) {
        say(_("search failed: "), tracuu_db_last_error(db));
    } else if (may_correct && tracuu_mset_total(fd.m) == 0 &&
               (fix = tracuu_suggest_query(db, query)) != NULL &&
               o->format == TRACUU_FORMAT_TEXT && !o->count) {
        rc = search_corrected(o, db, query, fix);
    } else {
        /* A query found as typed without diacritics: how the index
         * writes it most often (issue 18). */
        if (!fix && may_correct && tracuu_mset_total(fd.m) > 0)
            fix = accents_for(o, db, query, fd.m);
        bool accents = fix && tracuu_mset_total(fd.m) > 0;
        if (print_results(o, pq, query, &fd, fix)) {
            rc = tracuu_mset_total(fd.m) > 0 ? EXIT_MATCH : EXIT_NO_MATCH;
            if (fix && accents)
                say_accents(o, fix);
            else if (fix && o->format != TRACUU_FORMAT_JSON)
                search_corrected(o, db, query, fix);
        }
    }
    free(fix);
    if (fd.hits)
        free_fetched(fd.hits, tracuu_mset_size(fd.m));
    tracuu_wants_free(wt);
    tracuu_mset_free(fd.m);
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
    prepared_t pq;
    int rc = prepare(fix, false, &pq)
                 ? search_and_print(o, db, &pq, fix, false)
                 : EXIT_TROUBLE;
    prepared_free(&pq);
    return rc;
}

static int search(const opts_t *o, const char *query)
{
    int rc = check_query(o, query);
    if (rc)
        return rc;
    char *rest = NULL;
    bool bad;
    bool every = every_plan(o, query, &rest, &bad);
    if (bad) {
        free(rest);
        return EXIT_TROUBLE;
    }
    prepared_t pq;
    rc = EXIT_TROUBLE;
    tracuu_db_t *db = NULL;
    if (prepare(rest, every, &pq) && (db = open_index(o)) != NULL)
        rc = o->list != TRACUU_LIST_NONE
                 ? list(o, db, &pq, query, every)
                 : search_and_print(o, db, &pq, query, !every);
    free(rest);
    tracuu_db_close(db);
    prepared_free(&pq);
    return rc;
}

/* The documents --show names: the one indexed for a path, or those a
 * number: query finds; *ids new (free with free()). False when the
 * target cannot be searched or read (said on stderr). */
static bool show_targets(const opts_t *o, const char *target,
                         tracuu_db_t *db, unsigned **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    if (strncmp(target, "number:", 7) != 0) {
        unsigned id = 0;
        if (tracuu_show_lookup(db, target, &id) != TRACUU_OK) {
            say("", tracuu_db_last_error(db));
            return false;
        }
        if (id) {
            *ids = tracuu_xmalloc(sizeof **ids);
            (*ids)[(*n)++] = id;
        }
        return true;
    }
    prepared_t pq;
    memset(&pq, 0, sizeof pq);
    bool ok = false;
    unsigned count = 0;
    tracuu_mset_t *m = NULL;
    if (check_query(o, target) == 0 && prepare(target, false, &pq)) {
        tracuu_db_doccount(db, &count);
        /* Every file holding the number, not one per plan. */
        tracuu_search_opts_t so = {0, count ? count : 1, -1, false, true,
                                   false, 0};
        ok = tracuu_db_search(db, pq.plan.q_match, &so, &m) == TRACUU_OK;
        if (!ok)
            say(_("search failed: "), tracuu_db_last_error(db));
        for (size_t i = 0; ok && i < tracuu_mset_size(m); i++) {
            *ids = tracuu_xrealloc(*ids, (*n + 1) * sizeof **ids);
            (*ids)[(*n)++] = tracuu_mset_docid(m, i);
        }
    }
    tracuu_mset_free(m);
    prepared_free(&pq);
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
    if (show_targets(o, o->show, db, &ids, &n)) {
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
    if (show_targets(o, t.s, db, &ids, &n)) {
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
