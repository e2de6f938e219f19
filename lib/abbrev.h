/* abbrev.h: the abbreviations of administrative text (UBND, HĐND, KT-XH,
 * PCCC ...) and their long forms, from data/abbreviations.tsv. */
#ifndef TRACUU_ABBREV_H
#define TRACUU_ABBREV_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Where an abbreviation may stand for its long form (the table's scope
 * column): anywhere, or only in a field of that kind (TU is the syllable
 * tu in "TU BỔ" but Tỉnh ủy as an issuer). */
enum tracuu_abbrev_scope {
    TRACUU_ABBREV_ANY = 1u,
    TRACUU_ABBREV_ISSUER = 2u,
    TRACUU_ABBREV_SIGNER = 4u,
    TRACUU_ABBREV_SYMBOL = 8u,  /* a code inside document symbols only */
};

/* The long form ("Ủy ban nhân dân") of the abbreviation text[0..len)
 * ("UBND", "ubnd", "GD&ĐT", "Hội LHPN": compared folded, lowercase, with
 * only its letters and digits) when the table gives it a scope among
 * scopes; NULL otherwise. The table is read on the first call
 * (thread-safe) and lives until the process ends. */
const char *tracuu_abbrev_long(const char *text, size_t len, unsigned scopes);

/* text with each abbreviation whose scope is among scopes written out:
 * the whole text when it is one ("Hội LHPN"), else each word apart by
 * spaces ("UBND tỉnh" -> "Ủy ban nhân dân tỉnh"). New (free with free());
 * NULL when text holds none. */
char *tracuu_abbrev_expand(const char *text, unsigned scopes);

/* The other way: text with the longest long form it holds (whole words;
 * case and diacritics aside) of an abbreviation whose scope is among
 * scopes replaced by the abbreviation ("ủy ban nhân dân thành phố" ->
 * "ubnd thanh pho": one, so that the rest stays as most plans write it).
 * New, folded to lowercase ASCII; NULL when text holds none. */
char *tracuu_abbrev_contract(const char *text, unsigned scopes);

/* The number of abbreviations (spellings) the table holds. */
size_t tracuu_abbrev_count(void);

#ifdef __cplusplus
}
#endif
#endif
