/* scan.c: the text-scanning helpers the extractors share (see scan.h for the choices made). */
#include "scan.h"

#include <assert.h>
#include <string.h>

#include "fold.h"

size_t tracuu_scan_skip_space(const char *t, size_t len, size_t i, size_t max)
{
    size_t lim = max < SIZE_MAX - i ? i + max : SIZE_MAX;
    while (i < len && i < lim && tracuu_scan_is_space((unsigned char)t[i]))
        i++;
    return i;
}

size_t tracuu_scan_skip_space_back(const char *t, size_t i, size_t max)
{
    size_t lim = i > max ? i - max : 0;
    while (i > lim && tracuu_scan_is_space((unsigned char)t[i - 1]))
        i--;
    return i;
}

size_t tracuu_scan_skip_gap(const char *t, size_t n, size_t i,
                            size_t *newlines)
{
    while (i < n && tracuu_scan_is_gap((unsigned char)t[i])) {
        if (t[i] == '\n' && newlines)
            (*newlines)++;
        i++;
    }
    return i;
}

bool tracuu_scan_is_dash_cp(uint32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

size_t tracuu_scan_dash_len(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return 0;
    if (t[i] == '-')
        return 1;
    if (i + 2 < len && (unsigned char)t[i] == 0xE2) {
        unsigned char b1 = (unsigned char)t[i + 1];
        unsigned char b2 = (unsigned char)t[i + 2];
        if (b1 == 0x80 && b2 >= 0x90 && b2 <= 0x95) /* U+2010..2015 */
            return 3;
        if (b1 == 0x88 && b2 == 0x92) /* U+2212 minus */
            return 3;
    }
    return 0;
}

bool tracuu_scan_is_quote_cp(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D ||
           cp == 0x2018 || cp == 0x2019 || cp == 0xAB || cp == 0xBB ||
           cp == 0x201E;
}

uint32_t tracuu_scan_cp_at(const char *t, size_t len, size_t i, size_t *next)
{
    size_t j = i;
    uint32_t cp = 0;
    if (i < len) {
        unsigned char c = (unsigned char)t[i];
        if (c < 0x80) {
            j = i + 1;
            cp = c;
        } else {
            cp = tracuu_utf8_next(t, len, &j);
        }
    }
    if (next)
        *next = j;
    return cp;
}

uint32_t tracuu_scan_cp_before(const char *t, size_t pos, size_t *start)
{
    if (pos == 0) {
        if (start)
            *start = 0;
        return 0;
    }
    size_t i = pos - 1;
    for (int k = 0; k < 3 && i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80;
         k++)
        i--;
    size_t j;
    uint32_t cp = tracuu_scan_cp_at(t, pos, i, &j);
    if (j != pos) { /* not one well-formed character: the byte alone */
        i = pos - 1;
        cp = 0xFFFD;
    }
    if (start)
        *start = i;
    return cp;
}

bool tracuu_scan_upper_at(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return false;
    uint32_t cp = tracuu_scan_cp_at(t, len, i, NULL);
    return tracuu_cp_lower(cp) != cp;
}

bool tracuu_scan_lower_at(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return false;
    uint32_t cp = tracuu_scan_cp_at(t, len, i, NULL);
    return tracuu_cp_upper(cp) != cp;
}

bool tracuu_scan_in_list(const char *const *list, const char *s, size_t n)
{
    assert(list != NULL);
    for (const char *const *w = list; *w; w++)
        if (strlen(*w) == n && memcmp(*w, s, n) == 0)
            return true;
    return false;
}

bool tracuu_scan_in_alts(const char *alts, const char *s, size_t n)
{
    const char *p = alts;
    while (*p) {
        const char *e = strchr(p, '|');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k == n && memcmp(p, s, n) == 0)
            return true;
        if (!e)
            break;
        p = e + 1;
    }
    return false;
}

bool tracuu_scan_starts_word(const char *s, const char *p)
{
    size_t n = strlen(p);
    return strncmp(s, p, n) == 0 && !tracuu_scan_is_alnum((unsigned char)s[n]);
}

size_t tracuu_scan_word_end(const char *f, size_t n, size_t i)
{
    while (i < n && f[i] >= 'a' && f[i] <= 'z')
        i++;
    return i;
}
