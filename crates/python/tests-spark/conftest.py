"""Fixtures of the Spark job's tests: the CLI, a local[2] SparkSession, the bundled corpus as records."""

import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus"


def cli_path():
    return os.environ.get("KAZPAR_BIN") or str(ROOT / "target" / "release" / "kazpar")


@pytest.fixture(scope="session")
def cli():
    path = cli_path()
    if not os.path.exists(path):
        pytest.fail(f"the kazpar CLI is not at {path} (build it: cargo build --release, or set KAZPAR_BIN)")

    def run(*args):
        p = subprocess.run([path, *map(str, args)], capture_output=True, check=False)
        assert p.returncode in (0, 1), p.stderr.decode()
        return p.stdout

    return run


@pytest.fixture(scope="session")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    s = (
        SparkSession.builder.master("local[2]")
        .appName("kazpar tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def corpus_docs():
    """The bundled corpus as `build --jsonl` records (kk files, then en files)."""
    docs = []
    for p in sorted((CORPUS / "kk").glob("*.txt")) + sorted((CORPUS / "en").glob("*.txt")):
        text = p.read_bytes().decode("utf-8")
        d = {"id": p.stem, "lang": p.parent.name, "text": text}
        first, _, rest = text.partition("\n")
        if first.startswith("date "):
            _, date, title = first.split(" ", 2)
            d = {"id": p.stem, "lang": p.parent.name, "date": date, "title": title, "text": rest}
        docs.append(d)
    return docs


def jsonl(docs):
    return "".join(d if isinstance(d, str) else json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
