#!/usr/bin/env bash
# spBLEU parity: kazpar's SentencePiece encoder and `kazpar eval --tokenize flores200
# --spm-model M` against Python's sentencepiece and sacreBLEU 2.6.0, on unigram and BPE
# models trained here, fresh, on the bundled corpus (nothing is downloaded: sacreBLEU
# finds our models where it caches its own, $SACREBLEU/models/). Fails on any mismatch.
#   scripts/check-spm.sh [MTEVAL_DIR]   # e.g. ../shared/data/mteval/wmt19-kken (ref.*, hyp/*)
# KAZPAR_SPM_VENV picks the venv (default .venv-spm, reused when present; the one with
# sentencepiece 0.2.0 is KAZPAR_SPM_VENV_020, default the same name + -0.2.0); KAZPAR_BIN
# another CLI binary (default: target/debug/kazpar, built here).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mteval=${1:-}

venv=${KAZPAR_SPM_VENV:-$root/.venv-spm}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q "sentencepiece==0.2.3" "sacrebleu==2.6.0"

cargo build --quiet -p kazpar-eval --example spm_encode
if [ -z "${KAZPAR_BIN:-}" ]; then
  cargo build --quiet --bin kazpar
  KAZPAR_BIN=$root/target/debug/kazpar
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/sacrebleu"
# sacrebleu's command line is called by the check: put the venv first on PATH
SACREBLEU="$tmp/sacrebleu" PATH="$venv/bin:$PATH" "$venv/bin/python" scripts/check_spm.py check \
  "$KAZPAR_BIN" "$root/target/debug/examples/spm_encode" "$tmp/work" ${mteval:+"$mteval"}
# sentencepiece 0.2.0 breaks unigram ties in double (kazpar --spm-version 0.2.0): the
# tokenization check again in a second venv, when a wheel exists for this Python.
old=${KAZPAR_SPM_VENV_020:-$venv-0.2.0}
if [ ! -x "$old/bin/python" ]; then
  python3 -m venv "$old"
fi
if "$old/bin/pip" install -q --only-binary=:all: "sentencepiece==0.2.0"; then
  "$old/bin/python" scripts/check_spm.py tokens "$root/target/debug/examples/spm_encode" "$tmp/work-0.2.0" \
    ${mteval:+"$mteval"}
else
  echo "check-spm: no sentencepiece 0.2.0 wheel for this Python: the 0.2.0 tokenization check is skipped"
fi
echo "check-spm: ok"
