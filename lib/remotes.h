/* remotes.h: the remote shards a user names (--remote HOST:PORT, and the
 * remotes file in the user's configuration directory), never anything
 * read from an index directory. */
#ifndef TRACUU_REMOTES_H
#define TRACUU_REMOTES_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Longest host name accepted, in bytes (DNS: 253). */
#define TRACUU_HOST_MAX 253

/* Timeouts when neither an option nor the file sets them (milliseconds):
 * connecting to a shard, and each call's wait for its answer. */
#define TRACUU_CONNECT_MS_DEFAULT 5000
#define TRACUU_CALL_MS_DEFAULT 10000

typedef struct tracuu_remotes {
    char **names;         /* "HOST:PORT" each, as written */
    size_t n;
    unsigned call_ms;     /* "timeout S" in the file, or 0 */
    unsigned connect_ms;  /* "connect-timeout S" in the file, or 0 */
} tracuu_remotes_t;

/* Split s, "HOST:PORT" ("[v6 address]:PORT" too), into host (at least
 * TRACUU_HOST_MAX + 1 bytes) and *port (1 to 65535). HOST is letters,
 * digits, '.', '-' and '_' (or a bracketed IPv6 address of hex digits,
 * ':' and '.'); false for anything else. Pure. */
bool tracuu_remote_split(const char *s, char *host, unsigned *port);
/* The same, port 0 allowed (a listening socket's "any free port"). */
bool tracuu_hostport_split(const char *s, char *host, unsigned *port);

/* Seconds (a decimal number, "5" or "2.5", more than 0, at most 3600)
 * into *ms; false otherwise. */
bool tracuu_seconds_parse(const char *s, unsigned *ms);

/* Parse the len bytes at s as a remotes file: one item a line, blank
 * lines and what follows '#' ignored; an item is HOST:PORT, "timeout S"
 * or "connect-timeout S". On success *out holds them (free with
 * tracuu_remotes_free); otherwise false and *msg a new message naming
 * file, the line and what is wrong (free with free()). Pure. */
bool tracuu_remotes_parse(const char *s, size_t len, const char *file,
                          tracuu_remotes_t *out, char **msg);

/* The remotes file: $XDG_CONFIG_HOME/tracuu/remotes, else
 * ~/.config/tracuu/remotes (new; free with free()); NULL when no home
 * can be found. */
char *tracuu_remotes_path(void);

/* Read and parse the remotes file at path. TRACUU_ERR_NOT_FOUND (*out
 * empty, *msg NULL) when there is none. Refused, TRACUU_ERR_ARG with a
 * message naming the file: not a regular file, not owned by this user,
 * writable by its group or others (anyone who can write it could send
 * this user's queries anywhere), larger than 64 KB, or what
 * tracuu_remotes_parse refuses. TRACUU_ERR_IO when it cannot be read. */
tracuu_status_t tracuu_remotes_read(const char *path, tracuu_remotes_t *out,
                                    char **msg);

/* Add name (copied) to r. */
void tracuu_remotes_add(tracuu_remotes_t *r, const char *name);
void tracuu_remotes_free(tracuu_remotes_t *r);

#ifdef __cplusplus
}
#endif
#endif
