#!/bin/sh
# test_formats.sh: every file of an archive folder is read or named: scans as JPEG, PNG and multi-page TIFF (with --ocr), registers as xlsx, ods, csv and tsv, a PDF with a text layer over its scan, an image-only PDF.
#
# The files are made here from examples/plans: LibreOffice makes PDFs of
# four plans, pdftoppm renders their pages (grey, 200 dpi) as PNG, JPEG
# and PGM, a few lines of Python put two pages in one TIFF and wrap a
# page in a PDF without text, tesseract's pdf output puts an invisible
# text layer over a page (what a PDF/A scan holds), Python's zipfile
# writes a register of documents as xlsx and ods, iconv a TCVN3 tsv.
# Needs soffice, poppler-utils, tesseract with its Vietnamese data,
# python3 and iconv: without them "skipped: ... not installed", except
# under CI=true, where it fails. Five pages are OCRed (about 10 s each
# on one busy core).
. tests/e2e/lib.sh

need_tools test_formats soffice pdftoppm pdftotext pdfinfo tesseract python3 iconv tesseract-vie

now_ms() { echo $(($(date +%s%N) / 1000000)); }
secs() { echo "$(($1 / 1000)).$(($1 % 1000 / 100))"; }

# ------------------------------------------------------------ the files
t0=$(now_ms)
P="$TMP/pdf"
D="$TMP/archive"
mkdir -p "$P" "$D"
for l in A B C E; do eval "cp examples/plans/\$P$l.txt \"$TMP/\""; done
soffice -env:UserInstallation="file://$TMP/profile" --headless \
    --infilter="Text (encoded):UTF8,LF,DejaVu Serif,vi-VN" --convert-to pdf \
    --outdir "$P" "$TMP/$PA.txt" "$TMP/$PB.txt" "$TMP/$PC.txt" "$TMP/$PE.txt" \
    >"$TMP/soffice.out" 2>&1 || bad "soffice: $(cat "$TMP/soffice.out")"
[ "$(pdfinfo "$P/$PA.pdf" | sed -n 's/^Pages: *//p')" = 2 ] && ok || bad "$PA.pdf is not 2 pages"
pdftoppm -r 200 -gray -png -singlefile "$P/$PC.pdf" "$D/scan-c"
pdftoppm -r 200 -gray -jpeg -singlefile "$P/$PE.pdf" "$D/scan-e"
pdftoppm -r 200 -gray "$P/$PA.pdf" "$TMP/a"
pdftoppm -r 200 -gray -singlefile "$P/$PB.pdf" "$TMP/b"
pdftoppm -r 200 -gray -png -singlefile "$P/$PB.pdf" "$TMP/b"
# a PDF/A-style scan: the page's image under tesseract's invisible text
tesseract "$TMP/b.png" "$D/layer-b" -l vie pdf >/dev/null 2>&1 || bad "tesseract pdf output"

python3 - "$TMP" "$D" <<'EOF'
import struct, sys, zipfile, zlib
tmp, out = sys.argv[1], sys.argv[2]

def pgm(path):
    d = open(path, 'rb').read()
    f = d.split(maxsplit=4)
    w, h = int(f[1]), int(f[2])
    return w, h, d[len(d) - w * h:]

def tiff(pages, dpi, path):
    """Uncompressed grey pages, one image directory each, chained."""
    b = bytearray(b'II*\0\0\0\0\0')
    link = 4
    for w, h, pix in pages:
        data = len(b); b += pix + b'\0' * (len(pix) % 2)
        res = len(b); b += struct.pack('<II', dpi, 1)
        tags = [(256, 4, w), (257, 4, h), (258, 3, 8), (259, 3, 1), (262, 3, 1),
                (273, 4, data), (277, 3, 1), (278, 4, h), (279, 4, w * h),
                (282, 5, res), (283, 5, res), (296, 3, 2)]
        struct.pack_into('<I', b, link, len(b))
        b += struct.pack('<H', len(tags))
        for tag, typ, val in tags:
            b += struct.pack('<HHI', tag, typ, 1)
            b += struct.pack('<HH', val, 0) if typ == 3 else struct.pack('<I', val)
        link = len(b); b += b'\0\0\0\0'
    open(path, 'wb').write(b)

def image_pdf(page, dpi, path):
    """One page holding the image and no text."""
    w, h, pix = page
    pw, ph = w * 72 / dpi, h * 72 / dpi
    body = zlib.compress(pix)
    content = b'q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q' % (pw, ph)
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
            b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents 4 0 R'
            b' /Resources << /XObject << /Im0 5 0 R >> >> >>' % (pw, ph),
            b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream',
            b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray'
            b' /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n'
            % (w, h, len(body)) + body + b'\nendstream']
    pdf = bytearray(b'%PDF-1.4\n')
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(pdf))
        pdf += b'%d 0 obj\n' % (i + 1) + o + b'\nendobj\n'
    xref = len(pdf)
    pdf += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    pdf += b''.join(b'%010d 00000 n \n' % o for o in offs)
    pdf += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)
    open(path, 'wb').write(pdf)

tiff([pgm(tmp + '/a-1.pgm'), pgm(tmp + '/a-2.pgm')], 200, out + '/scan-a.tif')
image_pdf(pgm(tmp + '/b.pgm'), 200, out + '/scan-b.pdf')

# A register of documents (sổ đăng ký văn bản): two sheets.
OUT = [('Sổ văn bản đi 2025', [
    ('Số, ký hiệu', 'Ngày', 'Trích yếu', 'Nơi nhận'),
    ('245/QĐ-UBND', (2025, 3, 15), 'Quyết định khen thưởng tập thể, cá nhân trong phong trào thi đua “Dân vận khéo”', 'Phòng Nội vụ'),
    ('17/KH-UBND', (2025, 4, 2), 'Kế hoạch tổ chức Hội nghị điển hình tiên tiến', 'Các xã, thị trấn')]),
    ('Văn bản đến', [
    ('Số, ký hiệu', 'Ngày', 'Trích yếu'),
    ('19/CT-TTg', (2017, 7, 21), 'Chỉ thị về đẩy mạnh phong trào thi đua “Dân vận khéo” của Thủ tướng Chính phủ')])]

def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')

def dmy(d):
    return '%02d/%02d/%04d' % (d[2], d[1], d[0])

def serial(d):
    import datetime
    return (datetime.date(*d) - datetime.date(1899, 12, 30)).days

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
strings = []
def sst(s):
    if s not in strings:
        strings.append(s)
    return strings.index(s)

def xlsx(path):
    sheets = []
    for name, rows in OUT:
        x = ['<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>' % NS]
        for r, row in enumerate(rows):
            x.append('<row r="%d">' % (r + 1))
            for c, v in enumerate(row):
                ref = 'ABCD'[c] + str(r + 1)
                if isinstance(v, tuple):   # a date: a day number, formatted
                    x.append('<c r="%s" s="1"><v>%d</v></c>' % (ref, serial(v)))
                else:
                    x.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, sst(v)))
            x.append('</row>')
        x.append('</sheetData></worksheet>')
        sheets.append(''.join(x))
    z = zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook %s %s><sheets>%s</sheets></workbook>'
               % (NS, RNS, ''.join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (esc(n), i + 1, i + 1)
                                   for i, (n, _) in enumerate(OUT))))
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>'
               % ''.join('<Relationship Id="rId%d" Type="worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1)
                         for i in range(len(OUT))))
    z.writestr('xl/styles.xml', '<?xml version="1.0"?><styleSheet %s><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>' % NS)
    for i, s in enumerate(sheets):
        z.writestr('xl/worksheets/sheet%d.xml' % (i + 1), s)
    z.writestr('xl/sharedStrings.xml', '<?xml version="1.0" encoding="UTF-8"?><sst %s>%s</sst>'
               % (NS, ''.join('<si><t>%s</t></si>' % esc(s) for s in strings)))
    z.close()

def ods(path):
    x = ['<?xml version="1.0" encoding="UTF-8"?><office:document-content'
         ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
         ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
         ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>']
    for name, rows in OUT:
        x.append('<table:table table:name="%s">' % esc(name))
        for row in rows:
            x.append('<table:table-row>')
            for v in row:
                if isinstance(v, tuple):
                    x.append('<table:table-cell office:value-type="date" office:date-value="%04d-%02d-%02d">'
                             '<text:p>%s</text:p></table:table-cell>' % (v + (dmy(v),)))
                else:
                    x.append('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % esc(v))
            x.append('<table:table-cell table:number-columns-repeated="1020"/></table:table-row>')
        x.append('</table:table>')
    x.append('</office:spreadsheet></office:body></office:document-content>')
    z = zipfile.ZipFile(path, 'w')
    z.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')
    z.writestr('content.xml', ''.join(x), zipfile.ZIP_DEFLATED)
    z.close()

def separated(rows, sep):
    def cell(v):
        v = dmy(v) if isinstance(v, tuple) else v
        return '"%s"' % v.replace('"', '""') if sep in v or '"' in v else v
    return ''.join(sep.join(cell(v) for v in row) + '\r\n' for row in rows)

xlsx(out + '/sodi-xlsx.xlsx')
ods(out + '/sodi-ods.ods')
open(out + '/sodi-csv.csv', 'w', encoding='utf-8').write(separated(OUT[0][1], ','))
# the incoming sheet as an old office keeps it: TCVN3, tabs ("“" has no TCVN3 form)
open(tmp + '/den.tsv', 'w', encoding='utf-8').write(
    separated(OUT[1][1], '\t').replace('“', '"').replace('”', '"'))
EOF
[ $? = 0 ] && ok || bad "python3 could not make the files"
iconv -f UTF-8 -t TCVN5712-1 "$TMP/den.tsv" >"$D/soden-tsv.tsv" || bad "iconv to TCVN3"
ls "$D" >"$TMP/files"
[ "$(wc -l <"$TMP/files")" -eq 9 ] && ok || bad "files made: $(cat "$TMP/files")"
make_ms=$(($(now_ms) - t0))

# ------------------------------------------------------------ without --ocr
DB="$TMP/db"
"$IDX" -v -d "$DB" "$D" >"$TMP/out1" 2>"$TMP/err1"; RC=$?
expect_rc 2 "indexing without --ocr (images skipped)"
sanitizer_clean "$TMP/err1" || bad "sanitizer report: $(head -c 2000 "$TMP/err1")"
grep -q "^tracuu-index: 9 files seen, 5 indexed, .* 4 skipped or failed" "$TMP/out1" && ok ||
    bad "summary without --ocr: $(cat "$TMP/out1")"
grep -q "^  image  *0  *0  *3  *0  *0$" "$TMP/out1" && ok || bad "no image row: $(cat "$TMP/out1")"
# every image named, with the reason that a run with --ocr reads again
for f in scan-c.png scan-e.jpg scan-a.tif; do
    grep -q "archive/$f: skipped: image: use --ocr$" "$TMP/err1" && ok || bad "$f not named: $(cat "$TMP/err1")"
done
grep -q "archive/scan-b.pdf: skipped: scanned, no text (use --ocr)$" "$TMP/err1" && ok ||
    bad "scan-b.pdf not named: $(cat "$TMP/err1")"
while IFS='|' read -r f how <&3; do
    grep -q "^indexed .*/archive/$f ($how)$" "$TMP/out1" && ok || bad "$f: want ($how): $(cat "$TMP/out1")"
done 3<<'EOF'
layer-b.pdf|pdf, UTF-8
sodi-xlsx.xlsx|xlsx, UTF-8
sodi-ods.ods|ods, UTF-8
sodi-csv.csv|csv, UTF-8
soden-tsv.tsv|csv, TCVN3
EOF
# The register: each symbol and date of its rows, as in a plan.
expect_hits "$DB" "sodi-csv sodi-ods sodi-xlsx" cites:245/QĐ-UBND
expect_hits "$DB" "sodi-csv sodi-ods sodi-xlsx" 17/KH-UBND
expect_hits "$DB" "sodi-csv sodi-ods sodi-xlsx" date:15/3/2025
expect_hits "$DB" "sodi-csv sodi-ods sodi-xlsx" date:2025-04-02
expect_hits "$DB" "soden-tsv sodi-ods sodi-xlsx" cites:19/CT-TTg
expect_hits "$DB" "soden-tsv sodi-ods sodi-xlsx" date:21/7/2017
# a sheet's name is text of the file (a tsv has none)
expect_hits "$DB" "sodi-ods sodi-xlsx" '"văn bản đến"'
expect_hits "$DB" "sodi-csv sodi-ods sodi-xlsx" '"điển hình tiên tiến"'
# cells apart: the last word of one cell and the first of the next are
# not one word
expect_hits "$DB" "" '"tiên tiếncác"'
# the PDF/A-style scan is read from its text layer, without OCR
grep -q "^indexed .*/archive/layer-b.pdf" "$TMP/out1" && ok || bad "layer-b.pdf not indexed"
expect_hits "$DB" "layer-b" number:05/KH-LĐLĐ
expect_hits "$DB" "" number:214/KH-SVHTTDL

# ------------------------------------------------------------ with --ocr
t0=$(now_ms)
"$IDX" -v --ocr -d "$DB" "$D" >"$TMP/out2" 2>"$TMP/err2"; RC=$?
ocr_ms=$(($(now_ms) - t0))
expect_rc 0 "indexing with --ocr"
sanitizer_clean "$TMP/err2" || bad "sanitizer report: $(head -c 2000 "$TMP/err2")"
for f in scan-c.png scan-e.jpg scan-a.tif; do
    grep -q "^indexed .*/archive/$f (image, UTF-8)$" "$TMP/out2" && ok || bad "$f not read with --ocr: $(cat "$TMP/out2") $(cat "$TMP/err2")"
done
grep -q "^indexed .*/archive/scan-b.pdf (pdf, UTF-8)$" "$TMP/out2" && ok || bad "scan-b.pdf not OCRed: $(cat "$TMP/out2")"
grep -q "^tracuu-index: 9 files seen, 4 indexed, 5 unchanged" "$TMP/out2" && ok || bad "summary with --ocr: $(cat "$TMP/out2")"
# Each scan found by its own number, its dates, what it cites; the
# TIFF's second page by its signer. (C's issue date is found as a date,
# not as issued: tesseract reads the header's two columns as one line,
# "Số: 214/KH-SVHTTDL Hà Lâm, ngày 22 tháng 01 năm 2024".)
expect_hits "$DB" "scan-c" number:214/KH-SVHTTDL
expect_hits "$DB" "scan-c" date:22/01/2024
expect_hits "$DB" "scan-a scan-c" cites:98/2023/NĐ-CP
expect_hits "$DB" "scan-e" number:09-CTr/ĐU
expect_hits "$DB" "scan-e" cites:25-NQ/TW
expect_hits "$DB" "scan-e" date:03/6/2013
expect_hits "$DB" "scan-a" number:12/KH-UBND
expect_hits "$DB" "scan-a" '"Nguyễn Văn Thạnh"'
expect_hits "$DB" "layer-b scan-b" number:05/KH-LĐLĐ
expect_hits "$DB" "layer-b scan-a scan-b scan-c" cites:34-CT/TW
# A third run has nothing to do.
"$IDX" --ocr -d "$DB" "$D" >"$TMP/out3" 2>"$TMP/err3"; RC=$?
expect_rc 0 "a third run"
grep -q "^tracuu-index: 9 files seen, 0 indexed, 9 unchanged" "$TMP/out3" && ok || bad "third run: $(cat "$TMP/out3")"

echo "formats: files made in $(secs $make_ms) s; OCR of 3 images (4 pages) and a scanned PDF page: $(secs $ocr_ms) s wall [$B]"
finish
