"""The batch forms inside Hugging Face `datasets.Dataset.map(batched=True)`."""

import datasets

import kazpar
from conftest import CORPUS


def test_dataset_map_batched():
    rows = [{"text": line} for p in sorted((CORPUS / "kk").glob("*.txt")) for line in p.read_bytes().decode("utf-8").splitlines() if line.strip()]
    ds = datasets.Dataset.from_list(rows)
    out = ds.map(lambda b: {"clean": kazpar.normalize_batch(b["text"], "kk")}, batched=True, batch_size=8)
    out = out.map(lambda b: {"sents": kazpar.split_batch(b["clean"], "kk")}, batched=True, batch_size=8)
    assert len(out) == len(rows)
    for row in out:
        assert row["clean"] == kazpar.normalize(row["text"], "kk")
        assert row["sents"] == kazpar.split(row["clean"], "kk")
    assert sum(len(s) for s in out["sents"]) > len(rows)
