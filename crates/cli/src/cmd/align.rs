//! `kazpar align KK EN`: two texts in, pair records (JSONL) out; or a JSONL batch of documents.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use kazpar_pipeline::{
    records, Config, CorpusError, DocJob, Lang, Lexicon, Method, PairRecord, Pipeline, PreparedDoc,
    PreparedPair,
};
use rayon::prelude::*;

use crate::io::{display_name, read_bytes, read_text, write_output};
use crate::par::set_threads;

/// Alignment methods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AlignMethod {
    /// Length, numbers, names, paragraphs and a learned word table.
    Kazpar,
    /// Gale and Church (1993): character lengths only.
    GaleChurch,
}

impl From<AlignMethod> for Method {
    fn from(m: AlignMethod) -> Self {
        match m {
            AlignMethod::Kazpar => Method::Kazpar,
            AlignMethod::GaleChurch => Method::GaleChurch,
        }
    }
}

/// Flags of `kazpar align`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  kazpar align kk.txt en.txt > pairs.jsonl
  kazpar align kk.txt en.txt | kazpar export --format tmx - > memory.tmx
  kazpar align --presplit kk.sents en.sents | jq -c '[.kk_idx, .en_idx]'
  kazpar align --jsonl docs.jsonl --presplit > pairs.jsonl   # many documents, one word table

Without --presplit the texts are split into sentences (kazpar split); each line is a
paragraph. With --presplit every non-empty line is one sentence, and blank lines separate
paragraphs. Texts are aligned as given (no normalization).
--jsonl reads documents as `kazpar build --jsonl` does, one per line,
{\"id\", \"lang\": \"kk\"|\"en\", \"date\", \"title\", \"text\"}, pairs them by id and aligns them all
with a word table learned across the whole batch, in id order (as build); `text` is aligned as given (the title is
not), `date` is copied to the records, and a Kazakh document with no English one gives its
sentences as 1-0 records. A line that is not such a record is named on stderr and skipped
(exit code 1).
Records are pairs.jsonl records (as `kazpar build` writes; `kazpar export` reads them): id
(<doc>-<n>), doc (--doc, the KK file's stem, or the batch's id), date, kk, en (null for an
empty side), kind, score, kk_idx, en_idx (0-based sentence indexes), kk_spans, en_spans (byte
ranges in the input texts).")]
pub struct Args {
    /// Kazakh text (a file, or - for stdin).
    #[arg(required_unless_present = "jsonl")]
    pub kk: Option<PathBuf>,
    /// English text (a file, or - for stdin; not both).
    #[arg(required_unless_present = "jsonl")]
    pub en: Option<PathBuf>,
    /// Every non-empty input line is exactly one sentence (no splitting).
    #[arg(long)]
    pub presplit: bool,
    /// A batch of documents as JSONL ({"id", "lang", "date", "title", "text"}), or - for stdin.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["kk", "en", "doc"])]
    pub jsonl: Option<PathBuf>,
    /// Document id of the records (default: the KK file's stem; `stdin` for -).
    #[arg(long, value_name = "ID")]
    pub doc: Option<String>,
    /// A bilingual dictionary in hunalign's format (`english @ kazakh` per line).
    #[arg(long, value_name = "FILE")]
    pub dict: Option<PathBuf>,
    /// Alignment method: kazpar's model, or the plain Gale–Church baseline (for comparisons).
    #[arg(long, value_enum, default_value = "kazpar")]
    pub method: AlignMethod,
    /// Leave out kazpar's core Kazakh–English word list (318 everyday and news
    /// words, known before the corpus's own table is learned): every word
    /// translation is then learned from the documents (or --dict).
    #[arg(long)]
    pub no_word_list: bool,
    /// Leave out pairs scoring below this (records without a score are kept).
    #[arg(long, default_value_t = 0.0)]
    pub min_score: f64,
    /// Output file (written atomically), or - for stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Worker threads (default: one per core). The output does not depend on it.
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
}

/// The default document id of two texts: the Kazakh file's stem.
fn doc_id(kk: &Path) -> String {
    if kk == Path::new("-") {
        return "stdin".into();
    }
    kk.file_stem()
        .map_or_else(|| "doc".into(), |s| s.to_string_lossy().into_owned())
}

/// The text of a batch document, as given, with its date.
fn batch_doc(
    pipeline: &Pipeline,
    src: &kazpar_pipeline::SourceDoc,
    id: &str,
    lang: Lang,
    presplit: bool,
) -> PreparedDoc {
    let rec = src.as_record().expect("a batch source is a record");
    let split = (!presplit).then(|| pipeline.splitters().get(lang));
    let mut doc = PreparedDoc::from_text(id, lang, src.path(), &rec.text, split);
    doc.date = rec.date.clone();
    doc
}

/// Run `kazpar align`.
pub fn run(args: Args) -> Result<u8> {
    set_threads(args.threads)?;
    let config = Config {
        align: args.method.into(),
        word_list: !args.no_word_list,
        ..Config::default()
    };
    let mut pipeline = Pipeline::new(config).parallel(true);
    if let Some(path) = &args.dict {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
        pipeline = pipeline.with_dictionary(Lexicon::parse_dictionary(&text, path)?);
    }
    let mut bad: Vec<CorpusError> = Vec::new();
    let records: Vec<PairRecord> = match (&args.jsonl, &args.kk, &args.en) {
        (Some(path), _, _) => {
            let batch = DocJob::from_jsonl(display_name(path), &read_bytes(path)?);
            bad = batch.errors;
            // splitting is independent per document: done in parallel
            let docs: Vec<PreparedPair> = batch
                .jobs
                .par_iter()
                .map(|j| PreparedPair {
                    kk: batch_doc(&pipeline, &j.kk, &j.id, Lang::Kk, args.presplit),
                    en: j
                        .en
                        .as_ref()
                        .map(|e| batch_doc(&pipeline, e, &j.id, Lang::En, args.presplit)),
                })
                .collect();
            pipeline.align_documents(&docs).concat()
        }
        (None, Some(k), Some(e)) => {
            if k == e && k.as_os_str() == "-" {
                bail!("only one of KK and EN can be - (stdin)");
            }
            let id = args.doc.clone().unwrap_or_else(|| doc_id(k));
            let (kt, et) = (read_text(k)?, read_text(e)?);
            let split = |lang| (!args.presplit).then(|| pipeline.splitters().get(lang));
            let kk = PreparedDoc::from_text(&id, Lang::Kk, k, &kt, split(Lang::Kk));
            let en = PreparedDoc::from_text(&id, Lang::En, e, &et, split(Lang::En));
            let beads = pipeline.align_one(&kk, &en);
            records(&kk, Some((&en, &beads)))
        }
        _ => bail!("give KK and EN, or --jsonl FILE"),
    };
    for e in &bad {
        eprintln!("kazpar: skipped {e}");
    }
    let kept = records
        .iter()
        .filter(|r| r.score.is_none_or(|s| s >= args.min_score));
    write_output(args.output.as_deref(), |w| kazpar_corpus::write_jsonl(w, kept))?;
    Ok(if bad.is_empty() {
        crate::EXIT_OK
    } else {
        crate::EXIT_SKIPPED
    })
}
