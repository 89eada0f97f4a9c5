#!/usr/bin/env python3
"""bench/eval.sh's report (Markdown on stdout) from the figures it gathered in WORK:
systems.tsv (collection, system, MAP, nDCG@10, P@10, queries), choices.tsv (collection,
configuration, MAP, nDCG@10, P@10, queries) and sizes.tsv (collection, documents, passages).

usage: report.py WORK CHOSEN MACHINE DATE COMMIT XAPIAN SQLITE COMMAND
"""
import collections
import sys

work, chosen, machine, date, commit, xapian, sqlite, command = sys.argv[1:9]
NAMES = {"dateline": "Dateline (`dateline-search --any --per-article`)",
         "before": "Dateline before (best passage, Xapian's BM25 defaults)",
         "fts5": "SQLite FTS5 bm25", "xapian": "Xapian BM25 (one doc per article)"}
ORDER = ["dateline", "before", "fts5", "xapian"]

systems = collections.defaultdict(dict)
colls = []
for line in open(f"{work}/systems.tsv"):
    c, s, m, n, p, q = line.rstrip("\n").split("\t")
    if c not in colls:
        colls.append(c)
    systems[c][s] = (float(m), float(n), float(p), q)
choices = collections.defaultdict(dict)
configs = []
for line in open(f"{work}/choices.tsv"):
    c, cfg, m, n, p, q = line.rstrip("\n").split("\t")
    if cfg not in configs:
        configs.append(cfg)
    choices[cfg][c] = (float(m), float(n), float(p))
sizes = {}
for line in open(f"{work}/sizes.tsv"):
    c, docs, passages = line.rstrip("\n").split("\t")
    sizes[c] = (docs, passages)


def best_peer(c):
    return max(("fts5", "xapian"), key=lambda s: systems[c][s][0])


out = []
w = out.append
w("# Relevance on judged collections")
w("")
w("Dateline against SQLite FTS5 and plain Xapian BM25 on four classic test collections, same "
  "documents (title + text), same queries (lower case, words only, OR), in one run of "
  "`bench/eval.sh`. MAP over the judged queries (depth 1000), nDCG@10 (graded: Cranfield's "
  "grades 1..4), P@10; scorer `bench/eval/trec.h`.")
w("")
w(f"- date: {date}; machine: {machine}; commit {commit}")
w(f"- Xapian {xapian}, SQLite {sqlite}")
w(f"- command: `{command}`")
w(f"- Dateline's ranking, as a prototype configuration: `{chosen}` (keys: "
  "bench/eval/dateline_eval.cpp); search() does the same (src/search.cpp: boosted(), "
  "article_bm25(); defaults in dateline::Ranking)")
w("")
w("## Relevance")
w("")
w("| collection | docs / passages | system | MAP | nDCG@10 | P@10 |")
w("|---|---|---|---:|---:|---:|")
for c in colls:
    peer = best_peer(c)
    for s in ORDER:
        if s not in systems[c]:
            continue
        m, n, p, q = systems[c][s]
        mark = ""
        if s == "dateline":
            pm, pn = systems[c][peer][0], systems[c][peer][1]
            mark = " (≥ best peer)" if m >= pm and n >= pn else " (below best peer)"
        label = f"{c} ({q} queries)" if s == ORDER[0] else ""
        size = f"{sizes[c][0]} / {sizes[c][1]}" if s == ORDER[0] else ""
        w(f"| {label} | {size} | {NAMES[s]}{mark} | {m:.4f} | {n:.4f} | {p:.4f} |")
w("")
w("## Choices measured (MAP / nDCG@10 per collection)")
w("")
w("`via=search` runs `dateline::search()` itself; the rest run the same query and BM25 through "
  "Xapian on the same index, so that choices search() does not make can be measured. A ✓ marks a "
  "configuration at or above the best peer on MAP and nDCG@10 of every collection.")
w("")
w("| configuration | " + " | ".join(colls) + " | all |")
w("|---|" + "---:|" * len(colls) + "---|")
for cfg in configs:
    cells, wins = [], True
    for c in colls:
        m, n, _ = choices[cfg][c]
        peer = systems[c][best_peer(c)]
        wins = wins and m >= peer[0] and n >= peer[1]
        cells.append(f"{m:.4f} / {n:.4f}")
    name = f"**{cfg}**" if cfg == chosen else f"`{cfg}`"
    w(f"| {name} | " + " | ".join(cells) + f" | {'✓' if wins else ''} |")
w("")
w("## How it is run")
w("")
w("1. `bench/eval/convert.py` turns each `docs.jsonl` into the JSON Lines `dateline-index` "
  "imports (id, title, text, source); every system indexes that file. A title the text repeats "
  "(Cranfield) is taken off the text; TIME and MED have none: their first sentence is the title.")
w("2. Dateline: `dateline-index build` (passages), then `bench/eval/dateline_eval` (runs and "
  "scores every configuration above, writes search()'s and the one before as TREC runs).")
w("3. Peers: `bench/peers/fts5_index` + `bench/eval/fts5_eval` (words quoted, OR, "
  "`ORDER BY rank`), `bench/peers/xapian_floor_index` + `bench/eval/xapian_eval` "
  "(QueryParser OR, STEM_SOME, BM25Weight defaults).")
w("4. `bench/eval/eval_score` scores every TREC run alike.")
print("\n".join(out))
