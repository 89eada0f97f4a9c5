#!/usr/bin/env python3
"""bench/RESULTS.md from the figures bench/run.sh wrote (DATA/*.tsv). Every number printed here
comes from those files.   report.py DATA > RESULTS.md"""
import collections
import os
import re
import statistics
import sys

data = sys.argv[1]


def rows(name):
    path = os.path.join(data, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def pct(values, p):
    """The p-th percentile (nearest rank) of values."""
    v = sorted(values)
    if not v:
        return float("nan")
    k = max(0, min(len(v) - 1, int(-(-p * len(v) // 100)) - 1))
    return v[k]


def fmt(x, digits=2):
    if x != x:  # nan
        return "–"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.{digits}f}"


def ratio(a, b):
    return a / b if b and a == a and b == b else float("nan")


machine = dict((r[0], r[1]) for r in rows("machine.tsv") if len(r) >= 2)
inputs = {r[0]: (int(r[1]), int(r[2])) for r in rows("inputs.tsv")}
index_rows = rows("index.tsv")
lat_rows = rows("latency.tsv")
oneshot_rows = rows("oneshot.tsv")

out = []
p = out.append
p("# Dateline benchmarks")
p("")
p("Made by `bench/run.sh` (figures from one run of it; nothing here is typed by hand). "
  "Timings are not tests: they vary with the machine and its load.")
p("")
p(f"- date: {machine.get('date', '?')}; commit {machine.get('commit', '?')}")
p(f"- machine: {machine.get('nproc', '?')} cores, {machine.get('cpu', '?')}, "
  f"{machine.get('ram', '?')} RAM")
loads = [(k, v) for k, v in machine.items() if k.startswith("load")]
skipped = [r[1] for r in rows("machine.tsv") if r[0] == "skipped"]
notes = [r[1] for r in rows("machine.tsv") if r[0] == "note"]
p("- load average (1, 5, 15 min): " + "; ".join(f"{k.replace('_', ' ')} {v}" for k, v in loads))
p(f"- command: `{machine.get('command', '?')}`")
for x in skipped:
    p(f"- skipped for time: {x}")
for x in notes:
    p(f"- note: {x}")
p(f"- Xapian {machine.get('xapian', '?')}, SQLite {machine.get('sqlite', '?')}, "
  f"Recoll {machine.get('recoll') or 'not installed'}, Sphinx "
  f"{machine.get('sphinx') or 'not installed'}; dateline-index --jobs measured: "
  f"{machine.get('jobs', '?')}")
p("")
p("| input | articles | MB (JSONL, uncompressed) |")
p("|---|---:|---:|")
for name, (n, size) in inputs.items():
    p(f"| {name} | {n:,} | {size / 1e6:.1f} |")
p("")
targets_at = len(out)  # the summary against the targets goes here, made at the end

# ---- Indexing ----
by = collections.defaultdict(list)  # (corpus, engine) -> [(wall, peak KB, size, passages)]
for c, engine, run, wall, peak, size, passages in ((r + [""] * 7)[:7] for r in index_rows):
    if not wall.replace(".", "").isdigit() or not peak.isdigit():
        continue  # a run whose timing was not read
    by[(c, engine)].append((float(wall), int(peak), int(size), int(passages or 0)))


def med(c, e, i):
    v = [x[i] for x in by.get((c, e), [])]
    return statistics.median(v) if v else float("nan")


corpora = list(dict.fromkeys(c for c, _ in by if "-x" not in c))
dateline_engines = sorted({e for _, e in by if e.startswith("dateline")})
peers = [e for e in ("xapian-floor", "fts5", "recoll", "sphinx") if any(k[1] == e for k in by)]
summary = {}
p("## Indexing")
p("")
p("Median of the runs (wall time, peak RSS from `/usr/bin/time -f %M`, size by `du -sb`). "
  "Dateline: `dateline-index build FILE.jsonl --db NEW --jobs N` (passages: titles and "
  "paragraphs, each a Xapian document with entities, quotations and stored text); "
  "xapian-floor: one document per article, TermGenerator with positions and the English "
  "stemmer, commit at the end; FTS5: one row per article, one transaction, then `optimize`; "
  "Recoll: `recollindex` over one text file per article (written before the clock starts; "
  "Recoll runs its own worker threads); Sphinx: `indexer --all` reading a tsvpipe (title, "
  "text; outlet as a string attribute, date as an integer), English stemmer, prefixes from "
  "2 characters.")
p("")
for c in corpora:
    n, size = inputs.get(c, (0, 0))
    p(f"### {c}")
    p("")
    p("| engine | runs | wall s (min–max) | MB/s | articles/s | passages/s | peak RSS MB | "
      "size MB | Dateline ÷ this (time) |")
    p("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for e in dateline_engines + peers:
        if (c, e) not in by:
            continue
        walls = [x[0] for x in by[(c, e)]]
        w = med(c, e, 0)
        pas = med(c, e, 3)
        vs = ""
        if e != dateline_engines[0] and e in dateline_engines:
            vs = f"÷ {dateline_engines[0]}: {ratio(w, med(c, dateline_engines[0], 0)):.2f}×"
        if e in peers:
            vs = ", ".join(f"{d}: {ratio(med(c, d, 0), w):.2f}×" for d in dateline_engines)
        p(f"| {e} | {len(walls)} | {fmt(w)} ({fmt(min(walls))}–{fmt(max(walls))}) | "
          f"{fmt(size / 1e6 / w)} | {fmt(n / w, 0)} | {fmt(pas / w, 0) if pas else '–'} | "
          f"{fmt(med(c, e, 1) / 1024, 0)} | {fmt(med(c, e, 2) / 1e6, 0)} | {vs} |")
    p("")

tabs = rows("tables.tsv")
if tabs:
    p("Where the size goes (the last run's indexes): Xapian tables in MB, documents and mean "
      "document length in terms (`xapian-delve`).")
    p("")
    keys = list(dict.fromkeys((r[0], r[1]) for r in tabs))
    names = list(dict.fromkeys(r[2] for r in tabs))
    val = {(r[0], r[1], r[2]): r[3] for r in tabs}
    p("| corpus | index | " + " | ".join(names) + " |")
    p("|---|---|" + "---:|" * len(names))
    for c, e in keys:
        cells = []
        for n in names:
            v = val.get((c, e, n))
            if v is None:
                cells.append("–")
            elif n in ("documents", "mean length"):
                cells.append(f"{float(v):,.0f}")
            else:
                cells.append(f"{int(v) / 1e6:.1f}")
        p(f"| {c} | {e} | " + " | ".join(cells) + " |")
    p("")

# ---- Latency ----
lat = collections.defaultdict(dict)  # (corpus, engine, mode) -> {query: [ms...]}
matches = collections.defaultdict(dict)  # (corpus, engine, mode) -> {query: matches}
for c, e, q, rep, mode, ms, m in lat_rows:
    if int(rep) == 0:
        continue  # the warm-up pass
    lat[(c, e, mode)].setdefault(int(q), []).append(float(ms))
    matches[(c, e, mode)][int(q)] = int(m)


def samples(key, only=None):
    d = lat.get(key, {})
    return [ms for q, v in d.items() if only is None or q in only for ms in v]


def labels_of(c):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        f"queries-{c.split('-x')[0]}.tsv")
    if not os.path.exists(path):
        return []
    return [line.split("\t")[0] for line in open(path, encoding="utf-8")
            if line.strip() and not line.startswith("#")]


modes = [("dateline", "full", "Dateline: `dateline::search()`, the default request (top 10 "
          "passages, snippets, exact totals, exact facets by outlet, speaker, place, date); "
          "opens the index each call, as the library does"),
         ("dateline", "top10", "Dateline plain top 10: the same parsed query (QueryBuilder) on "
          "the passage index opened once, Enquire top 10 and their stored data"),
         ("dateline", "exact", "Dateline top 10 visiting every match (checkatleast = all, as "
          "exact facets need), no facet spy, no snippets"),
         ("dateline", "snippets", "Dateline top 10 as above, then each hit's stored data "
          "parsed and its snippet made as `search()` does (MSet::snippet, centred window)"),
         ("dateline", "open", "opening the index and a QueryBuilder (synonyms, aliases): "
          "part of every `full`"),
         ("xapian-floor", "top10", "minimal Xapian: QueryParser (AND, English stemmer), Enquire "
          "top 10 articles and their data"),
         ("fts5", "top10+snippets", "FTS5: top 10 by bm25 with snippet()"),
         ("fts5", "full", "FTS5: top 10 by bm25 with snippet(), then matching articles per "
          "outlet (GROUP BY source)"),
         ("sphinx", "top10+snippets", "Sphinx via searchd (SphinxQL over the loopback): top 10, "
          "CALL SNIPPETS over the article files"),
         ("sphinx", "full", "Sphinx: as above, then articles per outlet (GROUP BY source)"),
         ("recoll", "top10", "Recoll (Python API): execute, fetch 10"),
         ("recoll", "top10+snippets", "Recoll: execute, fetch 10, an abstract each")]
lat_corpora = list(dict.fromkeys(k[0] for k in lat if "-x" not in k[0]))
p("## Query latency")
p("")
p(f"Each searcher runs the whole query set (`bench/queries-CORPUS.tsv`) in one process: one "
  f"warm-up pass, then the timed passes (steady_clock per query); percentiles are over every "
  f"(query, pass) sample, in milliseconds. Peers skip what they cannot express (Recoll has "
  f"no outlet or date field here), so each ratio is taken over the queries both sides ran.")
p("")
for c in lat_corpora:
    p(f"### {c}")
    p("")
    p("| searcher | what it does | queries | p50 ms | p95 ms | p99 ms | mean ms |")
    p("|---|---|---:|---:|---:|---:|---:|")
    for e, mode, what in modes:
        s = samples((c, e, mode))
        if not s:
            continue
        p(f"| {e} {mode} | {what} | {len(lat[(c, e, mode)])} | {fmt(pct(s, 50))} | "
          f"{fmt(pct(s, 95))} | {fmt(pct(s, 99))} | {fmt(statistics.mean(s))} |")
    p("")
    pairs = [(("dateline", "full"), ("xapian-floor", "top10")),
             (("dateline", "top10"), ("xapian-floor", "top10")),
             (("dateline", "full"), ("fts5", "full")),
             (("dateline", "full"), ("sphinx", "full")),
             (("dateline", "full"), ("recoll", "top10+snippets")),
             (("dateline", "top10"), ("recoll", "top10"))]
    p("| ratio (same queries) | p50 | p95 | p99 |")
    p("|---|---:|---:|---:|")
    for a, b in pairs:
        ka, kb = (c,) + a, (c,) + b
        if ka not in lat or kb not in lat:
            continue
        common = set(lat[ka]) & set(lat[kb])
        sa, sb = samples(ka, common), samples(kb, common)
        r = [ratio(pct(sa, x), pct(sb, x)) for x in (50, 95, 99)]
        summary[(c, a, b)] = r
        p(f"| {a[0]} {a[1]} ÷ {b[0]} {b[1]} ({len(common)} queries) | "
          + " | ".join(f"{x:.2f}×" for x in r) + " |")
    p("")
    labels = labels_of(c)
    if labels:
        kinds = list(dict.fromkeys(labels))
        cols = [(e, m) for e, m, _ in modes if (c, e, m) in lat and m != "open"]
        p("p50 ms by kind of query:")
        p("")
        p("| kind | " + " | ".join(f"{e} {m}" for e, m in cols) + " |")
        p("|---|" + "---:|" * len(cols))
        for k in kinds:
            qs = {i for i, l in enumerate(labels) if l == k}
            p(f"| {k} ({len(qs)}) | " + " | ".join(
                fmt(pct(samples((c, e, m), qs), 50)) for e, m in cols) + " |")
        p("")
    dl, ft = matches.get((c, "dateline", "full"), {}), matches.get((c, "fts5", "full"), {})
    if dl and ft:
        same = sum(1 for q in dl if q in ft and dl[q] == ft[q])
        p(f"Matching articles agree between Dateline and FTS5 on {same} of "
          f"{len(set(dl) & set(ft))} queries. Dateline matches **passages** (an AND, NOT or "
          f"NEAR holds within a title or paragraph), FTS5 and the floor whole articles, so "
          f"multi-word queries match fewer articles in Dateline; stemmers differ slightly "
          f"(Snowball English vs Porter).")
        p("")

prof = os.path.join(data, "profile.txt")
if os.path.exists(prof) and os.path.getsize(prof):
    p("Where a full search spends its time: a flat profile (`perf record`, no call graphs) of "
      "`dateline::search()` over the common-word queries of allsides, the costliest kind "
      "(shared object, symbol, share of samples):")
    p("")
    p("```")
    for line in open(prof, encoding="utf-8"):
        line = re.sub(r"(\s+-)*\s*$", "", line)
        p(line if len(line) <= 140 else line[:139] + "…")
    p("```")
    p("")

# ---- One-shot ----
one = collections.defaultdict(list)
for name, prog, q, ms, nbytes, rc in oneshot_rows:
    one[(name, prog, q)].append(float(ms))
if one:
    p("## One-shot latency (a shell invocation)")
    p("")
    p("Process start to the last byte of output through a pipe (`bench/oneshot`), median of "
      "the runs: `dateline-search --db DB QUERY` (top 10 passages, snippets, exact facets, "
      "text output) against Xapian's `quest -d DB -o and QUERY` (top 10, prints each "
      "document's data) on the same database (the index's stub, so the same generation).")
    p("")
    p("| index | query | runs | dateline-search ms | quest ms | ratio |")
    p("|---|---|---:|---:|---:|---:|")
    for (name, prog, q), v in one.items():
        if prog != "dateline-search":
            continue
        d, qv = statistics.median(v), statistics.median(one.get((name, "quest", q), [float("nan")]))
        summary.setdefault(("oneshot", name), []).append(ratio(d, qv))
        p(f"| {name} | `{q}` | {len(v)} | {fmt(d)} | {fmt(qv)} | {ratio(d, qv):.2f}× |")
    p("")

# ---- Growth ----
growth = sorted({c for c, _ in by if c.startswith("allsides-x")}, key=lambda c: int(c[10:]))
if growth and "allsides" in inputs:
    p("## Cost growth (allsides × N, ids made distinct)")
    p("")
    p("One indexing run per size (× 1 is the median above); query p50 over the query set, 2 "
      "timed passes.")
    p("")
    p("| size | articles | engine | index s | growth | size MB | growth | peak RSS MB | "
      "p50 full ms | p50 top10 ms | growth (full) |")
    p("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    engines = sorted({e for c, e in by if c in growth})
    for e in engines:
        base_w, base_s = med("allsides", e, 0), med("allsides", e, 2)
        le = "dateline" if e.startswith("dateline") else e
        mode_full = "full" if le == "dateline" else "top10"
        base_p = pct(samples(("allsides", le, mode_full)), 50)
        for c in ["allsides"] + growth:
            n = inputs.get(c, (0, 0))[0]
            w, s = med(c, e, 0), med(c, e, 2)
            pf = pct(samples((c, le, mode_full)), 50)
            pt = pct(samples((c, le, "top10")), 50)
            p(f"| {'× 1' if c == 'allsides' else '× ' + c[10:]} | {n:,} | {e} | {fmt(w)} | "
              f"{ratio(w, base_w):.2f}× | {fmt(s / 1e6, 0)} | {ratio(s, base_s):.2f}× | "
              f"{fmt(med(c, e, 1) / 1024, 0)} | {fmt(pf) if le == 'dateline' else '–'} | "
              f"{fmt(pt)} | {ratio(pf, base_p):.2f}× |")
    p("")

# ---- Shards ----
shards_md = os.path.join(sys.argv[1], "shards.md")
if os.path.exists(shards_md):
    p("## Latency against the number of shards")
    p("")
    p("allsides built with `dateline-index build --shards N`, then the query set's full answer "
      "(`dateline_latency`, 2 timed passes): local, the sharded folder in one process; remote, "
      "each shard served by its own `xapian-tcpsrv` on 127.0.0.1 and listed in a stub file "
      "(`bench/shards.sh`).")
    p("")
    for line in open(shards_md, encoding="utf-8"):
        p(line.rstrip("\n"))
    p("")

# ---- Notes ----
p("## Notes on fairness")
p("")
p("- Dateline does more per article than any peer: it splits each article into passages (title, "
  "paragraphs, long paragraphs by sentences; each a Xapian document with positions), extracts "
  "speakers, quotations and places, indexes quotation words a second time under `quote:`, and "
  "stores each passage's text and metadata. The peers index each article once as two fields.")
p("- Dateline matches passages, so an AND holds within one paragraph; the peers match whole "
  "articles. Result counts differ accordingly (see the agreement line under each corpus).")
p("- Same query set for all, in each engine's syntax: FTS5 and Sphinx take `a | b` / `a NOT b` "
  "forms where needed, Recoll and Sphinx `-word` for NOT. FTS5 stems its index with Porter, so "
  "its prefix query is `immigr*` for `immigra*`. Recoll has no outlet or date field over plain "
  "files and skips those queries.")
p("- Sphinx is timed through searchd over the loopback (SphinxQL, libmariadb), Recoll through "
  "its Python module; Dateline, the Xapian floor and FTS5 are in-process C++.")
p("- Sphinx's indexing time includes `prepare.py tsv` feeding it (JSONL to tsvpipe rows); the "
  "others parse the JSONL themselves. Recoll's one file per article is written before its "
  "clock starts.")
p("")

# ---- Per query ----
qpath = os.path.join(os.path.dirname(os.path.abspath(__file__)), "queries-allsides.tsv")
if ("allsides", "dateline", "full") in lat and os.path.exists(qpath):
    qs = [line.rstrip("\n").split("\t") for line in open(qpath, encoding="utf-8")
          if line.strip() and not line.startswith("#")]
    cols = [(e, m) for e, m in [("dateline", "full"), ("dateline", "top10"),
                                ("xapian-floor", "top10"), ("fts5", "full"), ("sphinx", "full")]
            if ("allsides", e, m) in lat]
    p("## Appendix: allsides, p50 ms per query")
    p("")
    p("Matching articles: Dateline (passage semantics) / FTS5 (article semantics).")
    p("")
    p("| # | kind | query | filters | " + " | ".join(f"{e} {m}" for e, m in cols) +
      " | articles |")
    p("|---:|---|---|---|" + "---:|" * len(cols) + "---:|")
    for i, f in enumerate(qs):
        f = (f + [""] * 8)[:8]
        filt = " ".join(x for x in (f"--source '{f[2]}'" if f[2] else "",
                                    f"--from {f[3]}" if f[3] else "",
                                    f"--to {f[4]}" if f[4] else "") if x)
        cells = [fmt(pct(lat[("allsides", e, m)].get(i, []), 50)) for e, m in cols]
        dm = matches.get(("allsides", "dateline", "full"), {}).get(i, "–")
        fm = matches.get(("allsides", "fts5", "full"), {}).get(i, "–")
        p(f"| {i} | {f[0]} | `{f[1]}` | {filt} | " + " | ".join(cells) + f" | {dm} / {fm} |")
    p("")

# ---- Targets ----
t = ["## Against the targets", ""]


def verdict(ok):
    return "**met**" if ok else "**missed**"


best = min(dateline_engines, key=lambda e: med("allsides", e, 0)) if dateline_engines else None
if best and ("allsides", "xapian-floor") in by:
    r = ratio(med("allsides", best, 0), med("allsides", "xapian-floor", 0))
    t.append(f"1. Indexing allsides no slower than the minimal Xapian indexer: {best} takes "
             f"{fmt(med('allsides', best, 0))} s against {fmt(med('allsides', 'xapian-floor', 0))} s, "
             f"{r:.2f}× — {verdict(r <= 1)}" + ("" if r <= 1 else f" by {r:.2f}×") + ".")
gen = next((e for c, e in by if c in growth and e.startswith("dateline")), best)
if gen:
    peaks = [(c, med(c, gen, 1) / 1024) for c in ["allsides"] + growth + ["reuters"]
             if (c, gen) in by]
    xs = [v for c, v in peaks if c.startswith("allsides")]
    grow = ratio(max(xs), xs[0]) if xs else float("nan")
    t.append("2. Indexer peak memory bounded: " + ", ".join(
        f"{c} {fmt(v, 0)} MB" for c, v in peaks) + f" ({gen}); the largest allsides input "
        f"peaks at {grow:.2f}× the × 1 peak — " + verdict(grow <= 1.25) +
        " (bounded: it does not grow with the input).")
for c in lat_corpora:
    a = summary.get((c, ("dateline", "full"), ("xapian-floor", "top10")))
    b = summary.get((c, ("dateline", "full"), ("fts5", "full")))
    if a and b:
        t.append(f"3. ({c}) Search p50 with snippets and exact facets at most 2× minimal Xapian "
                 f"top 10: {a[0]:.2f}× — {verdict(a[0] <= 2)}; faster than FTS5 rank + snippet "
                 f"+ per-outlet counts: {b[0]:.2f}× its p50 — {verdict(b[0] < 1)} "
                 f"(p95 {a[1]:.2f}× and {b[1]:.2f}×).")
for name in ("seeds", "allsides", "reuters"):
    r = summary.get(("oneshot", name))
    if r:
        t.append(f"4. ({name}) One-shot dateline-search within 1.5× of quest: ratios "
                 + ", ".join(f"{x:.2f}×" for x in r) + f" — {verdict(max(r) <= 1.5)}"
                 + ("" if max(r) <= 1.5 else f" (worst {max(r):.2f}×)") + ".")
if growth and gen:
    last = growth[-1]
    n = int(last[10:])
    wr = ratio(med(last, gen, 0), med("allsides", gen, 0))
    sr = ratio(med(last, gen, 2), med("allsides", gen, 2))
    pr = ratio(pct(samples((last, "dateline", "full")), 50),
               pct(samples(("allsides", "dateline", "full")), 50))
    t.append(f"5. Growth × {n} ({gen}): index time {wr:.2f}×, size {sr:.2f}×, query p50 (full) {pr:.2f}× "
             f"the × 1 figures (linear would be {n}×).")
t.append("")
out[targets_at:targets_at] = t
print("\n".join(out))
