//! Print each stdin line's costs (nats above the best) per language, best first:
//! `cargo run -p kazpar-lang --example scores [MODEL.bin] < lines.txt`.

use std::io::BufRead;

use kazpar_lang::{Classifier, Lang};

fn main() {
    let owned;
    let c = match std::env::args().nth(1) {
        Some(p) => {
            let bytes = std::fs::read(&p).expect("model file readable");
            let model = kazpar_lang::Model::from_bytes(&bytes).expect("a model");
            owned = Classifier::new(model, kazpar_lang::Options::default());
            &owned
        }
        None => Classifier::builtin(),
    };
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin is UTF-8");
        let s = c.scores(&line);
        let best = s.cost(s.best());
        let mut all: Vec<(Lang, f64)> = Lang::ALL.iter().map(|l| (*l, s.cost(*l) - best)).collect();
        all.sort_by(|a, b| a.1.total_cmp(&b.1));
        let shown: Vec<String> = all.iter().take(6).map(|(l, c)| format!("{l} {c:.1}")).collect();
        println!("{}\t{}", line, shown.join("  "));
    }
}
