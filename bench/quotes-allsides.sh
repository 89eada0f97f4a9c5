#!/usr/bin/env bash
# Quotations and their speakers on a seeded random sample of allsides-news articles.
#
# Imports the sample into a temporary index, dumps every passage and reports: quotations found,
# the share with a speaker, the 15 most quoted speakers, and 25 quotations drawn at random
# (seeded) with their speaker and passage, to be checked by eye. There is no gold: the corpus
# has no speaker labels, so the by-eye check is the measurement.
#
#   bench/quotes-allsides.sh [BUILD_DIR]      (default build/)
#   SAMPLE=N   articles in the sample (default 300)
#   SEED=S     seed of the article sample and of the 25 shown (default 1)
#   SHOW=K     quotations to show (default 25)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared="$(dirname "$0")/../../shared"
[ -d "$shared" ] || shared=/work/shared
shared=$(cd "$shared" && pwd)
build=${1:-$repo/build}
corpus=$shared/corpora/allsides-news/articles.jsonl.gz
[ -f "$corpus" ] || { echo "bench: $corpus not found" >&2; exit 2; }
[ -x "$build/indexer/dateline-index" ] || { echo "bench: no $build/indexer/dateline-index; build first" >&2; exit 2; }
export SAMPLE=${SAMPLE:-300} SEED=${SEED:-1} SHOW=${SHOW:-25}

tmp=$(mktemp -d /tmp/dateline-quotes-allsides.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# 1. The sample: the corpus lines are already in the import format (id, source, date, title,
#    text, url, authors); other keys are ignored by the importer.
python3 - "$corpus" "$tmp/sample.jsonl" <<'EOF'
import gzip, os, random, sys
corpus, out = sys.argv[1:3]
with gzip.open(corpus, "rt", encoding="utf-8") as f:
    lines = f.readlines()
n = min(int(os.environ["SAMPLE"]), len(lines))
keep = sorted(random.Random(int(os.environ["SEED"])).sample(range(len(lines)), n))
with open(out, "w", encoding="utf-8") as f:
    f.writelines(lines[i] for i in keep)
print(f"sample: {n} of {len(lines)} articles (seed {os.environ['SEED']})", flush=True)
EOF

rc=0
"$build/indexer/dateline-index" import "$tmp/sample.jsonl" --db "$tmp/db" || rc=$?
[ "$rc" -le 2 ] || { echo "bench: import failed ($rc)" >&2; exit 2; }

page=20000 offset=0
while :; do
    "$build/searcher/dateline-search" "" --format json --limit $page --offset $offset \
        --facet-limit 1 --db "$tmp/db" >"$tmp/page-$offset.json" || true
    n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["hits"]))' "$tmp/page-$offset.json")
    [ "$n" -eq "$page" ] || break
    offset=$((offset + page))
done

python3 - "$tmp" <<'EOF'
import collections, glob, json, os, random, sys, textwrap
tmp = sys.argv[1]
quotes, passages, articles = [], 0, set()
for page in sorted(glob.glob(f"{tmp}/page-*.json")):
    for h in json.load(open(page))["hits"]:
        passages += 1
        articles.add(h["article_id"])
        for q in h["quotes"]:
            quotes.append((h["article_id"], h["passage"], h["source"], q["speaker"], q["text"], h["text"]))
with_speaker = [q for q in quotes if q[3]]
quoting_articles = {q[0] for q in quotes}
share = len(with_speaker) / len(quotes) if quotes else 0.0
print()
print(f"articles: {len(articles)}   passages: {passages}")
print(f"quotations: {len(quotes)} in {len(quoting_articles)} articles"
      f" ({len(quotes) / max(len(articles), 1):.1f} per article)")
print(f"with a speaker: {len(with_speaker)} ({share:.1%});  without: {len(quotes) - len(with_speaker)}")
print(f"distinct speakers: {len({q[3] for q in with_speaker})}")
print("\n15 most quoted speakers (quotations, articles):")
by_speaker = collections.Counter(q[3] for q in with_speaker)
arts = collections.defaultdict(set)
for q in with_speaker: arts[q[3]].add(q[0])
for name, n in by_speaker.most_common(15):
    print(f"  {name:<32} {n:>4} {len(arts[name]):>4}")

def cut(s, n):
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"
k = min(int(os.environ["SHOW"]), len(quotes))
shown = sorted(random.Random(int(os.environ["SEED"])).sample(range(len(quotes)), k))
print(f"\n{k} quotations drawn at random (seed {os.environ['SEED']}), to check by eye:")
for i, idx in enumerate(shown, 1):
    art, ordinal, source, speaker, text, passage = quotes[idx]
    print(f"\n{i:>2}. {art} #{ordinal} ({source})  speaker: {speaker or '— none —'}")
    print(textwrap.fill("quote: " + cut(text, 220), 100, subsequent_indent="    "))
    print(textwrap.fill("passage: " + cut(passage, 480), 100, subsequent_indent="    "))
EOF

echo
echo "command: $(for v in SAMPLE SEED SHOW; do printf '%s=%q ' "$v" "${!v}"; done)bench/quotes-allsides.sh${1:+ $1}"
