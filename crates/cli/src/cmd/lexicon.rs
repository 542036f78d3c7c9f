//! `kazpar lexicon merge`: the word-table evidence of several runs as one.

use std::path::PathBuf;

use anyhow::{Context, Result};
use kazpar_pipeline::Evidence;

use crate::cmd::build::read_evidence;
use crate::io::write_output;

/// Flags of `kazpar lexicon`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

/// `kazpar lexicon` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    /// Add up evidence files written by `build --save-lexicon` (e.g. one per shard).
    #[command(after_help = "\
Examples:
  for i in 1 2 3 4; do kazpar build news -o part-$i --shard $i/4 --save-lexicon part-$i.lex; done
  kazpar lexicon merge part-*.lex -o news.lex
  for i in 1 2 3 4; do kazpar build news -o part-$i --shard $i/4 --lexicon news.lex; done
  # the four parts' pairs are exactly those of `kazpar build news`

The files hold counts (stems and stem pairs of confident first-pass pairs, and length
ratios), so merging in any order gives the same file, and the table learned from it is
the one a single run over all the documents learns.")]
    Merge {
        /// Evidence files.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output file, or - for stdout.
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// Run `kazpar lexicon`.
pub fn run(args: Args) -> Result<u8> {
    match args.command {
        Sub::Merge { inputs, output } => {
            let mut all = Evidence::new();
            for p in &inputs {
                all.merge(&read_evidence(p).with_context(|| format!("{}: cannot merge", p.display()))?);
            }
            write_output(Some(&output), |w| w.write_all(all.to_text().as_bytes()))?;
            Ok(crate::EXIT_OK)
        }
    }
}
