//! `kazpar publish`: a filtered, deduplicated, split Hugging Face dataset folder.

use std::path::PathBuf;

use anyhow::Result;

use crate::io::read_pairs;

/// Flags of `kazpar publish`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  kazpar publish out/pairs.jsonl -o dataset/
  kazpar publish out/pairs.jsonl -o dataset/ --min-score 0.5 --dev 0.1 --test 0.1 --seed 7

Writes dataset/data/{train,validation,test}.parquet (and .jsonl), dataset/README.md (the dataset card, with
counts per split and what was filtered) and dataset/SHA256SUMS. Documents, not pairs, are
assigned to splits, by a seeded hash of the document id.")]
pub struct Args {
    /// Pairs JSONL, or - for stdin.
    #[arg(default_value = "-")]
    pub pairs: PathBuf,
    /// Output folder.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Drop aligned pairs scoring below this.
    #[arg(long, default_value_t = 0.3)]
    pub min_score: f64,
    /// Drop pairs whose longer side has more than this many times the characters of the shorter.
    #[arg(long, default_value_t = 3.0)]
    pub max_ratio: f64,
    /// Share of documents in the validation split.
    #[arg(long, default_value_t = 0.05)]
    pub dev: f64,
    /// Share of documents in the test split.
    #[arg(long, default_value_t = 0.05)]
    pub test: f64,
    /// Seed of the document split.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Keep pairs whose Kazakh or English side is in another language
    /// (records with `kk_lang` or `en_lang`, from build's language check).
    #[arg(long)]
    pub keep_other_languages: bool,
}

/// Run `kazpar publish`.
pub fn run(args: Args) -> Result<u8> {
    if !(0.0..=1.0).contains(&(args.dev + args.test)) || args.dev < 0.0 || args.test < 0.0 {
        anyhow::bail!("--dev and --test must be shares between 0 and 1 that sum to at most 1");
    }
    let (records, bad) = read_pairs(&args.pairs)?;
    let opts = kazpar_export::PublishOptions {
        min_score: args.min_score,
        max_len_ratio: args.max_ratio,
        dev: args.dev,
        test: args.test,
        seed: args.seed,
        keep_other_languages: args.keep_other_languages,
    };
    let _lock = crate::io::lock_output(&args.output)?;
    let rep = kazpar_export::publish(&records, &args.output, &opts)?;
    let splits: Vec<String> = rep
        .splits
        .iter()
        .map(|(n, p, d)| format!("{n}: {p} pairs / {d} documents"))
        .collect();
    eprintln!(
        "kazpar: {} records in; dropped {} one-sided, {} in another language, {} low score, {} length ratio, {} exact and {} near duplicates; {} -> {}",
        rep.input,
        rep.one_sided,
        rep.other_language,
        rep.low_score,
        rep.length_ratio,
        rep.exact_duplicates,
        rep.near_duplicates,
        splits.join(", "),
        args.output.display()
    );
    Ok(if bad > 0 {
        crate::EXIT_SKIPPED
    } else {
        crate::EXIT_OK
    })
}
