/* index.h: finding and opening the index the same way in both programs. */
#ifndef TRACUU_INDEX_H
#define TRACUU_INDEX_H

#include "xdb.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The index directory: opt when given, else $TRACUU_DB, else
 * $XDG_DATA_HOME/tracuu/index, else ~/.local/share/tracuu/index.
 * New; free with free(). NULL when no home can be found. */
char *tracuu_index_path(const char *opt);

/* Open the index at path. A writer creates it (and missing parent
 * directories) and stamps the schema version into a new index; both
 * refuse an index of another schema version with TRACUU_ERR_DB_VERSION.
 * A reader of a missing index gets TRACUU_ERR_DB_OPENING. On failure *out
 * is NULL and *msg a new message naming the index (free with free()). */
tracuu_status_t tracuu_index_open(const char *path, tracuu_db_mode_t mode,
                                  tracuu_db_t **out, char **msg);

/* An index being written: one or more shards, each a Xapian database
 * with its own writer, listed in a stub file (XAPIANDB) that readers open
 * as one database. A document always lives in the shard its unique term
 * hashes to, so threads writing different shards never meet; the number
 * of shards is chosen when the index is created. */
typedef struct tracuu_index {
    tracuu_db_t **shards;
    unsigned n;
} tracuu_index_t;

#define TRACUU_MAX_SHARDS 16

/* Open the index at path for writing; a new one gets want shards (1 to
 * TRACUU_MAX_SHARDS). An index made of one database without a stub is
 * one shard. On failure *out is NULL and *msg a new message naming the
 * index (free with free()); the status is tracuu_index_open's. */
tracuu_status_t tracuu_index_open_shards(const char *path, unsigned want,
                                         tracuu_index_t **out, char **msg);
/* Commit and close every shard. Accepts NULL. */
void tracuu_index_close(tracuu_index_t *ix);
/* The shard that holds (or will hold) the document with unique term uid. */
unsigned tracuu_index_shard_of(const tracuu_index_t *ix, const char *uid);

#ifdef __cplusplus
}
#endif
#endif
