//! One module per subcommand: its flags and its `run`.

pub mod align;
pub mod build;
pub mod eval;
pub mod export;
pub mod import;
pub mod lang;
pub mod lexicon;
pub mod normalize;
pub mod publish;
pub mod report;
pub mod split;
