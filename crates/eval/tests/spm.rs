//! The SentencePiece encoder against pieces from Python's sentencepiece 0.2.3
//! on models we trained on our corpus (tests/data/spm/README.md), and
//! model files of any bytes never panicking.

use std::path::PathBuf;
use std::sync::Arc;

use kazpar_eval::spm::ModelType;
use kazpar_eval::{corpus_score, Bleu, BleuConfig, Metric, SpmModel, Tokenizer};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/spm")
        .join(name)
}

fn model(name: &str) -> SpmModel {
    SpmModel::load(&data(&format!("{name}.model"))).unwrap()
}

fn check_expected(name: &str) -> usize {
    let m = model(name);
    let text = std::fs::read_to_string(data(&format!("{name}.expected.jsonl"))).unwrap();
    let mut n = 0;
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let input = v["text"].as_str().unwrap();
        let want: Vec<String> = v["pieces"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(m.encode_as_pieces(input), want, "{name}: {input:?}");
        assert_eq!(m.tokenize(input), want.join(" "));
        n += 1;
    }
    n
}

#[test]
fn unigram_nmt_nfkc_matches_sentencepiece() {
    let m = model("unigram_nmt_nfkc");
    assert_eq!(m.model_type(), ModelType::Unigram);
    assert_eq!(m.normalizer_name(), "nmt_nfkc");
    assert_eq!(check_expected("unigram_nmt_nfkc"), 158);
}

#[test]
fn bpe_identity_byte_fallback_matches_sentencepiece() {
    let m = model("bpe_identity_byte_fallback");
    assert_eq!(m.model_type(), ModelType::Bpe);
    assert_eq!(m.normalizer_name(), "identity");
    assert_eq!(check_expected("bpe_identity_byte_fallback"), 158);
}

#[test]
fn hand_checked_pieces() {
    let m = model("unigram_nmt_nfkc");
    // NFKC: full-width letters and the ligature fold, … becomes three dots;
    // runs of unknown characters are one piece; spaces collapse.
    assert_eq!(m.encode_as_pieces("😀😀 abc"), ["▁", "😀😀", "▁a", "b", "c"]);
    assert_eq!(m.normalize("  ﬁne   ＡＢＣ …\t"), "▁fine▁ABC▁...");
    assert_eq!(m.tokenize(""), "");
    assert_eq!(m.tokenize(" \t "), "");
    let b = model("bpe_identity_byte_fallback");
    // identity keeps the ligature; an unknown emoji falls back to its UTF-8 bytes.
    assert_eq!(b.normalize("  ﬁne   x"), "▁ﬁne▁x");
    let p = b.encode_as_pieces("😀");
    assert_eq!(p[p.len() - 4..], ["<0xF0>", "<0x9F>", "<0x98>", "<0x80>"]);
}

#[test]
fn sentencepiece_releases_break_ties_their_way() {
    use kazpar_eval::spm::Compat;
    // Python: SentencePieceProcessor(model_file=...).EncodeAsPieces(...), 0.2.3 and 0.2.0
    let m = model("unigram_nmt_nfkc");
    assert_eq!(
        m.encode_as_pieces("1,000,000"),
        ["▁1,", "0", "00", ",", "0", "00"]
    );
    assert_eq!(
        m.encode_as_pieces("8,000 people"),
        ["▁", "8", ",", "0", "00", "▁", "pe", "o", "ple"]
    );
    let m = m.with_compat(Compat::V0_2_0);
    assert_eq!(
        m.encode_as_pieces("1,000,000"),
        ["▁1,", "00", "0", ",", "00", "0"]
    );
    assert_eq!(
        m.encode_as_pieces("8,000 people"),
        ["▁", "8", ",", "00", "0", "▁", "pe", "o", "ple"]
    );
    assert_eq!(Compat::from_name("0.2.0"), Some(Compat::V0_2_0));
    assert_eq!(Compat::from_name("0.1.99"), None);
}

#[test]
fn spbleu_signature_and_scores() {
    let m = Arc::new(model("unigram_nmt_nfkc"));
    let tok = Tokenizer::spm("flores200", m.clone()).unwrap();
    assert_eq!(tok.name(), "flores200");
    // sacreBLEU signs its old name `spm` as flores101.
    assert_eq!(Tokenizer::spm("spm", m.clone()).unwrap().name(), "flores101");
    assert!(Tokenizer::spm("13a", m.clone()).is_none());
    assert!(Tokenizer::is_spm_name("flores101") && !Tokenizer::is_spm_name("intl"));
    let bleu = Bleu::new(BleuConfig {
        tokenizer: tok,
        ..Default::default()
    })
    .unwrap();
    // sacreBLEU 2.6.0 with this model as $SACREBLEU/models/flores200sacrebleuspm:
    // BLEU(tokenize="flores200").corpus_score(hyps, [refs]).score
    let hyp = ["Біз дайынбыз."];
    let s = corpus_score(&bleu, &hyp, &[vec![hyp[0]]]).unwrap();
    assert_eq!(s.score, 100.00000000000004);
    let hyps = [
        "Президент съезге қатысты.",
        "the cat sat on the mat",
        "Ол кітап оқыды",
    ];
    let refs = [
        "Президент съезге қатысты деп хабарлады.",
        "the cat is on the mat",
        "Ол кітапты оқыды",
    ];
    let s = corpus_score(&bleu, &hyps, &[refs.to_vec()]).unwrap();
    assert_eq!(s.score, 69.4494938008746);
    assert_eq!(
        s.verbose,
        "92.3/83.3/75.8/66.7 (BP = 0.880 ratio = 0.886 hyp_len = 39 ref_len = 44)"
    );
    assert!(bleu.signature(1).format().contains("|tok:flores200|"));
}

/// A tiny xorshift generator: the test needs no crate and is reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn any_bytes_never_panic() {
    let good = std::fs::read(data("bpe_identity_byte_fallback.model")).unwrap();
    let nfkc = std::fs::read(data("unigram_nmt_nfkc.model")).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let lines = ["", "a b", "Қазақстан ﬁ 😀 ＡＢＣ", "x  y\tz"];
    let try_bytes = |b: &[u8]| {
        if let Ok(m) = SpmModel::from_bytes(b) {
            for l in lines {
                let _ = m.tokenize(l);
            }
        }
    };
    // Every truncation of the small model, and truncations of the big one.
    for n in 0..good.len() {
        try_bytes(&good[..n]);
    }
    for n in (0..nfkc.len()).step_by(997) {
        try_bytes(&nfkc[..n]);
    }
    // Random bytes, and the models with random bytes flipped.
    for _ in 0..2000 {
        let len = (rng.next() % 512) as usize;
        let v: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        try_bytes(&v);
    }
    for base in [&good, &nfkc] {
        for _ in 0..300 {
            let mut v = base.to_vec();
            for _ in 0..1 + rng.next() % 8 {
                let i = (rng.next() as usize) % v.len();
                v[i] = rng.next() as u8;
            }
            try_bytes(&v);
        }
    }
    assert!(SpmModel::from_bytes(&good).is_ok());
    assert!(SpmModel::from_bytes(b"").is_err());
    assert!(SpmModel::from_bytes(b"not a model").is_err());
}

#[test]
fn errors_name_the_file_and_reason() {
    let e = SpmModel::load(&data("no-such.model")).unwrap_err().to_string();
    assert!(e.contains("no-such.model") && e.contains("cannot read"), "{e}");
    let e = SpmModel::load(&data("README.md")).unwrap_err().to_string();
    assert!(
        e.contains("README.md") && e.contains("not a usable SentencePiece model"),
        "{e}"
    );
}
