/* doctables.c: the vocabulary every extractor reads (types, issuers, headings, OCR spellings, date keywords). */
#include "doctables.h"

#include <string.h>

#define S TRACUU_DOCTYPE_STATE
#define P TRACUU_DOCTYPE_PARTY
#define L TRACUU_DOCTYPE_LEGAL
#define X TRACUU_DOCTYPE_NOCODE

/* Nghị định 30/2020/NĐ-CP appendix III (state), Hướng dẫn 36-HD/VPTW
 * (Party), the legal-normative codes, and older codes still cited in
 * force (PL-UBTVQH, 18-L/CTN, 21-LCT/HĐNN8, 102-SL/L-004). */
const tracuu_doctype_t tracuu_doctypes[] = {
    {"NQ", "Nghị quyết", NULL, NULL, S | P | L},
    {"QĐ", "Quyết định", NULL, "QD", S | P | L},
    {"CT", "Chỉ thị", NULL, NULL, S | P | L},
    {"QC", "Quy chế", NULL, NULL, S | P},
    {"QyĐ", "Quy định", NULL, "QyD", S},
    {"QĐi", "Quy định", NULL, "QDi", P},
    {"TC", "Thông cáo", NULL, NULL, S},
    {"TB", "Thông báo", NULL, NULL, S | P},
    {"HD", "Hướng dẫn", NULL, NULL, S | P},
    {"CTr", "Chương trình", NULL, NULL, S | P},
    {"KH", "Kế hoạch", NULL, NULL, S | P},
    {"KHHĐ", "Kế hoạch hành động", NULL, NULL, P},
    {"PA", "Phương án", NULL, NULL, S | P},
    {"ĐA", "Đề án", NULL, NULL, S | P},
    {"DA", "Dự án", NULL, NULL, S},
    {"BC", "Báo cáo", NULL, NULL, S | P},
    {"BB", "Biên bản", NULL, NULL, S | P},
    {"TTr", "Tờ trình", NULL, NULL, S | P},
    {"HĐ", "Hợp đồng", NULL, NULL, S},
    {"CĐ", "Công điện", NULL, NULL, S},
    {"BGN", "Bản ghi nhớ", NULL, NULL, S},
    {"BTT", "Bản thỏa thuận", NULL, NULL, S},
    {"GUQ", "Giấy ủy quyền", NULL, NULL, S},
    {"GM", "Giấy mời", NULL, NULL, S},
    {"GGT", "Giấy giới thiệu", NULL, NULL, S},
    {"GNP", "Giấy nghỉ phép", NULL, NULL, S},
    {"PG", "Phiếu gửi", NULL, NULL, S},
    {"PC", "Phiếu chuyển", NULL, NULL, S},
    {"PB", "Phiếu báo", NULL, NULL, S},
    {"NĐ", "Nghị định", NULL, "ND", S | L},
    {"TT", "Thông tư", "Thông tri", NULL, S | P | L},
    {"TTLT", "Thông tư liên tịch", NULL, NULL, L},
    {"NQLT", "Nghị quyết liên tịch", NULL, NULL, L},
    {"KL", "Kết luận", NULL, NULL, S | P},
    {"CV", "Công văn", NULL, NULL, P},
    {"VBHN", "Văn bản hợp nhất", NULL, NULL, S},
    {"QCPH", "Quy chế phối hợp", NULL, NULL, S},
    {"PL", "Pháp lệnh", NULL, NULL, L},
    {"L", "Lệnh", NULL, NULL, L},
    {"LCT", "Lệnh", NULL, NULL, L},
    {"SL", "Sắc lệnh", NULL, NULL, L},
    /* Pseudo codes: types whose symbols carry no type code. */
    {"LUAT", "Luật", NULL, NULL, X},
    {"BLUAT", "Bộ luật", NULL, NULL, X},
    {NULL, NULL, NULL, NULL, 0},
};

#undef S
#undef P
#undef L
#undef X

#define S TRACUU_ISSUER_STATE
#define P TRACUU_ISSUER_PARTY
#define E TRACUU_ISSUER_EITHER

/* The issuers whose codes are worth knowing: Party committees (which
 * decide the official spelling), the central state bodies and the
 * provincial ones that appear in plans. Unknown codes are still accepted
 * when they look like codes (see symbol.c). */
const tracuu_issuer_t tracuu_issuers[] = {
    /* Party */
    {"TW", "Trung ương", "TƯ", P},
    {"TU", "Tỉnh ủy, Thành ủy", NULL, P},
    {"HU", "Huyện ủy", NULL, P},
    {"QU", "Quận ủy", NULL, P},
    {"ĐU", "Đảng ủy", "DU", P},
    {"ĐUK", "Đảng ủy khối", "DUK", P},
    {"BCSĐ", "Ban cán sự đảng", "BCSD", P},
    {"ĐĐ", "Đảng đoàn", NULL, P},
    {"VPTW", "Văn phòng Trung ương Đảng", NULL, P},
    {"BTGTW", "Ban Tuyên giáo Trung ương", NULL, P},
    {"BTGDVTW", "Ban Tuyên giáo và Dân vận Trung ương", NULL, P},
    {"BTCTW", "Ban Tổ chức Trung ương", NULL, P},
    {"BDVTW", "Ban Dân vận Trung ương", NULL, P},
    {"BNCTW", "Ban Nội chính Trung ương", NULL, P},
    {"BKTTW", "Ban Kinh tế Trung ương", NULL, P},
    {"BĐNTW", "Ban Đối ngoại Trung ương", "BDNTW", P},
    {"UBKTTW", "Ủy ban Kiểm tra Trung ương", NULL, P},
    {"BCĐTW", "Ban Chỉ đạo Trung ương", "BCDTW", P},
    {"VPTU", "Văn phòng Tỉnh ủy", NULL, P},
    {"BTGTU", "Ban Tuyên giáo Tỉnh ủy", NULL, P},
    {"BTCTU", "Ban Tổ chức Tỉnh ủy", NULL, P},
    {"BDVTU", "Ban Dân vận Tỉnh ủy", NULL, P},
    {"UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", NULL, P},
    /* State, central */
    {"QH", "Quốc hội", NULL, S},
    {"UBTVQH", "Ủy ban Thường vụ Quốc hội", NULL, S},
    {"CTN", "Chủ tịch nước", NULL, S},
    {"CP", "Chính phủ", NULL, S},
    {"TTg", "Thủ tướng Chính phủ", NULL, S},
    {"VPCP", "Văn phòng Chính phủ", NULL, S},
    {"BNV", "Bộ Nội vụ", NULL, S},
    {"BTC", "Bộ Tài chính", NULL, S},
    {"BCA", "Bộ Công an", NULL, S},
    {"BQP", "Bộ Quốc phòng", NULL, S},
    {"BYT", "Bộ Y tế", NULL, S},
    {"BTP", "Bộ Tư pháp", NULL, S},
    {"BCT", "Bộ Công Thương", NULL, S},
    {"BXD", "Bộ Xây dựng", NULL, S},
    {"BNG", "Bộ Ngoại giao", NULL, S},
    {"BGDĐT", "Bộ Giáo dục và Đào tạo", "BGDDT", S},
    {"BKHĐT", "Bộ Kế hoạch và Đầu tư", "BKHDT", S},
    {"BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội", "BLDTBXH", S},
    {"BNN", "Bộ Nông nghiệp và Phát triển nông thôn", NULL, S},
    {"BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn", NULL, S},
    {"BNNMT", "Bộ Nông nghiệp và Môi trường", NULL, S},
    {"BTNMT", "Bộ Tài nguyên và Môi trường", NULL, S},
    {"BTTTT", "Bộ Thông tin và Truyền thông", NULL, S},
    {"BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch", NULL, S},
    {"BKHCN", "Bộ Khoa học và Công nghệ", NULL, S},
    {"BGTVT", "Bộ Giao thông vận tải", NULL, S},
    {"BDTTG", "Bộ Dân tộc và Tôn giáo", NULL, S},
    {"UBDT", "Ủy ban Dân tộc", NULL, S},
    {"NHNN", "Ngân hàng Nhà nước", NULL, S},
    {"TTCP", "Thanh tra Chính phủ", NULL, S},
    {"KTNN", "Kiểm toán Nhà nước", NULL, S},
    {"TANDTC", "Tòa án nhân dân tối cao", NULL, S},
    {"VKSNDTC", "Viện kiểm sát nhân dân tối cao", NULL, S},
    {"BHXH", "Bảo hiểm xã hội", NULL, S},
    {"HĐTĐKTTW", "Hội đồng Thi đua - Khen thưởng Trung ương", "HDTDKTTW", S},
    {"BTĐKTTW", "Ban Thi đua - Khen thưởng Trung ương", "BTDKTTW", S},
    /* State, local, and mass organisations */
    {"UBND", "Ủy ban nhân dân", NULL, S},
    {"UB", "Ủy ban", NULL, S},
    {"HĐND", "Hội đồng nhân dân", "HDND", S},
    {"CTUBND", "Chủ tịch Ủy ban nhân dân", NULL, S},
    {"HĐTĐKT", "Hội đồng Thi đua - Khen thưởng", "HDTDKT", S},
    {"HĐTĐ", "Hội đồng Thi đua", "HDTD", S},
    {"BCĐ", "Ban Chỉ đạo", "BCD", E},
    {"MTTQ", "Mặt trận Tổ quốc", NULL, S},
    {"UBMTTQ", "Ủy ban Mặt trận Tổ quốc", NULL, S},
    {"TLĐ", "Tổng Liên đoàn Lao động", "TLD", S},
    {"LĐLĐ", "Liên đoàn Lao động", "LDLD", S},
    {"SNV", "Sở Nội vụ", NULL, S},
    {"STC", "Sở Tài chính", NULL, S},
    {"SYT", "Sở Y tế", NULL, S},
    {"STP", "Sở Tư pháp", NULL, S},
    {"SXD", "Sở Xây dựng", NULL, S},
    {"SCT", "Sở Công Thương", NULL, S},
    {"SGDĐT", "Sở Giáo dục và Đào tạo", "SGDDT", S},
    {"SLĐTBXH", "Sở Lao động - Thương binh và Xã hội", "SLDTBXH", S},
    {"SNNMT", "Sở Nông nghiệp và Môi trường", NULL, S},
    {"SKHCN", "Sở Khoa học và Công nghệ", NULL, S},
    {"SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", NULL, S},
    {"CAT", "Công an tỉnh", NULL, S},
    {NULL, NULL, NULL, S},
};

#undef S
#undef P
#undef E

/* Longer phrases first is not needed: the matcher keeps the longest. */
const tracuu_typeword_t tracuu_typewords[] = {
    {"Chỉ thị", "chi thi", "CT"},
    {"Nghị quyết", "nghi quyet", "NQ"},
    {"Nghị quyết liên tịch", "nghi quyet lien tich", "NQLT"},
    {"Quyết định", "quyet dinh", "QĐ"},
    {"Nghị định", "nghi dinh", "NĐ"},
    {"Thông tư", "thong tu", "TT"},
    {"Thông tư liên tịch", "thong tu lien tich", "TTLT"},
    {"Thông tri", "thong tri", "TT"},
    {"Kế hoạch", "ke hoach", "KH"},
    {"Kế hoạch hành động", "ke hoach hanh dong", "KH"},
    {"Chương trình", "chuong trinh", "CTr"},
    {"Chương trình hành động", "chuong trinh hanh dong", "CTr"},
    {"Chương trình công tác", "chuong trinh cong tac", "CTr"},
    {"Chương trình phối hợp", "chuong trinh phoi hop", "CTr"},
    {"Kết luận", "ket luan", "KL"},
    {"Thông báo", "thong bao", "TB"},
    {"Thông báo kết luận", "thong bao ket luan", "TB"},
    {"Công văn", "cong van", "CV"},
    {"Văn bản", "van ban", "CV"},
    {"Công điện", "cong dien", "CĐ"},
    {"Hướng dẫn", "huong dan", "HD"},
    {"Quy định", "quy dinh", "QĐi"},
    {"Quy chế", "quy che", "QC"},
    {"Quy chế phối hợp", "quy che phoi hop", "QC"},
    {"Báo cáo", "bao cao", "BC"},
    {"Tờ trình", "to trinh", "TTr"},
    {"Đề án", "de an", "ĐA"},
    {"Dự án", "du an", "DA"},
    {"Phương án", "phuong an", "PA"},
    {"Hợp đồng", "hop dong", "HĐ"},
    {"Biên bản", "bien ban", "BB"},
    {"Giấy mời", "giay moi", "GM"},
    {"Thông cáo", "thong cao", "TC"},
    {"Bản ghi nhớ", "ban ghi nho", "BGN"},
    {"Văn bản hợp nhất", "van ban hop nhat", "VBHN"},
    {"Pháp lệnh", "phap lenh", "PL"},
    {"Lệnh", "lenh", "L"},
    {"Sắc lệnh", "sac lenh", "SL"},
    {"Luật", "luat", "LUAT"},
    {"Bộ luật", "bo luat", "BLUAT"},
    {NULL, NULL, NULL},
};

/* The headings of documents (header.c). */
const tracuu_heading_t tracuu_headings[] = {
    {"ke hoach", "KẾ HOẠCH"},
    {"ke hoach lien tich", "KẾ HOẠCH LIÊN TỊCH"},
    {"quyet dinh", "QUYẾT ĐỊNH"},
    {"nghi quyet", "NGHỊ QUYẾT"},
    {"nghi quyet lien tich", "NGHỊ QUYẾT LIÊN TỊCH"},
    {"chi thi", "CHỈ THỊ"},
    {"quy che", "QUY CHẾ"},
    {"quy dinh", "QUY ĐỊNH"},
    {"thong cao", "THÔNG CÁO"},
    {"thong bao", "THÔNG BÁO"},
    {"huong dan", "HƯỚNG DẪN"},
    {"chuong trinh", "CHƯƠNG TRÌNH"},
    {"phuong an", "PHƯƠNG ÁN"},
    {"de an", "ĐỀ ÁN"},
    {"du an", "DỰ ÁN"},
    {"bao cao", "BÁO CÁO"},
    {"bien ban", "BIÊN BẢN"},
    {"to trinh", "TỜ TRÌNH"},
    {"hop dong", "HỢP ĐỒNG"},
    {"cong dien", "CÔNG ĐIỆN"},
    {"cong van", "CÔNG VĂN"},
    {"ban ghi nho", "BẢN GHI NHỚ"},
    {"ban thoa thuan", "BẢN THỎA THUẬN"},
    {"giay moi", "GIẤY MỜI"},
    {"giay uy quyen", "GIẤY ỦY QUYỀN"},
    {"giay gioi thieu", "GIẤY GIỚI THIỆU"},
    {"ket luan", "KẾT LUẬN"},
    {"thong tri", "THÔNG TRI"},
    {"hien phap", "HIẾN PHÁP"},
    {"bo luat", "BỘ LUẬT"},
    {"luat", "LUẬT"},
    {"phap lenh", "PHÁP LỆNH"},
    {"lenh", "LỆNH"},
    {"nghi dinh", "NGHỊ ĐỊNH"},
    {"thong tu", "THÔNG TƯ"},
    {"thong tu lien tich", "THÔNG TƯ LIÊN TỊCH"},
    {NULL, NULL},
};

/* Date keywords (date.c), see doctables.h. OCR damage seen in the seeds
 * (seed 002: "nidm", "nim" for năm, "tir" for từ); số's plain spellings
 * are tracuu_so_words, shared with symbol.c (date.c reads words of
 * letters, so its "s6" and "s0" never match there). */
const tracuu_datekw_t tracuu_datekws[] = {
    {TRACUU_KW_NGAY, "ngày", "ngay"},
    {TRACUU_KW_THANG, "tháng", "thang"},
    {TRACUU_KW_NAM, "năm", "nam|nim|nidm|ndm|niam"},
    {TRACUU_KW_QUY, "quý", "quy"},
    {TRACUU_KW_DEN, "đến", "den"},
    {TRACUU_KW_TOI, "tới", "toi"},
    {TRACUU_KW_TU, "từ", "tu|tir"},
    {TRACUU_KW_TRUOC, "trước", "truoc"},
    {TRACUU_KW_HET, "hết", "het"},
    {TRACUU_KW_HAN, "hạn", "han"},
    {TRACUU_KW_CHOT, "chót", "chot"},
    {TRACUU_KW_CHAM, "chậm", "cham"},
    {TRACUU_KW_NHAT, "nhất", "nhat"},
    {TRACUU_KW_LA, "là", "la"},
    {TRACUU_KW_VA, "và", "va"},
    {TRACUU_KW_SO, "số", NULL}, /* tracuu_so_words */
    {TRACUU_KW_VIET, "việt", "viet"},
    {TRACUU_KW_LUAT, "luật", "luat"},
    {TRACUU_KW_BO, "bộ", "bo"},
    {TRACUU_KW_HIEN, "hiến", "hien"},
    {TRACUU_KW_PHAP, "pháp", "phap"},
    {TRACUU_KW_LENH, "lệnh", "lenh"},
    /* time and clause words: "triển khai Luật X trong năm 2024". Not
     * words seen inside law titles (Đầu tư, Hàng hải, Các tổ chức tín
     * dụng, Đầu tư theo phương thức đối tác công tư, Đầu tư nước ngoài tại
     * Việt Nam), and no plain spelling that is also a title word (thi: thi
     * đua, tai: tài nguyên). */
    {TRACUU_KW_STOP, "trong|vào|cuối|giữa|sau|này|được|đã|sẽ|thì|khi|hằng|mỗi",
     "trong|vao|cuoi|giua|duoc|khi"},
    {TRACUU_KW_NONE, NULL, NULL},
};

const char *const tracuu_so_words[] = {
    "so", "s6", "se", "s0", "s", NULL,
};

const char *const tracuu_cua_words[] = {
    "cua", "ctia", "ciia", "cia", "cta", "clia", NULL,
};

/* Words that end an issuer phrase when written in lowercase: "của UBND
 * tỉnh về ...", "của Bộ Nội vụ quy định ...". Issuer names capitalise
 * their proper words (Bộ Tài chính, Bộ Xây dựng, Ban Tổ chức), so "tại"
 * stops and "Tài" does not. The unaccented spellings serve text written
 * or OCR'd without diacritics. */
const char *const tracuu_issuer_stops[] = {
    "về", "tại", "nhằm", "để", "theo", "trong", "đã", "đến", "từ", "với",
    "cho", "khi", "như", "là", "được", "có", "nay", "sau", "trước",
    "ngày", "số", "của", "kèm", "gửi", "giao", "gắn", "và các",
    "ban hành", "thực hiện", "quy định", "hướng dẫn", "triển khai",
    "phê duyệt", "sửa đổi", "bổ sung", "phát động", "tiếp tục",
    "xây dựng", "tổ chức", "đối với", "hết hiệu lực", "có hiệu lực",
    "đảm bảo", "bảo đảm", "yêu cầu", "đề nghị", "thông qua", "công bố",
    "áp dụng", "điều chỉnh", "tăng cường", "đẩy mạnh", "phát triển",
    "nâng cao", "thành lập", "giải quyết", "quản lý", "trên", "thuộc",
    "năm", "tháng", "hiện hành", "cụ thể",
    "ve", "vé", "vê", "vè", "tai", "nham", "de", "den", "ngay", "so",
    "ban hanh", "thuc hien", "quy dinh", "huong dan", "trien khai",
    "phe duyet", "sua doi", "xay dung", "to chuc",
    NULL,
};

/* Words that end an issuer phrase in any case: they name no body
 * ("của Chính phủ Quy định chi tiết ..."). Compared lowercased. */
const char *const tracuu_issuer_stops_any[] = {
    "về", "về việc", "quy định", "hướng dẫn", "ban hành", "phê duyệt",
    "triển khai", "thực hiện", "ve", "quy dinh", "huong dan", "ban hanh",
    NULL,
};

const char *const tracuu_symbol_blockers[] = {
    "mau", "mau so", "bieu", "bieu mau", "bieu so", "qcvn", "tcvn", "tccs",
    "tieu chuan", "quy chuan", NULL,
};

/* Decode one code point of a symbol code and uppercase ASCII, đ and ư. */
static unsigned next_upper(const char *s, size_t len, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) {
        (*i)++;
        return (c >= 'a' && c <= 'z') ? (unsigned)c - 32 : c;
    }
    if (*i + 1 < len && (c == 0xC4 || c == 0xC6)) {
        unsigned cp = ((c & 0x1Fu) << 6) | ((unsigned char)s[*i + 1] & 0x3Fu);
        *i += 2;
        if (cp == 0x111)
            return 0x110; /* đ */
        if (cp == 0x1B0)
            return 0x1AF; /* ư */
        return cp;
    }
    (*i)++;
    return 0x100000u | c; /* anything else compares byte by byte */
}

bool tracuu_code_equal(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    size_t i = 0, j = 0;
    while (i < alen && j < blen) {
        if (next_upper(a, alen, &i) != next_upper(b, blen, &j))
            return false;
    }
    return i == alen && j == blen;
}

const tracuu_doctype_t *tracuu_doctype_find(const char *s, size_t len,
                                            bool with_pseudo)
{
    if (!s || len == 0)
        return NULL;
    for (const tracuu_doctype_t *t = tracuu_doctypes; t->code; t++) {
        if ((t->flags & TRACUU_DOCTYPE_NOCODE) && !with_pseudo)
            continue;
        if (tracuu_code_equal(s, len, t->code) ||
            (t->lost_dd && tracuu_code_equal(s, len, t->lost_dd)))
            return t;
    }
    return NULL;
}

const tracuu_issuer_t *tracuu_issuer_find(const char *s, size_t len)
{
    if (!s || len == 0)
        return NULL;
    for (const tracuu_issuer_t *t = tracuu_issuers; t->code; t++) {
        if (tracuu_code_equal(s, len, t->code) ||
            (t->alias && tracuu_code_equal(s, len, t->alias)))
            return t;
    }
    return NULL;
}

const tracuu_typeword_t *tracuu_typeword_find(const char *f, size_t len)
{
    if (!f)
        return NULL;
    for (const tracuu_typeword_t *t = tracuu_typewords; t->word; t++) {
        if (strlen(t->folded) == len && memcmp(t->folded, f, len) == 0)
            return t;
    }
    return NULL;
}

/* Each seen in real OCR of Vietnamese plans (../shared/seeds/002, the
 * OCR example plans): "Chi thi s6 34-CT/TW" (số), "B6 Chinh tri" (Bộ),
 * "1am theo" (làm), "dao dirc" (đức), "ciia" (của), "ctia" (của), "nidm"
 * (năm), "thanh phd" (phố), "s6i ndi" (sôi nổi), "cong chic" (chức),
 * and those of tests/fixtures/ocr-damage.md (x4, chtrc, nhitng, twong,
 * Qubc, ddy, méi, thyc, ciu, phitrong, the glyphs of hi¢n, ti€u, t&,
 * D§y, which the word breaker keeps in the word: tokenize.h); and the
 * classic confusions of OCR engines:
 * 0/o, 1/l, 5/s, rn/m. Tried in this order; a word gets at most two
 * readings.
 * Dropped or wrong diacritics need no entry: the folded form is what
 * every search matches. */
const tracuu_ocr_confusion_t tracuu_ocr_confusions[] = {
    {"6", "o", NULL},
    {"0", "o", NULL},
    {"1", "l", NULL},
    {"1", "i", NULL},
    {"4", "a", NULL},   /* x4 (xã) */
    {"5", "s", NULL},
    {"rn", "m", NULL},
    {"\xc2\xa2", "e", NULL}, /* hi¢n, K¢ (hiện, Kế): the glyph inside the word */
    {"\xe2\x82\xac", "e", NULL}, /* ti€u (tiêu) */
    {"&", "e", NULL},   /* kinh t&, 1& (tế, lễ) */
    {"&", "o", NULL},   /* co s& (sở) */
    {"\xc2\xa7", "a", NULL}, /* D§y (Đẩy) */
    {"itr", "u", NULL}, /* phitrong, ditroc (phương, được) */
    {"ir", "u", NULL},  /* dirc (đức) */
    {"tr", "u", NULL},  /* chtrc, strc (chức, sức) */
    {"it", "u", NULL},  /* nhitng (những) */
    {"ii", "u", NULL},  /* ciia, nhiing (của, những) */
    {"ti", "u", NULL},  /* ctia (của) */
    {"w", "u", NULL},   /* twong (tương) */
    {"id", "a", NULL},  /* nidm (năm) */
    {"d", "o", NULL},   /* qudc, mdi, phd (quốc, mới, phố) */
    {"b", "o", NULL},   /* Qubc (Quốc) */
    {"b", "a", NULL},   /* phbi (phải) */
    {"d", "a", NULL},   /* ddy (đẩy) */
    {"e", "o", "\xc3\xa9"}, /* méi, quéc, véi (mới, quốc, với) */
    {"y", "u", NULL},   /* thyc (thực) */
    {"i", "a", NULL},   /* ciu, cip, xuit, thing (câu, cấp, xuất, thắng) */
    {"i", "u", NULL},   /* chic (chức) */
    {NULL, NULL, NULL},
};
