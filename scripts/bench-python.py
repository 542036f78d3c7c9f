#!/usr/bin/env python3
"""kazpar's Python package against pySBD and sacreBLEU, in one process on the same text.

    pip install ./crates/python pysbd sacrebleu==2.6.0
    python3 scripts/bench-python.py [--repeat 7] [--mb 0.25]

Text: the bundled corpus (corpus/kk, corpus/en) repeated to about --mb MB per
language. Per call: one paragraph (one line) at a time; batched: the whole text
(kazpar.split on it, kazpar.split_batch over its paragraphs; pySBD has no batch
form, so its batched figure is one call on the whole text). Metrics: the English
lines as references, lightly edited copies as hypotheses; corpus_* once over all
segments (batched) and sentence_* per segment (per call). Times are medians of
--repeat runs; ratios are sacreBLEU's (pySBD's) time over kazpar's.
"""

import argparse
import pathlib
import random
import statistics
import time

import pysbd
import sacrebleu

import kazpar

ROOT = pathlib.Path(__file__).resolve().parents[1]


def median_time(fn, repeat):
    fn()  # warm-up
    ts = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def corpus_text(lang, mb):
    text = "\n".join(p.read_bytes().decode("utf-8") for p in sorted((ROOT / "corpus" / lang).glob("*.txt")))
    n = max(1, int(mb * 1e6 / len(text.encode())))
    return "\n".join([text] * n)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--mb", type=float, default=0.25)
    args = ap.parse_args()
    rows = []

    def row(task, mode, ours, theirs, peer):
        rows.append((task, mode, ours, theirs, peer, theirs / ours))

    for lang in ("en", "kk"):
        text = corpus_text(lang, args.mb)
        paras = [l for l in text.splitlines() if l.strip()]
        seg = pysbd.Segmenter(language=lang, clean=False)
        ours = median_time(lambda: [kazpar.split(p, lang) for p in paras], args.repeat)
        theirs = median_time(lambda: [seg.segment(p) for p in paras], max(1, args.repeat // 3))
        row(f"split {lang} ({len(text.encode()) / 1e6:.2f} MB, {len(paras)} paragraphs)", "per call", ours, theirs, "pySBD")
        ours_b = median_time(lambda: kazpar.split_batch(paras, lang), args.repeat)
        theirs_b = median_time(lambda: seg.segment(text), max(1, args.repeat // 3))
        row(f"split {lang}", "batched (split_batch vs one pySBD call)", ours_b, theirs_b, "pySBD")
        ours_w = median_time(lambda: kazpar.split(text, lang), args.repeat)
        row(f"split {lang}", "whole text (kazpar.split vs one pySBD call)", ours_w, theirs_b, "pySBD")

    refs = [l for l in corpus_text("en", args.mb / 2).splitlines() if l.strip()]
    rng = random.Random(1)

    def edit(s):
        w = s.split()
        for _ in range(max(1, len(w) // 6)):
            if w:
                w[rng.randrange(len(w))] = rng.choice(["the", "a", "of", "and", "kazpar"])
        return " ".join(w)

    hyps = [edit(r) for r in refs]
    for name, ours_f, theirs_f in [
        ("BLEU", lambda: kazpar.corpus_bleu(hyps, [refs]), lambda: sacrebleu.corpus_bleu(hyps, [refs])),
        ("chrF", lambda: kazpar.corpus_chrf(hyps, [refs]), lambda: sacrebleu.corpus_chrf(hyps, [refs])),
    ]:
        assert abs(ours_f().score - theirs_f().score) < 1e-9, name
        row(f"corpus {name} ({len(hyps)} segments)", "batched (corpus_*)", median_time(ours_f, args.repeat),
            median_time(theirs_f, max(1, args.repeat // 3)), "sacreBLEU")
    few = list(zip(hyps, refs))[:2000]
    for name, ours_f, theirs_f in [
        ("BLEU", kazpar.sentence_bleu, sacrebleu.sentence_bleu),
        ("chrF", kazpar.sentence_chrf, sacrebleu.sentence_chrf),
    ]:
        row(f"sentence {name} ({len(few)} segments)", "per call (sentence_*)",
            median_time(lambda: [ours_f(h, [r]) for h, r in few], args.repeat),
            median_time(lambda: [theirs_f(h, [r]) for h, r in few], max(1, args.repeat // 3)), "sacreBLEU")

    print(f"{'task':<48} {'mode':<44} {'kazpar s':>10} {'peer s':>10}  ratio (peer/kazpar)")
    for task, mode, ours, theirs, peer, ratio in rows:
        print(f"{task:<48} {mode:<44} {ours:>10.4f} {theirs:>10.4f}  {ratio:7.1f}x vs {peer}")


if __name__ == "__main__":
    main()
