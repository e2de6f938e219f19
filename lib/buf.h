/* buf.h: growable byte buffer and UTF-8 helpers shared by every module. */
#ifndef TRACUU_BUF_H
#define TRACUU_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A growable byte buffer, always NUL-terminated after len bytes once
 * anything was appended. Zero-initialise it ({0}) before first use. */
typedef struct tracuu_buf {
    char *s;
    size_t len;
    size_t cap;
} tracuu_buf_t;

/* Make room for extra more bytes. Aborts the process on out-of-memory:
 * every caller would have to, and a partial document is worse. */
void tracuu_buf_reserve(tracuu_buf_t *b, size_t extra);
void tracuu_buf_append(tracuu_buf_t *b, const void *p, size_t n);
void tracuu_buf_puts(tracuu_buf_t *b, const char *s);
void tracuu_buf_putc(tracuu_buf_t *b, char c);
/* Append the UTF-8 encoding of code point cp. */
void tracuu_buf_put_cp(tracuu_buf_t *b, uint32_t cp);
void tracuu_buf_printf(tracuu_buf_t *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append s[0..n) with every run of blanks (space, tab, CR, LF) as one
 * space, none at its start or end, and the ASCII bytes in drop (may be
 * NULL) left out. A space separates it from what b held, if anything. */
void tracuu_buf_put_collapsed(tracuu_buf_t *b, const char *s, size_t n,
                              const char *drop);
void tracuu_buf_clear(tracuu_buf_t *b);
/* Free the bytes; the buffer is empty and reusable afterwards. */
void tracuu_buf_free(tracuu_buf_t *b);
/* Hand the bytes to the caller (new; free with free()); buffer is reset. */
char *tracuu_buf_steal(tracuu_buf_t *b);

/* Allocation that aborts on failure (see tracuu_buf_reserve). */
void *tracuu_xmalloc(size_t n);
void *tracuu_xcalloc(size_t n, size_t size);
void *tracuu_xrealloc(void *p, size_t n);
char *tracuu_xstrdup(const char *s);
char *tracuu_xstrndup(const char *s, size_t n);

/* Decode one UTF-8 code point at s[*i] (i < len), advancing *i.
 * Invalid or truncated sequences yield U+FFFD and advance one byte. */
uint32_t tracuu_utf8_next(const char *s, size_t len, size_t *i);
/* The length of s[0..len) cut to at most max bytes without splitting a
 * UTF-8 character (for quoting text in messages: "%.*s"). */
size_t tracuu_utf8_cut(const char *s, size_t len, size_t max);
/* Length of the longest valid UTF-8 prefix of s; equals len when valid.
 * Overlong forms, surrogates and code points above U+10FFFF are invalid. */
size_t tracuu_utf8_valid_prefix(const char *s, size_t len);

/* FNV-1a over s[0..n), going on from h: TRACUU_FNV32_INIT or
 * TRACUU_FNV64_INIT to start, a previous result to continue (the hash
 * tables of words, the text's digest, a file's hash). Inline: the
 * normaliser and the indexer hash every word. */
#define TRACUU_FNV32_INIT 2166136261u
#define TRACUU_FNV64_INIT 0xcbf29ce484222325ULL
static inline uint32_t tracuu_fnv1a32(const void *s, size_t n, uint32_t h)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}
static inline uint64_t tracuu_fnv1a64(const void *s, size_t n, uint64_t h)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

#ifdef __cplusplus
}
#endif
#endif
