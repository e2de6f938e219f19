/* wrap.c: lines wrapped at word boundaries with a hanging indent. */
#include "wrap.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int tracuu_wrap_width(int fd)
{
    if (!isatty(fd))
        return 0;
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *c = getenv("COLUMNS");
    long n = c ? strtol(c, NULL, 10) : 0;
    return n > 0 && n < 10000 ? (int)n : 80;
}

/* Columns of s[0..n): characters, colour sequences none. */
static int columns(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\033' && i + 1 < n && s[i + 1] == '[') {
            while (i < n && s[i] != 'm')
                i++;
            continue;
        }
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
    return c;
}

/* One line s[0..n) (no line feed) wrapped to width. */
static void wrap_line(FILE *f, const char *s, size_t n, int width)
{
    size_t lead = strspn(s, " ");
    if (lead > n)
        lead = n;
    int indent = (int)lead + 2, col = (int)lead;
    fwrite(s, 1, lead, f);
    bool first = true;
    for (size_t i = lead; i < n;) {
        size_t w = i;
        while (w < n && s[w] != ' ')
            w++;
        int wc = columns(s + i, w - i);
        if (!first && col + 1 + wc > width) {
            fprintf(f, "\n%*s", indent, "");
            col = indent;
        } else if (!first) {
            fputc(' ', f);
            col++;
        }
        fwrite(s + i, 1, w - i, f);
        col += wc;
        first = false;
        i = w;
        while (i < n && s[i] == ' ')
            i++;
    }
    fputc('\n', f);
}

void tracuu_wrap_write(FILE *f, const char *s, size_t n, int width)
{
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n;
        if (width > 0 && s[i] == ' ' && columns(s + i, e - i) > width) {
            wrap_line(f, s + i, e - i, width);
        } else {
            fwrite(s + i, 1, e - i, f);
            if (nl)
                fputc('\n', f);
        }
        i = nl ? e + 1 : n;
    }
}
