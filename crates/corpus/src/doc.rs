use std::ops::Range;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::CorpusError;

/// The language of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Kazakh.
    Kk,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code (`kk`, `en`), also the corpus sub-folder name.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::En => "en",
        }
    }
}

/// One paragraph (one non-blank line) of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte range into the original file, without surrounding whitespace or line end.
    pub range: Range<usize>,
    /// 1-based line number in the file.
    pub line: usize,
    /// True for the title taken from the header line.
    pub is_title: bool,
}

/// What a warning is about; the document is still processed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// The first line is not `date YYYY-MM-DD <title>`; it is read as a paragraph.
    NoHeader,
    /// The header's date is not a real calendar date; the date is dropped.
    BadDate,
    /// The header has a date but no title.
    NoTitle,
    /// Control characters other than tab, CR and LF.
    ControlChars,
    /// A header line and no body: a one-line brief, aligned (or translated) as its title.
    TitleOnly,
    /// The document is mostly in another language than its folder's (kept under `--lang-check warn`).
    WrongLanguage,
}

/// A problem that does not stop a document from being processed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// 1-based line.
    pub line: usize,
    /// The kind of problem.
    pub kind: WarningKind,
    /// A human-readable explanation.
    pub message: String,
}

/// A document read from a corpus file: its original text and where its parts are.
#[derive(Clone, Debug)]
pub struct Document {
    /// Document id (the file stem).
    pub id: String,
    /// Language of the document.
    pub lang: Lang,
    /// The file it came from.
    pub path: PathBuf,
    /// The whole file as text, byte for byte (a BOM, if any, included).
    pub source: String,
    /// Date from the header line (`YYYY-MM-DD`), when present and valid.
    pub date: Option<String>,
    /// The title (if any) first, then one entry per non-blank body line.
    pub paragraphs: Vec<Paragraph>,
    /// Non-fatal problems found while reading.
    pub warnings: Vec<Warning>,
}

const BOM: &str = "\u{feff}";

fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Is `y-m-d` a real calendar date (proleptic Gregorian, years 1000–9999)?
fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: Range<usize>| -> Option<u32> {
        let t = &s[r];
        if t.bytes().all(|c| c.is_ascii_digit()) {
            t.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1000 && (1..=days).contains(&d)
}

/// The byte range `start..end` of `source` without leading and trailing
/// whitespace (`start..start` when it is all whitespace). Paragraphs and
/// pre-split sentences are both trimmed lines.
pub fn trimmed(source: &str, start: usize, end: usize) -> Range<usize> {
    let s = &source[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return start..start;
    }
    start + lead..end - trail
}

impl Document {
    /// Check and parse the bytes of one file.
    ///
    /// Errors (the document cannot be used): invalid UTF-8, binary content,
    /// nothing but whitespace. Warnings (kept in [`Document::warnings`]): a
    /// missing or malformed header, an impossible date, stray control
    /// characters. A BOM, leading spaces, CRLF and a missing final newline
    /// are accepted silently.
    pub fn parse(id: &str, lang: Lang, path: PathBuf, bytes: Vec<u8>) -> Result<Self, CorpusError> {
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            let line = line_of(&bytes, offset);
            return Err(CorpusError::Binary { path, offset, line });
        }
        let source = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let line = line_of(e.as_bytes(), offset);
                return Err(CorpusError::InvalidUtf8 { path, offset, line });
            }
        };
        // Mostly control bytes (other than whitespace) means a binary file that
        // happens to be valid UTF-8.
        // clean text (no byte that can start a control char) skips the counts
        // and the per-line checks
        let clean = !may_have_controls(&source);
        let controls = if clean {
            0
        } else {
            source
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                .count()
        };
        let total = if clean { 0 } else { source.chars().count() };
        if total > 0 && controls * 10 > total {
            let offset = source
                .char_indices()
                .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                .map_or(0, |(i, _)| i);
            let line = line_of(source.as_bytes(), offset);
            return Err(CorpusError::Binary { path, offset, line });
        }

        let mut doc = Document {
            id: id.to_string(),
            lang,
            path,
            source,
            date: None,
            paragraphs: Vec::new(),
            warnings: Vec::new(),
        };
        doc.read_lines(clean);
        if doc.paragraphs.is_empty() {
            return Err(CorpusError::Empty { path: doc.path });
        }
        if let Some(p) = doc
            .paragraphs
            .iter()
            .find(|p| p.is_title)
            .filter(|_| doc.paragraphs.len() == 1)
        {
            let line = p.line;
            doc.warnings.push(Warning {
                line,
                kind: WarningKind::TitleOnly,
                message: "a title and no body: the document is its title alone".into(),
            });
        }
        Ok(doc)
    }

    /// The lines into paragraphs; `clean`: the source has no control char
    /// other than tab and line ends (no line needs checking).
    fn read_lines(&mut self, clean: bool) {
        let source = self.source.as_str();
        let mut start = if source.starts_with(BOM) { BOM.len() } else { 0 };
        let mut lines = Vec::new();
        let mut line_no = 0;
        loop {
            line_no += 1;
            let end = source[start..].find('\n').map_or(source.len(), |i| start + i);
            lines.push((line_no, trimmed(source, start, end)));
            if end == source.len() {
                break;
            }
            start = end + 1;
        }
        let mut seen_content = false;
        for (line, range) in lines {
            let text = &self.source[range.clone()];
            if !clean
                && text
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            {
                self.warnings.push(Warning {
                    line,
                    kind: WarningKind::ControlChars,
                    message: "control characters other than tab and line ends".into(),
                });
            }
            if text.is_empty() {
                continue;
            }
            if !seen_content {
                seen_content = true;
                self.read_header(range, line);
            } else {
                self.paragraphs.push(Paragraph {
                    range,
                    line,
                    is_title: false,
                });
            }
        }
    }

    /// Read the first non-blank line: `date YYYY-MM-DD <title>`.
    fn read_header(&mut self, range: Range<usize>, line: usize) {
        let text = &self.source[range.clone()];
        let Some(rest) = text.strip_prefix("date").filter(|r| r.starts_with([' ', '\t'])) else {
            self.warnings.push(Warning {
                line,
                kind: WarningKind::NoHeader,
                message: "no `date YYYY-MM-DD <title>` header; first line read as text".into(),
            });
            self.paragraphs.push(Paragraph {
                range,
                line,
                is_title: false,
            });
            return;
        };
        let rest_start = range.end - rest.len();
        let rest_range = trimmed(&self.source, rest_start, range.end);
        let rest = &self.source[rest_range.clone()];
        let date_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let date = &rest[..date_len];
        if valid_date(date) {
            self.date = Some(date.to_string());
        } else {
            self.warnings.push(Warning {
                line,
                kind: WarningKind::BadDate,
                message: format!("header date {date:?} is not a valid YYYY-MM-DD date; date dropped"),
            });
        }
        let title = trimmed(&self.source, rest_range.start + date_len, rest_range.end);
        if title.is_empty() {
            self.warnings.push(Warning {
                line,
                kind: WarningKind::NoTitle,
                message: "header has no title".into(),
            });
        } else {
            self.paragraphs.push(Paragraph {
                range: title,
                line,
                is_title: true,
            });
        }
    }

    /// The text of a byte range of the source.
    pub fn slice(&self, range: &Range<usize>) -> &str {
        &self.source[range.clone()]
    }
}

/// Whether `s` may hold a control char (`char::is_control`: U+0000–U+001F,
/// U+007F–U+009F) other than tab and line ends: in UTF-8, a byte below 0x20
/// other than those, 0x7F, or 0xC2 followed by 0x80–0x9F. False means surely
/// none. Branch-free over blocks of bytes, so the compiler does many at once.
fn may_have_controls(s: &str) -> bool {
    let b = s.as_bytes();
    let low = |x: u8| ((x < 0x20) & (x != b'\t') & (x != b'\n') & (x != b'\r')) | (x == 0x7F);
    let c1 = |x: u8, y: u8| (x == 0xC2) & (y < 0xA0);
    const BLOCK: usize = 64;
    let mut i = 0;
    while i + BLOCK < b.len() {
        let block = &b[i..i + BLOCK + 1];
        let mut hit = false;
        for k in 0..BLOCK {
            hit |= low(block[k]) | c1(block[k], block[k + 1]);
        }
        if hit {
            return true;
        }
        i += BLOCK;
    }
    // the rest, the last byte alone (0xC2 cannot end valid UTF-8)
    (i..b.len()).any(|k| low(b[k]) | c1(b[k], b.get(k + 1).copied().unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_control_check_on_bytes_finds_every_control_char() {
        let is_ctl = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
        for u in 0..0x3000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            for pad in [0, 1, 63, 64, 65, 130] {
                let s = format!("{}{c}{}", "ә".repeat(pad / 2), "x".repeat(pad));
                let want = s.chars().any(is_ctl);
                assert_eq!(may_have_controls(&s), want, "{c:?} {pad}");
            }
        }
        assert!(!may_have_controls("«Тақырып» — сөз\tжол\r\n"));
    }

    fn parse(text: &[u8]) -> Result<Document, CorpusError> {
        Document::parse("t", Lang::Kk, "kk/t.txt".into(), text.to_vec())
    }

    #[test]
    fn seed_like_header_with_leading_space() {
        let doc = parse(" date 2025-11-26 Тақырып сөз\nБір. Екі.\n\nҮш.".as_bytes()).unwrap();
        assert_eq!(doc.date.as_deref(), Some("2025-11-26"));
        let texts: Vec<_> = doc.paragraphs.iter().map(|p| doc.slice(&p.range)).collect();
        assert_eq!(texts, ["Тақырып сөз", "Бір. Екі.", "Үш."]);
        assert_eq!(doc.paragraphs[2].line, 4);
        assert!(doc.paragraphs[0].is_title);
        assert!(doc.warnings.is_empty());
    }

    #[test]
    fn bom_and_crlf_are_silent() {
        let doc = parse("\u{feff}date 2024-02-29 T\r\nA b.\r\n".as_bytes()).unwrap();
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        assert_eq!(doc.slice(&doc.paragraphs[1].range), "A b.");
        // spans point into the original bytes, BOM included
        assert_eq!(doc.paragraphs[0].range, 19..20); // 3-byte BOM + "date 2024-02-29 "
    }

    #[test]
    fn missing_header_is_a_warning_and_text_is_kept() {
        let doc = parse("Бірінші жол.\nЕкінші.".as_bytes()).unwrap();
        assert_eq!(doc.warnings[0].kind, WarningKind::NoHeader);
        assert_eq!(doc.paragraphs.len(), 2);
        assert!(doc.date.is_none());
    }

    #[test]
    fn impossible_date_is_a_warning() {
        let doc = parse(b"date 2025-02-30 Title\nText.").unwrap();
        assert_eq!(doc.warnings[0].kind, WarningKind::BadDate);
        assert_eq!(doc.date, None);
        assert_eq!(doc.slice(&doc.paragraphs[0].range), "Title");
    }

    #[test]
    fn invalid_utf8_names_offset_and_line() {
        let err = parse(b"date 2025-01-01 T\nok\nbad \xff here").unwrap_err();
        match err {
            CorpusError::InvalidUtf8 { offset, line, .. } => {
                assert_eq!(offset, 25);
                assert_eq!(line, 3);
            }
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn empty_is_an_error_and_a_title_alone_a_warning() {
        assert!(matches!(parse(b""), Err(CorpusError::Empty { .. })));
        assert!(matches!(parse(b" \n\t\r\n"), Err(CorpusError::Empty { .. })));
        // a header with a date and no title has nothing to align
        assert!(matches!(
            parse(b"date 2025-01-01\n"),
            Err(CorpusError::Empty { .. })
        ));
        // a one-line brief is still a document
        let doc = parse(b"date 2025-01-01 Only a title\n").unwrap();
        assert_eq!(doc.paragraphs.len(), 1);
        assert!(doc.paragraphs[0].is_title);
        assert_eq!(doc.warnings.len(), 1);
        assert_eq!(doc.warnings[0].kind, WarningKind::TitleOnly);
        assert_eq!(doc.warnings[0].line, 1);
    }

    #[test]
    fn binary_is_an_error() {
        assert!(matches!(
            parse(b"abc\0def"),
            Err(CorpusError::Binary { offset: 3, .. })
        ));
        let ctl: Vec<u8> = (1u8..9).cycle().take(200).collect();
        assert!(matches!(parse(&ctl), Err(CorpusError::Binary { .. })));
    }

    #[test]
    fn stray_control_chars_warn() {
        let doc = parse(b"date 2025-01-01 T\nText \x07 bell.").unwrap();
        assert_eq!(doc.warnings[0].kind, WarningKind::ControlChars);
        assert_eq!(doc.warnings[0].line, 2);
    }

    #[test]
    fn dates() {
        assert!(valid_date("2024-02-29"));
        assert!(!valid_date("2023-02-29"));
        assert!(!valid_date("2025-13-01"));
        assert!(!valid_date("2025-1-01"));
        assert!(!valid_date("２０２５-01-01"));
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn check(bytes: Vec<u8>) {
        if let Ok(doc) = Document::parse("p", Lang::En, "p.txt".into(), bytes) {
            let mut last = 0;
            for p in &doc.paragraphs {
                assert!(p.range.start >= last && p.range.end <= doc.source.len());
                let t = doc.slice(&p.range);
                assert!(!t.is_empty());
                assert_eq!(t.trim(), t);
                assert!(!t.contains('\n'));
                last = p.range.end;
            }
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            check(bytes);
        }

        #[test]
        fn paragraphs_are_trimmed_lines_in_order(
            s in "(date [0-9]{4}-[0-9]{2}-[0-9]{2} )?([ \t\u{feff}\u{a0}]{0,2}[a-zа-яәі .!\u{7}]{0,12}(\r?\n)?){0,8}"
        ) {
            check(s.into_bytes());
        }
    }
}
