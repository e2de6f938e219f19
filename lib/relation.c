/* relation.c: the relation of a plan to each document it cites, from the words of the clause around the citation. */
#include "relation.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "scan.h"

static const struct {
    const char *slug, *name;
} rel_names[TRACUU_REL_LAST] = {
    [TRACUU_REL_CAN_CU] = {"can-cu", "căn cứ"},
    [TRACUU_REL_THUC_HIEN] = {"thuc-hien", "thực hiện"},
    [TRACUU_REL_HUONG_DAN] = {"huong-dan", "hướng dẫn"},
    [TRACUU_REL_SUA_DOI] = {"sua-doi", "sửa đổi, bổ sung"},
    [TRACUU_REL_THAY_THE] = {"thay-the", "thay thế"},
    [TRACUU_REL_BAI_BO] = {"bai-bo", "bãi bỏ"},
    [TRACUU_REL_MENTIONED] = {"mentioned", "dẫn chiếu"},
};

const char *tracuu_relation_slug(tracuu_relation_t r)
{
    return r < TRACUU_REL_LAST ? rel_names[r].slug : "";
}

const char *tracuu_relation_name(tracuu_relation_t r)
{
    return r < TRACUU_REL_LAST ? rel_names[r].name : "";
}

/* s folded, its blanks and commas as '-' ("sửa đổi, bổ sung" ->
 * "sua-doi-bo-sung"): new, free with free(). */
static char *slugged(const char *s, size_t n)
{
    tracuu_buf_t b = {0};
    tracuu_fold_ascii(s, n, &b);
    tracuu_buf_putc(&b, '\0');
    size_t w = 0;
    for (size_t i = 0; b.s[i]; i++) {
        char c = b.s[i];
        if (c == ' ' || c == ',' || c == '-') {
            if (w && b.s[w - 1] != '-')
                b.s[w++] = '-';
        } else {
            b.s[w++] = c;
        }
    }
    b.s[w] = '\0';
    return tracuu_buf_steal(&b);
}

tracuu_relation_t tracuu_relation_parse(const char *s, size_t n)
{
    char *want = slugged(s, n);
    tracuu_relation_t found = TRACUU_REL_LAST;
    for (int r = 0; r < TRACUU_REL_LAST && found == TRACUU_REL_LAST; r++) {
        char *name = slugged(rel_names[r].name, strlen(rel_names[r].name));
        if (!strcmp(want, rel_names[r].slug) || !strcmp(want, name))
            found = (tracuu_relation_t)r;
        free(name);
    }
    free(want);
    return found;
}

tracuu_relation_t tracuu_relation_stronger(tracuu_relation_t a,
                                           tracuu_relation_t b)
{
    return a < b ? a : b;
}

/* ---- Cues ---- */

enum {
    CUE_HEAD = 1,   /* only at the head of its clause ("Căn cứ") */
    CUE_ACT = 2,    /* this document acts on the cited one: at the
                       clause's head or after "này" ("Luật này sửa đổi") */
    CUE_FRESH = 4,  /* opens a new item even after another citation */
    CUE_STOP = 8,   /* the citation is a mention ("theo quy định tại") */
};

typedef struct cue {
    const char *p; /* folded */
    tracuu_relation_t rel;
    unsigned flags;
} cue_t;

/* Longer cues first where one holds another at the same start. */
static const cue_t cues[] = {
    {"can cu", TRACUU_REL_CAN_CU, CUE_HEAD | CUE_FRESH},
    {"co so phap ly", TRACUU_REL_CAN_CU, CUE_HEAD},
    {"cu the hoa cac quy dinh tai", TRACUU_REL_HUONG_DAN, 0},
    {"cu the hoa", TRACUU_REL_THUC_HIEN, 0},
    {"thuc hien", TRACUU_REL_THUC_HIEN, 0},
    {"thyc hien", TRACUU_REL_THUC_HIEN, 0},
    {"thuc hi\xc2\xa2n", TRACUU_REL_THUC_HIEN, 0},
    {"thyc hi\xc2\xa2n", TRACUU_REL_THUC_HIEN, 0},
    {"trien khai", TRACUU_REL_THUC_HIEN, 0},
    {"theo huong dan", TRACUU_REL_HUONG_DAN, CUE_FRESH},
    {"huong dan cua", TRACUU_REL_HUONG_DAN, CUE_FRESH},
    {"huong dan tai", TRACUU_REL_HUONG_DAN, CUE_FRESH},
    {"quy dinh chi tiet", TRACUU_REL_HUONG_DAN, CUE_ACT},
    {"de thuc hien", TRACUU_REL_THUC_HIEN, CUE_FRESH},
    {"de trien khai", TRACUU_REL_THUC_HIEN, CUE_FRESH},
    {"sua doi", TRACUU_REL_SUA_DOI, CUE_ACT},
    {"bo cum tu", TRACUU_REL_SUA_DOI, CUE_ACT},
    {"thay the", TRACUU_REL_THAY_THE, CUE_ACT},
    {"bai bo", TRACUU_REL_BAI_BO, CUE_ACT},
    {"het hieu luc", TRACUU_REL_BAI_BO, 0},
    {"het lieu luc", TRACUU_REL_BAI_BO, 0},
    {"theo quy dinh", TRACUU_REL_MENTIONED, CUE_STOP},
    {"quy dinh tai", TRACUU_REL_MENTIONED, CUE_STOP},
    {"theo de nghi", TRACUU_REL_MENTIONED, CUE_STOP},
    {"huong dan", TRACUU_REL_HUONG_DAN, CUE_ACT},
    {"theo", TRACUU_REL_MENTIONED, CUE_STOP},
    {"xet", TRACUU_REL_MENTIONED, CUE_STOP | CUE_HEAD},
};
#define N_CUES (sizeof cues / sizeof cues[0])

/* Words of a cited document's title, after its number: a citation that
 * follows them in the same clause is named in that title. */
static const char *const title_words[] = {
    "ve", "ban hanh", "quy dinh", "huong dan", "trien khai", "thuc hien",
    "phe duyet", "sua doi", "bai bo", "thay the", "kem theo", NULL};

/* Between two citations: the second amended the first ("Luật … số
 * 16/2017/QH14 được sửa đổi, bổ sung bởi Luật số 16/2023/QH15"). */
static const char *const chain_words[] = {
    "duoc sua doi", "da sua doi", "sua doi, bo sung boi",
    "sua doi, bo sung theo", "sua doi, bo sung tai", NULL};

/* Words that open a clause at the start of a line. */
static const char *const openers[] = {"can cu", "thuc hien", "theo de nghi",
                                      "xet", "trien khai", NULL};

static bool alnum_at(const char *f, size_t n, size_t i)
{
    return i < n && tracuu_scan_is_alnum((unsigned char)f[i]);
}

static bool word_starts(const char *f, size_t i)
{
    return i == 0 || !tracuu_scan_is_alnum((unsigned char)f[i - 1]);
}

/* p matches at f[i], starting a word and ending one at or before to. */
static size_t match_at(const char *f, size_t n, size_t i, size_t to,
                       const char *p)
{
    if (f[i] != p[0] || !word_starts(f, i))
        return 0;
    size_t e = tracuu_folded_match(f, n, i, p);
    return e && e <= to ? e : 0;
}

/* The last start of one of words in f[from, to), or SIZE_MAX. */
static size_t last_of(const char *f, size_t n, size_t from, size_t to,
                      const char *const *words)
{
    for (size_t i = to; i > from; i--)
        for (size_t k = 0; words[k]; k++)
            if (match_at(f, n, i - 1, to, words[k]))
                return i - 1;
    return SIZE_MAX;
}

/* f[k] is a '.' after a short abbreviation ("TP.", "TM.", "KT."). */
static bool abbrev_dot(const char *f, size_t k)
{
    size_t w = k;
    while (w > 0 && f[w - 1] >= 'a' && f[w - 1] <= 'z')
        w--;
    return k - w >= 1 && k - w <= 2 && (w == 0 || !alnum_at(f, k, w - 1));
}

/* An article's heading at f[j]: "Điều 35." ("Điều 21 của …" is no
 * heading); the offset after its dot, or 0. */
static size_t article_at(const char *f, size_t n, size_t j)
{
    size_t e = tracuu_folded_match(f, n, j, "dieu ");
    size_t d = e;
    while (e && d < n && tracuu_scan_is_digit((unsigned char)f[d]))
        d++;
    return e && d > e && d < n && (f[d] == '.' || f[d] == ':') ? d + 1 : 0;
}

/* Where the clause that holds position pos begins: after a full stop, or
 * at a line that opens with "Căn cứ", "Thực hiện", "Điều" … (";" and
 * line breaks inside lists do not end a clause). */
static size_t clause_start(const char *f, size_t n, size_t pos, size_t lim)
{
    for (size_t k = pos; k > lim; k--) {
        char c = f[k - 1];
        if (c == '.' && k < n && tracuu_scan_is_gap((unsigned char)f[k]) &&
            !abbrev_dot(f, k - 1))
            return k;
        if (c != '\n')
            continue;
        size_t j = k;
        while (j < pos && (tracuu_scan_is_gap((unsigned char)f[j]) ||
                           f[j] == '-' || f[j] == '+'))
            j++;
        if (article_at(f, n, j))
            return k;
        for (size_t o = 0; openers[o]; o++)
            if (match_at(f, n, j, pos, openers[o]))
                return k;
    }
    return lim;
}

/* Only blanks, bullets, an article's heading ("Điều 35.") and an
 * enumerator ("1.", "a)") in f[from, to). */
static bool at_head(const char *f, size_t n, size_t from, size_t to)
{
    size_t i = from;
    while (i < to && !tracuu_scan_is_alnum((unsigned char)f[i]))
        i++;
    size_t a = i < to ? article_at(f, n, i) : 0;
    if (a && a <= to)
        i = a;
    /* Other acts before this one: "Thay thế, bãi bỏ …", "Bãi bỏ, sửa đổi". */
    static const char *const acts[] = {"thay the", "bai bo", "sua doi",
                                       "bo sung", NULL};
    for (bool more = true; more;) {
        while (i < to && (tracuu_scan_is_gap((unsigned char)f[i]) ||
                          f[i] == ','))
            i++;
        more = false;
        for (size_t k = 0; acts[k] && !more; k++) {
            size_t e = match_at(f, n, i, to, acts[k]);
            if (e)
                i = e, more = true;
        }
    }
    size_t letters = 0;
    for (; i < to; i++) {
        unsigned char c = (unsigned char)f[i];
        if (tracuu_scan_is_alnum(c) && ++letters > 3)
            return false;
    }
    return true;
}

/* "được sửa đổi", "đã được thay thế", "bị bãi bỏ": a passive. */
static bool passive_before(const char *f, size_t n, size_t at)
{
    static const char *const aux[] = {"duoc", "bi", NULL};
    size_t w = at;
    while (w > 0 && tracuu_scan_is_gap((unsigned char)f[w - 1]))
        w--;
    size_t s = w;
    while (s > 0 && f[s - 1] >= 'a' && f[s - 1] <= 'z')
        s--;
    return s < w && tracuu_scan_in_list(aux, f + s, w - s) &&
           (s == 0 || !alnum_at(f, n, s - 1));
}

/* What follows a "thay thế" or "bãi bỏ" makes it an amendment: "Thay
 * thế, bãi bỏ một số từ, cụm từ", "Bãi bỏ, sửa đổi, bổ sung". */
static tracuu_relation_t refine(const char *f, size_t n, size_t e,
                                tracuu_relation_t r, size_t to)
{
    static const char *const amend[] = {", sua doi", " mot so tu",
                                        ", bai bo mot so tu", " cum tu",
                                        ", bo sung", NULL};
    if (r != TRACUU_REL_THAY_THE && r != TRACUU_REL_BAI_BO)
        return r;
    for (size_t k = 0; amend[k]; k++) {
        const char *p = amend[k];
        size_t i = e;
        if (*p == ' ')
            p++;
        else if (i < n && f[i] == *p)
            i++, p++;
        else
            continue;
        while (i < to && tracuu_scan_is_gap((unsigned char)f[i]))
            i++;
        if (i < to && tracuu_folded_match(f, n, i, p + (*p == ' ')))
            return TRACUU_REL_SUA_DOI;
    }
    return r;
}

/* The word before f[at] is w. */
static bool after_word(const char *f, size_t at, const char *w)
{
    size_t e = at;
    while (e > 0 && tracuu_scan_is_gap((unsigned char)f[e - 1]))
        e--;
    size_t b = e;
    while (b > 0 && f[b - 1] >= 'a' && f[b - 1] <= 'z')
        b--;
    return e - b == strlen(w) && !memcmp(f + b, w, e - b);
}

/* "sửa đổi" or "bổ sung" just before f[at] ("… đã được sửa đổi, bổ sung
 * một số điều theo …"). */
static bool amended_before(const char *f, size_t n, size_t at)
{
    static const char *const amend[] = {"sua doi", "bo sung", NULL};
    return last_of(f, n, at > 40 ? at - 40 : 0, at, amend) != SIZE_MAX;
}

typedef struct found {
    int cue;     /* index in cues, -1 when none */
    size_t at, end;
} found_t;

/* The nearest cue before to, not before from, that counts here: a head
 * cue at the clause's head (cs), an act cue at the head or after "này". */
static found_t nearest_cue(const char *f, size_t n, size_t cs, size_t from,
                           size_t to, unsigned need)
{
    found_t r = {-1, 0, 0};
    for (size_t i = to; i > from; i--) {
        size_t at = i - 1, e = 0;
        size_t c = 0;
        for (; c < N_CUES; c++)
            if ((!need || (cues[c].flags & need)) &&
                (e = match_at(f, n, at, to, cues[c].p)))
                break;
        if (c == N_CUES)
            continue;
        unsigned fl = cues[c].flags;
        if ((fl & CUE_HEAD) && !at_head(f, n, cs, at))
            continue;
        /* "Hiến pháp … đã được sửa đổi, bổ sung theo Nghị quyết số …":
         * the amending act takes the relation of the clause. */
        if ((fl & CUE_ACT) && passive_before(f, n, at))
            continue;
        /* "kèm theo", and "sửa đổi, bổ sung theo" of a chain. */
        if (!strcmp(cues[c].p, "theo") &&
            (after_word(f, at, "kem") || amended_before(f, n, at)))
            continue;
        r.cue = (int)c, r.at = at, r.end = e;
        return r;
    }
    return r;
}

static tracuu_relation_t cue_relation(const char *f, size_t n, size_t cs,
                                      found_t c, size_t to)
{
    if (c.cue < 0)
        return TRACUU_REL_LAST;
    const cue_t *q = &cues[c.cue];
    if (q->flags & CUE_STOP)
        return TRACUU_REL_MENTIONED;
    if (passive_before(f, n, c.at))
        return TRACUU_REL_MENTIONED;
    if ((q->flags & CUE_ACT) && !at_head(f, n, cs, c.at)) {
        static const char *const nay[] = {"nay", NULL};
        if (last_of(f, n, cs, c.at, nay) == SIZE_MAX)
            return TRACUU_REL_MENTIONED;
    }
    return refine(f, n, c.end, q->rel, to);
}

/* "… số 22/2000/QH10 hết hiệu lực": the cue after the citation, in the
 * same sentence ("Luật … số 01/1997/QH10 và Luật … số 10/2003/QH11 hết
 * hiệu lực"). */
static bool repealed_after(const char *f, size_t n, size_t from)
{
    static const char *const gone[] = {"het hieu luc", "het lieu luc", NULL};
    size_t to = from + 400 < n ? from + 400 : n;
    for (size_t i = from; i < to; i++) {
        if (f[i] == ';' || f[i] == '\n' ||
            (f[i] == '.' && i + 1 < n && tracuu_scan_is_gap((unsigned char)f[i + 1])))
            return false;
        for (size_t k = 0; gone[k]; k++)
            if (match_at(f, n, i, to, gone[k]))
                return true;
    }
    return false;
}

/* The gap from a previous citation of the clause ends with a list
 * separator (',' or ';' before this one's type word). */
static bool list_item(const char *f, size_t from, size_t to)
{
    size_t i = to;
    while (i > from && tracuu_scan_is_gap((unsigned char)f[i - 1]))
        i--;
    return i > from && (f[i - 1] == ',' || f[i - 1] == ';');
}

typedef struct cite {
    size_t at, end;          /* folded offsets of the citation */
    tracuu_relation_t rel;   /* its own */
    tracuu_relation_t clause; /* that of its clause's list */
    bool guide;              /* its type word is "Hướng dẫn" */
} cite_t;

/* The relation of citation c, the previous one of the document p (or
 * NULL), in folded text f[0..n), its clause beginning at lim at the
 * earliest. */
static void classify_one(const char *f, size_t n, size_t lim, cite_t *c,
                         const cite_t *p)
{
    size_t cs = clause_start(f, n, c->at, lim);
    if (p && p->end > cs && p->end <= c->at) {
        size_t g0 = p->end;
        if (last_of(f, n, g0, c->at, chain_words) != SIZE_MAX) {
            c->rel = c->clause = p->clause;
            return;
        }
        found_t fresh = nearest_cue(f, n, cs, g0, c->at, CUE_FRESH);
        if (fresh.cue >= 0) {
            c->rel = c->clause = cue_relation(f, n, cs, fresh, c->at);
            return;
        }
        c->clause = p->clause;
        bool titled = last_of(f, n, g0, c->at, title_words) != SIZE_MAX;
        c->rel = titled && !list_item(f, g0, c->at) ? TRACUU_REL_MENTIONED
                                                    : p->clause;
        if (c->rel == TRACUU_REL_MENTIONED && repealed_after(f, n, c->end))
            c->rel = TRACUU_REL_BAI_BO;
        return;
    }
    /* "(theo Hướng dẫn 7886/HD-BNV …)": the guidance itself. */
    if (c->guide && after_word(f, c->at, "theo")) {
        c->rel = c->clause = TRACUU_REL_HUONG_DAN;
        return;
    }
    found_t q = nearest_cue(f, n, cs, cs, c->at, 0);
    tracuu_relation_t r = cue_relation(f, n, cs, q, c->at);
    if (r == TRACUU_REL_LAST)
        r = TRACUU_REL_MENTIONED;
    if (r == TRACUU_REL_MENTIONED && repealed_after(f, n, c->end))
        r = TRACUU_REL_BAI_BO;
    c->rel = c->clause = r;
}

/* The folded offset of source offset pos (the first folded byte made by
 * a source byte at or after pos). */
static size_t folded_at(const tracuu_folded_t *F, size_t pos)
{
    size_t lo = 0, hi = F->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (F->src[mid] < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The text read around a citation: the clause before it (clause_start
 * looks no further) and a sentence after it (repealed_after). The text
 * is folded a block at a time, the citations coming in text order. */
#define WINDOW_BEFORE 1500
#define WINDOW_AFTER 400
#define BLOCK (64 * 1024)

void tracuu_relation_reader_init(tracuu_relation_reader_t *r,
                                 const char *text, size_t len)
{
    memset(r, 0, sizeof *r);
    r->text = text;
    r->len = len;
}

void tracuu_relation_reader_free(tracuu_relation_reader_t *r)
{
    tracuu_folded_free(&r->folded);
    memset(r, 0, sizeof *r);
}

static size_t char_start(const char *t, size_t len, size_t i)
{
    while (i > 0 && i < len && ((unsigned char)t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* Fold the block that holds text[from, to), unless it is folded. */
static void fold_block(tracuu_relation_reader_t *r, size_t from, size_t to)
{
    if (r->folded.s && from >= r->bs && to <= r->be)
        return;
    tracuu_folded_free(&r->folded);
    r->bs = char_start(r->text, r->len, from);
    size_t be = r->bs + BLOCK > to ? r->bs + BLOCK : to;
    be = be < r->len ? be : r->len;
    while (be < r->len && ((unsigned char)r->text[be] & 0xC0) == 0x80)
        be++;
    r->be = be;
    tracuu_folded_make(r->text + r->bs, r->be - r->bs, &r->folded);
}

tracuu_relation_t tracuu_relation_read(tracuu_relation_reader_t *r,
                                       size_t start, size_t end, bool guide)
{
    size_t from = start > WINDOW_BEFORE ? start - WINDOW_BEFORE : 0;
    size_t to = end + WINDOW_AFTER < r->len ? end + WINDOW_AFTER : r->len;
    fold_block(r, from, to);
    const tracuu_folded_t *F = &r->folded;
    cite_t c = {.at = folded_at(F, start - r->bs),
                .end = folded_at(F, end - r->bs), .guide = guide};
    cite_t p = {0};
    bool has_prev = r->has_prev && r->prev_end > from && r->prev_end <= start;
    if (has_prev) {
        p.end = folded_at(F, r->prev_end - r->bs);
        p.rel = p.clause = r->prev_clause;
    }
    classify_one(F->s, F->len, folded_at(F, from - r->bs), &c,
                 has_prev ? &p : NULL);
    r->has_prev = true;
    r->prev_start = start;
    r->prev_end = end;
    r->prev_clause = c.clause;
    return c.rel;
}

/* Where a symbol's citation starts: its type word, else itself. */
size_t tracuu_relation_start(const tracuu_symbol_t *s)
{
    return s->word ? s->word_span.start : s->span.start;
}

bool tracuu_relation_guide(const tracuu_symbol_t *s)
{
    return s->word && !strcmp(s->word->folded, "huong dan");
}

int tracuu_relations_classify(const char *text, size_t len,
                              const tracuu_symbols_t *syms,
                              tracuu_relation_t *out)
{
    tracuu_relation_reader_t r;
    tracuu_relation_reader_init(&r, text, len);
    for (size_t i = 0; syms && i < syms->n; i++) {
        const tracuu_symbol_t *s = &syms->items[i];
        out[i] = s->own ? TRACUU_REL_MENTIONED
                        : tracuu_relation_read(&r, tracuu_relation_start(s),
                                               s->span.end,
                                               tracuu_relation_guide(s));
    }
    tracuu_relation_reader_free(&r);
    return 0;
}
