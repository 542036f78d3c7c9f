//! The kazpar pipeline as a library: source documents in, aligned
//! [`PairRecord`]s and a [`Manifest`] out.
//!
//! `kazpar build` and `kazpar align` are thin callers of this crate, and so
//! are (later) the Python package and distributed jobs. The data flow:
//!
//! 1. a [`SourceDoc`] names one document's bytes: a file of a corpus folder
//!    ([`SourceDoc::file`]) or a record of a JSONL batch
//!    ([`SourceDoc::record`], from a [`DocRecord`]); a [`DocJob`] is one
//!    document id, its Kazakh source and, if any, its English one;
//! 2. [`Pipeline::prepare_job`] reads, checks, normalizes and splits both
//!    sides into [`PreparedDoc`]s, whose [`Sentence`]s keep their byte spans
//!    in the source (when one side fails the other is left out too);
//! 3. [`Pipeline::align_documents`] aligns all prepared pairs together (the
//!    word table is learned across them) and makes each document's records;
//! 4. [`ManifestBuilder`] collects inputs, skipped files and counts.
//!
//! [`Pipeline::build`] does all of it in one call, sequentially. Every step
//! works on one item and is `Send + Sync`, so a caller that wants threads runs
//! steps 2 and 3 in parallel itself (the CLI uses rayon; with the `rayon`
//! feature, `Pipeline::parallel` also lets the aligner use it) and collects
//! in input order: the output never depends on the thread count.
//!
//! ```
//! use kazpar_pipeline::{Config, DocRecord, DocJob, Pipeline};
//!
//! let kk = DocRecord::new("d1", "kk", "Инфляция 12,6 пайыз болды. Жалақы өсті.");
//! let en = DocRecord::new("d1", "en", "Inflation was 12.6 percent. Wages rose.");
//! let job = DocJob::from_records("docs.jsonl", [(1, kk), (2, en)]).jobs.remove(0);
//!
//! let pipeline = Pipeline::new(Config::default());
//! let built = pipeline.build([job], std::path::Path::new(""));
//! let kinds: Vec<&str> = built.records.iter().map(|r| r.kind.as_str()).collect();
//! assert_eq!(kinds, ["1-1", "1-1"]);
//! assert_eq!(built.records[0].id, "d1-0000");
//! assert_eq!(built.records[1].en.as_deref(), Some("Wages rose."));
//! assert_eq!(built.manifest.counts["pairs"], 2);
//! ```
#![deny(missing_docs)]

mod check;
mod config;
mod manifest;
mod prepare;
mod records;
mod shard;
mod source;
mod spill;

use std::path::Path;

use check::{JobCheck, SideCheck};

pub use check::Checks;
pub use config::{Config, LangCheck, Method};
pub use kazpar_align::{Bead, Evidence, Learned, Lexicon};
pub use kazpar_corpus::{CorpusError, Lang, Manifest, PairRecord};
pub use manifest::ManifestBuilder;
pub use prepare::{PreparedDoc, PreparedPair, Sentence, Splitters};
pub use records::records;
pub use shard::{shard_of, Shard};
pub use source::{Batch, DocJob, DocRecord, SourceDoc, DOC_RECORD_FIELDS};

/// A configured pipeline: the [`Config`] and the normalizers, splitters and
/// aligner it asks for, made once and shared by every document.
#[derive(Clone, Debug)]
pub struct Pipeline {
    config: Config,
    normalizers: [kazpar_text::Normalizer; 2],
    splitters: Splitters,
    aligner: kazpar_align::Aligner,
    /// Run the per-document steps of [`Pipeline::count_evidence`] and
    /// [`Pipeline::align_jobs`] on rayon's current pool.
    parallel: bool,
    /// Where [`Pipeline::count_evidence_checked`] may keep the prepared
    /// documents of a corpus larger than a chunk for the second pass.
    spill_dir: Option<std::path::PathBuf>,
}

/// One document's outcome in the second pass: the prepared pair and its
/// records, or the errors that left it out.
pub type Outcome = Result<(PreparedPair, Vec<PairRecord>), Vec<CorpusError>>;

/// Documents prepared at once in each pass of [`Pipeline::count_evidence`]
/// and [`Pipeline::align_jobs`]: enough to keep the cores busy, few enough
/// that memory does not grow with the corpus.
pub const CHUNK: usize = 256;

/// What [`Pipeline::build`] gives: the records in document order and the manifest.
#[derive(Clone, Debug)]
pub struct Built {
    /// Every pair record, documents in job order, pairs in document order.
    pub records: Vec<PairRecord>,
    /// The manifest of the run.
    pub manifest: Manifest,
}

/// Whether the prepared pair `p` was made from `job`'s sources as they are
/// now: the same sides, with the same bytes (read again, and hashed).
fn same_sources(job: &DocJob, p: &PreparedPair) -> bool {
    let same = |src: &SourceDoc, doc: &PreparedDoc| {
        src.clone()
            .into_bytes()
            .is_ok_and(|(path, bytes)| path == doc.path && kazpar_corpus::sha256_hex(&bytes) == doc.sha256)
    };
    job.id == p.kk.id
        && same(&job.kk, &p.kk)
        && match (&job.en, &p.en) {
            (Some(src), Some(doc)) => same(src, doc),
            (None, None) => true,
            _ => false,
        }
}

/// What the first pass keeps of a job for the second.
enum Keep {
    /// In memory.
    Held(Box<check::KeptPair>),
    /// Encoded for the spill file.
    Bytes(Vec<u8>),
    Nothing,
}

/// Sentences scored at once by one worker in the language check of a long document.
const LANG_CHUNK: usize = 4096;

/// A document pair aligned alone learns a word table from itself only when it
/// has at least this many sentences on both sides together: below that the
/// table is too small to help (used by [`Pipeline::align_one`]).
pub const MIN_SENTENCES_TO_LEARN_ALONE: usize = 400;

impl Pipeline {
    /// A pipeline for `config`.
    pub fn new(config: Config) -> Self {
        let aligner = match config.align {
            Method::Kazpar => kazpar_align::Aligner::default().core_lexicon(config.word_list),
            Method::GaleChurch => kazpar_align::Aligner::gale_church(),
        };
        Pipeline {
            config,
            normalizers: [
                kazpar_text::Normalizer::new(kazpar_text::Lang::Kk),
                kazpar_text::Normalizer::new(kazpar_text::Lang::En),
            ],
            splitters: Splitters::new(),
            aligner,
            parallel: false,
            spill_dir: None,
        }
    }

    /// Let [`Pipeline::count_evidence_checked`] keep the prepared documents
    /// of a corpus larger than one chunk ([`CHUNK`]) in a temporary file in
    /// `dir` (removed when the run ends), so that
    /// [`Pipeline::align_jobs_checked`] takes them instead of reading,
    /// normalizing and splitting every document again; memory stays bounded by
    /// a chunk. Without it (the default) the second pass prepares them again.
    /// The outcomes are the same either way; a file that changed in between
    /// is prepared again, and so is every document if the file cannot be made
    /// or written.
    pub fn spill_to(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.spill_dir = Some(dir.into());
        self
    }

    /// Also align with a bilingual dictionary (e.g. [`Lexicon::parse_dictionary`]).
    pub fn with_dictionary(mut self, dict: Lexicon) -> Self {
        self.aligner = self.aligner.with_dictionary(dict);
        self
    }

    /// Let the aligner run its per-document work on rayon's current thread
    /// pool (default: sequential). The output is the same either way.
    #[cfg(feature = "rayon")]
    pub fn parallel(mut self, parallel: bool) -> Self {
        self.aligner = self.aligner.parallel(parallel);
        self.parallel = parallel;
        self
    }

    /// `f` over `items`, in order, on rayon's pool when asked to.
    fn map<T: Sync, R: Send>(&self, items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
        prepare::map_pieces(items, self.parallel, f)
    }

    /// The first pass of a streaming build: every job prepared and its
    /// evidence counted (jobs that fail count for nothing; the second pass
    /// reports them). `tick` is called once a job. As
    /// [`Pipeline::count_evidence_checked`], without keeping the language checks.
    pub fn count_evidence(&self, jobs: &[DocJob], tick: &(dyn Fn() + Sync)) -> Evidence {
        self.count(jobs, tick, false).0
    }

    /// [`Pipeline::count_evidence`], also keeping each job's language check
    /// (a few bytes a document) for [`Pipeline::align_jobs_checked`], so that
    /// the second pass does not classify every sentence again.
    pub fn count_evidence_checked(&self, jobs: &[DocJob], tick: &(dyn Fn() + Sync)) -> (Evidence, Checks) {
        self.count(jobs, tick, true)
    }

    /// The first pass, [`CHUNK`] jobs at a time: each worker adds its
    /// document's evidence to the total as soon as it has it (counts, so the
    /// sum is the same in any order), instead of the caller merging a chunk's
    /// evidences one by one while the workers wait.
    fn count(&self, jobs: &[DocJob], tick: &(dyn Fn() + Sync), keep: bool) -> (Evidence, Checks) {
        let total = std::sync::Mutex::new(Evidence::new());
        let mut checks = Vec::new();
        // one chunk: the second pass would hold these documents at once
        // anyway, so they are kept for it instead of prepared again, with the
        // aligner's reading of each; more: kept on disk, if there is a folder
        // for it (a failure there only means preparing them again)
        let hold = keep && jobs.len() <= CHUNK;
        let spill = match &self.spill_dir {
            Some(dir) if keep && !hold => spill::Spill::new(dir).ok(),
            _ => None,
        };
        let mut kept = Vec::new();
        let part_of = |chunk: &[DocJob]| {
            self.map(chunk, |d| {
                let c = match self.prepare_job_with(d.clone(), None) {
                    Ok((p, c)) => {
                        let mut read = None;
                        if let Some(en) = &p.en {
                            let ev = if hold || spill.is_some() {
                                let r = self.aligner.read(&kazpar_align::DocPair {
                                    kk: p.kk.align_input(),
                                    en: en.align_input(),
                                });
                                let ev = self.aligner.evidence_read(&r);
                                read = Some(r);
                                ev
                            } else {
                                self.evidence(&p)
                            };
                            // a worker that panicked while merging leaves the
                            // total half-merged: give up with it
                            total.lock().expect("evidence merge panicked").merge(&ev);
                        }
                        let keep = match &spill {
                            Some(_) => Keep::Bytes(spill::encode_pair(&p, read.as_ref())),
                            None if hold => Keep::Held(Box::new((p, read))),
                            None => Keep::Nothing,
                        };
                        Some((c, keep))
                    }
                    Err(_) => None,
                };
                tick();
                c
            })
        };
        let mut take = |part: Vec<Option<(JobCheck, Keep)>>| {
            if keep {
                let mut bytes = Vec::new();
                for c in part {
                    let (c, k) = c.map_or((None, Keep::Nothing), |(c, k)| (Some(c), k));
                    checks.push(c);
                    let (p, b) = match k {
                        Keep::Held(p) => (Some(*p), None),
                        Keep::Bytes(b) => (None, Some(b)),
                        Keep::Nothing => (None, None),
                    };
                    kept.push(p);
                    bytes.push(b);
                }
                if let Some(s) = &spill {
                    s.append(bytes);
                }
            }
        };
        // the next chunk is made while this thread keeps the last one (writing the spill)
        let chunks: Vec<&[DocJob]> = jobs.chunks(CHUNK).collect();
        let kept_all: Result<(), std::convert::Infallible> = prepare::overlapped(
            chunks.len(),
            self.parallel,
            |c| part_of(chunks[c]),
            |part| {
                take(part);
                Ok(())
            },
        );
        let Ok(()) = kept_all;
        let total = total.into_inner().expect("evidence merge panicked");
        let kept = check::Kept {
            held: std::sync::Mutex::new(kept),
            spill,
        };
        (total, Checks(checks, kept))
    }

    /// The second pass of a streaming build: every job prepared again and
    /// aligned with `learned`; `each` gets the outcomes in job order, a chunk
    /// at a time, so only [`CHUNK`] documents are held at once.
    pub fn align_jobs<E>(
        &self,
        jobs: &[DocJob],
        learned: &Learned,
        tick: &(dyn Fn() + Sync),
        each: impl FnMut(Outcome) -> Result<(), E>,
    ) -> Result<(), E> {
        self.align_jobs_checked(jobs, &Checks::new(), learned, tick, each)
    }

    /// [`Pipeline::align_jobs`], reusing the language checks the first pass
    /// kept ([`Pipeline::count_evidence_checked`] over the same `jobs`)
    /// instead of classifying again; the outcomes are the same. A job with no
    /// check kept (it failed, or `checks` is shorter) or whose text changed
    /// since is checked again.
    pub fn align_jobs_checked<E>(
        &self,
        jobs: &[DocJob],
        checks: &Checks,
        learned: &Learned,
        tick: &(dyn Fn() + Sync),
        mut each: impl FnMut(Outcome) -> Result<(), E>,
    ) -> Result<(), E> {
        let chunk = |c: usize| -> Vec<Outcome> {
            let items: Vec<(usize, &DocJob, Option<&JobCheck>)> = jobs
                [c * CHUNK..jobs.len().min((c + 1) * CHUNK)]
                .iter()
                .enumerate()
                .map(|(i, d)| (c * CHUNK + i, d, checks.get(c * CHUNK + i)))
                .collect();
            self.map(&items, |&(i, d, known)| {
                let (prepared, read) = match checks.1.take(i, d).filter(|(p, _)| same_sources(d, p)) {
                    Some((p, read)) => (Ok(p), read),
                    None => (self.prepare_job_with(d.clone(), known).map(|(p, _)| p), None),
                };
                let o = prepared.map(|p| {
                    let r = match read {
                        Some(read) => self.records_read(&p, read, learned),
                        None => self.records_learned(&p, learned),
                    };
                    (p, r)
                });
                tick();
                o
            })
        };
        // in parallel, the next chunk is made while this thread hands the last
        // one to `each` (which writes records in the CLI): the workers do not
        // wait for it, and two chunks at most are held at once
        prepare::overlapped(jobs.len().div_ceil(CHUNK), self.parallel, chunk, |done| {
            done.into_iter().try_for_each(&mut each)
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The splitters of both languages.
    pub fn splitters(&self) -> &Splitters {
        &self.splitters
    }

    /// Read, check, normalize and split one document.
    pub fn prepare(&self, src: SourceDoc, id: &str, lang: Lang) -> Result<PreparedDoc, CorpusError> {
        self.prepare_with(src, id, lang, None).map(|(d, _)| d)
    }

    /// [`Pipeline::prepare`], reusing the language check `known` when it was
    /// made on the same text; with the check made (or reused), if any.
    fn prepare_with(
        &self,
        src: SourceDoc,
        id: &str,
        lang: Lang,
        known: Option<&SideCheck>,
    ) -> Result<(PreparedDoc, Option<SideCheck>), CorpusError> {
        let normalizer = match lang {
            Lang::Kk => &self.normalizers[0],
            Lang::En => &self.normalizers[1],
        };
        let mut doc = prepare::prepare(src, id, lang, normalizer, self.splitters.get(lang), self.parallel)?;
        if self.config.lang_check == LangCheck::Off {
            return Ok((doc, None));
        }
        let check = match known.filter(|k| k.fits(&doc.sha256, doc.sentences.len())) {
            Some(k) => {
                doc.langs = k.langs();
                k.clone()
            }
            None => {
                let verdict = self.classify(&doc.sentences);
                let check = SideCheck::new(&doc.sha256, verdict.lang, &verdict.sent_langs);
                doc.langs = verdict.sent_langs;
                check
            }
        };
        let found = check.lang;
        let own = prepare::own_lang(lang);
        if found != own && found != kazpar_lang::Lang::Und {
            let name = |l: kazpar_lang::Lang| l.name().to_string();
            if self.config.lang_check == LangCheck::Skip {
                return Err(CorpusError::WrongLanguage {
                    path: doc.path,
                    expected: lang.code().into(),
                    found: found.code().into(),
                    found_name: name(found),
                    expected_name: name(own),
                });
            }
            doc.warnings.push(kazpar_corpus::Warning {
                line: 1,
                kind: kazpar_corpus::WarningKind::WrongLanguage,
                message: format!(
                    "{} text, not {} (kept: --lang-check warn)",
                    name(found),
                    name(own)
                ),
            });
        }
        Ok((doc, Some(check)))
    }

    /// The language check of a document's sentences: [`kazpar_lang::classify_doc`]
    /// on their texts; a long document's sentences are scored in parallel
    /// (each on its own) when the pipeline is.
    fn classify(&self, sentences: &[Sentence]) -> kazpar_lang::DocVerdict {
        let c = kazpar_lang::Classifier::builtin();
        let chunks: Vec<&[Sentence]> = sentences.chunks(LANG_CHUNK).collect();
        let scores: Vec<kazpar_lang::Scores> = prepare::map_pieces(&chunks, self.parallel, |part| {
            c.scores_many(part.iter().map(|s| s.text.as_str()))
        })
        .into_iter()
        .flatten()
        .collect();
        c.verdict(&scores)
    }

    /// Prepare both sides of a job. When one side fails, the other is left out
    /// too (a `partner-failed` error for it): a Kazakh document whose
    /// translation exists is not published as "to translate". The errors come
    /// Kazakh side first.
    pub fn prepare_job(&self, job: DocJob) -> Result<PreparedPair, Vec<CorpusError>> {
        self.prepare_job_with(job, None).map(|(p, _)| p)
    }

    /// [`Pipeline::prepare_job`], reusing the language checks `known`; with
    /// the checks made (or reused).
    fn prepare_job_with(
        &self,
        job: DocJob,
        known: Option<&JobCheck>,
    ) -> Result<(PreparedPair, JobCheck), Vec<CorpusError>> {
        let kk = self.prepare_with(job.kk, &job.id, Lang::Kk, known.and_then(|k| k.kk.as_ref()));
        let en = job
            .en
            .map(|p| self.prepare_with(p, &job.id, Lang::En, known.and_then(|k| k.en.as_ref())));
        let partner = |path: &Path, failed: &CorpusError| CorpusError::PartnerFailed {
            path: path.to_path_buf(),
            partner: failed.path().to_path_buf(),
        };
        match (kk, en) {
            (Ok((kk, kc)), en) => match en.transpose() {
                Ok(en) => {
                    let (en, ec) = en.map_or((None, None), |(d, c)| (Some(d), c));
                    Ok((PreparedPair { kk, en }, JobCheck { kk: kc, en: ec }))
                }
                Err(e) => Err(vec![partner(&kk.path, &e), e]),
            },
            (Err(e), en) => {
                let mut out = vec![e];
                match en {
                    Some(Err(e2)) => out.push(e2),
                    Some(Ok((en, _))) => out.push(partner(&en.path, &out[0])),
                    None => {}
                }
                Err(out)
            }
        }
    }

    /// Align many document pairs together: a first pass, a word table learned
    /// from its confident `1-1` pairs across all of them, and a second pass.
    /// One list of beads per pair, in order.
    pub fn align_pairs(&self, pairs: &[(&PreparedDoc, &PreparedDoc)]) -> Vec<Vec<Bead>> {
        let docs: Vec<kazpar_align::DocPair> = pairs
            .iter()
            .map(|(kk, en)| kazpar_align::DocPair {
                kk: kk.align_input(),
                en: en.align_input(),
            })
            .collect();
        self.aligner.align_corpus(&docs)
    }

    /// Align one document pair on its own: as [`Pipeline::align_pairs`], but a
    /// pair with fewer than [`MIN_SENTENCES_TO_LEARN_ALONE`] sentences learns
    /// no word table.
    pub fn align_one(&self, kk: &PreparedDoc, en: &PreparedDoc) -> Vec<Bead> {
        let docs = [kazpar_align::DocPair {
            kk: kk.align_input(),
            en: en.align_input(),
        }];
        let long = kk.sentences.len() + en.sentences.len() >= MIN_SENTENCES_TO_LEARN_ALONE;
        let aligner = self.aligner.clone().learn_lexicon(long);
        aligner.align_corpus(&docs).pop().unwrap_or_default()
    }

    /// Align the prepared documents (those with English together, so the word
    /// table is learned across the batch) and make each document's records, in order.
    pub fn align_documents(&self, docs: &[PreparedPair]) -> Vec<Vec<PairRecord>> {
        let pairs: Vec<(&PreparedDoc, &PreparedDoc)> = docs
            .iter()
            .filter_map(|d| d.en.as_ref().map(|en| (&d.kk, en)))
            .collect();
        let mut aligned = self.align_pairs(&pairs).into_iter();
        docs.iter()
            .map(|d| {
                let beads = d.en.as_ref().map(|_| aligned.next().unwrap_or_default());
                records(&d.kk, d.en.as_ref().zip(beads.as_deref()))
            })
            .collect()
    }

    /// The first pass over one prepared document pair: what its confident
    /// beads teach the second pass (empty without English). Evidence of all
    /// the documents, merged ([`Evidence::merge`]) in any order and in any
    /// number of pieces, gives [`Pipeline::learn`] what
    /// [`Pipeline::align_documents`] learns from them at once.
    pub fn evidence(&self, doc: &PreparedPair) -> Evidence {
        match &doc.en {
            Some(en) => self.aligner.evidence(&kazpar_align::DocPair {
                kk: doc.kk.align_input(),
                en: en.align_input(),
            }),
            None => Evidence::new(),
        }
    }

    /// The word table and length ratio learned from a corpus's evidence.
    pub fn learn(&self, evidence: &Evidence) -> Learned {
        self.aligner.learn(evidence)
    }

    /// The second pass over one prepared document: its records, the same as
    /// [`Pipeline::align_documents`] gives when `learned` comes from the
    /// evidence of the same documents. Documents with no English need nothing learned.
    pub fn records_learned(&self, doc: &PreparedPair, learned: &Learned) -> Vec<PairRecord> {
        match &doc.en {
            Some(en) => {
                let beads = self.aligner.align_learned(
                    &kazpar_align::DocPair {
                        kk: doc.kk.align_input(),
                        en: en.align_input(),
                    },
                    learned,
                );
                records::records_with(&doc.kk, Some((en, &beads)), self.parallel)
            }
            None => records::records_with(&doc.kk, None, self.parallel),
        }
    }

    /// [`Pipeline::records_learned`] of a document the first pass read
    /// (`read`, from the same document), without reading it again.
    fn records_read(
        &self,
        doc: &PreparedPair,
        read: kazpar_align::ReadDoc,
        learned: &Learned,
    ) -> Vec<PairRecord> {
        match &doc.en {
            Some(en) => {
                let beads = self.aligner.align_learned_read(&read, learned);
                // the reading is a book's largest table: gone before its records are made
                drop(read);
                records::records_with(&doc.kk, Some((en, &beads)), self.parallel)
            }
            None => records::records_with(&doc.kk, None, self.parallel),
        }
    }

    /// The whole pipeline over `jobs`, sequentially: prepare, align, records,
    /// manifest (input paths relative to `root`). Errors are skipped and
    /// listed in the manifest.
    pub fn build(&self, jobs: impl IntoIterator<Item = DocJob>, root: &Path) -> Built {
        self.build_with_errors(&[], jobs, root)
    }

    /// [`Pipeline::build`] over a batch ([`DocJob::from_jsonl`],
    /// [`DocJob::from_records`]): its unusable records are listed in the
    /// manifest as skipped, as `kazpar build --jsonl` does.
    /// With a shard in the configuration, only that shard's jobs are built.
    pub fn build_batch(&self, mut batch: Batch) -> Built {
        if let Some(shard) = self.config.shard {
            batch.keep_shard(shard);
        }
        self.build_with_errors(&batch.errors, batch.jobs, Path::new(""))
    }

    fn build_with_errors(
        &self,
        errors: &[CorpusError],
        jobs: impl IntoIterator<Item = DocJob>,
        root: &Path,
    ) -> Built {
        let jobs: Vec<DocJob> = jobs.into_iter().collect();
        let mut manifest = ManifestBuilder::new(&self.config, root);
        errors.iter().for_each(|e| manifest.skip(e));
        let (evidence, checks) = self.count_evidence_checked(&jobs, &|| {});
        let learned = self.learn(&evidence);
        drop(evidence);
        let mut records = Vec::new();
        let done: Result<(), std::convert::Infallible> =
            self.align_jobs_checked(&jobs, &checks, &learned, &|| {}, |o| {
                match o {
                    Ok((p, r)) => {
                        manifest.add_document(&p, &r);
                        records.extend(r);
                    }
                    Err(errs) => errs.iter().for_each(|e| manifest.skip(e)),
                }
                Ok(())
            });
        let Ok(()) = done;
        Built {
            records,
            manifest: manifest.finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pipeline_and_its_items_can_be_shared_and_sent_across_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Pipeline>();
        shared::<DocJob>();
        shared::<PreparedPair>();
        shared::<ManifestBuilder>();
    }

    #[test]
    fn a_failed_english_side_leaves_the_kazakh_side_out_too() {
        let p = Pipeline::new(Config::default());
        let kk = DocRecord::new("d", "kk", "Бір сөйлем.");
        let en = DocRecord::new("d", "en", "");
        let mut batch = DocJob::from_records("b.jsonl", [(1, kk), (2, en)]);
        let errs = p.prepare_job(batch.jobs.remove(0)).unwrap_err();
        let reasons: Vec<&str> = errs.iter().map(|e| e.reason()).collect();
        assert_eq!(reasons, ["partner-failed", "empty"]);
        let built = p.build(
            DocJob::from_records(
                "b.jsonl",
                [
                    (1, DocRecord::new("d", "kk", "Бір сөйлем.")),
                    (2, DocRecord::new("d", "en", "")),
                ],
            )
            .jobs,
            Path::new(""),
        );
        assert!(built.records.is_empty());
        assert_eq!(built.manifest.counts["skipped_files"], 2);
    }

    #[test]
    fn the_second_pass_reusing_the_first_pass_checks_gives_the_same_outcomes() {
        let batch = || {
            DocJob::from_records(
                "b.jsonl",
                [
                    (
                        1,
                        DocRecord::new(
                            "a",
                            "kk",
                            "Біз бүгін кездесуге бардық. Мы сегодня пошли на встречу. 2025.",
                        ),
                    ),
                    (
                        2,
                        DocRecord::new("a", "en", "We went to the meeting today. 2025."),
                    ),
                    (
                        3,
                        DocRecord::new("b", "kk", "Мы сегодня пошли на встречу, и она была долгой."),
                    ),
                    (4, DocRecord::new("c", "kk", "Ол ұзаққа созылды.")),
                ],
            )
            .jobs
        };
        for check in [LangCheck::Skip, LangCheck::Warn, LangCheck::Off] {
            let p = Pipeline::new(Config {
                lang_check: check,
                ..Config::default()
            });
            let jobs = batch();
            let (ev, checks) = p.count_evidence_checked(&jobs, &|| {});
            assert_eq!(ev, p.count_evidence(&jobs, &|| {}));
            assert_eq!(checks.len(), jobs.len());
            let learned = p.learn(&ev);
            let outcomes = |checks: &Checks| {
                let mut out = Vec::new();
                let done: Result<(), ()> = p.align_jobs_checked(&jobs, checks, &learned, &|| {}, |o| {
                    out.push(match o {
                        Ok((pp, r)) => Ok((pp.kk.langs, pp.kk.warnings.len(), pp.en.map(|e| e.langs), r)),
                        Err(e) => Err(e.iter().map(|e| e.to_string()).collect::<Vec<_>>()),
                    });
                    Ok(())
                });
                done.unwrap();
                out
            };
            let fresh = outcomes(&Checks::new());
            assert_eq!(outcomes(&checks), fresh);
            // checks of other documents are not taken for these
            let (_, other) = p.count_evidence_checked(&batch()[1..], &|| {});
            assert_eq!(outcomes(&other), fresh);
            if check != LangCheck::Off {
                let Ok((pp, ..)) = &fresh[0] else { panic!() };
                assert_eq!(
                    pp,
                    &[
                        kazpar_lang::Lang::Kk,
                        kazpar_lang::Lang::Ru,
                        kazpar_lang::Lang::Und
                    ]
                );
                assert_eq!(fresh[1].is_err(), check == LangCheck::Skip);
            }
        }
    }

    /// A long one-line document with some damage for the normalizer: soft
    /// hyphens, Latin lookalikes, odd and doubled spaces, a Russian sentence.
    fn long_line(sentences: usize) -> String {
        let words = [
            "бiр",
            "Қазақ\u{00AD}стан",
            "жаңа",
            "заң",
            "қабылдады",
            "мен",
            "әкiм",
            "бүгін",
            "кездесуге",
            "бардық",
            "2025",
            "жылы",
            "т.б.",
            "«Ақ",
            "жол»",
            "пайыз",
        ];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut out = String::from("Ұзақ құжат\n");
        for i in 0..sentences {
            if i % 97 == 5 {
                out.push_str("Мы сегодня пошли на встречу. ");
                continue;
            }
            out.push_str("Бұл");
            for _ in 0..4 + next(10) {
                out.push_str([" ", " ", " ", "\u{00A0}", "  "][next(5)]);
                out.push_str(words[next(words.len())]);
            }
            out.push_str([". ", ". ", "! ", "? "][next(4)]);
        }
        out
    }

    #[test]
    fn a_writer_who_drops_capitals_is_known_by_the_whole_document() {
        // the lowercase `i` is in the second paragraph; the first one is split
        // as a casual writer's text too, as `kazpar split` on the whole text does
        let text = "We called the shop. nobody answered.\nmaybe i will go there.\n";
        let rec = DocRecord::new("d", "en", text);
        let p = Pipeline::new(Config::default());
        let doc = p
            .prepare(SourceDoc::record(rec, "b.jsonl:1"), "d", Lang::En)
            .unwrap();
        let sents: Vec<&str> = doc.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            sents,
            [
                "We called the shop.",
                "nobody answered.",
                "maybe i will go there."
            ]
        );
        let whole = kazpar_split::Splitter::new(kazpar_split::Lang::En);
        let spans: Vec<&str> = whole.split(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(sents, spans);
    }

    #[cfg(feature = "rayon")]
    #[test]
    fn a_long_one_line_document_is_prepared_the_same_in_parallel() {
        let text = long_line(12000);
        assert!(text.len() > 4 * prepare::LONG_PARAGRAPH);
        let rec = DocRecord::new("d", "kk", &text);
        let prep = |parallel: bool| {
            let p = Pipeline::new(Config::default()).parallel(parallel);
            let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
            pool.install(|| p.prepare(SourceDoc::record(rec.clone(), "b.jsonl:1"), "d", Lang::Kk))
                .unwrap()
        };
        let (one, many) = (prep(false), prep(true));
        assert!(one.sentences.len() > 4096, "{}", one.sentences.len());
        assert!(one.normalization["soft-hyphen"] > 0 && one.normalization["latin-in-cyrillic"] > 0);
        assert!(one.langs.contains(&kazpar_lang::Lang::Ru));
        assert_eq!(one.sentences, many.sentences);
        assert_eq!(one.normalization, many.normalization);
        assert_eq!(one.langs, many.langs);
        assert_eq!(one.warnings, many.warnings);
        // a long document's records are made in chunks in parallel: the same
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        let beads: Vec<Bead> = (0..one.sentences.len())
            .map(|i| Bead {
                kk: i..i + 1,
                en: i / 2..i.div_ceil(2),
                score: 0.5,
            })
            .collect();
        for en in [None, Some((&one, &beads[..]))] {
            let par = pool.install(|| records::records_with(&one, en, true));
            assert_eq!(par, records(&one, en));
        }
    }

    #[test]
    fn the_first_pass_keeps_a_chunk_of_documents_and_a_changed_file_is_prepared_again() {
        let dir = tempfile::tempdir().unwrap();
        let (kk, en) = (dir.path().join("kk.txt"), dir.path().join("en.txt"));
        std::fs::write(&kk, long_line(300)).unwrap();
        std::fs::write(&en, "Long document\nWe went to the meeting today. It was long.").unwrap();
        let jobs = vec![DocJob {
            id: "d".into(),
            kk: SourceDoc::file(&kk),
            en: Some(SourceDoc::file(&en)),
        }];
        let p = Pipeline::new(Config::default());
        let (ev, checks) = p.count_evidence_checked(&jobs, &|| {});
        let learned = p.learn(&ev);
        let second = |checks: &Checks| {
            let mut out = Vec::new();
            let done: Result<(), ()> = p.align_jobs_checked(&jobs, checks, &learned, &|| {}, |o| {
                let (pp, r) = o.unwrap();
                out.push((
                    pp.kk.sentences,
                    pp.kk.normalization,
                    pp.kk.langs,
                    pp.en.map(|e| e.sentences),
                    r,
                ));
                Ok(())
            });
            done.unwrap();
            out
        };
        let fresh = second(&Checks::new());
        // the kept documents are taken once, and give what preparing again gives
        assert!(checks.1.held.lock().unwrap()[0].is_some());
        assert_eq!(second(&checks), fresh);
        assert!(checks.1.held.lock().unwrap()[0].is_none());
        // a file changed since the first pass is read again
        let (_, checks) = p.count_evidence_checked(&jobs, &|| {});
        std::fs::write(&en, "Long document\nWe went to the meeting today.").unwrap();
        let changed = second(&checks);
        assert_eq!(changed, second(&Checks::new()));
        assert_ne!(changed, fresh);
    }

    #[test]
    fn a_corpus_of_more_than_a_chunk_spills_and_gives_the_same_outcomes() {
        let dir = tempfile::tempdir().unwrap();
        let mut jobs = Vec::new();
        for i in 0..CHUNK + 40 {
            let (kk, en) = (
                dir.path().join(format!("kk{i}.txt")),
                dir.path().join(format!("en{i}.txt")),
            );
            // a header, no header (a warning), a Latin lookalike to normalize,
            // an empty file (an error), no English
            let head = if i % 7 == 0 {
                String::new()
            } else {
                format!("date 2024-0{}-11 Тақырып {i}\n", i % 9 + 1)
            };
            let kk_text = format!(
                "{head}Біз {i} рет кездесуге бардық. Ол ұзаққа сoзылды; бәрі {} адам.\nЕкінші абзац.",
                i * 3
            );
            std::fs::write(&kk, if i % 50 == 3 { String::new() } else { kk_text }).unwrap();
            std::fs::write(
                &en,
                format!("date 2024-01-11 Title {i}\nWe went to the meeting {i} times. It was long; all {} people.\nA second paragraph.", i * 3),
            )
            .unwrap();
            jobs.push(DocJob {
                id: format!("d{i}"),
                kk: SourceDoc::file(&kk),
                en: (i % 11 != 5).then(|| SourceDoc::file(&en)),
            });
        }
        let plain = Pipeline::new(Config::default());
        let spilling = Pipeline::new(Config::default()).spill_to(dir.path());
        let (ev, checks) = spilling.count_evidence_checked(&jobs, &|| {});
        assert_eq!(ev, plain.count_evidence(&jobs, &|| {}));
        assert!(checks.1.spill.is_some(), "more than a chunk is kept on disk");
        let learned = plain.learn(&ev);
        let second = |p: &Pipeline, checks: &Checks| {
            let mut out = Vec::new();
            let done: Result<(), ()> = p.align_jobs_checked(&jobs, checks, &learned, &|| {}, |o| {
                out.push(match o {
                    Ok(done) => format!("{done:?}"),
                    Err(e) => format!("{e:?}"),
                });
                Ok(())
            });
            done.unwrap();
            out
        };
        let fresh = second(&plain, &Checks::new());
        assert!(fresh.iter().any(|o| o.contains("NoHeader")) && fresh.iter().any(|o| o.contains("Empty")));
        // the spilled documents are taken once: the first job only here
        assert!(checks.1.take(1, &jobs[1]).is_some());
        assert!(checks.1.take(1, &jobs[1]).is_none());
        std::fs::write(dir.path().join("en2.txt"), "A file changed between the passes.").unwrap();
        let mut want = fresh.clone();
        want[2] = second(&plain, &Checks::new())[2].clone();
        assert_ne!(want[2], fresh[2]);
        let got = second(&spilling, &checks);
        assert_eq!(got[0], fresh[0]);
        assert_eq!(
            &got[2..],
            &want[2..],
            "the changed file is read again, the others come from the spill"
        );
        // in parallel, chunks overlap with handing the last one over: the
        // same outcomes in the same order, and an error from `each` stops it
        #[cfg(feature = "rayon")]
        {
            let par = Pipeline::new(Config::default()).parallel(true);
            let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
            assert_eq!(pool.install(|| second(&par, &Checks::new())), want);
            let mut seen = 0;
            let stopped: Result<(), usize> = pool.install(|| {
                par.align_jobs(&jobs, &learned, &|| {}, |_| {
                    seen += 1;
                    if seen == CHUNK + 3 {
                        Err(seen)
                    } else {
                        Ok(())
                    }
                })
            });
            assert_eq!(stopped, Err(CHUNK + 3));
        }
    }

    #[test]
    fn record_spans_point_into_the_synthesized_header_file() {
        let mut kk = DocRecord::new("d", "kk", "Бірінші сөйлем.");
        kk.date = Some("2025-11-20".into());
        kk.title = Some("Тақырып".into());
        let file = String::from_utf8(kk.clone().into_file_bytes()).unwrap();
        assert_eq!(file, "date 2025-11-20 Тақырып\nБірінші сөйлем.");
        let built =
            Pipeline::new(Config::default()).build(DocJob::from_records("b", [(1, kk)]).jobs, Path::new(""));
        let texts: Vec<&str> = built
            .records
            .iter()
            .map(|r| &file[r.kk_spans[0][0]..r.kk_spans[0][1]])
            .collect();
        assert_eq!(texts, ["Тақырып", "Бірінші сөйлем."]);
        assert_eq!(built.records[0].date.as_deref(), Some("2025-11-20"));
        assert_eq!(built.records[0].kind, "1-0");
    }
}
