//! A compact binary form of a [`ReadDoc`], so that a caller streaming a
//! corpus through the two passes can keep the first pass's readings on disk
//! instead of reading every document again. It is not a file format: the
//! same build of kazpar writes and reads it within one run. Decoding checks
//! every count and index against what it was read with, so bytes that are
//! not an encoding give `None`, never a panic.

use crate::features::Feats;
use crate::{Flat, HashMap, Layout, Raws, ReadDoc, SideRead, Vocab};

/// Little-endian writes into a byte vector.
struct Out<'a>(&'a mut Vec<u8>);

impl Out<'_> {
    fn u8(&mut self, x: u8) {
        self.0.push(x);
    }
    fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn u64(&mut self, x: u64) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    /// A count or an index.
    fn len(&mut self, x: usize) {
        self.u64(x as u64);
    }
    fn list<T>(&mut self, xs: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.len(xs.len());
        for x in xs {
            each(self, x);
        }
    }
}

/// Little-endian reads from a byte slice; `None` past its end.
struct In<'a>(&'a [u8]);

impl In<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }
    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }
    /// A list of items of at least `min` bytes each: a count larger than
    /// the bytes left could hold is refused before anything is allocated.
    fn list<T>(&mut self, min: usize, mut each: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.len()?;
        if n > self.0.len() / min.max(1) {
            return None;
        }
        (0..n).map(|_| each(self)).collect()
    }
}

fn put_feats(o: &mut Out, f: &Feats) {
    o.u32(f.len.to_bits());
    o.list(&f.nums, |o, &x| o.u64(x));
    o.list(&f.names, |o, &x| o.u32(x));
    o.list(&f.cogs, |o, &x| o.u64(x));
    o.u8(f.question as u8 | (f.exclaim as u8) << 1);
    o.u8(f.marks);
    o.u8(f.typo);
}

fn get_feats(i: &mut In) -> Option<Feats> {
    let len = f32::from_bits(i.u32()?);
    let nums = i.list(8, In::u64)?.into_boxed_slice();
    let names = i.list(4, In::u32)?.into_boxed_slice();
    let cogs = i.list(8, In::u64)?.into_boxed_slice();
    let flags = i.u8()?;
    Some(Feats {
        len,
        nums,
        names,
        cogs,
        question: flags & 1 != 0,
        exclaim: flags & 2 != 0,
        marks: i.u8()?,
        typo: i.u8()?,
    })
}

fn put_flat(o: &mut Out, f: &Flat) {
    o.list(&f.ids, |o, &x| o.u32(x));
    o.list(&f.ends, |o, &x| o.len(x));
}

/// A [`Flat`] of `lists` lists (their ids are checked by the caller).
fn get_flat(i: &mut In, lists: usize) -> Option<Flat> {
    let ids = i.list(4, In::u32)?;
    let ends = i.list(8, In::len)?;
    let ordered = ends.windows(2).all(|w| w[0] <= w[1]);
    let whole = ends.last().map_or(ids.is_empty(), |&e| e == ids.len());
    (ends.len() == lists && ordered && whole).then_some(Flat { ids, ends })
}

fn put_stems(o: &mut Out, v: &Vocab) {
    o.list(&v.stems, |o, &s| {
        o.u64(s as u64);
        o.u64((s >> 64) as u64);
    });
}

/// A vocabulary's stems, and with `index` its stem → id index built again.
fn get_stems(i: &mut In, index: bool) -> Option<Vocab> {
    let stems = i.list(16, |i| Some(i.u64()? as u128 | (i.u64()? as u128) << 64))?;
    let index = if index {
        stems.iter().enumerate().map(|(n, &s)| (s, n as u32)).collect()
    } else {
        HashMap::default()
    };
    Some(Vocab { stems, index })
}

impl ReadDoc {
    /// Append this reading's compact binary form to `out` ([`ReadDoc::decode`]
    /// gives it back).
    pub fn encode(&self, out: &mut Vec<u8>) {
        let r = &self.0;
        let o = &mut Out(out);
        o.list(&r.kk, put_feats);
        o.list(&r.en, put_feats);
        put_flat(o, &r.kk_stems);
        put_stems(o, &r.kk_vocab);
        put_flat(o, &r.en_stems);
        put_stems(o, &r.en_vocab);
        o.list(&r.anchors, |o, &a| o.0.extend_from_slice(&a.to_le_bytes()));
        o.u8(r.long as u8);
        o.list(&r.kk_para, |o, &p| o.len(p));
        o.list(&r.en_para, |o, &p| o.len(p));
    }

    /// A reading from bytes [`ReadDoc::encode`] wrote (with nothing after
    /// them); `None` for any other bytes.
    pub fn decode(bytes: &[u8]) -> Option<ReadDoc> {
        let i = &mut In(bytes);
        let kk = i.list(31, get_feats)?;
        let en = i.list(31, get_feats)?;
        let kk_stems = get_flat(i, kk.len())?;
        let kk_vocab = get_stems(i, false)?;
        let en_stems = get_flat(i, en.len())?;
        let en_vocab = get_stems(i, true)?;
        let below = |f: &Flat, n: usize| f.ids.iter().all(|&x| (x as usize) < n);
        if !below(&kk_stems, kk_vocab.stems.len()) || !below(&en_stems, en_vocab.stems.len()) {
            return None;
        }
        let layout = Layout::new(kk.len(), en.len());
        let anchors = i.list(2, |i| i.take().map(u16::from_le_bytes))?;
        let flags = i.u8()?;
        let kk_para = i.list(8, In::len)?;
        let en_para = i.list(8, In::len)?;
        if anchors.len() != layout.cells()
            || kk_para.len() != kk.len()
            || en_para.len() != en.len()
            || !i.0.is_empty()
        {
            return None;
        }
        let kk = SideRead {
            feats: kk,
            stems: kk_stems,
            vocab: kk_vocab,
            para: kk_para,
        };
        let en = SideRead {
            feats: en,
            stems: en_stems,
            vocab: en_vocab,
            para: en_para,
        };
        Some(ReadDoc(Raws::new(kk, en, anchors, layout, flags & 1 != 0)))
    }
}
