/* page.h: the page's files, compiled in from serve/page/ (the Makefile
 * runs scripts/embed-assets): nothing is read at run time, nothing comes
 * from another site. */
#ifndef TRACUU_SERVE_PAGE_H
#define TRACUU_SERVE_PAGE_H

#include <stddef.h>

typedef struct serve_asset {
    const char *path;  /* "/index.html" */
    const char *type;  /* its Content-Type */
    const char *data;
    size_t len;
} serve_asset_t;

/* Every file, ended by a NULL path. */
extern const serve_asset_t serve_assets[];

#endif
