/* reader.h: turning one file's bytes into UTF-8 text, whatever its format. */
#ifndef TRACUU_READER_H
#define TRACUU_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum tracuu_read_status {
    TRACUU_READ_OK = 0,   /* text is set */
    TRACUU_READ_SKIP,     /* not indexable (empty, not text, ...): reason set */
    TRACUU_READ_FAIL,     /* could not be read: reason set */
} tracuu_read_status_t;

typedef struct tracuu_read_result {
    char *text;        /* UTF-8, valid; new, owned by the result */
    size_t len;
    char *encoding;    /* what the characters were, e.g. "UTF-8", "TCVN3" */
    char *reason;      /* why skipped or failed, e.g. "not a zip archive" */
    const char *format;/* "txt", "docx", "odt", "pdf", "doc", "rtf", "html",
                        * "image", "xlsx", "ods", "csv", or what the content
                        * was when skipped ("gif image", "binary data",
                        * "pptx presentation", ...); static, never NULL
                        * after a read */
    char *title;       /* from the document's metadata, or NULL; owned */
    bool ocr;          /* some of the text comes from OCR */
    unsigned pages;    /* pages of a PDF or of an image read with OCR (a
                        * TIFF may have many), of a DOCX or ODT as its
                        * metadata says (when saved); 0 for other formats */
} tracuu_read_result_t;

/* How to read. Zero fields take the defaults. */
typedef struct tracuu_read_opts {
    bool ocr;               /* OCR the pages of PDFs that have no text, and
                             * images (without it they are skipped) */
    unsigned seconds;       /* time limit of each converter run (60) */
    size_t mem_mb;          /* memory limit of each converter run (1024) */
    size_t max_mb;          /* largest text, HTML or CSV file, and most
                             * bytes unpacked from one docx, odt, xlsx or
                             * ods (200) */
    unsigned ocr_dpi;       /* resolution of the page images for OCR (300) */
    uint64_t dev, ino;      /* when ino is not 0: the file the walk saw; a
                             * file that is another one now is not read */
    const char *name;       /* set by tracuu_read_file_opts for the readers:
                             * the name given, whose extension counts (the
                             * path a reader gets is /proc/PID/fd/N) */
} tracuu_read_opts_t;

/* True when path has an extension some reader handles, or, for a name
 * with no extension or an unknown one, when its first bytes show a
 * document format (PDF, Word, OpenDocument, RTF, HTML, a spreadsheet,
 * a JPEG, PNG or TIFF image). Only in the
 * second case is the file opened: 8 KiB, and a zip's directory. */
bool tracuu_read_supported(const char *path);

/* The same, saying why not: 1 supported; 0 not, with what (size bytes)
 * naming it for a message (".gif", ".abc: binary data", "no extension:
 * text"); -1 when its content had to be seen and it could not be read
 * (what: the error). */
int tracuu_read_classify(const char *path, char *what, size_t size);

/* The row of the summary table for a file not read: its extension in
 * lower case ("gif"; at most 8 letters or digits), else "other". Into
 * buf (size >= 16); returns buf. */
const char *tracuu_read_ext_row(const char *path, char *buf, size_t size);

/* The format a path's extension announces ("docx", "pdf", ...), or
 * "other"; static. For counting files that were not read (unchanged). */
const char *tracuu_read_format_name(const char *path);

/* Read path into out (new contents; free with tracuu_read_result_free),
 * with the default options. The file is opened once, without following
 * a symbolic link (O_NOFOLLOW; the walk passes real paths) and without
 * blocking on a FIFO, and must be a regular file (and the walk's one when
 * opts has dev and ino); every reader and converter then reads that open
 * file through /proc/PID/fd/N, so a name swapped for a link or a FIFO
 * after the walk is refused ("a symbolic link"), never read. The format is decided by content, not by
 * the extension; unknown binary files are skipped with a reason. */
tracuu_read_status_t tracuu_read_file(const char *path,
                                      tracuu_read_result_t *out);

/* The same with options (opts may be NULL). Safe to call from several
 * threads at once. */
tracuu_read_status_t tracuu_read_file_opts(const char *path,
                                           const tracuu_read_opts_t *opts,
                                           tracuu_read_result_t *out);

/* Free the contents of r (not r itself). Accepts an empty struct. */
void tracuu_read_result_free(tracuu_read_result_t *r);

#endif
