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
    /// Where each byte of `text` came from in the input; `None` when the
    /// text is the input unchanged.
    map: Option<Map>,
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
            Some(map) => map.through(&self.text, s..e.max(s)),
        }
    }
}

/// Where each byte of a pass's output came from in its input, as runs of
/// output bytes. A byte of a *kept* run belongs to a character copied
/// unchanged: it maps to that character's bytes in the input (the run's
/// input start plus the character's offset in the run). Every byte of any
/// other run maps to the whole input range of the run (a replacement: `to`
/// came from all of `from`). Past the end of the output, the end of the
/// input. This is what one input range per output byte said, in a space
/// that grows with the changes, not with the text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Map {
    runs: Vec<Run>,
    /// Length of the output.
    len: usize,
    /// Length of the input.
    input_len: usize,
}

#[derive(Clone, Copy, Debug)]
struct Run {
    /// First output byte.
    out: usize,
    /// Input range: for a kept run, as long as the run.
    start: usize,
    end: usize,
    kept: bool,
}

impl Map {
    /// The input range of output byte `o` of `text` (the output this map is for).
    fn entry(&self, text: &str, o: usize) -> Range<usize> {
        if o >= self.len {
            return self.input_len..self.input_len;
        }
        let r = self.runs[self.runs.partition_point(|r| r.out <= o) - 1];
        if !r.kept {
            return r.start..r.end;
        }
        // the character that holds byte `o`
        let (mut cs, mut ce) = (o, o + 1);
        while !text.is_char_boundary(cs) {
            cs -= 1;
        }
        while !text.is_char_boundary(ce) {
            ce += 1;
        }
        r.start + (cs - r.out)..r.start + (ce - r.out)
    }

    /// A range of the output `text` traced back to the input.
    fn through(&self, text: &str, r: Range<usize>) -> Range<usize> {
        if r.start >= r.end {
            let p = self.entry(text, r.start).start;
            p..p
        } else {
            self.entry(text, r.start).start..self.entry(text, r.end - 1).end
        }
    }

    /// The map of a later pass (`next`, from its output into `text`, the
    /// output of this map) composed with this one: from the later pass's
    /// output into this map's input. The same as tracing each byte's range
    /// through this map: characters never straddle runs, and a kept run's
    /// characters are those of `text` at the same offsets.
    fn then(&self, text: &str, next: &Map) -> Map {
        let mut runs = Vec::with_capacity(next.runs.len() + self.runs.len());
        for (k, r) in next.runs.iter().enumerate() {
            if !r.kept {
                let t = self.through(text, r.start..r.end);
                runs.push(Run {
                    out: r.out,
                    start: t.start,
                    end: t.end,
                    kept: false,
                });
                continue;
            }
            let out_end = next.runs.get(k + 1).map_or(next.len, |n| n.out);
            let (a, b) = (r.start, r.start + (out_end - r.out));
            // this map's runs over `a..b` of `text`
            let mut i = self.runs.partition_point(|x| x.out <= a) - 1;
            let mut at = a;
            while at < b {
                let x = self.runs[i];
                let x_end = self.runs.get(i + 1).map_or(self.len, |n| n.out).min(b);
                let out = r.out + (at - a);
                if x.kept {
                    let start = x.start + (at - x.out);
                    runs.push(Run {
                        out,
                        start,
                        end: start + (x_end - at),
                        kept: true,
                    });
                } else {
                    runs.push(Run {
                        out,
                        start: x.start,
                        end: x.end,
                        kept: false,
                    });
                }
                at = x_end;
                i += 1;
            }
        }
        Map {
            runs,
            len: next.len,
            input_len: self.input_len,
        }
    }
}

/// What one pass produced: its text, its map into its input, its changes (ranges in its input).
pub(crate) struct PassOut {
    pub text: String,
    pub map: Map,
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
    runs: Vec<Run>,
    pub changes: Vec<Change>,
}

impl Builder {
    /// A builder for a pass over `input`: room for about as much text.
    pub fn for_input(input: &str) -> Self {
        Builder {
            text: String::with_capacity(input.len() + input.len() / 16),
            ..Builder::default()
        }
    }

    /// Append `s`, which came from all of input bytes `from`.
    pub fn push_str(&mut self, s: &str, from: Range<usize>) {
        if s.is_empty() {
            return;
        }
        self.runs.push(Run {
            out: self.text.len(),
            start: from.start,
            end: from.end,
            kept: false,
        });
        self.text.push_str(s);
    }

    /// Append `input[range]` unchanged, each character from its own bytes.
    pub fn keep(&mut self, input: &str, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some(last) if last.kept && last.end == range.start => last.end = range.end,
            _ => self.runs.push(Run {
                out: self.text.len(),
                start: range.start,
                end: range.end,
                kept: true,
            }),
        }
        self.text.push_str(&input[range]);
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

    /// Finish: the text, its map into an input of `input_len` bytes, the changes.
    pub fn finish(self, input_len: usize) -> PassOut {
        PassOut {
            map: Map {
                runs: self.runs,
                len: self.text.len(),
                input_len,
            },
            text: self.text,
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
        let mut map: Option<Map> = None;
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
                let composed = match &map {
                    None => out.map,
                    Some(prev) => prev.then(current, &out.map),
                };
                for mut c in out.changes {
                    if let Some(prev) = &map {
                        c.original = prev.through(current, c.original);
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
