"""python -m kazpar.spark build against kazpar build --jsonl -o - (byte-identical records)."""

import json
import os
import pathlib
import subprocess
import sys

import pytest

from conftest import corpus_docs, jsonl

from kazpar import spark as kspark


def parts(out):
    return b"".join(p.read_bytes() for p in sorted(pathlib.Path(out).glob("part-*")))


def cli_manifest(cli, docs, tmp):
    out = tmp / "cli-out"
    cli("build", "--jsonl", docs, "-o", out, "-q")
    return json.loads((out / "manifest.json").read_text())


def test_bundled_corpus(spark, cli, tmp_path):
    docs = tmp_path / "corpus.jsonl"
    docs.write_text(jsonl(corpus_docs()), encoding="utf-8")
    out = tmp_path / "out"
    m = kspark.build(spark, str(docs), str(out), partitions=3, quiet=True)
    want = cli("build", "--jsonl", docs, "-o", "-", "-q")
    assert len(want.splitlines()) > 50
    assert parts(out) == want
    assert json.loads((out / "manifest.json").read_text()) == m
    cm = cli_manifest(cli, docs, tmp_path)
    assert m["counts"] == cm["counts"]
    assert m["inputs"] == cm["inputs"]
    assert m["skipped"] == cm["skipped"]
    # without the core word list, as --no-word-list
    out2 = tmp_path / "out-no-list"
    m2 = kspark.build(spark, str(docs), str(out2), partitions=3, quiet=True, word_list=False)
    assert parts(out2) == cli("build", "--jsonl", docs, "-o", "-", "-q", "--no-word-list")
    assert m2["settings"]["word_list"] is False


def generated(tmp):
    """A few hundred documents from the bundled corpus's paragraphs under new ids, in
    three files: Kazakh and English of one id often in different files, some documents
    without English, bad lines, duplicates (in one file and across files), an orphan."""
    base = corpus_docs()
    kk = {d["id"]: d for d in base if d["lang"] == "kk"}
    en = {d["id"]: d for d in base if d["lang"] == "en"}
    both = sorted(i for i in kk if i in en)
    files = {"a.jsonl": [], "b.jsonl": [], "c.jsonl": []}
    for k in range(320):
        src = both[k % len(both)]
        kp, ep = kk[src]["text"].split("\n"), en[src]["text"].split("\n")
        cut = 1 + (k // len(both)) % max(1, len(kp) - 1)
        doc_id = f"gen{k:04d}" if k % 5 else f"құжат-{k}"
        kd = {"id": doc_id, "lang": "kk", "text": "\n".join(kp[: cut + 1])}
        if k % 4 == 0:
            kd["date"], kd["title"] = kk[src].get("date", "2025-01-01"), kk[src].get("title", "Тақырып")
        files["a.jsonl" if k % 2 else "b.jsonl"].append(kd)
        if k % 9 != 0:
            ed = {"id": doc_id, "lang": "en", "text": "\n".join(ep[: cut + 1])}
            if k % 4 == 0:
                ed["date"], ed["title"] = en[src].get("date", "2025-01-01"), en[src].get("title", "Title")
            files["b.jsonl" if k % 3 else "a.jsonl"].append(ed)
    files["c.jsonl"] = [
        "not json at all\n",
        {"id": "x1", "lang": "ru", "text": "Привет."},
        {"id": "", "lang": "kk", "text": "Бос."},
        {"id": "dup", "lang": "kk", "text": "Бірінші нұсқа. Екінші сөйлем."},
        {"id": "dup", "lang": "kk", "text": "Қайталанған нұсқа."},
        {"id": "gen0001", "lang": "kk", "text": "Басқа файлдағы қайталау."},
        {"id": "orphan", "lang": "en", "text": "No Kazakh partner here."},
        {"id": "empty", "lang": "kk", "text": ""},
        '{"id": "trunc", "lang": "kk", "te\n',
    ]
    d = tmp / "docs"
    d.mkdir()
    for name, recs in files.items():
        (d / name).write_text(jsonl(recs), encoding="utf-8")
    # the CLI's input: the files concatenated in name order
    allf = tmp / "all.jsonl"
    allf.write_bytes(b"".join((d / n).read_bytes() for n in sorted(files)))
    return d, allf


@pytest.fixture(scope="module")
def gen(tmp_path_factory):
    return generated(tmp_path_factory.mktemp("gen"))


def test_generated_corpus(spark, cli, tmp_path, gen):
    d, allf = gen
    out = tmp_path / "out"
    m = kspark.build(spark, str(d), str(out), partitions=5, quiet=True)
    want = cli("build", "--jsonl", allf, "-o", "-", "-q")
    got = parts(out)
    assert len(want.splitlines()) > 1000
    assert got == want
    cm = cli_manifest(cli, allf, tmp_path)
    assert m["counts"] == cm["counts"]
    strip = lambda i: {k: v for k, v in i.items() if k != "path"}
    assert [strip(i) for i in m["inputs"]] == [strip(i) for i in cm["inputs"]]
    # bad records name their own file and line, with the CLI's message for that file
    cfile = str(d / "c.jsonl")
    bad = [(s["reason"], s["path"].lstrip("/"), s["line"]) for s in m["skipped"]]
    c = cfile.lstrip("/")
    for line in (1, 2, 3, 5, 6, 9):
        assert ("bad-record", c, line) in bad, (line, bad)
    assert ("empty", f"{c}:8", None) in bad
    assert ("no-kazakh-partner", f"{c}:7", None) in bad
    assert len(m["skipped"]) == 8
    alone = cli_manifest(cli, d / "c.jsonl", tmp_path / "c")
    same_file = [s for s in m["skipped"] if s["path"].endswith("c.jsonl") and "already given on /" not in s["message"]]
    assert same_file == [s for s in alone["skipped"] if s["reason"] == "bad-record"]
    assert any("already given on /" in s["message"] and s["line"] == 6 for s in m["skipped"])


def exact_dedup(lines):
    """kazpar publish's exact-duplicate rule on records in order: the first pair of each (kk, en) kept."""
    seen, out = set(), []
    for line in lines:
        r = json.loads(line)
        if r["kk"] is not None and r["en"] is not None:
            key = (r["kk"], r["en"])
            if key in seen:
                continue
            seen.add(key)
        out.append(line)
    return out


def test_dedup(spark, cli, tmp_path, gen):
    d, allf = gen
    out = tmp_path / "out"
    m = kspark.build(spark, str(d), str(out), partitions=4, dedup=True, quiet=True)
    want_all = cli("build", "--jsonl", allf, "-o", "-", "-q").decode().splitlines()
    want = exact_dedup(want_all)
    assert len(want) < len(want_all)
    assert parts(out).decode().splitlines() == want
    assert m["counts"]["exact_duplicates_removed"] == len(want_all) - len(want)


def test_module_command(tmp_path, gen):
    d, _ = gen
    out = tmp_path / "out"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    p = subprocess.run(
        [sys.executable, "-m", "kazpar.spark", "build", "--jsonl", str(d), "-o", str(out), "--master", "local[2]", "--partitions", "3"],
        capture_output=True,
        env=env,
    )
    assert p.returncode == 1, p.stderr.decode()[-3000:]
    err = p.stderr.decode()
    assert f"kazpar: skipped {d / 'c.jsonl'}:1: bad record" in err
    assert (out / "_SUCCESS").exists() and (out / "manifest.json").exists()


def test_existing_output_is_fatal(tmp_path, gen):
    d, _ = gen
    out = tmp_path / "out"
    out.mkdir()
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    p = subprocess.run(
        [sys.executable, "-m", "kazpar.spark", "build", "--jsonl", str(d), "-o", str(out), "--master", "local[1]", "-q"],
        capture_output=True,
        env=env,
    )
    assert p.returncode == 2, p.stderr.decode()[-3000:]
    assert "kazpar: error:" in p.stderr.decode()
