#!/usr/bin/env bash
# Run every cargo-fuzz target of the workspace for a while (default 60 s each).
#   scripts/fuzz.sh [SECONDS]
# Needs `cargo install cargo-fuzz`. Only a stable toolchain exists here, so the
# nightly flags cargo-fuzz passes are unlocked with RUSTC_BOOTSTRAP=1, and the
# address sanitizer is off (-s none): we look for panics, not memory errors
# (the crates hold no unsafe code). Findings go to crates/*/fuzz/artifacts;
# turn each into a regression test.
set -euo pipefail
secs=${1:-60}
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1
status=0
for dir in crates/*/fuzz; do
  [ -f "$dir/Cargo.toml" ] || continue
  for target in $(cd "$dir" && cargo fuzz list); do
    echo "== $dir: $target (${secs}s)"
    (cd "$dir" && cargo fuzz run -s none "$target" -- -max_total_time="$secs" 2>&1 | tail -n 2) || status=1
  done
done
exit $status
