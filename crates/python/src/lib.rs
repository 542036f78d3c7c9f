//! PyO3 bindings of kazpar: the native module `kazpar._kazpar`, wrapped by the
//! pure-Python package `kazpar` (python/kazpar/__init__.py).
//!
//! Every function only converts types and errors and calls the same library
//! code as the CLI command it mirrors, so the two cannot drift:
//! `normalize` = `kazpar normalize`, `split` = `kazpar split --lines`,
//! `align` = `kazpar align --presplit`, `build` = `kazpar build --jsonl - -o -`,
//! the metrics = `kazpar eval`. Errors are `ValueError`s; work on many items
//! runs without the GIL on rayon's pool.

// the metric functions take sacreBLEU's keyword arguments, one Rust argument each
#![allow(clippy::too_many_arguments)]

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;

use kazpar_eval::{Bleu, BleuConfig, Chrf, ChrfConfig, Metric, Smoothing, Ter, TerConfig, Tokenizer};
use kazpar_pipeline::{Config, DocJob, Lang, Pipeline, PreparedDoc};

fn err(msg: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(msg.to_string())
}

fn text_lang(lang: &str) -> PyResult<kazpar_text::Lang> {
    match lang {
        "kk" => Ok(kazpar_text::Lang::Kk),
        "en" => Ok(kazpar_text::Lang::En),
        "auto" => Ok(kazpar_text::Lang::Auto),
        other => Err(err(format!("unknown lang {other:?} (kk, en, auto)"))),
    }
}

/// The built-in splitter of `lang`, made once per process (each reads its abbreviation list).
fn splitter(lang: &str) -> PyResult<&'static kazpar_split::Splitter> {
    static SPLITTERS: std::sync::OnceLock<kazpar_pipeline::Splitters> = std::sync::OnceLock::new();
    let s = SPLITTERS.get_or_init(kazpar_pipeline::Splitters::new);
    match lang {
        "kk" => Ok(&s.kk),
        "en" => Ok(&s.en),
        other => Err(err(format!("unknown lang {other:?} (kk, en)"))),
    }
}

fn normalizer(lang: &str, punct: &str) -> PyResult<kazpar_text::Normalizer> {
    let punct = match punct {
        "keep" => kazpar_text::Punct::Keep,
        "ascii" => kazpar_text::Punct::Ascii,
        other => return Err(err(format!("unknown punct {other:?} (keep, ascii)"))),
    };
    Ok(kazpar_text::Normalizer::new(text_lang(lang)?).punct(punct))
}

/// `kazpar normalize`'s loop: each line on its own, CRLF and CR-LF endings become LF.
fn normalize_text(n: &kazpar_text::Normalizer, input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for piece in input.split_inclusive('\n') {
        let (line, ending) = match piece.strip_suffix('\n') {
            Some(l) => (l.strip_suffix('\r').unwrap_or(l), true),
            None => (piece, false),
        };
        out.push_str(n.normalize(line).text());
        if ending {
            out.push('\n');
        }
    }
    out
}

/// normalize(text, lang="kk", punct="keep") -> str
///
/// What ``kazpar normalize --lang LANG --punct PUNCT`` prints for ``text``: each line
/// normalized on its own (lookalike letters, spaces, hyphens, quotes with
/// ``punct="ascii"``); CRLF becomes LF. ``lang`` is "kk", "en" or "auto".
///
/// >>> kazpar.normalize("Қaзaқ")  # Latin a's in a Kazakh word become Cyrillic
/// 'Қазақ'
#[pyfunction]
#[pyo3(signature = (text, lang = "kk", punct = "keep"))]
fn normalize(py: Python<'_>, text: &str, lang: &str, punct: &str) -> PyResult<String> {
    let n = normalizer(lang, punct)?;
    Ok(py.allow_threads(|| normalize_text(&n, text)))
}

/// normalize_batch(texts, lang="kk", punct="keep") -> list[str]
///
/// ``[normalize(t, lang, punct) for t in texts]``, in parallel without the GIL.
///
/// >>> kazpar.normalize_batch(["Қaзaқ", "ok"], lang="kk")
/// ['Қазақ', 'ok']
#[pyfunction]
#[pyo3(signature = (texts, lang = "kk", punct = "keep"))]
fn normalize_batch(py: Python<'_>, texts: Vec<String>, lang: &str, punct: &str) -> PyResult<Vec<String>> {
    let n = normalizer(lang, punct)?;
    Ok(py.allow_threads(|| texts.par_iter().map(|t| normalize_text(&n, t)).collect()))
}

/// `kazpar split --lines`: a sentence that spans a line break is printed with its breaks as spaces.
fn split_lines(s: &kazpar_split::Splitter, text: &str, parallel: bool) -> Vec<String> {
    let spans = if parallel {
        s.split_parallel(text)
    } else {
        s.split(text)
    };
    spans
        .into_iter()
        .map(|r| {
            let s = &text[r];
            if s.contains('\n') {
                s.replace("\r\n", " ").replace('\n', " ")
            } else {
                s.to_string()
            }
        })
        .collect()
}

/// Byte spans as code-point indexes (Python string indexes).
fn char_spans(text: &str, spans: Vec<std::ops::Range<usize>>) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(spans.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut to_char = |b: usize| {
        // spans come in increasing order: walk forward from the last position
        if b < byte {
            byte = 0;
            chars = 0;
        }
        chars += text[byte..b].chars().count();
        byte = b;
        chars
    };
    for r in spans {
        let s = to_char(r.start);
        let e = to_char(r.end);
        out.push((s, e));
    }
    out
}

/// split(text, lang="kk") -> list[str]
///
/// The sentences ``kazpar split --lang LANG --lines`` prints: one string per
/// sentence, a line break inside a sentence printed as a space. ``lang``: "kk" or "en".
///
/// >>> kazpar.split("Mr. Smith came. He sat.", lang="en")
/// ['Mr. Smith came.', 'He sat.']
#[pyfunction]
#[pyo3(signature = (text, lang = "kk"))]
fn split(py: Python<'_>, text: &str, lang: &str) -> PyResult<Vec<String>> {
    let s = splitter(lang)?;
    Ok(py.allow_threads(|| split_lines(s, text, true)))
}

/// split_spans(text, lang="kk") -> list[tuple[int, int]]
///
/// The sentences of :func:`split` as ``(start, end)`` Python string indexes
/// (code points): ``text[start:end]`` is the sentence as it stands in ``text``.
///
/// >>> t = "Бір. Екі."
/// >>> [t[s:e] for s, e in kazpar.split_spans(t)]
/// ['Бір.', 'Екі.']
#[pyfunction]
#[pyo3(signature = (text, lang = "kk"))]
fn split_spans(py: Python<'_>, text: &str, lang: &str) -> PyResult<Vec<(usize, usize)>> {
    let s = splitter(lang)?;
    Ok(py.allow_threads(|| char_spans(text, s.split_parallel(text))))
}

/// split_batch(texts, lang="kk") -> list[list[str]]
///
/// ``[split(t, lang) for t in texts]``, in parallel without the GIL (for
/// ``datasets.Dataset.map(batched=True)``).
///
/// >>> kazpar.split_batch(["Бір. Екі.", "Үш."])
/// [['Бір.', 'Екі.'], ['Үш.']]
#[pyfunction]
#[pyo3(signature = (texts, lang = "kk"))]
fn split_batch(py: Python<'_>, texts: Vec<String>, lang: &str) -> PyResult<Vec<Vec<String>>> {
    let s = splitter(lang)?;
    Ok(py.allow_threads(|| texts.par_iter().map(|t| split_lines(s, t, false)).collect()))
}

/// split_spans_batch(texts, lang="kk") -> list[list[tuple[int, int]]]
///
/// ``[split_spans(t, lang) for t in texts]``, in parallel without the GIL.
///
/// >>> kazpar.split_spans_batch(["Бір. Екі."])
/// [[(0, 4), (5, 9)]]
#[pyfunction]
#[pyo3(signature = (texts, lang = "kk"))]
fn split_spans_batch(py: Python<'_>, texts: Vec<String>, lang: &str) -> PyResult<Vec<Vec<(usize, usize)>>> {
    let s = splitter(lang)?;
    Ok(py.allow_threads(|| texts.par_iter().map(|t| char_spans(t, s.split(t))).collect()))
}

fn presplit_text(side: &str, sents: &[String]) -> PyResult<String> {
    for (i, s) in sents.iter().enumerate() {
        if s.contains('\n') || s.contains('\r') {
            return Err(err(format!(
                "{side}[{i}]: a sentence cannot contain a line break"
            )));
        }
        if s.trim().is_empty() {
            return Err(err(format!("{side}[{i}]: a sentence cannot be empty or blank")));
        }
    }
    let mut t = sents.join("\n");
    t.push('\n');
    Ok(t)
}

/// `kazpar align --presplit` of two sentence lists: the records as JSONL.
#[pyfunction]
#[pyo3(signature = (kk, en, doc = "doc"))]
fn align_jsonl(py: Python<'_>, kk: Vec<String>, en: Vec<String>, doc: &str) -> PyResult<String> {
    let kt = presplit_text("kk", &kk)?;
    let et = presplit_text("en", &en)?;
    py.allow_threads(|| {
        let pipeline = Pipeline::new(Config::default());
        let k = PreparedDoc::from_text(doc, Lang::Kk, "kk", &kt, None);
        let e = PreparedDoc::from_text(doc, Lang::En, "en", &et, None);
        let beads = pipeline.align_one(&k, &e);
        let records = kazpar_pipeline::records(&k, Some((&e, &beads)));
        let mut out = Vec::new();
        kazpar_corpus::write_jsonl(&mut out, records.iter()).map_err(err)?;
        String::from_utf8(out).map_err(err)
    })
}

/// `kazpar build --jsonl - -o -` of JSONL documents: the records as JSONL, and
/// the messages of the records that were skipped.
#[pyfunction]
fn build_jsonl(py: Python<'_>, docs: &[u8]) -> PyResult<(String, Vec<String>)> {
    let docs = docs.to_vec();
    py.allow_threads(|| {
        let batch = DocJob::from_jsonl("<docs>", &docs);
        let pipeline = Pipeline::new(Config::default()).parallel(true);
        let built = pipeline.build_batch(batch);
        let skipped: Vec<String> = built
            .manifest
            .skipped
            .iter()
            .map(|s| serde_json::to_string(s).unwrap_or_default())
            .collect();
        let mut out = Vec::new();
        kazpar_corpus::write_jsonl(&mut out, built.records.iter()).map_err(err)?;
        Ok((String::from_utf8(out).map_err(err)?, skipped))
    })
}

/// A metric score: `.score`, `.signature`, `.name` (sacreBLEU's), and `format(width)`, sacreBLEU's line.
///
/// >>> s = kazpar.corpus_chrf(["Біз дайынбыз."], [["Біз дайынбыз."]])
/// >>> (s.name, s.score)
/// ('chrF2', 100.0)
#[pyclass(module = "kazpar", frozen, get_all)]
struct Score {
    name: String,
    score: f64,
    signature: String,
    verbose: String,
    details: String,
}

#[pymethods]
impl Score {
    fn format(&self, width: usize) -> String {
        let s = kazpar_eval::Score {
            name: self.name.clone(),
            score: self.score,
            verbose: self.verbose.clone(),
            details: Default::default(),
        };
        s.format(width, &self.signature)
    }
    fn __repr__(&self) -> String {
        self.format(1)
    }
    fn __str__(&self) -> String {
        self.format(1)
    }
    fn __float__(&self) -> f64 {
        self.score
    }
}

/// The corpus score of `hyps` against reference streams `refs` (as `kazpar eval`:
/// segment statistics in parallel chunks, summed in segment order).
fn corpus(py: Python<'_>, metric: &dyn Metric, hyps: Vec<String>, refs: Vec<Vec<String>>) -> PyResult<Score> {
    kazpar_eval::check_lengths(hyps.len(), &refs).map_err(err)?;
    let nrefs = refs.len();
    let (s, sig) = py.allow_threads(|| {
        const CHUNK: usize = 64;
        let k = metric.stats_len();
        let chunks: Vec<Vec<f64>> = (0..hyps.len().div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| {
                let lo = c * CHUNK;
                let hi = (lo + CHUNK).min(hyps.len());
                let mut out = Vec::with_capacity((hi - lo) * k);
                let mut seg: Vec<&str> = Vec::with_capacity(refs.len());
                for i in lo..hi {
                    seg.clear();
                    seg.extend(refs.iter().map(|r| r[i].as_str()));
                    metric.segment_stats(&hyps[i], &seg, &mut out);
                }
                out
            })
            .collect();
        let stats = chunks.concat();
        (
            metric.score(&kazpar_eval::sum_stats(&stats, k)),
            metric.signature(nrefs).format(),
        )
    });
    Ok(Score {
        name: s.name,
        score: s.score,
        signature: sig,
        verbose: s.verbose,
        details: serde_json::Value::Object(s.details).to_string(),
    })
}

fn bleu_metric(
    smooth_method: &str,
    smooth_value: Option<f64>,
    lowercase: bool,
    tokenize: &str,
    effective_order: bool,
) -> PyResult<Bleu> {
    let tokenizer = Tokenizer::from_name(tokenize)
        .ok_or_else(|| err(format!("unknown tokenize {tokenize:?} (13a, intl, none)")))?;
    let smoothing = Smoothing::from_name(smooth_method, smooth_value).ok_or_else(|| {
        err(format!(
            "unknown smooth_method {smooth_method:?} (exp, floor, add-k, none)"
        ))
    })?;
    Bleu::new(BleuConfig {
        lowercase,
        tokenizer,
        smoothing,
        effective_order,
        ..Default::default()
    })
    .map_err(err)
}

fn chrf_metric(
    char_order: usize,
    word_order: usize,
    beta: u32,
    lowercase: bool,
    remove_whitespace: bool,
    eps_smoothing: bool,
) -> PyResult<Chrf> {
    Chrf::new(ChrfConfig {
        char_order,
        word_order,
        beta,
        lowercase,
        whitespace: !remove_whitespace,
        eps_smoothing,
    })
    .map_err(err)
}

/// corpus_bleu(hypotheses, references, smooth_method="exp", smooth_value=None, lowercase=False, tokenize="13a", use_effective_order=False) -> Score
///
/// sacreBLEU 2.6.0's corpus BLEU (``references`` is a list of reference streams,
/// each as long as ``hypotheses``), the same code as ``kazpar eval -m bleu``.
///
/// >>> kazpar.corpus_bleu(["the cat sat on the mat"], [["the cat sat on a mat"]]).score
/// 53.7284965911771
#[pyfunction]
#[pyo3(signature = (hypotheses, references, smooth_method = "exp", smooth_value = None, lowercase = false, tokenize = "13a", use_effective_order = false))]
fn corpus_bleu(
    py: Python<'_>,
    hypotheses: Vec<String>,
    references: Vec<Vec<String>>,
    smooth_method: &str,
    smooth_value: Option<f64>,
    lowercase: bool,
    tokenize: &str,
    use_effective_order: bool,
) -> PyResult<Score> {
    let m = bleu_metric(
        smooth_method,
        smooth_value,
        lowercase,
        tokenize,
        use_effective_order,
    )?;
    corpus(py, &m, hypotheses, references)
}

/// sentence_bleu(hypothesis, references, smooth_method="exp", smooth_value=None, lowercase=False, tokenize="13a", use_effective_order=True) -> Score
///
/// sacreBLEU's sentence BLEU (effective order), as ``kazpar eval --sentence-level``.
///
/// >>> round(kazpar.sentence_bleu("the cat sat", ["the cat sat down"]).score, 2)
/// 71.65
#[pyfunction]
#[pyo3(signature = (hypothesis, references, smooth_method = "exp", smooth_value = None, lowercase = false, tokenize = "13a", use_effective_order = true))]
fn sentence_bleu(
    py: Python<'_>,
    hypothesis: String,
    references: Vec<String>,
    smooth_method: &str,
    smooth_value: Option<f64>,
    lowercase: bool,
    tokenize: &str,
    use_effective_order: bool,
) -> PyResult<Score> {
    let m = bleu_metric(
        smooth_method,
        smooth_value,
        lowercase,
        tokenize,
        use_effective_order,
    )?;
    let refs = references.into_iter().map(|r| vec![r]).collect();
    corpus(py, &m, vec![hypothesis], refs)
}

/// corpus_chrf(hypotheses, references, char_order=6, word_order=0, beta=2, lowercase=False, remove_whitespace=True, eps_smoothing=False) -> Score
///
/// sacreBLEU's chrF (``word_order=2``: chrF++), as ``kazpar eval -m chrf``.
///
/// >>> kazpar.corpus_chrf(["Біз дайынбыз."], [["Біз дайынбыз."]]).score
/// 100.0
#[pyfunction]
#[pyo3(signature = (hypotheses, references, char_order = 6, word_order = 0, beta = 2, lowercase = false, remove_whitespace = true, eps_smoothing = false))]
fn corpus_chrf(
    py: Python<'_>,
    hypotheses: Vec<String>,
    references: Vec<Vec<String>>,
    char_order: usize,
    word_order: usize,
    beta: u32,
    lowercase: bool,
    remove_whitespace: bool,
    eps_smoothing: bool,
) -> PyResult<Score> {
    let m = chrf_metric(
        char_order,
        word_order,
        beta,
        lowercase,
        remove_whitespace,
        eps_smoothing,
    )?;
    corpus(py, &m, hypotheses, references)
}

/// sentence_chrf(hypothesis, references, char_order=6, word_order=0, beta=2, lowercase=False, remove_whitespace=True, eps_smoothing=False) -> Score
///
/// sacreBLEU's sentence chrF.
///
/// >>> kazpar.sentence_chrf("Біз дайынбыз.", ["Біз дайынбыз."]).score
/// 100.0
#[pyfunction]
#[pyo3(signature = (hypothesis, references, char_order = 6, word_order = 0, beta = 2, lowercase = false, remove_whitespace = true, eps_smoothing = false))]
fn sentence_chrf(
    py: Python<'_>,
    hypothesis: String,
    references: Vec<String>,
    char_order: usize,
    word_order: usize,
    beta: u32,
    lowercase: bool,
    remove_whitespace: bool,
    eps_smoothing: bool,
) -> PyResult<Score> {
    let m = chrf_metric(
        char_order,
        word_order,
        beta,
        lowercase,
        remove_whitespace,
        eps_smoothing,
    )?;
    let refs = references.into_iter().map(|r| vec![r]).collect();
    corpus(py, &m, vec![hypothesis], refs)
}

/// corpus_ter(hypotheses, references, normalized=False, no_punct=False, case_sensitive=False) -> Score
///
/// sacreBLEU's TER, as ``kazpar eval -m ter``.
///
/// >>> kazpar.corpus_ter(["a b c"], [["a b c"]]).score
/// 0.0
#[pyfunction]
#[pyo3(signature = (hypotheses, references, normalized = false, no_punct = false, case_sensitive = false))]
fn corpus_ter(
    py: Python<'_>,
    hypotheses: Vec<String>,
    references: Vec<Vec<String>>,
    normalized: bool,
    no_punct: bool,
    case_sensitive: bool,
) -> PyResult<Score> {
    let m = Ter::new(TerConfig {
        case_sensitive,
        normalized,
        no_punct,
    });
    corpus(py, &m, hypotheses, references)
}

/// sentence_ter(hypothesis, references, normalized=False, no_punct=False, case_sensitive=False) -> Score
///
/// sacreBLEU's sentence TER.
///
/// >>> kazpar.sentence_ter("a b c", ["a b c"]).score
/// 0.0
#[pyfunction]
#[pyo3(signature = (hypothesis, references, normalized = false, no_punct = false, case_sensitive = false))]
fn sentence_ter(
    py: Python<'_>,
    hypothesis: String,
    references: Vec<String>,
    normalized: bool,
    no_punct: bool,
    case_sensitive: bool,
) -> PyResult<Score> {
    let refs = references.into_iter().map(|r| vec![r]).collect();
    corpus_ter(py, vec![hypothesis], refs, normalized, no_punct, case_sensitive)
}

#[pymodule]
fn _kazpar(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Score>()?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_batch, m)?)?;
    m.add_function(wrap_pyfunction!(split, m)?)?;
    m.add_function(wrap_pyfunction!(split_spans, m)?)?;
    m.add_function(wrap_pyfunction!(split_batch, m)?)?;
    m.add_function(wrap_pyfunction!(split_spans_batch, m)?)?;
    m.add_function(wrap_pyfunction!(align_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(build_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(corpus_bleu, m)?)?;
    m.add_function(wrap_pyfunction!(sentence_bleu, m)?)?;
    m.add_function(wrap_pyfunction!(corpus_chrf, m)?)?;
    m.add_function(wrap_pyfunction!(sentence_chrf, m)?)?;
    m.add_function(wrap_pyfunction!(corpus_ter, m)?)?;
    m.add_function(wrap_pyfunction!(sentence_ter, m)?)?;
    m.add("SACREBLEU_VERSION", kazpar_eval::SACREBLEU_VERSION)?;
    Ok(())
}
