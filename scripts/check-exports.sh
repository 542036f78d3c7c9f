#!/usr/bin/env bash
# Check kazpar's exports with the real clients people use:
#   - xmllint validates TMX against the TMX 1.4b DTD (from Debian's omegat package)
#     and both XLIFFs (and the --omegat XLIFF 1.2, and OmegaT's translated file) against
#     the OASIS schemas in $KAZPAR_SCHEMAS (default ../shared/schemas; OASIS keeps their
#     copyright, so they are not shipped here: without them this check is skipped, said so),
#   - OmegaT (Debian, console mode) translates kazpar's XLIFF 1.2 with kazpar's TMX, and
#     `kazpar import --into` brings its work back (scripts/check-omegat.sh),
#   - translate-toolkit loads the TMX, the XLIFF 1.2 and the XLIFF 2.0 files,
#   - Hugging Face `datasets` loads the exported and the published folders offline,
#   - sacreBLEU reads the Moses files,
# on the bundled corpus (built here) and on tests/data/export-fixture.jsonl
# (XML-hostile characters, one-sided records, an id with a space), and checks
# that export -> import gives the records back.
#   scripts/check-exports.sh [WORKDIR]
# Installs what it needs (apt: libxml2-utils unzip omegat openjdk-17-jre-headless; a venv in .venv-exports).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=${1:-$(mktemp -d)}
schemas=${KAZPAR_SCHEMAS:-$root/../shared/schemas}
mkdir -p "$work"

if ! command -v xmllint >/dev/null || ! command -v unzip >/dev/null; then
  apt-get install -y -q libxml2-utils unzip >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q libxml2-utils unzip >/dev/null; }
fi
dtd=$work/dtd/tmx14.dtd
if [ ! -f "$dtd" ]; then
  (cd "$work" && apt-get download omegat >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get download omegat >/dev/null; })
  dpkg -x "$work"/omegat_*.deb "$work/omegat"
  unzip -o -j -q "$work/omegat/usr/share/omegat/OmegaT.jar" schemas/tmx14.dtd -d "$work/dtd"
fi
venv=${KAZPAR_EXPORTS_VENV:-$root/.venv-exports}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q translate-toolkit==3.20.4 datasets==3.6.0 sacrebleu==2.6.0
fi

cargo build --quiet
bin=$root/target/debug/kazpar
"$bin" build corpus -o "$work/build" -q

status=0
for name in corpus fixture; do
  case $name in
    corpus) pairs=$work/build/pairs.jsonl ;;
    fixture) pairs=tests/data/export-fixture.jsonl ;;
  esac
  out=$work/$name
  mkdir -p "$out"
  echo "== $name ($pairs)"
  "$bin" export --format tmx "$pairs" -o "$out/pairs.tmx" 2>/dev/null
  "$bin" export --format xliff "$pairs" -o "$out/pairs.xlf" 2>/dev/null
  "$bin" export --format xliff12 "$pairs" -o "$out/pairs12.xlf" 2>/dev/null
  "$bin" export --format moses "$pairs" -o "$out/moses" --name kazpar 2>/dev/null
  "$bin" export --format hf "$pairs" -o "$out/hf" 2>/dev/null
  "$bin" publish "$pairs" -o "$out/published" --dev 0 --test 0 2>/dev/null
  for f in pairs.xlf pairs12.xlf pairs.tmx; do
    "$bin" import "$out/$f" -o "$out/back-$f.jsonl"
  done
  if xmllint --noout --nonet --dtdvalid "$dtd" "$out/pairs.tmx" 2>"$out/xmllint.log"; then
    echo "xmllint: pairs.tmx is valid against tmx14.dtd"
  else
    echo "xmllint: pairs.tmx INVALID:"; cat "$out/xmllint.log"; status=1
  fi
  "$bin" export --format xliff12 --omegat "$pairs" -o "$out/pairs12-omegat.xlf" 2>/dev/null
  for f in pairs.xlf pairs12.xlf pairs12-omegat.xlf; do
    case $f in pairs.xlf) xsd=xliff_core_2.0.xsd ;; *) xsd=xliff-core-1.2-strict.xsd ;; esac
    if [ ! -f "$schemas/$xsd" ]; then
      echo "xmllint: $f not validated: no $xsd in $schemas (set KAZPAR_SCHEMAS)"
    elif xmllint --noout --nonet --schema "$schemas/$xsd" "$out/$f" 2>"$out/xsd.log"; then
      echo "xmllint: $f is valid against $xsd"
    else
      echo "xmllint: $f INVALID against $xsd:"; head -20 "$out/xsd.log"; status=1
    fi
  done
  (cd "$out/published" && sha256sum --quiet -c SHA256SUMS) && echo "sha256sum: published checksums OK" || status=1
  HF_DATASETS_OFFLINE=1 HF_HUB_OFFLINE=1 HF_DATASETS_CACHE=$work/hf-cache \
    "$venv/bin/python" scripts/check_exports.py "$pairs" "$out" || status=1
  if [ "$name" = corpus ]; then
    scripts/check-omegat.sh "$pairs" "$out/omegat" || status=1
    if [ ! -f "$schemas/xliff-core-1.2-strict.xsd" ]; then
      echo "xmllint: OmegaT's translated pairs.xlf not validated: no schemas in $schemas"
    elif xmllint --noout --nonet --schema "$schemas/xliff-core-1.2-strict.xsd" "$out/omegat/omegat-project/target/pairs.xlf" 2>"$out/xsd.log"; then
      echo "xmllint: OmegaT's translated pairs.xlf is valid against xliff-core-1.2-strict.xsd"
    else
      echo "xmllint: OmegaT's translated pairs.xlf INVALID:"; head -20 "$out/xsd.log"; status=1
    fi
  fi
done
[ $status -eq 0 ] && echo "all clients accepted every export" || echo "SOME CHECKS FAILED"
exit $status
