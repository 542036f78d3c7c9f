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
    // Lines are independent: each goes through on its own, so a long file
    // with a few damaged lines costs little more than a clean one.
    write_output(args.output.as_deref(), |w| {
        let mut base = 0;
        let mut line_no = 0;
        for piece in input.split_inclusive('\n') {
            line_no += 1;
            let (line, ending) = match piece.strip_suffix('\n') {
                Some(l) => (l.strip_suffix('\r').unwrap_or(l), true),
                None => (piece, false),
            };
            let n = normalizer.normalize(line);
            if args.explain {
                for c in n.changes() {
                    let rec = serde_json::json!({
                        "line": line_no,
                        "byte": base + c.original.start,
                        "column": line[..c.original.start].chars().count() + 1,
                        "rule": c.rule.name(),
                        "from": c.from,
                        "to": c.to,
                    });
                    writeln!(w, "{rec}")?;
                }
            } else {
                w.write_all(n.text().as_bytes())?;
                if ending {
                    w.write_all(b"\n")?;
                }
            }
            base += piece.len();
        }
        Ok(())
    })?;
    Ok(crate::EXIT_OK)
}
