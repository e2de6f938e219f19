/* dups.c: the plans a run found in more than one file, reported once. */
#include "dups.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "i18n.h"
#include "index.h"
#include "schema.h"
#include "xdb.h"

void tracuu_dups_add(tracuu_dups_t *d, const char *key)
{
    if (!key || !*key || strlen(key) >= sizeof d->keys[0])
        return;
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 64;
        d->keys = tracuu_xrealloc(d->keys, d->cap * sizeof d->keys[0]);
    }
    strcpy(d->keys[d->n++], key);
}

void tracuu_dups_free(tracuu_dups_t *d)
{
    free(d->keys);
    memset(d, 0, sizeof *d);
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Why the files of a group are one plan, from its key's first letter. */
static const char *why(const char *key)
{
    return key[0] == 'r' ? _("same number, issuer and issue date")
                         : _("same text");
}

/* The group of key: one line on stderr naming its files, in path order. */
static tracuu_status_t name_group(tracuu_db_t *db, const char *key,
                                  const char *prog)
{
    tracuu_buf_t t = {0}, line = {0};
    tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_DUP, key);
    tracuu_q_t *q = tracuu_q_term(t.s, t.len, 1);
    tracuu_search_opts_t so = {0, 1000, TRACUU_SLOT_PATH, false, true,
                               false, 0};
    tracuu_mset_t *m = NULL;
    tracuu_status_t st = q ? tracuu_db_search(db, q, &so, &m)
                           : TRACUU_ERR_NOMEM;
    tracuu_buf_printf(&line, _("%s: one plan in %u files (%s):"), prog,
                      tracuu_mset_total(m), why(key));
    for (size_t i = 0; st == TRACUU_OK && i < tracuu_mset_size(m); i++) {
        char *path = NULL;
        st = tracuu_db_get_value(db, tracuu_mset_docid(m, i),
                                 TRACUU_SLOT_PATH, &path, NULL);
        if (st != TRACUU_OK)
            break;
        tracuu_buf_puts(&line, i ? ", " : " ");
        tracuu_escape_name(&line, path, strlen(path));
        free(path);
    }
    if (st == TRACUU_OK) {
        fflush(stdout);
        fprintf(stderr, "%s\n", line.s);
    }
    tracuu_mset_free(m);
    tracuu_q_free(q);
    tracuu_buf_free(&t);
    tracuu_buf_free(&line);
    return st;
}

/* Count the groups of the whole index into *out: the terms are walked,
 * not gathered (a list of them cost 50 bytes a document, 50 MB at a
 * million plans). */
static tracuu_status_t count_groups(tracuu_db_t *db, tracuu_dups_found_t *out)
{
    return tracuu_db_count_shared(db, TRACUU_PREFIX_DUP, &out->groups,
                                  &out->files);
}

int tracuu_dups_report(const tracuu_dups_t *d, const char *db_path,
                       const char *prog, tracuu_dups_found_t *out)
{
    memset(out, 0, sizeof *out);
    tracuu_db_t *db = NULL;
    char *msg = NULL;
    tracuu_status_t st = tracuu_index_open(db_path, TRACUU_DB_READ, &db, &msg);
    if (st == TRACUU_OK)
        st = count_groups(db, out);
    if (d->n)
        qsort(d->keys, d->n, sizeof d->keys[0], cmp_key);
    tracuu_buf_t t = {0};
    for (size_t i = 0; st == TRACUU_OK && i < d->n; i++) {
        if (i && strcmp(d->keys[i], d->keys[i - 1]) == 0)
            continue;
        unsigned n = 0;
        tracuu_buf_clear(&t);
        tracuu_buf_printf(&t, "%s%s", TRACUU_PREFIX_DUP, d->keys[i]);
        st = tracuu_db_termfreq(db, t.s, &n);
        if (st == TRACUU_OK && n > 1) {
            out->new_groups++;
            if (prog)
                st = name_group(db, d->keys[i], prog);
        }
    }
    tracuu_buf_free(&t);
    if (st != TRACUU_OK) {
        fflush(stdout);
        fprintf(stderr, _("%s: cannot read the duplicates: %s\n"),
                tracuu_prog(), msg ? msg : db ? tracuu_db_last_error(db) : "");
    }
    free(msg);
    tracuu_db_close(db);
    return st == TRACUU_OK ? 0 : -1;
}
