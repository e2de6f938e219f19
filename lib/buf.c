/* buf.c: growable byte buffer, checked allocation and UTF-8 decoding. */
#include "buf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
    fprintf(stderr, "tracuu: out of memory (asked for %zu bytes)\n", n);
    abort();
}

void *tracuu_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *tracuu_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size);
    return p;
}

void *tracuu_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *tracuu_xstrndup(const char *s, size_t n)
{
    char *p = tracuu_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *tracuu_xstrdup(const char *s)
{
    return tracuu_xstrndup(s, strlen(s));
}

void tracuu_buf_reserve(tracuu_buf_t *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    b->s = tracuu_xrealloc(b->s, cap);
    b->cap = cap;
    b->s[b->len] = '\0';
}

void tracuu_buf_append(tracuu_buf_t *b, const void *p, size_t n)
{
    tracuu_buf_reserve(b, n);
    if (n)
        memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void tracuu_buf_puts(tracuu_buf_t *b, const char *s)
{
    tracuu_buf_append(b, s, strlen(s));
}

void tracuu_buf_putc(tracuu_buf_t *b, char c)
{
    tracuu_buf_reserve(b, 1);
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}

void tracuu_buf_put_cp(tracuu_buf_t *b, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    tracuu_buf_append(b, u, n);
}

void tracuu_buf_printf(tracuu_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    tracuu_buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void tracuu_buf_put_collapsed(tracuu_buf_t *b, const char *s, size_t n,
                              const char *drop)
{
    bool space = b->len > 0 && b->s[b->len - 1] != ' ';
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = b->len > 0 && b->s[b->len - 1] != ' ';
            continue;
        }
        if (drop && c && (unsigned char)c < 0x80 && strchr(drop, c))
            continue;
        if (space && (any || b->len > 0))
            tracuu_buf_putc(b, ' ');
        space = false;
        any = true;
        tracuu_buf_putc(b, c);
    }
}

void tracuu_buf_clear(tracuu_buf_t *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

void tracuu_buf_free(tracuu_buf_t *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

char *tracuu_buf_steal(tracuu_buf_t *b)
{
    char *s = b->s ? b->s : tracuu_xstrdup("");
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

/* Length of the sequence starting at s[i] if it is valid UTF-8, else 0. */
static size_t utf8_seq(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i];
    if (c < 0x80)
        return 1;
    size_t n;
    uint32_t min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (len - i < n)
        return 0;
    uint32_t cp = c & (0x7F >> n);
    for (size_t k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

uint32_t tracuu_utf8_next(const char *str, size_t len, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = utf8_seq(s, len, *i);
    if (n == 0) {
        (*i)++;
        return 0xFFFD;
    }
    uint32_t cp = n == 1 ? s[*i] : (uint32_t)(s[*i] & (0x7F >> n));
    for (size_t k = 1; k < n; k++)
        cp = (cp << 6) | (s[*i + k] & 0x3F);
    *i += n;
    return cp;
}

size_t tracuu_utf8_valid_prefix(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        /* ASCII fast path, eight bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        /* Then byte by byte to the next sequence (a word's letters). */
        while (i < len && s[i] < 0x80)
            i++;
        if (i >= len)
            break;
        size_t n = utf8_seq(s, len, i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

size_t tracuu_utf8_cut(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}
