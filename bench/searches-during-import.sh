#!/usr/bin/env bash
# Searches while an import commits every 20 passages: how many fail. A seeded sample of
# allsides-news (1,500 articles): 600 imported first, the other 900 imported with
# --commit-every 20 while `--any --format json --limit 50` searches run in a loop.
#   bench/searches-during-import.sh [BUILD_DIR]
# Prints "searches N, failed F" and the distinct errors.
set -uo pipefail
source "$(dirname "$0")/common.sh"
export SAMPLE=${SAMPLE:-1500} SEED=${SEED:-1}
B=$build; W=$(mktemp -d)
sample_jsonl "$shared/corpora/allsides-news/articles.jsonl.gz" "$W/all.jsonl" >/dev/null
head -600 $W/all.jsonl > $W/a.jsonl; sed -n 601,1500p $W/all.jsonl > $W/b.jsonl
$B/indexer/dateline-index import $W/a.jsonl --db $W/db >/dev/null 2>&1
start=$(date +%s.%N)
$B/indexer/dateline-index import $W/b.jsonl --db $W/db --commit-every 20 >/dev/null 2>&1 &
pid=$!
n=0; fail=0
while kill -0 $pid 2>/dev/null; do
  for q in "trump russia election" "white house statement" "president said the"; do
    out=$($B/searcher/dateline-search --db $W/db --any --format json --limit 50 $q 2>&1 >/dev/null); rc=$?
    n=$((n+1)); [ $rc -ge 2 ] && { fail=$((fail+1)); echo "$out" | head -1 >> $W/errors; }
  done
done
end=$(date +%s.%N)
echo "searches $n, failed $fail; import and searches took $(echo "$end - $start" | bc) s, \
$(echo "scale=1; ($end - $start) * 1000 / $n" | bc) ms a search"; sort $W/errors 2>/dev/null | uniq -c | head -3; rm -rf $W
