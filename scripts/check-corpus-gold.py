#!/usr/bin/env python3
"""Check that the hand-written gold alignment (tests/data/corpus-gold.jsonl) is
consistent with the bundled corpus: for every document and side, the gold
sentences, in order, spell out the document's text (title + paragraphs) once
all whitespace is removed, after the repairs the normalizer is meant to make
(invisible characters dropped, lookalikes mapped). It checks the gold against
the files, not against kazpar's output.

    scripts/check-corpus-gold.py [CORPUS] [GOLD]
"""
import json, re, sys
from collections import defaultdict
from pathlib import Path

corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
gold = Path(sys.argv[2] if len(sys.argv) > 2 else "tests/data/corpus-gold.jsonl")
REPAIR = str.maketrans({"\u00ad": None, "\u200b": None, "\ufeff": None, "\u0259": "ә", "\u018f": "Ә"})
LOOKALIKE = {"i": "і", "c": "с", "x": "х", "e": "е", "o": "о", "a": "а", "p": "р"}

def squash(s):
    s = re.sub(r"\s+", "", s.translate(REPAIR))
    # a Latin lookalike between Cyrillic letters is a corruption
    return re.sub(r"(?<=[\u0400-\u04ff])([icxeoap])|([icxeoap])(?=[\u0400-\u04ff])",
                  lambda m: LOOKALIKE[m.group(0)], s)

sides = defaultdict(lambda: {"kk": [], "en": []})
for line in gold.read_text(encoding="utf-8").splitlines():
    r = json.loads(line)
    for lang in ("kk", "en"):
        sides[r["doc"]][lang].extend(r[lang])
bad = 0
for doc, s in sorted(sides.items()):
    for lang in ("kk", "en"):
        path = corpus / lang / f"{doc}.txt"
        if not path.exists():
            if s[lang]:
                print(f"{doc}/{lang}: gold has sentences but {path} is missing"); bad += 1
            continue
        text = path.read_text(encoding="utf-8").lstrip("\ufeff").lstrip()
        header, _, body = text.partition("\n")
        title = header.split(" ", 2)[2]
        want, got = squash(title + body), squash("".join(s[lang]))
        if want != got:
            i = next((i for i, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
            print(f"{doc}/{lang}: gold differs from the file at char {i}: file {want[i-20:i+20]!r} gold {got[i-20:i+20]!r}")
            bad += 1
missing = {p.stem for p in (corpus / "kk").glob("*.txt")} - set(sides)
for m in sorted(missing):
    print(f"{m}: no gold"); bad += 1
print("gold consistent with corpus" if not bad else f"{bad} problems")
sys.exit(1 if bad else 0)
