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

/* The folded form of t[s..e) as far as its first SUBJECT_PEEK - 1
 * characters, into f[SUBJECT_PEEK], from at most 64 bytes (cut at a
 * character: the fold of a prefix is a prefix of the whole fold). False
 * when those bytes fold to fewer characters and more bytes follow: the
 * whole line must be folded to tell. Every line of a law is asked what it
 * begins with; a fold of the whole was a tenth of indexing one. */
enum { SUBJECT_PEEK = 16, SUBJECT_PEEK_BYTES = 64 };
static bool fold_peek(const char *t, size_t s, size_t e, char f[SUBJECT_PEEK])
{
    size_t cut = e - s > SUBJECT_PEEK_BYTES ? s + SUBJECT_PEEK_BYTES : e;
    while (cut > s && cut < e && ((unsigned char)t[cut] & 0xC0) == 0x80)
        cut--;
    size_t n = tracuu_hdr_fold_range(t, s, cut, f, SUBJECT_PEEK);
    return n + 1 >= SUBJECT_PEEK || cut == e;
}

/* "Nơi nhận:" (OCR "Noi nhin:"): returns the byte after the colon, or 0. */
static size_t recipients_line(const char *t, line_t l)
{
    char p[SUBJECT_PEEK];
    if (fold_peek(t, l.s, l.e, p) && !tracuu_hdr_starts_with(p, "noi nh"))
        return 0;
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

/* Where a role glued to the one before begins in s[from..n) ("TM. ỦY BAN
 * THƯỜNG VỤ QUỐC HỘICHỦ TỊCH", "TM. CHÍNH PHỦKT. THỦ TƯỚNGPHÓ THỦ
 * TƯỚNG"): an uppercase letter right after another that opens a prefix
 * with its dot, a role or "PHÓ"; n when none. */
static size_t glued_role_at(const char *s, size_t from, size_t n)
{
    size_t i = from;
    uint32_t prev = 0;
    while (i < n) {
        size_t at = i;
        uint32_t cp = tracuu_utf8_next(s, n, &i);
        bool up = tracuu_cp_lower(cp) != cp;
        if (up && prev && tracuu_cp_lower(prev) != prev) {
            char f[FOLD_CAP];
            tracuu_hdr_fold_range(s, at, n, f, sizeof f);
            if ((folded_sign_prefix(f) && strchr(f, '.') &&
                 (size_t)(strchr(f, '.') - f) <= 3) ||
                folded_role(f))
                return at;
        }
        prev = cp;
    }
    return n;
}

/* Append one role segment t[s..e) to b, spacing a prefix glued to its word:
 * "KT.CHỦ TỊCH" -> "KT. CHỦ TỊCH". */
static void segment_append(tracuu_buf_t *b, const char *s, size_t n)
{
    if (b->len)
        tracuu_buf_puts(b, " / ");
    const char *dot = memchr(s, '.', n < 5 ? n : 5);
    size_t cut = dot ? (size_t)(dot - s) + 1 : 0;
    if (dot && cut < n && s[cut] != ' ') {
        tracuu_buf_append(b, s, cut);
        tracuu_buf_putc(b, ' ');
        tracuu_buf_append(b, s + cut, n - cut);
    } else {
        tracuu_buf_append(b, s, n);
    }
}

/* Append one line of a signature's role: new segments after " / " (one
 * per role glued to the one before), or the rest of the one before
 * ("TM. ỦY BAN NHÂN" / "DÂN"). */
static void role_append(tracuu_buf_t *b, const char *t, size_t s, size_t e,
                        bool new_segment)
{
    tracuu_buf_t seg = {0};
    tracuu_hdr_append_clean(&seg, t, s, e);
    if (!seg.len)
        return;
    if (!new_segment) {
        if (b->len)
            tracuu_buf_putc(b, ' ');
        tracuu_buf_append(b, seg.s, seg.len);
        tracuu_buf_free(&seg);
        return;
    }
    size_t p = 0;
    while (p < seg.len) {
        size_t q = glued_role_at(seg.s, p, seg.len);
        segment_append(b, seg.s + p, q - p);
        p = q;
    }
    tracuu_buf_free(&seg);
}

typedef struct sig_state {
    tracuu_signature_t v[SIG_MAX];
    size_t n;
} sig_state_t;

/* Military ranks written before an officer's name ("Thượng tướng Võ Minh
 * Lương", "Đại" / "tướng Nguyễn Tân Cương"): not part of the name. */
static const char *const ranks[] = {
    "dai tuong", "thuong tuong", "trung tuong", "thieu tuong",
    "dai ta",    "thuong ta",    "trung ta",    "thieu ta",
};

/* l with a rank before the name skipped. */
static line_t skip_rank(const char *t, line_t l)
{
    char f[FOLD_CAP];
    tracuu_hdr_fold_range(t, l.s, l.e, f, sizeof f);
    for (size_t i = 0; i < COUNT(ranks); i++) {
        if (!tracuu_scan_starts_word(f, ranks[i]))
            continue;
        for (int w = 0; w < 2; w++) { /* every rank is two words */
            while (l.s < l.e && !tracuu_scan_is_space(t[l.s]))
                l.s++;
            while (l.s < l.e && tracuu_scan_is_space(t[l.s]))
                l.s++;
        }
        break;
    }
    return l;
}

/* "(Đã ký)", "( Đã ký)" opening l: the text after the parenthesis,
 * trimmed ("( Đã ký) Lê Thành Long" -> "Lê Thành Long"); empty when l
 * opens with no such filler. */
static line_t signed_tail(const char *t, line_t l)
{
    line_t none = {l.e, l.e};
    char f[FOLD_CAP];
    tracuu_hdr_fold_range(t, l.s, l.e, f, sizeof f);
    if (!tracuu_hdr_starts_with(f, "(da ky") &&
        !tracuu_hdr_starts_with(f, "( da ky"))
        return none;
    const char *c = memchr(t + l.s, ')', l.e - l.s);
    if (!c)
        return none;
    return tracuu_hdr_line_trim(t, (size_t)(c - t) + 1, l.e);
}

/* The name on line j, whose text is l (or on j and j + 1 when the layout broke it after
 * its first word: "Ngô" / "Văn Tuấn"), a rank before it skipped: the
 * name's text, *end_j the last line it uses; empty when none. */
static line_t name_at(const char *t, const lines_t *L, size_t j, line_t l,
                      size_t *end_j)
{
    line_t two = l;
    *end_j = j;
    if (!person_name(t, skip_rank(t, l)) && j + 1 < L->n &&
        !tracuu_hdr_line_blank(L->v[j + 1]) &&
        !memchr(t + l.s, ' ', l.e - l.s)) {
        two.e = L->v[j + 1].e;
        *end_j = j + 1;
    }
    two = skip_rank(t, two);
    if (person_name(t, two))
        return two;
    return (line_t){two.e, two.e};
}

/* Read the role lines after the first role text t[s..e) on line i;
 * returns the index of the last line used. */
static size_t role_read(const char *t, const lines_t *L, size_t i, size_t s,
                        size_t e, tracuu_buf_t *role)
{
    role_append(role, t, s, e, true);
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
        bool bare = role->len - seg <= 4 && role->s[role->len - 1] == '.';
        bool comma = role->s[role->len - 1] == ',';
        bool fresh = role_start(t, l.s, l.e) && !bare && !comma;
        if (fresh)
            seg = role->len + 3;
        role_append(role, t, l.s, l.e, fresh);
        last = j;
        blanks = 0;
    }
    return last;
}

/* Read one signature block whose first role text is t[s..e) (on line i,
 * on the "Nơi nhận:" line or glued after the recipients); inl is a name
 * written on the same line ("…THỦ TƯỚNG(Đã ký)Nguyễn Hòa Bình"), else
 * empty. Returns the index of the last line used. */
static size_t signature_read(const char *t, const lines_t *L, size_t i,
                             size_t s, size_t e, line_t inl, sig_state_t *st)
{
    tracuu_buf_t role = {0};
    size_t last = role_read(t, L, i, s, e, &role);
    /* The name: the next capitalised line, past fillers and, when the role
     * sat on the "Nơi nhận:" line, past the recipients. */
    char *name = NULL;
    if (person_name(t, inl))
        name = tracuu_hdr_clean_dup(t, inl.s, inl.e);
    size_t seen = 0;
    bool past_items = false;
    for (size_t j = last + 1; !name && j < L->n && seen < 14; j++) {
        line_t l = L->v[j];
        if (tracuu_hdr_line_blank(l))
            continue;
        seen++;
        if (item_line(t, l) || recipients_line(t, l)) {
            past_items = true;
            continue;
        }
        line_t tail = signed_tail(t, l); /* "( Đã ký) Lê Thành Long" */
        if (!tracuu_hdr_line_blank(tail))
            l = tail;
        else if (signature_filler(t, l))
            continue;
        size_t end_j;
        line_t nm = name_at(t, L, j, l, &end_j);
        if (!tracuu_hdr_line_blank(nm)) {
            name = tracuu_hdr_clean_dup(t, nm.s, nm.e);
            /* The caller still reads the recipients passed over. */
            if (!past_items)
                last = end_j;
        }
        break;
    }
    if (st->n < SIG_MAX) {
        st->v[st->n].role = role.len ? tracuu_buf_steal(&role) : NULL;
        st->v[st->n].name = name;
        st->n++;
    } else {
        free(name);
    }
    tracuu_buf_free(&role);
    return last;
}

/* A block glued after the recipients on their one line ("… - Lưu: HC,
 * PLTP. | TM. ỦY BAN THƯỜNG VỤ QUỐC HỘICHỦ TỊCH", a web copy that lost
 * its line breaks): the role text after the last " | " up to a glued
 * "(Đã ký)", *inl the name after that filler; false when none. */
static bool glued_block(const char *t, line_t l, line_t *role, line_t *inl)
{
    const char *bar = NULL, *p = t + l.s;
    while ((p = memmem(p, (size_t)(t + l.e - p), " | ", 3)))
        bar = p++;
    if (!bar)
        return false;
    size_t s = (size_t)(bar - t) + 3;
    const char *par = memchr(t + s, '(', l.e - s);
    size_t e = par ? (size_t)(par - t) : l.e;
    *role = tracuu_hdr_line_trim(t, s, e);
    *inl = par ? signed_tail(t, tracuu_hdr_line_trim(t, e, l.e))
               : (line_t){l.e, l.e};
    return !tracuu_hdr_line_blank(*role) && role_start(t, role->s, role->e);
}

/* A name signed with no role line above it, the end of old laws ("Lê Đức
 * Anh" / "(Đã ký)") and of some decrees ("( Đã ký) Lê Thành Long"): the
 * name, or NULL. */
static char *bare_name(const char *t, const lines_t *L, size_t i)
{
    line_t tail = signed_tail(t, L->v[i]);
    if (!tracuu_hdr_line_blank(tail))
        return person_name(t, tail) ? tracuu_hdr_clean_dup(t, tail.s, tail.e)
                                    : NULL;
    size_t j = i + 1;
    while (j < L->n && tracuu_hdr_line_blank(L->v[j]))
        j++;
    line_t nm = skip_rank(t, L->v[i]);
    if (j >= L->n || !person_name(t, nm) ||
        !tracuu_hdr_line_blank(signed_tail(t, L->v[j])) ||
        L->v[j].e - L->v[j].s > 16)
        return NULL;
    char f[FOLD_CAP];
    tracuu_hdr_fold_line(t, L->v[j], f, sizeof f);
    if (!tracuu_hdr_starts_with(f, "(da ky") &&
        !tracuu_hdr_starts_with(f, "( da ky"))
        return NULL;
    return tracuu_hdr_clean_dup(t, nm.s, nm.e);
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

/* Acts that close with their adoption: "Luật này đã được Quốc hội …
 * thông qua ngày 05 tháng 4 năm 2016.", "Nghị quyết này được Ủy ban
 * Thường vụ Quốc hội … thông qua ngày …"; the signature follows. */
static const char *const adopted_subjects[] = {
    "luat nay", "bo luat nay", "nghi quyet nay", "phap lenh nay",
    "hien phap nay",
};

/* Could the folded t[s..e) begin with an adopting subject? */
static bool may_adopt(const char *t, size_t s, size_t e)
{
    char f[SUBJECT_PEEK];
    if (!fold_peek(t, s, e, f))
        return true; /* too short to tell: the whole fold decides */
    for (size_t i = 0; i < COUNT(adopted_subjects); i++)
        if (tracuu_scan_starts_word(f, adopted_subjects[i]))
            return true;
    return false;
}

/* The sentence may go on over the next line ("… khóa" / "XII, kỳ họp thứ
 * 8 thông qua …"): t[l.s..next_e) is folded. */
static bool adopted_line(const char *t, line_t l, size_t next_e)
{
    size_t e = next_e > l.e ? next_e : l.e;
    if (!may_adopt(t, l.s, e))
        return false;
    char f[FOLD_CAP];
    tracuu_hdr_fold_range(t, l.s, e, f, sizeof f);
    for (size_t i = 0; i < COUNT(adopted_subjects); i++)
        if (tracuu_scan_starts_word(f, adopted_subjects[i]))
            return strstr(f, "thong qua") != NULL;
    return false;
}

/* The end of the line after the one ending at e (e itself at the end). */
static size_t line_end(const char *t, size_t len, size_t e)
{
    if (e >= len)
        return e;
    const char *nl = memchr(t + e + 1, '\n', len - e - 1);
    return nl ? (size_t)(nl - t) : len;
}

/* What the signature block is looked for after. */
typedef enum anchor {
    ANCHOR_RECIPIENTS, /* the first "Nơi nhận:" line */
    ANCHOR_BODY_END,   /* else the first line ending "./." or adopting the act */
    ANCHOR_TAIL,       /* else the last lines of the text */
} anchor_t;

enum { TAIL_LINES = 8 };

/* Byte offset of the anchor line, searched from byte from. */
static anchor_t find_anchor(const char *t, size_t len, size_t from, size_t *at)
{
    size_t p = from, body_end = SIZE_MAX;
    while (p < len) {
        const char *nl = memchr(t + p, '\n', len - p);
        size_t e = nl ? (size_t)(nl - t) : len;
        line_t l = tracuu_hdr_line_trim(t, p, e);
        if (!tracuu_hdr_line_blank(l)) {
            if (recipients_line(t, l)) {
                *at = p;
                return ANCHOR_RECIPIENTS;
            }
            if (body_end == SIZE_MAX &&
                (body_end_line(t, l) ||
                 adopted_line(t, l, line_end(t, len, e))))
                body_end = p;
        }
        p = e + 1;
    }
    if (body_end != SIZE_MAX) {
        *at = body_end;
        return ANCHOR_BODY_END;
    }
    /* The last TAIL_LINES lines, not counting blank ones at the end. */
    size_t end = len;
    while (end > from && tracuu_scan_is_space(t[end - 1]))
        end--;
    *at = end;
    for (size_t n = 0; n < TAIL_LINES && *at > from; n++) {
        (*at)--;
        while (*at > from && t[*at - 1] != '\n')
            (*at)--;
    }
    return ANCHOR_TAIL;
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

/* The first line to read for signatures: after the anchor when it closes
 * the body; from the anchor line on in the tail; else after the last
 * "./." line before "Nơi nhận:" (signatures written before it). */
static size_t first_line(const char *t, const lines_t *L, size_t a,
                         anchor_t kind)
{
    if (kind == ANCHOR_BODY_END)
        return a + 1;
    if (kind == ANCHOR_TAIL)
        return a;
    for (size_t k = a; k > 0; k--)
        if (body_end_line(t, L->v[k - 1]))
            return k;
    return a;
}

/* Read the signature blocks and the recipients from line first on; a is
 * the anchor line. In the tail of a text with no anchor only the forms no
 * heading takes are read: a block glued after the recipients and a name
 * signed "(Đã ký)"; a role line alone there may be a heading. */
static void blocks_read(const char *t, const lines_t *L, size_t first,
                        size_t a, bool tail, tracuu_header_t *h,
                        sig_state_t *st)
{
    recipients_t rs = {0};
    bool in_recipients = false;
    char *bare = NULL;
    for (size_t i = first; i < L->n && st->n < SIG_MAX; i++) {
        line_t l = L->v[i], role, inl;
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
                    i = signature_read(t, L, i, rest.s, rest.e,
                                       (line_t){0, 0}, st);
            }
            continue;
        }
        if (glued_block(t, l, &role, &inl)) {
            in_recipients = false;
            i = signature_read(t, L, i, role.s, role.e, inl, st);
            continue;
        }
        if (item_line(t, l)) {
            if (in_recipients)
                recipient_add(h, &rs, t, l.s, l.e);
            continue;
        }
        size_t role_end = tail ? 0 : role_start_at(t, L, i);
        if (role_end) {
            in_recipients = false;
            i = signature_read(t, L, i, l.s, role_end, (line_t){0, 0}, st);
            continue;
        }
        if (in_recipients && recipient_continue(h, &rs, t, l))
            continue;
        in_recipients = false;
        if (st->n == 0 && !bare)
            bare = bare_name(t, L, i);
        /* Body text after a signature ends the search. */
        if (st->n > 0 && i > a)
            break;
    }
    if (st->n == 0 && bare) {
        st->v[0].role = NULL;
        st->v[0].name = bare;
        st->n = 1;
    } else {
        free(bare);
    }
}

void tracuu_hdr_signature_block(const char *t, size_t len, size_t from,
                                tracuu_header_t *h)
{
    size_t at;
    anchor_t kind = find_anchor(t, len, from, &at);
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
    sig_state_t st = {0};
    blocks_read(t, &L, first_line(t, &L, a, kind), a, kind == ANCHOR_TAIL, h,
                &st);
    free(L.v);
    if (st.n) {
        h->signatures = tracuu_xcalloc(st.n, sizeof *h->signatures);
        memcpy(h->signatures, st.v, st.n * sizeof *st.v);
        h->n_signatures = st.n;
        h->signer_role = st.v[0].role ? tracuu_xstrdup(st.v[0].role) : NULL;
        h->signer = st.v[0].name ? tracuu_xstrdup(st.v[0].name) : NULL;
    }
}
