/* main.c: tracuu-index command line. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "index.h"
#include "run.h"
#include "schema.h"
#include "version.h"

static void usage(FILE *f)
{
    fputs(_("Usage: tracuu-index [OPTION]... PATH...\n"
            "Index the plans under each PATH (files or directories, recursively)\n"
            "into a tracuu index: text and Markdown (UTF-8, UTF-16, TCVN3, VNI,\n"
            "VISCII, Windows-1258), Word (.docx, .doc), OpenDocument, RTF, HTML\n"
            "and PDF. Unchanged files are skipped, changed ones re-indexed, and\n"
            "documents whose files are gone removed.\n"
            "\n"
            "  -d, --db DIR       the index (default: $TRACUU_DB, else\n"
            "                     $XDG_DATA_HOME/tracuu/index, else\n"
            "                     ~/.local/share/tracuu/index)\n"
            "  -j, --jobs N       analysing threads (default: number of cores)\n"
            "      --no-delete    keep documents whose files are gone\n"
            "      --ocr          read scanned PDFs with OCR (tesseract, vie)\n"
            "      --retry-failed read again files that failed before, even\n"
            "                     unchanged (failures are remembered)\n"
            "      --repair       rewrite the index's list of shards (XAPIANDB)\n"
            "                     from the shard databases found, and say\n"
            "                     what was found; no PATH\n"
            "      --follow-symlinks  follow symbolic links that lead outside\n"
            "                     the PATHs too (by default they are skipped)\n"
            "  -q, --quiet        no summary line, no progress line, and the\n"
            "                     files of unsupported types are not named\n"
            "  -v, --verbose      a line per indexed file\n"
            "  -h, --help         this help\n"
            "  -V, --version      version\n"
            "\n"
            "Every file under the PATHs is indexed, unchanged, or named on\n"
            "stderr with the reason; the summary table counts each format.\n"
            "Files of types no reader handles (.gif, .zip, .xls, Thumbs.db ...)\n"
            "are named \"not read: unsupported file type\" and counted in the\n"
            "column \"unsupported\", and do not by themselves make the exit\n"
            "status 2. Directories .git, .svn, .hg and .bzr are not walked.\n"
            "\n"
            "Exit status: 0 every file indexed, unchanged or unsupported, 2 some\n"
            "files skipped or failed (each is named on stderr with the\n"
            "reason: unreadable, too large, needs --ocr ...), 1 fatal error\n"
            "(a PATH that does not exist, the index cannot be written),\n"
            "130/143 stopped by SIGINT/SIGTERM.\n"), f);
}

/* Check that everything written to stdout reached it (a full disk, a
 * closed pipe): coreutils' rule. Returns the exit status. */
static int close_stdout(int rc)
{
    bool failed = ferror(stdout) != 0;
    errno = 0;
    if (fflush(stdout) != 0 || failed) {
        int e = errno;
        fprintf(stderr, _("tracuu-index: write error%s%s\n"), e ? ": " : "",
                e ? strerror(e) : "");
        return rc == 0 || rc == 2 ? 1 : rc;
    }
    return rc;
}

/* --jobs N: 1 to 256; false (reported) otherwise. */
static bool parse_jobs(const char *arg, unsigned *jobs)
{
    char *end = NULL;
    long n = strtol(arg, &end, 10);
    if (!*arg || *end || n < 1 || n > 256) {
        fprintf(stderr, _("tracuu-index: --jobs wants a number from 1 "
                        "to 256, not '%s'\n"), arg);
        return false;
    }
    *jobs = (unsigned)n;
    return true;
}

/* tracuu-index --repair: the index's stub rebuilt from its shards. */
static int repair_index(const char *db_opt, bool paths)
{
    if (paths) {
        fprintf(stderr, _("tracuu-index: --repair takes no PATH\n"));
        return 2;
    }
    char *db = tracuu_index_path(db_opt);
    if (!db) {
        fprintf(stderr, _("tracuu-index: no index given and no home directory: "
                        "use --db DIR or set TRACUU_DB\n"));
        return 2;
    }
    char *msg = NULL;
    tracuu_status_t st = tracuu_index_repair(db, &msg);
    fprintf(st == TRACUU_OK ? stdout : stderr, "tracuu-index: %s\n", msg);
    free(msg);
    free(db);
    return st == TRACUU_OK ? 0 : 1;
}

/* Read the options into o, *db_opt and *repair. Returns -1 to go on, or
 * the exit status (--help, --version, a usage error). */
static int parse_options(int argc, char **argv, tracuu_run_opts_t *o,
                         const char **db_opt, bool *repair)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"jobs", required_argument, NULL, 'j'},
        {"no-delete", no_argument, NULL, 'D'},
        {"ocr", no_argument, NULL, 'O'},
        {"retry-failed", no_argument, NULL, 'R'},
        {"repair", no_argument, NULL, 'P'},
        {"follow-symlinks", no_argument, NULL, 'L'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = cores > 0 ? (unsigned)cores : 1;
    int c;
    while ((c = getopt_long(argc, argv, "d:j:qvhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            *db_opt = optarg;
            break;
        case 'j':
            if (!parse_jobs(optarg, &o->jobs))
                return 2;
            break;
        case 'D':
            o->no_delete = true;
            break;
        case 'O':
            o->ocr = true;
            break;
        case 'R':
            o->retry_failed = true;
            break;
        case 'P':
            *repair = true;
            break;
        case 'L':
            o->follow_symlinks = true;
            break;
        case 'q':
            o->quiet = true;
            break;
        case 'v':
            o->verbose = true;
            break;
        case 'h':
            usage(stdout);
            return close_stdout(0);
        case 'V':
            printf("tracuu-index %s (index schema %s)\n", TRACUU_VERSION,
                   TRACUU_SCHEMA_VERSION);
            return 0;
        default:
            fprintf(stderr, _("Try 'tracuu-index --help'.\n"));
            return 2;
        }
    }
    return -1;
}

int main(int argc, char **argv)
{
    tracuu_run_opts_t o = {0};
    tracuu_set_prog("tracuu-index");
    tracuu_i18n_init();
    const char *db_opt = NULL;
    bool repair = false;
    int prc = parse_options(argc, argv, &o, &db_opt, &repair);
    if (prc >= 0)
        return prc;
    if (repair)
        return close_stdout(repair_index(db_opt, optind < argc));
    if (optind >= argc) {
        fprintf(stderr, _("tracuu-index: no PATH to index\n"
                        "Try 'tracuu-index --help'.\n"));
        return 2;
    }
    char *db = tracuu_index_path(db_opt);
    if (!db) {
        fprintf(stderr, _("tracuu-index: no index given and no home directory: "
                        "use --db DIR or set TRACUU_DB\n"));
        return 2;
    }
    o.db_path = db;
    o.paths = (const char *const *)(argv + optind);
    o.n_paths = (size_t)(argc - optind);
    int rc = tracuu_run(&o);
    free(db);
    return close_stdout(rc);
}
