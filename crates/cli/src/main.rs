//! The `kazpar` command line: parses flags and wires the stage crates together.
//!
//! Each subcommand lives in its own module under `cmd/`, with its flags
//! (`Args`) and a `run` function that returns the process exit code.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod io;
mod par;

// The stages allocate many small vectors (features, spans, records) across
// threads; mimalloc is faster than the system allocator at that.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit code: everything went through.
pub const EXIT_OK: u8 = 0;
/// Exit code: the run finished, but some inputs were skipped (listed on stderr and in the manifest).
pub const EXIT_SKIPPED: u8 = 1;
/// Exit code: the run could not be done at all (bad flags, missing corpus, unwritable output).
pub const EXIT_FATAL: u8 = 2;

const AFTER_HELP: &str = "\
Examples:
  kazpar build                        # corpus/ -> out/pairs.jsonl + out/manifest.json
  kazpar build my-corpus -o my-out
  kazpar normalize noisy.txt > clean.txt
  kazpar split --lang kk --lines article.txt
  kazpar align kk.txt en.txt > pairs.jsonl
  kazpar eval --ref ref.en --hyp hyp.en --metrics bleu,chrf --format json
  kazpar export --format xliff out/pairs.jsonl -o to-translate.xlf
  kazpar publish out/pairs.jsonl -o dataset/
  kazpar lang --lines titles.txt      # kk, ru, ky, tt, en … per line
  kazpar report out                   # out/report.html: one page to look at before publishing

Exit codes: 0 success; 1 finished but some inputs were skipped; 2 nothing done (usage or fatal error).";

/// kazpar: clean, aligned Kazakh–English sentence pairs from raw documents.
#[derive(Debug, Parser)]
#[command(name = "kazpar", version, about, long_about = None, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build aligned pairs from a corpus folder (kk/<id>.txt, en/<id>.txt).
    Build(cmd::build::Args),
    /// Normalize text (Unicode, spacing, Kazakh orthography); one output line per input line.
    Normalize(cmd::normalize::Args),
    /// Split text into sentences (JSONL with byte spans, or one per line).
    Split(cmd::split::Args),
    /// Align a Kazakh and an English text into sentence pairs (JSONL).
    Align(cmd::align::Args),
    /// Score machine translation against references (BLEU, chrF, chrF++, TER).
    Eval(cmd::eval::Args),
    /// Export pairs to TMX, XLIFF, Moses, Hugging Face or TSV.
    Export(cmd::export::Args),
    /// Import a translated XLIFF or TMX file back into pairs JSONL.
    Import(cmd::import::Args),
    /// Name the language of each line or document (Kazakh, Russian, 13 others).
    Lang(cmd::lang::Args),
    /// Merge the word-table evidence of several builds (shards) into one file.
    Lexicon(cmd::lexicon::Args),
    /// Publish pairs as a Hugging Face dataset: filtered, deduplicated, split by document.
    Publish(cmd::publish::Args),
    /// Write one self-contained HTML page showing a build: totals, scores, weak pairs, skipped files.
    Report(cmd::report::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(a) => cmd::build::run(a),
        Command::Normalize(a) => cmd::normalize::run(a),
        Command::Split(a) => cmd::split::run(a),
        Command::Align(a) => cmd::align::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Import(a) => cmd::import::run(a),
        Command::Publish(a) => cmd::publish::run(a),
        Command::Lang(a) => cmd::lang::run(a),
        Command::Lexicon(a) => cmd::lexicon::run(a),
        Command::Report(a) => cmd::report::run(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if io::is_broken_pipe(&err) {
                return ExitCode::from(EXIT_OK);
            }
            eprintln!("kazpar: error: {err:#}");
            ExitCode::from(EXIT_FATAL)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn build_defaults() {
        let cli = Cli::try_parse_from(["kazpar", "build"]).unwrap();
        let Command::Build(a) = cli.command else { panic!() };
        assert_eq!(a.corpus, std::path::PathBuf::from("corpus"));
        assert_eq!(a.output, std::path::PathBuf::from("out"));
    }
}
