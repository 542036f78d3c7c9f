//! The CLI's threads and progress bar: the only place that sets up rayon's
//! pool or draws on the terminal.

use std::io::IsTerminal;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Use `n` worker threads (`None`: one per core) for the rest of the run.
pub fn set_threads(n: Option<usize>) -> Result<()> {
    if let Some(n) = n {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot set up worker threads")?;
    }
    Ok(())
}

/// A progress bar over `n` documents on stderr, hidden when `quiet` or when
/// stderr is not a terminal.
pub fn progress(n: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} documents ({eta})",
        )
        .expect("valid template"),
    );
    bar
}
