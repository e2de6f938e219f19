/* normalize.h: NFC, control and zero-width removal, Vietnamese tone placement. */
#ifndef TRACUU_NORMALIZE_H
#define TRACUU_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A point where the offset between normalised and original text changes.
 * 8 bytes (was 16): a 16 MB text with a CR LF or a no-break space every
 * 3 bytes has 5.6 million of them; with 32-bit offsets, grown by half
 * instead of doubled (and dropped by a document's analysis once its
 * checkpoints are taken), such a text indexes in 166 MB of peak RSS
 * instead of 329-335 MB (220-241 MB with the other bounds alone). */
typedef struct tracuu_anchor {
    uint32_t norm;
    uint32_t orig;
} tracuu_anchor_t;

/* Normalised text and the map back to the original bytes. */
typedef struct tracuu_norm {
    char *s;                   /* UTF-8, NFC, NUL-terminated */
    size_t len;
    tracuu_anchor_t *anchors;  /* sorted by norm */
    size_t n_anchors;
    size_t orig_len;
} tracuu_norm_t;

/* Normalise text[0..len) into out (new; free with tracuu_norm_free):
 * - invalid UTF-8 bytes become U+FFFD;
 * - CR LF, lone CR, form feed, U+2028/2029 become LF; other C0/C1
 *   controls, DEL, zero-width characters, soft hyphens and BOMs go;
 *   no-break and other Unicode spaces become ASCII space;
 * - the text is put in NFC (ICU);
 * - tone marks of the vowel pairs oa, oe, uy sit where the older, most
 *   common style puts them (hoà -> hòa, thuỷ -> thủy, khoẻ -> khỏe; with a
 *   final consonant on the second vowel: hòan -> hoàn); after qu nothing
 *   moves (quý); the typo ư+o / u+ơ before a final consonant becomes ươ
 *   (lưọng -> lượng, thuởng -> thưởng). Case is kept.
 * Returns TRACUU_OK (0); TRACUU_ERR_ARG when len is 2 GB or more (the
 * anchors are 32-bit and NFC may grow the text), TRACUU_ERR_ICU when ICU
 * failed; out is then empty. */
tracuu_status_t tracuu_normalize(const char *text, size_t len, tracuu_norm_t *out);

/* Byte offset in the original text of normalised offset pos. */
size_t tracuu_norm_orig_offset(const tracuu_norm_t *n, size_t pos);

/* Free the contents of n (not n itself). Accepts an empty struct. */
void tracuu_norm_free(tracuu_norm_t *n);

/* Rewrite one word (letters only, any case, NFC) with the tone placement
 * and ươ rules above: when it changes, append the new spelling to out and
 * return true; otherwise return false and leave out alone. */
struct tracuu_buf;
bool tracuu_normalize_word(const char *w, size_t len, struct tracuu_buf *out);

#ifdef __cplusplus
}
#endif
#endif
