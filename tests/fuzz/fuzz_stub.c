/* fuzz_stub.c: libFuzzer harness for the index's stub parser (lib/index.h tracuu_stub_parse). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "index.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy, so that a read past the end is caught. */
    char *s = malloc(size + 1);
    FUZZ_CHECK(s != NULL);
    if (size)
        memcpy(s, data, size);
    char names[TRACUU_MAX_SHARDS][64];
    unsigned n = 99;
    char *msg = NULL;
    bool ok = tracuu_stub_parse(s, size, names, &n, &msg);
    if (!ok) {
        /* Refused: nothing listed, and a message that is printable text. */
        FUZZ_CHECK(n == 0);
        FUZZ_CHECK(msg != NULL && *msg);
        fuzz_check_str(msg);
        for (const char *c = msg; *c; c++)
            FUZZ_CHECK((unsigned char)*c >= 0x20 && *c != 0x7f);
        free(msg);
        free(s);
        return 0;
    }
    FUZZ_CHECK(msg == NULL);
    FUZZ_CHECK(n >= 1 && n <= TRACUU_MAX_SHARDS);
    for (unsigned i = 0; i < n; i++) {
        /* Only names of shards inside the index: shard- and digits. */
        size_t l = strlen(names[i]);
        FUZZ_CHECK(l > 6 && l <= 15 && memcmp(names[i], "shard-", 6) == 0);
        FUZZ_CHECK(strspn(names[i] + 6, "0123456789") == l - 6);
        FUZZ_CHECK(names[i][6] != '0' || l == 7);
        for (unsigned k = 0; k < i; k++)
            FUZZ_CHECK(strcmp(names[i], names[k]) != 0);
    }
    /* Accepted bytes are exactly what the writer writes for those names. */
    char *again = tracuu_stub_format((const char(*)[64])names, n);
    FUZZ_CHECK(strlen(again) == size && memcmp(again, s, size) == 0);
    free(again);
    free(s);
    return 0;
}
