//! A small, fast hasher and an n-gram interner.
//!
//! N-grams are never hashed as strings: every distinct n-gram of a segment
//! gets a dense id, built as a chain `(id of its first n-1 items, last item)`.
//! Two n-grams share an id exactly when their items are equal, so counting is
//! exact (no hash collisions can merge n-grams) and counts live in plain vectors.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A multiply-xorshift hasher for integer keys (murmur3's 64-bit finalizer).
#[derive(Default, Clone, Copy)]
pub(crate) struct MixHasher(u64);

impl Hasher for MixHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        let mut k = self.0 ^ i;
        k ^= k >> 33;
        k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
        k ^= k >> 33;
        k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        k ^= k >> 33;
        self.0 = k;
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<MixHasher>>;

/// Start-of-chain markers: character and word n-grams never share ids.
pub(crate) const CHAR_ROOT: u32 = u32::MAX;
pub(crate) const WORD_ROOT: u32 = u32::MAX - 1;

/// Dense ids for n-grams of one segment (its references and hypothesis).
#[derive(Default)]
pub(crate) struct Chains {
    map: FastMap<u64, u32>,
}

impl Chains {
    #[inline]
    fn key(prev: u32, item: u32) -> u64 {
        (u64::from(prev) << 32) | u64::from(item)
    }
    /// The id of `prev` extended by `item`, creating it if new.
    #[inline]
    pub(crate) fn intern(&mut self, prev: u32, item: u32) -> u32 {
        let next = self.map.len() as u32;
        *self.map.entry(Self::key(prev, item)).or_insert(next)
    }
    /// The id of `prev` extended by `item`, if that n-gram was interned.
    #[inline]
    pub(crate) fn get(&self, prev: u32, item: u32) -> Option<u32> {
        self.map.get(&Self::key(prev, item)).copied()
    }
}

/// Dense ids for word strings (borrowed from the segment's texts).
#[derive(Default)]
pub(crate) struct Words<'a> {
    map: FastMap<&'a str, u32>,
}

impl<'a> Words<'a> {
    #[inline]
    pub(crate) fn intern(&mut self, w: &'a str) -> u32 {
        let next = self.map.len() as u32;
        *self.map.entry(w).or_insert(next)
    }
    #[inline]
    pub(crate) fn get(&self, w: &str) -> Option<u32> {
        self.map.get(w).copied()
    }
}

/// Intern every n-gram (orders 1..=max) of `items` under `root`, counting
/// occurrences into `counts` (grown as needed).
pub(crate) fn count_ngrams(chains: &mut Chains, root: u32, items: &[u32], max: usize, counts: &mut Vec<u32>) {
    for i in 0..items.len() {
        let mut prev = root;
        for &it in &items[i..(i + max).min(items.len())] {
            prev = chains.intern(prev, it);
            let id = prev as usize;
            if id >= counts.len() {
                counts.resize(id + 1, 0);
            }
            counts[id] += 1;
        }
    }
}

/// Ids of the n-grams of `items` already known to `chains`, per order
/// (`out[n-1]`); unknown n-grams (and their extensions) are left out.
pub(crate) fn known_ngrams(
    chains: &Chains,
    root: u32,
    items: &[Option<u32>],
    max: usize,
    out: &mut [Vec<u32>],
) {
    for v in out.iter_mut() {
        v.clear();
    }
    for i in 0..items.len() {
        let mut prev = root;
        for (n, it) in items[i..(i + max).min(items.len())].iter().enumerate() {
            let Some(it) = *it else { break };
            match chains.get(prev, it) {
                Some(id) => {
                    out[n].push(id);
                    prev = id;
                }
                None => break,
            }
        }
    }
}

/// Σ min(hyp count, ref count) over the hypothesis n-gram ids `hyp`.
/// `scratch` must have the length of `ref_counts`; it is left dirty.
#[inline]
pub(crate) fn clipped_matches(hyp: &[u32], ref_counts: &[u32], scratch: &mut Vec<u32>) -> u64 {
    scratch.clear();
    scratch.extend_from_slice(ref_counts);
    clip_into(hyp, scratch)
}

/// Σ min(hyp count, remaining ref count) over the hypothesis n-gram ids
/// `hyp`, consuming `remaining` (a copy of the reference counts).
#[inline]
pub(crate) fn clip_into(hyp: &[u32], remaining: &mut [u32]) -> u64 {
    let mut m = 0u64;
    for &id in hyp {
        if let Some(c) = remaining.get_mut(id as usize) {
            if *c > 0 {
                *c -= 1;
                m += 1;
            }
        }
    }
    m
}

/// Dense ids for words held as byte spans of one buffer: an open-addressing
/// table reused from segment to segment (no allocation once warm).
#[derive(Default)]
pub(crate) struct SpanWords {
    slots: Vec<u32>,
    spans: Vec<(u32, u32)>,
}

const EMPTY: u32 = u32::MAX;

#[inline]
fn hash_bytes(w: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = w.len() as u64;
    let mut chunks = w.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

impl SpanWords {
    /// Forget every word; room for at least `max_words` distinct words.
    pub(crate) fn reset(&mut self, max_words: usize) {
        let cap = (2 * max_words + 2).next_power_of_two().max(16);
        self.slots.clear();
        self.slots.resize(cap, EMPTY);
        self.spans.clear();
    }

    #[inline]
    fn find(&self, buf: &[u8], w: &[u8]) -> (usize, Option<u32>) {
        let mask = self.slots.len() - 1;
        let mut i = hash_bytes(w) as usize & mask;
        loop {
            let id = self.slots[i];
            if id == EMPTY {
                return (i, None);
            }
            let (a, b) = self.spans[id as usize];
            if &buf[a as usize..b as usize] == w {
                return (i, Some(id));
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of `buf[start..end]`, creating it if new.
    #[inline]
    pub(crate) fn intern(&mut self, buf: &[u8], start: usize, end: usize) -> u32 {
        if 2 * (self.spans.len() + 1) > self.slots.len() {
            self.grow(buf);
        }
        match self.find(buf, &buf[start..end]) {
            (_, Some(id)) => id,
            (slot, None) => {
                let id = self.spans.len() as u32;
                self.spans.push((start as u32, end as u32));
                self.slots[slot] = id;
                id
            }
        }
    }

    /// The id of `buf[start..end]`, if interned.
    #[inline]
    pub(crate) fn get(&self, buf: &[u8], start: usize, end: usize) -> Option<u32> {
        self.find(buf, &buf[start..end]).1
    }

    fn grow(&mut self, buf: &[u8]) {
        let cap = (self.slots.len() * 2).max(16);
        self.slots.clear();
        self.slots.resize(cap, EMPTY);
        let mask = cap - 1;
        for (id, &(a, b)) in self.spans.iter().enumerate() {
            let mut i = hash_bytes(&buf[a as usize..b as usize]) as usize & mask;
            while self.slots[i] != EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = id as u32;
        }
    }
}

/// Is `b` an ASCII byte Python's `str.split()` treats as whitespace?
#[inline]
pub(crate) fn is_py_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r' | 0x1c..=0x1f)
}

/// Byte spans of the Python-whitespace-separated words of `buf[from..]`,
/// appended to `out` (absolute offsets). `buf[from..]` must be UTF-8.
pub(crate) fn split_spans(buf: &[u8], from: usize, out: &mut Vec<(usize, usize)>) {
    let part = &buf[from..];
    if part.is_ascii() {
        let mut start = None;
        for (i, &b) in part.iter().enumerate() {
            if is_py_ascii_space(b) {
                if let Some(s) = start.take() {
                    out.push((from + s, from + i));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            out.push((from + s, from + part.len()));
        }
    } else if let Ok(s) = std::str::from_utf8(part) {
        let base = s.as_ptr() as usize;
        for w in crate::text::py_split(s) {
            let off = w.as_ptr() as usize - base;
            out.push((from + off, from + off + w.len()));
        }
    }
}

impl Chains {
    /// Forget every n-gram, keeping the table's memory.
    pub(crate) fn clear(&mut self) {
        self.map.clear();
    }
}
