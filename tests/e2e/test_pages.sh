# test_pages.sh: the page count where the format has one: a PDF's pages
# (pdfinfo), a DOCX's docProps/app.xml <Pages>, an ODT's meta.xml
# meta:page-count; none for plain text or a DOCX saved without it. Shown
# as "số trang: N" in text, "pages" in JSON, "Số trang" in CSV and XLSX.
. tests/e2e/lib.sh
need_tools test_pages pdfinfo pdftotext
DB="$TMP/db"
mkdir -p "$TMP/p"
python3 - "$TMP/p" tests/fixtures/ingest <<'PY'
import os, sys, zipfile
out, fx = sys.argv[1], sys.argv[2]
# Each copy gets its own number, so the three are three plans, not one
# plan in three files (the duplicate key) shown once.
def copy(src, dst, extra, number):
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, 'w') as zo:
        for i in zi.infolist():
            data = zi.read(i.filename)
            if i.filename in extra:
                data = extra.pop(i.filename)
            if i.filename in ('word/document.xml', 'content.xml'):
                assert data.count(b'01/KH-UBND-CD') == 1, dst
                data = data.replace(b'01/KH-UBND-CD', number)
            zo.writestr(i, data)
        for name, data in extra.items():
            zo.writestr(name, data)
copy(os.path.join(fx, 'plan.docx'), os.path.join(out, 'ba-trang.docx'), {
    'docProps/app.xml': b'<?xml version="1.0" encoding="UTF-8"?><Properties xmlns='
    b'"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b'<Template>Normal.dotm</Template><Pages>3</Pages><Words>120</Words></Properties>'},
    b'01/KH-UBND-CD')
meta = open(os.path.join(fx, 'plan.odt'), 'rb')
with zipfile.ZipFile(os.path.join(fx, 'plan.odt')) as z:
    m = z.read('meta.xml').replace(b'</office:meta>',
        b'<meta:document-statistic meta:page-count="2" meta:word-count="90"/></office:meta>')
copy(os.path.join(fx, 'plan.odt'), os.path.join(out, 'hai-trang.odt'), {'meta.xml': m},
     b'02/KH-UBND-CD')
copy(os.path.join(fx, 'plan.docx'), os.path.join(out, 'khong-ghi.docx'), {},
     b'03/KH-UBND-CD')
# A PDF of two pages, each with a line of text.
objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>']
for n, text in ((4, b'KE HOACH trang mot'), (6, b'Luat Thi dua trang hai')):
    objs.append(b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents %d 0 R '
                b'/Resources << /Font << /F1 7 0 R >> >> >>' % n)
    s = b'BT /F1 12 Tf 20 100 Td (' + text + b') Tj ET'
    objs.append(b'<< /Length %d >>\nstream\n' % len(s) + s + b'\nendstream')
objs.append(b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')
pdf, offs = bytearray(b'%PDF-1.4\n'), []
for i, o in enumerate(objs, 1):
    offs.append(len(pdf))
    pdf += b'%d 0 obj\n' % i + o + b'\nendobj\n'
x = len(pdf)
pdf += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
pdf += b''.join(b'%010d 00000 n \n' % o for o in offs)
pdf += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, x)
open(os.path.join(out, 'hai-trang.pdf'), 'wb').write(pdf)
PY
cp tests/fixtures/ingest/utf8.txt "$TMP/p/van-ban.txt"
pdfinfo "$TMP/p/hai-trang.pdf" | grep -q '^Pages: *2$' && ok || bad "the fixture PDF: $(pdfinfo "$TMP/p/hai-trang.pdf" 2>&1)"
"$IDX" -q -d "$DB" "$TMP/p" 2>"$TMP/idx.err"
RC=$?
expect_rc 0 "indexing: $(cat "$TMP/idx.err")"

# JSON: pages of each file, null where the format gives none.
q "$DB" --json --limit all '*'
python3 - "$TMP/out" >"$TMP/pages" <<'PY'
import json, os, sys
for h in json.load(open(sys.argv[1]))['hits']:
    print(os.path.basename(h['path']), h.get('pages', 'absent'))
PY
for want in "ba-trang.docx 3" "hai-trang.odt 2" "hai-trang.pdf 2" "khong-ghi.docx None" "van-ban.txt None"; do
    grep -qx "$want" "$TMP/pages" && ok || bad "pages: want $want, got $(tr '\n' ';' <"$TMP/pages")"
done

# Text: "số trang: 3" on the hit's record; none for plain text.
q "$DB" --limit all '*'
grep -A8 'ba-trang.docx$' "$TMP/out" | grep -qx '   số trang: 3' && ok || bad "text record: $(cat "$TMP/out")"
grep -A8 'van-ban.txt$' "$TMP/out" | grep -q 'số trang' && bad "a page count for plain text" || ok

# CSV and XLSX: the "Số trang" column.
q "$DB" --format csv --limit all '*'
python3 - "$TMP/out" <<'PY' && ok || bad "csv Số trang: $(cat "$TMP/out")"
import csv, io, os, sys
rows = list(csv.reader(io.StringIO(open(sys.argv[1], encoding='utf-8-sig').read())))
col = rows[0].index('Số trang'); name = rows[0].index('Tên tệp')
got = {os.path.basename(r[name]): r[col] for r in rows[1:]}
assert got == {'ba-trang.docx': '3', 'hai-trang.odt': '2', 'hai-trang.pdf': '2',
               'khong-ghi.docx': '', 'van-ban.txt': ''}, got
PY
if command -v xlsx2csv >/dev/null 2>&1; then
    q "$DB" --format xlsx -o "$TMP/a.xlsx" --limit all '*'
    xlsx2csv "$TMP/a.xlsx" "$TMP/a.csv" 2>/dev/null
    grep -q 'ba-trang.docx' "$TMP/a.csv" && grep 'ba-trang.docx' "$TMP/a.csv" | grep -q ',3,' && ok ||
        bad "xlsx Số trang: $(cat "$TMP/a.csv")"
fi
finish
