# test_ocr.sh: OCR noise. scripts/ocr-damage damages a sample of
# ../shared/corpus (40 files, seed 1) as OCR damages Vietnamese scans
# (tests/fixtures/ocr-damage.md); scripts/ocr-recall indexes the clean and the
# damaged copy and measures, per kind of query, how much of what the clean
# index finds the damaged one still finds. The floors are today's figures
# less a small margin (raise them as the index learns to read OCR damage).
. tests/e2e/lib.sh
need_shared test_ocr
command -v python3 >/dev/null || { echo "skipped: python3 not found"; exit 0; }
ABS=$(cd "$SHARED/corpus" && pwd -P)
ROOTS="$ABS/tnt305_tailieu_vanban $ABS/vlc_laws"

# The damage is fixed by its seed, keeps every digit of the text, and its
# manifest says what it changed.
python3 scripts/ocr-damage --sample 12 --out "$TMP/a" $ROOTS 2>"$TMP/err" &&
    python3 scripts/ocr-damage --sample 12 --out "$TMP/b" $ROOTS 2>>"$TMP/err" &&
    python3 scripts/ocr-damage --sample 12 --rate 0 --out "$TMP/c" $ROOTS \
        2>>"$TMP/err"
RC=$?
expect_rc 0 "ocr-damage"
if diff -r "$TMP/a" "$TMP/b" >/dev/null; then ok; else bad "same seed, different damage"; fi
python3 scripts/ocr-damage --sample 12 --seed 2 --out "$TMP/d" $ROOTS 2>/dev/null
if diff -q "$TMP/a/manifest.tsv" "$TMP/d/manifest.tsv" >/dev/null; then
    bad "seeds 1 and 2 damaged alike"; else ok; fi
digits() { find "$1" -name '*.txt' | sort | xargs cat | tr -cd '0-9\n' | md5sum; }
# o0 writes a 0 for an o inside a word; every other digit must stay.
if [ "$(digits "$TMP/a" | cut -c1-32)" = "$(digits "$TMP/c" | cut -c1-32)" ]; then
    bad "no damage wrote a digit (o0, o6, l1 ... expected)"; else ok; fi
python3 - "$TMP/a" "$TMP/c" <<'EOF' || bad "ocr-damage changed a number or the manifest disagrees"
import os, re, sys
dmg, clean = sys.argv[1], sys.argv[2]
rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(dmg, "manifest.tsv"), encoding="utf-8")][1:]
assert len(rows) > 500, len(rows)
for root, _, names in os.walk(clean):
    for n in names:
        if not n.endswith(".txt"):
            continue
        rel = os.path.relpath(os.path.join(root, n), clean)
        a = open(os.path.join(clean, rel), encoding="utf-8").read()
        b = open(os.path.join(dmg, rel), encoding="utf-8").read()
        na = re.findall(r"(?<![^\W\d_])\d+(?![^\W\d_])", a)
        nb = re.findall(r"(?<![^\W\d_])\d+(?![^\W\d_])", b)
        # numbers standing alone are kept in order; damage only adds digits
        # inside words (s6, 1am, 10ng)
        it = iter(nb)
        assert all(x in it for x in na), rel
for rel, line, orig, new, name in rows:
    text = open(os.path.join(dmg, rel), encoding="utf-8").read().split("\n")
    assert new in text[int(line) - 1], (rel, line, new)
EOF
ok

# Recall and precision per kind on a 40-file sample.
python3 scripts/ocr-recall --bin "$(dirname "$IDX")" --work "$TMP/w" \
    --sample 40 --per-kind 30 $ROOTS >"$TMP/table" 2>"$TMP/err"; RC=$?
expect_rc 0 "ocr-recall"
cat "$TMP/table"
if grep -q 'failed on the damaged index' "$TMP/err"; then
    bad "ocr-recall: $(cat "$TMP/err")"; else ok; fi
# floors: kind recall precision (today: phrase 0.900 1.000, cites 1.000
# 1.000, dates 0.979 1.000, movement 0.882 1.000; phrase was 0.440 before
# the OCR readings of lib/ocr.c, 0.680 and movement 0.824 before readings
# of horned and circumflexed syllables, glyphs kept in their word and the
# movement recogniser reading the damaged words)
while read -r kind rmin pmin; do
    line=$(grep "^| $kind |" "$TMP/table")
    r=$(echo "$line" | awk -F'|' '{gsub(/ /,"",$7); print $7}')
    p=$(echo "$line" | awk -F'|' '{gsub(/ /,"",$8); print $8}')
    n=$(echo "$line" | awk -F'|' '{gsub(/ /,"",$3); print $3}')
    if [ -n "$n" ] && [ "$n" -ge 10 ]; then ok; else bad "$kind: too few queries ($n)"; fi
    if awk -v r="$r" -v p="$p" -v a="$rmin" -v b="$pmin" \
        'BEGIN { exit !(r + 0 >= a && p + 0 >= b && r != "" && p != "") }'; then ok
    else bad "$kind: recall $r precision $p, floors $rmin $pmin"; fi
done <<'EOF'
phrase 0.85 0.95
cites 0.95 0.95
dates 0.93 0.95
movement 0.85 0.95
EOF
finish
