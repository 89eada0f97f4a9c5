#!/usr/bin/env bash
# The wire-copy collapse measured (issue 6) on the two corpora where several outlets cover each
# story: ../shared/corpora/allsides-stories-2021 (506 stories x 3 outlets' excerpts) and
# ../shared/corpora/allsides-news (16,680 articles). For each: the copy groups (passages sharing
# a copy key), how alike their members are (worst pairwise Jaccard of word 3-shingles), copies
# the key misses, other keys compared, and what folding does to the top 10 / top 100 of a query
# set (the story headlines with --any; bench/queries-allsides.tsv); then samples to check by eye.
# Builds what it needs in build-bench/ (-DDATELINE_BENCH=ON); indexes into a scratch folder.
#
#   bench/copies.sh                 the report on stdout (bench/COPIES.md is written from it)
#
# Knobs (environment):
#   SAMPLE=N         a seeded random sample of N allsides-news articles (default: all)
#   SEED=S           the seed of that sample and of the groups shown (1)
#   SAMPLE_GROUPS=N  groups shown per corpus (20)
#   JOBS=N           indexer threads (2)
#   CORPORA="stories news"
#   WORK=DIR         scratch folder (default a new /tmp/dateline-copies.XXXXXX); KEEP=1 keeps it
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$repo/../shared" 2>/dev/null && pwd) ||
    { echo "copies: ../shared (the corpora) not found beside $repo" >&2; exit 2; }
build=$repo/build-bench
export SEED=${SEED:-1} SAMPLE_GROUPS=${SAMPLE_GROUPS:-20}
SAMPLE=${SAMPLE:-}
JOBS=${JOBS:-2}
CORPORA=${CORPORA:-stories news}
WORK=${WORK:-$(mktemp -d /tmp/dateline-copies.XXXXXX)}
mkdir -p "$WORK"
cleanup() { [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT
log() { echo "copies: $(date +%H:%M:%S) $*" >&2; }

log "building in $build"
cmake -S "$repo" -B "$build" -DDATELINE_BENCH=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target dateline-index dateline-search copies >/dev/null

echo "# Wire copies: bench/copies.sh"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- |
    sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "- commit: $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- \
    src schema indexer searcher || echo ' (with uncommitted changes in src, schema, indexer or searcher)')"
echo "- command: $(for v in SAMPLE SEED SAMPLE_GROUPS; do [ -n "${!v:-}" ] &&
    printf '%s=%q ' "$v" "${!v}"; done)bench/copies.sh"

for c in $CORPORA; do
    case $c in
    stories)
        dir=$shared/corpora/allsides-stories-2021
        # articles.jsonl: id, story_id, date, source, side, allsides_rating, title, url,
        # opinion, text. Dateline's JSONL keys only; the headlines become the query set.
        python3 - "$dir" "$WORK" <<'PY'
import json, sys
src, work = sys.argv[1:3]
with open(f"{src}/articles.jsonl", encoding="utf-8") as f, \
        open(f"{work}/stories.jsonl", "w", encoding="utf-8") as out:
    for line in f:
        d = json.loads(line)
        out.write(json.dumps({k: d.get(k) for k in ("id", "title", "text", "source", "date", "url")},
                             ensure_ascii=False) + "\n")
with open(f"{src}/stories.jsonl", encoding="utf-8") as f, \
        open(f"{work}/stories-queries.tsv", "w", encoding="utf-8") as out:
    for line in f:
        out.write("headline\t" + " ".join(json.loads(line)["headline"].split()) + "\n")
PY
        input=$WORK/stories.jsonl
        queries=$WORK/stories-queries.tsv
        any=any
        title="allsides-stories-2021 (1,479 excerpts of 506 stories; queries: the 506 headlines, --any)"
        ;;
    news)
        if [ -n "$SAMPLE" ]; then
            input=$WORK/news.jsonl
            python3 "$repo/bench/prepare.py" allsides "$shared/corpora/allsides-news/articles.jsonl.gz" \
                "$input" "$SAMPLE" "$SEED"
        else
            input=$shared/corpora/allsides-news/articles.jsonl.gz
        fi
        queries=$repo/bench/queries-allsides.tsv
        any=
        title="allsides-news ($([ -n "$SAMPLE" ] && echo "a sample of $SAMPLE" || echo 16,680) articles; queries: bench/queries-allsides.tsv)"
        ;;
    *) echo "copies: unknown corpus $c" >&2; exit 2 ;;
    esac
    log "$c: indexing $input"
    rc=0
    "$build/indexer/dateline-index" build "$input" --db "$WORK/$c.db" --jobs "$JOBS" \
        >"$WORK/$c.index.log" 2>&1 || rc=$?
    # Exit 2: some line skipped (reported), the rest indexed.
    if [ "$rc" -ne 0 ] && ! { [ "$rc" -eq 2 ] && grep -q 'added' "$WORK/$c.index.log"; }; then
        tail -5 "$WORK/$c.index.log" >&2
        exit 1
    fi
    log "$c: $(grep 'added' "$WORK/$c.index.log" | tail -1)"
    log "$c: measuring"
    echo
    echo "## $title"
    echo
    "$build/bench/copies" "$WORK/$c.db" "$queries" $any | sed 's/^## /### /'
    rm -rf "$WORK/$c.db"
done
log "done"
