//! Integration tests for `kazpar export`.

#[allow(unused_imports)]
use crate::util::*;
