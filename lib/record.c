/* record.c: terms, values and data of an index document from an analysis. */
#include "record.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "schema.h"

static uint64_t fnv1a(const char *s, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

void tracuu_record_uid(const char *path, tracuu_buf_t *out)
{
    size_t n = strlen(path);
    size_t plen = strlen(TRACUU_PREFIX_UID);
    tracuu_buf_puts(out, TRACUU_PREFIX_UID);
    if (plen + n <= TRACUU_UID_MAX) {
        tracuu_buf_append(out, path, n);
        return;
    }
    /* Keep a readable head, cut at a UTF-8 boundary, then two hashes. */
    size_t keep = TRACUU_UID_MAX - plen - 33;
    while (keep > 0 && ((unsigned char)path[keep] & 0xC0) == 0x80)
        keep--;
    tracuu_buf_append(out, path, keep);
    tracuu_buf_printf(out, "#%016llx%016llx",
                      (unsigned long long)fnv1a(path, n, 0xcbf29ce484222325ULL),
                      (unsigned long long)fnv1a(path, n, 0x84222325cbf29ce4ULL));
}

void tracuu_record_hex(uint64_t v, char out[17])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--) {
        out[i] = hex[v & 15];
        v >>= 4;
    }
    out[16] = '\0';
}

/* Collapse runs of white space to one space, trimming both ends. */
static char *collapse(const char *s, size_t n, size_t max)
{
    tracuu_buf_t b = {0};
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n') {
            space = b.len > 0;
            continue;
        }
        if (space)
            tracuu_buf_putc(&b, ' ');
        space = false;
        tracuu_buf_putc(&b, c);
        if (b.len >= max && ((unsigned char)c & 0xC0) != 0x80 &&
            (i + 1 >= n || s[i + 1] == ' ')) {
            tracuu_buf_puts(&b, " …");
            break;
        }
    }
    return tracuu_buf_steal(&b);
}

char *tracuu_record_title(const tracuu_analysis_t *an)
{
    if (an->header.title && *an->header.title)
        return tracuu_xstrdup(an->header.title);
    const char *s = an->norm.s;
    size_t n = an->norm.len, i = 0;
    /* First line with a letter in it; Markdown marks go. */
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != '\n')
            e++;
        bool letters = false;
        for (size_t k = i; k < e && !letters; k++)
            letters = ((unsigned char)s[k] >= 0x80) ||
                      ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z');
        if (letters) {
            while (i < e && (s[i] == '#' || s[i] == '*' || s[i] == ' '))
                i++;
            return collapse(s + i, e - i, 120);
        }
        i = e + 1;
    }
    return tracuu_xstrdup("");
}

/* Exact terms of one document and how often each occurs: counted here
 * and added once each, which halves the work of Xapian's term map. */
typedef struct counter {
    char **keys;
    unsigned *counts;
    size_t cap, n;
} counter_t;

static void counter_add(counter_t *c, const char *key, size_t len)
{
    if (c->n * 2 >= c->cap) {
        counter_t bigger = {0};
        bigger.cap = c->cap ? c->cap * 2 : 1024;
        bigger.keys = tracuu_xcalloc(bigger.cap, sizeof(char *));
        bigger.counts = tracuu_xcalloc(bigger.cap, sizeof(unsigned));
        for (size_t i = 0; i < c->cap; i++) {
            if (!c->keys[i])
                continue;
            size_t h = fnv1a(c->keys[i], strlen(c->keys[i]), 0xcbf29ce484222325ULL);
            size_t j = h & (bigger.cap - 1);
            while (bigger.keys[j])
                j = (j + 1) & (bigger.cap - 1);
            bigger.keys[j] = c->keys[i];
            bigger.counts[j] = c->counts[i];
        }
        bigger.n = c->n;
        free(c->keys);
        free(c->counts);
        *c = bigger;
    }
    size_t j = fnv1a(key, len, 0xcbf29ce484222325ULL) & (c->cap - 1);
    while (c->keys[j]) {
        if (strncmp(c->keys[j], key, len) == 0 && c->keys[j][len] == '\0') {
            c->counts[j]++;
            return;
        }
        j = (j + 1) & (c->cap - 1);
    }
    c->keys[j] = tracuu_xstrndup(key, len);
    c->counts[j] = 1;
    c->n++;
}

/* Add every counted term to doc, then empty the counter. */
static tracuu_status_t counter_flush(counter_t *c, tracuu_doc_t *doc)
{
    tracuu_status_t st = TRACUU_OK;
    for (size_t i = 0; i < c->cap; i++) {
        if (!c->keys[i])
            continue;
        if (st == TRACUU_OK) {
            st = tracuu_doc_add_term(doc, c->keys[i], strlen(c->keys[i]),
                                     c->counts[i]);
            if (st == TRACUU_ERR_ARG)
                st = TRACUU_OK; /* an over-long term: skip it */
        }
        free(c->keys[i]);
    }
    free(c->keys);
    free(c->counts);
    memset(c, 0, sizeof *c);
    return st;
}

/* Index each token of text under prefix: folded with positions from
 * first_pos, plus the exact form when it differs (body only). */
static tracuu_status_t add_tokens(tracuu_doc_t *doc, const char *text,
                                  const tracuu_tokens_t *toks,
                                  const char *prefix, bool exact_too)
{
    tracuu_buf_t exact = {0}, folded = {0};
    counter_t exacts = {0};
    size_t plen = strlen(prefix);
    tracuu_status_t st = TRACUU_OK;
    for (size_t i = 0; i < toks->n && st == TRACUU_OK; i++) {
        const tracuu_token_t *t = &toks->v[i];
        tracuu_buf_clear(&exact);
        tracuu_buf_clear(&folded);
        tracuu_buf_puts(&exact, TRACUU_PREFIX_EXACT);
        tracuu_buf_puts(&folded, prefix);
        tracuu_term_forms(text + t->start, t->end - t->start, &exact, &folded);
        if (folded.len == plen)
            continue;
        st = tracuu_doc_add_posting(doc, folded.s, folded.len, t->pos + 1);
        size_t elen = strlen(TRACUU_PREFIX_EXACT);
        if (st == TRACUU_OK && exact_too &&
            (exact.len - elen != folded.len - plen ||
             memcmp(exact.s + elen, folded.s + plen, folded.len - plen) != 0))
            counter_add(&exacts, exact.s, exact.len);
        if (st == TRACUU_ERR_ARG)
            st = TRACUU_OK; /* an over-long term: skip it */
    }
    tracuu_status_t st2 = counter_flush(&exacts, doc);
    tracuu_buf_free(&exact);
    tracuu_buf_free(&folded);
    return st != TRACUU_OK ? st : st2;
}

static tracuu_status_t add_title(tracuu_analyzer_t *a, tracuu_doc_t *doc,
                                 const char *title)
{
    tracuu_tokens_t toks = {0};
    tracuu_status_t st =
        tracuu_analyzer_tokenize(a, title, strlen(title), &toks);
    if (st == TRACUU_OK)
        st = add_tokens(doc, title, &toks, TRACUU_PREFIX_TITLE, false);
    tracuu_tokens_free(&toks);
    return st;
}

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    return dot && dot[1] ? dot + 1 : NULL;
}

static char *metadata_json(const tracuu_analysis_t *an,
                           const tracuu_file_info_t *info, const char *title)
{
    json_t *o = json_object();
    json_object_set_new(o, "path", json_string(info->path));
    json_object_set_new(o, "title", json_string(title));
    json_object_set_new(o, "size", json_integer((json_int_t)info->size));
    json_object_set_new(o, "mtime", json_integer((json_int_t)info->mtime));
    const tracuu_header_t *h = &an->header;
    if (h->doc_type)
        json_object_set_new(o, "type", json_string(h->doc_type));
    if (h->number)
        json_object_set_new(o, "number", json_string(h->number));
    if (h->issuer)
        json_object_set_new(o, "issuer", json_string(h->issuer));
    if (h->place)
        json_object_set_new(o, "place", json_string(h->place));
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s;
}

tracuu_status_t tracuu_record_build(tracuu_analyzer_t *a,
                                    const tracuu_analysis_t *an,
                                    const tracuu_file_info_t *info,
                                    const char *uid, tracuu_doc_t **out)
{
    *out = NULL;
    tracuu_doc_t *doc = tracuu_doc_new();
    if (!doc)
        return TRACUU_ERR_NOMEM;
    char *title = tracuu_record_title(an);
    char *json = NULL;
    tracuu_buf_t data = {0}, term = {0};
    tracuu_status_t st =
        add_tokens(doc, an->norm.s, &an->tokens, "", true);
    if (st == TRACUU_OK)
        st = add_title(a, doc, title);
    if (st == TRACUU_OK)
        st = tracuu_doc_add_boolean(doc, uid, strlen(uid));
    const char *ext = extension(info->path);
    if (st == TRACUU_OK && ext) {
        tracuu_buf_puts(&term, TRACUU_PREFIX_EXT);
        tracuu_fold_lower(ext, strlen(ext), &term);
        if (term.len <= TRACUU_TERM_MAX)
            st = tracuu_doc_add_boolean(doc, term.s, term.len);
    }
    char hex[17];
    tracuu_record_hex((uint64_t)info->mtime, hex);
    if (st == TRACUU_OK)
        st = tracuu_doc_set_value(doc, TRACUU_SLOT_MTIME, hex, 16);
    tracuu_record_hex(info->size, hex);
    if (st == TRACUU_OK)
        st = tracuu_doc_set_value(doc, TRACUU_SLOT_SIZE, hex, 16);
    if (st == TRACUU_OK)
        st = tracuu_doc_set_value(doc, TRACUU_SLOT_PATH, info->path,
                                  strlen(info->path));
    json = metadata_json(an, info, title);
    if (!json)
        st = TRACUU_ERR_NOMEM;
    if (st == TRACUU_OK) {
        tracuu_buf_puts(&data, json);
        tracuu_buf_putc(&data, '\n');
        tracuu_buf_append(&data, an->norm.s, an->norm.len);
        st = tracuu_doc_set_data(doc, data.s, data.len);
    }
    free(title);
    free(json);
    tracuu_buf_free(&data);
    tracuu_buf_free(&term);
    if (st != TRACUU_OK) {
        tracuu_doc_free(doc);
        return st;
    }
    *out = doc;
    return TRACUU_OK;
}

void tracuu_record_split(const char *data, size_t len, const char **json,
                         size_t *json_len, const char **text,
                         size_t *text_len)
{
    const char *nl = memchr(data, '\n', len);
    size_t j = nl ? (size_t)(nl - data) : len;
    *json = data;
    *json_len = j;
    *text = nl ? nl + 1 : data + len;
    *text_len = nl ? len - j - 1 : 0;
}
