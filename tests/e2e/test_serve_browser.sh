#!/bin/sh
# test_serve_browser.sh: tracuu-serve's page in a real browser (Debian's
# chromium, headless, driven by python3-selenium and chromium-driver), as
# a colleague uses it: type a query, see hits with their record and
# marked passages, open a facet, page, open a document and its file,
# export the result; a slow earlier search never drawn over a later one;
# hostile titles, file names and texts stay text (no
# alert, no element made of them). Screenshots in $B/test-output/.
. tests/e2e/lib.sh
. tests/e2e/serve_lib.sh
PY=/usr/bin/python3
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] ||
   ! $PY -c 'import selenium' 2>/dev/null; then
    if [ "${CI:-}" = true ]; then
        echo "test_serve_browser: FAILED: chromium, chromium-driver or python3-selenium missing (required under CI)"
        exit 1
    fi
    echo "skipped: chromium, chromium-driver or python3-selenium not installed (test_serve_browser)"
    exit 0
fi
D=$TMP/docs
mkdir -p "$D"
cp examples/plans/*.txt examples/plans/*.md "$D/"
cat > "$D/hostile.txt" <<'DOC'
KẾ HOẠCH <script>alert(1)</script> thi đua "><img src=x onerror=alert(2)>

Phong trào thi đua <img src=x onerror=alert(3)> năm 2024, javascript:alert(4).
DOC
printf 'KẾ HOẠCH thi đua <b>đậm</b>\n\nThi đua yêu nước.\n' > "$D/<img src=x onerror=alert(5)>.txt"
DB=$TMP/db
"$IDX" -q -d "$DB" "$D" 2>"$TMP/ierr" || bad "index: $(cat "$TMP/ierr")"
start_serve "$DB"
OUT=$B/test-output
mkdir -p "$OUT"
$PY - "$URL" "$OUT" "$TMP" <<'PY'
import json, sys, time
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

url, out, tmp = sys.argv[1:4]
passed = failed = 0
def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)

opts = webdriver.ChromeOptions()
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--window-size=1280,1100", "--lang=vi", "--user-data-dir=" + tmp + "/chrome"):
    opts.add_argument(a)
opts.binary_location = "/usr/bin/chromium"
drv = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
# An element read while the page redraws it is found again.
wait = WebDriverWait(drv, 20, ignored_exceptions=[StaleElementReferenceException])

def load(hash):
    # Open url#hash and wait until the results of that hash are shown.
    drv.get(url + hash)
    wait.until(lambda d: d.execute_script(
        "return document.getElementById('results').dataset.shown === location.hash"))

def no_alert(where):
    try:
        drv.switch_to.alert
        check(False, "an alert ran on " + where)
    except NoAlertPresentException:
        check(True, "")

def injected(where):
    # No element made of the payloads: no <img>, <script> or <b> in the content.
    n = drv.execute_script(
        "return document.querySelectorAll('main img, main script, main b, main [onerror]').length")
    check(n == 0, "%d injected elements on %s" % (n, where))

try:
    drv.get(url)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#facets .facet-issuers button"))
    check(drv.title == "Tra cứu kế hoạch", "title " + drv.title)
    box = drv.find_element(By.ID, "q")
    box.send_keys("thi đua")
    drv.find_element(By.ID, "go").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#results .hit")) > 0)
    hits = drv.find_elements(By.CSS_SELECTOR, "#results .hit")
    check(len(hits) == 10, "%d hits on the first page" % len(hits))
    summary = drv.find_element(By.CSS_SELECTOR, "#results .summary").text
    check(summary.startswith("Văn bản 1–10 trong"), "summary: " + summary)
    marks = drv.find_elements(By.CSS_SELECTOR, "#results .snippet mark")
    check(len(marks) > 0 and marks[0].text.lower() == "thi đua",
          "marks: %s" % [m.text for m in marks[:5]])
    records = " ".join(r.text for r in drv.find_elements(By.CSS_SELECTOR, "#results .record"))
    check("Ngày ban hành:" in records and "/20" in records and "Cơ quan ban hành:" in records,
          "records: " + records[:200])
    # Hostile title and file name shown as text.
    load("#q=alert")
    text = drv.find_element(By.ID, "results").text
    check("<script>alert(1)</script>" in text, "hostile title not shown as text: " + text[:300])
    no_alert("hostile hits"); injected("hostile hits")
    load("#q=%C4%91%E1%BA%ADm")
    check("<img src=x onerror=alert(5)>.txt" in drv.find_element(By.ID, "results").text,
          "hostile file name not shown as text")
    no_alert("hostile name"); injected("hostile name")
    # The search again, a screenshot, then a facet.
    load("#q=thi%20%C4%91ua")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#facets .facet-years button"))
    time.sleep(0.5)
    drv.save_screenshot(out + "/serve-search.png")
    year = drv.find_element(By.CSS_SELECTOR, "#facets .facet-years button")
    label, count = [s.text for s in year.find_elements(By.TAG_NAME, "span")]
    year.click()
    wait.until(lambda d: "issued" in d.execute_script("return decodeURIComponent(location.hash)"))
    wait.until(lambda d: d.execute_script(
        "return document.getElementById('results').dataset.shown === location.hash"))
    summary = drv.find_element(By.CSS_SELECTOR, "#results .summary").text
    check(summary.endswith(" " + count + " văn bản"), "facet %s (%s plans): %s" % (label, count, summary))
    # Sort by date, newest first: the dates shown descend.
    load("#q=thi%20%C4%91ua&sort=-date")
    dates = drv.execute_script("""return [...document.querySelectorAll('#results .record span')]
        .map(s => s.textContent).filter(t => t.startsWith('Ngày ban hành: '))
        .map(t => t.slice(15).split('/').reverse().join('-'))""")
    check(len(dates) > 1 and dates == sorted(dates, reverse=True), "sort -date: %s" % dates)
    # Paging.
    nxt = drv.find_elements(By.CSS_SELECTOR, "#results .pager .next")
    if nxt:
        nxt[0].click()
        wait.until(lambda d: "offset=10" in d.execute_script("return location.hash"))
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#results .summary").text.startswith("Văn bản 11–"))
        check(True, "")
    # Export of the current result.
    load("#q=thi%20%C4%91ua")
    csv = drv.execute_async_script("""const done = arguments[0];
        fetch(document.querySelector('#results .export-csv').href).then(r => r.text()).then(done)""")
    # (fetch's text() drops the byte order mark)
    check(csv.startswith("Số thứ tự,Số và ký hiệu") and "\r\n1," in csv, "CSV export: " + csv[:80])
    xlsx = drv.execute_async_script("""const done = arguments[0];
        fetch(document.querySelector('#results .export-xlsx').href).then(r => r.arrayBuffer())
        .then(b => done(new Uint8Array(b).slice(0, 2).join(',')))""")
    check(xlsx == "80,75", "XLSX export starts with %s" % xlsx)
    # Open a document: record, citations, text, its file.
    first = drv.find_element(By.CSS_SELECTOR, "#results .hit h2 a")
    title = first.text
    first.click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#doc h2"))
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#doc pre.text").text != "")
    check(drv.find_element(By.CSS_SELECTOR, "#doc h2").text == title, "document title")
    check(not drv.find_element(By.ID, "results").is_displayed(), "results hidden in document view")
    drv.save_screenshot(out + "/serve-document.png")
    status = drv.execute_async_script("""const done = arguments[0];
        fetch(document.querySelector('#doc a.download').href).then(r => done(r.status))""")
    check(status == 200, "download: %s" % status)
    drv.find_element(By.CSS_SELECTOR, "#doc .back").click()
    wait.until(lambda d: d.find_element(By.ID, "results").is_displayed())
    check(True, "")
    # The hostile document's view.
    load("#q=alert")
    drv.find_element(By.CSS_SELECTOR, "#results .hit h2 a").click()
    wait.until(lambda d: "alert(3)" in d.find_element(By.CSS_SELECTOR, "#doc pre.text").text)
    no_alert("hostile document"); injected("hostile document")
    # Overlapping searches: the earlier one's answer, made slow, arrives
    # last and is not drawn over the later one's (it is aborted).
    load("#q=%C4%91%E1%BA%ADm")
    drv.execute_script("""const orig = window.fetch;
        window.fetch = (u, o) => String(u).includes('/api/search?q=alert') ?
            new Promise((ok, no) => setTimeout(() => orig(u, o).then(ok, no), 1500)) : orig(u, o);
        location.hash = 'q=alert';""")
    time.sleep(0.3)
    drv.execute_script("location.hash = 'q=thi%20%C4%91ua'")
    wait.until(lambda d: d.execute_script(
        "return document.getElementById('results').dataset.shown === location.hash"))
    time.sleep(2.5)  # the slow answer has come by now
    summary = drv.find_element(By.CSS_SELECTOR, "#results .summary").text
    check(summary.startswith("Văn bản 1–10 trong"),  # alert: 1 plan
          "an earlier search drawn over the later one: " + summary)
    drv.execute_script("location.reload()")
    # A bad query is said on the page.
    load("#q=cites%3A")
    check("bad query" in drv.find_element(By.CSS_SELECTOR, "#results .error").text or
          "không hợp lệ" in drv.find_element(By.CSS_SELECTOR, "#results .error").text, "error shown")
    logs = [e for e in drv.get_log("browser") if e["level"] == "SEVERE" and "400" not in e["message"]]
    check(not logs, "console errors: %s" % logs)
except Exception as e:
    failed += 1
    print("FAIL: %s at %s" % (type(e).__name__, drv.current_url))
    drv.save_screenshot(out + "/serve-timeout.png")
finally:
    drv.quit()
open(tmp + "/py.counts", "w").write("%d %d\n" % (passed, failed))
PY
read p f < "$TMP/py.counts" 2>/dev/null || { p=0; f=1; }
PASS=$((PASS + p)); FAIL=$((FAIL + f))
[ -s "$OUT/serve-search.png" ] && [ -s "$OUT/serve-document.png" ] && ok || bad "screenshots missing"
stop_serve
finish
