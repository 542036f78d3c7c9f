//! XML text safety: escaping, and removal of characters XML 1.0 forbids.

/// Is `c` allowed in an XML 1.0 document (the `Char` production)?
fn allowed(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Remove characters that XML 1.0 does not allow, counting them in `removed`.
pub fn clean_xml_text(s: &str, removed: &mut usize) -> String {
    if s.chars().all(allowed) {
        return s.to_string();
    }
    s.chars()
        .filter(|&c| {
            let ok = allowed(c);
            if !ok {
                *removed += 1;
            }
            ok
        })
        .collect()
}

/// Escape text for element content or a double- or single-quoted attribute,
/// after removing forbidden characters. CR and tab in attributes are written
/// as character references so that attribute-value normalization keeps them.
pub fn esc(s: &str, removed: &mut usize) -> String {
    let clean = clean_xml_text(s, removed);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

/// The non-text fields of a record, as one line for a note or prop, so that
/// an import can rebuild the record exactly: `kind=1-1;score=0.93;kk_idx=3,4;…`.
pub fn record_meta(r: &kazpar_corpus::PairRecord) -> String {
    let nums = |v: &[usize]| v.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(",");
    let spans = |v: &[[usize; 2]]| {
        v.iter()
            .map(|[a, b]| format!("{a}-{b}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    format!(
        "kind={};score={};kk_idx={};en_idx={};kk_spans={};en_spans={}",
        r.kind,
        r.score.map_or("null".to_string(), |s| s.to_string()),
        nums(&r.kk_idx),
        nums(&r.en_idx),
        spans(&r.kk_spans),
        spans(&r.en_spans)
    )
}

/// Parse what [`record_meta`] wrote into `r`; `None` if it is not such a line.
pub fn parse_meta(s: &str, r: &mut kazpar_corpus::PairRecord) -> Option<()> {
    let nums = |v: &str| -> Option<Vec<usize>> {
        if v.is_empty() {
            return Some(vec![]);
        }
        v.split(',').map(|n| n.parse().ok()).collect()
    };
    let spans = |v: &str| -> Option<Vec<[usize; 2]>> {
        if v.is_empty() {
            return Some(vec![]);
        }
        v.split(',')
            .map(|p| {
                let (a, b) = p.split_once('-')?;
                Some([a.parse().ok()?, b.parse().ok()?])
            })
            .collect()
    };
    for field in s.split(';') {
        let (k, v) = field.split_once('=')?;
        match k {
            "kind" => r.kind = v.to_string(),
            "score" => r.score = if v == "null" { None } else { Some(v.parse().ok()?) },
            "kk_idx" => r.kk_idx = nums(v)?,
            "en_idx" => r.en_idx = nums(v)?,
            "kk_spans" => r.kk_spans = spans(v)?,
            "en_spans" => r.en_spans = spans(v)?,
            _ => return None,
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_removes() {
        let mut n = 0;
        assert_eq!(esc("a<b>&\"c'", &mut n), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(n, 0);
        assert_eq!(esc("x\u{1}y\u{FFFE}z\u{B}", &mut n), "xyz");
        assert_eq!(n, 3);
        assert_eq!(esc("«Әділет» —", &mut n), "«Әділет» —");
    }
}
