//! Integration tests for `kazpar split`.

#[allow(unused_imports)]
use crate::util::*;
