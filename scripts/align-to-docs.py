#!/usr/bin/env python3
"""Turn alignment dev sets (``{doc, kk_text, en_text, ...}`` per line, e.g.
``../shared/data/align/*/clean.jsonl``) into ``kazpar build --jsonl`` documents.

Usage: scripts/align-to-docs.py IN.jsonl [IN2.jsonl ...] > docs.jsonl

Each input line gives one Kazakh and one English record with the same id.
Every third document also gets a date and a title, so that the
`date <date> <title>` header synthesis of ``build --jsonl`` is exercised too.
Ids are prefixed with the input's index when several files are given, so that
documents of different files never collide.
"""
import json
import sys


def main(paths):
    if not paths:
        sys.exit(__doc__)
    out = sys.stdout
    for f, path in enumerate(paths):
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if not line.strip():
                    continue
                r = json.loads(line)
                doc = r["doc"] if len(paths) == 1 else f"{f}-{r['doc']}"
                for lang in ("kk", "en"):
                    rec = {"id": doc, "lang": lang, "text": r[f"{lang}_text"]}
                    if n % 3 == 0:
                        rec["date"] = "2025-11-%02d" % (n % 28 + 1)
                        rec["title"] = f"{doc} ({lang})"
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
