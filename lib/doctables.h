/* doctables.h: the vocabulary every extractor reads: document types, issuer codes, OCR spellings, date keywords. */
#ifndef TRACUU_DOCTABLES_H
#define TRACUU_DOCTABLES_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Where a type code is used (flags of tracuu_doctype_t). */
enum {
    TRACUU_DOCTYPE_STATE = 1,  /* NĐ 30/2020 appendix III: state bodies */
    TRACUU_DOCTYPE_PARTY = 2,  /* HD 36-HD/VPTW: Party bodies */
    TRACUU_DOCTYPE_LEGAL = 4,  /* legal-normative: N/YYYY/TYPE-ISSUER */
    TRACUU_DOCTYPE_NOCODE = 8  /* a pseudo code: the type has no code inside
                                  its symbols (Luật 68/2020/QH14, công văn
                                  3543/UBND-NC); used only to search by type
                                  and number */
};

/* Restoring a lost Đ (OCR, keyboards without Đ): only where the Đ-less
 * spelling names nothing else, and only for codes the tables know —
 *   types   QD -> QĐ, ND -> NĐ, QDi -> QĐi, QyD -> QyĐ;
 *   issuers HDND -> HĐND, DU -> ĐU and the other aliases below (BCD,
 *           LDLD, HDTD, BGDDT, ...), in any issuer or unit position.
 * Never: HD stays HD (hướng dẫn, a type of its own, not HĐ hợp đồng), DA
 * stays DA (dự án, not ĐA đề án), CD stays CD (a unit code in real
 * symbols: 01/KH-UBND-CD), and an unknown code keeps its D.
 *
 * One document type code. Codes are matched letter-case-insensitively
 * (titles are uppercased: 06/QĐ-TTG) but Đ never equals D, except through
 * lost_dd: the Đ-less spelling that OCR or a keyboard without Đ produces
 * and that names no other type (QD -> QĐ, ND -> NĐ). HD (hướng dẫn), DA
 * (dự án) and CD are real or possible codes of their own: no lost_dd for
 * HĐ, ĐA, CĐ. */
typedef struct tracuu_doctype {
    const char *code;       /* canonical spelling: "QĐ", "CTr", "QĐi" */
    const char *name;       /* "Quyết định" */
    const char *party_name; /* the name in Party documents when different
                               ("Thông tri" for TT), or NULL */
    const char *lost_dd;    /* spelling with Đ lost that may be restored */
    unsigned flags;
} tracuu_doctype_t;

/* Which system an issuer belongs to. Party issuers make the official
 * spelling the Party form N-TYPE/ISSUER; for EITHER (a Ban Chỉ đạo may be
 * a Party or a state body) and unknown issuers the text's own form
 * decides. */
typedef enum tracuu_issuer_side {
    TRACUU_ISSUER_STATE = 0,
    TRACUU_ISSUER_PARTY,
    TRACUU_ISSUER_EITHER,
} tracuu_issuer_side_t;

/* Issuer codes (the part after the type: TTg, UBND, TW, ĐU, ...). alias
 * is another spelling naming the same issuer: a lost Đ that names nothing
 * else (HDND -> HĐND, DU -> ĐU), or "TƯ" for TW ("TƯ" must never become
 * TU, which is a Tỉnh ủy). */
typedef struct tracuu_issuer {
    const char *code;   /* canonical spelling: "TTg", "HĐND", "TW" */
    const char *name;   /* "Thủ tướng Chính phủ" */
    const char *alias;  /* or NULL */
    tracuu_issuer_side_t side;
} tracuu_issuer_t;

/* A document type word as written in prose in front of a symbol
 * ("Chỉ thị số 34-CT/TW"). folded is the word lowercased without
 * diacritics (đ -> d), single spaces, as tracuu_fold_ascii makes it. */
typedef struct tracuu_typeword {
    const char *word;   /* "Chương trình hành động" */
    const char *folded; /* "chuong trinh hanh dong" */
    const char *code;   /* the tracuu_doctype_t code it names: "CTr" */
} tracuu_typeword_t;

/* The tables (static, borrowed), each ending with an all-NULL entry. */
extern const tracuu_doctype_t tracuu_doctypes[];
extern const tracuu_issuer_t tracuu_issuers[];
extern const tracuu_typeword_t tracuu_typewords[];

/* Folded spellings of "số" in front of a symbol, OCR forms included
 * ("s6", "sé" -> "se"); NULL-terminated. */
extern const char *const tracuu_so_words[];
/* Folded spellings of "của" introducing an issuer ("ctia", "ciia" are
 * OCR forms of the seeds); NULL-terminated. */
extern const char *const tracuu_cua_words[];
/* Lowercase (NFC, not folded) words and phrases that end an issuer
 * phrase after "của" when written in lowercase ("về", "tại", "ban
 * hành"), and those that end it in any case ("Quy định"); both
 * NULL-terminated. "và" is judged apart: "Thương binh và Xã hội" goes
 * on, "và các" stops. */
extern const char *const tracuu_issuer_stops[];
extern const char *const tracuu_issuer_stops_any[];
/* Folded words after which "N/CODE" is a form, table or standard number,
 * not a document symbol ("mẫu số 01/TNDN", "QCVN 01:2022/BQP");
 * NULL-terminated. */
extern const char *const tracuu_symbol_blockers[];

/* A document type as the heading of a document names it: the folded
 * line ("ke hoach", also an OCR'd "KE HOACH") and the canonical spelling
 * header.c reports ("KẾ HOẠCH"). NĐ 30/2020 appendix III and the
 * legal-normative kinds. */
typedef struct tracuu_heading {
    const char *folded;
    const char *name;
} tracuu_heading_t;
/* The headings; ends with an all-NULL entry. Static, borrowed. */
extern const tracuu_heading_t tracuu_headings[];

/* The words date.c reads around numbers. */
typedef enum tracuu_dateword {
    TRACUU_KW_NONE = 0,
    TRACUU_KW_NGAY, TRACUU_KW_THANG, TRACUU_KW_NAM, TRACUU_KW_QUY,
    TRACUU_KW_DEN, TRACUU_KW_TOI, TRACUU_KW_TU, TRACUU_KW_TRUOC,
    TRACUU_KW_HET, TRACUU_KW_HAN, TRACUU_KW_CHOT, TRACUU_KW_CHAM,
    TRACUU_KW_NHAT, TRACUU_KW_LA, TRACUU_KW_VA, TRACUU_KW_SO,
    TRACUU_KW_VIET, TRACUU_KW_LUAT, TRACUU_KW_BO, TRACUU_KW_HIEN,
    TRACUU_KW_PHAP, TRACUU_KW_LENH,
    TRACUU_KW_STOP /* a word that cannot sit inside a law's title */
} tracuu_dateword_t;

/* One date keyword: exact, '|'-separated lowercase spellings with
 * diacritics; plain, '|'-separated spellings written without any
 * diacritic, OCR damage included ("nidm" for năm). A NULL plain means
 * the word's plain spellings are a list of their own (số:
 * tracuu_so_words). */
typedef struct tracuu_datekw {
    tracuu_dateword_t kw;
    const char *exact;
    const char *plain;
} tracuu_datekw_t;
/* The keywords; ends with an entry whose kw is TRACUU_KW_NONE. */
extern const tracuu_datekw_t tracuu_datekws[];

/* OCR confusions (lib/ocr.h): what a scan wrote for what the page said,
 * in folded form ("6" for "ô" in "s6" = số), in the order they are
 * tried; ends with a NULL seen. */
typedef struct tracuu_ocr_confusion {
    const char *seen;     /* as the OCR text has it */
    const char *meant;    /* the likely reading */
    const char *written;  /* NULL, or what the word as written must hold:
                             the "é" OCR writes for ô, ơ ("méi", "tét"),
                             so that the loanword "gen" is not read "gon" */
} tracuu_ocr_confusion_t;
extern const tracuu_ocr_confusion_t tracuu_ocr_confusions[];

/* Type whose code is s[0..len) (UTF-8), letter case ignored, lost_dd
 * accepted; pseudo codes (TRACUU_DOCTYPE_NOCODE) only when with_pseudo.
 * Returns a table entry (borrowed, static) or NULL. */
const tracuu_doctype_t *tracuu_doctype_find(const char *s, size_t len,
                                            bool with_pseudo);
/* Issuer whose code or alias is s[0..len), letter case ignored; NULL when
 * unknown. Borrowed, static. */
const tracuu_issuer_t *tracuu_issuer_find(const char *s, size_t len);
/* Type word whose folded form is exactly f[0..len); NULL when none. */
const tracuu_typeword_t *tracuu_typeword_find(const char *f, size_t len);

/* True when the UTF-8 strings a[0..alen) and b (NUL-terminated) are equal
 * once ASCII letters, đ and ư are uppercased. */
bool tracuu_code_equal(const char *a, size_t alen, const char *b);

#ifdef __cplusplus
}
#endif
#endif
