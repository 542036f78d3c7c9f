#!/usr/bin/env bash
# Benchmark `kazpar build`: on the bundled corpus, and on a large corpus made by
# copying the bundled documents under new ids (COPIES times, default 500).
#   scripts/bench-build.sh [COPIES]
# Needs hyperfine (Debian package `hyperfine`) and /usr/bin/time. Prints medians.
set -euo pipefail
copies=${1:-500}
source "$(dirname "$0")/bench-lib.sh"

mkdir -p "$work/big/kk" "$work/big/en"
for i in $(seq -w 1 "$copies"); do
  for f in corpus/kk/*.txt; do cp "$f" "$work/big/kk/c${i}_$(basename "$f")"; done
  for f in corpus/en/*.txt; do cp "$f" "$work/big/en/c${i}_$(basename "$f")"; done
done
docs=$(ls "$work/big/kk" | wc -l)
mb=$(du -sm "$work/big" | cut -f1)
echo "bundled corpus: $(ls corpus/kk | wc -l) Kazakh documents; large corpus: $docs Kazakh documents, ${mb} MB"

hyperfine --warmup 2 --runs 10 --style basic --export-json "$work/small.json" \
  "$bin build corpus -o $work/out-small -q" >/dev/null
hyperfine --warmup 1 --runs 5 --style basic --export-json "$work/big.json" \
  "$bin build $work/big -o $work/out-big -q -j 1" \
  "$bin build $work/big -o $work/out-big -q" >/dev/null
python3 - "$work" "$docs" <<'PY'
import json, sys, statistics
work, docs = sys.argv[1], int(sys.argv[2])
small = json.load(open(f"{work}/small.json"))["results"][0]
print(f"build, bundled corpus: median {statistics.median(small['times'])*1000:.1f} ms")
for r in json.load(open(f"{work}/big.json"))["results"]:
    med = statistics.median(r["times"])
    label = "1 thread" if "-j 1" in r["command"] else "all cores"
    print(f"build, {docs} documents, {label}: median {med:.2f} s = {docs/med:.0f} documents/s")
PY
/usr/bin/time -v "$bin" build "$work/big" -o "$work/out-big" -q 2>&1 | grep -E "Maximum resident" | sed 's/^\s*/large corpus: /'
wc -l "$work/out-big/pairs.jsonl" | awk '{print "large corpus pairs: " $1}'
