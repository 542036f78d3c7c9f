//! The n-gram table: training, the byte format, and the hashed lookup.
//!
//! A model maps each character n-gram (orders 1–4 over a word padded with
//! [`BOUNDARY`](crate::symbols::BOUNDARY), packed 7 bits a symbol into a
//! `u32`) to 15 costs, one per language: the negative log-probability of the
//! n-gram in that language (add-α smoothed, per order), minus the row's
//! smallest, in steps of 1/8 nat. N-grams not in the table cost nothing in
//! every language.
//!
//! Byte format (little-endian): the magic `KZLID1\n`, a `u32` entry count,
//! then per entry a `u32` key and 15 `u8` costs, keys ascending.

use rustc_hash::FxHashMap;

use crate::symbols::{symbol, APOSTROPHE, BOUNDARY};
use crate::{Lang, LangError, NLANGS};

const MAGIC: &[u8] = b"KZLID1\n";
/// Costs are stored in steps of 1/`SCALE` nat.
pub(crate) const SCALE: f64 = 8.0;
const MASK28: u32 = (1 << 28) - 1;

/// Call `gram(key)` for every n-gram of `text` and `letter(sym)` for every letter.
///
/// Words are runs of letters (an apostrophe between two letters belongs to
/// the word); each is padded with a boundary symbol on both sides, and every
/// n-gram of 1–4 symbols is given except the lone boundary.
#[inline]
pub(crate) fn for_each_gram(text: &str, mut gram: impl FnMut(u32), mut letter: impl FnMut(u8)) {
    let mut h: u32 = 0; // the last (up to) four symbols
    let mut k: u32 = 0; // symbols of the current padded word so far; 0 = outside a word
    let mut apostrophe = false; // an apostrophe waits for a letter after it
    let mut push = |h: &mut u32, k: &mut u32, s: u8| {
        *h = ((*h << 7) | s as u32) & MASK28;
        *k += 1;
        let lowest = if s == BOUNDARY { 2 } else { 1 };
        for n in lowest..=(*k).min(4) {
            gram(*h & ((1u32 << (7 * n)) - 1));
        }
    };
    for c in text.chars() {
        let s = symbol(c);
        if s == APOSTROPHE {
            if k > 0 && !apostrophe {
                apostrophe = true;
                continue;
            }
        } else if s != 0 {
            if k == 0 {
                h = BOUNDARY as u32;
                k = 1;
            } else if apostrophe {
                push(&mut h, &mut k, APOSTROPHE);
            }
            apostrophe = false;
            push(&mut h, &mut k, s);
            letter(s);
            continue;
        }
        if k > 0 {
            push(&mut h, &mut k, BOUNDARY);
            k = 0;
            apostrophe = false;
        }
    }
    if k > 0 {
        push(&mut h, &mut k, BOUNDARY);
    }
}

/// Options of [`Model::train`].
#[derive(Clone, Copy, Debug)]
pub struct TrainOptions {
    /// Add-α smoothing of the counts.
    pub alpha: f64,
    /// N-grams seen fewer times than this in all languages together are left out.
    pub min_count: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            alpha: 0.5,
            min_count: 2,
        }
    }
}

/// A character n-gram table: 15 costs per n-gram, in a hashed open-addressing table.
#[derive(Clone, Debug)]
pub struct Model {
    /// Slot keys; 0 marks an empty slot (no n-gram packs to 0).
    keys: Vec<u32>,
    /// Costs of the slot's n-gram, one per language in [`Lang::ALL`] order (the 16th is 0).
    rows: Vec<[u8; 16]>,
    shift: u32,
    entries: usize,
}

#[inline]
fn slot(key: u32, shift: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> shift) as usize
}

impl Model {
    /// Read a model in the byte format of [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, LangError> {
        let bad = |why: &str| LangError::BadModel(why.to_string());
        let rest = bytes.strip_prefix(MAGIC).ok_or_else(|| bad("no KZLID1 header"))?;
        if rest.len() < 4 {
            return Err(bad("truncated entry count"));
        }
        let n = u32::from_le_bytes(rest[..4].try_into().expect("4 bytes")) as usize;
        let body = &rest[4..];
        let width = 4 + NLANGS;
        if body.len() != n * width {
            return Err(bad(&format!(
                "{} entries need {} bytes, found {}",
                n,
                n * width,
                body.len()
            )));
        }
        let bits = (2 * n.max(1)).next_power_of_two().trailing_zeros().max(4);
        let shift = 32 - bits;
        let mut keys = vec![0u32; 1 << bits];
        let mut rows = vec![[0u8; 16]; 1 << bits];
        let mask = (1usize << bits) - 1;
        for e in body.chunks_exact(width) {
            let key = u32::from_le_bytes(e[..4].try_into().expect("4 bytes"));
            if key == 0 || key > MASK28 {
                return Err(bad(&format!("impossible key {key:#x}")));
            }
            let mut i = slot(key, shift);
            while keys[i] != 0 {
                if keys[i] == key {
                    return Err(bad(&format!("key {key:#x} twice")));
                }
                i = (i + 1) & mask;
            }
            keys[i] = key;
            rows[i][..NLANGS].copy_from_slice(&e[4..]);
        }
        Ok(Model {
            keys,
            rows,
            shift,
            entries: n,
        })
    }

    /// Number of n-grams in the table.
    pub fn len(&self) -> usize {
        self.entries
    }

    /// Is the table empty?
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// The costs of an n-gram, if the table has it.
    #[inline]
    pub(crate) fn row(&self, key: u32) -> Option<&[u8; 16]> {
        let mask = self.keys.len() - 1;
        let mut i = slot(key, self.shift);
        loop {
            let k = self.keys[i];
            if k == key {
                return Some(&self.rows[i]);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// The model in its byte format (keys ascending, so the same table gives the same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut entries: Vec<(u32, &[u8; 16])> = self
            .keys
            .iter()
            .zip(&self.rows)
            .filter(|(k, _)| **k != 0)
            .map(|(k, r)| (*k, r))
            .collect();
        entries.sort_unstable_by_key(|e| e.0);
        let mut out = Vec::with_capacity(MAGIC.len() + 4 + entries.len() * (4 + NLANGS));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (k, r) in entries {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&r[..NLANGS]);
        }
        out
    }

    /// Count the n-grams of labelled texts and turn them into a table.
    pub fn train<'a>(samples: impl IntoIterator<Item = (Lang, &'a str)>, opts: TrainOptions) -> Model {
        let mut counts: FxHashMap<u32, [u32; NLANGS]> = FxHashMap::default();
        for (lang, text) in samples {
            let Some(li) = lang.index() else { continue };
            for_each_gram(text, |g| counts.entry(g).or_insert([0; NLANGS])[li] += 1, |_| {});
        }
        // per order: total count in each language, and distinct n-grams
        let order = |g: u32| ((32 - g.leading_zeros()).div_ceil(7)) as usize; // 1..=4
        let mut total = [[0f64; NLANGS]; 5];
        let mut distinct = [0f64; 5];
        for (g, c) in &counts {
            let o = order(*g);
            distinct[o] += 1.0;
            for (t, n) in total[o].iter_mut().zip(c) {
                *t += *n as f64;
            }
        }
        let mut bytes = Vec::new();
        bytes.extend_from_slice(MAGIC);
        let mut kept: Vec<(u32, [u8; NLANGS])> = Vec::new();
        for (g, c) in &counts {
            if c.iter().sum::<u32>() < opts.min_count {
                continue;
            }
            let o = order(*g);
            let mut cost = [0f64; NLANGS];
            for l in 0..NLANGS {
                let p = (c[l] as f64 + opts.alpha) / (total[o][l] + opts.alpha * distinct[o]);
                cost[l] = -p.ln();
            }
            let min = cost.iter().cloned().fold(f64::INFINITY, f64::min);
            let mut row = [0u8; NLANGS];
            for l in 0..NLANGS {
                row[l] = ((cost[l] - min) * SCALE).round().min(255.0) as u8;
            }
            kept.push((*g, row));
        }
        kept.sort_unstable_by_key(|e| e.0);
        bytes.extend_from_slice(&(kept.len() as u32).to_le_bytes());
        for (g, row) in kept {
            bytes.extend_from_slice(&g.to_le_bytes());
            bytes.extend_from_slice(&row);
        }
        Model::from_bytes(&bytes).expect("a freshly trained table reads back")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams(text: &str) -> Vec<u32> {
        let mut v = Vec::new();
        for_each_gram(text, |g| v.push(g), |_| {});
        v
    }

    fn key(syms: &[u8]) -> u32 {
        syms.iter().fold(0, |h, s| (h << 7) | *s as u32)
    }

    #[test]
    fn a_word_gives_its_padded_ngrams() {
        let (a, b) = (symbol('a'), symbol('b'));
        let b_ = BOUNDARY;
        let mut got = grams("ab");
        got.sort();
        let mut want = vec![
            key(&[a]),
            key(&[b_, a]),
            key(&[b]),
            key(&[a, b]),
            key(&[b_, a, b]),
            key(&[b, b_]),
            key(&[a, b, b_]),
            key(&[b_, a, b, b_]),
        ];
        want.sort();
        assert_eq!(got, want);
        // punctuation, digits and spacing only separate words
        assert_eq!(grams("  ab, 12 ab!").len(), 2 * want.len());
    }

    #[test]
    fn apostrophe_counts_only_between_letters() {
        let inner = grams("o'g");
        assert!(inner.contains(&key(&[symbol('o'), APOSTROPHE, symbol('g')])));
        let quoted = grams("'og'");
        assert!(!quoted
            .iter()
            .any(|g| (0..4).any(|i| (g >> (7 * i)) & 127 == APOSTROPHE as u32)));
        assert_eq!(grams("og"), quoted);
    }

    #[test]
    fn bytes_round_trip_and_bad_bytes_are_errors() {
        let m = Model::train(
            [
                (Lang::Kk, "әке бала"),
                (Lang::Ru, "отец ребёнок"),
                (Lang::Kk, "бала"),
            ],
            TrainOptions {
                alpha: 0.5,
                min_count: 1,
            },
        );
        assert!(!m.is_empty());
        let bytes = m.to_bytes();
        assert_eq!(Model::from_bytes(&bytes).unwrap().to_bytes(), bytes);
        assert!(m.row(key(&[symbol('ә')])).is_some());
        assert!(m.row(key(&[symbol('q')])).is_none());
        // "ә" is Kazakh: cheapest in kk, dearer in ru
        let row = m.row(key(&[symbol('ә')])).unwrap();
        assert!(row[Lang::Kk as usize] < row[Lang::Ru as usize]);

        assert!(matches!(Model::from_bytes(b"nope"), Err(LangError::BadModel(_))));
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        let mut twice = bytes[..MAGIC.len()].to_vec();
        twice.extend_from_slice(&2u32.to_le_bytes());
        let entry = &bytes[MAGIC.len() + 4..MAGIC.len() + 4 + 4 + NLANGS];
        twice.extend_from_slice(entry);
        twice.extend_from_slice(entry);
        let err = Model::from_bytes(&twice).unwrap_err().to_string();
        assert!(err.contains("twice"), "{err}");
    }

    #[test]
    fn rare_ngrams_are_pruned() {
        let texts = [(Lang::En, "zebra"), (Lang::En, "cat cat")];
        let m = Model::train(
            texts,
            TrainOptions {
                alpha: 0.5,
                min_count: 2,
            },
        );
        assert!(m.row(key(&[symbol('z')])).is_none());
        assert!(m
            .row(key(&[BOUNDARY, symbol('c'), symbol('a'), symbol('t')]))
            .is_some());
    }
}
