#![no_main]
//! The normalizer never panics, is idempotent, keeps lines, and maps back inside the input.

use kazpar_text::{Lang, Normalizer, Punct};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    for lang in [Lang::Kk, Lang::En, Lang::Auto] {
        for punct in [Punct::Keep, Punct::Ascii] {
            let nz = Normalizer::new(lang).punct(punct);
            let n = nz.normalize(s);
            let again = nz.normalize(n.text());
            assert_eq!(again.text(), n.text());
            let r = n.original_range(0..n.text().len());
            assert!(r.end <= s.len() && s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
        }
    }
});
