//! `kazpar eval` (issue 6).

use anyhow::Result;

/// Flags of `kazpar eval`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run `kazpar eval`.
pub fn run(_args: Args) -> Result<u8> {
    anyhow::bail!("`kazpar eval` is not implemented yet (issue 6)")
}
