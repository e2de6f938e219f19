/* symbol_impl.h: what the three parts of the symbol extractor share (symbol.c, symbol_context.c, symbol_query.c); not a public header. */
#ifndef TRACUU_SYMBOL_IMPL_H
#define TRACUU_SYMBOL_IMPL_H

#include "symbol.h"

#include <assert.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fold.h"
#include "relation.h"
#include "scan.h"

/* Bounds on every part of a symbol, so that no lookahead runs away. */
#define MAX_DIGITS 6        /* the number: 1 .. 999999 */
#define MAX_CODES 6         /* type, issuer and units */
#define MAX_CODE_BYTES 24   /* one code: UBTVQH15, BNV-CTTN&BĐG's parts */
#define MAX_CODE_DIGITS 3   /* QH14, HĐNN8, QLDN3 */
#define MAX_WS_BYTES 12     /* whitespace around one separator */
#define MAX_WS_NL 2         /* line breaks around one separator */
#define MAX_SPACES_BEFORE 3 /* "221/KH - LĐLĐ", "NĐ -CP" */
#define MIN_YEAR 1945
#define MAX_YEAR 2099

/* The own number sits in the header; citations may repeat "Số:" later. */
#define HEADER_BYTES 3000
/* Context windows, in bytes of text. */
#define BEFORE_WINDOW 160
#define AFTER_WINDOW 480
#define LAW_LOOKBACK 110 /* "Luật Tổ chức chính quyền địa phương số" */
#define DATE_MAX_GAP 16     /* from the symbol's end to its date */
#define PHRASE_MAX_WORDS 12

typedef enum sep_kind {
    SEP_NONE = 0,
    SEP_SLASH,
    SEP_DASH,
    SEP_SPACE,
} sep_kind_t;

/* One code of a symbol: text[start..end) as written, and txt, its
 * letters with Cyrillic look-alikes made Latin ("NĐ-СР") and a spaced
 * legislature number joined ("QH 11"), in the written case. */
typedef struct code {
    size_t start, end;
    char txt[MAX_CODE_BYTES + 8];
    size_t n;
    int upper, lower;      /* letters by case */
    sep_kind_t sep;        /* separator in front of it */
    bool sep_ws;           /* whitespace inside that separator */
} code_t;

typedef struct parsed {
    size_t start, end;
    long number;
    int subnumber;         /* 66.2/2025/NQ-CP */
    bool year_dash;        /* "255/2025-NĐ-CP": a dash after the year */
    int year;
    sep_kind_t sep1;       /* right after the number */
    code_t codes[MAX_CODES];
    int ncodes;
    const tracuu_doctype_t *type; /* codes[0] names the type */
    bool query;
} parsed_t;

/* What precedes a symbol: "[type word] [số] [:]". */
typedef struct before {
    bool so;                 /* a "số" word right before */
    size_t so_start;
    bool colon;
    const tracuu_typeword_t *word;
    tracuu_span_t word_span;
    bool blocked;            /* "mẫu số 01/TNDN", "QCVN 01:2022/BQP" */
} before_t;

/* A folded window of the text with whitespace runs collapsed to one
 * space; src[i] is the text offset of folded byte i (src[n] = end). */
typedef struct fwin {
    char *s;
    size_t *src;
    size_t n;
    size_t from, to;
} fwin_t;

/* Any letter or combining mark of the scripts a Vietnamese text holds;
 * used for word boundaries. */
bool tracuu_sym_is_letter(uint32_t cp);

/* The number and the separators and codes after it, without judging
 * them yet. i is the first digit. */
bool tracuu_sym_scan_parts(const char *t, size_t len, size_t i, bool query,
                           parsed_t *p);

/* Decide whether the parts form a symbol, given what precedes them. */
bool tracuu_sym_judge(parsed_t *p, const before_t *b);

void tracuu_sym_copy_str(char *dst, size_t cap, const char *src, size_t n);

/* Fill key, display, number, year, type_code, issuer, party, raw. */
bool tracuu_sym_fill_symbol(const char *t, const parsed_t *p,
                            tracuu_symbol_t *s);

void tracuu_sym_scan_before(const char *t, size_t len, size_t start,
                            before_t *b);

/* "Luật Tổ chức chính quyền địa phương số 72/2025/QH15", "Báo cáo thẩm
 * tra số 116/BC-BĐT": the nearest capitalised type word earlier in the
 * same clause, which must name the symbol's type when it has one. */
void tracuu_sym_find_named_word(const char *t, size_t len, size_t so_start,
                                tracuu_symbol_t *s);

/* The document's own number: "Số: 01/KH-UBND-CD", "Số" opening its
 * line, or a type word opening its line before "số:", within the
 * header. */
bool tracuu_sym_is_own(const char *t, const parsed_t *p, const before_t *b);

void tracuu_sym_scan_after(const char *t, size_t len, tracuu_symbol_t *s);

#endif
