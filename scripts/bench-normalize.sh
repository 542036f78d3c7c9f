#!/usr/bin/env bash
# Normalization throughput: kazpar against sacremoses' punctuation normalizer
# (MosesPunctNormalizer), on clean and on noisy Kazakh text, in one run.
#   scripts/bench-normalize.sh DATA.jsonl [TARGET_KB]
# DATA is a file in the ../shared/data/align format; its Kazakh sentences are
# repeated to about TARGET_KB kilobytes (default 2000), one per line ("clean").
# "noisy" is the same text with seeded soft hyphens, no-break spaces and Latin
# lookalikes in a third of the words. sacremoses is pip-installed into
# .venv-bench and timed in-process (3 runs); kazpar as a whole process with
# hyperfine (`kazpar normalize --lang kk`, 10 runs). Medians.
set -euo pipefail
data=${1:?usage: scripts/bench-normalize.sh DATA.jsonl [TARGET_KB]}
kb=${2:-2000}
source "$(dirname "$0")/bench-lib.sh"
bench_venv pysbd==0.3.4 sacremoses==0.1.1
python3 - "$data" "$kb" "$work" <<'PY'
import json, random, sys
data, kb, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sents = [s for l in open(data, encoding="utf-8") for s in json.loads(l)["kk_sents"]]
lines, size = [], 0
while size < kb * 1000:
    for s in sents:
        lines.append(" ".join(s.split()))
        size += len(s.encode("utf-8")) + 1
open(f"{work}/clean.txt", "w", encoding="utf-8").write("\n".join(lines) + "\n")
rng = random.Random(7)
lat = dict(zip("асеорхі", "aceopxi"))
def noisy(s):
    out = []
    for w in s.split(" "):
        r = rng.random()
        if r < 0.1 and len(w) > 4:
            w = w[:2] + "\u00ad" + w[2:]
        elif r < 0.2:
            w = "".join(lat.get(c, c) if i == 1 else c for i, c in enumerate(w))
        out.append(w)
    return (" " if rng.random() < 0.5 else "\u00a0").join(out)
open(f"{work}/noisy.txt", "w", encoding="utf-8").write("\n".join(noisy(l) for l in lines) + "\n")
PY
bytes=$(wc -c < "$work/clean.txt")
echo "input: $(wc -l < "$work/clean.txt") lines, $bytes bytes (clean); noisy: $(wc -c < "$work/noisy.txt") bytes"
for kind in clean noisy; do
  moses_s=$("$venv/bin/python" - "$work/$kind.txt" <<'PY'
import statistics, sys, time
from sacremoses import MosesPunctNormalizer
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
mpn = MosesPunctNormalizer(lang="en")
times = []
for _ in range(3):
    t = time.perf_counter()
    for l in lines:
        mpn.normalize(l)
    times.append(time.perf_counter() - t)
print(statistics.median(times))
PY
)
  k_s=$(hyperfine_median "$bin normalize --lang kk $work/$kind.txt -o $work/out.txt")
  python3 - "$kind" "$bytes" "$moses_s" "$k_s" <<'PY'
import sys
kind, b, m, k = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"{kind:5s}: sacremoses {b / m / 1e6:6.2f} MB/s (median {m:.3f} s); kazpar {b / k / 1e6:6.1f} MB/s (median {k:.4f} s); ratio {m / k:.0f}x")
PY
done
