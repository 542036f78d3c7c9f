//! Word-translation tables: learned from confident pairs, or read from a user dictionary.

use std::collections::HashMap;
use std::path::Path;

use crate::features::stem;
use crate::AlignError;

/// A table from Kazakh stems to English stems (both: lowercase, first 5 letters).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub(crate) map: HashMap<String, Vec<String>>,
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
            let e = self.map.entry(k.clone()).or_default();
            for w in v {
                if !e.contains(w) {
                    e.push(w.clone());
                }
            }
        }
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
            let words = |s: &str| -> Vec<String> {
                s.split(|c: char| !c.is_alphabetic())
                    .filter(|w| w.chars().count() >= 3)
                    .map(stem)
                    .collect()
            };
            // multi-word entries: words pair by position when both sides have
            // as many, a single word pairs with every word of the other side,
            // anything else is too loose to use
            let (ks, es) = (words(kk), words(en));
            let pairs: Vec<(String, String)> = if ks.len() == es.len() {
                ks.into_iter().zip(es).collect()
            } else if ks.len() == 1 || es.len() == 1 {
                ks.iter()
                    .flat_map(|k| es.iter().map(move |e| (k.clone(), e.clone())))
                    .collect()
            } else {
                Vec::new()
            };
            for (k, e) in pairs {
                let v = lex.map.entry(k).or_default();
                if !v.contains(&e) {
                    v.push(e);
                }
            }
        }
        Ok(lex)
    }

    /// Learn a table from sentence pairs believed to be translations:
    /// stem pairs that co-occur at least twice with a Dice coefficient of
    /// at least 0.3; for each Kazakh stem its best three English stems.
    pub fn learn(pairs: &[(Vec<String>, Vec<String>)]) -> Lexicon {
        let mut ck: HashMap<&str, u32> = HashMap::new();
        let mut ce: HashMap<&str, u32> = HashMap::new();
        let mut cke: HashMap<(&str, &str), u32> = HashMap::new();
        for (k, e) in pairs {
            let mut k: Vec<&str> = k.iter().map(String::as_str).collect();
            let mut e: Vec<&str> = e.iter().map(String::as_str).collect();
            k.sort_unstable();
            k.dedup();
            e.sort_unstable();
            e.dedup();
            for &a in &k {
                *ck.entry(a).or_default() += 1;
            }
            for &b in &e {
                *ce.entry(b).or_default() += 1;
            }
            for &a in &k {
                for &b in &e {
                    *cke.entry((a, b)).or_default() += 1;
                }
            }
        }
        let mut best: HashMap<&str, Vec<(f32, &str)>> = HashMap::new();
        for ((a, b), n) in cke {
            if n < 2 {
                continue;
            }
            let dice = 2.0 * n as f32 / (ck[a] + ce[b]) as f32;
            if dice >= 0.3 {
                best.entry(a).or_default().push((dice, b));
            }
        }
        let mut lex = Lexicon::default();
        for (a, mut v) in best {
            v.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
            v.truncate(3);
            lex.map
                .insert(a.to_string(), v.into_iter().map(|(_, b)| b.to_string()).collect());
        }
        lex
    }
}
