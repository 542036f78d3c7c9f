use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` into a source file, serialized as `[start, end]`.
pub type Span = [usize; 2];

/// One aligned sentence pair: one line of `pairs.jsonl`.
///
/// Field order here is the order in the JSON output; it is part of the
/// format (see the README and `schemas/pair.schema.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairRecord {
    /// Stable id: `<doc>-<n>` with `n` the 0-based pair position in the document, 4 digits or more.
    pub id: String,
    /// Document id (the file stem shared by `kk/<doc>.txt` and `en/<doc>.txt`).
    pub doc: String,
    /// Date from the document header, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Kazakh text (normalized by `build`); null for an English sentence with no Kazakh side.
    pub kk: Option<String>,
    /// English text; null when there is none (to translate).
    pub en: Option<String>,
    /// Alignment kind, `<kk count>-<en count>`: `1-1`, `2-1`, `1-0`, …
    pub kind: String,
    /// Alignment confidence in `[0, 1]`; null when nothing was aligned (no English document).
    pub score: Option<f64>,
    /// 0-based indexes of the Kazakh sentences in the document.
    pub kk_idx: Vec<usize>,
    /// 0-based indexes of the English sentences in the document.
    pub en_idx: Vec<usize>,
    /// Byte spans of the Kazakh sentences in the Kazakh source file.
    pub kk_spans: Vec<Span>,
    /// Byte spans of the English sentences in the English source file.
    pub en_spans: Vec<Span>,
    /// The language found on the Kazakh side when it is not Kazakh (`ru`, `ky`,
    /// …, ISO 639-1); absent when it is Kazakh or was not checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kk_lang: Option<String>,
    /// The language found on the English side when it is not English; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en_lang: Option<String>,
}

impl PairRecord {
    /// The stable id of pair `n` of document `doc`.
    pub fn make_id(doc: &str, n: usize) -> String {
        format!("{doc}-{n:04}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_keeps_field_order() {
        let r = PairRecord {
            id: PairRecord::make_id("d1", 3),
            doc: "d1".into(),
            date: Some("2025-11-26".into()),
            kk: Some("Сәлем.".into()),
            en: None,
            kind: "1-0".into(),
            score: None,
            kk_idx: vec![3],
            en_idx: vec![],
            kk_spans: vec![[10, 21]],
            en_spans: vec![],
            kk_lang: None,
            en_lang: None,
        };
        let line = serde_json::to_string(&r).unwrap();
        assert!(line.starts_with(
            r#"{"id":"d1-0003","doc":"d1","date":"2025-11-26","kk":"Сәлем.","en":null,"kind":"1-0""#
        ));
        let back: PairRecord = serde_json::from_str(&line).unwrap();
        assert_eq!(back, r);
    }
}

/// What a pairs file holds, as named in messages about lines that are not records.
pub const PAIR_RECORD_FIELDS: &str = "a pair record {\"id\", \"doc\", \"kk\", \"en\", \"kind\", …}";

/// Parse a `pairs.jsonl` file's bytes (named `name` in errors) with the one
/// JSONL reader ([`crate::read_jsonl`]): the records, and a
/// [`crate::CorpusError::BadRecord`] for each line that is not one.
pub fn parse_pairs(bytes: &[u8], name: &std::path::Path) -> (Vec<PairRecord>, Vec<crate::CorpusError>) {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for r in crate::read_jsonl::<PairRecord>(bytes, name, PAIR_RECORD_FIELDS) {
        match r {
            Ok((_, rec)) => records.push(rec),
            Err(e) => errors.push(e),
        }
    }
    (records, errors)
}

#[cfg(test)]
mod parse_tests {
    use super::*;

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let good = r#"{"id":"d-0000","doc":"d","date":null,"kk":"А.","en":"A.","kind":"1-1","score":0.5,"kk_idx":[0],"en_idx":[0],"kk_spans":[[0,3]],"en_spans":[[0,2]]}"#;
        let text = format!("{good}\n\n{{\"id\": 3}}\nnot json\n{good}\n");
        let (recs, errs) = parse_pairs(text.as_bytes(), std::path::Path::new("p.jsonl"));
        assert_eq!(recs.len(), 2);
        assert_eq!(
            errs.iter().map(|e| e.line()).collect::<Vec<_>>(),
            [Some(3), Some(4)]
        );
        assert!(errs[0]
            .to_string()
            .starts_with("p.jsonl:3: bad record: expected a pair record"));
    }
}
