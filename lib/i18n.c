/* i18n.c: the locale and the message catalogues (gettext). */
#include "i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TRACUU_LOCALEDIR
#define TRACUU_LOCALEDIR "/usr/local/share/locale"
#endif

/* Whether dir holds a catalogue of ours. */
static bool has_catalogue(const char *dir)
{
    char p[PATH_MAX + 64];
    snprintf(p, sizeof p, "%s/vi/LC_MESSAGES/" TRACUU_TEXTDOMAIN ".mo", dir);
    return access(p, R_OK) == 0;
}

/* The catalogues' directory into out (see i18n.h). */
static void locale_dir(char *out, size_t size)
{
    const char *env = getenv("TRACUU_LOCALEDIR");
    if (env && *env) {
        snprintf(out, size, "%s", env);
        return;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(out, size, "%s/locale", exe);
            if (has_catalogue(out))
                return;
            snprintf(out, size, "%s/../share/locale", exe);
            if (has_catalogue(out))
                return;
        }
    }
    snprintf(out, size, "%s", TRACUU_LOCALEDIR);
}

void tracuu_i18n_init(void)
{
    setlocale(LC_MESSAGES, "");
    /* gettext translates only when LC_CTYPE is no "C" locale either. */
    setlocale(LC_CTYPE, "");
    char dir[PATH_MAX + 32];
    locale_dir(dir, sizeof dir);
    bindtextdomain(TRACUU_TEXTDOMAIN, dir);
    bind_textdomain_codeset(TRACUU_TEXTDOMAIN, "UTF-8");
}

bool tracuu_i18n_vi(void)
{
    const char *l = setlocale(LC_MESSAGES, NULL);
    const char *lang = getenv("LANGUAGE");
    if (!l || strcmp(l, "C") == 0 || strcmp(l, "POSIX") == 0)
        return false;
    if (lang && *lang)
        return strncmp(lang, "vi", 2) == 0;
    return strncmp(l, "vi", 2) == 0;
}

static const char *prog_name = "tracuu";

void tracuu_set_prog(const char *name)
{
    prog_name = name;
}

const char *tracuu_prog(void)
{
    return prog_name;
}
