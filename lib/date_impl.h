/* date_impl.h: what the three parts of the date extractor share (date_shape.c, date.c, date_query.c); not a public header. */
#ifndef TRACUU_DATE_IMPL_H
#define TRACUU_DATE_IMPL_H

#include "date.h"

#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doctables.h"
#include "fold.h"
#include "scan.h"

/*
 * How it works. Every date or period contains an ASCII digit, so the scan
 * looks only at the start of each digit run and tries a few fixed shapes
 * around it, reading words backwards and forwards with bounded lookahead.
 * Words are compared folded (lowercase, no diacritics): a word written
 * without any diacritic may be one of the plain or OCR spellings in the
 * keyword table (tracuu_datekws in doctables.c: "nidm" for năm), a word with diacritics must be the
 * exact Vietnamese spelling (so "thắng" is not "tháng" and "nằm" is not
 * "năm"). The full "D tháng M năm Y" shape, whose three numbers already
 * make it unmistakable, accepts any word that looks like tháng or năm, and
 * in the year's place also "ngày" or "tháng" typed by mistake.
 *
 * Each digit run costs a bounded amount of work (every lookahead and
 * lookbehind has a byte or word limit below), so the scan is linear.
 *
 * A shape that is present but names an impossible day (31/02/2024) is
 * consumed without giving anything, so its pieces are not re-read as a
 * month or a year.
 */

#define YEAR_MIN 1900
#define YEAR_MAX 2100
#define WS_MAX 24          /* whitespace allowed between parts of a date */
#define WORD_MAX 16        /* code points of a word kept for comparison */
#define HEADER_WINDOW 8192 /* the issue-date line lies in these first bytes */
#define PLACE_MAX 96       /* bytes of a place name before ", ngày" */
#define TITLE_WORDS 14     /* words between a law's name and its year */
#define SYMBOL_BACK 48     /* bytes of symbol looked at before "ngày" */

typedef enum cls { C_OTHER, C_LETTER, C_MARK, C_DIGIT, C_SPACE } cls_t;

typedef struct word {
    size_t start, end;
    char fold[WORD_MAX + 1];         /* folded letters */
    char lower[WORD_MAX * 4 + 1];    /* lowercase UTF-8 as written */
    size_t nfold, nlower;
    bool ascii;    /* no diacritic anywhere */
    bool capital;  /* first letter uppercase */
    bool longer;   /* more than WORD_MAX letters: matches nothing */
} word_t;

typedef tracuu_dateword_t kw_t;

typedef enum shape { NO = 0, BAD, OK } shape_t;

/* A recognised date: values and the bytes from its first digit to the end
 * of its last number. */
typedef struct hit {
    int y, m, d;
    size_t start, end;
} hit_t;

cls_t tracuu_dt_classify(uint32_t cp);

cls_t tracuu_dt_class_before(const char *t, size_t pos);

cls_t tracuu_dt_class_at(const char *t, size_t len, size_t pos);

/* Digits at t[i]: value (when at most 6 digits) and count. */
size_t tracuu_dt_read_num(const char *t, size_t len, size_t i, long *val,
                          int *nd);

/* The word (letters and combining marks) starting at t[pos]; false when
 * no letter is there. */
bool tracuu_dt_word_at(const char *t, size_t len, size_t pos, word_t *w);

/* The word ending at t[pos) (no space between); false when none. */
bool tracuu_dt_word_before(const char *t, size_t len, size_t pos, word_t *w);

kw_t tracuu_dt_keyword_of(const word_t *w);

bool tracuu_dt_loose_ngay(const word_t *w);

bool tracuu_dt_year_ok(long y);

/* After a complete numeric date: reject what continues as a symbol or a
 * longer number ("1/2/2024/QĐ", "1/2/2024-KH", "1.2.2024.5"). */
bool tracuu_dt_clean_end(const char *t, size_t len, size_t i);

shape_t tracuu_dt_parse_full(const char *t, size_t len, size_t p, bool spaced,
                             hit_t *h);

/* After "ngày": optional spaces then the digits of a full date (the word
 * may be glued: "ngày03"). */
shape_t tracuu_dt_parse_after_ngay(const char *t, size_t len, size_t i,
                                   hit_t *h);

/* "ngày 15/11 đến ngày 20/11/2025", "ngày 17 đến ngày 20 tháng 11 năm
 * 2025", "ngày 17 tháng 10 đến ngày 29 tháng 11 năm 2006", "16-20/11/2025":
 * the first day takes the missing month and year from the second. */
shape_t tracuu_dt_parse_day_range(const char *t, size_t len, size_t p, hit_t *a,
                                  hit_t *b);

/* After "tháng": "3 năm 2024" or "3/2024". */
shape_t tracuu_dt_parse_month(const char *t, size_t len, size_t p, hit_t *h);

/* "11 - 12/2025", "11 đến tháng 12 năm 2025": two months, one year. */
shape_t tracuu_dt_parse_month_range(const char *t, size_t len, size_t p,
                                    hit_t *a, hit_t *b);

/* "Y1 - Y2" (any dash, spaces and line breaks around it), Y1 < Y2. */
bool tracuu_dt_parse_year_pair(const char *t, size_t len, long y1,
                               size_t after_y1, long *y2, size_t *end);

#endif
