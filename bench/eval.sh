#!/usr/bin/env bash
# Relevance on judged test collections: Dateline against SQLite FTS5 (bm25, one row per document)
# and plain Xapian BM25 (one document per article, QueryParser OR, English stemmer), all in one
# run, on TIME (news), Cranfield, MED and CISI (../shared/corpora/ir-test-collections, read in
# place). Prints MAP, nDCG@10 and P@10 per collection and system, the article-ranking choices
# measured for Dateline, and writes bench/RELEVANCE.md.
#   bench/eval.sh                      # everything (about a minute on 2 cores)
#   COLLECTIONS="time med" OUT=/tmp/r.md KEEP=1 bench/eval.sh
# Queries are natural language for every system: lower case, words only (bench/eval/trec.h),
# OR semantics. Dateline ranks passages; how articles are ranked from them is what the
# configurations of bench/eval/dateline_eval.cpp vary.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$repo/build-bench}
command="$([ -n "${COLLECTIONS:-}" ] && printf 'COLLECTIONS=%q ' "$COLLECTIONS"
    [ -n "${CHOSEN:-}" ] && printf 'CHOSEN=%q ' "$CHOSEN"; true)bench/eval.sh"
data_root=${DATA:-$(cd "$repo/.." && pwd)/shared/corpora/ir-test-collections}
COLLECTIONS=${COLLECTIONS:-time cranfield med cisi}
OUT=${OUT:-$repo/bench/RELEVANCE.md}
WORK=${WORK:-$(mktemp -d /tmp/dateline-eval.XXXXXX)}
mkdir -p "$WORK"
cleanup() { [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT
log() { echo "eval: $(date +%H:%M:%S) $*" >&2; }

# The configuration recommended for Dateline (see RELEVANCE.md), and what it is measured against:
# the same with one choice changed at a time.
CHOSEN=${CHOSEN:-k1=1.6,b=0.75,k3=100,stop=1,title=0.5,near=0.25,win=4,agg=mix,lambda=0.75}
# with KEY=VALUE: CHOSEN with that key's value replaced.
with() {
    local k=${1%%=*}
    echo "$CHOSEN" | sed -E "s/(^|,)$k=[^,]*/\1$1/"
}
configs=(
    # Dateline itself: search() with per_article and its defaults (the ranking CHOSEN describes).
    "via=search,agg=best"
    # Dateline before the ranking work: articles by their best passage, Xapian's BM25 defaults.
    "k1=1,b=0.5,k3=1,agg=best"
    # How articles come from passages, at Xapian's default BM25 (k1 1, b 0.5).
    "k1=1,b=0.5,k3=1,agg=sum" "k1=1,b=0.5,k3=1,agg=alpha,alpha=0.1"
    "k1=1,b=0.5,k3=1,agg=alpha,alpha=0.25" "k1=1,b=0.5,k3=1,agg=alpha,alpha=0.5"
    "k1=1,b=0.5,k3=1,agg=mix,lambda=0.25" "k1=1,b=0.5,k3=1,agg=mix,lambda=0.5"
    "k1=1,b=0.5,k3=1,agg=mix,lambda=0.75" "k1=1,b=0.5,k3=1,agg=mix,lambda=1"
    # The chosen configuration as a prototype outside search(), then one choice changed at a time.
    "$CHOSEN"
    "$(with agg=best)" "$(with agg=sum)" "$(with agg=alpha)"
    "$(with lambda=0.5)" "$(with lambda=1)"
    "$(with k1=1.0)" "$(with k1=1.2)" "$(with k1=2.0)"
    "$(with b=0.5)" "$(with b=0.9)"
    "$(with k3=1)" "$(with stop=0)"
    "$(with title=0)" "$(with title=0.25)" "$(with title=1)"
    "$(with near=0)" "$(with near=0.1)" "$(with win=10)"
)

log "building in $build"
cmake -S "$repo" -B "$build" -DDATELINE_BENCH=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target dateline-index dateline_eval xapian_eval fts5_eval \
    eval_score xapian_floor_index fts5_index >/dev/null
bin=$build/bench
index=$build/indexer/dateline-index

: >"$WORK/systems.tsv"
: >"$WORK/choices.tsv"
for c in $COLLECTIONS; do
    src=$data_root/$c
    [ -f "$src/docs.jsonl" ] || { echo "eval: no $src/docs.jsonl" >&2; exit 2; }
    log "$c: converting and indexing"
    python3 "$repo/bench/eval/convert.py" "$c" "$src/docs.jsonl" "$WORK/$c.jsonl"
    # dateline-index exits 2 when it skipped a document (an empty one: Cranfield has two).
    "$index" build "$WORK/$c.jsonl" --db "$WORK/$c.db" >"$WORK/$c.index.log" 2>&1 || [ $? -eq 2 ]
    "$bin/xapian_floor_index" "$WORK/$c.floor" "$WORK/$c.jsonl" >/dev/null
    "$bin/fts5_index" "$WORK/$c.sqlite" "$WORK/$c.jsonl" >/dev/null
    log "$c: searching"
    "$bin/fts5_eval" "$WORK/$c.sqlite" "$src/queries.jsonl" "$WORK/$c.fts5.run"
    "$bin/xapian_eval" "$WORK/$c.floor" "$src/queries.jsonl" "$WORK/$c.xapian.run"
    "$bin/dateline_eval" "$WORK/$c.db" "$src/queries.jsonl" "$src/qrels.txt" \
        --write "via=search,agg=best=$WORK/$c.dateline.run" \
        --write "k1=1,b=0.5,k3=1,agg=best=$WORK/$c.before.run" "${configs[@]}" |
        sed "s/^/$c\t/" >>"$WORK/choices.tsv"
    for s in dateline before fts5 xapian; do
        "$bin/eval_score" "$src/qrels.txt" "$WORK/$c.$s.run" | cut -f2- | sed "s/^/$c\t$s\t/" \
            >>"$WORK/systems.tsv"
    done
    echo -e "$c\t$(wc -l <"$WORK/$c.jsonl")\t$(sed -n 's/.* \([0-9]*\) passages written.*/\1/p' \
        "$WORK/$c.index.log")" >>"$WORK/sizes.tsv"
done

machine="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
python3 "$repo/bench/eval/report.py" "$WORK" "$CHOSEN" "$machine" \
    "$(date -u '+%Y-%m-%d %H:%M UTC')" \
    "$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src schema || echo ' (src/ or schema/ with uncommitted changes)')" \
    "$(dpkg-query -W -f='${Version}' libxapian30 2>/dev/null || true)" \
    "$(dpkg-query -W -f='${Version}' libsqlite3-0 2>/dev/null || true)" \
    "$command" \
    >"$OUT"
sed -n '/^## Relevance/,/^## How/p' "$OUT" | sed '$d'
log "report: $OUT"
