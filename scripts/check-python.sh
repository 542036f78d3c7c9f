#!/usr/bin/env bash
# Check the Python package (crates/python, import name `kazpar`) the way a user gets it:
# a fresh venv, the README's `pip install ./crates/python`, then pytest, which compares
# every function with the CLI on the bundled corpus and the metrics with sacreBLEU 2.6.0.
#   scripts/check-python.sh            # venv in .venv-python (reused when present)
# KAZPAR_PYTHON_VENV picks another venv; KAZPAR_BIN another CLI binary (default:
# target/release/kazpar, built here). Also checks the crate's formatting and clippy
# (it is not a workspace member; see the root Cargo.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

(cd crates/python && cargo fmt -- --check && cargo clippy --quiet --all-targets -- -D warnings)

venv=${KAZPAR_PYTHON_VENV:-$root/.venv-python}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q pytest sacrebleu==2.6.0 sentencepiece datasets
# always reinstall the package from this checkout
"$venv/bin/pip" install -q --force-reinstall --no-deps ./crates/python

if [ -z "${KAZPAR_BIN:-}" ]; then
  cargo build --release --quiet --bin kazpar
  export KAZPAR_BIN=$root/target/release/kazpar
fi
cd crates/python
"$venv/bin/python" -m pytest -q tests
# the docstring examples (native functions included: pytest --doctest-modules does not see them)
"$venv/bin/python" - <<'PY'
import doctest, kazpar, sys
fails = examples = 0
for name in kazpar.__all__:
    obj = getattr(kazpar, name)
    for t in doctest.DocTestFinder().find(obj, name, globs={"kazpar": kazpar}):
        r = doctest.DocTestRunner().run(t)
        fails, examples = fails + r.failed, examples + r.attempted
print(f"doctests: {examples} examples, {fails} failed")
sys.exit(1 if fails or examples == 0 else 0)
PY
echo "check-python: ok"
