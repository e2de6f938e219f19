/* file.c: GET /file/ID, the original file of an indexed document, and
 * nothing else: the path is the one the index holds for ID (no part of
 * the URL names a file), opened without following a link, and the file
 * opened must be a regular file with the inode, size and modification
 * time indexed: a name that leads elsewhere since (a folder swapped for
 * a link, a hard link, a file put in its place) serves nothing. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "i18n.h"
#include "record.h"
#include "schema.h"
#include "serve.h"

/* Whether st is the file the signature sig describes (schema.h, slot
 * 5): the same nanosecond mtime, ctime, inode and size, as the indexer
 * judges a file unchanged. The ctime no user can set: a file made to
 * look like another (same inode number on another file system, size and
 * mtime set) behind a folder swapped for a link still differs. */
static bool same_file(const struct stat *st, const char *sig)
{
    char want[TRACUU_RECORD_SIG_LEN + 1];
    tracuu_record_signature(
        (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec,
        (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec,
        (uint64_t)st->st_ino, (uint64_t)st->st_size, want);
    return strlen(sig) >= TRACUU_RECORD_SIG_LEN &&
           strncmp(sig, want, TRACUU_RECORD_SIG_LEN) == 0;
}

/* path opened as the file the index holds (see above): the descriptor,
 * or -1 with *why set (a message to translate). */
static int open_indexed(const char *path, const char *sig, struct stat *st,
                        const char **why)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *why = errno == ENOENT ? N_("the file is gone since it was indexed")
               : errno == ELOOP ? N_("the file is a link since it was "
                                     "indexed")
                                : N_("the file cannot be opened");
        return -1;
    }
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode) || !same_file(st, sig)) {
        *why = N_("the file is not the one indexed: it changed or another "
                  "took its name (re-run tracuu-index)");
        close(fd);
        return -1;
    }
    /* Back to blocking reads (O_NONBLOCK kept a FIFO from hanging the
     * open). */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

/* The Content-Disposition of a file named path: its last component,
 * percent-encoded (RFC 5987), so no byte of a name reaches a header. */
static void disposition(tracuu_buf_t *b, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    tracuu_buf_puts(b, "attachment; filename=\"tracuu-file\"; "
                       "filename*=UTF-8''");
    for (const unsigned char *s = (const unsigned char *)base; *s; s++) {
        if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
            (*s >= '0' && *s <= '9') || strchr("-._~", *s))
            tracuu_buf_putc(b, (char)*s);
        else
            tracuu_buf_printf(b, "%%%02X", *s);
    }
}

enum MHD_Result serve_file(struct MHD_Connection *c, const char *id_text)
{
    char *msg = NULL, *path = NULL, *sig = NULL;
    tracuu_db_t *db = serve_handle(&msg);
    unsigned id = serve_docid(id_text);
    enum MHD_Result ret;
    if (!db) {
        ret = serve_html_error(c, 503, msg);
        free(msg);
        return ret;
    }
    if (!id || tracuu_db_get_value(db, id, TRACUU_SLOT_PATH, &path, NULL) !=
                   TRACUU_OK ||
        *path != '/') {
        free(path);
        return serve_html_error(c, 404, _("no document has that number"));
    }
    if (tracuu_db_get_value(db, id, TRACUU_SLOT_STAT, &sig, NULL) != TRACUU_OK)
        sig = NULL;
    const char *why = NULL;
    struct stat st;
    int fd = open_indexed(path, sig ? sig : "", &st, &why);
    struct MHD_Response *r = NULL;
    if (fd >= 0 && !(r = MHD_create_response_from_fd((uint64_t)st.st_size,
                                                      fd)))
        close(fd);
    if (r) {
        tracuu_buf_t d = {0};
        disposition(&d, path);
        serve_headers(r);
        MHD_add_response_header(r, "Content-Type", "application/octet-stream");
        MHD_add_response_header(r, "Content-Disposition", d.s);
        ret = MHD_queue_response(c, 200, r);
        MHD_destroy_response(r);
        tracuu_buf_free(&d);
    } else {
        ret = serve_html_error(c, fd < 0 ? 410 : 500,
                               why ? _(why) : "MHD_create_response_from_fd");
    }
    free(path);
    free(sig);
    return ret;
}
