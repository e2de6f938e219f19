/* status.c: descriptions of the status codes. */
#include "status.h"

const char *tracuu_status_str(tracuu_status_t s)
{
    static const char *const text[TRACUU_STATUS_LAST] = {
        [TRACUU_OK] = "success",
        [TRACUU_ERR_NOMEM] = "out of memory",
        [TRACUU_ERR_IO] = "input/output error",
        [TRACUU_ERR_DB_OPENING] = "cannot open the index",
        [TRACUU_ERR_DB_LOCKED] = "the index is locked by another indexer",
        [TRACUU_ERR_DB_CORRUPT] = "the index is corrupt",
        [TRACUU_ERR_DB_MODIFIED] = "the index was modified while reading",
        [TRACUU_ERR_DB_VERSION] = "the index was built by another version (re-index it)",
        [TRACUU_ERR_DB] = "index error",
        [TRACUU_ERR_QUERY] = "malformed query",
        [TRACUU_ERR_ARG] = "invalid argument",
        [TRACUU_ERR_ENCODING] = "invalid text encoding",
        [TRACUU_ERR_ICU] = "ICU error",
        [TRACUU_ERR_NOT_FOUND] = "not found",
        [TRACUU_ERR_INTERNAL] = "internal error",
        [TRACUU_ERR_DB_ACCESS] = "the index cannot be written (read-only or no permission)",
    };
    if ((unsigned)s >= TRACUU_STATUS_LAST)
        return "unknown status";
    return text[s];
}
