// Dateline's search page: the state lives in the URL (shareable, Back works); every search is
// one GET /api/search, whose answer is dateline-search --format json's document.
"use strict";

const PAGE = 20;          // hits a page
const FACET_SHOWN = 12;   // facet values listed (selected ones always)
const DEBOUNCE_MS = 250;  // typing pauses this long before a search
const FACETS = ["source", "speaker", "location"];

const $ = (id) => document.getElementById(id);

// The state as the URL holds it.
function readState() {
  const p = new URLSearchParams(location.search);
  const s = { q: p.get("q") || "", from: p.get("from") || "", to: p.get("to") || "",
              sort: p.get("sort") || "", per_article: p.get("per_article") === "1",
              all_copies: p.get("all_copies") === "1", offset: Number(p.get("offset")) || 0,
              article: p.get("article") || "", passage: p.get("passage") || "" };
  for (const f of FACETS) s[f] = p.getAll(f);
  return s;
}

function stateParams(s, forApi) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  for (const f of FACETS) for (const v of s[f]) p.append(f, v);
  if (s.from) p.set("from", s.from);
  if (s.to) p.set("to", s.to);
  if (s.sort) p.set("sort", s.sort);
  if (s.per_article) p.set("per_article", "1");
  if (s.all_copies) p.set("all_copies", "1");
  if (s.offset) p.set("offset", String(s.offset));
  if (forApi) { p.set("limit", String(PAGE)); return p; }
  if (s.article) { p.set("article", s.article); if (s.passage) p.set("passage", s.passage); }
  return p;
}

let state = readState();

// A new state: into the history (replacing the entry while the user types), then shown.
function go(changes, replace) {
  state = Object.assign({}, state, changes);
  const url = "?" + stateParams(state, false).toString();
  if (url !== location.search || !location.search) {
    if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
  }
  show();
}

window.addEventListener("popstate", () => { state = readState(); syncInputs(); show(); });

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

// A snippet's **marked** words as <mark>, everything else as text (never as HTML).
function marked(snippet) {
  const out = document.createDocumentFragment();
  snippet.split("**").forEach((part, i) => out.append(i % 2 ? el("mark", {}, part) : part));
  return out;
}

async function getJson(url) {
  const res = await fetch(url);
  const doc = await res.json();
  if (!res.ok) throw new Error(doc.error ? doc.error.message : res.statusText);
  return doc;
}

let shown = 0;  // the latest search asked: an older answer arriving late is dropped

async function show() {
  $("sort").value = state.sort || (state.q ? "relevance" : "newest");  // the CLI's default
  if (state.article) return showArticle();
  $("article").hidden = true;
  $("results").hidden = false;
  const ticket = ++shown;
  $("status").textContent = "searching…";
  try {
    const doc = await getJson("/api/search?" + stateParams(state, true).toString());
    if (ticket !== shown) return;
    render(doc);
    $("status").textContent = doc.took_ms + " ms";
  } catch (e) {
    if (ticket !== shown) return;
    $("status").textContent = "";
    $("summary").replaceChildren(el("span", { class: "error" }, e.message));
    $("hits").replaceChildren();
  }
}

function render(doc) {
  const what = state.per_article ? "articles" : "hits";
  const first = doc.hits.length ? state.offset + 1 : 0;
  $("summary").textContent = `${doc.total_results} ${what} (${doc.total_passages} passages in ` +
      `${doc.total_articles} articles)` + (doc.hits.length ? `, ${first}–${state.offset + doc.hits.length} shown` : "");
  if (doc.did_you_mean) {
    $("summary").append(" — did you mean ",
        el("a", { href: "#", onclick: (e) => { e.preventDefault(); $("q").value = doc.did_you_mean; go({ q: doc.did_you_mean, offset: 0 }); } },
           doc.did_you_mean), "?");
  }
  $("hits").replaceChildren(...doc.hits.map(hitItem));
  for (const f of FACETS) renderFacet(f, doc.facets[f] || []);
  renderHistogram(doc.facets.date || []);
  $("prev").disabled = state.offset === 0;
  $("next").disabled = state.offset + doc.hits.length >= doc.total_results;
}

function hitItem(h) {
  const open = (e) => { e.preventDefault(); go({ article: h.article_id, passage: String(h.passage) }); };
  return el("li", { class: "hit", "data-article": h.article_id, "data-passage": String(h.passage) },
    el("h3", {}, el("a", { href: "?article=" + encodeURIComponent(h.article_id), onclick: open }, h.title || h.article_id)),
    el("div", { class: "meta" }, el("span", { class: "source" }, h.source), " · ", h.date || "undated",
       h.speakers.length ? " · " + h.speakers.join(", ") : ""),
    el("p", { class: "snippet" }, marked(h.snippet)),
    h.also_in && h.also_in.length ? el("div", { class: "also" }, "also in " + h.also_in.join(", ")) : null,
    h.url ? el("a", { class: "url", href: h.url, rel: "noopener noreferrer" }, h.url) : null);
}

function renderFacet(field, values) {
  const chosen = new Set(state[field]);
  const listed = values.filter((v, i) => i < FACET_SHOWN || chosen.has(v.value));
  for (const v of chosen) if (!values.some((x) => x.value === v)) listed.push({ value: v, count: 0 });
  const toggle = (value) => (e) => {
    const next = e.target.checked ? [...state[field], value] : state[field].filter((x) => x !== value);
    go({ [field]: next, offset: 0 });
  };
  const ul = document.querySelector(`.facet[data-field="${field}"] ul`);
  ul.replaceChildren(...listed.map((v) => el("li", {},
    el("label", {}, checkbox(chosen.has(v.value), toggle(v.value), field, v.value),
       el("span", { class: "value" }, v.value), el("span", { class: "count" }, String(v.count))))));
}

function checkbox(checked, onchange, field, value) {
  const box = el("input", { type: "checkbox", "data-field": field, "data-value": value, onchange });
  box.checked = checked;
  return box;
}

// The date facet as bars; a click sets one bucket as the range, a drag the buckets it crosses.
function renderHistogram(dates) {
  const most = Math.max(1, ...dates.map((d) => d.count));
  const bars = dates.map((d, i) => {
    const bar = el("div", { class: "bar", title: `${d.value}: ${d.count} articles`, "data-i": String(i) });
    bar.style.height = Math.max(3, Math.round((d.count / most) * 100)) + "%";
    return bar;
  });
  const box = $("histogram");
  box.replaceChildren(...bars);
  let start = null;
  const index = (e) => (e.target.dataset && e.target.dataset.i !== undefined ? Number(e.target.dataset.i) : null);
  const paint = (a, b) => bars.forEach((bar, i) => bar.classList.toggle("in", i >= Math.min(a, b) && i <= Math.max(a, b)));
  box.onmousedown = (e) => { start = index(e); if (start !== null) paint(start, start); };
  box.onmousemove = (e) => { const i = index(e); if (start !== null && i !== null) paint(start, i); };
  box.onmouseup = (e) => {
    const end = index(e);
    if (start === null || end === null) { start = null; return; }
    const a = dates[Math.min(start, end)].value, b = dates[Math.max(start, end)].value;
    start = null;
    go({ from: a, to: b, offset: 0 });
  };
  $("clear_dates").hidden = !state.from && !state.to;
  const span = dates.length ? `${dates[0].value} … ${dates[dates.length - 1].value}` : "";
  $("date_range").textContent = state.from || state.to ? `${state.from || "…"} to ${state.to || "…"}` : span;
}

async function showArticle() {
  $("results").hidden = true;
  $("article").hidden = false;
  try {
    const doc = await getJson("/api/article/" + encodeURIComponent(state.article));
    $("article_title").textContent = doc.title;
    $("article_meta").replaceChildren(`${doc.source} · ${doc.date}`,
        doc.authors && doc.authors.length ? " · " + doc.authors.join(", ") : "",
        doc.url ? " · " : "", doc.url ? el("a", { href: doc.url, rel: "noopener noreferrer" }, doc.url) : "");
    const items = doc.passages.filter((p) => p.passage > 0).map((p) =>
      el("li", { value: String(p.passage), class: String(p.passage) === state.passage ? "hit" : "" }, p.text));
    $("article_passages").replaceChildren(...items);
    const hit = document.querySelector("#article_passages li.hit");
    if (hit) hit.scrollIntoView({ block: "center" });
  } catch (e) {
    $("article_title").textContent = "";
    $("article_meta").replaceChildren(el("span", { class: "error" }, e.message));
    $("article_passages").replaceChildren();
  }
}

function syncInputs() {
  $("q").value = state.q;
  $("per_article").checked = state.per_article;
  $("all_copies").checked = state.all_copies;
}

let typing = null;
$("q").addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => go({ q: $("q").value.trim(), offset: 0, article: "", passage: "" }, true), DEBOUNCE_MS);
});
$("sort").addEventListener("change", () => go({ sort: $("sort").value, offset: 0 }));
$("per_article").addEventListener("change", () => go({ per_article: $("per_article").checked, offset: 0 }));
$("all_copies").addEventListener("change", () => go({ all_copies: $("all_copies").checked, offset: 0 }));
$("clear_dates").addEventListener("click", () => go({ from: "", to: "", offset: 0 }));
$("prev").addEventListener("click", () => go({ offset: Math.max(0, state.offset - PAGE) }));
$("next").addEventListener("click", () => go({ offset: state.offset + PAGE }));
$("back").addEventListener("click", () => history.back());
$("home").addEventListener("click", (e) => { e.preventDefault(); go({ q: "", source: [], speaker: [], location: [], from: "", to: "", offset: 0, article: "", passage: "" }); syncInputs(); });

syncInputs();
show();
