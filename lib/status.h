/* status.h: the one status enum shared by every fallible tracuu function.
 * lib/xdb.h says which statuses each index call returns; the Xapian
 * exception each DB_ status comes from is named below (classify() in
 * lib/xapian_shim.cc). */
#ifndef TRACUU_STATUS_H
#define TRACUU_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tracuu_status {
    TRACUU_OK = 0,
    TRACUU_ERR_NOMEM,          /* out of memory */
    TRACUU_ERR_IO,             /* a file or directory could not be read or written */
    TRACUU_ERR_DB_OPENING,     /* no database there, or it cannot be opened
                                  (DatabaseNotFoundError, DatabaseOpeningError) */
    TRACUU_ERR_DB_LOCKED,      /* another writer holds the database
                                  (DatabaseLockError) */
    TRACUU_ERR_DB_CORRUPT,     /* the database files are damaged
                                  (DatabaseCorruptError) */
    TRACUU_ERR_DB_MODIFIED,    /* the database changed under a reader; reopen
                                  (DatabaseModifiedError) */
    TRACUU_ERR_DB_VERSION,     /* the index was built with another schema */
    TRACUU_ERR_DB,             /* any other Xapian error (a write on a reader:
                                  InvalidOperationError; a full disk) */
    TRACUU_ERR_QUERY,          /* the query is malformed */
    TRACUU_ERR_ARG,            /* a caller passed something invalid
                                  (InvalidArgumentError, a NULL handle) */
    TRACUU_ERR_ENCODING,       /* text is not valid UTF-8 or cannot be decoded */
    TRACUU_ERR_ICU,            /* ICU failed */
    TRACUU_ERR_NOT_FOUND,      /* no such document or key (DocNotFoundError) */
    TRACUU_ERR_INTERNAL,       /* an unexpected exception or bug */
    TRACUU_ERR_DB_ACCESS,      /* the index cannot be written here: read-only
                                  file system or no permission (not a lock) */
    TRACUU_STATUS_LAST
} tracuu_status_t;

/* A short English description of s (static; never NULL). */
const char *tracuu_status_str(tracuu_status_t s);

#ifdef __cplusplus
}
#endif
#endif
