/* reader.h: turning one file's bytes into UTF-8 text, whatever its format. */
#ifndef TRACUU_READER_H
#define TRACUU_READER_H

#include <stdbool.h>
#include <stddef.h>

typedef enum tracuu_read_status {
    TRACUU_READ_OK = 0,   /* text is set */
    TRACUU_READ_SKIP,     /* not indexable (empty, not text, ...): reason set */
    TRACUU_READ_FAIL,     /* could not be read: reason set */
} tracuu_read_status_t;

typedef struct tracuu_read_result {
    char *text;        /* UTF-8, valid; new, owned by the result */
    size_t len;
    char *encoding;    /* what the bytes were, e.g. "UTF-8" */
    char *reason;      /* why skipped or failed, e.g. "not valid UTF-8 ..." */
} tracuu_read_result_t;

/* True when path has an extension some reader handles. */
bool tracuu_read_supported(const char *path);

/* Read path into out (new contents; free with tracuu_read_result_free). */
tracuu_read_status_t tracuu_read_file(const char *path,
                                      tracuu_read_result_t *out);
void tracuu_read_result_free(tracuu_read_result_t *r);

#endif
