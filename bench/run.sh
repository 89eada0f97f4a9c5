#!/usr/bin/env bash
# Dateline against its peers on the same text, in one run: indexing (wall time, throughput, peak
# memory, size on disk), in-process query latency (p50/p95/p99 over a fixed query set), one-shot
# latency of a shell invocation, and cost growth with the corpus. Writes bench/RESULTS.md.
#
#   bench/run.sh [BUILD_DIR]        (default build/; configured again with -DDATELINE_BENCH=ON)
#
# Peers, from Debian's packages: a minimal Xapian indexer and searcher (bench/peers/, the
# engine's floor), SQLite FTS5 (libsqlite3), Recoll (recollcmd, python3-recoll), Sphinx
# (sphinxsearch; its SphinxQL client needs libmariadb-dev), and Xapian's quest (xapian-tools)
# for one-shot latency. Knobs (environment):
#   SAMPLE=N      a seeded random sample of N articles of each corpus (default: all); with a
#                 sample the report goes to $WORK/RESULTS.md, not bench/RESULTS.md
#   SEED=S        the sample's seed (1)
#   RUNS=N        indexing runs per engine on allsides, median reported (3); RUNS_REUTERS (1)
#   REPS=N        timed passes over the query set, after one warm-up pass (5)
#   ONESHOT=N     runs per one-shot command (20)
#   GROWTH="1 4"  allsides copies to index for cost growth (ids made distinct); 0 = skip
#   PEERS="floor fts5 recoll sphinx"   which peers to run
#   CORPORA="allsides reuters"
#   SHARDS="1 2 4"  shard counts for latency against shards (bench/shards.sh); 0 = skip
#   DEADLINE=HH:MM  skip a growth step that would not end by then (estimated from the × 1 time)
#   WORK=DIR      scratch folder (default a new /tmp/dateline-bench.XXXXXX); KEEP=1 keeps it
#   OUT=FILE      the report (default bench/RESULTS.md for a full run)
set -euo pipefail
source "$(dirname "$0")/common.sh"
build=$(cd "$build" && pwd)

SAMPLE=${SAMPLE:-}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
RUNS_REUTERS=${RUNS_REUTERS:-1}
REPS=${REPS:-5}
ONESHOT=${ONESHOT:-20}
GROWTH=${GROWTH:-1 4}
PEERS=${PEERS:-floor fts5 recoll sphinx}
CORPORA=${CORPORA:-allsides reuters}
SHARDS=${SHARDS:-1 2 4}
DEADLINE=${DEADLINE:-}
WORK=${WORK:-$(mktemp -d /tmp/dateline-bench.XXXXXX)}
mkdir -p "$WORK"
if [ -z "${OUT:-}" ]; then
    if [ -n "$SAMPLE" ]; then OUT=$WORK/RESULTS.md; else OUT=$repo/bench/RESULTS.md; fi
fi
searchd_pids=()
cleanup() {
    local pid
    for pid in "${searchd_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
data=$WORK/data  # the figures: tab-separated files the report is made from
mkdir -p "$data"
log() { echo "bench: $(date +%H:%M:%S) $*" >&2; }
has_peer() { [[ " $PEERS " == *" $1 "* ]]; }

# 0. The programs.
log "building the benchmark programs in $build"
cmake -S "$repo" -B "$build" -DDATELINE_BENCH=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target dateline-index dateline-search dateline_latency \
    oneshot xapian_floor_index xapian_floor_search fts5_index fts5_search >/dev/null
cmake --build "$build" --target sphinx_search >/dev/null 2>&1 || true  # needs libmariadb-dev
index=$build/indexer/dateline-index
search=$build/searcher/dateline-search
bin=$build/bench
if has_peer recoll && ! { command -v recollindex && [ -x /usr/bin/python3 ] &&
    /usr/bin/python3 -c 'from recoll import recoll'; } >/dev/null 2>&1; then
    log "recoll not installed (apt-get install recollcmd python3-recoll): skipped"
    PEERS=${PEERS//recoll/}
fi
if has_peer sphinx && ! { command -v indexer && command -v searchd &&
    [ -x "$build/bench/sphinx_search" ]; } >/dev/null 2>&1; then
    log "sphinx not installed (apt-get install sphinxsearch libmariadb-dev): skipped"
    PEERS=${PEERS//sphinx/}
fi
sphinx_port=$((19000 + $$ % 1000))
# --jobs exists since the parallel indexer: then jobs=1 and jobs=2 are both measured.
if "$index" --help 2>&1 | grep -q -- '--jobs'; then jobs_list="1 2"; else jobs_list=""; fi

# 1. The machine and the command, for the report.
{
    echo -e "date\t$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo -e "nproc\t$(nproc)"
    echo -e "cpu\t$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo -e "ram\t$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo -e "load_start\t$(cut -d' ' -f1-3 /proc/loadavg)"
    echo -e "commit\t$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src schema indexer searcher || echo ' (with uncommitted changes)')"
    echo -e "command\t$(for v in SAMPLE SEED RUNS RUNS_REUTERS REPS ONESHOT GROWTH SHARDS PEERS CORPORA; do [ -n "${!v:-}" ] && printf '%s=%q ' "$v" "${!v}"; done)bench/run.sh${1:+ $1}"
    echo -e "xapian\t$(dpkg-query -W -f='${Version}' libxapian30 2>/dev/null)"
    echo -e "sqlite\t$(dpkg-query -W -f='${Version}' libsqlite3-0 2>/dev/null)"
    echo -e "recoll\t$(dpkg-query -W -f='${Version}' recollcmd 2>/dev/null || true)"
    echo -e "sphinx\t$(dpkg-query -W -f='${Version}' sphinxsearch 2>/dev/null || true)"
    echo -e "jobs\t${jobs_list:-none (no --jobs option)}"
} >"$data/machine.tsv"

# 2. Inputs, uncompressed, under $WORK.
log "preparing inputs in $WORK"
input() { echo "$WORK/$1.jsonl"; }
for c in $CORPORA; do
    case $c in
    allsides) python3 "$repo/bench/prepare.py" allsides \
        "$shared/corpora/allsides-news/articles.jsonl.gz" "$(input allsides)" $SAMPLE $SEED ;;
    reuters) python3 "$repo/bench/prepare.py" reuters \
        "$shared/corpora/reuters21578/reuters21578.jsonl.gz" "$(input reuters)" $SAMPLE $SEED ;;
    *) echo "bench: unknown corpus $c" >&2; exit 2 ;;
    esac
    echo -e "$c\t$(wc -l <"$(input "$c")")\t$(stat -c %s "$(input "$c")")" >>"$data/inputs.tsv"
done

# timed NAME CORPUS RUN DB -- COMMAND...: one indexing run, appended to index.tsv as
# corpus, engine, run, wall s, peak KB, size bytes, passages (Dateline) or "".
timed() {
    local name=$1 corpus=$2 run=$3 db=$4
    shift 5
    rm -rf "$db"
    local rc=0
    /usr/bin/time -o "$WORK/time" -f '%e %M' "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
    # dateline-index exits 2 when it skipped a line (reported): still a full run.
    if [ "$rc" -ne 0 ] && ! { [ "$rc" -eq 2 ] && grep -q 'added' "$WORK/out"; }; then
        echo "bench: $name failed ($rc):" >&2
        tail -5 "$WORK/err" >&2
        return 1
    fi
    local passages
    passages=$(sed -n 's/.* \([0-9]*\) passages written.*/\1/p' "$WORK/out" | tail -1)
    # The last line: after a non-zero exit /usr/bin/time writes "Command exited..." first.
    read -r wall peak < <(tail -n 1 "$WORK/time")
    echo -e "$corpus\t$name\t$run\t$wall\t$peak\t$(du -sb "$db" | cut -f1)\t$passages" \
        >>"$data/index.tsv"
    log "  $name: ${wall} s, ${peak} KB peak, $(du -sh "$db" | cut -f1)"
}

# sphinx_conf CORPUS: the Sphinx configuration (index and searchd) for a corpus.
sphinx_conf() {
    local c=$1
    cat <<EOF
source articles
{
    type = tsvpipe
    tsvpipe_command = python3 $repo/bench/prepare.py tsv $(input "$c")
    tsvpipe_field = title
    tsvpipe_field = body
    tsvpipe_attr_string = source
    tsvpipe_attr_uint = date
}
index articles
{
    source = articles
    path = $WORK/$c.sphinx/articles
    morphology = stem_en
    dict = keywords
    min_prefix_len = 2
}
indexer
{
    mem_limit = 256M
}
searchd
{
    listen = 127.0.0.1:$sphinx_port:mysql41
    log = $WORK/$c.searchd.log
    query_log = $WORK/$c.query.log
    pid_file = $WORK/$c.searchd.pid
    binlog_path =
    snippets_file_prefix = $WORK/$c.files/
}
EOF
}

# index_all CORPUS RUNS: every engine, RUNS times, interleaved so load drift hits all alike.
# The last run's indexes stay for the queries.
index_all() {
    local c=$1 runs=$2 in
    in=$(input "$c")
    for run in $(seq 1 "$runs"); do
        log "$c: indexing, run $run of $runs"
        if [ -n "$jobs_list" ]; then
            for j in $jobs_list; do
                timed "dateline-j$j" "$c" "$run" "$WORK/$c-j$j.db" -- \
                    "$index" build "$in" --db "$WORK/$c-j$j.db" --jobs "$j"
            done
        else
            timed dateline "$c" "$run" "$WORK/$c-j1.db" -- \
                "$index" build "$in" --db "$WORK/$c-j1.db"
        fi
        if has_peer floor; then
            timed xapian-floor "$c" "$run" "$WORK/$c.floor" -- \
                "$bin/xapian_floor_index" "$WORK/$c.floor" "$in"
        fi
        if has_peer fts5; then
            timed fts5 "$c" "$run" "$WORK/$c.sqlite" -- "$bin/fts5_index" "$WORK/$c.sqlite" "$in"
        fi
        if has_peer recoll; then
            # Recoll indexes files: one per article, written before the clock starts.
            [ -d "$WORK/$c.files" ] || python3 "$repo/bench/prepare.py" files "$in" "$WORK/$c.files"
            mkdir -p "$WORK/$c.recoll"
            printf '%s\n' "topdirs = $WORK/$c.files" "dbdir = $WORK/$c.recoll/xapiandb" \
                "indexstemminglanguages = english" "noaspell = 1" "loglevel = 1" \
                >"$WORK/$c.recoll.conf"
            rm -rf "$WORK/$c.recoll"
            mkdir -p "$WORK/$c.recoll"
            cp "$WORK/$c.recoll.conf" "$WORK/$c.recoll/recoll.conf"
            timed recoll "$c" "$run" "$WORK/$c.recoll/xapiandb" -- recollindex -c "$WORK/$c.recoll"
        fi
        if has_peer sphinx; then
            # tsvpipe: prepare.py turns the JSONL into rows as the indexer reads (timed with it).
            [ -d "$WORK/$c.files" ] || python3 "$repo/bench/prepare.py" files "$in" "$WORK/$c.files"
            sphinx_conf "$c" >"$WORK/$c.sphinx.conf"
            timed sphinx "$c" "$run" "$WORK/$c.sphinx" -- \
                sh -c 'mkdir -p "$1" && indexer --config "$2" --all' sh "$WORK/$c.sphinx" \
                "$WORK/$c.sphinx.conf"
        fi
    done
}

# tables CORPUS NAME DB: the size of each Xapian table and the document count and mean length
# (xapian-delve), to show where an index's size goes.
tables() {
    local c=$1 name=$2 db=$3 dir t
    for dir in "$db"/g* "$db"; do [ -f "$dir/iamglass" ] && break; done
    [ -f "$dir/iamglass" ] || return 0
    for t in "$dir"/*.glass; do
        echo -e "$c\t$name\t$(basename "$t" .glass)\t$(stat -c %s "$t")" >>"$data/tables.tsv"
    done
    xapian-delve "$dir" 2>/dev/null | sed -n 's/^number of documents = /documents\t/p;
        s/^average document length = /mean length\t/p' | sed "s/^/$c\t$name\t/" >>"$data/tables.tsv"
}

# latency CORPUS: every searcher over the query set, in one process each.
latency() {
    local c=$1 q=$repo/bench/queries-$1.tsv j
    j=$(for x in $jobs_list; do echo "$x"; done | tail -1)
    local db=$WORK/$c-j${j:-1}.db
    tables "$c" dateline "$db"
    has_peer floor && tables "$c" xapian-floor "$WORK/$c.floor"
    log "$c: query latency ($REPS passes + 1 warm-up)"
    "$bin/dateline_latency" "$db" "$q" "$REPS" | sed "s/^/$c\tdateline\t/" >>"$data/latency.tsv"
    if has_peer floor; then
        "$bin/xapian_floor_search" "$WORK/$c.floor" "$q" "$REPS" |
            sed "s/^/$c\txapian-floor\t/" >>"$data/latency.tsv"
    fi
    if has_peer fts5; then
        "$bin/fts5_search" "$WORK/$c.sqlite" "$q" "$REPS" |
            sed "s/^/$c\tfts5\t/" >>"$data/latency.tsv"
    fi
    if has_peer recoll; then
        /usr/bin/python3 "$repo/bench/peers/recoll_search.py" "$WORK/$c.recoll" "$q" "$REPS" |
            sed "s/^/$c\trecoll\t/" >>"$data/latency.tsv"
    fi
    if has_peer sphinx; then
        searchd --config "$WORK/$c.sphinx.conf" >/dev/null
        local pid
        pid=$(cat "$WORK/$c.searchd.pid")
        searchd_pids+=("$pid")
        "$bin/sphinx_search" "$sphinx_port" "$q" "$REPS" |
            sed "s/^/$c\tsphinx\t/" >>"$data/latency.tsv"
        kill "$pid"
        while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    fi
}

# oneshot INDEX-NAME DB QUERY...: dateline-search vs quest, a shell invocation each, on the same
# database (quest opens the index's stub, so it reads the generation Dateline serves).
oneshot() {
    local name=$1 db=$2
    shift 2
    log "$name: one-shot latency ($ONESHOT runs per command)"
    local q
    for q in "$@"; do
        "$bin/oneshot" "$ONESHOT" "$search" --db "$db" "$q" |
            sed "s/^/$name\tdateline-search\t$q\t/" >>"$data/oneshot.tsv"
        "$bin/oneshot" "$ONESHOT" quest -d "$db" -o and "$q" |
            sed "s/^/$name\tquest\t$q\t/" >>"$data/oneshot.tsv"
    done
}

# 3. Seeds (corpus/): one-shot only.
"$index" build "$repo/corpus" --db "$WORK/seeds.db" >/dev/null
oneshot seeds "$WORK/seeds.db" lukashenko 'troops gates' nato

# 4. The corpora.
for c in $CORPORA; do
    runs=$RUNS
    [ "$c" = reuters ] && runs=$RUNS_REUTERS
    index_all "$c" "$runs"
    latency "$c"
    j=$(for x in $jobs_list; do echo "$x"; done | tail -1)
    case $c in
    allsides) oneshot allsides "$WORK/allsides-j${j:-1}.db" caliphate trump 'border wall' ;;
    reuters) oneshot reuters "$WORK/reuters-j${j:-1}.db" cocoa said 'interest rates' ;;
    esac
    echo -e "load_after_$c\t$(cut -d' ' -f1-3 /proc/loadavg)" >>"$data/machine.tsv"
done

# Where the time of a full search goes: a flat profile (perf, if installed) of dateline::search()
# over the common-word queries of allsides, the costliest kind.
if [[ " $CORPORA " == *" allsides "* ]] && command -v perf >/dev/null &&
    perf record -o "$WORK/perf.data" true >/dev/null 2>&1; then
    log "allsides: profiling the full search of common words"
    awk -F'\t' '$1 == "common"' "$repo/bench/queries-allsides.tsv" >"$WORK/common.tsv"
    j=$(for x in $jobs_list; do echo "$x"; done | tail -1)
    perf record -q -o "$WORK/perf.data" "$bin/dateline_latency" "$WORK/allsides-j${j:-1}.db" \
        "$WORK/common.tsv" 3 full >/dev/null 2>&1 || true
    perf report -i "$WORK/perf.data" --no-children --sort dso,symbol --percent-limit 1.5 \
        --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -25 >"$data/profile.txt" || true
fi

# fits ENGINE N: whether indexing allsides x N with ENGINE (estimated as N times its x 1 median)
# ends before $DEADLINE; if not, the step is skipped and the report says so.
fits() {
    [ -n "$DEADLINE" ] || return 0
    local estimate
    estimate=$(python3 - "$data/index.tsv" "$1" "$2" <<'PY'
import statistics, sys
walls = [float(l.split("\t")[3]) for l in open(sys.argv[1])
         if l.split("\t")[0] == "allsides" and l.split("\t")[1] == sys.argv[2]]
print(int(statistics.median(walls) * int(sys.argv[3]) * 1.15) if walls else 0)
PY
)
    # A deadline of the clock already past today is tomorrow's (a run started before midnight).
    local until
    until=$(date -d "$DEADLINE" +%s)
    [ "$until" -gt "$(date +%s)" ] || until=$(date -d "tomorrow $DEADLINE" +%s)
    if [ $(($(date +%s) + estimate)) -gt "$until" ]; then
        log "growth: $1 x $2 skipped: about $estimate s would end after $DEADLINE"
        echo -e "skipped\t$1 x $2 (about $estimate s would end after DEADLINE=$DEADLINE)" \
            >>"$data/machine.tsv"
        return 1
    fi
}

# 5. Growth: allsides x N (N = 1 is the figures above), one run each: Dateline (the --jobs
# that indexed allsides faster) then its query set twice, then the same for the Xapian floor.
best_jobs() {
    [ -n "$jobs_list" ] || { echo 1; return; }
    python3 - "$data/index.tsv" <<'PY'
import collections, statistics, sys
t = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split("\t")
    if f[0] == "allsides" and f[1].startswith("dateline-j"):
        t[f[1]].append(float(f[3]))
print(min(t, key=lambda e: statistics.median(t[e]))[len("dateline-j"):] if t else 1)
PY
}
if [[ " $CORPORA " == *" allsides "* ]]; then
    for n in $GROWTH; do
        [ "$n" -le 1 ] && continue
        j=$(best_jobs)
        # Short of time (DEADLINE), a smaller factor rather than none: x 4 -> x 2.
        while [ "$n" -gt 2 ] && ! fits "dateline-j$j" "$n" 2>/dev/null; do n=$((n / 2)); done
        log "growth: allsides x $n"
        in=$WORK/allsides-x$n.jsonl
        python3 "$repo/bench/prepare.py" copies "$(input allsides)" "$in" "$n"
        echo -e "allsides-x$n\t$(wc -l <"$in")\t$(stat -c %s "$in")" >>"$data/inputs.tsv"
        jopt=()
        [ -n "$jobs_list" ] && jopt=(--jobs "$j")
        if fits "dateline-j$j" "$n"; then
            timed "dateline-j$j" "allsides-x$n" 1 "$WORK/x$n.db" -- \
                "$index" build "$in" --db "$WORK/x$n.db" "${jopt[@]}"
            "$bin/dateline_latency" "$WORK/x$n.db" "$repo/bench/queries-allsides.tsv" 2 |
                sed "s/^/allsides-x$n\tdateline\t/" >>"$data/latency.tsv"
            rm -rf "$WORK/x$n.db"
        fi
        if has_peer floor && fits xapian-floor "$n"; then
            timed xapian-floor "allsides-x$n" 1 "$WORK/x$n.floor" -- \
                "$bin/xapian_floor_index" "$WORK/x$n.floor" "$in"
            "$bin/xapian_floor_search" "$WORK/x$n.floor" "$repo/bench/queries-allsides.tsv" 2 |
                sed "s/^/allsides-x$n\txapian-floor\t/" >>"$data/latency.tsv"
            rm -rf "$WORK/x$n.floor"
        fi
        rm -f "$in"
        echo -e "load_after_x$n\t$(cut -d' ' -f1-3 /proc/loadavg)" >>"$data/machine.tsv"
    done
fi

# 6. Past one machine: latency against the number of shards, local and over xapian-tcpsrv
#    (bench/shards.sh, its table kept as it prints it).
if [[ " $CORPORA " == *" allsides "* ]] && [ "$SHARDS" != 0 ] &&
    command -v xapian-tcpsrv >/dev/null; then
    log "shards: $SHARDS"
    SHARDS=$SHARDS REPS=2 SAMPLE=$SAMPLE SEED=$SEED bash "$repo/bench/shards.sh" "$build" \
        >"$data/shards.md"
    echo -e "load_after_shards\t$(cut -d' ' -f1-3 /proc/loadavg)" >>"$data/machine.tsv"
fi

# 7. The report.
echo -e "load_end\t$(cut -d' ' -f1-3 /proc/loadavg)" >>"$data/machine.tsv"
[ -n "${KEEP:-}" ] && log "figures kept in $data"
python3 "$repo/bench/report.py" "$data" >"$OUT"
log "report: $OUT"
