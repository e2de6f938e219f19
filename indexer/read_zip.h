/* read_zip.h: what the zip readers share beyond read_impl.h (read_zip.c, read_docx.c, read_odt.c); internal to the indexer. */
#ifndef TRACUU_READ_ZIP_H
#define TRACUU_READ_ZIP_H

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include "read_impl.h"

/* A zip with more entries than this is not a text document. */
#define MAX_ENTRIES 20000
/* Styles followed through basedOn, and styles kept. */
#define MAX_STYLE_CHAIN 10
#define MAX_STYLES 4096
/* Longest title kept, in bytes. */
#define MAX_TITLE 500

/* The libxml2 error handler: keeps the first message in ctx, a
 * tracuu_xml_err_t (cleared by the caller). */
void tracuu_zipx_on_xml_error(void *ctx, xmlErrorPtr e);

/* Names of entries starting with prefix and ending in ".xml", sorted
 * (new array of new strings; free with free_names). */
char **tracuu_zipx_names_like(tracuu_zipdoc_t *d, const char *prefix,
                              size_t *n);

void tracuu_zipx_free_names(char **names, size_t n);

/* Office XML never declares a DTD; one that does may hold entity bombs
 * or external entities, so it is refused before parsing. */
bool tracuu_zipx_declares_dtd(const tracuu_buf_t *b);

void tracuu_zipx_ensure_newline(tracuu_buf_t *b);

/* A part other than the body that cannot be read (damaged XML, a bad
 * checksum) is left out, so the body is still indexed; refusals (a DTD,
 * a zip bomb, encryption) stand. */
tracuu_read_status_t tracuu_zipx_secondary(tracuu_read_status_t rs,
                                           tracuu_read_result_t *res);

/* Open the zip at path (fmt names its kind: "docx") and read its main
 * part into raw. TRACUU_READ_OK, or the status said in out (missing when
 * the part is absent: "no content.xml (not an OpenDocument file)"), d
 * then closed and raw freed. */
tracuu_read_status_t tracuu_zipx_open_main(const char *path, const char *fmt,
                                           const tracuu_read_opts_t *o,
                                           const char *part,
                                           const char *missing,
                                           tracuu_zipdoc_t *d,
                                           tracuu_buf_t *raw,
                                           tracuu_read_result_t *out);

/* out->title from the dc:title of a metadata part (meta.xml,
 * docProps/core.xml) when there is one; raw is scratch space. Returns
 * what tracuu_zipx_secondary makes of reading it. */
tracuu_read_status_t tracuu_zipx_title(tracuu_zipdoc_t *d, const char *part,
                                       tracuu_buf_t *raw,
                                       tracuu_read_result_t *out);

/* The page count a word processor saved in a metadata part: the text of
 * element (docProps/app.xml <Pages>) or, when attr is not NULL, that
 * attribute of element (meta.xml <meta:document-statistic
 * meta:page-count>), into out->pages when it is a number from 1 to
 * TRACUU_MAX_PAGES (else left 0); raw is scratch space. Returns what
 * tracuu_zipx_secondary makes of reading the part. */
#define TRACUU_MAX_PAGES 1000000
tracuu_read_status_t tracuu_zipx_pages(tracuu_zipdoc_t *d, const char *part,
                                       const char *element, const char *attr,
                                       tracuu_buf_t *raw,
                                       tracuu_read_result_t *out);

/* What a reader of one XML part does at each node: element (true skips
 * its subtree), end of an element, and where text goes (NULL: dropped). */
typedef struct tracuu_zipx_walk {
    bool (*element)(void *ctx, xmlTextReaderPtr r);
    void (*end)(void *ctx, xmlTextReaderPtr r);
    tracuu_buf_t *(*text_to)(void *ctx);
} tracuu_zipx_walk_t;

/* Walk the XML part b (name, for messages) with cb and ctx. Returns
 * TRACUU_READ_OK, or the status (said in res) of a refused or damaged
 * part. */
tracuu_read_status_t tracuu_zipx_walk(const tracuu_buf_t *b, const char *name,
                                      const tracuu_zipx_walk_t *cb, void *ctx,
                                      tracuu_read_result_t *res);

#endif
