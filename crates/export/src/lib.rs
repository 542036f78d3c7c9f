//! Exports of kazpar pairs (TMX, XLIFF, Moses, Hugging Face) and imports back.
//!
//! Work in progress: see issue 7.
#![deny(missing_docs)]
