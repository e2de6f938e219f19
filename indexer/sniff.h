/* sniff.h: what a file is, by its content (magic numbers), not its name. */
#ifndef TRACUU_SNIFF_H
#define TRACUU_SNIFF_H

#include <stdbool.h>
#include <stddef.h>

typedef enum tracuu_fmt {
    TRACUU_FMT_TEXT = 0,   /* nothing binary seen: text in some encoding */
    TRACUU_FMT_PDF,
    TRACUU_FMT_DOCX,       /* Office Open XML word processing */
    TRACUU_FMT_ODT,        /* OpenDocument text */
    TRACUU_FMT_DOC,        /* Word 97-2003 (OLE2 with a WordDocument stream) */
    TRACUU_FMT_RTF,
    TRACUU_FMT_HTML,
    TRACUU_FMT_IMAGE,      /* JPEG, PNG, TIFF: a scan, read with OCR */
    TRACUU_FMT_XLSX,       /* Office Open XML spreadsheet */
    TRACUU_FMT_ODS,        /* OpenDocument spreadsheet */
    TRACUU_FMT_CSV,        /* never by content (it is text): by extension */
    TRACUU_FMT_OTHER,      /* recognised, but not a document we read */
    TRACUU_FMT_BINARY,     /* unrecognised binary data */
} tracuu_fmt_t;

typedef struct tracuu_sniff {
    tracuu_fmt_t fmt;
    const char *what;  /* short name: "pdf", "png image", "zip archive",
                        * "xlsx", "binary data"; static */
} tracuu_sniff_t;

/* Classify by the first n bytes of a file (n >= 4096 when the file is
 * that long). Zip and OLE2 files come back as OTHER ("zip archive",
 * "OLE2 compound file"): tracuu_sniff_file looks inside them. */
tracuu_sniff_t tracuu_sniff_bytes(const unsigned char *head, size_t n);

/* Classify the file at path, looking into zip and OLE2 containers for
 * the parts that make a document or a spreadsheet. When a container is
 * damaged, hint (what the file's extension says, or TEXT for none)
 * decides if it is one of DOCX, ODT, XLSX, ODS or DOC, so the reader can
 * say what is wrong. Returns false when the file cannot be read (errno set). */
bool tracuu_sniff_file(const char *path, tracuu_fmt_t hint,
                       tracuu_sniff_t *out);

#endif
