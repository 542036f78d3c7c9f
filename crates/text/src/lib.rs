//! Normalization of Kazakh and English text that keeps a map to the original bytes.
//!
//! [`Normalizer::normalize`] returns a [`Normalized`] text: the cleaned
//! string, the list of [`Change`]s it made (each with its rule and its
//! byte range in the input), and an offset map so that a byte range of the
//! normalized text can be traced back with [`Normalized::original_range`].
//! Line structure is kept: every `\n` of the input is one `\n` of the output.
//!
//! ```
//! use kazpar_text::{Lang, Normalizer};
//! let input = "Қазақ\u{00AD}стан\u{00A0} елі ";
//! let n = Normalizer::new(Lang::Kk).normalize(input);
//! assert_eq!(n.text(), "Қазақстан елі");
//! // "елі" in the output maps back to its bytes in the input
//! let start = n.text().find("елі").unwrap();
//! let orig = n.original_range(start..n.text().len());
//! assert_eq!(&input[orig], "елі");
//! ```
#![deny(missing_docs)]

use std::ops::Range;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The language the text is in; it decides which script lookalikes are repaired towards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// Kazakh (Cyrillic).
    Kk,
    /// English (Latin).
    En,
    /// Decide per word from the surrounding script.
    #[default]
    Auto,
}

/// The rule behind a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Unicode canonical composition (NFC).
    Nfc,
    /// A byte order mark was removed.
    Bom,
    /// A zero-width character was removed.
    ZeroWidth,
    /// A soft hyphen was removed.
    SoftHyphen,
    /// A control character was removed.
    Control,
    /// A non-standard space became a plain space.
    Space,
    /// A run of whitespace became one space, or was trimmed.
    Whitespace,
    /// CRLF or CR became LF.
    LineEnd,
}

impl Rule {
    /// The rule's name as written in reports (`soft-hyphen`, `nfc`, …).
    pub fn name(self) -> &'static str {
        match self {
            Rule::Nfc => "nfc",
            Rule::Bom => "bom",
            Rule::ZeroWidth => "zero-width",
            Rule::SoftHyphen => "soft-hyphen",
            Rule::Control => "control",
            Rule::Space => "space",
            Rule::Whitespace => "whitespace",
            Rule::LineEnd => "line-end",
        }
    }
}

/// One change made by the normalizer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Why.
    pub rule: Rule,
    /// Byte range in the input.
    pub original: Range<usize>,
    /// What the input held there.
    pub from: String,
    /// What the output holds instead.
    pub to: String,
}

/// Normalized text with its offset map and change list.
#[derive(Clone, Debug)]
pub struct Normalized {
    text: String,
    /// For each byte of `text`, plus one entry for the end, the input byte
    /// range it came from.
    map: Vec<Range<usize>>,
    changes: Vec<Change>,
}

impl Normalized {
    /// The normalized text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The normalized text, taken.
    pub fn into_text(self) -> String {
        self.text
    }

    /// The changes made, in input order.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The input byte range that a byte range of the normalized text came from.
    ///
    /// `range` must lie on character boundaries of [`Normalized::text`].
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        if range.start >= range.end {
            let p = self.map[range.start.min(self.text.len())].start;
            return p..p;
        }
        self.map[range.start].start..self.map[range.end - 1].end
    }
}

/// A configured normalizer.
#[derive(Clone, Debug, Default)]
pub struct Normalizer {
    lang: Lang,
}

fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}')
}

fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{1680}'
    )
}

impl Normalizer {
    /// A normalizer for text in `lang`.
    pub fn new(lang: Lang) -> Self {
        Normalizer { lang }
    }

    /// The language this normalizer was made for.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Normalize `input`.
    pub fn normalize(&self, input: &str) -> Normalized {
        let mut out = Builder::default();
        for (line_start, line, ending) in lines(input) {
            out.line(line_start, line);
            if let Some(end) = ending {
                let from = &input[end.clone()];
                if from != "\n" {
                    out.change(Rule::LineEnd, end.clone(), from, "\n");
                }
                out.push_str("\n", end);
            }
        }
        let end = input.len();
        out.map.push(end..end);
        Normalized {
            text: out.text,
            map: out.map,
            changes: out.changes,
        }
    }
}

/// Lines of `input` as (start, text, line-ending range). Endings are `\n`, `\r\n` or `\r`.
fn lines(input: &str) -> Vec<(usize, &str, Option<Range<usize>>)> {
    let b = input.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push((start, &input[start..i], Some(i..i + 1)));
                start = i + 1;
            }
            b'\r' => {
                let e = if b.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                out.push((start, &input[start..i], Some(i..e)));
                start = e;
                i = e;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((start, &input[start..], None));
    out
}

#[derive(Default)]
struct Builder {
    text: String,
    map: Vec<Range<usize>>,
    changes: Vec<Change>,
}

impl Builder {
    fn push_str(&mut self, s: &str, from: Range<usize>) {
        self.text.push_str(s);
        self.map.extend(std::iter::repeat_n(from, s.len()));
    }

    fn change(&mut self, rule: Rule, original: Range<usize>, from: &str, to: &str) {
        self.changes.push(Change {
            rule,
            original,
            from: from.to_string(),
            to: to.to_string(),
        });
    }

    /// One line without its ending: drop invisible characters, unify and
    /// collapse spaces, trim, compose to NFC.
    fn line(&mut self, base: usize, line: &str) {
        let mut pending_space: Option<Range<usize>> = None;
        let mut wrote = false;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let at = base + i..base + i + c.len_utf8();
            let rule = match c {
                '\u{FEFF}' => Some(Rule::Bom),
                '\u{00AD}' => Some(Rule::SoftHyphen),
                c if is_zero_width(c) => Some(Rule::ZeroWidth),
                c if c.is_control() && c != '\t' => Some(Rule::Control),
                _ => None,
            };
            if let Some(rule) = rule {
                self.change(rule, at, &line[i..i + c.len_utf8()], "");
                continue;
            }
            if c.is_whitespace() {
                if c != ' ' && c != '\t' && is_odd_space(c) {
                    self.change(Rule::Space, at.clone(), &line[i..i + c.len_utf8()], " ");
                }
                match &mut pending_space {
                    Some(r) => {
                        r.end = at.end;
                    }
                    None => pending_space = Some(at),
                }
                continue;
            }
            if let Some(r) = pending_space.take() {
                let from = &line[r.start - base..r.end - base];
                if wrote {
                    if from != " " && !from.chars().all(is_odd_space) {
                        self.change(Rule::Whitespace, r.clone(), from, " ");
                    }
                    self.push_str(" ", r);
                } else {
                    self.change(Rule::Whitespace, r, from, "");
                }
            }
            // A starter and the combining marks that follow it form one unit for NFC.
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if unicode_normalization::char::canonical_combining_class(d) == 0 {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            let unit = &line[i..end];
            let range = base + i..base + end;
            if is_nfc_quick(unit.chars()) == IsNormalized::Yes {
                self.push_str(unit, range);
            } else {
                let nfc: String = unit.nfc().collect();
                if nfc != unit {
                    self.change(Rule::Nfc, range.clone(), unit, &nfc);
                }
                self.push_str(&nfc, range);
            }
            wrote = true;
        }
        if let Some(r) = pending_space {
            let from = &line[r.start - base..r.end - base];
            self.change(Rule::Whitespace, r, from, "");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalizer::new(Lang::Kk).normalize(s).into_text()
    }

    #[test]
    fn clean_text_is_untouched() {
        let s = "Ерлан Қарин «Адал азамат» бағдарламасы — 12,5 пайыз.\nЕкінші жол.";
        let n = Normalizer::new(Lang::Kk).normalize(s);
        assert_eq!(n.text(), s);
        assert!(n.changes().is_empty());
    }

    #[test]
    fn invisible_and_spaces() {
        assert_eq!(norm("\u{feff}  a\u{00A0}\u{00A0}b\u{200B}c\u{00AD}d  "), "a bcd");
        assert_eq!(norm("a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn nfc_composes_and_maps() {
        let s = "и\u{0306}ә"; // и + combining breve = й
        let n = Normalizer::new(Lang::Kk).normalize(s);
        assert_eq!(n.text(), "йә");
        assert_eq!(n.original_range(0..2), 0..4);
        assert_eq!(n.changes()[0].rule, Rule::Nfc);
    }

    #[test]
    fn idempotent_on_samples() {
        for s in ["  x \u{00A0} y\r\n\u{00AD}", "a\u{0301}\u{0323}b", "\t\ta\tb\t"] {
            let once = norm(s);
            assert_eq!(norm(&once), once);
        }
    }
}
