/* schema.h: the index schema: term prefixes, value slots, data layout, version.
 *
 * Terms (Omega's conventions where they exist):
 *   (none)  folded syllable (lowercase, no diacritics, đ->d), with positions:
 *           every search matches on these, so diacritics are optional
 *   XE      exact syllable (lowercase, accents kept, tone placement and i/y
 *           unified), no positions, only where it differs from the folded
 *           form: ranks accented matches above folded-only ones
 *   Q       unique id: "Q" + absolute path, hashed when long
 *   E       file extension, lowercase ("Etxt")
 *   S       folded title syllables, with positions (title: searches)
 *
 * Value slots:
 *   0  mtime, seconds since the epoch as 16 hex digits (sortable)
 *   1  size in bytes, 16 hex digits
 *   2  path (for listing and deleting without reading the data)
 *   3  issue date YYYYMMDD, absent when unknown
 *
 * Document data: one line of compact JSON (path, title, size, mtime, ...),
 * "\n", then the normalised text, from which snippets are cut.
 *
 * History (bump TRACUU_SCHEMA_VERSION on any change that makes an older
 * index answer differently; the query tool refuses a mismatch):
 *   1  2026-11-22  first schema
 */
#ifndef TRACUU_SCHEMA_H
#define TRACUU_SCHEMA_H

#define TRACUU_SCHEMA_VERSION "1"
#define TRACUU_META_SCHEMA "tracuu.schema"

#define TRACUU_PREFIX_EXACT "XE"
#define TRACUU_PREFIX_UID "Q"
#define TRACUU_PREFIX_EXT "E"
#define TRACUU_PREFIX_TITLE "S"

enum tracuu_slot {
    TRACUU_SLOT_MTIME = 0,
    TRACUU_SLOT_SIZE = 1,
    TRACUU_SLOT_PATH = 2,
    TRACUU_SLOT_ISSUED = 3,
};

/* Longest unique term kept as is; longer ones end in a hash (Omega). */
#define TRACUU_UID_MAX 240

#endif
