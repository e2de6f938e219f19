/* analysis.h: the one analyser: normalise, break, extract; index and query share it. */
#ifndef TRACUU_ANALYSIS_H
#define TRACUU_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "header.h"
#include "movement.h"
#include "normalize.h"
#include "status.h"
#include "symbol.h"
#include "tokenize.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Holds what is costly to open (ICU's break iterator). One per thread. */
typedef struct tracuu_analyzer tracuu_analyzer_t;

/* New analyser in *out (free with tracuu_analyzer_free); NULL and
 * TRACUU_ERR_ICU when ICU cannot be opened. */
tracuu_status_t tracuu_analyzer_new(tracuu_analyzer_t **out);
void tracuu_analyzer_free(tracuu_analyzer_t *a);

enum tracuu_analyze_flags {
    TRACUU_ANALYZE_TOKENS = 0,      /* normalise and break only (queries) */
    TRACUU_ANALYZE_DOCUMENT = 1,    /* also the extractors (documents) */
};

/* What the analyser found in one text. Offsets are into norm.s. */
typedef struct tracuu_analysis {
    tracuu_norm_t norm;
    tracuu_tokens_t tokens;
    /* The extractors' findings; empty unless DOCUMENT. */
    tracuu_header_t header;
    tracuu_symbols_t symbols;     /* cited documents and the own number */
    tracuu_dates_t dates;         /* dates (with roles) and periods */
    tracuu_movements_t movements;
    tracuu_citenames_t citenames; /* laws and codes cited by name */
    tracuu_tally_t words;         /* distinct spellings of words (DOCUMENT) */
    bool tokens_cut;              /* more than TRACUU_TOKENS_MAX (DOCUMENT) */
    /* DOCUMENT: the checkpoints in the original bytes (see
     * tracuu_analysis_checkpoints), taken before norm's map back to them
     * is dropped: a 16 MB text with a no-break space every 3 bytes has a
     * map of 45 MB, which then no longer adds to the tokens and the
     * Xapian document (198-206 -> 166 MB of peak RSS). */
    char *checkpoints_orig;
} tracuu_analysis_t;

/* Words (tokens) indexed per document, the first ones: 16 MB of one-letter
 * words ("a b c ") are 8.4 million, 291 MB of peak RSS with every one
 * indexed in 24-byte tokens, 226 MB in 16-byte ones, now 153 MB (and 16
 * MB of "1 2 3 " 272 -> 141 MB). Real text has fewer: 16 MB of the
 * example plans are 2.8 million. */
#define TRACUU_TOKENS_MAX 6000000

/* Distinct spellings of words indexed per document (the first ones met;
 * later tokens of other spellings are left out, positions unchanged):
 * Xapian holds some 400 bytes per distinct term of a document being
 * added, so the 938,012 distinct numbers of a 16 MB file of citations
 * took 464 MB of peak RSS (with the citations capped), now 137 MB. The
 * most in ../shared is 2,589, in a law. */
#define TRACUU_WORDS_MAX 100000

/* Analyse UTF-8 text[0..len) into out (new contents; free with
 * tracuu_analysis_free, also after a failure). */
tracuu_status_t tracuu_analyze(tracuu_analyzer_t *a, const char *text,
                               size_t len, int flags, tracuu_analysis_t *out);
void tracuu_analysis_free(tracuu_analysis_t *an);

/* Where body positions 0, C, 2C, ... (C = TRACUU_CHECKPOINT) begin: byte
 * offsets in norm.s, or with orig in the text given to the analyser
 * (through norm's map), as decimal deltas apart by spaces (schema.h,
 * slot 4). New; free with free(). */
char *tracuu_analysis_checkpoints(const tracuu_analysis_t *an, bool orig);

/* When a document held more distinct symbols, dates, periods or movement
 * names than are kept (TRACUU_SYMBOLS_MAX, ...), what was left out:
 * "1,290,000 symbols, 731,000 distinct: kept the first 10,000" (parts
 * joined by "; "); new, free with free(). NULL when nothing was. */
char *tracuu_analysis_truncated(const tracuu_analysis_t *an);

/* Break already normalised text (e.g. stored document text) into tokens
 * appended to out. */
tracuu_status_t tracuu_analyzer_tokenize(tracuu_analyzer_t *a, const char *s,
                                         size_t len, tracuu_tokens_t *out);
/* The same with positions starting at first_pos. */
tracuu_status_t tracuu_analyzer_tokenize_at(tracuu_analyzer_t *a,
                                            const char *s, size_t len,
                                            uint32_t first_pos,
                                            tracuu_tokens_t *out);

/* Run the symbol and date extractors on normalised text, dates never
 * inside a symbol (as tracuu_analyze does). Contents new; free with
 * tracuu_symbols_free and tracuu_dates_free. */
void tracuu_extract_symbols_dates(const char *s, size_t len,
                                  tracuu_symbols_t *symbols,
                                  tracuu_dates_t *dates);

#ifdef __cplusplus
}
#endif
#endif
