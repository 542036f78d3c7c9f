# Shared start of the scripts/bench-*.sh benchmarks; source it after `set -euo pipefail`.
# It goes to the project root, builds the release binary and sets:
#   root  the project root
#   bin   the kazpar binary
#   work  a temporary folder, removed on exit
# bench_venv PACKAGE...  makes .venv-bench with those pip packages and sets venv.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
cargo build --release --quiet
bin=${KAZPAR:-$root/target/release/kazpar}  # KAZPAR=path: another build, e.g. to compare two
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bench_venv() {
  venv=$root/.venv-bench
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q "$@"
}

# hyperfine_median COMMAND  prints the median seconds of 10 runs (after 2 warm-ups).
hyperfine_median() {
  hyperfine --warmup 2 --runs 10 --style basic --export-json "$work/h.json" "$1" >/dev/null
  python3 -c "import json,statistics,sys;print(statistics.median(json.load(open(sys.argv[1]))['results'][0]['times']))" "$work/h.json"
}
