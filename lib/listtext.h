/* listtext.h: how --list tables read in text: column names and date
 * roles in the user's language, dates dd/mm/yyyy, movement kinds by
 * their Vietnamese names under a Vietnamese locale. JSON and the
 * exported sheets keep the keys, ISO dates and kind slugs. */
#ifndef TRACUU_LISTTEXT_H
#define TRACUU_LISTTEXT_H

#define TRACUU_LIST_TEXT_SIZE 64

/* The heading of column key ("plans", "symbol", "date", ...) in text. */
const char *tracuu_list_text_heading(const char *key);

/* Value v of column key as text shows it: a date ("2014-04-07") as
 * "07/04/2014", a role ("cited") translated, a kind ("phong-trao") as
 * "phong trào" under a Vietnamese locale; anything else v itself.
 * Borrowed: v, a static string, or buf. */
const char *tracuu_list_text_value(const char *key, const char *v,
                                   char buf[TRACUU_LIST_TEXT_SIZE]);

#endif
