#![no_main]
//! SentencePiece: any bytes as a model file, and any text through the two
//! test models (tests/data/spm), never panic.
use kazpar_eval::SpmModel;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static UNIGRAM: &[u8] = include_bytes!("../../tests/data/spm/unigram_nmt_nfkc.model");
static BPE: &[u8] = include_bytes!("../../tests/data/spm/bpe_identity_byte_fallback.model");

fn models() -> &'static [SpmModel; 2] {
    static M: OnceLock<[SpmModel; 2]> = OnceLock::new();
    M.get_or_init(|| [SpmModel::from_bytes(UNIGRAM).unwrap(), SpmModel::from_bytes(BPE).unwrap()])
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for m in models() {
        let _ = m.tokenize(&text);
    }
    if let Ok(m) = SpmModel::from_bytes(data) {
        let _ = m.tokenize("Қазақстан ﬁ 😀 ＡＢＣ  x\ty");
    }
});
