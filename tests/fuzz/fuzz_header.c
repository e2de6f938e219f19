/* fuzz_header.c: libFuzzer harness for the plan header extractor (lib/header.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "header.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tracuu_norm_t n;
    if (fuzz_normalize(data, size, &n) == 0) {
        tracuu_header_t h;
        tracuu_header_extract(n.s, n.len, &h);
        fuzz_check_str(h.doc_type);
        fuzz_check_str(h.title);
        fuzz_check_str(h.number);
        fuzz_check_str(h.issuer);
        fuzz_check_str(h.place);
        fuzz_check_str(h.signer_role);
        fuzz_check_str(h.signer);
        FUZZ_CHECK(h.n_recipients == 0 || h.recipients != NULL);
        for (size_t i = 0; i < h.n_recipients; i++)
            fuzz_check_str(h.recipients[i]);
        FUZZ_CHECK(h.n_signatures == 0 || h.signatures != NULL);
        for (size_t i = 0; i < h.n_signatures; i++) {
            fuzz_check_str(h.signatures[i].role);
            fuzz_check_str(h.signatures[i].name);
        }
        if (h.number)
            fuzz_check_span(n.s, n.len, h.number_span);
        if (h.place)
            fuzz_check_span(n.s, n.len, h.date_line);
        tracuu_header_free(&h);
        tracuu_header_free(&h); /* a freed header is empty: freeing again is safe */
    }
    tracuu_norm_free(&n);
    return 0;
}
