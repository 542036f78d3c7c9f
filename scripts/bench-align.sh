#!/usr/bin/env bash
# Alignment throughput: kazpar's aligner against the plain Gale–Church baseline
# (same binary, `--method gale-church`) and hunalign when it is installed, on the
# same input, in one run.
#   scripts/bench-align.sh DATA.jsonl [COPIES]
# DATA is a file in the ../shared/data/align format (use a c-* variant: the
# sentences are given one per line, so only alignment is timed); it is repeated
# COPIES times (default 20) under new document ids. Prints medians of hyperfine
# runs and sentences per second (Kazakh + English sentences).
set -euo pipefail
data=${1:?usage: scripts/bench-align.sh DATA.jsonl [COPIES]}
copies=${2:-20}
source "$(dirname "$0")/bench-lib.sh"
python3 - "$data" "$copies" "$work" <<'PY'
import json, sys
data, copies, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
docs = [json.loads(l) for l in open(data, encoding="utf-8")]
n = 0
with open(f"{work}/batch.jsonl", "w", encoding="utf-8") as out, open(f"{work}/kk.txt", "w") as kk, open(f"{work}/en.txt", "w") as en:
    for c in range(copies):
        for d in docs:
            for lang in ("kk", "en"):
                out.write(json.dumps({"id": f"{c}/{d['doc']}", "lang": lang, "text": d[f"{lang}_text"]}, ensure_ascii=False) + "\n")
            n += len(d["kk_text"].strip().split("\n")) + len(d["en_text"].strip().split("\n"))
            kk.write(d["kk_text"].strip() + "\n<p>\n")
            en.write(d["en_text"].strip() + "\n<p>\n")
open(f"{work}/n", "w").write(str(n))
PY
n=$(cat "$work/n")
echo "input: $data x $copies = $n sentences (kk + en)"
cmds=("$bin align --jsonl $work/batch.jsonl --presplit -o $work/out1.jsonl"
      "$bin align --jsonl $work/batch.jsonl --presplit -j1 -o $work/out1b.jsonl"
      "$bin align --jsonl $work/batch.jsonl --presplit --method gale-church -o $work/out2.jsonl")
if command -v hunalign >/dev/null; then
  : > "$work/null.dic"
  cmds+=("hunalign -text $work/null.dic $work/kk.txt $work/en.txt > $work/out3.txt")
else
  echo "hunalign: not installed (not packaged in Debian); skipped"
fi
hyperfine --warmup 1 --runs 7 --style basic --export-json "$work/h.json" "${cmds[@]}" >/dev/null
python3 - "$work/h.json" "$n" <<'PY'
import json, statistics, sys
res = json.load(open(sys.argv[1]))["results"]
n = int(sys.argv[2])
meds = [statistics.median(r["times"]) for r in res]
names = ["kazpar (all cores)", "kazpar (-j1)", "gale-church (baseline)", "hunalign"]
for name, m in zip(names, meds):
    print(f"{name:24s} median {m:.3f} s  {n / m:,.0f} sentences/s")
for name, m in zip(names[2:], meds[2:]):
    for k in (0, 1):
        ratio = m / meds[k]
        print(f"{names[k]} / {name}: {ratio:.2f}x the throughput" if ratio >= 1 else f"{names[k]} is {1 / ratio:.2f}x slower than {name}")
if len(meds) < 4:
    # hunalign is not installed: compare with the figure measured for it on this
    # machine's size (../shared/data/README.md: about 14k sentences/s, one process)
    for k in (0, 1):
        print(f"{names[k]} / hunalign's reported 14k sentences/s: {n / meds[k] / 14000:.1f}x")
PY
