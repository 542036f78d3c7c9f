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
    records_with(kk, en, false)
}

/// Beads made into records at once by one worker for a long document.
const RECORDS_CHUNK: usize = 4096;

/// [`records`]; a long document's in parallel (chunks of beads, in order) when `parallel`.
pub(crate) fn records_with(
    kk: &PreparedDoc,
    en: Option<(&PreparedDoc, &[Bead])>,
    parallel: bool,
) -> Vec<PairRecord> {
    let n = en.map_or(kk.sentences.len(), |(_, b)| b.len());
    if !parallel || n <= RECORDS_CHUNK {
        return some_records(kk, en, 0..n);
    }
    let starts: Vec<usize> = (0..n).step_by(RECORDS_CHUNK).collect();
    let parts = crate::prepare::map_pieces(&starts, true, |&s| {
        some_records(kk, en, s..(s + RECORDS_CHUNK).min(n))
    });
    let mut out = Vec::with_capacity(n);
    parts.into_iter().for_each(|p| out.extend(p));
    out
}

/// The records `range` of [`records`] (Kazakh sentences, or beads).
fn some_records(
    kk: &PreparedDoc,
    en: Option<(&PreparedDoc, &[Bead])>,
    range: std::ops::Range<usize>,
) -> Vec<PairRecord> {
    let id = &kk.id;
    let Some((en, beads)) = en else {
        return range
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
    beads[range.clone()]
        .iter()
        .zip(range)
        .map(|(b, n)| {
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
