/* symbol_query.c: symbols and type-and-number forms typed in a query, and the type a citation is searched under. */
#include "symbol_impl.h"

/* ---- queries ---- */

bool tracuu_symbol_parse_query(const char *s, size_t len, tracuu_symbol_t *out)
{
    if (!s || !out)
        return false;
    size_t a = 0, e = len;
    while (a < e && tracuu_scan_is_space(s[a]))
        a++;
    while (e > a && tracuu_scan_is_space(s[e - 1]))
        e--;
    if (a == e || !tracuu_scan_is_digit(s[a]))
        return false;
    parsed_t p;
    before_t b;
    memset(&b, 0, sizeof b);
    if (!tracuu_sym_scan_parts(s, e, a, true, &p) || p.end != e)
        return false;
    if (!tracuu_sym_judge(&p, &b) || p.end != e)
        return false;
    return tracuu_sym_fill_symbol(s, &p, out);
}

bool tracuu_symbol_parse_type_number(const char *s, size_t len,
                                     char *type_code_out, size_t cap,
                                     long *number_out)
{
    enum { MAX_TOKENS = 8 };
    if (!s || !type_code_out || cap == 0 || !number_out)
        return false;
    /* Tokens separated by whitespace; ':' is a separator too. */
    size_t ts[MAX_TOKENS], te[MAX_TOKENS];
    int nt = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && (tracuu_scan_is_space(s[i]) || s[i] == ':'))
            i++;
        if (i >= len)
            break;
        if (nt == MAX_TOKENS)
            return false;
        ts[nt] = i;
        while (i < len && !tracuu_scan_is_space(s[i]) && s[i] != ':')
            i++;
        te[nt++] = i;
    }
    if (nt < 2)
        return false;
    /* The number is the last token. */
    size_t d = ts[nt - 1];
    if (te[nt - 1] - d > MAX_DIGITS)
        return false;
    long n = 0;
    for (size_t k = d; k < te[nt - 1]; k++) {
        if (!tracuu_scan_is_digit(s[k]))
            return false;
        n = n * 10 + (s[k] - '0');
    }
    if (n <= 0)
        return false;
    nt--;
    /* Then an optional "số". */
    tracuu_buf_t f = {0};
    tracuu_fold_ascii(s + ts[nt - 1], te[nt - 1] - ts[nt - 1], &f);
    for (const char *const *so = tracuu_so_words; *so; so++) {
        if (strlen(*so) == f.len && memcmp(*so, f.s, f.len) == 0) {
            nt--;
            break;
        }
    }
    const char *code = NULL;
    if (nt == 1) {
        const tracuu_doctype_t *dt =
            tracuu_doctype_find(s + ts[0], te[0] - ts[0], true);
        if (dt)
            code = dt->code;
    }
    if (!code && nt >= 1) {
        tracuu_buf_clear(&f);
        for (int k = 0; k < nt; k++) {
            if (k)
                tracuu_buf_putc(&f, ' ');
            tracuu_fold_ascii(s + ts[k], te[k] - ts[k], &f);
        }
        const tracuu_typeword_t *tw = tracuu_typeword_find(f.s, f.len);
        if (tw)
            code = tw->code;
    }
    tracuu_buf_free(&f);
    if (!code || strlen(code) + 1 > cap)
        return false;
    memcpy(type_code_out, code, strlen(code) + 1);
    *number_out = n;
    return true;
}

const char *tracuu_symbol_search_type(const tracuu_symbol_t *sym)
{
    if (!sym)
        return "";
    if (sym->type_code[0])
        return sym->type_code;
    return sym->word ? sym->word->code : "";
}
