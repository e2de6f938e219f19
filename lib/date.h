/* date.h: dates and periods in Vietnamese administrative text. */
#ifndef TRACUU_DATE_H
#define TRACUU_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include "span.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tracuu_date_role {
    TRACUU_DATE_MENTIONED = 0, /* any other mention */
    TRACUU_DATE_ISSUED,        /* the document's own issue date (header line) */
    TRACUU_DATE_CITED,         /* the date of a cited document */
    TRACUU_DATE_DEADLINE,      /* đến ngày / trước ngày / kể từ ngày */
    TRACUU_DATE_ROLE_LAST
} tracuu_date_role_t;

/* A calendar date, or a month or year when the finer fields are 0. */
typedef struct tracuu_date {
    int year;   /* 1900..2100 */
    int month;  /* 1..12, or 0 for a year alone */
    int day;    /* 1..31, or 0 */
    tracuu_date_role_t role;
    tracuu_span_t span; /* bytes of the whole expression in the text */
} tracuu_date_t;

/* A period of whole years: "giai đoạn 2021 - 2025", "đến năm 2030". */
typedef struct tracuu_period {
    int from_year; /* 0 when open ("đến năm 2030") */
    int to_year;
    tracuu_span_t span;
} tracuu_period_t;

typedef struct tracuu_dates {
    tracuu_date_t *dates;
    size_t n_dates;
    tracuu_period_t *periods;
    size_t n_periods;
} tracuu_dates_t;

/* Find every date and period in text[0..len) (normalised text, see
 * normalize.h). Bytes inside the exclude spans (sorted, e.g. document
 * symbols such as 98/2023/NĐ-CP) are never part of a date. The result is
 * new; free with tracuu_dates_free(). Returns 0. */
int tracuu_dates_extract(const char *text, size_t len,
                         const tracuu_span_t *exclude, size_t n_exclude,
                         tracuu_dates_t *out);
void tracuu_dates_free(tracuu_dates_t *d);

/* Parse one date expression starting at text[pos] (after optional
 * spaces, "ngày"/"ngay" and a comma): "07/4/2014", "ngày 31 tháng 12 năm
 * 2023", OCR forms. On success fills out (role MENTIONED) and returns true. */
bool tracuu_date_parse_at(const char *text, size_t len, size_t pos,
                          tracuu_date_t *out);

/* Parse a date typed by a user in a query: "2014-04-07", "07/4/2014",
 * "07/04/2014", "2024-02", "02/2024", "2024". Fills out and returns true;
 * false when malformed or impossible (31/02/2024). */
bool tracuu_date_parse_query(const char *s, size_t len, tracuu_date_t *out);

/* True when y-m-d is a real calendar day (leap years included). */
bool tracuu_date_valid(int year, int month, int day);

#ifdef __cplusplus
}
#endif
#endif
