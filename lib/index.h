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

#ifdef __cplusplus
}
#endif
#endif
