"""``kazpar build --jsonl`` as a two-stage Apache Spark job, with the pairs of a single run.

    python -m kazpar.spark build --jsonl DOCS -o OUT [--master URL] [--partitions N] [--dedup]
    spark-submit --master yarn -m kazpar.spark ...   (see the README, "On a cluster")

DOCS is one or more JSONL files of documents in the ``kazpar build --jsonl``
record shape (a file, a folder, a glob, comma-separated; any path Spark reads:
local, HDFS, S3, ...). The job:

1. reads each file whole (``binaryFiles``), so every line keeps its own file's
   1-based line number: lines that are not usable records are ``bad-record``
   entries, never errors of the job;
2. groups the records by id (the Kazakh and English records of one id may sit in
   different files or partitions);
3. stage 1: each partition counts the word-table evidence of its document
   pairs; the counts are merged (``treeReduce``) into one evidence text, which is
   broadcast; every executor learns the table from it once;
4. stage 2: each document pair is aligned with that table; the records are
   written, sorted by id, as JSONL text files ``OUT/part-*`` by Spark's output
   committer, and ``OUT/manifest.json`` holds the counts, inputs and skipped records;
5. with ``--dedup``, exact duplicate pairs (the same Kazakh and English text, the
   rule of ``kazpar publish``) are removed across the corpus, keeping the first
   in output order (smallest document id, then position).

Concatenated in order, ``OUT/part-*`` are byte for byte what
``kazpar build --jsonl DOCS -o -`` prints for the files concatenated in name order.
All alignment work is kazpar's Rust code (``kazpar._kazpar``); this module only
moves records between Spark stages and merges the manifests.
"""

import argparse
import json
import os
import sys
import time
import uuid
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

__all__ = ["build", "main"]

# one learned table per broadcast, per executor process (Python workers are reused)
_TABLES: Dict[str, Any] = {}


def _name(uri: str) -> str:
    """A file's name in messages and records: a local path without ``file:``."""
    if uri.startswith("file://"):
        return uri[len("file://") :]
    if uri.startswith("file:"):
        return uri[len("file:") :]
    return uri


def _parse_file(item: Tuple[str, bytes]) -> Iterator[Tuple[str, Any, Any]]:
    from kazpar import _kazpar

    uri, data = item
    name = _name(uri)
    ok, bad = _kazpar.jsonl_records(name, bytes(data))
    for doc_id, _lang, line, rec in ok:
        yield ("r", doc_id, (name, line, rec))
    for b in bad:
        yield ("b", None, b)


def _evidence_part(word_list: bool):
    def run(it: Iterable[Tuple[str, List[Any]]]) -> Iterator[str]:
        from kazpar import _kazpar

        yield _kazpar.evidence_groups([g for _, g in it], word_list)

    return run


def _merge(a: str, b: str) -> str:
    from kazpar import _kazpar

    return _kazpar.merge_evidence([a, b])


def _build_part(bc, token: str, word_list: bool):
    def run(it: Iterable[Tuple[str, List[Any]]]) -> Iterator[Tuple[str, Any, Any]]:
        from kazpar import _kazpar

        table = _TABLES.get(token)
        if table is None:
            _TABLES.clear()
            table = _TABLES[token] = _kazpar.BuildTable(bc.value, word_list)
        built, manifest = table.build_groups([g for _, g in it])
        for doc_id, text in built:
            if text:
                yield ("r", doc_id, text)
        yield ("m", None, manifest)

    return run


def _lines_of_doc(item: Tuple[str, str]) -> Iterator[Tuple[Any, Any]]:
    """A document's records as ``((kk, en) or None, ((doc, position), line))``."""
    doc_id, text = item
    for pos, line in enumerate(text.splitlines()):
        r = json.loads(line)
        key = (r["kk"], r["en"]) if r.get("kk") is not None and r.get("en") is not None else None
        yield (key, ((doc_id, pos), line, 1))


def _first(a, b):
    """The earlier record of two with the same texts, and how many there were."""
    keep = a if a[0] <= b[0] else b
    return (keep[0], keep[1], a[2] + b[2])


def _merge_manifests(parts: List[Dict[str, Any]], bad: List[Dict[str, Any]]) -> Dict[str, Any]:
    """One manifest from the stage-2 partitions' (counts summed, inputs in document order)."""
    first = parts[0] if parts else {}
    counts: Dict[str, int] = {}
    normalization: Dict[str, int] = {}
    inputs: List[Dict[str, Any]] = []
    skipped: List[Dict[str, Any]] = list(bad)
    for m in parts:
        for k, v in m.get("counts", {}).items():
            if k != "skipped_files":
                counts[k] = counts.get(k, 0) + v
        for k, v in m.get("normalization", {}).items():
            normalization[k] = normalization.get(k, 0) + v
        inputs.extend(m.get("inputs", []))
        skipped.extend(m.get("skipped", []))
    inputs.sort(key=lambda i: (i["doc"], 0 if i["lang"] == "kk" else 1))
    skipped.sort(key=lambda s: (s["path"], s.get("line") or 0))
    counts["skipped_files"] = len(skipped)
    out = dict(first)
    out.update(
        inputs=inputs,
        skipped=skipped,
        counts=dict(sorted(counts.items())),
        normalization=dict(sorted(normalization.items())),
    )
    return out


def _exists(sc, path: str) -> bool:
    jvm = sc._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    return p.getFileSystem(sc._jsc.hadoopConfiguration()).exists(p)


def _write_text(sc, path: str, text: str) -> None:
    """Write one small file on any file system Spark writes to (Hadoop's API)."""
    jvm = sc._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(sc._jsc.hadoopConfiguration())
    out = fs.create(p, True)
    try:
        out.write(bytearray(text.encode("utf-8")))
    finally:
        out.close()


def build(
    spark,
    docs: str,
    out: str,
    partitions: Optional[int] = None,
    dedup: bool = False,
    quiet: bool = False,
    word_list: bool = True,
) -> Dict[str, Any]:
    """Run the job on the SparkSession ``spark``: records of the JSONL documents
    ``docs`` into ``out/part-*``, the manifest into ``out/manifest.json``. Returns the manifest.
    ``word_list=False`` leaves kazpar's core word list out, as ``--no-word-list``."""
    from pyspark import StorageLevel

    sc = spark.sparkContext
    if _exists(sc, out):
        # before any work (saveAsTextFile would refuse it only at the end)
        raise FileExistsError(f"{out}: the output folder exists (Spark writes a new one)")
    n = partitions or max(2, sc.defaultParallelism * 2)
    keep = StorageLevel.MEMORY_AND_DISK

    parsed = sc.binaryFiles(docs).flatMap(_parse_file).persist(keep)
    bad = [json.loads(b) for _, _, b in parsed.filter(lambda x: x[0] == "b").collect()]
    groups = (
        parsed.filter(lambda x: x[0] == "r")
        .map(lambda x: (x[1], x[2]))
        .groupByKey(numPartitions=n)
        .mapValues(lambda es: sorted(es, key=lambda e: (e[0], e[1])))
        .persist(keep)
    )

    # stage 1: evidence per partition, merged, broadcast
    evidence = groups.mapPartitions(_evidence_part(word_list)).treeReduce(_merge)
    parsed.unpersist()
    bc = sc.broadcast(evidence)

    # stage 2: align with the one table; records and manifest pieces
    built = groups.mapPartitions(_build_part(bc, uuid.uuid4().hex, word_list)).persist(keep)
    docs_rdd = built.filter(lambda x: x[0] == "r").map(lambda x: (x[1], x[2]))
    removed = 0
    if dedup:
        lines = docs_rdd.flatMap(_lines_of_doc).persist(keep)
        one_sided = lines.filter(lambda x: x[0] is None).map(lambda x: x[1])
        firsts = lines.filter(lambda x: x[0] is not None).reduceByKey(_first, numPartitions=n).map(lambda x: x[1])
        kept = one_sided.union(firsts).persist(keep)
        removed = kept.map(lambda x: x[2] - 1).sum()
        output = kept.map(lambda x: (x[0], x[1])).sortByKey(numPartitions=n).values()
    else:
        output = docs_rdd.sortByKey(numPartitions=n).map(lambda x: x[1].rstrip("\n"))
    output.saveAsTextFile(out)

    parts = [json.loads(m) for _, _, m in built.filter(lambda x: x[0] == "m").collect()]
    manifest = _merge_manifests(parts, bad)
    if dedup:
        manifest["counts"]["exact_duplicates_removed"] = int(removed)
        manifest["counts"]["pairs_written"] = manifest["counts"].get("pairs", 0) - int(removed)
        manifest["counts"] = dict(sorted(manifest["counts"].items()))
    manifest.setdefault("settings", {})["spark_partitions"] = n
    _write_text(sc, out.rstrip("/") + "/manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    built.unpersist()
    groups.unpersist()
    bc.destroy()
    if not quiet:
        for s in manifest["skipped"]:
            print(f"kazpar: skipped {s['message']}", file=sys.stderr)
    return manifest


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m kazpar.spark",
        description="kazpar build --jsonl as an Apache Spark job (same records as one run of the CLI).",
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build pair records from JSONL documents")
    b.add_argument("--jsonl", required=True, metavar="DOCS", help="JSONL documents: file, folder, glob or comma-separated list")
    b.add_argument("-o", "--output", required=True, metavar="OUT", help="output folder (must not exist): part-* and manifest.json")
    b.add_argument("--master", help="Spark master URL (default: spark-submit's, or local[*])")
    b.add_argument("--partitions", type=int, help="partitions of the grouped documents (default: 2 x default parallelism)")
    b.add_argument("--dedup", action="store_true", help="remove exact duplicate pairs (same kk and en), keeping the smallest id")
    b.add_argument("-q", "--quiet", action="store_true", help="no skipped-record messages and no summary")
    b.add_argument("--no-word-list", action="store_true", help="align without kazpar's core Kazakh-English word list (as kazpar build --no-word-list)")
    args = ap.parse_args(argv)

    start = time.time()
    master = args.master
    under_submit = "PYSPARK_GATEWAY_PORT" in os.environ  # started by spark-submit
    if (master or ("" if under_submit else "local")).startswith("local"):
        # local mode: the workers are this Python (with this kazpar)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("kazpar build")
    if master:
        builder = builder.master(master)
    try:
        spark = builder.getOrCreate()
        spark.sparkContext.setLogLevel("WARN")
        try:
            m = build(spark, args.jsonl, args.output, args.partitions, args.dedup, args.quiet, not args.no_word_list)
        finally:
            spark.stop()
    except Exception as e:  # a fatal error: the CLI's exit code 2
        print(f"kazpar: error: {str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__}", file=sys.stderr)
        return 2
    c = m["counts"]
    if not args.quiet:
        print(
            f"kazpar: {c.get('documents', 0)} documents ({c.get('documents_with_english', 0)} with English), "
            f"{c.get('pairs_written', c.get('pairs', 0))} pairs, {len(m['skipped'])} records skipped, "
            f"{time.time() - start:.2f}s -> {args.output}",
            file=sys.stderr,
        )
    return 1 if m["skipped"] else 0


if __name__ == "__main__":
    sys.exit(main())
