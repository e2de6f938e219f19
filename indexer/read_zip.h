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

/* The text of the first element named name (dc:title), trimmed, with
 * runs of white space made one space; NULL when absent or empty. */
char *tracuu_zipx_first_element_text(const tracuu_buf_t *b, const char *name,
                                     const char *part);

/* A part other than the body that cannot be read (damaged XML, a bad
 * checksum) is left out, so the body is still indexed; refusals (a DTD,
 * a zip bomb, encryption) stand. */
tracuu_read_status_t tracuu_zipx_secondary(tracuu_read_status_t rs,
                                           tracuu_read_result_t *res);

#endif
