//! `kazpar normalize`: plain text in, plain text out, one output line per input line.

use std::path::PathBuf;

use anyhow::Result;
use clap::ValueEnum;

use crate::io::{read_text, write_output};

/// Language of the text, for lookalike repair.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    /// Kazakh.
    Kk,
    /// English.
    En,
    /// Decide per word from the surrounding script.
    Auto,
}

impl From<LangArg> for kazpar_text::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Kk => kazpar_text::Lang::Kk,
            LangArg::En => kazpar_text::Lang::En,
            LangArg::Auto => kazpar_text::Lang::Auto,
        }
    }
}

/// Punctuation profile.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PunctArg {
    /// Keep Kazakh typography (« », „ “, dashes); unify hyphen variants only.
    Keep,
    /// Moses-style ASCII quotes, dashes and ellipses.
    Ascii,
}

/// Flags of `kazpar normalize`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kazpar normalize noisy.txt > clean.txt\n  cat noisy.txt | kazpar normalize --explain\n  kazpar normalize --punct ascii --lang en news.en > for-moses.en\n\nEvery input line gives one output line (CRLF and CR become LF).\n--explain prints one JSON object per change: line, column, byte, rule, from, to."
)]
pub struct Args {
    /// Input file, or - for stdin.
    #[arg(default_value = "-")]
    pub input: PathBuf,
    /// Output file (written atomically), or - for stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Language of the text.
    #[arg(long, value_enum, default_value = "auto")]
    pub lang: LangArg,
    /// Punctuation profile.
    #[arg(long, value_enum, default_value = "keep")]
    pub punct: PunctArg,
    /// Instead of the text, list every change (line, column, rule, before, after) as JSONL.
    #[arg(long)]
    pub explain: bool,
}

/// Run `kazpar normalize`.
pub fn run(args: Args) -> Result<u8> {
    let input = read_text(&args.input)?;
    let punct = match args.punct {
        PunctArg::Keep => kazpar_text::Punct::Keep,
        PunctArg::Ascii => kazpar_text::Punct::Ascii,
    };
    let normalizer = kazpar_text::Normalizer::new(args.lang.into()).punct(punct);
    let n = normalizer.normalize(&input);
    write_output(args.output.as_deref(), |w| {
        if args.explain {
            for c in n.changes() {
                let line = 1 + input[..c.original.start].matches('\n').count();
                let line_start = input[..c.original.start].rfind('\n').map_or(0, |i| i + 1);
                let rec = serde_json::json!({
                    "line": line,
                    "byte": c.original.start,
                    "column": input[line_start..c.original.start].chars().count() + 1,
                    "rule": c.rule.name(),
                    "from": c.from,
                    "to": c.to,
                });
                writeln!(w, "{rec}")?;
            }
            return Ok(());
        }
        w.write_all(n.text().as_bytes())?;
        if !n.text().is_empty() && !n.text().ends_with('\n') && input.ends_with(['\n', '\r']) {
            w.write_all(b"\n")?;
        }
        Ok(())
    })?;
    Ok(crate::EXIT_OK)
}
