#!/usr/bin/env python3
"""Score kazpar's sentence splitter on a gold file in the ../shared/data/split format.

    scripts/eval-split.py GOLD.jsonl [--lang kk] [--bin PATH] [--errors]

GOLD is a split/ file ({doc, text, sentences}) or an align/ file
({kk_text, kk_sents, en_text, en_sents}: the side named by --lang is scored).

Each document's text goes through `kazpar split --lang kk --lines` (on stdin).
Scoring as the data README describes: positions count non-whitespace
characters only; a boundary is the position after a sentence's last
non-whitespace character; precision, recall and F1 over boundaries inside
documents (the end of a document is not counted), micro-averaged; plus the
number of documents split exactly right. --errors prints every wrong or
missed boundary with its context.
"""
import argparse
import json
import os
import subprocess

ap = argparse.ArgumentParser()
ap.add_argument("gold")
ap.add_argument("--lang", default="kk")
ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "kazpar"))
ap.add_argument("--errors", action="store_true")
args = ap.parse_args()


def boundaries(sents):
    out, pos = set(), 0
    for s in sents:
        pos += sum(1 for c in s if not c.isspace())
        out.add(pos)
    return out


def context(text, nonws_pos, width=40):
    # the character index of the nonws_pos-th non-whitespace character
    seen = 0
    for i, c in enumerate(text):
        if not c.isspace():
            seen += 1
            if seen == nonws_pos:
                return text[max(0, i + 1 - width):i + 1] + " ‖ " + text[i + 1:i + 1 + width]
    return text[-width:] + " ‖"


tp = fp = fn = exact = 0
docs = [json.loads(l) for l in open(args.gold, encoding="utf-8")]
for d in docs:
    if "sentences" not in d:
        # an align/ file: its gold sentences of one side, joined as in its text
        d["text"], d["sentences"] = d[args.lang + "_text"], d[args.lang + "_sents"]
    out = subprocess.run([args.bin, "split", "--lang", args.lang, "--lines"], input=d["text"],
                         capture_output=True, text=True, check=True).stdout
    pred = [l for l in out.split("\n") if l.strip()]
    total = sum(1 for c in d["text"] if not c.isspace())
    g = boundaries(d["sentences"]) - {total}
    p = boundaries(pred) - {total}
    tp += len(g & p)
    fp += len(p - g)
    fn += len(g - p)
    exact += g == p
    if args.errors:
        for b in sorted(p - g):
            print(f"  extra  {d['doc']}: {context(d['text'], b)!r}")
        for b in sorted(g - p):
            print(f"  missed {d['doc']}: {context(d['text'], b)!r}")
P = tp / (tp + fp) if tp + fp else 1.0
R = tp / (tp + fn) if tp + fn else 1.0
F = 2 * P * R / (P + R) if P + R else 0.0
print(f"{args.gold}: boundary P {P:.4f} R {R:.4f} F1 {F:.4f} ({tp} right, {fp} extra, {fn} missed); "
      f"documents exactly right {exact}/{len(docs)}")
