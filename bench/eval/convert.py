#!/usr/bin/env python3
"""A judged collection's docs.jsonl as the JSON Lines dateline-index import reads (and the peers
read the same file): id, title, text, source (the collection's name), date, url.

Every system indexes title + text, which together are the document as the collection has it:
  - a title the text begins with (Cranfield's .W repeats .T) is taken off the text;
  - without a title (TIME, MED) the first sentence is the title and the rest the text: up to the
    first " . " (these texts space their full stops) within 300 characters whose word before is
    not an abbreviation (U.S .), else the first 10 words.

usage: convert.py NAME DOCS.jsonl OUT.jsonl
"""
import json
import sys


def convert(name, doc):
    title = (doc.get("title") or "").strip()
    text = (doc.get("text") or "").strip()
    if title:
        if text.startswith(title):
            text = text[len(title):].strip()
    else:
        cut = text.find(" . ")
        while 0 < cut <= 300 and "." in text[:cut].rsplit(" ", 1)[-1]:
            cut = text.find(" . ", cut + 3)
        if 0 < cut <= 300:
            title, text = text[:cut + 2].strip(), text[cut + 3:].strip()
        else:
            words = text.split(" ")
            title, text = " ".join(words[:10]), " ".join(words[10:])
    return {"id": str(doc["id"]), "title": title, "text": text, "source": name,
            "date": doc.get("date", ""), "url": ""}


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    name, src, dst = sys.argv[1:]
    with open(src, encoding="utf-8") as inp, open(dst, "w", encoding="utf-8") as out:
        for line in inp:
            if line.strip():
                out.write(json.dumps(convert(name, json.loads(line)), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
