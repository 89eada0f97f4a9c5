#!/usr/bin/env python3
"""Inputs for bench/run.sh, written under a scratch folder (never into the repository).

  prepare.py allsides CORPUS.jsonl.gz OUT.jsonl [SAMPLE SEED]   uncompressed; a seeded sample
  prepare.py reuters CORPUS.jsonl.gz OUT.jsonl [SAMPLE SEED]    Reuters-21578 -> Dateline JSONL
  prepare.py copies IN.jsonl OUT.jsonl N                        N copies, ids made distinct (~k)
  prepare.py files IN.jsonl DIR                                 one text file per article (Recoll)
  prepare.py tsv IN.jsonl                                       Sphinx tsvpipe rows on stdout
"""
import gzip, json, os, random, sys


def read_lines(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return f.readlines()


def sample(lines, args):
    if len(args) >= 2 and args[0]:
        n = min(int(args[0]), len(lines))
        keep = sorted(random.Random(int(args[1])).sample(range(len(lines)), n))
        return [lines[i] for i in keep]
    return lines


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "allsides":
        lines = sample(read_lines(args[0]), args[2:])
        with open(args[1], "w", encoding="utf-8") as out:
            out.writelines(lines)
    elif cmd == "reuters":
        # Every story: id r<newid>, source Reuters, the date, the title (UNPROC stories have
        # none: their first body line stands in), text = dateline + " - " + body as printed.
        lines = sample(read_lines(args[0]), args[2:])
        with open(args[1], "w", encoding="utf-8") as out:
            for line in lines:
                d = json.loads(line)
                body = d.get("body") or ""
                title = d.get("title") or body.strip().split("\n")[0][:120]
                text = f"{d['dateline']} - {body}" if d.get("dateline") else body
                rec = {"id": f"r{d['newid']}", "source": "Reuters",
                       "date": (d.get("date") or "")[:10], "title": title, "text": text}
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif cmd == "copies":
        n = int(args[2])
        lines = read_lines(args[0])
        with open(args[1], "w", encoding="utf-8") as out:
            for k in range(n):
                for line in lines:
                    d = json.loads(line)
                    if k:
                        d["id"] = f"{d['id']}~{k}"
                    out.write(json.dumps(d, ensure_ascii=False) + "\n")
    elif cmd == "files":
        os.makedirs(args[1], exist_ok=True)
        for i, line in enumerate(read_lines(args[0])):
            d = json.loads(line)
            sub = os.path.join(args[1], f"{i // 1000:03d}")
            os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, f"{i:06d}.txt"), "w", encoding="utf-8") as f:
                f.write(f"{d.get('title', '')}\n\n{d.get('text') or d.get('body') or ''}\n")
    elif cmd == "tsv":
        # id (1-based line number: article i's file above is i - 1), title, body, outlet,
        # date as YYYYMMDD; tabs and line breaks inside fields become spaces.
        clean = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
        out = sys.stdout
        for i, line in enumerate(read_lines(args[0])):
            d = json.loads(line)
            date = (d.get("date") or "")[:10].replace("-", "")
            fields = [d.get("title") or "", d.get("text") or d.get("body") or "",
                      d.get("source") or ""]
            out.write(f"{i + 1}\t" + "\t".join(f.translate(clean) for f in fields) +
                      f"\t{date if date.isdigit() else 0}\n")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
