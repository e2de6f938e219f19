# test_json_schema.sh: the --json output of tracuu-query, for searches (hits,
# no hit, --offset, --sort date, a file name that is not UTF-8, a file gone
# since it was indexed), each --list and --show (by path, by number:, with
# --text of a converted file), validated against
# doc/tracuu-query.schema.json with Python's jsonschema; the schema itself
# checked, and documents it must refuse refused.
. tests/e2e/lib.sh
need_shared test_json_schema
SCHEMA=doc/tracuu-query.schema.json
PY=""
for p in /usr/bin/python3 python3; do
    if "$p" -c 'import jsonschema' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
    if [ "${CI:-}" = true ]; then
        echo "test_json_schema: FAILED: python3-jsonschema not installed (required under CI)"
        exit 1
    fi
    echo "skipped: python3-jsonschema not installed (test_json_schema)"
    exit 0
fi

mkdir -p "$TMP/plans"
cp "$SHARED"/seeds/*.txt "$TMP/plans/"
# A name that is not UTF-8 (Latin-1 é), and a file removed after indexing.
printf 'KẾ HOẠCH thi đua khen thưởng năm 2024, thực hiện Chỉ thị số 34-CT/TW\n' \
    >"$TMP/plans/ke-hoach-$(printf '\351').txt"
printf 'KẾ HOẠCH thi đua sẽ bị xoá, Chỉ thị số 34-CT/TW\n' >"$TMP/plans/gone.txt"
# A converted format: the index keeps its text (--show --text).
printf '<html><body><p>KẾ HOẠCH thi đua năm 2024</p><p>thực hiện Chỉ thị số 34-CT/TW</p></body></html>\n' \
    >"$TMP/plans/ke-hoach.html"
DB="$TMP/db"
"$IDX" -q -d "$DB" "$TMP/plans" >"$TMP/idx.out" 2>"$TMP/idx.err"; RC=$?
expect_rc 0 "indexing the seeds"
rm "$TMP/plans/gone.txt"

n=0
# json NAME WANT_RC ARGS...: --json output of a query, kept as $TMP/NAME.json.
json() {
    name=$1; want=$2; shift 2
    q "$DB" --json "$@"
    expect_rc "$want" "--json $*"
    cp "$TMP/out" "$TMP/$name.json"
    n=$((n + 1))
}
json hits 0 --limit 20 thi đua
json cites 0 cites:34-CT/TW
json none 1 nosuchwordxyz
json suggestion 1 thi duaa
json offset 0 --offset 2 --limit 2 date:2024
json sorted 0 --sort date --limit 3 kind:phong-trao
json fields 0 'movement:"dân vận khéo"' issued:2025
json list_cites 0 --list cites
json list_cites_q 0 --list cites 'movement:"dân vận khéo"'
json list_dates 0 --list dates
json list_movements 0 --list movements
json list_none 1 --list movements nosuchwordxyz
json list_issuers 0 --list issuers
json list_issuers_q 0 --list issuers thi đua
json list_years 0 --list years
json list_types 0 --list types
json list_signers 0 --list signers
json every 0 --format json --limit all '*'
json show 0 --show "$TMP/plans/003_d36215ba802502f1.txt"
json show_number 0 --show number:01/KH-UBND-CD
json show_text 0 --show "$TMP/plans/ke-hoach.html" --text

# The outputs hold what the checks below are about (else they prove little).
grep -q '"path_bytes"' "$TMP/cites.json" && ok || bad "no path_bytes in cites:34-CT/TW output"
grep -q '"suggestion": "thi dua"' "$TMP/suggestion.json" && ok || bad "no suggestion for thi duaa"
grep -q '"note"' "$TMP/cites.json" && ok || bad "no note for the file gone in cites:34-CT/TW output"
grep -q '"issued": null' "$TMP/hits.json" && ok || bad "no null issued in thi đua output"
grep -q '"number": "01/KH-UBND-CD"' "$TMP/every.json" && ok || bad "no number in * output"
grep -q '"query": null' "$TMP/list_signers.json" && ok || bad "no row of unknown signers"
grep -q '"text": "KẾ HOẠCH' "$TMP/show_text.json" && ok || bad "no text in --show --text of an HTML file"
grep -q '"written"' "$TMP/show.json" && ok || bad "no movement written otherwise in --show 003"

"$PY" - "$SCHEMA" "$TMP"/*.json >"$TMP/py.out" 2>&1 <<'PY' && ok || bad "schema validation: $(cat "$TMP/py.out")"
import copy, json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
V = jsonschema.Draft202012Validator
V.check_schema(schema)
v = V(schema)
docs = {}
for f in sys.argv[2:]:
    d = json.load(open(f))
    e = jsonschema.exceptions.best_match(v.iter_errors(d))
    assert e is None, "%s: at %s: %s" % (f, "/".join(map(str, e.absolute_path)), e.message[:300])
    docs[f.rsplit("/", 1)[1]] = d
# Documents the schema must refuse: it describes, it does not just accept.
def refused(name, change):
    d = copy.deepcopy(docs[name])
    change(d)
    assert not v.is_valid(d), "accepted: %s changed by %s" % (name, change.__doc__)
def drop_hits(d): "no hits"; del d["hits"]
def version_1(d): "format_version 1"; d["format_version"] = 1
def version_2(d): "format_version 2"; d["format_version"] = 2
def parsed(d): "a parsed member"; d["parsed"] = "Query(thi)"
def no_bytes(d): "a match without start_bytes"; del d["hits"][0]["snippets"][0]["matches"][0]["start_bytes"]
def byte_start(d): "a match start as a string"; d["hits"][0]["snippets"][0]["matches"][0]["start"] = "16"
def extra(d): "an unknown key in a hit"; d["hits"][0]["extra"] = 1
def bad_date(d): "issued 07/01/2025"; d["hits"][0]["issued"] = "07/01/2025"
def bad_role(d): "role due"; d["items"][0]["role"] = "due"
def bad_kind(d): "kind phong trào"; d["items"][0]["kind"] = "phong trào"
def cites_no_symbol(d): "a cites row without symbol"; del d["items"][0]["symbol"]
def list_extra(d): "an unknown key in a list"; d["total"] = 3
def day_of_month(d): "a listed date 2024-1-5"; d["items"][0]["date"] = "2024-1-5"
def no_number(d): "a hit without number"; del d["hits"][0]["number"]
def bad_format(d): "format word"; d["hits"][0]["format"] = "word"
def row_no_query(d): "a cites row without query"; del d["items"][0]["query"]
def unknown_query(d): "a query on the row of unknowns"; d["items"][-1]["query"] = "signer:x"
def known_null(d): "a null query on a named row"; d["items"][0]["query"] = None
def bad_year(d): "a year 25"; d["items"][0]["year"] = "25"
def show_extra(d): "an unknown key in a shown document"; d["documents"][0]["sheets"] = 2
def show_role(d): "a shown date's role due"; d["documents"][0]["dates"][0]["role"] = "due"
def show_none(d): "no documents"; d["documents"] = []
for name, f in [("hits.json", drop_hits), ("hits.json", version_1),
                ("hits.json", byte_start), ("hits.json", extra),
                ("hits.json", version_2), ("hits.json", parsed),
                ("hits.json", no_bytes),
                ("fields.json", bad_date), ("list_dates.json", bad_role),
                ("list_movements.json", bad_kind), ("list_cites.json", cites_no_symbol),
                ("list_cites.json", list_extra), ("list_dates.json", day_of_month),
                ("every.json", no_number), ("every.json", bad_format),
                ("list_cites.json", row_no_query), ("list_signers.json", unknown_query),
                ("list_issuers.json", known_null), ("list_years.json", bad_year),
                ("show.json", show_extra), ("show.json", show_role),
                ("show_text.json", show_none)]:
    refused(name, f)
print(len(docs), "documents valid")
PY
[ "$n" = "$(ls "$TMP"/*.json | wc -l)" ] && ok || bad "outputs kept"
finish
