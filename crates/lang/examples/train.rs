//! Make a model file: `train TRAIN.tsv OUT.bin [ALPHA MIN_COUNT MAX_ORDER WORDS WEIGHTS]`.
//!
//! TRAIN.tsv holds one `<code>\t<text>` per line (what
//! `scripts/make-lang-model.py` writes). The optional settings default to
//! [`TrainOptions::default`]: ALPHA (add-α smoothing), MIN_COUNT (pruning),
//! MAX_ORDER (highest n-gram order), WORDS (1: whole words too), WEIGHTS
//! (comma-separated multipliers of each order's costs, whole words first).

use kazpar_lang::{Counts, Lang, TrainOptions};

fn fail(msg: String) -> ! {
    eprintln!("train: {msg}");
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        fail("usage: train TRAIN.tsv OUT.bin [ALPHA MIN_COUNT MAX_ORDER WORDS WEIGHTS]".into());
    }
    let text = std::fs::read_to_string(&args[1]).unwrap_or_else(|e| fail(format!("{}: {e}", args[1])));
    let mut opts = TrainOptions::default();
    let arg = |i: usize| args.get(i).filter(|a| !a.is_empty());
    if let Some(a) = arg(3) {
        opts.alpha = a
            .parse()
            .unwrap_or_else(|_| fail(format!("ALPHA {a:?} is not a number")));
    }
    if let Some(m) = arg(4) {
        opts.min_count = m
            .parse()
            .unwrap_or_else(|_| fail(format!("MIN_COUNT {m:?} is not an integer")));
    }
    if let Some(o) = arg(5) {
        opts.features.max_order = o
            .parse()
            .unwrap_or_else(|_| fail(format!("MAX_ORDER {o:?} is not an integer")));
    }
    if let Some(w) = arg(6) {
        opts.features.words = w == "1";
    }
    if let Some(ws) = arg(7) {
        for (i, w) in ws.split(',').enumerate() {
            opts.weights[i] = w
                .parse()
                .unwrap_or_else(|_| fail(format!("weight {w:?} is not a number")));
        }
    }
    let mut counts = Counts::new(opts.features);
    for (n, line) in text.lines().enumerate() {
        let Some((code, t)) = line.split_once('\t') else {
            fail(format!("{}:{}: no tab", args[1], n + 1))
        };
        let Some(lang) = Lang::from_code(code) else {
            fail(format!("{}:{}: unknown language {code:?}", args[1], n + 1))
        };
        counts.add(lang, t);
    }
    let bytes = counts.to_bytes(opts);
    let model = kazpar_lang::Model::from_bytes(&bytes).unwrap_or_else(|e| fail(e.to_string()));
    std::fs::write(&args[2], &bytes).unwrap_or_else(|e| fail(format!("{}: {e}", args[2])));
    eprintln!(
        "{}: {} features, {} bytes ({opts:?})",
        args[2],
        model.len(),
        bytes.len()
    );
}
