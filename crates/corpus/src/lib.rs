//! Documents, pair records, corpus scanning and atomic output for kazpar.
//!
//! The data flow of a `kazpar build` run starts here: [`scan_corpus`] pairs
//! `kk/<id>.txt` with `en/<id>.txt`, [`Document::parse`] checks one file's
//! bytes and splits it into a header and paragraphs (byte ranges into the
//! original file), and at the end [`PairRecord`]s and a [`Manifest`] are
//! written with [`write_atomic`]. Every JSONL file is read by [`read_jsonl`]
//! (one bad-line policy) and written by [`write_jsonl`].
//!
//! ```
//! use kazpar_corpus::{Document, Lang};
//! let bytes = "date 2025-11-26 Тақырып\nБірінші абзац.\n".as_bytes().to_vec();
//! let doc = Document::parse("demo", Lang::Kk, "kk/demo.txt".into(), bytes).unwrap();
//! assert_eq!(doc.date.as_deref(), Some("2025-11-26"));
//! assert_eq!(doc.paragraphs.len(), 2); // the title, then one body paragraph
//! assert_eq!(doc.slice(&doc.paragraphs[1].range), "Бірінші абзац.");
//! ```
#![deny(missing_docs)]

mod doc;
mod error;
mod jsonl;
mod manifest;
mod record;
mod scan;
mod write;

pub use doc::{trimmed, Document, Lang, Paragraph, Warning, WarningKind};
pub use error::CorpusError;
pub use jsonl::{read_jsonl, write_jsonl};
pub use manifest::{InputFile, Manifest, Skipped};
pub use record::{parse_pairs, PairRecord, Span, PAIR_RECORD_FIELDS};
pub use scan::{scan_corpus, DocFiles, Scan};
pub use write::{lock_folder, remove_stale_temps, sha256_hex, write_atomic, FolderLock};
