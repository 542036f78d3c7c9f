#!/usr/bin/env bash
# Throughput of `kazpar eval` against sacreBLEU 2.6.0's CLI on the same input
# (DIR's systems concatenated FACTOR times; TER_FACTOR for TER), medians of RUNS.
# Usage: scripts/bench-eval.sh DIR [FACTOR=100] [TER_FACTOR=FACTOR] [RUNS=3] [SACREBLEU_RUNS=1]
set -euo pipefail
dir=${1:?usage: $0 DIR [FACTOR] [TER_FACTOR] [RUNS]}
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv-sacrebleu"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q "sacrebleu==2.6.0"
(cd "$root" && cargo build --release -q)
echo "threads: $(nproc) (kazpar uses all; sacreBLEU one)"
exec "$venv/bin/python" "$root/scripts/bench-eval.py" "$root/target/release/kazpar" "$venv/bin/sacrebleu" "$dir" "${@:2}"
