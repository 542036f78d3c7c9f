//! What the first pass over a corpus teaches the second: counts of stems and
//! stem pairs in confident `1-1` beads (for the word table), of their
//! length ratios (for the length cost's centre), and of the shapes of the
//! sentences in beads of each kind (for the bead-kind model).
//!
//! Counts add up, so the evidence of documents seen apart (shards of a
//! corpus, partitions of a Spark job, one document after the other in a
//! streaming build) merges into exactly the evidence of one run over all of
//! them, and the table learned from it is the same.

use std::collections::BTreeMap;
use std::path::Path;

use rustc_hash::FxHashMap as HashMap;

use crate::features::{Stem, TYPO_BITS};
use crate::AlignError;

/// The first line of an evidence file, with its format version.
pub const EVIDENCE_HEADER: &str = "kazpar-lexicon-evidence 2";
/// Version 1 files (no `bead` lines) are read too.
const EVIDENCE_HEADER_1: &str = "kazpar-lexicon-evidence 1";

/// Width of a length-ratio histogram bin, in log units.
const RATIO_BIN: f32 = 1.0 / 65536.0;

/// Stems of one language numbered in order of appearance, with a count each.
#[derive(Clone, Debug, Default)]
pub(crate) struct Stems {
    ids: HashMap<Stem, u32>,
    pub(crate) stems: Vec<Stem>,
    /// Per stem: pairs holding it.
    pub(crate) count: Vec<u32>,
}

impl Stems {
    /// Room for `n` more stems in the map.
    fn reserve(&mut self, n: usize) {
        self.ids.reserve(n);
    }

    fn id(&mut self, s: Stem) -> u32 {
        let next = self.stems.len() as u32;
        let id = *self.ids.entry(s).or_insert(next);
        if id == next {
            self.stems.push(s);
            self.count.push(0);
        }
        id
    }
}

/// Counts from confident first-pass beads; see the module docs.
///
/// Stems are numbered inside each `Evidence` (so a stem pair is one `u64`
/// key: a long document's hundreds of thousands of pairs stay small);
/// [`Evidence::merge`] renumbers, and two evidences are equal when their
/// counts are, whatever the numbering.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    /// Sentence pairs counted for the word table.
    pub(crate) pairs: u64,
    /// Kazakh stems, and per stem the pairs holding it.
    pub(crate) kk: Stems,
    /// English stems, and per stem the pairs holding it.
    pub(crate) en: Stems,
    /// Per Kazakh id: the English ids it met and in how many pairs (a stem
    /// pair's count is `co[kk]`'s entry for `en`). One short list per stem,
    /// each filled by pushes and sorted now and then, stays in the cache
    /// where one table of a long document's stem pairs keeps missing it.
    co: Vec<CoList>,
    /// What [`Evidence::add_batch`] counted on evidence with no stem pairs
    /// yet (a document's, made to be merged into a corpus's): each Kazakh
    /// id's list (packed as in [`CoList`], sorted, ids once) one after the
    /// other here, list `a` ending at `flat_end[a]`, instead of one `co` list
    /// each (so many small allocations a document). While `flat_end` is not
    /// empty, `co` is; [`Evidence::lists`] turns these into `co` lists before
    /// anything else is added.
    flat: Vec<u64>,
    flat_end: Vec<u32>,
    /// Log length ratios (English over Kazakh) of the most confident beads,
    /// as a histogram: bin number → beads.
    pub(crate) ratios: BTreeMap<i32, u32>,
    /// First-pass beads by kind and sentence shapes: (Kazakh sentences,
    /// English sentences, shapes) → beads. The shapes are each sentence's
    /// `Feats::typo` bits, Kazakh sentences first, sentence `s` at bits
    /// `TYPO_BITS * s`.
    pub(crate) beads: BTreeMap<(u8, u8, u16), u32>,
}

impl PartialEq for Evidence {
    fn eq(&self, other: &Self) -> bool {
        self.pairs == other.pairs
            && self.ratios == other.ratios
            && self.beads == other.beads
            && self.to_text() == other.to_text()
    }
}

impl Eq for Evidence {}

impl Evidence {
    /// No evidence.
    pub fn new() -> Self {
        Self::default()
    }

    /// True when nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.pairs == 0 && self.ratios.is_empty() && self.beads.is_empty()
    }

    /// Sentence pairs counted for the word table.
    pub fn pairs(&self) -> u64 {
        self.pairs
    }

    /// Count one confident sentence pair's stems (any order, repeats allowed).
    pub(crate) fn add_pair(&mut self, kk: &[Stem], en: &[Stem]) {
        let mut k: Vec<u32> = kk.iter().map(|&s| self.kk.id(s)).collect();
        k.sort_unstable();
        k.dedup();
        let mut e: Vec<u32> = en.iter().map(|&s| self.en.id(s)).collect();
        e.sort_unstable();
        e.dedup();
        self.pairs += 1;
        for &a in &k {
            self.kk.count[a as usize] += 1;
        }
        for &b in &e {
            self.en.count[b as usize] += 1;
        }
        self.lists();
        for &a in &k {
            let list = &mut self.co[a as usize];
            list.pending.extend(e.iter().map(|&b| pack(b, 1)));
            list.compact_if_large();
        }
    }

    /// Every stem pair in `co` lists (see [`Evidence::flat`]), one a Kazakh stem.
    fn lists(&mut self) {
        if !self.flat_end.is_empty() {
            let mut from = 0;
            self.co = self
                .flat_end
                .iter()
                .map(|&end| {
                    let done = self.flat[from..end as usize].to_vec();
                    from = end as usize;
                    CoList {
                        done,
                        pending: Vec::new(),
                    }
                })
                .collect();
            self.flat = Vec::new();
            self.flat_end = Vec::new();
        }
        if self.co.len() < self.kk.stems.len() {
            self.co.resize_with(self.kk.stems.len(), CoList::default);
        }
    }

    /// Kazakh id `a`'s stem pairs: (sorted, ids once) and (any order).
    fn list(&self, a: usize) -> (&[u64], &[u64]) {
        if self.flat_end.is_empty() {
            self.co.get(a).map_or((&[], &[]), |l| (&l.done, &l.pending))
        } else {
            // stems numbered after the batch have no pairs
            let Some(&end) = self.flat_end.get(a) else {
                return (&[], &[]);
            };
            let from = if a == 0 { 0 } else { self.flat_end[a - 1] as usize };
            (&self.flat[from..end as usize], &[])
        }
    }

    /// Room for `kk` more Kazakh and `en` more English stems (a
    /// document's vocabularies bound what its pairs can add).
    pub(crate) fn reserve_stems(&mut self, kk: usize, en: usize) {
        self.kk.reserve(kk);
        self.en.reserve(en);
    }

    /// The id of Kazakh stem `s` (numbered on first sight, as [`Evidence::add_pair`] does).
    pub(crate) fn kk_id(&mut self, s: Stem) -> u32 {
        self.kk.id(s)
    }

    /// The id of English stem `s`.
    pub(crate) fn en_id(&mut self, s: Stem) -> u32 {
        self.en.id(s)
    }

    /// [`Evidence::add_pair`] of a pair given by stem ids (any order,
    /// repeats allowed; `k` and `e` are sorted here), except that its stem
    /// pairs are only noted in `batch`, for [`Evidence::add_batch`].
    pub(crate) fn batch_pair(&mut self, batch: &mut Batch, k: &mut Vec<u32>, e: &mut Vec<u32>) {
        k.sort_unstable();
        k.dedup();
        e.sort_unstable();
        e.dedup();
        self.pairs += 1;
        for &a in k.iter() {
            self.kk.count[a as usize] += 1;
        }
        for &b in e.iter() {
            self.en.count[b as usize] += 1;
        }
        batch.k.extend_from_slice(k);
        batch.k_ends.push(batch.k.len());
        batch.e.extend_from_slice(e);
        batch.e_ends.push(batch.e.len());
    }

    /// Count the stem pairs of the pairs noted in `batch`: per Kazakh stem,
    /// the English stems of the pairs holding it counted in a dense array,
    /// so that a long document's millions of stem pairs are counted, not
    /// pushed and sorted one by one as [`Evidence::add_pair`] does.
    /// With `parallel` (a long document on a parallel aligner), a first
    /// batch's Kazakh stems are counted in ranges on rayon's pool, each
    /// range's lists made on their own and joined in order: the same lists.
    #[cfg_attr(not(feature = "rayon"), allow(unused_variables))]
    pub(crate) fn add_batch(&mut self, batch: Batch, parallel: bool) {
        let nk = self.kk.stems.len();
        // no stem pairs yet: counted into `flat`, one list after the other
        let small = batch.k.len() * 4 < nk + self.en.stems.len();
        let fresh = !small
            && self.flat_end.is_empty()
            && self.co.iter().all(|l| l.done.is_empty() && l.pending.is_empty());
        if !fresh {
            self.lists();
        }
        // a small document's batch in a corpus's evidence: the dense arrays
        // (as long as the corpus's vocabularies) would cost more than the
        // pairs, which are pushed one by one as `add_pair` does
        if small {
            let mut from = (0, 0);
            for (&k_end, &e_end) in batch.k_ends.iter().zip(&batch.e_ends) {
                let e = &batch.e[from.1..e_end];
                for &a in &batch.k[from.0..k_end] {
                    let list = &mut self.co[a as usize];
                    list.pending.extend(e.iter().map(|&b| pack(b, 1)));
                    list.compact_if_large();
                }
                from = (k_end, e_end);
            }
            return;
        }
        let mut flat = Vec::new();
        let mut flat_end = Vec::new();
        // ranges of the lists made on rayon's pool, each into its own vector
        let par = cfg!(feature = "rayon") && fresh && parallel && nk > 0;
        if fresh && !par {
            self.co = Vec::new();
            flat_end.reserve(nk);
            // at most every pair's stems by its English ones
            let mut from = (0, 0);
            let most: usize = (batch.k_ends.iter().zip(&batch.e_ends))
                .map(|(&k, &e)| {
                    let n = (k - from.0) * (e - from.1);
                    from = (k, e);
                    n
                })
                .sum();
            flat.reserve(most);
        }
        // the pairs holding each Kazakh stem (a counting sort of `batch.k`)
        let start = bucket_starts(&batch.k, nk);
        let mut fill = start.clone();
        let mut holding = vec![0u32; batch.k.len()];
        let mut from = 0;
        for (p, &end) in batch.k_ends.iter().enumerate() {
            for &a in &batch.k[from..end] {
                holding[fill[a as usize]] = p as u32;
                fill[a as usize] += 1;
            }
            from = end;
        }
        drop(fill);
        #[cfg(feature = "rayon")]
        if par {
            use rayon::prelude::*;
            // ranges of Kazakh stems holding about as many stem occurrences each
            let parts = 4 * rayon::current_num_threads();
            let mut cuts = vec![0];
            for a in 0..nk {
                if start[a + 1] * parts >= batch.k.len() * cuts.len() && cuts.len() < parts {
                    cuts.push(a + 1);
                }
            }
            if cuts.last() != Some(&nk) {
                cuts.push(nk);
            }
            let ne = self.en.stems.len();
            let pieces: Vec<(Vec<u64>, Vec<u32>)> = cuts
                .par_windows(2)
                .map(|w| {
                    let (mut flat, mut ends) = (Vec::new(), Vec::with_capacity(w[1] - w[0]));
                    let mut count = vec![0u32; ne];
                    let mut touched: Vec<u32> = Vec::new();
                    for a in w[0]..w[1] {
                        co_list(&batch, &holding[start[a]..start[a + 1]], &mut count, &mut touched);
                        flat.extend(
                            touched
                                .iter()
                                .map(|&b| pack(b, std::mem::take(&mut count[b as usize]))),
                        );
                        ends.push(flat.len() as u32);
                        touched.clear();
                    }
                    (flat, ends)
                })
                .collect();
            drop(holding);
            flat.reserve_exact(pieces.iter().map(|p| p.0.len()).sum());
            flat_end.reserve_exact(nk);
            for (f, ends) in pieces {
                let base = flat.len() as u32;
                flat.extend_from_slice(&f);
                flat_end.extend(ends.iter().map(|&e| base + e));
            }
            self.flat = flat;
            self.flat_end = flat_end;
            return;
        }
        let mut count = vec![0u32; self.en.stems.len()];
        let mut touched: Vec<u32> = Vec::new();
        for a in 0..nk {
            let pairs = &holding[start[a]..start[a + 1]];
            if pairs.is_empty() {
                if fresh {
                    flat_end.push(flat.len() as u32);
                }
                continue;
            }
            co_list(&batch, pairs, &mut count, &mut touched);
            let list = touched
                .iter()
                .map(|&b| pack(b, std::mem::take(&mut count[b as usize])));
            if fresh {
                flat.extend(list);
                flat_end.push(flat.len() as u32);
            } else {
                let co = &mut self.co[a];
                if co.done.is_empty() && co.pending.is_empty() {
                    co.done = list.collect();
                } else {
                    co.pending.extend(list);
                    co.compact_if_large();
                }
            }
            touched.clear();
        }
        if fresh {
            self.flat = flat;
            self.flat_end = flat_end;
        }
    }

    /// Fold every pending count into its sorted list.
    pub(crate) fn compact(&mut self) {
        // `flat` lists are compact already
        self.co.iter_mut().for_each(CoList::compact);
    }

    /// Every (Kazakh id << 32 | English id, pairs) count, in key order.
    pub(crate) fn for_each_co(&self, mut f: impl FnMut(u64, u32)) {
        let (mut pending, mut merged) = (Vec::new(), Vec::new());
        for a in 0..self.co.len().max(self.flat_end.len()) {
            let (done, more) = self.list(a);
            let hi = (a as u64) << 32;
            let counts: &[u64] = if more.is_empty() {
                done
            } else {
                pending.clear();
                pending.extend_from_slice(more);
                merge_counts(done, &mut pending, &mut merged);
                &merged
            };
            for &x in counts {
                let (b, n) = unpack(x);
                f(hi | b as u64, n);
            }
        }
    }

    /// The Kazakh and English stems of a `co` key.
    pub(crate) fn stems_of(&self, key: u64) -> (Stem, Stem) {
        (
            self.kk.stems[(key >> 32) as usize],
            self.en.stems[key as u32 as usize],
        )
    }

    /// For a `co` key: the pairs holding its Kazakh stem, and its English stem.
    pub(crate) fn counts_of(&self, key: u64) -> (u32, u32) {
        (
            self.kk.count[(key >> 32) as usize],
            self.en.count[key as u32 as usize],
        )
    }

    /// Count one confident bead's log length ratio.
    pub(crate) fn add_ratio(&mut self, ratio: f32) {
        let bin = (ratio / RATIO_BIN).round().clamp(-524_288.0, 524_288.0) as i32;
        *self.ratios.entry(bin).or_insert(0) += 1;
    }

    /// Count one first-pass bead of `kk` and `en` sentences (at most 4 in
    /// all) with sentence shapes `shapes` (see [`Evidence::beads`]).
    pub(crate) fn add_bead(&mut self, kk: usize, en: usize, shapes: u16) {
        *self.beads.entry((kk as u8, en as u8, shapes)).or_insert(0) += 1;
    }

    /// Beads counted in the length-ratio histogram.
    pub(crate) fn ratio_count(&self) -> usize {
        self.ratios.values().map(|&n| n as usize).sum()
    }

    /// The median log length ratio (the centre of its histogram bin).
    pub(crate) fn median_ratio(&self) -> Option<f32> {
        let n = self.ratio_count();
        if n == 0 {
            return None;
        }
        // the element a sort would put at n / 2
        let mut seen = 0usize;
        for (&bin, &c) in &self.ratios {
            seen += c as usize;
            if seen > n / 2 {
                return Some(bin as f32 * RATIO_BIN);
            }
        }
        None
    }

    /// Add the counts of `other`.
    pub fn merge(&mut self, other: &Evidence) {
        self.pairs += other.pairs;
        let kmap: Vec<u32> = other.kk.stems.iter().map(|&s| self.kk.id(s)).collect();
        let emap: Vec<u32> = other.en.stems.iter().map(|&s| self.en.id(s)).collect();
        for (i, &n) in other.kk.count.iter().enumerate() {
            self.kk.count[kmap[i] as usize] += n;
        }
        for (i, &n) in other.en.count.iter().enumerate() {
            self.en.count[emap[i] as usize] += n;
        }
        self.lists();
        for (a, &to) in kmap.iter().enumerate() {
            let (done, more) = other.list(a);
            if done.is_empty() && more.is_empty() {
                continue;
            }
            let mine = &mut self.co[to as usize];
            let remap = |&x: &u64| {
                let (b, n) = unpack(x);
                pack(emap[b as usize], n)
            };
            mine.pending.extend(done.iter().chain(more).map(remap));
            mine.compact_if_large();
        }
        for (k, n) in &other.ratios {
            *self.ratios.entry(*k).or_insert(0) += n;
        }
        for (k, n) in &other.beads {
            *self.beads.entry(*k).or_insert(0) += n;
        }
    }

    /// The evidence as text: the header line, then `pairs N`, `ratio BIN N`,
    /// `bead KIND SHAPES N`, `kk STEM N`, `en STEM N` and `co KKSTEM ENSTEM N`
    /// lines, each kind sorted, so equal evidence gives equal bytes. A stem
    /// is written as its (at most five, lowercase) letters; a bead's kind as
    /// `2-1`, its shapes as one digit per sentence, Kazakh first (`021`).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        out.push_str(EVIDENCE_HEADER);
        out.push('\n');
        out.push_str(&format!("pairs {}\n", self.pairs));
        for (bin, n) in &self.ratios {
            out.push_str(&format!("ratio {bin} {n}\n"));
        }
        for (&(k, e, x), n) in &self.beads {
            let digits: String = (0..k as usize + e as usize)
                .map(|s| char::from(b'0' + ((x >> (TYPO_BITS * s)) & TYPO_MASK) as u8))
                .collect();
            out.push_str(&format!("bead {k}-{e} {digits} {n}\n"));
        }
        let sorted = |m: &Stems| {
            let mut v: Vec<(String, u32)> = m
                .stems
                .iter()
                .zip(&m.count)
                .map(|(s, n)| (stem_text(*s), *n))
                .collect();
            v.sort();
            v
        };
        for (s, n) in sorted(&self.kk) {
            out.push_str(&format!("kk {s} {n}\n"));
        }
        for (s, n) in sorted(&self.en) {
            out.push_str(&format!("en {s} {n}\n"));
        }
        let mut co: Vec<(String, String, u32)> = Vec::new();
        self.for_each_co(|key, n| {
            let (a, b) = self.stems_of(key);
            co.push((stem_text(a), stem_text(b), n));
        });
        co.sort();
        for (a, b, n) in co {
            out.push_str(&format!("co {a} {b} {n}\n"));
        }
        out
    }

    /// Read evidence written by [`Evidence::to_text`]; `path` names the file in errors.
    pub fn from_text(text: &str, path: &Path) -> Result<Evidence, AlignError> {
        let bad = |line: usize, message: String| AlignError::Evidence {
            path: path.to_path_buf(),
            line,
            message,
        };
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, h)) if h.trim_end() == EVIDENCE_HEADER || h.trim_end() == EVIDENCE_HEADER_1 => {}
            Some((_, h)) if h.starts_with("kazpar-lexicon-evidence ") => {
                return Err(bad(
                    1,
                    format!("unsupported version {h:?}; this kazpar reads {EVIDENCE_HEADER:?}"),
                ));
            }
            _ => {
                return Err(bad(
                    1,
                    format!("not a kazpar evidence file (expected {EVIDENCE_HEADER:?})"),
                ))
            }
        }
        let mut ev = Evidence::default();
        for (i, line) in lines {
            let no = i + 1;
            let f: Vec<&str> = line.split(' ').collect();
            let num = |s: &str| {
                s.parse::<u64>()
                    .map_err(|_| bad(no, format!("{s:?} is not a count")))
            };
            let count = |s: &str| -> Result<u32, AlignError> {
                u32::try_from(num(s)?).map_err(|_| bad(no, format!("{s} is too large")))
            };
            let st = |s: &str| parse_stem(s).ok_or_else(|| bad(no, format!("{s:?} is not a stem")));
            match f.as_slice() {
                [] | [""] => {}
                ["pairs", n] => ev.pairs += num(n)?,
                ["ratio", b, n] => {
                    let b: i32 = b.parse().map_err(|_| bad(no, format!("{b:?} is not a bin")))?;
                    *ev.ratios.entry(b).or_insert(0) += count(n)?;
                }
                ["bead", kind, shapes, n] => {
                    let key = parse_bead(kind, shapes).ok_or_else(|| {
                        bad(no, format!("{kind:?} {shapes:?} is not a bead kind and shapes"))
                    })?;
                    *ev.beads.entry(key).or_insert(0) += count(n)?;
                }
                ["kk", s, n] => {
                    let id = ev.kk.id(st(s)?);
                    ev.kk.count[id as usize] += count(n)?;
                }
                ["en", s, n] => {
                    let id = ev.en.id(st(s)?);
                    ev.en.count[id as usize] += count(n)?;
                }
                ["co", a, b, n] => {
                    let (a, b) = (ev.kk.id(st(a)?), ev.en.id(st(b)?));
                    let n = count(n)?;
                    ev.lists();
                    ev.co[a as usize].pending.push(pack(b, n));
                }
                _ => return Err(bad(no, format!("unexpected line {line:?}"))),
            }
        }
        ev.compact();
        Ok(ev)
    }
}

/// Confident pairs noted by [`Evidence::batch_pair`]: each pair's Kazakh and
/// English stem ids (sorted, without repeats), one flat list per side.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    k: Vec<u32>,
    k_ends: Vec<usize>,
    e: Vec<u32>,
    e_ends: Vec<usize>,
}

/// One Kazakh stem's English stems: (English id, pairs), sorted by id, each
/// id once; and counts not yet folded in, in any order, ids repeated. Both
/// packed by [`pack`], so that sorting by id sorts plain integers.
#[derive(Clone, Debug, Default)]
struct CoList {
    done: Vec<u64>,
    pending: Vec<u64>,
}

/// An (English id, pairs) count as one integer, the id in the high half.
#[inline]
fn pack(b: u32, n: u32) -> u64 {
    (b as u64) << 32 | n as u64
}

/// The (English id, pairs) of [`pack`].
#[inline]
fn unpack(x: u64) -> (u32, u32) {
    ((x >> 32) as u32, x as u32)
}

impl CoList {
    fn compact_if_large(&mut self) {
        if self.pending.len() >= 64.max(self.done.len()) {
            self.compact();
        }
    }

    fn compact(&mut self) {
        if !self.pending.is_empty() {
            let mut out = Vec::new();
            merge_counts(&self.done, &mut self.pending, &mut out);
            self.done = out;
            self.pending = Vec::new();
        }
    }
}

/// `done` (sorted, ids once) with `pending` (any order, ids repeated; sorted
/// here) added, into `out`: sorted, ids once. Sums saturate rather than wrap.
fn merge_counts(done: &[u64], pending: &mut [u64], out: &mut Vec<u64>) {
    // sorted by id (the high half), then count
    pending.sort_unstable();
    // each id's pending counts summed, in place (saturating sums of counts
    // do not depend on their order)
    let mut w = 0;
    for r in 0..pending.len() {
        let x = pending[r];
        if w > 0 && pending[w - 1] >> 32 == x >> 32 {
            let (b, n) = unpack(pending[w - 1]);
            pending[w - 1] = pack(b, n.saturating_add(x as u32));
        } else {
            pending[w] = x;
            w += 1;
        }
    }
    let pending = &pending[..w];
    // then two lists of distinct ids merged
    out.clear();
    out.reserve(done.len() + pending.len());
    let (mut i, mut j) = (0, 0);
    while i < done.len() && j < pending.len() {
        let (x, y) = (done[i], pending[j]);
        match (x >> 32).cmp(&(y >> 32)) {
            std::cmp::Ordering::Less => {
                out.push(x);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(y);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(pack((x >> 32) as u32, (x as u32).saturating_add(y as u32)));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&done[i..]);
    out.extend_from_slice(&pending[j..]);
}

/// [`merge_counts`] as first written, one list element at a time: the
/// reference the tests hold it to.
#[cfg(test)]
fn merge_counts_plain(done: &[u64], pending: &mut [u64], out: &mut Vec<u64>) {
    pending.sort_unstable();
    out.clear();
    let (mut i, mut j) = (0, 0);
    while i < done.len() || j < pending.len() {
        let next = if j == pending.len() || (i < done.len() && done[i] >> 32 <= pending[j] >> 32) {
            i += 1;
            done[i - 1]
        } else {
            j += 1;
            pending[j - 1]
        };
        match out.last_mut() {
            Some(last) if *last >> 32 == next >> 32 => {
                let (b, n) = unpack(*last);
                *last = pack(b, n.saturating_add(next as u32));
            }
            _ => out.push(next),
        }
    }
}

/// One sentence's shape bits in a bead's `shapes`.
const TYPO_MASK: u16 = (1 << TYPO_BITS) - 1;

/// The key of a `bead KIND SHAPES N` line: a kind of 1 to 4 sentences in
/// all, one shape digit per sentence.
fn parse_bead(kind: &str, shapes: &str) -> Option<(u8, u8, u16)> {
    let (k, e) = kind.split_once('-')?;
    let (k, e): (u8, u8) = (k.parse().ok()?, e.parse().ok()?);
    let n = k as usize + e as usize;
    if !(1..=4).contains(&n) || shapes.len() != n {
        return None;
    }
    let mut x = 0u16;
    for (s, d) in shapes.bytes().enumerate() {
        let d = d.checked_sub(b'0')? as u16;
        if d > TYPO_MASK {
            return None;
        }
        x |= d << (TYPO_BITS * s);
    }
    Some((k, e, x))
}

/// A stem's letters.
fn stem_text(s: Stem) -> String {
    crate::lexicon::unstem(s)
        .iter()
        .take_while(|&&c| c != 0)
        .filter_map(|&c| char::from_u32(c))
        .collect()
}

/// The stem of letters written by [`stem_text`].
fn parse_stem(s: &str) -> Option<Stem> {
    let n = s.chars().count();
    if n == 0 || n > 5 || s.chars().any(char::is_whitespace) {
        return None;
    }
    let mut v: Stem = 0;
    for c in s.chars() {
        v = (v << 21) | c as u128;
    }
    Some(v)
}

/// Count into `count` the English stems of batch pairs `pairs`, the stems
/// met listed in `touched`, sorted.
fn co_list(batch: &Batch, pairs: &[u32], count: &mut [u32], touched: &mut Vec<u32>) {
    for &p in pairs {
        let p = p as usize;
        let e_from = if p == 0 { 0 } else { batch.e_ends[p - 1] };
        for &b in &batch.e[e_from..batch.e_ends[p]] {
            if count[b as usize] == 0 {
                touched.push(b);
            }
            count[b as usize] += 1;
        }
    }
    touched.sort_unstable();
}

/// Where each value's bucket starts when `ids` (each below `n`) are laid out
/// by value, a counting sort: `start[v]..start[v + 1]`, `n + 1` entries.
pub(crate) fn bucket_starts(ids: &[u32], n: usize) -> Vec<usize> {
    let mut start = vec![0usize; n + 1];
    for &v in ids {
        start[v as usize + 1] += 1;
    }
    for v in 0..n {
        start[v + 1] += start[v];
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::stem;

    fn ev(pairs: &[(&[&str], &[&str])], ratios: &[f32]) -> Evidence {
        let mut e = Evidence::new();
        for (k, en) in pairs {
            let k: Vec<Stem> = k.iter().map(|w| stem(w)).collect();
            let en: Vec<Stem> = en.iter().map(|w| stem(w)).collect();
            e.add_pair(&k, &en);
        }
        for &r in ratios {
            e.add_ratio(r);
        }
        e
    }

    #[test]
    fn merged_evidence_equals_evidence_counted_at_once() {
        let a: &[(&[&str], &[&str])] = &[(&["жалақы", "өсті"], &["wages", "rose"])];
        let b: &[(&[&str], &[&str])] = &[(&["жалақы", "жалақы"], &["wages"]), (&["ауа"], &["weather"])];
        let mut m = ev(a, &[0.1, -0.2]);
        m.add_bead(2, 1, 0b100);
        let mut o = ev(b, &[0.05]);
        o.add_bead(2, 1, 0b100);
        o.add_bead(1, 1, 0);
        m.merge(&o);
        let all: Vec<_> = a.iter().chain(b).copied().collect();
        let mut one = ev(&all, &[0.1, -0.2, 0.05]);
        one.add_bead(1, 1, 0);
        one.add_bead(2, 1, 0b100);
        one.add_bead(2, 1, 0b100);
        assert_eq!(m, one);
        assert_eq!(m.pairs(), 3);
        // a repeated stem counts once per pair
        let t = m.to_text();
        assert!(t.contains("\nkk жалақ 2\n"), "{t}");
        assert!(t.contains("\nco жалақ wages 2\n"), "{t}");
        // the shapes of a bead's sentences, Kazakh first
        assert!(
            t.contains("\nbead 2-1 001 2\nbead 1-1 00 1\n")
                || t.contains("\nbead 1-1 00 1\nbead 2-1 001 2\n"),
            "{t}"
        );
    }

    #[test]
    fn a_batch_counts_what_pairs_added_one_by_one_count() {
        let pairs: &[(&[&str], &[&str])] = &[
            (&["жалақы", "өсті", "жалақы"], &["wages", "rose"]),
            (&["жалақы", "ауа"], &["wages", "weather", "wages"]),
            (&["райы"], &["weather"]),
        ];
        // on fresh evidence (counted densely), and on evidence that has
        // counted many other stems (pushed pair by pair)
        for before in [0, 40] {
            let mut one = Evidence::new();
            for n in 0..before {
                let (k, e) = ([stem(&format!("каз{n}"))], [stem(&format!("eng{n}"))]);
                one.add_pair(&k, &e);
            }
            let mut batched = one.clone();
            let mut batch = Batch::default();
            for (k, e) in pairs {
                let k: Vec<Stem> = k.iter().map(|w| stem(w)).collect();
                let e: Vec<Stem> = e.iter().map(|w| stem(w)).collect();
                one.add_pair(&k, &e);
                let mut k: Vec<u32> = k.iter().map(|&s| batched.kk_id(s)).collect();
                let mut e: Vec<u32> = e.iter().map(|&s| batched.en_id(s)).collect();
                batched.batch_pair(&mut batch, &mut k, &mut e);
            }
            batched.add_batch(batch, false);
            assert_eq!(batched, one);
            assert!(batched.to_text().contains("\nco жалақ wages 2\n"));
        }
    }

    #[test]
    fn counts_merge_as_one_by_one() {
        // sorted distinct done lists and pending counts in any order, ids
        // repeated, counts near saturation
        let mut next = crate::tests::lcg(11);
        for round in 0..400 {
            let ids = 1 + next(40);
            let big = round % 5 == 0;
            let count = |n: u64| if big { u32::MAX - n as u32 } else { 1 + n as u32 };
            let mut done: Vec<u64> = Vec::new();
            for b in 0..ids {
                if next(3) == 0 {
                    done.push(pack(b as u32, count(next(9))));
                }
            }
            let mut pending: Vec<u64> = Vec::new();
            for _ in 0..next(60) {
                pending.push(pack(next(ids) as u32, count(next(9))));
            }
            let (mut a, mut b) = (pending.clone(), pending);
            let (mut got, mut want) = (Vec::new(), Vec::new());
            merge_counts(&done, &mut a, &mut got);
            merge_counts_plain(&done, &mut b, &mut want);
            assert_eq!(got, want, "round {round}");
        }
    }

    #[cfg(feature = "rayon")]
    #[test]
    fn a_batch_counted_in_parallel_is_the_batch_counted_in_order() {
        // many pairs over few stems (a stem in many pairs), in ranges on a pool of 3
        let mut x = 7u64;
        let mut pairs: Vec<(Vec<String>, Vec<String>)> = Vec::new();
        for _ in 0..400 {
            let mut words = |side: &str, n: u64| -> Vec<String> {
                (0..1 + x % 6)
                    .map(|_| {
                        x = x
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        format!("{side}{}", (x >> 33) % n)
                    })
                    .collect()
            };
            let (k, e) = (words("сөз", 60), words("word", 45));
            pairs.push((k, e));
        }
        let count = |parallel: bool| {
            let mut ev = Evidence::new();
            let mut batch = Batch::default();
            for (k, e) in &pairs {
                let mut k: Vec<u32> = k.iter().map(|w| ev.kk_id(stem(w))).collect();
                let mut e: Vec<u32> = e.iter().map(|w| ev.en_id(stem(w))).collect();
                ev.batch_pair(&mut batch, &mut k, &mut e);
            }
            ev.add_batch(batch, parallel);
            ev
        };
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        let (serial, parallel) = (count(false), pool.install(|| count(true)));
        assert!(!parallel.flat_end.is_empty());
        assert_eq!(parallel.flat, serial.flat);
        assert_eq!(parallel.flat_end, serial.flat_end);
        assert_eq!(parallel, serial);
    }

    #[test]
    fn a_batch_counted_on_fresh_evidence_merges_and_grows_as_any_other() {
        let pairs: &[(&[&str], &[&str])] = &[
            (&["жалақы", "өсті", "жалақы"], &["wages", "rose"]),
            (&["жалақы", "ауа"], &["wages", "weather", "wages"]),
            (&["райы"], &["weather"]),
        ];
        // `pairs` counted as one batch on top of `ev`
        let add_batch_of = |ev: &mut Evidence| {
            let mut batch = Batch::default();
            for (k, e) in pairs {
                let mut k: Vec<u32> = k.iter().map(|w| ev.kk_id(stem(w))).collect();
                let mut e: Vec<u32> = e.iter().map(|w| ev.en_id(stem(w))).collect();
                ev.batch_pair(&mut batch, &mut k, &mut e);
            }
            ev.add_batch(batch, false);
        };
        let batched = || {
            let mut ev = Evidence::new();
            add_batch_of(&mut ev);
            ev
        };
        let one = ev(pairs, &[]);
        assert!(!batched().flat_end.is_empty());
        assert_eq!(batched(), one);
        // merged into nothing, into itself, into other evidence
        let mut m = Evidence::new();
        m.merge(&batched());
        assert_eq!(m, one);
        m.merge(&batched());
        let twice: Vec<_> = pairs.iter().chain(pairs).copied().collect();
        assert_eq!(m, ev(&twice, &[]));
        let more: &[(&[&str], &[&str])] = &[(&["ауа", "жаңа"], &["weather", "new"])];
        let mut m = ev(more, &[]);
        m.merge(&batched());
        let all: Vec<_> = more.iter().chain(pairs).copied().collect();
        assert_eq!(m, ev(&all, &[]));
        // more pairs, one by one and in a batch, on top of its lists
        let mut b = batched();
        b.add_pair(&[stem("ауа"), stem("жаңа")], &[stem("weather"), stem("new")]);
        let all: Vec<_> = pairs.iter().chain(more).copied().collect();
        assert_eq!(b, ev(&all, &[]));
        let mut b = batched();
        b.merge(&batched());
        b.compact();
        assert_eq!(b, ev(&twice, &[]));
        let mut b = batched();
        add_batch_of(&mut b);
        assert_eq!(b, ev(&twice, &[]));
    }

    #[test]
    fn text_round_trips_and_is_deterministic() {
        let e = ev(
            &[
                (&["Жалақы", "өсті"], &["wages", "rose"]),
                (&["ауа", "райы"], &["weather"]),
            ],
            &[0.1, -0.2, 0.1],
        );
        let mut e = e;
        e.add_bead(1, 2, 0b001);
        e.add_bead(0, 1, 0);
        let t = e.to_text();
        assert!(t.starts_with("kazpar-lexicon-evidence 2\npairs 2\n"), "{t}");
        assert!(t.contains("\nbead 0-1 0 1\nbead 1-2 100 1\n"), "{t}");
        assert!(t.contains("\nco жалақ wages 1\n"), "{t}");
        let back = Evidence::from_text(&t, Path::new("x.lex")).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.to_text(), t);
    }

    #[test]
    fn bad_files_name_the_line() {
        let p = Path::new("x.lex");
        let e = Evidence::from_text("hello\n", p).unwrap_err().to_string();
        assert!(
            e.contains("x.lex:1") && e.contains("not a kazpar evidence file"),
            "{e}"
        );
        let e = Evidence::from_text("kazpar-lexicon-evidence 9\n", p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("unsupported version"), "{e}");
        let e = Evidence::from_text("kazpar-lexicon-evidence 1\npairs 2\nkk abcdefg 1\n", p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("x.lex:3") && e.contains("not a stem"), "{e}");
        let e = Evidence::from_text("kazpar-lexicon-evidence 2\nbead 2-1 01 1\n", p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("x.lex:2") && e.contains("not a bead kind"), "{e}");
    }

    #[test]
    fn version_1_files_are_read() {
        let t = "kazpar-lexicon-evidence 1\npairs 1\nkk жалақ 1\nen wages 1\nco жалақ wages 1\n";
        let e = Evidence::from_text(t, Path::new("x.lex")).unwrap();
        assert_eq!(e.pairs(), 1);
        assert!(e.beads.is_empty());
    }

    #[test]
    fn the_median_ratio_comes_from_the_histogram() {
        let e = ev(&[], &[-0.5, 0.1, 0.1, 0.2, 3.0]);
        let m = e.median_ratio().unwrap();
        assert!((m - 0.1).abs() <= RATIO_BIN, "{m}");
        assert_eq!(Evidence::new().median_ratio(), None);
    }
}
