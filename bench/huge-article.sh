#!/usr/bin/env bash
# Peak memory and time of indexing one huge article (default 50 MB) made of the seed articles'
# paragraphs, numbered so that none repeats: shows that memory is bounded by the 1 MB segment
# and the commit batch, not by the article.   MB=50 bench/huge-article.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
mb=${MB:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$repo/corpus" "$work/huge.txt" "$mb" <<'PY'
import glob, sys
paras = []
for f in sorted(glob.glob(sys.argv[1] + '/*.txt')):
    body = open(f, encoding='utf-8').read().split('\n\n', 1)[1]
    paras += [p for p in body.split('\n\n') if len(p.split()) > 12]
limit = int(sys.argv[3]) * 1000 * 1000
out = ["Title: Huge", "Source: Test", "Date: 2020-01-01", ""]
size = i = 0
while size < limit:
    p = "%s (%d)" % (paras[i % len(paras)], i)
    out.append(p + "\n")
    size += len(p.encode()) + 2
    i += 1
open(sys.argv[2], 'w', encoding='utf-8').write("\n".join(out))
PY
ls -l "$work/huge.txt"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$build/indexer/dateline-index" add "$work/huge.txt" \
    --db "$work/db"
du -sh "$work/db"
