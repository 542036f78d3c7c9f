//! Kazakh–English sentence alignment.
//!
//! [`Aligner::align`] takes the sentences of one document pair and returns
//! [`Bead`]s: runs of Kazakh and English sentence indexes that translate each
//! other (`1-1`, `2-1`, `1-0`, …), in order, covering every sentence once,
//! each with a confidence score in `[0, 1]`.
//!
//! ```
//! use kazpar_align::Aligner;
//! let kk = ["Бірінші сөйлем мұнда.", "Екінші сөйлем."];
//! let en = ["The first sentence is here.", "The second sentence."];
//! let beads = Aligner::default().align(&kk, &en);
//! assert_eq!(beads.len(), 2);
//! assert_eq!(beads[0].kind(), "1-1");
//! ```
#![deny(missing_docs)]

use std::ops::Range;

/// A group of sentences on each side that translate each other.
#[derive(Clone, Debug, PartialEq)]
pub struct Bead {
    /// Kazakh sentence indexes (possibly empty).
    pub kk: Range<usize>,
    /// English sentence indexes (possibly empty).
    pub en: Range<usize>,
    /// Confidence in `[0, 1]`.
    pub score: f64,
}

impl Bead {
    /// `"<kk count>-<en count>"`, e.g. `"2-1"`.
    pub fn kind(&self) -> String {
        format!("{}-{}", self.kk.len(), self.en.len())
    }
}

/// A configured aligner.
#[derive(Clone, Debug, Default)]
pub struct Aligner {}

const BEADS: [(usize, usize, f64); 6] = [
    (1, 1, 0.0),
    (1, 0, 4.5),
    (0, 1, 4.5),
    (2, 1, 2.3),
    (1, 2, 2.3),
    (2, 2, 4.0),
];

fn chars(s: &str) -> f64 {
    s.chars().filter(|c| !c.is_whitespace()).count() as f64
}

/// Cost of matching `a` Kazakh characters with `b` English characters:
/// a Laplace-like (heavy-tailed) cost on the log length ratio.
fn length_cost(a: f64, b: f64) -> f64 {
    let r = ((b + 1.0) / (a + 1.0)).ln();
    r.abs() / 0.18 * (a + b).sqrt().min(12.0) / 6.0
}

impl Aligner {
    /// Align the sentences of one document pair.
    pub fn align<K: AsRef<str>, E: AsRef<str>>(&self, kk: &[K], en: &[E]) -> Vec<Bead> {
        let (n, m) = (kk.len(), en.len());
        let kl: Vec<f64> = kk.iter().map(|s| chars(s.as_ref())).collect();
        let el: Vec<f64> = en.iter().map(|s| chars(s.as_ref())).collect();
        let mut cost = vec![f64::INFINITY; (n + 1) * (m + 1)];
        let mut back = vec![0u8; (n + 1) * (m + 1)];
        let at = |i: usize, j: usize| i * (m + 1) + j;
        cost[0] = 0.0;
        for i in 0..=n {
            for j in 0..=m {
                if i == 0 && j == 0 {
                    continue;
                }
                for (b, &(di, dj, pen)) in BEADS.iter().enumerate() {
                    if di > i || dj > j {
                        continue;
                    }
                    let prev = cost[at(i - di, j - dj)];
                    if !prev.is_finite() {
                        continue;
                    }
                    let a: f64 = kl[i - di..i].iter().sum();
                    let e: f64 = el[j - dj..j].iter().sum();
                    let c = prev + pen + if di > 0 && dj > 0 { length_cost(a, e) } else { 0.0 };
                    if c < cost[at(i, j)] {
                        cost[at(i, j)] = c;
                        back[at(i, j)] = b as u8;
                    }
                }
            }
        }
        let mut out = Vec::new();
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let (di, dj, _) = BEADS[back[at(i, j)] as usize];
            let local = cost[at(i, j)] - cost[at(i - di, j - dj)];
            out.push(Bead {
                kk: i - di..i,
                en: j - dj..j,
                score: (-local / 4.0).exp(),
            });
            i -= di;
            j -= dj;
        }
        out.reverse();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_is_found() {
        let kk = [
            "Қысқа сөйлем.",
            "Бұл өте ұзын сөйлем, оның ішінде көп сөз бар және тағы бір бөлігі бар.",
        ];
        let en = [
            "A short sentence.",
            "This is a very long sentence with many words.",
            "And it has another part.",
        ];
        let beads = Aligner::default().align(&kk, &en);
        let kinds: Vec<_> = beads.iter().map(Bead::kind).collect();
        assert_eq!(kinds, ["1-1", "1-2"]);
    }

    #[test]
    fn empty_sides() {
        let none: [&str; 0] = [];
        let beads = Aligner::default().align(&["Бір."], &none);
        assert_eq!(beads[0].kind(), "1-0");
        assert!(Aligner::default().align(&none, &none).is_empty());
    }
}
