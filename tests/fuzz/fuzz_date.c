/* fuzz_date.c: libFuzzer harness for the date and period extractor and parsers (lib/date.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fuzz_util.h"
#include "symbol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_date(const tracuu_date_t *d, bool whole_day)
{
    FUZZ_CHECK(d->year >= 1900 && d->year <= 2100);
    FUZZ_CHECK(d->month >= 0 && d->month <= 12);
    FUZZ_CHECK(d->day >= 0 && d->day <= 31);
    FUZZ_CHECK(d->month > 0 || d->day == 0);
    if (d->day)
        FUZZ_CHECK(tracuu_date_valid(d->year, d->month, d->day));
    if (whole_day)
        FUZZ_CHECK(d->day > 0);
    FUZZ_CHECK((int)d->role >= 0 && d->role < TRACUU_DATE_ROLE_LAST);
    char buf[16];
    size_t n = tracuu_date_format(d, buf, sizeof buf);
    FUZZ_CHECK(n == strlen(buf) && n >= 4 && n <= 10);
    FUZZ_CHECK(tracuu_date_first_ymd(d) <= tracuu_date_last_ymd(d));
    /* Its written form is a query that gives the same day, month or year. */
    tracuu_date_t back;
    FUZZ_CHECK(tracuu_date_parse_query(buf, n, &back));
    FUZZ_CHECK(back.year == d->year && back.month == d->month &&
               back.day == d->day);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tracuu_norm_t n;
    if (fuzz_normalize(data, size, &n) != 0) {
        tracuu_norm_free(&n);
        return 0;
    }
    /* Symbols are excluded the way the indexer does it. */
    tracuu_symbols_t ys = {0};
    tracuu_symbols_extract(n.s, n.len, &ys);
    tracuu_span_t *ex = calloc(ys.n + 1, sizeof *ex);
    FUZZ_CHECK(ex != NULL);
    for (size_t i = 0; i < ys.n; i++)
        ex[i] = ys.items[i].span;
    tracuu_dates_t ds;
    tracuu_dates_extract(n.s, n.len, ex, ys.n, &ds);
    size_t issued = 0;
    for (size_t i = 0; i < ds.n_dates; i++) {
        const tracuu_date_t *d = &ds.dates[i];
        check_date(d, false);
        fuzz_check_span(n.s, n.len, d->span);
        FUZZ_CHECK(d->span.start < d->span.end);
        if (d->role == TRACUU_DATE_ISSUED) {
            issued++;
            FUZZ_CHECK(d->day > 0);
        }
        if (d->role == TRACUU_DATE_DEADLINE)
            FUZZ_CHECK(d->month > 0);
        /* No byte of a symbol is part of a date. */
        for (size_t k = 0; k < ys.n; k++)
            FUZZ_CHECK(d->span.end <= ex[k].start || d->span.start >= ex[k].end);
    }
    FUZZ_CHECK(issued <= 1);
    for (size_t i = 0; i < ds.n_periods; i++) {
        const tracuu_period_t *p = &ds.periods[i];
        FUZZ_CHECK(p->to_year >= 1900 && p->to_year <= 2100);
        FUZZ_CHECK(p->from_year == 0 ||
                   (p->from_year >= 1900 && p->from_year <= p->to_year));
        fuzz_check_span(n.s, n.len, p->span);
    }
    tracuu_dates_free(&ds);
    free(ex);
    tracuu_symbols_free(&ys);

    /* A day at the first bytes, as a citation's date is looked for. */
    for (size_t pos = 0; pos < n.len && pos < 4; pos++) {
        tracuu_date_t d;
        if (tracuu_date_parse_at(n.s, n.len, pos, &d)) {
            check_date(&d, true);
            fuzz_check_span(n.s, n.len, d.span);
            FUZZ_CHECK(d.span.start >= pos);
        }
    }
    /* The text typed as a date, and as a range. */
    if (n.len <= 64) {
        tracuu_date_t d, from, to;
        if (tracuu_date_parse_query(n.s, n.len, &d))
            check_date(&d, false);
        if (tracuu_date_parse_range(n.s, n.len, &from, &to)) {
            FUZZ_CHECK(from.year || to.year);
            if (from.year)
                check_date(&from, false);
            if (to.year)
                check_date(&to, false);
            FUZZ_CHECK(tracuu_date_first_ymd(&from) <= tracuu_date_last_ymd(&to));
        }
    }
    tracuu_norm_free(&n);
    return 0;
}
