use std::path::PathBuf;

/// Why a document or corpus could not be read.
///
/// Every variant names the file; those about content name the byte offset
/// and the 1-based line where the problem starts.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The file or folder could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not valid UTF-8.
    #[error("{path}:{line}: invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
    /// The file looks binary (a NUL byte, or mostly control bytes).
    #[error("{path}:{line}: binary content (NUL or control bytes) at byte offset {offset}")]
    Binary {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first suspicious byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
    /// The file is empty or holds only whitespace.
    #[error("{path}: empty document (no text after the header)")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The other language's document of the same id could not be used, so this one was left out too.
    #[error("{path}: skipped because its partner {partner} could not be used")]
    PartnerFailed {
        /// The file left out.
        path: PathBuf,
        /// The file that failed.
        partner: PathBuf,
    },
    /// A record of a JSONL batch cannot be used (not JSON, a field missing, a repeated id).
    #[error("{path}:{line}: bad record: {message}")]
    BadRecord {
        /// The JSONL file (`<stdin>` for standard input).
        path: PathBuf,
        /// 1-based line of the record.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The document is written in another language than its folder says.
    #[error("{path}: {found_name} text, not {expected_name} (language check; `--lang-check warn` keeps it)")]
    WrongLanguage {
        /// The file.
        path: PathBuf,
        /// `kk` or `en`: what the folder (or record) says.
        expected: String,
        /// The language found (ISO 639-1).
        found: String,
        /// The name of `found`, for the message.
        found_name: String,
        /// The name of `expected`, for the message.
        expected_name: String,
    },
    /// An English document has no Kazakh document with the same id.
    #[error("{path}: English document has no Kazakh partner (expected {expected})")]
    Orphan {
        /// The English file.
        path: PathBuf,
        /// The Kazakh file that would match it.
        expected: PathBuf,
    },
}

impl CorpusError {
    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            CorpusError::Io { path, .. }
            | CorpusError::InvalidUtf8 { path, .. }
            | CorpusError::Binary { path, .. }
            | CorpusError::Empty { path }
            | CorpusError::PartnerFailed { path, .. }
            | CorpusError::Orphan { path, .. }
            | CorpusError::WrongLanguage { path, .. }
            | CorpusError::BadRecord { path, .. } => path,
        }
    }

    /// A short machine-readable reason, as written in the manifest.
    pub fn reason(&self) -> &'static str {
        match self {
            CorpusError::Io { .. } => "unreadable",
            CorpusError::InvalidUtf8 { .. } => "invalid-utf8",
            CorpusError::Binary { .. } => "binary",
            CorpusError::Empty { .. } => "empty",
            CorpusError::Orphan { .. } => "no-kazakh-partner",
            CorpusError::PartnerFailed { .. } => "partner-failed",
            CorpusError::BadRecord { .. } => "bad-record",
            CorpusError::WrongLanguage { expected, .. } if expected == "kk" => "not-kazakh",
            CorpusError::WrongLanguage { .. } => "not-english",
        }
    }

    /// The 1-based line the error is on, where it applies.
    pub fn line(&self) -> Option<usize> {
        match self {
            CorpusError::InvalidUtf8 { line, .. }
            | CorpusError::Binary { line, .. }
            | CorpusError::BadRecord { line, .. } => Some(*line),
            _ => None,
        }
    }
}
