#!/usr/bin/env python3
"""Score `kazpar lang` on the lid/ dev files as ../shared/data/README.md describes.

Usage:
  scripts/eval-lang.py ../shared/data/lid [--fold 0|1] [--kazpar BIN] [--venv VENV]
                       [--errors N] [-- EXTRA kazpar lang FLAGS]

Sentences and short strings: `kazpar lang --lines` once per file; accuracy,
per-language precision/recall/F1 (an answer outside the gold set costs recall
only), macro F1 over the 15, kk F1, ru->kk and kk->ru confusions, for short
also accuracy without the `also_in` items, and characters/s of the whole
process (start-up included). Documents: `kazpar lang --docs`; accuracy of
`lang`, mixed precision/recall/F1, Russian documents called kk, line accuracy.

--fold F scores only the items of fold F (scripts/lid_folds.py, the split of
scripts/make-lang-model.py; DATA/align/ntrex128-dev beside lid/ tells which
news document a Kazakh document comes from): pass a model trained on the other fold
with `-- --model /tmp/lang-f0.bin`. --venv VENV (with py3langid installed)
runs py3langid restricted to the 15 languages on the same items, each line
alone, documents by most characters, and prints the speed ratio.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGS = "kk ru ky tt ba tg mn be uk bg sr mk en uz tr".split()
MAP3 = {"kaz": "kk", "rus": "ru", "kir": "ky", "tat": "tt", "bak": "ba", "tgk": "tg", "khk": "mn", "mon": "mn",
        "bel": "be", "ukr": "uk", "bul": "bg", "srp": "sr", "mkd": "mk", "eng": "en", "uzn": "uz", "uzb": "uz",
        "tur": "tr"}

PY3LANGID = r"""
import sys, json
from py3langid import langid as ident
ident.set_languages(%r)
mode = sys.argv[1]
out = []
for line in sys.stdin.read().split("\n")[:-1]:
    if mode == "lines":
        out.append(ident.classify(line)[0])
    else:
        d = json.loads(line)
        labels = [ident.classify(t)[0] for t in d["text"].split("\n")]
        chars = {}
        for t, l in zip(d["text"].split("\n"), labels):
            chars[l] = chars.get(l, 0) + len(t)
        main = max(chars, key=chars.get)
        out.append(json.dumps({"lang": main, "mixed": any(l != main for l in labels), "sent_langs": labels}))
sys.stdout.write("\n".join(out) + "\n")
""" % (LANGS,)


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lid_folds import fold_of_doc, fold_of_id, ntrex_doc_of_text  # noqa: E402


def norm(code):
    code = code.strip()
    if "_" in code:
        code = code.split("_")[0]
    return MAP3.get(code, code)


def run(cmd, stdin_text):
    t = time.perf_counter()
    p = subprocess.run(cmd, input=stdin_text.encode(), capture_output=True)
    dt = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.decode()[:500]}")
    return p.stdout.decode().split("\n")[:-1], dt


def prf(gold, pred):
    res = {}
    for l in LANGS:
        tp = sum(1 for g, p in zip(gold, pred) if g == l and p == l)
        fp = sum(1 for g, p in zip(gold, pred) if g != l and p == l)
        fn = sum(1 for g, p in zip(gold, pred) if g == l and p != l)
        P = tp / (tp + fp) if tp + fp else 0.0
        R = tp / (tp + fn) if tp + fn else 0.0
        res[l] = (P, R, 2 * P * R / (P + R) if P + R else 0.0)
    return res


def score_lines(name, items, pred, dt, errors):
    gold = [i["lang"] for i in items]
    pred = [norm(p) for p in pred]
    assert len(pred) == len(gold), f"{name}: {len(pred)} answers for {len(gold)} lines"
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    per = prf(gold, pred)
    macro = sum(v[2] for v in per.values()) / len(LANGS)
    rk = sum(1 for g, p in zip(gold, pred) if g == "ru" and p == "kk")
    kr = sum(1 for g, p in zip(gold, pred) if g == "kk" and p == "ru")
    chars = sum(len(i["text"]) + 1 for i in items)
    r = {"n": len(gold), "acc": acc, "macro_f1": macro, "kk_f1": per["kk"][2], "ru->kk": rk, "kk->ru": kr,
         "chars_per_s": chars / dt, "per_lang": {l: [round(x, 4) for x in v] for l, v in per.items()}}
    if "also_in" in items[0]:
        keep = [(g, p) for g, p, i in zip(gold, pred, items) if not i["also_in"]]
        r["acc_without_also_in"] = sum(g == p for g, p in keep) / len(keep)
    if errors:
        bad = [(i, p) for i, p in zip(items, pred) if i["lang"] != p]
        for i, p in bad[:errors]:
            print(f"  {name}: gold {i['lang']} said {p}: {i['text'][:80]!r} {i.get('also_in', '')}")
    return r


def score_docs(docs, pred):
    out = []
    for line in pred:
        out.append(json.loads(line))
    assert len(out) == len(docs)
    acc = sum(d["lang"] == norm(o["lang"]) for d, o in zip(docs, out)) / len(docs)
    tp = sum(1 for d, o in zip(docs, out) if d["mixed"] and o["mixed"])
    fp = sum(1 for d, o in zip(docs, out) if not d["mixed"] and o["mixed"])
    fn = sum(1 for d, o in zip(docs, out) if d["mixed"] and not o["mixed"])
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    rk = sum(1 for d, o in zip(docs, out) if d["lang"] == "ru" and norm(o["lang"]) == "kk")
    lines = right = 0
    for d, o in zip(docs, out):
        if "sent_langs" in o:
            for g, p in zip(d["sent_langs"], o["sent_langs"]):
                lines += 1
                right += g == norm(p)
    return {"n": len(docs), "acc": acc, "mixed_P": P, "mixed_R": R, "mixed_F1": 2 * P * R / (P + R) if P + R else 0.0,
            "ru_docs_as_kk": rk, "line_acc": right / lines if lines else None}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lid")
    ap.add_argument("--fold", choices=["0", "1"])
    ap.add_argument("--kazpar", default=os.path.join(ROOT, "target/release/kazpar"))
    ap.add_argument("--venv")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    a = ap.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    a.extra = extra

    def load(name):
        items = [json.loads(l) for l in open(os.path.join(a.lid, name), encoding="utf-8")]
        if a.fold is not None:
            if name == "docs.jsonl":
                ntrex = ntrex_doc_of_text(os.path.join(a.lid, ".."))
                items = [i for i in items if fold_of_doc(i, ntrex) == int(a.fold)]
            else:
                items = [i for i in items if fold_of_id(i["id"]) == int(a.fold)]
        return items

    report = {}
    tools = [("kazpar", lambda mode: [a.kazpar, "lang", "--" + mode, "-"] + a.extra)]
    if a.venv:
        py = os.path.join(a.venv, "bin", "python")
        script = tempfile.NamedTemporaryFile("w", suffix=".py", delete=False)
        script.write(PY3LANGID)
        script.close()
        tools.append(("py3langid", lambda mode: [py, script.name, mode]))
    for tool, cmd in tools:
        r = report[tool] = {}
        for name in ("sentences", "short"):
            items = load(name + ".jsonl")
            text = "".join(" ".join(i["text"].split("\n")) + "\n" for i in items)
            pred, dt = run(cmd("lines"), text)
            r[name] = score_lines(f"{tool}/{name}", items, pred, dt, a.errors if tool == "kazpar" else 0)
        docs = load("docs.jsonl")
        text = "".join(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n" for d in docs)
        pred, _ = run(cmd("docs"), text)
        r["docs"] = score_docs(docs, pred)
        if tool == "kazpar" and a.errors:
            for d, o in zip(docs, map(json.loads, pred)):
                if d["mixed"] != o["mixed"] or d["lang"] != o["lang"]:
                    bad = [(g, p, t[:60]) for g, p, t in zip(d["sent_langs"], o["sent_langs"], d["text"].split("\n")) if g != p]
                    print(f"  docs: {d['id']} gold {d['lang']}/{d['mixed']} said {o['lang']}/{o['mixed']} {bad}")
    if a.json:
        print(json.dumps(report))
        return
    for tool, r in report.items():
        for name in ("sentences", "short"):
            s = r[name]
            extra = f" (w/o also_in {s['acc_without_also_in']:.4f})" if "acc_without_also_in" in s else ""
            print(f"{tool:9} {name:9} n={s['n']:5} acc {s['acc']:.4f}{extra} macroF1 {s['macro_f1']:.4f} "
                  f"kkF1 {s['kk_f1']:.4f} ru->kk {s['ru->kk']} kk->ru {s['kk->ru']} {s['chars_per_s'] / 1e6:.2f} M chars/s")
        d = r["docs"]
        la = f" line acc {d['line_acc']:.4f}" if d["line_acc"] is not None else ""
        print(f"{tool:9} docs      n={d['n']:5} acc {d['acc']:.4f} mixed P {d['mixed_P']:.4f} R {d['mixed_R']:.4f} "
              f"F1 {d['mixed_F1']:.4f} ru docs as kk {d['ru_docs_as_kk']}{la}")
    if "py3langid" in report:
        for name in ("sentences", "short"):
            ratio = report["kazpar"][name]["chars_per_s"] / report["py3langid"][name]["chars_per_s"]
            print(f"speed ratio kazpar/py3langid on {name}: {ratio:.1f}x")
    if a.fold is None:
        pass
    per = report["kazpar"]["sentences"]["per_lang"]
    print("kazpar sentences F1 per language: " + " ".join(f"{l} {v[2]:.3f}" for l, v in per.items()))
    per = report["kazpar"]["short"]["per_lang"]
    print("kazpar short     F1 per language: " + " ".join(f"{l} {v[2]:.3f}" for l, v in per.items()))


if __name__ == "__main__":
    main()
