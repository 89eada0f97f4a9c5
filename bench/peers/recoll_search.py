#!/usr/bin/python3
"""Recoll (Debian's recollcmd + python3-recoll): all queries in one process, each timed.

  recoll_search.py CONFDIR QUERIES.tsv REPS

Modes: top10 (execute the query, fetch 10 documents) and top10+snippets (plus each hit's
abstract, Recoll's snippet). Recoll has no outlet or date field for these files (one text file
per article): queries marked "-" in the Recoll column are skipped. Output lines as the C++
searchers print them: query, repetition (0 = warm-up), mode, ms, matches.
"""
import sys
import time

from recoll import recoll


def main():
    confdir, path, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
    queries = []
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        f = (line.rstrip("\n").split("\t") + [""] * 7)[:7]
        queries.append(f[6] or f[1])
    db = recoll.connect(confdir=confdir)
    for rep in range(reps + 1):
        for i, text in enumerate(queries):
            if text == "-":
                continue
            for mode in ("top10", "top10+snippets"):
                start = time.perf_counter()
                q = db.query()
                n = q.execute(text, stemming=1, stemlang="english")
                docs = q.fetchmany(10)
                if mode == "top10+snippets":
                    for d in docs:
                        q.makedocabstract(d)
                ms = (time.perf_counter() - start) * 1000
                print(f"{i}\t{rep}\t{mode}\t{ms:.4f}\t{n}")


if __name__ == "__main__":
    main()
