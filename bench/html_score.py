#!/usr/bin/env python3
"""Scores extracted article bodies against the article-extraction benchmark's ground truth,
by the metric its PROVENANCE.md describes: 4-word shingles of \\w+ words, per-page tp/fp/fn
normalised to sum 1, mean precision and recall, F1 of the means, exact-word-sequence accuracy,
and +- as the standard deviation over 1,000 bootstrap resamples of the pages.
Also scores title, outlet and date against a labels TSV (id, title, outlet, date).
  html_score.py GROUND_TRUTH.json PREDICTED.json [LABELS.tsv]"""
import json
import random
import re
import statistics
import unicodedata
import sys
from collections import Counter

WORD = re.compile(r"\w+")


def shingles(text):
    words = WORD.findall(text or "")
    if not words:
        return Counter()
    if len(words) < 4:
        return Counter([tuple(words)])
    return Counter(tuple(words[i:i + 4]) for i in range(len(words) - 3))


def page_counts(pred, gold):
    p, g = shingles(pred), shingles(gold)
    tp = sum((p & g).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def precision_recall(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    p = tp / (tp + fp) if tp + fp > 0 else 0.0
    r = tp / (tp + fn) if tp + fn > 0 else 0.0
    return p, r


def summary(rows):
    """rows: (precision or None when nothing predicted, recall or None without gold, exact)."""
    ps = [p for p, _, _ in rows if p is not None]
    rs = [r for _, r, _ in rows if r is not None]
    mp = sum(ps) / len(ps) if ps else 0.0
    mr = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    acc = sum(1 for _, _, e in rows if e) / len(rows)
    return f1, mp, mr, acc


def main():
    gold = json.load(open(sys.argv[1]))
    pred = json.load(open(sys.argv[2]))
    rows, worst = [], []
    for pid, g in sorted(gold.items()):
        gtext = g.get("articleBody", "")
        ptext = pred.get(pid, {}).get("articleBody", "")
        p, r = precision_recall(*page_counts(ptext, gtext))
        exact = WORD.findall(ptext) == WORD.findall(gtext)
        rows.append((p if WORD.findall(ptext) else None, r if WORD.findall(gtext) else None,
                     exact))
        worst.append((min(p, r), p, r, pid))
    point = summary(rows)
    rng = random.Random(0)
    boots = [summary([rng.choice(rows) for _ in rows]) for _ in range(1000)]
    names = ["F1", "precision", "recall", "accuracy"]
    for i, name in enumerate(names):
        sd = statistics.pstdev(b[i] for b in boots)
        print(f"{name:10} {point[i]:.3f} ± {sd:.3f}")
    print("worst pages (precision, recall):")
    for _, p, r, pid in sorted(worst)[:8]:
        print(f"  {p:.3f} {r:.3f} {pid}")
    if len(sys.argv) > 3:
        score_labels(sys.argv[3], pred)


def nfkc(text):
    return unicodedata.normalize("NFKC", text)


def score_labels(path, pred):
    fields = {"title": "title", "outlet": "source", "date": "date"}
    right = Counter()
    carried = Counter()
    wrong = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if cols[0] == "id":
            continue
        pid, labels = cols[0], dict(zip(["title", "outlet", "date"], cols[1:4]))
        for field, key in fields.items():
            want = labels.get(field, "").strip()
            if not want:
                continue
            carried[field] += 1
            got = nfkc(pred.get(pid, {}).get(key, "").strip())
            if got in [nfkc(w.strip()) for w in want.split("||")]:
                right[field] += 1
            else:
                wrong.append(f"  {field} {pid[:12]}: got {got!r}, want {want!r}")
    for field in fields:
        n = carried[field]
        print(f"{field:7} {right[field]}/{n} right" + (f" ({right[field] / n:.1%})" if n else ""))
    print("\n".join(wrong))


if __name__ == "__main__":
    main()
