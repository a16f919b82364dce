#!/usr/bin/env python3
"""Builds data/given_names_world.txt from the nomquamgender package (MIT).

    pip download nomquamgender==0.1.4 --no-deps -d /tmp/nqg
    unzip /tmp/nqg/nomquamgender-0.1.4-py3-none-any.whl -d /tmp/nqg
    python3 data/make_given_names.py /tmp/nqg/nomquamgender/name_data.json \
        /usr/share/dict/american-english > data/given_names_world.txt

Each entry of name_data.json is [sources, count, share female, ...]: a name
is kept when at least 8 of its source registers (many countries) and 200
people carry it. Dropped: names under three letters, anything a plain
English word list writes in lower case (`will`, `grace`, `price`), and the
single-word places, organisations and demonyms of data/gazetteer.tsv
(`Paris`, `Jordan`, `China`). Written folded (lower case, accents removed,
as brief's fold_key does) and sorted by bytes, one a line, so brief loads it
without parsing and looks names up by binary search.
"""
import json
import os
import re
import sys
import unicodedata

SPECIAL = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "ŋ": "n",
           "ı": "i", "ĸ": "k", "ŀ": "l", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ſ": "s"}
MONTHS_DAYS = set("""january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday""".split())


def fold(s):
    out = []
    for c in s.lower():
        if c in SPECIAL:
            out.append(SPECIAL[c])
            continue
        for d in unicodedata.normalize("NFD", c):
            if not unicodedata.combining(d):
                out.append(d)
    return "".join(out).replace("-", " ")


def main():
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    words = {w.strip() for w in open(sys.argv[2], encoding="utf-8") if w[:1].islower()}
    gaz = set()
    here = os.path.dirname(os.path.abspath(__file__))
    for line in open(os.path.join(here, "gazetteer.tsv"), encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        cols = line.rstrip("\n").split("\t")
        for name in [cols[1]] + (cols[2].split("|") if len(cols) > 2 else []):
            gaz.add(fold(name))
    kept = set()
    for name, info in data.items():
        if info[0] < 8 or info[1] < 200:
            continue
        if not re.fullmatch(r"[^\W\d_]+(-[^\W\d_]+)?", name):
            continue
        f = fold(name)
        if len(f) < 3 or " " in f or not f.isascii() and not f.isalpha():
            continue
        if name.lower() in words or f in words or f in gaz or f in MONTHS_DAYS:
            continue
        kept.add(f)
    sys.stdout.write("".join(n + "\n" for n in sorted(kept, key=lambda s: s.encode())))


main()
