//! `kazpar import`: a translated XLIFF or TMX file back into pairs JSONL.

use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::io::{display_name, read_pairs, read_text, write_output};

/// Flags of `kazpar import`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  kazpar import translated.xlf -o pairs.jsonl          # pairs rebuilt from the units
  kazpar import translated.xlf --into out/pairs.jsonl  # merge the translations into the pairs, by id

With --into, a unit's target fills or replaces the English side of the pair with the same id;
a unit whose Kazakh source differs from the pair's is a conflict and is not applied; ids not in
the pairs file are appended. Everything not applied is listed on stderr.
Exit codes: 0 clean; 1 written, but with conflicts, unknown ids or unreadable units; 2 error.")]
pub struct Args {
    /// Translated XLIFF 2.0, XLIFF 1.2 or TMX file, or - for stdin.
    pub input: PathBuf,
    /// Merge into this pairs file (rewritten in place unless -o is given).
    #[arg(long, value_name = "PAIRS")]
    pub into: Option<PathBuf>,
    /// Output pairs JSONL (default: stdout, or the --into file).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Run `kazpar import`.
pub fn run(args: Args) -> Result<u8> {
    let name = display_name(&args.input);
    let xml = read_text(&args.input)?;
    let imported = kazpar_export::import(&xml).with_context(|| format!("{name}: cannot import"))?;
    let mut attention = !imported.warnings.is_empty();
    for w in &imported.warnings {
        eprintln!("kazpar: {name}: {w}");
    }
    let n = imported.records.len();
    let (records, out) = match &args.into {
        None => (imported.records, args.output.clone()),
        Some(base_path) => {
            let (base, bad) = read_pairs(base_path)?;
            attention |= bad > 0;
            let (merged, rep) = kazpar_export::merge(base, imported.records);
            for c in &rep.conflicts {
                eprintln!("kazpar: conflict: {c}");
            }
            for id in &rep.unknown {
                eprintln!("kazpar: {id}: not in {}; appended", base_path.display());
            }
            eprintln!(
                "kazpar: {n} units: {} translations filled in, {} changed, {} unchanged, {} conflicts, {} unknown ids",
                rep.filled,
                rep.changed.len(),
                rep.unchanged,
                rep.conflicts.len(),
                rep.unknown.len()
            );
            attention |= !rep.conflicts.is_empty() || !rep.unknown.is_empty();
            (
                merged,
                Some(args.output.clone().unwrap_or_else(|| base_path.clone())),
            )
        }
    };
    write_output(out.as_deref(), |w| kazpar_corpus::write_jsonl(w, &records))?;
    Ok(if attention {
        crate::EXIT_SKIPPED
    } else {
        crate::EXIT_OK
    })
}
