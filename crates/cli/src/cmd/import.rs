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
the pairs file are appended. TMX units without tuid (OmegaT's project memory) are matched by
their Kazakh text instead. Everything not applied is listed on stderr.
Only translated targets are English: XLIFF 1.2 targets in state new, needs-translation,
needs-adaptation or needs-l10n, and XLIFF 2.0 segments not in state translated, reviewed or final
(no state means initial) are not; nor is a target that is a copy of its source, unless
--accept-source-copies. Those are listed on stderr and leave the English side as it was.
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
    /// Take a target that is a copy of its source as the English translation
    /// (CAT tools pre-fill targets with the source; by default such targets are not imported).
    #[arg(long)]
    pub accept_source_copies: bool,
}

/// Run `kazpar import`.
pub fn run(args: Args) -> Result<u8> {
    let name = display_name(&args.input);
    let xml = read_text(&args.input)?;
    let opts = kazpar_export::ImportOptions {
        accept_source_copies: args.accept_source_copies,
    };
    let mut imported =
        kazpar_export::import_with(&xml, &opts).with_context(|| format!("{name}: cannot import"))?;
    let mut attention = !imported.warnings.is_empty();
    for w in &imported.warnings {
        eprintln!("kazpar: {name}: {w}");
    }
    for w in &imported.not_translated {
        eprintln!("kazpar: {name}: {w}");
    }
    if !imported.not_translated.is_empty() {
        eprintln!(
            "kazpar: {name}: {} targets not imported as English (not translated, or copies of the source)",
            imported.not_translated.len()
        );
    }
    let n = imported.records.len();
    let (records, out) = match &args.into {
        None => {
            let left = &imported.left_out;
            if !left.is_empty() {
                let shown: Vec<&str> = left.iter().take(10).map(String::as_str).collect();
                eprintln!(
                    "kazpar: {name}: {} of the export {} not in this file (pairs without Kazakh, which a kk->en XLIFF cannot hold): {}{}; import with --into PAIRS to keep them",
                    if left.len() == 1 { "1 record".to_string() } else { format!("{} records", left.len()) },
                    if left.len() == 1 { "is" } else { "are" },
                    shown.join(", "),
                    if left.len() > shown.len() { ", ..." } else { "" }
                );
            }
            (std::mem::take(&mut imported.records), args.output.clone())
        }
        Some(base_path) => {
            let (base, bad) = read_pairs(base_path)?;
            attention |= bad > 0;
            let (merged, rep) = kazpar_export::merge_with(base, imported);
            for c in &rep.conflicts {
                eprintln!("kazpar: conflict: {c}");
            }
            for id in &rep.unknown {
                eprintln!("kazpar: {id}: not in {}; appended", base_path.display());
            }
            for u in &rep.unmatched {
                eprintln!("kazpar: {name}: unit {u}: its Kazakh text matches no record; not applied");
            }
            eprintln!(
                "kazpar: {n} units: {} translations filled in, {} changed, {} unchanged, {} conflicts, {} unknown ids, {} without id matching no Kazakh text",
                rep.filled,
                rep.changed.len(),
                rep.unchanged,
                rep.conflicts.len(),
                rep.unknown.len(),
                rep.unmatched.len()
            );
            attention |= !rep.conflicts.is_empty() || !rep.unknown.is_empty() || !rep.unmatched.is_empty();
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
