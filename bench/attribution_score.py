#!/usr/bin/env python3
"""Scores Dateline's quotations and speakers against quotations labelled by people.

  attribution_score.py GOLD.tsv DUMP_DIR [--errors N] [--seed S]

GOLD.tsv: article_id, group, quote, source, kind (a header line first). kind is
  name         a named speaker (person, organisation, document): the speaker must match `source`
  pronoun      PolNeAR's "he said": no gold name; reported apart (share given a speaker)
  description  an unnamed source ("officials said"): must get no person's name
  none         not speech (scare quotes, titles): must get no speaker
DUMP_DIR holds page-*.json, `dateline-search --format json` pages of every passage.

The recipe is PolNeAR's (its PROVENANCE.md): a gold quotation is found when its words (the first
12 for a longer one) are a run of whole words inside one of Dateline's quotations of the same
article; the speaker is right when it shares a word of 3+ letters with the source's last name
(its last run of capitalised words, titles left out), and a shared surname under two different
first names is wrong. 95% intervals: bootstrap over articles (1,000 draws).
"""
import argparse
import collections
import glob
import json
import random
import re
import sys
import unicodedata

TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "representative", "gov",
    "governor", "president", "vice", "pres", "gen", "general", "secretary", "sec", "judge",
    "justice", "speaker", "leader", "chairman", "chairwoman", "chair", "mayor", "prime",
    "minister", "rev", "sir", "lord", "lady", "dame", "prof", "professor", "candidate",
    "nominee", "former", "democratic", "republican", "democrat", "gop", "the", "a", "an",
    "chief", "officer", "executive", "director", "spokesman", "spokeswoman", "attorney",
    "lt", "col", "capt", "sgt", "adm", "elect", "deputy", "acting", "u", "s", "st",
}


def norm(text):
    """Lower case; quotation marks, '' and punctuation to spaces; apostrophes unified."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("''", " ")
    text = re.sub(r"[^\w']+", " ", text)
    text = re.sub(r"(?<!\w)'|'(?!\w)", " ", text)
    return " ".join(text.split())


def last_name_run(source):
    """The words of the source's name, lower case: its last run of capitalised words (titles
    left out) before any apposition or relative clause ("Tim Pawlenty, the former governor")."""
    head = re.split(r",|\(| who | which | whose ", source)[0]
    return capitalised_runs(head)[-1:] and capitalised_runs(head)[-1] or \
        (capitalised_runs(source) or [[]])[0]


def capitalised_runs(source):
    runs, run = [], []
    for word in re.findall(r"[\w.'\u2019-]+", source):
        bare = re.sub(r"['\u2019]s$", "", word).strip(".'\u2019-")
        if bare and bare[0].isupper() and bare.lower() not in TITLES:
            run.append(bare.lower())
            if bare != word.strip(".") and word.endswith(("'s", "\u2019s")):
                runs.append(run)  # a possessive ends the name: "Clinton's spokesman"
                run = []
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def speaker_right(speaker, source):
    gold = last_name_run(source)
    said = [w.lower().strip(".") for w in re.findall(r"[\w.'-]+", speaker)]
    said = [w for w in said if w not in TITLES]
    if not gold or not said:
        return False
    shared = {w for w in gold if len(w) >= 3} & {w for w in said if len(w) >= 3}
    if not shared:
        return False
    # Bill vs Hillary Clinton: both sides give a first name, and they differ.
    if len(gold) >= 2 and len(said) >= 2 and gold[0] not in shared and said[0] not in shared:
        if len(gold[0]) > 1 and len(said[0]) > 1 and gold[0] != said[0]:
            return False
    return True


def read_dump(folder):
    quotes = collections.defaultdict(list)  # article -> [(normalised text, speaker, text)]
    for page in sorted(glob.glob(f"{folder}/page-*.json")):
        for hit in json.load(open(page, encoding="utf-8"))["hits"]:
            for q in hit["quotes"]:
                quotes[hit["article_id"]].append(
                    (" " + norm(q["text"]) + " ", q["speaker"], hit["text"]))
    return quotes


def match(segment, found):
    words = norm(segment).split()[:12]
    if not words:
        return None
    needle = " " + " ".join(words) + " "
    for entry in found:
        if needle in entry[0]:
            return entry
    return None


def judge(gold, quotes):
    """One outcome per gold row: (article, group, kind, found, given, right, row, entry)."""
    out = []
    for row in gold:
        entry = match(row["quote"], quotes.get(row["article_id"], []))
        given = bool(entry and entry[1])
        right = given and row["kind"] == "name" and speaker_right(entry[1], row["source"])
        out.append((row["article_id"], row["group"], row["kind"], entry is not None, given,
                    right, row, entry))
    return out


def metrics(outcomes):
    by_kind = collections.defaultdict(list)
    for o in outcomes:
        by_kind[o[2]].append(o)
    speech = [o for o in outcomes if o[2] != "none"]
    named = by_kind["name"]
    named_found_given = [o for o in named if o[3] and o[4]]
    desc_found = [o for o in by_kind["description"] if o[3]]
    pron_found = [o for o in by_kind["pronoun"] if o[3]]
    none_found = [o for o in by_kind["none"] if o[3]]

    def share(part, whole):
        return len(part) / len(whole) if whole else float("nan")

    return {
        "quote recall (speech)": share([o for o in speech if o[3]], speech),
        "attribution, end to end (named)": share([o for o in named if o[5]], named),
        "speaker precision (named, found, given)":
            share([o for o in named_found_given if o[5]], named_found_given),
        "named: found but no speaker": share([o for o in named if o[3] and not o[4]], named),
        "unnamed sources given a name": share([o for o in desc_found if o[4]], desc_found),
        "not-speech quotations given a speaker": share([o for o in none_found if o[4]],
                                                       none_found),
        "pronoun sources given a speaker": share([o for o in pron_found if o[4]], pron_found),
    }


def bootstrap(outcomes, draws, seed):
    by_article = collections.defaultdict(list)
    for o in outcomes:
        by_article[o[0]].append(o)
    articles = sorted(by_article)
    rng = random.Random(seed)
    samples = collections.defaultdict(list)
    for _ in range(draws):
        pick = [o for a in rng.choices(articles, k=len(articles)) for o in by_article[a]]
        for name, value in metrics(pick).items():
            if value == value:
                samples[name].append(value)
    bounds = {}
    for name, values in samples.items():
        values.sort()
        bounds[name] = (values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1])
    return bounds


def report(outcomes, seed):
    counts = collections.Counter(o[2] for o in outcomes)
    print(f"articles: {len({o[0] for o in outcomes})}   gold quotations: {len(outcomes)} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})\n")
    bounds = bootstrap(outcomes, 1000, seed)
    print("| measure | value | 95% interval | n |")
    print("|---|---|---|---|")
    base = {"quote recall (speech)": [o for o in outcomes if o[2] != "none"],
            "attribution, end to end (named)": [o for o in outcomes if o[2] == "name"]}
    for name, value in metrics(outcomes).items():
        low, high = bounds.get(name, (float("nan"), float("nan")))
        n = len(base.get(name, []))
        print(f"| {name} | {value:.3f} | {low:.3f}–{high:.3f} | {n or ''} |")
    print("\nper group: quote recall / attribution (named)")
    groups = collections.defaultdict(list)
    for o in outcomes:
        groups[o[1]].append(o)
    for group, rows in sorted(groups.items()):
        m = metrics(rows)
        print(f"  {group:<28} {m['quote recall (speech)']:.3f} / "
              f"{m['attribution, end to end (named)']:.3f}   ({len(rows)} quotations)")


def show_errors(outcomes, n, seed, only=""):
    wrong = [o for o in outcomes if (o[2] == "name" and not o[5]) or
             (o[2] in ("description", "none") and o[4])]
    kinds = {"missed": lambda o: not o[3], "silent": lambda o: o[3] and not o[4],
             "wrong": lambda o: o[4]}
    if only:
        wrong = [o for o in wrong if kinds[only](o)]
    random.Random(seed).shuffle(wrong)
    print(f"\n{len(wrong)} errors; {min(n, len(wrong))} drawn:")
    for article, group, kind, found, given, right, row, entry in wrong[:n]:
        said = entry[1] if entry else "(quotation not found)"
        print(f"- [{kind}] {article}\n    gold: {row['source']!r}  dateline: {said!r}\n"
              f"    \u201c{row['quote'][:110]}\u201d")
        if entry:
            print(f"    passage: {entry[2][:400]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("dump")
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=["missed", "silent", "wrong"], default="",
                        help="errors of one kind: quotation missed, no speaker, wrong speaker")
    args = parser.parse_args()
    with open(args.gold, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        gold = [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]
    outcomes = judge(gold, read_dump(args.dump))
    report(outcomes, args.seed)
    if args.errors:
        show_errors(outcomes, args.errors, args.seed, args.only)


if __name__ == "__main__":
    sys.exit(main())
