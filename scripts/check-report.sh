#!/usr/bin/env bash
# Render `kazpar build --report`'s page of the bundled corpus in headless Chromium
# (Debian's chromium, installed here when missing) and fail when
#   - a screenshot (1280 px wide, and 390 px as a phone) is blank: fewer than 16
#     colours or under 2% of its pixels not white (checked by scripts/png_stats.py,
#     which reads the PNG with zlib, no packages needed),
#   - the browser logs a console message or a failed load (the page has no script and
#     loads nothing, so any is an error),
#   - the DOM Chromium builds lacks the two charts, their bars and points, or the totals.
#   scripts/check-report.sh [WORKDIR]     (the screenshots stay in WORKDIR)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=${1:-$(mktemp -d)}
mkdir -p "$work"

if ! command -v chromium >/dev/null; then
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
fi

cargo build --quiet
bin=$root/target/debug/kazpar
rm -rf "$work/out"
"$bin" build corpus -o "$work/out" -q --report
page=$work/out/report.html
test -s "$page"

chrome() {
  # a fresh profile each time; no background connections (the network is closed)
  local profile
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars "$@"
  rm -rf "$profile"
}

fail=0
for size in 1280,2000 390,1600; do
  png=$work/report-${size%,*}.png
  log=$work/chromium-${size%,*}.log
  rm -f "$png"
  chrome --enable-logging=stderr --v=0 --window-size="$size" --screenshot="$png" "file://$page" 2>"$log" >/dev/null || true
  if [ ! -s "$png" ]; then
    echo "check-report: no screenshot at $size (log: $log)"; tail -5 "$log"; fail=1; continue
  fi
  python3 scripts/png_stats.py "$png" --min-colors 16 --min-ink 0.02 || fail=1
  # console messages (there is no script: any is an error) and resources that failed to load
  if grep -E 'CONSOLE|Uncaught|Failed to load|net::ERR_|Refused to' "$log"; then
    echo "check-report: the browser logged errors rendering $page at $size (log: $log)"; fail=1
  fi
done

dom=$work/report.dom.html
chrome --dump-dom "file://$page" >"$dom" 2>/dev/null || true
python3 - "$dom" "$work/out/manifest.json" <<'PY' || fail=1
import json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = json.load(open(sys.argv[2], encoding="utf-8"))
errors = []
if dom.count("<svg") != 2:
    errors.append(f"{dom.count('<svg')} charts in the DOM, expected 2")
if len(re.findall(r'<rect class="bar"', dom)) != 20:
    errors.append("the histogram lacks its 20 bars")
if len(re.findall(r'<circle class="pt', dom)) < 10:
    errors.append("the scatter has fewer than 10 points")
got = dict(re.findall(r'data-count="([a-z_0-9-]+)">(\d+)<', dom))
for k, v in m["counts"].items():
    if got.get(k) != str(v):
        errors.append(f"count {k}: page {got.get(k)}, manifest {v}")
for e in errors:
    print("check-report:", e)
sys.exit(1 if errors else 0)
PY

if [ "$fail" != 0 ]; then
  echo "check-report: FAILED (files in $work)"; exit 1
fi
echo "check-report: ok ($work/report-1280.png, $work/report-390.png)"
