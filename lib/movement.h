/* movement.h: names of emulation movements, campaigns and themes a plan cites. */
#ifndef TRACUU_MOVEMENT_H
#define TRACUU_MOVEMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "distinct.h"
#include "span.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What introduces the name. */
typedef enum tracuu_movement_kind {
    TRACUU_MOVEMENT_PHONG_TRAO = 0, /* phong trào thi đua “…”, phong trào “…” */
    TRACUU_MOVEMENT_CUOC_VAN_DONG,  /* cuộc vận động “…” */
    TRACUU_MOVEMENT_CHU_DE_THI_DUA, /* chủ đề thi đua: “…”, or that heading */
    TRACUU_MOVEMENT_CHU_DE,         /* chủ đề “…” */
    TRACUU_MOVEMENT_PHUONG_CHAM,    /* phương châm “…” */
    TRACUU_MOVEMENT_DE_AN,          /* Đề án “…” */
    TRACUU_MOVEMENT_CHUYEN_DE,      /* Chuyên đề năm 2024 về “…” */
    TRACUU_MOVEMENT_CHUONG_TRINH,   /* Chương trình mục tiêu quốc gia … */
    TRACUU_MOVEMENT_KHAU_HIEU,      /* khẩu hiệu “…” */
    TRACUU_MOVEMENT_MO_HINH,        /* mô hình “…” */
    TRACUU_MOVEMENT_NGAY_HOI,       /* Ngày hội …, Ngày toàn dân … */
    TRACUU_MOVEMENT_KIND_LAST
} tracuu_movement_kind_t;

typedef struct tracuu_movement {
    tracuu_movement_kind_t kind;
    char *name;          /* new; the name with blanks and line breaks
                            collapsed to single spaces, no quotes */
    char *canonical;     /* new; the movement's one name: the table's
                            (data/movements.tsv) for a national one, else
                            the name with its first letter upper */
    tracuu_span_t span;  /* bytes of the name in the text (inside quotes) */
    bool quoted;         /* false for an unquoted name ("Phong trào thi đua
                            thực hiện Đề án … giai đoạn 2021 - 2025") */
    unsigned count;      /* occurrences it stands for: 1, or in a distinct
                            list every one of the same kind and name */
} tracuu_movement_t;

typedef struct tracuu_movements {
    tracuu_movement_t *v; /* in text order (of first occurrence) */
    size_t n;
    tracuu_tally_t tally; /* what a distinct extraction met and kept */
} tracuu_movements_t;

/* Distinct movement names (kind and name) kept per document, the first
 * ones met. Peak RSS of tracuu-index --jobs 1 (release) on 16 MB files,
 * when every occurrence was kept and now: 'phong trào “Dân vận khéo 1” '
 * repeated 187 -> 108 MB, 402,000 distinct ones 541 -> 106 MB.
 * The most in ../shared is 38, in one plan. */
#define TRACUU_MOVEMENTS_MAX 1000

/* Find the movement names in normalised text[0..len) (see normalize.h;
 * OCR'd text without diacritics works too). Names in quotes after an
 * introducer, each name of a list after one introducer (“A”; “B” và “C”),
 * and unquoted names only where a period ("giai đoạn 2021 - 2025") closes
 * them for sure. Scare quotes and quoted titles of other documents are no
 * movements. out is new; free with tracuu_movements_free. Returns 0. */
int tracuu_movements_extract(const char *text, size_t len,
                             tracuu_movements_t *out);
/* The same for a document being indexed, in bounded memory: each
 * distinct name (kind and name) once, the first occurrence, with its
 * count; the first max only (out->tally says how many there were). */
int tracuu_movements_extract_distinct(const char *text, size_t len,
                                      size_t max, tracuu_movements_t *out);
/* Free the contents of m (not m itself); accepts NULL and empty. */
void tracuu_movements_free(tracuu_movements_t *m);

/* A movement query typed by a user, in the form names are stored: NFC,
 * tone placement unified, surrounding quotes (“ ” " ') removed, blanks
 * collapsed. New; free with free(). NULL only when s is NULL. */
char *tracuu_movement_normalize(const char *s, size_t len);

/* A key under which variants of one name compare equal: lowercase, tone
 * placement unified, dashes (– — -) one '-', punctuation other than
 * '-' dropped, blanks collapsed; diacritics kept ("dân vận khéo"). New;
 * free with free(). NULL only when s is NULL. */
char *tracuu_movement_key(const char *s, size_t len);

/* Vietnamese name of a kind ("phong trào", "cuộc vận động", ...) and its
 * ASCII key ("phong-trao", "cuoc-van-dong", ...); static, "" when out of
 * range. */
const char *tracuu_movement_kind_name(tracuu_movement_kind_t k);
const char *tracuu_movement_kind_key(tracuu_movement_kind_t k);
/* Parse a kind typed by a user: its name with or without diacritics, any
 * case, spaces or dashes ("cuộc vận động", "cuoc-van-dong"), also
 * "phong trào thi đua". Returns false when unknown. */
bool tracuu_movement_kind_parse(const char *s, size_t len,
                                tracuu_movement_kind_t *out);

#ifdef __cplusplus
}
#endif
#endif
