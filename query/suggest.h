/* suggest.h: "did you mean": corrections of a query's misspelt words from
 * the index's spelling data, and of a mistyped field name. */
#ifndef TRACUU_QUERY_SUGGEST_H
#define TRACUU_QUERY_SUGGEST_H

#include "xdb.h"

/* The query with each word the index does not hold replaced by the
 * closest one it holds (tracuu_db_spelling, two edits at most: "thuuoc
 * tru chuot" -> "thuoc tru chuot"); field names, operators, numbers and
 * abbreviations are kept. New (free with free()); NULL when no word was
 * corrected. */
char *tracuu_suggest_query(tracuu_db_t *db, const char *query);

/* The known field closest to name within two edits ("citse" -> "cites"),
 * or NULL. */
const char *tracuu_suggest_field(const char *name);

#endif
