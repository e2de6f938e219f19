/* header.c: what a plan says about itself, read from its first lines and its signature block. */
#include "header.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doctables.h"
#include "fold.h"
#include "scan.h"

/* Every loop over lines and bytes is bounded by these. */
enum {
    HEAD_LINES = 200,     /* lines (blank ones included) read for the header */
    HEAD_BYTES = 24000,   /* ... within at most this many bytes */
    HEAD_NONBLANK = 40,   /* non-blank lines after which the body surely began */
    FOLD_CAP = 256,       /* bytes of a line's folded form that are examined */
    TITLE_LINES = 10,
    TITLE_BYTES = 2000,
    OPENING_BYTES = 6000, /* bytes read for the issuer in an opening sentence */
    SIG_BEFORE = 40,      /* lines before the anchor searched for signatures */
    SIG_AFTER = 60,       /* lines from the anchor on */
    SIG_MAX = 4,
    RECIPIENTS_MAX = 64,
    ROLE_LINE_BYTES = 90, /* longer lines are not role lines */
    /* A line is read up to this many bytes: a text of one 16 MB line made
     * a 16 MB title and folded copies of it (8 bytes a byte): 273 MB of
     * peak RSS, now 93 MB; one 16 MB line of words and commas 237 MB,
     * now 108 MB. No line of ../shared is over 4,000 bytes. */
    LINE_BYTES = 8192,
};

/* One line of the text, trimmed of blanks and Markdown marks. */
typedef struct line {
    size_t s, e;
} line_t;

typedef struct lines {
    line_t *v;
    size_t n;
} lines_t;

/* ---- Tables -------------------------------------------------------------- */

/* Words a line of body text starts with; they end a title or a header. */
static const char *const body_openers[] = {
    "can cu ", "theo de nghi", "xet de nghi", "tren co so ", "dieu 1",
    "chuong i", "kinh gui",
};
/* Words that open a sentence of the body, or a title ("Thực hiện phong
 * trào thi đua …"): body when the line cites a document by number. */
static const char *const sentence_openers[] = {
    "thuc hien ", "trien khai ", "phat huy ", "nham ", "de ",
};

/* How the name of an organisation begins (folded, a whole word or words). */
static const char *const org_words[] = {
    "uy ban", "ubnd", "ub mttq", "ubmttq", "hoi dong", "hdnd", "ban", "so",
    "phong", "trung tam", "lien doan", "ldld", "cong doan", "dang uy",
    "dang bo", "chi bo", "tinh uy", "huyen uy", "thanh uy", "thi uy",
    "quan uy", "truong", "bo", "cuc", "chi cuc", "tong cuc", "van phong",
    "thanh tra", "toa an", "vien", "doan", "tinh doan", "huyen doan",
    "thanh doan", "hoi", "mat tran", "cong an", "bo chi huy", "ban chi huy",
    "kho bac", "chi nhanh", "benh vien", "cong ty", "chinh phu", "quoc hoi",
    "hoc vien", "dai hoc", "tram", "doi", "thuong truc", "nha xuat ban",
};

/* Objects of "xây dựng / ban hành" in an opening sentence. */
static const char *const opening_verbs[] = {
    "xay dung va ban hanh", "xay dung, ban hanh", "ban hanh", "xay dung",
};
static const char *const opening_objects[] = {
    "ke hoach", "chuong trinh", "huong dan", "phuong an", "quyet dinh",
};

/* Prefixes of a signature's authority line (ký thay, thay mặt, ...). */
static const char *const sign_prefixes[] = {
    "tm.", "kt.", "tl.", "tuq.", "q.", "pp.", "tm ", "kt ", "tl ",
};

/* Roles that head a new line of a signature block (after an optional
 * "phó "); a line holding only one of these is a role of its own. */
static const char *const roles[] = {
    "chu tich", "giam doc", "tong giam doc", "truong phong", "truong ban",
    "truong khoa", "truong tram", "truong doan", "bo truong", "thu truong",
    "thu tuong", "chu nhiem", "bi thu", "cuc truong", "vu truong",
    "chanh van phong", "hieu truong", "vien truong", "chanh an",
    "chanh thanh tra", "tong cuc truong", "ke toan truong", "tong thu ky",
    "uy vien", "quyen", "tong kiem toan", "thu truong co quan",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Small text helpers -------------------------------------------------- */

/* Trim blanks and Markdown marks ('#', '*', '>') off both ends. */
static line_t line_trim(const char *t, size_t s, size_t e)
{
    while (s < e && (tracuu_scan_is_space(t[s]) || t[s] == '#' || t[s] == '*' ||
                     t[s] == '>'))
        s++;
    while (e > s && (tracuu_scan_is_space(t[e - 1]) || t[e - 1] == '*'))
        e--;
    return (line_t){s, e};
}

/* Collect up to max lines starting at byte from, stopping before byte
 * limit. out->v is new (free it). */
static void lines_collect(const char *t, size_t len, size_t from, size_t limit,
                          size_t max, lines_t *out)
{
    out->v = tracuu_xmalloc((max ? max : 1) * sizeof *out->v);
    out->n = 0;
    if (limit > len)
        limit = len;
    size_t p = from;
    while (p < limit && out->n < max) {
        const char *nl = memchr(t + p, '\n', len - p);
        size_t e = nl ? (size_t)(nl - t) : len;
        size_t cut = e;
        if (cut - p > LINE_BYTES) {
            cut = p + LINE_BYTES;
            while (cut > p && ((unsigned char)t[cut] & 0xC0) == 0x80)
                cut--;
        }
        out->v[out->n++] = line_trim(t, p, cut);
        p = e + 1;
    }
}

static bool line_blank(line_t l)
{
    return l.s >= l.e;
}

/* A line of dashes or underscores ("-------"), possibly glued to text. */
static bool line_separator(const char *t, line_t l)
{
    size_t dashes = 0;
    for (size_t i = l.s; i < l.e; i++) {
        if (t[i] == '-' || t[i] == '_' || t[i] == '=')
            dashes++;
        else if (t[i] != ' ')
            return false;
    }
    return dashes >= 3;
}

/* Folded form (lowercase, no diacritics, đ -> d, Markdown '*' dropped,
 * blanks collapsed) of t[s..e) into out[cap]; non-Latin letters become
 * '?'. Returns its length. */
static size_t fold_range(const char *t, size_t s, size_t e, char *out,
                         size_t cap)
{
    assert(cap > 0 && s <= e);
    size_t n = 0;
    bool space = false;
    size_t i = s;
    while (i < e && n + 1 < cap) {
        uint32_t cp = tracuu_utf8_next(t, e, &i);
        if (cp == '*')
            continue;
        if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n') {
            space = n > 0;
            continue;
        }
        uint32_t f = cp < 0x80 ? cp : tracuu_cp_fold(cp);
        if (f == 0)
            continue;
        if (f >= 'A' && f <= 'Z')
            f += 32;
        if (space) {
            out[n++] = ' ';
            space = false;
            if (n + 1 >= cap)
                break;
        }
        out[n++] = f < 0x80 ? (char)f : '?';
    }
    out[n] = '\0';
    return n;
}

static size_t fold_line(const char *t, line_t l, char *out, size_t cap)
{
    return fold_range(t, l.s, l.e, out, cap);
}

static bool starts_with(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

enum { HAS_UPPER = 1, HAS_LOWER = 2 };

/* Which cases the letters of t[s..e) come in. */
static int letter_cases(const char *t, size_t s, size_t e)
{
    int f = 0;
    size_t i = s;
    while (i < e && f != (HAS_UPPER | HAS_LOWER)) {
        uint32_t cp = tracuu_utf8_next(t, e, &i);
        if (tracuu_cp_lower(cp) != cp)
            f |= HAS_UPPER;
        else if (tracuu_cp_upper(cp) != cp)
            f |= HAS_LOWER;
    }
    return f;
}

static bool range_upper(const char *t, size_t s, size_t e)
{
    return letter_cases(t, s, e) == HAS_UPPER;
}

/* The first character of t[s..e) is a lowercase letter or a digit. */
static bool starts_lower(const char *t, size_t s, size_t e)
{
    return s < e && (tracuu_scan_is_digit((unsigned char)t[s]) ||
                     tracuu_scan_lower_at(t, e, s));
}

/* Append t[s..e) to b with Markdown '*' dropped and blanks collapsed,
 * one space apart from what b already holds. */
static void append_clean(tracuu_buf_t *b, const char *t, size_t s, size_t e)
{
    tracuu_buf_put_collapsed(b, t + s, e - s, "*");
}

static char *clean_dup(const char *t, size_t s, size_t e)
{
    tracuu_buf_t b = {0};
    append_clean(&b, t, s, e);
    if (b.len == 0) {
        tracuu_buf_free(&b);
        return NULL;
    }
    return tracuu_buf_steal(&b);
}

static size_t count_words(const char *f)
{
    size_t n = 0;
    bool in = false;
    for (; *f; f++) {
        if (*f == ' ') {
            in = false;
        } else if (!in) {
            in = true;
            n++;
        }
    }
    return n;
}

static bool folded_word_start(const char *f, size_t i)
{
    return i == 0 || !tracuu_scan_is_alnum(f[i - 1]);
}

static bool has_digit(const char *f)
{
    for (; *f; f++)
        if (*f >= '0' && *f <= '9')
            return true;
    return false;
}

static bool starts_with_org(const char *f)
{
    for (size_t i = 0; i < COUNT(org_words); i++)
        if (tracuu_scan_starts_word(f, org_words[i]))
            return !tracuu_scan_starts_word(f, "bo truong");
    return false;
}

/* "I.", "IV.", "1.", "2)" at the start of a folded line. */
static bool folded_heading(const char *f)
{
    size_t i = 0;
    if (f[0] >= '0' && f[0] <= '9') {
        while (i < 3 && f[i] >= '0' && f[i] <= '9')
            i++;
    } else {
        while (i < 5 && (f[i] == 'i' || f[i] == 'v' || f[i] == 'x'))
            i++;
    }
    return i > 0 && (f[i] == '.' || f[i] == ')') && (f[i + 1] == ' ' ||
                                                     f[i + 1] == '\0');
}

/* "47/KH-LĐLĐ", "số 12": the folded line cites a document by number. */
static bool folded_cites(const char *f)
{
    for (size_t i = 0; f[i]; i++) {
        if (f[i] >= '0' && f[i] <= '9' && (f[i + 1] == '/' || f[i + 1] == '-'))
            return true;
        if (tracuu_scan_starts_word(f + i, "so") && folded_word_start(f, i) &&
            f[i + 2] == ' ' && f[i + 3] >= '0' && f[i + 3] <= '9')
            return true;
    }
    return false;
}

/* A line of body text; first_title allows "Thực hiện …" without a cited
 * number, which opens titles as often as sentences. */
static bool folded_body_opener_at(const char *f, bool first_title)
{
    for (size_t i = 0; i < COUNT(body_openers); i++)
        if (starts_with(f, body_openers[i]))
            return true;
    for (size_t i = 0; i < COUNT(sentence_openers); i++)
        if (starts_with(f, sentence_openers[i]))
            return !first_title || folded_cites(f);
    return false;
}

static bool folded_body_opener(const char *f)
{
    return folded_body_opener_at(f, false);
}

/* The line begins the body: an opener in mixed case, or a heading. */
static bool line_body_start(const char *t, line_t l, const char *f)
{
    if (range_upper(t, l.s, l.e))
        return false;
    return folded_body_opener(f) || folded_heading(f);
}

/* ---- Type and title ------------------------------------------------------ */

static const char *doc_type_folded(const char *f)
{
    for (const tracuu_heading_t *h = tracuu_headings; h->folded; h++)
        if (strcmp(f, h->folded) == 0)
            return h->name;
    return NULL;
}

/* The type line at line i, also broken in two ("QUYẾT" / "ĐỊNH"); sets
 * *last to the line it ends on. */
static const char *match_doc_type(const char *t, const lines_t *L, size_t i,
                                  const char *f, size_t *last)
{
    line_t l = L->v[i];
    if (!range_upper(t, l.s, l.e))
        return NULL;
    const char *type = doc_type_folded(f);
    *last = i;
    if (type || i + 1 >= L->n || line_blank(L->v[i + 1]) ||
        strchr(f, ' ') || !range_upper(t, L->v[i + 1].s, L->v[i + 1].e))
        return type;
    char g[FOLD_CAP];
    fold_range(t, l.s, L->v[i + 1].e, g, sizeof g);
    type = doc_type_folded(g);
    if (type)
        *last = i + 1;
    return type;
}

/* Should line j (after `gap` blank lines) continue a title whose lines so
 * far are all uppercase (upper) or in mixed case? */
static bool title_continues(const char *t, line_t l, size_t gap, bool upper)
{
    char f[FOLD_CAP];
    fold_line(t, l, f, sizeof f);
    if (gap >= 2 || line_separator(t, l) || t[l.e - 1] == ':')
        return false;
    if (folded_heading(f) || starts_with(f, "v/v"))
        return false;
    int cases = letter_cases(t, l.s, l.e);
    if (upper) /* "2026 - 2030" has no letters and goes on too */
        return (cases & HAS_LOWER) == 0 && gap == 0;
    if (cases == HAS_UPPER ||
        (tracuu_scan_upper_at(t, l.e, l.s) && folded_body_opener(f)))
        return false;
    /* After a blank line only a phrase that goes on in lowercase. */
    return gap == 0 || starts_lower(t, l.s, l.e);
}

/* Build the title from line i (the first title line) on; returns the index
 * of the last line used. */
static size_t title_build(const char *t, const lines_t *L, size_t i,
                          tracuu_buf_t *b)
{
    bool upper = range_upper(t, L->v[i].s, L->v[i].e);
    append_clean(b, t, L->v[i].s, L->v[i].e);
    size_t last = i, used = 1;
    size_t gap = 0;
    for (size_t j = i + 1; j < L->n && used < TITLE_LINES; j++) {
        line_t l = L->v[j];
        if (line_blank(l)) {
            gap++;
            continue;
        }
        if (!title_continues(t, l, gap, upper) || b->len > TITLE_BYTES)
            break;
        append_clean(b, t, l.s, l.e);
        last = j;
        used++;
        gap = 0;
    }
    return last;
}

/* ---- Number ----------------------------------------------------------- */

/* A "Số: …" line (also "Luật số:", "Số 2696/…"): returns the byte where
 * the number begins in t, or 0 when the line is not one. */
static size_t number_line(const char *t, line_t l, const char *f)
{
    size_t w = 0, i = 0;
    while (w < 3 && f[i]) {
        if (tracuu_scan_starts_word(f + i, "so")) {
            size_t k = i + 2;
            while (f[k] == ' ')
                k++;
            bool colon = f[k] == ':';
            if (!colon && !(w == 0 && f[i + 2] == ' ' && f[k] >= '0' &&
                            f[k] <= '9'))
                return 0;
            const char *c = colon ? memchr(t + l.s, ':', l.e - l.s) : NULL;
            if (colon && !c)
                return 0;
            size_t p = colon ? (size_t)(c - t) + 1 : l.s;
            if (!colon)
                while (p < l.e && !tracuu_scan_is_space(t[p]))
                    p++;
            return p;
        }
        while (f[i] && f[i] != ' ')
            i++;
        while (f[i] == ' ')
            i++;
        w++;
    }
    return 0;
}

static bool number_byte(char c)
{
    return !tracuu_scan_is_space(c) && c != '|' && c != ',' && c != ';' && c != '*';
}

/* Read the number at t[p..e): tokens glued by '-' or '/' across spaces
 * ("221/KH - LĐLĐ"). Fills the span; returns the number with the spaces
 * removed, or NULL. */
static char *number_read(const char *t, size_t p, size_t e, tracuu_span_t *sp)
{
    while (p < e && (t[p] == ' ' || t[p] == '\t' || t[p] == '*'))
        p++;
    if (p >= e || !(t[p] >= '0' && t[p] <= '9'))
        return NULL;
    tracuu_buf_t b = {0};
    size_t q = p, end = p;
    while (q < e) {
        while (q < e && number_byte(t[q]))
            tracuu_buf_putc(&b, t[q++]);
        end = q;
        size_t r = q;
        while (r < e && (t[r] == ' ' || t[r] == '\t'))
            r++;
        char last = b.len ? b.s[b.len - 1] : 0;
        if (r < e && r > q && (last == '-' || last == '/' || t[r] == '-' ||
                               t[r] == '/') && number_byte(t[r]))
            q = r;
        else
            break;
    }
    while (b.len && (b.s[b.len - 1] == '.' || b.s[b.len - 1] == '-')) {
        b.len--;
        end--;
    }
    if (b.len)
        b.s[b.len] = '\0';
    if (!b.len || (!memchr(b.s, '/', b.len) && !memchr(b.s, '-', b.len))) {
        tracuu_buf_free(&b);
        return NULL;
    }
    sp->start = p;
    sp->end = end;
    return tracuu_buf_steal(&b);
}

/* ---- Place and date line -------------------------------------------------- */

static size_t skip_digits(const char *f, size_t n, size_t i, size_t max)
{
    size_t k = 0;
    while (i < n && k < max && f[i] >= '0' && f[i] <= '9') {
        i++;
        k++;
    }
    return i;
}

/* After "ngày": "07 tháng 01 năm 2025" or "07/01/2025" in folded f;
 * returns the end of the year, or 0. */
static size_t date_end(const char *f, size_t n, size_t i)
{
    i = tracuu_scan_skip_space(f, n, i, SIZE_MAX);
    size_t d = skip_digits(f, n, i, 2);
    if (d == i)
        return 0;
    i = d;
    if (i < n && (f[i] == '/' || f[i] == '-' || f[i] == '.')) {
        size_t m = skip_digits(f, n, i + 1, 2);
        if (m == i + 1 || m >= n || f[m] != f[i])
            return 0;
        size_t y = skip_digits(f, n, m + 1, 4);
        return y == m + 5 ? y : 0;
    }
    i = tracuu_scan_skip_space(f, n, i, SIZE_MAX);
    if (n - i < 5 || strncmp(f + i, "thang", 5) != 0)
        return 0;
    i = tracuu_scan_skip_space(f, n, i + 5, SIZE_MAX);
    size_t m = skip_digits(f, n, i, 2);
    if (m == i)
        return 0;
    i = tracuu_scan_skip_space(f, n, m, SIZE_MAX);
    if (n - i < 3 || strncmp(f + i, "nam", 3) != 0)
        return 0;
    i = tracuu_scan_skip_space(f, n, i + 3, SIZE_MAX);
    size_t y = skip_digits(f, n, i, 4);
    return y == i + 4 ? y : 0;
}

/* May line l be the first half of a place split over two lines
 * ("Thành phố Hồ" / "Chí Minh, ngày …")? */
static bool place_head(const char *t, line_t l)
{
    char f[FOLD_CAP];
    fold_line(t, l, f, sizeof f);
    return !line_blank(l) && !line_separator(t, l) && !has_digit(f) &&
           !strchr(f, ':') && !strchr(f, '|') && count_words(f) <= 4 &&
           !range_upper(t, l.s, l.e) && tracuu_scan_upper_at(t, l.e, l.s) &&
           !starts_with(f, "doc lap");
}

/* Look for "<Place>, ngày dd tháng mm năm yyyy" starting on line i. */
static bool date_line_at(const char *t, const lines_t *L, size_t i,
                         tracuu_header_t *h)
{
    line_t l = L->v[i];
    /* The date may go on over the next two lines ("Hà Nội," / "ngày" /
     * "02 tháng 12 năm 2025"). */
    size_t end_src = l.e;
    for (size_t j = i + 1, k = 0; j < L->n && j <= i + 4 && k < 2; j++)
        if (!line_blank(L->v[j])) {
            end_src = L->v[j].e;
            k++;
        }
    tracuu_folded_t F;
    tracuu_folded_make(t + l.s, end_src - l.s, &F);
    bool ok = false;
    const char *comma = memchr(F.s, ',', F.len);
    if (!comma)
        goto out;
    size_t c = (size_t)(comma - F.s);
    if (F.src[c] >= l.e - l.s)
        goto out;
    size_t k = tracuu_scan_skip_space(F.s, F.len, c + 1, SIZE_MAX);
    if (F.len - k < 5 || strncmp(F.s + k, "ngay", 4) != 0)
        goto out;
    size_t y = date_end(F.s, F.len, k + 4);
    if (!y)
        goto out;
    /* The place: this line before the comma (after a table bar), and maybe
     * the line before it. */
    size_t ps = l.s, pe = l.s + F.src[c];
    for (size_t q = pe; q > l.s; q--)
        if (t[q - 1] == '|' || (q >= l.s + 3 && (t[q - 1] == '_' ||
                                                 t[q - 1] == '-') &&
                                t[q - 2] == t[q - 1] && t[q - 3] == t[q - 1])) {
            ps = q;
            break;
        }
    tracuu_buf_t b = {0};
    size_t place_start = ps;
    if (ps == l.s && i > 0 && place_head(t, L->v[i - 1])) {
        append_clean(&b, t, L->v[i - 1].s, L->v[i - 1].e);
        place_start = L->v[i - 1].s;
    }
    append_clean(&b, t, ps, pe);
    char pf[FOLD_CAP];
    fold_range(b.s ? b.s : "", 0, b.len, pf, sizeof pf);
    if (b.len == 0 || has_digit(pf) || strchr(pf, ':') ||
        count_words(pf) > 8 || !tracuu_scan_upper_at(b.s, b.len, 0)) {
        tracuu_buf_free(&b);
        goto out;
    }
    while (place_start < pe && tracuu_scan_is_space(t[place_start]))
        place_start++;
    h->place = tracuu_buf_steal(&b);
    h->date_line.start = place_start;
    h->date_line.end = l.s + F.src[y];
    ok = true;
out:
    tracuu_folded_free(&F);
    return ok;
}

/* ---- Issuer -------------------------------------------------------------- */

/* The header block: uppercase lines before the separator or the national
 * motto, first column of a table row. */
static char *issuer_from_block(const char *t, const lines_t *L, size_t stop)
{
    tracuu_buf_t b = {0};
    size_t seen = 0;
    for (size_t i = 0; i < L->n && i < stop && seen < 8; i++) {
        line_t l = L->v[i];
        if (line_blank(l))
            continue;
        seen++;
        char f[FOLD_CAP];
        fold_line(t, l, f, sizeof f);
        if (line_separator(t, l) || starts_with(f, "cong hoa") ||
            starts_with(f, "doc lap"))
            break;
        size_t e = l.e;
        bool last = false;
        if (number_line(t, l, f)) {
            /* "CHÍNH PHỦ_____ Số: 170/2025/NĐ-CP | …": the issuer precedes. */
            const char *so = NULL;
            for (size_t q = l.s; q + 4 <= l.e && !so; q++)
                if (memcmp(t + q, "S\xE1\xBB\x91", 4) == 0 && q > l.s)
                    so = t + q;
            if (!so)
                break;
            e = (size_t)(so - t);
            last = true;
        }
        const char *bar = memchr(t + l.s, '|', e - l.s);
        if (bar)
            e = (size_t)(bar - t);
        /* "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI …" on one line. */
        char *ch = strstr(f, "cong hoa xa hoi");
        if (ch && !bar) {
            size_t words = 0;
            for (const char *p = f; p < ch; p++)
                words += *p == ' ';
            size_t q = l.s;
            for (size_t w = 0; w < words && q < e; q++)
                if (t[q] == ' ')
                    w++;
            e = q;
        }
        while (e > l.s && (t[e - 1] == '-' || t[e - 1] == '_' ||
                           tracuu_scan_is_space(t[e - 1]) || t[e - 1] == '*'))
            e--;
        if (e <= l.s) {
            if (bar || last)
                break;
            continue;
        }
        if (!range_upper(t, l.s, e))
            break;
        append_clean(&b, t, l.s, e);
        if (bar || last)
            break;
    }
    if (!b.len) {
        tracuu_buf_free(&b);
        return NULL;
    }
    /* A block that is only a type line is no issuer. */
    char f[FOLD_CAP];
    fold_range(b.s, 0, b.len, f, sizeof f);
    if (doc_type_folded(f)) {
        tracuu_buf_free(&b);
        return NULL;
    }
    return tracuu_buf_steal(&b);
}

/* The authority line after the title of an act whose header has no issuer
 * ("ỦY BAN THƯỜNG VỤ QUỐC HỘI" above "Căn cứ …"). */
static char *issuer_from_authority(const char *t, const lines_t *L, size_t i)
{
    size_t seen = 0;
    for (; i < L->n && seen < 3; i++) {
        line_t l = L->v[i];
        if (line_blank(l) || line_separator(t, l))
            continue;
        seen++;
        char f[FOLD_CAP];
        fold_line(t, l, f, sizeof f);
        if (!range_upper(t, l.s, l.e) || !starts_with_org(f))
            return NULL;
        size_t j = i + 1;
        while (j < L->n && line_blank(L->v[j]))
            j++;
        char g[FOLD_CAP];
        if (j >= L->n)
            return NULL;
        fold_line(t, L->v[j], g, sizeof g);
        if (!starts_with(g, "can cu"))
            return NULL;
        return clean_dup(t, l.s, l.e);
    }
    return NULL;
}

/* "Ban Thường vụ … huyện xây dựng kế hoạch …", "UBND xã ban hành Kế
 * hoạch …": the subject of the first such clause in t[from..to). */
static char *issuer_from_opening(const char *t, size_t from, size_t to)
{
    tracuu_folded_t F;
    tracuu_folded_make(t + from, to - from, &F);
    char *res = NULL;
    for (size_t i = 1; i < F.len && !res; i++) {
        if (!folded_word_start(F.s, i) || (F.s[i] != 'x' && F.s[i] != 'b'))
            continue;
        size_t v = 0;
        for (size_t k = 0; k < COUNT(opening_verbs) && !v; k++)
            v = tracuu_folded_match(F.s, F.len, i, opening_verbs[k]);
        if (!v)
            continue;
        size_t o = 0, vs = tracuu_scan_skip_space(F.s, F.len, v, SIZE_MAX);
        if (vs == v)
            continue;
        for (size_t k = 0; k < COUNT(opening_objects) && !o; k++)
            o = tracuu_folded_match(F.s, F.len, vs, opening_objects[k]);
        if (!o)
            continue;
        /* Back to the start of the clause. */
        size_t e = i;
        while (e > 0 && tracuu_scan_is_space(F.s[e - 1]))
            e--;
        size_t s = e;
        while (s > 0 && e - s < 400) {
            char c = F.s[s - 1];
            if (c == ';' || c == '.' || c == ':' || c == ',' || c == '(' ||
                c == ')')
                break;
            if (c == '\n') {
                /* A blank line ends the clause. */
                size_t k = s - 1;
                while (k > 0 && (F.s[k - 1] == ' ' || F.s[k - 1] == '\t' ||
                                 F.s[k - 1] == '\r'))
                    k--;
                if (k > 0 && F.s[k - 1] == '\n')
                    break;
            }
            s--;
        }
        s = tracuu_scan_skip_space(F.s, F.len, s, SIZE_MAX);
        if (s >= e)
            break;
        size_t cut = e;
        for (size_t k = s; k + 9 <= e; k++)
            if (strncmp(F.s + k, " phoi hop", 9) == 0 ||
                strncmp(F.s + k, "\nphoi hop", 9) == 0) {
                cut = k;
                break;
            }
        size_t ss = from + F.src[s], se = from + F.src[cut];
        char f[FOLD_CAP];
        fold_range(t, ss, se, f, sizeof f);
        size_t w = count_words(f);
        if (tracuu_scan_upper_at(t, se, ss) && starts_with_org(f) && !has_digit(f) &&
            w >= 2 && w <= 16)
            res = clean_dup(t, ss, se);
        break; /* only the first such clause speaks for the plan */
    }
    tracuu_folded_free(&F);
    return res;
}

/* ---- Signature and recipients ------------------------------------------- */

/* "Nơi nhận:" (OCR "Noi nhin:"): returns the byte after the colon, or 0. */
static size_t recipients_line(const char *t, line_t l)
{
    char f[32];
    fold_range(t, l.s, l.e < l.s + 40 ? l.e : l.s + 40, f, sizeof f);
    if (!starts_with(f, "noi nh"))
        return 0;
    size_t k = 6;
    while (k < 10 && f[k] >= 'a' && f[k] <= 'z')
        k++;
    if (k == 6 || k == 10)
        return 0;
    if (f[k] == ' ')
        k++;
    if (f[k] != ':')
        return 0;
    const char *c = memchr(t + l.s, ':', l.e - l.s);
    return c ? (size_t)(c - t) + 1 : 0;
}

static bool body_end_line(const char *t, line_t l)
{
    return l.e - l.s >= 2 && t[l.e - 1] == '.' && t[l.e - 2] == '/';
}

static bool item_line(const char *t, line_t l)
{
    return !line_blank(l) && (t[l.s] == '-' || t[l.s] == '+' ||
                              (l.e - l.s >= 3 &&
                               memcmp(t + l.s, "\xE2\x80\xA2", 3) == 0));
}

static bool folded_role(const char *f)
{
    const char *r = f;
    if (starts_with(r, "pho ")) /* a deputy of anything */
        return true;
    for (size_t i = 0; i < COUNT(roles); i++)
        if (tracuu_scan_starts_word(r, roles[i]))
            return true;
    return false;
}

static bool folded_sign_prefix(const char *f)
{
    for (size_t i = 0; i < COUNT(sign_prefixes); i++)
        if (starts_with(f, sign_prefixes[i]))
            return true;
    return false;
}

/* A line that opens a segment of a signature block. */
static bool role_start(const char *t, size_t s, size_t e)
{
    if (e <= s || e - s > ROLE_LINE_BYTES || !range_upper(t, s, e))
        return false;
    char f[FOLD_CAP];
    fold_range(t, s, e, f, sizeof f);
    return folded_sign_prefix(f) || folded_role(f);
}

/* A role broken over two lines ("CHỦ" / "TỊCH") at line i: returns the
 * end byte of the role text, or 0. */
static size_t role_start_at(const char *t, const lines_t *L, size_t i)
{
    line_t l = L->v[i];
    if (role_start(t, l.s, l.e))
        return l.e;
    if (i + 1 < L->n && !line_blank(L->v[i + 1]) &&
        L->v[i + 1].e - l.s <= ROLE_LINE_BYTES &&
        role_start(t, l.s, L->v[i + 1].e))
        return L->v[i + 1].e;
    return 0;
}

/* "Vũ Xuân Hào", "Lwu Manh Tua": two to six capitalised words. */
static bool person_name(const char *t, line_t l)
{
    if (l.e - l.s > 60 || l.s >= l.e)
        return false;
    size_t words = 0;
    size_t i = l.s;
    bool word_start = true;
    while (i < l.e) {
        uint32_t cp = tracuu_utf8_next(t, l.e, &i);
        if (cp == '*')
            continue;
        if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r') {
            word_start = true;
            continue;
        }
        bool up = tracuu_cp_lower(cp) != cp, lo = tracuu_cp_upper(cp) != cp;
        if (!up && !lo)
            return false;
        if (word_start) {
            if (!up)
                return false;
            words++;
            word_start = false;
        } else if (!lo) {
            return false;
        }
    }
    return words >= 2 && words <= 6;
}

/* Lines a name may sit under: "(Đã ký)", "Đã ký", "(Chữ ký, dấu)". */
static bool signature_filler(const char *t, line_t l)
{
    char f[FOLD_CAP];
    fold_line(t, l, f, sizeof f);
    return f[0] == '(' || starts_with(f, "da ky") || starts_with(f, "ky boi") ||
           starts_with(f, "ky ten");
}

/* Append one line of a signature's role: a new segment after " / ", or
 * the rest of the one before ("TM. ỦY BAN NHÂN" / "DÂN"). A prefix glued
 * to its word is spaced: "KT.CHỦ TỊCH" -> "KT. CHỦ TỊCH". */
static void role_append(tracuu_buf_t *b, const char *t, size_t s, size_t e,
                        bool new_segment)
{
    tracuu_buf_t seg = {0};
    append_clean(&seg, t, s, e);
    if (!seg.len)
        return;
    if (b->len)
        tracuu_buf_puts(b, new_segment ? " / " : " ");
    const char *dot = memchr(seg.s, '.', seg.len < 5 ? seg.len : 5);
    size_t cut = dot ? (size_t)(dot - seg.s) + 1 : 0;
    if (new_segment && dot && cut < seg.len && seg.s[cut] != ' ') {
        tracuu_buf_append(b, seg.s, cut);
        tracuu_buf_putc(b, ' ');
        tracuu_buf_append(b, seg.s + cut, seg.len - cut);
    } else {
        tracuu_buf_append(b, seg.s, seg.len);
    }
    tracuu_buf_free(&seg);
}

typedef struct sig_state {
    tracuu_signature_t v[SIG_MAX];
    size_t n;
} sig_state_t;

/* Read one signature block whose first role text is t[s..e) (on line i or
 * on the "Nơi nhận:" line); returns the index of the last line used. */
static size_t signature_read(const char *t, const lines_t *L, size_t i,
                             size_t s, size_t e, sig_state_t *st)
{
    tracuu_buf_t role = {0};
    role_append(&role, t, s, e, true);
    size_t last = i, blanks = 0;
    size_t j = i + 1;
    while (j < L->n && L->v[j].s < e) /* the role's second line, if broken */
        last = j++;
    /* More role lines: a prefix or a role opens a segment, anything else
     * uppercase continues the one before ("TM. ỦY BAN NHÂN" / "DÂN"), as
     * does any line after a bare prefix ("KT." / "BỘ TRƯỞNG") or a comma
     * ("KT. BỘ TRƯỞNG," / "CHỦ NHIỆM …"). */
    size_t seg = 0; /* where the current segment starts in role */
    for (; j < L->n && blanks <= 3; j++) {
        line_t l = L->v[j];
        if (line_blank(l)) {
            blanks++;
            continue;
        }
        if (item_line(t, l) || recipients_line(t, l))
            break;
        if (!range_upper(t, l.s, l.e) || l.e - l.s > ROLE_LINE_BYTES)
            break;
        bool bare = role.len - seg <= 4 && role.s[role.len - 1] == '.';
        bool comma = role.s[role.len - 1] == ',';
        bool fresh = role_start(t, l.s, l.e) && !bare && !comma;
        if (fresh)
            seg = role.len + 3;
        role_append(&role, t, l.s, l.e, fresh);
        last = j;
        blanks = 0;
    }
    /* The name: the next capitalised line, past fillers and, when the role
     * sat on the "Nơi nhận:" line, past the recipients. */
    char *name = NULL;
    size_t seen = 0;
    bool past_items = false;
    for (j = last + 1; j < L->n && seen < 14; j++) {
        line_t l = L->v[j];
        if (line_blank(l))
            continue;
        seen++;
        if (item_line(t, l) || recipients_line(t, l)) {
            past_items = true;
            continue;
        }
        if (signature_filler(t, l))
            continue;
        /* A name broken after its first word ("Ngô" / "Văn Tuấn"). */
        line_t two = l;
        if (!person_name(t, l) && j + 1 < L->n && !line_blank(L->v[j + 1]) &&
            !memchr(t + l.s, ' ', l.e - l.s))
            two.e = L->v[j + 1].e;
        if (person_name(t, two)) {
            name = clean_dup(t, two.s, two.e);
            /* The caller still reads the recipients passed over. */
            if (!past_items)
                last = two.e == l.e ? j : j + 1;
        }
        break;
    }
    if (st->n < SIG_MAX) {
        st->v[st->n].role = tracuu_buf_steal(&role);
        st->v[st->n].name = name;
        st->n++;
    } else {
        tracuu_buf_free(&role);
        free(name);
    }
    return last;
}

/* The recipients read so far; an item may go on over several lines. */
typedef struct recipients {
    size_t cap;
    bool open;    /* the last item did not end with ';' or '.' */
    bool pending; /* a bare "-" waits for its text on the next line */
} recipients_t;

/* Trim the bullet and the closing ';' ',' '.' of an item t[s..e). */
static char *recipient_clean(const char *t, size_t s, size_t e)
{
    while (s < e && (t[s] == '-' || t[s] == '+' || tracuu_scan_is_space(t[s])))
        s++;
    if (e - s >= 3 && memcmp(t + s, "\xE2\x80\xA2", 3) == 0)
        s += 3;
    while (e > s && (tracuu_scan_is_space(t[e - 1]) || t[e - 1] == ';' ||
                     t[e - 1] == ',' || (t[e - 1] == '.' &&
                                         !(e - s >= 2 && t[e - 2] == '/'))))
        e--;
    return clean_dup(t, s, e);
}

static void recipient_add(tracuu_header_t *h, recipients_t *r, const char *t,
                          size_t s, size_t e)
{
    char last = e > s ? t[e - 1] : 0;
    r->open = last != ';' && last != '.';
    char *item = recipient_clean(t, s, e);
    r->pending = item == NULL;
    if (!item)
        return;
    if (h->n_recipients >= RECIPIENTS_MAX) {
        free(item);
        return;
    }
    if (h->n_recipients == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        h->recipients = tracuu_xrealloc(h->recipients,
                                        r->cap * sizeof *h->recipients);
    }
    h->recipients[h->n_recipients++] = item;
}

/* A line that goes on with the last item ("- Lãnh" / "đạo KTNN;"):
 * appended and true, or false when it is no part of the recipients. */
static bool recipient_continue(tracuu_header_t *h, recipients_t *r,
                               const char *t, line_t l)
{
    if (r->pending) {
        recipient_add(h, r, t, l.s, l.e);
        return true;
    }
    if (h->n_recipients == 0 || !(r->open || starts_lower(t, l.s, l.e)))
        return false;
    char *more = recipient_clean(t, l.s, l.e);
    char last = t[l.e - 1];
    r->open = last != ';' && last != '.';
    if (!more)
        return true;
    char **item = &h->recipients[h->n_recipients - 1];
    tracuu_buf_t b = {0};
    tracuu_buf_puts(&b, *item);
    tracuu_buf_putc(&b, ' ');
    tracuu_buf_puts(&b, more);
    free(*item);
    free(more);
    *item = tracuu_buf_steal(&b);
    return true;
}

/* Items written on the "Nơi nhận:" line itself ("- A; - B."). */
static void recipients_inline(tracuu_header_t *h, recipients_t *r,
                              const char *t, size_t s, size_t e)
{
    size_t p = s;
    while (p < e) {
        size_t q = p + 1;
        while (q < e && !(t[q] == '-' && t[q - 1] == ' ' && q >= 2 &&
                          (t[q - 2] == ';' || t[q - 2] == '.')))
            q++;
        recipient_add(h, r, t, p, q);
        p = q;
    }
}

/* Byte offset of the anchor line: the first "Nơi nhận:", else the first
 * line closing the body with "./.", searched from byte from. Returns
 * false when neither exists. */
static bool find_anchor(const char *t, size_t len, size_t from, size_t *at,
                        bool *is_recipients)
{
    size_t p = from, body_end = SIZE_MAX;
    while (p < len) {
        const char *nl = memchr(t + p, '\n', len - p);
        size_t e = nl ? (size_t)(nl - t) : len;
        line_t l = line_trim(t, p, e);
        if (!line_blank(l)) {
            if (recipients_line(t, l)) {
                *at = p;
                *is_recipients = true;
                return true;
            }
            if (body_end == SIZE_MAX && body_end_line(t, l))
                body_end = p;
        }
        p = e + 1;
    }
    if (body_end == SIZE_MAX)
        return false;
    *at = body_end;
    *is_recipients = false;
    return true;
}

static void signature_block(const char *t, size_t len, size_t from,
                            tracuu_header_t *h)
{
    size_t at;
    bool rec;
    if (!find_anchor(t, len, from, &at, &rec))
        return;
    /* Step back SIG_BEFORE lines, not before the header. */
    size_t start = at, back = 0;
    while (start > from && back <= SIG_BEFORE) {
        start--;
        while (start > from && t[start - 1] != '\n')
            start--;
        back++;
    }
    lines_t L;
    lines_collect(t, len, start, len, SIG_BEFORE + SIG_AFTER + 2, &L);
    size_t a = 0;
    while (a < L.n && L.v[a].e < at)
        a++;
    if (a >= L.n) {
        free(L.v);
        return;
    }
    /* Signatures written before the anchor follow the last "./." line. */
    size_t first = a;
    for (size_t k = a; k > 0; k--)
        if (body_end_line(t, L.v[k - 1])) {
            first = k;
            break;
        }
    if (!rec && body_end_line(t, L.v[a]))
        first = a + 1;

    sig_state_t st = {0};
    recipients_t rs = {0};
    bool in_recipients = false;
    for (size_t i = first; i < L.n && st.n < SIG_MAX; i++) {
        line_t l = L.v[i];
        if (line_blank(l))
            continue;
        size_t after = recipients_line(t, l);
        if (after && h->n_recipients == 0 && i >= a) {
            in_recipients = true;
            line_t rest = line_trim(t, after, l.e);
            if (!line_blank(rest)) {
                if (item_line(t, rest))
                    recipients_inline(h, &rs, t, rest.s, rest.e);
                else if (role_start(t, rest.s, rest.e))
                    i = signature_read(t, &L, i, rest.s, rest.e, &st);
            }
            continue;
        }
        if (item_line(t, l)) {
            if (in_recipients)
                recipient_add(h, &rs, t, l.s, l.e);
            continue;
        }
        size_t role_end = role_start_at(t, &L, i);
        if (role_end) {
            in_recipients = false;
            i = signature_read(t, &L, i, l.s, role_end, &st);
            continue;
        }
        if (in_recipients && recipient_continue(h, &rs, t, l))
            continue;
        in_recipients = false;
        /* Body text after a signature ends the search. */
        if (st.n > 0 && i > a)
            break;
    }
    free(L.v);
    if (st.n) {
        h->signatures = tracuu_xcalloc(st.n, sizeof *h->signatures);
        memcpy(h->signatures, st.v, st.n * sizeof *st.v);
        h->n_signatures = st.n;
        h->signer_role = tracuu_xstrdup(st.v[0].role);
        h->signer = st.v[0].name ? tracuu_xstrdup(st.v[0].name) : NULL;
    }
}

/* ---- The whole header ----------------------------------------------------- */

void tracuu_header_extract(const char *text, size_t len, tracuu_header_t *out)
{
    memset(out, 0, sizeof *out);
    if (!text || len == 0)
        return;
    lines_t L;
    lines_collect(text, len, 0, len < HEAD_BYTES ? len : HEAD_BYTES,
                  HEAD_LINES, &L);

    /* The type line, within the header: before the body begins. */
    size_t type_i = SIZE_MAX, type_last = 0, vv_i = SIZE_MAX, body_i = L.n;
    size_t nonblank = 0;
    const char *type = NULL;
    char f[FOLD_CAP];
    for (size_t i = 0; i < L.n; i++) {
        line_t l = L.v[i];
        if (line_blank(l))
            continue;
        if (++nonblank > HEAD_NONBLANK) {
            body_i = i;
            break;
        }
        fold_line(text, l, f, sizeof f);
        if ((type = match_doc_type(text, &L, i, f, &type_last)) != NULL) {
            type_i = i;
            break;
        }
        if (vv_i == SIZE_MAX && starts_with(f, "v/v"))
            vv_i = i;
        if (line_body_start(text, l, f)) {
            body_i = i;
            break;
        }
    }
    size_t head_end = type_i != SIZE_MAX ? type_i : body_i;
    size_t title_last = SIZE_MAX;
    if (type) {
        out->doc_type = tracuu_xstrdup(type);
        tracuu_buf_t b = {0};
        tracuu_buf_puts(&b, type);
        size_t j = type_last + 1;
        while (j < L.n && line_blank(L.v[j]))
            j++;
        title_last = type_last;
        if (j < L.n && j - type_last <= 4) {
            line_t l = L.v[j];
            fold_line(text, l, f, sizeof f);
            bool body = !range_upper(text, l.s, l.e) &&
                        (folded_heading(f) || folded_body_opener_at(f, true));
            if (!line_separator(text, l) && !body && text[l.e - 1] != ':')
                title_last = title_build(text, &L, j, &b);
        }
        out->title = tracuu_buf_steal(&b);
    } else if (vv_i != SIZE_MAX && vv_i < head_end) {
        out->doc_type = tracuu_xstrdup("CÔNG VĂN");
        tracuu_buf_t b = {0};
        title_last = title_build(text, &L, vv_i, &b);
        out->title = tracuu_buf_steal(&b);
    }

    /* Number and place-and-date line: in the header, before the type. */
    for (size_t i = 0; i < head_end && i < L.n; i++) {
        line_t l = L.v[i];
        if (line_blank(l))
            continue;
        fold_line(text, l, f, sizeof f);
        if (!out->number) {
            size_t p = number_line(text, l, f);
            if (p) {
                out->number = number_read(text, p, l.e, &out->number_span);
                for (size_t j = i + 1; !out->number && j < L.n && j <= i + 3;
                     j++)
                    if (!line_blank(L.v[j]))
                        out->number = number_read(text, L.v[j].s, L.v[j].e,
                                                  &out->number_span);
            }
        }
        if (!out->place && strchr(f, ','))
            date_line_at(text, &L, i, out);
    }

    /* Issuer: the header block, the authority line, the opening sentence. */
    out->issuer = issuer_from_block(text, &L, head_end);
    size_t after_title = title_last != SIZE_MAX ? title_last + 1 : 0;
    if (!out->issuer && title_last != SIZE_MAX)
        out->issuer = issuer_from_authority(text, &L, after_title);
    if (!out->issuer) {
        size_t from = after_title < L.n ? L.v[after_title].s : 0;
        if (after_title == 0)
            from = 0;
        size_t to = from + OPENING_BYTES < len ? from + OPENING_BYTES : len;
        out->issuer = issuer_from_opening(text, from, to);
    }
    size_t sig_from = after_title < L.n ? L.v[after_title].s : 0;
    free(L.v);

    signature_block(text, len, sig_from, out);
}

void tracuu_header_free(tracuu_header_t *h)
{
    if (!h)
        return;
    free(h->doc_type);
    free(h->title);
    free(h->number);
    free(h->issuer);
    free(h->place);
    free(h->signer_role);
    free(h->signer);
    for (size_t i = 0; i < h->n_recipients; i++)
        free(h->recipients[i]);
    free(h->recipients);
    for (size_t i = 0; i < h->n_signatures; i++) {
        free(h->signatures[i].role);
        free(h->signatures[i].name);
    }
    free(h->signatures);
    memset(h, 0, sizeof *h);
}
