#!/usr/bin/env python3
"""Make the n-gram table of kazpar-lang (crates/lang/data/model.bin) from training text.

Usage:
  scripts/make-lang-model.py ../shared/data [-o crates/lang/data/model.bin] [--fold all|0|1]
                             [--alpha A] [--min-count N] [--order N] [--words 0|1] [--weights W0,W1,...]
                             [--cap N]

Settings left out are those of kazpar_lang::TrainOptions::default(), the
shipped model's (chosen by cross-validation: crates/lang/README.md).

Training text (DATA is the shared data folder):
  - lid/sentences.jsonl: FLORES-200 / NTREX-128 sentences of the 15 languages;
  - align/*/clean.jsonl: the Kazakh and English gold sentences (kk_sents, en_sents)
    of NTREX-128, WMT19 and FLORES-200.

--fold 0 or 1 makes a cross-validation model: only the items of that fold (see
scripts/lid_folds.py: FLORES lines in all languages together, NTREX sentences
with their news document) and no text that is an item or a document line of
the other fold, so
`scripts/eval-lang.py --fold 1-F` scores sentences, short strings and documents
the model has not seen. --fold all (the shipped model) trains on everything.
The counting itself is done by the crate (examples/train.rs), so training and
classification cut n-grams with the same code.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lid_folds import fold_of_doc, fold_of_id, fold_of_key, ntrex_doc_of_text  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data")
    ap.add_argument("-o", "--output", default=os.path.join(ROOT, "crates/lang/data/model.bin"))
    ap.add_argument("--fold", default="all", choices=["all", "0", "1"])
    # empty: the crate's TrainOptions::default(), the shipped model's settings
    ap.add_argument("--alpha", default="", help="add-alpha smoothing")
    ap.add_argument("--min-count", default="", help="leave out features seen fewer times")
    ap.add_argument("--order", default="", help="highest character n-gram order (1-8)")
    ap.add_argument("--words", default="", choices=["", "0", "1"], help="whole words as features too")
    ap.add_argument("--weights", default="", help="cost multipliers: whole words, then orders 1, 2, ...")
    ap.add_argument("--cap", type=int, default=0, help="at most this many sentences per language (0: all)")
    a = ap.parse_args()

    lid = os.path.join(a.data, "lid")
    sents = [json.loads(l) for l in open(os.path.join(lid, "sentences.jsonl"), encoding="utf-8")]
    banned = set()
    ntrex = ntrex_doc_of_text(a.data)
    if a.fold != "all":
        f = int(a.fold)
        banned |= {" ".join(s["text"].split()) for s in sents if fold_of_id(s["id"]) != f}
        for l in open(os.path.join(lid, "docs.jsonl"), encoding="utf-8"):
            d = json.loads(l)
            if fold_of_doc(d, ntrex) != f:
                banned |= {" ".join(t.split()) for t in d["text"].split("\n")}
        # the other fold's news documents, whole
        banned |= {t for t, key in ntrex.items() if fold_of_key(key) != f}
    rows = []
    seen = set()

    def add(lang, text):
        text = " ".join(text.split())
        if not text or text in banned or (lang, text) in seen:
            return
        seen.add((lang, text))
        rows.append((lang, text))

    for s in sents:
        if a.fold == "all" or fold_of_id(s["id"]) == int(a.fold):
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
    if a.cap:
        kept, per = [], {}
        for lang, text in rows:
            per[lang] = per.get(lang, 0) + 1
            if per[lang] <= a.cap:
                kept.append((lang, text))
        rows = kept
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
             tmp.name, a.output, a.alpha, a.min_count, a.order, a.words, a.weights],
            cwd=ROOT, check=True)
    finally:
        os.unlink(tmp.name)


if __name__ == "__main__":
    main()
