#!/usr/bin/env python3
"""Make fresh `hard` alignment test sets from `clean` ones, with a new seed.

    scripts/make-hard.py CLEAN.jsonl SEED OUT_DIR

CLEAN is a `clean.jsonl` file in the ../shared/data/align format (all links
1-1, paragraphs separated by blank lines). The script damages it the way the
`hard` variants are described: about 10% of sentences deleted on one side
(1-0 / 0-1 links) and about 10% of adjacent pairs within a paragraph merged
into one sentence on one side (`A. B.` becomes `A; B.`, giving 1-2 / 2-1
links). It writes OUT_DIR/hard.jsonl (raw paragraphs) and OUT_DIR/c-hard.jsonl
(the same sentences one per line), ready for scripts/eval-align.py.

Scores on several seeds show how much of a dev-set figure is the luck of
one draw of deletions and merges: the held-out sets are drawn the same way.
"""
import json
import os
import random
import sys


def paragraphs(text, sents):
    """Paragraph number of each sentence (sentences appear in order in text)."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    out, p, pos = [], 0, 0
    for s in sents:
        while p < len(paras) and paras[p].find(s, pos) < 0:
            p, pos = p + 1, 0
        if p == len(paras):
            raise SystemExit(f"sentence not found in its text: {s[:60]!r}")
        pos = paras[p].find(s, pos) + len(s)
        out.append(p)
    return out


def merge(a, b):
    a = a.rstrip()
    if a and a[-1] in ".!?":
        a = a[:-1]
    return f"{a}; {b}"


def damage(d, rng):
    n = len(d["kk_sents"])
    assert n == len(d["en_sents"]), d["doc"]
    kp = paragraphs(d["kk_text"], d["kk_sents"])
    ep = paragraphs(d["en_text"], d["en_sents"])
    # plan: walk the 1-1 links, at each one maybe delete one side, or merge it
    # with the next link on one side (same paragraph on that side);
    # each side is a list of (sentence, paragraph)
    src = {"k": list(zip(d["kk_sents"], kp)), "e": list(zip(d["en_sents"], ep))}
    out = {"k": [], "e": []}
    gold = []
    i = 0
    while i < n:
        r = rng.random()
        if r < 0.1:
            side = rng.choice("ke")
            link = {"k": [], "e": []}
            link[side] = [len(out[side])]
            out[side].append(src[side][i])
            i += 1
        elif r < 0.2 and i + 1 < n and kp[i] == kp[i + 1] and ep[i] == ep[i + 1]:
            side = rng.choice("ke")
            other = "e" if side == "k" else "k"
            link = {side: [len(out[side])], other: [len(out[other]), len(out[other]) + 1]}
            (a, p), (b, _) = src[side][i], src[side][i + 1]
            out[side].append((merge(a, b), p))
            out[other] += src[other][i : i + 2]
            i += 2
        else:
            link = {"k": [len(out["k"])], "e": [len(out["e"])]}
            out["k"].append(src["k"][i])
            out["e"].append(src["e"][i])
            i += 1
        gold.append([link["k"], link["e"]])

    def text(side):
        paras = []
        for s, p in side:
            if paras and paras[-1][0] == p:
                paras[-1][1].append(s)
            else:
                paras.append((p, [s]))
        return "\n\n".join(" ".join(ss) for _, ss in paras)

    kk = [s for s, _ in out["k"]]
    en = [s for s, _ in out["e"]]
    raw = {"doc": d["doc"], "kk_text": text(out["k"]), "en_text": text(out["e"]), "kk_sents": kk, "en_sents": en, "gold": gold}
    c = dict(raw, kk_text="\n".join(kk), en_text="\n".join(en))
    return raw, c


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    src, seed, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    with open(f"{out}/hard.jsonl", "w", encoding="utf-8") as h, open(f"{out}/c-hard.jsonl", "w", encoding="utf-8") as c:
        for line in open(src, encoding="utf-8"):
            raw, cc = damage(json.loads(line), rng)
            h.write(json.dumps(raw, ensure_ascii=False) + "\n")
            c.write(json.dumps(cc, ensure_ascii=False) + "\n")


main()
