/* index.h: finding and opening the index the same way in both programs. */
#ifndef TRACUU_INDEX_H
#define TRACUU_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "xdb.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The index directory: opt when given, else $TRACUU_DB, else
 * $XDG_DATA_HOME/tracuu/index, else ~/.local/share/tracuu/index.
 * New; free with free(). NULL when no home can be found. */
char *tracuu_index_path(const char *opt);

/* Open the index at path. A reader opens the shards its stub lists (see
 * below), or the one glass database at path of an index made before
 * shards; a writer opens (creates) the glass database at path itself.
 * A writer creates missing directories private to their owner (mode
 * 0700) and stamps the schema version into a new index; both refuse an
 * index of another schema version with TRACUU_ERR_DB_VERSION. A reader
 * of a missing index gets TRACUU_ERR_DB_OPENING, of a damaged stub
 * TRACUU_ERR_DB_CORRUPT; a writer that cannot write there (read-only
 * file system, permissions) TRACUU_ERR_DB_ACCESS, its message naming the
 * file or directory and the reason. On failure *out is NULL and *msg a new message
 * naming the index (free with free()). */
tracuu_status_t tracuu_index_open(const char *path, tracuu_db_mode_t mode,
                                  tracuu_db_t **out, char **msg);

/* What a search reads: indexes on this machine and remote shards, as
 * the user named them (remotes.h), searched as one. */
typedef struct tracuu_sources {
    const char *const *dbs;      /* index directories, in order */
    size_t n_dbs;
    const char *const *remotes;  /* "HOST:PORT" each, after the dbs */
    size_t n_remotes;
    unsigned call_ms, connect_ms; /* remote timeouts (milliseconds) */
    bool partial;                /* leave out the shards that are down */
} tracuu_sources_t;

/* Open for reading every source of s as one reader (tracuu_db_union;
 * one source alone is opened as itself). Each index and each shard has
 * its schema version checked. A failure names the source: the index's
 * directory, or "shard HOST:PORT" with the reason (down, refused, no
 * answer within the timeouts). With s->partial, a remote shard that
 * cannot be reached is left out instead: its name goes to *missing
 * (new, NULL-terminated, *n_missing of them; free with
 * tracuu_strv_free), and only when every source is left out is that a
 * failure. On failure *out is NULL and *msg a new message. */
tracuu_status_t tracuu_index_open_sources(const tracuu_sources_t *s,
                                          tracuu_db_t **out, char **msg,
                                          char ***missing, size_t *n_missing);
/* What tracuu-query was told to search: -d DIR (dbs), --remote
 * HOST:PORT (remotes), --partial, --connect-timeout, --remote-timeout
 * (0: not given). */
typedef struct tracuu_cli_sources {
    const char *const *dbs;
    size_t n_dbs;
    const char *const *remotes;
    size_t n_remotes;
    bool partial;
    unsigned call_ms, connect_ms;
} tracuu_cli_sources_t;

/* Open what c names: its indexes and remote shards; with neither and
 * TRACUU_DB unset, the shards the user's remotes file (remotes.h) lists,
 * or when it lists none the default index (tracuu_index_path). The file's timeouts apply
 * where c gives none; it is read whenever a remote shard is searched
 * and may not be: a file refused is a failure. *path (new; free with
 * free()) is the one index directory opened, or NULL when there are
 * several sources or a remote one. Otherwise as
 * tracuu_index_open_sources. */
tracuu_status_t tracuu_index_open_cli(const tracuu_cli_sources_t *c,
                                      tracuu_db_t **out, char **path,
                                      char **msg, char ***missing,
                                      size_t *n_missing);

/* Free a NULL-terminated array of strings. Accepts NULL. */
void tracuu_strv_free(char **v);

/* An index being written: one or more shards, each a Xapian database
 * with its own writer, listed in a stub file (XAPIANDB) that readers open
 * as one database. A run writes its shards in parallel, one thread each;
 * a document stays in the shard that holds it, and new ones are shared
 * out in runs of walk order. At the end of a run the shards are merged
 * into one smaller database (tracuu_index_merge). */
#define TRACUU_MAX_SHARDS 16
/* Bytes of one shard's name with its NUL ("shard-15", or "." for a single
 * database); lib/xdb.h's tracuu_db_open_shards takes names of this size. */
#define TRACUU_SHARD_NAME_MAX 64

typedef struct tracuu_index {
    tracuu_db_t *shards[TRACUU_MAX_SHARDS];
    char names[TRACUU_MAX_SHARDS][TRACUU_SHARD_NAME_MAX]; /* as the stub lists them */
    unsigned n;
    bool single;   /* one database without a stub: always one shard */
    char *path;
} tracuu_index_t;

/* The stub: XAPIANDB in the index directory, a file tracuu writes and
 * reads itself (never handed to Xapian, whose stub parser can start
 * programs and follow paths anywhere). It holds one line "auto shard-N\n"
 * per shard (N decimal, no leading zero), 1 to TRACUU_MAX_SHARDS lines,
 * no name twice, nothing else: any other content is refused. Readers
 * and writers open each listed shard-N inside the index directory as a
 * glass database. At most TRACUU_STUB_MAX bytes. */
#define TRACUU_STUB_NAME "XAPIANDB"
#define TRACUU_STUB_MAX 4096

/* Parse the len bytes at s (need not be NUL-terminated) as a stub. On
 * success the names are in names[0..*n) and *msg is NULL; otherwise
 * false, *n 0 and *msg a new message saying what is wrong and on which
 * line (free with free()). Pure: reads only s. */
bool tracuu_stub_parse(const char *s, size_t len, char names[][TRACUU_SHARD_NAME_MAX],
                       unsigned *n, char **msg);
/* The stub listing names[0..n), as tracuu writes it, into out (new;
 * free with free()). tracuu_stub_parse accepts it and gives the names
 * back. */
char *tracuu_stub_format(const char names[][TRACUU_SHARD_NAME_MAX], unsigned n);
/* Read and parse the stub of the index directory dir, and check that
 * each shard it lists is a directory there (not a symbolic link). The
 * stub must be a regular file (not a link, FIFO or device) of at most
 * TRACUU_STUB_MAX bytes. TRACUU_ERR_NOT_FOUND when there is no stub;
 * TRACUU_ERR_DB_CORRUPT when it is refused; TRACUU_ERR_DB_OPENING when a
 * listed shard is not there (a reader retries: a merge may have just
 * replaced it); TRACUU_ERR_IO when it cannot be read. Except for
 * NOT_FOUND, *msg is then a new message naming the file (free with
 * free()). */
tracuu_status_t tracuu_stub_read(const char *dir, char names[][TRACUU_SHARD_NAME_MAX],
                                 unsigned *n, char **msg);

/* Rebuild the stub of the index at path from the shard-N directories
 * found there that are glass databases of this schema (tracuu-index
 * --repair), taking each one's lock (TRACUU_ERR_DB_LOCKED while an
 * indexer runs). An index of one database (no shards) needs no stub: a
 * stub there is removed. On success *msg is a new text saying what was
 * found and written; on failure a new message saying why (free either
 * with free()). Nothing is removed but the stub it replaces. */
tracuu_status_t tracuu_index_repair(const char *path, char **msg);

/* Open the index at path for writing; a new one gets want shards (1 to
 * TRACUU_MAX_SHARDS), an existing one keeps those it has. An index made
 * of one database without a stub is one shard. A stub that cannot be
 * read or is refused fails (nothing is removed); otherwise what runs that
 * died left is removed: shard-N directories the stub does not list and
 * trash-shard-N directories. On failure *out is NULL and *msg a new message
 * naming the index (free with free()); the status is tracuu_index_open's
 * or tracuu_stub_read's. */
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
