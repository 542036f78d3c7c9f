#!/usr/bin/env bash
# The OmegaT round trip, with Debian's OmegaT in console mode (issue 16):
#   kazpar's XLIFF 1.2 (--omegat: every target a copy of the Kazakh source) in source/,
#   kazpar's TMX of every other translated record in tm/auto/ (the memory OmegaT applies),
#   `omegat PROJECT --mode=console-translate`, then `kazpar import OmegaT's target file --into`
#   the pairs with their English removed: exactly the records whose English was in the memory
#   must get it back, the others none (their targets are still copies of the source).
# Also reports how many segments OmegaT finds in the plain XLIFF 1.2 export (for the README).
#   scripts/check-omegat.sh PAIRS.jsonl WORKDIR
# Installs omegat and a Java 17 runtime with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
pairs=$1
work=$2
bin=$root/target/debug/kazpar
mkdir -p "$work"

if ! command -v omegat >/dev/null || ! command -v java >/dev/null; then
  apt-get install -y -q omegat openjdk-17-jre-headless >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q omegat openjdk-17-jre-headless >/dev/null; }
fi

project() {
  local p=$1
  rm -rf "$p"
  mkdir -p "$p"/{source,target,tm/auto,glossary,dictionary,omegat}
  cat >"$p/omegat.project" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>kk</source_lang>
    <target_lang>en</target_lang>
    <source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
XML
}
# "Total:" and "Remaining:" segment counts from OmegaT's project_stats.txt
stats() { awk -v k="$2:" '$1 == k { print $2; exit }' "$1/omegat/project_stats.txt"; }
translate() { timeout 300 omegat "$1" --mode=console-translate >"$1.log" 2>&1 || { echo "omegat failed:"; tail -20 "$1.log"; return 1; }; }

# the memory (every other translated record) and the pairs without English
python3 - "$pairs" "$work/memory.jsonl" "$work/todo.jsonl" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
both = [r for r in recs if r["kk"] is not None and r["en"] is not None]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for r in both[::2]:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open(sys.argv[3], "w", encoding="utf-8") as f:
    for r in recs:
        f.write(json.dumps(dict(r, en=None), ensure_ascii=False) + "\n")
PY

status=0
p=$work/omegat-project
project "$p"
"$bin" export --format xliff12 --omegat "$pairs" -o "$p/source/pairs.xlf" 2>/dev/null
"$bin" export --format tmx "$work/memory.jsonl" -o "$p/tm/auto/kazpar.tmx" 2>/dev/null
translate "$p"
units=$(grep -c '<trans-unit ' "$p/source/pairs.xlf")
mem=$(grep -c '<tu ' "$p/tm/auto/kazpar.tmx")
total=$(stats "$p" Total)
remaining=$(stats "$p" Remaining)
echo "omegat (--omegat XLIFF 1.2): $total segments of $units units found, $remaining left untranslated after applying $mem memory entries"
[ "$total" = "$units" ] || { echo "FAIL omegat did not find every unit"; status=1; }
set +e
"$bin" import "$p/target/pairs.xlf" --into "$work/todo.jsonl" -o "$work/omegat-merged.jsonl" 2>"$work/omegat-import.log"
code=$?
set -e
echo "kazpar import --into: exit $code; $(tail -1 "$work/omegat-import.log")"
python3 - "$work/memory.jsonl" "$work/omegat-merged.jsonl" "$work/todo.jsonl" <<'PY' || status=1
import json, sys
load = lambda p: [json.loads(l) for l in open(p, encoding="utf-8") if l.strip()]
mem = {r["id"]: r["en"] for r in load(sys.argv[1])}
merged, todo = load(sys.argv[2]), load(sys.argv[3])
got = {r["id"]: r["en"] for r in merged if r["en"] is not None}
ok = got == mem and len(merged) == len(todo)
print(f"{'ok  ' if ok else 'FAIL'} OmegaT round trip: {len(got)} records got English, "
      f"{sum(1 for i in got if got[i] == mem.get(i))} of the {len(mem)} in the memory, exactly; "
      f"{len(merged) - len(got)} without; {len(merged)} records in, {len(todo)} before")
if not ok:
    for i in sorted(set(got) ^ set(mem))[:10]:
        print("  differs:", i, got.get(i), "|", mem.get(i))
sys.exit(0 if ok else 1)
PY
[ "$code" = 0 ] || { echo "FAIL kazpar import exit code $code"; cat "$work/omegat-import.log"; status=1; }

# for the README: the plain XLIFF 1.2 export (English targets; no target when there is none)
q=$work/omegat-plain
project "$q"
"$bin" export --format xliff12 "$pairs" -o "$q/source/pairs.xlf" 2>/dev/null
translate "$q"
echo "omegat (plain XLIFF 1.2): $(stats "$q" Total) segments of $(grep -c '<trans-unit ' "$q/source/pairs.xlf") units found (OmegaT translates the text of <target>: use --omegat)"
exit $status
