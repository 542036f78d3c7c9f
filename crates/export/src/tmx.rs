//! TMX 1.4b writer.

use std::io::Write;

use kazpar_corpus::PairRecord;

use crate::xml::{esc, record_meta};
use crate::Report;

/// Write records as a TMX 1.4b translation memory (source language `kk`).
///
/// Only pairs with both sides become translation units (a memory entry needs
/// both); the others are counted in [`Report::skipped_one_sided`]. Each `tu`
/// carries the record id as `tuid` and the other fields as `prop`s
/// (`x-doc`, `x-date`, `x-kazpar`), so an import rebuilds the record exactly.
pub fn write_tmx(records: &[PairRecord], w: &mut dyn Write) -> std::io::Result<Report> {
    let mut rep = Report::default();
    let mut n = 0;
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<!DOCTYPE tmx SYSTEM "tmx14.dtd">"#)?;
    writeln!(w, r#"<tmx version="1.4">"#)?;
    writeln!(
        w,
        r#"  <header creationtool="kazpar" creationtoolversion="{}" segtype="sentence" o-tmf="kazpar-jsonl" adminlang="en" srclang="kk" datatype="plaintext"/>"#,
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(w, "  <body>")?;
    for r in records {
        let (Some(kk), Some(en)) = (&r.kk, &r.en) else {
            rep.skipped_one_sided += 1;
            continue;
        };
        writeln!(w, r#"    <tu tuid="{}">"#, esc(&r.id, &mut n))?;
        writeln!(w, r#"      <prop type="x-doc">{}</prop>"#, esc(&r.doc, &mut n))?;
        if let Some(d) = &r.date {
            writeln!(w, r#"      <prop type="x-date">{}</prop>"#, esc(d, &mut n))?;
        }
        writeln!(
            w,
            r#"      <prop type="x-kazpar">{}</prop>"#,
            esc(&record_meta(r), &mut n)
        )?;
        writeln!(
            w,
            r#"      <tuv xml:lang="kk"><seg>{}</seg></tuv>"#,
            esc(kk, &mut n)
        )?;
        writeln!(
            w,
            r#"      <tuv xml:lang="en"><seg>{}</seg></tuv>"#,
            esc(en, &mut n)
        )?;
        writeln!(w, "    </tu>")?;
        rep.written += 1;
    }
    writeln!(w, "  </body>")?;
    writeln!(w, "</tmx>")?;
    rep.removed_chars = n;
    Ok(rep)
}
