/* fuzz_query.c: libFuzzer harness for the query parser and builder (lib/parse.h, lib/build.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "build.h"
#include "fuzz_util.h"
#include "parse.h"

static tracuu_analyzer_t *analyzer;

/* Every clause has a value or is a group; groups are lists in turn. An
 * OR list holds only its alternatives, each an AND list at the same level
 * of parentheses; depth counts the parentheses, which the parser limits
 * to TRACUU_QUERY_MAX_DEPTH. */
static void check_list(const tracuu_parsed_t *p, int depth)
{
    FUZZ_CHECK(p->n > 0 && depth <= TRACUU_QUERY_MAX_DEPTH);
    for (size_t i = 0; i < p->n; i++) {
        const tracuu_clause_t *c = &p->v[i];
        FUZZ_CHECK((c->value != NULL) != (c->group != NULL));
        if (p->is_or) {
            FUZZ_CHECK(c->group && !c->group->is_or && !c->negated);
            check_list(c->group, depth);
            continue;
        }
        if (c->group) {
            check_list(c->group, depth + 1);
            continue;
        }
        fuzz_check_str(c->value);
        fuzz_check_str(c->field);
        if (c->field)
            FUZZ_CHECK(tracuu_query_known_field(c->field));
    }
}

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
        check_list(&parsed, 0);
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
