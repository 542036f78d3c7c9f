//! Publishing a dataset: filter, deduplicate, split by document, write with checksums.

use std::collections::HashSet;
use std::path::Path;

use kazpar_corpus::PairRecord;
use sha2::{Digest, Sha256};

use crate::moses::atomic;
use crate::{write_hf, ExportError};

/// Settings of [`publish`].
#[derive(Clone, Debug)]
pub struct PublishOptions {
    /// Drop aligned pairs scoring below this (pairs without a score, such as human translations, are kept).
    pub min_score: f64,
    /// Drop pairs whose longer side has more than this many times the characters of the shorter.
    pub max_len_ratio: f64,
    /// Share of documents in the validation split.
    pub dev: f64,
    /// Share of documents in the test split.
    pub test: f64,
    /// Seed of the document split.
    pub seed: u64,
    /// Keep pairs whose Kazakh or English side the language check found to be
    /// in another language (`kk_lang`, `en_lang`); dropped by default.
    pub keep_other_languages: bool,
}

impl Default for PublishOptions {
    fn default() -> Self {
        PublishOptions {
            min_score: 0.3,
            max_len_ratio: 3.0,
            dev: 0.05,
            test: 0.05,
            seed: 42,
            keep_other_languages: false,
        }
    }
}

/// What [`publish`] kept and dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublishReport {
    /// Records read.
    pub input: usize,
    /// Dropped: a side is missing.
    pub one_sided: usize,
    /// Dropped: a side in another language (Russian on the Kazakh side, …).
    pub other_language: usize,
    /// Dropped: score below the minimum.
    pub low_score: usize,
    /// Dropped: length ratio above the maximum.
    pub length_ratio: usize,
    /// Dropped: the same (kk, en) texts as an earlier pair.
    pub exact_duplicates: usize,
    /// Dropped: the same texts as an earlier pair once case, punctuation and spacing are ignored.
    pub near_duplicates: usize,
    /// Pairs per split: train, validation, test.
    pub splits: [(String, usize, usize); 3],
}

fn sha(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize().into()
}

/// Text with case, punctuation and spacing removed: the key of near-duplicates.
fn loose(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which split a document goes to: a seeded hash of its id, so the choice is
/// deterministic, independent of other documents, and one document never
/// lands in two splits.
fn split_of(doc: &str, opts: &PublishOptions) -> usize {
    let h = sha(&[&opts.seed.to_le_bytes(), doc.as_bytes()]);
    let u = u64::from_le_bytes(h[..8].try_into().expect("8 bytes")) as f64 / 2f64.powi(64);
    if u < opts.test {
        2
    } else if u < opts.test + opts.dev {
        1
    } else {
        0
    }
}

/// Filter, deduplicate and split `records`, then write a Hugging Face dataset
/// folder into `dir` (see [`write_hf`]) and `dir/SHA256SUMS` over every file written.
pub fn publish(
    records: &[PairRecord],
    dir: &Path,
    opts: &PublishOptions,
) -> Result<PublishReport, ExportError> {
    let mut rep = PublishReport {
        input: records.len(),
        ..Default::default()
    };
    let mut exact = HashSet::new();
    let mut near = HashSet::new();
    let mut splits: [Vec<&PairRecord>; 3] = [vec![], vec![], vec![]];
    for r in records {
        let (Some(kk), Some(en)) = (&r.kk, &r.en) else {
            rep.one_sided += 1;
            continue;
        };
        if !opts.keep_other_languages && (r.kk_lang.is_some() || r.en_lang.is_some()) {
            rep.other_language += 1;
            continue;
        }
        if r.score.is_some_and(|s| s < opts.min_score) {
            rep.low_score += 1;
            continue;
        }
        let (a, b) = (kk.chars().count() as f64, en.chars().count() as f64);
        if a.max(b) > opts.max_len_ratio * a.min(b).max(1.0) {
            rep.length_ratio += 1;
            continue;
        }
        if !exact.insert(sha(&[kk.as_bytes(), en.as_bytes()])) {
            rep.exact_duplicates += 1;
            continue;
        }
        if !near.insert(sha(&[loose(kk).as_bytes(), loose(en).as_bytes()])) {
            rep.near_duplicates += 1;
            continue;
        }
        splits[split_of(&r.doc, opts)].push(r);
    }
    let names = ["train", "validation", "test"];
    for (i, s) in splits.iter().enumerate() {
        let docs: HashSet<&str> = s.iter().map(|r| r.doc.as_str()).collect();
        rep.splits[i] = (names[i].to_string(), s.len(), docs.len());
    }
    let extra = format!(
        "## How it was made\n\n`kazpar publish` read {} pairs and dropped {} with a missing side, {} with a side in another language \
         (found by kazpar's language check), {} scoring below {}, \
         {} with a length ratio above {}, {} exact and {} near duplicates (same text ignoring case, punctuation and spacing). \
         Documents were assigned to splits by a seeded hash of their id (seed {}, validation {:.0}%, test {:.0}% of documents), \
         so no document is in two splits. `SHA256SUMS` lists the checksum of every file.\n",
        rep.input,
        rep.one_sided,
        rep.other_language,
        rep.low_score,
        opts.min_score,
        rep.length_ratio,
        opts.max_len_ratio,
        rep.exact_duplicates,
        rep.near_duplicates,
        opts.seed,
        opts.dev * 100.0,
        opts.test * 100.0
    );
    let named: Vec<(&str, Vec<&PairRecord>)> = names.iter().zip(splits).map(|(n, s)| (*n, s)).collect();
    write_hf(&named, dir, &extra)?;
    let mut sums = String::new();
    let files = std::iter::once("README.md".to_string()).chain(
        rep.splits
            .iter()
            .filter(|s| s.1 > 0)
            .flat_map(|s| [format!("data/{}.jsonl", s.0), format!("data/{}.parquet", s.0)]),
    );
    for rel in files {
        let path = dir.join(&rel);
        let bytes = std::fs::read(&path).map_err(|source| ExportError::Io { path, source })?;
        sums.push_str(&format!("{}  {rel}\n", kazpar_corpus::sha256_hex(&bytes)));
    }
    atomic(&dir.join("SHA256SUMS"), |w| w.write_all(sums.as_bytes()))?;
    Ok(rep)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(doc: &str, n: usize, kk: &str, en: Option<&str>, score: Option<f64>) -> PairRecord {
        PairRecord {
            id: PairRecord::make_id(doc, n),
            doc: doc.into(),
            date: None,
            kk: Some(kk.into()),
            en: en.map(Into::into),
            kind: "1-1".into(),
            score,
            kk_idx: vec![n],
            en_idx: vec![n],
            kk_spans: vec![],
            en_spans: vec![],
            kk_lang: None,
            en_lang: None,
        }
    }

    #[test]
    fn filters_dedups_and_splits_by_document() {
        let mut recs = vec![
            rec("a", 0, "Бір екі үш.", Some("One two three."), Some(0.9)),
            rec("a", 1, "Бір екі үш.", Some("One two three."), Some(0.9)), // exact duplicate
            rec("b", 0, "бір, екі үш", Some("One, two three"), Some(0.9)), // near duplicate
            rec("b", 1, "Төрт.", Some("Four."), Some(0.1)),                // low score
            rec("b", 2, "Бес.", None, None),                               // one-sided
            rec(
                "c",
                0,
                "Алты.",
                Some("Six and a very long English tail here."),
                Some(0.9),
            ), // ratio
        ];
        for i in 0..200 {
            recs.push(rec(
                &format!("d{i}"),
                0,
                &format!("Сөйлем {i}."),
                Some(&format!("Sentence {i}.")),
                None,
            ));
        }
        let dir = tempfile_dir();
        let rep = publish(&recs, &dir, &PublishOptions::default()).unwrap();
        assert_eq!(
            (
                rep.exact_duplicates,
                rep.near_duplicates,
                rep.low_score,
                rep.one_sided,
                rep.length_ratio
            ),
            (1, 1, 1, 1, 1)
        );
        let total: usize = rep.splits.iter().map(|s| s.1).sum();
        assert_eq!(total, 201);
        // with 201 documents at 5% + 5%, dev and test are non-empty but small
        assert!(
            rep.splits[1].1 > 0 && rep.splits[2].1 > 0 && rep.splits[0].1 > 150,
            "{:?}",
            rep.splits
        );
        // no document in two splits
        let mut seen = std::collections::HashMap::new();
        for s in ["train", "validation", "test"] {
            let text = std::fs::read_to_string(dir.join(format!("data/{s}.jsonl"))).unwrap();
            for line in text.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                let d = v["doc"].as_str().unwrap().to_string();
                assert_eq!(*seen.entry(d).or_insert(s), s);
            }
        }
        let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
        assert_eq!(sums.lines().count(), 7); // the card, and each split as JSON Lines and Parquet
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("kazpar-publish-test-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn pairs_in_another_language_are_dropped_unless_kept() {
        let mut ru = rec(
            "a",
            1,
            "Он сказал, что всё хорошо.",
            Some("He said all was well."),
            Some(0.9),
        );
        ru.kk_lang = Some("ru".into());
        let recs = vec![rec("a", 0, "Бәрі жақсы.", Some("All is well."), Some(0.9)), ru];
        let rep = publish(&recs, &tempfile_dir(), &PublishOptions::default()).unwrap();
        assert_eq!(rep.other_language, 1);
        assert_eq!(rep.splits.iter().map(|s| s.1).sum::<usize>(), 1);
        let keep = PublishOptions {
            keep_other_languages: true,
            ..PublishOptions::default()
        };
        let rep = publish(&recs, &tempfile_dir(), &keep).unwrap();
        assert_eq!(rep.other_language, 0);
        assert_eq!(rep.splits.iter().map(|s| s.1).sum::<usize>(), 2);
    }
}
