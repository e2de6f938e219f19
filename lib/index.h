/* index.h: finding and opening the index the same way in both programs. */
#ifndef TRACUU_INDEX_H
#define TRACUU_INDEX_H

#include <stdbool.h>

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
 * as one database. A run writes its shards in parallel, one thread each;
 * a document stays in the shard that holds it, and new ones are shared
 * out in runs of walk order. At the end of a run the shards are merged
 * into one smaller database (tracuu_index_merge). */
#define TRACUU_MAX_SHARDS 16

typedef struct tracuu_index {
    tracuu_db_t *shards[TRACUU_MAX_SHARDS];
    char names[TRACUU_MAX_SHARDS][64]; /* as the stub lists them */
    unsigned n;
    bool single;   /* one database without a stub: always one shard */
    char *path;
} tracuu_index_t;

/* Open the index at path for writing; a new one gets want shards (1 to
 * TRACUU_MAX_SHARDS), an existing one keeps those it has. An index made
 * of one database without a stub is one shard. On failure *out is NULL
 * and *msg a new message naming the index (free with free()); the status
 * is tracuu_index_open's. */
tracuu_status_t tracuu_index_open_shards(const char *path, unsigned want,
                                         tracuu_index_t **out, char **msg);
/* Add empty shards until there are want (at most TRACUU_MAX_SHARDS);
 * nothing for an index without a stub. The stub lists them before this
 * returns. On failure the index is as it was and *msg a new message. */
tracuu_status_t tracuu_index_grow(tracuu_index_t *ix, unsigned want,
                                  char **msg);
/* Merge every shard into one new database, list it alone in the stub and
 * remove the old shards (readers that have them open keep reading them).
 * The shards must be committed. Nothing to do for one shard. On failure
 * the index keeps its shards, complete, and *msg is a new message. */
tracuu_status_t tracuu_index_merge(tracuu_index_t *ix, char **msg);
/* Commit and close every shard. Accepts NULL. */
void tracuu_index_close(tracuu_index_t *ix);

#ifdef __cplusplus
}
#endif
#endif
