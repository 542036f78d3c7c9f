//! XLIFF 2.0 and XLIFF 1.2 writers (source `kk`, target `en`).

use std::io::Write;

use kazpar_corpus::PairRecord;

use crate::xml::{esc, record_meta};
use crate::Report;

/// Make a string a valid XML NMTOKEN (what XLIFF 2.0 requires of ids):
/// characters outside letters, digits, `.`, `-`, `_`, `:` become `_`.
fn nmtoken(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if t.is_empty() {
        "_".into()
    } else {
        t
    }
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
    for (doc, units) in by_document(records) {
        writeln!(
            w,
            r#"  <file id="{}">"#,
            esc(&nmtoken(&format!("doc-{doc}")), &mut n)
        )?;
        for u in units {
            let r = u.r;
            let Some(kk) = &r.kk else {
                rep.skipped_one_sided += 1;
                continue;
            };
            writeln!(w, r#"    <unit id="{}">"#, esc(&nmtoken(&r.id), &mut n))?;
            writeln!(w, "      <notes>")?;
            if nmtoken(&r.id) != r.id {
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
    let mut rep = Report::default();
    let mut n = 0;
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">"#
    )?;
    for (doc, units) in by_document(records) {
        writeln!(
            w,
            r#"  <file original="{}" source-language="kk" target-language="en" datatype="plaintext">"#,
            esc(doc, &mut n)
        )?;
        writeln!(w, "    <body>")?;
        for u in units {
            let r = u.r;
            let Some(kk) = &r.kk else {
                rep.skipped_one_sided += 1;
                continue;
            };
            let approved = if r.en.is_some() { "yes" } else { "no" };
            writeln!(
                w,
                r#"      <trans-unit id="{}" approved="{approved}">"#,
                esc(&r.id, &mut n)
            )?;
            writeln!(w, "        <source>{}</source>", esc(kk, &mut n))?;
            if let Some(en) = &r.en {
                writeln!(
                    w,
                    r#"        <target state="translated">{}</target>"#,
                    esc(en, &mut n)
                )?;
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
    fn ids_become_nmtokens() {
        assert_eq!(nmtoken("000_efba-0003"), "000_efba-0003");
        assert_eq!(nmtoken("my doc/1-0001"), "my_doc_1-0001");
        assert_eq!(nmtoken(""), "_");
    }
}
