//! Integration tests: the real `kazpar` binary run on fixtures in temp dirs.
//!
//! One module per subcommand or concern; `util` holds the helpers.

#[macro_use]
mod util;

mod align;
mod build;
mod eval;
mod export;
mod faults;
mod lang;
mod normalize;
mod report;
mod split;
