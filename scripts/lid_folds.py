"""The cross-validation folds of the lid/ dev data, shared by make-lang-model.py and eval-lang.py.

Items are split so that nothing about a held-out item is seen in training:
- a FLORES-200 line goes to one fold in all 15 languages (the same sentence
  in Tatar and Bashkir shares its names: splitting by item id would leak them);
- an NTREX-128 sentence goes with its whole news document (the held-out
  Kazakh and English are other documents);
- a lid/docs.jsonl document made of NTREX sentences goes with its news
  document; the others (FLORES Russian, Kyrgyz, Tatar) by their own id.
Fold = first byte of md5(key) mod 2.
"""
import hashlib
import json
import os


def fold_of_key(key):
    return hashlib.md5(key.encode()).digest()[0] % 2


def key_of_id(item_id):
    parts = item_id.split("/")
    if parts[0].startswith("flores"):
        return "flores:" + parts[-1]
    if parts[0].startswith("ntrex"):
        return "ntrex:" + parts[1]
    return item_id


def fold_of_id(item_id):
    return fold_of_key(key_of_id(item_id))


def ntrex_doc_of_text(data):
    """Map each NTREX sentence text (kk and en) to its document key."""
    out = {}
    p = os.path.join(data, "align", "ntrex128-dev", "clean.jsonl")
    for line in open(p, encoding="utf-8"):
        d = json.loads(line)
        key = "ntrex:" + d["doc"].split("/")[1]
        for t in d["kk_sents"] + d["en_sents"]:
            out[" ".join(t.split())] = key
    return out


def fold_of_doc(doc, ntrex):
    """The fold of a lid/docs.jsonl document."""
    for t in doc["text"].split("\n"):
        key = ntrex.get(" ".join(t.split()))
        if key:
            return fold_of_key(key)
    return fold_of_key(doc["id"])
