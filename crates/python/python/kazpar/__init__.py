"""kazpar: Kazakh–English sentence pairs, the same answers as the ``kazpar`` CLI, in process.

The work is done by kazpar's Rust crates (the native module ``kazpar._kazpar``);
this package only converts types. Errors are ``ValueError``.

>>> import kazpar
>>> kazpar.split("Бұл бірінші сөйлем. Бұл екінші сөйлем.")
['Бұл бірінші сөйлем.', 'Бұл екінші сөйлем.']
"""

import json as _json
from typing import Any, Dict, Iterable, List, Mapping

from . import _kazpar
from ._kazpar import (
    SACREBLEU_VERSION,
    Score,
    corpus_bleu,
    corpus_chrf,
    corpus_ter,
    normalize,
    normalize_batch,
    sentence_bleu,
    sentence_chrf,
    sentence_ter,
    split,
    split_batch,
    split_spans,
    split_spans_batch,
)

__all__ = [
    "SACREBLEU_VERSION",
    "Score",
    "align",
    "build",
    "corpus_bleu",
    "corpus_chrf",
    "corpus_ter",
    "normalize",
    "normalize_batch",
    "sentence_bleu",
    "sentence_chrf",
    "sentence_ter",
    "split",
    "split_batch",
    "split_spans",
    "split_spans_batch",
]
__version__ = "0.1.0"


def align(kk: List[str], en: List[str], doc: str = "doc", word_list: bool = True) -> List[Dict[str, Any]]:
    """Align two lists of sentences, as ``kazpar align --presplit --doc DOC`` does
    with one sentence per line of each file (``word_list=False``: as with
    ``--no-word-list``, without kazpar's core Kazakh–English word list).

    One dict per bead, in order, the CLI's record: ``kk_idx`` and ``en_idx``
    (0-based indexes into ``kk`` and ``en``), ``score``, ``kind`` ("1-1", "2-1",
    "1-0", …), ``kk``/``en`` (the sentences joined by a space, or None), ``id``,
    ``doc``, ``date``, and ``kk_spans``/``en_spans`` (UTF-8 byte ranges in the
    sentences joined by newlines). A sentence must be non-blank and contain no
    line break (``ValueError`` otherwise).

    >>> [(b["kk_idx"], b["en_idx"]) for b in kazpar.align(
    ...     ["Инфляция 12,6 пайыз болды.", "Жалақы өсті."],
    ...     ["Inflation was 12.6 percent.", "Wages rose."])]
    [([0], [0]), ([1], [1])]
    """
    kk, en = list(kk), list(en)
    for name, side in (("kk", kk), ("en", en)):
        for i, s in enumerate(side):
            if not isinstance(s, str):
                raise ValueError(f"{name}[{i}]: expected a str, got {type(s).__name__}")
    out = _kazpar.align_jsonl(kk, en, doc, bool(word_list))
    return [_json.loads(line) for line in out.splitlines()]


def build(docs: Iterable[Mapping[str, Any]], errors: str = "raise", word_list: bool = True) -> List[Dict[str, Any]]:
    """Build pair records from documents, as ``kazpar build --jsonl - -o -`` does
    (``word_list=False``: as with ``--no-word-list``).

    ``docs`` are dicts in the ``build --jsonl`` record shape,
    ``{"id", "lang": "kk"|"en", "date"?, "title"?, "text"}``; a Kazakh and an English
    document with the same id are translations. The result is the records the CLI
    prints, in order (``id``, ``doc``, ``date``, ``kk``, ``en``, ``kind``,
    ``score``, ``kk_idx``, ``en_idx``, ``kk_spans``, ``en_spans``).
    Documents the CLI would skip (bad records, empty texts, English without a
    Kazakh partner) raise ``ValueError`` naming them; with ``errors="skip"`` they
    are left out, as the CLI does.

    >>> recs = kazpar.build([
    ...     {"id": "d1", "lang": "kk", "text": "Инфляция 12,6 пайыз болды. Жалақы өсті."},
    ...     {"id": "d1", "lang": "en", "text": "Inflation was 12.6 percent. Wages rose."}])
    >>> [(r["id"], r["kind"], r["en"]) for r in recs]
    [('d1-0000', '1-1', 'Inflation was 12.6 percent.'), ('d1-0001', '1-1', 'Wages rose.')]
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
    lines = []
    for i, d in enumerate(docs):
        if not isinstance(d, Mapping):
            raise ValueError(f"docs[{i}]: expected a dict, got {type(d).__name__}")
        try:
            lines.append(_json.dumps(dict(d), ensure_ascii=False))
        except (TypeError, ValueError) as e:
            raise ValueError(f"docs[{i}]: not JSON-serializable: {e}") from None
    out, skipped = _kazpar.build_jsonl(("\n".join(lines) + "\n").encode("utf-8"), bool(word_list))
    if skipped and errors == "raise":
        msgs = []
        for s in skipped:
            s = _json.loads(s)
            msgs.append("; ".join(f"{k}: {v}" for k, v in s.items()))
        raise ValueError(
            f"{len(skipped)} document(s) cannot be used (lines are 1-based positions in docs): "
            + " | ".join(msgs)
        )
    return [_json.loads(line) for line in out.splitlines()]
