"""The metrics against sacreBLEU 2.6.0 (installed in the venv) and `kazpar eval` on our fixtures."""

import json

import pytest
import sacrebleu

import kazpar

HYPS = [
    "Инфляция 12,6 пайыз болды.",
    "The cat sat on the mat.",
    "Жалақы өсті, бірақ баға да өсті!",
    "",
    "Wages rose by 5 percent in October 2025.",
    "  trailing   spaces   ",
    "«Қазақстан» — Орталық Азиядағы мемлекет.",
    "A completely different sentence",
    "Mr. Smith's dog (aged 3) barked at 9:30 p.m.",
    "Біз дайынбыз.",
]
REFS1 = [
    "Инфляция 12,6 пайызды құрады.",
    "The cat sat on a mat.",
    "Жалақы өсті, бірақ бағалар да өсті.",
    "Empty hypothesis here.",
    "Wages rose 5 percent in October 2025.",
    "trailing spaces",
    "Қазақстан — Орталық Азиядағы мемлекет.",
    "Nothing in common at all",
    "Mr. Smith's dog, aged three, barked at 9:30 pm.",
    "Біз дайынбыз.",
]
REFS2 = [
    "Инфляция 12,6 % болды.",
    "A cat was sitting on the mat.",
    "Жалақы көтерілді, баға да өсті!",
    "",
    "In October 2025 wages went up by 5 percent.",
    "trailing  spaces",
    "«Қазақстан» Орталық Азияда.",
    "Something else entirely",
    "The dog of Mr. Smith barked.",
    "Біз дайынбыз!",
]
REFSETS = {"one": [REFS1], "two": [REFS1, REFS2]}


def close(a, b):
    assert a == pytest.approx(b, abs=1e-9), (a, b)


@pytest.mark.parametrize("refs", list(REFSETS), ids=list(REFSETS))
@pytest.mark.parametrize(
    "kw",
    [{}, {"lowercase": True}, {"tokenize": "intl"}, {"tokenize": "none"}, {"smooth_method": "floor"},
     {"smooth_method": "add-k", "smooth_value": 2.0}, {"smooth_method": "none"}, {"use_effective_order": True}],
)
def test_corpus_bleu(refs, kw):
    r = REFSETS[refs]
    close(kazpar.corpus_bleu(HYPS, r, **kw).score, sacrebleu.corpus_bleu(HYPS, r, **kw).score)


@pytest.mark.parametrize("refs", list(REFSETS), ids=list(REFSETS))
@pytest.mark.parametrize("kw", [{}, {"word_order": 2}, {"remove_whitespace": False},
                                {"eps_smoothing": True}, {"char_order": 4, "beta": 1}])
def test_corpus_chrf(refs, kw):
    r = REFSETS[refs]
    close(kazpar.corpus_chrf(HYPS, r, **kw).score, sacrebleu.corpus_chrf(HYPS, r, **kw).score)


@pytest.mark.parametrize("refs", list(REFSETS), ids=list(REFSETS))
@pytest.mark.parametrize("kw", [{}, {"case_sensitive": True}, {"normalized": True}, {"no_punct": True}])
def test_corpus_ter(refs, kw):
    r = REFSETS[refs]
    close(kazpar.corpus_ter(HYPS, r, **kw).score, sacrebleu.corpus_ter(HYPS, r, **kw).score)


@pytest.mark.parametrize("i", range(len(HYPS)))
def test_sentence_metrics(i):
    h, refs = HYPS[i], [REFS1[i], REFS2[i]]
    close(kazpar.sentence_bleu(h, refs).score, sacrebleu.sentence_bleu(h, refs).score)
    close(kazpar.sentence_bleu(h, refs[:1]).score, sacrebleu.sentence_bleu(h, refs[:1]).score)
    close(kazpar.sentence_chrf(h, refs).score, sacrebleu.sentence_chrf(h, refs).score)
    close(kazpar.sentence_chrf(h, refs, word_order=2).score, sacrebleu.sentence_chrf(h, refs, word_order=2).score)
    close(kazpar.sentence_ter(h, refs).score, sacrebleu.sentence_ter(h, refs).score)


def test_signature_names_and_cli(cli, tmp_path):
    # sacreBLEU's file reading strips trailing whitespace: feed the CLI the stripped lines
    hyps = [h.rstrip() for h in HYPS]
    refs = [r.rstrip() for r in REFS1]
    (tmp_path / "h").write_text("\n".join(hyps) + "\n", encoding="utf-8")
    (tmp_path / "r").write_text("\n".join(refs) + "\n", encoding="utf-8")
    out = json.loads(cli("eval", "--ref", str(tmp_path / "r"), "--hyp", str(tmp_path / "h"),
                         "--metrics", "bleu,chrf,chrf++,ter", "--format", "json"))
    got = {
        "bleu": kazpar.corpus_bleu(hyps, [refs]),
        "chrf": kazpar.corpus_chrf(hyps, [refs]),
        "chrf++": kazpar.corpus_chrf(hyps, [refs], word_order=2),
        "ter": kazpar.corpus_ter(hyps, [refs]),
    }
    for k, s in got.items():
        assert s.score == out[k]["score"], k
        assert s.signature == out[k]["signature"], k
        assert s.name == out[k]["name"], k
    assert got["bleu"].signature.startswith("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:kazpar-")
    assert kazpar.SACREBLEU_VERSION == "2.6.0" == sacrebleu.__version__
    assert float(got["chrf"]) == got["chrf"].score
    assert str(got["bleu"]).startswith("BLEU|nrefs:1|")


# spBLEU: sacreBLEU reads its flores200 model from $SACREBLEU/models/flores200sacrebleuspm
# (and would download it when absent); we give both the same model file, a
# small unigram model trained on our own corpus (crates/eval/tests/data/spm/README.md)
SPM_MODEL = __import__("pathlib").Path(__file__).resolve().parents[3] / "crates/eval/tests/data/spm/unigram_nmt_nfkc.model"


@pytest.fixture
def sacrebleu_with_our_model(tmp_path, monkeypatch):
    import shutil

    import sacrebleu.utils
    import sacrebleu.tokenizers.tokenizer_spm as tspm

    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(SPM_MODEL, models / "flores200sacrebleuspm")
    monkeypatch.setattr(tspm, "SACREBLEU_DIR", str(tmp_path))
    monkeypatch.setattr(sacrebleu.utils, "SACREBLEU_DIR", str(tmp_path))

    def no_download(*a, **k):
        raise AssertionError("sacreBLEU tried to download a model")

    monkeypatch.setattr(tspm, "download_file", no_download)
    return sacrebleu


def test_spbleu_matches_sacrebleu_with_the_same_model(sacrebleu_with_our_model):
    want = sacrebleu_with_our_model.corpus_bleu(HYPS, [REFS1, REFS2], tokenize="flores200")
    got = kazpar.corpus_bleu(HYPS, [REFS1, REFS2], tokenize="flores200", spm_model=str(SPM_MODEL))
    assert got.score == want.score
    assert "tok:flores200" in got.signature
    for h, r1, r2 in zip(HYPS, REFS1, REFS2):
        w = sacrebleu_with_our_model.sentence_bleu(h, [r1, r2], tokenize="flores200")
        g = kazpar.sentence_bleu(h, [r1, r2], tokenize="flores200", spm_model=str(SPM_MODEL))
        assert g.score == w.score, h
    # spBLEU differs from 13a BLEU on these segments, so the model was used
    assert got.score != kazpar.corpus_bleu(HYPS, [REFS1, REFS2]).score


def test_spbleu_needs_a_model_and_downloads_nothing(tmp_path):
    with pytest.raises(ValueError, match="never downloads"):
        kazpar.corpus_bleu(HYPS, [REFS1], tokenize="flores200")
    with pytest.raises(ValueError, match="only for the SentencePiece"):
        kazpar.corpus_bleu(HYPS, [REFS1], tokenize="13a", spm_model=str(SPM_MODEL))
    bad = tmp_path / "bad.model"
    bad.write_bytes(b"\x00\x01not a model")
    with pytest.raises(ValueError, match="bad.model"):
        kazpar.corpus_bleu(HYPS, [REFS1], tokenize="flores200", spm_model=str(bad))
