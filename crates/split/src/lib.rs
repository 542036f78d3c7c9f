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
    /// Abbreviations that end a sentence when a capital follows (`!` in a list).
    final_abbrevs: HashSet<String>,
    /// Abbreviations that end a sentence when a sentence opener follows (`?`).
    starter_abbrevs: HashSet<String>,
    /// Abbreviations only before a number (`>`): `No. 5`, but `No. Then …`.
    number_abbrevs: HashSet<String>,
}

impl Splitter {
    /// Parse an abbreviation list: one per line, `#` comments, and a leading
    /// `!` (may end a sentence before a capital), `?` (before a sentence
    /// opener) or `>` (an abbreviation only before a number).
    fn add_list(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let (set, word) = match line.chars().next() {
                Some('!') => (&mut self.final_abbrevs, &line[1..]),
                Some('?') => (&mut self.starter_abbrevs, &line[1..]),
                Some('>') => (&mut self.number_abbrevs, &line[1..]),
                _ => (&mut self.abbrevs, line),
            };
            let word = word.trim().trim_end_matches('.').to_lowercase();
            if !word.is_empty() {
                set.insert(word);
            }
        }
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Does `s` end in a sentence's final punctuation (before any closing quotes
/// and brackets and trailing whitespace)?
fn ends_with_terminal(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(is_closer)
        .chars()
        .next_back()
        .is_some_and(is_terminal)
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '"' | '”' | '“' | '’' | '\'' | ')' | ']' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(c, '«' | '"' | '“' | '”' | '„' | '‘' | '\'' | '(' | '[' | '‹')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '―')
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '▪' | '◦' | '‣' | '●')
}

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'а' | 'ә'
            | 'е'
            | 'ё'
            | 'и'
            | 'і'
            | 'о'
            | 'ө'
            | 'у'
            | 'ұ'
            | 'ү'
            | 'ы'
            | 'э'
            | 'ю'
            | 'я'
            | 'a'
            | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
    )
}

/// Words that open English sentences far more often than they follow an
/// abbreviation inside one: pronouns, articles, conjunctions, auxiliaries,
/// common adverbs and titles. After `Co.`, `U.S.`, `p.m.` or a lone capital
/// (`I.`), such a word starts a new sentence (`… in the U.S. How about you?`),
/// while a name or a noun does not (`the U.S. Senate`, `Albert I. Jones`).
const EN_STARTERS: &[&str] = &[
    "a",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "can",
    "did",
    "do",
    "does",
    "during",
    "each",
    "every",
    "everybody",
    "everyone",
    "everything",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "is",
    "it",
    "its",
    "many",
    "meanwhile",
    "most",
    "my",
    "no",
    "nobody",
    "nothing",
    "now",
    "of",
    "on",
    "one",
    "our",
    "perhaps",
    "she",
    "since",
    "so",
    "some",
    "that",
    "the",
    "their",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "unless",
    "until",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "would",
    "yes",
    "yet",
    "you",
    "your",
];

/// Lowercase words that open sentences in web text and hardly ever follow a
/// period inside one: the pronoun `i` and its contractions, subject pronouns,
/// `the`, `this`, `there`, `thanks`. (`and`, `then`, `so` are left out: `…
/// Co. and`, `… 5 p.m. then`; `a` too: `grade a.`)
const EN_LOWER_OPENERS: &[&str] = &[
    "i", "i'm", "i've", "i'll", "i'd", "it", "it's", "the", "we", "we're", "they", "they're", "he", "she",
    "this", "there", "you", "my", "thanks", "but",
];

/// Verbs that attribute a quotation (`"…," she said`, `"…?" asked Tom`).
const SPEECH_VERBS: &[&str] = &[
    "added",
    "adds",
    "admitted",
    "agreed",
    "answered",
    "argued",
    "asked",
    "asks",
    "claimed",
    "continued",
    "cried",
    "explained",
    "insisted",
    "laughed",
    "noted",
    "recalled",
    "replied",
    "replies",
    "said",
    "says",
    "shouted",
    "sighed",
    "told",
    "tells",
    "thought",
    "warned",
    "whispered",
    "wrote",
    "writes",
    "yelled",
];

/// Does `rest` (after a closing quote) open with an attribution: a speech
/// verb, or a pronoun and one (`she said`, `i asked`)?
fn attribution(rest: &str) -> bool {
    let mut words = rest
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let Some(first) = words.next() else {
        return false;
    };
    let speech = |w: &str| SPEECH_VERBS.contains(&w);
    speech(&first)
        || matches!(first.as_str(), "he" | "she" | "they" | "i" | "we" | "you" | "it")
            && words.next().is_some_and(|w| speech(&w))
}

/// Longest quotation (in bytes) that keeps its sentences together; quotes
/// further apart than this are stray ones that happen to pair up.
const MAX_QUOTATION: usize = 2000;

/// Lines longer than this are cut into pieces (at clear sentence ends).
const LONG_LINE: usize = 1 << 16;

/// Offsets in `text` where a new sentence clearly starts, one after every
/// `every` bytes (the first clear sentence end after it: a lowercase word of
/// four letters or more, `.`, a space, a capital). For callers that cut very
/// long paragraphs into pieces to work on (the splitter itself does, at
/// 64 KiB, and so does the pipeline before normalizing).
pub fn clear_sentence_ends(line: &str, every: usize) -> impl Iterator<Item = usize> + '_ {
    let every = every.max(1);
    let mut from = every;
    std::iter::from_fn(move || {
        if from >= line.len() {
            return None;
        }
        let mut i = from;
        while !line.is_char_boundary(i) {
            i += 1;
        }
        loop {
            let p = line[i..].find(". ").map(|p| i + p)?;
            let next = line[p + 2..].chars().next();
            let mut word = line[..p].chars().rev().take_while(|c| c.is_alphabetic());
            let lower = word.by_ref().take(4).filter(|c| c.is_lowercase()).count() == 4
                && word.all(char::is_lowercase);
            if next.is_some_and(char::is_uppercase) && lower {
                from = p + 2 + every;
                return Some(p + 2);
            }
            i = p + 2;
        }
    })
}

/// The quotations of a line that keep their sentences together, as a depth
/// before each character (and one entry for the end).
///
/// Quotes pair up by their typographic role: `«`, `„`, `‹` open and `»`, `›`
/// close; `“`, `”` and `"` open after a space, a bracket, a dash or the line
/// start and close after a word or punctuation. So `“…”`, `„…“`, Kazakh
/// `“…“` and `”…”` all pair. A quote that never closes on its line does not
/// count, so a stray quote cannot swallow the rest of a paragraph.
///
/// A quotation holds several sentences that are split like any others
/// (`Ол: «Бұл жақсы. Бәрі дұрыс».`), unless the sentence goes on after it in
/// lower case (`«Қайда кетті? Көрдіңдер ме?» деп сұрады.`, `"Go. Now," she
/// said.`): only those quotations count here.
fn quote_depth(chars: &[(usize, char)]) -> Vec<u16> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let curly = |c: char| matches!(c, '“' | '”' | '„');
    for (i, &(_, c)) in chars.iter().enumerate() {
        let prev = if i == 0 { None } else { Some(chars[i - 1].1) };
        let next = chars.get(i + 1).map(|x| x.1);
        let after_space =
            prev.is_none_or(|p| p.is_whitespace() || is_opener(p) || is_dash(p) || is_bullet(p));
        let before_space = next.is_none_or(|n| {
            n.is_whitespace() || n.is_ascii_punctuation() || is_closer(n) || is_dash(n) || n == '…'
        });
        let mut close = |open: &dyn Fn(char) -> bool, stack: &mut Vec<(usize, char)>| {
            if let Some(pos) = stack.iter().rposition(|t| open(t.1)) {
                pairs.push((stack[pos].0, i));
                stack.truncate(pos);
                true
            } else {
                false
            }
        };
        match c {
            '«' | '„' | '‹' => stack.push((i, c)),
            '»' => {
                close(&|o| o == '«', &mut stack);
            }
            '›' => {
                close(&|o| o == '‹', &mut stack);
            }
            '“' | '”' => {
                let closes = !after_space || before_space;
                if !(closes && close(&curly, &mut stack)) && after_space && !before_space {
                    stack.push((i, c));
                }
            }
            '"' if !after_space => {
                close(&|o| o == '"', &mut stack);
            }
            '"' => stack.push((i, c)),
            _ => {}
        }
    }
    let mut delta = vec![0i32; chars.len() + 2];
    for (o, c) in pairs {
        // a "quotation" longer than a long paragraph is two stray quotes
        if chars[c].0 - chars[o].0 > MAX_QUOTATION {
            continue;
        }
        // the sentence goes on after the quotation: skip closers, commas, dashes
        let mut n = c + 1;
        while n < chars.len() && {
            let x = chars[n].1;
            x.is_whitespace() || is_closer(x) || is_dash(x) || matches!(x, ',' | ';' | ':')
        } {
            n += 1;
        }
        if chars.get(n).is_some_and(|x| x.1.is_lowercase()) {
            delta[o + 1] += 1;
            delta[c + 1] -= 1;
        }
    }
    let mut out = Vec::with_capacity(chars.len() + 1);
    let mut d = 0i32;
    for x in delta.iter().take(chars.len() + 1) {
        d += x;
        out.push(d.max(0) as u16);
    }
    out
}

/// A list marker at `i` (`1.`, `2.)`, `3)`, `a.`, after a bullet or a space):
/// its value, its style and the index after it.
fn list_marker(chars: &[(usize, char)], i: usize) -> Option<(u32, u8, usize)> {
    if i > 0 && !(chars[i - 1].1.is_whitespace() || is_bullet(chars[i - 1].1)) {
        return None;
    }
    let mut j = i;
    let mut value = 0u32;
    while j < chars.len() && chars[j].1.is_ascii_digit() && j - i < 2 {
        value = value * 10 + chars[j].1.to_digit(10).unwrap_or(0);
        j += 1;
    }
    let mut style = 0u8;
    if j == i {
        let c = chars.get(i)?.1;
        if !c.is_ascii_lowercase() {
            return None;
        }
        value = u32::from(c) - u32::from('a') + 1;
        style = 3;
        j += 1;
    }
    let rest: String = chars[j..chars.len().min(j + 2)].iter().map(|x| x.1).collect();
    let (s, len) = if rest.starts_with(".)") {
        (0, 2)
    } else if rest.starts_with('.') {
        (1, 1)
    } else if rest.starts_with(')') {
        (2, 1)
    } else {
        return None;
    };
    j += len;
    // a space, then a capital (after any opening quote)
    let mut n = j;
    if n >= chars.len() || !chars[n].1.is_whitespace() {
        return None;
    }
    while n < chars.len() && (chars[n].1.is_whitespace() || is_opener(chars[n].1)) {
        n += 1;
    }
    if !chars.get(n).is_some_and(|x| x.1.is_uppercase()) {
        return None;
    }
    Some((value, style * 4 + s, j))
}

/// The list items of a line (`1. The first item 2. The second item`): a
/// marker at the line start, then markers that count on from it in the same
/// style. Returns, per character, whether an item starts there (after the
/// first) and whether its marker's punctuation is part of a marker.
fn list_items(chars: &[(usize, char)]) -> (Vec<usize>, Vec<Range<usize>>) {
    let mut starts = Vec::new();
    let mut markers = Vec::new();
    let mut i = 0;
    while i < chars.len() && (chars[i].1.is_whitespace() || is_bullet(chars[i].1)) {
        i += 1;
    }
    let Some((mut value, style, end)) = list_marker(chars, i) else {
        return (starts, markers);
    };
    markers.push(i..end);
    let mut k = end;
    while k < chars.len() {
        if let Some((v, s, e)) = list_marker(chars, k) {
            if v == value + 1 && s == style {
                // the item starts at its bullet, if it has one
                let mut b = k;
                while b > 0 && (chars[b - 1].1.is_whitespace() || is_bullet(chars[b - 1].1)) {
                    b -= 1;
                }
                while b < k && chars[b].1.is_whitespace() {
                    b += 1;
                }
                starts.push(b);
                markers.push(k..e);
                value = v;
                k = e;
                continue;
            }
        }
        k += 1;
    }
    (starts, markers)
}

impl Splitter {
    /// A splitter with the built-in abbreviation list of `lang`.
    pub fn new(lang: Lang) -> Self {
        let mut s = Splitter {
            lang,
            abbrevs: HashSet::default(),
            final_abbrevs: HashSet::default(),
            starter_abbrevs: HashSet::default(),
            number_abbrevs: HashSet::default(),
        };
        match lang {
            Lang::Kk => {
                // English titles and company words turn up in Kazakh news
                // (`Dr. PawPaw`); Kazakh entries come last and win
                s.add_list(EN_LIST);
                s.add_list(KK_LIST);
            }
            Lang::En => s.add_list(EN_LIST),
        }
        s
    }

    /// Add abbreviations: strings in the list file format (a final period is
    /// optional; a leading `!` marks one that may end a sentence).
    pub fn with_abbreviations<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, extra: I) -> Self {
        for line in extra {
            self.add_list(line.as_ref());
        }
        self
    }

    /// The language this splitter was made for.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The byte ranges of the sentences of `text`.
    pub fn split(&self, text: &str) -> Vec<Range<usize>> {
        self.split_lines(text, 0, self.lowercase_starts(text))
    }

    /// The same as [`Splitter::split`], with the writer's habit decided by
    /// the caller: `lowercase_starts` is [`Splitter::lowercase_starts_in`]
    /// of the whole document, for a caller that splits it a paragraph at a
    /// time.
    pub fn split_with(&self, text: &str, lowercase_starts: bool) -> Vec<Range<usize>> {
        self.split_lines(text, 0, lowercase_starts)
    }

    /// The same as [`Splitter::split`], with long texts cut at line ends into
    /// chunks split in parallel on rayon's current pool (lines are
    /// independent, so the result is the same as in one piece).
    #[cfg(feature = "rayon")]
    pub fn split_parallel(&self, text: &str) -> Vec<Range<usize>> {
        use rayon::prelude::*;
        const CHUNK: usize = 1 << 18;
        let casual = self.lowercase_starts(text);
        if text.len() <= CHUNK {
            return self.split_lines(text, 0, casual);
        }
        let mut chunks = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let mut end = (start + CHUNK).min(text.len());
            while end < text.len()
                && (text.as_bytes()[end - 1] != b'\n' || wrapped(&text[..end], &text[end..]))
            {
                end += 1;
            }
            chunks.push(start..end);
            start = end;
        }
        let parts: Vec<Vec<Range<usize>>> = chunks
            .into_par_iter()
            .map(|r| self.split_lines(&text[r.clone()], r.start, casual))
            .collect();
        parts.concat()
    }

    /// Split `text`, whose first byte is at `base` in the whole text;
    /// `casual`: the whole text starts sentences in lower case
    /// ([`Splitter::lowercase_starts`]).
    fn split_lines(&self, text: &str, base: usize, casual: bool) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut line_start = 0;
        let mut chars = Vec::new();
        // a line that ends in a lowercase word and goes on in lower case on
        // the next line is one hard-wrapped line (`… a sentence\ncut off …`),
        // if the lines run on to a sentence end: lines that never reach one
        // are items of a list (`features\ncontact manager\nevents`); and
        // not if the writer starts sentences in lower case anyway (`thanks
        // for the tip\nsee you there`)
        let mut lines = text.split_inclusive('\n').peekable();
        while let Some(first) = lines.next() {
            let mut end = line_start + first.len();
            if !casual {
                let mut probe = lines.clone();
                let (mut group_end, mut taken) = (end, 0);
                while let Some(next) = probe.next_if(|next| wrapped(&text[line_start..group_end], next)) {
                    group_end += next.len();
                    taken += 1;
                }
                if taken > 0 && ends_with_terminal(&text[line_start..group_end]) {
                    end = group_end;
                    for _ in 0..taken {
                        lines.next();
                    }
                }
            }
            // a very long line (a book or a law as one paragraph) is cut into
            // pieces at clear sentence ends, so memory and the quote pairing
            // stay local
            let mut piece_start = line_start;
            for piece_end in clear_sentence_ends(&text[line_start..end], LONG_LINE)
                .map(|c| line_start + c)
                .chain([end])
            {
                let line = &text[piece_start..piece_end];
                chars.clear();
                chars.extend(line.char_indices());
                self.split_line(line, &chars, base + piece_start, casual, &mut out);
                piece_start = piece_end;
            }
            line_start = end;
        }
        out
    }

    fn split_line(
        &self,
        line: &str,
        chars: &[(usize, char)],
        base: usize,
        casual: bool,
        out: &mut Vec<Range<usize>>,
    ) {
        // (on the decoded chars: `line.contains` would decode them again)
        let has_quotes = chars
            .iter()
            .any(|&(_, c)| matches!(c, '«' | '»' | '„' | '“' | '”' | '"' | '‹' | '›'));
        let depth = if has_quotes {
            quote_depth(chars)
        } else {
            Vec::new()
        };
        let (item_starts, markers) = list_items(chars);
        let in_marker = |k: usize| markers.iter().any(|m| m.contains(&k));
        let mut next_item = item_starts.iter().copied().peekable();
        let mut sent_start: Option<usize> = None; // index into chars
        let mut last_text = 0; // index of the last non-space character seen
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k].1;
            if c.is_whitespace() {
                k += 1;
                continue;
            }
            // a list item or a bullet starts a new sentence
            let item = next_item.peek() == Some(&k);
            if item {
                next_item.next();
            }
            let bullet = is_bullet(c) && k > 0 && chars[k - 1].1.is_whitespace();
            if let Some(s) = sent_start.filter(|_| item || bullet) {
                let (li, lc) = chars[last_text];
                out.push(base + chars[s].0..base + li + lc.len_utf8());
                sent_start = None;
            }
            if sent_start.is_none() {
                sent_start = Some(k);
            }
            last_text = k;
            if !is_terminal(c) || in_marker(k) {
                k += 1;
                continue;
            }
            if c == '.' {
                if let Some(dots) = spaced_ellipsis(chars, k) {
                    // `. . .` is an ellipsis inside the sentence; a period glued
                    // to a word and then `. . .` (four dots) before a capital
                    // ends the sentence, and the ellipsis opens the next one
                    let glued = k > 0 && !chars[k - 1].1.is_whitespace();
                    let mut n = dots.end;
                    while n < chars.len() && chars[n].1.is_whitespace() {
                        n += 1;
                    }
                    let capital = chars.get(n).is_some_and(|x| x.1.is_uppercase());
                    let four = dots.len() == 7;
                    let free = depth.get(k + 1).copied().unwrap_or(0) == 0;
                    if glued && four && capital && free {
                        let s = sent_start.take().unwrap_or(k);
                        out.push(base + chars[s].0..base + chars[k].0 + 1);
                        sent_start = Some(k + 2);
                    } else if four && capital && free {
                        // `… with a period . . . . Next sentence.`
                        let s = sent_start.take().unwrap_or(k);
                        out.push(base + chars[s].0..base + chars[dots.end - 1].0 + 1);
                    }
                    last_text = dots.end - 1;
                    k = dots.end;
                    continue;
                }
            }
            // the run of terminal punctuation and closers, and a footnote mark after it
            let mut j = k;
            while j < chars.len() && (is_terminal(chars[j].1) || (j > k && is_closer(chars[j].1))) {
                j += 1;
            }
            if let Some(e) = footnote(chars, j) {
                // GUM (from Wikipedia) keeps `… computer. [1] The latter …` as
                // one sentence; a mark at the line end stays with the sentence
                k = e;
                last_text = e - 1;
                continue;
            }
            last_text = j - 1;
            // inside a quotation that the sentence goes on after, keep going
            let quoted = depth.get(j).copied().unwrap_or(0) > 0;
            if !quoted && self.ends_sentence(line, chars, sent_start.unwrap_or(k), k, j, casual) {
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
    /// `chars` are the characters of `line` with their byte offsets; `casual`
    /// as for [`Splitter::split_lines`].
    fn ends_sentence(
        &self,
        line: &str,
        chars: &[(usize, char)],
        start: usize,
        k: usize,
        j: usize,
        casual: bool,
    ) -> bool {
        let run = &chars[k..j];
        let single_period = run[0].1 == '.' && run.iter().skip(1).all(|x| !is_terminal(x.1));
        let bare_period = run.len() == 1 && run[0].1 == '.';
        if j >= chars.len() || chars[j..].iter().all(|x| x.1.is_whitespace()) {
            return false; // end of line: the caller closes the sentence
        }
        let ws = self.word_start(chars, k);
        let word_before = &line[chars[ws].0..chars[k].0];
        if !chars[j].1.is_whitespace() {
            // no space after the run: `жағдайы.XVIII`, `Tuesday.Mr`, `1,000.That`
            // (a word or a number, then a capitalised word)
            let next_upper = chars[j].1.is_uppercase()
                && chars
                    .get(j + 1)
                    .is_some_and(|x| x.1.is_uppercase() || x.1.is_lowercase());
            let tail = word_before.rsplit('.').next().unwrap_or(word_before);
            let mut rev = tail.chars().rev();
            let lower_word = tail.chars().count() >= 2
                && rev.next().is_some_and(char::is_lowercase)
                && rev.next().is_some_and(char::is_lowercase);
            let number = tail.chars().last().is_some_and(|c| c.is_ascii_digit())
                && chars.get(j + 1).is_some_and(|x| x.1.is_lowercase());
            // not an address (`Jane.Doe@example.com`, `www.Example.org/News`)
            let token_end = chars[j..]
                .iter()
                .position(|x| x.1.is_whitespace())
                .map_or(chars.len(), |p| j + p);
            let address =
                line[chars[ws].0..chars.get(token_end).map_or(line.len(), |x| x.0)].contains(['@', '/']);
            // and an ellipsis glued to both words (web text: `I waited an hour...Then I left`)
            let ellipsis =
                run.iter().all(|x| x.1 == '.') && run.len() == 3 || run.len() == 1 && run[0].1 == '…';
            return (bare_period && (lower_word || number) && !self.is_abbrev(tail)
                || ellipsis && lower_word)
                && next_upper
                && !address;
        }
        // the next token, and its first letter or digit after opening quotes and brackets
        let mut n = j;
        while n < chars.len() && chars[n].1.is_whitespace() {
            n += 1;
        }
        if is_dash(chars[n].1) {
            // dialogue: `– Біз…` starts a new sentence; `— деді` continues this
            // one, and so does a dash inside parentheses (`(Р. – Ариз.)`):
            // dialogue never opens inside them
            let open = chars[start..k].iter().fold(0i32, |d, x| match x.1 {
                '(' => d + 1,
                ')' => d - 1,
                _ => d,
            });
            if open > 0 {
                return false;
            }
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
        // a parenthesis after a sentence: a citation when a period follows
        // it (`[…]" (Smith 55).`), else a sentence or a caption of its own
        let paren = chars[n].1 == '(';
        if paren && (run.iter().any(|x| x.1 == '…') || run.iter().filter(|x| x.1 == '.').count() >= 3) {
            if let Some(close) = chars[n..].iter().position(|x| x.1 == ')').map(|p| n + p) {
                let mut a = close + 1;
                while a < chars.len() && is_closer(chars[a].1) {
                    a += 1;
                }
                if chars.get(a).is_some_and(|x| is_terminal(x.1)) {
                    return false;
                }
            }
        }
        let lower = word_before.to_lowercase();
        if first.is_lowercase() && !(paren && !self.is_abbrev_lower(&lower) && !is_initial(word_before)) {
            // `кім? не?`: a question followed by a one-word question
            if run.iter().any(|x| x.1 == '?') {
                let mut e = f;
                while e < chars.len() && chars[e].1.is_alphabetic() {
                    e += 1;
                }
                if chars.get(e).is_some_and(|x| x.1 == '?') {
                    return true;
                }
            }
            return self.lang == Lang::En
                && !paren
                && self.lowercase_opener(run, word_before, &lower, &line[chars[f].0..], casual, ws == start);
        }
        if !(first.is_alphabetic() || first.is_ascii_digit()) {
            return false;
        }
        if !single_period {
            return true;
        }
        // a period before a capital or a digit: abbreviations, initials, list numbers
        let next_word = || {
            let mut e = f;
            while e < chars.len() && chars[e].1.is_alphabetic() {
                e += 1;
            }
            line[chars[f].0..chars.get(e).map_or(line.len(), |x| x.0)].to_lowercase()
        };
        let starter = || match self.lang {
            Lang::En => EN_STARTERS.binary_search(&next_word().as_str()).is_ok(),
            // a Latin-script abbreviation before a Cyrillic capital: a new Kazakh sentence
            Lang::Kk => first.is_uppercase() && is_cyrillic(first),
        };
        let key = self.abbrev_key(&lower);
        if self.number_abbrevs.contains(key) {
            // `No. 5`, `N°. 12`; elsewhere the word itself (`Really? No. Then …`)
            return !first.is_ascii_digit();
        }
        if self.final_abbrevs.contains(key) {
            return first.is_uppercase();
        }
        if self.starter_abbrevs.contains(key) {
            return first.is_uppercase() && starter();
        }
        if self.abbrevs.contains(key) {
            return false;
        }
        if is_initial(word_before) {
            // an initial (`Қ.`, `M.`, `Ф.Д.`) or a one-letter abbreviation (`т.`);
            // in English a lone capital before a sentence opener ends the
            // sentence (`you and I. Did you …`)
            // (`you and I. Did you …`, `I live in the E.U. How about you?`)
            let capital = word_before.chars().next().is_some_and(char::is_uppercase);
            return self.lang == Lang::En && capital && first.is_uppercase() && starter();
        }
        if joined_letters(word_before) {
            // lowercase shortenings (`40.27° с.ш. 77.97° в.д. Тереңдігі`): a
            // capital after them starts a sentence, a number does not
            return first.is_uppercase();
        }
        let letters = word_before.chars().filter(|c| c.is_alphabetic()).count();
        if letters > 0
            && letters <= 4
            && word_before.chars().all(char::is_alphabetic)
            && !word_before.chars().any(is_vowel)
        {
            // a word with no vowel is a shortening (`Дж. Лондон`, `шт.`), not a
            // Kazakh or English word; all capitals is an acronym (`TV.`, `ТМД.`);
            // after a number it is a unit, which may end the sentence (`300 мм. Жазы`)
            let caps = word_before.chars().all(char::is_uppercase);
            let capitalised = word_before.chars().next().is_some_and(char::is_uppercase);
            let latin_lower = !capitalised && !word_before.chars().any(is_cyrillic);
            let after_number = ws >= 2 && chars[ws - 1].1.is_whitespace() && chars[ws - 2].1.is_ascii_digit();
            // an English sentence of its own is an interjection (`Mm. Hot out.`)
            let alone = self.lang == Lang::En && ws == start;
            if !(caps || latin_lower || alone || after_number && first.is_uppercase()) {
                return false;
            }
        }
        if !word_before.is_empty() && word_before.chars().all(|c| c.is_ascii_digit()) && ws == start {
            return false; // `12. Мұнан кейін` — a list number opening the sentence
        }
        true
    }

    /// Does an English sentence end at `run` (after `word_before`) although
    /// the next one, `rest`, starts in lower case? Web text (mail, forums,
    /// reviews) often drops the capital: `it was great!! the food …`, `see
    /// you there. i will call`. Only before a word that opens sentences far
    /// more often than it follows a period inside one, or any word after `!`
    /// or `?` and a lowercase word; after a plain word (not an abbreviation,
    /// an initial or an acronym), and never after an ellipsis or a closing
    /// quote (`"Great." she said`). In a `casual` text, one whose writer
    /// starts sentences in lower case elsewhere, any word opens one after a
    /// period that follows a plain word.
    /// `lower` is `word_before` lowercased; `rest` starts with a lowercase letter.
    fn lowercase_opener(
        &self,
        run: &[(usize, char)],
        word_before: &str,
        lower: &str,
        rest: &str,
        casual: bool,
        alone: bool,
    ) -> bool {
        // after a closing quote a lowercase word is the attribution
        // (`"Great." she said`), except from a casual writer whose next words
        // are not one (`… for ever." in his memory`)
        let quote = run.iter().any(|x| is_closer(x.1));
        if run.iter().any(|x| x.1 == '…')
            || quote && (!casual || attribution(rest))
            || run.iter().filter(|x| x.1 == '.').count() > 1
        {
            return false;
        }
        let plain = word_before.chars().count() >= 2
            && word_before
                .chars()
                .all(|c| c.is_alphanumeric() || c == '\'' || c == '’')
            && word_before.chars().any(char::is_lowercase);
        // a casual writer's sentence also ends after a number (`in 1803. his
        // mother wrote`), an acronym (`in the US. but`), a hyphenated word
        // (`two-fold. the first`) or a closed parenthesis (`(508 BC). during`,
        // `[19]. in the`)
        let core = if casual {
            word_before.trim_end_matches([')', ']'])
        } else {
            word_before
        };
        let loose = casual
            && !core.starts_with('-')
            && !core.ends_with('-')
            && core
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-'))
            && (core.chars().count() >= 2 && core.chars().any(char::is_lowercase)
                || core.chars().count() >= 2 && core.chars().all(char::is_uppercase)
                || !core.is_empty() && !alone && core.chars().all(|c| c.is_ascii_digit()));
        if !(plain || loose) || self.is_abbrev_lower(lower) || self.is_abbrev(core) {
            return false;
        }
        // after `!` or `?` any word opens the next one (`great!! would go
        // again`), unless the mark belongs to a name (`Yahoo! in`, `Jeopardy!`)
        if run.iter().any(|x| matches!(x.1, '!' | '?'))
            && word_before.chars().next().is_some_and(char::is_lowercase)
        {
            return true;
        }
        let next: String = rest
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '\'' || *c == '’')
            .map(|c| if c == '’' { '\'' } else { c })
            .collect();
        // a shortening with no vowel (`mgmt. team`) is not a plain word,
        // unless it is a sentence of its own (`mhm. did you`)
        let shortening = core.chars().count() <= 4
            && core.chars().all(char::is_alphabetic)
            && !core.chars().any(is_vowel)
            && !alone;
        EN_LOWER_OPENERS.contains(&next.as_str()) || casual && !next.is_empty() && !shortening
    }

    /// Does the writer of `text` start sentences in lower case? Edited text
    /// never does; web text (mail, forums, reviews) often does, and then a
    /// lowercase word after a period is the next sentence as often as not
    /// (`call me tomorrow. please be on time`). Two signs, both absent from
    /// edited English: the pronoun `i` in lower case (`i think`, `i'm`), and
    /// two lines that start in lower case where the line before does not run
    /// on into them (see [`wrapped`]). One such line is not enough: edited
    /// text has one now and then (GUM's `encl: …` after a heading, a FLORES
    /// paragraph that lost its capital). English only.
    pub fn lowercase_starts(&self, text: &str) -> bool {
        self.lowercase_starts_in(text.split_inclusive('\n'))
    }

    /// [`Splitter::lowercase_starts`] of a text given as its lines (or
    /// paragraphs), each with or without its line break.
    pub fn lowercase_starts_in<'a>(&self, lines: impl IntoIterator<Item = &'a str> + Clone) -> bool {
        if self.lang != Lang::En {
            return false;
        }
        let pronoun = lines
            .clone()
            .into_iter()
            .flat_map(str::split_whitespace)
            .any(|t| {
                let t = t.trim_end_matches(|c: char| c.is_ascii_punctuation() || is_closer(c));
                t == "i"
                    || ["i'", "i’"].iter().any(|a| {
                        t.strip_prefix(a)
                            .is_some_and(|r| matches!(r, "m" | "ve" | "ll" | "d"))
                    })
            });
        if pronoun {
            return true;
        }
        let mut prev: Option<&str> = None;
        let mut lines = lines.into_iter().filter(|line| {
            let joined = prev.is_some_and(|p| wrapped(p, line));
            prev = Some(line);
            let word = line
                .trim_start_matches(|c: char| c.is_whitespace() || is_opener(c) || is_bullet(c))
                .split(char::is_whitespace)
                .next()
                .unwrap_or("");
            // a word with a capital inside is a name (`iPhone`, `eBay`)
            !joined
                && word.chars().next().is_some_and(char::is_lowercase)
                && word.chars().all(|c| !c.is_uppercase())
                && !word.contains(['.', '/', '@'])
        });
        lines.next().is_some() && lines.next().is_some()
    }

    /// The abbreviation to look up for a lowercased word: the word itself, or
    /// the part after a period glued to it (`tuesday.mr` → `mr`).
    fn abbrev_key<'w>(&self, lower: &'w str) -> &'w str {
        if self.is_abbrev_lower(lower) {
            return lower;
        }
        match lower.rsplit_once('.') {
            Some((head, tail))
                if head.rsplit('.').next().is_some_and(|w| w.chars().count() >= 2)
                    && self.is_abbrev_lower(tail) =>
            {
                tail
            }
            _ => lower,
        }
    }

    fn is_abbrev(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.is_abbrev_lower(&lower)
    }

    fn is_abbrev_lower(&self, lower: &str) -> bool {
        self.abbrevs.contains(lower)
            || self.final_abbrevs.contains(lower)
            || self.starter_abbrevs.contains(lower)
            || self.number_abbrevs.contains(lower)
    }

    /// Index of the first character of the word that ends just before `k`.
    fn word_start(&self, chars: &[(usize, char)], k: usize) -> usize {
        let mut s = k;
        while s > 0 && !chars[s - 1].1.is_whitespace() && !is_opener(chars[s - 1].1) {
            s -= 1;
        }
        // an apostrophe inside a word is part of it (`cat's`, `Қазақстан'да`)
        while s >= 2 && matches!(chars[s - 1].1, '\'' | '’') && chars[s - 2].1.is_alphanumeric() {
            s -= 1;
            while s > 0 && !chars[s - 1].1.is_whitespace() && !is_opener(chars[s - 1].1) {
                s -= 1;
            }
        }
        s
    }
}

#[cfg(test)]
mod tests;

/// Is `word` (before its period) an initial or initials: a single letter
/// (`Қ`, `т`), or capitals joined by periods (`Ф.Д`, `J.R.R`)?
fn is_initial(word: &str) -> bool {
    let mut cs = word.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        return c.is_alphabetic();
    }
    joined_letters(word) && word.chars().all(|c| c == '.' || c.is_uppercase())
}

/// Single letters joined by periods (`с.ш`, `Ф.Д`), at least two.
fn joined_letters(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|p| {
            let mut cs = p.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
        })
}

/// A spaced ellipsis starting at the period `k` (`. . .`, three or four dots
/// one space apart): its character range.
fn spaced_ellipsis(chars: &[(usize, char)], k: usize) -> Option<Range<usize>> {
    let mut e = k + 1;
    let mut dots = 1;
    while e + 1 < chars.len() && chars[e].1 == ' ' && chars[e + 1].1 == '.' && dots < 4 {
        dots += 1;
        e += 2;
    }
    (dots >= 3).then_some(k..e)
}

/// A footnote mark after a sentence's punctuation (`… in 1805. [19] His …`):
/// the index after it. GUM and Wikipedia keep it with the sentence before.
fn footnote(chars: &[(usize, char)], j: usize) -> Option<usize> {
    let mut n = j;
    while n < chars.len() && chars[n].1 == ' ' {
        n += 1;
    }
    if chars.get(n)?.1 != '[' {
        return None;
    }
    let mut d = n + 1;
    while d < chars.len() && chars[d].1.is_ascii_digit() && d - n <= 3 {
        d += 1;
    }
    (d > n + 1 && chars.get(d)?.1 == ']' && chars.get(d + 1).is_none_or(|x| x.1.is_whitespace()))
        .then_some(d + 1)
}

/// Does `before` (ending in a line break) run on into `after`? Only when the
/// last word before the break is lowercase, with nothing after it, and the next
/// line starts with a lowercase letter: a line wrapped inside a sentence, as
/// PDF text is. A heading (`Academic Assembly`) or a sentence end never wraps.
fn wrapped(before: &str, after: &str) -> bool {
    let b = before.trim_end();
    if b.len() == before.len() {
        return false; // no line break
    }
    let last_word = b.rsplit(char::is_whitespace).next().unwrap_or("");
    let word_lower = !last_word.is_empty() && last_word.chars().all(char::is_lowercase);
    word_lower
        && after
            .trim_start_matches([' ', '\t'])
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
}
