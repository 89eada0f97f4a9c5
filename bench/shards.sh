#!/usr/bin/env bash
# Query latency against the number of shards: allsides-news built with `build --shards N` for
# each N, searched in-process (bench/dateline_latency, the full answer: top 10 with snippets,
# exact totals and facets) as a local sharded index and as N remote shards, each served by its
# own xapian-tcpsrv on 127.0.0.1. Prints one Markdown table (p50/p95 ms over the query set).
#
#   bench/shards.sh [BUILD_DIR]       knobs: SHARDS="1 2 4", REPS=3, SAMPLE=N (default: all),
#                                     PORT=18300 (first port), KEEP=1 keeps the scratch folder
set -euo pipefail
source "$(dirname "$0")/common.sh"
SHARDS=${SHARDS:-1 2 4}
REPS=${REPS:-3}
PORT=${PORT:-18300}
latency=$build/bench/dateline_latency
[ -x "$latency" ] || {
    echo "bench: no $latency; configure with -DDATELINE_BENCH=ON and build" >&2
    exit 2
}
command -v xapian-tcpsrv >/dev/null || { echo "bench: xapian-tcpsrv (xapian-tools) missing" >&2; exit 2; }
work=$(mktemp -d /tmp/dateline-shards.XXXXXX)
servers=()
cleanup() {
    for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

input=$shared/corpora/allsides-news/articles.jsonl.gz
if [ -n "${SAMPLE:-}" ]; then
    SEED=${SEED:-1} sample_jsonl "$input" "$work/sample.jsonl" >&2  # stdout is the table
    input=$work/sample.jsonl
fi

# p50 and p95 of the "full" timings (column 4) over every query and pass but the warm-up (rep 0).
percentiles() {
    awk -F'\t' '$3 == "full" && $2 > 0 { print $4 }' "$1" | sort -n |
        awk '{ v[NR] = $1 } END {
            p50 = v[int((NR - 1) * 0.50) + 1]; p95 = v[int((NR - 1) * 0.95) + 1]
            printf "%.1f | %.1f", p50, p95 }'
}

echo "| shards | build wall (s) | local p50 (ms) | local p95 (ms) | remote p50 (ms) | remote p95 (ms) |"
echo "|---|---|---|---|---|---|"
for n in $SHARDS; do
    db=$work/s$n.db
    start=$(date +%s.%N)
    "$build/indexer/dateline-index" build "$input" --db "$db" --shards "$n" >/dev/null
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    "$latency" "$db" "$repo/bench/queries-allsides.tsv" "$REPS" full >"$work/local-$n.tsv"
    # One server per shard (a one-database index: its generation), listed in a stub file; each
    # in a session of its own (setsid): on SIGTERM xapian-tcpsrv signals its process group.
    stub=$work/remote-$n.stub
    : >"$stub"
    servers=()
    for database in $(awk '{ print $2 }' "$db/XAPIANDB"); do
        port=$((PORT + ${#servers[@]}))
        setsid xapian-tcpsrv --port "$port" --interface 127.0.0.1 "$db/$database" \
            >"$work/tcpsrv-$port.log" 2>&1 &
        servers+=($!)
        echo "remote 127.0.0.1:$port" >>"$stub"
    done
    for port in $(seq "$PORT" $((PORT + ${#servers[@]} - 1))); do
        for _ in $(seq 100); do
            (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
            sleep 0.1
        done
    done
    "$latency" "$stub" "$repo/bench/queries-allsides.tsv" "$REPS" full >"$work/remote-$n.tsv"
    for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    servers=()
    printf "| %s | %.1f | %s | %s |\n" "$n" "$wall" "$(percentiles "$work/local-$n.tsv")" \
        "$(percentiles "$work/remote-$n.tsv")"
done
