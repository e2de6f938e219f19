/* span.h: a byte range of a text, the unit extractors exchange. */
#ifndef TRACUU_SPAN_H
#define TRACUU_SPAN_H

#include <stddef.h>

typedef struct tracuu_span {
    size_t start; /* first byte */
    size_t end;   /* one past the last byte */
} tracuu_span_t;

#endif
