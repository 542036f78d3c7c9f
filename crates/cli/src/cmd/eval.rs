//! `kazpar eval`: score machine translation against references with
//! sacreBLEU 2.6.0's exact numbers (BLEU, chrF, chrF++, TER).
//!
//! JSON output (stable; read by outside evaluations), one object keyed by the
//! metric names given to `--metrics`:
//! `{"bleu": {"name": "BLEU", "score": 24.31, "signature": "nrefs:1|…", …}}`;
//! `--sentence-level` adds `"scores": [...]` in segment order; `--pairs` adds
//! `"documents": [{"doc", "segments", "score"}]`. Several `--hyp` give
//! `{"systems": [{"system": NAME, "bleu": {...}}, …]}`, and `--paired-bs` adds
//! `p_value` (not for the baseline), `mean` and `ci` to each metric.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use kazpar_eval::significance::{confidence, paired_ar, paired_bootstrap, ArResult, PairedResult};
use kazpar_eval::text::read_segments;
use kazpar_eval::{
    sum_stats, Bleu, BleuConfig, Chrf, ChrfConfig, Metric, Smoothing, Ter, TerConfig, Tokenizer,
};
use rayon::prelude::*;
use serde_json::{json, Map, Value};

use crate::io::{display_name, read_bytes, read_text, write_output};

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// sacreBLEU-style lines: `BLEU|nrefs:1|… = 24.3 …`.
    Text,
    /// One JSON object keyed by metric name.
    Json,
}

/// Flags of `kazpar eval`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  kazpar eval --ref ref.en --hyp hyp.en --metrics bleu,chrf,chrf++,ter --format json
  kazpar eval --ref ref.en --hyp base.en --hyp new.en --paired-bs
  kazpar eval --ref ref.en --hyp base.en --hyp new.en --paired-ar
  kazpar eval --ref ref.en --hyp new.en --confidence --tokenize char
  kazpar eval --pairs pairs.jsonl --hyp-field mt --metrics bleu,chrf --format json
  kazpar eval --ref ref.kk --hyp hyp.kk --tokenize flores200 --spm-model flores200sacrebleuspm

Files are read as sacreBLEU reads them: split on \\n, trailing whitespace
stripped, no Unicode normalization. Exit codes: 0 ok; 1 some pairs records
skipped (no reference or hypothesis); 2 fatal (e.g. line counts differ).")]
pub struct Args {
    /// Reference file, one segment per line; repeat for several references.
    #[arg(long = "ref", short = 'r', value_name = "REF")]
    pub refs: Vec<PathBuf>,
    /// Hypothesis file; repeat to score several systems (the first is the
    /// baseline for --paired-bs).
    #[arg(long = "hyp", short = 'i', value_name = "HYP")]
    pub hyps: Vec<PathBuf>,
    /// pairs.jsonl with references and machine translations (one record per segment).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["refs", "hyps"])]
    pub pairs: Option<PathBuf>,
    /// Field of --pairs records holding the machine translation; repeat for several systems.
    #[arg(long, value_name = "FIELD", requires = "pairs")]
    pub hyp_field: Vec<String>,
    /// Field of --pairs records holding the reference.
    #[arg(long, value_name = "FIELD", default_value = "en")]
    pub ref_field: String,
    /// Field of --pairs records naming the document (for per-document scores).
    #[arg(long, value_name = "FIELD", default_value = "doc")]
    pub doc_field: String,
    /// Metrics, comma-separated: bleu, chrf, chrf++, ter.
    #[arg(long, short = 'm', value_delimiter = ',', default_value = "bleu")]
    pub metrics: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also give a score per segment (BLEU with effective order, as sacreBLEU does).
    #[arg(long)]
    pub sentence_level: bool,
    /// Decimals in text output (sacreBLEU's --width).
    #[arg(long, short = 'w', default_value_t = 1)]
    pub width: usize,
    /// Output file (written atomically), or - for stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Metric settings (sacreBLEU's flag names).
    #[command(flatten)]
    pub opts: Box<MetricOpts>,
    /// Paired bootstrap resampling between systems (first --hyp is the baseline).
    #[arg(long)]
    pub paired_bs: bool,
    /// Number of bootstrap resamples.
    #[arg(long, default_value_t = 1000)]
    pub paired_bs_n: usize,
    /// Paired approximate randomization between systems (first --hyp is the
    /// baseline), as sacreBLEU's --paired-ar: p-values, no intervals.
    #[arg(long, conflicts_with = "paired_bs")]
    pub paired_ar: bool,
    /// Number of approximate randomization trials.
    #[arg(long, default_value_t = 10_000)]
    pub paired_ar_n: usize,
    /// Bootstrap 95% confidence interval of a single system (sacreBLEU's --confidence).
    #[arg(long, conflicts_with_all = ["paired_bs", "paired_ar"])]
    pub confidence: bool,
    /// Number of bootstrap resamples for --confidence.
    #[arg(long, default_value_t = 1000)]
    pub confidence_n: usize,
    /// Seed of the resampling (sacreBLEU's default 12345 gives its exact draws).
    #[arg(long, default_value_t = 12345)]
    pub seed: u32,
}

/// Settings of the metrics (boxed: keeps the subcommand enum small).
#[derive(Debug, clap::Args)]
pub struct MetricOpts {
    /// BLEU tokenizer: 13a, intl, none, char, or spBLEU's flores200, flores101
    /// (alias spm) and spBLEU-1K, which need --spm-model.
    #[arg(long, short = 't', default_value = "13a")]
    pub tokenize: String,
    /// SentencePiece model file for --tokenize flores200/flores101/spm/spBLEU-1K
    /// (kazpar never downloads it; sacreBLEU keeps its copy in ~/.sacrebleu/models/).
    #[arg(long, value_name = "FILE")]
    pub spm_model: Option<PathBuf>,
    /// The sentencepiece release whose unigram tie-breaking to reproduce: 0.2.3
    /// (today's `pip install sentencepiece`) or 0.2.0; they differ only on exact
    /// score ties and very long lines. Not in the signature (sacreBLEU's has none).
    #[arg(long, value_name = "VERSION", default_value = "0.2.3", requires = "spm_model")]
    pub spm_version: String,
    /// BLEU smoothing: exp, floor, add-k or none.
    #[arg(long, short = 's', default_value = "exp")]
    pub smooth_method: String,
    /// BLEU smoothing value for floor (default 0.1) and add-k (default 1).
    #[arg(long)]
    pub smooth_value: Option<f64>,
    /// Lowercase for BLEU.
    #[arg(long, short = 'l')]
    pub lowercase: bool,
    /// Lowercase for chrF/chrF++.
    #[arg(long)]
    pub chrf_lowercase: bool,
    /// Keep whitespace in chrF character n-grams.
    #[arg(long)]
    pub chrf_whitespace: bool,
    /// chrF++.py-style epsilon smoothing instead of effective order.
    #[arg(long)]
    pub chrf_eps_smoothing: bool,
    /// chrF character n-gram order.
    #[arg(long, default_value_t = 6)]
    pub chrf_char_order: usize,
    /// chrF beta (recall weight).
    #[arg(long, default_value_t = 2)]
    pub chrf_beta: u32,
    /// Case-sensitive TER (default: lowercased, as Tercom).
    #[arg(long)]
    pub ter_case_sensitive: bool,
    /// Tercom normalization for TER.
    #[arg(long)]
    pub ter_normalized: bool,
    /// Remove punctuation for TER.
    #[arg(long)]
    pub ter_no_punct: bool,
}

/// One metric as asked for on the command line.
struct Named {
    key: String,
    metric: Box<dyn Metric>,
    /// For sentence scores (BLEU with effective order); same statistics.
    sentence: Box<dyn Metric>,
}

/// The BLEU tokenizer; the SentencePiece ones read the model given with --spm-model.
fn build_tokenizer(opts: &MetricOpts) -> Result<Tokenizer> {
    let compat = kazpar_eval::spm::Compat::from_name(&opts.spm_version)
        .with_context(|| format!("unknown --spm-version {:?} (0.2.3, 0.2.0)", opts.spm_version))?;
    kazpar_eval::tokenize::tokenizer_named(&opts.tokenize, opts.spm_model.as_deref(), compat)
        .map_err(|e| anyhow::Error::msg(e.message("--spm-model", "--tokenize")))
}

fn build_metrics(args: &Args) -> Result<Vec<Named>> {
    let tokenizer = build_tokenizer(&args.opts)?;
    let smoothing =
        Smoothing::from_name(&args.opts.smooth_method, args.opts.smooth_value).with_context(|| {
            format!(
                "unknown smoothing {:?} (exp, floor, add-k, none)",
                args.opts.smooth_method
            )
        })?;
    let chrf = |word_order| ChrfConfig {
        char_order: args.opts.chrf_char_order,
        word_order,
        beta: args.opts.chrf_beta,
        lowercase: args.opts.chrf_lowercase,
        whitespace: args.opts.chrf_whitespace,
        eps_smoothing: args.opts.chrf_eps_smoothing,
    };
    let ter = TerConfig {
        case_sensitive: args.opts.ter_case_sensitive,
        normalized: args.opts.ter_normalized,
        no_punct: args.opts.ter_no_punct,
    };
    let mut out: Vec<Named> = Vec::new();
    for key in &args.metrics {
        let key = key.trim().to_lowercase();
        if out.iter().any(|n| n.key == key) {
            continue;
        }
        let (metric, sentence): (Box<dyn Metric>, Box<dyn Metric>) = match key.as_str() {
            "bleu" => {
                let cfg = BleuConfig {
                    lowercase: args.opts.lowercase,
                    tokenizer: tokenizer.clone(),
                    smoothing,
                    ..Default::default()
                };
                let sent = BleuConfig {
                    effective_order: true,
                    ..cfg.clone()
                };
                (Box::new(Bleu::new(cfg)?), Box::new(Bleu::new(sent)?))
            }
            "chrf" => (Box::new(Chrf::new(chrf(0))?), Box::new(Chrf::new(chrf(0))?)),
            "chrf++" => (Box::new(Chrf::new(chrf(2))?), Box::new(Chrf::new(chrf(2))?)),
            "ter" => (Box::new(Ter::new(ter.clone())), Box::new(Ter::new(ter.clone()))),
            other => bail!("unknown metric {other:?} (bleu, chrf, chrf++, ter)"),
        };
        out.push(Named {
            key,
            metric,
            sentence,
        });
    }
    if out.is_empty() {
        bail!("no metric given");
    }
    Ok(out)
}

/// The segments to score: systems, reference streams, and documents (pairs mode).
struct Input {
    systems: Vec<(String, Vec<Seg>)>,
    refs: Vec<Vec<Seg>>,
    docs: Option<Vec<String>>,
    skipped: usize,
}

/// One segment. The input texts live as long as the process (leaked on
/// purpose: one allocation per file instead of one per line).
type Seg = &'static str;

fn read_lines(path: &Path) -> Result<Vec<Seg>> {
    let text: &'static str = Box::leak(read_text(path)?.into_boxed_str());
    Ok(read_segments(text))
}

fn read_files(args: &Args) -> Result<std::result::Result<Input, String>> {
    if args.refs.is_empty() || args.hyps.is_empty() {
        bail!("give --ref and --hyp files, or --pairs with --hyp-field");
    }
    let mut refs = Vec::new();
    for r in &args.refs {
        refs.push((display_name(r), read_lines(r)?));
    }
    let mut systems = Vec::new();
    for h in &args.hyps {
        systems.push((display_name(h), read_lines(h)?));
    }
    let n = systems[0].1.len();
    let mut counts = Vec::new();
    for (name, lines) in refs.iter().chain(&systems) {
        counts.push(format!("{name}: {} lines", lines.len()));
    }
    if refs.iter().chain(&systems).any(|(_, l)| l.len() != n) {
        // Name the first line one file has and another lacks.
        let all: Vec<&(String, Vec<Seg>)> = refs.iter().chain(&systems).collect();
        let short = all
            .iter()
            .min_by_key(|(_, l)| l.len())
            .map_or(0, |(_, l)| l.len());
        let longer: Vec<&str> = all
            .iter()
            .filter(|(_, l)| l.len() > short)
            .map(|(name, _)| name.as_str())
            .collect();
        let lacking: Vec<&str> = all
            .iter()
            .filter(|(_, l)| l.len() == short)
            .map(|(name, _)| name.as_str())
            .collect();
        let what = if short == 0 { "is empty" } else { "ends there" };
        return Ok(Err(format!(
            "line counts differ: {}; first difference at line {}: {} has it, {} {what}",
            counts.join(", "),
            short + 1,
            longer.join(", "),
            lacking.join(", ")
        )));
    }
    if n == 0 {
        return Ok(Err(format!("no segments to score ({})", counts.join(", "))));
    }
    Ok(Ok(Input {
        systems,
        refs: refs.into_iter().map(|(_, l)| l).collect(),
        docs: None,
        skipped: 0,
    }))
}

fn read_pairs(args: &Args, path: &Path) -> Result<std::result::Result<Input, String>> {
    if args.hyp_field.is_empty() {
        bail!("--pairs needs --hyp-field (the machine translation field, e.g. mt)");
    }
    let bytes = read_bytes(path)?;
    let name = display_name(path);
    let mut refs = Vec::new();
    let mut docs = Vec::new();
    let mut systems: Vec<(String, Vec<Seg>)> =
        args.hyp_field.iter().map(|f| (f.clone(), Vec::new())).collect();
    let mut skipped = 0;
    // the one JSONL policy: a line that is not JSON is named, skipped, and the exit code is 1
    let mut lacking = Vec::new();
    for r in kazpar_corpus::read_jsonl::<Value>(&bytes, Path::new(&name), "a JSON object") {
        let (line, v) = match r {
            Ok(lv) => lv,
            Err(e) => {
                eprintln!("kazpar eval: skipped {e}");
                skipped += 1;
                continue;
            }
        };
        let field = |f: &str| v.get(f).and_then(Value::as_str).map(str::to_owned);
        let r = field(&args.ref_field);
        let hs: Vec<Option<String>> = args.hyp_field.iter().map(|f| field(f)).collect();
        let (Some(r), true) = (r, hs.iter().all(Option::is_some)) else {
            lacking.push(line);
            skipped += 1;
            continue;
        };
        // Each field is one segment: read it as a sacreBLEU line would be.
        let clean =
            |s: &str| -> Seg { Box::leak(kazpar_eval::text::py_rstrip(s).to_owned().into_boxed_str()) };
        refs.push(clean(&r));
        for (sys, h) in systems.iter_mut().zip(hs) {
            sys.1.push(clean(&h.unwrap_or_default()));
        }
        docs.push(match v.get(&args.doc_field) {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        });
    }
    if refs.is_empty() {
        return Ok(Err(format!(
            "{name}: no record has both {:?} and {:?}",
            args.ref_field, args.hyp_field
        )));
    }
    if !lacking.is_empty() {
        let shown: Vec<String> = lacking.iter().take(10).map(|l| l.to_string()).collect();
        eprintln!(
            "kazpar eval: {name}: skipped {} records without a string {:?} or {:?} (lines {}{})",
            lacking.len(),
            args.ref_field,
            args.hyp_field,
            shown.join(", "),
            if lacking.len() > shown.len() { ", …" } else { "" }
        );
    }
    Ok(Ok(Input {
        systems,
        refs: vec![refs],
        docs: Some(docs),
        skipped,
    }))
}

/// Per-segment statistics in parallel, concatenated in segment order.
fn stats_of(metric: &dyn Metric, hyps: &[Seg], refs: &[Vec<Seg>]) -> Vec<f64> {
    const CHUNK: usize = 64;
    let k = metric.stats_len();
    // One allocation for all statistics; each task fills its own slice.
    let mut all = vec![0.0f64; hyps.len() * k];
    all.par_chunks_mut(CHUNK * k).enumerate().for_each(|(c, dst)| {
        let lo = c * CHUNK;
        let hi = lo + dst.len() / k;
        let mut out = Vec::with_capacity(dst.len());
        let mut seg: Vec<&str> = Vec::with_capacity(refs.len());
        for i in lo..hi {
            seg.clear();
            seg.extend(refs.iter().map(|r| r[i]));
            metric.segment_stats(hyps[i], &seg, &mut out);
        }
        dst.copy_from_slice(&out);
    });
    all
}

fn metric_json(
    named: &Named,
    stats: &[f64],
    nrefs: usize,
    args: &Args,
    docs: Option<&[String]>,
    paired: Option<&PairedResult>,
    ar: Option<&ArResult>,
) -> Value {
    let k = named.metric.stats_len();
    let score = named.metric.score(&sum_stats(stats, k));
    let mut sig = named.metric.signature(nrefs);
    let mut paired_owned = None;
    if paired.is_some() {
        sig = sig.with_bootstrap(args.paired_bs_n, u64::from(args.seed));
    } else if ar.is_some() {
        sig = sig.with_randomization(args.paired_ar_n, u64::from(args.seed));
    } else if args.confidence {
        sig = sig.with_bootstrap(args.confidence_n, u64::from(args.seed));
        let c = confidence(named.metric.as_ref(), stats, args.confidence_n, args.seed);
        paired_owned = Some(PairedResult {
            score: score.score,
            p_value: None,
            mean: c.mean,
            ci: c.ci,
        });
    }
    let paired = paired.or(paired_owned.as_ref());
    let mut m = Map::new();
    m.insert("name".into(), json!(score.name));
    m.insert("score".into(), json!(score.score));
    m.insert("signature".into(), json!(sig.format()));
    if !score.verbose.is_empty() {
        m.insert("verbose".into(), json!(score.verbose));
    }
    for (key, v) in score.details {
        m.insert(key, v);
    }
    if let Some(p) = paired {
        if let Some(pv) = p.p_value {
            m.insert("p_value".into(), json!(pv));
        }
        m.insert("mean".into(), json!(p.mean));
        m.insert("ci".into(), json!(p.ci));
    }
    if let Some(pv) = ar.and_then(|a| a.p_value) {
        m.insert("p_value".into(), json!(pv));
    }
    if args.sentence_level {
        let scores: Vec<f64> = stats
            .chunks_exact(k)
            .map(|s| named.sentence.score(s).score)
            .collect();
        m.insert("scores".into(), json!(scores));
        m.insert(
            "sentence_signature".into(),
            json!(named.sentence.signature(nrefs).format()),
        );
    }
    if let Some(docs) = docs {
        let mut order: Vec<&str> = Vec::new();
        let mut per: std::collections::HashMap<&str, Vec<f64>> = Default::default();
        for (d, seg) in docs.iter().zip(stats.chunks_exact(k)) {
            let e = per.entry(d.as_str()).or_insert_with(|| {
                order.push(d.as_str());
                Vec::new()
            });
            e.extend_from_slice(seg);
        }
        let list: Vec<Value> = order
            .iter()
            .map(|d| {
                let s = &per[d];
                json!({"doc": d, "segments": s.len() / k, "score": named.metric.score(&sum_stats(s, k)).score})
            })
            .collect();
        m.insert("documents".into(), Value::Array(list));
    }
    Value::Object(m)
}

fn text_lines(out: &mut String, system: Option<&str>, key_obj: &Map<String, Value>, args: &Args) {
    let f = |v: Option<&Value>| v.and_then(Value::as_f64).unwrap_or(f64::NAN);
    let w = args.width;
    let prefix = system.map(|s| format!("{s}: ")).unwrap_or_default();
    let name = key_obj.get("name").and_then(Value::as_str).unwrap_or("");
    let sig = key_obj.get("signature").and_then(Value::as_str).unwrap_or("");
    let mut line = format!("{prefix}{name}|{sig} = {:.*}", w, f(key_obj.get("score")));
    if key_obj.contains_key("mean") {
        line.push_str(&format!(
            " (μ = {:.*} ± {:.*})",
            w,
            f(key_obj.get("mean")),
            w,
            f(key_obj.get("ci"))
        ));
    }
    if let Some(p) = key_obj.get("p_value").and_then(Value::as_f64) {
        line.push_str(&format!(" (p = {p:.4}){}", if p < 0.05 { "*" } else { "" }));
    }
    if let Some(v) = key_obj.get("verbose").and_then(Value::as_str) {
        line.push(' ');
        line.push_str(v);
    }
    out.push_str(&line);
    out.push('\n');
    if let Some(Value::Array(docs)) = key_obj.get("documents") {
        for d in docs {
            out.push_str(&format!(
                "{prefix}{name} doc {} ({} segments) = {:.*}\n",
                d["doc"].as_str().unwrap_or(""),
                d["segments"],
                w,
                f(d.get("score"))
            ));
        }
    }
    if let Some(Value::Array(scores)) = key_obj.get("scores") {
        let ssig = key_obj
            .get("sentence_signature")
            .and_then(Value::as_str)
            .unwrap_or("");
        for (i, s) in scores.iter().enumerate() {
            out.push_str(&format!(
                "{prefix}{name}|{ssig} segment {} = {:.*}\n",
                i + 1,
                w,
                f(Some(s))
            ));
        }
    }
}

/// Run `kazpar eval`.
pub fn run(args: Args) -> Result<u8> {
    let metrics = build_metrics(&args)?;
    if (args.paired_bs || args.paired_ar || args.confidence) && args.sentence_level {
        bail!("--paired-bs, --paired-ar and --confidence cannot be combined with --sentence-level");
    }
    let input = match &args.pairs {
        Some(p) => read_pairs(&args, p)?,
        None => read_files(&args)?,
    };
    let input = match input {
        Ok(i) => i,
        Err(msg) => {
            eprintln!("kazpar eval: {msg}");
            return Ok(crate::EXIT_FATAL);
        }
    };
    if (args.paired_bs || args.paired_ar) && input.systems.len() < 2 {
        bail!("--paired-bs and --paired-ar need at least two systems (repeat --hyp)");
    }
    if args.confidence && input.systems.len() > 1 {
        bail!("--confidence is for one system; use --paired-bs or --paired-ar for several");
    }
    let nrefs = input.refs.len();
    let docs = input.docs.as_deref();
    // stats[metric][system]
    let stats: Vec<Vec<Vec<f64>>> = metrics
        .iter()
        .map(|m| {
            input
                .systems
                .iter()
                .map(|(_, h)| stats_of(m.metric.as_ref(), h, &input.refs))
                .collect()
        })
        .collect();
    let paired: Vec<Option<Vec<PairedResult>>> = metrics
        .iter()
        .zip(&stats)
        .map(|(m, s)| {
            args.paired_bs
                .then(|| paired_bootstrap(m.metric.as_ref(), s, args.paired_bs_n, args.seed))
        })
        .collect();
    let ar: Vec<Option<Vec<ArResult>>> = metrics
        .iter()
        .zip(&stats)
        .map(|(m, s)| {
            args.paired_ar
                .then(|| paired_ar(m.metric.as_ref(), s, args.paired_ar_n, args.seed))
        })
        .collect();
    let system_obj = |si: usize| {
        let mut o = Map::new();
        for (mi, m) in metrics.iter().enumerate() {
            let p = paired[mi].as_ref().map(|v| &v[si]);
            let a = ar[mi].as_ref().map(|v| &v[si]);
            o.insert(
                m.key.clone(),
                metric_json(m, &stats[mi][si], nrefs, &args, docs, p, a),
            );
        }
        o
    };
    let multi = input.systems.len() > 1;
    let rendered = match args.format {
        Format::Json => {
            let v = if multi {
                let list: Vec<Value> = (0..input.systems.len())
                    .map(|si| {
                        let mut o = Map::new();
                        o.insert("system".into(), json!(input.systems[si].0));
                        o.extend(system_obj(si));
                        Value::Object(o)
                    })
                    .collect();
                json!({ "systems": list })
            } else {
                Value::Object(system_obj(0))
            };
            serde_json::to_string_pretty(&v)? + "\n"
        }
        Format::Text => {
            let mut out = String::new();
            for si in 0..input.systems.len() {
                let name = multi.then(|| input.systems[si].0.as_str());
                for (_, v) in system_obj(si).iter() {
                    if let Value::Object(o) = v {
                        text_lines(&mut out, name, o, &args);
                    }
                }
            }
            out
        }
    };
    write_output(args.output.as_deref(), |w| w.write_all(rendered.as_bytes()))?;
    Ok(if input.skipped > 0 {
        crate::EXIT_SKIPPED
    } else {
        crate::EXIT_OK
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct T {
        #[command(flatten)]
        a: Args,
    }

    #[test]
    fn metrics_parse_as_a_comma_list() {
        let t = T::try_parse_from(["t", "--ref", "r", "--hyp", "h", "-m", "bleu,chrf++,ter"]).unwrap();
        let m = build_metrics(&t.a).unwrap();
        let keys: Vec<_> = m.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(keys, ["bleu", "chrf++", "ter"]);
        let t = T::try_parse_from(["t", "--ref", "r", "--hyp", "h", "-m", "blue"]).unwrap();
        assert!(build_metrics(&t.a).is_err());
    }
}
