//! Normalization of Kazakh and English text that keeps a map to the original bytes.
//!
//! [`Normalizer::normalize`] returns a [`Normalized`] text: the cleaned
//! string, the list of [`Change`]s it made (each with its rule and its byte
//! range in the input), and an offset map so that a byte range of the
//! normalized text can be traced back with [`Normalized::original_range`].
//! Line structure is kept: every line of the input is one line of the output.
//!
//! The work is a fixed sequence of passes, each of which first checks whether
//! it has anything to do (clean text goes through without a copy or a map):
//!
//! 1. `mojibake` — UTF-8 text that was decoded as cp1251, cp1252 or Latin-1, decoded again;
//! 2. `kz1048` — KZ-1048 (RK 1048) text that was decoded as cp1251 (`Ќ` for `Қ` …);
//! 3. cleanup — line ends, BOM, zero-width characters, soft hyphens, controls,
//!    odd spaces, whitespace runs, trimming, NFC;
//! 4. script — Latin lookalikes inside Cyrillic words (`бiр` → `бір`, `əкім` → `әкім`)
//!    and Cyrillic lookalikes inside Latin words; whole Latin words, URLs and
//!    e-mail addresses are left alone;
//! 5. punctuation — the `keep` profile unifies hyphen variants only; `ascii`
//!    turns quotes, dashes and ellipses into ASCII (Moses style).
//!
//! ```
//! use kazpar_text::{Lang, Normalizer};
//! let input = "Қазақ\u{00AD}стан\u{00A0} бiр ел ";
//! let n = Normalizer::new(Lang::Kk).normalize(input);
//! assert_eq!(n.text(), "Қазақстан бір ел");
//! // "бір" in the output maps back to its bytes in the input
//! let start = n.text().find("бір").unwrap();
//! let orig = n.original_range(start..start + "бір".len());
//! assert_eq!(&input[orig], "бiр");
//! ```
#![deny(missing_docs)]

use std::ops::Range;

mod clean;
mod legacy;
mod punct;
mod script;

/// The language of the text; it decides which way script lookalikes are repaired.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// Kazakh (Cyrillic): Latin lookalikes in Cyrillic words become Cyrillic.
    Kk,
    /// English (Latin): Cyrillic lookalikes in Latin words become Latin.
    En,
    /// Decide per word from the script of most of its letters.
    #[default]
    Auto,
}

/// Punctuation profile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Punct {
    /// Keep Kazakh typography (« », „ “, dashes); unify hyphen variants only.
    #[default]
    Keep,
    /// Moses-style ASCII: quotes to `"` and `'`, dashes to `-`, `…` to `...`.
    Ascii,
}

/// The rule behind a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// UTF-8 text that had been decoded as cp1251, cp1252 or Latin-1, repaired.
    Mojibake,
    /// KZ-1048 text that had been decoded as cp1251, repaired.
    Kz1048,
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
    /// A Latin lookalike inside a Cyrillic word became Cyrillic.
    LatinInCyrillic,
    /// A Cyrillic lookalike inside a Latin word became Latin.
    CyrillicInLatin,
    /// A punctuation variant was unified (hyphens).
    PunctVariant,
    /// Punctuation was turned into ASCII (`--punct ascii`).
    PunctAscii,
}

impl Rule {
    /// The rule's name as written in reports (`soft-hyphen`, `nfc`, …).
    pub fn name(self) -> &'static str {
        match self {
            Rule::Mojibake => "mojibake",
            Rule::Kz1048 => "kz1048",
            Rule::Nfc => "nfc",
            Rule::Bom => "bom",
            Rule::ZeroWidth => "zero-width",
            Rule::SoftHyphen => "soft-hyphen",
            Rule::Control => "control",
            Rule::Space => "space",
            Rule::Whitespace => "whitespace",
            Rule::LineEnd => "line-end",
            Rule::LatinInCyrillic => "latin-in-cyrillic",
            Rule::CyrillicInLatin => "cyrillic-in-latin",
            Rule::PunctVariant => "punct-variant",
            Rule::PunctAscii => "punct-ascii",
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
    /// What the input held there (for later passes: what the previous pass left there).
    pub from: String,
    /// What the output holds instead.
    pub to: String,
}

/// Normalized text with its offset map and change list.
#[derive(Clone, Debug)]
pub struct Normalized {
    text: String,
    /// For each byte of `text`, plus one entry for the end, the input byte
    /// range it came from; `None` when the text is the input unchanged.
    map: Option<Vec<Range<usize>>>,
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

    /// The changes made, in pass order and input order within a pass.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The input byte range that a byte range of the normalized text came from.
    ///
    /// `range` must lie within [`Normalized::text`] (out-of-range bounds are clamped).
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let len = self.text.len();
        let (s, e) = (range.start.min(len), range.end.min(len));
        match &self.map {
            None => s..e.max(s),
            Some(map) => through(map, s..e.max(s)),
        }
    }
}

/// A range of a pass's output traced through that pass's map.
fn through(map: &[Range<usize>], r: Range<usize>) -> Range<usize> {
    if r.start >= r.end {
        let p = map[r.start].start;
        p..p
    } else {
        map[r.start].start..map[r.end - 1].end
    }
}

/// What one pass produced: its text, its map into its input, its changes (ranges in its input).
pub(crate) struct PassOut {
    pub text: String,
    pub map: Vec<Range<usize>>,
    pub changes: Vec<Change>,
}

/// Characters no pass ever changes (under the `keep` profile): printable
/// ASCII, the Kazakh Cyrillic alphabet, and common typography.
fn plain_char(c: char) -> bool {
    matches!(c, ' '..='~' | 'А'..='я' | 'Ё' | 'ё' | 'І' | 'і' | 'Ә' | 'ә' | 'Ғ' | 'ғ' | 'Қ' | 'қ' | 'Ң' | 'ң' | 'Ө' | 'ө' | 'Ұ' | 'ұ' | 'Ү' | 'ү' | 'Һ' | 'һ' | '«' | '»' | '—' | '–' | '“' | '”' | '„' | '…' | '№' | '°' | '’' | '‘')
}

/// The fast path: one scan that proves a text needs nothing. Lines of plain
/// characters without doubled, leading or trailing spaces; words mixing
/// scripts are checked separately.
fn is_plain(s: &str) -> bool {
    let mut prev_space = true;
    for c in s.chars() {
        if c == '\n' {
            if prev_space {
                // a trailing space before the line end, or an empty line: let the passes decide
                return false;
            }
            prev_space = true;
            continue;
        }
        if !plain_char(c) {
            return false;
        }
        let space = c == ' ';
        if space && prev_space {
            return false;
        }
        prev_space = space;
    }
    !prev_space || s.is_empty()
}

/// One pass: `None` when it has nothing to do.
type Pass<'a> = dyn Fn(&str) -> Option<PassOut> + 'a;

/// Building a pass's output with its map.
#[derive(Default)]
pub(crate) struct Builder {
    pub text: String,
    pub map: Vec<Range<usize>>,
    pub changes: Vec<Change>,
}

impl Builder {
    /// Append `s`, which came from input bytes `from`.
    pub fn push_str(&mut self, s: &str, from: Range<usize>) {
        self.text.push_str(s);
        self.map.extend(std::iter::repeat_n(from, s.len()));
    }

    /// Record a change.
    pub fn change(&mut self, rule: Rule, original: Range<usize>, from: &str, to: &str) {
        self.changes.push(Change {
            rule,
            original,
            from: from.to_string(),
            to: to.to_string(),
        });
    }

    /// Append `to` in place of input `input[at]`, recording the change when they differ.
    pub fn replace(&mut self, rule: Rule, input: &str, at: Range<usize>, to: &str) {
        let from = &input[at.clone()];
        if from != to {
            self.change(rule, at.clone(), from, to);
        }
        self.push_str(to, at);
    }

    /// Finish with the end entry of the map.
    pub fn finish(mut self, input_len: usize) -> PassOut {
        self.map.push(input_len..input_len);
        PassOut {
            text: self.text,
            map: self.map,
            changes: self.changes,
        }
    }
}

/// A configured normalizer.
#[derive(Clone, Debug, Default)]
pub struct Normalizer {
    lang: Lang,
    punct: Punct,
}

impl Normalizer {
    /// A normalizer for text in `lang`, with the `keep` punctuation profile.
    pub fn new(lang: Lang) -> Self {
        Normalizer {
            lang,
            punct: Punct::Keep,
        }
    }

    /// Set the punctuation profile.
    pub fn punct(mut self, punct: Punct) -> Self {
        self.punct = punct;
        self
    }

    /// The language this normalizer was made for.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Normalize `input`.
    pub fn normalize(&self, input: &str) -> Normalized {
        if self.punct == Punct::Keep && is_plain(input) && !script::anything_to_do(input, self.lang) {
            return Normalized {
                text: input.to_string(),
                map: None,
                changes: Vec::new(),
            };
        }
        let mut text: Option<String> = None;
        let mut map: Option<Vec<Range<usize>>> = None;
        let mut changes = Vec::new();
        let lang = self.lang;
        let punct = self.punct;
        let passes: [&Pass<'_>; 5] = [
            &|s| legacy::mojibake(s, lang),
            &|s| legacy::kz1048(s, lang),
            &clean::clean,
            &|s| script::lookalikes(s, lang),
            &|s| punct::punctuation(s, punct),
        ];
        // Passes can open work for earlier ones (a script repair can remove the
        // last real Kazakh letter of a line that the KZ-1048 check relies on),
        // so rounds repeat until one changes nothing: that makes the result
        // idempotent. Clean text takes one round and no copies.
        for _round in 0..4 {
            let mut changed = false;
            for pass in &passes {
                let current = text.as_deref().unwrap_or(input);
                let Some(out) = pass(current) else { continue };
                changed = true;
                // trace the pass's ranges back to the input
                let composed: Vec<Range<usize>> = match &map {
                    None => out.map,
                    Some(prev) => out.map.iter().map(|r| through(prev, r.clone())).collect(),
                };
                for mut c in out.changes {
                    if let Some(prev) = &map {
                        c.original = through(prev, c.original);
                    }
                    changes.push(c);
                }
                map = Some(composed);
                text = Some(out.text);
            }
            if !changed {
                break;
            }
        }
        match text {
            None => Normalized {
                text: input.to_string(),
                map: None,
                changes,
            },
            Some(t) if t == input && changes.is_empty() => Normalized {
                text: t,
                map: None,
                changes,
            },
            Some(t) => Normalized {
                text: t,
                map,
                changes,
            },
        }
    }
}

#[cfg(test)]
mod tests;
