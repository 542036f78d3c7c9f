//! What the first pass of a streaming build keeps of each job's language
//! check, so that the second pass does not classify every sentence again.

use std::sync::Mutex;

use kazpar_lang::Lang;

use crate::spill::Spill;
use crate::{DocJob, PreparedPair};
use kazpar_align::ReadDoc;

/// One side's language check, compactly: the document's language and the
/// sentences whose label differs from it (another language, or `und`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SideCheck {
    /// The start of the source's SHA-256 and its sentence count: the check is
    /// reused only for the same text split the same way.
    sha: u64,
    sentences: u32,
    /// The document's language ([`kazpar_lang::DocVerdict::lang`]).
    pub(crate) lang: Lang,
    /// (sentence, label) where the label is not `lang`, in sentence order.
    odd: Box<[(u32, Lang)]>,
}

/// The start of a lowercase hex SHA-256 as a number (0 if it is not hex).
fn sha_key(sha256: &str) -> u64 {
    sha256
        .get(..16)
        .and_then(|h| u64::from_str_radix(h, 16).ok())
        .unwrap_or(0)
}

impl SideCheck {
    /// The check of a document with source hash `sha256`, language `lang`
    /// and sentence labels `langs`.
    pub(crate) fn new(sha256: &str, lang: Lang, langs: &[Lang]) -> SideCheck {
        SideCheck {
            sha: sha_key(sha256),
            sentences: langs.len() as u32,
            lang,
            odd: langs
                .iter()
                .enumerate()
                .filter(|(_, &l)| l != lang)
                .map(|(i, &l)| (i as u32, l))
                .collect(),
        }
    }

    /// Whether this check was made on a document with this hash and this many sentences.
    pub(crate) fn fits(&self, sha256: &str, sentences: usize) -> bool {
        self.sha == sha_key(sha256) && self.sentences as usize == sentences && sentences <= u32::MAX as usize
    }

    /// Every sentence's label.
    pub(crate) fn langs(&self) -> Vec<Lang> {
        let mut out = vec![self.lang; self.sentences as usize];
        for &(i, l) in self.odd.iter() {
            out[i as usize] = l;
        }
        out
    }
}

/// A job's language checks, Kazakh and English side.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct JobCheck {
    pub(crate) kk: Option<SideCheck>,
    pub(crate) en: Option<SideCheck>,
}

/// The language checks of the first pass of a streaming build, one per job
/// ([`crate::Pipeline::count_evidence_checked`]), for the second pass
/// ([`crate::Pipeline::align_jobs_checked`]) to reuse. A few bytes a
/// document: the document's language and the sentences labelled otherwise.
/// A job that failed, or whose file changed in between, is checked again.
///
/// When all the jobs fit in one chunk ([`crate::CHUNK`]), the first pass also
/// keeps the prepared documents themselves, which the second pass takes
/// instead of preparing them again (it holds that chunk at once anyway):
/// a single long document is normalized and split once.
#[derive(Default)]
pub struct Checks(pub(crate) Vec<Option<JobCheck>>, pub(crate) Kept);

/// The prepared pairs the first pass kept, by job, for the second to take,
/// with the aligner's reading of each: in memory for a corpus of one chunk,
/// else in a spill file when the pipeline has a folder for one.
#[derive(Default)]
pub(crate) struct Kept {
    pub(crate) held: Mutex<Vec<Option<KeptPair>>>,
    pub(crate) spill: Option<Spill>,
}

/// A prepared pair, and the aligner's reading of it when it was kept too.
pub(crate) type KeptPair = (PreparedPair, Option<ReadDoc>);

impl Kept {
    /// The pair kept for job `i` (`job`), taken out.
    pub(crate) fn take(&self, i: usize, job: &DocJob) -> Option<KeptPair> {
        // a worker that panicked while taking leaves the list as it was
        let held = self
            .held
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get_mut(i)
            .and_then(Option::take);
        held.or_else(|| self.spill.as_ref()?.take(i, job))
    }
}

impl std::fmt::Debug for Checks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Checks").field(&self.0).finish()
    }
}

impl Checks {
    /// No checks: the second pass checks every job itself.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of jobs.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there is no job.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The check of job `i`, if kept.
    pub(crate) fn get(&self, i: usize) -> Option<&JobCheck> {
        self.0.get(i).and_then(Option::as_ref)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_gives_back_every_label() {
        let langs = [Lang::Kk, Lang::Und, Lang::Kk, Lang::Ru, Lang::Kk];
        let sha = "0123456789abcdef0123";
        let c = SideCheck::new(sha, Lang::Kk, &langs);
        assert_eq!(c.odd.len(), 2);
        assert_eq!(c.langs(), langs);
        assert!(c.fits(sha, 5));
        assert!(!c.fits(sha, 4));
        assert!(!c.fits("1123456789abcdef0123", 5));
    }
}
