#!/usr/bin/env bash
# Places against tests/labels/allsides-places.tsv (allsides-news articles labelled by hand;
# tests/labels/README-allsides.md): per article, the places Dateline gives (every passage's
# locations) against the labelled ones. Names are compared case-folded, with the label's
# qualifier dropped ("Washington (state)" and "Washington, D.C." are both "washington": a name
# match, not a check of which Washington) and "New York City" as "new york". Precision,
# recall, bootstrap 95% intervals over articles (1,000 draws).
#
#   bench/places-allsides.sh [BUILD_DIR]      (default build/)
set -euo pipefail
source "$(dirname "$0")/common.sh"
tmp=$(mktemp -d /tmp/dateline-places-allsides.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
labels=$repo/tests/labels/allsides-places.tsv
python3 - "$shared" "$repo" "$tmp" <<'PY'
import gzip, json, sys
shared, repo, tmp = sys.argv[1:4]
ids = {l.split("\t")[0] for l in open(f"{repo}/tests/labels/allsides-quotes.tsv", encoding="utf-8")}
with gzip.open(f"{shared}/corpora/allsides-news/articles.jsonl.gz", "rt", encoding="utf-8") as f, \
        open(f"{tmp}/articles.jsonl", "w", encoding="utf-8") as out:
    for line in f:
        if json.loads(line)["id"] in ids:
            out.write(line)
PY
"$build/indexer/dateline-index" import "$tmp/articles.jsonl" --db "$tmp/db" >/dev/null
dump_passages "$tmp/db" "$tmp"
python3 - "$labels" "$tmp" <<'PY'
import collections, glob, json, random, re, sys
labels, tmp = sys.argv[1:3]
def norm(name):
    name = re.sub(r"\s*\(.*?\)", "", name.lower())
    name = re.sub(r",\s*d\.?c\.?$", "", name)
    return {"new york city": "new york"}.get(name.strip(), name.strip())
gold = collections.defaultdict(set)
rows = [l.rstrip("\n").split("\t") for l in open(labels, encoding="utf-8")][1:]
for article, place in rows:
    gold[article].add(norm(place))
found = collections.defaultdict(set)
for page in glob.glob(f"{tmp}/page-*.json"):
    for hit in json.load(open(page, encoding="utf-8"))["hits"]:
        for place in hit["locations"]:
            found[hit["article_id"]].add(norm(place))
articles = sorted({a for a, _ in rows} | set(found) | {l for l in gold})
articles = [a for a in articles if a in gold or a in found]
def score(sample):
    right = sum(len(gold[a] & found[a]) for a in sample)
    g = sum(len(gold[a]) for a in sample)
    f = sum(len(found[a]) for a in sample)
    return (right / f if f else float("nan"), right / g if g else float("nan"))
p, r = score(articles)
rng = random.Random(1)
draws = sorted(score(rng.choices(articles, k=len(articles))) for _ in range(1000))
ps = sorted(d[0] for d in draws); rs = sorted(d[1] for d in draws)
print(f"articles: {len(articles)}   labelled places: {sum(len(gold[a]) for a in articles)}   "
      f"given: {sum(len(found[a]) for a in articles)}")
print(f"precision {p:.3f} ({ps[25]:.3f}-{ps[974]:.3f})   recall {r:.3f} ({rs[25]:.3f}-{rs[974]:.3f})")
missed = collections.Counter(x for a in articles for x in gold[a] - found[a])
extra = collections.Counter(x for a in articles for x in found[a] - gold[a])
print("missed:", ", ".join(f"{k} {v}" for k, v in missed.most_common(15)))
print("not labelled:", ", ".join(f"{k} {v}" for k, v in extra.most_common(15)))
PY
