//! `kazpar build`: a corpus folder in, `pairs.jsonl` and `manifest.json` out.
//!
//! Documents are read, normalized and split in parallel; each document pair
//! is aligned; records are then written in document order, so the output
//! never depends on the thread count.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kazpar_corpus::{
    scan_corpus, CorpusError, DocFiles, Document, InputFile, Lang, Manifest, PairRecord, Skipped,
};
use rayon::prelude::*;

use crate::cmd::split::Splitters;
use crate::io::{display_name, read_bytes, write_output};

/// Flags of `kazpar build`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  kazpar build                      # corpus/ -> out/
  kazpar build ~/news -o ~/news-pairs --threads 2
  kazpar build ~/news -o part-3 --shard 3/8      # one of 8 jobs (e.g. a Slurm array)
  kazpar build --jsonl - -o - < docs.jsonl > pairs.jsonl   # a stdin -> stdout filter

The corpus folder holds kk/<id>.txt and, where a translation exists, en/<id>.txt.
With --jsonl, each record is one document; a Kazakh and an English record with the same id
are translations of each other. Its spans point into the document as it would be written as
a file: the line `date <date> <title>` (when date or title is given), then `text`.
With --shard I/N only the documents whose id hashes to shard I (1..=N) are built, so N jobs
on the same corpus cover every document exactly once, and adding documents does not move the
others. Each shard learns its own alignment word table, so a document's pairs can differ
slightly from a single run over the whole corpus.
Exit codes: 0 all documents used; 1 some files skipped (see stderr and manifest.json); 2 fatal error.")]
pub struct Args {
    /// Corpus folder with kk/ and en/ sub-folders.
    #[arg(default_value = "corpus")]
    pub corpus: PathBuf,
    /// Output folder for pairs.jsonl and manifest.json, or - to print the pairs on stdout
    /// (no manifest; the summary and skipped files still go to stderr).
    #[arg(short, long, default_value = "out")]
    pub output: PathBuf,
    /// Read the documents from a JSONL file (or - for stdin) instead of a corpus folder:
    /// one document per line, {"id", "lang": "kk"|"en", "date", "title", "text"}.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
    /// No progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Build only shard I of N (by a hash of the document id), e.g. `3/8`.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<(u64, u64)>,
}

fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let bad = || format!("{s:?}: expected I/N with 1 <= I <= N, e.g. 3/8");
    let (i, n) = s.split_once('/').ok_or_else(bad)?;
    let (i, n): (u64, u64) = (
        i.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if i == 0 || i > n {
        return Err(bad());
    }
    Ok((i, n))
}

/// The shard (1..=n) a document id belongs to: FNV-1a of its UTF-8 bytes, so
/// it depends on nothing but the id.
fn shard_of(id: &str, n: u64) -> u64 {
    let h = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    });
    h % n + 1
}

/// One sentence of a prepared document.
struct Sent {
    /// Normalized text.
    text: String,
    /// Byte span in the source file.
    span: [usize; 2],
    /// Paragraph (line) number; the title is paragraph 0.
    para: usize,
}

/// A document read, normalized and split.
struct Prepared {
    doc: Document,
    sents: Vec<Sent>,
    bytes: u64,
    sha256: String,
    normalization: BTreeMap<String, usize>,
}

/// Where a document's bytes come from.
enum Source {
    /// A file of a corpus folder.
    File(PathBuf),
    /// A record of a JSONL batch, already in the file format, named `FILE:LINE`.
    Record(PathBuf, Vec<u8>),
}

/// One document id to build: its Kazakh document and, if any, its English one.
struct Job {
    id: String,
    kk: Source,
    en: Option<Source>,
}

impl Source {
    fn path(&self) -> &Path {
        match self {
            Source::File(p) | Source::Record(p, _) => p,
        }
    }
}

fn prepare(src: Source, id: &str, lang: Lang, splitters: &Splitters) -> Result<Prepared, CorpusError> {
    let (path, bytes) = match src {
        Source::File(path) => {
            let bytes = std::fs::read(&path).map_err(|source| CorpusError::Io {
                path: path.clone(),
                source,
            })?;
            (path, bytes)
        }
        Source::Record(path, bytes) => (path, bytes),
    };
    let sha256 = kazpar_corpus::sha256_hex(&bytes);
    let size = bytes.len() as u64;
    let doc = Document::parse(id, lang, path, bytes)?;
    let (normalizer, splitter) = match lang {
        Lang::Kk => (kazpar_text::Normalizer::new(kazpar_text::Lang::Kk), &splitters.kk),
        Lang::En => (kazpar_text::Normalizer::new(kazpar_text::Lang::En), &splitters.en),
    };
    let mut sents = Vec::new();
    let mut normalization = BTreeMap::new();
    for (para, p) in doc.paragraphs.iter().enumerate() {
        let n = normalizer.normalize(doc.slice(&p.range));
        for c in n.changes() {
            *normalization.entry(c.rule.name().to_string()).or_insert(0) += 1;
        }
        for r in splitter.split(n.text()) {
            let orig = n.original_range(r.clone());
            sents.push(Sent {
                text: n.text()[r].to_string(),
                span: [p.range.start + orig.start, p.range.start + orig.end],
                para,
            });
        }
    }
    Ok(Prepared {
        doc,
        sents,
        bytes: size,
        sha256,
        normalization,
    })
}

/// A document id that went through: its documents (records come after alignment).
struct Done {
    kk: Prepared,
    en: Option<Prepared>,
}

/// The outcome for one document id: done, or the files skipped and why.
type Outcome = Result<Done, Vec<CorpusError>>;

fn process(job: Job, splitters: &Splitters) -> Outcome {
    let kk = prepare(job.kk, &job.id, Lang::Kk, splitters);
    let en = job.en.map(|p| prepare(p, &job.id, Lang::En, splitters));
    let partner = |path: &Path, failed: &CorpusError| CorpusError::PartnerFailed {
        path: path.to_path_buf(),
        partner: failed.path().to_path_buf(),
    };
    match (kk, en) {
        (Ok(kk), en) => match en.transpose() {
            Ok(en) => Ok(Done { kk, en }),
            Err(e) => Err(vec![partner(&kk.doc.path, &e), e]),
        },
        (Err(e), en) => {
            let mut out = Vec::new();
            match en {
                Some(Err(e2)) => out.push(e2),
                Some(Ok(en)) => out.push(partner(&en.doc.path, &e)),
                None => {}
            }
            out.insert(0, e);
            Err(out)
        }
    }
}

/// One line of a `--jsonl` batch.
#[derive(serde::Deserialize)]
struct JsonDoc {
    id: String,
    lang: String,
    date: Option<String>,
    title: Option<String>,
    text: String,
}

/// A document's line and source in a JSONL batch.
type Slot = Option<(usize, Source)>;

/// Read a JSONL batch into jobs (in id order) and the records that cannot be used.
fn read_jsonl(path: &Path) -> Result<(Vec<Job>, Vec<CorpusError>)> {
    let name = PathBuf::from(display_name(path));
    let bytes = read_bytes(path)?;
    let bad = |line: usize, message: String| CorpusError::BadRecord {
        path: name.clone(),
        line,
        message,
    };
    let mut docs: BTreeMap<String, (Slot, Slot)> = BTreeMap::new();
    let mut errors = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = i + 1;
        let Ok(text) = std::str::from_utf8(raw) else {
            errors.push(bad(line, "not valid UTF-8".into()));
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        let d: JsonDoc = match serde_json::from_str(text) {
            Ok(d) => d,
            Err(e) => {
                errors.push(bad(
                    line,
                    format!("expected {{\"id\", \"lang\", \"text\", …}}: {e}"),
                ));
                continue;
            }
        };
        let lang = match d.lang.as_str() {
            "kk" => Lang::Kk,
            "en" => Lang::En,
            other => {
                errors.push(bad(line, format!("lang is {other:?}, expected \"kk\" or \"en\"")));
                continue;
            }
        };
        if d.id.trim().is_empty() || d.id.contains(['\n', '\r']) {
            errors.push(bad(line, format!("id {:?} is empty or holds a line break", d.id)));
            continue;
        }
        let mut file = String::new();
        if d.date.is_some() || d.title.is_some() {
            let (date, title) = (d.date.as_deref().unwrap_or(""), d.title.as_deref().unwrap_or(""));
            file.push_str(&format!("date {date} {title}\n"));
        }
        file.push_str(&d.text);
        let src = Source::Record(
            PathBuf::from(format!("{}:{line}", name.display())),
            file.into_bytes(),
        );
        let entry = docs.entry(d.id.clone()).or_insert((None, None));
        let slot = if lang == Lang::Kk {
            &mut entry.0
        } else {
            &mut entry.1
        };
        match slot {
            Some((first, _)) => errors.push(bad(
                line,
                format!(
                    "document {:?} ({}) already given on line {first}",
                    d.id,
                    lang.code()
                ),
            )),
            None => *slot = Some((line, src)),
        }
    }
    let mut jobs = Vec::new();
    for (id, (kk, en)) in docs {
        match (kk, en) {
            (Some((_, kk)), en) => jobs.push(Job {
                id,
                kk,
                en: en.map(|e| e.1),
            }),
            (None, Some((_, en))) => errors.push(CorpusError::Orphan {
                path: en.path().to_path_buf(),
                expected: PathBuf::from(format!("a kk record with id {id:?}")),
            }),
            (None, None) => {}
        }
    }
    Ok((jobs, errors))
}

fn records(kk: &Prepared, en: Option<(&Prepared, &[kazpar_align::Bead])>) -> Vec<PairRecord> {
    let id = &kk.doc.id;
    let date = kk.doc.date.clone();
    let join = |p: &Prepared, idx: &[usize]| -> Option<String> {
        if idx.is_empty() {
            None
        } else {
            Some(
                idx.iter()
                    .map(|&i| p.sents[i].text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        }
    };
    let spans = |p: &Prepared, idx: &[usize]| idx.iter().map(|&i| p.sents[i].span).collect::<Vec<_>>();
    let Some((en, beads)) = en else {
        return (0..kk.sents.len())
            .map(|i| PairRecord {
                id: PairRecord::make_id(id, i),
                doc: id.clone(),
                date: date.clone(),
                kk: Some(kk.sents[i].text.clone()),
                en: None,
                kind: "1-0".into(),
                score: None,
                kk_idx: vec![i],
                en_idx: vec![],
                kk_spans: vec![kk.sents[i].span],
                en_spans: vec![],
            })
            .collect();
    };
    beads
        .iter()
        .enumerate()
        .map(|(n, b)| {
            let ki: Vec<usize> = b.kk.clone().collect();
            let ei: Vec<usize> = b.en.clone().collect();
            PairRecord {
                id: PairRecord::make_id(id, n),
                doc: id.clone(),
                date: date.clone(),
                kk: join(kk, &ki),
                en: join(en, &ei),
                kind: b.kind(),
                score: Some((b.score * 1e4).round() / 1e4),
                kk_spans: spans(kk, &ki),
                en_spans: spans(en, &ei),
                kk_idx: ki,
                en_idx: ei,
            }
        })
        .collect()
}

fn sentences(p: &Prepared) -> Vec<kazpar_align::Sentence<'_>> {
    p.sents
        .iter()
        .map(|s| kazpar_align::Sentence {
            text: &s.text,
            para: s.para,
        })
        .collect()
}

fn rel(root: &Path, path: &Path) -> String {
    let p = path.strip_prefix(root).unwrap_or(path);
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn input_file(root: &Path, p: &Prepared) -> InputFile {
    InputFile {
        path: rel(root, &p.doc.path),
        doc: p.doc.id.clone(),
        lang: p.doc.lang.code().to_string(),
        bytes: p.bytes,
        sha256: p.sha256.clone(),
        sentences: p.sents.len(),
        warnings: p.doc.warnings.clone(),
        normalization: p.normalization.clone(),
    }
}

fn progress(n: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} documents ({eta})",
        )
        .expect("valid template"),
    );
    bar
}

/// Run `kazpar build`.
pub fn run(args: Args) -> Result<u8> {
    let start = Instant::now();
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot set up worker threads")?;
    }
    let root = args.corpus.as_path();
    let (mut jobs, mut bad_inputs) = match &args.jsonl {
        Some(path) => read_jsonl(path)?,
        None => {
            let scan = scan_corpus(root)?;
            let jobs = scan
                .docs
                .into_iter()
                .map(|d: DocFiles| Job {
                    id: d.id,
                    kk: Source::File(d.kk),
                    en: d.en.map(Source::File),
                })
                .collect();
            (jobs, scan.orphans)
        }
    };
    if let Some((i, n)) = args.shard {
        jobs.retain(|d| shard_of(&d.id, n) == i);
        // folder orphans go with their id's shard; every shard reports bad JSONL records
        bad_inputs.retain(|e| {
            if args.jsonl.is_some() {
                return true;
            }
            let id = e
                .path()
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            shard_of(&id, n) == i
        });
    }
    let to_stdout = args.output.as_os_str() == "-";
    if !to_stdout {
        std::fs::create_dir_all(&args.output)
            .with_context(|| format!("{}: cannot create output folder", args.output.display()))?;
    }

    let splitters = Splitters::new();
    let bar = progress(jobs.len(), args.quiet);
    let outcomes: Vec<Outcome> = jobs
        .into_par_iter()
        .map(|d| {
            let o = process(d, &splitters);
            bar.inc(1);
            o
        })
        .collect();
    bar.finish_and_clear();

    let mut inputs = Vec::new();
    let mut skipped = Vec::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut normalization: BTreeMap<String, usize> = BTreeMap::new();
    // align all document pairs together: the word table is learned across the corpus
    let pairs: Vec<kazpar_align::DocPair> = outcomes
        .iter()
        .filter_map(|o| o.as_ref().ok())
        .filter_map(|d| d.en.as_ref().map(|en| (&d.kk, en)))
        .map(|(kk, en)| kazpar_align::DocPair {
            kk: sentences(kk),
            en: sentences(en),
        })
        .collect();
    let mut aligned = kazpar_align::Aligner::default().align_corpus(&pairs).into_iter();

    let mut report = |e: &CorpusError| {
        let message = e.to_string();
        if !args.quiet {
            eprintln!("kazpar: skipped {message}");
        }
        skipped.push(Skipped {
            path: rel(root, e.path()),
            reason: e.reason().to_string(),
            line: e.line(),
            message,
        });
    };
    for e in &bad_inputs {
        report(e);
    }
    // `-o -`: the pairs go to stdout (`write_output` reads `-` as stdout)
    let pairs_path = if to_stdout {
        PathBuf::from("-")
    } else {
        args.output.join("pairs.jsonl")
    };
    let mut all_records = Vec::new();
    for o in outcomes {
        match o {
            Err(errs) => {
                for e in &errs {
                    report(e);
                }
            }
            Ok(Done { kk, en }) => {
                let beads = en.as_ref().map(|_| aligned.next().unwrap_or_default());
                let records = records(&kk, en.as_ref().zip(beads.as_deref()));
                *counts.entry("documents".into()).or_insert(0) += 1;
                let key = if en.is_some() {
                    "documents_with_english"
                } else {
                    "documents_to_translate"
                };
                *counts.entry(key.into()).or_insert(0) += 1;
                for p in std::iter::once(&kk).chain(en.as_ref()) {
                    for w in &p.doc.warnings {
                        if !args.quiet {
                            eprintln!(
                                "kazpar: warning: {}:{}: {}",
                                p.doc.path.display(),
                                w.line,
                                w.message
                            );
                        }
                    }
                    for (rule, n) in &p.normalization {
                        *normalization.entry(rule.clone()).or_insert(0) += n;
                    }
                    inputs.push(input_file(root, p));
                }
                all_records.extend(records);
            }
        }
    }
    for r in &all_records {
        *counts.entry("pairs".into()).or_insert(0) += 1;
        *counts.entry(format!("kind_{}", r.kind)).or_insert(0) += 1;
        if r.en.is_none() {
            *counts.entry("sentences_to_translate".into()).or_insert(0) += r.kk_idx.len();
        }
    }
    counts.entry("skipped_files".into()).or_insert(skipped.len());
    skipped.sort_by(|a, b| a.path.cmp(&b.path));

    let write_pairs = |w: &mut dyn std::io::Write| -> std::io::Result<()> {
        for r in &all_records {
            serde_json::to_writer(&mut *w, r)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    };
    write_output(Some(&pairs_path), write_pairs)?;
    let mut settings = BTreeMap::new();
    settings.insert("normalize".to_string(), serde_json::json!("default"));
    settings.insert("split".to_string(), serde_json::json!("rules"));
    if let Some((i, n)) = args.shard {
        settings.insert("shard".to_string(), serde_json::json!(format!("{i}/{n}")));
    }
    settings.insert(
        "align".to_string(),
        serde_json::json!("two-pass, corpus-learned word table"),
    );
    let manifest = Manifest {
        tool: "kazpar".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        settings,
        inputs,
        skipped,
        counts,
        normalization,
    };
    if !to_stdout {
        let manifest_path = args.output.join("manifest.json");
        kazpar_corpus::write_atomic(&manifest_path, |w| {
            serde_json::to_writer_pretty(&mut *w, &manifest)?;
            w.write_all(b"\n")
        })
        .with_context(|| format!("{}: cannot write", manifest_path.display()))?;
    }

    if !args.quiet {
        let c = &manifest.counts;
        let get = |k: &str| c.get(k).copied().unwrap_or(0);
        let kinds: Vec<String> = c
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("kind_").map(|k| format!("{k}: {v}")))
            .collect();
        eprintln!(
            "kazpar: {} documents ({} with English, {} to translate), {} pairs ({}), {} sentences to translate, {} files skipped, {:.2}s -> {}",
            get("documents"),
            get("documents_with_english"),
            get("documents_to_translate"),
            get("pairs"),
            kinds.join(", "),
            get("sentences_to_translate"),
            manifest.skipped.len(),
            start.elapsed().as_secs_f64(),
            if to_stdout { "<stdout>".into() } else { pairs_path.display().to_string() },
        );
    }
    Ok(if manifest.skipped.is_empty() {
        crate::EXIT_OK
    } else {
        crate::EXIT_SKIPPED
    })
}
