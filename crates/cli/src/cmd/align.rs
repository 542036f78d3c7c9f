//! `kazpar align KK EN`: two texts in, JSONL sentence pairs out.

use std::ops::Range;
use std::path::PathBuf;

use anyhow::Result;

use crate::cmd::split::{splitter, SplitLang};
use crate::io::{read_text, write_output};

/// Flags of `kazpar align`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kazpar align kk.txt en.txt > pairs.jsonl\n  kazpar align --presplit kk.sents en.sents | jq -c '[.kk_idx, .en_idx]'"
)]
pub struct Args {
    /// Kazakh text (a file, or - for stdin).
    pub kk: PathBuf,
    /// English text (a file, or - for stdin; not both).
    pub en: PathBuf,
    /// Every non-empty input line is exactly one sentence (no splitting).
    #[arg(long)]
    pub presplit: bool,
    /// Output file (written atomically), or - for stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Sentence spans of a text: by the splitter, or one per non-empty line.
fn sentences(text: &str, lang: SplitLang, presplit: bool) -> Result<Vec<Range<usize>>> {
    if !presplit {
        return Ok(splitter(lang, None)?.split(text));
    }
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            out.push(start + lead..start + lead + trimmed.len());
        }
        start += line.len();
    }
    Ok(out)
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

/// Run `kazpar align`.
pub fn run(args: Args) -> Result<u8> {
    if args.kk == args.en && args.kk.as_os_str() == "-" {
        anyhow::bail!("only one of KK and EN can be - (stdin)");
    }
    let kk = read_text(&args.kk)?;
    let en = read_text(&args.en)?;
    let ks = sentences(&kk, SplitLang::Kk, args.presplit)?;
    let es = sentences(&en, SplitLang::En, args.presplit)?;
    let kt: Vec<&str> = ks.iter().map(|r| &kk[r.clone()]).collect();
    let et: Vec<&str> = es.iter().map(|r| &en[r.clone()]).collect();
    let beads = kazpar_align::Aligner::default().align(&kt, &et);
    write_output(args.output.as_deref(), |w| {
        for b in &beads {
            let kspans = &ks[b.kk.clone()];
            let espans = &es[b.en.clone()];
            let rec = serde_json::json!({
                "kk_idx": b.kk.clone().collect::<Vec<_>>(),
                "en_idx": b.en.clone().collect::<Vec<_>>(),
                "kk": join(&kk, kspans),
                "en": join(&en, espans),
                "kind": b.kind(),
                "score": (b.score * 1e4).round() / 1e4,
                "kk_spans": kspans.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
                "en_spans": espans.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
            });
            writeln!(w, "{rec}")?;
        }
        Ok(())
    })?;
    Ok(crate::EXIT_OK)
}
