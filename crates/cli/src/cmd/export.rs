//! `kazpar export`: pairs JSONL to TMX, XLIFF 2.0/1.2, Moses, Hugging Face or TSV.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use kazpar_export::Report;

use crate::io::{display_name, lock_output, read_pairs, write_output};

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// TMX 1.4b translation memory (a file); pairs with both sides only.
    Tmx,
    /// XLIFF 2.0 (a file); sentences without English become untranslated units.
    Xliff,
    /// XLIFF 1.2 (a file), for older tools.
    Xliff12,
    /// Moses/OPUS line-aligned files NAME.en-kk.kk and NAME.en-kk.en (a folder).
    Moses,
    /// Hugging Face dataset folder: data/train.parquet (and .jsonl) and a README.md card (a folder).
    Hf,
    /// Tab-separated id, doc, kk, en with a header line (a file).
    Tsv,
}

/// Flags of `kazpar export`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  kazpar export --format xliff out/pairs.jsonl -o to-translate.xlf
  kazpar export --format tmx out/pairs.jsonl > memory.tmx
  kazpar export --format moses out/pairs.jsonl -o moses/ --name news
  kazpar export --format hf out/pairs.jsonl -o my-dataset/
  kazpar export --format xliff12 --omegat out/pairs.jsonl -o project/source/pairs.xlf
  kazpar export --format tmx out/pairs.jsonl -o project/tm/auto/kazpar.tmx   # OmegaT applies it

tmx, xliff, xliff12 and tsv write a file (stdout without -o or with -o -);
moses and hf write into a folder and need -o.
Exit codes: 0 done; 1 done, but some input lines were not records (named on stderr); 2 error.")]
pub struct Args {
    /// Output format.
    #[arg(long, short, value_enum)]
    pub format: Format,
    /// Pairs JSONL (as written by `kazpar build`), or - for stdin.
    #[arg(default_value = "-")]
    pub pairs: PathBuf,
    /// Output file, or folder for moses and hf.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Base name of the Moses files.
    #[arg(long, default_value = "kazpar")]
    pub name: String,
    /// XLIFF 1.2 for OmegaT: every target holds a copy of the Kazakh source (OmegaT's XLIFF
    /// filter translates the text of <target>); the English that exists goes in through the
    /// TMX export in the OmegaT project's tm/auto/. Only with --format xliff12.
    #[arg(long)]
    pub omegat: bool,
}

fn folder(args: &Args) -> Result<&Path> {
    match args.output.as_deref() {
        Some(p) if p != Path::new("-") => Ok(p),
        _ => bail!("--format {:?} writes a folder: give it with -o DIR", args.format),
    }
}

/// Run `kazpar export`.
pub fn run(args: Args) -> Result<u8> {
    if args.omegat && args.format != Format::Xliff12 {
        bail!("--omegat is for --format xliff12");
    }
    let (records, bad) = read_pairs(&args.pairs)?;
    let dest = args
        .output
        .as_deref()
        .map_or("<stdout>".to_string(), display_name);
    let rep: Report = match args.format {
        Format::Moses => {
            let dir = folder(&args)?;
            let _lock = lock_output(dir)?;
            kazpar_export::write_moses(&records, dir, &args.name)?
        }
        Format::Hf => {
            let dir = folder(&args)?;
            let _lock = lock_output(dir)?;
            kazpar_export::write_hf(&[("train", records.iter().collect())], dir, "")?
        }
        f => {
            let mut rep = Report::default();
            write_output(args.output.as_deref(), |w| {
                rep = match f {
                    Format::Tmx => kazpar_export::write_tmx(&records, w)?,
                    Format::Xliff => kazpar_export::write_xliff2(&records, w)?,
                    Format::Xliff12 => kazpar_export::write_xliff12_with(
                        &records,
                        w,
                        kazpar_export::Xliff12Options {
                            source_copy_targets: args.omegat,
                        },
                    )?,
                    _ => kazpar_export::write_tsv(&records, w)?,
                };
                Ok(())
            })
            .with_context(|| format!("cannot export to {dest}"))?;
            rep
        }
    };
    eprintln!(
        "kazpar: exported {} of {} records to {dest}; {} left out (the format needs a side they lack); {} characters removed or replaced (not allowed in the format)",
        rep.written,
        records.len(),
        rep.skipped_one_sided,
        rep.removed_chars
    );
    Ok(if bad > 0 {
        crate::EXIT_SKIPPED
    } else {
        crate::EXIT_OK
    })
}
