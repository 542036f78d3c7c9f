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
    let mut m = 0u64;
    for &id in hyp {
        if let Some(c) = scratch.get_mut(id as usize) {
            if *c > 0 {
                *c -= 1;
                m += 1;
            }
        }
    }
    m
}
