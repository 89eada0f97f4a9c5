#!/usr/bin/env bash
# The web-page extractor (src/ingest/html.cpp) on the article-extraction benchmark's development
# half: article bodies scored by the benchmark's shingle metric, title/outlet/date against our
# labels, and the speed in pages per second.
#   bench/html-extraction.sh [BUILD_DIR]   (default build/, configured with -DDATELINE_BENCH=ON)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
data=../shared/corpora/article-extraction
cmake --build "$build" --target html_extract >/dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$build/bench/html_extract" "$data"/html/*.html.gz >"$out"
python3 bench/html_score.py "$data/ground-truth.json" "$out" tests/labels/html-metadata.tsv
