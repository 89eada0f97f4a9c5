#!/usr/bin/env bash
# Quotations and their speakers, scored against quotations labelled by people.
#
#   bench/attribution.sh [BUILD_DIR]          (default build/)
#   SET=polnear-dev     PolNeAR's dev split, 84 articles (the default; report on this)
#   SET=polnear-train   PolNeAR's train split, 840 articles (develop on this)
#   SET=allsides        tests/labels/allsides-quotes.tsv, articles of allsides-news labelled
#                       by hand (tests/labels/README-allsides.md says how they were drawn)
#   ERRORS=N            also print N errors drawn at random (seeded)
#   ONLY=missed|silent|wrong   only errors of one kind (quotation not found, no speaker given,
#                       a wrong speaker)
#
# Imports the set's articles into a temporary index, dumps every passage as JSON and scores
# with bench/attribution_score.py (its docstring gives the recipe, PolNeAR's own).
set -euo pipefail
source "$(dirname "$0")/common.sh"
set_name=${SET:-polnear-dev}
tmp=$(mktemp -d /tmp/dateline-attribution.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

python3 - "$set_name" "$shared" "$repo" "$tmp" <<'PY'
import gzip, json, sys
set_name, shared, repo, tmp = sys.argv[1:5]
articles, gold = [], []
if set_name.startswith("polnear-"):
    split = set_name.split("-", 1)[1]
    base = f"{shared}/corpora/polnear/{split}"
    for line in open(f"{base}.jsonl", encoding="utf-8"):
        a = json.loads(line)
        # As PROVENANCE.md says: the title, and the body without the title paragraph.
        articles.append({"id": a["id"], "source": a["source"], "date": a["date"],
                         "title": a["title"].rstrip("."), "text": a["text"][a["body_start"]:]})
    for line in open(f"{base}-attributions.jsonl", encoding="utf-8"):
        r = json.loads(line)
        if not r["direct"]:
            continue
        source = r["source"]["text"] if r["source"] else ""
        for q in r["quotes"]:
            gold.append((r["article_id"], r["article_id"].split("_")[0], q["text"], source,
                         r["source_kind"] or "nosource"))
elif set_name == "allsides":
    labels = f"{repo}/tests/labels/allsides-quotes.tsv"
    rows = [l.rstrip("\n").split("\t") for l in open(labels, encoding="utf-8")][1:]
    ids = {r[0] for r in rows}
    with gzip.open(f"{shared}/corpora/allsides-news/articles.jsonl.gz", "rt",
                   encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["id"] in ids:
                articles.append(a)
    kinds = {"person": "name", "organisation": "name", "document": "name",
             "unnamed": "description", "none": "none"}
    by_id = {a["id"]: a for a in articles}
    for article_id, quote, speaker, kind in rows:
        gold.append((article_id, by_id[article_id]["source"], quote, speaker, kinds[kind]))
else:
    sys.exit(f"bench: unknown SET={set_name} (polnear-dev, polnear-train, allsides)")
with open(f"{tmp}/articles.jsonl", "w", encoding="utf-8") as f:
    for a in articles:
        f.write(json.dumps(a, ensure_ascii=False) + "\n")
with open(f"{tmp}/gold.tsv", "w", encoding="utf-8") as f:
    f.write("article_id\tgroup\tquote\tsource\tkind\n")
    for row in gold:
        f.write("\t".join(" ".join(c.split()) for c in row) + "\n")
print(f"{set_name}: {len(articles)} articles, {len(gold)} labelled quotations")
PY

rc=0
"$build/indexer/dateline-index" import "$tmp/articles.jsonl" --db "$tmp/db" >/dev/null || rc=$?
[ "$rc" -le 2 ] || { echo "bench: import failed ($rc)" >&2; exit 2; }
# Every copy: a paragraph two articles share is scored in each (folded, one article's
# quotations went missing).
dump_passages "$tmp/db" "$tmp" --all-copies
python3 "$repo/bench/attribution_score.py" "$tmp/gold.tsv" "$tmp" --errors "${ERRORS:-0}" \
    ${ONLY:+--only "$ONLY"}
