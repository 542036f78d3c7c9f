//! Integration tests for `kazpar normalize`.

#[allow(unused_imports)]
use crate::util::*;
