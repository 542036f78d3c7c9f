#!/usr/bin/env bash
# Check the Spark job (python -m kazpar.spark build) against the CLI: PySpark from PyPI
# in local mode (local[2]) with Java 17, on the bundled corpus and on a few hundred
# generated documents (kk/en of one id in different files, bad lines, duplicates);
# the records must be byte-identical to `kazpar build --jsonl ... -o -`.
#   scripts/check-spark.sh            # venv in .venv-spark (reused when present)
# KAZPAR_SPARK_VENV picks another venv; KAZPAR_BIN another CLI binary (default:
# target/release/kazpar, built here). Installs openjdk-17-jre-headless with apt-get
# when `java -version` fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
start=$SECONDS

if ! java -version >/dev/null 2>&1; then
  echo "check-spark: no Java; installing openjdk-17-jre-headless" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

venv=${KAZPAR_SPARK_VENV:-$root/.venv-spark}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q pytest 'pyspark>=3.5,<5'
# always reinstall the package from this checkout
"$venv/bin/pip" install -q --force-reinstall --no-deps ./crates/python

if [ -z "${KAZPAR_BIN:-}" ]; then
  cargo build --release --quiet --bin kazpar
  export KAZPAR_BIN=$root/target/release/kazpar
fi
export PYSPARK_PYTHON="$venv/bin/python"
cd crates/python/tests-spark
"$venv/bin/python" -m pytest -q -p no:cacheprovider .
echo "check-spark: ok ($((SECONDS - start))s)"
