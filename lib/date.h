/* date.h: dates and periods in Vietnamese administrative text. */
#ifndef TRACUU_DATE_H
#define TRACUU_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include "distinct.h"
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
    unsigned count;     /* occurrences it stands for: 1, or in a distinct
                           list (tracuu_dates_extract_distinct) every one
                           of the same day, month or year and role */
} tracuu_date_t;

/* A period of whole years: "giai đoạn 2021 - 2025", "đến năm 2030". */
typedef struct tracuu_period {
    int from_year; /* 0 when open ("đến năm 2030") */
    int to_year;
    tracuu_span_t span;
    unsigned count;    /* as in tracuu_date_t: of the same years */
} tracuu_period_t;

typedef struct tracuu_dates {
    tracuu_date_t *dates;
    size_t n_dates;
    tracuu_period_t *periods;
    size_t n_periods;
    /* What a distinct extraction met and kept. */
    tracuu_tally_t tally_dates, tally_periods;
} tracuu_dates_t;

/* Distinct dates (a day, month or year with its role) and periods kept
 * per document, the first ones met (there are 73,400 days in the years
 * recognised, times four roles). Peak RSS of tracuu-index --jobs 1
 * (release) on 16 MB files, when every occurrence was kept and now:
 * "ngày 5/6/2024 " repeated 245 -> 137 MB, every day of 1900-2100 in
 * turn 279 -> 123 MB; "ngày 5 tháng 6 năm 2024 " 184 -> 123 MB (32 s ->
 * 5 s), distinct 187 -> 118 MB; "giai đoạn 2021 - 2025, " 240 -> 106 MB,
 * 1,900 distinct periods 239 -> 105 MB. The most in ../shared is 52
 * dates and 10 periods. */
#define TRACUU_DATES_MAX 10000
#define TRACUU_PERIODS_MAX 1000

/* Find every date and period in text[0..len) (normalised text, see
 * normalize.h). Bytes inside the exclude spans (sorted, e.g. document
 * symbols such as 98/2023/NĐ-CP) are never part of a date. The result is
 * new; free with tracuu_dates_free(). Returns 0.
 *
 * What is recognised (date.c has the grammar and the reasons):
 * - days: d/m/yyyy, d-m-yyyy, d.m.yyyy (zero padding optional), "ngày 07
 *   tháng 01 năm 2025" in any case, without diacritics and in the OCR
 *   spellings of seed 002 ("ngay 14 thang 3 nidm 2024"), with line breaks
 *   between the parts; "ngày 15/11 đến ngày 20/11/2025" and "ngày 17 đến
 *   ngày 20 tháng 11 năm 2025" give two days (the first takes the year of
 *   the second);
 * - months: "tháng 3 năm 2024", "tháng 3/2024", "tháng 11 - 12/2025"
 *   (two months), "ngày /11/2025" (a day left blank);
 * - years: "năm 2024", "Quý IV/2025"; but not "Luật Thi đua, khen thưởng
 *   năm 2022" (a year right after a law's title is part of its name);
 * - periods: "2021 - 2025" with any dash and line breaks (so "giai đoạn",
 *   "nhiệm kỳ", "(2021-2025)", "năm học 2024-2025"), "từ năm 2025 đến năm
 *   2030", and "đến năm 2030" (from_year 0). The years of a period are not
 *   repeated as dates.
 * Every date is validated (leap years; years 1900..2100). Nothing is taken
 * from symbols (98/2023/NĐ-CP), bare d/m (17/17, 24/7), counts ("70 năm
 * Ngày ..."), decimals (93,5%) or numbers glued to letters (OCR "s6").
 *
 * Roles, first match wins:
 * - ISSUED: the first full date written as "<Place>, ngày ..." where the
 *   place (1-7 words, the first capitalised, at most 2 lowercase) starts a
 *   line (or follows a '|' or a column gap), the date ends its line, and
 *   the line lies in the first 8 KiB. At most one per text; none when there
 *   is no such line.
 * - CITED: the date follows (across spaces and one comma) a document
 *   symbol (an exclude span, or a token with '/' and a digit or capital),
 *   "số N", or a law's title ("Luật Quy hoạch ngày 24 tháng 11 năm 2017").
 * - DEADLINE (days and months only): after "đến", "tới", "trước", "(kể)
 *   từ", "đến hết", "hạn chót", "chậm nhất".
 * - MENTIONED otherwise. */
void tracuu_dates_extract(const char *text, size_t len,
                         const tracuu_span_t *exclude, size_t n_exclude,
                         tracuu_dates_t *out);
/* The same for a document being indexed, in bounded memory: each
 * distinct date (year, month, day and role) and period (years) once, in
 * the order first met, with its count, the first max_dates and
 * max_periods only (out's tallies say how many there were). */
void tracuu_dates_extract_distinct(const char *text, size_t len,
                                  const tracuu_span_t *exclude,
                                  size_t n_exclude, size_t max_dates,
                                  size_t max_periods, tracuu_dates_t *out);
void tracuu_dates_free(tracuu_dates_t *d);

/* Parse one date expression starting at text[pos] (after optional
 * spaces, "ngày"/"ngay" and a comma): "07/4/2014", "ngày 31 tháng 12 năm
 * 2023", OCR forms. On success fills out (role MENTIONED) and returns true.
 * Only whole days count; the span runs from "ngày" (or the first digit)
 * to the end of the year. False when no valid day starts there (31/02/2024
 * included); reads at most about 100 bytes past pos. */
bool tracuu_date_parse_at(const char *text, size_t len, size_t pos,
                          tracuu_date_t *out);

/* Parse a date typed by a user in a query: "2014-04-07", "07/4/2014",
 * "07/04/2014", "2024-02", "02/2024", "2024". Fills out and returns true;
 * false when malformed or impossible (31/02/2024). */
bool tracuu_date_parse_query(const char *s, size_t len, tracuu_date_t *out);

/* True when y-m-d is a real calendar day (leap years included). Years
 * outside 1900..2100 (the range dates are recognised in) give false. */
bool tracuu_date_valid(int year, int month, int day);

/* Parse a range typed by a user: "A..B", "A.." or "..B", each side in a
 * form tracuu_date_parse_query() accepts. An open side is returned with
 * year 0 (and every other field 0). False when malformed: no "..", both
 * sides empty, a side that does not parse, or A beginning after B ends
 * ("2024-07..2024-06"). Roles are MENTIONED, spans index into s. */
bool tracuu_date_parse_range(const char *s, size_t len, tracuu_date_t *from,
                             tracuu_date_t *to);

/* Days in a month (28..31), 0 when month is not 1..12. */
int tracuu_date_days_in_month(int year, int month);

/* The first and last day a date covers, as yyyymmdd numbers: 2024-02 ->
 * 20240201 and 20240229; 2024 -> 20240101 and 20241231. For sorting and
 * range tests. A date with year 0 (an open range end) gives 0 and
 * 99991231. */
long tracuu_date_first_ymd(const tracuu_date_t *d);
long tracuu_date_last_ymd(const tracuu_date_t *d);

/* Write "2014-04-07", "2024-02" or "2024" into buf (cap bytes, at least
 * 11 is always enough) and return its length; "" and 0 for year 0. */
size_t tracuu_date_format(const tracuu_date_t *d, char *buf, size_t cap);

/* "mentioned", "issued", "cited", "deadline" (static strings); "?" for
 * anything else. */
const char *tracuu_date_role_name(tracuu_date_role_t role);

#ifdef __cplusplus
}
#endif
#endif
