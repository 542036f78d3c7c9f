//! `kazpar build`: a corpus folder in, `pairs.jsonl` and `manifest.json` out.
//!
//! Documents are read, normalized and split in parallel; each document pair
//! is aligned; records are then written in document order, so the output
//! never depends on the thread count.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use kazpar_corpus::scan_corpus;
use kazpar_pipeline::{Batch, Checks, Config, DocJob, Evidence, LangCheck, ManifestBuilder, Pipeline, Shard};

use crate::io::{display_name, read_bytes, write_output};
use crate::par::{progress, set_threads};

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
others. Each shard learns its own alignment word table unless it is given one: run every
shard with --save-lexicon, merge the files (kazpar lexicon merge), then run every shard again
with --lexicon MERGED, and the N jobs give exactly the pairs of one run.
Documents stream through two passes (count the word table's evidence, then align and write),
so memory does not grow with the number of documents.
Every document's language is checked (kazpar lang): a kk/ file that is mostly Russian (or
Kyrgyz, Tatar, ...) is skipped as not-kazakh, an en/ file that is not English as not-english,
each with its partner; --lang-check warn keeps them with a warning. Sentences of another
language inside a document are counted in the manifest and marked in their records
(\"kk_lang\": \"ru\").
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
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// Write the evidence the first pass counted (for the word table and the
    /// length ratio) to FILE: shards that save theirs can merge them with
    /// `kazpar lexicon merge` and build with the result as one run would.
    #[arg(long, value_name = "FILE")]
    pub save_lexicon: Option<PathBuf>,
    /// Align with the evidence in FILE (from --save-lexicon or `kazpar lexicon
    /// merge`) instead of counting it from this run's documents: one pass.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// What to do with a document mostly in another language than its side's.
    #[arg(long, value_enum, default_value = "skip", value_name = "WHAT")]
    pub lang_check: LangCheckArg,
    /// Leave out kazpar's core Kazakh–English word list (318 everyday and news
    /// words, known before the corpus's own table is learned): every word
    /// translation is then learned from the documents (or --dict).
    #[arg(long)]
    pub no_word_list: bool,
    /// Also write OUT/report.html (as `kazpar report OUT`) at the end (not with `-o -`).
    #[arg(long)]
    pub report: bool,
}

/// `--lang-check` values.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum LangCheckArg {
    /// Skip it and its partner (`not-kazakh`, `not-english`); exit code 1.
    Skip,
    /// Keep it, with a warning.
    Warn,
    /// No language check.
    Off,
}

/// Read an evidence file (`--lexicon`).
pub fn read_evidence(path: &std::path::Path) -> Result<Evidence> {
    let bytes = read_bytes(path)?;
    let text = std::str::from_utf8(&bytes).with_context(|| format!("{}: not UTF-8", path.display()))?;
    Ok(Evidence::from_text(text, path)?)
}

/// Run `kazpar build`.
pub fn run(args: Args) -> Result<u8> {
    let start = Instant::now();
    set_threads(args.threads)?;
    let root = args.corpus.as_path();
    let mut batch = match &args.jsonl {
        Some(path) => DocJob::from_jsonl(display_name(path), &read_bytes(path)?),
        // the error names its cause itself: no context chain, or the cause would be said twice
        None => Batch::from_scan(scan_corpus(root).map_err(|e| anyhow::anyhow!("{e}"))?),
    };
    if let Some(shard) = args.shard {
        batch.keep_shard(shard);
    }
    let Batch {
        jobs,
        errors: bad_inputs,
        ..
    } = batch;
    let to_stdout = args.output.as_os_str() == "-";
    if !to_stdout {
        std::fs::create_dir_all(&args.output)
            .with_context(|| format!("{}: cannot create output folder", args.output.display()))?;
    }
    // one run at a time per output folder: pairs.jsonl and manifest.json always come from the same run
    let _lock = if to_stdout {
        None
    } else {
        Some(crate::io::lock_output(&args.output)?)
    };

    let config = Config {
        shard: args.shard,
        lang_check: match args.lang_check {
            LangCheckArg::Skip => LangCheck::Skip,
            LangCheckArg::Warn => LangCheck::Warn,
            LangCheckArg::Off => LangCheck::Off,
        },
        word_list: !args.no_word_list,
        ..Config::default()
    };
    // a corpus of more than a chunk keeps its prepared documents between the
    // passes in a temporary file beside the output (or in the temporary folder)
    let spill_dir = if to_stdout {
        std::env::temp_dir()
    } else {
        args.output.clone()
    };
    let pipeline = Pipeline::new(config).parallel(true).spill_to(spill_dir);
    // pass 1: the evidence for the word table, unless it is given, and the
    // language checks, which pass 2 reuses
    let (evidence, checks) = match &args.lexicon {
        Some(path) => (read_evidence(path)?, Checks::new()),
        None => {
            let bar = progress(jobs.len(), args.quiet);
            let done = pipeline.count_evidence_checked(&jobs, &|| bar.inc(1));
            bar.finish_and_clear();
            done
        }
    };
    if let Some(path) = &args.save_lexicon {
        kazpar_corpus::write_atomic(path, |w| w.write_all(evidence.to_text().as_bytes()))
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    let learned = pipeline.learn(&evidence);
    drop(evidence);

    // pass 2: align with what was learned, and write records in document
    // order as each chunk is done (a bounded window of documents in memory)
    let mut manifest = ManifestBuilder::new(pipeline.config(), root);
    for e in &bad_inputs {
        if !args.quiet {
            eprintln!("kazpar: skipped {e}");
        }
        manifest.skip(e);
    }
    let pairs_path = if to_stdout {
        PathBuf::from("-")
    } else {
        args.output.join("pairs.jsonl")
    };
    let bar = progress(jobs.len(), args.quiet);
    let say = |line: String| {
        if !args.quiet {
            bar.suspend(|| eprintln!("{line}"));
        }
    };
    write_output(Some(&pairs_path), |w| {
        pipeline.align_jobs_checked(&jobs, &checks, &learned, &|| bar.inc(1), |o| match o {
            Err(errs) => {
                for e in &errs {
                    say(format!("kazpar: skipped {e}"));
                    manifest.skip(e);
                }
                Ok(())
            }
            Ok((p, r)) => {
                for d in std::iter::once(&p.kk).chain(p.en.as_ref()) {
                    for wn in &d.warnings {
                        say(format!(
                            "kazpar: warning: {}:{}: {}",
                            d.path.display(),
                            wn.line,
                            wn.message
                        ));
                    }
                }
                kazpar_corpus::write_jsonl(&mut *w, r.iter())?;
                manifest.add_document(&p, &r);
                Ok(())
            }
        })
    })?;
    bar.finish_and_clear();
    let manifest = manifest.finish();

    if !to_stdout {
        let manifest_path = args.output.join("manifest.json");
        kazpar_corpus::write_atomic(&manifest_path, |w| {
            serde_json::to_writer_pretty(&mut *w, &manifest)?;
            w.write_all(b"\n")
        })
        .with_context(|| format!("{}: cannot write", manifest_path.display()))?;
        if args.report {
            crate::cmd::report::write(&args.output, None, args.quiet)?;
        }
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
