#!/usr/bin/env bash
# Compare every kazpar eval metric with sacreBLEU 2.6.0 on DIR (ref.*, hyp/*),
# corpus and sentence level plus paired bootstrap; lists every mismatch.
# Usage: scripts/sacrebleu-parity.sh DIR   (e.g. ../shared/data/mteval/wmt19-kken)
set -euo pipefail
dir=${1:?usage: $0 DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv-sacrebleu"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q "sacrebleu==2.6.0"
(cd "$root" && cargo build --release -q)
exec "$venv/bin/python" "$root/scripts/sacrebleu_parity.py" "$root/target/release/kazpar" "$dir"
