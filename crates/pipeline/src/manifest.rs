//! Building `manifest.json`: inputs, skipped files, counts and settings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use kazpar_corpus::{CorpusError, InputFile, Manifest, PairRecord, Skipped};

use crate::{Config, PreparedDoc, PreparedPair};

/// Collects what a run read, skipped and wrote, in the order documents are
/// added, and gives the [`Manifest`]. Paths are written relative to the
/// corpus root with `/` separators; nothing depends on time or thread count.
#[derive(Clone, Debug)]
pub struct ManifestBuilder {
    root: PathBuf,
    settings: BTreeMap<String, serde_json::Value>,
    inputs: Vec<InputFile>,
    skipped: Vec<Skipped>,
    counts: BTreeMap<String, usize>,
    normalization: BTreeMap<String, usize>,
}

fn rel(root: &Path, path: &Path) -> String {
    let p = path.strip_prefix(root).unwrap_or(path);
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn input_file(root: &Path, p: &PreparedDoc) -> InputFile {
    InputFile {
        path: rel(root, &p.path),
        doc: p.id.clone(),
        lang: p.lang.code().to_string(),
        bytes: p.bytes,
        sha256: p.sha256.clone(),
        sentences: p.sentences.len(),
        warnings: p.warnings.clone(),
        normalization: p.normalization.clone(),
        other_languages: p.other_languages(),
    }
}

impl ManifestBuilder {
    /// A manifest of a run with `config`, over the corpus folder `root`.
    pub fn new(config: &Config, root: &Path) -> Self {
        ManifestBuilder {
            root: root.to_path_buf(),
            settings: config.settings(),
            inputs: Vec::new(),
            skipped: Vec::new(),
            counts: BTreeMap::new(),
            normalization: BTreeMap::new(),
        }
    }

    /// Record a file that was skipped.
    pub fn skip(&mut self, e: &CorpusError) {
        self.skipped.push(Skipped {
            path: rel(&self.root, e.path()),
            reason: e.reason().to_string(),
            line: e.line(),
            message: e.to_string(),
        });
    }

    /// Record a document that went through and its records.
    pub fn add_document(&mut self, doc: &PreparedPair, records: &[PairRecord]) {
        let mut count = |k: &str, n: usize| *self.counts.entry(k.to_string()).or_insert(0) += n;
        count("documents", 1);
        count(
            if doc.en.is_some() {
                "documents_with_english"
            } else {
                "documents_to_translate"
            },
            1,
        );
        for r in records {
            count("pairs", 1);
            count(&format!("kind_{}", r.kind), 1);
            if r.en.is_none() {
                count("sentences_to_translate", r.kk_idx.len());
            }
        }
        for p in std::iter::once(&doc.kk).chain(doc.en.as_ref()) {
            // sentences in another language: `kk_sentences_in_ru`, …
            for (l, n) in p.other_languages() {
                *self
                    .counts
                    .entry(format!("{}_sentences_in_{l}", p.lang.code()))
                    .or_insert(0) += n;
            }
            for (rule, n) in &p.normalization {
                *self.normalization.entry(rule.clone()).or_insert(0) += n;
            }
            self.inputs.push(input_file(&self.root, p));
        }
    }

    /// The files skipped so far.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// The manifest: skipped files sorted by path, `skipped_files` counted.
    pub fn finish(mut self) -> Manifest {
        self.counts
            .entry("skipped_files".into())
            .or_insert(self.skipped.len());
        self.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        Manifest {
            tool: "kazpar".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            settings: self.settings,
            inputs: self.inputs,
            skipped: self.skipped,
            counts: self.counts,
            normalization: self.normalization,
        }
    }
}
