//! Preparing a document: read, check, normalize each paragraph, split, and map
//! every sentence back to its bytes in the source.

use std::collections::BTreeMap;
use std::path::PathBuf;

use kazpar_corpus::{CorpusError, Document, Lang, Span, Warning};
use kazpar_split::Splitter;

use crate::SourceDoc;

/// The built-in splitters of both languages, made once (each reads its
/// abbreviation list) and shared by every document.
#[derive(Clone, Debug)]
pub struct Splitters {
    /// Kazakh.
    pub kk: Splitter,
    /// English.
    pub en: Splitter,
}

impl Splitters {
    /// Both built-in splitters.
    pub fn new() -> Self {
        Splitters {
            kk: Splitter::new(kazpar_split::Lang::Kk),
            en: Splitter::new(kazpar_split::Lang::En),
        }
    }

    /// The splitter of `lang`.
    pub fn get(&self, lang: Lang) -> &Splitter {
        match lang {
            Lang::Kk => &self.kk,
            Lang::En => &self.en,
        }
    }
}

impl Default for Splitters {
    fn default() -> Self {
        Self::new()
    }
}

/// One sentence of a prepared document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The text (normalized by [`crate::Pipeline::prepare`]; as given by [`PreparedDoc::from_text`]).
    pub text: String,
    /// Byte span in the source.
    pub span: Span,
    /// Paragraph number; for a document, the title (or first line) is paragraph 0.
    pub para: usize,
}

/// A document read, normalized and split.
#[derive(Clone, Debug)]
pub struct PreparedDoc {
    /// Document id.
    pub id: String,
    /// Language.
    pub lang: Lang,
    /// The source file (or record name).
    pub path: PathBuf,
    /// Date from the header.
    pub date: Option<String>,
    /// Warnings (the document was still used).
    pub warnings: Vec<Warning>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// Size of the source in bytes.
    pub bytes: u64,
    /// SHA-256 of the source, lowercase hex.
    pub sha256: String,
    /// Normalization changes, counted per rule.
    pub normalization: BTreeMap<String, usize>,
    /// The language of each sentence, from the language check (empty when
    /// the check was off or the text was given as is).
    pub langs: Vec<kazpar_lang::Lang>,
}

/// A document id that went through: its Kazakh document and, if any, its English one.
#[derive(Clone, Debug)]
pub struct PreparedPair {
    /// The Kazakh document.
    pub kk: PreparedDoc,
    /// The English document, when there is one.
    pub en: Option<PreparedDoc>,
}

/// Paragraphs longer than this (bytes) are prepared in pieces.
pub(crate) const LONG_PARAGRAPH: usize = 1 << 16;

pub(crate) fn prepare(
    src: SourceDoc,
    id: &str,
    lang: Lang,
    normalizer: &kazpar_text::Normalizer,
    splitter: &Splitter,
    parallel: bool,
) -> Result<PreparedDoc, CorpusError> {
    let (path, bytes) = src.into_bytes()?;
    let sha256 = kazpar_corpus::sha256_hex(&bytes);
    let size = bytes.len() as u64;
    let doc = Document::parse(id, lang, path, bytes)?;
    let mut sentences = Vec::new();
    let mut normalization = BTreeMap::new();
    // whether the writer starts sentences in lower case is a habit of the
    // whole document, not of one paragraph
    let casual = splitter.lowercase_starts_in(doc.paragraphs.iter().map(|p| doc.slice(&p.range)));
    for (para, p) in doc.paragraphs.iter().enumerate() {
        let text = doc.slice(&p.range);
        // a very long paragraph (a book or a law on one line) is normalized
        // and split in pieces cut at clear sentence ends, so that the
        // normalizer's offset map stays small; each piece on its own, so
        // they can be prepared in parallel
        let mut starts = vec![0];
        starts.extend(kazpar_split::clear_sentence_ends(text, LONG_PARAGRAPH));
        let ends = starts[1..].iter().copied().chain([text.len()]);
        let pieces: Vec<(usize, usize)> = starts.iter().copied().zip(ends).collect();
        let one = |&(start, end): &(usize, usize)| {
            let piece = &text[start..end];
            let base = p.range.start + start;
            let n = normalizer.normalize(piece);
            let mut rules: BTreeMap<&'static str, usize> = BTreeMap::new();
            for c in n.changes() {
                *rules.entry(c.rule.name()).or_insert(0) += 1;
            }
            let sents: Vec<Sentence> = splitter
                .split_with(n.text(), casual)
                .into_iter()
                .map(|r| {
                    let orig = n.original_range(r.clone());
                    Sentence {
                        text: n.text()[r].to_string(),
                        span: [base + orig.start, base + orig.end],
                        para,
                    }
                })
                .collect();
            (sents, rules)
        };
        let done = map_pieces(&pieces, parallel, one);
        let n: usize = done.iter().map(|(s, _)| s.len()).sum();
        if sentences.is_empty() {
            // (a document of one long paragraph holds no spare room)
            sentences.reserve_exact(n);
        } else {
            sentences.reserve(n);
        }
        for (sents, rules) in done {
            sentences.extend(sents);
            for (rule, k) in rules {
                *normalization.entry(rule.to_string()).or_insert(0) += k;
            }
        }
    }
    if sentences.capacity() > sentences.len() + sentences.len() / 8 {
        sentences.shrink_to_fit();
    }
    let Document {
        id,
        lang,
        path,
        date,
        warnings,
        ..
    } = doc;
    Ok(PreparedDoc {
        id,
        lang,
        path,
        date,
        warnings,
        sentences,
        bytes: size,
        sha256,
        normalization,
        langs: Vec::new(),
    })
}

/// `f` over `items`, in order; on rayon's current pool when `parallel` and
/// there is more than one item.
#[cfg_attr(not(feature = "rayon"), allow(unused_variables))]
pub(crate) fn map_pieces<T: Sync, R: Send>(
    items: &[T],
    parallel: bool,
    f: impl Fn(&T) -> R + Sync + Send,
) -> Vec<R> {
    #[cfg(feature = "rayon")]
    if parallel && items.len() > 1 {
        use rayon::prelude::*;
        return items.par_iter().map(f).collect();
    }
    items.iter().map(f).collect()
}

/// `take(make(0))`, `take(make(1))`, … for `chunks` chunks, in order, until
/// `take` fails. When `parallel`, `make(c + 1)` runs on rayon's current pool
/// while this thread takes chunk `c` (so the pool's workers do not wait for
/// the caller's writing), holding two chunks at most; `take` itself stays on
/// this thread, and no thread is started.
#[cfg_attr(not(feature = "rayon"), allow(unused_variables))]
pub(crate) fn overlapped<T: Send, E>(
    chunks: usize,
    parallel: bool,
    make: impl Fn(usize) -> T + Sync,
    mut take: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    #[cfg(feature = "rayon")]
    if parallel && chunks >= 2 {
        let mut done = make(0);
        for c in 1..=chunks {
            let mut next = None;
            let handed = rayon::in_place_scope(|s| {
                if c < chunks {
                    s.spawn(|_| next = Some(make(c)));
                }
                take(done)
            });
            handed?;
            match next {
                Some(n) => done = n,
                None => break,
            }
        }
        return Ok(());
    }
    (0..chunks).try_for_each(|c| take(make(c)))
}

impl PreparedDoc {
    /// A plain text as given (no header, no normalization), for aligning two
    /// texts: with a splitter, each non-blank line is a paragraph split into
    /// sentences; without one (pre-split text), every non-blank line is one
    /// sentence and blank lines separate paragraphs. Spans are byte ranges
    /// in `text`.
    pub fn from_text(
        id: &str,
        lang: Lang,
        path: impl Into<PathBuf>,
        text: &str,
        split: Option<&Splitter>,
    ) -> Self {
        let mut sentences = Vec::new();
        let mut push = |r: std::ops::Range<usize>, para: usize| {
            sentences.push(Sentence {
                text: text[r.clone()].to_string(),
                span: [r.start, r.end],
                para,
            })
        };
        let (mut start, mut para, mut blank, mut any) = (0, 0, false, false);
        let casual = split.is_some_and(|s| s.lowercase_starts(text));
        for line in text.split_inclusive('\n') {
            if line.trim().is_empty() {
                blank = true;
            } else {
                if blank && any {
                    para += 1;
                }
                blank = false;
                match split {
                    None => {
                        push(kazpar_corpus::trimmed(text, start, start + line.len()), para);
                        any = true;
                    }
                    Some(s) => {
                        for r in s.split_with(line, casual) {
                            push(start + r.start..start + r.end, para);
                            any = true;
                        }
                        // each line is a paragraph
                        para += 1;
                    }
                }
            }
            start += line.len();
        }
        PreparedDoc {
            id: id.to_string(),
            lang,
            path: path.into(),
            date: None,
            warnings: Vec::new(),
            sentences,
            bytes: text.len() as u64,
            sha256: kazpar_corpus::sha256_hex(text.as_bytes()),
            normalization: BTreeMap::new(),
            langs: Vec::new(),
        }
    }

    /// The languages found in this document's sentences other than its own
    /// (`und` left out), with how many sentences each.
    pub fn other_languages(&self) -> BTreeMap<String, usize> {
        let own = own_lang(self.lang);
        let mut out = BTreeMap::new();
        for &l in &self.langs {
            if l != own && l != kazpar_lang::Lang::Und {
                *out.entry(l.code().to_string()).or_insert(0) += 1;
            }
        }
        out
    }

    /// The language of sentences `idx` when it is not this document's own:
    /// the first other language among them (`None` when all are its own,
    /// undecided, or unchecked).
    pub fn foreign_lang(&self, idx: &[usize]) -> Option<String> {
        let own = own_lang(self.lang);
        idx.iter()
            .filter_map(|&i| self.langs.get(i).copied())
            .find(|&l| l != own && l != kazpar_lang::Lang::Und)
            .map(|l| l.code().to_string())
    }

    /// The sentences as the aligner takes them.
    pub fn align_input(&self) -> Vec<kazpar_align::Sentence<'_>> {
        self.sentences
            .iter()
            .map(|s| kazpar_align::Sentence {
                text: &s.text,
                para: s.para,
            })
            .collect()
    }

    /// The texts of sentences `idx` joined by one space; `None` when `idx` is empty.
    pub fn join(&self, idx: &[usize]) -> Option<String> {
        if idx.is_empty() {
            return None;
        }
        Some(
            idx.iter()
                .map(|&i| self.sentences[i].text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    }

    /// The source spans of sentences `idx`.
    pub fn spans(&self, idx: &[usize]) -> Vec<Span> {
        idx.iter().map(|&i| self.sentences[i].span).collect()
    }
}

/// The language-check label of a corpus side.
pub(crate) fn own_lang(lang: Lang) -> kazpar_lang::Lang {
    match lang {
        Lang::Kk => kazpar_lang::Lang::Kk,
        Lang::En => kazpar_lang::Lang::En,
    }
}
