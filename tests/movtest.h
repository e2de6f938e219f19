/* movtest.h: what the movement tests share: extracting names from a
 * sentence and checking one of them. Include after cmocka.h. */
#ifndef TRACUU_TESTS_MOVTEST_H
#define TRACUU_TESTS_MOVTEST_H

#include <string.h>

#include "movement.h"

static inline tracuu_movements_t run(const char *text)
{
    tracuu_movements_t m;
    tracuu_movements_extract(text, strlen(text), &m);
    return m;
}

/* The i-th name is name (blanks collapsed), of kind and canonical name. */
static inline void expect(const tracuu_movements_t *m, size_t i,
                          const char *kind, const char *name,
                          const char *canonical)
{
    assert_true(i < m->n);
    assert_string_equal(m->v[i].name, name);
    assert_string_equal(tracuu_movement_kind_key(m->v[i].kind), kind);
    assert_string_equal(m->v[i].canonical, canonical);
}

#endif
