#!/usr/bin/env bash
# The two ways of using several cores to index allsides-news, side by side with one thread:
#   build --jobs 1              one thread parses and writes one database
#   import --jobs 2 (new index) the pipeline: the main thread parses, a thread writes
#   build --jobs 2              parts written in parallel, then merged by Xapian's compaction
#   build --jobs 2 --shards 2   the same parts kept as shards (the difference: the compaction)
# Each: wall time, CPU time (user + system), peak RSS, size on disk; one run each, in turn.
#
#   bench/jobs.sh [BUILD_DIR]       knobs: SAMPLE=N (default: all articles), JOBS=2
set -euo pipefail
source "$(dirname "$0")/common.sh"
JOBS=${JOBS:-2}
work=$(mktemp -d /tmp/dateline-jobs.XXXXXX)
trap 'rm -rf "$work"' EXIT
input=$shared/corpora/allsides-news/articles.jsonl.gz
if [ -n "${SAMPLE:-}" ]; then
    SEED=${SEED:-1} sample_jsonl "$input" "$work/sample.jsonl"
    input=$work/sample.jsonl
fi

run() {
    local label=$1
    shift
    rm -rf "$work/db"
    /usr/bin/time -o "$work/time" -f '%e %U %S %M' "$build/indexer/dateline-index" "$@" \
        "$input" --db "$work/db" >"$work/out"
    read -r wall user sys peak <"$work/time"
    printf "| %s | %s | %.1f | %d | %s | %s |\n" "$label" "$wall" \
        "$(echo "$user + $sys" | bc)" "$((peak / 1024))" \
        "$(du -sh "$work/db" | cut -f1)" \
        "$(sed -n 's/.* \([0-9]*\) passages written.*/\1/p' "$work/out")"
}

echo "$(date -u +%F) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| how | wall (s) | CPU (s) | peak RSS (MB) | size | passages |"
echo "|---|---|---|---|---|---|"
run "build --jobs 1" build --jobs 1
run "import --jobs $JOBS (pipeline)" import --jobs "$JOBS"
run "build --jobs $JOBS (parts + compaction)" build --jobs "$JOBS"
run "build --jobs $JOBS --shards $JOBS (parts kept)" build --jobs "$JOBS" --shards "$JOBS"
