//! `kazpar align KK EN`: two texts in, JSONL sentence pairs out; or a JSONL batch of documents.

use std::ops::Range;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use kazpar_align::{Aligner, DocPair, Lexicon, Sentence};

use crate::cmd::split::{splitter, SplitLang};
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
}

/// One side of a document: sentence spans and their paragraph numbers.
struct Side {
    spans: Vec<Range<usize>>,
    paras: Vec<usize>,
}

fn sentences(text: &str, lang: SplitLang, presplit: bool) -> Result<Side> {
    let mut side = Side {
        spans: Vec::new(),
        paras: Vec::new(),
    };
    let split = if presplit {
        None
    } else {
        Some(splitter(lang, None)?)
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
            match &split {
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
    Ok(side)
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

fn read_batch(path: &std::path::Path, presplit: bool) -> Result<Vec<Doc>> {
    let name = display_name(path);
    let text = read_text(path)?;
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{name}:{}: not a JSON object", i + 1))?;
        let field = |k: &str| -> Result<String> {
            v[k].as_str()
                .map(str::to_string)
                .with_context(|| format!("{name}:{}: no string field {k:?}", i + 1))
        };
        let (kk, en) = (field("kk_text")?, field("en_text")?);
        let id = v["doc"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| format!("{}", i + 1));
        let ks = sentences(&kk, SplitLang::Kk, presplit)?;
        let es = sentences(&en, SplitLang::En, presplit)?;
        docs.push(Doc {
            id: Some(id),
            kk,
            en,
            ks,
            es,
        });
    }
    Ok(docs)
}

/// Run `kazpar align`.
pub fn run(args: Args) -> Result<u8> {
    let mut aligner = match args.method {
        Method::Kazpar => Aligner::default(),
        Method::GaleChurch => Aligner::gale_church(),
    };
    if let Some(path) = &args.dict {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
        aligner = aligner.with_dictionary(Lexicon::parse_dictionary(&text, path)?);
    }
    let docs = match (&args.jsonl, &args.kk, &args.en) {
        (Some(path), _, _) => read_batch(path, args.presplit)?,
        (None, Some(k), Some(e)) => {
            if k == e && k.as_os_str() == "-" {
                bail!("only one of KK and EN can be - (stdin)");
            }
            let (kk, en) = (read_text(k)?, read_text(e)?);
            let ks = sentences(&kk, SplitLang::Kk, args.presplit)?;
            let es = sentences(&en, SplitLang::En, args.presplit)?;
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
    write_output(args.output.as_deref(), |w| {
        for (d, beads) in docs.iter().zip(&beads) {
            for b in beads {
                if b.score < args.min_score {
                    continue;
                }
                let kspans = &d.ks.spans[b.kk.clone()];
                let espans = &d.es.spans[b.en.clone()];
                let mut rec = serde_json::Map::new();
                if let Some(id) = &d.id {
                    rec.insert("doc".into(), id.clone().into());
                }
                let idx = |r: &Range<usize>| r.clone().collect::<Vec<_>>();
                let spans = |s: &[Range<usize>]| s.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>();
                rec.insert("kk_idx".into(), idx(&b.kk).into());
                rec.insert("en_idx".into(), idx(&b.en).into());
                rec.insert("kk".into(), join(&d.kk, kspans).into());
                rec.insert("en".into(), join(&d.en, espans).into());
                rec.insert("kind".into(), b.kind().into());
                rec.insert("score".into(), b.score.into());
                rec.insert("kk_spans".into(), serde_json::json!(spans(kspans)));
                rec.insert("en_spans".into(), serde_json::json!(spans(espans)));
                writeln!(w, "{}", serde_json::Value::Object(rec))?;
            }
        }
        Ok(())
    })?;
    Ok(crate::EXIT_OK)
}
