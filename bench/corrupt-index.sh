#!/usr/bin/env bash
# Damaged copies of the seeds' index, and what each program says of them (issue 21, 14-17).
#
#   bench/corrupt-index.sh [BUILD_DIR]       (default build/)
#
# For each table file of a sound index of corpus/: removed; cut to half; and bytes flipped in
# its first, middle and last 8 KB block. Each copy meets `check`, `add` of one article, and
# three searches (a word, a phrase, --any). A row per copy: check's exit (2 = damaged), add's
# exit and whether it wrote to a copy check calls damaged, and the searches that exit 0 with an
# answer unlike the sound index's (a silent wrong answer). Totals at the end.
set -euo pipefail
source "$(dirname "$0")/common.sh"
tmp=$(mktemp -d /tmp/dateline-corrupt.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
index="$build/indexer/dateline-index" search="$build/searcher/dateline-search"
"$index" build "$repo/corpus" --db "$tmp/sound" >/dev/null
printf 'Title: Quay\nSource: Test Wire\nDate: 2020-08-16\n\nThe ferry sailed at dawn.\n' \
    >"$tmp/new.txt"
queries=(lukashenko '"troops are at our gates"' 'military help --any')
answer() { # DB QUERY...: the answer as JSON, or the exit status
    "$search" --db "$1" --format json --limit 50 "${@:2}" 2>/dev/null || echo "exit $?"
}
for q in "${queries[@]}"; do eval "answer \"$tmp/sound\" $q" >"$tmp/sound-$(echo "$q" | md5sum | cut -c1-8)"; done

corrupt() { # COPY TABLE HOW
    local f="$1/g1/$2.glass" size
    size=$(stat -c %s "$f")
    case $3 in
    removed) rm "$f" ;;
    halved) truncate -s $((size / 2)) "$f" ;;
    first | middle | last)
        local block=$((size / 8192)) at
        case $3 in first) at=0 ;; middle) at=$((block / 2)) ;; last) at=$((block - 1)) ;; esac
        python3 -c "
import sys
f = open(sys.argv[1], 'r+b'); f.seek(int(sys.argv[2]) * 8192 + 40)
b = bytearray(f.read(64)); f.seek(int(sys.argv[2]) * 8192 + 40)
f.write(bytes(x ^ 0x5a for x in b))" "$f" "$at"
        ;;
    esac
}

total=0 damaged=0 add_wrote=0 silent=0 crashes=0
printf '%-10s %-7s %-6s %-4s %s\n' table how check add 'searches silently wrong'
for table in postlist docdata termlist position spelling synonym; do
    for how in removed halved first middle last; do
        copy="$tmp/c-$table-$how"
        rm -rf "$copy" && cp -r "$tmp/sound" "$copy"
        corrupt "$copy" "$table" "$how"
        set +e
        "$index" check --db "$copy" >/dev/null 2>"$tmp/err"
        c=$?
        grep -q "crashes" <(cat "$tmp/err"; "$index" check --db "$copy" 2>/dev/null) && crashes=$((crashes + 1))
        rm -rf "$copy.w" && cp -r "$copy" "$copy.w"
        "$index" add "$tmp/new.txt" --db "$copy.w" >/dev/null 2>&1
        a=$?
        set -e
        wrong=0
        for q in "${queries[@]}"; do
            got=$(eval "answer \"$copy\" $q")
            [ "${got:0:4}" != "exit" ] &&
                [ "$got" != "$(cat "$tmp/sound-$(echo "$q" | md5sum | cut -c1-8)")" ] && wrong=$((wrong + 1))
        done
        total=$((total + 1))
        [ $c -eq 2 ] && damaged=$((damaged + 1))
        [ $c -eq 2 ] && [ $a -eq 0 ] && add_wrote=$((add_wrote + 1))
        silent=$((silent + wrong))
        printf '%-10s %-7s %-6s %-4s %s\n' "$table" "$how" "$c" "$a" "$wrong"
    done
done
echo "copies: $total; check calls $damaged damaged ($crashes with Xapian's check crashing);" \
    "add exits 0 on $add_wrote of those; $silent of $((total * ${#queries[@]})) searches" \
    "exit 0 with an answer unlike the sound index's"
