/* fuzz_reader.c: libFuzzer harness for the file readers that run in-process (text, HTML, DOCX, ODT, XLSX, ODS, CSV). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "reader.h"
#include "sniff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void remove_dir(void)
{
    char p[128];
    static const char *const names[] = {"in.txt", "in.md", "in.html",
                                        "in.docx", "in.odt", "in", "in.xlsx",
                                        "in.ods", "in.csv", NULL};
    for (size_t i = 0; names[i]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/tracuu-fuzz-XXXXXX",
                 tmp && strlen(tmp) < 32 ? tmp : "/tmp");
        if (!mkdtemp(dir))
            abort();
        atexit(remove_dir);
    }
    /* PDF, Word 97 and RTF go through external converters: not here. */
    tracuu_sniff_t sn = tracuu_sniff_bytes(data, size);
    if (sn.fmt == TRACUU_FMT_PDF || sn.fmt == TRACUU_FMT_DOC ||
        sn.fmt == TRACUU_FMT_RTF)
        return 0;
    /* The extension is a hint only (content decides): the size picks one. */
    static const char *const names[] = {"in.txt", "in.md", "in.html",
                                        "in.docx", "in.odt", "in", "in.xlsx",
                                        "in.ods", "in.csv"};
    const char *name = names[size % 9];
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        abort();
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fd, data + done, size - done);
        if (w <= 0)
            abort();
        done += (size_t)w;
    }
    close(fd);

    tracuu_read_opts_t o = {.seconds = 5, .mem_mb = 256, .max_mb = 16};
    tracuu_read_result_t r;
    tracuu_read_status_t st = tracuu_read_file_opts(path, &o, &r);
    FUZZ_CHECK(r.format != NULL);
    if (st == TRACUU_READ_OK) {
        FUZZ_CHECK(r.text != NULL && r.text[r.len] == '\0');
        /* Valid UTF-8; a U+0000 of a UTF-16 file may come through (the
         * normaliser drops it), so NUL bytes are not checked here. */
        FUZZ_CHECK(tracuu_utf8_valid_prefix(r.text, r.len) == r.len);
        FUZZ_CHECK(r.encoding != NULL);
        fuzz_check_str(r.title);
    } else {
        FUZZ_CHECK(st == TRACUU_READ_SKIP || st == TRACUU_READ_FAIL);
        FUZZ_CHECK(r.reason != NULL && r.reason[0] != '\0');
    }
    tracuu_read_result_free(&r);
    unlink(path);
    return 0;
}
