#!/usr/bin/env python3
"""Score kazpar's normalizer on clean sentences corrupted on purpose.

    scripts/eval-normalize.py DATA.jsonl [DATA.jsonl ...] [--seed 1] [--bin PATH]

Takes the Kazakh and English sentences of files in the ../shared/data/align
format (`kk_sents`, `en_sents`). Originals that already contain what the
normalizer repairs (soft hyphens, Latin letters inside Cyrillic words, …,
found by an independent check written here) are counted and set aside; the
rest are "clean". Each clean sentence is corrupted with one kind of damage
at a time (seeded), and with three kinds mixed, and run through
`kazpar normalize --lang kk|en`; a sentence is restored when the output
equals the original exactly. Also reports how many clean originals the
normalizer changed (false changes; the target is 0). KZ_MISS=N in the
environment prints N failures per kind (default 1), KZ_INPUT=1 the damaged
input of each too.
"""
import argparse
import codecs
import json
import os
import random
import re
import subprocess
import unicodedata

ap = argparse.ArgumentParser()
ap.add_argument("data", nargs="+")
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "kazpar"))
args = ap.parse_args()

CYR = re.compile(r"[\u0400-\u04ff]")
LAT = re.compile(r"[A-Za-z]")
TO_LAT = dict(zip("асеорхуіһАВСЕНІКМОРТХУ", "aceopxyihABCEHIKMOPTXY"))
TO_CYR = {v: k for k, v in TO_LAT.items()}
SCHWA = {"ә": "ə", "Ә": "Ə", "ө": "ɵ", "Ө": "Ɵ", "ң": "ӊ", "Ң": "Ӊ"}
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
ODD_SPACES = "\u00a0\u2009\u202f\u2002\u2003"


def dirty(s):
    """Independent cleanliness check: what a clean original must not hold."""
    if any(c in s for c in INVISIBLE + ODD_SPACES) or s != s.strip() or "  " in s or "\t" in s:
        return True
    if any(unicodedata.category(c) == "Cc" for c in s) or unicodedata.normalize("NFC", s) != s:
        return True
    if any(c in s for c in "əƏɵƟӊӉЈјЄєЌќЅѕҐґЎўЇїЋћ"):
        return True
    for w in re.findall(r"\w+", s):
        if CYR.search(w) and LAT.search(w):
            return True
    return False


def words(s):
    return [m.span() for m in re.finditer(r"\w+", s)]


def in_words(s, rng, fn, share=0.3):
    out, last = [], 0
    for a, b in words(s):
        out.append(s[last:a])
        w = s[a:b]
        out.append(fn(w) if rng.random() < share else w)
        last = b
    out.append(s[last:])
    return "".join(out)


def lookalike(s, rng, table):
    def fn(w):
        idx = [i for i, c in enumerate(w) if c in table]
        # keep the word mostly in its own script: change at most a third of its letters
        if not idx or len(w) < 3:
            return w
        k = max(1, min(len(idx), len(w) // 3))
        for i in rng.sample(idx, k):
            w = w[:i] + table[w[i]] + w[i + 1:]
        return w
    return in_words(s, rng, fn, 0.5)


def insert_chars(s, rng, chars, share=0.3):
    def fn(w):
        if len(w) < 4:
            return w
        i = rng.randrange(1, len(w) - 1)
        return w[:i] + rng.choice(chars) + w[i:]
    return in_words(s, rng, fn, share)


def spaces(s, rng):
    parts = s.split(" ")
    out = parts[0]
    for p in parts[1:]:
        out += rng.choice([" ", "  ", "\t", " \t "]) + p
    return rng.choice(["", " ", "  "]) + out + rng.choice(["", " ", "\t"])


def kz1048(s, rng):
    return s.encode("kz1048").decode("cp1251")


def moji_cp1251(s, rng):
    return s.encode("utf-8").decode("cp1251")


# cp1251 has no character for byte 0x98 (the second byte of `И`, `Ә` …): lenient
# decoders pass it through as U+0098, others put U+FFFD in its place
codecs.register_error("as-c1", lambda e: ("".join(chr(b) for b in e.object[e.start:e.end]), e.end))


def moji_cp1251_lossy(s, rng):
    return s.encode("utf-8").decode("cp1251", errors=rng.choice(["as-c1", "replace"]))


def heavy_lookalike(s, rng, table):
    """Any share of a word's letters, short words too (`тapиx`, `apa`)."""
    def fn(w):
        idx = [i for i, c in enumerate(w) if c in table]
        if not idx or len(w) < 2:
            return w
        for i in rng.sample(idx, rng.randint(1, len(idx))):
            w = w[:i] + table[w[i]] + w[i + 1:]
        return w
    return in_words(s, rng, fn, 0.5)


def short(s, rng):
    """The first 1-3 words: titles and table cells, with little evidence."""
    return " ".join(s.split()[: rng.randint(1, 3)])


def moji_latin1(s, rng):
    return s.encode("utf-8").decode("latin-1")


KINDS_KK = {
    "soft-hyphen": lambda s, r: insert_chars(s, r, "\u00ad"),
    "zero-width": lambda s, r: insert_chars(s, r, "\u200b\u200c\u200d\u2060"),
    "bom": lambda s, r: "\ufeff" + s,
    "controls": lambda s, r: insert_chars(s, r, "\x01\x07\x1b\x7f\x85\x9c", 0.2),
    "odd-spaces": lambda s, r: "".join(r.choice(ODD_SPACES) if c == " " and r.random() < 0.4 else c for c in s),
    "whitespace": spaces,
    "nfd": lambda s, r: unicodedata.normalize("NFD", s),
    "latin-lookalikes": lambda s, r: lookalike(s, r, TO_LAT),
    "schwa-barred-o-en": lambda s, r: "".join(SCHWA.get(c, c) if r.random() < 0.7 else c for c in s),
    "kz1048-as-cp1251": kz1048,
    "utf8-as-cp1251": moji_cp1251,
    "utf8-as-latin1": moji_latin1,
    "utf8-as-cp1251-lossy": moji_cp1251_lossy,
    "latin-lookalikes-heavy": lambda s, r: heavy_lookalike(s, r, TO_LAT),
}
# damage to short texts (the clean original is cut first)
SHORT_KK = {"kz1048-short": kz1048, "latin-lookalikes-short": lambda s, r: heavy_lookalike(s, r, TO_LAT)}
KINDS_EN = {
    "cyrillic-lookalikes": lambda s, r: lookalike(s, r, TO_CYR),
    "soft-hyphen": KINDS_KK["soft-hyphen"],
    "odd-spaces": KINDS_KK["odd-spaces"],
    "whitespace": spaces,
    "cyrillic-lookalikes-heavy": lambda s, r: heavy_lookalike(s, r, TO_CYR),
}
SHORT_EN = {}


def run(lines, lang):
    text = "".join(l.replace("\n", " ").replace("\r", " ") + "\n" for l in lines)
    out = subprocess.run([args.bin, "normalize", "--lang", lang], input=text.encode("utf-8"),
                         capture_output=True, check=True).stdout.decode("utf-8")
    got = out.split("\n")
    return got[: len(lines)]


rng = random.Random(args.seed)
sents = {"kk": [], "en": []}
for path in args.data:
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        sents["kk"] += d["kk_sents"]
        sents["en"] += d["en_sents"]

print(f"seed {args.seed}; data: {', '.join(args.data)}")
for lang, kinds, shorts in (("kk", KINDS_KK, SHORT_KK), ("en", KINDS_EN, SHORT_EN)):
    allsents = sents[lang]
    clean = [s for s in allsents if not dirty(s)]
    print(f"\n[{lang}] {len(allsents)} sentences; {len(allsents) - len(clean)} already corrupt in the original "
          f"(set aside), {len(clean)} clean")
    out = run(clean, lang)
    false = sum(1 for a, b in zip(clean, out) if a != b)
    print(f"  false changes on clean originals: {false} of {len(clean)}")
    for a, b in zip(clean, out):
        if a != b:
            print(f"    changed: {a[:80]!r} -> {b[:80]!r}")
            break
    print(f"  {'kind':22s} {'tested':>7s} {'restored':>9s}")
    rows = list(kinds.items()) + [(n, ("short", f)) for n, f in shorts.items()]
    rows += [("mixed (3 kinds)", None)] + ([("mixed, nfd first", "nfd")] if lang == "kk" else [])
    for name, fn in rows:
        src, bad = [], []
        for s in clean:
            try:
                if fn is None or fn == "nfd":
                    pool = [k for k in kinds if k != "nfd" and k not in ("utf8-as-cp1251-lossy",)]
                    picks = rng.sample(pool, 3)
                    c = unicodedata.normalize("NFD", s) if fn == "nfd" else s
                    if fn == "nfd" and not any(k.startswith(("utf8", "kz1048")) for k in picks):
                        picks[0] = "utf8-as-cp1251"
                    # byte-level damage goes last, as it happens in real pipelines
                    for k in sorted(picks, key=lambda k: k.startswith(("utf8", "kz1048"))):
                        c = kinds[k](c, rng)
                elif isinstance(fn, tuple):
                    s = short(s, rng)
                    c = fn[1](s, rng)
                else:
                    c = fn(s, rng)
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue  # e.g. cp1251 has no character for byte 0x98 (part of `И` in UTF-8)
            if c != s:
                src.append(s)
                bad.append(c)
        got = run(bad, lang)
        ok = sum(1 for a, b in zip(src, got) if a == b)
        pct = 100 * ok / len(src) if src else 0
        print(f"  {name:22s} {len(src):7d} {pct:8.2f}%")
        miss = [(a, c, b) for a, c, b in zip(src, bad, got) if a != b][:int(os.environ.get("KZ_MISS", "1"))]
        for a, c, b in miss:
            i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            lo = max(0, i - 30)
            print(f"      e.g. got {b[lo:i + 30]!r}, want {a[lo:i + 30]!r}")
            if os.environ.get("KZ_INPUT"):
                print(f"           from {c!r}")
