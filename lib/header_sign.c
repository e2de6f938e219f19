/* header_sign.c: the end of a plan: its signature block (roles and names) and its recipients ("Nơi nhận:"). */
#include "header_impl.h"

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

/* ---- Signature and recipients ------------------------------------------- */

/* "Nơi nhận:" (OCR "Noi nhin:"): returns the byte after the colon, or 0. */
static size_t recipients_line(const char *t, line_t l)
{
    char f[32];
    tracuu_hdr_fold_range(t, l.s, l.e < l.s + 40 ? l.e : l.s + 40, f, sizeof f);
    if (!tracuu_hdr_starts_with(f, "noi nh"))
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
    return !tracuu_hdr_line_blank(l) &&
           (t[l.s] == '-' || t[l.s] == '+' ||
            (l.e - l.s >= 3 && memcmp(t + l.s, "\xE2\x80\xA2", 3) == 0));
}

static bool folded_role(const char *f)
{
    const char *r = f;
    if (tracuu_hdr_starts_with(r, "pho ")) /* a deputy of anything */
        return true;
    for (size_t i = 0; i < COUNT(roles); i++)
        if (tracuu_scan_starts_word(r, roles[i]))
            return true;
    return false;
}

static bool folded_sign_prefix(const char *f)
{
    for (size_t i = 0; i < COUNT(sign_prefixes); i++)
        if (tracuu_hdr_starts_with(f, sign_prefixes[i]))
            return true;
    return false;
}

/* A line that opens a segment of a signature block. */
static bool role_start(const char *t, size_t s, size_t e)
{
    if (e <= s || e - s > ROLE_LINE_BYTES || !tracuu_hdr_range_upper(t, s, e))
        return false;
    char f[FOLD_CAP];
    tracuu_hdr_fold_range(t, s, e, f, sizeof f);
    return folded_sign_prefix(f) || folded_role(f);
}

/* A role broken over two lines ("CHỦ" / "TỊCH") at line i: returns the
 * end byte of the role text, or 0. */
static size_t role_start_at(const char *t, const lines_t *L, size_t i)
{
    line_t l = L->v[i];
    if (role_start(t, l.s, l.e))
        return l.e;
    if (i + 1 < L->n && !tracuu_hdr_line_blank(L->v[i + 1]) &&
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
    tracuu_hdr_fold_line(t, l, f, sizeof f);
    return f[0] == '(' || tracuu_hdr_starts_with(f, "da ky") ||
           tracuu_hdr_starts_with(f, "ky boi") ||
           tracuu_hdr_starts_with(f, "ky ten");
}

/* Append one line of a signature's role: a new segment after " / ", or
 * the rest of the one before ("TM. ỦY BAN NHÂN" / "DÂN"). A prefix glued
 * to its word is spaced: "KT.CHỦ TỊCH" -> "KT. CHỦ TỊCH". */
static void role_append(tracuu_buf_t *b, const char *t, size_t s, size_t e,
                        bool new_segment)
{
    tracuu_buf_t seg = {0};
    tracuu_hdr_append_clean(&seg, t, s, e);
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
        if (tracuu_hdr_line_blank(l)) {
            blanks++;
            continue;
        }
        if (item_line(t, l) || recipients_line(t, l))
            break;
        if (!tracuu_hdr_range_upper(t, l.s, l.e) || l.e - l.s > ROLE_LINE_BYTES)
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
        if (tracuu_hdr_line_blank(l))
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
        if (!person_name(t, l) && j + 1 < L->n &&
            !tracuu_hdr_line_blank(L->v[j + 1]) &&
            !memchr(t + l.s, ' ', l.e - l.s))
            two.e = L->v[j + 1].e;
        if (person_name(t, two)) {
            name = tracuu_hdr_clean_dup(t, two.s, two.e);
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
    return tracuu_hdr_clean_dup(t, s, e);
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
    if (h->n_recipients == 0 ||
        !(r->open || tracuu_hdr_starts_lower(t, l.s, l.e)))
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
        line_t l = tracuu_hdr_line_trim(t, p, e);
        if (!tracuu_hdr_line_blank(l)) {
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

/* The start of the line n + 1 lines before the one at byte at, not
 * before byte from (the header). */
static size_t lines_back(const char *t, size_t at, size_t from, size_t n)
{
    size_t start = at, back = 0;
    while (start > from && back <= n) {
        start--;
        while (start > from && t[start - 1] != '\n')
            start--;
        back++;
    }
    return start;
}

void tracuu_hdr_signature_block(const char *t, size_t len, size_t from,
                                tracuu_header_t *h)
{
    size_t at;
    bool rec;
    if (!find_anchor(t, len, from, &at, &rec))
        return;
    size_t start = lines_back(t, at, from, SIG_BEFORE);
    lines_t L;
    tracuu_hdr_lines_collect(t, len, start, len, SIG_BEFORE + SIG_AFTER + 2,
                             &L);
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
        if (tracuu_hdr_line_blank(l))
            continue;
        size_t after = recipients_line(t, l);
        if (after && h->n_recipients == 0 && i >= a) {
            in_recipients = true;
            line_t rest = tracuu_hdr_line_trim(t, after, l.e);
            if (!tracuu_hdr_line_blank(rest)) {
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

