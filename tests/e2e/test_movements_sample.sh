# test_movements_sample.sh: the movement recogniser against the hand-read
# sample of ../shared/corpus (tests/fixtures/movements-sample.md): recall
# and precision of mentions stay at 90% or more, grouping at 95%, the
# negatives stay unhit; one movement is one row of --list movements under its canonical
# name, and movement: finds every spelling.
. tests/e2e/lib.sh
need_shared test_movements_sample
command -v python3 >/dev/null || { echo "skipped: python3 not found"; exit 0; }
# The sampled documents and those of the negatives, at their paths.
C="$TMP/corpus"
cut -f1 tests/fixtures/movements-sample.tsv tests/fixtures/movements-negatives.tsv |
    grep -v '^file$' | sort -u | while read -r f; do
    mkdir -p "$C/$(dirname "$f")" && cp "$SHARED/corpus/$f" "$C/$f"
done
DB="$TMP/db"
"$IDX" -q -d "$DB" "$C" >"$TMP/idx.out" 2>"$TMP/idx.err"; RC=$?
expect_rc 0 "indexing the sample's documents"
sanitizer_clean "$TMP/idx.err" || bad "sanitizer report while indexing"
python3 scripts/score-movements --db "$DB" --query "$QRY" --corpus "$C" \
    >"$TMP/score" 2>"$TMP/score.err" || bad "score-movements: $(cat "$TMP/score.err")"
pct() { sed -n "s/^$1: *[0-9]*\/[0-9]* = \([0-9]*\)\..*/\1/p" "$TMP/score"; }
r=$(pct 'recall (mentions)'); p=$(pct precision)
neg=$(sed -n 's/^negatives hit: *\([0-9]*\)\/.*/\1/p' "$TMP/score")
[ "${r:-0}" -ge 90 ] && ok || bad "recall of mentions ${r:-?}% < 90%: $(cat "$TMP/score")"
[ "${p:-0}" -ge 90 ] && ok || bad "precision ${p:-?}% < 90%: $(cat "$TMP/score")"
# Grouping: the sample's spellings in the row of their own movement.
g=$(sed -n 's/^grouping: *[0-9]*\/[0-9]* = \([0-9]*\)\..*/\1/p' "$TMP/score")
[ "${g:-0}" -ge 95 ] && ok || bad "grouping ${g:-?}% < 95%: $(cat "$TMP/score")"
[ "${neg:-99}" -le 2 ] && ok || bad "negatives hit ${neg:-?} > 2"

# The seeds and the OCR example: spellings under one canonical name.
S="$TMP/seeds"
mkdir -p "$S" && cp "$SHARED"/seeds/*.txt examples/plans/*ocr*.txt "$S/"
"$IDX" -q -d "$TMP/db2" "$S" >"$TMP/idx.out" 2>"$TMP/idx.err"; RC=$?
expect_rc 0 "indexing the seeds"
# "Tây Ninh chung sức …" (003) is found for the national movement.
hits "$TMP/db2" 'movement:"cả nước chung sức xây dựng nông thôn mới"' >"$TMP/h"
grep -q 003 "$TMP/h" && grep -q 001 "$TMP/h" && ok ||
    bad "provincial variant not found for the national movement: $(cat "$TMP/h")"
# The OCR "Dan van khéo" and "Dân vận khéo" are one row.
q "$TMP/db2" --list movements
n=$(grep -c 'Dân vận khéo' "$TMP/out")
[ "$n" = 1 ] && ok || bad "Dân vận khéo in $n rows: $(grep -i 'khéo' "$TMP/out")"
grep 'Dân vận khéo' "$TMP/out" | grep -q 'Dan van khéo' && ok ||
    bad "the OCR spelling is not shown with its count: $(grep 'khéo' "$TMP/out")"
q "$TMP/db2" --list movements --json
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
row = [i for i in d["items"] if i["name"] == "Dân vận khéo"]
assert len(row) == 1 and row[0]["kind"] == "phong-trao", row
assert "Dan van khéo" in row[0]["spellings"], row
' "$TMP/out" && ok || bad "--json: no Dân vận khéo row with its spellings"
finish
