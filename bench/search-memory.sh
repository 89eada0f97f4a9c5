#!/usr/bin/env bash
# Peak memory of a search against the size of its page: the hits are printed as they are
# made, so --limit should cost little beyond the matches themselves. Each build given (default
# build/) searches the same index, in the same run, for its ratios.
#   bench/search-memory.sh DB [BUILD_DIR...]
#   DB: an index, e.g. of allsides-news (417,922 passages):
#       dateline-index build ../shared/corpora/allsides-news/articles.jsonl.gz --db DB
# Prints, for each build and request, wall time, peak RSS and the output's size.
set -euo pipefail
db=$1
shift
repo=$(cd "$(dirname "$0")/.." && pwd)
builds=("${@:-$repo/build}")
requests=(
    "trump --limit 10 --format json"
    "trump --limit 100000 --format json"
    "trump --limit 1000000000 --all-copies --format json"
    "--limit 100000 --format json"
    "trump --limit 100000"
)
printf '| build | request | wall (s) | peak RSS (MB) | output (MB) |\n|---|---|---|---|---|\n'
for b in "${builds[@]}"; do
    for r in "${requests[@]}"; do
        # shellcheck disable=SC2086  # the request is words
        stats=$( { /usr/bin/time -f "%e %M" "$b/searcher/dateline-search" --db "$db" $r |
            wc -c >/tmp/search-memory.$$; } 2>&1 | tail -1)
        read -r wall rss <<<"$stats"
        printf '| %s | `%s` | %s | %d | %.1f |\n' "$b" "$r" "$wall" $((rss / 1024)) \
            "$(echo "$(cat /tmp/search-memory.$$) / 1000000" | bc -l)"
    done
done
rm -f /tmp/search-memory.$$
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
