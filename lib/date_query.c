/* date_query.c: dates and ranges typed in a query, and the values of a date (first and last day, text form, role names). */
#include "date_impl.h"

bool tracuu_date_parse_at(const char *text, size_t len, size_t pos,
                          tracuu_date_t *out)
{
    if (!text || pos >= len)
        return false;
    size_t i = tracuu_scan_skip_space(text, len, pos, WS_MAX);
    if (i < len && text[i] == ',')
        i = tracuu_scan_skip_space(text, len, i + 1, WS_MAX);
    size_t start = i;
    word_t w;
    if (tracuu_dt_word_at(text, len, i, &w) && tracuu_dt_loose_ngay(&w))
        i = w.end;
    hit_t h;
    if (tracuu_dt_parse_after_ngay(text, len, i, &h) != OK)
        return false;
    if (start == i) /* no "ngày": the span starts at the digits */
        start = h.start;
    memset(out, 0, sizeof *out);
    out->year = h.y;
    out->month = h.m;
    out->day = h.d;
    out->role = TRACUU_DATE_MENTIONED;
    out->span.start = start;
    out->span.end = h.end;
    return true;
}

/* ---- queries ------------------------------------------------------- */

bool tracuu_date_parse_query(const char *s, size_t len, tracuu_date_t *out)
{
    if (!s)
        return false;
    size_t a = 0, b = len;
    while (a < b && tracuu_scan_is_space((unsigned char)s[a]))
        a++;
    while (b > a && tracuu_scan_is_space((unsigned char)s[b - 1]))
        b--;
    long v[3];
    int nd[3];
    int n = 0;
    char sep = 0;
    size_t i = a;
    while (i < b) {
        if (n == 3 || !tracuu_scan_is_digit((unsigned char)s[i]))
            return false;
        i = tracuu_dt_read_num(s, b, i, &v[n], &nd[n]);
        n++;
        if (i == b)
            break;
        char c = s[i];
        if (c != '/' && c != '-' && c != '.')
            return false;
        if (sep && c != sep)
            return false;
        sep = c;
        i++;
        if (i == b)
            return false; /* "2024-" */
    }
    int y = 0, m = 0, d = 0;
    if (n == 1 && nd[0] == 4) {
        y = (int)v[0];
    } else if (n == 2 && nd[0] == 4 && nd[1] <= 2) { /* 2024-02 */
        y = (int)v[0];
        m = (int)v[1];
    } else if (n == 2 && nd[0] <= 2 && nd[1] == 4) { /* 02/2024 */
        m = (int)v[0];
        y = (int)v[1];
    } else if (n == 3 && nd[0] == 4 && nd[1] <= 2 && nd[2] <= 2) {
        y = (int)v[0];
        m = (int)v[1];
        d = (int)v[2];
    } else if (n == 3 && nd[0] <= 2 && nd[1] <= 2 && nd[2] == 4) {
        d = (int)v[0];
        m = (int)v[1];
        y = (int)v[2];
    } else {
        return false;
    }
    if (!tracuu_dt_year_ok(y))
        return false;
    if (n >= 2 && (m < 1 || m > 12))
        return false;
    if (n == 3 && !tracuu_date_valid(y, m, d))
        return false;
    memset(out, 0, sizeof *out);
    out->year = y;
    out->month = m;
    out->day = d;
    out->role = TRACUU_DATE_MENTIONED;
    out->span.start = a;
    out->span.end = b;
    return true;
}

bool tracuu_date_parse_range(const char *s, size_t len, tracuu_date_t *from,
                             tracuu_date_t *to)
{
    if (!s)
        return false;
    size_t k = 0;
    while (k + 1 < len && !(s[k] == '.' && s[k + 1] == '.'))
        k++;
    if (k + 1 >= len)
        return false;
    size_t r = k + 2;
    if (r < len && s[r] == '.')
        return false; /* "..." */
    for (size_t i = r; i + 1 < len; i++)
        if (s[i] == '.' && s[i + 1] == '.')
            return false;
    tracuu_date_t f, t;
    memset(&f, 0, sizeof f);
    memset(&t, 0, sizeof t);
    bool lempty = true, rempty = true;
    for (size_t i = 0; i < k; i++)
        lempty &= tracuu_scan_is_space((unsigned char)s[i]);
    for (size_t i = r; i < len; i++)
        rempty &= tracuu_scan_is_space((unsigned char)s[i]);
    if (lempty && rempty)
        return false;
    if (!lempty && !tracuu_date_parse_query(s, k, &f))
        return false;
    if (!rempty) {
        if (!tracuu_date_parse_query(s + r, len - r, &t))
            return false;
        t.span.start += r;
        t.span.end += r;
    }
    if (!lempty && !rempty &&
        tracuu_date_first_ymd(&f) > tracuu_date_last_ymd(&t))
        return false;
    *from = f;
    *to = t;
    return true;
}

long tracuu_date_first_ymd(const tracuu_date_t *d)
{
    if (!d || d->year == 0)
        return 0;
    return d->year * 10000L + (d->month ? d->month : 1) * 100L +
           (d->day ? d->day : 1);
}

long tracuu_date_last_ymd(const tracuu_date_t *d)
{
    if (!d || d->year == 0)
        return 99991231L;
    int m = d->month ? d->month : 12;
    int day = d->day ? d->day : tracuu_date_days_in_month(d->year, m);
    return d->year * 10000L + m * 100L + day;
}

size_t tracuu_date_format(const tracuu_date_t *d, char *buf, size_t cap)
{
    if (!buf || cap == 0)
        return 0;
    buf[0] = '\0';
    if (!d || d->year <= 0 || d->year > 9999)
        return 0;
    int n;
    if (d->month && d->day)
        n = snprintf(buf, cap, "%04d-%02d-%02d", d->year, d->month, d->day);
    else if (d->month)
        n = snprintf(buf, cap, "%04d-%02d", d->year, d->month);
    else
        n = snprintf(buf, cap, "%04d", d->year);
    if (n < 0)
        return 0;
    return (size_t)n < cap ? (size_t)n : cap - 1;
}

const char *tracuu_date_role_name(tracuu_date_role_t role)
{
    static const char *const names[] = {"mentioned", "issued", "cited",
                                        "deadline"};
    if ((int)role < 0 || role >= TRACUU_DATE_ROLE_LAST)
        return "?";
    return names[role];
}
