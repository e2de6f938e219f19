#!/bin/sh
# test_trust_memory.sh: memory per document is bounded: hostile 16 MB texts (one citation, date, period or movement repeated a million times, a million distinct ones, one line, one word, 8 million one-letter words, a million distinct words, a CR LF or no-break space every 3 bytes, header lines, a title line, plain text) index within 200 MB of peak RSS, under a memory limit too, and nothing else in the run is lost.
. tests/e2e/lib.sh
# The release build (ASan's shadow memory would be measured too); by
# default the one beside $B: build-san -> build.
: "${RELEASE:=${B%-san}}"
IDX="$RELEASE/tracuu-index"
QRY="$RELEASE/tracuu-query"
LIMIT_KB=$((200 * 1024))
for p in "$IDX" "$QRY" /usr/bin/time; do
    [ -x "$p" ] || { bad "$p missing (make all builds build/)"; finish; exit 1; }
done

# Files of 16 MB less 4 KB (the limit is 16 MB of text), in $TMP/adv.
python3 - "$TMP/adv" <<'EOF'
import itertools, os, sys
from datetime import date, timedelta
out = sys.argv[1]
SIZE = 16 * 1024 * 1024 - 4096
os.makedirs(out)
def write(name, pieces):
    data = bytearray()
    for p in pieces:
        b = p.encode()
        if len(data) + len(b) > SIZE:
            break
        data += b
    open(os.path.join(out, name), 'wb').write(data)
def days():
    d = date(1900, 1, 1)
    while True:
        yield d
        d = d + timedelta(days=1) if d.year < 2100 else date(1900, 1, 1)
# The sample of the report: one citation, 1.29 million times.
u = 'số 34-CT/TW '
open(os.path.join(out, 'sym-rep.txt'), 'w').write(u * (SIZE // len(u.encode())))
write('sym-distinct.txt', ('số %d-CT/TW ' % i for i in itertools.count(1)))
write('dates-rep.txt', itertools.repeat(
    'ngày 5/6/2024, ngày 5 tháng 6 năm 2024, giai đoạn 2021 - 2025, '
    'phong trào “Dân vận khéo 1” '))
write('dates-distinct.txt', (
    'ngày %d/%d/%d, ngày %d tháng %d năm %d, giai đoạn %d - %d, '
    'phong trào “Dân vận khéo %d” ' % (d.day, d.month, d.year, d.day, d.month,
                                      d.year, d.year, d.year + i % 9 + 1, i)
    for i, d in enumerate(days())))
write('oneline.txt', itertools.repeat('thi,đua,khen,thưởng;'))
write('word.txt', itertools.repeat('a' * 4096))
# A CR LF and a no-break space every 3 bytes: 5.6 million points where
# the normalised text's offsets move.
write('breaks.txt', itertools.repeat('a\r\nb\u00a0'))
write('letters.txt', itertools.repeat('a b c d e f g h i j k l m n o p q r s t u v w x y z '))
write('words-distinct.txt', (''.join(chr(97 + (i // 26 ** k) % 26) for k in range(5)) + ' '
                             for i in itertools.count()))
write('headers.txt', itertools.repeat(
    'ỦY BAN NHÂN DÂN\nSố: 12/KH-UBND\nHà Nội, ngày 5 tháng 6 năm 2024\n'
    'KẾ HOẠCH\nThi đua năm 2024\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n'
    'Nguyễn Văn An\nNơi nhận:\n- Như trên;\n'))
write('title.txt', itertools.chain(['KẾ HOẠCH\n'],
                                   itertools.repeat('tổ chức phong trào thi đua yêu nước ')))
plans = 'examples/plans'
text = ''.join(open(os.path.join(plans, f), encoding='utf-8').read() + '\n'
               for f in sorted(os.listdir(plans)))
write('plain.txt', itertools.repeat(text))
EOF
[ "$(ls "$TMP/adv" | wc -l)" = 12 ] && ok || bad "generating the files: $(ls "$TMP/adv")"

# index NAME ARGS...: index into $TMP/NAME.db with one thread under GNU
# time; exit status in $RC, peak RSS (KB) in $RSS, stderr in $TMP/NAME.err.
index() {
    name=$1; shift
    timeout 120 /usr/bin/time -v -o "$TMP/$name.time" "$IDX" --jobs 1 \
        -d "$TMP/$name.db" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
    RC=$?
    RSS=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMP/$name.time")
    secs=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$TMP/$name.time")
    echo "  $name: exit $RC, peak RSS $((${RSS:-0} / 1024)) MB, $secs"
    if [ "$RC" = 0 ] || [ "$RC" = 2 ]; then ok; else
        bad "$name: exit $RC (killed or aborted): $(tail -c 300 "$TMP/$name.err")"; fi
    if [ "${RSS:-999999999}" -le $LIMIT_KB ]; then ok; else
        bad "$name: peak RSS $((${RSS:-0} / 1024)) MB, over 200 MB"; fi
}

# found NAME QUERY...: the query finds the file NAME.txt (in $TMP/NAME.db,
# else in $TMP/mixed.db).
found() {
    name=$1; shift
    db="$TMP/$name.db"
    [ -d "$db" ] || db="$TMP/mixed.db"
    q "$db" --paths --limit 100 "$@"
    if grep -q "/$name.txt\$" "$TMP/out"; then ok; else
        bad "$name: [$*] does not find it (exit $RC): $(cat "$TMP/err")"; fi
}

# Under a memory limit (virtual, 1.5 GB) one run indexes the two worst
# files beside the example plans: it was killed by the first (2.4 GB),
# losing the plans' work too.
mkdir -p "$TMP/mixed"
cp examples/plans/* "$TMP/mixed/"
ln "$TMP/adv/sym-rep.txt" "$TMP/adv/sym-distinct.txt" "$TMP/mixed/"
echo "peak RSS, one thread, $RELEASE:"
(ulimit -v $((1536 * 1024)) && FAIL=0 && index mixed "$TMP/mixed"; exit $FAIL)
[ $? = 0 ] && ok || bad "mixed: the run under ulimit -v failed (above)"
grep -q "10 files seen, 10 indexed" "$TMP/mixed.out" && ok \
    || bad "plans lost beside the hostile files: $(cat "$TMP/mixed.out")"
found sym-rep cites:34-CT/TW
found sym-distinct cites:9999-CT/TW
# What the caps left out is said, naming the file.
grep -q "sym-distinct.txt: indexed in part: .*symbols, .*distinct: kept the first 10,000" \
    "$TMP/mixed.err" && ok || bad "no note on sym-distinct.txt: $(cat "$TMP/mixed.err")"

# Each of the other files alone.
index dates-rep "$TMP/adv/dates-rep.txt"
found dates-rep date:2024-06-05
found dates-rep period:2023
found dates-rep movement:"dân vận khéo 1"
index dates-distinct "$TMP/adv/dates-distinct.txt"
found dates-distinct date:1900-01-05
found dates-distinct movement:"dân vận khéo 7"
index oneline "$TMP/adv/oneline.txt"
found oneline khen thưởng
# 8.4 million one-letter words: the first 6 million are indexed.
index letters "$TMP/adv/letters.txt"
found letters '"x y z a b"'
grep -q "letters.txt: indexed in part: over 6,000,000 words" "$TMP/letters.err" && ok \
    || bad "no note on letters.txt: $(cat "$TMP/letters.err")"
index breaks "$TMP/adv/breaks.txt"
found breaks '"a b a b"'
index words-distinct "$TMP/adv/words-distinct.txt"
found words-distinct baaaa
index headers "$TMP/adv/headers.txt"
found headers signer:"chủ tịch"
index title "$TMP/adv/title.txt"
found title title:"phong trào thi đua"
index plain "$TMP/adv/plain.txt"
found plain '"dân vận khéo"'
# One word of 16 MB: no word to index, skipped with its reason.
index word "$TMP/adv/word.txt"
grep -q "word.txt: skipped: no text" "$TMP/word.err" && ok \
    || bad "word.txt: exit $RC, not named as skipped: $(cat "$TMP/word.err")"
# ... and remembered: the next run does not read it again.
"$IDX" --jobs 1 -d "$TMP/word.db" "$TMP/adv/word.txt" >"$TMP/word2.out" 2>&1
grep -q "1 files failed before and are unchanged" "$TMP/word2.out" && ok \
    || bad "word.txt not remembered as skipped: $(cat "$TMP/word2.out")"
finish
