/* passage.h: the passages of a hit: where the query matched it, from the
 * positions the index holds, and the snippets cut there. */
#ifndef TRACUU_PASSAGE_H
#define TRACUU_PASSAGE_H

#include <jansson.h>
#include <stddef.h>

#include "analysis.h"
#include "build.h"
#include "snippet.h"
#include "status.h"
#include "xdb.h"

/* A body position where the query matched: group is the index of its
 * highlight run in the plan, or one of the two below. */
typedef struct tracuu_hitpos {
    unsigned pos;
    int group;
} tracuu_hitpos_t;

#define TRACUU_GROUP_NUMBER 63 /* a cited number or a year asked for */
#define TRACUU_GROUP_DAY 62    /* the day of the month of a day asked for */

/* The terms whose positions show where a plan's hits matched: each
 * syllable of its highlight runs, and the numbers its citations and dates
 * are written with. */
typedef struct tracuu_wants tracuu_wants_t;

/* New; free with tracuu_wants_free (which accepts NULL). */
tracuu_wants_t *tracuu_wants_new(const tracuu_plan_t *plan);
void tracuu_wants_free(tracuu_wants_t *w);

/* Where document id matched, by body position: a run of syllables where
 * they follow each other (where any of them is, if never). *hp new (free
 * with free()), *n of them; none for w NULL. On failure *hp is NULL and
 * the status is the database's. */
tracuu_status_t tracuu_passage_positions(tracuu_db_t *db, unsigned id,
                                         const tracuu_wants_t *w,
                                         tracuu_hitpos_t **hp, size_t *n);

/* What the index gives of a hit; all borrowed. */
typedef struct tracuu_hit_source {
    const char *path;          /* the file, its exact bytes */
    json_t *meta;              /* the data's JSON (record.h) */
    const char *stored;        /* the normalised text the data keeps, */
    size_t stored_len;         /*   empty when the file is read again */
    const char *ck;            /* the checkpoints value (schema.h), with a
                                  NUL at ck[ck_len]; NULL: none */
    size_t ck_len;
    const tracuu_hitpos_t *hp; /* tracuu_passage_positions */
    size_t n_hp;
} tracuu_hit_source_t;

/* Snippets shown of a hit at most. */
#define SNIPPETS_PER_HIT 2

/* Up to SNIPPETS_PER_HIT snippets of hit h of plan (*sn new, free with
 * tracuu_snippets_free; *n of them): cut from the regions where its
 * positions say the query matched (around the numbers its citations and
 * dates are written with, then where most of its words meet), else found
 * in its whole text; never one whose words another shows. *why: why the file could not be used ("file changed
 * since indexing; re-index"), a static string, else NULL. */
void tracuu_passage_snippets(tracuu_analyzer_t *a, const tracuu_plan_t *plan,
                             const tracuu_hit_source_t *h,
                             tracuu_snippet_t **sn, size_t *n,
                             const char **why);

/* The note of a hit of a remote shard (remote) whose file could not be
 * read here (h->note set, no snippet): its snippets are unavailable, the
 * file being on the shard's machine; h->snippet_unavailable set. A file
 * readable here at the indexed path is used as any other. */
#define TRACUU_NOTE_REMOTE \
    "snippet unavailable: the file is on the remote shard's machine"
struct tracuu_hit;
void tracuu_passage_remote_note(struct tracuu_hit *h, bool remote);

#endif
