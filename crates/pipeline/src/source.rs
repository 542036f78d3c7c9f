//! Source documents: a file of a corpus folder, or a record of a JSONL batch.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use kazpar_corpus::{CorpusError, DocFiles, Lang};
use serde::{Deserialize, Serialize};

use crate::Shard;

/// Where one document's bytes come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceDoc {
    path: PathBuf,
    /// `None`: read the file at `path` when the document is prepared.
    record: Option<DocRecord>,
}

impl SourceDoc {
    /// A file, read when the document is prepared.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        SourceDoc {
            path: path.into(),
            record: None,
        }
    }

    /// A JSONL record, named `name` in messages and the manifest (e.g.
    /// `docs.jsonl:3`). Its bytes are the document as it would be written as
    /// a file: the line `date <date> <title>` when either is given, then
    /// `text`; spans point into those bytes.
    pub fn record(rec: DocRecord, name: impl Into<PathBuf>) -> Self {
        SourceDoc {
            path: name.into(),
            record: Some(rec),
        }
    }

    /// The record, for a source from a JSONL batch.
    pub fn as_record(&self) -> Option<&DocRecord> {
        self.record.as_ref()
    }

    /// The file, or the record's name.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The bytes: the record's, or the file read now.
    pub fn into_bytes(self) -> Result<(PathBuf, Vec<u8>), CorpusError> {
        match self.record {
            Some(rec) => Ok((self.path, rec.into_file_bytes())),
            None => match std::fs::read(&self.path) {
                Ok(b) => Ok((self.path, b)),
                Err(source) => Err(CorpusError::Io {
                    path: self.path,
                    source,
                }),
            },
        }
    }
}

/// One document of a JSONL batch (`kazpar build --jsonl`, `kazpar align
/// --jsonl`): `{"id", "lang": "kk"|"en", "date", "title", "text"}`, `date`
/// and `title` optional, `text` one paragraph per line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocRecord {
    /// Document id; a Kazakh and an English record with the same id are translations of each other.
    pub id: String,
    /// `kk` or `en`.
    pub lang: String,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The title (sentence 0 of the document when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The text, one paragraph per line.
    pub text: String,
}

/// How a [`DocRecord`] is described in messages about lines that are not one.
pub const DOC_RECORD_FIELDS: &str = "{\"id\", \"lang\", \"text\", …}";

impl DocRecord {
    /// The document as it would be written as a file: the line
    /// `date <date> <title>` when either is given, then `text`.
    pub fn into_file_bytes(self) -> Vec<u8> {
        if self.date.is_none() && self.title.is_none() {
            return self.text.into_bytes();
        }
        let (date, title) = (
            self.date.as_deref().unwrap_or(""),
            self.title.as_deref().unwrap_or(""),
        );
        format!("date {date} {title}\n{}", self.text).into_bytes()
    }

    /// A record with no date or title.
    pub fn new(id: impl Into<String>, lang: impl Into<String>, text: impl Into<String>) -> Self {
        DocRecord {
            id: id.into(),
            lang: lang.into(),
            date: None,
            title: None,
            text: text.into(),
        }
    }
}

/// One document id to build: its Kazakh source and, if any, its English one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocJob {
    /// Document id.
    pub id: String,
    /// The Kazakh document.
    pub kk: SourceDoc,
    /// The English document, when there is one.
    pub en: Option<SourceDoc>,
}

/// Jobs of a corpus folder or of a batch of records, and the inputs that cannot be used.
#[derive(Debug, Default)]
pub struct Batch {
    /// Jobs in id order.
    pub jobs: Vec<DocJob>,
    /// Inputs that cannot be used: English files without a Kazakh one, or
    /// records that are bad (`bad-record`, `no-kazakh-partner`; in line
    /// order, then id order).
    pub errors: Vec<CorpusError>,
    /// Whether the errors are about files named `<id>.txt` (a corpus folder).
    folder: bool,
}

impl Batch {
    /// The jobs of a scanned corpus folder; its errors are the English files without a Kazakh one.
    pub fn from_scan(scan: kazpar_corpus::Scan) -> Self {
        Batch {
            jobs: scan.docs.into_iter().map(DocJob::from_files).collect(),
            errors: scan.orphans,
            folder: true,
        }
    }

    /// Keep only the jobs of `shard`. A corpus folder's orphan files go with
    /// their id's shard; a JSONL batch's bad records are kept by every shard
    /// (each job of N reports them).
    pub fn keep_shard(&mut self, shard: Shard) {
        self.jobs.retain(|d| shard.holds(&d.id));
        if self.folder {
            self.errors.retain(|e| {
                let id = e
                    .path()
                    .file_stem()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default();
                shard.holds(&id)
            });
        }
    }
}

/// A document's line and source in a batch.
type Slot = Option<(usize, SourceDoc)>;

impl DocJob {
    /// The job of a corpus folder's document files ([`kazpar_corpus::scan_corpus`]).
    pub fn from_files(files: DocFiles) -> Self {
        DocJob {
            id: files.id,
            kk: SourceDoc::file(files.kk),
            en: files.en.map(SourceDoc::file),
        }
    }

    /// Pair the records of a batch named `name` (each with its 1-based line)
    /// by id into jobs. A record with another `lang`, an empty id or one
    /// with a line break, or an id repeated for the same language, is a
    /// `bad-record` error; an English record with no Kazakh one is a
    /// `no-kazakh-partner` error. The rest is used.
    pub fn from_records(
        name: impl AsRef<Path>,
        records: impl IntoIterator<Item = (usize, DocRecord)>,
    ) -> Batch {
        let name = name.as_ref();
        let mut batch = Batch::default();
        Self::pair(name, records.into_iter().map(Ok), &mut batch);
        batch
    }

    /// Read a JSONL batch's bytes (named `name`) with the one JSONL reader
    /// ([`kazpar_corpus::read_jsonl`]) and pair its records as
    /// [`DocJob::from_records`] does; lines that are not records are
    /// `bad-record` errors.
    pub fn from_jsonl(name: impl AsRef<Path>, bytes: &[u8]) -> Batch {
        let name = name.as_ref();
        let mut batch = Batch::default();
        let recs = kazpar_corpus::read_jsonl::<DocRecord>(bytes, name, DOC_RECORD_FIELDS);
        Self::pair(name, recs, &mut batch);
        batch
    }

    fn pair(
        name: &Path,
        records: impl Iterator<Item = Result<(usize, DocRecord), CorpusError>>,
        batch: &mut Batch,
    ) {
        let bad = |line: usize, message: String| CorpusError::BadRecord {
            path: name.to_path_buf(),
            line,
            message,
        };
        let mut docs: BTreeMap<String, (Slot, Slot)> = BTreeMap::new();
        for r in records {
            let (line, d) = match r {
                Ok(r) => r,
                Err(e) => {
                    batch.errors.push(e);
                    continue;
                }
            };
            let lang = match d.lang.as_str() {
                "kk" => Lang::Kk,
                "en" => Lang::En,
                other => {
                    batch
                        .errors
                        .push(bad(line, format!("lang is {other:?}, expected \"kk\" or \"en\"")));
                    continue;
                }
            };
            if d.id.trim().is_empty() || d.id.contains(['\n', '\r']) {
                batch
                    .errors
                    .push(bad(line, format!("id {:?} is empty or holds a line break", d.id)));
                continue;
            }
            let id = d.id.clone();
            let src = SourceDoc::record(d, format!("{}:{line}", name.display()));
            let entry = docs.entry(id.clone()).or_insert((None, None));
            let slot = if lang == Lang::Kk {
                &mut entry.0
            } else {
                &mut entry.1
            };
            match slot {
                Some((first, _)) => batch.errors.push(bad(
                    line,
                    format!("document {id:?} ({}) already given on line {first}", lang.code()),
                )),
                None => *slot = Some((line, src)),
            }
        }
        for (id, (kk, en)) in docs {
            match (kk, en) {
                (Some((_, kk)), en) => batch.jobs.push(DocJob {
                    id,
                    kk,
                    en: en.map(|e| e.1),
                }),
                (None, Some((_, en))) => batch.errors.push(CorpusError::Orphan {
                    path: en.path().to_path_buf(),
                    expected: PathBuf::from(format!("a kk record with id {id:?}")),
                }),
                (None, None) => {}
            }
        }
    }
}
