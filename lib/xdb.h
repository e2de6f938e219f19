/* xdb.h: the C interface to the index; lib/xapian_shim.cc implements it.
 *
 * Usage (a reader; error handling shortened):
 *
 *     tracuu_db_t *db;
 *     char *msg;
 *     if (tracuu_db_open(path, TRACUU_DB_READ, &db, &msg) != TRACUU_OK) {
 *         fprintf(stderr, "%s\n", msg);    // names the path
 *         free(msg);
 *         return;
 *     }
 *     tracuu_q_t *q = tracuu_q_term("ke", 2, 1);
 *     tracuu_search_opts_t so = {0, 10, -1, false, false, false, 0};
 *     tracuu_mset_t *m;
 *     if (tracuu_db_search(db, q, &so, &m) == TRACUU_OK) {
 *         for (size_t i = 0; i < tracuu_mset_size(m); i++)
 *             use(tracuu_mset_docid(m, i), tracuu_mset_score(m, i));
 *         tracuu_mset_free(m);
 *     } else {
 *         fprintf(stderr, "%s\n", tracuu_db_last_error(db));
 *     }
 *     tracuu_q_free(q);
 *     tracuu_db_close(db);
 *
 * Statuses. No exception crosses into C: every call on a database maps
 * what Xapian throws to one status (classify() in the shim), the message
 * kept for tracuu_db_last_error:
 *   TRACUU_ERR_DB_LOCKED    another writer holds the database (open);
 *   TRACUU_ERR_DB_MODIFIED  a reader's revision was overwritten by later
 *                           commits: tracuu_db_reopen and ask again;
 *   TRACUU_ERR_DB_CORRUPT   the database files are damaged;
 *   TRACUU_ERR_DB_OPENING   no database there, or it cannot be opened;
 *   TRACUU_ERR_NOT_FOUND    no document with that id (DocNotFoundError);
 *   TRACUU_ERR_ARG          an argument Xapian refuses (document id 0), or
 *                           db NULL;
 *   TRACUU_ERR_DB           any other Xapian error, among them a write on
 *                           a database opened for reading
 *                           (InvalidOperationError "index opened for
 *                           reading") and I/O errors such as a full disk;
 *   TRACUU_ERR_NOMEM        out of memory (std::bad_alloc, or a result
 *                           that could not be copied out);
 *   TRACUU_ERR_INTERNAL     any other exception.
 * "Can fail with READ" below means: DB_MODIFIED, DB_CORRUPT, NOT_FOUND
 * (for a document id), ARG, DB, NOMEM, INTERNAL; every call on a reader
 * can give DB_MODIFIED. "WRITE" means: ERR_DB on a reader, and DB_CORRUPT,
 * DB, NOMEM, INTERNAL on a writer (a full disk is ERR_DB). */
#ifndef TRACUU_XDB_H
#define TRACUU_XDB_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An open index (reader or writer), a document being built, a query
 * tree, a page of results. Opaque; each used by one thread at a time. */
typedef struct tracuu_db tracuu_db_t;
typedef struct tracuu_doc tracuu_doc_t;
typedef struct tracuu_q tracuu_q_t;
typedef struct tracuu_mset tracuu_mset_t;

typedef enum tracuu_db_mode {
    TRACUU_DB_READ = 0,   /* must exist */
    TRACUU_DB_WRITE,      /* created when missing; fails at once if locked */
} tracuu_db_mode_t;

/* Largest term the index accepts, in bytes. */
#define TRACUU_TERM_MAX 240

/* Open the glass database at path (the backend is named: a stub file
 * there is never read). On success *out is new (free with
 * tracuu_db_close) and *msg NULL; on failure *out is NULL and *msg (when
 * msg is not NULL) a new text saying what went wrong (free with free()).
 * A writer fails at once with TRACUU_ERR_DB_LOCKED when another writer
 * holds the database, and with TRACUU_ERR_DB_ACCESS, *msg naming the
 * path and the reason (read-only file system, permission denied), when
 * it cannot write there. */
tracuu_status_t tracuu_db_open(const char *path, tracuu_db_mode_t mode,
                               tracuu_db_t **out, char **msg);
/* Open for reading the n glass databases dir/names[i] as one (the shards
 * of an index, as its stub lists them; lib/index.h). The reader
 * remembers dir: tracuu_db_reopen reads its stub again and opens the
 * shards it lists then. Same results as tracuu_db_open. */
tracuu_status_t tracuu_db_open_shards(const char *dir,
                                      const char (*names)[64], unsigned n,
                                      tracuu_db_t **out, char **msg);
/* Both return OK, DB_LOCKED (writer), DB_ACCESS (writer), DB_OPENING (no
 * database there), DB_CORRUPT, DB, NOMEM or INTERNAL. */

/* Open for reading the database a xapian-tcpsrv serves at host:port
 * (Xapian's remote backend). call_ms bounds each call's wait for an
 * answer, connect_ms the connection (milliseconds). A server down, that
 * refuses or does not answer in time is TRACUU_ERR_DB, *msg Xapian's
 * NetworkError. The reader's name (tracuu_db_part_of, messages) is
 * "host:port". */
tracuu_status_t tracuu_db_open_remote(const char *host, unsigned port,
                                      unsigned call_ms, unsigned connect_ms,
                                      tracuu_db_t **out, char **msg);
/* The n readers parts[0..n) (local indexes, remote shards) as one
 * reader: searches rank, count, sort and collapse over all of them
 * (Xapian merges the remote shards' answers), term lists are merged.
 * Takes the parts (even on failure; the entries become NULL); names[i]
 * is parts[i]'s name, copied. A union's metadata is the value every part
 * has, else unset. A call that fails because a remote shard does not
 * answer has its message start "shard NAME: ". tracuu_db_reopen reopens
 * every part. Returns OK, NOMEM or INTERNAL. */
tracuu_status_t tracuu_db_union(tracuu_db_t **parts, const char *const *names,
                                size_t n, tracuu_db_t **out, char **msg);
/* True when db is a remote shard or a union holding one. */
bool tracuu_db_is_remote(const tracuu_db_t *db);
/* The name of the part of a union document docid is in (borrowed), and
 * in *remote whether that part is a remote shard; a remote shard's own
 * name for one; NULL for any other database. */
const char *tracuu_db_part_of(const tracuu_db_t *db, unsigned docid,
                              bool *remote);

/* Close: a writer commits what is pending first (a commit that fails is
 * lost, silently). Accepts NULL. No exception escapes. */
void tracuu_db_close(tracuu_db_t *db);
/* Close WITHOUT committing: a writer's changes since its last commit are
 * discarded and the database stays at that commit; its lock is released.
 * For a writer after a write or commit failed (a full disk), where
 * tracuu_db_close would try to commit again. A reader is just closed.
 * Accepts NULL; no exception escapes. */
void tracuu_db_abandon(tracuu_db_t *db);
/* The last error's message (borrowed; valid until the next call on db). */
const char *tracuu_db_last_error(const tracuu_db_t *db);

/* Merge the committed state of the n databases at srcs into a new
 * database at dst (which must not exist), documents renumbered one
 * source after another, every table packed but with room left for
 * later updates. On failure *msg (when not NULL) is a new message (free
 * with free()). */
tracuu_status_t tracuu_db_compact(const char *const *srcs, size_t n,
                                  const char *dst, char **msg);

/* Commit pending changes of a writer. WRITE: on a reader TRACUU_ERR_DB
 * ("index opened for reading"), nothing done; on a writer a failed
 * commit (a full disk) is TRACUU_ERR_DB and its changes stay pending
 * (tracuu_db_abandon drops them). */
tracuu_status_t tracuu_db_commit(tracuu_db_t *db);
/* Reopen a reader at the latest revision; a reader of shards
 * (tracuu_db_open_shards) reads the stub again and opens the shards it
 * lists now (after a merge, the merged one). Every call on a reader can
 * fail with TRACUU_ERR_DB_MODIFIED when a writer committed so often
 * meanwhile that the revision it read is gone: reopen and ask again.
 * tracuu_db_search does so itself; other calls leave it to the caller. */
tracuu_status_t tracuu_db_reopen(tracuu_db_t *db);
/* tracuu_db_reopen returns OK, or READ; for shards also what reading the
 * stub gives (DB_OPENING when it is gone, IO, DB_CORRUPT). */

/* User metadata. *value is new (free with free()), "" when unset; READ.
 * Setting is WRITE (TRACUU_ERR_DB on a reader). */
tracuu_status_t tracuu_db_get_metadata(tracuu_db_t *db, const char *key,
                                       char **value);
tracuu_status_t tracuu_db_set_metadata(tracuu_db_t *db, const char *key,
                                       const char *value);

/* The number of documents; READ (*out 0 on failure). */
tracuu_status_t tracuu_db_doccount(tracuu_db_t *db, unsigned *out);
/* The number of documents holding term (0 when none); READ (*out 0 on
 * failure). */
tracuu_status_t tracuu_db_termfreq(tracuu_db_t *db, const char *term,
                                   unsigned *out);
/* The document carrying unique term uid: TRACUU_ERR_NOT_FOUND if none;
 * READ. */
tracuu_status_t tracuu_db_lookup(tracuu_db_t *db, const char *uid,
                                 unsigned *docid);
/* Value slot / data of a document: *out new (free with free()), *len its
 * length; "" when unset. READ: TRACUU_ERR_NOT_FOUND when no document has
 * that id (deleted meanwhile), *out NULL. */
tracuu_status_t tracuu_db_get_value(tracuu_db_t *db, unsigned docid,
                                    unsigned slot, char **out, size_t *len);
tracuu_status_t tracuu_db_get_data(tracuu_db_t *db, unsigned docid,
                                   char **out, size_t *len);

/* Every document id, ascending: *ids new (free with free()); READ. */
tracuu_status_t tracuu_db_all_docids(tracuu_db_t *db, unsigned **ids,
                                     size_t *n);

/* The index's spelling data: every folded syllable of two to seven
 * letters of each document added (tracuu_db_replace adds them). The word
 * closest to word (a folded syllable) within max_edits edits (insertion,
 * deletion, substitution, transposition), the most frequent among the
 * closest, in *out (new, free with free(); NULL when there is none).
 * READ. */
tracuu_status_t tracuu_db_spelling(tracuu_db_t *db, const char *word,
                                   unsigned max_edits, char **out);

/* Terms with a prefix and the number of documents holding each. */
typedef struct tracuu_termlist {
    char **terms;      /* without the prefix */
    unsigned *freqs;
    size_t n;
} tracuu_termlist_t;
/* The terms starting with prefix that more than one document holds, in
 * *terms, and the documents holding them, counted once a term, in *docs;
 * walked, not gathered (memory does not grow with the index). READ. */
tracuu_status_t tracuu_db_count_shared(tracuu_db_t *db, const char *prefix,
                                       size_t *terms, size_t *docs);

/* *out is new; free with tracuu_termlist_free. docid 0 means the whole
 * index; otherwise the terms of that document only (TRACUU_ERR_NOT_FOUND
 * when it is gone). READ; *out NULL on failure. */
tracuu_status_t tracuu_db_terms(tracuu_db_t *db, unsigned docid,
                                const char *prefix, tracuu_termlist_t **out);
void tracuu_termlist_free(tracuu_termlist_t *tl);

/* The user metadata keys starting with prefix (prefix included), in
 * *out (new; free with tracuu_termlist_free; freqs are 0). READ. */
tracuu_status_t tracuu_db_metadata_keys(tracuu_db_t *db, const char *prefix,
                                        tracuu_termlist_t **out);

/* Writer: add doc replacing any document with unique term uid (which doc
 * must carry); *docid (may be NULL) receives its id. Does not take
 * ownership of doc. WRITE (TRACUU_ERR_DB on a reader). Deleting is WRITE
 * too, and TRACUU_ERR_NOT_FOUND for an id no document has. */
tracuu_status_t tracuu_db_replace(tracuu_db_t *db, const char *uid,
                                  const tracuu_doc_t *doc, unsigned *docid);
tracuu_status_t tracuu_db_delete(tracuu_db_t *db, unsigned docid);

/* Up to max positions of term in document docid, ascending, into *out
 * (new, free with free(); *n of them, 0 when the term has none there).
 * READ. */
tracuu_status_t tracuu_db_positions(tracuu_db_t *db, unsigned docid,
                                    const char *term, size_t len,
                                    size_t max, unsigned **out, size_t *n);

/* Documents under construction. tracuu_doc_new returns NULL only on out
 * of memory. Terms empty or longer than TRACUU_TERM_MAX are refused with
 * TRACUU_ERR_ARG and the document is unchanged; otherwise these return
 * OK, or NOMEM or INTERNAL. */
tracuu_doc_t *tracuu_doc_new(void);
void tracuu_doc_free(tracuu_doc_t *doc);
tracuu_status_t tracuu_doc_add_posting(tracuu_doc_t *doc, const char *term,
                                       size_t len, unsigned pos);
tracuu_status_t tracuu_doc_add_term(tracuu_doc_t *doc, const char *term,
                                    size_t len, unsigned wdf);
/* A term for filtering only: no weight (wdf 0). */
tracuu_status_t tracuu_doc_add_boolean(tracuu_doc_t *doc, const char *term,
                                       size_t len);
tracuu_status_t tracuu_doc_set_value(tracuu_doc_t *doc, unsigned slot,
                                     const char *v, size_t len);
tracuu_status_t tracuu_doc_set_data(tracuu_doc_t *doc, const char *v,
                                    size_t len);
/* The value of slot in a document under construction: *out new (free
 * with free()), "" when unset; NULL and NOMEM on out of memory. */
tracuu_status_t tracuu_doc_get_value(const tracuu_doc_t *doc, unsigned slot,
                                     char **out);

/* Query trees. Constructors return NULL only on out of memory; the
 * combining ones take ownership of their arguments, even then. */
typedef enum tracuu_qop {
    TRACUU_Q_AND = 0,
    TRACUU_Q_OR,
    TRACUU_Q_AND_NOT,    /* first minus the rest */
    TRACUU_Q_AND_MAYBE,  /* first, ranked higher by the rest */
    TRACUU_Q_FILTER,     /* first, restricted by the rest without weight */
    TRACUU_Q_PHRASE,     /* adjacent, in order */
    TRACUU_Q_SYNONYM,    /* any, weighted as one term */
} tracuu_qop_t;

tracuu_q_t *tracuu_q_term(const char *term, size_t len, unsigned wqf);
/* Matches every document. */
tracuu_q_t *tracuu_q_all(void);
/* Exactly the documents ids[0..n) of db, adding no weight; NULL when db
 * is more than one shard (its ids are not the shards' own), a remote
 * shard (xapian-tcpsrv cannot run this posting source) or n is 0. */
tracuu_q_t *tracuu_q_docids(tracuu_db_t *db, const unsigned *ids, size_t n);
/* Matches nothing. */
tracuu_q_t *tracuu_q_none(void);
tracuu_q_t *tracuu_q_combine(tracuu_qop_t op, tracuu_q_t **subs, size_t n);
/* Documents whose value in slot is within [lo, hi] (string order; NULL
 * for an open end). */
tracuu_q_t *tracuu_q_value_range(unsigned slot, const char *lo,
                                 const char *hi);
/* Same matches, weights multiplied by factor (0 makes it a filter). */
tracuu_q_t *tracuu_q_scale(tracuu_q_t *q, double factor);
void tracuu_q_free(tracuu_q_t *q);
/* Another handle on the same tree (new; free with tracuu_q_free), NULL
 * only on out of memory. */
tracuu_q_t *tracuu_q_copy(const tracuu_q_t *q);
/* Xapian's description of the tree (new; free with free()). */
char *tracuu_q_describe(const tracuu_q_t *q);
/* True when the query matches nothing whatever the index. */
bool tracuu_q_empty(const tracuu_q_t *q);
/* True when matching q reads positions (a phrase, NEAR): each match
 * costs a check of its positions. */
bool tracuu_q_positional(const tracuu_q_t *q);

typedef struct tracuu_search_opts {
    unsigned offset;
    unsigned limit;
    int sort_slot;        /* -1: by relevance */
    bool sort_reverse;    /* with sort_slot: descending */
    bool exact_total;     /* count every match, not an estimate */
    /* One hit per duplicate group (TRACUU_SLOT_DUP, schema.h): the best
     * ranked of its documents (for a sort, the first in that order, then
     * the best ranked, then the lowest document id); totals count each
     * group once. */
    bool collapse;
    /* Without exact_total: matches counted before the total becomes an
     * estimate, at least offset + limit (0: just those). */
    unsigned at_least;
} tracuu_search_opts_t;

/* Run q. A reader whose index changed meanwhile is reopened and the
 * search retried (5 times; then TRACUU_ERR_DB_MODIFIED). *out is new;
 * free with tracuu_mset_free; NULL on failure. READ. */
tracuu_status_t tracuu_db_search(tracuu_db_t *db, const tracuu_q_t *q,
                                 const tracuu_search_opts_t *opts,
                                 tracuu_mset_t **out);
void tracuu_mset_free(tracuu_mset_t *m);
size_t tracuu_mset_size(const tracuu_mset_t *m);
/* Total matches: exact when asked for, else Xapian's estimate. */
unsigned tracuu_mset_total(const tracuu_mset_t *m);
/* True when the total is exact: asked for, or every match was counted
 * within the search's at_least. */
bool tracuu_mset_total_exact(const tracuu_mset_t *m);
/* Mark the total exact or an estimate (a caller that combined totals). */
void tracuu_mset_set_exact(tracuu_mset_t *m, bool exact);
/* Replace the total (a caller that counted matches its own way). */
void tracuu_mset_set_total(tracuu_mset_t *m, unsigned total);
/* The hits of a, then those of b (either may be NULL), totals added (an
 * estimate when either is); new, NULL only on out of memory. */
tracuu_mset_t *tracuu_mset_concat(const tracuu_mset_t *a,
                                  const tracuu_mset_t *b);
/* Adds to each hit of m the score extra gives the same document (none
 * when extra lacks it), orders m's hits by the sums, highest first (ties
 * in m's order), and keeps those from offset, at most limit; m's total
 * unchanged. TRACUU_ERR_NOMEM when out of memory (m unchanged). */
tracuu_status_t tracuu_mset_add_scores(tracuu_mset_t *m,
                                       const tracuu_mset_t *extra,
                                       unsigned offset, unsigned limit);
/* Leave out hit i (its total unchanged); nothing when there is none. */
void tracuu_mset_remove(tracuu_mset_t *m, size_t i);
unsigned tracuu_mset_docid(const tracuu_mset_t *m, size_t i);
double tracuu_mset_score(const tracuu_mset_t *m, size_t i);

#ifdef __cplusplus
}
#endif
#endif
