#!/usr/bin/env bash
# Benchmark the Spark job (python -m kazpar.spark build) on local[1] and local[2] against
# the CLI (kazpar build --jsonl, -j 1 and all cores) on the same machine, on a ~30 MB JSONL
# corpus made by copying the bundled documents under new ids (COPIES times, default 1800),
# in 8 files. Checks that every run gives the CLI's records, byte for byte.
#   scripts/bench-spark.sh [COPIES]
# Uses the venv of scripts/check-spark.sh (.venv-spark, or KAZPAR_SPARK_VENV); run that first.
set -euo pipefail
copies=${1:-1800}
source "$(dirname "$0")/bench-lib.sh"
venv=${KAZPAR_SPARK_VENV:-$root/.venv-spark}
[ -x "$venv/bin/python" ] || { echo "bench-spark: no venv at $venv (run scripts/check-spark.sh)" >&2; exit 2; }
"$venv/bin/pip" install -q --force-reinstall --no-deps ./crates/python
export PYSPARK_PYTHON="$venv/bin/python"

mkdir -p "$work/docs"
"$venv/bin/python" - "$work" "$copies" <<'PY'
import json, pathlib, sys
work, copies = pathlib.Path(sys.argv[1]), int(sys.argv[2])
docs = []
for p in sorted(pathlib.Path("corpus/kk").glob("*.txt")) + sorted(pathlib.Path("corpus/en").glob("*.txt")):
    text = p.read_bytes().decode("utf-8")
    d = {"lang": p.parent.name, "text": text}
    first, _, rest = text.partition("\n")
    if first.startswith("date "):
        _, date, title = first.split(" ", 2)
        d = {"lang": p.parent.name, "date": date, "title": title, "text": rest}
    docs.append((p.stem, d))
files = [open(work / "docs" / f"docs-{i}.jsonl", "w", encoding="utf-8") for i in range(8)]
for c in range(copies):
    for stem, d in docs:
        rec = {"id": f"c{c:05d}_{stem}", **d}
        files[c % 8].write(json.dumps(rec, ensure_ascii=False) + "\n")
for f in files:
    f.close()
PY
cat "$work"/docs/docs-*.jsonl > "$work/all.jsonl"
mb=$(du -m "$work/all.jsonl" | cut -f1)
ndocs=$(grep -c '"lang": "kk"' "$work/all.jsonl")
echo "corpus: $ndocs Kazakh documents, ${mb} MB in 8 files; $(nproc) cores"

secs() { /usr/bin/time -f %e -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }; cat "$work/t"; }

cli1=$(secs "$bin" build --jsonl "$work/all.jsonl" -o "$work/cli.jsonl" -q -j 1)
mv "$work/cli.jsonl/pairs.jsonl" "$work/want.jsonl"
cli2=$(secs "$bin" build --jsonl "$work/all.jsonl" -o "$work/cli2" -q)
cmp -s "$work/want.jsonl" "$work/cli2/pairs.jsonl"
for n in 1 2; do
  t=$(secs "$venv/bin/python" -m kazpar.spark build --jsonl "$work/docs" -o "$work/spark$n" --master "local[$n]" --partitions 8 -q)
  cat "$work/spark$n"/part-* | cmp - "$work/want.jsonl" || { echo "bench-spark: local[$n] records differ from the CLI's" >&2; exit 1; }
  eval "spark$n=$t"
done
# the fixed cost of a job (JVM, SparkSession, Python workers, six Spark jobs): one copy of the bundled corpus
mkdir "$work/tiny" && grep '"id": "c00000_' "$work/docs/docs-0.jsonl" > "$work/tiny/docs.jsonl"
fixed=$(secs "$venv/bin/python" -m kazpar.spark build --jsonl "$work/tiny" -o "$work/spark-tiny" --master "local[2]" -q)
echo "pairs: $(wc -l < "$work/want.jsonl") (every run byte-identical to the CLI's)"
python3 - "$cli1" "$cli2" "$spark1" "$spark2" "$ndocs" "$fixed" <<'PY'
import sys
c1, c2, s1, s2, n, f = map(float, sys.argv[1:])
print(f"CLI   -j 1      : {c1:7.2f} s  {n/c1:8.0f} documents/s")
print(f"CLI   all cores : {c2:7.2f} s  {n/c2:8.0f} documents/s  (speed-up {c1/c2:.2f}x)")
print(f"Spark local[1]  : {s1:7.2f} s  {n/s1:8.0f} documents/s")
print(f"Spark local[2]  : {s2:7.2f} s  {n/s2:8.0f} documents/s  (speed-up {s1/s2:.2f}x; {s2/c2:.1f}x the CLI's time)")
print(f"Spark fixed cost: {f:7.2f} s  (local[2], one copy of the bundled corpus)")
print(f"Spark minus it  : local[1] {s1-f:.2f} s, local[2] {s2-f:.2f} s (speed-up {(s1-f)/(s2-f):.2f}x)")
PY
