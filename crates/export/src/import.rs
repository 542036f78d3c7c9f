//! Reading XLIFF 2.0, XLIFF 1.2 and TMX back into records, and merging them into pairs.

use std::collections::{BTreeMap, HashMap};

use kazpar_corpus::PairRecord;
use roxmltree::{Document, Node};

use crate::xliff::id_unescape;
use crate::xml::{clean_xml_text, parse_meta};
use crate::ExportError;

/// Records read from a translated file, and what could not be read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    /// One record per unit, in file order. A unit whose target is not a
    /// translation (see [`ImportOptions`]) gives a record without English.
    pub records: Vec<PairRecord>,
    /// Units that were left out, with their line and reason.
    pub warnings: Vec<String>,
    /// Targets that were not taken as English: `<id>: <why>`.
    pub not_translated: Vec<String>,
    /// Ids of records (TMX units without `tuid`, as in OmegaT's project
    /// memory) that [`merge_with`] matches by Kazakh text instead of by id.
    pub by_text: std::collections::BTreeSet<String>,
    /// Ids of the records the export could not hold (a `0-1` pair has no
    /// Kazakh source), as listed in a kazpar XLIFF's `left-out` notes.
    pub left_out: Vec<String>,
}

/// How [`import_with`] reads targets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Take a target that is a copy of its source (same text, ignoring
    /// spacing) as English. Off by default: CAT tools pre-fill targets with
    /// the source.
    pub accept_source_copies: bool,
}

/// XLIFF 1.2 `target@state` values that mean "not translated yet".
const XLIFF12_UNTRANSLATED: [&str; 4] = ["new", "needs-translation", "needs-adaptation", "needs-l10n"];
/// XLIFF 2.0 `segment@state` values that mean translated (`initial`, the default, does not).
const XLIFF20_TRANSLATED: [&str; 3] = ["translated", "reviewed", "final"];

fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Text as a record key: characters XML cannot hold removed, spacing folded.
fn text_key(s: &str) -> String {
    clean_xml_text(s, &mut 0)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Decide whether a unit's target is English: `state` is the state found
/// (or the format's default), `translated` whether it means translated.
fn take_target(
    out: &mut Imported,
    opts: &ImportOptions,
    id: &str,
    kk: &str,
    en: String,
    state: Option<&str>,
    translated: bool,
) -> String {
    if en.trim().is_empty() {
        return en;
    }
    if !translated {
        let st = state.map_or("none (XLIFF 2.0's default is initial)".to_string(), |s| {
            format!("{s:?}")
        });
        out.not_translated.push(format!(
            "{id}: target in state {st} is not a translation; not imported"
        ));
        return String::new();
    }
    if !opts.accept_source_copies && same_text(kk, &en) {
        out.not_translated.push(format!(
            "{id}: target is a copy of the source; not imported (--accept-source-copies takes it)"
        ));
        return String::new();
    }
    en
}

fn xml_err(e: roxmltree::Error) -> ExportError {
    let p = e.pos();
    ExportError::Xml {
        line: p.row,
        column: p.col,
        message: e.to_string(),
    }
}

fn line_of(doc: &Document, n: Node) -> u32 {
    doc.text_pos_at(n.range().start).row
}

/// All text under a node (inline markup such as `<ph>` or `<g>` contributes its text).
fn text_of(n: Node) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect()
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn children<'a, 'i>(n: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// The document id a record id `<doc>-<n>` was made from.
fn doc_from_id(id: &str) -> String {
    match id.rsplit_once('-') {
        Some((d, n)) if !d.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            d.to_string()
        }
        _ => id.to_string(),
    }
}

/// Build a record from a unit's parts; `meta` is the `kazpar` note when present.
fn record(
    id: String,
    doc: Option<String>,
    date: Option<String>,
    kk: String,
    en: String,
    meta: Option<&str>,
) -> PairRecord {
    let en = if en.trim().is_empty() { None } else { Some(en) };
    let mut r = PairRecord {
        doc: doc.unwrap_or_else(|| doc_from_id(&id)),
        id,
        date,
        kk: if kk.is_empty() { None } else { Some(kk) },
        en: None,
        kind: String::new(),
        score: None,
        kk_idx: vec![],
        en_idx: vec![],
        kk_spans: vec![],
        en_spans: vec![],
        kk_lang: None,
        en_lang: None,
    };
    let had_meta = meta.is_some_and(|m| parse_meta(m, &mut r).is_some());
    let kk_n = if r.kk.is_some() { r.kk_idx.len().max(1) } else { 0 };
    if !had_meta {
        r.kind = format!("{kk_n}-{}", usize::from(en.is_some()));
    } else if en.is_some() && r.en_idx.is_empty() {
        // a translator filled in a unit that had no English: a human translation, not an alignment
        r.kind = format!("{kk_n}-1");
        r.score = None;
    }
    r.en = en;
    r
}

/// Read an XLIFF 2.0, XLIFF 1.2 or TMX file (decided by its root element),
/// with the default [`ImportOptions`].
pub fn import(xml: &str) -> Result<Imported, ExportError> {
    import_with(xml, &ImportOptions::default())
}

/// Read an XLIFF 2.0, XLIFF 1.2 or TMX file (decided by its root element).
///
/// A target is English only when it is translated: in XLIFF 1.2 unless its
/// `state` is `new`, `needs-translation`, `needs-adaptation` or `needs-l10n`;
/// in XLIFF 2.0 when its segment's `state` is `translated`, `reviewed` or
/// `final` (no state means `initial`); in TMX always. A target that is a copy
/// of the source is not English unless [`ImportOptions::accept_source_copies`].
/// Targets not taken are listed in [`Imported::not_translated`].
pub fn import_with(xml: &str, import_opts: &ImportOptions) -> Result<Imported, ExportError> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: u32::MAX,
    };
    let doc = Document::parse_with_options(xml, opts).map_err(xml_err)?;
    let root = doc.root_element();
    match (root.tag_name().name(), root.attribute("version").unwrap_or("")) {
        ("tmx", _) => Ok(read_tmx(&doc, import_opts)),
        ("xliff", v) if v.starts_with('2') => Ok(read_xliff2(&doc, import_opts)),
        ("xliff", v) if v.starts_with('1') => Ok(read_xliff12(&doc, import_opts)),
        (name, v) => Err(ExportError::Format {
            line: line_of(&doc, root),
            message: format!("root element <{name}> version {v:?} is not TMX, XLIFF 1.2 or XLIFF 2.x"),
        }),
    }
}

fn read_xliff2(doc: &Document, opts: &ImportOptions) -> Imported {
    let mut out = Imported::default();
    for file in children(doc.root_element(), "file") {
        let file_doc = file.attribute("id").map(|d| {
            let d = d.strip_prefix("doc-").unwrap_or(d);
            id_unescape(d).unwrap_or_else(|| d.to_string())
        });
        if let Some(ns) = child(file, "notes") {
            for note in children(ns, "note").filter(|n| n.attribute("category") == Some("left-out")) {
                out.left_out.push(text_of(note));
            }
        }
        for unit in file
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "unit")
        {
            let mut notes: HashMap<&str, String> = HashMap::new();
            if let Some(ns) = child(unit, "notes") {
                for note in children(ns, "note") {
                    notes.insert(note.attribute("category").unwrap_or(""), text_of(note));
                }
            }
            let Some(id) = notes.get("id").cloned().or_else(|| {
                unit.attribute("id")
                    .map(|u| id_unescape(u).unwrap_or_else(|| u.to_string()))
            }) else {
                out.warnings
                    .push(format!("line {}: <unit> without id skipped", line_of(doc, unit)));
                continue;
            };
            let segs: Vec<Node> = unit
                .children()
                .filter(|c| c.is_element() && matches!(c.tag_name().name(), "segment" | "ignorable"))
                .collect();
            let part = |name: &str| {
                segs.iter()
                    .filter_map(|s| child(*s, name))
                    .map(text_of)
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            // a unit is translated when all its segments are
            let states: Vec<Option<&str>> = segs
                .iter()
                .filter(|s| s.tag_name().name() == "segment")
                .map(|s| s.attribute("state"))
                .collect();
            let translated = states
                .iter()
                .all(|s| s.is_some_and(|s| XLIFF20_TRANSLATED.contains(&s)));
            let state = states
                .iter()
                .copied()
                .find(|s| !s.is_some_and(|s| XLIFF20_TRANSLATED.contains(&s)));
            let kk = part("source");
            let en = take_target(
                &mut out,
                opts,
                &id,
                &kk,
                part("target"),
                state.flatten(),
                translated,
            );
            let rec = record(
                id,
                notes.get("doc").cloned().or(file_doc.clone()),
                notes.get("date").cloned(),
                kk,
                en,
                notes.get("kazpar").map(String::as_str),
            );
            out.records.push(rec);
        }
    }
    out
}

fn read_xliff12(doc: &Document, opts: &ImportOptions) -> Imported {
    let mut out = Imported::default();
    for file in children(doc.root_element(), "file") {
        let file_doc = file.attribute("original").map(str::to_string);
        if let Some(h) = child(file, "header") {
            for note in children(h, "note").filter(|n| n.attribute("from") == Some("left-out")) {
                out.left_out.push(text_of(note));
            }
        }
        for tu in file
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "trans-unit")
        {
            let Some(id) = tu.attribute("id") else {
                out.warnings.push(format!(
                    "line {}: <trans-unit> without id skipped",
                    line_of(doc, tu)
                ));
                continue;
            };
            let mut notes: HashMap<&str, String> = HashMap::new();
            for note in children(tu, "note") {
                notes.insert(note.attribute("from").unwrap_or(""), text_of(note));
            }
            let kk = child(tu, "source").map(text_of).unwrap_or_default();
            let target = child(tu, "target");
            let state = target.and_then(|t| t.attribute("state"));
            let translated = !state.is_some_and(|s| XLIFF12_UNTRANSLATED.contains(&s));
            let en = target.map(text_of).unwrap_or_default();
            let en = take_target(&mut out, opts, id, &kk, en, state, translated);
            let rec = record(
                id.to_string(),
                notes.get("doc").cloned().or(file_doc.clone()),
                notes.get("date").cloned(),
                kk,
                en,
                notes.get("kazpar").map(String::as_str),
            );
            out.records.push(rec);
        }
    }
    out
}

fn read_tmx(doc: &Document, opts: &ImportOptions) -> Imported {
    let mut out = Imported::default();
    let Some(body) = child(doc.root_element(), "body") else {
        return out;
    };
    let srclang = child(doc.root_element(), "header")
        .and_then(|h| h.attribute("srclang"))
        .unwrap_or("kk")
        .to_lowercase();
    for (i, tu) in children(body, "tu").enumerate() {
        let id = match tu.attribute("tuid") {
            Some(t) => t.to_string(),
            None => {
                // no id (OmegaT's project memory): matched by its Kazakh text on merge
                let id = format!("tu-{:04} (line {})", i, line_of(doc, tu));
                out.by_text.insert(id.clone());
                id
            }
        };
        let mut props: HashMap<&str, String> = HashMap::new();
        for p in children(tu, "prop") {
            props.insert(p.attribute("type").unwrap_or(""), text_of(p));
        }
        let (mut kk, mut en) = (String::new(), String::new());
        for tuv in children(tu, "tuv") {
            let lang = tuv
                .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                .or_else(|| tuv.attribute("lang"))
                .unwrap_or("")
                .to_lowercase();
            let seg = child(tuv, "seg").map(text_of).unwrap_or_default();
            if lang == "kk" || lang.starts_with("kk-") || (lang == srclang && srclang != "en") {
                kk = seg;
            } else if lang == "en" || lang.starts_with("en-") {
                en = seg;
            }
        }
        if kk.is_empty() && en.is_empty() {
            out.warnings.push(format!(
                "line {}: <tu> {id} has no kk or en text; skipped",
                line_of(doc, tu)
            ));
            continue;
        }
        let en = take_target(&mut out, opts, &id, &kk, en, None, true);
        out.records.push(record(
            id,
            props.get("x-doc").cloned(),
            props.get("x-date").cloned(),
            kk,
            en,
            props.get("x-kazpar").map(String::as_str),
        ));
    }
    out
}

/// What [`merge`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Records that got an English side they did not have.
    pub filled: usize,
    /// Records whose English side was replaced by a different one.
    pub changed: Vec<String>,
    /// Records the import left as they were.
    pub unchanged: usize,
    /// Ids whose imported Kazakh text differs from the pairs file (not applied), or that occur twice in the import.
    pub conflicts: Vec<String>,
    /// Ids of the import not in the pairs file (appended at the end).
    pub unknown: Vec<String>,
    /// Units without id (matched by Kazakh text) whose text matches no record: `<unit>: <text>`; not applied.
    pub unmatched: Vec<String>,
}

/// Merge imported records into `base` by id: a translation fills or replaces
/// the English side; a unit whose Kazakh text differs from the base is a
/// conflict and is not applied; unknown ids are appended. Nothing is dropped:
/// every imported unit is either applied, left as is, or listed in the report.
pub fn merge(base: Vec<PairRecord>, imported: Vec<PairRecord>) -> (Vec<PairRecord>, MergeReport) {
    merge_with(
        base,
        Imported {
            records: imported,
            ..Imported::default()
        },
    )
}

/// [`merge`] an [`Imported`] file: records in [`Imported::by_text`] (units
/// without id) are matched by their Kazakh text (characters XML cannot hold
/// removed, spacing folded) and fill every record with that text; one that
/// matches none is listed in [`MergeReport::unmatched`] and not appended.
pub fn merge_with(base: Vec<PairRecord>, imported: Imported) -> (Vec<PairRecord>, MergeReport) {
    let mut rep = MergeReport::default();
    let mut out = base;
    let index: BTreeMap<String, usize> = out.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
    let mut by_kk: HashMap<String, Vec<usize>> = HashMap::new();
    if !imported.by_text.is_empty() {
        for (i, r) in out.iter().enumerate() {
            if let Some(kk) = &r.kk {
                by_kk.entry(text_key(kk)).or_default().push(i);
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    for imp in imported.records {
        if imported.by_text.contains(&imp.id) {
            let key = imp.kk.as_deref().map(text_key).unwrap_or_default();
            let Some(targets) = by_kk.get(&key) else {
                rep.unmatched.push(format!("{}: {}", imp.id, key));
                continue;
            };
            for &i in targets {
                apply(&mut out[i], &imp, &mut rep);
            }
            continue;
        }
        if !seen.insert(imp.id.clone()) {
            rep.conflicts.push(format!(
                "{}: appears more than once in the import; first kept",
                imp.id
            ));
            continue;
        }
        let Some(&i) = index.get(&imp.id) else {
            rep.unknown.push(imp.id.clone());
            out.push(imp);
            continue;
        };
        let b = &mut out[i];
        if b.kk != imp.kk {
            rep.conflicts.push(format!(
                "{}: Kazakh text differs from the pairs file; not applied",
                imp.id
            ));
            continue;
        }
        apply(b, &imp, &mut rep);
    }
    (out, rep)
}

/// Apply an imported record's English to a base record with the same Kazakh text.
fn apply(b: &mut PairRecord, imp: &PairRecord, rep: &mut MergeReport) {
    match (&b.en, &imp.en) {
        (_, None) => rep.unchanged += 1,
        (Some(a), Some(c)) if a == c => rep.unchanged += 1,
        (old, Some(new)) => {
            if old.is_some() {
                rep.changed.push(b.id.clone());
            } else {
                rep.filled += 1;
                b.kind = format!("{}-1", b.kk_idx.len().max(usize::from(b.kk.is_some())));
                b.score = None;
            }
            b.en = Some(new.clone());
        }
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn import_never_panics_on_text(s in "\\PC{0,200}") {
            let _ = import(&s);
        }

        #[test]
        fn import_never_panics_on_xml_like_text(
            s in "(<(xliff|tmx|file|unit|tu|tuv|seg|segment|source|target|notes|note|body|trans-unit)( (version|id|tuid|xml:lang|category|from)=\"[a-z0-9.\\-]{0,4}\")*/?>|</(xliff|tmx|file|unit|tu|tuv|seg|source|target|note)>|[a-zа-я &;<>\"]){0,60}"
        ) {
            let _ = import(&s);
        }
    }
}
