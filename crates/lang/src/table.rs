//! The model file decoded into the lookup table: shared by the library and
//! `build.rs` (which decodes the shipped model at compile time, so a run
//! starts with its table ready), hence no paths into the crate here.
//!
//! Features of orders 1 and 2 (keys below [`DENSE`]: 7-bit symbols) are
//! looked up directly in `dense`, 16 costs per key (15 languages and a
//! zero; all zero for a feature not in the model). The others are in an
//! open-addressing table with linear probing, load at most 1/2, whose
//! 32-byte slots hold a little-endian `u64` key (0: empty), its 16 costs and
//! 8 bytes of padding, so a probe touches one cache line.

/// Number of languages the classifier chooses from.
pub const NLANGS: usize = 15;
/// The magic at the start of a model file.
pub const MAGIC: &[u8] = b"KZLID3\n";
/// The longest n-gram that packs into a key (8 symbols of 7 bits).
pub const MAX_ORDER: u32 = 8;
/// Orders with their own counts and weight: whole words (0) and n-grams 1–8.
pub const ORDERS: usize = MAX_ORDER as usize + 1;
/// Whole-word keys have this bit set; n-gram keys are below 2^56.
pub const WORD_BIT: u64 = 1 << 63;
/// Costs are stored in steps of 1/`SCALE` nat.
pub const SCALE: f64 = 8.0;

/// The order of a key: 1–8 for an n-gram, 0 for a whole word.
pub fn order(key: u64) -> usize {
    if key & WORD_BIT != 0 {
        0
    } else {
        (64 - key.leading_zeros()).div_ceil(7) as usize
    }
}

/// The first slot to probe for a key in a table of 2^(64 - shift) slots.
#[inline]
pub fn slot(key: u64, shift: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

/// Keys below this (orders 1 and 2) index `dense` directly.
pub const DENSE: u64 = 1 << 14;
/// Bytes of a hash-table slot: key, 16 costs, padding.
pub const SLOT: usize = 32;

/// A decoded model: the table bytes and what the features are.
pub struct Table {
    /// 16 cost bytes for each key below [`DENSE`].
    pub dense: Vec<u8>,
    /// [`SLOT`] bytes per slot of the hash table.
    pub slots: Vec<u8>,
    /// log2 of the slot count.
    pub bits: u32,
    /// Features in the table.
    pub entries: usize,
    /// Highest n-gram order.
    pub max_order: u32,
    /// Whole words are features.
    pub words: bool,
}

/// A little reader over model bytes that names what was cut short.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize, what: &str) -> Result<&[u8], String> {
        let end = self.pos.checked_add(n).filter(|e| *e <= self.bytes.len());
        let end = end.ok_or_else(|| format!("truncated at {what} (byte {})", self.pos))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self, what: &str) -> Result<u8, String> {
        Ok(self.take(1, what)?[0])
    }
    fn u64(&mut self, what: &str) -> Result<u64, String> {
        Ok(u64::from_le_bytes(
            self.take(8, what)?.try_into().expect("8 bytes"),
        ))
    }
    fn f64(&mut self, what: &str) -> Result<f64, String> {
        Ok(f64::from_le_bytes(
            self.take(8, what)?.try_into().expect("8 bytes"),
        ))
    }
    fn leb128(&mut self, what: &str) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8(what)?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("{what}: number too long (byte {})", self.pos))
    }
}

/// Decode a model file (see the `model` module for the format) into a table.
pub fn decode(bytes: &[u8]) -> Result<Table, String> {
    let bad = |why: String| why;
    let rest = bytes
        .strip_prefix(MAGIC)
        .ok_or_else(|| bad("no KZLID3 header".into()))?;
    let mut r = Reader { bytes: rest, pos: 0 };
    let max_order = r.u8("header")? as u32;
    let words = r.u8("header")?;
    if !(1..=MAX_ORDER).contains(&max_order) || words > 1 {
        return Err(bad("impossible feature settings".into()));
    }
    let alpha = r.f64("alpha")?;
    if !(alpha > 0.0 && alpha.is_finite()) {
        return Err(bad(format!("impossible alpha {alpha}")));
    }
    let mut weights = [0f64; ORDERS];
    for w in &mut weights {
        *w = r.f64("weights")?;
        if !(w.is_finite() && *w >= 0.0) {
            return Err(bad(format!("impossible weight {w}")));
        }
    }
    // per order and language: ln(N + αV), the smoothed denominator
    let mut base = [[0f64; NLANGS]; ORDERS];
    for b in &mut base {
        let distinct = r.u64("totals")? as f64;
        for x in b.iter_mut() {
            *x = (r.u64("totals")? as f64 + alpha * distinct).ln();
        }
    }
    let n = u32::from_le_bytes(r.take(4, "entry count")?.try_into().expect("4 bytes")) as usize;
    if n > bytes.len() {
        return Err(bad(format!("{n} entries cannot fit in {} bytes", bytes.len())));
    }
    let ln_small: Vec<f64> = (0..64).map(|c| (c as f64 + alpha).ln()).collect();
    let ln = |c: u64| {
        ln_small
            .get(c as usize)
            .copied()
            .unwrap_or_else(|| (c as f64 + alpha).ln())
    };
    let mut dense = vec![0u8; 16 * DENSE as usize];
    let mut hashed: Vec<(u64, [u8; 16])> = Vec::with_capacity(n);
    let mut key = 0u64;
    for e in 0..n {
        let delta = r.leb128("key")?;
        key = key
            .checked_add(delta)
            .filter(|k| *k != 0 && (e == 0 || delta > 0))
            .ok_or_else(|| bad(format!("entry {e}: keys not ascending")))?;
        let o = order(key);
        if o as u32 > max_order || (o == 0 && words == 0) {
            return Err(bad(format!("entry {e}: impossible key {key:#x}")));
        }
        let w = weights[o];
        let mut cost = [0f64; NLANGS];
        for (c, b) in cost.iter_mut().zip(&base[o]) {
            *c = b - ln_small[0];
        }
        for _ in 0..r.u8("languages")? {
            let l = r.u8("language")? as usize;
            let count = r.leb128("count")?;
            if l >= NLANGS || count == 0 {
                return Err(bad(format!("entry {e}: impossible count")));
            }
            cost[l] = base[o][l] - ln(count);
        }
        let min = cost.iter().copied().fold(f64::INFINITY, f64::min);
        let mut row = [0u8; 16];
        for (q, c) in row.iter_mut().zip(cost) {
            *q = ((c - min) * w * SCALE).round().min(255.0) as u8;
        }
        if key < DENSE {
            dense[16 * key as usize..16 * key as usize + 16].copy_from_slice(&row);
        } else {
            hashed.push((key, row));
        }
    }
    let bits = (2 * hashed.len().max(1))
        .next_power_of_two()
        .trailing_zeros()
        .max(4);
    let shift = 64 - bits;
    let mut slots = vec![0u8; SLOT << bits];
    let mask = (1usize << bits) - 1;
    for (key, row) in hashed {
        let mut i = slot(key, shift);
        while slots[SLOT * i..SLOT * i + 8] != [0; 8] {
            i = (i + 1) & mask;
        }
        slots[SLOT * i..SLOT * i + 8].copy_from_slice(&key.to_le_bytes());
        slots[SLOT * i + 8..SLOT * i + 24].copy_from_slice(&row);
    }
    if r.pos != rest.len() {
        return Err(bad(format!("{} bytes after the last entry", rest.len() - r.pos)));
    }
    Ok(Table {
        dense,
        slots,
        bits,
        entries: n,
        max_order,
        words: words == 1,
    })
}
