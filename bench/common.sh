# Sourced by the bench scripts: where things are, and the steps several of them share.
#   repo, shared (../shared beside the repo), build (first argument, default build/)
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$repo/../shared" 2>/dev/null && pwd) ||
    { echo "bench: ../shared (the corpora) not found beside $repo" >&2; exit 2; }
build=${1:-$repo/build}
[ -x "$build/indexer/dateline-index" ] ||
    { echo "bench: no $build/indexer/dateline-index; build first (./setup.sh run)" >&2; exit 2; }

# sample_jsonl CORPUS.jsonl.gz OUT.jsonl: a seeded random sample of $SAMPLE lines ($SEED).
sample_jsonl() {
    python3 - "$1" "$2" <<'PY'
import gzip, os, random, sys
corpus, out = sys.argv[1:3]
with gzip.open(corpus, "rt", encoding="utf-8") as f:
    lines = f.readlines()
n = min(int(os.environ["SAMPLE"]), len(lines))
keep = sorted(random.Random(int(os.environ["SEED"])).sample(range(len(lines)), n))
with open(out, "w", encoding="utf-8") as f:
    f.writelines(lines[i] for i in keep)
print(f"sample: {n} of {len(lines)} articles (seed {os.environ['SEED']}), "
      f"{os.path.getsize(out) / 1e6:.1f} MB uncompressed", flush=True)
PY
}

# dump_passages DB DIR [FLAG...]: every passage as JSON, a page at a time, into
# DIR/page-*.json; FLAGs go to dateline-search (--all-copies: wire copies too).
dump_passages() {
    local page=20000 offset=0 n
    while :; do
        "$build/searcher/dateline-search" "" --format json --limit $page --offset $offset \
            --facet-limit 1 --db "$1" "${@:3}" >"$2/page-$offset.json" || true
        n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["hits"]))' \
            "$2/page-$offset.json")
        [ "$n" -eq "$page" ] || break
        offset=$((offset + page))
    done
}
