//! BLEU (Papineni et al., 2002) as sacreBLEU computes it.

use std::cell::RefCell;

use crate::hash::{clip_into, count_ngrams, known_ngrams, split_spans, Chains, SpanWords, WORD_ROOT};
use crate::text::{py_lower, py_rstrip};
use crate::tokenize::{tokenize_13a_into, tokens_13a_into, Scratch13a};
use crate::{Error, Metric, Score, Signature, Tokenizer};

/// How BLEU treats n-gram orders with no match.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Smoothing {
    /// No smoothing: any zero precision gives BLEU 0.
    None,
    /// Chen & Cherry method 1: a zero match count becomes `value` (default 0.1).
    Floor(f64),
    /// Chen & Cherry method 2: add `value` (default 1) to matches and totals for n > 1.
    AddK(f64),
    /// NIST/mteval-v13a: the k-th zero precision becomes 1/(2^k · total). sacreBLEU's default.
    #[default]
    Exp,
}

impl Smoothing {
    /// Build from a method name (`exp`, `floor`, `add-k`, `none`) and an optional value
    /// (sacreBLEU's defaults: 0.1 for floor, 1 for add-k).
    pub fn from_name(method: &str, value: Option<f64>) -> Option<Self> {
        match method {
            "exp" => Some(Smoothing::Exp),
            "none" => Some(Smoothing::None),
            "floor" => Some(Smoothing::Floor(value.unwrap_or(0.1))),
            "add-k" => Some(Smoothing::AddK(value.unwrap_or(1.0))),
            _ => None,
        }
    }

    /// The signature text: `exp`, `none`, `floor[0.10]`, `add-k[1.00]`.
    pub fn signature(self) -> String {
        match self {
            Smoothing::Exp => "exp".into(),
            Smoothing::None => "none".into(),
            Smoothing::Floor(v) => format!("floor[{v:.2}]"),
            Smoothing::AddK(v) => format!("add-k[{v:.2}]"),
        }
    }
}

/// BLEU settings. The default is sacreBLEU's corpus BLEU.
#[derive(Debug, Clone, PartialEq)]
pub struct BleuConfig {
    /// Lowercase hypothesis and references first.
    pub lowercase: bool,
    /// Tokenizer.
    pub tokenizer: Tokenizer,
    /// Smoothing method.
    pub smoothing: Smoothing,
    /// Highest n-gram order (4).
    pub max_order: usize,
    /// Stop at the highest order that has any n-grams (for sentence BLEU).
    pub effective_order: bool,
}

impl Default for BleuConfig {
    fn default() -> Self {
        BleuConfig {
            lowercase: false,
            tokenizer: Tokenizer::Tok13a,
            smoothing: Smoothing::Exp,
            max_order: 4,
            effective_order: false,
        }
    }
}

/// The BLEU metric.
///
/// Statistics per segment: `[hyp_len, ref_len, correct_1..N, total_1..N]`.
#[derive(Debug, Clone)]
pub struct Bleu {
    cfg: BleuConfig,
}

impl Bleu {
    /// A BLEU scorer; the highest order must be 1..=255.
    pub fn new(cfg: BleuConfig) -> Result<Self, Error> {
        if cfg.max_order == 0 || cfg.max_order > 255 {
            return Err(Error::Config(format!(
                "BLEU max order {} out of range",
                cfg.max_order
            )));
        }
        Ok(Bleu { cfg })
    }

    /// The settings.
    pub fn config(&self) -> &BleuConfig {
        &self.cfg
    }

    fn preprocess(&self, s: &str) -> String {
        let s = py_rstrip(s);
        if self.cfg.lowercase {
            self.cfg.tokenizer.tokenize(&py_lower(s))
        } else {
            self.cfg.tokenizer.tokenize(s)
        }
    }

    /// Score from summed statistics, in f64 as sacreBLEU does with Python numbers.
    fn compute(&self, stats: &[f64]) -> (f64, Vec<f64>, f64) {
        let n = self.cfg.max_order;
        let sys_len = stats[0];
        let ref_len = stats[1];
        let mut correct = stats[2..2 + n].to_vec();
        let mut total = stats[2 + n..2 + 2 * n].to_vec();
        let mut bp = 1.0;
        if sys_len < ref_len {
            bp = if sys_len > 0.0 {
                (1.0 - ref_len / sys_len).exp()
            } else {
                0.0
            };
        }
        let mut precisions = vec![0.0f64; n];
        if correct.iter().all(|&c| c == 0.0) {
            return (0.0, precisions, bp);
        }
        let mut smooth_mteval = 1.0f64;
        let mut eff_order = n;
        for k in 0..n {
            if let Smoothing::AddK(v) = self.cfg.smoothing {
                if k > 0 {
                    correct[k] += v;
                    total[k] += v;
                }
            }
            if total[k] == 0.0 {
                break;
            }
            if self.cfg.effective_order {
                eff_order = k + 1;
            }
            if correct[k] == 0.0 {
                match self.cfg.smoothing {
                    Smoothing::Exp => {
                        smooth_mteval *= 2.0;
                        precisions[k] = 100.0 / (smooth_mteval * total[k]);
                    }
                    Smoothing::Floor(v) => precisions[k] = 100.0 * v / total[k],
                    _ => {}
                }
            } else {
                precisions[k] = 100.0 * correct[k] / total[k];
            }
        }
        let mut sum = 0.0f64;
        for &p in &precisions[..eff_order] {
            sum += floored_log(p);
        }
        (bp * (sum / eff_order as f64).exp(), precisions, bp)
    }
}

/// sacreBLEU's `my_log`: log, with log(0) taken as -9999999999.
#[inline]
fn floored_log(p: f64) -> f64 {
    if p == 0.0 {
        -9_999_999_999.0
    } else {
        p.ln()
    }
}

/// The closest reference length; ties go to the shorter reference.
pub fn closest_ref_len(hyp_len: usize, ref_lens: &[usize]) -> usize {
    let mut best: Option<(usize, usize)> = None; // (diff, len)
    for &r in ref_lens {
        let diff = hyp_len.abs_diff(r);
        best = match best {
            None => Some((diff, r)),
            Some((d, l)) if diff < d || (diff == d && r < l) => Some((diff, r)),
            keep => keep,
        };
    }
    best.map_or(0, |(_, l)| l)
}

/// Buffers reused across the segments one thread scores.
#[derive(Default)]
struct BleuScratch {
    tok: Scratch13a,
    buf: Vec<u8>,
    spans: Vec<(usize, usize)>,
    words: SpanWords,
    chains: Chains,
    ids: Vec<u32>,
    hyp_ids: Vec<Option<u32>>,
    counts: Vec<u32>,
    max_counts: Vec<u32>,
    scratch: Vec<u32>,
    per_order: Vec<Vec<u32>>,
    ref_lens: Vec<usize>,
    ref_ends: Vec<usize>,
}

thread_local! {
    static SCRATCH: RefCell<BleuScratch> = RefCell::new(BleuScratch::default());
}

impl Bleu {
    /// Append the tokenized form of `s` to `buf` (words separated by Python whitespace).
    fn tokenize_into(&self, s: &str, tok: &mut Scratch13a, buf: &mut Vec<u8>) {
        let s = py_rstrip(s);
        match (&self.cfg.tokenizer, self.cfg.lowercase) {
            (Tokenizer::Tok13a, false) => tokenize_13a_into(s, tok, buf),
            (Tokenizer::Tok13a, true) => tokenize_13a_into(&py_lower(s), tok, buf),
            (Tokenizer::None, false) => buf.extend_from_slice(s.as_bytes()),
            _ => buf.extend_from_slice(self.preprocess(s).as_bytes()),
        }
    }

    /// Append the words of tokenized `s`: bytes to `buf`, spans to `spans`.
    fn words_into(&self, s: &str, tok: &mut Scratch13a, buf: &mut Vec<u8>, spans: &mut Vec<(usize, usize)>) {
        if self.cfg.tokenizer == Tokenizer::Tok13a
            && !self.cfg.lowercase
            && tokens_13a_into(py_rstrip(s), buf, spans)
        {
            return;
        }
        let from = buf.len();
        self.tokenize_into(s, tok, buf);
        split_spans(buf, from, spans);
    }

    fn segment_stats_with(&self, sc: &mut BleuScratch, hyp: &str, refs: &[&str], out: &mut Vec<f64>) {
        let n = self.cfg.max_order;
        let BleuScratch {
            tok,
            buf,
            spans,
            words,
            chains,
            ids,
            hyp_ids,
            counts,
            max_counts,
            scratch,
            per_order,
            ref_lens,
            ref_ends,
        } = sc;
        buf.clear();
        spans.clear();
        ref_ends.clear();
        for r in refs {
            self.words_into(r, tok, buf, spans);
            ref_ends.push(spans.len());
        }
        words.reset(spans.len());
        chains.clear();
        max_counts.clear();
        ref_lens.clear();
        let mut from = 0;
        for &end in ref_ends.iter() {
            ids.clear();
            for &(a, b) in &spans[from..end] {
                ids.push(words.intern(buf, a, b));
            }
            from = end;
            ref_lens.push(ids.len());
            counts.clear();
            count_ngrams(chains, WORD_ROOT, ids, n, counts);
            if max_counts.len() < counts.len() {
                max_counts.resize(counts.len(), 0);
            }
            for (m, &c) in max_counts.iter_mut().zip(counts.iter()) {
                *m = (*m).max(c);
            }
        }
        let hyp_from = spans.len();
        self.words_into(hyp, tok, buf, spans);
        hyp_ids.clear();
        for &(a, b) in &spans[hyp_from..] {
            hyp_ids.push(words.get(buf, a, b));
        }
        let hyp_len = hyp_ids.len();
        per_order.resize_with(n, Vec::new);
        known_ngrams(chains, WORD_ROOT, hyp_ids, n, per_order);
        out.push(hyp_len as f64);
        out.push(closest_ref_len(hyp_len, ref_lens) as f64);
        // One clipping pass over all orders: ids are distinct across orders.
        scratch.clear();
        scratch.extend_from_slice(max_counts);
        for ngrams in per_order.iter() {
            out.push(clip_into(ngrams, scratch) as f64);
        }
        for k in 0..n {
            out.push((hyp_len + 1).saturating_sub(k + 1) as f64);
        }
    }
}

impl Metric for Bleu {
    fn name(&self) -> String {
        "BLEU".into()
    }

    fn stats_len(&self) -> usize {
        2 + 2 * self.cfg.max_order
    }

    fn segment_stats(&self, hyp: &str, refs: &[&str], out: &mut Vec<f64>) {
        SCRATCH.with(|cell| {
            let mut sc = cell.borrow_mut();
            self.segment_stats_with(&mut sc, hyp, refs, out);
        });
    }

    fn score(&self, stats: &[f64]) -> Score {
        let n = self.cfg.max_order;
        let (score, precisions, bp) = self.compute(stats);
        let sys_len = stats[0];
        let ref_len = stats[1];
        let ratio = if ref_len != 0.0 { sys_len / ref_len } else { 0.0 };
        let prec_str: Vec<String> = precisions.iter().map(|p| format!("{p:.1}")).collect();
        let verbose = format!(
            "{} (BP = {bp:.3} ratio = {ratio:.3} hyp_len = {} ref_len = {})",
            prec_str.join("/"),
            sys_len as u64,
            ref_len as u64
        );
        let mut details = serde_json::Map::new();
        let ints = |v: &[f64]| serde_json::json!(v.iter().map(|&x| x as u64).collect::<Vec<_>>());
        details.insert("counts".into(), ints(&stats[2..2 + n]));
        details.insert("totals".into(), ints(&stats[2 + n..2 + 2 * n]));
        details.insert("precisions".into(), serde_json::json!(precisions));
        details.insert("bp".into(), serde_json::json!(bp));
        details.insert("ratio".into(), serde_json::json!(ratio));
        details.insert("hyp_len".into(), serde_json::json!(sys_len as u64));
        details.insert("ref_len".into(), serde_json::json!(ref_len as u64));
        Score {
            name: self.name(),
            score,
            verbose,
            details,
        }
    }

    fn bootstrap_score(&self, stats: &[f32]) -> f64 {
        bootstrap_bleu(&self.cfg, stats)
    }

    fn signature(&self, nrefs: usize) -> Signature {
        let mut s = Signature::new(nrefs);
        s.push("case", if self.cfg.lowercase { "lc" } else { "mixed" });
        s.push("eff", if self.cfg.effective_order { "yes" } else { "no" });
        s.push("tok", self.cfg.tokenizer.name());
        s.push("smooth", &self.cfg.smoothing.signature());
        s
    }
}

/// BLEU from float32 statistics with NumPy 2 arithmetic, as sacreBLEU's
/// bootstrap does it: precisions are float32 (`100. * c / t` with a weak
/// Python float), their logs, the brevity penalty and the result are float64.
fn bootstrap_bleu(cfg: &BleuConfig, stats: &[f32]) -> f64 {
    let n = cfg.max_order;
    let sys_len = stats[0] as i64;
    let ref_len = stats[1] as i64;
    let mut correct = stats[2..2 + n].to_vec();
    let mut total = stats[2 + n..2 + 2 * n].to_vec();
    let mut bp = 1.0f64;
    if sys_len < ref_len {
        bp = if sys_len > 0 {
            (1.0 - ref_len as f64 / sys_len as f64).exp()
        } else {
            0.0
        };
    }
    if correct.iter().all(|&c| c == 0.0) {
        return 0.0;
    }
    // Python floats where unset, float32 where set: both end up in `math.log` as f64.
    let mut precisions = vec![0.0f64; n];
    let mut smooth_mteval = 1.0f64;
    let mut eff_order = n;
    for k in 0..n {
        if let Smoothing::AddK(v) = cfg.smoothing {
            if k > 0 {
                correct[k] += v as f32;
                total[k] += v as f32;
            }
        }
        if total[k] == 0.0 {
            break;
        }
        if cfg.effective_order {
            eff_order = k + 1;
        }
        if correct[k] == 0.0 {
            match cfg.smoothing {
                Smoothing::Exp => {
                    smooth_mteval *= 2.0;
                    let denom = (smooth_mteval as f32) * total[k];
                    precisions[k] = f64::from(100.0f32 / denom);
                }
                Smoothing::Floor(v) => {
                    precisions[k] = f64::from(((100.0 * v) as f32) / total[k]);
                }
                _ => {}
            }
        } else {
            precisions[k] = f64::from((100.0f32 * correct[k]) / total[k]);
        }
    }
    let mut sum = 0.0f64;
    for &p in &precisions[..eff_order] {
        sum += floored_log(p);
    }
    bp * (sum / eff_order as f64).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_length_ties_go_to_shorter() {
        assert_eq!(closest_ref_len(5, &[7, 3]), 3);
        assert_eq!(closest_ref_len(5, &[3, 7]), 3);
        assert_eq!(closest_ref_len(5, &[6, 3]), 6);
    }

    #[test]
    fn signature_strings() {
        let b = Bleu::new(BleuConfig::default()).unwrap();
        assert!(b
            .signature(1)
            .format()
            .starts_with("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:kazpar-"));
        assert_eq!(
            Smoothing::from_name("floor", None).unwrap().signature(),
            "floor[0.10]"
        );
        assert_eq!(
            Smoothing::from_name("add-k", None).unwrap().signature(),
            "add-k[1.00]"
        );
    }
}
