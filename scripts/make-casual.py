#!/usr/bin/env python3
"""Make an English splitter test set in the style of web text from an edited one.

    scripts/make-casual.py GOLD.jsonl SEED OUT.jsonl

GOLD is a file in the ../shared/data/split format ({doc, text, sentences}),
e.g. split/gum_dev_term.jsonl. Each document gets a writer who drops capitals
at a rate drawn from 0.3 / 0.6 / 0.9: that share of its sentences starts in
lower case, and in that share of its sentences the pronoun `I` is written `i`.
Sentences starting with an acronym keep it. Text and gold sentences change
together, so the boundaries are the same as in GOLD; score OUT with
scripts/eval-split.py --lang en.

UD English EWT (mail, reviews, forum answers) is text like this: there, a
lowercase word after a period is a new sentence as often as not, which no
edited gold here shows. This is a stand-in for it, not a copy of it.
"""
import json
import random
import re
import sys

src, seed, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)
with open(out, "w", encoding="utf-8") as o:
    for line in open(src, encoding="utf-8"):
        d = json.loads(line)
        rate = rng.choice([0.3, 0.6, 0.9])
        sents = []
        for s in d["sentences"]:
            if rng.random() < rate and s[:1].isupper() and not s[1:2].isupper():
                s = s[0].lower() + s[1:]
            if rng.random() < rate:
                s = re.sub(r"\bI\b(?=[ '’])", "i", s)
            sents.append(s)
        # the text again: the new sentences, with the old whitespace between them
        text, pos, parts = d["text"], 0, []
        for old, new in zip(d["sentences"], sents):
            i = text.index(old, pos)
            parts += [text[pos:i], new]
            pos = i + len(old)
        parts.append(text[pos:])
        d["text"], d["sentences"] = "".join(parts), sents
        o.write(json.dumps(d, ensure_ascii=False) + "\n")
