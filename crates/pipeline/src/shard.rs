//! Sharding: which of N jobs builds a document.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The shard (`1..=n`) a document id belongs to: FNV-1a of its UTF-8 bytes,
/// modulo `n`, plus one. It depends on nothing but the id, so adding
/// documents never moves the others.
pub fn shard_of(id: &str, n: u64) -> u64 {
    let h = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    });
    h % n + 1
}

/// Shard `index` of `count` (1-based), written `I/N`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Shard {
    index: u64,
    count: u64,
}

impl Shard {
    /// Shard `index` of `count`; `None` unless `1 <= index <= count`.
    pub fn new(index: u64, count: u64) -> Option<Self> {
        (index >= 1 && index <= count).then_some(Shard { index, count })
    }

    /// The 1-based index.
    pub fn index(self) -> u64 {
        self.index
    }

    /// The number of shards.
    pub fn count(self) -> u64 {
        self.count
    }

    /// Does the document `id` belong to this shard?
    pub fn holds(self, id: &str) -> bool {
        shard_of(id, self.count) == self.index
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("{s:?}: expected I/N with 1 <= I <= N, e.g. 3/8");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let i: u64 = i.trim().parse().map_err(|_| bad())?;
        let n: u64 = n.trim().parse().map_err(|_| bad())?;
        Shard::new(i, n).ok_or_else(bad)
    }
}

impl TryFrom<String> for Shard {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl From<Shard> for String {
    fn from(s: Shard) -> String {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_cover_every_id_once() {
        assert_eq!("3/8".parse::<Shard>().unwrap(), Shard::new(3, 8).unwrap());
        for bad in ["0/8", "9/8", "3", "a/b", "3/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
        for id in ["a", "001_economy", "жаңалық"] {
            let n = (1..=5).filter(|&i| Shard::new(i, 5).unwrap().holds(id)).count();
            assert_eq!(n, 1, "{id}");
        }
        // FNV-1a's offset basis: the empty id is shard basis % n + 1
        assert_eq!(shard_of("", 7), 0xcbf2_9ce4_8422_2325u64 % 7 + 1);
    }
}
