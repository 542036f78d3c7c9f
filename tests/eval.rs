//! Integration tests for `kazpar eval`.

#[allow(unused_imports)]
use crate::util::*;
