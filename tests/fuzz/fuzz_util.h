/* fuzz_util.h: checks shared by the libFuzzer harnesses; a broken promise aborts. */
#ifndef TRACUU_FUZZ_UTIL_H
#define TRACUU_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "normalize.h"
#include "span.h"

/* Report what broke and abort, so that libFuzzer (or the regression
 * driver) keeps the input. */
#define FUZZ_CHECK(cond)                                                     \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
            abort();                                                         \
        }                                                                    \
    } while (0)

/* s[0..n) is valid UTF-8 without NUL bytes. */
static inline void fuzz_check_utf8(const char *s, size_t n)
{
    FUZZ_CHECK(s != NULL || n == 0);
    if (!s)
        return;
    FUZZ_CHECK(tracuu_utf8_valid_prefix(s, n) == n);
    FUZZ_CHECK(memchr(s, '\0', n) == NULL);
}

/* A NUL-terminated string (NULL allowed) that is valid UTF-8. */
static inline void fuzz_check_str(const char *s)
{
    if (s)
        fuzz_check_utf8(s, strlen(s));
}

/* sp lies within a text of len bytes, in order, and its ends fall on
 * character boundaries of text. */
static inline void fuzz_check_span(const char *text, size_t len,
                                   tracuu_span_t sp)
{
    FUZZ_CHECK(sp.start <= sp.end);
    FUZZ_CHECK(sp.end <= len);
    if (sp.start < len)
        FUZZ_CHECK(((unsigned char)text[sp.start] & 0xC0) != 0x80);
    if (sp.end < len)
        FUZZ_CHECK(((unsigned char)text[sp.end] & 0xC0) != 0x80);
}

/* The input normalised as the indexer does before any extractor runs.
 * Returns -1 when ICU failed (nothing to check then). */
static inline int fuzz_normalize(const uint8_t *data, size_t size,
                                 tracuu_norm_t *norm)
{
    if (tracuu_normalize((const char *)data, size, norm) != 0)
        return -1;
    FUZZ_CHECK(norm->s != NULL);
    FUZZ_CHECK(norm->s[norm->len] == '\0');
    fuzz_check_utf8(norm->s, norm->len);
    return 0;
}

#endif
