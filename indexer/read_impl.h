/* read_impl.h: the per-format readers behind tracuu_read_file, and their helpers. */
#ifndef TRACUU_READ_IMPL_H
#define TRACUU_READ_IMPL_H

#include <libxml/xmlreader.h>
#include <zip.h>

#include "buf.h"
#include "encoding.h"
#include "reader.h"

/* Defaults of tracuu_read_opts_t. */
#define TRACUU_READ_SECONDS 60
#define TRACUU_READ_MEM_MB 1024
#define TRACUU_READ_MAX_MB 200
#define TRACUU_READ_OCR_DPI 300
/* Pages OCRed at most, per file (a PDF's or a TIFF's). */
#define TRACUU_READ_MAX_OCR_PAGES 1000

/* Every reader: read path (whose content is known to be its format) into
 * out; o has every field filled. Sets out->reason on SKIP and FAIL. */
typedef tracuu_read_status_t (*tracuu_reader_fn)(const char *path,
                                                 const tracuu_read_opts_t *o,
                                                 tracuu_read_result_t *out);

tracuu_read_status_t tracuu_read_text(const char *path,
                                      const tracuu_read_opts_t *o,
                                      tracuu_read_result_t *out);
tracuu_read_status_t tracuu_read_docx(const char *path,
                                      const tracuu_read_opts_t *o,
                                      tracuu_read_result_t *out);
tracuu_read_status_t tracuu_read_odt(const char *path,
                                     const tracuu_read_opts_t *o,
                                     tracuu_read_result_t *out);
tracuu_read_status_t tracuu_read_pdf(const char *path,
                                     const tracuu_read_opts_t *o,
                                     tracuu_read_result_t *out);
tracuu_read_status_t tracuu_read_doc(const char *path,
                                     const tracuu_read_opts_t *o,
                                     tracuu_read_result_t *out);
tracuu_read_status_t tracuu_read_rtf(const char *path,
                                     const tracuu_read_opts_t *o,
                                     tracuu_read_result_t *out);
tracuu_read_status_t tracuu_read_html(const char *path,
                                      const tracuu_read_opts_t *o,
                                      tracuu_read_result_t *out);
tracuu_read_status_t tracuu_read_image(const char *path,
                                       const tracuu_read_opts_t *o,
                                       tracuu_read_result_t *out);
tracuu_read_status_t tracuu_read_xlsx(const char *path,
                                      const tracuu_read_opts_t *o,
                                      tracuu_read_result_t *out);
tracuu_read_status_t tracuu_read_ods(const char *path,
                                     const tracuu_read_opts_t *o,
                                     tracuu_read_result_t *out);
tracuu_read_status_t tracuu_read_csv(const char *path,
                                     const tracuu_read_opts_t *o,
                                     tracuu_read_result_t *out);

/* OCR of image (every page of a multi-page TIFF) with tesseract -l vie,
 * appended to b; the time limit is o->seconds for each of pages. On
 * failure the reason names what is missing (tesseract, its Vietnamese
 * data) or how the run ended. */
tracuu_read_status_t tracuu_read_ocr(const char *image, unsigned pages,
                                     const tracuu_read_opts_t *o,
                                     tracuu_buf_t *b, tracuu_read_result_t *out);

/* ---- zip archives of XML parts (read_docx.c), for docx, odt, xlsx, ods ---- */

typedef struct tracuu_zipdoc {
    zip_t *z;
    const char *fmt;   /* "docx", "odt", "xlsx", "ods": for messages */
    size_t left;       /* uncompressed bytes still allowed */
    size_t max_mb;
} tracuu_zipdoc_t;

/* Open path as a zip archive of format fmt (a static name), refusing
 * archives of too many entries; o->max_mb bounds the bytes unpacked. */
tracuu_read_status_t tracuu_zip_open(const char *path, const char *fmt,
                                     const tracuu_read_opts_t *o,
                                     tracuu_zipdoc_t *d, tracuu_read_result_t *out);
void tracuu_zip_close(tracuu_zipdoc_t *d);

/* Read entry name into b. Returns 1 when read, 0 when absent, -1 on an
 * error (reason set, status in *rs), among them a zip bomb. */
int tracuu_zip_part(tracuu_zipdoc_t *d, const char *name, tracuu_buf_t *b,
                    tracuu_read_result_t *out, tracuu_read_status_t *rs);

typedef struct tracuu_xml_err {
    char msg[200];
} tracuu_xml_err_t;

/* A reader over b's XML (part name, for messages): refused when it
 * declares a DTD or entities, never fetching anything (new; free with
 * xmlFreeTextReader), or NULL with the reason set and status in *rs.
 * Parse errors are kept in err for tracuu_xml_failed. */
xmlTextReaderPtr tracuu_xml_open(const tracuu_buf_t *b, const char *name,
                                 tracuu_xml_err_t *err,
                                 tracuu_read_result_t *out,
                                 tracuu_read_status_t *rs);
tracuu_read_status_t tracuu_xml_failed(const char *name,
                                       const tracuu_xml_err_t *err,
                                       tracuu_read_result_t *out);
/* The node's local name (borrowed), "" for none. */
const char *tracuu_xml_local(xmlTextReaderPtr r);
/* The value of the attribute with local name want, whatever its prefix
 * (new; free with xmlFree), or NULL. */
char *tracuu_xml_attr(xmlTextReaderPtr r, const char *want);

/* HTML already in memory (data[0..len)), e.g. from a converter; charset
 * is the encoding to assume, or NULL to find it. */
tracuu_read_status_t tracuu_read_html_memory(const char *data, size_t len,
                                             const char *charset,
                                             const tracuu_read_opts_t *o,
                                             tracuu_read_result_t *out);

/* Set out->reason from a printf format; returns st. */
tracuu_read_status_t tracuu_read_say(tracuu_read_result_t *out,
                                     tracuu_read_status_t st,
                                     const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Read the whole of path into b, refusing files over max_mb. */
tracuu_read_status_t tracuu_read_slurp(const char *path, size_t max_mb,
                                       tracuu_buf_t *b,
                                       tracuu_read_result_t *out);

/* Finish a reader's UTF-8 text: invalid bytes become U+FFFD, legacy-font
 * lines are repaired (tracuu_enc_repair) unless repair is false, the
 * encoding is set (enc, with the repaired one added), and a text with
 * nothing but white space is SKIP "no text". Takes text's bytes. */
tracuu_read_status_t tracuu_read_finish(tracuu_read_result_t *out,
                                        tracuu_buf_t *text, const char *enc,
                                        bool repair);

/* Initialise libxml2 once (thread-safe); the XML readers call it. */
void tracuu_read_xml_init(void);

/* Append the name of the encoding actually found to b: name alone, or
 * "TCVN3 (in UTF-8)" when legacy-font lines were repaired. */
void tracuu_read_enc_label(tracuu_buf_t *b, const char *name,
                           tracuu_enc_t repaired);

#endif
