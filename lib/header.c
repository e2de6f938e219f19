/* header.c: what a plan says about itself, read from its first lines: type, title, number, place and date, issuer. */
#include "header_impl.h"

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

/* ---- Small text helpers -------------------------------------------------- */

/* Trim blanks and Markdown marks ('#', '*', '>') off both ends. */
line_t tracuu_hdr_line_trim(const char *t, size_t s, size_t e)
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
void tracuu_hdr_lines_collect(const char *t, size_t len, size_t from,
                              size_t limit, size_t max, lines_t *out)
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
        out->v[out->n++] = tracuu_hdr_line_trim(t, p, cut);
        p = e + 1;
    }
}

bool tracuu_hdr_line_blank(line_t l)
{
    return l.s >= l.e;
}

/* A line of dashes or underscores ("-------"), possibly glued to text. */
bool tracuu_hdr_line_separator(const char *t, line_t l)
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
size_t tracuu_hdr_fold_range(const char *t, size_t s, size_t e, char *out,
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

size_t tracuu_hdr_fold_line(const char *t, line_t l, char *out, size_t cap)
{
    return tracuu_hdr_fold_range(t, l.s, l.e, out, cap);
}

bool tracuu_hdr_starts_with(const char *s, const char *p)
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

bool tracuu_hdr_range_upper(const char *t, size_t s, size_t e)
{
    return letter_cases(t, s, e) == HAS_UPPER;
}

/* The first character of t[s..e) is a lowercase letter or a digit. */
bool tracuu_hdr_starts_lower(const char *t, size_t s, size_t e)
{
    return s < e && (tracuu_scan_is_digit((unsigned char)t[s]) ||
                     tracuu_scan_lower_at(t, e, s));
}

/* Append t[s..e) to b with Markdown '*' dropped and blanks collapsed,
 * one space apart from what b already holds. */
void tracuu_hdr_append_clean(tracuu_buf_t *b, const char *t, size_t s, size_t e)
{
    tracuu_buf_put_collapsed(b, t + s, e - s, "*");
}

char *tracuu_hdr_clean_dup(const char *t, size_t s, size_t e)
{
    tracuu_buf_t b = {0};
    tracuu_hdr_append_clean(&b, t, s, e);
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
bool tracuu_hdr_folded_heading(const char *f)
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
bool tracuu_hdr_folded_body_opener_at(const char *f, bool first_title)
{
    for (size_t i = 0; i < COUNT(body_openers); i++)
        if (tracuu_hdr_starts_with(f, body_openers[i]))
            return true;
    for (size_t i = 0; i < COUNT(sentence_openers); i++)
        if (tracuu_hdr_starts_with(f, sentence_openers[i]))
            return !first_title || folded_cites(f);
    return false;
}

static bool folded_body_opener(const char *f)
{
    return tracuu_hdr_folded_body_opener_at(f, false);
}

/* The line begins the body: an opener in mixed case, or a heading. */
bool tracuu_hdr_line_body_start(const char *t, line_t l, const char *f)
{
    if (tracuu_hdr_range_upper(t, l.s, l.e))
        return false;
    return folded_body_opener(f) || tracuu_hdr_folded_heading(f);
}

/* ---- Type and title ------------------------------------------------------ */

/* f equals the folded type g with g's spaces dropped: "kehoach", a type
 * line whose spaces a PDF's text lost ("KẾHOẠCH"). */
static bool folded_unspaced(const char *f, const char *g)
{
    for (; *g; g++) {
        if (*g == ' ')
            continue;
        if (*f++ != *g)
            return false;
    }
    return *f == '\0';
}

static const char *doc_type_folded(const char *f)
{
    for (const tracuu_heading_t *h = tracuu_headings; h->folded; h++)
        if (strcmp(f, h->folded) == 0)
            return h->name;
    if (strchr(f, ' '))
        return NULL;
    for (const tracuu_heading_t *h = tracuu_headings; h->folded; h++)
        if (strchr(h->folded, ' ') && folded_unspaced(f, h->folded))
            return h->name;
    return NULL;
}

/* The type line at line i, also broken in two ("QUYẾT" / "ĐỊNH"); sets
 * *last to the line it ends on. */
const char *tracuu_hdr_match_doc_type(const char *t, const lines_t *L, size_t i,
                                      const char *f, size_t *last)
{
    line_t l = L->v[i];
    if (!tracuu_hdr_range_upper(t, l.s, l.e))
        return NULL;
    const char *type = doc_type_folded(f);
    *last = i;
    if (type || i + 1 >= L->n || tracuu_hdr_line_blank(L->v[i + 1]) ||
        strchr(f, ' ') ||
        !tracuu_hdr_range_upper(t, L->v[i + 1].s, L->v[i + 1].e))
        return type;
    char g[FOLD_CAP];
    tracuu_hdr_fold_range(t, l.s, L->v[i + 1].e, g, sizeof g);
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
    tracuu_hdr_fold_line(t, l, f, sizeof f);
    if (gap >= 2 || tracuu_hdr_line_separator(t, l) || t[l.e - 1] == ':')
        return false;
    if (tracuu_hdr_folded_heading(f) || tracuu_hdr_starts_with(f, "v/v"))
        return false;
    int cases = letter_cases(t, l.s, l.e);
    if (upper) /* "2026 - 2030" has no letters and goes on too */
        return (cases & HAS_LOWER) == 0 && gap == 0;
    if (cases == HAS_UPPER ||
        (tracuu_scan_upper_at(t, l.e, l.s) && folded_body_opener(f)))
        return false;
    /* After a blank line only a phrase that goes on in lowercase. */
    return gap == 0 || tracuu_hdr_starts_lower(t, l.s, l.e);
}

/* Build the title from line i (the first title line) on; returns the index
 * of the last line used. */
size_t tracuu_hdr_title_build(const char *t, const lines_t *L, size_t i,
                              tracuu_buf_t *b)
{
    bool upper = tracuu_hdr_range_upper(t, L->v[i].s, L->v[i].e);
    tracuu_hdr_append_clean(b, t, L->v[i].s, L->v[i].e);
    size_t last = i, used = 1;
    size_t gap = 0;
    for (size_t j = i + 1; j < L->n && used < TITLE_LINES; j++) {
        line_t l = L->v[j];
        if (tracuu_hdr_line_blank(l)) {
            gap++;
            continue;
        }
        if (!title_continues(t, l, gap, upper) || b->len > TITLE_BYTES)
            break;
        tracuu_hdr_append_clean(b, t, l.s, l.e);
        last = j;
        used++;
        gap = 0;
    }
    return last;
}

/* ---- Number ----------------------------------------------------------- */

/* The word "số" at folded f as a scan writes it ("S6: 27/KH-UBND",
 * "S0:", "Sé:"; tests/fixtures/ocr-damage.md): true only before a colon,
 * where no other word stands in a header. */
static bool ocr_so(const char *f)
{
    if (f[0] != 's' || (f[1] != '6' && f[1] != '0' && f[1] != 'e'))
        return false;
    size_t k = 2;
    while (f[k] == ' ')
        k++;
    return f[k] == ':';
}

/* A "Số: …" line (also "Luật số:", "Số 2696/…", a scan's "S6: …"):
 * returns the byte where the number begins in t, or 0 when the line is
 * not one. */
size_t tracuu_hdr_number_line(const char *t, line_t l, const char *f)
{
    size_t w = 0, i = 0;
    while (w < 3 && f[i]) {
        if (tracuu_scan_starts_word(f + i, "so") || ocr_so(f + i)) {
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
    return !tracuu_scan_is_space(c) && c != '|' && c != ',' && c != ';' &&
           c != '*';
}

/* Read the number at t[p..e): tokens glued by '-' or '/' across spaces
 * ("221/KH - LĐLĐ"). Fills the span; returns the number with the spaces
 * removed, or NULL. */
char *tracuu_hdr_number_read(const char *t, size_t p, size_t e,
                             tracuu_span_t *sp)
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
    tracuu_hdr_fold_line(t, l, f, sizeof f);
    return !tracuu_hdr_line_blank(l) && !tracuu_hdr_line_separator(t, l) &&
           !has_digit(f) && !strchr(f, ':') && !strchr(f, '|') &&
           count_words(f) <= 4 && !tracuu_hdr_range_upper(t, l.s, l.e) &&
           tracuu_scan_upper_at(t, l.e, l.s) &&
           !tracuu_hdr_starts_with(f, "doc lap");
}

/* Look for "<Place>, ngày dd tháng mm năm yyyy" starting on line i. */
bool tracuu_hdr_date_line_at(const char *t, const lines_t *L, size_t i,
                             tracuu_header_t *h)
{
    line_t l = L->v[i];
    /* The date may go on over the next two lines ("Hà Nội," / "ngày" /
     * "02 tháng 12 năm 2025"). */
    size_t end_src = l.e;
    for (size_t j = i + 1, k = 0; j < L->n && j <= i + 4 && k < 2; j++)
        if (!tracuu_hdr_line_blank(L->v[j])) {
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
        tracuu_hdr_append_clean(&b, t, L->v[i - 1].s, L->v[i - 1].e);
        place_start = L->v[i - 1].s;
    }
    tracuu_hdr_append_clean(&b, t, ps, pe);
    char pf[FOLD_CAP];
    tracuu_hdr_fold_range(b.s ? b.s : "", 0, b.len, pf, sizeof pf);
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
char *tracuu_hdr_issuer_from_block(const char *t, const lines_t *L, size_t stop)
{
    tracuu_buf_t b = {0};
    size_t seen = 0;
    for (size_t i = 0; i < L->n && i < stop && seen < 8; i++) {
        line_t l = L->v[i];
        if (tracuu_hdr_line_blank(l))
            continue;
        seen++;
        char f[FOLD_CAP];
        tracuu_hdr_fold_line(t, l, f, sizeof f);
        if (tracuu_hdr_line_separator(t, l) ||
            tracuu_hdr_starts_with(f, "cong hoa") ||
            tracuu_hdr_starts_with(f, "doc lap"))
            break;
        size_t e = l.e;
        bool last = false;
        if (tracuu_hdr_number_line(t, l, f)) {
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
        if (!tracuu_hdr_range_upper(t, l.s, e))
            break;
        tracuu_hdr_append_clean(&b, t, l.s, e);
        if (bar || last)
            break;
    }
    if (!b.len) {
        tracuu_buf_free(&b);
        return NULL;
    }
    /* A block that is only a type line is no issuer. */
    char f[FOLD_CAP];
    tracuu_hdr_fold_range(b.s, 0, b.len, f, sizeof f);
    if (doc_type_folded(f)) {
        tracuu_buf_free(&b);
        return NULL;
    }
    return tracuu_buf_steal(&b);
}

/* The authority line after the title of an act whose header has no issuer
 * ("ỦY BAN THƯỜNG VỤ QUỐC HỘI" above "Căn cứ …"). */
char *tracuu_hdr_issuer_from_authority(const char *t, const lines_t *L,
                                       size_t i)
{
    size_t seen = 0;
    for (; i < L->n && seen < 3; i++) {
        line_t l = L->v[i];
        if (tracuu_hdr_line_blank(l) || tracuu_hdr_line_separator(t, l))
            continue;
        seen++;
        char f[FOLD_CAP];
        tracuu_hdr_fold_line(t, l, f, sizeof f);
        if (!tracuu_hdr_range_upper(t, l.s, l.e) || !starts_with_org(f))
            return NULL;
        size_t j = i + 1;
        while (j < L->n && tracuu_hdr_line_blank(L->v[j]))
            j++;
        char g[FOLD_CAP];
        if (j >= L->n)
            return NULL;
        tracuu_hdr_fold_line(t, L->v[j], g, sizeof g);
        if (!tracuu_hdr_starts_with(g, "can cu"))
            return NULL;
        return tracuu_hdr_clean_dup(t, l.s, l.e);
    }
    return NULL;
}

/* "Ban Thường vụ … huyện xây dựng kế hoạch …", "UBND xã ban hành Kế
 * hoạch …": the subject of the first such clause in t[from..to). */
char *tracuu_hdr_issuer_from_opening(const char *t, size_t from, size_t to)
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
        tracuu_hdr_fold_range(t, ss, se, f, sizeof f);
        size_t w = count_words(f);
        if (tracuu_scan_upper_at(t, se, ss) && starts_with_org(f) &&
            !has_digit(f) && w >= 2 && w <= 16)
            res = tracuu_hdr_clean_dup(t, ss, se);
        break; /* only the first such clause speaks for the plan */
    }
    tracuu_folded_free(&F);
    return res;
}

/* ---- The whole header ----------------------------------------------------- */

/* The number and the place-and-date line: in the header, before the
 * type line (lines [0, head_end)). */
static void number_and_place(const char *text, const lines_t *L,
                             size_t head_end, tracuu_header_t *out)
{
    char f[FOLD_CAP];
    for (size_t i = 0; i < head_end && i < L->n; i++) {
        line_t l = L->v[i];
        if (tracuu_hdr_line_blank(l))
            continue;
        tracuu_hdr_fold_line(text, l, f, sizeof f);
        if (!out->number && strcmp(f, "so") == 0) {
            /* "Số" / ": 01/KH-UBND-CD", the colon gone to the next line
             * (a PDF's text). */
            size_t j = i + 1;
            while (j < L->n && j <= i + 2 && tracuu_hdr_line_blank(L->v[j]))
                j++;
            if (j < L->n && !tracuu_hdr_line_blank(L->v[j]) &&
                text[L->v[j].s] == ':')
                out->number = tracuu_hdr_number_read(
                    text, L->v[j].s + 1, L->v[j].e, &out->number_span);
        }
        if (!out->number) {
            size_t p = tracuu_hdr_number_line(text, l, f);
            if (p) {
                out->number =
                    tracuu_hdr_number_read(text, p, l.e, &out->number_span);
                for (size_t j = i + 1; !out->number && j < L->n && j <= i + 3;
                     j++)
                    if (!tracuu_hdr_line_blank(L->v[j]))
                        out->number = tracuu_hdr_number_read(
                            text, L->v[j].s, L->v[j].e, &out->number_span);
            }
        }
        if (!out->place && strchr(f, ','))
            tracuu_hdr_date_line_at(text, L, i, out);
}
}

/* The issuer: the header block, the authority line after the title, or
 * the opening sentence. */
static char *issuer_find(const char *text, size_t len, const lines_t *L,
                         size_t head_end, size_t title_last)
{
    char *issuer = tracuu_hdr_issuer_from_block(text, L, head_end);
    size_t after_title = title_last != SIZE_MAX ? title_last + 1 : 0;
    if (!issuer && title_last != SIZE_MAX)
        issuer = tracuu_hdr_issuer_from_authority(text, L, after_title);
    if (!issuer) {
        size_t from = after_title < L->n ? L->v[after_title].s : 0;
        if (after_title == 0)
            from = 0;
        size_t to = from + OPENING_BYTES < len ? from + OPENING_BYTES : len;
        issuer = tracuu_hdr_issuer_from_opening(text, from, to);
    }
    return issuer;
}

void tracuu_header_extract(const char *text, size_t len, tracuu_header_t *out)
{
    memset(out, 0, sizeof *out);
    if (!text || len == 0)
        return;
    lines_t L;
    tracuu_hdr_lines_collect(text, len, 0, len < HEAD_BYTES ? len : HEAD_BYTES,
                             HEAD_LINES, &L);

    /* The type line, within the header: before the body begins. */
    size_t type_i = SIZE_MAX, type_last = 0, vv_i = SIZE_MAX, body_i = L.n;
    size_t nonblank = 0;
    const char *type = NULL;
    char f[FOLD_CAP];
    for (size_t i = 0; i < L.n; i++) {
        line_t l = L.v[i];
        if (tracuu_hdr_line_blank(l))
            continue;
        if (++nonblank > HEAD_NONBLANK) {
            body_i = i;
            break;
        }
        tracuu_hdr_fold_line(text, l, f, sizeof f);
        if ((type = tracuu_hdr_match_doc_type(text, &L, i, f, &type_last)) !=
            NULL) {
            type_i = i;
            break;
        }
        if (vv_i == SIZE_MAX && tracuu_hdr_starts_with(f, "v/v"))
            vv_i = i;
        if (tracuu_hdr_line_body_start(text, l, f)) {
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
        while (j < L.n && tracuu_hdr_line_blank(L.v[j]))
            j++;
        title_last = type_last;
        if (j < L.n && j - type_last <= 4) {
            line_t l = L.v[j];
            tracuu_hdr_fold_line(text, l, f, sizeof f);
            bool body = !tracuu_hdr_range_upper(text, l.s, l.e) &&
                        (tracuu_hdr_folded_heading(f) ||
                         tracuu_hdr_folded_body_opener_at(f, true));
            if (!tracuu_hdr_line_separator(text, l) && !body &&
                text[l.e - 1] != ':')
                title_last = tracuu_hdr_title_build(text, &L, j, &b);
        }
        out->title = tracuu_buf_steal(&b);
    } else if (vv_i != SIZE_MAX && vv_i < head_end) {
        out->doc_type = tracuu_xstrdup("CÔNG VĂN");
        tracuu_buf_t b = {0};
        title_last = tracuu_hdr_title_build(text, &L, vv_i, &b);
        out->title = tracuu_buf_steal(&b);
    }

    number_and_place(text, &L, head_end, out);
    out->issuer = issuer_find(text, len, &L, head_end, title_last);
    size_t after_title = title_last != SIZE_MAX ? title_last + 1 : 0;
    size_t sig_from = after_title < L.n ? L.v[after_title].s : 0;
    free(L.v);

    tracuu_hdr_signature_block(text, len, sig_from, out);
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
