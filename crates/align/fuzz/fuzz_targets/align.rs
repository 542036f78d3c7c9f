#![no_main]
//! Beads cover every sentence once, in order, whatever the texts.

use kazpar_align::{Aligner, DocPair};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(t) = std::str::from_utf8(data) else { return };
    let (a, b) = t.split_once('\u{0}').unwrap_or((t, ""));
    let kk: Vec<&str> = a.split('\n').collect();
    let en: Vec<&str> = b.split('\n').collect();
    // twice, as a corpus: the second pass runs with a table learned from the first
    let doc = DocPair::from_texts(&kk, &en);
    let all = Aligner::default().align_corpus(&[doc.clone(), doc]);
    assert_eq!(all[0], all[1]);
    let beads = &all[0];
    let (mut i, mut j) = (0, 0);
    for bead in beads {
        assert_eq!((bead.kk.start, bead.en.start), (i, j));
        assert!((0.0..=1.0).contains(&bead.score));
        i = bead.kk.end;
        j = bead.en.end;
    }
    assert_eq!((i, j), (kk.len(), en.len()));
});
