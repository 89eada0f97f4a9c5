#!/usr/bin/env bash
# Whether two builds give the same answers, e.g. before and after a restructuring. A seeded
# sample of ../shared/corpora/allsides-news (read in place) is imported once with each build's
# dateline-index; then every query of bench/queries-allsides.tsv, with its outlet and dates, goes
# to each build's dateline-search --format json over its own index: as it is, --per-article,
# --all-copies, --sort date, and --any when it has several words; then --stats, the import's
# report and dateline-index check (alone, and against the sample). Each answer (exit status,
# stdout, stderr) is compared with the index's folder and the import's timing taken out: one line
# per request that differs, then a summary line.
#
#   bench/compare-builds.sh OLD_BUILD_DIR NEW_BUILD_DIR
#
# Exit status: 0 all identical, 1 something differs, 2 an error (a build or the corpus missing,
# an import that failed, a request both builds refuse). Knobs (environment):
#   SAMPLE=N     articles, a seeded random sample (bench/common.sh; default 3000); all = 16,680
#   SEED=S       the sample's seed (1)
#   OLD_ARGS=..., NEW_ARGS=...   extra dateline-search options on one side (see a difference)
#   WORK=DIR     scratch folder (default a new /tmp/dateline-compare.XXXXXX); KEEP=1 keeps it
set -Eeuo pipefail  # -E: the ERR trap below in functions and subshells too
[ $# -eq 2 ] || { echo "usage: bench/compare-builds.sh OLD_BUILD_DIR NEW_BUILD_DIR" >&2; exit 2; }
source "$(dirname "$0")/common.sh"
trap 'exit 2' ERR  # any step that fails is an error, not a difference
for b in "$1" "$2"; do
    [ -x "$b/indexer/dateline-index" ] && [ -x "$b/searcher/dateline-search" ] ||
        { echo "compare: no dateline-index and dateline-search in $b" >&2; exit 2; }
done
old=$(cd "$1" && pwd)
new=$(cd "$2" && pwd)
export SAMPLE=${SAMPLE:-3000} SEED=${SEED:-1}
WORK=${WORK:-$(mktemp -d /tmp/dateline-compare.XXXXXX)}
mkdir -p "$WORK"
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
log() { echo "compare: $(date +%H:%M:%S) $*" >&2; }

in=$shared/corpora/allsides-news/articles.jsonl.gz
[ -f "$in" ] || { echo "compare: $in not found" >&2; exit 2; }
if [ "$SAMPLE" != all ]; then
    sample_jsonl "$in" "$WORK/sample.jsonl" >&2
    in=$WORK/sample.jsonl
fi

# The requests, one a line: a name, then dateline-search's arguments, tab-separated.
awk -F'\t' '!/^#/ && NF >= 2 {
    f = ""
    if ($3 != "") f = f "\t--source\t" $3
    if ($4 != "") f = f "\t--from\t" $4
    if ($5 != "") f = f "\t--to\t" $5
    q = f "\t--\t" $2
    printf "q%02d%s\n", ++n, q
    printf "q%02d-per-article\t--per-article%s\n", n, q
    printf "q%02d-all-copies\t--all-copies%s\n", n, q
    printf "q%02d-sort-date\t--sort\tdate%s\n", n, q
    if ($2 ~ / /) printf "q%02d-any\t--any%s\n", n, q
}' "$repo/bench/queries-allsides.tsv" >"$WORK/requests.tsv"
printf 'stats\t--stats\n' >>"$WORK/requests.tsv"

# record NAME COMMAND...: COMMAND's stdout, stderr and exit status in answers/NAME.{out,err,rc}.
record() {
    local name=$1 rc=0
    shift
    "$@" >"answers/$name.out" 2>"answers/$name.err" || rc=$?
    echo "$rc" >"answers/$name.rc"
}

# answers SIDE BUILD EXTRA_ARGS: the index of one build and its every answer, in $WORK/SIDE.
answers() {
    local side=$1 index=$2/indexer/dateline-index search=$2/searcher/dateline-search name args
    local -a extra
    read -r -a extra <<<"$3"
    mkdir -p "$WORK/$side/answers"
    cd "$WORK/$side"
    log "$side: importing $in with $index"
    record import "$index" import "$in" --db allsides.db
    # dateline-index exits 2 when it skipped a line (reported): still a full run.
    grep -q ' added' answers/import.out ||
        { echo "compare: the import failed:" >&2; tail -5 answers/import.err >&2; exit 2; }
    record check "$index" check --db allsides.db
    record check-sample "$index" check "$in" --db allsides.db
    log "$side: $(wc -l <"$WORK/requests.tsv") requests with $search ${extra[*]}"
    while IFS=$'\t' read -r -a args; do
        name=${args[0]}
        record "$name" "$search" --format json --db allsides.db "${extra[@]}" "${args[@]:1}"
    done <"$WORK/requests.tsv"
}
(answers old "$old" "${OLD_ARGS:-}")
(answers new "$new" "${NEW_ARGS:-}")

rc=0
python3 - "$WORK" "$old" "$new" <<'PY' || rc=$?
import json, os, re, sys
work, old, new = sys.argv[1:4]
requests = {"import": "dateline-index import", "check": "dateline-index check",
            "check-sample": "dateline-index check SAMPLE"}
for line in open(os.path.join(work, "requests.tsv"), encoding="utf-8"):
    name, *args = line.rstrip("\n").split("\t")
    requests[name] = "dateline-search " + " ".join(a if " " not in a else repr(a) for a in args)

def answer(side, name):
    base = os.path.join(work, side, "answers", name)
    def text(ext):
        s = open(base + ext, encoding="utf-8", errors="replace").read()
        return s.replace(os.path.join(work, side), "WORK")  # the index's folder
    out = text(".out")
    try:
        out = json.loads(out)
    except ValueError:
        out = re.sub(r" in [0-9.]+ s\b", " in T s", out)  # the import's wall time
    return {"exit": int(open(base + ".rc").read()), "stdout": out, "stderr": text(".err")}

def paths(a, b, at):  # where two JSON documents differ
    if type(a) is not type(b):
        yield at
    elif isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            yield from (paths(a[k], b[k], f"{at}.{k}") if k in a and k in b else [f"{at}.{k}"])
    elif isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            yield from paths(x, y, f"{at}[{i}]")
        if len(a) != len(b):
            yield f"{at}[{min(len(a), len(b))}]"
    elif a != b:
        yield at

def get(doc, at):  # the value at `at`, shortened
    try:
        for key, i in re.findall(r"\.(\w[\w-]*)|\[(\d+)\]", at):
            doc = doc[key] if key else doc[int(i)]
    except (KeyError, IndexError, TypeError):
        return "(absent)"
    return json.dumps(doc, ensure_ascii=False)[:80]

differ = errors = 0
for name, request in requests.items():
    a, b = answer("old", name), answer("new", name)
    if a["exit"] == 2 and b["exit"] == 2 and name != "import":
        errors += 1
        print(f"error: {request}: both builds refuse it: {a['stderr'].strip()}")
    elif a != b:
        differ += 1
        where = list(paths(a, b, ""))
        print(f"differs: {request}: {len(where)} field(s), first {where[0][1:]}: "
              f"old {get(a, where[0])}, new {get(b, where[0])}")
print(f"compare: {len(requests)} requests, {len(requests) - differ - errors} identical, "
      f"{differ} differ, {errors} errors ({old} vs {new}, {os.environ['SAMPLE']} articles)")
sys.exit(2 if errors else 3 if differ else 0)  # 3: a traceback exits 1, an error
PY
case $rc in 0) exit 0 ;; 3) exit 1 ;; *) exit 2 ;; esac
