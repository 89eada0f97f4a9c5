#!/usr/bin/env bash
# Times a full import of ../shared/corpora/allsides-news (16,680 articles) with the Release build:
# wall time, peak memory, passages, index size. Not a test: figures vary with the machine.
#   bench/import-allsides.sh [BUILD_DIR]     (default build/, made by ./setup.sh run)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
corpus=../shared/corpora/allsides-news/articles.jsonl.gz
[ -f "$corpus" ] || { echo "bench: $corpus not found (../shared beside the repo)" >&2; exit 2; }
db=$(mktemp -d)/allsides.db
trap 'rm -rf "$(dirname "$db")"' EXIT
/usr/bin/time -f '%e s wall, %M KB peak RSS' "$build/indexer/dateline-index" import "$corpus" --db "$db"
echo "index size: $(du -sh "$db" | cut -f1)"
for q in trump '"health care"' 'impeachment inquiry' ''; do
    /usr/bin/time -f "%e s  dateline-search '$q' (top 10, snippets, exact facets)" \
        "$build/searcher/dateline-search" --db "$db" "$q" >/dev/null
done
