//! `kazpar import` (issue 7).

use anyhow::Result;

/// Flags of `kazpar import`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run `kazpar import`.
pub fn run(_args: Args) -> Result<u8> {
    anyhow::bail!("`kazpar import` is not implemented yet (issue 7)")
}
