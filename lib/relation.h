/* relation.h: how a plan relates to each document it cites (căn cứ, thực hiện, hướng dẫn, sửa đổi, thay thế, bãi bỏ, or a mention). */
#ifndef TRACUU_RELATION_H
#define TRACUU_RELATION_H

#include <stdbool.h>
#include <stddef.h>

#include "fold.h"
#include "symbol.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The relation of the citing document to the cited one, as the national
 * portals (vbpl.vn) name them. The order is that of strength: a plan that
 * cites one document several times relates to it by the lowest value met
 * (tracuu_relation_stronger). */
typedef enum tracuu_relation {
    TRACUU_REL_CAN_CU = 0,   /* căn cứ: a legal ground ("Căn cứ Luật …") */
    TRACUU_REL_THUC_HIEN,    /* thực hiện, triển khai, cụ thể hóa */
    TRACUU_REL_HUONG_DAN,    /* hướng dẫn, quy định chi tiết (either way) */
    TRACUU_REL_SUA_DOI,      /* sửa đổi, bổ sung */
    TRACUU_REL_THAY_THE,     /* thay thế */
    TRACUU_REL_BAI_BO,       /* bãi bỏ, hết hiệu lực */
    TRACUU_REL_MENTIONED,    /* anything else: "theo quy định tại …" */
    TRACUU_REL_LAST
} tracuu_relation_t;

/* The search value of r ("can-cu", "thuc-hien", …, "mentioned"): static. */
const char *tracuu_relation_slug(tracuu_relation_t r);
/* Its Vietnamese name ("căn cứ", "thực hiện", …, "dẫn chiếu"): static. */
const char *tracuu_relation_name(tracuu_relation_t r);
/* The relation whose slug, or folded name, is s[0..n) ("can-cu",
 * "can cu", "căn cứ"); TRACUU_REL_LAST when none. */
tracuu_relation_t tracuu_relation_parse(const char *s, size_t n);
/* The stronger of a and b (the lower value). */
tracuu_relation_t tracuu_relation_stronger(tracuu_relation_t a,
                                           tracuu_relation_t b);

/* Reads the citations of one document, in text order, for their
 * relation: the citation before and the folded block of text around. */
typedef struct tracuu_relation_reader {
    const char *text;
    size_t len;
    size_t bs, be;             /* the bytes folded */
    tracuu_folded_t folded;
    size_t prev_start, prev_end;
    tracuu_relation_t prev_clause; /* the relation of its clause's list */
    bool has_prev;
} tracuu_relation_reader_t;

void tracuu_relation_reader_init(tracuu_relation_reader_t *r,
                                 const char *text, size_t len);
void tracuu_relation_reader_free(tracuu_relation_reader_t *r);
/* The relation of the citation text[start..end) (from its type word to
 * the end of its symbol; guide: the type word is "Hướng dẫn"), after the
 * citations read before it. Reads at most 1,500 bytes before start and
 * 400 after end, from a block of 64 KB folded once, so the cost is about
 * that of folding the document once. */
tracuu_relation_t tracuu_relation_read(tracuu_relation_reader_t *r,
                                       size_t start, size_t end, bool guide);
/* Where a symbol's citation starts (its type word, else the symbol), and
 * whether that word is "Hướng dẫn". */
size_t tracuu_relation_start(const tracuu_symbol_t *s);
bool tracuu_relation_guide(const tracuu_symbol_t *s);

/* The relation of each symbol of syms (extracted from text[0..len),
 * normalised text) from the words of the clause that holds it, written
 * to out[i] for syms->items[i]; a document's own number is MENTIONED.
 *
 * The rules (tests/fixtures/relations-sample.md says them at length):
 * the cue nearest before a citation in its clause decides ("Căn cứ" at the
 * clause's head, "thực hiện", "triển khai", "theo hướng dẫn tại", "Luật
 * này sửa đổi", "thay thế", "bãi bỏ"; "hết hiệu lực" after it), "theo
 * quy định tại" and passives ("được sửa đổi") make it a mention; a
 * citation after another in one clause is another item of the same list
 * (same relation), part of the other's title (a mention), or the act that
 * amended it (the other's relation). Each citation is read in its
 * window (tracuu_relation_read). Returns 0. */
int tracuu_relations_classify(const char *text, size_t len,
                              const tracuu_symbols_t *syms,
                              tracuu_relation_t *out);

#ifdef __cplusplus
}
#endif
#endif
