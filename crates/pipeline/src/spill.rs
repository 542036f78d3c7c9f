//! The first pass's prepared documents kept on disk for the second pass of a
//! streaming build, so that a corpus larger than one chunk is read,
//! normalized, split and read by the aligner once, with memory still bounded
//! by a chunk. The file is an unnamed temporary one (gone when the run ends,
//! however it ends), in a folder the caller chooses: the output folder of
//! `kazpar build`, on the disk that holds the output anyway. Its records are
//! written and read by the same run, so they carry no version; decoding
//! checks its counts, and bytes that do not decode mean "prepare it again".

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Mutex;

use kazpar_align::ReadDoc;
use kazpar_corpus::{Lang, Warning, WarningKind};

use crate::check::KeptPair;
use crate::{DocJob, PreparedDoc, PreparedPair, Sentence};

/// The spill file and where each job's record is in it.
pub(crate) struct Spill(Mutex<Inner>);

struct Inner {
    file: File,
    /// The end of what was written; `None` once a write failed (the jobs
    /// not written are prepared again).
    end: Option<u64>,
    /// Per job: (offset, length) of its record.
    at: Vec<Option<(u64, usize)>>,
}

impl Spill {
    /// A new spill file in `dir`.
    pub(crate) fn new(dir: &Path) -> std::io::Result<Spill> {
        Ok(Spill(Mutex::new(Inner {
            file: tempfile::tempfile_in(dir)?,
            end: Some(0),
            at: Vec::new(),
        })))
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        // a worker that panicked while reading leaves the file as it was
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Append the records of the next jobs (in order; `None` for a job not
    /// kept) in one write.
    pub(crate) fn append(&self, records: Vec<Option<Vec<u8>>>) {
        let inner = &mut *self.inner();
        let Some(start) = inner.end else {
            inner.at.extend(records.iter().map(|_| None));
            return;
        };
        let mut buf = Vec::with_capacity(records.iter().flatten().map(Vec::len).sum());
        let first = inner.at.len();
        for r in &records {
            inner.at.push(r.as_ref().map(|r| {
                let place = (start + buf.len() as u64, r.len());
                buf.extend_from_slice(r);
                place
            }));
        }
        let wrote = inner
            .file
            .seek(SeekFrom::Start(start))
            .and_then(|_| inner.file.write_all(&buf));
        if wrote.is_ok() {
            inner.end = Some(start + buf.len() as u64);
        } else {
            // a full disk, say: these jobs and the later ones are prepared again
            inner.end = None;
            inner.at[first..].iter_mut().for_each(|a| *a = None);
        }
    }

    /// Job `i`'s prepared pair (its paths taken from `job`), if it was kept
    /// and reads back; each is taken once.
    pub(crate) fn take(&self, i: usize, job: &DocJob) -> Option<KeptPair> {
        let buf = {
            let inner = &mut *self.inner();
            let (offset, len) = inner.at.get_mut(i)?.take()?;
            let mut buf = vec![0u8; len];
            inner.file.seek(SeekFrom::Start(offset)).ok()?;
            inner.file.read_exact(&mut buf).ok()?;
            buf
        };
        decode_pair(&buf, job)
    }
}

trait WriteBytes {
    fn u8(&mut self, x: u8);
    fn u64(&mut self, x: u64);
    fn str(&mut self, s: &str);
    fn len(&mut self, n: usize) {
        self.u64(n as u64);
    }
}

impl WriteBytes for Vec<u8> {
    fn u8(&mut self, x: u8) {
        self.push(x);
    }
    fn u64(&mut self, x: u64) {
        self.extend_from_slice(&x.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.extend_from_slice(s.as_bytes());
    }
}

/// Reads from a byte slice; `None` past its end or on a bad value.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.bytes(1).map(|b| b[0])
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.bytes(8)?.try_into().ok()?))
    }
    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }
    fn string(&mut self) -> Option<String> {
        let n = self.len()?;
        String::from_utf8(self.bytes(n)?.to_vec()).ok()
    }
    /// A count of items of at least `min` bytes each, refused when the bytes
    /// left cannot hold that many.
    fn count(&mut self, min: usize) -> Option<usize> {
        let n = self.len()?;
        (n <= self.0.len() / min).then_some(n)
    }
}

fn put_doc(o: &mut Vec<u8>, d: &PreparedDoc) {
    o.str(&d.id);
    o.u8(matches!(d.lang, Lang::En) as u8);
    match &d.date {
        Some(date) => {
            o.u8(1);
            o.str(date);
        }
        None => o.u8(0),
    }
    o.len(d.warnings.len());
    for w in &d.warnings {
        o.len(w.line);
        o.str(&serde_json::to_string(&w.kind).unwrap_or_default());
        o.str(&w.message);
    }
    o.len(d.sentences.len());
    for s in &d.sentences {
        o.str(&s.text);
        o.len(s.span[0]);
        o.len(s.span[1]);
        o.len(s.para);
    }
    o.u64(d.bytes);
    o.str(&d.sha256);
    o.len(d.normalization.len());
    for (rule, n) in &d.normalization {
        o.str(rule);
        o.len(*n);
    }
    o.len(d.langs.len());
    for l in &d.langs {
        o.str(l.code());
    }
}

fn get_doc(i: &mut Bytes, path: &Path) -> Option<PreparedDoc> {
    let id = i.string()?;
    let lang = if i.u8()? == 1 { Lang::En } else { Lang::Kk };
    let date = match i.u8()? {
        1 => Some(i.string()?),
        _ => None,
    };
    let warnings = (0..i.count(24)?)
        .map(|_| {
            let line = i.len()?;
            let kind: WarningKind = serde_json::from_str(&i.string()?).ok()?;
            Some(Warning {
                line,
                kind,
                message: i.string()?,
            })
        })
        .collect::<Option<_>>()?;
    let sentences = (0..i.count(32)?)
        .map(|_| {
            Some(Sentence {
                text: i.string()?,
                span: [i.len()?, i.len()?],
                para: i.len()?,
            })
        })
        .collect::<Option<_>>()?;
    let bytes = i.u64()?;
    let sha256 = i.string()?;
    let normalization: BTreeMap<String, usize> = (0..i.count(16)?)
        .map(|_| Some((i.string()?, i.len()?)))
        .collect::<Option<_>>()?;
    let langs = (0..i.count(8)?)
        .map(|_| kazpar_lang::Lang::from_code(&i.string()?))
        .collect::<Option<_>>()?;
    Some(PreparedDoc {
        id,
        lang,
        path: path.to_path_buf(),
        date,
        warnings,
        sentences,
        bytes,
        sha256,
        normalization,
        langs,
    })
}

/// A kept pair as one spill record: both documents (their paths are left
/// out: the job names them), then the aligner's reading if there is one.
pub(crate) fn encode_pair(p: &PreparedPair, read: Option<&ReadDoc>) -> Vec<u8> {
    let mut o = Vec::new();
    put_doc(&mut o, &p.kk);
    match &p.en {
        Some(en) => {
            o.u8(1);
            put_doc(&mut o, en);
        }
        None => o.u8(0),
    }
    if let Some(r) = read {
        o.u8(1);
        r.encode(&mut o);
    } else {
        o.u8(0);
    }
    o
}

/// What [`encode_pair`] wrote, with the paths of `job`'s sources.
pub(crate) fn decode_pair(bytes: &[u8], job: &DocJob) -> Option<KeptPair> {
    let i = &mut Bytes(bytes);
    let kk = get_doc(i, job.kk.path())?;
    let en = match i.u8()? {
        1 => Some(get_doc(i, job.en.as_ref()?.path())?),
        _ => None,
    };
    let read = match i.u8()? {
        1 => Some(ReadDoc::decode(i.0)?),
        _ if i.0.is_empty() => None,
        _ => return None,
    };
    Some((PreparedPair { kk, en }, read))
}
