#!/usr/bin/env bash
# Every splitter dev figure in one run: scripts/eval-split-all.sh DATA_DIR [--errors]
# DATA_DIR is ../shared/data (split/ and align/ under it).
set -euo pipefail
data=${1:?usage: eval-split-all.sh DATA_DIR [--errors]}
shift
here=$(dirname "$0")
for f in ud_ktb_dev golden_kk; do python3 "$here/eval-split.py" --lang kk "$data/split/$f.jsonl" "$@"; done
for f in golden_en gum_dev_term gum_dev_par; do python3 "$here/eval-split.py" --lang en "$data/split/$f.jsonl" "$@"; done
for s in ntrex128-dev wmt19-kken flores200-devtest; do
  for l in kk en; do
    echo -n "[$l] "; python3 "$here/eval-split.py" --lang $l "$data/align/$s/clean.jsonl" "$@"
  done
done
