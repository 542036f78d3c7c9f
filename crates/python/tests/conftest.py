"""Shared fixtures: the CLI binary (KAZPAR_BIN, or target/release/kazpar) and the bundled corpus."""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("KAZPAR_BIN") or str(ROOT / "target" / "release" / "kazpar")
    if not os.path.exists(path):
        pytest.fail(f"the kazpar CLI is not at {path} (build it: cargo build --release, or set KAZPAR_BIN)")

    def run(*args, input=None):
        p = subprocess.run([path, *args], input=input, capture_output=True, check=False)
        assert p.returncode in (0, 1), p.stderr.decode()
        return p.stdout.decode("utf-8")

    return run


def corpus_files():
    return sorted((CORPUS / "kk").glob("*.txt")) + sorted((CORPUS / "en").glob("*.txt"))


def lang_of(path):
    return path.parent.name
