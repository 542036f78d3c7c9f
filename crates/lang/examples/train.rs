//! Train a model: `train TRAIN.tsv OUT.bin [ALPHA] [MIN_COUNT]`.
//!
//! TRAIN.tsv holds one `<code>\t<text>` per line (what
//! `scripts/make-lang-model.py` writes); OUT.bin gets the table.

use kazpar_lang::{Lang, Model, TrainOptions};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: train TRAIN.tsv OUT.bin [ALPHA] [MIN_COUNT]");
        std::process::exit(2);
    }
    let text = std::fs::read_to_string(&args[1]).unwrap_or_else(|e| {
        eprintln!("{}: {e}", args[1]);
        std::process::exit(2)
    });
    let mut opts = TrainOptions::default();
    if let Some(a) = args.get(3) {
        opts.alpha = a.parse().expect("ALPHA is a number");
    }
    if let Some(m) = args.get(4) {
        opts.min_count = m.parse().expect("MIN_COUNT is an integer");
    }
    let mut samples = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let Some((code, t)) = line.split_once('\t') else {
            eprintln!("{}:{}: no tab", args[1], n + 1);
            std::process::exit(2)
        };
        let Some(lang) = Lang::from_code(code) else {
            eprintln!("{}:{}: unknown language {code:?}", args[1], n + 1);
            std::process::exit(2)
        };
        samples.push((lang, t));
    }
    let model = Model::train(samples, opts);
    std::fs::write(&args[2], model.to_bytes()).unwrap_or_else(|e| {
        eprintln!("{}: {e}", args[2]);
        std::process::exit(2)
    });
    eprintln!("{}: {} n-grams", args[2], model.len());
}
