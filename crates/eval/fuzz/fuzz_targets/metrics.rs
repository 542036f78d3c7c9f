//! Fuzz every metric: the input is split on NUL into a hypothesis and references.
#![no_main]
use kazpar_eval::{Bleu, BleuConfig, Chrf, ChrfConfig, Metric, Ter, TerConfig, Tokenizer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let mut parts = s.split('\0');
    let hyp = parts.next().unwrap_or("");
    let refs: Vec<&str> = parts.take(3).collect();
    if refs.is_empty() {
        return;
    }
    let metrics: Vec<Box<dyn Metric>> = vec![
        Box::new(Bleu::new(BleuConfig::default()).unwrap()),
        Box::new(Bleu::new(BleuConfig { tokenizer: Tokenizer::Intl, ..Default::default() }).unwrap()),
        Box::new(Chrf::new(ChrfConfig::plus_plus()).unwrap()),
        Box::new(Ter::new(TerConfig { normalized: true, ..Default::default() })),
    ];
    for m in &metrics {
        let mut out = Vec::new();
        m.segment_stats(hyp, &refs, &mut out);
        let _ = m.score(&out);
    }
});
