//! MT evaluation metrics that reproduce sacreBLEU 2.6.0's numbers exactly:
//! BLEU, chrF, chrF++ and TER, with sacreBLEU-style signatures and paired
//! bootstrap resampling.
//!
//! Data flow: each [`Metric`] turns one hypothesis and its references into a
//! small vector of sufficient statistics ([`Metric::segment_stats`]); corpus
//! scores come from the *summed* statistics ([`Metric::score`]), never from
//! averaged sentence scores; sentence scores are the same function applied to
//! one segment's statistics. Segments are independent, so callers may compute
//! statistics in parallel and sum them in segment order.
//!
//! ```
//! use kazpar_eval::{corpus_score, Bleu, BleuConfig, Chrf, ChrfConfig, Metric};
//! let hyps = ["Біз дайынбыз.", "the cat sat on the mat"];
//! let refs = vec![vec!["Біз дайынбыз.", "the cat sat on a mat"]]; // one reference stream
//! let bleu = Bleu::new(BleuConfig::default()).unwrap();
//! let s = corpus_score(&bleu, &hyps, &refs).unwrap();
//! assert!(s.score > 0.0 && s.score < 100.0);
//! let chrf = Chrf::new(ChrfConfig::default()).unwrap();
//! assert_eq!(corpus_score(&chrf, &hyps[..1], &[vec![hyps[0]]]).unwrap().score, 100.0);
//! assert_eq!(bleu.signature(1).format(), format!(
//!     "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:kazpar-{}", env!("CARGO_PKG_VERSION")));
//! ```
#![deny(missing_docs)]

pub mod bleu;
pub mod chrf;
mod hash;
pub mod significance;
pub mod spm;
pub mod ter;
pub mod text;
pub mod tokenize;

pub use bleu::{Bleu, BleuConfig, Smoothing};
pub use chrf::{Chrf, ChrfConfig};
pub use spm::SpmModel;
pub use ter::{Ter, TerConfig};
pub use tokenize::Tokenizer;

/// The sacreBLEU release whose numbers kazpar reproduces.
pub const SACREBLEU_VERSION: &str = "2.6.0";

/// Errors of this crate.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum Error {
    /// A reference stream does not have as many segments as the hypotheses.
    #[error("reference stream {index} has {got} segments, the hypotheses have {expected}")]
    LengthMismatch {
        /// 0-based index of the reference stream.
        index: usize,
        /// Number of hypothesis segments.
        expected: usize,
        /// Number of segments in that reference stream.
        got: usize,
    },
    /// No reference stream was given.
    #[error("no references given")]
    NoReferences,
    /// A setting is out of range.
    #[error("invalid setting: {0}")]
    Config(String),
}

/// A score with sacreBLEU's name (`BLEU`, `chrF2`, `chrF2++`, `TER`), value on
/// the 0–100 scale, its verbose part and metric-specific details.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// sacreBLEU's name for the metric.
    pub name: String,
    /// The score, 0–100 (TER may exceed 100).
    pub score: f64,
    /// What sacreBLEU prints after the score (BLEU: precisions, BP, lengths).
    pub verbose: String,
    /// Metric-specific details (BLEU: counts, totals, precisions, bp, lengths).
    pub details: serde_json::Map<String, serde_json::Value>,
}

impl Score {
    /// sacreBLEU's text line: `NAME|SIGNATURE = SCORE VERBOSE`, score at `width` decimals.
    pub fn format(&self, width: usize, signature: &str) -> String {
        let mut s = if signature.is_empty() {
            self.name.clone()
        } else {
            format!("{}|{}", self.name, signature)
        };
        s.push_str(&format!(" = {:.*}", width, self.score));
        if !self.verbose.is_empty() {
            s.push(' ');
            s.push_str(&self.verbose);
        }
        s
    }
}

/// A reproducibility signature in sacreBLEU's format,
/// `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:kazpar-0.1.0`.
///
/// Keys come in sacreBLEU's order: `nrefs`, then `bs`/`seed` when resampling,
/// then the metric's settings, and `version` last — which names kazpar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    head: Vec<(String, String)>,
    items: Vec<(String, String)>,
}

impl Signature {
    /// An empty signature for `nrefs` references.
    pub fn new(nrefs: usize) -> Self {
        Signature {
            head: vec![("nrefs".into(), nrefs.to_string())],
            items: Vec::new(),
        }
    }
    /// Add a metric setting.
    pub fn push(&mut self, key: &str, value: &str) {
        self.items.push((key.into(), value.into()));
    }
    /// Record bootstrap resampling (`bs:N|seed:S`, after `nrefs`).
    pub fn with_bootstrap(mut self, samples: usize, seed: u64) -> Self {
        self.head.push(("bs".into(), samples.to_string()));
        self.head.push(("seed".into(), seed.to_string()));
        self
    }
    /// Record approximate randomization (`ar:N|seed:S`, after `nrefs`).
    pub fn with_randomization(mut self, trials: usize, seed: u64) -> Self {
        self.head.push(("ar".into(), trials.to_string()));
        self.head.push(("seed".into(), seed.to_string()));
        self
    }
    /// The `key:value|…` string.
    pub fn format(&self) -> String {
        let version = format!("kazpar-{}", env!("CARGO_PKG_VERSION"));
        self.head
            .iter()
            .chain(&self.items)
            .map(|(k, v)| format!("{k}:{v}"))
            .chain(std::iter::once(format!("version:{version}")))
            .collect::<Vec<_>>()
            .join("|")
    }
}

impl std::fmt::Display for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.format())
    }
}

/// An MT metric computed from per-segment sufficient statistics.
pub trait Metric: Send + Sync {
    /// sacreBLEU's name for the score (`BLEU`, `chrF2`, `chrF2++`, `TER`).
    fn name(&self) -> String;
    /// How many numbers [`Metric::segment_stats`] appends per segment.
    fn stats_len(&self) -> usize;
    /// Append the statistics of one hypothesis against its references
    /// (at least one; sacreBLEU reads lines with trailing whitespace stripped).
    fn segment_stats(&self, hyp: &str, refs: &[&str], out: &mut Vec<f64>);
    /// The score of (summed) statistics, computed as sacreBLEU does in float64.
    fn score(&self, stats: &[f64]) -> Score;
    /// The score of summed float32 statistics with NumPy 2 arithmetic, as
    /// sacreBLEU's bootstrap resampling computes it.
    fn bootstrap_score(&self, stats: &[f32]) -> f64;
    /// Whether sacreBLEU's bootstrap scores of this metric are float32 arrays.
    fn bootstrap_is_f32(&self) -> bool {
        false
    }
    /// The signature for `nrefs` references.
    fn signature(&self, nrefs: usize) -> Signature;
}

/// Check that every reference stream has one segment per hypothesis.
pub fn check_lengths<S: AsRef<str>>(n_hyps: usize, refs: &[Vec<S>]) -> Result<(), Error> {
    if refs.is_empty() {
        return Err(Error::NoReferences);
    }
    for (index, r) in refs.iter().enumerate() {
        if r.len() != n_hyps {
            return Err(Error::LengthMismatch {
                index,
                expected: n_hyps,
                got: r.len(),
            });
        }
    }
    Ok(())
}

/// Statistics of every segment, flattened (`stats_len()` numbers per segment).
/// `refs` holds reference *streams*: `refs[k][i]` is reference `k` of segment `i`.
pub fn corpus_stats<M: Metric + ?Sized, S: AsRef<str>>(
    metric: &M,
    hyps: &[S],
    refs: &[Vec<S>],
) -> Result<Vec<f64>, Error> {
    check_lengths(hyps.len(), refs)?;
    let mut out = Vec::with_capacity(hyps.len() * metric.stats_len());
    let mut seg_refs: Vec<&str> = Vec::with_capacity(refs.len());
    for (i, h) in hyps.iter().enumerate() {
        seg_refs.clear();
        seg_refs.extend(refs.iter().map(|r| r[i].as_ref()));
        metric.segment_stats(h.as_ref(), &seg_refs, &mut out);
    }
    Ok(out)
}

/// Sum flattened per-segment statistics in segment order (as sacreBLEU does).
pub fn sum_stats(stats: &[f64], width: usize) -> Vec<f64> {
    let mut total = vec![0.0f64; width];
    for seg in stats.chunks_exact(width) {
        for (t, &x) in total.iter_mut().zip(seg) {
            *t += x;
        }
    }
    total
}

/// The corpus score of `hyps` against reference streams `refs`.
pub fn corpus_score<M: Metric + ?Sized, S: AsRef<str>>(
    metric: &M,
    hyps: &[S],
    refs: &[Vec<S>],
) -> Result<Score, Error> {
    let stats = corpus_stats(metric, hyps, refs)?;
    Ok(metric.score(&sum_stats(&stats, metric.stats_len())))
}

/// Sentence scores, one per segment, from flattened statistics.
pub fn sentence_scores<M: Metric + ?Sized>(metric: &M, stats: &[f64]) -> Vec<f64> {
    stats
        .chunks_exact(metric.stats_len())
        .map(|s| metric.score(s).score)
        .collect()
}
