/* symbol.h: document symbols (số và ký hiệu) in text and in queries, and their citations. */
#ifndef TRACUU_SYMBOL_H
#define TRACUU_SYMBOL_H

#include <stdbool.h>
#include <stddef.h>

#include "citename.h"
#include "date.h"
#include "distinct.h"
#include "doctables.h"
#include "span.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Longest key, display form, issuer part and raw spelling, in bytes. */
#define TRACUU_SYMBOL_KEY_MAX 200
/* Longest issuer phrase kept from a citation ("Bộ Chính trị"), in bytes. */
#define TRACUU_SYMBOL_PHRASE_MAX 160

/* One occurrence of a document symbol.
 *
 * The canonical key is the same string for every spelling of a symbol:
 *   NUMBER ["." SUB] "/" [YEAR "/"] CODE { "-" CODE }
 * where NUMBER has no leading zeros (SUB: 66.2/2025/NQ-CP), YEAR is the four-digit year of a
 * legal-normative symbol, and the CODEs are the type and issuer codes in
 * their written order, uppercased (ASCII letters, đ -> Đ, ư -> Ư), with a
 * lost Đ restored where the tables allow it (QD -> QĐ, ND -> NĐ,
 * HDND -> HĐND) and "TƯ" written TW. The Party and the state writings of
 * one symbol have the same key:
 *   34-CT/TW, 34/CT-TW, 34 CT/TW, "34- \nCT/TW"  ->  34/CT-TW
 *   98/2023/ND-CP                                ->  98/2023/NĐ-CP
 *   0125/KH-UBND                                 ->  125/KH-UBND
 *   21/NQ- -HDND                                 ->  21/NQ-HĐND
 *   131-CTr/TU                                   ->  131/CTR-TU
 *   3543/UBND-NC (công văn, no type code)        ->  3543/UBND-NC
 *   68/2020/QH14 (a law)                         ->  68/2020/QH14
 * Apart from those restorations (doctables.h lists them) and a type glued
 * to its issuer ("NĐCP" -> NĐ-CP), the key is the written codes in their
 * order: which code the tables call the type does not change it, so keys
 * stay stable as the tables grow. At most TRACUU_SYMBOL_KEY_MAX bytes of
 * uppercase UTF-8; it may hold "/", "-", "." and "&". */
typedef struct tracuu_symbol {
    char key[TRACUU_SYMBOL_KEY_MAX + 1];
    /* Official spelling: Party form N-TYPE/ISSUER for Party issuers (and
     * for unknown issuers written that way), state form N/TYPE-ISSUER or
     * N/YYYY/TYPE-ISSUER otherwise; numbers below 10 get their leading 0
     * (NĐ 30/2020), codes as the tables spell them: "34-CT/TW",
     * "19/CT-TTg", "01/KH-UBND-CD", "98/2023/NĐ-CP". */
    char display[TRACUU_SYMBOL_KEY_MAX + 1];
    /* Exactly as written, line breaks included: "05-\nCT/TW". */
    char raw[TRACUU_SYMBOL_KEY_MAX + 1];
    tracuu_span_t span;     /* bytes of raw in the text */
    long number;            /* without leading zeros, > 0 */
    int subnumber;          /* 2 in 66.2/2025/NQ-CP, else 0 */
    int year;               /* of N/YYYY/..., 0 if none */
    char type_code[16];     /* canonical type code ("QĐ", "CTr"), "" when
                               the symbol has none (công văn, laws) */
    char issuer[TRACUU_SYMBOL_KEY_MAX + 1]; /* issuer and units in display
                               spelling, joined by "-": "UBND-CD", "TW" */
    bool party;             /* a Party document (see display) */
    bool own;               /* the document's own number ("Số: ..." in the
                               header); not a citation */

    /* Citation context; empty when the text does not give it (and always
     * for the own number). */
    const tracuu_typeword_t *word; /* type word in front ("Chỉ thị số"),
                               or NULL; borrowed, static */
    tracuu_span_t word_span;
    tracuu_date_t date;     /* the date that follows, role CITED; year 0
                               when none */
    /* Issuer phrase after "của", without "của", normalised text with
     * whitespace collapsed: "Bộ Chính trị", "UBND tỉnh". */
    char issuer_phrase[TRACUU_SYMBOL_PHRASE_MAX + 1];
    tracuu_span_t issuer_phrase_span;
    /* The cited law's or code's name written before it (citename.h): "Luật
     * Thi đua, khen thưởng" of "Luật Thi đua, khen thưởng số
     * 06/2022/QH15", else "". */
    char name[TRACUU_CITENAME_MAX + 1];
    /* Occurrences this item stands for: 1, or in a distinct list every
     * occurrence that gives the same index terms (key, display, number,
     * type code and word, date, issuer phrase, own). */
    unsigned count;
    /* In a distinct list, the relations (relation.h) of the plan to it
     * met at its occurrences, bit 1 << relation each; 0 when none was
     * read (past TRACUU_RELATION_READS_MAX, and in other lists). */
    unsigned rels;
} tracuu_symbol_t;

typedef struct tracuu_symbols {
    tracuu_symbol_t *items; /* in text order (of first occurrence) */
    size_t n;
    size_t cap;
    tracuu_tally_t tally;   /* what a distinct extraction met and kept */
} tracuu_symbols_t;

/* Distinct symbols kept per document (the first ones met). Peak RSS of
 * tracuu-index --jobs 1 (release) on 16 MB files, when every occurrence
 * was kept (1.1 KB each) and now: one citation written 1,290,240 times
 * ("số 34-CT/TW ") 2,364 MB in 20.5 s, now 141 MB in 11-16 s; 938,012
 * distinct ones 1,526 MB in 31 s, now 137 MB in 12-15 s (the first
 * 10,000, and a note saying so). The most in ../shared is 68, in one plan. */
#define TRACUU_SYMBOLS_MAX 10000
/* Citations read for their relation per document (each reads about 2 KB
 * around it): the first ones; the most in ../shared is under 1,000. */
#define TRACUU_RELATION_READS_MAX 20000

/* Find every document symbol in text[0..len), normalised text (see
 * normalize.h). The scan is linear: it stops at digits and looks around.
 * Fills out (new contents; free with tracuu_symbols_free; out is reset
 * first). Returns 0, or -1 when out is NULL or text is NULL with len > 0. */
int tracuu_symbols_extract(const char *text, size_t len,
                           tracuu_symbols_t *out);
/* The same for a document being indexed, in bounded memory: each
 * distinct citation once (the first occurrence, count telling how many
 * give the same terms), the first max distinct ones only (out->tally
 * says how many there were). *spans (new; free with free()) receives
 * *n_spans sorted byte ranges covering every symbol found, neighbours
 * joined when no digit lies between them: what tracuu_dates_extract must
 * skip, with the same result as every span apart. Linear time. */
int tracuu_symbols_extract_distinct(const char *text, size_t len, size_t max,
                                    tracuu_symbols_t *out,
                                    tracuu_span_t **spans, size_t *n_spans);
/* Free the contents of s (not s itself). Accepts NULL. */
void tracuu_symbols_free(tracuu_symbols_t *s);

/* Parse a symbol typed by a user ("34-CT/TW", "34/CT-TW", "34 CT TW",
 * "34-ct/tw", "98/2023/ND-CP", "1022/QD-UBND"): the whole of s[0..len)
 * (surrounding spaces allowed) must be one symbol. Spaces may separate
 * the parts and any letter case is accepted. On success fills out (key,
 * display, number, year, type_code, issuer; raw and span describe s) and
 * returns true with the same key the extractor gives; false otherwise. */
bool tracuu_symbol_parse_query(const char *s, size_t len,
                               tracuu_symbol_t *out);

/* Parse a document type and number without issuer: "chỉ thị 34",
 * "chi thi 34", "Chỉ thị số 34", "CT 34", "công văn 3543". Writes the
 * canonical type code (as in tracuu_doctypes: "CT", "CTr", "CV", pseudo
 * codes "LUAT", "BLUAT") to type_code_out (NUL-terminated, at most cap
 * bytes) and the number without leading zeros to number_out. Returns
 * false when s is not of that form or the code does not fit. */
bool tracuu_symbol_parse_type_number(const char *s, size_t len,
                                     char *type_code_out, size_t cap,
                                     long *number_out);

/* The type code to index a citation under for search by type and number:
 * the symbol's own type code, or when it has none the code of the type
 * word in front ("Công văn số 3543/UBND-NC" -> "CV", "Luật ... số
 * 68/2020/QH14" -> "LUAT"), or "" (static or borrowed from sym). */
const char *tracuu_symbol_search_type(const tracuu_symbol_t *sym);

#ifdef __cplusplus
}
#endif
#endif
