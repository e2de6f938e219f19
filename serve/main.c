/* main.c: tracuu-serve command line: the search as a local web page and
 * JSON API (libmicrohttpd), read-only on the index. */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "index.h"
#include "schema.h"
#include "remotes.h"
#include "serve.h"
#include "version.h"

#define DEFAULT_PORT "8480"
#define THREADS_DEFAULT 4
#define THREADS_MAX 64
#define CONNECTIONS_DEFAULT 64
#define CONNECTIONS_MAX 10000
#define TIMEOUT_SECONDS 30 /* an idle connection is closed */

typedef struct opts {
    const char *db;
    const char *listen;    /* ADDR:PORT, [ADDR]:PORT or PORT */
    unsigned threads;
    unsigned connections;
} opts_t;

static void usage(FILE *f)
{
    fputs(_("Usage: tracuu-serve [OPTION]...\n"
            "Serve a tracuu index as a web page and a JSON API, read-only:\n"
            "the search of tracuu-query, for a browser. Open the address it\n"
            "prints. A run of tracuu-index is seen by the next request.\n"
            "\n"
            "Options:\n"
            "  -d, --db DIR      the index (default: $TRACUU_DB, else\n"
            "                    $XDG_DATA_HOME/tracuu/index, else\n"
            "                    ~/.local/share/tracuu/index)\n"
            "  -l, --listen ADDR:PORT\n"
            "                    where to listen (default 127.0.0.1:8480; a\n"
            "                    PORT alone: on 127.0.0.1; PORT 0: any free\n"
            "                    one); another address than loopback shows\n"
            "                    the index's text to that network\n"
            "      --threads N   requests answered at once (default 4)\n"
            "      --max-connections N\n"
            "                    connections open at once (default 64)\n"
            "  -h, --help        this help\n"
            "  -V, --version     version\n"
            "\n"
            "Pages: / the search page; /api/search?q=&limit=&offset=&sort=,\n"
            "/api/list/WHAT?q=, /api/show?id=, /api/export.csv?q=,\n"
            "/api/export.xlsx?q= (JSON as tracuu-query --json writes it);\n"
            "/file/ID the original file of an indexed document.\n"), f);
}

/* A number from 1 to max for option opt; false when arg is none (said). */
static bool count(const char *opt, const char *arg, unsigned max,
                  unsigned *out)
{
    char *end = NULL;
    long v = strtol(arg, &end, 10);
    if (!*arg || *end || v < 1 || v > (long)max) {
        fprintf(stderr, _("%s: %s wants a number from 1 to %u, not '%s'\n"),
                SERVE_PROG, opt, max, arg);
        return false;
    }
    *out = (unsigned)v;
    return true;
}

/* 0 to go on, else the exit status. */
static int parse_args(int argc, char **argv, opts_t *o)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 'T'},
        {"max-connections", required_argument, NULL, 'C'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "d:l:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'l': o->listen = optarg; break;
        case 'T':
            if (!count("--threads", optarg, THREADS_MAX, &o->threads))
                return 2;
            break;
        case 'C':
            if (!count("--max-connections", optarg, CONNECTIONS_MAX,
                       &o->connections))
                return 2;
            break;
        case 'h': usage(stdout); return fflush(stdout) ? 2 : -1;
        case 'V':
            printf("tracuu-serve %s (index schema %s)\n", TRACUU_VERSION,
                   TRACUU_SCHEMA_VERSION);
            return fflush(stdout) ? 2 : -1;
        default:
            fprintf(stderr, _("Try 'tracuu-serve --help'.\n"));
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, _("%s: no arguments are taken, only options ('%s')\n"
                          "Try 'tracuu-serve --help'.\n"), SERVE_PROG,
                argv[optind]);
        return 2;
    }
    return 0;
}

/* --listen's address into *ss: "PORT", "ADDR:PORT" or "[ADDR]:PORT",
 * ADDR numeric (IPv4 or IPv6). False when it is none (said). */
static bool listen_addr(const char *spec, struct sockaddr_storage *ss,
                        socklen_t *len, bool *loopback)
{
    /* HOST:PORT as --remote spells it (remotes.h), a bare PORT on
     * loopback; the host in digits only (no name looked up). */
    tracuu_buf_t full = {0};
    if (!strchr(spec, ':'))
        tracuu_buf_puts(&full, "127.0.0.1:");
    tracuu_buf_puts(&full, spec);
    char host[TRACUU_HOST_MAX + 1], port[8];
    unsigned n = 0;
    struct addrinfo hints = {.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV,
                             .ai_socktype = SOCK_STREAM}, *ai = NULL;
    bool ok = tracuu_hostport_split(full.s, host, &n);
    if (ok) {
        snprintf(port, sizeof port, "%u", n);
        ok = getaddrinfo(host, port, &hints, &ai) == 0;
    }
    if (ok) {
        memcpy(ss, ai->ai_addr, ai->ai_addrlen);
        *len = ai->ai_addrlen;
        const struct sockaddr_in *v4 = (const void *)ai->ai_addr;
        const struct sockaddr_in6 *v6 = (const void *)ai->ai_addr;
        *loopback = ai->ai_family == AF_INET
                        ? (ntohl(v4->sin_addr.s_addr) >> 24) == 127
                        : IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
        freeaddrinfo(ai);
    } else {
        fprintf(stderr, _("%s: --listen wants ADDR:PORT, [ADDR]:PORT or "
                          "PORT, the address in digits (127.0.0.1:8480), "
                          "not '%s'\n"), SERVE_PROG, spec);
    }
    tracuu_buf_free(&full);
    return ok;
}

/* Answer one request (libmicrohttpd's access handler). */
static enum MHD_Result answer(void *cls, struct MHD_Connection *c,
                              const char *url, const char *method,
                              const char *version, const char *upload,
                              size_t *upload_size, void **state)
{
    (void)cls;
    (void)version;
    (void)upload;
    if (*state == NULL) { /* headers only so far: wait for the rest */
        *state = c;
        return MHD_YES;
    }
    if (*upload_size)
        return MHD_NO; /* a body: nothing here takes one */
    bool api = strncmp(url, "/api/", 5) == 0;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        const char *msg = _("only GET and HEAD are answered: the index is "
                            "read-only here");
        return api ? serve_json_error(c, 405, msg)
                   : serve_html_error(c, 405, msg);
    }
    if (api)
        return serve_api(c, url);
    if (strncmp(url, "/file/", 6) == 0)
        return serve_file(c, url + 6);
    enum MHD_Result ret;
    if (serve_page(c, url, &ret))
        return ret;
    return serve_html_error(c, 404, _("no such page"));
}

/* The index, opened once to see that it can be: false when not (said). */
static bool index_ready(const char *path)
{
    tracuu_db_t *db = NULL;
    char *msg = NULL;
    if (tracuu_index_open(path, TRACUU_DB_READ, &db, &msg) != TRACUU_OK) {
        fprintf(stderr, "%s: %s\n", SERVE_PROG, msg ? msg : "?");
        free(msg);
        return false;
    }
    tracuu_db_close(db);
    return true;
}

/* Serve until SIGINT or SIGTERM: the exit status. */
static int serve(const opts_t *o, const struct sockaddr_storage *ss)
{
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL); /* the daemon's threads too */
    signal(SIGPIPE, SIG_IGN);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    if (ss->ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, answer, NULL, MHD_OPTION_SOCK_ADDR, ss,
        MHD_OPTION_THREAD_POOL_SIZE, o->threads, MHD_OPTION_CONNECTION_LIMIT,
        o->connections, MHD_OPTION_CONNECTION_TIMEOUT, TIMEOUT_SECONDS,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, _("%s: cannot listen on %s: %s\n"), SERVE_PROG,
                o->listen, strerror(errno));
        return 1;
    }
    const union MHD_DaemonInfo *port =
        MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[INET6_ADDRSTRLEN] = "?";
    const void *a = ss->ss_family == AF_INET6
                        ? (const void *)&((const struct sockaddr_in6 *)ss)->sin6_addr
                        : (const void *)&((const struct sockaddr_in *)ss)->sin_addr;
    inet_ntop(ss->ss_family, a, host, sizeof host);
    printf(ss->ss_family == AF_INET6 ? "http://[%s]:%u/\n" : "http://%s:%u/\n",
           host, port ? (unsigned)port->port : 0);
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    MHD_stop_daemon(d);
    serve_handles_close();
    return 0;
}

int main(int argc, char **argv)
{
    opts_t o = {NULL, DEFAULT_PORT, THREADS_DEFAULT, CONNECTIONS_DEFAULT};
    tracuu_set_prog(SERVE_PROG);
    tracuu_i18n_init();
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    struct sockaddr_storage ss;
    socklen_t len;
    bool loopback = true;
    if (!listen_addr(o.listen, &ss, &len, &loopback))
        return 2;
    if (!loopback)
        fprintf(stderr, _("%s: warning: listening on %s, beyond this "
                          "machine: every plan's text in the index can be "
                          "read by anyone on that network\n"), SERVE_PROG,
                o.listen);
    char *path = tracuu_index_path(o.db);
    if (!path) {
        fprintf(stderr, _("%s: no index given and no home directory: use "
                          "--db DIR or set TRACUU_DB\n"), SERVE_PROG);
        return 1;
    }
    serve_index_path = path;
    rc = index_ready(path) ? serve(&o, &ss) : 1;
    free(path);
    return rc;
}
