//! `kazpar align KK EN`: two texts in, JSONL sentence pairs out; or a JSONL batch of documents.

use std::ops::Range;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use kazpar_align::{Aligner, DocPair, Lexicon, Sentence};
use kazpar_split::Splitter;
use rayon::prelude::*;

use crate::cmd::split::Splitters;
use crate::io::{display_name, read_text, write_output};

/// Alignment methods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    /// Length, numbers, names, paragraphs and a learned word table.
    Kazpar,
    /// Gale and Church (1993): character lengths only.
    GaleChurch,
}

/// Flags of `kazpar align`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  kazpar align kk.txt en.txt > pairs.jsonl
  kazpar align --presplit kk.sents en.sents | jq -c '[.kk_idx, .en_idx]'
  kazpar align --jsonl docs.jsonl --presplit > pairs.jsonl   # many documents, one word table

Without --presplit the texts are split into sentences (kazpar split); each line is a
paragraph. With --presplit every non-empty line is one sentence, and blank lines separate
paragraphs. Texts are aligned as given (no normalization).
--jsonl reads one document per line, {\"doc\", \"kk_text\", \"en_text\"}, aligns them all with a
word table learned across the whole batch, and adds \"doc\" to every record.
Records: kk_idx, en_idx (0-based sentence indexes), kk, en (null for an empty side), kind,
score, kk_spans, en_spans (byte ranges in the input texts).")]
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
    /// A batch of documents as JSONL ({"doc", "kk_text", "en_text"}), or - for stdin.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["kk", "en"])]
    pub jsonl: Option<PathBuf>,
    /// A bilingual dictionary in hunalign's format (`english @ kazakh` per line).
    #[arg(long, value_name = "FILE")]
    pub dict: Option<PathBuf>,
    /// Alignment method: kazpar's model, or the plain Gale–Church baseline (for comparisons).
    #[arg(long, value_enum, default_value = "kazpar")]
    pub method: Method,
    /// Leave out pairs scoring below this.
    #[arg(long, default_value_t = 0.0)]
    pub min_score: f64,
    /// Output file (written atomically), or - for stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Worker threads (default: one per core). The output does not depend on it.
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
}

/// One side of a document: sentence spans and their paragraph numbers.
struct Side {
    spans: Vec<Range<usize>>,
    paras: Vec<usize>,
}

fn sentences(text: &str, split: Option<&Splitter>) -> Side {
    let mut side = Side {
        spans: Vec::new(),
        paras: Vec::new(),
    };
    let (mut start, mut para, mut blank) = (0, 0, false);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blank = true;
        } else {
            if blank && !side.spans.is_empty() {
                para += 1;
            }
            blank = false;
            match split {
                None => {
                    let lead = line.len() - line.trim_start().len();
                    side.spans.push(start + lead..start + lead + trimmed.len());
                    side.paras.push(para);
                }
                Some(s) => {
                    for r in s.split(line) {
                        side.spans.push(start + r.start..start + r.end);
                        side.paras.push(para);
                    }
                    // without --presplit each line is a paragraph
                    para += 1;
                }
            }
        }
        start += line.len();
    }
    side
}

fn doc_pair<'a>(kk: &'a str, ks: &Side, en: &'a str, es: &Side) -> DocPair<'a> {
    let side = |t: &'a str, s: &Side| -> Vec<Sentence<'a>> {
        s.spans
            .iter()
            .zip(&s.paras)
            .map(|(r, &para)| Sentence {
                text: &t[r.clone()],
                para,
            })
            .collect()
    };
    DocPair {
        kk: side(kk, ks),
        en: side(en, es),
    }
}

fn join(text: &str, spans: &[Range<usize>]) -> Option<String> {
    if spans.is_empty() {
        return None;
    }
    Some(
        spans
            .iter()
            .map(|r| &text[r.clone()])
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// A document read for alignment.
struct Doc {
    id: Option<String>,
    kk: String,
    en: String,
    ks: Side,
    es: Side,
}

/// One line of a `--jsonl` batch.
#[derive(serde::Deserialize)]
struct BatchLine {
    doc: Option<String>,
    kk_text: Option<String>,
    en_text: Option<String>,
}

/// `split` is `None` with `--presplit`.
fn read_batch(path: &std::path::Path, split: Option<&Splitters>) -> Result<Vec<Doc>> {
    let name = display_name(path);
    let text = read_text(path)?;
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    // parsing and splitting are independent per document: do them in parallel
    lines
        .par_iter()
        .map(|&(i, line)| {
            let v: BatchLine = serde_json::from_str(line)
                .with_context(|| format!("{name}:{}: not a JSON object with string fields", i + 1))?;
            let missing = |k: &str| format!("{name}:{}: no string field {k:?}", i + 1);
            let kk = v.kk_text.with_context(|| missing("kk_text"))?;
            let en = v.en_text.with_context(|| missing("en_text"))?;
            let id = v.doc.unwrap_or_else(|| format!("{}", i + 1));
            let ks = sentences(&kk, split.map(|s| &s.kk));
            let es = sentences(&en, split.map(|s| &s.en));
            Ok(Doc {
                id: Some(id),
                kk,
                en,
                ks,
                es,
            })
        })
        .collect()
}

/// One output record (fields in the order they are written).
#[derive(serde::Serialize)]
struct Record<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    doc: Option<&'a str>,
    en: Option<String>,
    en_idx: Vec<usize>,
    en_spans: Vec<[usize; 2]>,
    kind: String,
    kk: Option<String>,
    kk_idx: Vec<usize>,
    kk_spans: Vec<[usize; 2]>,
    score: f64,
}

/// The JSONL records of one document.
fn records(d: &Doc, beads: &[kazpar_align::Bead], min_score: f64) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let spans = |s: &[Range<usize>]| s.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>();
    for b in beads {
        if b.score < min_score {
            continue;
        }
        let kspans = &d.ks.spans[b.kk.clone()];
        let espans = &d.es.spans[b.en.clone()];
        let rec = Record {
            doc: d.id.as_deref(),
            en: join(&d.en, espans),
            en_idx: b.en.clone().collect(),
            en_spans: spans(espans),
            kind: b.kind(),
            kk: join(&d.kk, kspans),
            kk_idx: b.kk.clone().collect(),
            kk_spans: spans(kspans),
            score: b.score,
        };
        serde_json::to_writer(&mut out, &rec)?;
        out.push(b'\n');
    }
    Ok(out)
}

/// Run `kazpar align`.
pub fn run(args: Args) -> Result<u8> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot set up worker threads")?;
    }
    let mut aligner = match args.method {
        Method::Kazpar => Aligner::default(),
        Method::GaleChurch => Aligner::gale_church(),
    };
    if let Some(path) = &args.dict {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
        aligner = aligner.with_dictionary(Lexicon::parse_dictionary(&text, path)?);
    }
    let split = (!args.presplit).then(Splitters::new);
    let docs = match (&args.jsonl, &args.kk, &args.en) {
        (Some(path), _, _) => read_batch(path, split.as_ref())?,
        (None, Some(k), Some(e)) => {
            if k == e && k.as_os_str() == "-" {
                bail!("only one of KK and EN can be - (stdin)");
            }
            let (kk, en) = (read_text(k)?, read_text(e)?);
            let ks = sentences(&kk, split.as_ref().map(|s| &s.kk));
            let es = sentences(&en, split.as_ref().map(|s| &s.en));
            // one document: a word table learned from it alone helps only when it is long
            if ks.spans.len() + es.spans.len() < 400 {
                aligner = aligner.learn_lexicon(false);
            }
            vec![Doc {
                id: None,
                kk,
                en,
                ks,
                es,
            }]
        }
        _ => bail!("give KK and EN, or --jsonl FILE"),
    };
    let pairs: Vec<DocPair> = docs
        .iter()
        .map(|d| doc_pair(&d.kk, &d.ks, &d.en, &d.es))
        .collect();
    let beads = aligner.align_corpus(&pairs);
    let chunks: Vec<Vec<u8>> = docs
        .par_iter()
        .zip(&beads)
        .map(|(d, b)| records(d, b, args.min_score))
        .collect::<Result<_>>()?;
    write_output(args.output.as_deref(), |w| {
        for c in &chunks {
            w.write_all(c)?;
        }
        Ok(())
    })?;
    Ok(crate::EXIT_OK)
}
