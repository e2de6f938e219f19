/* dups.h: the plans a run found in more than one file, reported once. */
#ifndef TRACUU_INDEXER_DUPS_H
#define TRACUU_INDEXER_DUPS_H

#include <stddef.h>

/* The duplicate keys (schema.h, slot 6) of the documents a run wrote. */
typedef struct tracuu_dups {
    char (*keys)[20];
    size_t n, cap;
} tracuu_dups_t;

/* Remember key (at most 19 bytes; longer ones are ignored). */
void tracuu_dups_add(tracuu_dups_t *d, const char *key);
void tracuu_dups_free(tracuu_dups_t *d);

/* What the index at db_path holds after a run. */
typedef struct tracuu_dups_found {
    size_t groups;      /* plans indexed in more than one file */
    size_t files;       /* their files */
    size_t new_groups;  /* of them, those a document of d belongs to */
} tracuu_dups_found_t;

/* One line on stderr per group a document of d belongs to (a group is
 * named by the run that adds a file to it, not by the runs after),
 * naming its files, escaped; prog begins each line (NULL: no lines, -q).
 * Counts into *out.
 * Returns 0, or -1 when the index cannot be read (said on stderr). */
int tracuu_dups_report(const tracuu_dups_t *d, const char *db_path,
                       const char *prog, tracuu_dups_found_t *out);

#endif
