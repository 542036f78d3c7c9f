//! Kazakh–English sentence alignment.
//!
//! [`Aligner::align_corpus`] takes the sentences of many document pairs and
//! returns, for each, [`Bead`]s: runs of Kazakh and English sentence indexes
//! that translate each other (`1-1`, `2-1`, `1-0`, …), in order, covering
//! every sentence exactly once, each with a confidence score in `[0, 1]`.
//!
//! The model scores every candidate bead with a cost made of:
//! - a prior per bead kind (`1-1` cheapest, deletions and merges dearer);
//! - character length agreement, with a heavy-tailed (Cauchy-like) cost on the
//!   log length ratio, wider for short sentences;
//! - anchors: numbers (`12,5` ≡ `12.5`), proper names and acronyms compared
//!   through a Latin transliteration (`Доминичис` ~ `Dominicis`), and
//!   `?`/`!` endings;
//! - paragraph boundaries, when both sides have the same number of paragraphs;
//! - a word-translation table on Kazakh and English stems, learned from the
//!   confident `1-1` pairs of a first pass over the whole corpus, plus an
//!   optional user dictionary.
//!
//! The search is a dynamic program, over all of a small document and, for a
//! long one, over a corridor around a quick first path (see the crate
//! README), so time and memory grow linearly with document length. Documents are aligned in parallel;
//! results do not depend on the thread count.
//!
//! ```
//! use kazpar_align::{Aligner, DocPair, Sentence};
//! let kk = ["Жалақы 12,5 пайызға өсті.", "Ертең жаңбыр жауады."];
//! let en = ["Wages rose by 12.5 percent.", "It will rain tomorrow."];
//! let doc = DocPair::from_texts(&kk, &en);
//! let beads = &Aligner::default().align_corpus(&[doc])[0];
//! assert_eq!(beads.len(), 2);
//! assert_eq!(beads[0].kind(), "1-1");
//! ```
#![deny(missing_docs)]

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::path::PathBuf;

mod codec;
mod evidence;
mod features;
mod lexicon;

pub use evidence::{Evidence, EVIDENCE_HEADER};
pub use lexicon::Lexicon;

use features::{raw, Feats, Raw, Stem, TYPO_BITS};

/// Why alignment could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum AlignError {
    /// A dictionary line is not `english @ kazakh`.
    #[error("{path}:{line}: bad dictionary entry: {message}")]
    Dictionary {
        /// The dictionary file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An evidence file (`--save-lexicon`) cannot be read.
    #[error("{path}:{line}: bad lexicon evidence: {message}")]
    Evidence {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// What a second pass aligns with: the word table learned from a corpus's
/// [`Evidence`] (plus the user dictionary) and the corpus's length ratio.
#[derive(Clone, Debug)]
pub struct Learned {
    lex: Lexicon,
    shift: f32,
    shapes: Shapes,
    /// Bead priors for the second pass ([`corpus_priors`]).
    priors: [f32; 6],
}

impl Default for Learned {
    fn default() -> Self {
        Learned {
            lex: Lexicon::default(),
            shift: 0.0,
            shapes: NO_SHAPES,
            priors: HAND_PRIORS,
        }
    }
}

/// The hand-set priors of [`BEADS`].
const HAND_PRIORS: [f32; 6] = [
    BEADS[0].2, BEADS[1].2, BEADS[2].2, BEADS[3].2, BEADS[4].2, BEADS[5].2,
];

/// Beads of each kind added to the first pass's counts before the split
/// of a pair of kinds is measured: with no beads counted, the split is even
/// (the hand-set priors), and a corpus's own split shows once it has some
/// tens of deletions or merges.
const PRIOR_PSEUDO: f64 = 20.0;

/// The bead priors of a corpus, from its first pass's beads: within each
/// pair of mirror kinds (1-0 and 0-1, 2-1 and 1-2), which side the corpus
/// leaves out or splits more. A text's extra sentences are often on one
/// side (a translation that drops what it does not need, an original that
/// says more), and one side's writing may be split into more, shorter
/// sentences; how much, differs between corpora. The pair's weight
/// (`e^−prior` of both kinds summed) stays the hand-set one: `prior(x) = BEADS(x) − ln(2 share(x))`, `share`
/// the kind's beads in the pair, each count plus [`PRIOR_PSEUDO`]. (The
/// level itself, `−ln(beads of kind / 1-1 beads)`, is not used: the
/// first pass finds deletions at rates that give 2.4–2.9 where the
/// hand-set 2.0 does better, since a 1-1 bead's other costs are not
/// log-probabilities; see the crate README.) The 2-2 prior is kept.
fn corpus_priors(ev: &Evidence) -> [f32; 6] {
    let mut n = [0f64; 6];
    for (&(k, e, _), &c) in &ev.beads {
        if let Some(b) = BEADS
            .iter()
            .position(|&(bk, be, _)| (bk, be) == (k as usize, e as usize))
        {
            n[b] += c as f64;
        }
    }
    let mut out = HAND_PRIORS;
    for (x, y) in [(1, 2), (3, 4)] {
        let share = (n[x] + PRIOR_PSEUDO) / (n[x] + n[y] + 2.0 * PRIOR_PSEUDO);
        out[x] = BEADS[x].2 - (2.0 * share).ln() as f32;
        out[y] = BEADS[y].2 - (2.0 * (1.0 - share)).ln() as f32;
    }
    out
}

/// Sentence shapes (for now one: a semicolon inside, `Feats::typo`) as they
/// go with bead kinds: per kind (`[kk count][en count]`) and the shapes of
/// its sentences (bits as in [`Evidence`]'s bead counts), the cost
/// `−ln(seen / expected)`: beads of the kind seen with those shapes over
/// those expected if shapes were independent of kinds (each sentence's
/// shape as often as on its side in all beads), learned from the first
/// pass's beads. A semicolon joins two clauses that could each be a
/// sentence: a translator who joins two sentences into one often joins them
/// with one, one who splits a sentence often splits it there. How much this
/// holds differs between corpora (and between kinds of text), so it is
/// measured on each.
#[derive(Clone, Debug)]
struct Shapes([[[f32; SHAPE_CODES]; 3]; 3]);

/// Shape codes of up to four sentences.
const SHAPE_CODES: usize = 1 << (4 * TYPO_BITS);

/// Shapes that cost nothing: the first pass's.
const NO_SHAPES: Shapes = Shapes([[[0.0; SHAPE_CODES]; 3]; 3]);

/// Beads added to both the count and the expected count of each shape
/// pattern of a kind: a pattern seen about as often as independent shapes
/// would give costs nothing, and a rare one (a few beads expected, none
/// seen) costs little, where a prior spread over the patterns in
/// proportion to their chance made an unseen rare pattern very dear.
const SHAPE_PRIOR_SEEN: f64 = 1.0;

impl Shapes {
    /// The shape costs learned from `ev`'s bead counts (each shape bit
    /// apart: a naive-Bayes sum over the bits).
    fn learn(ev: &Evidence) -> Shapes {
        let mut out = NO_SHAPES;
        // per side and bit: sentences with the bit, sentences
        let mut seen = [[(0u64, 0u64); TYPO_BITS]; 2];
        for (&(k, e, x), &n) in &ev.beads {
            for s in 0..(k + e) as usize {
                let side = (s >= k as usize) as usize;
                for (f, c) in seen[side].iter_mut().enumerate() {
                    c.0 += ((x >> (TYPO_BITS * s + f)) & 1) as u64 * n as u64;
                    c.1 += n as u64;
                }
            }
        }
        // P(bit) per side, smoothed
        let q = |side: usize, f: usize| (seen[side][f].0 as f64 + 0.5) / (seen[side][f].1 as f64 + 1.0);
        for k in 0..3usize {
            for e in 0..3usize {
                let n = k + e;
                if n == 0 || n > 4 {
                    continue;
                }
                for f in 0..TYPO_BITS {
                    // beads of this kind by the pattern of bit f over their sentences
                    let mut by = vec![0u64; 1 << n];
                    let mut total = 0u64;
                    for (&(bk, be, x), &c) in &ev.beads {
                        if (bk as usize, be as usize) == (k, e) {
                            let mut p = 0;
                            for s in 0..n {
                                p |= (((x >> (TYPO_BITS * s + f)) & 1) as usize) << s;
                            }
                            by[p] += c as u64;
                            total += c as u64;
                        }
                    }
                    let cost: Vec<f32> = (0..1usize << n)
                        .map(|p| {
                            let indep: f64 = (0..n)
                                .map(|s| {
                                    let qs = q((s >= k) as usize, f);
                                    if (p >> s) & 1 == 1 {
                                        qs
                                    } else {
                                        1.0 - qs
                                    }
                                })
                                .product();
                            // beads seen over beads expected if shapes did not go with kinds
                            let expected = total as f64 * indep;
                            -((by[p] as f64 + SHAPE_PRIOR_SEEN) / (expected + SHAPE_PRIOR_SEEN)).ln() as f32
                        })
                        .collect();
                    for code in 0..1usize << (TYPO_BITS * n) {
                        let mut p = 0;
                        for s in 0..n {
                            p |= ((code >> (TYPO_BITS * s + f)) & 1) << s;
                        }
                        out.0[k][e][code] += cost[p];
                    }
                }
            }
        }
        out
    }
}

/// The shape code of a bead whose sentences have the shapes `typos`, the
/// Kazakh ones first (bits as in [`Evidence`]'s bead counts).
#[inline]
fn shape_code(typos: impl Iterator<Item = u8>) -> usize {
    typos
        .enumerate()
        .fold(0, |code, (s, t)| code | (t as usize) << (TYPO_BITS * s))
}

impl Learned {
    /// Kazakh stems with a learned (or given) translation.
    pub fn len(&self) -> usize {
        self.lex.len()
    }

    /// True when there is no table: the second pass is then the first.
    pub fn is_empty(&self) -> bool {
        self.lex.is_empty()
    }
}

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

/// One sentence to align, with the paragraph it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence<'a> {
    /// The sentence text.
    pub text: &'a str,
    /// Paragraph number within its document (any increasing numbering).
    pub para: usize,
}

/// The two sides of one document.
#[derive(Clone, Debug, Default)]
pub struct DocPair<'a> {
    /// Kazakh sentences in order.
    pub kk: Vec<Sentence<'a>>,
    /// English sentences in order.
    pub en: Vec<Sentence<'a>>,
}

impl<'a> DocPair<'a> {
    /// A document pair without paragraph information.
    pub fn from_texts<K: AsRef<str>, E: AsRef<str>>(kk: &'a [K], en: &'a [E]) -> Self {
        DocPair {
            kk: kk
                .iter()
                .map(|t| Sentence {
                    text: t.as_ref(),
                    para: 0,
                })
                .collect(),
            en: en
                .iter()
                .map(|t| Sentence {
                    text: t.as_ref(),
                    para: 0,
                })
                .collect(),
        }
    }
}

/// A configured aligner.
#[derive(Clone, Debug)]
pub struct Aligner {
    /// The words known before learning: the core list (unless turned off)
    /// and the user's dictionary.
    dictionary: Lexicon,
    /// The user's dictionary alone.
    user: Lexicon,
    core: bool,
    learn: bool,
    gale_church: bool,
    /// Run per-document work on rayon's current pool.
    #[cfg(feature = "rayon")]
    parallel: bool,
}

impl Default for Aligner {
    fn default() -> Self {
        Aligner {
            dictionary: Lexicon::core().clone(),
            user: Lexicon::default(),
            core: true,
            learn: true,
            gale_church: false,
            #[cfg(feature = "rayon")]
            parallel: false,
        }
    }
}

/// Gale and Church (1993)'s bead priors as costs (−ln P): 1-1 .89, 1-0/0-1 .0099, 2-1/1-2 .089, 2-2 .011.
const GC_PRIORS: [f32; 6] = [0.1165, 4.6152, 4.6152, 2.4191, 2.4191, 4.5099];

/// Standard normal upper tail, by the Abramowitz–Stegun 26.2.17 approximation.
fn normal_tail(z: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.231_641_9 * z);
    let poly = t
        * (0.319_381_530
            + t * (-0.356_563_782 + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
    (-z * z / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt() * poly
}

/// Gale–Church length cost: −ln P(|δ|), δ = (le − lk) / √(6.8 m) on character
/// counts, `m` the mean of the two lengths.
fn gale_church_cost(lk: f32, le: f32) -> f32 {
    let mean = (lk + le / 1.0) / 2.0;
    if mean == 0.0 {
        return 0.0;
    }
    let delta = ((le - lk) as f64 / (6.8 * mean as f64).sqrt()).abs();
    let p = (2.0 * normal_tail(delta)).max(1e-30);
    -(p.ln() as f32)
}

/// Bead kinds tried: (kk count, en count, prior cost). Priors and the weights
/// in `Prepared::cost` were set on the development sets (see the crate README).
const BEADS: [(usize, usize, f32); 6] = [
    (1, 1, 0.0),
    (1, 0, 2.0),
    (0, 1, 2.0),
    (2, 1, 2.2),
    (1, 2, 2.2),
    (2, 2, 6.5),
];

/// First-pass 1-1 beads at least this confident tell the corpus's length ratio.
const SHIFT_MIN_SCORE: f64 = 0.9;
/// With fewer of them than this, the ratio is taken as 1.
const SHIFT_MIN_BEADS: usize = 30;
/// How much of the measured shift is applied: the other weights were set with
/// none, and a full shift moved more deletions than it fixed on fresh draws.
const SHIFT_SHARE: f32 = 0.75;

/// The median log length ratio of confident 1-1 beads (English over Kazakh):
/// translations into Kazakh run longer than the English, Kazakh originals
/// shorter than their English translations (NTREX −0.06, WMT19 +0.05 on the
/// dev golds), and each corpus is measured on itself, as Moore's aligner
/// estimates its length model from its own first pass.
fn typical_ratio(ev: &Evidence) -> f32 {
    if ev.ratio_count() < SHIFT_MIN_BEADS {
        return 0.0;
    }
    ev.median_ratio().unwrap_or(0.0) * SHIFT_SHARE
}

// Two passes over a corpus: the first without a learned word table. (A third
// pass added about 0.001 F1 on the development sets for a third more time.)

/// Documents up to this many cells are searched in full; larger ones in a band.
const FULL_SEARCH_CELLS: usize = 250_000;
/// Half-width of the band around the diagonal for large documents.
const BAND: usize = 60;

/// A document ready for one search: what was read once ([`Raws`]) and what
/// depends on this pass's word table.
struct Prepared<'a> {
    raws: &'a Raws,
    /// For each Kazakh sentence: the English stems its words translate to, as
    /// ids of [`Raws::en_stems`] (sorted; only stems some English sentence has).
    expect: Flat,
    /// Per sentence pair in the layout: translated words in common (empty when there are none).
    words: Vec<u8>,
    /// Per sentence, what [`Prepared::cost`] adds up over a bead's sentences
    /// (with `cover`: Kazakh stems that have translations, English stems
    /// that are translations of some Kazakh stem).
    kk_side: Vec<Side>,
    en_side: Vec<Side>,
    /// Plain Gale–Church: length only, its own priors (a baseline for benchmarks).
    gale_church: bool,
    /// The corpus's typical log length ratio (English over Kazakh), from the
    /// confident 1-1 beads of the pass before; 0 in the first pass.
    shift: f32,
    /// Sentence shapes by bead kind, from the pass before ([`NO_SHAPES`] in the first).
    shapes: &'a Shapes,
    /// Bead priors by kind of [`BEADS`]: the hand-set ones in the first
    /// pass, the corpus's ([`corpus_priors`]) in the second.
    priors: [f32; 6],
    /// Some shape costs nonzero (not in the first pass): adding a shape
    /// cost of 0 changes no cost (but the sign of a zero), so a bead's is
    /// looked up only then.
    shaped: bool,
}

/// `0.5 (km ^ em).count_ones() − 0.5 (km & em).count_ones()`, the marks'
/// term of a cost ([`marks_plain`]), for marks of the three bits
/// ([`features::QUOTE`] …) from [`MARKS`] (this target counts bits in some
/// ten instructions).
#[inline(always)]
fn marks_term(km: u8, em: u8) -> f32 {
    if (km | em) < 8 {
        MARKS[km as usize][em as usize]
    } else {
        marks_plain(km, em)
    }
}

/// The marks' term as written.
#[inline(always)]
fn marks_plain(km: u8, em: u8) -> f32 {
    0.5 * (km ^ em).count_ones() as f32 - 0.5 * (km & em).count_ones() as f32
}

/// [`marks_plain`] of every pair of three-bit marks, evaluated when
/// compiled (the same `f32` operations, so the same values; a test
/// compares them).
const MARKS: [[f32; 8]; 8] = {
    let mut t = [[0.0; 8]; 8];
    let mut k = 0;
    while k < 8 {
        let mut e = 0;
        while e < 8 {
            let (x, b) = ((k ^ e) as u8, (k & e) as u8);
            t[k][e] = 0.5 * x.count_ones() as f32 - 0.5 * b.count_ones() as f32;
            e += 1;
        }
        k += 1;
    }
    t
};

/// The Kazakh side of a bead as its cost reads it, the same for every
/// English side ([`Prepared::costs_along`] takes it once a DP row).
struct KkPart<'a> {
    /// The Kazakh sentences.
    k: Range<usize>,
    /// Their sum ([`Side::sum`]).
    s: Side,
    /// The last one's paragraph.
    last_para: usize,
    /// The pair tables' rows of the first two ([`PairRow`]).
    rows: [PairRow<'a>; 2],
}

/// One Kazakh sentence's cells in the pair tables: the anchors, the
/// translated words (empty when there is no such table) and the first
/// English sentence with a cell.
#[derive(Clone, Copy, Default)]
struct PairRow<'a> {
    anchors: &'a [u16],
    words: &'a [u8],
    lo: usize,
}

/// One sentence's counts as a bead's cost adds them up.
#[derive(Clone, Copy, Debug, Default)]
struct Side {
    len: f32,
    nums: u32,
    names: u32,
    cogs: u32,
    /// Kazakh: stems with a translation; English: stems that translate one.
    cover: u32,
    marks: u8,
    /// `Feats::typo` (of the first sentence only in a [`Side::sum`]).
    typo: u8,
    /// Ends with `?` (bit 0), with `!` (bit 1); the first sentence's in a sum.
    ends: u8,
    /// The paragraph number (the first sentence's in a sum).
    para: usize,
    /// `ln(length + 8)` of the sentence and of it with the next one
    /// ([`Raws::kk_ln`]), kept here so that a cost reads one array a side.
    ln: [f32; 2],
}

impl Side {
    fn of(f: &Feats, cover: u32, para: usize, ln: [f32; 2]) -> Side {
        Side {
            len: f.len,
            nums: f.nums.len() as u32,
            names: f.names.len() as u32,
            cogs: f.cogs.len() as u32,
            cover,
            marks: f.marks,
            typo: f.typo,
            ends: f.question as u8 | (f.exclaim as u8) << 1,
            para,
            ln,
        }
    }

    /// The sum over sentences `r` (one or more) of `all`, added in order.
    #[inline]
    fn sum(all: &[Side], r: &Range<usize>) -> Side {
        let mut s = all[r.start];
        for x in &all[r.start + 1..r.end] {
            s.len += x.len;
            s.nums += x.nums;
            s.names += x.names;
            s.cogs += x.cogs;
            s.cover += x.cover;
            s.marks |= x.marks;
        }
        s
    }
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v
}

/// Size of the multiset intersection of two sorted vectors.
fn common<T: Ord>(a: &[T], b: &[T]) -> u32 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn para_numbers(s: &[Sentence]) -> Vec<usize> {
    let mut out = Vec::with_capacity(s.len());
    let (mut last, mut n) = (None, 0usize);
    for x in s {
        if last.is_some() && last != Some(x.para) {
            n += 1;
        }
        last = Some(x.para);
        out.push(n);
    }
    out
}

/// A document pair read for alignment ([`Aligner::read`]), to be aligned
/// by both passes without being read again.
pub struct ReadDoc(Raws);

impl std::fmt::Debug for ReadDoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadDoc")
            .field("kk", &self.0.kk.len())
            .field("en", &self.0.en.len())
            .finish()
    }
}

/// A document's sentences read once, for both passes: everything that does
/// not depend on the word table.
struct Raws {
    kk: Vec<Feats>,
    en: Vec<Feats>,
    /// Kazakh stems in text order (repeats kept), for the word table.
    kk_stems: Flat,
    kk_vocab: Vocab,
    /// English stems, each sentence's sorted and without repeats (ids of
    /// `en_vocab` in order of first appearance, so that sorted ids are what
    /// [`prepare`] compares).
    en_stems: Flat,
    en_vocab: Vocab,
    /// Per sentence pair in the layout: numbers, names and loanwords in
    /// common, packed ([`add_anchor`]).
    anchors: Vec<u16>,
    layout: Layout,
    /// Long, and read for a parallel aligner: the tables of each pass are
    /// built on rayon's pool.
    long: bool,
    /// Per Kazakh sentence: its row's cells in the pair tables, as
    /// (offset of the row's first cell, first English sentence, end), from
    /// [`Layout::cols`] once, not at every lookup.
    rows: Vec<(usize, usize, usize)>,
    /// Paragraph numbers from 0, and whether both sides have as many paragraphs.
    kk_para: Vec<usize>,
    en_para: Vec<usize>,
    use_paras: bool,
    /// `ln(length + 8)` of each sentence and of it with the next one (`[one, two]`).
    kk_ln: Vec<[f32; 2]>,
    en_ln: Vec<[f32; 2]>,
}

/// Many short `u32` lists (one a sentence) in one vector: a long document
/// has hundreds of thousands of sentences, and a `Vec` each costs 24 bytes
/// and an allocation.
#[derive(Debug, Default)]
struct Flat {
    ids: Vec<u32>,
    /// End of each list in `ids`.
    ends: Vec<usize>,
}

impl Flat {
    fn with_capacity(lists: usize) -> Self {
        Flat {
            ids: Vec::new(),
            ends: Vec::with_capacity(lists),
        }
    }

    /// Add a list.
    fn push(&mut self, ids: impl IntoIterator<Item = u32>) {
        self.ids.extend(ids);
        self.ends.push(self.ids.len());
    }

    /// Give back what the lists' growth left over (they are kept for a
    /// whole pass).
    fn shrink(&mut self) {
        self.ids.shrink_to_fit();
    }

    /// List `i`.
    #[inline]
    fn of(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.ids[start..self.ends[i]]
    }

    fn lists(&self) -> impl Iterator<Item = &[u32]> + Clone + '_ {
        (0..self.ends.len()).map(|i| self.of(i))
    }
}

/// A document's distinct stems of one side, numbered in order of first
/// appearance: 4-byte ids in the per-sentence lists instead of 16-byte
/// stems, and the word table looked up once a stem, not once a word.
#[derive(Debug, Default)]
struct Vocab {
    stems: Vec<Stem>,
    index: HashMap<Stem, u32>,
}

/// Stems a vocabulary (or an evidence's stem map) makes room for at most
/// before it is filled: a small document's map is then never rehashed as
/// it grows, and a long one's holds no more than this unused.
const VOCAB_RESERVE: usize = 1024;

impl Vocab {
    /// Room for `n` more stems (at most [`VOCAB_RESERVE`] in all).
    fn reserve(&mut self, n: usize) {
        let want = (self.stems.len() + n).min(VOCAB_RESERVE);
        if want > self.stems.len() {
            self.index.reserve(want - self.stems.len());
            self.stems.reserve(want - self.stems.len());
        }
    }

    fn id(&mut self, s: Stem) -> u32 {
        let next = self.stems.len() as u32;
        let id = *self.index.entry(s).or_insert(next);
        if id == next {
            self.stems.push(s);
        }
        id
    }
}

/// For documents small enough to be searched in full.
fn searched_in_full(n: usize, m: usize) -> bool {
    (n + 1) * (m + 1) <= FULL_SEARCH_CELLS
}

/// Which sentence pairs get a cell in the per-document pair tables: all of
/// them for documents searched in full, else those within the search band
/// (plus a margin for merges), so the tables grow linearly with the document.
#[derive(Clone, Copy, Debug)]
struct Layout {
    n: usize,
    m: usize,
    full: bool,
}

impl Layout {
    fn new(n: usize, m: usize) -> Self {
        Layout {
            n,
            m,
            full: searched_in_full(n, m),
        }
    }

    /// The search band of DP row `i` (`0..=n`): English positions `lo..=hi`.
    fn band(&self, i: usize) -> (usize, usize) {
        if self.full || self.n == 0 {
            (0, self.m)
        } else {
            let c = i * self.m / self.n;
            (c.saturating_sub(BAND), (c + BAND).min(self.m))
        }
    }

    fn width(&self) -> usize {
        if self.full {
            self.m
        } else {
            2 * BAND + 9
        }
    }

    /// English sentences with a cell in Kazakh sentence `i`'s row: its band,
    /// widened by the reach of merges (pairs outside are counted directly).
    fn cols(&self, i: usize) -> Range<usize> {
        if self.full {
            return 0..self.m;
        }
        let (lo, hi) = self.band(i);
        lo.saturating_sub(4)..(hi + 4).min(self.m)
    }

    fn cells(&self) -> usize {
        self.n * self.width()
    }
}

/// Runs of equal values in a sorted slice: (value, count).
fn runs<T: Ord + Copy>(v: &[T]) -> impl Iterator<Item = (T, u32)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let x = *v.get(i)?;
        let n = v[i..].iter().take_while(|&&y| y == x).count();
        i += n;
        Some((x, n as u32))
    })
}

/// Add (by `add`) to every cell `(i, j)` of a table laid out by `layout` the
/// size of the multiset intersection of `kk(i)` and `en(j)` (sorted slices),
/// through an inverted index of the English side: the work is in the
/// matches, not in n × m. Rows are filled on rayon's pool when `parallel`
/// (each row's cells are its own).
fn add_common<'a, T: Ord + Copy + Send + Sync + 'a, C: Send>(
    kk: impl Iterator<Item = &'a [T]>,
    en: impl Iterator<Item = &'a [T]> + Clone,
    layout: Layout,
    table: &mut [C],
    add: impl Fn(&mut C, u32) + Sync,
    parallel: bool,
) {
    // sized exactly: on a long document the postings are tens of MB, and
    // growing by doubling could hold twice that at the memory peak
    let mut post: Vec<(T, u32, u32)> = Vec::with_capacity(en.clone().map(|v| runs(v).count()).sum());
    for (j, vals) in en.enumerate() {
        post.extend(runs(vals).map(|(v, c)| (v, j as u32, c)));
    }
    if post.is_empty() {
        return;
    }
    #[cfg(feature = "rayon")]
    if parallel {
        use rayon::prelude::*;
        post.par_sort_unstable();
    }
    if !(cfg!(feature = "rayon") && parallel) {
        post.sort_unstable();
    }
    let post = &post[..];
    let row = |i: usize, vals: &[T], cells: &mut [C]| {
        let cols = layout.cols(i);
        let (lo, hi) = (cols.start as u32, cols.end as u32);
        for (v, a) in runs(vals) {
            let start = post.partition_point(|p| (p.0, p.1) < (v, lo));
            for p in post[start..].iter().take_while(|p| p.0 == v && p.1 < hi) {
                add(&mut cells[(p.1 - lo) as usize], a.min(p.2));
            }
        }
    };
    fill_rows(table, layout.width(), kk, parallel, row);
}

/// `row(i, list, cells)` for each row `i` of `table` (rows of `width` cells)
/// with the `i`-th of `lists`: on rayon's pool when `parallel` (each row's
/// cells are its own), else in order.
#[cfg_attr(not(feature = "rayon"), allow(unused_variables))]
fn fill_rows<'a, T: Sync + 'a, C: Send>(
    table: &mut [C],
    width: usize,
    lists: impl Iterator<Item = &'a [T]>,
    parallel: bool,
    row: impl Fn(usize, &[T], &mut [C]) + Sync,
) {
    #[cfg(feature = "rayon")]
    if parallel {
        use rayon::prelude::*;
        let lists: Vec<&[T]> = lists.collect();
        table
            .par_chunks_mut(width)
            .zip(lists)
            .enumerate()
            .with_min_len(256)
            .for_each(|(i, (cells, vals))| row(i, vals, cells));
        return;
    }
    for ((i, vals), cells) in lists.enumerate().zip(table.chunks_mut(width)) {
        row(i, vals, cells);
    }
}

/// [`add_common`] for the translated words table: lists of ids below
/// `vocab`, without repeats (so every match counts 1), whose postings are
/// laid out by id (a counting sort) instead of sorted and searched.
fn add_common_ids(kk: &Flat, en: &Flat, vocab: usize, layout: Layout, table: &mut [u8], parallel: bool) {
    // the English sentences holding each id, in order
    let start = evidence::bucket_starts(&en.ids, vocab);
    let mut fill = start.clone();
    let mut post = vec![0u32; en.ids.len()];
    for (j, vals) in en.lists().enumerate() {
        debug_assert!(vals.windows(2).all(|w| w[0] < w[1]));
        for &v in vals {
            post[fill[v as usize]] = j as u32;
            fill[v as usize] += 1;
        }
    }
    drop(fill);
    let row = |i: usize, vals: &[u32], cells: &mut [u8]| {
        let cols = layout.cols(i);
        let (lo, hi) = (cols.start as u32, cols.end as u32);
        for &v in vals {
            let holding = &post[start[v as usize]..start[v as usize + 1]];
            let from = holding.partition_point(|&j| j < lo);
            for &j in holding[from..].iter().take_while(|&&j| j < hi) {
                let x = &mut cells[(j - lo) as usize];
                *x = x.saturating_add(1);
            }
        }
    };
    fill_rows(table, layout.width(), kk.lists(), parallel, |i, vals, cells| {
        debug_assert!(vals.windows(2).all(|w| w[0] < w[1]));
        row(i, vals, cells)
    });
}

/// Bits of one count in an [`Raws::anchors`] cell (three counts, 5 bits each:
/// 2 bytes a cell, not 3, on a table of millions of cells).
const ANCHOR_BITS: u32 = 5;
const ANCHOR_MAX: u16 = (1 << ANCHOR_BITS) - 1;
/// Set in a cell when a count does not fit: [`Prepared::pair`] then counts
/// that pair directly (the rare sentence pair with 31 numbers in common).
const ANCHOR_OVERFLOW: u16 = 1 << 15;

/// Add `n` to count `slot` of an anchors cell.
fn add_anchor(x: &mut u16, slot: u32, n: u32) {
    let shift = ANCHOR_BITS * slot;
    let v = ((*x >> shift) & ANCHOR_MAX) as u32 + n;
    if v >= ANCHOR_MAX as u32 {
        *x |= ANCHOR_OVERFLOW;
    } else {
        *x = (*x & !(ANCHOR_MAX << shift)) | (v as u16) << shift;
    }
}

/// Every sentence read by [`raw`]; a long document's on rayon's pool when
/// `parallel` (one book is one document: the pool has nothing else to do).
#[cfg_attr(not(feature = "rayon"), allow(unused_variables))]
fn raw_all(sents: &[Sentence], kazakh: bool, parallel: bool) -> Vec<Raw> {
    #[cfg(feature = "rayon")]
    if parallel && sents.len() >= 1024 {
        use rayon::prelude::*;
        return sents
            .par_iter()
            .with_min_len(256)
            .map(|s| raw(s.text, kazakh))
            .collect();
    }
    sents.iter().map(|s| raw(s.text, kazakh)).collect()
}

/// Sentences read by [`raw`] at a time: a long document's raw features (a
/// name's key and letter pairs, a stem list a sentence) are turned into
/// their compact form a chunk at a time, not all held at once.
const RAW_CHUNK: usize = 8192;

/// A name's letter pairs as tokens, a pair seen `r` times before in the
/// name being `(pair, r)` (so that tokens in common count the pairs in
/// common with repeats, as `features::dice_of` does).
type Token = ((char, char), u32);

/// The least number of letter pairs a name of `x` pairs shares with any
/// name it has Dice ≥ 0.55 with: `2c ≥ 0.55 (x + y)` and `c ≤ y` give
/// `c ≥ 0.55 x / 1.45`. (Dice is computed in `f32` from small integers, so
/// `d ≥ 0.55` in `f32` means it in exact arithmetic too, for names of fewer
/// than [`FILTERED`] pairs: a longer one is compared with every key it
/// shares a pair with.)
fn min_common(x: usize) -> usize {
    if x < FILTERED {
        (55 * x).div_ceil(145)
    } else {
        1
    }
}

/// Names of fewer letter pairs than this are filtered by their counts.
const FILTERED: usize = 1 << 15;

/// The Kazakh name keys indexed for [`match_names`] by a prefix filter:
/// each key's tokens ordered rarest first (by how many keys hold them),
/// and only the first `x − min_common(x) + 1` of them indexed. Two names
/// with `min_common` tokens in common share their rarest common token,
/// and it is in both prefixes, so probing with an English name's prefix
/// finds every key it can reach Dice 0.55 with, while a common pair
/// (`an`, `er`) is in few prefixes.
struct NameIndex {
    /// Kazakh keys holding each token.
    freq: HashMap<Token, u32>,
    /// The Kazakh keys whose prefix holds each token.
    post: HashMap<Token, Vec<Posting>>,
    /// Each key's letter pairs packed ([`packed_grams`]), from id 1 (0 unused).
    grams: Vec<Box<[u64]>>,
}

/// A Kazakh key in [`NameIndex::post`].
#[derive(Clone, Copy, Debug)]
struct Posting {
    /// The key's id (from 1).
    id: u32,
    /// The token's place in the key's ranked tokens.
    at: u32,
    /// The key's letter pairs.
    grams: u32,
}

/// Sorted letter pairs as integers, in the same order (a char fits in 21
/// bits): compared one instruction a pair.
fn packed_grams(grams: &[(char, char)]) -> Box<[u64]> {
    grams.iter().map(|&(a, b)| (a as u64) << 21 | b as u64).collect()
}

/// [`common`] of two sorted lists without branches on their order.
#[cfg(test)]
fn common_packed(a: &[u64], b: &[u64]) -> u32 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += (x == y) as u32;
        i += (x <= y) as usize;
        j += (y <= x) as usize;
    }
    n
}

/// [`common_packed`] of `a` and `b` when it is at least `need`, else `None`
/// (given up as soon as what is left of the shorter list cannot make it).
#[inline]
fn common_packed_at_least(a: &[u64], b: &[u64], need: usize) -> Option<u32> {
    let (mut i, mut j, mut n) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        if n + (a.len() - i).min(b.len() - j) < need {
            return None;
        }
        let (x, y) = (a[i], b[j]);
        n += (x == y) as usize;
        i += (x <= y) as usize;
        j += (y <= x) as usize;
    }
    (n >= need).then_some(n as u32)
}

impl NameIndex {
    fn new(kk_keys: &[features::Name]) -> Self {
        let mut freq: HashMap<Token, u32> = HashMap::default();
        let mut toks = Vec::new();
        for k in kk_keys {
            tokens(&k.grams, &mut toks);
            for &t in &toks {
                *freq.entry(t).or_default() += 1;
            }
        }
        let mut index = NameIndex {
            freq,
            post: HashMap::default(),
            grams: std::iter::once(Box::default())
                .chain(kk_keys.iter().map(|k| packed_grams(&k.grams)))
                .collect(),
        };
        let mut ranked = Vec::new();
        for (p, k) in kk_keys.iter().enumerate() {
            let grams = k.grams.len() as u32;
            for (at, t) in index.prefix(&k.grams, &mut toks, &mut ranked).enumerate() {
                index.post.entry(t).or_default().push(Posting {
                    id: p as u32 + 1,
                    at: at as u32,
                    grams,
                });
            }
        }
        index
    }

    /// The prefix tokens of a name of letter pairs `grams` (sorted).
    fn prefix<'s>(
        &self,
        grams: &[(char, char)],
        toks: &mut Vec<Token>,
        ranked: &'s mut Vec<(u32, Token)>,
    ) -> impl Iterator<Item = Token> + 's {
        tokens(grams, toks);
        ranked.clear();
        ranked.extend(toks.iter().map(|&t| (self.freq.get(&t).copied().unwrap_or(0), t)));
        ranked.sort_unstable();
        let x = ranked.len();
        let keep = if x == 0 { 0 } else { x - min_common(x) + 1 };
        ranked[..keep].iter().map(|&(_, t)| t)
    }
}

/// The tokens of sorted letter pairs `grams`.
fn tokens(grams: &[(char, char)], out: &mut Vec<Token>) {
    out.clear();
    for (g, count) in runs(grams) {
        out.extend((0..count).map(|r| (g, r)));
    }
}

/// What a document's search needs that does not depend on the word table:
/// every sentence's features, computed once.
/// The id of the closest Kazakh key (Dice of letter pairs ≥ 0.55; the
/// larger Dice, then the smaller id) of each English name, if any.
#[cfg_attr(not(feature = "rayon"), allow(unused_variables))]
fn match_names(
    names: &[&features::Name],
    kk_keys: &[features::Name],
    key_ids: &HashMap<String, u32>,
    index: &NameIndex,
    parallel: bool,
) -> Vec<Option<u32>> {
    // per name: its tokens, ranked; and per Kazakh key, the last name it
    // was a candidate for (each compared once a name)
    type Scratch = (Vec<Token>, Vec<(u32, Token)>, Vec<u32>, u32);
    let one = |(toks, ranked, last, stamp): &mut Scratch, n: &&features::Name| {
        *stamp += 1;
        let exact = key_ids.get(n.key.as_str()).copied();
        let ng = n.grams.len();
        let packed = packed_grams(&n.grams);
        // the best is a maximum over a total order (Dice, then the smaller
        // id), so the order candidates come in does not matter
        let mut best: Option<(f32, u32)> = None;
        // the key itself
        if let Some(id) = exact {
            last[id as usize] = *stamp;
            best = Some((1.0, id));
        }
        // the keys whose prefix shares a token with the name's, each
        // compared when met first
        for (i, t) in index.prefix(&n.grams, toks, ranked).enumerate() {
            for p in index.post.get(&t).into_iter().flatten() {
                let kg = p.grams as usize;
                let small = ng < FILTERED && kg < FILTERED;
                // Dice ≥ 0.55 needs bigram counts within a factor of 2.64
                if 2 * ng.min(kg) * 100 < 55 * (ng + kg)
                    || std::mem::replace(&mut last[p.id as usize], *stamp) == *stamp
                {
                    continue;
                }
                // the rarest token in common is the first met (every one
                // rarer is in both prefixes), so at most the tokens from
                // there on are in common, and Dice ≥ 0.55 needs
                // 0.275 (ng + kg) of them
                let most = 1 + (ng - i - 1).min(kg - p.at as usize - 1);
                if small && 200 * most < 55 * (ng + kg) {
                    continue;
                }
                // nor can one whose Dice, at most `2 most / (ng + kg)` (in
                // `f32`, as below: the same operations on a larger count),
                // does not beat the best so far
                if let Some(b) = best {
                    let bound = 2.0 * most as f32 / (kg + ng) as f32;
                    if bound < b.0 || (bound == b.0 && p.id > b.1) {
                        continue;
                    }
                }
                // `dice_of(&k.grams, &n.grams)` (neither is empty: they share a
                // token), the count given up once it cannot reach Dice 0.55
                // (`200 c >= 55 (ng + kg)`, exactly that in `f32` for these sizes)
                let need = if small { (55 * (ng + kg)).div_ceil(200) } else { 0 };
                let Some(c) = common_packed_at_least(&index.grams[p.id as usize], &packed, need) else {
                    continue;
                };
                let d = 2.0 * c as f32 / (kg + ng) as f32;
                if d >= 0.55 && best.is_none_or(|b| d.total_cmp(&b.0).then(b.1.cmp(&p.id)).is_gt()) {
                    best = Some((d, p.id));
                }
            }
        }
        best.map(|b| b.1)
    };
    let scratch = || (Vec::new(), Vec::new(), vec![0u32; kk_keys.len() + 1], 0);
    #[cfg(feature = "rayon")]
    if parallel && names.len() >= 256 {
        use rayon::prelude::*;
        return names.par_iter().with_min_len(64).map_init(scratch, one).collect();
    }
    let mut s = scratch();
    names.iter().map(|n| one(&mut s, n)).collect()
}

fn raws_of(doc: &DocPair, parallel: bool) -> Raws {
    // names: Kazakh keys get ids (1, 2, …); an English key takes the id of the
    // closest Kazakh key when they are close enough, else an id of its own
    let mut kk_keys: Vec<features::Name> = Vec::new();
    let mut key_ids: HashMap<String, u32> = HashMap::default();
    let mut kk = Vec::with_capacity(doc.kk.len());
    let mut kk_stems = Flat::with_capacity(doc.kk.len());
    let mut kk_vocab = Vocab::default();
    for chunk in doc.kk.chunks(RAW_CHUNK) {
        let raws = raw_all(chunk, true, parallel);
        kk_vocab.reserve(raws.iter().map(|r| r.stems.len()).sum());
        for mut r in raws {
            let mut ids = Vec::with_capacity(r.names.len());
            for n in std::mem::take(&mut r.names) {
                let id = match key_ids.get(n.key.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = kk_keys.len() as u32 + 1;
                        key_ids.insert(n.key.clone(), id);
                        kk_keys.push(n);
                        id
                    }
                };
                ids.push(id);
            }
            kk_stems.push(std::mem::take(&mut r.stems).into_iter().map(|s| kk_vocab.id(s)));
            kk.push(Feats::from_raw(r, sorted(ids)));
        }
    }
    // an index of the Kazakh keys, so that an English name is compared only
    // with those it may be close to (long documents hold thousands of names)
    let index = NameIndex::new(&kk_keys);
    let mut en_cache: HashMap<String, u32> = HashMap::default();
    let mut en = Vec::with_capacity(doc.en.len());
    let mut en_stems = Flat::with_capacity(doc.en.len());
    let mut en_vocab = Vocab::default();
    for chunk in doc.en.chunks(RAW_CHUNK) {
        let raws = raw_all(chunk, false, parallel);
        en_vocab.reserve(raws.iter().map(|r| r.stems.len()).sum());
        // the chunk's English names not met before, in order of first
        // appearance, each matched on its own (in parallel for a long
        // document: the matching reads only the Kazakh keys), then numbered
        // in that order, as one by one
        let mut seen = rustc_hash::FxHashSet::default();
        let new: Vec<&features::Name> = raws
            .iter()
            .flat_map(|r| &r.names)
            .filter(|n| !en_cache.contains_key(n.key.as_str()) && seen.insert(n.key.as_str()))
            .collect();
        let best = match_names(&new, &kk_keys, &key_ids, &index, parallel);
        for (n, b) in new.into_iter().zip(best) {
            let id = b.unwrap_or(u32::MAX - en_cache.len() as u32);
            en_cache.insert(n.key.clone(), id);
        }
        drop(seen);
        for mut r in raws {
            let names = std::mem::take(&mut r.names);
            let names = names.iter().map(|n| en_cache[n.key.as_str()]);
            let names = sorted(names.collect());
            // stems sorted without repeats, numbered in that order, then the
            // ids sorted
            let mut stems = std::mem::take(&mut r.stems);
            stems.sort_unstable();
            stems.dedup();
            let from = en_stems.ids.len();
            en_stems.push(stems.into_iter().map(|s| en_vocab.id(s)));
            en_stems.ids[from..].sort_unstable();
            en.push(Feats::from_raw(r, names));
        }
    }
    drop((en_cache, index, key_ids));
    kk_stems.shrink();
    en_stems.shrink();
    // only English stems are looked up later (translations, in `prepare`)
    kk_vocab.index = HashMap::default();
    let layout = Layout::new(kk.len(), en.len());
    let mut anchors = vec![0u16; layout.cells()];
    // a long document's tables on rayon's pool (a small one's are quick)
    let long = cfg!(feature = "rayon") && parallel && !layout.full;
    let (k, e) = (&kk, &en);
    add_common(
        k.iter().map(|f| &f.nums[..]),
        e.iter().map(|f| &f.nums[..]),
        layout,
        &mut anchors,
        |x, n| add_anchor(x, 0, n),
        long,
    );
    add_common(
        k.iter().map(|f| &f.names[..]),
        e.iter().map(|f| &f.names[..]),
        layout,
        &mut anchors,
        |x, n| add_anchor(x, 1, n),
        long,
    );
    add_common(
        k.iter().map(|f| &f.cogs[..]),
        e.iter().map(|f| &f.cogs[..]),
        layout,
        &mut anchors,
        |x, n| add_anchor(x, 2, n),
        long,
    );
    let kk = SideRead {
        feats: kk,
        stems: kk_stems,
        vocab: kk_vocab,
        para: para_numbers(&doc.kk),
    };
    let en = SideRead {
        feats: en,
        stems: en_stems,
        vocab: en_vocab,
        para: para_numbers(&doc.en),
    };
    Raws::new(kk, en, anchors, layout, long)
}

/// One side of a reading, as read (or decoded): the rest of [`Raws`] is
/// derived from the two sides.
struct SideRead {
    feats: Vec<Feats>,
    stems: Flat,
    vocab: Vocab,
    para: Vec<usize>,
}

impl Raws {
    /// A reading from its two sides, the pair tables' anchors, the layout and
    /// whether it is long: the rows, the length logs and whether paragraph
    /// numbers count are derived here, for `raws_of` and the decoder alike.
    fn new(kk: SideRead, en: SideRead, anchors: Vec<u16>, layout: Layout, long: bool) -> Raws {
        // paragraph numbers say which paragraphs translate each other only
        // when both sides have as many, and more than one
        let use_paras = !kk.para.is_empty()
            && !en.para.is_empty()
            && kk.para.last() == en.para.last()
            && kk.para.last() != Some(&0);
        Raws {
            rows: layout_rows(layout),
            kk_ln: ln_lengths(&kk.feats),
            en_ln: ln_lengths(&en.feats),
            kk: kk.feats,
            en: en.feats,
            kk_stems: kk.stems,
            kk_vocab: kk.vocab,
            en_stems: en.stems,
            en_vocab: en.vocab,
            anchors,
            layout,
            long,
            kk_para: kk.para,
            en_para: en.para,
            use_paras,
        }
    }
}

/// Per Kazakh sentence, its row's cells in the pair tables ([`Raws::rows`]).
fn layout_rows(layout: Layout) -> Vec<(usize, usize, usize)> {
    (0..layout.n)
        .map(|i| {
            let cols = layout.cols(i);
            (i * layout.width(), cols.start, cols.end)
        })
        .collect()
}

/// `ln(length + 8)` of each sentence and of it with the next one.
fn ln_lengths(f: &[Feats]) -> Vec<[f32; 2]> {
    (0..f.len())
        .map(|i| {
            let two = f.get(i + 1).map_or(0.0, |g| g.len);
            [(f[i].len + 8.0).ln(), (f[i].len + two + 8.0).ln()]
        })
        .collect()
}

fn prepare<'a>(
    raws: &'a Raws,
    lex: &Lexicon,
    gale_church: bool,
    shift: f32,
    shapes: &'a Shapes,
) -> Prepared<'a> {
    // each distinct Kazakh stem looked up once: whether it has a
    // translation, and those of its translations that some English sentence
    // has (as English ids: a translation no sentence has can match nothing)
    let mut has = Vec::with_capacity(raws.kk_vocab.stems.len());
    let mut tr = Flat::with_capacity(raws.kk_vocab.stems.len());
    for s in &raws.kk_vocab.stems {
        let t = lex.map.get(s);
        has.push(t.is_some());
        tr.push(
            t.into_iter()
                .flatten()
                .filter_map(|t| raws.en_vocab.index.get(t).copied()),
        );
    }
    let mut expect = Flat::with_capacity(raws.kk.len());
    let mut cover = Vec::with_capacity(raws.kk.len());
    let mut exp: Vec<u32> = Vec::new();
    for i in 0..raws.kk.len() {
        exp.clear();
        let mut cov = 0;
        for &v in raws.kk_stems.of(i) {
            if has[v as usize] {
                cov += 1;
                exp.extend_from_slice(tr.of(v as usize));
            }
        }
        exp.sort_unstable();
        exp.dedup();
        expect.push(exp.iter().copied());
        cover.push(cov);
    }
    expect.shrink();
    let target: Vec<bool> = raws
        .en_vocab
        .stems
        .iter()
        .map(|s| lex.targets.contains(s))
        .collect();
    let en_cover: Vec<u32> = raws
        .en_stems
        .lists()
        .map(|v| v.iter().filter(|&&id| target[id as usize]).count() as u32)
        .collect();
    let kk_side = (raws.kk.iter().zip(&cover).enumerate())
        .map(|(i, (f, &c))| Side::of(f, c, raws.kk_para[i], raws.kk_ln[i]))
        .collect();
    let en_side = raws
        .en
        .iter()
        .zip(&en_cover)
        .enumerate()
        .map(|(j, (f, &c))| Side::of(f, c, raws.en_para[j], raws.en_ln[j]))
        .collect();
    let mut words = Vec::new();
    if !gale_church && !expect.ids.is_empty() {
        words = vec![0u8; raws.layout.cells()];
        add_common_ids(
            &expect,
            &raws.en_stems,
            raws.en_vocab.stems.len(),
            raws.layout,
            &mut words,
            raws.long,
        );
    }
    Prepared {
        raws,
        expect,
        words,
        kk_side,
        en_side,
        gale_church,
        shift,
        shaped: shapes.0.iter().flatten().flatten().any(|&x| x != 0.0),
        shapes,
        priors: HAND_PRIORS,
    }
}

impl Prepared<'_> {
    /// Numbers, names and translated words that sentences `i` and `j` have in common.
    fn pair_counts(&self, i: usize, j: usize) -> [u8; 4] {
        let (a, b) = (&self.raws.kk[i], &self.raws.en[j]);
        let c = |x: u32| x.min(255) as u8;
        [
            c(common(&a.nums, &b.nums)),
            c(common(&a.names, &b.names)),
            c(common(self.expect.of(i), self.raws.en_stems.of(j))),
            c(common(&a.cogs, &b.cogs)),
        ]
    }

    /// Kazakh sentence `i`'s [`PairRow`].
    #[inline(always)]
    fn pair_row(&self, i: usize) -> PairRow<'_> {
        let (row, lo, hi) = self.raws.rows[i];
        PairRow {
            anchors: &self.raws.anchors[row..row + (hi - lo)],
            words: self.words.get(row..row + (hi - lo)).unwrap_or(&[]),
            lo,
        }
    }

    /// [`Prepared::pair`] of sentence `i`, whose row is `pr`, and `j`.
    #[inline(always)]
    fn pair_in(&self, pr: &PairRow, i: usize, j: usize) -> [u8; 4] {
        // `j` in the row's columns (`lo <= j < hi`) when this is in the row
        let c = j.wrapping_sub(pr.lo);
        if let Some(&a) = pr.anchors.get(c) {
            if a & ANCHOR_OVERFLOW == 0 {
                let count = |slot: u32| ((a >> (ANCHOR_BITS * slot)) & ANCHOR_MAX) as u8;
                return [
                    count(0),
                    count(1),
                    pr.words.get(c).copied().unwrap_or(0),
                    count(2),
                ];
            }
        }
        self.pair_counts(i, j)
    }

    #[inline(always)]
    fn pair(&self, i: usize, j: usize) -> [u8; 4] {
        self.pair_in(&self.pair_row(i), i, j)
    }

    /// Cost of aligning Kazakh sentences `k` with English sentences `e` (both non-empty).
    fn cost(&self, k: Range<usize>, e: Range<usize>) -> f32 {
        match (k.len(), e.len()) {
            (1, 1) => self.cost_of::<1, 1>(k.start, e.start),
            (2, 1) => self.cost_of::<2, 1>(k.start, e.start),
            (1, 2) => self.cost_of::<1, 2>(k.start, e.start),
            (2, 2) => self.cost_of::<2, 2>(k.start, e.start),
            _ => self.cost_in(k, e),
        }
    }

    /// [`Prepared::cost`] of the `K` Kazakh sentences from `i` and the `E`
    /// English ones from `j`: the same sums, with the bead's size known
    /// when compiled (its loops unrolled; about half the instructions).
    #[inline(always)]
    fn cost_of<const K: usize, const E: usize>(&self, i: usize, j: usize) -> f32 {
        self.cost_in(i..i + K, j..j + E)
    }

    #[inline(always)]
    fn cost_in(&self, k: Range<usize>, e: Range<usize>) -> f32 {
        let r = self.raws;
        if self.gale_church {
            let lk: f32 = k.map(|i| r.kk[i].len).sum();
            let le: f32 = e.map(|j| r.en[j].len).sum();
            return gale_church_cost(lk, le);
        }
        let kp = KkPart {
            s: Side::sum(&self.kk_side, &k),
            last_para: self.kk_side[k.end - 1].para,
            rows: [0, 1].map(|q| {
                if q < k.len() {
                    self.pair_row(k.start + q)
                } else {
                    PairRow::default()
                }
            }),
            k,
        };
        self.cost_given(&kp, e)
    }

    /// `put(j, self.cost_of::<K, E>(i, j))` for each `j` of `js`, the Kazakh
    /// side's sums taken once (a DP row's costs of one kind).
    #[inline(always)]
    fn costs_along<const K: usize, const E: usize>(
        &self,
        i: usize,
        js: Range<usize>,
        mut put: impl FnMut(usize, f32),
    ) {
        if self.gale_church {
            js.for_each(|j| put(j, self.cost_of::<K, E>(i, j)));
            return;
        }
        let kp = self.kk_part::<K>(i);
        js.for_each(|j| put(j, self.cost_given(&kp, j..j + E)));
    }

    /// [`KkPart`] of the `K` Kazakh sentences from `i`.
    #[inline(always)]
    fn kk_part<const K: usize>(&self, i: usize) -> KkPart<'_> {
        let k = i..i + K;
        KkPart {
            s: Side::sum(&self.kk_side, &k),
            last_para: self.kk_side[k.end - 1].para,
            rows: [0, 1].map(|q| {
                if q < K {
                    self.pair_row(i + q)
                } else {
                    PairRow::default()
                }
            }),
            k,
        }
    }

    /// [`Prepared::cost_in`] of the Kazakh sentences of `kp` (not empty)
    /// and English sentences `e` (not empty), not for Gale–Church.
    #[inline(always)]
    fn cost_given(&self, kp: &KkPart, e: Range<usize>) -> f32 {
        let r = self.raws;
        let k = kp.k.clone();
        let (ks, es) = (kp.s, Side::sum(&self.en_side, &e));
        let (lk, le) = (ks.len, es.len);
        let (nk, ne, mk, me, gk, ge) = (ks.nums, es.nums, ks.names, es.names, ks.cogs, es.cogs);
        let (cov, ecov) = (ks.cover, es.cover);
        let (mut nm, mut names, mut lexm, mut cogs) = (0u32, 0u32, 0u32, 0u32);
        for i in k.clone() {
            for j in e.clone() {
                // (the first two sentences' rows are in `kp`)
                let [x, y, z, w] = match kp.rows.get(i - k.start) {
                    Some(pr) => self.pair_in(pr, i, j),
                    None => self.pair(i, j),
                };
                nm += x as u32;
                names += y as u32;
                lexm += z as u32;
                cogs += w as u32;
            }
        }
        // in a merge, a word on one side can meet its match in both sentences
        // of the other side: count it once
        nm = nm.min(nk).min(ne);
        names = names.min(mk).min(me);
        cogs = cogs.min(gk).min(ge);
        lexm = lexm.min(cov).min(ecov);
        // length: heavy-tailed cost on the log ratio, wider for short sentences
        let ln = |s: &Side, r: &Range<usize>, l: f32| match r.len() {
            1 => s.ln[0],
            2 => s.ln[1],
            _ => (l + 8.0).ln(),
        };
        let ratio = ln(&es, &e, le) - ln(&ks, &k, lk) - self.shift;
        let scale = 0.22 + 1.6 / (lk + le + 4.0).sqrt();
        let mut c = (1.0 + (ratio / scale).powi(2)).ln() * 2.0;
        // numbers: matched ones pull together, unmatched ones push apart
        let unmatched = (nk + ne).saturating_sub(2 * nm);
        c += 1.2 * unmatched.min(6) as f32 - 1.2 * nm.min(6) as f32;
        // names with no counterpart push apart, weakly (names are noisier than numbers)
        c += 0.15 * (mk + me).saturating_sub(2 * names).min(4) as f32;
        // a shared loanword counts like a shared name
        c -= 0.8 * names.min(5) as f32 + 0.8 * cogs.min(4) as f32;
        if cov + ecov >= 3 {
            // Dice-like: translated words found on the other side, over known words on both sides
            let sim = (2.0 * lexm as f32 / (cov + ecov) as f32).min(1.0);
            // with few known words the estimate is noisy: full weight from 8 on
            let conf = ((cov + ecov) as f32 / 8.0).min(1.0);
            c += 4.0 * (0.35 - sim) * conf;
        }
        // quotes, parentheses, colons: present on both sides pull together,
        // on one side only push apart
        let (km, em) = (ks.marks, es.marks);
        c += marks_term(km, em);
        if self.shaped {
            c += self.shape(&k, &e);
        }
        if k.len() == 1 && e.len() == 1 && ks.ends != es.ends {
            c += 0.6;
        }
        let (pk, pe) = (ks.para, es.para);
        // paragraph numbers say which paragraphs translate each other only
        // when both sides have as many
        if r.use_paras && pk != pe {
            c += 2.5;
        }
        // a translator keeps a paragraph's sentences in it: a merge across
        // a break is unlikely whether or not one side has lost or gained a
        // paragraph
        if kp.last_para != pk || self.en_side[e.end - 1].para != pe {
            c += 3.0;
        }
        c
    }

    /// The shape cost of a bead of sentences `k` and `e` ([`Shapes`]; only
    /// when [`Prepared::shaped`], else 0).
    #[inline(always)]
    fn shape(&self, k: &Range<usize>, e: &Range<usize>) -> f32 {
        let typos = self.kk_side[k.clone()].iter().chain(&self.en_side[e.clone()]);
        let code = shape_code(typos.map(|s| s.typo));
        self.shapes.0[k.len()][e.len()][code]
    }

    fn prior(&self, bead: usize) -> f32 {
        if self.gale_church {
            GC_PRIORS[bead]
        } else {
            self.priors[bead]
        }
    }

    fn skip_cost(&self, kk_side: bool, i: usize) -> f32 {
        if self.gale_church {
            return 0.0;
        }
        // deleting a sentence that carries numbers or names is less likely
        let f = if kk_side {
            &self.raws.kk[i]
        } else {
            &self.raws.en[i]
        };
        let (k, e) = if kk_side {
            (i..i + 1, 0..0)
        } else {
            (0..0, i..i + 1)
        };
        0.25 * (f.nums.len() + f.names.len()).min(4) as f32 + self.shape(&k, &e)
    }
}

fn score_of(cost: f32) -> f64 {
    (1.0 / (1.0 + ((cost - 2.0) * 1.3).exp())) as f64
}

/// Rows of a parallel [`dp`] whose bead costs are computed at once.
#[cfg(feature = "rayon")]
const DP_BLOCK: usize = 256;

/// How far from the first pass's path the second pass looks, in sentences,
/// on documents too long to be searched in full.
const CORRIDOR: usize = 8;

/// Per DP row (`0..=n`), the English positions the path of `beads` passes
/// through, widened by [`CORRIDOR`] and kept inside the layout's band.
fn corridor(layout: Layout, beads: &[Bead]) -> Vec<(usize, usize)> {
    let mut rows = vec![(usize::MAX, 0usize); layout.n + 1];
    for b in beads {
        let (j0, j1) = (b.en.start, b.en.end);
        for r in &mut rows[b.kk.start..=b.kk.end] {
            r.0 = r.0.min(j0);
            r.1 = r.1.max(j1);
        }
    }
    rows.iter()
        .enumerate()
        .map(|(i, &(a, z))| {
            let (lo, hi) = layout.band(i);
            if a > z {
                return (lo, hi);
            }
            let (a, z) = (a.saturating_sub(CORRIDOR).max(lo), (z + CORRIDOR).min(hi));
            if a > z {
                (lo, hi)
            } else {
                (a, z)
            }
        })
        .collect()
}

/// The best path of a document: the dynamic program over all of it when it
/// is small enough; else over a corridor around `guide` (the path of a pass
/// before) or, without one, around a quick path over the band that tries
/// only 1-1 pairs and deletions (a merge is a 1-1 and a deletion there, well
/// inside the corridor).
fn search(p: &Prepared, guide: Option<&[Bead]>, parallel: bool) -> Vec<Bead> {
    let layout = p.raws.layout;
    let band = || (0..=layout.n).map(|i| layout.band(i)).collect::<Vec<_>>();
    if layout.full {
        return dp(p, &band(), BEADS.len(), false);
    }
    let quick;
    let guide = match guide {
        Some(g) => g,
        None => {
            quick = dp(p, &band(), 3, parallel);
            &quick
        }
    };
    dp(p, &corridor(layout, guide), BEADS.len(), parallel)
}

/// The dynamic program over `bands` (per row `0..=n`, the English positions
/// `lo..=hi` searched) with the first `beads` kinds of [`BEADS`].
/// A row's bead costs are computed before it is searched, kind by kind
/// along the row (a cost depends on its sentences only, not on the path).
/// `parallel` (for a long document): those of [`DP_BLOCK`] rows at a time
/// are computed on rayon's pool while the rows before them are searched, so
/// one book's search uses every core; the path is the same.
#[cfg_attr(not(feature = "rayon"), allow(unused_variables))]
fn dp(p: &Prepared, bands: &[(usize, usize)], beads: usize, parallel: bool) -> Vec<Bead> {
    let layout = p.raws.layout;
    let (n, m) = (layout.n, layout.m);
    let lo = |i: usize| bands[i].0;
    // a deletion's cost depends on its sentence only: once per sentence, not per cell
    let skip_k: Vec<f32> = (0..n).map(|i| p.prior(1) + p.skip_cost(true, i)).collect();
    let skip_e: Vec<f32> = (0..m).map(|j| p.prior(2) + p.skip_cost(false, j)).collect();
    debug_assert!(beads == 3 || beads == BEADS.len());
    let priors: Vec<f32> = (0..BEADS.len()).map(|b| p.prior(b)).collect();
    // the kinds that have a cost of their own (not deletions)
    let kinds: &[usize] = if beads > 3 { &[0, 3, 4, 5] } else { &[0] };
    // costs of the last three rows only (a bead reaches two rows back), and
    // every row's back pointers in one table, two a byte (a bead kind, or 15
    // for none): memory is the band, not n × band
    let mut rows: [Vec<f32>; 3] = Default::default();
    let mut start = Vec::with_capacity(n + 2);
    start.push(0usize);
    for (i, &(l, h)) in bands.iter().enumerate().take(n + 1) {
        start.push(start[i] + h - l + 1);
    }
    let mut back = vec![u8::MAX; start[n + 1].div_ceil(2)];
    let empty: &[f32] = &[];
    // row `i` searched with a block of bead costs `a` computed ahead (per row
    // from `from`, `stride` apart: per cell, per kind of `kinds`)
    let mut step = |i: usize, (a, from, stride): (&[f32], usize, usize)| {
        let (l, h) = bands[i];
        // this row's costs in the block
        let arow = &a[(i - from) * stride..(i - from + 1) * stride];
        let nk = kinds.len();
        // the cost of kind `kinds[q]` ending at cell (i, j) (the kind itself, `b`,
        // as the offers name it; a macro, not a closure: each use inlined)
        macro_rules! local {
            ($q:expr, $b:expr, $j:expr) => {
                arow[($j - l) * nk + $q]
            };
        }
        let mut crow = std::mem::take(&mut rows[i % 3]);
        crow.clear();
        crow.resize(h - l + 1, f32::INFINITY);
        // the rows one and two back, as (first English position, costs)
        let (l1, r1) = if i >= 1 {
            (lo(i - 1), &rows[(i - 1) % 3][..])
        } else {
            (0, empty)
        };
        let (l2, r2) = if i >= 2 {
            (lo(i - 2), &rows[(i - 2) % 3][..])
        } else {
            (0, empty)
        };
        // the cost at English position `pj` of a row starting at `l`, when it
        // is in the row (an infinite one, unreached, is offered but never
        // wins: offers win by being strictly smaller)
        let at = |r: &[f32], l: usize, pj: usize| -> Option<f32> { r.get(pj.checked_sub(l)?).copied() };
        for j in l..=h {
            if i == 0 && j == 0 {
                crow[0] = 0.0;
                continue;
            }
            let mut best = f32::INFINITY;
            let mut arg = u8::MAX;
            // the kinds in `BEADS` order, each as the generic loop would try
            // it: the first strictly best wins
            let mut offer = |b: usize, c: f32| {
                if c < best {
                    best = c;
                    arg = b as u8;
                }
            };
            if j >= 1 {
                if let Some(prev) = at(r1, l1, j - 1) {
                    offer(0, prev + local!(0, 0, j));
                }
            }
            if let Some(prev) = at(r1, l1, j) {
                offer(1, prev + skip_k[i - 1]);
            }
            if j >= 1 {
                if let Some(prev) = at(&crow, l, j - 1) {
                    offer(2, prev + skip_e[j - 1]);
                }
            }
            if beads > 3 {
                if j >= 1 {
                    if let Some(prev) = at(r2, l2, j - 1) {
                        offer(3, prev + local!(1, 3, j));
                    }
                }
                if j >= 2 {
                    if let Some(prev) = at(r1, l1, j - 2) {
                        offer(4, prev + local!(2, 4, j));
                    }
                    if let Some(prev) = at(r2, l2, j - 2) {
                        offer(5, prev + local!(3, 5, j));
                    }
                }
            }
            crow[j - l] = best;
            let (k, shift) = ((start[i] + j - l) / 2, 4 * ((start[i] + j - l) % 2));
            back[k] = (back[k] & !(0xF << shift)) | (arg & 0xF) << shift;
        }
        rows[i % 3] = crow;
    };
    // row `r`'s bead costs into `out` (per cell, per kind of `kinds`; a kind
    // that does not fit is left as it was): kind by kind along the row, each
    // loop with the bead's size known (what does not change along it read once)
    let row_costs = |r: usize, out: &mut [f32]| {
        let (l, h) = bands[r];
        let nk = kinds.len();
        for (q, &b) in kinds.iter().enumerate() {
            let (di, dj, _) = BEADS[b];
            if r < di {
                continue;
            }
            let (js, prior) = (l.max(dj)..h + 1, priors[b]);
            let cell = |j: usize| (j - l) * nk + q;
            // a bead ending at cell (r, j) starts at (r - di, j - dj)
            // (none when the row ends before `dj`: `js` is then empty)
            let starts = js.start - dj..js.end.saturating_sub(dj);
            let mut put = |j: usize, c: f32| out[cell(j + dj)] = prior + c;
            match b {
                0 => p.costs_along::<1, 1>(r - 1, starts, &mut put),
                3 => p.costs_along::<2, 1>(r - 2, starts, &mut put),
                4 => p.costs_along::<1, 2>(r - 1, starts, &mut put),
                _ => p.costs_along::<2, 2>(r - 2, starts, &mut put),
            }
        }
    };
    #[cfg(feature = "rayon")]
    if parallel {
        // a block's costs on the pool while the rows before it are searched,
        // into two buffers used in turn (allocated once: blocks allocated on
        // one thread and freed on another were not reused)
        use rayon::prelude::*;
        let costs = |from: usize, buf: &mut Vec<f32>| -> usize {
            let end = (from + DP_BLOCK).min(n + 1);
            let stride = (from..end)
                .map(|r| bands[r].1 - bands[r].0 + 1)
                .max()
                .unwrap_or(0)
                * kinds.len();
            buf.clear();
            buf.resize((end - from) * stride, f32::NAN);
            if stride > 0 {
                buf.par_chunks_mut(stride)
                    .enumerate()
                    .for_each(|(k, out)| row_costs(from + k, out));
            }
            stride
        };
        let (mut block, mut next) = (Vec::new(), Vec::new());
        let (mut from, mut stride) = (0, costs(0, &mut block));
        while from <= n {
            let end = (from + DP_BLOCK).min(n + 1);
            let next_stride = rayon::join(
                || {
                    for i in from..end {
                        step(i, (&block, from, stride));
                    }
                },
                || if end <= n { costs(end, &mut next) } else { 0 },
            )
            .1;
            std::mem::swap(&mut block, &mut next);
            (from, stride) = (end, next_stride);
        }
    }
    if !(cfg!(feature = "rayon") && parallel) {
        // in order: each row's costs first, as a block of one row
        let mut row = Vec::new();
        for (i, &(l, h)) in bands.iter().enumerate().take(n + 1) {
            let stride = (h - l + 1) * kinds.len();
            row.clear();
            row.resize(stride, f32::NAN);
            row_costs(i, &mut row);
            step(i, (&row, i, stride));
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let x = start[i] + j - lo(i);
        let b = match (back[x / 2] >> (4 * (x % 2))) & 0xF {
            0xF => u8::MAX,
            b => b,
        };
        let (di, dj) = if b == u8::MAX {
            // unreachable only if the band lost the path: fall back to a deletion
            if i > 0 {
                (1, 0)
            } else {
                (0, 1)
            }
        } else {
            (BEADS[b as usize].0, BEADS[b as usize].1)
        };
        let (pi, pj) = (i - di, j - dj);
        let local = match (di, dj) {
            (1, 0) => p.prior(1),
            (0, 1) => p.prior(2),
            _ => p.prior(b as usize) + p.cost(pi..i, pj..j),
        };
        out.push(Bead {
            kk: pi..i,
            en: pj..j,
            score: (score_of(local) * 1e4).round() / 1e4,
        });
        i = pi;
        j = pj;
    }
    out.reverse();
    out
}

impl Aligner {
    /// An aligner that also uses `dict` (e.g. from [`Lexicon::parse_dictionary`]),
    /// besides the core word list.
    pub fn with_dictionary(mut self, dict: Lexicon) -> Self {
        self.user = dict;
        self.known()
    }

    /// Whether to use kazpar's core Kazakh–English word list ([`Lexicon::core`];
    /// default: yes). Without it, and without a dictionary, every word
    /// translation is learned from the corpus.
    pub fn core_lexicon(mut self, core: bool) -> Self {
        self.core = core;
        self.known()
    }

    /// Rebuild the words known before learning from the core list and the user's.
    fn known(mut self) -> Self {
        let mut dict = if self.core {
            Lexicon::core().clone()
        } else {
            Lexicon::default()
        };
        dict.extend(&self.user);
        self.dictionary = dict;
        self
    }

    /// The classic Gale–Church aligner (character lengths only, Gaussian cost,
    /// the 1993 priors): a baseline for evaluations and benchmarks.
    pub fn gale_church() -> Self {
        Aligner {
            gale_church: true,
            ..Aligner::default()
        }
    }

    /// Whether to learn a word table from a first pass (default: yes).
    pub fn learn_lexicon(mut self, learn: bool) -> Self {
        self.learn = learn;
        self
    }

    /// Run the per-document work of [`Aligner::align_corpus`] on rayon's
    /// current thread pool (default: no, one document after the other). The
    /// result is the same either way.
    #[cfg(feature = "rayon")]
    pub fn parallel(mut self, parallel: bool) -> Self {
        self.parallel = parallel;
        self
    }

    /// Whether to run work on rayon's pool (asked for and compiled in).
    fn par(&self) -> bool {
        #[cfg(feature = "rayon")]
        return self.parallel;
        #[cfg(not(feature = "rayon"))]
        false
    }

    /// `f` over `items`, in order: in parallel when asked for and compiled in.
    fn map<T: Sync, R: Send>(&self, items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
        #[cfg(feature = "rayon")]
        if self.parallel {
            use rayon::prelude::*;
            return items.par_iter().map(f).collect();
        }
        items.iter().map(f).collect()
    }

    /// Align one document pair in one pass (no learned table).
    pub fn align_doc(&self, doc: &DocPair) -> Vec<Bead> {
        search(
            &prepare(
                &raws_of(doc, self.par()),
                &self.dictionary,
                self.gale_church,
                0.0,
                &NO_SHAPES,
            ),
            None,
            self.par(),
        )
    }

    /// Align the sentences of one document pair given as plain texts, in one pass.
    pub fn align<K: AsRef<str>, E: AsRef<str>>(&self, kk: &[K], en: &[E]) -> Vec<Bead> {
        self.align_doc(&DocPair::from_texts(kk, en))
    }

    /// Align many document pairs: a first pass, a word table learned from its
    /// confident `1-1` pairs across all documents, and a second pass with it.
    /// The same as [`Aligner::evidence`] over every document, merged,
    /// [`Aligner::learn`], then [`Aligner::align_learned`] on each; those let
    /// a caller stream a corpus through the two passes or spread them over
    /// machines.
    pub fn align_corpus(&self, docs: &[DocPair]) -> Vec<Vec<Bead>> {
        let raws: Vec<Raws> = self.map(docs, |d| raws_of(d, self.par()));
        let first: Vec<Vec<Bead>> = self.map(&raws, |r| self.first_pass(r));
        if !self.learn || self.gale_church {
            return first;
        }
        let mut ev = Evidence::new();
        for (r, beads) in raws.iter().zip(&first) {
            count_evidence(r, beads, &mut ev);
        }
        let learned = self.learn(&ev);
        if learned.is_empty() {
            return first;
        }
        self.map(&raws.iter().zip(&first).collect::<Vec<_>>(), |(r, f)| {
            search(&second_pass(r, &learned), Some(f), self.par())
        })
    }

    fn first_pass(&self, r: &Raws) -> Vec<Bead> {
        search(
            &prepare(r, &self.dictionary, self.gale_church, 0.0, &NO_SHAPES),
            None,
            self.par(),
        )
    }

    /// The first pass over one document pair, and what its confident beads
    /// teach the second ([`Evidence`]; empty for Gale–Church or without
    /// learning).
    pub fn evidence(&self, doc: &DocPair) -> Evidence {
        if self.learn && !self.gale_church {
            self.evidence_read(&self.read(doc))
        } else {
            Evidence::new()
        }
    }

    /// A document pair's sentences read for alignment: what both passes
    /// need that does not depend on the word table. [`Aligner::evidence_read`]
    /// and [`Aligner::align_learned_read`] on it give what
    /// [`Aligner::evidence`] and [`Aligner::align_learned`] give on the
    /// document, without reading it twice (a long document's reading is a
    /// good part of its alignment time).
    pub fn read(&self, doc: &DocPair) -> ReadDoc {
        ReadDoc(raws_of(doc, self.par()))
    }

    /// [`Aligner::evidence`] of a document read by [`Aligner::read`].
    pub fn evidence_read(&self, doc: &ReadDoc) -> Evidence {
        let mut ev = Evidence::new();
        if self.learn && !self.gale_church {
            count_evidence(&doc.0, &self.first_pass(&doc.0), &mut ev);
            ev.compact();
        }
        ev
    }

    /// The word table (with the dictionary) and length ratio learned from a
    /// corpus's merged evidence.
    pub fn learn(&self, ev: &Evidence) -> Learned {
        let mut lex = Lexicon::from_evidence(ev);
        lex.extend(&self.dictionary);
        Learned {
            lex,
            shift: typical_ratio(ev),
            shapes: Shapes::learn(ev),
            priors: corpus_priors(ev),
        }
    }

    /// The second pass over one document pair, with what was learned from the
    /// corpus: the beads [`Aligner::align_corpus`] gives for it.
    pub fn align_learned(&self, doc: &DocPair, learned: &Learned) -> Vec<Bead> {
        self.align_learned_read(&self.read(doc), learned)
    }

    /// [`Aligner::align_learned`] of a document read by [`Aligner::read`].
    pub fn align_learned_read(&self, doc: &ReadDoc, learned: &Learned) -> Vec<Bead> {
        let r = &doc.0;
        if !self.learn || self.gale_church || learned.is_empty() {
            return self.first_pass(r);
        }
        search(&second_pass(r, learned), None, self.par())
    }
}

/// A document prepared for the second pass, with what was learned.
fn second_pass<'a>(r: &'a Raws, learned: &'a Learned) -> Prepared<'a> {
    let mut p = prepare(r, &learned.lex, false, learned.shift, &learned.shapes);
    p.priors = learned.priors;
    p
}

/// Add what one document's first-pass beads teach: the stems of confident
/// `1-1` pairs, the length ratios of the most confident ones, and the
/// sentence shapes of every bead.
fn count_evidence(r: &Raws, beads: &[Bead], ev: &mut Evidence) {
    // the evidence's id of each stem of the document's vocabularies, looked
    // up on first use (so numbered in the order `add_pair` would number them)
    let mut kk_ids = vec![u32::MAX; r.kk_vocab.stems.len()];
    let mut en_ids = vec![u32::MAX; r.en_vocab.stems.len()];
    ev.reserve_stems(
        r.kk_vocab.stems.len().min(VOCAB_RESERVE),
        r.en_vocab.stems.len().min(VOCAB_RESERVE),
    );
    let mut batch = evidence::Batch::default();
    let (mut k, mut e, mut es) = (Vec::new(), Vec::new(), Vec::new());
    for b in beads {
        let typos = r.kk[b.kk.clone()].iter().chain(&r.en[b.en.clone()]);
        let shapes = shape_code(typos.map(|f| f.typo)) as u16;
        ev.add_bead(b.kk.len(), b.en.len(), shapes);
        if b.kk.len() == 1 && b.en.len() == 1 && b.score >= 0.6 {
            // the stems as the pair's sentences have them: Kazakh in text
            // order, English sorted
            k.clear();
            for &v in r.kk_stems.of(b.kk.start) {
                let id = &mut kk_ids[v as usize];
                if *id == u32::MAX {
                    *id = ev.kk_id(r.kk_vocab.stems[v as usize]);
                }
                k.push(*id);
            }
            es.clear();
            es.extend(
                r.en_stems
                    .of(b.en.start)
                    .iter()
                    .map(|&v| (r.en_vocab.stems[v as usize], v)),
            );
            es.sort_unstable();
            e.clear();
            for &(s, v) in &es {
                let id = &mut en_ids[v as usize];
                if *id == u32::MAX {
                    *id = ev.en_id(s);
                }
                e.push(*id);
            }
            ev.batch_pair(&mut batch, &mut k, &mut e);
        }
        if b.kk.len() == 1 && b.en.len() == 1 && b.score >= SHIFT_MIN_SCORE {
            ev.add_ratio(r.en_ln[b.en.start][0] - r.kk_ln[b.kk.start][0]);
        }
    }
    ev.add_batch(batch, r.long);
}

#[cfg(test)]
mod tests;
