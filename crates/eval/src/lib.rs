//! MT evaluation metrics (BLEU, chrF, chrF++, TER) that reproduce sacreBLEU's numbers.
//!
//! Work in progress: see issue 6.
#![deny(missing_docs)]
