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
source "$(dirname "$0")/common.sh"
corpus=$shared/corpora/allsides-news/articles.jsonl.gz
[ -f "$corpus" ] || { echo "bench: $corpus not found" >&2; exit 2; }
export SAMPLE=${SAMPLE:-300} SEED=${SEED:-1} SHOW=${SHOW:-25}

tmp=$(mktemp -d /tmp/dateline-quotes-allsides.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# 1. The sample: the corpus lines are already in the import format (id, source, date, title,
#    text, url, authors); other keys are ignored by the importer.
sample_jsonl "$corpus" "$tmp/sample.jsonl"

rc=0
"$build/indexer/dateline-index" import "$tmp/sample.jsonl" --db "$tmp/db" || rc=$?
[ "$rc" -le 2 ] || { echo "bench: import failed ($rc)" >&2; exit 2; }

dump_passages "$tmp/db" "$tmp"

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
