#!/usr/bin/env python3
"""Make the n-gram table of kazpar-lang (crates/lang/data/model.bin) from training text.

Usage:
  scripts/make-lang-model.py ../shared/data [-o crates/lang/data/model.bin] [--fold all|0|1]
                             [--alpha 0.5] [--min-count 2]

Training text (DATA is the shared data folder):
  - lid/sentences.jsonl: FLORES-200 / NTREX-128 sentences of the 15 languages;
  - align/*/clean.jsonl: the Kazakh and English gold sentences (kk_sents, en_sents)
    of NTREX-128, WMT19 and FLORES-200.

--fold 0 or 1 makes a cross-validation model: only the sentences.jsonl items of
that fold (fold = first byte of md5(id) mod 2) and none whose text is a
sentences.jsonl item of the other fold or a line of a lid/docs.jsonl document
of the other fold, so
`scripts/eval-lang.py --fold 1-F` scores sentences, short strings and documents
the model has not seen. --fold all (the shipped model) trains on everything.
The counting itself is done by the crate (examples/train.rs), so training and
classification cut n-grams with the same code.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fold_of(item_id):
    return hashlib.md5(item_id.encode()).digest()[0] % 2


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data")
    ap.add_argument("-o", "--output", default=os.path.join(ROOT, "crates/lang/data/model.bin"))
    ap.add_argument("--fold", default="all", choices=["all", "0", "1"])
    ap.add_argument("--alpha", default="0.5")
    ap.add_argument("--min-count", default="2")
    a = ap.parse_args()

    lid = os.path.join(a.data, "lid")
    sents = [json.loads(l) for l in open(os.path.join(lid, "sentences.jsonl"), encoding="utf-8")]
    banned = set()
    if a.fold != "all":
        f = int(a.fold)
        banned |= {s["text"].strip() for s in sents if fold_of(s["id"]) != f}
        for l in open(os.path.join(lid, "docs.jsonl"), encoding="utf-8"):
            d = json.loads(l)
            if fold_of(d["id"]) != f:
                banned |= {t.strip() for t in d["text"].split("\n")}
    rows = []
    seen = set()

    def add(lang, text):
        text = " ".join(text.split())
        if not text or text in banned or (lang, text) in seen:
            return
        seen.add((lang, text))
        rows.append((lang, text))

    for s in sents:
        if a.fold == "all" or fold_of(s["id"]) == int(a.fold):
            add(s["lang"], s["text"])
    align = os.path.join(a.data, "align")
    for name in sorted(os.listdir(align)):
        p = os.path.join(align, name, "clean.jsonl")
        if not os.path.exists(p):
            continue
        for l in open(p, encoding="utf-8"):
            d = json.loads(l)
            for t in d["kk_sents"]:
                add("kk", t)
            for t in d["en_sents"]:
                add("en", t)
    counts = {}
    for lang, _ in rows:
        counts[lang] = counts.get(lang, 0) + 1
    print("training sentences:", " ".join(f"{k} {v}" for k, v in sorted(counts.items())), file=sys.stderr)
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", encoding="utf-8", delete=False) as tmp:
        for lang, text in rows:
            tmp.write(f"{lang}\t{text}\n")
    try:
        subprocess.run(
            ["cargo", "run", "-q", "--release", "-p", "kazpar-lang", "--example", "train", "--",
             tmp.name, a.output, a.alpha, a.min_count],
            cwd=ROOT, check=True)
    finally:
        os.unlink(tmp.name)


if __name__ == "__main__":
    main()
