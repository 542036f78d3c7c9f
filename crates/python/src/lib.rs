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
use kazpar_pipeline::{
    Batch, Config, DocJob, DocRecord, Evidence, Lang, Learned, Pipeline, PreparedDoc, SourceDoc,
    DOC_RECORD_FIELDS,
};

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

/// The default pipeline (`parallel`: its aligner uses rayon too; `word_list`:
/// the aligner knows the core word list, as the CLI does unless
/// `--no-word-list`), made once per process: making one reads the splitters'
/// abbreviation lists.
fn pipeline(parallel: bool, word_list: bool) -> &'static Pipeline {
    static CELLS: [std::sync::OnceLock<Pipeline>; 4] = [const { std::sync::OnceLock::new() }; 4];
    CELLS[2 * parallel as usize + word_list as usize].get_or_init(|| {
        let config = Config {
            word_list,
            ..Config::default()
        };
        Pipeline::new(config).parallel(parallel)
    })
}

/// The built-in splitter of `lang` (the default pipeline's).
fn splitter(lang: &str) -> PyResult<&'static kazpar_split::Splitter> {
    let s = pipeline(false, true).splitters();
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
#[pyo3(signature = (kk, en, doc = "doc", word_list = true))]
fn align_jsonl(
    py: Python<'_>,
    kk: Vec<String>,
    en: Vec<String>,
    doc: &str,
    word_list: bool,
) -> PyResult<String> {
    let kt = presplit_text("kk", &kk)?;
    let et = presplit_text("en", &en)?;
    py.allow_threads(|| {
        let pipeline = pipeline(false, word_list);
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
#[pyo3(signature = (docs, word_list = true))]
fn build_jsonl(py: Python<'_>, docs: &[u8], word_list: bool) -> PyResult<(String, Vec<String>)> {
    // `docs` borrows an immutable `bytes` the caller holds: no copy needed to release the GIL
    py.allow_threads(|| {
        let batch = DocJob::from_jsonl("<docs>", docs);
        let pipeline = pipeline(true, word_list);
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

// ---- the pieces of `kazpar build --jsonl` for a cluster job (python/kazpar/spark.py) ----
//
// A JSONL file is read into records ([`jsonl_records`]); the records of one id
// (from any file) are a group; the first pass counts a group batch's evidence
// ([`evidence_groups`]), evidence texts merge ([`merge_evidence`]), and the second
// pass aligns a group batch with the merged evidence ([`BuildTable::build_groups`]).

/// One record of a group: (file name, 1-based line, the record as JSON).
type GroupEntry = (String, usize, String);

/// A usable record of a file: (id, lang, 1-based line, the record as JSON).
type FileRecord = (String, String, usize, String);

/// The skipped-file entries (manifest `skipped`, as JSON) of `errors`.
fn skipped_json(errors: &[kazpar_pipeline::CorpusError]) -> Vec<String> {
    let mut m = kazpar_pipeline::ManifestBuilder::new(&Config::default(), std::path::Path::new(""));
    errors.iter().for_each(|e| m.skip(e));
    m.skipped()
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_default())
        .collect()
}

/// jsonl_records(name, data) -> (list[tuple[str, str, int, str]], list[str])
///
/// The usable records of the JSONL file ``name`` (its bytes ``data``) as
/// ``(id, lang, line, record_json)``, and the ``bad-record`` entries (manifest
/// ``skipped`` JSON) of its other lines: the checks of ``kazpar build --jsonl``
/// on each line (JSON, fields, lang, id); pairing by id comes later.
#[pyfunction]
fn jsonl_records(py: Python<'_>, name: &str, data: &[u8]) -> PyResult<(Vec<FileRecord>, Vec<String>)> {
    py.allow_threads(|| {
        let path = std::path::Path::new(name);
        let mut ok = Vec::new();
        let mut bad = Vec::new();
        let recs = kazpar_corpus::read_jsonl::<DocRecord>(data, path, DOC_RECORD_FIELDS);
        for r in recs {
            match r {
                Err(e) => bad.push(e),
                Ok((line, rec)) => {
                    // the batch of one record: a bad lang or id is its error; a
                    // Kazakh job or an English orphan means the record is usable
                    // (the JSON is written first so the record, text and all, moves in uncloned)
                    let json = serde_json::to_string(&rec).map_err(err)?;
                    let (id, lang) = (rec.id.clone(), rec.lang.clone());
                    let one = DocJob::from_records(path, [(line, rec)]);
                    let mut errs = one
                        .errors
                        .into_iter()
                        .filter(|e| matches!(e, kazpar_pipeline::CorpusError::BadRecord { .. }))
                        .peekable();
                    if errs.peek().is_some() {
                        bad.extend(errs);
                    } else {
                        ok.push((id, lang, line, json));
                    }
                }
            }
        }
        Ok((ok, skipped_json(&bad)))
    })
}

/// The jobs and errors of one id's records, `entries` sorted by (file, line):
/// the same pairing as `kazpar build --jsonl` on one file (the first record of a
/// language is used, a later one is a `bad-record`, English alone is an orphan).
fn group_batch(entries: &[GroupEntry]) -> PyResult<Batch> {
    let parse = |(name, line, json): &GroupEntry| -> PyResult<(usize, DocRecord)> {
        let rec: DocRecord = serde_json::from_str(json).map_err(|e| err(format!("{name}:{line}: {e}")))?;
        Ok((*line, rec))
    };
    let first = entries.first().map(|e| e.0.as_str()).unwrap_or("");
    if entries.iter().all(|e| e.0 == first) {
        let recs = entries.iter().map(parse).collect::<PyResult<Vec<_>>>()?;
        return Ok(DocJob::from_records(first, recs));
    }
    // records of one id in several files: the first record of each language (in file, line
    // order) is used; a later one, in any file, is a `bad-record` naming the first's file:line
    let mut batch = Batch::default();
    let mut id = String::new();
    let mut kk: Option<(String, usize, SourceDoc)> = None;
    let mut en: Option<(String, usize, SourceDoc)> = None;
    for e in entries {
        let (line, rec) = parse(e)?;
        if id.is_empty() {
            id = rec.id.clone();
        }
        let slot = if rec.lang == "kk" { &mut kk } else { &mut en };
        match slot {
            Some((f, l, _)) => batch.errors.push(kazpar_pipeline::CorpusError::BadRecord {
                path: e.0.clone().into(),
                line,
                message: format!("document {id:?} ({}) already given on {f}:{l}", rec.lang),
            }),
            None => {
                *slot = Some((
                    e.0.clone(),
                    line,
                    SourceDoc::record(rec, format!("{}:{line}", e.0)),
                ))
            }
        }
    }
    match (kk, en) {
        (Some((_, _, kk)), en) => batch.jobs.push(DocJob {
            id,
            kk,
            en: en.map(|e| e.2),
        }),
        (None, Some((_, _, en))) => batch.errors.push(kazpar_pipeline::CorpusError::Orphan {
            path: en.path().to_path_buf(),
            expected: format!("a kk record with id {id:?}").into(),
        }),
        (None, None) => {}
    }
    Ok(batch)
}

/// evidence_groups(groups) -> str
///
/// The first pass of ``kazpar build`` over groups of records (each the
/// ``(file, line, record_json)`` of one id, sorted by file and line): the
/// merged evidence of their document pairs as an evidence text (the format of
/// ``--save-lexicon``). Documents that cannot be used add nothing.
#[pyfunction]
#[pyo3(signature = (groups, word_list = true))]
fn evidence_groups(py: Python<'_>, groups: Vec<Vec<GroupEntry>>, word_list: bool) -> PyResult<String> {
    py.allow_threads(|| {
        let pipeline = pipeline(false, word_list);
        let mut ev = Evidence::new();
        for g in &groups {
            for job in group_batch(g)?.jobs {
                if let Ok(p) = pipeline.prepare_job(job) {
                    ev.merge(&pipeline.evidence(&p));
                }
            }
        }
        Ok(ev.to_text())
    })
}

/// merge_evidence(texts) -> str
///
/// Evidence texts merged into one, as ``kazpar lexicon merge`` does.
#[pyfunction]
fn merge_evidence(py: Python<'_>, texts: Vec<String>) -> PyResult<String> {
    py.allow_threads(|| {
        let mut ev = Evidence::new();
        for (i, t) in texts.iter().enumerate() {
            let e = Evidence::from_text(t, std::path::Path::new(&format!("<evidence {i}>"))).map_err(err)?;
            ev.merge(&e);
        }
        Ok(ev.to_text())
    })
}

/// BuildTable(evidence, word_list=True) — what the second pass of ``kazpar
/// build`` learns from an evidence text (the word table and length ratio),
/// learned once; ``word_list=False`` as ``--no-word-list``.
#[pyclass(module = "kazpar", frozen)]
struct BuildTable {
    learned: Learned,
    word_list: bool,
}

#[pymethods]
impl BuildTable {
    #[new]
    #[pyo3(signature = (evidence, word_list = true))]
    fn new(py: Python<'_>, evidence: &str, word_list: bool) -> PyResult<Self> {
        py.allow_threads(|| {
            let ev = Evidence::from_text(evidence, std::path::Path::new("<evidence>")).map_err(err)?;
            let learned = pipeline(false, word_list).learn(&ev);
            Ok(BuildTable { learned, word_list })
        })
    }

    /// build_groups(groups) -> (list[tuple[str, str]], str)
    ///
    /// The second pass over groups of records (as for ``evidence_groups``):
    /// ``(id, records_jsonl)`` of each document built, in the order given, and
    /// the manifest of this batch as JSON (its documents, counts and skipped
    /// records: bad pairings, unusable documents).
    fn build_groups(
        &self,
        py: Python<'_>,
        groups: Vec<Vec<GroupEntry>>,
    ) -> PyResult<(Vec<(String, String)>, String)> {
        py.allow_threads(|| {
            let pipeline = pipeline(false, self.word_list);
            let mut manifest =
                kazpar_pipeline::ManifestBuilder::new(pipeline.config(), std::path::Path::new(""));
            let mut out = Vec::new();
            for g in &groups {
                let batch = group_batch(g)?;
                batch.errors.iter().for_each(|e| manifest.skip(e));
                for job in batch.jobs {
                    match pipeline.prepare_job(job) {
                        Err(errs) => errs.iter().for_each(|e| manifest.skip(e)),
                        Ok(p) => {
                            let r = pipeline.records_learned(&p, &self.learned);
                            let mut text = Vec::new();
                            kazpar_corpus::write_jsonl(&mut text, r.iter()).map_err(err)?;
                            manifest.add_document(&p, &r);
                            out.push((p.kk.id.clone(), String::from_utf8(text).map_err(err)?));
                        }
                    }
                }
            }
            let m = serde_json::to_string(&manifest.finish()).map_err(err)?;
            Ok((out, m))
        })
    }
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

/// A sentence score is the corpus score of one segment: `hypothesis` and one
/// reference stream per reference.
fn one_segment(hypothesis: String, references: Vec<String>) -> (Vec<String>, Vec<Vec<String>>) {
    (
        vec![hypothesis],
        references.into_iter().map(|r| vec![r]).collect(),
    )
}

/// The tokenizer `tokenize`; a SentencePiece one reads `spm_model`, once per
/// path as long as the file does not change (sentence_bleu in a loop should
/// not parse a model per call).
fn tokenizer(tokenize: &str, spm_model: Option<&str>) -> PyResult<Tokenizer> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    use std::time::SystemTime;
    type Cache = Mutex<HashMap<(String, String, Option<SystemTime>), Tokenizer>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let Some(path) = spm_model else {
        return kazpar_eval::tokenize::tokenizer_named(tokenize, None, Default::default())
            .map_err(|e| err(e.message("spm_model", "tokenize")));
    };
    let mtime = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let key = (tokenize.to_owned(), path.to_owned(), mtime);
    let cache = CACHE.get_or_init(Default::default);
    if let Some(t) = cache
        .lock()
        .map_err(|_| err("tokenizer cache poisoned"))?
        .get(&key)
    {
        return Ok(t.clone());
    }
    let t = kazpar_eval::tokenize::tokenizer_named(
        tokenize,
        Some(std::path::Path::new(path)),
        Default::default(),
    )
    .map_err(|e| err(e.message("spm_model", "tokenize")))?;
    cache
        .lock()
        .map_err(|_| err("tokenizer cache poisoned"))?
        .insert(key, t.clone());
    Ok(t)
}

fn bleu_metric(
    smooth_method: &str,
    smooth_value: Option<f64>,
    lowercase: bool,
    tokenize: &str,
    effective_order: bool,
    spm_model: Option<&str>,
) -> PyResult<Bleu> {
    let tokenizer = tokenizer(tokenize, spm_model)?;
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

/// corpus_bleu(hypotheses, references, smooth_method="exp", smooth_value=None, lowercase=False, tokenize="13a", use_effective_order=False, spm_model=None) -> Score
///
/// sacreBLEU 2.6.0's corpus BLEU (``references`` is a list of reference streams,
/// each as long as ``hypotheses``), the same code as ``kazpar eval -m bleu``.
/// spBLEU: ``tokenize="flores200"`` (or ``flores101``, ``spm``, ``spBLEU-1K``)
/// with ``spm_model`` the path of the SentencePiece model file; nothing is
/// downloaded.
///
/// >>> kazpar.corpus_bleu(["the cat sat on the mat"], [["the cat sat on a mat"]]).score
/// 53.7284965911771
#[pyfunction]
#[pyo3(signature = (hypotheses, references, smooth_method = "exp", smooth_value = None, lowercase = false, tokenize = "13a", use_effective_order = false, spm_model = None))]
fn corpus_bleu(
    py: Python<'_>,
    hypotheses: Vec<String>,
    references: Vec<Vec<String>>,
    smooth_method: &str,
    smooth_value: Option<f64>,
    lowercase: bool,
    tokenize: &str,
    use_effective_order: bool,
    spm_model: Option<&str>,
) -> PyResult<Score> {
    let m = bleu_metric(
        smooth_method,
        smooth_value,
        lowercase,
        tokenize,
        use_effective_order,
        spm_model,
    )?;
    corpus(py, &m, hypotheses, references)
}

/// sentence_bleu(hypothesis, references, smooth_method="exp", smooth_value=None, lowercase=False, tokenize="13a", use_effective_order=True, spm_model=None) -> Score
///
/// sacreBLEU's sentence BLEU (effective order), as ``kazpar eval --sentence-level``.
///
/// >>> round(kazpar.sentence_bleu("the cat sat", ["the cat sat down"]).score, 2)
/// 71.65
#[pyfunction]
#[pyo3(signature = (hypothesis, references, smooth_method = "exp", smooth_value = None, lowercase = false, tokenize = "13a", use_effective_order = true, spm_model = None))]
fn sentence_bleu(
    py: Python<'_>,
    hypothesis: String,
    references: Vec<String>,
    smooth_method: &str,
    smooth_value: Option<f64>,
    lowercase: bool,
    tokenize: &str,
    use_effective_order: bool,
    spm_model: Option<&str>,
) -> PyResult<Score> {
    let (hyps, refs) = one_segment(hypothesis, references);
    corpus_bleu(
        py,
        hyps,
        refs,
        smooth_method,
        smooth_value,
        lowercase,
        tokenize,
        use_effective_order,
        spm_model,
    )
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
    let (hyps, refs) = one_segment(hypothesis, references);
    corpus_chrf(
        py,
        hyps,
        refs,
        char_order,
        word_order,
        beta,
        lowercase,
        remove_whitespace,
        eps_smoothing,
    )
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
    let (hyps, refs) = one_segment(hypothesis, references);
    corpus_ter(py, hyps, refs, normalized, no_punct, case_sensitive)
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
    m.add_function(wrap_pyfunction!(jsonl_records, m)?)?;
    m.add_function(wrap_pyfunction!(evidence_groups, m)?)?;
    m.add_function(wrap_pyfunction!(merge_evidence, m)?)?;
    m.add_class::<BuildTable>()?;
    m.add_function(wrap_pyfunction!(corpus_bleu, m)?)?;
    m.add_function(wrap_pyfunction!(sentence_bleu, m)?)?;
    m.add_function(wrap_pyfunction!(corpus_chrf, m)?)?;
    m.add_function(wrap_pyfunction!(sentence_chrf, m)?)?;
    m.add_function(wrap_pyfunction!(corpus_ter, m)?)?;
    m.add_function(wrap_pyfunction!(sentence_ter, m)?)?;
    m.add("SACREBLEU_VERSION", kazpar_eval::SACREBLEU_VERSION)?;
    Ok(())
}
