//! `kazpar report`: a build's output folder in, one HTML page out.

use std::path::PathBuf;

use anyhow::Result;

/// Flags of `kazpar report`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  kazpar build && kazpar report out          # out/report.html
  kazpar report out -o ~/mail/corpus.html
  kazpar build --report                      # the same, at the end of the build

The page is self-contained (no script, font or style from elsewhere, charts as inline SVG):
totals, a histogram of scores, length ratio against score with far-off 1-1 pairs marked,
documents ranked by mean score (lowest first) with their pairs side by side, normalization
changes, skipped files, sentences in other languages. Its totals are counted from pairs.jsonl
and checked against manifest.json; a difference is shown at the top.
Exit codes: 0 written; 1 written, but some lines of pairs.jsonl were not records; 2 not written.")]
pub struct Args {
    /// A build's output folder, holding pairs.jsonl and manifest.json.
    #[arg(default_value = "out")]
    pub out: PathBuf,
    /// Where to write the page (default: OUT/report.html).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Write the report of `out` to `dest` (or `out/report.html`); the exit code.
/// Lines of pairs.jsonl that are not records are named on stderr even when `quiet`.
pub fn write(out: &std::path::Path, dest: Option<&std::path::Path>, quiet: bool) -> Result<u8> {
    let dest = dest.map_or_else(|| out.join("report.html"), PathBuf::from);
    let written = kazpar_report::report_folder(out, &dest, &kazpar_report::Options::default())?;
    for e in &written.bad_lines {
        eprintln!("kazpar: skipped {e}");
    }
    if quiet {
        return Ok(crate::EXIT_OK);
    }
    eprintln!(
        "kazpar: report of {} pairs, {:.1} MB -> {}",
        written.records,
        written.bytes as f64 / 1e6,
        dest.display()
    );
    Ok(if written.bad_lines.is_empty() {
        crate::EXIT_OK
    } else {
        crate::EXIT_SKIPPED
    })
}

/// Run `kazpar report`.
pub fn run(args: Args) -> Result<u8> {
    write(&args.out, args.output.as_deref(), false)
}
