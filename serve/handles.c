/* handles.c: one handle on the index per worker thread (Xapian's handles
 * are not thread-safe), reopened at every request: a reopen reads the
 * stub and Xapian's version file, nothing more when nothing changed. */
#include <pthread.h>
#include <stdlib.h>

#include "buf.h"
#include "index.h"
#include "serve.h"

const char *serve_index_path;

static __thread tracuu_db_t *mine;
static pthread_mutex_t all_lock = PTHREAD_MUTEX_INITIALIZER;
static tracuu_db_t **all;
static size_t n_all;

tracuu_db_t *serve_handle(char **msg)
{
    *msg = NULL;
    if (mine) {
        if (tracuu_db_reopen(mine) == TRACUU_OK)
            return mine;
        /* The index replaced or gone: this thread's handle closed now
         * (its files, maybe deleted, released), opened anew below. */
        pthread_mutex_lock(&all_lock);
        for (size_t i = 0; i < n_all; i++)
            if (all[i] == mine) {
                all[i] = all[--n_all];
                break;
            }
        pthread_mutex_unlock(&all_lock);
        tracuu_db_close(mine);
        mine = NULL;
    }
    tracuu_db_t *db = NULL;
    if (tracuu_index_open(serve_index_path, TRACUU_DB_READ, &db, msg) !=
        TRACUU_OK)
        return NULL;
    pthread_mutex_lock(&all_lock);
    all = tracuu_xrealloc(all, (n_all + 1) * sizeof *all);
    all[n_all++] = db;
    pthread_mutex_unlock(&all_lock);
    return mine = db;
}

void serve_handles_close(void)
{
    pthread_mutex_lock(&all_lock);
    for (size_t i = 0; i < n_all; i++)
        tracuu_db_close(all[i]);
    free(all);
    all = NULL;
    n_all = 0;
    pthread_mutex_unlock(&all_lock);
}
