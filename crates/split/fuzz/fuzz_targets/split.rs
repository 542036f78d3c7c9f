#![no_main]
//! Sentence spans tile the text: in order, trimmed, only whitespace between them.

use kazpar_split::{Lang, Splitter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(t) = std::str::from_utf8(data) else { return };
    for lang in [Lang::Kk, Lang::En] {
        let mut last = 0;
        for r in Splitter::new(lang).split(t) {
            assert!(r.start >= last && r.start < r.end && r.end <= t.len());
            assert!(t[last..r.start].chars().all(char::is_whitespace));
            last = r.end;
        }
        assert!(t[last..].chars().all(char::is_whitespace));
    }
});
