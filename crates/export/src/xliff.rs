//! XLIFF 2.0 and XLIFF 1.2 writers (source `kk`, target `en`).

use std::io::Write;

use kazpar_corpus::PairRecord;

use crate::xml::{esc, record_meta};
use crate::Report;

/// Characters kept as they are in an XLIFF 2.0 id: ASCII letters and digits,
/// `.`, `-`, and Cyrillic letters (all valid in an XML NMTOKEN).
fn id_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '.' | '-')
        || (('\u{400}'..='\u{4FF}').contains(&c) && c.is_alphabetic())
}

/// Make any string a valid XML NMTOKEN (what XLIFF 2.0 requires of ids),
/// reversibly: every other character, `_` included, becomes `_<hex code>_`
/// (`a b` → `a_20_b`, `a_b` → `a_5f_b`), so two different strings never give
/// the same id and [`id_unescape`] gives the string back.
pub(crate) fn id_escape(s: &str) -> String {
    let mut t = String::with_capacity(s.len());
    for c in s.chars() {
        if id_char(c) {
            t.push(c);
        } else {
            t.push_str(&format!("_{:x}_", c as u32));
        }
    }
    if t.is_empty() {
        "_".into()
    } else {
        t
    }
}

/// The string an [`id_escape`]d id was made from; `None` when `s` is not one.
pub(crate) fn id_unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('_') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let j = after.find('_')?;
        let code = u32::from_str_radix(&after[..j], 16).ok()?;
        out.push(char::from_u32(code)?);
        rest = &after[j + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// Options of the XLIFF 1.2 writer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Xliff12Options {
    /// Every `target` holds a copy of the Kazakh source, for OmegaT, whose
    /// XLIFF filter translates the text of `<target>` (and finds no segment
    /// in a unit without one). The English of translated records is then not
    /// in the file: give OmegaT the TMX export in the project's `tm/auto/`.
    pub source_copy_targets: bool,
}

/// Ids of the records an XLIFF cannot hold (no Kazakh source).
fn left_out(records: &[PairRecord]) -> Vec<&str> {
    records
        .iter()
        .filter(|r| r.kk.is_none())
        .map(|r| r.id.as_str())
        .collect()
}

/// Records grouped by document, in order, with each record's neighbours' Kazakh text.
struct Unit<'a> {
    r: &'a PairRecord,
    prev: Option<&'a str>,
    next: Option<&'a str>,
}

fn by_document(records: &[PairRecord]) -> Vec<(&str, Vec<Unit<'_>>)> {
    let mut docs: Vec<(&str, Vec<Unit<'_>>)> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let same = |j: usize| {
            records
                .get(j)
                .filter(|o| o.doc == r.doc)
                .and_then(|o| o.kk.as_deref())
        };
        let unit = Unit {
            r,
            prev: i.checked_sub(1).and_then(same),
            next: same(i + 1),
        };
        match docs.last_mut() {
            Some((d, units)) if *d == r.doc => units.push(unit),
            _ => docs.push((&r.doc, vec![unit])),
        }
    }
    docs
}

/// Write records as XLIFF 2.0.
///
/// One `file` per document, one `unit` per record with a Kazakh side (a
/// `0-1` record has no source and is counted as skipped). A record without
/// English becomes an untranslated unit (`state="initial"`, no target).
/// Every unit carries notes: the document id, date, the neighbouring Kazakh
/// sentences (context for the translator), the original record id when it
/// is not a valid NMTOKEN, and the record's other fields for a lossless
/// import.
pub fn write_xliff2(records: &[PairRecord], w: &mut dyn Write) -> std::io::Result<Report> {
    let mut rep = Report::default();
    let mut n = 0;
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="kk" trgLang="en">"#
    )?;
    let mut left = left_out(records);
    for (doc, units) in by_document(records) {
        if units.iter().all(|u| u.r.kk.is_none()) {
            rep.skipped_one_sided += units.len();
            continue; // a <file> needs at least one unit
        }
        writeln!(w, r#"  <file id="doc-{}">"#, esc(&id_escape(doc), &mut n))?;
        if !left.is_empty() {
            // what the export could not hold, for `kazpar import` to tell (in the first file)
            writeln!(w, "    <notes>")?;
            for id in left.drain(..) {
                writeln!(w, r#"      <note category="left-out">{}</note>"#, esc(id, &mut 0))?;
            }
            writeln!(w, "    </notes>")?;
        }
        for u in units {
            let r = u.r;
            let Some(kk) = &r.kk else {
                rep.skipped_one_sided += 1;
                continue;
            };
            writeln!(w, r#"    <unit id="{}">"#, esc(&id_escape(&r.id), &mut n))?;
            writeln!(w, "      <notes>")?;
            if id_escape(&r.id) != r.id {
                writeln!(w, r#"        <note category="id">{}</note>"#, esc(&r.id, &mut n))?;
            }
            writeln!(w, r#"        <note category="doc">{}</note>"#, esc(doc, &mut n))?;
            if let Some(d) = &r.date {
                writeln!(w, r#"        <note category="date">{}</note>"#, esc(d, &mut n))?;
            }
            if let Some(p) = u.prev {
                writeln!(
                    w,
                    r#"        <note category="previous">{}</note>"#,
                    esc(p, &mut 0)
                )?;
            }
            if let Some(p) = u.next {
                writeln!(w, r#"        <note category="next">{}</note>"#, esc(p, &mut 0))?;
            }
            writeln!(
                w,
                r#"        <note category="kazpar">{}</note>"#,
                esc(&record_meta(r), &mut n)
            )?;
            writeln!(w, "      </notes>")?;
            match &r.en {
                Some(en) => {
                    writeln!(w, r#"      <segment state="translated">"#)?;
                    writeln!(w, "        <source>{}</source>", esc(kk, &mut n))?;
                    writeln!(w, "        <target>{}</target>", esc(en, &mut n))?;
                }
                None => {
                    writeln!(w, r#"      <segment state="initial">"#)?;
                    writeln!(w, "        <source>{}</source>", esc(kk, &mut n))?;
                }
            }
            writeln!(w, "      </segment>")?;
            writeln!(w, "    </unit>")?;
            rep.written += 1;
        }
        writeln!(w, "  </file>")?;
    }
    writeln!(w, "</xliff>")?;
    rep.removed_chars = n;
    Ok(rep)
}

/// Write records as XLIFF 1.2: one `file` per document (`original` = the
/// document id), one `trans-unit` per record with a Kazakh side; untranslated
/// units have no `target`. Notes carry the same context as in XLIFF 2.0.
pub fn write_xliff12(records: &[PairRecord], w: &mut dyn Write) -> std::io::Result<Report> {
    write_xliff12_with(records, w, Xliff12Options::default())
}

/// [`write_xliff12`] with options (targets holding a copy of the source, for OmegaT).
pub fn write_xliff12_with(
    records: &[PairRecord],
    w: &mut dyn Write,
    opts: Xliff12Options,
) -> std::io::Result<Report> {
    let mut rep = Report::default();
    let mut left = left_out(records);
    let mut n = 0;
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">"#
    )?;
    for (doc, units) in by_document(records) {
        if units.iter().all(|u| u.r.kk.is_none()) {
            rep.skipped_one_sided += units.len();
            continue; // a <body> needs at least one unit
        }
        writeln!(
            w,
            r#"  <file original="{}" source-language="kk" target-language="en" datatype="plaintext">"#,
            esc(doc, &mut n)
        )?;
        if !left.is_empty() {
            writeln!(w, "    <header>")?;
            for id in left.drain(..) {
                writeln!(w, r#"      <note from="left-out">{}</note>"#, esc(id, &mut 0))?;
            }
            writeln!(w, "    </header>")?;
        }
        writeln!(w, "    <body>")?;
        for u in units {
            let r = u.r;
            let Some(kk) = &r.kk else {
                rep.skipped_one_sided += 1;
                continue;
            };
            let en = if opts.source_copy_targets {
                None
            } else {
                r.en.as_ref()
            };
            let approved = if en.is_some() { "yes" } else { "no" };
            writeln!(
                w,
                r#"      <trans-unit id="{}" approved="{approved}">"#,
                esc(&r.id, &mut n)
            )?;
            writeln!(w, "        <source>{}</source>", esc(kk, &mut n))?;
            if let Some(en) = en {
                writeln!(
                    w,
                    r#"        <target state="translated">{}</target>"#,
                    esc(en, &mut n)
                )?;
            } else if opts.source_copy_targets {
                // no state: OmegaT keeps a target's attributes, so a "needs-translation" would outlive the translation
                writeln!(w, "        <target>{}</target>", esc(kk, &mut 0))?;
            }
            let mut note = |from: &str, text: &str, n: &mut usize| {
                writeln!(w, r#"        <note from="{from}">{}</note>"#, esc(text, n))
            };
            note("doc", doc, &mut n)?;
            if let Some(d) = &r.date {
                note("date", d, &mut n)?;
            }
            // context notes repeat neighbours' text: their removals are counted with the neighbour
            if let Some(p) = u.prev {
                note("previous", p, &mut 0)?;
            }
            if let Some(p) = u.next {
                note("next", p, &mut 0)?;
            }
            note("kazpar", &record_meta(r), &mut n)?;
            writeln!(w, "      </trans-unit>")?;
            rep.written += 1;
        }
        writeln!(w, "    </body>")?;
        writeln!(w, "  </file>")?;
    }
    writeln!(w, "</xliff>")?;
    rep.removed_chars = n;
    Ok(rep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_escape_reversibly() {
        assert_eq!(id_escape("000_efba-0003"), "000_5f_efba-0003");
        assert_eq!(id_escape("my doc/1-0001"), "my_20_doc_2f_1-0001");
        assert_eq!(id_escape("қала.1"), "қала.1");
        for s in ["a b", "a_b", "a_20_b", "_", "x:y", "қала/😀", "-0001"] {
            assert_eq!(id_unescape(&id_escape(s)).as_deref(), Some(s), "{s}");
        }
        assert_eq!(id_unescape("a_zz_"), None);
        assert_eq!(id_unescape("a_20"), None);
    }
}
