/* read_impl.h: the per-format readers behind tracuu_read_file, and their helpers. */
#ifndef TRACUU_READ_IMPL_H
#define TRACUU_READ_IMPL_H

#include "buf.h"
#include "encoding.h"
#include "reader.h"

/* Defaults of tracuu_read_opts_t. */
#define TRACUU_READ_SECONDS 60
#define TRACUU_READ_MEM_MB 1024
#define TRACUU_READ_MAX_MB 200
#define TRACUU_READ_OCR_DPI 300

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
