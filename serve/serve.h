/* serve.h: tracuu-serve's parts: the index one handle per worker thread
 * (handles.c), the replies (reply.c), the API (api.c), the page's files
 * (page.c). */
#ifndef TRACUU_SERVE_H
#define TRACUU_SERVE_H

#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>

#include "xdb.h"

#define SERVE_PROG "tracuu-serve"
#define SERVE_QUERY_MAX 1000     /* bytes of a query */
#define SERVE_LIMIT_DEFAULT 10   /* hits of a page without limit= */
#define SERVE_LIMIT_MAX 100      /* hits of one page */
#define SERVE_OFFSET_MAX 100000  /* the deepest page */
#define SERVE_LIST_MAX 1000      /* rows of a list */
#define SERVE_EXPORT_MAX 10000   /* rows of an export */

/* The index's directory, set once before the daemon starts. */
extern const char *serve_index_path;

/* This thread's handle on the index, reopened at the latest revision
 * (a commit of the indexer is seen by the next request): borrowed, valid
 * until serve_handles_close. NULL when the index cannot be opened, *msg
 * then why (new; free with free()). */
tracuu_db_t *serve_handle(char **msg);
/* Close every thread's handle (the daemon stopped). */
void serve_handles_close(void);

/* Queue a reply of body[0..len) (copied) with status and content type,
 * and the headers every reply has (no sniffing, the page's content
 * security policy, no referrer). */
enum MHD_Result serve_reply(struct MHD_Connection *c, unsigned status,
                            const char *type, const char *body, size_t len);
/* serve_reply with one more header name: value. */
enum MHD_Result serve_reply_with(struct MHD_Connection *c, unsigned status,
                                 const char *type, const char *name,
                                 const char *value, const char *body,
                                 size_t len);
/* Add the headers every reply has to r. */
void serve_headers(struct MHD_Response *r);
/* Queue body[0..len) as a file to save as filename. */
enum MHD_Result serve_download(struct MHD_Connection *c, const char *type,
                               const char *filename, const char *body,
                               size_t len);
/* A document id in a URL: digits only, 1 to UINT_MAX; 0 when s is none. */
unsigned serve_docid(const char *s);
/* A JSON error {"format_version": 3, "error": msg} (msg with a leading
 * "tracuu-serve: " and trailing line feed taken off). */
enum MHD_Result serve_json_error(struct MHD_Connection *c, unsigned status,
                                 const char *msg);
/* An HTML page saying msg (escaped), for what a browser opens itself
 * (/file/ID, an unknown page). */
enum MHD_Result serve_html_error(struct MHD_Connection *c, unsigned status,
                                 const char *msg);

/* The index's revision as its files show it: the stub, and each
 * database's version file (Xapian rewrites it at every commit), by
 * inode, size and times. New (free with free()); taken before the
 * handle is reopened, an answer kept under it is never older. */
char *serve_index_revision(void);
/* The answer kept for key at revision rev: *body new (free with
 * free()); false when none (an answer of another revision is dropped). */
bool serve_facets_get(const char *rev, const char *key, char **body,
                      size_t *len);
/* Keep body[0..len) for key at revision rev (copied). */
void serve_facets_put(const char *rev, const char *key, const char *body,
                      size_t len);

/* Answer GET /api/...: search, list/WHAT, show, export.csv, export.xlsx. */
enum MHD_Result serve_api(struct MHD_Connection *c, const char *url);
/* Answer GET /file/ID: the original file of document ID. */
enum MHD_Result serve_file(struct MHD_Connection *c, const char *id);
/* Answer GET / and the page's files; false (nothing queued) when url is
 * none of them. */
bool serve_page(struct MHD_Connection *c, const char *url,
                enum MHD_Result *ret);

#endif
