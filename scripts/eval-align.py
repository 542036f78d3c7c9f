#!/usr/bin/env python3
"""Score kazpar's aligner on files in the ../shared/data/align format.

    scripts/eval-align.py DATA.jsonl [DATA.jsonl ...] [--dict FILE] [--bin PATH] [--errors N]

`c-*` files (gold sentences one per line) are aligned with `--presplit` and
scored as index links; other files (raw text) are aligned end to end (kazpar's
splitter, then aligner) and scored as text pairs. The whole file goes to one
`kazpar align --jsonl` run, so the word table is learned across its documents
as `kazpar build` does. The aligner never sees the gold or `meta` fields.

Metric (vecalign's strict one): a link is (Kazakh indexes, English indexes);
precision counts every predicted link, 1-0 and 0-1 included; recall ignores
gold 1-0/0-1 links. End to end, a predicted pair is correct when its texts
(whitespace-normalized) equal the concatenation of one gold link's sentences.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ap = argparse.ArgumentParser()
ap.add_argument("data", nargs="+")
ap.add_argument("--dict")
ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "kazpar"))
ap.add_argument("--method", default="kazpar", help="kazpar or gale-church (the baseline)")
ap.add_argument("--errors", type=int, default=0, help="print this many wrong links per file")
ap.add_argument(
    "--min-scores",
    action="store_true",
    help="precision of the pairs (both sides non-empty) kept by several --min-score thresholds",
)
ap.add_argument(
    "--breakdown",
    action="store_true",
    help="end to end: recall of gold links by how many sentences kazpar's splitter makes of each side",
)
ap.add_argument(
    "--by-kind",
    action="store_true",
    help="recall of gold links per kind (1-1, 1-0, 0-1, 2-1, 1-2, ...), deletions included",
)
args = ap.parse_args()

ws = lambda s: " ".join((s or "").split())


def pieces(bin_, docs, lang):
    """How many sentences kazpar's splitter makes of each gold sentence: one
    list per document, from one `kazpar split` run over all of them."""
    import bisect

    sents = [s.replace("\n", " ") for d in docs for s in d[f"{lang}_sents"]]
    text = "".join(s + "\n" for s in sents)
    out = subprocess.run([bin_, "split", "--lang", lang], input=text.encode(), capture_output=True, check=True).stdout
    starts, pos = [], 0
    for s in sents:
        starts.append(pos)
        pos += len(s.encode()) + 1
    n = [0] * len(sents)
    for line in out.decode().splitlines():
        n[bisect.bisect_right(starts, json.loads(line)["start"]) - 1] += 1
    per_doc, k = [], 0
    for d in docs:
        per_doc.append(n[k : k + len(d[f"{lang}_sents"])])
        k += len(d[f"{lang}_sents"])
    return per_doc


for path in args.data:
    docs = [json.loads(l) for l in open(path, encoding="utf-8")]
    presplit = os.path.basename(path).startswith("c-")
    # `kazpar align --jsonl` reads build's document records: one per document and language
    batch = tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".jsonl", delete=False)
    with batch:
        for d in docs:
            for lang in ("kk", "en"):
                batch.write(json.dumps({"id": d["doc"], "lang": lang, "text": d[f"{lang}_text"]}, ensure_ascii=False) + "\n")
    cmd = [args.bin, "align", "--jsonl", batch.name] + (["--presplit"] if presplit else []) + (["--dict", args.dict] if args.dict else []) + ["--method", args.method]
    t0 = time.time()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    secs = time.time() - t0
    os.unlink(batch.name)
    pred = {}
    for line in out.splitlines():
        r = json.loads(line)
        pred.setdefault(r["doc"], []).append(r)
    # precision: correct predicted links (1-0/0-1 included) over all predicted;
    # recall: correct gold links with both sides over all gold links with both sides
    tp_prec = tp_rec = npred = ngold = 0
    errors = []
    by_cut = {}
    by_kind = {}
    scored = []
    if args.breakdown and not presplit:
        kk_cuts, en_cuts = pieces(args.bin, docs, "kk"), pieces(args.bin, docs, "en")
    for n_doc, d in enumerate(docs):
        gold = d["gold"]
        if presplit:
            g = {(tuple(k), tuple(e)) for k, e in gold}
            p = [(tuple(r["kk_idx"]), tuple(r["en_idx"])) for r in pred.get(d["doc"], [])]
        else:
            g = {(ws(" ".join(d["kk_sents"][i] for i in k)), ws(" ".join(d["en_sents"][i] for i in e))) for k, e in gold}
            p = [(ws(r["kk"]), ws(r["en"])) for r in pred.get(d["doc"], [])]
        hits = [x for x in p if x in g]
        if args.by_kind:
            got = set(p)
            for k, e in gold:
                x = (tuple(k), tuple(e)) if presplit else (ws(" ".join(d["kk_sents"][i] for i in k)), ws(" ".join(d["en_sents"][i] for i in e)))
                n, ok = by_kind.get((len(k), len(e)), (0, 0))
                by_kind[(len(k), len(e))] = (n + 1, ok + (x in got))
        scored += [(r["score"], x in g) for r, x in zip(pred.get(d["doc"], []), p) if x[0] and x[1]]
        tp_prec += len(hits)
        tp_rec += sum(1 for x in hits if x[0] and x[1])
        npred += len(p)
        ngold += sum(1 for k, e in gold if k and e)
        errors += [(d["doc"], x) for x in p if x not in g][: max(0, args.errors - len(errors))]
        if args.breakdown and not presplit:
            kc, ec = kk_cuts[n_doc], en_cuts[n_doc]
            got = set(p)
            for k, e in gold:
                if k and e:
                    cut = (sum(kc[i] for i in k), sum(ec[i] for i in e))
                    text = (ws(" ".join(d["kk_sents"][i] for i in k)), ws(" ".join(d["en_sents"][i] for i in e)))
                    n, ok = by_cut.get(cut, (0, 0))
                    by_cut[cut] = (n + 1, ok + (text in got))
    p = tp_prec / npred if npred else 0.0
    r = tp_rec / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    nsent = sum(len(d["kk_sents"]) + len(d["en_sents"]) for d in docs)
    mode = "index links (--presplit)" if presplit else "end to end (text pairs)"
    dic = (" --dict" if args.dict else "") + (f" --method {args.method}" if args.method != "kazpar" else "")
    print(f"{path}{dic}: {mode}: P {p:.4f} R {r:.4f} F1 {f:.4f}  ({len(docs)} docs, {nsent} sentences, {secs:.2f}s incl. start-up)")
    for doc, x in errors:
        print(f"   wrong: {doc}: {x}")
    if args.min_scores and scored:
        for t in (0.0, 0.5, 0.8, 0.9, 0.95):
            keep = [ok for sc, ok in scored if sc >= t]
            prec = sum(keep) / len(keep) if keep else 0.0
            print(f"   --min-score {t}: keeps {len(keep)}/{len(scored)} pairs, precision {prec:.4f}")
    if by_kind:
        print("   gold links found, by kind: " + ", ".join(f"{a}-{b} {ok}/{n}" for (a, b), (n, ok) in sorted(by_kind.items(), key=lambda x: -x[1][0])))
    if by_cut:
        # a gold link cut into a-b sentences can only be matched by an a-b bead;
        # the aligner makes 1-1, 1-2, 2-1 (and 2-2, rarely) beads
        total = sum(n for n, _ in by_cut.values())
        reach = sum(n for c, (n, _) in by_cut.items() if c in ((1, 1), (1, 2), (2, 1)))
        print(f"   gold links by splitter cut (kk-en sentences): recall per cut; {reach}/{total} = {reach / total:.3f} are cut 1-1, 1-2 or 2-1")
        for c, (n, ok) in sorted(by_cut.items(), key=lambda x: -x[1][0]):
            print(f"   {c[0]}-{c[1]}: {ok}/{n}")
