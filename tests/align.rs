//! Integration tests for `kazpar align`.

#[allow(unused_imports)]
use crate::util::*;
