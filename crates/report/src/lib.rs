//! `kazpar report`: one self-contained HTML page that shows a build.
//!
//! The page is made from a build's records (`pairs.jsonl`) and its manifest
//! (`manifest.json`, read as JSON values): totals, a histogram of scores,
//! length ratio against score with the far-off `1-1` pairs marked, the
//! documents ranked by mean score (lowest first) with their pairs side by
//! side, normalization changes, skipped files and other-language sentences.
//! It needs nothing from elsewhere: no script, no web font, no style sheet,
//! charts as inline SVG ([`svg`]). Every text from the corpus is escaped.
//!
//! ```
//! use kazpar_report::{render, Options};
//! let manifest = serde_json::json!({"counts": {"documents": 0, "pairs": 0}});
//! let html = render(&[], &manifest, &Options::default()).unwrap();
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains(r#"data-count="pairs">0<"#));
//! ```
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use kazpar_corpus::PairRecord;

mod page;
pub mod svg;

pub use page::{outlier_rule, Options};

/// What can go wrong when making a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A file of the build could not be read or the report not written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// `manifest.json` is not JSON, or not a manifest's shape.
    #[error("{}: not a kazpar manifest: {source}", path.display())]
    Manifest {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: serde_json::Error,
    },
}

/// What [`report_folder`] did.
#[derive(Debug)]
pub struct Written {
    /// The records shown.
    pub records: usize,
    /// The report's size in bytes.
    pub bytes: usize,
    /// Lines of `pairs.jsonl` that were not records (skipped, named here).
    pub bad_lines: Vec<kazpar_corpus::CorpusError>,
}

/// Make the page from records and a manifest (as JSON).
pub fn render(
    records: &[PairRecord],
    manifest: &serde_json::Value,
    opts: &Options,
) -> Result<String, ReportError> {
    let m: page::ManifestView =
        serde_json::from_value(manifest.clone()).map_err(|source| ReportError::Manifest {
            path: PathBuf::from("manifest.json"),
            source,
        })?;
    Ok(page::render(records, &m, opts))
}

/// Read `out/pairs.jsonl` and `out/manifest.json` and write the page to
/// `dest` atomically ([`kazpar_corpus::write_atomic`]). Lines of the pairs
/// file that are not records are left out and returned.
pub fn report_folder(out: &Path, dest: &Path, opts: &Options) -> Result<Written, ReportError> {
    let read = |p: PathBuf| std::fs::read(&p).map_err(|source| ReportError::Io { path: p, source });
    let pairs_path = out.join("pairs.jsonl");
    let manifest_path = out.join("manifest.json");
    let (records, bad_lines) = kazpar_corpus::parse_pairs(&read(pairs_path.clone())?, &pairs_path);
    let manifest: serde_json::Value =
        serde_json::from_slice(&read(manifest_path.clone())?).map_err(|source| ReportError::Manifest {
            path: manifest_path.clone(),
            source,
        })?;
    let html = render(&records, &manifest, opts).map_err(|e| match e {
        ReportError::Manifest { source, .. } => ReportError::Manifest {
            path: manifest_path,
            source,
        },
        e => e,
    })?;
    kazpar_corpus::write_atomic(dest, |w| w.write_all(html.as_bytes())).map_err(|source| {
        ReportError::Io {
            path: dest.to_path_buf(),
            source,
        }
    })?;
    Ok(Written {
        records: records.len(),
        bytes: html.len(),
        bad_lines,
    })
}

/// Escape text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">'Қ'&</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;Қ&#39;&amp;&lt;/a&gt;"
        );
    }
}
