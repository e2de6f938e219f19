/* encoding.h: detect and convert the character encodings of Vietnamese text. */
#ifndef TRACUU_ENCODING_H
#define TRACUU_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The encodings tried. The order is the preference on a tie. */
typedef enum tracuu_enc {
    TRACUU_ENC_UTF8 = 0,
    TRACUU_ENC_UTF16LE,
    TRACUU_ENC_UTF16BE,
    TRACUU_ENC_CP1258,   /* Windows-1258: tone marks as combining characters */
    TRACUU_ENC_TCVN3,    /* TCVN 5712 (ABC, .VnTime fonts); iconv TCVN5712-1 */
    TRACUU_ENC_VNI,      /* VNI-Windows (VNI-Times fonts): letter + mark bytes */
    TRACUU_ENC_VISCII,
    TRACUU_ENC_LAST
} tracuu_enc_t;

/* The encoding's usual name ("UTF-8", "windows-1258", "TCVN3", ...;
 * static). */
const char *tracuu_enc_name(tracuu_enc_t e);

/* Decode s[0..n) from e, appending UTF-8 to out. Bytes that are invalid
 * in e become U+FFFD. Tone marks that follow their letter (CP1258, VNI)
 * are composed where Unicode has the letter, so the result is NFC for
 * Vietnamese. Returns the number of U+FFFD written. */
size_t tracuu_enc_decode(tracuu_enc_t e, const char *s, size_t n,
                         tracuu_buf_t *out);

/* What tracuu_enc_detect found. */
typedef struct tracuu_enc_info {
    tracuu_enc_t enc;       /* the encoding of the bytes */
    bool bom;               /* chosen by a byte order mark */
    double share;           /* of words with non-ASCII letters, the share
                             * that are valid syllables after decoding;
                             * -1 for Unicode input (nothing was chosen) */
    tracuu_enc_t repaired;  /* legacy encoding of text found inside
                             * Unicode (see tracuu_enc_repair), or UTF8 */
    size_t repaired_lines;
} tracuu_enc_info_t;

/* UTF-16 without a byte order mark, told by its zero bytes (every other
 * byte of ASCII-heavy text): TRACUU_ENC_UTF16LE or _UTF16BE, else
 * TRACUU_ENC_UTF8. Looks at the first 4 KiB only. */
tracuu_enc_t tracuu_enc_utf16_unmarked(const unsigned char *s, size_t n);

/* Decode s[0..n) (any of the encodings above) into UTF-8 appended to
 * out. A BOM decides; UTF-16 without BOM is recognised by its zero
 * bytes; valid UTF-8 is UTF-8; otherwise every decoder is tried on the
 * first 256 KiB and the one whose output has the highest share of valid
 * Vietnamese syllables wins. Legacy-font text inside the result is then
 * repaired (tracuu_enc_repair). Fills *info when info is not NULL. */
void tracuu_enc_detect(const char *s, size_t n, tracuu_buf_t *out,
                       tracuu_enc_info_t *info);

/* Text typed in a legacy font (.VnTime, VNI-Times) comes out of Word
 * documents, HTML and converters as Unicode Latin-1 characters:
 * "Uû ban nh©n d©n". For each line of UTF-8 text s[0..n) made only of
 * characters that are bytes in Windows-1252, and whose words are not
 * Vietnamese, decode those bytes with the legacy encoding that makes the
 * most valid syllables over all such lines, when it does better on the
 * line. hint, when not UTF8, is the encoding to use (from a font name).
 * Appends the result to out; returns the encoding applied (UTF8 when no
 * line changed) and the number of lines changed in *lines (may be NULL). */
tracuu_enc_t tracuu_enc_repair(const char *s, size_t n, tracuu_enc_t hint,
                               tracuu_buf_t *out, size_t *lines);

/* The legacy encoding a font name implies: ".VnTime", ".VnArial H" ->
 * TCVN3; "VNI-Times" -> VNI; "VISCII..." -> VISCII; else UTF8. */
tracuu_enc_t tracuu_enc_from_font(const char *font);

#endif
