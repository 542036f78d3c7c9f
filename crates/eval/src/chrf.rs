//! chrF (Popović 2015) and chrF++ (Popović 2017) as sacreBLEU computes them.

use std::cell::RefCell;

use crate::hash::{clipped_matches, count_ngrams, known_ngrams, Chains, Words, CHAR_ROOT, WORD_ROOT};
use crate::text::{is_py_space, py_lower, py_split};
use crate::{Error, Metric, Score, Signature};

/// chrF settings. The default is chrF2 (character order 6, no word n-grams);
/// chrF++ is the same with `word_order: 2`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChrfConfig {
    /// Character n-gram order (6).
    pub char_order: usize,
    /// Word n-gram order (0 for chrF, 2 for chrF++).
    pub word_order: usize,
    /// Recall weight (2).
    pub beta: u32,
    /// Lowercase first.
    pub lowercase: bool,
    /// Keep whitespace inside character n-grams (off: whitespace is removed).
    pub whitespace: bool,
    /// chrF++.py-style epsilon smoothing instead of sacreBLEU's effective order.
    pub eps_smoothing: bool,
}

impl Default for ChrfConfig {
    fn default() -> Self {
        ChrfConfig {
            char_order: 6,
            word_order: 0,
            beta: 2,
            lowercase: false,
            whitespace: false,
            eps_smoothing: false,
        }
    }
}

impl ChrfConfig {
    /// chrF++: word order 2.
    pub fn plus_plus() -> Self {
        ChrfConfig {
            word_order: 2,
            ..ChrfConfig::default()
        }
    }
}

/// The chrF / chrF++ metric.
///
/// Statistics per segment: for each character order then each word order,
/// `[hyp n-grams, ref n-grams, matches]`, taken from the reference with the
/// best sentence-level F-score.
#[derive(Debug, Clone)]
pub struct Chrf {
    cfg: ChrfConfig,
}

/// ASCII punctuation (Python's `string.punctuation`), split off words for chrF++.
#[inline]
fn is_ascii_punct(c: char) -> bool {
    c.is_ascii_punctuation()
}

/// chrF++'s word split: a word longer than one character loses one
/// punctuation mark at its end, or else one at its start (never both).
pub fn chrf_words(sent: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for w in py_split(sent) {
        let mut chars = w.chars();
        let first = chars.next();
        let last = w.chars().next_back();
        if chars.next().is_none() {
            out.push(w);
            continue;
        }
        match (first, last) {
            (_, Some(l)) if is_ascii_punct(l) => {
                let cut = w.len() - l.len_utf8();
                out.push(&w[..cut]);
                out.push(&w[cut..]);
            }
            (Some(f), _) if is_ascii_punct(f) => {
                let cut = f.len_utf8();
                out.push(&w[..cut]);
                out.push(&w[cut..]);
            }
            _ => out.push(w),
        }
    }
    out
}

/// Everything needed about one side of a segment.
struct Side {
    chars: Vec<u32>,
    words: Vec<u32>,
}

impl Chrf {
    /// A chrF scorer; orders must be at most 255 and not both 0.
    pub fn new(cfg: ChrfConfig) -> Result<Self, Error> {
        if cfg.char_order + cfg.word_order == 0 || cfg.char_order > 255 || cfg.word_order > 255 {
            return Err(Error::Config("chrF orders out of range".into()));
        }
        Ok(Chrf { cfg })
    }

    /// The settings.
    pub fn config(&self) -> &ChrfConfig {
        &self.cfg
    }

    fn order(&self) -> usize {
        self.cfg.char_order + self.cfg.word_order
    }

    fn chars_of(&self, s: &str) -> Vec<u32> {
        if self.cfg.whitespace {
            s.chars().map(u32::from).collect()
        } else {
            s.chars().filter(|&c| !is_py_space(c)).map(u32::from).collect()
        }
    }

    /// F-score of statistics in f64, exactly in sacreBLEU's order of operations.
    fn f_score(&self, stats: &[f64]) -> f64 {
        let eps = 1e-16;
        let factor = f64::from(self.cfg.beta).powi(2);
        let mut score = 0.0f64;
        let mut eff = 0usize;
        let (mut avg_prec, mut avg_rec) = (0.0f64, 0.0f64);
        for i in 0..self.order() {
            let (h, r, m) = (stats[3 * i], stats[3 * i + 1], stats[3 * i + 2]);
            let prec = if h > 0.0 { m / h } else { eps };
            let rec = if r > 0.0 { m / r } else { eps };
            let denom = factor * prec + rec;
            score += if denom > 0.0 {
                (1.0 + factor) * prec * rec / denom
            } else {
                eps
            };
            if h > 0.0 && r > 0.0 {
                avg_prec += prec;
                avg_rec += rec;
                eff += 1;
            }
        }
        if self.cfg.eps_smoothing {
            return 100.0 * score / self.order() as f64;
        }
        if eff == 0 {
            avg_prec = 0.0;
            avg_rec = 0.0;
        } else {
            avg_prec /= eff as f64;
            avg_rec /= eff as f64;
        }
        if avg_prec + avg_rec != 0.0 {
            let mut s = (1.0 + factor) * avg_prec * avg_rec;
            s /= (factor * avg_prec) + avg_rec;
            100.0 * s
        } else {
            0.0
        }
    }
}

impl Chrf {
    fn segment_stats_outer(&self, hyp: &str, refs: &[&str], out: &mut Vec<f64>) {
        CHAINS.with(|c| self.segment_stats_with(&mut c.borrow_mut(), hyp, refs, out));
    }
}

thread_local! {
    /// The n-gram table, reused across the segments one thread scores.
    static CHAINS: RefCell<Chains> = RefCell::new(Chains::default());
}

impl Chrf {
    fn segment_stats_with(&self, chains: &mut Chains, hyp: &str, refs: &[&str], out: &mut Vec<f64>) {
        let (nc, nw) = (self.cfg.char_order, self.cfg.word_order);
        let lower = |s: &str| {
            if self.cfg.lowercase {
                py_lower(s)
            } else {
                s.to_owned()
            }
        };
        chains.clear();
        let mut words = Words::default();
        // Reference n-gram counts, one vector per reference (ids shared).
        let mut ref_counts: Vec<Vec<u32>> = Vec::with_capacity(refs.len());
        let mut ref_sides = Vec::with_capacity(refs.len());
        let lowered: Vec<String> = refs.iter().map(|r| lower(r)).collect();
        for r in &lowered {
            let chars = self.chars_of(r);
            let w: Vec<u32> = if nw > 0 {
                chrf_words(r).into_iter().map(|w| words.intern(w)).collect()
            } else {
                Vec::new()
            };
            let mut counts = Vec::new();
            count_ngrams(chains, CHAR_ROOT, &chars, nc, &mut counts);
            if nw > 0 {
                count_ngrams(chains, WORD_ROOT, &w, nw, &mut counts);
            }
            ref_counts.push(counts);
            ref_sides.push(Side { chars, words: w });
        }
        let h = lower(hyp);
        let hyp_chars: Vec<Option<u32>> = self.chars_of(&h).into_iter().map(Some).collect();
        let hyp_words: Vec<Option<u32>> = if nw > 0 {
            chrf_words(&h).into_iter().map(|w| words.get(w)).collect()
        } else {
            Vec::new()
        };
        let mut char_ng = vec![Vec::new(); nc];
        known_ngrams(chains, CHAR_ROOT, &hyp_chars, nc, &mut char_ng);
        let mut word_ng = vec![Vec::new(); nw];
        if nw > 0 {
            known_ngrams(chains, WORD_ROOT, &hyp_words, nw, &mut word_ng);
        }
        let count_of = |len: usize, n: usize| (len + 1).saturating_sub(n) as f64;
        let mut best: Vec<f64> = Vec::new();
        let mut best_f = -1.0f64;
        let mut stats = Vec::with_capacity(self.stats_len());
        let mut scratch = Vec::new();
        for (side, counts) in ref_sides.iter().zip(&ref_counts) {
            stats.clear();
            for (k, ng) in char_ng.iter().enumerate() {
                let n_ref = count_of(side.chars.len(), k + 1);
                let n_hyp = if n_ref > 0.0 {
                    count_of(hyp_chars.len(), k + 1)
                } else {
                    0.0
                };
                stats.extend([n_hyp, n_ref, clipped_matches(ng, counts, &mut scratch) as f64]);
            }
            for (k, ng) in word_ng.iter().enumerate() {
                let n_ref = count_of(side.words.len(), k + 1);
                let n_hyp = if n_ref > 0.0 {
                    count_of(hyp_words.len(), k + 1)
                } else {
                    0.0
                };
                stats.extend([n_hyp, n_ref, clipped_matches(ng, counts, &mut scratch) as f64]);
            }
            let f = self.f_score(&stats);
            if f > best_f {
                best_f = f;
                best.clone_from(&stats);
            }
        }
        if best.is_empty() {
            best.resize(self.stats_len(), 0.0);
        }
        out.extend_from_slice(&best);
    }
}

impl Metric for Chrf {
    fn name(&self) -> String {
        format!("chrF{}{}", self.cfg.beta, "+".repeat(self.cfg.word_order))
    }

    fn stats_len(&self) -> usize {
        3 * self.order()
    }

    fn segment_stats(&self, hyp: &str, refs: &[&str], out: &mut Vec<f64>) {
        self.segment_stats_outer(hyp, refs, out)
    }

    fn score(&self, stats: &[f64]) -> Score {
        Score {
            name: self.name(),
            score: self.f_score(stats),
            verbose: String::new(),
            details: serde_json::Map::new(),
        }
    }

    fn bootstrap_score(&self, stats: &[f32]) -> f64 {
        // NumPy 2 arithmetic on float32 statistics: Python scalars are "weak",
        // so precisions, their averages and the final score stay float32.
        let factor = (self.cfg.beta * self.cfg.beta) as f32;
        let (mut avg_prec, mut avg_rec) = (0.0f32, 0.0f32);
        let mut eff = 0u32;
        let mut score = 0.0f64;
        for i in 0..self.order() {
            let (h, r, m) = (stats[3 * i], stats[3 * i + 1], stats[3 * i + 2]);
            if self.cfg.eps_smoothing {
                // Approximation of the mixed Python/NumPy arithmetic (eps-smoothing only).
                let prec = if h > 0.0 { f64::from(m / h) } else { 1e-16 };
                let rec = if r > 0.0 { f64::from(m / r) } else { 1e-16 };
                let f = f64::from(factor);
                let denom = f * prec + rec;
                score += if denom > 0.0 {
                    (1.0 + f) * prec * rec / denom
                } else {
                    1e-16
                };
            }
            if h > 0.0 && r > 0.0 {
                avg_prec += m / h;
                avg_rec += m / r;
                eff += 1;
            }
        }
        if self.cfg.eps_smoothing {
            return 100.0 * score / self.order() as f64;
        }
        if eff == 0 {
            return 0.0;
        }
        avg_prec /= eff as f32;
        avg_rec /= eff as f32;
        if avg_prec + avg_rec != 0.0 {
            let mut s = (1.0 + factor) * avg_prec * avg_rec;
            s /= (factor * avg_prec) + avg_rec;
            f64::from(100.0f32 * s)
        } else {
            0.0
        }
    }

    fn bootstrap_is_f32(&self) -> bool {
        true
    }

    fn signature(&self, nrefs: usize) -> Signature {
        let mut s = Signature::new(nrefs);
        s.push("case", if self.cfg.lowercase { "lc" } else { "mixed" });
        s.push("eff", if self.cfg.eps_smoothing { "no" } else { "yes" });
        s.push("nc", &self.cfg.char_order.to_string());
        s.push("nw", &self.cfg.word_order.to_string());
        s.push("space", if self.cfg.whitespace { "yes" } else { "no" });
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_split_takes_one_mark_from_one_end() {
        // sacreBLEU issue #124: '(hi)' splits into '(hi' and ')'.
        assert_eq!(
            chrf_words("(hi) a. .b «сөз» —"),
            ["(hi", ")", "a", ".", ".", "b", "«сөз»", "—"]
        );
        assert_eq!(chrf_words("?! x"), ["?", "!", "x"]);
    }
}
