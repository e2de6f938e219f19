/* i18n.h: messages in the user's language (gettext, domain "tracuu"):
 * Vietnamese under a Vietnamese locale, English otherwise. */
#ifndef TRACUU_I18N_H
#define TRACUU_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define TRACUU_TEXTDOMAIN "tracuu"
#define _(s) dgettext(TRACUU_TEXTDOMAIN, s)
#define N_(s) (s)

/* Take the messages' language from the environment (LC_ALL, LC_MESSAGES,
 * LANG; numbers, collation and character classes stay "C") and find the
 * catalogues as the programs find everything else they ship: beside the
 * program in the tree's build directory ($B/locale), else the installed
 * ../share/locale from the program's directory, else the LOCALEDIR it
 * was built for; $TRACUU_LOCALEDIR overrides. Messages are UTF-8 in every
 * locale. Call once at the start of main. */
void tracuu_i18n_init(void);

/* The running program's name, which the lines lib writes on stderr
 * itself start with ("tracuu-serve: ..."): each main sets it first;
 * "tracuu" until then. name is kept (a string constant). */
void tracuu_set_prog(const char *name);
const char *tracuu_prog(void);

/* Whether messages are Vietnamese (the locale's language is vi). */
bool tracuu_i18n_vi(void);

#endif
