/* fuzz_query.c: libFuzzer harness for the query parser and builder (query/parse.h, query/build.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "build.h"
#include "fuzz_util.h"
#include "parse.h"

static tracuu_analyzer_t *analyzer;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!analyzer && tracuu_analyzer_new(&analyzer) != TRACUU_OK)
        abort();
    /* What tracuu-query does with its arguments: refuse bad UTF-8 (and
     * a NUL cannot come from argv), normalise, parse, build. */
    if (size > 4096 || memchr(data, '\0', size) ||
        tracuu_utf8_valid_prefix((const char *)data, size) != size)
        return 0;
    tracuu_norm_t n;
    if (fuzz_normalize(data, size, &n) != 0) {
        tracuu_norm_free(&n);
        return 0;
    }
    tracuu_parsed_t parsed = {0};
    tracuu_plan_t plan = {0};
    char *err = NULL;
    if (tracuu_query_parse(n.s, tracuu_query_known_field, &parsed, &err)) {
        FUZZ_CHECK(err == NULL);
        FUZZ_CHECK(parsed.n > 0);
        for (size_t i = 0; i < parsed.n; i++) {
            FUZZ_CHECK(parsed.v[i].value != NULL);
            fuzz_check_str(parsed.v[i].value);
            fuzz_check_str(parsed.v[i].field);
            if (parsed.v[i].field)
                FUZZ_CHECK(tracuu_query_known_field(parsed.v[i].field));
        }
        if (tracuu_query_build(analyzer, &parsed, &plan, &err)) {
            /* A built plan can be run: it has a query. */
            FUZZ_CHECK(plan.q != NULL);
            char *desc = tracuu_q_describe(plan.q);
            FUZZ_CHECK(desc != NULL);
            free(desc);
            for (size_t i = 0; i < plan.n_highlight; i++)
                for (size_t k = 0; k < plan.highlight[i].n; k++) {
                    fuzz_check_str(plan.highlight[i].folded[k]);
                    fuzz_check_str(plan.highlight[i].exact[k]);
                }
        } else {
            FUZZ_CHECK(err != NULL && err[0] != '\0');
            fuzz_check_str(err);
        }
    } else {
        FUZZ_CHECK(err != NULL && err[0] != '\0');
        fuzz_check_str(err);
        FUZZ_CHECK(parsed.n == 0);
    }
    free(err);
    tracuu_plan_free(&plan);
    tracuu_parsed_free(&parsed);
    tracuu_norm_free(&n);
    return 0;
}
