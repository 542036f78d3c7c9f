//! The page itself: sections in reading order.

use std::collections::BTreeMap;
use std::fmt::Write;

use kazpar_corpus::PairRecord;
use serde::Deserialize;

use crate::escape;
use crate::svg::{self, Point};

/// Choices about the page's size.
#[derive(Clone, Debug)]
pub struct Options {
    /// Bytes of pair tables the page may hold; documents are given their
    /// tables in rank order (lowest mean score first) until this is spent,
    /// the rest get their summary only (their pairs are in `pairs.jsonl`).
    pub pair_budget: usize,
    /// Points the scatter plot draws at most: every marked pair, then an
    /// even sample of the rest.
    pub max_points: usize,
    /// A document section is open by default when it has at most this many
    /// pairs and the corpus at most [`Options::open_max_docs`] documents.
    pub open_max_pairs: usize,
    /// See [`Options::open_max_pairs`].
    pub open_max_docs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pair_budget: 8_000_000,
            max_points: 5_000,
            open_max_pairs: 20,
            open_max_docs: 50,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ManifestView {
    tool: String,
    version: String,
    settings: BTreeMap<String, serde_json::Value>,
    inputs: Vec<InputView>,
    skipped: Vec<SkippedView>,
    counts: BTreeMap<String, usize>,
    normalization: BTreeMap<String, usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct InputView {
    path: String,
    doc: String,
    lang: String,
    sentences: usize,
    warnings: Vec<WarningView>,
    normalization: BTreeMap<String, usize>,
    other_languages: BTreeMap<String, usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WarningView {
    line: usize,
    message: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SkippedView {
    path: String,
    reason: String,
    line: Option<usize>,
    message: String,
}

/// How far from the others a `1-1` pair's length ratio must be to be marked,
/// in words, as the page states it.
pub fn outlier_rule() -> &'static str {
    "a 1-1 pair is marked when |ln(en/kk characters) − median| > 3 × max(MAD, 0.05), \
     the median and the median absolute deviation (MAD) taken over all 1-1 pairs"
}

/// One document's records and numbers.
struct Doc<'a> {
    id: &'a str,
    date: Option<&'a str>,
    records: Vec<&'a PairRecord>,
    mean: Option<f64>,
    min: Option<f64>,
    unpaired: usize,
    other_lang: usize,
    outliers: usize,
}

impl<'a> Doc<'a> {
    /// A document with no records yet; its numbers are filled in later.
    fn new(id: &'a str, date: Option<&'a str>) -> Self {
        Doc {
            id,
            date,
            records: Vec::new(),
            mean: None,
            min: None,
            unpaired: 0,
            other_lang: 0,
            outliers: 0,
        }
    }
}

fn chars(s: &Option<String>) -> usize {
    s.as_deref().map_or(0, |s| s.chars().count())
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// ln(en/kk) of a 1-1 pair with text on both sides.
fn log_ratio(r: &PairRecord) -> Option<f64> {
    let (k, e) = (chars(&r.kk), chars(&r.en));
    (r.kind == "1-1" && k > 0 && e > 0).then(|| (e as f64 / k as f64).ln())
}

fn fmt_score(s: Option<f64>) -> String {
    s.map_or_else(|| "—".into(), |s| format!("{s:.4}"))
}

/// Rows of the ranking shown before the rest is folded into a `<details>`.
const RANKING_OPEN: usize = 100;

const RANKING_HEAD: &str = r#"<thead><tr><th class="num">#</th><th>document</th><th>date</th><th class="num">pairs</th><th class="num">mean score</th><th class="num">lowest</th><th class="num">1-0 / 0-1</th><th class="num">ratio marked</th><th class="num">other language</th><th class="num">normalized</th></tr></thead><tbody>"#;

const CSS: &str = r#"
:root{--fg:#1b1f24;--muted:#5b6470;--line:#d6dae0;--bg:#fff;--soft:#f4f6f8;--bar:#3b6fb6;--pt:#3b6fb6;--out:#d2452f;--warn:#fff4d6}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,"Noto Sans","DejaVu Sans",Arial,sans-serif;color:var(--fg);background:var(--bg);line-height:1.45;font-size:16px}
main{max-width:1200px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:1.6rem;margin:.2em 0}h2{font-size:1.25rem;margin:1.6em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}
.muted{color:var(--muted)}.small{font-size:.85rem}
nav.toc{display:flex;flex-wrap:wrap;gap:.4em 1em;font-size:.9rem;margin:.5em 0 1em}
.totals{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;margin:0;padding:0}
.totals div{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px 10px}
.totals dt{font-size:.8rem;color:var(--muted)}.totals dd{margin:0;font-size:1.4rem;font-weight:600}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:16px}
figure{margin:0;background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px}
figcaption{font-size:.85rem;color:var(--muted);margin-top:4px}
svg.chart{width:100%;height:auto;display:block;background:#fff}
svg .axis,svg .tick{stroke:#444;stroke-width:1}svg .grid{stroke:#e4e7eb;stroke-width:1}
svg .tl{font-size:11px;fill:#444;font-family:inherit}svg .nodata{font-size:16px;fill:#888}
svg .bar{fill:var(--bar)}svg .pt{fill:var(--pt);fill-opacity:.55}svg .pt.outlier{fill:var(--out);fill-opacity:1;stroke:#fff;stroke-width:1}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.scroll{overflow-x:auto}
table.pairs td.kk,table.pairs td.en{width:42%}
tr.unpaired td{background:#fdeeee}tr.unpaired td.kind{font-weight:700;color:#a12a1a}
tr.otherlang td{background:#f1ecfb}
tr.ratio-out td.score{color:var(--out);font-weight:600}
td.none{color:var(--muted);font-style:italic}
.lang{display:inline-block;font-size:.75rem;background:#6a4bb5;color:#fff;border-radius:3px;padding:0 4px;margin-right:4px}
.warn{background:var(--warn);border:1px solid #e0c36a;padding:8px 10px;border-radius:6px}
details.doc{border:1px solid var(--line);border-radius:6px;margin:8px 0;background:#fff}
details.doc>summary{cursor:pointer;padding:6px 10px;background:var(--soft);border-radius:6px}
details.doc[open]>summary{border-bottom:1px solid var(--line);border-radius:6px 6px 0 0}
details.doc .body{padding:6px 10px}
.key{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;border-radius:2px;margin:0 .2em}
@media (max-width:760px){
 main{padding:10px}
 .charts{grid-template-columns:1fr}
 table.pairs thead{display:none}
 table.pairs tr{display:block;border-bottom:2px solid var(--line);padding:4px 0}
 table.pairs td{display:block;border:0;width:auto!important;padding:2px 4px}
 table.pairs td.kind,table.pairs td.score,table.pairs td.n{display:inline-block}
 .totals{grid-template-columns:repeat(2,1fr)}
}
"#;

pub(crate) fn render(records: &[PairRecord], m: &ManifestView, opts: &Options) -> String {
    // documents in first-seen order (pairs.jsonl is in document order)
    let mut docs: Vec<Doc> = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for r in records {
        let i = *index.entry(r.doc.as_str()).or_insert_with(|| {
            docs.push(Doc::new(&r.doc, r.date.as_deref()));
            docs.len() - 1
        });
        docs[i].records.push(r);
    }
    // documents that went through with no records still count
    for inp in &m.inputs {
        if !index.contains_key(inp.doc.as_str()) {
            index.insert(&inp.doc, docs.len());
            docs.push(Doc::new(&inp.doc, None));
        }
    }

    // the manifest's input files of each document
    let mut files_of: BTreeMap<&str, Vec<&InputView>> = BTreeMap::new();
    for i in &m.inputs {
        files_of.entry(i.doc.as_str()).or_default().push(i);
    }
    let no_files: Vec<&InputView> = Vec::new();
    let files_of = |doc: &str| files_of.get(doc).unwrap_or(&no_files);

    // length-ratio outliers among 1-1 pairs
    let mut lrs: Vec<f64> = records.iter().filter_map(log_ratio).collect();
    let med = median(&mut lrs).unwrap_or(0.0);
    let mut devs: Vec<f64> = lrs.iter().map(|x| (x - med).abs()).collect();
    let mad = median(&mut devs).unwrap_or(0.0);
    let limit = 3.0 * mad.max(0.05);
    let far = |x: f64| (x - med).abs() > limit;
    let is_out = |r: &PairRecord| log_ratio(r).is_some_and(far);

    for d in &mut docs {
        let scores: Vec<f64> = d.records.iter().filter_map(|r| r.score).collect();
        if !scores.is_empty() {
            d.mean = Some(scores.iter().sum::<f64>() / scores.len() as f64);
            d.min = scores.iter().copied().min_by(f64::total_cmp);
        }
        d.unpaired = d
            .records
            .iter()
            .filter(|r| r.kind == "1-0" || r.kind == "0-1")
            .count();
        d.other_lang = d
            .records
            .iter()
            .filter(|r| r.kk_lang.is_some() || r.en_lang.is_some())
            .count();
        d.outliers = d.records.iter().filter(|r| is_out(r)).count();
    }
    // rank: lowest mean first; documents without scores (to translate) last
    let mut ranked: Vec<usize> = (0..docs.len()).collect();
    ranked.sort_by(|&a, &b| {
        let (da, db) = (&docs[a], &docs[b]);
        match (da.mean, db.mean) {
            (Some(x), Some(y)) => x.total_cmp(&y).then(da.id.cmp(db.id)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => da.id.cmp(db.id),
        }
    });
    let anchor: BTreeMap<&str, String> = ranked
        .iter()
        .enumerate()
        .map(|(rank, &i)| (docs[i].id, format!("doc-{}", rank + 1)))
        .collect();

    // totals, counted from the records and the manifest's lists
    let mut totals: BTreeMap<String, usize> = BTreeMap::new();
    totals.insert("documents".into(), docs.len());
    let with_en = docs
        .iter()
        .filter(|d| files_of(d.id).iter().any(|i| i.lang == "en") || d.records.iter().any(|r| r.en.is_some()))
        .count();
    totals.insert("documents_with_english".into(), with_en);
    totals.insert("documents_to_translate".into(), docs.len() - with_en);
    totals.insert("pairs".into(), records.len());
    for r in records {
        *totals.entry(format!("kind_{}", r.kind)).or_insert(0) += 1;
    }
    totals.insert(
        "sentences_to_translate".into(),
        records
            .iter()
            .filter(|r| r.en.is_none())
            .map(|r| r.kk_idx.len())
            .sum(),
    );
    totals.insert("skipped_files".into(), m.skipped.len());
    let mismatches: Vec<String> = totals
        .iter()
        .filter_map(|(k, v)| {
            let mv = m.counts.get(k).copied().unwrap_or(0);
            (mv != *v).then(|| format!("{k}: page {v}, manifest {mv}"))
        })
        .chain(
            m.counts
                .iter()
                .filter(|(k, v)| k.starts_with("kind_") && !totals.contains_key(*k) && **v > 0)
                .map(|(k, v)| format!("{k}: page 0, manifest {v}")),
        )
        .collect();

    let mut s = String::with_capacity(64 * 1024 + records.len() * 600);
    let _ = write!(
        s,
        r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>kazpar report: {} documents, {} pairs</title><style>{CSS}</style></head>
<body><main>
<h1>kazpar report</h1>
<p class="muted small">{} {} · settings: {}</p>
<nav class="toc"><a href="#totals">Totals</a><a href="#scores">Scores</a><a href="#ratio">Length ratio</a><a href="#ranking">Documents</a><a href="#normalization">Normalization</a><a href="#skipped">Skipped files</a><a href="#languages">Other languages</a></nav>
"##,
        docs.len(),
        records.len(),
        escape(if m.tool.is_empty() { "kazpar" } else { &m.tool }),
        escape(&m.version),
        escape(
            &m.settings
                .iter()
                .map(|(k, v)| format!(
                    "{k}: {}",
                    v.as_str().map_or_else(|| v.to_string(), str::to_string)
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    );

    // totals
    s.push_str(r#"<section id="totals"><h2>Totals</h2>"#);
    if !mismatches.is_empty() {
        let _ = write!(
            s,
            r#"<p class="warn" id="count-mismatch">The records and the manifest disagree (was pairs.jsonl changed after the build?): {}</p>"#,
            escape(&mismatches.join("; "))
        );
    }
    s.push_str(r#"<dl class="totals">"#);
    let label = |k: &str| -> String {
        match k {
            "documents" => "documents".into(),
            "documents_with_english" => "with English".into(),
            "documents_to_translate" => "to translate (no English)".into(),
            "pairs" => "pairs".into(),
            "sentences_to_translate" => "sentences to translate".into(),
            "skipped_files" => "skipped files".into(),
            k => k
                .strip_prefix("kind_")
                .map_or(k.into(), |kind| format!("{kind} pairs")),
        }
    };
    let order = [
        "documents",
        "documents_with_english",
        "documents_to_translate",
        "pairs",
        "sentences_to_translate",
        "skipped_files",
    ];
    for k in order
        .iter()
        .map(|k| k.to_string())
        .chain(totals.keys().filter(|k| k.starts_with("kind_")).cloned())
    {
        let _ = write!(
            s,
            r#"<div><dt>{}</dt><dd data-count="{}">{}</dd></div>"#,
            escape(&label(&k)),
            escape(&k),
            totals[&k]
        );
    }
    s.push_str("</dl></section>\n");

    // score histogram
    let scores: Vec<f64> = records.iter().filter_map(|r| r.score).collect();
    let ticks: Vec<(f64, String)> = [0.0, 0.25, 0.5, 0.75, 1.0]
        .iter()
        .map(|&v| (v, format!("{v}")))
        .collect();
    let hist = svg::histogram(
        &svg::bin(&scores, 20, 0.0, 1.0),
        0.0,
        1.0,
        &ticks,
        "histogram of alignment scores",
    );
    let unscored = records.len() - scores.len();
    let _ = write!(
        s,
        r#"<div class="charts"><section id="scores"><h2>Scores</h2><figure>{hist}<figcaption>Alignment score of {} pairs in 20 bins of 0.05 (hover a bar for its count); {unscored} pairs have no score (1-0 / 0-1, or no English).</figcaption></figure></section>"#,
        scores.len()
    );

    // length ratio scatter
    let mut points: Vec<Point> = Vec::new();
    let mut outlier_rows: Vec<&PairRecord> = Vec::new();
    let mut plain: Vec<Point> = Vec::new();
    for r in records {
        let (Some(lr), Some(score)) = (log_ratio(r), r.score) else {
            continue;
        };
        let marked = far(lr);
        let p = Point {
            x: lr,
            y: score,
            marked,
            label: format!("{} · en/kk {:.2} · score {score:.4}", r.id, lr.exp()),
        };
        if marked {
            outlier_rows.push(r);
            points.push(p);
        } else {
            plain.push(p);
        }
    }
    let n_plain = plain.len();
    let room = opts.max_points.saturating_sub(points.len());
    if plain.len() > room {
        let step = plain.len() as f64 / room.max(1) as f64;
        plain = (0..room)
            .map(|i| plain[(i as f64 * step) as usize].clone())
            .collect();
    }
    let shown = plain.len() + points.len();
    points.extend(plain);
    let xt: Vec<(f64, String)> = [0.25f64, 0.5, 1.0, 2.0, 4.0]
        .iter()
        .map(|&v| (v.ln(), format!("{v}")))
        .collect();
    let yt: Vec<(f64, String)> = [0.0, 0.5, 1.0].iter().map(|&v| (v, format!("{v}"))).collect();
    let sc = svg::scatter(
        &points,
        (0.25f64.ln(), 4f64.ln()),
        (0.0, 1.0),
        &xt,
        &yt,
        "length ratio against score",
    );
    let _ = write!(
        s,
        r#"<section id="ratio"><h2>Length ratio</h2><figure>{sc}<figcaption>x: English/Kazakh characters of each 1-1 pair (log scale, clamped to 0.25–4), y: score. <span class="key" style="background:var(--out)"></span><span id="outlier-count" data-count="{}">{}</span> pairs marked: {} (median ratio {:.2}, MAD {:.3}).{}</figcaption></figure></section></div>"#,
        outlier_rows.len(),
        outlier_rows.len(),
        outlier_rule(),
        med.exp(),
        mad,
        if shown < n_plain + outlier_rows.len() {
            format!(
                " {shown} of {} points drawn: every marked one and an even sample of the rest.",
                n_plain + outlier_rows.len()
            )
        } else {
            String::new()
        }
    );
    if !outlier_rows.is_empty() {
        let _ = write!(
            s,
            r#"<details><summary>The {} marked pairs</summary><div class="scroll"><table class="pairs"><thead><tr><th>document</th><th>kk</th><th>en</th><th class="num">en/kk</th><th class="num">score</th></tr></thead><tbody>"#,
            outlier_rows.len()
        );
        for r in outlier_rows.iter().take(500) {
            let _ = write!(
                s,
                r##"<tr><td><a href="#{}">{}</a></td><td class="kk" lang="kk">{}</td><td class="en">{}</td><td class="num">{:.2}</td><td class="num score">{}</td></tr>"##,
                anchor[r.doc.as_str()],
                escape(&r.id),
                escape(r.kk.as_deref().unwrap_or("")),
                escape(r.en.as_deref().unwrap_or("")),
                log_ratio(r).unwrap_or(0.0).exp(),
                fmt_score(r.score)
            );
        }
        s.push_str("</tbody></table></div>");
        if outlier_rows.len() > 500 {
            let _ = write!(
                s,
                "<p class=\"small muted\">500 of {} shown.</p>",
                outlier_rows.len()
            );
        }
        s.push_str("</details>");
    }

    // ranking
    let norm_of = |doc: &str| -> BTreeMap<&str, usize> {
        let mut n = BTreeMap::new();
        for i in files_of(doc) {
            for (rule, c) in &i.normalization {
                *n.entry(rule.as_str()).or_insert(0) += c;
            }
        }
        n
    };
    let doc_norm: Vec<BTreeMap<&str, usize>> = docs.iter().map(|d| norm_of(d.id)).collect();
    let _ = write!(
        s,
        r#"<section id="ranking"><h2>Documents by mean score, lowest first</h2><p class="small muted">Each links to its section below. Documents without English have no scores and come last.</p><div class="scroll"><table id="doc-ranking">{RANKING_HEAD}"#
    );
    for (rank, &i) in ranked.iter().enumerate() {
        let d = &docs[i];
        if rank == RANKING_OPEN {
            let _ = write!(
                s,
                r#"</tbody></table></div><details><summary>The other {} documents</summary><div class="scroll"><table>{RANKING_HEAD}"#,
                ranked.len() - RANKING_OPEN
            );
        }
        let _ = write!(
            s,
            r##"<tr data-doc="{}"><td class="num">{}</td><td><a href="#{}">{}</a></td><td>{}</td><td class="num">{}</td><td class="num" data-mean="{}">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"##,
            escape(d.id),
            rank + 1,
            anchor[d.id],
            escape(d.id),
            escape(d.date.unwrap_or("")),
            d.records.len(),
            d.mean.map_or(String::new(), |v| format!("{v:.6}")),
            fmt_score(d.mean),
            fmt_score(d.min),
            d.unpaired,
            d.outliers,
            d.other_lang,
            doc_norm[i].values().sum::<usize>(),
        );
    }
    s.push_str("</tbody></table></div>");
    if ranked.len() > RANKING_OPEN {
        s.push_str("</details>");
    }
    s.push_str("</section>\n");

    // normalization, corpus-wide
    s.push_str(r#"<section id="normalization"><h2>Normalization changes</h2>"#);
    if m.normalization.is_empty() {
        s.push_str("<p>No text was changed by normalization.</p>");
    } else {
        s.push_str(r#"<table id="norm-corpus" style="max-width:520px"><thead><tr><th>rule</th><th class="num">changes, corpus-wide</th><th class="num">documents</th></tr></thead><tbody>"#);
        for (rule, n) in &m.normalization {
            let ndocs = doc_norm.iter().filter(|n| n.contains_key(rule.as_str())).count();
            let _ = write!(
                s,
                r#"<tr><td>{}</td><td class="num" data-norm="{}">{n}</td><td class="num">{ndocs}</td></tr>"#,
                escape(rule),
                escape(rule)
            );
        }
        s.push_str("</tbody></table><p class=\"small muted\">Per document: in the ranking above (column “normalized”) and in each document's section.</p>");
    }
    s.push_str("</section>\n");

    // skipped
    let _ = write!(
        s,
        r#"<section id="skipped"><h2>Skipped files (<span data-count="skipped_list">{}</span>)</h2>"#,
        m.skipped.len()
    );
    if m.skipped.is_empty() {
        s.push_str("<p>No file was skipped.</p>");
    } else {
        s.push_str(r#"<div class="scroll"><table id="skipped-files"><thead><tr><th>file</th><th>reason</th><th class="num">line</th><th>message</th></tr></thead><tbody>"#);
        for k in &m.skipped {
            let _ = write!(
                s,
                r#"<tr data-reason="{}"><td>{}</td><td>{}</td><td class="num">{}</td><td>{}</td></tr>"#,
                escape(&k.reason),
                escape(&k.path),
                escape(&k.reason),
                k.line.map_or(String::new(), |l| l.to_string()),
                escape(&k.message)
            );
        }
        s.push_str("</tbody></table></div>");
    }
    s.push_str("</section>\n");

    // other languages
    s.push_str(r#"<section id="languages"><h2>Sentences in another language</h2>"#);
    let other: Vec<(&String, &usize)> = m
        .counts
        .iter()
        .filter(|(k, _)| k.contains("_sentences_in_"))
        .collect();
    if other.is_empty() {
        s.push_str(
            "<p>No sentence was found to be in another language than its side's (or the check was off).</p>",
        );
    } else {
        s.push_str(r#"<dl class="totals">"#);
        for (k, v) in &other {
            let _ = write!(
                s,
                r#"<div><dt>{}</dt><dd data-count="{}">{v}</dd></div>"#,
                escape(&k.replace("_sentences_in_", " sentences in ")),
                escape(k)
            );
        }
        s.push_str("</dl>");
        s.push_str(r#"<div class="scroll"><table id="other-languages"><thead><tr><th>file</th><th>languages found (sentences)</th></tr></thead><tbody>"#);
        for i in m.inputs.iter().filter(|i| !i.other_languages.is_empty()) {
            let langs: Vec<String> = i
                .other_languages
                .iter()
                .map(|(l, n)| format!("{l}: {n}"))
                .collect();
            let _ = write!(
                s,
                r##"<tr><td><a href="#{}">{}</a></td><td>{}</td></tr>"##,
                anchor.get(i.doc.as_str()).map_or("", |a| a.as_str()),
                escape(&i.path),
                escape(&langs.join(", "))
            );
        }
        s.push_str("</tbody></table></div>");
    }
    s.push_str("</section>\n");

    // per document
    let open_all = docs.len() <= opts.open_max_docs;
    let _ = write!(
        s,
        r#"<section id="documents"><h2>Documents</h2><p class="small muted">In the ranking's order. Pairs lowest-scoring first; pairs with no score (1-0, 0-1) at the top in red; pairs in another language in violet with the language found; ratios marked above have their score in red.{}</p>"#,
        if open_all {
            ""
        } else {
            " Sections are collapsed: click one to open it."
        }
    );
    let mut budget = opts.pair_budget;
    let mut without_tables = 0usize;
    for (rank, &i) in ranked.iter().enumerate() {
        let d = &docs[i];
        let open = open_all && d.records.len() <= opts.open_max_pairs;
        let files = files_of(d.id);
        let _ = write!(
            s,
            r#"<details class="doc" id="{}" data-doc="{}"{}><summary><b>{}. {}</b> <span class="muted small">{} · {} pairs · mean {} · lowest {}{}{}</span></summary><div class="body">"#,
            anchor[d.id],
            escape(d.id),
            if open { " open" } else { "" },
            rank + 1,
            escape(d.id),
            escape(d.date.unwrap_or("no date")),
            d.records.len(),
            fmt_score(d.mean),
            fmt_score(d.min),
            if d.unpaired > 0 {
                format!(" · {} unpaired", d.unpaired)
            } else {
                String::new()
            },
            if d.other_lang > 0 {
                format!(" · {} other language", d.other_lang)
            } else {
                String::new()
            },
        );
        for f in files {
            let norm: Vec<String> = f.normalization.iter().map(|(r, n)| format!("{r} {n}")).collect();
            let _ = write!(
                s,
                r#"<p class="small">{}: {} sentences; normalization: {}"#,
                escape(&f.path),
                f.sentences,
                if norm.is_empty() {
                    "no changes".to_string()
                } else {
                    escape(&norm.join(", "))
                }
            );
            for w in &f.warnings {
                let _ = write!(s, "<br>warning, line {}: {}", w.line, escape(&w.message));
            }
            s.push_str("</p>");
        }
        let mut rows: Vec<&PairRecord> = d.records.clone();
        rows.sort_by(|a, b| match (a.score, b.score) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, Some(_)) => std::cmp::Ordering::Less,
            (Some(_), None) => std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => x.total_cmp(&y),
        });
        let mut table = String::new();
        table.push_str(r#"<div class="scroll"><table class="pairs"><thead><tr><th class="num">#</th><th>kk</th><th>en</th><th>kind</th><th class="num">score</th></tr></thead><tbody>"#);
        for r in rows {
            let mut class = Vec::new();
            if r.kind == "1-0" || r.kind == "0-1" {
                class.push("unpaired");
            }
            if r.kk_lang.is_some() || r.en_lang.is_some() {
                class.push("otherlang");
            }
            if is_out(r) {
                class.push("ratio-out");
            }
            let side = |text: &Option<String>, lang: &Option<String>, code: &str| -> String {
                let badge = lang.as_deref().map_or(String::new(), |l| {
                    format!(
                        r#"<span class="lang" title="language found">{}</span>"#,
                        escape(l)
                    )
                });
                match text {
                    Some(t) => format!(r#"<td class="{code}" lang="{code}">{badge}{}</td>"#, escape(t)),
                    None => format!(r#"<td class="{code} none">none</td>"#),
                }
            };
            let n = r.id.rsplit('-').next().unwrap_or("");
            let _ = write!(
                table,
                r#"<tr class="{}" data-id="{}"><td class="num n">{}</td>{}{}<td class="kind">{}</td><td class="num score">{}</td></tr>"#,
                class.join(" "),
                escape(&r.id),
                escape(n),
                side(&r.kk, &r.kk_lang, "kk"),
                side(&r.en, &r.en_lang, "en"),
                escape(&r.kind),
                fmt_score(r.score)
            );
        }
        table.push_str("</tbody></table></div>");
        if d.records.is_empty() {
            s.push_str("<p>No pairs.</p>");
        } else if table.len() <= budget {
            budget -= table.len();
            s.push_str(&table);
        } else {
            budget = 0;
            without_tables += 1;
            let _ = write!(
                s,
                r#"<p class="small muted">Pairs not shown, to keep the page small: they are the lines of pairs.jsonl with "doc": "{}".</p>"#,
                escape(d.id)
            );
        }
        s.push_str("</div></details>\n");
    }
    if without_tables > 0 {
        let _ = write!(
            s,
            r#"<p class="warn" id="tables-left-out">{without_tables} documents (the highest-ranked) are shown without their pairs to keep the page under its size budget.</p>"#
        );
    }
    s.push_str("</section>\n<p class=\"small muted\">Made by kazpar report from pairs.jsonl and manifest.json; this page loads nothing from elsewhere.</p></main></body></html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(
        doc: &str,
        n: usize,
        kk: Option<&str>,
        en: Option<&str>,
        kind: &str,
        score: Option<f64>,
    ) -> PairRecord {
        PairRecord {
            id: PairRecord::make_id(doc, n),
            doc: doc.into(),
            date: Some("2025-01-01".into()),
            kk: kk.map(Into::into),
            en: en.map(Into::into),
            kind: kind.into(),
            score,
            kk_idx: if kk.is_some() { vec![n] } else { vec![] },
            en_idx: if en.is_some() { vec![n] } else { vec![] },
            kk_spans: vec![],
            en_spans: vec![],
            kk_lang: None,
            en_lang: None,
        }
    }

    #[test]
    fn lowest_document_first_unscored_rows_on_top_and_text_escaped() {
        let mut recs = vec![
            rec("good", 0, Some("Жақсы."), Some("Good."), "1-1", Some(0.99)),
            rec(
                "bad",
                0,
                Some("<b>Жаман</b>"),
                Some("Bad & worse."),
                "1-1",
                Some(0.4),
            ),
            rec("bad", 1, Some("Қосымша."), None, "1-0", None),
        ];
        recs[2].kk_lang = Some("ru".into());
        let m = ManifestView::default();
        let html = render(&recs, &m, &Options::default());
        let bad = html.find(r#"data-doc="bad""#).unwrap();
        let good = html.find(r#"data-doc="good""#).unwrap();
        assert!(bad < good);
        assert!(html.contains("&lt;b&gt;Жаман&lt;/b&gt;") && !html.contains("<b>Жаман"));
        let sect = &html[html.find(r#"<details class="doc" id="doc-1""#).unwrap()..];
        assert!(sect.find("bad-0001").unwrap() < sect.find("bad-0000").unwrap());
        assert!(sect.contains(r#"class="unpaired otherlang""#));
        assert!(sect.contains(r#"<span class="lang" title="language found">ru</span>"#));
        // the manifest is empty: the page says it disagrees
        assert!(html.contains(r#"id="count-mismatch""#));
    }

    #[test]
    fn far_off_ratio_is_marked() {
        let mut recs: Vec<PairRecord> = (0..20)
            .map(|i| {
                rec(
                    "d",
                    i,
                    Some("Бұл сөйлем ұзын."),
                    Some("This is long."),
                    "1-1",
                    Some(0.9),
                )
            })
            .collect();
        recs.push(rec(
            "d",
            20,
            Some("Қысқа."),
            Some("This English sentence is very much longer than its Kazakh side."),
            "1-1",
            Some(0.3),
        ));
        let html = render(&recs, &ManifestView::default(), &Options::default());
        assert!(html.contains(r#"id="outlier-count" data-count="1""#));
        assert_eq!(html.matches(r#"class="pt outlier""#).count(), 1);
    }

    #[test]
    fn other_languages_and_skipped_files_come_from_the_manifest() {
        let m: ManifestView = serde_json::from_value(serde_json::json!({
            "inputs": [{"path": "kk/d.txt", "doc": "d", "lang": "kk", "other_languages": {"ru": 2}}],
            "skipped": [{"path": "kk/x.txt", "reason": "invalid-utf8", "line": 3, "message": "kk/x.txt:3: <bad>"}],
            "counts": {"kk_sentences_in_ru": 2}
        }))
        .unwrap();
        let html = render(
            &[rec("d", 0, Some("Привет."), Some("Hi."), "1-1", Some(0.9))],
            &m,
            &Options::default(),
        );
        assert!(html.contains(r#"data-count="kk_sentences_in_ru">2<"#));
        assert!(html.contains("kk/d.txt</a></td><td>ru: 2</td>"));
        assert!(html.contains(r#"<tr data-reason="invalid-utf8"><td>kk/x.txt</td><td>invalid-utf8</td><td class="num">3</td><td>kk/x.txt:3: &lt;bad&gt;</td>"#));
    }

    #[test]
    fn long_rankings_fold_after_the_first_rows() {
        let recs: Vec<PairRecord> = (0..RANKING_OPEN + 5)
            .map(|i| {
                rec(
                    &format!("d{i:03}"),
                    0,
                    Some("Сөйлем."),
                    Some("A sentence."),
                    "1-1",
                    Some(0.5),
                )
            })
            .collect();
        let html = render(&recs, &ManifestView::default(), &Options::default());
        assert!(html.contains("<summary>The other 5 documents</summary>"));
        // sections of a corpus this size are collapsed
        assert!(!html.contains(r#"<details class="doc" id="doc-1" data-doc="d000" open>"#));
    }

    #[test]
    fn pair_tables_stop_at_the_budget() {
        let recs: Vec<PairRecord> = (0..30)
            .map(|i| {
                rec(
                    &format!("d{i:02}"),
                    0,
                    Some("Сөйлем."),
                    Some("A sentence."),
                    "1-1",
                    Some(i as f64 / 30.0),
                )
            })
            .collect();
        let opts = Options {
            pair_budget: 2_000,
            ..Options::default()
        };
        let html = render(&recs, &ManifestView::default(), &opts);
        assert!(html.contains(r#"id="tables-left-out""#));
        // the lowest-ranked document keeps its table
        let first = &html[html.find(r#"<details class="doc" id="doc-1""#).unwrap()..];
        assert!(first[..first.find("</details>").unwrap()].contains(r#"<table class="pairs">"#));
    }
}
