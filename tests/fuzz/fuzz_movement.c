/* fuzz_movement.c: libFuzzer harness for the movement name extractor (lib/movement.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "movement.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tracuu_norm_t n;
    if (fuzz_normalize(data, size, &n) != 0) {
        tracuu_norm_free(&n);
        return 0;
    }
    tracuu_movements_t ms = {0};
    FUZZ_CHECK(tracuu_movements_extract(n.s, n.len, &ms) == 0);
    size_t prev = 0;
    for (size_t i = 0; i < ms.n; i++) {
        const tracuu_movement_t *m = &ms.v[i];
        FUZZ_CHECK((int)m->kind >= 0 && m->kind < TRACUU_MOVEMENT_KIND_LAST);
        FUZZ_CHECK(m->name != NULL && m->name[0] != '\0');
        fuzz_check_str(m->name);
        fuzz_check_span(n.s, n.len, m->span);
        FUZZ_CHECK(m->span.start >= prev);
        prev = m->span.start;
        FUZZ_CHECK(strlen(m->name) <= m->span.end - m->span.start);
        FUZZ_CHECK(tracuu_movement_kind_name(m->kind)[0] != '\0');
        char *k = tracuu_movement_key(m->name, strlen(m->name));
        FUZZ_CHECK(k != NULL);
        fuzz_check_str(k);
        free(k);
    }
    tracuu_movements_free(&ms);
    tracuu_movements_free(&ms);

    /* The text typed as a movement or a kind. */
    if (n.len <= 512) {
        char *q = tracuu_movement_normalize(n.s, n.len);
        FUZZ_CHECK(q != NULL);
        fuzz_check_str(q);
        char *k = tracuu_movement_key(n.s, n.len);
        FUZZ_CHECK(k != NULL);
        fuzz_check_str(k);
        free(q);
        free(k);
        tracuu_movement_kind_t kind;
        if (tracuu_movement_kind_parse(n.s, n.len, &kind))
            FUZZ_CHECK((int)kind >= 0 && kind < TRACUU_MOVEMENT_KIND_LAST);
    }
    tracuu_norm_free(&n);
    return 0;
}
