"""Every function against the CLI on the bundled corpus."""

import json

import pytest

import kazpar
from conftest import CORPUS, corpus_files, lang_of

FILES = corpus_files()
IDS = [f"{p.parent.name}/{p.name}" for p in FILES]


@pytest.mark.parametrize("path", FILES, ids=IDS)
@pytest.mark.parametrize("lang", ["kk", "en", "auto"])
def test_normalize(cli, path, lang):
    text = path.read_bytes().decode("utf-8")
    assert kazpar.normalize(text, lang=lang) == cli("normalize", "--lang", lang, str(path))
    # one line at a time, too
    for line in text.splitlines()[:20]:
        assert kazpar.normalize(line, lang=lang) == cli("normalize", "--lang", lang, input=line.encode())


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_normalize_ascii(cli, path):
    text = path.read_bytes().decode("utf-8")
    lang = lang_of(path)
    want = cli("normalize", "--lang", lang, "--punct", "ascii", str(path))
    assert kazpar.normalize(text, lang=lang, punct="ascii") == want


@pytest.mark.parametrize("path", FILES, ids=IDS)
@pytest.mark.parametrize("lang", ["kk", "en"])
def test_split_and_spans(cli, path, lang):
    text = path.read_bytes().decode("utf-8")
    lines = cli("split", "--lang", lang, "--lines", str(path)).split("\n")
    assert lines[-1] == ""
    assert kazpar.split(text, lang=lang) == lines[:-1]
    recs = [json.loads(l) for l in cli("split", "--lang", lang, str(path)).splitlines()]
    spans = kazpar.split_spans(text, lang=lang)
    b = text.encode("utf-8")
    assert [text[s:e] for s, e in spans] == [r["text"] for r in recs]
    assert [(len(b[: r["start"]].decode()), len(b[: r["end"]].decode())) for r in recs] == spans


def test_batches_equal_single_calls():
    texts = [p.read_bytes().decode("utf-8") for p in FILES] + ["", "Бір."]
    for lang in ("kk", "en"):
        assert kazpar.split_batch(texts, lang) == [kazpar.split(t, lang) for t in texts]
        assert kazpar.split_spans_batch(texts, lang) == [kazpar.split_spans(t, lang) for t in texts]
        assert kazpar.normalize_batch(texts, lang) == [kazpar.normalize(t, lang) for t in texts]


def pairs():
    return [(k, CORPUS / "en" / k.name) for k in sorted((CORPUS / "kk").glob("*.txt")) if (CORPUS / "en" / k.name).exists()]


@pytest.mark.parametrize("kk,en", pairs(), ids=[k.name for k, _ in pairs()])
def test_align_presplit(cli, tmp_path, kk, en):
    ks = kazpar.split(kk.read_bytes().decode("utf-8"), "kk")
    es = kazpar.split(en.read_bytes().decode("utf-8"), "en")
    (tmp_path / "kk.txt").write_text("\n".join(ks) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(es) + "\n", encoding="utf-8")
    want = [
        json.loads(l)
        for l in cli("align", "--presplit", "--doc", "d", str(tmp_path / "kk.txt"), str(tmp_path / "en.txt")).splitlines()
    ]
    got = kazpar.align(ks, es, doc="d")
    assert got == want
    assert len(got) > 0 and all({"kk_idx", "en_idx", "score"} <= set(r) for r in got)
    # without the core word list, as `--no-word-list`
    args = ("align", "--presplit", "--no-word-list", "--doc", "d", str(tmp_path / "kk.txt"), str(tmp_path / "en.txt"))
    assert kazpar.align(ks, es, doc="d", word_list=False) == [json.loads(l) for l in cli(*args).splitlines()]


def test_align_without_the_word_list_pairs_by_length():
    # the English side lost the first sentence; lengths favour the wrong pair,
    # and the words the core list knows (school, new, books) say which
    kk = ["Өзен қыста толығымен қатып қалды.", "Мектеп кеше жаңа кітаптар алды."]
    en = ["Yesterday the school got some new books."]
    kinds = lambda recs: [r["kind"] for r in recs]
    assert kinds(kazpar.align(kk, en)) == ["1-0", "1-1"]
    assert kinds(kazpar.align(kk, en, word_list=False)) == ["1-1", "1-0"]


def corpus_docs():
    docs = []
    for p in FILES:
        text = p.read_bytes().decode("utf-8")
        d = {"id": p.stem, "lang": lang_of(p), "text": text}
        first, _, rest = text.partition("\n")
        if first.startswith("date "):
            _, date, title = first.split(" ", 2)
            d = {"id": p.stem, "lang": lang_of(p), "date": date, "title": title, "text": rest}
        docs.append(d)
    return docs


def test_build_corpus(cli):
    docs = corpus_docs()
    jsonl = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs).encode()
    want = [json.loads(l) for l in cli("build", "--jsonl", "-", "-o", "-", "-q", input=jsonl).splitlines()]
    got = kazpar.build(docs)
    assert got == want
    assert len(got) > 50
    want = [json.loads(l) for l in cli("build", "--jsonl", "-", "-o", "-", "-q", "--no-word-list", input=jsonl).splitlines()]
    assert kazpar.build(docs, word_list=False) == want


def test_build_skips_like_the_cli(cli):
    docs = corpus_docs()[:2] + [{"id": "orphan", "lang": "en", "text": "No Kazakh partner."}, {"id": "x", "lang": "de", "text": "?"}]
    with pytest.raises(ValueError, match="cannot be used"):
        kazpar.build(docs)
    jsonl = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs).encode()
    want = [json.loads(l) for l in cli("build", "--jsonl", "-", "-o", "-", "-q", input=jsonl).splitlines()]
    assert kazpar.build(docs, errors="skip") == want


def test_errors_are_value_errors():
    with pytest.raises(ValueError, match="lang"):
        kazpar.split("x", lang="de")
    with pytest.raises(ValueError, match="lang"):
        kazpar.normalize("x", lang="xx")
    with pytest.raises(ValueError, match="punct"):
        kazpar.normalize("x", punct="no")
    with pytest.raises(ValueError, match="line break"):
        kazpar.align(["a\nb"], ["c"])
    with pytest.raises(ValueError, match="blank"):
        kazpar.align([" "], ["c"])
    with pytest.raises(ValueError, match="dict"):
        kazpar.build(["not a dict"])
    with pytest.raises(ValueError, match="reference stream 0"):
        kazpar.corpus_bleu(["a", "b"], [["a"]])
    with pytest.raises(ValueError, match="no references"):
        kazpar.corpus_chrf(["a"], [])
    with pytest.raises(ValueError, match="tokenize"):
        kazpar.corpus_bleu(["a"], [["a"]], tokenize="zz")
    with pytest.raises(TypeError):
        kazpar.split(3)
