//! Paired bootstrap resampling as sacreBLEU's `--paired-bs` does it, with the
//! same random draws.
//!
//! sacreBLEU draws its resamples with `numpy.random.default_rng(12345)
//! .choice(n, size=(1000, n))`: a PCG64 generator seeded through NumPy's
//! `SeedSequence`, bounded with Lemire's method on 32-bit halves of each
//! 64-bit output. [`NumpyRng`] reproduces that stream exactly, so the
//! resamples, p-values and confidence intervals are sacreBLEU's own.
//! Statistics are summed and scored in float32 with NumPy 2's promotion
//! rules ([`Metric::bootstrap_score`]), and means use NumPy's pairwise sum.

use crate::Metric;

/// sacreBLEU's seed (`SACREBLEU_SEED` unset).
pub const DEFAULT_SEED: u64 = 12345;
/// sacreBLEU's number of resamples for `--paired-bs`.
pub const DEFAULT_SAMPLES: usize = 1000;

const M32: u64 = 0xFFFF_FFFF;

/// NumPy's `SeedSequence(entropy).generate_state(n_words, np.uint64)` for an
/// entropy below 2^32 and no spawn key.
fn seed_sequence_u64(entropy: u32, n_words: usize) -> Vec<u64> {
    const INIT_A: u32 = 0x43b0_d7e5;
    const MULT_A: u32 = 0x931e_8875;
    const INIT_B: u32 = 0x8b51_f9dd;
    const MULT_B: u32 = 0x58f3_8ded;
    const MIX_L: u32 = 0xca01_f9dd;
    const MIX_R: u32 = 0x4973_f715;
    let mut hc = INIT_A;
    let mut hashmix = |v: u32| {
        let mut v = v ^ hc;
        hc = hc.wrapping_mul(MULT_A);
        v = v.wrapping_mul(hc);
        v ^ (v >> 16)
    };
    let mix = |x: u32, y: u32| {
        let r = MIX_L.wrapping_mul(x).wrapping_sub(MIX_R.wrapping_mul(y));
        r ^ (r >> 16)
    };
    let mut pool = [0u32; 4];
    for (i, p) in pool.iter_mut().enumerate() {
        *p = hashmix(if i == 0 { entropy } else { 0 });
    }
    for s in 0..4 {
        for d in 0..4 {
            if s != d {
                let h = hashmix(pool[s]);
                pool[d] = mix(pool[d], h);
            }
        }
    }
    let mut hb = INIT_B;
    let words: Vec<u32> = (0..2 * n_words)
        .map(|i| {
            let mut v = pool[i % 4] ^ hb;
            hb = hb.wrapping_mul(MULT_B);
            v = v.wrapping_mul(hb);
            v ^ (v >> 16)
        })
        .collect();
    words
        .chunks(2)
        .map(|w| u64::from(w[0]) | (u64::from(w[1]) << 32))
        .collect()
}

/// NumPy's default generator (`numpy.random.default_rng(seed)`: PCG64 XSL-RR).
#[derive(Debug, Clone)]
pub struct NumpyRng {
    state: u128,
    inc: u128,
    buffered: Option<u32>,
}

const PCG_MULT: u128 = (2_549_297_995_355_413_924u128 << 64) + 4_865_540_595_714_422_341u128;

impl NumpyRng {
    /// `numpy.random.default_rng(seed)` for a seed below 2^32.
    pub fn new(seed: u32) -> Self {
        let v = seed_sequence_u64(seed, 4);
        let initstate = (u128::from(v[0]) << 64) | u128::from(v[1]);
        let initseq = (u128::from(v[2]) << 64) | u128::from(v[3]);
        let mut r = NumpyRng {
            state: 0,
            inc: (initseq << 1) | 1,
            buffered: None,
        };
        r.step();
        r.state = r.state.wrapping_add(initstate);
        r.step();
        r
    }

    fn step(&mut self) {
        self.state = self.state.wrapping_mul(PCG_MULT).wrapping_add(self.inc);
    }

    /// The next 64-bit output.
    pub fn next_u64(&mut self) -> u64 {
        self.step();
        let s = self.state;
        let x = ((s >> 64) as u64) ^ (s as u64);
        x.rotate_right((s >> 122) as u32)
    }

    /// The next 32-bit output (low half of a 64-bit output, then its high half).
    pub fn next_u32(&mut self) -> u32 {
        if let Some(b) = self.buffered.take() {
            return b;
        }
        let n = self.next_u64();
        self.buffered = Some((n >> 32) as u32);
        (n & M32) as u32
    }

    /// A uniform integer in `0..=max` (`max < 2^32 - 1`), Lemire's method as in NumPy.
    fn bounded(&mut self, max: u32) -> u32 {
        let ex = u64::from(max) + 1;
        let mut m = u64::from(self.next_u32()) * ex;
        let mut left = m & M32;
        if left < ex {
            let threshold = (M32 - u64::from(max)) % ex;
            while left < threshold {
                m = u64::from(self.next_u32()) * ex;
                left = m & M32;
            }
        }
        (m >> 32) as u32
    }

    /// `rng.choice(n, size=count, replace=True)`. `n` must be below 2^32 - 1.
    pub fn choice(&mut self, n: usize, count: usize) -> Vec<u32> {
        if n <= 1 {
            return vec![0; count];
        }
        let max = (n - 1) as u32;
        (0..count).map(|_| self.bounded(max)).collect()
    }
}

/// The resample indices sacreBLEU uses: `samples` rows of `n` segment indices.
pub fn bootstrap_indices(n: usize, samples: usize, seed: u32) -> Vec<u32> {
    NumpyRng::new(seed).choice(n, n * samples)
}

/// The score of each resample: statistics converted to float32, summed in
/// segment order, scored with [`Metric::bootstrap_score`].
pub fn resample_scores<M: Metric + ?Sized>(metric: &M, stats: &[f64], idxs: &[u32]) -> Vec<f64> {
    let k = metric.stats_len();
    let n = stats.len() / k;
    if n == 0 {
        return Vec::new();
    }
    let s32: Vec<f32> = stats.iter().map(|&x| x as f32).collect();
    let mut sum = vec![0.0f32; k];
    idxs.chunks(n)
        .map(|row| {
            sum.fill(0.0);
            for &i in row {
                let seg = &s32[i as usize * k..(i as usize + 1) * k];
                for (t, &x) in sum.iter_mut().zip(seg) {
                    *t += x;
                }
            }
            metric.bootstrap_score(&sum)
        })
        .collect()
}

/// NumPy's pairwise summation (`add.reduce` on a contiguous array).
fn pairwise_sum<T: Copy + std::ops::Add<Output = T> + Default>(a: &[T]) -> T {
    let n = a.len();
    if n < 8 {
        let mut r = T::default();
        for &x in a {
            r = r + x;
        }
        r
    } else if n <= 128 {
        let mut r = [a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]];
        let mut i = 8;
        while i < n - n % 8 {
            for j in 0..8 {
                r[j] = r[j] + a[i + j];
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        while i < n {
            res = res + a[i];
            i += 1;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise_sum(&a[..n2]) + pairwise_sum(&a[n2..])
    }
}

/// Mean and half-width of the 95% interval of bootstrap scores, as
/// sacreBLEU's `estimate_ci` computes them (in float32 when `f32`).
pub fn estimate_ci(scores: &[f64], f32_scores: bool) -> (f64, f64) {
    let n = scores.len();
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let lo = n / 40;
    let hi = n - lo - 1;
    if f32_scores {
        // sacreBLEU sorts first, then takes the mean of the sorted array.
        let mut s: Vec<f32> = scores.iter().map(|&x| x as f32).collect();
        s.sort_by(f32::total_cmp);
        let mean = pairwise_sum(&s) / n as f32;
        (f64::from(mean), f64::from(0.5f32 * (s[hi] - s[lo])))
    } else {
        let mut s = scores.to_vec();
        s.sort_by(f64::total_cmp);
        let mean = pairwise_sum(&s) / n as f64;
        (mean, 0.5 * (s[hi] - s[lo]))
    }
}

/// sacreBLEU's p-value: the share of resampled differences (centred on their
/// mean) above the real difference, with the +1 correction.
pub fn p_value(bl: &[f64], sys: &[f64], real_diff: f64, f32_scores: bool) -> f64 {
    let n = bl.len();
    let c = if f32_scores {
        let d: Vec<f32> = bl
            .iter()
            .zip(sys)
            .map(|(&b, &s)| ((s as f32) - (b as f32)).abs())
            .collect();
        let mean = pairwise_sum(&d) / n as f32;
        let real = real_diff as f32;
        d.iter().filter(|&&x| x - mean > real).count()
    } else {
        let d: Vec<f64> = bl.iter().zip(sys).map(|(&b, &s)| (s - b).abs()).collect();
        let mean = pairwise_sum(&d) / n as f64;
        d.iter().filter(|&&x| x - mean > real_diff).count()
    };
    (c as f64 + 1.0) / (n as f64 + 1.0)
}

/// One system's result in a paired test.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedResult {
    /// The actual corpus score.
    pub score: f64,
    /// p-value against the baseline (`None` for the baseline itself).
    pub p_value: Option<f64>,
    /// Bootstrap estimate of the true mean.
    pub mean: f64,
    /// Half-width of the 95% confidence interval around `mean`.
    pub ci: f64,
}

/// Paired bootstrap resampling of systems (the first is the baseline) from
/// their flattened per-segment statistics, as `sacrebleu --paired-bs`.
pub fn paired_bootstrap<M: Metric + ?Sized>(
    metric: &M,
    systems: &[Vec<f64>],
    samples: usize,
    seed: u32,
) -> Vec<PairedResult> {
    let k = metric.stats_len();
    let Some(base) = systems.first() else {
        return Vec::new();
    };
    let n = base.len() / k;
    let idxs = bootstrap_indices(n, samples, seed);
    let f32s = metric.bootstrap_is_f32();
    let bl_scores = resample_scores(metric, base, &idxs);
    let bl_score = metric.score(&crate::sum_stats(base, k)).score;
    let (m, ci) = estimate_ci(&bl_scores, f32s);
    let mut out = vec![PairedResult {
        score: bl_score,
        p_value: None,
        mean: m,
        ci,
    }];
    for sys in &systems[1..] {
        let score = metric.score(&crate::sum_stats(sys, k)).score;
        let sc = resample_scores(metric, sys, &idxs);
        let (mean, ci) = estimate_ci(&sc, f32s);
        let p = p_value(&bl_scores, &sc, (bl_score - score).abs(), f32s);
        out.push(PairedResult {
            score,
            p_value: Some(p),
            mean,
            ci,
        });
    }
    out
}

/// sacreBLEU's number of trials for `--paired-ar`.
pub const DEFAULT_AR_TRIALS: usize = 10_000;

impl NumpyRng {
    /// `rng.integers(2, size=count, dtype=bool)`: one bit of a 32-bit output
    /// per value, lowest bit first (NumPy's `buffered_bounded_bool`).
    pub fn bools(&mut self, count: usize) -> Vec<bool> {
        let mut out = Vec::with_capacity(count);
        let mut buf = 0u32;
        let mut left = 0u32;
        for _ in 0..count {
            if left == 0 {
                buf = self.next_u32();
                left = 31;
            } else {
                buf >>= 1;
                left -= 1;
            }
            out.push(buf & 1 != 0);
        }
        out
    }
}

/// One system's result in the approximate randomization test.
#[derive(Debug, Clone, PartialEq)]
pub struct ArResult {
    /// The actual corpus score.
    pub score: f64,
    /// p-value against the baseline (`None` for the baseline itself).
    pub p_value: Option<f64>,
}

/// Paired approximate randomization as `sacrebleu --paired-ar`: for each
/// system a fresh `default_rng(seed)` draws `integers(2, size=(trials, n),
/// dtype=bool)`; trial t swaps the segments the mask selects between the
/// baseline and the system, scores both pseudo-systems from their summed
/// statistics (float64, as NumPy's integer matrix product gives them), and
/// p = (#{|a − b| > |baseline − system|} + 1) / (trials + 1).
pub fn paired_ar<M: Metric + ?Sized>(
    metric: &M,
    systems: &[Vec<f64>],
    trials: usize,
    seed: u32,
) -> Vec<ArResult> {
    let k = metric.stats_len();
    let Some(base) = systems.first() else {
        return Vec::new();
    };
    let n = base.len() / k;
    let bl_score = metric.score(&crate::sum_stats(base, k)).score;
    let mut out = vec![ArResult {
        score: bl_score,
        p_value: None,
    }];
    let mut a = vec![0.0f64; k];
    let mut b = vec![0.0f64; k];
    for sys in &systems[1..] {
        let score = metric.score(&crate::sum_stats(sys, k)).score;
        let diff = (bl_score - score).abs();
        let sel = NumpyRng::new(seed).bools(trials * n);
        let mut c = 0usize;
        for row in sel.chunks(n.max(1)).take(trials) {
            a.fill(0.0);
            b.fill(0.0);
            for (i, &pos) in row.iter().enumerate() {
                let (x, y) = (&base[i * k..(i + 1) * k], &sys[i * k..(i + 1) * k]);
                let (to_a, to_b) = if pos { (x, y) } else { (y, x) };
                for j in 0..k {
                    a[j] += to_a[j];
                    b[j] += to_b[j];
                }
            }
            let d = (metric.score(&a).score - metric.score(&b).score).abs();
            if d > diff {
                c += 1;
            }
        }
        out.push(ArResult {
            score,
            p_value: Some((c as f64 + 1.0) / (trials as f64 + 1.0)),
        });
    }
    out
}

/// Python's `statistics.mean` of floats: the exact mean, rounded once
/// (exact summation in a 128-bit fixed point; `math.fsum` then one division
/// if the values span too many binary orders for that).
pub fn exact_mean(xs: &[f64]) -> f64 {
    let n = xs.len();
    if n == 0 || xs.iter().any(|x| !x.is_finite()) {
        return xs.iter().sum::<f64>() / n as f64;
    }
    // (mantissa, exponent) with x = m · 2^e
    let parts: Vec<(i128, i32)> = xs
        .iter()
        .filter(|&&x| x != 0.0)
        .map(|&x| {
            let bits = x.to_bits();
            let exp = ((bits >> 52) & 0x7ff) as i32;
            let frac = (bits & ((1u64 << 52) - 1)) as i128;
            let (m, e) = if exp == 0 {
                (frac, -1074)
            } else {
                (frac | (1 << 52), exp - 1075)
            };
            (if x < 0.0 { -m } else { m }, e)
        })
        .collect();
    if parts.is_empty() {
        return 0.0;
    }
    let emin = parts.iter().map(|p| p.1).min().unwrap_or(0);
    let emax = parts.iter().map(|p| p.1).max().unwrap_or(0);
    let headroom = 128 - 2 - 53 - (usize::BITS - n.leading_zeros()) as i32;
    if emax - emin > headroom {
        return fsum(xs) / n as f64;
    }
    let mut s: i128 = 0;
    for &(m, e) in &parts {
        s += m << (e - emin);
    }
    if s == 0 {
        return 0.0;
    }
    let neg = s < 0;
    let mut u = s.unsigned_abs();
    let mut e = emin;
    // Widen so the quotient keeps ≥ 64 significant bits.
    let shift = u.leading_zeros().saturating_sub(1);
    u <<= shift;
    e -= shift as i32;
    let nn = n as u128;
    let q = u / nn;
    let sticky = u % nn != 0;
    let bits = 128 - q.leading_zeros() as i32;
    let drop = (bits - 53).max(0);
    let mut mant = q >> drop;
    let rest = q & ((1u128 << drop) - 1);
    let half = if drop > 0 { 1u128 << (drop - 1) } else { 0 };
    if drop > 0 && (rest > half || (rest == half && (sticky || mant & 1 == 1))) {
        mant += 1;
    }
    let v = (mant as f64) * 2f64.powi(e + drop);
    if neg {
        -v
    } else {
        v
    }
}

/// `math.fsum`: the correctly rounded sum (Shewchuk's partials).
fn fsum(xs: &[f64]) -> f64 {
    let mut partials: Vec<f64> = Vec::new();
    for &x in xs {
        let mut x = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    partials.iter().sum()
}

/// A bootstrap confidence interval for one system, as sacreBLEU's
/// `--confidence` (`corpus_score(..., n_bootstrap)`) computes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Confidence {
    /// Mean of the resample scores (`statistics.mean`).
    pub mean: f64,
    /// Half the distance between the 2.5% and 97.5% resample scores.
    pub ci: f64,
}

/// sacreBLEU's single-system bootstrap: `default_rng(seed).choice(n, (samples, n))`,
/// float32 statistics, then `Score.estimate_ci` (Python `sorted`,
/// `statistics.mean`, and `0.5 * (upper - lower)` in the scores' type).
pub fn confidence<M: Metric + ?Sized>(metric: &M, stats: &[f64], samples: usize, seed: u32) -> Confidence {
    let n = stats.len() / metric.stats_len();
    let idxs = bootstrap_indices(n, samples, seed);
    let mut scores = resample_scores(metric, stats, &idxs);
    if scores.is_empty() {
        return Confidence {
            mean: f64::NAN,
            ci: f64::NAN,
        };
    }
    scores.sort_by(f64::total_cmp);
    let lo = scores.len() / 40;
    let hi = scores.len() - lo - 1;
    let ci = if metric.bootstrap_is_f32() {
        f64::from(0.5f32 * (scores[hi] as f32 - scores[lo] as f32))
    } else {
        0.5 * (scores[hi] - scores[lo])
    };
    let mut mean = exact_mean(&scores);
    if metric.bootstrap_is_f32() {
        mean = f64::from(mean as f32);
    }
    Confidence { mean, ci }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_default_rng_stream() {
        // numpy 2.4.6: np.random.default_rng(12345).choice(821, size=10, replace=True)
        let got = NumpyRng::new(12345).choice(821, 10);
        assert_eq!(got, [574, 186, 647, 260, 167, 654, 527, 555, 811, 321]);
    }

    #[test]
    fn numpy_bool_integers() {
        // numpy 2.4.6: default_rng(12345).integers(2, size=(3, 40), dtype=bool),
        // the first 70 values, then choice(821, size=5) from the same generator.
        let mut r = NumpyRng::new(12345);
        let bits: String = r.bools(120)[..70]
            .iter()
            .map(|&b| if b { '1' } else { '0' })
            .collect();
        assert_eq!(
            bits,
            "1011100110000011111111110100110110110001100011010100110001011100011110"
        );
        assert_eq!(r.choice(821, 5), [167, 654, 527, 555, 811]);
    }

    #[test]
    fn exact_mean_rounds_once() {
        assert_eq!(exact_mean(&[0.1, 0.2, 0.3]), 0.2);
        assert_eq!(exact_mean(&[1e16, 1.0, -1e16]), 1.0 / 3.0);
        assert_eq!(exact_mean(&[2.5]), 2.5);
    }

    #[test]
    fn pairwise_sum_shapes() {
        let v: Vec<f64> = (1..=300).map(f64::from).collect();
        assert_eq!(pairwise_sum(&v), 45150.0);
        assert_eq!(pairwise_sum(&v[..5]), 15.0);
    }
}
