// app.js: tracuu-serve's page. Every value from the index or the query
// reaches the page through textContent or a URL built with
// encodeURIComponent, never as HTML.
"use strict";

const PAGE = 10;
const $ = (id) => document.getElementById(id);

// An element with its class and text (text: set as text, never HTML).
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

// "2025-11-19" -> "19/11/2025".
function dmy(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? m[3] + "/" + m[2] + "/" + m[1] : iso || "";
}

function params(obj) {
  return Object.keys(obj).filter((k) => obj[k] !== "" && obj[k] !== undefined)
    .map((k) => k + "=" + encodeURIComponent(obj[k])).join("&");
}

// The state in the address: #q=...&offset=...&sort=... or #doc=ID.
function state() {
  const p = new URLSearchParams(location.hash.slice(1));
  return { q: p.get("q") || "", offset: parseInt(p.get("offset") || "0", 10) || 0,
           sort: p.get("sort") || "", doc: p.get("doc") || "" };
}

function go(s) {
  location.hash = params({ q: s.q, sort: s.sort, offset: s.offset || "", doc: s.doc || "" });
}

// What the page is drawing now (a search, its facets, a document): a
// new route aborts it, so a slow answer of an earlier one never draws
// over a later one.
let current = new AbortController();

async function getJSON(url, signal) {
  const r = await fetch(url, { signal: signal });
  let body;
  try { body = await r.json(); } catch (e) { body = { error: "HTTP " + r.status }; }
  if (!r.ok) throw new Error(body.error || "HTTP " + r.status);
  return body;
}

function showError(where, msg) {
  where.replaceChildren(el("p", "error", msg));
}

// A snippet's text with its matches marked; start and length count
// characters (code points), as the JSON says.
function snippet(sn) {
  const p = el("p", "snippet");
  const chars = Array.from(sn.text);
  let at = 0;
  for (const m of sn.matches || []) {
    if (m.start < at) continue;
    p.append(chars.slice(at, m.start).join(""));
    p.append(el("mark", "", chars.slice(m.start, m.start + m.length).join("")));
    at = m.start + m.length;
  }
  p.append(chars.slice(at).join(""));
  return p;
}

// A plan's record: số và ký hiệu, ngày, cơ quan ban hành, người ký.
function record(h) {
  const r = el("div", "record");
  const add = (label, v) => { if (v) r.append(el("span", "", label + ": " + v)); };
  add("Số, ký hiệu", h.number);
  add("Ngày ban hành", dmy(h.issued));
  add("Loại", h.type);
  add("Cơ quan ban hành", h.issuer);
  add("Người ký", h.signer ? h.signer + (h.signer_role ? " (" + h.signer_role + ")" : "") : h.signer_role);
  return r;
}

function docLink(id, text) {
  const a = el("a", "", text);
  a.href = "#" + params({ doc: String(id) });
  return a;
}

function hitView(h) {
  const d = el("div", "hit");
  const h2 = el("h2");
  h2.append(docLink(h.id, h.title || h.path));
  d.append(h2, record(h));
  for (const sn of h.snippets || []) d.append(snippet(sn));
  if (h.note) d.append(el("p", "snippet", h.note));
  d.append(el("div", "path", h.path));
  return d;
}

function pager(res, s) {
  const nav = el("nav", "pager");
  if (s.offset > 0) {
    const b = el("button", "prev", "‹ Trang trước");
    b.type = "button";
    b.onclick = () => go({ q: s.q, sort: s.sort, offset: Math.max(0, s.offset - PAGE) });
    nav.append(b);
  }
  if (s.offset + res.hits.length < res.total) {
    const b = el("button", "next", "Trang sau ›");
    b.type = "button";
    b.onclick = () => go({ q: s.q, sort: s.sort, offset: s.offset + PAGE });
    nav.append(b);
  }
  return nav;
}

function exports(s) {
  const div = el("div", "exports", "Tải kết quả:");
  for (const [fmt, name] of [["csv", "CSV"], ["xlsx", "Excel (XLSX)"]]) {
    const a = el("a", "export-" + fmt, name);
    a.href = "/api/export." + fmt + "?" + params({ q: s.q || "*", sort: s.sort });
    a.setAttribute("download", "tracuu." + fmt);
    div.append(a);
  }
  return div;
}

async function search(s, signal) {
  const out = $("results");
  out.replaceChildren(el("p", "summary", "Đang tìm…"));
  let res;
  try {
    res = await getJSON("/api/search?" + params({ q: s.q, sort: s.sort, offset: s.offset, limit: PAGE }), signal);
  } catch (e) {
    if (signal.aborted) return; // a later search draws
    showError(out, e.message); out.dataset.shown = location.hash; return;
  }
  if (signal.aborted) return;
  const parts = [];
  const first = res.total ? s.offset + 1 : 0;
  parts.push(el("p", "summary", res.total === 0 ? "Không có văn bản nào khớp." :
    "Văn bản " + first + "–" + (s.offset + res.hits.length) + " trong " +
    (res.total_exact ? "" : "khoảng ") + res.total.toLocaleString("vi-VN") + " văn bản"));
  if (res.suggestion) {
    const p = el("p", "suggestion", res.total ? "Thường được viết: " : "Có phải bạn muốn tìm: ");
    const a = el("a", "", res.suggestion);
    a.href = "#" + params({ q: res.suggestion, sort: s.sort });
    p.append(a);
    parts.push(p);
  }
  for (const h of res.hits) parts.push(hitView(h));
  if (res.total) parts.push(pager(res, s), exports(s));
  out.replaceChildren(...parts);
  out.dataset.shown = location.hash; // what is shown (for tests)
}

const FACETS = [
  ["issuers", "Cơ quan ban hành", (r) => r.issuer],
  ["years", "Năm ban hành", (r) => r.year],
  ["types", "Loại văn bản", (r) => r.type],
  ["movements", "Phong trào", (r) => r.name],
  ["cites", "Được trích dẫn nhiều nhất", (r) => [r.symbol, r.name || (r.type ? "(" + r.type + ")" : "")].filter(Boolean).join(" ")],
];

async function facets(s, signal) {
  const box = $("facets");
  box.replaceChildren();
  for (const [what, title, label] of FACETS) {
    const sec = el("section", "facet facet-" + what);
    sec.append(el("h3", "", title));
    box.append(sec);
    getJSON("/api/list/" + what + "?" + params({ q: s.q || "*", limit: 8 }), signal).then((res) => {
      if (signal.aborted) return;
      for (const row of res.items || []) {
        const b = el("button", "");
        b.type = "button";
        b.append(el("span", "", label(row) || "(chưa rõ)"), el("span", "n", row.plans));
        b.onclick = () => go({ q: row.query, sort: s.sort });
        sec.append(b);
      }
      if (!(res.items || []).length) sec.append(el("p", "n", "—"));
    }).catch((e) => { if (!signal.aborted) sec.append(el("p", "error", e.message)); });
  }
}

function table(head, rows) {
  const t = el("table");
  const tr = el("tr");
  for (const h of head) tr.append(el("th", "", h));
  t.append(tr);
  for (const r of rows) {
    const row = el("tr");
    for (const c of r) row.append(el("td", "", c));
    t.append(row);
  }
  return t;
}

const ROLES = { issued: "ngày ban hành", cited: "trích dẫn", deadline: "thời hạn", mentioned: "nhắc đến" };

async function showDoc(id, signal) {
  const box = $("doc");
  box.hidden = false;
  $("results").hidden = true;
  $("facets").hidden = true;
  box.replaceChildren(el("p", "summary", "Đang mở…"));
  let res;
  try { res = await getJSON("/api/show?" + params({ id: id, text: 1 }), signal); }
  catch (e) { if (!signal.aborted) showError(box, e.message); return; }
  if (signal.aborted) return;
  const d = res.documents[0];
  const back = el("button", "back", "‹ Quay lại kết quả");
  back.type = "button";
  back.onclick = () => history.back();
  const dl = el("a", "download", "Tải tệp gốc");
  dl.href = "/file/" + encodeURIComponent(id);
  const parts = [back, el("h2", "", d.title || d.path), record(d), el("div", "path", d.path), dl];
  if ((d.cites || []).length) {
    parts.push(el("h3", "", "Văn bản được trích dẫn"));
    parts.push(table(["Số, ký hiệu", "Loại", "Ngày", "Cơ quan ban hành"],
      d.cites.map((c) => [[c.symbol, c.name].filter(Boolean).join(" — "), c.type || "", dmy(c.date), c.issuer || ""])));
  }
  if ((d.dates || []).length)
    parts.push(el("h3", "", "Ngày tháng"),
      table(["Ngày", "Vai trò"], d.dates.map((x) => [dmy(x.date), ROLES[x.role] || x.role])));
  if ((d.movements || []).length)
    parts.push(el("h3", "", "Phong trào"), table(["Tên", "Như văn bản viết"], d.movements.map((m) => [m.name, m.written || ""])));
  parts.push(el("h3", "", "Nội dung"));
  const pre = el("pre", "text", d.text || "");
  parts.push(pre);
  box.replaceChildren(...parts);
  if (!d.text && (d.format === "txt" || d.format === "md")) {
    fetch("/file/" + encodeURIComponent(id), { signal: signal }).then((r) => r.ok ? r.text() : "")
      .then((t) => { pre.textContent = t; }, () => {});
  }
}

function fields() {
  const v = (id) => $(id).value.trim();
  const quote = (s) => /\s/.test(s) ? '"' + s.replace(/"/g, "") + '"' : s;
  const add = [];
  if (v("f-cites")) add.push("cites:" + quote(v("f-cites")));
  if (v("f-movement")) add.push("movement:" + quote(v("f-movement")));
  if (v("f-issuer")) add.push("issuer:" + quote(v("f-issuer")));
  if (v("f-type")) add.push("type:" + quote(v("f-type")));
  if (v("f-from") || v("f-to")) add.push("issued:" + v("f-from") + ".." + v("f-to"));
  const q = [$("q").value.trim(), ...add].filter(Boolean).join(" ");
  $("q").value = q;
  go({ q: q, sort: $("sort").value });
}

function route() {
  current.abort();
  current = new AbortController();
  const signal = current.signal;
  const s = state();
  if (s.doc) { showDoc(s.doc, signal); return; }
  $("doc").hidden = true;
  $("results").hidden = false;
  $("facets").hidden = false;
  $("q").value = s.q;
  $("sort").value = s.sort;
  if (!s.q && !s.sort) {
    $("results").replaceChildren(el("p", "summary",
      "Gõ từ khóa, có dấu hay không dấu: thi đua = thi dua. Dùng cites:, movement:, date:, issuer:, type: để tìm theo trường."));
    facets(s, signal);
    return;
  }
  search(s, signal);
  facets(s, signal);
}

document.addEventListener("DOMContentLoaded", () => {
  $("search").addEventListener("submit", (e) => {
    e.preventDefault();
    go({ q: $("q").value.trim(), sort: $("sort").value });
  });
  $("sort").addEventListener("change", () => go({ q: $("q").value.trim(), sort: $("sort").value }));
  $("add-fields").addEventListener("click", fields);
  window.addEventListener("hashchange", route);
  route();
});
