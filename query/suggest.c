/* suggest.c: corrections of misspelt query words and field names. */
#include "suggest.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "abbrev.h"
#include "buf.h"
#include "fields.h"
#include "fold.h"

/* Edits at most between a word and its correction. */
#define MAX_EDITS 2
/* Letters of the longest syllable the spelling data holds ("nghieng"). */
#define SYLLABLE_MAX 7

static bool word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The correction of word[0..len) (folded) when the index holds no such
 * syllable; new, or NULL. */
static char *correct(tracuu_db_t *db, const char *word, size_t len)
{
    if (tracuu_abbrev_long(word, len, TRACUU_ABBREV_ANY))
        return NULL;
    tracuu_buf_t f = {0};
    tracuu_fold_ascii(word, len, &f);
    char *fix = NULL;
    unsigned freq = 1;
    bool letters = f.len >= 2 && f.len <= SYLLABLE_MAX &&
                   strspn(f.s, "abcdefghijklmnopqrstuvwxyz") == f.len;
    if (letters && tracuu_db_termfreq(db, f.s, &freq) == TRACUU_OK &&
        freq == 0 && tracuu_db_spelling(db, f.s, MAX_EDITS, &fix) == TRACUU_OK &&
        fix && (tracuu_db_termfreq(db, fix, &freq) != TRACUU_OK ||
                freq == 0)) {
        free(fix); /* spelling data of a document since removed */
        fix = NULL;
    }
    tracuu_buf_free(&f);
    return fix;
}

/* Words of the query: runs of letters (any script). A run followed by ':'
 * is a field name, an upper-case OR/AND/NOT an operator: kept. */
char *tracuu_suggest_query(tracuu_db_t *db, const char *query)
{
    tracuu_buf_t out = {0};
    bool changed = false;
    const char *p = query;
    while (*p) {
        if (!word_byte((unsigned char)*p)) {
            tracuu_buf_putc(&out, *p++);
            continue;
        }
        const char *w = p;
        while (*p && word_byte((unsigned char)*p))
            p++;
        size_t len = (size_t)(p - w);
        bool keep = *p == ':' || (len <= 3 && (!strncmp(w, "OR", len) ||
                                               !strncmp(w, "AND", len) ||
                                               !strncmp(w, "NOT", len)));
        char *fix = keep ? NULL : correct(db, w, len);
        if (fix) {
            tracuu_buf_puts(&out, fix);
            changed = true;
            free(fix);
        } else {
            tracuu_buf_append(&out, w, len);
        }
    }
    if (!changed) {
        tracuu_buf_free(&out);
        return NULL;
    }
    return tracuu_buf_steal(&out);
}

/* Edit distance (insertions, deletions, substitutions, transpositions of
 * neighbours) between a and b, short ASCII names; cut at limit + 1. */
static size_t distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 31 || lb > 31)
        return limit + 1;
    size_t d[32][32];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

const char *tracuu_suggest_field(const char *name)
{
    const char *best = NULL;
    size_t best_d = MAX_EDITS + 1;
    for (size_t i = 0; tracuu_fields[i].name; i++) {
        size_t d = distance(name, tracuu_fields[i].name, MAX_EDITS);
        if (d < best_d) {
            best_d = d;
            best = tracuu_fields[i].name;
        }
    }
    return best;
}
