//! `kazpar split`: sentences of a text, as JSONL with byte spans or one per line.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::ValueEnum;

use crate::io::{read_text, write_output};

/// Language of the text to split.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SplitLang {
    /// Kazakh.
    Kk,
    /// English.
    En,
}

impl From<SplitLang> for kazpar_split::Lang {
    fn from(l: SplitLang) -> Self {
        match l {
            SplitLang::Kk => kazpar_split::Lang::Kk,
            SplitLang::En => kazpar_split::Lang::En,
        }
    }
}

/// Flags of `kazpar split`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kazpar split --lang kk article.txt\n  kazpar normalize raw.txt | kazpar split --lang kk --lines\n\nThe input is one text, one paragraph per line. In English, a text whose writer\ndrops capitals (a lowercase `i`, lines that start in lower case) is split as\nweb text: a sentence may start in lower case. Split unrelated documents one\ncall each."
)]
pub struct Args {
    /// Input file, or - for stdin.
    #[arg(default_value = "-")]
    pub input: PathBuf,
    /// Output file (written atomically), or - for stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Language of the text.
    #[arg(long, value_enum, default_value = "kk")]
    pub lang: SplitLang,
    /// Print one sentence per line instead of JSONL.
    #[arg(long)]
    pub lines: bool,
    /// Extra abbreviations, one per line (a final period is optional; `#` starts a comment).
    #[arg(long, value_name = "FILE")]
    pub abbrev: Option<PathBuf>,
}

/// Build the splitter the flags ask for.
pub fn splitter(lang: SplitLang, abbrev: Option<&std::path::Path>) -> Result<kazpar_split::Splitter> {
    let mut s = kazpar_split::Splitter::new(lang.into());
    if let Some(path) = abbrev {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read abbreviation list", path.display()))?;
        let words: Vec<&str> = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .collect();
        s = s.with_abbreviations(words);
    }
    Ok(s)
}

/// Run `kazpar split`.
pub fn run(args: Args) -> Result<u8> {
    let text = read_text(&args.input)?;
    let splitter = splitter(args.lang, args.abbrev.as_deref())?;
    let spans = splitter.split_parallel(&text);
    write_output(args.output.as_deref(), |w| {
        for (idx, r) in spans.iter().enumerate() {
            let s = &text[r.clone()];
            if args.lines {
                // one sentence per line: a hard-wrapped sentence (the only kind
                // that spans a line break) is printed with its breaks as spaces
                if s.contains('\n') {
                    writeln!(w, "{}", s.replace("\r\n", " ").replace('\n', " "))?;
                } else {
                    writeln!(w, "{s}")?;
                }
            } else {
                let rec = serde_json::json!({"idx": idx, "start": r.start, "end": r.end, "text": s});
                writeln!(w, "{rec}")?;
            }
        }
        Ok(())
    })?;
    Ok(crate::EXIT_OK)
}
