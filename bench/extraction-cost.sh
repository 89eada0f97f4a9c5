#!/usr/bin/env bash
# What speaker/quotation/place extraction costs at import: the same seeded allsides-news slice
# imported twice under /usr/bin/time -v, once normally and once with DATELINE_NO_EXTRACTION=1
# (the indexer then writes passages without speakers, places and quotations). Reports wall and
# CPU time, their ratio, peak RSS and index size. Not a test: figures vary with the machine.
#
#   bench/extraction-cost.sh [BUILD_DIR]      (default build/)
#   SAMPLE=N   articles in the slice (default 3000; the sample bench/quotes-allsides.sh draws)
#   SEED=S     seed of the slice (default 1)
set -euo pipefail
source "$(dirname "$0")/common.sh"
corpus=$shared/corpora/allsides-news/articles.jsonl.gz
[ -f "$corpus" ] || { echo "bench: $corpus not found" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time missing (Debian package time)" >&2; exit 2; }
export SAMPLE=${SAMPLE:-3000} SEED=${SEED:-1}

tmp=$(mktemp -d /tmp/dateline-extraction-cost.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# The slice, drawn as bench/quotes-allsides.sh draws its sample.
sample_jsonl "$corpus" "$tmp/slice.jsonl"

run() {  # run NAME [ENV=VALUE...]: import the slice into $tmp/NAME.db, time -v into $tmp/NAME.time
    local name=$1; shift
    local rc=0
    env "$@" /usr/bin/time -v -o "$tmp/$name.time" \
        "$build/indexer/dateline-index" import "$tmp/slice.jsonl" --db "$tmp/$name.db" \
        >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
    [ "$rc" -le 2 ] || { cat "$tmp/$name.err" >&2; echo "bench: import failed ($rc)" >&2; exit 2; }
    echo "$name: $(cat "$tmp/$name.out")"
}
run extraction
run no-extraction DATELINE_NO_EXTRACTION=1

# Did the indexer honour DATELINE_NO_EXTRACTION? Then the second index has no speakers/places.
facets() {
    "$build/searcher/dateline-search" "" --format json --limit 1 --facet-limit 0 --db "$1" |
        python3 -c 'import json,sys; f=json.load(sys.stdin)["facets"]; print(len(f["speaker"]) + len(f["location"]))'
}
with=$(facets "$tmp/extraction.db")
without=$(facets "$tmp/no-extraction.db")

python3 - "$tmp" "$with" "$without" <<'EOF'
import re, subprocess, sys
tmp, with_values, without_values = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def parse(name):
    t = open(f"{tmp}/{name}.time").read()
    wall = re.search(r"Elapsed \(wall clock\) time.*?: (\S+)", t).group(1)
    seconds = 0.0
    for part in wall.split(":"): seconds = seconds * 60 + float(part)
    user = float(re.search(r"User time \(seconds\): (\S+)", t).group(1))
    system = float(re.search(r"System time \(seconds\): (\S+)", t).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
    size = subprocess.run(["du", "-sk", f"{tmp}/{name}.db"], capture_output=True, text=True).stdout.split()[0]
    return seconds, user + system, rss, int(size)
a, b = parse("extraction"), parse("no-extraction")
print()
print(f"{'':<28}{'wall s':>9}{'cpu s':>9}{'peak RSS MB':>13}{'index MB':>10}")
for name, (wall, cpu, rss, size) in (("with extraction", a), ("DATELINE_NO_EXTRACTION=1", b)):
    print(f"{name:<28}{wall:>9.2f}{cpu:>9.2f}{rss / 1024:>13.1f}{size / 1024:>10.1f}")
print(f"ratio with / without: wall {a[0] / b[0]:.2f}x, cpu {a[1] / b[1]:.2f}x, peak RSS {a[2] / b[2]:.2f}x")
print(f"extraction's share of the import's wall time: {(a[0] - b[0]) / a[0]:.0%}")
print(f"speaker+location facet values: {with_values} with extraction, {without_values} without")
if without_values:
    print("NOTE: this build does not honour DATELINE_NO_EXTRACTION (the second index has speakers"
          " or places): both runs extracted, so the ratio says nothing about extraction.")
EOF

echo
echo "command: SAMPLE=$SAMPLE SEED=$SEED bench/extraction-cost.sh${1:+ $1}"
