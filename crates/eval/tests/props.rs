//! Property tests: no input makes a metric panic, scores stay in range, and
//! corpus statistics are the sum of segment statistics.

use kazpar_eval::{
    corpus_stats, sum_stats, Bleu, BleuConfig, Chrf, ChrfConfig, Metric, Smoothing, Ter, TerConfig, Tokenizer,
};
use proptest::prelude::*;

fn metrics() -> Vec<Box<dyn Metric>> {
    vec![
        Box::new(Bleu::new(BleuConfig::default()).unwrap()),
        Box::new(
            Bleu::new(BleuConfig {
                tokenizer: Tokenizer::Intl,
                effective_order: true,
                lowercase: true,
                ..Default::default()
            })
            .unwrap(),
        ),
        Box::new(
            Bleu::new(BleuConfig {
                tokenizer: Tokenizer::None,
                smoothing: Smoothing::AddK(1.0),
                ..Default::default()
            })
            .unwrap(),
        ),
        Box::new(
            Bleu::new(BleuConfig {
                smoothing: Smoothing::Floor(0.1),
                ..Default::default()
            })
            .unwrap(),
        ),
        Box::new(Chrf::new(ChrfConfig::default()).unwrap()),
        Box::new(Chrf::new(ChrfConfig::plus_plus()).unwrap()),
        Box::new(Ter::new(TerConfig::default())),
        Box::new(Ter::new(TerConfig {
            normalized: true,
            no_punct: true,
            case_sensitive: true,
        })),
    ]
}

fn text() -> impl Strategy<Value = String> {
    // words from a small vocabulary so that matches and shifts happen, plus any text
    prop_oneof![
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("b"),
                Just("сөз"),
                Just("«x»"),
                Just("—"),
                Just("."),
                Just("&quot;"),
                Just("\u{1c}")
            ],
            0..30
        )
        .prop_map(|w| w.join(" ")),
        "\\PC{0,60}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn metrics_never_panic_and_stay_in_range(hyps in proptest::collection::vec(text(), 1..4), r1 in proptest::collection::vec(text(), 4), r2 in proptest::collection::vec(text(), 4)) {
        let n = hyps.len();
        let refs = vec![r1[..n].to_vec(), r2[..n].to_vec()];
        for m in metrics() {
            let stats = corpus_stats(m.as_ref(), &hyps, &refs).unwrap();
            prop_assert_eq!(stats.len(), n * m.stats_len());
            let s = m.score(&sum_stats(&stats, m.stats_len())).score;
            prop_assert!(s.is_finite() && s >= 0.0, "{} gave {}", m.name(), s);
            if m.name() != "TER" {
                prop_assert!(s <= 100.0 + 1e-9, "{} gave {}", m.name(), s);
            }
            let f: Vec<f32> = sum_stats(&stats, m.stats_len()).iter().map(|&x| x as f32).collect();
            prop_assert!(m.bootstrap_score(&f).is_finite());
        }
    }

    #[test]
    fn identical_text_is_perfect(words in proptest::collection::vec("[a-zа-яәіңғүұқөһ]{1,6}", 4..20)) {
        let s = words.join(" ");
        let hyps = vec![s.clone()];
        let refs = vec![vec![s]];
        let chrf = Chrf::new(ChrfConfig::default()).unwrap();
        let st = corpus_stats(&chrf, &hyps, &refs).unwrap();
        prop_assert_eq!(chrf.score(&st).score, 100.0);
        let ter = Ter::new(TerConfig::default());
        let st = corpus_stats(&ter, &hyps, &refs).unwrap();
        prop_assert_eq!(ter.score(&st).score, 0.0);
    }
}
