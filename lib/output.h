/* output.h: one printer interface for every output of tracuu-query, with
 * text, JSON, paths and CSV implementations here and the spreadsheet
 * (XLSX) one in xlsx.c. */
#ifndef TRACUU_OUTPUT_H
#define TRACUU_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "snippet.h"

/* Version of the JSON output's shape; bump on incompatible changes. The
 * only place it is written out is tracuu_print_document. */
#define TRACUU_JSON_FORMAT_VERSION 3
/* The oldest format --format-version still writes: 2 (match offsets in
 * bytes as "start" and "length", and "parsed", Xapian's description). */
#define TRACUU_JSON_FORMAT_OLDEST 2

typedef struct tracuu_hit {
    size_t rank;           /* 1-based, offset included */
    const char *path;
    const char *title;
    double score;
    const char *issued;    /* YYYY-MM-DD or NULL when unknown */
    const tracuu_snippet_t *snippets;
    size_t n_snippets;
    const char *note;      /* why there is no snippet (file changed), or NULL */
    /* The plan's record, as its header gives it (NULL when unknown), and
     * its pages as its format gives them (PDF, DOCX, ODT, scans; 0 when
     * unknown: plain text has none). */
    unsigned pages;
    const char *number;    /* số và ký hiệu: "87/2025/QĐ-UBND" */
    const char *type;      /* tên loại: "QUYẾT ĐỊNH" */
    const char *issuer;    /* cơ quan ban hành */
    const char *signer;    /* the signer's name */
    const char *signer_role; /* "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / ..." */
    const char *place;     /* địa danh: "Lai Châu" */
    const char *format;    /* the file's format: "txt", "docx", "pdf", ... */
    /* The plan's other files (schema.h, slot 6: the same number, issuer
     * and issue date, or the same text), by path; the hit stands for
     * them. */
    char *const *also;
    size_t n_also;
    /* The index or remote shard of a union the hit is in (NULL: one
     * index), JSON "shard"; true when its snippets could not be cut
     * because its file is on a remote shard's machine, JSON
     * "snippet_unavailable". */
    const char *shard;
    bool snippet_unavailable;
    /* The document's id in the index, written (JSON "id") only when not
     * 0: tracuu-serve's hits carry it for /api/show and /file/ID. */
    unsigned id;
} tracuu_hit_t;

typedef enum tracuu_format {
    TRACUU_FORMAT_TEXT = 0,
    TRACUU_FORMAT_JSON,
    TRACUU_FORMAT_PATHS,
    TRACUU_FORMAT_CSV,     /* the archive's sheet: one row a plan */
    TRACUU_FORMAT_XLSX,    /* the same sheet as a workbook (xlsx.h) */
} tracuu_format_t;

/* The columns of the metadata sheet (NĐ 30/2020, Phụ lục VI; the "Văn
 * bản" sheet of the archive's template), in order, NULL-terminated. */
extern const char *const tracuu_sheet_columns[];

/* A structure printer. A structured format (JSON) shows the nesting and
 * the keys; the text and paths formats show values only, laid out by
 * their callers with width, literal and separator, which structured
 * formats ignore. Strings come from the files and the index, both
 * untrusted: text escapes every one (escape.h). */
typedef struct tracuu_printer tracuu_printer_t;
struct tracuu_printer {
    void (*begin_map)(tracuu_printer_t *p);
    void (*begin_list)(tracuu_printer_t *p);
    /* Close the innermost map or list; closing the outermost writes the
     * document out. */
    void (*end)(tracuu_printer_t *p);
    void (*map_key)(tracuu_printer_t *p, const char *key);
    /* s[0..n) (UTF-8); s NULL: null (text: nothing). */
    void (*string)(tracuu_printer_t *p, const char *s, size_t n);
    /* A file name: text escapes it as a name (escape.h); paths writes it
     * raw, escaped on a terminal. */
    void (*name)(tracuu_printer_t *p, const char *s);
    void (*integer)(tracuu_printer_t *p, long long v);
    void (*real)(tracuu_printer_t *p, double v);
    /* Text layout: the next value padded to |w| characters, right-aligned
     * when w > 0, left when w < 0; s as it is. Structured: nothing. */
    void (*width)(tracuu_printer_t *p, int w);
    void (*literal)(tracuu_printer_t *p, const char *s);
    /* End of a record: a line feed (a NUL byte for paths with -0; CR LF
     * ending a CSV row; the next row of a sheet). */
    void (*separator)(tracuu_printer_t *p);
    bool structured;       /* keys and nesting shown */
    tracuu_format_t format;
    FILE *f;
    bool color;            /* text: bold marks (a terminal) */
    bool tty;              /* paths: f is a terminal (names escaped) */
    bool null;             /* paths: NUL-terminated raw names (-0) */
    int pad;               /* text: the width of the next value */
    int col;               /* CSV, XLSX: cells written in this row */
    bool failed;           /* XLSX: the workbook could not be written */
    void *state;           /* implementation's own */
    bool marks;            /* text: matches in [brackets] without colour */
    int format_version;    /* JSON: the format written; 0, the current */
    int wrap;              /* text: a hit's lines wrapped to this many
                            * columns (wrap.h); 0, not wrapped */
    /* A true or false (JSON); NULL: written as the literal "true" or
     * "false" (tracuu_print_bool). */
    void (*boolean)(tracuu_printer_t *p, bool v);
    /* JSON: the shards --partial left out (NULL-terminated; each names
     * the shard and why), written as "shards_missing"; NULL: none. */
    char *const *shards_missing;
};

/* Set up p for format (not XLSX: xlsx.h) writing to f. Text escapes every
 * path, title and snippet (escape.h); paths prints names raw one a line,
 * escaped when tty, NUL-terminated and raw when null; JSON writes a name
 * that is not UTF-8 with U+FFFD for its bad bytes plus "path_bytes", its
 * bytes in base64. CSV writes UTF-8 with a byte order mark first (Excel
 * reads it so), rows ended by CR LF, cells quoted as RFC 4180 says; a
 * cell's control characters are escaped as in text, and a cell that
 * would start with = + - or @ gets a ' first (a spreadsheet would run
 * it as a formula). */
void tracuu_printer_init(tracuu_printer_t *p, tracuu_format_t format, FILE *f,
                         bool color, bool tty, bool null);

/* A boolean: JSON true or false, text the word. */
void tracuu_print_bool(tracuu_printer_t *p, bool v);

/* A NUL-terminated string (NULL: null). */
void tracuu_print_str(tracuu_printer_t *p, const char *s);

/* Open the outermost map of a structured document and write its
 * format_version (nothing for text and paths). */
void tracuu_print_document(tracuu_printer_t *p);

/* "2025-11-19" -> "19/11/2025" in out (the Vietnamese order); "" when
 * iso is NULL or no date. */
#define TRACUU_DMY_SIZE 16
void tracuu_date_dmy(const char *iso, char out[TRACUU_DMY_SIZE]);

/* The results of a search: begin (a structured header and the opening of
 * its "hits" list; text: "Showing 1–10 of 19" when some are not shown,
 * "of about 12300" when total is an estimate (exact false); JSON "total"
 * and "total_exact"; a sheet: its header row), each hit, end. shown: the
 * hits that follow; suggestion (JSON only, may be NULL): the spelling
 * correction of a query that found nothing (suggest.h). */
void tracuu_print_results_begin(tracuu_printer_t *p, const char *query,
                                const char *parsed, unsigned total,
                                bool exact, unsigned offset, unsigned limit,
                                unsigned shown, const char *suggestion);
void tracuu_print_hit(tracuu_printer_t *p, const tracuu_hit_t *h);
void tracuu_print_results_end(tracuu_printer_t *p);

/* A hit's record (its title and fields, not its path, rank or
 * snippets): text, the title and one labelled line a known field;
 * structured, members "title", "issued", "number", ... of the open map. */
void tracuu_print_record(tracuu_printer_t *p, const tracuu_hit_t *h);

/* A path: text escapes it; structured, the member "path" (and
 * "path_bytes" when it is not UTF-8) of the open map. */
void tracuu_print_path(tracuu_printer_t *p, const char *path);

/* Whether the printer needs snippets (paths does not). */
bool tracuu_format_wants_snippets(tracuu_format_t format);

#endif
