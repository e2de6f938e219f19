/* test_encoding.c: encoding detection and decoding, and the syllable check behind it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "encoding.h"
#include "normalize.h"
#include "syllable.h"
#include "testutil.h"

#define FIX "tests/fixtures/ingest/"

/* The passage every legacy fixture holds (scripts/make-ingest-fixtures),
 * as the normaliser writes it. */
static const char *const passage_lines[] = {
    "Ủy ban nhân dân xã Trường Tây phối hợp Ban chấp hành Công đoàn cơ sở xã "
    "xây dựng kế hoạch phát động phong trào thi đua năm 2025.",
    "Phương châm \"Ngành ngành thi đua, người người thi đua, nhà nhà thi đua\".",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ.",
};

/* Normalised text (new; free with free()). */
static char *normalized(const char *s, size_t n)
{
    tracuu_norm_t nm;
    assert_int_equal(tracuu_normalize(s, n, &nm), 0);
    char *out = tracuu_xstrdup(nm.s);
    tracuu_norm_free(&nm);
    return out;
}

/* Detect the fixture's encoding; returns the normalised text. */
static char *detect_file(const char *name, tracuu_enc_info_t *info)
{
    size_t n = 0;
    char *raw = tt_read_file(name, &n);
    assert_non_null(raw);
    tracuu_buf_t out = {0};
    tracuu_enc_detect(raw, n, &out, info);
    free(raw);
    assert_int_equal(tracuu_utf8_valid_prefix(out.s, out.len), out.len);
    char *norm = normalized(out.s, out.len);
    tracuu_buf_free(&out);
    return norm;
}

static void assert_passage(const char *text)
{
    for (size_t i = 0; i < sizeof passage_lines / sizeof *passage_lines; i++) {
        if (!strstr(text, passage_lines[i]))
            fail_msg("missing \"%s\" in:\n%s", passage_lines[i], text);
    }
}

static void test_tcvn3_file_decodes_to_uy_ban_nhan_dan(void **state)
{
    (void)state;
    tracuu_enc_info_t info;
    char *t = detect_file(FIX "tcvn3.txt", &info);
    assert_int_equal(info.enc, TRACUU_ENC_TCVN3);
    assert_string_equal(tracuu_enc_name(info.enc), "TCVN3");
    assert_true(strncmp(t, "Ủy ban nhân dân", strlen("Ủy ban nhân dân")) == 0);
    assert_passage(t);
    assert_true(info.share > 0.95); /* "NĐ" in NĐ-CP is no syllable */
    free(t);
}

static void test_viscii_file_is_detected(void **state)
{
    (void)state;
    tracuu_enc_info_t info;
    char *t = detect_file(FIX "viscii.txt", &info);
    assert_int_equal(info.enc, TRACUU_ENC_VISCII);
    assert_passage(t);
    free(t);
}

static void test_cp1258_combining_tones_compose(void **state)
{
    (void)state;
    tracuu_enc_info_t info;
    char *t = detect_file(FIX "cp1258.txt", &info);
    assert_int_equal(info.enc, TRACUU_ENC_CP1258);
    assert_passage(t);
    /* decoded text is already composed: no combining mark is left */
    tracuu_buf_t out = {0};
    size_t n = 0;
    char *raw = tt_read_file(FIX "cp1258.txt", &n);
    tracuu_enc_decode(TRACUU_ENC_CP1258, raw, n, &out);
    assert_null(strstr(out.s, "\xCC\x81")); /* U+0301 */
    assert_null(strstr(out.s, "\xCC\xA3")); /* U+0323 */
    assert_non_null(strstr(out.s, "Nghị định"));
    tracuu_buf_free(&out);
    free(raw);
    free(t);
}

static void test_vni_letters_and_marks_combine(void **state)
{
    (void)state;
    tracuu_enc_info_t info;
    char *t = detect_file(FIX "vni.txt", &info);
    assert_int_equal(info.enc, TRACUU_ENC_VNI);
    assert_true(strncmp(t, "ỦY BAN NHÂN DÂN XÃ TRƯỜNG TÂY\n",
                        strlen("ỦY BAN NHÂN DÂN XÃ TRƯỜNG TÂY\n")) == 0);
    assert_passage(t);
    /* ộ, ệ: the dot below under a circumflex */
    assert_non_null(strstr(t, "phát động"));
    free(t);
}

static void test_vni_mark_after_consonant_stays_a_character(void **state)
{
    (void)state;
    tracuu_buf_t out = {0};
    /* "nhaân" = nhân; a mark byte after "h" has no vowel to modify */
    tracuu_enc_decode(TRACUU_ENC_VNI, "nhaa\xE2n h\xF9", 9, &out);
    assert_string_equal(out.s, "nhaân hù");
    tracuu_buf_free(&out);
}

static void test_utf16le_with_bom(void **state)
{
    (void)state;
    tracuu_enc_info_t info;
    char *t = detect_file(FIX "utf16le.txt", &info);
    assert_int_equal(info.enc, TRACUU_ENC_UTF16LE);
    assert_true(info.bom);
    assert_passage(t);
    free(t);
}

static void test_utf16_without_bom_by_zero_bytes(void **state)
{
    (void)state;
    size_t n = 0;
    char *raw = tt_read_file(FIX "utf16le.txt", &n);
    tracuu_buf_t out = {0};
    tracuu_enc_info_t info;
    tracuu_enc_detect(raw + 2, n - 2, &out, &info);
    assert_int_equal(info.enc, TRACUU_ENC_UTF16LE);
    assert_false(info.bom);
    assert_non_null(strstr(out.s, "Trường Tây"));
    tracuu_buf_free(&out);
    free(raw);
}

static void test_utf8_stays_utf8(void **state)
{
    (void)state;
    tracuu_enc_info_t info;
    char *t = detect_file(FIX "utf8.txt", &info);
    assert_int_equal(info.enc, TRACUU_ENC_UTF8);
    assert_int_equal(info.repaired, TRACUU_ENC_UTF8);
    assert_passage(t);
    free(t);
}

static void test_tcvn3_carried_in_utf8_is_repaired(void **state)
{
    (void)state;
    tracuu_enc_info_t info;
    char *t = detect_file(FIX "tcvn3-as-utf8.txt", &info);
    assert_int_equal(info.enc, TRACUU_ENC_UTF8);
    assert_int_equal(info.repaired, TRACUU_ENC_TCVN3);
    assert_int_equal(info.repaired_lines, 3);
    assert_passage(t);
    free(t);
}

static void test_repair_only_touches_legacy_lines(void **state)
{
    (void)state;
    /* a Unicode line, then a line typed in .VnTime */
    const char *in = "Kế hoạch số 01/KH-UBND\nUû ban nh\xC2\xA9n d\xC2\xA9n t\xC3\x98nh T\xC2\xA9y Ninh\n";
    tracuu_buf_t out = {0};
    size_t lines = 0;
    tracuu_enc_t e = tracuu_enc_repair(in, strlen(in), TRACUU_ENC_UTF8, &out, &lines);
    assert_int_equal(e, TRACUU_ENC_TCVN3);
    assert_int_equal(lines, 1);
    assert_string_equal(out.s, "Kế hoạch số 01/KH-UBND\nUỷ ban nhân dân tỉnh Tây Ninh\n");
    tracuu_buf_free(&out);
}

static void test_repair_with_font_hint_decodes_the_run(void **state)
{
    (void)state;
    /* "nh©n" alone would be ambiguous; a .VnTime font says TCVN3 */
    tracuu_buf_t out = {0};
    tracuu_enc_t e = tracuu_enc_repair("d\xC2\xA9n", 4, tracuu_enc_from_font(".VnTime"),
                                       &out, NULL);
    assert_int_equal(e, TRACUU_ENC_TCVN3);
    assert_string_equal(out.s, "dân");
    tracuu_buf_free(&out);
}

static void test_font_names_imply_encodings(void **state)
{
    (void)state;
    assert_int_equal(tracuu_enc_from_font(".VnTime"), TRACUU_ENC_TCVN3);
    assert_int_equal(tracuu_enc_from_font(".VnTimeH"), TRACUU_ENC_TCVN3);
    assert_int_equal(tracuu_enc_from_font(".VnArial NarrowH"), TRACUU_ENC_TCVN3);
    assert_int_equal(tracuu_enc_from_font("VNI-Times"), TRACUU_ENC_VNI);
    assert_int_equal(tracuu_enc_from_font("Times New Roman"), TRACUU_ENC_UTF8);
    assert_int_equal(tracuu_enc_from_font(NULL), TRACUU_ENC_UTF8);
}

static void test_valid_syllables(void **state)
{
    (void)state;
    static const char *const ok[] = {
        "nghiêng", "khuỷu", "quốc", "quyết", "gì", "giếng", "gìn", "Đảng",
        "người", "Ủy", "ủy", "hòa", "hoà", "thuở", "khuya", "oai", "ý", "kỹ",
        "học", "việc", "anh", "ĐỒNG", "xoong", "Ðiều",
        "vie\xCC\x82\xCC\xA3t", /* NFD: e + circumflex + dot */
        "đư\xC2\xADợc",          /* a soft hyphen inside */
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        if (!tracuu_syllable_valid(ok[i], strlen(ok[i])))
            fail_msg("\"%s\" should be a syllable", ok[i]);
}

static void test_invalid_syllables(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "nh©n", "tØnh", "nhaân", "Uû", "UÛy", "bcd", "hoc", "hàt", "ka", "ge",
        "ci", "ngi", "ghá", "quốcc", "HĐND", "côcain", "fa", "wi", "", "a\xEF\xBF\xBD",
        "nghiêngg", "hóá",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (tracuu_syllable_valid(bad[i], strlen(bad[i])))
            fail_msg("\"%s\" should not be a syllable", bad[i]);
}

static void test_score_counts_words_with_marks_only(void **state)
{
    (void)state;
    tracuu_syllable_score_t sc = {0};
    const char *s = "UBND tỉnh Tây Ninh, nh©n d©n 34-CT/TW “ngày”";
    tracuu_syllable_score(s, strlen(s), &sc);
    assert_int_equal(sc.words, 9);   /* digits and punctuation separate */
    assert_int_equal(sc.marked, 5);  /* tỉnh Tây nh©n d©n ngày */
    assert_int_equal(sc.good, 3);
}

/* ---- the seeds and the corpus, in each iconv encoding ---- */

static bool iconv_to(const char *enc, const char *s, size_t n, tracuu_buf_t *out)
{
    iconv_t cd = iconv_open(enc, "UTF-8");
    if (cd == (iconv_t)-1)
        return false;
    tracuu_buf_reserve(out, n * 2 + 16);
    char *in = (char *)s, *o = out->s;
    size_t left = n, oleft = out->cap - 1;
    while (left) {
        size_t r = iconv(cd, &in, &left, &o, &oleft);
        if (r == (size_t)-1) { /* not in the charset: drop the character */
            size_t i = 0;
            tracuu_utf8_next(in, left, &i);
            in += i;
            left -= i;
        }
    }
    iconv(cd, NULL, NULL, &o, &oleft);
    out->len = (size_t)(o - out->s);
    out->s[out->len] = '\0';
    iconv_close(cd);
    return true;
}

static void check_roundtrips(const char *path, size_t *files)
{
    static const struct {
        const char *iconv;
        tracuu_enc_t enc;
    } encs[] = {{"TCVN5712-1", TRACUU_ENC_TCVN3}, {"VISCII", TRACUU_ENC_VISCII},
                {"CP1258", TRACUU_ENC_CP1258}, {"UTF-16", TRACUU_ENC_UTF16LE}};
    size_t n = 0;
    char *text = tt_read_file(path, &n);
    assert_non_null(text);
    if (n > 200000)
        n = tracuu_utf8_valid_prefix(text, 200000);
    for (size_t k = 0; k < sizeof encs / sizeof *encs; k++) {
        tracuu_buf_t bytes = {0}, got = {0}, want = {0};
        assert_true(iconv_to(encs[k].iconv, text, n, &bytes));
        tracuu_enc_info_t info;
        tracuu_enc_detect(bytes.s, bytes.len, &got, &info);
        if (info.enc != encs[k].enc)
            fail_msg("%s as %s detected as %s (share %.3f)", path, encs[k].iconv,
                     tracuu_enc_name(info.enc), info.share);
        size_t skip = encs[k].enc == TRACUU_ENC_UTF16LE ? 2 : 0; /* BOM */
        tracuu_enc_decode(encs[k].enc, bytes.s + skip, bytes.len - skip, &want);
        if (got.len != want.len || memcmp(got.s, want.s, got.len) != 0) {
            size_t at = 0;
            while (at < got.len && at < want.len && got.s[at] == want.s[at])
                at++;
            size_t from = at > 40 ? at - 40 : 0;
            fail_msg("%s as %s: decoded text differs at %zu: \"%.80s\" vs \"%.80s\"",
                     path, encs[k].iconv, at, got.s + from, want.s + from);
        }
        tracuu_buf_free(&bytes);
        tracuu_buf_free(&got);
        tracuu_buf_free(&want);
    }
    free(text);
    (*files)++;
}

static void test_seeds_and_corpus_detected_in_every_encoding(void **state)
{
    (void)state;
    const char *shared = tt_shared_dir();
    if (!shared)
        skip();
    static const char *const dirs[] = {"seeds", "corpus/tnt305_tailieu_vanban/docs"};
    size_t files = 0;
    for (size_t d = 0; d < 2; d++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", shared, dirs[d]);
        DIR *dh = opendir(dir);
        assert_non_null(dh);
        struct dirent *e;
        size_t taken = 0;
        char **names = NULL;
        while ((e = readdir(dh)) != NULL) {
            size_t l = strlen(e->d_name);
            /* 002 is an OCR without diacritics: nothing to tell apart */
            if (l < 4 || strcmp(e->d_name + l - 4, ".txt") != 0 ||
                strncmp(e->d_name, "002_", 4) == 0)
                continue;
            names = tracuu_xrealloc(names, (taken + 1) * sizeof *names);
            names[taken++] = tracuu_xstrdup(e->d_name);
        }
        closedir(dh);
        for (size_t i = 0; i < taken; i++) {
            char path[8192];
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            if (i < 25) /* a sample keeps the test short */
                check_roundtrips(path, &files);
            free(names[i]);
        }
        free(names);
    }
    assert_true(files >= 25);
}

static void test_seed_syllable_share_is_high(void **state)
{
    (void)state;
    const char *shared = tt_shared_dir();
    if (!shared)
        skip();
    static const char *const seeds[] = {"000_ffb5641f03d939c8.txt", "001_1c875772783dc719.txt",
                                        "003_d36215ba802502f1.txt", "004_8c345a5aecb11603.txt"};
    for (size_t i = 0; i < 4; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/seeds/%s", shared, seeds[i]);
        size_t n = 0;
        char *t = tt_read_file(path, &n);
        assert_non_null(t);
        tracuu_syllable_score_t sc = {0};
        tracuu_syllable_score(t, n, &sc);
        double share = tracuu_syllable_share(&sc);
        if (share < 0.99)
            fail_msg("%s: only %.3f of %zu words valid", seeds[i], share, sc.marked);
        /* and repair leaves correct Unicode text as it is */
        tracuu_buf_t out = {0};
        assert_int_equal(tracuu_enc_repair(t, n, TRACUU_ENC_UTF8, &out, NULL),
                         TRACUU_ENC_UTF8);
        assert_int_equal(out.len, n);
        assert_memory_equal(out.s, t, n);
        tracuu_buf_free(&out);
        free(t);
    }
}

static void test_decoders_survive_any_bytes(void **state)
{
    (void)state;
    unsigned char junk[4099];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (unsigned char)(x >> 16);
    }
    for (int e = 0; e < TRACUU_ENC_LAST; e++) {
        tracuu_buf_t out = {0};
        tracuu_enc_decode((tracuu_enc_t)e, (const char *)junk, sizeof junk, &out);
        assert_int_equal(tracuu_utf8_valid_prefix(out.s, out.len), out.len);
        tracuu_buf_free(&out);
    }
    tracuu_buf_t out = {0};
    tracuu_enc_info_t info;
    tracuu_enc_detect((const char *)junk, sizeof junk, &out, &info);
    assert_int_equal(tracuu_utf8_valid_prefix(out.s, out.len), out.len);
    tracuu_buf_free(&out);
    /* empty input, a lone BOM, half a UTF-16 unit */
    tracuu_enc_detect("", 0, &out, &info);
    assert_int_equal(out.len, 0);
    tracuu_enc_detect("\xFF\xFE" "A", 3, &out, &info);
    assert_int_equal(info.enc, TRACUU_ENC_UTF16LE);
    assert_string_equal(out.s, "\xEF\xBF\xBD");
    tracuu_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tcvn3_file_decodes_to_uy_ban_nhan_dan),
        cmocka_unit_test(test_viscii_file_is_detected),
        cmocka_unit_test(test_cp1258_combining_tones_compose),
        cmocka_unit_test(test_vni_letters_and_marks_combine),
        cmocka_unit_test(test_vni_mark_after_consonant_stays_a_character),
        cmocka_unit_test(test_utf16le_with_bom),
        cmocka_unit_test(test_utf16_without_bom_by_zero_bytes),
        cmocka_unit_test(test_utf8_stays_utf8),
        cmocka_unit_test(test_tcvn3_carried_in_utf8_is_repaired),
        cmocka_unit_test(test_repair_only_touches_legacy_lines),
        cmocka_unit_test(test_repair_with_font_hint_decodes_the_run),
        cmocka_unit_test(test_font_names_imply_encodings),
        cmocka_unit_test(test_valid_syllables),
        cmocka_unit_test(test_invalid_syllables),
        cmocka_unit_test(test_score_counts_words_with_marks_only),
        cmocka_unit_test(test_seeds_and_corpus_detected_in_every_encoding),
        cmocka_unit_test(test_seed_syllable_share_is_high),
        cmocka_unit_test(test_decoders_survive_any_bytes),
    };
    return cmocka_run_group_tests_name("encoding", tests, NULL, NULL);
}
