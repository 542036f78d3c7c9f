#!/usr/bin/env python3
"""Compare `kazpar eval` with sacreBLEU on a folder laid out like wmt19-kken
(ref.* references, hyp/* systems): every metric, corpus and sentence level,
and the paired bootstrap. Run through scripts/sacrebleu-parity.sh.

Usage: sacrebleu_parity.py KAZPAR DIR
"""
import glob
import json
import os
import subprocess
import sys

import numpy as np
import sacrebleu
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.significance import PairedTest

kazpar, folder = sys.argv[1], sys.argv[2]


def read(path):
    # exactly as sacreBLEU's CLI reads a file
    with open(path, encoding="utf-8", newline="\n") as f:
        return [line.rstrip() for line in f]


ref_files = sorted(glob.glob(os.path.join(folder, "ref.*")))
hyp_files = sorted(glob.glob(os.path.join(folder, "hyp", "*")))
refs = [read(p) for p in ref_files]
METRICS = {
    "bleu": lambda eff=False: BLEU(effective_order=eff),
    "chrf": lambda eff=False: CHRF(),
    "chrf++": lambda eff=False: CHRF(word_order=2),
    "ter": lambda eff=False: TER(),
}
print(f"sacreBLEU {sacrebleu.__version__}, numpy {np.__version__}; "
      f"{len(ref_files)} reference(s), {len(hyp_files)} systems in {folder}")

mismatch = 0
checked = 0


def cmp(label, ours, theirs):
    """Exact float equality, and equality as sacreBLEU prints (width 1 and 2)."""
    global mismatch, checked
    checked += 1
    if ours != theirs:
        printed = all(f"{ours:.{w}f}" == f"{theirs:.{w}f}" for w in (1, 2))
        mismatch += 1
        print(f"MISMATCH {label}: kazpar {ours!r} sacreBLEU {theirs!r}"
              f" ({'same when printed' if printed else 'DIFFERENT when printed'})")


ref_args = sum((["--ref", r] for r in ref_files), [])
for hyp_file in hyp_files:
    hyps = read(hyp_file)
    out = subprocess.run(
        [kazpar, "eval", *ref_args, "--hyp", hyp_file, "--metrics", ",".join(METRICS),
         "--sentence-level", "--format", "json"],
        check=True, capture_output=True, text=True).stdout
    ours = json.loads(out)
    name = os.path.basename(hyp_file)
    for key, make in METRICS.items():
        m = make()
        score = m.corpus_score(hyps, refs).score
        cmp(f"{name} {key} corpus", ours[key]["score"], score)
        sig = m.get_signature().format().rsplit("|version:", 1)[0]
        if not ours[key]["signature"].startswith(sig + "|version:kazpar-"):
            print(f"MISMATCH {name} {key} signature: {ours[key]['signature']} vs {sig}")
            mismatch += 1
        sm = make(True)
        for i, h in enumerate(hyps):
            s = sm.sentence_score(h, [r[i] for r in refs]).score
            cmp(f"{name} {key} segment {i + 1}", ours[key]["scores"][i], s)
    print(f"{name}: " + ", ".join(f"{k} {ours[k]['score']:.2f}" for k in METRICS))

# Paired bootstrap (first system in name order is the baseline).
if len(hyp_files) > 1:
    systems = [(p, read(p)) for p in hyp_files]
    metrics = {k: make() for k, make in METRICS.items()}
    for m in metrics.values():
        m._ref_cache = m._cache_references(refs)
    sigs, scores = PairedTest(systems, metrics, references=None, test_type="bs",
                              n_samples=1000)()
    out = subprocess.run(
        [kazpar, "eval", *ref_args, *sum((["--hyp", p] for p in hyp_files), []),
         "--metrics", ",".join(METRICS), "--paired-bs", "--format", "json"],
        check=True, capture_output=True, text=True).stdout
    ours = json.loads(out)["systems"]
    names = {"bleu": "BLEU", "chrf": "chrF2", "chrf++": "chrF2++", "ter": "TER"}
    for key, sname in names.items():
        for si, res in enumerate(scores[sname]):
            o = ours[si][key]
            label = f"paired-bs {os.path.basename(hyp_files[si])} {key}"
            cmp(label + " score", o["score"], float(res.score))
            cmp(label + " mean", o["mean"], float(res.mean))
            cmp(label + " ci", o["ci"], float(res.ci))
            if res.p_value is not None:
                cmp(label + " p", o["p_value"], float(res.p_value))
        print(f"paired-bs {key}: " + ", ".join(
            f"{os.path.basename(hyp_files[i])} p={r.p_value}" for i, r in enumerate(scores[sname])))

# BLEU with the char tokenizer, corpus and sentence level.
for hyp_file in hyp_files:
    hyps = read(hyp_file)
    ours = json.loads(subprocess.run(
        [kazpar, "eval", *ref_args, "--hyp", hyp_file, "--metrics", "bleu", "--tokenize", "char",
         "--sentence-level", "--format", "json"], check=True, capture_output=True, text=True).stdout)
    name = os.path.basename(hyp_file)
    cmp(f"{name} bleu char corpus", ours["bleu"]["score"], BLEU(tokenize="char").corpus_score(hyps, refs).score)
    sm = BLEU(tokenize="char", effective_order=True)
    for i, h in enumerate(hyps):
        cmp(f"{name} bleu char segment {i + 1}", ours["bleu"]["scores"][i],
            sm.sentence_score(h, [r[i] for r in refs]).score)
    print(f"{name}: bleu char {ours['bleu']['score']:.2f}")

# --confidence: single-system bootstrap (corpus_score(n_bootstrap=1000)).
for hyp_file in hyp_files:
    hyps = read(hyp_file)
    ours = json.loads(subprocess.run(
        [kazpar, "eval", *ref_args, "--hyp", hyp_file, "--metrics", ",".join(METRICS),
         "--confidence", "--format", "json"], check=True, capture_output=True, text=True).stdout)
    name = os.path.basename(hyp_file)
    for key, make in METRICS.items():
        sc = make().corpus_score(hyps, refs, n_bootstrap=1000)
        cmp(f"confidence {name} {key} mean", ours[key]["mean"], float(sc._mean))
        cmp(f"confidence {name} {key} ci", ours[key]["ci"], float(sc._ci))
    print(f"confidence {name}: " + ", ".join(f"{k} {ours[k]['mean']:.2f}±{ours[k]['ci']:.2f}" for k in METRICS))

# Paired approximate randomization (10,000 trials, seed 12345).
if len(hyp_files) > 1:
    systems = [(p, read(p)) for p in hyp_files]
    metrics = {k: make() for k, make in METRICS.items()}
    for m in metrics.values():
        m._ref_cache = m._cache_references(refs)
    sigs, scores = PairedTest(systems, metrics, references=None, test_type="ar",
                              n_samples=10000)()
    out = subprocess.run(
        [kazpar, "eval", *ref_args, *sum((["--hyp", p] for p in hyp_files), []),
         "--metrics", ",".join(METRICS), "--paired-ar", "--format", "json"],
        check=True, capture_output=True, text=True).stdout
    ours = json.loads(out)["systems"]
    names = {"bleu": "BLEU", "chrf": "chrF2", "chrf++": "chrF2++", "ter": "TER"}
    for key, sname in names.items():
        sig = sigs[sname].format().rsplit("|version:", 1)[0]
        if not ours[0][key]["signature"].startswith(sig + "|version:kazpar-"):
            print(f"MISMATCH paired-ar {key} signature: {ours[0][key]['signature']} vs {sig}")
            mismatch += 1
        for si, res in enumerate(scores[sname]):
            o = ours[si][key]
            label = f"paired-ar {os.path.basename(hyp_files[si])} {key}"
            cmp(label + " score", o["score"], float(res.score))
            if res.p_value is not None:
                cmp(label + " p", o["p_value"], float(res.p_value))
        print(f"paired-ar {key}: " + ", ".join(
            f"{os.path.basename(hyp_files[i])} p={r.p_value}" for i, r in enumerate(scores[sname])))

print(f"{checked} values compared, {mismatch} mismatches")
sys.exit(1 if mismatch else 0)
