/* test_query_parse.c: the query language and its error messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "parse.h"

static void test_words_phrases_fields_and_exclusions(void **state)
{
    (void)state;
    tracuu_parsed_t p;
    char *err = NULL;
    assert_true(tracuu_query_parse("thi đua \"dân vận khéo\" -ocr title:“kế hoạch” NOT x",
                                   tracuu_query_known_field, &p, &err));
    assert_int_equal(p.n, 6);
    assert_string_equal(p.v[0].value, "thi");
    assert_string_equal(p.v[2].value, "dân vận khéo");
    assert_true(p.v[2].quoted);
    assert_true(p.v[3].negated);
    assert_string_equal(p.v[3].value, "ocr");
    assert_string_equal(p.v[4].field, "title");
    assert_string_equal(p.v[4].value, "kế hoạch");
    assert_true(p.v[5].negated);
    tracuu_parsed_free(&p);
}

static void expect_error(const char *q, const char *fragment)
{
    tracuu_parsed_t p;
    char *err = NULL;
    assert_false(tracuu_query_parse(q, tracuu_query_known_field, &p, &err));
    assert_non_null(err);
    if (!strstr(err, fragment))
        fail_msg("query [%s]: error [%s] lacks [%s]", q, err, fragment);
    assert_int_equal(p.n, 0);
    free(err);
}

static void test_malformed_queries_say_what_is_wrong(void **state)
{
    (void)state;
    expect_error("\"thi đua", "unbalanced quote");
    expect_error("title:\"thi", "unbalanced quote");
    expect_error("nosuch:x", "unknown field 'nosuch:'");
    expect_error("title:", "has no value");
    expect_error("title:\"  \"", "has no value");
    expect_error("   ", "empty query");
    expect_error("NOT ", "NOT with nothing");
    expect_error("thi OR", "OR with nothing after it");
    expect_error("OR thi", "OR with nothing before it");
    expect_error("(thi đua", "no ')' for a '('");
    expect_error("thi đua)", "a ')' with no '('");
    expect_error("()", "nothing to search for in ()");
    expect_error("trường:x", "unknown field 'trường:'");
    char big[TRACUU_QUERY_MAX_BYTES + 10];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    expect_error(big, "query too long");
    char deep[64] = "";
    for (int i = 0; i < 20; i++)
        strcat(deep, "(");
    expect_error(deep, "nested too deep");
}

static void test_or_and_groups(void **state)
{
    (void)state;
    tracuu_parsed_t p;
    char *err = NULL;
    assert_true(tracuu_query_parse("(cites:34-CT/TW OR \"dân vận khéo\") -ocr",
                                   tracuu_query_known_field, &p, &err));
    assert_false(p.is_or);
    assert_int_equal(p.n, 2);
    assert_non_null(p.v[0].group);
    assert_true(p.v[0].group->is_or);
    assert_int_equal(p.v[0].group->n, 2);
    assert_string_equal(p.v[0].group->v[0].group->v[0].field, "cites");
    assert_string_equal(p.v[0].group->v[1].group->v[0].value, "dân vận khéo");
    assert_true(p.v[1].negated);
    tracuu_parsed_free(&p);
    /* A top-level OR. */
    assert_true(tracuu_query_parse("a b OR c", tracuu_query_known_field, &p, &err));
    assert_true(p.is_or);
    assert_int_equal(p.v[0].group->n, 2);
    tracuu_parsed_free(&p);
}

/* "x OR (x OR (x OR ... x))" nested LEVELS deep, in a new string. */
static char *nested_or(int levels)
{
    size_t len = (size_t)levels * 8 + 2;
    char *q = malloc(len);
    assert_non_null(q);
    q[0] = '\0';
    for (int i = 0; i < levels; i++)
        strcat(q, "x OR (");
    strcat(q, "x");
    for (int i = 0; i < levels; i++)
        strcat(q, ")");
    return q;
}

/* The limit counts parentheses, not lists: an OR inside each pair of
 * parentheses adds a list level of its own, and the deepest query the
 * parser takes still builds. */
static void test_nesting_limit_counts_parentheses(void **state)
{
    (void)state;
    tracuu_analyzer_t *a = NULL;
    assert_int_equal(tracuu_analyzer_new(&a), TRACUU_OK);
    char *q = nested_or(TRACUU_QUERY_MAX_DEPTH);
    tracuu_parsed_t p;
    tracuu_plan_t plan;
    char *err = NULL;
    assert_true(tracuu_query_parse(q, tracuu_query_known_field, &p, &err));
    /* Walk down: OR list, its second alternative, the group in it. */
    const tracuu_parsed_t *l = &p;
    int parens = 0;
    while (l->is_or) {
        assert_int_equal(l->n, 2);
        const tracuu_parsed_t *alt = l->v[1].group;
        assert_non_null(alt);
        assert_int_equal(alt->n, 1);
        if (!alt->v[0].group)
            break;
        l = alt->v[0].group;
        parens++;
    }
    assert_int_equal(parens, TRACUU_QUERY_MAX_DEPTH);
    assert_true(tracuu_query_build(a, &p, &plan, &err));
    assert_non_null(plan.q);
    tracuu_plan_free(&plan);
    tracuu_parsed_free(&p);
    free(q);
    q = nested_or(TRACUU_QUERY_MAX_DEPTH + 1);
    expect_error(q, "nested too deep");
    free(q);
    tracuu_analyzer_free(a);
}

static void test_build_needs_a_searchable_word(void **state)
{
    (void)state;
    tracuu_analyzer_t *a = NULL;
    assert_int_equal(tracuu_analyzer_new(&a), TRACUU_OK);
    tracuu_parsed_t p;
    tracuu_plan_t plan;
    char *err = NULL;
    assert_true(tracuu_query_parse("!!! ...", tracuu_query_known_field, &p, &err));
    assert_false(tracuu_query_build(a, &p, &plan, &err));
    assert_non_null(strstr(err, "no word to search for"));
    free(err);
    tracuu_parsed_free(&p);
    /* Function words go from a free-text query, not from phrases. */
    assert_true(tracuu_query_parse("kế hoạch của ủy ban \"của\"",
                                   tracuu_query_known_field, &p, &err));
    assert_true(tracuu_query_build(a, &p, &plan, &err));
    char *d = tracuu_q_describe(plan.q);
    assert_non_null(strstr(d, "cua"));      /* the quoted one stays */
    assert_int_equal(plan.n_highlight, 5);  /* kế hoạch ủy ban "của", not của */
    free(d);
    tracuu_plan_free(&plan);
    tracuu_parsed_free(&p);
    tracuu_analyzer_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_phrases_fields_and_exclusions),
        cmocka_unit_test(test_malformed_queries_say_what_is_wrong),
        cmocka_unit_test(test_or_and_groups),
        cmocka_unit_test(test_nesting_limit_counts_parentheses),
        cmocka_unit_test(test_build_needs_a_searchable_word),
    };
    return cmocka_run_group_tests_name("query_parse", tests, NULL, NULL);
}
