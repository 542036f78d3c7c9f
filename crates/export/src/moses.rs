//! Line-based formats: Moses/OPUS parallel files and TSV.

use std::io::Write;
use std::path::Path;

use kazpar_corpus::PairRecord;

use crate::{ExportError, Report};

/// Replace characters that would break a line-based format (line breaks, and
/// tabs when `tabs` is set) with a space, counting them.
pub(crate) fn one_line(s: &str, tabs: bool, removed: &mut usize) -> String {
    let bad = |c: char| {
        matches!(
            c,
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        ) || (tabs && c == '\t')
    };
    if !s.contains(bad) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if bad(c) {
                *removed += 1;
                ' '
            } else {
                c
            }
        })
        .collect()
}

pub(crate) fn atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    kazpar_corpus::write_atomic(path, fill).map_err(|source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Write Moses/OPUS line-aligned files `DIR/NAME.en-kk.kk` and `DIR/NAME.en-kk.en`:
/// line *i* of one translates line *i* of the other. Only pairs with both
/// sides are written.
pub fn write_moses(records: &[PairRecord], dir: &Path, name: &str) -> Result<Report, ExportError> {
    let mut rep = Report::default();
    let mut kk_lines = String::new();
    let mut en_lines = String::new();
    for r in records {
        let (Some(kk), Some(en)) = (&r.kk, &r.en) else {
            rep.skipped_one_sided += 1;
            continue;
        };
        kk_lines.push_str(&one_line(kk, false, &mut rep.removed_chars));
        kk_lines.push('\n');
        en_lines.push_str(&one_line(en, false, &mut rep.removed_chars));
        en_lines.push('\n');
        rep.written += 1;
    }
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    atomic(&dir.join(format!("{name}.en-kk.kk")), |w| {
        w.write_all(kk_lines.as_bytes())
    })?;
    atomic(&dir.join(format!("{name}.en-kk.en")), |w| {
        w.write_all(en_lines.as_bytes())
    })?;
    Ok(rep)
}

/// Write a TSV table `id, doc, kk, en` with a header line. Every record is
/// written; a missing side is an empty cell. Tabs and line breaks inside
/// texts become spaces.
pub fn write_tsv(records: &[PairRecord], w: &mut dyn Write) -> std::io::Result<Report> {
    let mut rep = Report::default();
    writeln!(w, "id\tdoc\tkk\ten")?;
    for r in records {
        let n = &mut rep.removed_chars;
        let cell = |s: Option<&str>, n: &mut usize| one_line(s.unwrap_or(""), true, n);
        let line = [
            cell(Some(&r.id), n),
            cell(Some(&r.doc), n),
            cell(r.kk.as_deref(), n),
            cell(r.en.as_deref(), n),
        ];
        writeln!(w, "{}", line.join("\t"))?;
        rep.written += 1;
    }
    Ok(rep)
}
