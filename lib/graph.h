/* graph.h: the citation graph: which indexed document a citation is, what a plan rests on (--cites-of) and what rests on it (--cited-by). */
#ifndef TRACUU_GRAPH_H
#define TRACUU_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "output.h"
#include "relation.h"
#include "xdb.h"

/* What a citation of key in document citing resolves to. */
typedef enum tracuu_resolved {
    TRACUU_RESOLVED_NONE = 0,  /* the archive does not hold it */
    TRACUU_RESOLVED_ONE,       /* *target */
    TRACUU_RESOLVED_AMBIGUOUS, /* several documents fit: not guessed */
} tracuu_resolved_t;

/* Resolve the citation of key (canonical, symbol.h) in document citing:
 * the indexed documents whose own number has that key, less those whose
 * issue date disagrees with the date the citation gives (at its
 * precision) or whose issuing body shares no distinctive word with the
 * issuer the citation names; a key without a year that the citation
 * gives neither a date nor an issuer for resolves only when one
 * document has it. Files of one plan (duplicates) count as one. READ
 * statuses; *how and *target (0 unless ONE) on TRACUU_OK. */
tracuu_status_t tracuu_graph_resolve(tracuu_db_t *db, unsigned citing,
                                     const char *key, tracuu_resolved_t *how,
                                     unsigned *target);

typedef enum tracuu_graph_dir {
    TRACUU_GRAPH_CITES_OF = 0, /* what the plan rests on, up the chain */
    TRACUU_GRAPH_CITED_BY,     /* the plans that cite it, down the chain */
} tracuu_graph_dir_t;

/* Longest chain --depth follows. */
#define TRACUU_GRAPH_DEPTH_MAX 20
/* Most documents one graph holds (the walk stops there and says so). */
#define TRACUU_GRAPH_NODES_MAX 5000

/* Walk the graph from document root in direction dir, depth levels
 * (1: the direct citations), each document once (a cycle ends where it
 * closes), and print it through p: text (an indented tree, one line a
 * document with its relation), JSON ("nodes" and "edges") or, when dot,
 * Graphviz's DOT on f. Returns false on an index error (said on stderr
 * with prog). */
bool tracuu_graph_print(tracuu_db_t *db, unsigned root, tracuu_graph_dir_t dir,
                        unsigned depth, tracuu_printer_t *p, bool dot,
                        FILE *f, const char *prog);

#endif
