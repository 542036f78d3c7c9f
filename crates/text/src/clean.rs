//! Pass 3: line ends, invisible characters, controls, spaces, trimming, NFC.

use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::{Builder, PassOut, Rule};

fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}')
}

/// Spaces that become a plain space: NBSP, the U+2000 block (thin, hair, …), narrow NBSP, …
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{1680}'
    )
}

/// The rule that removes `c`, if any.
fn removal(c: char) -> Option<Rule> {
    match c {
        '\u{FEFF}' => Some(Rule::Bom),
        '\u{00AD}' => Some(Rule::SoftHyphen),
        c if is_zero_width(c) => Some(Rule::ZeroWidth),
        c if c.is_control() && c != '\t' && c != '\n' => Some(Rule::Control),
        _ => None,
    }
}

/// Characters that are starters (combining class 0) and always NFC (quick
/// check `Yes`), as ASCII is: the Cyrillic letters. Unicode's tables are not
/// looked up for them (a test checks the claim against the tables).
fn plain_starter(c: char) -> bool {
    c <= '\x7f' || matches!(c, '\u{0400}'..='\u{0482}' | '\u{048A}'..='\u{052F}')
}

/// Printable ASCII and the Cyrillic letters: plain starters that are neither
/// whitespace nor removed, so the pass keeps them as they are.
fn bulk(c: char) -> bool {
    matches!(c, '!'..='~' | '\u{0400}'..='\u{0482}' | '\u{048A}'..='\u{052F}')
}

/// [`is_nfc_quick`] of `chars`, with the Cyrillic letters taken as ASCII:
/// the same answer (both are starters the check lets through), without the
/// table look-ups.
fn nfc_quick(chars: impl Iterator<Item = char>) -> IsNormalized {
    is_nfc_quick(chars.map(|c| if plain_starter(c) { 'a' } else { c }))
}

/// Does this text need the pass at all? Clean text answers in one scan.
fn needs_work(s: &str) -> bool {
    let mut prev_space = true; // at line start a space is a leading space
    for c in s.chars() {
        if c == '\n' {
            prev_space = true;
            continue;
        }
        if removal(c).is_some()
            || c == '\t'
            || c == '\r'
            || is_odd_space(c)
            || (c != ' ' && c.is_whitespace())
        {
            return true;
        }
        if c == ' ' {
            if prev_space {
                return true;
            }
            prev_space = true;
            continue;
        }
        prev_space = false;
    }
    // a trailing space at the end of any line
    if s.split('\n').any(|l| l.ends_with(' ')) {
        return true;
    }
    nfc_quick(s.chars()) != IsNormalized::Yes && s.nfc().ne(s.chars())
}

/// Run the pass; `None` when there is nothing to do.
pub(crate) fn clean(input: &str) -> Option<PassOut> {
    if !needs_work(input) {
        return None;
    }
    let mut out = Builder::for_input(input);
    let b = input.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i <= b.len() {
        let end_of_line = i == b.len() || b[i] == b'\n' || b[i] == b'\r';
        if !end_of_line {
            i += 1;
            continue;
        }
        line(&mut out, input, start, &input[start..i]);
        if i == b.len() {
            break;
        }
        let e = if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
        out.replace(Rule::LineEnd, input, i..e, "\n");
        start = e;
        i = e;
    }
    Some(out.finish(input.len()))
}

/// One line without its ending.
fn line(out: &mut Builder, input: &str, base: usize, line: &str) {
    let mut pending: Option<Range<usize>> = None;
    let mut wrote = false;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = base + i..base + i + c.len_utf8();
        if let Some(rule) = removal(c) {
            out.change(rule, at.clone(), &input[at], "");
            continue;
        }
        if c.is_whitespace() {
            if is_odd_space(c) {
                out.change(Rule::Space, at.clone(), &input[at.clone()], " ");
            }
            match &mut pending {
                Some(r) => r.end = at.end,
                None => pending = Some(at),
            }
            continue;
        }
        if let Some(r) = pending.take() {
            let from = &input[r.clone()];
            if wrote {
                // a single odd space was already recorded as `space`
                let single_odd = from.chars().count() == 1 && from.chars().all(is_odd_space);
                if from != " " && !single_odd {
                    out.change(Rule::Whitespace, r.clone(), from, " ");
                }
                out.push_str(" ", r);
            } else {
                out.change(Rule::Whitespace, r, from, "");
            }
        }
        if bulk(c) {
            // a run of such characters, none followed by a combining mark,
            // is kept at once: what keeping each of them alone gives
            let (mut end, mut last) = (i + c.len_utf8(), i);
            while let Some(d) = line[end..].chars().next() {
                if bulk(d) {
                    last = end;
                    end += d.len_utf8();
                    continue;
                }
                if !plain_starter(d) && canonical_combining_class(d) != 0 {
                    end = last; // the last one starts a unit with its marks
                }
                break;
            }
            if end > i {
                out.keep(input, base + i..base + end);
                wrote = true;
                while chars.next_if(|&(j, _)| j < end).is_some() {}
                continue;
            }
        }
        // a starter and the combining marks after it form one unit for NFC
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if plain_starter(d) || canonical_combining_class(d) == 0 {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        let unit = &line[i..end];
        let range = base + i..base + end;
        let single = end == i + c.len_utf8();
        // (a plain starter alone is NFC: no table look-up)
        if single && plain_starter(c) || nfc_quick(unit.chars()) == IsNormalized::Yes {
            if single {
                out.keep(input, range);
            } else {
                // a unit of several characters maps to all of its bytes
                out.push_str(unit, range);
            }
        } else {
            let nfc: String = unit.nfc().collect();
            out.replace(Rule::Nfc, input, range, &nfc);
        }
        wrote = true;
    }
    if let Some(r) = pending {
        out.change(Rule::Whitespace, r.clone(), &input[r], "");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_kept_in_bulk_are_plain_starters_the_pass_leaves_alone() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|&c| bulk(c)) {
            assert!(
                plain_starter(c) && removal(c).is_none() && !c.is_whitespace(),
                "{c:?}"
            );
        }
        // and a run of them keeps its last letter with the marks after it
        let mut out = Builder::for_input("абв\u{0306} x");
        line(&mut out, "абв\u{0306} x", 0, "абв\u{0306} x");
        let p = out.finish(10);
        assert_eq!(p.text, "аб\u{0432}\u{0306} x");
        // `а` maps to its own bytes, `в` to itself and its mark (one unit)
        assert_eq!(p.map.entry(&p.text, 0), 0..2);
        assert_eq!(p.map.entry(&p.text, 3), 2..4);
        assert_eq!(p.map.entry(&p.text, 4), 4..8);
        assert_eq!(p.map.entry(&p.text, 7), 4..8);
    }

    #[test]
    fn plain_starters_are_starters_that_are_always_nfc() {
        let all = (0..=0x10FFFFu32).filter_map(char::from_u32);
        let mut n = 0;
        for c in all.filter(|&c| plain_starter(c)) {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            n += 1;
        }
        assert_eq!(n, 128 + 0x130 - 7);
        // taken as ASCII, a text checks the same: marks around a letter
        for s in [
            "а\u{0301}",
            "\u{0301}а\u{0300}",
            "\u{0323}\u{0301}",
            "е\u{0308}ж",
            "x\u{0483}й",
        ] {
            assert_eq!(nfc_quick(s.chars()), is_nfc_quick(s.chars()), "{s:?}");
        }
    }
}
