//! `kazpar export` (issue 7).

use anyhow::Result;

/// Flags of `kazpar export`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run `kazpar export`.
pub fn run(_args: Args) -> Result<u8> {
    anyhow::bail!("`kazpar export` is not implemented yet (issue 7)")
}
