/* xlsx.c: the spreadsheet printer: rows of cells into an .xlsx workbook. */
#include "xlsx.h"

#include <dlfcn.h>
#include <pthread.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "buf.h"
#include "escape.h"
#include "i18n.h"

/* libxlsxwriter is loaded when a workbook is written, not with every
 * query: linked in, its dependencies (libcrypto, libminizip, libuuid)
 * cost every run of tracuu-query 4.6 M instructions of relocation
 * (callgrind: 7.3 M for --version, 2.7 M without them). */
#ifndef TRACUU_XLSX_SONAME
#define TRACUU_XLSX_SONAME "libxlsxwriter.so.4"
#endif
static struct {
    lxw_workbook *(*workbook_new)(const char *);
    lxw_worksheet *(*workbook_add_worksheet)(lxw_workbook *, const char *);
    lxw_format *(*workbook_add_format)(lxw_workbook *);
    lxw_error (*workbook_close)(lxw_workbook *);
    void (*format_set_bold)(lxw_format *);
    lxw_error (*worksheet_write_string)(lxw_worksheet *, lxw_row_t, lxw_col_t,
                                        const char *, lxw_format *);
    lxw_error (*worksheet_write_number)(lxw_worksheet *, lxw_row_t, lxw_col_t,
                                        double, lxw_format *);
    void (*worksheet_freeze_panes)(lxw_worksheet *, lxw_row_t, lxw_col_t);
    char *(*lxw_strerror)(lxw_error);
} lib;

/* Load the library's functions once: false (with *err, new) when it
 * cannot be. tracuu-serve's threads may ask at once: one loads, under
 * the lock, and the others see its functions after it. */
static bool load_lib_locked(char **err);

static bool load_lib(char **err)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&lock);
    bool ok = load_lib_locked(err);
    pthread_mutex_unlock(&lock);
    return ok;
}

static bool load_lib_locked(char **err)
{
    static void *h;
    if (h)
        return true;
    void *so = dlopen(TRACUU_XLSX_SONAME, RTLD_NOW | RTLD_LOCAL);
    struct {
        const char *name;
        void **slot;
    } fns[] = {
        {"workbook_new", (void **)&lib.workbook_new},
        {"workbook_add_worksheet", (void **)&lib.workbook_add_worksheet},
        {"workbook_add_format", (void **)&lib.workbook_add_format},
        {"workbook_close", (void **)&lib.workbook_close},
        {"format_set_bold", (void **)&lib.format_set_bold},
        {"worksheet_write_string", (void **)&lib.worksheet_write_string},
        {"worksheet_write_number", (void **)&lib.worksheet_write_number},
        {"worksheet_freeze_panes", (void **)&lib.worksheet_freeze_panes},
        {"lxw_strerror", (void **)&lib.lxw_strerror},
    };
    for (size_t i = 0; so && i < sizeof fns / sizeof fns[0]; i++)
        if (!(*fns[i].slot = dlsym(so, fns[i].name))) {
            dlclose(so);
            so = NULL;
        }
    if (!so) {
        tracuu_buf_t b = {0};
        tracuu_buf_printf(&b, _("cannot load %s for --format xlsx (Debian: "
                                "apt-get install libxlsxwriter4)"),
                          TRACUU_XLSX_SONAME);
        *err = tracuu_buf_steal(&b);
        return false;
    }
    h = so;
    return true;
}

#define SHEET_NAME "Văn bản"
#define COPY_CHUNK 65536

typedef struct xlsx_state {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *head;    /* bold, for the first row */
    unsigned row;
    char *tmp;           /* the temporary file copied to p->f, or NULL */
} xlsx_state_t;

static void xlsx_cell(tracuu_printer_t *p, const char *s, size_t n, bool name)
{
    xlsx_state_t *x = p->state;
    tracuu_buf_t b = {0};
    if (name)
        tracuu_escape_name(&b, s, n);
    else
        tracuu_escape_text(&b, s, n);
    if (b.len)
        lib.worksheet_write_string(x->ws, x->row, (lxw_col_t)p->col, b.s,
                               x->row == 0 ? x->head : NULL);
    p->col++;
    tracuu_buf_free(&b);
}

static void xlsx_string(tracuu_printer_t *p, const char *s, size_t n)
{
    xlsx_cell(p, s ? s : "", s ? n : 0, false);
}

static void xlsx_name(tracuu_printer_t *p, const char *s)
{
    xlsx_cell(p, s, strlen(s), true);
}

static void xlsx_integer(tracuu_printer_t *p, long long v)
{
    xlsx_state_t *x = p->state;
    lib.worksheet_write_number(x->ws, x->row, (lxw_col_t)p->col++, (double)v, NULL);
}

static void xlsx_real(tracuu_printer_t *p, double v)
{
    xlsx_state_t *x = p->state;
    lib.worksheet_write_number(x->ws, x->row, (lxw_col_t)p->col++, v, NULL);
}

static void xlsx_separator(tracuu_printer_t *p)
{
    xlsx_state_t *x = p->state;
    x->row++;
    p->col = 0;
}

static void xlsx_nothing(tracuu_printer_t *p)
{
    (void)p;
}

static void xlsx_key(tracuu_printer_t *p, const char *k)
{
    (void)p;
    (void)k;
}

static void xlsx_width(tracuu_printer_t *p, int w)
{
    (void)p;
    (void)w;
}

static void xlsx_literal(tracuu_printer_t *p, const char *s)
{
    (void)p;
    (void)s;
}

/* The temporary workbook at path to f; false on a read or write error. */
static bool copy_out(const char *path, FILE *f)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return false;
    char *buf = tracuu_xmalloc(COPY_CHUNK);
    size_t n;
    bool ok = true;
    while ((n = fread(buf, 1, COPY_CHUNK, in)) > 0)
        if (fwrite(buf, 1, n, f) != n) {
            ok = false;
            break;
        }
    ok = ok && !ferror(in);
    free(buf);
    fclose(in);
    return ok;
}

/* The workbook written out (and copied to p->f when temporary). */
static void xlsx_end(tracuu_printer_t *p)
{
    xlsx_state_t *x = p->state;
    if (!x)
        return;
    lxw_error e = lib.workbook_close(x->wb);
    if (e != LXW_NO_ERROR) {
        p->failed = true;
        fprintf(stderr, _("%s: cannot write the workbook: %s\n"), tracuu_prog(),
                lib.lxw_strerror(e));
    } else if (x->tmp && !copy_out(x->tmp, p->f)) {
        p->failed = true;
        fprintf(stderr, _("%s: cannot copy the workbook out: %s\n"),
                tracuu_prog(), strerror(errno ? errno : EIO));
    }
    if (x->tmp) {
        unlink(x->tmp);
        free(x->tmp);
    }
    free(x);
    p->state = NULL;
}

/* A temporary file's name for the workbook; new, NULL when none can be
 * made. */
static char *temp_name(void)
{
    const char *dir = getenv("TMPDIR");
    tracuu_buf_t b = {0};
    tracuu_buf_printf(&b, "%s/tracuu-XXXXXX.xlsx", dir && *dir ? dir : "/tmp");
    int fd = mkstemps(b.s, 5);
    if (fd < 0) {
        tracuu_buf_free(&b);
        return NULL;
    }
    close(fd);
    return tracuu_buf_steal(&b);
}

bool tracuu_xlsx_printer_init(tracuu_printer_t *p, const char *path, FILE *f,
                              char **err)
{
    *p = (tracuu_printer_t){xlsx_nothing, xlsx_nothing, xlsx_end, xlsx_key,
                            xlsx_string, xlsx_name, xlsx_integer, xlsx_real,
                            xlsx_width, xlsx_literal, xlsx_separator, false,
                            TRACUU_FORMAT_XLSX, f, false, false, false, 0, 0,
                            false, NULL, false, 0, 0, NULL, NULL};
    if (!load_lib(err))
        return false;
    xlsx_state_t *x = tracuu_xcalloc(1, sizeof *x);
    if (!path && !(x->tmp = temp_name())) {
        *err = tracuu_xstrdup(
            _("cannot make a temporary file for the workbook"));
        free(x);
        return false;
    }
    x->wb = lib.workbook_new(path ? path : x->tmp);
    x->ws = x->wb ? lib.workbook_add_worksheet(x->wb, SHEET_NAME) : NULL;
    if (!x->ws) {
        tracuu_buf_t b = {0};
        tracuu_buf_printf(&b, _("cannot start the workbook %s"),
                          path ? path : x->tmp);
        *err = tracuu_buf_steal(&b);
        if (x->tmp) {
            unlink(x->tmp);
            free(x->tmp);
        }
        free(x);
        return false;
    }
    x->head = lib.workbook_add_format(x->wb);
    lib.format_set_bold(x->head);
    lib.worksheet_freeze_panes(x->ws, 1, 0);
    p->state = x;
    return true;
}
