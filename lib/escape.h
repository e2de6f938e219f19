/* escape.h: making untrusted strings safe to print on a terminal. */
#ifndef TRACUU_ESCAPE_H
#define TRACUU_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How a name is escaped (`ls -b` style, every escape printable ASCII):
 *   \n \t \r \a \b \f \v   those C0 controls
 *   \e                     ESC (0x1B), the start of every terminal sequence
 *   \\                     a backslash (so an escaped name reads back
 *                          unambiguously)
 *   \xHH                   any other C0 control, DEL (0x7F), each byte of
 *                          a C1 control (U+0080-U+009F, 0xC2 0x80-0x9F),
 *                          and each byte that is not part of valid UTF-8
 *                          (overlong forms, surrogates, stray continuation
 *                          bytes, truncated sequences), two lowercase hex
 *                          digits
 * Valid UTF-8 outside those (Vietnamese, every printable character)
 * passes unchanged. */

/* Append the n bytes at s to b escaped as above, for a file name. */
void tracuu_escape_name(tracuu_buf_t *b, const char *s, size_t n);

/* Append the n bytes at s to b for display as running text (a title, a
 * snippet): a line feed, carriage return or tab becomes one space; a
 * backslash is kept as it is; everything else is escaped as
 * tracuu_escape_name does. */
void tracuu_escape_text(tracuu_buf_t *b, const char *s, size_t n);

/* True when tracuu_escape_name would change the n bytes at s. */
bool tracuu_escape_needed(const char *s, size_t n);

#ifdef __cplusplus
}
#endif
#endif
