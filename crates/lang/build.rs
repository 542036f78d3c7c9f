//! Decode the shipped model (`data/model.bin`) into its lookup tables at
//! compile time, so `kazpar lang` starts with them in its binary instead of
//! building them on every run (about 25 ms for 209k features).

use std::fmt::Write as _;
use std::path::PathBuf;

#[path = "src/table.rs"]
#[allow(dead_code)]
mod table;

fn main() {
    println!("cargo:rerun-if-changed=data/model.bin");
    println!("cargo:rerun-if-changed=src/table.rs");
    let bytes = std::fs::read("data/model.bin").expect("data/model.bin is readable");
    let t = table::decode(&bytes).unwrap_or_else(|e| panic!("data/model.bin: {e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut rs = String::new();
    writeln!(rs, "pub const BITS: u32 = {};", t.bits).unwrap();
    writeln!(rs, "pub const ENTRIES: usize = {};", t.entries).unwrap();
    writeln!(rs, "pub const MAX_ORDER: u32 = {};", t.max_order).unwrap();
    writeln!(rs, "pub const WORDS: bool = {};", t.words).unwrap();
    // cache-line aligned, so a 32-byte slot never straddles two lines
    writeln!(rs, "#[repr(C, align(64))] pub struct Aligned<T: ?Sized>(pub T);").unwrap();
    for (name, file, data) in [("DENSE", "dense.bin", &t.dense), ("SLOTS", "slots.bin", &t.slots)] {
        std::fs::write(out.join(file), data).expect("OUT_DIR is writable");
        let len = data.len();
        writeln!(
            rs,
            "pub static {name}: &Aligned<[u8; {len}]> = &Aligned(*include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\")));"
        )
        .unwrap();
    }
    std::fs::write(out.join("builtin.rs"), rs).expect("OUT_DIR is writable");
}
