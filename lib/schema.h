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
 *   XC      cited document symbol, canonical key (symbol.h): "XC34/CT-TW"
 *   XN      the document's own number, canonical key
 *   XCT     cited type and number: "XCTCT#34" (cites:"chỉ thị 34")
 *   XCD     cited symbol and its date: "XCD<key>@2014", "@201404", "@20140407"
 *   XCI     cited symbol and one folded word of its issuer: "XCI<key>@tinh"
 *   XCL     one cited document for listing: display TAB yyyy-mm-dd TAB type
 *           TAB issuer TAB name (each part may be empty); a law or code
 *           cited by name has an empty display: TAB TAB "Luật" TAB TAB
 *           "Luật Thi đua, khen thưởng"
 *   XCN     the name of a cited law or code, wherever a plan writes it
 *           (with its symbol or alone), as tracuu_citename_key folds it:
 *           "XCNluat thi dua khen thuong" (cites:"luật thi đua khen thưởng")
 *   XCR     cited symbol and the plan's relation to it (relation.h):
 *           "XCR34/CT-TW@thuc-hien"; one term per relation met
 *   XR      a relation the plan has to some cited document: "XRcan-cu"
 *   XCS     the codes of a cited symbol: "XCSCT-TTG" (cites:/CT-TTg)
 *   XCY     number and year of a cited symbol: "XCY79/2010"
 *           (cites:79/2010/)
 *   XCT     (also) a cited type alone, "XCTNQ", and with the year of the
 *           symbol or its date, "XCTNQ@2024" (cites:"nghị quyết")
 *   D M Y   a date mentioned in any role: D20140407, M201404, Y2014 (Omega)
 *   XDL     a date for listing: role letter (i issued, c cited, d deadline,
 *           m mentioned) + yyyy[mm[dd]]
 *   XP      a year covered by a period ("giai đoạn 2021 - 2025": XP2021..XP2025)
 *   XM      folded syllables of movement names, with positions; each name
 *           starts TRACUU_MOVEMENT_GAP positions after the previous one,
 *           the name as written then its canonical name when it differs
 *   XMN     a movement name for listing: kind key TAB canonical name TAB
 *           the name as written (movement.h; data/movements.tsv)
 *   XK      kind of a movement the plan names: "XKcuoc-van-dong"
 *   XT      folded document type of the plan: "XTke hoach"
 *   XI      folded syllables of the issuing body, with positions
 *   XG      folded syllables of the signer's role and name, with positions
 *   XQ      the duplicate key (slot 6), boolean: finds a plan's other files
 *
 * Value slots:
 *   0  mtime, seconds since the epoch as 16 hex digits (sortable)
 *   1  size in bytes, 16 hex digits
 *   2  path (for listing and deleting without reading the data)
 *   3  issue date YYYYMMDD, absent when unknown (sorting, issued:)
 *   4  checkpoints: the byte offset in the document's text (the stored
 *      one, else the file's decoded text) of body position
 *      k * TRACUU_CHECKPOINT, k = 0, 1, ..., as decimal deltas apart by
 *      spaces; where snippets are cut (kept out of the data so that
 *      reading a hit's data stays cheap for a long law)
 *   5  the file's stat signature when indexed (tracuu_record_signature:
 *      nanosecond mtime, ctime, inode, size, 16 hex digits each, apart by
 *      '-'); the indexer skips a file whose signature is the same. A file
 *      modified after the start of the run that indexed it, less a
 *      margin (RACY_MARGIN_NS, indexer/run.c), is
 *      "racily clean" (it may change again within the file system's
 *      timestamp granularity): its signature is followed by " racy " and
 *      a 16-hex-digit hash of its bytes, and the next run compares the
 *      bytes too
 *
 * Document data: one line of compact JSON (path, title, size, mtime in
 * seconds, mtime_ns, ctime_ns and ino as in slot 5, pages when the format
 * tells them, ...),
 * "\n", then, for converted formats, the normalised text, from which
 * snippets are cut (plain text files are read again instead). "raw": true
 * in the JSON says the file's bytes are that decoded text.
 *
 * History (bump TRACUU_SCHEMA_VERSION on any change that makes an older
 * index answer differently; the query tool refuses a mismatch):
 *   1  2026-11-22  first schema
 *   2  2026-11-22  checkpoints ("ck") and "raw" in the data
 *   3  2026-11-22  checkpoints moved from the data to value slot 4
 *   4  2026-12-06  slot 5 the stat signature (nanosecond mtime, ctime,
 *                  inode, size; racy files with a hash of their bytes),
 *                  "mtime_ns", "ctime_ns", "ino" in the data; failures
 *                  remembered with the same signature
 *   5  2026-12-06  movements: XMN holds the canonical name before the
 *                  name as written; XM also the canonical name's words
 *   6  2026-12-06  a body word damaged by OCR also under its readings
 *                  (lib/ocr.h), at its position; the spelling data (every
 *                  folded syllable of two to seven letters)
 *   7  2026-12-06  citations' relations (XCR, XR) and parts (XCS, XCY,
 *                  XCT type alone and with a year);
 *                  names of cited laws and codes: XCN terms, XCL's fifth
 *                  field and XCL terms of laws cited by name alone;
 *                  "pages" in the data (PDF, DOCX, ODT, scans); a glyph
 *                  an OCR put in a word (¢ € & §) kept in its token, and
 *                  readings of words that fold to a syllable;
 *                  slot 6 and XQ: the duplicate key
 */
#ifndef TRACUU_SCHEMA_H
#define TRACUU_SCHEMA_H

#define TRACUU_SCHEMA_VERSION "7"
#define TRACUU_META_SCHEMA "tracuu.schema"
/* User metadata: the number of plans in several files (slot 6), decimal,
 * as the last complete indexing run left the index ("" while a run is
 * under way or after one was stopped: unknown). At "0" searches need not
 * collapse on slot 6 (which made them 3-4 times slower). Read from the
 * first shard, as Xapian reads metadata of several databases. */
#define TRACUU_META_DUPS "tracuu.dup_groups"

#define TRACUU_PREFIX_EXACT "XE"
#define TRACUU_PREFIX_UID "Q"
#define TRACUU_PREFIX_EXT "E"
#define TRACUU_PREFIX_TITLE "S"
#define TRACUU_PREFIX_CITES "XC"
#define TRACUU_PREFIX_NUMBER "XN"
#define TRACUU_PREFIX_CITES_TYPE "XCT"
#define TRACUU_PREFIX_CITES_DATE "XCD"
#define TRACUU_PREFIX_CITES_ISSUER "XCI"
#define TRACUU_PREFIX_CITES_LIST "XCL"
#define TRACUU_PREFIX_CITES_REL "XCR"
#define TRACUU_PREFIX_REL "XR"
#define TRACUU_PREFIX_CITES_CODES "XCS"
#define TRACUU_PREFIX_CITES_YEAR "XCY"
#define TRACUU_PREFIX_CITES_NAME "XCN"
#define TRACUU_PREFIX_DAY "D"
#define TRACUU_PREFIX_MONTH "M"
#define TRACUU_PREFIX_YEAR "Y"
#define TRACUU_PREFIX_DATE_LIST "XDL"
#define TRACUU_PREFIX_PERIOD "XP"
#define TRACUU_PREFIX_MOVEMENT "XM"
#define TRACUU_PREFIX_MOVEMENT_LIST "XMN"
#define TRACUU_PREFIX_KIND "XK"
#define TRACUU_PREFIX_TYPE "XT"
#define TRACUU_PREFIX_ISSUER "XI"
#define TRACUU_PREFIX_SIGNER "XG"
#define TRACUU_PREFIX_DUP "XQ"

/* Body positions between two checkpoints (TRACUU_SLOT_CHECKPOINTS). */
#define TRACUU_CHECKPOINT 32

/* Positions between two movement names, so no phrase spans two. */
#define TRACUU_MOVEMENT_GAP 1000
/* Longest period expanded into XP terms, in years. */
#define TRACUU_PERIOD_MAX_YEARS 100

enum tracuu_slot {
    TRACUU_SLOT_MTIME = 0,
    TRACUU_SLOT_SIZE = 1,
    TRACUU_SLOT_PATH = 2,
    TRACUU_SLOT_ISSUED = 3,
    TRACUU_SLOT_CHECKPOINTS = 4,
    TRACUU_SLOT_STAT = 5,
    TRACUU_SLOT_DUP = 6,
};

/* Longest unique term kept as is; longer ones end in a hash (Omega). */
#define TRACUU_UID_MAX 240

#endif
