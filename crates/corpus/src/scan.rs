use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::{CorpusError, Lang};

/// The files of one document: the Kazakh file and, if present, its English partner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocFiles {
    /// Document id (file stem).
    pub id: String,
    /// `kk/<id>.txt`.
    pub kk: PathBuf,
    /// `en/<id>.txt`, when it exists.
    pub en: Option<PathBuf>,
}

/// The result of scanning a corpus folder.
#[derive(Debug, Default)]
pub struct Scan {
    /// Documents in id order.
    pub docs: Vec<DocFiles>,
    /// English files without a Kazakh partner (reported, not processed).
    pub orphans: Vec<CorpusError>,
}

fn txt_files(dir: &Path) -> Result<BTreeMap<String, PathBuf>, CorpusError> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return Ok(out);
    }
    let io = |source| CorpusError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            out.insert(stem.to_string(), path.clone());
        }
    }
    Ok(out)
}

/// List the documents of a corpus folder laid out as `kk/<id>.txt` and `en/<id>.txt`.
///
/// Files not ending in `.txt` and hidden files are ignored. A folder without
/// `kk/` is an error (nothing to do); a missing `en/` means every document is
/// to be translated.
pub fn scan_corpus(root: &Path) -> Result<Scan, CorpusError> {
    let kk_dir = root.join(Lang::Kk.code());
    // a missing kk/ is "no kk/ folder"; anything else (a symlink loop, no permission) is said as it is
    let problem = match std::fs::metadata(&kk_dir) {
        Ok(m) if m.is_dir() => None,
        Ok(_) => Some(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            "not a folder: a corpus holds kk/<id>.txt and optionally en/<id>.txt",
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no kk/ folder: a corpus holds kk/<id>.txt and optionally en/<id>.txt",
        )),
        Err(e) => Some(e),
    };
    if let Some(source) = problem {
        return Err(CorpusError::Io { path: kk_dir, source });
    }
    let kk = txt_files(&kk_dir)?;
    let mut en = txt_files(&root.join(Lang::En.code()))?;
    let docs = kk
        .into_iter()
        .map(|(id, kk)| {
            let en = en.remove(&id);
            DocFiles { id, kk, en }
        })
        .collect();
    let orphans = en
        .into_iter()
        .map(|(id, path)| CorpusError::Orphan {
            path,
            expected: kk_dir.join(format!("{id}.txt")),
        })
        .collect();
    Ok(Scan { docs, orphans })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_by_id_and_reports_orphans() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        std::fs::create_dir_all(r.join("kk")).unwrap();
        std::fs::create_dir_all(r.join("en")).unwrap();
        for p in [
            "kk/b.txt",
            "kk/a.txt",
            "en/a.txt",
            "en/z.txt",
            "kk/notes.md",
            "kk/.hidden.txt",
        ] {
            std::fs::write(r.join(p), "x").unwrap();
        }
        let scan = scan_corpus(r).unwrap();
        let ids: Vec<_> = scan
            .docs
            .iter()
            .map(|d| (d.id.as_str(), d.en.is_some()))
            .collect();
        assert_eq!(ids, [("a", true), ("b", false)]);
        assert_eq!(scan.orphans.len(), 1);
        assert!(scan.orphans[0].to_string().contains("z.txt"));
    }

    #[test]
    fn missing_kk_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("en")).unwrap();
        match scan_corpus(dir.path()) {
            Err(CorpusError::Io { path, source }) => {
                assert_eq!(path, dir.path().join("kk"));
                assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
                assert!(source.to_string().contains("no kk/ folder"), "{source}");
            }
            other => panic!("expected a missing-kk/ error, got {other:?}"),
        }
        // a file named kk is not a folder either
        std::fs::write(dir.path().join("kk"), "x").unwrap();
        assert!(matches!(scan_corpus(dir.path()), Err(CorpusError::Io { .. })));
    }
}
