/* citename.c: names of cited laws and codes as the citing text writes them ("Luật Thi đua, khen thưởng"). */
#include "citename.h"

#include <string.h>

#include "fold.h"
#include "scan.h"
#include "symbol_impl.h"

#define NAME_MAX_WORDS 9 /* after the type word: "Quản lý, bảo vệ công
                            trình quốc phòng và khu quân sự" is 11, but
                            longer runs were sentences (a name of 4 and
                            "nếu đủ điều kiện ...") */
#define COMMA_MAX_WORDS 3 /* words before a comma inside a name: "Thi
                             đua, khen thưởng", "Thuế xuất khẩu, thuế
                             nhập khẩu" */
#define MAX_GAP_BYTES 8 /* whitespace between two words of a name */

/* Type words that open a name, as written (capital first letter). */
static const char *const name_types[] = {"Bộ luật", "Luật", NULL};

/* Lowercase words no law's name holds after its first word: they begin
 * what the sentence says of it ("Luật Đất đai quy định ...", "Luật Thi
 * đua, khen thưởng được ..."). Compared with diacritics: "về" ends a
 * name, "vệ" (Bảo vệ) does not. */
static const char *const never_in_name[] = { "được", "đã", "về", "trong", "cho", "tại", "thì", "để", "này",
    "nay", "hiện", "có", "sẽ", "theo", "là", "do", "từ", "hướng", "sửa",
    "năm", "ngày", "khi", "cũng", "đang", "với", "như",
    "hoặc", "nhằm", "gồm", "tháng", "mà", "nếu", "không", "thuộc", "bằng",
    "đồng", "xem", "đối", "trên", "khác", "phải", "cụ", "trừ", "nhưng",
    "quyết", "bao", "ước", "sau", "trước", NULL};
/* Lowercase pairs no name holds ("An toàn thực phẩm" holds "thực"). */
static const char *const never_pairs[] = {"thực hiện", "báo cáo", "đề nghị",
                                          "bảo đảm", "đảm bảo", NULL};

/* After "và" or a comma: words that begin another item of a list
 * (another document, "các văn bản hướng dẫn", "pháp luật về ..."). */
static const char *const list_next[] = {
    "các", "những", "một", "văn", "nghị", "thông", "quyết", "chỉ", "luật",
    "bộ", "pháp", "kế", "hiến", "hướng", NULL};

/* Capitalised words that open a line of their own: a name does not go
 * on over a line break into them. */
static const char *const line_openers[] = {
    "căn", "điều", "chương", "mục", "phần", "theo", "thực", "ủy", "tm",
    "kt", "nơi", "quyết", "nghị", "luật", "bộ", "chỉ", "thông", NULL};

/* Words after a name that confirm where it ends, alone ("được", "đã")
 * or with the next word ("quy định", "hướng dẫn", "sửa đổi", "hiện
 * hành", "có hiệu lực"); other words that end a name (never_in_name) leave
 * its end in doubt, and the name is then not taken. */
static const char *const confirm_end[] = {"được", "đã", NULL};
static const char *const confirm_pairs[] = {"quy định", "hướng dẫn",
                                            "sửa đổi", "hiện hành",
                                            "có hiệu", NULL};
/* Words no name ends with. */
static const char *const never_last[] = {"và", "của", "các", "những", "một",
                                         "số", NULL};

typedef struct nword {
    size_t s, e;       /* bytes of the word */
    bool comma;        /* a comma right after it */
    bool new_line;     /* a line break between it and the next */
    size_t next;       /* where the next word begins (0: none) */
    size_t seg;        /* words of the name since its type word or the
                          last comma, this one included */
} nword_t;

static bool letter_at(const char *t, size_t len, size_t i, size_t *next)
{
    return i < len && tracuu_sym_is_letter(tracuu_scan_cp_at(t, len, i, next));
}

/* The word at t[i] and what follows it, up to the next word. */
static bool word_at(const char *t, size_t len, size_t i, nword_t *w)
{
    size_t j = i, nx;
    while (letter_at(t, len, j, &nx))
        j = nx;
    if (j == i)
        return false;
    *w = (nword_t){i, j, false, false, 0, 0};
    size_t k = j;
    if (k < len && t[k] == ',') {
        w->comma = true;
        k++;
    }
    size_t gap = k;
    while (k < len && tracuu_scan_is_space(t[k]) && k - gap <= MAX_GAP_BYTES) {
        if (t[k] == '\n')
            w->new_line = true;
        k++;
    }
    if (k > gap && letter_at(t, len, k, NULL))
        w->next = k;
    return true;
}

/* The lowercase form of the word at w (with diacritics). */
static void lower_word(const char *t, const nword_t *w, tracuu_buf_t *b)
{
    tracuu_buf_clear(b);
    tracuu_fold_lower(t + w->s, w->e - w->s, b);
    tracuu_buf_puts(b, "");
}

/* A digit after the word ("số 06", "năm 2022", "ngày 15"). */
static bool digit_after(const char *t, size_t len, const nword_t *w)
{
    size_t k = tracuu_scan_skip_space(t, len, w->e, MAX_GAP_BYTES);
    return k < len && tracuu_scan_is_digit(t[k]);
}

/* The words at w and after it, lowercase, apart by a space. */
static void lower_pair(const char *t, size_t len, const nword_t *w,
                       tracuu_buf_t *lw)
{
    lower_word(t, w, lw);
    nword_t nx;
    if (w->comma || !w->next || !word_at(t, len, w->next, &nx))
        return;
    tracuu_buf_t b = {0};
    lower_word(t, &nx, &b);
    tracuu_buf_putc(lw, ' ');
    tracuu_buf_append(lw, b.s, b.len);
    tracuu_buf_puts(lw, "");
    tracuu_buf_free(&b);
}

/* Whether word w (not the name's first) still belongs to the name; prev
 * is the word before it. */
static bool in_name(const char *t, size_t len, const nword_t *prev,
                    const nword_t *w, tracuu_buf_t *lw)
{
    lower_word(t, w, lw);
    if (prev->new_line && tracuu_scan_upper_at(t, len, w->s) &&
        tracuu_scan_in_list(line_openers, lw->s, lw->len))
        return false; /* "Căn cứ ..." on the next line */
    if (tracuu_scan_in_list(never_in_name, lw->s, lw->len))
        return false;
    if (prev->comma && (prev->seg > COMMA_MAX_WORDS ||
                        tracuu_scan_in_list(list_next, lw->s, lw->len)))
        return false;
    lower_pair(t, len, w, lw);
    if (tracuu_scan_in_list(confirm_pairs, lw->s, lw->len) ||
        tracuu_scan_in_list(never_pairs, lw->s, lw->len))
        return false; /* "Luật Đất đai quy định", "... thực hiện" */
    lower_word(t, w, lw);
    /* "Luật Tần số vô tuyến điện" holds "số"; "số 06/2022/QH15" ends it. */
    return strcmp(lw->s, "số") != 0 || !digit_after(t, len, w);
}

/* The type word at t[i], on a word boundary; its length or 0. */
static size_t type_word_at(const char *t, size_t len, size_t i)
{
    if (i > 0) {
        uint32_t cp = tracuu_scan_cp_before(t, i, NULL);
        if (tracuu_sym_is_letter(cp) || (cp < 0x80 && tracuu_scan_is_digit((int)cp)))
            return 0;
    }
    for (const char *const *w = name_types; *w; w++) {
        size_t n = strlen(*w);
        if (i + n < len && memcmp(t + i, *w, n) == 0 &&
            !letter_at(t, len, i + n, NULL))
            return n;
    }
    return 0;
}

/* "và"/"của" ending the name: "và" before another item ("và Luật Viên
 * chức", "và các văn bản"; "Khoa học, Công nghệ và Đổi mới sáng tạo"
 * goes on), "của" before a capitalised word (an issuer: "của Quốc hội";
 * "của Nhà nước" and "của Luật ..." of an amending law go on). */
static bool joins_other(const char *t, size_t len, const nword_t *w,
                        tracuu_buf_t *lw)
{
    lower_word(t, w, lw);
    bool va = strcmp(lw->s, "và") == 0, cua = strcmp(lw->s, "của") == 0;
    if ((!va && !cua) || !w->next)
        return false;
    nword_t nx;
    if (!word_at(t, len, w->next, &nx))
        return true;
    if (cua && (strncmp(t + nx.s, "Nhà nước", strlen("Nhà nước")) == 0 ||
                type_word_at(t, len, nx.s)))
        return false;
    if (cua && tracuu_scan_upper_at(t, len, nx.s))
        return true;
    lower_pair(t, len, &nx, lw);
    if (va && tracuu_scan_in_list(confirm_pairs, lw->s, lw->len))
        return true; /* "và quy định", "và hướng dẫn" */
    lower_word(t, &nx, lw);
    return tracuu_scan_in_list(list_next, lw->s, lw->len);
}

/* The name's text from t[start..end), whitespace collapsed. */
static void put_name(const char *t, size_t start, size_t end,
                     tracuu_citename_t *out)
{
    tracuu_buf_t b = {0};
    tracuu_buf_put_collapsed(&b, t + start, end - start, NULL);
    tracuu_buf_puts(&b, "");
    tracuu_sym_copy_str(out->name, sizeof out->name, b.s, b.len);
    tracuu_buf_clear(&b);
    tracuu_citename_key(out->name, strlen(out->name), &b);
    tracuu_buf_puts(&b, "");
    tracuu_sym_copy_str(out->key, sizeof out->key, b.s, b.len);
    tracuu_buf_free(&b);
}

/* What follows the word w, when no word does: a line end, punctuation
 * that closes the name (";", ".", "(", a quote), a year ("Luật Đất đai
 * 2024"). */
static bool closed_by_mark(const char *t, size_t len, const nword_t *w)
{
    size_t k = tracuu_scan_skip_space(t, len, w->e + (w->comma ? 1 : 0),
                                      MAX_GAP_BYTES);
    if (k >= len || t[k] == '\n' || w->new_line)
        return true;
    if (tracuu_scan_is_digit(t[k]))
        return !w->comma && k + 4 <= len && (t[k] == '1' || t[k] == '2') &&
               tracuu_scan_is_digit(t[k + 3]) &&
               (k + 4 == len || !tracuu_scan_is_alnum(t[k + 4]));
    uint32_t cp = tracuu_scan_cp_at(t, len, k, NULL);
    return (cp < 0x80 && strchr(";.:()[]\"'", (int)cp)) ||
           tracuu_scan_is_quote_cp(cp) || w->comma;
}

/* Whether what follows the accepted word w confirms the name ends
 * there: closed_by_mark, a comma before a capital or another item, a
 * line break before a line's opening word, "số"/"năm"/"ngày" and a
 * number, "và"/"của" before another item, or confirm_end's words. */
static bool ends_name(const char *t, size_t len, const nword_t *w,
                      tracuu_buf_t *lw)
{
    lower_word(t, w, lw);
    if (tracuu_scan_in_list(never_last, lw->s, lw->len))
        return false;
    nword_t nx;
    if (!w->next || !word_at(t, len, w->next, &nx))
        return closed_by_mark(t, len, w);
    bool upper = tracuu_scan_upper_at(t, len, nx.s);
    lower_word(t, &nx, lw);
    if (!strcmp(lw->s, "số") || !strcmp(lw->s, "năm") || !strcmp(lw->s, "ngày"))
        return digit_after(t, len, &nx);
    if (w->comma) { /* "Luật Đất đai, không ...", "Luật Điện lực, Điều 5" */
        if (w->seg > COMMA_MAX_WORDS || !in_name(t, len, w, &nx, lw))
            return true;
        lower_word(t, &nx, lw);
        return upper && tracuu_scan_in_list(line_openers, lw->s, lw->len);
    }
    if (w->new_line)
        return upper && tracuu_scan_in_list(line_openers, lw->s, lw->len);
    lower_word(t, &nx, lw);
    if (!strcmp(lw->s, "và") || !strcmp(lw->s, "của"))
        return joins_other(t, len, &nx, lw);
    if (tracuu_scan_in_list(confirm_end, lw->s, lw->len))
        return true;
    lower_pair(t, len, &nx, lw);
    return tracuu_scan_in_list(confirm_pairs, lw->s, lw->len);
}

bool tracuu_citename_read(const char *t, size_t len, size_t i,
                          tracuu_citename_t *out)
{
    size_t tn = type_word_at(t, len, i);
    size_t k = tn ? tracuu_scan_skip_space(t, len, i + tn, MAX_GAP_BYTES) : 0;
    nword_t w, prev;
    if (!tn || k == i + tn || !tracuu_scan_upper_at(t, len, k) ||
        !word_at(t, len, k, &w))
        return false;
    tracuu_buf_t lw = {0};
    lower_word(t, &w, &lw);
    if (!strcmp(lw.s, "số")) { /* "Luật Số 06/2022/QH15" */
        tracuu_buf_free(&lw);
        return false;
    }
    w.seg = 1;
    size_t end = ends_name(t, len, &w, &lw) ? w.e : 0, words = 1;
    while (w.next) {
        prev = w;
        if (!word_at(t, len, prev.next, &w))
            break;
        w.seg = prev.comma ? 1 : prev.seg + 1;
        if (!in_name(t, len, &prev, &w, &lw) ||
            joins_other(t, len, &w, &lw) || ++words > NAME_MAX_WORDS ||
            w.e - i > TRACUU_CITENAME_MAX)
            break;
        if (ends_name(t, len, &w, &lw))
            end = w.e;
    }
    tracuu_buf_free(&lw);
    if (!end)
        return false;
    memset(out, 0, sizeof *out);
    out->span = (tracuu_span_t){i, end};
    put_name(t, i, end, out);
    out->count = 1;
    return true;
}

void tracuu_citename_key(const char *s, size_t n, tracuu_buf_t *out)
{
    tracuu_buf_t f = {0};
    tracuu_fold_ascii(s, n, &f);
    bool gap = false;
    size_t start = out->len;
    for (size_t i = 0; i < f.len; i++) {
        char c = f.s[i];
        if (tracuu_scan_is_alnum(c)) {
            if (gap && out->len > start)
                tracuu_buf_putc(out, ' ');
            gap = false;
            tracuu_buf_putc(out, c);
        } else {
            gap = true;
        }
    }
    tracuu_buf_free(&f);
}

static void push_name(tracuu_citenames_t *c, tracuu_distinct_t *set,
                      const tracuu_citename_t *nm)
{
    size_t at = tracuu_distinct_add(set, nm->name, strlen(nm->name));
    if (at == TRACUU_DISTINCT_NEW) {
        if (c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 8;
            c->items = tracuu_xrealloc(c->items, c->cap * sizeof *c->items);
        }
        c->items[c->n++] = *nm;
    } else if (at != TRACUU_DISTINCT_DROPPED && c->items[at].count < UINT_MAX) {
        c->items[at].count++;
    }
}

void tracuu_citenames_extract(const char *text, size_t len, size_t max,
                              tracuu_citenames_t *out)
{
    memset(out, 0, sizeof *out);
    if (!text)
        return;
    tracuu_distinct_t set = {.max = max};
    tracuu_citename_t *nm = tracuu_xmalloc(sizeof *nm);
    for (size_t i = 0; i < len; i++) {
        if (text[i] != 'L' && text[i] != 'B')
            continue;
        if (tracuu_citename_read(text, len, i, nm)) {
            push_name(out, &set, nm);
            i = nm->span.end - 1;
        }
    }
    free(nm);
    out->tally = set.tally;
    tracuu_distinct_free(&set);
}

void tracuu_citenames_free(tracuu_citenames_t *c)
{
    if (!c)
        return;
    free(c->items);
    c->items = NULL;
    c->n = c->cap = 0;
}
