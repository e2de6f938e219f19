/* header_impl.h: what the two parts of the header extractor share (header.c, header_sign.c); not a public header. */
#ifndef TRACUU_HEADER_IMPL_H
#define TRACUU_HEADER_IMPL_H

#include "header.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doctables.h"
#include "fold.h"
#include "scan.h"

/* Every loop over lines and bytes is bounded by these. */
enum {
    HEAD_LINES = 200,   /* lines (blank ones included) read for the header */
    HEAD_BYTES = 24000, /* ... within at most this many bytes */
    HEAD_NONBLANK = 40, /* non-blank lines after which the body surely began */
    FOLD_CAP = 256,     /* bytes of a line's folded form that are examined */
    TITLE_LINES = 10,
    TITLE_BYTES = 2000,
    OPENING_BYTES = 6000, /* bytes read for the issuer in an opening sentence */
    SIG_BEFORE = 40,      /* lines before the anchor searched for signatures */
    SIG_AFTER = 60,       /* lines from the anchor on */
    SIG_MAX = 4,
    RECIPIENTS_MAX = 64,
    ROLE_LINE_BYTES = 90, /* longer lines are not role lines */
    /* A line is read up to this many bytes: a text of one 16 MB line made
     * a 16 MB title and folded copies of it (8 bytes a byte): 273 MB of
     * peak RSS, now 93 MB; one 16 MB line of words and commas 237 MB,
     * now 108 MB. No line of ../shared is over 4,000 bytes. */
    LINE_BYTES = 8192,
};

/* One line of the text, trimmed of blanks and Markdown marks. */
typedef struct line {
    size_t s, e;
} line_t;

typedef struct lines {
    line_t *v;
    size_t n;
} lines_t;

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))


/* Trim blanks and Markdown marks ('#', '*', '>') off both ends. */
line_t tracuu_hdr_line_trim(const char *t, size_t s, size_t e);

/* Collect up to max lines starting at byte from, stopping before byte
 * limit. out->v is new (free it). */
void tracuu_hdr_lines_collect(const char *t, size_t len, size_t from,
                              size_t limit, size_t max, lines_t *out);

bool tracuu_hdr_line_blank(line_t l);

/* A line of dashes or underscores ("-------"), possibly glued to text. */
bool tracuu_hdr_line_separator(const char *t, line_t l);

/* Folded form (lowercase, no diacritics, đ -> d, Markdown '*' dropped,
 * blanks collapsed) of t[s..e) into out[cap]; non-Latin letters become
 * '?'. Returns its length. */
size_t tracuu_hdr_fold_range(const char *t, size_t s, size_t e, char *out,
                             size_t cap);

size_t tracuu_hdr_fold_line(const char *t, line_t l, char *out, size_t cap);

bool tracuu_hdr_starts_with(const char *s, const char *p);

bool tracuu_hdr_range_upper(const char *t, size_t s, size_t e);

/* The first character of t[s..e) is a lowercase letter or a digit. */
bool tracuu_hdr_starts_lower(const char *t, size_t s, size_t e);

/* Append t[s..e) to b with Markdown '*' dropped and blanks collapsed,
 * one space apart from what b already holds. */
void tracuu_hdr_append_clean(tracuu_buf_t *b, const char *t, size_t s,
                             size_t e);

char *tracuu_hdr_clean_dup(const char *t, size_t s, size_t e);

/* "I.", "IV.", "1.", "2)" at the start of a folded line. */
bool tracuu_hdr_folded_heading(const char *f);

/* A line of body text; first_title allows "Thực hiện …" without a cited
 * number, which opens titles as often as sentences. */
bool tracuu_hdr_folded_body_opener_at(const char *f, bool first_title);

/* The line begins the body: an opener in mixed case, or a heading. */
bool tracuu_hdr_line_body_start(const char *t, line_t l, const char *f);

/* The type line at line i, also broken in two ("QUYẾT" / "ĐỊNH"); sets
 * *last to the line it ends on. */
const char *tracuu_hdr_match_doc_type(const char *t, const lines_t *L, size_t i,
                                      const char *f, size_t *last);

/* Build the title from line i (the first title line) on; returns the index
 * of the last line used. */
size_t tracuu_hdr_title_build(const char *t, const lines_t *L, size_t i,
                              tracuu_buf_t *b);

/* A "Số: …" line (also "Luật số:", "Số 2696/…"): returns the byte where
 * the number begins in t, or 0 when the line is not one. */
size_t tracuu_hdr_number_line(const char *t, line_t l, const char *f);

/* Read the number at t[p..e): tokens glued by '-' or '/' across spaces
 * ("221/KH - LĐLĐ"). Fills the span; returns the number with the spaces
 * removed, or NULL. */
char *tracuu_hdr_number_read(const char *t, size_t p, size_t e,
                             tracuu_span_t *sp);

/* Look for "<Place>, ngày dd tháng mm năm yyyy" starting on line i. */
bool tracuu_hdr_date_line_at(const char *t, const lines_t *L, size_t i,
                             tracuu_header_t *h);

/* The header block: uppercase lines before the separator or the national
 * motto, first column of a table row. */
char *tracuu_hdr_issuer_from_block(const char *t, const lines_t *L,
                                   size_t stop);

/* The authority line after the title of an act whose header has no issuer
 * ("ỦY BAN THƯỜNG VỤ QUỐC HỘI" above "Căn cứ …"). */
char *tracuu_hdr_issuer_from_authority(const char *t, const lines_t *L,
                                       size_t i);

/* "Ban Thường vụ … huyện xây dựng kế hoạch …", "UBND xã ban hành Kế
 * hoạch …": the subject of the first such clause in t[from..to). */
char *tracuu_hdr_issuer_from_opening(const char *t, size_t from, size_t to);

void tracuu_hdr_signature_block(const char *t, size_t len, size_t from,
                                tracuu_header_t *h);

#endif
