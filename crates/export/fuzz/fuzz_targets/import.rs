#![no_main]
//! `import` must never panic on any text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = kazpar_export::import(s);
    }
});
