#!/usr/bin/env bash
# A full disk during import and update: the index committed before stays sound and whole.
# Needs root (a loop-mounted ext4 filesystem of SIZE MB, default 70). For each step it prints
# the writer's exit status and message, `dateline-index check` and xapian-check of the index,
# and a phrase search; then it frees the space and runs the same import again to finish.
#   sudo bench/disk-full.sh [BUILD_DIR]      SIZE=70 SAMPLE=1500
set -euo pipefail
source "$(dirname "$0")/common.sh"
[ "$(id -u)" -eq 0 ] || { echo "bench: disk-full.sh needs root (mount -o loop)" >&2; exit 2; }
corpus=$shared/corpora/allsides-news/articles.jsonl.gz
size=${SIZE:-70}
export SAMPLE=${SAMPLE:-1500} SEED=${SEED:-1}
work=$(mktemp -d /tmp/dateline-disk-full.XXXXXX)
mnt=$work/mnt
cleanup() { umount "$mnt" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
sample_jsonl "$corpus" "$work/all.jsonl"
head -300 "$work/all.jsonl" >"$work/first.jsonl"
dd if=/dev/zero of="$work/fs.img" bs=1M count="$size" status=none
mkfs.ext4 -q -F "$work/fs.img"
mkdir -p "$mnt" && mount -o loop "$work/fs.img" "$mnt"
db=$mnt/db
index="$build/indexer/dateline-index"
state() {
    echo "  check: $("$index" check --db "$db" 2>&1 | tail -1)"
    for g in "$db"/g*; do echo "  xapian-check $(basename "$g"): $(xapian-check "$g" 2>&1 | tail -1)"; done
    echo "  search '\"white house\"': $("$build/searcher/dateline-search" --db "$db" --limit 0 \
        '"white house"' 2>&1 | head -1)"
}
step() {  # step NAME COMMAND...
    local name=$1 rc=0 out
    shift
    out=$("$@" 2>&1) || rc=$?
    echo "$name ... exit $rc: $(echo "$out" | tail -1 | cut -c1-300)"
}
echo "disk: ${size} MB ext4; sample: $SAMPLE articles"
step "import 300" "$index" import "$work/first.jsonl" --db "$db"
state
step "import $SAMPLE (the disk fills)" "$index" import "$work/all.jsonl" --db "$db"
state
step "update $SAMPLE (the disk is still full)" "$index" update "$work/all.jsonl" --db "$db"
state
umount "$mnt"
truncate -s $((size * 4))M "$work/fs.img"
e2fsck -fy "$work/fs.img" >/dev/null 2>&1 || true
resize2fs "$work/fs.img" >/dev/null 2>&1
mount -o loop "$work/fs.img" "$mnt"
echo "disk grown to $((size * 4)) MB"
step "import $SAMPLE again" "$index" import "$work/all.jsonl" --db "$db"
state
