//! TER (Snover et al., 2006) as sacreBLEU computes it: Tercom's greedy
//! shifts with its limits, then a beam-restricted edit distance.

use crate::hash::Words;
use crate::text::{py_lower, py_rstrip, py_squeeze};
use crate::{Metric, Score, Signature};

/// Longest phrase that may be shifted.
const MAX_SHIFT_SIZE: usize = 10;
/// Largest distance between a phrase's positions in hypothesis and reference.
const MAX_SHIFT_DIST: usize = 50;
/// Half-width of the band around the diagonal of the edit-distance matrix.
const BEAM_WIDTH: usize = 25;
/// After this many evaluated shift candidates (per sentence pair), stop shifting.
const MAX_SHIFT_CANDIDATES: usize = 1000;
/// The cost of a cell outside the band.
const INF: i64 = 10_000_000_000_000_000;

/// TER settings. The default is sacreBLEU's (and Tercom's): case-insensitive,
/// no normalization, punctuation kept.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TerConfig {
    /// Keep case (default: lowercase everything).
    pub case_sensitive: bool,
    /// Tercom's normalization: XML entities, punctuation tokenization.
    pub normalized: bool,
    /// Remove the punctuation `. , ? : ; ! " ( )`.
    pub no_punct: bool,
}

/// The TER metric. Statistics per segment: `[edits, average reference length]`.
#[derive(Debug, Clone, Default)]
pub struct Ter {
    cfg: TerConfig,
}

impl Ter {
    /// A TER scorer.
    pub fn new(cfg: TerConfig) -> Self {
        Ter { cfg }
    }

    /// Tercom's tokenizer (sacreBLEU's `TercomTokenizer` without Asian support).
    pub fn tokenize(&self, sent: &str) -> String {
        let sent = py_rstrip(sent);
        if sent.is_empty() {
            return String::new();
        }
        let mut s = if self.cfg.case_sensitive {
            sent.to_owned()
        } else {
            py_lower(sent)
        };
        if self.cfg.normalized {
            s = tercom_normalize(&s);
        }
        if self.cfg.no_punct {
            s.retain(|c| !matches!(c, '.' | ',' | '?' | ':' | ';' | '!' | '"' | '(' | ')'));
        }
        py_squeeze(&s)
    }
}

/// Tercom's general and Western normalization (sacreBLEU
/// `_normalize_general_and_western`); returns text still to be squeezed.
fn tercom_normalize(sent: &str) -> String {
    let s = sent
        .replace("\n-", "")
        .replace('\n', " ")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    let src = format!(" {s} ");
    let mut a = Vec::with_capacity(src.len() * 2);
    for &b in src.as_bytes() {
        if matches!(b, b'{'..=b'~' | b'['..=b'`' | b' '..=b'&' | b'('..=b'+' | b':'..=b'@' | b'/') {
            a.extend_from_slice(&[b' ', b, b' ']);
        } else {
            a.push(b);
        }
    }
    // Possessives: "'s " → " 's ", and "'s" at the very end → " 's".
    let mut p = Vec::with_capacity(a.len() + 8);
    let mut i = 0;
    while i < a.len() {
        if a[i..].starts_with(b"'s ") {
            p.extend_from_slice(b" 's ");
            i += 3;
        } else {
            p.push(a[i]);
            i += 1;
        }
    }
    if p.ends_with(b"'s") {
        p.truncate(p.len() - 2);
        p.extend_from_slice(b" 's");
    }
    let scan = |v: &[u8], hit: &dyn Fn(u8, u8) -> bool, rep: &dyn Fn(u8, u8) -> Vec<u8>| {
        let mut o = Vec::with_capacity(v.len() + 16);
        let mut i = 0;
        while i < v.len() {
            if i + 1 < v.len() && hit(v[i], v[i + 1]) {
                o.extend(rep(v[i], v[i + 1]));
                i += 2;
            } else {
                o.push(v[i]);
                i += 1;
            }
        }
        o
    };
    let p = scan(
        &p,
        &|x, y| !x.is_ascii_digit() && matches!(y, b'.' | b','),
        &|x, y| vec![x, b' ', y, b' '],
    );
    let p = scan(
        &p,
        &|x, y| matches!(x, b'.' | b',') && !y.is_ascii_digit(),
        &|x, y| vec![b' ', x, b' ', y],
    );
    let p = scan(&p, &|x, y| x.is_ascii_digit() && y == b'-', &|x, y| {
        vec![x, b' ', y, b' ']
    });
    String::from_utf8(p).unwrap_or_default()
}

/// Edit operations of the matrix, as read when rewriting hypothesis into reference.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Nop,
    Sub,
    /// Consumes a reference word.
    Ins,
    /// Consumes a hypothesis word.
    Del,
    Undef,
}

/// The beam edit distance between a fixed reference and hypotheses of one length.
struct BeamEd<'a> {
    refw: &'a [u32],
    ratio: f64,
    beam: usize,
    n_h: usize,
}

impl<'a> BeamEd<'a> {
    fn new(refw: &'a [u32], n_h: usize) -> Self {
        let n_r = refw.len();
        let ratio = if n_h > 0 { n_r as f64 / n_h as f64 } else { 1.0 };
        let beam = if (BEAM_WIDTH as f64) < ratio / 2.0 {
            (ratio / 2.0 + BEAM_WIDTH as f64).ceil() as usize
        } else {
            BEAM_WIDTH
        };
        BeamEd {
            refw,
            ratio,
            beam,
            n_h,
        }
    }

    /// Columns computed in row `i` (1-based hypothesis position).
    #[inline]
    fn band(&self, i: usize) -> (usize, usize) {
        let n_r = self.refw.len();
        let diag = (i as f64 * self.ratio).floor() as usize;
        let lo = diag.saturating_sub(self.beam);
        let mut hi = (n_r + 1).min(diag + self.beam);
        if i == self.n_h {
            hi = n_r + 1;
        }
        (lo, hi)
    }

    /// Fill row `i` of costs (and ops, if given) from row `i-1`.
    #[inline]
    fn row(&self, i: usize, word: u32, prev: &[i64], cur: &mut [i64], mut ops: Option<&mut [Op]>) {
        cur.fill(INF);
        if let Some(o) = ops.as_deref_mut() {
            o.fill(Op::Undef);
        }
        let (lo, hi) = self.band(i);
        for j in lo..hi {
            if j == 0 {
                cur[0] = prev[0] + 1;
                if let Some(o) = ops.as_deref_mut() {
                    o[0] = Op::Del;
                }
                continue;
            }
            let (sub_cost, sub_op) = if word == self.refw[j - 1] {
                (0, Op::Nop)
            } else {
                (1, Op::Sub)
            };
            let mut best = INF;
            let mut op = Op::Undef;
            for (c, o) in [
                (prev[j - 1] + sub_cost, sub_op),
                (prev[j] + 1, Op::Del),
                (cur[j - 1] + 1, Op::Ins),
            ] {
                if best > c {
                    best = c;
                    op = o;
                }
            }
            cur[j] = best;
            if let Some(o) = ops.as_deref_mut() {
                o[j] = op;
            }
        }
    }

    fn initial_row(&self) -> Vec<i64> {
        (0..=self.refw.len() as i64).collect()
    }

    /// Full matrix for `hyp`: the distance, every cost row, and the trace of
    /// operations from the start.
    fn full(&self, hyp: &[u32]) -> (i64, Vec<Vec<i64>>, Vec<Op>) {
        let w = self.refw.len() + 1;
        let mut costs = Vec::with_capacity(hyp.len() + 1);
        let mut ops = Vec::with_capacity(hyp.len() + 1);
        costs.push(self.initial_row());
        ops.push(vec![Op::Ins; w]);
        for i in 1..=hyp.len() {
            let mut c = vec![INF; w];
            let mut o = vec![Op::Undef; w];
            self.row(i, hyp[i - 1], &costs[i - 1], &mut c, Some(&mut o));
            costs.push(c);
            ops.push(o);
        }
        let mut trace = Vec::new();
        let (mut i, mut j) = (hyp.len(), self.refw.len());
        while i > 0 || j > 0 {
            let op = ops[i][j];
            trace.push(op);
            match op {
                Op::Nop | Op::Sub => {
                    i -= 1;
                    j -= 1;
                }
                Op::Ins => j -= 1,
                Op::Del => i -= 1,
                // Unreachable for a finite distance; stop rather than loop.
                Op::Undef => break,
            }
        }
        trace.reverse();
        (costs[hyp.len()][self.refw.len()], costs, trace)
    }

    /// Distance of `hyp`, whose first `p` words equal those behind `rows`.
    fn cost_after_prefix(
        &self,
        hyp: &[u32],
        p: usize,
        rows: &[Vec<i64>],
        a: &mut Vec<i64>,
        b: &mut Vec<i64>,
    ) -> i64 {
        a.clear();
        a.extend_from_slice(&rows[p]);
        b.resize(a.len(), INF);
        for i in p + 1..=hyp.len() {
            self.row(i, hyp[i - 1], a, b, None);
            std::mem::swap(a, b);
        }
        a[self.refw.len()]
    }
}

/// `_perform_shift`: move `words[start..start+len]` to before position `target`
/// (with Python's slice clamping in the in-between case).
fn perform_shift(words: &[u32], start: usize, len: usize, target: usize, out: &mut Vec<u32>) {
    out.clear();
    let n = words.len();
    let cl = |x: usize| x.min(n);
    if target < start {
        out.extend_from_slice(&words[..target]);
        out.extend_from_slice(&words[start..start + len]);
        out.extend_from_slice(&words[target..start]);
        out.extend_from_slice(&words[start + len..]);
    } else if target > start + len {
        out.extend_from_slice(&words[..start]);
        out.extend_from_slice(&words[start + len..cl(target)]);
        out.extend_from_slice(&words[start..start + len]);
        out.extend_from_slice(&words[cl(target)..]);
    } else {
        out.extend_from_slice(&words[..start]);
        out.extend_from_slice(&words[cl(start + len)..cl(len + target).max(cl(start + len))]);
        out.extend_from_slice(&words[start..start + len]);
        out.extend_from_slice(&words[cl(len + target)..]);
    }
}

/// One round of shift search: the best shift's gain and the shifted words.
fn best_shift(hyp: &[u32], refw: &[u32], ed: &BeamEd, checked: &mut usize) -> (i64, Option<Vec<u32>>) {
    let (pre_score, rows, trace) = ed.full(hyp);
    // Alignment from the flipped trace (rewriting reference into hypothesis).
    let mut align = vec![0i64; refw.len()];
    let mut hyp_err = Vec::with_capacity(hyp.len());
    let mut ref_err = Vec::with_capacity(refw.len());
    let (mut ph, mut pr) = (-1i64, -1i64);
    for op in trace {
        match op {
            Op::Nop | Op::Sub => {
                ph += 1;
                pr += 1;
                align[pr as usize] = ph;
                let e = u8::from(op == Op::Sub);
                hyp_err.push(e);
                ref_err.push(e);
            }
            Op::Del => {
                ph += 1;
                hyp_err.push(1);
            }
            Op::Ins => {
                pr += 1;
                align[pr as usize] = ph;
                ref_err.push(1);
            }
            Op::Undef => break,
        }
    }
    let err_in =
        |v: &[u8], s: usize, l: usize| v[s.min(v.len())..(s + l).min(v.len())].iter().any(|&e| e != 0);
    // (gain, length, -start_h, -target) ranks candidates, as in Tercom.
    let mut best: Option<(i64, usize, i64, i64, Vec<u32>)> = None;
    let (mut a, mut b, mut shifted) = (Vec::new(), Vec::new(), Vec::new());
    let (n_h, n_r) = (hyp.len(), refw.len());
    'outer: for sh in 0..n_h {
        for sr in 0..n_r {
            if sr.abs_diff(sh) > MAX_SHIFT_DIST {
                continue;
            }
            let mut len = 0;
            while len < MAX_SHIFT_SIZE && hyp[sh + len] == refw[sr + len] {
                len += 1;
                // Candidate (sh, sr, len).
                let at_end = n_h == sh + len || n_r == sr + len;
                if err_in(&hyp_err, sh, len) && err_in(&ref_err, sr, len) {
                    let al = align[sr];
                    if !(sh as i64 <= al && al < (sh + len) as i64) {
                        let mut prev_idx: i64 = -1;
                        for offset in -1i64..len as i64 {
                            let pos = sr as i64 + offset;
                            let idx = if pos == -1 { 0 } else { align[pos as usize] + 1 };
                            if idx == prev_idx {
                                continue;
                            }
                            prev_idx = idx;
                            let target = idx as usize;
                            perform_shift(hyp, sh, len, target, &mut shifted);
                            let p = sh.min(target).min(n_h);
                            let cost = ed.cost_after_prefix(&shifted, p, &rows, &mut a, &mut b);
                            let cand = (pre_score - cost, len, -(sh as i64), -idx);
                            *checked += 1;
                            let better = match &best {
                                None => true,
                                Some((g, l, s, t, _)) => cand > (*g, *l, *s, *t),
                            };
                            if better {
                                best = Some((cand.0, cand.1, cand.2, cand.3, shifted.clone()));
                            }
                        }
                        if *checked >= MAX_SHIFT_CANDIDATES {
                            break 'outer;
                        }
                    }
                }
                if at_end {
                    break;
                }
            }
        }
    }
    match best {
        None => (0, None),
        Some((gain, _, _, _, words)) => (gain, Some(words)),
    }
}

/// Edits (shifts plus edit distance) turning `hyp` into `refw`, and the reference length.
pub(crate) fn edits(hyp: &[u32], refw: &[u32]) -> (i64, usize) {
    if refw.is_empty() {
        return (hyp.len() as i64, 0);
    }
    let ed = BeamEd::new(refw, hyp.len());
    let mut cur = hyp.to_vec();
    let mut shifts = 0i64;
    let mut checked = 0usize;
    loop {
        let (delta, next) = best_shift(&cur, refw, &ed, &mut checked);
        if checked >= MAX_SHIFT_CANDIDATES || delta <= 0 {
            break;
        }
        match next {
            Some(w) => cur = w,
            None => break,
        }
        shifts += 1;
    }
    let (d, _, _) = ed.full(&cur);
    (shifts + d, refw.len())
}

impl Metric for Ter {
    fn name(&self) -> String {
        "TER".into()
    }

    fn stats_len(&self) -> usize {
        2
    }

    fn segment_stats(&self, hyp: &str, refs: &[&str], out: &mut Vec<f64>) {
        let mut words = Words::default();
        let h = self.tokenize(hyp);
        let hyp_ids: Vec<u32> = h
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| words.intern(w))
            .collect();
        let mut best = i64::MAX;
        let mut ref_lengths = 0usize;
        let toks: Vec<String> = refs.iter().map(|r| self.tokenize(r)).collect();
        for r in &toks {
            let ids: Vec<u32> = r
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| words.intern(w))
                .collect();
            let (e, l) = edits(&hyp_ids, &ids);
            ref_lengths += l;
            best = best.min(e);
        }
        let avg = if refs.is_empty() {
            0.0
        } else {
            ref_lengths as f64 / refs.len() as f64
        };
        out.push(if refs.is_empty() { 0.0 } else { best as f64 });
        out.push(avg);
    }

    fn score(&self, stats: &[f64]) -> Score {
        let (e, r) = (stats[0], stats[1]);
        let s = if r > 0.0 {
            e / r
        } else if e > 0.0 {
            1.0
        } else {
            0.0
        };
        let mut details = serde_json::Map::new();
        details.insert("num_edits".into(), serde_json::json!(e as u64));
        details.insert("ref_length".into(), serde_json::json!(r));
        Score {
            name: self.name(),
            score: 100.0 * s,
            verbose: String::new(),
            details,
        }
    }

    fn bootstrap_score(&self, stats: &[f32]) -> f64 {
        let (e, r) = (stats[0], stats[1]);
        if r > 0.0 {
            f64::from(100.0f32 * (e / r))
        } else if e > 0.0 {
            100.0
        } else {
            0.0
        }
    }

    fn bootstrap_is_f32(&self) -> bool {
        true
    }

    fn signature(&self, nrefs: usize) -> Signature {
        let yn = |b: bool| if b { "yes" } else { "no" };
        let mut s = Signature::new(nrefs);
        s.push("case", if self.cfg.case_sensitive { "mixed" } else { "lc" });
        s.push("tok", "tercom");
        s.push("norm", yn(self.cfg.normalized));
        s.push("punct", yn(!self.cfg.no_punct));
        s.push("asian", "no");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids<'a>(s: &'a str, w: &mut Words<'a>) -> Vec<u32> {
        s.split_whitespace().map(|x| w.intern(x)).collect()
    }

    #[test]
    fn hand_checked_edits() {
        let mut w = Words::default();
        let r = ids("a b c d", &mut w);
        // identical: 0 edits
        assert_eq!(edits(&ids("a b c d", &mut w), &r), (0, 4));
        // one substitution
        assert_eq!(edits(&ids("a x c d", &mut w), &r), (1, 4));
        // block "c d" moved to the front: one shift instead of four edits
        assert_eq!(edits(&ids("c d a b", &mut w), &r), (1, 4));
        // empty hypothesis: four insertions; empty reference: hypothesis length
        assert_eq!(edits(&[], &r), (4, 4));
        assert_eq!(edits(&ids("a b", &mut w), &[]), (2, 0));
    }

    #[test]
    fn shift_matches_python_slicing() {
        let w: Vec<u32> = (0..6).collect();
        let mut o = Vec::new();
        perform_shift(&w, 3, 2, 1, &mut o);
        assert_eq!(o, [0, 3, 4, 1, 2, 5]);
        perform_shift(&w, 0, 2, 4, &mut o);
        assert_eq!(o, [2, 3, 0, 1, 4, 5]);
        // target inside [start, start+len]: Python moves the block past `len` words
        perform_shift(&w, 1, 2, 3, &mut o);
        assert_eq!(o, [0, 3, 4, 1, 2, 5]);
        perform_shift(&w, 3, 2, 5, &mut o);
        assert_eq!(o, [0, 1, 2, 5, 3, 4]);
    }
}
