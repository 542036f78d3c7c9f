//! Integration tests for `kazpar build`.

#[allow(unused_imports)]
use crate::util::*;
