//! The feature table: training, the byte format, and the hashed lookup.
//!
//! A model maps each character n-gram (orders 1 to [`Features::max_order`]
//! over a word padded with [`BOUNDARY`](crate::symbols::BOUNDARY), packed 7
//! bits a symbol into a `u64`) and, when [`Features::words`] is set, each
//! whole word (a hashed key with the top bit set) to 15 costs, one per
//! language: the negative log-probability of the feature in that language
//! (add-α smoothed, per order), times the order's weight, minus the row's
//! smallest, in steps of 1/8 nat. Features not in the table cost nothing in
//! every language.
//!
//! The file holds counts, not costs, so it stays small (most features are
//! seen in one language only): the costs are computed when it is read.
//! Byte format (little-endian): the magic `KZLID3\n`; the highest n-gram
//! order (`u8`); whether whole words are features (`u8` 0 or 1); α (`f64`);
//! the 9 order weights (`f64`, whole words first); per order (words first)
//! the number of distinct features and the 15 languages' total counts
//! (`u64` each, before pruning); a `u32` entry count; then per entry, keys
//! ascending, the key minus the previous one (LEB128), the number of
//! languages that saw it (`u8`) and for each its index (`u8`) and count
//! (LEB128).

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::symbols::{symbol, APOSTROPHE, BOUNDARY};
use crate::{Lang, LangError, NLANGS};

use crate::table::{self, order, slot, DENSE, MAGIC, MAX_ORDER, ORDERS, SLOT, WORD_BIT};

/// Which features a model is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Features {
    /// Character n-grams of orders 1 to this (at most [`MAX_ORDER`]).
    pub max_order: u32,
    /// Whole words too (a hashed key per word).
    pub words: bool,
}

impl Features {
    /// Call `gram(key)` for every feature of `text` and `letter(sym)` for every letter.
    ///
    /// Words are runs of letters (an apostrophe between two letters belongs to
    /// the word); each is padded with a boundary symbol on both sides, and
    /// every n-gram of 1 to `max_order` symbols is given except the lone
    /// boundary; with `words`, each word's hash too.
    #[inline]
    pub(crate) fn for_each(self, text: &str, mut gram: impl FnMut(u64), mut letter: impl FnMut(u8)) {
        let max_order = self.max_order.clamp(1, MAX_ORDER);
        let mask: u64 = (1u64 << (7 * max_order)) - 1;
        let mut h: u64 = 0; // the last (up to) max_order symbols
        let mut k: u32 = 0; // symbols of the current padded word so far; 0 = outside a word
        let mut w: u64 = 0; // hash of the current word
        let mut apostrophe = false; // an apostrophe waits for a letter after it
        #[inline(always)]
        fn push(gram: &mut impl FnMut(u64), h: &mut u64, k: &mut u32, s: u8, mask: u64, max_order: u32) {
            *h = ((*h << 7) | s as u64) & mask;
            *k += 1;
            let lowest = if s == BOUNDARY { 2 } else { 1 };
            for n in lowest..=(*k).min(max_order) {
                gram(*h & ((1u64 << (7 * n)) - 1));
            }
        }
        let fnv = |w: u64, s: u8| (w ^ s as u64).wrapping_mul(0x0000_0100_0000_01b3);
        for c in text.chars() {
            let s = symbol(c);
            if s == APOSTROPHE {
                if k > 0 && !apostrophe {
                    apostrophe = true;
                    continue;
                }
            } else if s != 0 {
                if k == 0 {
                    h = BOUNDARY as u64;
                    k = 1;
                    w = 0xcbf2_9ce4_8422_2325;
                } else if apostrophe {
                    push(&mut gram, &mut h, &mut k, APOSTROPHE, mask, max_order);
                    w = fnv(w, APOSTROPHE);
                }
                apostrophe = false;
                push(&mut gram, &mut h, &mut k, s, mask, max_order);
                w = fnv(w, s);
                letter(s);
                continue;
            }
            if k > 0 {
                push(&mut gram, &mut h, &mut k, BOUNDARY, mask, max_order);
                if self.words {
                    gram(w | WORD_BIT);
                }
                k = 0;
                apostrophe = false;
            }
        }
        if k > 0 {
            push(&mut gram, &mut h, &mut k, BOUNDARY, mask, max_order);
            if self.words {
                gram(w | WORD_BIT);
            }
        }
    }
}

/// Options of [`Model::train`] and [`Counts::to_bytes`].
#[derive(Clone, Copy, Debug)]
pub struct TrainOptions {
    /// Add-α smoothing of the counts.
    pub alpha: f64,
    /// Features seen fewer times than this in all languages together are left out.
    pub min_count: u32,
    /// The features to count.
    pub features: Features,
    /// Each order's costs are multiplied by its weight (index 0: whole words),
    /// to temper naive Bayes counting overlapping n-grams as independent.
    pub weights: [f64; ORDERS],
}

impl Default for TrainOptions {
    /// The settings of the shipped model (chosen by cross-validation, see the crate README).
    fn default() -> Self {
        let mut weights = [1.0; ORDERS];
        weights[0] = 3.0;
        TrainOptions {
            alpha: 0.1,
            min_count: 1,
            features: Features {
                max_order: 4,
                words: true,
            },
            weights,
        }
    }
}

/// Feature counts per language, the stuff a model is made of.
#[derive(Clone, Debug)]
pub struct Counts {
    features: Features,
    counts: FxHashMap<u64, [u32; NLANGS]>,
}

impl Counts {
    /// No counts yet, for these features.
    pub fn new(features: Features) -> Counts {
        Counts {
            features,
            counts: FxHashMap::default(),
        }
    }

    /// Count the features of a text of a language ([`Lang::Und`] is ignored).
    pub fn add(&mut self, lang: Lang, text: &str) {
        let Some(li) = lang.index() else { return };
        let counts = &mut self.counts;
        self.features
            .for_each(text, |g| counts.entry(g).or_insert([0; NLANGS])[li] += 1, |_| {});
    }

    /// The model file: see the module documentation for the format.
    pub fn to_bytes(&self, opts: TrainOptions) -> Vec<u8> {
        let mut total = [[0u64; NLANGS]; ORDERS];
        let mut distinct = [0u64; ORDERS];
        for (g, c) in &self.counts {
            let o = order(*g);
            distinct[o] += 1;
            for (t, n) in total[o].iter_mut().zip(c) {
                *t += *n as u64;
            }
        }
        let mut kept: Vec<(u64, &[u32; NLANGS])> = self
            .counts
            .iter()
            .filter(|(_, c)| c.iter().sum::<u32>() >= opts.min_count)
            .map(|(g, c)| (*g, c))
            .collect();
        kept.sort_unstable_by_key(|e| e.0);
        let mut out = Vec::with_capacity(64 + kept.len() * 6);
        out.extend_from_slice(MAGIC);
        out.push(self.features.max_order as u8);
        out.push(self.features.words as u8);
        out.extend_from_slice(&opts.alpha.to_le_bytes());
        for w in opts.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        for o in 0..ORDERS {
            out.extend_from_slice(&distinct[o].to_le_bytes());
            for t in total[o] {
                out.extend_from_slice(&t.to_le_bytes());
            }
        }
        out.extend_from_slice(&(kept.len() as u32).to_le_bytes());
        let mut prev = 0u64;
        for (g, c) in kept {
            leb128(&mut out, g - prev);
            prev = g;
            out.push(c.iter().filter(|n| **n > 0).count() as u8);
            for (l, n) in c.iter().enumerate().filter(|(_, n)| **n > 0) {
                out.push(l as u8);
                leb128(&mut out, *n as u64);
            }
        }
        out
    }
}

fn leb128(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A feature table: 15 costs per feature, in a hashed open-addressing table
/// (see `table.rs`); the shipped one is static data, a loaded one owned.
#[derive(Clone, Debug)]
pub struct Model {
    /// 16 costs per feature of order 1 or 2, indexed by key, one per
    /// language in [`Lang::ALL`] order (the 16th is 0).
    dense: Cow<'static, [u8]>,
    /// Hash-table slots: a little-endian `u64` key (0: empty), 16 costs, padding.
    slots: Cow<'static, [u8]>,
    shift: u32,
    mask: usize,
    entries: usize,
    features: Features,
}

impl Model {
    /// Read a model file (made by [`Counts::to_bytes`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, LangError> {
        let t = table::decode(bytes).map_err(LangError::BadModel)?;
        Ok(Model {
            dense: Cow::Owned(t.dense),
            slots: Cow::Owned(t.slots),
            shift: 64 - t.bits,
            mask: (1 << t.bits) - 1,
            entries: t.entries,
            features: Features {
                max_order: t.max_order,
                words: t.words,
            },
        })
    }

    /// The shipped model, decoded by `build.rs` when the crate was compiled.
    pub(crate) fn builtin() -> Model {
        mod built {
            include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
        }
        Model {
            dense: Cow::Borrowed(&built::DENSE.0),
            slots: Cow::Borrowed(&built::SLOTS.0),
            shift: 64 - built::BITS,
            mask: (1 << built::BITS) - 1,
            entries: built::ENTRIES,
            features: Features {
                max_order: built::MAX_ORDER,
                words: built::WORDS,
            },
        }
    }

    /// Count the features of labelled texts and make a model of them.
    pub fn train<'a>(samples: impl IntoIterator<Item = (Lang, &'a str)>, opts: TrainOptions) -> Model {
        let mut counts = Counts::new(opts.features);
        for (lang, text) in samples {
            counts.add(lang, text);
        }
        Model::from_bytes(&counts.to_bytes(opts)).expect("fresh counts read back")
    }

    /// Number of features in the table.
    pub fn len(&self) -> usize {
        self.entries
    }

    /// Is the table empty?
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// The features the table is made of.
    pub fn features(&self) -> Features {
        self.features
    }

    /// Load the first slot of each key, so that the misses of a batch of
    /// lookups overlap instead of following one another.
    #[inline]
    pub(crate) fn touch(&self, keys: &[u64]) {
        let mut x = 0u8;
        for &k in keys {
            if k >= DENSE {
                x ^= self.slots[SLOT * slot(k, self.shift)];
            }
        }
        std::hint::black_box(x);
    }

    /// Ask for the first slot of each key to be brought into the cache,
    /// without waiting for it: the caller makes other features meanwhile and
    /// reads these rows later ([`Model::touch`] where there is no prefetch
    /// instruction).
    #[inline]
    pub(crate) fn prefetch(&self, keys: &[u64]) {
        #[cfg(target_arch = "x86_64")]
        for &k in keys {
            if k >= DENSE {
                let p = self.slots[SLOT * slot(k, self.shift)..].as_ptr();
                // SAFETY: a prefetch is only a hint (it cannot fault), and
                // `p` points into the table anyway; SSE is part of x86_64
                #[allow(unused_unsafe)]
                unsafe {
                    std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
                }
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        self.touch(keys);
    }

    /// The costs of a feature, if the table has it.
    #[inline]
    pub(crate) fn row(&self, key: u64) -> Option<&[u8; 16]> {
        if key < DENSE {
            let k = key as usize;
            return Some(self.dense[16 * k..16 * k + 16].try_into().expect("16 bytes"));
        }
        let mut i = slot(key, self.shift);
        loop {
            let s = &self.slots[SLOT * i..SLOT * i + 24];
            let k = u64::from_le_bytes(s[..8].try_into().expect("8 bytes"));
            if k == key {
                return Some(s[8..24].try_into().expect("16 bytes"));
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const F4: Features = Features {
        max_order: 4,
        words: false,
    };

    fn grams(text: &str) -> Vec<u64> {
        let mut v = Vec::new();
        F4.for_each(text, |g| v.push(g), |_| {});
        v
    }

    fn key(syms: &[u8]) -> u64 {
        syms.iter().fold(0, |h, s| (h << 7) | *s as u64)
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
            .any(|g| (0..4).any(|i| (g >> (7 * i)) & 127 == APOSTROPHE as u64)));
        assert_eq!(grams("og"), quoted);
    }

    #[test]
    fn longer_orders_and_whole_words() {
        let f = Features {
            max_order: 5,
            words: true,
        };
        let mut v = Vec::new();
        f.for_each("abc", |g| v.push(g), |_| {});
        let (a, b, c) = (symbol('a'), symbol('b'), symbol('c'));
        assert!(v.contains(&key(&[BOUNDARY, a, b, c, BOUNDARY])));
        assert_eq!(v.iter().filter(|g| order(**g) == 0).count(), 1);
        let mut w = Vec::new();
        f.for_each("ABC abd", |g| w.push(g), |_| {});
        let words: Vec<u64> = w.iter().copied().filter(|g| order(*g) == 0).collect();
        assert_eq!(words.len(), 2);
        assert!(v.contains(&words[0]) && !v.contains(&words[1]));
    }

    fn small() -> (Counts, TrainOptions) {
        let opts = TrainOptions {
            min_count: 1,
            ..TrainOptions::default()
        };
        let mut c = Counts::new(opts.features);
        c.add(Lang::Kk, "әке бала");
        c.add(Lang::Ru, "отец ребёнок");
        c.add(Lang::Kk, "бала");
        c.add(Lang::Und, "ignored");
        (c, opts)
    }

    #[test]
    fn costs_follow_counts() {
        let (c, opts) = small();
        let m = Model::from_bytes(&c.to_bytes(opts)).unwrap();
        assert!(!m.is_empty());
        assert_eq!(m.features(), opts.features);
        // not in the model: all zero for orders 1 and 2 (looked up directly), none above
        assert_eq!(m.row(key(&[symbol('q')])), Some(&[0; 16]));
        assert_eq!(m.row(key(&[symbol('q'), symbol('q')])), Some(&[0; 16]));
        assert_eq!(m.row(key(&[symbol('q'), symbol('q'), symbol('q')])), None);
        // "ә" is Kazakh: cheapest in kk (0), dearer in ru
        let row = m.row(key(&[symbol('ә')])).unwrap();
        assert_eq!(row[Lang::Kk as usize], 0);
        assert!(row[Lang::Kk as usize] < row[Lang::Ru as usize]);
        // seen in neither: the same cost as other unseen languages
        assert_eq!(row[Lang::Tt as usize], row[Lang::Ba as usize]);
        // "бала" twice in kk and whole words weigh 3: dearer still in ru
        let mut word = 0;
        opts.features.for_each(
            "бала",
            |g| {
                if order(g) == 0 {
                    word = g
                }
            },
            |_| {},
        );
        let wrow = m.row(word).unwrap();
        assert!(wrow[Lang::Ru as usize] > row[Lang::Ru as usize]);
    }

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        let (c, opts) = small();
        let bytes = c.to_bytes(opts);
        assert!(matches!(Model::from_bytes(b"nope"), Err(LangError::BadModel(_))));
        for cut in [MAGIC.len() + 1, MAGIC.len() + 20, bytes.len() - 1] {
            let err = Model::from_bytes(&bytes[..cut]).unwrap_err().to_string();
            assert!(err.contains("truncated"), "{cut}: {err}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Model::from_bytes(&longer)
            .unwrap_err()
            .to_string()
            .contains("after the last entry"));
        let mut bad_order = bytes.clone();
        bad_order[MAGIC.len()] = 9;
        assert!(Model::from_bytes(&bad_order).is_err());
        // every single-byte corruption is an error or a model, never a panic
        for i in MAGIC.len()..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0xff;
            let _ = Model::from_bytes(&b);
        }
    }

    #[test]
    fn rare_features_are_pruned() {
        let opts = TrainOptions {
            min_count: 2,
            ..TrainOptions::default()
        };
        let m = Model::train([(Lang::En, "zebra"), (Lang::En, "cat cat")], opts);
        assert_eq!(m.row(key(&[symbol('z')])), Some(&[0; 16]));
        assert!(m.row(key(&[symbol('z'), symbol('e'), symbol('b')])).is_none());
        assert!(m
            .row(key(&[BOUNDARY, symbol('c'), symbol('a'), symbol('t')]))
            .is_some());
    }

    #[test]
    fn built_in_table_is_the_decoded_model_file() {
        let file = Model::from_bytes(include_bytes!("../data/model.bin")).unwrap();
        let built = Model::builtin();
        assert!(built.len() > 10_000);
        assert_eq!(
            (file.entries, file.shift, file.features),
            (built.entries, built.shift, built.features)
        );
        assert!(file.dense == built.dense && file.slots == built.slots);
    }
}
