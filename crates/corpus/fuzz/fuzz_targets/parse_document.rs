#![no_main]
//! `Document::parse` must never panic, and what it returns must hold its invariants.

use kazpar_corpus::{Document, Lang};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = Document::parse("f", Lang::Kk, "f.txt".into(), data.to_vec()) {
        let mut last = 0;
        for p in &doc.paragraphs {
            assert!(p.range.start >= last && p.range.end <= doc.source.len());
            assert!(doc.source.is_char_boundary(p.range.start) && doc.source.is_char_boundary(p.range.end));
            let t = doc.slice(&p.range);
            assert!(!t.is_empty() && t.trim() == t);
            last = p.range.end;
        }
    }
});
