use std::collections::BTreeMap;

use serde::Serialize;

use crate::Warning;

/// One input file as recorded in the manifest.
#[derive(Clone, Debug, Serialize)]
pub struct InputFile {
    /// Path relative to the corpus folder, with `/` separators.
    pub path: String,
    /// Document id.
    pub doc: String,
    /// `kk` or `en`.
    pub lang: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// Number of sentences found.
    pub sentences: usize,
    /// Warnings (the document was still processed).
    pub warnings: Vec<Warning>,
    /// Normalization changes, counted per rule.
    pub normalization: BTreeMap<String, usize>,
    /// Sentences found to be in another language than the file's, per
    /// language (`{"ru": 2}` for two Russian sentences in a Kazakh file);
    /// absent when there are none or the check was off.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub other_languages: BTreeMap<String, usize>,
}

/// A file that was not used, and why.
#[derive(Clone, Debug, Serialize)]
pub struct Skipped {
    /// Path relative to the corpus folder.
    pub path: String,
    /// Short machine-readable reason (`invalid-utf8`, `binary`, `empty`, `unreadable`, `no-kazakh-partner`, `partner-failed`, `bad-record`, `not-kazakh`, `not-english`).
    pub reason: String,
    /// 1-based line, where it applies.
    pub line: Option<usize>,
    /// The full message.
    pub message: String,
}

/// `manifest.json`: what went in, what came out, and what was left out.
///
/// It holds nothing that changes from run to run (no times, no absolute
/// paths), so identical input gives an identical manifest.
#[derive(Clone, Debug, Serialize)]
pub struct Manifest {
    /// `kazpar`.
    pub tool: String,
    /// Tool version.
    pub version: String,
    /// Settings that shaped the output.
    pub settings: BTreeMap<String, serde_json::Value>,
    /// Every input file that was read successfully.
    pub inputs: Vec<InputFile>,
    /// Every file that was skipped.
    pub skipped: Vec<Skipped>,
    /// Output counts: documents, pairs, pairs per kind, sentences to translate.
    pub counts: BTreeMap<String, usize>,
    /// Normalization changes over the whole corpus, per rule.
    pub normalization: BTreeMap<String, usize>,
}
