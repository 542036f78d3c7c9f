//! Language identification for Kazakh corpora: Kazakh against Russian, the
//! neighbouring Cyrillic languages (Kyrgyz, Tatar, Bashkir, Tajik, Mongolian,
//! Belarusian, Ukrainian, Bulgarian, Serbian, Macedonian) and the Latin-script
//! English, Uzbek and Turkish.
//!
//! A text is scored by naive Bayes over character 1–4-grams and whole words
//! (a compact table, `data/model.bin`, made by `scripts/make-lang-model.py`
//! and decoded at compile time), plus a penalty for every letter outside a
//! language's alphabet (the letters only some of these languages use,
//! [`alphabet`]); ties go to Kazakh, and [`Options::kk_prior`] can favour it
//! further (0 by default: cross-validation found no gain, see the README).
//! A document is its lines labelled one by one, its language the one with
//! the most letters, and a line of another language makes it mixed unless
//! its evidence against the document's language is weak.
//!
//! ```
//! use kazpar_lang::{classify, classify_doc, Lang};
//! assert_eq!(classify("Біз бүгін кездесуге бардық."), Lang::Kk);
//! assert_eq!(classify("Мы сегодня пошли на встречу."), Lang::Ru);
//! assert_eq!(classify("2025, 12:30"), Lang::Und);
//! let doc = classify_doc(&["Біз бүгін кездесуге бардық.", "Мы пошли на встречу.", "Ол ұзаққа созылды."]);
//! assert_eq!((doc.lang, doc.mixed), (Lang::Kk, true));
//! assert_eq!(doc.sent_langs, [Lang::Kk, Lang::Ru, Lang::Kk]);
//! ```
#![deny(missing_docs)]

use std::sync::OnceLock;

mod model;
mod symbols;
mod table;

pub use model::{Counts, Features, Model, TrainOptions};
pub use table::MAX_ORDER;

pub use table::NLANGS;

/// A language this crate names, or [`Lang::Und`] when a text gives nothing to decide on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)] // the variants are ISO 639-1 codes
pub enum Lang {
    Kk,
    Ru,
    Ky,
    Tt,
    Ba,
    Tg,
    Mn,
    Be,
    Uk,
    Bg,
    Sr,
    Mk,
    En,
    Uz,
    Tr,
    /// Undetermined: the text has no letter.
    Und,
}

impl Lang {
    /// The 15 languages, in the order of a model's cost rows.
    pub const ALL: [Lang; NLANGS] = [
        Lang::Kk,
        Lang::Ru,
        Lang::Ky,
        Lang::Tt,
        Lang::Ba,
        Lang::Tg,
        Lang::Mn,
        Lang::Be,
        Lang::Uk,
        Lang::Bg,
        Lang::Sr,
        Lang::Mk,
        Lang::En,
        Lang::Uz,
        Lang::Tr,
    ];

    /// The ISO 639-1 code (`und` for [`Lang::Und`]).
    pub fn code(self) -> &'static str {
        const CODES: [&str; NLANGS + 1] = [
            "kk", "ru", "ky", "tt", "ba", "tg", "mn", "be", "uk", "bg", "sr", "mk", "en", "uz", "tr", "und",
        ];
        CODES[self as usize]
    }

    /// The language's English name, for messages (`undetermined` for [`Lang::Und`]).
    pub fn name(self) -> &'static str {
        const NAMES: [&str; NLANGS + 1] = [
            "Kazakh",
            "Russian",
            "Kyrgyz",
            "Tatar",
            "Bashkir",
            "Tajik",
            "Mongolian",
            "Belarusian",
            "Ukrainian",
            "Bulgarian",
            "Serbian",
            "Macedonian",
            "English",
            "Uzbek",
            "Turkish",
            "undetermined",
        ];
        NAMES[self as usize]
    }

    /// The language of an ISO 639-1 code (`und` included).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .chain([Lang::Und])
            .find(|l| l.code() == code)
    }

    /// Position in [`Lang::ALL`]; `None` for [`Lang::Und`].
    pub fn index(self) -> Option<usize> {
        (self != Lang::Und).then_some(self as usize)
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum LangError {
    /// Model bytes that are not in the format of [`Counts::to_bytes`].
    #[error("not a kazpar-lang model: {0}")]
    BadModel(String),
}

/// The letters of each language's alphabet, beyond the script's shared ones.
///
/// Cyrillic languages share `абвгдежзийклмнопрстуфхцчшщъыьэюя` except where
/// their row says otherwise; Latin ones share `a`–`z`. A letter of the same
/// script outside a language's alphabet costs [`Options::letter_penalty`], a
/// letter of the other script [`Options::script_penalty`].
/// Sources: the official alphabets (Kazakh 1940 Cyrillic, Kyrgyz, Tatar,
/// Bashkir, Tajik 1998, Mongolian, Belarusian, Ukrainian, Bulgarian, Serbian
/// Vuk, Macedonian, Uzbek 1995 Latin, Turkish).
pub fn alphabet(lang: Lang) -> &'static str {
    const RU: &str = "абвгдежзийклмнопрстуфхцчшщъыьэюяё";
    match lang {
        Lang::Ru => RU,
        Lang::Kk => "абвгдежзийклмнопрстуфхцчшщъыьэюяёәғқңөұүһі",
        Lang::Ky => "абвгдежзийклмнопрстуфхцчшщъыьэюяёңөү",
        Lang::Tt => "абвгдежзийклмнопрстуфхцчшщъыьэюяёәҗңөүһ",
        Lang::Ba => "абвгдежзийклмнопрстуфхцчшщъыьэюяёәғҙҡңөҫүһ",
        // no ц щ ы ь since 1998
        Lang::Tg => "абвгдежзийклмнопрстуфхчшъэюяёғӣқӯҳҷ",
        Lang::Mn => "абвгдежзийклмнопрстуфхцчшщъыьэюяёөү",
        // no и щ ъ
        Lang::Be => "абвгдежзйклмнопрстуфхцчшыьэюяёіў",
        // no ё ъ ы э
        Lang::Uk => "абвгдежзийклмнопрстуфхцчшщьюяєіїґ",
        // no ы э ё; ѝ marks a word
        Lang::Bg => "абвгдежзийклмнопрстуфхцчшщъьюяѝ",
        Lang::Sr => "абвгдежзиклмнопрстуфхцчшђјљњћџ",
        // ѐ ѝ mark words
        Lang::Mk => "абвгдежзиклмнопрстуфхцчшѓѕјљњќџѐѝ",
        Lang::En => "abcdefghijklmnopqrstuvwxyz",
        // c only in ch; no w
        Lang::Uz => "abcdefghijklmnopqrstuvxyz",
        // no q w x
        Lang::Tr => "abcçdefgğhıijklmnoöprsştuüvyzâîû",
        Lang::Und => "",
    }
}

/// Decision settings of a [`Classifier`] (costs in nats).
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Cost of each letter outside a language's alphabet (same script only).
    pub letter_penalty: f64,
    /// Cost of each letter of the other script (Latin in a Cyrillic language,
    /// Cyrillic in a Latin one); small, since names and brands cross scripts.
    pub script_penalty: f64,
    /// How much Kazakh is favoured over every other language, once per text
    /// (0 by default: Kazakh's larger training text already favours it).
    pub kk_prior: f64,
    /// In a document, a line is relabelled to the document's language unless
    /// its own language wins by at least this much.
    pub doc_margin: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            letter_penalty: 6.0,
            script_penalty: 1.0,
            kk_prior: 0.0,
            doc_margin: 4.0,
        }
    }
}

/// The verdict on a document: see [`Classifier::classify_doc`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocVerdict {
    /// The main language: the one with the most letters over the lines.
    pub lang: Lang,
    /// Whether some line is in another language than [`DocVerdict::lang`].
    pub mixed: bool,
    /// The language of each line (`und` for a line with no letter).
    pub sent_langs: Vec<Lang>,
}

/// The costs of one text: lower is likelier.
#[derive(Clone, Copy, Debug)]
pub struct Scores {
    /// Cost per language in [`Lang::ALL`] order, in 1/8 nat (`u64`: a text
    /// of any length cannot overflow it).
    cost: [u64; 16],
    /// Letters in the text.
    pub letters: usize,
}

impl Scores {
    /// The likeliest language, or [`Lang::Und`] when the text has no letter.
    pub fn best(&self) -> Lang {
        if self.letters == 0 {
            return Lang::Und;
        }
        let mut best = 0;
        for l in 1..NLANGS {
            if self.cost[l] < self.cost[best] {
                best = l;
            }
        }
        Lang::ALL[best]
    }

    /// Cost of a language in nats (0 for [`Lang::Und`]).
    pub fn cost(&self, lang: Lang) -> f64 {
        lang.index().map_or(0.0, |i| self.cost[i] as f64 / table::SCALE)
    }
}

/// A model with its decision settings.
#[derive(Clone, Debug)]
pub struct Classifier {
    model: Model,
    options: Options,
    /// Per symbol, the alphabet penalty of each language, in 1/8 nat.
    letter_cost: Vec<[u64; 16]>,
    /// Per language, the prior cost, in 1/8 nat.
    prior: [u64; 16],
}

/// Add a model row (16 costs of one byte each) to a batch's sums in 16-bit
/// lanes: `sum[0]` gets languages 0, 2, 4, 6 (bits 0-15, 16-31, ...),
/// `sum[1]` 1, 3, 5, 7, `sum[2]` 8, 10, 12, 14 and `sum[3]` 9, 11, 13, 15.
#[inline]
fn add_row(sum: &mut [u64; 4], row: &[u8]) {
    const EVEN: u64 = 0x00FF_00FF_00FF_00FF;
    let lo = u64::from_le_bytes(row[..8].try_into().expect("8 bytes"));
    let hi = u64::from_le_bytes(row[8..].try_into().expect("8 bytes"));
    sum[0] += lo & EVEN;
    sum[1] += (lo >> 8) & EVEN;
    sum[2] += hi & EVEN;
    sum[3] += (hi >> 8) & EVEN;
}

/// Add a batch's lane sums ([`add_row`]) to the 16 languages' costs.
#[inline]
fn add_lanes(cost: &mut [u64; 16], sum: &[u64; 4]) {
    for (l, c) in cost.iter_mut().enumerate() {
        let word = sum[(l & 1) | ((l >> 3) << 1)];
        *c += (word >> (16 * ((l >> 1) & 3))) & 0xFFFF;
    }
}

impl Classifier {
    /// A classifier from a model and settings.
    pub fn new(model: Model, options: Options) -> Classifier {
        let q = |nats: f64| (nats.max(0.0) * table::SCALE).round() as u64;
        // which symbols each language's alphabet has
        let mut has = [[false; 128]; 16];
        for lang in Lang::ALL {
            for c in alphabet(lang).chars() {
                if let Some(sym) = symbols::letter_symbol(c) {
                    has[lang as usize][sym as usize] = true;
                }
            }
        }
        let mut letter_cost = vec![[0u64; 16]; 128];
        for (sym, row) in letter_cost.iter_mut().enumerate() {
            let sym = sym as u8;
            let cyr = symbols::is_cyrillic(sym);
            if !(cyr || symbols::is_latin(sym)) {
                continue;
            }
            for lang in Lang::ALL {
                let cyrillic_lang = !matches!(lang, Lang::En | Lang::Uz | Lang::Tr);
                row[lang as usize] = if cyrillic_lang != cyr {
                    q(options.script_penalty)
                } else if sym == symbols::OTHER_CYRILLIC
                    || sym == symbols::OTHER_LATIN
                    || has[lang as usize][sym as usize]
                {
                    0
                } else {
                    q(options.letter_penalty)
                };
            }
        }
        let mut prior = [0u64; 16];
        for l in Lang::ALL.into_iter().filter(|l| *l != Lang::Kk) {
            prior[l as usize] = q(options.kk_prior);
        }
        Classifier {
            model,
            options,
            letter_cost,
            prior,
        }
    }

    /// The shipped model with the default [`Options`].
    pub fn builtin() -> &'static Classifier {
        static C: OnceLock<Classifier> = OnceLock::new();
        C.get_or_init(|| Classifier::new(Model::builtin(), Options::default()))
    }

    /// The n-gram table in use.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The settings in use.
    pub fn options(&self) -> Options {
        self.options
    }

    /// The costs of every language for a text.
    pub fn scores(&self, text: &str) -> Scores {
        // Features are looked up in batches: the hash table is larger than
        // the caches, so a batch's slots are first touched all together (the
        // loads overlap) and then read; one lookup at a time waits for each miss.
        const BATCH: usize = 128;
        const _: () = assert!(BATCH * 255 <= u16::MAX as usize);
        let mut cost = [0u64; 16];
        let mut letters = 0usize;
        let model = &self.model;
        let letter_cost = &self.letter_cost;
        let flush = |cost: &mut [u64; 16], keys: &[u64]| {
            model.touch(keys);
            // a batch's costs add up in 16 bits (at most BATCH * 255), four
            // to a u64 ([`add_row`])
            let mut sum = [0u64; 4];
            for &k in keys {
                if let Some(row) = model.row(k) {
                    add_row(&mut sum, row);
                }
            }
            add_lanes(cost, &sum);
        };
        let mut batch = [0u64; BATCH];
        let mut n = 0;
        let mut penalty = [0u64; 16];
        model.features().for_each(
            text,
            |g| {
                batch[n] = g;
                n += 1;
                if n == BATCH {
                    flush(&mut cost, &batch);
                    n = 0;
                }
            },
            |s| {
                letters += 1;
                for (p, c) in penalty.iter_mut().zip(&letter_cost[s as usize]) {
                    *p += *c;
                }
            },
        );
        flush(&mut cost, &batch[..n]);
        for ((c, p), pr) in cost.iter_mut().zip(&penalty).zip(&self.prior) {
            *c += *p + *pr;
        }
        Scores { cost, letters }
    }

    /// [`Classifier::scores`] of each of `texts`, in order (the same
    /// scores), faster for many short texts such as a document's sentences:
    /// the lookups of consecutive texts go in batches together, and each
    /// batch's slots are prefetched while the next batch's features are
    /// made, so the misses overlap with work instead of being waited for.
    pub fn scores_many<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Vec<Scores> {
        const BATCH: usize = 128;
        const _: () = assert!(BATCH * 255 <= u16::MAX as usize);
        /// Keys of a batch and the text each belongs to (in order).
        struct Keys {
            key: [u64; BATCH],
            text: [u32; BATCH],
            n: usize,
        }
        let model = &self.model;
        // the rows of a batch added to their texts' costs, as `scores` does:
        // a text's run of keys in the batch sums in 16-bit lanes
        let sum = |out: &mut [Scores], b: &Keys| {
            let mut i = 0;
            while i < b.n {
                let t = b.text[i];
                let mut s = [0u64; 4];
                while i < b.n && b.text[i] == t {
                    if let Some(row) = model.row(b.key[i]) {
                        add_row(&mut s, row);
                    }
                    i += 1;
                }
                add_lanes(&mut out[t as usize].cost, &s);
            }
        };
        let empty = || Keys {
            key: [0; BATCH],
            text: [0; BATCH],
            n: 0,
        };
        // `ring[f]` takes the features; the others hold the batches before
        // it, prefetched and not yet read, the oldest at `f + 1`
        const DEPTH: usize = 4;
        let mut ring: [Keys; DEPTH] = std::array::from_fn(|_| empty());
        let mut f = 0;
        let mut out: Vec<Scores> = Vec::new();
        let letter_cost = &self.letter_cost;
        for text in texts {
            // the text's scores are there before its features: a long
            // text's first batches are read while it is being made
            let t = out.len() as u32;
            out.push(Scores {
                cost: self.prior,
                letters: 0,
            });
            let (mut penalty, mut letters) = ([0u64; 16], 0);
            model.features().for_each(
                text,
                |g| {
                    let b = &mut ring[f];
                    b.key[b.n] = g;
                    b.text[b.n] = t;
                    b.n += 1;
                    if b.n == BATCH {
                        model.prefetch(&b.key);
                        f = (f + 1) % DEPTH;
                        sum(&mut out, &ring[f]);
                        ring[f].n = 0;
                    }
                },
                |sym| {
                    letters += 1;
                    for (p, c) in penalty.iter_mut().zip(&letter_cost[sym as usize]) {
                        *p += *c;
                    }
                },
            );
            let s = &mut out[t as usize];
            s.letters = letters;
            for (c, p) in s.cost.iter_mut().zip(&penalty) {
                *c += *p;
            }
        }
        for i in 1..=DEPTH {
            sum(&mut out, &ring[(f + i) % DEPTH]);
        }
        out
    }

    /// Whether `word` (one word) is in the model's table of whole words,
    /// and if so the language it is likeliest in, with how much likelier
    /// than in the next language (in nats, times the weight of whole words).
    /// `None` for a word never seen in training (or pruned), for text that
    /// is not exactly one word, and for a model without whole words.
    ///
    /// ```
    /// use kazpar_lang::{Classifier, Lang};
    /// let c = Classifier::builtin();
    /// assert_eq!(c.word_lang("Бүгін").map(|(l, _)| l), Some(Lang::Kk));
    /// assert_eq!(c.word_lang("yesterday").map(|(l, _)| l), Some(Lang::En));
    /// assert_eq!(c.word_lang("two words"), None);
    /// ```
    pub fn word_lang(&self, word: &str) -> Option<(Lang, f64)> {
        let mut key = None;
        let mut words = 0;
        self.model.features().for_each(
            word,
            |g| {
                if g & table::WORD_BIT != 0 {
                    key = Some(g);
                    words += 1;
                }
            },
            |_| {},
        );
        let row = self.model.row(key.filter(|_| words == 1)?)?;
        // the cheapest language (the first on ties) and the next cost up
        let best = (0..NLANGS).min_by_key(|&l| (row[l], l))?;
        let next = (0..NLANGS).filter(|&l| l != best).map(|l| row[l]).min()?;
        Some((Lang::ALL[best], (next - row[best]) as f64 / table::SCALE))
    }

    /// The language of a text (a sentence, a title, a table cell).
    pub fn classify(&self, text: &str) -> Lang {
        self.scores(text).best()
    }

    /// The verdict on a document given as its lines (one sentence each).
    ///
    /// Each line is scored alone; the document's language is the one with the
    /// most letters over the lines' labels; a line labelled otherwise keeps
    /// its label only if that language beats the document's by at least
    /// [`Options::doc_margin`] nats, and then the document is mixed.
    pub fn classify_doc<S: AsRef<str>>(&self, lines: &[S]) -> DocVerdict {
        let scores: Vec<Scores> = lines.iter().map(|l| self.scores(l.as_ref())).collect();
        self.verdict(&scores)
    }

    /// The verdict on a document from the [`Classifier::scores`] of its
    /// lines, in order: what [`Classifier::classify_doc`] gives on those
    /// lines. Each line is scored on its own, so a caller with threads can
    /// score a long document's lines in parallel and combine them here.
    pub fn verdict(&self, scores: &[Scores]) -> DocVerdict {
        let mut letters = [0usize; NLANGS];
        for s in scores {
            if let Some(i) = s.best().index() {
                letters[i] += s.letters;
            }
        }
        let main = if letters.iter().all(|n| *n == 0) {
            Lang::Und
        } else {
            // ties go to the first in Lang::ALL order, Kazakh first
            let mut best = 0;
            for l in 1..NLANGS {
                if letters[l] > letters[best] {
                    best = l;
                }
            }
            Lang::ALL[best]
        };
        let sent_langs: Vec<Lang> = scores
            .iter()
            .map(|s| {
                let own = s.best();
                if own == Lang::Und || main == Lang::Und || own == main {
                    return own;
                }
                if s.cost(main) - s.cost(own) >= self.options.doc_margin {
                    own
                } else {
                    main
                }
            })
            .collect();
        let mixed = sent_langs.iter().any(|l| *l != main && *l != Lang::Und);
        DocVerdict {
            lang: main,
            mixed,
            sent_langs,
        }
    }
}

/// The language of a text, with the shipped model: see [`Classifier::classify`].
pub fn classify(text: &str) -> Lang {
    Classifier::builtin().classify(text)
}

/// The verdict on a document's lines, with the shipped model: see [`Classifier::classify_doc`].
pub fn classify_doc<S: AsRef<str>>(lines: &[S]) -> DocVerdict {
    Classifier::builtin().classify_doc(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A classifier with no n-grams: only the alphabets and the prior decide.
    fn letters_only() -> Classifier {
        Classifier::new(Model::train([], TrainOptions::default()), Options::default())
    }

    #[test]
    fn scores_are_the_plain_sums_of_costs_and_penalties() {
        let c = Classifier::builtin();
        let long = "Біз бүгін кездесуге бардық, we went. ".repeat(40);
        for text in [
            "Біз бүгін кездесуге бардық.",
            "Мы сегодня пошли на встречу.",
            "2025",
            "",
            &long,
        ] {
            let (mut cost, mut penalty, mut letters) = ([0u64; 16], [0u64; 16], 0);
            c.model.features().for_each(
                text,
                |g| {
                    if let Some(row) = c.model.row(g) {
                        for (x, r) in cost.iter_mut().zip(row) {
                            *x += *r as u64;
                        }
                    }
                },
                |s| {
                    letters += 1;
                    for (x, p) in penalty.iter_mut().zip(&c.letter_cost[s as usize]) {
                        *x += *p;
                    }
                },
            );
            for ((x, p), q) in cost.iter_mut().zip(&c.prior).zip(penalty) {
                *x += *p + q;
            }
            let s = c.scores(text);
            assert_eq!((s.cost, s.letters), (cost, letters), "{text:?}");
        }
    }

    #[test]
    fn scores_of_many_texts_are_the_scores_of_each() {
        let c = Classifier::builtin();
        let key = |s: &Scores| (s.cost, s.letters);
        let long = "Біз бүгін кездесуге бардық, we went. ".repeat(40);
        let texts = [
            "Біз бүгін кездесуге бардық.",
            "",
            "Мы сегодня пошли на встречу.",
            "2025",
            &long,
            "a",
            "Inflation was 12.6 percent.",
            &long[..long.len() / 2 - 1],
        ];
        for n in 0..=texts.len() {
            for from in 0..n {
                let many: Vec<_> = c
                    .scores_many(texts[from..n].iter().copied())
                    .iter()
                    .map(key)
                    .collect();
                let one: Vec<_> = texts[from..n].iter().map(|t| key(&c.scores(t))).collect();
                assert_eq!(many, one);
            }
        }
        let all: Vec<&str> = texts.iter().copied().cycle().take(300).collect();
        let one: Vec<_> = all.iter().map(|t| key(&c.scores(t))).collect();
        let many: Vec<_> = c.scores_many(all).iter().map(key).collect();
        assert_eq!(many, one);
    }

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL.into_iter().chain([Lang::Und]) {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("kaz"), None);
        assert_eq!(Lang::Und.index(), None);
        assert_eq!(Lang::Tr.index(), Some(14));
    }

    #[test]
    fn alphabets_use_only_known_letters() {
        for l in Lang::ALL {
            for c in alphabet(l).chars() {
                assert!(symbols::letter_symbol(c).is_some(), "{l}: {c}");
            }
        }
    }

    #[test]
    fn letters_only_some_languages_use_decide_without_ngrams() {
        let c = letters_only();
        for (text, lang) in [
            ("ұл", Lang::Kk),    // ұ is Kazakh only
            ("әке", Lang::Kk),   // ә: kk, tt, ba; the prior picks kk
            ("җир", Lang::Tt),   // җ is Tatar only
            ("ҙур", Lang::Ba),   // ҙ is Bashkir only
            ("ҷой", Lang::Tg),   // ҷ is Tajik only
            ("ўзяць", Lang::Be), // ў is Belarusian only
            ("їжак", Lang::Uk),  // ї is Ukrainian only
            ("ђак", Lang::Sr),   // ђ is Serbian only
            ("ќе", Lang::Mk),    // ќ is Macedonian only
            ("şehir", Lang::Tr), // ş is Turkish only
        ] {
            assert_eq!(c.classify(text), lang, "{text}");
        }
    }

    #[test]
    fn kazakh_prior_and_ties_favour_kazakh() {
        let c = letters_only();
        // а м р т are in every Cyrillic alphabet: a tie, and ties go to kk
        let s = c.scores("марат");
        assert_eq!(s.cost(Lang::Kk), s.cost(Lang::Ru));
        assert_eq!(s.best(), Lang::Kk);
        // a prior lets Kazakh win over a small amount of evidence
        let with = |kk_prior| {
            Classifier::new(
                c.model().clone(),
                Options {
                    kk_prior,
                    ..Options::default()
                },
            )
        };
        let ru_word = "съезд"; // ъ is not Kazakh-only evidence, but nothing in kk is against it
        assert_eq!(with(0.0).classify(ru_word), Lang::Kk);
        let tajik = "ҳам"; // ҳ is outside the Kazakh alphabet: letter_penalty
        assert_eq!(with(0.0).classify(tajik), Lang::Tg);
        assert_eq!(
            with(Options::default().letter_penalty + 1.0).classify(tajik),
            Lang::Kk
        );
    }

    #[test]
    fn nothing_to_decide_on_is_und() {
        for text in ["", "   ", "2025-12-01", "12:30 — 14:00", "«…»", "%%"] {
            assert_eq!(classify(text), Lang::Und, "{text:?}");
        }
    }

    #[test]
    fn builtin_model_reads_and_names_sentences() {
        assert!(Classifier::builtin().model().len() > 10_000);
        for (text, lang) in [
            (
                "Ертең таңертең біз ауылға қайтамыз, әкем бізді күтіп отыр.",
                Lang::Kk,
            ),
            ("Завтра утром мы возвращаемся в деревню, отец нас ждёт.", Lang::Ru),
            (
                "Эртең эртең менен биз айылга кайтабыз, атам бизди күтүп жатат.",
                Lang::Ky,
            ),
            ("Иртәгә иртән без авылга кайтабыз, әти безне көтә.", Lang::Tt),
            ("Иртәгә иртән беҙ ауылға ҡайтабыҙ, атай беҙҙе көтә.", Lang::Ba),
            (
                "Пагоди фардо мо ба деҳа бармегардем, падарам моро интизор аст.",
                Lang::Tg,
            ),
            (
                "Маргааш өглөө бид тосгон руу буцна, аав биднийг хүлээж байна.",
                Lang::Mn,
            ),
            ("Заўтра раніцай мы вяртаемся ў вёску, бацька нас чакае.", Lang::Be),
            (
                "Завтра вранці ми повертаємося до села, батько нас чекає.",
                Lang::Uk,
            ),
            ("Утре сутринта се връщаме на село, баща ни ни чака.", Lang::Bg),
            ("Сутра ујутру се враћамо у село, отац нас чека.", Lang::Sr),
            ("Утре наутро се враќаме во селото, татко ни не чека.", Lang::Mk),
            (
                "Tomorrow morning we are going back to the village, our father is waiting.",
                Lang::En,
            ),
            (
                "Ertaga ertalab biz qishloqqa qaytamiz, otam bizni kutyapti.",
                Lang::Uz,
            ),
            ("Yarın sabah köye dönüyoruz, babamız bizi bekliyor.", Lang::Tr),
        ] {
            assert_eq!(classify(text), lang, "{text}");
        }
    }

    #[test]
    fn case_does_not_matter() {
        let c = Classifier::builtin();
        let a = c.scores("ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ҮКІМЕТІ");
        let b = c.scores("қазақстан республикасының үкіметі");
        assert_eq!(a.cost, b.cost);
        assert_eq!(a.best(), Lang::Kk);
    }

    #[test]
    fn document_with_a_russian_sentence_is_mixed_kazakh() {
        let doc = [
            "Астанада жаңа мектеп ашылды.",
            "Мектепте мың екі жүз оқушы білім алады.",
            "Открытие школы посетил министр просвещения.",
            "",
            "Ғимарат екі жылда салынды.",
        ];
        let v = classify_doc(&doc);
        assert_eq!(v.lang, Lang::Kk);
        assert!(v.mixed);
        assert_eq!(v.sent_langs, [Lang::Kk, Lang::Kk, Lang::Ru, Lang::Und, Lang::Kk]);
    }

    #[test]
    fn weak_evidence_in_a_document_follows_the_document() {
        let c = Classifier::builtin();
        let doc = [
            "Вчера в городе прошёл большой праздник.",
            "Марат",
            "Гости разошлись поздно вечером.",
        ];
        let s = c.scores(doc[1]);
        let own = s.best();
        assert_ne!(own, Lang::Ru, "the name alone must not be Russian for this test");
        let gap = s.cost(Lang::Ru) - s.cost(own);
        let with = |doc_margin| {
            Classifier::new(
                c.model().clone(),
                Options {
                    doc_margin,
                    ..c.options()
                },
            )
        };
        let v = with(gap + 0.5).classify_doc(&doc);
        assert_eq!((v.lang, v.mixed), (Lang::Ru, false));
        assert_eq!(v.sent_langs, [Lang::Ru; 3]);
        let v = with(gap - 0.5).classify_doc(&doc);
        assert_eq!((v.lang, v.mixed), (Lang::Ru, true));
        assert_eq!(v.sent_langs, [Lang::Ru, own, Lang::Ru]);
    }

    #[test]
    fn empty_document_is_und() {
        let v = classify_doc::<&str>(&[]);
        assert_eq!((v.lang, v.mixed, v.sent_langs.len()), (Lang::Und, false, 0));
    }

    #[test]
    fn costs_add_up_over_a_long_text() {
        // features never span the space between two copies, so the costs of
        // n copies are n times one copy's: batches of lookups lose nothing
        let line = "Астанада жаңа мектеп ашылды, онда мың екі жүз оқушы білім алады. ";
        let c = Classifier::builtin();
        let one = c.scores(line);
        let many = c.scores(&line.repeat(20_000)); // 1.3 M characters in one text
        for l in Lang::ALL {
            assert_eq!(many.cost[l as usize], 20_000 * one.cost[l as usize], "{l}");
        }
        assert_eq!(many.letters, 20_000 * one.letters);
        assert_eq!(many.best(), Lang::Kk);
    }

    proptest::proptest! {
        #[test]
        fn any_text_gets_an_answer_without_panicking(text in "\\PC{0,60}") {
            let l = classify(&text);
            let has_letter = text.chars().any(|c| symbols::symbol(c) > symbols::APOSTROPHE);
            proptest::prop_assert_eq!(l == Lang::Und, !has_letter);
            let lines: Vec<&str> = text.split(['\n', ' ']).collect();
            let v = classify_doc(&lines);
            proptest::prop_assert_eq!(v.sent_langs.len(), lines.len());
            proptest::prop_assert!(!v.mixed || v.lang != Lang::Und);
        }
    }
}
