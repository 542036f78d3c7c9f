//! Pair records of one document.

use kazpar_align::Bead;
use kazpar_corpus::PairRecord;

use crate::PreparedDoc;

/// The records of one document: each bead of `en`'s alignment with the
/// Kazakh document `kk`, or, with no English document, one `1-0` record per
/// Kazakh sentence (to translate, no score). Ids are `<doc>-<n>`, `n` the
/// position in the document; scores are the beads' (rounded to 4 decimals by
/// the aligner).
pub fn records(kk: &PreparedDoc, en: Option<(&PreparedDoc, &[Bead])>) -> Vec<PairRecord> {
    let id = &kk.id;
    let Some((en, beads)) = en else {
        return (0..kk.sentences.len())
            .map(|i| PairRecord {
                id: PairRecord::make_id(id, i),
                doc: id.clone(),
                date: kk.date.clone(),
                kk: Some(kk.sentences[i].text.clone()),
                en: None,
                kind: "1-0".into(),
                score: None,
                kk_idx: vec![i],
                en_idx: vec![],
                kk_spans: vec![kk.sentences[i].span],
                en_spans: vec![],
                kk_lang: kk.foreign_lang(&[i]),
                en_lang: None,
            })
            .collect();
    };
    beads
        .iter()
        .enumerate()
        .map(|(n, b)| {
            let ki: Vec<usize> = b.kk.clone().collect();
            let ei: Vec<usize> = b.en.clone().collect();
            let (kk_lang, en_lang) = (kk.foreign_lang(&ki), en.foreign_lang(&ei));
            PairRecord {
                id: PairRecord::make_id(id, n),
                doc: id.clone(),
                date: kk.date.clone(),
                kk: kk.join(&ki),
                en: en.join(&ei),
                kind: b.kind(),
                score: Some(b.score),
                kk_spans: kk.spans(&ki),
                en_spans: en.spans(&ei),
                kk_idx: ki,
                en_idx: ei,
                kk_lang,
                en_lang,
            }
        })
        .collect()
}
