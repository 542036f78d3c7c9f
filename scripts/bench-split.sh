#!/usr/bin/env bash
# Sentence splitting throughput: kazpar against pySBD (Kazakh rules), same text, one run.
#   scripts/bench-split.sh GOLD.jsonl [TARGET_KB]
# GOLD is a file in the ../shared/data/split format; its document texts are
# repeated (one document per line) to about TARGET_KB kilobytes (default 1000).
# pySBD is pip-installed into .venv-bench and timed in-process (segmenting
# every line, 3 runs); kazpar is timed as a whole process with hyperfine
# (`kazpar split --lang kk --lines`, start-up included, 10 runs). Medians.
set -euo pipefail
gold=${1:?usage: scripts/bench-split.sh GOLD.jsonl [TARGET_KB]}
kb=${2:-1000}
source "$(dirname "$0")/bench-lib.sh"
bench_venv pysbd==0.3.4 sacremoses==0.1.1
python3 - "$gold" "$kb" "$work/text.txt" <<'PY'
import json, sys
gold, kb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = [json.loads(l)["text"].replace("\n", " ") for l in open(gold, encoding="utf-8")]
lines, size = [], 0
while size < kb * 1000:
    for t in texts:
        lines.append(t)
        size += len(t.encode("utf-8")) + 1
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
bytes=$(wc -c < "$work/text.txt")
echo "input: $(wc -l < "$work/text.txt") documents, $bytes bytes"
pysbd_s=$("$venv/bin/python" - "$work/text.txt" <<'PY'
import statistics, sys, time
import pysbd
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
seg = pysbd.Segmenter(language="kk", clean=False)
times = []
for _ in range(3):
    t = time.perf_counter()
    for l in lines:
        seg.segment(l)
    times.append(time.perf_counter() - t)
print(statistics.median(times))
PY
)
kazpar_s=$(hyperfine_median "$bin split --lang kk --lines $work/text.txt -o $work/out.txt")
python3 - "$bytes" "$pysbd_s" "$kazpar_s" <<'PY'
import sys
b, p, k = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"pySBD 0.3.4 (kk): median {p:.3f} s = {b / p / 1e6:.3f} MB/s")
print(f"kazpar split:     median {k:.4f} s = {b / k / 1e6:.2f} MB/s")
print(f"kazpar / pySBD throughput: {p / k:.0f}x")
PY
