/* remotes.c: --remote HOST:PORT and the user's remotes file. */
#include "remotes.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

#define REMOTES_MAX (64 * 1024)

static bool host_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

static bool v6_char(char c)
{
    return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
           (c >= '0' && c <= '9') || c == ':' || c == '.';
}

bool tracuu_remote_split(const char *s, char *host, unsigned *port)
{
    return tracuu_hostport_split(s, host, port) && *port != 0;
}

bool tracuu_hostport_split(const char *s, char *host, unsigned *port)
{
    const char *colon, *h = s;
    size_t hl;
    if (*s == '[') {
        const char *close = strchr(s, ']');
        if (!close || close[1] != ':')
            return false;
        h = s + 1;
        hl = (size_t)(close - h);
        colon = close + 1;
        for (size_t i = 0; i < hl; i++)
            if (!v6_char(h[i]))
                return false;
    } else {
        colon = strrchr(s, ':');
        if (!colon)
            return false;
        hl = (size_t)(colon - s);
        for (size_t i = 0; i < hl; i++)
            if (!host_char(s[i]))
                return false;
    }
    if (hl == 0 || hl > TRACUU_HOST_MAX)
        return false;
    const char *p = colon + 1;
    unsigned long v = 0;
    if (!*p || strlen(p) > 5)
        return false;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (unsigned long)(*p - '0');
    }
    if (v > 65535)
        return false;
    memcpy(host, h, hl);
    host[hl] = '\0';
    *port = (unsigned)v;
    return true;
}

bool tracuu_seconds_parse(const char *s, unsigned *ms)
{
    char *end = NULL;
    if (!s || !*s || !((*s >= '0' && *s <= '9') || *s == '.'))
        return false;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !(v > 0) || v > 3600)
        return false;
    *ms = (unsigned)(v * 1000 + 0.5);
    if (*ms == 0)
        *ms = 1;
    return true;
}

void tracuu_remotes_add(tracuu_remotes_t *r, const char *name)
{
    r->names = tracuu_xrealloc(r->names, (r->n + 2) * sizeof *r->names);
    r->names[r->n++] = tracuu_xstrdup(name);
    r->names[r->n] = NULL;
}

void tracuu_remotes_free(tracuu_remotes_t *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->names[i]);
    free(r->names);
    memset(r, 0, sizeof *r);
}

/* One line's item (comment and blanks gone) into r; false with *what
 * set when it is not one. */
static bool parse_item(char *item, tracuu_remotes_t *r, const char **what)
{
    char host[TRACUU_HOST_MAX + 1];
    unsigned port, ms;
    char *sp = strpbrk(item, " \t");
    if (sp) {
        *sp = '\0';
        char *arg = sp + 1;
        arg += strspn(arg, " \t");
        unsigned *slot = strcmp(item, "timeout") == 0 ? &r->call_ms
                         : strcmp(item, "connect-timeout") == 0 ? &r->connect_ms
                                                                : NULL;
        if (!slot) {
            *what = _("not HOST:PORT, timeout S or connect-timeout S");
            return false;
        }
        if (!tracuu_seconds_parse(arg, &ms)) {
            *what = _("a timeout wants seconds, more than 0 and at most 3600");
            return false;
        }
        *slot = ms;
        return true;
    }
    if (!tracuu_remote_split(item, host, &port)) {
        *what = _("not HOST:PORT (a port from 1 to 65535)");
        return false;
    }
    tracuu_remotes_add(r, item);
    return true;
}

bool tracuu_remotes_parse(const char *s, size_t len, const char *file,
                          tracuu_remotes_t *out, char **msg)
{
    memset(out, 0, sizeof *out);
    *msg = NULL;
    unsigned line = 0;
    size_t at = 0;
    while (at < len) {
        const char *nl = memchr(s + at, '\n', len - at);
        size_t ll = nl ? (size_t)(nl - (s + at)) : len - at;
        char *item = tracuu_xmalloc(ll + 1);
        memcpy(item, s + at, ll);
        item[ll] = '\0';
        at += ll + 1;
        line++;
        const char *what = NULL;
        if (strlen(item) != ll)
            what = _("a NUL byte in the line");
        char *hash = strchr(item, '#');
        if (hash)
            *hash = '\0';
        size_t n = strlen(item);
        while (n && strchr(" \t\r", item[n - 1]))
            item[--n] = '\0';
        char *b = item + strspn(item, " \t");
        if (!what && *b)
            parse_item(b, out, &what);
        free(item);
        if (what) {
            tracuu_buf_t m = {0};
            tracuu_buf_printf(&m, _("%s: line %u: %s"), file, line, what);
            *msg = tracuu_buf_steal(&m);
            tracuu_remotes_free(out);
            return false;
        }
    }
    return true;
}

char *tracuu_remotes_path(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    tracuu_buf_t b = {0};
    if (xdg && *xdg == '/')
        tracuu_buf_printf(&b, "%s/tracuu/remotes", xdg);
    else if (home && *home)
        tracuu_buf_printf(&b, "%s/.config/tracuu/remotes", home);
    else
        return NULL;
    return tracuu_buf_steal(&b);
}

static char *refused(const char *path, const char *why)
{
    tracuu_buf_t b = {0};
    tracuu_buf_printf(&b, _("%s: not read: %s"), path, why);
    return tracuu_buf_steal(&b);
}

tracuu_status_t tracuu_remotes_read(const char *path, tracuu_remotes_t *out,
                                    char **msg)
{
    memset(out, 0, sizeof *out);
    *msg = NULL;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        return TRACUU_ERR_NOT_FOUND;
    struct stat st;
    const char *why = NULL;
    if (fd < 0)
        why = errno == ELOOP ? _("a symbolic link (give the file itself)")
                             : strerror(errno);
    else if (fstat(fd, &st) != 0)
        why = strerror(errno);
    else if (!S_ISREG(st.st_mode))
        why = _("not a regular file");
    else if (st.st_uid != getuid())
        why = _("not owned by you");
    else if (st.st_mode & (S_IWGRP | S_IWOTH))
        why = _("writable by others (chmod go-w it)");
    else if (st.st_size > REMOTES_MAX)
        why = _("larger than 64 KB");
    if (why) {
        tracuu_status_t bad = fd < 0 && errno != ELOOP ? TRACUU_ERR_IO
                                                        : TRACUU_ERR_ARG;
        *msg = refused(path, why);
        if (fd >= 0)
            close(fd);
        return bad;
    }
    char *s = tracuu_xmalloc((size_t)st.st_size + 1);
    ssize_t got = read(fd, s, (size_t)st.st_size);
    close(fd);
    if (got != st.st_size) {
        free(s);
        *msg = refused(path, _("cannot be read"));
        return TRACUU_ERR_IO;
    }
    bool ok = tracuu_remotes_parse(s, (size_t)got, path, out, msg);
    free(s);
    return ok ? TRACUU_OK : TRACUU_ERR_ARG;
}
