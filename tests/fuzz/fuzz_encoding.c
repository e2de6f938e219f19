/* fuzz_encoding.c: libFuzzer harness for encoding detection, decoding and legacy-font repair (indexer/encoding.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decoded text: valid UTF-8 (a NUL byte of the input may come out as
 * U+0000, so only validity is promised). */
static void check_decoded(const tracuu_buf_t *b)
{
    FUZZ_CHECK(b->s != NULL || b->len == 0);
    if (b->s)
        FUZZ_CHECK(tracuu_utf8_valid_prefix(b->s, b->len) == b->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    tracuu_buf_t out = {0};
    tracuu_enc_info_t info;
    memset(&info, 0, sizeof info);
    tracuu_enc_detect(s, size, &out, &info);
    check_decoded(&out);
    FUZZ_CHECK((int)info.enc >= 0 && info.enc < TRACUU_ENC_LAST);
    FUZZ_CHECK((int)info.repaired >= 0 && info.repaired < TRACUU_ENC_LAST);
    /* A share in [0, 1] for a chosen legacy encoding, -1 for Unicode. */
    FUZZ_CHECK(info.share == -1.0 || (info.share >= 0.0 && info.share <= 1.0));
    FUZZ_CHECK(tracuu_enc_name(info.enc) != NULL);

    /* Every decoder on the same bytes. */
    for (int e = 0; e < TRACUU_ENC_LAST; e++) {
        tracuu_buf_clear(&out);
        size_t bad = tracuu_enc_decode((tracuu_enc_t)e, s, size, &out);
        check_decoded(&out);
        FUZZ_CHECK(bad <= size);
    }

    /* Repair of legacy-font lines inside valid UTF-8 text. */
    if (tracuu_utf8_valid_prefix(s, size) == size) {
        for (int hint = 0; hint < TRACUU_ENC_LAST; hint += 3) {
            tracuu_buf_clear(&out);
            size_t lines = 0;
            tracuu_enc_t r =
                tracuu_enc_repair(s, size, (tracuu_enc_t)hint, &out, &lines);
            check_decoded(&out);
            FUZZ_CHECK((int)r >= 0 && r < TRACUU_ENC_LAST);
            FUZZ_CHECK(r != TRACUU_ENC_UTF8 || lines == 0);
        }
    }
    tracuu_buf_free(&out);
    return 0;
}
