/* suggest.h: "did you mean": corrections of a query's misspelt words from
 * the index's spelling data, and of a mistyped field name. */
#ifndef TRACUU_SUGGEST_H
#define TRACUU_SUGGEST_H

#include "xdb.h"

/* The query with each word the index does not hold replaced by the
 * closest one it holds (tracuu_db_spelling, two edits at most: "thuuoc
 * tru chuot" -> "thuoc tru chuot"); field names, operators, numbers and
 * abbreviations are kept. New (free with free()); NULL when no word was
 * corrected. */
char *tracuu_suggest_query(tracuu_db_t *db, const char *query);

/* For a query typed without any diacritic ("thi dua khen thuong") and
 * the first plans it found (docids[0..n), the best first; three are
 * read), the query with each word that is a syllable written as those
 * plans most often write it, when that is with marks ("thi đua khen
 * thưởng"): of its accented spellings (exact terms, counted by their
 * wdf) the most frequent, if more frequent than the word as typed
 * (its folded term's wdf less theirs); field names and values,
 * operators and abbreviations kept. New (free with free()); NULL for a
 * query with diacritics or when no word changes. */
char *tracuu_suggest_accents(tracuu_db_t *db, const char *query,
                             const unsigned *docids, size_t n);

/* The known field closest to name within two edits ("citse" -> "cites"),
 * or NULL. */
const char *tracuu_suggest_field(const char *name);

#endif
