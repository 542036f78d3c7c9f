//! Rule-based sentence splitting for Kazakh and English over byte spans.
//!
//! [`Splitter::split`] returns the byte ranges of the sentences of a text:
//! each range starts and ends on non-whitespace, ranges are in order and do
//! not overlap, and only whitespace lies between them and around them. A line
//! break always ends a sentence (one paragraph per line).
//!
//! A sentence ends after a run of `.`, `!`, `?` or `…` (with any closing
//! quotes and brackets after it) when the next word starts with a capital
//! letter or a digit, unless the period belongs to an abbreviation from the
//! built-in lists (`data/kk-abbrev.txt`, `data/en-abbrev.txt`, extendable), an
//! initial (`Қ. Тоқаев`), or a list number at the start of a sentence
//! (`12. Мұнан кейін`). A dash after the run ends the sentence only if a
//! capital follows it (dialogue: `… еді. – Біз…`, but not `…бар? — деді.`).
//! Nothing splits inside a quotation that closes on the same line
//! (`«Біз дайынбыз. Келесі…»`).
//! A `?` followed by a lowercase question word that itself ends in `?` splits
//! (`кім? не?`), and a period glued to a capitalised word after a lowercase
//! word splits (`жағдайы.XVIII`). See the crate README for the evidence
//! behind each rule.
//!
//! ```
//! use kazpar_split::{Lang, Splitter};
//! let text = "Қ. Тоқаев 2025 ж. сөз сөйледі. Келесі сөйлем.";
//! let s = Splitter::new(Lang::Kk);
//! let sents: Vec<&str> = s.split(text).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(sents, ["Қ. Тоқаев 2025 ж. сөз сөйледі.", "Келесі сөйлем."]);
//! ```
#![deny(missing_docs)]

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

/// The language of the text to split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Kazakh.
    Kk,
    /// English.
    En,
}

const KK_LIST: &str = include_str!("../data/kk-abbrev.txt");
const EN_LIST: &str = include_str!("../data/en-abbrev.txt");

/// A configured sentence splitter.
#[derive(Clone, Debug)]
pub struct Splitter {
    lang: Lang,
    /// Abbreviations that never end a sentence (lowercase, without the final period).
    abbrevs: HashSet<String>,
    /// Abbreviations that end a sentence when a capital follows.
    final_abbrevs: HashSet<String>,
}

/// Parse an abbreviation list: one per line, `#` comments, `!` for sentence-final ones.
fn parse_list(text: &str, abbrevs: &mut HashSet<String>, finals: &mut HashSet<String>) {
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (fin, word) = match line.strip_prefix('!') {
            Some(w) => (true, w),
            None => (false, line),
        };
        let word = word.trim().trim_end_matches('.').to_lowercase();
        if word.is_empty() {
            continue;
        }
        if fin {
            finals.insert(word);
        } else {
            abbrevs.insert(word);
        }
    }
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '"' | '”' | '’' | '\'' | ')' | ']' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(c, '«' | '"' | '“' | '„' | '‘' | '\'' | '(' | '[' | '‹')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '―')
}

/// Quotation depth before each character of a line (and one entry for the end).
///
/// Quotes pair up as `«»`, `„“`, `“”`, `‹›` and straight `"…"` (opening after
/// a space, a bracket or the line start, closing elsewhere). A quote that
/// never closes on its line does not count, so a stray quote cannot swallow
/// the rest of a paragraph.
fn quote_depth(chars: &[(usize, char)]) -> Vec<u16> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, &(_, c)) in chars.iter().enumerate() {
        let after_space =
            i == 0 || chars[i - 1].1.is_whitespace() || is_opener(chars[i - 1].1) || is_dash(chars[i - 1].1);
        let closes = |open: char| stack.last().is_some_and(|t| t.1 == open);
        match c {
            '«' | '„' | '‹' => stack.push((i, c)),
            '“' if closes('„') => {
                let (o, _) = stack.pop().unwrap_or((i, c));
                pairs.push((o, i));
            }
            '“' => stack.push((i, c)),
            '"' if closes('"') && !after_space => {
                let (o, _) = stack.pop().unwrap_or((i, c));
                pairs.push((o, i));
            }
            '"' if after_space => stack.push((i, c)),
            '»' | '”' | '›' => {
                let open = match c {
                    '»' => '«',
                    '”' => '“',
                    _ => '‹',
                };
                if let Some(pos) = stack.iter().rposition(|t| t.1 == open) {
                    let (o, _) = stack[pos];
                    stack.truncate(pos);
                    pairs.push((o, i));
                }
            }
            _ => {}
        }
    }
    let mut delta = vec![0i32; chars.len() + 2];
    for (o, c) in pairs {
        delta[o + 1] += 1;
        delta[c + 1] -= 1;
    }
    let mut out = Vec::with_capacity(chars.len() + 1);
    let mut d = 0i32;
    for x in delta.iter().take(chars.len() + 1) {
        d += x;
        out.push(d.max(0) as u16);
    }
    out
}

impl Splitter {
    /// A splitter with the built-in abbreviation list of `lang`.
    pub fn new(lang: Lang) -> Self {
        let mut s = Splitter {
            lang,
            abbrevs: HashSet::default(),
            final_abbrevs: HashSet::default(),
        };
        let list = match lang {
            Lang::Kk => KK_LIST,
            Lang::En => EN_LIST,
        };
        parse_list(list, &mut s.abbrevs, &mut s.final_abbrevs);
        s
    }

    /// Add abbreviations: strings in the list file format (a final period is
    /// optional; a leading `!` marks one that may end a sentence).
    pub fn with_abbreviations<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, extra: I) -> Self {
        for line in extra {
            parse_list(line.as_ref(), &mut self.abbrevs, &mut self.final_abbrevs);
        }
        self
    }

    /// The language this splitter was made for.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The byte ranges of the sentences of `text`.
    pub fn split(&self, text: &str) -> Vec<Range<usize>> {
        self.split_lines(text, 0)
    }

    /// The same as [`Splitter::split`], with long texts cut at line ends into
    /// chunks split in parallel on rayon's current pool (lines are
    /// independent, so the result is the same as in one piece).
    #[cfg(feature = "rayon")]
    pub fn split_parallel(&self, text: &str) -> Vec<Range<usize>> {
        use rayon::prelude::*;
        const CHUNK: usize = 1 << 18;
        if text.len() <= CHUNK {
            return self.split_lines(text, 0);
        }
        let mut chunks = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let mut end = (start + CHUNK).min(text.len());
            while end < text.len() && text.as_bytes()[end - 1] != b'\n' {
                end += 1;
            }
            chunks.push(start..end);
            start = end;
        }
        let parts: Vec<Vec<Range<usize>>> = chunks
            .into_par_iter()
            .map(|r| self.split_lines(&text[r.clone()], r.start))
            .collect();
        parts.concat()
    }

    /// Split `text`, whose first byte is at `base` in the whole text.
    fn split_lines(&self, text: &str, base: usize) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut line_start = base;
        let mut chars = Vec::new();
        for line in text.split_inclusive('\n') {
            chars.clear();
            chars.extend(line.char_indices());
            self.split_line(line, &chars, line_start, &mut out);
            line_start += line.len();
        }
        out
    }

    fn split_line(&self, line: &str, chars: &[(usize, char)], base: usize, out: &mut Vec<Range<usize>>) {
        let has_quotes = line.contains(['«', '»', '„', '“', '”', '"', '‹', '›']);
        let depth = if has_quotes {
            quote_depth(chars)
        } else {
            Vec::new()
        };
        let mut sent_start: Option<usize> = None; // index into chars
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k].1;
            if c.is_whitespace() {
                k += 1;
                continue;
            }
            if sent_start.is_none() {
                sent_start = Some(k);
            }
            if !is_terminal(c) {
                k += 1;
                continue;
            }
            // the run of terminal punctuation and closers
            let mut j = k;
            while j < chars.len() && (is_terminal(chars[j].1) || (j > k && is_closer(chars[j].1))) {
                j += 1;
            }
            // inside a quotation that closes later on the line, keep going
            let quoted = depth.get(j).copied().unwrap_or(0) > 0;
            if !quoted && self.ends_sentence(line, chars, sent_start.unwrap_or(k), k, j) {
                let (last_i, last_c) = chars[j - 1];
                let s = sent_start.take().unwrap_or(k);
                out.push(base + chars[s].0..base + last_i + last_c.len_utf8());
            }
            k = j;
        }
        if let Some(s) = sent_start {
            let start = base + chars[s].0;
            let end = base + line.trim_end().len();
            if end > start {
                out.push(start..end);
            }
        }
    }

    /// Does the punctuation run `chars[k..j]` end the sentence that began at `start`?
    /// `chars` are the characters of `line` with their byte offsets.
    fn ends_sentence(&self, line: &str, chars: &[(usize, char)], start: usize, k: usize, j: usize) -> bool {
        let run = &chars[k..j];
        let single_period = run.len() == 1 && run[0].1 == '.';
        if j >= chars.len() || chars[j..].iter().all(|x| x.1.is_whitespace()) {
            return false; // end of line: the caller closes the sentence
        }
        let word_before = &line[chars[self.word_start(chars, k)].0..chars[k].0];
        if !chars[j].1.is_whitespace() {
            // no space after the run: only `жағдайы.XVIII` (a lowercase word, then a capitalised one)
            let next_upper = chars[j].1.is_uppercase()
                && chars
                    .get(j + 1)
                    .is_some_and(|x| x.1.is_uppercase() || x.1.is_lowercase());
            let lower_word =
                word_before.chars().count() >= 3 && word_before.chars().all(|c| c.is_lowercase());
            return single_period && next_upper && lower_word && !self.is_abbrev(word_before);
        }
        // the next token, and its first letter or digit after opening quotes and brackets
        let mut n = j;
        while n < chars.len() && chars[n].1.is_whitespace() {
            n += 1;
        }
        if is_dash(chars[n].1) {
            // dialogue: `– Біз…` starts a new sentence; `— деді` continues this one
            let mut m = n + 1;
            while m < chars.len() && (chars[m].1.is_whitespace() || is_opener(chars[m].1)) {
                m += 1;
            }
            return m < chars.len()
                && chars[m].1.is_uppercase()
                && n + 1 < chars.len()
                && chars[n + 1].1.is_whitespace();
        }
        let mut f = n;
        while f < chars.len() && is_opener(chars[f].1) {
            f += 1;
        }
        let Some(&(_, first)) = chars.get(f) else {
            return false;
        };
        if first.is_lowercase() {
            // `кім? не?`: a question followed by a one-word question
            if run.iter().any(|x| x.1 == '?') {
                let mut e = f;
                while e < chars.len() && chars[e].1.is_alphabetic() {
                    e += 1;
                }
                return chars.get(e).is_some_and(|x| x.1 == '?');
            }
            return false;
        }
        if !(first.is_uppercase() || first.is_ascii_digit()) {
            return false;
        }
        if !single_period {
            return true;
        }
        // a period before a capital or a digit: abbreviations, initials, list numbers
        let lower = word_before.to_lowercase();
        if self.final_abbrevs.contains(&lower) {
            return first.is_uppercase();
        }
        if self.is_abbrev_lower(&lower) {
            return false;
        }
        let mut letters = word_before.chars();
        if let (Some(c), None) = (letters.next(), letters.next()) {
            if c.is_alphabetic() {
                return false; // an initial (`Қ.`, `M.`) or a one-letter abbreviation (`т.`)
            }
        }
        if !word_before.is_empty()
            && word_before.chars().all(|c| c.is_ascii_digit())
            && self.word_start(chars, k) == start
        {
            return false; // `12. Мұнан кейін` — a list number opening the sentence
        }
        true
    }

    fn is_abbrev(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.is_abbrev_lower(&lower)
    }

    fn is_abbrev_lower(&self, lower: &str) -> bool {
        self.abbrevs.contains(lower) || self.final_abbrevs.contains(lower)
    }

    /// Index of the first character of the word that ends just before `k`.
    fn word_start(&self, chars: &[(usize, char)], k: usize) -> usize {
        let mut s = k;
        while s > 0 && !chars[s - 1].1.is_whitespace() && !is_opener(chars[s - 1].1) {
            s -= 1;
        }
        s
    }
}

#[cfg(test)]
mod tests;
