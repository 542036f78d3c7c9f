//! Tokenize stdin with a SentencePiece model, one line in, one line out:
//! `" ".join(EncodeAsPieces(line))`, as sacreBLEU's spBLEU tokenizers do.
//! Used by scripts/check-spm.sh to compare with Python's sentencepiece.
//!
//!     cargo run -p kazpar-eval --example spm_encode -- MODEL [0.2.3|0.2.0] < lines.txt

use std::io::{BufRead, Write};

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: spm_encode MODEL < lines");
        return std::process::ExitCode::from(2);
    };
    let compat = std::env::args().nth(2).unwrap_or_else(|| "0.2.3".into());
    let Some(compat) = kazpar_eval::spm::Compat::from_name(&compat) else {
        eprintln!("spm_encode: unknown sentencepiece version {compat} (0.2.3, 0.2.0)");
        return std::process::ExitCode::from(2);
    };
    let model = match kazpar_eval::SpmModel::load(std::path::Path::new(&path)) {
        Ok(m) => m.with_compat(compat),
        Err(e) => {
            eprintln!("spm_encode: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // Lines split on \n only (as the Python side reads them), kept byte-exact otherwise.
    for line in stdin.lock().split(b'\n') {
        let line = line.expect("read stdin");
        let line = String::from_utf8(line).expect("UTF-8 input");
        writeln!(out, "{}", model.tokenize(&line)).expect("write stdout");
    }
    std::process::ExitCode::SUCCESS
}
