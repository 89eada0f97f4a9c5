#!/usr/bin/env bash
# Fault injection at scale, not a test: SIGKILLs an import of an allsides-news sample at random
# moments, then SIGKILLs builds, and after every kill runs `dateline-index check` (against the
# sample) and xapian-check. Prints one line per fault and the outcome; exits 1 if any kill left
# damage, lost committed articles, or the finished index differs from a one-go import.
#   bench/crash-kill.sh [BUILD_DIR]
#   SAMPLE=2000 KILLS=40 BUILD_KILLS=10 COMMIT=200 SEED=1 bench/crash-kill.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
export SAMPLE=${SAMPLE:-2000} SEED=${SEED:-1}
kills=${KILLS:-40} build_kills=${BUILD_KILLS:-10} commit=${COMMIT:-200}
index=$build/indexer/dateline-index
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
RANDOM=$SEED

sample_jsonl "$shared/corpora/allsides-news/articles.jsonl.gz" "$work/sample.jsonl"
now_ms() { date +%s%3N; }
generation() { awk '{print $2}' "$1/XAPIANDB" 2>/dev/null || true; }
# check DB: "EXIT ARTICLES DAMAGE" from dateline-index check against the sample.
check() {
    local out status=0
    out=$("$index" check "$work/sample.jsonl" --db "$1" 2>/dev/null) || status=$?
    python3 - "$status" "$(tail -1 <<<"$out")" <<'PY'
import re, sys
status, line = sys.argv[1:3]
m = re.search(r"check: (\d+) articles, \d+ passages, \d+ problems(?:: (\d+) damage)?", line)
print(status, m.group(1) if m else -1, (m.group(2) or 0) if m else -1)
PY
}

start=$(now_ms)
"$index" import "$work/sample.jsonl" --db "$work/ref.db" >/dev/null
whole=$(($(now_ms) - start))
start=$(now_ms)
"$index" import "$work/sample.jsonl" --db "$work/ref.db" >/dev/null
startup=$(($(now_ms) - start))
echo "one-go import: $whole ms; a run with nothing to do: $startup ms; commits every $commit passages"

db=$work/killed.db
bad=0 last=0 landed=0
for ((i = 1; i <= kills; i++)); do
    # One kill in four during start-up, the others while articles are written.
    if ((i % 4 == 1)); then delay=$((RANDOM % (startup + 1))); else
        delay=$((startup + RANDOM % (whole / 10 + 1)))
    fi
    "$index" import "$work/sample.jsonl" --db "$db" --commit-every "$commit" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -KILL $pid 2>/dev/null || true
    status=0
    wait $pid 2>/dev/null || status=$?
    if ((status != 137)); then
        echo "kill $i at $delay ms: the import had finished (exit $status)"
        break
    fi
    landed=$((landed + 1))
    gen=$(generation "$db")
    if [ -z "$gen" ]; then
        echo "kill $i at $delay ms: no index published yet"
        continue
    fi
    read -r cstatus articles damage < <(check "$db")
    xc=ok
    xapian-check "$db/$gen" >/dev/null 2>&1 || xc=FAILED
    verdict=ok
    if ((cstatus == 2 || damage != 0)) || [ $xc != ok ] || ((articles < last)); then
        verdict=BAD
        bad=1
    fi
    echo "kill $i at $delay ms: $articles articles committed; check exit $cstatus," \
        "damage $damage; xapian-check $xc; $verdict"
    last=$articles
done

"$index" import "$work/sample.jsonl" --db "$db" --commit-every "$commit" >/dev/null
read -r cstatus articles damage < <(check "$db")
mkdir "$work/ref" "$work/killed"
dump_passages "$work/ref.db" "$work/ref"
dump_passages "$db" "$work/killed"
same=$(python3 - "$work/ref" "$work/killed" <<'PY'
import glob, json, sys
def passages(folder):
    seen, dups = {}, 0
    for page in glob.glob(folder + "/page-*.json"):
        for h in json.load(open(page))["hits"]:
            key = (h["article_id"], h["passage"])
            dups += key in seen
            seen[key] = h["text"]
    return seen, dups
ref, _ = passages(sys.argv[1])
got, dups = passages(sys.argv[2])
print("same" if ref == got and not dups else f"DIFFERENT ({len(got)} vs {len(ref)} passages, {dups} duplicates)")
PY
)
echo "finished after $landed kills: $articles articles, check exit $cstatus; passages vs one-go import: $same"
[ "$same" = same ] && ((cstatus == 0)) || bad=1

# Builds killed at random moments, up to a little past a whole build: the old index serves on.
before=$("$build/searcher/dateline-search" --db "$db" --format json --limit 0 | md5sum)
for ((i = 1; i <= build_kills; i++)); do
    delay=$((RANDOM % (whole * 11 / 10 + 1)))
    served=$(generation "$db")
    "$index" build "$work/sample.jsonl" --db "$db" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -KILL $pid 2>/dev/null || true
    status=0
    wait $pid 2>/dev/null || status=$?
    now=$(generation "$db")
    read -r cstatus articles damage < <(check "$db")
    after=$("$build/searcher/dateline-search" --db "$db" --format json --limit 0 | md5sum)
    verdict=ok
    # A kill between the stub's rename and the exit leaves the new, complete generation serving.
    if [ "$after" != "$before" ] || ((cstatus != 0)); then verdict=BAD; fi
    [ $verdict = ok ] || bad=1
    if ((status != 137)); then what="had finished, $now served"
    elif [ "$now" = "$served" ]; then what="killed, $served still served"
    else what="killed after its switch, $now served"; fi
    echo "build kill $i at $delay ms: $what; check exit $cstatus; same results: $verdict"
done
echo "generation folders left: $(find "$db" -maxdepth 1 -name 'g*' -type d | wc -l)"
exit $bad
