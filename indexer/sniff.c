/* sniff.c: what a file is, by its content (magic numbers), not its name. */
#include "sniff.h"
#include "encoding.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#define HEAD 8192

typedef struct magic {
    size_t offset;
    const char *bytes;
    size_t len;
    tracuu_fmt_t fmt;
    const char *what;
} magic_t;

/* Signatures at fixed offsets. Containers (zip, OLE2) are refined by
 * tracuu_sniff_file. */
static const magic_t magics[] = {
    {0, "%PDF-", 5, TRACUU_FMT_PDF, "pdf"},
    {0, "{\\rtf", 5, TRACUU_FMT_RTF, "rtf"},
    {0, "PK\x03\x04", 4, TRACUU_FMT_OTHER, "zip archive"},
    {0, "PK\x05\x06", 4, TRACUU_FMT_OTHER, "zip archive"},
    {0, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, TRACUU_FMT_OTHER, "OLE2 compound file"},
    {0, "\x89PNG\r\n\x1A\n", 8, TRACUU_FMT_IMAGE, "png image"},
    {0, "\xFF\xD8\xFF", 3, TRACUU_FMT_IMAGE, "jpeg image"},
    {0, "GIF87a", 6, TRACUU_FMT_OTHER, "gif image"},
    {0, "GIF89a", 6, TRACUU_FMT_OTHER, "gif image"},
    {0, "II*\0", 4, TRACUU_FMT_IMAGE, "tiff image"},
    {0, "MM\0*", 4, TRACUU_FMT_IMAGE, "tiff image"},
    {0, "AT&TFORM", 8, TRACUU_FMT_OTHER, "djvu document"},
    {0, "%!PS", 4, TRACUU_FMT_OTHER, "postscript"},
    {0, "RIFF", 4, TRACUU_FMT_OTHER, "riff media (wav, avi, webp)"},
    {0, "ID3", 3, TRACUU_FMT_OTHER, "mp3 audio"},
    {0, "OggS", 4, TRACUU_FMT_OTHER, "ogg media"},
    {0, "fLaC", 4, TRACUU_FMT_OTHER, "flac audio"},
    {0, "\x1A\x45\xDF\xA3", 4, TRACUU_FMT_OTHER, "matroska video"},
    {4, "ftyp", 4, TRACUU_FMT_OTHER, "mp4 video"},
    {0, "\x7F" "ELF", 4, TRACUU_FMT_OTHER, "ELF executable"},
    {0, "\x1F\x8B", 2, TRACUU_FMT_OTHER, "gzip archive"},
    {0, "\xFD" "7zXZ\0", 6, TRACUU_FMT_OTHER, "xz archive"},
    {0, "7z\xBC\xAF\x27\x1C", 6, TRACUU_FMT_OTHER, "7z archive"},
    {0, "Rar!\x1A\x07", 6, TRACUU_FMT_OTHER, "rar archive"},
    {0, "SQLite format 3\0", 16, TRACUU_FMT_OTHER, "sqlite database"},
    {257, "ustar", 5, TRACUU_FMT_OTHER, "tar archive"},
};

static bool at(const unsigned char *h, size_t n, size_t off, const char *s,
               size_t len)
{
    return n >= off + len && memcmp(h + off, s, len) == 0;
}

static const unsigned char *find_ci(const unsigned char *h, size_t n,
                                    const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp((const char *)h + i, needle, k) == 0)
            return h + i;
    return NULL;
}

static bool looks_html(const unsigned char *h, size_t n)
{
    size_t i = 0;
    if (at(h, n, 0, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n'))
        i++;
    if (i >= n || h[i] != '<')
        return false;
    size_t m = n - i < 1024 ? n - i : 1024;
    return find_ci(h + i, m, "<html") || find_ci(h + i, m, "<!doctype html") ||
           (find_ci(h + i, m, "<head") && find_ci(h + i, m, "<title"));
}

/* C0 controls that no text encoding we read uses for letters (TCVN3 and
 * VISCII put capitals on 01-06, 11-17, 19 and 1E). */
static bool stray_control(unsigned char c)
{
    return c == 0x07 || c == 0x08 || (c >= 0x0E && c <= 0x10) || c == 0x18 ||
           (c >= 0x1A && c <= 0x1D) || c == 0x1F || c == 0x7F;
}

tracuu_sniff_t tracuu_sniff_bytes(const unsigned char *h, size_t n)
{
    for (size_t i = 0; i < sizeof magics / sizeof *magics; i++)
        if (at(h, n, magics[i].offset, magics[i].bytes, magics[i].len))
            return (tracuu_sniff_t){magics[i].fmt, magics[i].what};
    /* Some PDF writers put junk before the header. */
    size_t m = n < 1024 ? n : 1024;
    for (size_t i = 0; i + 5 <= m; i++)
        if (memcmp(h + i, "%PDF-", 5) == 0)
            return (tracuu_sniff_t){TRACUU_FMT_PDF, "pdf"};
    if (at(h, n, 0, "\xEF\xBB\xBF{\\rtf", 8))
        return (tracuu_sniff_t){TRACUU_FMT_RTF, "rtf"};
    if (looks_html(h, n))
        return (tracuu_sniff_t){TRACUU_FMT_HTML, "html"};
    if (at(h, n, 0, "\xFF\xFE", 2) || at(h, n, 0, "\xFE\xFF", 2) ||
        tracuu_enc_utf16_unmarked(h, n) != TRACUU_ENC_UTF8)
        return (tracuu_sniff_t){TRACUU_FMT_TEXT, "text"};
    size_t stray = 0;
    for (size_t i = 0; i < n; i++) {
        if (h[i] == 0)
            return (tracuu_sniff_t){TRACUU_FMT_BINARY, "binary data"};
        stray += stray_control(h[i]);
    }
    if (stray * 50 > n)
        return (tracuu_sniff_t){TRACUU_FMT_BINARY, "binary data"};
    return (tracuu_sniff_t){TRACUU_FMT_TEXT, "text"};
}

/* Does the zip entry name hold data starting with prefix? */
static bool entry_starts(zip_t *z, const char *name, const char *prefix)
{
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f)
        return false;
    char buf[128];
    size_t k = strlen(prefix);
    zip_int64_t r = zip_fread(f, buf, k < sizeof buf ? k : sizeof buf);
    zip_fclose(f);
    return r == (zip_int64_t)k && memcmp(buf, prefix, k) == 0;
}

/* What a damaged zip is taken for: what its extension says. */
static tracuu_sniff_t zip_hint(tracuu_fmt_t hint, tracuu_sniff_t other)
{
    switch (hint) {
    case TRACUU_FMT_DOCX: return (tracuu_sniff_t){hint, "docx"};
    case TRACUU_FMT_ODT: return (tracuu_sniff_t){hint, "odt"};
    case TRACUU_FMT_XLSX: return (tracuu_sniff_t){hint, "xlsx"};
    case TRACUU_FMT_ODS: return (tracuu_sniff_t){hint, "ods"};
    default: return other;
    }
}

static tracuu_sniff_t sniff_zip(const char *path, tracuu_fmt_t hint)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (!z)
        return zip_hint(hint, (tracuu_sniff_t){TRACUU_FMT_OTHER,
                                               "zip archive (damaged)"});
    tracuu_sniff_t s = {TRACUU_FMT_OTHER, "zip archive"};
    if (zip_name_locate(z, "word/document.xml", 0) >= 0)
        s = (tracuu_sniff_t){TRACUU_FMT_DOCX, "docx"};
    else if (entry_starts(z, "mimetype", "application/vnd.oasis.opendocument.text"))
        s = (tracuu_sniff_t){TRACUU_FMT_ODT, "odt"};
    else if (entry_starts(z, "mimetype",
                          "application/vnd.oasis.opendocument.spreadsheet"))
        s = (tracuu_sniff_t){TRACUU_FMT_ODS, "ods"};
    else if (entry_starts(z, "mimetype", "application/vnd.oasis.opendocument."))
        s = (tracuu_sniff_t){TRACUU_FMT_OTHER, "OpenDocument, not text"};
    else if (zip_name_locate(z, "xl/workbook.xml", 0) >= 0)
        s = (tracuu_sniff_t){TRACUU_FMT_XLSX, "xlsx"};
    else if (zip_name_locate(z, "ppt/presentation.xml", 0) >= 0)
        s = (tracuu_sniff_t){TRACUU_FMT_OTHER, "pptx presentation"};
    else
        s = zip_hint(hint, s);
    zip_discard(z);
    return s;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/* Does the first directory sector of an OLE2 file name a stream
 * (UTF-16LE name)? Enough for the files Word writes. */
static bool ole_has_stream(int fd, const unsigned char *head, size_t n,
                           const char *stream)
{
    if (n < 512)
        return false;
    unsigned shift = (unsigned)head[0x1E] | (unsigned)head[0x1F] << 8;
    if (shift != 9 && shift != 12)
        return false;
    size_t ssize = (size_t)1 << shift;
    uint32_t dir = le32(head + 0x30);
    if (dir >= 0xFFFFFFFA)
        return false;
    unsigned char sec[4096];
    off_t off = (off_t)(dir + 1) << shift;
    ssize_t r = pread(fd, sec, ssize, off);
    if (r < 128)
        return false;
    size_t k = strlen(stream);
    for (size_t e = 0; e + 128 <= (size_t)r; e += 128) {
        unsigned namelen = (unsigned)sec[e + 0x40] | (unsigned)sec[e + 0x41] << 8;
        if (namelen != 2 * (k + 1))
            continue;
        bool same = true;
        for (size_t i = 0; i < k && same; i++)
            same = sec[e + 2 * i] == (unsigned char)stream[i] && sec[e + 2 * i + 1] == 0;
        if (same)
            return true;
    }
    return false;
}

static tracuu_sniff_t sniff_ole(int fd, const unsigned char *h, size_t n,
                                tracuu_fmt_t hint)
{
    if (ole_has_stream(fd, h, n, "EncryptedPackage")) /* a password-protected docx, xlsx */
        return (tracuu_sniff_t){TRACUU_FMT_OTHER, "encrypted Office document"};
    if (ole_has_stream(fd, h, n, "WordDocument"))
        return (tracuu_sniff_t){TRACUU_FMT_DOC, "doc"};
    if (ole_has_stream(fd, h, n, "Workbook") || ole_has_stream(fd, h, n, "Book"))
        return (tracuu_sniff_t){TRACUU_FMT_OTHER, "xls spreadsheet"};
    if (ole_has_stream(fd, h, n, "PowerPoint Document"))
        return (tracuu_sniff_t){TRACUU_FMT_OTHER, "ppt presentation"};
    if (hint == TRACUU_FMT_DOC)
        return (tracuu_sniff_t){TRACUU_FMT_DOC, "doc"};
    return (tracuu_sniff_t){TRACUU_FMT_OTHER, "OLE2 compound file"};
}

bool tracuu_sniff_file(const char *path, tracuu_fmt_t hint, tracuu_sniff_t *out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return false;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        errno = EINVAL; /* a device or a pipe: no document */
        return false;
    }
    unsigned char head[HEAD];
    size_t n = 0;
    while (n < sizeof head) {
        ssize_t r = read(fd, head + n, sizeof head - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            close(fd);
            errno = e;
            return false;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    *out = tracuu_sniff_bytes(head, n);
    if (out->fmt == TRACUU_FMT_OTHER && strcmp(out->what, "zip archive") == 0)
        *out = sniff_zip(path, hint);
    else if (out->fmt == TRACUU_FMT_OTHER &&
             strcmp(out->what, "OLE2 compound file") == 0)
        *out = sniff_ole(fd, head, n, hint);
    close(fd);
    return true;
}
