//! The one JSONL reader and writer of kazpar.
//!
//! Bad-line policy (the same for every command): a line that is not valid
//! UTF-8, not JSON, or not the expected record is a [`CorpusError::BadRecord`]
//! naming the file and 1-based line; the caller reports it, skips it and
//! finishes with exit code 1. Blank lines are ignored.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::CorpusError;

/// Read JSONL `bytes` (named `name` in errors) as records of type `T`, in line
/// order: each item is a record with its 1-based line, or the error for a
/// line that is not one. `expected` describes the record in messages, e.g.
/// `{"id", "lang", "text", …}`.
pub fn read_jsonl<'a, T: DeserializeOwned + 'a>(
    bytes: &'a [u8],
    name: &'a Path,
    expected: &'a str,
) -> impl Iterator<Item = Result<(usize, T), CorpusError>> + 'a {
    let bad = move |line: usize, message: String| CorpusError::BadRecord {
        path: PathBuf::from(name),
        line,
        message,
    };
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter_map(move |(i, raw)| {
            let line = i + 1;
            let Ok(text) = std::str::from_utf8(raw) else {
                return Some(Err(bad(line, "not valid UTF-8".into())));
            };
            if text.trim().is_empty() {
                return None;
            }
            Some(
                serde_json::from_str(text)
                    .map(|r| (line, r))
                    .map_err(|e| bad(line, format!("expected {expected}: {e}"))),
            )
        })
}

/// Write `records` as JSONL: one compact JSON object per line, each ended by `\n`.
pub fn write_jsonl<'a, T: Serialize + 'a>(
    w: &mut dyn Write,
    records: impl IntoIterator<Item = &'a T>,
) -> std::io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut *w, r)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_errors_with_file_and_line_and_the_rest_is_read() {
        let text = b"{\"a\":1}\n\nnot json\n\xff\n{\"a\":2}\n";
        let out: Vec<_> = read_jsonl::<serde_json::Value>(text, Path::new("f.jsonl"), "{\"a\"}").collect();
        assert_eq!(out.len(), 4);
        assert_eq!(out[0].as_ref().unwrap().0, 1);
        let msgs: Vec<String> = out
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert!(
            msgs[0].starts_with("f.jsonl:3: bad record: expected {\"a\"}: "),
            "{}",
            msgs[0]
        );
        assert_eq!(msgs[1], "f.jsonl:4: bad record: not valid UTF-8");
        assert_eq!(out[3].as_ref().unwrap().0, 5);
    }

    #[test]
    fn writer_ends_every_record_with_a_newline() {
        let mut out = Vec::new();
        write_jsonl(
            &mut out,
            &[serde_json::json!({"a": 1}), serde_json::json!({"b": null})],
        )
        .unwrap();
        assert_eq!(out, b"{\"a\":1}\n{\"b\":null}\n");
    }
}
