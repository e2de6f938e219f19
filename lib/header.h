/* header.h: what a plan says about itself: type, title, number, issuer, signer. */
#ifndef TRACUU_HEADER_H
#define TRACUU_HEADER_H

#include <stddef.h>

#include "span.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Every string is new UTF-8 (normalised, whitespace collapsed to single
 * spaces), or NULL when the text does not give it: unknown, never guessed. */
typedef struct tracuu_header {
    char *doc_type;   /* "KẾ HOẠCH", "QUYẾT ĐỊNH", ...: the type line, uppercased */
    char *title;      /* "KẾ HOẠCH Triển khai công tác thi đua, khen thưởng năm 2024":
                         the type line followed by the line(s) after it */
    char *number;     /* own number, "01/KH-UBND-CD" (from "Số: ...") */
    tracuu_span_t number_span; /* where that number is, {0,0} if none */
    char *issuer;     /* issuing body */
    char *place;      /* "Trường Tây" from "Trường Tây, ngày 07 tháng 01 năm 2025" */
    tracuu_span_t date_line; /* span of that place-and-date line, {0,0} if none */
    char *signer_role;/* "CHỦ TỊCH", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", ... */
    char *signer;     /* the name under it */
    char **recipients;/* lines under "Nơi nhận:", without the leading "- " */
    size_t n_recipients;
    /* Every signature block in text order (a joint plan has two);
     * signer_role and signer repeat the first one. */
    struct tracuu_signature *signatures;
    size_t n_signatures;
} tracuu_header_t;

/* One signature block: role lines joined with " / ", and the name under
 * them (NULL when the text gives none). */
typedef struct tracuu_signature {
    char *role;
    char *name;
} tracuu_signature_t;

/* Extract the header of normalised text[0..len) (see normalize.h) into
 * out (new contents; free with tracuu_header_free). Only the first lines
 * and the lines around "Nơi nhận:" are read, so any size is cheap.
 * doc_type is the canonical spelling from the type table ("KẾ HOẠCH"
 * also for an OCR'd "KE HOACH"); a letter with a "V/v" line and no type
 * line is a "CÔNG VĂN" whose title is that V/v line. It cannot fail. */
void tracuu_header_extract(const char *text, size_t len, tracuu_header_t *out);
/* Free the contents of h (not h itself); accepts NULL and empty. */
void tracuu_header_free(tracuu_header_t *h);

#ifdef __cplusplus
}
#endif
#endif
