//! Word-translation tables: learned from confident pairs, or read from a user dictionary.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use crate::features::{stem, Stem};
use crate::{AlignError, Evidence};

/// A table from Kazakh stems to English stems (both: lowercase, first 5 letters).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub(crate) map: HashMap<Stem, Vec<Stem>>,
    /// Every English stem that is a translation of some Kazakh stem.
    pub(crate) targets: rustc_hash::FxHashSet<Stem>,
}

impl Lexicon {
    /// Number of Kazakh stems with at least one translation.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Add the entries of `other`.
    pub fn extend(&mut self, other: &Lexicon) {
        for (k, v) in &other.map {
            let e = self.map.entry(*k).or_default();
            for w in v {
                if !e.contains(w) {
                    e.push(*w);
                }
            }
        }
        self.targets.extend(other.targets.iter().copied());
    }

    /// `e` as one more translation of `k`, once.
    fn add(&mut self, k: Stem, e: Stem) {
        let v = self.map.entry(k).or_default();
        if !v.contains(&e) {
            v.push(e);
        }
    }

    pub(crate) fn with_targets(mut self) -> Self {
        self.targets = self.map.values().flatten().copied().collect();
        self
    }

    /// Read a dictionary in hunalign's format: one `english @ kazakh` entry per
    /// line; multi-word entries pair words by position when both sides have as many
    /// (a single word pairs with every word of the other side).
    /// Blank lines and lines starting with `#` are skipped.
    pub fn parse_dictionary(text: &str, path: &Path) -> Result<Lexicon, AlignError> {
        let mut lex = Lexicon::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((en, kk)) = line.split_once(" @ ") else {
                return Err(AlignError::Dictionary {
                    path: path.to_path_buf(),
                    line: i + 1,
                    message: "expected `english @ kazakh`".into(),
                });
            };
            // multi-word entries: words pair by position when both sides have
            // as many, a single word pairs with every word of the other side,
            // anything else is too loose to use
            let (ks, es) = (entry_stems(kk, false), entry_stems(en, false));
            let pairs: Vec<(Stem, Stem)> = if ks.len() == es.len() {
                ks.into_iter().zip(es).collect()
            } else if ks.len() == 1 || es.len() == 1 {
                ks.iter().flat_map(|&k| es.iter().map(move |&e| (k, e))).collect()
            } else {
                Vec::new()
            };
            for (k, e) in pairs {
                lex.add(k, e);
            }
        }
        Ok(lex.with_targets())
    }

    /// kazpar's core word list (`data/core-kk-en.txt`, written for kazpar):
    /// everyday and news words whose translation hardly depends on context
    /// (time, numbers, people, the state, the economy, common verbs and
    /// adjectives), each Kazakh form paired with each English one of its entry.
    /// What a corpus too small to teach its own table needs most.
    pub fn core() -> &'static Lexicon {
        static CORE: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        CORE.get_or_init(|| Lexicon::parse_word_list(include_str!("../data/core-kk-en.txt")))
    }

    /// Read a word list of `kazakh forms | english forms` lines (`#` comments):
    /// every Kazakh word of a line pairs with every English word of it.
    pub(crate) fn parse_word_list(text: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("");
            let Some((kk, en)) = line.split_once('|') else {
                continue;
            };
            // (an English stop word is never among a sentence's stems: as a
            // translation it could only make known words that never match)
            let es = entry_stems(en, true);
            for k in entry_stems(kk, true) {
                for &e in &es {
                    lex.add(k, e);
                }
            }
        }
        lex.with_targets()
    }

    /// Learn a table from sentence pairs believed to be translations:
    /// stem pairs that co-occur at least twice with a Dice coefficient of
    /// at least 0.3; for each Kazakh stem its best three English stems.
    pub fn learn(pairs: &[(&[Stem], &[Stem])]) -> Lexicon {
        let mut ev = Evidence::new();
        for (k, e) in pairs {
            ev.add_pair(k, e);
        }
        Lexicon::from_evidence(&ev)
    }

    /// The table [`Lexicon::learn`] gives, from counted evidence: stem pairs
    /// that co-occur in at least two pairs with a Dice coefficient of at
    /// least 0.3; for each Kazakh stem its best three English stems (ties
    /// by the English stem's letters).
    pub fn from_evidence(ev: &Evidence) -> Lexicon {
        let mut best: HashMap<Stem, Vec<(f32, Stem)>> = HashMap::default();
        ev.for_each_co(|key, n| {
            if n < 2 {
                return;
            }
            let (ka, eb) = ev.counts_of(key);
            let dice = 2.0 * n as f32 / (ka + eb) as f32;
            if dice >= 0.3 {
                let (a, b) = ev.stems_of(key);
                best.entry(a).or_default().push((dice, b));
            }
        });
        let mut lex = Lexicon::default();
        for (a, mut v) in best {
            v.sort_by(|x, y| y.0.total_cmp(&x.0).then(unstem(x.1).cmp(&unstem(y.1))));
            v.truncate(3);
            lex.map.insert(a, v.into_iter().map(|(_, b)| b).collect());
        }
        lex.with_targets()
    }
}

/// The stems of the words (of 3 letters or more) of one side of a
/// dictionary entry, without English stop words if `no_stop`.
fn entry_stems(side: &str, no_stop: bool) -> Vec<Stem> {
    side.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3 && !(no_stop && crate::features::is_stop(w)))
        .map(stem)
        .collect()
}

/// The characters of a stem, for ordering ties the way strings would be.
pub(crate) fn unstem(s: Stem) -> [u32; 5] {
    let mut out = [0u32; 5];
    let n = (0..5).take_while(|k| (s >> (21 * k)) & 0x1F_FFFF != 0).count();
    for (k, o) in out.iter_mut().take(n).enumerate() {
        *o = ((s >> (21 * (n - 1 - k))) & 0x1F_FFFF) as u32;
    }
    out
}
