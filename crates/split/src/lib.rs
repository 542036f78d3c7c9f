//! Rule-based sentence splitting for Kazakh and English over byte spans.
//!
//! [`Splitter::split`] returns the byte ranges of the sentences of a text:
//! each range starts and ends on non-whitespace, ranges are in order and do
//! not overlap, and only whitespace lies between them. A line break always
//! ends a sentence (one paragraph per line).
//!
//! ```
//! use kazpar_split::{Lang, Splitter};
//! let text = "Қ. Тоқаев 2025 ж. сөз сөйледі. Келесі сөйлем.";
//! let s = Splitter::new(Lang::Kk);
//! let sents: Vec<&str> = s.split(text).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(sents, ["Қ. Тоқаев 2025 ж. сөз сөйледі.", "Келесі сөйлем."]);
//! ```
#![deny(missing_docs)]

use std::collections::HashSet;
use std::ops::Range;

/// The language of the text to split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Kazakh.
    Kk,
    /// English.
    En,
}

const KK_ABBREVS: &[&str] = &[
    "ж", "жж", "т.б", "т.с.с", "т.с", "б.з.б", "млн", "млрд", "ғ", "мыс", "обл", "ауд", "көш", "ш", "ст",
    "проф", "акад", "т.ғ.д", "т.ғ.к", "э.ғ.д", "бет", "см", "км", "кг", "тг", "доц",
];
const EN_ABBREVS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no", "vs", "etc", "e.g", "i.e", "a.m", "p.m", "u.s",
    "u.k", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "gen", "gov", "sen", "rep", "mt", "approx",
];

/// A configured sentence splitter.
#[derive(Clone, Debug)]
pub struct Splitter {
    lang: Lang,
    abbrevs: HashSet<String>,
}

impl Splitter {
    /// A splitter with the built-in abbreviation list of `lang`.
    pub fn new(lang: Lang) -> Self {
        let list = match lang {
            Lang::Kk => KK_ABBREVS,
            Lang::En => EN_ABBREVS,
        };
        Splitter {
            lang,
            abbrevs: list.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Add abbreviations (without the final period, any case).
    pub fn with_abbreviations<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, extra: I) -> Self {
        self.abbrevs.extend(
            extra
                .into_iter()
                .map(|s| s.as_ref().trim_end_matches('.').to_lowercase()),
        );
        self
    }

    /// The language this splitter was made for.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The byte ranges of the sentences of `text`.
    pub fn split(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            self.split_line(text, line_start, line_start + line.len(), &mut out);
            line_start += line.len();
        }
        out
    }

    fn split_line(&self, text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
        let line = &text[start..end];
        let mut sent_start: Option<usize> = None;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut k = 0;
        while k < chars.len() {
            let (i, c) = chars[k];
            if c.is_whitespace() {
                k += 1;
                continue;
            }
            if sent_start.is_none() {
                sent_start = Some(start + i);
            }
            if matches!(c, '.' | '!' | '?' | '…') {
                // take the whole punctuation run and closing quotes/brackets
                let mut j = k + 1;
                while j < chars.len()
                    && matches!(chars[j].1, '.' | '!' | '?' | '…' | '»' | '"' | '”' | ')' | '\'')
                {
                    j += 1;
                }
                let next = chars[j..].iter().find(|(_, c)| !c.is_whitespace());
                let spaced = j < chars.len() && chars[j].1.is_whitespace();
                let boundary = match next {
                    None => false,
                    Some(&(_, n)) => {
                        spaced
                            && (n.is_uppercase()
                                || n.is_ascii_digit()
                                || matches!(n, '«' | '"' | '“' | '(' | '—' | '–'))
                            && !(c == '.' && j == k + 1 && self.protects(line, i))
                    }
                };
                if boundary {
                    let e = start + chars[j - 1].0 + chars[j - 1].1.len_utf8();
                    out.push(sent_start.take().unwrap_or(e)..e);
                }
                k = j;
                continue;
            }
            k += 1;
        }
        if let Some(s) = sent_start {
            let e = start + line.trim_end().len();
            if e > s {
                out.push(s..e);
            }
        }
    }

    /// Does the word before the period at byte `dot` of `line` make it a non-boundary?
    fn protects(&self, line: &str, dot: usize) -> bool {
        let before = &line[..dot];
        let word_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '«' | '"'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[word_start..];
        if word.is_empty() {
            return false;
        }
        let lower = word.to_lowercase();
        if self.abbrevs.contains(&lower) {
            return true;
        }
        // an initial: one capital letter
        let mut cs = word.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(lang: Lang, t: &str) -> Vec<&str> {
        Splitter::new(lang).split(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn decimals_and_quotes() {
        assert_eq!(
            split(
                Lang::Kk,
                "Қылмыстар 12,5 пайызға азайды. \"Адал азамат\" қабылданды."
            ),
            ["Қылмыстар 12,5 пайызға азайды.", "\"Адал азамат\" қабылданды."]
        );
    }

    #[test]
    fn english_titles() {
        assert_eq!(
            split(Lang::En, "Mr. Smith met Dr. Jones. They talked."),
            ["Mr. Smith met Dr. Jones.", "They talked."]
        );
    }

    #[test]
    fn spans_cover_only_non_space() {
        let t = "  A b.  C d!\nE f  ";
        let r = Splitter::new(Lang::En).split(t);
        assert_eq!(r, vec![2..6, 8..12, 13..16]);
    }
}
