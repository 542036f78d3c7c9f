#!/usr/bin/env python3
"""Compare kazpar's SentencePiece encoder and spBLEU with Python's sentencepiece
and sacreBLEU 2.6.0, on models trained here on the bundled corpus (never
downloaded). Run through scripts/check-spm.sh.

  check_spm.py check KAZPAR SPM_ENCODE WORKDIR [MTEVAL_DIR]
      trains fresh unigram and BPE models (nmt_nfkc, identity, byte fallback,
      user-defined symbols, ...), compares `" ".join(EncodeAsPieces(line))`
      with kazpar's on the corpus, edge cases and random lines, then compares
      `kazpar eval --tokenize flores200/flores101/spm/spBLEU-1K --spm-model M`
      with sacreBLEU (models placed in $SACREBLEU/models/, which must be set);
      MTEVAL_DIR (ref.*, hyp/*) adds its lines and systems. Exits 1 on any mismatch.
  check_spm.py tokens SPM_ENCODE WORKDIR [MTEVAL_DIR]
      the tokenization part alone, against the running sentencepiece release
      (kazpar's --spm-version of the same number: 0.2.3 or 0.2.0).
  check_spm.py fixtures DIR
      writes the test fixtures of crates/eval/tests/spm.rs (see DIR/README.md).
"""
import glob
import json
import os
import random
import shutil
import subprocess
import sys

import sentencepiece as spm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def corpus_lines():
    lines = []
    for path in sorted(glob.glob(os.path.join(ROOT, "corpus", "*", "*.txt"))):
        with open(path, encoding="utf-8", newline="\n") as f:
            lines += [l.rstrip("\n") for l in f]
    return lines


def edge_cases():
    return [
        "", " ", "   ", "\t", " \t \t ", "a", "a  b", "   leading", "trailing   ",
        "many     spaces    inside", "a\tb\tc", "tab\t\tdouble", "a\u3000b\u3000\u3000c",
        "\u00a0nbsp\u00a0", "\u2002en\u2003em\u2009thin", "ＡＢＣ ａｂｃ １２３", "Ｑａｚａｑ",
        "ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ", "…", "wait… what…", "½ ² ³ ㎏ ℃ № ™ Ⅻ", "① ② ⑩", "ｶﾀｶﾅ",
        "😀", "😀😀😀 x", "x 😀 y 😀😀", "👍🏽 🇰🇿 👨‍👩‍👧", "Ωψ", "漢字かなカナ", "ქართული",
        "עברית", "العربية", "🜁🜂", "\U0010fffd", "a" * 300, "Әділет" * 40,
        "Қазақстан Kazakhstan 2024ж. — «Egemen»", "е\u0301 e\u0301 é", "\u0001\u0007ctrl\u001f",
        "zero\u200bwidth\u200d\u200cj", "soft\u00adhyphen", "\ufeffbom", "\u2581 literal ▁▁ block",
        "<unk> <s> </s> <0x41> <pad>", "1234567890 3.14 1,000,000", "«»—–“”‘’„‹›",
        "ӘәҒғҚқҢңӨөҰұҮүҺһІі", "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ", "a\rb", "\x0b vt \x0c ff", "line\u2028sep",
        "next\u0085line", "ＫＡＺＡＫ　ＳＰＡＣＥ", "Ⓐⓑⓒ", "ſ ß ẞ İ ı", "ǅ ǈ ǋ", "🄰🄱", "x" * 2000,
    ]


POOL = (
    "abcdefghijklmnopqrstuvwxyz ABCXYZ 0123456789 .,;:!?-'\"()"
    "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя ӘҒҚҢӨҰҮҺІ"
    "     \t\u3000\u00a0\u200b\u2581ＡＢｃ１ﬁﬂ…½²㎏😀👍🇰🇿漢字Ωψ\u0301\u00adé€£¥"
)


def random_lines(n, seed):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        k = rng.choice([1, 2, 3, 5, 8, 13, 30, 80])
        out.append("".join(rng.choice(POOL) for _ in range(k)))
    return out


def variants(lines):
    """Corpus lines made harder: case, full-width letters, extra spaces, tabs."""
    out = []
    fw = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}
    for i, l in enumerate(lines):
        if not l.strip():
            continue
        out.append(l.upper())
        out.append("".join(fw.get(c, c) for c in l[:80]))
        out.append("  " + l.replace(" ", "   ") + " \t")
        out.append(l.replace(" ", "\t", 3))
        if i % 3 == 0:
            out.append(l.lower() + " " + l[::-1])
    return out


MODELS = [
    # name, trainer options
    ("unigram_nmt_nfkc", dict(model_type="unigram", vocab_size=500)),
    ("bpe_nmt_nfkc", dict(model_type="bpe", vocab_size=500)),
    ("unigram_identity", dict(model_type="unigram", vocab_size=500, normalization_rule_name="identity")),
    ("bpe_identity", dict(model_type="bpe", vocab_size=500, normalization_rule_name="identity")),
    ("unigram_byte_fallback", dict(model_type="unigram", vocab_size=800, byte_fallback=True)),
    ("bpe_byte_fallback", dict(model_type="bpe", vocab_size=800, byte_fallback=True,
                               normalization_rule_name="nfkc")),
    ("unigram_user_symbols", dict(model_type="unigram", vocab_size=500,
                                  user_defined_symbols=["Қазақстан", "<br>", "2024", "ab"],
                                  add_dummy_prefix=False, normalization_rule_name="nmt_nfkc_cf")),
    ("bpe_user_symbols", dict(model_type="bpe", vocab_size=500,
                              user_defined_symbols=["Қазақстан", "<br>", "2024", "ab"],
                              remove_extra_whitespaces=False)),
    ("unigram_suffix", dict(model_type="unigram", vocab_size=500, treat_whitespace_as_suffix=True,
                            split_digits=True)),
    ("bpe_low_coverage", dict(model_type="bpe", vocab_size=400, character_coverage=0.98)),
]


def train(workdir, train_text, name, opts):
    prefix = os.path.join(workdir, name)
    spm.SentencePieceTrainer.train(
        input=train_text, model_prefix=prefix, minloglevel=2, num_threads=1,
        hard_vocab_limit=False, **opts)
    return prefix + ".model"


def py_tokenize(model, lines):
    sp = spm.SentencePieceProcessor(model_file=model)
    return [" ".join(sp.EncodeAsPieces(l)) for l in lines]


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for l in lines:
            f.write(l + "\n")


def make_fixtures(folder):
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, "_train.txt")
    write_lines(tmp, [l for l in corpus_lines() if l.strip()])
    specs = {
        "unigram_nmt_nfkc": dict(model_type="unigram", vocab_size=500),
        "bpe_identity_byte_fallback": dict(model_type="bpe", vocab_size=700, byte_fallback=True,
                                           normalization_rule_name="identity"),
    }
    lines = corpus_lines()[:40] + edge_cases() + random_lines(60, 7)
    for name, opts in specs.items():
        model = train(folder, tmp, name, opts)
        os.remove(os.path.join(folder, name + ".vocab"))
        sp = spm.SentencePieceProcessor(model_file=model)
        with open(os.path.join(folder, name + ".expected.jsonl"), "w", encoding="utf-8") as f:
            for l in lines:
                f.write(json.dumps({"text": l, "pieces": sp.EncodeAsPieces(l)}, ensure_ascii=False) + "\n")
    os.remove(tmp)
    print(f"fixtures written to {folder} (sentencepiece {spm.__version__}), {len(lines)} lines each")


def read(path):
    # exactly as sacreBLEU's CLI reads a file
    with open(path, encoding="utf-8", newline="\n") as f:
        return [line.rstrip() for line in f]


def perturb(lines, seed):
    rng = random.Random(seed)
    out = []
    for l in lines:
        w = l.split()
        for _ in range(rng.randrange(1, 4) if len(w) > 3 else 0):
            op = rng.randrange(4)
            i = rng.randrange(len(w) - 1)
            if op == 0:
                del w[i]
            elif op == 1:
                w[i], w[i + 1] = w[i + 1], w[i]
            elif op == 2:
                w[i] = w[i].upper()
            else:
                w.insert(i, rng.choice(["the", "және", "😀", "ＡＢ"]))
        out.append(" ".join(w))
    return out


def test_lines(mteval):
    """The lines every model tokenizes, and the MTEVAL_DIR references and systems."""
    base = corpus_lines()
    extra_lines, systems, mt_refs = [], [], []
    if mteval:
        ref_files = sorted(glob.glob(os.path.join(mteval, "ref.*")))
        mt_refs = [read(p) for p in ref_files]
        systems = [(os.path.basename(p), read(p)) for p in sorted(glob.glob(os.path.join(mteval, "hyp", "*")))]
        extra_lines = [l for r in mt_refs for l in r] + [l for _, h in systems for l in h]
    long_line = " ".join(l for l in base if l.strip())
    lines = (base + edge_cases() + [long_line, long_line * 4, "漢" * 12000] + variants(base)
             + random_lines(1000, 1) + extra_lines)
    return lines, len(extra_lines), mt_refs, systems


def check_tokens(spm_encode, workdir, lines, compat):
    """Train every model of MODELS with this sentencepiece and compare the pieces
    of `lines` with kazpar's (`spm_encode MODEL COMPAT`); returns (models, mismatches)."""
    os.makedirs(workdir, exist_ok=True)
    train_text = os.path.join(workdir, "train.txt")
    write_lines(train_text, [l for l in corpus_lines() if l.strip()])
    lines_file = os.path.join(workdir, "lines.txt")
    write_lines(lines_file, lines)
    failures = 0
    models = {}
    for name, opts in MODELS:
        model = train(workdir, train_text, name, opts)
        models[name] = model
        want = py_tokenize(model, lines)
        with open(lines_file, "rb") as f:
            got = subprocess.run([spm_encode, model, compat], stdin=f, check=True,
                                 capture_output=True).stdout.decode("utf-8").split("\n")[:-1]
        bad = [i for i, (a, b) in enumerate(zip(got, want)) if a != b]
        if len(got) != len(want):
            bad.append(-1)
        for i in bad[:5]:
            if i < 0:
                print(f"  {name}: {len(got)} lines from kazpar, {len(want)} from sentencepiece")
            else:
                k = next((j for j, (x, y) in enumerate(zip(got[i], want[i])) if x != y),
                         min(len(got[i]), len(want[i])))
                a = max(0, k - 60)
                print(f"  MISMATCH {name} line {i + 1} {lines[i][:200]!r}: from character {k}\n"
                      f"    kazpar        {got[i][a:k + 60]!r}\n    sentencepiece {want[i][a:k + 60]!r}")
        sp = spm.SentencePieceProcessor(model_file=model)
        kind = "unigram" if opts["model_type"] == "unigram" else "bpe"
        print(f"tokenize {name} ({kind}, {sp.GetPieceSize()} pieces, sentencepiece {spm.__version__}): "
              f"{len(want)} lines, {len(bad)} mismatches")
        failures += len(bad)
    return models, failures


def tokens_only(spm_encode, workdir, mteval=None):
    """The tokenization check alone, for another sentencepiece release (kazpar's
    `Compat` of the same version)."""
    lines, n_extra, _, _ = test_lines(mteval)
    print(f"sentencepiece {spm.__version__}: {len(lines)} lines per model ({n_extra} from "
          f"{mteval or 'no MTEVAL_DIR'})")
    _, failures = check_tokens(spm_encode, workdir, lines, spm.__version__)
    print(f"check-spm (sentencepiece {spm.__version__}): {failures} mismatches")
    return 1 if failures else 0


def check(kazpar, spm_encode, workdir, mteval=None):
    sacre_dir = os.environ.get("SACREBLEU")
    if not sacre_dir:
        sys.exit("check_spm.py: set SACREBLEU to a scratch folder (the models are placed in it)")
    import sacrebleu
    from sacrebleu.metrics import BLEU

    lines, n_extra, mt_refs, systems = test_lines(mteval)
    base = corpus_lines()
    print(f"sentencepiece {spm.__version__}, sacreBLEU {sacrebleu.__version__}; "
          f"{len(lines)} lines per model ({n_extra} from {mteval or 'no MTEVAL_DIR'})")
    models, failures = check_tokens(spm_encode, workdir, lines, spm.__version__)

    # spBLEU through sacreBLEU, which finds our models where it caches its downloads.
    placed = {
        "flores200": ("flores200sacrebleuspm", "unigram_nmt_nfkc"),
        "flores101": ("sacrebleu_tokenizer_spm.model", "bpe_nmt_nfkc"),
        "spm": ("sacrebleu_tokenizer_spm.model", "bpe_nmt_nfkc"),
        "spBLEU-1K": ("spbleu-1k_tokenizer_spm.model", "unigram_byte_fallback"),
    }
    os.makedirs(os.path.join(sacre_dir, "models"), exist_ok=True)
    for tok, (basename, name) in placed.items():
        shutil.copyfile(models[name], os.path.join(sacre_dir, "models", basename))
    refs = [l for l in base if l.strip()]
    hyps = perturb(refs, 3)
    ref_file, hyp_file = os.path.join(workdir, "ref.txt"), os.path.join(workdir, "hyp.txt")
    write_lines(ref_file, refs)
    write_lines(hyp_file, hyps)
    cases = [(tok, "corpus", [ref_file], hyp_file, [refs], hyps, []) for tok in placed]
    cases.append(("flores200", "corpus lowercase", [ref_file], hyp_file, [refs], hyps, ["--lowercase"]))
    for sname, sh in systems:
        files = sorted(glob.glob(os.path.join(mteval, "ref.*")))
        cases.append(("flores200", sname, files, os.path.join(mteval, "hyp", sname), mt_refs, sh, []))
    checked = 0
    for tok, label, ref_files, hfile, rs, hs, extra in cases:
        lc = "--lowercase" in extra
        ref_args = sum((["--ref", r] for r in ref_files), [])
        out = subprocess.run(
            [kazpar, "eval", *ref_args, "--hyp", hfile, "--tokenize", tok, "--spm-model",
             models[placed[tok][1]], "--sentence-level", "--format", "json", *extra],
            check=True, capture_output=True, text=True).stdout
        ours = json.loads(out)["bleu"]
        m = BLEU(tokenize=tok, lowercase=lc)
        theirs = m.corpus_score(hs, rs).score
        sig = m.get_signature().format().rsplit("|version:", 1)[0]
        bad = 0
        if ours["score"] != theirs:
            print(f"  MISMATCH {tok} {label} BLEU: kazpar {ours['score']!r} sacreBLEU {theirs!r}")
            bad += 1
        if not ours["signature"].startswith(sig + "|version:kazpar-"):
            print(f"  MISMATCH {tok} {label} signature: {ours['signature']} vs {sig}")
            bad += 1
        sm = BLEU(tokenize=tok, lowercase=lc, effective_order=True)
        sent_bad = 0
        for i, h in enumerate(hs):
            s = sm.sentence_score(h, [r[i] for r in rs]).score
            if ours["scores"][i] != s:
                sent_bad += 1
                if sent_bad <= 3:
                    print(f"  MISMATCH {tok} {label} segment {i + 1}: {ours['scores'][i]!r} vs {s!r}")
        checked += 1 + len(hs)
        print(f"spBLEU {tok} {label}: kazpar {ours['score']!r} sacreBLEU {theirs!r}, "
              f"{len(hs)} sentence scores, {sent_bad} differ; signature {sig}")
        failures += bad + sent_bad

    # sacreBLEU's own command line: the text line, version aside.
    env = dict(os.environ)
    cli = subprocess.run(["sacrebleu", ref_file, "-i", hyp_file, "--tokenize", "flores200", "-f", "text",
                          "-w", "4"], check=True, capture_output=True, text=True, env=env).stdout.strip()
    ours = subprocess.run([kazpar, "eval", "--ref", ref_file, "--hyp", hyp_file, "--tokenize", "flores200",
                           "--spm-model", models["unigram_nmt_nfkc"], "-w", "4"],
                          check=True, capture_output=True, text=True).stdout.strip()
    strip = lambda s: s.split("|version:")[0] + " =" + s.split(" = ", 1)[1]
    if strip(cli) != strip(ours):
        print(f"  MISMATCH sacrebleu CLI text:\n    {cli}\n    {ours}")
        failures += 1
    print(f"sacrebleu CLI: {cli}\nkazpar eval:   {ours}")
    print(f"check-spm: {failures} mismatches ({checked} BLEU scores compared)")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "fixtures":
        make_fixtures(sys.argv[2])
    elif len(sys.argv) in (5, 6) and sys.argv[1] == "check":
        sys.exit(check(*sys.argv[2:]))
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "tokens":
        sys.exit(tokens_only(*sys.argv[2:]))
    else:
        sys.exit(__doc__)
