#!/usr/bin/env bash
# Location precision/recall at COUNTRY level against the Reuters-21578 `places` labels.
#
# Converts the NORM stories that have places into Dateline JSONL (id r<newid>, source Reuters,
# text = dateline + " - " + body as the wire printed it), imports them into a temporary index,
# dumps every passage and compares, per story, the union of passage locations mapped to
# countries with the story's `places`. Micro P/R/F1 over (story, country) pairs, and the most
# frequent false positives / negatives. Measures the extractor; tunes nothing.
#
#   bench/places-reuters.sh [BUILD_DIR]       (default build/)
#   SAMPLE=N   a seeded random sample of N stories (default: all, about 18,400)
#   SEED=S     the sample's seed (default 1)
#   UNWRAP=1   rejoin the wire's hard-wrapped lines into paragraphs (blank line between them)
#              before importing, to separate the extractor from the paragraph splitter
#
# Reuters `places` says which countries a story is *about* (and carries its own noise, e.g.
# SALVADOR, Bahia tagged el-salvador); a place named in passing is a "false positive" here, so
# read precision as agreement with the editors' tags, not as extraction accuracy.
set -euo pipefail
source "$(dirname "$0")/common.sh"
corpus=$shared/corpora/reuters21578/reuters21578.jsonl.gz
schema_dir=${DATELINE_SCHEMA:-$repo/schema}
[ -f "$corpus" ] || { echo "bench: $corpus not found" >&2; exit 2; }

tmp=$(mktemp -d /tmp/dateline-places-reuters.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# 1. Reuters -> Dateline JSONL, and the gold labels.
SAMPLE=${SAMPLE:-} SEED=${SEED:-1} UNWRAP=${UNWRAP:-} python3 - "$corpus" "$tmp" <<'EOF'
import gzip, json, os, random, re, sys
corpus, tmp = sys.argv[1:3]
stories = []
with gzip.open(corpus, "rt", encoding="utf-8") as f:
    for line in f:
        d = json.loads(line)
        if d["text_type"] == "NORM" and d["places"]:
            stories.append(d)
if os.environ["SAMPLE"]:
    n = int(os.environ["SAMPLE"])
    if n < len(stories):
        keep = set(random.Random(int(os.environ["SEED"])).sample(range(len(stories)), n))
        stories = [s for i, s in enumerate(stories) if i in keep]

def unwrap(body):
    # Wire copy: paragraphs start with an indent, lines are hard-wrapped, no blank lines.
    paras, cur = [], []
    for line in body.split("\n"):
        if not line.strip() or re.match(r"\s{2,}\S", line):
            if cur: paras.append(" ".join(cur)); cur = []
        if line.strip(): cur.append(line.strip())
    if cur: paras.append(" ".join(cur))
    return "\n\n".join(paras)

with open(f"{tmp}/reuters.jsonl", "w", encoding="utf-8") as out, \
     open(f"{tmp}/gold.json", "w", encoding="utf-8") as gold:
    labels = {}
    for d in stories:
        body = unwrap(d["body"]) if os.environ["UNWRAP"] else d["body"]
        rec = {"id": f"r{d['newid']}", "source": "Reuters", "date": (d["date"] or "")[:10],
               "title": d["title"], "text": f"{d['dateline']} - {body}"}
        if not rec["date"]: del rec["date"]
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        labels[rec["id"]] = {"places": d["places"], "dateline": d["dateline"]}
    json.dump(labels, gold)
print(f"converted {len(stories)} stories", flush=True)
EOF

# 2. Import (exit 2 = some lines skipped, reported on stderr: still measured).
rc=0
/usr/bin/time -o "$tmp/time" -f 'import: %e s wall, %M KB peak RSS' \
    "$build/indexer/dateline-index" import "$tmp/reuters.jsonl" --db "$tmp/db" || rc=$?
cat "$tmp/time"
[ "$rc" -le 2 ] || { echo "bench: import failed ($rc)" >&2; exit 2; }

# 3. Dump every passage, a page at a time.
dump_passages "$tmp/db" "$tmp"

# 4. Score.
python3 - "$tmp" "$schema_dir" <<'EOF'
import collections, ctypes, glob, json, re, sys, unicodedata
tmp, schema_dir = sys.argv[1:3]

# Country names exactly as the extractor gets them: ICU's English display names.
def icu_countries():
    libs = sorted(glob.glob("/usr/lib/*/libicuuc.so.[0-9]*") + glob.glob("/usr/lib/libicuuc.so.[0-9]*"))
    if not libs: sys.exit("bench: libicuuc not found (needed for ICU's country names)")
    ver = re.search(r"\.so\.(\d+)", libs[0]).group(1)
    uc = ctypes.CDLL(libs[0])
    codes = getattr(uc, "uloc_getISOCountries_" + ver)
    codes.restype = ctypes.POINTER(ctypes.c_char_p)
    disp = getattr(uc, "uloc_getDisplayCountry_" + ver)
    disp.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int32,
                     ctypes.POINTER(ctypes.c_int)]
    out, p, i = {}, codes(), 0
    while p[i]:
        code, buf, err = p[i].decode(), (ctypes.c_uint16 * 256)(), ctypes.c_int(0)
        n = disp(("_" + code).encode(), b"en", buf, 256, ctypes.byref(err))
        name = bytes(buf)[: 2 * n].decode("utf-16-le")
        if name and name != code: out[code] = name
        i += 1
    return out

def key(name):  # Lexicon::key: case-folded, . and ' dropped, hyphens as spaces
    name = re.sub(r"[.'’]", "", name.casefold()).replace("-", " ")
    return " ".join(name.split())

iso_name = icu_countries()
places = {}  # key -> [(kind, country, population)], countries first, most populous first
for code, name in iso_name.items():
    places.setdefault(key(name), []).append(("country", code, 0))
def read_tsv(file):
    got = {}
    for line in open(f"{schema_dir}/{file}", encoding="utf-8"):
        if line.startswith("#") or not line.strip(): continue
        c = line.rstrip("\n").split("\t")
        if len(c) >= 4 and c[0] and c[1]:
            got.setdefault(key(c[0]), []).append((c[1], c[2], int(c[3] or 0)))
    return got
for file in ("places.tsv", "places-local.tsv"):  # places-local.tsv wins
    for k, v in read_tsv(file).items():
        places[k] = v if file == "places-local.tsv" else places.get(k, []) + v
for line in open(f"{schema_dir}/aliases.txt", encoding="utf-8"):
    line = line.strip()
    if not line or line.startswith("#") or "=" not in line: continue
    canon, variants = line.split("=", 1)
    group = [canon.strip()] + [v.strip() for v in variants.split("|") if v.strip()]
    known = next((places[key(g)] for g in group if key(g) in places), None)
    if known: places[key(group[0])] = known
for v in places.values():
    v.sort(key=lambda p: (p[0] != "country", -p[2]))

# ISO code -> Reuters place code: the English name lower-cased, accents and punctuation dropped,
# spaces to hyphens ("South Africa" -> south-africa), except these. Reuters codes are of 1987:
# the USSR, the two Germanys, Czechoslovakia, Yugoslavia, the two Yemens, Zaire, Kampuchea,
# Burma; and a few short forms (uk, usa, uae, antigua, trinidad-tobago).
EXPLICIT = {
    "US": "usa", "GB": "uk", "AE": "uae", "HK": "hong-kong", "VI": "us-virgin-islands",
    "KR": "south-korea", "KP": "north-korea",
    "DE": "west-germany",  # "Germany" in 1987 copy is almost always West Germany; east-germany
                           # is then unreachable unless the extractor keeps "East Germany" apart
    "RU": "ussr", "UA": "ussr", "BY": "ussr", "MD": "ussr", "EE": "ussr", "LV": "ussr",
    "LT": "ussr", "GE": "ussr", "AM": "ussr", "AZ": "ussr", "KZ": "ussr", "UZ": "ussr",
    "TM": "ussr", "KG": "ussr", "TJ": "ussr",
    "CZ": "czechoslovakia", "SK": "czechoslovakia",
    "RS": "yugoslavia", "HR": "yugoslavia", "SI": "yugoslavia", "BA": "yugoslavia",
    "MK": "yugoslavia", "ME": "yugoslavia", "XK": "yugoslavia",
    "YE": "yemen-arab-republic",  # North Yemen (Sanaa); yemen-demo-republic is unreachable
    "CD": "zaire", "CG": "congo", "CI": "ivory-coast", "KH": "kampuchea", "MM": "burma",
    "SZ": "swaziland", "AG": "antigua", "TT": "trinidad-tobago",
}
def reuters_code(iso):
    if iso in EXPLICIT: return EXPLICIT[iso]
    n = unicodedata.normalize("NFKD", iso_name.get(iso, iso)).encode("ascii", "ignore").decode()
    n = re.sub(r"\(.*?\)|[.'’]", "", n.lower()).replace("&", "and")
    return "-".join(re.sub(r"[^a-z0-9]+", " ", n).split())

gold = json.load(open(f"{tmp}/gold.json"))
vocab = {c for g in gold.values() for c in g["places"]}
story_names = collections.defaultdict(set)
passages = set()
total_passages = None
for page in sorted(glob.glob(f"{tmp}/page-*.json")):
    result = json.load(open(page))
    total_passages = result["total_passages"]
    for h in result["hits"]:
        passages.add((h["article_id"], h["passage"]))
        story_names[h["article_id"]].update(h["locations"])
if len(passages) != total_passages:
    print(f"warning: dumped {len(passages)} passages of {total_passages}", file=sys.stderr)

unknown, no_country, ambiguous = collections.Counter(), collections.Counter(), 0
tp = fp = fn = 0
fp_codes, fn_codes, tp_codes = collections.Counter(), collections.Counter(), collections.Counter()
fp_names = collections.defaultdict(collections.Counter)
empty = 0
fn_datelines = collections.Counter()
for story, labels in gold.items():
    names = story_names.get(story, set())
    if not names: empty += 1
    found = {}  # name -> candidate list
    for name in names:
        cand = places.get(key(name))
        if cand: found[name] = cand
        else: unknown[name] += 1
    named_countries = {c[0][1] for c in found.values() if c[0][0] == "country"}
    predicted = collections.defaultdict(set)  # Reuters code -> names that gave it
    for name, cand in found.items():
        pick = cand[0]
        if cand[0][0] != "country" and len({c[1] for c in cand}) > 1:
            ambiguous += 1  # as the extractor does: a place in a country the story names wins
            pick = next((c for c in cand if c[1] in named_countries), cand[0])
        if not pick[1]: no_country[name] += 1; continue
        predicted[reuters_code(pick[1])].add(name)
    g = set(labels["places"])
    for code, via in predicted.items():
        if code in g: tp += 1; tp_codes[code] += 1
        else:
            fp += 1; fp_codes[code] += 1
            for n in via: fp_names[code][n] += 1
    for code in g - set(predicted):
        fn += 1; fn_codes[code] += 1
        fn_datelines[labels["dateline"].split(",")[0].strip()] += 1

p = tp / (tp + fp) if tp + fp else 0.0
r = tp / (tp + fn) if tp + fn else 0.0
f1 = 2 * p * r / (p + r) if p + r else 0.0
reachable = {reuters_code(c) for c in iso_name}
print()
print(f"stories: {len(gold)}   passages: {len(passages)}   gold (story, country) pairs: {tp + fn}"
      f"   predicted: {tp + fp}")
print(f"precision {p:.3f}   recall {r:.3f}   F1 {f1:.3f}   (micro; tp {tp}, fp {fp}, fn {fn})")
print(f"stories with no location at all: {empty}; ambiguous place names resolved: {ambiguous}")
out_of_vocab = sum(n for c, n in fp_codes.items() if c not in vocab)
print(f"false positives outside Reuters' {len(vocab)} place codes (it could not tag them): {out_of_vocab}")
if unknown:
    print("location names not in the gazetteer (not scored):",
          ", ".join(f"{n} {c}" for n, c in unknown.most_common(8)))
if no_country:
    print("locations without a country (not scored):",
          ", ".join(f"{n} {c}" for n, c in no_country.most_common(8)))
unreach = sorted(vocab - reachable)
if unreach: print("Reuters codes no ISO country maps to:", ", ".join(unreach))
print("\n15 most frequent false positives (code: count; location names that gave it):")
for code, n in fp_codes.most_common(15):
    via = ", ".join(f"{x} {c}" for x, c in fp_names[code].most_common(4))
    print(f"  {code:<20} {n:>5}   {via}")
print("\n15 most frequent false negatives (code: count missed / gold count):")
for code, n in fn_codes.most_common(15):
    print(f"  {code:<20} {n:>5} / {n + tp_codes[code]}")
print("\ndatelines of the stories with a missed country (place part, count):")
print("  " + ", ".join(f"{d} {n}" for d, n in fn_datelines.most_common(15)))
EOF

echo
echo "command: $(for v in SAMPLE SEED UNWRAP DATELINE_SCHEMA; do [ -n "${!v:-}" ] && printf '%s=%q ' "$v" "${!v}"; done)bench/places-reuters.sh${1:+ $1}"
