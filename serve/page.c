/* page.c: GET / and the page's files (page.h). */
#include <string.h>

#include "page.h"
#include "serve.h"

bool serve_page(struct MHD_Connection *c, const char *url,
                enum MHD_Result *ret)
{
    if (strcmp(url, "/") == 0)
        url = "/index.html";
    for (const serve_asset_t *a = serve_assets; a->path; a++)
        if (strcmp(url, a->path) == 0) {
            *ret = serve_reply(c, 200, a->type, a->data, a->len);
            return true;
        }
    return false;
}
