/* record.h: one analysed file becomes one index document, per lib/schema.h. */
#ifndef TRACUU_RECORD_H
#define TRACUU_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis.h"
#include "buf.h"
#include "xdb.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What the file system says of the file. */
typedef struct tracuu_file_info {
    const char *path;   /* absolute */
    int64_t mtime;      /* seconds */
    uint64_t size;      /* bytes */
    int64_t mtime_ns;   /* nanoseconds since the epoch */
    int64_t ctime_ns;   /* inode change, nanoseconds since the epoch */
    uint64_t ino;       /* inode number */
    /* What value slot TRACUU_SLOT_STAT holds (tracuu_record_signature,
     * perhaps marked racy by the caller); NULL: the plain signature. */
    const char *signature;
    const char *format; /* "txt", "docx", "pdf", ... (reader.h), or NULL */
    const char *encoding; /* what the bytes were, or NULL */
    unsigned pages;     /* pages the format says the file has (PDF,
                           DOCX, ODT, scanned images); 0: unknown */
    /* Keep the normalised text in the index for snippets. Plain text is
     * cheaper to read again at query time than to compress and store
     * (the index is then half the size and indexing faster); converted
     * formats (PDF, Word, scans) are not. */
    bool store_text;
    /* The file's bytes are the text analysed (UTF-8 as it stands): snippets
     * can read just the part they show. */
    bool same_bytes;
} tracuu_file_info_t;

/* Where body positions 0, C, 2C, ... (C = TRACUU_CHECKPOINT) begin in the
 * text snippets are cut from: the normalised text when stored, else the
 * text given to the analyser (a file's decoded bytes), through the
 * normaliser's map. Decimal deltas apart by spaces (schema.h, slot 4); new,
 * free with free(). */
char *tracuu_record_checkpoints(const tracuu_analysis_t *an, bool stored);

/* The unique term of the document for path ("Q" + path, hashed past
 * TRACUU_UID_MAX bytes), appended to out. */
void tracuu_record_uid(const char *path, tracuu_buf_t *out);

/* Fixed-width sortable encoding of a number for a value slot (16 hex
 * digits), written to out[17]. */
void tracuu_record_hex(uint64_t v, char out[17]);

/* The file's stat signature, as slot TRACUU_SLOT_STAT holds it: its
 * nanosecond mtime, ctime, inode and size, each 16 hex digits, apart by
 * '-' (67 bytes and a NUL written to out). A file that changed has
 * another one, even within a second and at the same size. */
#define TRACUU_RECORD_SIG_LEN 67
void tracuu_record_signature(int64_t mtime_ns, int64_t ctime_ns, uint64_t ino,
                             uint64_t size, char out[TRACUU_RECORD_SIG_LEN + 1]);

/* The display title: the header's title, else the first line of text
 * (trimmed to about 120 bytes at a word boundary). New; free with free(). */
char *tracuu_record_title(const tracuu_analysis_t *an);

/* Build the document for an analysed file with analyser a (which made
 * an). *out is new (free with tracuu_doc_free). uid is the unique term.
 * Returns TRACUU_ERR_NOMEM or the shim's status on failure. */
tracuu_status_t tracuu_record_build(tracuu_analyzer_t *a,
                                    const tracuu_analysis_t *an,
                                    const tracuu_file_info_t *info,
                                    const char *uid, tracuu_doc_t **out);

/* Split stored document data into its JSON line and its text (borrowed
 * pointers into data). */
void tracuu_record_split(const char *data, size_t len, const char **json,
                         size_t *json_len, const char **text,
                         size_t *text_len);

#ifdef __cplusplus
}
#endif
#endif
