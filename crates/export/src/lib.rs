//! Exports of kazpar pairs to the formats translation tools and dataset hubs
//! read, and imports of a translator's work back into pairs.
//!
//! Writers take `&[PairRecord]` and write to any `io::Write` (or, for the
//! folder formats, into a folder); each returns a [`Report`] of what it wrote
//! and what it had to leave out. Readers ([`import`]) take XLIFF 2.0,
//! XLIFF 1.2 or TMX text and give back records; [`merge`] folds them into an
//! existing pairs file by id.
//!
//! ```
//! use kazpar_corpus::PairRecord;
//! use kazpar_export::{import, write_xliff2};
//! let rec = PairRecord {
//!     id: "d-0000".into(), doc: "d".into(), date: None,
//!     kk: Some("Сәлем & «әлем»!".into()), en: None, kind: "1-0".into(), score: None,
//!     kk_idx: vec![0], en_idx: vec![], kk_spans: vec![[0, 10]], en_spans: vec![],
//!     kk_lang: None, en_lang: None,
//! };
//! let mut xml = Vec::new();
//! write_xliff2(&[rec.clone()], &mut xml).unwrap();
//! let back = import(std::str::from_utf8(&xml).unwrap()).unwrap();
//! assert_eq!(back.records, vec![rec]);
//! ```
#![deny(missing_docs)]

mod hf;
mod import;
mod moses;
mod parquet;
mod publish;
mod tmx;
mod xliff;
mod xml;

use std::path::PathBuf;

pub use hf::write_hf;
pub use import::{import, import_with, merge, merge_with, ImportOptions, Imported, MergeReport};
pub use moses::{write_moses, write_tsv};
pub use publish::{publish, PublishOptions, PublishReport};
pub use tmx::write_tmx;
pub use xliff::{write_xliff12, write_xliff12_with, write_xliff2, Xliff12Options};
pub use xml::clean_xml_text;

/// What an export wrote and what it left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Records written.
    pub written: usize,
    /// Records left out because the format needs a side they lack (e.g. Moses needs both).
    pub skipped_one_sided: usize,
    /// Characters not allowed in XML 1.0 (or tabs/line breaks in line formats) removed or replaced.
    pub removed_chars: usize,
}

/// Why an export or import failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing failed.
    #[error("{path}: cannot write")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The XML could not be parsed.
    #[error("line {line}, column {column}: not well-formed XML: {message}")]
    Xml {
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// The parser's message.
        message: String,
    },
    /// The XML is well-formed but not a TMX or XLIFF file we can read.
    #[error("line {line}: {message}")]
    Format {
        /// 1-based line.
        line: u32,
        /// What is wrong.
        message: String,
    },
}
