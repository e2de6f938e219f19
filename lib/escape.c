/* escape.c: making untrusted strings safe to print on a terminal. */
#include "escape.h"

#include <stdint.h>

/* Length of the valid UTF-8 character at s[0..n), or 0 when the bytes
 * there are not one (overlong, surrogate, above U+10FFFF, truncated). */
static size_t char_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t cp, min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, cp = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, cp = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, cp = c & 0x07, min = 0x10000;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static void put_hex(tracuu_buf_t *b, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
    tracuu_buf_append(b, e, 4);
}

/* The letter of a C0 control's short escape, or 0. */
static char short_escape(unsigned char c)
{
    switch (c) {
    case '\n': return 'n';
    case '\t': return 't';
    case '\r': return 'r';
    case '\a': return 'a';
    case '\b': return 'b';
    case '\f': return 'f';
    case '\v': return 'v';
    case 0x1B: return 'e';
    case '\\': return '\\';
    default: return 0;
    }
}

static void escape(tracuu_buf_t *b, const char *s, size_t n, bool text)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, plain = 0;
    while (i < n) {
        unsigned char c = u[i];
        size_t len = char_len(u + i, n - i);
        bool c1 = len == 2 && c == 0xC2 && u[i + 1] < 0xA0;
        bool ok = len > 1 ? !c1
                          : len == 1 && c >= 0x20 && c != 0x7F &&
                                (c != '\\' || text);
        if (ok) {
            i += len;
            continue;
        }
        tracuu_buf_append(b, s + plain, i - plain);
        if (text && (c == '\n' || c == '\r' || c == '\t')) {
            tracuu_buf_putc(b, ' ');
            i++;
        } else if (len == 1 && short_escape(c)) {
            char e[2] = {'\\', short_escape(c)};
            tracuu_buf_append(b, e, 2);
            i++;
        } else if (c1) {
            put_hex(b, u[i]);
            put_hex(b, u[i + 1]);
            i += 2;
        } else {
            put_hex(b, c); /* a control, DEL, or one invalid byte */
            i++;
        }
        plain = i;
    }
    tracuu_buf_append(b, s + plain, n - plain);
    if (!b->s)
        tracuu_buf_puts(b, "");
}

void tracuu_escape_name(tracuu_buf_t *b, const char *s, size_t n)
{
    escape(b, s, n, false);
}

void tracuu_escape_text(tracuu_buf_t *b, const char *s, size_t n)
{
    escape(b, s, n, true);
}

bool tracuu_escape_needed(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t len = char_len(u + i, n - i);
        if (len == 0 || (len == 1 && (u[i] < 0x20 || u[i] == 0x7F ||
                                      u[i] == '\\')) ||
            (len == 2 && u[i] == 0xC2 && u[i + 1] < 0xA0))
            return true;
        i += len;
    }
    return false;
}
